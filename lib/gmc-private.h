/* SPDX-License-Identifier: MIT */
/*
 * Declarations shared inside libgmc. Nothing here is part of the ABI.
 */
#ifndef GMC_PRIVATE_H
#define GMC_PRIVATE_H

#include <errno.h>
#include <stdarg.h>
#include <gmc/gmc.h>

/* Every FB/AGP/XGMI-size register counts 16 MiB units (the driver shifts by 24). */
#define GMC_REG_UNIT_SHIFT 24
/* 24-bit FB_BASE / FB_TOP / FB_OFFSET fields (gmc-address-math.md §1.1). */
#define GMC_FB_FIELD_MASK 0x00ffffffu
/* gmc.mc_mask set by every gmc_vX_0_sw_init() for v9..v12: 48-bit MC space. */
#define GMC_MC_MASK_48 UINT64_C(0x0000ffffffffffff)
/* amdgpu_gmc_set_agp_default(): start above end means "disabled". */
#define GMC_AGP_DISABLED_START UINT64_C(0x0000ffffffffffff)
#define GMC_SZ_1M (UINT64_C(1) << 20)
#define GMC_SZ_4G (UINT64_C(1) << 32)
#define GMC_SZ_16G (UINT64_C(1) << 34)

/*
 * How get_xgmi_info() reads the XGMI registers on one part: its field masks
 * and the node limits it enforces (gmc-address-math.md §1.1 and §2).
 */
struct gmc_xgmi_desc {
	uint32_t region_mask; /* PF_LFB_REGION, shift 0 */
	uint32_t max_mask;    /* PF_MAX_REGION */
	unsigned max_shift;
	uint32_t size_mask; /* PF_LFB_SIZE as extracted (16 bits even on 9.4.2) */
	unsigned max_nodes;
	unsigned max_id;
	/*
	 * gmc_v9_0_early_init() asks the SMU for connected_to_cpu only on XGMI
	 * IP 6.1.0 (Aldebaran); on every other part the driver's flag stays
	 * false whatever the hardware would say (gmc-address-math.md §2).
	 */
	bool reads_cpu_link;
};

/* amdgpu_gmc.h, enum amdgpu_gart_placement */
enum gmc_gart_placement {
	GMC_GART_BEST_FIT = 0,
	GMC_GART_HIGH = 1,
	GMC_GART_LOW = 2,
};

struct gmc_asic {
	const char *name;
	uint32_t gc;
	unsigned gmc; /* 9, 10, 11, 12 */
	bool apu;
	unsigned default_gart_mb;	  /* gmc_vX_0_mc_init() when gart_size is -1 */
	uint32_t fb_offset_mask;	  /* 0xffffffff unless the hub masks before shifting */
	const struct gmc_xgmi_desc *xgmi; /* NULL: xgmi.supported is false */
};

/* util */
static inline uint64_t
gmc_align_up(uint64_t x, uint64_t align)
{
	/* The kernel's ALIGN(): wraps exactly like the driver's u64 math. */
	return (x + align - 1) & ~(align - 1);
}

static inline uint64_t
gmc_max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * Fill @err (if any) with @code and the formatted reason; returns @code.
 * The one formatter under gmc_error_set() and gmc_dev_fail().
 */
int gmc_error_vset(struct gmc_error *err, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int gmc_error_set(struct gmc_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* layout steps, one file each */
void gmc_layout_vram_location(struct gmc_layout *l, uint64_t base, const struct gmc_params *p);
void gmc_layout_gart_location(struct gmc_layout *l, enum gmc_gart_placement placement);
void gmc_layout_agp_location(struct gmc_layout *l);
void gmc_layout_agp_default(struct gmc_layout *l);
void gmc_layout_sysvm_location(struct gmc_layout *l, bool migrate, bool align_gart);

#endif /* GMC_PRIVATE_H */
