/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim sweep`: every built-in profile pair × fix strategy × swap point ×
 * cycle count (1-3) × catalog block, summarized by fix and by what the
 * swap changed, with counts per finding kind. Results are folded into
 * counters as they come, so memory stays flat in the sweep's size.
 * --jobs spreads runs over threads; --shard I/N runs a deterministic slice
 * and --merge adds the slices' JSON back together.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "sim-sweep.h"
#include "util-signal.h"
#include "util.h"

static void
print_text(const struct sweep *sw)
{
	printf("gmcsim sweep: %llu combinations (%zu pairs x %zu blocks x %u fixes x %u swap "
	       "points x 1-%u cycles)%s\n\n",
	       sw->total, sw->n_pairs, sw->n_blocks, GMCSIM_FIX_COUNT, SWEEP_SWAPS_PER_BLOCK,
	       SWEEP_CYCLES_MAX, sw->shards > 1 ? ", merged from shards" : "");
	printf("%-10s %-24s %5s %7s %7s", "FIX", "WHAT CHANGED", "PAIRS", "RUNS", "FAILING");
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		printf(" %s", gmcsim_finding_kind_name(k));
	printf("\n");
	for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
		const char *changes[SWEEP_MAX_PAIRS];
		struct sweep_row rows[SWEEP_MAX_PAIRS];
		unsigned pairs[SWEEP_MAX_PAIRS];
		size_t n = sweep_group_rows(sw, f, changes, rows, pairs, SWEEP_MAX_PAIRS);

		for (size_t g = 0; g < n; g++) {
			printf("%-10s %-24.24s %5u %7llu %7llu", gmcsim_fix_name(f), changes[g],
			       pairs[g], rows[g].runs, rows[g].failing_runs);
			for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
				printf(" %*llu", (int)strlen(gmcsim_finding_kind_name(k)),
				       rows[g].kinds[k]);
			printf("\n");
		}
	}
}

static void
print_csv(const struct sweep *sw)
{
	printf("fix,changes,pairs,runs,failing_runs");
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		printf(",%s", gmcsim_finding_kind_name(k));
	printf("\n");
	for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
		const char *changes[SWEEP_MAX_PAIRS];
		struct sweep_row rows[SWEEP_MAX_PAIRS];
		unsigned pairs[SWEEP_MAX_PAIRS];
		size_t n = sweep_group_rows(sw, f, changes, rows, pairs, SWEEP_MAX_PAIRS);

		for (size_t g = 0; g < n; g++) {
			printf("%s,\"%s\",%u,%llu,%llu", gmcsim_fix_name(f), changes[g], pairs[g],
			       rows[g].runs, rows[g].failing_runs);
			for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
				printf(",%llu", rows[g].kinds[k]);
			printf("\n");
		}
	}
}

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim sweep [--jobs N] [--shard I/N] [--json | --csv]\n"
		"       gmcsim sweep --merge [--json | --csv] FILE...\n"
		"\n"
		"Run every built-in profile pair x fix strategy x swap point x 1-3 cycles x\n"
		"catalog block and summarize by fix and what changed, with counts per finding.\n"
		"The swap points are before-suspend, after-suspend:BLOCK, after-suspend,\n"
		"resume:BLOCK and after-resume around the block under test, plus a control run\n"
		"without a swap.\n"
		"\n"
		"  --jobs N      threads (default 1)\n"
		"  --shard I/N   run only slice I of N (1-based), deterministic; print --json to merge\n"
		"  --merge       add the given shards' JSON together (no --jobs, no --shard)\n"
		"  --json, --csv output format (default: a text table)\n"
		"  -h, --help    show this help\n"
		"\n"
		"Exit status: 0 done, 2 usage error, a failed run or an unreadable shard.\n"
		"SIGINT or SIGTERM stops the runs and prints nothing (or, once printing began,\n"
		"lets it finish); stderr says which, and gmcsim ends by that signal.\n");
}

int
gmcsim_cmd_sweep(int argc, char **argv)
{
	enum { OPT_JOBS = GMCSIM_LONG_OPTION, OPT_SHARD, OPT_MERGE, OPT_JSON, OPT_CSV };
	static const struct option options[] = {
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sweep sw; /* large: rows for every pair and fix */
	struct gmc_error err = { 0 };
	unsigned jobs = 1, shard = 0, shards = 1;
	bool merge = false, json = false, csv = false;
	uint64_t seen = 0;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		char why[GMCSIM_WHY_MAX];
		uint64_t v, n;
		char *slash;

		if (gmcsim_option_once("sweep", options, c, &seen))
			return GMCSIM_EXIT_USAGE;
		switch (c) {
		case OPT_JOBS:
			if (gmcsim_parse_u64(optarg, 0, 256, &v, why, sizeof(why)) || v < 1) {
				fprintf(stderr, "gmcsim sweep: EINVAL: --jobs takes 1 to 256\n");
				return GMCSIM_EXIT_USAGE;
			}
			jobs = (unsigned)v;
			break;
		case OPT_SHARD:
			slash = strchr(optarg, '/');
			if (!slash)
				goto bad_shard;
			*slash = '\0';
			if (gmcsim_parse_u64(optarg, 0, SWEEP_MAX_SLICES, &v, why, sizeof(why)) ||
			    gmcsim_parse_u64(slash + 1, 0, SWEEP_MAX_SLICES, &n, why,
					     sizeof(why)) ||
			    v < 1 || v > n)
				goto bad_shard;
			shard = (unsigned)v - 1;
			shards = (unsigned)n;
			break;
		case OPT_MERGE:
			merge = true;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_CSV:
			csv = true;
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("sweep", c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (json && csv) {
		fprintf(stderr, "gmcsim sweep: EINVAL: --json and --csv exclude each other\n");
		return GMCSIM_EXIT_USAGE;
	}
	/* a merge adds up shards already run: it runs nothing itself */
	if (merge && (gmcsim_option_seen(seen, OPT_JOBS) || gmcsim_option_seen(seen, OPT_SHARD))) {
		fprintf(stderr,
			"gmcsim sweep: EINVAL: --merge runs nothing; --%s goes with a run\n",
			gmcsim_option_seen(seen, OPT_JOBS) ? "jobs" : "shard");
		return GMCSIM_EXIT_USAGE;
	}
	if (merge != (optind < argc)) {
		fprintf(stderr,
			"gmcsim sweep: EINVAL: --merge takes shard files, and only it does\n");
		return GMCSIM_EXIT_USAGE;
	}

	rc = sweep_init(&sw, &err);
	/* SIGINT and SIGTERM stop the workers between runs; nothing half-printed */
	gmcsim_signals_catch();
	sw.stop = gmcsim_signals_flag();
	if (!rc && merge) {
		sweep_merge_begin(&sw);
		for (int i = optind; i < argc && !rc; i++)
			rc = sweep_merge_file(&sw, argv[i], &err);
		if (!rc)
			rc = sweep_merge_finish(&sw, &err);
	} else if (!rc) {
		rc = sweep_set_shard(&sw, shard, shards, &err);
		if (!rc)
			rc = sweep_run(&sw, jobs, &err);
	}
	if (rc == -EINTR && gmcsim_signals_pending()) {
		sweep_fini(&sw);
		return gmcsim_signals_exit(
			"sweep", gmcsim_signals_pending(),
			"the sweep stopped before it finished; nothing was printed");
	}
	if (rc) {
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(stderr, "gmcsim sweep: %s: %s\n", gmc_errno_name(rc),
			gmcsim_term_text(err.message, m, sizeof(m)));
		sweep_fini(&sw);
		return GMCSIM_EXIT_USAGE;
	}
	/* the result is printed whole: a signal now waits until it is out */
	gmcsim_signals_hold(true);
	if (json) {
		struct json_object *o = sweep_to_json(&sw);

		rc = o ? gmcsim_json_print(stdout, o, true) : -ENOMEM;
		json_object_put(o);
	} else if (csv) {
		print_csv(&sw);
	} else {
		print_text(&sw);
	}
	sweep_fini(&sw);
	if (gmcsim_signals_pending())
		return gmcsim_signals_exit("sweep", gmcsim_signals_pending(),
					   "the output above is complete");
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;

bad_shard:
	fprintf(stderr, "gmcsim sweep: EINVAL: --shard takes I/N with 1 <= I <= N\n");
	return GMCSIM_EXIT_USAGE;
}
