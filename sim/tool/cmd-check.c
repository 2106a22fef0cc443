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
		"  --from PROFILE      the vGPU the guest boots on (built-in name or JSON file)\n"
		"  --to PROFILE        the vGPU it resumes on\n"
		"  --blocks LIST       built-in blocks, comma-separated, 'all' (default) or 'none'\n"
		"  --block-file FILE   add a block described in JSON (repeatable)\n"
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
		"  --scenario FILE     take all of the above from a JSON scenario file\n"
		"  --fail-on SEVERITY  info, warning, error (default) or critical\n"
		"  --json              print one JSON document\n"
		"  --sites             list every site: used, not consumed or absent, and why\n"
		"  --explain B/S       a site's facts, conditions and kernel sources, e.g. psp/tmr\n"
		"  -h, --help          show this help\n"
		"\n"
		"Fix strategies: none (the driver before any fix), rfc (the Jan 2025 RFC),\n"
		"rfc-all (its refresh helper in front of every consumer), p2-pinfix (pattern 2's\n"
		"pins balanced), upstream (the Linux 6.17 series); 'gmcsim fix show NAME --json'\n"
		"prints each as a fix file to start your own from (docs/fixes.md).\n"
		"docs/findings.md explains the findings, docs/catalog.md the sites.\n"
		"\n"
		"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input.\n");
}

static void
print_text(const struct check_plan *plan, const struct check_outcome *o)
{
	const char *rows[256];
	size_t n_rows = check_outcome_blocks(plan, o, rows, 256);

	printf("gmcsim check: %s -> %s (%s), kernel %s\n", plan->from.name, plan->to.name,
	       plan->changes, gmcsim_kernel_name(plan->kernel));
	for (size_t first = 0; first < o->n;) {
		const struct check_result *head = &o->results[first];
		size_t last = first;
		char where[GMCSIM_NAME_MAX * 2];

		while (last < o->n && o->results[last].cycles == head->cycles &&
		       o->results[last].swap.kind == head->swap.kind &&
		       strcmp(o->results[last].swap.block, head->swap.block) == 0)
			last++;
		printf("\nswap %s, %u cycle%s\n\n%-16s",
		       gmcsim_swap_format(&head->swap, where, sizeof(where)), head->cycles,
		       head->cycles == 1 ? "" : "s", "BLOCK");
		for (size_t r = first; r < last; r++)
			printf(" %-20s", o->results[r].strategy->name);
		printf("\n");
		for (size_t b = 0; b < n_rows; b++) {
			printf("%-16s", rows[b]);
			for (size_t r = first; r < last; r++) {
				char cell[64];

				printf(" %-20s", check_result_verdict(&o->results[r], rows[b], cell,
								      sizeof(cell)));
			}
			printf("\n");
		}
		first = last;
	}

	for (size_t r = 0; r < o->n; r++) {
		const struct check_result *res = &o->results[r];
		char where[GMCSIM_NAME_MAX * 2];

		printf("\n== fix %s (swap %s, %u cycle%s%s): %zu finding%s\n",
		       res->strategy->name,
		       gmcsim_swap_format(&res->swap, where, sizeof(where)), res->cycles,
		       res->cycles == 1 ? "" : "s",
		       res->strategy->layout == GMCSIM_LAYOUT_6_17
			       ? (res->gate ? ", gate open" : ", gate closed")
			       : "",
		       res->n_findings, res->n_findings == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_findings; i++) {
			const struct gmcsim_finding *f = &res->findings[i];

			printf("  %-8s %-16s %s/%s at %s", gmcsim_severity_name(f->severity),
			       gmcsim_finding_kind_name(f->kind), f->block, f->site, f->step);
			if (f->count > 1)
				printf(" (x%u)", f->count);
			if (f->uncertain)
				printf(" [uncertain: see --explain %s/%s]", f->block, f->site);
			printf("\n           %s", f->detail);
			if (f->has_values)
				printf(": cached 0x%" PRIx64 ", now 0x%" PRIx64, f->cached,
				       f->fresh);
			printf("\n");
		}
	}
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmc_error err = { 0 };
	struct check_plan plan;
	struct check_outcome o = { 0 };
	const char *explain = NULL;
	bool json = false, sites = false;
	int c, rc = 0, status;

	check_plan_init(&plan);
	optind = 1;
	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
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
			rc = check_plan_set_blocks(&plan, optarg, &err);
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
	if (!rc && (sites || explain) && json)
		rc = gmcsim_fail(&err, -EINVAL, "--sites and --explain print text; drop --json");
	if (!rc && sites && explain)
		rc = gmcsim_fail(&err, -EINVAL, "give either --sites or --explain, not both");
	if (!rc && sites) {
		gmcsim_print_sites(stdout, &plan);
		check_plan_fini(&plan);
		return GMCSIM_EXIT_OK;
	}
	if (!rc && explain) {
		char q[GMCSIM_SAFE_BUF];

		rc = gmcsim_explain_site(stdout, &plan, explain);
		if (rc)
			rc = gmcsim_fail(&err, rc,
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
	if (!rc)
		rc = check_plan_run_all(&plan, &o, &err);
	if (rc) {
		fprintf(stderr, "gmcsim check: %s: %s\n", gmc_errno_name(rc), err.message);
		check_outcome_fini(&o);
		check_plan_fini(&plan);
		return GMCSIM_EXIT_USAGE;
	}
	status = GMCSIM_EXIT_OK;
	if (json && print_json(&plan, &o))
		status = GMCSIM_EXIT_USAGE;
	else if (!json)
		print_text(&plan, &o);
	if (status == GMCSIM_EXIT_OK && o.failing)
		status = GMCSIM_EXIT_FAILED;
	check_outcome_fini(&o);
	check_plan_fini(&plan);
	return status;
}
