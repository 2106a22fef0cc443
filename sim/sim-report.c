/* SPDX-License-Identifier: MIT */
/*
 * The outcome of a check plan: every combination run, the verdict of each
 * block under each run, and the JSON document `gmcsim check --json` prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "sim-cond.h"
#include "sim-plan.h"
#include "util.h"

int
check_plan_run_all(const struct check_plan *plan, struct check_outcome *out, struct gmc_error *err)
{
	const struct gmcsim_strategy *st[PLAN_MAX_STRATEGIES];
	size_t n_st = check_plan_strategies(plan, st);
	size_t max = plan->n_swaps * plan->n_cycles * n_st;

	memset(out, 0, sizeof(*out));
	out->results = calloc(max ? max : 1, sizeof(*out->results));
	if (!out->results)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	for (size_t s = 0; s < plan->n_swaps; s++) {
		for (size_t c = 0; c < plan->n_cycles; c++) {
			for (size_t f = 0; f < n_st; f++) {
				struct check_result *r = &out->results[out->n];
				int rc;

				rc = check_plan_run(plan, st[f], &plan->swaps[s], plan->cycles[c],
						    r, err);
				if (rc)
					return rc;
				out->n++;
				for (size_t i = 0; i < r->n_findings; i++)
					out->failing += r->findings[i].severity >= plan->fail_on;
			}
		}
	}
	return 0;
}

void
check_outcome_fini(struct check_outcome *o)
{
	for (size_t i = 0; i < o->n; i++)
		check_result_fini(&o->results[i]);
	free(o->results);
	memset(o, 0, sizeof(*o));
}

/* Add @name to @rows unless it is there already. */
static size_t
add_row(const char **rows, size_t n, size_t max, const char *name)
{
	for (size_t k = 0; k < n; k++) {
		if (strcmp(rows[k], name) == 0)
			return n;
	}
	if (n < max)
		rows[n++] = name;
	return n;
}

size_t
check_outcome_blocks(const struct check_plan *plan, const struct check_outcome *o,
		     const char **rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->n_sites; i++) {
		if (sim_site_may_exist(&plan->sites[i], &plan->from, plan->kernel))
			n = add_row(rows, n, max, plan->sites[i].block);
	}
	for (size_t r = 0; r < o->n; r++) {
		for (size_t i = 0; i < o->results[r].n_findings; i++)
			n = add_row(rows, n, max, o->results[r].findings[i].block);
	}
	return n;
}

const char *
check_result_verdict(const struct check_result *r, const char *block, char *buf, size_t len)
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
	gmcsim_json_add(o, "uncertain", json_object_new_boolean(f->uncertain));
	gmcsim_json_add(o, "detail", json_object_new_string(f->detail));
	return o;
}

/* The object under @key in @parent, added empty when missing. */
static struct json_object *
child_object(struct json_object *parent, const char *key)
{
	struct json_object *o;

	if (!json_object_object_get_ex(parent, key, &o)) {
		o = json_object_new_object();
		if (gmcsim_json_add(parent, key, o))
			return NULL;
	}
	return o;
}

struct json_object *
check_outcome_json(const struct check_plan *plan, const struct check_outcome *o)
{
	struct json_object *root = json_object_new_object(), *runs = json_object_new_array();
	struct json_object *matrix = json_object_new_object();
	const char *rows[256];
	size_t n_rows = check_outcome_blocks(plan, o, rows, 256);
	bool failed = false;

	failed |= gmcsim_json_add(root, "from", json_object_new_string(plan->from.name)) != 0;
	failed |= gmcsim_json_add(root, "to", json_object_new_string(plan->to.name)) != 0;
	if (plan->pair[0])
		failed |= gmcsim_json_add(root, "pair", json_object_new_string(plan->pair)) != 0;
	failed |= gmcsim_json_add(root, "changes", json_object_new_string(plan->changes)) != 0;
	failed |= gmcsim_json_add(root, "kernel",
				  json_object_new_string(gmcsim_kernel_name(plan->kernel))) != 0;
	{
		struct json_object *assume = json_object_new_array();

		for (unsigned b = 0; check_plan_assumption_name(b); b++) {
			if (plan->assume & (1u << b))
				failed |= gmcsim_json_append(
						  assume, json_object_new_string(
								  check_plan_assumption_name(b))) !=
					  0;
		}
		failed |= gmcsim_json_add(root, "assume", assume) != 0;
	}
	failed |= gmcsim_json_add(root, "fail_on",
				  json_object_new_string(gmcsim_severity_name(plan->fail_on))) != 0;
	for (size_t r = 0; r < o->n && !failed; r++) {
		const struct check_result *res = &o->results[r];
		struct json_object *run = json_object_new_object(), *fs = json_object_new_array();
		char where[GMCSIM_NAME_MAX * 2], key[GMCSIM_NAME_MAX * 3];
		struct json_object *row;

		gmcsim_swap_format(&res->swap, where, sizeof(where));
		failed |= gmcsim_json_add(run, "fix",
					  json_object_new_string(res->strategy->name)) != 0;
		failed |= gmcsim_json_add(run, "swap", json_object_new_string(where)) != 0;
		failed |= gmcsim_json_add(run, "cycles", json_object_new_int64(res->cycles)) != 0;
		failed |= gmcsim_json_add(run, "gate", json_object_new_boolean(res->gate)) != 0;
		for (size_t i = 0; i < res->n_findings; i++)
			failed |= gmcsim_json_append(fs, finding_json(&res->findings[i])) != 0;
		failed |= gmcsim_json_add(run, "findings", fs) != 0;
		failed |= gmcsim_json_append(runs, run) != 0;

		/* matrix[swap/cycles][block][fix] = verdict */
		snprintf(key, sizeof(key), "%s/%u", where, res->cycles);
		row = child_object(matrix, key);
		failed |= !row;
		for (size_t b = 0; b < n_rows && !failed; b++) {
			struct json_object *cells = child_object(row, rows[b]);
			char cell[64];

			failed |= !cells ||
				  gmcsim_json_add(cells, res->strategy->name,
						  json_object_new_string(check_result_verdict(
							  res, rows[b], cell, sizeof(cell)))) != 0;
		}
	}
	failed |= gmcsim_json_add(root, "matrix", matrix) != 0;
	failed |= gmcsim_json_add(root, "runs", runs) != 0;
	if (failed) {
		json_object_put(root);
		return NULL;
	}
	return root;
}
