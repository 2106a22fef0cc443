/* SPDX-License-Identifier: MIT */
/*
 * Where each built-in v1 site lives in a tree: the file and function of its
 * create (or of the derived assignment), and a word that picks one create
 * when a function has several. The v1 catalog says what a site does, not
 * where; catalog v2's `cite` says where, and will take this table's place
 * (gmcsim_scan_compare() reads cite.create once a site carries it).
 *
 * Read from Debian's linux-source-6.12 (6.12.118); no kernel code is
 * reproduced, only file and function names. A "where" entry is
 * "file.c:function", optionally "#word" (the slot, the GPU destination or
 * the instantiating argument contains it) or "@n" (the n-th create of that
 * function, in line order); several entries separated by spaces.
 */
#include <string.h>

#include "scan.h"

static const struct gmcsim_scan_cite cites[] = {
	{ "common", "seq64", "amdgpu_seq64.c:amdgpu_seq64_init", NULL },
	{ "common", "ib_pool", "amdgpu_sa.c:amdgpu_sa_bo_manager_init#ib_pools", NULL },
	{ "gmc", "mem_scratch", "amdgpu_device.c:amdgpu_device_mem_scratch_init", NULL },
	{ "gmc", "gart_table", "amdgpu_gart.c:amdgpu_gart_table_vram_alloc", NULL },
	{ "gmc", "pdb0", "amdgpu_gmc.c:amdgpu_gmc_pdb0_alloc", NULL },
	{ "ih", "ih_ring", "amdgpu_ih.c:amdgpu_ih_ring_init", NULL },
	{ "psp", "fw_pri", "amdgpu_psp.c:psp_sw_init#fw_pri", NULL },
	{ "psp", "fence_buf", "amdgpu_psp.c:psp_sw_init#fence_buf", NULL },
	{ "psp", "cmd_buf", "amdgpu_psp.c:psp_sw_init#cmd_buf", NULL },
	{ "psp", "km_ring", "amdgpu_psp.c:psp_ring_init", NULL },
	{ "psp", "tmr", "amdgpu_psp.c:psp_tmr_init", NULL },
	{ "psp", "ta_xgmi", "amdgpu_psp.c:psp_ta_init_shared_buf#xgmi_context", NULL },
	{ "psp", "ta_ras", "amdgpu_psp.c:psp_ta_init_shared_buf#ras_context", NULL },
	{ "psp", "ta_hdcp", "amdgpu_psp.c:psp_ta_init_shared_buf#hdcp_context", NULL },
	{ "psp", "ta_dtm", "amdgpu_psp.c:psp_ta_init_shared_buf#dtm_context", NULL },
	{ "psp", "ta_rap", "amdgpu_psp.c:psp_ta_init_shared_buf#rap_context", NULL },
	{ "psp", "ta_securedisplay", "amdgpu_psp.c:psp_ta_init_shared_buf#securedisplay_context",
	  NULL },
	{ "psp", "ucode_fw_buf", "amdgpu_ucode.c:amdgpu_ucode_create_bo", NULL },
	/* fw_buf_mc + offset is passed as a parameter and stored by the callee */
	{ "psp", "ucode_mc_addr", "amdgpu_ucode.c:amdgpu_ucode_init_single_fw#mc_addr", NULL },
	{ "smu", "tool_table", "amdgpu_smu.c:smu_init_fb_allocations#PMSTATUSLOG", NULL },
	{ "smu", "driver_table", "amdgpu_smu.c:smu_init_fb_allocations#driver_table", NULL },
	{ "smu", "memory_pool", "amdgpu_smu.c:smu_alloc_memory_pool", NULL },
	{ "smu", "dummy_read_table", "amdgpu_smu.c:smu_alloc_dummy_read_table", NULL },
	{ "dm", "dmub", "amdgpu_dm.c:dm_dmub_sw_init", NULL },
	{ "gfx", "kiq_eop", "amdgpu_gfx.c:amdgpu_gfx_kiq_init", NULL },
	{ "gfx", "kiq_mqd", "amdgpu_gfx.c:amdgpu_gfx_mqd_sw_init@1", NULL },
	{ "gfx", "kgq_mqd", "amdgpu_gfx.c:amdgpu_gfx_mqd_sw_init@2", NULL },
	{ "gfx", "kcq_mqd_gfx9", "amdgpu_gfx.c:amdgpu_gfx_mqd_sw_init@3", NULL },
	{ "gfx", "kcq_mqd_gfx10", "amdgpu_gfx.c:amdgpu_gfx_mqd_sw_init@3", NULL },
	{ "gfx", "cleaner_shader", "amdgpu_gfx.c:amdgpu_gfx_cleaner_shader_sw_init", NULL },
	{ "gfx", "rlc_clear_state", "amdgpu_rlc.c:amdgpu_gfx_rlc_init_csb", NULL },
	{ "gfx", "rlc_cp_table", "amdgpu_rlc.c:amdgpu_gfx_rlc_init_cpt", NULL },
	{ "gfx", "mec_hpd_eop",
	  "gfx_v9_0.c:gfx_v9_0_mec_init#hpd_eop gfx_v9_4_3.c:gfx_v9_4_3_mec_init#hpd_eop", NULL },
	{ "gfx", "ring_eop",
	  "gfx_v9_0.c:gfx_v9_0_compute_ring_init#eop_gpu_addr "
	  "gfx_v9_4_3.c:gfx_v9_4_3_compute_ring_init#eop_gpu_addr",
	  NULL },
	{ "gfx", "mec_hpd_eop_gfx10", "gfx_v10_0.c:gfx_v10_0_mec_init#hpd_eop", NULL },
	{ "gfx", "mec_hpd_eop_gfx11",
	  "gfx_v11_0.c:gfx_v11_0_mec_init#hpd_eop gfx_v12_0.c:gfx_v12_0_mec_init#hpd_eop", NULL },
	{ "gfx", "mec_ucode_gfx9", "gfx_v9_0.c:gfx_v9_0_mec_init#mec_fw", NULL },
	{ "gfx", "ring", "amdgpu_ring.c:amdgpu_ring_init", NULL },
	{ "gfx", "wb_slots", "amdgpu_ring.c:amdgpu_ring_init#rptr_gpu_addr", NULL },
	{ "gfx", "csa", "amdgpu_csa.c:amdgpu_allocate_static_csa#csa_obj", NULL },
	{ "gfx", "cp_pfp_ucode_gfx10", "gfx_v10_0.c:gfx_v10_0_cp_gfx_load_pfp_microcode", NULL },
	{ "gfx", "cp_ce_ucode_gfx10", "gfx_v10_0.c:gfx_v10_0_cp_gfx_load_ce_microcode", NULL },
	{ "gfx", "cp_me_ucode_gfx10", "gfx_v10_0.c:gfx_v10_0_cp_gfx_load_me_microcode", NULL },
	{ "gfx", "cp_pfp_ucode_gfx11",
	  "gfx_v11_0.c:gfx_v11_0_cp_gfx_load_pfp_microcode "
	  "gfx_v11_0.c:gfx_v11_0_cp_gfx_load_pfp_microcode_rs64",
	  NULL },
	{ "gfx", "cp_me_ucode_gfx11",
	  "gfx_v11_0.c:gfx_v11_0_cp_gfx_load_me_microcode "
	  "gfx_v11_0.c:gfx_v11_0_cp_gfx_load_me_microcode_rs64",
	  NULL },
	{ "gfx", "cp_mec_ucode_gfx11",
	  "gfx_v11_0.c:gfx_v11_0_cp_compute_load_microcode "
	  "gfx_v11_0.c:gfx_v11_0_cp_compute_load_microcode_rs64",
	  NULL },
	{ "gfx", "cp_rs64_ucode_gfx12",
	  "gfx_v12_0.c:gfx_v12_0_cp_gfx_load_pfp_microcode_rs64 "
	  "gfx_v12_0.c:gfx_v12_0_cp_gfx_load_me_microcode_rs64 "
	  "gfx_v12_0.c:gfx_v12_0_cp_compute_load_microcode_rs64",
	  NULL },
	{ "sdma", "ucode_v7", "sdma_v7_0.c:sdma_v7_0_load_microcode", NULL },
	{ "uvd", "vcpu", "amdgpu_uvd.c:amdgpu_uvd_sw_init", NULL },
	{ "vce", "vcpu", "amdgpu_vce.c:amdgpu_vce_sw_init", NULL },
	{ "vcn", "vcpu", "amdgpu_vcn.c:amdgpu_vcn_sw_init#vcpu_bo", NULL },
	{ "vcn", "fw_shared", "amdgpu_vcn.c:amdgpu_vcn_sw_init#fw_shared", NULL },
	{ "vcn", "fw_state", NULL,
	  "buffer pointers inside the VCN firmware's own state: no source line keeps them" },
	{ "vcn", "dpg_sram", "amdgpu_vcn.c:amdgpu_vcn_sw_init#dpg_sram", NULL },
	{ "vcn", "mm_table", "amdgpu_virt.c:amdgpu_virt_alloc_mm_table", NULL },
	{ "jpeg", "dpg_sram", "amdgpu_jpeg.c:amdgpu_jpeg_sw_init", NULL },
	{ "mes", "event_log", "amdgpu_mes.c:amdgpu_mes_event_log_init", NULL },
	{ "mes", "eop",
	  "mes_v11_0.c:mes_v11_0_allocate_eop_buf mes_v12_0.c:mes_v12_0_allocate_eop_buf", NULL },
	{ "mes", "mqd", "mes_v11_0.c:mes_v11_0_mqd_sw_init", NULL },
	{ "mes", "mqd_v12", "mes_v12_0.c:mes_v12_0_mqd_sw_init", NULL },
	/* 6.12 creates it on the hw path, 6.17 in sw_init */
	{ "mes", "resource_1",
	  "mes_v11_0.c:mes_v11_0_set_hw_resources_1 mes_v11_0.c:mes_v11_0_sw_init "
	  "mes_v12_0.c:mes_v12_0_sw_init",
	  NULL },
	{ "mes", "ucode_v11",
	  "mes_v11_0.c:mes_v11_0_allocate_ucode_buffer "
	  "mes_v11_0.c:mes_v11_0_allocate_ucode_data_buffer",
	  NULL },
	{ "mes", "ucode_v12",
	  "mes_v12_0.c:mes_v12_0_allocate_ucode_buffer "
	  "mes_v12_0.c:mes_v12_0_allocate_ucode_data_buffer",
	  NULL },
	{ "umsch", "ucode", "amdgpu_umsch_mm.c:amdgpu_umsch_mm_allocate_ucode_buffer", NULL },
	{ "umsch", "ucode_data", "amdgpu_umsch_mm.c:amdgpu_umsch_mm_allocate_ucode_data_buffer",
	  NULL },
	{ "umsch", "cmd_buf", "amdgpu_umsch_mm.c:umsch_mm_init#cmd_buf", NULL },
	{ "umsch", "log", "amdgpu_umsch_mm.c:umsch_mm_init#dbglog", NULL },
	{ "umsch", "sch_ctx", "amdgpu_umsch_mm.c:umsch_mm_init#sch_ctx", NULL },
	{ "gfx", "kcq_mqd_backup_eop", NULL,
	  "a copy inside the KCQ MQD's CPU backup, put back by memcpy on resume: no BO of its own" },
	{ "pattern1", "bo", NULL, "a synthetic RFC pattern: no kernel call site" },
	{ "pattern2", "bo", NULL, "a synthetic RFC pattern: no kernel call site" },
	{ "pattern3", "bo", NULL, "a synthetic RFC pattern: no kernel call site" },
};

const struct gmcsim_scan_cite *
gmcsim_scan_cite_find(const char *block, const char *site)
{
	for (size_t i = 0; i < sizeof(cites) / sizeof(cites[0]); i++) {
		if (strcmp(cites[i].block, block) == 0 && strcmp(cites[i].site, site) == 0)
			return &cites[i];
	}
	return NULL;
}
