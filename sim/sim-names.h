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

#endif /* GMCSIM_SIM_NAMES_H */
