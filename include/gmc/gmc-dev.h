/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-dev.h
 * A modelled device: its current layout, VRAM and GART allocators, the
 * in_suspend flag, the kernel BOs, the driver's pin accounting and a log of
 * the warnings the driver would print.
 *
 * Errors: a call on a device (here and in gmc-bo.h) that fails returns a
 * negative errno and keeps the reason as the device's last error, for
 * gmc_dev_strerror(); there is no `struct gmc_error` parameter, unlike the
 * stateless calls (gmc-common.h). Warnings the driver would print are not
 * errors: they are events.
 */
#ifndef GMC_DEV_H
#define GMC_DEV_H

#include <gmc/gmc-layout.h>

#ifdef __cplusplus
extern "C" {
#endif

struct gmc_dev;
struct gmc_bo;

/**
 * Create a device with @p layout (copied). VRAM holds real_vram_size bytes,
 * of which the first visible_vram_size are CPU-visible; GART holds gart_size.
 * There is no device to keep a reason in yet: the errno is the answer.
 *
 * @param layout the layout to start with, e.g. from gmc_layout_compute()
 * @param[out] out the new device, owned by the caller; untouched on failure
 * @retval 0 created; free with gmc_dev_free()
 * @retval -ENOMEM out of memory
 * @retval -EINVAL @p layout or @p out is NULL
 */
GMC_EXPORT int gmc_dev_new(const struct gmc_layout *layout, struct gmc_dev **out);

/**
 * Release the device and every BO still alive, without events. Pointers to
 * its BOs and its strings become invalid.
 *
 * @param dev the device, or NULL (nothing happens)
 */
GMC_EXPORT void gmc_dev_free(struct gmc_dev *dev);

/**
 * The layout in force now.
 *
 * @param dev the device
 * @return the device's copy, owned by it and valid until the next
 *         gmc_dev_set_layout() or gmc_dev_free()
 */
GMC_EXPORT const struct gmc_layout *gmc_dev_layout(const struct gmc_dev *dev);

/**
 * How many times the layout or BAR changed since creation.
 *
 * @param dev the device
 * @return 0 at creation, + 1 per gmc_dev_set_layout() and per BAR change
 */
GMC_EXPORT uint64_t gmc_dev_generation(const struct gmc_dev *dev);

/**
 * The reason for the last failure of a call on this device or its BOs.
 *
 * @param dev the device
 * @return a NUL-terminated sentence owned by the device, valid until its
 *         next failing call or gmc_dev_free(); "" if no call has failed.
 *         A successful call does not clear it.
 */
GMC_EXPORT const char *gmc_dev_strerror(const struct gmc_dev *dev);

/**
 * Set or clear adev->in_suspend. The driver sets it at the start of
 * amdgpu_device_suspend() and clears it at the end of amdgpu_device_resume().
 *
 * @param dev        the device
 * @param in_suspend the new value
 */
GMC_EXPORT void gmc_dev_set_in_suspend(struct gmc_dev *dev, bool in_suspend);

/**
 * Whether in_suspend is set.
 *
 * @param dev the device
 * @return adev->in_suspend as the model holds it
 */
GMC_EXPORT bool gmc_dev_in_suspend(const struct gmc_dev *dev);

/**
 * amdgpu_device_suspend() as far as memory goes: set in_suspend and evict
 * every unpinned VRAM BO (amdgpu_ttm_evict_resources). Pinned BOs stay.
 *
 * @param dev the device
 * @retval 0 done
 * @retval -ENOMEM out of memory recording an eviction; the BOs evicted
 *         before it stay evicted
 */
GMC_EXPORT int gmc_dev_suspend(struct gmc_dev *dev);

/**
 * Replace the layout, as a vGPU swap does (new vram_start, gart_start,
 * vram_base_offset, fb_start, node offset). Pinned BOs keep their offsets,
 * so their MC addresses move with vram_start and their physical addresses
 * with vram_base_offset. Bumps the generation.
 *
 * @param dev    the device
 * @param layout the new layout (copied)
 * @retval 0 done
 * @retval -EINVAL @p layout is NULL
 * @retval -EBUSY a live BO lies beyond the new VRAM or GART size; nothing changed
 * @retval -ENOMEM out of memory resizing the allocators
 */
GMC_EXPORT int gmc_dev_set_layout(struct gmc_dev *dev, const struct gmc_layout *layout);

/**
 * Set the VRAM BAR's bus address, the base of CPU addresses of VRAM BOs
 * (0 at creation). A change bumps the generation.
 *
 * @param dev           the device
 * @param vram_bar_base the BAR's bus address
 */
GMC_EXPORT void gmc_dev_set_bar(struct gmc_dev *dev, uint64_t vram_bar_base);

/**
 * amdgpu_device_resume() as far as memory goes: evicted BOs are validated
 * back into VRAM (first fit, most recently evicted first, so they may land
 * elsewhere) and in_suspend is cleared.
 *
 * @param dev the device
 * @retval 0 done
 * @retval -ENOSPC an evicted BO found no room; it stays evicted and the
 *         next resume tries again (in_suspend is cleared all the same)
 */
GMC_EXPORT int gmc_dev_resume(struct gmc_dev *dev);

/** The driver's pin accounting (atomic64 counters; they can drift). */
struct gmc_pin_accounting {
	int64_t vram_pin_size;	  /**< adev->vram_pin_size */
	int64_t visible_pin_size; /**< adev->visible_pin_size */
	int64_t gart_pin_size;	  /**< adev->gart_pin_size */
};

/**
 * The counters as the driver would hold them now, drift included.
 *
 * @param dev the device
 * @param[out] out the counters (a copy)
 */
GMC_EXPORT void gmc_dev_pin_accounting(const struct gmc_dev *dev, struct gmc_pin_accounting *out);

/**
 * The same counters recomputed from the pinned BOs alive now: what each
 * added at its first pin, so without drift.
 *
 * @param dev the device
 * @param[out] out the sums
 */
GMC_EXPORT void gmc_dev_pin_accounting_actual(const struct gmc_dev *dev,
					      struct gmc_pin_accounting *out);

/** Warnings and errors the driver would print. */
enum gmc_event_kind {
	GMC_EVENT_FREE_IN_SUSPEND = 1, /**< WARN_ON(in_suspend) in amdgpu_bo_free_kernel */
	GMC_EVENT_UNPIN_UNDERFLOW, /**< unpin at pin_count 0: TTM WARNs, accounting subtracted again
				    */
	GMC_EVENT_RELEASE_PINNED,  /**< ttm_bo_release WARN: freed while pinned, accounting leaks */
	GMC_EVENT_GPU_OFFSET_INVALID, /**< amdgpu_bo_gpu_offset WARN: BO not resident */
	GMC_EVENT_FB_APER_NOT_VRAM,   /**< amdgpu_bo_fb_aper_addr WARN: not a VRAM BO */
	GMC_EVENT_PIN_FAILED,	      /**< dev_err "pin failed" */
	GMC_EVENT_CREATE_FAILED,      /**< dev_err in amdgpu_bo_create_reserved */
	GMC_EVENT_RESERVE_FAILED,     /**< a reserve could not be taken (free_kernel skips unpin) */
	GMC_EVENT_ACCOUNTING_DRIFT,   /**< unpin subtracted another visible size than pin added */
	GMC_EVENT_KIND_COUNT
};

/** Length of a BO label, including the NUL. */
#define GMC_LABEL_MAX 48

/** One recorded warning. */
struct gmc_event {
	uint64_t seq; /**< 0, 1, 2, … in the order they happened */
	enum gmc_event_kind kind;
	uint32_t bo_id;		   /**< the BO concerned (0 if none) */
	char label[GMC_LABEL_MAX]; /**< the BO's label at the time */
	const char *call;	   /**< the driver function that warns, static */
	uint64_t generation;	   /**< device generation */
	/** How much the accounting moved away from the pinned BOs' sum. */
	struct gmc_pin_accounting drift;
};

/**
 * The name of an event kind.
 *
 * @param kind an event kind
 * @return e.g. "free-in-suspend", a static string; "unknown" for a value
 *         that is not a kind
 */
GMC_EXPORT const char *gmc_event_kind_name(enum gmc_event_kind kind);

/**
 * Events in the log: those recorded since creation or the last
 * gmc_dev_events_clear(), at most the newest GMC_EVENT_LOG_MAX.
 *
 * @param dev the device
 * @return how many gmc_dev_event_at() can read
 */
GMC_EXPORT size_t gmc_dev_event_count(const struct gmc_dev *dev);

/**
 * Read event @p index (0 = oldest kept). The log keeps the newest
 * GMC_EVENT_LOG_MAX events; per-kind counts and drift totals never drop.
 * A const call: it reports by errno only.
 *
 * @param dev   the device
 * @param index 0 .. gmc_dev_event_count() - 1
 * @param[out] out a copy of the event (its call string is static);
 *             untouched on failure
 * @retval 0 copied
 * @retval -ENOENT no such event (index too large or dropped)
 */
GMC_EXPORT int gmc_dev_event_at(const struct gmc_dev *dev, size_t index, struct gmc_event *out);

/**
 * Events of one kind since creation or the last clear, including those the
 * log has dropped.
 *
 * @param dev  the device
 * @param kind the kind
 * @return the count; 0 for a value that is not a kind
 */
GMC_EXPORT size_t gmc_dev_event_kind_count(const struct gmc_dev *dev, enum gmc_event_kind kind);

/**
 * Sum of the drift of every event since creation (never cleared).
 *
 * @param dev the device
 * @param[out] out the sums
 */
GMC_EXPORT void gmc_dev_event_drift(const struct gmc_dev *dev, struct gmc_pin_accounting *out);

/**
 * Forget recorded events and per-kind counts (drift totals stay).
 *
 * @param dev the device
 */
GMC_EXPORT void gmc_dev_events_clear(struct gmc_dev *dev);

/** Most events the log keeps. */
#define GMC_EVENT_LOG_MAX 4096

/** Steps inside the helpers where a failure can be injected. */
enum gmc_fail_point {
	GMC_FAIL_CREATE = 0, /**< amdgpu_bo_create */
	GMC_FAIL_RESERVE,    /**< amdgpu_bo_reserve */
	GMC_FAIL_PIN,	     /**< amdgpu_bo_pin (validate) */
	GMC_FAIL_ALLOC_GART, /**< amdgpu_ttm_alloc_gart */
	GMC_FAIL_KMAP,	     /**< amdgpu_bo_kmap */
	GMC_FAIL_POINT_COUNT
};

/**
 * Make the next pass through @p point fail with @p error (negative errno),
 * once, to drive the helpers' error paths.
 *
 * @param dev   the device
 * @param point where to fail
 * @param error the negative errno that step will return
 * @retval 0 armed
 * @retval -EINVAL bad point or a non-negative error
 */
GMC_EXPORT int gmc_dev_fail_next(struct gmc_dev *dev, enum gmc_fail_point point, int error);

#ifdef __cplusplus
}
#endif

#endif /* GMC_DEV_H */
