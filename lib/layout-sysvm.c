/* SPDX-License-Identifier: MIT */
/*
 * amdgpu_gmc_sysvm_location(): VMID0 page tables (PDB0) translate the FB
 * too. gmc-address-math.md §4.2; the migrate variant is upstream commit
 * 2f405eb45c55 (upstream-history.md §2).
 */
#include "gmc-private.h"

void
gmc_layout_sysvm_location(struct gmc_layout *l, bool migrate, bool align_gart)
{
	const uint64_t seg = l->xgmi.node_segment_size;
	const uint64_t hive_vram_end = seg * l->xgmi.num_physical_nodes - 1;

	l->vram_start = gmc_xgmi_node_offset(&l->xgmi);
	l->vram_end = l->vram_start + seg - 1;
	/*
	 * 4 GiB align-up since 6.17: on SR-IOV the segment size may not be
	 * 4 GiB aligned. Before, GART simply followed the hive.
	 */
	l->gart_start = align_gart ? gmc_align_up(hive_vram_end + 1, GMC_SZ_4G) : hive_vram_end + 1;
	l->gart_end = l->gart_start + l->gart_size - 1;

	if (migrate) {
		/* Hand out GART-aperture addresses that survive a node change. */
		l->vram_start = 0;
		l->vram_end = l->mc_vram_size - 1;
		if (l->visible_vram_size > l->real_vram_size)
			l->visible_vram_size = l->real_vram_size;
		/* fb_start/fb_end keep the register values */
	} else {
		l->fb_start = 0;
		l->fb_end = hive_vram_end;
	}
}
