/* SPDX-License-Identifier: MIT */
/*
 * The SVG of a picture: a title and a legend, then per panel (per fix
 * strategy, stacked) one bar per address space with a lane per kind of
 * region, and under it one row per stale copy with its arrow from where it
 * points to where it should. Self-contained: presentation attributes only,
 * generic font families, no scripts, styles or links; every text that comes
 * from the input is escaped for XML, and anything XML cannot hold (control
 * characters, bytes that are not UTF-8) becomes '?'.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "util.h"

/* Geometry, in user units (px at 100 %). */
#define WIDTH 1280
#define MARGIN 16
#define BAR_X 236		    /* where the bars start; lane labels end 8 before */
#define BAR_W 700		    /* the bars' width */
#define TEXT_X (BAR_X + BAR_W + 14) /* the addresses of each stale copy */
#define PANEL_HEAD 30		    /* a panel's title bar */
#define SPACE_HEAD 34		    /* a space's heading and its address row */
#define LANE_H 22		    /* one lane: a 16-unit bar and the space under it */
#define ROW_H 17		    /* one stale copy */
#define SPACE_GAP 12
#define PANEL_GAP 16
#define MIN_W 2.0 /* the narrowest region drawn */
/* Characters of a site's name before it is cut, and of a region's label. */
#define NAME_CHARS 30

/* Colours: the boot node blue, the resume node green, stale copies red / amber. */
#define INK "#222222"
#define MUTED "#666666"
#define BOOT_FILL "#c6dbef"
#define BOOT_INK "#2f63ad"
#define NOW_FILL "#cdebc5"
#define NOW_INK "#2b7d38"
#define OTHER_FILL "#e8e8e8"
#define OTHER_INK "#9a9a9a"
#define GART_INK "#d9822b"
#define AGP_INK "#8e6bbf"
#define CROSS_INK "#c62828"
#define STALE_INK "#b07d00"

static const char *
lane_name(const struct map_panel *p, enum map_lane lane)
{
	static const char *const names[LANE_COUNT] = {
		[LANE_NODES] = "XGMI node segments", [LANE_FB] = "FB aperture",
		[LANE_BOOT] = "VRAM window at boot", [LANE_NOW] = "VRAM window after swap",
		[LANE_APER] = "GART, AGP",	     [LANE_BO] = "BOs",
	};

	return lane == LANE_BOOT && !p->swap ? "VRAM window" : names[lane];
}

/*
 * The length of the UTF-8 sequence at @s that XML 1.0 may hold (Char:
 * #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]),
 * or 0 when it may not: a control character, a broken or overlong
 * sequence, a surrogate, U+FFFE/U+FFFF.
 */
static size_t
xml_char_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80)
		return (s[0] >= 0x20 && s[0] != 0x7f) || s[0] == '\t' || s[0] == '\n' ? 1 : 0;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
		return 0; /* overlong */
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp == 0xfffe || cp == 0xffff || cp > 0x10ffff)
		return 0;
	/* C1 controls are legal XML but print as nothing useful */
	if (cp >= 0x80 && cp < 0xa0)
		return 0;
	return n;
}

/*
 * @p text as XML character data or attribute value: the five special
 * characters as entities, anything XML cannot hold as '?', and at most
 * @p max characters (0: all), a cut text ending in U+2026.
 */
static void
xml_put(FILE *out, const char *text, size_t max)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t chars = 0;

	while (*s) {
		size_t n = xml_char_len(s);

		if (max && chars == max) {
			fputs("\xe2\x80\xa6", out);
			return;
		}
		chars++;
		if (n == 0) {
			fputc('?', out);
			s++;
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		default:
			fwrite(s, 1, n, out);
			break;
		}
		s += n;
	}
}

/* Characters a label may show in @width units at @size (a conservative 0.62 em each). */
static size_t
fits(double width, double size)
{
	double n = (width - 6) / (0.62 * size);

	return n > 0 ? (size_t)n : 0;
}

/* Where a region's drawing ends on the right: its box, or the label drawn beside it. */
static double
region_right(const struct map_region *r, double x0, double x1)
{
	double w = x1 - x0 < MIN_W ? MIN_W : x1 - x0;
	size_t len = strlen(r->label);

	if (r->kind == MAP_SEGMENT || len <= fits(w, 11))
		return x0 + w;
	return x0 + w + 4 + 0.62 * 11 * (double)(len < NAME_CHARS ? len : NAME_CHARS + 1);
}

static double
bar_x(const struct map_axis *axis, uint64_t addr)
{
	return BAR_X + BAR_W * map_axis_x(axis, addr);
}

static double
bar_x_end(const struct map_axis *axis, uint64_t last)
{
	return BAR_X + BAR_W * map_axis_x_end(axis, last);
}

static size_t
arrows_in(const struct map_panel *p, enum map_space space)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n_arrows; i++)
		n += p->arrows[i].space == space;
	return n;
}

static bool
lane_used(const struct map_panel *p, enum map_space space, enum map_lane lane)
{
	for (size_t i = 0; i < p->n_regions; i++) {
		if (p->regions[i].space == space && map_lane_of(p->regions[i].kind) == lane)
			return true;
	}
	return false;
}

static unsigned
lanes_in(const struct map_panel *p, enum map_space space)
{
	unsigned n = 0;

	for (unsigned l = 0; l < LANE_COUNT; l++)
		n += lane_used(p, space, (enum map_lane)l);
	return n;
}

static double
space_height(const struct map_panel *p, enum map_space space)
{
	size_t n = arrows_in(p, space);

	if (!map_panel_has_space(p, space))
		return 0;
	return SPACE_HEAD + LANE_H * lanes_in(p, space) + (n ? ROW_H * (n + 1) : 0) + SPACE_GAP;
}

static double
panel_height(const struct map_panel *p)
{
	double h = PANEL_HEAD + 6;

	for (unsigned s = 0; s < MAP_SPACE_COUNT; s++)
		h += space_height(p, (enum map_space)s);
	if (p->n_undrawn || (p->swap && !p->n_arrows))
		h += ROW_H;
	return h + PANEL_GAP;
}

static void
region_colours(const struct map_panel *p, const struct map_region *r, const char **fill,
	       const char **stroke, const char **ink)
{
	*ink = INK;
	switch (r->kind) {
	case MAP_SEGMENT:
		if (p->swap && r->node == p->now_node) {
			*fill = NOW_FILL;
			*stroke = NOW_INK;
		} else if (r->node == p->boot_node) {
			*fill = BOOT_FILL;
			*stroke = BOOT_INK;
		} else {
			*fill = OTHER_FILL;
			*stroke = OTHER_INK;
		}
		return;
	case MAP_FB:
		*fill = "#f6f6f6";
		*stroke = MUTED;
		return;
	case MAP_VRAM_BOOT:
		*fill = BOOT_INK;
		*stroke = BOOT_INK;
		*ink = "#ffffff";
		return;
	case MAP_VRAM_NOW:
		*fill = NOW_INK;
		*stroke = NOW_INK;
		*ink = "#ffffff";
		return;
	case MAP_GART:
		*fill = GART_INK;
		*stroke = GART_INK;
		*ink = "#ffffff";
		return;
	case MAP_AGP:
		*fill = AGP_INK;
		*stroke = AGP_INK;
		*ink = "#ffffff";
		return;
	default:
		*fill = INK;
		*stroke = INK;
		return;
	}
}

/* A region's tooltip: its lane, its label, its range and its size. */
static void
region_title(FILE *out, const struct map_panel *p, const struct map_region *r)
{
	char a[MAP_HEX_MAX], b[MAP_HEX_MAX], size[32];

	fputs("<title>", out);
	if (r->kind != MAP_SEGMENT && r->kind != MAP_BO)
		fprintf(out, "%s: ", lane_name(p, map_lane_of(r->kind)));
	xml_put(out, r->label, 0);
	if (r->kind == MAP_BO)
		fprintf(out, ": %s", map_hex(r->first, a, sizeof(a)));
	else
		fprintf(out, ": %s - %s (%s)", map_hex(r->first, a, sizeof(a)),
			map_hex(r->last, b, sizeof(b)),
			r->last - r->first == UINT64_MAX
				? "16 EiB"
				: gmcsim_size_str(r->last - r->first + 1, size, sizeof(size)));
	fputs("</title>", out);
}

static void
draw_region(FILE *out, const struct map_panel *p, const struct map_axis *axis,
	    const struct map_region *r, double y)
{
	double x0 = bar_x(axis, r->first), x1 = bar_x_end(axis, r->last), w;
	const char *fill, *stroke, *ink;
	size_t chars;

	region_colours(p, r, &fill, &stroke, &ink);
	fprintf(out, "<g class=\"region\">");
	if (r->kind == MAP_BO) {
		fprintf(out,
			"<path class=\"bo\" data-space=\"%s\" d=\"M%.1f,%.1f l-5,10 h10 z\" "
			"fill=\"%s\">",
			r->space == MAP_MC ? "mc" : "phys", x0, y + 3, fill);
		region_title(out, p, r);
		fputs("</path></g>\n", out);
		return;
	}
	w = x1 - x0 < MIN_W ? MIN_W : x1 - x0;
	fprintf(out,
		"<rect class=\"%s\" data-space=\"%s\"%s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		"height=\"16\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1\"%s>",
		map_region_kind_name(r->kind), r->space == MAP_MC ? "mc" : "phys", "", x0, y, w,
		fill, stroke, r->kind == MAP_FB ? " stroke-dasharray=\"4 2\"" : "");
	region_title(out, p, r);
	fputs("</rect>", out);
	if (r->kind == MAP_SEGMENT)
		fprintf(out, "<desc>node %d</desc>", r->node);
	/* the label inside when it fits; a segment shows its number, anything else its label beside
	 */
	chars = fits(w, 11);
	if (r->kind == MAP_SEGMENT) {
		char number[16];
		const char *text = r->label;

		if (strlen(text) > chars) {
			snprintf(number, sizeof(number), "%d", r->node);
			text = number;
		}
		if (strlen(text) <= chars)
			fprintf(out,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\"%s>"
				"%s</text>",
				x0 + w / 2, y + 12,
				r->node == p->boot_node || (p->swap && r->node == p->now_node)
					? " font-weight=\"bold\""
					: "",
				text);
	} else if (strlen(r->label) <= chars) {
		fprintf(out,
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" "
			"text-anchor=\"middle\">",
			x0 + w / 2, y + 12, ink);
		xml_put(out, r->label, 0);
		fputs("</text>", out);
	} else {
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">",
			x0 + w + 4, y + 12, stroke);
		xml_put(out, r->label, NAME_CHARS);
		fputs("</text>", out);
	}
	fputs("</g>\n", out);
}

/* The addresses along a bar: where each piece starts, where the last ends, and the gaps. */
static void
draw_axis(FILE *out, const struct map_axis *axis, double y, double bottom)
{
	char hex[MAP_HEX_MAX];
	double used = 0;
	const struct map_piece *last = &axis->piece[axis->n - 1];
	double end_x = BAR_X + BAR_W * (last->x + last->width);
	size_t end_chars = strlen(map_hex(last->last + 1, hex, sizeof(hex)));
	double end_left = end_x - 0.62 * 10 * (double)end_chars;

	fprintf(out, "<g class=\"axis\" font-family=\"monospace\" font-size=\"10\" fill=\"%s\">",
		MUTED);
	for (size_t i = 0; i < axis->n; i++) {
		const struct map_piece *p = &axis->piece[i];
		double x = BAR_X + BAR_W * p->x;
		double w = 0.62 * 10 * (double)strlen(map_hex(p->first, hex, sizeof(hex)));

		fprintf(out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cccccc\" "
			"stroke-width=\"1\"/>",
			x, y + 3, x, bottom);
		if (p->break_before)
			fprintf(out,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" "
				"text-anchor=\"middle\">\xe2\x89\x88</text>",
				x - BAR_W * 0.0125, y + 22);
		if (x >= used && x + w < end_left - 4) {
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x, y, hex);
			used = x + w + 8;
		}
	}
	if (last->last + 1 != 0 && end_left >= used) {
		map_hex(last->last + 1, hex, sizeof(hex));
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>", end_x, y,
			hex);
	}
	fputs("</g>\n", out);
}

/* The @p index-th region of @p kind in @p space, or NULL. */
static const struct map_region *
nth_region(const struct map_panel *p, enum map_space space, enum map_region_kind kind, size_t index)
{
	for (size_t i = 0; i < p->n_regions; i++) {
		const struct map_region *r = &p->regions[i];

		if (r->space == space && r->kind == kind && index-- == 0)
			return r;
	}
	return NULL;
}

/* How each window moved, beside its resume copy: "moved +3 × segment", "unchanged". */
static void
draw_shift(FILE *out, const struct map_panel *p, const struct map_axis *axis, enum map_space space,
	   double y)
{
	for (size_t i = 0;; i++) {
		const struct map_region *boot = nth_region(p, space, MAP_VRAM_BOOT, i),
					*now = nth_region(p, space, MAP_VRAM_NOW, i);
		char shift[64], text[80];
		double right, left;

		if (!boot || !now)
			return;
		map_shift(boot->first, now->first, p->segment, "\xc3\x97 segment", shift,
			  sizeof(shift));
		snprintf(text, sizeof(text), "%s%s", strcmp(shift, "unchanged") ? "moved " : "",
			 shift);
		right = region_right(now, bar_x(axis, now->first), bar_x_end(axis, now->last)) + 6;
		left = bar_x(axis, now->first) - 6;
		/* beside the window where there is room: right, else left */
		if (right + 0.62 * 11 * (double)strlen(text) <= BAR_X + BAR_W || left < BAR_X + 150)
			fprintf(out,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" "
				"fill=\"%s\">%s</text>\n",
				right, y + 12, NOW_INK, text);
		else
			fprintf(out,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" "
				"fill=\"%s\" text-anchor=\"end\">%s</text>\n",
				left, y + 12, NOW_INK, text);
	}
}

static void
node_word(int node, char *buf, size_t len)
{
	if (node < 0)
		snprintf(buf, len, "outside the hive");
	else
		snprintf(buf, len, "node %d", node);
}

static void
draw_arrow(FILE *out, const struct map_panel *p, const struct map_axis *axis,
	   const struct map_arrow *a, double y)
{
	const char *ink = a->cross ? CROSS_INK : STALE_INK;
	char hf[MAP_HEX_MAX], ht[MAP_HEX_MAX], nf[32], nt[32], shift[64], site[160];
	double xf = bar_x(axis, a->from), xt = bar_x(axis, a->to), mid = y - 4;

	snprintf(site, sizeof(site), "%s/%s", a->block, a->site);
	map_hex(a->from, hf, sizeof(hf));
	map_hex(a->to, ht, sizeof(ht));
	node_word(a->from_node, nf, sizeof(nf));
	node_word(a->to_node, nt, sizeof(nt));
	map_shift(a->from, a->to, p->segment, "\xc3\x97 segment", shift, sizeof(shift));

	fprintf(out, "<g class=\"arrow\" data-space=\"%s\" data-kind=\"%s\" data-site=\"",
		a->space == MAP_MC ? "mc" : "phys", gmcsim_finding_kind_name(a->kind));
	xml_put(out, site, 0);
	fprintf(out,
		"\" data-from=\"%s\" data-to=\"%s\" data-from-node=\"%d\" data-to-node=\"%d\"%s>",
		hf, ht, a->from_node, a->to_node, a->cross ? " data-cross=\"1\"" : "");
	fputs("<title>", out);
	xml_put(out, site, 0);
	fprintf(out, " (%s%s): the kept copy %s points into %s; it should be %s, in %s (%s)",
		gmcsim_finding_kind_name(a->kind), a->uncertain ? ", uncertain" : "", hf, nf, ht,
		nt, shift);
	fputs("</title>", out);
	/* the site, cut to fit left of the bar */
	fprintf(out,
		"<text x=\"%d\" y=\"%.1f\" font-family=\"monospace\" font-size=\"11\" "
		"fill=\"%s\" text-anchor=\"end\">",
		BAR_X - 8, y, INK);
	xml_put(out, site, NAME_CHARS);
	if (a->kind == GMCSIM_STALE_PTE)
		fputs(" (pte)", out);
	else if (a->kind == GMCSIM_STALE_CONTENT)
		fputs(" (mqd)", out);
	fputs("</text>", out);
	fprintf(out,
		"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\" "
		"stroke-width=\"1\"/>",
		BAR_X, mid, BAR_X + BAR_W, mid);
	fprintf(out,
		"<path d=\"M%.1f,%.1f L%.1f,%.1f\" stroke=\"%s\" stroke-width=\"1.6\" fill=\"none\" "
		"marker-end=\"url(#head-%s)\"/>",
		xf, mid, xt + (xt > xf ? -1.5 : 1.5), mid, ink, a->cross ? "cross" : "stale");
	fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"%s\"/>", xf, mid, ink);
	fprintf(out,
		"<text x=\"%d\" y=\"%.1f\" font-family=\"monospace\" font-size=\"11\" "
		"fill=\"%s\">%s \xe2\x86\x92 %s%s</text>",
		TEXT_X, y, a->cross ? CROSS_INK : INK, hf, ht, a->uncertain ? " ?" : "");
	fputs("</g>\n", out);
}

/* Ticks where the stale copies point (boot lane) and where they should (resume lane). */
static void
draw_ticks(FILE *out, const struct map_panel *p, const struct map_axis *axis, enum map_space space,
	   enum map_lane lane, double y)
{
	for (size_t i = 0; i < p->n_arrows; i++) {
		const struct map_arrow *a = &p->arrows[i];
		double x;

		if (a->space != space)
			continue;
		x = bar_x(axis, lane == LANE_BOOT ? a->from : a->to);
		fprintf(out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			"stroke-width=\"1.5\"/>\n",
			x, y - 2, x, y + 18, a->cross ? CROSS_INK : STALE_INK);
	}
}

static double
draw_space(FILE *out, const struct map_panel *p, enum map_space space, double y)
{
	struct map_axis axis;
	double top = y, bottom;
	size_t n = arrows_in(p, space), row = 0;

	if (!map_panel_has_space(p, space))
		return y;
	map_axis_build(p, space, &axis);
	if (!axis.n)
		return y + space_height(p, space);
	bottom = top + SPACE_HEAD + LANE_H * lanes_in(p, space) - 6;
	fprintf(out, "<g class=\"space\" data-space=\"%s\">\n", space == MAP_MC ? "mc" : "phys");
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
		MARGIN, y + 14, map_space_title(space));
	draw_axis(out, &axis, y + 14, bottom);
	y += SPACE_HEAD;
	for (unsigned lane = 0; lane < LANE_COUNT; lane++) {
		if (!lane_used(p, space, (enum map_lane)lane))
			continue;
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" "
			"text-anchor=\"end\">%s</text>\n",
			BAR_X - 12, y + 12, INK, lane_name(p, (enum map_lane)lane));
		for (size_t i = 0; i < p->n_regions; i++) {
			const struct map_region *r = &p->regions[i];

			if (r->space == space && map_lane_of(r->kind) == lane)
				draw_region(out, p, &axis, r, y);
		}
		if (p->swap && (lane == LANE_BOOT || lane == LANE_NOW))
			draw_ticks(out, p, &axis, space, (enum map_lane)lane, y);
		if (p->swap && lane == LANE_NOW)
			draw_shift(out, p, &axis, space, y);
		y += LANE_H;
	}
	if (n) {
		y += ROW_H;
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" "
			"fill=\"%s\" text-anchor=\"end\">stale copies (%zu)</text>"
			"<text x=\"%d\" y=\"%.1f\" font-size=\"11\" font-style=\"italic\" "
			"fill=\"%s\">kept copy \xe2\x86\x92 what the hardware needs (? uncertain)</text>\n",
			BAR_X - 8, y - 4, MUTED, n, TEXT_X, y - 4, MUTED);
		for (size_t i = 0; i < p->n_arrows; i++) {
			if (p->arrows[i].space != space)
				continue;
			row++;
			draw_arrow(out, p, &axis, &p->arrows[i], y + ROW_H * (double)row - 4);
		}
		y += ROW_H * (double)n;
	}
	fputs("</g>\n", out);
	return y + SPACE_GAP;
}

static double
draw_panel(FILE *out, const struct map_panel *p, double y)
{
	size_t n[MAP_SPACE_COUNT] = { 0 };

	for (size_t i = 0; i < p->n_arrows; i++)
		n[p->arrows[i].space]++;
	fprintf(out, "<g class=\"panel\"");
	if (p->swap) {
		/* a fix file's strategy name is the user's text */
		fputs(" data-fix=\"", out);
		xml_put(out, p->fix, 0);
		fprintf(out, "\" data-arrows=\"%zu\"", p->n_arrows);
	}
	fputs(">\n", out);
	fprintf(out,
		"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"#eef1f5\"/>\n",
		MARGIN / 2, y, WIDTH - MARGIN, PANEL_HEAD - 6);
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\">", MARGIN,
		y + 17);
	xml_put(out, p->title, 0);
	if (p->swap)
		fprintf(out,
			"</text><text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\">"
			"%zu stale address%s (%zu MC, %zu physical)",
			WIDTH - MARGIN, y + 17, p->n_arrows, p->n_arrows == 1 ? "" : "es",
			n[MAP_MC], n[MAP_PHYS]);
	fputs("</text>\n", out);
	y += PANEL_HEAD + 6;
	for (unsigned s = 0; s < MAP_SPACE_COUNT; s++)
		y = draw_space(out, p, (enum map_space)s, y);
	if (p->swap && !p->n_arrows) {
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"%s\">no stale addresses: "
			"every kept copy is still right</text>\n",
			BAR_X, y + 4, NOW_INK);
		y += ROW_H;
	}
	if (p->n_undrawn) {
		fprintf(out,
			"<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%zu finding%s with "
			"addresses in neither space (a BAR, a freed BO) not drawn</text>\n",
			BAR_X, y + 4, MUTED, p->n_undrawn, p->n_undrawn == 1 ? "" : "s");
		y += ROW_H;
	}
	fputs("</g>\n", out);
	return y + PANEL_GAP;
}

struct legend_item {
	const char *fill, *stroke, *text;
	int shape; /* 0 box, 1 arrow, 2 triangle */
	int what;  /* the region kind it explains; -1 a cross-segment arrow, -2 another arrow */
};

static const struct legend_item check_items[] = {
	{ BOOT_FILL, BOOT_INK, "segment of the boot node", 0, MAP_SEGMENT },
	{ NOW_FILL, NOW_INK, "segment of the resume node", 0, MAP_SEGMENT },
	{ OTHER_FILL, OTHER_INK, "other nodes' segments", 0, MAP_SEGMENT },
	{ "#f6f6f6", MUTED, "FB aperture", 0, MAP_FB },
	{ GART_INK, GART_INK, "GART", 0, MAP_GART },
	{ AGP_INK, AGP_INK, "AGP", 0, MAP_AGP },
	{ BOOT_INK, BOOT_INK, "VRAM window at boot", 0, MAP_VRAM_BOOT },
	{ NOW_INK, NOW_INK, "VRAM window after the swap", 0, MAP_VRAM_NOW },
	{ CROSS_INK, CROSS_INK,
	  "stale copy \xe2\x86\x92 where it should point, in another node's memory "
	  "(cross-segment)",
	  1, -1 },
	{ STALE_INK, STALE_INK, "stale copy without a cross-segment finding", 1, -2 },
};

static const struct legend_item layout_items[] = {
	{ BOOT_FILL, BOOT_INK, "this node's segment", 0, MAP_SEGMENT },
	{ OTHER_FILL, OTHER_INK, "other nodes' segments", 0, MAP_SEGMENT },
	{ "#f6f6f6", MUTED, "FB aperture", 0, MAP_FB },
	{ BOOT_INK, BOOT_INK, "VRAM window", 0, MAP_VRAM_BOOT },
	{ GART_INK, GART_INK, "GART", 0, MAP_GART },
	{ AGP_INK, AGP_INK, "AGP", 0, MAP_AGP },
	{ INK, INK, "a BO", 2, MAP_BO },
};

/* Whether a legend item explains something the picture draws. */
static bool
drawn(const struct map_picture *pic, int what)
{
	for (size_t i = 0; i < pic->n_panels; i++) {
		const struct map_panel *p = &pic->panels[i];

		for (size_t j = 0; what >= 0 && j < p->n_regions; j++) {
			if ((int)p->regions[j].kind == what)
				return true;
		}
		for (size_t j = 0; what < 0 && j < p->n_arrows; j++) {
			if (p->arrows[j].cross == (what == -1))
				return true;
		}
	}
	return false;
}

/*
 * The legend: rows of what fits, only for what the picture draws. With
 * @p out NULL it is only measured. Returns the last row's baseline.
 */
static double
draw_legend(FILE *out, const struct map_picture *pic)
{
	bool check = pic->n_panels && pic->panels[0].swap;
	const struct legend_item *items = check ? check_items : layout_items;
	size_t n = check ? sizeof(check_items) / sizeof(check_items[0])
			 : sizeof(layout_items) / sizeof(layout_items[0]);
	double x = MARGIN, y = 72;

	if (out)
		fputs("<g class=\"legend\" font-size=\"12\">\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct legend_item *it = &items[i];
		double w = 30 + 0.6 * 12 * (double)strlen(it->text) + 18;

		if (!drawn(pic, it->what))
			continue;
		/* a new row when the item would not fit */
		if (x > MARGIN && x + w > WIDTH - MARGIN) {
			x = MARGIN;
			y += 20;
		}
		if (!out) {
			x += w;
			continue;
		}
		if (it->shape == 1)
			fprintf(out,
				"<path d=\"M%.1f,%.1f h24\" stroke=\"%s\" stroke-width=\"1.6\" "
				"marker-end=\"url(#head-%s)\"/><circle cx=\"%.1f\" cy=\"%.1f\" "
				"r=\"3.2\" fill=\"%s\"/>",
				x, y - 4, it->stroke, it->what == -1 ? "cross" : "stale", x, y - 4,
				it->stroke);
		else if (it->shape == 2)
			fprintf(out, "<path d=\"M%.1f,%.1f l-5,10 h10 z\" fill=\"%s\"/>", x + 8,
				y - 10, it->fill);
		else
			fprintf(out,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"12\" "
				"fill=\"%s\" stroke=\"%s\"/>",
				x, y - 10, it->fill, it->stroke);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 30, y, it->text);
		x += w;
	}
	if (out)
		fputs("</g>\n", out);
	return y;
}

int
map_svg_write(FILE *out, const struct map_picture *pic)
{
	double top, height, y;

	if (!out || !pic)
		return -EINVAL;
	/* the panels start under the legend */
	top = draw_legend(NULL, pic) + 20;
	height = top;
	for (size_t i = 0; i < pic->n_panels; i++)
		height += panel_height(&pic->panels[i]);
	height += MARGIN;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%.0f\" viewBox=\"0 0 %d %.0f\" font-family=\"sans-serif\" "
		"font-size=\"12\" fill=\"%s\">\n",
		WIDTH, height, WIDTH, height, INK);
	fputs("<title>", out);
	xml_put(out, pic->title, 0);
	fputs("</title>\n<desc>", out);
	xml_put(out, pic->subtitle, 0);
	fputs("</desc>\n", out);
	fprintf(out,
		"<defs>\n"
		"<marker id=\"head-cross\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
		"markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 "
		"z\" fill=\"%s\"/></marker>\n"
		"<marker id=\"head-stale\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
		"markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 "
		"z\" fill=\"%s\"/></marker>\n"
		"</defs>\n",
		CROSS_INK, STALE_INK);
	fprintf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
		WIDTH, height);
	fprintf(out, "<text x=\"%d\" y=\"30\" font-size=\"18\" font-weight=\"bold\">", MARGIN);
	xml_put(out, pic->title, 0);
	fprintf(out, "</text>\n<text x=\"%d\" y=\"50\" font-size=\"13\" fill=\"%s\">", MARGIN,
		MUTED);
	xml_put(out, pic->subtitle, 0);
	fputs("</text>\n", out);
	draw_legend(out, pic);
	y = top;
	for (size_t i = 0; i < pic->n_panels; i++)
		y = draw_panel(out, &pic->panels[i], y);
	fputs("</svg>\n", out);
	return ferror(out) ? -EIO : 0;
}

int
map_svg_save(const struct map_picture *pic, const char *path, struct gmc_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	if (!pic)
		return gmcsim_fail(err, -EINVAL, "no picture to write");
	mem = open_memstream(&buf, &len);
	if (!mem)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	rc = map_svg_write(mem, pic);
	if (fclose(mem) != 0 && !rc)
		rc = -ENOMEM;
	if (rc) {
		free(buf);
		return gmcsim_fail(err, rc, "out of memory drawing the picture");
	}
	rc = gmcsim_write_file(path, buf, len, err);
	free(buf);
	return rc;
}
