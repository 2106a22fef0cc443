/* SPDX-License-Identifier: MIT */
/*
 * Scenarios per second: the default `gmcsim check` workload (the gc944
 * node 2 -> node 5 swap, the whole catalog, each fix strategy) run
 * repeatedly through libgmcsim, and single-block runs as the sweep does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "bench-util.h"

/* The catalog, read once as `gmcsim check` and the sweep do. */
static struct gmcsim_site *catalog;
static size_t n_catalog;

static int
run_once(const struct gmcsim_profile *a, const struct gmcsim_profile *b, enum gmcsim_fix fix,
	 const char *only_block, size_t *findings)
{
	struct gmcsim_config cfg = { .from = a,
				     .to = b,
				     .fix = fix,
				     .cycles = 1,
				     .swap = { .kind = GMCSIM_SWAP_AFTER_SUSPEND } };
	struct gmcsim_run *run;
	int rc = gmcsim_run_new(&cfg, &run, NULL);

	for (size_t i = 0; !rc && i < n_catalog; i++) {
		if (!only_block || strcmp(catalog[i].block, only_block) == 0)
			rc = gmcsim_run_add_site(run, &catalog[i]);
	}
	if (!rc)
		rc = gmcsim_run_execute(run, NULL);
	if (!rc)
		*findings += gmcsim_run_finding_count(run);
	gmcsim_run_free(run);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned reps = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 2000;
	struct gmcsim_profile a, b;
	size_t findings = 0;
	double t0, full, single;

	if (gmcsim_profile_builtin("gc944-vf-node2", &a) ||
	    gmcsim_profile_builtin("gc944-vf-node5", &b))
		return 2;
	n_catalog = gmcsim_catalog_count();
	catalog = calloc(n_catalog ? n_catalog : 1, sizeof(*catalog));
	if (!catalog)
		return 2;
	for (size_t i = 0; i < n_catalog; i++) {
		if (gmcsim_catalog_at(i, &catalog[i]))
			return 2;
	}
	bench_pin_to_one_core();

	t0 = bench_now();
	for (unsigned r = 0; r < reps; r++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
			if (run_once(&a, &b, (enum gmcsim_fix)f, NULL, &findings))
				return 3;
		}
	}
	full = bench_now() - t0;

	t0 = bench_now();
	for (unsigned r = 0; r < reps; r++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++) {
			if (run_once(&a, &b, (enum gmcsim_fix)f, "psp", &findings))
				return 3;
		}
	}
	single = bench_now() - t0;

	printf("default check (5 full-catalog scenarios): %8.3f ms each\n", full * 1e3 / reps);
	printf("full-catalog scenarios:  %10.0f per second\n", reps * 5.0 / full);
	printf("single-block scenarios:  %10.0f per second (the sweep's unit)\n",
	       reps * 5.0 / single);
	printf("(%zu findings)\n", findings);
	free(catalog);
	return 0;
}
