/* SPDX-License-Identifier: MIT */
/*
 * The run object: what a lifecycle run holds (its configuration, the
 * layouts the driver computes on both vGPUs, its device, sites and blocks),
 * the findings recorded in it and the text of the step it is at. The
 * lifecycle (sim-driver.c) moves a run through its steps and the checker
 * (sim-check.c) records findings in it: both use this file, it uses neither.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-cond.h"
#include "sim-private.h"
#include "sim-profile.h"
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
	if (!cfg->strategy && cfg->fix >= GMCSIM_FIX_COUNT)
		return gmcsim_fail(err, -EINVAL, "unknown fix strategy");
	if (cfg->strategy && ((unsigned)cfg->strategy->layout >= GMCSIM_LAYOUT_COUNT ||
			      cfg->strategy->n_gate > GMCSIM_COND_MAX ||
			      cfg->strategy->n_resume > GMCSIM_RESUME_STEPS_MAX ||
			      cfg->strategy->n_refresh > GMCSIM_SELECT_MAX ||
			      cfg->strategy->n_fb_aper > GMCSIM_SELECT_MAX))
		return gmcsim_fail(err, -EINVAL, "strategy '%.63s' is out of range",
				   cfg->strategy->name);
	if ((unsigned)cfg->kernel >= GMCSIM_KERNEL_COUNT)
		return gmcsim_fail(err, -EINVAL, "kernel %u is not a modelled kernel",
				   (unsigned)cfg->kernel);
	if (cfg->from->asic != cfg->to->asic)
		return gmcsim_fail(
			err, -EINVAL,
			"profiles '%s' and '%s' are different GC versions: a guest cannot "
			"resume on another ASIC",
			cfg->from->name, cfg->to->name);

	run = calloc(1, sizeof(*run));
	if (!run)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	run->cfg = *cfg;
	run->strategy = cfg->strategy;
	if (!run->strategy && (rc = gmcsim_strategy_builtin(cfg->fix, &run->strategy)) != 0) {
		free(run);
		return gmcsim_fail(err, rc, "the built-in fix '%s' did not parse",
				   gmcsim_fix_name(cfg->fix));
	}
	run->from = *cfg->from;
	run->to = *cfg->to;
	run->cfg.from = &run->from;
	run->cfg.to = &run->to;
	/* a harness's hand-filled profile without facts (no XCC) runs with the part's */
	if (!run->from.ip.xcc)
		sim_profile_default_facts(&run->from);
	if (!run->to.ip.xcc)
		sim_profile_default_facts(&run->to);
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
	driver_fields_from(&run->fields, &run->layout_from);
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
	free(run->finding_slots);
	free(run);
}

static struct block_state *
block_get(struct gmcsim_run *run, const char *name)
{
	struct block_state *b;

	/* a block's sites come one after another: the last block is the likely one */
	if (run->n_blocks && strcmp(run->blocks[run->n_blocks - 1].name, name) == 0)
		return &run->blocks[run->n_blocks - 1];
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

/* The lifecycle facts of @p site (sim-private.h's struct sim_site). */
static void
sim_site_from(struct sim_site *out, const struct gmcsim_site *site)
{
	memcpy(out->block, site->block, sizeof(out->block));
	out->block[sizeof(out->block) - 1] = '\0';
	memcpy(out->name, site->name, sizeof(out->name));
	out->name[sizeof(out->name) - 1] = '\0';
	out->create = site->create;
	out->lazy = site->lazy;
	out->recreate_on_resume = site->recreate_on_resume;
	out->free_in = site->free_in;
	out->size = site->size;
	out->cache = site->cache;
	out->addr = site->addr;
	out->derived_offset = site->derived_offset;
	out->consume = site->consume;
	out->rfc_helper = site->rfc_helper;
	out->upstream_fb_aper = site->upstream_fb_aper;
	out->uncertain = site->uncertain;
}

GMCSIM_EXPORT int
gmcsim_run_add_site(struct gmcsim_run *run, const struct gmcsim_site *site)
{
	enum gmcsim_presence on_from, on_to;

	if (!run || !site || !site->block[0] || !site->name[0] || !site->size)
		return -EINVAL;
	/* the driver decides at init, on the vGPU it boots on, whether the BO exists */
	on_from = sim_site_presence(site, &run->from, run->cfg.kernel, run->gate, NULL, 0);
	if (on_from == GMCSIM_SITE_ABSENT)
		return 0;
	/* and at each use, on the vGPU it runs on then, whether it uses the address */
	on_to = sim_site_presence(site, &run->to, run->cfg.kernel, run->gate, NULL, 0);
	return sim_run_add_site_known(run, site, on_from, on_to);
}

int
sim_run_add_site_known(struct gmcsim_run *run, const struct gmcsim_site *site,
		       enum gmcsim_presence on_from, enum gmcsim_presence on_to)
{
	struct block_state *b;
	struct site_state *s;

	if (on_from == GMCSIM_SITE_ABSENT)
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
	sim_site_from(&s->site, site);
	sim_fix_select_site(run, &s->site);
	s->site.consumed[0] = on_from == GMCSIM_SITE_USED;
	s->site.consumed[1] = on_to == GMCSIM_SITE_USED;
	s->domain =
		run->from.params.sriov && site->domain_sriov ? site->domain_sriov : site->domain;
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

/*
 * Block hooks change the step thousands of times per run and it is read
 * only when something is reported: remember it, format it on demand.
 */
void
sim_run_set_step(struct gmcsim_run *run, enum gmcsim_hook hook, const char *block)
{
	run->step_hook = hook;
	run->step_block = block;
}

void
sim_run_set_step_text(struct gmcsim_run *run, const char *text)
{
	run->step_block = NULL;
	/* nobody reads a terse run's steps (a failure says where with its own words) */
	if (run->terse)
		return;
	if (run->cycle)
		snprintf(run->step, sizeof(run->step), "cycle %u %s", run->cycle, text);
	else
		snprintf(run->step, sizeof(run->step), "%s", text);
}

const char *
sim_run_step_text(struct gmcsim_run *run)
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

/* Copy with truncation into a fixed field of @len bytes. */
static void
copy_text(char *dst, size_t len, const char *src)
{
	size_t n = src ? strnlen(src, len - 1) : 0;

	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* FNV-1a of "block/site" (as a finding keeps them: cut to its fields) and @p kind. */
static size_t
key_hash(unsigned kind, const char *block, const char *site)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ kind;
	const char *parts[2] = { block, site };

	for (unsigned p = 0; p < 2; p++) {
		const char *s = parts[p];

		for (size_t i = 0; s && s[i] && i < GMCSIM_NAME_MAX - 1; i++)
			h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
		h = (h ^ '/') * UINT64_C(0x100000001b3);
	}
	return (size_t)(h ^ (h >> 29));
}

/* Whether finding @p f is the one of (@p kind, @p block, @p site), names cut as it keeps them. */
static bool
finding_is(const struct gmcsim_finding *f, unsigned kind, const char *block, const char *site)
{
	return f->kind == kind && strncmp(f->block, block, sizeof(f->block) - 1) == 0 &&
	       strncmp(f->site, site, sizeof(f->site) - 1) == 0;
}

/* The slot of (@p kind, @p block, @p site) in the findings' index: its finding or a free one. */
static size_t *
finding_slot(struct gmcsim_run *run, unsigned kind, const char *block, const char *site)
{
	size_t mask = run->n_finding_slots - 1, i = key_hash(kind, block, site) & mask;

	for (;; i = (i + 1) & mask) {
		size_t *slot = &run->finding_slots[i];

		if (!*slot || finding_is(&run->findings[*slot - 1], kind, block, site))
			return slot;
	}
}

/* Keep the index at most half full, so a lookup stays O(1) however many findings a run has. */
static int
finding_index_grow(struct gmcsim_run *run)
{
	size_t n = run->n_finding_slots ? run->n_finding_slots * 2 : 64;
	size_t *old = run->finding_slots, old_n = run->n_finding_slots;

	if ((run->n_findings + 1) * 2 <= run->n_finding_slots)
		return 0;
	run->finding_slots = calloc(n, sizeof(*run->finding_slots));
	if (!run->finding_slots) {
		run->finding_slots = old;
		return -ENOMEM;
	}
	run->n_finding_slots = n;
	for (size_t i = 0; i < old_n; i++) {
		if (old[i]) {
			const struct gmcsim_finding *f = &run->findings[old[i] - 1];

			*finding_slot(run, f->kind, f->block, f->site) = old[i];
		}
	}
	free(old);
	return 0;
}

int
sim_run_finding(struct gmcsim_run *run, enum gmcsim_finding_kind kind, const char *block,
		const char *site, bool has_values, uint64_t cached, uint64_t fresh, const char *fmt,
		...)
{
	struct gmcsim_finding *f;
	size_t *slot;
	va_list ap;

	if (finding_index_grow(run))
		return -ENOMEM;
	slot = finding_slot(run, kind, block, site);
	if (*slot) {
		run->findings[*slot - 1].count++;
		return 0;
	}
	if (run->n_findings == run->cap_findings) {
		size_t cap = run->cap_findings ? run->cap_findings * 2 : 32;
		struct gmcsim_finding *n = realloc(run->findings, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		run->findings = n;
		run->cap_findings = cap;
	}
	f = &run->findings[run->n_findings++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->severity = gmcsim_finding_kind_severity(kind);
	copy_text(f->block, sizeof(f->block), block);
	copy_text(f->site, sizeof(f->site), site);
	f->has_values = has_values;
	f->cached = cached;
	f->fresh = fresh;
	f->count = 1;
	*slot = run->n_findings;
	if (run->terse)
		return 0;
	copy_text(f->step, sizeof(f->step), sim_run_step_text(run));
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof(f->detail), fmt, ap);
	va_end(ap);
	return 0;
}

void
sim_run_set_terse(struct gmcsim_run *run)
{
	run->terse = true;
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

GMCSIM_EXPORT const struct gmcsim_strategy *
gmcsim_run_strategy(const struct gmcsim_run *run)
{
	return run->strategy;
}

GMCSIM_EXPORT bool
gmcsim_run_migrate_gate(const struct gmcsim_run *run)
{
	return run->gate;
}

GMCSIM_EXPORT const struct gmc_layout *
gmcsim_run_layout(const struct gmcsim_run *run, bool to)
{
	if (!run)
		return NULL;
	return to ? &run->layout_to : &run->layout_from;
}

GMCSIM_EXPORT const char *
gmcsim_run_step(struct gmcsim_run *run)
{
	return sim_run_step_text(run);
}

void
sim_run_mark_uncertain(struct gmcsim_run *run)
{
	/* through the findings' index: each uncertain site's findings, one lookup per kind */
	for (size_t j = 0; j < run->n_sites && run->n_finding_slots; j++) {
		const struct sim_site *s = &run->sites[j].site;

		if (!s->uncertain)
			continue;
		for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++) {
			size_t *slot = finding_slot(run, k, s->block, s->name);

			if (*slot)
				run->findings[*slot - 1].uncertain = true;
		}
	}
}
