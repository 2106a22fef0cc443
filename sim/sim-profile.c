/* SPDX-License-Identifier: MIT */
/*
 * vGPU profiles: the JSON format of docs/profiles.md, parsed strictly (an
 * unknown key, a wrong type or an out-of-range value is an error naming the
 * key), serialized so that parse(to_json(p)) == p, loaded from a file or
 * from the built-ins that sim/embed.py compiles in from sim/profiles/NAME.json.
 * Built-ins go through the same parser as a user's file.
 *
 * What a profile holds is what can differ between two vGPUs
 * (upstream-history.md §1): the BARs, the sysfs identity values, the XGMI
 * node id (MC_VM_XGMI_LFB_CNTL) and mc_fb_offset (MC_VM_FB_OFFSET).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "sim-embed.h"
#include "sim-names.h"
#include "util.h"

/* VRAM size is RCC_CONFIG_MEMSIZE, a 32-bit register counting MiB (peers-and-pci.md §2.3). */
#define MEMSIZE_UNIT (UINT64_C(1) << 20)
#define VRAM_SIZE_MAX ((uint64_t)UINT32_MAX * MEMSIZE_UNIT)
/* The smallest memory BAR the PCI spec allows: 16 bytes. */
#define BAR_SIZE_MIN 16u
/* A 32-bit BAR decodes below 4 GiB. */
#define BAR32_LIMIT (UINT64_C(1) << 32)
/* json-c's default nesting limit; a profile is four levels deep. */
#define JSON_DEPTH_MAX 32
/* Longest key path an error names, e.g. "pci.bars[5].prefetchable". */
#define PATH_MAX_LEN 96

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/* Everything wrong with a profile's text is -EINVAL; only allocation failures differ. */
static int
malformed(int rc)
{
	return rc == -ENOMEM ? -ENOMEM : -EINVAL;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

struct parser {
	struct gmc_error *err;
	struct gmcsim_profile p;
	const char *part_key; /* "gc" or "asic", whichever was given */
	bool have_name, have_vram_size, have_visible, have_pci, have_vf;
};

/* Handles one key of an object; @target is the struct the object fills. */
typedef int (*key_fn)(struct parser *ps, const char *path, struct json_object *val,
		      void *target);

struct key_entry {
	const char *key;
	key_fn parse;
};

static const char *
child_path(char *buf, size_t len, const char *parent, const char *key)
{
	if (parent && *parent)
		snprintf(buf, len, "%s.%s", parent, key);
	else
		snprintf(buf, len, "%s", key);
	return buf;
}

static int
type_error(struct parser *ps, const char *path, const char *want, struct json_object *val)
{
	return gmcsim_fail(ps->err, -EINVAL, "%s: expected %s, not %s", path, want,
		    json_type_to_name(json_object_get_type(val)));
}

static int
get_u64(struct parser *ps, const char *path, struct json_object *val, uint64_t max,
	uint64_t *out)
{
	char why[GMCSIM_WHY_MAX];
	int rc = gmcsim_json_get_u64(val, max, out, why, sizeof(why));

	return rc ? gmcsim_fail(ps->err, malformed(rc), "%s: %s", path, why) : 0;
}

static int
get_u32(struct parser *ps, const char *path, struct json_object *val, uint32_t max,
	uint32_t *out)
{
	uint64_t v;
	int rc = get_u64(ps, path, val, max, &v);

	if (rc == 0)
		*out = (uint32_t)v;
	return rc;
}

static int
get_i32(struct parser *ps, const char *path, struct json_object *val, int32_t min, int32_t max,
	int32_t *out)
{
	char why[GMCSIM_WHY_MAX];
	int64_t v;
	int rc = gmcsim_json_get_i64(val, min, max, &v, why, sizeof(why));

	if (rc)
		return gmcsim_fail(ps->err, malformed(rc), "%s: %s", path, why);
	*out = (int32_t)v;
	return 0;
}

static int
get_bool(struct parser *ps, const char *path, struct json_object *val, bool *out)
{
	if (!json_object_is_type(val, json_type_boolean))
		return type_error(ps, path, "true or false", val);
	*out = json_object_get_boolean(val);
	return 0;
}

/* Which bytes a string may hold. */
enum charset {
	CHARS_NAME,      /* letters, digits, '.', '_', '-': a name on a command line */
	CHARS_PRINTABLE, /* printable ASCII: a sysfs value */
	CHARS_TEXT,      /* anything but control characters (UTF-8 passes) */
};

static bool
char_ok(unsigned char c, enum charset set)
{
	switch (set) {
	case CHARS_NAME:
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		       c == '.' || c == '_' || c == '-';
	case CHARS_PRINTABLE:
		return c >= 0x20 && c < 0x7f;
	case CHARS_TEXT:
	default:
		return c >= 0x20 && c != 0x7f;
	}
}

/* A string of at most @size - 1 bytes from @set, copied into @out[@size]. */
static int
get_string(struct parser *ps, const char *path, struct json_object *val, enum charset set,
	   char *out, size_t size)
{
	const char *s;
	size_t len;

	if (!json_object_is_type(val, json_type_string))
		return type_error(ps, path, "a string", val);
	s = json_object_get_string(val);
	len = (size_t)json_object_get_string_len(val);
	if (strlen(s) != len)
		return gmcsim_fail(ps->err, -EINVAL, "%s: the string holds a NUL character", path);
	if (len >= size)
		return gmcsim_fail(ps->err, -EINVAL, "%s: %zu bytes is too long (at most %zu)", path, len,
			    size - 1);
	for (size_t i = 0; i < len; i++) {
		if (!char_ok((unsigned char)s[i], set))
			return gmcsim_fail(ps->err, -EINVAL, "%s: character %zu (0x%02x) is not allowed%s",
				    path, i + 1, (unsigned char)s[i],
				    set == CHARS_NAME ? " (use letters, digits, '.', '_' and '-')"
						      : " (control characters are refused)");
	}
	memcpy(out, s, len + 1);
	return 0;
}

/* The keys of @tab as "a, b, c" for an unknown-key message. */
static void
key_list(const struct key_entry *tab, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", tab[i].key);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Parse every key of the object @obj with @tab; an unknown key is an error. */
static int
walk(struct parser *ps, const char *path, struct json_object *obj, const struct key_entry *tab,
     size_t n, void *target)
{
	if (!json_object_is_type(obj, json_type_object))
		return type_error(ps, *path ? path : "the profile", "an object", obj);

	json_object_object_foreach(obj, key, val)
	{
		char sub[PATH_MAX_LEN];
		key_fn parse = NULL;
		int rc;

		for (size_t i = 0; i < n && !parse; i++) {
			if (strcmp(tab[i].key, key) == 0)
				parse = tab[i].parse;
		}
		if (!parse) {
			char q[GMCSIM_SAFE_BUF], known[GMC_ERROR_MSG_MAX];

			key_list(tab, n, known, sizeof(known));
			return gmcsim_fail(ps->err, -EINVAL, "%s%sunknown key '%s' (known: %s)", path,
				    *path ? ": " : "", gmcsim_safe_text(key, q, sizeof(q)), known);
		}
		rc = parse(ps, child_path(sub, sizeof(sub), path, key), val, target);
		if (rc)
			return rc;
	}
	return 0;
}

/* --- top level --- */

static int
parse_name(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	int rc = get_string(ps, path, val, CHARS_NAME, ps->p.name, sizeof(ps->p.name));

	if (rc == 0 && !ps->p.name[0])
		return gmcsim_fail(ps->err, -EINVAL, "%s: must not be empty", path);
	ps->have_name = rc == 0;
	return rc;
}

static int
parse_description(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_string(ps, path, val, CHARS_TEXT, ps->p.description,
			  sizeof(ps->p.description));
}

static int
parse_part(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	char text[GMCSIM_NAME_MAX], q[GMCSIM_SAFE_BUF];
	struct gmc_error lib_err = { 0 };
	int rc;

	if (ps->part_key)
		return gmcsim_fail(ps->err, -EINVAL, "%s: give either 'gc' or 'asic', not both", path);
	ps->part_key = strcmp(path, "gc") == 0 ? "gc" : "asic";
	rc = get_string(ps, path, val, CHARS_NAME, text, sizeof(text));
	if (rc)
		return rc;
	/* "gc" takes a dotted version only; gmc_asic_find() would also take a name */
	if (strcmp(path, "gc") == 0 && (!*text || text[strspn(text, "0123456789.")] != '\0'))
		return gmcsim_fail(ps->err, -EINVAL, "gc: '%s' is not a GC version like \"9.4.4\"",
			    gmcsim_safe_text(text, q, sizeof(q)));
	rc = gmc_asic_find(text, &ps->p.asic, &lib_err);
	if (rc)
		return gmcsim_fail(ps->err, -EINVAL, "%s: %s", path, lib_err.message);
	return 0;
}

static int
parse_sriov(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_bool(ps, path, val, &ps->p.params.sriov);
}

static int
parse_connected_to_cpu(struct parser *ps, const char *path, struct json_object *val,
		       void *target)
{
	return get_bool(ps, path, val, &ps->p.params.connected_to_cpu);
}

static int
parse_vram_size(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	uint64_t v;
	int rc = get_u64(ps, path, val, VRAM_SIZE_MAX, &v);

	if (rc)
		return rc;
	if (v % MEMSIZE_UNIT)
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s: 0x%" PRIx64 " is not a whole number of MiB (the driver reads "
			    "the VRAM size in MiB)",
			    path, v);
	ps->p.params.vram_size = v;
	ps->have_vram_size = true;
	return 0;
}

/* --- params --- */

static int
parse_visible(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* "all": the BAR covers all of VRAM (GMC_VISIBLE_ALL) */
	if (json_object_is_type(val, json_type_string) &&
	    strcmp(json_object_get_string(val), "all") == 0 &&
	    json_object_get_string_len(val) == 3) {
		ps->p.params.visible_vram_size = GMC_VISIBLE_ALL;
	} else {
		int rc = get_u64(ps, path, val, UINT64_MAX, &ps->p.params.visible_vram_size);

		if (rc)
			return rc;
	}
	ps->have_visible = true;
	return 0;
}

static int
parse_gart_size(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* amdgpu.gart_size is an int (MiB); -1 is the per-ASIC default */
	return get_i32(ps, path, val, INT32_MIN, INT32_MAX, &ps->p.params.gart_size_mb);
}

static int
parse_agp(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* amdgpu.agp: -1 auto, 0 off, 1 on (amdgpu_drv.c, gmc-address-math.md §4.4) */
	return get_i32(ps, path, val, -1, 1, &ps->p.params.agp);
}

static int
parse_vramlimit(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* amdgpu.vramlimit is a uint (MiB); UINT_MAX = none (§4.1) */
	return get_u32(ps, path, val, UINT32_MAX, &ps->p.params.vramlimit_mb);
}

static int
parse_vis_vramlimit(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_u32(ps, path, val, UINT32_MAX, &ps->p.params.vis_vramlimit_mb);
}

static int
parse_smu(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* adev->pm.smu_prv_buffer_size is a u32 in bytes */
	return get_u32(ps, path, val, UINT32_MAX, &ps->p.params.smu_prv_buffer_size);
}

static int
parse_pre_6_17(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_bool(ps, path, val, &ps->p.params.pre_6_17);
}

static const struct key_entry params_keys[] = {
	{ "visible_vram_size", parse_visible },
	{ "gart_size_mb", parse_gart_size },
	{ "agp", parse_agp },
	{ "vramlimit_mb", parse_vramlimit },
	{ "vis_vramlimit_mb", parse_vis_vramlimit },
	{ "smu_prv_buffer_size", parse_smu },
	{ "pre_6_17", parse_pre_6_17 },
};

static int
parse_params(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return walk(ps, path, val, params_keys, sizeof(params_keys) / sizeof(params_keys[0]),
		    NULL);
}

/* --- regs --- */

static int
parse_regs(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	if (!json_object_is_type(val, json_type_object))
		return type_error(ps, path, "an object of register values", val);

	json_object_object_foreach(val, name, reg_val)
	{
		char sub[PATH_MAX_LEN], q[GMCSIM_SAFE_BUF];
		enum gmc_reg reg;
		int rc;

		if (gmc_reg_from_name(name, &reg) != 0)
			return gmcsim_fail(ps->err, -EINVAL,
				    "%s: unknown key '%s' (known: fb_location_base, "
				    "fb_location_top, fb_offset, xgmi_lfb_cntl, xgmi_lfb_size)",
				    path, gmcsim_safe_text(name, q, sizeof(q)));
		/* MMIO registers are 32 bits wide */
		rc = get_u32(ps, child_path(sub, sizeof(sub), path, name), reg_val, UINT32_MAX,
			     &ps->p.regs.value[reg]);
		if (rc)
			return rc;
	}
	return 0;
}

/* --- pci --- */

static int
parse_u16_field(struct parser *ps, const char *path, struct json_object *val, uint16_t *out)
{
	uint32_t v;
	/* PCI vendor, device and subsystem ids are 16 bits (config space 0x00..0x2f) */
	int rc = get_u32(ps, path, val, UINT16_MAX, &v);

	if (rc == 0)
		*out = (uint16_t)v;
	return rc;
}

static int
parse_vendor(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return parse_u16_field(ps, path, val, &ps->p.pci.vendor);
}

static int
parse_device(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return parse_u16_field(ps, path, val, &ps->p.pci.device);
}

static int
parse_subsystem_vendor(struct parser *ps, const char *path, struct json_object *val,
		       void *target)
{
	return parse_u16_field(ps, path, val, &ps->p.pci.subsystem_vendor);
}

static int
parse_subsystem_device(struct parser *ps, const char *path, struct json_object *val,
		       void *target)
{
	return parse_u16_field(ps, path, val, &ps->p.pci.subsystem_device);
}

static int
parse_revision(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	uint32_t v;
	/* the revision id is one config-space byte */
	int rc = get_u32(ps, path, val, UINT8_MAX, &v);

	if (rc == 0)
		ps->p.pci.revision = (uint8_t)v;
	return rc;
}

static bool
is_hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/*
 * "DDDD:BB:DD.F" as sysfs names a function: a 4..8 hex digit domain, a bus
 * byte, a 5-bit device and a 3-bit function.
 */
static bool
bus_ok(const char *s)
{
	size_t len = strlen(s), dom = len >= 8 ? len - 8 : 0;
	unsigned dev;

	if (len < 12 || len > 16 || !is_hex_run(s, dom))
		return false;
	s += dom;
	if (s[0] != ':' || !is_hex_run(s + 1, 2) || s[3] != ':' || !is_hex_run(s + 4, 2) ||
	    s[6] != '.' || s[7] < '0' || s[7] > '7' || s[8] != '\0')
		return false;
	dev = (unsigned)strtoul(s + 4, NULL, 16);
	return dev <= 0x1f;
}

static int
parse_bus(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	char q[GMCSIM_SAFE_BUF];
	int rc = get_string(ps, path, val, CHARS_PRINTABLE, ps->p.pci.bus, sizeof(ps->p.pci.bus));

	if (rc)
		return rc;
	if (ps->p.pci.bus[0] && !bus_ok(ps->p.pci.bus))
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s: '%s' is not a PCI address like \"0000:43:00.0\" (domain:bus:"
			    "device.function, device <= 1f, function <= 7)",
			    path, gmcsim_safe_text(ps->p.pci.bus, q, sizeof(q)));
	return 0;
}

static int
parse_vf(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	ps->have_vf = true;
	return get_bool(ps, path, val, &ps->p.pci.is_vf);
}

struct bar_state {
	struct gmcsim_bar *bar;
	bool have_index, have_role, have_address, have_size;
};

static int
parse_bar_index(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	struct bar_state *b = target;
	uint32_t v;
	/* a type-0 header has six BARs, sysfs resource0..resource5 */
	int rc = get_u32(ps, path, val, GMCSIM_MAX_BARS - 1, &v);

	if (rc == 0) {
		b->bar->index = v;
		b->have_index = true;
	}
	return rc;
}

static int
parse_bar_role(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	struct bar_state *b = target;
	char q[GMCSIM_SAFE_BUF];

	if (!json_object_is_type(val, json_type_string))
		return type_error(ps, path, "a string (vram, doorbell, mmio or other)", val);
	for (size_t i = 0; i < SIM_BAR_ROLE_COUNT; i++) {
		if (strcmp(json_object_get_string(val), sim_bar_role_names[i]) == 0 &&
		    (size_t)json_object_get_string_len(val) == strlen(sim_bar_role_names[i])) {
			b->bar->role = (enum gmcsim_bar_role)i;
			b->have_role = true;
			return 0;
		}
	}
	return gmcsim_fail(ps->err, -EINVAL, "%s: '%s' is not a BAR role (vram, doorbell, mmio or other)",
		    path, gmcsim_safe_text(json_object_get_string(val), q, sizeof(q)));
}

static int
parse_bar_address(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	struct bar_state *b = target;

	b->have_address = true;
	return get_u64(ps, path, val, UINT64_MAX, &b->bar->address);
}

static int
parse_bar_size(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	struct bar_state *b = target;

	b->have_size = true;
	return get_u64(ps, path, val, UINT64_MAX, &b->bar->size);
}

static int
parse_bar_is_64(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	struct bar_state *b = target;

	return get_bool(ps, path, val, &b->bar->is_64);
}

static int
parse_bar_prefetchable(struct parser *ps, const char *path, struct json_object *val,
		       void *target)
{
	struct bar_state *b = target;

	return get_bool(ps, path, val, &b->bar->prefetchable);
}

static const struct key_entry bar_keys[] = {
	{ "index", parse_bar_index },
	{ "role", parse_bar_role },
	{ "address", parse_bar_address },
	{ "size", parse_bar_size },
	{ "is_64", parse_bar_is_64 },
	{ "prefetchable", parse_bar_prefetchable },
};

/* One BAR on its own: required keys, a power-of-two size, an aligned address. */
static int
check_bar(struct parser *ps, const char *path, const struct bar_state *b)
{
	const struct gmcsim_bar *bar = b->bar;

	if (!b->have_index)
		return gmcsim_fail(ps->err, -EINVAL, "%s.index: required", path);
	if (!b->have_role)
		return gmcsim_fail(ps->err, -EINVAL, "%s.role: required", path);
	if (!b->have_address)
		return gmcsim_fail(ps->err, -EINVAL, "%s.address: required", path);
	if (!b->have_size)
		return gmcsim_fail(ps->err, -EINVAL, "%s.size: required", path);
	/* BARs decode naturally aligned power-of-two windows (PCI spec, BAR sizing) */
	if (bar->size < BAR_SIZE_MIN || (bar->size & (bar->size - 1)))
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s.size: 0x%" PRIx64 " is not a BAR size (a power of two, at least "
			    "16 bytes)",
			    path, bar->size);
	if (bar->address & (bar->size - 1))
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s.address: 0x%" PRIx64 " is not aligned to the BAR size 0x%" PRIx64,
			    path, bar->address, bar->size);
	if (bar->address > UINT64_MAX - (bar->size - 1))
		return gmcsim_fail(ps->err, -EINVAL, "%s.address: the BAR runs past 2^64", path);
	if (!bar->is_64 && bar->address + bar->size > BAR32_LIMIT)
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s.address: a 32-bit BAR must end below 4 GiB (0x%" PRIx64
			    " + 0x%" PRIx64 ")",
			    path, bar->address, bar->size);
	/* a 64-bit BAR takes its index and the next one (sysfs numbering) */
	if (bar->is_64 && bar->index + 1 >= GMCSIM_MAX_BARS)
		return gmcsim_fail(ps->err, -EINVAL,
			    "%s.index: a 64-bit BAR takes two slots, so its index is at most %d",
			    path, GMCSIM_MAX_BARS - 2);
	return 0;
}

/* Two BARs must not share a slot, and one BAR at most is the VRAM aperture. */
static int
check_bar_set(struct parser *ps, const char *path, const struct gmcsim_pci *pci, size_t last)
{
	const struct gmcsim_bar *b = &pci->bars[last];

	for (size_t i = 0; i < last; i++) {
		const struct gmcsim_bar *o = &pci->bars[i];
		unsigned b_end = b->index + (b->is_64 ? 1u : 0u);
		unsigned o_end = o->index + (o->is_64 ? 1u : 0u);

		if (b->index <= o_end && o->index <= b_end)
			return gmcsim_fail(ps->err, -EINVAL,
				    "%s[%zu].index: BAR %u overlaps BAR %u of entry %zu (a 64-bit "
				    "BAR takes two slots)",
				    path, last, b->index, o->index, i);
		if (b->role == GMCSIM_BAR_VRAM && o->role == GMCSIM_BAR_VRAM)
			return gmcsim_fail(ps->err, -EINVAL,
				    "%s[%zu].role: entry %zu is already the VRAM BAR", path, last,
				    i);
	}
	return 0;
}

static int
parse_bars(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	size_t n;

	if (!json_object_is_type(val, json_type_array))
		return type_error(ps, path, "an array of BARs", val);
	n = json_object_array_length(val);
	if (n > GMCSIM_MAX_BARS)
		return gmcsim_fail(ps->err, -EINVAL, "%s: %zu BARs; a PCI function has at most %d", path,
			    n, GMCSIM_MAX_BARS);
	ps->p.pci.n_bars = 0;
	for (size_t i = 0; i < n; i++) {
		struct gmcsim_bar *bar = &ps->p.pci.bars[i];
		struct bar_state b = { .bar = bar };
		char sub[PATH_MAX_LEN];
		int rc;

		memset(bar, 0, sizeof(*bar));
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		rc = walk(ps, sub, json_object_array_get_idx(val, i), bar_keys,
			  sizeof(bar_keys) / sizeof(bar_keys[0]), &b);
		if (rc == 0)
			rc = check_bar(ps, sub, &b);
		if (rc == 0)
			rc = check_bar_set(ps, path, &ps->p.pci, i);
		if (rc)
			return rc;
		ps->p.pci.n_bars = (unsigned)(i + 1);
	}
	return 0;
}

static int
parse_msix_address(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_u64(ps, path, val, UINT64_MAX, &ps->p.pci.msix_address);
}

static int
parse_msix_data(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	/* MSI-X table entry: message data is a dword */
	return get_u32(ps, path, val, UINT32_MAX, &ps->p.pci.msix_data);
}

static const struct key_entry msix_keys[] = {
	{ "address", parse_msix_address },
	{ "data", parse_msix_data },
};

static int
parse_msix(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return walk(ps, path, val, msix_keys, sizeof(msix_keys) / sizeof(msix_keys[0]), NULL);
}

static const struct key_entry pci_keys[] = {
	{ "vendor", parse_vendor },
	{ "device", parse_device },
	{ "revision", parse_revision },
	{ "subsystem_vendor", parse_subsystem_vendor },
	{ "subsystem_device", parse_subsystem_device },
	{ "bus", parse_bus },
	{ "vf", parse_vf },
	{ "bars", parse_bars },
	{ "msix", parse_msix },
};

static int
parse_pci(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	ps->have_pci = true;
	return walk(ps, path, val, pci_keys, sizeof(pci_keys) / sizeof(pci_keys[0]), NULL);
}

/* --- identity --- */

static int
parse_serial(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_string(ps, path, val, CHARS_PRINTABLE, ps->p.identity.serial_number,
			  sizeof(ps->p.identity.serial_number));
}

static int
parse_unique_id(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_string(ps, path, val, CHARS_PRINTABLE, ps->p.identity.unique_id,
			  sizeof(ps->p.identity.unique_id));
}

static int
parse_xgmi_device_id(struct parser *ps, const char *path, struct json_object *val,
		     void *target)
{
	return get_string(ps, path, val, CHARS_PRINTABLE, ps->p.identity.xgmi_device_id,
			  sizeof(ps->p.identity.xgmi_device_id));
}

static int
parse_fru_id(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return get_string(ps, path, val, CHARS_PRINTABLE, ps->p.identity.fru_id,
			  sizeof(ps->p.identity.fru_id));
}

static const struct key_entry identity_keys[] = {
	{ "serial_number", parse_serial },
	{ "unique_id", parse_unique_id },
	{ "xgmi_device_id", parse_xgmi_device_id },
	{ "fru_id", parse_fru_id },
};

static int
parse_identity(struct parser *ps, const char *path, struct json_object *val, void *target)
{
	return walk(ps, path, val, identity_keys, sizeof(identity_keys) / sizeof(identity_keys[0]),
		    NULL);
}

static const struct key_entry top_keys[] = {
	{ "name", parse_name },
	{ "description", parse_description },
	{ "gc", parse_part },
	{ "asic", parse_part },
	{ "sriov", parse_sriov },
	{ "connected_to_cpu", parse_connected_to_cpu },
	{ "vram_size", parse_vram_size },
	{ "params", parse_params },
	{ "regs", parse_regs },
	{ "pci", parse_pci },
	{ "identity", parse_identity },
};

static const struct gmcsim_bar *
vram_bar(const struct gmcsim_pci *pci)
{
	for (unsigned i = 0; i < pci->n_bars && i < GMCSIM_MAX_BARS; i++) {
		if (pci->bars[i].role == GMCSIM_BAR_VRAM)
			return &pci->bars[i];
	}
	return NULL;
}

/* The default visible_vram_size: the driver's aper_size is BAR0, the VRAM BAR (§3). */
static uint64_t
default_visible(const struct gmcsim_pci *pci)
{
	const struct gmcsim_bar *bar = vram_bar(pci);

	return bar ? bar->size : GMC_VISIBLE_ALL;
}

/* What needs the whole profile: required keys and cross-key consistency. */
static int
check_profile(struct parser *ps)
{
	const struct gmcsim_profile *p = &ps->p;

	if (!ps->have_name)
		return gmcsim_fail(ps->err, -EINVAL, "name: required");
	if (!ps->part_key)
		return gmcsim_fail(ps->err, -EINVAL, "gc: required (or 'asic'): which part this is");
	if (!ps->have_vram_size)
		return gmcsim_fail(ps->err, -EINVAL, "vram_size: required (bytes of VRAM, whole MiB)");
	/* the driver never reads XGMI registers on these parts (§2): a value there is a mistake */
	if (!gmc_asic_has_xgmi(p->asic)) {
		if (p->regs.value[GMC_REG_XGMI_LFB_CNTL])
			return gmcsim_fail(ps->err, -EINVAL,
				    "regs.xgmi_lfb_cntl: must be 0: the driver reads no XGMI "
				    "registers on %s",
				    gmc_asic_name(p->asic));
		if (p->regs.value[GMC_REG_XGMI_LFB_SIZE])
			return gmcsim_fail(ps->err, -EINVAL,
				    "regs.xgmi_lfb_size: must be 0: the driver reads no XGMI "
				    "registers on %s",
				    gmc_asic_name(p->asic));
	}
	/* amdgpu_sriov_vf() is true exactly on a virtual function; "vf" defaults to it */
	if (!ps->have_vf)
		ps->p.pci.is_vf = p->params.sriov;
	if (ps->have_pci && ps->have_vf && p->pci.is_vf != p->params.sriov)
		return gmcsim_fail(ps->err, -EINVAL,
			    "pci.vf: %s disagrees with sriov %s (the guest runs in SR-IOV mode "
			    "exactly on a virtual function)",
			    p->pci.is_vf ? "true" : "false", p->params.sriov ? "true" : "false");
	return 0;
}

/* Parse JSON text of @len bytes; trailing whitespace is all that may follow the value. */
static int
parse_text(const char *text, size_t len, struct gmcsim_profile *out, struct gmc_error *err)
{
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	struct parser ps;
	size_t end;
	int rc;

	if (memchr(text, '\0', len))
		return gmcsim_fail(err, -EINVAL, "the profile holds a NUL byte");
	if (len >= INT_MAX)
		return gmcsim_fail(err, -EINVAL, "the profile is longer than %d bytes", INT_MAX - 1);

	tok = json_tokener_new_ex(JSON_DEPTH_MAX);
	if (!tok)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	/* RFC 8259 JSON only: no single quotes, no trailing commas, valid UTF-8 */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	/* the +1 hands json-c the NUL, so a bare number ends there */
	root = json_tokener_parse_ex(tok, text, (int)len + 1);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr != json_tokener_success) {
		json_object_put(root);
		return gmcsim_fail(err, -EINVAL, "not valid JSON: %s at byte %zu",
			    json_tokener_error_desc(jerr), end + 1);
	}
	if (end < len && text[end + strspn(text + end, " \t\r\n")] != '\0') {
		json_object_put(root);
		return gmcsim_fail(err, -EINVAL, "text after the JSON value at byte %zu", end + 1);
	}
	if (!root)
		return gmcsim_fail(err, -EINVAL, "the profile: expected an object, not null");

	memset(&ps, 0, sizeof(ps));
	ps.err = err;
	gmc_params_init(&ps.p.params);
	rc = walk(&ps, "", root, top_keys, sizeof(top_keys) / sizeof(top_keys[0]), NULL);
	json_object_put(root);
	if (rc == 0)
		rc = check_profile(&ps);
	if (rc)
		return rc;
	if (!ps.have_visible)
		ps.p.params.visible_vram_size = default_visible(&ps.p.pci);
	*out = ps.p;
	return 0;
}

GMCSIM_EXPORT int
gmcsim_profile_parse(const char *json, struct gmcsim_profile *out, struct gmc_error *err)
{
	if (!json || !out)
		return gmcsim_fail(err, -EINVAL, "gmcsim_profile_parse: NULL argument");
	return parse_text(json, strlen(json), out, err);
}

/* ------------------------------------------------------------------ */
/* Built-ins                                                            */
/* ------------------------------------------------------------------ */

GMCSIM_EXPORT size_t
gmcsim_profile_builtin_count(void)
{
	return gmcsim_builtin_profiles_count;
}

GMCSIM_EXPORT int
gmcsim_profile_builtin_at(size_t index, struct gmcsim_profile *out)
{
	if (!out)
		return -EINVAL;
	if (index >= gmcsim_builtin_profiles_count)
		return -ENOENT;
	/* a built-in that does not parse is a build bug the tests catch */
	return gmcsim_profile_parse(gmcsim_builtin_profiles[index].text, out, NULL);
}

/* The built-in whose file is "<name>.json", or -1. */
static long
builtin_index(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < gmcsim_builtin_profiles_count; i++) {
		const char *file = gmcsim_builtin_profiles[i].name;

		if (strncmp(file, name, len) == 0 && strcmp(file + len, ".json") == 0)
			return (long)i;
	}
	return -1;
}

GMCSIM_EXPORT int
gmcsim_profile_builtin(const char *name, struct gmcsim_profile *out)
{
	long i;

	if (!name || !out)
		return -EINVAL;
	i = builtin_index(name);
	return i < 0 ? -ENOENT : gmcsim_profile_builtin_at((size_t)i, out);
}

/* ------------------------------------------------------------------ */
/* Loading a file                                                       */
/* ------------------------------------------------------------------ */

GMCSIM_EXPORT int
gmcsim_profile_load(const char *name_or_path, struct gmcsim_profile *out, struct gmc_error *err)
{
	struct gmc_error file_err = { 0 };
	char q[GMCSIM_SAFE_BUF], why[GMCSIM_WHY_MAX];
	char *text = NULL;
	long i;
	int rc;

	if (!name_or_path || !*name_or_path || !out)
		return gmcsim_fail(err, -EINVAL, "no profile name or file given");

	i = builtin_index(name_or_path);
	if (i >= 0)
		return gmcsim_profile_builtin_at((size_t)i, out);

	rc = gmcsim_read_file(name_or_path, &text, why, sizeof(why));
	if (rc == -ENOMEM)
		return gmcsim_fail(err, rc, "out of memory");
	/* too large, or a NUL byte: a file, but not a profile */
	if (rc == -EFBIG || rc == -EINVAL)
		return gmcsim_fail(err, -EINVAL, "%s", why);
	if (rc)
		return gmcsim_fail(err, -ENOENT, "'%s' is not a built-in profile, and %s",
			    gmcsim_safe_text(name_or_path, q, sizeof(q)), why);
	rc = parse_text(text, strlen(text), out, &file_err);
	free(text);
	if (rc)
		return gmcsim_fail(err, rc, "%s: %s", gmcsim_safe_text(name_or_path, q, sizeof(q)),
			    file_err.message);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Serializing                                                          */
/* ------------------------------------------------------------------ */

/* A new "0x…" string of at least @digits hex digits; NULL on ENOMEM. */
static struct json_object *
hex(uint64_t value, int digits)
{
	char buf[sizeof("0x") + 16];

	snprintf(buf, sizeof(buf), "0x%0*" PRIx64, digits, value);
	return json_object_new_string(buf);
}

/* A new string from a fixed-size field that may lack its NUL. */
static struct json_object *
field_string(const char *field, size_t size)
{
	return json_object_new_string_len(field, (int)strnlen(field, size));
}

#define FIELD_STRING(f) field_string((f), sizeof(f))

static struct json_object *
pci_json(const struct gmcsim_pci *pci)
{
	struct json_object *o = json_object_new_object();
	struct json_object *bars = json_object_new_array();
	struct json_object *msix = json_object_new_object();
	bool failed = false;

	failed |= gmcsim_json_add(o, "vendor", hex(pci->vendor, 4)) != 0;
	failed |= gmcsim_json_add(o, "device", hex(pci->device, 4)) != 0;
	failed |= gmcsim_json_add(o, "revision", hex(pci->revision, 2)) != 0;
	failed |= gmcsim_json_add(o, "subsystem_vendor", hex(pci->subsystem_vendor, 4)) != 0;
	failed |= gmcsim_json_add(o, "subsystem_device", hex(pci->subsystem_device, 4)) != 0;
	failed |= gmcsim_json_add(o, "bus", FIELD_STRING(pci->bus)) != 0;
	failed |= gmcsim_json_add(o, "vf", json_object_new_boolean(pci->is_vf)) != 0;
	for (unsigned i = 0; i < pci->n_bars && i < GMCSIM_MAX_BARS; i++) {
		const struct gmcsim_bar *b = &pci->bars[i];
		struct json_object *bo = json_object_new_object();
		const char *role = gmcsim_bar_role_name(b->role);

		failed |= gmcsim_json_add(bo, "index", json_object_new_int64(b->index)) != 0;
		failed |= gmcsim_json_add(bo, "role", json_object_new_string(role)) != 0;
		failed |= gmcsim_json_add(bo, "address", hex(b->address, 1)) != 0;
		failed |= gmcsim_json_add(bo, "size", hex(b->size, 1)) != 0;
		failed |= gmcsim_json_add(bo, "is_64", json_object_new_boolean(b->is_64)) != 0;
		failed |= gmcsim_json_add(bo, "prefetchable",
					  json_object_new_boolean(b->prefetchable)) != 0;
		failed |= gmcsim_json_append(bars, bo) != 0;
	}
	failed |= gmcsim_json_add(o, "bars", bars) != 0;
	failed |= gmcsim_json_add(msix, "address", hex(pci->msix_address, 1)) != 0;
	failed |= gmcsim_json_add(msix, "data", hex(pci->msix_data, 1)) != 0;
	failed |= gmcsim_json_add(o, "msix", msix) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
params_json(const struct gmc_params *pr)
{
	struct json_object *o = json_object_new_object();
	struct json_object *visible = pr->visible_vram_size == GMC_VISIBLE_ALL
					      ? json_object_new_string("all")
					      : hex(pr->visible_vram_size, 1);
	bool failed = false;

	failed |= gmcsim_json_add(o, "visible_vram_size", visible) != 0;
	failed |= gmcsim_json_add(o, "gart_size_mb", json_object_new_int64(pr->gart_size_mb)) != 0;
	failed |= gmcsim_json_add(o, "agp", json_object_new_int64(pr->agp)) != 0;
	failed |= gmcsim_json_add(o, "vramlimit_mb", json_object_new_int64(pr->vramlimit_mb)) != 0;
	failed |= gmcsim_json_add(o, "vis_vramlimit_mb",
				  json_object_new_int64(pr->vis_vramlimit_mb)) != 0;
	failed |= gmcsim_json_add(o, "smu_prv_buffer_size",
				  json_object_new_int64(pr->smu_prv_buffer_size)) != 0;
	failed |= gmcsim_json_add(o, "pre_6_17", json_object_new_boolean(pr->pre_6_17)) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

GMCSIM_EXPORT int
gmcsim_profile_to_json(const struct gmcsim_profile *p, char **out)
{
	const struct gmcsim_identity *ident;
	struct json_object *o, *regs, *id;
	const char *text;
	char gc[16], *copy;
	bool failed = false;
	size_t len;

	if (!p || !p->asic || !out)
		return -EINVAL;

	ident = &p->identity;
	o = json_object_new_object();
	regs = json_object_new_object();
	id = json_object_new_object();
	failed |= gmcsim_json_add(o, "name", FIELD_STRING(p->name)) != 0;
	failed |= gmcsim_json_add(o, "description", FIELD_STRING(p->description)) != 0;
	gmc_asic_gc_string(p->asic, gc, sizeof(gc));
	failed |= gmcsim_json_add(o, "gc", json_object_new_string(gc)) != 0;
	failed |= gmcsim_json_add(o, "sriov", json_object_new_boolean(p->params.sriov)) != 0;
	failed |= gmcsim_json_add(o, "connected_to_cpu",
				  json_object_new_boolean(p->params.connected_to_cpu)) != 0;
	failed |= gmcsim_json_add(o, "vram_size", hex(p->params.vram_size, 1)) != 0;
	failed |= gmcsim_json_add(o, "params", params_json(&p->params)) != 0;
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		failed |= gmcsim_json_add(regs, gmc_reg_name((enum gmc_reg)r),
					  hex(p->regs.value[r], 1)) != 0;
	failed |= gmcsim_json_add(o, "regs", regs) != 0;
	failed |= gmcsim_json_add(o, "pci", pci_json(&p->pci)) != 0;
	failed |= gmcsim_json_add(id, "serial_number", FIELD_STRING(ident->serial_number)) != 0;
	failed |= gmcsim_json_add(id, "unique_id", FIELD_STRING(ident->unique_id)) != 0;
	failed |= gmcsim_json_add(id, "xgmi_device_id", FIELD_STRING(ident->xgmi_device_id)) != 0;
	failed |= gmcsim_json_add(id, "fru_id", FIELD_STRING(ident->fru_id)) != 0;
	failed |= gmcsim_json_add(o, "identity", id) != 0;

	text = failed ? NULL
		      : json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
								  JSON_C_TO_STRING_SPACED |
								  JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text) {
		json_object_put(o);
		return -ENOMEM;
	}
	/* end with a newline: `gmcsim profile show NAME --json > file` makes a text file */
	len = strlen(text);
	copy = malloc(len + 2);
	if (copy) {
		memcpy(copy, text, len);
		copy[len] = '\n';
		copy[len + 1] = '\0';
	}
	json_object_put(o);
	if (!copy)
		return -ENOMEM;
	*out = copy;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pairs                                                                */
/* ------------------------------------------------------------------ */

/*
 * Each pair changes one property that can differ between the vGPU a guest
 * boots on and the one it resumes on (upstream-history.md §1).
 */
static const struct gmcsim_pair pairs[] = {
	{ "gc944-node2-to-node5", "gc944-vf-node2", "gc944-vf-node5", "xgmi node id" },
	{ "gc943-node2-to-node5", "gc943-vf-node2", "gc943-vf-node5", "xgmi node id" },
	{ "vega20-node1-to-node3", "vega20-node1", "vega20-node3", "xgmi node id" },
	{ "aldebaran-a-a-node2-to-node5", "aldebaran-a-a-node2", "aldebaran-a-a-node5",
	  "xgmi node id" },
	{ "navi21-fb-offset", "navi21-vf-a", "navi21-vf-b", "mc_fb_offset only" },
	{ "gc944-identity", "gc944-vf-node2", "gc944-vf-node2-otherid", "identity values only" },
	{ "gc944-bars", "gc944-vf-node2", "gc944-vf-node2-otherbar", "BAR addresses only" },
};

#define N_PAIRS (sizeof(pairs) / sizeof(pairs[0]))

GMCSIM_EXPORT size_t
gmcsim_pair_builtin_count(void)
{
	return N_PAIRS;
}

GMCSIM_EXPORT const struct gmcsim_pair *
gmcsim_pair_builtin_at(size_t index)
{
	return index < N_PAIRS ? &pairs[index] : NULL;
}

GMCSIM_EXPORT const struct gmcsim_pair *
gmcsim_pair_builtin(const char *name)
{
	for (size_t i = 0; name && i < N_PAIRS; i++) {
		if (strcmp(pairs[i].name, name) == 0)
			return &pairs[i];
	}
	return NULL;
}
