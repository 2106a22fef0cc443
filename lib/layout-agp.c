/* SPDX-License-Identifier: MIT */
/* amdgpu_gmc_agp_location() and amdgpu_gmc_set_agp_default(): gmc-address-math.md §4.4. */
#include "gmc-private.h"

void
gmc_layout_agp_default(struct gmc_layout *l)
{
	l->agp_start = GMC_AGP_DISABLED_START;
	l->agp_end = 0;
	l->agp_size = 0;
}

void
gmc_layout_agp_location(struct gmc_layout *l)
{
	const uint64_t mask = ~(GMC_SZ_16G - 1);
	uint64_t size_bf, size_af;

	if (l->fb_start > l->gart_start) {
		size_bf = (l->fb_start & mask) - gmc_align_up(l->gart_end + 1, GMC_SZ_16G);
		/* mc_mask + 1, not hole-limited, as the driver has it */
		size_af = l->mc_mask + 1 - gmc_align_up(l->fb_end + 1, GMC_SZ_16G);
	} else {
		size_bf = l->fb_start & mask;
		size_af = (l->gart_start & mask) - gmc_align_up(l->fb_end + 1, GMC_SZ_16G);
	}

	if (size_bf > size_af) {
		l->agp_start = (l->fb_start - size_bf) & mask;
		l->agp_size = size_bf;
	} else {
		l->agp_start = gmc_align_up(l->fb_end + 1, GMC_SZ_16G);
		l->agp_size = size_af;
	}
	l->agp_end = l->agp_start + l->agp_size - 1;
	l->flags |= GMC_LAYOUT_AGP_ENABLED;
}
