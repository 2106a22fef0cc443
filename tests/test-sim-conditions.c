/* SPDX-License-Identifier: MIT */
/*
 * The catalog's condition vocabulary (docs/catalog.md, /work/notes/CATALOG-V2.md):
 * for each key, flip the profile fact it reads and check that a site appears
 * or vanishes (gmcsim_site_presence()), and that the reason names the failing
 * condition; a few through a real run (gmcsim_run_add_site() and
 * gmcsim_run_execute()). Then the sites whose facts changed between kernels:
 * psp/tmr's domain and mes/resource_1's lifecycle.
 *
 * Facts: the research notes (catalog-psp-smu.md, catalog-gfx.md,
 * catalog-other.md, part-facts.md) and catalog-audit.md, cited at each test;
 * the built-in profiles' facts come from sim/profiles and the part defaults.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "test-util.h"

#include <gmc/gmcsim.h>

#define V GMC_IP_VERSION
#define USED GMCSIM_SITE_USED
#define NOT_CONSUMED GMCSIM_SITE_NOT_CONSUMED
#define ABSENT GMCSIM_SITE_ABSENT
#define K618 GMCSIM_KERNEL_6_18
#define K617 GMCSIM_KERNEL_6_17
#define K612 GMCSIM_KERNEL_6_12

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static struct gmcsim_profile
profile(const char *name)
{
	struct gmcsim_profile p;

	if (gmcsim_profile_builtin(name, &p) != 0)
		fail_msg("no built-in profile %s", name);
	return p;
}

/* @p base on part @p asic with the part's defaults (a VF keeps MCBP, amdgpu_device_set_mcbp). */
static struct gmcsim_profile
on_part(const char *base, const char *asic)
{
	struct gmcsim_profile p = profile(base);

	p.asic = asic_get(asic);
	assert_int_equal(gmcsim_part_defaults(p.asic, &p.ip, &p.driver), 0);
	if (p.params.sriov)
		p.driver.params |= GMCSIM_PARAM_MCBP;
	return p;
}

/* The built-in site @p block/@p name as kernel @p kernel sees it. */
static struct gmcsim_site
builtin(const char *block, const char *name, enum gmcsim_kernel kernel)
{
	struct gmcsim_site s;

	for (size_t i = 0; gmcsim_catalog_at(i, &s) == 0; i++) {
		if (strcmp(s.block, block) == 0 && strcmp(s.name, name) == 0 &&
		    (!s.kernels || (s.kernels & (1u << kernel))))
			return s;
	}
	fail_msg("no built-in %s/%s in kernel %s", block, name, gmcsim_kernel_name(kernel));
	return s;
}

/* A one-site block file with @p extra keys: a VRAM BO created in sw_init, used at resume. */
#define SITE_JSON(extra)                                                                           \
	"{ \"block\": \"x\", \"order\": 5, \"sites\": [ { \"name\": \"s\", \"create\": "           \
	"\"sw_init\", \"free_in\": \"sw_fini\", \"domain\": \"vram\", \"size\": 4096, \"cache\": " \
	"\"field\", \"addr\": \"mc\", \"consume\": [\"hw_init\", \"resume\"], " extra " } ] }"

static struct gmcsim_site
synthetic(const char *json)
{
	struct gmcsim_site *sites = NULL, s;
	struct gmc_error err = { 0 };
	size_t n = 0;

	if (gmcsim_sites_parse(json, &sites, &n, &err) != 0)
		fail_msg("%s: %s", json, err.message);
	assert_int_equal(n, 1);
	s = sites[0];
	free(sites);
	return s;
}

/*
 * @p site on @p p under @p kernel is @p want; when it is not USED, the reason
 * names @p needle (NULL: no reason checked).
 */
static void
expect_presence(const struct gmcsim_site *site, const struct gmcsim_profile *p,
		enum gmcsim_kernel kernel, enum gmcsim_presence want, const char *needle)
{
	char why[GMCSIM_TEXT_MAX * 4];
	enum gmcsim_presence got = gmcsim_site_presence(site, p, kernel, why, sizeof(why));

	if (got != want)
		fail_msg("%s/%s on %s (kernel %s): presence %d, want %d (%s)", site->block,
			 site->name, p->name, gmcsim_kernel_name(kernel), got, want, why);
	if (want == USED) {
		assert_string_equal(why, "");
		return;
	}
	if (needle && !strstr(why, needle))
		fail_msg("%s/%s on %s: the reason '%s' does not name '%s'", site->block, site->name,
			 p->name, why, needle);
}

/* ------------------------------------------------------------------ */
/* One test per key                                                     */
/* ------------------------------------------------------------------ */

/* sriov: psp_ras_initialize returns at once on a VF (catalog-psp-smu.md psp/ta_ras). */
static void
test_sriov(void **state)
{
	struct gmcsim_site ras = builtin("psp", "ta_ras", K618);
	struct gmcsim_site vf_only = synthetic(SITE_JSON("\"exists\": { \"sriov\": \"vf\" }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	expect_presence(&ras, &p, K618, ABSENT, "SR-IOV VF");
	expect_presence(&vf_only, &p, K618, USED, NULL);
	p.params.sriov = false;
	expect_presence(&ras, &p, K618, USED, NULL);
	expect_presence(&vf_only, &p, K618, ABSENT, "bare metal");
}

/*
 * vf_mode: smu_hw_init and smu_resume return in multi-VF mode
 * (amdgpu_sriov_multi_vf_mode); the driver table is still allocated in
 * sw_init, only never sent (catalog-psp-smu.md smu/driver_table).
 */
static void
test_vf_mode(void **state)
{
	struct gmcsim_site drv = builtin("smu", "driver_table", K618);
	struct gmcsim_site multi =
		synthetic(SITE_JSON("\"exists\": { \"vf_mode\": \"multi-vf\" }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	assert_true(p.driver.one_vf);
	expect_presence(&drv, &p, K618, USED, NULL);
	expect_presence(&multi, &p, K618, ABSENT, "multi-VF");
	p.driver.one_vf = false;
	expect_presence(&drv, &p, K618, NOT_CONSUMED, "one-VF");
	expect_presence(&multi, &p, K618, USED, NULL);
	/* the built-in multi-VF profile says the same */
	p = profile("gc944-mvf-node2");
	expect_presence(&drv, &p, K618, NOT_CONSUMED, "one-VF");
	/* bare metal is never in multi-VF mode: the table is sent */
	p = profile("aldebaran-a-a-node2");
	expect_presence(&drv, &p, K618, USED, NULL);
	expect_presence(&multi, &p, K618, ABSENT, "multi-VF");
}

/*
 * fw_load: a condition's and a site's own (v1) key. umsch/cmd_buf is handed to
 * PSP only on PSP load (amdgpu_umsch_mm_psp_execute_cmd_buf); its block exists
 * on bare metal VCN 4.0.5 (GC 11.5.0) with amdgpu_umsch_mm (catalog-other.md).
 */
static void
test_fw_load(void **state)
{
	struct gmcsim_site cmd = builtin("umsch", "cmd_buf", K618);
	struct gmcsim_site direct = synthetic(SITE_JSON("\"exists\": { \"fw_load\": \"direct\" }"));
	struct gmcsim_site direct_v1 = synthetic(SITE_JSON("\"fw_load\": \"direct\""));
	struct gmcsim_profile p = on_part("vega20-node1", "gc1150");

	(void)state;
	p.driver.params |= GMCSIM_PARAM_UMSCH_MM;
	assert_int_equal(p.driver.fw_load, GMCSIM_FW_PSP);
	expect_presence(&cmd, &p, K618, USED, NULL);
	expect_presence(&direct, &p, K618, ABSENT, "direct");
	expect_presence(&direct_v1, &p, K618, ABSENT, "direct");
	p.driver.fw_load = GMCSIM_FW_DIRECT;
	expect_presence(&cmd, &p, K618, NOT_CONSUMED, "psp");
	expect_presence(&direct, &p, K618, USED, NULL);
	expect_presence(&direct_v1, &p, K618, USED, NULL);
}

/*
 * mp0 and mp0_not: psp_early_init leaves boot_time_tmr set on MP0 13.0.14,
 * so no TMR BO (catalog-audit.md §4 L1); on 13.0.2 (Aldebaran) it exists,
 * and a >= 6.18 VF with MP0 >= 11.0.7 never sends SETUP_TMR (psp_skip_tmr).
 */
static void
test_mp0(void **state)
{
	struct gmcsim_site tmr = builtin("psp", "tmr", K618);
	struct gmcsim_site only = synthetic(SITE_JSON("\"exists\": { \"mp0\": [\"13.0.14\"] }"));
	struct gmcsim_site minor = synthetic(SITE_JSON("\"exists\": { \"mp0\": [\"13.0.*\"] }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	assert_int_equal(p.ip.mp0, V(13, 0, 14));
	expect_presence(&tmr, &p, K618, ABSENT, "MP0 13.0.14");
	expect_presence(&only, &p, K618, USED, NULL);
	expect_presence(&minor, &p, K618, USED, NULL);
	p.ip.mp0 = V(13, 0, 2);
	expect_presence(&tmr, &p, K618, NOT_CONSUMED, "MP0 13.0.2");
	expect_presence(&only, &p, K618, ABSENT, "MP0 13.0.2");
	expect_presence(&minor, &p, K618, USED, NULL);
	p.ip.mp0 = V(14, 0, 2);
	expect_presence(&tmr, &p, K618, ABSENT, "MP0 14.0.2");
	expect_presence(&minor, &p, K618, ABSENT, "MP0 14.0.2");
	/* no MP0 version known: a list that needs one does not hold */
	p.ip.mp0 = 0;
	expect_presence(&only, &p, K618, ABSENT, "MP0");
}

/*
 * mp1 and mp1_not: smu_v13_0_6_ppt.c does not mark SetToolsDramAddr VF-valid
 * (MP1 13.0.6/12/14): the tool table is never sent by such a VF; another MP1
 * in one-VF mode sends it.
 */
static void
test_mp1(void **state)
{
	struct gmcsim_site tool = builtin("smu", "tool_table", K618);
	struct gmcsim_site only = synthetic(SITE_JSON("\"exists\": { \"mp1\": [\"13.0.14\"] }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	assert_int_equal(p.ip.mp1, V(13, 0, 14));
	expect_presence(&tool, &p, K618, NOT_CONSUMED, "MP1 13.0.14");
	expect_presence(&only, &p, K618, USED, NULL);
	p.ip.mp1 = V(13, 0, 0);
	expect_presence(&tool, &p, K618, USED, NULL);
	expect_presence(&only, &p, K618, ABSENT, "MP1 13.0.0");
}

/* vcn and jpeg: the multimedia block versions (UMSCH needs VCN 4.0.5/4.0.6). */
static void
test_vcn_jpeg(void **state)
{
	struct gmcsim_site vcn = synthetic(SITE_JSON("\"exists\": { \"vcn\": [\"4.0.3\"] }"));
	struct gmcsim_site jpeg = synthetic(SITE_JSON("\"exists\": { \"jpeg\": [\"4.0.*\"] }"));
	struct gmcsim_site umsch = builtin("umsch", "log", K618);
	struct gmcsim_profile p = profile("gc944-vf-node2");
	struct gmcsim_profile apu = on_part("vega20-node1", "gc1150");

	(void)state;
	expect_presence(&vcn, &p, K618, USED, NULL);
	expect_presence(&jpeg, &p, K618, USED, NULL);
	p.ip.vcn = V(5, 0, 1);
	p.ip.jpeg = V(5, 0, 1);
	expect_presence(&vcn, &p, K618, ABSENT, "VCN 5.0.1");
	expect_presence(&jpeg, &p, K618, ABSENT, "JPEG 5.0.1");
	/* a part without the block (Vega20: UVD/VCE) */
	p.ip.vcn = 0;
	p.ip.jpeg = 0;
	expect_presence(&vcn, &p, K618, ABSENT, "no VCN");
	expect_presence(&jpeg, &p, K618, ABSENT, "no JPEG");
	/* amdgpu_discovery_set_umsch_mm_ip_blocks: VCN 4.0.5 (GC 11.5.0) with the parameter */
	apu.driver.params |= GMCSIM_PARAM_UMSCH_MM;
	expect_presence(&umsch, &apu, K618, USED, NULL);
	apu.ip.vcn = V(4, 0, 0);
	expect_presence(&umsch, &apu, K618, ABSENT, "VCN 4.0.0");
}

/*
 * pg: amdgpu_vcn_sw_init creates the DPG SRAM only with PSP load and
 * AMD_PG_SUPPORT_VCN_DPG, which soc15_common_early_init sets on GC 9.4.4 and
 * amdgpu_virt_init_setting clears on every VF (catalog-audit.md §2.1);
 * JPEG_DPG only on GC 11.5.0 among the modelled parts (part-facts.md).
 */
static void
test_pg(void **state)
{
	struct gmcsim_site vcn = builtin("vcn", "dpg_sram", K618);
	struct gmcsim_site jpeg = builtin("jpeg", "dpg_sram", K618);
	struct gmcsim_profile p = profile("gc944-vf-node2");
	struct gmcsim_profile apu = on_part("vega20-node1", "gc1150");

	(void)state;
	assert_true(p.ip.pg & GMCSIM_PG_VCN_DPG);
	expect_presence(&vcn, &p, K618, ABSENT, "VF");
	p.params.sriov = false;
	expect_presence(&vcn, &p, K618, USED, NULL);
	p.ip.pg = 0;
	expect_presence(&vcn, &p, K618, ABSENT, "vcn_dpg");
	/* GC 11.5.0 bare metal: VCN_DPG | JPEG_DPG (soc21_common_early_init) */
	assert_int_equal(apu.ip.pg, GMCSIM_PG_VCN_DPG | GMCSIM_PG_JPEG_DPG);
	expect_presence(&jpeg, &apu, K618, USED, NULL);
	apu.ip.pg = GMCSIM_PG_VCN_DPG;
	expect_presence(&jpeg, &apu, K618, ABSENT, "jpeg_dpg");
}

/*
 * display: psp_hdcp_initialize returns early without display hardware
 * (amdgpu_device_has_display_hardware; GC 11.0.0 has DCN 3.2.0).
 */
static void
test_display(void **state)
{
	struct gmcsim_site hdcp = builtin("psp", "ta_hdcp", K618);
	struct gmcsim_site none = synthetic(SITE_JSON("\"exists\": { \"display\": false }"));
	struct gmcsim_profile p = profile("gc1100-vf-a");

	(void)state;
	p.params.sriov = false;
	p.driver.one_vf = false;
	assert_true(p.ip.display);
	expect_presence(&hdcp, &p, K618, USED, NULL);
	expect_presence(&none, &p, K618, ABSENT, "without display");
	p.ip.display = false;
	expect_presence(&hdcp, &p, K618, ABSENT, "display hardware");
	expect_presence(&none, &p, K618, USED, NULL);
}

/*
 * apu: a fact of the part (AMD_IS_APU in amdgpu_discovery_set_ip_blocks), so
 * the flip is a change of part: Renoir (9.3.0) is an APU, Vega20 is not.
 * smu_v13_0_6_tables_init declares no tool table on an APU.
 */
static void
test_apu(void **state)
{
	struct gmcsim_site apu_only = synthetic(SITE_JSON("\"exists\": { \"apu\": true }"));
	struct gmcsim_site dgpu = synthetic(SITE_JSON("\"exists\": { \"apu\": false }"));
	struct gmcsim_profile renoir = on_part("vega20-node1", "renoir");
	struct gmcsim_profile vega20 = profile("vega20-node1");

	(void)state;
	expect_presence(&apu_only, &renoir, K618, USED, NULL);
	expect_presence(&dgpu, &renoir, K618, ABSENT, "APU");
	expect_presence(&apu_only, &vega20, K618, ABSENT, "APU");
	expect_presence(&dgpu, &vega20, K618, USED, NULL);
}

/*
 * hive: amdgpu_device_ip_init calls amdgpu_xgmi_add_device (and with it the
 * XGMI TA's shared buffer) only when num_physical_nodes > 1; on a VF, fw_pri
 * is read only by that TA's load. XGMI_LFB_CNTL 0x02 has PF_MAX_REGION 0:
 * XGMI disabled, no nodes (gmc-address-math.md §2).
 */
static void
test_hive(void **state)
{
	struct gmcsim_site xgmi = builtin("psp", "ta_xgmi", K618);
	struct gmcsim_site fw_pri = builtin("psp", "fw_pri", K618);
	struct gmcsim_site single = synthetic(SITE_JSON("\"exists\": { \"hive\": \"single\" }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	expect_presence(&xgmi, &p, K618, USED, NULL);
	expect_presence(&fw_pri, &p, K618, USED, NULL);
	expect_presence(&single, &p, K618, ABSENT, "single node");
	p.regs.value[GMC_REG_XGMI_LFB_CNTL] = 0x02;
	expect_presence(&xgmi, &p, K618, ABSENT, "hive");
	/* both alternatives fail: bare metal, or a hive; the reason names each */
	expect_presence(&fw_pri, &p, K618, NOT_CONSUMED, "bare metal");
	expect_presence(&fw_pri, &p, K618, NOT_CONSUMED, "; or ");
	expect_presence(&fw_pri, &p, K618, NOT_CONSUMED, "hive");
	expect_presence(&single, &p, K618, USED, NULL);
}

/*
 * params: amdgpu_mes_event_log_init returns unless amdgpu_mes_log_enable;
 * smu_alloc_memory_pool unless smu_memory_pool_size; the static CSA needs
 * MCBP (forced on a VF, amdgpu_device_set_mcbp; amdgpu.mcbp on bare metal).
 */
static void
test_params(void **state)
{
	struct gmcsim_site log = builtin("mes", "event_log", K618);
	struct gmcsim_site pool = builtin("smu", "memory_pool", K618);
	struct gmcsim_site csa = builtin("gfx", "csa", K618);
	struct gmcsim_profile p = profile("gc1100-vf-a");
	struct gmcsim_profile bm = profile("vega20-node1");

	(void)state;
	expect_presence(&log, &p, K618, ABSENT, "mes_log_enable");
	expect_presence(&pool, &p, K618, ABSENT, "smu_memory_pool_size");
	p.driver.params |= GMCSIM_PARAM_MES_LOG_ENABLE | GMCSIM_PARAM_SMU_MEMORY_POOL_SIZE;
	expect_presence(&log, &p, K618, USED, NULL);
	/* the pool exists; a multi-VF VF never sends its address (smu_hw_init returns) */
	expect_presence(&pool, &p, K618, NOT_CONSUMED, "one-VF");
	/* CSA: bare metal without amdgpu.mcbp has none; with it, it does */
	expect_presence(&csa, &bm, K618, ABSENT, "mcbp");
	bm.driver.params |= GMCSIM_PARAM_MCBP;
	expect_presence(&csa, &bm, K618, USED, NULL);
}

/*
 * host: 6.14.9's mes_v11_0_hw_init creates resource_1 only when the host
 * offers mes_info (amdgpu_sriov_is_mes_info_enable, catalog-other.md): the
 * 6.12 variant needs that feature.
 */
static void
test_host(void **state)
{
	struct gmcsim_site old = builtin("mes", "resource_1", K612);
	struct gmcsim_profile p = profile("gc1100-vf-a");

	(void)state;
	expect_presence(&old, &p, K612, ABSENT, "mes_info");
	p.driver.host |= GMCSIM_HOST_MES_INFO;
	expect_presence(&old, &p, K612, USED, NULL);
	/* and a VF only (pf2vf) */
	p.params.sriov = false;
	expect_presence(&old, &p, K612, ABSENT, "SR-IOV VF");
}

/*
 * fw_min: gfx_v9_4_3_sw_init enables the cleaner shader on 9.4.3/9.4.4 only
 * with MEC firmware >= 153 (catalog-gfx.md gfx/cleaner_shader).
 */
static void
test_fw_min(void **state)
{
	struct gmcsim_site cs = builtin("gfx", "cleaner_shader", K618);
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	/* a profile that states no version is taken to have current firmware */
	assert_int_equal(p.driver.fw[GMCSIM_FW_MEC], GMCSIM_FW_CURRENT);
	expect_presence(&cs, &p, K618, USED, NULL);
	p.driver.fw[GMCSIM_FW_MEC] = 152;
	expect_presence(&cs, &p, K618, ABSENT, "mec");
	expect_presence(&cs, &p, K618, ABSENT, "153");
	p.driver.fw[GMCSIM_FW_MEC] = 153;
	expect_presence(&cs, &p, K618, USED, NULL);
}

/*
 * The cleaner shader by kernel: 6.18's gfx_v10_0_sw_init creates it on GC
 * 10.3.0 with current firmware, 6.12.118's does not (there only
 * gfx_v9_0_sw_init for 9.4.2 and gfx_v9_4_3_sw_init for 9.4.3/9.4.4 do,
 * read in Debian's linux-source-6.12); on GC 9.4.4 both kernels create it.
 */
static void
test_cleaner_shader_by_kernel(void **state)
{
	struct gmcsim_site new_cs = builtin("gfx", "cleaner_shader", K618);
	struct gmcsim_site old_cs = builtin("gfx", "cleaner_shader", K612);
	struct gmcsim_profile navi21 = profile("navi21-vf-a"), gc944 = profile("gc944-vf-node2");

	(void)state;
	expect_presence(&new_cs, &navi21, K618, USED, NULL);
	expect_presence(&old_cs, &navi21, K612, ABSENT, "GC 10.3.0");
	expect_presence(&new_cs, &gc944, K618, USED, NULL);
	expect_presence(&old_cs, &gc944, K612, USED, NULL);
}

/*
 * gc: a condition's own GC pattern. gfxhub_v1_2/mmhub_v1_8 skip the system
 * aperture on a 9.4.x VF; gfxhub_v3_0 writes it on a GC 11.0.0 VF
 * (catalog-other.md gmc/mem_scratch).
 */
static void
test_gc(void **state)
{
	struct gmcsim_site scratch = builtin("gmc", "mem_scratch", K618);
	struct gmcsim_site only = synthetic(SITE_JSON("\"exists\": { \"gc\": \"9.4.4\" }"));
	struct gmcsim_profile gc944 = profile("gc944-vf-node2");
	struct gmcsim_profile gc943 = profile("gc943-vf-node2");
	struct gmcsim_profile gc1100 = profile("gc1100-vf-a");

	(void)state;
	expect_presence(&only, &gc944, K618, USED, NULL);
	expect_presence(&only, &gc943, K618, ABSENT, "GC 9.4.3");
	expect_presence(&scratch, &gc944, K618, NOT_CONSUMED, "GC 9.4.4");
	expect_presence(&scratch, &gc1100, K618, USED, NULL);
}

/*
 * Version comparisons: >= 6.18's psp_skip_tmr skips SETUP_TMR on a VF for
 * every MP0 >= 11.0.7 (catalog-psp-smu.md), the catalog's "<11.0.7".
 * Arcturus (MP0 11.0.4) still sends it.
 */
static void
test_version_comparisons(void **state)
{
	struct gmcsim_site tmr = builtin("psp", "tmr", K618);
	struct gmcsim_site ge = synthetic(SITE_JSON("\"exists\": { \"mp0\": [\">=13.0.12\"] }"));
	struct gmcsim_site le = synthetic(SITE_JSON("\"exists\": { \"mp0\": [\"<=11.0.7\"] }"));
	struct gmcsim_site gt = synthetic(SITE_JSON("\"exists\": { \"mp0\": [\">13.0.12\"] }"));
	struct gmcsim_profile p = profile("gc944-vf-node2");

	(void)state;
	p.ip.mp0 = V(11, 0, 4);
	expect_presence(&tmr, &p, K618, USED, NULL);
	expect_presence(&le, &p, K618, USED, NULL);
	expect_presence(&ge, &p, K618, ABSENT, ">=13.0.12");
	p.ip.mp0 = V(11, 0, 7);
	expect_presence(&tmr, &p, K618, NOT_CONSUMED, "<11.0.7");
	expect_presence(&le, &p, K618, USED, NULL);
	p.ip.mp0 = V(13, 0, 12);
	expect_presence(&ge, &p, K618, USED, NULL);
	expect_presence(&gt, &p, K618, ABSENT, ">13.0.12");
	expect_presence(&le, &p, K618, ABSENT, "<=11.0.7");
	p.ip.mp0 = V(13, 0, 14);
	expect_presence(&gt, &p, K618, USED, NULL);
}

/* ------------------------------------------------------------------ */
/* Through a real run                                                   */
/* ------------------------------------------------------------------ */

struct run_result {
	struct gmcsim_finding f[64];
	size_t n;
};

/* Run @p sites on @p from -> @p to under @p fix at the hibernation point. */
static void
run_sites_fix(const struct gmcsim_profile *from, const struct gmcsim_profile *to,
	      const struct gmcsim_site *sites, size_t n_sites, enum gmcsim_kernel kernel,
	      enum gmcsim_fix fix, struct run_result *out)
{
	struct gmcsim_config cfg = {
		.from = from, .to = to, .fix = fix, .cycles = 1, .kernel = kernel
	};
	struct gmc_error err = { 0 };
	struct gmcsim_run *run;

	assert_int_equal(gmcsim_swap_parse("after-suspend", &cfg.swap), 0);
	assert_int_equal(gmcsim_run_new(&cfg, &run, &err), 0);
	for (size_t i = 0; i < n_sites; i++)
		assert_int_equal(gmcsim_run_add_site(run, &sites[i]), 0);
	if (gmcsim_run_execute(run, &err) != 0)
		fail_msg("run failed: %s", err.message);
	out->n = gmcsim_run_finding_count(run);
	assert_true(out->n <= sizeof(out->f) / sizeof(out->f[0]));
	for (size_t i = 0; i < out->n; i++)
		out->f[i] = *gmcsim_run_finding_at(run, i);
	gmcsim_run_free(run);
}

/* Run @p sites on @p from -> @p to under `none` at the hibernation point. */
static void
run_sites(const struct gmcsim_profile *from, const struct gmcsim_profile *to,
	  const struct gmcsim_site *sites, size_t n_sites, enum gmcsim_kernel kernel,
	  struct run_result *out)
{
	run_sites_fix(from, to, sites, n_sites, kernel, GMCSIM_FIX_NONE, out);
}

static bool
has(const struct run_result *r, const char *block, const char *site, enum gmcsim_finding_kind kind)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->f[i].kind == kind && strcmp(r->f[i].block, block) == 0 &&
		    strcmp(r->f[i].site, site) == 0)
			return true;
	}
	return false;
}

static size_t
count_site(const struct run_result *r, const char *block, const char *site)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += strcmp(r->f[i].block, block) == 0 && strcmp(r->f[i].site, site) == 0;
	return n;
}

/*
 * sriov through a run: on the gc944 node move (FB layout before 6.17, VRAM
 * moves by 3 segments) the RAS TA's kept address goes stale on bare metal
 * and does not exist on a VF.
 */
static void
test_run_sriov(void **state)
{
	struct gmcsim_site ras = builtin("psp", "ta_ras", K618);
	struct gmcsim_profile a = profile("gc944-vf-node2"), b = profile("gc944-vf-node5");
	struct run_result r;

	(void)state;
	run_sites(&a, &b, &ras, 1, K618, &r);
	assert_int_equal(count_site(&r, "psp", "ta_ras"), 0);
	a.params.sriov = b.params.sriov = false;
	a.driver.one_vf = b.driver.one_vf = false;
	run_sites(&a, &b, &ras, 1, K618, &r);
	assert_true(has(&r, "psp", "ta_ras", GMCSIM_STALE_MC));
	assert_true(has(&r, "psp", "ta_ras", GMCSIM_CROSS_SEGMENT));
}

/*
 * pdb0: amdgpu_gmc_is_pdb0_enabled() (amdgpu_gmc.c, 6.17) is connected_to_cpu
 * or amdgpu_virt_xgmi_migrate_enabled(); 6.12's gmc_v9_0_gart_init() calls
 * amdgpu_gmc_pdb0_alloc() only when connected_to_cpu. So the built-in
 * gmc/pdb0 exists on the Aldebaran A+A profile (connected_to_cpu) under every
 * kernel, and on a gc944 or gc943 VF only while the gate is open: never under
 * gmcsim_site_presence(), which asks with the gate closed. A site kept as a
 * physical address (pa moves with vram_base_offset, 3 segments on this pair,
 * in the 6.17 migrate layout too) shows the gate through a run: no finding
 * under `none` (absent), a stale-pa under `upstream` (gate open, present).
 */
static void
test_pdb0(void **state)
{
	struct gmcsim_site pdb0 = builtin("gmc", "pdb0", K618);
	struct gmcsim_site kept = synthetic(SITE_JSON("\"exists\": { \"pdb0\": true }"));
	struct gmcsim_site off = synthetic(SITE_JSON("\"exists\": { \"pdb0\": false }"));
	struct gmcsim_profile a = profile("gc944-vf-node2"), b = profile("gc944-vf-node5");
	struct gmcsim_profile aa = profile("aldebaran-a-a-node2");
	struct gmcsim_profile gc943 = profile("gc943-vf-node2");
	struct run_result r;

	(void)state;
	expect_presence(&pdb0, &a, K618, ABSENT, "amdgpu_gmc_is_pdb0_enabled");
	expect_presence(&pdb0, &gc943, K618, ABSENT, "gate is closed");
	for (unsigned k = 0; k < GMCSIM_KERNEL_COUNT; k++)
		expect_presence(&pdb0, &aa, (enum gmcsim_kernel)k, USED, NULL);
	expect_presence(&off, &a, K618, USED, NULL);
	expect_presence(&off, &aa, K618, ABSENT, "PDB0 off");

	kept.addr = GMC_ADDR_PA;
	run_sites_fix(&a, &b, &kept, 1, K618, GMCSIM_FIX_NONE, &r);
	assert_int_equal(count_site(&r, "x", "s"), 0);
	run_sites_fix(&a, &b, &kept, 1, K618, GMCSIM_FIX_UPSTREAM, &r);
	assert_true(has(&r, "x", "s", GMCSIM_STALE_PA));
	/* the same site without the condition is there under `none` too */
	kept.n_exists = 0;
	run_sites_fix(&a, &b, &kept, 1, K618, GMCSIM_FIX_NONE, &r);
	assert_true(has(&r, "x", "s", GMCSIM_STALE_PA));
}

/* vf_mode and fw_min through a run: the driver table and the cleaner shader. */
static void
test_run_vf_mode_fw_min(void **state)
{
	struct gmcsim_site sites[] = { builtin("smu", "driver_table", K618),
				       builtin("gfx", "cleaner_shader", K618) };
	struct gmcsim_profile a = profile("gc944-vf-node2"), b = profile("gc944-vf-node5");
	struct run_result r;

	(void)state;
	run_sites(&a, &b, sites, 2, K618, &r);
	assert_true(has(&r, "smu", "driver_table", GMCSIM_STALE_MC));
	assert_true(has(&r, "gfx", "cleaner_shader", GMCSIM_STALE_MC));
	/* multi-VF: the table exists but is never sent; MEC 152: no cleaner shader */
	a.driver.one_vf = b.driver.one_vf = false;
	a.driver.fw[GMCSIM_FW_MEC] = b.driver.fw[GMCSIM_FW_MEC] = 152;
	run_sites(&a, &b, sites, 2, K618, &r);
	assert_int_equal(count_site(&r, "smu", "driver_table"), 0);
	assert_int_equal(count_site(&r, "gfx", "cleaner_shader"), 0);
}

/*
 * An unconsumed site keeps its lifecycle (docs/catalog.md: the BO is still
 * created, pinned and freed): two sites used only on bare metal, one created
 * again on resume without a free (P2: pin-leak, then release-pinned at fini)
 * and one kept from sw_init (P3: stale after the node move). On a VF the P2
 * warnings stay and the P3 address finding goes.
 */
static void
test_run_not_consumed_keeps_lifecycle(void **state)
{
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	struct gmcsim_profile a = profile("gc944-vf-node2"), b = profile("gc944-vf-node5");
	struct run_result r;
	size_t n = 0;

	(void)state;
	assert_int_equal(
		gmcsim_sites_parse(
			"{ \"block\": \"x\", \"order\": 5, \"sites\": [ "
			"{ \"name\": \"p2\", \"create\": \"hw_init\", \"recreate_on_resume\": "
			"true, \"free_in\": \"sw_fini\", \"domain\": \"vram\", \"size\": 4096, "
			"\"cache\": \"field\", \"addr\": \"mc\", \"consume\": [\"hw_init\", "
			"\"resume\"], \"consumed\": { \"sriov\": \"bare-metal\" } }, "
			"{ \"name\": \"p3\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", "
			"\"domain\": \"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": "
			"\"mc\", \"consume\": [\"hw_init\", \"resume\"], \"consumed\": "
			"{ \"sriov\": \"bare-metal\" } } ] }",
			&sites, &n, &err),
		0);
	assert_int_equal(n, 2);
	run_sites(&a, &b, sites, n, K618, &r);
	assert_true(has(&r, "x", "p2", GMCSIM_PIN_LEAK));
	assert_true(has(&r, "x", "p2", GMCSIM_RELEASE_PINNED));
	assert_int_equal(count_site(&r, "x", "p3"), 0);
	a.params.sriov = b.params.sriov = false;
	a.driver.one_vf = b.driver.one_vf = false;
	run_sites(&a, &b, sites, n, K618, &r);
	assert_true(has(&r, "x", "p2", GMCSIM_PIN_LEAK));
	assert_true(has(&r, "x", "p2", GMCSIM_RELEASE_PINNED));
	assert_true(has(&r, "x", "p3", GMCSIM_STALE_MC));
	free(sites);
}

/* ------------------------------------------------------------------ */
/* Kernel variants                                                      */
/* ------------------------------------------------------------------ */

/*
 * psp/tmr: psp_tmr_init allocates VRAM in 6.17 (AMDGPU_HAS_VRAM ? VRAM :
 * GTT on a dGPU) and GTT|VRAM in >= 6.18 trees (catalog-psp-smu.md, audit H5).
 * Each variant is present only under its kernel; on Vega20 (MP0 11.0.2, bare
 * metal) it exists and is used under every kernel.
 */
static void
test_kernel_tmr_domain(void **state)
{
	struct gmcsim_site k18 = builtin("psp", "tmr", K618);
	struct gmcsim_site k17 = builtin("psp", "tmr", K617);
	struct gmcsim_site k12 = builtin("psp", "tmr", K612);
	struct gmcsim_profile p = profile("vega20-node1");
	struct gmcsim_profile a = profile("vega20-node1"), b = profile("vega20-node3");
	struct run_result r;

	(void)state;
	assert_int_equal(k18.domain, GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT);
	assert_int_equal(k17.domain, GMC_DOMAIN_VRAM);
	assert_int_equal(k12.domain, GMC_DOMAIN_VRAM);
	expect_presence(&k18, &p, K618, USED, NULL);
	expect_presence(&k18, &p, K617, ABSENT, "kernel 6.17");
	expect_presence(&k17, &p, K617, USED, NULL);
	expect_presence(&k17, &p, K618, ABSENT, "kernel 6.18");
	expect_presence(&k12, &p, K612, USED, NULL);
	/*
	 * Either way the BO lands in VRAM (VRAM is preferred) and SETUP_TMR
	 * carries the kept MC next to a fresh PA: mixed-stale after node 1 -> 3.
	 * The run under one kernel takes only that kernel's variant.
	 */
	{
		struct gmcsim_site all[] = { k18, k17, k12 };

		for (unsigned k = 0; k < GMCSIM_KERNEL_COUNT; k++) {
			run_sites(&a, &b, all, 3, (enum gmcsim_kernel)k, &r);
			assert_true(has(&r, "psp", "tmr", GMCSIM_MIXED_STALE));
			assert_false(has(&r, "psp", "tmr", GMCSIM_PIN_LEAK));
		}
	}
}

/*
 * mes/resource_1: 6.17's mes_v11_0_sw_init creates it and sw_fini frees it
 * (P3: the kept address goes stale when the FB moves); 6.14.9 created it in
 * set_hw_resources_1 on the hw path of a VF with mes_info and freed it in
 * hw_fini, which suspend calls (P1: WARN_ON(in_suspend), created again with
 * a fresh address). The gc1100 pair moves the FB by 16 GiB.
 */
static void
test_kernel_resource_1_lifecycle(void **state)
{
	struct gmcsim_site k17 = builtin("mes", "resource_1", K617);
	struct gmcsim_site k12 = builtin("mes", "resource_1", K612);
	struct gmcsim_site all[] = { k17, k12 };
	struct gmcsim_profile a = profile("gc1100-vf-a"), b = profile("gc1100-vf-b");
	struct run_result r;

	(void)state;
	/* presence and facts per kernel */
	assert_int_equal(k17.create, GMCSIM_HOOK_SW_INIT);
	assert_int_equal(k17.free_in, GMCSIM_HOOK_SW_FINI);
	assert_false(k17.recreate_on_resume);
	assert_int_equal(k12.create, GMCSIM_HOOK_HW_INIT);
	assert_int_equal(k12.free_in, GMCSIM_HOOK_SUSPEND);
	assert_true(k12.recreate_on_resume);
	assert_true(builtin("mes", "resource_1", K618).kernels == k17.kernels);
	expect_presence(&k17, &a, K618, USED, NULL);
	expect_presence(&k17, &a, K617, USED, NULL);
	expect_presence(&k17, &a, K612, ABSENT, "kernel 6.12");
	expect_presence(&k12, &a, K617, ABSENT, "kernel 6.17");

	/* 6.17 and 6.18: created in sw_init, kept: stale after the move, no WARN */
	for (unsigned k = 0; k < 2; k++) {
		enum gmcsim_kernel kernel = k ? K617 : K618;

		run_sites(&a, &b, all, 2, kernel, &r);
		assert_true(has(&r, "mes", "resource_1", GMCSIM_STALE_MC));
		assert_false(has(&r, "mes", "resource_1", GMCSIM_FREE_IN_SUSPEND));
	}
	/* 6.12 without the host's mes_info: no such BO at all */
	run_sites(&a, &b, all, 2, K612, &r);
	assert_int_equal(count_site(&r, "mes", "resource_1"), 0);
	/* 6.12 with it: freed in suspend (WARN), created again on resume: fresh */
	a.driver.host = b.driver.host = GMCSIM_HOST_MES_INFO;
	run_sites(&a, &b, all, 2, K612, &r);
	assert_true(has(&r, "mes", "resource_1", GMCSIM_FREE_IN_SUSPEND));
	assert_false(has(&r, "mes", "resource_1", GMCSIM_STALE_MC));
	assert_false(has(&r, "mes", "resource_1", GMCSIM_USE_AFTER_FREE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sriov),
		cmocka_unit_test(test_vf_mode),
		cmocka_unit_test(test_fw_load),
		cmocka_unit_test(test_mp0),
		cmocka_unit_test(test_mp1),
		cmocka_unit_test(test_vcn_jpeg),
		cmocka_unit_test(test_pg),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_apu),
		cmocka_unit_test(test_hive),
		cmocka_unit_test(test_pdb0),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_fw_min),
		cmocka_unit_test(test_cleaner_shader_by_kernel),
		cmocka_unit_test(test_gc),
		cmocka_unit_test(test_version_comparisons),
		cmocka_unit_test(test_run_sriov),
		cmocka_unit_test(test_run_vf_mode_fw_min),
		cmocka_unit_test(test_run_not_consumed_keeps_lifecycle),
		cmocka_unit_test(test_kernel_tmr_domain),
		cmocka_unit_test(test_kernel_resource_1_lifecycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
