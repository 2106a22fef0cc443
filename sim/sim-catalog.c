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

/* Room for the built-in catalog (71 sites today); a test checks the fit. */
#define CATALOG_MAX 256

/* The hooks a site may be created in and freed in (struct gmcsim_site). */
#define CREATE_HOOKS \
	((1u << GMCSIM_HOOK_SW_INIT) | (1u << GMCSIM_HOOK_HW_INIT) | (1u << GMCSIM_HOOK_LATE_INIT))
#define FREE_HOOKS \
	((1u << GMCSIM_HOOK_SUSPEND) | (1u << GMCSIM_HOOK_HW_FINI) | (1u << GMCSIM_HOOK_SW_FINI))

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
	if (!gc_walk(buf, NULL, NULL, &bad, &bad_len)) {
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

/* A site, as docs/catalog.md lists its keys; those not required have the defaults it gives. */
static const struct gmcsim_json_key site_key_list[] = {
	GMCSIM_JSON_STRING("name", struct gmcsim_site, name, GMCSIM_JSON_NAME,
			   GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("ref", struct gmcsim_site, ref, GMCSIM_JSON_TEXT, 0),
	GMCSIM_JSON_ENUM("create", struct gmcsim_site, create, sim_hook_names, GMCSIM_HOOK_COUNT,
			 CREATE_HOOKS, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_BOOL("lazy", struct gmcsim_site, lazy, 0),
	GMCSIM_JSON_BOOL("recreate_on_resume", struct gmcsim_site, recreate_on_resume, 0),
	GMCSIM_JSON_ENUM("free_in", struct gmcsim_site, free_in, sim_hook_names, GMCSIM_HOOK_COUNT,
			 FREE_HOOKS, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM_FIELD("domain", struct gmcsim_site, domain, read_domain,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM_FIELD("domain_sriov", struct gmcsim_site, domain_sriov, read_domain, 0),
	GMCSIM_JSON_UINT("size", struct gmcsim_site, size, SITE_SIZE_MAX, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_ENUM("cache", struct gmcsim_site, cache, sim_cache_names, GMCSIM_CACHE_COUNT,
			 GMCSIM_JSON_ANY_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_ENUM("addr", struct gmcsim_site, addr, sim_addr_names, SIM_ADDR_COUNT,
			 GMCSIM_JSON_ANY_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_UINT("derived_offset", struct gmcsim_site, derived_offset, SITE_SIZE_MAX, 0),
	GMCSIM_JSON_CUSTOM_FIELD("consume", struct gmcsim_site, consume, read_consume,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_ENUM("fw_load", struct gmcsim_site, fw_load, sim_fw_load_names,
			 SIM_FW_LOAD_COUNT, GMCSIM_JSON_ANY_NAME, 0),
	GMCSIM_JSON_BOOL("rfc_helper", struct gmcsim_site, rfc_helper, 0),
	GMCSIM_JSON_BOOL("upstream_fb_aper", struct gmcsim_site, upstream_fb_aper, 0),
	GMCSIM_JSON_CUSTOM_FIELD("gc", struct gmcsim_site, gc, read_gc, 0),
	GMCSIM_JSON_STRING("consumer", struct gmcsim_site, consumer, GMCSIM_JSON_TEXT, 0),
};

static const struct gmcsim_json_keys site_keys = GMCSIM_JSON_KEYS(site_key_list);

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
static int
read_one_site(struct gmcsim_json *parent, struct json_object *obj, size_t index,
	      struct gmcsim_site *s)
{
	char where[GMCSIM_NAME_MAX + 32], q[GMCSIM_SAFE_BUF];
	struct gmcsim_json js = { .err = parent->err, .where = where };
	struct json_object *name;
	int rc;

	if (json_object_object_get_ex(obj, "name", &name) &&
	    json_object_is_type(name, json_type_string))
		snprintf(where, sizeof(where), "sites[%zu] '%s': ", index,
			 gmcsim_safe_text(json_object_get_string(name), q, sizeof(q)));
	else
		snprintf(where, sizeof(where), "sites[%zu]: ", index);
	memset(s, 0, sizeof(*s));
	s->addr = GMC_ADDR_MC;
	s->fw_load = GMCSIM_FW_ANY;
	rc = gmcsim_json_walk(&js, "", obj, &site_keys, s);
	return rc ? rc : site_check(&js, s);
}

/* A parsed block file: its sites and its place in the init order. */
struct block {
	char name[GMCSIM_NAME_MAX];
	struct gmcsim_site *sites; /* owned */
	size_t n;
	uint64_t order;
};

/* Site @p index, appended to the block's sites. */
static int
read_site(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	  void *ctx)
{
	struct block *b = ctx;
	struct gmcsim_site *sites = realloc(b->sites, (index + 1) * sizeof(*sites));
	int rc;

	if (!sites)
		return gmcsim_json_fail(js, -ENOMEM, path, "out of memory");
	b->sites = sites;
	rc = read_one_site(js, val, index, &sites[index]);
	if (rc)
		return rc;
	for (size_t j = 0; j < index; j++) {
		if (strcmp(sites[j].name, sites[index].name) == 0)
			return gmcsim_json_fail(js, -EINVAL, "",
						"sites[%zu]: duplicate site name '%s' (also "
						"sites[%zu])",
						index, sites[index].name, j);
	}
	b->n = index + 1;
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
