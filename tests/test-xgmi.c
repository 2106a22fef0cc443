/* SPDX-License-Identifier: MIT */
/*
 * get_xgmi_info(): node count, node id and segment size per part, the
 * limits the driver refuses, PF_MAX_REGION 0 and connected_to_cpu (read on
 * Aldebaran only: gmc_v9_0.c, gmc_v9_0_early_init()).
 * Facts: gmc-address-math.md §1.1 and §2.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

static struct gmc_xgmi
xgmi_ok(const char *name, uint32_t cntl, uint32_t size, bool connected_to_cpu)
{
	const struct gmc_regs regs = regs_make(0, 0, 0, cntl, size);
	struct gmc_xgmi x;
	struct gmc_error err = { 0 };
	int rc;

	memset(&x, POISON_BYTE, sizeof(x));
	rc = gmc_xgmi_info(asic_get(name), &regs, connected_to_cpu, &x, &err);
	if (rc != 0)
		fail_msg("%s cntl 0x%x: gmc_xgmi_info = %d (%s)", name, cntl, rc, err.message);
	assert_int_equal(err.code, 0);
	return x;
}

/* The driver refuses these registers: -EINVAL naming @p needle, out untouched. */
static void
xgmi_refused(const char *name, uint32_t cntl, bool connected_to_cpu, const char *needle)
{
	const struct gmc_regs regs = regs_make(0, 0, 0, cntl, 0x800);
	struct gmc_xgmi x;
	struct gmc_error err = { 0 };
	int rc;

	memset(&x, POISON_BYTE, sizeof(x));
	rc = gmc_xgmi_info(asic_get(name), &regs, connected_to_cpu, &x, &err);
	if (rc != -EINVAL)
		fail_msg("%s cntl 0x%x: gmc_xgmi_info = %d, want -EINVAL", name, cntl, rc);
	assert_failure(rc, -EINVAL, &err, needle);
	assert_true(is_poisoned(&x, sizeof(x)));

	/* the report is optional */
	assert_int_equal(gmc_xgmi_info(asic_get(name), &regs, connected_to_cpu, &x, NULL), -EINVAL);
	assert_true(is_poisoned(&x, sizeof(x)));
}

static void
test_vega20_limits(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* vega20: max 4 nodes, max id 3 (§2) */
	/* PF_MAX_REGION = (0x33 & 0x70) >> 4 = 3 → 4 nodes; id = 0x33 & 7 = 3 */
	x = xgmi_ok("vega20", 0x33, 0x800, false);
	assert_true(x.supported);
	assert_false(x.connected_to_cpu);
	assert_int_equal(x.num_physical_nodes, 4);
	assert_int_equal(x.physical_node_id, 3);
	/* 0x800 << 24 = 0x8_0000_0000 */
	assert_int_equal(x.node_segment_size, UINT64_C(0x800000000));

	/* (0x40 & 0x70) >> 4 = 4 → 5 nodes > 4 */
	xgmi_refused("vega20", 0x40, false, "nodes");
	/* MAX 3 (4 nodes) with id 0x34 & 7 = 4 > 3 */
	xgmi_refused("vega20", 0x34, false, "physical node id");
}

static void
test_arcturus_limits(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* arcturus: max 8 nodes, max id 7 (§2) */
	/* (0x77 & 0x70) >> 4 = 7 → 8 nodes; 0x77 & 7 = 7 */
	x = xgmi_ok("arcturus", 0x77, 0x800, false);
	assert_int_equal(x.num_physical_nodes, 8);
	assert_int_equal(x.physical_node_id, 7);
	assert_int_equal(x.node_segment_size, UINT64_C(0x800000000));

	/*
	 * 9 nodes and id 8 cannot be written in the 3-bit fields: bit 7 and
	 * bit 3 fall outside them. 0x88: MAX = (0x88 & 0x70) >> 4 = 0 → XGMI
	 * off, nothing refused.
	 */
	x = xgmi_ok("arcturus", 0x88, 0x800, false);
	assert_true(x.supported);
	assert_int_equal(x.num_physical_nodes, 0);
	assert_int_equal(x.physical_node_id, 0);
	assert_int_equal(x.node_segment_size, 0);
	/* 0xf8: MAX = 7 → 8 nodes, id = 0xf8 & 7 = 0 */
	x = xgmi_ok("arcturus", 0xf8, 0x800, false);
	assert_int_equal(x.num_physical_nodes, 8);
	assert_int_equal(x.physical_node_id, 0);
}

static void
test_aldebaran_limits(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* aldebaran: max 16 nodes, max id 15 (§2, since 2021-08) */
	/* (0xff & 0xf0) >> 4 = 15 → 16 nodes; 0xff & 0xf = 15 */
	x = xgmi_ok("aldebaran", 0xff, 0x1000, false);
	assert_int_equal(x.num_physical_nodes, 16);
	assert_int_equal(x.physical_node_id, 15);
	/* 0x1000 << 24 = 0x10_0000_0000 */
	assert_int_equal(x.node_segment_size, UINT64_C(0x1000000000));

	/*
	 * 17 nodes or id 16 do not fit the 4-bit fields: bit 8 is ignored.
	 * 0x1ff decodes as 0xff: 16 nodes, id 15.
	 */
	x = xgmi_ok("aldebaran", 0x1ff, 0x1000, false);
	assert_int_equal(x.num_physical_nodes, 16);
	assert_int_equal(x.physical_node_id, 15);

	/* the old 8/7 limit is gone: 9 nodes ((0x88 & 0xf0) >> 4 = 8) and id 8 are accepted */
	x = xgmi_ok("aldebaran", 0x88, 0x1000, false);
	assert_int_equal(x.num_physical_nodes, 9);
	assert_int_equal(x.physical_node_id, 8);
}

static void
test_v1_2_limits(void **state)
{
	static const char *const names[] = { "gc943", "gc944", "gc950" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct gmc_xgmi x;

		/* gfxhub_v1_2: always 8 nodes / id 7 (§2) */
		/* (0x77 & 0xf0) >> 4 = 7 → 8 nodes; 0x77 & 0xf = 7 */
		x = xgmi_ok(names[i], 0x77, 0x1800, false);
		assert_true(x.supported);
		assert_int_equal(x.num_physical_nodes, 8);
		assert_int_equal(x.physical_node_id, 7);
		/* 0x1800 << 24 = 0x18_0000_0000 */
		assert_int_equal(x.node_segment_size, UINT64_C(0x1800000000));

		/* (0x80 & 0xf0) >> 4 = 8 → 9 nodes > 8 */
		xgmi_refused(names[i], 0x80, false, "nodes");
		/* MAX 7 (8 nodes) with id 0x78 & 0xf = 8 > 7 */
		xgmi_refused(names[i], 0x78, false, "physical node id");
		/* 16 nodes and id 15 are both refused; the node count is checked first */
		xgmi_refused(names[i], 0xff, false, "nodes");
	}
}

static void
test_id_not_checked_against_count(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/*
	 * The driver compares the id with the part's maximum only, not with
	 * the hive size: MAX = (0x13 & 0x70) >> 4 = 1 → 2 nodes, id 3 <= 3.
	 */
	x = xgmi_ok("vega20", 0x13, 0x800, false);
	assert_int_equal(x.num_physical_nodes, 2);
	assert_int_equal(x.physical_node_id, 3);
}

static void
test_segment_size_masks(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* 9.4.2: 0x18000 & 0xffff = 0x8000; 0x8000 << 24 = 0x80_0000_0000 (§1.1) */
	x = xgmi_ok("aldebaran", 0x11, 0x18000, false);
	assert_int_equal(x.node_segment_size, UINT64_C(0x8000000000));
	/* 9.4.3: 0x18000 & 0x1ffff = 0x18000; << 24 = 0x180_0000_0000 */
	x = xgmi_ok("gc943", 0x11, 0x18000, false);
	assert_int_equal(x.node_segment_size, UINT64_C(0x18000000000));
	/* vega20: 0xffffffff & 0xffff = 0xffff; << 24 = 0xff_ff00_0000 */
	x = xgmi_ok("vega20", 0x10, 0xffffffff, false);
	assert_int_equal(x.node_segment_size, UINT64_C(0xffff000000));
	/* 9.4.4: 0xffffffff & 0x1ffff = 0x1ffff; << 24 = 0x1ff_ff00_0000 */
	x = xgmi_ok("gc944", 0x10, 0xffffffff, false);
	assert_int_equal(x.node_segment_size, UINT64_C(0x1ffff000000));
	/* 9.4.2 with 0x10000: & 0xffff = 0 → a hive of 2 with a zero segment */
	x = xgmi_ok("aldebaran", 0x10, 0x10000, false);
	assert_int_equal(x.num_physical_nodes, 2);
	assert_int_equal(x.node_segment_size, 0);
}

static void
test_max_region_zero_disables(void **state)
{
	static const char *const names[] = { "vega20", "arcturus", "aldebaran",
					     "gc943",  "gc944",	   "gc950" };

	(void)state;
	for (size_t i = 0; i < 6; i++) {
		/* "PF_MAX_REGION=0 means xgmi is disabled": REGION 2 and SIZE are not stored */
		struct gmc_xgmi x = xgmi_ok(names[i], 0x02, 0x800, false);

		assert_true(x.supported);
		assert_false(x.connected_to_cpu);
		assert_int_equal(x.num_physical_nodes, 0);
		assert_int_equal(x.physical_node_id, 0);
		assert_int_equal(x.node_segment_size, 0);
	}
	/* and REGION 7 beyond vega20's limit is not even looked at: 0x07 has MAX 0 */
	{
		struct gmc_xgmi x = xgmi_ok("vega20", 0x07, 0x800, false);

		assert_int_equal(x.num_physical_nodes, 0);
		assert_int_equal(x.physical_node_id, 0);
	}
}

static void
test_connected_to_cpu_single_node(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* connected_to_cpu takes the branch with MAX 0: 0 + 1 = 1 node (§2) */
	x = xgmi_ok("aldebaran", 0x00, 0x1000, true);
	assert_true(x.supported);
	assert_true(x.connected_to_cpu);
	assert_int_equal(x.num_physical_nodes, 1);
	assert_int_equal(x.physical_node_id, 0);
	/* 0x1000 << 24 = 0x10_0000_0000 */
	assert_int_equal(x.node_segment_size, UINT64_C(0x1000000000));

	/* id and segment are still read from the registers: 0x03 → id 3, MAX 0 */
	x = xgmi_ok("aldebaran", 0x03, 0x1800, true);
	assert_int_equal(x.num_physical_nodes, 1);
	assert_int_equal(x.physical_node_id, 3);
	assert_int_equal(x.node_segment_size, UINT64_C(0x1800000000));

	/* with MAX != 0 connected_to_cpu changes nothing but the flag: Example 3 */
	x = xgmi_ok("aldebaran", 0x75, 0x1000, true);
	assert_true(x.connected_to_cpu);
	assert_int_equal(x.num_physical_nodes, 8);
	assert_int_equal(x.physical_node_id, 5);
}

static void
test_connected_to_cpu_read_on_aldebaran_only(void **state)
{
	static const char *const names[] = { "vega20", "arcturus", "gc943", "gc944", "gc950" };

	(void)state;
	/*
	 * gmc_v9_0.c: gmc_v9_0_early_init() sets xgmi.connected_to_cpu from the
	 * SMU only for XGMI IP 6.1.0 (Aldebaran); elsewhere it stays false (§2).
	 */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* MAX 0: XGMI stays off, REGION 2 and SIZE are not stored */
		struct gmc_xgmi x = xgmi_ok(names[i], 0x02, 0x800, true);

		assert_true(x.supported);
		assert_false(x.connected_to_cpu);
		assert_int_equal(x.num_physical_nodes, 0);
		assert_int_equal(x.physical_node_id, 0);
		assert_int_equal(x.node_segment_size, 0);

		/* a hive: the same as without the flag, (0x11 & MAX) >> 4 = 1 → 2 nodes, id 1 */
		x = xgmi_ok(names[i], 0x11, 0x800, true);
		assert_false(x.connected_to_cpu);
		assert_int_equal(x.num_physical_nodes, 2);
		assert_int_equal(x.physical_node_id, 1);
		assert_int_equal(x.node_segment_size, UINT64_C(0x800000000));
	}

	/* gfxhub_v1_2 with MAX 0 and REGION 0x08 & 0xf = 8 > 7: never looked at, accepted */
	{
		struct gmc_xgmi x = xgmi_ok("gc943", 0x08, 0x1800, true);

		assert_false(x.connected_to_cpu);
		assert_int_equal(x.num_physical_nodes, 0);
		assert_int_equal(x.physical_node_id, 0);
	}
	/* vega20, MAX 0 and REGION 7 > 3: the same */
	{
		struct gmc_xgmi x = xgmi_ok("vega20", 0x07, 0x800, true);

		assert_int_equal(x.num_physical_nodes, 0);
	}
}

static void
test_connected_to_cpu_ignored_without_xgmi(void **state)
{
	static const char *const names[] = { "vega10",	       "raven",	 "renoir", "navi10",
					     "sienna_cichlid", "gc1100", "gc1200" };

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* xgmi.supported is false: nothing is read, the flag is not honoured */
		struct gmc_xgmi x = xgmi_ok(names[i], 0x75, 0x1000, true);

		assert_false(x.supported);
		assert_false(x.connected_to_cpu);
		assert_int_equal(x.num_physical_nodes, 0);
		assert_int_equal(x.physical_node_id, 0);
		assert_int_equal(x.node_segment_size, 0);

		x = xgmi_ok(names[i], 0x75, 0x1000, false);
		assert_false(x.supported);
		assert_int_equal(x.num_physical_nodes, 0);
	}
}

static void
test_node_offset(void **state)
{
	struct gmc_xgmi x;

	(void)state;
	/* Example 1: id 2 × 0x8_0000_0000 = 0x10_0000_0000 (§9, vram_base_offset) */
	x = xgmi_ok("vega20", 0x32, 0x800, false);
	assert_int_equal(gmc_xgmi_node_offset(&x), UINT64_C(0x1000000000));
	/* Example 3: id 5 × 0x10_0000_0000 = 0x50_0000_0000 (its sysvm vram_start) */
	x = xgmi_ok("aldebaran", 0x75, 0x1000, true);
	assert_int_equal(gmc_xgmi_node_offset(&x), UINT64_C(0x5000000000));
	/* Example 4 after resume: id 5 × 0x17_f800_0000 = 0x77_d800_0000 */
	x = xgmi_ok("gc944", 0x75, 0x17f8, false);
	assert_int_equal(gmc_xgmi_node_offset(&x), UINT64_C(0x77d8000000));
	/* node 0 of a hive: 0 × seg */
	x = xgmi_ok("gc944", 0x70, 0x17f8, false);
	assert_int_equal(gmc_xgmi_node_offset(&x), 0);
	/* XGMI off (MAX 0, REGION 2 not stored) and a part without XGMI: 0 */
	x = xgmi_ok("vega20", 0x02, 0x800, false);
	assert_int_equal(gmc_xgmi_node_offset(&x), 0);
	x = xgmi_ok("navi10", 0x75, 0x1000, false);
	assert_int_equal(gmc_xgmi_node_offset(&x), 0);
	assert_int_equal(gmc_xgmi_node_offset(NULL), 0);

	/*
	 * The driver multiplies an unsigned by a u64 and wraps: with id
	 * 0xffff_ffff and a 2^40 segment, (2^32 - 1) × 2^40 = 2^72 - 2^40,
	 * which is -2^40 mod 2^64 = 0xffff_ff00_0000_0000.
	 */
	x = (struct gmc_xgmi){ .supported = true,
			       .num_physical_nodes = 1,
			       .physical_node_id = 0xffffffffu,
			       .node_segment_size = UINT64_C(1) << 40 };
	assert_int_equal(gmc_xgmi_node_offset(&x), UINT64_C(0xffffff0000000000));
}

static void
test_null_arguments(void **state)
{
	const struct gmc_regs regs = regs_make(0, 0, 0, 0x32, 0x800);
	struct gmc_xgmi x;
	struct gmc_error err = { 0 };

	(void)state;
	memset(&x, POISON_BYTE, sizeof(x));
	assert_int_equal(gmc_xgmi_info(NULL, &regs, false, &x, &err), -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_true(strlen(err.message) > 0);
	assert_int_equal(gmc_xgmi_info(asic_get("vega20"), NULL, false, &x, NULL), -EINVAL);
	assert_true(is_poisoned(&x, sizeof(x)));
	assert_int_equal(gmc_xgmi_info(asic_get("vega20"), &regs, false, NULL, NULL), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vega20_limits),
		cmocka_unit_test(test_arcturus_limits),
		cmocka_unit_test(test_aldebaran_limits),
		cmocka_unit_test(test_v1_2_limits),
		cmocka_unit_test(test_id_not_checked_against_count),
		cmocka_unit_test(test_segment_size_masks),
		cmocka_unit_test(test_max_region_zero_disables),
		cmocka_unit_test(test_connected_to_cpu_single_node),
		cmocka_unit_test(test_connected_to_cpu_read_on_aldebaran_only),
		cmocka_unit_test(test_connected_to_cpu_ignored_without_xgmi),
		cmocka_unit_test(test_node_offset),
		cmocka_unit_test(test_null_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
