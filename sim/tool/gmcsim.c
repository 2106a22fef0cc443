/* SPDX-License-Identifier: MIT */
/*
 * gmcsim: the command line over libgmc. main() only picks the subcommand;
 * each one lives in its own cmd-*.c. A new subcommand is one row in the
 * table below.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

#ifndef GMCSIM_VERSION
#error "GMCSIM_VERSION must be defined by the build"
#endif

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

static const struct subcommand subcommands[] = {
	{ "check", gmcsim_cmd_check,
	  "what breaks when a guest resumes on another vGPU, per block and fix" },
	{ "sweep", gmcsim_cmd_sweep,
	  "every profile pair x fix x swap point x cycles x block, summarized" },
	{ "fix", gmcsim_cmd_fix, "list the fix strategies, show one as a fix file" },
	{ "layout", gmcsim_cmd_layout,
	  "the MC address map the driver computes for registers and parameters" },
	{ "asics", gmcsim_cmd_asics,
	  "list the modelled parts (GC version, gmc generation, APU, XGMI)" },
	{ "profile", gmcsim_cmd_profile, "list and show vGPU profiles (built-in or JSON files)" },
	{ "probe", gmcsim_cmd_probe,
	  "list real AMD GPUs (libpciaccess, read-only) or capture one as a profile" },
	{ "scan", gmcsim_cmd_scan,
	  "compare an amdgpu source tree with the catalog (needs Coccinelle)" },
};

#define N_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static void
usage(FILE *out)
{
	fprintf(out, "Usage: gmcsim COMMAND [OPTIONS]\n"
		     "       gmcsim help [COMMAND]\n"
		     "       gmcsim --version\n"
		     "\n"
		     "Model the amdgpu driver's GPU memory-controller address math (gmc v9-v12).\n"
		     "\n"
		     "Commands:\n");
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].help);
	fprintf(out, "\n"
		     "'gmcsim COMMAND --help' describes a command's options.\n");
}

static const struct subcommand *
find_subcommand(const char *name)
{
	for (size_t i = 0; i < N_SUBCOMMANDS; i++) {
		if (strcmp(subcommands[i].name, name) == 0)
			return &subcommands[i];
	}
	return NULL;
}

/* `gmcsim help [COMMAND]`: the general usage, or COMMAND --help. */
static int
run_help(int argc, char **argv)
{
	const struct subcommand *cmd;
	char help_flag[] = "--help";
	char *help_argv[3];

	if (argc < 2) {
		usage(stdout);
		return GMCSIM_EXIT_OK;
	}
	cmd = find_subcommand(argv[1]);
	if (!cmd || argc > 2) {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr, "gmcsim: EINVAL: no command '%s'\n\n",
			gmcsim_safe_text(argv[argc > 2 ? 2 : 1], q, sizeof(q)));
		usage(stderr);
		return GMCSIM_EXIT_USAGE;
	}
	help_argv[0] = argv[1];
	help_argv[1] = help_flag;
	help_argv[2] = NULL;
	return cmd->run(2, help_argv);
}

/* Report a failed write to stdout (a full disk, a closed pipe) as an error. */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gmcsim: EIO: writing the output failed\n");
		return GMCSIM_EXIT_USAGE;
	}
	return status;
}

int
main(int argc, char **argv)
{
	const struct subcommand *cmd;

	if (argc < 2) {
		usage(stderr);
		return GMCSIM_EXIT_USAGE;
	}
	if ((strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	     strcmp(argv[1], "--version") == 0) &&
	    argc > 2) {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr, "gmcsim: EINVAL: %s takes nothing after it, not '%s'\n", argv[1],
			gmcsim_safe_text(argv[2], q, sizeof(q)));
		return GMCSIM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return finish(GMCSIM_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("gmcsim %s\n", GMCSIM_VERSION);
		return finish(GMCSIM_EXIT_OK);
	}
	if (strcmp(argv[1], "help") == 0)
		return finish(run_help(argc - 1, argv + 1));

	cmd = find_subcommand(argv[1]);
	if (!cmd) {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr, "gmcsim: EINVAL: unknown command '%s'\n\n",
			gmcsim_safe_text(argv[1], q, sizeof(q)));
		usage(stderr);
		return GMCSIM_EXIT_USAGE;
	}
	return finish(cmd->run(argc - 1, argv + 1));
}
