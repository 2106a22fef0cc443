/* SPDX-License-Identifier: MIT */
/* Reporting getopt_long() failures, and options given twice, the same way in every subcommand. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

void
gmcsim_option_error(const char *cmd, int c, char **argv)
{
	char arg[GMCSIM_SAFE_BUF];

	/* the argument as typed, quoted safely: it may hold anything */
	gmcsim_safe_text(argv[optind - 1], arg, sizeof(arg));

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
gmcsim_option_once(const char *cmd, const struct option *options, int c, uint64_t *seen)
{
	const struct option *o = options;
	uint64_t bit;

	if (c < GMCSIM_LONG_OPTION || c - GMCSIM_LONG_OPTION >= 64)
		return 0;
	bit = UINT64_C(1) << (c - GMCSIM_LONG_OPTION);
	while (o->name && o->val != c)
		o++;
	if ((*seen & bit) && o->name && o->has_arg != no_argument) {
		fprintf(stderr, "gmcsim %s: EINVAL: --%s given twice; give it once\n", cmd,
			o->name);
		return -EINVAL;
	}
	*seen |= bit;
	return 0;
}
