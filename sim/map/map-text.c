/* SPDX-License-Identifier: MIT */
/*
 * The text map: a picture for a terminal. Per panel and address space, one
 * row per lane on a bar of BAR_COLS columns (node segments, FB aperture,
 * the VRAM window before and after the swap, GART and AGP, BOs), an address
 * row over it, then one line per stale copy. Printable ASCII only, and no
 * line wider than MAP_TEXT_WIDTH columns.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "map.h"

/* Lane names are LANE_COLS wide after a two-column indent; the bar fills the rest. */
#define INDENT 2
#define LANE_COLS 12
#define BAR_COLS (MAP_TEXT_WIDTH - INDENT - LANE_COLS - 2)
/* The stale-copy lines: indent, then the site's name in NAME_COLS columns. */
#define NAME_COLS 28

static const char *
lane_name(const struct map_panel *p, enum map_lane lane)
{
	static const char *const names[LANE_COUNT] = {
		[LANE_NODES] = "nodes",	 [LANE_FB] = "FB aperture", [LANE_BOOT] = "VRAM boot",
		[LANE_NOW] = "VRAM now", [LANE_APER] = "GART, AGP", [LANE_BO] = "BOs",
	};

	return lane == LANE_BOOT && !p->swap ? "VRAM" : names[lane];
}

/* The column @p x (0..1) falls in; x is never negative, so truncation is floor(). */
static int
col_of(double x)
{
	int c = x > 0 ? (int)(x * BAR_COLS) : 0;

	return c < 0 ? 0 : c >= BAR_COLS ? BAR_COLS - 1 : c;
}

/* The last column a region ending at @p x covers: ceil(x * BAR_COLS) - 1. */
static int
col_end(double x)
{
	double cols = x > 0 ? x * BAR_COLS : 0;
	int c = (int)cols + (cols > (int)cols) - 1;

	return c < 0 ? 0 : c >= BAR_COLS ? BAR_COLS - 1 : c;
}

/* Write @text at @col of @row if it fits before @limit; returns whether it did. */
static bool
put_text(char *row, int col, int limit, const char *text)
{
	int len = (int)strlen(text);

	if (col < 0 || len == 0 || col + len > limit || col + len > BAR_COLS)
		return false;
	memcpy(row + col, text, (size_t)len);
	return true;
}

/* One region on its lane's row: brackets and a fill, or the node segment's own marks. */
static void
draw_region(char *row, const struct map_panel *p, const struct map_axis *axis,
	    const struct map_region *r)
{
	int c0 = col_of(map_axis_x(axis, r->first)), c1 = col_end(map_axis_x_end(axis, r->last));
	char fill = '=', text[32];

	if (c1 < c0)
		c1 = c0;
	switch (r->kind) {
	case MAP_SEGMENT:
		memset(row + c0, '-', (size_t)(c1 - c0 + 1));
		row[c0] = '|';
		if (r->node == p->boot_node && p->swap)
			snprintf(text, sizeof(text), "%d boot", r->node);
		else if (r->node == p->now_node)
			snprintf(text, sizeof(text), "%d now", r->node);
		else if (r->node == p->boot_node)
			snprintf(text, sizeof(text), "%d this", r->node);
		else
			snprintf(text, sizeof(text), "%d", r->node);
		if (!put_text(row, c0 + 1, c1 + 1, text)) {
			snprintf(text, sizeof(text), "%d", r->node);
			put_text(row, c0 + 1, c1 + 1, text);
		}
		return;
	case MAP_BO:
		row[c0] = '^';
		return;
	case MAP_VRAM_BOOT:
	case MAP_VRAM_NOW:
		fill = '#';
		break;
	default:
		break;
	}
	memset(row + c0, fill, (size_t)(c1 - c0 + 1));
	if (c1 - c0 >= 2) {
		row[c0] = '[';
		row[c1] = ']';
	} else if (r->kind == MAP_GART || r->kind == MAP_AGP) {
		/* too narrow for brackets: its initial */
		row[c0] = r->kind == MAP_GART ? 'G' : 'A';
	}
	if (r->kind == MAP_GART || r->kind == MAP_AGP || r->kind == MAP_FB) {
		const char *name = r->kind == MAP_GART ? "GART" : r->kind == MAP_AGP ? "AGP" : "FB";

		put_text(row, c0 + 1, c1, name);
	}
}

/* The addresses over a bar: each piece's first address, and where the last one ends. */
static void
axis_row(char *row, const struct map_axis *axis)
{
	char hex[MAP_HEX_MAX];
	int used = -1, end;
	const struct map_piece *last = &axis->piece[axis->n - 1];

	map_hex(last->last + 1, hex, sizeof(hex));
	end = BAR_COLS - (int)strlen(hex);
	for (size_t i = 0; i < axis->n; i++) {
		int c = col_of(axis->piece[i].x);

		map_hex(axis->piece[i].first, hex, sizeof(hex));
		if (c > used && put_text(row, c, end - 1, hex))
			used = c + (int)strlen(hex);
	}
	/* the end of the space (last + 1), unless it wrapped to 0 */
	if (last->last + 1 != 0 && end > used) {
		map_hex(last->last + 1, hex, sizeof(hex));
		put_text(row, end, BAR_COLS, hex);
	}
}

static void
print_row(FILE *out, const char *name, const char *row)
{
	int len = BAR_COLS;

	while (len > 0 && row[len - 1] == ' ')
		len--;
	fprintf(out, "%*s%-*s  %.*s\n", INDENT, "", LANE_COLS, name, len, row);
}

/* How one stale copy is named: its site and, for the less common kinds, what it is. */
static void
arrow_name(const struct map_arrow *a, char *buf, size_t len)
{
	char site[2 * GMCSIM_NAME_MAX + 16];
	const char *tag = a->kind == GMCSIM_STALE_PTE	    ? " (pte)"
			  : a->kind == GMCSIM_STALE_CONTENT ? " (mqd)"
			  : a->kind == GMCSIM_MIXED_STALE   ? " (mixed)"
							    : "";

	snprintf(site, sizeof(site), "%s/%s%s", a->block, a->site, tag);
	map_ascii(site, buf, len);
}

static void
node_text(int node, char *buf, size_t len)
{
	if (node < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "node %d", node);
}

static void
print_arrow(FILE *out, const struct map_panel *p, const struct map_arrow *a)
{
	char name[NAME_COLS + 1], from[16], to[16], hf[MAP_HEX_MAX], ht[MAP_HEX_MAX], shift[48];
	char line[4 * MAP_TEXT_WIDTH];
	const char *flags =
		a->cross ? (a->uncertain ? "  cross ?" : "  cross") : (a->uncertain ? "  ?" : "");
	int len;

	arrow_name(a, name, sizeof(name));
	node_text(a->from_node, from, sizeof(from));
	node_text(a->to_node, to, sizeof(to));
	map_hex(a->from, hf, sizeof(hf));
	map_hex(a->to, ht, sizeof(ht));
	map_shift(a->from, a->to, p->segment, "seg", shift, sizeof(shift));
	len = snprintf(line, sizeof(line), "%*s%-*s %-6s %-14s -> %-6s %-14s %s%s", 2 * INDENT, "",
		       NAME_COLS, name, from, hf, to, ht, shift, flags);
	/* the distance is the first thing to go when the addresses are long */
	if (len > MAP_TEXT_WIDTH)
		snprintf(line, sizeof(line), "%*s%-*s %-6s %-14s -> %-6s %-14s%s", 2 * INDENT, "",
			 NAME_COLS, name, from, hf, to, ht, flags);
	len = (int)strlen(line) < MAP_TEXT_WIDTH ? (int)strlen(line) : MAP_TEXT_WIDTH;
	while (len > 0 && line[len - 1] == ' ')
		len--;
	fprintf(out, "%.*s\n", len, line);
}

static void
print_space(FILE *out, const struct map_panel *p, enum map_space space)
{
	struct map_axis axis;
	char row[BAR_COLS + 1];
	size_t n = 0;

	map_axis_build(p, space, &axis);
	if (!axis.n)
		return;
	fprintf(out, "\n%s\n", map_space_title(space));
	memset(row, ' ', BAR_COLS);
	row[BAR_COLS] = '\0';
	axis_row(row, &axis);
	print_row(out, "", row);
	for (unsigned lane = 0; lane < LANE_COUNT; lane++) {
		bool any = false;

		memset(row, ' ', BAR_COLS);
		/* a gap left out of the scale */
		for (size_t i = 0; i < axis.n; i++) {
			if (axis.piece[i].break_before)
				row[col_of(axis.piece[i].x) > 0 ? col_of(axis.piece[i].x) - 1 : 0] =
					'~';
		}
		for (size_t i = 0; i < p->n_regions; i++) {
			const struct map_region *r = &p->regions[i];

			if (r->space == space && map_lane_of(r->kind) == lane) {
				draw_region(row, p, &axis, r);
				any = true;
			}
		}
		if (any)
			print_row(out, lane_name(p, lane), row);
	}
	for (size_t i = 0; i < p->n_arrows; i++)
		n += p->arrows[i].space == space;
	if (!n)
		return;
	fprintf(out, "%*s%-*s %-21s    %s\n", 2 * INDENT, "", NAME_COLS, "stale copy",
		"points into", "should point into");
	for (size_t i = 0; i < p->n_arrows; i++) {
		if (p->arrows[i].space == space)
			print_arrow(out, p, &p->arrows[i]);
	}
}

static void
print_panel(FILE *out, const struct map_panel *p)
{
	size_t n[MAP_SPACE_COUNT] = { 0 };
	char title[MAP_TEXT_WIDTH + 1], line[4 * MAP_TEXT_WIDTH];

	for (size_t i = 0; i < p->n_arrows; i++)
		n[p->arrows[i].space]++;
	map_ascii(p->title, title, sizeof(title));
	if (p->swap)
		snprintf(line, sizeof(line), "== %s: %zu stale address%s (%zu MC, %zu physical)",
			 title, p->n_arrows, p->n_arrows == 1 ? "" : "es", n[MAP_MC], n[MAP_PHYS]);
	else
		snprintf(line, sizeof(line), "== %s", title);
	fprintf(out, "\n%.*s\n", MAP_TEXT_WIDTH, line);
	for (unsigned s = 0; s < MAP_SPACE_COUNT; s++)
		print_space(out, p, (enum map_space)s);
	if (p->n_undrawn)
		fprintf(out,
			"  (%zu finding%s with addresses in neither space, a BAR or a freed BO, "
			"not drawn)\n",
			p->n_undrawn, p->n_undrawn == 1 ? "" : "s");
	if (p->swap && !p->n_arrows)
		fprintf(out, "  no stale addresses\n");
}

int
map_text_write(FILE *out, const struct map_picture *pic)
{
	char line[MAP_TEXT_WIDTH + 1];

	if (!out || !pic)
		return -EINVAL;
	fprintf(out, "%s\n", map_ascii(pic->title, line, sizeof(line)));
	if (pic->subtitle[0])
		fprintf(out, "%s\n", map_ascii(pic->subtitle, line, sizeof(line)));
	for (size_t i = 0; i < pic->n_panels; i++)
		print_panel(out, &pic->panels[i]);
	if (pic->n_panels && pic->panels[0].swap)
		fprintf(out, "\n'|N' node N's segment, '#' the guest's VRAM window, '~' addresses "
			     "left out of the scale;\n"
			     "'cross': the stale copy points into another node's memory, "
			     "'?': uncertain (see --explain).\n");
	return ferror(out) ? -EIO : 0;
}
