/* SPDX-License-Identifier: MIT */
/*
 * The BO side of suspend and resume: amdgpu_device_suspend() evicts every
 * unpinned VRAM BO (amdgpu_ttm_evict_resources()), and the BOs come back
 * into VRAM when validated again; a pin validates one earlier
 * (bo-lifecycle-and-callers.md §A.7).
 */
#include <stdlib.h>

#include "dev-private.h"

/* Entries the eviction list starts with; it doubles from there. */
#define EVICTED_FIRST_CAP 64

/* Remember @bo as evicted, after those evicted before it. */
static int
note_evicted(struct gmc_dev *dev, struct gmc_bo *bo)
{
	if (dev->n_evicted == dev->cap_evicted) {
		size_t cap = dev->cap_evicted ? dev->cap_evicted * 2 : EVICTED_FIRST_CAP;
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
	for (struct gmc_bo *bo = gmc_bo_table_next(&dev->bos, NULL); bo;
	     bo = gmc_bo_table_next(&dev->bos, bo)) {
		if (bo->pin_count || bo->mem_type != GMC_DOMAIN_VRAM)
			continue;
		if (note_evicted(dev, bo))
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
		struct gmc_bo *bo = gmc_bo_table_lookup(&dev->bos, e->slot, e->id);

		if (!bo || !bo->evicted) {
			e->id = 0; /* released, or already validated back by a pin */
			continue;
		}
		if (gmc_bo_place(dev, bo, GMC_DOMAIN_VRAM) != 0) {
			/* no room now: it stays evicted and is tried again next resume */
			if (rc == 0)
				rc = gmc_dev_fail(dev, -ENOSPC,
						  "evicted BO %u (%s) found no room in VRAM",
						  bo->id, bo->label);
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
