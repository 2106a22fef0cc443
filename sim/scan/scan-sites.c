/* SPDX-License-Identifier: MIT */
/*
 * From records to sites: each kernel-BO creation becomes a site with its
 * slot and destinations, its domain, the hooks that reach the create and the
 * frees, the reads of its kept address (and the hooks reaching those), the
 * refreshes, the guards on the way, and the derived copies made from it.
 * A create through a function parameter (psp_ta_init_shared_buf(psp,
 * &ctx->mem_context)) becomes one site per call of the helper.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Reads and frees kept per site as evidence (all of them count for the hooks). */
#define USES_MAX 24

static const struct gmcsim_scan_rec *
rec_at(const struct gmcsim_scan_vec *v, size_t i)
{
	return (const struct gmcsim_scan_rec *)v->data + i;
}

const char *
gmcsim_scan_class_name(enum gmcsim_scan_class c)
{
	static const char *const names[] = { "candidate", "transient", "unreached", "not-kept",
					     "not-reused" };

	return (unsigned)c < N_OF(names) ? names[c] : "?";
}

const char *
gmcsim_scan_keep_name(enum gmcsim_scan_keep k)
{
	static const char *const names[] = { "field", "derived", "none" };

	return (unsigned)k < N_OF(names) ? names[k] : "?";
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ------------------------------------------------------------------ */
/* Small text helpers                                                   */
/* ------------------------------------------------------------------ */

/* Split @s at top-level commas into up to @max pieces in @a. */
static unsigned
split_args(struct gmcsim_scan_arena *a, const char *s, char **out, unsigned max)
{
	unsigned n = 0;
	int depth = 0;
	const char *start = s;

	for (const char *p = s;; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if (*p == ')' || *p == ']')
			depth--;
		else if ((*p == ',' && !depth) || !*p) {
			const char *b = start, *e = p;

			while (b < e && isspace((unsigned char)*b))
				b++;
			while (e > b && isspace((unsigned char)e[-1]))
				e--;
			if (n < max && (out[n] = gmcsim_scan_strndup(a, b, (size_t)(e - b))))
				n++;
			if (!*p)
				break;
			start = p + 1;
		}
	}
	return n;
}

/* The parameter names of "struct x *a, u32 b" (the last word of each). */
static unsigned
param_names(struct gmcsim_scan_arena *a, const char *params, char **out, unsigned max)
{
	char *parts[16];
	unsigned n = split_args(a, params, parts, 16), k = 0;

	for (unsigned i = 0; i < n && k < max; i++) {
		const char *e = parts[i] + strlen(parts[i]), *b;

		while (e > parts[i] && !gmcsim_scan_ident_char((unsigned char)e[-1]))
			e--;
		b = e;
		while (b > parts[i] && gmcsim_scan_ident_char((unsigned char)b[-1]))
			b--;
		out[k++] = gmcsim_scan_strndup(a, b, (size_t)(e - b));
	}
	return k;
}

/* @s with the parameter @param replaced by the call's argument @arg:
 * "mem_ctx->shared_bo" with "&psp->ras.mem" gives "psp->ras.mem.shared_bo". */
static char *
substitute(struct gmcsim_scan_arena *a, const char *s, const char *param, const char *arg)
{
	size_t pl = strlen(param), cap = strlen(s) * 2 + strlen(arg) * 4 + 16, n = 0;
	char *out = gmcsim_scan_alloc(a, cap);
	const char *p = s;

	if (!out)
		return NULL;
	while (*p && n + strlen(arg) + 8 < cap) {
		if (strncmp(p, param, pl) == 0 &&
		    (p == s || !gmcsim_scan_ident_char((unsigned char)p[-1])) &&
		    !gmcsim_scan_ident_char((unsigned char)p[pl])) {
			const char *after = p + pl;

			if (arg[0] == '&' && strncmp(after, "->", 2) == 0) {
				n += (size_t)snprintf(out + n, cap - n, "%s.", arg + 1);
				p = after + 2;
			} else if (arg[0] == '&' && n > 0 && out[n - 1] == '*') {
				n--; /* "*bo" with "&x" is x */
				n += (size_t)snprintf(out + n, cap - n, "%s", arg + 1);
				p = after;
			} else {
				n += (size_t)snprintf(out + n, cap - n, "%s", arg);
				p = after;
			}
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Building                                                             */
/* ------------------------------------------------------------------ */

/* A function of a parsed file and the line it starts on. */
struct fdef {
	const char *file, *func;
	unsigned line;
};

struct ctx {
	struct gmcsim_scan *s;
	struct gmcsim_scan_arena *a;
	struct gmcsim_scan_graph *g;
	struct gmcsim_scan_map params;	/* "file\tfunc" -> pass-1 'D' record */
	struct gmcsim_scan_map texts;	/* file -> tree index */
	struct gmcsim_scan_map aliases; /* "file\tfunc\tname" -> pass-2 'A' record */
	struct gmcsim_scan_map reads;	/* member -> first pass-2 'U'/'S' record */
	uint32_t *next_read;
	struct gmcsim_scan_map frees; /* slot member -> first 'F' record (pass 1, then 2) */
	uint32_t *next_free;
	struct gmcsim_scan_map copies; /* member read -> first plain-copy 'Y' record */
	uint32_t *next_copy;
	struct gmcsim_scan_map fields; /* kept member -> how many sites keep an address there */
	struct gmcsim_scan_map defs;   /* file -> first of its functions in @funcs */
	struct fdef *funcs;	       /* pass-2 definitions by file, then line */
	size_t n_funcs;
	struct gmcsim_scan_guard_index gi;
	uint32_t **rev; /* reverse edges per node */
	uint32_t *nrev;
};

/* A 'F' record by its index over pass 1 then pass 2. */
static const struct gmcsim_scan_rec *
free_at(const struct ctx *c, uint32_t i)
{
	return i < c->s->recs1.n ? rec_at(&c->s->recs1, i)
				 : rec_at(&c->s->recs2, i - c->s->recs1.n);
}

static const char *
file_text(const struct ctx *c, const char *file)
{
	size_t v;

	if (!gmcsim_scan_map_get(&c->texts, file, &v))
		return NULL;
	return gmcsim_scan_tree_file(&c->s->tree, v)->text;
}

/* The parameter list of @func in @file, or NULL. */
static const char *
params_of(const struct ctx *c, const char *file, const char *func)
{
	char key[512];
	size_t v;

	snprintf(key, sizeof(key), "%s\t%s", file, func);
	if (!gmcsim_scan_map_get(&c->params, key, &v))
		return NULL;
	return rec_at(&c->s->recs1, v)->nf ? rec_at(&c->s->recs1, v)->f[0] : NULL;
}

/* Which parameter (index) the chain of @expr starts with, or -1. */
static int
param_index(struct ctx *c, const char *file, const char *func, const char *expr)
{
	const char *pl = params_of(c, file, func), *parts[8];
	size_t lens[8];
	char *names[16];
	unsigned n, np;

	if (!pl || !(n = gmcsim_scan_expr_chain(expr, parts, lens, 8)))
		return -1;
	np = param_names(c->a, pl, names, 16);
	for (unsigned i = 0; i < np; i++) {
		if (names[i] && strlen(names[i]) == lens[0] &&
		    strncmp(names[i], parts[0], lens[0]) == 0)
			return (int)i;
	}
	return -1;
}

/* The node of @func in @file. */
static uint32_t
node_of(const struct ctx *c, const char *file, const char *func)
{
	char key[512];
	size_t v;

	snprintf(key, sizeof(key), "%s\t%s", file, func);
	if (gmcsim_scan_map_get(&c->g->by_key, key, &v))
		return (uint32_t)v;
	return gmcsim_scan_graph_find(c->g, file, func);
}

static unsigned
hooks_of(const struct ctx *c, const char *file, const char *func)
{
	uint32_t n = node_of(c, file, func);

	return n == UINT32_MAX ? 0 : gmcsim_scan_graph_node(c->g, n)->hooks;
}

/* The member name a slot expression ends in: "tmr_bo" of "&psp->tmr_bo". */
static const char *
last_member(struct gmcsim_scan_arena *a, const char *expr)
{
	char buf[128];
	const char *k = gmcsim_scan_expr_key(expr, 1, buf, sizeof(buf));
	char *br;

	if (!k)
		return NULL;
	br = strchr(buf, '[');
	if (br)
		*br = '\0';
	return gmcsim_scan_strdup(a, buf);
}

static const char *
key2(struct gmcsim_scan_arena *a, const char *expr)
{
	char buf[256];
	const char *k;

	if (!expr || !gmcsim_scan_expr_is_member(expr))
		return NULL;
	k = gmcsim_scan_expr_key(expr, 2, buf, sizeof(buf));
	return k ? gmcsim_scan_strdup(a, k) : NULL;
}

/* Guards along the shortest path of hook @h from a root down to @line of
 * node @n (whose function is @func in @file). */
static int
path_guards(struct ctx *c, struct gmcsim_scan_cond *cond, uint32_t n, int h, unsigned line,
	    const char *const *lazy_fields, const char **path)
{
	char buf[1024];
	size_t used = 0;
	unsigned steps = 0;

	buf[0] = '\0';
	while (n != UINT32_MAX && steps++ < 32) {
		struct gmcsim_scan_node *node = gmcsim_scan_graph_node(c->g, n);
		int rc;

		if (!node->macro) {
			rc = gmcsim_scan_guards_at(cond, c->a, &c->gi, node->file, node->name,
						   node->line, line, file_text(c, node->file),
						   lazy_fields);
			if (rc)
				return rc;
		}
		if (used < sizeof(buf))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 used ? " <- " : "", node->name);
		if (h < 0 || node->reach[h].from == UINT32_MAX) {
			if (node->root_via && used < sizeof(buf))
				used += (size_t)snprintf(buf + used, sizeof(buf) - used, " [%s]",
							 node->root_via);
			break;
		}
		line = node->reach[h].line;
		n = node->reach[h].from;
	}
	if (path) {
		*path = gmcsim_scan_strdup(c->a, buf);
		if (!*path)
			return -ENOMEM;
	}
	return 0;
}

/* The block a site belongs to: the IP table at the root of its create path,
 * else the file name ("amdgpu_psp.c" -> psp, "gfx_v9_0.c" -> gfx). */
static void
site_block(struct ctx *c, struct gmcsim_scan_site *site, uint32_t n, int h)
{
	const char *file = base_name(site->file);
	size_t len;

	for (unsigned steps = 0; n != UINT32_MAX && h >= 0 && steps < 32; steps++) {
		struct gmcsim_scan_node *node = gmcsim_scan_graph_node(c->g, n);

		if (node->reach[h].from == UINT32_MAX) {
			if (node->block) {
				snprintf(site->block, sizeof(site->block), "%s", node->block);
				return;
			}
			if (node->root_via && strncmp(node->root_via, "device: ", 8) == 0) {
				snprintf(site->block, sizeof(site->block), "device");
				return;
			}
			break;
		}
		n = node->reach[h].from;
	}
	if (strncmp(file, "amdgpu_", 7) == 0)
		file += 7;
	len = strcspn(file, "_.");
	snprintf(site->block, sizeof(site->block), "%.*s", (int)len, file);
}

/* GC patterns implied by the IP files that own the roots reaching a site. */
static const struct {
	const char *prefix;
	const char *gc;
} gc_files[] = {
	{ "gfx_v6_0", "6.*" },	     { "gfx_v7_0", "7.*" },
	{ "gfx_v8_0", "8.*" },	     { "gfx_v9_4_3", "9.4.3,9.4.4,9.5.0" },
	{ "gfx_v9_0", "9.*" },	     { "gfx_v10_0", "10.*" },
	{ "gfx_v11_0", "11.*" },     { "gfx_v12_0", "12.*" },
	{ "mes_v11_0", "11.*" },     { "mes_v12_0", "12.*" },
	{ "sdma_v7_0", "12.*" },     { "sdma_v6_0", "11.*" },
	{ "sdma_v5_2", "10.3.*" },   { "sdma_v5_0", "10.1.*" },
	{ "umsch_mm_v4_0", "11.*" }, { "gmc_v9_0", "9.*" },
	{ "gmc_v10_0", "10.*" },     { "gmc_v11_0", "11.*" },
	{ "gmc_v12_0", "12.*" },     { "navi10_ppt", "10.1.*" },
};

static const char *
gc_of_file(const char *file)
{
	const char *b = base_name(file);

	for (size_t i = 0; i < N_OF(gc_files); i++) {
		if (strncmp(b, gc_files[i].prefix, strlen(gc_files[i].prefix)) == 0)
			return gc_files[i].gc;
	}
	return NULL;
}

/* The union of the GC hints of every root that reaches node @n (walking
 * the reverse edges), "" as soon as one root has none. */
static const char *
site_gc(struct ctx *c, struct gmcsim_scan_site *site, uint32_t n)
{
	const char *own = gc_of_file(site->file);
	uint32_t *queue, head = 0, tail = 0;
	unsigned char *seen;
	char buf[GMCSIM_NAME_MAX] = "";
	bool any = false, unknown = false;

	if (own)
		return own;
	if (n == UINT32_MAX)
		return "";
	queue = malloc(c->g->nodes.n * sizeof(*queue));
	seen = calloc(c->g->nodes.n, 1);
	if (!queue || !seen) {
		free(queue);
		free(seen);
		return "";
	}
	queue[tail++] = n;
	seen[n] = 1;
	while (head < tail && !unknown) {
		uint32_t at = queue[head++];
		struct gmcsim_scan_node *node = gmcsim_scan_graph_node(c->g, at);

		if (node->root) {
			const char *g = gc_of_file(node->file);

			if (!g) {
				unknown = true;
				break;
			}
			if (!strstr(buf, g)) {
				size_t used = strlen(buf);

				snprintf(buf + used, sizeof(buf) - used, "%s%s", used ? "," : "",
					 g);
			}
			any = true;
			continue;
		}
		for (uint32_t i = 0; i < c->nrev[at]; i++) {
			uint32_t from = c->rev[at][i];

			if (!seen[from] && gmcsim_scan_graph_node(c->g, from)->hooks) {
				seen[from] = 1;
				queue[tail++] = from;
			}
		}
	}
	free(queue);
	free(seen);
	if (unknown || !any)
		return "";
	return gmcsim_scan_strdup(c->a, buf);
}

static int
build_reverse(struct ctx *c)
{
	size_t n = c->g->nodes.n;

	c->rev = calloc(n ? n : 1, sizeof(*c->rev));
	c->nrev = calloc(n ? n : 1, sizeof(*c->nrev));
	if (!c->rev || !c->nrev)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct gmcsim_scan_node *node = gmcsim_scan_graph_node(c->g, (uint32_t)i);

		for (size_t e = 0; e < node->out.n; e++)
			c->nrev[((struct gmcsim_scan_edge *)node->out.data)[e].to]++;
	}
	for (size_t i = 0; i < n; i++) {
		c->rev[i] = malloc((c->nrev[i] ? c->nrev[i] : 1) * sizeof(uint32_t));
		if (!c->rev[i])
			return -ENOMEM;
		c->nrev[i] = 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct gmcsim_scan_node *node = gmcsim_scan_graph_node(c->g, (uint32_t)i);

		for (size_t e = 0; e < node->out.n; e++) {
			uint32_t to = ((struct gmcsim_scan_edge *)node->out.data)[e].to;

			c->rev[to][c->nrev[to]++] = (uint32_t)i;
		}
	}
	return 0;
}

static struct gmcsim_scan_site *
site_push(struct ctx *c)
{
	struct gmcsim_scan_site *site = gmcsim_scan_vec_push(&c->s->sites);

	if (!site)
		return NULL;
	site->frees.item = sizeof(struct gmcsim_scan_use);
	site->uses.item = sizeof(struct gmcsim_scan_use);
	site->parent = -1;
	site->create = site->free_in = GMCSIM_HOOK_COUNT;
	return site;
}

static bool
is_helper_definition(const char *func)
{
	return strcmp(func, "amdgpu_bo_create_kernel") == 0 ||
	       strcmp(func, "amdgpu_bo_create_reserved") == 0 ||
	       strcmp(func, "amdgpu_bo_create_kernel_at") == 0 ||
	       strcmp(func, "amdgpu_bo_free_kernel") == 0;
}

/* One create record, optionally instantiated by a helper call @h. */
static int
add_create(struct ctx *c, const struct gmcsim_scan_rec *k, const struct gmcsim_scan_rec *h,
	   int pidx_slot)
{
	struct gmcsim_scan_site *site = site_push(c);
	const char *slot = k->f[3], *gpu = k->f[4], *cpu = k->f[5], *size = k->f[1],
		   *domain = k->f[2];

	if (!site)
		return -ENOMEM;
	site->file = k->file;
	site->line = k->line;
	site->func = k->func;
	site->helper = k->f[0];
	if (h) {
		const char *pl = params_of(c, k->file, k->func);
		char *names[16], *args[16];
		unsigned np = pl ? param_names(c->a, pl, names, 16) : 0;
		unsigned na = h->nf >= 2 ? split_args(c->a, h->f[1], args, 16) : 0;

		for (unsigned i = 0; i < np && i < na; i++) {
			if (!names[i] || !args[i])
				continue;
			slot = substitute(c->a, slot, names[i], args[i]);
			gpu = substitute(c->a, gpu, names[i], args[i]);
			cpu = substitute(c->a, cpu, names[i], args[i]);
			size = substitute(c->a, size, names[i], args[i]);
			domain = substitute(c->a, domain, names[i], args[i]);
			if (!slot || !gpu || !cpu || !size || !domain)
				return -ENOMEM;
		}
		site->via =
			gmcsim_scan_printf(c->a, "%s:%u %s", base_name(h->file), h->line, h->func);
		if (!site->via)
			return -ENOMEM;
	}
	(void)pidx_slot;
	site->slot = slot;
	site->gpu = gpu;
	site->cpu = cpu;
	site->size = size;
	site->domain_expr = domain;
	/* a local slot keys by its name: its free is in the same function */
	{
		char buf[256];
		const char *sk = gmcsim_scan_expr_key(slot, 2, buf, sizeof(buf));

		site->slot_key = sk ? gmcsim_scan_strdup(c->a, sk) : NULL;
	}
	site->gpu_key = gmcsim_scan_expr_is_null(gpu) ? NULL : key2(c->a, gpu);
	site->keep = site->gpu_key ? GMCSIM_SCAN_KEEP_FIELD : GMCSIM_SCAN_KEEP_NONE;
	site->size_value = gmcsim_scan_size_value(size);
	return 0;
}

/* Whether the read/free/refresh expression @expr names the same member as @key. */
static bool
same_key(struct gmcsim_scan_arena *a, const char *expr, const char *key, bool unique_field)
{
	char buf[256];
	const char *k, *dot;

	if (!expr || !key)
		return false;
	if (unique_field) {
		k = gmcsim_scan_expr_key(expr, 1, buf, sizeof(buf));
		dot = strrchr(key, '.');
		if (!k)
			return false;
		/* compare without a constant index */
		return strncmp(k, dot ? dot + 1 : key, strcspn(dot ? dot + 1 : key, "[")) == 0 &&
		       (k[strcspn(dot ? dot + 1 : key, "[")] == '\0' ||
			k[strcspn(dot ? dot + 1 : key, "[")] == '[');
	}
	(void)a;
	k = gmcsim_scan_expr_key(expr, 2, buf, sizeof(buf));
	return k && strcmp(k, key) == 0;
}

/* How many sites keep their address in a field of this (last) name
 * (counted once the creates are in, see count_fields()). */
static unsigned
field_users(const struct ctx *c, const char *field)
{
	size_t v;

	return gmcsim_scan_map_get(&c->fields, field, &v) ? (unsigned)v : 0;
}

static int
count_fields(struct ctx *c)
{
	for (size_t i = 0; i < c->s->sites.n; i++) {
		const struct gmcsim_scan_site *o = gmcsim_scan_site_at(c->s, i);
		const char *dot;
		size_t v = 0;

		if (!o->gpu_key)
			continue;
		dot = strrchr(o->gpu_key, '.');
		dot = dot ? dot + 1 : o->gpu_key;
		gmcsim_scan_map_get(&c->fields, dot, &v);
		if (gmcsim_scan_map_put(&c->fields, dot, v + 1))
			return -ENOMEM;
	}
	return 0;
}

static int
use_add(struct gmcsim_scan_vec *v, const struct gmcsim_scan_rec *r, unsigned hooks, bool refresh,
	const char *how)
{
	struct gmcsim_scan_use *u;

	if (v->n >= USES_MAX)
		return 0;
	u = gmcsim_scan_vec_push(v);
	if (!u)
		return -ENOMEM;
	u->file = r->file;
	u->line = r->line;
	u->func = r->func;
	u->hooks = hooks;
	u->refresh = refresh;
	u->how = how;
	return 0;
}

/* Whether [s, e) reads member @key ("wb.gpu_addr"): the last member after
 * '.' or '->', and, unless the member name is unique, the one before it. */
static bool
text_reads(const char *s, const char *e, const char *key, bool unique)
{
	const char *dot = strrchr(key, '.');
	const char *field = dot ? dot + 1 : key;
	size_t fl = strcspn(field, "["), ol = dot ? (size_t)(dot - key) : 0;

	for (const char *q = s; q + fl <= e; q++) {
		const char *b;

		if (memcmp(q, field, fl) != 0 || gmcsim_scan_ident_char((unsigned char)q[fl]) ||
		    q == s)
			continue;
		if (q[-1] == '.')
			b = q - 1;
		else if (q - s >= 2 && q[-1] == '>' && q[-2] == '-')
			b = q - 2;
		else
			continue;
		if (unique || !dot)
			return true;
		/* the owner member before it, past an index */
		while (b > s && b[-1] == ']') {
			int depth = 0;

			while (b > s) {
				b--;
				if (*b == ']')
					depth++;
				else if (*b == '[' && --depth == 0)
					break;
			}
		}
		if ((size_t)(b - s) >= ol && memcmp(b - ol, key, ol) == 0 &&
		    (b - ol == s || !gmcsim_scan_ident_char((unsigned char)b[-(ptrdiff_t)ol - 1])))
			return true;
	}
	return false;
}

/* Frees of @site's slot: amdgpu_bo_free_kernel() / amdgpu_bo_unref() of the
 * same member, and calls of free helpers instantiated with it. A free in the
 * creating function itself is its error unwinding (or a transient BO). */
static int
find_frees(struct ctx *c, struct gmcsim_scan_site *site, bool *same_func_free)
{
	const char *member = site->slot ? last_member(c->a, site->slot) : NULL;
	int rc;

	if (!site->slot_key)
		return 0;
	for (uint32_t i = member ? gmcsim_scan_list_head(&c->frees, member) : UINT32_MAX;
	     i != UINT32_MAX; i = c->next_free[i]) {
		const struct gmcsim_scan_rec *f = free_at(c, i);
		const char *slot = f->f[1];
		int pi = param_index(c, f->file, f->func, slot);

		if (pi >= 0) {
			/* a free helper: each call of it */
			char *names[16];
			unsigned np = param_names(c->a, params_of(c, f->file, f->func), names, 16);

			for (size_t j = 0; j < c->s->recs2.n; j++) {
				const struct gmcsim_scan_rec *h = rec_at(&c->s->recs2, j);
				char *args[16];
				unsigned na;
				const char *inst;

				if (h->kind != 'H' || h->nf < 2 || strcmp(h->f[0], f->func) != 0)
					continue;
				na = split_args(c->a, h->f[1], args, 16);
				if ((unsigned)pi >= na || (unsigned)pi >= np)
					continue;
				inst = substitute(c->a, slot, names[pi], args[pi]);
				if (!inst)
					return -ENOMEM;
				/* a plain pointer argument frees what the helper's own
				 * name stands for (a generic site, keyed by it) */
				if (!same_key(c->a, inst, site->slot_key, false) &&
				    (args[pi][0] == '&' ||
				     !same_key(c->a, slot, site->slot_key, false)))
					continue;
				site->free_hooks |= hooks_of(c, h->file, h->func);
				if ((rc = use_add(&site->frees, h, hooks_of(c, h->file, h->func),
						  false, NULL)))
					return rc;
			}
			continue;
		}
		if (!same_key(c->a, slot, site->slot_key, false))
			continue;
		if (strcmp(f->func, site->func) == 0 && strcmp(f->file, site->file) == 0) {
			*same_func_free = true;
			continue;
		}
		site->free_hooks |= hooks_of(c, f->file, f->func);
		if ((rc = use_add(&site->frees, f, hooks_of(c, f->file, f->func), false, NULL)))
			return rc;
	}
	return 0;
}

/* The expression a read names, with a local alias of its owner resolved
 * ("tool_table->mc_address" where tool_table = &smu_table->tables[X]). */
static void
read_expr(const struct ctx *c, const struct gmcsim_scan_rec *r, char *buf, size_t len)
{
	char key[512];
	size_t v;

	snprintf(key, sizeof(key), "%s\t%s\t%s", r->file, r->func, r->f[1]);
	if (gmcsim_scan_map_get(&c->aliases, key, &v))
		snprintf(buf, len, "%s.%s", rec_at(&c->s->recs2, v)->f[1], r->f[0]);
	else
		snprintf(buf, len, "%s.%s", r->f[1], r->f[0]);
}

/* Reads of the member @key (and refreshes: a fresh address stored into it). */
static int
uses_of_key(struct ctx *c, struct gmcsim_scan_site *site, const char *key, bool unique,
	    uint32_t *best_read, unsigned *best_depth)
{
	const char *dot = strrchr(key, '.');
	char field[128];
	int rc;

	snprintf(field, sizeof(field), "%s", dot ? dot + 1 : key);
	field[strcspn(field, "[")] = '\0';
	for (uint32_t i = gmcsim_scan_list_head(&c->reads, field); i != UINT32_MAX;
	     i = c->next_read[i]) {
		const struct gmcsim_scan_rec *r = rec_at(&c->s->recs2, i);
		char expr[512];
		unsigned hooks;
		bool refresh = false;

		read_expr(c, r, expr, sizeof(expr));
		if (!same_key(c->a, expr, key, unique))
			continue;
		/* the create and free calls name the destination too */
		if (strcmp(r->file, site->file) == 0 && r->line == site->line)
			continue;
		if (r->kind == 'S') {
			if (r->nf < 3 || !(strstr(r->f[2], "amdgpu_bo_gpu_offset") ||
					   strstr(r->f[2], "amdgpu_bo_fb_aper_addr")))
				continue;
			refresh = true;
		}
		hooks = hooks_of(c, r->file, r->func);
		if (refresh)
			site->refresh_hooks |= hooks;
		else
			site->consume_hooks |= hooks;
		rc = use_add(&site->uses, r, hooks, refresh,
			     refresh ? (strstr(r->f[2], "fb_aper") ? "amdgpu_bo_fb_aper_addr"
								   : "amdgpu_bo_gpu_offset")
				     : NULL);
		if (rc)
			return rc;
		if (!refresh && (hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME))) {
			uint32_t n = node_of(c, r->file, r->func);

			if (n != UINT32_MAX &&
			    gmcsim_scan_graph_node(c->g, n)->reach[GMCSIM_HOOK_RESUME].depth <
				    *best_depth) {
				*best_depth = gmcsim_scan_graph_node(c->g, n)
						      ->reach[GMCSIM_HOOK_RESUME]
						      .depth;
				*best_read = i;
			}
		}
	}
	return 0;
}

static int derived_reads(struct ctx *c, struct gmcsim_scan_site *site);

/* Reads and refreshes of @site's kept address, and of its plain copies. */
static int
find_uses(struct ctx *c, struct gmcsim_scan_site *site, uint32_t *best_read)
{
	const char *dot = site->gpu_key ? strrchr(site->gpu_key, '.') : NULL;
	bool unique = dot && field_users(c, dot + 1) == 1;
	unsigned best_depth = ~0u, n_copies = 0;
	bool learned = false;
	int rc;

	*best_read = UINT32_MAX;
	/* 'R': L = amdgpu_bo_gpu_offset(slot) in the creating function: the address is
	 * kept after all, in L */
	for (size_t i = 0; !site->gpu_key && i < c->s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&c->s->recs2, i);

		if (r->kind == 'R' && r->nf >= 3 && *r->f[2] && strcmp(r->func, site->func) == 0 &&
		    strcmp(r->file, site->file) == 0 && gmcsim_scan_expr_is_member(r->f[2]) &&
		    site->slot_key && same_key(c->a, r->f[1], site->slot_key, false)) {
			site->gpu_key = key2(c->a, r->f[2]);
			site->keep = GMCSIM_SCAN_KEEP_FIELD;
			site->gpu = r->f[2];
			learned = true;
		}
	}
	if (!site->gpu_key)
		return 0;
	if (learned)
		/* the field was learned in pass 2, too late for its reads to be matched
		 * there: read them from the text */
		return derived_reads(c, site);
	dot = strrchr(site->gpu_key, '.');
	unique = dot && field_users(c, dot + 1) == 1;
	rc = uses_of_key(c, site, site->gpu_key, unique, best_read, &best_depth);
	/* plain copies (ring->eop_gpu_addr = kiq->eop_gpu_addr): their reads are reads too */
	{
		char member[128];

		snprintf(member, sizeof(member), "%s", dot ? dot + 1 : site->gpu_key);
		member[strcspn(member, "[")] = '\0';
		for (uint32_t i = gmcsim_scan_list_head(&c->copies, member);
		     !rc && i != UINT32_MAX && n_copies < 4; i = c->next_copy[i]) {
			const struct gmcsim_scan_rec *y = rec_at(&c->s->recs2, i);
			const char *k;

			if (!same_key(c->a, y->f[1], site->gpu_key, unique))
				continue;
			k = key2(c->a, y->f[0]);
			if (!k || strcmp(k, site->gpu_key) == 0)
				continue;
			for (unsigned j = 0; j < n_copies && k; j++)
				if (strcmp(site->copies[j], k) == 0)
					k = NULL;
			if (!k)
				continue;
			site->copies[n_copies++] = k;
			rc = uses_of_key(c, site, k, false, best_read, &best_depth);
		}
	}
	/* reads inside macros: each function calling such a macro reads it */
	for (size_t i = 0; !rc && i < c->s->macros.n; i++) {
		const struct gmcsim_scan_macro *m =
			(const struct gmcsim_scan_macro *)c->s->macros.data + i;
		uint32_t mn;

		if (!text_reads(m->body, m->body + strlen(m->body), site->gpu_key, unique))
			continue;
		mn = node_of(c, m->file, m->name);
		for (uint32_t k = 0; mn != UINT32_MAX && k < c->nrev[mn]; k++) {
			struct gmcsim_scan_node *from = gmcsim_scan_graph_node(c->g, c->rev[mn][k]);
			struct gmcsim_scan_rec tmp = { .kind = 'U',
						       .file = from->file,
						       .line = from->line,
						       .func = from->name };

			if (from->macro)
				continue;
			site->consume_hooks |= from->hooks;
			if ((rc = use_add(&site->uses, &tmp, from->hooks, false, NULL)))
				return rc;
		}
	}
	/* 'R': a fresh address of the slot stored into the kept field elsewhere */
	for (size_t i = 0; !rc && i < c->s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&c->s->recs2, i);
		unsigned hooks;

		if (r->kind != 'R' || r->nf < 3 || !*r->f[2] ||
		    !same_key(c->a, r->f[2], site->gpu_key, unique))
			continue;
		hooks = hooks_of(c, r->file, r->func);
		site->refresh_hooks |= hooks;
		rc = use_add(&site->uses, r, hooks, true, r->f[0]);
	}
	return rc;
}

/* Resolve the create's hooks, pattern, guards, block and GC hint. */
static int
resolve_site(struct ctx *c, size_t index, const struct gmcsim_scan_rec *h)
{
	struct gmcsim_scan_site *site = gmcsim_scan_site_at(c->s, index);
	uint32_t fn = node_of(c, site->file, site->func), at;
	const char *lazy_fields[4] = { NULL, NULL, NULL, NULL };
	unsigned nl = 0;

	/* a NULL test of the BO, its address or its mapping is the lazy check */
	if (site->slot && (lazy_fields[nl] = last_member(c->a, site->slot)))
		nl++;
	if (site->gpu && (lazy_fields[nl] = last_member(c->a, site->gpu)))
		nl++;
	if (site->cpu && (lazy_fields[nl] = last_member(c->a, site->cpu)))
		nl++;
	unsigned line = site->line, teardown;
	bool same_func_free = false;
	uint32_t best_read;
	int hook, rc;

	/* the create runs where the helper's caller runs, for an instantiated site */
	at = h ? node_of(c, h->file, h->func) : fn;
	site->create_hooks = at == UINT32_MAX ? 0 : gmcsim_scan_graph_node(c->g, at)->hooks;
	if (h && fn != UINT32_MAX) {
		/* guards inside the helper, at the create */
		struct gmcsim_scan_node *hn = gmcsim_scan_graph_node(c->g, fn);

		rc = gmcsim_scan_guards_at(&site->exists, c->a, &c->gi, hn->file, hn->name,
					   hn->line, site->line, file_text(c, hn->file),
					   lazy_fields);
		if (rc)
			return rc;
		line = h->line;
	}
	hook = (int)gmcsim_scan_hook_first(site->create_hooks &
					   (GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_EARLY_INIT) |
					    GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SW_INIT) |
					    GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_INIT) |
					    GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_LATE_INIT)));
	if (hook == GMCSIM_HOOK_COUNT)
		hook = (int)gmcsim_scan_hook_first(site->create_hooks);
	site->create = (enum gmcsim_hook)hook;
	if (hook != GMCSIM_HOOK_COUNT && at != UINT32_MAX) {
		struct gmcsim_scan_node *root = gmcsim_scan_graph_node(c->g, at);

		rc = path_guards(c, &site->exists, at, hook, line, lazy_fields, &site->path);
		if (rc)
			return rc;
		for (unsigned s = 0; root->reach[hook].from != UINT32_MAX && s < 32; s++)
			root = gmcsim_scan_graph_node(c->g, root->reach[hook].from);
		site->create_via = root->root_via;
	}
	if (site->create == GMCSIM_HOOK_HW_INIT || site->create == GMCSIM_HOOK_LATE_INIT) {
		bool on_resume = site->create_hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME);

		site->lazy = on_resume && site->exists.null_check;
		site->recreate = on_resume && !site->lazy;
	}
	site_block(c, site, at, hook == GMCSIM_HOOK_COUNT ? -1 : hook);
	site->gc = site_gc(c, site, at);

	rc = find_frees(c, site, &same_func_free);
	if (rc)
		return rc;
	teardown = site->free_hooks & (GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) |
				       GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_FINI) |
				       GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SW_FINI));
	site->free_in = gmcsim_scan_hook_first(teardown);
	if (site->lazy && site->free_in == GMCSIM_HOOK_SUSPEND)
		site->recreate = true;

	rc = find_uses(c, site, &best_read);
	if (rc)
		return rc;
	if (best_read != UINT32_MAX) {
		const struct gmcsim_scan_rec *r = rec_at(&c->s->recs2, best_read);
		uint32_t rn = node_of(c, r->file, r->func);

		rc = path_guards(c, &site->consumed, rn, GMCSIM_HOOK_RESUME, r->line, NULL, NULL);
		if (rc)
			return rc;
	}

	if (!site->create_hooks)
		site->cls = GMCSIM_SCAN_UNREACHED;
	else if (!gmcsim_scan_expr_is_member(site->slot) && same_func_free)
		site->cls = GMCSIM_SCAN_TRANSIENT;
	else if (site->free_hooks && !teardown)
		site->cls = GMCSIM_SCAN_TRANSIENT;
	else if (site->keep == GMCSIM_SCAN_KEEP_NONE)
		site->cls = GMCSIM_SCAN_NOT_KEPT;
	else if (!(site->consume_hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME)) &&
		 !site->recreate)
		site->cls = GMCSIM_SCAN_NOT_REUSED;
	else
		site->cls = GMCSIM_SCAN_CANDIDATE;
	return 0;
}

/* The function of @file that line @line is in: the last one defined before it. */
static const struct fdef *
func_at(const struct ctx *c, const char *file, unsigned line)
{
	size_t first, lo, hi;

	if (!gmcsim_scan_map_get(&c->defs, file, &first))
		return NULL;
	lo = first;
	hi = first;
	while (hi < c->n_funcs && strcmp(c->funcs[hi].file, file) == 0)
		hi++;
	/* binary search for the last start <= line in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->funcs[mid].line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return c->funcs[lo].line <= line ? &c->funcs[lo] : NULL;
}

/* Text reads of a field spatch did not look for (a derived copy's, one learned
 * in pass 2): each parsed file's mentions of the member, not assigned to,
 * in the function they fall in. */
static int
derived_reads(struct ctx *c, struct gmcsim_scan_site *site)
{
	const char *dot = site->gpu_key ? strrchr(site->gpu_key, '.') : NULL;
	const char *field = dot ? dot + 1 : site->gpu_key;
	size_t fl;

	if (!field)
		return 0;
	fl = strcspn(field, "[");
	for (size_t i = 0; i < c->s->tree.files.n; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(&c->s->tree, i);
		const char *last = f->text;
		unsigned line = 1;

		if (!f->parsed || !f->text)
			continue;
		for (const char *q = f->text; (q = strstr(q, field)); q += fl) {
			const char *after = q + fl;
			const struct fdef *d;
			uint32_t n;
			int rc;

			if (q == f->text || gmcsim_scan_ident_char((unsigned char)after[0]) ||
			    !(q[-1] == '.' || (q[-1] == '>' && q - f->text >= 2 && q[-2] == '-')))
				continue;
			while (*after == ' ')
				after++;
			/* an assignment to it is the copy itself, not a read */
			if (after[0] == '=' && after[1] != '=')
				continue;
			for (; last < q; last++)
				line += *last == '\n';
			d = func_at(c, f->path, line);
			n = d ? node_of(c, d->file, d->func) : UINT32_MAX;
			if (n == UINT32_MAX || !gmcsim_scan_graph_node(c->g, n)->hooks)
				continue;
			site->consume_hooks |= gmcsim_scan_graph_node(c->g, n)->hooks;
			{
				struct gmcsim_scan_rec tmp = {
					.kind = 'U', .file = d->file, .func = d->func, .line = line
				};

				rc = use_add(&site->uses, &tmp,
					     gmcsim_scan_graph_node(c->g, n)->hooks, false, NULL);
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

/* Whether @a and @b end in the same three members. */
static bool
same_key3(const char *a, const char *b)
{
	char ka[256], kb[256];

	return b && gmcsim_scan_expr_key(a, 3, ka, sizeof(ka)) &&
	       gmcsim_scan_expr_key(b, 3, kb, sizeof(kb)) && strcmp(ka, kb) == 0;
}

/* The offset expression that starts at @off: up to the closing parenthesis,
 * a ':' or a ';' at its own depth. */
static const char *
offset_after(struct ctx *c, const char *off)
{
	const char *end;
	int depth = 0;

	while (*off == ' ')
		off++;
	for (end = off; *end; end++) {
		if (*end == '(')
			depth++;
		else if (*end == ')' && --depth < 0)
			break;
		else if (!depth && (*end == ':' || *end == ';'))
			break;
	}
	return gmcsim_scan_strndup(c->a, off, (size_t)(end - off));
}

/* In @text, the first "KEPT + offset" whose left side is a kept address of
 * one of the first @n_sites sites (if several: the one whose third member
 * matches too, then one created in @file): the site, and the offset in
 * @offset. */
static int
kept_plus(struct ctx *c, const char *text, size_t n_sites, const char *file, const char **offset)
{
	int best = -1, best_score = 0;

	for (const char *plus = strchr(text, '+'); plus; plus = strchr(plus + 1, '+')) {
		const char *e = plus, *b;
		char left[256];

		while (e > text && e[-1] == ' ')
			e--;
		b = e;
		while (b > text && (gmcsim_scan_ident_char((unsigned char)b[-1]) || b[-1] == '.' ||
				    b[-1] == '>' || b[-1] == '-' || b[-1] == '[' || b[-1] == ']'))
			b--;
		if (b == e || (size_t)(e - b) >= sizeof(left))
			continue;
		snprintf(left, sizeof(left), "%.*s", (int)(e - b), b);
		for (size_t s = 0; s < n_sites; s++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(c->s, s);
			const char *dot = o->gpu_key ? strrchr(o->gpu_key, '.') : NULL;
			int score;

			if (!o->gpu_key || o->keep != GMCSIM_SCAN_KEEP_FIELD ||
			    !same_key(c->a, left, o->gpu_key, dot && field_users(c, dot + 1) == 1))
				continue;
			/* "uvd.inst[i].gpu_addr" and "vcn.inst[i].gpu_addr" share their last
			 * two members: the third decides, then a site of the same file */
			score = 1 + (strcmp(o->file, file) == 0) + 2 * same_key3(left, o->gpu);
			if (score > best_score) {
				best = (int)s;
				best_score = score;
			}
		}
		if (best >= 0) {
			*offset = offset_after(c, plus + 1);
			return best;
		}
	}
	return -1;
}

/* The body of macro @name, or NULL. */
static const char *
macro_body(const struct ctx *c, const char *name, size_t len)
{
	for (size_t i = 0; i < c->s->macros.n; i++) {
		const struct gmcsim_scan_macro *m =
			(const struct gmcsim_scan_macro *)c->s->macros.data + i;

		if (strlen(m->name) == len && strncmp(m->name, name, len) == 0)
			return m->body;
	}
	return NULL;
}

/* A derived copy of site @parent kept at @lhs, made at @file:@line in
 * @func: the parent's BO and lifecycle, its own place, address and reads. */
static int
push_derived(struct ctx *c, int parent, const char *file, unsigned line, const char *func,
	     const char *lhs, const char *offset)
{
	struct gmcsim_scan_site *site = site_push(c), *p;
	int rc;

	if (!site)
		return -ENOMEM;
	p = gmcsim_scan_site_at(c->s, (size_t)parent);
	*site = *p;
	memset(&site->frees, 0, sizeof(site->frees));
	memset(&site->uses, 0, sizeof(site->uses));
	memset(&site->consumed, 0, sizeof(site->consumed));
	memset(site->copies, 0, sizeof(site->copies));
	site->frees.item = site->uses.item = sizeof(struct gmcsim_scan_use);
	site->file = file;
	site->line = line;
	site->func = func;
	site->helper = "derived";
	site->via = NULL;
	site->parent = parent;
	site->keep = GMCSIM_SCAN_KEEP_DERIVED;
	site->gpu = lhs;
	site->gpu_key = key2(c->a, lhs);
	site->cpu = "NULL";
	site->offset = offset;
	site->consume_hooks = site->refresh_hooks = 0;
	site->gc = gc_of_file(file) ? gc_of_file(file) : p->gc;
	rc = derived_reads(c, site);
	if (rc)
		return rc;
	/* the parent's fate, unless the copy itself is never read on resume */
	site->cls = !hooks_of(c, file, func) ? GMCSIM_SCAN_UNREACHED : p->cls;
	if (site->cls == GMCSIM_SCAN_NOT_KEPT || site->cls == GMCSIM_SCAN_NOT_REUSED)
		site->cls = GMCSIM_SCAN_CANDIDATE;
	if (site->cls == GMCSIM_SCAN_CANDIDATE &&
	    !(site->consume_hooks & GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME)))
		site->cls = GMCSIM_SCAN_NOT_REUSED;
	return 0;
}

/* The ')' or '}' that closes the '(' or '{' at @p, or NULL. */
static const char *
closing(const char *p)
{
	char open = *p, close = open == '(' ? ')' : '}';
	int depth = 0;

	for (; *p; p++) {
		if (*p == open)
			depth++;
		else if (*p == close && --depth == 0)
			return p;
	}
	return NULL;
}

/* The text of @func's definition in @text, from the line @line on: its
 * parameter list (without the parentheses) and its body (with the braces). */
static bool
definition_text(struct gmcsim_scan_arena *a, const char *text, unsigned line, const char *func,
		char **params, const char **body, size_t *body_len)
{
	size_t fl = strlen(func);
	const char *p = gmcsim_scan_line_start(text, line), *open = NULL, *close, *b, *e;

	for (; p && (p = strstr(p, func)); p += fl) {
		if (p > text && gmcsim_scan_ident_char((unsigned char)p[-1]))
			continue;
		open = p + fl + strspn(p + fl, " \t\n");
		if (*open == '(')
			break;
	}
	if (!p || !(close = closing(open)))
		return false;
	b = close + 1 + strspn(close + 1, " \t\n");
	if (*b != '{' || !(e = closing(b)))
		return false;
	*params = gmcsim_scan_strndup(a, open + 1, (size_t)(close - open - 1));
	*body = b;
	*body_len = (size_t)(e + 1 - b);
	return *params != NULL;
}

/* In @body, the next store "MEMBER = @param;" from @from on, with MEMBER
 * named like an address: the member expression, and where the store is. */
static const char *
param_store(struct gmcsim_scan_arena *a, const char *body, size_t len, const char *param,
	    const char **from)
{
	size_t pl = strlen(param);
	const char *end = body + len;

	for (const char *p = *from; p + pl <= end; p++) {
		const char *q = p + pl, *eq, *lhs_end, *lhs;
		char key[256];
		char *member;

		if (strncmp(p, param, pl) != 0 ||
		    (p > body && gmcsim_scan_ident_char((unsigned char)p[-1])) ||
		    gmcsim_scan_ident_char((unsigned char)*q))
			continue;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		for (eq = p; eq > body && (eq[-1] == ' ' || eq[-1] == '\t');)
			eq--;
		if (q >= end || *q != ';' || eq <= body + 1 || eq[-1] != '=' ||
		    strchr("=!<>+-*/&|^%", eq[-2]))
			continue;
		for (lhs_end = eq - 1;
		     lhs_end > body && (lhs_end[-1] == ' ' || lhs_end[-1] == '\t');)
			lhs_end--;
		for (lhs = lhs_end; lhs > body && !strchr(";{}\n", lhs[-1]);)
			lhs--;
		while (lhs < lhs_end && (*lhs == ' ' || *lhs == '\t'))
			lhs++;
		member = gmcsim_scan_strndup(a, lhs, (size_t)(lhs_end - lhs));
		if (member && gmcsim_scan_expr_is_member(member) &&
		    gmcsim_scan_expr_key(member, 1, key, sizeof(key)) && strstr(key, "addr")) {
			*from = p;
			return member;
		}
	}
	return NULL;
}

/* The line of @at, counted from @from, which starts line @line. */
static unsigned
line_at(const char *from, unsigned line, const char *at)
{
	for (const char *p = from; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Whether a derived site at @file:@line keeping @lhs is there already. */
static bool
have_derived(const struct ctx *c, const char *file, unsigned line, const char *lhs)
{
	for (size_t i = 0; i < c->s->sites.n; i++) {
		const struct gmcsim_scan_site *o = gmcsim_scan_site_at(c->s, i);

		if (o->keep == GMCSIM_SCAN_KEEP_DERIVED && o->line == line &&
		    strcmp(o->file, file) == 0 && strcmp(o->gpu, lhs) == 0)
			return true;
	}
	return false;
}

/* Derived copies passed to a function that keeps them (records P: the call
 * passes "kept + offset" as argument n; the callee stores its parameter n in
 * a member named like an address). One level deep, found in the callee's
 * text. */
static int
find_passed(struct ctx *c, size_t n_sites)
{
	for (size_t i = 0; i < c->s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&c->s->recs2, i);
		const struct gmcsim_scan_node *node;
		const char *offset = NULL, *text, *body, *from, *lhs;
		char *params, *names[16], *end;
		unsigned long index;
		unsigned np;
		size_t body_len;
		uint32_t n;
		int parent, rc;

		if (r->kind != 'P' || r->nf < 3)
			continue;
		index = strtoul(r->f[1], &end, 10);
		parent = kept_plus(c, r->f[2], n_sites, r->file, &offset);
		if (*end || parent < 0)
			continue;
		n = gmcsim_scan_graph_find(c->g, r->file, r->f[0]);
		if (n == UINT32_MAX)
			continue;
		node = gmcsim_scan_graph_node(c->g, n);
		text = node->macro ? NULL : file_text(c, node->file);
		if (!text ||
		    !definition_text(c->a, text, node->line, node->name, &params, &body, &body_len))
			continue;
		np = param_names(c->a, params, names, 16);
		if (index >= np || !names[index])
			continue;
		for (from = body; (lhs = param_store(c->a, body, body_len, names[index], &from));
		     from++) {
			unsigned line =
				line_at(gmcsim_scan_line_start(text, node->line), node->line, from);

			if (have_derived(c, node->file, line, lhs))
				continue;
			rc = push_derived(c, parent, node->file, line, node->name, lhs, offset);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Derived copies: "L = kept + offset" with L a member named like an address,
 * directly or through a macro whose body computes it. */
static int
find_derived(struct ctx *c, size_t n_sites)
{
	for (size_t i = 0; i < c->s->recs2.n; i++) {
		const struct gmcsim_scan_rec *y = rec_at(&c->s->recs2, i);
		const char *lhs, *rhs, *paren, *offset = NULL, *body;
		char key[256];
		int parent, rc;

		if (y->kind != 'Y' || y->nf < 2)
			continue;
		lhs = y->f[0];
		rhs = y->f[1];
		if (!gmcsim_scan_expr_is_member(lhs) ||
		    !gmcsim_scan_expr_key(lhs, 1, key, sizeof(key)) || !strstr(key, "addr"))
			continue;
		paren = strchr(rhs, '(');
		if (paren && strcmp(paren, "(...)") == 0 &&
		    (body = macro_body(c, rhs, (size_t)(paren - rhs))))
			rhs = body;
		else if (paren && paren != rhs && paren < strchr(rhs, '+'))
			continue; /* lower_32_bits(kept) + ...: a value for a command, not a copy */
		if (!strchr(rhs, '+'))
			continue;
		parent = kept_plus(c, rhs, n_sites, y->file, &offset);
		if (parent >= 0 &&
		    (rc = push_derived(c, parent, y->file, y->line, y->func, lhs, offset)))
			return rc;
	}
	return 0;
}

static int
by_file_line(const void *a, const void *b)
{
	const struct fdef *x = a, *y = b;
	int d = strcmp(x->file, y->file);

	return d ? d : (x->line > y->line) - (x->line < y->line);
}

static int
ctx_init(struct ctx *c, struct gmcsim_scan *s)
{
	int rc;

	c->s = s;
	c->a = &s->tree.arena;
	c->g = &s->graph;
	for (size_t i = 0; i < s->recs1.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs1, i);
		char *key;

		if (r->kind != 'D')
			continue;
		key = gmcsim_scan_printf(c->a, "%s\t%s", r->file, r->func);
		if (!key || gmcsim_scan_map_put(&c->params, key, i))
			return -ENOMEM;
	}
	for (size_t i = 0; i < s->tree.files.n; i++) {
		if (gmcsim_scan_map_put(&c->texts, gmcsim_scan_tree_file(&s->tree, i)->path, i))
			return -ENOMEM;
	}
	c->next_copy = malloc((s->recs2.n + 1) * sizeof(uint32_t));
	c->funcs = malloc((s->recs2.n + 1) * sizeof(*c->funcs));
	if (!c->next_copy || !c->funcs)
		return -ENOMEM;
	for (uint32_t i = 0; i < s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs2, i);
		char buf[128];
		const char *m;

		if (r->kind == 'D') {
			c->funcs[c->n_funcs].file = r->file;
			c->funcs[c->n_funcs].func = r->func;
			c->funcs[c->n_funcs++].line = r->line;
		}
		/* a plain copy: L = a member chain, no arithmetic, no call */
		if (r->kind != 'Y' || r->nf < 2 || strchr(r->f[1], '+') || strchr(r->f[1], '(') ||
		    !gmcsim_scan_expr_is_member(r->f[0]) ||
		    !(m = gmcsim_scan_expr_key(r->f[1], 1, buf, sizeof(buf))))
			continue;
		buf[strcspn(buf, "[")] = '\0';
		m = gmcsim_scan_strdup(c->a, buf);
		if (!m)
			return -ENOMEM;
		c->next_copy[i] = gmcsim_scan_list_head(&c->copies, m);
		if (gmcsim_scan_map_put(&c->copies, m, i))
			return -ENOMEM;
	}
	qsort(c->funcs, c->n_funcs, sizeof(*c->funcs), by_file_line);
	for (size_t i = c->n_funcs; i-- > 0;) {
		if (gmcsim_scan_map_put(&c->defs, c->funcs[i].file, i))
			return -ENOMEM;
	}
	c->next_read = malloc((s->recs2.n + 1) * sizeof(uint32_t));
	c->next_free = malloc((s->recs1.n + s->recs2.n + 1) * sizeof(uint32_t));
	if (!c->next_read || !c->next_free)
		return -ENOMEM;
	for (uint32_t i = 0; i < s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(&s->recs2, i);
		char *key;

		if ((r->kind == 'U' || r->kind == 'S') && r->nf >= 2) {
			c->next_read[i] = gmcsim_scan_list_head(&c->reads, r->f[0]);
			if (gmcsim_scan_map_put(&c->reads, r->f[0], i))
				return -ENOMEM;
		} else if (r->kind == 'A' && r->nf >= 2) {
			key = gmcsim_scan_printf(c->a, "%s\t%s\t%s", r->file, r->func, r->f[0]);
			if (!key || gmcsim_scan_map_put(&c->aliases, key, i))
				return -ENOMEM;
		}
	}
	for (uint32_t i = 0; i < s->recs1.n + s->recs2.n; i++) {
		const struct gmcsim_scan_rec *r = free_at(c, i);
		const char *m;

		if (r->kind != 'F' || r->nf < 2 || !(m = last_member(c->a, r->f[1])))
			continue;
		c->next_free[i] = gmcsim_scan_list_head(&c->frees, m);
		if (gmcsim_scan_map_put(&c->frees, m, i))
			return -ENOMEM;
	}
	rc = gmcsim_scan_guard_index_init(&c->gi, c->a, &s->recs2);
	if (!rc)
		rc = build_reverse(c);
	return rc;
}

static void
ctx_fini(struct ctx *c)
{
	gmcsim_scan_map_fini(&c->params);
	gmcsim_scan_map_fini(&c->texts);
	gmcsim_scan_map_fini(&c->aliases);
	gmcsim_scan_map_fini(&c->reads);
	gmcsim_scan_map_fini(&c->frees);
	gmcsim_scan_map_fini(&c->copies);
	gmcsim_scan_map_fini(&c->fields);
	gmcsim_scan_map_fini(&c->defs);
	free(c->next_copy);
	free(c->funcs);
	free(c->next_read);
	free(c->next_free);
	gmcsim_scan_guard_index_fini(&c->gi);
	for (size_t i = 0; c->rev && i < c->g->nodes.n; i++)
		free(c->rev[i]);
	free(c->rev);
	free(c->nrev);
}

int
gmcsim_scan_sites_build(struct gmcsim_scan *s)
{
	struct ctx c = { 0 };
	struct gmcsim_scan_vec vias = { .item = sizeof(const struct gmcsim_scan_rec *) };
	size_t n_created;
	int rc;

	s->sites.item = sizeof(struct gmcsim_scan_site);
	rc = ctx_init(&c, s);
	/* 1. every create, instantiated per helper call when it goes through a parameter */
	for (size_t i = 0; !rc && i < s->recs1.n; i++) {
		const struct gmcsim_scan_rec *k = rec_at(&s->recs1, i);
		int pi;
		bool instantiated = false, generic = false;

		if (k->kind != 'K' || k->nf < 6 || is_helper_definition(k->func))
			continue;
		pi = param_index(&c, k->file, k->func, k->f[3]);
		if (pi < 0)
			pi = param_index(&c, k->file, k->func, k->f[4]);
		/* one site per call that passes a member of something (&psp->ras_context...);
		 * one more for the calls that pass a plain pointer (ring, psp) */
		for (size_t j = 0; pi >= 0 && !rc && j < s->recs2.n; j++) {
			const struct gmcsim_scan_rec *h = rec_at(&s->recs2, j);
			const struct gmcsim_scan_rec **slot;
			char *args[16];
			unsigned na;

			if (h->kind != 'H' || h->nf < 2 || strcmp(h->f[0], k->func) != 0)
				continue;
			na = split_args(c.a, h->f[1], args, 16);
			if ((unsigned)pi >= na || !args[pi] || args[pi][0] != '&' ||
			    !gmcsim_scan_expr_is_member(args[pi])) {
				generic = true;
				continue;
			}
			rc = add_create(&c, k, h, pi);
			if (!rc && !(slot = gmcsim_scan_vec_push(&vias)))
				rc = -ENOMEM;
			else if (!rc)
				*slot = h;
			instantiated = true;
		}
		if (!rc && (!instantiated || generic)) {
			const struct gmcsim_scan_rec **slot;

			rc = add_create(&c, k, NULL, -1);
			if (!rc && !(slot = gmcsim_scan_vec_push(&vias)))
				rc = -ENOMEM;
		}
	}
	/* 2. hooks, frees, uses, guards (needs every site's field for uniqueness) */
	if (!rc)
		rc = count_fields(&c);
	for (size_t i = 0; !rc && i < s->sites.n; i++)
		rc = resolve_site(&c, i, ((const struct gmcsim_scan_rec **)vias.data)[i]);
	for (size_t i = 0; !rc && i < s->sites.n; i++) {
		struct gmcsim_scan_site *site = gmcsim_scan_site_at(s, i);
		uint32_t fn = node_of(&c, site->file, site->func);

		gmcsim_scan_site_domain(site, c.a, &s->tree, file_text(&c, site->file),
					fn == UINT32_MAX ? 1
							 : gmcsim_scan_graph_node(c.g, fn)->line);
	}
	/* 3. derived copies of kept addresses (of the created sites, not of copies) */
	n_created = s->sites.n;
	if (!rc)
		rc = find_derived(&c, n_created);
	if (!rc)
		rc = find_passed(&c, n_created);
	for (size_t i = 0; !rc && i < s->sites.n; i++)
		gmcsim_scan_site_name(s, i);
	gmcsim_scan_vec_fini(&vias);
	ctx_fini(&c);
	return rc;
}
