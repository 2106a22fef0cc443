/* SPDX-License-Identifier: MIT */
/*
 * The run object and the checker, reached directly: a harness block of its
 * own (gmcsim_run_add_block) creates BOs on the run's device, keeps their
 * MC addresses and hands them to the checker (gmcsim_run_consume*) after a
 * vGPU swap; no catalog site takes part. What each finding must hold
 * (kind, step text, cached and fresh values) and what must not be reported
 * is derived by hand below from the gc944 profiles' registers
 * (sim/profiles/gc944-vf-node{2,5}.json) and gmc-address-math.md.
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

#include <gmc/gmc-bo.h>
#include <gmc/gmcsim.h>

/*
 * The gc944 pair (both VFs of GC 9.4.4, vram_size 0x17f0000000):
 *   fb_location_base 0x1000 -> fb_start = 0x1000 << 24 = 0x10_0000_0000 (§1.2)
 *   fb_location_top 0xcfbf  -> fb_end = 0xcfbf << 24 = 0xcf_bf00_0000
 *   xgmi_lfb_size 0x17f8    -> seg = 0x17f8 << 24 = 0x17_f800_0000 (§1.2)
 *   xgmi_lfb_cntl 0x72 on node2, 0x75 on node5 -> PF_LFB_REGION 2 and 5 (§2)
 */
#define FB_START 0x1000000000ull
#define SEG 0x17f8000000ull

/*
 * fix none models the driver before 6.17: no PDB0 on a VF that is not
 * connected_to_cpu, so the FB layout (§3 step 4, §4.1):
 *   vram_start = fb_start + id * seg
 *     node 2: 0x10_0000_0000 + 0x2f_f000_0000 = 0x3f_f000_0000
 *     node 5: 0x10_0000_0000 + 0x77_d800_0000 = 0x87_d800_0000
 *   vram_base_offset = FB_OFFSET (0) + id * seg (§3 step 5)
 *     node 2: 0x2f_f000_0000, node 5: 0x77_d800_0000
 *   gart_start: size_bf = fb_start = 64 GiB >= 512 MiB and below
 *     size_af = 0x8000_0000_0000 - ALIGN(0xcf_bf00_0001, 4 GiB) =
 *     0x7f30_0000_0000, so BEST_FIT puts GART at 0 on both nodes (§4.3).
 */
#define NODE2_VRAM_START 0x3ff0000000ull
#define NODE5_VRAM_START 0x87d8000000ull
#define NODE2_VRAM_BASE_OFFSET 0x2ff0000000ull
#define NODE5_VRAM_BASE_OFFSET 0x77d8000000ull

/* The harness's BOs: a 2 MiB pad first, so the checked BO is not at offset 0. */
#define PAD_SIZE 0x200000ull

struct harness {
	struct gmc_bo *pad, *vram, *gtt;
	struct gmc_addr pad_mc, vram_mc, gtt_mc;
	bool mixed;	       /* consume the VRAM address next to a fresh PA */
	int fail_at;	       /* the hook that fails with -EIO; -1: none */
	unsigned resumes;      /* resume hooks seen */
	uint64_t boot_vram_mc; /* vram_mc.value as created in hw_init */
	char step[GMCSIM_HOOK_COUNT][GMCSIM_TEXT_MAX]; /* step text at each hook's first call */
};

static int
harness_hook(struct gmcsim_run *run, enum gmcsim_hook hook, void *data)
{
	struct harness *h = data;
	struct gmc_dev *dev = gmcsim_run_dev(run);
	struct gmc_addr pa;
	int rc = 0;

	if (!h->step[hook][0])
		snprintf(h->step[hook], sizeof(h->step[hook]), "%s", gmcsim_run_step(run));
	if ((int)hook == h->fail_at)
		return -EIO;
	switch (hook) {
	case GMCSIM_HOOK_HW_INIT:
		rc = gmc_bo_create_kernel(dev, PAD_SIZE, 0, GMC_DOMAIN_VRAM, &h->pad, &h->pad_mc,
					  NULL);
		if (!rc)
			rc = gmc_bo_create_kernel(dev, 4096, 0, GMC_DOMAIN_VRAM, &h->vram,
						  &h->vram_mc, NULL);
		if (!rc)
			rc = gmc_bo_create_kernel(dev, 4096, 0, GMC_DOMAIN_GTT, &h->gtt, &h->gtt_mc,
						  NULL);
		h->boot_vram_mc = h->vram_mc.value;
		break;
	case GMCSIM_HOOK_RESUME:
		h->resumes++;
		/* the cached copies, as a block that never re-reads them uses them */
		if (h->mixed) {
			rc = gmc_bo_vram_pa(dev, h->vram, &pa);
			if (!rc)
				rc = gmcsim_run_consume_mixed(run, "harness", "mixed", &h->vram_mc,
							      &pa);
		} else {
			rc = gmcsim_run_consume(run, "harness", "vram", GMCSIM_CACHE_FIELD,
						&h->vram_mc);
		}
		if (!rc)
			rc = gmcsim_run_consume(run, "harness", "gtt", GMCSIM_CACHE_FIELD,
						&h->gtt_mc);
		break;
	case GMCSIM_HOOK_SW_FINI:
		/* freed outside suspend with one pin each: no driver warning */
		gmc_bo_free_kernel(dev, &h->gtt, &h->gtt_mc, NULL);
		gmc_bo_free_kernel(dev, &h->vram, &h->vram_mc, NULL);
		gmc_bo_free_kernel(dev, &h->pad, &h->pad_mc, NULL);
		break;
	default:
		break;
	}
	return rc;
}

struct result {
	struct gmcsim_finding f[32];
	size_t n;
	bool gate;
	int rc;
	struct gmc_error err;
};

/* Run the gc944 pair with only the harness block. */
static void
run_harness(enum gmcsim_fix fix, const char *swap, unsigned cycles, struct harness *h,
	    struct result *out)
{
	struct gmcsim_profile a, b;
	struct gmcsim_config cfg = { .from = &a, .to = &b, .fix = fix, .cycles = cycles };
	struct gmcsim_block_ops ops = { .name = "harness", .hook = harness_hook, .data = h };
	struct gmcsim_run *run;
	struct gmc_error err;

	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &a), 0);
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node5", &b), 0);
	assert_int_equal(gmcsim_swap_parse(swap, &cfg.swap), 0);
	assert_int_equal(gmcsim_run_new(&cfg, &run, &err), 0);
	/* a new run has taken no step yet */
	assert_string_equal(gmcsim_run_step(run), "init");
	assert_int_equal(gmcsim_run_finding_count(run), 0);
	assert_int_equal(gmcsim_run_add_block(run, &ops), 0);

	memset(&out->err, 0, sizeof(out->err));
	out->rc = gmcsim_run_execute(run, &out->err);
	out->n = gmcsim_run_finding_count(run);
	assert_true(out->n <= sizeof(out->f) / sizeof(out->f[0]));
	for (size_t i = 0; i < out->n; i++)
		out->f[i] = *gmcsim_run_finding_at(run, i);
	/* past the last finding there is none */
	assert_null(gmcsim_run_finding_at(run, out->n));
	out->gate = gmcsim_run_migrate_gate(run);
	gmcsim_run_free(run);
}

static void
harness_init(struct harness *h)
{
	memset(h, 0, sizeof(*h));
	h->fail_at = -1;
}

/* The finding of @kind for @block/@site, or NULL. */
static const struct gmcsim_finding *
find(const struct result *r, const char *block, const char *site, enum gmcsim_finding_kind kind)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->f[i].kind == kind && strcmp(r->f[i].block, block) == 0 &&
		    strcmp(r->f[i].site, site) == 0)
			return &r->f[i];
	}
	return NULL;
}

static size_t
count_block(const struct result *r, const char *block)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += strcmp(r->f[i].block, block) == 0;
	return n;
}

/*
 * Node 2 -> node 5 at the hibernation point, no fix: the harness consumes
 * the MC address it cached at hw_init in its resume hook.
 */
static void
test_stale_mc_after_node_swap(void **state)
{
	static struct harness h;
	static struct result r;
	const struct gmcsim_finding *f;
	/* the pad takes VRAM [0, 2 MiB) (first fit from 0), the checked BO the next page */
	const uint64_t cached = NODE2_VRAM_START + PAD_SIZE; /* 0x3f_f020_0000 */
	const uint64_t fresh = NODE5_VRAM_START + PAD_SIZE;  /* 0x87_d820_0000 */

	(void)state;
	harness_init(&h);
	run_harness(GMCSIM_FIX_NONE, "after-suspend", 1, &h, &r);
	assert_int_equal(r.rc, 0);
	assert_false(r.gate); /* the gate is the 6.17 series' alone */
	assert_int_equal(h.boot_vram_mc, cached);
	assert_int_equal(h.resumes, 1);

	/* gpu_offset = vram_start + offset; node 5's vram_start differs: stale-mc */
	f = find(&r, "harness", "vram", GMCSIM_STALE_MC);
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume harness"); /* used in its resume hook */
	assert_true(f->has_values);
	assert_int_equal(f->cached, cached);
	assert_int_equal(f->fresh, fresh);
	assert_int_equal(f->count, 1);
	assert_int_equal(f->severity, GMCSIM_SEV_ERROR);

	/*
	 * Measured from fb_start on node 5's FB layout, 0x3f_f020_0000 lies
	 * (0x3f_f020_0000 - 0x10_0000_0000) / seg = 0x2f_f020_0000 / 0x17_f800_0000
	 * = 2 segments in: node 2's, not node 5's: cross-segment on top.
	 */
	f = find(&r, "harness", "vram", GMCSIM_CROSS_SEGMENT);
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume harness");
	assert_int_equal(f->cached, cached);
	assert_int_equal(f->fresh, fresh);
	assert_int_equal(f->severity, GMCSIM_SEV_CRITICAL);

	/* must NOT be reported: the GTT BO; gart_start is 0 on both nodes, its MC is unchanged */
	assert_null(find(&r, "harness", "gtt", GMCSIM_STALE_MC));
	assert_int_equal(count_block(&r, "harness"), 2);

	/* the driver's own fields, checked once resume is over (§8: none re-read them) */
	f = find(&r, "gmc", "vram_start", GMCSIM_STALE_MC);
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume");
	assert_int_equal(f->cached, NODE2_VRAM_START);
	assert_int_equal(f->fresh, NODE5_VRAM_START);
	f = find(&r, "gmc", "vram_base_offset", GMCSIM_STALE_PA);
	assert_non_null(f);
	assert_int_equal(f->cached, NODE2_VRAM_BASE_OFFSET);
	assert_int_equal(f->fresh, NODE5_VRAM_BASE_OFFSET);
	/* from the hive's physical base 0x77_d800_0000 - 5 * seg = 0: 2 segments in */
	assert_non_null(find(&r, "gmc", "vram_base_offset", GMCSIM_CROSS_SEGMENT));
	/* must NOT be reported: gart_start, 0 on both nodes */
	assert_null(find(&r, "gmc", "gart_start", GMCSIM_STALE_MC));
	/* another node id on a VF: another MSI-X table, and fix none restores none */
	f = find(&r, "ih", "msix", GMCSIM_MSIX_STALE);
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume");
	/* identity and BARs are equal in both profiles: nothing else */
	assert_int_equal(r.n, 6);
}

/* The step text the run shows a block at each hook. */
static void
test_step_text(void **state)
{
	static struct harness h;
	static struct result r;

	(void)state;
	harness_init(&h);
	run_harness(GMCSIM_FIX_NONE, "after-suspend", 1, &h, &r);
	assert_int_equal(r.rc, 0);
	/* init hooks run before any cycle: "<hook> <block>" */
	assert_string_equal(h.step[GMCSIM_HOOK_EARLY_INIT], "early_init harness");
	assert_string_equal(h.step[GMCSIM_HOOK_HW_INIT], "hw_init harness");
	/* suspend and resume run inside cycle 1 */
	assert_string_equal(h.step[GMCSIM_HOOK_SUSPEND], "cycle 1 suspend harness");
	assert_string_equal(h.step[GMCSIM_HOOK_RESUME], "cycle 1 resume harness");
	/* teardown runs after the cycles: no cycle in the text again */
	assert_string_equal(h.step[GMCSIM_HOOK_SW_FINI], "sw_fini harness");
}

/*
 * Two cycles: the swap is in the first only; the address stays stale, so
 * the second resume sees the same (kind, block, site) and only counts it.
 */
static void
test_finding_counted_not_repeated(void **state)
{
	static struct harness h;
	static struct result r;
	const struct gmcsim_finding *f;

	(void)state;
	harness_init(&h);
	run_harness(GMCSIM_FIX_NONE, "after-suspend", 2, &h, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(h.resumes, 2);
	f = find(&r, "harness", "vram", GMCSIM_STALE_MC);
	assert_non_null(f);
	assert_int_equal(f->count, 2);
	/* the first sighting's step and values stay */
	assert_string_equal(f->step, "cycle 1 resume harness");
	assert_int_equal(f->cached, NODE2_VRAM_START + PAD_SIZE);
	assert_int_equal(count_block(&r, "harness"), 2); /* stale-mc and cross-segment, once each */
}

/* One command with the cached MC next to a PA computed now: mixed-stale, the MC's values. */
static void
test_mixed_command(void **state)
{
	static struct harness h;
	static struct result r;
	const struct gmcsim_finding *f;

	(void)state;
	harness_init(&h);
	h.mixed = true;
	run_harness(GMCSIM_FIX_NONE, "after-suspend", 1, &h, &r);
	assert_int_equal(r.rc, 0);
	f = find(&r, "harness", "mixed", GMCSIM_MIXED_STALE);
	assert_non_null(f);
	assert_string_equal(f->step, "cycle 1 resume harness");
	assert_int_equal(f->cached, NODE2_VRAM_START + PAD_SIZE);
	assert_int_equal(f->fresh, NODE5_VRAM_START + PAD_SIZE);
	/* the PA half is computed now, so it is not a finding of its own */
	assert_null(find(&r, "harness", "mixed", GMCSIM_STALE_PA));
	assert_null(find(&r, "harness", "mixed", GMCSIM_STALE_MC));
	/* the stale MC lies in node 2's segment, as in test_stale_mc_after_node_swap */
	assert_non_null(find(&r, "harness", "mixed", GMCSIM_CROSS_SEGMENT));
}

/* Must NOT be reported: without a swap nothing moves, so nothing at all. */
static void
test_no_swap_no_finding(void **state)
{
	static struct harness h;
	static struct result r;

	(void)state;
	harness_init(&h);
	run_harness(GMCSIM_FIX_NONE, "none", 1, &h, &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(h.resumes, 1); /* the harness did use its addresses */
	assert_int_equal(r.n, 0);
}

/*
 * Must NOT be reported: the 6.17 series on GC 9.4.4 VFs (§8) puts
 * vram_start at 0 on every node (§4.2 migrate), so the cached MC is the
 * offset alone, 0x20_0000, on node 2 and node 5 alike; vram_base_offset
 * and MSI-X are refreshed and gart_start sits after the whole hive on
 * both: no finding at all.
 */
static void
test_upstream_keeps_mc(void **state)
{
	static struct harness h;
	static struct result r;

	(void)state;
	harness_init(&h);
	run_harness(GMCSIM_FIX_UPSTREAM, "after-suspend", 1, &h, &r);
	assert_int_equal(r.rc, 0);
	assert_true(r.gate); /* GC 9.4.4, a VF, node_segment_size != 0 (§8) */
	assert_int_equal(h.boot_vram_mc, PAD_SIZE);
	assert_int_equal(r.n, 0);
}

/* A block whose hook fails stops the run; the error names the block and the hook. */
static void
test_hook_failure(void **state)
{
	static struct harness h;
	static struct result r;

	(void)state;
	harness_init(&h);
	h.fail_at = GMCSIM_HOOK_LATE_INIT;
	run_harness(GMCSIM_FIX_NONE, "after-suspend", 1, &h, &r);
	assert_int_equal(r.rc, -EIO);
	assert_int_equal(r.err.code, -EIO);
	assert_non_null(strstr(r.err.message, "harness"));
	assert_non_null(strstr(r.err.message, "late_init"));
	assert_int_equal(h.resumes, 0); /* it never reached a cycle */
}

/* The checker's entry refuses what it cannot check. */
static void
test_consume_refuses_null(void **state)
{
	struct gmcsim_profile a;
	struct gmcsim_config cfg = { .from = &a, .to = &a, .cycles = 1 };
	struct gmcsim_run *run;
	struct gmc_addr addr = gmc_addr_untracked(0x1000);
	struct gmc_error err;

	(void)state;
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &a), 0);
	assert_int_equal(gmcsim_run_new(&cfg, &run, &err), 0);
	assert_int_equal(gmcsim_run_consume(NULL, "b", "s", GMCSIM_CACHE_FIELD, &addr), -EINVAL);
	assert_int_equal(gmcsim_run_consume(run, NULL, "s", GMCSIM_CACHE_FIELD, &addr), -EINVAL);
	assert_int_equal(gmcsim_run_consume(run, "b", "s", GMCSIM_CACHE_FIELD, NULL), -EINVAL);
	assert_int_equal(gmcsim_run_consume_mixed(run, "b", "s", &addr, NULL), -EINVAL);
	/* an untracked number carries no provenance: nothing to compare, no finding */
	assert_int_equal(gmcsim_run_consume(run, "b", "s", GMCSIM_CACHE_FIELD, &addr), 0);
	assert_int_equal(gmcsim_run_finding_count(run), 0);
	gmcsim_run_free(run);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_mc_after_node_swap),
		cmocka_unit_test(test_step_text),
		cmocka_unit_test(test_finding_counted_not_repeated),
		cmocka_unit_test(test_mixed_command),
		cmocka_unit_test(test_no_swap_no_finding),
		cmocka_unit_test(test_upstream_keeps_mc),
		cmocka_unit_test(test_hook_failure),
		cmocka_unit_test(test_consume_refuses_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
