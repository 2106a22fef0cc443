/* SPDX-License-Identifier: MIT */
/*
 * What a fix strategy (struct gmcsim_strategy, read from a fix file by
 * sim-fix-file.c) changes in the driver's behaviour: the layout code and
 * its XGMI-migrate gate, what resume does before the IP blocks, which kept
 * addresses are read again, which firmware gets FB-aperture addresses and
 * whether a re-create drops its pin (upstream-history.md §1 for the RFC,
 * §2 for the 6.17 series).
 */
#include <string.h>

#include "sim-cond.h"
#include "sim-private.h"

int
sim_fix_layouts(struct gmcsim_run *run, struct gmc_error *err)
{
	const struct gmcsim_strategy *s = run->strategy;
	bool pre = s->layout == GMCSIM_LAYOUT_PRE_6_17;
	enum gmc_migrate_flag flag = GMC_MIGRATE_CLEAR;
	int rc;

	if (!pre) {
		struct sim_target t;

		/* ip_early_init sets is_xgmi_node_migrate_enabled once, on the boot vGPU
		 * (the gate is being decided: its own conditions see it closed) */
		sim_target_init(&t, &run->from, run->cfg.kernel, false);
		if (s->n_gate && sim_conds_hold(s->gate, s->n_gate, &t, NULL, 0))
			flag = GMC_MIGRATE_SET;
	}
	rc = sim_vgpu_layout(&run->from, pre, flag, &run->layout_from, err);
	if (rc)
		return rc;
	rc = sim_vgpu_layout(&run->to, pre, flag, &run->layout_to, err);
	if (rc)
		return rc;
	/* amdgpu_virt_xgmi_migrate_enabled(): the flag and a node segment; closed behaves like none
	 */
	run->gate = flag == GMC_MIGRATE_SET && run->layout_from.xgmi.node_segment_size != 0;
	return 0;
}

/* Whether every condition of @p step holds now; @p t is filled on first need. */
static bool
step_holds(const struct gmcsim_run *run, const struct gmcsim_resume_step *step,
	   const struct gmc_layout *now, struct sim_target *t, bool *t_ready)
{
	bool xgmi = now->xgmi.supported && !now->xgmi.connected_to_cpu;
	bool changed = now->xgmi.physical_node_id != run->fields.node_id;

	if ((step->gate != GMCSIM_WHEN_ANY && (step->gate == GMCSIM_WHEN_YES) != run->gate) ||
	    (step->xgmi != GMCSIM_WHEN_ANY && (step->xgmi == GMCSIM_WHEN_YES) != xgmi) ||
	    (step->node_changed != GMCSIM_WHEN_ANY &&
	     (step->node_changed == GMCSIM_WHEN_YES) != changed))
		return false;
	if (!*t_ready) {
		sim_target_init(t, run->hw, run->cfg.kernel, run->gate);
		*t_ready = true;
	}
	return sim_cond_holds(&step->cond, t, NULL, 0);
}

/*
 * amdgpu_device_resume() before the IP blocks resume: the strategy's steps
 * in order, each refreshing the driver's own gmc fields from the layout of
 * the vGPU under the driver now when its conditions hold (RFC patch 1:
 * mc_init on a new node id; 6.17's amdgpu_virt_resume(): XGMI info,
 * vram_base_offset, MSI-X).
 */
void
sim_fix_resume_fields(struct gmcsim_run *run)
{
	const struct gmc_layout *now = run->swapped ? &run->layout_to : &run->layout_from;
	const struct gmcsim_strategy *s = run->strategy;
	struct sim_target t;
	bool t_ready = false;

	for (unsigned i = 0; i < s->n_resume && i < GMCSIM_RESUME_STEPS_MAX; i++) {
		const struct gmcsim_resume_step *step = &s->resume[i];

		if (!step_holds(run, step, now, &t, &t_ready))
			continue;
		if (step->actions & GMCSIM_RESUME_XGMI_INFO)
			run->fields.node_id = now->xgmi.physical_node_id;
		if (step->actions & GMCSIM_RESUME_VRAM_BASE_OFFSET)
			run->fields.vram_base_offset = now->vram_base_offset;
		if (step->actions & GMCSIM_RESUME_VRAM_START)
			run->fields.vram_start = now->vram_start;
		if (step->actions & GMCSIM_RESUME_GART_START)
			run->fields.gart_start = now->gart_start;
		if (step->actions & GMCSIM_RESUME_MSIX)
			run->msix_restored = true;
	}
}

/* Whether the comma list @p list holds "@p a" or, with @p b, "@p a/@p b". */
static bool
list_has(const char *list, const char *a, const char *b)
{
	size_t la = strlen(a), lb = b ? strlen(b) : 0;
	size_t len = b ? la + 1 + lb : la;

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && memcmp(p, a, la) == 0 &&
		    (!b || (p[la] == '/' && memcmp(p + la + 1, b, lb) == 0)))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

static bool
when_matches(enum gmcsim_when w, bool have)
{
	return w == GMCSIM_WHEN_ANY || (w == GMCSIM_WHEN_YES) == have;
}

/* Whether @p site is in one of the @p n selections. */
static bool
selected(const struct gmcsim_site_select *sel, unsigned n, const struct sim_site *site)
{
	for (unsigned i = 0; i < n && i < GMCSIM_SELECT_MAX; i++) {
		const struct gmcsim_site_select *x = &sel[i];

		if ((!x->blocks[0] || list_has(x->blocks, site->block, NULL)) &&
		    (!x->sites[0] || list_has(x->sites, site->block, site->name)) &&
		    (!x->caches || (x->caches & (1u << site->cache))) &&
		    when_matches(x->rfc_helper, site->rfc_helper) &&
		    when_matches(x->upstream_fb_aper, site->upstream_fb_aper))
			return true;
	}
	return false;
}

void
sim_fix_select_site(const struct gmcsim_run *run, struct sim_site *site)
{
	const struct gmcsim_strategy *s = run->strategy;

	site->refresh = selected(s->refresh, s->n_refresh, site);
	site->fb_aper = selected(s->fb_aper, s->n_fb_aper, site);
}

bool
sim_fix_refreshes(const struct gmcsim_run *run, const struct site_state *s)
{
	(void)run;
	return s->site.refresh;
}

bool
sim_fix_uses_fb_aper(const struct gmcsim_run *run, const struct site_state *s)
{
	return run->gate && s->site.fb_aper && s->bo && gmc_bo_mem_type(s->bo) == GMC_DOMAIN_VRAM;
}

bool
sim_fix_balances_pins(const struct gmcsim_run *run)
{
	return run->strategy->recreate_unpins;
}

/*
 * The address of the kind a site keeps, as the driver's code computes it
 * for the site's BO now; under the 6.17 gate an FB-aperture address for the
 * sites the strategy converted.
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
