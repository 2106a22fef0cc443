/* SPDX-License-Identifier: MIT */
/*
 * The `gmcsim layout` request and how one --batch input line fills it,
 * through the one JSON reader (util-json-read.h) and the reader of the part,
 * registers and parameters that profiles use too (sim-params.h): every key
 * is checked for type and range, and an unknown key is an error.
 */
#include <errno.h>
#include <stdlib.h>

#include "sim-layout.h"
#include "sim-params.h"
#include "util-json-read.h"

void
gmcsim_layout_req_init(struct gmcsim_layout_req *req)
{
	*req = (struct gmcsim_layout_req){ 0 };
	gmc_params_init(&req->params);
}

void
gmcsim_layout_req_fini(struct gmcsim_layout_req *req)
{
	free(req->bo_offsets);
	gmcsim_layout_req_init(req);
}

void
gmcsim_layout_req_set_smu(struct gmcsim_layout_req *req, uint64_t bytes)
{
	req->smu_prv_buffer_size = bytes;
	/* adev->pm.smu_prv_buffer_size is a u32: the driver keeps the low bits */
	req->params.smu_prv_buffer_size = (uint32_t)bytes;
}

int
gmcsim_layout_req_add_bo(struct gmcsim_layout_req *req, uint64_t offset)
{
	if (req->n_bo == req->cap_bo) {
		size_t cap = req->cap_bo ? req->cap_bo * 2 : 4;
		uint64_t *bo;

		if (cap > SIZE_MAX / sizeof(*bo))
			return -ENOMEM;
		bo = realloc(req->bo_offsets, cap * sizeof(*bo));
		if (!bo)
			return -ENOMEM;
		req->bo_offsets = bo;
		req->cap_bo = cap;
	}
	req->bo_offsets[req->n_bo++] = offset;
	return 0;
}

void
gmcsim_layout_req_clear_bos(struct gmcsim_layout_req *req)
{
	req->n_bo = 0;
}

static int
read_bo_offset(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	       void *ctx)
{
	uint64_t off;
	int rc = gmcsim_json_u64(js, path, val, UINT64_MAX, &off);

	if (rc == 0 && gmcsim_layout_req_add_bo(ctx, off))
		return gmcsim_json_fail(js, -ENOMEM, path, "out of memory");
	return rc;
}

static int
read_bo_offsets(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		struct json_object *val, void *target)
{
	/* the line's list replaces any other (the CLI's --bo-offset flags do the same) */
	gmcsim_layout_req_clear_bos(target);
	return gmcsim_json_each(js, path, val, "byte offsets", SIZE_MAX, read_bo_offset, target);
}

/* A batch line's own key; the part, registers and parameters are sim-params.c's. */
static const struct gmcsim_json_key line_key_list[] = {
	GMCSIM_JSON_CUSTOM("bo_offsets", read_bo_offsets, 0),
};

static const struct gmcsim_json_keys line_keys = {
	line_key_list,
	sizeof(line_key_list) / sizeof(line_key_list[0]),
	"see 'gmcsim layout --help' for the input keys",
};

int
gmcsim_layout_req_from_json(struct gmcsim_layout_req *req, struct json_object *in,
			    struct gmc_error *err)
{
	struct gmcsim_json js = { .err = err };
	/* a batch line takes raw values: byte counts, 64-bit smu, unread XGMI registers */
	struct sim_params_in pin = {
		.asic = req->asic,
		.regs = req->regs,
		.params = req->params,
		.flags = SIM_PARAMS_SMU_64 | SIM_PARAMS_UNREAD_XGMI_REGS,
	};
	const struct gmcsim_json_part parts[] = {
		{ &line_keys, req },
		{ &sim_params_part_keys, &pin },
		{ &sim_params_device_keys, &pin },
		{ &sim_params_driver_keys, &pin },
	};
	int rc = gmcsim_json_walk_parts(&js, "", in, parts, sizeof(parts) / sizeof(parts[0]));

	if (rc == 0)
		rc = sim_params_check(&js, &pin);
	req->asic = pin.asic;
	req->regs = pin.regs;
	req->params = pin.params;
	if (pin.have_smu)
		gmcsim_layout_req_set_smu(req, pin.smu_bytes);
	req->have_vram_size = pin.have_vram_size;
	return rc;
}

int
gmcsim_layout_parse_line(struct json_tokener *tok, const char *line, size_t len,
			 struct json_object **out, struct gmc_error *err)
{
	struct gmcsim_json js = { .err = err };

	return gmcsim_json_parse(&js, tok, line, len, "the line", out);
}
