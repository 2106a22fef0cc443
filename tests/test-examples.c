/* SPDX-License-Identifier: MIT */
/*
 * The four worked examples of gmc-address-math.md §9, every value the text
 * gives that libgmc computes. (The PDB0 entry values of Example 3 and the
 * CPU aperture base have no libgmc API and are not checked here.)
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

/* ---- Example 1: Vega20, XGMI hive of 4, node 2, 32 GiB segments ---- */

static const struct gmc_regs *
ex1_regs(void)
{
	/* LFB_CNTL 0x32, LFB_SIZE 0x800, FB_LOCATION_BASE 0x8000, TOP 0x9fff, FB_OFFSET 0 */
	static struct gmc_regs regs;

	regs = regs_make(0x8000, 0x9fff, 0, 0x32, 0x800);
	return &regs;
}

static struct gmc_params
ex1_params(void)
{
	/* get_memsize = 32752 MiB; BAR (resized) = 32 GiB */
	struct gmc_params p = params_make(MiB(32752));

	p.visible_vram_size = GiB(32);
	return p;
}

static void
test_ex1_registers(void **state)
{
	struct gmc_reg_fields f;
	struct gmc_xgmi x;

	(void)state;
	assert_int_equal(gmc_regs_decode(asic_get("vega20"), ex1_regs(), &f), 0);
	/* PF_MAX_REGION = (0x32 & 0x70) >> 4 = 3, PF_LFB_REGION = 0x32 & 0x7 = 2 */
	assert_int_equal(f.max_region, 3);
	assert_int_equal(f.lfb_region, 2);
	assert_int_equal(f.lfb_size, 0x800);

	assert_int_equal(gmc_xgmi_info(asic_get("vega20"), ex1_regs(), false, &x, NULL), 0);
	/* num_physical_nodes = 4 (<= 4), physical_node_id = 2 (<= 3) */
	assert_int_equal(x.num_physical_nodes, 4);
	assert_int_equal(x.physical_node_id, 2);
	/* seg = 0x800 << 24 = 0x8_0000_0000 (32 GiB) */
	assert_int_equal(x.node_segment_size, UINT64_C(0x800000000));
}

static void
test_ex1_layout(void **state)
{
	const struct gmc_params p = ex1_params();
	const struct gmc_layout l = layout_ok("vega20", ex1_regs(), &p);

	(void)state;
	assert_int_equal(l.mode, GMC_MODE_FB);
	/* fb_start = 0x8000 << 24; fb_end = 0x9fff << 24 (kept: XGMI) */
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x9fff000000));
	/* base = 0x80_0000_0000 + 2 × 0x8_0000_0000 = 0x90_0000_0000 */
	assert_int_equal(l.vram_start, UINT64_C(0x9000000000));
	/* 32752 << 20 = 0x7_ff00_0000; vram_end = 0x90_0000_0000 + 0x7_ff00_0000 - 1 */
	assert_int_equal(l.mc_vram_size, UINT64_C(0x7ff000000));
	assert_int_equal(l.real_vram_size, UINT64_C(0x7ff000000));
	assert_int_equal(l.vram_end, UINT64_C(0x97feffffff));
	/* visible = min(0x8_0000_0000, 0x7_ff00_0000) */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x7ff000000));
	/*
	 * GART 512 MiB BEST_FIT: size_bf = 0x80_0000_0000, size_af = 0x8000_0000_0000
	 * - ALIGN(0x9f_ff00_0001, 4G) = 0x7f60_0000_0000 → gart 0 .. 0x1fff_ffff
	 */
	assert_int_equal(l.gart_size, UINT64_C(0x20000000));
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	assert_int_equal(l.flags & GMC_LAYOUT_GART_LIMITED, 0);
	/* AGP default: 0xffff_ffff_ffff, 0, 0 */
	assert_agp_off(&l);
	/* vram_base_offset = 0 + 2 × 0x8_0000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1000000000));
}

static void
test_ex1_connected_to_cpu_ignored(void **state)
{
	struct gmc_params p = ex1_params();
	struct gmc_layout l;

	(void)state;
	/*
	 * Vega20 is GC 9.4.0, not XGMI IP 6.1.0: gmc_v9_0_early_init() never
	 * reads connected_to_cpu there, so the input's flag changes nothing and
	 * Example 1 stands (gmc_v9_0.c: gmc_v9_0_early_init(); §2). The flag
	 * the layout reports is the driver's, false: that is what gmcsim warns on.
	 */
	p.connected_to_cpu = true;
	l = layout_ok("vega20", ex1_regs(), &p);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_false(l.xgmi.connected_to_cpu);
	/* 4 nodes, id 2, seg 0x8_0000_0000, as without the flag */
	assert_int_equal(l.xgmi.num_physical_nodes, 4);
	assert_int_equal(l.xgmi.physical_node_id, 2);
	/* fb_start 0x80_0000_0000 kept; base = 0x80_0000_0000 + 2 × 0x8_0000_0000 */
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x9fff000000));
	assert_int_equal(l.vram_start, UINT64_C(0x9000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x97feffffff));
	/* the aperture is the 32 GiB BAR clamped to real: 0x7_ff00_0000 */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x7ff000000));
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	assert_agp_off(&l);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1000000000));
}

static void
test_ex1_agp(void **state)
{
	struct gmc_params p = ex1_params();
	struct gmc_layout l;

	(void)state;
	p.agp = 1;
	l = layout_ok("vega20", ex1_regs(), &p);
	/*
	 * fb_start > gart_start: size_bf = 0x80_0000_0000 - 0x4_0000_0000 = 0x7c_0000_0000;
	 * size_af = 0x1_0000_0000_0000 - 0xa0_0000_0000 = 0xff60_0000_0000
	 */
	assert_int_equal(l.agp_start, UINT64_C(0xa000000000));
	assert_int_equal(l.agp_size, UINT64_C(0xff6000000000));
	/* 267 780 096 MiB */
	assert_int_equal(l.agp_size >> 20, 267780096);
	assert_int_equal(l.agp_end, UINT64_C(0xffffffffffff));
	assert_true(l.flags & GMC_LAYOUT_AGP_ENABLED);
	/* the rest is unchanged */
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.vram_start, UINT64_C(0x9000000000));
}

static void
test_ex1_bo(void **state)
{
	const struct gmc_params p = ex1_params();
	const struct gmc_layout l = layout_ok("vega20", ex1_regs(), &p);
	struct gmc_bo_addrs a;
	uint64_t pde;

	(void)state;
	/* TTM page 0x1234 → offset 0x123_4000 */
	assert_int_equal(gmc_vram_bo_addrs(&l, UINT64_C(0x1234) * GMC_PAGE_SIZE, &a, NULL), 0);
	assert_int_equal(a.offset, UINT64_C(0x1234000));
	/* gpu_offset = 0x90_0123_4000 (below the hole) */
	assert_int_equal(a.mc, UINT64_C(0x9001234000));
	/* 0x90_0123_4000 - 0x90_0000_0000 + 0x10_0000_0000 */
	assert_int_equal(a.pa, UINT64_C(0x1001234000));
	/* 0x80_0000_0000 + 0x10_0000_0000 + 0x123_4000 = gpu_offset */
	assert_int_equal(a.fb_aper, UINT64_C(0x9001234000));
	/* PDE check: pa & 0xffff_0000_0000_003f = 0 → OK; address field 0x10_0123_4000 */
	assert_int_equal(gmc_pde_addr(&l, a.mc, 0, &pde, NULL), 0);
	assert_int_equal(pde, UINT64_C(0x1001234000));
}

/* ---- Example 2: Navi21, single GPU, 16 GiB, bare metal ---- */

static struct gmc_layout
ex2(const char *asic, int agp, bool sriov, uint32_t fb_offset)
{
	/* FB_LOCATION_BASE 0x8000, FB_OFFSET as given, get_memsize 16384 */
	struct gmc_params p = params_make(MiB(16384));

	p.agp = agp;
	p.sriov = sriov;
	return layout_of(asic, 0x8000, 0, fb_offset, 0, 0, &p);
}

static void
test_ex2_layout(void **state)
{
	const struct gmc_layout l = ex2("sienna_cichlid", -1, false, 0);
	struct gmc_bo_addrs a;

	(void)state;
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.num_physical_nodes, 0);
	assert_int_equal(l.xgmi.physical_node_id, 0);
	assert_int_equal(l.xgmi.node_segment_size, 0);
	/* base = vram_start = 0x80_0000_0000; vram_end = 0x83_ffff_ffff; fb = same */
	assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x83ffffffff));
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x83ffffffff));
	/* size_af = 0x8000_0000_0000 - 0x84_0000_0000 = 0x7f7c_0000_0000 → GART 0 .. 0x1fff_ffff */
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	assert_agp_off(&l);
	assert_int_equal(l.vram_base_offset, 0);

	/* BO at page 0x100: gpu_offset 0x80_0010_0000, pa 0x10_0000 */
	assert_int_equal(gmc_vram_bo_addrs(&l, UINT64_C(0x100) * GMC_PAGE_SIZE, &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x8000100000));
	assert_int_equal(a.pa, UINT64_C(0x100000));
}

static void
test_ex2_agp(void **state)
{
	const struct gmc_layout l = ex2("sienna_cichlid", 1, false, 0);
	uint64_t addr;

	(void)state;
	/* size_bf = 0x7c_0000_0000, size_af = 0xff7c_0000_0000 → agp 0x84_0000_0000 .. */
	assert_int_equal(l.agp_start, UINT64_C(0x8400000000));
	assert_int_equal(l.agp_end, UINT64_C(0xffffffffffff));
	assert_int_equal(l.agp_size, UINT64_C(0xff7c00000000));
	/* 267 894 784 MiB */
	assert_int_equal(l.agp_size >> 20, 267894784);

	/* a 1-page uncached GTT BO at dma 0x1_2345_6000: 0x84_0000_0000 + 0x1_2345_6000 */
	assert_int_equal(gmc_agp_addr(&l, UINT64_C(0x123456000), &addr), 0);
	assert_int_equal(addr, UINT64_C(0x8523456000));
}

static void
test_ex2b_v11_high(void **state)
{
	struct gmc_layout l = ex2("gc1100", -1, false, 0);

	(void)state;
	/* 0x7fff_ffff_ffff - 0x2000_0000 + 1 = 0x7fff_e000_0000 → & ~(4G-1) */
	assert_int_equal(l.gart_start, UINT64_C(0x7fff00000000));
	assert_int_equal(l.gart_end, UINT64_C(0x7fff1fffffff));
	assert_int_equal(l.vram_start, UINT64_C(0x8000000000));
	assert_agp_off(&l);
	assert_int_equal(l.vram_base_offset, 0);

	/*
	 * If AGP were enabled: fb_start < gart_start → size_bf = 0x80_0000_0000,
	 * size_af = 0x7ffc_0000_0000 - 0x84_0000_0000 = 0x7f78_0000_0000
	 */
	l = ex2("gc1100", 1, false, 0);
	assert_int_equal(l.agp_start, UINT64_C(0x8400000000));
	assert_int_equal(l.agp_end, UINT64_C(0x7ffbffffffff));
	assert_int_equal(l.agp_size, UINT64_C(0x7f7800000000));

	/* vram_base_offset = MMMC_VM_FB_OFFSET << 24 (0 if VF): 0x1c0 << 24 */
	l = ex2("gc1100", -1, false, 0x1c0);
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1c0000000));
	l = ex2("gc1100", -1, true, 0x1c0);
	assert_int_equal(l.vram_base_offset, 0);
}

static void
test_ex2c_v12_low(void **state)
{
	const struct gmc_layout l = ex2("gc1200", -1, false, 0);

	(void)state;
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
}

static void
test_ex2_sign_extension(void **state)
{
	(void)state;
	assert_int_equal(gmc_sign_extend(UINT64_C(0x7fff1ffff000)), UINT64_C(0x7fff1ffff000));
	assert_int_equal(gmc_sign_extend(UINT64_C(0x800000001000)), UINT64_C(0xffff800000001000));
}

/* ---- Example 3: Aldebaran connected_to_cpu, 8-node hive, node 5, 64 GiB ---- */

static struct gmc_layout
ex3(void)
{
	/* LFB_CNTL_ALDE 0x75, LFB_SIZE_ALDE 0x1000, FB_OFFSET 0x20000; memsize = one segment */
	struct gmc_params p = params_make(GiB(64));

	p.connected_to_cpu = true;
	return layout_of("aldebaran", 0, 0, 0x20000, 0x75, 0x1000, &p);
}

static void
test_ex3(void **state)
{
	const struct gmc_layout l = ex3();
	struct gmc_bo_addrs a;

	(void)state;
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	/* Aldebaran is XGMI IP 6.1.0: gmc_v9_0_early_init() reads the flag (§2) */
	assert_true(l.xgmi.connected_to_cpu);
	/* MAX = (0x75 & 0xf0) >> 4 = 7 → N = 8 (<= 16); id = 0x75 & 0xf = 5 (<= 15) */
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.xgmi.physical_node_id, 5);
	/* seg = 0x1000 << 24 = 0x10_0000_0000 */
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x1000000000));
	/* (0x20000 << 24 = 0x200_0000_0000) + 5 × 0x10_0000_0000 = 0x250_0000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x25000000000));
	/* aper_size = real_vram_size */
	assert_int_equal(l.visible_vram_size, l.real_vram_size);
	/* hive_vram_end = 8 × 0x10_0000_0000 - 1 = 0x7f_ffff_ffff */
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0x7fffffffff));
	/* vram 0x50_0000_0000 .. 0x5f_ffff_ffff */
	assert_int_equal(l.vram_start, UINT64_C(0x5000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x5fffffffff));
	/* gart = ALIGN(0x80_0000_0000, 4G) .. + 512 MiB - 1 */
	assert_int_equal(l.gart_start, UINT64_C(0x8000000000));
	assert_int_equal(l.gart_end, UINT64_C(0x801fffffff));
	assert_agp_off(&l);

	/* BO at TTM page 0x400: 0x50_0000_0000 + 0x40_0000; pa 0x250_0040_0000 */
	assert_int_equal(gmc_vram_bo_addrs(&l, UINT64_C(0x400) * GMC_PAGE_SIZE, &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x5000400000));
	assert_int_equal(a.pa, UINT64_C(0x25000400000));
	/* fb_start 0 + 5 × seg + 0x40_0000 (§7) */
	assert_int_equal(a.fb_aper, UINT64_C(0x5000400000));
}

/* ---- Example 4: GC 9.4.4 SR-IOV VF with XGMI node migration ---- */

static struct gmc_layout
ex4(uint32_t lfb_cntl)
{
	/* LFB_SIZE 0x17f8, FB_OFFSET 0, mc_vram_size 0x17_f000_0000, FB_LOCATION_BASE 0x1000 */
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));

	p.sriov = true;
	return layout_of("gc944", 0x1000, 0, 0, lfb_cntl, 0x17f8, &p);
}

static void
assert_ex4_common(const struct gmc_layout *l)
{
	assert_int_equal(l->mode, GMC_MODE_SYSVM_MIGRATE);
	/* MAX 7 → N = 8; seg = 0x17f8 << 24 = 0x17_f800_0000 (not 4 GiB aligned) */
	assert_int_equal(l->xgmi.num_physical_nodes, 8);
	assert_int_equal(l->xgmi.node_segment_size, UINT64_C(0x17f8000000));
	/* hive_vram_end = 8 × seg - 1 = 0xbf_bfff_ffff; ALIGN(0xbf_c000_0000, 4G) */
	assert_int_equal(l->gart_start, UINT64_C(0xc000000000));
	assert_int_equal(l->gart_end, UINT64_C(0xc01fffffff));
	/* migrate: vram_start 0, vram_end 0x17_efff_ffff, fb_start stays 0x10_0000_0000 */
	assert_int_equal(l->vram_start, 0);
	assert_int_equal(l->vram_end, UINT64_C(0x17efffffff));
	assert_int_equal(l->fb_start, UINT64_C(0x1000000000));
	assert_agp_off(l);
}

static void
test_ex4_boot_node2(void **state)
{
	const struct gmc_layout l = ex4(0x72);
	struct gmc_bo_addrs a;

	(void)state;
	assert_ex4_common(&l);
	/* REGION 0x72 & 0xf = 2 */
	assert_int_equal(l.xgmi.physical_node_id, 2);
	/* 2 × 0x17_f800_0000 = 0x2f_f000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
	/* BO at page 0x400: gpu_offset 0x40_0000, pa 0x2f_f040_0000 */
	assert_int_equal(gmc_vram_bo_addrs(&l, UINT64_C(0x400) * GMC_PAGE_SIZE, &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x400000));
	assert_int_equal(a.pa, UINT64_C(0x2ff0400000));
	/* 0x10_0000_0000 + 2 × seg + 0x40_0000 = 0x3f_f040_0000 */
	assert_int_equal(a.fb_aper, UINT64_C(0x3ff0400000));
}

static void
test_ex4_resume_node5(void **state)
{
	const struct gmc_layout boot = ex4(0x72);
	/* after resume on another VF: LFB_CNTL 0x75, layout computed from those registers */
	const struct gmc_layout l = ex4(0x75);
	struct gmc_bo_addrs a;

	(void)state;
	assert_ex4_common(&l);
	assert_int_equal(l.xgmi.physical_node_id, 5);
	/* 5 × 0x17_f800_0000 = 0x77_d800_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x77d8000000));
	/* the MC side does not move: vram_start, gart_start, fb_start as at boot */
	assert_int_equal(l.vram_start, boot.vram_start);
	assert_int_equal(l.gart_start, boot.gart_start);
	assert_int_equal(l.fb_start, boot.fb_start);
	/* same BO: gpu_offset unchanged 0x40_0000, pa 0x77_d840_0000 */
	assert_int_equal(gmc_vram_bo_addrs(&l, UINT64_C(0x400) * GMC_PAGE_SIZE, &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x400000));
	assert_int_equal(a.pa, UINT64_C(0x77d8400000));
	/* 0x10_0000_0000 + 0x77_d800_0000 + 0x40_0000 = 0x87_d840_0000 */
	assert_int_equal(a.fb_aper, UINT64_C(0x87d8400000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ex1_registers),
		cmocka_unit_test(test_ex1_layout),
		cmocka_unit_test(test_ex1_connected_to_cpu_ignored),
		cmocka_unit_test(test_ex1_agp),
		cmocka_unit_test(test_ex1_bo),
		cmocka_unit_test(test_ex2_layout),
		cmocka_unit_test(test_ex2_agp),
		cmocka_unit_test(test_ex2b_v11_high),
		cmocka_unit_test(test_ex2c_v12_low),
		cmocka_unit_test(test_ex2_sign_extension),
		cmocka_unit_test(test_ex3),
		cmocka_unit_test(test_ex4_boot_node2),
		cmocka_unit_test(test_ex4_resume_node5),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
