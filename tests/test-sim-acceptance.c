/* SPDX-License-Identifier: MIT */
/*
 * The simulator's acceptance tests: the RFC's table, the 6.17 series on
 * the gc944 and gc943 pairs, identity-only and mc_fb_offset-only swaps,
 * and every swap point. Expectations come from upstream-history.md and
 * bo-lifecycle-and-callers.md, cited at each assertion.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gmc/gmcsim.h>

struct result {
	struct gmcsim_finding f[1024];
	size_t n;
	bool gate;
};

static bool
block_selected(const char *block, const char *const *blocks)
{
	if (!blocks)
		return true;
	for (; *blocks; blocks++) {
		if (strcmp(*blocks, block) == 0)
			return true;
	}
	return false;
}

/* Run a built-in pair with the named built-in blocks (NULL: all). */
static void
run_pair(const char *pair_name, const char *const *blocks, enum gmcsim_fix fix, const char *swap,
	 unsigned cycles, struct result *out)
{
	const struct gmcsim_pair *pair = gmcsim_pair_builtin(pair_name);
	struct gmcsim_profile a, b;
	struct gmcsim_config cfg = { .from = &a, .to = &b, .fix = fix, .cycles = cycles };
	struct gmcsim_site site;
	struct gmcsim_run *run;
	struct gmc_error err;

	assert_non_null(pair);
	assert_int_equal(gmcsim_profile_builtin(pair->from, &a), 0);
	assert_int_equal(gmcsim_profile_builtin(pair->to, &b), 0);
	assert_int_equal(gmcsim_swap_parse(swap, &cfg.swap), 0);
	assert_int_equal(gmcsim_run_new(&cfg, &run, &err), 0);
	for (size_t i = 0; gmcsim_catalog_at(i, &site) == 0; i++) {
		if (block_selected(site.block, blocks))
			assert_int_equal(gmcsim_run_add_site(run, &site), 0);
	}
	if (gmcsim_run_execute(run, &err) != 0)
		fail_msg("run failed: %s", err.message);
	out->n = gmcsim_run_finding_count(run);
	assert_true(out->n <= sizeof(out->f) / sizeof(out->f[0]));
	for (size_t i = 0; i < out->n; i++)
		out->f[i] = *gmcsim_run_finding_at(run, i);
	out->gate = gmcsim_run_migrate_gate(run);
	gmcsim_run_free(run);
}

/* Findings of @kind in @block (NULL: any block). */
static size_t
count(const struct result *r, const char *block, enum gmcsim_finding_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->f[i].kind == kind && (!block || strcmp(r->f[i].block, block) == 0);
	return n;
}

static bool
is_address_kind(enum gmcsim_finding_kind k)
{
	return k == GMCSIM_STALE_MC || k == GMCSIM_STALE_PA || k == GMCSIM_MIXED_STALE ||
	       k == GMCSIM_STALE_CONTENT || k == GMCSIM_STALE_PTE || k == GMCSIM_CROSS_SEGMENT ||
	       k == GMCSIM_USE_AFTER_FREE || k == GMCSIM_BAR_MOVED || k == GMCSIM_MSIX_STALE ||
	       k == GMCSIM_FIRMWARE_OPAQUE;
}

static size_t
address_findings(const struct result *r, const char *block)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += is_address_kind(r->f[i].kind) && (!block || strcmp(r->f[i].block, block) == 0);
	return n;
}

/*
 * The RFC's table (upstream-history.md §1) with a node-id change and no fix:
 * pattern 1 gets a fresh address and trips WARN_ON(in_suspend) in
 * free_kernel (bo-lifecycle-and-callers.md §A.6); pattern 2 gets a fresh
 * address but pin_count grows (§A.1); pattern 3 keeps a stale address.
 */
static void
test_rfc_table(void **state)
{
	static const char *const blocks[] = { "pattern1", "pattern2", "pattern3", NULL };
	static struct result r;

	(void)state;
	run_pair("gc944-node2-to-node5", blocks, GMCSIM_FIX_NONE, "after-suspend", 1, &r);

	assert_int_equal(address_findings(&r, "pattern1"), 0);
	assert_int_equal(count(&r, "pattern1", GMCSIM_FREE_IN_SUSPEND), 1);

	assert_int_equal(address_findings(&r, "pattern2"), 0);
	assert_int_equal(count(&r, "pattern2", GMCSIM_PIN_LEAK), 1);
	/* free_kernel in sw_fini unpins once: released with pin_count 1 (§A.5) */
	assert_int_equal(count(&r, "pattern2", GMCSIM_RELEASE_PINNED), 1);

	assert_int_equal(count(&r, "pattern3", GMCSIM_STALE_MC), 1);
}

/* The same blocks on the 6.17 series: vram_start is 0 on both VFs, nothing goes stale. */
static void
test_rfc_table_upstream(void **state)
{
	static const char *const blocks[] = { "pattern1", "pattern2", "pattern3", NULL };
	static struct result r;

	(void)state;
	run_pair("gc944-node2-to-node5", blocks, GMCSIM_FIX_UPSTREAM, "after-suspend", 1, &r);
	assert_true(r.gate);
	assert_int_equal(count(&r, "pattern3", GMCSIM_STALE_MC), 0);
	/* the series does not touch patterns 1 and 2 (§D "no known change") */
	assert_int_equal(count(&r, "pattern1", GMCSIM_FREE_IN_SUSPEND), 1);
	assert_int_equal(count(&r, "pattern2", GMCSIM_PIN_LEAK), 1);
}

/*
 * 6.17 on the gc944 pair (bo-lifecycle-and-callers.md §D): PDB0 with
 * vram_start 0 keeps every cached MC valid; PSP, SMU and ucode use
 * FB-aperture addresses recomputed on resume; vram_base_offset and MSI-X
 * are refreshed. What remains: PTEs to pinned VRAM (§C.4).
 */
static void
test_upstream_gc944(void **state)
{
	static struct result r;

	(void)state;
	run_pair("gc944-node2-to-node5", NULL, GMCSIM_FIX_UPSTREAM, "after-suspend", 1, &r);
	assert_true(r.gate);
	assert_int_equal(count(&r, NULL, GMCSIM_STALE_MC), 0);
	assert_int_equal(address_findings(&r, "psp"), 0);
	assert_int_equal(address_findings(&r, "smu"), 0);
	/* the ucode fw_buf sites sit in the psp block, whose LOAD_IP_FW consumes them */
	assert_int_equal(address_findings(&r, "gmc"), 0);
	assert_int_equal(count(&r, NULL, GMCSIM_MSIX_STALE), 0);
	assert_true(count(&r, NULL, GMCSIM_STALE_PTE) >= 1);
}

/* Findings of @kind for @block/@site. */
static size_t
count_site(const struct result *r, const char *block, const char *site,
	   enum gmcsim_finding_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += r->f[i].kind == kind && strcmp(r->f[i].block, block) == 0 &&
		     strcmp(r->f[i].site, site) == 0;
	return n;
}

/*
 * Without the fix the same swap breaks PSP, replays node 2's EOP base from
 * the KCQ MQD backup and leaves vram_base_offset in node 2's segment.
 */
static void
test_none_gc944(void **state)
{
	static struct result r;

	(void)state;
	run_pair("gc944-node2-to-node5", NULL, GMCSIM_FIX_NONE, "after-suspend", 1, &r);
	assert_false(r.gate);
	assert_true(count(&r, "psp", GMCSIM_STALE_MC) >= 1);
	assert_int_equal(count(&r, "gmc", GMCSIM_STALE_PA), 1);
	/*
	 * node 2's vram_base_offset 2 x 0x17f8000000 lies in node 2's segment of
	 * the hive node 5 now runs in. mem_scratch's mc2pa is not: on a GC 9.4.4
	 * VF gfxhub_v1_2 writes SYSTEM_APERTURE_DEFAULT_ADDR only when
	 * asic_type <= CHIP_VEGA10 and mmhub_v1_8_init_system_aperture_regs
	 * returns at once (catalog-audit.md #18): the kept MC is never consumed.
	 */
	assert_int_equal(count(&r, "gmc", GMCSIM_CROSS_SEGMENT), 1);
	assert_int_equal(count(&r, "gmc", GMCSIM_MIXED_STALE), 0);
	/* gfx_v9_4_3_xcc_kcq_init_queue replays the boot-time EOP base (audit §2.2) */
	assert_int_equal(count_site(&r, "gfx", "kcq_mqd_backup_eop", GMCSIM_STALE_CONTENT), 1);
	/* no TMR BO on MP0 13.0.14 (psp_early_init: boot-time TMR) */
	assert_int_equal(count_site(&r, "psp", "tmr", GMCSIM_STALE_MC), 0);
	assert_int_equal(count_site(&r, "psp", "tmr", GMCSIM_MIXED_STALE), 0);
	/* psp_hdcp_initialize returns early on a VF */
	assert_int_equal(count_site(&r, "psp", "ta_hdcp", GMCSIM_STALE_MC), 0);
	assert_int_equal(count(&r, NULL, GMCSIM_MSIX_STALE), 1);
}

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct gmcsim_finding *a = pa, *b = pb;
	int c = strcmp(a->block, b->block);

	if (!c)
		c = strcmp(a->site, b->site);
	return c ? c : (int)a->kind - (int)b->kind;
}

/* GC 9.4.3 is not GC 9.4.4: the gate stays closed and upstream equals none. */
static void
test_upstream_gc943_is_none(void **state)
{
	static struct result up, none;

	(void)state;
	run_pair("gc943-node2-to-node5", NULL, GMCSIM_FIX_UPSTREAM, "after-suspend", 1, &up);
	run_pair("gc943-node2-to-node5", NULL, GMCSIM_FIX_NONE, "after-suspend", 1, &none);
	assert_false(up.gate);
	assert_int_equal(up.n, none.n);
	qsort(up.f, up.n, sizeof(up.f[0]), cmp_finding);
	qsort(none.f, none.n, sizeof(none.f[0]), cmp_finding);
	for (size_t i = 0; i < up.n; i++) {
		assert_string_equal(up.f[i].block, none.f[i].block);
		assert_string_equal(up.f[i].site, none.f[i].site);
		assert_int_equal(up.f[i].kind, none.f[i].kind);
	}
	assert_true(address_findings(&none, NULL) > 0);
}

/* Serial numbers and ids are informational for addresses (upstream-history.md §1). */
static void
test_identity_only(void **state)
{
	static struct result r;

	(void)state;
	for (unsigned fix = 0; fix < GMCSIM_FIX_COUNT; fix++) {
		run_pair("gc944-identity", NULL, (enum gmcsim_fix)fix, "after-suspend", 1, &r);
		assert_int_equal(address_findings(&r, NULL), 0);
		assert_int_equal(count(&r, NULL, GMCSIM_IDENTITY_CHANGED), 1);
	}
}

/* mc_fb_offset moves the physical address only: no stale-mc, stale PAs where cached. */
static void
test_fb_offset_only(void **state)
{
	static struct result r;

	(void)state;
	run_pair("navi21-fb-offset", NULL, GMCSIM_FIX_NONE, "after-suspend", 1, &r);
	assert_int_equal(count(&r, NULL, GMCSIM_STALE_MC), 0);
	assert_int_equal(count(&r, "gmc", GMCSIM_STALE_PA), 1);
	assert_true(count(&r, NULL, GMCSIM_STALE_PTE) >= 1);
}

/* BAR-only: the driver's mappings of the BARs are stale, nothing else moves. */
static void
test_bars_only(void **state)
{
	static struct result r;

	(void)state;
	run_pair("gc944-bars", NULL, GMCSIM_FIX_UPSTREAM, "after-suspend", 1, &r);
	assert_true(count(&r, "pci", GMCSIM_BAR_MOVED) >= 1);
	assert_int_equal(count(&r, NULL, GMCSIM_STALE_MC), 0);
	assert_int_equal(count(&r, NULL, GMCSIM_STALE_PA), 0);
}

/* Every swap point, every fix, 1-3 cycles: reported, never a crash. */
static void
test_every_swap_point(void **state)
{
	static const char *const points[] = {
		"before-suspend", "after-suspend:psp", "after-suspend", "resume:psp",
		"resume:gfx",	  "after-resume",      "none"
	};
	static struct result r;

	(void)state;
	for (size_t p = 0; p < sizeof(points) / sizeof(points[0]); p++) {
		for (unsigned fix = 0; fix < GMCSIM_FIX_COUNT; fix++) {
			for (unsigned cycles = 1; cycles <= 3; cycles++)
				run_pair("gc944-node2-to-node5", NULL, (enum gmcsim_fix)fix,
					 points[p], cycles, &r);
		}
	}
	/* no swap at all: nothing moved, nothing stale */
	run_pair("gc944-node2-to-node5", NULL, GMCSIM_FIX_NONE, "none", 1, &r);
	assert_int_equal(address_findings(&r, NULL), 0);
}

/* A swap after resume is only seen by what runs afterwards: the next cycle's resume. */
static void
test_swap_after_resume(void **state)
{
	static const char *const blocks[] = { "pattern3", NULL };
	static struct result r;

	(void)state;
	run_pair("gc944-node2-to-node5", blocks, GMCSIM_FIX_NONE, "after-resume", 1, &r);
	assert_int_equal(count(&r, "pattern3", GMCSIM_STALE_MC), 0);
	run_pair("gc944-node2-to-node5", blocks, GMCSIM_FIX_NONE, "after-resume", 2, &r);
	assert_int_equal(count(&r, "pattern3", GMCSIM_STALE_MC), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_table),
		cmocka_unit_test(test_rfc_table_upstream),
		cmocka_unit_test(test_upstream_gc944),
		cmocka_unit_test(test_none_gc944),
		cmocka_unit_test(test_upstream_gc943_is_none),
		cmocka_unit_test(test_identity_only),
		cmocka_unit_test(test_fb_offset_only),
		cmocka_unit_test(test_bars_only),
		cmocka_unit_test(test_every_swap_point),
		cmocka_unit_test(test_swap_after_resume),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
