/* SPDX-License-Identifier: MIT */
/*
 * fuzz-profile: the input is a vGPU profile file (docs/profiles.md). It
 * goes through gmcsim_profile_parse(), the parser `gmcsim check --from
 * FILE` and every import use. A failure must be -EINVAL or -ERANGE (the
 * readers' errno mapping, sim/util-json-read.h) with a message and leave the
 * output untouched; a success must serialize, parse back to the
 * same struct, and give a layout or a driver refusal (never a crash).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gmcsim_profile p, q, untouched;
	struct gmc_error err = { 0 };
	struct gmc_layout layout;
	char *text, *json = NULL;
	int rc;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&p, 0xa5, sizeof(p));
	untouched = p;

	rc = gmcsim_profile_parse(text, &p, &err);
	free(text);
	if (rc) {
		FUZZ_CHECK(rc == -EINVAL || rc == -ERANGE, "parse failed with %d", rc);
		FUZZ_CHECK(err.code == rc && err.message[0], "failure without a reason");
		FUZZ_CHECK(memcmp(&p, &untouched, sizeof(p)) == 0, "output changed on failure");
		return 0;
	}

	/* serialize and parse back: the same vGPU */
	FUZZ_CHECK(gmcsim_profile_to_json(&p, &json) == 0 && json, "serializing failed");
	rc = gmcsim_profile_parse(json, &q, &err);
	FUZZ_CHECK(rc == 0, "own output does not parse: %s\n%s", err.message, json);
	free(json);
	FUZZ_CHECK(memcmp(&p.regs, &q.regs, sizeof(p.regs)) == 0 && p.asic == q.asic &&
			   memcmp(&p.params, &q.params, sizeof(p.params)) == 0 &&
			   strcmp(p.name, q.name) == 0,
		   "round trip changed the profile");

	/* the driver either computes a layout for it or refuses with a reason */
	rc = gmc_layout_compute(p.asic, &p.regs, &p.params, &layout, &err);
	FUZZ_CHECK(rc == 0 || (rc == -EINVAL && err.message[0]), "layout failed with %d", rc);
	return 0;
}
