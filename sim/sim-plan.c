/* SPDX-License-Identifier: MIT */
/* Building a check plan from flags or a scenario file, and running it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "sim-cond.h"
#include "sim-plan.h"
#include "util-json-read.h"
#include "util.h"

#define DEFAULT_PAIR "gc944-node2-to-node5"

void
check_plan_init(struct check_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	check_plan_set_pair(plan, DEFAULT_PAIR, NULL);
	check_plan_set_blocks(plan, "all", NULL);
	plan->fixes = (1u << GMCSIM_FIX_COUNT) - 1;
	plan->swaps[0].kind = GMCSIM_SWAP_AFTER_SUSPEND;
	plan->n_swaps = 1;
	plan->cycles[0] = 1;
	plan->n_cycles = 1;
	plan->fail_on = GMCSIM_SEV_ERROR;
}

void
check_plan_fini(struct check_plan *plan)
{
	free(plan->sites);
	plan->sites = NULL;
	plan->n_sites = 0;
	plan->n_catalog = 0;
	free(plan->fix_files);
	plan->fix_files = NULL;
	plan->n_fix_files = 0;
}

int
check_plan_set_pair(struct check_plan *plan, const char *name, struct gmc_error *err)
{
	const struct gmcsim_pair *pair = gmcsim_pair_builtin(name);
	int rc;

	if (!pair)
		return gmcsim_fail(err, -ENOENT,
				   "no built-in pair '%s' (see 'gmcsim profile pairs')", name);
	rc = gmcsim_profile_builtin(pair->from, &plan->from);
	if (!rc)
		rc = gmcsim_profile_builtin(pair->to, &plan->to);
	if (rc)
		return gmcsim_fail(err, rc, "pair '%s' names a missing profile", name);
	snprintf(plan->pair, sizeof(plan->pair), "%s", pair->name);
	snprintf(plan->changes, sizeof(plan->changes), "%s", pair->changes);
	return 0;
}

int
check_plan_set_profile(struct check_plan *plan, bool to, const char *name_or_path,
		       struct gmc_error *err)
{
	int rc = gmcsim_profile_load(name_or_path, to ? &plan->to : &plan->from, err);

	/* what differs, as a built-in pair says it; again after the other profile is set */
	if (!rc) {
		plan->pair[0] = '\0';
		gmcsim_profile_diff_text(&plan->from, &plan->to, plan->changes,
					 sizeof(plan->changes));
	}
	return rc;
}

/* Append @p count sites with one allocation: a block file's are added at once, not one by one. */
static int
append_sites(struct check_plan *plan, const struct gmcsim_site *sites, size_t count)
{
	struct gmcsim_site *n;

	if (!count)
		return 0;
	n = realloc(plan->sites, (plan->n_sites + count) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	plan->sites = n;
	memcpy(&plan->sites[plan->n_sites], sites, count * sizeof(*sites));
	plan->n_sites += count;
	return 0;
}

static int
append_site(struct check_plan *plan, const struct gmcsim_site *site)
{
	return append_sites(plan, site, 1);
}

/* Whether @name is an item of the comma list @list. */
static bool
in_list(const char *list, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

int
check_plan_set_blocks(struct check_plan *plan, const char *list, struct gmc_error *err)
{
	bool all = strcmp(list, "all") == 0, none = strcmp(list, "none") == 0;
	size_t n_user = plan->n_sites - plan->n_catalog;
	struct gmcsim_site *user = NULL, site;
	int rc = 0;

	/* the blocks from files stay; only the built-in selection is replaced */
	if (n_user) {
		user = malloc(n_user * sizeof(*user));
		if (!user)
			return gmcsim_fail(err, -ENOMEM, "out of memory");
		memcpy(user, plan->sites + plan->n_catalog, n_user * sizeof(*user));
	}
	/* the sites only: the plan's fix files stay too */
	free(plan->sites);
	plan->sites = NULL;
	plan->n_sites = 0;
	plan->n_catalog = 0;
	for (size_t i = 0; !rc && !none; i++) {
		int at = gmcsim_catalog_at(i, &site);

		if (at == -EBADMSG)
			rc = gmcsim_fail(err, at,
					 "the built-in catalog does not load: a defect of "
					 "this build (meson test names the file)");
		if (at)
			break;
		if ((all || in_list(list, site.block)) && append_site(plan, &site))
			rc = gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	plan->n_catalog = plan->n_sites;
	if (!rc && append_sites(plan, user, n_user))
		rc = gmcsim_fail(err, -ENOMEM, "out of memory");
	free(user);
	if (rc || all || none)
		return rc;
	/* every name must be a built-in block, or one a block file added (always run) */
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		char name[GMCSIM_NAME_MAX];
		size_t n = end ? (size_t)(end - p) : strlen(p);
		bool found = false;

		snprintf(name, sizeof(name), "%.*s", (int)(n < sizeof(name) ? n : sizeof(name) - 1),
			 p);
		for (size_t i = 0; i < plan->n_sites && !found; i++)
			found = strcmp(plan->sites[i].block, name) == 0;
		if (!found)
			return gmcsim_fail(err, -ENOENT,
					   "'%s' is neither a built-in block (see docs/catalog.md) "
					   "nor one from a block file",
					   name);
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/*
 * A block file's block must have a name of its own: one a built-in block has,
 * or another file's block has, would merge its sites into that block's rows
 * and findings (and a built-in site of the same name would run twice). The
 * built-in catalog is walked whole, whatever --blocks picked from it.
 */
static int
block_name_taken(const struct check_plan *plan, const char *path, const char *block,
		 struct gmc_error *err)
{
	struct gmcsim_site site;

	for (size_t i = 0; gmcsim_catalog_at(i, &site) == 0; i++) {
		if (strcmp(site.block, block) == 0)
			return gmcsim_fail(err, -EEXIST,
					   "%.60s: block '%s' has a built-in block's name; give "
					   "yours another one",
					   path, block);
	}
	for (size_t i = plan->n_catalog; i < plan->n_sites; i++) {
		if (strcmp(plan->sites[i].block, block) == 0)
			return gmcsim_fail(err, -EEXIST,
					   "%.60s: block '%s' was added already, by another block "
					   "file (or this one twice)",
					   path, block);
	}
	return 0;
}

int
check_plan_add_block_file(struct check_plan *plan, const char *path, struct gmc_error *err)
{
	struct gmcsim_site *sites = NULL;
	char why[GMCSIM_WHY_MAX];
	size_t n = 0;
	char *text;
	int rc = gmcsim_read_file(path, &text, why, sizeof(why));

	if (rc)
		return gmcsim_fail(err, rc, "%s", why);
	rc = gmcsim_sites_parse(text, &sites, &n, err);
	free(text);
	if (rc && err) {
		char msg[sizeof(err->message)];

		snprintf(msg, sizeof(msg), "%s", err->message);
		gmcsim_fail(err, rc, "%.60s: %s", path, msg);
	}
	/* one file, one block: every site carries the file's block name */
	if (!rc && n)
		rc = block_name_taken(plan, path, sites[0].block, err);
	if (!rc && append_sites(plan, sites, n))
		rc = gmcsim_fail(err, -ENOMEM, "out of memory");
	free(sites);
	return rc;
}

/* Why @p site does not apply to @p p, in a few words, into @p buf. */
static void
site_excluded_why(const struct gmcsim_site *site, const struct gmcsim_profile *p, char *buf,
		  size_t len)
{
	if (p->params.sriov && site->fw_load == GMCSIM_FW_DIRECT)
		snprintf(buf, len, "%s: fw_load \"direct\", never on an SR-IOV VF", site->name);
	else if (site->gc[0])
		snprintf(buf, len, "%s: gc \"%s\"", site->name, site->gc);
	else
		snprintf(buf, len, "%s: its conditions", site->name);
}

bool
check_plan_next_excluded(const struct check_plan *plan, size_t *next, char *why, size_t len)
{
	size_t i = *next < plan->n_catalog ? plan->n_catalog : *next;

	while (i < plan->n_sites) {
		const char *block = plan->sites[i].block;
		size_t end = i, used;
		bool applies = false;
		char gc[16];

		/* a file's sites are added together: its block is one run of sites */
		while (end < plan->n_sites && strcmp(plan->sites[end].block, block) == 0)
			applies |= gmcsim_site_applies(&plan->sites[end++], plan->from.asic,
						       plan->from.params.sriov);
		if (applies) {
			i = end;
			continue;
		}
		used = (size_t)snprintf(
			why, len, "block '%s' is excluded on %s (GC %s%s): no site applies (",
			block, plan->from.name, gmc_asic_gc_string(plan->from.asic, gc, sizeof(gc)),
			plan->from.params.sriov ? ", SR-IOV VF" : "");
		for (size_t k = i; k < end && used < len; k++) {
			char one[GMCSIM_NAME_MAX * 2 + 48];

			site_excluded_why(&plan->sites[k], &plan->from, one, sizeof(one));
			used += (size_t)snprintf(why + used, len - used, "%s%s", k > i ? "; " : "",
						 one);
		}
		if (used < len)
			snprintf(why + used, len - used, ")");
		*next = end;
		return true;
	}
	*next = plan->n_sites;
	return false;
}

int
check_plan_set_fixes(struct check_plan *plan, const char *list, struct gmc_error *err)
{
	unsigned fixes = 0;

	if (strcmp(list, "all") == 0) {
		plan->fixes = (1u << GMCSIM_FIX_COUNT) - 1;
		return 0;
	}
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		char name[GMCSIM_NAME_MAX];
		size_t n = end ? (size_t)(end - p) : strlen(p);
		enum gmcsim_fix fix;

		snprintf(name, sizeof(name), "%.*s", (int)(n < sizeof(name) ? n : sizeof(name) - 1),
			 p);
		if (gmcsim_fix_from_name(name, &fix))
			return gmcsim_fail(
				err, -EINVAL,
				"unknown fix '%s' (none, rfc, rfc-all, p2-pinfix, upstream)", name);
		fixes |= 1u << fix;
		p = end ? end + 1 : NULL;
	}
	if (!fixes)
		return gmcsim_fail(err, -EINVAL, "no fix strategy given");
	plan->fixes = fixes;
	plan->fixes_chosen = true;
	return 0;
}

int
check_plan_add_fix_file(struct check_plan *plan, const char *path, struct gmc_error *err)
{
	struct gmcsim_strategy *n;
	int rc;

	if (plan->n_fix_files == PLAN_MAX_FIX_FILES)
		return gmcsim_fail(err, -E2BIG, "more than %d fix files", PLAN_MAX_FIX_FILES);
	n = realloc(plan->fix_files, (plan->n_fix_files + 1) * sizeof(*n));
	if (!n)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	plan->fix_files = n;
	rc = gmcsim_strategy_load(path, &plan->fix_files[plan->n_fix_files], err);
	if (rc)
		return rc;
	plan->n_fix_files++;
	/* a fix file alone runs alone: the built-ins only when --fix names them */
	if (!plan->fixes_chosen)
		plan->fixes = 0;
	plan->fixes_chosen = true;
	return 0;
}

size_t
check_plan_strategies(const struct check_plan *plan, const struct gmcsim_strategy **out)
{
	size_t n = 0;

	for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
		if ((plan->fixes & (1u << f)) &&
		    gmcsim_strategy_builtin((enum gmcsim_fix)f, &out[n]) == 0)
			n++;
	}
	for (size_t i = 0; i < plan->n_fix_files && n < PLAN_MAX_STRATEGIES; i++)
		out[n++] = &plan->fix_files[i];
	return n;
}

int
check_plan_set_swaps(struct check_plan *plan, const char *list, struct gmc_error *err)
{
	size_t n_swaps = 0;

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		char item[GMCSIM_NAME_MAX * 2];
		size_t n = end ? (size_t)(end - p) : strlen(p);

		snprintf(item, sizeof(item), "%.*s", (int)(n < sizeof(item) ? n : sizeof(item) - 1),
			 p);
		if (n_swaps == PLAN_MAX_SWAPS)
			return gmcsim_fail(err, -E2BIG, "more than 64 swap points");
		if (gmcsim_swap_parse(item, &plan->swaps[n_swaps]))
			return gmcsim_fail(
				err, -EINVAL,
				"bad swap point '%s' (before-suspend, after-suspend:BLOCK, "
				"after-suspend, resume:BLOCK, after-resume)",
				item);
		n_swaps++;
		p = end ? end + 1 : NULL;
	}
	if (!n_swaps)
		return gmcsim_fail(err, -EINVAL, "no swap point given");
	plan->n_swaps = n_swaps;
	return 0;
}

int
check_plan_set_cycles(struct check_plan *plan, const char *list, struct gmc_error *err)
{
	size_t n_cycles = 0;

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		char item[32], why[GMCSIM_WHY_MAX];
		size_t n = end ? (size_t)(end - p) : strlen(p);
		uint64_t v;

		snprintf(item, sizeof(item), "%.*s", (int)(n < sizeof(item) ? n : sizeof(item) - 1),
			 p);
		if (n_cycles == PLAN_MAX_CYCLES ||
		    gmcsim_parse_u64(item, 0, 100, &v, why, sizeof(why)) || v < 1)
			return gmcsim_fail(err, -EINVAL,
					   "bad cycle count '%s': 1 to 100, at most 8 of them",
					   item);
		plan->cycles[n_cycles++] = (unsigned)v;
		p = end ? end + 1 : NULL;
	}
	if (!n_cycles)
		return gmcsim_fail(err, -EINVAL, "no cycle count given");
	plan->n_cycles = n_cycles;
	return 0;
}

int
check_plan_set_kernel(struct check_plan *plan, const char *name, struct gmc_error *err)
{
	char q[GMCSIM_SAFE_BUF];

	if (gmcsim_kernel_from_name(name, &plan->kernel))
		return gmcsim_fail(
			err, -EINVAL,
			"kernel '%s' is not modelled (6.12, 6.17, 6.18: docs/catalog.md)",
			gmcsim_safe_text(name, q, sizeof(q)));
	return 0;
}

/* The assumptions' names, by bit of enum gmcsim_assumption. */
static const char *const assumption_names[] = { "host-restores-msix" };

const char *
check_plan_assumption_name(unsigned bit)
{
	return bit < sizeof(assumption_names) / sizeof(assumption_names[0]) ? assumption_names[bit]
									    : NULL;
}

int
check_plan_set_assume(struct check_plan *plan, const char *list, struct gmc_error *err)
{
	unsigned assume = 0;

	if (strcmp(list, "none") == 0) {
		plan->assume = 0;
		return 0;
	}
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		unsigned bit;

		for (bit = 0; check_plan_assumption_name(bit); bit++) {
			if (strlen(check_plan_assumption_name(bit)) == n &&
			    strncmp(check_plan_assumption_name(bit), p, n) == 0)
				break;
		}
		if (!check_plan_assumption_name(bit)) {
			char item[GMCSIM_SAFE_BUF], q[GMCSIM_SAFE_BUF];

			snprintf(item, sizeof(item), "%.*s",
				 (int)(n < sizeof(item) ? n : sizeof(item) - 1), p);
			return gmcsim_fail(err, -EINVAL,
					   "unknown assumption '%s' (host-restores-msix, or none)",
					   gmcsim_safe_text(item, q, sizeof(q)));
		}
		assume |= 1u << bit;
		p = end ? end + 1 : NULL;
	}
	if (!assume)
		return gmcsim_fail(err, -EINVAL, "no assumption given (or 'none')");
	plan->assume = assume;
	return 0;
}

/* The scenario keys, in the order they apply (but "block_files" first: "blocks" may name them). */
enum scenario_key {
	S_PAIR,
	S_FROM,
	S_TO,
	S_BLOCKS,
	S_BLOCK_FILES,
	S_FIXES,
	S_FIX_FILES,
	S_SWAP_AT,
	S_CYCLES,
	S_FAIL_ON,
	S_KERNEL,
	S_ASSUME,
	S_COUNT
};

/* A scenario's values, kept until they apply in enum scenario_key order, not the file's. */
struct scenario {
	struct json_object *value[S_COUNT];
};

static const struct gmcsim_json_key scenario_key_list[S_COUNT] = {
	GMCSIM_JSON_RAW("pair", struct scenario, value[S_PAIR]),
	GMCSIM_JSON_RAW("from", struct scenario, value[S_FROM]),
	GMCSIM_JSON_RAW("to", struct scenario, value[S_TO]),
	GMCSIM_JSON_RAW("blocks", struct scenario, value[S_BLOCKS]),
	GMCSIM_JSON_RAW("block_files", struct scenario, value[S_BLOCK_FILES]),
	GMCSIM_JSON_RAW("fixes", struct scenario, value[S_FIXES]),
	GMCSIM_JSON_RAW("fix_files", struct scenario, value[S_FIX_FILES]),
	GMCSIM_JSON_RAW("swap_at", struct scenario, value[S_SWAP_AT]),
	GMCSIM_JSON_RAW("cycles", struct scenario, value[S_CYCLES]),
	GMCSIM_JSON_RAW("fail_on", struct scenario, value[S_FAIL_ON]),
	GMCSIM_JSON_RAW("kernel", struct scenario, value[S_KERNEL]),
	GMCSIM_JSON_RAW("assume", struct scenario, value[S_ASSUME]),
};

static const struct gmcsim_json_keys scenario_keys = GMCSIM_JSON_KEYS(scenario_key_list);

/* A scenario list being joined with commas. */
struct list {
	char *buf;
	size_t len, used;
};

/* One item of a scenario list, a string or an integer (a cycle count), appended to @p ctx. */
static int
json_list_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *v,
	       void *ctx)
{
	struct list *l = ctx;
	char item[64];
	const char *s;

	if (json_object_is_type(v, json_type_int)) {
		snprintf(item, sizeof(item), "%lld", (long long)json_object_get_int64(v));
		s = item;
	} else if (!json_object_is_type(v, json_type_string)) {
		return gmcsim_json_fail(js, -EINVAL, path,
					"expected a string or an integer, not %s",
					json_type_to_name(json_object_get_type(v)));
	} else if (gmcsim_json_string_ref(js, path, v, &s)) {
		return -EINVAL;
	}
	if (l->used + strlen(s) + 2 > l->len)
		return gmcsim_json_fail(js, -EINVAL, path, "the list is longer than %zu bytes",
					l->len - 2);
	l->used +=
		(size_t)snprintf(l->buf + l->used, l->len - l->used, "%s%s", l->used ? "," : "", s);
	return 0;
}

/* A scenario value that is an item or an array of items, as a comma list. */
static int
json_list(struct gmcsim_json *js, const char *path, struct json_object *v, char *buf, size_t len)
{
	struct list l = { buf, len, 0 };

	buf[0] = '\0';
	if (!json_object_is_type(v, json_type_array))
		return json_list_item(js, path, 0, v, &l);
	return gmcsim_json_each(js, path, v, "strings", SIZE_MAX, json_list_item, &l);
}

/* A path in a scenario file is relative to the scenario file's directory. */
static int
add_file_from(struct check_plan *plan, const char *scenario, const char *path, bool fix,
	      struct gmc_error *err)
{
	const char *slash = strrchr(scenario, '/');
	char full[4096];

	if (path[0] != '/' && slash) {
		if ((size_t)snprintf(full, sizeof(full), "%.*s/%s", (int)(slash - scenario),
				     scenario, path) >= sizeof(full))
			return gmcsim_fail(err, -ENAMETOOLONG, "%s file path too long",
					   fix ? "fix" : "block");
		path = full;
	}
	return fix ? check_plan_add_fix_file(plan, path, err)
		   : check_plan_add_block_file(plan, path, err);
}

/* Where a scenario's block or fix files go, and where the scenario is. */
struct block_files {
	struct check_plan *plan;
	const char *scenario;
	bool fix;
};

static int
add_block_file_item(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
		    void *ctx)
{
	struct block_files *bf = ctx;
	const char *file;
	int rc = gmcsim_json_string_ref(js, path, val, &file);

	return rc ? rc : add_file_from(bf->plan, bf->scenario, file, bf->fix, js->err);
}

static int
apply_scenario_key(struct check_plan *plan, struct gmcsim_json *js, const char *scenario,
		   enum scenario_key key, struct json_object *v)
{
	const char *name = scenario_key_list[key].key;
	char list[2048];
	int rc;

	if (key == S_BLOCK_FILES || key == S_FIX_FILES) {
		struct block_files bf = { plan, scenario, key == S_FIX_FILES };

		return gmcsim_json_each(js, name, v, "file names", SIZE_MAX, add_block_file_item,
					&bf);
	}
	rc = json_list(js, name, v, list, sizeof(list));
	if (rc)
		return rc;
	switch (key) {
	case S_PAIR:
		return check_plan_set_pair(plan, list, js->err);
	case S_FROM:
	case S_TO:
		return check_plan_set_profile(plan, key == S_TO, list, js->err);
	case S_BLOCKS:
		return check_plan_set_blocks(plan, list, js->err);
	case S_FIXES:
		return check_plan_set_fixes(plan, list, js->err);
	case S_SWAP_AT:
		return check_plan_set_swaps(plan, list, js->err);
	case S_CYCLES:
		return check_plan_set_cycles(plan, list, js->err);
	case S_KERNEL:
		return check_plan_set_kernel(plan, list, js->err);
	case S_ASSUME:
		return check_plan_set_assume(plan, list, js->err);
	case S_FAIL_ON:
		if (gmcsim_severity_from_name(list, &plan->fail_on))
			return gmcsim_json_fail(js, -EINVAL, name,
						"'%s' is not info, warning, error or critical",
						list);
		return 0;
	default:
		return gmcsim_json_fail(js, -EINVAL, name, "internal error");
	}
}

int
check_plan_parse_scenario(struct check_plan *plan, const char *text, const char *path,
			  struct gmc_error *err)
{
	struct scenario sc = { { NULL } };
	struct json_object *root = NULL;
	char where[128];
	/* the reader's messages name the scenario file */
	struct gmcsim_json js = { .err = err, .where = where };
	int rc;

	snprintf(where, sizeof(where), "%.100s: ", path);
	rc = gmcsim_json_parse(&js, NULL, text, strlen(text), "the scenario", &root);
	if (rc)
		return rc;
	rc = gmcsim_json_walk(&js, "", root, &scenario_keys, &sc);
	/* one way to name the profiles, and both of them: nothing left to a default */
	if (!rc && sc.value[S_PAIR] && (sc.value[S_FROM] || sc.value[S_TO]))
		rc = gmcsim_json_fail(&js, -EINVAL, "",
				      "'pair' and '%s' both name the profiles; give 'pair', or "
				      "'from' and 'to'",
				      sc.value[S_FROM] ? "from" : "to");
	if (!rc && !sc.value[S_FROM] != !sc.value[S_TO])
		rc = gmcsim_json_fail(&js, -EINVAL, "", "missing key '%s': '%s' needs it",
				      sc.value[S_FROM] ? "to" : "from",
				      sc.value[S_FROM] ? "from" : "to");
	for (size_t i = 0; i < S_COUNT && !rc; i++) {
		if (sc.value[i])
			plan->scenario_keys |= 1u << i;
	}
	/* the block files first, so "blocks" may name their blocks too */
	if (!rc && sc.value[S_BLOCK_FILES])
		rc = apply_scenario_key(plan, &js, path, S_BLOCK_FILES, sc.value[S_BLOCK_FILES]);
	for (size_t i = 0; i < S_COUNT && !rc; i++) {
		if (sc.value[i] && i != S_BLOCK_FILES)
			rc = apply_scenario_key(plan, &js, path, (enum scenario_key)i, sc.value[i]);
	}
	json_object_put(root);
	return rc;
}

bool
check_plan_scenario_sets(const struct check_plan *plan, const char *key)
{
	for (size_t i = 0; i < S_COUNT; i++) {
		if (strcmp(scenario_key_list[i].key, key) == 0)
			return plan->scenario_keys & (1u << i);
	}
	return false;
}

int
check_plan_load_scenario(struct check_plan *plan, const char *path, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX];
	char *text;
	int rc = gmcsim_read_file(path, &text, why, sizeof(why));

	if (rc)
		return gmcsim_fail(err, rc, "%s", why);
	rc = check_plan_parse_scenario(plan, text, path, err);
	free(text);
	return rc;
}

int
check_plan_validate(const struct check_plan *plan, struct gmc_error *err)
{
	const struct gmcsim_strategy *st[PLAN_MAX_STRATEGIES];
	size_t n_st = check_plan_strategies(plan, st);

	if (!n_st)
		return gmcsim_fail(err, -EINVAL, "no fix strategy to run");
	/* results, columns and sweep rows are named by strategy: a name must say which */
	for (size_t i = 0; i < n_st; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(st[i]->name, st[j]->name) == 0)
				return gmcsim_fail(err, -EINVAL,
						   "two fix strategies are named '%s': rename one "
						   "(the \"fix\" key of its file)",
						   st[i]->name);
		}
	}
	for (size_t w = 0; w < plan->n_swaps; w++) {
		const struct gmcsim_swap *sw = &plan->swaps[w];
		bool found = false;

		if (sw->kind != GMCSIM_SWAP_AFTER_BLOCK_SUSPEND &&
		    sw->kind != GMCSIM_SWAP_BEFORE_BLOCK_RESUME)
			continue;
		for (size_t i = 0; i < plan->n_sites && !found; i++)
			found = strcmp(plan->sites[i].block, sw->block) == 0 &&
				sim_site_may_exist(&plan->sites[i], &plan->from, plan->kernel);
		if (!found)
			return gmcsim_fail(
				err, -EINVAL,
				"swap point names block '%s', which has no site in this run "
				"on %s: the swap would never happen",
				sw->block, plan->from.name);
	}
	return 0;
}

int
check_plan_run(const struct check_plan *plan, const struct gmcsim_strategy *strategy,
	       const struct gmcsim_swap *swap, unsigned cycles, struct check_result *out,
	       struct gmc_error *err)
{
	struct gmcsim_config cfg = {
		.from = &plan->from,
		.to = &plan->to,
		.strategy = strategy,
		.swap = *swap,
		.cycles = cycles,
		.kernel = plan->kernel,
		.assume = plan->assume,
	};
	struct gmcsim_run *run;
	int rc = gmcsim_run_new(&cfg, &run, err);

	if (rc)
		return rc;
	for (size_t i = 0; i < plan->n_sites && !rc; i++)
		rc = gmcsim_run_add_site(run, &plan->sites[i]);
	if (!rc)
		rc = gmcsim_run_execute(run, err);
	if (!rc) {
		size_t n = gmcsim_run_finding_count(run);

		memset(out, 0, sizeof(*out));
		out->strategy = strategy;
		out->swap = *swap;
		out->cycles = cycles;
		out->gate = gmcsim_run_migrate_gate(run);
		out->layout_from = *gmcsim_run_layout(run, false);
		out->layout_to = *gmcsim_run_layout(run, true);
		out->findings = n ? malloc(n * sizeof(*out->findings)) : NULL;
		if (n && !out->findings) {
			rc = gmcsim_fail(err, -ENOMEM, "out of memory");
		} else {
			for (size_t i = 0; i < n; i++)
				out->findings[i] = *gmcsim_run_finding_at(run, i);
			out->n_findings = n;
		}
	}
	gmcsim_run_free(run);
	return rc;
}

void
check_result_fini(struct check_result *r)
{
	free(r->findings);
	r->findings = NULL;
	r->n_findings = 0;
}
