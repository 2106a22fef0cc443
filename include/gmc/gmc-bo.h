/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-bo.h
 * The amdgpu kernel BO helpers with the driver's semantics
 * (bo-lifecycle-and-callers.md §A): create_reserved / create_kernel /
 * create_kernel_at / free_kernel, pin / unpin, reserve, kmap and the
 * address getters. Every address comes back as a tracked struct gmc_addr.
 *
 * Calls that fail return a negative errno; gmc_dev_strerror() says why.
 * Warnings the driver prints are recorded as events (gmc-dev.h).
 *
 * Ownership: the device owns its BOs. A struct gmc_bo pointer stays valid
 * while the BO holds a reference; the last gmc_bo_unref() (or
 * gmc_bo_free_kernel(), or gmc_dev_free()) releases it. Addresses are plain
 * values the caller keeps.
 */
#ifndef GMC_BO_H
#define GMC_BO_H

#include <gmc/gmc-addr.h>
#include <gmc/gmc-dev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Memory domains, combinable: AMDGPU_GEM_DOMAIN_VRAM / _GTT. */
enum gmc_domain {
	GMC_DOMAIN_NONE = 0, /**< not resident (system memory after eviction) */
	GMC_DOMAIN_VRAM = 1u << 0,
	GMC_DOMAIN_GTT = 1u << 1,
};

/** BO creation flags the helpers set (AMDGPU_GEM_CREATE_*). */
enum gmc_bo_flags {
	GMC_BO_CPU_ACCESS_REQUIRED = 1u << 0,
	GMC_BO_NO_CPU_ACCESS = 1u << 1,
	GMC_BO_VRAM_CONTIGUOUS = 1u << 2,
};

/**
 * amdgpu_bo_create_reserved(). If *@p bo is NULL a BO is created (VRAM
 * preferred, GTT when the domain allows and VRAM is full); if it is not,
 * the existing BO is reserved and pinned again (pin_count + 1) and a fresh
 * address handed back. Size 0 drops the reference without unpinning and
 * sets *@p bo to NULL. On success the BO is left reserved.
 *
 * @param dev      the device
 * @param size     bytes (rounded up to the 4 KiB page)
 * @param align    alignment in bytes (power of two; 0 means a page)
 * @param domain   GMC_DOMAIN_VRAM, GMC_DOMAIN_GTT or both
 * @param[in,out] bo the caller's BO slot: NULL to create, or a BO to pin again
 * @param[out] gpu_addr optional: the MC address (the caller's cached copy)
 * @param[out] cpu_addr optional: the CPU mapping; also makes the BO CPU-accessible
 * @retval 0 done
 * @retval -ENOMEM no room in any allowed domain
 * @retval -EPERM kmap of a BO created without CPU access
 * @retval -EDEADLK the BO is already reserved
 * @retval -EINVAL bad size, alignment or domain; pin of an incompatible BO
 *
 * As in the driver, *@p gpu_addr is written before the kmap step, so a call
 * that fails in kmap has already refreshed it.
 */
GMC_EXPORT int gmc_bo_create_reserved(struct gmc_dev *dev, uint64_t size, uint64_t align,
				      unsigned domain, struct gmc_bo **bo,
				      struct gmc_addr *gpu_addr, struct gmc_addr *cpu_addr);

/**
 * amdgpu_bo_create_kernel(): gmc_bo_create_reserved(), then unreserve.
 *
 * @param dev      the device
 * @param size     bytes (rounded up to the 4 KiB page); 0 drops *@p bo
 * @param align    alignment in bytes (power of two; 0 means a page)
 * @param domain   GMC_DOMAIN_VRAM, GMC_DOMAIN_GTT or both
 * @param[in,out] bo the caller's BO slot, as for gmc_bo_create_reserved()
 * @param[out] gpu_addr optional: the MC address
 * @param[out] cpu_addr optional: the CPU mapping
 * @return what gmc_bo_create_reserved() returns; on success the BO is
 *         left unreserved
 */
GMC_EXPORT int gmc_bo_create_kernel(struct gmc_dev *dev, uint64_t size, uint64_t align,
				    unsigned domain, struct gmc_bo **bo, struct gmc_addr *gpu_addr,
				    struct gmc_addr *cpu_addr);

/**
 * amdgpu_bo_create_kernel_at(): a VRAM BO at a fixed offset (aligned down
 * to a page; the size rounded up). It never returns an MC address. If the
 * range is taken the BO is released still pinned (the driver's error path).
 *
 * @param dev    the device
 * @param offset byte offset in VRAM where the BO must lie
 * @param size   bytes; 0 drops *@p bo
 * @param[in,out] bo the caller's BO slot, as for gmc_bo_create_reserved()
 * @param[out] cpu_addr optional: the CPU mapping
 * @retval 0 done (*@p bo NULL when @p size is 0)
 * @retval -ENOSPC the range is not free
 * @retval <0 any failure of gmc_bo_create_reserved()
 *
 * As in the driver, a call that fails after moving an existing BO leaves
 * *@p cpu_addr holding the mapping made at its old place.
 */
GMC_EXPORT int gmc_bo_create_kernel_at(struct gmc_dev *dev, uint64_t offset, uint64_t size,
				       struct gmc_bo **bo, struct gmc_addr *cpu_addr);

/**
 * amdgpu_bo_free_kernel(): warns when in_suspend, unpins once (if it can
 * reserve), drops the reference and zeroes the caller's slots. NULL *@p bo
 * is a no-op.
 *
 * @param dev the device
 * @param[in,out] bo the caller's BO slot; set to NULL
 * @param[out] gpu_addr optional: the caller's cached MC address, set to an
 *             untracked 0
 * @param[out] cpu_addr optional: the caller's CPU mapping, set to an
 *             untracked 0
 */
GMC_EXPORT void gmc_bo_free_kernel(struct gmc_dev *dev, struct gmc_bo **bo,
				   struct gmc_addr *gpu_addr, struct gmc_addr *cpu_addr);

/**
 * amdgpu_bo_reserve() (no interruption, no ticket).
 *
 * @param dev the device
 * @param bo  the BO
 * @retval 0 reserved
 * @retval -EDEADLK already reserved: the driver would deadlock
 * @retval <0 a failure injected at GMC_FAIL_RESERVE
 */
GMC_EXPORT int gmc_bo_reserve(struct gmc_dev *dev, struct gmc_bo *bo);

/**
 * amdgpu_bo_unreserve().
 *
 * @param dev the device
 * @param bo  the BO
 * @retval 0 unreserved
 * @retval -EINVAL not reserved
 */
GMC_EXPORT int gmc_bo_unreserve(struct gmc_dev *dev, struct gmc_bo *bo);

/**
 * amdgpu_bo_pin(): the first pin places the BO (CPU-visible VRAM unless
 * NO_CPU_ACCESS, GTT fallback when allowed) and adds to the accounting; a
 * pin of a pinned BO checks the domain and contiguity and only counts.
 * The BO must be reserved.
 *
 * @param dev    the device
 * @param bo     the BO, reserved
 * @param domain GMC_DOMAIN_VRAM, GMC_DOMAIN_GTT or both (narrowed to the
 *               BO's preferred domains when they overlap)
 * @retval 0 pinned (pin_count + 1)
 * @retval -EINVAL not reserved, a bad domain, or the domain excludes where
 *         it is pinned
 * @retval -ENOMEM no room (dev_err "pin failed")
 */
GMC_EXPORT int gmc_bo_pin(struct gmc_dev *dev, struct gmc_bo *bo, unsigned domain);

/**
 * amdgpu_bo_unpin(): at pin_count 0 TTM warns and the accounting is
 * subtracted again (recorded as GMC_EVENT_UNPIN_UNDERFLOW). The BO must be
 * reserved.
 *
 * @param dev the device
 * @param bo  the BO, reserved
 * @retval 0 unpinned (or the underflow recorded)
 * @retval -EINVAL not reserved
 */
GMC_EXPORT int gmc_bo_unpin(struct gmc_dev *dev, struct gmc_bo *bo);

/**
 * Take another reference (amdgpu_bo_ref()); drop it with gmc_bo_unref().
 *
 * @param bo the BO, or NULL
 * @return @p bo
 */
GMC_EXPORT struct gmc_bo *gmc_bo_ref(struct gmc_bo *bo);

/**
 * amdgpu_bo_unref(): drop a reference and set *@p bo to NULL; the last one
 * releases the BO (warning if still pinned).
 *
 * @param dev the device
 * @param[in,out] bo the caller's pointer; NULL or *NULL is a no-op
 */
GMC_EXPORT void gmc_bo_unref(struct gmc_dev *dev, struct gmc_bo **bo);

/**
 * amdgpu_bo_kmap(): the CPU mapping (the existing one if mapped). For a
 * VRAM BO the value is the bus address it maps (VRAM BAR + offset); for a
 * GTT BO a kernel virtual address in the vmalloc area, stable while the BO
 * does not move.
 *
 * @param dev the device
 * @param bo  the BO
 * @param[out] cpu_addr optional: the mapping's address, tracked
 * @retval 0 mapped
 * @retval -EPERM the BO was created with NO_CPU_ACCESS
 * @retval -ENOENT the BO is evicted
 * @retval <0 a failure injected at GMC_FAIL_KMAP
 */
GMC_EXPORT int gmc_bo_kmap(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *cpu_addr);

/**
 * amdgpu_bo_kunmap(). Addresses handed out earlier stay as they are.
 *
 * @param dev the device
 * @param bo  the BO
 */
GMC_EXPORT void gmc_bo_kunmap(struct gmc_dev *dev, struct gmc_bo *bo);

/**
 * amdgpu_bo_gpu_offset(): the MC address, computed fresh from the current
 * vram_start or gart_start.
 *
 * @param dev the device
 * @param bo  the BO
 * @param[out] out the MC address, tracked; untouched on failure
 * @retval 0 done
 * @retval -ENOENT the BO is not resident (the driver WARNs; recorded)
 */
GMC_EXPORT int gmc_bo_gpu_offset(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out);

/**
 * amdgpu_gmc_vram_pa(): mc2pa of the BO's current MC address.
 *
 * @param dev the device
 * @param bo  the BO
 * @param[out] out the physical address, tracked; untouched on failure
 * @retval 0 done
 * @retval -ENOENT not resident
 * @retval -EINVAL not in VRAM
 */
GMC_EXPORT int gmc_bo_vram_pa(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out);

/**
 * amdgpu_bo_fb_aper_addr(): the FB-aperture address of a VRAM BO.
 *
 * @param dev the device
 * @param bo  the BO
 * @param[out] out the FB-aperture address, tracked; untouched on failure
 * @retval 0 done
 * @retval -EINVAL not in VRAM (the driver WARNs; recorded)
 */
GMC_EXPORT int gmc_bo_fb_aper_addr(struct gmc_dev *dev, struct gmc_bo *bo, struct gmc_addr *out);

/**
 * Give the BO a label for events and reports.
 *
 * @param bo    the BO
 * @param label the text, copied and cut to GMC_LABEL_MAX - 1 bytes; NULL
 *              clears it
 */
GMC_EXPORT void gmc_bo_set_label(struct gmc_bo *bo, const char *label);

/**
 * The BO's label.
 *
 * @param bo the BO
 * @return the label ("" if none), owned by the BO: valid until the next
 *         gmc_bo_set_label() or the BO's release
 */
GMC_EXPORT const char *gmc_bo_label(const struct gmc_bo *bo);

/**
 * The BO's id.
 *
 * @param bo the BO
 * @return an id unique for the device's lifetime, never 0
 */
GMC_EXPORT uint32_t gmc_bo_id(const struct gmc_bo *bo);

/**
 * How many times the BO is pinned.
 *
 * @param bo the BO
 * @return its pin_count (0 when unpinned)
 */
GMC_EXPORT unsigned gmc_bo_pin_count(const struct gmc_bo *bo);

/**
 * Where the BO is now.
 *
 * @param bo the BO
 * @return GMC_DOMAIN_VRAM, GMC_DOMAIN_GTT or GMC_DOMAIN_NONE (evicted)
 */
GMC_EXPORT enum gmc_domain gmc_bo_mem_type(const struct gmc_bo *bo);

/**
 * Where in its domain the BO lies.
 *
 * @param bo the BO
 * @return byte offset in VRAM or GART (TTM resource start << PAGE_SHIFT);
 *         meaningless when evicted
 */
GMC_EXPORT uint64_t gmc_bo_offset(const struct gmc_bo *bo);

/**
 * The BO's size.
 *
 * @param bo the BO
 * @return bytes, a multiple of GMC_PAGE_SIZE
 */
GMC_EXPORT uint64_t gmc_bo_size(const struct gmc_bo *bo);

/**
 * The creation flags the helpers set, as they stand now (the first pin adds
 * GMC_BO_CPU_ACCESS_REQUIRED unless NO_CPU_ACCESS is set).
 *
 * @param bo the BO
 * @return enum gmc_bo_flags bits
 */
GMC_EXPORT unsigned gmc_bo_flags(const struct gmc_bo *bo);

/**
 * Whether the BO is reserved.
 *
 * @param bo the BO
 * @return true between gmc_bo_reserve() and gmc_bo_unreserve()
 */
GMC_EXPORT bool gmc_bo_is_reserved(const struct gmc_bo *bo);

/**
 * Walk the live BOs, for harnesses: start with NULL, stop at NULL. The
 * order is the device's slot order, not creation order (a released BO's
 * slot is reused). Do not release BOs during the walk.
 *
 * @param dev  the device
 * @param prev the BO returned last, or NULL to start
 * @return the next live BO (owned by the device), or NULL after the last
 */
GMC_EXPORT struct gmc_bo *gmc_dev_next_bo(const struct gmc_dev *dev, const struct gmc_bo *prev);

#ifdef __cplusplus
}
#endif

#endif /* GMC_BO_H */
