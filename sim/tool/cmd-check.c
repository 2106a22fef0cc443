/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim check`: what breaks when a guest hibernates on one vGPU and
 * resumes on another, per IP block and per fix strategy.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-plan.h"
#include "cmd.h"
#include "table.h"
#include "util.h"

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim check [OPTIONS]\n"
		"\n"
		"Boot the modelled driver on one vGPU, hibernate, resume it on another and report\n"
		"every cached address that went stale, per IP block and fix strategy.\n"
		"With no options: gc944 XGMI node 2 -> node 5, the whole catalog, every fix.\n"
		"\n"
		"  --pair NAME         a built-in profile pair (default gc944-node2-to-node5)\n"
		"  --from PROFILE      the vGPU the guest boots on (built-in name or JSON file);\n"
		"                      with --to, instead of --pair\n"
		"  --to PROFILE        the vGPU it resumes on\n"
		"  --blocks LIST       built-in blocks, comma-separated, 'all' (default) or\n"
		"                      'none'; may name --block-file blocks too (they always run)\n"
		"  --block-file FILE   add a block described in JSON (repeatable); its name may\n"
		"                      not be a built-in block's; a block none of whose sites\n"
		"                      applies to the profile is named on stderr\n"
		"  --fix LIST          none,rfc,rfc-all,p2-pinfix,upstream or 'all' (default)\n"
		"  --fix-file FILE     add a fix strategy described in JSON (repeatable); with\n"
		"                      no --fix, only the files' strategies run\n"
		"  --swap-at POINT     before-suspend, after-suspend:BLOCK, after-suspend\n"
		"                      (default), resume:BLOCK, after-resume; a comma list runs each\n"
		"  --cycles N          suspend/resume cycles, 1-100 (default 1); a list runs each\n"
		"  --kernel VERSION    whose driver facts the catalog uses: 6.12, 6.17 or\n"
		"                      6.18 (default, the newest)\n"
		"  --assume LIST       what the host does for the driver: host-restores-msix\n"
		"                      (default none: such findings are reported)\n"
		"  --scenario FILE     take all of the above from a JSON scenario file; a flag\n"
		"                      may not set again what the scenario sets\n"
		"  --fail-on SEVERITY  info, warning, error (default) or critical\n"
		"  --json              print one JSON document\n"
		"  --svg FILE          also draw the address map of every run as SVG ('-': on\n"
		"                      standard output instead of the table; exit 2 when FILE\n"
		"                      cannot be written: a directory, a link, a device)\n"
		"  --map               print the same picture as text instead of the table\n"
		"  --sites             list every site: used, not consumed or absent, and why\n"
		"  --explain B/S       a site's facts, conditions and kernel sources, e.g. psp/tmr\n"
		"  --summary           print only the header and the table(s), no finding lines\n"
		"  --no-legend         leave out the legend line under the tables\n"
		"  --wide              let tables be as wide as they are (default: 100 columns,\n"
		"                      wider ones are split into column groups)\n"
		"  -h, --help          show this help\n"
		"\n"
		"Fix strategies (--fix):\n"
		"  none        the driver before any fix: nothing is recomputed on resume\n"
		"  rfc         the Jan 2025 RFC: XGMI info and mc_init redone on resume\n"
		"  rfc-all     rfc, plus its refresh helper before every consumer (hypothetical)\n"
		"  p2-pinfix   none, plus pattern 2's re-create dropping its previous pin\n"
		"  upstream    the Linux 6.17 series; its gate opens on a GC 9.4.4 VF only\n"
		"'gmcsim fix show NAME --json' prints each as a fix file to start your own\n"
		"from (--fix-file, docs/fixes.md).\n"
		"\n"
		"A cell names the block's worst finding above info and '+N' its N other ones;\n"
		"'(xN)' counts how often a finding was seen; 'gate open/closed' says whether\n"
		"upstream's fix acts on this part (closed: it behaves as none).\n"
		"Documentation: gmcsim-check(1); docs/findings.md explains the findings,\n"
		"docs/catalog.md the sites.\n"
		"\n"
		"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input.\n");
}

/* What shapes the text output. */
struct text_opts {
	size_t width; /* tables: 0 for --wide */
	bool legend;
	bool details; /* the finding lines; not with --summary */
};

static void
print_text(const struct check_plan *plan, const struct check_outcome *o,
	   const struct text_opts *opts)
{
	printf("gmcsim check: %s -> %s (%s), kernel %s\n", plan->from.name, plan->to.name,
	       plan->changes, gmcsim_kernel_name(plan->kernel));
	gmcsim_print_check_tables(stdout, plan, o, opts->width);
	if (opts->legend)
		gmcsim_print_check_legend(stdout, opts->details);
	if (!opts->details)
		return;

	for (size_t r = 0; r < o->n; r++) {
		const struct check_result *res = &o->results[r];
		char where[GMCSIM_NAME_MAX * 2];

		printf("\n== fix %s (swap %s, %u cycle%s%s): %zu finding%s\n", res->strategy->name,
		       gmcsim_swap_format(&res->swap, where, sizeof(where)), res->cycles,
		       res->cycles == 1 ? "" : "s",
		       res->strategy->layout == GMCSIM_LAYOUT_6_17
			       ? (res->gate ? ", gate open" : ", gate closed")
			       : "",
		       res->n_findings, res->n_findings == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_findings; i++) {
			const struct gmcsim_finding *f = &res->findings[i];
			/* a finding can quote a block file's text */
			char step[4 * sizeof(f->step)], detail[4 * sizeof(f->detail)];

			printf("  %-8s %-16s %s/%s at %s", gmcsim_severity_name(f->severity),
			       gmcsim_finding_kind_name(f->kind), f->block, f->site,
			       gmcsim_term_text(f->step, step, sizeof(step)));
			if (f->count > 1)
				printf(" (x%u)", f->count);
			if (f->uncertain)
				printf(" [uncertain: see --explain %s/%s]", f->block, f->site);
			printf("\n           %s",
			       gmcsim_term_text(f->detail, detail, sizeof(detail)));
			if (f->has_values)
				printf(": cached 0x%" PRIx64 ", now 0x%" PRIx64, f->cached,
				       f->fresh);
			printf("\n");
		}
	}
}

/* A flag and the scenario key that sets the same thing. */
struct same_setting {
	int opt;
	const char *flag, *key;
};

/*
 * Refuse options that would silently override one another: --pair with
 * --from/--to, --from without --to (or the reverse), and a flag that sets
 * what the scenario file sets too. @p same lists the flags, the profiles'
 * three first.
 */
static int
check_conflicts(const struct check_plan *plan, uint64_t seen, const struct same_setting *same,
		size_t n_same, struct gmc_error *err)
{
	bool pair = gmcsim_option_seen(seen, same[0].opt),
	     from = gmcsim_option_seen(seen, same[1].opt),
	     to = gmcsim_option_seen(seen, same[2].opt);

	if (pair && (from || to))
		return gmcsim_fail(err, -EINVAL,
				   "--pair and %s both name the profiles; give --pair, or --from "
				   "and --to",
				   from ? "--from" : "--to");
	if (from != to)
		return gmcsim_fail(err, -EINVAL, "%s needs %s (the vGPU the guest %s)",
				   from ? "--from" : "--to", from ? "--to" : "--from",
				   from ? "resumes on" : "boots on");
	for (size_t i = 0; i < n_same; i++) {
		/* the profiles are one setting: any of the three flags with any of the keys */
		size_t first = i < 3 ? 0 : i, last = i < 3 ? 2 : i;

		if (!gmcsim_option_seen(seen, same[i].opt))
			continue;
		for (size_t k = first; k <= last; k++) {
			if (check_plan_scenario_sets(plan, same[k].key))
				return gmcsim_fail(
					err, -EINVAL,
					"%s and the scenario's '%s' both %s; say it once",
					same[i].flag, same[k].key,
					i < 3 ? "name the profiles" : "set it");
		}
	}
	return 0;
}

static int
print_json(const struct check_plan *plan, const struct check_outcome *o)
{
	struct json_object *root = check_outcome_json(plan, o);
	int rc = root ? gmcsim_json_print(stdout, root, true) : -ENOMEM;

	json_object_put(root);
	return rc;
}

int
gmcsim_cmd_check(int argc, char **argv)
{
	enum {
		OPT_PAIR = GMCSIM_LONG_OPTION,
		OPT_FROM,
		OPT_TO,
		OPT_BLOCKS,
		OPT_BLOCK_FILE,
		OPT_FIX,
		OPT_FIX_FILE,
		OPT_SWAP,
		OPT_CYCLES,
		OPT_SCENARIO,
		OPT_FAIL_ON,
		OPT_JSON,
		OPT_KERNEL,
		OPT_ASSUME,
		OPT_SITES,
		OPT_EXPLAIN,
		OPT_SUMMARY,
		OPT_NO_LEGEND,
		OPT_WIDE,
		OPT_SVG,
		OPT_MAP,
	};
	static const struct option options[] = {
		{ "pair", required_argument, NULL, OPT_PAIR },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "blocks", required_argument, NULL, OPT_BLOCKS },
		{ "block-file", required_argument, NULL, OPT_BLOCK_FILE },
		{ "fix", required_argument, NULL, OPT_FIX },
		{ "fix-file", required_argument, NULL, OPT_FIX_FILE },
		{ "swap-at", required_argument, NULL, OPT_SWAP },
		{ "cycles", required_argument, NULL, OPT_CYCLES },
		{ "scenario", required_argument, NULL, OPT_SCENARIO },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "assume", required_argument, NULL, OPT_ASSUME },
		{ "sites", no_argument, NULL, OPT_SITES },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "no-legend", no_argument, NULL, OPT_NO_LEGEND },
		{ "wide", no_argument, NULL, OPT_WIDE },
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "map", no_argument, NULL, OPT_MAP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct same_setting same[] = {
		{ OPT_PAIR, "--pair", "pair" },
		{ OPT_FROM, "--from", "from" },
		{ OPT_TO, "--to", "to" },
		{ OPT_BLOCKS, "--blocks", "blocks" },
		{ OPT_FIX, "--fix", "fixes" },
		{ OPT_SWAP, "--swap-at", "swap_at" },
		{ OPT_CYCLES, "--cycles", "cycles" },
		{ OPT_FAIL_ON, "--fail-on", "fail_on" },
		{ OPT_KERNEL, "--kernel", "kernel" },
		{ OPT_ASSUME, "--assume", "assume" },
	};
	struct gmc_error err = { 0 };
	struct check_plan plan;
	struct check_outcome o = { 0 };
	struct text_opts text = { .width = TABLE_WIDTH, .legend = true, .details = true };
	const char *explain = NULL, *blocks = NULL, *svg = NULL;
	bool json = false, sites = false, text_flag = false, map = false;
	uint64_t seen = 0;
	int c, rc = 0, status;

	check_plan_init(&plan);
	optind = 1;
	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		/* --block-file adds a block each time; every other option is given once */
		if (c != OPT_BLOCK_FILE && gmcsim_option_once("check", options, c, &seen)) {
			check_plan_fini(&plan);
			return GMCSIM_EXIT_USAGE;
		}
		switch (c) {
		case OPT_PAIR:
			rc = check_plan_set_pair(&plan, optarg, &err);
			break;
		case OPT_FROM:
			rc = check_plan_set_profile(&plan, false, optarg, &err);
			break;
		case OPT_TO:
			rc = check_plan_set_profile(&plan, true, optarg, &err);
			break;
		case OPT_BLOCKS:
			/* applied after the block files, which it may name */
			blocks = optarg;
			break;
		case OPT_BLOCK_FILE:
			rc = check_plan_add_block_file(&plan, optarg, &err);
			break;
		case OPT_FIX:
			rc = check_plan_set_fixes(&plan, optarg, &err);
			break;
		case OPT_FIX_FILE:
			rc = check_plan_add_fix_file(&plan, optarg, &err);
			break;
		case OPT_SWAP:
			rc = check_plan_set_swaps(&plan, optarg, &err);
			break;
		case OPT_CYCLES:
			rc = check_plan_set_cycles(&plan, optarg, &err);
			break;
		case OPT_SCENARIO:
			rc = check_plan_load_scenario(&plan, optarg, &err);
			break;
		case OPT_FAIL_ON:
			if (gmcsim_severity_from_name(optarg, &plan.fail_on))
				rc = gmcsim_fail(
					&err, -EINVAL,
					"--fail-on takes info, warning, error or critical");
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_KERNEL:
			rc = check_plan_set_kernel(&plan, optarg, &err);
			break;
		case OPT_ASSUME:
			rc = check_plan_set_assume(&plan, optarg, &err);
			break;
		case OPT_SITES:
			sites = true;
			break;
		case OPT_EXPLAIN:
			explain = optarg;
			break;
		case OPT_SUMMARY:
			text.details = false;
			text_flag = true;
			break;
		case OPT_NO_LEGEND:
			text.legend = false;
			text_flag = true;
			break;
		case OPT_WIDE:
			text.width = 0;
			break;
		case OPT_SVG:
			svg = optarg;
			break;
		case OPT_MAP:
			map = true;
			break;
		case 'h':
			usage(stdout);
			check_plan_fini(&plan);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("check", c, argv);
			check_plan_fini(&plan);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (!rc && optind < argc)
		rc = gmcsim_fail(&err, -EINVAL, "unexpected argument '%.60s'", argv[optind]);
	if (!rc && blocks)
		rc = check_plan_set_blocks(&plan, blocks, &err);
	if (!rc)
		rc = check_conflicts(&plan, seen, same, sizeof(same) / sizeof(same[0]), &err);
	if (!rc && (sites || explain) && json)
		rc = gmcsim_fail(&err, -EINVAL, "--sites and --explain print text; drop --json");
	if (!rc && (sites || explain) && (svg || map))
		rc = gmcsim_fail(&err, -EINVAL, "--sites and --explain draw no picture");
	if (!rc)
		rc = gmcsim_map_options(svg, map, json, &err);
	if (!rc && sites && explain)
		rc = gmcsim_fail(&err, -EINVAL, "give either --sites or --explain, not both");
	if (!rc && text_flag && (json || sites || explain))
		rc = gmcsim_fail(&err, -EINVAL,
				 "--summary and --no-legend shape the table output; drop them or "
				 "--json, --sites, --explain");
	if (!rc && sites) {
		gmcsim_print_sites(stdout, &plan, text.width);
		check_plan_fini(&plan);
		return GMCSIM_EXIT_OK;
	}
	if (!rc && explain) {
		char q[GMCSIM_SAFE_BUF];

		rc = gmcsim_explain_site(stdout, &plan, explain);
		if (rc)
			rc = gmcsim_fail(
				&err, rc,
				"--explain: no site '%s' in this run (BLOCK/SITE, see --sites)",
				gmcsim_safe_text(explain, q, sizeof(q)));
		check_plan_fini(&plan);
		if (!rc)
			return GMCSIM_EXIT_OK;
		fprintf(stderr, "gmcsim check: %s: %s\n", gmc_errno_name(rc), err.message);
		return GMCSIM_EXIT_USAGE;
	}
	if (!rc)
		rc = check_plan_validate(&plan, &err);
	/* a block file whose block runs nowhere here must not vanish without a word */
	for (size_t next = 0; !rc;) {
		char why[GMC_ERROR_MSG_MAX * 2], m[sizeof(why) * 4];

		if (!check_plan_next_excluded(&plan, &next, why, sizeof(why)))
			break;
		fprintf(stderr, "gmcsim check: warning: %s\n", gmcsim_term_text(why, m, sizeof(m)));
	}
	if (!rc)
		rc = check_plan_run_all(&plan, &o, &err);
	if (rc) {
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(stderr, "gmcsim check: %s: %s\n", gmc_errno_name(rc),
			gmcsim_term_text(err.message, m, sizeof(m)));
		check_outcome_fini(&o);
		check_plan_fini(&plan);
		return GMCSIM_EXIT_USAGE;
	}
	status = svg || map ? gmcsim_map_check(&plan, &o, svg, map) : GMCSIM_EXIT_OK;
	if (status == GMCSIM_EXIT_OK && json && print_json(&plan, &o))
		status = GMCSIM_EXIT_USAGE;
	else if (status == GMCSIM_EXIT_OK && !json && !gmcsim_map_on_stdout(svg, map))
		print_text(&plan, &o, &text);
	if (status == GMCSIM_EXIT_OK && o.failing)
		status = GMCSIM_EXIT_FAILED;
	check_outcome_fini(&o);
	check_plan_fini(&plan);
	return status;
}
