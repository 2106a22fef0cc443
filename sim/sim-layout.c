/* SPDX-License-Identifier: MIT */
/* One layout request through libgmc: the layout, then each BO's addresses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim-layout.h"
#include "util.h"

/*
 * The driver never computes these addresses: its VRAM manager hands out
 * offsets below real_vram_size only (amdgpu_vram_mgr.c:
 * amdgpu_vram_mgr_init() sizes the buddy allocator with it), so a larger
 * offset is the user's, and its addresses are arithmetic, not the driver's.
 */
static void
note_bo_range(struct gmcsim_layout_result *r, size_t i)
{
	const struct gmc_layout *l = &r->layout;
	uint64_t offset = r->bo[i].offset;

	if (offset >= l->real_vram_size) {
		if (!r->n_past_vram++)
			r->first_past_vram = i;
		r->warnings |= GMCSIM_WARN_BO_PAST_VRAM;
	}
	/* vram_start + offset leaving the MC space wraps or sign-extends */
	if (offset > l->mc_mask || l->vram_start > l->mc_mask - offset) {
		if (!r->n_above_mc++)
			r->first_above_mc = i;
		r->warnings |= GMCSIM_WARN_BO_ABOVE_MC;
	}
}

int
gmcsim_layout_run(const struct gmcsim_layout_req *req, struct gmcsim_layout_result *res,
		  struct gmc_error *err)
{
	struct gmcsim_layout_result r = { 0 };
	int rc;

	if (!req->asic)
		return gmcsim_fail(err, -EINVAL, "no ASIC given");
	rc = gmc_layout_compute(req->asic, &req->regs, &req->params, &r.layout, err);
	if (rc)
		return rc;

	if (req->n_bo) {
		r.bo = calloc(req->n_bo, sizeof(*r.bo));
		if (!r.bo)
			return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < req->n_bo; i++) {
		rc = gmc_vram_bo_addrs(&r.layout, req->bo_offsets[i], &r.bo[i], err);
		if (rc) {
			free(r.bo);
			return rc;
		}
		note_bo_range(&r, i);
	}
	r.n_bo = req->n_bo;

	if (r.layout.flags & GMC_LAYOUT_GART_LIMITED)
		r.warnings |= GMCSIM_WARN_GART_LIMITED;
	if (req->smu_prv_buffer_size > UINT32_MAX)
		r.warnings |= GMCSIM_WARN_SMU_TRUNCATED;
	if (req->params.connected_to_cpu && !r.layout.xgmi.connected_to_cpu)
		r.warnings |= GMCSIM_WARN_CPU_IGNORED;
	if (req->params.agp < -1 || req->params.agp > 1)
		r.warnings |= GMCSIM_WARN_AGP_OFF;
	r.smu_prv_buffer_size = req->smu_prv_buffer_size;
	r.agp = req->params.agp;
	*res = r;
	return 0;
}

void
gmcsim_layout_result_fini(struct gmcsim_layout_result *res)
{
	free(res->bo);
	*res = (struct gmcsim_layout_result){ 0 };
}
