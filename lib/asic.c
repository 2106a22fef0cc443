/* SPDX-License-Identifier: MIT */
/*
 * The GC IP versions libgmc models and the per-part facts the driver keys
 * its address math on. Sources: gmc-address-math.md §1-§6.
 */
#include <stdio.h>
#include <string.h>

#include "gmc-private.h"

/* gfxhub_v1_1_get_xgmi_info(), Vega20: 3-bit fields of GC 9.2.1, 4 nodes. */
static const struct gmc_xgmi_desc xgmi_vega20 = {
	.region_mask = 0x07,
	.max_mask = 0x70,
	.max_shift = 4,
	.size_mask = 0xffff,
	.max_nodes = 4,
	.max_id = 3,
};

/* Same registers on Arcturus, 8 nodes. */
static const struct gmc_xgmi_desc xgmi_arcturus = {
	.region_mask = 0x07,
	.max_mask = 0x70,
	.max_shift = 4,
	.size_mask = 0xffff,
	.max_nodes = 8,
	.max_id = 7,
};

/*
 * Aldebaran: the _ALDE registers' 4-bit REGION/MAX masks, but the size is
 * extracted with the 16-bit GC 9.2.1 mask; 16 nodes since 2021-08. The only
 * part (XGMI IP 6.1.0) where the driver reads connected_to_cpu.
 */
static const struct gmc_xgmi_desc xgmi_aldebaran = {
	.region_mask = 0x0f,
	.max_mask = 0xf0,
	.max_shift = 4,
	.size_mask = 0xffff,
	.max_nodes = 16,
	.max_id = 15,
	.reads_cpu_link = true,
};

/* gfxhub_v1_2_get_xgmi_info(), GC 9.4.3/9.4.4/9.5.0: 4-bit fields, 17-bit size, 8 nodes. */
static const struct gmc_xgmi_desc xgmi_v1_2 = {
	.region_mask = 0x0f,
	.max_mask = 0xf0,
	.max_shift = 4,
	.size_mask = 0x1ffff,
	.max_nodes = 8,
	.max_id = 7,
};

#define ALL_BITS 0xffffffffu

/*
 * Default GART: 512 MiB, 1024 MiB on the parts with "DCE SG support"
 * (gmc_v9_0_mc_init / gmc_v10_0_mc_init). FB_OFFSET is shifted unmasked
 * except by mmhub_v3_3 (GC 11.5.x).
 */
/* clang-format off: one part per row, columns aligned */
static const struct gmc_asic asics[] = {
	{ "vega10", GMC_IP_VERSION(9, 0, 1), 9, false, 512, ALL_BITS, NULL },
	{ "vega12", GMC_IP_VERSION(9, 2, 1), 9, false, 512, ALL_BITS, NULL },
	{ "vega20", GMC_IP_VERSION(9, 4, 0), 9, false, 512, ALL_BITS, &xgmi_vega20 },
	{ "arcturus", GMC_IP_VERSION(9, 4, 1), 9, false, 512, ALL_BITS, &xgmi_arcturus },
	{ "aldebaran", GMC_IP_VERSION(9, 4, 2), 9, false, 512, ALL_BITS, &xgmi_aldebaran },
	{ "raven", GMC_IP_VERSION(9, 1, 0), 9, true, 1024, ALL_BITS, NULL },
	{ "raven2", GMC_IP_VERSION(9, 2, 2), 9, true, 1024, ALL_BITS, NULL },
	{ "renoir", GMC_IP_VERSION(9, 3, 0), 9, true, 1024, ALL_BITS, NULL },
	{ "gc943", GMC_IP_VERSION(9, 4, 3), 9, false, 512, ALL_BITS, &xgmi_v1_2 },
	{ "gc944", GMC_IP_VERSION(9, 4, 4), 9, false, 512, ALL_BITS, &xgmi_v1_2 },
	{ "gc950", GMC_IP_VERSION(9, 5, 0), 9, false, 512, ALL_BITS, &xgmi_v1_2 },
	{ "navi10", GMC_IP_VERSION(10, 1, 10), 10, false, 512, ALL_BITS, NULL },
	{ "navi14", GMC_IP_VERSION(10, 1, 1), 10, false, 512, ALL_BITS, NULL },
	{ "navi12", GMC_IP_VERSION(10, 1, 2), 10, false, 512, ALL_BITS, NULL },
	{ "sienna_cichlid", GMC_IP_VERSION(10, 3, 0), 10, false, 512, ALL_BITS, NULL },
	{ "vangogh", GMC_IP_VERSION(10, 3, 1), 10, true, 1024, ALL_BITS, NULL },
	{ "navy_flounder", GMC_IP_VERSION(10, 3, 2), 10, false, 512, ALL_BITS, NULL },
	{ "yellow_carp", GMC_IP_VERSION(10, 3, 3), 10, true, 1024, ALL_BITS, NULL },
	{ "dimgrey_cavefish", GMC_IP_VERSION(10, 3, 4), 10, false, 512, ALL_BITS, NULL },
	{ "beige_goby", GMC_IP_VERSION(10, 3, 5), 10, false, 512, ALL_BITS, NULL },
	{ "gc1036", GMC_IP_VERSION(10, 3, 6), 10, true, 1024, ALL_BITS, NULL },
	{ "gc1037", GMC_IP_VERSION(10, 3, 7), 10, true, 1024, ALL_BITS, NULL },
	{ "gc1100", GMC_IP_VERSION(11, 0, 0), 11, false, 512, ALL_BITS, NULL },
	{ "gc1150", GMC_IP_VERSION(11, 5, 0), 11, true, 512, GMC_FB_FIELD_MASK, NULL },
	{ "gc1200", GMC_IP_VERSION(12, 0, 0), 12, false, 512, ALL_BITS, NULL },
};
/* clang-format on */

#define N_ASICS (sizeof(asics) / sizeof(asics[0]))

/* Parse "9.4.0" strictly: three decimal numbers 0..255, nothing else. */
static bool
parse_gc(const char *text, uint32_t *out)
{
	unsigned part[3];
	const char *p = text;

	for (int i = 0; i < 3; i++) {
		unsigned v = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*p - '0');
			p++;
			digits++;
		}
		if (digits == 0 || v > 255)
			return false;
		part[i] = v;
		if (i < 2) {
			if (*p != '.')
				return false;
			p++;
		}
	}
	if (*p != '\0')
		return false;
	*out = GMC_IP_VERSION(part[0], part[1], part[2]);
	return true;
}

GMC_EXPORT int
gmc_asic_from_gc(uint32_t gc, const struct gmc_asic **out, struct gmc_error *err)
{
	for (size_t i = 0; i < N_ASICS; i++) {
		if (asics[i].gc == gc) {
			*out = &asics[i];
			return 0;
		}
	}
	return gmc_error_set(err, -ENOENT,
			     "GC %u.%u.%u is not a modelled part (see 'gmcsim asics')",
			     GMC_IP_MAJ(gc), GMC_IP_MIN(gc), GMC_IP_REV(gc));
}

GMC_EXPORT int
gmc_asic_find(const char *text, const struct gmc_asic **out, struct gmc_error *err)
{
	uint32_t gc;

	if (!text || !*text)
		return gmc_error_set(err, -EINVAL, "no ASIC name or GC version given");
	if (parse_gc(text, &gc))
		return gmc_asic_from_gc(gc, out, err);
	for (size_t i = 0; i < N_ASICS; i++) {
		if (strcmp(asics[i].name, text) == 0) {
			*out = &asics[i];
			return 0;
		}
	}
	return gmc_error_set(err, -ENOENT,
			     "'%.60s' is neither a modelled ASIC name nor a GC version", text);
}

GMC_EXPORT size_t
gmc_asic_count(void)
{
	return N_ASICS;
}

GMC_EXPORT const struct gmc_asic *
gmc_asic_at(size_t index)
{
	return index < N_ASICS ? &asics[index] : NULL;
}

GMC_EXPORT const char *
gmc_asic_name(const struct gmc_asic *asic)
{
	return asic->name;
}

GMC_EXPORT uint32_t
gmc_asic_gc(const struct gmc_asic *asic)
{
	return asic->gc;
}

GMC_EXPORT const char *
gmc_asic_gc_string(const struct gmc_asic *asic, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", GMC_IP_MAJ(asic->gc), GMC_IP_MIN(asic->gc),
		 GMC_IP_REV(asic->gc));
	return buf;
}

GMC_EXPORT unsigned
gmc_asic_gmc_version(const struct gmc_asic *asic)
{
	return asic->gmc;
}

GMC_EXPORT bool
gmc_asic_is_apu(const struct gmc_asic *asic)
{
	return asic->apu;
}

GMC_EXPORT bool
gmc_asic_has_xgmi(const struct gmc_asic *asic)
{
	return asic->xgmi != NULL;
}
