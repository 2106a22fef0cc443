/* SPDX-License-Identifier: MIT */
/*
 * The memory domain and the size of a create, from the expressions spatch
 * printed: the AMDGPU_GEM_DOMAIN_* bits, the branches of a ternary (SR-IOV
 * VF, dGPU), a local's assignments before the create (with a GC-version
 * test apart), a member set elsewhere in the tree; and constant sizes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

const char *
gmcsim_scan_domain_name(unsigned bits)
{
	switch (bits) {
	case GMC_DOMAIN_VRAM:
		return "vram";
	case GMC_DOMAIN_GTT:
		return "gtt";
	case GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT:
		return "vram|gtt";
	default:
		return "?";
	}
}

/* The AMDGPU_GEM_DOMAIN_* bits named in [s, e); *@other when another domain
 * (CPU, DOORBELL, GDS...) is named. */
static unsigned
domain_bits(const char *s, const char *e, bool *other)
{
	unsigned bits = 0;
	const char *p = s;

	while (p < e && (p = strstr(p, "AMDGPU_GEM_DOMAIN_")) && p < e) {
		p += strlen("AMDGPU_GEM_DOMAIN_");
		if (strncmp(p, "VRAM", 4) == 0)
			bits |= GMC_DOMAIN_VRAM;
		else if (strncmp(p, "GTT", 3) == 0)
			bits |= GMC_DOMAIN_GTT;
		else if (other)
			*other = true;
	}
	return bits;
}

/* The end of the statement starting at @p (the next ';' at depth 0). */
static const char *
statement_end(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ';' && depth <= 0)
			return p;
		else if (*p == '{' || *p == '}')
			return p;
	}
	return p;
}

/* A GC version test right before @p ("if (amdgpu_ip_version(adev, GC_HWIP, 0) >=
 * IP_VERSION(10, 0, 0))" on the line above): its version, or NULL. */
static const char *
gc_test_before(struct gmcsim_scan_arena *a, const char *text, const char *p)
{
	const char *line = p, *prev;
	unsigned x, y, z;
	const char *ip;

	while (line > text && line[-1] != '\n')
		line--;
	if (line == text)
		return NULL;
	prev = line - 1;
	while (prev > text && prev[-1] != '\n')
		prev--;
	if (!(ip = strstr(prev, "IP_VERSION(")) || ip > line || !strstr(prev, "GC_HWIP") ||
	    strstr(prev, "GC_HWIP") > line || !strstr(prev, ">=") || strstr(prev, ">=") > line)
		return NULL;
	if (sscanf(ip, "IP_VERSION(%u, %u, %u)", &x, &y, &z) != 3)
		return NULL;
	return gmcsim_scan_printf(a, "%u.%u.%u", x, y, z);
}

/* Assignments "NAME = ...;" / "NAME |= ...;" of a local in lines
 * [from, to) of @text: the union of the domains they name. A "|=" under a
 * GC version test is kept apart in *@gc_min / *@gc_extra. */
static unsigned
local_domain(struct gmcsim_scan_arena *a, const char *text, unsigned from, unsigned to,
	     const char *name, unsigned *n_sets, bool *other, const char **gc_min,
	     unsigned *gc_extra)
{
	const char *p = gmcsim_scan_line_start(text, from), *end = gmcsim_scan_line_start(text, to);
	size_t nl = strlen(name);
	unsigned bits = 0;

	if (!p)
		return 0;
	if (!end)
		end = p + strlen(p);
	for (; p < end; p++) {
		const char *q, *ver;
		bool or = false;
		unsigned b;

		if (strncmp(p, name, nl) != 0 ||
		    (p > text && gmcsim_scan_ident_char((unsigned char)p[-1])) ||
		    gmcsim_scan_ident_char((unsigned char)p[nl]))
			continue;
		q = p + nl;
		while (*q == ' ' || *q == '\t')
			q++;
		if (q[0] == '|' && q[1] == '=')
			q += 2, or = true;
		else if (q[0] == '=' && q[1] != '=')
			q++;
		else
			continue;
		b = domain_bits(q, statement_end(q), other);
		(*n_sets)++;
		if (or &&(ver = gc_test_before(a, text, p))) {
			*gc_min = ver;
			*gc_extra |= b;
		}
		bits |= b;
	}
	return bits;
}

/* A domain kept in a member set elsewhere ("driver_table->domain",
 * "tables[SMU_TABLE_X].domain"): the statements of the tree that name the
 * member's owner (or the constant index) together with a domain. */
static unsigned
member_domain(const struct gmcsim_scan_tree *t, const char *expr, unsigned *n_sets, bool *other)
{
	const char *parts[16];
	size_t lens[16];
	unsigned n = gmcsim_scan_expr_chain(expr, parts, lens, 16), bits = 0;
	char owner[96], index[96] = "";

	if (n < 2 || lens[n - 2] >= sizeof(owner))
		return 0;
	snprintf(owner, sizeof(owner), "%.*s", (int)lens[n - 2], parts[n - 2]);
	/* "tables[SMU_TABLE_X]": the constant index names the table */
	if (strchr(owner, '[')) {
		snprintf(index, sizeof(index), "%s", strchr(owner, '[') + 1);
		index[strcspn(index, "]")] = '\0';
	}
	for (size_t i = 0; i < t->files.n; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(t, i);
		const char *p;

		if (!f->text || f->header)
			continue;
		for (p = f->text; (p = strstr(p, *index ? index : owner)); p++) {
			const char *s = p, *e;

			if ((p > f->text && gmcsim_scan_ident_char((unsigned char)p[-1])))
				continue;
			/* the statement around the mention */
			while (s > f->text && s[-1] != ';' && s[-1] != '{' && s[-1] != '}')
				s--;
			e = statement_end(p);
			if (*index) {
				if (!gmcsim_scan_has_word(s, e, "SMU_TABLE_INIT") &&
				    !gmcsim_scan_has_word(s, e, "domain"))
					continue;
			} else {
				const char *d = strstr(p, "domain");

				if (!d || d > e || !strchr(d, '=') || strchr(d, '=') > e ||
				    strchr(d, '=')[1] == '=')
					continue;
			}
			if (domain_bits(s, e, other)) {
				bits |= domain_bits(s, e, other);
				(*n_sets)++;
			}
			p = e > p ? e - 1 : p;
		}
	}
	return bits;
}

/* Evaluate the domain expression of @site created in @text's function. */
void
gmcsim_scan_site_domain(struct gmcsim_scan_site *site, struct gmcsim_scan_arena *a,
			const struct gmcsim_scan_tree *t, const char *text, unsigned def_line)
{
	const char *d = site->domain_expr, *q, *colon;
	bool other = false;
	unsigned n_sets = 0;

	if (!d || !*d) {
		site->domain_why = "no domain argument";
		return;
	}
	q = strchr(d, '?');
	if (q) {
		/* a ternary: which branch a dGPU bare-metal guest and a VF take */
		colon = strchr(q, ':');
		if (colon) {
			unsigned yes = domain_bits(q, colon, &other),
				 no = domain_bits(colon, d + strlen(d), &other);
			const char *c_end = q;

			if (gmcsim_scan_has_word(d, c_end, "amdgpu_sriov_vf")) {
				site->domain = no;
				site->domain_sriov = yes != no ? yes : 0;
				return;
			}
			if (strstr(d, "HAS_VRAM") && strstr(d, "HAS_VRAM") < c_end) {
				site->domain = yes;
				site->domain_why = gmcsim_scan_printf(
					a,
					"ternary: VRAM when the part has it (dGPU); %s otherwise",
					gmcsim_scan_domain_name(no));
				return;
			}
			if (strstr(d, "AMD_IS_APU") && strstr(d, "AMD_IS_APU") < c_end) {
				site->domain = no;
				site->domain_why = "ternary on APU: the dGPU branch";
				return;
			}
			site->domain = yes | no;
			site->domain_why = "ternary on another condition: both branches";
			return;
		}
	}
	site->domain = domain_bits(d, d + strlen(d), &other);
	if (site->domain) {
		if (other)
			site->domain_why = "names a domain outside vram/gtt";
		return;
	}
	if (strstr(d, "AMDGPU_GEM_DOMAIN_")) {
		site->domain_why = "a domain outside vram/gtt (doorbell, CPU, ...)";
		return;
	}
	/* a local variable: its assignments in the function before the create */
	if (!gmcsim_scan_expr_is_member(d) && text) {
		site->domain = local_domain(a, text, def_line, site->line, d, &n_sets, &other,
					    &site->domain_gc_min, &site->domain_gc_extra);
		if (site->domain && site->domain_gc_min)
			site->domain_why = gmcsim_scan_printf(
				a, "local '%s': %s, with %s from GC %s on", d,
				gmcsim_scan_domain_name(site->domain & ~site->domain_gc_extra),
				gmcsim_scan_domain_name(site->domain_gc_extra),
				site->domain_gc_min);
		else if (site->domain && n_sets > 1)
			site->domain_why = gmcsim_scan_printf(
				a, "local '%s' set %u times: their union", d, n_sets);
		if (!site->domain)
			site->domain_why =
				gmcsim_scan_printf(a, "local or parameter '%s' not resolved", d);
		return;
	}
	site->domain = member_domain(t, d, &n_sets, &other);
	if (site->domain && n_sets > 1)
		site->domain_why =
			gmcsim_scan_printf(a, "'%s' set in %u places: their union", d, n_sets);
	if (!site->domain)
		site->domain_why = gmcsim_scan_printf(a, "'%s' set elsewhere, not found", d);
}

/* Constant sizes: numbers, PAGE_SIZE, products, sums and shifts. */
uint64_t
gmcsim_scan_size_value(const char *s)
{
	uint64_t acc = 0, term = 1;
	bool have = false;
	char op = '+';

	while (*s) {
		uint64_t v;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (isdigit((unsigned char)*s)) {
			char *end;

			v = strtoull(s, &end, 0);
			s = end;
			while (*s == 'u' || *s == 'U' || *s == 'l' || *s == 'L')
				s++;
		} else if (strncmp(s, "PAGE_SIZE", 9) == 0 &&
			   !gmcsim_scan_ident_char((unsigned char)s[9])) {
			v = 4096;
			s += 9;
		} else if (strncmp(s, "AMDGPU_GPU_PAGE_SIZE", 20) == 0) {
			v = 4096;
			s += 20;
		} else {
			return 0;
		}
		if (op == '*')
			term *= v;
		else if (op == '<')
			term <<= v;
		else {
			acc += have ? term : 0;
			term = v;
		}
		have = true;
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '*' || *s == '+')
			op = *s++;
		else if (s[0] == '<' && s[1] == '<')
			op = '<', s += 2;
		else if (*s)
			return 0;
	}
	return have ? acc + term : 0;
}
