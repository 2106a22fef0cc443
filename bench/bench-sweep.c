/* SPDX-License-Identifier: MIT */
/*
 * The sweep's throughput and memory (docs/performance.md): single-block
 * scenarios per second on one core, as `gmcsim sweep` runs them (a random
 * space, the psp block, every fix, swap point and 1-3 cycles), and a
 * generated sweep of a million combinations on two threads, whose peak RSS
 * must equal that of a sweep a tenth its size. Both time CPU as well as the
 * wall clock: on a virtual machine the wall clock also counts stolen time.
 *
 * usage: bench-sweep [PAIRS]   (random pairs of the one-core run; default 2000)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-util.h"
#include "sim-sweep.h"

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long
peak_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static struct sweep sw;

/* Run the space random:@p pairs (seed 1) over @p blocks on @p jobs threads. */
static int
sweep_random(unsigned long long pairs, const char *blocks, unsigned jobs, double *wall, double *cpu,
	     unsigned long long *total)
{
	struct sweep_selection sel;
	struct gmc_error err = { 0 };
	double w0, c0;
	int rc;

	sweep_selection_init(&sel);
	snprintf(sel.generate, sizeof(sel.generate), "random:%llu", pairs);
	sel.seed = 1;
	sel.seed_given = true;
	rc = blocks ? check_plan_set_blocks(&sel.plan, blocks, &err) : 0;
	if (!rc)
		rc = sweep_init(&sw, &sel, &err);
	sweep_selection_fini(&sel);
	if (rc) {
		fprintf(stderr, "bench-sweep: %s\n", err.message);
		return rc;
	}
	w0 = bench_now();
	c0 = cpu_now();
	rc = sweep_run(&sw, jobs, &err);
	*cpu = cpu_now() - c0;
	*wall = bench_now() - w0;
	*total = sw.total;
	sweep_fini(&sw);
	if (rc)
		fprintf(stderr, "bench-sweep: %s\n", err.message);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned long long pairs = argc > 1 ? strtoull(argv[1], NULL, 0) : 2000, n;
	double wall, cpu;
	long rss_small, rss_big;
	cpu_set_t all;

	/* 2,000 pairs x psp x 5 fixes x 6 swap points x 3 cycle counts = 180,000 runs */
	sched_getaffinity(0, sizeof(all), &all);
	bench_pin_to_one_core();
	if (sweep_random(pairs, "psp", 1, &wall, &cpu, &n))
		return 3;
	printf("single-block scenarios (psp), one core: %10.0f per CPU second, %10.0f per "
	       "second of wall clock (%llu runs)\n",
	       n / cpu, n / wall, n);

	/* the two-thread runs get every core back; 65 pairs x 17 blocks x 5 x 6 x 3 = 99,450 */
	sched_setaffinity(0, sizeof(all), &all);
	if (sweep_random(65, NULL, 2, &wall, &cpu, &n))
		return 3;
	rss_small = peak_rss_kib();
	printf("generated sweep, 2 threads: %8llu combinations in %6.2f s (%6.2f s CPU), peak "
	       "RSS %ld KiB\n",
	       n, wall, cpu, rss_small);
	/* 654 pairs: 1,000,620 combinations */
	if (sweep_random(654, NULL, 2, &wall, &cpu, &n))
		return 3;
	rss_big = peak_rss_kib();
	printf("generated sweep, 2 threads: %8llu combinations in %6.2f s (%6.2f s CPU), peak "
	       "RSS %ld KiB\n",
	       n, wall, cpu, rss_big);
	printf("peak RSS grew by %ld KiB for 10x the combinations\n", rss_big - rss_small);
	return 0;
}
