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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "check-plan.h"
#include "cmd.h"
#include "util.h"

#define MAX_PAIRS 32
#define MAX_BLOCKS 128
#define SWAPS_PER_BLOCK 6
#define CYCLES_MAX 3

/* One row of the summary: a fix strategy on one kind of change. */
struct row {
	unsigned long long runs;
	unsigned long long failing_runs; /* runs with a finding of severity error or worse */
	unsigned long long kinds[GMCSIM_FINDING_KIND_COUNT];
};

struct sweep {
	struct check_plan pairs[MAX_PAIRS];
	size_t n_pairs;
	const char *blocks[MAX_BLOCKS];
	size_t n_blocks;
	unsigned shard, shards; /* 0-based shard index of shards */
	bool merged;
	unsigned char seen[1u << 12]; /* --merge: which shards were given */
	unsigned long long total;
	/* rows[pair][fix]: pairs map to their "changes" text when printed */
	struct row rows[MAX_PAIRS][GMCSIM_FIX_COUNT];
	pthread_mutex_t lock;
	int error;
	struct gmc_error err;
};

struct worker {
	struct sweep *sw;
	unsigned index, jobs;
	struct row rows[MAX_PAIRS][GMCSIM_FIX_COUNT];
};

/* Decode combination @i into its parts; the order is fixed, so shards are deterministic. */
static void
combination(const struct sweep *sw, unsigned long long i, size_t *pair, unsigned *fix,
	    size_t *block, unsigned *swap, unsigned *cycles)
{
	*cycles = 1 + (unsigned)(i % CYCLES_MAX);
	i /= CYCLES_MAX;
	*swap = (unsigned)(i % SWAPS_PER_BLOCK);
	i /= SWAPS_PER_BLOCK;
	*fix = (unsigned)(i % GMCSIM_FIX_COUNT);
	i /= GMCSIM_FIX_COUNT;
	*block = (size_t)(i % sw->n_blocks);
	*pair = (size_t)(i / sw->n_blocks);
}

static void
swap_point(unsigned which, const char *block, struct gmcsim_swap *out)
{
	/* the swap points around the block under test, and a control run without a swap */
	static const enum gmcsim_swap_kind kinds[SWAPS_PER_BLOCK] = {
		GMCSIM_SWAP_BEFORE_SUSPEND, GMCSIM_SWAP_AFTER_BLOCK_SUSPEND,
		GMCSIM_SWAP_AFTER_SUSPEND, GMCSIM_SWAP_BEFORE_BLOCK_RESUME,
		GMCSIM_SWAP_AFTER_RESUME, GMCSIM_SWAP_NONE,
	};

	memset(out, 0, sizeof(*out));
	out->kind = kinds[which];
	snprintf(out->block, sizeof(out->block), "%s", block);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct sweep *sw = w->sw;
	struct check_plan plan;

	memset(&plan, 0, sizeof(plan));
	for (unsigned long long i = 0; i < sw->total; i++) {
		struct check_result r;
		struct gmcsim_swap swap;
		struct gmc_error err;
		size_t pair, block;
		unsigned fix, which, cycles;
		struct row *row;
		bool failing = false;

		/* the shard first, then this worker's share of it */
		if (i % sw->shards != sw->shard || (i / sw->shards) % w->jobs != w->index)
			continue;
		combination(sw, i, &pair, &fix, &block, &which, &cycles);
		plan = sw->pairs[pair];
		plan.sites = NULL;
		plan.n_sites = 0;
		/* one block per run: pick its sites out of the pair's full catalog */
		for (size_t s = 0; s < sw->pairs[pair].n_sites; s++) {
			if (strcmp(sw->pairs[pair].sites[s].block, sw->blocks[block]) == 0) {
				if (!plan.sites)
					plan.sites = &sw->pairs[pair].sites[s];
				plan.n_sites++;
			}
		}
		swap_point(which, sw->blocks[block], &swap);
		if (check_plan_run(&plan, (enum gmcsim_fix)fix, &swap, cycles, &r, &err)) {
			pthread_mutex_lock(&sw->lock);
			if (!sw->error) {
				sw->error = err.code ? err.code : -EIO;
				sw->err = err;
			}
			pthread_mutex_unlock(&sw->lock);
			break;
		}
		row = &w->rows[pair][fix];
		row->runs++;
		for (size_t k = 0; k < r.n_findings; k++) {
			row->kinds[r.findings[k].kind]++;
			failing |= r.findings[k].severity >= GMCSIM_SEV_ERROR;
		}
		row->failing_runs += failing;
		check_result_fini(&r);
	}
	return NULL;
}

static void
add_rows(struct row (*dst)[GMCSIM_FIX_COUNT], struct row (*src)[GMCSIM_FIX_COUNT], size_t n)
{
	for (size_t p = 0; p < n; p++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
			dst[p][f].runs += src[p][f].runs;
			dst[p][f].failing_runs += src[p][f].failing_runs;
			for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
				dst[p][f].kinds[k] += src[p][f].kinds[k];
		}
	}
}

static int
setup(struct sweep *sw, struct gmc_error *err)
{
	struct gmcsim_site site;

	for (size_t i = 0; i < gmcsim_pair_builtin_count() && i < MAX_PAIRS; i++) {
		struct check_plan *p = &sw->pairs[sw->n_pairs];
		int rc;

		check_plan_init(p);
		rc = check_plan_set_pair(p, gmcsim_pair_builtin_at(i)->name, err);
		if (rc)
			return rc;
		sw->n_pairs++;
	}
	/* the catalog's blocks, each run alone */
	for (size_t i = 0; gmcsim_catalog_at(i, &site) == 0; i++) {
		bool seen = false;

		for (size_t b = 0; b < sw->n_blocks && !seen; b++)
			seen = strcmp(sw->blocks[b], site.block) == 0;
		if (!seen && sw->n_blocks < MAX_BLOCKS)
			sw->blocks[sw->n_blocks++] = strdup(site.block);
	}
	sw->total = (unsigned long long)sw->n_pairs * sw->n_blocks * GMCSIM_FIX_COUNT *
		    SWAPS_PER_BLOCK * CYCLES_MAX;
	return 0;
}

static void
teardown(struct sweep *sw)
{
	for (size_t i = 0; i < sw->n_pairs; i++)
		check_plan_fini(&sw->pairs[i]);
	for (size_t b = 0; b < sw->n_blocks; b++)
		free((char *)sw->blocks[b]);
}

static struct json_object *
to_json(const struct sweep *sw)
{
	struct json_object *root = json_object_new_object(), *rows = json_object_new_array();

	gmcsim_json_add(root, "combinations", json_object_new_int64((int64_t)sw->total));
	/* a slice says which one it is, so --merge can refuse duplicates and gaps */
	if (!sw->merged)
		gmcsim_json_add(root, "shard", json_object_new_int64(sw->shard + 1));
	gmcsim_json_add(root, "shards", json_object_new_int64(sw->shards));
	for (size_t p = 0; p < sw->n_pairs; p++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
			const struct row *r = &sw->rows[p][f];
			struct json_object *o = json_object_new_object(), *k = json_object_new_object();

			gmcsim_json_add(o, "pair", json_object_new_string(sw->pairs[p].pair));
			gmcsim_json_add(o, "changes", json_object_new_string(sw->pairs[p].changes));
			gmcsim_json_add(o, "fix", json_object_new_string(gmcsim_fix_name(f)));
			gmcsim_json_add(o, "runs", json_object_new_int64((int64_t)r->runs));
			gmcsim_json_add(o, "failing_runs",
					json_object_new_int64((int64_t)r->failing_runs));
			for (unsigned i = 0; i < GMCSIM_FINDING_KIND_COUNT; i++)
				gmcsim_json_add(k, gmcsim_finding_kind_name(i),
						json_object_new_int64((int64_t)r->kinds[i]));
			gmcsim_json_add(o, "findings", k);
			gmcsim_json_append(rows, o);
		}
	}
	gmcsim_json_add(root, "rows", rows);
	return root;
}

/* Rows of the summary: one per (fix, what changed), pairs with the same change added up. */
static size_t
group_rows(const struct sweep *sw, unsigned fix, const char **changes, struct row *rows,
	   unsigned *pairs, size_t max)
{
	size_t n = 0;

	for (size_t p = 0; p < sw->n_pairs; p++) {
		size_t g;

		for (g = 0; g < n && strcmp(changes[g], sw->pairs[p].changes) != 0; g++)
			;
		if (g == n) {
			if (n == max)
				continue;
			changes[n] = sw->pairs[p].changes;
			memset(&rows[n], 0, sizeof(rows[n]));
			pairs[n] = 0;
			n++;
		}
		pairs[g]++;
		rows[g].runs += sw->rows[p][fix].runs;
		rows[g].failing_runs += sw->rows[p][fix].failing_runs;
		for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
			rows[g].kinds[k] += sw->rows[p][fix].kinds[k];
	}
	return n;
}

static void
print_text(const struct sweep *sw)
{
	printf("gmcsim sweep: %llu combinations (%zu pairs x %zu blocks x %u fixes x %u swap "
	       "points x 1-%u cycles)%s\n\n",
	       sw->total, sw->n_pairs, sw->n_blocks, GMCSIM_FIX_COUNT, SWAPS_PER_BLOCK, CYCLES_MAX,
	       sw->shards > 1 ? ", merged from shards" : "");
	printf("%-10s %-24s %5s %7s %7s", "FIX", "WHAT CHANGED", "PAIRS", "RUNS", "FAILING");
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		printf(" %s", gmcsim_finding_kind_name(k));
	printf("\n");
	for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
		const char *changes[MAX_PAIRS];
		struct row rows[MAX_PAIRS];
		unsigned pairs[MAX_PAIRS];
		size_t n = group_rows(sw, f, changes, rows, pairs, MAX_PAIRS);

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
		const char *changes[MAX_PAIRS];
		struct row rows[MAX_PAIRS];
		unsigned pairs[MAX_PAIRS];
		size_t n = group_rows(sw, f, changes, rows, pairs, MAX_PAIRS);

		for (size_t g = 0; g < n; g++) {
			printf("%s,\"%s\",%u,%llu,%llu", gmcsim_fix_name(f), changes[g], pairs[g],
			       rows[g].runs, rows[g].failing_runs);
			for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
				printf(",%llu", rows[g].kinds[k]);
			printf("\n");
		}
	}
}

/* Add one shard's JSON into @sw's rows (pairs matched by name). */
static int
merge_file(struct sweep *sw, const char *path, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX], *text;
	struct json_object *root, *rows;
	int rc = gmcsim_read_file(path, &text, why, sizeof(why));

	if (rc) {
		err->code = rc;
		snprintf(err->message, sizeof(err->message), "%s", why);
		return rc;
	}
	root = json_tokener_parse(text);
	free(text);
	rc = -EINVAL;
	if (root && json_object_object_get_ex(root, "rows", &rows) &&
	    json_object_is_type(rows, json_type_array)) {
		struct json_object *jshard, *jshards;
		int64_t shard = 0, shards = 0;

		if (json_object_object_get_ex(root, "shard", &jshard) &&
		    json_object_object_get_ex(root, "shards", &jshards)) {
			shard = json_object_get_int64(jshard);
			shards = json_object_get_int64(jshards);
		}
		if (shards < 1 || shards > (int64_t)sizeof(sw->seen) || shard < 1 || shard > shards ||
		    (sw->shards && shards != sw->shards) || sw->seen[shard - 1]) {
			json_object_put(root);
			return gmcsim_fail(err, -EINVAL,
					   "%s: not a shard of this sweep, or a shard given twice "
					   "(shard %lld of %lld)",
					   path, (long long)shard, (long long)shards);
		}
		sw->shards = (unsigned)shards;
		sw->seen[shard - 1] = 1;
		rc = 0;
		for (size_t i = 0; i < json_object_array_length(rows) && !rc; i++) {
			struct json_object *o = json_object_array_get_idx(rows, i), *v, *k;
			const char *pair = NULL;
			enum gmcsim_fix fix;
			size_t p;

			rc = -EINVAL;
			if (!json_object_object_get_ex(o, "pair", &v) ||
			    !(pair = json_object_get_string(v)) ||
			    !json_object_object_get_ex(o, "fix", &v) ||
			    gmcsim_fix_from_name(json_object_get_string(v), &fix) ||
			    !json_object_object_get_ex(o, "findings", &k))
				break;
			for (p = 0; p < sw->n_pairs && strcmp(sw->pairs[p].pair, pair); p++)
				;
			if (p == sw->n_pairs)
				break;
			if (json_object_object_get_ex(o, "runs", &v))
				sw->rows[p][fix].runs += (unsigned long long)json_object_get_int64(v);
			if (json_object_object_get_ex(o, "failing_runs", &v))
				sw->rows[p][fix].failing_runs +=
					(unsigned long long)json_object_get_int64(v);
			for (unsigned n = 0; n < GMCSIM_FINDING_KIND_COUNT; n++) {
				if (json_object_object_get_ex(k, gmcsim_finding_kind_name(n), &v))
					sw->rows[p][fix].kinds[n] +=
						(unsigned long long)json_object_get_int64(v);
			}
			rc = 0;
		}
	}
	json_object_put(root);
	if (rc) {
		err->code = rc;
		snprintf(err->message, sizeof(err->message),
			 "%s is not the JSON of a gmcsim sweep shard", path);
	}
	return rc;
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
		"  --merge       add the given shards' JSON together\n"
		"  --json, --csv output format (default: a text table)\n"
		"  -h, --help    show this help\n");
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
	unsigned jobs = 1;
	bool merge = false, json = false, csv = false;
	int c, rc;

	memset(&sw, 0, sizeof(sw));
	sw.shards = 1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		char why[GMCSIM_WHY_MAX];
		uint64_t v, n;
		char *slash;

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
			if (gmcsim_parse_u64(optarg, 0, 1u << 20, &v, why, sizeof(why)) ||
			    gmcsim_parse_u64(slash + 1, 0, 1u << 20, &n, why, sizeof(why)) || v < 1 ||
			    v > n)
				goto bad_shard;
			sw.shard = (unsigned)v - 1;
			sw.shards = (unsigned)n;
			break;
		case OPT_MERGE: merge = true; break;
		case OPT_JSON: json = true; break;
		case OPT_CSV: csv = true; break;
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
	if (merge != (optind < argc)) {
		fprintf(stderr, "gmcsim sweep: EINVAL: --merge takes shard files, and only it does\n");
		return GMCSIM_EXIT_USAGE;
	}

	rc = setup(&sw, &err);
	pthread_mutex_init(&sw.lock, NULL);
	if (!rc && merge) {
		sw.merged = true;
		sw.shards = 0;
		for (int i = optind; i < argc && !rc; i++)
			rc = merge_file(&sw, argv[i], &err);
		for (unsigned i = 0; i < sw.shards && !rc; i++) {
			if (!sw.seen[i])
				rc = gmcsim_fail(&err, -EINVAL, "shard %u of %u is missing", i + 1,
						 sw.shards);
		}
	} else if (!rc) {
		struct worker *w = calloc(jobs, sizeof(*w));
		pthread_t *t = calloc(jobs, sizeof(*t));

		if (!w || !t) {
			rc = err.code = -ENOMEM;
			snprintf(err.message, sizeof(err.message), "out of memory");
		}
		for (unsigned j = 0; j < jobs && !rc; j++) {
			w[j].sw = &sw;
			w[j].index = j;
			w[j].jobs = jobs;
			if (pthread_create(&t[j], NULL, work, &w[j])) {
				/* fall back to running this share here */
				work(&w[j]);
				t[j] = 0;
			}
		}
		for (unsigned j = 0; j < jobs && !rc; j++) {
			if (t[j])
				pthread_join(t[j], NULL);
			add_rows(sw.rows, w[j].rows, sw.n_pairs);
		}
		free(w);
		free(t);
		if (!rc && sw.error) {
			rc = sw.error;
			err = sw.err;
		}
	}
	pthread_mutex_destroy(&sw.lock);
	if (rc) {
		fprintf(stderr, "gmcsim sweep: %s: %s\n", gmc_errno_name(rc), err.message);
		teardown(&sw);
		return GMCSIM_EXIT_USAGE;
	}
	if (json) {
		struct json_object *o = to_json(&sw);

		rc = gmcsim_json_print(stdout, o, true);
		json_object_put(o);
	} else if (csv) {
		print_csv(&sw);
	} else {
		print_text(&sw);
	}
	teardown(&sw);
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;

bad_shard:
	fprintf(stderr, "gmcsim sweep: EINVAL: --shard takes I/N with 1 <= I <= N\n");
	return GMCSIM_EXIT_USAGE;
}
