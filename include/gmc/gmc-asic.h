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

#ifdef __cplusplus
}
#endif

#endif /* GMC_ASIC_H */
