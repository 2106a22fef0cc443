/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_gmc_vram_location() through gmc_layout_compute(): vram_start/end,
 * vramlimit (0 meaning 0 bytes), vis_vramlimit, visible clamped to real,
 * fb_start/fb_end replaced only without XGMI, and the sizes RCC_CONFIG_MEMSIZE
 * can express (whole MiB, below 2^52).
 * Facts: gmc-address-math.md §1.2, §3, §4.1, §5, §6; peers-and-pci.md §2.3.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

/* One dGPU per gmc generation, FB_LOCATION_BASE 0x8000 → 0x80_0000_0000. */
static const char *const dgpus[] = { "vega10", "navi10", "sienna_cichlid", "gc1100", "gc1200" };
#define N_DGPUS (sizeof(dgpus) / sizeof(dgpus[0]))

/* FB_LOCATION_BASE 0x8000; TOP 0x83ff = the 16 GiB FB as v9's mmhub would hold it. */
static struct gmc_regs
regs_16g(void)
{
	return regs_make(0x8000, 0x83ff, 0, 0, 0);
}

static void
test_vram_defaults(void **state)
{
	const struct gmc_regs regs = regs_16g();
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < N_DGPUS; i++) {
		struct gmc_layout l = layout_ok(dgpus[i], &regs, &p);

		assert_int_equal(l.mode, GMC_MODE_FB);
		/* base = 0x8000 << 24 = 0x80_0000_0000 (§1.2) */
		assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
		/* 0x80_0000_0000 + 16 GiB (0x4_0000_0000) - 1 = 0x83_ffff_ffff */
		assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
		/* 16384 MiB << 20 = 0x4_0000_0000 */
		assert_int_equal(l.mc_vram_size, UINT64_C(0x400000000));
		/* default vramlimit UINT_MAX: 0xffffffff << 20 = 0xf_ffff_fff0_0000, no effect */
		assert_int_equal(l.real_vram_size, UINT64_C(0x400000000));
		/* BAR covers all: visible = aper = 16 GiB */
		assert_int_equal(l.visible_vram_size, UINT64_C(0x400000000));
		/* no XGMI: fb_start/fb_end = the VRAM range */
		assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
		assert_int_equal(l.fb_end, UINT64_C(0x83ffffffff));
		assert_int_equal(l.mc_mask, MC_MASK_48);
		assert_ptr_equal(l.asic, asic_get(dgpus[i]));
	}
}

static void
test_vramlimit_zero_means_zero_bytes(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	/* "vramlimit=0 now really means 0 bytes": limit 0 < real → real = 0 (§4.1) */
	p.vramlimit_mb = 0;
	for (size_t i = 0; i < N_DGPUS; i++) {
		struct gmc_layout l = layout_ok(dgpus[i], &regs, &p);

		assert_int_equal(l.real_vram_size, 0);
		/* real 0 < visible 16 GiB → visible = 0 */
		assert_int_equal(l.visible_vram_size, 0);
		/* vram_end uses mc_vram_size, which the limit does not touch */
		assert_int_equal(l.mc_vram_size, UINT64_C(0x400000000));
		assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
		assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
		assert_int_equal(l.fb_end, UINT64_C(0x83ffffffff));
	}
}

static void
test_vramlimit_below_vram(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	p.vramlimit_mb = 1024;
	for (size_t i = 0; i < N_DGPUS; i++) {
		l = layout_ok(dgpus[i], &regs, &p);
		/* 1024 << 20 = 0x4000_0000 < 0x4_0000_0000 → real = 0x4000_0000 */
		assert_int_equal(l.real_vram_size, UINT64_C(0x40000000));
		/* visible 16 GiB > real 1 GiB → 0x4000_0000 */
		assert_int_equal(l.visible_vram_size, UINT64_C(0x40000000));
		/* vram_end still from mc_vram_size: 0x83_ffff_ffff */
		assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
		assert_int_equal(l.mc_vram_size, UINT64_C(0x400000000));
	}

	/* a 256 MiB BAR below the limit stays 256 MiB */
	p.visible_vram_size = MiB(256);
	l = layout_ok("navi10", &regs, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x40000000));
	/* 256 MiB = 0x1000_0000 < real 0x4000_0000 */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
}

static void
test_vramlimit_at_or_above_vram(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* 16384 << 20 = 0x4_0000_0000, not < real: no change */
	p.vramlimit_mb = 16384;
	l = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x400000000));
	assert_int_equal(l.visible_vram_size, UINT64_C(0x400000000));

	/* 32768 << 20 = 0x8_0000_0000 > real: no change */
	p.vramlimit_mb = 32768;
	l = layout_ok("vega10", &regs, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x400000000));

	/* 16383 << 20 = 0x3_fff0_0000 < real: one MiB less */
	p.vramlimit_mb = 16383;
	l = layout_ok("gc1200", &regs, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x3fff00000));
	assert_int_equal(l.visible_vram_size, UINT64_C(0x3fff00000));
}

static void
test_vis_vramlimit(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	for (size_t i = 0; i < N_DGPUS; i++) {
		/* vis 256 MiB = 0x1000_0000 < visible 16 GiB → 0x1000_0000 */
		p = params_make(GiB(16));
		p.vis_vramlimit_mb = 256;
		l = layout_ok(dgpus[i], &regs, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
		assert_int_equal(l.real_vram_size, UINT64_C(0x400000000));

		/* vis 512 MiB with a 256 MiB BAR: not < visible, BAR wins */
		p.visible_vram_size = MiB(256);
		p.vis_vramlimit_mb = 512;
		l = layout_ok(dgpus[i], &regs, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));

		/* vis 0 = no limit: the 256 MiB BAR */
		p.vis_vramlimit_mb = 0;
		l = layout_ok(dgpus[i], &regs, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}

	/* vector: vramlimit 1024 + vis 256 → real 0x4000_0000, visible 0x1000_0000 */
	p = params_make(GiB(16));
	p.vramlimit_mb = 1024;
	p.vis_vramlimit_mb = 256;
	l = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x40000000));
	assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));

	/* vis 2048 → visible 2 GiB, then real 1 GiB < 2 GiB → 0x4000_0000 */
	p.vis_vramlimit_mb = 2048;
	l = layout_ok("sienna_cichlid", &regs, &p);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x40000000));

	/* vis 32768 (32 GiB) above the 16 GiB aperture: no effect */
	p = params_make(GiB(16));
	p.vis_vramlimit_mb = 32768;
	l = layout_ok("gc1100", &regs, &p);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x400000000));
}

static void
test_visible_clamped_to_real(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < N_DGPUS; i++) {
		struct gmc_layout l;

		/* BAR 32 GiB > real 16 GiB → visible = 0x4_0000_0000 */
		p.visible_vram_size = GiB(32);
		l = layout_ok(dgpus[i], &regs, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x400000000));

		/* BAR 256 MiB on a dGPU: visible is the BAR */
		p.visible_vram_size = MiB(256);
		l = layout_ok(dgpus[i], &regs, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}
}

static void
test_fb_replaced_without_xgmi(void **state)
{
	/* FB_LOCATION_TOP 0x1234 disagrees with the VRAM size on purpose */
	const struct gmc_regs regs = regs_make(0xf400, 0x1234, 0, 0, 0);
	const struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	l = layout_ok("vega10", &regs, &p);
	/* 0xf400 << 24 = 0xf4_0000_0000; + 16 GiB - 1 = 0xf7_ffff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0xf400000000));
	assert_int_equal(l.vram_end, UINT64_C(0xf7ffffffff));
	/* num_physical_nodes 0: fb = vram range, not TOP 0x1234 << 24 */
	assert_int_equal(l.fb_start, UINT64_C(0xf400000000));
	assert_int_equal(l.fb_end, UINT64_C(0xf7ffffffff));

	/* an XGMI part with PF_MAX_REGION 0: XGMI off, fb replaced too */
	l = layout_of("vega20", 0x8000, 0x9fff, 0, 0x02, 0x800, &p);
	assert_int_equal(l.xgmi.num_physical_nodes, 0);
	/* base 0x80_0000_0000 + 0 × seg; + 16 GiB - 1 = 0x83_ffff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x83ffffffff));
}

static void
test_fb_kept_in_hive(void **state)
{
	const struct gmc_params p = params_make(GiB(32));
	struct gmc_layout l;

	(void)state;
	/* vega20 hive: MAX (0x30 & 0x70) >> 4 = 3 → 4 nodes, id 0; seg 0x800 << 24 */
	l = layout_of("vega20", 0x8000, 0x9fff, 0, 0x30, 0x800, &p);
	assert_int_equal(l.xgmi.num_physical_nodes, 4);
	/* base 0x80_0000_0000 + 0 × 0x8_0000_0000 */
	assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
	/* + 32 GiB (0x8_0000_0000) - 1 = 0x87_ffff_ffff */
	assert_int_equal(l.vram_end, UINT64_C(0x87ffffffff));
	/* fb keeps the hive-wide register window: 0x8000 << 24 .. 0x9fff << 24 */
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x9fff000000));

	/* id 0x33 & 7 = 3: base 0x80_0000_0000 + 3 × 0x8_0000_0000 = 0x98_0000_0000 */
	l = layout_of("vega20", 0x8000, 0x9fff, 0, 0x33, 0x800, &p);
	assert_int_equal(l.vram_start, UINT64_C(0x9800000000));
	/* 0x98_0000_0000 + 0x8_0000_0000 - 1 */
	assert_int_equal(l.vram_end, UINT64_C(0x9fffffffff));
	/* fb_end stays TOP << 24 = 0x9f_ff00_0000 (the start of the last 16 MiB) */
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x9fff000000));
}

static void
test_vram_end_uses_mc_vram_size(void **state)
{
	const struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* 32 GiB segments but 16 GiB of memory: id (0x31 & 7) = 1 */
	l = layout_of("vega20", 0x8000, 0x9fff, 0, 0x31, 0x800, &p);
	/* 0x80_0000_0000 + 1 × 0x8_0000_0000 = 0x88_0000_0000 */
	assert_int_equal(l.vram_start, UINT64_C(0x8800000000));
	/* + mc_vram_size 0x4_0000_0000 - 1 = 0x8b_ffff_ffff, not + segment */
	assert_int_equal(l.vram_end, UINT64_C(0x8bffffffff));
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x800000000));
}

/* gmc_layout_compute() refuses @p vram_size on every dGPU, naming @p needle. */
static void
assert_vram_size_refused(uint64_t vram_size, const char *needle)
{
	const struct gmc_regs regs = regs_16g();
	const struct gmc_params p = params_make(vram_size);

	for (size_t i = 0; i < N_DGPUS; i++) {
		struct gmc_layout l;
		struct gmc_error err = { 0 };

		memset(&l, POISON_BYTE, sizeof(l));
		assert_failure(gmc_layout_compute(asic_get(dgpus[i]), &regs, &p, &l, &err), -EINVAL,
			       &err, needle);
		assert_true(is_poisoned(&l, sizeof(l)));
	}
	/* the stand-alone check says the same */
	{
		struct gmc_error err = { 0 };

		assert_failure(gmc_vram_size_check(vram_size, &err), -EINVAL, &err, needle);
		assert_int_equal(gmc_vram_size_check(vram_size, NULL), -EINVAL);
	}
}

static void
test_vram_size_the_register_can_express(void **state)
{
	const struct gmc_regs regs = regs_16g();
	struct gmc_params p;
	struct gmc_layout l;

	(void)state;
	/*
	 * get_memsize() reads RCC_CONFIG_MEMSIZE, a 32-bit count of MiB
	 * (peers-and-pci.md §2.3), and mc_init() shifts it by 20 (§1.2, §3): a
	 * size is a whole number of MiB, at most (2^32 - 1) MiB.
	 */
	/* 1,000,000 bytes = 0xf_4240: not a multiple of 0x10_0000 */
	assert_vram_size_refused(1000000, "whole number of MiB");
	/* 0x4_0008_0001: 0x8_0001 left over below 1 MiB */
	assert_vram_size_refused(UINT64_C(0x400080001), "whole number of MiB");
	/* 2^52 = 2^32 MiB: one more than the u32 holds (the driver would wrap it to 0) */
	assert_vram_size_refused(UINT64_C(1) << 52, "2^52");
	assert_vram_size_refused((UINT64_C(1) << 52) + GiB(1), "2^52");
	assert_vram_size_refused(UINT64_MAX, "2^52");

	/* 0 and 1 MiB are fine; so is the largest count, 0xffff_ffff MiB = 0xf_ffff_fff0_0000 */
	assert_int_equal(gmc_vram_size_check(0, NULL), 0);
	assert_int_equal(gmc_vram_size_check(MiB(1), NULL), 0);
	assert_int_equal(gmc_vram_size_check(UINT64_C(0xffffffff) << 20, NULL), 0);
	p = params_make(UINT64_C(0xffffffff) << 20);
	l = layout_ok("vega10", &regs, &p);
	assert_int_equal(l.mc_vram_size, UINT64_C(0xffffffff00000));
	/* 0x80_0000_0000 + 0xf_ffff_fff0_0000 - 1 = 0x10_007f_ffef_ffff (u64 math, no clamp) */
	assert_int_equal(l.vram_end, UINT64_C(0x10007fffefffff));

	/* a whole MiB that is not a whole 16 MiB block: 0x4_0010_0000 */
	p = params_make(UINT64_C(0x400100000));
	l = layout_ok("vega10", &regs, &p);
	assert_int_equal(l.mc_vram_size, UINT64_C(0x400100000));
	assert_int_equal(l.real_vram_size, UINT64_C(0x400100000));
	/* 0x80_0000_0000 + 0x4_0010_0000 - 1 = 0x84_000f_ffff */
	assert_int_equal(l.vram_end, UINT64_C(0x84000fffff));
	assert_int_equal(l.fb_end, UINT64_C(0x84000fffff));
	/* the BAR "covers all": visible = real */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x400100000));
}

static void
test_vramlimit_on_apu(void **state)
{
	const struct gmc_regs regs = regs_make(0xf400, 0xf43f, 0x1c0, 0, 0);
	struct gmc_params p = params_make(GiB(1));
	struct gmc_layout l;

	(void)state;
	/* raven: aperture = real (1 GiB) in mc_init, then vramlimit 256 MiB */
	p.visible_vram_size = MiB(256);
	p.vramlimit_mb = 256;
	l = layout_ok("raven", &regs, &p);
	/* 256 << 20 = 0x1000_0000 < 0x4000_0000 */
	assert_int_equal(l.real_vram_size, UINT64_C(0x10000000));
	/* visible 1 GiB > real → 0x1000_0000 */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	/* 0xf4_0000_0000 + 0x4000_0000 - 1 */
	assert_int_equal(l.vram_end, UINT64_C(0xf43fffffff));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vram_defaults),
		cmocka_unit_test(test_vramlimit_zero_means_zero_bytes),
		cmocka_unit_test(test_vramlimit_below_vram),
		cmocka_unit_test(test_vramlimit_at_or_above_vram),
		cmocka_unit_test(test_vis_vramlimit),
		cmocka_unit_test(test_visible_clamped_to_real),
		cmocka_unit_test(test_fb_replaced_without_xgmi),
		cmocka_unit_test(test_fb_kept_in_hive),
		cmocka_unit_test(test_vram_end_uses_mc_vram_size),
		cmocka_unit_test(test_vram_size_the_register_can_express),
		cmocka_unit_test(test_vramlimit_on_apu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
