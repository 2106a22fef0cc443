/* SPDX-License-Identifier: MIT */
/*
 * SIGINT and SIGTERM in the long-running subcommands (layout --batch,
 * sweep): they never cut a line of output in half. A subcommand catches
 * them, holds them while it writes, notices them between lines (or between
 * runs), says on stderr what it had written, and then ends by the same
 * signal, so its parent sees what happened (a shell reports 130 or 143).
 */
#ifndef GMCSIM_UTIL_SIGNAL_H
#define GMCSIM_UTIL_SIGNAL_H

#include <signal.h>
#include <stdbool.h>

/**
 * Catch SIGINT and SIGTERM: each only records its number (system calls
 * restart). A signal that was ignored when gmcsim started (a background
 * job) stays ignored.
 */
void gmcsim_signals_catch(void);

/** Hold (block) SIGINT and SIGTERM in the calling thread, or let them in again. */
void gmcsim_signals_hold(bool hold);

/**
 * The mask to wait for input with while the signals are held: the calling
 * thread's mask without SIGINT and SIGTERM (for ppoll()).
 */
void gmcsim_signals_wait_mask(sigset_t *mask);

/** The number of a SIGINT or SIGTERM caught, or held and pending; 0 for none. */
int gmcsim_signals_pending(void);

/** Where the number of the signal caught goes (0 until one is); workers poll it. */
const volatile sig_atomic_t *gmcsim_signals_flag(void);

/**
 * Say on stderr "gmcsim CMD: interrupted by SIGNAME; WHAT", flush stdout,
 * and end the process by @p signo with its default action.
 *
 * @return only if the signal did not end the process: the exit status 128 + @p signo
 */
int gmcsim_signals_exit(const char *cmd, int signo, const char *what);

#endif /* GMCSIM_UTIL_SIGNAL_H */
