/* SPDX-License-Identifier: MIT */
/*
 * The call graph of the parsed files and the lifecycle hooks that reach each
 * function. Roots: the handlers in amd_ip_funcs tables (.sw_init = ...) and
 * the device-level functions of the core (amdgpu_device_ip_init, ...).
 * Edges: direct calls, calls through a macro (its body, read as text), and
 * calls through a function-pointer field, resolved by the struct field the
 * table was installed in (adev->gfx.rlc.funcs = &gfx_v9_0_rlc_funcs makes
 * rlc.funcs->init() reach gfx_v9_0_rlc_init), else by the field name when
 * few tables have it. Where neither works, the call is given up on and
 * listed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* A field name handled by more tables than this is too common to follow. */
#define FIELD_CAP 12
/* A name defined in more files than this (static helpers of one name) is
 * followed only within its own file. */
#define SAME_NAME_CAP 6

const struct gmcsim_scan_device_root gmcsim_scan_device_roots[] = {
	{ "amdgpu_device_ip_early_init", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_EARLY_INIT) },
	/* device init outside the IP callbacks: once per load, like sw_init; what it
	 * calls after the hw_init phases start runs once per load at hw_init */
	{ "amdgpu_device_ip_init", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SW_INIT),
	  "amdgpu_device_ip_hw_init_phase1", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_INIT) },
	{ "amdgpu_device_ip_hw_init_phase1", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_INIT) },
	{ "amdgpu_device_ip_hw_init_phase2", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_INIT) },
	/* firmware loading runs at hw_init and again on resume */
	{ "amdgpu_device_fw_loading",
	  GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_INIT) | GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_ip_late_init", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_LATE_INIT) },
	{ "amdgpu_device_prepare", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) },
	{ "amdgpu_device_suspend", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) },
	{ "amdgpu_device_ip_suspend", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) },
	{ "amdgpu_device_ip_suspend_phase1", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) },
	{ "amdgpu_device_ip_suspend_phase2", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SUSPEND) },
	{ "amdgpu_device_resume", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_ip_resume", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_ip_resume_phase1", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_ip_resume_phase2", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_ip_resume_phase3", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_RESUME) },
	{ "amdgpu_device_fini_hw", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_FINI) },
	{ "amdgpu_device_ip_fini_early", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_HW_FINI) },
	{ "amdgpu_device_fini_sw", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SW_FINI) },
	{ "amdgpu_device_ip_fini", GMCSIM_SCAN_HOOK_BIT(GMCSIM_HOOK_SW_FINI) },
	{ NULL, 0, NULL, 0 },
};

/* amd_ip_funcs fields and the hook each stands for. */
static const struct {
	const char *field;
	enum gmcsim_hook hook;
} hook_fields[] = {
	{ "early_init", GMCSIM_HOOK_EARLY_INIT },   { "sw_init", GMCSIM_HOOK_SW_INIT },
	{ "hw_init", GMCSIM_HOOK_HW_INIT },	    { "late_init", GMCSIM_HOOK_LATE_INIT },
	{ "prepare_suspend", GMCSIM_HOOK_SUSPEND }, { "suspend", GMCSIM_HOOK_SUSPEND },
	{ "resume", GMCSIM_HOOK_RESUME },	    { "complete", GMCSIM_HOOK_RESUME },
	{ "early_fini", GMCSIM_HOOK_HW_FINI },	    { "hw_fini", GMCSIM_HOOK_HW_FINI },
	{ "sw_fini", GMCSIM_HOOK_SW_FINI },	    { "late_fini", GMCSIM_HOOK_SW_FINI },
};

/* AMD_IP_BLOCK_TYPE_* and the catalog's block names. */
static const struct {
	const char *type;
	const char *block;
} block_types[] = {
	{ "COMMON", "common" }, { "GMC", "gmc" }, { "IH", "ih" },	   { "PSP", "psp" },
	{ "SMC", "smu" },	{ "DCE", "dm" },  { "GFX", "gfx" },	   { "SDMA", "sdma" },
	{ "UVD", "uvd" },	{ "VCE", "vce" }, { "VCN", "vcn" },	   { "JPEG", "jpeg" },
	{ "MES", "mes" },	{ "VPE", "vpe" }, { "UMSCH_MM", "umsch" }, { "ACP", "acp" },
	{ "ISP", "isp" },
};

int
gmcsim_scan_hook_from_field(const char *field, enum gmcsim_hook *out)
{
	for (size_t i = 0; i < sizeof(hook_fields) / sizeof(hook_fields[0]); i++) {
		if (strcmp(hook_fields[i].field, field) == 0) {
			*out = hook_fields[i].hook;
			return 0;
		}
	}
	return -ENOENT;
}

const char *
gmcsim_scan_hooks_text(unsigned bits, bool brief, char *buf, size_t len)
{
	static const char *const abbrev[GMCSIM_HOOK_COUNT] = { "early", "sw",  "hw",	 "late",
							       "susp",	"res", "hwfini", "swfini" };
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (int h = 0; h < GMCSIM_HOOK_COUNT; h++) {
		if (bits & GMCSIM_SCAN_HOOK_BIT(h))
			used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
						 used ? (brief ? "," : ", ") : "",
						 brief ? abbrev[h]
						       : gmcsim_hook_name((enum gmcsim_hook)h));
	}
	if (!used)
		snprintf(buf, len, "%s", brief ? "-" : "none found");
	return buf;
}

enum gmcsim_hook
gmcsim_scan_hook_first(unsigned bits)
{
	for (int h = 0; h < GMCSIM_HOOK_COUNT; h++) {
		if (bits & GMCSIM_SCAN_HOOK_BIT(h))
			return (enum gmcsim_hook)h;
	}
	return GMCSIM_HOOK_COUNT;
}

struct gmcsim_scan_node *
gmcsim_scan_graph_node(const struct gmcsim_scan_graph *g, uint32_t index)
{
	return (struct gmcsim_scan_node *)g->nodes.data + index;
}

static uint32_t *
same_at(const struct gmcsim_scan_graph *g, uint32_t index)
{
	return (uint32_t *)g->same.data + index;
}

/* The node of @name defined in @file, created when missing. */
static int
node_get(struct gmcsim_scan_graph *g, const char *file, const char *name, bool macro, uint32_t *out)
{
	char *key = gmcsim_scan_printf(g->arena, "%s\t%s", file, name);
	struct gmcsim_scan_node *n;
	uint32_t *next;
	size_t v;

	if (!key)
		return -ENOMEM;
	if (gmcsim_scan_map_get(&g->by_key, key, &v)) {
		*out = (uint32_t)v;
		return 0;
	}
	n = gmcsim_scan_vec_push(&g->nodes);
	next = gmcsim_scan_vec_push(&g->same);
	if (!n || !next)
		return -ENOMEM;
	n->name = name;
	n->file = file;
	n->macro = macro;
	n->out.item = sizeof(struct gmcsim_scan_edge);
	for (int h = 0; h < GMCSIM_HOOK_COUNT; h++)
		n->reach[h].from = UINT32_MAX;
	*out = (uint32_t)(g->nodes.n - 1);
	*next = UINT32_MAX;
	if (gmcsim_scan_map_put(&g->by_key, key, *out))
		return -ENOMEM;
	/* prepend to the list of nodes of this name */
	if (gmcsim_scan_map_get(&g->by_name, name, &v))
		*next = (uint32_t)v;
	return gmcsim_scan_map_put(&g->by_name, name, *out);
}

uint32_t
gmcsim_scan_graph_find(const struct gmcsim_scan_graph *g, const char *file, const char *name)
{
	uint32_t def = UINT32_MAX, mac = UINT32_MAX;
	size_t v;

	if (!gmcsim_scan_map_get(&g->by_name, name, &v))
		return UINT32_MAX;
	for (uint32_t i = (uint32_t)v; i != UINT32_MAX; i = *same_at(g, i)) {
		const struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

		if (n->macro) {
			mac = i;
			continue;
		}
		if (file && strcmp(n->file, file) == 0 && n->line)
			return i;
		if (n->line && def == UINT32_MAX)
			def = i;
	}
	return def != UINT32_MAX ? def : mac;
}

static int
edge_add(struct gmcsim_scan_graph *g, uint32_t from, uint32_t to, unsigned line, bool indirect)
{
	struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, from);
	struct gmcsim_scan_edge *e;

	for (size_t i = 0; i < n->out.n; i++) {
		e = (struct gmcsim_scan_edge *)n->out.data + i;
		if (e->to == to)
			return 0;
	}
	e = gmcsim_scan_vec_push(&n->out);
	if (!e)
		return -ENOMEM;
	e->to = to;
	e->line = line;
	e->indirect = indirect;
	return 0;
}

/* Edges from @from to every definition @name stands for, seen from @file. */
static int
call_add(struct gmcsim_scan_graph *g, uint32_t from, const char *file, const char *name,
	 unsigned line)
{
	uint32_t local = UINT32_MAX, count = 0;
	size_t v;
	int rc;

	if (!gmcsim_scan_map_get(&g->by_name, name, &v))
		return 0;
	for (uint32_t i = (uint32_t)v; i != UINT32_MAX; i = *same_at(g, i)) {
		const struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

		if (!n->macro && n->line && strcmp(n->file, file) == 0)
			local = i;
		if (!n->macro && n->line)
			count++;
	}
	if (local != UINT32_MAX)
		return edge_add(g, from, local, line, false);
	if (count && count <= SAME_NAME_CAP) {
		for (uint32_t i = (uint32_t)v; i != UINT32_MAX; i = *same_at(g, i)) {
			const struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

			if (!n->macro && n->line && (rc = edge_add(g, from, i, line, false)))
				return rc;
		}
		return 0;
	}
	if (count)
		return 0;
	/* no definition: a macro standing in for one */
	for (uint32_t i = (uint32_t)v; i != UINT32_MAX; i = *same_at(g, i)) {
		if (gmcsim_scan_graph_node(g, i)->macro)
			return edge_add(g, from, i, line, false);
	}
	return 0;
}

/* Everything pass 2 says about tables, indexed to resolve indirect calls:
 * linked lists through the record array, heads in maps. */
struct tables {
	const struct gmcsim_scan_vec *recs;
	struct gmcsim_scan_map by_field;   /* T: field name -> first record */
	struct gmcsim_scan_map by_table;   /* T: table name -> first record */
	struct gmcsim_scan_map by_install; /* W: "rlc.funcs" -> first record */
	uint32_t *next_field, *next_table, *next_install;
};

static bool
is_ip_funcs_type(const char *type)
{
	return strstr(type, "amd_ip_funcs") != NULL;
}

static const struct gmcsim_scan_rec *
rec_at(const struct gmcsim_scan_vec *recs, size_t i)
{
	return (const struct gmcsim_scan_rec *)recs->data + i;
}

static int
tables_init(struct tables *tb, struct gmcsim_scan_arena *arena)
{
	size_t n = tb->recs->n ? tb->recs->n : 1;
	int rc = 0;

	tb->next_field = malloc(n * sizeof(uint32_t));
	tb->next_table = malloc(n * sizeof(uint32_t));
	tb->next_install = malloc(n * sizeof(uint32_t));
	if (!tb->next_field || !tb->next_table || !tb->next_install)
		return -ENOMEM;
	for (uint32_t i = 0; !rc && i < tb->recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(tb->recs, i);

		if (r->kind == 'T' && r->nf >= 3) {
			rc = gmcsim_scan_list_push(&tb->by_field, tb->next_field, r->f[1], i);
			if (!rc)
				rc = gmcsim_scan_list_push(&tb->by_table, tb->next_table, r->func,
							   i);
		} else if (r->kind == 'W' && r->nf >= 3) {
			char buf[160], kbuf[160];
			const char *k;
			char *key;

			/* W: field, base, table -> "lastbase.field" */
			snprintf(buf, sizeof(buf), "%s.%s", r->f[1], r->f[0]);
			k = gmcsim_scan_expr_key(buf, 2, kbuf, sizeof(kbuf));
			if (!k)
				continue;
			key = gmcsim_scan_strdup(arena, k);
			rc = key ? gmcsim_scan_list_push(&tb->by_install, tb->next_install, key, i)
				 : -ENOMEM;
		}
	}
	return rc;
}

static void
tables_fini(struct tables *tb)
{
	gmcsim_scan_map_fini(&tb->by_field);
	gmcsim_scan_map_fini(&tb->by_table);
	gmcsim_scan_map_fini(&tb->by_install);
	free(tb->next_field);
	free(tb->next_table);
	free(tb->next_install);
}

/* Whether table entry @t is a function for field @field of a non-IP table. */
static bool
plain_handler(const struct gmcsim_scan_rec *t, const char *field)
{
	return strcmp(t->f[1], field) == 0 && t->f[2][0] != '&' && !is_ip_funcs_type(t->f[0]) &&
	       strcmp(t->f[2], "NULL") != 0;
}

/* Edges for a call of field @field through @base: by the installed tables,
 * else by field name; a given-up call is recorded. */
static int
field_call_add(struct gmcsim_scan_graph *g, struct tables *tb, uint32_t from, const char *file,
	       const char *func, unsigned line, const char *field, const char *base)
{
	char key[160];
	const char *k = gmcsim_scan_expr_key(base, 2, key, sizeof(key));
	enum gmcsim_hook hook;
	unsigned matched = 0, candidates = 0;
	bool installed = false;
	int rc;

	/* 1. tables installed in this struct field; none of them has the field:
	 * the call goes nowhere this tree defines */
	if (k && gmcsim_scan_list_head(&tb->by_install, k) != UINT32_MAX)
		installed = true;
	for (uint32_t w = k ? gmcsim_scan_list_head(&tb->by_install, k) : UINT32_MAX;
	     w != UINT32_MAX; w = tb->next_install[w]) {
		const char *table = rec_at(tb->recs, w)->f[2];

		for (uint32_t j = gmcsim_scan_list_head(&tb->by_table, table); j != UINT32_MAX;
		     j = tb->next_table[j]) {
			const struct gmcsim_scan_rec *t = rec_at(tb->recs, j);
			uint32_t to;

			if (strcmp(t->f[1], field) != 0 || t->f[2][0] == '&')
				continue;
			to = gmcsim_scan_graph_find(g, t->file, t->f[2]);
			if (to != UINT32_MAX) {
				if ((rc = edge_add(g, from, to, line, true)))
					return rc;
				matched++;
			}
		}
	}
	if (matched || installed)
		return 0;
	/* 2. every table with that field; IP lifecycle fields are the roots' job */
	for (uint32_t j = gmcsim_scan_list_head(&tb->by_field, field); j != UINT32_MAX;
	     j = tb->next_field[j])
		if (plain_handler(rec_at(tb->recs, j), field))
			candidates++;
	if (!candidates)
		return 0;
	if (candidates > FIELD_CAP) {
		struct gmcsim_scan_gaveup *gu;

		if (gmcsim_scan_hook_from_field(field, &hook) == 0 && !k)
			return 0;
		gu = gmcsim_scan_vec_push(&g->gaveup);
		if (!gu)
			return -ENOMEM;
		gu->file = file;
		gu->line = line;
		gu->func = func;
		gu->call = gmcsim_scan_printf(g->arena, "%s->%s()", base, field);
		gu->candidates = candidates;
		return gu->call ? 0 : -ENOMEM;
	}
	for (uint32_t j = gmcsim_scan_list_head(&tb->by_field, field); j != UINT32_MAX;
	     j = tb->next_field[j]) {
		const struct gmcsim_scan_rec *t = rec_at(tb->recs, j);
		uint32_t to;

		if (!plain_handler(t, field))
			continue;
		to = gmcsim_scan_graph_find(g, t->file, t->f[2]);
		if (to != UINT32_MAX && (rc = edge_add(g, from, to, line, true)))
			return rc;
	}
	return 0;
}

/* A macro whose body calls a field named by one of its parameters
 * (smu_ppt_funcs(intf, ret, smu, ...) calls (smu)->ppt_funcs->intf()): which
 * parameter, and the text before the arrow. */
struct param_call {
	int index; /* -1: none */
	const char *base;
	size_t base_len;
};

struct macro_ctx {
	struct gmcsim_scan_graph *g;
	struct tables *tb;
	uint32_t node;
	const struct gmcsim_scan_macro *m;
	const struct gmcsim_scan_vec *macros;
	struct gmcsim_scan_map *by_name; /* macro name -> index */
	struct param_call *pc;		 /* per macro */
	int rc;
};

/* The @n-th comma-separated item of @s (up to @len), trimmed. */
static bool
nth_item(const char *s, size_t len, int n, const char **item, size_t *item_len)
{
	int depth = 0, k = 0;
	const char *start = s, *end = s + len;

	for (const char *p = s; p <= end; p++) {
		if (p < end && (*p == '(' || *p == '['))
			depth++;
		else if (p < end && (*p == ')' || *p == ']'))
			depth--;
		else if (p == end || (*p == ',' && !depth)) {
			if (k == n) {
				const char *b = start, *e = p;

				while (b < e && (*b == ' ' || *b == '\t'))
					b++;
				while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
					e--;
				*item = b;
				*item_len = (size_t)(e - b);
				return true;
			}
			k++;
			start = p + 1;
		}
	}
	return false;
}

static void
macro_call(void *data, const struct gmcsim_scan_macro_call *call)
{
	struct macro_ctx *c = data;
	char *n, *b;
	size_t v;

	if (c->rc)
		return;
	n = gmcsim_scan_strndup(c->g->arena, call->name, call->len);
	if (!n) {
		c->rc = -ENOMEM;
		return;
	}
	if (!call->field) {
		if (strcmp(n, c->m->name) == 0)
			return;
		c->rc = call_add(c->g, c->node, c->m->file, n, c->m->line);
		/* a macro that calls the field its argument names: that field */
		if (!c->rc && gmcsim_scan_map_get(c->by_name, n, &v) && c->pc[v].index >= 0) {
			const char *arg;
			size_t arg_len;

			if (nth_item(call->args, call->args_len, c->pc[v].index, &arg, &arg_len) &&
			    gmcsim_scan_is_ident(arg, arg_len)) {
				char *field = gmcsim_scan_strndup(c->g->arena, arg, arg_len);

				b = gmcsim_scan_strndup(c->g->arena, c->pc[v].base,
							c->pc[v].base_len);
				c->rc = field && b
						? field_call_add(c->g, c->tb, c->node, c->m->file,
								 c->m->name, c->m->line, field, b)
						: -ENOMEM;
			}
		}
		return;
	}
	b = gmcsim_scan_strndup(c->g->arena, call->base, call->base_len);
	c->rc = b ? field_call_add(c->g, c->tb, c->node, c->m->file, c->m->name, c->m->line, n, b)
		  : -ENOMEM;
}

struct param_probe {
	const struct gmcsim_scan_macro *m;
	struct param_call *pc;
};

static void
param_probe(void *data, const struct gmcsim_scan_macro_call *call)
{
	struct param_probe *pp = data;
	const char *item;
	size_t item_len;

	if (!call->field || pp->pc->index >= 0)
		return;
	for (int i = 0; nth_item(pp->m->params, strlen(pp->m->params), i, &item, &item_len); i++) {
		if (item_len == call->len && strncmp(item, call->name, call->len) == 0) {
			pp->pc->index = i;
			pp->pc->base = call->base;
			pp->pc->base_len = call->base_len;
			return;
		}
	}
}

/* The block of each amd_ip_funcs table: from the ip_block_version that
 * points at it (.type = AMD_IP_BLOCK_TYPE_X), else its .name. */
static const char *
table_block(struct gmcsim_scan_graph *g, const struct gmcsim_scan_vec *recs, const char *table)
{
	char name[64];

	for (size_t i = 0; i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(recs, i);

		if (r->kind != 'T' || r->nf < 3 || strcmp(r->f[1], "funcs") != 0 ||
		    r->f[2][0] != '&' || strcmp(r->f[2] + 1, table) != 0)
			continue;
		for (size_t j = 0; j < recs->n; j++) {
			const struct gmcsim_scan_rec *t = rec_at(recs, j);

			if (t->kind != 'T' || t->nf < 3 || strcmp(t->func, r->func) != 0 ||
			    strcmp(t->f[1], "type") != 0 ||
			    strncmp(t->f[2], "AMD_IP_BLOCK_TYPE_", 18) != 0)
				continue;
			for (size_t k = 0; k < sizeof(block_types) / sizeof(block_types[0]); k++) {
				if (strcmp(t->f[2] + 18, block_types[k].type) == 0)
					return block_types[k].block;
			}
		}
	}
	for (size_t i = 0; i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(recs, i);
		size_t len;

		if (r->kind != 'N' || r->nf < 2 || strcmp(r->func, table) != 0)
			continue;
		/* "gfx_v9_0" -> "gfx", "vega10_ih" -> "ih" */
		snprintf(name, sizeof(name), "%s", r->f[1]);
		len = strcspn(name, "_");
		if (strstr(name, "_ih"))
			return "ih";
		name[len] = '\0';
		return gmcsim_scan_strdup(g->arena, name);
	}
	return NULL;
}

static int
mark_roots(struct gmcsim_scan_graph *g, const struct gmcsim_scan_vec *recs)
{
	for (size_t i = 0; i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(recs, i);
		struct gmcsim_scan_node *n;
		enum gmcsim_hook hook;
		uint32_t to;

		if (r->kind != 'T' || r->nf < 3 || !is_ip_funcs_type(r->f[0]) ||
		    gmcsim_scan_hook_from_field(r->f[1], &hook))
			continue;
		to = gmcsim_scan_graph_find(g, r->file, r->f[2]);
		if (to == UINT32_MAX)
			continue;
		n = gmcsim_scan_graph_node(g, to);
		n->root |= GMCSIM_SCAN_HOOK_BIT(hook);
		if (!n->root_via) {
			n->root_via = gmcsim_scan_printf(g->arena, "%s.%s", r->func, r->f[1]);
			n->block = table_block(g, recs, r->func);
			if (!n->root_via)
				return -ENOMEM;
		}
	}
	for (unsigned d = 0; gmcsim_scan_device_roots[d].name; d++) {
		size_t v;

		if (!gmcsim_scan_map_get(&g->by_name, gmcsim_scan_device_roots[d].name, &v))
			continue;
		for (uint32_t i = (uint32_t)v; i != UINT32_MAX; i = *same_at(g, i)) {
			struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

			if (n->macro || !n->line)
				continue;
			n->root |= gmcsim_scan_device_roots[d].hooks;
			n->root_via = gmcsim_scan_printf(g->arena, "device: %s", n->name);
			if (!n->root_via)
				return -ENOMEM;
			if (!gmcsim_scan_device_roots[d].after)
				continue;
			for (size_t e = 0; e < n->out.n; e++) {
				const struct gmcsim_scan_edge *ed =
					(const struct gmcsim_scan_edge *)n->out.data + e;

				if (strcmp(gmcsim_scan_graph_node(g, ed->to)->name,
					   gmcsim_scan_device_roots[d].after) == 0 &&
				    (!n->split_line || ed->line < n->split_line)) {
					n->split_line = ed->line;
					n->split_hooks = gmcsim_scan_device_roots[d].hooks_after;
				}
			}
		}
	}
	return 0;
}

/* Whether @n is a device-level root that does not run at @hook: a walk for
 * another hook stops there (amdgpu_device_ip_init's hw_init phases are
 * their own roots). */
static bool
barrier(const struct gmcsim_scan_node *n, int hook)
{
	return n->root && n->root_via && strncmp(n->root_via, "device: ", 8) == 0 &&
	       !(n->root & GMCSIM_SCAN_HOOK_BIT(hook));
}

static int
walk(struct gmcsim_scan_graph *g)
{
	uint32_t *queue = malloc((g->nodes.n + 1) * sizeof(*queue));

	if (!queue)
		return -ENOMEM;
	for (int h = 0; h < GMCSIM_HOOK_COUNT; h++) {
		size_t head = 0, tail = 0;

		for (uint32_t i = 0; i < g->nodes.n; i++) {
			struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

			if (n->root & GMCSIM_SCAN_HOOK_BIT(h)) {
				n->hooks |= GMCSIM_SCAN_HOOK_BIT(h);
				n->reach[h].from = UINT32_MAX;
				n->reach[h].depth = 0;
				queue[tail++] = i;
			}
		}
		/* the later calls of a split device root are sources of its other hook */
		for (uint32_t i = 0; i < g->nodes.n; i++) {
			struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, i);

			if (!n->split_line || !(n->split_hooks & GMCSIM_SCAN_HOOK_BIT(h)))
				continue;
			for (size_t e = 0; e < n->out.n; e++) {
				const struct gmcsim_scan_edge *ed =
					(const struct gmcsim_scan_edge *)n->out.data + e;
				struct gmcsim_scan_node *t = gmcsim_scan_graph_node(g, ed->to);

				if (ed->line < n->split_line ||
				    (t->hooks & GMCSIM_SCAN_HOOK_BIT(h)) || barrier(t, h))
					continue;
				t->hooks |= GMCSIM_SCAN_HOOK_BIT(h);
				t->reach[h].from = i;
				t->reach[h].line = ed->line;
				t->reach[h].depth = 1;
				queue[tail++] = ed->to;
			}
		}
		while (head < tail) {
			uint32_t at = queue[head++];
			struct gmcsim_scan_node *n = gmcsim_scan_graph_node(g, at);

			for (size_t e = 0; e < n->out.n; e++) {
				const struct gmcsim_scan_edge *ed =
					(const struct gmcsim_scan_edge *)n->out.data + e;
				struct gmcsim_scan_node *t = gmcsim_scan_graph_node(g, ed->to);

				if ((t->hooks & GMCSIM_SCAN_HOOK_BIT(h)) || barrier(t, h))
					continue;
				/* a split root's later calls belong to its other hook */
				if (n->split_line && ed->line >= n->split_line &&
				    !(n->split_hooks & GMCSIM_SCAN_HOOK_BIT(h)))
					continue;
				t->hooks |= GMCSIM_SCAN_HOOK_BIT(h);
				t->reach[h].from = at;
				t->reach[h].line = ed->line;
				t->reach[h].depth = n->reach[h].depth + 1;
				queue[tail++] = ed->to;
			}
		}
	}
	free(queue);
	return 0;
}

int
gmcsim_scan_graph_build(struct gmcsim_scan_graph *g, struct gmcsim_scan_arena *arena,
			const struct gmcsim_scan_vec *recs, const struct gmcsim_scan_vec *macros)
{
	struct tables tb = { .recs = recs };
	int rc = 0;

	memset(g, 0, sizeof(*g));
	g->arena = arena;
	g->nodes.item = sizeof(struct gmcsim_scan_node);
	g->same.item = sizeof(uint32_t);
	g->gaveup.item = sizeof(struct gmcsim_scan_gaveup);

	/* nodes: every definition, then every macro */
	for (size_t i = 0; !rc && i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(recs, i);
		uint32_t id;

		if (r->kind != 'D')
			continue;
		rc = node_get(g, r->file, r->func, false, &id);
		if (!rc)
			gmcsim_scan_graph_node(g, id)->line = r->line;
	}
	for (size_t i = 0; !rc && i < macros->n; i++) {
		const struct gmcsim_scan_macro *m =
			(const struct gmcsim_scan_macro *)macros->data + i;
		uint32_t id;

		rc = node_get(g, m->file, m->name, true, &id);
		if (!rc)
			gmcsim_scan_graph_node(g, id)->line = m->line;
	}

	/* edges: direct calls, field calls, macro bodies */
	if (!rc)
		rc = tables_init(&tb, arena);
	for (size_t i = 0; !rc && i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = rec_at(recs, i);
		uint32_t from;

		if ((r->kind != 'C' && r->kind != 'M') || r->nf < 1)
			continue;
		rc = node_get(g, r->file, r->func, false, &from);
		if (rc)
			break;
		if (r->kind == 'C')
			rc = call_add(g, from, r->file, r->f[0], r->line);
		else if (r->nf >= 2)
			rc = field_call_add(g, &tb, from, r->file, r->func, r->line, r->f[0],
					    r->f[1]);
	}
	if (!rc) {
		struct gmcsim_scan_map by_name = { 0 };
		struct param_call *pc = calloc(macros->n + 1, sizeof(*pc));

		if (!pc)
			rc = -ENOMEM;
		for (size_t i = 0; !rc && i < macros->n; i++) {
			const struct gmcsim_scan_macro *m =
				(const struct gmcsim_scan_macro *)macros->data + i;
			struct param_probe pp = { .m = m, .pc = &pc[i] };

			pc[i].index = -1;
			gmcsim_scan_macro_calls(m->body, param_probe, &pp);
			rc = gmcsim_scan_map_put(&by_name, m->name, i);
		}
		for (size_t i = 0; !rc && i < macros->n; i++) {
			const struct gmcsim_scan_macro *m =
				(const struct gmcsim_scan_macro *)macros->data + i;
			struct macro_ctx c = { .g = g,
					       .tb = &tb,
					       .m = m,
					       .macros = macros,
					       .by_name = &by_name,
					       .pc = pc };

			rc = node_get(g, m->file, m->name, true, &c.node);
			if (!rc) {
				gmcsim_scan_macro_calls(m->body, macro_call, &c);
				rc = c.rc;
			}
		}
		free(pc);
		gmcsim_scan_map_fini(&by_name);
	}
	if (!rc)
		rc = mark_roots(g, recs);
	if (!rc)
		rc = walk(g);
	tables_fini(&tb);
	return rc;
}

void
gmcsim_scan_graph_fini(struct gmcsim_scan_graph *g)
{
	for (size_t i = 0; i < g->nodes.n; i++)
		gmcsim_scan_vec_fini(&gmcsim_scan_graph_node(g, i)->out);
	gmcsim_scan_vec_fini(&g->nodes);
	gmcsim_scan_vec_fini(&g->same);
	gmcsim_scan_vec_fini(&g->gaveup);
	gmcsim_scan_map_fini(&g->by_key);
	gmcsim_scan_map_fini(&g->by_name);
}
