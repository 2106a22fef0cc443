/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-convert.h
 * Address conversions over a layout: a BO's MC address, its physical
 * address (mc2pa), its FB-aperture address, GART and AGP addresses, and
 * the PDE address check.
 */
#ifndef GMC_CONVERT_H
#define GMC_CONVERT_H

#include <gmc/gmc-layout.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Start of the 48-bit VA hole (AMDGPU_GMC_HOLE_START). */
#define GMC_HOLE_START UINT64_C(0x0000800000000000)
/** CPU page size of the modelled x86-64 host (TTM offsets are in these pages). */
#define GMC_PAGE_SIZE UINT64_C(4096)
/** PTE/PDE flag bits the PDE conversion looks at (amdgpu_vm.h). */
#define GMC_PTE_SYSTEM (UINT64_C(1) << 1)
#define GMC_PDE_PTE (UINT64_C(1) << 54)
#define GMC_PDE_PTE_GFX12 (UINT64_C(1) << 63)

/**
 * amdgpu_gmc_sign_extend(): addresses at or above the hole get bits 63:48 set.
 *
 * @param addr an MC address
 * @return @p addr, sign-extended from bit 47 when it is >= GMC_HOLE_START
 */
GMC_EXPORT uint64_t gmc_sign_extend(uint64_t addr);

/**
 * MC address of VRAM at byte @p offset (amdgpu_bo_gpu_offset() of a VRAM BO).
 *
 * @param layout the layout (not kept)
 * @param offset bytes into VRAM
 * @return vram_start + @p offset, sign-extended
 */
GMC_EXPORT uint64_t gmc_vram_mc_addr(const struct gmc_layout *layout, uint64_t offset);

/**
 * MC address of GART at byte @p offset (amdgpu_bo_gpu_offset() of a GTT BO
 * outside AGP).
 *
 * @param layout the layout (not kept)
 * @param offset bytes into the GART aperture
 * @return gart_start + @p offset, sign-extended
 */
GMC_EXPORT uint64_t gmc_gart_mc_addr(const struct gmc_layout *layout, uint64_t offset);

/**
 * amdgpu_gmc_vram_mc2pa(): the physical VRAM address of an MC address.
 *
 * @param layout the layout (not kept)
 * @param mc     an MC address in VRAM
 * @return mc - vram_start + vram_base_offset, wrapping like the driver's u64
 */
GMC_EXPORT uint64_t gmc_mc2pa(const struct gmc_layout *layout, uint64_t mc);

/**
 * amdgpu_bo_fb_aper_addr(): the FB-aperture MC address of VRAM at @p offset.
 *
 * @param layout the layout (not kept)
 * @param offset bytes into this node's VRAM
 * @return fb_start + gmc_xgmi_node_offset() + @p offset, sign-extended
 */
GMC_EXPORT uint64_t gmc_fb_aper_addr(const struct gmc_layout *layout, uint64_t offset);

/** The three addresses of one VRAM BO. */
struct gmc_bo_addrs {
	uint64_t offset;  /**< byte offset in VRAM (TTM resource start << PAGE_SHIFT) */
	uint64_t mc;	  /**< amdgpu_bo_gpu_offset() */
	uint64_t pa;	  /**< amdgpu_gmc_vram_pa() */
	uint64_t fb_aper; /**< amdgpu_bo_fb_aper_addr() */
};

/**
 * All addresses of a VRAM BO at @p offset.
 *
 * @param layout the layout (not kept)
 * @param offset the BO's byte offset in VRAM
 * @param[out] out the offset and its MC, physical and FB-aperture addresses;
 *             untouched on failure
 * @param err    optional failure report
 * @retval 0 done
 * @retval -EINVAL @p offset is not a multiple of the 4 KiB page (a TTM
 *         offset always is)
 */
GMC_EXPORT int gmc_vram_bo_addrs(const struct gmc_layout *layout, uint64_t offset,
				 struct gmc_bo_addrs *out, struct gmc_error *err);

/**
 * amdgpu_gmc_agp_addr() for a single-page uncached GTT BO at DMA address
 * @p dma_addr.
 *
 * @param layout   the layout (not kept)
 * @param dma_addr the page's DMA address
 * @param[out] out the AGP address; untouched on failure
 * @retval 0 @p out holds agp_start + dma_addr
 * @retval -ENOENT AGP is disabled, or the page is not inside the window
 *         (the driver then falls back to the GART address)
 */
GMC_EXPORT int gmc_agp_addr(const struct gmc_layout *layout, uint64_t dma_addr, uint64_t *out);

/**
 * gmc_vX_0_get_vm_pde()'s address step: unless @p flags mark a PTE or a
 * system page, @p addr is an MC address and becomes mc2pa(addr); the result
 * must fit 48 bits and be 64-byte aligned (the driver BUG_ONs otherwise).
 *
 * @param layout the layout (not kept); gmc v12 tests GMC_PDE_PTE_GFX12
 * @param addr   the address handed to get_vm_pde()
 * @param flags  the PDE/PTE flags (GMC_PDE_PTE, GMC_PTE_SYSTEM, …)
 * @param[out] out the PDE address; untouched on failure
 * @param err    optional failure report
 * @retval 0 @p out holds the PDE address
 * @retval -EINVAL the address would trip the driver's BUG_ON
 */
GMC_EXPORT int gmc_pde_addr(const struct gmc_layout *layout, uint64_t addr, uint64_t flags,
			    uint64_t *out, struct gmc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* GMC_CONVERT_H */
