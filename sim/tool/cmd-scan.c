/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim scan DIR`: derive the catalog's facts from an amdgpu source tree
 * with Coccinelle and compare them with the built-in catalog (or block
 * files). Flags, calls into sim/scan/, printing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "scan.h"
#include "util.h"

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim scan [OPTIONS] DIR\n"
		"\n"
		"Find every kernel BO of an amdgpu source tree whose GPU address is kept, the\n"
		"lifecycle hooks that create, free and read it, and where the catalog disagrees.\n"
		"DIR is a kernel tree or its drivers/gpu/drm/amd directory. Needs Coccinelle\n"
		"(spatch).\n"
		"\n"
		"  --against WHAT       builtin (default): the built-in catalog; none: no\n"
		"                       comparison; or a block file (repeatable)\n"
		"  --json               print one JSON document\n"
		"  --write-blocks DIR   write draft block files (scan-BLOCK.json) into DIR\n"
		"  --kernel VERSION     compare with the catalog's facts of kernel 6.12, 6.17\n"
		"                       or 6.18 (default): give the tree's own version\n"
		"  --vocabulary V       v2 (default): v1 keys plus exists, consumed, cite,\n"
		"                       status, note; v1: the first catalog's keys only\n"
		"  --all                list every site found, not only candidates\n"
		"  --jobs N             spatch processes at once (default: online CPUs)\n"
		"  --timeout SECONDS    spatch's limit per file (default 120)\n"
		"  --spatch PATH        the spatch program (default: $GMCSIM_SPATCH, then $PATH)\n"
		"  -h, --help           show this help\n"
		"\n"
		"Exit status: 0 the tree agrees with the catalog, 1 it differs (a fact differs,\n"
		"a site is new or missing, or a file that may hold a site could not be read),\n"
		"2 bad input (DIR, flags, block files) or spatch missing or failing.\n");
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* One row: a scanned site, under its catalog name when it has one. */
static void
print_site(const struct gmcsim_scan_site *t, const struct gmcsim_site *c, const char *status)
{
	char name[GMCSIM_NAME_MAX * 2 + 2], where[96], create[24], cons[48];

	snprintf(name, sizeof(name), "%s/%s", c ? c->block : t->block, c ? c->name : t->name);
	snprintf(where, sizeof(where), "%s:%u %s", base_name(t->file), t->line, t->func);
	snprintf(create, sizeof(create), "%s%s",
		 t->create < GMCSIM_HOOK_COUNT ? gmcsim_hook_name(t->create) : "-",
		 t->recreate ? "+res"
		 : t->lazy   ? " lazy"
			     : "");
	gmcsim_scan_hooks_text(t->consume_hooks, true, cons, sizeof(cons));
	printf("%-28.28s %-44.44s %-13s %-8s %-9s %-34.34s %-20.20s %s\n", name, where, create,
	       t->free_in < GMCSIM_HOOK_COUNT ? gmcsim_hook_name(t->free_in) : "-",
	       t->domain ? gmcsim_scan_domain_name(t->domain) : "?",
	       t->keep == GMCSIM_SCAN_KEEP_NONE ? "(none)" : t->gpu, cons, status);
}

static void
print_text(const struct gmcsim_scan *s, const struct gmcsim_scan_comparison *c, bool all)
{
	size_t missed = 0;

	printf("gmcsim scan: %s", s->tree.amd);
	if (s->tree.version[0])
		printf(" (Linux %s)", s->tree.version);
	printf("\n  %zu .c files, %zu parsed in %u rounds (%u spatch processes), %.1f s\n\n",
	       s->files_total, s->files_parsed, s->rounds, s->spatch_runs, s->seconds);
	printf("%-28s %-44s %-13s %-8s %-9s %-34s %-20s %s\n", "SITE", "CREATED AT", "CREATE",
	       "FREE", "DOMAIN", "ADDRESS KEPT IN", "READ AT", c ? "CATALOG" : "CLASS");
	if (c) {
		for (size_t i = 0; i < c->rows.n; i++) {
			const struct gmcsim_scan_row *row =
				(const struct gmcsim_scan_row *)c->rows.data + i;

			if (row->scanned < 0)
				continue;
			print_site(gmcsim_scan_site_at(s, (size_t)row->scanned), row->site,
				   gmcsim_scan_status_name(row->status));
		}
	}
	for (size_t i = 0; i < s->sites.n; i++) {
		const struct gmcsim_scan_site *t = gmcsim_scan_site_at(s, i);
		bool shown = false;

		for (size_t r = 0; c && r < c->rows.n; r++)
			shown |= ((const struct gmcsim_scan_row *)c->rows.data)[r].scanned ==
				 (long)i;
		if (!shown && (all || (!c && t->cls == GMCSIM_SCAN_CANDIDATE)))
			print_site(t, NULL, gmcsim_scan_class_name(t->cls));
	}

	if (c) {
		bool header = false;

		for (size_t i = 0; i < c->rows.n; i++) {
			const struct gmcsim_scan_row *row =
				(const struct gmcsim_scan_row *)c->rows.data + i;

			if (row->status != GMCSIM_SCAN_DIFFERING)
				continue;
			if (!header)
				printf("\nDiffering (catalog vs tree):\n");
			header = true;
			for (size_t k = 0; k < row->n_facts; k++) {
				const struct gmcsim_scan_fact *f = &row->facts[k];

				if (f->verdict != GMCSIM_SCAN_DIFFER)
					continue;
				printf("  %s/%s %s: catalog %s; tree %s\n      evidence: %s\n",
				       row->site->block, row->site->name, f->key, f->catalog,
				       f->tree, f->evidence ? f->evidence : "-");
			}
		}
		header = false;
		for (size_t i = 0; i < c->rows.n; i++) {
			const struct gmcsim_scan_row *row =
				(const struct gmcsim_scan_row *)c->rows.data + i;

			if (row->status != GMCSIM_SCAN_MISSING &&
			    row->status != GMCSIM_SCAN_UNSCANNABLE)
				continue;
			if (!header)
				printf("\nMissing from the tree:\n");
			header = true;
			printf("  %s/%s%s: %s\n", row->site->block, row->site->name,
			       row->status == GMCSIM_SCAN_UNSCANNABLE ? " (not scannable)" : "",
			       row->why);
		}
		printf("\nSummary against %s: %zu confirmed, %zu differing, %zu new, %zu missing, "
		       "%zu not scannable\n",
		       c->against, c->n[GMCSIM_SCAN_CONFIRMED], c->n[GMCSIM_SCAN_DIFFERING],
		       c->n[GMCSIM_SCAN_NEW], c->n[GMCSIM_SCAN_MISSING],
		       c->n[GMCSIM_SCAN_UNSCANNABLE]);
		if (c->scannable)
			printf("Recovered %zu of %zu scannable catalog sites with their create hook, "
			       "domain and kept address (%.1f %%)\n",
			       c->recovered, c->scannable,
			       100.0 * (double)c->recovered / (double)c->scannable);
	}
	for (size_t i = 0; i < s->tree.problems.n; i++)
		missed += ((const struct gmcsim_scan_problem *)s->tree.problems.data)[i].missed;
	if (missed) {
		printf("\nFiles where a site may be missing (%zu):\n", missed);
		for (size_t i = 0; i < s->tree.problems.n; i++) {
			const struct gmcsim_scan_problem *p =
				(const struct gmcsim_scan_problem *)s->tree.problems.data + i;

			if (p->missed)
				printf("  %s: %s\n", p->file, p->what);
		}
	}
	if (s->tree.problems.n > missed)
		printf("\n%zu files have code spatch could not parse that names no kernel-BO helper "
		       "(--json lists them)\n",
		       s->tree.problems.n - missed);
	if (s->gaveup.n) {
		printf("\nIndirect calls not followed (too many tables have the field): %zu\n",
		       s->gaveup.n);
		for (size_t i = 0; i < s->gaveup.n && i < 10; i++) {
			const struct gmcsim_scan_gaveup *g =
				(const struct gmcsim_scan_gaveup *)s->gaveup.data + i;

			printf("  %s:%u %s: %s (%u candidates)\n", base_name(g->file), g->line,
			       g->func, g->call, g->candidates);
		}
		if (s->gaveup.n > 10)
			printf("  ... (--json lists all)\n");
	}
	if (!s->complete)
		printf("\nINCOMPLETE: %zu file%s that may hold a site could not be scanned (above)\n",
		       missed, missed == 1 ? "" : "s");
}

/* Parse block files @files (n) into one array of sites. */
static int
load_block_files(char **files, size_t n, struct gmcsim_site **out, size_t *n_out,
		 struct gmc_error *err)
{
	struct gmcsim_site *all = NULL;
	size_t total = 0;

	for (size_t i = 0; i < n; i++) {
		char why[GMCSIM_TEXT_MAX], *text = NULL, q[GMCSIM_SAFE_BUF];
		struct gmcsim_site *sites = NULL, *grown;
		size_t count = 0;
		int rc = gmcsim_read_file(files[i], &text, why, sizeof(why));

		if (rc) {
			free(all);
			return gmcsim_fail(err, rc, "%s", why);
		}
		rc = gmcsim_sites_parse(text, &sites, &count, err);
		free(text);
		if (rc) {
			char msg[sizeof(err->message)];

			snprintf(msg, sizeof(msg), "%s", err->message);
			free(all);
			return gmcsim_fail(err, rc, "%s: %s",
					   gmcsim_safe_text(files[i], q, sizeof(q)), msg);
		}
		grown = realloc(all, (total + count) * sizeof(*all));
		if (!grown) {
			free(sites);
			free(all);
			return gmcsim_fail(err, -ENOMEM, "out of memory");
		}
		all = grown;
		memcpy(all + total, sites, count * sizeof(*all));
		total += count;
		free(sites);
	}
	*out = all;
	*n_out = total;
	return 0;
}

/* The built-in sites as kernel @p kernel sees them: one variant per site. */
static int
load_builtin(enum gmcsim_kernel kernel, struct gmcsim_site **out, size_t *n_out,
	     struct gmc_error *err)
{
	size_t n = gmcsim_catalog_count(), kept = 0;
	struct gmcsim_site *all = calloc(n ? n : 1, sizeof(*all));

	if (!all)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		int rc = gmcsim_catalog_at(i, &all[kept]);

		if (rc) {
			free(all);
			return gmcsim_fail(err, rc, "the built-in catalog has no site %zu", i);
		}
		if (!all[kept].kernels || (all[kept].kernels & (1u << kernel)))
			kept++;
	}
	*out = all;
	*n_out = kept;
	return 0;
}

int
gmcsim_cmd_scan(int argc, char **argv)
{
	enum {
		OPT_AGAINST = GMCSIM_LONG_OPTION,
		OPT_JSON,
		OPT_WRITE,
		OPT_VOCAB,
		OPT_ALL,
		OPT_JOBS,
		OPT_TIMEOUT,
		OPT_SPATCH,
		OPT_KERNEL,
	};
	static const struct option options[] = {
		{ "against", required_argument, NULL, OPT_AGAINST },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "write-blocks", required_argument, NULL, OPT_WRITE },
		{ "vocabulary", required_argument, NULL, OPT_VOCAB },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "spatch", required_argument, NULL, OPT_SPATCH },
		{ "kernel", required_argument, NULL, OPT_KERNEL },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmcsim_scan_opts o = { 0 };
	struct gmcsim_scan_comparison cmp = { 0 };
	enum gmcsim_scan_vocabulary vocab = GMCSIM_SCAN_V2;
	enum gmcsim_kernel kernel = GMCSIM_KERNEL_6_18;
	struct gmcsim_site *catalog = NULL;
	struct gmcsim_scan *s = NULL;
	struct gmc_error err = { 0 };
	const char *write_dir = NULL;
	char **files = NULL, against_names[GMCSIM_TEXT_MAX] = "";
	size_t n_files = 0, n_catalog = 0;
	bool json = false, all = false, builtin = true, compare = true;
	int c, rc = 0, status = GMCSIM_EXIT_USAGE;
	uint64_t v;

	files = calloc((size_t)argc + 1, sizeof(*files));
	if (!files) {
		fprintf(stderr, "gmcsim scan: ENOMEM: out of memory\n");
		return GMCSIM_EXIT_USAGE;
	}
	optind = 1;
	opterr = 0;
	while (!rc && (c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		char why[GMCSIM_WHY_MAX];

		switch (c) {
		case OPT_AGAINST:
			if (strcmp(optarg, "builtin") == 0) {
				builtin = compare = true;
			} else if (strcmp(optarg, "none") == 0) {
				compare = false;
			} else {
				builtin = false;
				compare = true;
				files[n_files++] = optarg;
			}
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_KERNEL:
			if (gmcsim_kernel_from_name(optarg, &kernel))
				rc = gmcsim_fail(&err, -EINVAL,
						 "--kernel takes 6.12, 6.17 or 6.18 (the catalog's "
						 "kernels)");
			break;
		case OPT_WRITE:
			write_dir = optarg;
			break;
		case OPT_VOCAB:
			if (strcmp(optarg, "v1") == 0)
				vocab = GMCSIM_SCAN_V1;
			else if (strcmp(optarg, "v2") == 0)
				vocab = GMCSIM_SCAN_V2;
			else
				rc = gmcsim_fail(&err, -EINVAL, "--vocabulary takes v1 or v2");
			break;
		case OPT_ALL:
			all = true;
			break;
		case OPT_JOBS:
			rc = gmcsim_parse_u64(optarg, 0, 256, &v, why, sizeof(why));
			if (!rc && !v)
				rc = -ERANGE, snprintf(why, sizeof(why), "0 is below 1");
			if (rc)
				gmcsim_fail(&err, rc, "--jobs: %s", why);
			o.jobs = (unsigned)v;
			break;
		case OPT_TIMEOUT:
			rc = gmcsim_parse_u64(optarg, 0, 86400, &v, why, sizeof(why));
			if (rc)
				gmcsim_fail(&err, rc, "--timeout: %s", why);
			o.timeout = (unsigned)v;
			break;
		case OPT_SPATCH:
			o.spatch = optarg;
			break;
		case 'h':
			usage(stdout);
			free(files);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("scan", c, argv);
			free(files);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (!rc && optind >= argc)
		rc = gmcsim_fail(&err, -EINVAL, "no tree given (see 'gmcsim scan --help')");
	if (!rc && argc - optind > 1)
		rc = gmcsim_fail(&err, -EINVAL, "unexpected argument '%.60s'", argv[optind + 1]);
	if (!rc && compare && builtin) {
		rc = load_builtin(kernel, &catalog, &n_catalog, &err);
		snprintf(against_names, sizeof(against_names), "the built-in catalog");
	} else if (!rc && compare) {
		rc = load_block_files(files, n_files, &catalog, &n_catalog, &err);
		for (size_t i = 0; i < n_files; i++) {
			size_t used = strlen(against_names);

			snprintf(against_names + used, sizeof(against_names) - used, "%s%s",
				 i ? ", " : "", base_name(files[i]));
		}
	}
	if (!rc) {
		o.dir = argv[optind];
		rc = gmcsim_scan_run(&o, &s, &err);
	}
	if (!rc && compare && gmcsim_scan_compare(s, catalog, n_catalog, against_names, &cmp))
		rc = gmcsim_fail(&err, -ENOMEM, "out of memory");
	if (!rc && write_dir) {
		size_t written;

		rc = gmcsim_scan_blocks_write(s, vocab, write_dir, &written, &err);
		if (!rc && !json)
			fprintf(stderr, "gmcsim scan: wrote %zu draft block file%s to %s\n",
				written, written == 1 ? "" : "s", write_dir);
	}
	if (rc) {
		fprintf(stderr, "gmcsim scan: %s: %s\n", gmc_errno_name(rc), err.message);
		goto out;
	}
	for (size_t i = 0; i < s->tree.problems.n; i++) {
		const struct gmcsim_scan_problem *p =
			(const struct gmcsim_scan_problem *)s->tree.problems.data + i;

		if (p->missed)
			fprintf(stderr, "gmcsim scan: %s: %s\n", p->file, p->what);
	}
	status = GMCSIM_EXIT_OK;
	if (json) {
		struct json_object *root = gmcsim_scan_json(s, compare ? &cmp : NULL);

		if (!root || gmcsim_json_print(stdout, root, true)) {
			fprintf(stderr, "gmcsim scan: ENOMEM: cannot build the JSON report\n");
			status = GMCSIM_EXIT_USAGE;
		}
		json_object_put(root);
	} else {
		print_text(s, compare ? &cmp : NULL, all);
	}
	if (status == GMCSIM_EXIT_OK &&
	    (!s->complete || (compare && (cmp.n[GMCSIM_SCAN_DIFFERING] || cmp.n[GMCSIM_SCAN_NEW] ||
					  cmp.n[GMCSIM_SCAN_MISSING]))))
		status = GMCSIM_EXIT_FAILED;
out:
	gmcsim_scan_comparison_fini(&cmp);
	gmcsim_scan_free(s);
	free(catalog);
	free(files);
	return status;
}
