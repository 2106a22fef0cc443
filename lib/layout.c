/* SPDX-License-Identifier: MIT */
/*
 * The layout as gmc_vX_0_mc_init() and gmc_vX_0_vram_gtt_location() build
 * it, on an x86-64 host without passthrough (gmc-address-math.md §3, §5, §6).
 */
#include <inttypes.h>

#include "gmc-private.h"

GMC_EXPORT void
gmc_params_init(struct gmc_params *p)
{
	*p = (struct gmc_params){
		.vram_size = 0,
		.visible_vram_size = GMC_VISIBLE_ALL,
		.gart_size_mb = -1,
		.agp = -1,
		.vramlimit_mb = UINT32_MAX,
		.vis_vramlimit_mb = 0,
		.smu_prv_buffer_size = 0,
		.sriov = false,
		.connected_to_cpu = false,
		.pre_6_17 = false,
		.xgmi_migrate = GMC_MIGRATE_AUTO,
	};
}

GMC_EXPORT int
gmc_vram_size_check(uint64_t vram_size, struct gmc_error *err)
{
	/* get_memsize() reads RCC_CONFIG_MEMSIZE, a u32 count of MiB (peers-and-pci.md §2.3) */
	if (vram_size >= GMC_VRAM_SIZE_LIMIT)
		return gmc_error_set(err, -EINVAL,
				     "vram_size 0x%" PRIx64 " is 2^52 bytes or more: "
				     "RCC_CONFIG_MEMSIZE, a 32-bit count of MiB, cannot hold it",
				     vram_size);
	if (vram_size % GMC_SZ_1M)
		return gmc_error_set(err, -EINVAL,
				     "vram_size 0x%" PRIx64 " is not a whole number of MiB: "
				     "the driver reads it from RCC_CONFIG_MEMSIZE, a count of MiB",
				     vram_size);
	return 0;
}

GMC_EXPORT const char *
gmc_mode_name(enum gmc_mode mode)
{
	switch (mode) {
	case GMC_MODE_FB:
		return "fb";
	case GMC_MODE_SYSVM:
		return "sysvm";
	case GMC_MODE_SYSVM_MIGRATE:
		return "sysvm-migrate";
	}
	return "unknown";
}

/*
 * amdgpu_virt_xgmi_migrate_enabled(): the flag ip_early_init sets (an SR-IOV
 * VF on GC 9.4.4, unless the caller models another driver) and a non-zero
 * segment.
 */
static bool
migrate_enabled(const struct gmc_asic *asic, const struct gmc_params *p, const struct gmc_xgmi *x)
{
	bool flag = p->xgmi_migrate == GMC_MIGRATE_AUTO
			    ? p->sriov && asic->gc == GMC_IP_VERSION(9, 4, 4)
			    : p->xgmi_migrate == GMC_MIGRATE_SET;

	return !p->pre_6_17 && flag && x->node_segment_size != 0;
}

/* The CPU's view of VRAM: the BAR, or all of it where VRAM is system memory. */
static bool
aperture_is_all_vram(const struct gmc_asic *asic, const struct gmc_params *p,
		     const struct gmc_xgmi *x)
{
	if (asic->gmc == 9)
		return (!p->sriov && asic->apu) || (x->supported && x->connected_to_cpu);
	/* v10/v11/v12 test only APU, without the SR-IOV check v9 has */
	return asic->apu;
}

/* gmc_vX_0_mc_init(): sizes, visible VRAM and the GART size. */
static void
mc_init(const struct gmc_asic *asic, const struct gmc_params *p, struct gmc_layout *l)
{
	int32_t gart_mb = p->gart_size_mb;
	uint64_t aper_size;

	l->mc_mask = GMC_MC_MASK_48;
	/* get_memsize() reports MiB: vram_size is whole MiB (gmc_vram_size_check()) */
	l->mc_vram_size = p->vram_size;
	l->real_vram_size = l->mc_vram_size;

	aper_size = p->visible_vram_size == GMC_VISIBLE_ALL ? p->vram_size : p->visible_vram_size;
	if (aperture_is_all_vram(asic, p, &l->xgmi))
		aper_size = l->real_vram_size;
	l->visible_vram_size = aper_size;
	if (asic->gmc >= 11 && l->visible_vram_size > l->real_vram_size)
		l->visible_vram_size = l->real_vram_size;

	/* amdgpu_device_check_arguments(): below 32 MiB means "default" */
	if (gart_mb < 32 && gart_mb != -1)
		gart_mb = -1;
	if (gart_mb == -1)
		l->gart_size = (uint64_t)asic->default_gart_mb << 20;
	else
		l->gart_size = (uint64_t)gart_mb << 20;
	if (asic->gmc == 9)
		l->gart_size += p->smu_prv_buffer_size;
}

static void
vram_gtt_location_v9(const struct gmc_asic *asic, const struct gmc_reg_fields *f,
		     const struct gmc_params *p, struct gmc_layout *l)
{
	uint64_t base;
	bool migrate = migrate_enabled(asic, p, &l->xgmi);

	gmc_layout_agp_default(l);
	/* mmhub get_fb_location() also writes fb_start/fb_end */
	base = (uint64_t)f->fb_base << GMC_REG_UNIT_SHIFT;
	l->fb_start = base;
	l->fb_end = (uint64_t)f->fb_top << GMC_REG_UNIT_SHIFT;
	base += gmc_xgmi_node_offset(&l->xgmi);

	/* amdgpu_gmc_is_pdb0_enabled() */
	if (l->xgmi.connected_to_cpu || migrate) {
		l->mode = migrate ? GMC_MODE_SYSVM_MIGRATE : GMC_MODE_SYSVM;
		gmc_layout_sysvm_location(l, migrate, !p->pre_6_17);
	} else {
		l->mode = GMC_MODE_FB;
		gmc_layout_vram_location(l, base, p);
		gmc_layout_gart_location(l, GMC_GART_BEST_FIT);
		if (!p->sriov && p->agp == 1)
			gmc_layout_agp_location(l);
	}
	/* no SR-IOV or APU special case on v9 */
	l->vram_base_offset =
		((uint64_t)f->fb_offset << GMC_REG_UNIT_SHIFT) + gmc_xgmi_node_offset(&l->xgmi);
}

static void
vram_gtt_location_v10(const struct gmc_reg_fields *f, const struct gmc_params *p,
		      struct gmc_layout *l)
{
	/* gfxhub get_fb_location() reads the base only: no fb_start side effect */
	uint64_t base =
		((uint64_t)f->fb_base << GMC_REG_UNIT_SHIFT) + gmc_xgmi_node_offset(&l->xgmi);

	l->mode = GMC_MODE_FB;
	gmc_layout_agp_default(l);
	gmc_layout_vram_location(l, base, p);
	gmc_layout_gart_location(l, GMC_GART_BEST_FIT);
	if (!p->sriov && p->agp == 1)
		gmc_layout_agp_location(l);
	l->vram_base_offset =
		((uint64_t)f->fb_offset << GMC_REG_UNIT_SHIFT) + gmc_xgmi_node_offset(&l->xgmi);
}

/* v11 and v12: mmhub base and offset, no XGMI term, a VF's physical base is 0. */
static void
vram_gtt_location_v11_v12(const struct gmc_asic *asic, const struct gmc_reg_fields *f,
			  const struct gmc_params *p, struct gmc_layout *l)
{
	uint64_t base = (uint64_t)f->fb_base << GMC_REG_UNIT_SHIFT;
	bool agp_allowed = asic->gmc == 12 || asic->gc < GMC_IP_VERSION(11, 5, 0);

	l->mode = GMC_MODE_FB;
	gmc_layout_agp_default(l);
	gmc_layout_vram_location(l, base, p);
	gmc_layout_gart_location(l, asic->gmc == 11 ? GMC_GART_HIGH : GMC_GART_LOW);
	/* AGP is "deprecated and no longer functional" from GC 11.5 */
	if (!p->sriov && agp_allowed && p->agp == 1)
		gmc_layout_agp_location(l);
	l->vram_base_offset = p->sriov ? 0 : (uint64_t)f->fb_offset << GMC_REG_UNIT_SHIFT;
}

GMC_EXPORT int
gmc_layout_compute(const struct gmc_asic *asic, const struct gmc_regs *regs,
		   const struct gmc_params *p, struct gmc_layout *out, struct gmc_error *err)
{
	struct gmc_layout l = { 0 };
	struct gmc_reg_fields f;
	int rc;

	if (!asic || !regs || !p || !out)
		return gmc_error_set(err, -EINVAL, "gmc_layout_compute: NULL argument");
	rc = gmc_vram_size_check(p->vram_size, err);
	if (rc)
		return rc;

	rc = gmc_xgmi_info(asic, regs, p->connected_to_cpu, &l.xgmi, err);
	if (rc)
		return rc;
	gmc_regs_decode(asic, regs, &f);

	l.asic = asic;
	mc_init(asic, p, &l);
	switch (asic->gmc) {
	case 9:
		vram_gtt_location_v9(asic, &f, p, &l);
		break;
	case 10:
		vram_gtt_location_v10(&f, p, &l);
		break;
	default:
		vram_gtt_location_v11_v12(asic, &f, p, &l);
		break;
	}
	*out = l;
	return 0;
}
