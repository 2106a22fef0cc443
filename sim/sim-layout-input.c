/* SPDX-License-Identifier: MIT */
/*
 * The `gmcsim layout` request and how one --batch input object fills it:
 * every key is checked for type and range, and an unknown key is an error.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim-layout.h"
#include "util.h"

/* Module parameters the driver keeps as int (gart_size, agp) or uint (vramlimit…). */
#define INT32_RANGE INT32_MIN, INT32_MAX

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

struct parse_state {
	const char *part_key; /* "asic" or "gc", whichever came first */
};

typedef int (*key_parser)(struct gmcsim_layout_req *req, struct parse_state *st,
			  const char *key, struct json_object *val, struct gmc_error *err);

static int
get_u64(const char *key, struct json_object *val, uint64_t max, uint64_t *out,
	struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX];
	int rc = gmcsim_json_get_u64(val, max, out, why, sizeof(why));

	return rc ? gmcsim_fail(err, rc, "%s: %s", key, why) : 0;
}

static int
get_i32(const char *key, struct json_object *val, int32_t *out, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX];
	int64_t v;
	int rc = gmcsim_json_get_i64(val, INT32_RANGE, &v, why, sizeof(why));

	if (rc)
		return gmcsim_fail(err, rc, "%s: %s", key, why);
	*out = (int32_t)v;
	return 0;
}

static int
get_bool(const char *key, struct json_object *val, bool *out, struct gmc_error *err)
{
	if (!json_object_is_type(val, json_type_boolean))
		return gmcsim_fail(err, -EINVAL, "%s: expected true or false, not %s", key,
			    json_type_to_name(json_object_get_type(val)));
	*out = json_object_get_boolean(val);
	return 0;
}

static int
parse_part(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	   struct json_object *val, struct gmc_error *err)
{
	struct gmc_error lib_err = { 0 };
	const char *text;
	int rc;

	if (st->part_key)
		return gmcsim_fail(err, -EINVAL, "give either 'asic' or 'gc', not both");
	st->part_key = key;
	if (!json_object_is_type(val, json_type_string))
		return gmcsim_fail(err, -EINVAL, "%s: expected a string, not %s", key,
			    json_type_to_name(json_object_get_type(val)));
	text = json_object_get_string(val);
	if (strlen(text) != (size_t)json_object_get_string_len(val))
		return gmcsim_fail(err, -EINVAL, "%s: the string holds a NUL character", key);
	/* "gc" takes a dotted version only; gmc_asic_find() would also take a name */
	if (strcmp(key, "gc") == 0 && (!*text || text[strspn(text, "0123456789.")] != '\0')) {
		char q[GMCSIM_SAFE_BUF];

		return gmcsim_fail(err, -EINVAL, "gc: '%s' is not a GC version like \"9.4.0\"",
			    gmcsim_safe_text(text, q, sizeof(q)));
	}
	rc = gmc_asic_find(text, &req->asic, &lib_err);
	if (rc)
		return gmcsim_fail(err, rc, "%s: %s", key, lib_err.message);
	return 0;
}

static int
parse_regs(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	   struct json_object *val, struct gmc_error *err)
{
	char name[GMCSIM_SAFE_BUF + 8];
	enum gmc_reg reg;
	uint64_t v;
	int rc;

	if (!json_object_is_type(val, json_type_object))
		return gmcsim_fail(err, -EINVAL, "regs: expected an object of register values, not %s",
			    json_type_to_name(json_object_get_type(val)));
	json_object_object_foreach(val, reg_name, reg_val)
	{
		char q[GMCSIM_SAFE_BUF];

		if (gmc_reg_from_name(reg_name, &reg) != 0)
			return gmcsim_fail(err, -EINVAL,
				    "regs: unknown register '%s' (known: fb_location_base, "
				    "fb_location_top, fb_offset, xgmi_lfb_cntl, xgmi_lfb_size)",
				    gmcsim_safe_text(reg_name, q, sizeof(q)));
		/* registers are 32 bits wide: anything wider is not a register value */
		snprintf(name, sizeof(name), "regs.%s", reg_name);
		rc = get_u64(name, reg_val, UINT32_MAX, &v, err);
		if (rc)
			return rc;
		req->regs.value[reg] = (uint32_t)v;
	}
	return 0;
}

static int
parse_vram_size(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		struct json_object *val, struct gmc_error *err)
{
	req->have_vram_size = true;
	return get_u64(key, val, UINT64_MAX, &req->params.vram_size, err);
}

static int
parse_visible(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	      struct json_object *val, struct gmc_error *err)
{
	return get_u64(key, val, UINT64_MAX, &req->params.visible_vram_size, err);
}

static int
parse_gart_size(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		struct json_object *val, struct gmc_error *err)
{
	return get_i32(key, val, &req->params.gart_size_mb, err);
}

static int
parse_agp(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	  struct json_object *val, struct gmc_error *err)
{
	/* amdgpu.agp is an int with no range check; only 1 enables AGP */
	return get_i32(key, val, &req->params.agp, err);
}

static int
parse_u32_param(const char *key, struct json_object *val, uint32_t *out, struct gmc_error *err)
{
	uint64_t v;
	int rc = get_u64(key, val, UINT32_MAX, &v, err);

	if (rc == 0)
		*out = (uint32_t)v;
	return rc;
}

static int
parse_vramlimit(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		struct json_object *val, struct gmc_error *err)
{
	return parse_u32_param(key, val, &req->params.vramlimit_mb, err);
}

static int
parse_vis_vramlimit(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		    struct json_object *val, struct gmc_error *err)
{
	return parse_u32_param(key, val, &req->params.vis_vramlimit_mb, err);
}

static int
parse_smu(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	  struct json_object *val, struct gmc_error *err)
{
	uint64_t v;
	int rc = get_u64(key, val, UINT64_MAX, &v, err);

	if (rc == 0)
		gmcsim_layout_req_set_smu(req, v);
	return rc;
}

static int
parse_sriov(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
	    struct json_object *val, struct gmc_error *err)
{
	return get_bool(key, val, &req->params.sriov, err);
}

static int
parse_connected_to_cpu(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		       struct json_object *val, struct gmc_error *err)
{
	return get_bool(key, val, &req->params.connected_to_cpu, err);
}

static int
parse_bo_offsets(struct gmcsim_layout_req *req, struct parse_state *st, const char *key,
		 struct json_object *val, struct gmc_error *err)
{
	size_t n;

	if (!json_object_is_type(val, json_type_array))
		return gmcsim_fail(err, -EINVAL, "bo_offsets: expected an array of byte offsets, not %s",
			    json_type_to_name(json_object_get_type(val)));
	n = json_object_array_length(val);
	gmcsim_layout_req_clear_bos(req);
	for (size_t i = 0; i < n; i++) {
		char name[sizeof("bo_offsets[]") + 20]; /* 20 digits: SIZE_MAX */
		uint64_t off;
		int rc;

		snprintf(name, sizeof(name), "bo_offsets[%zu]", i);
		rc = get_u64(name, json_object_array_get_idx(val, i), UINT64_MAX, &off, err);
		if (rc)
			return rc;
		if (gmcsim_layout_req_add_bo(req, off))
			return gmcsim_fail(err, -ENOMEM, "bo_offsets: out of memory");
	}
	return 0;
}

static const struct {
	const char *key;
	key_parser parse;
} parsers[] = {
	{ "asic", parse_part },
	{ "gc", parse_part },
	{ "regs", parse_regs },
	{ "vram_size", parse_vram_size },
	{ "visible_vram_size", parse_visible },
	{ "gart_size_mb", parse_gart_size },
	{ "agp", parse_agp },
	{ "vramlimit_mb", parse_vramlimit },
	{ "vis_vramlimit_mb", parse_vis_vramlimit },
	{ "smu_prv_buffer_size", parse_smu },
	{ "sriov", parse_sriov },
	{ "connected_to_cpu", parse_connected_to_cpu },
	{ "bo_offsets", parse_bo_offsets },
};

static key_parser
find_parser(const char *key)
{
	for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
		if (strcmp(parsers[i].key, key) == 0)
			return parsers[i].parse;
	}
	return NULL;
}

int
gmcsim_layout_req_from_json(struct gmcsim_layout_req *req, struct json_object *in,
			    struct gmc_error *err)
{
	struct parse_state st = { 0 };
	int rc;

	if (!json_object_is_type(in, json_type_object))
		return gmcsim_fail(err, -EINVAL, "expected a JSON object, not %s",
			    json_type_to_name(json_object_get_type(in)));
	json_object_object_foreach(in, key, val)
	{
		key_parser parse = find_parser(key);
		char q[GMCSIM_SAFE_BUF];

		if (!parse)
			return gmcsim_fail(err, -EINVAL,
				    "unknown key '%s' (see 'gmcsim layout --help' for the "
				    "input keys)",
				    gmcsim_safe_text(key, q, sizeof(q)));
		rc = parse(req, &st, key, val, err);
		if (rc)
			return rc;
	}
	if (!req->asic)
		return gmcsim_fail(err, -EINVAL, "one of 'asic' or 'gc' is required");
	if (!req->have_vram_size) {
		struct gmc_xgmi xgmi;

		/*
		 * amdgpu_device_init() reads the XGMI info, and fails on it, before
		 * mc_init() reads memsize: report the driver's refusal first, as the
		 * reference vectors expect for inputs without vram_size.
		 */
		rc = gmc_xgmi_info(req->asic, &req->regs, req->params.connected_to_cpu, &xgmi, err);
		if (rc)
			return rc;
		return gmcsim_fail(err, -EINVAL, "'vram_size' is required");
	}
	return 0;
}

/* Parse one input line (without its newline) into a JSON value. */
int
gmcsim_layout_parse_line(struct json_tokener *tok, const char *line, size_t len,
			 struct json_object **out, struct gmc_error *err)
{
	enum json_tokener_error jerr;
	struct json_object *in;

	if (memchr(line, '\0', len))
		return gmcsim_fail(err, -EINVAL, "the line holds a NUL byte");
	if (strspn(line, " \t\r") == len)
		return gmcsim_fail(err, -EINVAL, "blank line; each line must hold one JSON object");
	/* json-c takes an int length; the +1 hands it the NUL, so "42" ends there */
	if (len >= INT_MAX)
		return gmcsim_fail(err, -E2BIG, "the line is longer than %d bytes", INT_MAX - 1);

	json_tokener_reset(tok);
	in = json_tokener_parse_ex(tok, line, (int)len + 1);
	jerr = json_tokener_get_error(tok);
	if (!in && jerr == json_tokener_success) {
		/* a lone "null" */
		return gmcsim_fail(err, -EINVAL, "expected a JSON object, not null");
	}
	if (jerr != json_tokener_success) {
		json_object_put(in);
		return gmcsim_fail(err, -EINVAL, "not valid JSON: %s at column %zu",
				  json_tokener_error_desc(jerr),
				  json_tokener_get_parse_end(tok) + 1);
	}
	if (json_tokener_get_parse_end(tok) < len) {
		json_object_put(in);
		return gmcsim_fail(err, -EINVAL, "text after the JSON value at column %zu",
				  json_tokener_get_parse_end(tok) + 1);
	}
	*out = in;
	return 0;
}
