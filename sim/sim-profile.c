/* SPDX-License-Identifier: MIT */
/*
 * vGPU profiles: the JSON format of docs/profiles.md, parsed strictly by the
 * one JSON reader (util-json-read.h: an unknown key, a wrong type or an
 * out-of-range value is an error naming the key), serialized so that
 * parse(to_json(p)) == p, loaded from a file or from the built-ins that
 * sim/embed.py compiles in from sim/profiles/NAME.json. Built-ins go through
 * the same parser as a user's file; the part, registers and driver
 * parameters through the reader layout batch lines use too (sim-params.h).
 *
 * What a profile holds is what can differ between two vGPUs
 * (upstream-history.md §1): the BARs, the sysfs identity values, the XGMI
 * node id (MC_VM_XGMI_LFB_CNTL) and mc_fb_offset (MC_VM_FB_OFFSET).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "sim-embed.h"
#include "sim-cond.h"
#include "sim-names.h"
#include "sim-params.h"
#include "sim-profile.h"
#include "util-json-read.h"
#include "util.h"

/* The smallest memory BAR the PCI spec allows: 16 bytes. */
#define BAR_SIZE_MIN 16u
/* A 32-bit BAR decodes below 4 GiB. */
#define BAR32_LIMIT (UINT64_C(1) << 32)

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

struct parser {
	struct gmcsim_profile p;
	struct sim_params_in in; /* the part, regs and params: sim-params.c reads them */
	bool have_pci, have_vf;
	/* read once the part is known, over its defaults (gmcsim_part_defaults()) */
	struct json_object *ip, *driver;
};

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
read_bus(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	 struct json_object *val, void *target)
{
	struct gmcsim_pci *pci = target;
	char q[GMCSIM_SAFE_BUF];
	int rc = gmcsim_json_string(js, path, val, GMCSIM_JSON_PRINTABLE, pci->bus,
				    sizeof(pci->bus));

	if (rc)
		return rc;
	if (pci->bus[0] && !bus_ok(pci->bus))
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not a PCI address like \"0000:43:00.0\" "
					"(domain:bus:device.function, device <= 1f, function <= 7)",
					gmcsim_safe_text(pci->bus, q, sizeof(q)));
	return 0;
}

/* One BAR on its own: a power-of-two size, an aligned address. */
static int
check_bar(struct gmcsim_json *js, const char *path, const struct gmcsim_bar *bar)
{
	char sub[GMCSIM_JSON_PATH_MAX];

	/* BARs decode naturally aligned power-of-two windows (PCI spec, BAR sizing) */
	if (bar->size < BAR_SIZE_MIN || (bar->size & (bar->size - 1)))
		return gmcsim_json_fail(js, -EINVAL,
					gmcsim_json_path_key(sub, sizeof(sub), path, "size"),
					"0x%" PRIx64 " is not a BAR size (a power of two, at least "
					"16 bytes)",
					bar->size);
	gmcsim_json_path_key(sub, sizeof(sub), path, "address");
	if (bar->address & (bar->size - 1))
		return gmcsim_json_fail(js, -EINVAL, sub,
					"0x%" PRIx64 " is not aligned to the BAR size 0x%" PRIx64,
					bar->address, bar->size);
	if (bar->address > UINT64_MAX - (bar->size - 1))
		return gmcsim_json_fail(js, -EINVAL, sub, "the BAR runs past 2^64");
	if (!bar->is_64 && bar->address + bar->size > BAR32_LIMIT)
		return gmcsim_json_fail(js, -EINVAL, sub,
					"a 32-bit BAR must end below 4 GiB (0x%" PRIx64
					" + 0x%" PRIx64 ")",
					bar->address, bar->size);
	/* a 64-bit BAR takes its index and the next one (sysfs numbering) */
	if (bar->is_64 && bar->index + 1 >= GMCSIM_MAX_BARS)
		return gmcsim_json_fail(js, -EINVAL,
					gmcsim_json_path_key(sub, sizeof(sub), path, "index"),
					"a 64-bit BAR takes two slots, so its index is at most %d",
					GMCSIM_MAX_BARS - 2);
	return 0;
}

/* Two BARs must not share a slot, and one BAR at most is the VRAM aperture. */
static int
check_bar_set(struct gmcsim_json *js, const char *path, const struct gmcsim_pci *pci, size_t last)
{
	const struct gmcsim_bar *b = &pci->bars[last];
	char sub[GMCSIM_JSON_PATH_MAX];

	for (size_t i = 0; i < last; i++) {
		const struct gmcsim_bar *o = &pci->bars[i];
		unsigned b_end = b->index + (b->is_64 ? 1u : 0u);
		unsigned o_end = o->index + (o->is_64 ? 1u : 0u);

		if (b->index <= o_end && o->index <= b_end)
			return gmcsim_json_fail(
				js, -EINVAL, gmcsim_json_path_key(sub, sizeof(sub), path, "index"),
				"BAR %u overlaps BAR %u of entry %zu (a 64-bit BAR "
				"takes two slots)",
				b->index, o->index, i);
		if (b->role == GMCSIM_BAR_VRAM && o->role == GMCSIM_BAR_VRAM)
			return gmcsim_json_fail(
				js, -EINVAL, gmcsim_json_path_key(sub, sizeof(sub), path, "role"),
				"entry %zu is already the VRAM BAR", i);
	}
	return 0;
}

/* A type-0 header has six BARs, sysfs resource0..resource5; the address and size say where. */
static const struct gmcsim_json_key bar_key_list[] = {
	GMCSIM_JSON_UINT("index", struct gmcsim_bar, index, GMCSIM_MAX_BARS - 1,
			 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_ENUM("role", struct gmcsim_bar, role, sim_bar_role_names, SIM_BAR_ROLE_COUNT,
			 GMCSIM_JSON_ANY_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_UINT("address", struct gmcsim_bar, address, UINT64_MAX, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_UINT("size", struct gmcsim_bar, size, UINT64_MAX, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_BOOL("is_64", struct gmcsim_bar, is_64, 0),
	GMCSIM_JSON_BOOL("prefetchable", struct gmcsim_bar, prefetchable, 0),
};

static const struct gmcsim_json_keys bar_keys = GMCSIM_JSON_KEYS(bar_key_list);

static int
read_bar(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val, void *ctx)
{
	struct gmcsim_pci *pci = ctx;
	struct gmcsim_bar *bar = &pci->bars[index];
	int rc;

	memset(bar, 0, sizeof(*bar));
	rc = gmcsim_json_walk(js, path, val, &bar_keys, bar);
	if (rc == 0)
		rc = check_bar(js, path, bar);
	if (rc == 0)
		rc = check_bar_set(js, path, pci, index);
	if (rc == 0)
		pci->n_bars = (unsigned)(index + 1);
	return rc;
}

/* A PCI function has at most six BARs. */
static int
read_bars(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	struct gmcsim_pci *pci = target;

	pci->n_bars = 0;
	return gmcsim_json_each(js, path, val, "BARs", GMCSIM_MAX_BARS, read_bar, pci);
}

/* The MSI-X table entry of vector 0: a 64-bit address and a dword of data. */
static const struct gmcsim_json_key msix_key_list[] = {
	GMCSIM_JSON_UINT("address", struct gmcsim_pci, msix_address, UINT64_MAX, 0),
	GMCSIM_JSON_UINT("data", struct gmcsim_pci, msix_data, UINT32_MAX, 0),
};

static const struct gmcsim_json_keys msix_keys = GMCSIM_JSON_KEYS(msix_key_list);

/* "msix" is an object of its own in the file, but fields of struct gmcsim_pci. */
static int
read_msix(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	return gmcsim_json_walk(js, path, val, &msix_keys, target);
}

/* Config-space ids are 16 bits (0x00..0x2f), the revision one byte. */
static const struct gmcsim_json_key pci_key_list[] = {
	GMCSIM_JSON_UINT("vendor", struct gmcsim_pci, vendor, UINT16_MAX, 0),
	GMCSIM_JSON_UINT("device", struct gmcsim_pci, device, UINT16_MAX, 0),
	GMCSIM_JSON_UINT("revision", struct gmcsim_pci, revision, UINT8_MAX, 0),
	GMCSIM_JSON_UINT("subsystem_vendor", struct gmcsim_pci, subsystem_vendor, UINT16_MAX, 0),
	GMCSIM_JSON_UINT("subsystem_device", struct gmcsim_pci, subsystem_device, UINT16_MAX, 0),
	GMCSIM_JSON_CUSTOM("bus", read_bus, 0),
	GMCSIM_JSON_BOOL("vf", struct gmcsim_pci, is_vf, 0),
	GMCSIM_JSON_CUSTOM("bars", read_bars, 0),
	GMCSIM_JSON_CUSTOM("msix", read_msix, 0),
};

static const struct gmcsim_json_keys pci_keys = GMCSIM_JSON_KEYS(pci_key_list);

static int
read_pci(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	 struct json_object *val, void *target)
{
	struct parser *ps = target;

	ps->have_pci = true;
	/* "vf" defaults to sriov: check_vf() needs to know whether it was given */
	ps->have_vf = json_object_is_type(val, json_type_object) &&
		      json_object_object_get_ex(val, "vf", NULL);
	return gmcsim_json_walk(js, path, val, &pci_keys, &ps->p.pci);
}

/* The sysfs identity values. */
static const struct gmcsim_json_key identity_key_list[] = {
	GMCSIM_JSON_STRING("serial_number", struct gmcsim_identity, serial_number,
			   GMCSIM_JSON_PRINTABLE, 0),
	GMCSIM_JSON_STRING("unique_id", struct gmcsim_identity, unique_id, GMCSIM_JSON_PRINTABLE,
			   0),
	GMCSIM_JSON_STRING("xgmi_device_id", struct gmcsim_identity, xgmi_device_id,
			   GMCSIM_JSON_PRINTABLE, 0),
	GMCSIM_JSON_STRING("fru_id", struct gmcsim_identity, fru_id, GMCSIM_JSON_PRINTABLE, 0),
};

static const struct gmcsim_json_keys identity_keys = GMCSIM_JSON_KEYS(identity_key_list);

/* --- ip and driver: what the catalog's conditions read --- */

/* "13.0.14" into GMC_IP_VERSION; "none" is 0 (no such block) */
static int
read_ip_version(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		struct json_object *val, void *target)
{
	uint32_t *out = gmcsim_json_field(key, target);
	const char *text;
	unsigned a, b, c;
	char end, q[GMCSIM_SAFE_BUF];
	int rc = gmcsim_json_string_ref(js, path, val, &text);

	if (rc)
		return rc;
	if (strcmp(text, "none") == 0) {
		*out = 0;
		return 0;
	}
	if (sscanf(text, "%3u.%3u.%3u%c", &a, &b, &c, &end) != 3 || a > 255 || b > 255 || c > 255 ||
	    !sim_versions_valid(text, false, NULL, NULL))
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not an IP version like \"13.0.14\" (or \"none\")",
					gmcsim_safe_text(text, q, sizeof(q)));
	*out = GMC_IP_VERSION(a, b, c);
	return 0;
}

static int
read_name_bit(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	      void *ctx)
{
	const struct gmcsim_json_key *key = ((void **)ctx)[0];
	unsigned *bits = ((void **)ctx)[1];
	unsigned i;
	int rc =
		gmcsim_json_enum(js, path, val, key->names, key->n_names, GMCSIM_JSON_ANY_NAME, &i);

	if (rc == 0)
		*bits |= 1u << i;
	return rc;
}

/* An array of names (pg flags, parameters, host features) into the bits of key->names. */
static int
read_name_bits(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	       struct json_object *val, void *target)
{
	unsigned *bits = gmcsim_json_field(key, target);
	void *ctx[2] = { (void *)key, bits };

	*bits = 0;
	return gmcsim_json_each(js, path, val, "names", 16, read_name_bit, ctx);
}

#define NAME_BITS(name, type, member, table, count)                                            \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_CUSTOM, type, member, .read = read_name_bits, \
			  .names = (table), .n_names = (count), .flags = 0)

/* One XCC at least; at most the 8 a GC 9.4.3/9.4.4/9.5.0 part has (or 16 VCN instances). */
#define XCC_MAX 8
#define VCN_INST_MAX 16

static const struct gmcsim_json_key ip_key_list[] = {
	GMCSIM_JSON_CUSTOM_FIELD("mp0", struct gmcsim_ip, mp0, read_ip_version, 0),
	GMCSIM_JSON_CUSTOM_FIELD("mp1", struct gmcsim_ip, mp1, read_ip_version, 0),
	GMCSIM_JSON_CUSTOM_FIELD("vcn", struct gmcsim_ip, vcn, read_ip_version, 0),
	GMCSIM_JSON_CUSTOM_FIELD("jpeg", struct gmcsim_ip, jpeg, read_ip_version, 0),
	GMCSIM_JSON_BOOL("display", struct gmcsim_ip, display, 0),
	GMCSIM_JSON_UINT("xcc", struct gmcsim_ip, xcc, XCC_MAX, 0),
	GMCSIM_JSON_UINT("vcn_inst", struct gmcsim_ip, vcn_inst, VCN_INST_MAX, 0),
	NAME_BITS("pg", struct gmcsim_ip, pg, sim_pg_names, SIM_PG_COUNT),
};

static const struct gmcsim_json_keys ip_keys = GMCSIM_JSON_KEYS(ip_key_list);

/* "fw": {"mec": 155}: the versions a profile states; the rest stay current */
static int
read_fw(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	struct json_object *val, void *target)
{
	struct gmcsim_driver *d = target;

	if (!json_object_is_type(val, json_type_object))
		return gmcsim_json_fail(js, -EINVAL, path,
					"expected an object of firmware versions, not %s",
					json_type_to_name(json_object_get_type(val)));
	json_object_object_foreach(val, name, v)
	{
		char sub[GMCSIM_JSON_PATH_MAX], q[GMCSIM_SAFE_BUF];
		unsigned fw;
		int rc;

		gmcsim_json_path_key(sub, sizeof(sub), path, name);
		for (fw = 0; fw < GMCSIM_FW_COUNT && strcmp(sim_fw_names[fw], name) != 0; fw++)
			;
		if (fw == GMCSIM_FW_COUNT)
			return gmcsim_json_fail(js, -EINVAL, path,
						"unknown firmware '%s' (known: mec, me, pfp, mes, "
						"smc)",
						gmcsim_safe_text(name, q, sizeof(q)));
		/* UINT32_MAX is GMCSIM_FW_CURRENT: a stated version is below it */
		rc = gmcsim_json_u32(js, sub, v, UINT32_MAX - 1, &d->fw[fw]);
		if (rc)
			return rc;
	}
	return 0;
}

#define LOAD_TYPES ((1u << GMCSIM_FW_PSP) | (1u << GMCSIM_FW_DIRECT))

static const struct gmcsim_json_key driver_key_list[] = {
	GMCSIM_JSON_ENUM("fw_load", struct gmcsim_driver, fw_load, sim_fw_load_names,
			 SIM_FW_LOAD_COUNT, LOAD_TYPES, 0),
	GMCSIM_JSON_BOOL("one_vf", struct gmcsim_driver, one_vf, 0),
	GMCSIM_JSON_CUSTOM("fw", read_fw, 0),
	NAME_BITS("params", struct gmcsim_driver, params, sim_param_names, SIM_PARAM_COUNT),
	NAME_BITS("host", struct gmcsim_driver, host, sim_host_names, SIM_HOST_COUNT),
};

static const struct gmcsim_json_keys driver_keys = GMCSIM_JSON_KEYS(driver_key_list);

int
sim_profile_default_facts(struct gmcsim_profile *p)
{
	int rc = gmcsim_part_defaults(p->asic, &p->ip, &p->driver);

	if (rc == 0 && p->params.sriov)
		p->driver.params |= GMCSIM_PARAM_MCBP;
	return rc;
}

/*
 * The part's defaults, then what the profile states: "ip" and "driver" are
 * read once the part is known. A VF's host decides one-VF mode (pf2vf), so
 * a profile says it; a VF always runs with MCBP (amdgpu_device_set_mcbp).
 */
static int
read_facts(struct gmcsim_json *js, struct parser *ps)
{
	struct gmcsim_profile *p = &ps->p;
	int rc;

	if (sim_profile_default_facts(p))
		return gmcsim_json_fail(js, -EINVAL, "gc",
					"the part has no defaults for "
					"its IP versions; state \"ip\" in full");
	rc = ps->ip ? gmcsim_json_walk(js, "ip", ps->ip, &ip_keys, &p->ip) : 0;
	if (!rc && ps->driver)
		rc = gmcsim_json_walk(js, "driver", ps->driver, &driver_keys, &p->driver);
	if (!rc && !p->ip.xcc)
		rc = gmcsim_json_fail(js, -EINVAL, "ip.xcc", "a part has at least one XCC");
	if (!rc && !p->params.sriov && p->driver.one_vf)
		rc = gmcsim_json_fail(js, -EINVAL, "driver.one_vf",
				      "one-VF mode is a VF's (the host's PP_ONE_VF): this is not "
				      "an SR-IOV VF");
	if (!rc && !p->params.sriov && p->driver.host)
		rc = gmcsim_json_fail(js, -EINVAL, "driver.host",
				      "host features reach a VF only (pf2vf): this is not an "
				      "SR-IOV VF");
	return rc;
}

/* The profile's own keys; the part's and the device's are sim-params.c's. */
static const struct gmcsim_json_key top_key_list[] = {
	GMCSIM_JSON_STRING("name", struct parser, p.name, GMCSIM_JSON_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("description", struct parser, p.description, GMCSIM_JSON_TEXT, 0),
	GMCSIM_JSON_OBJECT("params", struct parser, in, &sim_params_driver_keys, 0),
	GMCSIM_JSON_CUSTOM("pci", read_pci, 0),
	GMCSIM_JSON_OBJECT("identity", struct parser, p.identity, &identity_keys, 0),
	GMCSIM_JSON_RAW("ip", struct parser, ip),
	GMCSIM_JSON_RAW("driver", struct parser, driver),
};

static const struct gmcsim_json_keys top_keys = GMCSIM_JSON_KEYS(top_key_list);

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

/* amdgpu_sriov_vf() is true exactly on a virtual function; "vf" defaults to it. */
static int
check_vf(struct gmcsim_json *js, struct parser *ps)
{
	const struct gmcsim_profile *p = &ps->p;

	if (!ps->have_vf)
		ps->p.pci.is_vf = p->params.sriov;
	if (ps->have_pci && ps->have_vf && p->pci.is_vf != p->params.sriov)
		return gmcsim_json_fail(js, -EINVAL, "pci.vf",
					"%s disagrees with sriov %s (the guest runs in SR-IOV "
					"mode exactly on a virtual function)",
					p->pci.is_vf ? "true" : "false",
					p->params.sriov ? "true" : "false");
	return 0;
}

/* Parse JSON text of @len bytes; trailing whitespace is all that may follow the value. */
static int
parse_text(const char *text, size_t len, struct gmcsim_profile *out, struct gmc_error *err)
{
	struct gmcsim_json js = { .err = err };
	struct json_object *root = NULL;
	struct parser ps;
	const struct gmcsim_json_part parts[] = {
		{ &top_keys, &ps },
		{ &sim_params_part_keys, &ps.in },
		{ &sim_params_device_keys, &ps.in },
	};
	int rc = gmcsim_json_parse(&js, NULL, text, len, "the profile", &root);

	if (rc)
		return rc;
	memset(&ps, 0, sizeof(ps));
	gmc_params_init(&ps.in.params);
	rc = gmcsim_json_walk_parts(&js, "", root, parts, sizeof(parts) / sizeof(parts[0]));
	if (rc == 0)
		rc = sim_params_check(&js, &ps.in);
	ps.p.asic = ps.in.asic;
	ps.p.regs = ps.in.regs;
	ps.p.params = ps.in.params;
	if (rc == 0)
		rc = check_vf(&js, &ps);
	if (rc == 0)
		rc = read_facts(&js, &ps);
	json_object_put(root); /* "ip" and "driver" were borrowed from it */
	if (rc)
		return rc;
	if (!ps.in.have_visible)
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

static struct json_object *
version_json(uint32_t v)
{
	char buf[16];

	return json_object_new_string(v ? sim_version_str(v, buf, sizeof(buf)) : "none");
}

static struct json_object *
bits_json(unsigned bits, const char *const *names, unsigned n)
{
	struct json_object *a = json_object_new_array();

	for (unsigned i = 0; i < n; i++) {
		if ((bits & (1u << i)) && gmcsim_json_append(a, json_object_new_string(names[i]))) {
			json_object_put(a);
			return NULL;
		}
	}
	return a;
}

static struct json_object *
ip_json(const struct gmcsim_ip *ip)
{
	struct json_object *o = json_object_new_object();
	bool failed = false;

	failed |= gmcsim_json_add(o, "mp0", version_json(ip->mp0)) != 0;
	failed |= gmcsim_json_add(o, "mp1", version_json(ip->mp1)) != 0;
	failed |= gmcsim_json_add(o, "vcn", version_json(ip->vcn)) != 0;
	failed |= gmcsim_json_add(o, "jpeg", version_json(ip->jpeg)) != 0;
	failed |= gmcsim_json_add(o, "display", json_object_new_boolean(ip->display)) != 0;
	failed |= gmcsim_json_add(o, "xcc", json_object_new_int64(ip->xcc)) != 0;
	failed |= gmcsim_json_add(o, "vcn_inst", json_object_new_int64(ip->vcn_inst)) != 0;
	failed |= gmcsim_json_add(o, "pg", bits_json(ip->pg, sim_pg_names, SIM_PG_COUNT)) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
driver_json(const struct gmcsim_driver *d)
{
	struct json_object *o = json_object_new_object(), *fw = json_object_new_object();
	bool failed = false;

	failed |= gmcsim_json_add(o, "fw_load",
				  json_object_new_string(
					  d->fw_load == GMCSIM_FW_DIRECT ? "direct" : "psp")) != 0;
	failed |= gmcsim_json_add(o, "one_vf", json_object_new_boolean(d->one_vf)) != 0;
	for (unsigned i = 0; i < GMCSIM_FW_COUNT; i++) {
		if (d->fw[i] != GMCSIM_FW_CURRENT)
			failed |= gmcsim_json_add(fw, sim_fw_names[i],
						  json_object_new_int64(d->fw[i])) != 0;
	}
	failed |= gmcsim_json_add(o, "fw", fw) != 0;
	failed |= gmcsim_json_add(o, "params",
				  bits_json(d->params, sim_param_names, SIM_PARAM_COUNT)) != 0;
	failed |=
		gmcsim_json_add(o, "host", bits_json(d->host, sim_host_names, SIM_HOST_COUNT)) != 0;
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
	/* a harness's hand-filled profile without facts (no XCC) gets the part's on reading */
	if (p->ip.xcc) {
		failed |= gmcsim_json_add(o, "ip", ip_json(&p->ip)) != 0;
		failed |= gmcsim_json_add(o, "driver", driver_json(&p->driver)) != 0;
	}

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
	{ "gc944-multi-vf-node2-to-node5", "gc944-mvf-node2", "gc944-mvf-node5",
	  "xgmi node id, multi-VF" },
	{ "gc943-node2-to-node5", "gc943-vf-node2", "gc943-vf-node5", "xgmi node id" },
	{ "gc950-node2-to-node5", "gc950-vf-node2", "gc950-vf-node5", "xgmi node id" },
	{ "gc1100-fb-location", "gc1100-vf-a", "gc1100-vf-b", "FB location only" },
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

/* ------------------------------------------------------------------ */
/* Checking, naming and writing imported and captured profiles          */
/* ------------------------------------------------------------------ */

int
gmcsim_profile_validate(const struct gmcsim_profile *p, struct gmc_error *err)
{
	struct gmcsim_profile back;
	struct gmc_error perr = { 0 };
	char *text = NULL;
	int rc;

	if (!p || !p->asic)
		return gmcsim_fail(err, -EINVAL, "the profile has no part");
	rc = gmcsim_profile_to_json(p, &text);
	if (rc)
		return gmcsim_fail(err, rc, "the profile cannot be serialized: %s", strerror(-rc));
	rc = gmcsim_profile_parse(text, &back, &perr);
	free(text);
	if (rc)
		return gmcsim_fail(err, rc, "the result is not a valid profile: %s", perr.message);
	return 0;
}

void
gmcsim_profile_name_from(const char *prefix, const char *text, char *out, size_t len)
{
	if (!len)
		return;
	snprintf(out, len, "%s%s", prefix ? prefix : "", text ? text : "");
	for (char *c = out; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' && *c != '-')
			*c = '-';
	}
	if (!out[0])
		snprintf(out, len, "imported");
}

int
gmcsim_profile_write(const struct gmcsim_profile *p, const char *path, struct gmc_error *err)
{
	char *text = NULL;
	int rc;

	if (!path || !*path)
		return gmcsim_fail(err, -EINVAL, "no output file given");
	rc = gmcsim_profile_validate(p, err);
	if (rc)
		return rc;
	rc = gmcsim_profile_to_json(p, &text);
	if (rc)
		return gmcsim_fail(err, rc, "out of memory");
	rc = gmcsim_write_file(path, text, strlen(text), err);
	free(text);
	return rc;
}
