/* SPDX-License-Identifier: MIT */
/*
 * The model of an address-map picture: the regions and arrows of each panel,
 * with their addresses and labels, taken from a check outcome (the layouts
 * each strategy's driver code computed, and the run's findings) or from a
 * layout result. Nothing here draws; nothing here recomputes an address the
 * run or libgmc already computed: a segment is the hive's base plus node id
 * times the node's segment size, the rest are the layouts' own fields.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "sim-layout.h"
#include "sim-plan.h"
#include "util.h"

static const char *const region_kind_names[MAP_REGION_KIND_COUNT] = {
	[MAP_SEGMENT] = "segment",
	[MAP_FB] = "fb",
	[MAP_VRAM_BOOT] = "vram-boot",
	[MAP_VRAM_NOW] = "vram-now",
	[MAP_GART] = "gart",
	[MAP_AGP] = "agp",
	[MAP_BO] = "bo",
};

const char *
map_region_kind_name(enum map_region_kind kind)
{
	return (unsigned)kind < MAP_REGION_KIND_COUNT ? region_kind_names[kind] : "unknown";
}

const char *
map_space_title(enum map_space space)
{
	return space == MAP_PHYS ? "physical address space" : "MC address space";
}

static int
add_region(struct map_panel *p, enum map_space space, enum map_region_kind kind, uint64_t first,
	   uint64_t last, int node, const char *label)
{
	struct map_region *n = realloc(p->regions, (p->n_regions + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	p->regions = n;
	n = &p->regions[p->n_regions++];
	memset(n, 0, sizeof(*n));
	n->space = space;
	n->kind = kind;
	n->first = first;
	n->last = last < first ? first : last;
	n->node = node;
	snprintf(n->label, sizeof(n->label), "%s", label);
	return 0;
}

/* The hive's physical base: vram_base_offset less this node's offset in the hive. */
static uint64_t
hive_phys_base(const struct gmc_layout *l)
{
	return l->vram_base_offset - gmc_xgmi_node_offset(&l->xgmi);
}

/*
 * Each node's segment in both spaces. MC: from fb_start, which spans the
 * hive in the FB layout, is 0 where the sysvm layout's PDB0 maps the hive,
 * and is where the migrate layout's FB aperture puts each node
 * (gmc-address-math.md §4.1, §4.2, §9 Example 4). Physical: from the hive's
 * base.
 */
static int
add_segments(struct map_panel *p, const struct gmc_layout *l)
{
	const struct gmc_xgmi *x = &l->xgmi;
	uint64_t base[MAP_SPACE_COUNT] = { l->fb_start, hive_phys_base(l) };
	char label[32];
	int rc = 0;

	if (!x->num_physical_nodes || !x->node_segment_size)
		return 0;
	p->nodes = x->num_physical_nodes;
	p->segment = x->node_segment_size;
	for (unsigned s = 0; s < MAP_SPACE_COUNT && !rc; s++) {
		for (unsigned k = 0; k < x->num_physical_nodes && !rc; k++) {
			uint64_t first = base[s] + (uint64_t)k * x->node_segment_size;

			snprintf(label, sizeof(label), "node %u", k);
			rc = add_region(p, (enum map_space)s, MAP_SEGMENT, first,
					first + x->node_segment_size - 1, (int)k, label);
		}
	}
	return rc;
}

/* Whose VRAM a window is, its label: "node 2", or "VRAM" without a hive. */
static void
vram_label(const struct gmc_layout *l, char *buf, size_t len)
{
	if (l->xgmi.num_physical_nodes)
		snprintf(buf, len, "node %u", l->xgmi.physical_node_id);
	else
		snprintf(buf, len, "VRAM");
}

/*
 * The guest's VRAM window on @l in both spaces: vram_start..vram_end in MC,
 * and the same size from vram_base_offset in physical addresses; in the
 * migrate layout also where the FB aperture shows it (fb_start + node offset,
 * what amdgpu_bo_fb_aper_addr() hands firmware).
 */
static int
add_window(struct map_panel *p, const struct gmc_layout *l, enum map_region_kind kind)
{
	uint64_t size = l->vram_end - l->vram_start;
	char label[MAP_LABEL_MAX];
	int rc;

	vram_label(l, label, sizeof(label));
	if (l->mode == GMC_MODE_SYSVM_MIGRATE) {
		/* every node's VRAM is at MC 0: PDB0 maps it (gmc-address-math.md §4.2) */
		uint64_t aper = l->fb_start + gmc_xgmi_node_offset(&l->xgmi);

		rc = add_region(p, MAP_MC, kind, l->vram_start, l->vram_end, -1, "MC 0 (PDB0)");
		if (!rc)
			snprintf(label, sizeof(label), "FB aperture, node %u",
				 l->xgmi.physical_node_id);
		if (!rc)
			rc = add_region(p, MAP_MC, kind, aper, aper + size, -1, label);
		if (!rc)
			vram_label(l, label, sizeof(label));
	} else {
		rc = add_region(p, MAP_MC, kind, l->vram_start, l->vram_end, -1, label);
	}
	if (!rc)
		rc = add_region(p, MAP_PHYS, kind, l->vram_base_offset, l->vram_base_offset + size,
				-1, label);
	return rc;
}

/* FB aperture, GART and AGP of @l; @a second layout's only where they differ. */
static int
add_apertures(struct map_panel *p, const struct gmc_layout *l, const struct gmc_layout *after)
{
	bool fb_moved = after && (after->fb_start != l->fb_start || after->fb_end != l->fb_end);
	bool gart_moved =
		after && (after->gart_start != l->gart_start || after->gart_end != l->gart_end);
	int rc = 0;

	/* an FB_LOCATION_TOP below the base (a register left 0) describes no aperture */
	if (l->fb_end >= l->fb_start)
		rc = add_region(p, MAP_MC, MAP_FB, l->fb_start, l->fb_end, -1,
				fb_moved ? "FB aperture at boot" : "FB aperture");
	if (!rc && fb_moved && after->fb_end >= after->fb_start)
		rc = add_region(p, MAP_MC, MAP_FB, after->fb_start, after->fb_end, -1,
				"FB aperture after the swap");
	if (!rc && l->gart_size)
		rc = add_region(p, MAP_MC, MAP_GART, l->gart_start, l->gart_end, -1,
				gart_moved ? "GART at boot" : "GART");
	if (!rc && gart_moved && after->gart_size)
		rc = add_region(p, MAP_MC, MAP_GART, after->gart_start, after->gart_end, -1,
				"GART after the swap");
	if (!rc && (l->flags & GMC_LAYOUT_AGP_ENABLED) && l->agp_size)
		rc = add_region(p, MAP_MC, MAP_AGP, l->agp_start, l->agp_end, -1, "AGP");
	return rc;
}

/*
 * The segment @addr lies in, as drawn. In the migrate layout an MC address
 * inside the VRAM window at MC 0 belongs to no node: every node's VRAM is
 * there (the checker's rule too: such an address never crosses).
 */
static int
node_of(const struct map_panel *p, const struct gmc_layout *l, enum map_space space, uint64_t addr)
{
	if (space == MAP_MC && l->mode == GMC_MODE_SYSVM_MIGRATE && addr >= l->vram_start &&
	    addr <= l->vram_end)
		return -1;
	for (size_t i = 0; i < p->n_regions; i++) {
		const struct map_region *r = &p->regions[i];

		if (r->kind == MAP_SEGMENT && r->space == space && addr >= r->first &&
		    addr <= r->last)
			return r->node;
	}
	return -1;
}

/* What a catalog site keeps (MC or physical); MC for a harness's own block. */
static enum gmc_addr_kind
site_addr(const struct check_plan *plan, const char *block, const char *site)
{
	for (size_t i = 0; i < plan->n_sites; i++) {
		if (strcmp(plan->sites[i].block, block) == 0 &&
		    strcmp(plan->sites[i].name, site) == 0)
			return plan->sites[i].addr;
	}
	return GMC_ADDR_MC;
}

/*
 * The space a finding's values are addresses of, or -1 when it is no stale
 * address to draw. The kind says it for stale-mc and stale-pa; a PTE holds a
 * physical address; an MQD's content and a mixed command hold what the site
 * keeps (a mixed command's stale half is the kept one).
 */
static int
finding_space(const struct check_plan *plan, const struct gmcsim_finding *f)
{
	if (!f->has_values)
		return -1;
	switch (f->kind) {
	case GMCSIM_STALE_MC:
		return MAP_MC;
	case GMCSIM_STALE_PA:
	case GMCSIM_STALE_PTE:
		return MAP_PHYS;
	case GMCSIM_STALE_CONTENT:
	case GMCSIM_MIXED_STALE:
		return site_addr(plan, f->block, f->site) == GMC_ADDR_PA ? MAP_PHYS : MAP_MC;
	default:
		return -1;
	}
}

/* Whether the checker also found @f's stale value in another node's segment. */
static bool
crosses(const struct check_result *r, const struct gmcsim_finding *f)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct gmcsim_finding *c = &r->findings[i];

		if (c->kind == GMCSIM_CROSS_SEGMENT && c->cached == f->cached &&
		    strcmp(c->block, f->block) == 0 && strcmp(c->site, f->site) == 0)
			return true;
	}
	return false;
}

static bool
has_arrow(const struct map_panel *p, enum map_space space, const struct gmcsim_finding *f)
{
	for (size_t i = 0; i < p->n_arrows; i++) {
		const struct map_arrow *a = &p->arrows[i];

		if (a->space == space && strcmp(a->block, f->block) == 0 &&
		    strcmp(a->site, f->site) == 0)
			return true;
	}
	return false;
}

static int
add_arrows(struct map_panel *p, const struct check_plan *plan, const struct check_result *r)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct gmcsim_finding *f = &r->findings[i];
		int space = finding_space(plan, f);
		struct map_arrow *n, *a;

		if (space < 0) {
			/* values in neither space: a BAR, a freed BO's old address */
			if (f->has_values && f->kind != GMCSIM_CROSS_SEGMENT)
				p->n_undrawn++;
			continue;
		}
		if (has_arrow(p, (enum map_space)space, f))
			continue;
		n = realloc(p->arrows, (p->n_arrows + 1) * sizeof(*n));
		if (!n)
			return -ENOMEM;
		p->arrows = n;
		a = &p->arrows[p->n_arrows++];
		memset(a, 0, sizeof(*a));
		a->space = (enum map_space)space;
		snprintf(a->block, sizeof(a->block), "%s", f->block);
		snprintf(a->site, sizeof(a->site), "%s", f->site);
		a->kind = f->kind;
		a->from = f->cached;
		a->to = f->fresh;
		a->from_node = node_of(p, &r->layout_from, a->space, a->from);
		a->to_node = node_of(p, &r->layout_to, a->space, a->to);
		a->cross = crosses(r, f);
		a->uncertain = f->uncertain;
		a->count = f->count;
	}
	return 0;
}

static int
check_panel(struct map_panel *p, const struct check_plan *plan, const struct check_result *r)
{
	const struct gmc_layout *before = &r->layout_from, *after = &r->layout_to;
	char where[GMCSIM_NAME_MAX * 2];
	int rc;

	p->swap = true;
	snprintf(p->fix, sizeof(p->fix), "%s", r->strategy->name);
	p->boot_node = before->xgmi.num_physical_nodes ? (int)before->xgmi.physical_node_id : -1;
	p->now_node = after->xgmi.num_physical_nodes ? (int)after->xgmi.physical_node_id : -1;
	snprintf(p->title, sizeof(p->title), "fix %s: swap %s, %u cycle%s%s", r->strategy->name,
		 gmcsim_swap_format(&r->swap, where, sizeof(where)), r->cycles,
		 r->cycles == 1 ? "" : "s",
		 r->strategy->layout == GMCSIM_LAYOUT_6_17
			 ? (r->gate ? ", gate open" : ", gate closed")
			 : "");
	rc = add_segments(p, before);
	if (!rc)
		rc = add_apertures(p, before, after);
	if (!rc)
		rc = add_window(p, before, MAP_VRAM_BOOT);
	if (!rc)
		rc = add_window(p, after, MAP_VRAM_NOW);
	if (!rc)
		rc = add_arrows(p, plan, r);
	return rc;
}

void
map_picture_free(struct map_picture *pic)
{
	if (!pic)
		return;
	for (size_t i = 0; i < pic->n_panels; i++) {
		free(pic->panels[i].regions);
		free(pic->panels[i].arrows);
	}
	free(pic->panels);
	free(pic);
}

static struct map_picture *
picture_new(size_t n_panels)
{
	struct map_picture *pic = calloc(1, sizeof(*pic));

	if (!pic)
		return NULL;
	pic->panels = n_panels ? calloc(n_panels, sizeof(*pic->panels)) : NULL;
	if (n_panels && !pic->panels) {
		free(pic);
		return NULL;
	}
	pic->n_panels = n_panels;
	return pic;
}

/* "hive of 8 nodes, segment 0x17_f800_0000 (98176 MiB)", or what there is without one. */
static void
hive_text(const struct gmc_layout *l, char *buf, size_t len)
{
	char seg[MAP_HEX_MAX], size[32];

	if (!l->xgmi.num_physical_nodes || !l->xgmi.node_segment_size) {
		snprintf(buf, len, "no XGMI hive");
		return;
	}
	snprintf(buf, len, "%u-node hive, segment %s (%s)", l->xgmi.num_physical_nodes,
		 map_hex(l->xgmi.node_segment_size, seg, sizeof(seg)),
		 gmcsim_size_str(l->xgmi.node_segment_size, size, sizeof(size)));
}

int
map_from_check(const struct check_plan *plan, const struct check_outcome *o,
	       struct map_picture **out, struct gmc_error *err)
{
	struct map_picture *pic;
	int rc = 0;

	if (!plan || !o || !out)
		return gmcsim_fail(err, -EINVAL, "no outcome to draw");
	pic = picture_new(o->n);
	if (!pic)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	snprintf(pic->title, sizeof(pic->title), "gmcsim check: %s -> %s (%s), kernel %s",
		 plan->from.name, plan->to.name, plan->changes, gmcsim_kernel_name(plan->kernel));
	if (o->n) {
		const struct gmc_layout *b = &o->results[0].layout_from,
					*a = &o->results[0].layout_to;
		char hive[96], shift[64];

		hive_text(b, hive, sizeof(hive));
		if (b->xgmi.num_physical_nodes && a->xgmi.num_physical_nodes)
			snprintf(pic->subtitle, sizeof(pic->subtitle),
				 "%s; the guest moves node %u -> node %u (%s)", hive,
				 b->xgmi.physical_node_id, a->xgmi.physical_node_id,
				 map_shift(gmc_xgmi_node_offset(&b->xgmi),
					   gmc_xgmi_node_offset(&a->xgmi),
					   b->xgmi.node_segment_size, "x segment", shift,
					   sizeof(shift)));
		else
			snprintf(pic->subtitle, sizeof(pic->subtitle), "%s", hive);
	}
	for (size_t i = 0; i < o->n && !rc; i++)
		rc = check_panel(&pic->panels[i], plan, &o->results[i]);
	if (rc) {
		map_picture_free(pic);
		return gmcsim_fail(err, rc, "out of memory");
	}
	*out = pic;
	return 0;
}

int
map_from_layout(const struct gmcsim_layout_result *res, struct map_picture **out,
		struct gmc_error *err)
{
	const struct gmc_layout *l;
	struct map_picture *pic;
	struct map_panel *p;
	char gc[16], hive[96], label[MAP_LABEL_MAX], off[MAP_HEX_MAX];
	int rc;

	if (!res || !out)
		return gmcsim_fail(err, -EINVAL, "no layout to draw");
	l = &res->layout;
	pic = picture_new(1);
	if (!pic)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	snprintf(pic->title, sizeof(pic->title), "gmcsim layout: ASIC %s, GC %s, gmc v%u, mode %s",
		 gmc_asic_name(l->asic), gmc_asic_gc_string(l->asic, gc, sizeof(gc)),
		 gmc_asic_gmc_version(l->asic), gmc_mode_name(l->mode));
	hive_text(l, hive, sizeof(hive));
	if (l->xgmi.num_physical_nodes)
		snprintf(pic->subtitle, sizeof(pic->subtitle), "%s; this GPU is node %u", hive,
			 l->xgmi.physical_node_id);
	else
		snprintf(pic->subtitle, sizeof(pic->subtitle), "%s", hive);

	p = &pic->panels[0];
	p->fix[0] = '\0';
	p->boot_node = l->xgmi.num_physical_nodes ? (int)l->xgmi.physical_node_id : -1;
	p->now_node = -1;
	snprintf(p->title, sizeof(p->title), "layout");
	rc = add_segments(p, l);
	if (!rc)
		rc = add_apertures(p, l, NULL);
	if (!rc)
		rc = add_window(p, l, MAP_VRAM_BOOT);
	for (size_t i = 0; i < res->n_bo && !rc; i++) {
		snprintf(label, sizeof(label), "BO +%s",
			 map_hex(res->bo[i].offset, off, sizeof(off)));
		rc = add_region(p, MAP_MC, MAP_BO, res->bo[i].mc, res->bo[i].mc, -1, label);
		if (!rc)
			rc = add_region(p, MAP_PHYS, MAP_BO, res->bo[i].pa, res->bo[i].pa, -1,
					label);
	}
	if (rc) {
		map_picture_free(pic);
		return gmcsim_fail(err, rc, "out of memory");
	}
	*out = pic;
	return 0;
}

enum map_lane
map_lane_of(enum map_region_kind kind)
{
	switch (kind) {
	case MAP_SEGMENT:
		return LANE_NODES;
	case MAP_FB:
		return LANE_FB;
	case MAP_VRAM_BOOT:
		return LANE_BOOT;
	case MAP_VRAM_NOW:
		return LANE_NOW;
	case MAP_GART:
	case MAP_AGP:
		return LANE_APER;
	default:
		return LANE_BO;
	}
}
