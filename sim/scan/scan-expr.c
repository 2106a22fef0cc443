/* SPDX-License-Identifier: MIT */
/*
 * The little the scan needs to know about C text: identifiers, lines, and an
 * expression as spatch prints it: its chain of member names ("&adev->gfx.rlc.clear_state_gpu_addr"
 * is adev, gfx, rlc, clear_state_gpu_addr), so that a free, a read or a guard can be matched to a
 * site by the last members, and whether it is NULL.
 */
#include <ctype.h>
#include <string.h>

#include "scan.h"

bool
gmcsim_scan_ident_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
gmcsim_scan_ident_char(int c)
{
	return gmcsim_scan_ident_start(c) || (c >= '0' && c <= '9');
}

bool
gmcsim_scan_is_ident(const char *s, size_t len)
{
	if (!len || !gmcsim_scan_ident_start((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < len; i++) {
		if (!gmcsim_scan_ident_char((unsigned char)s[i]))
			return false;
	}
	return true;
}

/* The ')' matching the '(' at @s, or NULL before @end. */
static const char *
matching(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
	}
	return NULL;
}

/* Whether [s, e) holds only characters of @set or alphanumerics. */
static bool
only(const char *s, const char *e, const char *set)
{
	for (; s < e; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_' && !strchr(set, *s))
			return false;
	}
	return true;
}

/* Skip casts "(void **)", unary & and *, and parentheses around the whole. */
static const char *
strip_front(const char *s, const char **end)
{
	for (;;) {
		const char *close;

		while (s < *end && *s == ' ')
			s++;
		while (*end > s && (*end)[-1] == ' ')
			(*end)--;
		if (s < *end && (*s == '&' || *s == '*')) {
			s++;
			continue;
		}
		if (s >= *end || *s != '(' || !(close = matching(s, *end)))
			return s;
		if (close == *end - 1) {
			s++;
			(*end)--;
			continue;
		}
		if (only(s + 1, close, " *") && memchr(s + 1, '*', (size_t)(close - s - 1))) {
			s = close + 1;
			continue;
		}
		return s;
	}
}

unsigned
gmcsim_scan_expr_chain(const char *expr, const char *parts[], size_t lens[], unsigned max)
{
	const char *end = expr + strlen(expr);
	const char *s = strip_front(expr, &end);
	unsigned n = 0;

	while (s < end) {
		const char *w = s, *close;

		/* "(psp)->funcs", as macro bodies write it */
		if (*s == '(' && (close = matching(s, end)) && close > s + 1 &&
		    only(s + 1, close, "")) {
			w = s + 1;
			s = close;
		} else if (!(isalpha((unsigned char)*s) || *s == '_')) {
			return 0; /* not a plain member chain: a call, arithmetic, ... */
		}
		while (s < end && (isalnum((unsigned char)*s) || *s == '_'))
			s++;
		if (n < max) {
			parts[n] = w;
			lens[n] = (size_t)(s - w);
		}
		if (*s == ')')
			s++;
		n++;
		/* an index: "[pipe]" keeps the member, the index is dropped unless it
		 * is a constant name ("tables[SMU_TABLE_PMSTATUSLOG]") */
		while (s < end && *s == '[') {
			const char *rb = s;
			int depth = 0;

			for (; rb < end; rb++) {
				if (*rb == '[')
					depth++;
				else if (*rb == ']' && --depth == 0)
					break;
			}
			if (rb >= end)
				return 0;
			{
				bool constant = true;

				for (const char *q = s + 1; q < rb; q++)
					if (!(isupper((unsigned char)*q) ||
					      isdigit((unsigned char)*q) || *q == '_'))
						constant = false;
				if (constant && n <= max && rb > s + 1 &&
				    !isdigit((unsigned char)s[1]))
					lens[n - 1] = (size_t)(rb + 1 - parts[n - 1]);
			}
			s = rb + 1;
		}
		while (s < end && *s == ' ')
			s++;
		if (s >= end)
			break;
		if (*s == '.')
			s++;
		else if (s[0] == '-' && s + 1 < end && s[1] == '>')
			s += 2;
		else
			return 0;
		while (s < end && *s == ' ')
			s++;
	}
	return n;
}

const char *
gmcsim_scan_expr_key(const char *expr, unsigned k, char *buf, size_t len)
{
	const char *parts[32];
	size_t lens[32];
	unsigned n = gmcsim_scan_expr_chain(expr, parts, lens, 32);
	size_t used = 0;

	if (!n || n > 32 || !len)
		return NULL;
	if (k > n)
		k = n;
	buf[0] = '\0';
	for (unsigned i = n - k; i < n; i++) {
		if (used + lens[i] + 2 > len)
			return NULL;
		if (used)
			buf[used++] = '.';
		memcpy(buf + used, parts[i], lens[i]);
		used += lens[i];
		buf[used] = '\0';
	}
	return buf;
}

bool
gmcsim_scan_expr_is_null(const char *expr)
{
	while (*expr == ' ' || *expr == '(')
		expr++;
	return strncmp(expr, "NULL", 4) == 0 ||
	       (expr[0] == '0' && !isalnum((unsigned char)expr[1]));
}

bool
gmcsim_scan_expr_is_member(const char *expr)
{
	const char *parts[32];
	size_t lens[32];

	return gmcsim_scan_expr_chain(expr, parts, lens, 32) >= 2;
}

bool
gmcsim_scan_has_word(const char *s, const char *e, const char *w)
{
	size_t wl = strlen(w);

	for (const char *p = s; p + wl <= e; p++) {
		if (memcmp(p, w, wl) == 0 &&
		    (p == s || !gmcsim_scan_ident_char((unsigned char)p[-1])) &&
		    (p + wl == e || !gmcsim_scan_ident_char((unsigned char)p[wl])))
			return true;
	}
	return false;
}

const char *
gmcsim_scan_line_start(const char *text, unsigned n)
{
	const char *p = text;

	for (unsigned i = 1; p && i < n; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return p;
}
