/* SPDX-License-Identifier: MIT */
/* `gmcsim layout` reports: the JSON object and the human-readable table. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "sim-layout.h"
#include "util.h"

/* Longest warning text and the number of warning kinds (enum gmcsim_layout_warning). */
#define WARNING_MAX 192
#define N_WARNINGS 6
/* Width of the name column of the table: the longest field name plus two spaces. */
#define NAME_WIDTH 20

/* The layout's address and size fields, in the order both reports use. */
struct field {
	const char *name;
	uint64_t value;
	bool is_size;
};

#define N_FIELDS 16

static void
layout_fields(const struct gmc_layout *l, struct field f[N_FIELDS])
{
	const struct field all[N_FIELDS] = {
		{ "fb_start", l->fb_start, false },
		{ "fb_end", l->fb_end, false },
		{ "vram_start", l->vram_start, false },
		{ "vram_end", l->vram_end, false },
		{ "mc_vram_size", l->mc_vram_size, true },
		{ "real_vram_size", l->real_vram_size, true },
		{ "visible_vram_size", l->visible_vram_size, true },
		{ "gart_start", l->gart_start, false },
		{ "gart_end", l->gart_end, false },
		{ "gart_size", l->gart_size, true },
		{ "agp_start", l->agp_start, false },
		{ "agp_end", l->agp_end, false },
		{ "agp_size", l->agp_size, true },
		{ "vram_base_offset", l->vram_base_offset, false },
		{ "node_segment_size", l->xgmi.node_segment_size, true },
		{ "mc_mask", l->mc_mask, false },
	};

	memcpy(f, all, sizeof(all));
}

/* The result's warnings as sentences; returns how many. */
static size_t
warning_texts(const struct gmcsim_layout_result *res, char text[N_WARNINGS][WARNING_MAX])
{
	size_t n = 0;

	if (res->warnings & GMCSIM_WARN_GART_LIMITED)
		snprintf(text[n++], WARNING_MAX,
			 "limiting GART: the requested size does not fit beside the FB aperture, "
			 "gart_size is 0x%" PRIx64,
			 res->layout.gart_size);
	if (res->warnings & GMCSIM_WARN_SMU_TRUNCATED)
		snprintf(text[n++], WARNING_MAX,
			 "smu_prv_buffer_size 0x%" PRIx64 " does not fit the driver's u32; "
			 "its low 32 bits (0x%" PRIx32 ") are used",
			 res->smu_prv_buffer_size, (uint32_t)res->smu_prv_buffer_size);
	if ((res->warnings & GMCSIM_WARN_CPU_IGNORED) && !gmc_asic_has_xgmi(res->layout.asic))
		snprintf(text[n++], WARNING_MAX, "connected_to_cpu is ignored: %s has no XGMI",
			 gmc_asic_name(res->layout.asic));
	else if (res->warnings & GMCSIM_WARN_CPU_IGNORED)
		snprintf(text[n++], WARNING_MAX,
			 "connected_to_cpu is ignored: the driver reads it on Aldebaran "
			 "(XGMI 6.1.0) only, not on %s",
			 gmc_asic_name(res->layout.asic));
	if (res->warnings & GMCSIM_WARN_AGP_OFF)
		snprintf(
			text[n++], WARNING_MAX,
			"agp %d is not -1, 0 or 1: the driver enables AGP only for 1, so it is off",
			res->agp);
	if (res->warnings & GMCSIM_WARN_BO_PAST_VRAM)
		snprintf(text[n++], WARNING_MAX,
			 "BO offset 0x%" PRIx64
			 "%s is past the end of VRAM (real_vram_size 0x%" PRIx64
			 "): the driver never places a BO there",
			 res->bo[res->first_past_vram].offset,
			 res->n_past_vram > 1 ? " (and others)" : "", res->layout.real_vram_size);
	if (res->warnings & GMCSIM_WARN_BO_ABOVE_MC)
		snprintf(text[n++], WARNING_MAX,
			 "BO offset 0x%" PRIx64 "%s puts its MC address above the MC space "
			 "(mc_mask 0x%" PRIx64 "): the addresses shown wrapped",
			 res->bo[res->first_above_mc].offset,
			 res->n_above_mc > 1 ? " (and others)" : "", res->layout.mc_mask);
	return n;
}

static struct json_object *
bo_json(const struct gmc_bo_addrs *bo)
{
	struct json_object *o = json_object_new_object();
	bool failed = false;

	failed |= gmcsim_json_add(o, "offset", gmcsim_json_hex(bo->offset)) != 0;
	failed |= gmcsim_json_add(o, "mc", gmcsim_json_hex(bo->mc)) != 0;
	failed |= gmcsim_json_add(o, "pa", gmcsim_json_hex(bo->pa)) != 0;
	failed |= gmcsim_json_add(o, "fb_aper", gmcsim_json_hex(bo->fb_aper)) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

struct json_object *
gmcsim_layout_result_json(const struct gmcsim_layout_result *res, bool with_line, uint64_t line)
{
	const struct gmc_layout *l = &res->layout;
	struct json_object *o = json_object_new_object();
	struct json_object *bos = json_object_new_array();
	char warnings[N_WARNINGS][WARNING_MAX];
	size_t n_warnings = warning_texts(res, warnings);
	struct field fields[N_FIELDS];
	char gc[16];
	bool failed = false;

	if (with_line)
		failed |= gmcsim_json_add(o, "line", json_object_new_uint64(line)) != 0;
	failed |= gmcsim_json_add(o, "ok", json_object_new_boolean(1)) != 0;
	failed |= gmcsim_json_add(o, "asic", json_object_new_string(gmc_asic_name(l->asic))) != 0;
	gmc_asic_gc_string(l->asic, gc, sizeof(gc));
	failed |= gmcsim_json_add(o, "gc", json_object_new_string(gc)) != 0;
	failed |= gmcsim_json_add(o, "gmc", json_object_new_int64(gmc_asic_gmc_version(l->asic))) !=
		  0;
	failed |= gmcsim_json_add(o, "mode", json_object_new_string(gmc_mode_name(l->mode))) != 0;
	failed |= gmcsim_json_add(o, "physical_node_id",
				  json_object_new_int64(l->xgmi.physical_node_id)) != 0;
	failed |= gmcsim_json_add(o, "num_physical_nodes",
				  json_object_new_int64(l->xgmi.num_physical_nodes)) != 0;
	layout_fields(l, fields);
	for (size_t i = 0; i < N_FIELDS; i++)
		failed |= gmcsim_json_add(o, fields[i].name, gmcsim_json_hex(fields[i].value)) != 0;
	for (size_t i = 0; i < res->n_bo; i++)
		failed |= gmcsim_json_append(bos, bo_json(&res->bo[i])) != 0;
	failed |= gmcsim_json_add(o, "bo", bos) != 0;
	if (n_warnings) {
		struct json_object *w = json_object_new_array();

		for (size_t i = 0; i < n_warnings; i++)
			failed |= gmcsim_json_append(w, json_object_new_string(warnings[i])) != 0;
		failed |= gmcsim_json_add(o, "warnings", w) != 0;
	}
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

struct json_object *
gmcsim_layout_error_json(const struct gmc_error *err, bool with_line, uint64_t line)
{
	struct json_object *o = json_object_new_object();
	bool failed = false;

	if (with_line)
		failed |= gmcsim_json_add(o, "line", json_object_new_uint64(line)) != 0;
	failed |= gmcsim_json_add(o, "ok", json_object_new_boolean(0)) != 0;
	failed |=
		gmcsim_json_add(o, "error", json_object_new_string(gmc_errno_name(err->code))) != 0;
	failed |= gmcsim_json_add(o, "message", json_object_new_string(err->message)) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static void
print_xgmi(FILE *out, const struct gmc_layout *l)
{
	char size[32];

	if (!l->xgmi.supported) {
		fprintf(out, "XGMI not supported on %s\n", gmc_asic_name(l->asic));
		return;
	}
	if (l->xgmi.num_physical_nodes == 0) {
		fprintf(out, "XGMI off (PF_MAX_REGION is 0)\n");
		return;
	}
	fprintf(out, "XGMI node %u of %u, segment 0x%016" PRIx64 " (%s)%s\n",
		l->xgmi.physical_node_id, l->xgmi.num_physical_nodes, l->xgmi.node_segment_size,
		gmcsim_size_str(l->xgmi.node_segment_size, size, sizeof(size)),
		l->xgmi.connected_to_cpu ? ", connected to the CPU" : "");
}

int
gmcsim_layout_result_print(FILE *out, const struct gmcsim_layout_result *res)
{
	const struct gmc_layout *l = &res->layout;
	char warnings[N_WARNINGS][WARNING_MAX];
	size_t n_warnings = warning_texts(res, warnings);
	struct field fields[N_FIELDS];
	char gc[16], size[32];

	fprintf(out, "ASIC %s, GC %s, gmc v%u, mode %s\n", gmc_asic_name(l->asic),
		gmc_asic_gc_string(l->asic, gc, sizeof(gc)), gmc_asic_gmc_version(l->asic),
		gmc_mode_name(l->mode));
	print_xgmi(out, l);
	fputc('\n', out);

	layout_fields(l, fields);
	for (size_t i = 0; i < N_FIELDS; i++) {
		bool agp_off = strcmp(fields[i].name, "agp_size") == 0 &&
			       !(l->flags & GMC_LAYOUT_AGP_ENABLED);

		fprintf(out, "%-*s0x%016" PRIx64, NAME_WIDTH, fields[i].name, fields[i].value);
		if (fields[i].is_size)
			fprintf(out, "  (%s%s)",
				gmcsim_size_str(fields[i].value, size, sizeof(size)),
				agp_off ? ", AGP disabled" : "");
		fputc('\n', out);
	}

	fputc('\n', out);
	if (res->n_bo == 0) {
		fprintf(out, "BOs: none (add --bo-offset)\n");
	} else {
		fprintf(out, "%-20s%-20s%-20s%s\n", "BO offset", "mc", "pa", "fb_aper");
		for (size_t i = 0; i < res->n_bo; i++) {
			const struct gmc_bo_addrs *bo = &res->bo[i];

			fprintf(out,
				"0x%016" PRIx64 "  0x%016" PRIx64 "  0x%016" PRIx64
				"  0x%016" PRIx64 "\n",
				bo->offset, bo->mc, bo->pa, bo->fb_aper);
		}
	}
	for (size_t i = 0; i < n_warnings; i++)
		fprintf(out, "warning: %s\n", warnings[i]);
	return ferror(out) ? -EIO : 0;
}
