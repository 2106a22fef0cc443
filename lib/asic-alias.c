/* SPDX-License-Identifier: MIT */
/*
 * The names users type for a part besides libgmc's own: chip code names,
 * products and LLVM processors, and the lookup that takes all of them.
 *
 * Sources: an LLVM processor is the KFD's gfx_target_version for the GC
 * version (amdkfd/kfd_device.c, kgd2kfd_probe(): GC 9.4.3 rev >= 1 and
 * 9.4.4 both report gfx942, 9.1.0 and 9.2.2 both gfx902, 10.3.6 and 10.3.7
 * both gfx1036, so those names are ambiguous). Code names and products are
 * the ones the kernel's comments, ROCm's GPU tables and pci.ids pair with
 * the GC version. MI325X is gfx942, but whether it carries GC 9.4.3 or
 * 9.4.4 is not established (docs/profiles.md), so it is ambiguous too.
 * Only names that mean a modelled part are here: "mi300a" (an APU with GC
 * 9.4.3, where gc943 is modelled as a dGPU) is not.
 */
#include <stdio.h>
#include <string.h>

#include "gmc-private.h"

#define CODE GMC_ASIC_ALIAS_CODENAME
#define PRODUCT GMC_ASIC_ALIAS_PRODUCT
#define LLVM GMC_ASIC_ALIAS_LLVM

/* Grouped by part, in the order of the part table (lib/asic.c). */
/* clang-format off: one alias per row */
static const struct gmc_asic_alias aliases[] = {
	{ "gfx900", LLVM, 1, { "vega10" } },
	{ "gfx904", LLVM, 1, { "vega12" } },
	{ "mi50", PRODUCT, 1, { "vega20" } },
	{ "mi60", PRODUCT, 1, { "vega20" } },
	{ "gfx906", LLVM, 1, { "vega20" } },
	{ "mi100", PRODUCT, 1, { "arcturus" } },
	{ "gfx908", LLVM, 1, { "arcturus" } },
	{ "mi210", PRODUCT, 1, { "aldebaran" } },
	{ "mi250", PRODUCT, 1, { "aldebaran" } },
	{ "mi250x", PRODUCT, 1, { "aldebaran" } },
	{ "gfx90a", LLVM, 1, { "aldebaran" } },
	{ "gfx902", LLVM, 2, { "raven", "raven2" } },
	{ "gfx90c", LLVM, 1, { "renoir" } },
	{ "mi300x", PRODUCT, 1, { "gc943" } },
	{ "mi325x", PRODUCT, 2, { "gc943", "gc944" } },
	{ "gfx942", LLVM, 2, { "gc943", "gc944" } },
	{ "mi350x", PRODUCT, 1, { "gc950" } },
	{ "mi355x", PRODUCT, 1, { "gc950" } },
	{ "gfx950", LLVM, 1, { "gc950" } },
	{ "gfx1010", LLVM, 1, { "navi10" } },
	{ "gfx1012", LLVM, 1, { "navi14" } },
	{ "gfx1011", LLVM, 1, { "navi12" } },
	{ "navi21", CODE, 1, { "sienna_cichlid" } },
	{ "gfx1030", LLVM, 1, { "sienna_cichlid" } },
	{ "gfx1033", LLVM, 1, { "vangogh" } },
	{ "navi22", CODE, 1, { "navy_flounder" } },
	{ "gfx1031", LLVM, 1, { "navy_flounder" } },
	{ "rembrandt", CODE, 1, { "yellow_carp" } },
	{ "gfx1035", LLVM, 1, { "yellow_carp" } },
	{ "navi23", CODE, 1, { "dimgrey_cavefish" } },
	{ "gfx1032", LLVM, 1, { "dimgrey_cavefish" } },
	{ "navi24", CODE, 1, { "beige_goby" } },
	{ "gfx1034", LLVM, 1, { "beige_goby" } },
	{ "gfx1036", LLVM, 2, { "gc1036", "gc1037" } },
	{ "navi31", CODE, 1, { "gc1100" } },
	{ "gfx1100", LLVM, 1, { "gc1100" } },
	{ "gfx1150", LLVM, 1, { "gc1150" } },
	{ "navi44", CODE, 1, { "gc1200" } },
	{ "gfx1200", LLVM, 1, { "gc1200" } },
};
/* clang-format on */

#define N_ALIASES (sizeof(aliases) / sizeof(aliases[0]))

GMC_EXPORT size_t
gmc_asic_alias_count(void)
{
	return N_ALIASES;
}

GMC_EXPORT const struct gmc_asic_alias *
gmc_asic_alias_at(size_t index)
{
	return index < N_ALIASES ? &aliases[index] : NULL;
}

GMC_EXPORT const char *
gmc_asic_alias_kind_name(enum gmc_asic_alias_kind kind)
{
	switch (kind) {
	case GMC_ASIC_ALIAS_CODENAME:
		return "code name";
	case GMC_ASIC_ALIAS_PRODUCT:
		return "product";
	case GMC_ASIC_ALIAS_LLVM:
		return "LLVM target";
	}
	return "unknown";
}

static size_t
common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* A shorter shared start says nothing: "gfx" or "nav" fit too many names. */
#define MIN_CLOSE_PREFIX 4

/*
 * The names (parts' and aliases') that share the longest start with @text,
 * at least MIN_CLOSE_PREFIX characters, as ", "-separated text in @buf.
 */
static void
close_names(const char *text, char *buf, size_t len)
{
	size_t best = MIN_CLOSE_PREFIX, used = 0;

	buf[0] = '\0';
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < gmc_asic_count() + N_ALIASES; i++) {
			const char *name = i < gmc_asic_count()
						   ? gmc_asic_name(gmc_asic_at(i))
						   : aliases[i - gmc_asic_count()].name;
			size_t n = common_prefix(text, name);

			if (pass == 0 && n > best)
				best = n;
			else if (pass == 1 && n == best && used + strlen(name) + 3 < len)
				used += (size_t)snprintf(buf + used, len - used, "%s%s",
							 used ? ", " : "", name);
		}
	}
}

GMC_EXPORT int
gmc_asic_lookup(const char *text, const struct gmc_asic **out, const struct gmc_asic_alias **alias,
		struct gmc_error *err)
{
	const struct gmc_asic *a;
	char close[96], gc0[16], gc1[16];

	if (!text || !*text)
		return gmc_error_set(err, -EINVAL, "no ASIC name or GC version given");
	if (gmc_asic_find(text, &a, NULL) == 0) {
		*out = a;
		if (alias)
			*alias = NULL;
		return 0;
	}
	for (size_t i = 0; i < N_ALIASES; i++) {
		const struct gmc_asic_alias *al = &aliases[i];
		const struct gmc_asic *b;

		if (strcmp(al->name, text) != 0)
			continue;
		if (gmc_asic_find(al->parts[0], &a, NULL) != 0)
			return gmc_error_set(err, -ENOENT, "alias '%s' names no modelled part",
					     al->name);
		if (al->n_parts > 1) {
			/* the table has two parts at most: say both */
			if (gmc_asic_find(al->parts[1], &b, NULL) != 0)
				return gmc_error_set(err, -ENOENT,
						     "alias '%s' names no modelled part", al->name);
			return gmc_error_set(
				err, -EINVAL,
				"'%s' (%s) is ambiguous: it is %s (GC %s) or %s (GC "
				"%s); give one of those",
				al->name, gmc_asic_alias_kind_name(al->kind), gmc_asic_name(a),
				gmc_asic_gc_string(a, gc0, sizeof(gc0)), gmc_asic_name(b),
				gmc_asic_gc_string(b, gc1, sizeof(gc1)));
		}
		*out = a;
		if (alias)
			*alias = al;
		return 0;
	}
	close_names(text, close, sizeof(close));
	if (close[0])
		return gmc_error_set(err, -ENOENT,
				     "'%.40s' is no modelled part, GC version or alias; close: %s "
				     "(see 'gmcsim asics')",
				     text, close);
	return gmc_error_set(
		err, -ENOENT,
		"'%.40s' is no modelled part, GC version or alias (see 'gmcsim asics')", text);
}
