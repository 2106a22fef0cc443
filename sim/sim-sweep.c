/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine: the combinations in a fixed order, the workers that run
 * a shard's share of them, the rows they fold into, and the shard format
 * (written by sweep_to_json(), read back by sweep_merge_file()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "sim-sweep.h"
#include "util.h"

struct worker {
	struct sweep *sw;
	unsigned index, jobs;
	struct sweep_row rows[SWEEP_MAX_PAIRS][GMCSIM_FIX_COUNT];
};

void
sweep_combination(const struct sweep *sw, unsigned long long i, size_t *pair, unsigned *fix,
		  size_t *block, unsigned *swap, unsigned *cycles)
{
	*cycles = 1 + (unsigned)(i % SWEEP_CYCLES_MAX);
	i /= SWEEP_CYCLES_MAX;
	*swap = (unsigned)(i % SWEEP_SWAPS_PER_BLOCK);
	i /= SWEEP_SWAPS_PER_BLOCK;
	*fix = (unsigned)(i % GMCSIM_FIX_COUNT);
	i /= GMCSIM_FIX_COUNT;
	*block = (size_t)(i % sw->n_blocks);
	*pair = (size_t)(i / sw->n_blocks);
}

static void
swap_point(unsigned which, const char *block, struct gmcsim_swap *out)
{
	/* the swap points around the block under test, and a control run without a swap */
	static const enum gmcsim_swap_kind kinds[SWEEP_SWAPS_PER_BLOCK] = {
		GMCSIM_SWAP_BEFORE_SUSPEND, GMCSIM_SWAP_AFTER_BLOCK_SUSPEND,
		GMCSIM_SWAP_AFTER_SUSPEND,  GMCSIM_SWAP_BEFORE_BLOCK_RESUME,
		GMCSIM_SWAP_AFTER_RESUME,   GMCSIM_SWAP_NONE,
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
		struct sweep_row *row;
		bool failing = false;

		/* the shard first, then this worker's share of it */
		if (i % sw->shards != sw->shard || (i / sw->shards) % w->jobs != w->index)
			continue;
		sweep_combination(sw, i, &pair, &fix, &block, &which, &cycles);
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
		const struct gmcsim_strategy *st = NULL;

		if (gmcsim_strategy_builtin((enum gmcsim_fix)fix, &st) ||
		    check_plan_run(&plan, st, &swap, cycles, &r, &err)) {
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
add_row(struct sweep_row *dst, const struct sweep_row *src)
{
	dst->runs += src->runs;
	dst->failing_runs += src->failing_runs;
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		dst->kinds[k] += src->kinds[k];
}

int
sweep_init(struct sweep *sw, struct gmc_error *err)
{
	struct gmcsim_site site;

	memset(sw, 0, sizeof(*sw));
	sw->shards = 1;
	pthread_mutex_init(&sw->lock, NULL);
	for (size_t i = 0; i < gmcsim_pair_builtin_count() && i < SWEEP_MAX_PAIRS; i++) {
		struct check_plan *p = &sw->pairs[sw->n_pairs];
		int rc;

		check_plan_init(p);
		sw->n_pairs++;
		rc = check_plan_set_pair(p, gmcsim_pair_builtin_at(i)->name, err);
		if (rc)
			return rc;
	}
	/* the catalog's blocks, each run alone */
	for (size_t i = 0; gmcsim_catalog_at(i, &site) == 0; i++) {
		bool seen = false;

		for (size_t b = 0; b < sw->n_blocks && !seen; b++)
			seen = strcmp(sw->blocks[b], site.block) == 0;
		if (seen || sw->n_blocks == SWEEP_MAX_BLOCKS)
			continue;
		sw->blocks[sw->n_blocks] = strdup(site.block);
		if (!sw->blocks[sw->n_blocks])
			return gmcsim_fail(err, -ENOMEM, "out of memory");
		sw->n_blocks++;
	}
	sw->total = (unsigned long long)sw->n_pairs * sw->n_blocks * GMCSIM_FIX_COUNT *
		    SWEEP_SWAPS_PER_BLOCK * SWEEP_CYCLES_MAX;
	return 0;
}

void
sweep_fini(struct sweep *sw)
{
	for (size_t i = 0; i < sw->n_pairs; i++)
		check_plan_fini(&sw->pairs[i]);
	for (size_t b = 0; b < sw->n_blocks; b++)
		free((char *)sw->blocks[b]);
	sw->n_pairs = sw->n_blocks = 0;
	pthread_mutex_destroy(&sw->lock);
}

int
sweep_set_shard(struct sweep *sw, unsigned index, unsigned count, struct gmc_error *err)
{
	if (count < 1 || count > SWEEP_MAX_SLICES || index >= count)
		return gmcsim_fail(err, -EINVAL, "shard %u of %u: give 1 <= I <= N <= %u",
				   index + 1, count, SWEEP_MAX_SLICES);
	sw->shard = index;
	sw->shards = count;
	return 0;
}

int
sweep_run(struct sweep *sw, unsigned jobs, struct gmc_error *err)
{
	struct worker *w = calloc(jobs, sizeof(*w));
	pthread_t *t = calloc(jobs, sizeof(*t));
	int rc = 0;

	if (!w || !t) {
		free(w);
		free(t);
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	for (unsigned j = 0; j < jobs; j++) {
		w[j].sw = sw;
		w[j].index = j;
		w[j].jobs = jobs;
		if (pthread_create(&t[j], NULL, work, &w[j])) {
			/* fall back to running this share here */
			work(&w[j]);
			t[j] = 0;
		}
	}
	for (unsigned j = 0; j < jobs; j++) {
		if (t[j])
			pthread_join(t[j], NULL);
		for (size_t p = 0; p < sw->n_pairs; p++) {
			for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++)
				add_row(&sw->rows[p][f], &w[j].rows[p][f]);
		}
	}
	free(w);
	free(t);
	if (sw->error) {
		rc = sw->error;
		if (err)
			*err = sw->err;
	}
	return rc;
}

struct json_object *
sweep_to_json(const struct sweep *sw)
{
	struct json_object *root = json_object_new_object(), *rows = json_object_new_array();
	bool failed = false;

	failed |= gmcsim_json_add(root, "combinations", json_object_new_int64((int64_t)sw->total));
	/* a slice says which one it is, so a merge can refuse duplicates and gaps */
	if (!sw->merged)
		failed |= gmcsim_json_add(root, "shard", json_object_new_int64(sw->shard + 1));
	failed |= gmcsim_json_add(root, "shards", json_object_new_int64(sw->shards));
	for (size_t p = 0; p < sw->n_pairs; p++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
			const struct sweep_row *r = &sw->rows[p][f];
			struct json_object *o = json_object_new_object(),
					   *k = json_object_new_object();

			failed |= gmcsim_json_add(o, "pair",
						  json_object_new_string(sw->pairs[p].pair));
			failed |= gmcsim_json_add(o, "changes",
						  json_object_new_string(sw->pairs[p].changes));
			failed |= gmcsim_json_add(o, "fix",
						  json_object_new_string(gmcsim_fix_name(f)));
			failed |=
				gmcsim_json_add(o, "runs", json_object_new_int64((int64_t)r->runs));
			failed |= gmcsim_json_add(o, "failing_runs",
						  json_object_new_int64((int64_t)r->failing_runs));
			for (unsigned i = 0; i < GMCSIM_FINDING_KIND_COUNT; i++)
				failed |= gmcsim_json_add(
					k, gmcsim_finding_kind_name(i),
					json_object_new_int64((int64_t)r->kinds[i]));
			failed |= gmcsim_json_add(o, "findings", k);
			failed |= gmcsim_json_append(rows, o);
		}
	}
	failed |= gmcsim_json_add(root, "rows", rows);
	if (failed) {
		json_object_put(root);
		return NULL;
	}
	return root;
}

void
sweep_merge_begin(struct sweep *sw)
{
	sw->merged = true;
	sw->shards = 0;
	memset(sw->seen, 0, sizeof(sw->seen));
	memset(sw->rows, 0, sizeof(sw->rows));
}

int
sweep_merge_file(struct sweep *sw, const char *path, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX], *text;
	struct json_object *root, *rows;
	int rc = gmcsim_read_file(path, &text, why, sizeof(why));

	if (rc)
		return gmcsim_fail(err, rc, "%s", why);
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
		if (shards < 1 || shards > (int64_t)sizeof(sw->seen) || shard < 1 ||
		    shard > shards || (sw->shards && shards != sw->shards) || sw->seen[shard - 1]) {
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
				sw->rows[p][fix].runs +=
					(unsigned long long)json_object_get_int64(v);
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
	if (rc)
		return gmcsim_fail(err, rc, "%s is not the JSON of a gmcsim sweep shard", path);
	return 0;
}

int
sweep_merge_finish(struct sweep *sw, struct gmc_error *err)
{
	for (unsigned i = 0; i < sw->shards; i++) {
		if (!sw->seen[i])
			return gmcsim_fail(err, -EINVAL, "shard %u of %u is missing", i + 1,
					   sw->shards);
	}
	return 0;
}

size_t
sweep_group_rows(const struct sweep *sw, unsigned fix, const char **changes, struct sweep_row *rows,
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
		add_row(&rows[g], &sw->rows[p][fix]);
	}
	return n;
}
