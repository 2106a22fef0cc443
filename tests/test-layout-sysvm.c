/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_gmc_sysvm_location() through gmc_layout_compute(): the
 * connected_to_cpu (PDB0) layout of Aldebaran, the only part whose driver
 * reads that flag, and the SR-IOV XGMI-migrate variant on GC 9.4.4 (and
 * where neither applies: the flag on other XGMI parts, 9.4.3, 9.5.0,
 * segment 0, bare metal, kernels before the migrate series).
 * Facts: gmc-address-math.md §2, §3, §4.2, §8, §9 (Examples 3 and 4);
 * the flag is read in gmc_v9_0.c: gmc_v9_0_early_init() for XGMI IP 6.1.0 only.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

/* Example 4's segment: PF_LFB_SIZE 0x17f8 << 24, not 4 GiB aligned. */
#define SEG_17F8 UINT64_C(0x17f8000000)

static void
test_connected_single_node(void **state)
{
	struct gmc_params p = params_make(GiB(64));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	/* aldebaran, PF_MAX_REGION 0 but connected_to_cpu: 1 node, id 0 (§2) */
	l = layout_of("aldebaran", 0, 0, 0x20000, 0x00, 0x1000, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_int_equal(l.xgmi.num_physical_nodes, 1);
	assert_int_equal(l.xgmi.physical_node_id, 0);
	/* 0x1000 << 24 = 0x10_0000_0000 */
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x1000000000));
	/* vram_start = seg × 0 = 0; vram_end = 0 + seg - 1 */
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0xfffffffff));
	/* hive_vram_end = seg × 1 - 1 = 0xf_ffff_ffff; gart = ALIGN(0x10_0000_0000, 4G) */
	assert_int_equal(l.gart_start, UINT64_C(0x1000000000));
	assert_int_equal(l.gart_end, UINT64_C(0x101fffffff));
	assert_int_equal(l.gart_size, UINT64_C(0x20000000));
	/* fb_start = 0, fb_end = hive_vram_end */
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0xfffffffff));
	assert_agp_off(&l);
	/* 0x20000 << 24 = 0x200_0000_0000, + 0 × seg */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x20000000000));
	/* connected_to_cpu: aper_size = real_vram_size */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x1000000000));
	assert_int_equal(l.real_vram_size, UINT64_C(0x1000000000));
}

static void
test_connected_node_id_beyond_hive(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x1800000000));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	p.visible_vram_size = 0; /* no BAR at all: the aperture is real_vram_size anyway */
	/* aldebaran: cntl 0x03 → MAX 0, id 3; size 0x1800 & 0xffff → seg 0x18_0000_0000 */
	l = layout_of("aldebaran", 0, 0, 0x20000, 0x03, 0x1800, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_int_equal(l.xgmi.num_physical_nodes, 1);
	assert_int_equal(l.xgmi.physical_node_id, 3);
	/* vram_start = 3 × 0x18_0000_0000 = 0x48_0000_0000; + seg - 1 = 0x5f_ffff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0x4800000000));
	assert_int_equal(l.vram_end, UINT64_C(0x5fffffffff));
	/* hive_vram_end = 0x18_0000_0000 × 1 - 1; gart = ALIGN(0x18_0000_0000, 4G) */
	assert_int_equal(l.gart_start, UINT64_C(0x1800000000));
	assert_int_equal(l.gart_end, UINT64_C(0x181fffffff));
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0x17ffffffff));
	/* 0x200_0000_0000 + 3 × 0x18_0000_0000 = 0x248_0000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x24800000000));
	assert_int_equal(l.visible_vram_size, UINT64_C(0x1800000000));
}

static void
test_connected_unaligned_segment(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	/* aldebaran: cntl 0x10 → 2 nodes, id 0; 0x17f8 & 0xffff → seg 0x17_f800_0000 */
	l = layout_of("aldebaran", 0, 0, 0, 0x10, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	/* vram is segment-sized: 0 + 0x17_f800_0000 - 1, not mc_vram_size - 1 */
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0x17f7ffffff));
	assert_int_equal(l.mc_vram_size, UINT64_C(0x17f0000000));
	/* hive_vram_end = 2 × 0x17_f800_0000 - 1 = 0x2f_efff_ffff */
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0x2fefffffff));
	/* ALIGN(0x2f_f000_0000, 4G) = 0x30_0000_0000 */
	assert_int_equal(l.gart_start, UINT64_C(0x3000000000));
	assert_int_equal(l.gart_end, UINT64_C(0x301fffffff));
	assert_int_equal(l.vram_base_offset, 0);
}

static void
test_sysvm_ignores_vramlimit_and_agp(void **state)
{
	struct gmc_params p = params_make(GiB(64));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	/* vram_location() is not called in sysvm: the limits do nothing (§3) */
	p.vramlimit_mb = 1024;
	p.vis_vramlimit_mb = 256;
	/* AGP stays disabled in sysvm (§3 step 4) */
	p.agp = 1;
	l = layout_of("aldebaran", 0, 0, 0x20000, 0x00, 0x1000, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_int_equal(l.real_vram_size, UINT64_C(0x1000000000));
	assert_int_equal(l.visible_vram_size, UINT64_C(0x1000000000));
	assert_agp_off(&l);
}

static void
test_sysvm_gart_size(void **state)
{
	struct gmc_params p = params_make(GiB(64));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	p.gart_size_mb = 1024;
	l = layout_of("aldebaran", 0, 0, 0, 0x00, 0x1000, &p);
	/* 0x10_0000_0000 + 0x4000_0000 - 1 */
	assert_int_equal(l.gart_start, UINT64_C(0x1000000000));
	assert_int_equal(l.gart_end, UINT64_C(0x103fffffff));

	/* default 512 MiB + smu_prv 256 MiB = 0x3000_0000 (v9 mc_init) */
	p.gart_size_mb = -1;
	p.smu_prv_buffer_size = 0x10000000u;
	l = layout_of("aldebaran", 0, 0, 0, 0x00, 0x1000, &p);
	assert_int_equal(l.gart_size, UINT64_C(0x30000000));
	assert_int_equal(l.gart_end, UINT64_C(0x102fffffff));
}

static void
test_connected_hive_of_8(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	/* aldebaran: cntl 0x72 → 8 nodes (<= 16), id 2; seg 0x17f8 << 24 */
	l = layout_of("aldebaran", 0x1000, 0x17ef, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	/* 2 × 0x17_f800_0000 = 0x2f_f000_0000; + seg - 1 = 0x47_e7ff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0x2ff0000000));
	assert_int_equal(l.vram_end, UINT64_C(0x47e7ffffff));
	/* 8 × 0x17_f800_0000 = 0xbf_c000_0000 → fb_end 0xbf_bfff_ffff, fb_start 0 */
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0xbfbfffffff));
	/* ALIGN(0xbf_c000_0000, 4G) = 0xc0_0000_0000 */
	assert_int_equal(l.gart_start, UINT64_C(0xc000000000));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
}

static void
test_connected_ignored_on_other_xgmi_parts(void **state)
{
	static const char *const names[] = { "vega20", "arcturus", "gc943", "gc944", "gc950" };
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));

	(void)state;
	p.connected_to_cpu = true;
	p.visible_vram_size = MiB(256);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/*
		 * The driver's flag stays false: the FB layout of a bare-metal hive.
		 * cntl 0x11 → 2 nodes, id 1 on every part (3- and 4-bit fields alike);
		 * seg 0x17f8 << 24 = 0x17_f800_0000; the hive 0x10_0000_0000 +
		 * 2 × seg - 1 = 0x3f_efff_ffff, so FB_TOP = 0x3fef.
		 */
		struct gmc_layout l = layout_of(names[i], 0x1000, 0x3fef, 0, 0x11, 0x17f8, &p);

		assert_int_equal(l.mode, GMC_MODE_FB);
		assert_false(l.xgmi.connected_to_cpu);
		assert_int_equal(l.xgmi.num_physical_nodes, 2);
		/* base = 0x10_0000_0000 + 1 × 0x17_f800_0000 = 0x27_f800_0000 */
		assert_int_equal(l.vram_start, UINT64_C(0x27f8000000));
		/* + 0x17_f000_0000 - 1 = 0x3f_e7ff_ffff */
		assert_int_equal(l.vram_end, UINT64_C(0x3fe7ffffff));
		/* the FB aperture keeps the registers: 0x1000 << 24 .. 0x3fef << 24 */
		assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
		assert_int_equal(l.fb_end, UINT64_C(0x3fef000000));
		/*
		 * size_bf = 0x10_0000_0000 >= 512 MiB and < size_af =
		 * 0x8000_0000_0000 - ALIGN(0x3f_ef00_0001, 4G) → GART at 0
		 */
		assert_int_equal(l.gart_start, 0);
		assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
		/* the aperture stays the 256 MiB BAR: no "xgmi.supported && connected_to_cpu" (§3)
		 */
		assert_int_equal(l.visible_vram_size, UINT64_C(0x10000000));
		/* 0 << 24 + 1 × seg */
		assert_int_equal(l.vram_base_offset, UINT64_C(0x17f8000000));
	}
}

static void
test_connected_ignored_gc943_max_region_zero(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x1800000000));
	struct gmc_layout l;

	(void)state;
	p.connected_to_cpu = true;
	/*
	 * gc943: cntl 0x08 → MAX 0, REGION 8 > max id 7. The driver never
	 * reads the flag on 9.4.3, so PF_MAX_REGION 0 keeps XGMI off and the
	 * out-of-range id is never looked at: accepted, FB layout (§2).
	 */
	l = layout_of("gc943", 0, 0, 0x20000, 0x08, 0x1800, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_false(l.xgmi.connected_to_cpu);
	assert_int_equal(l.xgmi.num_physical_nodes, 0);
	assert_int_equal(l.xgmi.physical_node_id, 0);
	assert_int_equal(l.xgmi.node_segment_size, 0);
	/* base = FB_BASE 0 + 0 × 0: vram 0 .. 0x18_0000_0000 - 1, fb = vram (no hive) */
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0x17ffffffff));
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0x17ffffffff));
	/* size_bf 0 < 512 MiB → HIGH: 0x7fff_ffff_ffff - 0x2000_0000 + 1, 4 GiB down */
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
	assert_int_equal(l.gart_end, UINT64_C(0x7fff1fffffff));
	/* 0x20000 << 24 = 0x200_0000_0000, + 0 × 0 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x20000000000));
}

static void
test_migrate_gc944_vf(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.sriov = true;
	/* gc944 VF, seg != 0: amdgpu_virt_xgmi_migrate_enabled() (§8) */
	l = layout_of("gc944", 0x1000, 0x17ef, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM_MIGRATE);
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.xgmi.physical_node_id, 2);
	assert_int_equal(l.xgmi.node_segment_size, SEG_17F8);
	/* vram_start = 0, vram_end = mc_vram_size - 1 = 0x17_efff_ffff */
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0x17efffffff));
	/* fb_start/fb_end keep the registers: 0x1000 << 24, 0x17ef << 24 */
	assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x17ef000000));
	/* ALIGN(8 × 0x17_f800_0000 = 0xbf_c000_0000, 4G) = 0xc0_0000_0000 */
	assert_int_equal(l.gart_start, UINT64_C(0xc000000000));
	assert_int_equal(l.gart_end, UINT64_C(0xc01fffffff));
	assert_agp_off(&l);
	/* 0 << 24 + 2 × 0x17_f800_0000 = 0x2f_f000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
	/* BAR "covers all" → clamped to real */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x17f0000000));
	assert_int_equal(l.real_vram_size, UINT64_C(0x17f0000000));
}

static void
test_migrate_visible_and_limits(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.sriov = true;
	/* an 8 GiB BAR below real stays: visible = min(visible, real) (§4.2) */
	p.visible_vram_size = GiB(8);
	l = layout_of("gc944", 0x1000, 0, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM_MIGRATE);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x200000000));

	/* a 128 GiB BAR is clamped to real 0x17_f000_0000 */
	p.visible_vram_size = GiB(128);
	l = layout_of("gc944", 0x1000, 0, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.visible_vram_size, UINT64_C(0x17f0000000));

	/* vramlimit is not applied: vram_location() is not called */
	p.vramlimit_mb = 1024;
	l = layout_of("gc944", 0x1000, 0, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.real_vram_size, UINT64_C(0x17f0000000));
	assert_int_equal(l.vram_end, UINT64_C(0x17efffffff));
}

static void
test_migrate_with_connected_to_cpu(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	/* 9.4.4 never reads the flag; the migrate gate alone enables pdb0 */
	p.sriov = true;
	p.connected_to_cpu = true;
	l = layout_of("gc944", 0x1000, 0, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM_MIGRATE);
	assert_false(l.xgmi.connected_to_cpu);
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0x17efffffff));
	assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
	assert_int_equal(l.gart_start, UINT64_C(0xc000000000));
}

static void
test_no_migrate_on_gc943_gc950(void **state)
{
	static const char *const names[] = { "gc943", "gc950" };
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));

	(void)state;
	p.sriov = true;
	for (size_t i = 0; i < 2; i++) {
		/* is_xgmi_node_migrate_enabled is set for GC 9.4.4 only (§8) */
		struct gmc_layout l = layout_of(names[i], 0x1000, 0xcfff, 0, 0x72, 0x17f8, &p);

		assert_int_equal(l.mode, GMC_MODE_FB);
		/* base = 0x10_0000_0000 + 2 × 0x17_f800_0000 = 0x3f_f000_0000 */
		assert_int_equal(l.vram_start, UINT64_C(0x3ff0000000));
		/* + 0x17_f000_0000 - 1 = 0x57_dfff_ffff */
		assert_int_equal(l.vram_end, UINT64_C(0x57dfffffff));
		/* hive: fb keeps 0x1000 << 24 .. 0xcfff << 24 */
		assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
		assert_int_equal(l.fb_end, UINT64_C(0xcfff000000));
		/* size_bf 0x10_0000_0000 < size_af 0x8000_0000_0000 - 0xd0_0000_0000 → 0 */
		assert_int_equal(l.gart_start, 0);
		assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
		/* 2 × seg */
		assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
		assert_agp_off(&l);
	}
}

static void
test_no_migrate_with_segment_zero(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.sriov = true;
	/* 8 nodes, id 2, but PF_LFB_SIZE 0: node_segment_size 0 closes the gate (§8) */
	l = layout_of("gc944", 0x1000, 0x17ef, 0, 0x72, 0, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.xgmi.node_segment_size, 0);
	/* base = 0x10_0000_0000 + 2 × 0; + 0x17_f000_0000 - 1 = 0x27_efff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0x1000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x27efffffff));
	/* num_physical_nodes != 0: fb keeps the registers */
	assert_int_equal(l.fb_end, UINT64_C(0x17ef000000));
	assert_int_equal(l.vram_base_offset, 0);

	/* XGMI off (cntl 0): FB mode, fb replaced by the VRAM range */
	l = layout_of("gc944", 0x1000, 0x17ef, 0, 0, 0, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.num_physical_nodes, 0);
	assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x27efffffff));
	assert_int_equal(l.gart_start, 0);
}

static void
test_no_migrate_on_bare_metal(void **state)
{
	const struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	l = layout_of("gc944", 0x1000, 0x17ef, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	/* 0x10_0000_0000 + 2 × 0x17_f800_0000 = 0x3f_f000_0000 */
	assert_int_equal(l.vram_start, UINT64_C(0x3ff0000000));
	assert_int_equal(l.vram_end, UINT64_C(0x57dfffffff));
	/* size_af = 0x8000_0000_0000 - ALIGN(0x17_ef00_0001, 4G) = 0x7fe8_0000_0000 → 0 */
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
}

static void
test_pre_6_17(void **state)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));
	struct gmc_layout l;

	(void)state;
	p.pre_6_17 = true;
	/* no migrate gate before the series: a 9.4.4 VF keeps the FB layout */
	p.sriov = true;
	l = layout_of("gc944", 0x1000, 0x17ef, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.vram_start, UINT64_C(0x3ff0000000));

	/* sysvm GART right after the hive: 8 × 0x17_f800_0000 = 0xbf_c000_0000 (§4.2, §9) */
	p.sriov = false;
	p.connected_to_cpu = true;
	l = layout_of("aldebaran", 0x1000, 0x17ef, 0, 0x72, 0x17f8, &p);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_int_equal(l.gart_start, UINT64_C(0xbfc0000000));
	/* 0xbf_c000_0000 + 0x2000_0000 - 1 */
	assert_int_equal(l.gart_end, UINT64_C(0xbfdfffffff));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connected_single_node),
		cmocka_unit_test(test_connected_node_id_beyond_hive),
		cmocka_unit_test(test_connected_unaligned_segment),
		cmocka_unit_test(test_sysvm_ignores_vramlimit_and_agp),
		cmocka_unit_test(test_sysvm_gart_size),
		cmocka_unit_test(test_connected_hive_of_8),
		cmocka_unit_test(test_connected_ignored_on_other_xgmi_parts),
		cmocka_unit_test(test_connected_ignored_gc943_max_region_zero),
		cmocka_unit_test(test_migrate_gc944_vf),
		cmocka_unit_test(test_migrate_visible_and_limits),
		cmocka_unit_test(test_migrate_with_connected_to_cpu),
		cmocka_unit_test(test_no_migrate_on_gc943_gc950),
		cmocka_unit_test(test_no_migrate_with_segment_zero),
		cmocka_unit_test(test_no_migrate_on_bare_metal),
		cmocka_unit_test(test_pre_6_17),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
