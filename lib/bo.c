/* SPDX-License-Identifier: MIT */
/*
 * The kernel BO helpers with the driver's semantics, step for step as
 * bo-lifecycle-and-callers.md §A states them (amdgpu_object.c and TTM).
 */
#include <stdlib.h>
#include <string.h>

#include "dev-private.h"

#define DOMAIN_MASK (GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT)

static const char *
domain_name(unsigned d)
{
	switch (d) {
	case GMC_DOMAIN_VRAM:
		return "VRAM";
	case GMC_DOMAIN_GTT:
		return "GTT";
	case GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT:
		return "VRAM|GTT";
	default:
		return "no domain";
	}
}

/* amdgpu_vram_mgr_bo_visible_size() of a contiguous BO. */
static uint64_t
visible_bytes(const struct gmc_dev *dev, const struct gmc_bo *bo)
{
	uint64_t vis = dev->layout.visible_vram_size;

	if (bo->mem_type != GMC_DOMAIN_VRAM || bo->offset >= vis)
		return 0;
	return vis - bo->offset < bo->size ? vis - bo->offset : bo->size;
}

void
gmc_bo_release_placement(struct gmc_dev *dev, struct gmc_bo *bo)
{
	if (bo->mem_type == GMC_DOMAIN_VRAM)
		gmc_range_alloc_put(dev->vram, bo->offset, bo->size);
	else if (bo->mem_type == GMC_DOMAIN_GTT)
		gmc_range_alloc_put(dev->gart, bo->offset, bo->size);
	bo->mem_type = GMC_DOMAIN_NONE;
}

/*
 * ttm_bo_validate() with the placements amdgpu_bo_placement_from_domain()
 * builds: VRAM first (CPU-visible part only when CPU access is required),
 * then GTT. A BO already somewhere compatible stays. GTT BOs take a GART
 * range at once (the model binds them when placed).
 */
int
gmc_bo_place(struct gmc_dev *dev, struct gmc_bo *bo, unsigned domain)
{
	uint64_t vram_limit = (bo->flags & GMC_BO_CPU_ACCESS_REQUIRED)
				      ? dev->layout.visible_vram_size
				      : UINT64_MAX;
	uint64_t start;

	if (bo->mem_type & domain) {
		if (bo->mem_type != GMC_DOMAIN_VRAM || bo->offset + bo->size <= vram_limit)
			return 0;
	}
	if ((domain & GMC_DOMAIN_VRAM) &&
	    gmc_range_alloc_get(dev->vram, bo->size, bo->align, vram_limit, &start) == 0) {
		gmc_bo_release_placement(dev, bo);
		bo->mem_type = GMC_DOMAIN_VRAM;
		bo->offset = start;
		return 0;
	}
	if ((domain & GMC_DOMAIN_GTT) &&
	    gmc_range_alloc_get(dev->gart, bo->size, bo->align, UINT64_MAX, &start) == 0) {
		gmc_bo_release_placement(dev, bo);
		bo->mem_type = GMC_DOMAIN_GTT;
		bo->offset = start;
		return 0;
	}
	return -ENOMEM;
}

/*
 * What a pinned BO contributes to the counters: what its first pin added,
 * wherever the BO is now (create_kernel_at frees the resource of a pinned BO).
 */
static struct gmc_pin_accounting
contribution(const struct gmc_bo *bo)
{
	struct gmc_pin_accounting c = { 0 };

	if (bo->pin_mem == GMC_DOMAIN_VRAM) {
		c.vram_pin_size = (int64_t)bo->size;
		c.visible_pin_size = (int64_t)bo->pin_visible;
	} else if (bo->pin_mem == GMC_DOMAIN_GTT) {
		c.gart_pin_size = (int64_t)bo->size;
	}
	return c;
}

static void
accounting_add(struct gmc_pin_accounting *a, struct gmc_pin_accounting c)
{
	a->vram_pin_size += c.vram_pin_size;
	a->visible_pin_size += c.visible_pin_size;
	a->gart_pin_size += c.gart_pin_size;
}

/* ttm_bo_release() of the last reference. */
static void
bo_destroy(struct gmc_dev *dev, struct gmc_bo *bo)
{
	if (bo->pin_count) {
		/* ttm_bo_release: WARN_ON_ONCE(pin_count); amdgpu never subtracts */
		struct gmc_pin_accounting drift = contribution(bo);

		gmc_event_record(dev, GMC_EVENT_RELEASE_PINNED, bo, "ttm_bo_release", &drift);
	}
	gmc_bo_release_placement(dev, bo);
	gmc_bo_table_remove(&dev->bos, bo);
	free(bo);
}

/* amdgpu_bo_create() of a kernel BO: allocate and place it. */
static int
bo_create(struct gmc_dev *dev, uint64_t size, uint64_t align, unsigned domain, unsigned flags,
	  struct gmc_bo **out)
{
	struct gmc_bo *bo;
	int rc = gmc_dev_take_failure(dev, GMC_FAIL_CREATE);

	if (rc)
		goto fail;
	bo = calloc(1, sizeof(*bo));
	if (!bo) {
		rc = -ENOMEM;
		goto fail;
	}
	bo->size = size;
	bo->align = align;
	bo->preferred = domain;
	bo->flags = flags;
	bo->refcount = 1;
	if (gmc_bo_table_add(&dev->bos, bo)) {
		free(bo);
		rc = -ENOMEM;
		goto fail;
	}
	rc = gmc_bo_place(dev, bo, domain);
	if (rc) {
		gmc_bo_table_remove(&dev->bos, bo);
		free(bo);
		goto fail;
	}
	*out = bo;
	return 0;
fail:
	gmc_event_record(dev, GMC_EVENT_CREATE_FAILED, NULL, "amdgpu_bo_create_reserved", NULL);
	return gmc_dev_fail(dev, rc, "failed to allocate kernel bo of 0x%llx bytes in %s (%s)",
			    (unsigned long long)size, domain_name(domain), gmc_errno_name(rc));
}

GMC_EXPORT int
gmc_bo_reserve(struct gmc_dev *dev, struct gmc_bo *bo)
{
	int rc = gmc_dev_take_failure(dev, GMC_FAIL_RESERVE);

	if (rc)
		return gmc_dev_fail(dev, rc, "reserving BO %u failed (injected)", bo->id);
	if (bo->reserved)
		return gmc_dev_fail(dev, -EDEADLK,
				    "BO %u (%s) is already reserved: the driver would deadlock",
				    bo->id, bo->label);
	bo->reserved = true;
	return 0;
}

GMC_EXPORT int
gmc_bo_unreserve(struct gmc_dev *dev, struct gmc_bo *bo)
{
	if (!bo->reserved)
		return gmc_dev_fail(dev, -EINVAL, "BO %u (%s) is not reserved", bo->id, bo->label);
	bo->reserved = false;
	return 0;
}

GMC_EXPORT int
gmc_bo_pin(struct gmc_dev *dev, struct gmc_bo *bo, unsigned domain)
{
	int rc;

	if (!bo->reserved)
		return gmc_dev_fail(dev, -EINVAL, "pin of BO %u (%s) without its reservation",
				    bo->id, bo->label);
	if (!domain || (domain & ~DOMAIN_MASK))
		return gmc_dev_fail(dev, -EINVAL, "pin with invalid domain 0x%x", domain);
	/* the domain is narrowed to the preferred domains when they overlap */
	if (domain & bo->preferred)
		domain &= bo->preferred;

	if (bo->pin_count) {
		/* already pinned: check, count, no move, no accounting */
		if (!(bo->mem_type & domain))
			return gmc_dev_fail(
				dev, -EINVAL, "BO %u (%s) is pinned in %s but %s was asked for",
				bo->id, bo->label, domain_name(bo->mem_type), domain_name(domain));
		bo->pin_count++;
		return 0;
	}

	/* first pin: CPU-visible VRAM unless the BO never needs CPU access */
	if (!(bo->flags & GMC_BO_NO_CPU_ACCESS))
		bo->flags |= GMC_BO_CPU_ACCESS_REQUIRED;
	rc = gmc_dev_take_failure(dev, GMC_FAIL_PIN);
	if (!rc)
		rc = gmc_bo_place(dev, bo, domain);
	if (rc) {
		gmc_event_record(dev, GMC_EVENT_PIN_FAILED, bo, "amdgpu_bo_pin", NULL);
		return gmc_dev_fail(dev, rc, "pin failed: BO %u (%s) in %s", bo->id, bo->label,
				    domain_name(domain));
	}
	bo->evicted = false;
	bo->pin_count = 1;
	bo->pin_mem = bo->mem_type;
	bo->pin_visible = visible_bytes(dev, bo);
	accounting_add(&dev->acct, contribution(bo));
	return 0;
}

/* amdgpu_bo_unpin()'s accounting step, by the current memory type. */
static struct gmc_pin_accounting
subtract_accounting(struct gmc_dev *dev, const struct gmc_bo *bo)
{
	struct gmc_pin_accounting sub = { 0 };

	if (bo->mem_type == GMC_DOMAIN_VRAM) {
		sub.vram_pin_size = (int64_t)bo->size;
		sub.visible_pin_size = (int64_t)visible_bytes(dev, bo);
	} else if (bo->mem_type == GMC_DOMAIN_GTT) {
		sub.gart_pin_size = (int64_t)bo->size;
	}
	dev->acct.vram_pin_size -= sub.vram_pin_size;
	dev->acct.visible_pin_size -= sub.visible_pin_size;
	dev->acct.gart_pin_size -= sub.gart_pin_size;
	return sub;
}

GMC_EXPORT int
gmc_bo_unpin(struct gmc_dev *dev, struct gmc_bo *bo)
{
	struct gmc_pin_accounting sub, added;

	if (!bo->reserved)
		return gmc_dev_fail(dev, -EINVAL, "unpin of BO %u (%s) without its reservation",
				    bo->id, bo->label);
	if (bo->pin_count == 0) {
		/*
		 * ttm_bo_unpin WARNs and returns; amdgpu_bo_unpin does not look
		 * and subtracts the accounting a second time.
		 */
		sub = subtract_accounting(dev, bo);
		sub.vram_pin_size = -sub.vram_pin_size;
		sub.visible_pin_size = -sub.visible_pin_size;
		sub.gart_pin_size = -sub.gart_pin_size;
		gmc_event_record(dev, GMC_EVENT_UNPIN_UNDERFLOW, bo, "ttm_bo_unpin", &sub);
		return 0;
	}
	if (--bo->pin_count)
		return 0;
	sub = subtract_accounting(dev, bo);
	added = contribution(bo);
	if (sub.vram_pin_size != added.vram_pin_size ||
	    sub.visible_pin_size != added.visible_pin_size ||
	    sub.gart_pin_size != added.gart_pin_size) {
		/* the visible window, or the BO's placement, changed since the pin */
		struct gmc_pin_accounting drift = {
			.vram_pin_size = added.vram_pin_size - sub.vram_pin_size,
			.visible_pin_size = added.visible_pin_size - sub.visible_pin_size,
			.gart_pin_size = added.gart_pin_size - sub.gart_pin_size,
		};

		gmc_event_record(dev, GMC_EVENT_ACCOUNTING_DRIFT, bo, "amdgpu_bo_unpin", &drift);
	}
	bo->pin_visible = 0;
	bo->pin_mem = GMC_DOMAIN_NONE;
	return 0;
}

GMC_EXPORT struct gmc_bo *
gmc_bo_ref(struct gmc_bo *bo)
{
	if (bo)
		bo->refcount++;
	return bo;
}

GMC_EXPORT void
gmc_bo_unref(struct gmc_dev *dev, struct gmc_bo **bo)
{
	if (!bo || !*bo)
		return;
	if (--(*bo)->refcount == 0)
		bo_destroy(dev, *bo);
	*bo = NULL;
}

GMC_EXPORT int
gmc_bo_kmap(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *cpu_addr)
{
	int rc;

	if (bo->flags & GMC_BO_NO_CPU_ACCESS)
		return gmc_dev_fail(dev, -EPERM, "kmap of BO %u (%s) created with NO_CPU_ACCESS",
				    bo->id, bo->label);
	if (bo->mem_type == GMC_DOMAIN_NONE)
		return gmc_dev_fail(dev, -ENOENT, "kmap of evicted BO %u (%s)", bo->id, bo->label);
	if (!bo->kmapped) {
		rc = gmc_dev_take_failure(dev, GMC_FAIL_KMAP);
		if (rc)
			return gmc_dev_fail(dev, rc, "kmap of BO %u failed (injected)", bo->id);
		bo->kmapped = true;
	}
	if (cpu_addr)
		gmc_addr_derive(dev, bo, GMC_ADDR_CPU, cpu_addr);
	return 0;
}

GMC_EXPORT void
gmc_bo_kunmap(struct gmc_dev *dev, struct gmc_bo *bo)
{
	bo->kmapped = false;
}

GMC_EXPORT int
gmc_bo_gpu_offset(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out)
{
	if (bo->mem_type == GMC_DOMAIN_NONE) {
		gmc_event_record(dev, GMC_EVENT_GPU_OFFSET_INVALID, bo, "amdgpu_bo_gpu_offset",
				 NULL);
		return gmc_dev_fail(dev, -ENOENT, "gpu_offset of BO %u (%s), which is not resident",
				    bo->id, bo->label);
	}
	/* kernel GTT BOs are CPU-cached, so amdgpu_gmc_agp_addr() never applies */
	return gmc_addr_derive(dev, bo, GMC_ADDR_MC, out);
}

GMC_EXPORT int
gmc_bo_vram_pa(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out)
{
	if (bo->mem_type == GMC_DOMAIN_NONE)
		return gmc_bo_gpu_offset(dev, bo, out);
	if (bo->mem_type != GMC_DOMAIN_VRAM)
		return gmc_dev_fail(dev, -EINVAL, "physical VRAM address of BO %u (%s) in GTT",
				    bo->id, bo->label);
	return gmc_addr_derive(dev, bo, GMC_ADDR_PA, out);
}

GMC_EXPORT int
gmc_bo_fb_aper_addr(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out)
{
	if (bo->mem_type != GMC_DOMAIN_VRAM) {
		gmc_event_record(dev, GMC_EVENT_FB_APER_NOT_VRAM, bo, "amdgpu_bo_fb_aper_addr",
				 NULL);
		return gmc_dev_fail(dev, -EINVAL, "FB-aperture address of BO %u (%s), not in VRAM",
				    bo->id, bo->label);
	}
	return gmc_addr_derive(dev, bo, GMC_ADDR_FB_APER, out);
}

/* amdgpu_ttm_alloc_gart(): GTT BOs are bound when placed, so only the failure remains. */
static int
alloc_gart(struct gmc_dev *dev, struct gmc_bo *bo)
{
	int rc = gmc_dev_take_failure(dev, GMC_FAIL_ALLOC_GART);

	if (rc)
		return gmc_dev_fail(dev, rc, "bind failed: BO %u (%s)", bo->id, bo->label);
	return 0;
}

static bool
is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

GMC_EXPORT int
gmc_bo_create_reserved(struct gmc_dev *dev, uint64_t size, uint64_t align, unsigned domain,
		       struct gmc_bo **bo, struct gmc_addr *gpu_addr, struct gmc_addr *cpu_addr)
{
	bool created = false;
	int rc;

	if (!bo)
		return gmc_dev_fail(dev, -EINVAL, "create_reserved: no BO slot given");
	if (size == 0) {
		/* drops the reference, does not unpin */
		gmc_bo_unref(dev, bo);
		return 0;
	}
	if (!domain || (domain & ~DOMAIN_MASK))
		return gmc_dev_fail(dev, -EINVAL, "create_reserved: invalid domain 0x%x", domain);
	if (align == 0)
		align = GMC_PAGE_SIZE;
	if (!is_pow2(align))
		return gmc_dev_fail(dev, -EINVAL, "alignment 0x%llx is not a power of two",
				    (unsigned long long)align);
	if (size > UINT64_MAX - GMC_PAGE_SIZE)
		return gmc_dev_fail(dev, -EINVAL, "size 0x%llx is too large",
				    (unsigned long long)size);
	size = gmc_align_up(size, GMC_PAGE_SIZE);

	if (!*bo) {
		/* VRAM_CONTIGUOUS always; CPU access only when a CPU pointer is wanted */
		unsigned flags = GMC_BO_VRAM_CONTIGUOUS |
				 (cpu_addr ? GMC_BO_CPU_ACCESS_REQUIRED : GMC_BO_NO_CPU_ACCESS);

		rc = bo_create(dev, size, align, domain, flags, bo);
		if (rc)
			return rc;
		created = true;
	}

	rc = gmc_bo_reserve(dev, *bo);
	if (rc)
		goto error_free;
	rc = gmc_bo_pin(dev, *bo, domain);
	if (rc)
		goto error_unreserve;
	rc = alloc_gart(dev, *bo);
	if (rc)
		goto error_unpin;
	if (gpu_addr)
		gmc_addr_derive(dev, *bo, GMC_ADDR_MC, gpu_addr);
	if (cpu_addr) {
		rc = gmc_bo_kmap(dev, *bo, cpu_addr);
		if (rc)
			goto error_unpin;
	}
	return 0;

error_unpin:
	gmc_bo_unpin(dev, *bo);
error_unreserve:
	gmc_bo_unreserve(dev, *bo);
error_free:
	/* only a BO this call created is dropped; an old one stays pinned as it was */
	if (created)
		gmc_bo_unref(dev, bo);
	return rc;
}

GMC_EXPORT int
gmc_bo_create_kernel(struct gmc_dev *dev, uint64_t size, uint64_t align, unsigned domain,
		     struct gmc_bo **bo, struct gmc_addr *gpu_addr, struct gmc_addr *cpu_addr)
{
	int rc = gmc_bo_create_reserved(dev, size, align, domain, bo, gpu_addr, cpu_addr);

	if (rc)
		return rc;
	if (*bo)
		gmc_bo_unreserve(dev, *bo);
	return 0;
}

GMC_EXPORT int
gmc_bo_create_kernel_at(struct gmc_dev *dev, uint64_t offset, uint64_t size, struct gmc_bo **bo,
			struct gmc_addr *cpu_addr)
{
	uint64_t start = offset & ~(GMC_PAGE_SIZE - 1);
	int rc;

	if (size > UINT64_MAX - GMC_PAGE_SIZE)
		return gmc_dev_fail(dev, -EINVAL, "size 0x%llx is too large",
				    (unsigned long long)size);
	size = gmc_align_up(size, GMC_PAGE_SIZE);
	/* never hands out an MC address: gpu_addr is NULL */
	rc = gmc_bo_create_reserved(dev, size, GMC_PAGE_SIZE, GMC_DOMAIN_VRAM, bo, NULL, cpu_addr);
	if (rc)
		return rc;
	if (!*bo)
		return 0;

	if (cpu_addr)
		gmc_bo_kunmap(dev, *bo);
	/* ttm_resource_free, then a new resource at exactly [offset, offset + size) */
	gmc_bo_release_placement(dev, *bo);
	rc = gmc_range_alloc_get_at(dev->vram, start, (*bo)->size);
	if (rc) {
		rc = gmc_dev_fail(dev, -ENOSPC, "VRAM range 0x%llx+0x%llx is not free",
				  (unsigned long long)start, (unsigned long long)(*bo)->size);
		goto error;
	}
	(*bo)->mem_type = GMC_DOMAIN_VRAM;
	(*bo)->offset = start;
	if (cpu_addr) {
		rc = gmc_bo_kmap(dev, *bo, cpu_addr);
		if (rc)
			goto error;
	}
	gmc_bo_unreserve(dev, *bo);
	return 0;

error:
	/* the driver unreserves and unrefs without unpinning: released pinned */
	gmc_bo_unreserve(dev, *bo);
	gmc_bo_unref(dev, bo);
	return rc;
}

GMC_EXPORT void
gmc_bo_free_kernel(struct gmc_dev *dev, struct gmc_bo **bo, struct gmc_addr *gpu_addr,
		   struct gmc_addr *cpu_addr)
{
	if (!bo || !*bo)
		return;
	if (dev->in_suspend)
		gmc_event_record(dev, GMC_EVENT_FREE_IN_SUSPEND, *bo, "amdgpu_bo_free_kernel",
				 NULL);
	if (gmc_bo_reserve(dev, *bo) == 0) {
		if (cpu_addr)
			gmc_bo_kunmap(dev, *bo);
		gmc_bo_unpin(dev, *bo);
		gmc_bo_unreserve(dev, *bo);
	} else {
		gmc_event_record(dev, GMC_EVENT_RESERVE_FAILED, *bo, "amdgpu_bo_free_kernel", NULL);
	}
	gmc_bo_unref(dev, bo);
	if (gpu_addr)
		*gpu_addr = gmc_addr_untracked(0);
	if (cpu_addr)
		*cpu_addr = gmc_addr_untracked(0);
}

GMC_EXPORT void
gmc_bo_set_label(struct gmc_bo *bo, const char *label)
{
	size_t n = label ? strlen(label) : 0;

	if (n >= sizeof(bo->label))
		n = sizeof(bo->label) - 1;
	if (n)
		memcpy(bo->label, label, n);
	bo->label[n] = '\0';
}

GMC_EXPORT const char *
gmc_bo_label(const struct gmc_bo *bo)
{
	return bo->label;
}

GMC_EXPORT uint32_t
gmc_bo_id(const struct gmc_bo *bo)
{
	return bo->id;
}

GMC_EXPORT unsigned
gmc_bo_pin_count(const struct gmc_bo *bo)
{
	return bo->pin_count;
}

GMC_EXPORT enum gmc_domain
gmc_bo_mem_type(const struct gmc_bo *bo)
{
	return bo->mem_type;
}

GMC_EXPORT uint64_t
gmc_bo_offset(const struct gmc_bo *bo)
{
	return bo->offset;
}

GMC_EXPORT uint64_t
gmc_bo_size(const struct gmc_bo *bo)
{
	return bo->size;
}

GMC_EXPORT unsigned
gmc_bo_flags(const struct gmc_bo *bo)
{
	return bo->flags;
}

GMC_EXPORT bool
gmc_bo_is_reserved(const struct gmc_bo *bo)
{
	return bo->reserved;
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
	for (const struct gmc_bo *bo = gmc_bo_table_next(&dev->bos, NULL); bo;
	     bo = gmc_bo_table_next(&dev->bos, bo)) {
		if (bo->pin_count)
			accounting_add(out, contribution(bo));
	}
}
