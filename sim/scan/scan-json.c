/* SPDX-License-Identifier: MIT */
/*
 * JSON out of a scan: the report (`gmcsim scan --json`) and the draft block
 * files (`--write-blocks DIR`) in the catalog's vocabulary. The drafts carry
 * the v1 keys that today's parser reads, and with the v2 vocabulary also
 * `exists` / `consumed` (the guards that map to conditions), `cite` (where
 * each fact was read), and `status` "uncertain" with a `note` saying what
 * the scan could not derive.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "scan.h"
#include "util.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Bytes of the v1 `consumer` text and the v2 `note`. */
#define CONSUMER_MAX 159
#define NOTE_MAX 159
/* A draft's size when the expression is not a constant: one page. */
#define SIZE_PLACEHOLDER 0x1000u

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* A JSON null is a NULL object in json-c; gmcsim_json_add() takes NULL for
 * a failed allocation, so a value that may be null goes through here. */
static int
add_or_null(struct json_object *o, const char *key, bool present, struct json_object *val)
{
	if (!present)
		return json_object_object_add(o, key, NULL) ? -ENOMEM : 0;
	return gmcsim_json_add(o, key, val);
}

static int
add_str(struct json_object *o, const char *key, const char *s)
{
	return add_or_null(o, key, s != NULL, s ? json_object_new_string(s) : NULL);
}

static struct json_object *
hooks_json(unsigned bits)
{
	struct json_object *arr = json_object_new_array();

	for (int h = 0; arr && h < GMCSIM_HOOK_COUNT; h++) {
		if ((bits & GMCSIM_SCAN_HOOK_BIT(h)) &&
		    gmcsim_json_append(
			    arr, json_object_new_string(gmcsim_hook_name((enum gmcsim_hook)h))))
			return NULL;
	}
	return arr;
}

static struct json_object *
uses_json(const struct gmcsim_scan_vec *v)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; arr && i < v->n; i++) {
		const struct gmcsim_scan_use *u = (const struct gmcsim_scan_use *)v->data + i;
		struct json_object *o = json_object_new_object();

		if (gmcsim_json_add(o, "file", json_object_new_string(u->file)) ||
		    gmcsim_json_add(o, "line", json_object_new_int((int)u->line)) ||
		    gmcsim_json_add(o, "function", json_object_new_string(u->func)) ||
		    gmcsim_json_add(o, "hooks", hooks_json(u->hooks)) ||
		    (u->refresh && gmcsim_json_add(o, "refresh", json_object_new_string(u->how))) ||
		    gmcsim_json_append(arr, o)) {
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

static struct json_object *
verbatim_json(const struct gmcsim_scan_cond *c)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; arr && i < N_OF(c->verbatim) && c->verbatim[i]; i++) {
		if (gmcsim_json_append(arr, json_object_new_string(c->verbatim[i])))
			return NULL;
	}
	return arr;
}

static struct json_object *
site_json(const struct gmcsim_scan *s, size_t index)
{
	const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, index);
	struct json_object *o = json_object_new_object();
	int rc = 0;

	rc |= gmcsim_json_add(o, "block", json_object_new_string(t->block));
	rc |= gmcsim_json_add(o, "name", json_object_new_string(t->name));
	rc |= gmcsim_json_add(o, "class", json_object_new_string(gmcsim_scan_class_name(t->cls)));
	rc |= gmcsim_json_add(o, "file", json_object_new_string(t->file));
	rc |= gmcsim_json_add(o, "line", json_object_new_int((int)t->line));
	rc |= gmcsim_json_add(o, "function", json_object_new_string(t->func));
	rc |= gmcsim_json_add(o, "helper", json_object_new_string(t->helper));
	if (t->via)
		rc |= gmcsim_json_add(o, "via", json_object_new_string(t->via));
	if (t->parent >= 0) {
		rc |= gmcsim_json_add(o, "parent", json_object_new_int(t->parent));
		rc |= add_str(o, "offset", t->offset);
	}
	rc |= add_str(o, "slot", t->slot);
	rc |= add_str(o, "gpu_addr", t->gpu);
	rc |= add_str(o, "cpu_addr", t->cpu);
	rc |= add_str(o, "size", t->size);
	rc |= add_str(o, "domain_expr", t->domain_expr);
	rc |= add_str(o, "domain", t->domain ? gmcsim_scan_domain_name(t->domain) : NULL);
	if (t->domain_sriov)
		rc |= gmcsim_json_add(
			o, "domain_sriov",
			json_object_new_string(gmcsim_scan_domain_name(t->domain_sriov)));
	if (t->domain_why)
		rc |= gmcsim_json_add(o, "domain_note", json_object_new_string(t->domain_why));
	rc |= gmcsim_json_add(o, "keep", json_object_new_string(gmcsim_scan_keep_name(t->keep)));
	rc |= add_str(o, "create",
		      t->create < GMCSIM_HOOK_COUNT ? gmcsim_hook_name(t->create) : NULL);
	rc |= gmcsim_json_add(o, "create_hooks", hooks_json(t->create_hooks));
	rc |= add_str(o, "create_via", t->create_via);
	rc |= add_str(o, "path", t->path);
	rc |= gmcsim_json_add(o, "lazy", json_object_new_boolean(t->lazy));
	rc |= gmcsim_json_add(o, "recreate_on_resume", json_object_new_boolean(t->recreate));
	rc |= add_str(o, "free_in",
		      t->free_in < GMCSIM_HOOK_COUNT ? gmcsim_hook_name(t->free_in) : NULL);
	rc |= gmcsim_json_add(o, "consume", hooks_json(t->consume_hooks));
	rc |= gmcsim_json_add(o, "refresh", hooks_json(t->refresh_hooks));
	rc |= gmcsim_json_add(o, "gc", json_object_new_string(t->gc ? t->gc : ""));
	rc |= gmcsim_json_add(o, "exists", gmcsim_scan_cond_json(&t->exists));
	rc |= gmcsim_json_add(o, "consumed", gmcsim_scan_cond_json(&t->consumed));
	rc |= gmcsim_json_add(o, "guards", verbatim_json(&t->exists));
	rc |= gmcsim_json_add(o, "consumed_guards", verbatim_json(&t->consumed));
	rc |= gmcsim_json_add(o, "frees", uses_json(&t->frees));
	rc |= gmcsim_json_add(o, "uses", uses_json(&t->uses));
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
comparison_json(const struct gmcsim_scan_comparison *c)
{
	struct json_object *o = json_object_new_object(), *counts = json_object_new_object();
	struct json_object *rows = json_object_new_array();
	int rc = 0;

	for (int st = 0; st <= GMCSIM_SCAN_UNSCANNABLE; st++)
		rc |= gmcsim_json_add(counts, gmcsim_scan_status_name((enum gmcsim_scan_status)st),
				      json_object_new_int((int)c->n[st]));
	for (size_t i = 0; !rc && i < c->rows.n; i++) {
		const struct gmcsim_scan_row *row =
			(const struct gmcsim_scan_row *)c->rows.data + i;
		struct json_object *r = json_object_new_object(), *facts = json_object_new_array();

		rc |= gmcsim_json_add(r, "status",
				      json_object_new_string(gmcsim_scan_status_name(row->status)));
		rc |= add_str(r, "block", row->site ? row->site->block : NULL);
		rc |= add_str(r, "site", row->site ? row->site->name : NULL);
		rc |= add_or_null(r, "scanned", row->scanned >= 0,
				  row->scanned >= 0 ? json_object_new_int((int)row->scanned)
						    : NULL);
		if (row->why)
			rc |= gmcsim_json_add(r, "why", json_object_new_string(row->why));
		if (row->site && row->status != GMCSIM_SCAN_MISSING &&
		    row->status != GMCSIM_SCAN_UNSCANNABLE)
			rc |= gmcsim_json_add(r, "recovered",
					      json_object_new_boolean(row->recovered));
		for (size_t k = 0; !rc && k < row->n_facts; k++) {
			const struct gmcsim_scan_fact *f = &row->facts[k];
			struct json_object *fo = json_object_new_object();

			rc |= gmcsim_json_add(fo, "key", json_object_new_string(f->key));
			rc |= gmcsim_json_add(
				fo, "verdict",
				json_object_new_string(gmcsim_scan_verdict_name(f->verdict)));
			rc |= gmcsim_json_add(fo, "catalog", json_object_new_string(f->catalog));
			rc |= gmcsim_json_add(fo, "tree", json_object_new_string(f->tree));
			rc |= add_str(fo, "evidence", f->evidence);
			rc |= gmcsim_json_append(facts, fo);
		}
		rc |= gmcsim_json_add(r, "facts", facts);
		rc |= gmcsim_json_append(rows, r);
	}
	rc |= gmcsim_json_add(o, "against", json_object_new_string(c->against ? c->against : ""));
	rc |= gmcsim_json_add(o, "counts", counts);
	rc |= gmcsim_json_add(o, "recovered", json_object_new_int((int)c->recovered));
	rc |= gmcsim_json_add(o, "scannable", json_object_new_int((int)c->scannable));
	rc |= gmcsim_json_add(o, "rows", rows);
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

struct json_object *
gmcsim_scan_json(const struct gmcsim_scan *s, const struct gmcsim_scan_comparison *c)
{
	struct json_object *o = json_object_new_object(), *tree = json_object_new_object();
	struct json_object *files = json_object_new_object(), *sites = json_object_new_array();
	struct json_object *problems = json_object_new_array(), *gaveup = json_object_new_array();
	int rc = 0;

	rc |= gmcsim_json_add(tree, "dir", json_object_new_string(s->tree.amd));
	rc |= add_str(tree, "root", s->tree.root);
	rc |= add_str(tree, "kernel", s->tree.kernel[0] ? s->tree.kernel : NULL);
	rc |= add_str(tree, "version", s->tree.version[0] ? s->tree.version : NULL);
	rc |= gmcsim_json_add(files, "c", json_object_new_int((int)s->files_total));
	rc |= gmcsim_json_add(files, "pass1", json_object_new_int((int)s->files_pass1));
	rc |= gmcsim_json_add(files, "parsed", json_object_new_int((int)s->files_parsed));
	rc |= gmcsim_json_add(files, "rounds", json_object_new_int((int)s->rounds));
	rc |= gmcsim_json_add(files, "spatch_runs", json_object_new_int((int)s->spatch_runs));
	rc |= gmcsim_json_add(files, "seconds", json_object_new_double(s->seconds));
	rc |= gmcsim_json_add(files, "seconds_pass1", json_object_new_double(s->seconds_pass1));
	rc |= gmcsim_json_add(files, "seconds_pass2", json_object_new_double(s->seconds_pass2));
	for (size_t i = 0; !rc && i < s->sites.n; i++)
		rc |= gmcsim_json_append(sites, site_json(s, i));
	for (size_t i = 0; !rc && i < s->tree.problems.n; i++) {
		const struct gmcsim_scan_problem *p =
			(const struct gmcsim_scan_problem *)s->tree.problems.data + i;
		struct json_object *po = json_object_new_object();

		rc |= gmcsim_json_add(po, "file", json_object_new_string(p->file));
		rc |= gmcsim_json_add(po, "what", json_object_new_string(p->what));
		rc |= gmcsim_json_add(po, "missed", json_object_new_boolean(p->missed));
		rc |= gmcsim_json_append(problems, po);
	}
	for (size_t i = 0; !rc && i < s->gaveup.n; i++) {
		const struct gmcsim_scan_gaveup *g =
			(const struct gmcsim_scan_gaveup *)s->gaveup.data + i;
		struct json_object *go = json_object_new_object();

		rc |= gmcsim_json_add(go, "file", json_object_new_string(g->file));
		rc |= gmcsim_json_add(go, "line", json_object_new_int((int)g->line));
		rc |= gmcsim_json_add(go, "function", json_object_new_string(g->func));
		rc |= gmcsim_json_add(go, "call", json_object_new_string(g->call));
		rc |= gmcsim_json_add(go, "candidates", json_object_new_int((int)g->candidates));
		rc |= gmcsim_json_append(gaveup, go);
	}
	rc |= gmcsim_json_add(o, "tree", tree);
	rc |= gmcsim_json_add(o, "complete", json_object_new_boolean(s->complete));
	rc |= gmcsim_json_add(o, "files", files);
	rc |= gmcsim_json_add(o, "sites", sites);
	if (c)
		rc |= gmcsim_json_add(o, "comparison", comparison_json(c));
	rc |= gmcsim_json_add(o, "problems", problems);
	rc |= gmcsim_json_add(o, "gave_up", gaveup);
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* ------------------------------------------------------------------ */
/* Draft block files                                                    */
/* ------------------------------------------------------------------ */

/* The built-in blocks' order (docs/catalog.md "Block order"); others after. */
static const struct {
	const char *block;
	int order;
} orders[] = {
	{ "common", 10 }, { "device", 15 }, { "gmc", 20 },  { "ih", 30 },
	{ "psp", 40 },	  { "smu", 50 },    { "dm", 60 },   { "gfx", 70 },
	{ "sdma", 80 },	  { "uvd", 90 },    { "vce", 91 },  { "vcn", 92 },
	{ "jpeg", 93 },	  { "mes", 100 },   { "vpe", 110 }, { "umsch", 120 },
};

static int
block_order(const char *block, int fallback)
{
	for (size_t i = 0; i < N_OF(orders); i++) {
		if (strcmp(orders[i].block, block) == 0)
			return orders[i].order;
	}
	return fallback;
}

/* Append "; what" to the note in @note (of @len). */
static void
note_add(char *note, size_t len, const char *what)
{
	size_t used = strlen(note);

	if (used + strlen(what) + 3 < len)
		snprintf(note + used, len - used, "%s%s", used ? "; " : "", what);
}

static int
cite_json(struct json_object *site, const struct gmcsim_scan *s, const struct gmcsim_scan_site *t)
{
	struct json_object *c = json_object_new_object(), *consume = json_object_new_array();
	struct json_object *conds = json_object_new_array();
	const char *tree_name = s->tree.root ? base_name(s->tree.root) : base_name(s->tree.amd);
	int rc = 0;

	rc |= gmcsim_json_add(
		c, "kernel",
		json_object_new_string(s->tree.kernel[0] ? s->tree.kernel : "unknown"));
	{
		char tree[GMCSIM_TEXT_MAX];

		snprintf(tree, sizeof(tree), "%s%s%s", tree_name, s->tree.version[0] ? "@" : "",
			 s->tree.version);
		rc |= gmcsim_json_add(c, "tree", json_object_new_string(tree));
	}
	{
		char buf[GMCSIM_TEXT_MAX];

		snprintf(buf, sizeof(buf), "%s:%s", base_name(t->file), t->func);
		rc |= gmcsim_json_add(c, "create", json_object_new_string(buf));
		rc |= gmcsim_json_add(c, "cache", json_object_new_string(buf));
	}
	{
		bool found = false;

		for (size_t i = 0; i < t->frees.n && !found; i++) {
			const struct gmcsim_scan_use *u =
				(const struct gmcsim_scan_use *)t->frees.data + i;
			char buf[GMCSIM_TEXT_MAX];

			if (!(u->hooks & GMCSIM_SCAN_HOOK_BIT(t->free_in)))
				continue;
			snprintf(buf, sizeof(buf), "%s:%s", base_name(u->file), u->func);
			rc |= gmcsim_json_add(c, "free", json_object_new_string(buf));
			found = true;
		}
		/* the catalog wants the key: say that the scan saw no free, not a guess */
		if (!found)
			rc |= gmcsim_json_add(
				c, "free",
				json_object_new_string("not found by the scan (check it)"));
	}
	for (size_t i = 0, n = 0; i < t->uses.n && n < 4; i++) {
		const struct gmcsim_scan_use *u = (const struct gmcsim_scan_use *)t->uses.data + i;
		char buf[GMCSIM_TEXT_MAX];

		bool seen = false;

		if (u->refresh || !u->hooks)
			continue;
		snprintf(buf, sizeof(buf), "%s:%s", base_name(u->file), u->func);
		for (size_t k = 0; k < json_object_array_length(consume); k++)
			seen |= strcmp(json_object_get_string(
					       json_object_array_get_idx(consume, k)),
				       buf) == 0;
		if (seen)
			continue;
		rc |= gmcsim_json_append(consume, json_object_new_string(buf));
		n++;
	}
	rc |= gmcsim_json_add(c, "consume", consume);
	for (size_t i = 0; i < t->uses.n; i++) {
		const struct gmcsim_scan_use *u = (const struct gmcsim_scan_use *)t->uses.data + i;
		char buf[GMCSIM_TEXT_MAX];

		if (!u->refresh)
			continue;
		snprintf(buf, sizeof(buf), "%s:%s", base_name(u->file), u->func);
		rc |= gmcsim_json_add(c, "refresh", json_object_new_string(buf));
		break;
	}
	for (size_t i = 0; i < N_OF(t->exists.where) && t->exists.where[i]; i++)
		rc |= gmcsim_json_append(conds, json_object_new_string(t->exists.where[i]));
	rc |= gmcsim_json_add(c, "conditions", conds);
	rc |= gmcsim_json_add(site, "cite", c);
	return rc;
}

/* One draft site in the catalog's vocabulary. */
static struct json_object *
draft_json(const struct gmcsim_scan *s, const struct gmcsim_scan_site *t,
	   enum gmcsim_scan_vocabulary v)
{
	struct json_object *o = json_object_new_object(), *consume;
	enum gmcsim_hook create = t->create;
	bool lazy = t->lazy, recreate = t->recreate;
	enum gmcsim_hook free_in = t->free_in;
	unsigned domain = t->domain, cons;
	uint64_t size = t->size_value;
	char note[NOTE_MAX + 1] = "", consumer[CONSUMER_MAX + 1];
	int rc = 0;

	/* what the v1 vocabulary can say */
	if (create == GMCSIM_HOOK_EARLY_INIT) {
		create = GMCSIM_HOOK_SW_INIT;
		note_add(note, sizeof(note), "created at early_init");
	} else if (create > GMCSIM_HOOK_LATE_INIT) {
		note_add(note, sizeof(note), "created only after init (resume or later)");
		create = GMCSIM_HOOK_HW_INIT;
		recreate = true;
	}
	if (create == GMCSIM_HOOK_SW_INIT && (recreate || lazy)) {
		if (t->create_hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME))
			note_add(note, sizeof(note), "also created on resume");
		recreate = lazy = false;
	}
	if (free_in >= GMCSIM_HOOK_COUNT) {
		free_in = GMCSIM_HOOK_SW_FINI;
		note_add(note, sizeof(note), "no free found: free_in assumed");
	}
	if (lazy && recreate && free_in != GMCSIM_HOOK_SUSPEND)
		lazy = false;
	if (!domain) {
		domain = GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT;
		note_add(note, sizeof(note), "domain not derived");
	}
	if (!size) {
		size = SIZE_PLACEHOLDER;
		note_add(note, sizeof(note), "size is a placeholder");
	}
	cons = t->consume_hooks & ~(GMCSIM_SCAN_HOOK_BIT(create) - 1) &
	       (GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_COUNT) - 1);
	if (!cons) {
		cons = GMCSIM_SCAN_HOOK_BIT(create);
		note_add(note, sizeof(note), "no read after the create found");
	}
	if (t->exists.verbatim[0] || t->consumed.verbatim[0])
		note_add(note, sizeof(note), "guards beyond the vocabulary (see the scan report)");
	consume = hooks_json(cons);
	{
		char hooks[96];

		snprintf(consumer, sizeof(consumer), "%.60s read at %.60s",
			 t->gpu ? t->gpu : t->slot,
			 gmcsim_scan_hooks_text(cons, false, hooks, sizeof(hooks)));
	}

	rc |= gmcsim_json_add(o, "name", json_object_new_string(t->name));
	rc |= gmcsim_json_add(o, "ref", json_object_new_string("scan"));
	rc |= gmcsim_json_add(o, "create", json_object_new_string(gmcsim_hook_name(create)));
	rc |= gmcsim_json_add(o, "lazy",
			      json_object_new_boolean(lazy && create != GMCSIM_HOOK_SW_INIT));
	rc |= gmcsim_json_add(o, "recreate_on_resume", json_object_new_boolean(recreate));
	rc |= gmcsim_json_add(o, "free_in", json_object_new_string(gmcsim_hook_name(free_in)));
	rc |= gmcsim_json_add(o, "domain", json_object_new_string(gmcsim_scan_domain_name(domain)));
	if (t->domain_sriov && t->domain_sriov != domain)
		rc |= gmcsim_json_add(
			o, "domain_sriov",
			json_object_new_string(gmcsim_scan_domain_name(t->domain_sriov)));
	rc |= gmcsim_json_add(o, "size", gmcsim_json_hex(size));
	rc |= gmcsim_json_add(o, "cache",
			      json_object_new_string(t->keep == GMCSIM_SCAN_KEEP_DERIVED ? "derived"
						     : t->keep == GMCSIM_SCAN_KEEP_NONE	 ? "none"
											: "field"));
	rc |= gmcsim_json_add(o, "addr", json_object_new_string("mc"));
	if (t->keep == GMCSIM_SCAN_KEEP_DERIVED) {
		uint64_t off = 0;
		char *end;

		if (t->offset)
			off = strtoull(t->offset, &end, 0);
		if (!t->offset || *end || off >= size) {
			off = 0;
			note_add(note, sizeof(note), "derived offset not a constant");
		}
		rc |= gmcsim_json_add(o, "derived_offset", gmcsim_json_hex(off));
	}
	rc |= gmcsim_json_add(o, "consume", consume);
	rc |= gmcsim_json_add(
		o, "fw_load",
		json_object_new_string(t->exists.fw_load ? t->exists.fw_load : "any"));
	rc |= gmcsim_json_add(o, "rfc_helper", json_object_new_boolean(false));
	rc |= gmcsim_json_add(
		o, "upstream_fb_aper",
		json_object_new_boolean(
			(t->refresh_hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME)) &&
			((domain | t->domain_sriov) & GMC_DOMAIN_VRAM)));
	rc |= gmcsim_json_add(o, "gc", json_object_new_string(t->gc ? t->gc : ""));
	rc |= gmcsim_json_add(o, "consumer", json_object_new_string(consumer));
	if (v == GMCSIM_SCAN_V2) {
		if (!gmcsim_scan_cond_empty(&t->exists))
			rc |= gmcsim_json_add(o, "exists", gmcsim_scan_cond_json(&t->exists));
		if (!gmcsim_scan_cond_empty(&t->consumed))
			rc |= gmcsim_json_add(o, "consumed", gmcsim_scan_cond_json(&t->consumed));
		rc |= gmcsim_json_add(o, "status", json_object_new_string("uncertain"));
		if (!note[0])
			snprintf(note, sizeof(note), "drafted by gmcsim scan; review before use");
		rc |= gmcsim_json_add(o, "note", json_object_new_string(note));
		rc |= cite_json(o, s, t);
	}
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int
gmcsim_scan_blocks_json(const struct gmcsim_scan *s, enum gmcsim_scan_vocabulary v,
			struct json_object *blocks)
{
	int next_order = 500;

	for (size_t i = 0; i < s->sites.n; i++) {
		const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, i);
		struct json_object *block, *sites, *entry;
		char file[GMCSIM_NAME_MAX + 16];
		bool seen = false;

		if (t->cls != GMCSIM_SCAN_CANDIDATE)
			continue;
		for (size_t j = 0; j < i && !seen; j++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(s, j);

			seen = o->cls == GMCSIM_SCAN_CANDIDATE && strcmp(o->block, t->block) == 0;
		}
		if (seen)
			continue;
		block = json_object_new_object();
		sites = json_object_new_array();
		if (gmcsim_json_add(block, "block", json_object_new_string(t->block)) ||
		    gmcsim_json_add(block, "order",
				    json_object_new_int(block_order(t->block, next_order++))))
			return -ENOMEM;
		for (size_t j = i; j < s->sites.n; j++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(s, j);

			if (o->cls == GMCSIM_SCAN_CANDIDATE && strcmp(o->block, t->block) == 0 &&
			    gmcsim_json_append(sites, draft_json(s, o, v))) {
				json_object_put(block);
				return -ENOMEM;
			}
		}
		if (gmcsim_json_add(block, "sites", sites))
			return -ENOMEM;
		snprintf(file, sizeof(file), "scan-%s.json", t->block);
		entry = json_object_new_object();
		if (gmcsim_json_add(entry, "file", json_object_new_string(file)) ||
		    gmcsim_json_add(entry, "block", block) || gmcsim_json_append(blocks, entry))
			return -ENOMEM;
	}
	return 0;
}

int
gmcsim_scan_blocks_write(const struct gmcsim_scan *s, enum gmcsim_scan_vocabulary v,
			 const char *dir, size_t *written, struct gmc_error *err)
{
	struct json_object *blocks = json_object_new_array();
	char q[GMCSIM_SAFE_BUF];
	int rc;

	*written = 0;
	gmcsim_safe_text(dir, q, sizeof(q));
	if (!blocks || gmcsim_scan_blocks_json(s, v, blocks)) {
		json_object_put(blocks);
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		rc = -errno;
		json_object_put(blocks);
		return gmcsim_fail(err, rc, "cannot create %s: %s", q, strerror(-rc));
	}
	for (size_t i = 0; i < json_object_array_length(blocks); i++) {
		struct json_object *e = json_object_array_get_idx(blocks, i), *name, *block;
		char path[PATH_MAX];
		FILE *f;

		json_object_object_get_ex(e, "file", &name);
		json_object_object_get_ex(e, "block", &block);
		snprintf(path, sizeof(path), "%s/%s", dir, json_object_get_string(name));
		f = fopen(path, "we");
		if (!f) {
			rc = -errno;
			json_object_put(blocks);
			return gmcsim_fail(err, rc, "cannot write %s in %s: %s",
					   json_object_get_string(name), q, strerror(-rc));
		}
		rc = gmcsim_json_print(f, block, true);
		if (fclose(f) != 0 && !rc)
			rc = -EIO;
		if (rc) {
			json_object_put(blocks);
			return gmcsim_fail(err, rc, "cannot write %s in %s",
					   json_object_get_string(name), q);
		}
		(*written)++;
	}
	json_object_put(blocks);
	return 0;
}
