/* SPDX-License-Identifier: MIT */
/*
 * The modelled device: its layout, allocators, in_suspend, last error,
 * failure injection and vGPU swaps (bo-lifecycle-and-callers.md §A.7,
 * §C.4). Its BOs live in the BO table (bo-table.c); eviction at suspend and
 * validation back at resume are with the BO helpers (bo-suspend.c).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dev-private.h"

int
gmc_dev_fail(struct gmc_dev *dev, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gmc_error_vset(&dev->err, code, fmt, ap);
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
	struct gmc_bo *bo;

	if (!dev)
		return;
	/* BOs still alive go with the device, silently; their ranges go with the allocators */
	bo = gmc_bo_table_next(&dev->bos, NULL);
	while (bo) {
		struct gmc_bo *next = gmc_bo_table_next(&dev->bos, bo);

		free(bo);
		bo = next;
	}
	gmc_bo_table_fini(&dev->bos);
	gmc_range_alloc_destroy(dev->vram);
	gmc_range_alloc_destroy(dev->gart);
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

GMC_EXPORT struct gmc_bo *
gmc_dev_next_bo(const struct gmc_dev *dev, const struct gmc_bo *prev)
{
	return gmc_bo_table_next(&dev->bos, prev);
}

static int
check_fits(struct gmc_dev *dev, const struct gmc_layout *l)
{
	for (const struct gmc_bo *bo = gmc_bo_table_next(&dev->bos, NULL); bo;
	     bo = gmc_bo_table_next(&dev->bos, bo)) {
		uint64_t limit;

		if (bo->mem_type == GMC_DOMAIN_NONE)
			continue;
		limit = bo->mem_type == GMC_DOMAIN_VRAM ? l->real_vram_size : l->gart_size;
		if (bo->offset + bo->size > limit)
			return gmc_dev_fail(
				dev, -EBUSY,
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
