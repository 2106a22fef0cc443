/* SPDX-License-Identifier: MIT */
/*
 * The driver lifecycle: init (early/sw/hw/late), cycles of suspend,
 * hibernation image and resume with the vGPU swap injected at the chosen
 * boundary, then fini; in_suspend set and cleared where amdgpu_device.c
 * does it. Each catalog site creates, caches, consumes and frees its BO as
 * table B of bo-lifecycle-and-callers.md says. The run it moves through
 * these steps is sim-run.c's; what it sees is judged by sim-check.c.
 */
#include <stdio.h>
#include <string.h>

#include "sim-private.h"
#include "util.h"

static void
refresh(struct gmcsim_run *run, struct site_state *s)
{
	sim_fix_site_addr(run, s, &s->cached);
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
	/* "block/site", each cut to 23 bytes: checks read it back from the driver's warnings */
	{
		size_t nb = strnlen(s->site.block, 23), ns = strnlen(s->site.name, 23);

		memcpy(label, s->site.block, nb);
		label[nb] = '/';
		memcpy(label + nb + 1, s->site.name, ns);
		label[nb + 1 + ns] = '\0';
	}
	gmc_bo_set_label(s->bo, label);
	refresh(run, s);
	if (s->site.cache == GMCSIM_CACHE_PTE)
		gmc_bo_vram_pa(run->dev, s->bo, &s->pte); /* mapped into the VMs now */
	return sim_check_pins(run, s);
}

static void
site_free(struct gmcsim_run *run, struct site_state *s)
{
	gmc_bo_free_kernel(run->dev, &s->bo, &s->cached, &s->cpu);
	/* amdgpu_unmap_static_csa: the PTEs go with the BO */
	s->pte = gmc_addr_untracked(0);
}

/*
 * A site's address is used now: what the driver does to its copies first
 * (bo-lifecycle-and-callers.md §C.3), then the checker looks at the copy
 * in use.
 */
static int
site_consume(struct gmcsim_run *run, struct site_state *s, enum gmcsim_hook hook)
{
	if (!s->bo)
		return 0;
	switch (s->site.cache) {
	case GMCSIM_CACHE_REGISTER:
		if (!s->programmed) {
			s->programmed = true;
			s->backup = s->cached; /* what the hardware register holds */
		}
		break;
	case GMCSIM_CACHE_CONTENT:
		/* mqd_init writes it and the CPU backup; resume copies the MQD back from it */
		if (hook != GMCSIM_HOOK_RESUME)
			s->backup = s->cached;
		break;
	case GMCSIM_CACHE_FIELD:
	case GMCSIM_CACHE_DERIVED:
	case GMCSIM_CACHE_MIXED:
	case GMCSIM_CACHE_COUNT:
		if ((hook == GMCSIM_HOOK_RESUME && sim_fix_refreshes(run, s)) ||
		    sim_fix_uses_fb_aper(run, s))
			refresh(run, s);
		break;
	case GMCSIM_CACHE_FIRMWARE:
	case GMCSIM_CACHE_PTE:
	case GMCSIM_CACHE_NONE:
		break;
	}
	return sim_check_site(run, s, hook);
}

static bool
frees_in(const struct sim_site *site, enum gmcsim_hook hook)
{
	/* a BO freed in suspend is freed in hw_fini as well: suspend calls it */
	return site->free_in == hook ||
	       (site->free_in == GMCSIM_HOOK_SUSPEND && hook == GMCSIM_HOOK_HW_FINI);
}

static int
site_hook(struct gmcsim_run *run, struct site_state *s, enum gmcsim_hook hook)
{
	const struct sim_site *site = &s->site;
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
	/* a site the driver never uses on this vGPU keeps its BO, but no copy is read */
	if (!rc && (site->consume & HOOK_BIT(hook)) && site->consumed[run->hw == &run->to])
		rc = site_consume(run, s, hook);
	return rc;
}

static int
do_swap(struct gmcsim_run *run)
{
	char where[GMCSIM_NAME_MAX];
	int rc;

	if (run->swapped)
		return 0;
	char text[GMCSIM_NAME_MAX * 2];

	if (!run->terse) {
		gmcsim_swap_format(&run->cfg.swap, where, sizeof(where));
		snprintf(text, sizeof(text), "swap %s", where);
	}
	sim_run_set_step_text(run, text);
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

	sim_run_set_step(run, hook, b->name);
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
	sim_run_set_step_text(run, "resume");
	sim_fix_resume_fields(run);
	rc = phase(run, GMCSIM_HOOK_RESUME);
	if (!rc)
		gmc_dev_resume(run->dev); /* evicted BOs come back; in_suspend cleared */
	sim_run_set_step_text(run, "resume");
	if (!rc)
		rc = sim_check_msix(run);
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
			rc = sim_check_msix(run);
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
	if (!rc)
		sim_run_mark_uncertain(run);
	if (rc) {
		if (!run->err.code)
			gmcsim_fail(&run->err, rc, "%s: out of memory", sim_run_step_text(run));
		if (err)
			*err = run->err;
	}
	return rc;
}
