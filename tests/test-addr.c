/* SPDX-License-Identifier: MIT */
/*
 * Address provenance (gmc-addr.h): the tracked values the getters return
 * (values per gmc-address-math.md §7 and the layout vectors), copies and
 * gmc_addr_plus(), and gmc_addr_check() after every kind of change: layout
 * (vram_start, vram_base_offset, gart_start, FB aperture), BAR, BO moved,
 * evicted, freed; gmc_addr_mc2pa() of a stale MC (§C.3 item 4, the
 * mem_scratch "mixed" case); the 9.4.4 migrate case; names.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-bo-util.h"

#define BO_OFF UINT64_C(0x400000)

struct held {
	struct gmc_addr mc, pa, fb, cpu;
};

/* The four members of @h, to loop over. */
#define HELD_ALL(h)                                 \
	{                                           \
		&(h).mc, &(h).pa, &(h).fb, &(h).cpu \
	}

/* A pinned VRAM BO at BO_OFF with all four addresses taken. */
static struct gmc_bo *
bo_at(struct gmc_dev *dev, struct held *h)
{
	struct gmc_bo *bo = NULL;

	assert_int_equal(gmc_bo_create_kernel_at(dev, BO_OFF, KiB(64), &bo, &h->cpu), 0);
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &h->mc), 0);
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &h->pa), 0);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &h->fb), 0);
	return bo;
}

/* §7 / edge vector (9.4.3 VF node 2, BO at 0x40_0000): mc, pa, fb_aper; CPU = BAR + offset. */
static void
test_addr_kinds_values(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo;
	struct held h;

	(void)state;
	gmc_dev_set_bar(dev, UINT64_C(0x38000000000)); /* generation 1 */
	bo = bo_at(dev, &h);
	assert_int_equal(h.mc.kind, GMC_ADDR_MC);
	assert_int_equal(h.mc.value, UINT64_C(0x3ff0400000));
	assert_int_equal(h.pa.kind, GMC_ADDR_PA);
	assert_int_equal(h.pa.value, UINT64_C(0x2ff0400000));
	assert_int_equal(h.fb.kind, GMC_ADDR_FB_APER);
	assert_int_equal(h.fb.value, UINT64_C(0x3ff0400000));
	assert_int_equal(h.cpu.kind, GMC_ADDR_CPU);
	assert_int_equal(h.cpu.value, UINT64_C(0x38000000000) + BO_OFF);
	struct gmc_addr *all[] = HELD_ALL(h);

	for (size_t i = 0; i < 4; i++) {
		struct gmc_addr *a = all[i];
		struct gmc_addr_status st = addr_check(dev, a);

		assert_true(gmc_addr_is_tracked(a));
		assert_int_equal(a->bo_id, gmc_bo_id(bo));
		assert_int_equal(a->generation, 1);
		assert_false(st.stale);
		assert_true(st.fresh_valid);
		assert_int_equal(st.fresh, a->value);
		assert_int_equal(st.causes, 0);
		assert_int_equal(st.generation, 1);
	}
	/* the getters agree with the test's own §7 arithmetic */
	assert_int_equal(h.pa.value, my_mc2pa(&l, h.mc.value));
	dev_done(dev);
}

/* A copy is as good as the original; gmc_addr_plus() stays tracked. */
static void
test_addr_copy_plus(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct held h;
	struct gmc_addr copy, fence, fence2, u;
	struct {
		uint32_t pad;
		struct gmc_addr field; /* stored inside some other structure */
	} ring;

	(void)state;
	bo_at(dev, &h);
	copy = h.mc;
	memcpy(&ring.field, &h.mc, sizeof(h.mc));
	fence = gmc_addr_plus(h.mc, 0x100);
	fence2 = gmc_addr_plus(fence, 0x20);
	assert_true(gmc_addr_is_tracked(&fence2));
	assert_int_equal(fence.value, UINT64_C(0x3ff0400100));
	assert_int_equal(fence2.value, UINT64_C(0x3ff0400120));
	assert_int_equal(fence2.kind, GMC_ADDR_MC);
	assert_fresh(dev, &copy);
	assert_fresh(dev, &ring.field);
	assert_fresh(dev, &fence);
	assert_fresh(dev, &fence2);

	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	/* node 5: 0x87_d840_0000 + the same deltas */
	assert_stale(dev, &copy, UINT64_C(0x87d8400000), GMC_CAUSE_VRAM_START);
	assert_stale(dev, &ring.field, UINT64_C(0x87d8400000), GMC_CAUSE_VRAM_START);
	assert_stale(dev, &fence, UINT64_C(0x87d8400100), GMC_CAUSE_VRAM_START);
	assert_stale(dev, &fence2, UINT64_C(0x87d8400120), GMC_CAUSE_VRAM_START);
	/* the derivation generation is remembered */
	assert_int_equal(addr_check(dev, &fence2).generation, 0);

	/* plus on an untracked number is just a number */
	u = gmc_addr_plus(gmc_addr_untracked(0x1000), 0x10);
	assert_int_equal(u.value, 0x1010);
	assert_false(gmc_addr_is_tracked(&u));
	dev_done(dev);
}

/*
 * GC 9.4.3 VF node 2 → node 5: vram_start, vram_base_offset and the FB
 * aperture node offset all move by 3 × 0x17_f800_0000; GART stays at 0 and
 * the BAR did not move.
 */
static void
test_addr_stale_943(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *gtt = NULL;
	struct held h;
	struct gmc_addr g;

	(void)state;
	bo_at(dev, &h);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_GTT, &gtt, &g, NULL), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_stale(dev, &h.mc, UINT64_C(0x87d8400000), GMC_CAUSE_VRAM_START);
	assert_stale(dev, &h.pa, UINT64_C(0x77d8400000), GMC_CAUSE_VRAM_BASE_OFFSET);
	assert_stale(dev, &h.fb, UINT64_C(0x87d8400000), GMC_CAUSE_FB_APERTURE);
	assert_fresh(dev, &h.cpu);
	assert_fresh(dev, &g);
	/* fresh - cached = 3 segments */
	assert_int_equal(addr_check(dev, &h.mc).fresh - h.mc.value, 3 * VF_SEG);
	dev_done(dev);
}

/*
 * gart_start moves: Navi21, FB_LOCATION_BASE 0x8000 → 0. GART BEST_FIT
 * goes from 0 to HIGH 0x7fff_0000_0000 (§4.3), vram_start from
 * 0x80_0000_0000 to 0, fb_start with it (no XGMI: fb_start = vram_start,
 * §4.1); vram_base_offset stays 0.
 */
static void
test_addr_stale_gart_start(void **state)
{
	struct gmc_layout a = layout_navi(0x8000, GiB(1), MiB(256));
	struct gmc_layout b = layout_navi(0, GiB(1), MiB(256));
	struct gmc_dev *dev = dev_make(&a);
	struct gmc_bo *gtt = NULL;
	struct held h;
	struct gmc_addr g, gcpu;

	(void)state;
	bo_at(dev, &h);
	/* as large as GART: at GART offset 0 */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(512), 0, GMC_DOMAIN_GTT, &gtt, &g, &gcpu),
			 0);
	assert_int_equal(gmc_bo_offset(gtt), 0);
	assert_int_equal(g.value, 0);
	assert_int_equal(h.mc.value, UINT64_C(0x8000400000));
	assert_int_equal(h.pa.value, BO_OFF);
	assert_int_equal(h.fb.value, UINT64_C(0x8000400000));

	assert_int_equal(gmc_dev_set_layout(dev, &b), 0);
	assert_stale(dev, &g, NAVI_GART_HIGH, GMC_CAUSE_GART_START);
	assert_stale(dev, &h.mc, BO_OFF, GMC_CAUSE_VRAM_START);
	assert_fresh(dev, &h.pa);
	assert_stale(dev, &h.fb, BO_OFF, GMC_CAUSE_FB_APERTURE);
	assert_fresh(dev, &h.cpu);
	assert_fresh(dev, &gcpu);
	dev_done(dev);
}

/* §7: CPU addresses of VRAM are aper_base + offset: a BAR move makes them stale. */
static void
test_addr_stale_bar(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct held h;
	struct gmc_addr cpu_plus;

	(void)state;
	bo_at(dev, &h);
	cpu_plus = gmc_addr_plus(h.cpu, 0x40);
	assert_int_equal(h.cpu.value, BO_OFF); /* BAR 0 */
	gmc_dev_set_bar(dev, UINT64_C(0x20000000000));
	assert_stale(dev, &h.cpu, UINT64_C(0x20000000000) + BO_OFF, GMC_CAUSE_BAR);
	assert_stale(dev, &cpu_plus, UINT64_C(0x20000000000) + BO_OFF + 0x40, GMC_CAUSE_BAR);
	assert_fresh(dev, &h.mc);
	assert_fresh(dev, &h.pa);
	assert_fresh(dev, &h.fb);
	/* back to the old BAR: the old value is right again */
	gmc_dev_set_bar(dev, 0);
	assert_fresh(dev, &h.cpu);
	dev_done(dev);
}

/*
 * Evicted: no address exists (BO_EVICTED, no fresh value). Back at another
 * place after resume: BO_MOVED, fresh from the new offset.
 */
static void
test_addr_evicted_moved(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *blocker = NULL;
	struct held h;
	struct gmc_addr *all[] = HELD_ALL(h);
	uint64_t old, now;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &h.mc, &h.cpu),
			 0);
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &h.pa), 0);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &h.fb), 0);
	old = gmc_bo_offset(bo);
	unpin_reserved(dev, bo);
	/* unpinning moves nothing */
	assert_fresh(dev, &h.mc);

	assert_int_equal(gmc_dev_suspend(dev), 0);
	for (size_t i = 0; i < 4; i++)
		assert_gone(dev, all[i], GMC_CAUSE_BO_EVICTED);
	assert_int_equal(gmc_bo_create_kernel_at(dev, old, KiB(64), &blocker, NULL), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	now = gmc_bo_offset(bo);
	assert_int_not_equal(now, old);
	/* node 2: vram_start 0x3f_f000_0000, vram_base_offset 0x2f_f000_0000, BAR 0 */
	assert_stale(dev, &h.mc, UINT64_C(0x3ff0000000) + now, GMC_CAUSE_BO_MOVED);
	assert_stale(dev, &h.pa, UINT64_C(0x2ff0000000) + now, GMC_CAUSE_BO_MOVED);
	assert_stale(dev, &h.fb, VF_FB_START + 2 * VF_SEG + now, GMC_CAUSE_BO_MOVED);
	assert_stale(dev, &h.cpu, now, GMC_CAUSE_BO_MOVED);
	dev_done(dev);
}

/* Freed: BO_FREED, also after a new BO took its place (ids are never reused). */
static void
test_addr_freed(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo, *again = NULL;
	struct held h;
	struct gmc_addr *all[] = HELD_ALL(h);
	struct gmc_addr slot, pa;

	(void)state;
	bo = bo_at(dev, &h);
	slot = h.mc;
	gmc_bo_free_kernel(dev, &bo, &slot, NULL);
	assert_false(gmc_addr_is_tracked(&slot));
	for (size_t i = 0; i < 4; i++)
		assert_gone(dev, all[i], GMC_CAUSE_BO_FREED);
	/* the same place, probably the same internal slot, a new BO */
	assert_int_equal(gmc_bo_create_kernel_at(dev, BO_OFF, KiB(64), &again, NULL), 0);
	assert_int_not_equal(gmc_bo_id(again), h.mc.bo_id);
	for (size_t i = 0; i < 4; i++)
		assert_gone(dev, all[i], GMC_CAUSE_BO_FREED);
	/* converting a dangling MC still gives a dangling PA */
	assert_int_equal(gmc_addr_mc2pa(dev, &h.mc, &pa), 0);
	assert_gone(dev, &pa, GMC_CAUSE_BO_FREED);
	dev_done(dev);
}

/*
 * §C.3 item 4 (mem_scratch): mc2pa of a cached MC with today's vram_start
 * and vram_base_offset. Node 2 MC 0x3f_f040_0000 after the move to node 5:
 * 0x3f_f040_0000 - 0x87_d800_0000 + 0x77_d800_0000 = 0x2f_f040_0000, the
 * node-2 PA; the driver now computes 0x77_d840_0000. The PA's own input
 * (vram_base_offset) is current: the cause is the stale vram_start.
 */
static void
test_addr_mc2pa_mixed(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct held h;
	struct gmc_addr pa = addr_poisoned(), fresh_mc;

	(void)state;
	bo_at(dev, &h);
	/* fresh MC → fresh PA, equal to vram_pa */
	assert_int_equal(gmc_addr_mc2pa(dev, &h.mc, &pa), 0);
	assert_int_equal(pa.kind, GMC_ADDR_PA);
	assert_int_equal(pa.value, UINT64_C(0x2ff0400000));
	assert_fresh(dev, &pa);

	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_addr_mc2pa(dev, &h.mc, &pa), 0);
	assert_int_equal(pa.value, my_mc2pa(&n5, UINT64_C(0x3ff0400000)));
	assert_int_equal(pa.value, UINT64_C(0x2ff0400000));
	assert_int_equal(pa.generation, 1);
	assert_stale(dev, &pa, UINT64_C(0x77d8400000), GMC_CAUSE_VRAM_START);
	/* the same through a derived field (MC + 0x1000) */
	{
		struct gmc_addr mc_plus = gmc_addr_plus(h.mc, 0x1000), pa_plus;

		assert_int_equal(gmc_addr_mc2pa(dev, &mc_plus, &pa_plus), 0);
		assert_stale(dev, &pa_plus, UINT64_C(0x77d8401000), GMC_CAUSE_VRAM_START);
	}
	/* with a fresh MC the conversion is right */
	assert_int_equal(gmc_bo_gpu_offset(dev, gmc_dev_next_bo(dev, NULL), &fresh_mc), 0);
	assert_int_equal(gmc_addr_mc2pa(dev, &fresh_mc, &pa), 0);
	assert_int_equal(pa.value, UINT64_C(0x77d8400000));
	assert_fresh(dev, &pa);

	/* only MC addresses convert: -EINVAL, output untouched */
	pa = addr_poisoned();
	assert_int_equal(gmc_addr_mc2pa(dev, &h.pa, &pa), -EINVAL);
	assert_int_equal(gmc_addr_mc2pa(dev, &h.cpu, &pa), -EINVAL);
	assert_int_equal(gmc_addr_mc2pa(dev, &h.fb, &pa), -EINVAL);
	{
		struct gmc_addr u = gmc_addr_untracked(UINT64_C(0x3ff0400000));

		assert_int_equal(gmc_addr_mc2pa(dev, &u, &pa), -EINVAL);
	}
	assert_true(is_poisoned(&pa, sizeof(pa)));
	dev_done(dev);
}

/*
 * §8, §9 example 4 (9.4.4 migrate): vram_start stays 0, so the cached MC
 * stays valid across node 2 → 5, and mc2pa of it is right; the PA and the
 * FB-aperture address go stale.
 */
static void
test_addr_migrate_944(void **state)
{
	struct gmc_layout n2 = layout_944_vf(2), n5 = layout_944_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_bo *gtt = NULL;
	struct held h;
	struct gmc_addr pa, g;

	(void)state;
	bo_at(dev, &h);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_GTT, &gtt, &g, NULL), 0);
	assert_int_equal(h.mc.value, BO_OFF);
	assert_int_equal(h.pa.value, UINT64_C(0x2ff0400000));
	assert_int_equal(h.fb.value, UINT64_C(0x3ff0400000));
	assert_int_equal(g.value, VF_GART_944 + gmc_bo_offset(gtt));

	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &n5), 0);
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_fresh(dev, &h.mc);
	assert_fresh(dev, &g);
	assert_stale(dev, &h.pa, UINT64_C(0x77d8400000), GMC_CAUSE_VRAM_BASE_OFFSET);
	assert_stale(dev, &h.fb, UINT64_C(0x87d8400000), GMC_CAUSE_FB_APERTURE);
	assert_int_equal(gmc_addr_mc2pa(dev, &h.mc, &pa), 0);
	assert_int_equal(pa.value, UINT64_C(0x77d8400000));
	assert_fresh(dev, &pa);
	dev_done(dev);
}

/* §7: a sign-extended MC stays sign-extended through mc2pa (u64 arithmetic). */
static void
test_addr_sign_extended(void **state)
{
	struct gmc_layout l = layout_navi(0x800000, MiB(512), GMC_VISIBLE_ALL);
	struct gmc_dev *dev = dev_make(&l);
	struct held h;

	(void)state;
	bo_at(dev, &h);
	/* sext(0x8000_0000_0000 + 0x40_0000) = 0xffff_8000_0040_0000 */
	assert_int_equal(h.mc.value, UINT64_C(0xffff800000400000));
	/* mc2pa: 0xffff_8000_0040_0000 - 0x8000_0000_0000 + 0 = 0xffff_0000_0040_0000 */
	assert_int_equal(h.pa.value, UINT64_C(0xffff000000400000));
	assert_int_equal(h.pa.value, my_mc2pa(&l, sext(l.vram_start + BO_OFF)));
	/* fb_start = vram_start (no XGMI): sext(0x8000_0040_0000) */
	assert_int_equal(h.fb.value, UINT64_C(0xffff800000400000));
	assert_fresh(dev, &h.mc);
	assert_fresh(dev, &h.pa);
	assert_fresh(dev, &h.fb);
	dev_done(dev);
}

/*
 * A BO that moves between VRAM and GTT (an unpinned VRAM BO pinned again
 * with GTT only, §A.4 first pin). Only the BO moved: vram_start and
 * gart_start are where they were, so the cause is BO_MOVED alone
 * (gmc-addr.h: VRAM_START means "gmc.vram_start moved").
 */
static void
test_addr_domain_move_causes(void **state)
{
	struct gmc_layout l = layout_navi(0x8000, GiB(1), MiB(256));
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr mc, cpu;
	uint64_t goff, voff;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, &mc, &cpu), 0);
	unpin_reserved(dev, bo);
	pin_reserved(dev, bo, GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	goff = gmc_bo_offset(bo);
	/* §A.7: TT → gart_start (0) + offset */
	assert_stale(dev, &mc, goff, GMC_CAUSE_BO_MOVED);
	/* the BAR did not move either */
	assert_int_equal(addr_check(dev, &cpu).causes, GMC_CAUSE_BO_MOVED);

	/* and back: a GART MC, the BO pinned into VRAM again */
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &mc), 0);
	assert_int_equal(mc.value, goff);
	unpin_reserved(dev, bo);
	pin_reserved(dev, bo, GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	voff = gmc_bo_offset(bo);
	assert_stale(dev, &mc, UINT64_C(0x8000000000) + voff, GMC_CAUSE_BO_MOVED);
	dev_done(dev);
}

/*
 * The PA and FB-aperture address of a BO that moved into GTT have no
 * current value: gmc_bo_vram_pa() and gmc_bo_fb_aper_addr() refuse a BO
 * outside VRAM (gmc-bo.h). The held values point at VRAM the BO left:
 * stale, no fresh value, the BO moved. Here the BO is as large as VRAM
 * and as GART (32 MiB each), so it sits at offset 0 in both: the case
 * where comparing bare offsets cannot tell the two places apart.
 */
static void
test_addr_domain_move_vram_only(void **state)
{
	struct gmc_regs regs = regs_make(0x8000, 0, 0, 0, 0);
	struct gmc_params p = params_make(MiB(32));
	struct gmc_layout l;
	struct gmc_dev *dev;
	struct gmc_bo *bo = NULL;
	struct held h;
	struct gmc_addr_status st;

	(void)state;
	/* §5: gart_size = amdgpu_gart_size (32, the smallest accepted) << 20 */
	p.gart_size_mb = 32;
	l = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(l.gart_size, MiB(32));
	assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
	dev = dev_make(&l);
	/* at VRAM offset 0: PA = 0x80_0000_0000 - 0x80_0000_0000 + 0 (vram_base_offset) = 0 */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(32), 0, GMC_DOMAIN_VRAM, &bo, &h.mc, NULL),
			 0);
	assert_int_equal(gmc_bo_offset(bo), 0);
	assert_int_equal(gmc_bo_vram_pa(dev, bo, &h.pa), 0);
	assert_int_equal(h.pa.value, 0);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &h.fb), 0);
	assert_int_equal(h.fb.value, UINT64_C(0x8000000000));
	unpin_reserved(dev, bo);
	pin_reserved(dev, bo, GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_offset(bo), 0);
	st = addr_check(dev, &h.pa);
	assert_true(st.stale);
	assert_false(st.fresh_valid);
	assert_int_equal(st.causes, GMC_CAUSE_BO_MOVED);
	st = addr_check(dev, &h.fb);
	assert_true(st.stale);
	assert_false(st.fresh_valid);
	assert_int_equal(st.causes, GMC_CAUSE_BO_MOVED);
	dev_done(dev);
}

/*
 * gmc_addr_check_with(): the same verdict against a layout the device has
 * not been told about (the hardware's truth after an unnoticed swap).
 */
static void
test_addr_check_with(void **state)
{
	struct gmc_layout n2 = layout_943_vf(2), n5 = layout_943_vf(5);
	struct gmc_dev *dev = dev_make(&n2);
	struct gmc_addr_status st;
	struct gmc_bo *bo;
	struct held h;

	(void)state;
	bo = bo_at(dev, &h);
	/* against the device's own layout: fresh */
	memset(&st, POISON_BYTE, sizeof(st));
	assert_int_equal(gmc_addr_check_with(dev, &n2, &h.mc, &st), 0);
	assert_false(st.stale);
	assert_int_equal(st.fresh, UINT64_C(0x3ff0400000));
	/* against node 5: what the driver would compute there */
	assert_int_equal(gmc_addr_check_with(dev, &n5, &h.mc, &st), 0);
	assert_true(st.stale);
	assert_true(st.fresh_valid);
	assert_int_equal(st.fresh, UINT64_C(0x87d8400000));
	assert_int_equal(st.causes, GMC_CAUSE_VRAM_START);
	assert_int_equal(gmc_addr_check_with(dev, &n5, &h.pa, &st), 0);
	assert_int_equal(st.fresh, UINT64_C(0x77d8400000));
	assert_int_equal(st.causes, GMC_CAUSE_VRAM_BASE_OFFSET);
	assert_int_equal(gmc_addr_check_with(dev, &n5, &h.fb, &st), 0);
	assert_int_equal(st.fresh, UINT64_C(0x87d8400000));
	assert_int_equal(st.causes, GMC_CAUSE_FB_APERTURE);
	/* the device itself did not change */
	assert_int_equal(gmc_dev_generation(dev), 0);
	assert_fresh(dev, &h.mc);
	/* NULL layout or an untracked address: -EINVAL, status untouched */
	memset(&st, POISON_BYTE, sizeof(st));
	assert_int_equal(gmc_addr_check_with(dev, NULL, &h.mc, &st), -EINVAL);
	{
		struct gmc_addr u = gmc_addr_untracked(1);

		assert_int_equal(gmc_addr_check_with(dev, &n5, &u, &st), -EINVAL);
	}
	assert_true(is_poisoned(&st, sizeof(st)));
	/* freed: freed whatever the layout */
	gmc_bo_free_kernel(dev, &bo, NULL, NULL);
	assert_int_equal(gmc_addr_check_with(dev, &n5, &h.mc, &st), 0);
	assert_int_equal(st.causes, GMC_CAUSE_BO_FREED);
	dev_done(dev);
}

/* gmc-addr.h: untracked numbers (and zeroed slots) cannot be checked. */
static void
test_addr_untracked(void **state)
{
	struct gmc_layout l = layout_943_vf(2);
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_addr u = gmc_addr_untracked(UINT64_C(0x3ff0400000)), z;
	struct gmc_addr_status st;

	(void)state;
	assert_int_equal(u.value, UINT64_C(0x3ff0400000));
	assert_int_equal(u.kind, GMC_ADDR_NONE);
	assert_false(gmc_addr_is_tracked(&u));
	memset(&st, POISON_BYTE, sizeof(st));
	assert_int_equal(gmc_addr_check(dev, &u, &st), -EINVAL);
	assert_true(is_poisoned(&st, sizeof(st)));
	memset(&z, 0, sizeof(z));
	assert_false(gmc_addr_is_tracked(&z));
	assert_int_equal(gmc_addr_check(dev, &z, &st), -EINVAL);
	assert_true(is_poisoned(&st, sizeof(st)));
	dev_done(dev);
}

/* gmc-addr.h names: one per cause bit (NULL otherwise), one per kind. */
static void
test_addr_names(void **state)
{
	static const unsigned bits[] = {
		GMC_CAUSE_VRAM_START,  GMC_CAUSE_GART_START, GMC_CAUSE_VRAM_BASE_OFFSET,
		GMC_CAUSE_FB_APERTURE, GMC_CAUSE_BAR,	     GMC_CAUSE_BO_MOVED,
		GMC_CAUSE_BO_FREED,    GMC_CAUSE_BO_EVICTED,
	};
	const size_t n = sizeof(bits) / sizeof(bits[0]);

	(void)state;
	assert_string_equal(gmc_cause_name(GMC_CAUSE_VRAM_START), "vram_start moved");
	for (size_t i = 0; i < n; i++) {
		const char *a = gmc_cause_name(bits[i]);

		assert_non_null(a);
		assert_true(strlen(a) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(a, gmc_cause_name(bits[j]));
	}
	assert_null(gmc_cause_name(0));
	assert_null(gmc_cause_name(GMC_CAUSE_VRAM_START | GMC_CAUSE_BO_MOVED));
	assert_null(gmc_cause_name(1u << 8));
	assert_string_equal(gmc_addr_kind_name(GMC_ADDR_MC), "mc");
	assert_string_equal(gmc_addr_kind_name(GMC_ADDR_PA), "pa");
	assert_string_equal(gmc_addr_kind_name(GMC_ADDR_FB_APER), "fb_aper");
	assert_string_equal(gmc_addr_kind_name(GMC_ADDR_CPU), "cpu");
	assert_string_equal(gmc_addr_kind_name(GMC_ADDR_NONE), "none");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_kinds_values),
		cmocka_unit_test(test_addr_copy_plus),
		cmocka_unit_test(test_addr_stale_943),
		cmocka_unit_test(test_addr_stale_gart_start),
		cmocka_unit_test(test_addr_stale_bar),
		cmocka_unit_test(test_addr_evicted_moved),
		cmocka_unit_test(test_addr_freed),
		cmocka_unit_test(test_addr_mc2pa_mixed),
		cmocka_unit_test(test_addr_migrate_944),
		cmocka_unit_test(test_addr_sign_extended),
		cmocka_unit_test(test_addr_domain_move_causes),
		cmocka_unit_test(test_addr_domain_move_vram_only),
		cmocka_unit_test(test_addr_check_with),
		cmocka_unit_test(test_addr_untracked),
		cmocka_unit_test(test_addr_names),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
