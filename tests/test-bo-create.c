/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_bo_create_reserved / _kernel / _kernel_at and free_kernel as
 * bo-lifecycle-and-callers.md §A.1-§A.3 and §A.6 state them: new and
 * existing slots, size 0, placement (VRAM, GTT, fallback, CPU-visible),
 * every error path, invalid arguments. Address values per
 * gmc-address-math.md §7 and the layout vectors.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-bo-util.h"

#define ALL_BO_FLAGS (GMC_BO_CPU_ACCESS_REQUIRED | GMC_BO_NO_CPU_ACCESS | GMC_BO_VRAM_CONTIGUOUS)

/* Navi21 with 1 GiB VRAM behind a 256 MiB BAR: vram_start 0x80_0000_0000, GART at 0. */
static struct gmc_layout
layout_1g(void)
{
	return layout_navi(0x8000, GiB(1), MiB(256));
}

static void
test_create_kernel_new_no_cpu(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu = addr_poisoned();
	uint64_t off, vis;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
			 0);
	assert_non_null(bo);
	/* §A.1: no cpu_addr → NO_CPU_ACCESS; VRAM_CONTIGUOUS always. §A.4 step 3:
	 * the first pin adds CPU_ACCESS_REQUIRED only when NO_CPU_ACCESS is not set */
	assert_int_equal(gmc_bo_flags(bo) & ALL_BO_FLAGS,
			 GMC_BO_NO_CPU_ACCESS | GMC_BO_VRAM_CONTIGUOUS);
	/* §A.2: create_kernel unreserves on success */
	assert_false(gmc_bo_is_reserved(bo));
	/* §A.1: a new BO is pinned once */
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_size(bo), KiB(64));
	assert_int_not_equal(gmc_bo_id(bo), 0);
	off = gmc_bo_offset(bo);
	assert_int_equal(off % PAGE, 0);
	assert_true(off + KiB(64) <= GiB(1));
	/* §A.7: gpu_addr = sign_extend(vram_start + offset) = 0x80_0000_0000 + offset */
	assert_int_equal(gpu.kind, GMC_ADDR_MC);
	assert_true(gmc_addr_is_tracked(&gpu));
	assert_int_equal(gpu.value, UINT64_C(0x8000000000) + off);
	assert_int_equal(gpu.bo_id, gmc_bo_id(bo));
	assert_int_equal(gpu.generation, 0);
	assert_fresh(dev, &gpu);
	/* §A.4 step 7: vram_pin_size += size, visible_pin_size += the part below 256 MiB */
	vis = off >= MiB(256) ? 0 : (MiB(256) - off < KiB(64) ? MiB(256) - off : KiB(64));
	assert_acct_eq(acct_get(dev), KiB(64), vis, 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_int_equal(live_bos(dev), 1);
	dev_done(dev);
}

static void
test_create_reserved_new_cpu(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu = addr_poisoned(), cpu = addr_poisoned();
	uint64_t off;

	(void)state;
	/* size 0x1001 is rounded up to two 4 KiB pages (gmc-bo.h) */
	assert_int_equal(gmc_bo_create_reserved(dev, 0x1001, 0, GMC_DOMAIN_VRAM, &bo, &gpu, &cpu),
			 0);
	assert_non_null(bo);
	assert_int_equal(gmc_bo_size(bo), 0x2000);
	/* §A.1: a cpu_addr pointer → CPU_ACCESS_REQUIRED (+ VRAM_CONTIGUOUS) */
	assert_int_equal(gmc_bo_flags(bo) & ALL_BO_FLAGS,
			 GMC_BO_CPU_ACCESS_REQUIRED | GMC_BO_VRAM_CONTIGUOUS);
	/* §A.1: create_reserved returns with the BO still reserved */
	assert_true(gmc_bo_is_reserved(bo));
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	off = gmc_bo_offset(bo);
	/* §A.4 step 3: pinned into CPU-visible VRAM, below the 256 MiB BAR */
	assert_true(off + 0x2000 <= MiB(256));
	assert_int_equal(gpu.value, UINT64_C(0x8000000000) + off);
	/* §7 amdgpu_ttm_io_mem_reserve: CPU bus address = aper_base (BAR, 0 at creation) + offset
	 */
	assert_int_equal(cpu.kind, GMC_ADDR_CPU);
	assert_int_equal(cpu.value, off);
	assert_fresh(dev, &cpu);
	/* fully visible: both counters grow by the size */
	assert_acct_eq(acct_get(dev), 0x2000, 0x2000, 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	assert_false(gmc_bo_is_reserved(bo));
	/* gmc-bo.h: unreserve of an unreserved BO → -EINVAL */
	assert_int_equal(gmc_bo_unreserve(dev, bo), -EINVAL);
	assert_strerror_has(dev, "not reserved");
	dev_done(dev);
}

/*
 * §7 sign extension: vram_start 0x7fff_f000_0000 (FB_LOCATION_BASE 0x7ffff0):
 * a BO at offset 0x0fff_f000 has MC 0x7fff_ffff_f000 (below the hole, kept);
 * one at 0x1000_0000 has 0x8000_0000_0000 → 0xffff_8000_0000_0000.
 */
static void
test_create_sign_extension(void **state)
{
	struct gmc_layout l = layout_navi(0x7ffff0, MiB(512), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *lo = NULL, *hi = NULL, *whole = NULL;
	struct gmc_addr a;

	(void)state;
	assert_int_equal(l.vram_start, UINT64_C(0x7ffff0000000));
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x0ffff000), PAGE, &lo, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x10000000), PAGE, &hi, NULL), 0);
	assert_int_equal(gmc_bo_gpu_offset(dev, lo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x7ffffffff000));
	assert_int_equal(gmc_bo_gpu_offset(dev, hi, &a), 0);
	assert_int_equal(a.value, UINT64_C(0xffff800000000000));
	assert_fresh(dev, &a);
	gmc_bo_free_kernel(dev, &lo, NULL, NULL);
	gmc_bo_free_kernel(dev, &hi, NULL, NULL);

	/* create_kernel's gpu_addr goes through the same sign extension: a BO as
	 * large as VRAM can only sit at offset 0 → MC 0x7fff_f000_0000; with
	 * vram_start 0x8000_0000_0000 (base 0x800000) → 0xffff_8000_0000_0000 */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_VRAM, &whole, &a, NULL),
			 0);
	assert_int_equal(gmc_bo_offset(whole), 0);
	assert_int_equal(a.value, UINT64_C(0x7ffff0000000));
	dev_done(dev);

	l = layout_navi(0x800000, MiB(512), GMC_VISIBLE_ALL);
	dev = dev_make(&l);
	whole = NULL;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_VRAM, &whole, &a, NULL),
			 0);
	assert_int_equal(a.value, UINT64_C(0xffff800000000000));
	assert_fresh(dev, &a);
	dev_done(dev);
}

/*
 * §A.1 "already non-NULL": reserved, pinned again (pin_count + 1), no
 * allocation, bp ignored, a fresh gpu_addr, the existing kmap.
 */
static void
test_create_existing_slot(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL, *first;
	struct gmc_addr gpu, gpu2, cpu, cpu2;
	uint64_t off;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, &cpu),
			 0);
	first = bo;
	off = gmc_bo_offset(bo);
	/* node 2: vram_start 0x10_0000_0000 + 2 × 0x17_f800_0000 = 0x3f_f000_0000 */
	assert_int_equal(gpu.value, UINT64_C(0x3ff0000000) + off);
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);

	/* the vGPU moves to node 5; the hw path runs create_kernel again */
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(2), KiB(64),
					      GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT, &bo, &gpu2, &cpu2),
			 0);
	/* §A.1: no new BO, and the new size/align/domain are ignored for it */
	assert_ptr_equal(bo, first);
	assert_int_equal(live_bos(dev), 1);
	assert_int_equal(gmc_bo_size(bo), KiB(64));
	assert_int_equal(gmc_bo_offset(bo), off);
	/* §A.1 step 2 / §A.4: pin_count 1 → 2 */
	assert_int_equal(gmc_bo_pin_count(bo), 2);
	assert_false(gmc_bo_is_reserved(bo));
	/* §A.1 step 4: a fresh gpu_addr; node 5: vram_start 0x10_0000_0000 + 5 × seg
	 * = 0x87_d800_0000 */
	assert_int_equal(gpu2.value, UINT64_C(0x87d8000000) + off);
	assert_fresh(dev, &gpu2);
	/* and the old copy is now stale by 3 segments (vram_start moved) */
	assert_stale(dev, &gpu, UINT64_C(0x87d8000000) + off, GMC_CAUSE_VRAM_START);
	/* §A.1 step 5: the existing mapping; the BAR did not move, so the same value */
	assert_int_equal(cpu2.kind, GMC_ADDR_CPU);
	assert_int_equal(cpu2.value, cpu.value);
	assert_fresh(dev, &cpu2);
	/* §A.4: a pin of a pinned BO adds nothing to the accounting */
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_acct_invariant(dev);

	/* create_reserved on the existing slot: returns it reserved, pin 3 */
	assert_int_equal(gmc_bo_create_reserved(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	assert_ptr_equal(bo, first);
	assert_true(gmc_bo_is_reserved(bo));
	assert_int_equal(gmc_bo_pin_count(bo), 3);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/* gmc-bo.h: the alignment is honoured, by the first pin and after a move alike. */
static void
test_create_alignment(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *small = NULL, *big = NULL, *gtt_small = NULL, *gtt = NULL;

	(void)state;
	/* a page first, so that the next free byte is not 64 KiB aligned */
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM, &small, NULL, NULL),
			 0);
	assert_int_equal(
		gmc_bo_create_kernel(dev, PAGE, KiB(64), GMC_DOMAIN_VRAM, &big, NULL, NULL), 0);
	assert_int_equal(gmc_bo_offset(big) % KiB(64), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_GTT, &gtt_small, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, MiB(1), GMC_DOMAIN_GTT, &gtt, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_offset(gtt) % MiB(1), 0);
	/* evicted and validated back: still aligned */
	unpin_reserved(dev, big);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	gmc_bo_free_kernel(dev, &small, NULL, NULL);
	assert_int_equal(gmc_bo_create_kernel_at(dev, 0, PAGE, &small, NULL), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_equal(gmc_bo_mem_type(big), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_offset(big) % KiB(64), 0);
	dev_done(dev);
}

/* §A.1 size 0 with a NULL slot: nothing to drop, 0, still NULL. */
static void
test_create_size_zero_null(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, 0, 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL), 0);
	assert_null(bo);
	assert_int_equal(gmc_bo_create_reserved(dev, 0, 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	dev_done(dev);
}

/*
 * §A.1 size 0 with a pinned BO: the reference is dropped without unpinning;
 * ttm_bo_release WARNs (release-pinned, §A.5) and the pin accounting is
 * never subtracted.
 */
static void
test_create_size_zero_pinned(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_event ev;
	uint32_t id;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	gmc_bo_set_label(bo, "psp fw_pri");
	id = gmc_bo_id(bo);
	/* the whole VRAM is visible on this VF: +64 KiB to both counters */
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);

	assert_int_equal(gmc_bo_create_kernel(dev, 0, 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 1);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_last_event(dev, GMC_EVENT_RELEASE_PINNED, id, "ttm_bo_release");
	ev = last_event(dev);
	assert_string_equal(ev.label, "psp fw_pri");
	/* §A.5: never subtracted → the counters keep +64 KiB for a BO that is gone */
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_acct_eq(acct_actual(dev), 0, 0, 0);
	assert_acct_eq(ev.drift, KiB(64), KiB(64), 0);
	assert_acct_eq(drift_get(dev), KiB(64), KiB(64), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.1 size 0 with an unpinned BO: dropped quietly, accounting untouched. */
static void
test_create_size_zero_unpinned(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	unpin_reserved(dev, bo);
	/* §A.5: unpin to 0 subtracts what the pin added */
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_int_equal(gmc_bo_create_reserved(dev, 0, 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	dev_done(dev);
}

/*
 * §A.4 "VRAM|GTT domain": with VRAM full the pin falls back to GTT and the
 * MC address is GART-based. Layout: fb_base 0 → vram_start 0, GART HIGH at
 * 0x7fff_0000_0000 (§4.3), 16 MiB of VRAM, all visible.
 */
static void
test_create_gtt_fallback(void **state)
{
	struct gmc_layout l = layout_navi(0, MiB(16), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *fill = NULL, *bo = NULL, *vram_only = NULL;
	struct gmc_addr gpu, fill_gpu;
	uint64_t goff;

	(void)state;
	/* a BO as large as VRAM sits at 0 */
	assert_int_equal(
		gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &fill, &fill_gpu, NULL), 0);
	assert_int_equal(fill_gpu.value, 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT,
					      &bo, &gpu, NULL),
			 0);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	goff = gmc_bo_offset(bo);
	assert_int_equal(goff % PAGE, 0);
	assert_true(goff + KiB(64) <= MiB(512));
	/* §A.7: TT → gart_start + offset, sign-extended (0x7fff_.. is below the hole) */
	assert_int_equal(gpu.value, NAVI_GART_HIGH + goff);
	assert_fresh(dev, &gpu);
	/* §A.4 step 7: a TT pin adds to gart_pin_size only */
	assert_acct_eq(acct_get(dev), MiB(16), MiB(16), KiB(64));

	/* VRAM only with VRAM full: nothing allocated, -ENOMEM (gmc-bo.h) */
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &vram_only, NULL, NULL),
		-ENOMEM);
	assert_null(vram_only);
	assert_int_equal(live_bos(dev), 2);
	/* §A.1: "create fails: dev_err" */
	assert_int_equal(kcount(dev, GMC_EVENT_CREATE_FAILED), 1);
	assert_acct_eq(acct_get(dev), MiB(16), MiB(16), KiB(64));
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* A GTT-only BO: GART-based MC, gart_pin_size, and a CPU mapping. */
static void
test_create_gtt_domain(void **state)
{
	struct gmc_layout l = layout_navi(0, MiB(16), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu, cpu;

	(void)state;
	/* a BO as large as GART (512 MiB) sits at GART offset 0 */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_GTT, &bo, &gpu, &cpu),
			 0);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_offset(bo), 0);
	assert_int_equal(gpu.value, NAVI_GART_HIGH);
	assert_int_equal(gpu.kind, GMC_ADDR_MC);
	assert_int_equal(cpu.kind, GMC_ADDR_CPU);
	assert_acct_eq(acct_get(dev), 0, 0, MiB(512));
	/* §A.6: free_kernel unpins once → the GART counter back to 0 */
	gmc_bo_free_kernel(dev, &bo, &gpu, &cpu);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/*
 * §A.4 step 3: a CPU-accessed BO is pinned into CPU-visible VRAM. Four
 * 64 MiB CPU BOs fill the 256 MiB window exactly, so they sit at 0, 64,
 * 128 and 192 MiB in some order; a fifth finds no visible room even
 * though 768 MiB of invisible VRAM is free; a NO_CPU BO still fits there.
 */
static void
test_create_cpu_visible(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo[4] = { NULL }, *fifth = NULL, *nocpu = NULL, *spill = NULL;
	struct gmc_addr cpu;
	unsigned seen = 0;

	(void)state;
	for (int i = 0; i < 4; i++) {
		int rc = gmc_bo_create_kernel(dev, MiB(64), 0, GMC_DOMAIN_VRAM, &bo[i], NULL, &cpu);

		assert_int_equal(rc, 0);
		assert_int_equal(gmc_bo_offset(bo[i]) % MiB(64), 0);
		assert_true(gmc_bo_offset(bo[i]) < MiB(256));
		seen |= 1u << (gmc_bo_offset(bo[i]) / MiB(64));
	}
	assert_int_equal(seen, 0xf);
	assert_acct_eq(acct_get(dev), MiB(256), MiB(256), 0);

	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM, &fifth, NULL, &cpu),
			 -ENOMEM);
	assert_null(fifth);
	/* the same without a CPU pointer lands above the BAR */
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM, &nocpu, NULL, NULL),
			 0);
	assert_true(gmc_bo_offset(nocpu) >= MiB(256));
	/* NO_CPU above the BAR: vram +4 KiB, visible +0 */
	assert_acct_eq(acct_get(dev), MiB(256) + PAGE, MiB(256), 0);
	/* VRAM|GTT with a CPU pointer and the window full: GTT (§A.4 fallback) */
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT,
					      &spill, NULL, &cpu),
			 0);
	assert_int_equal(gmc_bo_mem_type(spill), GMC_DOMAIN_GTT);
	assert_acct_eq(acct_get(dev), MiB(256) + PAGE, MiB(256), PAGE);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §A.1: an existing BO created without a CPU pointer, "re-created" with one:
 * kmap → -EPERM, error_unpin: one unpin, unreserve, and the BO (not created
 * here) is not freed.
 */
static void
test_create_kmap_eperm(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *first;
	struct gmc_addr cpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	first = bo;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 -EPERM);
	assert_ptr_equal(bo, first);
	assert_true(bo_alive(dev, bo));
	/* pin 1 → 2 by the pin, → 1 by error_unpin */
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_false(gmc_bo_is_reserved(bo));
	assert_true(is_poisoned(&cpu, sizeof(cpu)));
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_strerror_has(dev, "NO_CPU_ACCESS");

	/* the same with the BO unpinned: the first pin adds, error_unpin takes it back */
	unpin_reserved(dev, bo);
	assert_int_equal(gmc_bo_create_reserved(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 -EPERM);
	assert_ptr_equal(bo, first);
	assert_int_equal(gmc_bo_pin_count(bo), 0);
	assert_false(gmc_bo_is_reserved(bo));
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	/* gmc_bo_kmap() on its own says the same */
	assert_int_equal(gmc_bo_kmap(dev, bo, &cpu), -EPERM);
	assert_true(is_poisoned(&cpu, sizeof(cpu)));
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.1 "create fails": nothing allocated, dev_err (create-failed), error returned. */
static void
test_fail_create(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_addr gpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_CREATE, -EIO), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
			 -EIO);
	assert_null(bo);
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_last_event(dev, GMC_EVENT_CREATE_FAILED, 0, "amdgpu_bo_create_reserved");
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	/* one shot: the next create works */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 0);

	/* §A.1: an existing slot never reaches amdgpu_bo_create, so the armed
	 * failure waits for the next create of a new BO */
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_CREATE, -EIO), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_pin_count(old), 2);
	assert_int_equal(kcount(dev, GMC_EVENT_CREATE_FAILED), 1);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 -EIO);
	assert_null(bo);
	assert_int_equal(kcount(dev, GMC_EVENT_CREATE_FAILED), 2);
	assert_int_equal(live_bos(dev), 1);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.1 "reserve fails: goes to error_free": a new BO is freed, an old one untouched. */
static void
test_fail_reserve(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_addr gpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_RESERVE, -EINTR), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
			 -EINTR);
	assert_null(bo);
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_int_equal(live_bos(dev), 0);
	/* never pinned → nothing to warn about, nothing counted */
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 0);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_RESERVE, -EINTR), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, &gpu, NULL),
			 -EINTR);
	assert_non_null(old);
	assert_true(bo_alive(dev, old));
	assert_int_equal(gmc_bo_pin_count(old), 1);
	assert_false(gmc_bo_is_reserved(old));
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/* §A.1 "pin fails: goes to error_unreserve"; §A.4 step 5 dev_err "pin failed". */
static void
test_fail_pin(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_event ev;

	(void)state;
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_PIN, -ENOMEM), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 -ENOMEM);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	ev = last_event(dev);
	assert_int_equal(ev.kind, GMC_EVENT_PIN_FAILED);
	assert_string_equal(ev.call, "amdgpu_bo_pin");
	/* the BO concerned existed: it has an id */
	assert_int_not_equal(ev.bo_id, 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	/* an existing, unpinned BO: the first pin fails; it stays, unpinned, unreserved */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 0);
	assert_int_not_equal(gmc_bo_id(old), ev.bo_id);
	unpin_reserved(dev, old);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_PIN, -ENOMEM), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 -ENOMEM);
	assert_true(bo_alive(dev, old));
	assert_int_equal(gmc_bo_pin_count(old), 0);
	assert_false(gmc_bo_is_reserved(old));
	assert_int_equal(kcount(dev, GMC_EVENT_PIN_FAILED), 2);
	assert_last_event(dev, GMC_EVENT_PIN_FAILED, gmc_bo_id(old), "amdgpu_bo_pin");
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §A.1 "alloc_gart fails: goes to error_unpin": unpinned once, unreserved,
 * unref'ed only if created here.
 */
static void
test_fail_alloc_gart(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_addr gpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_ALLOC_GART, -ENOSPC), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_GTT, &bo, &gpu, NULL),
			 -ENOSPC);
	assert_null(bo);
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_int_equal(live_bos(dev), 0);
	/* pinned then unpinned to 0 before the release: no warning, counters back to 0 */
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_GTT, &old, NULL, NULL),
			 0);
	assert_acct_eq(acct_get(dev), 0, 0, KiB(64));
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_ALLOC_GART, -ENOSPC), 0);
	assert_int_equal(gmc_bo_create_reserved(dev, KiB(64), 0, GMC_DOMAIN_GTT, &old, &gpu, NULL),
			 -ENOSPC);
	assert_true(bo_alive(dev, old));
	/* pin 1 → 2 → 1: "a pre-existing BO is left pinned at its previous count" */
	assert_int_equal(gmc_bo_pin_count(old), 1);
	assert_false(gmc_bo_is_reserved(old));
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_acct_eq(acct_get(dev), 0, 0, KiB(64));
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.1 "kmap fails: goes to error_unpin". */
static void
test_fail_kmap(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_addr cpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_KMAP, -ENOMEM), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 -ENOMEM);
	assert_null(bo);
	assert_true(is_poisoned(&cpu, sizeof(cpu)));
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	/* an existing CPU BO whose mapping was dropped: kmap must map again */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, &cpu),
			 0);
	gmc_bo_kunmap(dev, old);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_KMAP, -ENOMEM), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, &cpu),
			 -ENOMEM);
	assert_true(bo_alive(dev, old));
	assert_int_equal(gmc_bo_pin_count(old), 1);
	assert_false(gmc_bo_is_reserved(old));
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* gmc-bo.h: reserving a reserved BO would deadlock the driver → -EDEADLK. */
static void
test_reserve_reserved(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *first;
	struct gmc_addr gpu = addr_poisoned();

	(void)state;
	assert_int_equal(gmc_bo_create_reserved(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	first = bo;
	assert_int_equal(gmc_bo_reserve(dev, bo), -EDEADLK);
	assert_strerror_has(dev, "reserved");
	/* create on the reserved slot fails at its reserve (error_free, not created) */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
			 -EDEADLK);
	assert_ptr_equal(bo, first);
	assert_true(bo_alive(dev, bo));
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_true(gmc_bo_is_reserved(bo));
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	dev_done(dev);
}

/* gmc-bo.h: bad domain, alignment or size → -EINVAL, nothing done, a reason given. */
static void
test_create_invalid_args(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *old = NULL;
	struct gmc_addr gpu = addr_poisoned();
	static const unsigned bad_domains[] = { 0, 1u << 2, GMC_DOMAIN_VRAM | (1u << 5) };
	static const uint64_t bad_aligns[] = { 3, 0x3000, PAGE + 1, UINT64_MAX };

	(void)state;
	for (size_t i = 0; i < sizeof(bad_domains) / sizeof(bad_domains[0]); i++) {
		assert_int_equal(
			gmc_bo_create_kernel(dev, KiB(64), 0, bad_domains[i], &bo, &gpu, NULL),
			-EINVAL);
		assert_null(bo);
		assert_strerror_has(dev, "domain");
	}
	for (size_t i = 0; i < sizeof(bad_aligns) / sizeof(bad_aligns[0]); i++) {
		assert_int_equal(gmc_bo_create_reserved(dev, KiB(64), bad_aligns[i],
							GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
				 -EINVAL);
		assert_null(bo);
		assert_strerror_has(dev, "power of two");
	}
	/* a size that cannot be rounded up to a page */
	assert_int_equal(
		gmc_bo_create_kernel(dev, UINT64_MAX - 1, 0, GMC_DOMAIN_VRAM, &bo, &gpu, NULL),
		-EINVAL);
	assert_null(bo);
	assert_strerror_has(dev, "size");
	/* no slot at all */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, NULL, &gpu, NULL),
			 -EINVAL);
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);

	/* an existing slot with a bad domain: the BO is not touched */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &old, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, 0, &old, &gpu, NULL), -EINVAL);
	assert_int_equal(gmc_bo_pin_count(old), 1);
	assert_false(gmc_bo_is_reserved(old));
	assert_true(is_poisoned(&gpu, sizeof(gpu)));

	/* failure injection itself: a bad point or a non-negative error → -EINVAL */
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_POINT_COUNT, -EIO), -EINVAL);
	assert_int_equal(gmc_dev_fail_next(dev, (enum gmc_fail_point) - 1, -EIO), -EINVAL);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_CREATE, 0), -EINVAL);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_CREATE, EIO), -EINVAL);
	/* nothing got armed: a create works */
	bo = NULL;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	/* gmc_dev_new() argument checks */
	{
		struct gmc_dev *other = NULL;

		assert_int_equal(gmc_dev_new(NULL, &other), -EINVAL);
		assert_null(other);
	}
	assert_int_equal(gmc_dev_new(&l, NULL), -EINVAL);
	gmc_dev_free(NULL);
	dev_done(dev);
}

/*
 * §A.3: offset aligned down and size up to a page; the BO sits exactly at
 * the offset. On the node-2 VF the worked example's BO at 0x40_0000 has
 * MC 0x3f_f040_0000 (layout edge vector).
 */
static void
test_kernel_at(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *cpu_bo = NULL;
	struct gmc_addr mc, cpu;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400123), 0x1001, &bo, NULL), 0);
	assert_non_null(bo);
	/* 0x400123 & ~0xfff = 0x400000; ALIGN(0x1001, 4 KiB) = 0x2000 */
	assert_int_equal(gmc_bo_offset(bo), UINT64_C(0x400000));
	assert_int_equal(gmc_bo_size(bo), 0x2000);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	/* §A.3: create_reserved with VRAM: pinned once, then unreserved */
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_false(gmc_bo_is_reserved(bo));
	/* §A.1 no cpu_addr → NO_CPU_ACCESS */
	assert_int_equal(gmc_bo_flags(bo) & ALL_BO_FLAGS,
			 GMC_BO_NO_CPU_ACCESS | GMC_BO_VRAM_CONTIGUOUS);
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &mc), 0);
	assert_int_equal(mc.value, UINT64_C(0x3ff0400000));
	/* visible = all VRAM here: +0x2000 to both */
	assert_acct_eq(acct_get(dev), 0x2000, 0x2000, 0);

	/* with a CPU pointer: re-kmapped at the final place, BAR 0 → CPU = offset */
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x800000), PAGE, &cpu_bo, &cpu), 0);
	assert_int_equal(gmc_bo_offset(cpu_bo), UINT64_C(0x800000));
	assert_int_equal(gmc_bo_flags(cpu_bo) & ALL_BO_FLAGS,
			 GMC_BO_CPU_ACCESS_REQUIRED | GMC_BO_VRAM_CONTIGUOUS);
	assert_int_equal(cpu.kind, GMC_ADDR_CPU);
	assert_int_equal(cpu.value, UINT64_C(0x800000));
	assert_fresh(dev, &cpu);

	/* size 0: 0 and a NULL slot (a NULL slot stays NULL) */
	{
		struct gmc_bo *none = NULL;

		assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x900000), 0, &none, NULL),
				 0);
		assert_null(none);
	}
	assert_int_equal(live_bos(dev), 2);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.3 size 0 on an existing slot: create_reserved(size 0) drops it (pinned: warns). */
static void
test_kernel_at_size_zero_existing(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	uint32_t id;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), PAGE, &bo, NULL), 0);
	id = gmc_bo_id(bo);
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), 0, &bo, NULL), 0);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_last_event(dev, GMC_EVENT_RELEASE_PINNED, id, "ttm_bo_release");
	/* the one page stays counted (§A.1 size 0 does not unpin) */
	assert_acct_eq(acct_get(dev), PAGE, PAGE, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §A.3 error: "unreserve plus unref, with no unpin, so the pinned BO is
 * released pinned": -ENOSPC, the slot NULL, a release-pinned warning, and
 * the pin accounting of the first pin leaks. On this VF all VRAM is
 * visible, so the first pin added the full size to both VRAM counters
 * wherever it was placed before the move.
 */
static void
test_kernel_at_occupied(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *a = NULL, *b = NULL;
	struct gmc_event ev;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), KiB(64), &a, NULL), 0);
	/* [0x40_8000, 0x41_8000) overlaps [0x40_0000, 0x41_0000) */
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x408000), KiB(64), &b, NULL),
			 -ENOSPC);
	assert_null(b);
	assert_strerror_has(dev, "not free");
	assert_int_equal(live_bos(dev), 1);
	assert_int_equal(gmc_bo_offset(a), UINT64_C(0x400000));
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 1);
	ev = last_event(dev);
	assert_int_equal(ev.kind, GMC_EVENT_RELEASE_PINNED);
	assert_string_equal(ev.call, "ttm_bo_release");
	/* a's 64 KiB + b's leaked 64 KiB */
	assert_acct_eq(acct_get(dev), KiB(128), KiB(128), 0);
	assert_acct_eq(acct_actual(dev), KiB(64), KiB(64), 0);
	/* the warning carries the leak: what b's pin added and nobody subtracts */
	assert_acct_eq(ev.drift, KiB(64), KiB(64), 0);
	assert_acct_invariant(dev);

	/* a range past the end of VRAM is not free either */
	assert_int_equal(gmc_bo_create_kernel_at(dev, VF_VRAM - PAGE, KiB(8), &b, NULL), -ENOSPC);
	assert_null(b);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 2);
	assert_acct_eq(acct_get(dev), KiB(136), KiB(136), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.6: NULL → at once; no warning, the caller's slots untouched. */
static void
test_free_null(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu = addr_poisoned(), cpu = addr_poisoned();

	(void)state;
	gmc_dev_set_in_suspend(dev, true);
	gmc_bo_free_kernel(dev, &bo, &gpu, &cpu);
	gmc_bo_free_kernel(dev, NULL, &gpu, &cpu);
	assert_null(bo);
	assert_true(is_poisoned(&gpu, sizeof(gpu)));
	assert_true(is_poisoned(&cpu, sizeof(cpu)));
	/* returns before the WARN_ON(in_suspend) */
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/* §A.6: unpins once, unrefs, zeroes *gpu_addr and *cpu_addr. */
static void
test_free_kernel(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu, cpu, keep;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, &cpu),
			 0);
	keep = gpu;
	gmc_bo_free_kernel(dev, &bo, &gpu, &cpu);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	assert_int_equal(gpu.value, 0);
	assert_false(gmc_addr_is_tracked(&gpu));
	assert_int_equal(cpu.value, 0);
	assert_false(gmc_addr_is_tracked(&cpu));
	/* pin 1 → 0: what the pin added is subtracted, no warning */
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	/* a copy the caller kept elsewhere is now a use after free */
	assert_gone(dev, &keep, GMC_CAUSE_BO_FREED);
	dev_done(dev);
}

/* §A.6: WARN_ON(adev->in_suspend), then the normal free. */
static void
test_free_in_suspend(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_event ev;
	uint32_t id;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL),
			 0);
	gmc_bo_set_label(bo, "umsch ucode");
	id = gmc_bo_id(bo);
	gmc_dev_set_in_suspend(dev, true);
	gmc_bo_free_kernel(dev, &bo, NULL, NULL);
	assert_null(bo);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_last_event(dev, GMC_EVENT_FREE_IN_SUSPEND, id, "amdgpu_bo_free_kernel");
	ev = last_event(dev);
	assert_string_equal(ev.label, "umsch ucode");
	/* only a warning: the BO was still unpinned and released */
	assert_int_equal(live_bos(dev), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	dev_done(dev);
}

/*
 * §A.6: if the reserve fails, unpin/kunmap are skipped but the BO is still
 * unref'ed: a pinned BO is then released pinned (§A.5) and its accounting
 * leaks. Both ways: a BO the caller still holds reserved, and an injected
 * reserve failure.
 */
static void
test_free_reserve_fails(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr gpu, cpu;
	struct gmc_event ev;
	uint32_t id;

	(void)state;
	assert_int_equal(gmc_bo_create_reserved(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &gpu, &cpu),
			 0);
	id = gmc_bo_id(bo);
	gmc_bo_free_kernel(dev, &bo, &gpu, &cpu);
	assert_null(bo);
	assert_int_equal(live_bos(dev), 0);
	/* zeroed even on this path */
	assert_int_equal(gpu.value, 0);
	assert_false(gmc_addr_is_tracked(&gpu));
	assert_false(gmc_addr_is_tracked(&cpu));
	assert_int_equal(gmc_dev_event_count(dev), 2);
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_RESERVE_FAILED);
	assert_int_equal(ev.bo_id, id);
	assert_string_equal(ev.call, "amdgpu_bo_free_kernel");
	assert_int_equal(gmc_dev_event_at(dev, 1, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_RELEASE_PINNED);
	assert_int_equal(ev.bo_id, id);
	assert_true(ev.seq > 0);
	/* no unpin → 64 KiB stays counted */
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_acct_eq(acct_actual(dev), 0, 0, 0);
	assert_acct_invariant(dev);

	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_GTT, &bo, NULL, NULL), 0);
	assert_int_equal(gmc_dev_fail_next(dev, GMC_FAIL_RESERVE, -EINTR), 0);
	gmc_bo_free_kernel(dev, &bo, NULL, NULL);
	assert_null(bo);
	assert_int_equal(kcount(dev, GMC_EVENT_RESERVE_FAILED), 2);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 2);
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), KiB(64));
	assert_acct_invariant(dev);
	dev_done(dev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_kernel_new_no_cpu),
		cmocka_unit_test(test_create_reserved_new_cpu),
		cmocka_unit_test(test_create_sign_extension),
		cmocka_unit_test(test_create_alignment),
		cmocka_unit_test(test_create_existing_slot),
		cmocka_unit_test(test_create_size_zero_null),
		cmocka_unit_test(test_create_size_zero_pinned),
		cmocka_unit_test(test_create_size_zero_unpinned),
		cmocka_unit_test(test_create_gtt_fallback),
		cmocka_unit_test(test_create_gtt_domain),
		cmocka_unit_test(test_create_cpu_visible),
		cmocka_unit_test(test_create_kmap_eperm),
		cmocka_unit_test(test_fail_create),
		cmocka_unit_test(test_fail_reserve),
		cmocka_unit_test(test_fail_pin),
		cmocka_unit_test(test_fail_alloc_gart),
		cmocka_unit_test(test_fail_kmap),
		cmocka_unit_test(test_reserve_reserved),
		cmocka_unit_test(test_create_invalid_args),
		cmocka_unit_test(test_kernel_at),
		cmocka_unit_test(test_kernel_at_size_zero_existing),
		cmocka_unit_test(test_kernel_at_occupied),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_free_kernel),
		cmocka_unit_test(test_free_in_suspend),
		cmocka_unit_test(test_free_reserve_fails),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
