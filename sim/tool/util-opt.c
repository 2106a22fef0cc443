/* SPDX-License-Identifier: MIT */
/* Option helpers every subcommand shares: getopt_long() failures, options given twice, part names.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include <gmc/gmc.h>

#include "cmd.h"
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

int
gmcsim_part_option(const char *cmd, const char *flag, const char *text, const struct gmc_asic **out)
{
	const struct gmc_asic_alias *alias = NULL;
	struct gmc_error err = { 0 };
	char gc[16];
	int rc = gmc_asic_lookup(text, out, &alias, &err);

	/* a bad option value is a usage error, EINVAL, whatever the lookup's errno */
	if (rc) {
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(stderr, "gmcsim %s: EINVAL: %s: %s\n", cmd, flag,
			gmcsim_term_text(err.message, m, sizeof(m)));
		return rc;
	}
	/* say which part a name that is not the part's own means */
	if (alias)
		fprintf(stderr, "gmcsim %s: %s %s = %s (GC %s)\n", cmd, flag, alias->name,
			gmc_asic_name(*out), gmc_asic_gc_string(*out, gc, sizeof(gc)));
	return 0;
}
