/* SPDX-License-Identifier: MIT */
/* `gmcsim asics`: the parts libgmc models, as a table or as JSON. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <gmc/gmc.h>

#include "cmd.h"
#include "util.h"

static void
usage(FILE *out)
{
	fprintf(out, "Usage: gmcsim asics [--json]\n"
		     "\n"
		     "List the parts libgmc models: name, GC IP version, the GMC generation whose\n"
		     "code computes the layout, whether the part is an APU, whether the driver\n"
		     "reads XGMI registers on it, and the other names it goes by (code names,\n"
		     "products, LLVM targets), which 'gmcsim layout --asic' and 'gmcsim probe\n"
		     "--gc' take too. A name marked '?' is ambiguous: it also means another part,\n"
		     "so it is refused; give the part's name or GC version.\n"
		     "\n"
		     "  --json      print a JSON array of objects with \"name\", \"gc\", \"gmc\",\n"
		     "              \"apu\", \"xgmi\", \"aliases\" and \"ambiguous_aliases\"\n"
		     "  -h, --help  show this help\n");
}

/* The aliases of @a, ambiguous ones (several parts) or the others, into @arr or @buf. */
static size_t
aliases_of(const struct gmc_asic *a, bool ambiguous, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < gmc_asic_alias_count(); i++) {
		const struct gmc_asic_alias *al = gmc_asic_alias_at(i);

		if ((al->n_parts > 1) != ambiguous)
			continue;
		for (unsigned k = 0; k < al->n_parts && n < max; k++) {
			if (strcmp(al->parts[k], gmc_asic_name(a)) == 0)
				names[n++] = al->name;
		}
	}
	return n;
}

#define MAX_ALIASES 16

static struct json_object *
aliases_json(const struct gmc_asic *a, bool ambiguous)
{
	struct json_object *arr = json_object_new_array();
	const char *names[MAX_ALIASES];
	size_t n = aliases_of(a, ambiguous, names, MAX_ALIASES);

	for (size_t i = 0; arr && i < n; i++) {
		if (gmcsim_json_append(arr, json_object_new_string(names[i])) != 0) {
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

static int
print_json(void)
{
	struct json_object *arr = json_object_new_array();
	bool failed = false;
	int rc;

	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *a = gmc_asic_at(i);
		struct json_object *o = json_object_new_object();
		char gc[16];

		gmc_asic_gc_string(a, gc, sizeof(gc));
		failed |= gmcsim_json_add(o, "name", json_object_new_string(gmc_asic_name(a))) != 0;
		failed |= gmcsim_json_add(o, "gc", json_object_new_string(gc)) != 0;
		failed |= gmcsim_json_add(o, "gmc",
					  json_object_new_int64(gmc_asic_gmc_version(a))) != 0;
		failed |=
			gmcsim_json_add(o, "apu", json_object_new_boolean(gmc_asic_is_apu(a))) != 0;
		failed |= gmcsim_json_add(o, "xgmi",
					  json_object_new_boolean(gmc_asic_has_xgmi(a))) != 0;
		failed |= gmcsim_json_add(o, "aliases", aliases_json(a, false)) != 0;
		failed |= gmcsim_json_add(o, "ambiguous_aliases", aliases_json(a, true)) != 0;
		failed |= gmcsim_json_append(arr, o) != 0;
	}
	if (failed) {
		json_object_put(arr);
		fprintf(stderr, "gmcsim asics: ENOMEM: out of memory\n");
		return GMCSIM_EXIT_USAGE;
	}
	rc = gmcsim_json_print(stdout, arr, true);
	json_object_put(arr);
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}

static void
print_table(void)
{
	bool any_ambiguous = false;

	printf("%-18s %-9s %-4s %-4s %-4s %s\n", "NAME", "GC", "GMC", "APU", "XGMI", "ALIASES");
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *a = gmc_asic_at(i);
		const char *names[MAX_ALIASES], *unsure[MAX_ALIASES];
		size_t n = aliases_of(a, false, names, MAX_ALIASES);
		size_t n_unsure = aliases_of(a, true, unsure, MAX_ALIASES);
		char gc[16];

		printf("%-18s %-9s v%-3u %-4s %-4s", gmc_asic_name(a),
		       gmc_asic_gc_string(a, gc, sizeof(gc)), gmc_asic_gmc_version(a),
		       gmc_asic_is_apu(a) ? "yes" : "no", gmc_asic_has_xgmi(a) ? "yes" : "no");
		for (size_t k = 0; k < n; k++)
			printf("%s%s", k ? ", " : " ", names[k]);
		for (size_t k = 0; k < n_unsure; k++)
			printf("%s%s?", k || n ? ", " : " ", unsure[k]);
		if (!n && !n_unsure)
			printf(" -");
		printf("\n");
		any_ambiguous |= n_unsure > 0;
	}
	if (any_ambiguous)
		printf("\nNAME?: ambiguous, also another part's; give the part's name or GC version.\n");
}

int
gmcsim_cmd_asics(int argc, char **argv)
{
	enum { OPT_JSON = GMCSIM_LONG_OPTION };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON:
			json = true;
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("asics", c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr, "gmcsim asics: EINVAL: unexpected argument '%s'\n",
			gmcsim_safe_text(argv[optind], q, sizeof(q)));
		return GMCSIM_EXIT_USAGE;
	}
	if (json)
		return print_json();
	print_table();
	return GMCSIM_EXIT_OK;
}
