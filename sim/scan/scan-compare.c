/* SPDX-License-Identifier: MIT */
/*
 * The comparison of a scan with a catalog. Each catalog site is looked up
 * in the tree by its location (catalog v2's cite, else the table of
 * scan-cites.c, else a site of the same block and name); each fact is one
 * entry of the table below, so a key the catalog gains (v2's exists,
 * consumed, multiplicity) is one more entry and one more function.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* The GC generations libgmc models (gmc v9 to v12): a site for "every part". */
#define MODELLED_GC "9.*,10.*,11.*,12.*"

const char *
gmcsim_scan_status_name(enum gmcsim_scan_status s)
{
	static const char *const names[] = { "confirmed", "differing", "new", "missing",
					     "unscannable" };

	return (unsigned)s < N_OF(names) ? names[s] : "?";
}

const char *
gmcsim_scan_verdict_name(enum gmcsim_scan_verdict v)
{
	static const char *const names[] = { "agree", "differ", "unknown" };

	return (unsigned)v < N_OF(names) ? names[v] : "?";
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static const char *
hook_or(enum gmcsim_hook h, const char *unknown)
{
	return h < GMCSIM_HOOK_COUNT ? gmcsim_hook_name(h) : unknown;
}

/* One fact: fill both sides' text and the evidence, return the verdict. */
struct fact_def {
	const char *key;
	enum gmcsim_scan_verdict (*cmp)(const struct gmcsim_site *c,
					const struct gmcsim_scan_site *t,
					struct gmcsim_scan_fact *f, struct gmcsim_scan_arena *a);
};

static const char *
where(struct gmcsim_scan_arena *a, const struct gmcsim_scan_site *t)
{
	return gmcsim_scan_printf(a, "%s:%u %s", base_name(t->file), t->line, t->func);
}

static enum gmcsim_scan_verdict
cmp_create(const struct gmcsim_site *c, const struct gmcsim_scan_site *t,
	   struct gmcsim_scan_fact *f, struct gmcsim_scan_arena *a)
{
	snprintf(f->catalog, sizeof(f->catalog), "%s", gmcsim_hook_name(c->create));
	snprintf(f->tree, sizeof(f->tree), "%s", hook_or(t->create, "no hook reaches it"));
	f->evidence = t->path ? gmcsim_scan_printf(a, "%s: %s", where(a, t), t->path) : where(a, t);
	if (t->create >= GMCSIM_HOOK_COUNT)
		return GMCSIM_SCAN_UNKNOWN;
	return t->create == c->create ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
}

static const char *
resume_text(bool lazy, bool recreate)
{
	if (recreate)
		return "created again on resume";
	if (lazy)
		return "lazy: kept across resume";
	return "kept across resume";
}

static enum gmcsim_scan_verdict
cmp_resume(const struct gmcsim_site *c, const struct gmcsim_scan_site *t,
	   struct gmcsim_scan_fact *f, struct gmcsim_scan_arena *a)
{
	snprintf(f->catalog, sizeof(f->catalog), "%s", resume_text(c->lazy, c->recreate_on_resume));
	snprintf(f->tree, sizeof(f->tree), "%s", resume_text(t->lazy, t->recreate));
	f->evidence = where(a, t);
	if (t->create >= GMCSIM_HOOK_COUNT)
		return GMCSIM_SCAN_UNKNOWN;
	/* lazy only means something for a create on the hw path */
	if (c->recreate_on_resume != t->recreate)
		return GMCSIM_SCAN_DIFFER;
	if (c->create != GMCSIM_HOOK_SW_INIT && c->lazy != t->lazy)
		return GMCSIM_SCAN_DIFFER;
	return GMCSIM_SCAN_AGREE;
}

static enum gmcsim_scan_verdict
cmp_free(const struct gmcsim_site *c, const struct gmcsim_scan_site *t, struct gmcsim_scan_fact *f,
	 struct gmcsim_scan_arena *a)
{
	snprintf(f->catalog, sizeof(f->catalog), "%s", gmcsim_hook_name(c->free_in));
	snprintf(f->tree, sizeof(f->tree), "%s", hook_or(t->free_in, "no free on a teardown hook"));
	if (t->frees.n) {
		const struct gmcsim_scan_use *u = t->frees.data;

		f->evidence =
			gmcsim_scan_printf(a, "%s:%u %s", base_name(u->file), u->line, u->func);
	}
	if (t->free_in >= GMCSIM_HOOK_COUNT)
		return GMCSIM_SCAN_UNKNOWN;
	return t->free_in == c->free_in ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
}

static void
domain_text(unsigned d, unsigned vf, char *buf, size_t len)
{
	if (vf && vf != d)
		snprintf(buf, len, "%s (VF: %s)", gmcsim_scan_domain_name(d),
			 gmcsim_scan_domain_name(vf));
	else
		snprintf(buf, len, "%s", gmcsim_scan_domain_name(d));
}

/* The GC major version a pattern names ("10.3.*" -> 10), or -1 for "*". */
static int
gc_major(const char *p)
{
	return *p >= '0' && *p <= '9' ? atoi(p) : -1;
}

/* The domain the tree gives on the catalog site's parts, when a local's
 * domain grows from some GC version on: below it, at or above it, or both. */
static unsigned
tree_domain_for(const struct gmcsim_site *c, const struct gmcsim_scan_site *t)
{
	int min = t->domain_gc_min ? atoi(t->domain_gc_min) : -1;
	bool below = false, above = false;

	if (min < 0 || !c->gc[0])
		return t->domain;
	for (const char *p = c->gc; *p;) {
		int major = gc_major(p);

		if (major < 0)
			return t->domain;
		if (major < min)
			below = true;
		else
			above = true;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	if (below && !above)
		return t->domain & ~t->domain_gc_extra;
	return t->domain;
}

static enum gmcsim_scan_verdict
cmp_domain(const struct gmcsim_site *c, const struct gmcsim_scan_site *t,
	   struct gmcsim_scan_fact *f, struct gmcsim_scan_arena *a)
{
	unsigned td = tree_domain_for(c, t);
	unsigned cvf = c->domain_sriov ? c->domain_sriov : c->domain;
	unsigned tvf = t->domain_sriov ? t->domain_sriov : td;

	domain_text(c->domain, c->domain_sriov, f->catalog, sizeof(f->catalog));
	if (t->domain)
		domain_text(td, t->domain_sriov, f->tree, sizeof(f->tree));
	else
		snprintf(f->tree, sizeof(f->tree), "%s", t->domain_why ? t->domain_why : "unknown");
	f->evidence = gmcsim_scan_printf(a, "%s: %s%s%s", where(a, t),
					 t->domain_expr ? t->domain_expr : "",
					 t->domain_why && t->domain ? "; " : "",
					 t->domain_why && t->domain ? t->domain_why : "");
	if (!t->domain)
		return GMCSIM_SCAN_UNKNOWN;
	return c->domain == td && cvf == tvf ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
}

static enum gmcsim_scan_verdict
cmp_cache(const struct gmcsim_site *c, const struct gmcsim_scan_site *t, struct gmcsim_scan_fact *f,
	  struct gmcsim_scan_arena *a)
{
	snprintf(f->catalog, sizeof(f->catalog), "%s", gmcsim_cache_name(c->cache));
	if (t->keep == GMCSIM_SCAN_KEEP_NONE)
		snprintf(f->tree, sizeof(f->tree), "none (no GPU address kept)");
	else
		snprintf(f->tree, sizeof(f->tree), "%s: %s", gmcsim_scan_keep_name(t->keep),
			 t->gpu);
	f->evidence = where(a, t);
	switch (c->cache) {
	case GMCSIM_CACHE_FIELD:
	case GMCSIM_CACHE_MIXED:
	case GMCSIM_CACHE_CONTENT:
	case GMCSIM_CACHE_REGISTER:
		/* the address is in a field in all four; how it is used is not in the source's
		 * syntax */
		return t->keep == GMCSIM_SCAN_KEEP_FIELD ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
	case GMCSIM_CACHE_DERIVED:
		return t->keep == GMCSIM_SCAN_KEEP_DERIVED ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
	case GMCSIM_CACHE_NONE:
		return t->keep == GMCSIM_SCAN_KEEP_NONE ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
	default:
		/* pte, firmware: kept outside the driver's fields */
		return GMCSIM_SCAN_UNKNOWN;
	}
}

static enum gmcsim_scan_verdict
cmp_consume(const struct gmcsim_site *c, const struct gmcsim_scan_site *t,
	    struct gmcsim_scan_fact *f, struct gmcsim_scan_arena *a)
{
	unsigned tree = t->consume_hooks & (GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_COUNT) - 1);

	gmcsim_scan_hooks_text(c->consume, false, f->catalog, sizeof(f->catalog));
	gmcsim_scan_hooks_text(tree, false, f->tree, sizeof(f->tree));
	for (size_t i = 0; i < t->uses.n; i++) {
		const struct gmcsim_scan_use *u = (const struct gmcsim_scan_use *)t->uses.data + i;

		if (!u->refresh && (u->hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME))) {
			f->evidence = gmcsim_scan_printf(a, "%s:%u %s", base_name(u->file), u->line,
							 u->func);
			break;
		}
	}
	if (!tree)
		return t->keep == GMCSIM_SCAN_KEEP_NONE ? GMCSIM_SCAN_UNKNOWN : GMCSIM_SCAN_DIFFER;
	/* the tree may read it in more hooks than the catalog models */
	return (c->consume & ~tree) == 0 ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
}

/* Whether GC pattern @p covers @q ("9.*" covers "9.4.*" and "9.0.1"). */
static bool
covers(const char *p, size_t pl, const char *q, size_t ql)
{
	if (pl == 1 && p[0] == '*')
		return true;
	if (pl >= 2 && p[pl - 1] == '*')
		return ql >= pl - 1 && strncmp(p, q, pl - 1) == 0;
	return pl == ql && strncmp(p, q, pl) == 0;
}

static bool
covers_all(const char *hint, const char *cat)
{
	for (const char *c = cat; *c;) {
		size_t cl = strcspn(c, ",");
		bool ok = false;

		while (*c == ' ')
			c++, cl--;
		for (const char *h = hint; *h && !ok;) {
			size_t hl = strcspn(h, ",");

			ok = covers(h, hl, c, cl);
			h += hl + (h[hl] == ',');
		}
		if (!ok)
			return false;
		c += cl + (c[cl] == ',');
	}
	return true;
}

static enum gmcsim_scan_verdict
cmp_gc(const struct gmcsim_site *c, const struct gmcsim_scan_site *t, struct gmcsim_scan_fact *f,
       struct gmcsim_scan_arena *a)
{
	(void)a;
	snprintf(f->catalog, sizeof(f->catalog), "%s", c->gc[0] ? c->gc : "every part");
	snprintf(f->tree, sizeof(f->tree), "%s",
		 t->gc && *t->gc ? t->gc : "every part (no versioned IP file on the path)");
	f->evidence = t->create_via;
	if (!t->gc || !*t->gc)
		return c->gc[0] ? GMCSIM_SCAN_UNKNOWN : GMCSIM_SCAN_AGREE;
	/* "every part" means every part gmcsim models: GC 9 to 12 */
	if (!c->gc[0])
		return covers_all(t->gc, MODELLED_GC) ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
	return covers_all(t->gc, c->gc) ? GMCSIM_SCAN_AGREE : GMCSIM_SCAN_DIFFER;
}

/* The facts compared, in report order. */
static const struct fact_def facts[] = {
	{ "create", cmp_create }, { "resume", cmp_resume }, { "free_in", cmp_free },
	{ "domain", cmp_domain }, { "cache", cmp_cache },   { "consume", cmp_consume },
	{ "gc", cmp_gc },
};

_Static_assert(N_OF(facts) == GMCSIM_SCAN_N_FACTS, "one fact per table entry");

/* Whether @hay holds the @nl bytes at @needle. */
static bool
contains(const char *hay, const char *needle, size_t nl)
{
	for (; *hay; hay++) {
		if (strncmp(hay, needle, nl) == 0)
			return true;
	}
	return false;
}

/* The scanned sites one "where" entry names. */
static bool
entry_matches(const struct gmcsim_scan *s, size_t index, const char *entry, size_t len)
{
	const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, index);
	const char *colon = memchr(entry, ':', len), *fn, *hint;
	size_t fl, fnl, hl = 0;
	char mode = 0;

	if (!colon)
		return false;
	fl = (size_t)(colon - entry);
	fn = colon + 1;
	fnl = strcspn(fn, "#@ ");
	if (fn + fnl > entry + len)
		fnl = (size_t)(entry + len - fn);
	hint = fn + fnl;
	if (hint < entry + len && (*hint == '#' || *hint == '@')) {
		mode = *hint++;
		hl = (size_t)(entry + len - hint);
	}
	if (strlen(base_name(t->file)) != fl || strncmp(base_name(t->file), entry, fl) != 0 ||
	    strlen(t->func) != fnl || strncmp(t->func, fn, fnl) != 0)
		return false;
	if (mode == '#') {
		const char *texts[] = { t->slot, t->gpu, t->via };

		for (size_t i = 0; i < N_OF(texts); i++) {
			if (texts[i] && hl && contains(texts[i], hint, hl))
				return true;
		}
		return false;
	}
	if (mode == '@') {
		/* the n-th create of the function, in line order */
		unsigned want = (unsigned)atoi(hint), rank = 1;

		if (t->parent >= 0)
			return false;
		for (size_t i = 0; i < s->sites.n; i++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(s, i);

			if (o->parent < 0 && o->line < t->line && strcmp(o->file, t->file) == 0 &&
			    strcmp(o->func, t->func) == 0)
				rank++;
		}
		return rank == want;
	}
	return true;
}

static bool
cite_matches(const struct gmcsim_scan *s, size_t index, const char *where_list)
{
	for (const char *p = where_list; *p;) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len && entry_matches(s, index, p, len))
			return true;
		p += len;
	}
	return false;
}

static int
row_facts(struct gmcsim_scan_row *row, const struct gmcsim_site *c,
	  const struct gmcsim_scan_site *t, struct gmcsim_scan_arena *a)
{
	unsigned differ = 0;

	row->n_facts = 0;
	for (size_t k = 0; k < N_OF(facts); k++) {
		struct gmcsim_scan_fact *f = &row->facts[row->n_facts++];

		memset(f, 0, sizeof(*f));
		f->key = facts[k].key;
		f->verdict = facts[k].cmp(c, t, f, a);
		differ += f->verdict == GMCSIM_SCAN_DIFFER;
	}
	row->status = differ ? GMCSIM_SCAN_DIFFERING : GMCSIM_SCAN_CONFIRMED;
	row->recovered = true;
	for (size_t k = 0; k < row->n_facts; k++) {
		const struct gmcsim_scan_fact *f = &row->facts[k];

		if ((strcmp(f->key, "create") == 0 || strcmp(f->key, "domain") == 0 ||
		     strcmp(f->key, "cache") == 0) &&
		    f->verdict == GMCSIM_SCAN_DIFFER)
			row->recovered = false;
		if ((strcmp(f->key, "create") == 0 || strcmp(f->key, "domain") == 0) &&
		    f->verdict == GMCSIM_SCAN_UNKNOWN)
			row->recovered = false;
	}
	return (int)differ;
}

/* The union of the GC hints of every scanned site @cite matches, when it
 * matches more than one; "" when one of them has none; NULL otherwise. */
static const char *
union_gc(const struct gmcsim_scan *s, const struct gmcsim_scan_cite *cite,
	 const struct gmcsim_site *cs, struct gmcsim_scan_arena *a)
{
	char buf[GMCSIM_TEXT_MAX] = "";
	unsigned matched = 0;

	for (size_t j = 0; j < s->sites.n; j++) {
		const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, j);

		if (cite ? !cite_matches(s, j, cite->where)
			 : (strcmp(t->block, cs->block) != 0 || strcmp(t->name, cs->name) != 0))
			continue;
		matched++;
		if (!t->gc || !*t->gc)
			return matched > 1 ? "" : NULL;
		for (const char *p = t->gc; *p;) {
			size_t len = strcspn(p, ","), used = strlen(buf);
			char item[64];

			snprintf(item, sizeof(item), "%.*s", (int)len, p);
			if (!covers_all(buf, item) && used + len + 2 < sizeof(buf))
				snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? "," : "",
					 item);
			p += len + (p[len] == ',');
		}
	}
	return matched > 1 ? gmcsim_scan_strdup(a, buf) : NULL;
}

int
gmcsim_scan_compare(const struct gmcsim_scan *s, const struct gmcsim_site *sites, size_t n,
		    const char *against, struct gmcsim_scan_comparison *c)
{
	struct gmcsim_scan_arena *a = (struct gmcsim_scan_arena *)&s->tree.arena;
	unsigned char *matched = calloc(s->sites.n + 1, 1);

	memset(c, 0, sizeof(*c));
	c->rows.item = sizeof(struct gmcsim_scan_row);
	c->against = against;
	if (!matched)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct gmcsim_site *cs = &sites[i];
		const struct gmcsim_scan_cite *cite = gmcsim_scan_cite_find(cs->block, cs->name);
		struct gmcsim_scan_row *row = gmcsim_scan_vec_push(&c->rows), best;
		int best_differ = -1;

		if (!row) {
			free(matched);
			return -ENOMEM;
		}
		row->site = cs;
		row->scanned = -1;
		if (cite && cite->unscannable) {
			row->status = GMCSIM_SCAN_UNSCANNABLE;
			row->why = cite->unscannable;
			continue;
		}
		for (size_t j = 0; j < s->sites.n; j++) {
			const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, j);
			struct gmcsim_scan_row tmp = *row;
			int differ;

			if (cite ? !cite_matches(s, j, cite->where)
				 : (strcmp(t->block, cs->block) != 0 ||
				    strcmp(t->name, cs->name) != 0))
				continue;
			matched[j] = 1;
			differ = row_facts(&tmp, cs, t, a);
			tmp.scanned = (long)j;
			/* several creates for one site (v11 and v11 rs64): the closest one */
			if (best_differ < 0 || differ < best_differ) {
				best = tmp;
				best_differ = differ;
			}
		}
		if (best_differ >= 0) {
			/* the GC parts of every create the site stands for */
			const char *gc = union_gc(s, cite, cs, a);

			*row = best;
			if (gc) {
				struct gmcsim_scan_site merged =
					*gmcsim_scan_site_at(s, (size_t)best.scanned);

				merged.gc = gc;
				row_facts(row, cs, &merged, a);
			}
		} else {
			row->status = GMCSIM_SCAN_MISSING;
			row->why = cite ? gmcsim_scan_printf(a, "nothing found at %s", cite->where)
					: "no site of that block and name (and no known location)";
		}
	}
	for (size_t j = 0; j < s->sites.n; j++) {
		const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, j);
		struct gmcsim_scan_row *row;

		if (matched[j] || t->cls != GMCSIM_SCAN_CANDIDATE)
			continue;
		row = gmcsim_scan_vec_push(&c->rows);
		if (!row) {
			free(matched);
			return -ENOMEM;
		}
		row->status = GMCSIM_SCAN_NEW;
		row->scanned = (long)j;
	}
	free(matched);
	for (size_t i = 0; i < c->rows.n; i++) {
		const struct gmcsim_scan_row *row =
			(const struct gmcsim_scan_row *)c->rows.data + i;

		c->n[row->status]++;
		if (row->site && row->status != GMCSIM_SCAN_UNSCANNABLE) {
			c->scannable++;
			if (row->status != GMCSIM_SCAN_MISSING && row->recovered)
				c->recovered++;
		}
	}
	return 0;
}

void
gmcsim_scan_comparison_fini(struct gmcsim_scan_comparison *c)
{
	gmcsim_scan_vec_fini(&c->rows);
	memset(c, 0, sizeof(*c));
}
