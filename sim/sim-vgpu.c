/* SPDX-License-Identifier: MIT */
/*
 * The simulated vGPU as the driver sees it: its VRAM BAR, its register
 * file, and the layout the driver's mc_init/vram_gtt_location derive from
 * those registers. A profile holds the values; this file serves them.
 *
 * The register file: where the driver reads each of the five MC/XGMI
 * registers on a part (hub, SOC15 BASE_IDX, dword offset), and MMIO reads
 * served from a profile's register values at those offsets.
 *
 * Which hub the driver reads (gmc-address-math.md §1.3):
 *   gmc v9:  FB_LOCATION_BASE/TOP from the MMHUB (mmhub_v1_0, mmhub_v9_4 on
 *            Arcturus, mmhub_v1_7 on Aldebaran, mmhub_v1_8 on GC 9.4.3/9.4.4/
 *            9.5.0); FB_OFFSET and the XGMI registers from the GC hub
 *            (gfxhub_v1_0 with gfxhub_v1_1's XGMI reader, gfxhub_v1_2 on the
 *            multi-AID parts).
 *   gmc v10: everything from the GC hub (gfxhub_v2_0 on 10.1.x, gfxhub_v2_1 on
 *            10.3.x); no XGMI reader in current trees (§2).
 *   gmc v11/v12: everything from the MMHUB (mmhub_v3_0, mmhub_v3_3 on 11.5.x,
 *            mmhub_v4_1_0); no XGMI.
 *
 * On gmc v10+ the hub's get_fb_location() reads only FB_LOCATION_BASE; TOP
 * is still served at its offset (the driver writes it for a VF in
 * gart_enable, §1.3 SR-IOV note).
 *
 * Resolving a read: dword numbers count within one hub's register segment,
 * so a GC register and an MMHUB register can have the same number; only
 * (hub, BASE_IDX, dword) names one register. The register file holds only
 * the five registers below, and on
 * every modelled part they sit at five distinct dwords (test-sim-profile
 * checks this for every part), so gmcsim_profile_read_reg() picks the
 * register by dword alone.
 */
#include <errno.h>
#include <stddef.h>

#include "sim-private.h"

#define GC "GC"
#define MMHUB "MMHUB"

/* Not read on this part: gmcsim_reg_location() answers -ENOENT. */
/* clang-format off */
#define NONE { 0, 0, NULL }
/* clang-format on */

struct reg_map {
	const char *name; /* the hub code that reads it, for comments and tests */
	struct gmcsim_reg_location loc[GMC_REG_COUNT];
};

/*
 * Offsets: gmc-address-math.md §1.1, confirmed in the ≈6.17 tree's
 * asic_reg headers where noted. BASE_IDX 0 on mmhub_1_0, mmhub_1_7, the
 * GC 9.x registers and GC 10.x is what §1.1 gives for the GC copies and
 * what the headers use around these registers; the mmhub_1_0 and
 * mmhub_1_7 BASE_IDX values were not checked in a header (unconfirmed).
 */

/* mmhub_v1_0 + gfxhub_v1_0 (gc_9_0): Vega10/12, Raven, Raven2, Renoir. */
static const struct reg_map v9_mmhub_1_0 = {
	"mmhub_v1_0 + gfxhub_v1_0",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x082c, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x082d, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x096b, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/* Vega20: the same hubs, and gfxhub_v1_1's XGMI reader (GC 9.2.1 registers). */
static const struct reg_map v9_vega20 = {
	"mmhub_v1_0 + gfxhub_v1_0 (gfxhub_v1_1 XGMI)",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x082c, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x082d, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x096b, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = { 0x0977, 0, GC },
		[GMC_REG_XGMI_LFB_SIZE] = { 0x0978, 0, GC },
	},
};

/* Arcturus: mmhub_v9_4 reads the VMSHAREDVC0 copy (BASE_IDX 1, §1.1). */
static const struct reg_map v9_arcturus = {
	"mmhub_v9_4 + gfxhub_v1_0 (gfxhub_v1_1 XGMI)",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x0b00, 1, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x0b01, 1, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x096b, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = { 0x0977, 0, GC },
		[GMC_REG_XGMI_LFB_SIZE] = { 0x0978, 0, GC },
	},
};

/* Aldebaran: mmhub_v1_7, and the hard-coded _ALDE XGMI registers. */
static const struct reg_map v9_aldebaran = {
	"mmhub_v1_7 + gfxhub_v1_0 (gfxhub_v1_1 XGMI, _ALDE registers)",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x0cc0, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x0cc1, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x096b, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = { 0x0978, 0, GC },
		[GMC_REG_XGMI_LFB_SIZE] = { 0x0979, 0, GC },
	},
};

/*
 * GC 9.4.3 / 9.4.4 / 9.5.0: mmhub_v1_8 (0x0c9c/0x0c9d, BASE_IDX 0 in
 * mmhub_1_8_0_offset.h) and gfxhub_v1_2 on GC instance 0 (gc_9_4_3).
 */
static const struct reg_map v9_multi_aid = {
	"mmhub_v1_8 + gfxhub_v1_2",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x0c9c, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x0c9d, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x0947, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = { 0x0957, 0, GC },
		[GMC_REG_XGMI_LFB_SIZE] = { 0x0958, 0, GC },
	},
};

/* GC 10.1.x: gfxhub_v2_0, GCMC_VM_* of gc_10_1_0. */
static const struct reg_map v10_gfxhub_2_0 = {
	"gfxhub_v2_0",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x1720, 0, GC },
		[GMC_REG_FB_LOCATION_TOP] = { 0x1721, 0, GC },
		[GMC_REG_FB_OFFSET] = { 0x170b, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/* GC 10.3.x: gfxhub_v2_1, GCMC_VM_* of gc_10_3_0. */
static const struct reg_map v10_gfxhub_2_1 = {
	"gfxhub_v2_1",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x16fc, 0, GC },
		[GMC_REG_FB_LOCATION_TOP] = { 0x16fd, 0, GC },
		[GMC_REG_FB_OFFSET] = { 0x16e7, 0, GC },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/* GC 11.0.0: mmhub_v3_0, MMMC_VM_* of mmhub_3_0_0 (BASE_IDX 0, checked in the header). */
static const struct reg_map v11_mmhub_3_0 = {
	"mmhub_v3_0",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x08ec, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x08ed, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x08d7, 0, MMHUB },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/*
 * GC 11.5.x: mmhub_v3_3, MMMC_VM_* of mmhub_3_3_0_offset.h in the ≈6.17
 * tree: FB_LOCATION_BASE 0x09ec, TOP 0x09ed, FB_OFFSET 0x09d7, all
 * BASE_IDX 1. Not in the reference; looked up in the header.
 */
static const struct reg_map v11_mmhub_3_3 = {
	"mmhub_v3_3",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x09ec, 1, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x09ed, 1, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x09d7, 1, MMHUB },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/* GC 12.0.x: mmhub_v4_1_0 (BASE_IDX 0, checked in mmhub_4_1_0_offset.h). */
static const struct reg_map v12_mmhub_4_1_0 = {
	"mmhub_v4_1_0",
	{
		[GMC_REG_FB_LOCATION_BASE] = { 0x0554, 0, MMHUB },
		[GMC_REG_FB_LOCATION_TOP] = { 0x0555, 0, MMHUB },
		[GMC_REG_FB_OFFSET] = { 0x04c7, 0, MMHUB },
		[GMC_REG_XGMI_LFB_CNTL] = NONE,
		[GMC_REG_XGMI_LFB_SIZE] = NONE,
	},
};

/* The hubs the driver picks for @asic (gmc_v9_0_set_mmhub_funcs() and friends, §1.3). */
static const struct reg_map *
map_of(const struct gmc_asic *asic)
{
	uint32_t gc = gmc_asic_gc(asic);

	switch (gmc_asic_gmc_version(asic)) {
	case 9:
		if (gc == GMC_IP_VERSION(9, 4, 0))
			return &v9_vega20;
		if (gc == GMC_IP_VERSION(9, 4, 1))
			return &v9_arcturus;
		if (gc == GMC_IP_VERSION(9, 4, 2))
			return &v9_aldebaran;
		if (gc == GMC_IP_VERSION(9, 4, 3) || gc == GMC_IP_VERSION(9, 4, 4) ||
		    gc == GMC_IP_VERSION(9, 5, 0))
			return &v9_multi_aid;
		return &v9_mmhub_1_0;
	case 10:
		/* gmc_v10_0_set_gfxhub_funcs(): 10.3.x → gfxhub_v2_1, else gfxhub_v2_0 */
		return GMC_IP_MIN(gc) == 3 ? &v10_gfxhub_2_1 : &v10_gfxhub_2_0;
	case 11:
		return GMC_IP_MIN(gc) == 5 ? &v11_mmhub_3_3 : &v11_mmhub_3_0;
	case 12:
		return &v12_mmhub_4_1_0;
	default:
		return NULL;
	}
}

GMCSIM_EXPORT int
gmcsim_reg_location(const struct gmc_asic *asic, enum gmc_reg reg, struct gmcsim_reg_location *out)
{
	const struct reg_map *map;

	if (!asic || !out || (unsigned)reg >= GMC_REG_COUNT)
		return -EINVAL;
	map = map_of(asic);
	if (!map || !map->loc[reg].hub)
		return -ENOENT;
	/* the XGMI reader runs only where xgmi.supported is set (§2) */
	if ((reg == GMC_REG_XGMI_LFB_CNTL || reg == GMC_REG_XGMI_LFB_SIZE) &&
	    !gmc_asic_has_xgmi(asic))
		return -ENOENT;
	*out = map->loc[reg];
	return 0;
}

GMCSIM_EXPORT int
gmcsim_profile_read_reg(const struct gmcsim_profile *p, uint32_t dword, uint32_t *value)
{
	if (!p || !p->asic || !value)
		return -EINVAL;
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		struct gmcsim_reg_location loc;

		if (gmcsim_reg_location(p->asic, (enum gmc_reg)r, &loc) != 0 || loc.dword != dword)
			continue;
		*value = p->regs.value[r];
		return 0;
	}
	/* nothing backs this offset: it reads 0, as an unimplemented register does */
	*value = 0;
	return 0;
}

int
sim_vgpu_layout(const struct gmcsim_profile *p, bool pre_6_17, enum gmc_migrate_flag migrate,
		struct gmc_layout *out, struct gmc_error *err)
{
	struct gmc_params params = p->params;
	struct gmc_regs regs = { { 0 } };

	/* each register at the dword offset the driver reads on this GC version */
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		struct gmcsim_reg_location loc;

		/* registers the driver never reads on this part stay 0 */
		if (gmcsim_reg_location(p->asic, (enum gmc_reg)r, &loc) == 0)
			gmcsim_profile_read_reg(p, loc.dword, &regs.value[r]);
	}
	params.pre_6_17 = pre_6_17;
	params.xgmi_migrate = migrate;
	return gmc_layout_compute(p->asic, &regs, &params, out, err);
}

uint64_t
sim_vgpu_vram_bar(const struct gmcsim_profile *p)
{
	for (unsigned i = 0; i < p->pci.n_bars; i++) {
		if (p->pci.bars[i].role == GMCSIM_BAR_VRAM)
			return p->pci.bars[i].address;
	}
	return 0;
}
