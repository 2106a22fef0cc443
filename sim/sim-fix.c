/* SPDX-License-Identifier: MIT */
/*
 * The fix strategies: what each one changes in the driver's behaviour
 * (upstream-history.md §1 for the RFC, §2 for the 6.17 series).
 */
#include "sim-private.h"

/*
 * The layout the driver's code computes on each vGPU: the 6.17 code for
 * `upstream`, the code before the series for every other strategy.
 */
int
sim_fix_layouts(struct gmcsim_run *run, struct gmc_error *err)
{
	bool pre = run->cfg.fix != GMCSIM_FIX_UPSTREAM;
	int rc;

	rc = sim_vgpu_layout(&run->from, pre, &run->layout_from, err);
	if (rc)
		return rc;
	rc = sim_vgpu_layout(&run->to, pre, &run->layout_to, err);
	if (rc)
		return rc;
	/* amdgpu_virt_xgmi_migrate_enabled(): a gate closed behaves like `none` */
	run->gate = run->cfg.fix == GMCSIM_FIX_UPSTREAM &&
		    run->layout_from.mode == GMC_MODE_SYSVM_MIGRATE;
	return 0;
}

/*
 * amdgpu_device_resume() before the IP blocks resume: what each strategy
 * re-reads into the driver's own gmc fields.
 */
void
sim_fix_resume_fields(struct gmcsim_run *run)
{
	const struct gmc_layout *now = run->swapped ? &run->layout_to : &run->layout_from;
	const struct gmcsim_profile *p = run->hw;

	switch (run->cfg.fix) {
	case GMCSIM_FIX_RFC:
	case GMCSIM_FIX_RFC_ALL:
		/*
		 * RFC patch 1: a VF that is not an APU, has XGMI and is not
		 * connected to the CPU re-reads XGMI info; a new node id re-runs
		 * mc_init, so the whole layout is recomputed.
		 */
		if (p->params.sriov && !gmc_asic_is_apu(p->asic) && now->xgmi.supported &&
		    !now->xgmi.connected_to_cpu &&
		    now->xgmi.physical_node_id != run->fields.node_id)
			driver_fields_from(&run->fields, now);
		break;
	case GMCSIM_FIX_UPSTREAM:
		/*
		 * amdgpu_virt_resume(): XGMI info and vram_base_offset refreshed,
		 * MSI-X restored; vram_start is 0 and GART after the hive, so they
		 * need no refresh.
		 */
		if (run->gate) {
			run->fields.vram_base_offset = now->vram_base_offset;
			run->fields.node_id = now->xgmi.physical_node_id;
			run->msix_restored = true;
		}
		break;
	case GMCSIM_FIX_NONE:
	case GMCSIM_FIX_P2_PINFIX:
	case GMCSIM_FIX_COUNT:
		break;
	}
}

/* Whether the strategy re-reads this site's cached address before a resume consumes it. */
bool
sim_fix_refreshes(const struct gmcsim_run *run, const struct site_state *s)
{
	switch (run->cfg.fix) {
	case GMCSIM_FIX_RFC:
		/* patch 2: amdgpu_bo_get_pinned_gpu_addr() in umsch_mm_resume() only */
		return s->site.rfc_helper;
	case GMCSIM_FIX_RFC_ALL:
		/* the same helper in front of every cached consumer */
		return true;
	default:
		return false;
	}
}

/* 6.17: PSP, SMU and ucode hand firmware FB-aperture addresses, recomputed each time. */
bool
sim_fix_uses_fb_aper(const struct gmcsim_run *run, const struct site_state *s)
{
	return run->gate && s->site.upstream_fb_aper && s->bo &&
	       gmc_bo_mem_type(s->bo) == GMC_DOMAIN_VRAM;
}

/* p2-pinfix: a re-create on the hw path drops the previous pin first. */
bool
sim_fix_balances_pins(const struct gmcsim_run *run)
{
	return run->cfg.fix == GMCSIM_FIX_P2_PINFIX;
}

/*
 * The address of the kind a site keeps, as the driver's code computes it
 * for the site's BO now; under the 6.17 gate an FB-aperture address for the
 * sites that series converted.
 */
void
sim_fix_site_addr(const struct gmcsim_run *run, const struct site_state *s, struct gmc_addr *out)
{
	enum gmc_addr_kind kind = s->site.cache == GMCSIM_CACHE_MIXED ? GMC_ADDR_MC : s->site.addr;

	if (sim_fix_uses_fb_aper(run, s))
		gmc_bo_fb_aper_addr(run->dev, s->bo, out);
	else if (kind == GMC_ADDR_PA && gmc_bo_mem_type(s->bo) == GMC_DOMAIN_VRAM)
		gmc_bo_vram_pa(run->dev, s->bo, out);
	else if (kind == GMC_ADDR_CPU)
		*out = s->cpu;
	else
		gmc_bo_gpu_offset(run->dev, s->bo, out);
}
