/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the kernel-BO and address-provenance unit tests: the layouts
 * they run on, device set-up, accounting and event assertions, and the
 * test's own address arithmetic.
 *
 * Expected values never come from here. The layout builders assert the
 * fields the tests rely on against values worked out by hand from
 * gmc-address-math.md, so a test that uses a layout also checks it.
 */
#ifndef TEST_BO_UTIL_H
#define TEST_BO_UTIL_H

#ifdef NDEBUG
#error "the unit tests rely on assert(): build them without NDEBUG"
#endif

#include "test-util.h"

#define KiB(x) ((uint64_t)(x) << 10)
#define PAGE UINT64_C(4096)

/* gmc-address-math.md §7: amdgpu_gmc_sign_extend() */
#define HOLE_START UINT64_C(0x0000800000000000)
#define SIGN_BITS UINT64_C(0xffff800000000000)

/*
 * The GC 9.4.3 / 9.4.4 SR-IOV VF of §9 example 4 and the edge vectors:
 * FB_LOCATION_BASE 0x1000 (16 MiB units), TOP 0xcfff, XGMI_LFB_CNTL 0x7N
 * (PF_MAX_REGION 7: 8 nodes, PF_LFB_REGION N), XGMI_LFB_SIZE 0x17f8,
 * memsize 0x17f0000000.
 */
#define VF_FB_BASE_REG 0x1000u
#define VF_FB_TOP_REG 0xcfffu
#define VF_LFB_SIZE_REG 0x17f8u
#define VF_VRAM UINT64_C(0x17f0000000)
#define VF_FB_START UINT64_C(0x1000000000) /* 0x1000 << 24 */
#define VF_SEG UINT64_C(0x17f8000000)	   /* 0x17f8 << 24 */
#define VF_GART_944 UINT64_C(0xc000000000) /* ALIGN(8 * seg, 4 GiB), §9 ex. 4 */

/* Test's own sign extension (§7), not the library's. */
static inline uint64_t
sext(uint64_t a)
{
	return a >= HOLE_START ? a | SIGN_BITS : a;
}

/* Test's own amdgpu_gmc_vram_mc2pa() (§7): mc - vram_start + vram_base_offset, u64 wrap. */
static inline uint64_t
my_mc2pa(const struct gmc_layout *l, uint64_t mc)
{
	return mc - l->vram_start + l->vram_base_offset;
}

/*
 * GC 9.4.3 SR-IOV VF at XGMI node @node: FB layout (no migration on 9.4.3),
 * vram_start = fb_start + node * seg (§3 steps 2-3), vram_base_offset =
 * FB_OFFSET (0) + node * seg (§3 step 5), GART BEST_FIT at 0 because
 * size_bf = fb_start = 0x10_0000_0000 >= 512 MiB and size_af is larger (§4.3).
 */
static inline struct gmc_layout
layout_943_vf(unsigned node)
{
	struct gmc_regs regs =
		regs_make(VF_FB_BASE_REG, VF_FB_TOP_REG, 0, 0x70u | node, VF_LFB_SIZE_REG);
	struct gmc_params p = params_make(VF_VRAM);
	struct gmc_layout l;

	p.sriov = true;
	l = layout_ok("gc943", &regs, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.physical_node_id, node);
	assert_int_equal(l.xgmi.node_segment_size, VF_SEG);
	assert_int_equal(l.fb_start, VF_FB_START);
	assert_int_equal(l.vram_start, VF_FB_START + node * VF_SEG);
	assert_int_equal(l.vram_base_offset, node * VF_SEG);
	assert_int_equal(l.real_vram_size, VF_VRAM);
	/* BAR covers everything (GMC_VISIBLE_ALL), clamped to real_vram_size (§4.1) */
	assert_int_equal(l.visible_vram_size, VF_VRAM);
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_size, MiB(512));
	return l;
}

/*
 * GC 9.4.4 SR-IOV VF at node @node: sysvm with XGMI migration (§4.2, §9
 * example 4): vram_start 0, gart_start 0xc0_0000_0000, fb_start kept at
 * 0x10_0000_0000, vram_base_offset = node * seg.
 */
static inline struct gmc_layout
layout_944_vf(unsigned node)
{
	struct gmc_regs regs = regs_make(VF_FB_BASE_REG, 0, 0, 0x70u | node, VF_LFB_SIZE_REG);
	struct gmc_params p = params_make(VF_VRAM);
	struct gmc_layout l;

	p.sriov = true;
	l = layout_ok("gc944", &regs, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM_MIGRATE);
	assert_int_equal(l.xgmi.physical_node_id, node);
	assert_int_equal(l.xgmi.node_segment_size, VF_SEG);
	assert_int_equal(l.fb_start, VF_FB_START);
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_base_offset, node * VF_SEG);
	assert_int_equal(l.real_vram_size, VF_VRAM);
	assert_int_equal(l.gart_start, VF_GART_944);
	assert_int_equal(l.gart_size, MiB(512));
	return l;
}

/*
 * A single Navi21 (GC 10.3.0, gmc v10) with @vram bytes of VRAM and a
 * @visible byte BAR (GMC_VISIBLE_ALL for a full BAR): vram_start =
 * FB_LOCATION_BASE << 24 (§5 step 1), vram_base_offset 0 (FB_OFFSET 0),
 * 512 MiB GART. gart_start is BEST_FIT (§4.3): 0 when fb_start >= 512 MiB
 * (and the space after the FB is larger); with fb_base 0, size_bf = 0 is too
 * small, so HIGH: (0x7fff_ffff_ffff - 0x2000_0000 + 1) & ~(4 GiB - 1) =
 * 0x7fff_0000_0000.
 */
#define NAVI_GART_HIGH UINT64_C(0x7fff00000000)

static inline struct gmc_layout
layout_navi(uint32_t fb_base_reg, uint64_t vram, uint64_t visible)
{
	struct gmc_regs regs = regs_make(fb_base_reg, 0, 0, 0, 0);
	struct gmc_params p = params_make(vram);
	struct gmc_layout l;

	p.visible_vram_size = visible;
	l = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(l.vram_start, (uint64_t)fb_base_reg << 24);
	assert_int_equal(l.vram_base_offset, 0);
	assert_int_equal(l.real_vram_size, vram);
	assert_int_equal(l.visible_vram_size, visible < vram ? visible : vram);
	assert_int_equal(l.gart_size, MiB(512));
	assert_int_equal(l.gart_start,
			 ((uint64_t)fb_base_reg << 24) >= MiB(512) ? 0 : NAVI_GART_HIGH);
	return l;
}

/*
 * Devices a test made and has not freed yet. A failed assertion leaves the
 * test early; the group teardown frees what it left, so that valgrind
 * stays quiet even when a test fails.
 */
#define DEV_REGISTRY_MAX 8
static struct gmc_dev *dev_registry[DEV_REGISTRY_MAX];

static inline struct gmc_dev *
dev_make(const struct gmc_layout *l)
{
	struct gmc_dev *dev = NULL;
	size_t i;

	assert_int_equal(gmc_dev_new(l, &dev), 0);
	assert_non_null(dev);
	for (i = 0; i < DEV_REGISTRY_MAX && dev_registry[i]; i++)
		;
	if (i == DEV_REGISTRY_MAX) {
		gmc_dev_free(dev);
		fail_msg("more than %d devices alive in one test", DEV_REGISTRY_MAX);
	}
	dev_registry[i] = dev;
	/* gmc-dev.h: generation starts at 0; BAR 0 at creation */
	assert_int_equal(gmc_dev_generation(dev), 0);
	assert_false(gmc_dev_in_suspend(dev));
	return dev;
}

/* gmc_dev_free() for a device made by dev_make(). */
static inline void
dev_done(struct gmc_dev *dev)
{
	for (size_t i = 0; i < DEV_REGISTRY_MAX; i++)
		if (dev_registry[i] == dev)
			dev_registry[i] = NULL;
	gmc_dev_free(dev);
}

/* Group teardown: free the devices of tests that failed half-way. */
static inline int
dev_registry_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < DEV_REGISTRY_MAX; i++) {
		gmc_dev_free(dev_registry[i]);
		dev_registry[i] = NULL;
	}
	return 0;
}

static inline struct gmc_pin_accounting
acct_get(const struct gmc_dev *dev)
{
	struct gmc_pin_accounting a;

	gmc_dev_pin_accounting(dev, &a);
	return a;
}

static inline struct gmc_pin_accounting
acct_actual(const struct gmc_dev *dev)
{
	struct gmc_pin_accounting a;

	gmc_dev_pin_accounting_actual(dev, &a);
	return a;
}

static inline struct gmc_pin_accounting
drift_get(const struct gmc_dev *dev)
{
	struct gmc_pin_accounting a;

	gmc_dev_event_drift(dev, &a);
	return a;
}

#define assert_acct_eq(a, v, vis, g)                                   \
	do {                                                           \
		struct gmc_pin_accounting a_ = (a);                    \
		assert_int_equal(a_.vram_pin_size, (int64_t)(v));      \
		assert_int_equal(a_.visible_pin_size, (int64_t)(vis)); \
		assert_int_equal(a_.gart_pin_size, (int64_t)(g));      \
	} while (0)

/* The driver's counters are the pinned BOs' sum plus every recorded drift. */
#define assert_acct_invariant(dev)                                                                \
	do {                                                                                      \
		struct gmc_pin_accounting c_ = acct_get(dev), r_ = acct_actual(dev),              \
					  d_ = drift_get(dev);                                    \
		assert_int_equal(c_.vram_pin_size, r_.vram_pin_size + d_.vram_pin_size);          \
		assert_int_equal(c_.visible_pin_size, r_.visible_pin_size + d_.visible_pin_size); \
		assert_int_equal(c_.gart_pin_size, r_.gart_pin_size + d_.gart_pin_size);          \
	} while (0)

static inline size_t
kcount(const struct gmc_dev *dev, enum gmc_event_kind kind)
{
	return gmc_dev_event_kind_count(dev, kind);
}

/* The newest event in the log (the test fails if there is none). */
static inline struct gmc_event
last_event(const struct gmc_dev *dev)
{
	struct gmc_event ev;
	size_t n = gmc_dev_event_count(dev);

	assert_true(n > 0);
	assert_int_equal(gmc_dev_event_at(dev, n - 1, &ev), 0);
	return ev;
}

/* The newest event is @kind about BO @bo_id, warned by @call. */
#define assert_last_event(dev, kind_, bo_id_, call_)   \
	do {                                           \
		struct gmc_event e_ = last_event(dev); \
		assert_int_equal(e_.kind, (kind_));    \
		assert_int_equal(e_.bo_id, (bo_id_));  \
		assert_non_null(e_.call);              \
		assert_string_equal(e_.call, (call_)); \
	} while (0)

/* Count of live BOs, walking gmc_dev_next_bo(). */
static inline size_t
live_bos(const struct gmc_dev *dev)
{
	size_t n = 0;

	for (struct gmc_bo *b = gmc_dev_next_bo(dev, NULL); b; b = gmc_dev_next_bo(dev, b))
		n++;
	return n;
}

static inline bool
bo_alive(const struct gmc_dev *dev, const struct gmc_bo *bo)
{
	for (struct gmc_bo *b = gmc_dev_next_bo(dev, NULL); b; b = gmc_dev_next_bo(dev, b))
		if (b == bo)
			return true;
	return false;
}

/* reserve, unpin, unreserve: every step must succeed. */
static inline void
unpin_reserved(struct gmc_dev *dev, struct gmc_bo *bo)
{
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_unpin(dev, bo), 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
}

/* reserve, pin, unreserve: every step must succeed. */
static inline void
pin_reserved(struct gmc_dev *dev, struct gmc_bo *bo, unsigned domain)
{
	assert_int_equal(gmc_bo_reserve(dev, bo), 0);
	assert_int_equal(gmc_bo_pin(dev, bo, domain), 0);
	assert_int_equal(gmc_bo_unreserve(dev, bo), 0);
}

static inline struct gmc_addr_status
addr_check(const struct gmc_dev *dev, const struct gmc_addr *a)
{
	struct gmc_addr_status st;

	memset(&st, POISON_BYTE, sizeof(st));
	assert_int_equal(gmc_addr_check(dev, a, &st), 0);
	return st;
}

/* Not stale: the held value is what the driver computes now. */
#define assert_fresh(dev, a)                                        \
	do {                                                        \
		struct gmc_addr_status s_ = addr_check((dev), (a)); \
		assert_false(s_.stale);                             \
		assert_true(s_.fresh_valid);                        \
		assert_int_equal(s_.cached, (a)->value);            \
		assert_int_equal(s_.fresh, (a)->value);             \
		assert_int_equal(s_.causes, 0);                     \
	} while (0)

/* Stale: the driver now computes @fresh_, for exactly the causes @causes_. */
#define assert_stale(dev, a, fresh_, causes_)                       \
	do {                                                        \
		struct gmc_addr_status s_ = addr_check((dev), (a)); \
		assert_true(s_.stale);                              \
		assert_true(s_.fresh_valid);                        \
		assert_int_equal(s_.cached, (a)->value);            \
		assert_int_equal(s_.fresh, (fresh_));               \
		assert_int_equal(s_.causes, (causes_));             \
	} while (0)

/* Stale with no fresh value (freed or evicted). */
#define assert_gone(dev, a, causes_)                                \
	do {                                                        \
		struct gmc_addr_status s_ = addr_check((dev), (a)); \
		assert_true(s_.stale);                              \
		assert_false(s_.fresh_valid);                       \
		assert_int_equal(s_.cached, (a)->value);            \
		assert_int_equal(s_.causes, (causes_));             \
	} while (0)

/* An out parameter filled with POISON_BYTE, to prove "untouched". */
static inline struct gmc_addr
addr_poisoned(void)
{
	struct gmc_addr a;

	memset(&a, POISON_BYTE, sizeof(a));
	return a;
}

/* The BO's error message mentions @needle. */
#define assert_strerror_has(dev, needle)                                                  \
	do {                                                                              \
		const char *m_ = gmc_dev_strerror(dev);                                   \
		assert_non_null(m_);                                                      \
		if (!strstr(m_, (needle)))                                                \
			fail_msg("gmc_dev_strerror() \"%s\" does not mention \"%s\"", m_, \
				 (needle));                                               \
	} while (0)

#endif /* TEST_BO_UTIL_H */
