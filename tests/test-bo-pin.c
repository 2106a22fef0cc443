/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_bo_pin / amdgpu_bo_unpin and the pin-size accounting
 * (bo-lifecycle-and-callers.md §A.4, §A.5), the event log (gmc-dev.h):
 * kinds, labels, call names, counts, drift, clearing and the ring bound.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-bo-util.h"

/* 16 MiB of VRAM behind an 8 MiB BAR, vram_start 0x80_0000_0000, GART at 0. */
static struct gmc_layout
layout_small(void)
{
	return layout_navi(0x8000, MiB(16), MiB(8));
}

/* The same VRAM with a full BAR (visible 16 MiB). */
static struct gmc_layout
layout_small_fullbar(void)
{
	return layout_navi(0x8000, MiB(16), GMC_VISIBLE_ALL);
}

/*
 * §A.4 step 7: the first pin adds the size to vram_pin_size and the part
 * below visible_vram_size to visible_pin_size.
 */
static void
test_first_pin_vram(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *whole = NULL, *cpu_bo = NULL;
	struct gmc_addr cpu;

	(void)state;
	/* a NO_CPU BO as large as VRAM: at 0, half of it below the 8 MiB BAR */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &whole, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_offset(whole), 0);
	assert_acct_eq(acct_get(dev), MiB(16), MiB(8), 0);
	assert_acct_eq(acct_actual(dev), MiB(16), MiB(8), 0);
	assert_acct_invariant(dev);
	/* unpin to 0 subtracts both (§A.5), and the BO does not move */
	unpin_reserved(dev, whole);
	assert_int_equal(gmc_bo_pin_count(whole), 0);
	assert_int_equal(gmc_bo_mem_type(whole), GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_offset(whole), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_acct_invariant(dev);
	/* a pin through gmc_bo_pin() is a first pin again */
	pin_reserved(dev, whole, GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_pin_count(whole), 1);
	assert_acct_eq(acct_get(dev), MiB(16), MiB(8), 0);
	gmc_bo_free_kernel(dev, &whole, NULL, NULL);
	assert_acct_eq(acct_get(dev), 0, 0, 0);

	/* a CPU BO is pinned below the BAR (§A.4 step 3): fully visible */
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(4), 0, GMC_DOMAIN_VRAM, &cpu_bo, NULL, &cpu),
			 0);
	assert_true(gmc_bo_offset(cpu_bo) + MiB(4) <= MiB(8));
	assert_acct_eq(acct_get(dev), MiB(4), MiB(4), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/*
 * A BO straddling visible_vram_size adds only the part below it. Fixed
 * reservations leave one hole, [8 MiB - 4 KiB, 8 MiB + 4 KiB), so an 8 KiB
 * NO_CPU BO must go there: +8 KiB VRAM, +4 KiB visible.
 */
static void
test_first_pin_straddle(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *lo = NULL, *hi = NULL, *bo = NULL;
	struct gmc_pin_accounting before, after;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel_at(dev, 0, MiB(8) - PAGE, &lo, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel_at(dev, MiB(8) + PAGE, MiB(8) - PAGE, &hi, NULL), 0);
	before = acct_get(dev);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(8), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_int_equal(gmc_bo_offset(bo), MiB(8) - PAGE);
	after = acct_get(dev);
	assert_int_equal(after.vram_pin_size - before.vram_pin_size, KiB(8));
	assert_int_equal(after.visible_pin_size - before.visible_pin_size, KiB(4));
	assert_int_equal(after.gart_pin_size - before.gart_pin_size, 0);
	/* and unpin to 0 takes the same back */
	unpin_reserved(dev, bo);
	assert_acct_eq(acct_get(dev), before.vram_pin_size, before.visible_pin_size,
		       before.gart_pin_size);
	assert_int_equal(kcount(dev, GMC_EVENT_ACCOUNTING_DRIFT), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* §A.4 step 7: a TT pin adds to gart_pin_size; §A.5 unpin subtracts it. */
static void
test_first_pin_gtt(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(12), 0, GMC_DOMAIN_GTT, &bo, NULL, NULL), 0);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	assert_acct_eq(acct_get(dev), 0, 0, KiB(12));
	unpin_reserved(dev, bo);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §A.4 "already pinned": only counts (no move, no accounting), and
 * -EINVAL when the requested domain (after the preferred-domain
 * intersection) does not include where the BO is.
 */
static void
test_pin_pinned(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL, *fill = NULL, *spill = NULL;
	struct gmc_addr cpu;
	uint64_t off;

	(void)state;
	/* a CPU BO: below the 8 MiB BAR, so fully visible */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 0);
	off = gmc_bo_offset(bo);
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_VRAM), 0);
	/* VRAM|GTT includes VRAM: fine */
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT), 0);
	assert_int_equal(gmc_bo_pin_count(bo), 3);
	assert_int_equal(gmc_bo_offset(bo), off);
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	/* GTT alone excludes VRAM: -EINVAL, count unchanged */
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_GTT), -EINVAL);
	assert_strerror_has(dev, "pinned");
	assert_int_equal(gmc_bo_pin_count(bo), 3);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	/* unpin 3 → 2 → 1: no accounting change until 0 */
	assert_int_equal(gmc_bo_unpin(dev, bo), 0);
	assert_int_equal(gmc_bo_unpin(dev, bo), 0);
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	assert_int_equal(gmc_bo_unpin(dev, bo), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);

	/*
	 * A VRAM|GTT BO that fell back to GTT: a pin asking VRAM (∩ preferred
	 * VRAM|GTT = VRAM) excludes GTT → -EINVAL; VRAM|GTT is fine.
	 */
	/* unpinned now: drop it quietly (§A.1 size 0; free_kernel would unpin again) */
	assert_int_equal(gmc_bo_create_kernel(dev, 0, 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &fill, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT,
					      &spill, NULL, NULL),
			 0);
	assert_int_equal(gmc_bo_mem_type(spill), GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_reserve(dev, spill), 0);
	assert_int_equal(gmc_bo_pin(dev, spill, GMC_DOMAIN_VRAM), -EINVAL);
	assert_int_equal(gmc_bo_pin(dev, spill, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT), 0);
	assert_int_equal(gmc_bo_pin_count(spill), 2);
	assert_int_equal(gmc_bo_unreserve(dev, spill), 0);
	assert_acct_eq(acct_get(dev), MiB(16), MiB(8), KiB(4));
	assert_acct_invariant(dev);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/*
 * §A.4: "the domain is intersected with preferred_domains when they
 * overlap". A VRAM-only BO, unpinned and then pinned with GTT alone (no
 * overlap: GTT as asked) sits in GTT; unpinned again and pinned with
 * VRAM|GTT, the intersection is VRAM, so it must go back to VRAM even
 * though GTT would have been allowed as asked.
 */
static void
test_pin_preferred_domain(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr cpu;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 0);
	unpin_reserved(dev, bo);
	pin_reserved(dev, bo, GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_GTT);
	assert_acct_eq(acct_get(dev), 0, 0, KiB(64));
	unpin_reserved(dev, bo);
	pin_reserved(dev, bo, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	/* a CPU BO: below the 8 MiB BAR */
	assert_true(gmc_bo_offset(bo) + KiB(64) <= MiB(8));
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	/* pinned in VRAM now: GTT alone is refused, VRAM|GTT (∩ VRAM) counts */
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_GTT), -EINVAL);
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT), 0);
	assert_int_equal(gmc_bo_pin_count(bo), 2);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* gmc-bo.h: the BO must be reserved (TTM asserts the lock) → -EINVAL otherwise. */
static void
test_pin_unpin_unreserved(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr cpu;

	(void)state;
	/* a CPU BO: below the 8 MiB BAR, so fully visible */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(64), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu),
			 0);
	assert_int_equal(gmc_bo_pin(dev, bo, GMC_DOMAIN_VRAM), -EINVAL);
	assert_strerror_has(dev, "reservation");
	assert_int_equal(gmc_bo_unpin(dev, bo), -EINVAL);
	assert_strerror_has(dev, "reservation");
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_acct_eq(acct_get(dev), KiB(64), KiB(64), 0);
	/* a bad domain, reserved: -EINVAL as well */
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_pin(dev, bo, 0), -EINVAL);
	assert_int_equal(gmc_bo_pin(dev, bo, 1u << 3), -EINVAL);
	assert_int_equal(gmc_bo_pin_count(bo), 1);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	dev_done(dev);
}

/*
 * §A.5: an unpin at pin_count 0: ttm_bo_unpin WARNs and returns (the count
 * does not wrap), amdgpu_bo_unpin does not look and subtracts the
 * accounting again, by the current mem type.
 */
static void
test_unpin_underflow(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *whole = NULL, *gtt = NULL;
	struct gmc_event ev;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &whole, NULL, NULL),
			 0);
	gmc_bo_set_label(whole, "mes eop");
	assert_int_equal(gmc_bo_reserve(dev, whole), 0);
	assert_int_equal(gmc_bo_unpin(dev, whole), 0);
	assert_acct_eq(acct_get(dev), 0, 0, 0);
	assert_int_equal(gmc_dev_event_count(dev), 0);

	assert_int_equal(gmc_bo_unpin(dev, whole), 0);
	assert_int_equal(gmc_bo_pin_count(whole), 0);
	assert_int_equal(kcount(dev, GMC_EVENT_UNPIN_UNDERFLOW), 1);
	assert_last_event(dev, GMC_EVENT_UNPIN_UNDERFLOW, gmc_bo_id(whole), "ttm_bo_unpin");
	ev = last_event(dev);
	assert_string_equal(ev.label, "mes eop");
	/* 16 MiB at 0 with an 8 MiB BAR: -16 MiB VRAM, -8 MiB visible */
	assert_acct_eq(acct_get(dev), -(int64_t)MiB(16), -(int64_t)MiB(8), 0);
	assert_acct_eq(ev.drift, -(int64_t)MiB(16), -(int64_t)MiB(8), 0);
	assert_acct_eq(drift_get(dev), -(int64_t)MiB(16), -(int64_t)MiB(8), 0);
	assert_acct_invariant(dev);
	/* and again: another -16/-8 MiB */
	assert_int_equal(gmc_bo_unpin(dev, whole), 0);
	assert_int_equal(gmc_bo_pin_count(whole), 0);
	assert_acct_eq(acct_get(dev), -(int64_t)MiB(32), -(int64_t)MiB(16), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_unreserve(dev, whole), 0);

	/* a TT BO subtracts from gart_pin_size */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(8), 0, GMC_DOMAIN_GTT, &gtt, NULL, NULL), 0);
	assert_int_equal(gmc_bo_reserve(dev, gtt), 0);
	assert_int_equal(gmc_bo_unpin(dev, gtt), 0);
	assert_int_equal(gmc_bo_unpin(dev, gtt), 0);
	assert_int_equal(gmc_bo_unreserve(dev, gtt), 0);
	ev = last_event(dev);
	assert_int_equal(ev.kind, GMC_EVENT_UNPIN_UNDERFLOW);
	assert_acct_eq(ev.drift, 0, 0, -(int64_t)KiB(8));
	assert_acct_eq(acct_get(dev), -(int64_t)MiB(32), -(int64_t)MiB(16), -(int64_t)KiB(8));
	assert_acct_invariant(dev);

	/* an evicted BO is in SYSTEM: neither VRAM nor TT, nothing subtracted */
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_mem_type(whole), GMC_DOMAIN_NONE);
	assert_int_equal(gmc_bo_reserve(dev, whole), 0);
	assert_int_equal(gmc_bo_unpin(dev, whole), 0);
	assert_int_equal(gmc_bo_unreserve(dev, whole), 0);
	ev = last_event(dev);
	assert_int_equal(ev.kind, GMC_EVENT_UNPIN_UNDERFLOW);
	assert_acct_eq(ev.drift, 0, 0, 0);
	assert_acct_eq(acct_get(dev), -(int64_t)MiB(32), -(int64_t)MiB(16), -(int64_t)KiB(8));
	assert_int_equal(kcount(dev, GMC_EVENT_UNPIN_UNDERFLOW), 4);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/*
 * §A.5: amdgpu_bo_unpin subtracts the visible size the BO has *now*. When
 * the BAR shrinks under a pinned BO (16 MiB → 8 MiB), the unpin takes
 * back less than the pin added: the accounting drifts (accounting-drift).
 */
static void
test_unpin_visible_drift(void **state)
{
	struct gmc_layout full = layout_small_fullbar(), half = layout_small();
	struct gmc_dev *dev = dev_make(&full);
	struct gmc_bo *whole = NULL;
	struct gmc_event ev;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(16), 0, GMC_DOMAIN_VRAM, &whole, NULL, NULL),
			 0);
	assert_acct_eq(acct_get(dev), MiB(16), MiB(16), 0);
	assert_int_equal(gmc_dev_set_layout(dev, &half), 0);
	unpin_reserved(dev, whole);
	/* -16 MiB VRAM, but only -8 MiB visible: 8 MiB stays behind */
	assert_acct_eq(acct_get(dev), 0, MiB(8), 0);
	assert_acct_eq(acct_actual(dev), 0, 0, 0);
	assert_int_equal(kcount(dev, GMC_EVENT_ACCOUNTING_DRIFT), 1);
	assert_last_event(dev, GMC_EVENT_ACCOUNTING_DRIFT, gmc_bo_id(whole), "amdgpu_bo_unpin");
	ev = last_event(dev);
	assert_acct_eq(ev.drift, 0, MiB(8), 0);
	/* recorded in the generation of the new layout */
	assert_int_equal(ev.generation, 1);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* A first pin of an evicted CPU BO places it again, CPU-visible. */
static void
test_pin_evicted(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_addr cpu;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(2), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu), 0);
	unpin_reserved(dev, bo);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_NONE);
	pin_reserved(dev, bo, GMC_DOMAIN_VRAM);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	assert_true(gmc_bo_offset(bo) + MiB(2) <= MiB(8));
	assert_acct_eq(acct_get(dev), MiB(2), MiB(2), 0);
	/* resume has nothing left to bring back for it */
	assert_int_equal(gmc_dev_resume(dev), 0);
	assert_int_equal(gmc_bo_mem_type(bo), GMC_DOMAIN_VRAM);
	assert_acct_invariant(dev);
	dev_done(dev);
}

/* The invariant after every step of a mixed sequence. */
static void
test_accounting_invariant_steps(void **state)
{
	struct gmc_layout full = layout_small_fullbar(), half = layout_small();
	struct gmc_dev *dev = dev_make(&full);
	struct gmc_bo *a = NULL, *b = NULL, *c = NULL;

	(void)state;
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(4), 0, GMC_DOMAIN_VRAM, &a, NULL, NULL), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_create_kernel(dev, MiB(4), 0, GMC_DOMAIN_VRAM, &a, NULL, NULL), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_GTT, &b, NULL, NULL), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_create_kernel_at(dev, MiB(12), MiB(4), &c, NULL), 0);
	assert_acct_invariant(dev);
	assert_int_equal(gmc_dev_set_layout(dev, &half), 0);
	assert_acct_invariant(dev);
	gmc_bo_free_kernel(dev, &a, NULL, NULL); /* pin 2 → 1, released pinned */
	assert_acct_invariant(dev);
	unpin_reserved(dev, b);
	assert_acct_invariant(dev);
	unpin_reserved(dev, b); /* underflow */
	assert_acct_invariant(dev);
	unpin_reserved(dev, c); /* pinned at [12, 16) MiB: visible then 4 MiB, now 0 */
	assert_acct_invariant(dev);
	assert_int_equal(gmc_bo_create_kernel(dev, 0, 0, GMC_DOMAIN_GTT, &b, NULL, NULL), 0);
	assert_acct_invariant(dev);
	assert_int_equal(kcount(dev, GMC_EVENT_RELEASE_PINNED), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_UNPIN_UNDERFLOW), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_ACCOUNTING_DRIFT), 1);
	dev_done(dev);
}

/*
 * The event log: event_at() in order, -ENOENT (out untouched) past the end,
 * per-kind counts, seq, generation, clear() keeping the drift totals.
 */
static void
test_event_log(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_event ev, ev0;
	struct gmc_addr a = addr_poisoned(), cpu;

	(void)state;
	assert_int_equal(gmc_dev_event_count(dev), 0);
	memset(&ev, POISON_BYTE, sizeof(ev));
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev), -ENOENT);
	assert_true(is_poisoned(&ev, sizeof(ev)));

	/* a CPU BO: below the BAR, so the pin added 4 KiB to both VRAM counters */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, &cpu), 0);
	gmc_bo_set_label(bo, "first");
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_unpin(dev, bo), 0);
	assert_int_equal(gmc_bo_unpin(dev, bo), 0); /* event 0: pin-underflow */
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
	gmc_dev_set_bar(dev, GiB(4)); /* generation 1 */
	gmc_bo_set_label(bo, "second");
	assert_int_equal(gmc_dev_suspend(dev), 0);		   /* evicts the unpinned BO */
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &a), -ENOENT); /* event 1 */
	assert_true(is_poisoned(&a, sizeof(a)));
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &a), -EINVAL); /* event 2 */
	assert_true(is_poisoned(&a, sizeof(a)));

	assert_int_equal(gmc_dev_event_count(dev), 3);
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev0), 0);
	assert_int_equal(ev0.kind, GMC_EVENT_UNPIN_UNDERFLOW);
	assert_string_equal(ev0.label, "first");
	assert_int_equal(ev0.generation, 0);
	assert_int_equal(gmc_dev_event_at(dev, 1, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_GPU_OFFSET_INVALID);
	assert_string_equal(ev.call, "amdgpu_bo_gpu_offset");
	/* the label at the time of the event */
	assert_string_equal(ev.label, "second");
	assert_int_equal(ev.generation, 1);
	assert_int_equal(ev.seq, ev0.seq + 1);
	assert_int_equal(gmc_dev_event_at(dev, 2, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_FB_APER_NOT_VRAM);
	assert_string_equal(ev.call, "amdgpu_bo_fb_aper_addr");
	assert_int_equal(ev.seq, ev0.seq + 2);
	memset(&ev, POISON_BYTE, sizeof(ev));
	assert_int_equal(gmc_dev_event_at(dev, 3, &ev), -ENOENT);
	assert_int_equal(gmc_dev_event_at(dev, SIZE_MAX, &ev), -ENOENT);
	assert_true(is_poisoned(&ev, sizeof(ev)));
	assert_int_equal(kcount(dev, GMC_EVENT_UNPIN_UNDERFLOW), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_GPU_OFFSET_INVALID), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_FB_APER_NOT_VRAM), 1);
	assert_int_equal(kcount(dev, GMC_EVENT_FREE_IN_SUSPEND), 0);
	/* out-of-range kinds count nothing */
	assert_int_equal(kcount(dev, GMC_EVENT_KIND_COUNT), 0);
	assert_int_equal(kcount(dev, (enum gmc_event_kind)0), 0);

	/* clear: log and counts go, the drift total (-4 KiB, -4 KiB) stays */
	gmc_dev_events_clear(dev);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev), -ENOENT);
	assert_int_equal(kcount(dev, GMC_EVENT_UNPIN_UNDERFLOW), 0);
	assert_acct_eq(drift_get(dev), -(int64_t)KiB(4), -(int64_t)KiB(4), 0);
	assert_acct_invariant(dev);
	/* a new event lands at index 0, later in the sequence */
	assert_int_equal(gmc_bo_gpu_offset(dev, bo, &a), -ENOENT);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_GPU_OFFSET_INVALID);
	assert_true(ev.seq > ev0.seq + 2);
	dev_done(dev);
}

/* gmc-dev.h: the log keeps the newest GMC_EVENT_LOG_MAX events; counts never drop. */
static void
test_event_log_bound(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	struct gmc_event first, ev;
	struct gmc_addr a;
	const size_t extra = 5;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	unpin_reserved(dev, bo);
	assert_int_equal(gmc_dev_suspend(dev), 0);
	for (size_t i = 0; i < GMC_EVENT_LOG_MAX + extra; i++)
		assert_int_equal(gmc_bo_gpu_offset(dev, bo, &a), -ENOENT);
	assert_int_equal(gmc_dev_event_count(dev), GMC_EVENT_LOG_MAX);
	assert_int_equal(kcount(dev, GMC_EVENT_GPU_OFFSET_INVALID), GMC_EVENT_LOG_MAX + extra);
	/* the oldest kept is the sixth one recorded */
	assert_int_equal(gmc_dev_event_at(dev, 0, &first), 0);
	assert_int_equal(gmc_dev_event_at(dev, GMC_EVENT_LOG_MAX - 1, &ev), 0);
	assert_int_equal(ev.seq - first.seq, GMC_EVENT_LOG_MAX - 1);
	for (size_t i = 1; i < GMC_EVENT_LOG_MAX; i++) {
		struct gmc_event prev;

		assert_int_equal(gmc_dev_event_at(dev, i - 1, &prev), 0);
		assert_int_equal(gmc_dev_event_at(dev, i, &ev), 0);
		assert_int_equal(ev.seq, prev.seq + 1);
	}
	assert_int_equal(gmc_dev_event_at(dev, GMC_EVENT_LOG_MAX, &ev), -ENOENT);
	/* clear after wrapping: a fresh, empty log that fills from index 0 */
	gmc_dev_events_clear(dev);
	assert_int_equal(gmc_dev_event_count(dev), 0);
	assert_int_equal(gmc_bo_fb_aper_addr(dev, bo, &a), -EINVAL);
	assert_int_equal(gmc_dev_event_count(dev), 1);
	assert_int_equal(gmc_dev_event_at(dev, 0, &ev), 0);
	assert_int_equal(ev.kind, GMC_EVENT_FB_APER_NOT_VRAM);
	dev_done(dev);
}

/* gmc-bo.h: labels are copied and truncated to GMC_LABEL_MAX - 1. */
static void
test_labels(void **state)
{
	struct gmc_layout l = layout_small();
	struct gmc_dev *dev = dev_make(&l);
	struct gmc_bo *bo = NULL;
	char longname[GMC_LABEL_MAX + 20], buf[32];
	struct gmc_event ev;

	(void)state;
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	assert_string_equal(gmc_bo_label(bo), "");
	strcpy(buf, "vcn vcpu");
	gmc_bo_set_label(bo, buf);
	buf[0] = 'X'; /* copied, not referenced */
	assert_string_equal(gmc_bo_label(bo), "vcn vcpu");
	memset(longname, 'q', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	gmc_bo_set_label(bo, longname);
	assert_int_equal(strlen(gmc_bo_label(bo)), GMC_LABEL_MAX - 1);
	assert_memory_equal(gmc_bo_label(bo), longname, GMC_LABEL_MAX - 1);
	/* the event carries the truncated label, NUL-terminated */
	gmc_dev_set_in_suspend(dev, true);
	gmc_bo_free_kernel(dev, &bo, NULL, NULL);
	ev = last_event(dev);
	assert_int_equal(strnlen(ev.label, sizeof(ev.label)), GMC_LABEL_MAX - 1);
	/* NULL clears */
	assert_int_equal(gmc_bo_create_kernel(dev, KiB(4), 0, GMC_DOMAIN_VRAM, &bo, NULL, NULL), 0);
	gmc_bo_set_label(bo, "x");
	gmc_bo_set_label(bo, NULL);
	assert_string_equal(gmc_bo_label(bo), "");
	dev_done(dev);
}

/* Kind names: the ones the brief and gmc-dev.h name, distinct for all kinds. */
static void
test_event_kind_names(void **state)
{
	(void)state;
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_FREE_IN_SUSPEND), "free-in-suspend");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_UNPIN_UNDERFLOW), "pin-underflow");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_RELEASE_PINNED), "release-pinned");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_GPU_OFFSET_INVALID),
			    "gpu-offset-invalid");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_PIN_FAILED), "pin-failed");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_CREATE_FAILED), "create-failed");
	assert_string_equal(gmc_event_kind_name(GMC_EVENT_RESERVE_FAILED), "reserve-failed");
	for (int i = GMC_EVENT_FREE_IN_SUSPEND; i < GMC_EVENT_KIND_COUNT; i++) {
		const char *a = gmc_event_kind_name((enum gmc_event_kind)i);

		assert_non_null(a);
		assert_true(strlen(a) > 0);
		for (int j = GMC_EVENT_FREE_IN_SUSPEND; j < i; j++)
			assert_string_not_equal(a, gmc_event_kind_name((enum gmc_event_kind)j));
	}
	/* not a kind: still a string, never one of the kinds' names */
	for (int i = GMC_EVENT_FREE_IN_SUSPEND; i < GMC_EVENT_KIND_COUNT; i++) {
		assert_non_null(gmc_event_kind_name(GMC_EVENT_KIND_COUNT));
		assert_string_not_equal(gmc_event_kind_name(GMC_EVENT_KIND_COUNT),
					gmc_event_kind_name((enum gmc_event_kind)i));
		assert_string_not_equal(gmc_event_kind_name((enum gmc_event_kind)0),
					gmc_event_kind_name((enum gmc_event_kind)i));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_pin_vram),
		cmocka_unit_test(test_first_pin_straddle),
		cmocka_unit_test(test_first_pin_gtt),
		cmocka_unit_test(test_pin_pinned),
		cmocka_unit_test(test_pin_preferred_domain),
		cmocka_unit_test(test_pin_unpin_unreserved),
		cmocka_unit_test(test_unpin_underflow),
		cmocka_unit_test(test_unpin_visible_drift),
		cmocka_unit_test(test_pin_evicted),
		cmocka_unit_test(test_accounting_invariant_steps),
		cmocka_unit_test(test_event_log),
		cmocka_unit_test(test_event_log_bound),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_event_kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
