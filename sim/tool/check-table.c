/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim check`'s tables: one per swap point and cycle count, a row per
 * block and a column per fix strategy, each cell the block's verdict; and
 * the legend that says what the marks of the text output mean.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sim-plan.h"
#include "table.h"
#include "util.h"

#define MAX_ROWS 256

/* One table: the runs [first, last) share a swap point and a cycle count. */
static void
print_one(FILE *out, const struct check_plan *plan, const struct check_outcome *o, size_t first,
	  size_t last, size_t width)
{
	const char *rows[MAX_ROWS], *cells[1 + GMCSIM_FIX_COUNT * 4];
	char verdicts[GMCSIM_FIX_COUNT * 4][64];
	size_t n_rows = check_outcome_blocks(plan, o, rows, MAX_ROWS);
	size_t n_cols = 1 + (last - first);
	struct table *t;

	/* more runs than columns fit here cannot happen: one per fix strategy */
	if (n_cols > sizeof(cells) / sizeof(cells[0]))
		n_cols = sizeof(cells) / sizeof(cells[0]);
	t = table_new(n_cols);
	if (!t)
		return;
	cells[0] = "BLOCK";
	for (size_t c = 1; c < n_cols; c++)
		cells[c] = o->results[first + c - 1].strategy->name;
	if (table_add(t, cells))
		goto out;
	for (size_t b = 0; b < n_rows; b++) {
		cells[0] = rows[b];
		for (size_t c = 1; c < n_cols; c++)
			cells[c] = check_result_verdict(&o->results[first + c - 1], rows[b],
							verdicts[c - 1], sizeof(verdicts[0]));
		if (table_add(t, cells))
			goto out;
	}
	table_print(out, t, width, TABLE_FIT_GROUP);
out:
	table_free(t);
}

void
gmcsim_print_check_tables(FILE *out, const struct check_plan *plan, const struct check_outcome *o,
			  size_t width)
{
	for (size_t first = 0; first < o->n;) {
		const struct check_result *head = &o->results[first];
		char where[GMCSIM_NAME_MAX * 2];
		size_t last = first;

		while (last < o->n && o->results[last].cycles == head->cycles &&
		       o->results[last].swap.kind == head->swap.kind &&
		       strcmp(o->results[last].swap.block, head->swap.block) == 0)
			last++;
		fprintf(out, "\nswap %s, %u cycle%s\n\n",
			gmcsim_swap_format(&head->swap, where, sizeof(where)), head->cycles,
			head->cycles == 1 ? "" : "s");
		print_one(out, plan, o, first, last, width);
		first = last;
	}
}

void
gmcsim_print_check_legend(FILE *out, bool details)
{
	/* one line each, within TABLE_WIDTH; gmcsim-check(1) says more */
	if (details)
		fprintf(out, "\nLegend: +N = N more findings in the block, (xN) = seen N times, "
			     "gate open/closed = 6.17 fix on/off\n");
	else
		fprintf(out, "\nLegend: a cell names the block's worst finding above info, +N = N "
			     "more in the block\n");
}
