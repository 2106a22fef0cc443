/* SPDX-License-Identifier: MIT */
/*
 * Every name table of libgmcsim, both ways: fixes, findings and their
 * severities, swap points, and the catalog's and profiles' vocabularies
 * (hooks, caches, firmware-load paths, addresses, domains, BAR roles) that
 * the JSON readers look up through sim-names.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim-names.h"

static const char *const fix_names[GMCSIM_FIX_COUNT] = {
	[GMCSIM_FIX_NONE] = "none",	    [GMCSIM_FIX_RFC] = "rfc",
	[GMCSIM_FIX_RFC_ALL] = "rfc-all",   [GMCSIM_FIX_P2_PINFIX] = "p2-pinfix",
	[GMCSIM_FIX_UPSTREAM] = "upstream",
};

static const struct {
	const char *name;
	enum gmcsim_severity severity;
} kinds[GMCSIM_FINDING_KIND_COUNT] = {
	[GMCSIM_STALE_MC] = { "stale-mc", GMCSIM_SEV_ERROR },
	[GMCSIM_STALE_PA] = { "stale-pa", GMCSIM_SEV_ERROR },
	[GMCSIM_MIXED_STALE] = { "mixed-stale", GMCSIM_SEV_ERROR },
	[GMCSIM_STALE_CONTENT] = { "stale-content", GMCSIM_SEV_ERROR },
	[GMCSIM_STALE_PTE] = { "stale-pte", GMCSIM_SEV_ERROR },
	/* another VM's memory */
	[GMCSIM_CROSS_SEGMENT] = { "cross-segment", GMCSIM_SEV_CRITICAL },
	[GMCSIM_PIN_LEAK] = { "pin-leak", GMCSIM_SEV_WARNING },
	[GMCSIM_PIN_UNDERFLOW] = { "pin-underflow", GMCSIM_SEV_WARNING },
	[GMCSIM_FREE_IN_SUSPEND] = { "free-in-suspend", GMCSIM_SEV_WARNING },
	[GMCSIM_RELEASE_PINNED] = { "release-pinned", GMCSIM_SEV_WARNING },
	[GMCSIM_USE_AFTER_FREE] = { "use-after-free", GMCSIM_SEV_CRITICAL },
	[GMCSIM_FIRMWARE_OPAQUE] = { "firmware-opaque", GMCSIM_SEV_WARNING },
	[GMCSIM_BAR_MOVED] = { "bar-moved", GMCSIM_SEV_ERROR },
	[GMCSIM_MSIX_STALE] = { "msix-stale", GMCSIM_SEV_ERROR },
	[GMCSIM_IDENTITY_CHANGED] = { "identity-changed", GMCSIM_SEV_INFO },
};

static const char *const severity_names[GMCSIM_SEV_COUNT] = {
	[GMCSIM_SEV_INFO] = "info",
	[GMCSIM_SEV_WARNING] = "warning",
	[GMCSIM_SEV_ERROR] = "error",
	[GMCSIM_SEV_CRITICAL] = "critical",
};

/* The index of @p name in @p names (NULL: none), or -1. */
static int
name_index(const char *const *names, unsigned n, const char *name)
{
	for (unsigned i = 0; name && i < n; i++) {
		if (names[i] && strcmp(names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

GMCSIM_EXPORT const char *
gmcsim_fix_name(enum gmcsim_fix fix)
{
	return (unsigned)fix < GMCSIM_FIX_COUNT ? fix_names[fix] : "unknown";
}

GMCSIM_EXPORT int
gmcsim_fix_from_name(const char *name, enum gmcsim_fix *out)
{
	int i = name_index(fix_names, GMCSIM_FIX_COUNT, name);

	if (i < 0)
		return -ENOENT;
	*out = (enum gmcsim_fix)i;
	return 0;
}

GMCSIM_EXPORT const char *
gmcsim_finding_kind_name(enum gmcsim_finding_kind kind)
{
	return (unsigned)kind < GMCSIM_FINDING_KIND_COUNT ? kinds[kind].name : "unknown";
}

GMCSIM_EXPORT int
gmcsim_finding_kind_from_name(const char *name, enum gmcsim_finding_kind *out)
{
	for (unsigned i = 0; name && i < GMCSIM_FINDING_KIND_COUNT; i++) {
		if (strcmp(kinds[i].name, name) == 0) {
			*out = (enum gmcsim_finding_kind)i;
			return 0;
		}
	}
	return -ENOENT;
}

GMCSIM_EXPORT enum gmcsim_severity
gmcsim_finding_kind_severity(enum gmcsim_finding_kind kind)
{
	return (unsigned)kind < GMCSIM_FINDING_KIND_COUNT ? kinds[kind].severity : GMCSIM_SEV_ERROR;
}

GMCSIM_EXPORT const char *
gmcsim_severity_name(enum gmcsim_severity sev)
{
	return (unsigned)sev < GMCSIM_SEV_COUNT ? severity_names[sev] : "unknown";
}

GMCSIM_EXPORT int
gmcsim_severity_from_name(const char *name, enum gmcsim_severity *out)
{
	int i = name_index(severity_names, GMCSIM_SEV_COUNT, name);

	if (i < 0)
		return -ENOENT;
	*out = (enum gmcsim_severity)i;
	return 0;
}

static const struct {
	const char *name;
	enum gmcsim_swap_kind kind;
	bool block; /* takes ":BLOCK" */
} swaps[] = {
	{ "none", GMCSIM_SWAP_NONE, false },
	{ "before-suspend", GMCSIM_SWAP_BEFORE_SUSPEND, false },
	{ "after-suspend", GMCSIM_SWAP_AFTER_BLOCK_SUSPEND, true },
	{ "after-suspend", GMCSIM_SWAP_AFTER_SUSPEND, false },
	{ "resume", GMCSIM_SWAP_BEFORE_BLOCK_RESUME, true },
	{ "after-resume", GMCSIM_SWAP_AFTER_RESUME, false },
};

GMCSIM_EXPORT int
gmcsim_swap_parse(const char *text, struct gmcsim_swap *out)
{
	const char *colon;
	size_t len;

	if (!text || !out)
		return -EINVAL;
	colon = strchr(text, ':');
	len = colon ? (size_t)(colon - text) : strlen(text);
	for (size_t i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++) {
		if (strlen(swaps[i].name) != len || strncmp(swaps[i].name, text, len) != 0 ||
		    swaps[i].block != (colon != NULL))
			continue;
		if (colon && (!colon[1] || strlen(colon + 1) >= GMCSIM_NAME_MAX))
			return -EINVAL;
		out->kind = swaps[i].kind;
		snprintf(out->block, sizeof(out->block), "%s", colon ? colon + 1 : "");
		return 0;
	}
	return -EINVAL;
}

GMCSIM_EXPORT const char *
gmcsim_swap_format(const struct gmcsim_swap *swap, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++) {
		if (swaps[i].kind != swap->kind)
			continue;
		if (swaps[i].block)
			snprintf(buf, len, "%s:%s", swaps[i].name, swap->block);
		else
			snprintf(buf, len, "%s", swaps[i].name);
		return buf;
	}
	snprintf(buf, len, "unknown");
	return buf;
}

/* ------------------------------------------------------------------ */
/* The catalog's and profiles' vocabularies                            */
/* ------------------------------------------------------------------ */

const char *const sim_hook_names[GMCSIM_HOOK_COUNT] = {
	[GMCSIM_HOOK_EARLY_INIT] = "early_init", [GMCSIM_HOOK_SW_INIT] = "sw_init",
	[GMCSIM_HOOK_HW_INIT] = "hw_init",	 [GMCSIM_HOOK_LATE_INIT] = "late_init",
	[GMCSIM_HOOK_SUSPEND] = "suspend",	 [GMCSIM_HOOK_RESUME] = "resume",
	[GMCSIM_HOOK_HW_FINI] = "hw_fini",	 [GMCSIM_HOOK_SW_FINI] = "sw_fini",
};

const char *const sim_cache_names[GMCSIM_CACHE_COUNT] = {
	[GMCSIM_CACHE_FIELD] = "field",	      [GMCSIM_CACHE_DERIVED] = "derived",
	[GMCSIM_CACHE_CONTENT] = "content",   [GMCSIM_CACHE_MIXED] = "mixed",
	[GMCSIM_CACHE_PTE] = "pte",	      [GMCSIM_CACHE_REGISTER] = "register",
	[GMCSIM_CACHE_FIRMWARE] = "firmware", [GMCSIM_CACHE_NONE] = "none",
};

const char *const sim_fw_load_names[SIM_FW_LOAD_COUNT] = {
	[GMCSIM_FW_ANY] = "any",
	[GMCSIM_FW_PSP] = "psp",
	[GMCSIM_FW_DIRECT] = "direct",
};

/* GMC_ADDR_FB_APER is what the 6.17 fix computes, never a cache: no name here */
const char *const sim_addr_names[SIM_ADDR_COUNT] = {
	[GMC_ADDR_MC] = "mc",
	[GMC_ADDR_PA] = "pa",
	[GMC_ADDR_CPU] = "cpu",
};

const char *const sim_bar_role_names[SIM_BAR_ROLE_COUNT] = {
	[GMCSIM_BAR_VRAM] = "vram",
	[GMCSIM_BAR_DOORBELL] = "doorbell",
	[GMCSIM_BAR_MMIO] = "mmio",
	[GMCSIM_BAR_OTHER] = "other",
};

/* "vram|gtt" is VRAM preferred with GTT fallback; docs/catalog.md accepts "gtt|vram" too */
const char *const sim_domain_names[SIM_DOMAIN_COUNT] = { "vram", "gtt", "vram|gtt", "gtt|vram" };
const unsigned sim_domain_bits[SIM_DOMAIN_COUNT] = {
	GMC_DOMAIN_VRAM,
	GMC_DOMAIN_GTT,
	GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT,
	GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT,
};

GMCSIM_EXPORT const char *
gmcsim_hook_name(enum gmcsim_hook hook)
{
	return (unsigned)hook < GMCSIM_HOOK_COUNT ? sim_hook_names[hook] : NULL;
}

GMCSIM_EXPORT const char *
gmcsim_cache_name(enum gmcsim_cache cache)
{
	return (unsigned)cache < GMCSIM_CACHE_COUNT ? sim_cache_names[cache] : NULL;
}

GMCSIM_EXPORT const char *
gmcsim_bar_role_name(enum gmcsim_bar_role role)
{
	return (unsigned)role < SIM_BAR_ROLE_COUNT ? sim_bar_role_names[role] : "other";
}

/* newest first: enum gmcsim_kernel's 0 is the default */
static const char *const kernel_names[GMCSIM_KERNEL_COUNT] = {
	[GMCSIM_KERNEL_6_18] = "6.18",
	[GMCSIM_KERNEL_6_17] = "6.17",
	[GMCSIM_KERNEL_6_12] = "6.12",
};

const uint32_t sim_kernel_versions[GMCSIM_KERNEL_COUNT] = {
	[GMCSIM_KERNEL_6_18] = GMC_IP_VERSION(6, 18, 0),
	[GMCSIM_KERNEL_6_17] = GMC_IP_VERSION(6, 17, 0),
	[GMCSIM_KERNEL_6_12] = GMC_IP_VERSION(6, 12, 0),
};

GMCSIM_EXPORT const char *
gmcsim_kernel_name(enum gmcsim_kernel kernel)
{
	return (unsigned)kernel < GMCSIM_KERNEL_COUNT ? kernel_names[kernel] : "unknown";
}

GMCSIM_EXPORT int
gmcsim_kernel_from_name(const char *name, enum gmcsim_kernel *out)
{
	int i = name_index(kernel_names, GMCSIM_KERNEL_COUNT, name);

	if (i < 0)
		return -ENOENT;
	*out = (enum gmcsim_kernel)i;
	return 0;
}

const char *const sim_multiplicity_names[GMCSIM_MULT_COUNT] = {
	[GMCSIM_MULT_ONE] = "one",
	[GMCSIM_MULT_PER_XCC] = "per-xcc",
	[GMCSIM_MULT_PER_XCC_COMPUTE_RING] = "per-xcc-compute-ring",
	[GMCSIM_MULT_PER_VCN] = "per-vcn",
	[GMCSIM_MULT_PER_PIPE] = "per-pipe",
	[GMCSIM_MULT_PER_FIRMWARE] = "per-firmware",
};

/* bit i of enum gmcsim_pg, gmcsim_param, gmcsim_host_feature is entry i */
const char *const sim_pg_names[SIM_PG_COUNT] = { "vcn_dpg", "jpeg_dpg" };
const char *const sim_param_names[SIM_PARAM_COUNT] = { "mes_log_enable", "umsch_mm",
						       "smu_memory_pool_size", "mcbp" };
const char *const sim_host_names[SIM_HOST_COUNT] = { "mes_info" };

const char *const sim_fw_names[GMCSIM_FW_COUNT] = {
	[GMCSIM_FW_MEC] = "mec", [GMCSIM_FW_ME] = "me",	  [GMCSIM_FW_PFP] = "pfp",
	[GMCSIM_FW_MES] = "mes", [GMCSIM_FW_SMC] = "smc",
};

/* a condition's "sriov", "vf_mode" and "hive": GMCSIM_WHEN_YES, then GMCSIM_WHEN_NO */
const char *const sim_sriov_names[3] = {
	[GMCSIM_WHEN_YES] = "vf", [GMCSIM_WHEN_NO] = "bare-metal"
};
const char *const sim_vf_mode_names[3] = {
	[GMCSIM_WHEN_YES] = "one-vf", [GMCSIM_WHEN_NO] = "multi-vf"
};
const char *const sim_hive_names[3] = { [GMCSIM_WHEN_YES] = "multi", [GMCSIM_WHEN_NO] = "single" };
