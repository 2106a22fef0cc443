/* SPDX-License-Identifier: MIT */
/* amdgpu_gmc_gart_location(): gmc-address-math.md §4.3. */
#include "gmc-private.h"

void
gmc_layout_gart_location(struct gmc_layout *l, enum gmc_gart_placement placement)
{
	/* GART stays below the 48-bit hole even though mc_mask allows more. */
	const uint64_t max_mc = l->mc_mask < GMC_HOLE_START - 1 ? l->mc_mask : GMC_HOLE_START - 1;
	uint64_t size_bf = l->fb_start;
	uint64_t size_af = max_mc + 1 - gmc_align_up(l->fb_end + 1, GMC_SZ_4G);
	uint64_t room = gmc_max_u64(size_bf, size_af);

	if (l->gart_size > room) {
		l->flags |= GMC_LAYOUT_GART_LIMITED; /* the driver warns "limiting GART" */
		l->gart_size = room;
	}

	switch (placement) {
	case GMC_GART_HIGH:
		l->gart_start = max_mc - l->gart_size + 1;
		break;
	case GMC_GART_LOW:
		l->gart_start = 0;
		break;
	case GMC_GART_BEST_FIT:
	default:
		if ((size_bf >= l->gart_size && size_bf < size_af) || size_af < l->gart_size)
			l->gart_start = 0;
		else
			l->gart_start = max_mc - l->gart_size + 1;
		break;
	}

	/* "VCE doesn't like it when BOs cross a 4GB segment": round down. */
	l->gart_start &= ~(GMC_SZ_4G - 1);
	l->gart_end = l->gart_start + l->gart_size - 1;
}
