/* SPDX-License-Identifier: MIT */
/*
 * The probe when libgmcsim is built without libpciaccess (-Dpciaccess=
 * disabled, or libpciaccess-dev missing): every call says so. The imports
 * (import*.c) work either way.
 */
#include <errno.h>
#include <stdlib.h>

#include "device.h"
#include "util.h"

/* What every call says. */
#define NOT_BUILT                                                                    \
	"built without libpciaccess: install libpciaccess-dev and reconfigure with " \
	"-Dpciaccess=enabled"

int
gmcsim_probe_scan(const struct gmcsim_probe_opts *opts, struct gmcsim_probe_result **out,
		  struct gmc_error *err)
{
	return gmcsim_fail(err, -ENOTSUP, NOT_BUILT);
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
	return gmcsim_fail(err, -ENOTSUP, NOT_BUILT);
}
