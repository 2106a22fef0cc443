/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim fix`: list the built-in fix strategies and show one, built-in or
 * from a fix file, as the fix file that describes it (docs/fixes.md): the
 * start of a user's own strategy.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <gmc/gmcsim.h>

#include "cmd.h"
#include "util.h"

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim fix list [--json]\n"
		"       gmcsim fix show NAME|FILE [--json]\n"
		"\n"
		"Fix strategies: what a fix changes in the driver model (the layout code and its\n"
		"XGMI-migrate gate, what resume does before the IP blocks, which kept addresses\n"
		"are read again, which firmware gets FB-aperture addresses, whether a re-create\n"
		"drops its pin). The built-ins are fix files too; docs/fixes.md describes the\n"
		"format, and 'gmcsim check --fix-file FILE' runs one.\n"
		"\n"
		"  list        the built-in strategies: name, layout code, description\n"
		"  show        one strategy, by built-in name or fix file ('-': standard input)\n"
		"  --json      list: a JSON array; show: the fix file itself, which\n"
		"              'gmcsim check --fix-file' reads back into the same strategy\n"
		"  -h, --help  show this help\n"
		"\n"
		"Exit status: 0 success, 2 an unknown strategy, a bad fix file or a usage error.\n");
}

static int
fail(const char *verb, int rc, const struct gmc_error *err)
{
	fprintf(stderr, "gmcsim fix %s: %s: %s\n", verb, gmc_errno_name(rc),
		err && err->message[0] ? err->message : strerror(-rc));
	return GMCSIM_EXIT_USAGE;
}

static const char *
layout_name(enum gmcsim_layout_code layout)
{
	return layout == GMCSIM_LAYOUT_6_17 ? "6.17" : "pre-6.17";
}

static int
list(bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL;
	int rc = 0;

	if (!json)
		printf("%-10s %-9s %s\n", "NAME", "LAYOUT", "DESCRIPTION");
	for (unsigned f = 0; f < GMCSIM_FIX_COUNT && !rc; f++) {
		const struct gmcsim_strategy *s;

		rc = gmcsim_strategy_builtin((enum gmcsim_fix)f, &s);
		if (rc)
			break;
		if (json) {
			struct json_object *o = json_object_new_object();

			rc |= gmcsim_json_add(o, "name", json_object_new_string(s->name));
			rc |= gmcsim_json_add(o, "layout",
					      json_object_new_string(layout_name(s->layout)));
			rc |= gmcsim_json_add(o, "description",
					      json_object_new_string(s->description));
			rc |= gmcsim_json_append(arr, o);
		} else {
			printf("%-10s %-9s %s\n", s->name, layout_name(s->layout), s->description);
		}
	}
	if (!rc && json)
		rc = gmcsim_json_print(stdout, arr, true);
	json_object_put(arr);
	return rc;
}

static int
show(const char *which, bool json, struct gmc_error *err)
{
	struct gmcsim_strategy *own = NULL;
	const struct gmcsim_strategy *s;
	enum gmcsim_fix fix;
	char *text = NULL;
	int rc;

	if (gmcsim_fix_from_name(which, &fix) == 0) {
		rc = gmcsim_strategy_builtin(fix, &s);
		if (rc)
			return gmcsim_fail(err, rc, "the built-in '%s' did not parse", which);
	} else {
		own = malloc(sizeof(*own));
		if (!own)
			return gmcsim_fail(err, -ENOMEM, "out of memory");
		rc = gmcsim_strategy_load(which, own, err);
		if (rc == -ENOENT) {
			char q[GMCSIM_SAFE_BUF];

			gmcsim_fail(err, rc,
				    "'%s' is neither a built-in strategy (see 'gmcsim fix list') "
				    "nor a readable file",
				    gmcsim_safe_text(which, q, sizeof(q)));
		}
		if (rc) {
			free(own);
			return rc;
		}
		s = own;
	}
	rc = gmcsim_strategy_to_json(s, &text);
	if (rc) {
		free(own);
		return gmcsim_fail(err, rc, "cannot write the strategy");
	}
	if (!json)
		printf("fix %s: %s\nlayout code %s%s\n\nas a fix file:\n", s->name,
		       s->description[0] ? s->description : "(no description)",
		       layout_name(s->layout),
		       s->layout == GMCSIM_LAYOUT_6_17 && !s->n_gate ? ", the gate never opens"
								     : "");
	printf("%s\n", text);
	free(text);
	free(own);
	return 0;
}

int
gmcsim_cmd_fix(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmc_error err = { 0 };
	const char *verb;
	bool json = false;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("fix", c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return GMCSIM_EXIT_USAGE;
	}
	verb = argv[optind];
	if (strcmp(verb, "list") == 0 && optind + 1 == argc) {
		rc = list(json);
		return rc ? fail("list", rc, NULL) : GMCSIM_EXIT_OK;
	}
	if (strcmp(verb, "show") == 0 && optind + 2 == argc) {
		rc = show(argv[optind + 1], json, &err);
		return rc ? fail("show", rc, &err) : GMCSIM_EXIT_OK;
	}
	fprintf(stderr, "gmcsim fix: EINVAL: expected 'list' or 'show NAME|FILE' (see 'gmcsim fix "
			"--help')\n");
	return GMCSIM_EXIT_USAGE;
}
