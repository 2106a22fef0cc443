/* SPDX-License-Identifier: MIT */
/* Option helpers every subcommand shares: getopt_long() failures, part names. */
#include <getopt.h>
#include <stdio.h>

#include <gmc/gmc.h>

#include "cmd.h"
#include "util.h"

void
gmcsim_option_error(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	/*
	 * optopt is the short option's character, the long option's code
	 * (>= GMCSIM_LONG_OPTION) when a long option got the wrong number of
	 * values, or 0 for an unknown long option.
	 */
	if (optopt >= GMCSIM_LONG_OPTION)
		fprintf(stderr, "gmcsim %s: EINVAL: option '%s' %s (see 'gmcsim %s --help')\n", cmd,
			arg, c == ':' ? "needs a value" : "takes no value", cmd);
	else if (optopt > 0 && c == ':')
		fprintf(stderr,
			"gmcsim %s: EINVAL: option '-%c' needs a value (see 'gmcsim %s --help')\n",
			cmd, optopt, cmd);
	else if (optopt > 0)
		fprintf(stderr,
			"gmcsim %s: EINVAL: unknown option '-%c' (see 'gmcsim %s --help')\n", cmd,
			optopt, cmd);
	else
		fprintf(stderr, "gmcsim %s: EINVAL: unknown option '%s' (see 'gmcsim %s --help')\n",
			cmd, arg, cmd);
}

int
gmcsim_part_option(const char *cmd, const char *flag, const char *text, const struct gmc_asic **out)
{
	const struct gmc_asic_alias *alias = NULL;
	struct gmc_error err = { 0 };
	char gc[16];
	int rc = gmc_asic_lookup(text, out, &alias, &err);

	/* a bad option value is a usage error, EINVAL, whatever the lookup's errno */
	if (rc) {
		fprintf(stderr, "gmcsim %s: EINVAL: %s: %s\n", cmd, flag, err.message);
		return rc;
	}
	/* say which part a name that is not the part's own means */
	if (alias)
		fprintf(stderr, "gmcsim %s: %s %s = %s (GC %s)\n", cmd, flag, alias->name,
			gmc_asic_name(*out), gmc_asic_gc_string(*out, gc, sizeof(gc)));
	return 0;
}
