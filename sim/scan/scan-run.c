/* SPDX-License-Identifier: MIT */
/*
 * The whole scan. Pass 1 runs sites.cocci on the files that name a
 * kernel-BO helper. Pass 2 runs graph.cocci, filled with what pass 1 found
 * (the kept fields, the BO pointers, the helpers), on a closure of files:
 * first those naming a function or field of interest, then, round after
 * round, those naming a caller found in the previous round, until no file
 * is added. A driver tree's display core, for one, is never parsed unless
 * it calls into a path of interest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scan-config.h"
#include "scan.h"
#include "util.h"

/* Rounds of the closure before the scan stops adding files (and says so). */
#define MAX_ROUNDS 16
/* A function or macro named in more files than this is a shared utility
 * (register access, ring helpers): the closure does not add its callers for
 * its sake, or it would parse the whole tree. */
#define FANIN_CAP 20
/* What a regex alternation holds when there is nothing to match. */
#define NOTHING "gmcsim_scan_matches_nothing"

/* Files with one of these go to pass 1. */
static const char *const helper_tokens[] = {
	"amdgpu_bo_create_kernel",
	"amdgpu_bo_create_reserved",
	"amdgpu_bo_create_kernel_at",
	"amdgpu_bo_free_kernel",
	NULL,
};

/* What a parse error must name for a site to be possibly missing. */
static const char *const missed_tokens[] = {
	"amdgpu_bo_create_kernel",
	"amdgpu_bo_create_reserved",
	"amdgpu_bo_create_kernel_at",
	"amdgpu_bo_free_kernel",
	"amdgpu_bo_pin",
	"amdgpu_bo_create",
	NULL,
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *
embedded(const char *name)
{
	for (size_t i = 0; i < gmcsim_scan_cocci_count; i++) {
		if (strcmp(gmcsim_scan_cocci[i].name, name) == 0)
			return gmcsim_scan_cocci[i].text;
	}
	return NULL;
}

static const struct gmcsim_scan_rec *
rec_at(const struct gmcsim_scan_vec *v, size_t i)
{
	return (const struct gmcsim_scan_rec *)v->data + i;
}

/* A growable string for the generated alternations. */
struct strbuf {
	char *s;
	size_t len, cap;
};

static int
sb_add(struct strbuf *b, const char *word)
{
	size_t wl = strlen(word);

	if (b->len + wl + 2 > b->cap) {
		size_t ncap = (b->cap + wl + 2) * 2;
		char *n = realloc(b->s, ncap);

		if (!n)
			return -ENOMEM;
		b->s = n;
		b->cap = ncap;
	}
	if (b->len)
		b->s[b->len++] = '|';
	memcpy(b->s + b->len, word, wl);
	b->len += wl;
	b->s[b->len] = '\0';
	return 0;
}

/* Add @word to @set (and to @b when it is new). */
static int
set_add(struct gmcsim_scan_map *set, struct gmcsim_scan_arena *a, const char *word,
	struct strbuf *b, bool *added)
{
	size_t v;
	char *w;

	if (!word || !*word || gmcsim_scan_map_get(set, word, &v))
		return 0;
	w = gmcsim_scan_strdup(a, word);
	if (!w || gmcsim_scan_map_put(set, w, 1))
		return -ENOMEM;
	if (added)
		*added = true;
	return b ? sb_add(b, w) : 0;
}

/* Replace each @key in @tmpl by @value; a new string, NULL on ENOMEM. */
static char *
fill(const char *tmpl, const char *const *keys, const char *const *values, unsigned n)
{
	size_t cap = strlen(tmpl) + 1;
	char *out, *o;

	for (unsigned k = 0; k < n; k++) {
		for (const char *p = tmpl; (p = strstr(p, keys[k])); p++)
			cap += strlen(values[k]);
	}
	out = malloc(cap);
	if (!out)
		return NULL;
	o = out;
	for (const char *p = tmpl; *p;) {
		unsigned k;

		for (k = 0; k < n; k++) {
			size_t kl = strlen(keys[k]);

			if (strncmp(p, keys[k], kl) == 0) {
				o += sprintf(o, "%s", values[k]);
				p += kl;
				break;
			}
		}
		if (k == n)
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* The member a key ends in, without an index: "mes.eop_gpu_addr" -> eop_gpu_addr. */
static const char *
last_member(struct gmcsim_scan_arena *a, const char *expr)
{
	char buf[128];
	const char *k = gmcsim_scan_expr_key(expr, 1, buf, sizeof(buf));

	if (!k || gmcsim_scan_expr_is_null(expr) || !gmcsim_scan_expr_is_member(expr))
		return NULL;
	buf[strcspn(buf, "[")] = '\0';
	return gmcsim_scan_strdup(a, buf);
}

/* The member that holds a kept address: "driver_table" of
 * "&driver_table->mc_address", "tables" of "&tables[SMU_TABLE_X].mc_address". */
static const char *
owner_member(struct gmcsim_scan_arena *a, const char *expr)
{
	char buf[128];
	const char *k;

	if (gmcsim_scan_expr_is_null(expr) || !gmcsim_scan_expr_is_member(expr) ||
	    !(k = gmcsim_scan_expr_key(expr, 2, buf, sizeof(buf))))
		return NULL;
	buf[strcspn(buf, ".[")] = '\0';
	return gmcsim_scan_strdup(a, buf);
}

/* Whether the chain of @expr starts with a parameter of @params ("struct x *a, u32 b"). */
static bool
through_param(const char *params, const char *expr)
{
	const char *parts[4];
	size_t lens[4];
	unsigned n = gmcsim_scan_expr_chain(expr, parts, lens, 4);
	const char *p = params;

	if (!n || !params)
		return false;
	while (*p) {
		const char *comma = strchr(p, ','), *e = comma ? comma : p + strlen(p), *b;

		while (e > p && (e[-1] == ' ' || e[-1] == ')'))
			e--;
		b = e;
		while (b > p && (b[-1] == '_' || (b[-1] >= 'a' && b[-1] <= 'z') ||
				 (b[-1] >= 'A' && b[-1] <= 'Z') || (b[-1] >= '0' && b[-1] <= '9')))
			b--;
		if ((size_t)(e - b) == lens[0] && strncmp(b, parts[0], lens[0]) == 0)
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

/* Run one pass: spatch over @which, records into @recs. */
static int
run_pass(struct gmcsim_scan *s, struct gmcsim_scan_spatch *sp, const char *cocci,
	 const size_t *which, size_t n, struct gmcsim_scan_vec *recs, struct gmc_error *err)
{
	struct gmcsim_scan_output out = { 0 };
	char **slot;
	int rc;

	rc = gmcsim_scan_spatch_run(sp, &s->tree, cocci, which, n, &out, err);
	if (rc) {
		gmcsim_scan_output_fini(&out);
		return rc;
	}
	for (size_t i = 0; !rc && i < out.failed.n; i++) {
		size_t f = ((size_t *)out.failed.data)[i];

		rc = gmcsim_scan_tree_problem(&s->tree, gmcsim_scan_tree_file(&s->tree, f)->path,
					      true, "spatch failed on this file; it was left out");
	}
	if (!rc && out.err)
		rc = gmcsim_scan_records_parse_errors(out.err, &s->tree, missed_tokens);
	if (!rc && out.out)
		rc = gmcsim_scan_records_split(out.out, recs);
	/* the records point into the output: keep it as long as the scan */
	if (!rc && out.out) {
		slot = gmcsim_scan_vec_push(&s->bufs);
		if (!slot)
			rc = -ENOMEM;
		else {
			*slot = out.out;
			out.out = NULL;
		}
	}
	gmcsim_scan_output_fini(&out);
	if (rc == -ENOMEM)
		gmcsim_fail(err, rc, "out of memory");
	return rc;
}

/* The device-level roots stop the closure: their callers are not needed. */
static bool
is_device_root(const char *name)
{
	for (unsigned i = 0; gmcsim_scan_device_roots[i].name; i++) {
		if (strcmp(gmcsim_scan_device_roots[i].name, name) == 0)
			return true;
	}
	return false;
}

/* The interest set of the closure and the indexes that grow it: a caller of
 * a name of interest is of interest; so is the field a handler of interest is
 * installed under (->ring_create(...) calls reach it), and a macro whose body
 * calls a name of interest. Records are indexed as they arrive; a worklist
 * carries each new name once over the callers already seen. */
struct interest {
	struct gmcsim_scan_map names;
	struct gmcsim_scan_map by_callee;  /* name -> first 'C' record */
	struct gmcsim_scan_map by_handler; /* name -> first 'T' record */
	struct gmcsim_scan_map by_field;   /* field -> first 'M' record */
	struct gmcsim_scan_map by_macro;   /* name -> first macro calling it */
	uint32_t *next;			   /* per record, the next of the same list */
	size_t next_cap, indexed;
	uint32_t *next_macro; /* per (macro, callee) entry */
	uint32_t *macro_of;   /* that entry's macro */
	size_t n_macro_calls;
	struct gmcsim_scan_vec work;  /* const char *: names to carry */
	struct gmcsim_scan_vec fresh; /* const char *: names since the last file choice */
	const struct gmcsim_scan_map *fanin;
	struct gmcsim_scan *s;
};

static bool
hub(const struct gmcsim_scan_map *fanin, const char *name)
{
	size_t v;

	return gmcsim_scan_map_get(fanin, name, &v) && v > FANIN_CAP;
}

/* Add @name to the set; a new one goes on the worklist. */
static int
interest_add(struct interest *in, const char *name)
{
	const char **slot;
	size_t v;
	char *w;

	if (!name || !*name || gmcsim_scan_map_get(&in->names, name, &v))
		return 0;
	w = gmcsim_scan_strdup(&in->s->tree.arena, name);
	if (!w || gmcsim_scan_map_put(&in->names, w, 1))
		return -ENOMEM;
	slot = gmcsim_scan_vec_push(&in->work);
	if (!slot)
		return -ENOMEM;
	*slot = w;
	slot = gmcsim_scan_vec_push(&in->fresh);
	if (!slot)
		return -ENOMEM;
	*slot = w;
	return 0;
}

/* What record @r adds when the name it hangs on is of interest. */
static int
interest_follow(struct interest *in, const struct gmcsim_scan_rec *r)
{
	switch (r->kind) {
	case 'C':
		/* device roots end the climb; a hub's callers are not its business */
		if (is_device_root(r->f[0]) || hub(in->fanin, r->f[0]))
			return 0;
		return interest_add(in, r->func);
	case 'T':
		/* plain "init" is too common a word to parse every file naming it */
		if (!strchr(r->f[1], '_') || strstr(r->f[0], "amd_ip_funcs"))
			return 0;
		return interest_add(in, r->f[1]);
	case 'M':
		return strchr(r->f[0], '_') ? interest_add(in, r->func) : 0;
	default:
		return 0;
	}
}

struct macro_index {
	struct interest *in;
	uint32_t macro;
	int rc;
};

static void
index_macro_call(void *data, const struct gmcsim_scan_macro_call *call)
{
	struct macro_index *mi = data;
	struct interest *in = mi->in;
	char *name;

	if (mi->rc)
		return;
	if (in->n_macro_calls % 1024 == 0) {
		size_t cap = in->n_macro_calls + 1024;
		uint32_t *n = realloc(in->next_macro, cap * sizeof(*n));
		uint32_t *o = n ? realloc(in->macro_of, cap * sizeof(*o)) : NULL;

		if (n)
			in->next_macro = n;
		if (!n || !o) {
			mi->rc = -ENOMEM;
			return;
		}
		in->macro_of = o;
	}
	name = gmcsim_scan_strndup(&in->s->tree.arena, call->name, call->len);
	if (!name) {
		mi->rc = -ENOMEM;
		return;
	}
	in->macro_of[in->n_macro_calls] = mi->macro;
	mi->rc = gmcsim_scan_list_push(&in->by_macro, in->next_macro, name,
				       (uint32_t)in->n_macro_calls);
	in->n_macro_calls++;
}

static int
interest_init(struct interest *in, struct gmcsim_scan *s, const struct gmcsim_scan_map *fanin)
{
	memset(in, 0, sizeof(*in));
	in->s = s;
	in->fanin = fanin;
	in->work.item = in->fresh.item = sizeof(const char *);
	/* which macro calls which name (field calls included: ->ring_create( names it) */
	for (size_t i = 0; i < s->macros.n; i++) {
		const struct gmcsim_scan_macro *m =
			(const struct gmcsim_scan_macro *)s->macros.data + i;
		struct macro_index mi = { .in = in, .macro = (uint32_t)i };

		gmcsim_scan_macro_calls(m->body, index_macro_call, &mi);
		if (mi.rc)
			return mi.rc;
	}
	return 0;
}

static void
interest_fini(struct interest *in)
{
	gmcsim_scan_map_fini(&in->names);
	gmcsim_scan_map_fini(&in->by_callee);
	gmcsim_scan_map_fini(&in->by_handler);
	gmcsim_scan_map_fini(&in->by_field);
	gmcsim_scan_map_fini(&in->by_macro);
	free(in->next);
	free(in->next_macro);
	free(in->macro_of);
	gmcsim_scan_vec_fini(&in->work);
	gmcsim_scan_vec_fini(&in->fresh);
}

/* Index the pass-2 records that arrived since the last call, follow those
 * hanging on a name already of interest, then carry the worklist. */
static int
grow_interest(struct interest *in)
{
	struct gmcsim_scan *s = in->s;
	int rc = 0;

	if (s->recs2.n > in->next_cap) {
		uint32_t *n = realloc(in->next, s->recs2.n * sizeof(*n));

		if (!n)
			return -ENOMEM;
		in->next = n;
		in->next_cap = s->recs2.n;
	}
	for (size_t i = in->indexed; !rc && i < s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs2, i);
		struct gmcsim_scan_map *m = NULL;
		const char *key = NULL;
		size_t v;

		if (r->kind == 'C' && r->nf >= 1)
			m = &in->by_callee, key = r->f[0];
		else if (r->kind == 'T' && r->nf >= 3)
			m = &in->by_handler, key = r->f[2];
		else if (r->kind == 'M' && r->nf >= 1)
			m = &in->by_field, key = r->f[0];
		if (!m)
			continue;
		rc = gmcsim_scan_list_push(m, in->next, key, (uint32_t)i);
		if (!rc && gmcsim_scan_map_get(&in->names, key, &v))
			rc = interest_follow(in, r);
	}
	in->indexed = s->recs2.n;
	while (!rc && in->work.n) {
		const char *name = ((const char **)in->work.data)[--in->work.n];
		struct gmcsim_scan_map *maps[] = { &in->by_callee, &in->by_handler, &in->by_field };

		for (size_t k = 0; !rc && k < 3; k++) {
			for (uint32_t i = gmcsim_scan_list_head(maps[k], name);
			     !rc && i != UINT32_MAX; i = in->next[i])
				rc = interest_follow(in, rec_at(&s->recs2, i));
		}
		if (hub(in->fanin, name))
			continue;
		for (uint32_t e = gmcsim_scan_list_head(&in->by_macro, name);
		     !rc && e != UINT32_MAX; e = in->next_macro[e]) {
			const struct gmcsim_scan_macro *m =
				(const struct gmcsim_scan_macro *)s->macros.data + in->macro_of[e];

			if (!hub(in->fanin, m->name))
				rc = interest_add(in, m->name);
		}
	}
	return rc;
}

/* The pass-2 semantic patch for what pass 1 found. */
static int
make_pass2(struct gmcsim_scan *s, struct interest *in, char **cocci)
{
	struct gmcsim_scan_map fields = { 0 }, slots = { 0 }, helpers = { 0 }, macros = { 0 };
	struct gmcsim_scan_map owners = { 0 };
	struct strbuf fb = { 0 }, sb = { 0 }, hb = { 0 }, mb = { 0 }, ob = { 0 };
	struct gmcsim_scan_map params = { 0 };
	const char *keys[] = { "@FIELDS@", "@SLOTS@", "@HELPERS@", "@MACROS@", "@OWNERS@" };
	const char *values[5];
	int rc = 0;

	for (size_t i = 0; !rc && i < s->recs1.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs1, i);

		if (r->kind == 'D' && r->nf >= 1) {
			char *key = gmcsim_scan_printf(&s->tree.arena, "%s\t%s", r->file, r->func);

			rc = key ? gmcsim_scan_map_put(&params, key, i) : -ENOMEM;
		}
	}
	for (size_t i = 0; !rc && i < s->recs1.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs1, i);
		char key[512];
		const char *pl = NULL;
		size_t v;

		if ((r->kind != 'K' && r->kind != 'F') || r->nf < 2)
			continue;
		snprintf(key, sizeof(key), "%s\t%s", r->file, r->func);
		if (gmcsim_scan_map_get(&params, key, &v))
			pl = rec_at(&s->recs1, v)->f[0];
		rc = interest_add(in, r->func);
		if (!rc && r->kind == 'K' && r->nf >= 6) {
			rc = set_add(&fields, &s->tree.arena, last_member(&s->tree.arena, r->f[4]),
				     &fb, NULL);
			/* a NULL test of the BO, its address or its mapping is the lazy check */
			for (unsigned k = 3; !rc && k <= 5; k++)
				rc = set_add(&slots, &s->tree.arena,
					     last_member(&s->tree.arena, r->f[k]), &sb, NULL);
			if (!rc)
				rc = set_add(&owners, &s->tree.arena,
					     owner_member(&s->tree.arena, r->f[4]), &ob, NULL);
			if (!rc && (through_param(pl, r->f[3]) || through_param(pl, r->f[4])))
				rc = set_add(&helpers, &s->tree.arena, r->func, &hb, NULL);
		}
		if (!rc && r->kind == 'F' && through_param(pl, r->f[1]))
			rc = set_add(&helpers, &s->tree.arena, r->func, &hb, NULL);
	}
	/* the kept fields are of interest: their readers must be parsed */
	for (size_t i = 0; !rc && i < fields.cap; i++) {
		if (fields.keys[i])
			rc = interest_add(in, fields.keys[i]);
	}
	/* macros whose body reads a kept field */
	for (size_t i = 0; !rc && i < s->macros.n; i++) {
		const struct gmcsim_scan_macro *m =
			(const struct gmcsim_scan_macro *)s->macros.data + i;
		struct gmcsim_scan_file probe = { .text = (char *)m->body, .len = strlen(m->body) };

		if (gmcsim_scan_file_mentions(&probe, &fields))
			rc = set_add(&macros, &s->tree.arena, m->name, &mb, NULL);
	}
	if (!rc) {
		values[0] = fb.s ? fb.s : NOTHING;
		values[1] = sb.s ? sb.s : NOTHING;
		values[2] = hb.s ? hb.s : NOTHING;
		values[3] = mb.s ? mb.s : NOTHING;
		values[4] = ob.s ? ob.s : NOTHING;
		*cocci = fill(embedded("graph.cocci"), keys, values, 5);
		if (!*cocci)
			rc = -ENOMEM;
	}
	free(fb.s);
	free(sb.s);
	free(hb.s);
	free(mb.s);
	free(ob.s);
	gmcsim_scan_map_fini(&owners);
	gmcsim_scan_map_fini(&fields);
	gmcsim_scan_map_fini(&slots);
	gmcsim_scan_map_fini(&helpers);
	gmcsim_scan_map_fini(&macros);
	gmcsim_scan_map_fini(&params);
	return rc;
}

static int
scan_files(struct gmcsim_scan *s, struct gmcsim_scan_spatch *sp, struct gmc_error *err)
{
	struct gmcsim_scan_map tokens = { 0 }, create = { 0 }, pin = { 0 }, fanin = { 0 };
	size_t *which = malloc((s->tree.files.n + 1) * sizeof(*which)), n = 0;
	struct interest in = { 0 };
	char *cocci = NULL;
	int rc = 0;

	if (!which)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	for (unsigned i = 0; !rc && helper_tokens[i]; i++)
		rc = gmcsim_scan_map_put(&tokens, helper_tokens[i], 1);
	if (!rc)
		rc = gmcsim_scan_map_put(&create, "amdgpu_bo_create", 1);
	if (!rc)
		rc = gmcsim_scan_map_put(&pin, "amdgpu_bo_pin", 1);
	if (rc)
		goto out;

	/* pass 1 */
	for (size_t i = 0; i < s->tree.files.n; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(&s->tree, i);

		if (f->header || !f->text)
			continue;
		s->files_total++;
		if (gmcsim_scan_file_mentions(f, &tokens) ||
		    (gmcsim_scan_file_mentions(f, &create) && gmcsim_scan_file_mentions(f, &pin)))
			which[n++] = i;
	}
	s->files_pass1 = n;
	{
		double t0 = now();

		rc = run_pass(s, sp, embedded("sites.cocci"), which, n, &s->recs1, err);
		s->seconds_pass1 = now() - t0;
	}
	if (rc)
		goto out;

	/* pass 2, round by round: the files that name what the last round made of
	 * interest (a file naming an older name was parsed in an older round) */
	rc = gmcsim_scan_tree_word_files(&s->tree, &fanin);
	if (!rc)
		rc = interest_init(&in, s, &fanin);
	if (!rc)
		rc = make_pass2(s, &in, &cocci);
	while (!rc) {
		struct gmcsim_scan_map fresh = { 0 };

		for (size_t i = 0; !rc && i < in.fresh.n; i++)
			rc = gmcsim_scan_map_put(&fresh, ((const char **)in.fresh.data)[i], 1);
		in.fresh.n = 0;
		n = 0;
		for (size_t i = 0; !rc && i < s->tree.files.n; i++) {
			struct gmcsim_scan_file *f = gmcsim_scan_tree_file(&s->tree, i);

			if (f->header || !f->text || f->parsed ||
			    !gmcsim_scan_file_mentions(f, &fresh))
				continue;
			f->parsed = true;
			which[n++] = i;
		}
		gmcsim_scan_map_fini(&fresh);
		if (rc || !n)
			break;
		if (++s->rounds > MAX_ROUNDS) {
			rc = gmcsim_scan_tree_problem(
				&s->tree, "(closure)", true,
				"stopped adding callers after %u rounds; %zu "
				"files naming a function of interest were not parsed",
				MAX_ROUNDS, n);
			break;
		}
		s->files_parsed += n;
		{
			double t0 = now();

			rc = run_pass(s, sp, cocci, which, n, &s->recs2, err);
			s->seconds_pass2 += now() - t0;
		}
		if (!rc)
			rc = grow_interest(&in);
	}
out:
	if (rc == -ENOMEM)
		gmcsim_fail(err, rc, "out of memory");
	free(which);
	free(cocci);
	interest_fini(&in);
	gmcsim_scan_map_fini(&tokens);
	gmcsim_scan_map_fini(&create);
	gmcsim_scan_map_fini(&pin);
	gmcsim_scan_map_fini(&fanin);
	return rc;
}

int
gmcsim_scan_run(const struct gmcsim_scan_opts *o, struct gmcsim_scan **out, struct gmc_error *err)
{
	struct gmcsim_scan_spatch sp = { 0 };
	struct gmcsim_scan *s;
	double t0 = now();
	long cpus;
	int rc;

	s = calloc(1, sizeof(*s));
	if (!s)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	s->recs1.item = s->recs2.item = sizeof(struct gmcsim_scan_rec);
	s->macros.item = sizeof(struct gmcsim_scan_macro);
	s->bufs.item = sizeof(char *);
	s->sites.item = sizeof(struct gmcsim_scan_site);

	/* the directory first: a bad one is reported even where spatch is missing */
	rc = gmcsim_scan_tree_open(o->dir, &s->tree, err);
	if (rc) {
		free(s);
		return rc;
	}
	if (!GMCSIM_SCAN_ENABLED) {
		rc = gmcsim_fail(err, -ENOTSUP,
				 "gmcsim was built with -Dcoccinelle=disabled; configure with "
				 "-Dcoccinelle=auto (or enabled) to scan trees");
		goto fail;
	}
	rc = gmcsim_scan_spatch_find(o->spatch, &sp.path, err);
	if (!rc)
		rc = gmcsim_scan_spatch_init(&sp, err);
	if (rc)
		goto fail;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	sp.jobs = o->jobs ? o->jobs : (cpus > 0 ? (unsigned)cpus : 1);
	sp.timeout = o->timeout ? o->timeout : 120;

	rc = gmcsim_scan_macros_collect(&s->tree, &s->macros);
	if (rc) {
		gmcsim_fail(err, rc, "out of memory");
		goto fail;
	}
	rc = scan_files(s, &sp, err);
	if (rc)
		goto fail;
	rc = gmcsim_scan_graph_build(&s->graph, &s->tree.arena, &s->recs2, &s->macros);
	if (!rc)
		rc = gmcsim_scan_sites_build(s);
	if (rc) {
		gmcsim_fail(err, rc, "out of memory");
		goto fail;
	}
	s->gaveup.item = sizeof(struct gmcsim_scan_gaveup);
	for (size_t i = 0; i < s->graph.gaveup.n; i++) {
		const struct gmcsim_scan_gaveup *g =
			(const struct gmcsim_scan_gaveup *)s->graph.gaveup.data + i;
		uint32_t n = gmcsim_scan_graph_find(&s->graph, g->file, g->func);
		struct gmcsim_scan_gaveup *keep;

		/* only where it matters: inside a function some hook reaches */
		if (n == UINT32_MAX || !gmcsim_scan_graph_node(&s->graph, n)->hooks)
			continue;
		keep = gmcsim_scan_vec_push(&s->gaveup);
		if (!keep) {
			rc = gmcsim_fail(err, -ENOMEM, "out of memory");
			goto fail;
		}
		*keep = *g;
	}
	s->complete = true;
	for (size_t i = 0; i < s->tree.problems.n; i++) {
		if (((const struct gmcsim_scan_problem *)s->tree.problems.data)[i].missed)
			s->complete = false;
	}
	s->spatch_runs = sp.runs;
	gmcsim_scan_spatch_fini(&sp);
	s->seconds = now() - t0;
	*out = s;
	return 0;
fail:
	gmcsim_scan_spatch_fini(&sp);
	gmcsim_scan_free(s);
	return rc;
}

void
gmcsim_scan_free(struct gmcsim_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->sites.n; i++) {
		gmcsim_scan_vec_fini(&gmcsim_scan_site_at(s, i)->frees);
		gmcsim_scan_vec_fini(&gmcsim_scan_site_at(s, i)->uses);
	}
	gmcsim_scan_vec_fini(&s->sites);
	gmcsim_scan_vec_fini(&s->gaveup);
	gmcsim_scan_vec_fini(&s->recs1);
	gmcsim_scan_vec_fini(&s->recs2);
	gmcsim_scan_vec_fini(&s->macros);
	gmcsim_scan_graph_fini(&s->graph);
	for (size_t i = 0; i < s->bufs.n; i++)
		free(((char **)s->bufs.data)[i]);
	gmcsim_scan_vec_fini(&s->bufs);
	gmcsim_scan_tree_fini(&s->tree);
	free(s);
}
