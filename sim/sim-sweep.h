/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine behind `gmcsim sweep`: every built-in profile pair x fix
 * strategy x swap point x cycle count (1-3) x catalog block, run alone and
 * folded into per-(pair, fix) counters as results come, so memory stays flat
 * in the sweep's size. Combinations are numbered in a fixed order, so a
 * shard (slice I of N) is deterministic; shards are written as JSON and
 * merged back by the same code.
 */
#ifndef GMCSIM_SIM_SWEEP_H
#define GMCSIM_SIM_SWEEP_H

#include <pthread.h>
#include <signal.h>

#include "sim-plan.h"

#define SWEEP_MAX_PAIRS 32
#define SWEEP_MAX_BLOCKS 128
/* before-suspend, after-suspend:BLOCK, after-suspend, resume:BLOCK, after-resume, none */
#define SWEEP_SWAPS_PER_BLOCK 6
#define SWEEP_CYCLES_MAX 3
/* --merge: the most shards a merge takes */
#define SWEEP_MAX_SHARDS (1u << 12)
/* --shard: the most slices a sweep may be cut into */
#define SWEEP_MAX_SLICES (1u << 20)

/* One row of the summary: a fix strategy on one pair (or one kind of change). */
struct sweep_row {
	unsigned long long runs;
	unsigned long long failing_runs; /* runs with a finding of severity error or worse */
	unsigned long long kinds[GMCSIM_FINDING_KIND_COUNT];
};

struct sweep {
	struct check_plan pairs[SWEEP_MAX_PAIRS];
	size_t n_pairs;
	const char *blocks[SWEEP_MAX_BLOCKS];
	size_t n_blocks;
	unsigned shard, shards; /* 0-based shard index of shards */
	bool merged;
	unsigned char seen[SWEEP_MAX_SHARDS]; /* merging: which shards were given */
	unsigned long long total;
	/* rows[pair][fix]: pairs map to their "changes" text when grouped */
	struct sweep_row rows[SWEEP_MAX_PAIRS][GMCSIM_FIX_COUNT];
	/* when set and nonzero (a signal's number), the workers stop: sweep_run() gives -EINTR */
	const volatile sig_atomic_t *stop;
	pthread_mutex_t lock;
	int error;
	struct gmc_error err;
};

/*
 * Set up @sw (which may be large: allocate it statically or on the heap)
 * over every built-in pair and catalog block, as one shard of one.
 * @retval 0 ready; release with sweep_fini()
 * @retval <0 a built-in pair could not be loaded, or out of memory; @err says why
 */
int sweep_init(struct sweep *sw, struct gmc_error *err);
void sweep_fini(struct sweep *sw);

/*
 * Decode combination @i into its parts: the pair and block indexes, the fix,
 * the swap point (0..SWEEP_SWAPS_PER_BLOCK-1) and the cycle count (1..3).
 */
void sweep_combination(const struct sweep *sw, unsigned long long i, size_t *pair, unsigned *fix,
		       size_t *block, unsigned *swap, unsigned *cycles);

/*
 * Run only slice @index (0-based) of @count, deterministically.
 * @retval -EINVAL @count is 0 or above SWEEP_MAX_SLICES, or @index >= @count
 */
int sweep_set_shard(struct sweep *sw, unsigned index, unsigned count, struct gmc_error *err);

/*
 * Run slice @sw->shard of @sw->shards on @jobs threads (1..256) and add the
 * results into @sw->rows. The workers look at @sw->stop before each run.
 * @retval 0 ran
 * @retval -EINTR @sw->stop was set: the rows hold only part of the slice
 * @retval <0 a run failed or out of memory; @err says which
 */
int sweep_run(struct sweep *sw, unsigned jobs, struct gmc_error *err);

/*
 * The shard (or, after merging, the whole sweep) as JSON: combinations, the
 * shard number (1-based, only for a slice), shards, and one row per pair and
 * fix with its runs, failing runs and counts per finding kind.
 * @return a new object, or NULL when out of memory
 */
struct json_object *sweep_to_json(const struct sweep *sw);

/*
 * Start merging: forget every result and every shard seen. Then call
 * sweep_merge_file() for each shard and sweep_merge_finish().
 */
void sweep_merge_begin(struct sweep *sw);
/*
 * Add one shard's JSON (as sweep_to_json() wrote it) into @sw's rows.
 * @retval -EINVAL not a shard of this sweep, given twice, or malformed
 */
int sweep_merge_file(struct sweep *sw, const char *path, struct gmc_error *err);
/* @retval -EINVAL a shard of the sweep is missing */
int sweep_merge_finish(struct sweep *sw, struct gmc_error *err);

/*
 * Rows of the summary for @fix: one per kind of change, the pairs with the
 * same "changes" text added up.
 * @param changes  receives each row's change text (points into @sw)
 * @param pairs    receives how many pairs each row adds up
 * @return the number of rows (at most @max)
 */
size_t sweep_group_rows(const struct sweep *sw, unsigned fix, const char **changes,
			struct sweep_row *rows, unsigned *pairs, size_t max);

#endif /* GMCSIM_SIM_SWEEP_H */
