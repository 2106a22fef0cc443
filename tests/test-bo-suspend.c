/* SPDX-License-Identifier: MIT */
/*
 * Suspend, resume and vGPU swaps (bo-lifecycle-and-callers.md §A.6, §A.7,
 * §C.4; gmc-address-math.md §8, §9 example 4): which BOs are evicted, where
 * they come back, what a layout change does to pinned BOs' addresses, the
 * -EBUSY check and the generation counter.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-bo-util.h"

/* Navi21, 1 GiB VRAM, 256 MiB BAR, vram_start 0x80_0000_0000. */
static struct gmc_layout
layout_1g(void)
{
	return layout_navi(0x8000, GiB(1), MiB(256));
}

struct four {
	struct gmc_bo *pinned, *unpinned, *gtt_pinned, *gtt_unpinned;
};

static void
make_four(struct gmc_dev *dev, struct four *f)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &f->pinned, NULL, NULL), 0);
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &f->unpinned, NULL, NULL),
		0);
	unpin_reserved(dev, f->unpinned);
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_GTT, &f->gtt_pinned, NULL, NULL),
		0);
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_GTT, &f->gtt_unpinned, NULL, NULL),
		0);
	unpin_reserved(dev, f->gtt_unpinned);
}

/*
 * gmc-dev.h / §C.4: suspend sets in_suspend and evicts unpinned VRAM BOs
 * (amdgpu_ttm_evict_resources(VRAM)); pinned BOs are not on the LRU and
 * stay, GTT BOs are not in VRAM and stay.
 */
static void
test_suspend_evicts(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct four f;
	uint64_t p_off, gp_off, gu_off;
	struct gmc_pin_accounting before;

	(void)state;
	make_four(dev, &f);
	p_off = gmc_bo_offset(f.pinned);
	gp_off = gmc_bo_offset(f.gtt_pinned);
	gu_off = gmc_bo_offset(f.gtt_unpinned);
	before = acct_get(dev);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_true(gmc_dev_in_suspend(dev));
	assert_int_equal(gmc_bo_mem_type(f.pinned), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_offset(f.pinned), p_off);
	assert_int_equal(gmc_bo_mem_type(f.unpinned), GMC_DOMAIN_NONE);
	assert_int_equal(gmc_bo_mem_type(f.gtt_pinned), GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_offset(f.gtt_pinned), gp_off);
	assert_int_equal(gmc_bo_mem_type(f.gtt_unpinned), GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_offset(f.gtt_unpinned), gu_off);
	/* eviction is no unpin: nothing counted changes, nothing warns, all alive */
	assert_acct_eq(acct_get(dev), before.vram_pin_size, before.visible_pin_size,
		       before.gart_pin_size);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_int_equal(live_bos(dev), 4);
	/* a second suspend finds nothing more to evict */
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_mem_type(f.pinned), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_mem_type(f.gtt_unpinned), GMC_DOMAIN_GTT);
	dev_done(dev);
}

/*
 * §A.7: amdgpu_bo_gpu_offset WARNs for a BO in SYSTEM (evicted) → -ENOENT
 * and gpu-offset-invalid; vram_pa goes through gpu_offset; fb_aper_addr
 * WARNs for anything not in VRAM (§D).
 */
static void
test_addresses_of_evicted(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct four f;
	struct gmc_addr a = addr_poisoned();
	uint32_t id;

	(void)state;
	make_four(dev, &f);
	gmc_bo_set_label(f.unpinned, "vm pt");
	id = gmc_bo_id(f.unpinned);
	assert_int_equal(gmc_dev_suspend(dev), 0);

	assert_int_equal(gmc_bo_gpu_offset(dev, f.unpinned, &a), -ENOENT);
	assert_true(is_poisoned(&a, sizeof(a)));
	assert_last_event(dev, GMC_EVENT_GPU_OFFSET_INVALID, id, "amdgpu_bo_gpu_offset");
	assert_string_equal(last_event(dev).label, "vm pt");
	assert_int_equal(gmc_bo_vram_pa(dev, f.unpinned, &a), -ENOENT);
	assert_true(is_poisoned(&a, sizeof(a)));
	assert_int_equal(kcount(dev, GMC_EVENT_GPU_OFFSET_INVALID), 2);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, f.unpinned, &a), -EINVAL);
	assert_true(is_poisoned(&a, sizeof(a)));
	assert_last_event(dev, GMC_EVENT_FB_APER_NOT_VRAM, id, "amdgpu_bo_fb_aper_addr");

	/* a GTT BO: fb_aper_addr WARNs; vram_pa is refused (gmc-bo.h) without a WARN */
	assert_int_equal(gmc_bo_fb_aper_addr(dev, f.gtt_pinned, &a), -EINVAL);
	assert_last_event(dev, GMC_EVENT_FB_APER_NOT_VRAM, gmc_bo_id(f.gtt_pinned),
			  "amdgpu_bo_fb_aper_addr");
	assert_int_equal(gmc_bo_vram_pa(dev, f.gtt_pinned, &a), -EINVAL);
	assert_true(is_poisoned(&a, sizeof(a)));
	assert_int_equal(gmc_dev_event_count(dev), 4);
	/* resident BOs still answer */
	assert_int_equal(gmc_bo_gpu_offset(dev, f.pinned, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x8000000000) + gmc_bo_offset(f.pinned));
	assert_int_equal(gmc_bo_gpu_offset(dev, f.gtt_unpinned, &a), 0);
	assert_int_equal(a.value, gmc_bo_offset(f.gtt_unpinned)); /* gart_start 0 */
	assert_int_equal(gmc_dev_event_count(dev), 4);
	dev_done(dev);
}

/*
 * gmc-dev.h: resume validates evicted BOs back into VRAM (maybe elsewhere)
 * and clears in_suspend. The old place of one is taken while it is out,
 * so it must come back somewhere else.
 */
static void
test_resume(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct four f;
	struct gmc_bo *blocker = NULL, *cpu_bo = NULL;
	struct gmc_addr cpu;
	uint64_t old, p_off, b_off;

	(void)state;
	make_four(dev, &f);
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(1), 0, GMC_DOMAIN_VRAM, &cpu_bo, NULL, &cpu),
			 0);
	unpin_reserved(dev, cpu_bo);
	old = gmc_bo_offset(f.unpinned);
	p_off = gmc_bo_offset(f.pinned);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_mem_type(cpu_bo), GMC_DOMAIN_NONE);
	assert_int_equal(gmc_bo_create_kernel_at(dev, old, KiB(64), &blocker, NULL), 0);
	assert_int_equal(gmc_bo_offset(blocker), old);

	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_false(gmc_dev_in_suspend(dev));
	assert_int_equal(gmc_bo_mem_type(f.unpinned), GMC_DOMAIN_VRAM);
	assert_int_not_equal(gmc_bo_offset(f.unpinned), old);
	/* no overlap with the blocker, inside VRAM */
	b_off = gmc_bo_offset(f.unpinned);
	assert_true(b_off + KiB(64) <= old || old + KiB(64) <= b_off);
	assert_true(b_off + KiB(64) <= GiB(1));
	/* the BO still needs CPU access: back below the 256 MiB BAR */
	assert_int_equal(gmc_bo_mem_type(cpu_bo), GMC_DOMAIN_VRAM);
	assert_true(gmc_bo_offset(cpu_bo) + MiB(1) <= MiB(256));
	/* pinned BOs did not move; nothing got pinned by the resume */
	assert_int_equal(gmc_bo_offset(f.pinned), p_off);
	assert_int_equal(gmc_bo_pin_count(f.unpinned), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* gmc-dev.h: -ENOSPC when an evicted BO finds no room; it stays evicted. */
static void
test_resume_no_room(void **state)
{
	struct gmc_layout l = layout_navi(0x8000, MiB(16), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *big = NULL, *small = NULL;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &big, NULL, NULL),
			 0);
	unpin_reserved(dev, big);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM, &small, NULL, NULL),
			 0);
	assert_int_equal(gmc_dev_resume(dev), -ENOSPC);
	assert_strerror_has(dev, "no room");
	assert_int_equal(gmc_bo_mem_type(big), GMC_DOMAIN_NONE);
	dev_done(dev);
}

/*
 * gmc-dev.h: a resume validates the evicted BOs back. One that found no
 * room last time is still an evicted BO: once there is room, the next
 * suspend/resume cycle brings it back.
 */
static void
test_resume_retry(void **state)
{
	struct gmc_layout l = layout_navi(0x8000, MiB(16), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *big = NULL, *small = NULL;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &big, NULL, NULL),
			 0);
	unpin_reserved(dev, big);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, PAGE, 0, GMC_DOMAIN_VRAM, &small, NULL, NULL),
			 0);
	assert_int_equal(gmc_dev_resume(dev), -ENOSPC);
	assert_int_equal(gmc_bo_mem_type(big), GMC_DOMAIN_NONE);
	gmc_bo_free_kernel(dev, &small, NULL, NULL);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_false(gmc_dev_in_suspend(dev));
	/* 16 MiB in 16 MiB of VRAM: at 0 */
	assert_int_equal(gmc_bo_mem_type(big), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_offset(big), 0);
	dev_done(dev);
}

/* gmc-dev.h: the in_suspend flag; resume clears it. */
static void
test_in_suspend_flag(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);

	(void)state;
	assert_false(gmc_dev_in_suspend(dev));
	gmc_dev_set_in_suspend(dev, true);
	assert_true(gmc_dev_in_suspend(dev));
	gmc_dev_set_in_suspend(dev, false);
	assert_false(gmc_dev_in_suspend(dev));
	gmc_dev_set_in_suspend(dev, true);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_false(gmc_dev_in_suspend(dev));
	/* neither changes the generation */
	assert_int_equal(gmc_dev_generation(dev), 0);
	dev_done(dev);
}

/*
 * §A.7 last point: pinned BOs keep their offset across the swap; only the
 * base moves. GC 9.4.3 VF node 2 → node 5, BO at 0x40_0000:
 *   MC  0x3f_f000_0000 + 0x40_0000 = 0x3f_f040_0000 → 0x87_d800_0000 + 0x40_0000 = 0x87_d840_0000
 *   PA  0x2f_f000_0000 + 0x40_0000 = 0x2f_f040_0000 → 0x77_d800_0000 + 0x40_0000 = 0x77_d840_0000
 *   FB  0x10_0000_0000 + n × seg + 0x40_0000: node 2 0x3f_f040_0000, node 5 0x87_d840_0000
 * (node 2 values are the layout edge vector's "bo" row).
 */
static void
test_layout_change_943(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL, *gtt = NULL;
	struct gmc_addr mc, pa, fb, gmc_before, g;
	uint64_t goff;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), KiB(64), &bo, NULL), 0);
	assert_int_equal(
		gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_GTT, &gtt, &gmc_before, NULL), 0);
	goff = gmc_bo_offset(gtt);
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &mc), 0);
	assert_int_equal(mc.value, UINT64_C(0x3ff0400000));
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &pa), 0);
	assert_int_equal(pa.value, UINT64_C(0x2ff0400000));
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &fb), 0);
	assert_int_equal(fb.value, UINT64_C(0x3ff0400000));

	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_dev_generation(dev), 1);
	assert_int_equal(gmc_dev_layout(dev)->vram_start, UINT64_C(0x87d8000000));
	assert_int_equal(gmc_dev_layout(dev)->vram_base_offset, UINT64_C(0x77d8000000));
	assert_int_equal(gmc_dev_layout(dev)->xgmi.physical_node_id, 5);
	assert_int_equal(gmc_bo_offset(bo), UINT64_C(0x400000));
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &mc), 0);
	assert_int_equal(mc.value, UINT64_C(0x87d8400000));
	assert_int_equal(mc.generation, 1);
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &pa), 0);
	assert_int_equal(pa.value, UINT64_C(0x77d8400000));
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &fb), 0);
	assert_int_equal(fb.value, UINT64_C(0x87d8400000));
	/* GART stays at 0 on both nodes (§4.3): the GTT BO's MC does not move */
	assert_int_equal(gmc_bo_offset(gtt), goff);
	assert_int_equal(gmc_bo_gpu_offset(dev, gtt, &g), 0);
	assert_int_equal(g.value, goff);
	assert_int_equal(g.value, gmc_before.value);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §8 / §9 example 4: GC 9.4.4 VF with migration. vram_start stays 0, so the
 * MC of the BO at 0x40_0000 stays 0x40_0000; the PA follows
 * vram_base_offset 0x2f_f000_0000 → 0x77_d800_0000 and the FB-aperture
 * address fb_start + node × seg: 0x3f_f040_0000 → 0x87_d840_0000.
 */
static void
test_layout_change_944_migrate(void **state)
{
	struct gmc_layout n2 = layout_944_vf(2), n5 = layout_944_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *bo = NULL, *gtt = NULL;
	struct gmc_addr a;
	uint64_t goff;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, UINT64_C(0x400000), PAGE, &bo, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_GTT, &gtt, &a, NULL), 0);
	goff = gmc_bo_offset(gtt);
	/* GTT: gart_start 0xc0_0000_0000 + offset */
	assert_int_equal(a.value, VF_GART_944 + goff);
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x400000));
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x2ff0400000));
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x3ff0400000));

	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_equal(gmc_bo_offset(bo), UINT64_C(0x400000));
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x400000));
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x77d8400000));
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &a), 0);
	assert_int_equal(a.value, UINT64_C(0x87d8400000));
	assert_int_equal(gmc_bo_gpu_offset(dev, gtt, &a), 0);
	assert_int_equal(a.value, VF_GART_944 + goff);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/*
 * gmc-dev.h: -EBUSY when a live BO lies beyond the new VRAM (or GART) size;
 * nothing changes, not even the generation. A BO ending exactly at the new
 * size fits; an evicted BO lies nowhere and does not block.
 */
static void
test_set_layout_ebusy(void **state)
{
	struct gmc_layout big = layout_943_vf(2), small = layout_1g();
	struct gmc_dev *dev = dev_make(&big);
	struct gmc_bo *far = NULL, *edge = NULL;

	(void)state;
	/* 64 GiB in: far beyond 1 GiB */
	assert_int_equal(gmc_bo_create_kernel_at(dev, GiB(64), KiB(64), &far, NULL), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &small), -EBUSY);
	assert_strerror_has(dev, "beyond");
	assert_int_equal(gmc_dev_generation(dev), 0);
	assert_int_equal(gmc_dev_layout(dev)->vram_start, UINT64_C(0x3ff0000000));
	assert_int_equal(gmc_dev_layout(dev)->real_vram_size, VF_VRAM);
	assert_int_equal(gmc_bo_offset(far), GiB(64));
	gmc_bo_free_kernel(dev, &far, NULL, NULL);

	/* [1 GiB - 64 KiB, 1 GiB): ends exactly at the new size → fits */
	assert_int_equal(gmc_bo_create_kernel_at(dev, GiB(1) - KiB(64), KiB(64), &edge, NULL), 0);
	/* [1 GiB, 1 GiB + 4 KiB): one page beyond */
	assert_int_equal(gmc_bo_create_kernel_at(dev, GiB(1), PAGE, &far, NULL), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &small), -EBUSY);
	assert_int_equal(gmc_dev_generation(dev), 0);
	/* unpinned and evicted, it lies nowhere */
	unpin_reserved(dev, far);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_mem_type(far), GMC_DOMAIN_NONE);
	assert_int_equal(gmc_dev_set_layout(dev, &small), 0);
	assert_int_equal(gmc_dev_generation(dev), 1);
	assert_int_equal(gmc_dev_layout(dev)->real_vram_size, GiB(1));
	assert_int_equal(gmc_bo_offset(edge), GiB(1) - KiB(64));
	/* and resume brings it back inside the new VRAM, not over the edge BO */
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_equal(gmc_bo_mem_type(far), GMC_DOMAIN_VRAM);
	assert_true(gmc_bo_offset(far) + PAGE <= GiB(1) - KiB(64));
	dev_done(dev);
}

/* -EBUSY for GART: a GTT BO filling 512 MiB does not fit a 256 MiB GART. */
static void
test_set_layout_ebusy_gart(void **state)
{
	struct gmc_layout l = layout_1g(), small_gart;
	struct gmc_regs regs = regs_make(0x8000, 0, 0, 0, 0);
	struct gmc_params p = params_make(GiB(1));
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *gtt = NULL;

	(void)state;
	p.visible_vram_size = MiB(256);
	p.gart_size_mb = 256; /* §5: gart_size = amdgpu_gart_size << 20 */
	small_gart = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(small_gart.gart_size, MiB(256));
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_GTT, &gtt, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_offset(gtt), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &small_gart), -EBUSY);
	assert_strerror_has(dev, "GART");
	assert_int_equal(gmc_dev_generation(dev), 0);
	assert_int_equal(gmc_dev_layout(dev)->gart_size, MiB(512));
	gmc_bo_free_kernel(dev, &gtt, NULL, NULL);
	assert_int_equal(gmc_dev_set_layout(dev, &small_gart), 0);
	assert_int_equal(gmc_dev_layout(dev)->gart_size, MiB(256));
	/* the smaller GART is enforced from now on: 512 MiB no longer fits */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_GTT, &gtt, NULL, NULL),
			 -ENOMEM);
	assert_null(gtt);
	dev_done(dev);
}

/* gmc-dev.h: generation counts layout and BAR changes; set_bar of the same value is none. */
static void
test_generation_and_bar(void **state)
{
	struct gmc_layout l = layout_1g();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr cpu;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu), 0);
	assert_int_equal(cpu.value, gmc_bo_offset(bo)); /* BAR 0 at creation */
	gmc_dev_set_bar(dev, 0);
	assert_int_equal(gmc_dev_generation(dev), 0);
	gmc_dev_set_bar(dev, UINT64_C(0x3800000000));
	assert_int_equal(gmc_dev_generation(dev), 1);
	gmc_dev_set_bar(dev, UINT64_C(0x3800000000));
	assert_int_equal(gmc_dev_generation(dev), 1);
	/* §7: CPU bus address = aper_base + offset */
	assert_int_equal(gmc_bo_kmap(dev, bo, &cpu), 0);
	assert_int_equal(cpu.value, UINT64_C(0x3800000000) + gmc_bo_offset(bo));
	assert_int_equal(cpu.generation, 1);
	/* the same layout again still counts as a change */
	assert_int_equal(gmc_dev_set_layout(dev, &l), 0);
	assert_int_equal(gmc_dev_generation(dev), 2);
	assert_int_equal(gmc_dev_set_layout(dev, NULL), -EINVAL);
	assert_int_equal(gmc_dev_generation(dev), 2);
	/* suspend/resume are not layout changes */
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_equal(gmc_dev_generation(dev), 2);
	dev_done(dev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suspend_evicts),
		cmocka_unit_test(test_addresses_of_evicted),
		cmocka_unit_test(test_resume),
		cmocka_unit_test(test_resume_no_room),
		cmocka_unit_test(test_resume_retry),
		cmocka_unit_test(test_in_suspend_flag),
		cmocka_unit_test(test_layout_change_943),
		cmocka_unit_test(test_layout_change_944_migrate),
		cmocka_unit_test(test_set_layout_ebusy),
		cmocka_unit_test(test_set_layout_ebusy_gart),
		cmocka_unit_test(test_generation_and_bar),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
