/* SPDX-License-Identifier: MIT */
/*
 * The check plan and its outcome through libgmcsim directly (the code
 * behind `gmcsim check`): defaults, each setter's refusals, validation,
 * running every combination, the verdicts and the report's rows.
 *
 * Expected findings come from the RFC's three caller patterns
 * (upstream-history.md §1, bo-lifecycle-and-callers.md §A) and the address
 * math (gmc-address-math.md §2), worked out at each assertion.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "sim-plan.h"

/*
 * The gc944 profiles (sim/profiles/gc944-vf-node{2,5}.json) hold
 * MC_VM_XGMI_LFB_SIZE 0x17f8: a node segment of 0x17f8 << 24 bytes
 * (16 MiB units, gmc-address-math.md §2), and node ids 2 and 5
 * (XGMI_LFB_CNTL 0x72 / 0x75: PF_LFB_REGION in bits 3:0).
 */
#define GC944_SEGMENT (UINT64_C(0x17f8) << 24)

static const struct gmcsim_finding *
find(const struct check_result *r, const char *block, const char *kind)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		if (strcmp(r->findings[i].block, block) == 0 &&
		    strcmp(gmcsim_finding_kind_name(r->findings[i].kind), kind) == 0)
			return &r->findings[i];
	}
	return NULL;
}

static void
test_defaults(void **state)
{
	struct check_plan plan;

	(void)state;
	check_plan_init(&plan);
	/* the default scenario is the RFC's target: gc944, XGMI node 2 -> node 5 */
	assert_string_equal(plan.pair, "gc944-node2-to-node5");
	assert_string_equal(plan.from.name, "gc944-vf-node2");
	assert_string_equal(plan.to.name, "gc944-vf-node5");
	/* every fix strategy, one swap at the hibernation point, one cycle */
	assert_int_equal(plan.fixes, (1u << GMCSIM_FIX_COUNT) - 1);
	assert_int_equal(plan.n_swaps, 1);
	assert_int_equal(plan.swaps[0].kind, GMCSIM_SWAP_AFTER_SUSPEND);
	assert_int_equal(plan.n_cycles, 1);
	assert_int_equal(plan.cycles[0], 1);
	assert_int_equal(plan.fail_on, GMCSIM_SEV_ERROR);
	/* the newest modelled kernel's facts, no assumption about the host (issue 10 §3, §4) */
	assert_int_equal(plan.kernel, GMCSIM_KERNEL_6_18);
	assert_int_equal(plan.assume, 0);
	/* the whole built-in catalog, none from files */
	assert_true(plan.n_sites > 0);
	assert_int_equal(plan.n_sites, plan.n_catalog);
	check_plan_fini(&plan);
}

static void
test_setters_refuse(void **state)
{
	struct gmc_error err = { 0 };
	struct check_plan plan;

	(void)state;
	check_plan_init(&plan);
	assert_int_equal(check_plan_set_pair(&plan, "no-such-pair", &err), -ENOENT);
	assert_non_null(strstr(err.message, "no-such-pair"));
	assert_int_equal(check_plan_set_blocks(&plan, "psp,nope", &err), -ENOENT);
	assert_non_null(strstr(err.message, "'nope'"));
	assert_int_equal(check_plan_set_fixes(&plan, "none,later", &err), -EINVAL);
	assert_non_null(strstr(err.message, "'later'"));
	assert_int_equal(check_plan_set_swaps(&plan, "mid-resume", &err), -EINVAL);
	/* cycles are 1..100, at most PLAN_MAX_CYCLES (8) of them */
	assert_int_equal(check_plan_set_cycles(&plan, "0", &err), -EINVAL);
	assert_int_equal(check_plan_set_cycles(&plan, "101", &err), -EINVAL);
	assert_int_equal(check_plan_set_cycles(&plan, "1,2,3,4,5,6,7,8,9", &err), -EINVAL);
	assert_int_equal(check_plan_set_cycles(&plan, "", &err), -EINVAL);
	/* a refused setter leaves the plan as it was */
	assert_int_equal(plan.n_cycles, 1);
	assert_int_equal(plan.fixes, (1u << GMCSIM_FIX_COUNT) - 1);

	assert_int_equal(check_plan_set_fixes(&plan, "none,upstream", &err), 0);
	assert_int_equal(plan.fixes, (1u << GMCSIM_FIX_NONE) | (1u << GMCSIM_FIX_UPSTREAM));
	assert_int_equal(check_plan_set_cycles(&plan, "1,3", &err), 0);
	assert_int_equal(plan.n_cycles, 2);
	assert_int_equal(plan.cycles[1], 3);
	check_plan_fini(&plan);
}

static void
test_validate_swap_block(void **state)
{
	struct gmc_error err = { 0 };
	struct check_plan plan;

	(void)state;
	check_plan_init(&plan);
	/* only the pattern blocks run: a swap before "psp" resumes would never happen */
	assert_int_equal(check_plan_set_blocks(&plan, "pattern1,pattern3", &err), 0);
	assert_int_equal(check_plan_set_swaps(&plan, "resume:psp", &err), 0);
	assert_int_equal(check_plan_validate(&plan, &err), -EINVAL);
	assert_non_null(strstr(err.message, "'psp'"));
	/* a block that runs is fine */
	assert_int_equal(check_plan_set_swaps(&plan, "resume:pattern3", &err), 0);
	assert_int_equal(check_plan_validate(&plan, &err), 0);
	check_plan_fini(&plan);
}

/*
 * The RFC's patterns on gc944 node 2 -> 5 under `none` (the driver before
 * the 6.17 series: the FB layout, vram_start = fb_start + node x segment):
 * - pattern 1 frees its BO in suspend, which trips the WARN_ON(in_suspend)
 *   of amdgpu_bo_free_kernel(): free-in-suspend at "cycle 1 suspend
 *   pattern1"; it creates the BO again on resume, so its address is fresh
 *   and no stale-mc may be reported for it;
 * - pattern 3 keeps the address from sw_init: stale-mc at resume, and the
 *   stale value lies exactly 3 segments (node 5 - node 2) below the fresh one.
 * Under `upstream` the 6.17 gate is open on a GC 9.4.4 VF: the migrate
 * layout puts VRAM at the same MC address on every node, so pattern 3's
 * kept address is still right (no finding for it).
 */
static void
test_run_all_patterns(void **state)
{
	struct gmc_error err = { 0 };
	struct check_outcome o;
	struct check_plan plan;
	const struct gmcsim_finding *f;

	(void)state;
	check_plan_init(&plan);
	assert_int_equal(check_plan_set_blocks(&plan, "pattern1,pattern3", &err), 0);
	assert_int_equal(check_plan_set_fixes(&plan, "none,upstream", &err), 0);
	assert_int_equal(check_plan_run_all(&plan, &o, &err), 0);
	/* one swap point x one cycle count x two fixes, in enum order */
	assert_int_equal(o.n, 2);
	assert_string_equal(o.results[0].strategy->name, "none");
	assert_string_equal(o.results[1].strategy->name, "upstream");
	assert_false(o.results[0].gate);
	assert_true(o.results[1].gate);

	f = find(&o.results[0], "pattern1", "free-in-suspend");
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 suspend pattern1");
	assert_null(find(&o.results[0], "pattern1", "stale-mc"));

	f = find(&o.results[0], "pattern3", "stale-mc");
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume pattern3");
	assert_true(f->has_values);
	assert_true(f->fresh > f->cached);
	assert_int_equal(f->fresh - f->cached, 3 * GC944_SEGMENT);

	assert_null(find(&o.results[1], "pattern3", "stale-mc"));
	assert_null(find(&o.results[1], "pattern3", "cross-segment"));
	/* the free in suspend is a driver bug whatever the layout */
	assert_non_null(find(&o.results[1], "pattern1", "free-in-suspend"));

	/* failing = findings at or above "error" (stale-mc is one, a warning is not) */
	assert_true(o.failing >= 1);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

static void
test_verdict(void **state)
{
	struct gmcsim_finding f[3] = {
		{ .kind = GMCSIM_STALE_MC, .severity = GMCSIM_SEV_ERROR, .block = "psp" },
		{ .kind = GMCSIM_CROSS_SEGMENT, .severity = GMCSIM_SEV_CRITICAL, .block = "psp" },
		{ .kind = GMCSIM_FIRMWARE_OPAQUE, .severity = GMCSIM_SEV_INFO, .block = "vcn" },
	};
	struct check_result r = { .findings = f, .n_findings = 3 };
	char buf[64];

	(void)state;
	/* the worst of two, and one more */
	assert_string_equal(check_result_verdict(&r, "psp", buf, sizeof(buf)), "cross-segment +1");
	/* info alone does not make a block fail */
	assert_string_equal(check_result_verdict(&r, "vcn", buf, sizeof(buf)), "ok");
	assert_string_equal(check_result_verdict(&r, "gfx", buf, sizeof(buf)), "ok");
	r.n_findings = 1;
	assert_string_equal(check_result_verdict(&r, "psp", buf, sizeof(buf)), "stale-mc");
}

static void
test_outcome_blocks_and_json(void **state)
{
	struct gmcsim_finding f = { .kind = GMCSIM_MSIX_STALE,
				    .severity = GMCSIM_SEV_ERROR,
				    .block = "ih" };
	struct check_result r = { .cycles = 1, .findings = &f, .n_findings = 1 };
	struct check_outcome o = { .results = &r, .n = 1 };
	struct gmc_error err = { 0 };
	struct json_object *root, *v;
	struct check_plan plan;
	const char *rows[8];

	(void)state;
	assert_int_equal(gmcsim_strategy_builtin(GMCSIM_FIX_NONE, &r.strategy), 0);
	r.swap.kind = GMCSIM_SWAP_AFTER_SUSPEND;
	check_plan_init(&plan);
	assert_int_equal(check_plan_set_blocks(&plan, "pattern3,pattern1", &err), 0);
	/* the plan's blocks in catalog order (pattern1 before pattern3), then a finding's */
	assert_int_equal(check_outcome_blocks(&plan, &o, rows, 8), 3);
	assert_string_equal(rows[0], "pattern1");
	assert_string_equal(rows[1], "pattern3");
	assert_string_equal(rows[2], "ih");
	/* at most @max rows */
	assert_int_equal(check_outcome_blocks(&plan, &o, rows, 1), 1);

	root = check_outcome_json(&plan, &o);
	assert_non_null(root);
	assert_true(json_object_object_get_ex(root, "pair", &v));
	assert_string_equal(json_object_get_string(v), "gc944-node2-to-node5");
	assert_true(json_object_object_get_ex(root, "matrix", &v));
	assert_true(json_object_object_get_ex(v, "after-suspend/1", &v));
	assert_true(json_object_object_get_ex(v, "ih", &v));
	assert_true(json_object_object_get_ex(v, "none", &v));
	assert_string_equal(json_object_get_string(v), "msix-stale");
	json_object_put(root);
	check_plan_fini(&plan);
}

/*
 * The report's rows on the default gc944 pair: the blocks with a site that
 * exists on a GC 9.4.4 VF, in catalog order, then the blocks only a finding
 * names. common (seq64), gmc (mem_scratch), psp, smu (tables allocated on a
 * VF: smu_sw_init has no VF test), gfx and vcn have sites there; ih does not
 * (vega20_ih uses bus addresses on a 9.4.x dGPU: no IH BO), nor dm (no DM on
 * a VF), sdma (ucode_v7 is GC 12), uvd/vce (Vega only), jpeg (JPEG DPG never
 * on GC 9), mes (GC 11/12) or umsch (GC 11 APUs). ih comes back last as the
 * row of the msix-stale finding `none` reports for another VF.
 */
static void
test_outcome_blocks_gc944(void **state)
{
	static const char *const want[] = { "common", "gmc",	  "psp",      "smu",	  "gfx",
					    "vcn",    "pattern1", "pattern2", "pattern3", "ih" };
	struct gmc_error err = { 0 };
	struct check_outcome o;
	struct check_plan plan;
	const char *rows[32];
	size_t n;

	(void)state;
	check_plan_init(&plan);
	assert_int_equal(check_plan_set_fixes(&plan, "none", &err), 0);
	assert_int_equal(check_plan_run_all(&plan, &o, &err), 0);
	n = check_outcome_blocks(&plan, &o, rows, 32);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i], want[i]);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_setters_refuse),
		cmocka_unit_test(test_validate_swap_block),
		cmocka_unit_test(test_run_all_patterns),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_outcome_blocks_and_json),
		cmocka_unit_test(test_outcome_blocks_gc944),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
