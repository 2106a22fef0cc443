/* SPDX-License-Identifier: MIT */
/*
 * What differs between two profiles (gmcsim_profile_diff() and its text),
 * and the check plan's header text for --from/--to.
 *
 * Expected differences come from docs/profiles.md ("Pairs": the fields that
 * differ in each built-in pair) and the register values its table of
 * built-ins gives: gc944 XGMI_LFB_CNTL 0x72 / 0x75 (nodes 2 and 5, PF_LFB_REGION
 * in bits 3:0), Navi21 FB_OFFSET 0x40 / 0x400, GC 11.0.0 FB_LOCATION
 * 0x8000-0x83bf / 0x8400-0x87bf.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim-plan.h"

static struct gmcsim_profile
builtin(const char *name)
{
	struct gmcsim_profile p;

	if (gmcsim_profile_builtin(name, &p) != 0)
		fail_msg("no built-in profile '%s'", name);
	return p;
}

/* docs/profiles.md, "Pairs": each pair differs in exactly these fields. */
static const struct {
	const char *pair;
	unsigned changes;
	const char *text;
} pairs[] = {
	{ "gc944-node2-to-node5", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 2 -> 5" },
	{ "gc944-multi-vf-node2-to-node5", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 2 -> 5" },
	{ "gc943-node2-to-node5", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 2 -> 5" },
	{ "gc950-node2-to-node5", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 2 -> 5" },
	{ "gc1100-fb-location", GMCSIM_CHANGE_FB_LOCATION,
	  "FB location 0x8000-0x83bf -> 0x8400-0x87bf" },
	{ "vega20-node1-to-node3", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 1 -> 3" },
	{ "aldebaran-a-a-node2-to-node5", GMCSIM_CHANGE_XGMI_NODE, "xgmi node id 2 -> 5" },
	{ "navi21-fb-offset", GMCSIM_CHANGE_FB_OFFSET, "mc_fb_offset 0x40 -> 0x400" },
	{ "gc944-identity", GMCSIM_CHANGE_IDENTITY, "identity values" },
	{ "gc944-bars", GMCSIM_CHANGE_BARS, "BAR addresses" },
};

static void
test_builtin_pairs(void **state)
{
	(void)state;
	assert_int_equal(sizeof(pairs) / sizeof(pairs[0]), gmcsim_pair_builtin_count());
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct gmcsim_pair *pr = gmcsim_pair_builtin(pairs[i].pair);
		struct gmcsim_profile a, b;
		char text[GMCSIM_TEXT_MAX];

		assert_non_null(pr);
		a = builtin(pr->from);
		b = builtin(pr->to);
		if (gmcsim_profile_diff(&a, &b) != pairs[i].changes)
			fail_msg("%s: changes 0x%x, want 0x%x", pairs[i].pair,
				 gmcsim_profile_diff(&a, &b), pairs[i].changes);
		assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), 0);
		assert_string_equal(text, pairs[i].text);
	}
}

static void
test_nothing_differs(void **state)
{
	struct gmcsim_profile a = builtin("gc944-vf-node2"), b = a;
	char text[GMCSIM_TEXT_MAX];

	(void)state;
	/* names and descriptions do not count */
	snprintf(b.name, sizeof(b.name), "my-copy");
	snprintf(b.description, sizeof(b.description), "another text");
	assert_int_equal(gmcsim_profile_diff(&a, &b), 0);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), 0);
	assert_string_equal(text, "nothing differs");
}

static void
test_several_with_values(void **state)
{
	struct gmcsim_profile a = builtin("gc944-vf-node2"), b = a;
	char text[GMCSIM_TEXT_MAX];

	(void)state;
	/* node 2 -> 6, mc_fb_offset 0 -> 0x10, 96 GiB -> 64 GiB, device 0x74b9 -> 0x74b5 */
	b.regs.value[GMC_REG_XGMI_LFB_CNTL] = 0x76;
	b.regs.value[GMC_REG_FB_OFFSET] = 0x10;
	b.params.vram_size = UINT64_C(64) << 30;
	b.pci.device = 0x74b5;
	b.driver.one_vf = false;
	assert_int_equal(gmcsim_profile_diff(&a, &b),
			 GMCSIM_CHANGE_XGMI_NODE | GMCSIM_CHANGE_FB_OFFSET | GMCSIM_CHANGE_VRAM |
				 GMCSIM_CHANGE_PCI_ID | GMCSIM_CHANGE_DRIVER);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), 0);
	assert_string_equal(text, "xgmi node id 2 -> 6, mc_fb_offset 0x0 -> 0x10, "
				  "VRAM 98048 MiB -> 64 GiB, PCI id 1002:74b9 -> 1002:74b5, "
				  "one-VF -> multi-VF");
	/* too little room for the values: the names */
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, 64), 0);
	assert_string_equal(text, "xgmi node id, mc_fb_offset, VRAM, PCI id, driver facts");
	/* too little even for those: cut, still terminated */
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, 8), 0);
	assert_true(strlen(text) < 8);
}

static void
test_part_and_hive(void **state)
{
	struct gmcsim_profile a = builtin("gc944-vf-node2"), b = builtin("vega20-node1");
	char text[GMCSIM_TEXT_MAX];
	unsigned c = gmcsim_profile_diff(&a, &b);

	(void)state;
	/* another part, node 2 of 8 -> node 1 of 4, other FB, VRAM, ids, BARs, bare metal */
	assert_true(c & GMCSIM_CHANGE_PART);
	assert_true(c & GMCSIM_CHANGE_XGMI_NODE);
	assert_true(c & GMCSIM_CHANGE_XGMI_HIVE);
	assert_true(c & GMCSIM_CHANGE_PARAMS);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), 0);
	/* with every value it would not fit GMCSIM_TEXT_MAX: the names, in bit order */
	assert_string_equal(text, "part, xgmi node id, hive, FB location, VRAM, driver inputs, "
				  "PCI id, BARs, PCI slot, identity values, IP versions, "
				  "driver facts");
	/* the same hive size, a node segment of another size */
	b = a;
	b.regs.value[GMC_REG_XGMI_LFB_SIZE] =
		0x800; /* 0x800 << 24 = 32 GiB; 0x17f8 << 24 = 6136 x 16 MiB */
	assert_int_equal(gmcsim_profile_diff(&a, &b), GMCSIM_CHANGE_XGMI_HIVE);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), 0);
	assert_string_equal(text, "node segment 98176 MiB -> 32 GiB");
}

static void
test_bad_arguments(void **state)
{
	struct gmcsim_profile a = builtin("gc944-vf-node2"), b = a;
	char text[16];

	(void)state;
	assert_int_equal(gmcsim_profile_diff(NULL, &b), 0);
	assert_int_equal(gmcsim_profile_diff_text(NULL, &b, text, sizeof(text)), -EINVAL);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, NULL, 16), -EINVAL);
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, 0), -EINVAL);
	b.asic = NULL;
	assert_int_equal(gmcsim_profile_diff_text(&a, &b, text, sizeof(text)), -EINVAL);
}

/* check --from/--to: the header says what differs, whichever profile comes first. */
static void
test_plan_from_to(void **state)
{
	struct check_plan plan;
	struct gmc_error err = { 0 };

	(void)state;
	check_plan_init(&plan);
	assert_int_equal(check_plan_set_profile(&plan, true, "navi21-vf-b", &err), 0);
	assert_int_equal(check_plan_set_profile(&plan, false, "navi21-vf-a", &err), 0);
	assert_string_equal(plan.pair, "");
	assert_string_equal(plan.changes, "mc_fb_offset 0x40 -> 0x400");
	assert_int_equal(check_plan_set_profile(&plan, false, "gc944-vf-node2", &err), 0);
	assert_int_equal(check_plan_set_profile(&plan, true, "gc944-vf-node2-otherbar", &err), 0);
	assert_string_equal(plan.changes, "BAR addresses");
	check_plan_fini(&plan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_pairs),	    cmocka_unit_test(test_nothing_differs),
		cmocka_unit_test(test_several_with_values), cmocka_unit_test(test_part_and_hive),
		cmocka_unit_test(test_bad_arguments),	    cmocka_unit_test(test_plan_from_to),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
