/* SPDX-License-Identifier: MIT */
/*
 * Register field decode/encode with the masks the driver uses on each GC
 * version (gmc-address-math.md §1.1, §1.2 and §2).
 */
#include <string.h>

#include "gmc-private.h"

static const char *const reg_names[GMC_REG_COUNT] = {
	[GMC_REG_FB_LOCATION_BASE] = "fb_location_base",
	[GMC_REG_FB_LOCATION_TOP] = "fb_location_top",
	[GMC_REG_FB_OFFSET] = "fb_offset",
	[GMC_REG_XGMI_LFB_CNTL] = "xgmi_lfb_cntl",
	[GMC_REG_XGMI_LFB_SIZE] = "xgmi_lfb_size",
};

GMC_EXPORT const char *
gmc_reg_name(enum gmc_reg reg)
{
	return (unsigned)reg < GMC_REG_COUNT ? reg_names[reg] : NULL;
}

GMC_EXPORT int
gmc_reg_from_name(const char *name, enum gmc_reg *out)
{
	for (unsigned i = 0; name && i < GMC_REG_COUNT; i++) {
		if (strcmp(reg_names[i], name) == 0) {
			*out = (enum gmc_reg)i;
			return 0;
		}
	}
	return -ENOENT;
}

/* The lowest set bit of a contiguous mask is its shift. */
static unsigned
mask_shift(uint32_t mask)
{
	return (unsigned)__builtin_ctz(mask);
}

GMC_EXPORT int
gmc_regs_decode(const struct gmc_asic *asic, const struct gmc_regs *regs,
		struct gmc_reg_fields *out)
{
	const struct gmc_xgmi_desc *x;

	if (!asic || !regs || !out)
		return -EINVAL;

	x = asic->xgmi;
	out->fb_base = regs->value[GMC_REG_FB_LOCATION_BASE] & GMC_FB_FIELD_MASK;
	out->fb_top = regs->value[GMC_REG_FB_LOCATION_TOP] & GMC_FB_FIELD_MASK;
	out->fb_offset = regs->value[GMC_REG_FB_OFFSET] & asic->fb_offset_mask;
	if (x) {
		uint32_t cntl = regs->value[GMC_REG_XGMI_LFB_CNTL];

		out->lfb_region = cntl & x->region_mask;
		out->max_region = (cntl & x->max_mask) >> x->max_shift;
		out->lfb_size = regs->value[GMC_REG_XGMI_LFB_SIZE] & x->size_mask;
	} else {
		/* The driver never reads XGMI registers on these parts. */
		out->lfb_region = 0;
		out->max_region = 0;
		out->lfb_size = 0;
	}
	return 0;
}

static int
check_field(struct gmc_error *err, const struct gmc_asic *asic, const char *field, uint32_t value,
	    uint32_t max)
{
	if (value > max)
		return gmc_error_set(err, -ERANGE,
				     "%s 0x%x does not fit its field on %s (maximum 0x%x)", field,
				     value, asic->name, max);
	return 0;
}

GMC_EXPORT int
gmc_regs_encode(const struct gmc_asic *asic, const struct gmc_reg_fields *f, struct gmc_regs *out,
		struct gmc_error *err)
{
	const struct gmc_xgmi_desc *x;
	struct gmc_regs r = { { 0 } };
	int rc;

	if (!asic || !f || !out)
		return gmc_error_set(err, -EINVAL, "gmc_regs_encode: NULL argument");

	x = asic->xgmi;
	if ((rc = check_field(err, asic, "FB_BASE", f->fb_base, GMC_FB_FIELD_MASK)) ||
	    (rc = check_field(err, asic, "FB_TOP", f->fb_top, GMC_FB_FIELD_MASK)) ||
	    (rc = check_field(err, asic, "FB_OFFSET", f->fb_offset, asic->fb_offset_mask)))
		return rc;
	r.value[GMC_REG_FB_LOCATION_BASE] = f->fb_base;
	r.value[GMC_REG_FB_LOCATION_TOP] = f->fb_top;
	r.value[GMC_REG_FB_OFFSET] = f->fb_offset;

	if (!x) {
		if (f->lfb_region || f->max_region || f->lfb_size)
			return gmc_error_set(err, -EINVAL,
					     "%s has no XGMI: its XGMI fields must be 0",
					     asic->name);
	} else {
		if ((rc = check_field(err, asic, "PF_LFB_REGION", f->lfb_region, x->region_mask)) ||
		    (rc = check_field(err, asic, "PF_MAX_REGION", f->max_region,
				      x->max_mask >> x->max_shift)) ||
		    (rc = check_field(err, asic, "PF_LFB_SIZE", f->lfb_size, x->size_mask)))
			return rc;
		r.value[GMC_REG_XGMI_LFB_CNTL] = (f->lfb_region << mask_shift(x->region_mask)) |
						 (f->max_region << x->max_shift);
		r.value[GMC_REG_XGMI_LFB_SIZE] = f->lfb_size;
	}
	*out = r;
	return 0;
}
