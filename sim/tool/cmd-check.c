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

#include "check-plan.h"
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
		"  --blocks LIST       built-in blocks, comma-separated, or 'all' (default)\n"
		"  --block-file FILE   add a block described in JSON (repeatable)\n"
		"  --fix LIST          none,rfc,rfc-all,p2-pinfix,upstream or 'all' (default)\n"
		"  --swap-at POINT     before-suspend, after-suspend:BLOCK, after-suspend\n"
		"                      (default), resume:BLOCK, after-resume; a comma list runs each\n"
		"  --cycles N          suspend/resume cycles, 1-100 (default 1); a list runs each\n"
		"  --scenario FILE     take all of the above from a JSON scenario file\n"
		"  --fail-on SEVERITY  info, warning, error (default) or critical\n"
		"  --json              print one JSON document\n"
		"  -h, --help          show this help\n"
		"\n"
		"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 bad input.\n");
}

struct outcome {
	struct check_result *results;
	size_t n;
	size_t failing; /* findings at or above fail_on */
};

static void
outcome_fini(struct outcome *o)
{
	for (size_t i = 0; i < o->n; i++)
		check_result_fini(&o->results[i]);
	free(o->results);
}

static int
run_all(const struct check_plan *plan, struct outcome *o, struct gmc_error *err)
{
	size_t max = plan->n_swaps * plan->n_cycles * GMCSIM_FIX_COUNT;

	o->results = calloc(max, sizeof(*o->results));
	if (!o->results) {
		err->code = -ENOMEM;
		snprintf(err->message, sizeof(err->message), "out of memory");
		return -ENOMEM;
	}
	for (size_t s = 0; s < plan->n_swaps; s++) {
		for (size_t c = 0; c < plan->n_cycles; c++) {
			for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
				struct check_result *r = &o->results[o->n];
				int rc;

				if (!(plan->fixes & (1u << f)))
					continue;
				rc = check_plan_run(plan, (enum gmcsim_fix)f, &plan->swaps[s],
						    plan->cycles[c], r, err);
				if (rc)
					return rc;
				o->n++;
				for (size_t i = 0; i < r->n_findings; i++)
					o->failing += r->findings[i].severity >= plan->fail_on;
			}
		}
	}
	return 0;
}

/*
 * Block names in the order the plan runs them (only blocks with a site that
 * exists on this part), then any a finding adds (gmc, pci, ih).
 */
static size_t
block_rows(const struct check_plan *plan, const struct outcome *o, const char **rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->n_sites; i++) {
		bool seen = !gmcsim_site_applies(&plan->sites[i], plan->from.asic,
						 plan->from.params.sriov);

		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(rows[k], plan->sites[i].block) == 0;
		if (!seen && n < max)
			rows[n++] = plan->sites[i].block;
	}
	for (size_t r = 0; r < o->n; r++) {
		for (size_t i = 0; i < o->results[r].n_findings; i++) {
			const char *b = o->results[r].findings[i].block;
			bool seen = false;

			for (size_t k = 0; k < n && !seen; k++)
				seen = strcmp(rows[k], b) == 0;
			if (!seen && n < max)
				rows[n++] = b;
		}
	}
	return n;
}

/* The verdict of one block under one run: "ok", or its worst finding and a count. */
static const char *
verdict(const struct check_result *r, const char *block, char *buf, size_t len)
{
	const struct gmcsim_finding *worst = NULL;
	unsigned count = 0;

	for (size_t i = 0; i < r->n_findings; i++) {
		const struct gmcsim_finding *f = &r->findings[i];

		if (strcmp(f->block, block) != 0 || f->severity == GMCSIM_SEV_INFO)
			continue;
		count++;
		if (!worst || f->severity > worst->severity)
			worst = f;
	}
	if (!worst)
		snprintf(buf, len, "ok");
	else if (count == 1)
		snprintf(buf, len, "%s", gmcsim_finding_kind_name(worst->kind));
	else
		snprintf(buf, len, "%s +%u", gmcsim_finding_kind_name(worst->kind), count - 1);
	return buf;
}

static void
print_text(const struct check_plan *plan, const struct outcome *o)
{
	const char *rows[256];
	size_t n_rows = block_rows(plan, o, rows, 256);

	printf("gmcsim check: %s -> %s (%s)\n", plan->from.name, plan->to.name, plan->changes);
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
			printf(" %-20s", gmcsim_fix_name(o->results[r].fix));
		printf("\n");
		for (size_t b = 0; b < n_rows; b++) {
			printf("%-16s", rows[b]);
			for (size_t r = first; r < last; r++) {
				char cell[64];

				printf(" %-20s", verdict(&o->results[r], rows[b], cell, sizeof(cell)));
			}
			printf("\n");
		}
		first = last;
	}

	for (size_t r = 0; r < o->n; r++) {
		const struct check_result *res = &o->results[r];
		char where[GMCSIM_NAME_MAX * 2];

		printf("\n== fix %s (swap %s, %u cycle%s%s): %zu finding%s\n",
		       gmcsim_fix_name(res->fix), gmcsim_swap_format(&res->swap, where, sizeof(where)),
		       res->cycles, res->cycles == 1 ? "" : "s",
		       res->fix == GMCSIM_FIX_UPSTREAM ? (res->gate ? ", gate open" : ", gate closed")
						       : "",
		       res->n_findings, res->n_findings == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_findings; i++) {
			const struct gmcsim_finding *f = &res->findings[i];

			printf("  %-8s %-16s %s/%s at %s", gmcsim_severity_name(f->severity),
			       gmcsim_finding_kind_name(f->kind), f->block, f->site, f->step);
			if (f->count > 1)
				printf(" (x%u)", f->count);
			printf("\n           %s", f->detail);
			if (f->has_values)
				printf(": cached 0x%" PRIx64 ", now 0x%" PRIx64, f->cached, f->fresh);
			printf("\n");
		}
	}
}

static struct json_object *
finding_json(const struct gmcsim_finding *f)
{
	struct json_object *o = json_object_new_object();

	gmcsim_json_add(o, "kind", json_object_new_string(gmcsim_finding_kind_name(f->kind)));
	gmcsim_json_add(o, "severity", json_object_new_string(gmcsim_severity_name(f->severity)));
	gmcsim_json_add(o, "block", json_object_new_string(f->block));
	gmcsim_json_add(o, "site", json_object_new_string(f->site));
	gmcsim_json_add(o, "step", json_object_new_string(f->step));
	if (f->has_values) {
		gmcsim_json_add(o, "cached", gmcsim_json_hex(f->cached));
		gmcsim_json_add(o, "fresh", gmcsim_json_hex(f->fresh));
	}
	gmcsim_json_add(o, "count", json_object_new_int64(f->count));
	gmcsim_json_add(o, "detail", json_object_new_string(f->detail));
	return o;
}

static int
print_json(const struct check_plan *plan, const struct outcome *o)
{
	struct json_object *root = json_object_new_object(), *runs = json_object_new_array();
	struct json_object *matrix = json_object_new_object();
	const char *rows[256];
	size_t n_rows = block_rows(plan, o, rows, 256);
	int rc;

	gmcsim_json_add(root, "from", json_object_new_string(plan->from.name));
	gmcsim_json_add(root, "to", json_object_new_string(plan->to.name));
	if (plan->pair[0])
		gmcsim_json_add(root, "pair", json_object_new_string(plan->pair));
	gmcsim_json_add(root, "changes", json_object_new_string(plan->changes));
	gmcsim_json_add(root, "fail_on", json_object_new_string(gmcsim_severity_name(plan->fail_on)));
	for (size_t r = 0; r < o->n; r++) {
		const struct check_result *res = &o->results[r];
		struct json_object *run = json_object_new_object(), *fs = json_object_new_array();
		char where[GMCSIM_NAME_MAX * 2], key[GMCSIM_NAME_MAX * 3];
		struct json_object *row;

		gmcsim_json_add(run, "fix", json_object_new_string(gmcsim_fix_name(res->fix)));
		gmcsim_json_add(run, "swap", json_object_new_string(gmcsim_swap_format(
						     &res->swap, where, sizeof(where))));
		gmcsim_json_add(run, "cycles", json_object_new_int64(res->cycles));
		gmcsim_json_add(run, "gate", json_object_new_boolean(res->gate));
		for (size_t i = 0; i < res->n_findings; i++)
			gmcsim_json_append(fs, finding_json(&res->findings[i]));
		gmcsim_json_add(run, "findings", fs);
		gmcsim_json_append(runs, run);

		/* matrix[swap/cycles][block][fix] = verdict */
		snprintf(key, sizeof(key), "%s/%u", where, res->cycles);
		if (!json_object_object_get_ex(matrix, key, &row)) {
			row = json_object_new_object();
			gmcsim_json_add(matrix, key, row);
		}
		for (size_t b = 0; b < n_rows; b++) {
			struct json_object *cells;
			char cell[64];

			if (!json_object_object_get_ex(row, rows[b], &cells)) {
				cells = json_object_new_object();
				gmcsim_json_add(row, rows[b], cells);
			}
			gmcsim_json_add(cells, gmcsim_fix_name(res->fix),
					json_object_new_string(
						verdict(res, rows[b], cell, sizeof(cell))));
		}
	}
	gmcsim_json_add(root, "matrix", matrix);
	gmcsim_json_add(root, "runs", runs);
	rc = gmcsim_json_print(stdout, root, true);
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
		OPT_SWAP,
		OPT_CYCLES,
		OPT_SCENARIO,
		OPT_FAIL_ON,
		OPT_JSON,
	};
	static const struct option options[] = {
		{ "pair", required_argument, NULL, OPT_PAIR },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "blocks", required_argument, NULL, OPT_BLOCKS },
		{ "block-file", required_argument, NULL, OPT_BLOCK_FILE },
		{ "fix", required_argument, NULL, OPT_FIX },
		{ "swap-at", required_argument, NULL, OPT_SWAP },
		{ "cycles", required_argument, NULL, OPT_CYCLES },
		{ "scenario", required_argument, NULL, OPT_SCENARIO },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmc_error err = { 0 };
	struct check_plan plan;
	struct outcome o = { 0 };
	bool json = false;
	int c, rc = 0, status;

	check_plan_init(&plan);
	optind = 1;
	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_PAIR: rc = check_plan_set_pair(&plan, optarg, &err); break;
		case OPT_FROM: rc = check_plan_set_profile(&plan, false, optarg, &err); break;
		case OPT_TO: rc = check_plan_set_profile(&plan, true, optarg, &err); break;
		case OPT_BLOCKS: rc = check_plan_set_blocks(&plan, optarg, &err); break;
		case OPT_BLOCK_FILE: rc = check_plan_add_block_file(&plan, optarg, &err); break;
		case OPT_FIX: rc = check_plan_set_fixes(&plan, optarg, &err); break;
		case OPT_SWAP: rc = check_plan_set_swaps(&plan, optarg, &err); break;
		case OPT_CYCLES: rc = check_plan_set_cycles(&plan, optarg, &err); break;
		case OPT_SCENARIO: rc = check_plan_load_scenario(&plan, optarg, &err); break;
		case OPT_FAIL_ON:
			if (gmcsim_severity_from_name(optarg, &plan.fail_on)) {
				rc = err.code = -EINVAL;
				snprintf(err.message, sizeof(err.message),
					 "--fail-on takes info, warning, error or critical");
			}
			break;
		case OPT_JSON: json = true; break;
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
	if (!rc)
		rc = check_plan_validate(&plan, &err);
	if (!rc)
		rc = run_all(&plan, &o, &err);
	if (rc) {
		fprintf(stderr, "gmcsim check: %s: %s\n", gmc_errno_name(rc), err.message);
		outcome_fini(&o);
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
	outcome_fini(&o);
	check_plan_fini(&plan);
	return status;
}
