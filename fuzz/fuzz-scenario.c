/* SPDX-License-Identifier: MIT */
/*
 * fuzz-scenario: the input is a scenario file as `gmcsim check --scenario`
 * reads it (sim/sim-plan.c). A failure must carry a negative errno and a
 * reason; a success must validate or refuse with a reason, and its first
 * combination must run (on at most 16 of its sites and 2 cycles, to keep
 * an input fast). block_files are not followed: a fuzzer must not
 * read the machine's files, so inputs naming them only get parsed up to
 * that key's refusal.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim-plan.h"
#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct check_plan defaults;
	static bool ready;
	struct gmc_error err = { 0 };
	struct check_plan plan;
	struct check_result r;
	char *text;
	int rc;

	if (memmem(data, size, "block_files", 11))
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* the defaults parse two profiles and copy the catalog: do it once */
	if (!ready) {
		check_plan_init(&defaults);
		ready = true;
	}
	plan = defaults;
	plan.sites = malloc(defaults.n_sites * sizeof(*plan.sites));
	if (!plan.sites) {
		free(text);
		return 0;
	}
	memcpy(plan.sites, defaults.sites, defaults.n_sites * sizeof(*plan.sites));
	rc = check_plan_parse_scenario(&plan, text, "fuzz", &err);
	free(text);
	if (rc) {
		FUZZ_CHECK(rc < 0 && err.message[0], "failure %d without a reason", rc);
	} else if ((rc = check_plan_validate(&plan, &err)) != 0) {
		FUZZ_CHECK(rc < 0 && err.message[0], "refusal %d without a reason", rc);
	} else {
		const struct gmcsim_strategy *st[PLAN_MAX_STRATEGIES];

		/* validate refuses a plan without a strategy */
		FUZZ_CHECK(check_plan_strategies(&plan, st) > 0, "a valid plan runs no strategy");
		/* keep one input fast: at most 16 sites and 2 cycles (fuzz-sim covers runs) */
		if (plan.n_sites > 16)
			plan.n_sites = 16;
		rc = check_plan_run(&plan, st[0], &plan.swaps[0],
				    plan.cycles[0] < 2 ? plan.cycles[0] : 2, &r, &err);
		FUZZ_CHECK(rc == 0 || err.message[0], "run failed (%d) without a reason", rc);
		if (!rc)
			check_result_fini(&r);
	}
	check_plan_fini(&plan);
	return 0;
}
