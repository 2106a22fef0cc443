/* SPDX-License-Identifier: MIT */
/*
 * Per-part facts for the catalog's conditions, Linux 6.17 (Kingxukai/linux
 * @0291023e): IP versions from amdgpu_discovery.c (hard-coded parts and
 * amdgpu_ucode_legacy_naming) or, for discovery-table parts, the kernel's
 * Documentation/gpu/amdgpu CSV tables; display from
 * amdgpu_device.c:amdgpu_device_has_display_hardware() (true only with a
 * DCE_HWIP version: Vega10/12/20 record their DCE 12 as DCI_HWIP, so it is
 * false there); pg_flags from soc15.c/nv.c/soc21.c/soc24.c
 * *_common_early_init(); VF capability from
 * amdgpu_virt.c:amdgpu_virt_init_detect_asic(). XCC and VCN instance counts
 * are those of the whole part (SPX): one per GC instance and one VCN per AID
 * in the discovery table on GC 9.4.3/9.4.4/9.5.0.
 */
#include <errno.h>
#include <stddef.h>

#include <gmc/gmcsim.h>

#include "sim-parts.h"

#define V(a, b, c) GMC_IP_VERSION(a, b, c)
#define VCN GMCSIM_PG_VCN_DPG
#define JPEG GMCSIM_PG_JPEG_DPG
#define CODE SIM_FACT_CODE
#define DOC SIM_FACT_DOC
#define INFERRED SIM_FACT_INFERRED

/* clang-format off: one row per part, columns aligned */
static const struct sim_part_facts parts[] = {
	/* gc            mp0            mp1            vcn            jpeg           disp   vf pg
	   xcc vcn mp0 from */
	{ V(9, 0, 1), V(9, 0, 0), V(9, 0, 0), 0, 0, false, true, 0, 1, 0, CODE },
	{ V(9, 2, 1), V(9, 0, 0), V(9, 0, 0), 0, 0, false, false, 0, 1, 0, CODE },
	{ V(9, 4, 0), V(11, 0, 2), V(11, 0, 2), 0, 0, false, true, 0, 1, 0, CODE },
	{ V(9, 4, 1), V(11, 0, 4), V(11, 0, 2), V(2, 5, 0), V(2, 5, 0), false, true, VCN, 1, 2,
	  CODE },
	{ V(9, 4, 2), V(13, 0, 2), V(13, 0, 2), V(2, 6, 0), V(2, 6, 0), false, true, VCN, 1, 2,
	  CODE },
	/* Raven's VCN 1.0 carries JPEG inside it and has no VCN_DPG */
	{ V(9, 1, 0), V(10, 0, 0), V(10, 0, 0), V(1, 0, 0), 0, true, false, 0, 1, 1, CODE },
	{ V(9, 2, 2), V(10, 0, 1), V(10, 0, 1), V(1, 0, 1), 0, true, false, 0, 1, 1, CODE },
	{ V(9, 3, 0), V(12, 0, 1), V(12, 0, 1), V(2, 2, 0), V(2, 0, 0), true, false, VCN, 1, 1,
	  DOC },
	{ V(9, 4, 3), V(13, 0, 6), V(13, 0, 6), V(4, 0, 3), V(4, 0, 3), false, true, VCN, 8, 4,
	  DOC },
	/* 13.0.14: the firmware a GC 9.4.4 loads in a dmesg (catalog-audit.md §4 L1) */
	{ V(9, 4, 4), V(13, 0, 14), V(13, 0, 14), V(4, 0, 3), V(4, 0, 3), false, true, VCN, 8, 4,
	  INFERRED },
	{ V(9, 5, 0), V(13, 0, 12), V(13, 0, 12), V(5, 0, 1), V(5, 0, 1), false, true, VCN, 8, 2,
	  INFERRED },
	{ V(10, 1, 10), V(11, 0, 0), V(11, 0, 0), V(2, 0, 0), V(2, 0, 0), true, true, VCN, 1, 1,
	  CODE },
	{ V(10, 1, 1), V(11, 0, 5), V(11, 0, 5), V(2, 0, 2), V(2, 0, 0), true, false, VCN, 1, 1,
	  CODE },
	{ V(10, 1, 2), V(11, 0, 9), V(11, 0, 9), V(2, 0, 2), V(2, 0, 0), true, true, VCN, 1, 1,
	  CODE },
	{ V(10, 3, 0), V(11, 0, 7), V(11, 0, 7), V(3, 0, 0), V(3, 0, 0), true, true, VCN, 1, 1,
	  CODE },
	{ V(10, 3, 1), V(11, 5, 0), V(11, 5, 0), V(3, 0, 2), V(3, 0, 0), true, false, VCN, 1, 1,
	  CODE },
	{ V(10, 3, 2), V(11, 0, 11), V(11, 0, 11), V(3, 0, 0), V(3, 0, 0), true, false, VCN, 1, 1,
	  CODE },
	{ V(10, 3, 3), V(13, 0, 3), V(13, 0, 3), V(3, 1, 1), V(3, 0, 0), true, false, VCN, 1, 1,
	  DOC },
	{ V(10, 3, 4), V(11, 0, 12), V(11, 0, 12), V(3, 0, 16), V(3, 0, 0), true, false, VCN, 1, 1,
	  CODE },
	/* Beige Goby has no JPEG block */
	{ V(10, 3, 5), V(11, 0, 13), V(11, 0, 13), V(3, 0, 33), 0, true, false, VCN, 1, 1, CODE },
	{ V(10, 3, 6), V(13, 0, 5), V(13, 0, 5), V(3, 1, 2), V(3, 0, 0), true, true, VCN, 1, 1,
	  DOC },
	{ V(10, 3, 7), V(13, 0, 8), V(13, 0, 8), V(3, 1, 1), V(3, 0, 0), true, true, VCN, 1, 1,
	  DOC },
	{ V(11, 0, 0), V(13, 0, 0), V(13, 0, 0), V(4, 0, 0), V(4, 0, 0), true, true, VCN, 1, 1,
	  DOC },
	/* the only modelled part with JPEG DPG (soc21_common_early_init) */
	{ V(11, 5, 0), V(14, 0, 0), V(14, 0, 0), V(4, 0, 5), V(4, 0, 5), true, true, VCN | JPEG, 1,
	  1, DOC },
	{ V(12, 0, 0), V(14, 0, 2), V(14, 0, 2), V(5, 0, 0), V(5, 0, 0), true, true, VCN, 1, 1,
	  DOC },
};
/* clang-format on */

const struct sim_part_facts *
sim_part_facts(uint32_t gc)
{
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].gc == gc)
			return &parts[i];
	}
	return NULL;
}

GMCSIM_EXPORT int
gmcsim_part_defaults(const struct gmc_asic *asic, struct gmcsim_ip *ip,
		     struct gmcsim_driver *driver)
{
	const struct sim_part_facts *f;

	if (!asic || !ip || !driver)
		return -EINVAL;
	f = sim_part_facts(gmc_asic_gc(asic));
	if (!f)
		return -ENOENT;
	*ip = (struct gmcsim_ip){
		.mp0 = f->mp0,
		.mp1 = f->mp1,
		.vcn = f->vcn,
		.jpeg = f->jpeg,
		.display = f->display,
		.xcc = f->xcc,
		.vcn_inst = f->vcn_inst,
		.pg = f->pg_flags,
	};
	/* amdgpu_fw_load_type -1 picks PSP on every modelled part (amdgpu_ucode_get_load_type) */
	*driver = (struct gmcsim_driver){ .fw_load = GMCSIM_FW_PSP };
	for (unsigned i = 0; i < GMCSIM_FW_COUNT; i++)
		driver->fw[i] = GMCSIM_FW_CURRENT;
	return 0;
}
