/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_gmc_agp_location() and amdgpu_gmc_set_agp_default() through
 * gmc_layout_compute(): off by default, agp=0, agp=1 on bare metal with the
 * FB above and below GART and both size choices, off for SR-IOV and on GC
 * 11.5.0, and values other than -1, 0, 1 (accepted, off).
 * Facts: gmc-address-math.md §3, §4.3, §4.4, §5, §6, §9.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <limits.h>

#include "test-util.h"

/* One part per gmc generation that allows AGP, plus GC 11.5.0 which never does. */
static const char *const all_gmc[] = { "vega10", "navi10", "sienna_cichlid",
				       "gc1100", "gc1150", "gc1200" };
#define N_ALL_GMC (sizeof(all_gmc) / sizeof(all_gmc[0]))

static void
assert_agp(const struct gmc_layout *l, uint64_t start, uint64_t end, uint64_t size)
{
	assert_int_equal(l->agp_start, start);
	assert_int_equal(l->agp_end, end);
	assert_int_equal(l->agp_size, size);
	assert_true(l->flags & GMC_LAYOUT_AGP_ENABLED);
}

static void
test_agp_off_by_default(void **state)
{
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	/* amdgpu_agp defaults to -1 "auto", which now means off (§3, §4.4) */
	assert_int_equal(p.agp, -1);
	for (size_t i = 0; i < N_ALL_GMC; i++) {
		struct gmc_layout l = layout_of(all_gmc[i], 0x8000, 0x83ff, 0, 0, 0, &p);

		/* agp_start 0xffff_ffff_ffff, agp_end 0, agp_size 0 */
		assert_agp_off(&l);
	}
}

static void
test_agp_zero_is_off(void **state)
{
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	p.agp = 0;
	for (size_t i = 0; i < N_ALL_GMC; i++) {
		struct gmc_layout l = layout_of(all_gmc[i], 0x8000, 0x83ff, 0, 0, 0, &p);

		assert_agp_off(&l);
	}
}

static void
test_agp_fb_above_gart(void **state)
{
	static const char *const names[] = { "vega10", "navi10", "sienna_cichlid", "gc1200" };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	p.agp = 1;
	for (size_t i = 0; i < 4; i++) {
		/* FB 0x80_0000_0000 .. 0x83_ffff_ffff, GART 0 .. 0x1fff_ffff (BEST_FIT/LOW) */
		struct gmc_layout l = layout_of(names[i], 0x8000, 0x83ff, 0, 0, 0, &p);

		assert_int_equal(l.gart_start, 0);
		/*
		 * fb_start > gart_start:
		 * size_bf = (0x80_0000_0000 & ~(16G-1)) - ALIGN(0x2000_0000, 16G)
		 *         = 0x80_0000_0000 - 0x4_0000_0000 = 0x7c_0000_0000
		 * size_af = mc_mask + 1 - ALIGN(0x84_0000_0000, 16G)
		 *         = 0x1_0000_0000_0000 - 0x84_0000_0000 = 0xff7c_0000_0000
		 * size_bf <= size_af → start = 0x84_0000_0000, end = start + size - 1
		 */
		assert_agp(&l, UINT64_C(0x8400000000), UINT64_C(0xffffffffffff),
			   UINT64_C(0xff7c00000000));
	}
}

static void
test_agp_fb_above_gart_bf_larger(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/*
	 * Only an FB above the 47-bit hole makes size_bf win here (no VBIOS
	 * programs that; the formulas are plain u64 math). FB_BASE 0xc00000 →
	 * fb 0xc000_0000_0000 .. 0xc003_ffff_ffff. GART: size_af = 0x8000_0000_0000
	 * - 0xc004_0000_0000 wraps to 0xffff_bffc_0000_0000 > size_bf → start 0.
	 */
	p.agp = 1;
	l = layout_of("navi10", 0xc00000, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	/*
	 * size_bf = 0xc000_0000_0000 - 0x4_0000_0000 = 0xbffc_0000_0000
	 * size_af = 0x1_0000_0000_0000 - 0xc004_0000_0000 = 0x3ffc_0000_0000
	 * size_bf > size_af → start = (0xc000_0000_0000 - 0xbffc_0000_0000) & ~(16G-1)
	 *                          = 0x4_0000_0000
	 * end = 0x4_0000_0000 + 0xbffc_0000_0000 - 1 = 0xbfff_ffff_ffff
	 */
	assert_agp(&l, UINT64_C(0x400000000), UINT64_C(0xbfffffffffff), UINT64_C(0xbffc00000000));
}

static void
test_agp_fb_below_gart_v11(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	p.agp = 1;
	/* Example 2b: v11 HIGH puts GART at 0x7fff_0000_0000, above the FB */
	l = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
	/*
	 * fb_start <= gart_start:
	 * size_bf = 0x80_0000_0000 & ~(16G-1) = 0x80_0000_0000
	 * size_af = (0x7fff_0000_0000 & ~(16G-1)) - ALIGN(0x84_0000_0000, 16G)
	 *         = 0x7ffc_0000_0000 - 0x84_0000_0000 = 0x7f78_0000_0000
	 * size_bf <= size_af → start 0x84_0000_0000, end 0x7ffb_ffff_ffff
	 */
	assert_agp(&l, UINT64_C(0x8400000000), UINT64_C(0x7ffbffffffff), UINT64_C(0x7f7800000000));

	/* FB_BASE 0x8100: fb 0x81_0000_0000 .. 0x84_ffff_ffff, not 16 GiB aligned */
	l = layout_of("gc1100", 0x8100, 0, 0, 0, 0, &p);
	/*
	 * size_bf = 0x81_0000_0000 & ~(16G-1) = 0x80_0000_0000
	 * size_af = 0x7ffc_0000_0000 - ALIGN(0x85_0000_0000, 16G = 0x88_0000_0000)
	 *         = 0x7f74_0000_0000 → start 0x88_0000_0000, end 0x7ffb_ffff_ffff
	 */
	assert_agp(&l, UINT64_C(0x8800000000), UINT64_C(0x7ffbffffffff), UINT64_C(0x7f7400000000));
}

static void
test_agp_fb_below_gart_bf_larger(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	p.agp = 1;
	/* v11, FB 0x7000_0000_0000 .. 0x7003_ffff_ffff, GART HIGH 0x7fff_0000_0000 */
	l = layout_of("gc1100", 0x700000, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
	/*
	 * size_bf = 0x7000_0000_0000
	 * size_af = 0x7ffc_0000_0000 - ALIGN(0x7004_0000_0000, 16G) = 0xff8_0000_0000
	 * size_bf > size_af → start = (0x7000_0000_0000 - 0x7000_0000_0000) & mask = 0,
	 * end = 0x6fff_ffff_ffff
	 */
	assert_agp(&l, 0, UINT64_C(0x6fffffffffff), UINT64_C(0x700000000000));

	/* FB_BASE 0x700100: fb_start 0x7001_0000_0000 */
	l = layout_of("gc1100", 0x700100, 0, 0, 0, 0, &p);
	/*
	 * size_bf = 0x7001_0000_0000 & ~(16G-1) = 0x7000_0000_0000
	 * size_af = 0x7ffc_0000_0000 - ALIGN(0x7005_0000_0000, 16G = 0x7008_0000_0000)
	 *         = 0xff4_0000_0000
	 * start = (0x7001_0000_0000 - 0x7000_0000_0000) & ~(16G-1) = 0x1_0000_0000 & mask = 0
	 */
	assert_agp(&l, 0, UINT64_C(0x6fffffffffff), UINT64_C(0x700000000000));
}

static void
test_agp_fb_at_zero_v10(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	p.agp = 1;
	/* FB at 0: BEST_FIT goes high → GART 0x7fff_0000_0000, above the FB */
	l = layout_of("navi10", 0, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
	/*
	 * size_bf = 0; size_af = 0x7ffc_0000_0000 - ALIGN(0x4_0000_0000, 16G)
	 * = 0x7ff8_0000_0000 → start 0x4_0000_0000, end 0x7ffb_ffff_ffff
	 */
	assert_agp(&l, UINT64_C(0x400000000), UINT64_C(0x7ffbffffffff), UINT64_C(0x7ff800000000));
}

static void
test_agp_apu_v9(void **state)
{
	struct gmc_params p = params_make(GiB(2));
	struct gmc_layout l;

	(void)state;
	p.agp = 1;
	/* renoir: FB 0xf4_0000_0000 .. 0xf4_7fff_ffff, GART 1 GiB at 0 */
	l = layout_of("renoir", 0xf400, 0xf47f, 0x1c0, 0, 0, &p);
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x3fffffff));
	/*
	 * size_bf = 0xf4_0000_0000 - ALIGN(0x4000_0000, 16G) = 0xf0_0000_0000
	 * size_af = 0x1_0000_0000_0000 - ALIGN(0xf4_8000_0000, 16G = 0xf8_0000_0000)
	 *         = 0xff08_0000_0000 → start 0xf8_0000_0000, end 0xffff_ffff_ffff
	 */
	assert_agp(&l, UINT64_C(0xf800000000), UINT64_C(0xffffffffffff), UINT64_C(0xff0800000000));
}

static void
test_agp_off_for_sriov(void **state)
{
	static const char *const names[] = { "vega10", "navi10", "sienna_cichlid", "gc1100",
					     "gc1200" };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	p.agp = 1;
	p.sriov = true;
	for (size_t i = 0; i < 5; i++) {
		/* callers skip agp_location() for a VF (§3, §4.4, §5, §6) */
		struct gmc_layout l = layout_of(names[i], 0x8000, 0x83ff, 0, 0, 0, &p);

		assert_agp_off(&l);
	}
}

static void
test_agp_off_on_gc1150(void **state)
{
	struct gmc_params p = params_make(GiB(2));
	struct gmc_layout l;

	(void)state;
	/* "deprecated and no longer functional" on GC 11.5: v11 needs GC < 11.5.0 (§4.4) */
	p.agp = 1;
	l = layout_of("gc1150", 0x8000, 0, 0x1c0, 0, 0, &p);
	assert_agp_off(&l);
	/* the rest of the layout is still computed: HIGH GART */
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
}

static void
test_agp_other_values_are_off(void **state)
{
	/*
	 * amdgpu.agp is an int that amdgpu_device_check_arguments() leaves alone
	 * (§1.2), and every caller of amdgpu_gmc_agp_location() tests
	 * amdgpu_agp == 1 (§3, §4.4, §5, §6): any other value is accepted and
	 * means off.
	 */
	static const int32_t other[] = { 2, -5, -2, 100, INT32_MAX, INT32_MIN };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		p.agp = other[i];
		for (size_t j = 0; j < N_ALL_GMC; j++) {
			struct gmc_layout l = layout_of(all_gmc[j], 0x8000, 0x83ff, 0, 0, 0, &p);

			/* agp_start 0xffff_ffff_ffff, agp_end 0, agp_size 0 */
			assert_agp_off(&l);
			/* the rest as with agp=-1: VRAM 0x80_0000_0000 .. + 16 GiB - 1 */
			assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
			assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
		}
	}
	/* Example 2 (navi21, §9) with agp 2 and -5: GART 0 .. 0x1fff_ffff, AGP off */
	for (size_t i = 0; i < 2; i++) {
		struct gmc_layout l;

		p.agp = i == 0 ? 2 : -5;
		l = layout_of("sienna_cichlid", 0x8000, 0, 0, 0, 0, &p);
		assert_int_equal(l.gart_start, 0);
		assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
		assert_agp_off(&l);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agp_off_by_default),
		cmocka_unit_test(test_agp_zero_is_off),
		cmocka_unit_test(test_agp_fb_above_gart),
		cmocka_unit_test(test_agp_fb_above_gart_bf_larger),
		cmocka_unit_test(test_agp_fb_below_gart_v11),
		cmocka_unit_test(test_agp_fb_below_gart_bf_larger),
		cmocka_unit_test(test_agp_fb_at_zero_v10),
		cmocka_unit_test(test_agp_apu_v9),
		cmocka_unit_test(test_agp_off_for_sriov),
		cmocka_unit_test(test_agp_off_on_gc1150),
		cmocka_unit_test(test_agp_other_values_are_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
