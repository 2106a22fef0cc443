/* SPDX-License-Identifier: MIT */
/*
 * fuzz-block: the input is a block description in the catalog's JSON
 * vocabulary (docs/catalog.md), as `gmcsim check --block-file` reads it.
 * A failure must be -EINVAL or -ERANGE (sim/util-json-read.h), or -ENOMEM,
 * with a message; the sites of a success must be well-formed and must run
 * through a whole lifecycle with a swap (the gc944 node 2 -> node 5 pair,
 * fix none) without a crash, every finding carrying a known kind and
 * severity.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "fuzz-util.h"

/* Sites per input that are run: bounds one input's time. */
#define MAX_RUN_SITES 32

static void
run_sites(const struct gmcsim_site *sites, size_t n)
{
	static struct gmcsim_profile a, b;
	static bool loaded;
	struct gmcsim_config cfg = { .from = &a,
				     .to = &b,
				     .fix = GMCSIM_FIX_NONE,
				     .cycles = 2,
				     .swap = { .kind = GMCSIM_SWAP_AFTER_SUSPEND } };
	struct gmc_error err;
	struct gmcsim_run *run;
	int rc;

	if (!loaded) {
		FUZZ_CHECK(gmcsim_profile_builtin("gc944-vf-node2", &a) == 0 &&
				   gmcsim_profile_builtin("gc944-vf-node5", &b) == 0,
			   "built-in profiles missing");
		loaded = true;
	}
	FUZZ_CHECK(gmcsim_run_new(&cfg, &run, &err) == 0, "run_new: %s", err.message);
	for (size_t i = 0; i < n && i < MAX_RUN_SITES; i++)
		FUZZ_CHECK(gmcsim_run_add_site(run, &sites[i]) == 0, "a parsed site was refused");
	rc = gmcsim_run_execute(run, &err);
	/* a run may stop when a site cannot be created (its BO does not fit): with a reason */
	FUZZ_CHECK(rc == 0 || err.message[0], "run failed (%d) without a reason", rc);
	for (size_t i = 0; i < gmcsim_run_finding_count(run); i++) {
		const struct gmcsim_finding *f = gmcsim_run_finding_at(run, i);

		FUZZ_CHECK((unsigned)f->kind < GMCSIM_FINDING_KIND_COUNT &&
				   (unsigned)f->severity < GMCSIM_SEV_COUNT && f->count >= 1,
			   "malformed finding");
	}
	gmcsim_run_free(run);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gmcsim_site *sites = (struct gmcsim_site *)0x1;
	struct gmc_error err = { 0 };
	size_t n = 12345;
	char *text = malloc(size + 1);
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	rc = gmcsim_sites_parse(text, &sites, &n, &err);
	free(text);
	if (rc) {
		FUZZ_CHECK(rc == -EINVAL || rc == -ERANGE || rc == -ENOMEM, "parse failed with %d",
			   rc);
		FUZZ_CHECK(err.message[0], "failure without a reason");
		FUZZ_CHECK(sites == (struct gmcsim_site *)0x1 && n == 12345,
			   "outputs changed on failure");
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(sites[i].block[0] && sites[i].name[0] && sites[i].size > 0,
			   "site %zu is incomplete", i);
		FUZZ_CHECK(sites[i].domain && !(sites[i].domain & ~3u), "site %zu domain", i);
	}
	run_sites(sites, n);
	free(sites);
	return 0;
}
