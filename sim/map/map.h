/* SPDX-License-Identifier: MIT */
/*
 * sim/map/: address-map pictures. A picture is a model — regions and arrows
 * with their addresses and labels, computed once from a check outcome or a
 * layout result (map-model.c) — and two renderers over it: SVG
 * (map-svg.c) and a text map for a terminal (map-text.c). Both share the
 * scale of a bar (map-axis.c) and the text of addresses and names
 * (map-label.c). Renderers write to a FILE * and return 0 or a negative
 * errno; nothing here prints on its own or aborts.
 *
 * Internal to libgmcsim: the gmcsim tool and the tests link the static
 * library, so the shared library's ABI does not grow.
 */
#ifndef GMCSIM_MAP_H
#define GMCSIM_MAP_H

#include <stdio.h>

#include <gmc/gmcsim.h>

struct check_plan;
struct check_outcome;
struct gmcsim_layout_result;

/** Longest label of a region or a panel, with its NUL. */
#define MAP_LABEL_MAX 192
/** Longest title of a picture (two profile names and what changes), with its NUL. */
#define MAP_TITLE_MAX 400

/** The address spaces a panel draws, one bar each. */
enum map_space {
	MAP_MC = 0, /**< the GPU's MC address space */
	MAP_PHYS,   /**< physical VRAM addresses of the hive (vram_base_offset's space) */
	MAP_SPACE_COUNT
};

/**
 * What a region is. Every kind is drawn in a lane of its own (the order of
 * this enum, top to bottom), so regions that overlap in a space — the
 * migrate layout's VRAM at MC 0 under the FB aperture — stay apart.
 */
enum map_region_kind {
	MAP_SEGMENT = 0, /**< one XGMI node's segment of the hive (@c node) */
	MAP_FB,		 /**< the FB aperture fb_start..fb_end (MC) */
	MAP_VRAM_BOOT,	 /**< the guest's VRAM window on the boot vGPU (layout: its only one) */
	MAP_VRAM_NOW,	 /**< the guest's VRAM window on the resume vGPU */
	MAP_GART,	 /**< the GART aperture (MC) */
	MAP_AGP,	 /**< the AGP aperture when enabled (MC) */
	MAP_BO,		 /**< a BO a layout request asked about (a point) */
	MAP_REGION_KIND_COUNT
};

/** The row of a panel a region is drawn in, top to bottom. */
enum map_lane {
	LANE_NODES = 0, /**< the XGMI node segments */
	LANE_FB,	/**< the FB aperture */
	LANE_BOOT,	/**< the VRAM window at boot */
	LANE_NOW,	/**< the VRAM window after the swap */
	LANE_APER,	/**< GART and AGP */
	LANE_BO,	/**< BOs a layout request asked about */
	LANE_COUNT
};

/** The lane a region of @p kind is drawn in (both renderers draw the same rows). */
enum map_lane map_lane_of(enum map_region_kind kind);

/** A range of one address space. */
struct map_region {
	enum map_space space;
	enum map_region_kind kind;
	uint64_t first, last; /**< inclusive, as the driver's vram_start and vram_end */
	int node;	      /**< MAP_SEGMENT: the node id; -1 otherwise */
	char label[MAP_LABEL_MAX];
};

/**
 * A stale cached address: from where the kept copy points to where it
 * should point now. One per stale site and space; the cross-segment finding
 * of the same site is the @c cross flag, not an arrow of its own.
 */
struct map_arrow {
	enum map_space space;
	char block[GMCSIM_NAME_MAX];
	char site[GMCSIM_NAME_MAX];
	enum gmcsim_finding_kind kind; /**< stale-mc, stale-pa, stale-content, ... */
	uint64_t from;		       /**< the cached value (the finding's @c cached) */
	uint64_t to;		       /**< the fresh value (the finding's @c fresh) */
	int from_node, to_node;	       /**< the segment each lies in; -1 outside the hive */
	bool cross;		       /**< the checker also reported cross-segment */
	bool uncertain;		       /**< the finding is uncertain */
	unsigned count;		       /**< how often the run saw it */
};

/** One picture of a layout, or of one run of a check (one fix strategy). */
struct map_panel {
	char title[MAP_LABEL_MAX];
	bool swap;		   /**< a check run: a boot and a resume window */
	char fix[GMCSIM_NAME_MAX]; /**< a check run's strategy ("" for a layout) */
	unsigned nodes;		   /**< XGMI nodes in the hive; 0 without XGMI */
	uint64_t segment;	   /**< node_segment_size */
	int boot_node, now_node;   /**< physical node ids; -1 without XGMI */
	struct map_region *regions;
	size_t n_regions;
	struct map_arrow *arrows;
	size_t n_arrows;
	size_t n_undrawn; /**< findings with values in neither space (a BAR, use after free) */
};

/** A whole picture: a title, a line under it, and its panels. */
struct map_picture {
	char title[MAP_TITLE_MAX];
	char subtitle[MAP_TITLE_MAX];
	struct map_panel *panels;
	size_t n_panels;
};

/* map-model.c: the model */

/**
 * The picture of a check: one panel per run of @p o (per fix strategy, and
 * per swap point and cycle count when the plan has several), each with the
 * hive's segments in both spaces, the FB aperture, the guest's VRAM window
 * before and after the swap, GART and AGP as the strategy's driver code
 * computes them (check_result's layouts), and one arrow per stale site from
 * its findings' cached and fresh values.
 *
 * @param[out] out the picture; free it with map_picture_free(); untouched on failure
 * @retval 0 built
 * @retval -EINVAL a NULL argument
 * @retval -ENOMEM out of memory
 */
int map_from_check(const struct check_plan *plan, const struct check_outcome *o,
		   struct map_picture **out, struct gmc_error *err);

/**
 * The picture of one `gmcsim layout` result: one panel with the hive's
 * segments, the FB aperture, this node's VRAM window, GART, AGP and the
 * requested BOs (their MC and physical addresses).
 *
 * @param[out] out the picture; free it with map_picture_free(); untouched on failure
 * @retval 0 built
 * @retval -EINVAL a NULL argument
 * @retval -ENOMEM out of memory
 */
int map_from_layout(const struct gmcsim_layout_result *res, struct map_picture **out,
		    struct gmc_error *err);

/** Free @p pic and everything it holds; NULL is fine. */
void map_picture_free(struct map_picture *pic);

/** A region kind's name in a legend and in the SVG's classes ("segment", "vram-boot", ...). */
const char *map_region_kind_name(enum map_region_kind kind);

/** A space's heading: "MC address space" or "physical address space". */
const char *map_space_title(enum map_space space);

/* map-axis.c: the scale of one bar */

/** Pieces one axis may have; more intervals are merged with their nearest neighbour. */
#define MAP_AXIS_MAX_PIECES 8

/** One linear piece of an axis, at [x, x + width) of the bar (0..1). */
struct map_piece {
	uint64_t first, last; /**< the addresses it covers, inclusive */
	double x, width;
	bool break_before; /**< addresses are left out between the previous piece and this one */
};

/**
 * The scale of a bar: linear within pieces, each piece the union of
 * overlapping regions of the space, gaps between pieces left out and marked,
 * and every piece at least a readable share of the bar, so a 512 MiB GART
 * next to a TiB-sized hive stays visible.
 */
struct map_axis {
	size_t n; /**< 0: nothing in this space */
	struct map_piece piece[MAP_AXIS_MAX_PIECES];
};

/** The axis of @p space in @p panel, from its regions and arrow ends. */
void map_axis_build(const struct map_panel *panel, enum map_space space, struct map_axis *axis);

/**
 * Where @p addr lies on the bar, 0..1 (the left edge of its byte); an
 * address between pieces sits at the gap, one outside them all at the
 * nearest end.
 */
double map_axis_x(const struct map_axis *axis, uint64_t addr);

/** Where the byte after @p last ends on the bar, 0..1 (the right edge of a region). */
double map_axis_x_end(const struct map_axis *axis, uint64_t last);

/** Whether a panel has anything in @p space (a region or an arrow). */
bool map_panel_has_space(const struct map_panel *panel, enum map_space space);

/* map-label.c: text shared by both renderers */

/** Room for map_hex(): "0x" and 16 digits in four groups. */
#define MAP_HEX_MAX 24

/**
 * @p value as "0x" and hex digits grouped by four from the right with '_'
 * and no leading zeros: 0x3f_f010_2000, 0x0.
 * @return @p buf
 */
const char *map_hex(uint64_t value, char *buf, size_t len);

/**
 * How far @p to is from @p from, in node segments when the distance is a
 * whole number of them: "+3 " and @p unit ("x segment", "seg"), "-1 " and
 * @p unit, "+0x4_0000" or "unchanged".
 * @return @p buf
 */
const char *map_shift(uint64_t from, uint64_t to, uint64_t segment, const char *unit, char *buf,
		      size_t len);

/**
 * @p text as printable ASCII for a terminal: every other byte (control
 * characters, UTF-8) becomes '?', and a text longer than @p width - 1
 * characters ends in "...".
 * @return @p buf (@p width bytes)
 */
const char *map_ascii(const char *text, char *buf, size_t width);

/* map-svg.c, map-text.c: the renderers */

/**
 * Write @p pic as one self-contained SVG document: no scripts, no external
 * fonts, styles or links; generic font families; a viewBox; every text from
 * the input escaped for XML.
 * @retval 0 written
 * @retval -EINVAL a NULL argument
 * @retval -EIO the stream reported an error
 */
int map_svg_write(FILE *out, const struct map_picture *pic);

/**
 * Write @p pic as SVG to the file @p path with gmcsim_write_file(): a
 * temporary file renamed into place, only ever over a regular file.
 * @retval 0 written
 * @retval -ENOMEM out of memory
 * @retval <0 gmcsim_write_file()'s errno; @p err says why
 */
int map_svg_save(const struct map_picture *pic, const char *path, struct gmc_error *err);

/** Widest text map map_text_write() draws, in columns. */
#define MAP_TEXT_WIDTH 100

/**
 * Write @p pic as a text map: per panel one bar per address space with the
 * node segments, the FB aperture, the VRAM window before and after, GART and
 * AGP, then one line per stale arrow. Printable ASCII only, no line longer
 * than MAP_TEXT_WIDTH columns.
 * @retval 0 written
 * @retval -EINVAL a NULL argument
 * @retval -EIO the stream reported an error
 */
int map_text_write(FILE *out, const struct map_picture *pic);

#endif /* GMCSIM_MAP_H */
