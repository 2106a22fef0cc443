/* SPDX-License-Identifier: MIT */
/*
 * The gmcsim subcommands. Each takes the arguments after the program name
 * (argv[0] is the subcommand's name) and returns the process exit status.
 */
#ifndef GMCSIM_CMD_H
#define GMCSIM_CMD_H

/** Exit statuses every subcommand shares. */
enum gmcsim_exit {
	GMCSIM_EXIT_OK = 0,	/**< done, every input succeeded */
	GMCSIM_EXIT_FAILED = 1, /**< the driver refused an input, or a batch line failed */
	GMCSIM_EXIT_USAGE = 2,	/**< bad flags, an unreadable file, an I/O error */
};

/** `gmcsim layout`: the address map for registers and parameters. */
int gmcsim_cmd_layout(int argc, char **argv);

/** `gmcsim asics`: the modelled parts. */
int gmcsim_cmd_asics(int argc, char **argv);

/** `gmcsim profile`: list and show vGPU profiles. */
int gmcsim_cmd_profile(int argc, char **argv);

/** `gmcsim profile import` (argv[0] is "import"): a profile from a UMR log or sysfs copy. */
int gmcsim_cmd_profile_import(int argc, char **argv);

/** `gmcsim probe`: list real AMD GPUs through libpciaccess, or capture one as a profile. */
int gmcsim_cmd_probe(int argc, char **argv);

/** `gmcsim check`: what breaks across a vGPU swap, per block and fix. */
int gmcsim_cmd_check(int argc, char **argv);

/** `gmcsim fix`: list the built-in fix strategies, show one as its fix file. */
int gmcsim_cmd_fix(int argc, char **argv);

/** `gmcsim sweep`: every pair, fix, swap point, cycle count and block. */
int gmcsim_cmd_sweep(int argc, char **argv);

/** `gmcsim scan`: an amdgpu source tree against the catalog, with Coccinelle. */
int gmcsim_cmd_scan(int argc, char **argv);

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct check_plan;
struct gmc_asic;

/**
 * The part an option names: a part's name, a GC version or an alias
 * (gmc_asic_lookup()). An error goes to stderr as "gmcsim CMD: EINVAL:
 * FLAG: message" (a usage error); an alias is said there too ("FLAG navi21 =
 * sienna_cichlid (GC 10.3.0)"), so stdout keeps only the output.
 * @return 0, or the negative errno of the failure
 */
int gmcsim_part_option(const char *cmd, const char *flag, const char *text,
		       const struct gmc_asic **out);

/**
 * `gmcsim check --sites`: every site of @p plan on its boot vGPU, and why
 * not; the reason wraps to stay within @p width columns (0: no limit).
 */
void gmcsim_print_sites(FILE *out, const struct check_plan *plan, size_t width);

struct check_outcome;

/**
 * `gmcsim check`'s tables, one per swap point and cycle count, each within
 * @p width columns (0: no limit; wider ones are split into column groups).
 */
void gmcsim_print_check_tables(FILE *out, const struct check_plan *plan,
			       const struct check_outcome *o, size_t width);

/**
 * The one-line legend under the tables: what '+N' means, and with
 * @p details also '(xN)' and 'gate open/closed' of the finding lines.
 */
void gmcsim_print_check_legend(FILE *out, bool details);

/**
 * `gmcsim check --explain BLOCK/SITE`: the site's facts, conditions and
 * sources, and its presence on both vGPUs.
 * @retval -ENOENT no site of that name in the plan
 */
int gmcsim_explain_site(FILE *out, const struct check_plan *plan, const char *which);

#include <stdbool.h>

struct gmc_error;
struct check_outcome;
struct gmcsim_layout_result;

/** Whether `--svg @p svg` or `--map` puts the picture on standard output. */
bool gmcsim_map_on_stdout(const char *svg, bool map);

/**
 * Refuse pictures that cannot go where they are asked to: an empty --svg,
 * and two of --json, --map and --svg - (each one owns standard output).
 * @retval -EINVAL refused; @p err says why
 */
int gmcsim_map_options(const char *svg, bool map, bool json, struct gmc_error *err);

/**
 * The picture libgmcsim draws of a check's runs (map_from_check()) as SVG to
 * @p svg (a file, or '-' for standard output; NULL: none), and as a text map
 * on standard output when @p map. Reports a failure as "gmcsim check: ENAME:
 * message" on stderr.
 * @return GMCSIM_EXIT_OK, or GMCSIM_EXIT_USAGE when the picture could not be
 *         written (a directory or a special file at @p svg, an I/O error)
 */
int gmcsim_map_check(const struct check_plan *plan, const struct check_outcome *o, const char *svg,
		     bool map);

/** The same for a `gmcsim layout` result (map_from_layout()). */
int gmcsim_map_layout(const struct gmcsim_layout_result *res, const char *svg, bool map);

#endif /* GMCSIM_CMD_H */
