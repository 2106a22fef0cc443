/* SPDX-License-Identifier: MIT */
/*
 * Tracked addresses: derive an address of a BO with its provenance, and
 * check a held copy against what the driver would compute now, in O(1).
 */
#include "dev-private.h"

/* The device base an address of @kind is formed from, for a BO in @mem. */
static uint64_t
kind_base(const struct gmc_dev *dev, const struct gmc_layout *l, enum gmc_addr_kind kind,
	  enum gmc_domain mem)
{
	switch (kind) {
	case GMC_ADDR_MC:
		/* amdgpu_ttm_domain_start() */
		return mem == GMC_DOMAIN_GTT ? l->gart_start : l->vram_start;
	case GMC_ADDR_PA:
		return l->vram_base_offset;
	case GMC_ADDR_FB_APER:
		return l->fb_start + gmc_xgmi_node_offset(&l->xgmi);
	case GMC_ADDR_CPU:
		return mem == GMC_DOMAIN_GTT ? GMC_KVA_BASE : dev->bar_base;
	case GMC_ADDR_NONE:
		break;
	}
	return 0;
}

/* The value the driver computes now for @kind of @bo at its current place. */
static uint64_t
kind_value(const struct gmc_dev *dev, const struct gmc_layout *l, const struct gmc_bo *bo,
	   enum gmc_addr_kind kind)
{
	uint64_t base = kind_base(dev, l, kind, bo->mem_type);

	switch (kind) {
	case GMC_ADDR_MC:
		return gmc_sign_extend(base + bo->offset);
	case GMC_ADDR_PA:
		/* amdgpu_gmc_vram_pa(): mc2pa of the current gpu offset */
		return gmc_mc2pa(l, gmc_sign_extend(l->vram_start + bo->offset));
	case GMC_ADDR_FB_APER:
		return gmc_sign_extend(base + bo->offset);
	case GMC_ADDR_CPU:
		return base + bo->offset;
	case GMC_ADDR_NONE:
		break;
	}
	return 0;
}

int
gmc_addr_derive(const struct gmc_dev *dev, const struct gmc_bo *bo, enum gmc_addr_kind kind,
		struct gmc_addr *out)
{
	*out = (struct gmc_addr){
		.value = kind_value(dev, &dev->layout, bo, kind),
		.delta = 0,
		.bo_offset = bo->offset,
		.base = kind_base(dev, &dev->layout, kind, bo->mem_type),
		.generation = dev->generation,
		.bo_id = bo->id,
		.bo_slot = bo->slot,
		.kind = (uint8_t)kind,
		.mem_type = (uint8_t)bo->mem_type,
	};
	return 0;
}

GMC_EXPORT struct gmc_addr
gmc_addr_untracked(uint64_t value)
{
	return (struct gmc_addr){ .value = value, .kind = GMC_ADDR_NONE };
}

GMC_EXPORT struct gmc_addr
gmc_addr_plus(struct gmc_addr a, uint64_t offset)
{
	a.value += offset;
	a.delta += offset;
	return a;
}

GMC_EXPORT bool
gmc_addr_is_tracked(const struct gmc_addr *a)
{
	return a->kind != GMC_ADDR_NONE;
}

GMC_EXPORT int
gmc_addr_mc2pa(const struct gmc_dev *dev, const struct gmc_addr *mc, struct gmc_addr *pa)
{
	struct gmc_addr r;

	if (mc->kind != GMC_ADDR_MC)
		return -EINVAL;
	r = *mc;
	/* the driver's arithmetic on the held value, with today's layout */
	r.value = gmc_mc2pa(&dev->layout, mc->value);
	r.kind = GMC_ADDR_PA;
	r.base = dev->layout.vram_base_offset;
	r.generation = dev->generation;
	*pa = r;
	return 0;
}

static const struct gmc_bo *
lookup(const struct gmc_dev *dev, const struct gmc_addr *a)
{
	return gmc_bo_table_lookup(&dev->bos, a->bo_slot, a->bo_id);
}

/* Which component changed since @a was derived; elimination for the rest. */
static unsigned
find_causes(const struct gmc_dev *dev, const struct gmc_layout *l, const struct gmc_bo *bo,
	    const struct gmc_addr *a)
{
	unsigned causes = 0;

	if (bo->offset != a->bo_offset || bo->mem_type != a->mem_type)
		causes |= GMC_CAUSE_BO_MOVED;
	/* a base is only comparable within one domain; a domain change is the BO's move */
	if (bo->mem_type == a->mem_type && kind_base(dev, l, a->kind, bo->mem_type) != a->base) {
		switch (a->kind) {
		case GMC_ADDR_MC:
			causes |= bo->mem_type == GMC_DOMAIN_GTT ? GMC_CAUSE_GART_START
								 : GMC_CAUSE_VRAM_START;
			break;
		case GMC_ADDR_PA:
			causes |= GMC_CAUSE_VRAM_BASE_OFFSET;
			break;
		case GMC_ADDR_FB_APER:
			causes |= GMC_CAUSE_FB_APERTURE;
			break;
		case GMC_ADDR_CPU:
			causes |= GMC_CAUSE_BAR;
			break;
		default:
			break;
		}
	}
	/*
	 * Nothing of its own moved: a physical address computed from an MC
	 * address that was already stale (or across the hole) owes it to
	 * vram_start.
	 */
	if (!causes)
		causes = GMC_CAUSE_VRAM_START;
	return causes;
}

GMC_EXPORT int
gmc_addr_check(const struct gmc_dev *dev, const struct gmc_addr *a, struct gmc_addr_status *st)
{
	return gmc_addr_check_with(dev, &dev->layout, a, st);
}

GMC_EXPORT int
gmc_addr_check_with(const struct gmc_dev *dev, const struct gmc_layout *layout,
		    const struct gmc_addr *a, struct gmc_addr_status *st)
{
	const struct gmc_bo *bo;

	if (!layout)
		return -EINVAL;
	if (a->kind == GMC_ADDR_NONE || a->kind > GMC_ADDR_CPU)
		return -EINVAL;
	*st = (struct gmc_addr_status){ .cached = a->value, .generation = a->generation };

	bo = lookup(dev, a);
	if (!bo) {
		st->stale = true;
		st->causes = GMC_CAUSE_BO_FREED;
		return 0;
	}
	if (bo->mem_type == GMC_DOMAIN_NONE) {
		st->stale = true;
		st->causes = GMC_CAUSE_BO_EVICTED;
		return 0;
	}
	if ((a->kind == GMC_ADDR_PA || a->kind == GMC_ADDR_FB_APER) &&
	    bo->mem_type != GMC_DOMAIN_VRAM) {
		/* the driver has no such address for a BO outside VRAM */
		st->stale = true;
		st->causes = GMC_CAUSE_BO_MOVED;
		return 0;
	}
	st->fresh = kind_value(dev, layout, bo, (enum gmc_addr_kind)a->kind) + a->delta;
	st->fresh_valid = true;
	if (st->fresh != a->value) {
		st->stale = true;
		st->causes = find_causes(dev, layout, bo, a);
	}
	return 0;
}

GMC_EXPORT const char *
gmc_cause_name(unsigned cause)
{
	switch (cause) {
	case GMC_CAUSE_VRAM_START:
		return "vram_start moved";
	case GMC_CAUSE_GART_START:
		return "gart_start moved";
	case GMC_CAUSE_VRAM_BASE_OFFSET:
		return "vram_base_offset moved";
	case GMC_CAUSE_FB_APERTURE:
		return "FB aperture moved";
	case GMC_CAUSE_BAR:
		return "VRAM BAR moved";
	case GMC_CAUSE_BO_MOVED:
		return "the BO moved";
	case GMC_CAUSE_BO_FREED:
		return "the BO was freed";
	case GMC_CAUSE_BO_EVICTED:
		return "the BO is evicted";
	default:
		return NULL;
	}
}

GMC_EXPORT const char *
gmc_addr_kind_name(enum gmc_addr_kind kind)
{
	switch (kind) {
	case GMC_ADDR_MC:
		return "mc";
	case GMC_ADDR_PA:
		return "pa";
	case GMC_ADDR_FB_APER:
		return "fb_aper";
	case GMC_ADDR_CPU:
		return "cpu";
	case GMC_ADDR_NONE:
		break;
	}
	return "none";
}
