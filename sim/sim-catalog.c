/* SPDX-License-Identifier: MIT */
/*
 * The catalog: the driver's kernel-BO call sites as data. One JSON file per
 * IP block (sim/catalog/<block>.json, vocabulary in docs/catalog.md) becomes
 * an array of struct gmcsim_site. The built-in files are compiled in as text
 * by sim/embed.py and parsed at run time by the same gmcsim_sites_parse() a
 * user's block file goes through, so the two can never disagree.
 *
 * Every value is checked for type and range and every failure names the site
 * and the key: the parser is fuzzed and must never crash on any input.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "sim-embed.h"
#include "sim-names.h"
#include "util.h"

/* Highest "order" a block may give: room for every IP block with gaps. */
#define ORDER_MAX 9999

/*
 * Largest BO a site may describe: the 48-bit MC address space of gmc v9..v12
 * (gmc.mc_mask), which no single BO can exceed.
 */
#define SITE_SIZE_MAX (UINT64_C(1) << 48)

/* Room for the built-in catalog (71 sites today); a test checks the fit. */
#define CATALOG_MAX 256

/* The hooks a site may be created in and freed in (struct gmcsim_site). */
#define CREATE_HOOKS                                                                               \
	((1u << GMCSIM_HOOK_SW_INIT) | (1u << GMCSIM_HOOK_HW_INIT) | (1u << GMCSIM_HOOK_LATE_INIT))
#define FREE_HOOKS                                                                                 \
	((1u << GMCSIM_HOOK_SUSPEND) | (1u << GMCSIM_HOOK_HW_FINI) | (1u << GMCSIM_HOOK_SW_FINI))

/* ------------------------------------------------------------------ */
/* Name lists for messages                                             */
/* ------------------------------------------------------------------ */

/* Index of @p name in @p table of @p n names, or -1. */
static int
name_lookup(const char *const *table, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (table[i] && strcmp(table[i], name) == 0)
			return (int)i;
	}
	return -1;
}

/* Append @p s to the NUL-terminated @p buf of @p len bytes, cutting it to fit. */
static void
append(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf), n = strlen(s);

	if (used + n >= len)
		n = len - 1 - used;
	memcpy(buf + used, s, n);
	buf[used + n] = '\0';
}

/* "a, b or c": the names of @p table selected by @p mask, for messages. */
static const char *
name_list(const char *const *table, size_t n, unsigned mask, char *buf, size_t len)
{
	size_t left = 0;

	for (size_t i = 0; i < n; i++)
		left += (mask >> i) & 1u;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!((mask >> i) & 1u))
			continue;
		left--;
		if (buf[0])
			append(buf, len, left == 0 ? " or " : ", ");
		append(buf, len, table[i]);
	}
	return buf;
}

/* ------------------------------------------------------------------ */
/* GC version patterns                                                  */
/* ------------------------------------------------------------------ */

/* One comma-separated item of a "gc" value: components, -1 for '*'. */
struct gc_pattern {
	int part[3];
	unsigned n; /* components given; the last may be a wildcard */
};

/*
 * Parse one item ("9.4.4", "9.*", "10.3.*", "*") of @p len bytes. A pattern
 * names a full version or ends in '*': "9.4" alone is refused so that nobody
 * has to guess whether it means 9.4.0 or 9.4.*.
 */
static bool
gc_item_parse(const char *s, size_t len, struct gc_pattern *out)
{
	size_t i = 0;

	out->n = 0;
	while (i < len) {
		int v = 0;

		if (out->n == 3)
			return false;
		if (s[i] == '*') {
			out->part[out->n++] = -1;
			return i + 1 == len; /* the wildcard ends the pattern */
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			v = v * 10 + (s[i] - '0');
			if (v > 255) /* IP version components are 8-bit (GMC_IP_VERSION) */
				return false;
		}
		out->part[out->n++] = v;
		if (i == len)
			break;
		if (s[i] != '.' || i + 1 == len)
			return false;
		i++;
	}
	return out->n == 3;
}

static bool
gc_item_matches(const struct gc_pattern *p, uint32_t gc)
{
	const int have[3] = { (int)GMC_IP_MAJ(gc), (int)GMC_IP_MIN(gc), (int)GMC_IP_REV(gc) };

	for (unsigned i = 0; i < p->n; i++) {
		if (p->part[i] < 0)
			return true;
		if (p->part[i] != have[i])
			return false;
	}
	return true;
}

/*
 * Walk the comma-separated items of @p text (spaces around items allowed).
 * With @p gc non-NULL, *@p match tells whether any item matches it.
 * @return false when an item is malformed; @p bad, if given, points at it.
 */
static bool
gc_walk(const char *text, const uint32_t *gc, bool *match, const char **bad, size_t *bad_len)
{
	const char *p = text;

	if (match)
		*match = text[0] == '\0';
	if (text[0] == '\0')
		return true;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *item = p;
		size_t item_len = len;
		struct gc_pattern pat;

		while (item_len && *item == ' ') {
			item++;
			item_len--;
		}
		while (item_len && item[item_len - 1] == ' ')
			item_len--;
		if (!gc_item_parse(item, item_len, &pat)) {
			if (bad) {
				*bad = item;
				*bad_len = item_len;
			}
			return false;
		}
		if (gc && match && gc_item_matches(&pat, *gc))
			*match = true;
		if (!end)
			return true;
		p = end + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

/* Where a message says the problem is: "sites[3] 'tmr': " or "". */
struct where {
	char text[GMCSIM_NAME_MAX + 32];
};

/* The keys of a site; the bit of each is 1u << index in site_keys[]. */
enum site_key {
	K_NAME,
	K_REF,
	K_CREATE,
	K_LAZY,
	K_RECREATE,
	K_FREE_IN,
	K_DOMAIN,
	K_DOMAIN_SRIOV,
	K_SIZE,
	K_CACHE,
	K_ADDR,
	K_DERIVED_OFFSET,
	K_CONSUME,
	K_FW_LOAD,
	K_RFC_HELPER,
	K_UPSTREAM_FB_APER,
	K_GC,
	K_CONSUMER,
	K_COUNT
};

static const char *const site_keys[K_COUNT] = {
	[K_NAME] = "name",
	[K_REF] = "ref",
	[K_CREATE] = "create",
	[K_LAZY] = "lazy",
	[K_RECREATE] = "recreate_on_resume",
	[K_FREE_IN] = "free_in",
	[K_DOMAIN] = "domain",
	[K_DOMAIN_SRIOV] = "domain_sriov",
	[K_SIZE] = "size",
	[K_CACHE] = "cache",
	[K_ADDR] = "addr",
	[K_DERIVED_OFFSET] = "derived_offset",
	[K_CONSUME] = "consume",
	[K_FW_LOAD] = "fw_load",
	[K_RFC_HELPER] = "rfc_helper",
	[K_UPSTREAM_FB_APER] = "upstream_fb_aper",
	[K_GC] = "gc",
	[K_CONSUMER] = "consumer",
};

/* Keys every site must give; the rest have the defaults docs/catalog.md lists. */
#define REQUIRED_KEYS                                                                              \
	((1u << K_NAME) | (1u << K_CREATE) | (1u << K_FREE_IN) | (1u << K_DOMAIN) |                \
	 (1u << K_SIZE) | (1u << K_CACHE) | (1u << K_ADDR) | (1u << K_CONSUME))

static int
type_error(const struct where *w, const char *key, const char *want, struct json_object *val,
	   struct gmc_error *err)
{
	return gmcsim_fail(err, -EINVAL, "%s%s: expected %s, not %s", w->text, key, want,
		    json_type_to_name(json_object_get_type(val)));
}

/*
 * A JSON string copied into @p buf of @p len bytes. @p charset, if given,
 * lists the bytes allowed (names); otherwise any text that fits is taken.
 */
static int
get_string(const struct where *w, const char *key, struct json_object *val, char *buf,
	   size_t len, bool allow_empty, const char *charset, struct gmc_error *err)
{
	const char *s;
	size_t n;

	if (!json_object_is_type(val, json_type_string))
		return type_error(w, key, "a string", val, err);
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (!s || strlen(s) != n)
		return gmcsim_fail(err, -EINVAL, "%s%s: the string holds a NUL character", w->text, key);
	if (n == 0 && !allow_empty)
		return gmcsim_fail(err, -EINVAL, "%s%s: must not be empty", w->text, key);
	if (n >= len)
		return gmcsim_fail(err, -EINVAL, "%s%s: longer than %zu bytes", w->text, key, len - 1);
	if (charset && s[strspn(s, charset)] != '\0') {
		char q[GMCSIM_SAFE_BUF];

		return gmcsim_fail(err, -EINVAL,
			    "%s%s: '%s' may hold only letters, digits, '_', '-' and '.'", w->text,
			    key, gmcsim_safe_text(s, q, sizeof(q)));
	}
	memcpy(buf, s, n + 1);
	return 0;
}

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."

static int
get_bool(const struct where *w, const char *key, struct json_object *val, bool *out,
	 struct gmc_error *err)
{
	if (!json_object_is_type(val, json_type_boolean))
		return type_error(w, key, "true or false", val, err);
	*out = json_object_get_boolean(val);
	return 0;
}

static int
get_u64(const struct where *w, const char *key, struct json_object *val, uint64_t max,
	uint64_t *out, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX];

	/* Every malformed value is -EINVAL here, whatever the number helper says. */
	if (gmcsim_json_get_u64(val, max, out, why, sizeof(why)))
		return gmcsim_fail(err, -EINVAL, "%s%s: %s", w->text, key, why);
	return 0;
}

/*
 * The text of a JSON string value for a name lookup, or NULL after
 * reporting why it is not one (wrong type, a NUL byte inside).
 */
static const char *
get_name_text(const struct where *w, const char *key, struct json_object *val,
	      struct gmc_error *err)
{
	const char *s;

	if (!json_object_is_type(val, json_type_string)) {
		type_error(w, key, "a string", val, err);
		return NULL;
	}
	s = json_object_get_string(val);
	if (!s || strlen(s) != (size_t)json_object_get_string_len(val)) {
		gmcsim_fail(err, -EINVAL, "%s%s: the string holds a NUL character", w->text, key);
		return NULL;
	}
	return s;
}

/* One name out of @p table restricted to @p mask; the index goes to @p out. */
static int
get_enum(const struct where *w, const char *key, struct json_object *val,
	 const char *const *table, size_t n, unsigned mask, unsigned *out, struct gmc_error *err)
{
	const char *s = get_name_text(w, key, val, err);
	char list[GMCSIM_TEXT_MAX];
	char q[GMCSIM_SAFE_BUF];
	int i;

	if (!s)
		return -EINVAL;
	i = name_lookup(table, n, s);
	if (i < 0 || !((mask >> i) & 1u))
		return gmcsim_fail(err, -EINVAL, "%s%s: '%s' is not one of %s", w->text, key,
			    gmcsim_safe_text(s, q, sizeof(q)),
			    name_list(table, n, mask, list, sizeof(list)));
	*out = (unsigned)i;
	return 0;
}

/* "vram", "gtt" or "vram|gtt" (AMDGPU_GEM_DOMAIN_*) into enum gmc_domain bits. */
static int
get_domain(const struct where *w, const char *key, struct json_object *val, unsigned *out,
	   struct gmc_error *err)
{
	static const struct {
		const char *name;
		unsigned bits;
	} domains[] = {
		{ "vram", GMC_DOMAIN_VRAM },
		{ "gtt", GMC_DOMAIN_GTT },
		{ "vram|gtt", GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT },
		{ "gtt|vram", GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT },
	};
	const char *s = get_name_text(w, key, val, err);
	char q[GMCSIM_SAFE_BUF];

	if (!s)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
		if (strcmp(domains[i].name, s) == 0) {
			*out = domains[i].bits;
			return 0;
		}
	}
	return gmcsim_fail(err, -EINVAL, "%s%s: '%s' is not one of vram, gtt or vram|gtt", w->text, key,
		    gmcsim_safe_text(s, q, sizeof(q)));
}

static int
get_addr(const struct where *w, const char *key, struct json_object *val,
	 enum gmc_addr_kind *out, struct gmc_error *err)
{
	const unsigned kinds = (1u << GMC_ADDR_MC) | (1u << GMC_ADDR_PA) | (1u << GMC_ADDR_CPU);
	unsigned v = 0;
	int rc = get_enum(w, key, val, sim_addr_names, SIM_ADDR_COUNT, kinds, &v, err);

	*out = (enum gmc_addr_kind)v;
	return rc;
}

static int
get_consume(const struct where *w, const char *key, struct json_object *val, unsigned *out,
	    struct gmc_error *err)
{
	const unsigned all = (1u << GMCSIM_HOOK_COUNT) - 1;
	unsigned bits = 0;
	size_t n;

	if (!json_object_is_type(val, json_type_array))
		return type_error(w, key, "an array of hook names", val, err);
	n = json_object_array_length(val);
	if (n == 0)
		return gmcsim_fail(err, -EINVAL, "%s%s: list at least one hook", w->text, key);
	for (size_t i = 0; i < n; i++) {
		char ikey[32];
		unsigned hook;
		int rc;

		snprintf(ikey, sizeof(ikey), "%s[%zu]", key, i);
		rc = get_enum(w, ikey, json_object_array_get_idx(val, i), sim_hook_names,
			      GMCSIM_HOOK_COUNT, all, &hook, err);
		if (rc)
			return rc;
		if (bits & (1u << hook))
			return gmcsim_fail(err, -EINVAL, "%s%s: '%s' is listed twice", w->text, key,
					   sim_hook_names[hook]);
		bits |= 1u << hook;
	}
	*out = bits;
	return 0;
}

static int
get_gc(const struct where *w, const char *key, struct json_object *val, char *buf, size_t len,
       struct gmc_error *err)
{
	const char *bad = NULL;
	size_t bad_len = 0;
	int rc;

	rc = get_string(w, key, val, buf, len, true, NULL, err);
	if (rc)
		return rc;
	if (!gc_walk(buf, NULL, NULL, &bad, &bad_len)) {
		char item[GMCSIM_NAME_MAX];
		char q[GMCSIM_SAFE_BUF];

		/* bad points into buf, which fits GMCSIM_NAME_MAX */
		memcpy(item, bad, bad_len);
		item[bad_len] = '\0';
		return gmcsim_fail(err, -EINVAL,
			    "%s%s: '%s' is not a GC pattern like \"9.4.4\", \"10.3.*\" or \"9.*\"",
			    w->text, key, gmcsim_safe_text(item, q, sizeof(q)));
	}
	return 0;
}

static int
site_key(struct gmcsim_site *s, enum site_key k, struct json_object *val, const struct where *w,
	 struct gmc_error *err)
{
	const char *key = site_keys[k];
	unsigned v = 0;
	int rc;

	switch (k) {
	case K_NAME:
		return get_string(w, key, val, s->name, sizeof(s->name), false, NAME_CHARS, err);
	case K_REF:
		return get_string(w, key, val, s->ref, sizeof(s->ref), true, NULL, err);
	case K_CREATE:
		rc =
		    get_enum(w, key, val, sim_hook_names, GMCSIM_HOOK_COUNT, CREATE_HOOKS, &v, err);
		s->create = (enum gmcsim_hook)v;
		return rc;
	case K_LAZY:
		return get_bool(w, key, val, &s->lazy, err);
	case K_RECREATE:
		return get_bool(w, key, val, &s->recreate_on_resume, err);
	case K_FREE_IN:
		rc = get_enum(w, key, val, sim_hook_names, GMCSIM_HOOK_COUNT, FREE_HOOKS, &v, err);
		s->free_in = (enum gmcsim_hook)v;
		return rc;
	case K_DOMAIN:
		return get_domain(w, key, val, &s->domain, err);
	case K_DOMAIN_SRIOV:
		return get_domain(w, key, val, &s->domain_sriov, err);
	case K_SIZE:
		rc = get_u64(w, key, val, SITE_SIZE_MAX, &s->size, err);
		if (rc == 0 && s->size == 0)
			return gmcsim_fail(err, -EINVAL, "%s%s: must be greater than 0 bytes", w->text,
				    key);
		return rc;
	case K_CACHE:
		rc = get_enum(w, key, val, sim_cache_names, GMCSIM_CACHE_COUNT,
			      (1u << GMCSIM_CACHE_COUNT) - 1, &v, err);
		s->cache = (enum gmcsim_cache)v;
		return rc;
	case K_ADDR:
		return get_addr(w, key, val, &s->addr, err);
	case K_DERIVED_OFFSET:
		return get_u64(w, key, val, SITE_SIZE_MAX, &s->derived_offset, err);
	case K_CONSUME:
		return get_consume(w, key, val, &s->consume, err);
	case K_FW_LOAD:
		rc = get_enum(w, key, val, sim_fw_load_names, SIM_FW_LOAD_COUNT,
			      (1u << SIM_FW_LOAD_COUNT) - 1, &v, err);
		s->fw_load = (enum gmcsim_fw_load)v;
		return rc;
	case K_RFC_HELPER:
		return get_bool(w, key, val, &s->rfc_helper, err);
	case K_UPSTREAM_FB_APER:
		return get_bool(w, key, val, &s->upstream_fb_aper, err);
	case K_GC:
		return get_gc(w, key, val, s->gc, sizeof(s->gc), err);
	case K_CONSUMER:
		return get_string(w, key, val, s->consumer, sizeof(s->consumer), true, NULL, err);
	case K_COUNT:
		break;
	}
	return gmcsim_fail(err, -EINVAL, "%sinternal error: key %d", w->text, (int)k);
}

/* The checks that need several keys; the keys themselves are valid. */
static int
site_check(const struct gmcsim_site *s, const struct where *w, struct gmc_error *err)
{
	unsigned first_consume;

	if (s->recreate_on_resume && s->create == GMCSIM_HOOK_SW_INIT)
		return gmcsim_fail(err, -EINVAL,
			    "%srecreate_on_resume: sw_init does not run on resume; create the BO "
			    "on the hw path (hw_init)",
			    w->text);
	if (s->lazy && s->create == GMCSIM_HOOK_SW_INIT)
		return gmcsim_fail(err, -EINVAL,
			    "%slazy: only a hw-path creation (hw_init, late_init) can be guarded",
			    w->text);
	/* the NULL guard skips the re-creation unless suspend freed the BO (P1) */
	if (s->lazy && s->recreate_on_resume && s->free_in != GMCSIM_HOOK_SUSPEND)
		return gmcsim_fail(err, -EINVAL,
			    "%slazy: a guarded BO is created again on resume only when suspend "
			    "frees it (free_in suspend)",
			    w->text);
	if (s->derived_offset && s->cache != GMCSIM_CACHE_DERIVED)
		return gmcsim_fail(err, -EINVAL, "%sderived_offset: only a 'derived' cache has an offset",
			    w->text);
	if (s->derived_offset >= s->size)
		return gmcsim_fail(err, -EINVAL,
			    "%sderived_offset: 0x%" PRIx64 " is not inside the BO (size 0x%" PRIx64
			    ")",
			    w->text, s->derived_offset, s->size);
	first_consume = (unsigned)__builtin_ctz(s->consume);
	if (first_consume < (unsigned)s->create)
		return gmcsim_fail(
		    err, -EINVAL, "%sconsume: '%s' comes before the BO is created in '%s'", w->text,
		    sim_hook_names[first_consume], sim_hook_names[s->create]);
	if (s->upstream_fb_aper && !((s->domain | s->domain_sriov) & GMC_DOMAIN_VRAM))
		return gmcsim_fail(err, -EINVAL,
			    "%supstream_fb_aper: amdgpu_bo_fb_aper_addr() takes VRAM BOs only; the "
			    "domain has no vram",
			    w->text);
	return 0;
}

static int
parse_site(struct json_object *obj, size_t index, const char *block, struct gmcsim_site *s,
	   struct gmc_error *err)
{
	struct where w;
	struct json_object *name;
	unsigned seen = 0;
	int rc;

	if (!json_object_is_type(obj, json_type_object))
		return gmcsim_fail(err, -EINVAL, "sites[%zu]: expected an object, not %s", index,
			    json_type_to_name(json_object_get_type(obj)));
	/* name the site in every message, whatever order its keys come in */
	if (json_object_object_get_ex(obj, "name", &name) &&
	    json_object_is_type(name, json_type_string)) {
		char q[GMCSIM_SAFE_BUF];

		snprintf(w.text, sizeof(w.text), "sites[%zu] '%s': ", index,
			 gmcsim_safe_text(json_object_get_string(name), q, sizeof(q)));
	} else {
		snprintf(w.text, sizeof(w.text), "sites[%zu]: ", index);
	}

	memset(s, 0, sizeof(*s));
	snprintf(s->block, sizeof(s->block), "%s", block);
	s->addr = GMC_ADDR_MC;
	s->fw_load = GMCSIM_FW_ANY;
	json_object_object_foreach(obj, key, val)
	{
		int k = name_lookup(site_keys, K_COUNT, key);

		if (k < 0) {
			char q[GMCSIM_SAFE_BUF];

			return gmcsim_fail(err, -EINVAL, "%sunknown key '%s'", w.text,
				    gmcsim_safe_text(key, q, sizeof(q)));
		}
		rc = site_key(s, (enum site_key)k, val, &w, err);
		if (rc)
			return rc;
		seen |= 1u << k;
	}
	for (int k = 0; k < K_COUNT; k++) {
		if (((REQUIRED_KEYS >> k) & 1u) && !((seen >> k) & 1u))
			return gmcsim_fail(err, -EINVAL, "%smissing key '%s'", w.text, site_keys[k]);
	}
	return site_check(s, &w, err);
}

/* A parsed block file: its sites and its place in the init order. */
struct block {
	struct gmcsim_site *sites;
	size_t n;
	int64_t order;
};

static int
parse_block_object(struct json_object *in, struct block *out, struct gmc_error *err)
{
	static const struct where top = { "" };
	struct json_object *block = NULL, *order = NULL, *sites = NULL;
	char name[GMCSIM_NAME_MAX];
	struct gmcsim_site *arr;
	uint64_t ord;
	size_t n;
	int rc;

	if (!json_object_is_type(in, json_type_object))
		return gmcsim_fail(err, -EINVAL, "expected a JSON object, not %s",
			    json_type_to_name(json_object_get_type(in)));
	json_object_object_foreach(in, key, val)
	{
		char q[GMCSIM_SAFE_BUF];

		if (strcmp(key, "block") == 0)
			block = val;
		else if (strcmp(key, "order") == 0)
			order = val;
		else if (strcmp(key, "sites") == 0)
			sites = val;
		else
			return gmcsim_fail(err, -EINVAL,
				    "unknown key '%s' (a block file has 'block', 'order' and "
				    "'sites')",
				    gmcsim_safe_text(key, q, sizeof(q)));
	}
	if (!block)
		return gmcsim_fail(err, -EINVAL, "missing key 'block'");
	rc = get_string(&top, "block", block, name, sizeof(name), false, NAME_CHARS, err);
	if (rc)
		return rc;
	if (!order)
		return gmcsim_fail(err, -EINVAL, "missing key 'order'");
	rc = get_u64(&top, "order", order, ORDER_MAX, &ord, err);
	if (rc)
		return rc;
	if (!sites)
		return gmcsim_fail(err, -EINVAL, "missing key 'sites'");
	if (!json_object_is_type(sites, json_type_array))
		return type_error(&top, "sites", "an array of sites", sites, err);
	n = json_object_array_length(sites);
	if (n == 0)
		return gmcsim_fail(err, -EINVAL, "sites: a block needs at least one site");

	arr = calloc(n, sizeof(*arr));
	if (!arr)
		return gmcsim_fail(err, -ENOMEM, "out of memory for %zu sites", n);
	for (size_t i = 0; i < n; i++) {
		rc = parse_site(json_object_array_get_idx(sites, i), i, name, &arr[i], err);
		if (rc)
			goto out_free;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(arr[j].name, arr[i].name) == 0) {
				rc = gmcsim_fail(err, -EINVAL,
					  "sites[%zu]: duplicate site name '%s' (also sites[%zu])",
					  i, arr[i].name, j);
				goto out_free;
			}
		}
	}
	out->sites = arr;
	out->n = n;
	out->order = (int64_t)ord;
	return 0;
out_free:
	free(arr);
	return rc;
}

/* Is the rest of @p s (up to its NUL) only JSON whitespace? */
static bool
only_space(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static int
parse_block(const char *json, struct block *out, struct gmc_error *err)
{
	struct json_tokener *tok;
	struct json_object *in;
	enum json_tokener_error jerr;
	size_t len;
	int rc;

	if (!json)
		return gmcsim_fail(err, -EINVAL, "no JSON text");
	len = strlen(json);
	if (len >= INT_MAX)
		return gmcsim_fail(err, -EINVAL, "the text is longer than %d bytes", INT_MAX - 1);
	if (only_space(json))
		return gmcsim_fail(err, -EINVAL, "empty text: expected a block object");

	tok = json_tokener_new();
	if (!tok)
		return gmcsim_fail(err, -ENOMEM, "out of memory for the JSON parser");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	/* the +1 hands json-c the NUL, so a bare number ends there */
	in = json_tokener_parse_ex(tok, json, (int)len + 1);
	jerr = json_tokener_get_error(tok);
	if (jerr != json_tokener_success) {
		rc = gmcsim_fail(err, -EINVAL, "not valid JSON: %s at byte %zu",
			  json_tokener_error_desc(jerr), json_tokener_get_parse_end(tok) + 1);
	} else if (!in) {
		rc = gmcsim_fail(err, -EINVAL, "expected a block object, not null");
	} else if (json_tokener_get_parse_end(tok) < len &&
		   !only_space(json + json_tokener_get_parse_end(tok))) {
		rc = gmcsim_fail(err, -EINVAL, "text after the JSON object at byte %zu",
			  json_tokener_get_parse_end(tok) + 1);
	} else {
		rc = parse_block_object(in, out, err);
	}
	json_object_put(in);
	json_tokener_free(tok);
	return rc;
}

GMCSIM_EXPORT int
gmcsim_sites_parse(const char *json, struct gmcsim_site **sites, size_t *n,
		   struct gmc_error *err)
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
 * fails to parse leaves the catalog empty: the tests parse each file.
 */
static struct gmcsim_site catalog[CATALOG_MAX];
static size_t catalog_n;
static pthread_once_t catalog_once = PTHREAD_ONCE_INIT;

static void
catalog_load(void)
{
	struct block blocks[64];
	size_t nb = gmcsim_builtin_catalog_count, total = 0;
	int rc = 0;

	if (nb > sizeof(blocks) / sizeof(blocks[0]))
		return;
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
	if (rc == 0 && total <= CATALOG_MAX) {
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
		return -ENOENT;
	*out = catalog[index];
	return 0;
}

/* ------------------------------------------------------------------ */
/* Applicability                                                        */
/* ------------------------------------------------------------------ */

/*
 * A site applies when its GC patterns match the part and it exists on the
 * firmware-load path in use. An SR-IOV VF always loads through PSP, so a
 * direct-load site never applies to one; on bare metal the path is the
 * amdgpu.fw_load_type parameter's choice, so every site may exist there.
 * Without a part (NULL) only sites for every GC version apply, and a
 * hand-filled site whose "gc" does not parse applies nowhere.
 */
GMCSIM_EXPORT bool
gmcsim_site_applies(const struct gmcsim_site *site, const struct gmc_asic *asic, bool sriov)
{
	char gc_text[sizeof(site->gc)];
	uint32_t gc;
	bool match = false;

	if (!site)
		return false;
	if (sriov && site->fw_load == GMCSIM_FW_DIRECT)
		return false;
	/* a harness may fill the struct itself: never read past its array */
	memcpy(gc_text, site->gc, sizeof(gc_text));
	gc_text[sizeof(gc_text) - 1] = '\0';
	if (!asic)
		return gc_text[0] == '\0';
	gc = gmc_asic_gc(asic);
	if (!gc_walk(gc_text, &gc, &match, NULL, NULL))
		return false;
	return match;
}
