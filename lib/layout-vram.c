/* SPDX-License-Identifier: MIT */
/* amdgpu_gmc_vram_location(): gmc-address-math.md §4.1. */
#include "gmc-private.h"

void
gmc_layout_vram_location(struct gmc_layout *l, uint64_t base, const struct gmc_params *p)
{
	/* Module parameters are MiB; vramlimit defaults to UINT_MAX ("no limit"). */
	uint64_t limit = (uint64_t)p->vramlimit_mb << 20;
	uint64_t vis_limit = (uint64_t)p->vis_vramlimit_mb << 20;

	l->vram_start = base;
	l->vram_end = base + l->mc_vram_size - 1;
	if (limit < l->real_vram_size)
		l->real_vram_size = limit;
	if (vis_limit && vis_limit < l->visible_vram_size)
		l->visible_vram_size = vis_limit;
	if (l->real_vram_size < l->visible_vram_size)
		l->visible_vram_size = l->real_vram_size;

	/* In a hive fb_start/fb_end keep the hive-wide window read from the registers. */
	if (l->xgmi.num_physical_nodes == 0) {
		l->fb_start = l->vram_start;
		l->fb_end = l->vram_end;
	}
}
