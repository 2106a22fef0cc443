/* SPDX-License-Identifier: MIT */
/*
 * The scale of one bar of a picture. An MC space holds a hive of hundreds
 * of GiB, a 512 MiB GART and maybe a 256 TiB AGP aperture: one linear scale
 * would shrink the GART to nothing. So the axis is cut into pieces, each
 * linear and the union of the regions that overlap there; the empty space
 * between pieces is left out (and marked), and every piece gets at least a
 * readable share of the bar.
 */
#include <stdlib.h>
#include <string.h>

#include "map.h"

/* The share of the bar a left-out gap takes, and the least a piece gets. */
#define BREAK_SHARE 0.025
#define MIN_SHARE 0.09
/* Neighbouring intervals of lengths more than this apart are not merged when they touch. */
#define MERGE_RATIO 64.0L
/* A gap this many times smaller than both of its neighbours is drawn, not left out. */
#define GAP_RATIO 16.0L

struct interval {
	uint64_t first, last;
};

static int
cmp_interval(const void *a, const void *b)
{
	const struct interval *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->last < y->last ? -1 : x->last > y->last;
}

static long double
span(uint64_t first, uint64_t last)
{
	return (long double)(last - first) + 1.0L;
}

bool
map_panel_has_space(const struct map_panel *panel, enum map_space space)
{
	for (size_t i = 0; i < panel->n_regions; i++) {
		if (panel->regions[i].space == space)
			return true;
	}
	for (size_t i = 0; i < panel->n_arrows; i++) {
		if (panel->arrows[i].space == space)
			return true;
	}
	return false;
}

/* Whether the piece so far and the next interval read best on one linear scale. */
static bool
joins(const struct map_piece *cur, const struct interval *next)
{
	long double a = span(cur->first, cur->last), b = span(next->first, next->last);
	long double small = a < b ? a : b, big = a < b ? b : a;

	if (next->first <= cur->last)
		return true; /* they overlap */
	if (next->first - cur->last == 1)
		return big <= small * MERGE_RATIO;
	return (long double)(next->first - cur->last - 1) * GAP_RATIO <= small;
}

/* Merge the two neighbouring pieces with the smallest gap until at most the maximum remain. */
static void
cap_pieces(struct map_piece *p, size_t *n)
{
	while (*n > MAP_AXIS_MAX_PIECES) {
		size_t best = 0;

		for (size_t i = 1; i + 1 < *n; i++) {
			if (p[i + 1].first - p[i].last < p[best + 1].first - p[best].last)
				best = i;
		}
		p[best].last = p[best + 1].last;
		memmove(&p[best + 1], &p[best + 2], (*n - best - 2) * sizeof(*p));
		(*n)--;
	}
}

/* Give each piece a share of @room proportional to its length, and at least MIN_SHARE. */
static void
share_widths(struct map_piece *p, size_t n, double room)
{
	bool fixed[MAP_AXIS_MAX_PIECES] = { false };
	double least = room / (double)n < MIN_SHARE ? room / (double)n : MIN_SHARE;

	for (bool again = true; again;) {
		long double total = 0;
		double left = room;

		again = false;
		for (size_t i = 0; i < n; i++) {
			if (fixed[i])
				left -= least;
			else
				total += span(p[i].first, p[i].last);
		}
		for (size_t i = 0; i < n; i++) {
			if (fixed[i]) {
				p[i].width = least;
				continue;
			}
			p[i].width =
				(double)((long double)left * span(p[i].first, p[i].last) / total);
			if (p[i].width < least) {
				fixed[i] = true;
				again = true;
			}
		}
	}
}

/* Cut sorted intervals @iv into pieces; returns how many. */
static size_t
make_pieces(struct interval *iv, size_t n, struct map_piece *pieces)
{
	size_t np = 0;

	qsort(iv, n, sizeof(*iv), cmp_interval);
	for (size_t i = 0; i < n; i++) {
		struct map_piece *cur = np ? &pieces[np - 1] : NULL;

		if (cur && joins(cur, &iv[i])) {
			if (iv[i].last > cur->last)
				cur->last = iv[i].last;
			continue;
		}
		pieces[np++] = (struct map_piece){ .first = iv[i].first, .last = iv[i].last };
	}
	return np;
}

static bool
covered(const struct map_piece *pieces, size_t np, uint64_t addr)
{
	for (size_t i = 0; i < np; i++) {
		if (addr >= pieces[i].first && addr <= pieces[i].last)
			return true;
	}
	return false;
}

void
map_axis_build(const struct map_panel *panel, enum map_space space, struct map_axis *axis)
{
	size_t cap = panel->n_regions + 2 * panel->n_arrows + 1, n = 0, n_regions, np, breaks = 0;
	struct interval *iv = malloc(cap * sizeof(*iv));
	struct map_piece *pieces = malloc(cap * sizeof(*pieces));
	double x = 0;

	memset(axis, 0, sizeof(*axis));
	if (!iv || !pieces)
		goto out; /* an empty axis: the renderers draw nothing for the space */
	for (size_t i = 0; i < panel->n_regions; i++) {
		if (panel->regions[i].space == space)
			iv[n++] = (struct interval){ panel->regions[i].first,
						     panel->regions[i].last };
	}
	/* the regions make the pieces; an arrow's end outside them all adds one of its own */
	n_regions = n;
	np = make_pieces(iv, n, pieces);
	for (size_t i = 0; i < panel->n_arrows; i++) {
		const struct map_arrow *a = &panel->arrows[i];

		if (a->space != space)
			continue;
		if (!covered(pieces, np, a->from))
			iv[n++] = (struct interval){ a->from, a->from };
		if (!covered(pieces, np, a->to))
			iv[n++] = (struct interval){ a->to, a->to };
	}
	if (n > n_regions)
		np = make_pieces(iv, n, pieces);
	if (!np)
		goto out;
	cap_pieces(pieces, &np);
	for (size_t i = 1; i < np; i++) {
		pieces[i].break_before = pieces[i].first - pieces[i - 1].last > 1;
		breaks += pieces[i].break_before;
	}
	share_widths(pieces, np, 1.0 - BREAK_SHARE * (double)breaks);
	for (size_t i = 0; i < np; i++) {
		if (pieces[i].break_before)
			x += BREAK_SHARE;
		pieces[i].x = x;
		x += pieces[i].width;
		axis->piece[i] = pieces[i];
	}
	axis->n = np;
out:
	free(iv);
	free(pieces);
}

static double
piece_x(const struct map_piece *p, uint64_t offset)
{
	return p->x + p->width * (double)((long double)offset / span(p->first, p->last));
}

double
map_axis_x(const struct map_axis *axis, uint64_t addr)
{
	for (size_t i = 0; i < axis->n; i++) {
		const struct map_piece *p = &axis->piece[i];

		if (addr < p->first)
			return i == 0 ? p->x : p->x - (p->break_before ? BREAK_SHARE / 2 : 0);
		if (addr <= p->last)
			return piece_x(p, addr - p->first);
	}
	return axis->n ? axis->piece[axis->n - 1].x + axis->piece[axis->n - 1].width : 0;
}

double
map_axis_x_end(const struct map_axis *axis, uint64_t last)
{
	for (size_t i = 0; i < axis->n; i++) {
		const struct map_piece *p = &axis->piece[i];

		if (last < p->first)
			return i == 0 ? p->x : p->x - (p->break_before ? BREAK_SHARE / 2 : 0);
		if (last <= p->last)
			return piece_x(p, last - p->first) +
			       p->width * (double)(1.0L / span(p->first, p->last));
	}
	return axis->n ? axis->piece[axis->n - 1].x + axis->piece[axis->n - 1].width : 0;
}
