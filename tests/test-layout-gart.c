/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_gmc_gart_location() through gmc_layout_compute(): BEST_FIT below
 * and above the FB, HIGH on gmc v11, LOW on v12, the 4 GiB round-down, the
 * "limiting GART" case, gart_size < 32 MiB, default sizes per part and the
 * smu_prv_buffer_size addition on gmc v9.
 * Facts: gmc-address-math.md §3, §4.3, §5, §6.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <limits.h>

#include "test-util.h"

/*
 * max_mc_address = min(mc_mask 0xffff_ffff_ffff, HOLE_START - 1) = 0x7fff_ffff_ffff
 * on every gmc v9..v12 (§4.3).
 */
#define MAX_MC UINT64_C(0x7fffffffffff)

static void
assert_gart(const struct gmc_layout *l, uint64_t start, uint64_t end, uint64_t size)
{
	assert_int_equal(l->gart_start, start);
	assert_int_equal(l->gart_end, end);
	assert_int_equal(l->gart_size, size);
	/* the one invariant of every placement */
	assert_int_equal(l->gart_end - l->gart_start + 1, l->gart_size);
}

static void
test_best_fit_below_fb(void **state)
{
	static const char *const names[] = { "vega10", "navi10", "sienna_cichlid" };
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		/* FB 0x80_0000_0000 .. 0x83_ffff_ffff (Example 2) */
		struct gmc_layout l = layout_of(names[i], 0x8000, 0x83ff, 0, 0, 0, &p);

		/*
		 * size_bf = fb_start = 0x80_0000_0000;
		 * size_af = 0x8000_0000_0000 - ALIGN(0x84_0000_0000, 4G) = 0x7f7c_0000_0000;
		 * size_bf >= 0x2000_0000 and size_bf < size_af → gart_start = 0
		 */
		assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));
		assert_int_equal(l.flags & GMC_LAYOUT_GART_LIMITED, 0);
	}
}

static void
test_best_fit_above_fb(void **state)
{
	static const char *const names[] = { "vega10", "navi10", "sienna_cichlid" };
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		/* FB at 0: 0 .. 0x3_ffff_ffff */
		struct gmc_layout l = layout_of(names[i], 0, 0x3ff, 0, 0, 0, &p);

		/*
		 * size_bf = 0 < 0x2000_0000; size_af = 0x8000_0000_0000 - 0x4_0000_0000
		 * = 0x7ffc_0000_0000 >= gart → HIGH: 0x7fff_ffff_ffff - 0x2000_0000 + 1
		 * = 0x7fff_e000_0000, & ~(4G - 1) = 0x7fff_0000_0000
		 */
		assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff),
			    UINT64_C(0x20000000));
		assert_int_equal(l.flags & GMC_LAYOUT_GART_LIMITED, 0);
	}
}

static void
test_best_fit_size_bf_boundary(void **state)
{
	const struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* fb_start = 0x20 << 24 = 0x2000_0000 = gart_size: size_bf >= gart_size → below */
	l = layout_of("navi10", 0x20, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));

	/* fb_start = 0x1f << 24 = 0x1f00_0000 < 0x2000_0000 → HIGH, rounded to 0x7fff_0000_0000 */
	l = layout_of("navi10", 0x1f, 0, 0, 0, 0, &p);
	assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff), UINT64_C(0x20000000));
}

static void
test_best_fit_high_fb(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/*
	 * FB 0x7f00_0000_0000 .. 0x7f03_ffff_ffff: size_bf = 0x7f00_0000_0000,
	 * size_af = 0x8000_0000_0000 - 0x7f04_0000_0000 = 0xfc_0000_0000.
	 * size_bf is not < size_af, size_af is not < gart → HIGH = 0x7fff_0000_0000
	 */
	l = layout_of("vega10", 0x7f0000, 0x7f03ff, 0, 0, 0, &p);
	assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff), UINT64_C(0x20000000));

	/*
	 * FB 0x7fff_0000_0000 .. 0x7fff_ffff_ffff (4 GiB): size_af =
	 * 0x8000_0000_0000 - ALIGN(0x8000_0000_0000, 4G) = 0 < gart → gart_start 0
	 */
	p.vram_size = GiB(4);
	l = layout_of("navi10", 0x7fff00, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));

	/*
	 * FB 0x7ffe_0000_0000 .. 0x7ffe_ffff_ffff: size_af = 0x8000_0000_0000 -
	 * 0x7fff_0000_0000 = 0x1_0000_0000 (4 GiB) < 8 GiB requested → gart_start 0
	 */
	p.gart_size_mb = 8192;
	l = layout_of("navi10", 0x7ffe00, 0, 0, 0, 0, &p);
	/* 8192 << 20 = 0x2_0000_0000; end = 0x1_ffff_ffff */
	assert_gart(&l, 0, UINT64_C(0x1ffffffff), UINT64_C(0x200000000));
	assert_int_equal(l.flags & GMC_LAYOUT_GART_LIMITED, 0);
}

static void
test_high_on_v11(void **state)
{
	static const char *const names[] = { "gc1100", "gc1150" };
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct gmc_layout l;

		/* HIGH whatever the FB: below it fits, but v11 still goes high (§6) */
		l = layout_of(names[i], 0x8000, 0, 0, 0, 0, &p);
		/* 0x7fff_ffff_ffff - 0x2000_0000 + 1 = 0x7fff_e000_0000 → 0x7fff_0000_0000 */
		assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff),
			    UINT64_C(0x20000000));

		/* FB at 0 */
		l = layout_of(names[i], 0, 0, 0, 0, 0, &p);
		assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff),
			    UINT64_C(0x20000000));
	}
}

static void
test_low_on_v12(void **state)
{
	const struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* LOW: gart_start = 0 (§4.3, §6) */
	l = layout_of("gc1200", 0x8000, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));

	/* LOW even when BEST_FIT would go high (FB at 0): no overlap check in the placement */
	l = layout_of("gc1200", 0, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));
}

static void
test_round_down_to_4g(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* 5120 MiB = 0x1_4000_0000 */
	p.gart_size_mb = 5120;
	/* 0x7fff_ffff_ffff - 0x1_4000_0000 + 1 = 0x7ffe_c000_0000 → & ~(4G-1) = 0x7ffe_0000_0000 */
	l = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	/* end = 0x7ffe_0000_0000 + 0x1_4000_0000 - 1 = 0x7fff_3fff_ffff */
	assert_gart(&l, UINT64_C(0x7ffe00000000), UINT64_C(0x7fff3fffffff), UINT64_C(0x140000000));
	/* BEST_FIT's high branch rounds the same way (FB at 0) */
	l = layout_of("navi10", 0, 0, 0, 0, 0, &p);
	assert_gart(&l, UINT64_C(0x7ffe00000000), UINT64_C(0x7fff3fffffff), UINT64_C(0x140000000));

	/* exactly 4 GiB: 0x7fff_ffff_ffff - 0x1_0000_0000 + 1 = 0x7fff_0000_0000, aligned */
	p.gart_size_mb = 4096;
	l = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	assert_gart(&l, UINT64_C(0x7fff00000000), MAX_MC, UINT64_C(0x100000000));
}

static void
test_limiting_gart(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	p.gart_size_mb = INT32_MAX;

	/*
	 * vega10 FB 0xf4_0000_0000 .. 0xf7_ffff_ffff; request 0x7fff_ffff << 20 =
	 * 0x7_ffff_fff0_0000. size_bf = 0xf4_0000_0000, size_af = 0x8000_0000_0000 -
	 * 0xf8_0000_0000 = 0x7f08_0000_0000 → gart_size = max = 0x7f08_0000_0000.
	 * size_bf < gart and size_af == gart → HIGH: 0x7fff_ffff_ffff -
	 * 0x7f08_0000_0000 + 1 = 0xf8_0000_0000 (aligned)
	 */
	l = layout_of("vega10", 0xf400, 0xf7ff, 0, 0, 0, &p);
	assert_true(l.flags & GMC_LAYOUT_GART_LIMITED);
	assert_gart(&l, UINT64_C(0xf800000000), MAX_MC, UINT64_C(0x7f0800000000));

	/*
	 * FB 0x7f00_0000_0000 .. 0x7f03_ffff_ffff: size_bf 0x7f00_0000_0000 >
	 * size_af 0xfc_0000_0000 → gart_size = 0x7f00_0000_0000; size_af < gart
	 * → gart_start 0, end 0x7eff_ffff_ffff
	 */
	l = layout_of("navi10", 0x7f0000, 0, 0, 0, 0, &p);
	assert_true(l.flags & GMC_LAYOUT_GART_LIMITED);
	assert_gart(&l, 0, UINT64_C(0x7effffffffff), UINT64_C(0x7f0000000000));

	/*
	 * v11 HIGH, FB 0x80_0000_0000 (16 GiB): room = max(0x80_0000_0000,
	 * 0x7f7c_0000_0000) → start = 0x7fff_ffff_ffff - 0x7f7c_0000_0000 + 1 = 0x84_0000_0000
	 */
	l = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	assert_true(l.flags & GMC_LAYOUT_GART_LIMITED);
	assert_gart(&l, UINT64_C(0x8400000000), MAX_MC, UINT64_C(0x7f7c00000000));

	/* v12 LOW, same FB: start 0, end 0x7f7c_0000_0000 - 1 */
	l = layout_of("gc1200", 0x8000, 0, 0, 0, 0, &p);
	assert_true(l.flags & GMC_LAYOUT_GART_LIMITED);
	assert_gart(&l, 0, UINT64_C(0x7f7bffffffff), UINT64_C(0x7f7c00000000));
}

static void
test_limiting_gart_boundary(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* room on navi10 at 0x80_0000_0000 is 0x7f7c_0000_0000 = 0x7f7_c000 MiB: fits exactly */
	p.gart_size_mb = 0x7f7c000;
	l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
	assert_int_equal(l.flags & GMC_LAYOUT_GART_LIMITED, 0);
	/* size_bf < gart; size_af == gart is not < gart → HIGH: 0x84_0000_0000 */
	assert_gart(&l, UINT64_C(0x8400000000), MAX_MC, UINT64_C(0x7f7c00000000));

	/* one MiB more does not fit: limited back to 0x7f7c_0000_0000 */
	p.gart_size_mb = 0x7f7c001;
	l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
	assert_true(l.flags & GMC_LAYOUT_GART_LIMITED);
	assert_gart(&l, UINT64_C(0x8400000000), MAX_MC, UINT64_C(0x7f7c00000000));
}

static void
test_gart_size_param(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* 1024 << 20 = 0x4000_0000 */
	p.gart_size_mb = 1024;
	l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x3fffffff), UINT64_C(0x40000000));

	/* 32 is the smallest accepted: 32 << 20 = 0x200_0000 */
	p.gart_size_mb = 32;
	l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x1ffffff), UINT64_C(0x2000000));
	l = layout_of("vega10", 0x8000, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_size, UINT64_C(0x2000000));
}

static void
test_gart_size_below_32_is_default(void **state)
{
	/* amdgpu_device_check_arguments(): < 32 other than -1 becomes -1 (§1.2, §3) */
	static const int32_t small[] = { 31, 16, 1, 0, -1, -2, INT32_MIN };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		struct gmc_layout l;

		p.gart_size_mb = small[i];
		/* the per-part default: 512 MiB = 0x2000_0000 on navi10 and vega10 */
		l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
		assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));
		l = layout_of("vega10", 0xf400, 0xf7ff, 0, 0, 0, &p);
		assert_int_equal(l.gart_size, UINT64_C(0x20000000));
		/* 1024 MiB = 0x4000_0000 on raven ("DCE SG support") */
		l = layout_of("raven", 0xf400, 0, 0, 0, 0, &p);
		assert_int_equal(l.gart_size, UINT64_C(0x40000000));
	}
}

static bool
has_1g_default(const char *name)
{
	/* 9.1.0 9.2.2 9.3.0 and 10.3.1 10.3.3 10.3.6 10.3.7 (§3, §5) */
	static const char *const big[] = { "raven",	  "raven2", "renoir", "vangogh",
					   "yellow_carp", "gc1036", "gc1037" };

	for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++)
		if (strcmp(big[i], name) == 0)
			return true;
	return false;
}

static void
test_default_size_every_part(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	unsigned n_big = 0;

	(void)state;
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *asic = gmc_asic_at(i);
		const char *name = gmc_asic_name(asic);
		uint64_t want = has_1g_default(name) ? MiB(1024) : MiB(512);
		struct gmc_layout l;

		n_big += has_1g_default(name);
		/* FB at 0x80_0000_0000; XGMI registers 0 (off) */
		p.smu_prv_buffer_size = 0;
		l = layout_of(name, 0x8000, 0x83ff, 0, 0, 0, &p);
		assert_int_equal(l.gart_size, want);
		assert_int_equal(l.gart_end - l.gart_start + 1, want);
		switch (gmc_asic_gmc_version(asic)) {
		case 9:
		case 10:
		case 12:
			/*
			 * v9/v10 BEST_FIT: size_bf 0x80_0000_0000 >= want and
			 * < size_af 0x7f7c_0000_0000 → 0; v12 LOW → 0
			 */
			assert_int_equal(l.gart_start, 0);
			break;
		case 11:
			/* HIGH: (0x7fff_ffff_ffff - 0x2000_0000 + 1) & ~(4G-1) */
			assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
			break;
		default:
			fail_msg("%s: unexpected gmc version", name);
		}

		/* smu_prv_buffer_size 256 MiB is added on gmc v9 only (§3, §4.3, §5) */
		p.smu_prv_buffer_size = (uint32_t)MiB(256);
		l = layout_of(name, 0x8000, 0x83ff, 0, 0, 0, &p);
		if (gmc_asic_gmc_version(asic) == 9)
			assert_int_equal(l.gart_size, want + MiB(256));
		else
			assert_int_equal(l.gart_size, want);
	}
	assert_int_equal(n_big, 7);
}

static void
test_smu_prv_buffer(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* 512 MiB + 0x8000_0000 = 0xa000_0000 */
	p.smu_prv_buffer_size = 0x80000000u;
	l = layout_of("vega10", 0xf400, 0xf7ff, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x9fffffff), UINT64_C(0xa0000000));

	/* an explicit gart_size gets it too: 64 MiB + 256 MiB = 0x1400_0000 */
	p.gart_size_mb = 64;
	p.smu_prv_buffer_size = 0x10000000u;
	l = layout_of("vega10", 0xf400, 0xf7ff, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x13ffffff), UINT64_C(0x14000000));
	/* not on v10: 64 MiB = 0x400_0000 */
	l = layout_of("navi10", 0x8000, 0, 0, 0, 0, &p);
	assert_gart(&l, 0, UINT64_C(0x3ffffff), UINT64_C(0x4000000));

	/* raven: 1024 MiB + 256 MiB = 0x5000_0000 */
	p.gart_size_mb = -1;
	l = layout_of("raven", 0xf400, 0, 0, 0, 0, &p);
	assert_int_equal(l.gart_size, UINT64_C(0x50000000));
}

static void
test_gart_in_hive(void **state)
{
	struct gmc_params p = params_make(GiB(32));
	struct gmc_layout l;

	(void)state;
	/*
	 * arcturus node 7 of 8: the hive FB 0x80_0000_0000 .. 0xbf_ff00_0000 is
	 * what GART avoids. size_af = 0x8000_0000_0000 - ALIGN(0xbf_ff00_0001, 4G)
	 * = 0x8000_0000_0000 - 0xc0_0000_0000 = 0x7f40_0000_0000 > size_bf → 0
	 */
	l = layout_of("arcturus", 0x8000, 0xbfff, 0, 0x77, 0x800, &p);
	assert_gart(&l, 0, UINT64_C(0x1fffffff), UINT64_C(0x20000000));

	/*
	 * aldebaran node 15 of 16 with FB registers 0: fb_start = 0 and fb_end = 0
	 * are kept (hive), so size_bf = 0 and GART goes high, although VRAM is at
	 * 15 × 0x10_0000_0000 = 0xf0_0000_0000
	 */
	p.vram_size = GiB(64);
	l = layout_of("aldebaran", 0, 0, 0, 0xff, 0x1000, &p);
	assert_int_equal(l.vram_start, UINT64_C(0xf000000000));
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, 0);
	assert_gart(&l, UINT64_C(0x7fff00000000), UINT64_C(0x7fff1fffffff), UINT64_C(0x20000000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_best_fit_below_fb),
		cmocka_unit_test(test_best_fit_above_fb),
		cmocka_unit_test(test_best_fit_size_bf_boundary),
		cmocka_unit_test(test_best_fit_high_fb),
		cmocka_unit_test(test_high_on_v11),
		cmocka_unit_test(test_low_on_v12),
		cmocka_unit_test(test_round_down_to_4g),
		cmocka_unit_test(test_limiting_gart),
		cmocka_unit_test(test_limiting_gart_boundary),
		cmocka_unit_test(test_gart_size_param),
		cmocka_unit_test(test_gart_size_below_32_is_default),
		cmocka_unit_test(test_default_size_every_part),
		cmocka_unit_test(test_smu_prv_buffer),
		cmocka_unit_test(test_gart_in_hive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
