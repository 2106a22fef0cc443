/* SPDX-License-Identifier: MIT */
/*
 * The modelled device: its layout, allocators, in_suspend, BO table,
 * suspend/resume and vGPU swaps (bo-lifecycle-and-callers.md §A.7, §C.4).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev-private.h"

int
gmc_dev_fail(struct gmc_dev *dev, int code, const char *fmt, ...)
{
	va_list ap;

	dev->err.code = code;
	va_start(ap, fmt);
	vsnprintf(dev->err.message, sizeof(dev->err.message), fmt, ap);
	va_end(ap);
	return code;
}

GMC_EXPORT const char *
gmc_dev_strerror(const struct gmc_dev *dev)
{
	return dev->err.message;
}

GMC_EXPORT int
gmc_dev_new(const struct gmc_layout *layout, struct gmc_dev **out)
{
	struct gmc_dev *dev;

	if (!layout || !out)
		return -EINVAL;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->layout = *layout;
	dev->next_id = 1;
	if (gmc_range_alloc_new(layout->real_vram_size, &dev->vram) ||
	    gmc_range_alloc_new(layout->gart_size, &dev->gart)) {
		gmc_dev_free(dev);
		return -ENOMEM;
	}
	*out = dev;
	return 0;
}

GMC_EXPORT void
gmc_dev_free(struct gmc_dev *dev)
{
	if (!dev)
		return;
	for (uint32_t i = 0; i < dev->n_slots; i++) {
		if (dev->slots[i])
			gmc_bo_destroy(dev, dev->slots[i], false);
	}
	gmc_range_alloc_destroy(dev->vram);
	gmc_range_alloc_destroy(dev->gart);
	free(dev->slots);
	free(dev->free_slots);
	free(dev->evicted);
	free(dev->log);
	free(dev);
}

GMC_EXPORT const struct gmc_layout *
gmc_dev_layout(const struct gmc_dev *dev)
{
	return &dev->layout;
}

GMC_EXPORT uint64_t
gmc_dev_generation(const struct gmc_dev *dev)
{
	return dev->generation;
}

GMC_EXPORT void
gmc_dev_set_in_suspend(struct gmc_dev *dev, bool in_suspend)
{
	dev->in_suspend = in_suspend;
}

GMC_EXPORT bool
gmc_dev_in_suspend(const struct gmc_dev *dev)
{
	return dev->in_suspend;
}

int
gmc_dev_add_bo(struct gmc_dev *dev, struct gmc_bo *bo)
{
	uint32_t slot;

	if (dev->n_free_slots) {
		slot = dev->free_slots[--dev->n_free_slots];
	} else {
		if (dev->n_slots == dev->cap_slots) {
			uint32_t cap = dev->cap_slots ? dev->cap_slots * 2 : 64;
			struct gmc_bo **slots = realloc(dev->slots, cap * sizeof(*slots));
			uint32_t *free_slots;

			if (!slots)
				return -ENOMEM;
			dev->slots = slots;
			free_slots = realloc(dev->free_slots, cap * sizeof(*free_slots));
			if (!free_slots)
				return -ENOMEM;
			dev->free_slots = free_slots;
			dev->cap_slots = cap;
		}
		slot = dev->n_slots++;
	}
	bo->slot = slot;
	bo->id = dev->next_id++;
	dev->slots[slot] = bo;
	return 0;
}

void
gmc_dev_remove_bo(struct gmc_dev *dev, struct gmc_bo *bo)
{
	dev->slots[bo->slot] = NULL;
	/* cannot overflow: the stack is as large as the slot table */
	dev->free_slots[dev->n_free_slots++] = bo->slot;
}

GMC_EXPORT struct gmc_bo *
gmc_dev_next_bo(const struct gmc_dev *dev, const struct gmc_bo *prev)
{
	for (uint32_t i = prev ? prev->slot + 1 : 0; i < dev->n_slots; i++) {
		if (dev->slots[i])
			return dev->slots[i];
	}
	return NULL;
}

int
gmc_dev_note_evicted(struct gmc_dev *dev, struct gmc_bo *bo)
{
	if (dev->n_evicted == dev->cap_evicted) {
		size_t cap = dev->cap_evicted ? dev->cap_evicted * 2 : 64;
		struct gmc_evicted *e = realloc(dev->evicted, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		dev->evicted = e;
		dev->cap_evicted = cap;
	}
	dev->evicted[dev->n_evicted++] = (struct gmc_evicted){ bo->slot, bo->id };
	return 0;
}

GMC_EXPORT int
gmc_dev_suspend(struct gmc_dev *dev)
{
	dev->in_suspend = true;
	/* amdgpu_ttm_evict_resources(VRAM): pinned BOs are not on the LRU */
	for (uint32_t i = 0; i < dev->n_slots; i++) {
		struct gmc_bo *bo = dev->slots[i];

		if (!bo || bo->pin_count || bo->mem_type != GMC_DOMAIN_VRAM)
			continue;
		if (gmc_dev_note_evicted(dev, bo))
			return gmc_dev_fail(dev, -ENOMEM, "out of memory while evicting");
		gmc_bo_release_placement(dev, bo);
		bo->evicted = true;
	}
	return 0;
}

GMC_EXPORT int
gmc_dev_resume(struct gmc_dev *dev)
{
	size_t kept = 0;
	int rc = 0;

	/* most recently evicted first, so a BO may come back elsewhere */
	for (size_t i = dev->n_evicted; i-- > 0;) {
		struct gmc_evicted *e = &dev->evicted[i];
		struct gmc_bo *bo = e->slot < dev->n_slots ? dev->slots[e->slot] : NULL;

		if (!bo || bo->id != e->id || !bo->evicted) {
			e->id = 0; /* released, or already validated back by a pin */
			continue;
		}
		if (gmc_bo_place(dev, bo, GMC_DOMAIN_VRAM) != 0) {
			/* no room now: it stays evicted and is tried again next resume */
			if (rc == 0)
				rc = gmc_dev_fail(dev, -ENOSPC,
						  "evicted BO %u (%s) found no room in VRAM", bo->id,
						  bo->label);
			continue;
		}
		bo->evicted = false;
		e->id = 0;
	}
	/* keep the ones still evicted, in eviction order (ids are never 0) */
	for (size_t i = 0; i < dev->n_evicted; i++) {
		if (dev->evicted[i].id)
			dev->evicted[kept++] = dev->evicted[i];
	}
	dev->n_evicted = kept;
	dev->in_suspend = false;
	return rc;
}

static int
check_fits(struct gmc_dev *dev, const struct gmc_layout *l)
{
	for (uint32_t i = 0; i < dev->n_slots; i++) {
		const struct gmc_bo *bo = dev->slots[i];
		uint64_t limit;

		if (!bo || bo->mem_type == GMC_DOMAIN_NONE)
			continue;
		limit = bo->mem_type == GMC_DOMAIN_VRAM ? l->real_vram_size : l->gart_size;
		if (bo->offset + bo->size > limit)
			return gmc_dev_fail(dev, -EBUSY,
					    "BO %u (%s) at 0x%llx+0x%llx lies beyond the new %s size 0x%llx",
					    bo->id, bo->label, (unsigned long long)bo->offset,
					    (unsigned long long)bo->size,
					    bo->mem_type == GMC_DOMAIN_VRAM ? "VRAM" : "GART",
					    (unsigned long long)limit);
	}
	return 0;
}

GMC_EXPORT int
gmc_dev_set_layout(struct gmc_dev *dev, const struct gmc_layout *layout)
{
	int rc;

	if (!layout)
		return gmc_dev_fail(dev, -EINVAL, "no layout given");
	rc = check_fits(dev, layout);
	if (rc)
		return rc;
	/* cannot fail now: every allocation lies below the new sizes */
	if (gmc_range_alloc_resize(dev->vram, layout->real_vram_size) ||
	    gmc_range_alloc_resize(dev->gart, layout->gart_size))
		return gmc_dev_fail(dev, -ENOMEM, "out of memory while resizing");
	dev->layout = *layout;
	dev->generation++;
	return 0;
}

GMC_EXPORT void
gmc_dev_set_bar(struct gmc_dev *dev, uint64_t vram_bar_base)
{
	if (dev->bar_base != vram_bar_base) {
		dev->bar_base = vram_bar_base;
		dev->generation++;
	}
}

GMC_EXPORT int
gmc_dev_fail_next(struct gmc_dev *dev, enum gmc_fail_point point, int error)
{
	if ((unsigned)point >= GMC_FAIL_POINT_COUNT || error >= 0)
		return gmc_dev_fail(dev, -EINVAL, "bad failure injection (point %d, error %d)",
				    (int)point, error);
	dev->fail_next[point] = error;
	return 0;
}

int
gmc_dev_take_failure(struct gmc_dev *dev, enum gmc_fail_point point)
{
	int e = dev->fail_next[point];

	dev->fail_next[point] = 0;
	return e;
}

/*
 * What a pinned BO's first pin added, by where it was pinned: a pinned BO
 * can lose its placement (create_kernel_at frees the resource before it
 * takes the fixed range) and the counters still hold it.
 */
static void
add_bo_contribution(struct gmc_pin_accounting *a, const struct gmc_bo *bo)
{
	if (bo->pin_mem == GMC_DOMAIN_VRAM) {
		a->vram_pin_size += (int64_t)bo->size;
		a->visible_pin_size += (int64_t)bo->pin_visible;
	} else if (bo->pin_mem == GMC_DOMAIN_GTT) {
		a->gart_pin_size += (int64_t)bo->size;
	}
}

GMC_EXPORT void
gmc_dev_pin_accounting(const struct gmc_dev *dev, struct gmc_pin_accounting *out)
{
	*out = dev->acct;
}

GMC_EXPORT void
gmc_dev_pin_accounting_actual(const struct gmc_dev *dev, struct gmc_pin_accounting *out)
{
	*out = (struct gmc_pin_accounting){ 0 };
	for (uint32_t i = 0; i < dev->n_slots; i++) {
		if (dev->slots[i] && dev->slots[i]->pin_count)
			add_bo_contribution(out, dev->slots[i]);
	}
}
