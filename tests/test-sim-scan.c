/* SPDX-License-Identifier: MIT */
/*
 * gmcsim scan without spatch: the pieces between spatch's records and the
 * report. Expression keys, the record and parse-error readers, macro bodies,
 * the guard mapping, the comparison (confirmed, differing, new, missing, one
 * fact at a time), the draft block files (they load back through the
 * catalog's own parser), and the tree checks and the missing-spatch error.
 *
 * Every expectation is read off the input the test itself writes (the
 * record lines, the C text, the block JSON) or off docs/scan.md and
 * docs/catalog.md; none is copied from the scan's output.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"

#include <json-c/json.h>

#include <gmc/gmcsim.h>

#include "scan-config.h"
#include "scan.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must name tests/data"
#endif

#define BIT(h) (1u << GMCSIM_HOOK_##h)

/* ------------------------------------------------------------------ */
/* Expressions                                                          */
/* ------------------------------------------------------------------ */

static void
test_expr_keys(void **state)
{
	char buf[128];
	const char *parts[8];
	size_t lens[8];

	(void)state;
	/* the last two members, '.' and '->' alike, & and casts skipped */
	assert_string_equal(
		gmcsim_scan_expr_key("&adev->gfx.rlc.clear_state_gpu_addr", 2, buf, sizeof(buf)),
		"rlc.clear_state_gpu_addr");
	assert_string_equal(gmcsim_scan_expr_key("(void **)&psp->cmd_buf_mem", 2, buf, sizeof(buf)),
			    "psp.cmd_buf_mem");
	/* a variable index is dropped, a constant one (an enum name) kept */
	assert_string_equal(
		gmcsim_scan_expr_key("&adev->mes.eop_gpu_addr[pipe]", 2, buf, sizeof(buf)),
		"mes.eop_gpu_addr");
	assert_string_equal(gmcsim_scan_expr_key("&tables[SMU_TABLE_PMSTATUSLOG].mc_address", 2,
						 buf, sizeof(buf)),
			    "tables[SMU_TABLE_PMSTATUSLOG].mc_address");
	/* the parenthesised argument of a macro body */
	assert_string_equal(gmcsim_scan_expr_key("(psp)->funcs", 2, buf, sizeof(buf)), "psp.funcs");
	assert_string_equal(gmcsim_scan_expr_key("&mem_ctx->shared_bo", 1, buf, sizeof(buf)),
			    "shared_bo");
	/* arithmetic is no member chain */
	assert_null(gmcsim_scan_expr_key("ring->gpu_addr >> 8", 2, buf, sizeof(buf)));
	assert_int_equal(
		gmcsim_scan_expr_chain("adev->ip_blocks[i].version->funcs", parts, lens, 8), 4);
	assert_true(gmcsim_scan_expr_is_null("NULL"));
	assert_true(gmcsim_scan_expr_is_null("0"));
	assert_false(gmcsim_scan_expr_is_null("&addr"));
	assert_true(gmcsim_scan_expr_is_member("&adev->wb.gpu_addr"));
	assert_false(gmcsim_scan_expr_is_member("&addr"));
}

static void
test_hook_fields(void **state)
{
	enum gmcsim_hook h;

	(void)state;
	/* docs/scan.md: amd_ip_funcs fields and the v1 hook each stands for */
	assert_int_equal(gmcsim_scan_hook_from_field("sw_init", &h), 0);
	assert_int_equal(h, GMCSIM_HOOK_SW_INIT);
	assert_int_equal(gmcsim_scan_hook_from_field("prepare_suspend", &h), 0);
	assert_int_equal(h, GMCSIM_HOOK_SUSPEND);
	assert_int_equal(gmcsim_scan_hook_from_field("early_fini", &h), 0);
	assert_int_equal(h, GMCSIM_HOOK_HW_FINI);
	assert_int_equal(gmcsim_scan_hook_from_field("late_fini", &h), 0);
	assert_int_equal(h, GMCSIM_HOOK_SW_FINI);
	assert_int_equal(gmcsim_scan_hook_from_field("set_powergating_state", &h), -ENOENT);
	assert_int_equal(gmcsim_scan_hook_first(BIT(RESUME) | BIT(HW_INIT)), GMCSIM_HOOK_HW_INIT);
	assert_int_equal(gmcsim_scan_hook_first(0), GMCSIM_HOOK_COUNT);
}

/* ------------------------------------------------------------------ */
/* Records and parse errors                                             */
/* ------------------------------------------------------------------ */

static void
test_records_split(void **state)
{
	char text[] = "init_defs_builtins: /usr/lib/coccinelle/standard.h\n"
		      "K\tamdgpu/a.c\t12\tfoo_init\tamdgpu_bo_create_kernel\tPAGE_SIZE\t"
		      "AMDGPU_GEM_DOMAIN_GTT\t&adev->foo.bo\t&adev->foo.gpu_addr\tNULL\n"
		      "C\tamdgpu/a.c\t30\tfoo_sw_init\tfoo_init\n"
		      "X\tnot\ta\trecord\n"
		      "C\tamdgpu/a.c\tnot-a-line\tf\tg\n"
		      "C\tamdgpu/a.c\t31\n";
	struct gmcsim_scan_vec recs = { 0 };
	const struct gmcsim_scan_rec *r;

	(void)state;
	assert_int_equal(gmcsim_scan_records_split(text, &recs), 0);
	/* the banner, an unknown kind, a bad line number and a short line are not records */
	assert_int_equal(recs.n, 2);
	r = recs.data;
	assert_int_equal(r[0].kind, 'K');
	assert_string_equal(r[0].file, "amdgpu/a.c");
	assert_int_equal(r[0].line, 12);
	assert_string_equal(r[0].func, "foo_init");
	assert_int_equal(r[0].nf, 6);
	assert_string_equal(r[0].f[3], "&adev->foo.bo");
	assert_string_equal(r[0].f[5], "NULL");
	assert_int_equal(r[1].kind, 'C');
	assert_string_equal(r[1].f[0], "foo_init");
	gmcsim_scan_vec_fini(&recs);
}

static void
test_parse_errors(void **state)
{
	/* what spatch --parse-error-msg prints on stderr */
	const char *err = "HANDLING: amdgpu/a.c\n"
			  "parse error \n"
			  " = error in amdgpu/a.c; set verbose_parsing for more info\n"
			  "badcount: 3\n"
			  "bad: int broken(void)\n"
			  "BAD:!!!!! \tr = amdgpu_bo_create_kernel(adev, +* );\n"
			  "bad: }\n"
			  "HANDLING: amdgpu/b.c\n"
			  "parse error \n"
			  " = error in amdgpu/b.c; set verbose_parsing for more info\n"
			  "badcount: 1\n"
			  "BAD:!!!!! \tscoped_guard(mutex, &lock) {\n"
			  "parse error \n"
			  " = error in amdgpu/a.c; set verbose_parsing for more info\n"
			  "badcount: 1\n"
			  "BAD:!!!!! x\n";
	static const char *const tokens[] = { "amdgpu_bo_create_kernel", NULL };
	struct gmcsim_scan_tree t = { 0 };
	const struct gmcsim_scan_problem *p;

	(void)state;
	t.problems.item = sizeof(struct gmcsim_scan_problem);
	assert_int_equal(gmcsim_scan_records_parse_errors(err, &t, tokens), 0);
	/* one problem per file: a.c's two reports (3 + 1 lines) together */
	assert_int_equal(t.problems.n, 2);
	p = t.problems.data;
	assert_string_equal(p[0].file, "amdgpu/a.c");
	assert_true(p[0].missed); /* its unparsed code names the helper */
	assert_non_null(strstr(p[0].what, "4 lines"));
	assert_string_equal(p[1].file, "amdgpu/b.c");
	assert_false(p[1].missed);
	/* a second pass over the same file adds nothing */
	assert_int_equal(gmcsim_scan_records_parse_errors(err, &t, tokens), 0);
	assert_int_equal(t.problems.n, 2);
	gmcsim_scan_tree_fini(&t);
}

/* ------------------------------------------------------------------ */
/* Macro bodies                                                         */
/* ------------------------------------------------------------------ */

struct calls {
	char names[8][64];
	char bases[8][64];
	char args[8][64];
	bool field[8];
	unsigned n;
};

static void
record_call(void *data, const struct gmcsim_scan_macro_call *call)
{
	struct calls *c = data;

	if (c->n >= 8)
		return;
	snprintf(c->names[c->n], 64, "%.*s", (int)call->len, call->name);
	snprintf(c->bases[c->n], 64, "%.*s", (int)call->base_len, call->base ? call->base : "");
	snprintf(c->args[c->n], 64, "%.*s", (int)call->args_len, call->args);
	c->field[c->n] = call->field;
	c->n++;
}

static void
test_macro_calls(void **state)
{
	struct calls c = { 0 };

	(void)state;
	/* amdgpu_psp.h-style: ((psp)->funcs->ring_create((psp), (type))) */
	gmcsim_scan_macro_calls("((psp)->funcs->ring_create((psp), (type)))", record_call, &c);
	assert_int_equal(c.n, 1);
	assert_true(c.field[0]);
	assert_string_equal(c.names[0], "ring_create");
	assert_string_equal(c.bases[0], "(psp)->funcs");
	assert_string_equal(c.args[0], "(psp), (type)");

	memset(&c, 0, sizeof(c));
	/* a direct call, a keyword and a string are told apart */
	gmcsim_scan_macro_calls("do { if (x) foo_start(a, \"b(\"); } while (0)", record_call, &c);
	assert_int_equal(c.n, 1);
	assert_false(c.field[0]);
	assert_string_equal(c.names[0], "foo_start");
	assert_string_equal(c.args[0], "a, \"b(\"");
}

/* ------------------------------------------------------------------ */
/* Guards                                                               */
/* ------------------------------------------------------------------ */

/* A function, lines 1-16, written as the 'G' records below describe it. */
static const char guard_text[] = "static int foo_init(struct amdgpu_device *adev)\n"	     /* 1 */
				 "{\n"							     /* 2 */
				 "\tif (amdgpu_sriov_vf(adev))\n"			     /* 3 */
				 "\t\treturn 0;\n"					     /* 4 */
				 "\tif (adev->firmware.load_type == AMDGPU_FW_LOAD_PSP &&\n" /* 5 */
				 "\t    adev->pg_flags & AMD_PG_SUPPORT_VCN_DPG) {\n"	     /* 6 */
				 "\t\tif (!adev->foo.bo)\n"				     /* 7 */
				 "\t\t\tcreate(adev);\n"				     /* 8 */
				 "\t}\n"						     /* 9 */
				 "\tswitch (amdgpu_ip_version(adev, MP0_HWIP, 0)) {\n" /* 10 */
				 "\tcase IP_VERSION(13, 0, 6):\n"		       /* 11 */
				 "\tcase IP_VERSION(13, 0, 14):\n"		       /* 12 */
				 "\t\tcreate(adev);\n"				       /* 13 */
				 "\t\tbreak;\n"					       /* 14 */
				 "\t}\n"					       /* 15 */
				 "}\n";						       /* 16 */

static void
test_guards(void **state)
{
	/* 'G' records: if line, then span, else span, condition */
	char recs_text[] = "G\ta.c\t3\tfoo_init\t4\t4\t\t\tamdgpu_sriov_vf(adev)\n"
			   "G\ta.c\t5\tfoo_init\t6\t9\t\t\tadev->firmware.load_type == "
			   "AMDGPU_FW_LOAD_PSP && adev->pg_flags & AMD_PG_SUPPORT_VCN_DPG\n"
			   "G\ta.c\t7\tfoo_init\t8\t8\t\t\t!adev->foo.bo\n";
	struct gmcsim_scan_vec recs = { 0 };
	struct gmcsim_scan_guard_index gi;
	struct gmcsim_scan_arena a = { 0 };
	struct gmcsim_scan_cond c = { 0 }, d = { 0 };
	const char *lazy[] = { "bo", NULL };
	struct json_object *o;

	(void)state;
	assert_int_equal(gmcsim_scan_records_split(recs_text, &recs), 0);
	assert_int_equal(gmcsim_scan_guard_index_init(&gi, &a, &recs), 0);

	/* line 8: after the SR-IOV early return, inside the load-type and DPG if, behind
	 * the NULL check */
	assert_int_equal(
		gmcsim_scan_guards_at(&c, &a, &gi, "a.c", "foo_init", 1, 8, guard_text, lazy), 0);
	assert_string_equal(c.sriov, "bare-metal");
	assert_string_equal(c.fw_load, "psp");
	assert_string_equal(c.pg[0], "vcn_dpg");
	assert_true(c.null_check);
	assert_null(c.verbatim[0]);
	o = gmcsim_scan_cond_json(&c);
	assert_non_null(o);
	assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			    "{\"sriov\":\"bare-metal\",\"fw_load\":\"psp\",\"pg\":[\"vcn_dpg\"]}");
	json_object_put(o);

	/* line 13: the two MP0 versions of the switch, in source order */
	assert_int_equal(
		gmcsim_scan_guards_at(&d, &a, &gi, "a.c", "foo_init", 1, 13, guard_text, NULL), 0);
	assert_string_equal(d.mp0[0], "13.0.6");
	assert_string_equal(d.mp0[1], "13.0.14");
	assert_null(d.mp0[2]);
	assert_false(gmcsim_scan_cond_empty(&d));

	gmcsim_scan_guard_index_fini(&gi);
	gmcsim_scan_vec_fini(&recs);
	gmcsim_scan_arena_fini(&a);
}

static void
test_guard_verbatim(void **state)
{
	/* an early return whose condition maps to nothing, and one that is a
	 * disjunction of MP0 versions (negated: the site holds on neither) */
	char recs_text[] = "G\tb.c\t3\tbar\t4\t4\t\t\tadev->gmc.xgmi.connected_to_cpu\n"
			   "G\tb.c\t5\tbar\t6\t6\t\t\tamdgpu_ip_version(adev, MP0_HWIP, 0) == "
			   "IP_VERSION(13, 0, 6) || amdgpu_ip_version(adev, MP0_HWIP, 0) == "
			   "IP_VERSION(13, 0, 14)\n";
	static const char text[] =
		"static int bar(struct amdgpu_device *adev)\n"
		"{\n"
		"\tif (adev->gmc.xgmi.connected_to_cpu)\n"
		"\t\treturn 0;\n"
		"\tif (amdgpu_ip_version(adev, MP0_HWIP, 0) == IP_VERSION(13, 0, 6) || "
		"amdgpu_ip_version(adev, MP0_HWIP, 0) == IP_VERSION(13, 0, 14))\n"
		"\t\treturn 0;\n"
		"\tcreate(adev);\n"
		"}\n";
	struct gmcsim_scan_vec recs = { 0 };
	struct gmcsim_scan_guard_index gi;
	struct gmcsim_scan_arena a = { 0 };
	struct gmcsim_scan_cond c = { 0 };

	(void)state;
	assert_int_equal(gmcsim_scan_records_split(recs_text, &recs), 0);
	assert_int_equal(gmcsim_scan_guard_index_init(&gi, &a, &recs), 0);
	assert_int_equal(gmcsim_scan_guards_at(&c, &a, &gi, "b.c", "bar", 1, 7, text, NULL), 0);
	assert_string_equal(c.verbatim[0], "!(adev->gmc.xgmi.connected_to_cpu)");
	assert_string_equal(c.mp0_not[0], "13.0.6");
	assert_string_equal(c.mp0_not[1], "13.0.14");
	assert_string_equal(c.where[0], "b.c:bar");
	gmcsim_scan_guard_index_fini(&gi);
	gmcsim_scan_vec_fini(&recs);
	gmcsim_scan_arena_fini(&a);
}

/* ------------------------------------------------------------------ */
/* The comparison and the drafts, on a scan built by hand               */
/* ------------------------------------------------------------------ */

/* A scanned site, as gmcsim_scan_sites_build() would leave it. */
static void
site_fill(struct gmcsim_scan_site *t, const char *name, enum gmcsim_hook create,
	  enum gmcsim_hook free_in, unsigned domain, const char *gpu, unsigned consume)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->block, sizeof(t->block), "foo");
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->file = "amdgpu/amdgpu_foo.c";
	t->line = 10;
	t->func = "foo_sw_init";
	t->helper = "amdgpu_bo_create_kernel";
	t->slot = "&adev->foo.bo";
	t->gpu = gpu;
	t->cpu = "NULL";
	t->size = "PAGE_SIZE";
	t->size_value = 0x1000;
	t->domain_expr = "AMDGPU_GEM_DOMAIN_GTT";
	t->domain = domain;
	t->keep = gpu ? GMCSIM_SCAN_KEEP_FIELD : GMCSIM_SCAN_KEEP_NONE;
	t->cls = GMCSIM_SCAN_CANDIDATE;
	t->create = create;
	t->create_hooks = 1u << create;
	t->free_in = free_in;
	t->free_hooks = 1u << free_in;
	t->consume_hooks = consume;
	t->gc = "";
	t->parent = -1;
	t->frees.item = t->uses.item = sizeof(struct gmcsim_scan_use);
}

/* Three sites: ring and fw agree with the block file below, except fw's domain; extra is
 * in no catalog. */
static struct gmcsim_scan *
scan_by_hand(void)
{
	struct gmcsim_scan *s = calloc(1, sizeof(*s));
	struct gmcsim_scan_site *t;

	assert_non_null(s);
	s->sites.item = sizeof(struct gmcsim_scan_site);
	snprintf(s->tree.kernel, sizeof(s->tree.kernel), "6.99");
	snprintf(s->tree.version, sizeof(s->tree.version), "6.99.1");
	s->tree.amd = "/x/drivers/gpu/drm/amd";
	s->tree.root = "/x";
	s->complete = true;
	t = gmcsim_scan_vec_push(&s->sites);
	site_fill(t, "ring", GMCSIM_HOOK_SW_INIT, GMCSIM_HOOK_SW_FINI, GMC_DOMAIN_GTT,
		  "&adev->foo.ring_gpu_addr", BIT(HW_INIT) | BIT(RESUME));
	t = gmcsim_scan_vec_push(&s->sites);
	site_fill(t, "fw", GMCSIM_HOOK_HW_INIT, GMCSIM_HOOK_SUSPEND, GMC_DOMAIN_VRAM,
		  "&adev->foo.fw_gpu_addr", BIT(HW_INIT) | BIT(RESUME));
	t->recreate = true;
	t->create_hooks |= BIT(RESUME);
	t = gmcsim_scan_vec_push(&s->sites);
	site_fill(t, "extra", GMCSIM_HOOK_SW_INIT, GMCSIM_HOOK_SW_FINI, GMC_DOMAIN_GTT,
		  "&adev->foo.extra_gpu_addr", BIT(RESUME));
	t->exists.sriov = "vf";
	return s;
}

static void
scan_by_hand_free(struct gmcsim_scan *s)
{
	for (size_t i = 0; i < s->sites.n; i++) {
		gmcsim_scan_vec_fini(&gmcsim_scan_site_at(s, i)->frees);
		gmcsim_scan_vec_fini(&gmcsim_scan_site_at(s, i)->uses);
	}
	gmcsim_scan_vec_fini(&s->sites);
	gmcsim_scan_arena_fini(&s->tree.arena);
	free(s);
}

/* docs/catalog.md vocabulary: ring as scanned; fw with GTT where the tree has VRAM; ghost
 * nowhere in the tree. */
static const char block_json[] =
	"{ \"block\": \"foo\", \"order\": 500, \"sites\": ["
	"{ \"name\": \"ring\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", \"domain\": "
	"\"gtt\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", \"consume\": "
	"[\"hw_init\", \"resume\"] },"
	"{ \"name\": \"fw\", \"create\": \"hw_init\", \"recreate_on_resume\": true, \"free_in\": "
	"\"suspend\", \"domain\": \"gtt\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", "
	"\"consume\": [\"hw_init\", \"resume\"] },"
	"{ \"name\": \"ghost\", \"create\": \"sw_init\", \"free_in\": \"sw_fini\", \"domain\": "
	"\"vram\", \"size\": 4096, \"cache\": \"field\", \"addr\": \"mc\", \"consume\": "
	"[\"resume\"] } ] }";

static const struct gmcsim_scan_row *
row_of(const struct gmcsim_scan_comparison *c, const char *site)
{
	for (size_t i = 0; i < c->rows.n; i++) {
		const struct gmcsim_scan_row *r = (const struct gmcsim_scan_row *)c->rows.data + i;

		if (r->site && strcmp(r->site->name, site) == 0)
			return r;
	}
	fail_msg("no row for %s", site);
	return NULL;
}

static const struct gmcsim_scan_fact *
fact_of(const struct gmcsim_scan_row *r, const char *key)
{
	for (unsigned i = 0; i < r->n_facts; i++) {
		if (strcmp(r->facts[i].key, key) == 0)
			return &r->facts[i];
	}
	fail_msg("no fact %s", key);
	return NULL;
}

static void
test_compare(void **state)
{
	struct gmcsim_scan *s = scan_by_hand();
	struct gmcsim_scan_comparison c;
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	const struct gmcsim_scan_row *r;
	size_t n = 0;

	(void)state;
	assert_int_equal(gmcsim_sites_parse(block_json, &sites, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(gmcsim_scan_compare(s, sites, n, "foo.json", &c), 0);

	/* ring: every fact agrees; gc "every part" on both sides */
	r = row_of(&c, "ring");
	assert_int_equal(r->status, GMCSIM_SCAN_CONFIRMED);
	assert_true(r->recovered);
	assert_int_equal(fact_of(r, "create")->verdict, GMCSIM_SCAN_AGREE);
	assert_int_equal(fact_of(r, "consume")->verdict, GMCSIM_SCAN_AGREE);
	assert_int_equal(fact_of(r, "gc")->verdict, GMCSIM_SCAN_AGREE);

	/* fw: the domain differs, both values named; the rest agrees */
	r = row_of(&c, "fw");
	assert_int_equal(r->status, GMCSIM_SCAN_DIFFERING);
	assert_int_equal(fact_of(r, "domain")->verdict, GMCSIM_SCAN_DIFFER);
	assert_string_equal(fact_of(r, "domain")->catalog, "gtt");
	assert_string_equal(fact_of(r, "domain")->tree, "vram");
	assert_int_equal(fact_of(r, "resume")->verdict, GMCSIM_SCAN_AGREE);
	assert_int_equal(fact_of(r, "free_in")->verdict, GMCSIM_SCAN_AGREE);
	assert_false(r->recovered);

	/* ghost: in the file, not in the tree; extra: in the tree, not in the file */
	assert_int_equal(row_of(&c, "ghost")->status, GMCSIM_SCAN_MISSING);
	assert_int_equal(c.n[GMCSIM_SCAN_CONFIRMED], 1);
	assert_int_equal(c.n[GMCSIM_SCAN_DIFFERING], 1);
	assert_int_equal(c.n[GMCSIM_SCAN_MISSING], 1);
	assert_int_equal(c.n[GMCSIM_SCAN_NEW], 1);
	for (size_t i = 0; i < c.rows.n; i++) {
		r = (const struct gmcsim_scan_row *)c.rows.data + i;
		if (r->status == GMCSIM_SCAN_NEW)
			assert_string_equal(gmcsim_scan_site_at(s, (size_t)r->scanned)->name,
					    "extra");
	}
	/* recall: ring of the three catalog sites */
	assert_int_equal(c.scannable, 3);
	assert_int_equal(c.recovered, 1);

	gmcsim_scan_comparison_fini(&c);
	free(sites);
	scan_by_hand_free(s);
}

static void
test_compare_builtin_unscannable(void **state)
{
	struct gmcsim_scan *s = scan_by_hand();
	struct gmcsim_scan_comparison c;
	size_t n = gmcsim_catalog_count(), unscannable = 0;
	struct gmcsim_site *sites = calloc(n, sizeof(*sites));

	(void)state;
	assert_non_null(sites);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(gmcsim_catalog_at(i, &sites[i]), 0);
	assert_int_equal(gmcsim_scan_compare(s, sites, n, "built-in", &c), 0);
	/* docs/scan.md: the RFC's three synthetic blocks, the VCN firmware state and the
	 * EOP copy in the KCQ MQD's CPU backup have no call site of their own; every
	 * other built-in site is looked for, and this tree has none */
	for (size_t i = 0; i < c.rows.n; i++) {
		const struct gmcsim_scan_row *r = (const struct gmcsim_scan_row *)c.rows.data + i;

		if (r->status == GMCSIM_SCAN_UNSCANNABLE)
			unscannable++;
	}
	assert_int_equal(unscannable, 5);
	assert_int_equal(c.n[GMCSIM_SCAN_MISSING], n - 5);
	assert_int_equal(c.scannable, n - 5);
	assert_int_equal(c.n[GMCSIM_SCAN_NEW], 3);
	gmcsim_scan_comparison_fini(&c);
	free(sites);
	scan_by_hand_free(s);
}

static void
test_drafts_load_back(void **state)
{
	struct gmcsim_scan *s = scan_by_hand();
	struct json_object *v1 = json_object_new_array(), *v2 = json_object_new_array();
	struct json_object *block, *site, *val;
	struct gmcsim_site *sites = NULL;
	struct gmc_error err = { 0 };
	size_t n = 0;

	(void)state;
	assert_int_equal(gmcsim_scan_blocks_json(s, GMCSIM_SCAN_V1, v1), 0);
	assert_int_equal(gmcsim_scan_blocks_json(s, GMCSIM_SCAN_V2, v2), 0);
	/* one block, foo, in scan-foo.json */
	assert_int_equal(json_object_array_length(v1), 1);
	assert_true(json_object_object_get_ex(json_object_array_get_idx(v1, 0), "file", &val));
	assert_string_equal(json_object_get_string(val), "scan-foo.json");
	assert_true(json_object_object_get_ex(json_object_array_get_idx(v1, 0), "block", &block));

	/* the v1 draft parses with the catalog's own parser and says what the scan found */
	assert_int_equal(gmcsim_sites_parse(json_object_to_json_string(block), &sites, &n, &err),
			 0);
	assert_int_equal(n, 3);
	assert_string_equal(sites[1].name, "fw");
	assert_int_equal(sites[1].create, GMCSIM_HOOK_HW_INIT);
	assert_true(sites[1].recreate_on_resume);
	assert_int_equal(sites[1].free_in, GMCSIM_HOOK_SUSPEND);
	assert_int_equal(sites[1].domain, GMC_DOMAIN_VRAM);
	assert_int_equal(sites[1].consume, BIT(HW_INIT) | BIT(RESUME));
	free(sites);

	/* v2 adds exists (extra only), status, note and cite */
	assert_true(json_object_object_get_ex(json_object_array_get_idx(v2, 0), "block", &block));
	assert_true(json_object_object_get_ex(block, "sites", &val));
	site = json_object_array_get_idx(val, 2);
	assert_true(json_object_object_get_ex(site, "exists", &val));
	assert_string_equal(json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN),
			    "{\"sriov\":\"vf\"}");
	assert_true(json_object_object_get_ex(site, "cite", &val));
	assert_true(json_object_object_get_ex(val, "kernel", &val));
	assert_string_equal(json_object_get_string(val), "6.99");
	assert_true(json_object_object_get_ex(site, "status", &val));
	assert_string_equal(json_object_get_string(val), "uncertain");
	site = json_object_array_get_idx(json_object_object_get(block, "sites"), 0);
	assert_false(json_object_object_get_ex(site, "exists", NULL));

	json_object_put(v1);
	json_object_put(v2);
	scan_by_hand_free(s);
}

/* ------------------------------------------------------------------ */
/* The tree and spatch                                                  */
/* ------------------------------------------------------------------ */

static void
test_tree_errors(void **state)
{
	struct gmcsim_scan_tree t;
	struct gmc_error err = { 0 };
	char path[512];

	(void)state;
	assert_int_equal(gmcsim_scan_tree_open(TEST_DATA_DIR "/scan/no-such-dir", &t, &err),
			 -ENOENT);
	assert_int_equal(err.code, -ENOENT);
	snprintf(path, sizeof(path), "%s/scan/tree/Makefile", TEST_DATA_DIR);
	assert_int_equal(gmcsim_scan_tree_open(path, &t, &err), -EINVAL);
	assert_non_null(strstr(err.message, "is a file"));
	/* a directory with sources but no amdgpu/ below it */
	assert_int_equal(gmcsim_scan_tree_open(TEST_DATA_DIR "/scan", &t, &err), -ENODEV);
	assert_non_null(strstr(err.message, "no amdgpu"));
}

static void
test_tree_fixture(void **state)
{
	struct gmcsim_scan_tree t;
	struct gmc_error err = { 0 };
	size_t c = 0, h = 0;

	(void)state;
	/* tests/data/scan/tree: a Makefile with VERSION 6, PATCHLEVEL 99, SUBLEVEL 1, and
	 * amdgpu_device.c, amdgpu_xyz.c, amdgpu_xyz.h below drivers/gpu/drm/amd/amdgpu */
	assert_int_equal(gmcsim_scan_tree_open(TEST_DATA_DIR "/scan/tree", &t, &err), 0);
	assert_string_equal(t.kernel, "6.99");
	assert_string_equal(t.version, "6.99.1");
	for (size_t i = 0; i < t.files.n; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(&t, i);

		assert_non_null(f->text);
		if (f->header)
			h++;
		else
			c++;
	}
	assert_int_equal(c, 2);
	assert_int_equal(h, 1);
	assert_string_equal(gmcsim_scan_tree_file(&t, 0)->path, "amdgpu/amdgpu_device.c");
	assert_int_equal(t.problems.n, 0);
	gmcsim_scan_tree_fini(&t);
}

static void
test_spatch_missing(void **state)
{
	struct gmcsim_scan_opts o = { .dir = TEST_DATA_DIR "/scan/tree",
				      .spatch = "/nonexistent/spatch" };
	struct gmcsim_scan *s = NULL;
	struct gmc_error err = { 0 };

	(void)state;
	/* docs/scan.md: without spatch the scan says what to install and fails;
	 * built with -Dcoccinelle=disabled it says that instead */
	if (!GMCSIM_SCAN_ENABLED) {
		assert_int_equal(gmcsim_scan_run(&o, &s, &err), -ENOTSUP);
		assert_non_null(strstr(err.message, "-Dcoccinelle=disabled"));
		return;
	}
	assert_int_equal(gmcsim_scan_run(&o, &s, &err), -ENOENT);
	assert_null(s);
	assert_non_null(strstr(err.message, "install Coccinelle"));
	assert_non_null(strstr(err.message, "apt-get install coccinelle"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr_keys),
		cmocka_unit_test(test_hook_fields),
		cmocka_unit_test(test_records_split),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_macro_calls),
		cmocka_unit_test(test_guards),
		cmocka_unit_test(test_guard_verbatim),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_compare_builtin_unscannable),
		cmocka_unit_test(test_drafts_load_back),
		cmocka_unit_test(test_tree_errors),
		cmocka_unit_test(test_tree_fixture),
		cmocka_unit_test(test_spatch_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
