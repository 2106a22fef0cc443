/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-regs.h
 * The five memory-controller registers the layout is derived from, and
 * their fields as the driver extracts them on each GC version.
 */
#ifndef GMC_REGS_H
#define GMC_REGS_H

#include <gmc/gmc-asic.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The registers libgmc reads, by the names the CLI and JSON use. */
enum gmc_reg {
	GMC_REG_FB_LOCATION_BASE, /**< MC_VM_FB_LOCATION_BASE ("fb_location_base") */
	GMC_REG_FB_LOCATION_TOP,  /**< MC_VM_FB_LOCATION_TOP ("fb_location_top") */
	GMC_REG_FB_OFFSET,	  /**< MC_VM_FB_OFFSET ("fb_offset") */
	GMC_REG_XGMI_LFB_CNTL,	  /**< MC_VM_XGMI_LFB_CNTL ("xgmi_lfb_cntl") */
	GMC_REG_XGMI_LFB_SIZE,	  /**< MC_VM_XGMI_LFB_SIZE ("xgmi_lfb_size") */
	GMC_REG_COUNT
};

/** Raw 32-bit register values, as read over MMIO. */
struct gmc_regs {
	uint32_t value[GMC_REG_COUNT]; /**< indexed by enum gmc_reg */
};

/**
 * Register fields in register units, as the driver extracts them on one
 * GC version (its masks, including the 16-bit size mask used on 9.4.2).
 * FB fields are in 16 MiB units.
 */
struct gmc_reg_fields {
	uint32_t fb_base;    /**< FB_BASE */
	uint32_t fb_top;     /**< FB_TOP: index of the last 16 MiB block */
	uint32_t fb_offset;  /**< FB_OFFSET as shifted by the driver (unmasked on most hubs) */
	uint32_t lfb_region; /**< PF_LFB_REGION: this node's id (0 without XGMI) */
	uint32_t max_region; /**< PF_MAX_REGION: nodes - 1 (0 without XGMI) */
	uint32_t lfb_size;   /**< PF_LFB_SIZE: node segment size (0 without XGMI) */
};

/**
 * The name the CLI and JSON use for a register.
 *
 * @param reg a register
 * @return its lowercase name ("fb_location_base"), a static string, or
 *         NULL when @p reg is out of range
 */
GMC_EXPORT const char *gmc_reg_name(enum gmc_reg reg);

/**
 * Look a register up by its lowercase name.
 *
 * @param name the name, e.g. "xgmi_lfb_cntl"; NULL finds nothing
 * @param[out] out the register; untouched on failure
 * @retval 0 found, @p out set
 * @retval -ENOENT no such register (the errno says it all: no report)
 */
GMC_EXPORT int gmc_reg_from_name(const char *name, enum gmc_reg *out);

/**
 * Extract the fields the driver reads from @p regs on @p asic. Bits outside
 * the driver's masks are ignored, as the driver ignores them; XGMI fields
 * are 0 on parts whose driver never reads XGMI registers.
 *
 * @param asic the part, whose masks apply
 * @param regs raw register values
 * @param[out] out the fields; untouched on failure
 * @retval 0 always, unless an argument is NULL
 * @retval -EINVAL an argument is NULL
 */
GMC_EXPORT int gmc_regs_decode(const struct gmc_asic *asic, const struct gmc_regs *regs,
			       struct gmc_reg_fields *out);

/**
 * Build register values holding @p fields on @p asic, all other bits 0.
 * gmc_regs_decode() of the result gives @p fields back.
 *
 * @param asic   the part, whose masks apply
 * @param fields the field values to encode
 * @param[out] out the register values; untouched on failure
 * @param err    optional failure report
 * @retval 0 encoded
 * @retval -EINVAL an argument is NULL
 * @retval -ERANGE a field does not fit its mask on this GC version
 * @retval -EINVAL an XGMI field is non-zero on a part without XGMI
 */
GMC_EXPORT int gmc_regs_encode(const struct gmc_asic *asic, const struct gmc_reg_fields *fields,
			       struct gmc_regs *out, struct gmc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* GMC_REGS_H */
