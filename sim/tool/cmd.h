/* SPDX-License-Identifier: MIT */
/*
 * The gmcsim subcommands. Each takes the arguments after the program name
 * (argv[0] is the subcommand's name) and returns the process exit status.
 */
#ifndef GMCSIM_CMD_H
#define GMCSIM_CMD_H

/** Exit statuses every subcommand shares. */
enum gmcsim_exit {
	GMCSIM_EXIT_OK = 0,     /**< done, every input succeeded */
	GMCSIM_EXIT_FAILED = 1, /**< the driver refused an input, or a batch line failed */
	GMCSIM_EXIT_USAGE = 2,  /**< bad flags, an unreadable file, an I/O error */
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

/** `gmcsim sweep`: every pair, fix, swap point, cycle count and block. */
int gmcsim_cmd_sweep(int argc, char **argv);

/** `gmcsim scan`: an amdgpu source tree against the catalog, with Coccinelle. */
int gmcsim_cmd_scan(int argc, char **argv);

#endif /* GMCSIM_CMD_H */
