/* SPDX-License-Identifier: MIT */
/*
 * Guards: the conditions on the path to a call that decide whether it runs.
 * spatch reports every `if` whose condition names a guard kind (SR-IOV, load
 * type, pg/cg flags, APU, IP versions, display, hive, module parameters, a
 * BO pointer) with the line spans of its branches; here a call at a line
 * gets the ifs around it and the early returns before it, and the cases of
 * an IP-version switch around it (read from the file text: spatch's SmPL has
 * no position for a case label). What maps to the catalog's conditions
 * (v2 `exists` / `consumed`) becomes one; the rest is kept as written.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "scan.h"
#include "util.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Add @v to the NULL-terminated list @list of @cap entries, once. */
static void
list_add(const char **list, size_t cap, const char *v)
{
	for (size_t i = 0; i < cap; i++) {
		if (!list[i]) {
			list[i] = v;
			return;
		}
		if (strcmp(list[i], v) == 0)
			return;
	}
}

/* "IP_VERSION(13, 0, 6)" -> "13.0.6" */
static char *
ip_version(struct gmcsim_scan_arena *a, const char *s)
{
	unsigned x, y, z;
	const char *p = strstr(s, "IP_VERSION(");

	if (!p || sscanf(p, "IP_VERSION(%u, %u, %u)", &x, &y, &z) != 3)
		return NULL;
	return gmcsim_scan_printf(a, "%u.%u.%u", x, y, z);
}

/* Trim spaces and one pair of parentheses around the whole of [s, e). */
static void
trim(const char **s, const char **e)
{
	for (;;) {
		while (*s < *e && isspace((unsigned char)**s))
			(*s)++;
		while (*e > *s && isspace((unsigned char)(*e)[-1]))
			(*e)--;
		if (*e - *s >= 2 && **s == '(' && (*e)[-1] == ')') {
			int depth = 0;
			const char *p;

			for (p = *s; p < *e; p++) {
				if (*p == '(')
					depth++;
				else if (*p == ')' && --depth == 0)
					break;
			}
			if (p == *e - 1) {
				(*s)++;
				(*e)--;
				continue;
			}
		}
		return;
	}
}

/* Split [s, e) at top-level @op ("&&" or "||"); return the pieces' count. */
static unsigned
split(const char *s, const char *e, const char *op, const char *ps[], const char *pe[],
      unsigned max)
{
	int depth = 0;
	unsigned n = 0;
	const char *start = s;

	for (const char *p = s; p < e; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (!depth && p + 1 < e && p[0] == op[0] && p[1] == op[1]) {
			if (n < max) {
				ps[n] = start;
				pe[n] = p;
			}
			n++;
			start = p + 2;
			p++;
		}
	}
	if (n < max) {
		ps[n] = start;
		pe[n] = e;
	}
	return n + 1;
}

static bool
has(const char *s, const char *e, const char *word)
{
	size_t wl = strlen(word);

	for (const char *p = s; p + wl <= e; p++) {
		if (memcmp(p, word, wl) == 0)
			return true;
	}
	return false;
}

/* Module parameters the v2 `params` condition knows, and how code names them. */
static const struct {
	const char *code;
	const char *param;
} params[] = {
	{ "amdgpu_mes_log_enable", "mes_log_enable" },
	{ "amdgpu_umsch_mm", "umsch_mm" },
	{ "smu_memory_pool_size", "smu_memory_pool_size" },
	{ "gfx.mcbp", "mcbp" },
	{ "amdgpu_mcbp", "mcbp" },
	{ "amdgpu_async_gfx_ring", "async_gfx_ring" },
};

/* One atom, true when @pos: a condition of @c, or false when it maps to none. */
static bool
map_atom(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a, const char *s, const char *e,
	 bool pos)
{
	const char *hw = NULL;
	char *ver;
	bool eq, ne;

	trim(&s, &e);
	if (s < e && *s == '!') {
		s++;
		trim(&s, &e);
		/* !x where x is itself a comparison is left alone */
		if (has(s, e, "==") || has(s, e, "!=") || has(s, e, "&&") || has(s, e, "||"))
			return false;
		pos = !pos;
	}
	if (has(s, e, "&&") || has(s, e, "||") || has(s, e, "?"))
		return false;
	eq = has(s, e, "==");
	ne = has(s, e, "!=");
	if (has(s, e, "amdgpu_sriov_is_pp_one_vf(")) {
		if (eq || ne)
			return false;
		/* v2 has no vf_mode in this struct's JSON yet: keep it verbatim */
		return false;
	}
	if (has(s, e, "amdgpu_sriov_vf(") && !eq && !ne && !has(s, e, "<") && !has(s, e, ">")) {
		c->sriov = pos ? "vf" : "bare-metal";
		return true;
	}
	if (has(s, e, "load_type") && (eq || ne)) {
		bool psp = has(s, e, "AMDGPU_FW_LOAD_PSP"),
		     direct = has(s, e, "AMDGPU_FW_LOAD_DIRECT");

		if (!psp && !direct)
			return false;
		if (ne)
			pos = !pos;
		c->fw_load = (psp == pos) ? "psp" : "direct";
		return true;
	}
	if (has(s, e, "AMD_IS_APU") && !eq && !ne) {
		c->apu = pos ? "true" : "false";
		return true;
	}
	if (has(s, e, "amdgpu_device_has_display_hardware(") && !eq && !ne) {
		c->display = pos ? "true" : "false";
		return true;
	}
	if (has(s, e, "num_physical_nodes > 1") || has(s, e, "num_physical_nodes >= 2")) {
		c->hive = pos ? "multi" : "single";
		return true;
	}
	if (has(s, e, "num_physical_nodes <= 1") || has(s, e, "num_physical_nodes < 2")) {
		c->hive = pos ? "single" : "multi";
		return true;
	}
	if (has(s, e, "pg_flags") && pos && !eq && !ne) {
		if (has(s, e, "AMD_PG_SUPPORT_VCN_DPG")) {
			list_add(c->pg, N_OF(c->pg), "vcn_dpg");
			return true;
		}
		if (has(s, e, "AMD_PG_SUPPORT_JPEG_DPG")) {
			list_add(c->pg, N_OF(c->pg), "jpeg_dpg");
			return true;
		}
		return false;
	}
	if (has(s, e, "amdgpu_ip_version(") && (eq || ne) && has(s, e, "IP_VERSION(")) {
		const char **list;

		if (has(s, e, "MP0_HWIP"))
			hw = "mp0";
		else if (has(s, e, "VCN_HWIP"))
			hw = "vcn";
		else if (has(s, e, "JPEG_HWIP"))
			hw = "jpeg";
		else if (has(s, e, "GC_HWIP"))
			hw = "gc";
		if (!hw)
			return false;
		if (ne)
			pos = !pos;
		if (!pos && strcmp(hw, "mp0") != 0)
			return false; /* only MP0 has a "not" form in the vocabulary */
		ver = ip_version(a, s);
		if (!ver)
			return false;
		if (strcmp(hw, "mp0") == 0)
			list = pos ? c->mp0 : c->mp0_not;
		else if (strcmp(hw, "vcn") == 0)
			list = c->vcn;
		else if (strcmp(hw, "jpeg") == 0)
			list = c->jpeg;
		else
			list = c->gc;
		list_add(list, 8, ver);
		return true;
	}
	for (size_t i = 0; i < N_OF(params); i++) {
		if (has(s, e, params[i].code) && pos && !eq && !ne && !has(s, e, "<")) {
			list_add(c->params, N_OF(c->params), params[i].param);
			return true;
		}
	}
	return false;
}

/* A disjunction of ip_version equalities of one IP: mp0 [a, b]. */
static bool
map_any_of(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a, const char *s, const char *e)
{
	const char *ps[8], *pe[8];
	struct gmcsim_scan_cond tmp = { 0 };
	unsigned n = split(s, e, "||", ps, pe, 8);

	if (n < 2 || n > 8)
		return false;
	for (unsigned i = 0; i < n; i++) {
		if (!has(ps[i], pe[i], "amdgpu_ip_version(") || !has(ps[i], pe[i], "==") ||
		    !map_atom(&tmp, a, ps[i], pe[i], true))
			return false;
	}
	if (tmp.sriov || tmp.mp0_not[0])
		return false;
	for (unsigned i = 0; i < 8; i++) {
		if (tmp.mp0[i])
			list_add(c->mp0, 8, tmp.mp0[i]);
		if (tmp.vcn[i])
			list_add(c->vcn, 8, tmp.vcn[i]);
		if (tmp.jpeg[i])
			list_add(c->jpeg, 8, tmp.jpeg[i]);
		if (tmp.gc[i])
			list_add(c->gc, 8, tmp.gc[i]);
	}
	return true;
}

/* Record condition text [s, e) holding when @pos. */
static int
add_condition(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a, const char *s, const char *e,
	      bool pos)
{
	const char *ps[8], *pe[8];
	unsigned n;

	trim(&s, &e);
	/* a conjunction that holds: each part holds; a disjunction that fails:
	 * each part fails */
	n = split(s, e, pos ? "&&" : "||", ps, pe, 8);
	if (n > 1 && n <= 8) {
		for (unsigned i = 0; i < n; i++) {
			int rc = add_condition(c, a, ps[i], pe[i], pos);

			if (rc)
				return rc;
		}
		return 0;
	}
	if (map_atom(c, a, s, e, pos) || (pos && map_any_of(c, a, s, e)))
		return 0;
	{
		char *v = pos ? gmcsim_scan_strndup(a, s, (size_t)(e - s))
			      : gmcsim_scan_printf(a, "!(%.*s)", (int)(e - s), s);

		if (!v)
			return -ENOMEM;
		list_add(c->verbatim, N_OF(c->verbatim), v);
	}
	return 0;
}

/* The text of line @n (1-based) of @text, and its length. */
static const char *
line_at(const char *text, unsigned n, size_t *len)
{
	const char *p = gmcsim_scan_line_start(text, n);

	if (p)
		*len = strcspn(p, "\n");
	return p;
}

/* Whether the statement on lines [from, to] of @text leaves the function:
 * "return ...;" or "goto ...;", or a block whose last statement is one. A
 * block that only returns from inside a nested error check does not. */
static bool
exits(const char *text, unsigned from, unsigned to)
{
	size_t len;
	const char *s = line_at(text, from, &len), *e, *last;

	if (!s || to < from || to - from > 200)
		return false;
	e = line_at(text, to, &len);
	if (!e)
		return false;
	e += len;
	/* the branch's text, from the condition's end */
	while (s < e && (isspace((unsigned char)*s)))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (e > s && e[-1] == '}') {
		e--;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s && e[-1] == '}')
			return false; /* ends with a nested block */
	}
	/* the last statement: from the previous ';', '{' or '}' */
	last = e;
	if (last > s && last[-1] == ';')
		last--;
	while (last > s && last[-1] != ';' && last[-1] != '{' && last[-1] != '}' && last[-1] != ')')
		last--;
	/* "if (r) return r;" as the last statement only returns sometimes */
	if (last > s && last[-1] == ')')
		return false;
	while (last < e && isspace((unsigned char)*last))
		last++;
	return strncmp(last, "return", 6) == 0 || strncmp(last, "goto ", 5) == 0;
}

/* The IP-version switch cases around line @line, read backwards from it. */
static int
switch_cases(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a, const char *text,
	     unsigned def_line, unsigned line)
{
	const char *labels[8] = { 0 };
	bool collecting = true, dflt = false;
	int depth = 0;

	for (unsigned l = line - 1; text && l > def_line && l + 400 > line; l--) {
		size_t len;
		const char *s = line_at(text, l, &len), *t;

		if (!s)
			return 0;
		t = s;
		while (t < s + len && isspace((unsigned char)*t))
			t++;
		/* braces of this line, right to left */
		for (const char *p = s + len; p > s; p--) {
			if (p[-1] == '}')
				depth++;
			else if (p[-1] == '{' && --depth < 0)
				break;
		}
		if (depth < 0) {
			size_t plen = 0;
			const char *prev = line_at(text, l - 1, &plen);
			const char *sw = has(s, s + len, "switch")		      ? s
					 : (prev && has(prev, prev + plen, "switch")) ? prev
										      : NULL;

			/* the labels were read bottom-up: source order is the reverse */
			for (unsigned i = 0, j = 0; labels[0] && j < 8; j++) {
				if (!labels[j]) {
					for (unsigned k = j - 1; i < k; i++, k--) {
						const char *tmp = labels[i];

						labels[i] = labels[k];
						labels[k] = tmp;
					}
					break;
				}
			}
			if (sw && labels[0] && !dflt) {
				size_t slen = sw == s ? len : plen;

				if (has(sw, sw + slen, "amdgpu_ip_version(")) {
					const char **list =
						has(sw, sw + slen, "MP0_HWIP")	  ? c->mp0
						: has(sw, sw + slen, "VCN_HWIP")  ? c->vcn
						: has(sw, sw + slen, "JPEG_HWIP") ? c->jpeg
						: has(sw, sw + slen, "GC_HWIP")	  ? c->gc
										  : NULL;

					for (unsigned i = 0; list && i < 8 && labels[i]; i++)
						list_add(list, 8, labels[i]);
				}
			}
			depth = 0;
			collecting = true;
			dflt = false;
			memset(labels, 0, sizeof(labels));
			continue;
		}
		if (depth != 0 || !collecting)
			continue;
		if (strncmp(t, "case ", 5) == 0) {
			char *v = ip_version(a, t);

			if (v)
				list_add(labels, 8, v);
		} else if (strncmp(t, "default", 7) == 0) {
			dflt = true;
		} else if (labels[0] && t < s + len) {
			collecting = false;
		}
	}
	return 0;
}

int
gmcsim_scan_guards_at(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a,
		      const struct gmcsim_scan_guard_index *gi, const char *file, const char *func,
		      unsigned def_line, unsigned line, const char *text,
		      const char *const *lazy_fields)
{
	char key[512];
	int rc;

	snprintf(key, sizeof(key), "%s\t%s", file, func);
	for (uint32_t i = gmcsim_scan_list_head(&gi->by_func, key); i != UINT32_MAX;
	     i = gi->next[i]) {
		const struct gmcsim_scan_rec *r =
			(const struct gmcsim_scan_rec *)gi->recs->data + i;
		unsigned t0, t1, e0 = 0, e1 = 0;
		const char *cond;
		bool pos;

		if (r->nf < 5)
			continue;
		t0 = (unsigned)atoi(r->f[0]);
		t1 = (unsigned)atoi(r->f[1]);
		if (*r->f[2]) {
			e0 = (unsigned)atoi(r->f[2]);
			e1 = (unsigned)atoi(r->f[3]);
		}
		cond = r->f[4];
		if (line >= t0 && line <= t1)
			pos = true;
		else if (e0 && line >= e0 && line <= e1)
			pos = false;
		else if (r->line < line && t1 < line && !e0 && text && exits(text, t0, t1))
			pos = false;
		else
			continue;
		{
			bool lazy = false;

			for (size_t k = 0; lazy_fields && lazy_fields[k]; k++)
				lazy |= *lazy_fields[k] &&
					has(cond, cond + strlen(cond), lazy_fields[k]);
			if (lazy) {
				c->null_check = true;
				continue;
			}
		}
		rc = add_condition(c, a, cond, cond + strlen(cond), pos);
		if (rc)
			return rc;
		if (c->n_where < N_OF(c->where)) {
			const char *w = gmcsim_scan_printf(
				a, "%s:%s", strrchr(file, '/') ? strrchr(file, '/') + 1 : file,
				func);

			if (!w)
				return -ENOMEM;
			list_add(c->where, N_OF(c->where), w);
			c->n_where = 0;
			while (c->n_where < N_OF(c->where) && c->where[c->n_where])
				c->n_where++;
		}
	}
	return switch_cases(c, a, text, def_line, line);
}

int
gmcsim_scan_guard_index_init(struct gmcsim_scan_guard_index *gi, struct gmcsim_scan_arena *a,
			     const struct gmcsim_scan_vec *recs)
{
	memset(gi, 0, sizeof(*gi));
	gi->recs = recs;
	gi->next = malloc((recs->n ? recs->n : 1) * sizeof(uint32_t));
	if (!gi->next)
		return -ENOMEM;
	for (uint32_t i = 0; i < recs->n; i++) {
		const struct gmcsim_scan_rec *r = (const struct gmcsim_scan_rec *)recs->data + i;
		char *key;

		if (r->kind != 'G')
			continue;
		key = gmcsim_scan_printf(a, "%s\t%s", r->file, r->func);
		if (!key)
			return -ENOMEM;
		if (gmcsim_scan_list_push(&gi->by_func, gi->next, key, i))
			return -ENOMEM;
	}
	return 0;
}

void
gmcsim_scan_guard_index_fini(struct gmcsim_scan_guard_index *gi)
{
	gmcsim_scan_map_fini(&gi->by_func);
	free(gi->next);
	memset(gi, 0, sizeof(*gi));
}

bool
gmcsim_scan_cond_empty(const struct gmcsim_scan_cond *c)
{
	return !c->sriov && !c->fw_load && !c->apu && !c->display && !c->hive && !c->mp0[0] &&
	       !c->mp0_not[0] && !c->vcn[0] && !c->jpeg[0] && !c->gc[0] && !c->pg[0] &&
	       !c->params[0];
}

static int
add_list(struct json_object *o, const char *key, const char *const *list, size_t cap)
{
	struct json_object *arr;

	if (!list[0])
		return 0;
	arr = json_object_new_array();
	for (size_t i = 0; arr && i < cap && list[i]; i++) {
		if (gmcsim_json_append(arr, json_object_new_string(list[i])))
			return -ENOMEM;
	}
	return gmcsim_json_add(o, key, arr);
}

static int
add_bool(struct json_object *o, const char *key, const char *v)
{
	if (!v)
		return 0;
	return gmcsim_json_add(o, key, json_object_new_boolean(strcmp(v, "true") == 0));
}

static int
add_str(struct json_object *o, const char *key, const char *v)
{
	return v ? gmcsim_json_add(o, key, json_object_new_string(v)) : 0;
}

struct json_object *
gmcsim_scan_cond_json(const struct gmcsim_scan_cond *c)
{
	struct json_object *o = json_object_new_object();
	int rc = 0;

	if (!o)
		return NULL;
	rc |= add_str(o, "sriov", c->sriov);
	rc |= add_str(o, "fw_load", c->fw_load);
	rc |= add_list(o, "mp0", c->mp0, 8);
	rc |= add_list(o, "mp0_not", c->mp0_not, 8);
	rc |= add_list(o, "vcn", c->vcn, 8);
	rc |= add_list(o, "jpeg", c->jpeg, 8);
	rc |= add_list(o, "pg", c->pg, N_OF(c->pg));
	rc |= add_bool(o, "display", c->display);
	rc |= add_bool(o, "apu", c->apu);
	rc |= add_str(o, "hive", c->hive);
	rc |= add_list(o, "params", c->params, N_OF(c->params));
	if (c->gc[0]) {
		char buf[GMCSIM_NAME_MAX] = "";
		size_t used = 0;

		for (size_t i = 0; i < 8 && c->gc[i]; i++)
			used += (size_t)snprintf(buf + used,
						 used < sizeof(buf) ? sizeof(buf) - used : 0,
						 "%s%s", i ? "," : "", c->gc[i]);
		if (used < sizeof(buf))
			rc |= add_str(o, "gc", buf);
	}
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}
