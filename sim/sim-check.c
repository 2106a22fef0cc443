/* SPDX-License-Identifier: MIT */
/*
 * The checker, every check of a run: compares what the driver uses with
 * what the hardware under it needs now (libgmc provenance), looks at what a
 * swap changes beyond addresses (identity, BARs, MSI-X), and turns the
 * driver's warnings into findings. Findings go into the run object
 * (sim-run.c), one per (block, site, kind), counted.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim-private.h"

/*
 * Whether @value lands in another XGMI node's segment of the hive: another
 * VM's memory. Physical addresses count from the hive's physical base
 * (vram_base_offset - node * segment); MC addresses in the FB layout from
 * fb_start, which spans the whole hive (gmc-address-math.md §4.1), and in
 * the sysvm layout from 0, where PDB0 maps the hive (§4.2). With the migrate
 * layout every node's VRAM is at MC 0, so an MC address never crosses.
 */
static bool
other_segment(const struct gmc_layout *l, enum gmc_addr_kind kind, uint64_t value)
{
	const struct gmc_xgmi *x = &l->xgmi;
	uint64_t seg = x->node_segment_size, base, k;

	if (!x->num_physical_nodes || !seg)
		return false;
	if (kind == GMC_ADDR_PA)
		base = l->vram_base_offset - gmc_xgmi_node_offset(x);
	else if ((kind == GMC_ADDR_MC && l->mode != GMC_MODE_SYSVM_MIGRATE) ||
		 kind == GMC_ADDR_FB_APER)
		/* FB layout: the FB aperture spans the hive; sysvm: PDB0 maps it from 0 */
		base = l->fb_start;
	else
		return false;
	if (value < base)
		return false;
	k = (value - base) / seg;
	return k < x->num_physical_nodes && k != x->physical_node_id;
}

int
sim_check_cross(struct gmcsim_run *run, const char *block, const char *site,
		enum gmc_addr_kind kind, const struct gmc_addr_status *st)
{
	if (!st->stale || !other_segment(gmc_dev_layout(run->dev), kind, st->cached))
		return 0;
	/* the worst case on top: the stale address reaches another VM's memory */
	return sim_run_finding(run, GMCSIM_CROSS_SEGMENT, block, site, true, st->cached, st->fresh,
			       "stale %s address lands in another XGMI node's segment",
			       gmc_addr_kind_name(kind));
}

static enum gmcsim_finding_kind
stale_kind(enum gmcsim_cache how, enum gmc_addr_kind kind)
{
	switch (how) {
	case GMCSIM_CACHE_CONTENT:
		return GMCSIM_STALE_CONTENT;
	case GMCSIM_CACHE_PTE:
		return GMCSIM_STALE_PTE;
	default:
		break;
	}
	switch (kind) {
	case GMC_ADDR_PA:
		return GMCSIM_STALE_PA;
	case GMC_ADDR_CPU:
		return GMCSIM_BAR_MOVED;
	default:
		return GMCSIM_STALE_MC;
	}
}

static void
describe_causes(unsigned causes, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned bit = 1; bit && used < len; bit <<= 1) {
		const char *name = (causes & bit) ? gmc_cause_name(bit) : NULL;

		if (name)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
						 name);
	}
}

int
sim_check_value(struct gmcsim_run *run, const char *block, const char *site, enum gmcsim_cache how,
		const struct gmc_addr *value)
{
	struct gmc_addr_status st;
	enum gmcsim_finding_kind kind;
	char causes[96];
	int rc;

	if (!gmc_addr_is_tracked(value) || gmc_addr_check(run->dev, value, &st) != 0)
		return 0;
	if (!st.stale)
		return 0;
	causes[0] = '\0';
	if (!run->terse)
		describe_causes(st.causes, causes, sizeof(causes));
	if (st.causes & GMC_CAUSE_BO_FREED)
		return sim_run_finding(run, GMCSIM_USE_AFTER_FREE, block, site, true, st.cached, 0,
				       "%s address 0x%" PRIx64 " used after its BO was freed",
				       gmc_addr_kind_name(value->kind), st.cached);
	kind = stale_kind(how, value->kind);
	rc = sim_run_finding(run, kind, block, site, st.fresh_valid, st.cached, st.fresh,
			     "%s %s address is stale: %s", gmcsim_cache_name(how),
			     gmc_addr_kind_name(value->kind), causes);
	if (!rc && kind != GMCSIM_BAR_MOVED)
		rc = sim_check_cross(run, block, site, value->kind, &st);
	return rc;
}

int
sim_check_mixed(struct gmcsim_run *run, const char *block, const char *site,
		const struct gmc_addr *a, const struct gmc_addr *b)
{
	struct gmc_addr_status sa = { 0 }, sb = { 0 };
	const struct gmc_addr_status *bad;
	int rc;

	if (gmc_addr_is_tracked(a))
		gmc_addr_check(run->dev, a, &sa);
	if (gmc_addr_is_tracked(b))
		gmc_addr_check(run->dev, b, &sb);
	if (sa.stale && sb.stale) {
		rc = sim_check_value(run, block, site, GMCSIM_CACHE_FIELD, a);
		return rc ? rc : sim_check_value(run, block, site, GMCSIM_CACHE_FIELD, b);
	}
	if (!sa.stale && !sb.stale)
		return 0;
	bad = sa.stale ? &sa : &sb;
	rc = sim_run_finding(run, GMCSIM_MIXED_STALE, block, site, bad->fresh_valid, bad->cached,
			     bad->fresh,
			     "one command carries a stale %s address next to a fresh %s address",
			     gmc_addr_kind_name(sa.stale ? a->kind : b->kind),
			     gmc_addr_kind_name(sa.stale ? b->kind : a->kind));
	return rc ? rc : sim_check_cross(run, block, site, sa.stale ? a->kind : b->kind, bad);
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

int
sim_check_site(struct gmcsim_run *run, const struct site_state *s, enum gmcsim_hook hook)
{
	const char *block = s->site.block, *name = s->site.name;
	struct gmc_addr value, fresh;
	int rc;

	switch (s->site.cache) {
	case GMCSIM_CACHE_FIRMWARE:
		if (hook == GMCSIM_HOOK_RESUME && run->swapped && memory_moved(run, s->site.addr))
			return sim_run_finding(
				run, GMCSIM_FIRMWARE_OPAQUE, block, name, false, 0, 0,
				"firmware keeps pointers to this buffer across suspend; "
				"nobody can check them from the driver");
		return 0;
	case GMCSIM_CACHE_PTE:
		return 0; /* checked at every step */
	case GMCSIM_CACHE_NONE:
		sim_fix_site_addr(run, s, &value); /* computed on demand: never stale */
		return sim_check_value(run, block, name, GMCSIM_CACHE_NONE, &value);
	case GMCSIM_CACHE_REGISTER:
		/* what the hardware register holds */
		return sim_check_value(run, block, name, GMCSIM_CACHE_REGISTER, &s->backup);
	case GMCSIM_CACHE_CONTENT:
		/* what the MQD holds: on resume, the copy restored from the backup */
		return sim_check_value(run, block, name, GMCSIM_CACHE_CONTENT, &s->backup);
	case GMCSIM_CACHE_FIELD:
	case GMCSIM_CACHE_DERIVED:
	case GMCSIM_CACHE_MIXED:
	case GMCSIM_CACHE_COUNT:
		break;
	}

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
		rc = sim_run_finding(
			run, GMCSIM_MIXED_STALE, block, name, st.fresh_valid, st.cached, st.fresh,
			"mc2pa() mixes the cached MC address with the vram_start in force");
		return rc ? rc : sim_check_cross(run, block, name, GMC_ADDR_PA, &st);
	}
	/* the command carries the cached address next to a physical one computed now */
	if (gmc_bo_mem_type(s->bo) != GMC_DOMAIN_VRAM ||
	    gmc_bo_vram_pa(run->dev, s->bo, &fresh) != 0)
		return sim_check_value(run, block, name, GMCSIM_CACHE_FIELD, &value);
	return sim_check_mixed(run, block, name, &value, &fresh);
}

int
sim_check_pins(struct gmcsim_run *run, const struct site_state *s)
{
	unsigned pins = gmc_bo_pin_count(s->bo);

	if (pins <= 1)
		return 0;
	return sim_run_finding(run, GMCSIM_PIN_LEAK, s->site.block, s->site.name, false, 0, 0,
			       "created again without a free: pin_count %u, its pin accounting "
			       "is never returned",
			       pins);
}

/* The driver's warnings since the last step, attributed through the BO label "block/site". */
static int
drain_events(struct gmcsim_run *run)
{
	size_t n = gmc_dev_event_count(run->dev);
	int rc = 0;

	for (; run->events_seen < n && !rc; run->events_seen++) {
		struct gmc_event ev;
		enum gmcsim_finding_kind kind;
		char block[GMCSIM_NAME_MAX], *site;

		if (gmc_dev_event_at(run->dev, run->events_seen, &ev))
			break;
		switch (ev.kind) {
		case GMC_EVENT_FREE_IN_SUSPEND:
			kind = GMCSIM_FREE_IN_SUSPEND;
			break;
		case GMC_EVENT_RELEASE_PINNED:
			kind = GMCSIM_RELEASE_PINNED;
			break;
		case GMC_EVENT_UNPIN_UNDERFLOW:
			kind = GMCSIM_PIN_UNDERFLOW;
			break;
		default:
			continue;
		}
		snprintf(block, sizeof(block), "%s", ev.label);
		site = strchr(block, '/');
		if (site)
			*site++ = '\0';
		rc = sim_run_finding(run, kind, block, site ? site : "", false, 0, 0,
				     "%s warns (%s)", ev.call, gmc_event_kind_name(ev.kind));
	}
	return rc;
}

/* The driver's own gmc fields are caches too: the root of every copy. */
int
sim_check_fields(struct gmcsim_run *run)
{
	const struct gmc_layout *now = gmc_dev_layout(run->dev);
	const struct driver_fields *f = &run->fields;
	int rc = 0;

	if (f->vram_start != now->vram_start)
		rc = sim_run_finding(run, GMCSIM_STALE_MC, "gmc", "vram_start", true, f->vram_start,
				     now->vram_start,
				     "gmc.vram_start was not recomputed for the new vGPU");
	if (!rc && f->gart_start != now->gart_start)
		rc = sim_run_finding(run, GMCSIM_STALE_MC, "gmc", "gart_start", true, f->gart_start,
				     now->gart_start,
				     "gmc.gart_start was not recomputed for the new vGPU");
	if (!rc && f->vram_base_offset != now->vram_base_offset)
		rc = sim_run_finding(
			run, GMCSIM_STALE_PA, "gmc", "vram_base_offset", true, f->vram_base_offset,
			now->vram_base_offset,
			"vm_manager.vram_base_offset was not recomputed for the new vGPU");
	if (!rc && f->vram_base_offset != now->vram_base_offset &&
	    other_segment(now, GMC_ADDR_PA, f->vram_base_offset))
		rc = sim_run_finding(run, GMCSIM_CROSS_SEGMENT, "gmc", "vram_base_offset", true,
				     f->vram_base_offset, now->vram_base_offset,
				     "every PTE written with it points into another node's memory");
	return rc;
}

int
sim_check_step(struct gmcsim_run *run)
{
	int rc = drain_events(run);

	/* page tables are walked all the time: PTEs are in use at every step */
	for (size_t i = 0; i < run->n_pte_sites && !rc; i++) {
		const struct site_state *s = &run->sites[run->pte_sites[i]];

		rc = sim_check_value(run, s->site.block, s->site.name, GMCSIM_CACHE_PTE, &s->pte);
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
int
sim_check_msix(struct gmcsim_run *run)
{
	/* a host that programs the new VF's table itself makes the driver's restore moot */
	if (!run->swapped || !msix_changed(run) || run->msix_restored ||
	    (run->cfg.assume & GMCSIM_ASSUME_HOST_RESTORES_MSIX))
		return 0;
	return sim_run_finding(
		run, GMCSIM_MSIX_STALE, "ih", "msix", false, 0, 0,
		"the new VF's MSI-X table is not reprogrammed unless the host does it "
		"(assumption host-restores-msix): interrupts are lost");
}

/* What a swap changes that no address check sees: identity, BARs. */
int
sim_check_swap(struct gmcsim_run *run)
{
	const struct gmcsim_identity *a = &run->from.identity, *b = &run->to.identity;
	const struct gmcsim_pci *pa = &run->from.pci, *pb = &run->to.pci;
	int rc = 0;

	if (strcmp(a->serial_number, b->serial_number) || strcmp(a->unique_id, b->unique_id) ||
	    strcmp(a->xgmi_device_id, b->xgmi_device_id) || strcmp(a->fru_id, b->fru_id))
		rc = sim_run_finding(
			run, GMCSIM_IDENTITY_CHANGED, "pci", "identity", false, 0, 0,
			"serial/unique_id/xgmi_device_id/fru_id changed: they feed TMZ "
			"keys and user-space identification");
	for (unsigned i = 0; i < pa->n_bars && i < pb->n_bars && !rc; i++) {
		char name[16];

		snprintf(name, sizeof(name), "bar%u", pa->bars[i].index);
		if (pa->bars[i].address != pb->bars[i].address)
			rc = sim_run_finding(
				run, GMCSIM_BAR_MOVED, "pci", name, true, pa->bars[i].address,
				pb->bars[i].address,
				"BAR%u moved: the driver's ioremap of it points at the old "
				"address",
				pa->bars[i].index);
	}
	return rc;
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
