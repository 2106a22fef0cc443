/* SPDX-License-Identifier: MIT */
/*
 * What `gmcsim check` reports on each built-in pair under each fix strategy
 * (default swap point after-suspend, one cycle, kernel 6.18, every built-in
 * block): the exact set of (block/site, finding kind), each entry with the
 * reason it is there, and the sites that must not appear, each with the
 * reason it is absent or unconsumed on the part.
 *
 * Every expectation is derived by hand from the catalog's facts
 * (the block files in sim/catalog), the research notes (/work/notes/catalog-*.md,
 * part-facts.md), the audit and the reference (catalog-audit.md,
 * gmc-address-math.md, upstream-history.md) and the model's documented
 * semantics, never from the program's output:
 *
 * - Layouts (gmc-address-math.md §3, §4.1, §4.2, §6). Before the 6.17 series
 *   (none, rfc, rfc-all, p2-pinfix) a GC 9.4.x VF uses the FB layout:
 *   vram_start = fb_start + node x segment, GART at 0 on every node (BEST_FIT
 *   below the hive-wide FB). `upstream` opens the migrate gate only on a GC
 *   9.4.4 VF (amdgpu_device_ip_early_init): vram_start 0 on every node, so a
 *   kept MC address stays right; everywhere else `upstream` behaves as `none`.
 * - A kept VRAM MC address (cache field/derived) is stale after the swap when
 *   vram_start moved; `rfc-all` re-reads it before every resume consumer
 *   (amdgpu_bo_get_pinned_gpu_addr); `rfc` only in umsch_mm_resume
 *   (upstream-history.md §1 patch 2). GTT addresses never move: gart_start is
 *   the same on both vGPUs of every pair.
 * - A kept MC address in an XGMI hive also lands in the boot node's segment,
 *   another VM's memory after the move: cross-segment on top.
 * - MQD contents restored from the CPU backup (cache content) are never
 *   re-derived: rfc-all's helper does not reach them (catalog-audit.md §2.2).
 * - PTEs of a pinned BO hold its physical address: stale when
 *   vram_base_offset moved, whatever the strategy (bo-lifecycle §C.4).
 * - The driver's own gmc fields: RFC patch 1 recomputes the layout on a VF
 *   with XGMI (not connected to the CPU) whose node id changed; `upstream`
 *   recomputes vram_base_offset and restores MSI-X (amdgpu_virt_resume).
 * - The RFC's patterns (upstream-history.md §1): pattern 1 frees in suspend
 *   (free-in-suspend), pattern 2 is created again without a free (pin-leak,
 *   then release-pinned at fini) except under p2-pinfix, pattern 3 keeps its
 *   sw_init address.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gmc/gmcsim.h>

#include "sim-plan.h"

/* Strategy masks. */
#define NONE (1u << GMCSIM_FIX_NONE)
#define RFC (1u << GMCSIM_FIX_RFC)
#define RFC_ALL (1u << GMCSIM_FIX_RFC_ALL)
#define P2FIX (1u << GMCSIM_FIX_P2_PINFIX)
#define UP (1u << GMCSIM_FIX_UPSTREAM)
#define ALL (NONE | RFC | RFC_ALL | P2FIX | UP)

/* What `rfc-all`'s helper fixes and nothing before it does. */
#define KEPT_GATE (NONE | RFC | P2FIX)	      /* ... and 6.17 fixes too (gc944 gate open) */
#define KEPT_NOGATE (NONE | RFC | P2FIX | UP) /* ... and the gate is closed */

/* One expected finding: the site, its kind, the strategies it appears under, why. */
struct row {
	const char *site; /* "block/site" */
	const char *kind;
	unsigned fixes;
	const char *why;
};

/* A site that must not appear in any finding, and why. */
struct absent {
	const char *site;
	const char *why;
};

/* clang-format off */
/* ------------------------------------------------------------------ */
/* Shared rows                                                          */
/* ------------------------------------------------------------------ */

/* A kept VRAM MC address in a hive: stale, and in the boot node's segment. */
#define HIVE_FIELD(site, mask, why) \
	{ site, "stale-mc", mask, why }, \
	{ site, "cross-segment", mask, "in the boot node's segment: " why }

/*
 * The PSP sites on a GC 9.4.x VF in a hive (catalog-psp-smu.md, "What this
 * means for a GC 9.4.4 VF"): fw_pri, fence_buf, cmd_buf (psp_sw_init),
 * km_ring (psp_ring_init), the XGMI TA buffer (hive of 8), ucode fw_buf and
 * its derived mc_addr (VRAM on a VF, amdgpu_ucode_create_bo), all cached MC,
 * all refreshed by 6.17 (psp_update_gpu_addresses, psp_ta_load,
 * amdgpu_ucode_init_bo) but by nothing before it.
 */
#define PSP_VF_HIVE(M)                                                                     \
	HIVE_FIELD("psp/fw_pri", M,                                                        \
		   "VRAM on a VF (psp_sw_init); LOAD_TA of the XGMI TA uses it in a hive"), \
	HIVE_FIELD("psp/fence_buf", M, "every PSP ring frame (psp_cmd_submit_buf)"),       \
	HIVE_FIELD("psp/cmd_buf", M, "every PSP ring frame (psp_cmd_submit_buf)"),         \
	HIVE_FIELD("psp/km_ring", M, "psp_v13_0_ring_create at every resume"),             \
	HIVE_FIELD("psp/ta_xgmi", M, "hive of 8: psp_xgmi_initialize; LOAD_TA at resume"), \
	HIVE_FIELD("psp/ucode_fw_buf", M, "VRAM on a VF; amdgpu_ucode_init_bo at resume"), \
	HIVE_FIELD("psp/ucode_mc_addr", M, "fw_buf_mc + offset in LOAD_IP_FW")

/*
 * gfx on a GC 9.4.x VF (catalog-gfx.md): the KIQ MQD's self-pointer is
 * re-written by mqd_init from the kept field (VRAM|GTT); the KCQ MQD backup
 * replays the boot-time EOP base at resume (content: rfc-all cannot reach
 * it); the static CSA (MCBP forced on a VF) is mapped by PTEs holding its
 * boot-time physical address (vram_base_offset moves with the node in both
 * layouts, so even `upstream` keeps it stale: §C.4).
 */
#define GFX9_VF(F, C)                                                                         \
	HIVE_FIELD("gfx/kiq_mqd", F, "xcc_mqd_init writes the kept mqd_gpu_addr at resume"), \
	{ "gfx/kcq_mqd_backup_eop", "stale-content", C,                                      \
	  "kcq_init_queue copies the backup, boot-time EOP base, no mqd_init" },             \
	{ "gfx/kcq_mqd_backup_eop", "cross-segment", C,                                      \
	  "the replayed EOP base is in node 2's segment" },                                  \
	{ "gfx/csa", "stale-pte", ALL, "PTEs hold the boot-time PA; vram_base_offset moved" }, \
	{ "gfx/csa", "cross-segment", ALL, "that PA is node 2's memory" }

/*
 * vcn on a GC 9.4.x VF (catalog-other.md): vcn_v4_0_3_start_sriov rebuilds the
 * MMSCH table from the kept vcpu / fw_shared addresses and hands it the kept
 * mm_table address at every resume; the firmware's own pointers into the
 * VCPU BO cannot be checked once vram_start moved (firmware-opaque).
 */
#define VCN_VF(F, FW)                                                       \
	HIVE_FIELD("vcn/vcpu", F, "MMSCH table CACHE1/CACHE2 from the kept gpu_addr"), \
	HIVE_FIELD("vcn/fw_shared", F, "MMSCH table NC0 from the kept fw_shared addr"), \
	HIVE_FIELD("vcn/mm_table", F, "MMSCH_VF_CTX_ADDR from the kept mm_table addr"), \
	{ "vcn/fw_state", "firmware-opaque", FW, "vram_start moved under the firmware" }

/* The RFC's patterns (upstream-history.md §1). */
#define PATTERNS()                                                                      \
	{ "pattern1/bo", "free-in-suspend", ALL, "freed in suspend: WARN_ON(in_suspend)" }, \
	{ "pattern2/bo", "pin-leak", ALL & ~P2FIX, "created again without a free" },        \
	{ "pattern2/bo", "release-pinned", ALL & ~P2FIX, "fini unpins once of two pins" }

#define PATTERN3_HIVE(M) HIVE_FIELD("pattern3/bo", M, "kept from sw_init")

/* The driver's gmc fields after a node move, unless the strategy re-reads them. */
#define FIELDS_HIVE(M)                                                              \
	{ "gmc/vram_start", "stale-mc", M, "fb_start + node x segment moved" },     \
	{ "gmc/vram_base_offset", "stale-pa", M, "node x segment moved" },          \
	{ "gmc/vram_base_offset", "cross-segment", M, "node 2's offset, node 5 runs" }

/* Sites a GC 9.4.x VF never reports, whatever the strategy. */
#define ABSENT_GC94_VF                                                                         \
	{ "psp/ta_ras", "psp_ras_initialize returns early on a VF" },                         \
	{ "psp/ta_hdcp", "psp_hdcp_initialize returns early on a VF (and no display)" },      \
	{ "psp/ta_dtm", "psp_dtm_initialize returns early on a VF (and no display)" },        \
	{ "psp/ta_rap", "psp_rap_initialize returns early on a VF" },                         \
	{ "psp/ta_securedisplay", "psp_securedisplay_initialize returns early on a VF" },     \
	{ "gmc/mem_scratch", "gfxhub_v1_2/mmhub_v1_8 skip the system aperture on a VF" },     \
	{ "gfx/rlc_clear_state", "gfx_v9_4_3_rlc_init creates no RLC buffer" },               \
	{ "gfx/rlc_cp_table", "CP table only on the GC 9 APUs (gfx_v9_0_rlc_init)" },         \
	{ "gfx/mec_hpd_eop", "read only by the first mqd_init; the backup is replayed" },     \
	{ "gfx/ring_eop", "read only by the first mqd_init; the backup is replayed" },        \
	{ "gfx/kcq_mqd_gfx9", "GTT: gart_start does not move" },                              \
	{ "gfx/kiq_eop", "GTT: gart_start does not move" },                                   \
	{ "vcn/dpg_sram", "a VF has no pg flags (amdgpu_virt_init_setting)" },                \
	{ "jpeg/dpg_sram", "no GC 9 part has JPEG DPG" },                                     \
	{ "smu/tool_table", "SetToolsDramAddr is not VF-valid on MP1 13.0.6/12/14" },         \
	{ "smu/memory_pool", "smu_memory_pool_size is not set" },                             \
	{ "ih/ih_ring", "vega20_ih uses bus addresses on a 9.4.x dGPU" },                     \
	{ "dm/dmub", "no DM on a VF; no DCN on GC 9.4.x" },                                   \
	{ "mes/resource_1", "MES only on GC 11/12" },                                         \
	{ "umsch/cmd_buf", "UMSCH only on GC 11 APUs with amdgpu_umsch_mm" },                 \
	{ "common/seq64", "GTT: gart_start does not move" },                                  \
	{ "gmc/gart_table", "recomputed at every gart_enable" },                              \
	{ "gmc/pdb0", "rebuilt from the current layout at every gart_enable" },               \
	{ "gmc/gart_start", "the GART is at 0 (FB layout) or after the hive (migrate)" }

/*
 * A bare-metal GC 9.4.0/9.4.2 node in an XGMI hive (gfx_v9_0, PSP load):
 * gfxhub_v1_0 (and mmhub_v1_0/v1_7) write mc2pa(kept mem_scratch MC) on bare
 * metal; the PSP ring buffers and the XGMI, RAS and RAP TA buffers
 * (psp_ras_initialize and psp_rap_initialize run on bare metal) are VRAM and
 * kept; MP0 11.0.2 and 13.0.2 have no boot-time TMR, so SETUP_TMR pairs the
 * kept TMR MC with a fresh PA (psp_prep_tmr_cmd_buf); gfx_v9_0_sw_init
 * creates the cleaner shader on 9.4.0 and 9.4.2 (current firmware) and
 * init_csb writes RLC_CSIB_ADDR from the kept clear-state address. Bare
 * metal: no gate and no RFC patch 1 (VF only), so every strategy keeps the
 * driver's own fields.
 */
#define BM_HIVE(M)                                                                      \
	{ "gmc/mem_scratch", "mixed-stale", M, "mc2pa of the kept MC" },                 \
	{ "gmc/mem_scratch", "cross-segment", M, "that PA is the boot node's memory" },  \
	FIELDS_HIVE(ALL),                                                               \
	HIVE_FIELD("psp/fence_buf", M, "every PSP ring frame"),                          \
	HIVE_FIELD("psp/cmd_buf", M, "every PSP ring frame"),                            \
	HIVE_FIELD("psp/km_ring", M, "ring_create at every resume"),                     \
	HIVE_FIELD("psp/ta_xgmi", M, "a hive: LOAD_TA at resume"),                       \
	HIVE_FIELD("psp/ta_ras", M, "LOAD_TA of the RAS TA at resume"),                  \
	HIVE_FIELD("psp/ta_rap", M, "LOAD_TA of the RAP TA at resume"),                  \
	{ "psp/tmr", "mixed-stale", M, "psp_prep_tmr_cmd_buf: kept MC, fresh PA" },      \
	{ "psp/tmr", "cross-segment", M, "the kept MC is the boot node's" },             \
	HIVE_FIELD("gfx/kiq_mqd", M, "mqd_init from the kept mqd_gpu_addr"),             \
	{ "gfx/kcq_mqd_backup_eop", "stale-content", ALL, "boot-time EOP base replayed" }, \
	{ "gfx/kcq_mqd_backup_eop", "cross-segment", ALL, "the boot node's segment" },   \
	HIVE_FIELD("gfx/cleaner_shader", M, "SET_RESOURCES at every enable_kcq"),        \
	HIVE_FIELD("gfx/rlc_clear_state", M, "RLC_CSIB_ADDR at resume"),                 \
	PATTERNS(),                                                                     \
	PATTERN3_HIVE(M)

/* ------------------------------------------------------------------ */
/* The pairs                                                            */
/* ------------------------------------------------------------------ */

/*
 * gc944-node2-to-node5: the RFC's target, GC 9.4.4 one-VF, hive of 8,
 * node 2 -> 5, MP0/MP1 13.0.14. The gate is open under `upstream`.
 */
static const struct row gc944_rows[] = {
	PSP_VF_HIVE(KEPT_GATE),
	/* one-VF mode: smu_hw_init/resume send SetDriverDramAddr (VF-valid) */
	HIVE_FIELD("smu/driver_table", KEPT_GATE, "SetDriverDramAddr in one-VF mode"),
	/* gfx_v9_4_3_sw_init: 9.4.4 with MEC >= 153 (current firmware) */
	HIVE_FIELD("gfx/cleaner_shader", KEPT_GATE, "SET_RESOURCES at every enable_kcq"),
	GFX9_VF(KEPT_GATE, NONE | RFC | RFC_ALL | P2FIX),
	VCN_VF(KEPT_GATE, NONE | RFC | RFC_ALL | P2FIX),
	PATTERNS(),
	PATTERN3_HIVE(KEPT_GATE),
	/* RFC patch 1 re-reads the layout on this VF; 6.17's amdgpu_virt_resume too */
	FIELDS_HIVE(NONE | P2FIX),
	{ "ih/msix", "msix-stale", ALL & ~UP, "another VF; only 6.17 restores MSI-X" },
};

static const struct absent gc944_absent[] = {
	ABSENT_GC94_VF,
	{ "psp/tmr", "boot-time TMR on MP0 13.0.14 (psp_early_init)" },
};

/* gc944-multi-vf: the same part in multi-VF mode, one CPX partition. */
static const struct row gc944_mvf_rows[] = {
	PSP_VF_HIVE(KEPT_GATE),
	HIVE_FIELD("gfx/cleaner_shader", KEPT_GATE, "SET_RESOURCES at every enable_kcq"),
	GFX9_VF(KEPT_GATE, NONE | RFC | RFC_ALL | P2FIX),
	VCN_VF(KEPT_GATE, NONE | RFC | RFC_ALL | P2FIX),
	PATTERNS(),
	PATTERN3_HIVE(KEPT_GATE),
	FIELDS_HIVE(NONE | P2FIX),
	{ "ih/msix", "msix-stale", ALL & ~UP, "another VF; only 6.17 restores MSI-X" },
};

static const struct absent gc944_mvf_absent[] = {
	ABSENT_GC94_VF,
	{ "psp/tmr", "boot-time TMR on MP0 13.0.14" },
	{ "smu/driver_table", "smu_hw_init/smu_resume return in multi-VF mode" },
};

/*
 * gc943-node2-to-node5: GC 9.4.3 one-VF, MP0/MP1 13.0.6, same registers. The
 * gate is 9.4.4 only: `upstream` is `none` here. RFC patch 1 has no GC test.
 */
static const struct row gc943_rows[] = {
	PSP_VF_HIVE(KEPT_NOGATE),
	HIVE_FIELD("smu/driver_table", KEPT_NOGATE, "SetDriverDramAddr in one-VF mode"),
	/* gfx_v9_4_3_sw_init: 9.4.3 with MEC >= 153 too */
	HIVE_FIELD("gfx/cleaner_shader", KEPT_NOGATE, "SET_RESOURCES at every enable_kcq"),
	GFX9_VF(KEPT_NOGATE, ALL),
	VCN_VF(KEPT_NOGATE, ALL),
	PATTERNS(),
	PATTERN3_HIVE(KEPT_NOGATE),
	FIELDS_HIVE(NONE | P2FIX | UP),
	{ "ih/msix", "msix-stale", ALL, "another VF; the gate that restores MSI-X is closed" },
};

static const struct absent gc943_absent[] = {
	ABSENT_GC94_VF,
	{ "psp/tmr", "boot-time TMR on MP0 13.0.6 (psp_early_init)" },
};

/*
 * gc950-node2-to-node5: GC 9.5.0 one-VF, MP0/MP1 13.0.12, VCN 5.0.1, segments
 * of 0x4800 x 16 MiB. Gate closed; no cleaner shader on 9.5.0.
 */
static const struct row gc950_rows[] = {
	PSP_VF_HIVE(KEPT_NOGATE),
	HIVE_FIELD("smu/driver_table", KEPT_NOGATE, "SetDriverDramAddr in one-VF mode"),
	GFX9_VF(KEPT_NOGATE, ALL),
	/* vcn_v5_0_1_start_sriov: the same MMSCH path as 4.0.3 */
	VCN_VF(KEPT_NOGATE, ALL),
	PATTERNS(),
	PATTERN3_HIVE(KEPT_NOGATE),
	FIELDS_HIVE(NONE | P2FIX | UP),
	{ "ih/msix", "msix-stale", ALL, "another VF; the gate that restores MSI-X is closed" },
};

static const struct absent gc950_absent[] = {
	ABSENT_GC94_VF,
	{ "psp/tmr", "boot-time TMR on MP0 13.0.12 (psp_early_init)" },
	{ "gfx/cleaner_shader", "gfx_v9_4_3_sw_init: 9.5.0 is the default case (none)" },
};

/*
 * gc1100-fb-location: GC 11.0.0 VF, no XGMI, the host moved the FB by 16 GiB
 * (vram_start 0x80_0000_0000 -> 0x84_0000_0000); gmc v11 puts GART HIGH and
 * vram_base_offset is 0 on a VF (§6), so neither moves. The profile states no
 * one-VF mode: multi-VF. No gate, and RFC patch 1 needs XGMI: every strategy
 * keeps the driver's vram_start.
 */
static const struct row gc1100_rows[] = {
	/* gfxhub_v3_0_init_system_aperture_regs writes mc2pa(kept MC) on a VF too */
	{ "gmc/mem_scratch", "mixed-stale", KEPT_NOGATE, "mc2pa of the kept MC, new vram_start" },
	{ "gmc/vram_start", "stale-mc", ALL, "the FB location moved; nothing re-reads it" },
	{ "psp/fence_buf", "stale-mc", KEPT_NOGATE, "every PSP ring frame" },
	{ "psp/cmd_buf", "stale-mc", KEPT_NOGATE, "every PSP ring frame" },
	{ "psp/km_ring", "stale-mc", KEPT_NOGATE, "ring_create at every resume" },
	{ "psp/ucode_fw_buf", "stale-mc", KEPT_NOGATE, "VRAM on a VF; init_bo at resume" },
	{ "psp/ucode_mc_addr", "stale-mc", KEPT_NOGATE, "fw_buf_mc + offset in LOAD_IP_FW" },
	/* kgq/kcq_init_queue restore the backup: rfc-all cannot reach the content */
	{ "gfx/kgq_mqd", "stale-content", ALL, "MQD self-pointer restored from the backup" },
	{ "gfx/kcq_mqd_gfx10", "stale-content", ALL, "MQD self-pointer restored from backup" },
	/* gfx_v11_0_sw_init: 11.0.0 with current ME/PFP/MEC/MES firmware */
	{ "gfx/cleaner_shader", "stale-mc", KEPT_NOGATE, "SET_RESOURCES at every enable_kcq" },
	{ "gfx/rlc_clear_state", "stale-mc", KEPT_NOGATE, "RLC_CSIB_ADDR from the kept field" },
	{ "vcn/vcpu", "stale-mc", KEPT_NOGATE, "MMSCH table from the kept gpu_addr" },
	{ "vcn/fw_shared", "stale-mc", KEPT_NOGATE, "MMSCH table from the kept fw_shared" },
	{ "vcn/mm_table", "stale-mc", KEPT_NOGATE, "MMSCH_VF_CTX_ADDR from the kept addr" },
	{ "vcn/fw_state", "firmware-opaque", ALL, "vram_start moved under the firmware" },
	/* mes_v11_0_queue_init re-runs mqd_init from the kept mqd_gpu_addr */
	{ "mes/mqd", "stale-mc", KEPT_NOGATE, "MES MQD address kept from sw_init" },
	/* 6.17+: created in mes_v11_0_sw_init, kept (MES fw >= 0x50, current) */
	{ "mes/resource_1", "stale-mc", KEPT_NOGATE, "SET_HW_RESOURCES_1 at every resume" },
	PATTERNS(),
	{ "pattern3/bo", "stale-mc", KEPT_NOGATE, "kept from sw_init" },
};

static const struct absent gc1100_absent[] = {
	{ "psp/fw_pri", "consumed on a VF only by the XGMI TA load; no hive" },
	{ "psp/tmr", ">= 6.18 psp_skip_tmr: a VF with MP0 >= 11.0.7 sends no SETUP_TMR" },
	{ "psp/ta_ras", "psp_ras_initialize returns early on a VF" },
	{ "psp/ta_hdcp", "psp_hdcp_initialize returns early on a VF" },
	{ "smu/driver_table", "multi-VF mode: smu_hw_init/smu_resume return" },
	{ "smu/tool_table", "multi-VF mode: smu_hw_init/smu_resume return" },
	{ "dm/dmub", "a VF uses virtual display" },
	{ "gfx/csa", "vram_base_offset is 0 on a GC 11 VF: the PTEs stay right" },
	{ "gfx/mec_hpd_eop_gfx11", "GTT, and read only by the first mqd_init" },
	{ "gfx/kiq_mqd", "MES owns the KIQ on GC 11" },
	{ "vcn/dpg_sram", "a VF has no pg flags" },
	{ "jpeg/dpg_sram", "a VF has no pg flags; 11.0.0 has no JPEG DPG" },
	{ "mes/event_log", "mes_log_enable is not set" },
	{ "mes/eop", "GTT" },
	{ "umsch/cmd_buf", "UMSCH: bare metal VCN 4.0.5/4.0.6 with amdgpu_umsch_mm" },
	{ "gmc/vram_base_offset", "0 on a GC 11 VF (gmc_v11_0_vram_gtt_location)" },
	{ "ih/msix", "same VF, same node, same MSI-X values" },
	{ "gmc/gart_start", "GART HIGH at 0x7fff_0000_0000 on both" },
};

/*
 * vega20-node1-to-node3: GC 9.4.0 bare metal, hive of 4, node 1 -> 3, MP0
 * 11.0.2, no VCN (UVD 7.2 + VCE 4.1), no display hardware (DCI, not DCE), no
 * MSI-X reprogramming by a hypervisor. BM domains: fw_pri and ucode fw_buf in
 * GTT.
 */
static const struct row vega20_rows[] = {
	BM_HIVE(KEPT_NOGATE),
	/* UVD 7.2 / VCE 4.1 exist on bare metal Vega20 (no VF to skip them) */
	HIVE_FIELD("uvd/vcpu", KEPT_NOGATE, "uvd_v7_0_mc_resume VCPU cache BAR"),
	HIVE_FIELD("vce/vcpu", KEPT_NOGATE, "vce_v4_0_mc_resume VCPU cache BARs"),
};

static const struct absent vega20_absent[] = {
	{ "psp/fw_pri", "GTT on bare metal (psp_sw_init)" },
	{ "psp/ucode_fw_buf", "GTT on bare metal (amdgpu_ucode_create_bo)" },
	{ "psp/ta_hdcp", "no display hardware: DCE 12 is recorded as DCI_HWIP" },
	{ "psp/ta_dtm", "no display hardware" },
	{ "psp/ta_securedisplay", "no display hardware" },
	{ "smu/driver_table", "Vega20 uses powerplay, not swSMU" },
	{ "gfx/csa", "bare metal without amdgpu.mcbp" },
	{ "vcn/vcpu", "Vega20 has UVD/VCE, no VCN" },
	{ "vcn/mm_table", "VF only" },
	{ "ih/msix", "bare metal: no hypervisor programs MSI-X" },
	{ "gmc/pdb0", "no PDB0 on 9.4.0" },
};

/*
 * aldebaran-a-a-node2-to-node5: GC 9.4.2 bare metal connected to the CPU
 * (sysvm with PDB0 in every strategy, §4.2): vram_start = node x 64 GiB moves,
 * GART after the hive does not; MP0/MP1 13.0.2, VCN 2.6 with VCN_DPG.
 */
static const struct row aldebaran_rows[] = {
	BM_HIVE(KEPT_NOGATE),
	/* swSMU on MP1 13.0.2 bare metal: tool and driver tables sent at resume */
	HIVE_FIELD("smu/tool_table", KEPT_NOGATE, "SetToolsDramAddr at resume"),
	HIVE_FIELD("smu/driver_table", KEPT_NOGATE, "SetDriverDramAddr at resume"),
	HIVE_FIELD("vcn/vcpu", KEPT_NOGATE, "vcn mc_resume VCPU cache BARs"),
	HIVE_FIELD("vcn/fw_shared", KEPT_NOGATE, "vcn mc_resume NC0 BAR"),
	/* bare metal, PSP load, VCN_DPG (soc15_common_early_init): indirect SRAM */
	HIVE_FIELD("vcn/dpg_sram", KEPT_NOGATE, "amdgpu_vcn_psp_update_sram at start"),
	{ "vcn/fw_state", "firmware-opaque", ALL, "vram_start moved under the firmware" },
};

static const struct absent aldebaran_absent[] = {
	{ "psp/fw_pri", "GTT on bare metal" },
	{ "psp/ucode_fw_buf", "GTT on bare metal" },
	{ "psp/ta_hdcp", "no display hardware on Aldebaran" },
	{ "gfx/csa", "bare metal without amdgpu.mcbp" },
	{ "vcn/mm_table", "VF only" },
	{ "uvd/vcpu", "Aldebaran has VCN, not UVD" },
	{ "gmc/pdb0", "rebuilt at every gart_enable" },
	{ "gmc/gart_start", "GART after the hive on both nodes" },
	{ "ih/msix", "bare metal" },
};

/*
 * navi21-fb-offset: GC 10.3.0 VF, no XGMI, only FB_OFFSET moves (1 GiB ->
 * 16 GiB): vram_start and every MC address stay; vram_base_offset (gmc v10
 * has no VF special case) and with it every physical address move.
 */
static const struct row navi21_rows[] = {
	{ "gmc/vram_base_offset", "stale-pa", ALL, "mc_fb_offset moved; nothing re-reads it" },
	{ "gfx/csa", "stale-pte", ALL, "PTEs hold the boot-time PA" },
	/* msix_changed: the FB offset differs, so this is another VF */
	{ "ih/msix", "msix-stale", ALL, "another VF; no gate restores MSI-X" },
	PATTERNS(),
};

static const struct absent navi21_absent[] = {
	{ "gmc/mem_scratch", "mc2pa(kept MC) with the new offset is the right PA" },
	{ "gmc/vram_start", "the FB location did not move" },
	{ "psp/fence_buf", "MC addresses did not move" },
	{ "psp/tmr", ">= 6.18: a VF with MP0 11.0.7 sends no SETUP_TMR" },
	{ "pattern3/bo", "MC addresses did not move" },
	{ "vcn/fw_state", "vram_start did not move" },
	{ "gfx/kgq_mqd", "MC addresses did not move" },
};

/* gc944-identity: only the sysfs identity values change. */
static const struct row identity_rows[] = {
	{ "pci/identity", "identity-changed", ALL, "serial/unique_id/xgmi id/fru_id" },
	PATTERNS(),
};

static const struct absent identity_absent[] = {
	{ "ih/msix", "same node, bus and MSI-X values" },
	{ "gfx/csa", "same node: the PA did not move" },
	{ "pattern3/bo", "same node: nothing moved" },
};

/* gc944-bars: only the BAR bus addresses change (BAR0, BAR2, BAR5). */
static const struct row bars_rows[] = {
	{ "pci/bar0", "bar-moved", ALL, "the VRAM BAR's ioremap is stale" },
	{ "pci/bar2", "bar-moved", ALL, "the doorbell BAR's ioremap is stale" },
	{ "pci/bar5", "bar-moved", ALL, "the MMIO BAR's ioremap is stale" },
	PATTERNS(),
};

static const struct absent bars_absent[] = {
	{ "ih/msix", "same node, bus and MSI-X values" },
	{ "pci/identity", "identity unchanged" },
	{ "pattern3/bo", "no MC address moves with a BAR" },
};

struct pair_case {
	const char *pair;
	const struct row *rows;
	size_t n_rows;
	const struct absent *absent;
	size_t n_absent;
};

#define N(a) (sizeof(a) / sizeof(a[0]))
#define CASE(name, rows, absent) { name, rows, N(rows), absent, N(absent) }

static const struct pair_case cases[] = {
	CASE("gc944-node2-to-node5", gc944_rows, gc944_absent),
	CASE("gc944-multi-vf-node2-to-node5", gc944_mvf_rows, gc944_mvf_absent),
	CASE("gc943-node2-to-node5", gc943_rows, gc943_absent),
	CASE("gc950-node2-to-node5", gc950_rows, gc950_absent),
	CASE("gc1100-fb-location", gc1100_rows, gc1100_absent),
	CASE("vega20-node1-to-node3", vega20_rows, vega20_absent),
	CASE("aldebaran-a-a-node2-to-node5", aldebaran_rows, aldebaran_absent),
	CASE("navi21-fb-offset", navi21_rows, navi21_absent),
	CASE("gc944-identity", identity_rows, identity_absent),
	CASE("gc944-bars", bars_rows, bars_absent),
};
/* clang-format on */

/*
 * The sites whose status is "uncertain" in the catalog data: their findings,
 * and only theirs, say so.
 */
static const char *const uncertain_sites[] = {
	"gfx/kgq_mqd",	 "gfx/kcq_mqd_gfx10", "gfx/rlc_clear_state", "gfx/csa",
	"sdma/ucode_v7", "smu/tool_table",    "vcn/fw_state",
};

/* ------------------------------------------------------------------ */
/* Running                                                              */
/* ------------------------------------------------------------------ */

#define KEY_MAX (2 * GMCSIM_NAME_MAX + 32)

static int
cmp_key(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static bool
is_uncertain(const char *site)
{
	for (size_t i = 0; i < N(uncertain_sites); i++) {
		if (strcmp(uncertain_sites[i], site) == 0)
			return true;
	}
	return false;
}

/* One run of @p pair under @p fix as `gmcsim check` runs it. */
static void
run_one(const char *pair, enum gmcsim_fix fix, struct check_result *out)
{
	const struct gmcsim_strategy *strategy = NULL;
	struct gmc_error err = { 0 };
	struct check_plan plan;

	check_plan_init(&plan);
	if (check_plan_set_pair(&plan, pair, &err) != 0)
		fail_msg("%s: %s", pair, err.message);
	/* the defaults this test's expectations assume */
	assert_int_equal(plan.kernel, GMCSIM_KERNEL_6_18);
	assert_int_equal(plan.n_swaps, 1);
	assert_int_equal(plan.swaps[0].kind, GMCSIM_SWAP_AFTER_SUSPEND);
	assert_int_equal(plan.assume, 0);
	assert_int_equal(plan.n_sites, plan.n_catalog);
	assert_int_equal(gmcsim_strategy_builtin(fix, &strategy), 0);
	if (check_plan_run(&plan, strategy, &plan.swaps[0], 1, out, &err) != 0)
		fail_msg("%s %s: %s", pair, gmcsim_fix_name(fix), err.message);
	check_plan_fini(&plan);
}

static void
check_case(const struct pair_case *c)
{
	for (unsigned fix = 0; fix < GMCSIM_FIX_COUNT; fix++) {
		char(*want)[KEY_MAX] = calloc(c->n_rows, KEY_MAX);
		char(*got)[KEY_MAX] = NULL;
		size_t n_want = 0, n_got, bad = 0;
		struct check_result r;

		assert_non_null(want);
		for (size_t i = 0; i < c->n_rows; i++) {
			if (c->rows[i].fixes & (1u << fix))
				snprintf(want[n_want++], KEY_MAX, "%s %s", c->rows[i].site,
					 c->rows[i].kind);
		}
		run_one(c->pair, (enum gmcsim_fix)fix, &r);
		n_got = r.n_findings;
		got = calloc(n_got ? n_got : 1, KEY_MAX);
		assert_non_null(got);
		for (size_t i = 0; i < n_got; i++) {
			const struct gmcsim_finding *f = &r.findings[i];
			char site[2 * GMCSIM_NAME_MAX + 2];

			snprintf(site, sizeof(site), "%s/%s", f->block, f->site);
			snprintf(got[i], KEY_MAX, "%s %s", site, gmcsim_finding_kind_name(f->kind));
			if (f->uncertain != is_uncertain(site)) {
				print_message("# %s %s: %s uncertain is %d\n", c->pair,
					      gmcsim_fix_name(fix), got[i], f->uncertain);
				bad++;
			}
			for (size_t a = 0; a < c->n_absent; a++) {
				if (strcmp(c->absent[a].site, site) == 0) {
					print_message("# %s %s: %s must not appear: %s\n", c->pair,
						      gmcsim_fix_name(fix), got[i],
						      c->absent[a].why);
					bad++;
				}
			}
		}
		qsort(want, n_want, KEY_MAX, cmp_key);
		qsort(got, n_got, KEY_MAX, cmp_key);
		/* the sets, element by element: report every difference */
		for (size_t i = 0, j = 0; i < n_want || j < n_got;) {
			int d = i == n_want ? 1 : j == n_got ? -1 : strcmp(want[i], got[j]);

			if (d == 0) {
				i++, j++;
				continue;
			}
			print_message("# %s %s: %s %s\n", c->pair, gmcsim_fix_name(fix),
				      d < 0 ? "missing" : "unexpected", d < 0 ? want[i] : got[j]);
			bad++;
			if (d < 0)
				i++;
			else
				j++;
		}
		/* one finding per (block, site, kind): no duplicates */
		for (size_t j = 1; j < n_got; j++) {
			if (strcmp(got[j - 1], got[j]) == 0) {
				print_message("# %s %s: %s twice\n", c->pair, gmcsim_fix_name(fix),
					      got[j]);
				bad++;
			}
		}
		free(want);
		free(got);
		check_result_fini(&r);
		if (bad)
			fail_msg("%s %s: %zu difference(s)", c->pair, gmcsim_fix_name(fix), bad);
	}
}

static void
test_pair(void **state)
{
	check_case(*state);
}

/* ------------------------------------------------------------------ */
/* The MQD-backup EOP on the gc944 pair                                 */
/* ------------------------------------------------------------------ */

/*
 * The gc944 profiles (sim/profiles/gc944-vf-node{2,5}.json): FB_LOCATION_BASE
 * 0x1000 (16 MiB units: fb_start 0x10_0000_0000), XGMI_LFB_SIZE 0x17f8 (segment
 * 0x17f8 << 24 = 0x17_f800_0000), nodes 2 and 5, VRAM 0x17_f000_0000.
 * Before the 6.17 series (FB layout, gmc-address-math.md §3/§4.1):
 *   node 2: vram_start = 0x10_0000_0000 + 2 x 0x17_f800_0000 = 0x3f_f000_0000
 *   node 5: vram_start = 0x10_0000_0000 + 5 x 0x17_f800_0000 = 0x87_d800_0000
 * Under `upstream` the gate is open (§4.2 migrate): vram_start 0 on both.
 */
#define GC944_FB_START UINT64_C(0x1000000000)
#define GC944_SEGMENT (UINT64_C(0x17f8) << 24)
#define GC944_VRAM_SIZE UINT64_C(0x17f0000000)
#define GC944_NODE2_VRAM_START UINT64_C(0x3ff0000000)
#define GC944_NODE5_VRAM_START UINT64_C(0x87d8000000)

static const struct gmcsim_finding *
find(const struct gmcsim_finding *f, size_t n, const char *block, const char *site,
     enum gmcsim_finding_kind kind)
{
	for (size_t i = 0; i < n; i++) {
		if (f[i].kind == kind && strcmp(f[i].block, block) == 0 &&
		    strcmp(f[i].site, site) == 0)
			return &f[i];
	}
	return NULL;
}

static bool
eop_stale_under(enum gmcsim_fix fix)
{
	/*
	 * gfx_v9_4_3_xcc_kcq_init_queue copies the backup back on resume and never
	 * re-runs mqd_init: no strategy before 6.17 re-derives the EOP base inside
	 * it (rfc-all's helper refreshes driver fields, not MQD contents:
	 * catalog-audit.md §2.2); 6.17 keeps the MC address valid instead.
	 */
	return fix != GMCSIM_FIX_UPSTREAM;
}

/*
 * The site alone in a run: the HPD EOP BO is the only VRAM BO, so first fit
 * places it at VRAM offset 0 and its MC address is vram_start itself.
 */
static void
test_mqd_backup_eop_alone(void **state)
{
	struct gmcsim_profile from, to;
	struct gmcsim_site site;
	bool found = false;

	(void)state;
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &from), 0);
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node5", &to), 0);
	for (size_t i = 0; !found && gmcsim_catalog_at(i, &site) == 0; i++)
		found = strcmp(site.block, "gfx") == 0 &&
			strcmp(site.name, "kcq_mqd_backup_eop") == 0;
	assert_true(found);

	for (unsigned fix = 0; fix < GMCSIM_FIX_COUNT; fix++) {
		struct gmcsim_config cfg = { .from = &from,
					     .to = &to,
					     .fix = (enum gmcsim_fix)fix,
					     .cycles = 1,
					     .kernel = GMCSIM_KERNEL_6_18 };
		const struct gmcsim_finding *stale, *cross;
		struct gmc_error err = { 0 };
		struct gmcsim_run *run;
		size_t n;

		assert_int_equal(gmcsim_swap_parse("after-suspend", &cfg.swap), 0);
		assert_int_equal(gmcsim_run_new(&cfg, &run, &err), 0);
		assert_int_equal(gmcsim_run_add_site(run, &site), 0);
		if (gmcsim_run_execute(run, &err) != 0)
			fail_msg("%s: %s", gmcsim_fix_name(fix), err.message);
		n = gmcsim_run_finding_count(run);
		stale = find(gmcsim_run_finding_at(run, 0), n, "gfx", "kcq_mqd_backup_eop",
			     GMCSIM_STALE_CONTENT);
		cross = find(gmcsim_run_finding_at(run, 0), n, "gfx", "kcq_mqd_backup_eop",
			     GMCSIM_CROSS_SEGMENT);
		if (!eop_stale_under((enum gmcsim_fix)fix)) {
			assert_null(stale);
			assert_null(cross);
			gmcsim_run_free(run);
			continue;
		}
		assert_non_null(stale);
		assert_non_null(cross);
		/* the backup holds node 2's EOP base; node 5's is what the CP needs */
		assert_true(stale->has_values);
		assert_int_equal(stale->cached, GC944_NODE2_VRAM_START);
		assert_int_equal(stale->fresh, GC944_NODE5_VRAM_START);
		assert_int_equal(cross->cached, GC944_NODE2_VRAM_START);
		assert_int_equal(cross->fresh, GC944_NODE5_VRAM_START);
		/* first seen when the gfx block resumes */
		assert_string_equal(stale->step, "cycle 1 resume gfx");
		assert_false(stale->uncertain);
		gmcsim_run_free(run);
	}
}

/*
 * The whole catalog: other VRAM BOs come first, so the offset is not 0; what
 * stays is that the replayed address lies in node 2's segment of the hive
 * and the fresh one 3 segments higher, in node 5's.
 */
static void
test_mqd_backup_eop_catalog(void **state)
{
	(void)state;
	for (unsigned fix = 0; fix < GMCSIM_FIX_COUNT; fix++) {
		const struct gmcsim_finding *stale, *cross;
		struct check_result r;

		run_one("gc944-node2-to-node5", (enum gmcsim_fix)fix, &r);
		stale = find(r.findings, r.n_findings, "gfx", "kcq_mqd_backup_eop",
			     GMCSIM_STALE_CONTENT);
		cross = find(r.findings, r.n_findings, "gfx", "kcq_mqd_backup_eop",
			     GMCSIM_CROSS_SEGMENT);
		if (!eop_stale_under((enum gmcsim_fix)fix)) {
			assert_null(stale);
			assert_null(cross);
			check_result_fini(&r);
			continue;
		}
		assert_non_null(stale);
		assert_non_null(cross);
		assert_true(stale->cached >= GC944_NODE2_VRAM_START);
		assert_true(stale->cached < GC944_NODE2_VRAM_START + GC944_VRAM_SIZE);
		assert_int_equal((stale->cached - GC944_FB_START) / GC944_SEGMENT, 2);
		assert_int_equal((stale->fresh - GC944_FB_START) / GC944_SEGMENT, 5);
		assert_int_equal(stale->fresh - stale->cached, 3 * GC944_SEGMENT);
		assert_int_equal(cross->cached, stale->cached);
		assert_int_equal(cross->fresh, stale->fresh);
		check_result_fini(&r);
	}
}

/* Every built-in pair has its case here, and no case names a pair that is gone. */
static void
test_every_pair_covered(void **state)
{
	(void)state;
	assert_int_equal(gmcsim_pair_builtin_count(), N(cases));
	for (size_t i = 0; i < gmcsim_pair_builtin_count(); i++) {
		const struct gmcsim_pair *p = gmcsim_pair_builtin_at(i);
		bool found = false;

		for (size_t j = 0; j < N(cases) && !found; j++)
			found = strcmp(cases[j].pair, p->name) == 0;
		if (!found)
			fail_msg("pair %s has no expectations", p->name);
	}
}

int
main(void)
{
	struct CMUnitTest tests[N(cases) + 3] = {
		cmocka_unit_test(test_every_pair_covered),
		cmocka_unit_test(test_mqd_backup_eop_alone),
		cmocka_unit_test(test_mqd_backup_eop_catalog),
	};

	for (size_t i = 0; i < N(cases); i++) {
		tests[i + 3] = (struct CMUnitTest){
			.name = cases[i].pair,
			.test_func = test_pair,
			.initial_state = (void *)&cases[i],
		};
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
