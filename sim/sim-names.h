/* SPDX-License-Identifier: MIT */
/*
 * The name tables the JSON readers look names up in (sim-names.c holds every
 * name table of libgmcsim). Each is indexed by its enum's values; NULL marks a
 * value without a name in that vocabulary.
 */
#ifndef GMCSIM_SIM_NAMES_H
#define GMCSIM_SIM_NAMES_H

#include <gmc/gmcsim.h>

/** Entries of sim_fw_load_names: every enum gmcsim_fw_load. */
#define SIM_FW_LOAD_COUNT (GMCSIM_FW_DIRECT + 1)
/** Entries of sim_addr_names: enum gmc_addr_kind up to GMC_ADDR_CPU. */
#define SIM_ADDR_COUNT (GMC_ADDR_CPU + 1)
/** Entries of sim_bar_role_names: every enum gmcsim_bar_role. */
#define SIM_BAR_ROLE_COUNT (GMCSIM_BAR_OTHER + 1)
/** Entries of sim_domain_names and sim_domain_bits. */
#define SIM_DOMAIN_COUNT 4

/** The driver's IP-block hooks, in call order ("sw_init"). */
extern const char *const sim_hook_names[GMCSIM_HOOK_COUNT];
/** How a site caches its address ("field", "derived"). */
extern const char *const sim_cache_names[GMCSIM_CACHE_COUNT];
/** Firmware-load paths a site exists on ("any", "psp", "direct"). */
extern const char *const sim_fw_load_names[SIM_FW_LOAD_COUNT];
/** What a site may cache: "mc", "pa", "cpu"; the FB-aperture address is never a cache. */
extern const char *const sim_addr_names[SIM_ADDR_COUNT];
/** What a BAR is ("vram", "doorbell", "mmio", "other"). */
extern const char *const sim_bar_role_names[SIM_BAR_ROLE_COUNT];
/** The domains a site requests (AMDGPU_GEM_DOMAIN_*): "vram", "gtt", "vram|gtt", "gtt|vram". */
extern const char *const sim_domain_names[SIM_DOMAIN_COUNT];
/** The enum gmc_domain bits of each of sim_domain_names. */
extern const unsigned sim_domain_bits[SIM_DOMAIN_COUNT];

/** Entries of sim_pg_names, sim_param_names, sim_host_names: one per bit. */
#define SIM_PG_COUNT 2
#define SIM_PARAM_COUNT 4
#define SIM_HOST_COUNT 1

/** The modelled kernels' versions, GMC_IP_VERSION(6, 17, 0), for "<6.17" in block files. */
extern const uint32_t sim_kernel_versions[GMCSIM_KERNEL_COUNT];
/** Copies per device ("one", "per-xcc", …). */
extern const char *const sim_multiplicity_names[GMCSIM_MULT_COUNT];
/** enum gmcsim_pg bits by index ("vcn_dpg", "jpeg_dpg"). */
extern const char *const sim_pg_names[SIM_PG_COUNT];
/** enum gmcsim_param bits by index ("mes_log_enable", …). */
extern const char *const sim_param_names[SIM_PARAM_COUNT];
/** enum gmcsim_host_feature bits by index ("mes_info"). */
extern const char *const sim_host_names[SIM_HOST_COUNT];
/** Firmware a condition may test, by enum gmcsim_fw ("mec", "smc", …). */
extern const char *const sim_fw_names[GMCSIM_FW_COUNT];
/** A condition's "sriov" by enum gmcsim_when: "vf", "bare-metal". */
extern const char *const sim_sriov_names[3];
/** A condition's "vf_mode" by enum gmcsim_when: "one-vf", "multi-vf". */
extern const char *const sim_vf_mode_names[3];
/** A condition's "hive" by enum gmcsim_when: "multi", "single". */
extern const char *const sim_hive_names[3];

#endif /* GMCSIM_SIM_NAMES_H */
