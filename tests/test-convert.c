/* SPDX-License-Identifier: MIT */
/*
 * Address conversions over a layout: sign extension, a VRAM BO's MC address
 * (also above the hole), mc2pa (also wrapping), the FB-aperture address in
 * fb/sysvm/migrate modes, gmc_vram_bo_addrs, the AGP window edge, the PDE
 * address check and GART MC addresses.
 * Facts: gmc-address-math.md §4.4, §7, §9.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

/*
 * Example 2 (Navi21): FB 0x80_0000_0000 .. 0x83_ffff_ffff, vram_base_offset 0,
 * GART 0 .. 0x1fff_ffff; with agp=1 AGP 0x84_0000_0000 .. 0xffff_ffff_ffff.
 */
static struct gmc_layout
navi21(int agp)
{
	struct gmc_params p = params_make(GiB(16));

	p.agp = agp;
	return layout_of("sienna_cichlid", 0x8000, 0, 0, 0, 0, &p);
}

/* Example 1: Vega20 hive node 2, vram_start 0x90_0000_0000, vram_base_offset 0x10_0000_0000. */
static struct gmc_layout
vega20_node2(void)
{
	struct gmc_params p = params_make(UINT64_C(0x7ff000000));

	p.visible_vram_size = GiB(32);
	return layout_of("vega20", 0x8000, 0x9fff, 0, 0x32, 0x800, &p);
}

/* Example 3: Aldebaran connected_to_cpu, node 5 of 8, 64 GiB segments. */
static struct gmc_layout
aldebaran_sysvm(void)
{
	struct gmc_params p = params_make(GiB(64));

	p.connected_to_cpu = true;
	return layout_of("aldebaran", 0, 0, 0x20000, 0x75, 0x1000, &p);
}

/* Example 4: GC 9.4.4 VF at node 2, sysvm-migrate. */
static struct gmc_layout
gc944_migrate(void)
{
	struct gmc_params p = params_make(UINT64_C(0x17f0000000));

	p.sriov = true;
	return layout_of("gc944", 0x1000, 0, 0, 0x72, 0x17f8, &p);
}

static void
test_sign_extend(void **state)
{
	(void)state;
	/* Example 2 vectors: below the hole unchanged, at/above it bits 63:48 set (§7) */
	assert_int_equal(gmc_sign_extend(UINT64_C(0x7fff1ffff000)), UINT64_C(0x7fff1ffff000));
	assert_int_equal(gmc_sign_extend(UINT64_C(0x800000001000)), UINT64_C(0xffff800000001000));
	/* the edges of the hole: 0x7fff_ffff_ffff < 0x8000_0000_0000 <= 0x8000_0000_0000 */
	assert_int_equal(gmc_sign_extend(UINT64_C(0x7fffffffffff)), UINT64_C(0x7fffffffffff));
	assert_int_equal(gmc_sign_extend(UINT64_C(0x800000000000)), UINT64_C(0xffff800000000000));
	assert_int_equal(gmc_sign_extend(0), 0);
	/* 0xffff_ffff_ffff | 0xffff_8000_0000_0000 */
	assert_int_equal(gmc_sign_extend(UINT64_C(0xffffffffffff)), UINT64_C(0xffffffffffffffff));
	/* idempotent */
	assert_int_equal(gmc_sign_extend(UINT64_C(0xffff800000001000)),
			 UINT64_C(0xffff800000001000));
	/* bit 48 alone: >= hole, and 0x1_0000_0000_0000 | 0xffff_8000_0000_0000 */
	assert_int_equal(gmc_sign_extend(UINT64_C(0x1000000000000)), UINT64_C(0xffff800000000000));
	assert_int_equal(GMC_HOLE_START, UINT64_C(0x800000000000));
}

static void
test_vram_mc_addr(void **state)
{
	const struct gmc_layout l = navi21(-1);

	(void)state;
	/* page 0x100: 0x80_0000_0000 + 0x10_0000 (Example 2) */
	assert_int_equal(gmc_vram_mc_addr(&l, UINT64_C(0x100000)), UINT64_C(0x8000100000));
	assert_int_equal(gmc_vram_mc_addr(&l, 0), UINT64_C(0x8000000000));
	/* just below the hole: 0x80_0000_0000 + 0x7f7f_1fff_f000 = 0x7fff_1fff_f000 */
	assert_int_equal(gmc_vram_mc_addr(&l, UINT64_C(0x7f7f1ffff000)), UINT64_C(0x7fff1ffff000));
	/* a BO above the hole: 0x80_0000_0000 + 0x7f80_0000_1000 = 0x8000_0000_1000, extended */
	assert_int_equal(gmc_vram_mc_addr(&l, UINT64_C(0x7f8000001000)),
			 UINT64_C(0xffff800000001000));
}

static void
test_mc2pa(void **state)
{
	const struct gmc_layout n = navi21(-1);
	const struct gmc_layout v = vega20_node2();
	const struct gmc_layout a = aldebaran_sysvm();

	(void)state;
	/* pa = mc - vram_start + vram_base_offset (§7) */
	/* 0x80_0010_0000 - 0x80_0000_0000 + 0 */
	assert_int_equal(gmc_mc2pa(&n, UINT64_C(0x8000100000)), UINT64_C(0x100000));
	/* 0x90_0123_4000 - 0x90_0000_0000 + 0x10_0000_0000 */
	assert_int_equal(gmc_mc2pa(&v, UINT64_C(0x9001234000)), UINT64_C(0x1001234000));
	/* 0x50_0040_0000 - 0x50_0000_0000 + 0x250_0000_0000 */
	assert_int_equal(gmc_mc2pa(&a, UINT64_C(0x5000400000)), UINT64_C(0x25000400000));

	/* a sign-extended MC wraps: 0xffff_8000_0000_1000 - 0x80_0000_0000 = 0xffff_7f80_0000_1000
	 */
	assert_int_equal(gmc_mc2pa(&n, UINT64_C(0xffff800000001000)), UINT64_C(0xffff7f8000001000));
	/* below vram_start: 0 - 0x80_0000_0000 = 0xffff_ff80_0000_0000 */
	assert_int_equal(gmc_mc2pa(&n, 0), UINT64_C(0xffffff8000000000));
}

static void
test_gart_mc_addr(void **state)
{
	const struct gmc_layout n = navi21(-1);
	const struct gmc_layout a = aldebaran_sysvm();
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout v11;

	(void)state;
	/* gart_start + offset (amdgpu_ttm_domain_start(TT)), sign-extended (§7) */
	assert_int_equal(gmc_gart_mc_addr(&n, UINT64_C(0x1000)), UINT64_C(0x1000));
	assert_int_equal(gmc_gart_mc_addr(&n, 0), 0);
	/* sysvm GART at 0x80_0000_0000 */
	assert_int_equal(gmc_gart_mc_addr(&a, UINT64_C(0x2000)), UINT64_C(0x8000002000));

	/* v11 HIGH GART at 0x7fff_0000_0000 */
	v11 = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	/* 0x7fff_0000_0000 + 0x1fff_f000, the last page of the 512 MiB */
	assert_int_equal(gmc_gart_mc_addr(&v11, UINT64_C(0x1ffff000)), UINT64_C(0x7fff1ffff000));
	/* 0x7fff_0000_0000 + 0x1_0000_0000 = 0x8000_0000_0000 → 0xffff_8000_0000_0000 */
	assert_int_equal(gmc_gart_mc_addr(&v11, UINT64_C(0x100000000)),
			 UINT64_C(0xffff800000000000));
}

static void
test_fb_aper_addr_fb_mode(void **state)
{
	const struct gmc_layout n = navi21(-1);
	const struct gmc_layout v = vega20_node2();

	(void)state;
	/* fb_start + id × seg + offset, sign-extended (§7) */
	/* 0x80_0000_0000 + 0 + 0x10_0000: equals the MC address */
	assert_int_equal(gmc_fb_aper_addr(&n, UINT64_C(0x100000)), UINT64_C(0x8000100000));
	/* 0x80_0000_0000 + 2 × 0x8_0000_0000 + 0x123_4000 (Example 1) */
	assert_int_equal(gmc_fb_aper_addr(&v, UINT64_C(0x1234000)), UINT64_C(0x9001234000));
	/* 0x80_0000_0000 + 0x7f80_0000_1000 = 0x8000_0000_1000 → extended */
	assert_int_equal(gmc_fb_aper_addr(&n, UINT64_C(0x7f8000001000)),
			 UINT64_C(0xffff800000001000));
}

static void
test_fb_aper_addr_sysvm(void **state)
{
	const struct gmc_layout a = aldebaran_sysvm();

	(void)state;
	/* fb_start 0 + 5 × 0x10_0000_0000 + 0x40_0000 = 0x50_0040_0000 (= the MC address) */
	assert_int_equal(gmc_fb_aper_addr(&a, UINT64_C(0x400000)), UINT64_C(0x5000400000));
}

static void
test_fb_aper_addr_migrate(void **state)
{
	const struct gmc_layout m = gc944_migrate();

	(void)state;
	assert_int_equal(m.mode, GMC_MODE_SYSVM_MIGRATE);
	/* 0x10_0000_0000 + 2 × 0x17_f800_0000 + 0x40_0000 = 0x3f_f040_0000 (Example 4) */
	assert_int_equal(gmc_fb_aper_addr(&m, UINT64_C(0x400000)), UINT64_C(0x3ff0400000));
	/* ... while the MC address is 0 + 0x40_0000 */
	assert_int_equal(gmc_vram_mc_addr(&m, UINT64_C(0x400000)), UINT64_C(0x400000));
}

static void
test_vram_bo_addrs(void **state)
{
	const struct gmc_layout n = navi21(-1);
	const struct gmc_layout m = gc944_migrate();
	struct gmc_bo_addrs a;
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(gmc_vram_bo_addrs(&n, UINT64_C(0x100000), &a, &err), 0);
	assert_int_equal(err.code, 0);
	assert_int_equal(a.offset, UINT64_C(0x100000));
	assert_int_equal(a.mc, UINT64_C(0x8000100000));
	assert_int_equal(a.pa, UINT64_C(0x100000));
	assert_int_equal(a.fb_aper, UINT64_C(0x8000100000));

	/* migrate at node 2: mc 0x40_0000, pa 0x2f_f000_0000 + 0x40_0000, fb_aper as above */
	assert_int_equal(gmc_vram_bo_addrs(&m, UINT64_C(0x400000), &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x400000));
	assert_int_equal(a.pa, UINT64_C(0x2ff0400000));
	assert_int_equal(a.fb_aper, UINT64_C(0x3ff0400000));

	/* above the hole: mc extended, pa wraps (mc - vram_start) */
	assert_int_equal(gmc_vram_bo_addrs(&n, UINT64_C(0x7f8000001000), &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0xffff800000001000));
	/* 0xffff_8000_0000_1000 - 0x80_0000_0000 */
	assert_int_equal(a.pa, UINT64_C(0xffff7f8000001000));

	assert_int_equal(gmc_vram_bo_addrs(&n, 0, &a, NULL), 0);
	assert_int_equal(a.mc, UINT64_C(0x8000000000));
}

static void
test_vram_bo_addrs_unaligned(void **state)
{
	/* a TTM offset is always a multiple of the 4 KiB page (§7 units) */
	static const uint64_t bad[] = { 0x1, 0x800, 0xfff, 0x1001, UINT64_C(0x123456) };
	const struct gmc_layout n = navi21(-1);

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gmc_bo_addrs a;
		struct gmc_error err = { 0 };

		memset(&a, POISON_BYTE, sizeof(a));
		assert_failure(gmc_vram_bo_addrs(&n, bad[i], &a, &err), -EINVAL, &err, "page");
		assert_true(is_poisoned(&a, sizeof(a)));
		assert_int_equal(gmc_vram_bo_addrs(&n, bad[i], &a, NULL), -EINVAL);
		assert_true(is_poisoned(&a, sizeof(a)));
	}
}

static void
test_agp_addr(void **state)
{
	const struct gmc_layout n = navi21(1);
	uint64_t out;

	(void)state;
	/* agp_start 0x84_0000_0000, agp_size 0xff7c_0000_0000 (Example 2) */
	assert_int_equal(n.agp_size, UINT64_C(0xff7c00000000));
	/* 0x84_0000_0000 + 0x1_2345_6000 = 0x85_2345_6000 */
	assert_int_equal(gmc_agp_addr(&n, UINT64_C(0x123456000), &out), 0);
	assert_int_equal(out, UINT64_C(0x8523456000));
	assert_int_equal(gmc_agp_addr(&n, 0, &out), 0);
	assert_int_equal(out, UINT64_C(0x8400000000));
}

static void
test_agp_addr_window_edge(void **state)
{
	const struct gmc_layout n = navi21(1);
	uint64_t out;

	(void)state;
	/* dma + 4096 < agp_size: 0xff7b_ffff_e000 + 0x1000 = 0xff7b_ffff_f000 < 0xff7c_0000_0000 */
	assert_int_equal(gmc_agp_addr(&n, UINT64_C(0xff7bffffe000), &out), 0);
	/* 0x84_0000_0000 + 0xff7b_ffff_e000 = 0xffff_ffff_e000 */
	assert_int_equal(out, UINT64_C(0xffffffffe000));

	/* 0xff7b_ffff_f000 + 0x1000 = agp_size: not < → the GART address instead */
	out = UINT64_C(0x5a5a5a5a);
	assert_int_equal(gmc_agp_addr(&n, UINT64_C(0xff7bfffff000), &out), -ENOENT);
	assert_int_equal(out, UINT64_C(0x5a5a5a5a));
	assert_int_equal(gmc_agp_addr(&n, UINT64_C(0xff7c00000000), &out), -ENOENT);
	assert_int_equal(gmc_agp_addr(&n, UINT64_C(0x1000000000000), &out), -ENOENT);
	assert_int_equal(out, UINT64_C(0x5a5a5a5a));
}

static void
test_agp_addr_v11_window(void **state)
{
	struct gmc_params p = params_make(GiB(16));
	struct gmc_layout l;
	uint64_t out;

	(void)state;
	/* Example 2b with AGP: agp 0x84_0000_0000, size 0x7f78_0000_0000 */
	p.agp = 1;
	l = layout_of("gc1100", 0x8000, 0, 0, 0, 0, &p);
	/* 0x7f77_ffff_e000 + 0x1000 < 0x7f78_0000_0000 */
	assert_int_equal(gmc_agp_addr(&l, UINT64_C(0x7f77ffffe000), &out), 0);
	/* 0x84_0000_0000 + 0x7f77_ffff_e000 = 0x7ffb_ffff_e000 */
	assert_int_equal(out, UINT64_C(0x7ffbffffe000));
	assert_int_equal(gmc_agp_addr(&l, UINT64_C(0x7f77fffff000), &out), -ENOENT);
}

static void
test_agp_addr_disabled(void **state)
{
	const struct gmc_layout off = navi21(-1);
	const struct gmc_layout zero = navi21(0);
	const struct gmc_layout a = aldebaran_sysvm();
	uint64_t out = 42;

	(void)state;
	/* agp_size 0: dma + 4096 < 0 never holds */
	assert_int_equal(gmc_agp_addr(&off, 0, &out), -ENOENT);
	assert_int_equal(gmc_agp_addr(&off, UINT64_C(0x123456000), &out), -ENOENT);
	assert_int_equal(gmc_agp_addr(&zero, 0, &out), -ENOENT);
	assert_int_equal(gmc_agp_addr(&a, 0, &out), -ENOENT);
	assert_int_equal(out, 42);
}

static void
test_pde_addr_converts_mc(void **state)
{
	const struct gmc_layout n = navi21(-1);
	const struct gmc_layout v = vega20_node2();
	const struct gmc_layout a = aldebaran_sysvm();
	uint64_t out;

	(void)state;
	/* neither PDE_PTE (bit 54) nor SYSTEM (bit 1): addr = mc2pa(addr) (§7) */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x8000100000), 0, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x100000));
	/* VALID (bit 0) changes nothing */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x8000100000), 1, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x100000));
	/* bit 63 is not the PTE bit before gmc v12 */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x8000100000), UINT64_C(1) << 63, &out, NULL),
			 0);
	assert_int_equal(out, UINT64_C(0x100000));
	/* Example 1: 0x90_0123_4000 → 0x10_0123_4000 */
	assert_int_equal(gmc_pde_addr(&v, UINT64_C(0x9001234000), 0, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x1001234000));
	/* Example 3: 0x50_0040_0000 → 0x250_0040_0000 */
	assert_int_equal(gmc_pde_addr(&a, UINT64_C(0x5000400000), 0, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x25000400000));
	/* 64-byte aligned is enough: 0x80_0010_0040 → 0x10_0040 */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x8000100040), 0, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x100040));
}

static void
test_pde_addr_pte_and_system(void **state)
{
	const struct gmc_layout n = navi21(-1);
	uint64_t out;

	(void)state;
	assert_int_equal(GMC_PDE_PTE, UINT64_C(1) << 54);
	assert_int_equal(GMC_PTE_SYSTEM, UINT64_C(1) << 1);
	/* PDE_PTE: the address is already what the PDE holds */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x8000100000), GMC_PDE_PTE, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x8000100000));
	/* SYSTEM: a DMA address, untouched */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0x123456000), GMC_PTE_SYSTEM, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x123456000));
	/* the largest address that passes: 48 bits, 64-byte aligned */
	assert_int_equal(gmc_pde_addr(&n, UINT64_C(0xffffffffffc0), GMC_PDE_PTE, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0xffffffffffc0));
}

static void
test_pde_addr_gfx12_bit(void **state)
{
	const struct gmc_params p = params_make(GiB(16));
	const struct gmc_layout l = layout_of("gc1200", 0x8000, 0, 0, 0, 0, &p);
	uint64_t out;

	(void)state;
	assert_int_equal(GMC_PDE_PTE_GFX12, UINT64_C(1) << 63);
	/* gmc v12 tests bit 63 (AMDGPU_PDE_PTE_GFX12) instead of bit 54 (§6) */
	assert_int_equal(gmc_pde_addr(&l, UINT64_C(0x8000100000), GMC_PDE_PTE_GFX12, &out, NULL),
			 0);
	assert_int_equal(out, UINT64_C(0x8000100000));
	/* bit 54 is not the PTE bit there: 0x80_0010_0000 - 0x80_0000_0000 + 0 */
	assert_int_equal(gmc_pde_addr(&l, UINT64_C(0x8000100000), GMC_PDE_PTE, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x100000));
	/* SYSTEM still applies */
	assert_int_equal(gmc_pde_addr(&l, UINT64_C(0x123456000), GMC_PTE_SYSTEM, &out, NULL), 0);
	assert_int_equal(out, UINT64_C(0x123456000));
}

/* gmc_pde_addr() must refuse: the driver would BUG_ON(addr & 0xffff_0000_0000_003f). */
static void
pde_refused(const struct gmc_layout *l, uint64_t addr, uint64_t flags, const char *needle)
{
	struct gmc_error err = { 0 };
	uint64_t out = UINT64_C(0x5a5a5a5a);

	assert_failure(gmc_pde_addr(l, addr, flags, &out, &err), -EINVAL, &err, needle);
	assert_int_equal(out, UINT64_C(0x5a5a5a5a));
	assert_int_equal(gmc_pde_addr(l, addr, flags, &out, NULL), -EINVAL);
	assert_int_equal(out, UINT64_C(0x5a5a5a5a));
}

static void
test_pde_addr_refused(void **state)
{
	const struct gmc_layout n = navi21(-1);

	(void)state;
	/* bit 48 set */
	pde_refused(&n, UINT64_C(0x1000000000000), GMC_PDE_PTE, "48 bits");
	/* a sign-extended MC: mc2pa = 0xffff_7f80_0000_1000, above 48 bits */
	pde_refused(&n, UINT64_C(0xffff800000001000), 0, "48 bits");
	/* an MC below vram_start wraps: 0x1000 - 0x80_0000_0000 = 0xffff_ff80_0000_1000 */
	pde_refused(&n, UINT64_C(0x1000), 0, "48 bits");
	/* 0x80_0010_0020 → 0x10_0020: & 0x3f = 0x20 */
	pde_refused(&n, UINT64_C(0x8000100020), 0, "64-byte");
	/* a DMA address 8 bytes off */
	pde_refused(&n, UINT64_C(0x123456008), GMC_PTE_SYSTEM, "64-byte");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_extend),
		cmocka_unit_test(test_vram_mc_addr),
		cmocka_unit_test(test_mc2pa),
		cmocka_unit_test(test_gart_mc_addr),
		cmocka_unit_test(test_fb_aper_addr_fb_mode),
		cmocka_unit_test(test_fb_aper_addr_sysvm),
		cmocka_unit_test(test_fb_aper_addr_migrate),
		cmocka_unit_test(test_vram_bo_addrs),
		cmocka_unit_test(test_vram_bo_addrs_unaligned),
		cmocka_unit_test(test_agp_addr),
		cmocka_unit_test(test_agp_addr_window_edge),
		cmocka_unit_test(test_agp_addr_v11_window),
		cmocka_unit_test(test_agp_addr_disabled),
		cmocka_unit_test(test_pde_addr_converts_mc),
		cmocka_unit_test(test_pde_addr_pte_and_system),
		cmocka_unit_test(test_pde_addr_gfx12_bit),
		cmocka_unit_test(test_pde_addr_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
