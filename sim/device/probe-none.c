/* SPDX-License-Identifier: MIT */
/*
 * The probe when libgmcsim is built without libpciaccess (-Dpciaccess=
 * disabled, or libpciaccess-dev missing): every call says so. The imports
 * (sim-import.c) work either way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "device.h"

static int
not_built(struct gmc_error *err)
{
	if (err) {
		err->code = -ENOTSUP;
		snprintf(err->message, sizeof(err->message),
			 "built without libpciaccess: install libpciaccess-dev and reconfigure "
			 "with -Dpciaccess=enabled");
	}
	return -ENOTSUP;
}

int
gmcsim_probe_scan(const struct gmcsim_probe_opts *opts, struct gmcsim_probe_result **out,
		  struct gmc_error *err)
{
	return not_built(err);
}

void
gmcsim_probe_result_free(struct gmcsim_probe_result *result)
{
	free(result);
}

int
gmcsim_probe_capture(const struct gmcsim_probe_opts *opts, const char *bus,
		     struct gmcsim_profile *out, struct gmcsim_probe_capture_info *info,
		     struct gmc_error *err)
{
	return not_built(err);
}
