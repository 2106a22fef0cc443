/* SPDX-License-Identifier: MIT */
/*
 * The part, registers and driver parameters of a layout, read the same way
 * from a vGPU profile (docs/profiles.md) and a `gmcsim layout --batch` line:
 * same ranges, same messages, same errno. Where the two formats differ, a
 * flag of enum sim_params_flags says so and why.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "sim-params.h"
#include "util.h"

static int
read_part(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	struct sim_params_in *in = target;
	struct gmc_error lib_err = { 0 };
	char text[GMCSIM_NAME_MAX], q[GMCSIM_SAFE_BUF];
	int rc;

	if (in->part_key)
		return gmcsim_json_fail(js, -EINVAL, path, "give either 'gc' or 'asic', not both");
	in->part_key = key->key;
	rc = gmcsim_json_string(js, path, val, GMCSIM_JSON_NAME, text, sizeof(text));
	if (rc)
		return rc;
	/* "gc" takes a dotted version only; gmc_asic_find() would also take a name */
	if (strcmp(key->key, "gc") == 0 && text[strspn(text, "0123456789.")] != '\0')
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not a GC version like \"9.4.4\"",
					gmcsim_safe_text(text, q, sizeof(q)));
	if (gmc_asic_find(text, &in->asic, &lib_err))
		return gmcsim_json_fail(js, -EINVAL, path, "%s", lib_err.message);
	return 0;
}

static int
read_vram_size(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	       struct json_object *val, void *target)
{
	struct sim_params_in *in = target;
	struct gmc_error lib_err = { 0 };
	uint64_t v;
	int rc = gmcsim_json_u64(js, path, val, UINT64_MAX, &v);

	if (rc)
		return rc;
	/* libgmc's rule (RCC_CONFIG_MEMSIZE counts MiB in 32 bits): layout flags say the same */
	rc = gmc_vram_size_check(v, &lib_err);
	if (rc)
		return gmcsim_json_fail(js, rc, "", "%s", lib_err.message);
	in->params.vram_size = v;
	in->have_vram_size = true;
	return 0;
}

static int
read_visible(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	     struct json_object *val, void *target)
{
	struct sim_params_in *in = target;

	/* "all": the BAR covers all of VRAM (GMC_VISIBLE_ALL) */
	if (json_object_is_type(val, json_type_string) &&
	    strcmp(json_object_get_string(val), "all") == 0 &&
	    json_object_get_string_len(val) == 3) {
		in->params.visible_vram_size = GMC_VISIBLE_ALL;
	} else {
		int rc = gmcsim_json_u64(js, path, val, UINT64_MAX, &in->params.visible_vram_size);

		if (rc)
			return rc;
	}
	in->have_visible = true;
	return 0;
}

static int
read_smu(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	 struct json_object *val, void *target)
{
	struct sim_params_in *in = target;
	/* adev->pm.smu_prv_buffer_size is a u32 in bytes */
	uint64_t max = in->flags & SIM_PARAMS_SMU_64 ? UINT64_MAX : UINT32_MAX;
	int rc = gmcsim_json_u64(js, path, val, max, &in->smu_bytes);

	if (rc)
		return rc;
	in->params.smu_prv_buffer_size = (uint32_t)in->smu_bytes;
	in->have_smu = true;
	return 0;
}

/* MMIO registers are 32 bits wide; the keys are spelled as gmc_reg_name() spells them. */
static const struct gmcsim_json_key reg_key_list[] = {
	GMCSIM_JSON_UINT("fb_location_base", struct gmc_regs, value[GMC_REG_FB_LOCATION_BASE],
			 UINT32_MAX, 0),
	GMCSIM_JSON_UINT("fb_location_top", struct gmc_regs, value[GMC_REG_FB_LOCATION_TOP],
			 UINT32_MAX, 0),
	GMCSIM_JSON_UINT("fb_offset", struct gmc_regs, value[GMC_REG_FB_OFFSET], UINT32_MAX, 0),
	GMCSIM_JSON_UINT("xgmi_lfb_cntl", struct gmc_regs, value[GMC_REG_XGMI_LFB_CNTL], UINT32_MAX,
			 0),
	GMCSIM_JSON_UINT("xgmi_lfb_size", struct gmc_regs, value[GMC_REG_XGMI_LFB_SIZE], UINT32_MAX,
			 0),
};

static const struct gmcsim_json_keys reg_keys = GMCSIM_JSON_KEYS(reg_key_list);

static const struct gmcsim_json_key part_key_list[] = {
	GMCSIM_JSON_CUSTOM("gc", read_part, 0),
	GMCSIM_JSON_CUSTOM("asic", read_part, 0),
};

static const struct gmcsim_json_key device_key_list[] = {
	GMCSIM_JSON_CUSTOM("vram_size", read_vram_size, 0),
	GMCSIM_JSON_BOOL("sriov", struct sim_params_in, params.sriov, 0),
	GMCSIM_JSON_BOOL("connected_to_cpu", struct sim_params_in, params.connected_to_cpu, 0),
	GMCSIM_JSON_OBJECT("regs", struct sim_params_in, regs, &reg_keys, 0),
};

/*
 * amdgpu.gart_size and amdgpu.agp are ints (the driver enables AGP on 1
 * only), amdgpu.vramlimit and amdgpu.vis_vramlimit uints (MiB; UINT_MAX and 0
 * are none, gmc-address-math.md §4.1).
 */
static const struct gmcsim_json_key driver_key_list[] = {
	GMCSIM_JSON_CUSTOM("visible_vram_size", read_visible, 0),
	GMCSIM_JSON_INT("gart_size_mb", struct sim_params_in, params.gart_size_mb, 0),
	GMCSIM_JSON_INT("agp", struct sim_params_in, params.agp, 0),
	GMCSIM_JSON_UINT("vramlimit_mb", struct sim_params_in, params.vramlimit_mb, UINT32_MAX, 0),
	GMCSIM_JSON_UINT("vis_vramlimit_mb", struct sim_params_in, params.vis_vramlimit_mb,
			 UINT32_MAX, 0),
	GMCSIM_JSON_CUSTOM("smu_prv_buffer_size", read_smu, 0),
	GMCSIM_JSON_BOOL("pre_6_17", struct sim_params_in, params.pre_6_17, 0),
};

const struct gmcsim_json_keys sim_params_part_keys = GMCSIM_JSON_KEYS(part_key_list);
const struct gmcsim_json_keys sim_params_device_keys = GMCSIM_JSON_KEYS(device_key_list);
const struct gmcsim_json_keys sim_params_driver_keys = GMCSIM_JSON_KEYS(driver_key_list);

int
sim_params_check(struct gmcsim_json *js, struct sim_params_in *in)
{
	static const enum gmc_reg xgmi_regs[] = { GMC_REG_XGMI_LFB_CNTL, GMC_REG_XGMI_LFB_SIZE };
	struct gmc_xgmi xgmi;

	if (!in->part_key)
		return gmcsim_json_fail(js, -EINVAL, "", "missing key 'gc' (or 'asic'): the part");
	/* the driver never reads XGMI registers on these parts (§2): a value there is a mistake */
	for (size_t i = 0; i < sizeof(xgmi_regs) / sizeof(xgmi_regs[0]); i++) {
		char path[GMCSIM_JSON_PATH_MAX];

		if ((in->flags & SIM_PARAMS_UNREAD_XGMI_REGS) || gmc_asic_has_xgmi(in->asic) ||
		    !in->regs.value[xgmi_regs[i]])
			continue;
		return gmcsim_json_fail(js, -EINVAL,
					gmcsim_json_path_key(path, sizeof(path), "regs",
							     gmc_reg_name(xgmi_regs[i])),
					"must be 0: the driver reads no XGMI registers on %s",
					gmc_asic_name(in->asic));
	}
	if (!in->have_vram_size) {
		/* the driver's refusal of the XGMI registers comes first, as it does */
		int rc = gmc_xgmi_info(in->asic, &in->regs, in->params.connected_to_cpu, &xgmi,
				       js->err);

		if (rc)
			return rc;
		return gmcsim_json_fail(js, -EINVAL, "", "missing key 'vram_size'");
	}
	return 0;
}
