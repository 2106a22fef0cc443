/* SPDX-License-Identifier: MIT */
/* SIGINT and SIGTERM: caught, held while output is written, then obeyed. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "util-signal.h"

static volatile sig_atomic_t caught;

static void
on_signal(int signo)
{
	caught = signo;
}

static void
catch_one(int signo)
{
	struct sigaction sa, old;

	/* a job started with the signal ignored (nohup, a background job) keeps it so */
	if (sigaction(signo, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(signo, &sa, NULL);
}

void
gmcsim_signals_catch(void)
{
	catch_one(SIGINT);
	catch_one(SIGTERM);
}

static void
both(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

void
gmcsim_signals_hold(bool hold)
{
	sigset_t set;

	both(&set);
	pthread_sigmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

void
gmcsim_signals_wait_mask(sigset_t *mask)
{
	pthread_sigmask(SIG_SETMASK, NULL, mask);
	sigdelset(mask, SIGINT);
	sigdelset(mask, SIGTERM);
}

int
gmcsim_signals_pending(void)
{
	sigset_t set;

	if (caught)
		return caught;
	if (sigpending(&set) != 0)
		return 0;
	if (sigismember(&set, SIGTERM) == 1)
		return SIGTERM;
	if (sigismember(&set, SIGINT) == 1)
		return SIGINT;
	return 0;
}

const volatile sig_atomic_t *
gmcsim_signals_flag(void)
{
	return &caught;
}

int
gmcsim_signals_exit(const char *cmd, int signo, const char *what)
{
	struct sigaction sa;

	fflush(stdout);
	fprintf(stderr, "gmcsim %s: interrupted by %s; %s\n", cmd,
		signo == SIGINT	   ? "SIGINT"
		: signo == SIGTERM ? "SIGTERM"
				   : "a signal",
		what);
	fflush(stderr);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(signo, &sa, NULL);
	/* a held signal is delivered when let in; one already caught is raised again */
	gmcsim_signals_hold(false);
	raise(signo);
	return 128 + signo;
}
