/* SPDX-License-Identifier: MIT */
/*
 * The catalog of kernel-BO call sites: every built-in block file parses, the
 * built-in sites (each kernel variant) carry the lifecycle facts the kernel
 * source shows (hook, free, domain, cache, pattern, consumers) and their
 * citations, user block files are checked key by key, and
 * gmcsim_site_applies() follows the GC patterns and the firmware-load path.
 *
 * Facts: bo-lifecycle-and-callers.md table B (rows cited as B-n), §C.3, §D,
 * as catalog-audit.md (#n) and the research notes (/work/notes/catalog-*.md)
 * corrected them from the source; upstream-history.md §1 (the RFC's
 * patterns) and §2 (what 6.17 refreshes).
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "test-util.h"

#include <gmc/gmcsim.h>

#include "sim-embed.h"

#define V GMC_DOMAIN_VRAM
#define G GMC_DOMAIN_GTT
#define VG (GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT)

#define HOOK(h) GMCSIM_HOOK_##h
#define CACHE(c) GMCSIM_CACHE_##c
#define BIT(h) (1u << GMCSIM_HOOK_##h)

/*
 * The RFC's patterns (upstream-history.md §1; table B legend): P1 created on
 * the hw path and freed in suspend, P2 created again on resume without a
 * free, P3 created once and the cached address reused. Table B's "O" rows
 * that "behave like P3" (B-4, B-5, B-6..11) are P3 here.
 */
enum pattern { P1 = 1, P2, P3 };

static enum pattern
pattern_of(const struct gmcsim_site *s)
{
	if (!s->recreate_on_resume)
		return P3;
	return s->free_in == GMCSIM_HOOK_SUSPEND ? P1 : P2;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* The built-in site @p block/@p name, or NULL. */
static bool
catalog_find(const char *block, const char *name, struct gmcsim_site *out)
{
	size_t n = gmcsim_catalog_count();

	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gmcsim_catalog_at(i, out), 0);
		if (strcmp(out->block, block) == 0 && strcmp(out->name, name) == 0)
			return true;
	}
	return false;
}

/* Parse @p json that must succeed; the caller frees the result. */
static struct gmcsim_site *
parse_ok(const char *json, size_t *n)
{
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	int rc = gmcsim_sites_parse(json, &sites, n, &err);

	if (rc != 0)
		fail_msg("gmcsim_sites_parse() = %d (%s) for %s", rc, err.message, json);
	assert_non_null(sites);
	return sites;
}

/*
 * Parse @p json that must fail with @p code naming @p needle, outputs
 * untouched. The readers' errno mapping (sim/util-json-read.h): -ERANGE for
 * a number outside its field's range, -EINVAL for everything else.
 */
static void
parse_refused(const char *json, int code, const char *needle)
{
	struct gmcsim_site *const sentinel = (struct gmcsim_site *)&sentinel;
	struct gmcsim_site *sites = sentinel;
	struct gmc_error err = { 0 };
	size_t n = 12345;
	int rc = gmcsim_sites_parse(json, &sites, &n, &err);

	if (rc != code)
		fail_msg("gmcsim_sites_parse() = %d (%s), want %d, for %s", rc, err.message, code,
			 json ? json : "NULL");
	assert_failure(rc, code, &err, needle);
	assert_ptr_equal(sites, sentinel);
	assert_int_equal(n, 12345);
}

static void
parse_bad(const char *json, const char *needle)
{
	parse_refused(json, -EINVAL, needle);
}

/* ------------------------------------------------------------------ */
/* Names                                                                */
/* ------------------------------------------------------------------ */

static void
test_hook_names(void **state)
{
	(void)state;
	/* the hooks in call order, named as the catalog's JSON spells them */
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_EARLY_INIT), "early_init");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_SW_INIT), "sw_init");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_HW_INIT), "hw_init");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_LATE_INIT), "late_init");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_SUSPEND), "suspend");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_RESUME), "resume");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_HW_FINI), "hw_fini");
	assert_string_equal(gmcsim_hook_name(GMCSIM_HOOK_SW_FINI), "sw_fini");
	assert_null(gmcsim_hook_name(GMCSIM_HOOK_COUNT));
	assert_null(gmcsim_hook_name((enum gmcsim_hook) - 1));
}

static void
test_cache_names(void **state)
{
	(void)state;
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_FIELD), "field");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_DERIVED), "derived");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_CONTENT), "content");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_MIXED), "mixed");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_PTE), "pte");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_REGISTER), "register");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_FIRMWARE), "firmware");
	assert_string_equal(gmcsim_cache_name(GMCSIM_CACHE_NONE), "none");
	assert_null(gmcsim_cache_name(GMCSIM_CACHE_COUNT));
	assert_null(gmcsim_cache_name((enum gmcsim_cache) - 1));
}

/* ------------------------------------------------------------------ */
/* The built-in files                                                   */
/* ------------------------------------------------------------------ */

static void
test_builtin_files_parse(void **state)
{
	size_t total = 0;

	(void)state;
	assert_true(gmcsim_builtin_catalog_count > 0);
	for (size_t i = 0; i < gmcsim_builtin_catalog_count; i++) {
		const struct gmcsim_blob *b = &gmcsim_builtin_catalog[i];
		struct gmcsim_site *sites = NULL;
		struct gmc_error err = { 0 };
		char want[GMCSIM_NAME_MAX + 8];
		size_t n = 0;
		int rc = gmcsim_sites_parse(b->text, &sites, &n, &err);

		if (rc != 0)
			fail_msg("%s: %d (%s)", b->name, rc, err.message);
		assert_true(n > 0);
		/* one file per block, named after it */
		snprintf(want, sizeof(want), "%s.json", sites[0].block);
		assert_string_equal(b->name, want);
		for (size_t j = 0; j < n; j++)
			assert_string_equal(sites[j].block, sites[0].block);
		total += n;
		free(sites);
	}
	/* the catalog holds exactly what the files hold */
	assert_int_equal(gmcsim_catalog_count(), total);
}

static void
test_catalog_at(void **state)
{
	struct gmcsim_site s;
	size_t n = gmcsim_catalog_count();

	(void)state;
	assert_true(n > 0);
	assert_int_equal(gmcsim_catalog_at(0, &s), 0);
	assert_int_equal(gmcsim_catalog_at(n - 1, &s), 0);
	memset(&s, POISON_BYTE, sizeof(s));
	assert_int_equal(gmcsim_catalog_at(n, &s), -ENOENT);
	assert_true(is_poisoned(&s, sizeof(s)));
	assert_int_equal(gmcsim_catalog_at(SIZE_MAX, &s), -ENOENT);
	assert_int_equal(gmcsim_catalog_at(0, NULL), -EINVAL);
}

/*
 * Blocks come in the driver's IP-block order (amdgpu_discovery_set_ip_blocks
 * on bare metal: common, gmc, ih, psp, smu, display, gc, sdma, the multimedia
 * blocks, mes, vpe, umsch), then the three synthetic RFC blocks.
 */
static void
test_catalog_block_order(void **state)
{
	static const char *const want[] = {
		"common", "gmc", "ih",	 "psp", "smu",	 "dm",	     "gfx",	 "sdma",     "uvd",
		"vce",	  "vcn", "jpeg", "mes", "umsch", "pattern1", "pattern2", "pattern3",
	};
	const size_t n_want = sizeof(want) / sizeof(want[0]);
	size_t n = gmcsim_catalog_count(), k = 0;
	struct gmcsim_site s;
	char prev[GMCSIM_NAME_MAX] = "";

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gmcsim_catalog_at(i, &s), 0);
		if (strcmp(s.block, prev) == 0)
			continue;
		if (k >= n_want)
			fail_msg("unexpected block '%s' after the last expected one", s.block);
		if (strcmp(s.block, want[k]) != 0)
			fail_msg("block %zu is '%s', want '%s'", k, s.block, want[k]);
		snprintf(prev, sizeof(prev), "%s", s.block);
		k++;
	}
	assert_int_equal(k, n_want);
}

/* ------------------------------------------------------------------ */
/* The built-in sites against the source-checked facts                 */
/* ------------------------------------------------------------------ */

/*
 * Which kernel variant a row describes: the site's "kernels" bits, or 0 for
 * a site whose facts are the same on every modelled kernel (one entry).
 */
#define K618 (1u << GMCSIM_KERNEL_6_18)
#define K617 (1u << GMCSIM_KERNEL_6_17)
#define K612 (1u << GMCSIM_KERNEL_6_12)
#define KALL 0u

/* The hooks a site's address is used in (table B "Consumed", corrected by the audit). */
#define HW_RES (BIT(HW_INIT) | BIT(RESUME))
#define HW_ONLY BIT(HW_INIT)

struct expect {
	const char *block, *name, *ref;
	unsigned kernels; /* the variant: KALL or the exact "kernels" bits */
	enum gmcsim_hook create;
	bool lazy;
	enum gmcsim_hook free_in;
	unsigned domain, domain_sriov;
	enum gmcsim_cache cache;
	enum pattern pattern;
	enum gmcsim_fw_load fw_load;
	bool fb_aper; /* upstream-history.md §2 / table D: refreshed with amdgpu_bo_fb_aper_addr */
	bool rfc;     /* upstream-history.md §1 patch 2: refreshed in umsch_mm_resume */
	unsigned consume; /* the hooks the kept address is used in */
};

#define ANY GMCSIM_FW_ANY
#define PSP GMCSIM_FW_PSP
#define DIRECT GMCSIM_FW_DIRECT

/*
 * One line per site (per kernel variant): block, name, table row, variant,
 * create hook, lazy, free hook, domain, SR-IOV domain (0: same), cache,
 * pattern, load path, 6.17 refresh, RFC refresh, consuming hooks.
 * "dev-init" rows create like sw_init (table B legend). Rows are table B as
 * the audit (catalog-audit.md, cited #n) and the research notes
 * (catalog-psp-smu.md, catalog-gfx.md, catalog-other.md) corrected it from
 * the source; each corrected fact names the function it was read in.
 */
/* clang-format off */
static const struct expect expects[] = {
	/* B-73, B-74: dev-init, amdgpu_seq64_fini / amdgpu_ib_pool_fini, G, P3 (audit #22, #23) */
	{ "common", "seq64", "B-73", K618 | K617, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* 6.12.118 amdgpu_seq64_init passes NULL for the GPU address: nothing is kept */
	{ "common", "seq64", "B-73", K612, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(NONE), P3, ANY, false, false, HW_RES },
	{ "common", "ib_pool", "B-74", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-71: amdgpu_device_mem_scratch_init, V|G, mc2pa(kept MC) in *_init_system_aperture_regs */
	{ "gmc", "mem_scratch", "B-71", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(MIXED), P3, ANY, false, false, HW_RES },
	/* B-75, B-76: V, recomputed at every gart_enable: nothing kept (audit #19, #20) */
	{ "gmc", "gart_table", "B-75", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(NONE), P3, ANY, false, false, HW_RES },
	{ "gmc", "pdb0", "B-76", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(NONE), P3, ANY, false, false, HW_RES },
	/* B-68: amdgpu_ih_ring_init makes a GTT BO only off the bus-address path (audit #21);
	 * amdgpu_device_fini_hw frees it through amdgpu_irq_fini_hw, before any sw_fini */
	{ "ih", "ih_ring", "B-68", KALL, HOOK(SW_INIT), false, HOOK(HW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-1: psp_sw_init, GTT (VRAM on a VF), psp_sw_fini; psp_update_gpu_addresses (audit #1) */
	{ "psp", "fw_pri", "B-1", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, V, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	/* B-2, B-3: psp_sw_init, V|G; psp_update_gpu_addresses (audit #2, #3) */
	{ "psp", "fence_buf", "B-2", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	{ "psp", "cmd_buf", "B-3", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	/* B-4: psp_ring_init from psp_load_fw only, psp_v13_0_ring_destroy in hw_fini (audit #4) */
	{ "psp", "km_ring", "B-4", KALL, HOOK(HW_INIT), false, HOOK(HW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	/*
	 * B-5: psp_tmr_init allocates behind a NULL guard, psp_free_shared_bufs
	 * frees it; SETUP_TMR pairs the kept MC with a fresh PA. Domain by kernel:
	 * 6.17 psp_tmr_init asks AMDGPU_HAS_VRAM ? VRAM : GTT (VRAM on a dGPU);
	 * >= 6.18 trees ask GTT|VRAM (catalog-psp-smu.md, audit H5); 6.12 predates
	 * that change.
	 */
	{ "psp", "tmr", "B-5", K618, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(MIXED), P3, PSP, true, false, HW_RES },
	{ "psp", "tmr", "B-5", K617, HOOK(HW_INIT), true, HOOK(SW_FINI), V, 0, CACHE(MIXED), P3, PSP, true, false, HW_RES },
	{ "psp", "tmr", "B-5", K612, HOOK(HW_INIT), true, HOOK(SW_FINI), V, 0, CACHE(MIXED), P3, PSP, true, false, HW_RES },
	/* B-6..10: psp_ta_init_shared_buf behind a !shared_buf guard, psp_free_shared_bufs; psp_ta_load */
	{ "psp", "ta_xgmi", "B-6", KALL, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	{ "psp", "ta_ras", "B-7", KALL, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	{ "psp", "ta_hdcp", "B-8", KALL, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	{ "psp", "ta_dtm", "B-9", KALL, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	{ "psp", "ta_rap", "B-10", KALL, HOOK(HW_INIT), true, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	/*
	 * B-11: psp_securedisplay_initialize guards on !initialized, which
	 * psp_securedisplay_terminate clears at suspend: every resume creates it
	 * again on the kept BO without a free, P2 (catalog-psp-smu.md)
	 */
	{ "psp", "ta_securedisplay", "B-11", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P2, PSP, true, false, HW_RES },
	/* B-14: amdgpu_ucode_create_bo (dev-init), GTT or VRAM on a VF; amdgpu_ucode_init_bo refreshes */
	{ "psp", "ucode_fw_buf", "B-14", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, V, CACHE(FIELD), P3, PSP, true, false, HW_RES },
	/* B-14 / §C.3-2: ucode[i].mc_addr = fw_buf_mc + offset (amdgpu_ucode_init_single_fw) */
	{ "psp", "ucode_mc_addr", "B-14", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, V, CACHE(DERIVED), P3, PSP, true, false, HW_RES },
	/* B-15: smu_init_fb_allocations; smu_v13_0_6_tables_init declares PMSTATUSLOG VRAM */
	{ "smu", "tool_table", "B-15", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, true, false, HW_RES },
	/* B-16: smu_init_fb_allocations forces VRAM when any table is VRAM-only (audit #15) */
	{ "smu", "driver_table", "B-16", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, true, false, HW_RES },
	/* B-17: smu_alloc_memory_pool, GTT; not in smu_update_gpu_addresses */
	{ "smu", "memory_pool", "B-17", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-18: VRAM; sent by navi10_post_smu_init from smu_late_init (boot and each resume) */
	{ "smu", "dummy_read_table", "B-18", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, true, false, BIT(LATE_INIT) },
	/* B-87: dm_dmub_sw_init, amdgpu_dm_fini (called from dm hw_fini), V|G (audit #35) */
	{ "dm", "dmub", "B-87", KALL, HOOK(SW_INIT), false, HOOK(HW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-26: amdgpu_gfx_kiq_init, G */
	{ "gfx", "kiq_eop", "B-26", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-27: amdgpu_gfx_mqd_sw_init, V|G; kiq_init_queue re-runs mqd_init on resume */
	{ "gfx", "kiq_mqd", "B-27", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-28, B-29: MQD contents restored from the CPU backup on resume (*_kgq/kcq_init_queue) */
	{ "gfx", "kgq_mqd", "B-28", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(CONTENT), P3, ANY, false, false, HW_RES },
	{ "gfx", "kcq_mqd_gfx9", "B-29", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(CONTENT), P3, ANY, false, false, HW_RES },
	{ "gfx", "kcq_mqd_gfx10", "B-29", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(CONTENT), P3, ANY, false, false, HW_RES },
	/*
	 * audit §2.2: the EOP base inside the KCQ MQD backup. The HPD EOP BO is
	 * gfx_v9_4_3_mec_init's (V|G); xcc_mqd_init writes its address into the
	 * MQD and the backup at the first hw_init; kcq_init_queue replays it.
	 */
	{ "gfx", "kcq_mqd_backup_eop", "audit-2.2", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(CONTENT), P3, ANY, false, false, HW_RES },
	/* B-30, B-32, B-33: sw_init, sw_fini, V|G */
	{ "gfx", "cleaner_shader", "B-30", K618 | K617, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* 6.12.118: only gfx_v9_0_sw_init (9.4.2, MEC >= 88) and gfx_v9_4_3_sw_init (9.4.3/9.4.4, MEC >= 153) create it */
	{ "gfx", "cleaner_shader", "B-30", K612, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "gfx", "rlc_clear_state", "B-32", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "gfx", "rlc_cp_table", "B-33", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/*
	 * B-35: the HPD EOP field and the ring's derived copy reach the hardware
	 * only through mqd_init at the first hw_init; on resume the KCQ backup is
	 * replayed instead (gfx_v9_4_3_xcc_kcq_init_queue, audit #9, #10)
	 */
	{ "gfx", "mec_hpd_eop", "B-35", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_ONLY },
	{ "gfx", "ring_eop", "B-35", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(DERIVED), P3, ANY, false, false, HW_ONLY },
	/* B-38: gfx_v10_0_mec_init creates the HPD EOP in GTT (audit #11); first mqd_init only */
	{ "gfx", "mec_hpd_eop_gfx10", "B-38", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_ONLY },
	/* B-39: gfx_v11_0/gfx_v12_0_mec_init, GTT; first mqd_init only (catalog-gfx.md) */
	{ "gfx", "mec_hpd_eop_gfx11", "B-39", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_ONLY },
	/* B-36: gfx9 MEC ucode, G, CP_CPC_IC_BASE on direct load only */
	{ "gfx", "mec_ucode_gfx9", "B-36", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, DIRECT, false, false, HW_RES },
	/* B-69, B-70: amdgpu_ring_init, amdgpu_device_wb_init: G */
	{ "gfx", "ring", "B-69", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "gfx", "wb_slots", "B-70", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(DERIVED), P3, ANY, false, false, HW_RES },
	/* B-72 / §C.4: amdgpu_allocate_static_csa, V|G, its PA in VM PTEs */
	{ "gfx", "csa", "B-72", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(PTE), P3, ANY, false, false, HW_RES },
	/* B-43: gfx_v10_0_cp_gfx_load_*_microcode, direct load, G, P2 */
	{ "gfx", "cp_pfp_ucode_gfx10", "B-43", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	{ "gfx", "cp_ce_ucode_gfx10", "B-43", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	{ "gfx", "cp_me_ucode_gfx10", "B-43", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	/* B-45: gfx_v11_0_cp_*_load_*_microcode_rs64 create V|G BOs (catalog-gfx.md: the audit's U resolved) */
	{ "gfx", "cp_pfp_ucode_gfx11", "B-45", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	{ "gfx", "cp_me_ucode_gfx11", "B-45", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	{ "gfx", "cp_mec_ucode_gfx11", "B-45", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	/* B-47: gfx_v12_0_cp_*_load_*_microcode_rs64 create VRAM-only BOs (catalog-gfx.md) */
	{ "gfx", "cp_rs64_ucode_gfx12", "B-47", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	/* B-48: sdma_v7_0_load_microcode, V, direct load only (audit #25) */
	{ "sdma", "ucode_v7", "B-48", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	/* B-63, B-65: amdgpu_uvd_sw_init / amdgpu_vce_sw_init, V|G (audit #32, #33) */
	{ "uvd", "vcpu", "B-63", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "vce", "vcpu", "B-65", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-60: amdgpu_vcn_sw_init, V|G; fw_shared derived (§C.3-2) */
	{ "vcn", "vcpu", "B-60", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "vcn", "fw_shared", "B-60", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(DERIVED), P3, ANY, false, false, HW_RES },
	/* §C.3-8: the firmware's pointers, restored with the VCPU image at resume */
	{ "vcn", "fw_state", "C.3-8", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIRMWARE), P3, ANY, false, false, BIT(RESUME) },
	/* B-61, B-62: indirect SRAM, V|G, handed to PSP */
	{ "vcn", "dpg_sram", "B-61", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, false, false, HW_RES },
	/* B-66: amdgpu_virt_alloc_mm_table, V|G */
	{ "vcn", "mm_table", "B-66", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "jpeg", "dpg_sram", "B-62", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, PSP, false, false, HW_RES },
	/* B-49: amdgpu_mes_event_log_init, VRAM since the MSCRATCH patch (6.17); GTT in 6.12.118 */
	{ "mes", "event_log", "B-49", K618 | K617, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "mes", "event_log", "B-49", K612, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-50: mes_v11_0_allocate_eop_buf, G */
	{ "mes", "eop", "B-50", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/* B-51: mes_v11_0_mqd_sw_init V|G; mes_v12_0_mqd_sw_init GTT (audit #26) */
	{ "mes", "mqd", "B-51", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "mes", "mqd_v12", "B-51", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	/*
	 * B-52: 6.17 mes_v11_0_sw_init / mes_v12_0_sw_init create resource_1 and
	 * the sw_fini frees it, P3 (audit #27); 6.14.9's
	 * mes_v11_0_set_hw_resources_1 created it on the hw path and hw_fini
	 * (called by suspend) freed it, P1 (catalog-other.md)
	 */
	{ "mes", "resource_1", "B-52", K618 | K617, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
	{ "mes", "resource_1", "B-52", K612, HOOK(HW_INIT), false, HOOK(SUSPEND), V, 0, CACHE(FIELD), P1, ANY, false, false, HW_RES },
	/* B-53: *_load_microcode, direct load, V|G on v11, V on v12, P2 (audit #28, #29) */
	{ "mes", "ucode_v11", "B-53", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	{ "mes", "ucode_v12", "B-53", KALL, HOOK(HW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P2, DIRECT, false, false, HW_RES },
	/* B-56: umsch_mm_v4_0_load_microcode at hw_init, umsch_mm_hw_fini (= suspend), V, P1 */
	{ "umsch", "ucode", "B-56", KALL, HOOK(HW_INIT), false, HOOK(SUSPEND), V, 0, CACHE(FIELD), P1, ANY, false, false, HW_RES },
	{ "umsch", "ucode_data", "B-56", KALL, HOOK(HW_INIT), false, HOOK(SUSPEND), V, 0, CACHE(FIELD), P1, ANY, false, false, HW_RES },
	/* B-57, B-58: umsch_mm_init, G / V|G; RFC patch 2 refreshes cmd_buf, log, sch_ctx */
	{ "umsch", "cmd_buf", "B-57", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(FIELD), P3, ANY, false, true, HW_RES },
	{ "umsch", "log", "B-58", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), VG, 0, CACHE(FIELD), P3, ANY, false, true, HW_RES },
	{ "umsch", "sch_ctx", "B-70", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), G, 0, CACHE(DERIVED), P3, ANY, false, true, HW_RES },
	/* upstream-history.md §1: the RFC's three patterns, one VRAM BO each */
	{ "pattern1", "bo", "RFC-P1", KALL, HOOK(HW_INIT), false, HOOK(SUSPEND), V, 0, CACHE(FIELD), P1, ANY, false, false, HW_RES },
	{ "pattern2", "bo", "RFC-P2", KALL, HOOK(HW_INIT), false, HOOK(HW_FINI), V, 0, CACHE(FIELD), P2, ANY, false, false, HW_RES },
	{ "pattern3", "bo", "RFC-P3", KALL, HOOK(SW_INIT), false, HOOK(SW_FINI), V, 0, CACHE(FIELD), P3, ANY, false, false, HW_RES },
};
/* clang-format on */

#define N_EXPECTS (sizeof(expects) / sizeof(expects[0]))

/* The built-in entry @p block/@p name whose kernel bits are @p kernels, or NULL. */
static bool
catalog_find_variant(const char *block, const char *name, unsigned kernels, struct gmcsim_site *out)
{
	size_t n = gmcsim_catalog_count();

	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gmcsim_catalog_at(i, out), 0);
		if (strcmp(out->block, block) == 0 && strcmp(out->name, name) == 0 &&
		    out->kernels == kernels)
			return true;
	}
	return false;
}

#define FACT(cond, e, ...)                                    \
	do {                                                  \
		if (!(cond))                                  \
			fail_msg("%s/%s (%s): " __VA_ARGS__); \
	} while (0)

static void
check_site(const struct expect *e)
{
	struct gmcsim_site s;

	if (!catalog_find_variant(e->block, e->name, e->kernels, &s))
		fail_msg("%s/%s (%s) is not in the catalog with kernels %#x", e->block, e->name,
			 e->ref, e->kernels);
#define WHO e->block, e->name, e->ref
	FACT(strcmp(s.ref, e->ref) == 0, e, "ref is '%s'", WHO, s.ref);
	FACT(s.create == e->create, e, "created in %s, table says %s", WHO,
	     gmcsim_hook_name(s.create), gmcsim_hook_name(e->create));
	FACT(s.lazy == e->lazy, e, "lazy is %d, table says %d", WHO, s.lazy, e->lazy);
	FACT(s.free_in == e->free_in, e, "freed in %s, table says %s", WHO,
	     gmcsim_hook_name(s.free_in), gmcsim_hook_name(e->free_in));
	FACT(s.domain == e->domain, e, "domain %#x, table says %#x", WHO, s.domain, e->domain);
	FACT(s.domain_sriov == e->domain_sriov, e, "SR-IOV domain %#x, table says %#x", WHO,
	     s.domain_sriov, e->domain_sriov);
	FACT(s.cache == e->cache, e, "cache %s, table says %s", WHO, gmcsim_cache_name(s.cache),
	     gmcsim_cache_name(e->cache));
	FACT(pattern_of(&s) == e->pattern, e, "pattern P%d, table says P%d", WHO, pattern_of(&s),
	     e->pattern);
	FACT(s.fw_load == e->fw_load, e, "fw_load %d, table says %d", WHO, s.fw_load, e->fw_load);
	FACT(s.upstream_fb_aper == e->fb_aper, e, "upstream_fb_aper %d, §D says %d", WHO,
	     s.upstream_fb_aper, e->fb_aper);
	FACT(s.rfc_helper == e->rfc, e, "rfc_helper %d, the RFC says %d", WHO, s.rfc_helper,
	     e->rfc);
	FACT(s.consume == e->consume, e, "consumed in %#x, the source says %#x", WHO, s.consume,
	     e->consume);
	/* a derived cache has an offset inside its BO; the others have none (§C.3-2) */
	if (s.cache == GMCSIM_CACHE_DERIVED)
		FACT(s.derived_offset > 0 && s.derived_offset < s.size, e, "derived_offset %#llx",
		     WHO, (unsigned long long)s.derived_offset);
	else
		FACT(s.derived_offset == 0, e, "derived_offset %#llx on a non-derived site", WHO,
		     (unsigned long long)s.derived_offset);
	FACT(s.size > 0, e, "size 0", WHO);
	FACT(strcmp(s.block, e->block) == 0, e, "block '%s'", WHO, s.block);
#undef WHO
}

static void
test_builtin_sites(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_EXPECTS; i++)
		check_site(&expects[i]);
}

/* Every built-in entry (every kernel variant) is one the table above checks. */
static void
test_builtin_sites_all_checked(void **state)
{
	size_t n = gmcsim_catalog_count();
	struct gmcsim_site s;

	(void)state;
	assert_int_equal(n, N_EXPECTS);
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		assert_int_equal(gmcsim_catalog_at(i, &s), 0);
		for (size_t j = 0; j < N_EXPECTS && !found; j++)
			found = strcmp(expects[j].block, s.block) == 0 &&
				strcmp(expects[j].name, s.name) == 0 &&
				expects[j].kernels == s.kernels;
		if (!found)
			fail_msg("%s/%s (kernels %#x) has no expectation", s.block, s.name,
				 s.kernels);
	}
}

/*
 * The variants of one site cover every modelled kernel exactly once, so a
 * run under any kernel sees exactly one of them.
 */
static void
test_builtin_variants_partition_kernels(void **state)
{
	size_t n = gmcsim_catalog_count();
	struct gmcsim_site a, b;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		unsigned covered = 0, bits;

		assert_int_equal(gmcsim_catalog_at(i, &a), 0);
		for (size_t j = 0; j < n; j++) {
			assert_int_equal(gmcsim_catalog_at(j, &b), 0);
			if (strcmp(a.block, b.block) || strcmp(a.name, b.name))
				continue;
			/* 0 is "every kernel", alone */
			bits = b.kernels ? b.kernels : (1u << GMCSIM_KERNEL_COUNT) - 1;
			if (covered & bits)
				fail_msg("%s/%s: kernel variants overlap", a.block, a.name);
			covered |= bits;
		}
		if (covered != (1u << GMCSIM_KERNEL_COUNT) - 1)
			fail_msg("%s/%s: variants cover kernels %#x only", a.block, a.name,
				 covered);
	}
}

/*
 * docs/catalog.md: every built-in site carries its source (at least the
 * kernel read, the create, the free and the consumers), and an uncertain one
 * says in a note what is unknown.
 */
static void
test_builtin_cites(void **state)
{
	size_t n = gmcsim_catalog_count();
	struct gmcsim_site s;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gmcsim_catalog_at(i, &s), 0);
		if (!s.cite.kernel[0] || !s.cite.create[0] || !s.cite.free[0] || !s.cite.consume[0])
			fail_msg("%s/%s has no full citation", s.block, s.name);
		if (s.uncertain && !s.note[0])
			fail_msg("%s/%s is uncertain without a note", s.block, s.name);
	}
}

/* Facts that are not per-row columns. */
static void
test_builtin_specific_facts(void **state)
{
	struct gmcsim_site s, hpd;

	(void)state;
	/* B-5: the TMR's MC field is cached while the PA is fresh: MC is what is held */
	assert_true(catalog_find("psp", "tmr", &s));
	assert_int_equal(s.addr, GMC_ADDR_MC);
	/* B-5: "only if tmr_bo is NULL": never re-created on resume */
	assert_false(s.recreate_on_resume);
	/* B-72 / §C.4: the CSA's physical address is what sits in the PTEs */
	assert_true(catalog_find("gfx", "csa", &s));
	assert_int_equal(s.addr, GMC_ADDR_PA);
	/* B-71: what reaches the register is mc2pa(cached MC): a physical address */
	assert_true(catalog_find("gmc", "mem_scratch", &s));
	assert_int_equal(s.addr, GMC_ADDR_PA);
	/* B-60: fw_shared lives inside the vcpu BO: same size, offset inside */
	{
		struct gmcsim_site vcpu;

		assert_true(catalog_find("vcn", "vcpu", &vcpu));
		assert_true(catalog_find("vcn", "fw_shared", &s));
		assert_int_equal(s.size, vcpu.size);
		assert_true(s.derived_offset < vcpu.size);
	}
	/* audit §2.2: the backup holds an address of the HPD EOP BO itself: same BO size */
	assert_true(catalog_find("gfx", "mec_hpd_eop", &hpd));
	assert_true(catalog_find("gfx", "kcq_mqd_backup_eop", &s));
	assert_int_equal(s.size, hpd.size);
	assert_int_equal(s.addr, GMC_ADDR_MC);
	/* upstream-history.md §1: pattern 1 consumed in hw_init and resume */
	assert_true(catalog_find("pattern1", "bo", &s));
	assert_int_equal(s.consume, BIT(HW_INIT) | BIT(RESUME));
	/* B-4: created by psp_load_fw at hw_init only, not guarded on a hw path */
	assert_true(catalog_find("psp", "km_ring", &s));
	assert_false(s.recreate_on_resume);
}

/*
 * Table B totals: P2 is direct load only, so no P2 site applies to a VF.
 * One exception: psp/ta_securedisplay is P2 on bare metal (its guard is
 * !initialized, which psp_securedisplay_terminate clears at suspend), with
 * PSP load; psp_securedisplay_initialize returns early on a VF, so it never
 * exists on one either.
 */
static void
test_builtin_direct_load(void **state)
{
	size_t n = gmcsim_catalog_count();
	struct gmcsim_profile vf;
	struct gmcsim_site s;

	(void)state;
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &vf), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gmcsim_catalog_at(i, &s), 0);
		if (strcmp(s.block, "psp") == 0 && strcmp(s.name, "ta_securedisplay") == 0) {
			assert_int_equal(pattern_of(&s), P2);
			assert_int_equal(s.fw_load, GMCSIM_FW_PSP);
			/* a VF of every part that has defaults: never there */
			for (size_t a = 0; a < gmc_asic_count(); a++) {
				vf.asic = gmc_asic_at(a);
				if (gmcsim_part_defaults(vf.asic, &vf.ip, &vf.driver) != 0)
					continue;
				assert_int_equal(
					gmcsim_site_presence(&s, &vf, GMCSIM_KERNEL_6_18, NULL, 0),
					GMCSIM_SITE_ABSENT);
			}
			continue;
		}
		if (strncmp(s.ref, "B-", 2) == 0 && pattern_of(&s) == P2)
			assert_int_equal(s.fw_load, GMCSIM_FW_DIRECT);
		if (s.fw_load != GMCSIM_FW_DIRECT)
			continue;
		for (size_t a = 0; a < gmc_asic_count(); a++)
			if (gmcsim_site_applies(&s, gmc_asic_at(a), true))
				fail_msg("%s/%s applies to an SR-IOV %s", s.block, s.name,
					 gmc_asic_name(gmc_asic_at(a)));
	}
}

/* GC ranges of a few built-ins, from the files table B names. */
static void
test_builtin_gc(void **state)
{
	struct gmcsim_site s;

	(void)state;
	/* B-49: mes_v11_0.c / mes_v12_0.c exist on GC 11 and 12 only */
	assert_true(catalog_find("mes", "event_log", &s));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1100"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1200"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("navi10"), true));
	/* B-29: the gfx9 KCQ MQD is GTT on GC 9; GC 10+ has its own row */
	assert_true(catalog_find("gfx", "kcq_mqd_gfx9", &s));
	assert_true(gmcsim_site_applies(&s, asic_get("gc944"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("navi10"), true));
	assert_true(catalog_find("gfx", "kcq_mqd_gfx10", &s));
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1200"), true));
	/* B-48: sdma_v7_0 is GC 12's SDMA, and direct load only: bare metal */
	assert_true(catalog_find("sdma", "ucode_v7", &s));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1200"), false));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1200"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1100"), false));
	/* B-1: PSP exists on every modelled part */
	assert_true(catalog_find("psp", "fw_pri", &s));
	for (size_t a = 0; a < gmc_asic_count(); a++)
		assert_true(gmcsim_site_applies(&s, gmc_asic_at(a), true));
}

/* ------------------------------------------------------------------ */
/* User block files                                                     */
/* ------------------------------------------------------------------ */

#define SITE_REQ                                                                    \
	"\"create\": \"sw_init\", \"free_in\": \"sw_fini\", \"domain\": \"vram\", " \
	"\"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", \"consume\": [\"resume\"]"
#define SITE_A "{ \"name\": \"a\", " SITE_REQ " }"
#define SITE_WITH(extra) "{ \"name\": \"a\", " SITE_REQ ", " extra " }"
#define BLOCK(sites) "{ \"block\": \"x\", \"order\": 5, \"sites\": [ " sites " ] }"

static void
test_parse_minimal(void **state)
{
	size_t n = 0;
	struct gmcsim_site *s = parse_ok(BLOCK(SITE_A), &n);

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(s[0].block, "x");
	assert_string_equal(s[0].name, "a");
	assert_int_equal(s[0].create, GMCSIM_HOOK_SW_INIT);
	assert_int_equal(s[0].free_in, GMCSIM_HOOK_SW_FINI);
	assert_int_equal(s[0].domain, GMC_DOMAIN_VRAM);
	assert_int_equal(s[0].size, 4096);
	assert_int_equal(s[0].cache, GMCSIM_CACHE_FIELD);
	assert_int_equal(s[0].addr, GMC_ADDR_MC);
	assert_int_equal(s[0].consume, BIT(RESUME));
	/* the defaults docs/catalog.md lists */
	assert_string_equal(s[0].ref, "");
	assert_false(s[0].lazy);
	assert_false(s[0].recreate_on_resume);
	assert_int_equal(s[0].domain_sriov, 0);
	assert_int_equal(s[0].derived_offset, 0);
	assert_int_equal(s[0].fw_load, GMCSIM_FW_ANY);
	assert_false(s[0].rfc_helper);
	assert_false(s[0].upstream_fb_aper);
	assert_string_equal(s[0].gc, "");
	assert_string_equal(s[0].consumer, "");
	free(s);
}

/* The example of docs/catalog.md, verbatim. */
static void
test_parse_doc_example(void **state)
{
	const char *json =
		"{ \"block\": \"psp\", \"order\": 40, \"sites\": [\n"
		"  { \"name\": \"tmr\", \"ref\": \"B-5\", \"create\": \"hw_init\", \"lazy\": true, "
		"\"recreate_on_resume\": false,\n"
		"    \"free_in\": \"sw_fini\", \"domain\": \"vram\", \"domain_sriov\": \"vram\", "
		"\"size\": \"0x400000\",\n"
		"    \"cache\": \"mixed\", \"addr\": \"mc\", \"derived_offset\": 0,\n"
		"    \"consume\": [\"hw_init\", \"resume\"], \"fw_load\": \"psp\", \"rfc_helper\": "
		"false, \"upstream_fb_aper\": true,\n"
		"    \"gc\": \"9.*,10.*,11.*,12.*\", \"consumer\": \"psp_tmr_load \xe2\x86\x92 "
		"SETUP_TMR carries the cached MC and a fresh PA\" } ] }\n";
	size_t n = 0;
	struct gmcsim_site *s = parse_ok(json, &n);

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(s[0].block, "psp");
	assert_string_equal(s[0].name, "tmr");
	assert_string_equal(s[0].ref, "B-5");
	assert_int_equal(s[0].create, GMCSIM_HOOK_HW_INIT);
	assert_true(s[0].lazy);
	assert_false(s[0].recreate_on_resume);
	assert_int_equal(s[0].free_in, GMCSIM_HOOK_SW_FINI);
	assert_int_equal(s[0].domain, GMC_DOMAIN_VRAM);
	assert_int_equal(s[0].domain_sriov, GMC_DOMAIN_VRAM);
	assert_int_equal(s[0].size, 0x400000);
	assert_int_equal(s[0].cache, GMCSIM_CACHE_MIXED);
	assert_int_equal(s[0].addr, GMC_ADDR_MC);
	assert_int_equal(s[0].consume, BIT(HW_INIT) | BIT(RESUME));
	assert_int_equal(s[0].fw_load, GMCSIM_FW_PSP);
	assert_false(s[0].rfc_helper);
	assert_true(s[0].upstream_fb_aper);
	assert_string_equal(s[0].gc, "9.*,10.*,11.*,12.*");
	assert_string_equal(s[0].consumer, "psp_tmr_load \xe2\x86\x92 "
					   "SETUP_TMR carries the cached MC and a fresh PA");
	free(s);
}

static void
test_parse_variants(void **state)
{
	struct gmcsim_site *s;
	size_t n = 0;

	(void)state;
	/* two sites, file order kept; every value form the vocabulary allows */
	s = parse_ok("  \n" BLOCK(SITE_A ", { \"name\": \"b-2.x\", \"create\": \"hw_init\", "
					 "\"recreate_on_resume\": true, \"free_in\": \"suspend\", "
					 "\"domain\": \"gtt|vram\", \"size\": \"0x10000\", "
					 "\"cache\": \"derived\", \"derived_offset\": \"0xff00\", "
					 "\"addr\": \"pa\", \"consume\": [\"resume\", \"hw_init\", "
					 "\"sw_fini\"], \"fw_load\": \"direct\", "
					 "\"gc\": \"9.4.4, 10.3.*\", "
					 "\"ref\": \"123456789012345\" }") "\n\n",
		     &n);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].name, "a");
	assert_string_equal(s[1].name, "b-2.x");
	assert_string_equal(s[1].block, "x");
	assert_int_equal(s[1].create, GMCSIM_HOOK_HW_INIT);
	assert_true(s[1].recreate_on_resume);
	assert_int_equal(s[1].free_in, GMCSIM_HOOK_SUSPEND);
	assert_int_equal(s[1].domain, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT);
	assert_int_equal(s[1].size, 0x10000);
	assert_int_equal(s[1].derived_offset, 0xff00);
	assert_int_equal(s[1].addr, GMC_ADDR_PA);
	assert_int_equal(s[1].consume, BIT(HW_INIT) | BIT(RESUME) | BIT(SW_FINI));
	assert_int_equal(s[1].fw_load, GMCSIM_FW_DIRECT);
	assert_string_equal(s[1].gc, "9.4.4, 10.3.*");
	assert_string_equal(s[1].ref, "123456789012345");
	free(s);

	/* the edges of "order" and "size"; cpu addresses; a lazy P1 (guarded, freed in suspend) */
	s = parse_ok("{ \"block\": \"y\", \"order\": 0, \"sites\": [ { \"name\": \"a\", "
		     "\"create\": \"late_init\", \"lazy\": true, \"recreate_on_resume\": true, "
		     "\"free_in\": \"suspend\", \"domain\": \"gtt\", \"size\": 281474976710656, "
		     "\"cache\": \"none\", \"addr\": \"cpu\", \"consume\": [\"late_init\"] } ] }",
		     &n);
	assert_int_equal(s[0].size, UINT64_C(1) << 48);
	assert_int_equal(s[0].addr, GMC_ADDR_CPU);
	assert_int_equal(s[0].create, GMCSIM_HOOK_LATE_INIT);
	free(s);
	s = parse_ok("{ \"block\": \"y\", \"order\": 9999, \"sites\": [ " SITE_A " ] }", &n);
	free(s);
}

struct bad_case {
	const char *json;
	const char *needle;
};

/* clang-format off */
static const struct bad_case bad_cases[] = {
	/* unknown keys, named with the known ones (docs/catalog.md's order) */
	{ BLOCK(SITE_WITH("\"sizee\": 1")), "unknown key 'sizee' (known: name, ref, create, " },
	{ "{ \"block\": \"x\", \"order\": 5, \"sitez\": [] }",
	  "unknown key 'sitez' (known: block, order, sites)" },
	/* bad hook names, and hooks that are names but not allowed there */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"hw_initt\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "create: 'hw_initt' is not one of sw_init, hw_init or late_init" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"suspend\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "create: 'suspend'" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"resume\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "free_in: 'resume'" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\", \"resum\"] }"),
	  "consume[1]: 'resum'" },
	/* size 0, in every spelling, and other bad sizes */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 0, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "size: must be greater than 0" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": \"0x0\", \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "size: must be greater than 0" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096.5, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "size: " },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": \"4K\", \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "size: " },
	/* wrong types */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": true, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "size: expected an integer" },
	{ BLOCK(SITE_WITH("\"lazy\": \"yes\"")), "lazy: expected true or false, not string" },
	{ BLOCK(SITE_WITH("\"rfc_helper\": 1")), "rfc_helper: expected true or false, not int" },
	{ BLOCK(SITE_WITH("\"upstream_fb_aper\": null")), "upstream_fb_aper: expected true or false" },
	{ BLOCK(SITE_WITH("\"recreate_on_resume\": []")), "recreate_on_resume: expected true" },
	{ BLOCK("{ \"name\": 5, " SITE_REQ " }"), "name: expected a string, not int" },
	{ BLOCK("{ \"name\": \"a\", \"create\": [\"sw_init\"], \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "create: expected a string, not array" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": \"resume\" }"),
	  "consume: expected an array of hook names, not string" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [3] }"),
	  "consume[0]: expected a string, not int" },
	{ BLOCK(SITE_WITH("\"gc\": 9")), "gc: expected a string, not int" },
	{ BLOCK(SITE_WITH("\"consumer\": {}")), "consumer: expected a string, not object" },
	{ "{ \"block\": 1, \"order\": 5, \"sites\": [ " SITE_A " ] }", "block: expected a string" },
	{ "{ \"block\": \"x\", \"order\": \"five\", \"sites\": [ " SITE_A " ] }", "order: " },
	{ "{ \"block\": \"x\", \"order\": 5, \"sites\": {} }", "sites: expected an array" },
	{ BLOCK("[]"), "sites[0]: expected a JSON object, not array" },
	{ "[ " SITE_A " ]", "expected a JSON object, not array" },
	{ "\"psp\"", "expected a JSON object, not string" },
	{ "42", "expected a JSON object, not int" },
	{ "null", "not null" },
	/* truncated or not JSON at all */
	{ "{ \"block\": \"x\", \"order\": 5, \"sites\": [ { \"name\": \"a\", ", "not valid JSON" },
	{ "{", "not valid JSON" },
	{ "{ \"block\": 'x' }", "not valid JSON" },
	/* the object is 188 bytes, a space, then the x: byte 190 */
	{ BLOCK(SITE_A) " x", "not valid JSON: unexpected character at byte 190" },
	{ BLOCK(SITE_A) BLOCK(SITE_A), "not valid JSON" },
	{ "", "the text is blank" },
	{ " \n\t", "the text is blank" },
	{ "{ \"block\": \"x\xff\", \"order\": 5, \"sites\": [] }", "not valid JSON" },
	{ "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]"
	  "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	  "not valid JSON" },
	/* empty sites, duplicate names, missing keys */
	{ BLOCK(""), "sites: a block needs at least one site" },
	{ BLOCK(SITE_A ", " SITE_A), "sites[1]: duplicate site name 'a' (also sites[0])" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "sites[0] 'a': missing key 'size'" },
	{ BLOCK("{ " SITE_REQ " }"), "sites[0]: missing key 'name'" },
	{ "{ \"order\": 5, \"sites\": [ " SITE_A " ] }", "missing key 'block'" },
	{ "{ \"block\": \"x\", \"sites\": [ " SITE_A " ] }", "missing key 'order'" },
	{ "{ \"block\": \"x\", \"order\": 5 }", "missing key 'sites'" },
	/* names, lengths, strings */
	{ BLOCK("{ \"name\": \"a b\", " SITE_REQ " }"), "name: 'a b' may hold only" },
	{ BLOCK("{ \"name\": \"\", " SITE_REQ " }"), "name: must not be empty" },
	{ BLOCK("{ \"name\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", "
		SITE_REQ " }"),
	  "name: longer than 63 bytes" },
	{ "{ \"block\": \"x/y\", \"order\": 5, \"sites\": [ " SITE_A " ] }", "block: 'x/y'" },
	{ "{ \"block\": \"\", \"order\": 5, \"sites\": [ " SITE_A " ] }", "block: must not be empty" },
	{ BLOCK(SITE_WITH("\"ref\": \"B-1234567890123456\"")), "ref: longer than 15 bytes" },
	{ BLOCK(SITE_WITH("\"consumer\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxxxxxxxx\"")),
	  "consumer: longer than 159 bytes" },
	{ BLOCK(SITE_WITH("\"consumer\": \"a\\u0000b\"")), "consumer: the string holds a NUL" },
	{ BLOCK(SITE_WITH("\"fw_load\": \"p\\u0000sp\"")), "fw_load: the string holds a NUL" },
	/* free text holds no control character (U+0001 is byte 2 of "a\x01b") */
	{ BLOCK(SITE_WITH("\"consumer\": \"a\\u0001b\"")),
	  "consumer: byte 2 of 'a?b' is 0x01, a control character" },
	{ BLOCK(SITE_WITH("\"ref\": \"B-1\\t\"")), "ref: byte 4 of 'B-1?' is 0x09" },
	/* bad values of the enumerations */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vrm\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "domain: 'vrm' is not one of vram, gtt, vram|gtt or gtt|vram" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram||gtt\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "domain: 'vram||gtt'" },
	{ BLOCK(SITE_WITH("\"domain_sriov\": \"\"")), "domain_sriov: '' is not one of" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"cached\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "cache: 'cached' is not one of field, derived, content, mixed, pte, register, "
	  "firmware or none" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"fb_aper\", "
		"\"consume\": [\"resume\"] }"),
	  "addr: 'fb_aper' is not one of mc, pa or cpu" },
	{ BLOCK(SITE_WITH("\"fw_load\": \"bios\"")), "fw_load: 'bios' is not one of any, psp or direct" },
	/* GC patterns */
	{ BLOCK(SITE_WITH("\"gc\": \"9.4\"")), "gc: '9.4' is not a GC pattern" },
	{ BLOCK(SITE_WITH("\"gc\": \"9.*.1\"")), "gc: '9.*.1'" },
	{ BLOCK(SITE_WITH("\"gc\": \"9.*,,10.*\"")), "gc: '' is not a GC pattern" },
	{ BLOCK(SITE_WITH("\"gc\": \"9.*,\"")), "gc: '' is not a GC pattern" },
	{ BLOCK(SITE_WITH("\"gc\": \"256.0.0\"")), "gc: '256.0.0'" },
	{ BLOCK(SITE_WITH("\"gc\": \"9.4.4.1\"")), "gc: '9.4.4.1'" },
	{ BLOCK(SITE_WITH("\"gc\": \"gfx9\"")), "gc: 'gfx9'" },
	{ BLOCK(SITE_WITH("\"gc\": \"9.\"")), "gc: '9.'" },
	{ BLOCK(SITE_WITH("\"gc\": \" \"")), "gc: '' is not a GC pattern" },
	/* consume lists */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [] }"),
	  "consume: list at least one hook" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\", \"hw_init\", \"resume\"] }"),
	  "consume[2]: 'resume' is listed twice" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"hw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"sw_init\", \"resume\"] }"),
	  "consume: 'sw_init' comes before the BO is created in 'hw_init'" },
	/* keys that contradict each other */
	{ BLOCK(SITE_WITH("\"recreate_on_resume\": true")), "recreate_on_resume: sw_init does not run on resume" },
	{ BLOCK(SITE_WITH("\"lazy\": true")), "lazy: only a hw-path creation" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"hw_init\", \"lazy\": true, "
		"\"recreate_on_resume\": true, \"free_in\": \"sw_fini\", \"domain\": \"vram\", "
		"\"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", \"consume\": [\"resume\"] }"),
	  "lazy: a guarded BO is created again on resume only when suspend frees it" },
	{ BLOCK(SITE_WITH("\"derived_offset\": 16")), "derived_offset: only a 'derived' cache" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"derived\", \"addr\": \"mc\", "
		"\"derived_offset\": 4096, \"consume\": [\"resume\"] }"),
	  "derived_offset: 0x1000 is not inside the BO (size 0x1000)" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"gtt\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"upstream_fb_aper\": true, \"consume\": [\"resume\"] }"),
	  "upstream_fb_aper: amdgpu_bo_fb_aper_addr() takes VRAM BOs only" },
	/* the bad key is named whatever order the keys come in */
	{ BLOCK("{ \"size\": 0, \"name\": \"late\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"cache\": \"field\", \"addr\": \"mc\", \"consume\": [\"resume\"] }"),
	  "sites[0] 'late': size: must be greater than 0" },
};
/* clang-format on */

static void
test_parse_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		parse_bad(bad_cases[i].json, bad_cases[i].needle);
}

/* clang-format off */
static const struct bad_case range_cases[] = {
	/* a size is 1 byte to 2^48 (the 48-bit MC space): -4096 and 2^48 + 1 are outside */
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": -4096, \"cache\": \"field\", \"addr\": \"mc\", "
		"\"consume\": [\"resume\"] }"),
	  "sites[0] 'a': size: -4096 is negative" },
	{ BLOCK("{ \"name\": \"a\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
		"\"domain\": \"vram\", \"size\": 281474976710657, \"cache\": \"field\", "
		"\"addr\": \"mc\", \"consume\": [\"resume\"] }"),
	  "sites[0] 'a': size: 281474976710657 is above the limit" },
	/* an order is 0 to 9999 */
	{ "{ \"block\": \"x\", \"order\": -1, \"sites\": [ " SITE_A " ] }", "order: " },
	{ "{ \"block\": \"x\", \"order\": 10000, \"sites\": [ " SITE_A " ] }", "order: " },
	{ "{ \"block\": \"x\", \"order\": \"0x10000\", \"sites\": [ " SITE_A " ] }", "order: " },
};
/* clang-format on */

/* A number outside its field's range is -ERANGE, naming the key. */
static void
test_parse_out_of_range(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(range_cases) / sizeof(range_cases[0]); i++)
		parse_refused(range_cases[i].json, -ERANGE, range_cases[i].needle);
}

/*
 * The catalog v2 vocabulary refused (docs/catalog.md, issue 10 "Tests"): an
 * unknown condition key, a condition value of the wrong type, a kernel
 * expression that names no modelled kernel (6.12, 6.17, 6.18), an uncertain
 * site without its note, a malformed version list. Each message names the
 * site, the key (its path) and, where there is one, the bad value; the
 * outputs stay untouched. The CLI adds the file's name
 * (tests/cli/test-check-cli.py, bad_catalog_vocabulary_exit_2).
 */
#define SITE_A_WITH(extra) BLOCK(SITE_WITH(extra))
#define IN_A "sites[0] 'a'"

struct named_case {
	const char *json;
	int code;
	const char *needles[3]; /* the site, the key, the value (NULL: none) */
};

/* clang-format off */
static const struct named_case vocabulary_cases[] = {
	/* unknown condition keys, at every level a condition is read */
	{ SITE_A_WITH("\"exists\": { \"sriov\": \"vf\", \"colour\": \"blue\" }"), -EINVAL, { IN_A, "exists", "'colour'" } },
	{ SITE_A_WITH("\"consumed\": [ { \"sriov\": \"vf\" }, { \"mp2\": [\"13.0.6\"] } ]"), -EINVAL, { IN_A, "consumed", "'mp2'" } },
	{ SITE_A_WITH("\"exists\": { \"fw_min\": { \"rlc\": 1 } }"), -EINVAL, { IN_A, "fw_min", "'rlc'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.12\", \"exists\": { \"bogus\": 1 } } ]"), -EINVAL, { IN_A, "kernels[0].exists", "'bogus'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.17\", \"domian\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'domian'" } },
	/* a name that is not the site's may not change per kernel */
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.12\", \"name\": \"b\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'name'" } },
	/* condition values of the wrong type or outside their names */
	{ SITE_A_WITH("\"exists\": { \"display\": \"yes\" }"), -EINVAL, { IN_A, "exists.display", NULL } },
	{ SITE_A_WITH("\"exists\": { \"apu\": 1 }"), -EINVAL, { IN_A, "exists.apu", NULL } },
	{ SITE_A_WITH("\"exists\": { \"sriov\": true }"), -EINVAL, { IN_A, "exists.sriov", NULL } },
	{ SITE_A_WITH("\"exists\": { \"sriov\": \"guest\" }"), -EINVAL, { IN_A, "exists.sriov", "'guest'" } },
	{ SITE_A_WITH("\"exists\": { \"vf_mode\": \"two-vf\" }"), -EINVAL, { IN_A, "exists.vf_mode", "'two-vf'" } },
	{ SITE_A_WITH("\"exists\": { \"fw_load\": \"any\" }"), -EINVAL, { IN_A, "exists.fw_load", "'any'" } },
	{ SITE_A_WITH("\"exists\": { \"hive\": 2 }"), -EINVAL, { IN_A, "exists.hive", NULL } },
	{ SITE_A_WITH("\"consumed\": { \"mp0\": \"13.0.6\" }"), -EINVAL, { IN_A, "consumed.mp0", NULL } },
	{ SITE_A_WITH("\"exists\": { \"pg\": \"vcn_dpg\" }"), -EINVAL, { IN_A, "exists.pg", NULL } },
	{ SITE_A_WITH("\"exists\": { \"pg\": [\"vcn_dpg\", \"gfx_pg\"] }"), -EINVAL, { IN_A, "exists.pg[1]", "'gfx_pg'" } },
	{ SITE_A_WITH("\"exists\": { \"params\": [\"amdgpu_mcbp\"] }"), -EINVAL, { IN_A, "exists.params[0]", "'amdgpu_mcbp'" } },
	{ SITE_A_WITH("\"exists\": { \"host\": [1] }"), -EINVAL, { IN_A, "exists.host[0]", NULL } },
	{ SITE_A_WITH("\"exists\": { \"fw_min\": { \"mec\": \"new\" } }"), -EINVAL, { IN_A, "exists.fw_min.mec", NULL } },
	{ SITE_A_WITH("\"exists\": { \"fw_min\": [153] }"), -EINVAL, { IN_A, "exists.fw_min", NULL } },
	{ SITE_A_WITH("\"exists\": \"vf\""), -EINVAL, { IN_A, "exists", NULL } },
	{ SITE_A_WITH("\"exists\": []"), -EINVAL, { IN_A, "exists", NULL } },
	{ SITE_A_WITH("\"exists\": [ { \"sriov\": \"vf\" }, 3 ]"), -EINVAL, { IN_A, "exists[1]", NULL } },
	{ SITE_A_WITH("\"multiplicity\": \"per-die\""), -EINVAL, { IN_A, "multiplicity", "'per-die'" } },
	{ SITE_A_WITH("\"status\": \"unsure\", \"note\": \"x\""), -EINVAL, { IN_A, "status", "'unsure'" } },
	{ SITE_A_WITH("\"cite\": { \"kernel\": \"6.17\" }"), -EINVAL, { IN_A, "cite", "'create'" } },
	{ SITE_A_WITH("\"cite\": { \"kernel\": \"6.17\", \"create\": \"a.c:f\", \"free\": \"a.c:g\", \"consume\": \"a.c:h\" }"), -EINVAL, { IN_A, "cite.consume", NULL } },
	/* numbers outside their range */
	{ SITE_A_WITH("\"exists\": { \"fw_min\": { \"mec\": 4294967296 } }"), -ERANGE, { IN_A, "exists.fw_min.mec", "4294967296" } },
	{ SITE_A_WITH("\"exists\": { \"fw_min\": { \"mec\": -1 } }"), -ERANGE, { IN_A, "exists.fw_min.mec", "-1" } },
	/* kernel expressions that name no modelled kernel, or are no expression */
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.5\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'6.5'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"<6.0\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'<6.0'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \">=6.19\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'>=6.19'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.13\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'6.13'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.*\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'6.*'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.17,6.18\", \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "'6.17,6.18'" } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": 6.17, \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "\"kernel\"" } },
	{ SITE_A_WITH("\"kernels\": [ { \"domain\": \"gtt\" } ]"), -EINVAL, { IN_A, "kernels[0]", "\"kernel\"" } },
	{ SITE_A_WITH("\"kernels\": []"), -EINVAL, { IN_A, "kernels", NULL } },
	{ SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.12\", \"present\": \"no\" } ]"), -EINVAL, { IN_A, "kernels[0].present", NULL } },
	/* an uncertain site says what is unknown */
	{ SITE_A_WITH("\"status\": \"uncertain\""), -EINVAL, { IN_A, "note", NULL } },
	{ SITE_A_WITH("\"status\": \"uncertain\", \"note\": \"\""), -EINVAL, { IN_A, "note", NULL } },
	/* malformed version lists */
	{ SITE_A_WITH("\"exists\": { \"mp0\": [\"13.0\"] }"), -EINVAL, { IN_A, "exists.mp0[0]", "'13.0'" } },
	{ SITE_A_WITH("\"exists\": { \"mp0\": [] }"), -EINVAL, { IN_A, "exists.mp0", NULL } },
	{ SITE_A_WITH("\"exists\": { \"mp0\": [\"\"] }"), -EINVAL, { IN_A, "exists.mp0[0]", NULL } },
	{ SITE_A_WITH("\"exists\": { \"mp0\": [\"=13.0.6\"] }"), -EINVAL, { IN_A, "exists.mp0[0]", "'=13.0.6'" } },
	{ SITE_A_WITH("\"exists\": { \"vcn\": [\"4.0.3,4.0.5\"] }"), -EINVAL, { IN_A, "exists.vcn[0]", "'4.0.3,4.0.5'" } },
	{ SITE_A_WITH("\"exists\": { \"jpeg\": [\"<4.0.*\"] }"), -EINVAL, { IN_A, "exists.jpeg[0]", "'<4.0.*'" } },
	{ SITE_A_WITH("\"exists\": { \"mp1_not\": [\"13.0.256\"] }"), -EINVAL, { IN_A, "exists.mp1_not[0]", "'13.0.256'" } },
	{ SITE_A_WITH("\"exists\": { \"gc\": \"9.4\" }"), -EINVAL, { IN_A, "exists.gc", "'9.4'" } },
	/* a GC pattern takes no comparison (as a site's own "gc") */
	{ SITE_A_WITH("\"exists\": { \"gc\": \"<9.4.4\" }"), -EINVAL, { IN_A, "exists.gc", "'<9.4.4'" } },
	/* 12 x "13.0.6" joined by commas is 83 bytes: more than a list holds (GMCSIM_LIST_MAX 64) */
	{ SITE_A_WITH("\"exists\": { \"mp0\": [\"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\", \"13.0.6\"] }"), -EINVAL, { IN_A, "exists.mp0", "longer than" } },
};
/* clang-format on */

/* @p json is refused with @p code; the message names each needle; the outputs stay. */
static void
parse_refused_naming(const char *json, int code, const char *const *needles, size_t n)
{
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	size_t k = 0;

	parse_refused(json, code, needles[0]);
	assert_int_equal(gmcsim_sites_parse(json, &sites, &k, &err), code);
	for (size_t i = 1; i < n; i++) {
		if (needles[i] && !strstr(err.message, needles[i]))
			fail_msg("\"%s\" does not name \"%s\"", err.message, needles[i]);
	}
}

static void
test_parse_bad_vocabulary(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vocabulary_cases) / sizeof(vocabulary_cases[0]); i++)
		parse_refused_naming(vocabulary_cases[i].json, vocabulary_cases[i].code,
				     vocabulary_cases[i].needles, 3);
}

/*
 * Two refusals of the kernel overrides. A variant an override makes invalid
 * is named with its kernel and with the key at fault: derived_offset 16 on a
 * site of size 4096 with no derived copy is what site_check() refuses (the
 * same rule as without overrides). "kernels" given as an object, not an
 * array, is refused naming "kernels" (json-c asserts when asked for the
 * length of what is not an array, so the type must be checked first).
 */
static void
test_parse_bad_kernel_overrides(void **state)
{
	static const char *const variant[] = { IN_A, "kernels (6.12)", "derived_offset" };

	(void)state;
	parse_refused_naming(SITE_A_WITH("\"kernels\": [ { \"kernel\": \"6.12\", "
					 "\"derived_offset\": 16 } ]"),
			     -EINVAL, variant, 3);
	parse_refused(SITE_A_WITH("\"kernels\": { \"kernel\": \"6.17\" }"), -EINVAL, "kernels");
	parse_refused(SITE_A_WITH("\"kernels\": \"6.17\""), -EINVAL, "kernels");
	parse_refused(SITE_A_WITH("\"kernels\": []"), -EINVAL, "kernels");
}

static void
test_parse_null(void **state)
{
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	size_t n = 0;

	(void)state;
	parse_bad(NULL, "no JSON text");
	assert_int_equal(gmcsim_sites_parse(BLOCK(SITE_A), NULL, &n, &err), -EINVAL);
	assert_int_equal(gmcsim_sites_parse(BLOCK(SITE_A), &sites, NULL, &err), -EINVAL);
	assert_null(sites);
	/* err is optional */
	assert_int_equal(gmcsim_sites_parse("{", &sites, &n, NULL), -EINVAL);
	assert_null(sites);
}

/* Every prefix of a valid file is refused without a crash (truncation). */
static void
test_parse_truncations(void **state)
{
	size_t n;
	const char *text = gmcsim_builtin_catalog[0].text;
	size_t len = strlen(text);
	char *buf = malloc(len + 1);

	(void)state;
	assert_non_null(buf);
	for (size_t cut = 0; cut < len; cut++) {
		struct gmcsim_site *sites = NULL;
		struct gmc_error err = { 0 };
		int rc;

		memcpy(buf, text, cut);
		buf[cut] = '\0';
		rc = gmcsim_sites_parse(buf, &sites, &n, &err);
		/* only the trailing newline may go */
		if (cut + 1 == len && rc == 0) {
			free(sites);
			continue;
		}
		assert_int_equal(rc, -EINVAL);
		assert_null(sites);
	}
	free(buf);
}

/* ------------------------------------------------------------------ */
/* gmcsim_site_applies                                                  */
/* ------------------------------------------------------------------ */

static struct gmcsim_site
site_gc(const char *gc, enum gmcsim_fw_load fw)
{
	struct gmcsim_site s;

	memset(&s, 0, sizeof(s));
	snprintf(s.gc, sizeof(s.gc), "%s", gc);
	s.fw_load = fw;
	return s;
}

static void
test_applies_gc(void **state)
{
	struct gmcsim_site s;

	(void)state;
	/* "" is every part */
	s = site_gc("", GMCSIM_FW_ANY);
	for (size_t a = 0; a < gmc_asic_count(); a++) {
		assert_true(gmcsim_site_applies(&s, gmc_asic_at(a), false));
		assert_true(gmcsim_site_applies(&s, gmc_asic_at(a), true));
	}
	/* an exact version: gc944 is 9.4.4, gc943 is 9.4.3 */
	s = site_gc("9.4.4", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, asic_get("gc944"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc943"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1100"), true));
	/* a major: vega10 9.0.1 and gc950 9.5.0 are 9.*, navi10 10.1.10 is not */
	s = site_gc("9.*", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, asic_get("vega10"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc950"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("navi10"), true));
	/* a minor: sienna_cichlid 10.3.0 and gc1037 10.3.7 are 10.3.*, navi10 10.1.10 is not */
	s = site_gc("10.3.*", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, asic_get("sienna_cichlid"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1037"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("navi10"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1100"), true));
	/* a list, with spaces: 11.* or 12.*, or exactly 9.4.2 */
	s = site_gc("11.*, 12.* ,9.4.2", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, asic_get("gc1100"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1150"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("gc1200"), true));
	assert_true(gmcsim_site_applies(&s, asic_get("aldebaran"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
	/* "*" alone is every part too */
	s = site_gc("*", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, asic_get("navi14"), true));
	/* a part nobody models matches nothing */
	s = site_gc("7.*", GMCSIM_FW_ANY);
	for (size_t a = 0; a < gmc_asic_count(); a++)
		assert_false(gmcsim_site_applies(&s, gmc_asic_at(a), false));
}

static void
test_applies_fw_load(void **state)
{
	const struct gmc_asic *gc944 = asic_get("gc944");
	struct gmcsim_site s;

	(void)state;
	/* a VF loads firmware through PSP: a direct-load site never exists there */
	s = site_gc("", GMCSIM_FW_DIRECT);
	assert_false(gmcsim_site_applies(&s, gc944, true));
	for (size_t a = 0; a < gmc_asic_count(); a++)
		assert_false(gmcsim_site_applies(&s, gmc_asic_at(a), true));
	/* bare metal may load directly (amdgpu.fw_load_type) */
	assert_true(gmcsim_site_applies(&s, gc944, false));
	/* PSP and "any" sites exist both ways */
	s = site_gc("", GMCSIM_FW_PSP);
	assert_true(gmcsim_site_applies(&s, gc944, true));
	assert_true(gmcsim_site_applies(&s, gc944, false));
	s = site_gc("", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, gc944, true));
	assert_true(gmcsim_site_applies(&s, gc944, false));
	/* both tests at once: the GC must match and the path must exist */
	s = site_gc("12.*", GMCSIM_FW_DIRECT);
	assert_true(gmcsim_site_applies(&s, asic_get("gc1200"), false));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1200"), true));
	assert_false(gmcsim_site_applies(&s, asic_get("gc1100"), false));
}

static void
test_applies_edges(void **state)
{
	struct gmcsim_site s;

	(void)state;
	assert_false(gmcsim_site_applies(NULL, asic_get("gc944"), true));
	/* no part: only a site for every part applies */
	s = site_gc("", GMCSIM_FW_ANY);
	assert_true(gmcsim_site_applies(&s, NULL, true));
	s = site_gc("9.*", GMCSIM_FW_ANY);
	assert_false(gmcsim_site_applies(&s, NULL, true));
	/* a hand-filled site with a malformed or unterminated pattern applies nowhere */
	s = site_gc("9.4", GMCSIM_FW_ANY);
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
	memset(s.gc, '9', sizeof(s.gc));
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
	/* one bad item spoils the list: no guessing which half was meant */
	s = site_gc("9.*,x", GMCSIM_FW_ANY);
	assert_false(gmcsim_site_applies(&s, asic_get("gc944"), true));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hook_names),
		cmocka_unit_test(test_cache_names),
		cmocka_unit_test(test_builtin_files_parse),
		cmocka_unit_test(test_catalog_at),
		cmocka_unit_test(test_catalog_block_order),
		cmocka_unit_test(test_builtin_sites),
		cmocka_unit_test(test_builtin_sites_all_checked),
		cmocka_unit_test(test_builtin_variants_partition_kernels),
		cmocka_unit_test(test_builtin_cites),
		cmocka_unit_test(test_builtin_specific_facts),
		cmocka_unit_test(test_builtin_direct_load),
		cmocka_unit_test(test_builtin_gc),
		cmocka_unit_test(test_parse_minimal),
		cmocka_unit_test(test_parse_doc_example),
		cmocka_unit_test(test_parse_variants),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_out_of_range),
		cmocka_unit_test(test_parse_bad_vocabulary),
		cmocka_unit_test(test_parse_bad_kernel_overrides),
		cmocka_unit_test(test_parse_null),
		cmocka_unit_test(test_parse_truncations),
		cmocka_unit_test(test_applies_gc),
		cmocka_unit_test(test_applies_fw_load),
		cmocka_unit_test(test_applies_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
