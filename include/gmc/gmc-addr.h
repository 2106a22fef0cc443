/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-addr.h
 * Tracked addresses: every address the BO model hands out remembers what
 * it was derived from, so a cached copy can later be checked against what
 * the driver would compute now.
 *
 * A struct gmc_addr is a plain value: copy it into any field (the copy
 * stays tracked), derive "address + offset" with gmc_addr_plus(), and ask
 * gmc_addr_check() whether it is still right. Never edit its members.
 */
#ifndef GMC_ADDR_H
#define GMC_ADDR_H

#include <gmc/gmc-layout.h>

#ifdef __cplusplus
extern "C" {
#endif

struct gmc_dev;

/** What an address is an address of. */
enum gmc_addr_kind {
	GMC_ADDR_NONE = 0, /**< untracked number (or a zeroed slot) */
	GMC_ADDR_MC,	   /**< GPU MC address: amdgpu_bo_gpu_offset() */
	GMC_ADDR_PA,	   /**< physical VRAM address: amdgpu_gmc_vram_mc2pa() */
	GMC_ADDR_FB_APER,  /**< FB-aperture MC address: amdgpu_bo_fb_aper_addr() */
	GMC_ADDR_CPU,	   /**< bus address the CPU mapping targets: amdgpu_bo_kmap() */
};

/** A tracked address. Treat as opaque apart from @c value. */
struct gmc_addr {
	uint64_t value;	     /**< the number the driver holds */
	uint64_t delta;	     /**< offset of @c value inside the BO */
	uint64_t bo_offset;  /**< where the BO was placed when derived */
	uint64_t base;	     /**< the device base it was derived with (vram_start, …) */
	uint64_t generation; /**< device layout generation when derived */
	uint32_t bo_id;	     /**< the BO's id (never reused) */
	uint32_t bo_slot;    /**< internal: O(1) lookup */
	uint8_t kind;	     /**< enum gmc_addr_kind */
	uint8_t mem_type;    /**< enum gmc_domain the BO was in when derived */
	uint16_t pad_;
};

/** Why a cached address no longer matches (bits). */
enum gmc_stale_cause {
	GMC_CAUSE_VRAM_START = 1u << 0,	      /**< gmc.vram_start moved */
	GMC_CAUSE_GART_START = 1u << 1,	      /**< gmc.gart_start moved */
	GMC_CAUSE_VRAM_BASE_OFFSET = 1u << 2, /**< vm_manager.vram_base_offset moved */
	GMC_CAUSE_FB_APERTURE = 1u << 3,      /**< fb_start or the XGMI node offset moved */
	GMC_CAUSE_BAR = 1u << 4,	      /**< the VRAM BAR moved */
	GMC_CAUSE_BO_MOVED = 1u << 5,	      /**< the BO itself was placed elsewhere */
	GMC_CAUSE_BO_FREED = 1u << 6,	      /**< the BO was released: use after free */
	GMC_CAUSE_BO_EVICTED = 1u << 7,	      /**< the BO is not resident; no address exists */
};

/** The outcome of gmc_addr_check(). */
struct gmc_addr_status {
	bool stale;	     /**< value differs from what the driver computes now */
	bool fresh_valid;    /**< @c fresh holds a value (false when freed/evicted) */
	uint64_t cached;     /**< the value checked */
	uint64_t fresh;	     /**< what the driver would compute now */
	unsigned causes;     /**< enum gmc_stale_cause bits, 0 when not stale */
	uint64_t generation; /**< generation the value was derived in */
};

/**
 * An untracked address: a plain number with no provenance, as a zeroed
 * field or a value from outside the model.
 *
 * @param value the number
 * @return the address, by value; gmc_addr_check() of it reports -EINVAL
 */
GMC_EXPORT struct gmc_addr gmc_addr_untracked(uint64_t value);

/**
 * An address @p offset bytes past @p a, as driver code forms "addr + off".
 *
 * @param a      a held address, tracked or not
 * @param offset bytes to add (u64 arithmetic, wrapping)
 * @return the sum, by value, still tracked to the same BO and derivation
 */
GMC_EXPORT struct gmc_addr gmc_addr_plus(struct gmc_addr a, uint64_t offset);

/**
 * Whether @p a carries provenance.
 *
 * @param a an address
 * @return true unless its kind is GMC_ADDR_NONE
 */
GMC_EXPORT bool gmc_addr_is_tracked(const struct gmc_addr *a);

/**
 * Compare a held address with what the driver would compute now, in O(1).
 * A const call: it reports by errno only, not as the device's last error.
 *
 * @param dev the device the address came from
 * @param a   the held (possibly copied or offset) address
 * @param[out] st the verdict, fresh value and causes
 * @retval 0 checked; @p st filled
 * @retval -EINVAL @p a is untracked
 */
GMC_EXPORT int gmc_addr_check(const struct gmc_dev *dev, const struct gmc_addr *a,
			      struct gmc_addr_status *st);

/**
 * gmc_addr_check() against @p layout instead of the device's own: what a
 * driver that knew @p layout would compute for the BO now. A simulator
 * uses it to compare the driver's cached view with the hardware's truth
 * after a swap the driver has not noticed.
 *
 * @param dev    the device the address came from (its BOs and BAR)
 * @param layout the layout to compute with (not kept)
 * @param a      the held address
 * @param[out] st the verdict, fresh value and causes; untouched on failure
 * @retval 0 checked
 * @retval -EINVAL @p a is untracked or @p layout is NULL
 */
GMC_EXPORT int gmc_addr_check_with(const struct gmc_dev *dev, const struct gmc_layout *layout,
				   const struct gmc_addr *a, struct gmc_addr_status *st);

/**
 * amdgpu_gmc_vram_mc2pa() applied to a held MC address with the device's
 * current vram_start and vram_base_offset, as driver code does when it
 * converts a cached MC address. The result is tracked: a stale input gives
 * a stale physical address.
 *
 * @param dev the device whose current layout converts
 * @param mc  a tracked MC address
 * @param[out] pa the physical address, tracked; untouched on failure
 * @retval 0 done
 * @retval -EINVAL @p mc is not a tracked MC address
 */
GMC_EXPORT int gmc_addr_mc2pa(const struct gmc_dev *dev, const struct gmc_addr *mc,
			      struct gmc_addr *pa);

/**
 * A sentence fragment for one cause.
 *
 * @param cause a single enum gmc_stale_cause bit
 * @return e.g. "vram_start moved", a static string; NULL when @p cause is
 *         not exactly one known bit
 */
GMC_EXPORT const char *gmc_cause_name(unsigned cause);

/**
 * The name of an address kind.
 *
 * @param kind an address kind
 * @return "mc", "pa", "fb_aper", "cpu", or "none" (also for an unknown
 *         value); a static string
 */
GMC_EXPORT const char *gmc_addr_kind_name(enum gmc_addr_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* GMC_ADDR_H */
