/* SPDX-License-Identifier: MIT */
/*
 * The catalog: the driver's kernel-BO call sites as data. One JSON file per
 * IP block (sim/catalog/<block>.json, vocabulary in docs/catalog.md) becomes
 * an array of struct gmcsim_site. The built-in files are compiled in as text
 * by sim/embed.py and parsed at run time by the same gmcsim_sites_parse() a
 * user's block file goes through, so the two can never disagree.
 *
 * The one JSON reader (util-json-read.h) checks every value for type and
 * range, and every failure names the site and the key: the parser is fuzzed
 * and must never crash on any input.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "sim-cond.h"
#include "sim-embed.h"
#include "sim-names.h"
#include "util-json-read.h"
#include "util.h"

/* Highest "order" a block may give: room for every IP block with gaps. */
#define ORDER_MAX 9999

/*
 * Largest BO a site may describe: the 48-bit MC address space of gmc v9..v12
 * (gmc.mc_mask), which no single BO can exceed.
 */
#define SITE_SIZE_MAX (UINT64_C(1) << 48)

/* Room for the built-in catalog and its kernel variants; a test checks the fit. */
#define CATALOG_MAX 128

/* The hooks a site may be created in and freed in (struct gmcsim_site). */
#define CREATE_HOOKS \
	((1u << GMCSIM_HOOK_SW_INIT) | (1u << GMCSIM_HOOK_HW_INIT) | (1u << GMCSIM_HOOK_LATE_INIT))
#define FREE_HOOKS \
	((1u << GMCSIM_HOOK_SUSPEND) | (1u << GMCSIM_HOOK_HW_FINI) | (1u << GMCSIM_HOOK_SW_FINI))

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

/* "vram", "gtt" or "vram|gtt" (AMDGPU_GEM_DOMAIN_*) into enum gmc_domain bits. */
static int
read_domain(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	unsigned *domain = gmcsim_json_field(key, target);
	unsigned i;
	int rc = gmcsim_json_enum(js, path, val, sim_domain_names, SIM_DOMAIN_COUNT,
				  GMCSIM_JSON_ANY_NAME, &i);

	if (rc == 0)
		*domain = sim_domain_bits[i];
	return rc;
}

static int
read_hook(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	  void *ctx)
{
	unsigned *bits = ctx;
	unsigned hook;
	int rc = gmcsim_json_enum(js, path, val, sim_hook_names, GMCSIM_HOOK_COUNT,
				  GMCSIM_JSON_ANY_NAME, &hook);

	if (rc)
		return rc;
	if (*bits & (1u << hook))
		return gmcsim_json_fail(js, -EINVAL, path, "'%s' is listed twice",
					sim_hook_names[hook]);
	*bits |= 1u << hook;
	return 0;
}

/* The hooks that use the address: a bit each. */
static int
read_consume(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	     struct json_object *val, void *target)
{
	unsigned bits = 0;
	int rc = gmcsim_json_each(js, path, val, "hook names", GMCSIM_HOOK_COUNT, read_hook, &bits);

	if (rc == 0 && bits == 0)
		return gmcsim_json_fail(js, -EINVAL, path, "list at least one hook");
	if (rc == 0)
		*(unsigned *)gmcsim_json_field(key, target) = bits;
	return rc;
}

static int
read_gc(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	struct json_object *val, void *target)
{
	char *buf = gmcsim_json_field(key, target);
	const char *bad = NULL;
	size_t bad_len = 0;
	int rc = gmcsim_json_string(js, path, val, GMCSIM_JSON_TEXT, buf, key->size);

	if (rc)
		return rc;
	if (!sim_versions_valid(buf, false, &bad, &bad_len)) {
		char item[GMCSIM_NAME_MAX];
		char q[GMCSIM_SAFE_BUF];

		/* bad points into buf, which fits GMCSIM_NAME_MAX */
		memcpy(item, bad, bad_len);
		item[bad_len] = '\0';
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not a GC pattern like \"9.4.4\", \"10.3.*\" or "
					"\"9.*\"",
					gmcsim_safe_text(item, q, sizeof(q)));
	}
	return 0;
}

/* --- conditions --- */

/* A list of names (pg flags, parameters, host features) into bits. */
struct bit_names {
	const char *const *names;
	unsigned n;
	unsigned *bits;
};

static int
read_bit_name(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	      void *ctx)
{
	struct bit_names *bn = ctx;
	unsigned i;
	int rc = gmcsim_json_enum(js, path, val, bn->names, bn->n, GMCSIM_JSON_ANY_NAME, &i);

	if (rc == 0)
		*bn->bits |= 1u << i;
	return rc;
}

static int
read_bits(struct gmcsim_json *js, const char *path, struct json_object *val,
	  const char *const *names, unsigned n, unsigned *bits)
{
	struct bit_names bn = { .names = names, .n = n, .bits = bits };

	*bits = 0;
	return gmcsim_json_each(js, path, val, "names", 16, read_bit_name, &bn);
}

static int
read_pg(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	struct json_object *val, void *target)
{
	return read_bits(js, path, val, sim_pg_names, SIM_PG_COUNT, gmcsim_json_field(key, target));
}

static int
read_params(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	return read_bits(js, path, val, sim_param_names, SIM_PARAM_COUNT,
			 gmcsim_json_field(key, target));
}

static int
read_host(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	return read_bits(js, path, val, sim_host_names, SIM_HOST_COUNT,
			 gmcsim_json_field(key, target));
}

/* true or false into GMCSIM_WHEN_YES or GMCSIM_WHEN_NO */
int
sim_read_when_bool(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		   struct json_object *val, void *target)
{
	bool b;
	int rc = gmcsim_json_bool(js, path, val, &b);

	if (rc == 0)
		*(enum gmcsim_when *)gmcsim_json_field(key, target) =
			b ? GMCSIM_WHEN_YES : GMCSIM_WHEN_NO;
	return rc;
}

/* A list of versions joined into one comma-separated string. */
struct version_list {
	char *buf;
	size_t size, used;
};

static int
read_version_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
		  void *ctx)
{
	struct version_list *vl = ctx;
	const char *text, *bad = NULL;
	size_t len, bad_len = 0;
	char q[GMCSIM_SAFE_BUF];
	int rc = gmcsim_json_string_ref(js, path, val, &text);

	if (rc)
		return rc;
	len = strlen(text);
	if (!len || !sim_versions_valid(text, true, &bad, &bad_len) || strchr(text, ','))
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not a version like \"13.0.6\", \"13.0.*\" or "
					"\"<11.0.7\"",
					gmcsim_safe_text(text, q, sizeof(q)));
	if (vl->used + len + 2 > vl->size)
		return gmcsim_json_fail(js, -EINVAL, path, "the list is longer than %zu bytes",
					vl->size - 1);
	vl->used += (size_t)snprintf(vl->buf + vl->used, vl->size - vl->used, "%s%s",
				     vl->used ? "," : "", text);
	return 0;
}

static int
read_versions(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	      struct json_object *val, void *target)
{
	struct version_list vl = { .buf = gmcsim_json_field(key, target), .size = key->size };
	int rc;

	vl.buf[0] = '\0';
	rc = gmcsim_json_each(js, path, val, "versions", 32, read_version_item, &vl);
	if (rc == 0 && !vl.used)
		return gmcsim_json_fail(js, -EINVAL, path, "list at least one version");
	return rc;
}

/* The "gc" of a condition: a GC pattern string, as a site's own "gc". */
static int read_gc(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		   struct json_object *val, void *target);

/* "fw_min": {"mec": 153, "smc": "0x2a3500"} */
static int
read_fw_min(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct gmcsim_cond *c = target;

	if (!json_object_is_type(val, json_type_object))
		return gmcsim_json_fail(js, -EINVAL, path,
					"expected an object of firmware versions, not %s",
					json_type_to_name(json_object_get_type(val)));
	c->n_fw_min = 0;
	json_object_object_foreach(val, name, v)
	{
		char sub[GMCSIM_JSON_PATH_MAX];
		unsigned fw;
		uint32_t version;
		int rc;

		gmcsim_json_path_key(sub, sizeof(sub), path, name);
		for (fw = 0; fw < GMCSIM_FW_COUNT && strcmp(sim_fw_names[fw], name) != 0; fw++)
			;
		if (fw == GMCSIM_FW_COUNT) {
			char q[GMCSIM_SAFE_BUF];

			return gmcsim_json_fail(js, -EINVAL, path,
						"unknown firmware '%s' (known: mec, me, pfp, mes, "
						"smc)",
						gmcsim_safe_text(name, q, sizeof(q)));
		}
		if (c->n_fw_min == GMCSIM_FW_MIN_MAX)
			return gmcsim_json_fail(js, -EINVAL, path, "more than %d firmware versions",
						GMCSIM_FW_MIN_MAX);
		rc = gmcsim_json_u32(js, sub, v, UINT32_MAX - 1, &version);
		if (rc)
			return rc;
		c->fw_min[c->n_fw_min++] = (struct gmcsim_fw_min){ (enum gmcsim_fw)fw, version };
	}
	return 0;
}
/* Both values of a yes/no enum, "vf"/"bare-metal" etc.: the index is the enum gmcsim_when. */
#define WHEN_NAMES ((1u << GMCSIM_WHEN_YES) | (1u << GMCSIM_WHEN_NO))
/* The load types a condition may need: psp or direct ("any" is no condition). */
#define LOAD_NAMES ((1u << GMCSIM_FW_PSP) | (1u << GMCSIM_FW_DIRECT))

/* One condition, as docs/catalog.md lists its keys. */
static const struct gmcsim_json_key cond_key_list[] = {
	GMCSIM_JSON_ENUM("sriov", struct gmcsim_cond, vf, sim_sriov_names, 3, WHEN_NAMES, 0),
	GMCSIM_JSON_ENUM("vf_mode", struct gmcsim_cond, one_vf, sim_vf_mode_names, 3, WHEN_NAMES,
			 0),
	GMCSIM_JSON_ENUM("fw_load", struct gmcsim_cond, fw_load, sim_fw_load_names,
			 SIM_FW_LOAD_COUNT, LOAD_NAMES, 0),
	GMCSIM_JSON_CUSTOM_FIELD("display", struct gmcsim_cond, display, sim_read_when_bool, 0),
	GMCSIM_JSON_CUSTOM_FIELD("apu", struct gmcsim_cond, apu, sim_read_when_bool, 0),
	GMCSIM_JSON_ENUM("hive", struct gmcsim_cond, hive, sim_hive_names, 3, WHEN_NAMES, 0),
	GMCSIM_JSON_CUSTOM_FIELD("pdb0", struct gmcsim_cond, pdb0, sim_read_when_bool, 0),
	GMCSIM_JSON_CUSTOM_FIELD("pg", struct gmcsim_cond, pg, read_pg, 0),
	GMCSIM_JSON_CUSTOM_FIELD("params", struct gmcsim_cond, params, read_params, 0),
	GMCSIM_JSON_CUSTOM_FIELD("host", struct gmcsim_cond, host, read_host, 0),
	GMCSIM_JSON_CUSTOM_FIELD("gc", struct gmcsim_cond, gc, read_gc, 0),
	GMCSIM_JSON_CUSTOM_FIELD("mp0", struct gmcsim_cond, mp0, read_versions, 0),
	GMCSIM_JSON_CUSTOM_FIELD("mp0_not", struct gmcsim_cond, mp0_not, read_versions, 0),
	GMCSIM_JSON_CUSTOM_FIELD("mp1", struct gmcsim_cond, mp1, read_versions, 0),
	GMCSIM_JSON_CUSTOM_FIELD("mp1_not", struct gmcsim_cond, mp1_not, read_versions, 0),
	GMCSIM_JSON_CUSTOM_FIELD("vcn", struct gmcsim_cond, vcn, read_versions, 0),
	GMCSIM_JSON_CUSTOM_FIELD("jpeg", struct gmcsim_cond, jpeg, read_versions, 0),
	GMCSIM_JSON_CUSTOM("fw_min", read_fw_min, 0),
};

const struct gmcsim_json_keys sim_cond_keys = GMCSIM_JSON_KEYS(cond_key_list);

/* Where one list of alternatives goes: "exists" or "consumed". */
struct cond_list {
	struct gmcsim_cond *conds;
	unsigned *n;
};

static int
read_cond(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	  void *ctx)
{
	struct cond_list *cl = ctx;
	struct gmcsim_cond *c = &cl->conds[index];

	memset(c, 0, sizeof(*c));
	*cl->n = (unsigned)index + 1;
	return gmcsim_json_walk(js, path, val, &sim_cond_keys, c);
}

/* One condition object, or an array of alternatives (any one holding is enough). */
int
sim_conds_read(struct gmcsim_json *js, const char *path, struct json_object *val,
	       struct gmcsim_cond *conds, unsigned *n)
{
	struct cond_list cl = { .conds = conds, .n = n };
	int rc;

	*n = 0;
	if (json_object_is_type(val, json_type_object))
		return read_cond(js, path, 0, val, &cl);
	rc = gmcsim_json_each(js, path, val, "conditions", GMCSIM_COND_MAX, read_cond, &cl);
	if (rc == 0 && *n == 0)
		return gmcsim_json_fail(js, -EINVAL, path,
					"give a condition object, or an array of at least one");
	return rc;
}

static int
read_exists(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct gmcsim_site *s = target;

	return sim_conds_read(js, path, val, s->exists, &s->n_exists);
}

static int
read_consumed(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	      struct json_object *val, void *target)
{
	struct gmcsim_site *s = target;

	return sim_conds_read(js, path, val, s->consumed, &s->n_consumed);
}

/* --- citations --- */

/* An array of "file.c:function" strings joined with @c sep. */
struct cite_list {
	char *buf;
	size_t size, used;
	const char *sep;
};

static int
read_cite_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	       void *ctx)
{
	struct cite_list *cl = ctx;
	char item[GMCSIM_CITE_MAX];
	int rc = gmcsim_json_string(js, path, val, GMCSIM_JSON_TEXT, item, sizeof(item));

	if (rc)
		return rc;
	if (!item[0])
		return gmcsim_json_fail(js, -EINVAL, path, "an empty citation");
	if (cl->used + strlen(cl->sep) + strlen(item) + 1 > cl->size)
		return gmcsim_json_fail(js, -EINVAL, path, "the list is longer than %zu bytes",
					cl->size - 1);
	cl->used += (size_t)snprintf(cl->buf + cl->used, cl->size - cl->used, "%s%s",
				     cl->used ? cl->sep : "", item);
	return 0;
}

static int
read_cite_list(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	       struct json_object *val, void *target)
{
	struct cite_list cl = { .buf = gmcsim_json_field(key, target), .size = key->size };

	/* consumers are a list of functions; conditions, of sentences */
	cl.sep = strcmp(key->key, "conditions") == 0 ? "; " : ", ";
	cl.buf[0] = '\0';
	return gmcsim_json_each(js, path, val, "citations", 16, read_cite_item, &cl);
}

static const struct gmcsim_json_key cite_key_list[] = {
	GMCSIM_JSON_STRING("kernel", struct gmcsim_cite, kernel, GMCSIM_JSON_PRINTABLE,
			   GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("tree", struct gmcsim_cite, tree, GMCSIM_JSON_PRINTABLE, 0),
	GMCSIM_JSON_STRING("create", struct gmcsim_cite, create, GMCSIM_JSON_TEXT,
			   GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("free", struct gmcsim_cite, free, GMCSIM_JSON_TEXT,
			   GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("cache", struct gmcsim_cite, cache, GMCSIM_JSON_TEXT, 0),
	GMCSIM_JSON_CUSTOM_FIELD("consume", struct gmcsim_cite, consume, read_cite_list,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("refresh", struct gmcsim_cite, refresh, GMCSIM_JSON_TEXT, 0),
	GMCSIM_JSON_CUSTOM_FIELD("conditions", struct gmcsim_cite, conditions, read_cite_list, 0),
};

static const struct gmcsim_json_keys cite_keys = GMCSIM_JSON_KEYS(cite_key_list);

/* "status": "verified" (the default) or "uncertain" */
static const char *const status_names[] = { "verified", "uncertain" };

static int
read_status(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct gmcsim_site *s = target;
	unsigned i;
	int rc = gmcsim_json_enum(js, path, val, status_names, 2, GMCSIM_JSON_ANY_NAME, &i);

	if (rc == 0)
		s->uncertain = i == 1;
	return rc;
}

/* --- sites --- */

/*
 * A site's keys, as docs/catalog.md lists them; those not required have the
 * defaults it gives. @p REQ is GMCSIM_JSON_REQUIRED for a site and 0 for a
 * kernel override, which changes only the keys it names.
 */
#define SITE_KEYS(REQ)                                                                             \
	GMCSIM_JSON_STRING("ref", struct gmcsim_site, ref, GMCSIM_JSON_TEXT, 0),                   \
		GMCSIM_JSON_ENUM("create", struct gmcsim_site, create, sim_hook_names,             \
				 GMCSIM_HOOK_COUNT, CREATE_HOOKS, REQ),                            \
		GMCSIM_JSON_BOOL("lazy", struct gmcsim_site, lazy, 0),                             \
		GMCSIM_JSON_BOOL("recreate_on_resume", struct gmcsim_site, recreate_on_resume, 0), \
		GMCSIM_JSON_ENUM("free_in", struct gmcsim_site, free_in, sim_hook_names,           \
				 GMCSIM_HOOK_COUNT, FREE_HOOKS, REQ),                              \
		GMCSIM_JSON_CUSTOM_FIELD("domain", struct gmcsim_site, domain, read_domain, REQ),  \
		GMCSIM_JSON_CUSTOM_FIELD("domain_sriov", struct gmcsim_site, domain_sriov,         \
					 read_domain, 0),                                          \
		GMCSIM_JSON_UINT("size", struct gmcsim_site, size, SITE_SIZE_MAX, REQ),            \
		GMCSIM_JSON_ENUM("cache", struct gmcsim_site, cache, sim_cache_names,              \
				 GMCSIM_CACHE_COUNT, GMCSIM_JSON_ANY_NAME, REQ),                   \
		GMCSIM_JSON_ENUM("addr", struct gmcsim_site, addr, sim_addr_names, SIM_ADDR_COUNT, \
				 GMCSIM_JSON_ANY_NAME, REQ),                                       \
		GMCSIM_JSON_UINT("derived_offset", struct gmcsim_site, derived_offset,             \
				 SITE_SIZE_MAX, 0),                                                \
		GMCSIM_JSON_CUSTOM_FIELD("consume", struct gmcsim_site, consume, read_consume,     \
					 REQ),                                                     \
		GMCSIM_JSON_ENUM("fw_load", struct gmcsim_site, fw_load, sim_fw_load_names,        \
				 SIM_FW_LOAD_COUNT, GMCSIM_JSON_ANY_NAME, 0),                      \
		GMCSIM_JSON_BOOL("rfc_helper", struct gmcsim_site, rfc_helper, 0),                 \
		GMCSIM_JSON_BOOL("upstream_fb_aper", struct gmcsim_site, upstream_fb_aper, 0),     \
		GMCSIM_JSON_CUSTOM_FIELD("gc", struct gmcsim_site, gc, read_gc, 0),                \
		GMCSIM_JSON_STRING("consumer", struct gmcsim_site, consumer, GMCSIM_JSON_TEXT, 0), \
		GMCSIM_JSON_CUSTOM("exists", read_exists, 0),                                      \
		GMCSIM_JSON_CUSTOM("consumed", read_consumed, 0),                                  \
		GMCSIM_JSON_ENUM("multiplicity", struct gmcsim_site, multiplicity,                 \
				 sim_multiplicity_names, GMCSIM_MULT_COUNT, GMCSIM_JSON_ANY_NAME,  \
				 0),                                                               \
		GMCSIM_JSON_CUSTOM("status", read_status, 0),                                      \
		GMCSIM_JSON_STRING("note", struct gmcsim_site, note, GMCSIM_JSON_TEXT, 0)

/* A site's own keys: its name, what it is, its citations and its kernel overrides. */
struct site_read {
	struct gmcsim_site site;
	struct json_object *kernels; /* borrowed from the document */
};

static const struct gmcsim_json_key site_key_list[] = {
	GMCSIM_JSON_STRING("name", struct gmcsim_site, name, GMCSIM_JSON_NAME,
			   GMCSIM_JSON_REQUIRED),
	SITE_KEYS(GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_OBJECT("cite", struct gmcsim_site, cite, &cite_keys, 0),
};

static const struct gmcsim_json_keys site_keys = GMCSIM_JSON_KEYS(site_key_list);

/* What a kernel override holds: the site keys it changes, "kernel" and "present". */
struct override {
	struct gmcsim_site *site;
	char kernel[32];
	bool absent;
};

static int
read_present(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	     struct json_object *val, void *target)
{
	struct override *o = target;
	bool present;
	int rc = gmcsim_json_bool(js, path, val, &present);

	if (rc == 0)
		o->absent = !present;
	return rc;
}

static const struct gmcsim_json_key override_own_list[] = {
	GMCSIM_JSON_STRING("kernel", struct override, kernel, GMCSIM_JSON_PRINTABLE,
			   GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("present", read_present, 0),
};

static const struct gmcsim_json_key override_site_list[] = { SITE_KEYS(0) };

static const struct gmcsim_json_keys override_own_keys = GMCSIM_JSON_KEYS(override_own_list);
static const struct gmcsim_json_keys override_site_keys = GMCSIM_JSON_KEYS(override_site_list);

/*
 * The modelled kernels a "kernel" expression names, as bits: "6.17" one,
 * "<6.17", "<=6.17", ">6.12", ">=6.18" a range (by version, whatever is modelled).
 */
static int
kernel_set(struct gmcsim_json *js, const char *path, const char *expr, unsigned *out)
{
	const char *bad = NULL;
	size_t bad_len = 0;
	char full[40], q[GMCSIM_SAFE_BUF];

	/* "6.17" means 6.17.0: a kernel expression names a release, not a pattern */
	if (!expr || strlen(expr) + sizeof(".0") > sizeof(full))
		return gmcsim_json_fail(js, -EINVAL, path, "a kernel expression is too long");
	snprintf(full, sizeof(full), "%s.0", expr);
	if (strchr(expr, ',') || strchr(expr, '*') ||
	    !sim_versions_valid(full, true, &bad, &bad_len))
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is not a kernel expression like \"6.17\", \"<6.17\" "
					"or \">=6.18\"",
					gmcsim_safe_text(expr, q, sizeof(q)));
	*out = 0;
	for (unsigned k = 0; k < GMCSIM_KERNEL_COUNT; k++) {
		if (sim_versions_match(full, sim_kernel_versions[k]))
			*out |= 1u << k;
	}
	if (!*out)
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' names no modelled kernel (6.12, 6.17, 6.18)",
					gmcsim_safe_text(expr, q, sizeof(q)));
	return 0;
}

/* The checks that need several keys; the keys themselves are valid. */
static int
site_check(struct gmcsim_json *js, const struct gmcsim_site *s)
{
	unsigned first_consume;

	if (s->size == 0)
		return gmcsim_json_fail(js, -EINVAL, "size", "must be greater than 0 bytes");
	if (s->recreate_on_resume && s->create == GMCSIM_HOOK_SW_INIT)
		return gmcsim_json_fail(js, -EINVAL, "recreate_on_resume",
					"sw_init does not run on resume; create the BO on the hw "
					"path (hw_init)");
	if (s->lazy && s->create == GMCSIM_HOOK_SW_INIT)
		return gmcsim_json_fail(
			js, -EINVAL, "lazy",
			"only a hw-path creation (hw_init, late_init) can be guarded");
	/* the NULL guard skips the re-creation unless suspend freed the BO (P1) */
	if (s->lazy && s->recreate_on_resume && s->free_in != GMCSIM_HOOK_SUSPEND)
		return gmcsim_json_fail(js, -EINVAL, "lazy",
					"a guarded BO is created again on resume only when suspend "
					"frees it (free_in suspend)");
	if (s->derived_offset && s->cache != GMCSIM_CACHE_DERIVED)
		return gmcsim_json_fail(js, -EINVAL, "derived_offset",
					"only a 'derived' cache has an offset");
	if (s->derived_offset >= s->size)
		return gmcsim_json_fail(js, -EINVAL, "derived_offset",
					"0x%" PRIx64 " is not inside the BO (size 0x%" PRIx64 ")",
					s->derived_offset, s->size);
	first_consume = (unsigned)__builtin_ctz(s->consume);
	if (first_consume < (unsigned)s->create)
		return gmcsim_json_fail(js, -EINVAL, "consume",
					"'%s' comes before the BO is created in '%s'",
					sim_hook_names[first_consume], sim_hook_names[s->create]);
	if (s->upstream_fb_aper && !((s->domain | s->domain_sriov) & GMC_DOMAIN_VRAM))
		return gmcsim_json_fail(js, -EINVAL, "upstream_fb_aper",
					"amdgpu_bo_fb_aper_addr() takes VRAM BOs only; the domain "
					"has no vram");
	return 0;
}

/* Site @p index of a block: every message names it, whatever order its keys come in. */
static void
site_where(struct json_object *obj, size_t index, char *where, size_t len)
{
	struct json_object *name;
	char q[GMCSIM_SAFE_BUF];

	if (json_object_object_get_ex(obj, "name", &name) &&
	    json_object_is_type(name, json_type_string))
		snprintf(where, len, "sites[%zu] '%s': ", index,
			 gmcsim_safe_text(json_object_get_string(name), q, sizeof(q)));
	else
		snprintf(where, len, "sites[%zu]: ", index);
}

/* Walk kernel override @p o of @p obj onto @p s. */
static int
apply_override(struct gmcsim_json *js, const char *path, struct json_object *obj,
	       struct override *o)
{
	const struct gmcsim_json_part parts[] = {
		{ &override_own_keys, o },
		{ &override_site_keys, o->site },
	};

	return gmcsim_json_walk_parts(js, path, obj, parts, 2);
}

/*
 * The variants of a site whose facts differ between kernels: one per group of
 * modelled kernels that see the same facts, each with its @c kernels bits.
 * Appends to @p out (room for GMCSIM_KERNEL_COUNT more) and counts in @p n.
 */
static int
expand_kernels(struct gmcsim_json *js, const struct site_read *r, struct gmcsim_site *out,
	       size_t *n)
{
	size_t first = *n;
	size_t n_over = json_object_is_type(r->kernels, json_type_array)
				? json_object_array_length(r->kernels)
				: 0;

	/* the type first: json-c asserts on the length of what is not an array */
	if (n_over == 0)
		return gmcsim_json_fail(js, -EINVAL, "kernels",
					"expected a non-empty array of overrides");
	for (unsigned k = 0; k < GMCSIM_KERNEL_COUNT; k++) {
		struct gmcsim_site v = r->site;
		bool absent = false, merged = false;

		for (size_t i = 0; i < n_over; i++) {
			struct json_object *o_obj = json_object_array_get_idx(r->kernels, i);
			struct override o = { .site = &v };
			char path[GMCSIM_JSON_PATH_MAX];
			struct json_object *expr;
			unsigned set = 0;
			int rc;

			gmcsim_json_path_index(path, sizeof(path), "kernels", i);
			/* the expression first: an override that does not apply is not read */
			if (!json_object_is_type(o_obj, json_type_object) ||
			    !json_object_object_get_ex(o_obj, "kernel", &expr) ||
			    !json_object_is_type(expr, json_type_string))
				return gmcsim_json_fail(js, -EINVAL, path,
							"an override needs \"kernel\": a string "
							"like \"6.17\"");
			rc = kernel_set(js, path, json_object_get_string(expr), &set);
			if (rc)
				return rc;
			if (!(set & (1u << k)))
				continue;
			rc = apply_override(js, path, o_obj, &o);
			if (rc)
				return rc;
			absent = o.absent;
		}
		if (absent)
			continue;
		v.kernels = 1u << k;
		for (size_t j = first; j < *n && !merged; j++) {
			struct gmcsim_site a = out[j];

			a.kernels = v.kernels;
			if (memcmp(&a, &v, sizeof(a)) == 0) {
				out[j].kernels |= v.kernels;
				merged = true;
			}
		}
		if (!merged) {
			/* the variant's fault, named with its key: "... kernels (6.12):
			 * derived_offset: ..." */
			char where[GMCSIM_NAME_MAX + 64];
			struct gmcsim_json vjs = *js;
			int rc;

			snprintf(where, sizeof(where),
				 "%skernels (%s): ", js->where ? js->where : "",
				 gmcsim_kernel_name((enum gmcsim_kernel)k));
			vjs.where = where;
			rc = site_check(&vjs, &v);
			if (rc)
				return rc;
			out[(*n)++] = v;
		}
	}
	/* every kernel the same: no kernel bits */
	if (*n == first + 1 && out[first].kernels == (1u << GMCSIM_KERNEL_COUNT) - 1)
		out[first].kernels = 0;
	return 0;
}

/* A parsed block file: its sites and its place in the init order. */
struct block {
	char name[GMCSIM_NAME_MAX];
	struct gmcsim_site *sites; /* owned */
	size_t *file_index;	   /* owned: the index in the file each entry comes from */
	size_t n, cap;
	uint64_t order;
	/* owned: each site's first entry + 1 by name, so a repeat is found in O(1) */
	size_t *names;
	size_t n_names, cap_names;
};

static size_t
name_hash(const char *name)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * UINT64_C(0x100000001b3);
	return (size_t)(h ^ (h >> 29));
}

/* The slot of @p name in @p b's name index: the entry of that name, or a free slot. */
static size_t *
name_slot(const struct block *b, const char *name)
{
	size_t mask = b->cap_names - 1;

	for (size_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
		if (!b->names[i] || strcmp(b->sites[b->names[i] - 1].name, name) == 0)
			return &b->names[i];
	}
}

/* Room for one more name, the index at most half full. */
static int
names_grow(struct block *b)
{
	size_t cap = b->cap_names ? b->cap_names * 2 : 64, *old = b->names, old_cap = b->cap_names;

	if ((b->n_names + 1) * 2 <= b->cap_names)
		return 0;
	b->names = calloc(cap, sizeof(*b->names));
	if (!b->names) {
		b->names = old;
		return -ENOMEM;
	}
	b->cap_names = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i])
			*name_slot(b, b->sites[old[i] - 1].name) = old[i];
	}
	free(old);
	return 0;
}

/* The site at index @p index of the file: one entry, or one per kernel variant. */
static int
read_site(struct gmcsim_json *parent, const char *path, size_t index, struct json_object *val,
	  void *ctx)
{
	static const struct gmcsim_json_key kernels_key =
		GMCSIM_JSON_RAW("kernels", struct site_read, kernels);
	static const struct gmcsim_json_keys own = { &kernels_key, 1, NULL };
	struct block *b = ctx;
	char where[GMCSIM_NAME_MAX + 32];
	struct gmcsim_json js = { .err = parent->err, .where = where };
	struct site_read *r = calloc(1, sizeof(*r));
	size_t first = b->n;
	int rc;

	if (!r)
		return gmcsim_json_fail(parent, -ENOMEM, path, "out of memory");
	site_where(val, index, where, sizeof(where));
	if (b->n + GMCSIM_KERNEL_COUNT > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct gmcsim_site *sites = realloc(b->sites, cap * sizeof(*sites));
		size_t *idx = sites ? realloc(b->file_index, cap * sizeof(*idx)) : NULL;

		if (sites)
			b->sites = sites;
		if (!idx) {
			free(r);
			return gmcsim_json_fail(parent, -ENOMEM, path, "out of memory");
		}
		b->file_index = idx;
		b->cap = cap;
	}
	r->site.addr = GMC_ADDR_MC;
	r->site.fw_load = GMCSIM_FW_ANY;
	{
		const struct gmcsim_json_part parts[] = {
			{ &site_keys, &r->site },
			{ &own, r },
		};

		rc = gmcsim_json_walk_parts(&js, "", val, parts, 2);
	}
	if (!rc)
		rc = site_check(&js, &r->site);
	if (!rc && r->site.uncertain && !r->site.note[0])
		rc = gmcsim_json_fail(&js, -EINVAL, "note",
				      "an uncertain site says what is unknown in a note");
	if (!rc && r->kernels)
		rc = expand_kernels(&js, r, b->sites, &b->n);
	else if (!rc)
		b->sites[b->n++] = r->site;
	free(r);
	if (rc)
		return rc;
	for (size_t j = first; j < b->n; j++)
		b->file_index[j] = index;
	/* a name may repeat only in kernel variants of one site, never across sites */
	if (first == b->n)
		return 0;
	if (names_grow(b))
		return gmcsim_json_fail(parent, -ENOMEM, path, "out of memory");
	{
		size_t *slot = name_slot(b, b->sites[first].name);

		if (*slot)
			return gmcsim_json_fail(parent, -EINVAL, "",
						"sites[%zu]: duplicate site name '%s' (also "
						"sites[%zu])",
						index, b->sites[first].name,
						b->file_index[*slot - 1]);
		*slot = first + 1;
		b->n_names++;
	}
	return 0;
}

static int
read_sites(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	   struct json_object *val, void *target)
{
	struct block *b = target;
	int rc = gmcsim_json_each(js, path, val, "sites", SIZE_MAX, read_site, b);

	if (rc == 0 && b->n == 0)
		return gmcsim_json_fail(js, -EINVAL, path, "a block needs at least one site");
	return rc;
}

/* A block file; of a repeated key json-c keeps the last, so "sites" is read once. */
static const struct gmcsim_json_key block_key_list[] = {
	GMCSIM_JSON_STRING("block", struct block, name, GMCSIM_JSON_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_UINT("order", struct block, order, ORDER_MAX, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("sites", read_sites, GMCSIM_JSON_REQUIRED),
};

static const struct gmcsim_json_keys block_keys = GMCSIM_JSON_KEYS(block_key_list);

static int
parse_block(const char *json, struct block *out, struct gmc_error *err)
{
	struct gmcsim_json js = { .err = err };
	struct json_object *root = NULL;
	struct block b = { .sites = NULL };
	int rc;

	if (!json)
		return gmcsim_fail(err, -EINVAL, "no JSON text");
	rc = gmcsim_json_parse(&js, NULL, json, strlen(json), "the text", &root);
	if (rc)
		return rc;
	rc = gmcsim_json_walk(&js, "", root, &block_keys, &b);
	json_object_put(root);
	free(b.file_index); /* only the duplicate-name check needs them */
	free(b.names);
	b.file_index = NULL;
	b.names = NULL;
	if (rc) {
		free(b.sites);
		return rc;
	}
	/* the sites may come before the block's name in the file */
	for (size_t i = 0; i < b.n; i++)
		snprintf(b.sites[i].block, sizeof(b.sites[i].block), "%s", b.name);
	*out = b;
	return 0;
}

GMCSIM_EXPORT int
gmcsim_sites_parse(const char *json, struct gmcsim_site **sites, size_t *n, struct gmc_error *err)
{
	struct block b;
	int rc;

	if (!sites || !n)
		return gmcsim_fail(err, -EINVAL, "no place for the sites");
	rc = parse_block(json, &b, err);
	if (rc)
		return rc;
	*sites = b.sites;
	*n = b.n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The built-in catalog                                                 */
/* ------------------------------------------------------------------ */

/*
 * Parsed once, on first use, into static storage: blocks in the driver's
 * init order ("order", ties by file name), sites in file order. Nothing is
 * kept on the heap, so nothing is left to free at exit. A built-in file that
 * fails to parse leaves the catalog empty and every gmcsim_catalog_at() says
 * so (-EBADMSG), never an empty catalog that looks like a clean run: the
 * tests parse each file and name the fault.
 */
static struct gmcsim_site catalog[CATALOG_MAX];
static size_t catalog_n;
static bool catalog_bad;
static pthread_once_t catalog_once = PTHREAD_ONCE_INIT;

static void
catalog_load(void)
{
	struct block blocks[64];
	size_t nb = gmcsim_builtin_catalog_count, total = 0;
	int rc = 0;

	if (nb > sizeof(blocks) / sizeof(blocks[0])) {
		catalog_bad = true;
		return;
	}
	for (size_t i = 0; i < nb; i++) {
		rc = parse_block(gmcsim_builtin_catalog[i].text, &blocks[i], NULL);
		if (rc) {
			nb = i;
			break;
		}
	}
	/* insertion sort keeps the file-name order (embed.py's) among equal orders */
	for (size_t i = 1; i < nb; i++) {
		struct block b = blocks[i];
		size_t j = i;

		for (; j > 0 && blocks[j - 1].order > b.order; j--)
			blocks[j] = blocks[j - 1];
		blocks[j] = b;
	}
	for (size_t i = 0; i < nb; i++)
		total += blocks[i].n;
	catalog_bad = rc != 0 || total > CATALOG_MAX;
	if (!catalog_bad) {
		for (size_t i = 0; i < nb; i++) {
			memcpy(&catalog[catalog_n], blocks[i].sites,
			       blocks[i].n * sizeof(blocks[i].sites[0]));
			catalog_n += blocks[i].n;
		}
	}
	for (size_t i = 0; i < nb; i++)
		free(blocks[i].sites);
}

GMCSIM_EXPORT size_t
gmcsim_catalog_count(void)
{
	pthread_once(&catalog_once, catalog_load);
	return catalog_n;
}

GMCSIM_EXPORT int
gmcsim_catalog_at(size_t index, struct gmcsim_site *out)
{
	if (!out)
		return -EINVAL;
	if (index >= gmcsim_catalog_count())
		return catalog_bad ? -EBADMSG : -ENOENT;
	*out = catalog[index];
	return 0;
}

/* ------------------------------------------------------------------ */
/* Applicability                                                        */
/* ------------------------------------------------------------------ */

/* The site's "gc" as a NUL-terminated copy: a harness may fill the struct itself. */
static void
gc_text(const struct gmcsim_site *site, char *buf)
{
	memcpy(buf, site->gc, sizeof(site->gc));
	buf[sizeof(site->gc) - 1] = '\0';
}

/*
 * A site may apply when its GC patterns match the part and it may exist on
 * the firmware-load path: a VF loads through PSP, so a direct-load site never
 * applies to one; on bare metal the path is the amdgpu.fw_load_type
 * parameter's choice, so every site may exist there (gmcsim_site_presence()
 * takes the profile's own choice). Without a part (NULL) only sites for every
 * GC version apply, and a hand-filled site whose "gc" does not parse applies
 * nowhere.
 */
GMCSIM_EXPORT bool
gmcsim_site_applies(const struct gmcsim_site *site, const struct gmc_asic *asic, bool sriov)
{
	char gc[sizeof(site->gc)];

	if (!site || (sriov && site->fw_load == GMCSIM_FW_DIRECT))
		return false;
	gc_text(site, gc);
	if (!asic)
		return gc[0] == '\0';
	return sim_versions_valid(gc, false, NULL, NULL) &&
	       sim_versions_match(gc, gmc_asic_gc(asic));
}

GMCSIM_EXPORT enum gmcsim_presence
gmcsim_site_presence(const struct gmcsim_site *site, const struct gmcsim_profile *profile,
		     enum gmcsim_kernel kernel, char *why, size_t len)
{
	return sim_site_presence(site, profile, kernel, false, why, len);
}

bool
sim_site_may_exist(const struct gmcsim_site *site, const struct gmcsim_profile *profile,
		   enum gmcsim_kernel kernel)
{
	return sim_site_presence(site, profile, kernel, false, NULL, 0) != GMCSIM_SITE_ABSENT ||
	       sim_site_presence(site, profile, kernel, true, NULL, 0) != GMCSIM_SITE_ABSENT;
}

enum gmcsim_presence
sim_site_presence(const struct gmcsim_site *site, const struct gmcsim_profile *profile,
		  enum gmcsim_kernel kernel, bool migrate_gate, char *why, size_t len)
{
	char gc[sizeof(site->gc)], v[16];
	struct sim_target t;

	if (why && len)
		why[0] = '\0';
	if (!site || !profile || !profile->asic || (unsigned)kernel >= GMCSIM_KERNEL_COUNT) {
		if (why)
			snprintf(why, len, "no site, profile or kernel");
		return GMCSIM_SITE_ABSENT;
	}
	sim_target_init(&t, profile, kernel, migrate_gate);
	if (site->kernels && !(site->kernels & (1u << kernel))) {
		if (why)
			snprintf(why, len, "not in kernel %s", gmcsim_kernel_name(kernel));
		return GMCSIM_SITE_ABSENT;
	}
	gc_text(site, gc);
	if (!sim_versions_valid(gc, false, NULL, NULL) || !sim_versions_match(gc, t.gc)) {
		if (why)
			snprintf(why, len, "GC %s is not in %s",
				 sim_version_str(t.gc, v, sizeof(v)), gc);
		return GMCSIM_SITE_ABSENT;
	}
	if (site->fw_load != GMCSIM_FW_ANY && site->fw_load != t.fw_load) {
		if (why)
			snprintf(why, len,
				 "only with %s firmware load: this profile loads through %s",
				 site->fw_load == GMCSIM_FW_DIRECT ? "direct" : "PSP",
				 t.fw_load == GMCSIM_FW_DIRECT ? "direct" : "PSP");
		return GMCSIM_SITE_ABSENT;
	}
	if (!sim_conds_hold(site->exists, site->n_exists, &t, why, len))
		return GMCSIM_SITE_ABSENT;
	if (!sim_conds_hold(site->consumed, site->n_consumed, &t, why, len))
		return GMCSIM_SITE_NOT_CONSUMED;
	return GMCSIM_SITE_USED;
}
