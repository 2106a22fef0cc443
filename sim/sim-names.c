/* SPDX-License-Identifier: MIT */
/* Names of fixes, findings, severities and swap points, both ways. */
#include <stdio.h>
#include <string.h>

#include "sim-private.h"
#include "util.h"

static const char *const fix_names[GMCSIM_FIX_COUNT] = {
	[GMCSIM_FIX_NONE] = "none",
	[GMCSIM_FIX_RFC] = "rfc",
	[GMCSIM_FIX_RFC_ALL] = "rfc-all",
	[GMCSIM_FIX_P2_PINFIX] = "p2-pinfix",
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

GMCSIM_EXPORT const char *
gmcsim_fix_name(enum gmcsim_fix fix)
{
	return (unsigned)fix < GMCSIM_FIX_COUNT ? fix_names[fix] : "unknown";
}

GMCSIM_EXPORT int
gmcsim_fix_from_name(const char *name, enum gmcsim_fix *out)
{
	for (unsigned i = 0; name && i < GMCSIM_FIX_COUNT; i++) {
		if (strcmp(fix_names[i], name) == 0) {
			*out = (enum gmcsim_fix)i;
			return 0;
		}
	}
	return -ENOENT;
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
	return (unsigned)kind < GMCSIM_FINDING_KIND_COUNT ? kinds[kind].severity
							    : GMCSIM_SEV_ERROR;
}

GMCSIM_EXPORT const char *
gmcsim_severity_name(enum gmcsim_severity sev)
{
	return (unsigned)sev < GMCSIM_SEV_COUNT ? severity_names[sev] : "unknown";
}

GMCSIM_EXPORT int
gmcsim_severity_from_name(const char *name, enum gmcsim_severity *out)
{
	for (unsigned i = 0; name && i < GMCSIM_SEV_COUNT; i++) {
		if (strcmp(severity_names[i], name) == 0) {
			*out = (enum gmcsim_severity)i;
			return 0;
		}
	}
	return -ENOENT;
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
