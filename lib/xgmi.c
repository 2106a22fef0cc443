/* SPDX-License-Identifier: MIT */
/*
 * get_xgmi_info() of gfxhub_v1_1 (Vega20, Arcturus, Aldebaran) and
 * gfxhub_v1_2 (GC 9.4.3 and later): gmc-address-math.md §2.
 */
#include "gmc-private.h"

GMC_EXPORT int
gmc_xgmi_info(const struct gmc_asic *asic, const struct gmc_regs *regs, bool connected_to_cpu,
	      struct gmc_xgmi *out, struct gmc_error *err)
{
	struct gmc_xgmi x = { 0 };
	struct gmc_reg_fields f;

	if (!asic || !regs || !out)
		return gmc_error_set(err, -EINVAL, "gmc_xgmi_info: NULL argument");

	if (!asic->xgmi) {
		*out = x; /* xgmi.supported is false: nothing is read */
		return 0;
	}

	gmc_regs_decode(asic, regs, &f);
	x.supported = true;
	/* the driver's flag: read from the SMU on Aldebaran only, false elsewhere */
	x.connected_to_cpu = connected_to_cpu && asic->xgmi->reads_cpu_link;

	/* PF_MAX_REGION == 0 means XGMI is disabled, unless the GPU is linked to the CPU. */
	if (f.max_region != 0 || x.connected_to_cpu) {
		unsigned nodes = f.max_region + 1;

		if (nodes > asic->xgmi->max_nodes)
			return gmc_error_set(err, -EINVAL,
					     "PF_MAX_REGION %u means %u XGMI nodes, more than the "
					     "maximum %u for %s",
					     f.max_region, nodes, asic->xgmi->max_nodes,
					     asic->name);
		if (f.lfb_region > asic->xgmi->max_id)
			return gmc_error_set(err, -EINVAL,
					     "physical node id %u exceeds the maximum %u for %s",
					     f.lfb_region, asic->xgmi->max_id, asic->name);
		x.num_physical_nodes = nodes;
		x.physical_node_id = f.lfb_region;
		x.node_segment_size = (uint64_t)f.lfb_size << GMC_REG_UNIT_SHIFT;
	}
	*out = x;
	return 0;
}

GMC_EXPORT uint64_t
gmc_xgmi_node_offset(const struct gmc_xgmi *xgmi)
{
	if (!xgmi)
		return 0;
	return (uint64_t)xgmi->physical_node_id * xgmi->node_segment_size;
}
