/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim sweep`: profile pairs x catalog blocks (each alone) x fix
 * strategies x swap points x cycle counts, from the selectors of `gmcsim
 * check` or a generated space of pairs, summarized by strategy and by what
 * the swap changed, with counts per finding kind and the worst combinations.
 * --jobs spreads runs over threads; --shard I/N runs a deterministic slice
 * and --merge adds the slices' JSON back together (docs/sweeping.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "sim-profile.h"
#include "sim-sweep.h"
#include "table.h"
#include "util-signal.h"
#include "util.h"

/* "1-3 cycles", "1 cycle", "cycles 1,5". */
static void
cycles_text(const struct sweep *sw, char *buf, size_t len)
{
	bool range = true;
	size_t used = 0;

	for (size_t c = 0; c < sw->n_cycles; c++)
		range &= sw->cycles[c] == c + 1;
	if (sw->n_cycles == 1) {
		snprintf(buf, len, "%u cycle%s", sw->cycles[0], sw->cycles[0] == 1 ? "" : "s");
		return;
	}
	if (range) {
		snprintf(buf, len, "1-%zu cycles", sw->n_cycles);
		return;
	}
	used = (size_t)snprintf(buf, len, "cycles ");
	for (size_t c = 0; c < sw->n_cycles && used < len; c++)
		used += (size_t)snprintf(buf + used, len - used, "%s%u", c ? "," : "",
					 sw->cycles[c]);
}

static void
print_header(const struct sweep *sw)
{
	char cycles[64], what[160], space[320];
	int n;

	cycles_text(sw, cycles, sizeof(cycles));
	if (sw->sliced && !sw->merged)
		n = snprintf(what, sizeof(what),
			     "gmcsim sweep: shard %u of %u: %llu of %llu combinations",
			     sw->shard + 1, sw->shards,
			     sweep_slice_size(sw->total, sw->shard, sw->shards), sw->total);
	else if (sw->merged)
		n = snprintf(what, sizeof(what),
			     "gmcsim sweep: %llu combinations, merged from %u shards", sw->total,
			     sw->shards);
	else
		n = snprintf(what, sizeof(what), "gmcsim sweep: %llu combinations", sw->total);
	snprintf(space, sizeof(space),
		 "(%s%s%llu pairs x %zu blocks x %zu fixes x %zu swap points x %s)", sw->generate,
		 sw->generate[0] ? ": " : "", sw->n_space_pairs, sw->n_blocks, sw->n_strategies,
		 sw->n_swaps, cycles);
	/* one line when it fits in the tables' width, else the space on a second line */
	if ((size_t)n + 1 + table_text_width(space) <= TABLE_WIDTH)
		printf("%s %s\n\n", what, space);
	else
		printf("%s\n  %s\n\n", what, space);
}

/* One row of the summary: its cells as text, in @p buf (room for every column). */
static void
row_cells(const char **cells, char (*buf)[32], const char *fix, const char *part,
	  const char *changes, unsigned long long pairs, const struct sweep_row *r)
{
	size_t c = 0;

	cells[c++] = fix;
	if (part)
		cells[c++] = part;
	cells[c++] = changes;
	snprintf(buf[0], sizeof(buf[0]), "%llu", pairs);
	snprintf(buf[1], sizeof(buf[1]), "%llu", r->runs);
	snprintf(buf[2], sizeof(buf[2]), "%llu", r->failing_runs);
	cells[c++] = buf[0];
	cells[c++] = buf[1];
	cells[c++] = buf[2];
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++) {
		snprintf(buf[3 + k], sizeof(buf[3 + k]), "%llu", r->kinds[k]);
		cells[c++] = buf[3 + k];
	}
}

/*
 * The summary as a table within @p width columns (0: --wide): wider than
 * that, the finding-kind columns go into groups under the first columns.
 */
static int
print_text(const struct sweep *sw, size_t width)
{
	size_t max = sw->n_groups;
	const char **part = calloc(max + 1, sizeof(*part)),
		   **changes = calloc(max + 1, sizeof(*changes));
	struct sweep_row *rows = calloc(max + 1, sizeof(*rows));
	unsigned long long *pairs = calloc(max + 1, sizeof(*pairs));

	size_t n_cols = (sw->generated ? 6 : 5) + GMCSIM_FINDING_KIND_COUNT;
	struct table *t = table_new(n_cols);
	const char *head[6 + GMCSIM_FINDING_KIND_COUNT] = { 0 },
			     *cells[6 + GMCSIM_FINDING_KIND_COUNT];
	char buf[3 + GMCSIM_FINDING_KIND_COUNT][32];
	size_t c = 0;
	bool failed = !part || !changes || !rows || !pairs || !t;

	if (failed)
		goto out;
	print_header(sw);
	head[c++] = "FIX";
	if (sw->generated)
		head[c++] = "PART";
	head[c++] = "WHAT CHANGED";
	head[c++] = "PAIRS";
	head[c++] = "RUNS";
	head[c++] = "FAILING";
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		head[c++] = gmcsim_finding_kind_name(k);
	failed |= table_add(t, head) != 0;
	/* every group names its rows: the fix, the part, what changed */
	table_set_keys(t, sw->generated ? 3 : 2);
	for (size_t f = 0; f < sw->n_strategies && !failed; f++) {
		size_t n = sweep_group_rows(sw, f, part, changes, rows, pairs, max);

		for (size_t g = 0; g < n && !failed; g++) {
			row_cells(cells, buf, sw->strategies[f]->name,
				  sw->generated ? part[g] : NULL, changes[g], pairs[g], &rows[g]);
			failed |= table_add(t, cells) != 0;
		}
	}
	if (failed)
		goto out;
	table_print(stdout, t, width, TABLE_FIT_GROUP);
	if (sw->worst_max) {
		printf("\nWORST %zu COMBINATIONS (of the %u asked for)\n", sw->n_worst,
		       sw->worst_max);
		for (size_t i = 0; i < sw->n_worst; i++) {
			const struct sweep_worst *w = &sw->worst[i];

			printf("%3zu. %-8s %u finding%s, %u error%s: %s %s fix %s swap %s, %u cycle%s\n"
			       "     %s\n",
			       i + 1, gmcsim_severity_name(w->severity), w->findings,
			       w->findings == 1 ? "" : "s", w->errors, w->errors == 1 ? "" : "s",
			       w->pair, w->block, w->fix, w->swap, w->cycles,
			       w->cycles == 1 ? "" : "s", w->command);
		}
	}
out:
	table_free(t);
	free(part);
	free(changes);
	free(rows);
	free(pairs);
	return failed ? -ENOMEM : 0;
}

static int
print_csv(const struct sweep *sw)
{
	size_t max = sw->n_groups;
	const char **part = calloc(max + 1, sizeof(*part)),
		   **changes = calloc(max + 1, sizeof(*changes));
	struct sweep_row *rows = calloc(max + 1, sizeof(*rows));
	unsigned long long *pairs = calloc(max + 1, sizeof(*pairs));
	bool failed = !part || !changes || !rows || !pairs;

	if (failed)
		goto out;
	printf("fix,%schanges,pairs,runs,failing_runs", sw->generated ? "part," : "");
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		printf(",%s", gmcsim_finding_kind_name(k));
	printf("\n");
	for (size_t f = 0; f < sw->n_strategies; f++) {
		size_t n = sweep_group_rows(sw, f, part, changes, rows, pairs, max);

		for (size_t g = 0; g < n; g++) {
			printf("%s,", sw->strategies[f]->name);
			if (sw->generated)
				printf("%s,", part[g]);
			printf("\"%s\",%llu,%llu,%llu", changes[g], pairs[g], rows[g].runs,
			       rows[g].failing_runs);
			for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
				printf(",%llu", rows[g].kinds[k]);
			printf("\n");
		}
	}
out:
	free(part);
	free(changes);
	free(rows);
	free(pairs);
	return failed ? -ENOMEM : 0;
}

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim sweep [SELECTORS] [--jobs N] [--shard I/N] [--worst N] [--json | --csv]\n"
		"       gmcsim sweep [SELECTORS] --merge [--worst N] [--json | --csv] FILE...\n"
		"       gmcsim sweep [SELECTORS] --save-pair NAME [--out-dir DIR]\n"
		"\n"
		"Run profile pairs x blocks (each alone) x fix strategies x swap points x cycle\n"
		"counts and summarize by fix and what changed, with counts per finding kind.\n"
		"With no selector: every built-in pair, block and fix, the swap points\n"
		"before-suspend, after-suspend:BLOCK, after-suspend, resume:BLOCK, after-resume\n"
		"around the block under test and a control run without a swap, 1-3 cycles.\n"
		"\n"
		"Selectors (as 'gmcsim check' takes them):\n"
		"  --pair LIST        built-in pairs, comma-separated (repeatable)\n"
		"  --from P --to P    a pair of profiles, built-in names or JSON files (repeatable)\n"
		"  --blocks LIST      built-in blocks, 'all' (default) or 'none'\n"
		"  --block-file FILE  add a block described in JSON (repeatable)\n"
		"  --fix LIST         built-in fix strategies or 'all' (default)\n"
		"  --fix-file FILE    add a fix strategy described in JSON (repeatable); with no\n"
		"                     --fix, only the files' strategies run\n"
		"  --swap-at LIST     swap points; after-suspend:* and resume:* mean the block\n"
		"                     under test\n"
		"  --cycles LIST      cycle counts (default 1,2,3)\n"
		"  --kernel VERSION   6.12, 6.17 or 6.18 (default)\n"
		"  --assume LIST      host-restores-msix, or none (default)\n"
		"Generated pairs (instead of --pair, --from, --to):\n"
		"  --generate node-pairs  every ordered pair of distinct XGMI node ids of each\n"
		"                         part's hive\n"
		"  --generate fb-offsets  changes of mc_fb_offset and of the FB location\n"
		"  --generate random:N --seed S  N pairs drawn from each part's registers and\n"
		"                         parameters, the same for the same seed\n"
		"  --save-pair NAME       write pair NAME's profiles to DIR/NAME.from.json and\n"
		"                         DIR/NAME.to.json (for 'gmcsim check --from --to')\n"
		"  --out-dir DIR          where --save-pair writes (default .)\n"
		"Running and output:\n"
		"  --jobs N           threads (default 1)\n"
		"  --shard I/N        run only slice I of N (1-based), deterministic; print --json\n"
		"                     to merge\n"
		"  --merge            add the given shards' JSON together; give the shards' selectors\n"
		"  --worst N          list the N worst combinations, each with a command line\n"
		"                     that runs it with 'gmcsim check' (default 0)\n"
		"  --json, --csv      output format (default: a text table)\n"
		"  --wide             one line per row however wide (default: 100 columns, the\n"
		"                     finding kinds in groups under the first columns)\n"
		"  -h, --help         show this help\n"
		"\n"
		"Exit status: 0 done, 2 usage error, a failed run or an unreadable shard.\n"
		"SIGINT or SIGTERM stops the runs and prints nothing (or, once printing began,\n"
		"lets it finish); stderr says which, and gmcsim ends by that signal.\n");
}

/* Write pair @p name's profiles into @p dir and say how to check it. */
static int
save_pair(const struct sweep *sw, const char *name, const char *dir, struct gmc_error *err)
{
	struct gmcsim_profile a, b;
	char pair[GMCSIM_NAME_MAX], path_a[1200], path_b[1200];
	unsigned long long index = 0;
	size_t group;
	bool found = false;
	int rc;

	if (sw->generated) {
		found = sweep_gen_find(&sw->gen, name, &index) == 0;
	} else {
		for (size_t i = 0; i < sw->n_pairs && !found; i++) {
			found = strcmp(sw->pairs[i].name, name) == 0;
			index = i;
		}
	}
	if (!found) {
		char q[GMCSIM_SAFE_BUF];

		return gmcsim_fail(err, -ENOENT, "no pair '%s' in this sweep",
				   gmcsim_safe_text(name, q, sizeof(q)));
	}
	rc = sweep_pair_at(sw, index, &a, &b, pair, sizeof(pair), &group, err);
	if (rc)
		return rc;
	snprintf(path_a, sizeof(path_a), "%s/%s.from.json", dir, pair);
	snprintf(path_b, sizeof(path_b), "%s/%s.to.json", dir, pair);
	rc = gmcsim_profile_write(&a, path_a, err);
	if (!rc)
		rc = gmcsim_profile_write(&b, path_b, err);
	if (!rc)
		printf("%s\n%s\ngmcsim check --from %s --to %s\n", path_a, path_b, path_a, path_b);
	return rc;
}

int
gmcsim_cmd_sweep(int argc, char **argv)
{
	enum {
		OPT_JOBS = GMCSIM_LONG_OPTION,
		OPT_SHARD,
		OPT_MERGE,
		OPT_JSON,
		OPT_CSV,
		OPT_PAIR,
		OPT_FROM,
		OPT_TO,
		OPT_BLOCKS,
		OPT_BLOCK_FILE,
		OPT_FIX,
		OPT_FIX_FILE,
		OPT_SWAP,
		OPT_CYCLES,
		OPT_KERNEL,
		OPT_ASSUME,
		OPT_GENERATE,
		OPT_SEED,
		OPT_WORST,
		OPT_SAVE_PAIR,
		OPT_OUT_DIR,
		OPT_WIDE,
	};
	static const struct option options[] = {
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "pair", required_argument, NULL, OPT_PAIR },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "blocks", required_argument, NULL, OPT_BLOCKS },
		{ "block-file", required_argument, NULL, OPT_BLOCK_FILE },
		{ "fix", required_argument, NULL, OPT_FIX },
		{ "fix-file", required_argument, NULL, OPT_FIX_FILE },
		{ "swap-at", required_argument, NULL, OPT_SWAP },
		{ "cycles", required_argument, NULL, OPT_CYCLES },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "assume", required_argument, NULL, OPT_ASSUME },
		{ "generate", required_argument, NULL, OPT_GENERATE },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "worst", required_argument, NULL, OPT_WORST },
		{ "wide", no_argument, NULL, OPT_WIDE },
		{ "save-pair", required_argument, NULL, OPT_SAVE_PAIR },
		{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sweep sw; /* large: rows, groups and the selection's files */
	static struct sweep_selection sel;
	struct gmc_error err = { 0 };
	unsigned jobs = 1, shard = 0, shards = 1, worst = 0;
	bool merge = false, json = false, csv = false, sharded = false, ready = false, wide = false;
	const char *from = NULL, *save = NULL, *out_dir = ".";
	int c, rc = 0;
	uint64_t seen = 0;

	sweep_selection_init(&sel);
	optind = 1;
	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		char why[GMCSIM_WHY_MAX];
		uint64_t v, n;
		char *slash;

		/* the pair and file options add one each time; every other is given once */
		if (c != OPT_PAIR && c != OPT_FROM && c != OPT_TO && c != OPT_BLOCK_FILE &&
		    c != OPT_FIX_FILE && gmcsim_option_once("sweep", options, c, &seen)) {
			sweep_selection_fini(&sel);
			return GMCSIM_EXIT_USAGE;
		}
		switch (c) {
		case OPT_JOBS:
			if (gmcsim_parse_u64(optarg, 0, 256, &v, why, sizeof(why)) || v < 1)
				rc = gmcsim_fail(&err, -EINVAL, "--jobs takes 1 to 256");
			jobs = (unsigned)v;
			break;
		case OPT_SHARD:
			slash = strchr(optarg, '/');
			if (slash)
				*slash = '\0';
			if (!slash ||
			    gmcsim_parse_u64(optarg, 0, SWEEP_MAX_SLICES, &v, why, sizeof(why)) ||
			    gmcsim_parse_u64(slash + 1, 0, SWEEP_MAX_SLICES, &n, why,
					     sizeof(why)) ||
			    v < 1 || v > n) {
				rc = gmcsim_fail(&err, -EINVAL,
						 "--shard takes I/N with 1 <= I <= N <= %u",
						 SWEEP_MAX_SLICES);
				break;
			}
			shard = (unsigned)v - 1;
			shards = (unsigned)n;
			sharded = true;
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
		case OPT_WIDE:
			wide = true;
			break;
		case OPT_PAIR:
			rc = sweep_selection_add_pairs(&sel, optarg, &err);
			break;
		case OPT_FROM:
			if (from)
				rc = gmcsim_fail(&err, -EINVAL, "--from %s has no --to", from);
			from = optarg;
			break;
		case OPT_TO:
			if (!from)
				rc = gmcsim_fail(&err, -EINVAL, "--to needs a --from before it");
			else
				rc = sweep_selection_add_profiles(&sel, from, optarg, &err);
			from = NULL;
			break;
		case OPT_BLOCKS:
			rc = check_plan_set_blocks(&sel.plan, optarg, &err);
			break;
		case OPT_BLOCK_FILE:
			rc = sweep_selection_add_block_file(&sel, optarg, &err);
			break;
		case OPT_FIX:
			rc = check_plan_set_fixes(&sel.plan, optarg, &err);
			break;
		case OPT_FIX_FILE:
			rc = sweep_selection_add_fix_file(&sel, optarg, &err);
			break;
		case OPT_SWAP:
			rc = check_plan_set_swaps(&sel.plan, optarg, &err);
			sel.swaps_given = true;
			break;
		case OPT_CYCLES:
			rc = check_plan_set_cycles(&sel.plan, optarg, &err);
			sel.cycles_given = true;
			break;
		case OPT_KERNEL:
			rc = check_plan_set_kernel(&sel.plan, optarg, &err);
			break;
		case OPT_ASSUME:
			rc = check_plan_set_assume(&sel.plan, optarg, &err);
			break;
		case OPT_GENERATE:
			if (strlen(optarg) >= sizeof(sel.generate))
				rc = gmcsim_fail(&err, -EINVAL,
						 "--generate: '%.20s...' is too long", optarg);
			snprintf(sel.generate, sizeof(sel.generate), "%s", optarg);
			break;
		case OPT_SEED:
			if (gmcsim_parse_u64(optarg, 0, UINT64_MAX, &v, why, sizeof(why)))
				rc = gmcsim_fail(&err, -EINVAL, "--seed takes an unsigned integer");
			sel.seed = v;
			sel.seed_given = true;
			break;
		case OPT_WORST:
			if (gmcsim_parse_u64(optarg, 0, SWEEP_MAX_WORST, &v, why, sizeof(why)))
				rc = gmcsim_fail(&err, -EINVAL, "--worst takes 0 to %d",
						 SWEEP_MAX_WORST);
			worst = (unsigned)v;
			break;
		case OPT_SAVE_PAIR:
			save = optarg;
			break;
		case OPT_OUT_DIR:
			out_dir = optarg;
			break;
		case 'h':
			usage(stdout);
			sweep_selection_fini(&sel);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("sweep", c, argv);
			sweep_selection_fini(&sel);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (!rc && from)
		rc = gmcsim_fail(&err, -EINVAL, "--from %s has no --to", from);
	if (!rc && json && csv)
		rc = gmcsim_fail(&err, -EINVAL, "--json and --csv exclude each other");
	if (!rc && wide && (json || csv))
		rc = gmcsim_fail(&err, -EINVAL, "--wide shapes the text table; drop it or --%s",
				 json ? "json" : "csv");
	if (!rc && merge != (optind < argc))
		rc = gmcsim_fail(&err, -EINVAL, "--merge takes shard files, and only it does");
	/* a merge adds up shards already run: it runs nothing itself */
	if (!rc && merge && (sharded || gmcsim_option_seen(seen, OPT_JOBS)))
		rc = gmcsim_fail(&err, -EINVAL, "--merge runs nothing; --%s goes with a run",
				 sharded ? "shard" : "jobs");
	if (!rc && save && (merge || sharded || json || csv))
		rc = gmcsim_fail(&err, -EINVAL, "--save-pair only writes a pair's profiles");

	if (!rc) {
		rc = sweep_init(&sw, &sel, &err);
		ready = true;
		/* SIGINT and SIGTERM stop the workers between runs; nothing half-printed */
		gmcsim_signals_catch();
		sw.stop = gmcsim_signals_flag();
	}
	if (!rc && save) {
		rc = save_pair(&sw, save, out_dir, &err);
		goto done;
	}
	if (!rc)
		rc = sweep_set_worst(&sw, worst, &err);
	if (!rc && merge) {
		rc = sweep_merge_begin(&sw, &err);
		for (int i = optind; i < argc && !rc; i++)
			rc = sweep_merge_file(&sw, argv[i], &err);
		if (!rc)
			rc = sweep_merge_finish(&sw, &err);
	} else if (!rc) {
		if (sharded)
			rc = sweep_set_shard(&sw, shard, shards, &err);
		if (!rc)
			rc = sweep_run(&sw, jobs, &err);
	}
	if (rc == -EINTR && gmcsim_signals_pending()) {
		sweep_fini(&sw);
		sweep_selection_fini(&sel);
		return gmcsim_signals_exit(
			"sweep", gmcsim_signals_pending(),
			"the sweep stopped before it finished; nothing was printed");
	}
	/* the result is printed whole: a signal now waits until it is out */
	if (!rc)
		gmcsim_signals_hold(true);
	if (!rc && json) {
		struct json_object *o = sweep_to_json(&sw);

		rc = o ? gmcsim_json_print(stdout, o, true) : -ENOMEM;
		json_object_put(o);
		if (rc)
			gmcsim_fail(&err, rc, "cannot print the JSON");
	} else if (!rc) {
		rc = csv ? print_csv(&sw) : print_text(&sw, wide ? 0 : TABLE_WIDTH);
		if (rc)
			gmcsim_fail(&err, rc, "out of memory for the summary");
	}
done:
	if (rc) {
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(stderr, "gmcsim sweep: %s: %s\n", gmc_errno_name(rc),
			gmcsim_term_text(err.message, m, sizeof(m)));
	}
	if (ready)
		sweep_fini(&sw);
	sweep_selection_fini(&sel);
	if (!rc && gmcsim_signals_pending())
		return gmcsim_signals_exit("sweep", gmcsim_signals_pending(),
					   "the output above is complete");
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}
