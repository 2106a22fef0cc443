/* SPDX-License-Identifier: MIT */
/*
 * Address-map pictures (sim/map/): the model of a check and of a layout,
 * the scale of a bar, both renderers, and the file writer --svg uses.
 *
 * Expected addresses are derived by hand below from the gc944 profiles'
 * registers (sim/profiles/gc944-vf-node{2,5}.json), gmc-address-math.md
 * (§1.2, §2, §3, §4, §9) and docs/findings.md §1; the expected number of
 * arrows is counted from the run's own findings, not from the picture.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "map.h"
#include "sim-layout.h"
#include "sim-plan.h"
#include "util.h"

/*
 * The gc944 pair (GC 9.4.4 VFs, vram_size 0x17_f000_0000):
 *   FB_LOCATION_BASE 0x1000 -> fb_start = 0x1000 << 24 = 0x10_0000_0000 (§1.2)
 *   XGMI_LFB_SIZE 0x17f8    -> seg = 0x17f8 << 24 = 0x17_f800_0000 (§1.2, §2)
 *   XGMI_LFB_CNTL 0x72 / 0x75 -> PF_MAX_REGION 7 (8 nodes), PF_LFB_REGION 2 / 5 (§2)
 *   FB_OFFSET 0 -> the hive's physical base is 0 (vram_base_offset = 0 + id * seg, §3)
 */
#define FB_START UINT64_C(0x1000000000)
#define SEG UINT64_C(0x17f8000000)
#define VRAM_SIZE UINT64_C(0x17f0000000)
#define NODES 8

/*
 * The FB layout of the code before 6.17 (fix none, rfc, rfc-all, p2-pinfix),
 * §3 step 4 and §4.1: vram_start = fb_start + id * seg,
 *   node 2: 0x10_0000_0000 + 2 * 0x17_f800_0000 = 0x3f_f000_0000
 *   node 5: 0x10_0000_0000 + 5 * 0x17_f800_0000 = 0x87_d800_0000
 * vram_end = vram_start + mc_vram_size - 1; vram_base_offset = id * seg:
 *   node 2: 0x2f_f000_0000, node 5: 0x77_d800_0000 (docs/findings.md §1).
 */
#define NODE2_MC (FB_START + 2 * SEG)
#define NODE5_MC (FB_START + 5 * SEG)
#define NODE2_PA (2 * SEG)
#define NODE5_PA (5 * SEG)

static const struct map_region *
region(const struct map_panel *p, enum map_space space, enum map_region_kind kind, size_t index)
{
	for (size_t i = 0; i < p->n_regions; i++) {
		const struct map_region *r = &p->regions[i];

		if (r->space == space && r->kind == kind && index-- == 0)
			return r;
	}
	return NULL;
}

static size_t
count_regions(const struct map_panel *p, enum map_space space, enum map_region_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n_regions; i++)
		n += p->regions[i].space == space && p->regions[i].kind == kind;
	return n;
}

static const struct map_arrow *
arrow(const struct map_panel *p, const char *block, const char *site)
{
	for (size_t i = 0; i < p->n_arrows; i++) {
		if (strcmp(p->arrows[i].block, block) == 0 && strcmp(p->arrows[i].site, site) == 0)
			return &p->arrows[i];
	}
	return NULL;
}

/*
 * The stale sites of a run, counted from its findings alone: every
 * finding that says a kept address is stale and carries both values; a
 * site's cross-segment finding is the same copy, not another one.
 */
static size_t
stale_sites(const struct check_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_findings; i++) {
		const struct gmcsim_finding *f = &r->findings[i];
		bool seen = false;

		if (!f->has_values ||
		    (f->kind != GMCSIM_STALE_MC && f->kind != GMCSIM_STALE_PA &&
		     f->kind != GMCSIM_STALE_CONTENT && f->kind != GMCSIM_STALE_PTE &&
		     f->kind != GMCSIM_MIXED_STALE))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(r->findings[j].block, f->block) == 0 &&
			       strcmp(r->findings[j].site, f->site) == 0 &&
			       r->findings[j].kind != GMCSIM_CROSS_SEGMENT &&
			       r->findings[j].has_values;
		n += !seen;
	}
	return n;
}

/* The default plan (gc944 node 2 -> node 5, whole catalog) under @fixes, run. */
static void
run_plan(struct check_plan *plan, struct check_outcome *o, const char *fixes)
{
	struct gmc_error err = { 0 };

	check_plan_init(plan);
	assert_int_equal(check_plan_set_fixes(plan, fixes, &err), 0);
	assert_int_equal(check_plan_run_all(plan, o, &err), 0);
}

static void
test_run_layouts(void **state)
{
	struct check_plan plan;
	struct gmcsim_config cfg = { 0 };
	struct gmcsim_run *run;
	const struct gmc_layout *l;

	(void)state;
	check_plan_init(&plan);
	cfg.from = &plan.from;
	cfg.to = &plan.to;
	cfg.cycles = 1;
	cfg.swap.kind = GMCSIM_SWAP_AFTER_SUSPEND;
	assert_int_equal(gmcsim_run_new(&cfg, &run, NULL), 0);
	/* fix none: the FB layout on each node, computed before anything runs */
	l = gmcsim_run_layout(run, false);
	assert_non_null(l);
	assert_int_equal(l->mode, GMC_MODE_FB);
	assert_int_equal(l->xgmi.physical_node_id, 2);
	assert_int_equal(l->vram_start, NODE2_MC);
	assert_int_equal(l->vram_base_offset, NODE2_PA);
	l = gmcsim_run_layout(run, true);
	assert_int_equal(l->xgmi.physical_node_id, 5);
	assert_int_equal(l->vram_start, NODE5_MC);
	assert_int_equal(l->vram_base_offset, NODE5_PA);
	gmcsim_run_free(run);

	/* upstream: 6.17's migrate layout, VRAM at MC 0 on both (§4.2, §9 Example 4) */
	cfg.fix = GMCSIM_FIX_UPSTREAM;
	assert_int_equal(gmcsim_run_new(&cfg, &run, NULL), 0);
	l = gmcsim_run_layout(run, true);
	assert_int_equal(l->mode, GMC_MODE_SYSVM_MIGRATE);
	assert_int_equal(l->vram_start, 0);
	assert_int_equal(l->vram_base_offset, NODE5_PA);
	gmcsim_run_free(run);

	assert_null(gmcsim_run_layout(NULL, false));
	check_plan_fini(&plan);
}

static void
test_gc944_none(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;
	const struct map_panel *p;
	const struct map_region *r;
	const struct map_arrow *a;

	(void)state;
	run_plan(&plan, &o, "none");
	assert_int_equal(o.n, 1);
	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	assert_int_equal(pic->n_panels, 1);
	p = &pic->panels[0];
	assert_true(p->swap);
	assert_string_equal(p->fix, "none");
	assert_int_equal(p->nodes, NODES);
	assert_int_equal(p->segment, SEG);
	assert_int_equal(p->boot_node, 2);
	assert_int_equal(p->now_node, 5);

	/* 8 segments in each space: MC from fb_start, physical from 0 */
	assert_int_equal(count_regions(p, MAP_MC, MAP_SEGMENT), NODES);
	assert_int_equal(count_regions(p, MAP_PHYS, MAP_SEGMENT), NODES);
	for (unsigned k = 0; k < NODES; k++) {
		r = region(p, MAP_MC, MAP_SEGMENT, k);
		assert_int_equal(r->node, k);
		assert_int_equal(r->first, FB_START + k * SEG);
		assert_int_equal(r->last, FB_START + (k + 1) * SEG - 1);
		r = region(p, MAP_PHYS, MAP_SEGMENT, k);
		assert_int_equal(r->first, k * SEG);
	}

	/* the window before the swap is node 2's, after it node 5's */
	r = region(p, MAP_MC, MAP_VRAM_BOOT, 0);
	assert_non_null(r);
	assert_int_equal(r->first, NODE2_MC);
	assert_int_equal(r->last, NODE2_MC + VRAM_SIZE - 1);
	r = region(p, MAP_MC, MAP_VRAM_NOW, 0);
	assert_int_equal(r->first, NODE5_MC);
	assert_int_equal(r->last, NODE5_MC + VRAM_SIZE - 1);
	r = region(p, MAP_PHYS, MAP_VRAM_BOOT, 0);
	assert_int_equal(r->first, NODE2_PA);
	r = region(p, MAP_PHYS, MAP_VRAM_NOW, 0);
	assert_int_equal(r->first, NODE5_PA);
	/* FB aperture from the registers; GART at 0 (BEST_FIT: 64 GiB below fb_start, §4.3) */
	r = region(p, MAP_MC, MAP_FB, 0);
	assert_int_equal(r->first, FB_START);
	assert_int_equal(r->last, UINT64_C(0xcfbf) << 24);
	r = region(p, MAP_MC, MAP_GART, 0);
	assert_int_equal(r->first, 0);
	assert_int_equal(r->last, (UINT64_C(512) << 20) - 1);
	/* a VF: no AGP (§4.4) */
	assert_null(region(p, MAP_MC, MAP_AGP, 0));

	/* one arrow per stale site of the run, and no more */
	assert_int_equal(p->n_arrows, stale_sites(&o.results[0]));
	assert_true(p->n_arrows > 0);
	for (size_t i = 0; i < p->n_arrows; i++)
		assert_int_not_equal(p->arrows[i].kind, GMCSIM_CROSS_SEGMENT);

	/*
	 * psp/fw_pri keeps its MC address (docs/findings.md §3): the kept copy
	 * is node 2's vram_start + the BO's offset, the fresh one node 5's
	 * vram_start + the same offset, 3 segments further (5 - 2), and the
	 * checker calls it cross-segment.
	 */
	a = arrow(p, "psp", "fw_pri");
	assert_non_null(a);
	assert_int_equal(a->space, MAP_MC);
	assert_int_equal(a->kind, GMCSIM_STALE_MC);
	assert_true(a->from >= NODE2_MC && a->from < NODE2_MC + SEG);
	assert_true(a->to >= NODE5_MC && a->to < NODE5_MC + SEG);
	assert_int_equal(a->from - NODE2_MC, a->to - NODE5_MC);
	assert_int_equal(a->to - a->from, 3 * SEG);
	assert_int_equal(a->from_node, 2);
	assert_int_equal(a->to_node, 5);
	assert_true(a->cross);

	/* the KCQ MQD backup's EOP base (findings.md §5): an MC address inside MQD content */
	a = arrow(p, "gfx", "kcq_mqd_backup_eop");
	assert_non_null(a);
	assert_int_equal(a->space, MAP_MC);
	assert_int_equal(a->kind, GMCSIM_STALE_CONTENT);
	assert_int_equal(a->from_node, 2);
	assert_int_equal(a->to_node, 5);

	/* the CSA's PTEs hold a physical address: node 2's segment -> node 5's */
	a = arrow(p, "gfx", "csa");
	assert_non_null(a);
	assert_int_equal(a->space, MAP_PHYS);
	assert_int_equal(a->kind, GMCSIM_STALE_PTE);
	assert_true(a->from >= NODE2_PA && a->from < NODE2_PA + SEG);
	assert_true(a->to >= NODE5_PA && a->to < NODE5_PA + SEG);

	/* the root cause (findings.md §2): vram_base_offset itself, id * seg on each node */
	a = arrow(p, "gmc", "vram_base_offset");
	assert_non_null(a);
	assert_int_equal(a->space, MAP_PHYS);
	assert_int_equal(a->from, NODE2_PA);
	assert_int_equal(a->to, NODE5_PA);
	assert_true(a->cross);
	a = arrow(p, "gmc", "vram_start");
	assert_non_null(a);
	assert_int_equal(a->from, NODE2_MC);
	assert_int_equal(a->to, NODE5_MC);

	/* findings without addresses (pin-leak, free-in-suspend, msix) draw nothing */
	assert_null(arrow(p, "pattern2", "bo"));
	assert_null(arrow(p, "pattern1", "bo"));
	assert_null(arrow(p, "ih", "msix"));

	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

static void
test_upstream_draws_only_stale(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;
	const struct map_panel *p;
	const struct map_region *r;

	(void)state;
	run_plan(&plan, &o, "upstream");
	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	p = &pic->panels[0];
	assert_string_equal(p->fix, "upstream");
	assert_int_equal(p->n_arrows, stale_sites(&o.results[0]));
	/*
	 * The 6.17 series keeps every MC copy valid (VRAM at MC 0 on both
	 * nodes) and recomputes PSP/SMU/ucode addresses: those sites are ok,
	 * so they get no arrow. Only the CSA's PTE stays stale
	 * (findings.md §5, PDB0 is VMID0 only).
	 */
	assert_null(arrow(p, "psp", "fw_pri"));
	assert_null(arrow(p, "smu", "driver_table"));
	assert_null(arrow(p, "gfx", "kiq_mqd"));
	assert_null(arrow(p, "gfx", "kcq_mqd_backup_eop"));
	assert_null(arrow(p, "gmc", "vram_start"));
	assert_null(arrow(p, "gmc", "vram_base_offset"));
	assert_int_equal(p->n_arrows, 1);
	assert_non_null(arrow(p, "gfx", "csa"));
	/* the migrate layout: VRAM at MC 0 before and after, the FB aperture view moves */
	r = region(p, MAP_MC, MAP_VRAM_BOOT, 0);
	assert_int_equal(r->first, 0);
	assert_int_equal(r->last, VRAM_SIZE - 1);
	r = region(p, MAP_MC, MAP_VRAM_NOW, 0);
	assert_int_equal(r->first, 0);
	/* §9 Example 4: fb_aper_addr = fb_start + id * seg + offset */
	r = region(p, MAP_MC, MAP_VRAM_BOOT, 1);
	assert_int_equal(r->first, NODE2_MC);
	r = region(p, MAP_MC, MAP_VRAM_NOW, 1);
	assert_int_equal(r->first, NODE5_MC);
	/* §4.2: gart_start = ALIGN(8 * seg, 4 GiB) = ALIGN(0xbf_c000_0000, 4G) = 0xc0_0000_0000 */
	r = region(p, MAP_MC, MAP_GART, 0);
	assert_int_equal(r->first, UINT64_C(0xc000000000));
	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

static void
test_every_strategy_one_panel(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;

	(void)state;
	run_plan(&plan, &o, "all");
	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	assert_int_equal(pic->n_panels, GMCSIM_FIX_COUNT);
	for (size_t i = 0; i < pic->n_panels; i++) {
		assert_string_equal(pic->panels[i].fix, o.results[i].strategy->name);
		assert_int_equal(pic->panels[i].n_arrows, stale_sites(&o.results[i]));
	}
	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

static void
test_layout_vega20(void **state)
{
	struct gmcsim_layout_req req;
	struct gmcsim_layout_result res;
	struct map_picture *pic = NULL;
	const struct map_panel *p;
	const struct map_region *r;

	(void)state;
	gmcsim_layout_req_init(&req);
	assert_int_equal(gmcsim_example_apply(gmcsim_example_find("vega20-hive"), &req, NULL), 0);
	assert_int_equal(gmcsim_layout_run(&req, &res, NULL), 0);
	assert_int_equal(map_from_layout(&res, &pic, NULL), 0);
	p = &pic->panels[0];
	assert_false(p->swap);
	assert_int_equal(p->n_arrows, 0);
	/*
	 * §9 Example 1: FB_LOCATION_BASE 0x8000 -> fb_start 0x80_0000_0000,
	 * LFB_SIZE 0x800 -> seg 0x8_0000_0000 (32 GiB), 4 nodes, this is node 2:
	 * vram_start = 0x80_0000_0000 + 2 * 32 GiB = 0x90_0000_0000, memsize
	 * 32752 MiB -> vram_end 0x90_0000_0000 + 0x7_ff00_0000 - 1.
	 */
	assert_int_equal(count_regions(p, MAP_MC, MAP_SEGMENT), 4);
	r = region(p, MAP_MC, MAP_SEGMENT, 3);
	assert_int_equal(r->first, UINT64_C(0x8000000000) + 3 * UINT64_C(0x800000000));
	r = region(p, MAP_MC, MAP_VRAM_BOOT, 0);
	assert_int_equal(r->first, UINT64_C(0x9000000000));
	assert_int_equal(r->last, UINT64_C(0x9000000000) + UINT64_C(0x7ff000000) - 1);
	assert_null(region(p, MAP_MC, MAP_VRAM_NOW, 0));
	/* the BO at page 0x1234: MC vram_start + 0x123_4000, PA vram_base_offset + the same */
	r = region(p, MAP_MC, MAP_BO, 0);
	assert_int_equal(r->first, UINT64_C(0x9001234000));
	r = region(p, MAP_PHYS, MAP_BO, 0);
	assert_int_equal(r->first, UINT64_C(0x1001234000));
	map_picture_free(pic);
	gmcsim_layout_result_fini(&res);
	gmcsim_layout_req_fini(&req);
}

static void
test_axis(void **state)
{
	struct map_panel p = { 0 };
	struct map_region regions[3] = {
		/* a 512 MiB GART at 0, a 768 GiB hive at 64 GiB: a gap of 63.5 GiB */
		{ MAP_MC, MAP_GART, 0, (UINT64_C(512) << 20) - 1, -1, "GART" },
		{ MAP_MC, MAP_SEGMENT, UINT64_C(64) << 30, (UINT64_C(832) << 30) - 1, 0, "node 0" },
		{ MAP_PHYS, MAP_SEGMENT, 0, 99, 0, "node 0" },
	};
	struct map_axis axis;
	double prev = -1;

	(void)state;
	p.regions = regions;
	p.n_regions = 3;
	map_axis_build(&p, MAP_MC, &axis);
	assert_int_equal(axis.n, 2);
	assert_false(axis.piece[0].break_before);
	assert_true(axis.piece[1].break_before);
	/* the GART stays readable: at least 5 % of the bar, not 512 MiB / 832 GiB */
	assert_true(axis.piece[0].width >= 0.05);
	assert_true(axis.piece[1].x + axis.piece[1].width <= 1.0 + 1e-9);
	for (uint64_t a = 0; a < (UINT64_C(900) << 30); a += UINT64_C(1) << 30) {
		double x = map_axis_x(&axis, a);

		assert_true(x >= prev);
		assert_true(x >= 0 && x <= 1.0 + 1e-9);
		prev = x;
	}
	assert_true(map_axis_x_end(&axis, (UINT64_C(832) << 30) - 1) > 0.999);
	/* the physical bar is one piece, linear */
	map_axis_build(&p, MAP_PHYS, &axis);
	assert_int_equal(axis.n, 1);
	assert_true(map_axis_x(&axis, 50) > 0.49 && map_axis_x(&axis, 50) < 0.51);
}

static void
test_labels(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(map_hex(0, buf, sizeof(buf)), "0x0");
	assert_string_equal(map_hex(0x1234, buf, sizeof(buf)), "0x1234");
	assert_string_equal(map_hex(UINT64_C(0x3ff0102000), buf, sizeof(buf)), "0x3f_f010_2000");
	assert_string_equal(map_hex(UINT64_MAX, buf, sizeof(buf)), "0xffff_ffff_ffff_ffff");
	assert_string_equal(map_shift(NODE2_MC, NODE5_MC, SEG, "x segment", buf, sizeof(buf)),
			    "+3 x segment");
	assert_string_equal(map_shift(NODE5_MC, NODE2_MC, SEG, "seg", buf, sizeof(buf)), "-3 seg");
	assert_string_equal(map_shift(0, 0x1000, SEG, "seg", buf, sizeof(buf)), "+0x1000");
	assert_string_equal(map_shift(7, 7, SEG, "seg", buf, sizeof(buf)), "unchanged");
	/* a control character and the two bytes of an e-acute */
	assert_string_equal(map_ascii("a\001b\303\251", buf, sizeof(buf)), "a?b??");
	assert_string_equal(map_ascii("abcdefghij", buf, 8), "abcd...");
}

/* Render into memory. */
static char *
render(const struct map_picture *pic, bool svg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	assert_non_null(mem);
	assert_int_equal(svg ? map_svg_write(mem, pic) : map_text_write(mem, pic), 0);
	assert_int_equal(fclose(mem), 0);
	return text;
}

/* Every line at most @width columns, every byte printable ASCII. */
static void
assert_terminal_text(const char *text, size_t width)
{
	size_t col = 0;

	for (const char *c = text; *c; c++) {
		if (*c == '\n') {
			col = 0;
			continue;
		}
		assert_true(*c >= 0x20 && *c < 0x7f);
		col++;
		assert_true(col <= width);
	}
}

/* Run xmllint --noout on @text when the test suite found one (XMLLINT). */
static void
xmllint_ok(const char *text)
{
	const char *xmllint = getenv("XMLLINT");
	char path[] = "/tmp/test-sim-map-XXXXXX";
	int fd, status;
	pid_t pid;

	if (!xmllint || !*xmllint)
		return;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(xmllint, xmllint, "--noout", path, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(path);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_hostile_names(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;
	struct check_result *r;
	struct gmcsim_finding *f;
	char *svg, *text;

	(void)state;
	run_plan(&plan, &o, "none");
	/* a harness fills profiles by hand: their names reach the title unchecked */
	snprintf(plan.from.name, sizeof(plan.from.name), "<script>alert(1)</script>");
	/* quotes, a control character, DEL and two bytes that are not UTF-8 */
	snprintf(plan.to.name, sizeof(plan.to.name), "a&b\"c'd\001e\177\377\376");
	snprintf(plan.changes, sizeof(plan.changes), "x<y>z ]]> &amp;");
	/* and a harness block's name reaches an arrow */
	r = &o.results[0];
	f = realloc(r->findings, (r->n_findings + 1) * sizeof(*f));
	assert_non_null(f);
	r->findings = f;
	f = &r->findings[r->n_findings++];
	memset(f, 0, sizeof(*f));
	f->kind = GMCSIM_STALE_MC;
	snprintf(f->block, sizeof(f->block), "<b onload=\"x\">&");
	snprintf(f->site, sizeof(f->site), "s\x02\"'<\xe2\x82");
	f->has_values = true;
	f->cached = NODE2_MC + 0x1000;
	f->fresh = NODE5_MC + 0x1000;

	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	svg = render(pic, true);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<b "));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* the control character, DEL and the bytes that are not UTF-8 become '?' */
	assert_non_null(strstr(svg, "a&amp;b&quot;c&apos;d?e???"));
	assert_non_null(strstr(svg, "x&lt;y&gt;z ]]&gt; &amp;amp;"));
	assert_non_null(strstr(svg, "&lt;b onload=&quot;x&quot;&gt;&amp;/s?&quot;&apos;&lt;?"));
	for (const unsigned char *c = (const unsigned char *)svg; *c; c++)
		assert_true(*c >= 0x20 || *c == '\n');
	/* self-contained: no script, no link, no style sheet, no font file */
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "@import"));
	assert_null(strstr(svg, "url(http"));
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "<image"));
	xmllint_ok(svg);

	text = render(pic, false);
	assert_terminal_text(text, MAP_TEXT_WIDTH);
	assert_null(strstr(text, "\x01"));
	free(text);
	free(svg);
	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

static void
test_text_width(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;
	char *text;

	(void)state;
	run_plan(&plan, &o, "all");
	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	text = render(pic, false);
	assert_terminal_text(text, MAP_TEXT_WIDTH);
	/* one header per strategy, and the line the issue asks for */
	assert_non_null(strstr(text, "== fix none:"));
	assert_non_null(strstr(text, "== fix upstream:"));
	assert_non_null(strstr(text, "    gfx/kcq_mqd_backup_eop (mqd) node 2 0x3f_f"));
	free(text);
	text = render(pic, true);
	xmllint_ok(text);
	free(text);
	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);

	for (size_t i = 0; i < gmcsim_example_count(); i++) {
		struct gmcsim_layout_req req;
		struct gmcsim_layout_result res;

		gmcsim_layout_req_init(&req);
		assert_int_equal(gmcsim_example_apply(gmcsim_example_at(i), &req, NULL), 0);
		assert_int_equal(gmcsim_layout_run(&req, &res, NULL), 0);
		assert_int_equal(map_from_layout(&res, &pic, NULL), 0);
		text = render(pic, false);
		assert_terminal_text(text, MAP_TEXT_WIDTH);
		free(text);
		text = render(pic, true);
		xmllint_ok(text);
		free(text);
		map_picture_free(pic);
		gmcsim_layout_result_fini(&res);
		gmcsim_layout_req_fini(&req);
	}
}

static void
test_refusals(void **state)
{
	struct map_picture *pic = (struct map_picture *)1;
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(map_from_check(NULL, NULL, &pic, &err), -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_ptr_equal(pic, (struct map_picture *)1);
	assert_int_equal(map_from_layout(NULL, &pic, NULL), -EINVAL);
	assert_int_equal(map_svg_write(NULL, NULL), -EINVAL);
	assert_int_equal(map_text_write(stdout, NULL), -EINVAL);
	map_picture_free(NULL);
}

/* A directory of our own for the writer's tests, and a file name in it. */
static void
scratch(char *dir, size_t len, char *file, size_t flen, const char *name)
{
	snprintf(dir, len, "/tmp/test-sim-map-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, flen, "%s/%s", dir, name);
}

/* How many entries @dir holds besides . and .. (a temporary file left behind shows). */
static int
entries(const char *dir)
{
	char cmd[256];
	FILE *ls;
	int n = 0, c;

	snprintf(cmd, sizeof(cmd), "ls -A '%s'", dir);
	ls = popen(cmd, "r");
	assert_non_null(ls);
	while ((c = fgetc(ls)) != EOF)
		n += c == '\n';
	pclose(ls);
	return n;
}

static void
test_write_file(void **state)
{
	char dir[64], file[128], link[128], fifo[128], buf[16] = { 0 };
	struct gmc_error err = { 0 };
	struct stat st;
	int fd;

	(void)state;
	scratch(dir, sizeof(dir), file, sizeof(file), "a.svg");
	/* a new file: written, mode 0644 whatever the umask */
	assert_int_equal(gmcsim_write_file(file, "one", 3, &err), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	/* a regular file is replaced and keeps its mode */
	assert_int_equal(chmod(file, 0640), 0);
	assert_int_equal(gmcsim_write_file(file, "two", 3, &err), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	fd = open(file, O_RDONLY);
	assert_int_equal(read(fd, buf, sizeof(buf)), 3);
	close(fd);
	assert_string_equal(buf, "two");

	/* a directory: refused, still a directory */
	assert_int_equal(gmcsim_write_file(dir, "x", 1, &err), -EISDIR);
	assert_non_null(strstr(err.message, "directory"));
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* a symbolic link: refused, not written through, still a link */
	snprintf(link, sizeof(link), "%s/link.svg", dir);
	assert_int_equal(symlink(file, link), 0);
	assert_int_equal(gmcsim_write_file(link, "three", 5, &err), -ELOOP);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	fd = open(file, O_RDONLY);
	assert_int_equal(read(fd, buf, sizeof(buf)), 3);
	close(fd);
	/* a FIFO: refused (a reader would block on it; a rename would replace it) */
	snprintf(fifo, sizeof(fifo), "%s/fifo.svg", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(gmcsim_write_file(fifo, "x", 1, &err), -EEXIST);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	/* /dev/null: a character device, never replaced (as root a rename would) */
	assert_int_equal(gmcsim_write_file("/dev/null", "x", 1, &err), -EEXIST);
	assert_non_null(strstr(err.message, "character device"));
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* nothing left behind: a.svg, link.svg, fifo.svg */
	assert_int_equal(entries(dir), 3);
	/* no file name */
	assert_int_equal(gmcsim_write_file("", "x", 1, &err), -EINVAL);
	assert_int_equal(gmcsim_write_file(NULL, "x", 1, &err), -EINVAL);

	unlink(fifo);
	unlink(link);
	unlink(file);
	rmdir(dir);
}

static void
test_svg_save(void **state)
{
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct map_picture *pic = NULL;
	struct gmc_error err = { 0 };
	char dir[64], file[128], *text;
	struct stat st;

	(void)state;
	run_plan(&plan, &o, "none");
	assert_int_equal(map_from_check(&plan, &o, &pic, NULL), 0);
	scratch(dir, sizeof(dir), file, sizeof(file), "check.svg");
	assert_int_equal(map_svg_save(pic, file, &err), 0);
	text = render(pic, true);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal((size_t)st.st_size, strlen(text));
	assert_int_equal(map_svg_save(pic, dir, &err), -EISDIR);
	free(text);
	unlink(file);
	rmdir(dir);
	map_picture_free(pic);
	check_outcome_fini(&o);
	check_plan_fini(&plan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_layouts),
		cmocka_unit_test(test_gc944_none),
		cmocka_unit_test(test_upstream_draws_only_stale),
		cmocka_unit_test(test_every_strategy_one_panel),
		cmocka_unit_test(test_layout_vega20),
		cmocka_unit_test(test_axis),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_write_file),
		cmocka_unit_test(test_svg_save),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
