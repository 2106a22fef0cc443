/* SPDX-License-Identifier: MIT */
/* Text tables that fit in TABLE_WIDTH columns: grouped, wrapped or cut. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

struct table {
	size_t n_cols, n_rows;
	size_t n_keys; /* the first columns every group repeats (TABLE_FIT_GROUP) */
	char **cells;  /* n_rows x n_cols, row-major */
};

/* A column narrower than this is no place for wrapped or cut text. */
#define MIN_LAST_COLUMN 16

static const char ellipsis[] = "\u2026";

struct table *
table_new(size_t n_cols)
{
	struct table *t = calloc(1, sizeof(*t));

	if (t) {
		t->n_cols = n_cols ? n_cols : 1;
		t->n_keys = 1;
	}
	return t;
}

void
table_set_keys(struct table *t, size_t n_keys)
{
	if (n_keys >= 1 && n_keys < t->n_cols)
		t->n_keys = n_keys;
}

int
table_add(struct table *t, const char *const *cells)
{
	char **n = realloc(t->cells, (t->n_rows + 1) * t->n_cols * sizeof(*n));

	if (!n)
		return -ENOMEM;
	t->cells = n;
	for (size_t c = 0; c < t->n_cols; c++) {
		char **cell = &t->cells[t->n_rows * t->n_cols + c];

		*cell = strdup(cells[c] ? cells[c] : "");
		if (!*cell) {
			while (c-- > 0)
				free(t->cells[t->n_rows * t->n_cols + c]);
			return -ENOMEM;
		}
	}
	t->n_rows++;
	return 0;
}

void
table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

size_t
table_text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The bytes of the first @chars characters of @s. */
static size_t
prefix_bytes(const char *s, size_t chars)
{
	size_t b = 0;

	while (s[b] && chars) {
		b++;
		while (((unsigned char)s[b] & 0xc0) == 0x80)
			b++;
		chars--;
	}
	return b;
}

static const char *
cell(const struct table *t, size_t row, size_t col)
{
	return t->cells[row * t->n_cols + col];
}

static void
pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/* Print columns @cols[0..n) of every row, each padded to @w; @sep[i] spaces before column i. */
static void
print_columns(FILE *out, const struct table *t, const size_t *cols, size_t n, const size_t *w,
	      const size_t *sep)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		size_t end = n;

		/* no trailing blanks: stop after the last cell with text */
		while (end > 1 && !cell(t, r, cols[end - 1])[0])
			end--;
		for (size_t i = 0; i < end; i++) {
			const char *s = cell(t, r, cols[i]);

			if (i)
				pad(out, sep[i]);
			fputs(s, out);
			if (i + 1 < end)
				pad(out, w[cols[i]] - table_text_width(s));
		}
		fputc('\n', out);
	}
}

static size_t
span(const size_t *cols, size_t n, const size_t *w, const size_t *sep)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += w[cols[i]] + (i ? sep[i] : 0);
	return total;
}

static void
print_grouped(FILE *out, const struct table *t, const size_t *w, const size_t *sep, size_t width)
{
	size_t *cols = malloc(t->n_cols * sizeof(*cols));
	size_t keys = t->n_keys, next = keys;

	if (!cols)
		return;
	while (next < t->n_cols) {
		size_t n = keys + 1;

		/* the key columns, then at least one more, then as many as fit */
		for (size_t k = 0; k < keys; k++)
			cols[k] = k;
		cols[keys] = next++;
		while (next < t->n_cols) {
			cols[n] = next;
			if (span(cols, n + 1, w, sep) > width)
				break;
			n++;
			next++;
		}
		if (cols[keys] > keys)
			fputc('\n', out);
		print_columns(out, t, cols, n, w, sep);
	}
	free(cols);
}

/* The last column's text from byte @s, up to @avail characters, broken at a space. */
static size_t
wrap_piece(const char *s, size_t avail)
{
	size_t end = prefix_bytes(s, avail), brk = 0;

	if (!s[end])
		return end;
	for (size_t i = 0; i < end; i++) {
		if (s[i] == ' ')
			brk = i;
	}
	return brk ? brk : end;
}

static void
print_last_fitted(FILE *out, const struct table *t, const size_t *w, size_t width,
		  enum table_fit fit)
{
	size_t last = t->n_cols - 1, indent = 0, avail;

	for (size_t c = 0; c < last; c++)
		indent += w[c] + 2;
	avail = width > indent + MIN_LAST_COLUMN ? width - indent : MIN_LAST_COLUMN;
	for (size_t r = 0; r < t->n_rows; r++) {
		const char *s = cell(t, r, last);

		for (size_t c = 0; c < last; c++) {
			fputs(cell(t, r, c), out);
			if (c + 1 < last || *s)
				pad(out, w[c] - table_text_width(cell(t, r, c)) + 2);
		}
		if (table_text_width(s) <= avail) {
			fprintf(out, "%s\n", s);
		} else if (fit == TABLE_FIT_CUT_LAST) {
			fprintf(out, "%.*s%s\n", (int)prefix_bytes(s, avail - 1), s, ellipsis);
		} else {
			for (bool first = true; *s; first = false) {
				size_t n = wrap_piece(s, avail);

				if (!first)
					pad(out, indent);
				fprintf(out, "%.*s\n", (int)n, s);
				s += n;
				while (*s == ' ')
					s++;
			}
		}
	}
}

void
table_print(FILE *out, const struct table *t, size_t width, enum table_fit fit)
{
	size_t *w = calloc(t->n_cols, sizeof(*w)), *cols = malloc(t->n_cols * sizeof(*cols));
	size_t *sep = malloc(t->n_cols * sizeof(*sep));

	if (!w || !cols || !sep)
		goto out;
	for (size_t c = 0; c < t->n_cols; c++) {
		cols[c] = c;
		sep[c] = 2;
		for (size_t r = 0; r < t->n_rows; r++) {
			size_t n = table_text_width(cell(t, r, c));

			if (n > w[c])
				w[c] = n;
		}
	}
	if (!width || span(cols, t->n_cols, w, sep) <= width) {
		print_columns(out, t, cols, t->n_cols, w, sep);
	} else if (fit != TABLE_FIT_GROUP && t->n_cols > 1) {
		print_last_fitted(out, t, w, width, fit);
	} else {
		/* one space between columns, from the first gap on, while that is enough */
		for (size_t c = 1; c < t->n_cols && span(cols, t->n_cols, w, sep) > width; c++)
			sep[c] = 1;
		if (span(cols, t->n_cols, w, sep) <= width) {
			print_columns(out, t, cols, t->n_cols, w, sep);
		} else {
			for (size_t c = 1; c < t->n_cols; c++)
				sep[c] = 2;
			print_grouped(out, t, w, sep, width);
		}
	}
out:
	free(w);
	free(cols);
	free(sep);
}
