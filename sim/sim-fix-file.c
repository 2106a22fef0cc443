/* SPDX-License-Identifier: MIT */
/*
 * Fix files: a fix strategy as data (docs/fixes.md), read into struct
 * gmcsim_strategy by the one JSON reader and written back by
 * gmcsim_strategy_to_json(). The five built-in strategies are fix files
 * too (sim/fixes/), compiled in by sim/embed.py and parsed by the same
 * code, so a user's file and a built-in can never be read differently.
 * What a strategy does to a run is sim-fix.c's.
 *
 * The model runs exactly what a file says or refuses it: a key, a value
 * or a combination it cannot run is an error naming the key.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gmc/gmcsim.h>

#include "sim-cond.h"
#include "sim-embed.h"
#include "sim-names.h"
#include "util-json-read.h"
#include "util.h"

static const char *const layout_names[GMCSIM_LAYOUT_COUNT] = {
	[GMCSIM_LAYOUT_PRE_6_17] = "pre-6.17",
	[GMCSIM_LAYOUT_6_17] = "6.17",
};

/* The resume actions by bit (enum gmcsim_resume_action), as "do" lists them. */
static const char *const action_names[] = { "xgmi_info", "vram_base_offset", "vram_start",
					    "gart_start", "msix" };
#define N_ACTIONS (sizeof(action_names) / sizeof(action_names[0]))

/* What the driver computes from the XGMI node id (gmc_v9_0_vram_gtt_location()). */
#define FROM_NODE_ID GMCSIM_RESUME_MC_INIT

/* The caches whose kept address a driver can read again: a field, or one derived from it. */
#define REFRESHABLE \
	((1u << GMCSIM_CACHE_FIELD) | (1u << GMCSIM_CACHE_DERIVED) | (1u << GMCSIM_CACHE_MIXED))

/* ------------------------------------------------------------------ */
/* Reading                                                              */
/* ------------------------------------------------------------------ */

/* --- "do": the actions of a resume step --- */

static int
read_action(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	    void *ctx)
{
	static const char *const names[] = { "xgmi_info",  "vram_base_offset",
					     "vram_start", "gart_start",
					     "msix",	   "mc_init" };
	unsigned *bits = ctx, i, add;
	int rc = gmcsim_json_enum(js, path, val, names, sizeof(names) / sizeof(names[0]),
				  GMCSIM_JSON_ANY_NAME, &i);

	if (rc)
		return rc;
	add = i == N_ACTIONS ? GMCSIM_RESUME_MC_INIT : 1u << i;
	if (*bits & add)
		return gmcsim_json_fail(js, -EINVAL, path,
					"'%s' is listed twice (mc_init is "
					"vram_base_offset, vram_start and gart_start)",
					names[i]);
	*bits |= add;
	return 0;
}

static int
read_do(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	struct json_object *val, void *target)
{
	unsigned *bits = gmcsim_json_field(key, target);
	int rc;

	*bits = 0;
	rc = gmcsim_json_each(js, path, val, "actions", 8, read_action, bits);
	if (rc == 0 && !*bits)
		return gmcsim_json_fail(js, -EINVAL, path, "list at least one action");
	return rc;
}

/* --- "when": the catalog's conditions and a resume step's own --- */

static const struct gmcsim_json_key when_own_list[] = {
	GMCSIM_JSON_CUSTOM_FIELD("gate", struct gmcsim_resume_step, gate, sim_read_when_bool, 0),
	GMCSIM_JSON_CUSTOM_FIELD("xgmi", struct gmcsim_resume_step, xgmi, sim_read_when_bool, 0),
	GMCSIM_JSON_CUSTOM_FIELD("node_changed", struct gmcsim_resume_step, node_changed,
				 sim_read_when_bool, 0),
};

static const struct gmcsim_json_keys when_own_keys = GMCSIM_JSON_KEYS(when_own_list);

static int
read_when(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	struct gmcsim_resume_step *step = target;
	const struct gmcsim_json_part parts[] = {
		{ &when_own_keys, step },
		{ &sim_cond_keys, &step->cond },
	};

	return gmcsim_json_walk_parts(js, path, val, parts, 2);
}

static const struct gmcsim_json_key step_key_list[] = {
	GMCSIM_JSON_CUSTOM("when", read_when, 0),
	GMCSIM_JSON_CUSTOM_FIELD("do", struct gmcsim_resume_step, actions, read_do,
				 GMCSIM_JSON_REQUIRED),
};

static const struct gmcsim_json_keys step_keys = GMCSIM_JSON_KEYS(step_key_list);

static int
read_step(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	  void *ctx)
{
	struct gmcsim_strategy *s = ctx;
	struct gmcsim_resume_step *step = &s->resume[index];

	memset(step, 0, sizeof(*step));
	s->n_resume = (unsigned)index + 1;
	return gmcsim_json_walk(js, path, val, &step_keys, step);
}

static int
read_resume(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct gmcsim_strategy *s = target;

	s->n_resume = 0;
	return gmcsim_json_each(js, path, val, "resume steps", GMCSIM_RESUME_STEPS_MAX, read_step,
				s);
}

/* --- site selections --- */

/* A selection being read, and whether it is a refresh (which only some caches take). */
struct select_read {
	struct gmcsim_site_select sel;
	bool all;
	bool refresh;
};

/* A name list being joined with commas into @c buf. */
struct name_list {
	char *buf;
	size_t size, used;
	bool site; /* "block/site" rather than a block name */
};

/* Whether @p s, of @p len bytes, is a name: letters, digits, '.', '_', '-'. */
static bool
is_name(const char *s, size_t len)
{
	if (!len || len >= GMCSIM_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Whether the comma list @p list holds @p item (of @p len bytes). */
static bool
list_has(const char *list, const char *item, size_t len)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && memcmp(p, item, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

static int
read_name_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	       void *ctx)
{
	struct name_list *nl = ctx;
	const char *text, *slash;
	char q[GMCSIM_SAFE_BUF];
	size_t len;
	bool ok;
	int rc = gmcsim_json_string_ref(js, path, val, &text);

	if (rc)
		return rc;
	len = strlen(text);
	slash = strchr(text, '/');
	if (nl->site)
		ok = slash && is_name(text, (size_t)(slash - text)) &&
		     is_name(slash + 1, len - (size_t)(slash - text) - 1);
	else
		ok = is_name(text, len);
	if (!ok)
		return gmcsim_json_fail(js, -EINVAL, path, "'%s' is not a %s",
					gmcsim_safe_text(text, q, sizeof(q)),
					nl->site ? "site name \"block/site\", e.g. \"psp/tmr\""
						 : "block name, e.g. \"psp\"");
	if (list_has(nl->buf, text, len))
		return gmcsim_json_fail(js, -EINVAL, path, "'%s' is listed twice",
					gmcsim_safe_text(text, q, sizeof(q)));
	if (nl->used + len + 2 > nl->size)
		return gmcsim_json_fail(js, -EINVAL, path, "the list is longer than %zu bytes",
					nl->size - 1);
	nl->used += (size_t)snprintf(nl->buf + nl->used, nl->size - nl->used, "%s%s",
				     nl->used ? "," : "", text);
	return 0;
}

static int
read_names(struct gmcsim_json *js, const char *path, struct json_object *val, char *buf,
	   size_t size, bool site)
{
	struct name_list nl = { .buf = buf, .size = size, .site = site };
	int rc;

	buf[0] = '\0';
	rc = gmcsim_json_each(js, path, val, "names", SIZE_MAX, read_name_item, &nl);
	if (rc == 0 && !nl.used)
		return gmcsim_json_fail(js, -EINVAL, path, "list at least one name");
	return rc;
}

static int
read_blocks(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct select_read *r = target;

	return read_names(js, path, val, r->sel.blocks, sizeof(r->sel.blocks), false);
}

static int
read_sites(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	   struct json_object *val, void *target)
{
	struct select_read *r = target;

	return read_names(js, path, val, r->sel.sites, sizeof(r->sel.sites), true);
}

static int
read_cache_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
		void *ctx)
{
	struct select_read *r = ctx;
	unsigned i;
	int rc = gmcsim_json_enum(js, path, val, sim_cache_names, GMCSIM_CACHE_COUNT,
				  GMCSIM_JSON_ANY_NAME, &i);

	if (rc)
		return rc;
	if (r->sel.caches & (1u << i))
		return gmcsim_json_fail(js, -EINVAL, path, "'%s' is listed twice",
					sim_cache_names[i]);
	/* a refresh reads the kept address again: other copies are not the driver's to reread */
	if (r->refresh && !(REFRESHABLE & (1u << i)))
		return gmcsim_json_fail(js, -EINVAL, path,
					"a '%s' cache is not an address the driver keeps and can "
					"read again: refresh takes field, derived and mixed caches",
					sim_cache_names[i]);
	r->sel.caches |= 1u << i;
	return 0;
}

static int
read_caches(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct select_read *r = target;
	int rc = gmcsim_json_each(js, path, val, "cache kinds", GMCSIM_CACHE_COUNT, read_cache_item,
				  r);

	if (rc == 0 && !r->sel.caches)
		return gmcsim_json_fail(js, -EINVAL, path, "list at least one cache kind");
	return rc;
}

static int
read_all(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	 struct json_object *val, void *target)
{
	struct select_read *r = target;
	int rc = gmcsim_json_bool(js, path, val, &r->all);

	if (rc == 0 && !r->all)
		return gmcsim_json_fail(js, -EINVAL, path,
					"false selects nothing: leave the selection out instead");
	return rc;
}

static const struct gmcsim_json_key select_key_list[] = {
	GMCSIM_JSON_CUSTOM("all", read_all, 0),
	GMCSIM_JSON_CUSTOM("blocks", read_blocks, 0),
	GMCSIM_JSON_CUSTOM("sites", read_sites, 0),
	GMCSIM_JSON_CUSTOM("cache", read_caches, 0),
	GMCSIM_JSON_CUSTOM_FIELD("rfc_helper", struct select_read, sel.rfc_helper,
				 sim_read_when_bool, 0),
	GMCSIM_JSON_CUSTOM_FIELD("upstream_fb_aper", struct select_read, sel.upstream_fb_aper,
				 sim_read_when_bool, 0),
};

static const struct gmcsim_json_keys select_keys = GMCSIM_JSON_KEYS(select_key_list);

/* Whether @p sel sets nothing, and so selects every site. */
static bool
select_is_all(const struct gmcsim_site_select *sel)
{
	return !sel->blocks[0] && !sel->sites[0] && !sel->caches && !sel->rfc_helper &&
	       !sel->upstream_fb_aper;
}

/* Where one selection list goes. */
struct select_list {
	struct gmcsim_site_select *sel;
	unsigned *n;
	bool refresh;
};

static int
read_select(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	    void *ctx)
{
	struct select_list *sl = ctx;
	struct select_read r = { .refresh = sl->refresh };
	int rc = gmcsim_json_walk(js, path, val, &select_keys, &r);

	if (rc)
		return rc;
	if (r.all && !select_is_all(&r.sel))
		return gmcsim_json_fail(js, -EINVAL, path,
					"\"all\": true selects every site and takes no other key");
	if (!r.all && select_is_all(&r.sel))
		return gmcsim_json_fail(
			js, -EINVAL, path,
			"an empty selection: give {\"all\": true} for every site, or "
			"keys that narrow it (blocks, sites, cache, rfc_helper, "
			"upstream_fb_aper)");
	sl->sel[index] = r.sel;
	*sl->n = (unsigned)index + 1;
	return 0;
}

/* One selection object, or an array of alternatives (a site in any one is selected). */
static int
read_selects(struct gmcsim_json *js, const char *path, struct json_object *val,
	     struct gmcsim_site_select *sel, unsigned *n, bool refresh)
{
	struct select_list sl = { .sel = sel, .n = n, .refresh = refresh };
	int rc;

	*n = 0;
	if (json_object_is_type(val, json_type_object))
		return read_select(js, path, 0, val, &sl);
	rc = gmcsim_json_each(js, path, val, "site selections", GMCSIM_SELECT_MAX, read_select,
			      &sl);
	if (rc == 0 && *n == 0)
		return gmcsim_json_fail(js, -EINVAL, path,
					"give a selection object, or an array of at least one");
	return rc;
}

/* --- the strategy --- */

/* A strategy being read, and which keys the checks across keys need to know were given. */
struct fix_read {
	struct gmcsim_strategy s;
	bool gate_given;
};

static int
read_refresh(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	     struct json_object *val, void *target)
{
	struct fix_read *r = target;

	return read_selects(js, path, val, r->s.refresh, &r->s.n_refresh, true);
}

static int
read_fb_aper(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	     struct json_object *val, void *target)
{
	struct fix_read *r = target;

	return read_selects(js, path, val, r->s.fb_aper, &r->s.n_fb_aper, false);
}

/* "gate": a condition, an array of alternatives, or false (never set). */
static int
read_gate(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	  struct json_object *val, void *target)
{
	struct fix_read *r = target;

	r->gate_given = true;
	r->s.n_gate = 0;
	if (json_object_is_type(val, json_type_boolean)) {
		if (json_object_get_boolean(val))
			return gmcsim_json_fail(js, -EINVAL, path,
						"true is no condition: give the conditions that "
						"open it ({} opens it on every part), or false");
		return 0;
	}
	return sim_conds_read(js, path, val, r->s.gate, &r->s.n_gate);
}

static int
read_resume_key(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		struct json_object *val, void *target)
{
	struct fix_read *r = target;

	return read_resume(js, path, key, val, &r->s);
}

static const struct gmcsim_json_key fix_key_list[] = {
	GMCSIM_JSON_STRING("fix", struct fix_read, s.name, GMCSIM_JSON_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_STRING("description", struct fix_read, s.description, GMCSIM_JSON_TEXT, 0),
	GMCSIM_JSON_ENUM("layout", struct fix_read, s.layout, layout_names, GMCSIM_LAYOUT_COUNT,
			 GMCSIM_JSON_ANY_NAME, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("gate", read_gate, 0),
	GMCSIM_JSON_CUSTOM("resume", read_resume_key, 0),
	GMCSIM_JSON_CUSTOM("refresh", read_refresh, 0),
	GMCSIM_JSON_CUSTOM("fb_aper", read_fb_aper, 0),
	GMCSIM_JSON_BOOL("recreate_unpins", struct fix_read, s.recreate_unpins, 0),
};

static const struct gmcsim_json_keys fix_keys = GMCSIM_JSON_KEYS(fix_key_list);

/* Whether every item of the GC pattern list @p list matches a modelled part. */
static bool
gc_known(const char *list, char *bad, size_t len)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char item[GMCSIM_LIST_MAX];
		bool found = false;

		snprintf(item, sizeof(item), "%.*s", (int)(n < sizeof(item) ? n : sizeof(item) - 1),
			 p);
		for (size_t i = 0; i < gmc_asic_count() && !found; i++)
			found = sim_versions_match(item, gmc_asic_gc(gmc_asic_at(i)));
		if (!found) {
			snprintf(bad, len, "%s", item);
			return false;
		}
		p = end ? end + 1 : NULL;
	}
	return true;
}

static int
check_gc(struct gmcsim_json *js, const char *path, const struct gmcsim_cond *c)
{
	char bad[GMCSIM_LIST_MAX], q[GMCSIM_SAFE_BUF];

	if (gc_known(c->gc, bad, sizeof(bad)))
		return 0;
	return gmcsim_json_fail(js, -EINVAL, path,
				"'%s' matches no modelled part ('gmcsim asics' lists them)",
				gmcsim_safe_text(bad, q, sizeof(q)));
}

/* What needs several keys: the checks that keep the model from approximating. */
static int
fix_check(struct gmcsim_json *js, const struct fix_read *r)
{
	const struct gmcsim_strategy *s = &r->s;
	bool pre = s->layout == GMCSIM_LAYOUT_PRE_6_17;
	char path[GMCSIM_JSON_PATH_MAX];
	int rc;

	if (pre && r->gate_given)
		return gmcsim_json_fail(
			js, -EINVAL, "gate",
			"the layout code before the 6.17 series has no XGMI-migrate "
			"gate: give \"layout\": \"6.17\"");
	if (!pre && !r->gate_given)
		return gmcsim_json_fail(js, -EINVAL, "gate",
					"the 6.17 layout code needs the conditions that set "
					"is_xgmi_node_migrate_enabled (6.17: {\"sriov\": \"vf\", "
					"\"gc\": \"9.4.4\"}), or false for never");
	if (pre && s->n_fb_aper)
		return gmcsim_json_fail(js, -EINVAL, "fb_aper",
					"the driver hands out FB-aperture addresses "
					"(amdgpu_bo_fb_aper_addr()) under the 6.17 XGMI-migrate "
					"gate: give \"layout\": \"6.17\" and a gate");
	for (unsigned i = 0; i < s->n_gate; i++) {
		snprintf(path, sizeof(path), "gate[%u].gc", i);
		rc = check_gc(js, path, &s->gate[i]);
		if (rc)
			return rc;
	}
	for (unsigned i = 0; i < s->n_resume; i++) {
		const struct gmcsim_resume_step *step = &s->resume[i];

		snprintf(path, sizeof(path), "resume[%u].when.gate", i);
		if (pre && step->gate != GMCSIM_WHEN_ANY)
			return gmcsim_json_fail(js, -EINVAL, path,
						"the layout code before the 6.17 series has no "
						"XGMI-migrate gate to test");
		snprintf(path, sizeof(path), "resume[%u].when.gc", i);
		rc = check_gc(js, path, &step->cond);
		if (rc)
			return rc;
		snprintf(path, sizeof(path), "resume[%u].do", i);
		if ((step->actions & FROM_NODE_ID) && !(step->actions & GMCSIM_RESUME_XGMI_INFO))
			return gmcsim_json_fail(
				js, -EINVAL, path,
				"the driver computes vram_start, gart_start and "
				"vram_base_offset from the XGMI node id: re-read it "
				"first with \"xgmi_info\" in the same step (it does "
				"nothing on parts without XGMI)");
	}
	return 0;
}

/* Whether the object holds nothing but a name and a description: a strategy that says nothing. */
static bool
says_nothing(struct json_object *root)
{
	json_object_object_foreach(root, key, val)
	{
		(void)val;
		if (strcmp(key, "fix") != 0 && strcmp(key, "description") != 0)
			return false;
	}
	return true;
}

/* Parse @p json, every message starting with @p where (may be NULL). */
static int
strategy_parse(const char *json, const char *where, struct gmcsim_strategy *out,
	       struct gmc_error *err)
{
	struct gmcsim_json js = { .err = err, .where = where };
	struct json_object *root = NULL;
	struct fix_read *r;
	int rc;

	if (!json || !out)
		return gmcsim_fail(err, -EINVAL, "no fix text or no place for the strategy");
	rc = gmcsim_json_parse(&js, NULL, json, strlen(json), "the fix file", &root);
	if (rc)
		return rc;
	r = calloc(1, sizeof(*r));
	if (!r) {
		json_object_put(root);
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	if (says_nothing(root))
		rc = gmcsim_json_fail(&js, -EINVAL, "",
				      "an empty strategy: say at least which layout code the "
				      "driver runs (\"layout\": \"pre-6.17\" is the driver before "
				      "any fix, \"6.17\" the series' code with its gate)");
	if (!rc)
		rc = gmcsim_json_walk(&js, "", root, &fix_keys, r);
	if (!rc)
		rc = fix_check(&js, r);
	if (!rc)
		*out = r->s;
	free(r);
	json_object_put(root);
	return rc;
}

GMCSIM_EXPORT int
gmcsim_strategy_parse(const char *json, struct gmcsim_strategy *out, struct gmc_error *err)
{
	return strategy_parse(json, NULL, out, err);
}

GMCSIM_EXPORT int
gmcsim_strategy_load(const char *path, struct gmcsim_strategy *out, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX], where[80], q[GMCSIM_SAFE_BUF];
	struct stat st;
	char *text;
	int rc;

	if (!path || !out)
		return gmcsim_fail(err, -EINVAL, "no fix file or no place for the strategy");
	/* a directory opens and then fails to read: say what it is */
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return gmcsim_fail(err, -EISDIR, "%s is a directory, not a fix file",
				   gmcsim_safe_text(path, q, sizeof(q)));
	rc = gmcsim_read_file(path, &text, why, sizeof(why));
	if (rc)
		return gmcsim_fail(err, rc, "%s", why);
	snprintf(where, sizeof(where), "%s: ", gmcsim_safe_text(path, q, sizeof(q)));
	rc = strategy_parse(text, where, out, err);
	free(text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

/* A comma list as an array of strings. */
static struct json_object *
names_json(const char *list)
{
	struct json_object *arr = json_object_new_array();

	for (const char *p = list; arr && p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (gmcsim_json_append(arr, json_object_new_string_len(p, (int)n))) {
			json_object_put(arr);
			return NULL;
		}
		p = end ? end + 1 : NULL;
	}
	return arr;
}

static struct json_object *
select_json(const struct gmcsim_site_select *sel)
{
	struct json_object *o = json_object_new_object();
	int rc = 0;

	if (select_is_all(sel))
		rc |= gmcsim_json_add(o, "all", json_object_new_boolean(true));
	if (sel->blocks[0])
		rc |= gmcsim_json_add(o, "blocks", names_json(sel->blocks));
	if (sel->sites[0])
		rc |= gmcsim_json_add(o, "sites", names_json(sel->sites));
	if (sel->caches) {
		struct json_object *arr = json_object_new_array();

		for (unsigned i = 0; i < GMCSIM_CACHE_COUNT; i++) {
			if (sel->caches & (1u << i))
				rc |= gmcsim_json_append(
					arr, json_object_new_string(sim_cache_names[i]));
		}
		rc |= gmcsim_json_add(o, "cache", arr);
	}
	if (sel->rfc_helper)
		rc |= gmcsim_json_add(o, "rfc_helper",
				      json_object_new_boolean(sel->rfc_helper == GMCSIM_WHEN_YES));
	if (sel->upstream_fb_aper)
		rc |= gmcsim_json_add(
			o, "upstream_fb_aper",
			json_object_new_boolean(sel->upstream_fb_aper == GMCSIM_WHEN_YES));
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* One selection as an object, several as an array. */
static struct json_object *
selects_json(const struct gmcsim_site_select *sel, unsigned n)
{
	struct json_object *arr;

	if (n == 1)
		return select_json(&sel[0]);
	arr = json_object_new_array();
	for (unsigned i = 0; i < n; i++) {
		if (gmcsim_json_append(arr, select_json(&sel[i]))) {
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

static struct json_object *
cond_json(const struct gmcsim_cond *c)
{
	struct json_object *o = json_object_new_object();

	if (!o || sim_cond_to_json(c, o)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
gate_json(const struct gmcsim_strategy *s)
{
	struct json_object *arr;

	if (s->n_gate == 0)
		return json_object_new_boolean(false);
	if (s->n_gate == 1)
		return cond_json(&s->gate[0]);
	arr = json_object_new_array();
	for (unsigned i = 0; i < s->n_gate && i < GMCSIM_COND_MAX; i++) {
		if (gmcsim_json_append(arr, cond_json(&s->gate[i]))) {
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

static struct json_object *
step_json(const struct gmcsim_resume_step *step)
{
	struct json_object *o = json_object_new_object(), *when = json_object_new_object();
	struct json_object *actions = json_object_new_array();
	unsigned bits = step->actions;
	int rc = 0;

	if (step->gate)
		rc |= gmcsim_json_add(when, "gate",
				      json_object_new_boolean(step->gate == GMCSIM_WHEN_YES));
	if (step->xgmi)
		rc |= gmcsim_json_add(when, "xgmi",
				      json_object_new_boolean(step->xgmi == GMCSIM_WHEN_YES));
	if (step->node_changed)
		rc |= gmcsim_json_add(
			when, "node_changed",
			json_object_new_boolean(step->node_changed == GMCSIM_WHEN_YES));
	rc |= when ? sim_cond_to_json(&step->cond, when) : -ENOMEM;
	if (when && json_object_object_length(when))
		rc |= gmcsim_json_add(o, "when", when);
	else
		json_object_put(when);
	/* the three fields mc_init computes are written as it */
	for (unsigned i = 0; i < N_ACTIONS; i++) {
		unsigned bit = 1u << i;

		if (!(bits & bit))
			continue;
		if ((bit & GMCSIM_RESUME_MC_INIT) &&
		    (bits & GMCSIM_RESUME_MC_INIT) == GMCSIM_RESUME_MC_INIT) {
			rc |= gmcsim_json_append(actions, json_object_new_string("mc_init"));
			bits &= ~GMCSIM_RESUME_MC_INIT;
			continue;
		}
		rc |= gmcsim_json_append(actions, json_object_new_string(action_names[i]));
	}
	rc |= gmcsim_json_add(o, "do", actions);
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

GMCSIM_EXPORT int
gmcsim_strategy_to_json(const struct gmcsim_strategy *s, char **out)
{
	struct json_object *o;
	const char *text;
	int rc = 0;

	if (!s || !out || (unsigned)s->layout >= GMCSIM_LAYOUT_COUNT ||
	    s->n_gate > GMCSIM_COND_MAX || s->n_resume > GMCSIM_RESUME_STEPS_MAX ||
	    s->n_refresh > GMCSIM_SELECT_MAX || s->n_fb_aper > GMCSIM_SELECT_MAX)
		return -EINVAL;
	o = json_object_new_object();
	rc |= gmcsim_json_add(o, "fix", json_object_new_string(s->name));
	if (s->description[0])
		rc |= gmcsim_json_add(o, "description", json_object_new_string(s->description));
	rc |= gmcsim_json_add(o, "layout", json_object_new_string(layout_names[s->layout]));
	if (s->layout == GMCSIM_LAYOUT_6_17)
		rc |= gmcsim_json_add(o, "gate", gate_json(s));
	if (s->n_resume) {
		struct json_object *arr = json_object_new_array();

		for (unsigned i = 0; i < s->n_resume; i++)
			rc |= gmcsim_json_append(arr, step_json(&s->resume[i]));
		rc |= gmcsim_json_add(o, "resume", arr);
	}
	if (s->n_refresh)
		rc |= gmcsim_json_add(o, "refresh", selects_json(s->refresh, s->n_refresh));
	if (s->n_fb_aper)
		rc |= gmcsim_json_add(o, "fb_aper", selects_json(s->fb_aper, s->n_fb_aper));
	if (s->recreate_unpins)
		rc |= gmcsim_json_add(o, "recreate_unpins", json_object_new_boolean(true));
	text = rc ? NULL
		  : json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
							      JSON_C_TO_STRING_SPACED |
							      JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = text ? strdup(text) : NULL;
	json_object_put(o);
	return *out ? 0 : -ENOMEM;
}

/* ------------------------------------------------------------------ */
/* The built-in strategies                                              */
/* ------------------------------------------------------------------ */

/*
 * Parsed once, on first use, into static storage by enum gmcsim_fix. A
 * built-in that fails to parse (or names no built-in) leaves its slot empty:
 * the tests parse every file.
 */
static struct gmcsim_strategy builtins[GMCSIM_FIX_COUNT];
static bool builtin_ok[GMCSIM_FIX_COUNT];
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static void
builtins_load(void)
{
	for (size_t i = 0; i < gmcsim_builtin_fixes_count; i++) {
		struct gmcsim_strategy *s = malloc(sizeof(*s));
		enum gmcsim_fix fix;

		if (s && gmcsim_strategy_parse(gmcsim_builtin_fixes[i].text, s, NULL) == 0 &&
		    gmcsim_fix_from_name(s->name, &fix) == 0 && !builtin_ok[fix]) {
			builtins[fix] = *s;
			builtin_ok[fix] = true;
		}
		free(s);
	}
}

GMCSIM_EXPORT int
gmcsim_strategy_builtin(enum gmcsim_fix fix, const struct gmcsim_strategy **out)
{
	if ((unsigned)fix >= GMCSIM_FIX_COUNT || !out)
		return -EINVAL;
	pthread_once(&builtins_once, builtins_load);
	if (!builtin_ok[fix])
		return -EIO;
	*out = &builtins[fix];
	return 0;
}
