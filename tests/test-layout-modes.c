/* SPDX-License-Identifier: MIT */
/*
 * gmc_layout_compute() as a whole: parameter defaults, mode selection,
 * vm_manager.vram_base_offset per gmc generation, the CPU aperture rules of
 * APUs, SR-IOV and connected_to_cpu, and the refusals.
 * Facts: gmc-address-math.md §1.2, §1.3, §2, §3, §5, §6.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

static void
test_params_init(void **state)
{
	struct gmc_params p;

	(void)state;
	memset(&p, POISON_BYTE, sizeof(p));
	gmc_params_init(&p);
	assert_int_equal(p.vram_size, 0);
	assert_int_equal(p.visible_vram_size, GMC_VISIBLE_ALL);
	/* amdgpu.gart_size -1, amdgpu.agp -1 "auto", vramlimit UINT_MAX, vis_vramlimit 0 (§4) */
	assert_int_equal(p.gart_size_mb, -1);
	assert_int_equal(p.agp, -1);
	assert_int_equal(p.vramlimit_mb, UINT32_MAX);
	assert_int_equal(p.vis_vramlimit_mb, 0);
	assert_int_equal(p.smu_prv_buffer_size, 0);
	assert_false(p.sriov);
	assert_false(p.connected_to_cpu);
	/* the current (6.17) driver, not the one before the migrate series */
	assert_false(p.pre_6_17);
}

static void
test_mode_names(void **state)
{
	(void)state;
	assert_string_equal(gmc_mode_name(GMC_MODE_FB), "fb");
	assert_string_equal(gmc_mode_name(GMC_MODE_SYSVM), "sysvm");
	assert_string_equal(gmc_mode_name(GMC_MODE_SYSVM_MIGRATE), "sysvm-migrate");
}

static void
test_every_part_computes(void **state)
{
	const struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *asic = gmc_asic_at(i);
		struct gmc_layout l = layout_of(gmc_asic_name(asic), 0x8000, 0x83ff, 0, 0, 0, &p);

		assert_ptr_equal(l.asic, asic);
		assert_int_equal(l.mode, GMC_MODE_FB);
		/* mc_mask = 0xffff_ffff_ffff on gmc v9..v12 (§4.3) */
		assert_int_equal(l.mc_mask, MC_MASK_48);
		assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
		assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
		assert_int_equal(l.xgmi.supported, gmc_asic_has_xgmi(asic));
		assert_int_equal(l.xgmi.num_physical_nodes, 0);
		assert_int_equal(l.vram_base_offset, 0);
		assert_int_equal(l.flags, 0);
	}
}

static void
test_connected_to_cpu_ignored_without_xgmi(void **state)
{
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	p.connected_to_cpu = true;
	p.visible_vram_size = MiB(256);
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *asic = gmc_asic_at(i);
		struct gmc_layout l;

		if (gmc_asic_has_xgmi(asic) || gmc_asic_is_apu(asic))
			continue;
		/* honoured on XGMI parts only: FB mode, and the BAR is the aperture */
		l = layout_of(gmc_asic_name(asic), 0x8000, 0, 0, 0, 0, &p);
		assert_int_equal(l.mode, GMC_MODE_FB);
		assert_false(l.xgmi.connected_to_cpu);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}
}

static void
test_vram_base_offset_v9(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;

	(void)state;
	/* get_mc_fb_offset() + id × seg, no SR-IOV or APU special case (§3 step 5) */
	l = layout_of("vega10", 0x8000, 0, 0x1c0, 0, 0, &p);
	/* 0x1c0 << 24 = 0x1_c000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
	/* the raw register is shifted: 0xff0001c0 << 24 = 0xff_0001_c000_0000 (§1.2) */
	l = layout_of("vega10", 0x8000, 0, 0xff0001c0, 0, 0, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0xff0001c0000000));
	/* hive: 0x100 << 24 = 0x1_0000_0000, + (0x32 & 7 = 2) × 0x8_0000_0000 = 0x11_0000_0000 */
	l = layout_of("vega20", 0x8000, 0x9fff, 0x100, 0x32, 0x800, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1100000000));

	p.sriov = true;
	l = layout_of("vega10", 0x8000, 0, 0x1c0, 0, 0, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
	l = layout_of("vega20", 0x8000, 0x9fff, 0x100, 0x32, 0x800, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1100000000));
	/* APU VF: FB_OFFSET is the carve-out base, kept */
	l = layout_of("raven", 0xf400, 0, 0x1c0, 0, 0, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
}

static void
test_vram_base_offset_v10(void **state)
{
	static const char *const names[] = { "navi10", "navi14", "sienna_cichlid", "vangogh" };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct gmc_layout l;

		/* gfxhub get_mc_fb_offset(), no SR-IOV special case in v10 (§5 step 7) */
		p.sriov = false;
		l = layout_of(names[i], 0x8000, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
		p.sriov = true;
		l = layout_of(names[i], 0x8000, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
		/* unmasked: 0xff0001c0 << 24 */
		l = layout_of(names[i], 0x8000, 0, 0xff0001c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, UINT64_C(0xff0001c0000000));
	}
}

static void
test_vram_base_offset_v11_v12(void **state)
{
	static const char *const names[] = { "gc1100", "gc1200" };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct gmc_layout l;

		p.sriov = false;
		/* mmhub get_mc_fb_offset(): 0x1c0 << 24 */
		l = layout_of(names[i], 0x8000, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
		/* mmhub_v3_0 and mmhub_v4_1_0 do not mask: 0xff0001c0 << 24 */
		l = layout_of(names[i], 0x8000, 0, 0xff0001c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, UINT64_C(0xff0001c0000000));
		/* 0 for a VF (§6) */
		p.sriov = true;
		l = layout_of(names[i], 0x8000, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.vram_base_offset, 0);
	}
}

static void
test_vram_base_offset_gc1150(void **state)
{
	struct gmc_params p = params_make(GiB(2));
	struct gmc_layout l;

	(void)state;
	/* mmhub_v3_3 masks first: (0xff0001c0 & 0x00ffffff) << 24 = 0x1_c000_0000 (§1.2) */
	l = layout_of("gc1150", 0x8000, 0, 0xff0001c0, 0, 0, &p);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
	/* a VF gets 0 */
	p.sriov = true;
	l = layout_of("gc1150", 0x8000, 0, 0xff0001c0, 0, 0, &p);
	assert_int_equal(l.vram_base_offset, 0);
}

static void
test_apu_aperture_v9(void **state)
{
	static const char *const apus[] = { "raven", "raven2", "renoir" };
	struct gmc_params p = params_make(GiB(1));

	(void)state;
	p.visible_vram_size = MiB(256);
	for (size_t i = 0; i < 3; i++) {
		struct gmc_layout l;

		/* !SRIOV && APU: aper_size = real_vram_size (§3) */
		p.sriov = false;
		l = layout_of(apus[i], 0xf400, 0xf43f, 0x1c0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x40000000));
		/* a VF keeps the 256 MiB BAR: v9 tests !SRIOV */
		p.sriov = true;
		l = layout_of(apus[i], 0xf400, 0xf43f, 0x1c0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}
}

static void
test_apu_aperture_v10_v11(void **state)
{
	static const char *const apus[] = { "vangogh", "yellow_carp", "gc1036", "gc1037",
					    "gc1150" };
	struct gmc_params p = params_make(GiB(1));

	(void)state;
	p.visible_vram_size = MiB(256);
	for (size_t i = 0; i < 5; i++) {
		struct gmc_layout l;

		/* APU: aper_size = real_vram_size = 0x4000_0000 (§5, §6) */
		p.sriov = false;
		l = layout_of(apus[i], 0xf400, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x40000000));
		/* ... with no SR-IOV test, unlike v9 */
		p.sriov = true;
		l = layout_of(apus[i], 0xf400, 0, 0x1c0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x40000000));
	}
}

static void
test_dgpu_aperture_is_bar(void **state)
{
	static const char *const dgpus[] = { "vega10",	       "vega20", "navi10",
					     "sienna_cichlid", "gc1100", "gc1200" };
	struct gmc_params p = params_make(GiB(16));

	(void)state;
	p.visible_vram_size = MiB(256);
	for (size_t i = 0; i < 6; i++) {
		struct gmc_layout l;

		p.sriov = false;
		l = layout_of(dgpus[i], 0x8000, 0x83ff, 0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
		p.sriov = true;
		l = layout_of(dgpus[i], 0x8000, 0x83ff, 0, 0, 0, &p);
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}

	/* an XGMI hive without connected_to_cpu: still the BAR */
	p.sriov = false;
	{
		struct gmc_layout l = layout_of("vega20", 0x8000, 0x9fff, 0, 0x32, 0x800, &p);

		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
	}
}

static void
test_connected_to_cpu_aperture(void **state)
{
	struct gmc_params p = params_make(GiB(64));
	struct gmc_layout l;

	(void)state;
	/* xgmi.supported && connected_to_cpu: aper_size = real_vram_size (§3) */
	p.connected_to_cpu = true;
	p.visible_vram_size = MiB(256);
	l = layout_of("aldebaran", 0, 0, 0x20000, 0x75, 0x1000, &p);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x1000000000));
	/* that branch has no SR-IOV test */
	p.sriov = true;
	l = layout_of("aldebaran", 0, 0, 0x20000, 0x75, 0x1000, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x1000000000));
}

static void
test_layout_carries_xgmi(void **state)
{
	const struct gmc_regs regs = regs_make(0x8000, 0x9fff, 0, 0x32, 0x800);
	const struct gmc_params p = params_make(UINT64_C(0x7ff000000));
	struct gmc_layout l;

	(void)state;
	l = layout_ok("vega20", &regs, &p);
	assert_true(l.xgmi.supported);
	assert_false(l.xgmi.connected_to_cpu);
	/* Example 1: MAX 3 → 4 nodes, id 2, 0x800 << 24 */
	assert_int_equal(l.xgmi.num_physical_nodes, 4);
	assert_int_equal(l.xgmi.physical_node_id, 2);
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x800000000));
}

static void
test_refusals(void **state)
{
	const struct gmc_regs ok = regs_make(0x8000, 0, 0, 0, 0);
	const struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;
	struct gmc_error err = { 0 };
	struct gmc_regs regs;

	(void)state;
	memset(&l, POISON_BYTE, sizeof(l));

	/* vega20: (0x40 & 0x70) >> 4 = 4 → 5 nodes > 4: device init fails (§2) */
	regs = regs_make(0x8000, 0x9fff, 0, 0x40, 0x800);
	assert_failure(gmc_layout_compute(asic_get("vega20"), &regs, &p, &l, &err), -EINVAL, &err,
		       "nodes");
	assert_true(is_poisoned(&l, sizeof(l)));

	/* vega20: id 0x34 & 7 = 4 > 3 */
	memset(&err, 0, sizeof(err));
	regs = regs_make(0x8000, 0x9fff, 0, 0x34, 0x800);
	assert_failure(gmc_layout_compute(asic_get("vega20"), &regs, &p, &l, &err), -EINVAL, &err,
		       "physical node id");
	assert_true(is_poisoned(&l, sizeof(l)));

	/* gc944: (0x80 & 0xf0) >> 4 = 8 → 9 nodes > 8, even for a VF */
	{
		struct gmc_params vf = p;

		vf.sriov = true;
		memset(&err, 0, sizeof(err));
		regs = regs_make(0x1000, 0, 0, 0x80, 0x17f8);
		assert_failure(gmc_layout_compute(asic_get("gc944"), &regs, &vf, &l, &err), -EINVAL,
			       &err, "nodes");
		assert_true(is_poisoned(&l, sizeof(l)));
	}

	/* NULL arguments */
	memset(&err, 0, sizeof(err));
	assert_int_equal(gmc_layout_compute(NULL, &ok, &p, &l, &err), -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_true(strlen(err.message) > 0);
	assert_int_equal(gmc_layout_compute(asic_get("navi10"), NULL, &p, &l, NULL), -EINVAL);
	assert_int_equal(gmc_layout_compute(asic_get("navi10"), &ok, NULL, &l, NULL), -EINVAL);
	assert_int_equal(gmc_layout_compute(asic_get("navi10"), &ok, &p, NULL, NULL), -EINVAL);
	assert_true(is_poisoned(&l, sizeof(l)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params_init),
		cmocka_unit_test(test_mode_names),
		cmocka_unit_test(test_every_part_computes),
		cmocka_unit_test(test_connected_to_cpu_ignored_without_xgmi),
		cmocka_unit_test(test_vram_base_offset_v9),
		cmocka_unit_test(test_vram_base_offset_v10),
		cmocka_unit_test(test_vram_base_offset_v11_v12),
		cmocka_unit_test(test_vram_base_offset_gc1150),
		cmocka_unit_test(test_apu_aperture_v9),
		cmocka_unit_test(test_apu_aperture_v10_v11),
		cmocka_unit_test(test_dgpu_aperture_is_bar),
		cmocka_unit_test(test_connected_to_cpu_aperture),
		cmocka_unit_test(test_layout_carries_xgmi),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
