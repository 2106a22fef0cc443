/* SPDX-License-Identifier: MIT */
/* Address conversions over a layout: gmc-address-math.md §7. */
#include "gmc-private.h"

/* Bits a PDE address may not have: above 48 bits, or below 64-byte alignment. */
#define GMC_PDE_ADDR_BAD_BITS UINT64_C(0xffff00000000003f)
#define GMC_SIGN_EXTEND_BITS UINT64_C(0xffff800000000000)

GMC_EXPORT uint64_t
gmc_sign_extend(uint64_t addr)
{
	return addr >= GMC_HOLE_START ? addr | GMC_SIGN_EXTEND_BITS : addr;
}

GMC_EXPORT uint64_t
gmc_vram_mc_addr(const struct gmc_layout *l, uint64_t offset)
{
	/* amdgpu_ttm_domain_start(VRAM) is vram_start */
	return gmc_sign_extend(l->vram_start + offset);
}

GMC_EXPORT uint64_t
gmc_gart_mc_addr(const struct gmc_layout *l, uint64_t offset)
{
	return gmc_sign_extend(l->gart_start + offset);
}

GMC_EXPORT uint64_t
gmc_mc2pa(const struct gmc_layout *l, uint64_t mc)
{
	return mc - l->vram_start + l->vram_base_offset;
}

GMC_EXPORT uint64_t
gmc_fb_aper_addr(const struct gmc_layout *l, uint64_t offset)
{
	/* reads the cached fb_start, not the register (upstream-history.md §3) */
	return gmc_sign_extend(l->fb_start + gmc_xgmi_node_offset(&l->xgmi) + offset);
}

GMC_EXPORT int
gmc_vram_bo_addrs(const struct gmc_layout *l, uint64_t offset, struct gmc_bo_addrs *out,
		  struct gmc_error *err)
{
	if (offset % GMC_PAGE_SIZE)
		return gmc_error_set(err, -EINVAL,
				     "BO offset 0x%llx is not a multiple of the 4 KiB page",
				     (unsigned long long)offset);
	out->offset = offset;
	out->mc = gmc_vram_mc_addr(l, offset);
	out->pa = gmc_mc2pa(l, out->mc);
	out->fb_aper = gmc_fb_aper_addr(l, offset);
	return 0;
}

GMC_EXPORT int
gmc_agp_addr(const struct gmc_layout *l, uint64_t dma_addr, uint64_t *out)
{
	/* only a page that ends strictly inside the window is served by AGP */
	if (l->agp_size == 0 || dma_addr + GMC_PAGE_SIZE < dma_addr ||
	    dma_addr + GMC_PAGE_SIZE >= l->agp_size)
		return -ENOENT;
	*out = l->agp_start + dma_addr;
	return 0;
}

GMC_EXPORT int
gmc_pde_addr(const struct gmc_layout *l, uint64_t addr, uint64_t flags, uint64_t *out,
	     struct gmc_error *err)
{
	/* gmc_v12_0_get_vm_pde() tests the GFX12 PTE bit instead of bit 54 */
	uint64_t pte_bit =
		l->asic && gmc_asic_gmc_version(l->asic) == 12 ? GMC_PDE_PTE_GFX12 : GMC_PDE_PTE;

	if (!(flags & (pte_bit | GMC_PTE_SYSTEM)))
		addr = gmc_mc2pa(l, addr);
	if (addr & GMC_PDE_ADDR_BAD_BITS)
		return gmc_error_set(err, -EINVAL,
				     "PDE address 0x%llx is above 48 bits or not 64-byte aligned "
				     "(the driver would BUG_ON)",
				     (unsigned long long)addr);
	*out = addr;
	return 0;
}
