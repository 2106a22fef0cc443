/* SPDX-License-Identifier: MIT */
/*
 * The sweep's JSON: a shard, with the identity of its sweep (version,
 * selection, digest), or the whole sweep, which a merge of every shard
 * reproduces exactly; and the merge, which trusts nothing in a shard file
 * (docs/sweeping.md lists every refusal).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "sim-sweep.h"
#include "util-json-read.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

static struct json_object *
row_json(const struct sweep *sw, size_t g, size_t f, bool sliced)
{
	const struct sweep_group *gr = &sw->groups[g];
	const struct sweep_row *r = sweep_row_at(sw, g, f);
	struct json_object *o = json_object_new_object(), *k = json_object_new_object();
	unsigned long long per_pair = (unsigned long long)sw->n_blocks * sw->n_swaps * sw->n_cycles;
	int rc = 0;

	if (sw->generated)
		rc |= gmcsim_json_add(o, "part", json_object_new_string(gr->part));
	else
		rc |= gmcsim_json_add(o, "pair", json_object_new_string(gr->pair));
	rc |= gmcsim_json_add(o, "changes", json_object_new_string(gr->changes));
	rc |= gmcsim_json_add(o, "fix", json_object_new_string(sw->strategies[f]->name));
	/* a slice holds part of a pair's runs: it cannot count pairs */
	if (sw->generated && !sliced)
		rc |= gmcsim_json_add(o, "pairs",
				      json_object_new_int64((int64_t)(r->runs / per_pair)));
	rc |= gmcsim_json_add(o, "runs", json_object_new_int64((int64_t)r->runs));
	rc |= gmcsim_json_add(o, "failing_runs", json_object_new_int64((int64_t)r->failing_runs));
	for (unsigned i = 0; i < GMCSIM_FINDING_KIND_COUNT; i++)
		rc |= gmcsim_json_add(k, gmcsim_finding_kind_name(i),
				      json_object_new_int64((int64_t)r->kinds[i]));
	rc |= gmcsim_json_add(o, "findings", k);
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
worst_json(const struct sweep_worst *w)
{
	struct json_object *o = json_object_new_object();
	int rc = 0;

	rc |= gmcsim_json_add(o, "index", json_object_new_int64((int64_t)w->index));
	rc |= gmcsim_json_add(o, "pair", json_object_new_string(w->pair));
	rc |= gmcsim_json_add(o, "block", json_object_new_string(w->block));
	rc |= gmcsim_json_add(o, "fix", json_object_new_string(w->fix));
	rc |= gmcsim_json_add(o, "swap", json_object_new_string(w->swap));
	rc |= gmcsim_json_add(o, "cycles", json_object_new_int64(w->cycles));
	rc |= gmcsim_json_add(o, "severity",
			      json_object_new_string(gmcsim_severity_name(w->severity)));
	rc |= gmcsim_json_add(o, "errors", json_object_new_int64(w->errors));
	rc |= gmcsim_json_add(o, "findings", json_object_new_int64(w->findings));
	rc |= gmcsim_json_add(o, "command", json_object_new_string(w->command));
	if (rc) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

struct json_object *
sweep_to_json(const struct sweep *sw)
{
	struct json_object *root = json_object_new_object(), *rows = json_object_new_array();
	bool sliced = sw->sliced && !sw->merged;
	int rc = 0;

	rc |= gmcsim_json_add(root, "combinations", json_object_new_int64((int64_t)sw->total));
	/* a slice says which one it is and of which sweep; the whole sweep is slice 1 of 1 */
	rc |= gmcsim_json_add(root, "shard", json_object_new_int64(sliced ? sw->shard + 1 : 1));
	rc |= gmcsim_json_add(root, "shards", json_object_new_int64(sliced ? sw->shards : 1));
	if (sliced) {
		struct json_object *id = json_object_new_object();

		rc |= gmcsim_json_add(id, "version", json_object_new_string(sweep_version()));
		rc |= gmcsim_json_add(id, "selection", json_object_new_string(sw->selection));
		rc |= gmcsim_json_add(id, "digest", json_object_new_string(sw->digest));
		rc |= gmcsim_json_add(id, "worst", json_object_new_int64(sw->worst_max));
		rc |= gmcsim_json_add(root, "sweep", id);
	}
	for (size_t g = 0; g < sw->n_groups && !rc; g++) {
		for (size_t f = 0; f < sw->n_strategies && !rc; f++)
			rc |= gmcsim_json_append(rows, row_json(sw, g, f, sliced));
	}
	rc |= gmcsim_json_add(root, "rows", rows);
	if (sw->worst_max) {
		struct json_object *worst = json_object_new_array();

		for (size_t i = 0; i < sw->n_worst && !rc; i++)
			rc |= gmcsim_json_append(worst, worst_json(&sw->worst[i]));
		rc |= gmcsim_json_add(root, "worst", worst);
	}
	if (rc) {
		json_object_put(root);
		return NULL;
	}
	return root;
}

/* ------------------------------------------------------------------ */
/* Merging                                                              */
/* ------------------------------------------------------------------ */

int
sweep_merge_begin(struct sweep *sw, struct gmc_error *err)
{
	sw->merged = true;
	sw->sliced = false;
	sw->shards = 0;
	sw->merged_worst_max = -1;
	sw->merged_runs = 0;
	sw->n_worst = 0;
	memset(sw->rows, 0, sw->n_groups * sw->n_strategies * sizeof(*sw->rows));
	free(sw->seen);
	sw->seen = calloc(SWEEP_MAX_SHARDS, 1);
	if (!sw->seen)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	return 0;
}

/* A count: a JSON integer, not negative; nothing else (no string, no fraction, no bool). */
static int
read_count(struct gmcsim_json *js, const char *path, struct json_object *val,
	   unsigned long long max, unsigned long long *out)
{
	int64_t v;

	if (!json_object_is_type(val, json_type_int))
		return gmcsim_json_fail(js, -EINVAL, path,
					"expected a non-negative integer, not %s",
					json_type_to_name(json_object_get_type(val)));
	v = json_object_get_int64(val);
	if (v < 0)
		return gmcsim_json_fail(js, -EINVAL, path, "a count cannot be negative (%lld)",
					(long long)v);
	if ((unsigned long long)v > max)
		return gmcsim_json_fail(js, -EINVAL, path,
					"%lld is more than this sweep can hold (%llu)",
					(long long)v, max);
	*out = (unsigned long long)v;
	return 0;
}

/* A string that must equal @p want. */
static int
read_same(struct gmcsim_json *js, const char *path, struct json_object *val, const char *want,
	  const char *what)
{
	const char *s;
	char q[GMCSIM_SAFE_BUF];
	int rc = gmcsim_json_string_ref(js, path, val, &s);

	if (rc)
		return rc;
	if (strcmp(s, want) != 0)
		return gmcsim_json_fail(js, -EINVAL, path, "'%s' is not this sweep's %s ('%s')",
					gmcsim_safe_text(s, q, sizeof(q)), what, want);
	return 0;
}

/* What one shard file holds, read whole before any of it is added. */
struct shard_read {
	struct sweep *sw;
	unsigned long long combinations, shard, shards, worst_max;
	struct json_object *id, *rows, *worst;
	struct sweep_row *row; /* the file's rows */
	unsigned long long runs;
	struct sweep_worst *w; /* the file's worst */
	size_t n_w;
};

static int
read_id_key(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	    struct json_object *val, void *target)
{
	struct shard_read *r = target;

	if (strcmp(key->key, "version") == 0)
		return read_same(js, path, val, sweep_version(), "gmcsim version");
	if (strcmp(key->key, "selection") == 0) {
		int rc = read_same(js, path, val, r->sw->selection, "selection");

		return rc ? gmcsim_json_fail(js, rc, "",
					     "a shard of another sweep: give --merge the options "
					     "the shards were run with")
			  : 0;
	}
	if (strcmp(key->key, "digest") == 0) {
		int rc = read_same(js, path, val, r->sw->digest, "digest");

		return rc ? gmcsim_json_fail(js, rc, "",
					     "the same options over other inputs: a profile, block "
					     "file, fix file or gmcsim's own data differs")
			  : 0;
	}
	return read_count(js, path, val, SWEEP_MAX_WORST, &r->worst_max);
}

static const struct gmcsim_json_key id_key_list[] = {
	GMCSIM_JSON_CUSTOM("version", read_id_key, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("selection", read_id_key, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("digest", read_id_key, GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM("worst", read_id_key, GMCSIM_JSON_REQUIRED),
};

static const struct gmcsim_json_keys id_keys = GMCSIM_JSON_KEYS(id_key_list);

static int
read_top_count(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
	       struct json_object *val, void *target)
{
	unsigned long long *out = gmcsim_json_field(key, target);

	return read_count(js, path, val, 1ull << 62, out);
}

static const struct gmcsim_json_key shard_key_list[] = {
	GMCSIM_JSON_CUSTOM_FIELD("combinations", struct shard_read, combinations, read_top_count,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM_FIELD("shard", struct shard_read, shard, read_top_count,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_CUSTOM_FIELD("shards", struct shard_read, shards, read_top_count,
				 GMCSIM_JSON_REQUIRED),
	GMCSIM_JSON_RAW("sweep", struct shard_read, id),
	GMCSIM_JSON_RAW("rows", struct shard_read, rows),
	GMCSIM_JSON_RAW("worst", struct shard_read, worst),
};

static const struct gmcsim_json_keys shard_keys = GMCSIM_JSON_KEYS(shard_key_list);

/* One row: this sweep's row @p index (its group and strategy, in order), of sane counts. */
static int
read_row(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val, void *ctx)
{
	struct shard_read *r = ctx;
	const struct sweep *sw = r->sw;
	size_t g = index / sw->n_strategies, f = index % sw->n_strategies;
	const struct sweep_group *gr = &sw->groups[g];
	struct sweep_row *row = &r->row[index];
	size_t want_keys = 6;
	char sub[GMCSIM_JSON_PATH_MAX];
	struct json_object *v, *k;
	int rc;

	if (!json_object_is_type(val, json_type_object))
		return gmcsim_json_fail(js, -EINVAL, path, "expected a row object");
	/* the row's identity: its group and strategy, as this sweep orders them */
	if (!json_object_object_get_ex(val, sw->generated ? "part" : "pair", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !json_object_object_get_ex(val, "fix", &k) || !json_object_is_type(k, json_type_string))
		return gmcsim_json_fail(js, -EINVAL, path, "a row needs \"%s\" and \"fix\"",
					sw->generated ? "part" : "pair");
	if (strcmp(json_object_get_string(v), sw->generated ? gr->part : gr->pair) != 0 ||
	    strcmp(json_object_get_string(k), sw->strategies[f]->name) != 0) {
		char q1[GMCSIM_SAFE_BUF], q2[GMCSIM_SAFE_BUF];

		/* an earlier row of the same name: a duplicate; else a row of another sweep */
		for (size_t i = 0; i < index; i++) {
			size_t gi = i / sw->n_strategies, fi = i % sw->n_strategies;

			if (strcmp(json_object_get_string(v),
				   sw->generated ? sw->groups[gi].part : sw->groups[gi].pair) ==
				    0 &&
			    strcmp(json_object_get_string(k), sw->strategies[fi]->name) == 0 &&
			    (!sw->generated || gi == g))
				return gmcsim_json_fail(
					js, -EINVAL, path, "a duplicated row ('%s', fix '%s')",
					gmcsim_safe_text(json_object_get_string(v), q1, sizeof(q1)),
					gmcsim_safe_text(json_object_get_string(k), q2,
							 sizeof(q2)));
		}
		return gmcsim_json_fail(js, -EINVAL, path,
					"row '%s', fix '%s' is not this sweep's row %zu ('%s', fix "
					"'%s')",
					gmcsim_safe_text(json_object_get_string(v), q1, sizeof(q1)),
					gmcsim_safe_text(json_object_get_string(k), q2, sizeof(q2)),
					index, sw->generated ? gr->part : gr->pair,
					sw->strategies[f]->name);
	}
	gmcsim_json_path_key(sub, sizeof(sub), path, "changes");
	if (!json_object_object_get_ex(val, "changes", &v))
		return gmcsim_json_fail(js, -EINVAL, path, "missing key 'changes'");
	rc = read_same(js, sub, v, gr->changes, "change");
	if (rc)
		return rc;
	if (json_object_object_length(val) != (int)want_keys)
		return gmcsim_json_fail(
			js, -EINVAL, path,
			"a shard's row has exactly the keys %s, changes, fix, runs, "
			"failing_runs and findings",
			sw->generated ? "part" : "pair");
	gmcsim_json_path_key(sub, sizeof(sub), path, "runs");
	if (!json_object_object_get_ex(val, "runs", &v) ||
	    (rc = read_count(js, sub, v, sw->total, &row->runs)) != 0)
		return rc ? rc : gmcsim_json_fail(js, -EINVAL, path, "missing key 'runs'");
	gmcsim_json_path_key(sub, sizeof(sub), path, "failing_runs");
	if (!json_object_object_get_ex(val, "failing_runs", &v) ||
	    (rc = read_count(js, sub, v, sw->total, &row->failing_runs)) != 0)
		return rc ? rc : gmcsim_json_fail(js, -EINVAL, path, "missing key 'failing_runs'");
	if (row->failing_runs > row->runs)
		return gmcsim_json_fail(js, -EINVAL, sub, "%llu failing runs of %llu runs",
					row->failing_runs, row->runs);
	gmcsim_json_path_key(sub, sizeof(sub), path, "findings");
	if (!json_object_object_get_ex(val, "findings", &k) ||
	    !json_object_is_type(k, json_type_object) ||
	    json_object_object_length(k) != GMCSIM_FINDING_KIND_COUNT)
		return gmcsim_json_fail(js, -EINVAL, sub, "expected a count of every finding kind");
	for (unsigned n = 0; n < GMCSIM_FINDING_KIND_COUNT; n++) {
		char kp[GMCSIM_JSON_PATH_MAX];

		gmcsim_json_path_key(kp, sizeof(kp), sub, gmcsim_finding_kind_name(n));
		if (!json_object_object_get_ex(k, gmcsim_finding_kind_name(n), &v))
			return gmcsim_json_fail(js, -EINVAL, kp, "missing");
		/* a kind is counted once per site and run: at most as many as the runs' sites */
		rc = read_count(js, kp, v, 1ull << 62, &row->kinds[n]);
		if (rc)
			return rc;
	}
	if (__builtin_uaddll_overflow(r->runs, row->runs, &r->runs))
		return gmcsim_json_fail(js, -EINVAL, path, "the runs overflow");
	return 0;
}

/* One of the shard's worst combinations: in its slice, of sane counts. */
static int
read_worst(struct gmcsim_json *js, const char *path, size_t index, struct json_object *val,
	   void *ctx)
{
	struct shard_read *r = ctx;
	struct sweep_worst *w = &r->w[index];
	static const char *const keys[] = { "index",  "pair",	  "block",  "fix",	"swap",
					    "cycles", "severity", "errors", "findings", "command" };
	char sub[GMCSIM_JSON_PATH_MAX];
	struct json_object *v;
	unsigned long long n;
	unsigned sev;
	int rc = 0;

	memset(w, 0, sizeof(*w));
	if (!json_object_is_type(val, json_type_object) ||
	    json_object_object_length(val) != (int)(sizeof(keys) / sizeof(keys[0])))
		return gmcsim_json_fail(js, -EINVAL, path,
					"expected an object of index, pair, block, fix, swap, "
					"cycles, severity, errors, findings and command");
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !rc; i++) {
		gmcsim_json_path_key(sub, sizeof(sub), path, keys[i]);
		if (!json_object_object_get_ex(val, keys[i], &v))
			return gmcsim_json_fail(js, -EINVAL, sub, "missing");
		switch (i) {
		case 0:
			rc = read_count(js, sub, v, r->sw->total - 1, &w->index);
			if (!rc && w->index % r->shards != r->shard - 1)
				rc = gmcsim_json_fail(
					js, -EINVAL, sub,
					"combination %llu is not in slice %llu of %llu", w->index,
					r->shard, r->shards);
			break;
		case 1:
			rc = gmcsim_json_string(js, sub, v, GMCSIM_JSON_TEXT, w->pair,
						sizeof(w->pair));
			break;
		case 2:
			rc = gmcsim_json_string(js, sub, v, GMCSIM_JSON_TEXT, w->block,
						sizeof(w->block));
			break;
		case 3:
			rc = gmcsim_json_string(js, sub, v, GMCSIM_JSON_TEXT, w->fix,
						sizeof(w->fix));
			break;
		case 4:
			rc = gmcsim_json_string(js, sub, v, GMCSIM_JSON_TEXT, w->swap,
						sizeof(w->swap));
			break;
		case 5:
			rc = read_count(js, sub, v, 100, &n);
			w->cycles = (unsigned)n;
			break;
		case 6:
			rc = gmcsim_json_string_ref(js, sub, v, &(const char *){ NULL });
			if (!rc && gmcsim_severity_from_name(json_object_get_string(v),
							     (enum gmcsim_severity *)&sev))
				rc = gmcsim_json_fail(js, -EINVAL, sub, "not a severity");
			w->severity = sev;
			break;
		case 7:
			rc = read_count(js, sub, v, 1u << 23, &n);
			w->errors = (unsigned)n;
			break;
		case 8:
			rc = read_count(js, sub, v, 1u << 23, &n);
			w->findings = (unsigned)n;
			break;
		default:
			rc = gmcsim_json_string(js, sub, v, GMCSIM_JSON_TEXT, w->command,
						sizeof(w->command));
			break;
		}
	}
	if (rc)
		return rc;
	if (!w->findings || w->errors > w->findings)
		return gmcsim_json_fail(js, -EINVAL, path,
					"errors and findings do not add up (%u of %u)", w->errors,
					w->findings);
	w->score = ((unsigned long long)(w->severity + 1) << 48) |
		   ((unsigned long long)w->errors << 24) | w->findings;
	r->n_w = index + 1;
	return 0;
}

/* Keep @p w among the @p max worst of @p sw (the same order sim-sweep.c keeps). */
static void
merge_worst(struct sweep *sw, const struct sweep_worst *w)
{
	size_t at = sw->n_worst, max = sw->worst_max;

	if (!max || (sw->n_worst == max && (w->score < sw->worst[max - 1].score ||
					    (w->score == sw->worst[max - 1].score &&
					     w->index > sw->worst[max - 1].index))))
		return;
	while (at > 0 &&
	       (w->score > sw->worst[at - 1].score ||
		(w->score == sw->worst[at - 1].score && w->index < sw->worst[at - 1].index)))
		at--;
	if (sw->n_worst < max)
		sw->n_worst++;
	memmove(&sw->worst[at + 1], &sw->worst[at], (sw->n_worst - at - 1) * sizeof(*sw->worst));
	sw->worst[at] = *w;
}

/* Every check of one parsed shard, then its numbers into @p sw. */
static int
merge_shard(struct gmcsim_json *js, struct shard_read *r)
{
	struct sweep *sw = r->sw;
	size_t n_rows = sw->n_groups * sw->n_strategies;
	int rc;

	if (!r->id)
		return gmcsim_json_fail(js, -EINVAL, "",
					"not a shard: it has no \"sweep\" identity (a shard comes "
					"from 'gmcsim sweep --shard I/N --json')");
	rc = gmcsim_json_walk(js, "sweep", r->id, &id_keys, r);
	if (rc)
		return rc;
	if (r->combinations != sw->total)
		return gmcsim_json_fail(js, -EINVAL, "combinations",
					"%llu, but this sweep has %llu combinations",
					r->combinations, sw->total);
	if (r->shards < 1 || r->shards > SWEEP_MAX_SHARDS)
		return gmcsim_json_fail(js, -EINVAL, "shards", "%llu is not 1 to %u", r->shards,
					SWEEP_MAX_SHARDS);
	if (sw->shards && r->shards != sw->shards)
		return gmcsim_json_fail(js, -EINVAL, "shards",
					"%llu, but the shards before it are of %u", r->shards,
					sw->shards);
	if (r->shard < 1 || r->shard > r->shards)
		return gmcsim_json_fail(js, -EINVAL, "shard", "%llu is not 1 to %llu", r->shard,
					r->shards);
	if (sw->seen[r->shard - 1])
		return gmcsim_json_fail(js, -EINVAL, "shard", "slice %llu of %llu is given twice",
					r->shard, r->shards);
	if (sw->merged_worst_max >= 0 && r->worst_max != (unsigned long long)sw->merged_worst_max)
		return gmcsim_json_fail(js, -EINVAL, "sweep.worst",
					"%llu, but the shards before it kept %d", r->worst_max,
					sw->merged_worst_max);
	if (sw->worst_max > r->worst_max)
		return gmcsim_json_fail(
			js, -EINVAL, "sweep.worst",
			"the shard kept its %llu worst combinations: --worst may ask "
			"for at most that many",
			r->worst_max);
	if (!r->rows || !json_object_is_type(r->rows, json_type_array) ||
	    json_object_array_length(r->rows) != n_rows)
		return gmcsim_json_fail(js, -EINVAL, "rows",
					"expected this sweep's %zu rows (%zu groups x %zu fixes)",
					n_rows, sw->n_groups, sw->n_strategies);
	r->row = calloc(n_rows, sizeof(*r->row));
	if (!r->row)
		return gmcsim_json_fail(js, -ENOMEM, "", "out of memory");
	rc = gmcsim_json_each(js, "rows", r->rows, "rows", n_rows, read_row, r);
	if (rc)
		return rc;
	if (r->runs != sweep_slice_size(sw->total, (unsigned)r->shard - 1, (unsigned)r->shards))
		return gmcsim_json_fail(
			js, -EINVAL, "rows",
			"the runs add up to %llu, but slice %llu of %llu holds %llu "
			"combinations",
			r->runs, r->shard, r->shards,
			sweep_slice_size(sw->total, (unsigned)r->shard - 1, (unsigned)r->shards));
	if ((r->worst != NULL) != (r->worst_max > 0))
		return gmcsim_json_fail(js, -EINVAL, "worst",
					r->worst ? "listed, but the shard kept none"
						 : "missing, but the shard kept some");
	if (r->worst) {
		r->w = calloc(r->worst_max, sizeof(*r->w));
		if (!r->w)
			return gmcsim_json_fail(js, -ENOMEM, "", "out of memory");
		rc = gmcsim_json_each(js, "worst", r->worst, "worst combinations", r->worst_max,
				      read_worst, r);
		if (rc)
			return rc;
	}
	/* all checked: add it */
	for (size_t i = 0; i < n_rows; i++) {
		struct sweep_row *d = &sw->rows[i];

		d->runs += r->row[i].runs;
		d->failing_runs += r->row[i].failing_runs;
		for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
			d->kinds[k] += r->row[i].kinds[k];
	}
	for (size_t i = 0; i < r->n_w; i++)
		merge_worst(sw, &r->w[i]);
	sw->merged_runs += r->runs;
	sw->shards = (unsigned)r->shards;
	sw->seen[r->shard - 1] = 1;
	sw->merged_worst_max = (int)r->worst_max;
	return 0;
}

int
sweep_merge_file(struct sweep *sw, const char *path, struct gmc_error *err)
{
	char why[GMCSIM_WHY_MAX], where[96], q[GMCSIM_SAFE_BUF], *text;
	struct gmcsim_json js = { .err = err, .where = where };
	struct shard_read r = { .sw = sw };
	struct json_object *root = NULL;
	int rc = gmcsim_read_file(path, &text, why, sizeof(why));

	if (rc)
		return gmcsim_fail(err, rc, "%s", why);
	snprintf(where, sizeof(where), "%s: ", gmcsim_safe_text(path, q, sizeof(q)));
	rc = gmcsim_json_parse(&js, NULL, text, strlen(text), "the shard", &root);
	free(text);
	if (!rc)
		rc = gmcsim_json_walk(&js, "", root, &shard_keys, &r);
	if (!rc)
		rc = merge_shard(&js, &r);
	free(r.row);
	free(r.w);
	json_object_put(root);
	return rc;
}

int
sweep_merge_finish(struct sweep *sw, struct gmc_error *err)
{
	if (!sw->shards)
		return gmcsim_fail(err, -EINVAL, "no shard to merge");
	for (unsigned i = 0; i < sw->shards; i++) {
		if (!sw->seen[i])
			return gmcsim_fail(err, -EINVAL, "shard %u of %u is missing", i + 1,
					   sw->shards);
	}
	if (sw->merged_runs != sw->total)
		return gmcsim_fail(
			err, -EINVAL,
			"the shards' runs add up to %llu, not the sweep's %llu combinations",
			sw->merged_runs, sw->total);
	return 0;
}
