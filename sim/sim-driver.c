/* SPDX-License-Identifier: MIT */
/*
 * The driver lifecycle: init (early/sw/hw/late), cycles of suspend,
 * hibernation image and resume with the vGPU swap injected at the chosen
 * boundary, then fini; in_suspend set and cleared where amdgpu_device.c
 * does it. Each catalog site creates, caches, consumes and frees its BO as
 * table B of bo-lifecycle-and-callers.md says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-private.h"
#include "util.h"

GMCSIM_EXPORT int
gmcsim_run_new(const struct gmcsim_config *cfg, struct gmcsim_run **out, struct gmc_error *err)
{
	struct gmcsim_run *run;
	int rc;

	if (!cfg || !out || !cfg->from || !cfg->to || !cfg->from->asic || !cfg->to->asic)
		return gmcsim_fail(err, -EINVAL, "a run needs both profiles");
	if (cfg->cycles < 1)
		return gmcsim_fail(err, -EINVAL, "a run needs at least one suspend/resume cycle");
	if (cfg->fix >= GMCSIM_FIX_COUNT)
		return gmcsim_fail(err, -EINVAL, "unknown fix strategy");
	if (cfg->from->asic != cfg->to->asic)
		return gmcsim_fail(err, -EINVAL,
				      "profiles '%s' and '%s' are different GC versions: a guest cannot "
				      "resume on another ASIC", cfg->from->name, cfg->to->name);

	run = calloc(1, sizeof(*run));
	if (!run)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	run->cfg = *cfg;
	run->from = *cfg->from;
	run->to = *cfg->to;
	run->cfg.from = &run->from;
	run->cfg.to = &run->to;
	run->hw = &run->from;
	snprintf(run->step, sizeof(run->step), "init");

	rc = sim_fix_layouts(run, err);
	if (!rc && (rc = gmc_dev_new(&run->layout_from, &run->dev)) != 0)
		gmcsim_fail(err, rc, "cannot create the device");
	if (rc) {
		gmcsim_run_free(run);
		return rc;
	}
	gmc_dev_set_bar(run->dev, sim_vgpu_vram_bar(&run->from));
	run->fields.vram_start = run->layout_from.vram_start;
	run->fields.gart_start = run->layout_from.gart_start;
	run->fields.vram_base_offset = run->layout_from.vram_base_offset;
	run->fields.node_id = run->layout_from.xgmi.physical_node_id;
	*out = run;
	return 0;
}

GMCSIM_EXPORT void
gmcsim_run_free(struct gmcsim_run *run)
{
	if (!run)
		return;
	gmc_dev_free(run->dev);
	for (size_t i = 0; i < run->n_blocks; i++)
		free(run->blocks[i].sites);
	free(run->blocks);
	free(run->sites);
	free(run->pte_sites);
	free(run->findings);
	free(run);
}

static struct block_state *
block_get(struct gmcsim_run *run, const char *name)
{
	struct block_state *b;

	for (size_t i = 0; i < run->n_blocks; i++) {
		if (strcmp(run->blocks[i].name, name) == 0)
			return &run->blocks[i];
	}
	if (run->n_blocks == run->cap_blocks) {
		size_t cap = run->cap_blocks ? run->cap_blocks * 2 : 16;
		struct block_state *n = realloc(run->blocks, cap * sizeof(*n));

		if (!n)
			return NULL;
		run->blocks = n;
		run->cap_blocks = cap;
	}
	b = &run->blocks[run->n_blocks++];
	memset(b, 0, sizeof(*b));
	snprintf(b->name, sizeof(b->name), "%s", name);
	return b;
}

GMCSIM_EXPORT int
gmcsim_run_add_site(struct gmcsim_run *run, const struct gmcsim_site *site)
{
	struct block_state *b;
	struct site_state *s;

	if (!run || !site || !site->block[0] || !site->name[0] || !site->size)
		return -EINVAL;
	if (!gmcsim_site_applies(site, run->from.asic, run->from.params.sriov))
		return 0;
	b = block_get(run, site->block);
	if (!b)
		return -ENOMEM;
	if (run->n_sites == run->cap_sites) {
		size_t cap = run->cap_sites ? run->cap_sites * 2 : 64;
		struct site_state *n = realloc(run->sites, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		run->sites = n;
		run->cap_sites = cap;
	}
	if (b->n_sites == b->cap_sites) {
		size_t cap = b->cap_sites ? b->cap_sites * 2 : 8;
		size_t *n = realloc(b->sites, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		b->sites = n;
		b->cap_sites = cap;
	}
	s = &run->sites[run->n_sites];
	memset(s, 0, sizeof(*s));
	s->site = *site;
	s->domain = run->from.params.sriov && site->domain_sriov ? site->domain_sriov
								  : site->domain;
	if (site->cache == GMCSIM_CACHE_PTE) {
		size_t *n = realloc(run->pte_sites, (run->n_pte_sites + 1) * sizeof(*n));

		if (!n)
			return -ENOMEM;
		run->pte_sites = n;
		run->pte_sites[run->n_pte_sites++] = run->n_sites;
	}
	b->sites[b->n_sites++] = run->n_sites++;
	return 0;
}

GMCSIM_EXPORT int
gmcsim_run_add_block(struct gmcsim_run *run, const struct gmcsim_block_ops *ops)
{
	struct block_state *b;

	if (!run || !ops || !ops->name || !ops->name[0] || !ops->hook)
		return -EINVAL;
	b = block_get(run, ops->name);
	if (!b)
		return -ENOMEM;
	b->has_ops = true;
	b->ops = *ops;
	return 0;
}

/* The address a site keeps, of the kind it keeps. */
static void
derive(struct gmcsim_run *run, struct site_state *s, struct gmc_addr *out)
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

static void
refresh(struct gmcsim_run *run, struct site_state *s)
{
	derive(run, s, &s->cached);
	s->derived = gmc_addr_plus(s->cached, s->site.derived_offset);
}

static int
site_create(struct gmcsim_run *run, struct site_state *s)
{
	struct gmc_addr mc;
	char label[GMC_LABEL_MAX];
	int rc;

	if (s->bo && sim_fix_balances_pins(run)) {
		/* p2-pinfix: drop the previous pin before pinning again */
		gmc_bo_reserve(run->dev, s->bo);
		gmc_bo_unpin(run->dev, s->bo);
		gmc_bo_unreserve(run->dev, s->bo);
	}
	rc = gmc_bo_create_kernel(run->dev, s->site.size, 0, s->domain, &s->bo, &mc, &s->cpu);
	if (rc)
		return gmcsim_fail(&run->err, rc, "creating %s/%s failed: %s", s->site.block,
				   s->site.name, gmc_dev_strerror(run->dev));
	snprintf(label, sizeof(label), "%.23s/%.23s", s->site.block, s->site.name);
	gmc_bo_set_label(s->bo, label);
	refresh(run, s);
	if (s->site.cache == GMCSIM_CACHE_PTE)
		gmc_bo_vram_pa(run->dev, s->bo, &s->pte); /* mapped into the VMs now */
	if (gmc_bo_pin_count(s->bo) > 1)
		return sim_finding(run, GMCSIM_PIN_LEAK, s->site.block, s->site.name, false, 0, 0,
				   "created again without a free: pin_count %u, its pin accounting "
				   "is never returned",
				   gmc_bo_pin_count(s->bo));
	return 0;
}

static void
site_free(struct gmcsim_run *run, struct site_state *s)
{
	gmc_bo_free_kernel(run->dev, &s->bo, &s->cached, &s->cpu);
	/* amdgpu_unmap_static_csa: the PTEs go with the BO */
	s->pte = gmc_addr_untracked(0);
}

/*
 * Whether the swap moved what a pointer of @kind held by firmware points
 * at: an MC address moves with vram_start (under PDB0 with vram_start 0 it
 * does not), a physical one with vram_base_offset.
 */
static bool
memory_moved(const struct gmcsim_run *run, enum gmc_addr_kind kind)
{
	if (kind == GMC_ADDR_PA)
		return run->layout_from.vram_base_offset != run->layout_to.vram_base_offset;
	return run->layout_from.vram_start != run->layout_to.vram_start;
}

static int
site_consume(struct gmcsim_run *run, struct site_state *s, enum gmcsim_hook hook)
{
	const char *block = s->site.block, *name = s->site.name;
	struct gmc_addr value, fresh;
	int rc;

	if (!s->bo)
		return 0;
	switch (s->site.cache) {
	case GMCSIM_CACHE_FIRMWARE:
		if (hook == GMCSIM_HOOK_RESUME && run->swapped && memory_moved(run, s->site.addr))
			return sim_finding(run, GMCSIM_FIRMWARE_OPAQUE, block, name, false, 0, 0,
					   "firmware keeps pointers to this buffer across suspend; "
					   "nobody can check them from the driver");
		return 0;
	case GMCSIM_CACHE_PTE:
		return 0; /* checked at every step */
	case GMCSIM_CACHE_NONE:
		derive(run, s, &value); /* computed on demand: never stale */
		return sim_check_value(run, block, name, GMCSIM_CACHE_NONE, &value);
	case GMCSIM_CACHE_REGISTER:
		if (!s->programmed) {
			s->programmed = true;
			s->backup = s->cached; /* what the hardware register holds */
		}
		return sim_check_value(run, block, name, GMCSIM_CACHE_REGISTER, &s->backup);
	case GMCSIM_CACHE_CONTENT:
		if (hook != GMCSIM_HOOK_RESUME)
			s->backup = s->cached; /* mqd_init writes it and the CPU backup */
		/* on resume the MQD is copied back from the backup */
		return sim_check_value(run, block, name, GMCSIM_CACHE_CONTENT, &s->backup);
	case GMCSIM_CACHE_FIELD:
	case GMCSIM_CACHE_DERIVED:
	case GMCSIM_CACHE_MIXED:
	case GMCSIM_CACHE_COUNT:
		break;
	}

	if ((hook == GMCSIM_HOOK_RESUME && sim_fix_refreshes(run, s)) ||
	    sim_fix_uses_fb_aper(run, s))
		refresh(run, s);
	value = s->site.cache == GMCSIM_CACHE_DERIVED ? s->derived : s->cached;
	if (s->site.cache != GMCSIM_CACHE_MIXED)
		return sim_check_value(run, block, name, s->site.cache, &value);

	if (s->site.addr == GMC_ADDR_PA) {
		/* mc2pa of the cached MC with today's vram_start and vram_base_offset */
		struct gmc_addr pa;
		struct gmc_addr_status st;

		if (gmc_addr_mc2pa(run->dev, &value, &pa) || gmc_addr_check(run->dev, &pa, &st) ||
		    !st.stale)
			return 0;
		rc = sim_finding(run, GMCSIM_MIXED_STALE, block, name, st.fresh_valid, st.cached,
				 st.fresh,
				 "mc2pa() mixes the cached MC address with the vram_start in force");
		return rc ? rc : sim_check_cross(run, block, name, GMC_ADDR_PA, &st);
	}
	/* the command carries the cached address next to a physical one computed now */
	if (gmc_bo_mem_type(s->bo) != GMC_DOMAIN_VRAM ||
	    gmc_bo_vram_pa(run->dev, s->bo, &fresh) != 0)
		return sim_check_value(run, block, name, GMCSIM_CACHE_FIELD, &value);
	return sim_check_mixed(run, block, name, &value, &fresh);
}

static bool
frees_in(const struct gmcsim_site *site, enum gmcsim_hook hook)
{
	/* a BO freed in suspend is freed in hw_fini as well: suspend calls it */
	return site->free_in == hook ||
	       (site->free_in == GMCSIM_HOOK_SUSPEND && hook == GMCSIM_HOOK_HW_FINI);
}

static int
site_hook(struct gmcsim_run *run, struct site_state *s, enum gmcsim_hook hook)
{
	const struct gmcsim_site *site = &s->site;
	int rc = 0;

	switch (hook) {
	case GMCSIM_HOOK_SW_INIT:
	case GMCSIM_HOOK_HW_INIT:
	case GMCSIM_HOOK_LATE_INIT:
		if (site->create == hook && (!site->lazy || !s->bo))
			rc = site_create(run, s);
		break;
	case GMCSIM_HOOK_RESUME:
		/* the hw path runs again: re-creates (P1, P2) and lazy creates while NULL */
		if (site->create == GMCSIM_HOOK_HW_INIT &&
		    ((site->recreate_on_resume && !site->lazy) || !s->bo))
			rc = site_create(run, s);
		break;
	case GMCSIM_HOOK_SUSPEND:
	case GMCSIM_HOOK_HW_FINI:
	case GMCSIM_HOOK_SW_FINI:
		if (frees_in(site, hook) && s->bo)
			site_free(run, s);
		return 0;
	default:
		return 0;
	}
	if (!rc && (site->consume & HOOK_BIT(hook)))
		rc = site_consume(run, s, hook);
	return rc;
}

/*
 * Block hooks change the step thousands of times per run and it is read
 * only when something is reported: remember it, format it on demand.
 */
static void
set_step(struct gmcsim_run *run, enum gmcsim_hook hook, const char *block)
{
	run->step_hook = hook;
	run->step_block = block;
}

/* A step that is not a block hook ("cycle 1 resume", "cycle 1 swap …"). */
static void
set_step_text(struct gmcsim_run *run, const char *text)
{
	run->step_block = NULL;
	if (run->cycle)
		snprintf(run->step, sizeof(run->step), "cycle %u %s", run->cycle, text);
	else
		snprintf(run->step, sizeof(run->step), "%s", text);
}

const char *
sim_step(struct gmcsim_run *run)
{
	if (!run->step_block)
		return run->step;
	if (run->cycle)
		snprintf(run->step, sizeof(run->step), "cycle %u %s %s", run->cycle,
			 gmcsim_hook_name(run->step_hook), run->step_block);
	else
		snprintf(run->step, sizeof(run->step), "%s %s", gmcsim_hook_name(run->step_hook),
			 run->step_block);
	run->step_block = NULL;
	return run->step;
}

static int
do_swap(struct gmcsim_run *run)
{
	char where[GMCSIM_NAME_MAX];
	int rc;

	if (run->swapped)
		return 0;
	char text[GMCSIM_NAME_MAX * 2];

	gmcsim_swap_format(&run->cfg.swap, where, sizeof(where));
	snprintf(text, sizeof(text), "swap %s", where);
	set_step_text(run, text);
	rc = gmc_dev_set_layout(run->dev, &run->layout_to);
	if (rc)
		return gmcsim_fail(&run->err, rc,
				   "the guest's pinned BOs do not fit the new vGPU: %s",
				   gmc_dev_strerror(run->dev));
	gmc_dev_set_bar(run->dev, sim_vgpu_vram_bar(&run->to));
	run->swapped = true;
	run->hw = &run->to;
	run->msix_restored = false; /* the new VF's MSI-X table is not programmed yet */
	rc = sim_check_swap(run);
	return rc ? rc : sim_check_step(run);
}

static bool
swap_here(const struct gmcsim_run *run, enum gmcsim_swap_kind kind, const char *block)
{
	const struct gmcsim_swap *sw = &run->cfg.swap;

	return run->cycle == 1 && !run->swapped && sw->kind == kind &&
	       (!block || strcmp(sw->block, block) == 0);
}

static int
block_hook(struct gmcsim_run *run, struct block_state *b, enum gmcsim_hook hook)
{
	int rc = 0;

	set_step(run, hook, b->name);
	for (size_t i = 0; i < b->n_sites && !rc; i++)
		rc = site_hook(run, &run->sites[b->sites[i]], hook);
	if (!rc && b->has_ops) {
		rc = b->ops.hook(run, hook, b->ops.data);
		if (rc)
			gmcsim_fail(&run->err, rc, "block %s failed in %s", b->name,
				    gmcsim_hook_name(hook));
	}
	return rc ? rc : sim_check_step(run);
}

/* One hook over every block: forward for init and resume, reverse for teardown. */
static int
phase(struct gmcsim_run *run, enum gmcsim_hook hook)
{
	bool reverse = hook == GMCSIM_HOOK_SUSPEND || hook == GMCSIM_HOOK_HW_FINI ||
		       hook == GMCSIM_HOOK_SW_FINI;
	int rc = 0;

	for (size_t n = 0; n < run->n_blocks && !rc; n++) {
		struct block_state *b = &run->blocks[reverse ? run->n_blocks - 1 - n : n];

		if (hook == GMCSIM_HOOK_RESUME &&
		    swap_here(run, GMCSIM_SWAP_BEFORE_BLOCK_RESUME, b->name))
			rc = do_swap(run);
		if (!rc)
			rc = block_hook(run, b, hook);
		if (!rc && hook == GMCSIM_HOOK_SUSPEND &&
		    swap_here(run, GMCSIM_SWAP_AFTER_BLOCK_SUSPEND, b->name))
			rc = do_swap(run);
	}
	return rc;
}

/*
 * Whether the guest now runs on another VF, whose MSI-X table the
 * hypervisor must program again (and nBIF may block that write:
 * upstream commit 4108c2be12eb): another XGMI node, another FB offset, or
 * other MSI-X values.
 */
static bool
msix_changed(const struct gmcsim_run *run)
{
	const struct gmcsim_pci *a = &run->from.pci, *b = &run->to.pci;

	/* only a VF's MSI-X table is programmed by a hypervisor */
	if (!run->to.params.sriov)
		return false;
	return run->layout_from.xgmi.physical_node_id != run->layout_to.xgmi.physical_node_id ||
	       run->from.regs.value[GMC_REG_FB_OFFSET] != run->to.regs.value[GMC_REG_FB_OFFSET] ||
	       strcmp(a->bus, b->bus) != 0 || a->msix_address != b->msix_address ||
	       a->msix_data != b->msix_data;
}

/* The IH needs the MSI-X table the driver restores (amdgpu_restore_msix in 6.17). */
static int
check_msix(struct gmcsim_run *run)
{
	if (!run->swapped || !msix_changed(run) || run->msix_restored)
		return 0;
	return sim_finding(run, GMCSIM_MSIX_STALE, "ih", "msix", false, 0, 0,
			   "the new VF's MSI-X table was not reprogrammed (nBIF may block the "
			   "hypervisor's write): interrupts are lost");
}

static int
cycle(struct gmcsim_run *run)
{
	int rc = 0;

	if (swap_here(run, GMCSIM_SWAP_BEFORE_SUSPEND, NULL))
		rc = do_swap(run);
	gmc_dev_set_in_suspend(run->dev, true);
	if (!rc)
		rc = phase(run, GMCSIM_HOOK_SUSPEND);
	if (!rc)
		rc = gmc_dev_suspend(run->dev);
	if (!rc && swap_here(run, GMCSIM_SWAP_AFTER_SUSPEND, NULL))
		rc = do_swap(run);
	if (rc)
		return rc;

	/* the hibernation image holds the guest's memory: the driver's state survives */
	set_step_text(run, "resume");
	sim_fix_resume_fields(run);
	rc = phase(run, GMCSIM_HOOK_RESUME);
	if (!rc)
		gmc_dev_resume(run->dev); /* evicted BOs come back; in_suspend cleared */
	set_step_text(run, "resume");
	if (!rc)
		rc = check_msix(run);
	if (!rc)
		rc = sim_check_step(run);
	/* the driver's own fields, once resume had its chance to refresh them */
	if (!rc)
		rc = sim_check_fields(run);
	if (!rc && swap_here(run, GMCSIM_SWAP_AFTER_RESUME, NULL)) {
		rc = do_swap(run);
		if (!rc)
			rc = sim_check_fields(run);
		if (!rc)
			rc = check_msix(run);
	}
	return rc;
}

GMCSIM_EXPORT int
gmcsim_run_execute(struct gmcsim_run *run, struct gmc_error *err)
{
	static const enum gmcsim_hook init[] = { GMCSIM_HOOK_EARLY_INIT, GMCSIM_HOOK_SW_INIT,
						 GMCSIM_HOOK_HW_INIT, GMCSIM_HOOK_LATE_INIT };
	int rc = 0;

	if (!run)
		return gmcsim_fail(err, -EINVAL, "no run");
	for (size_t i = 0; i < sizeof(init) / sizeof(init[0]) && !rc; i++)
		rc = phase(run, init[i]);
	for (run->cycle = 1; run->cycle <= run->cfg.cycles && !rc; run->cycle++)
		rc = cycle(run);
	run->cycle = 0;
	if (!rc)
		rc = phase(run, GMCSIM_HOOK_HW_FINI);
	if (!rc)
		rc = phase(run, GMCSIM_HOOK_SW_FINI);
	if (rc) {
		if (!run->err.code)
			gmcsim_fail(&run->err, rc, "%s: out of memory", sim_step(run));
		if (err)
			*err = run->err;
	}
	return rc;
}

GMCSIM_EXPORT size_t
gmcsim_run_finding_count(const struct gmcsim_run *run)
{
	return run->n_findings;
}

GMCSIM_EXPORT const struct gmcsim_finding *
gmcsim_run_finding_at(const struct gmcsim_run *run, size_t index)
{
	return index < run->n_findings ? &run->findings[index] : NULL;
}

GMCSIM_EXPORT struct gmc_dev *
gmcsim_run_dev(struct gmcsim_run *run)
{
	return run->dev;
}

GMCSIM_EXPORT enum gmcsim_fix
gmcsim_run_fix(const struct gmcsim_run *run)
{
	return run->cfg.fix;
}

GMCSIM_EXPORT bool
gmcsim_run_migrate_gate(const struct gmcsim_run *run)
{
	return run->gate;
}

GMCSIM_EXPORT const char *
gmcsim_run_step(struct gmcsim_run *run)
{
	return sim_step(run);
}

GMCSIM_EXPORT int
gmcsim_run_consume(struct gmcsim_run *run, const char *block, const char *site,
		   enum gmcsim_cache how, const struct gmc_addr *value)
{
	if (!run || !block || !site || !value)
		return -EINVAL;
	return sim_check_value(run, block, site, how, value);
}

GMCSIM_EXPORT int
gmcsim_run_consume_mixed(struct gmcsim_run *run, const char *block, const char *site,
			 const struct gmc_addr *a, const struct gmc_addr *b)
{
	if (!run || !block || !site || !a || !b)
		return -EINVAL;
	return sim_check_mixed(run, block, site, a, b);
}
