/* SPDX-License-Identifier: MIT */
/*
 * The range allocator behind VRAM and GART placement (the model's
 * drm_mm): it hands out byte ranges of [0, size). Private to libgmc;
 * nothing here is part of the ABI.
 *
 * It remembers free space only, as maximal runs, not who owns what: a put
 * is accepted for any range whose every byte is allocated. Every call that
 * fails leaves the allocator and its output parameters unchanged. The
 * allocator is not thread-safe; callers serialise access.
 */
#ifndef GMC_BO_ALLOC_H
#define GMC_BO_ALLOC_H

#include <stddef.h>
#include <stdint.h>

struct gmc_range_alloc;

/**
 * Create an allocator managing [0, @p size), all of it free.
 *
 * @param size bytes managed; 0 is allowed (nothing can be allocated until
 *             gmc_range_alloc_resize() grows it)
 * @param out  receives the allocator, owned by the caller and released
 *             with gmc_range_alloc_destroy(); untouched on failure
 * @retval 0 success
 * @retval -EINVAL @p out is NULL
 * @retval -ENOMEM out of memory
 */
int gmc_range_alloc_new(uint64_t size, struct gmc_range_alloc **out);

/**
 * Release the allocator and all its memory. Ranges still allocated need
 * not be put back first.
 *
 * @param ra the allocator, or NULL (nothing happens)
 */
void gmc_range_alloc_destroy(struct gmc_range_alloc *ra);

/**
 * Allocate @p size bytes by first fit: the lowest start s that is a
 * multiple of @p align with [s, s + size) free and s + size <= @p limit.
 * O(log n) in the number of free runs n when @p align is 1; with a larger
 * alignment, every free run at least @p size long that lies before the
 * result but cannot hold an aligned block is visited too.
 *
 * @param ra    the allocator
 * @param size  bytes wanted, at least 1
 * @param align a power of two, at least 1
 * @param limit the allocation must end at or below this address;
 *              UINT64_MAX (or anything >= the managed size) searches it all
 * @param start receives s; untouched on failure
 * @retval 0 success
 * @retval -EINVAL @p ra or @p start is NULL, @p size is 0, or @p align is
 *                 not a power of two
 * @retval -ENOSPC no aligned free range of @p size bytes ends at or below
 *                 @p limit
 * @retval -ENOMEM out of memory (splitting a free run needs a node)
 */
int gmc_range_alloc_get(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit,
			uint64_t *start);

/**
 * Allocate exactly [@p start, @p start + @p size). O(log n).
 *
 * @param ra    the allocator
 * @param start first byte
 * @param size  bytes, at least 1
 * @retval 0 success
 * @retval -EINVAL @p ra is NULL, @p size is 0, or @p start + @p size
 *                 overflows 64 bits
 * @retval -ERANGE the range ends past the managed size
 * @retval -EBUSY  some byte of the range is already allocated
 * @retval -ENOMEM out of memory (splitting a free run needs a node)
 */
int gmc_range_alloc_get_at(struct gmc_range_alloc *ra, uint64_t start, uint64_t size);

/**
 * Free [@p start, @p start + @p size), merging it with the free runs on
 * either side. Every byte of it must be allocated: a double free, or a
 * range that overlaps free space or ends past the managed size, is
 * rejected and changes nothing. O(log n).
 *
 * @param ra    the allocator
 * @param start first byte
 * @param size  bytes, at least 1
 * @retval 0 success
 * @retval -EINVAL @p ra is NULL, @p size is 0, @p start + @p size
 *                 overflows or ends past the managed size, or some byte of
 *                 the range is free
 * @retval -ENOMEM out of memory (a run with no free neighbour needs a node)
 */
int gmc_range_alloc_put(struct gmc_range_alloc *ra, uint64_t start, uint64_t size);

/**
 * Change the managed size. Growing adds [old size, @p new_size) as free
 * space (merged with a free run that ends at the old size); shrinking
 * drops [@p new_size, old size), which must all be free. O(log n).
 *
 * @param ra       the allocator
 * @param new_size bytes managed from now on; 0 is allowed
 * @retval 0 success
 * @retval -EINVAL @p ra is NULL
 * @retval -EBUSY  shrinking, and some byte at or above @p new_size is
 *                 allocated
 * @retval -ENOMEM out of memory (growing past an allocated end needs a node)
 */
int gmc_range_alloc_resize(struct gmc_range_alloc *ra, uint64_t new_size);

/**
 * @param ra the allocator, or NULL
 * @return the managed size in bytes (0 for NULL)
 */
uint64_t gmc_range_alloc_size(const struct gmc_range_alloc *ra);

/**
 * @param ra the allocator, or NULL
 * @return the number of free bytes (0 for NULL); O(1)
 */
uint64_t gmc_range_alloc_free_bytes(const struct gmc_range_alloc *ra);

/**
 * @param ra the allocator, or NULL
 * @return the number of maximal free runs (0 for NULL); O(1)
 */
size_t gmc_range_alloc_free_blocks(const struct gmc_range_alloc *ra);

/**
 * Call @p cb for each maximal free run, in address order. @p cb must not
 * modify the allocator.
 *
 * @param ra   the allocator
 * @param cb   called with the run's first byte, its length and @p data; a
 *             non-zero return stops the walk
 * @param data passed to @p cb
 * @return 0 once every run was seen, or the first non-zero value @p cb
 *         returned; -EINVAL if @p ra or @p cb is NULL
 */
int gmc_range_alloc_for_each_free(const struct gmc_range_alloc *ra,
				  int (*cb)(uint64_t start, uint64_t size, void *data), void *data);

#endif /* GMC_BO_ALLOC_H */
