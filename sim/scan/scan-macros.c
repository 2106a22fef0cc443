/* SPDX-License-Identifier: MIT */
/*
 * Function-like macros, read as text. spatch parses a macro's use as a call
 * but never sees its body, so `psp_ring_create(psp, type)` would end the
 * call graph where the header's macro calls psp->funcs->ring_create(). The
 * scan reads every `#define NAME(...)` body and lets the graph treat the
 * macro as a function whose calls are the calls in its body. A bounded
 * approximation: conditional definitions all count, nested macros are
 * followed through the graph like functions.
 */
#include <errno.h>
#include <string.h>

#include "scan.h"

/* One `#define NAME(args) body` starting at @p (just after "define"). */
static int
one_define(struct gmcsim_scan_tree *t, struct gmcsim_scan_vec *macros,
	   const struct gmcsim_scan_file *f, const char *p, unsigned line)
{
	const char *name, *end = f->text + f->len, *body, *params;
	struct gmcsim_scan_macro *m;
	size_t name_len, cap, params_len;
	char *out;
	size_t n = 0;
	int depth = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	name = p;
	while (p < end && gmcsim_scan_ident_char((unsigned char)*p))
		p++;
	name_len = (size_t)(p - name);
	/* object-like macros (no '(' right after the name) are not calls */
	if (!name_len || p >= end || *p != '(')
		return 0;
	params = p + 1;
	for (; p < end; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
		else if (*p == '\n' && p[-1] != '\\')
			return 0;
	}
	if (p >= end)
		return 0;
	params_len = (size_t)(p - params);
	body = ++p;
	/* the body ends at a newline not escaped by a backslash */
	while (p < end && !(*p == '\n' && p[-1] != '\\'))
		p++;
	cap = (size_t)(p - body);
	out = gmcsim_scan_alloc(&t->arena, cap + 1);
	if (!out)
		return -ENOMEM;
	for (const char *q = body; q < p; q++) {
		if (*q == '\\' && q + 1 < p && q[1] == '\n') {
			out[n++] = ' ';
			q++;
		} else if (*q != '\n') {
			out[n++] = *q;
		}
	}
	out[n] = '\0';
	m = gmcsim_scan_vec_push(macros);
	if (!m)
		return -ENOMEM;
	m->name = gmcsim_scan_strndup(&t->arena, name, name_len);
	m->file = f->path;
	m->line = line;
	m->body = out;
	m->params = gmcsim_scan_strndup(&t->arena, params, params_len);
	return m->name && m->params ? 0 : -ENOMEM;
}

int
gmcsim_scan_macros_collect(struct gmcsim_scan_tree *t, struct gmcsim_scan_vec *macros)
{
	macros->item = sizeof(struct gmcsim_scan_macro);
	for (size_t i = 0; i < t->files.n; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(t, i);
		const char *p = f->text;
		unsigned line = 1;

		if (!p)
			continue;
		while (*p) {
			const char *q = p;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '#') {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				if (strncmp(q, "define", 6) == 0 && (q[6] == ' ' || q[6] == '\t')) {
					int rc = one_define(t, macros, f, q + 6, line);

					if (rc)
						return rc;
				}
			}
			p = strchr(p, '\n');
			if (!p)
				break;
			p++;
			line++;
		}
	}
	return 0;
}

static bool
is_keyword(const char *s, size_t len)
{
	static const char *const kw[] = {
		"if",	  "while",	"for", "switch",  "return",	      "sizeof",
		"typeof", "__typeof__", "do",  "defined", "__builtin_expect", NULL
	};

	for (unsigned i = 0; kw[i]; i++) {
		if (strlen(kw[i]) == len && strncmp(kw[i], s, len) == 0)
			return true;
	}
	return false;
}

void
gmcsim_scan_macro_calls(const char *body,
			void (*fn)(void *data, const struct gmcsim_scan_macro_call *call),
			void *data)
{
	const char *p = body;

	while (*p) {
		struct gmcsim_scan_macro_call call = { 0 };
		const char *w, *after, *close;
		int depth = 0;

		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p)
				p++;
			continue;
		}
		if (!gmcsim_scan_ident_start((unsigned char)*p) ||
		    (p > body && gmcsim_scan_ident_char((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		w = p;
		while (gmcsim_scan_ident_char((unsigned char)*p))
			p++;
		after = p;
		while (*after == ' ' || *after == '\t')
			after++;
		if (*after != '(' || is_keyword(w, (size_t)(p - w)))
			continue;
		for (close = after; *close; close++) {
			if (*close == '"' || *close == '\'') {
				/* a literal: its parentheses do not count */
				char quote = *close;

				for (close++; *close && *close != quote; close++)
					if (*close == '\\' && close[1])
						close++;
				if (!*close)
					break;
			} else if (*close == '(') {
				depth++;
			} else if (*close == ')' && --depth == 0) {
				break;
			}
		}
		call.name = w;
		call.len = (size_t)(p - w);
		call.args = after + 1;
		call.args_len = *close ? (size_t)(close - after - 1) : strlen(after + 1);
		{
			const char *b = w;

			while (b > body && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > body && b[-1] == '.')
				call.field = true, b--;
			else if (b - body >= 2 && b[-1] == '>' && b[-2] == '-')
				call.field = true, b -= 2;
			if (call.field) {
				const char *e = b;
				int d = 0;

				/* the expression before the arrow: names, ->, ., [], () */
				while (b > body) {
					char c = b[-1];

					if (c == ')' || c == ']')
						d++;
					else if (c == '(' || c == '[') {
						if (d == 0)
							break;
						d--;
					} else if (!(gmcsim_scan_ident_char((unsigned char)c) ||
						     c == '.' || c == '-' || c == '>' ||
						     (d && c != ';')))
						break;
					b--;
				}
				call.base = b;
				call.base_len = (size_t)(e - b);
			}
		}
		fn(data, &call);
	}
}
