/* SPDX-License-Identifier: MIT */
/*
 * The RFC's three caller patterns (upstream-history.md §1; "P1/P2/P3" in
 * bo-lifecycle-and-callers.md §B), one BO each, across a vGPU swap that
 * moves a GC 9.4.3 SR-IOV VF from XGMI node 2 to node 5 (§9 example 4 /
 * edge vectors; 9.4.3 keeps the FB layout, so vram_start moves by
 * 3 × 0x17_f800_0000). And pattern 3 under the 9.4.4 migrate fix (§D).
 *
 * The sequence follows the driver: sw_init, hw_init, then
 * amdgpu_device_suspend (in_suspend set first, then the IP suspend
 * callbacks, then eviction), the hibernation image, the guest resumed on
 * another vGPU, amdgpu_device_resume (IP resume callbacks, then in_suspend
 * cleared at the end), and later sw_fini.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-bo-util.h"

#define BO_SIZE KiB(64)
#define VS_NODE2 UINT64_C(0x3ff0000000) /* 0x10_0000_0000 + 2 × 0x17_f800_0000 */
#define VS_NODE5 UINT64_C(0x87d8000000) /* 0x10_0000_0000 + 5 × 0x17_f800_0000 */

/*
 * Pattern 1: create in hw_init, free in suspend, create again in resume.
 * The RFC calls it safe: the address is fresh. §A.6: the free runs with
 * in_suspend set, so current kernels WARN in amdgpu_bo_free_kernel.
 */
static void
test_pattern1(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL;
	struct gmc_addr addr;
	uint32_t first_id;

	(void)state;
	/* hw_init */
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	gmc_bo_set_label(bo, "umsch_mm ucode");
	first_id = gmc_bo_id(bo);
	assert_int_equal(addr.value, VS_NODE2 + gmc_bo_offset(bo));

	/* suspend: in_suspend is set before the IP callbacks run */
	assert_int_equal(gmc_dev_suspend(dev), 0);
	gmc_bo_free_kernel(dev, &bo, &addr, NULL);
	assert_null(bo);
	assert_false(gmc_addr_is_tracked(&addr));
	assert_int_equal(addr.value, 0);
	assert_int_equal(kcount(dev, GMC_EVENT_FREE_IN_SUSPEND), 1);
	assert_last_event(dev, GMC_EVENT_FREE_IN_SUSPEND, first_id, "amdgpu_bo_free_kernel");
	assert_string_equal(last_event(dev).label, "umsch_mm ucode");
	/* it was pinned once, freed once: nothing leaks */
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	/* resumed on node 5 */
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_not_equal(gmc_bo_id(bo), first_id);
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	/* the fresh address uses node 5's vram_start */
	assert_int_equal(addr.value, VS_NODE5 + gmc_bo_offset(bo));
	assert_int_equal(addr.generation, 1);
	assert_fresh(dev, &addr);
	/* the only warning is the free in suspend */
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_acct_eq(acct_get(dev), BO_SIZE, BO_SIZE, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * Pattern 2: create in hw_init and again in resume, no free. §A.1: the
 * second create re-pins the same BO: a fresh address, pin_count 2. §A.5 /
 * §A.6: sw_fini's free_kernel unpins once; the BO is released with
 * pin_count 1 (ttm_bo_release WARN) and its accounting never subtracted.
 */
static void
test_pattern2(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL, *first;
	struct gmc_addr addr, old;
	struct gmc_event ev;
	uint32_t id;
	uint64_t off;

	(void)state;
	/* hw_init */
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	first = bo;
	id = gmc_bo_id(bo);
	off = gmc_bo_offset(bo);
	old = addr;
	assert_int_equal(addr.value, VS_NODE2 + off);

	/* suspend (this block frees nothing), image, resume on node 5 */
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	assert_int_equal(gmc_dev_resume(dev), 0);

	assert_ptr_equal(bo, first);
	/* pinned: the offset survived suspend; the address is refreshed */
	assert_int_equal(gmc_bo_offset(bo), off);
	assert_int_equal(addr.value, VS_NODE5 + off);
	assert_fresh(dev, &addr);
	assert_stale(dev, &old, VS_NODE5 + off, GMC_CAUSE_VRAM_START);
	/* the RFC's "pin_count goes wrong": 1 → 2 */
	assert_int_equal(gmc_bo_pin_count(bo), 2);
	/* accounting counted the first pin only */
	assert_acct_eq(acct_get(dev), BO_SIZE, BO_SIZE, 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);

	/* sw_fini */
	gmc_bo_free_kernel(dev, &bo, &addr, NULL);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 1);
	assert_last_event(dev, GMC_EVENT_RELEASE_PINNED, id, "ttm_bo_release");
	ev = last_event(dev);
	/* the leak: 64 KiB stays in vram_pin_size / visible_pin_size */
	assert_acct_eq(acct_get(dev), BO_SIZE, BO_SIZE, 0);
	assert_acct_eq(acct_actual(dev), 0, 0, 0);
	assert_acct_eq(ev.drift, BO_SIZE, BO_SIZE, 0);
	assert_acct_invariant(dev);
	/* a later driver load cycle repeats it: the leak grows by 64 KiB each time */
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &addr, NULL),
			 0);
	gmc_bo_free_kernel(dev, &bo, &addr, NULL);
	assert_acct_eq(acct_get(dev), 2 * BO_SIZE, 2 * BO_SIZE, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * Pattern 3: create once in sw_init, reuse the cached value in every
 * hw_init/resume. After the swap the cached MC is stale: fresh = cached
 * + (5 - 2) × 0x17_f800_0000, caused by vram_start.
 */
static void
test_pattern3(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL;
	struct gmc_addr cached, ring_field, pa;
	struct gmc_addr_status st;

	(void)state;
	/* sw_init */
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &bo, &cached, NULL),
			 0);
	/* hw_init copies it into a ring frame field, plus an offset */
	ring_field = gmc_addr_plus(cached, 0x80);
	assert_fresh(dev, &cached);

	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);

	st = addr_check(dev, &cached);
	assert_true(st.stale);
	assert_true(st.fresh_valid);
	assert_int_equal(st.cached, cached.value);
	assert_int_equal(st.fresh, cached.value + 3 * VF_SEG);
	assert_int_equal(st.fresh, VS_NODE5 + gmc_bo_offset(bo));
	assert_int_equal(st.causes, GMC_CAUSE_VRAM_START);
	assert_int_equal(st.generation, 0);
	assert_stale(dev, &ring_field, cached.value + 3 * VF_SEG + 0x80, GMC_CAUSE_VRAM_START);
	/* the mem_scratch-style conversion of the cached MC is stale too */
	assert_int_equal(gmc_addr_mc2pa(dev, &cached, &pa), 0);
	assert_stale(dev, &pa, UINT64_C(0x77d8000000) + gmc_bo_offset(bo), GMC_CAUSE_VRAM_START);
	/* nothing warned: a stale cache is silent in the driver */
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	gmc_bo_free_kernel(dev, &bo, &cached, NULL);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	dev_done(dev);
}

/*
 * Pattern 3 under the 2025 fix (§D, GC 9.4.4 VF): vram_start is 0, so the
 * cached MC survives the node change; the PSP's FB-aperture address
 * (amdgpu_bo_fb_aper_addr) does not, and must be recomputed on resume.
 */
static void
test_pattern3_migrate(void **state)
{
	struct gmc_layout n2 = layout_944_vf(2), n5 = layout_944_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *tmr = NULL;
	struct gmc_addr cached, fb, fb_again;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), BO_SIZE, &tmr, NULL), 0);
	assert_int_equal(gmc_bo_gpu_offset(dev, tmr, &cached), 0);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, tmr, &fb), 0);
	assert_int_equal(cached.value, UINT64_C(0x400000));
	assert_int_equal(fb.value, UINT64_C(0x3ff0400000));

	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_fresh(dev, &cached);
	assert_stale(dev, &fb, fb.value + 3 * VF_SEG, GMC_CAUSE_FB_APERTURE);
	/* psp_tmr_init's refresh on resume gives the fresh value */
	assert_int_equal(gmc_bo_fb_aper_addr(dev, tmr, &fb_again), 0);
	assert_int_equal(fb_again.value, UINT64_C(0x87d8400000));
	assert_fresh(dev, &fb_again);
	dev_done(dev);
}

/* The three side by side on one device, as the RFC lists them. */
static void
test_three_patterns_one_device(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *p1 = NULL, *p2 = NULL, *p3 = NULL;
	struct gmc_addr a1, a2, a3;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p3, &a3, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p1, &a1, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p2, &a2, NULL), 0);
	assert_acct_eq(acct_get(dev), 3 * BO_SIZE, 3 * BO_SIZE, 0);

	assert_int_equal(gmc_dev_suspend(dev), 0);
	gmc_bo_free_kernel(dev, &p1, &a1, NULL);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p1, &a1, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p2, &a2, NULL), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);

	assert_fresh(dev, &a1);
	assert_fresh(dev, &a2);
	assert_stale(dev, &a3, a3.value + 3 * VF_SEG, GMC_CAUSE_VRAM_START);
	assert_int_equal(gmc_bo_pin_count(p1), 1);
	assert_int_equal(gmc_bo_pin_count(p2), 2);
	assert_int_equal(gmc_bo_pin_count(p3), 1);

	gmc_bo_free_kernel(dev, &p1, &a1, NULL);
	gmc_bo_free_kernel(dev, &p2, &a2, NULL);
	gmc_bo_free_kernel(dev, &p3, &a3, NULL);
	assert_int_equal(kcount(dev, GMC_EVENT_FREE_IN_SUSPEND), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 1);
	assert_int_equal(gmc_dev_event_count(dev), 2);
	/* only pattern 2's 64 KiB leaks */
	assert_acct_eq(acct_get(dev), BO_SIZE, BO_SIZE, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pattern1),
		cmocka_unit_test(test_pattern2),
		cmocka_unit_test(test_pattern3),
		cmocka_unit_test(test_pattern3_migrate),
		cmocka_unit_test(test_three_patterns_one_device),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
