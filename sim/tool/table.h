/* SPDX-License-Identifier: MIT */
/*
 * The tool's text tables: columns as wide as their widest cell, two spaces
 * apart, no trailing blanks, and no line wider than the terminal-friendly
 * TABLE_WIDTH unless the user asks for --wide.
 */
#ifndef GMCSIM_TABLE_H
#define GMCSIM_TABLE_H

#include <stddef.h>
#include <stdio.h>

/** The widest a table prints by default (the 100 columns). */
#define TABLE_WIDTH 100

/** What a table does when its lines would be wider than the limit. */
enum table_fit {
	/** columns one space apart; still too wide: groups of columns, each under the first */
	TABLE_FIT_GROUP,
	/** the last column wraps at spaces onto lines indented to it */
	TABLE_FIT_WRAP_LAST,
	/** the last column is cut and ends in "…" */
	TABLE_FIT_CUT_LAST,
};

struct table;

/** A table of @p n_cols columns; NULL when out of memory. */
struct table *table_new(size_t n_cols);

/** Append a row of n_cols cells (copied); NULL cells print empty. 0 or -ENOMEM. */
int table_add(struct table *t, const char *const *cells);

/**
 * Print @p t to @p out. Lines stay within @p width columns (0: no limit)
 * as @p fit says; a cell is counted in characters, not bytes.
 */
void table_print(FILE *out, const struct table *t, size_t width, enum table_fit fit);

/**
 * Repeat the first @p n_keys columns (default 1) in every group a
 * TABLE_FIT_GROUP table is split into, so each row stays named.
 */
void table_set_keys(struct table *t, size_t n_keys);

/** Free @p t; NULL is fine. */
void table_free(struct table *t);

/** The characters (UTF-8 code points) of @p s. */
size_t table_text_width(const char *s);

#endif /* GMCSIM_TABLE_H */
