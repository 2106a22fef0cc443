/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-asic.h
 * The GC IP versions libgmc models, with the per-part facts the driver
 * keys its address math on (gmc generation, APU, XGMI support).
 */
#ifndef GMC_ASIC_H
#define GMC_ASIC_H

#include <gmc/gmc-common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One modelled part. Entries are static and never freed. */
struct gmc_asic;

/**
 * Find a part by its name ("vega20", "gc944", …) or GC version text
 * ("9.4.0"). Case matters for names, which are lowercase.
 *
 * @param text  a name or a dotted GC version
 * @param[out] out the part; untouched on failure
 * @param err   optional failure report
 * @retval 0 found
 * @retval -ENOENT no modelled part has that name or version
 * @retval -EINVAL text is NULL or empty
 */
GMC_EXPORT int gmc_asic_find(const char *text, const struct gmc_asic **out, struct gmc_error *err);

/**
 * Find a part by its packed GC version (GMC_IP_VERSION()).
 *
 * @param gc    the packed GC IP version
 * @param[out] out the part (static, never freed); untouched on failure
 * @param err   optional failure report
 * @retval 0 found
 * @retval -ENOENT no modelled part has that version
 */
GMC_EXPORT int gmc_asic_from_gc(uint32_t gc, const struct gmc_asic **out, struct gmc_error *err);

/**
 * Number of modelled parts; with gmc_asic_at() they can be listed.
 *
 * @return the number of parts
 */
GMC_EXPORT size_t gmc_asic_count(void);

/**
 * The part at @p index, in table order (gmc v9 first).
 *
 * @param index 0 .. gmc_asic_count() - 1
 * @return the part (static, never freed), or NULL when @p index >=
 *         gmc_asic_count()
 */
GMC_EXPORT const struct gmc_asic *gmc_asic_at(size_t index);

/**
 * The part's name.
 *
 * @param asic a part from gmc_asic_find(), gmc_asic_from_gc() or gmc_asic_at()
 * @return its lowercase name, e.g. "vega20"; a static string
 */
GMC_EXPORT const char *gmc_asic_name(const struct gmc_asic *asic);

/**
 * The part's GC IP version.
 *
 * @param asic the part
 * @return the packed version, e.g. GMC_IP_VERSION(9, 4, 0)
 */
GMC_EXPORT uint32_t gmc_asic_gc(const struct gmc_asic *asic);

/**
 * Format the GC version as "9.4.0".
 *
 * @param asic the part
 * @param buf  the caller's buffer; 12 bytes always suffice
 * @param len  bytes in @p buf; the text is cut to fit and NUL-terminated
 * @return @p buf
 */
GMC_EXPORT const char *gmc_asic_gc_string(const struct gmc_asic *asic, char *buf, size_t len);

/**
 * The GMC generation whose code computes the layout.
 *
 * @param asic the part
 * @return 9, 10, 11 or 12 (gmc_v9_0.c … gmc_v12_0.c)
 */
GMC_EXPORT unsigned gmc_asic_gmc_version(const struct gmc_asic *asic);

/**
 * Whether the part is an APU (its VRAM is a carve-out of system memory).
 *
 * @param asic the part
 * @return true for an APU (AMD_IS_APU)
 */
GMC_EXPORT bool gmc_asic_is_apu(const struct gmc_asic *asic);

/**
 * Whether the driver reads XGMI info on this part (xgmi.supported).
 *
 * @param asic the part
 * @return true on Vega20, Arcturus, Aldebaran and GC 9.4.3/9.4.4/9.5.0
 */
GMC_EXPORT bool gmc_asic_has_xgmi(const struct gmc_asic *asic);

/** What kind of name an alias of a part is. */
enum gmc_asic_alias_kind {
	GMC_ASIC_ALIAS_CODENAME = 0, /**< a chip's code name, e.g. "navi21" */
	GMC_ASIC_ALIAS_PRODUCT,	     /**< a product, e.g. "mi300x" */
	GMC_ASIC_ALIAS_LLVM,	     /**< an LLVM processor (the KFD's gfx target), e.g. "gfx950" */
};

/** The most parts one alias can stand for. */
#define GMC_ASIC_ALIAS_MAX_PARTS 2

/**
 * A name users type for a part besides its own (gmc_asic_name()). An alias
 * with more than one part is ambiguous: gmc_asic_lookup() refuses it and
 * names the parts. Entries are static and never freed.
 */
struct gmc_asic_alias {
	const char *name;			     /**< lowercase, e.g. "navi21" */
	enum gmc_asic_alias_kind kind;		     /**< what sort of name it is */
	unsigned n_parts;			     /**< 1, or more when the name is ambiguous */
	const char *parts[GMC_ASIC_ALIAS_MAX_PARTS]; /**< the parts' own names */
};

/**
 * Number of aliases; with gmc_asic_alias_at() they can be listed.
 *
 * @return the number of aliases
 */
GMC_EXPORT size_t gmc_asic_alias_count(void);

/**
 * The alias at @p index, grouped by part in gmc_asic_at() order.
 *
 * @param index 0 .. gmc_asic_alias_count() - 1
 * @return the alias (static, never freed), or NULL when @p index >=
 *         gmc_asic_alias_count()
 */
GMC_EXPORT const struct gmc_asic_alias *gmc_asic_alias_at(size_t index);

/**
 * The kind's name as listings print it.
 *
 * @param kind an alias kind
 * @return "code name", "product" or "LLVM target"; "unknown" out of range
 */
GMC_EXPORT const char *gmc_asic_alias_kind_name(enum gmc_asic_alias_kind kind);

/**
 * Find a part by what a user types: its name, a dotted GC version, or an
 * alias (a code name such as "navi21", a product such as "mi300x", an LLVM
 * processor such as "gfx950"). gmc_asic_find() takes only the first two.
 *
 * @param text  a name, a GC version or an alias
 * @param[out] out the part; untouched on failure
 * @param[out] alias optional: the alias @p text was, or NULL when it was
 *             the part's own name or GC version; untouched on failure
 * @param err   optional failure report: an ambiguous alias names its
 *              parts; an unknown name names those that start alike
 * @retval 0 found
 * @retval -ENOENT no part, GC version or alias has that name
 * @retval -EINVAL text is NULL or empty, or an alias of more than one part
 */
GMC_EXPORT int gmc_asic_lookup(const char *text, const struct gmc_asic **out,
			       const struct gmc_asic_alias **alias, struct gmc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* GMC_ASIC_H */
