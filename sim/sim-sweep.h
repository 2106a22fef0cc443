/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine behind `gmcsim sweep` (docs/sweeping.md): profile pairs
 * x catalog blocks (each run alone) x fix strategies x swap points x cycle
 * counts, from the same selectors as `gmcsim check` or a generated space of
 * pairs (sim-sweep-gen.h). Each run is folded into per-(group, strategy)
 * counters and a bounded list of the worst combinations as it comes, so
 * memory stays flat in the sweep's size. Combinations are numbered in a
 * fixed order, so a shard (slice I of N) is deterministic; shards are
 * written as JSON and merged back by sim-sweep-shard.c, which trusts
 * nothing in them.
 */
#ifndef GMCSIM_SIM_SWEEP_H
#define GMCSIM_SIM_SWEEP_H

#include <pthread.h>
#include <signal.h>

#include "sim-plan.h"
#include "sim-sweep-gen.h"

/* named pairs one sweep takes (the built-ins, --pair, --from/--to) */
#define SWEEP_MAX_PAIRS 64
#define SWEEP_MAX_BLOCKS 128
/* the default swap points: before-suspend, after-suspend:BLOCK, after-suspend,
 * resume:BLOCK, after-resume, and a control run without a swap */
#define SWEEP_SWAPS_PER_BLOCK 6
#define SWEEP_CYCLES_MAX 3
/* --merge: the most shards a merge takes */
#define SWEEP_MAX_SHARDS (1u << 12)
/* --shard: the most slices a sweep may be cut into */
#define SWEEP_MAX_SLICES (1u << 20)
/* --worst: the most combinations listed */
#define SWEEP_MAX_WORST 1000
/* the block a swap point names when it means the block under test ("resume:*") */
#define SWEEP_BLOCK_UNDER_TEST "*"

/* One row of the summary: a strategy on one group (a named pair, or a part and a change). */
struct sweep_row {
	unsigned long long runs;
	unsigned long long failing_runs; /* runs with a finding of severity error or worse */
	unsigned long long kinds[GMCSIM_FINDING_KIND_COUNT];
};

/* What a row is about: a named pair, or (generated spaces) a part and a kind of change. */
struct sweep_group {
	char pair[GMCSIM_NAME_MAX]; /* "" for a generated group */
	char part[GMCSIM_NAME_MAX];
	char changes[GMCSIM_TEXT_MAX];
};

/* A named pair, and the command-line words that name it again. */
struct sweep_pair {
	struct gmcsim_profile from, to;
	char name[GMCSIM_NAME_MAX];
	char changes[GMCSIM_TEXT_MAX];
	char args[1024]; /* "--pair NAME" or "--from FILE --to FILE" */
};

/* One of the worst combinations: its place in the sweep and how bad it is. */
struct sweep_worst {
	unsigned long long index;
	unsigned long long score; /* severity, errors, findings: higher is worse */
	unsigned severity;	  /* enum gmcsim_severity of its worst finding */
	unsigned errors;	  /* findings of severity error or worse */
	unsigned findings;	  /* findings */
	char pair[GMCSIM_NAME_MAX];
	char block[GMCSIM_NAME_MAX];
	char fix[GMCSIM_NAME_MAX];
	char swap[GMCSIM_NAME_MAX * 2];
	unsigned cycles;
	char command[4608]; /* a shell command line that runs it with `gmcsim check` */
};

/* A block or fix file of the selection: what it holds and where it is. */
struct sweep_file {
	char name[GMCSIM_NAME_MAX]; /* the block or the strategy */
	char path[1024];
};

/* What to sweep: the selectors of `gmcsim check`, pairs, and a generated space. */
struct sweep_selection {
	struct check_plan plan;	  /* sites, strategies, kernel, assumptions */
	bool swaps_given;	  /* plan.swaps is the user's; else the six per block */
	bool cycles_given;	  /* plan.cycles is the user's; else 1-3 */
	struct sweep_pair *pairs; /* named pairs; none: every built-in pair */
	size_t n_pairs;
	char generate[64]; /* "node-pairs", "fb-offsets", "random:N", or "" */
	unsigned long long seed;
	bool seed_given;
	struct sweep_file block_files[SWEEP_MAX_BLOCKS];
	size_t n_block_files;
	struct sweep_file fix_files[PLAN_MAX_FIX_FILES];
	size_t n_fix_files;
};

struct sweep {
	struct check_plan plan; /* the selection's, owning the sites and fix files */
	const struct gmcsim_strategy *strategies[PLAN_MAX_STRATEGIES];
	size_t n_strategies;
	struct sweep_pair *pairs; /* named pairs (owned), or NULL for a generated space */
	size_t n_pairs;
	bool generated;
	struct sweep_gen gen;
	unsigned long long n_space_pairs; /* pairs in the space, named or generated */
	const char *blocks[SWEEP_MAX_BLOCKS];
	size_t n_blocks;
	struct gmcsim_swap swaps[PLAN_MAX_SWAPS]; /* block "*": the block under test */
	size_t n_swaps;
	unsigned cycles[PLAN_MAX_CYCLES];
	size_t n_cycles;
	char selection[8192]; /* the space as canonical options: shards of one sweep share it */
	struct sweep_file block_files[SWEEP_MAX_BLOCKS];
	size_t n_block_files;
	struct sweep_file fix_files[PLAN_MAX_FIX_FILES];
	size_t n_fix_files;
	char generate[64];
	unsigned long long seed;
	char digest[32]; /* "fnv1a64:" and 16 hex digits over everything the space comes from */
	unsigned shard, shards; /* 0-based shard index of shards */
	bool sliced;		/* a slice was asked for (--shard): its JSON says whose */
	bool merged;
	int merged_worst_max; /* merging: the worst the shards kept (-1 before the first) */
	unsigned long long total;
	struct sweep_group *groups;
	size_t n_groups;
	struct sweep_row *rows; /* [group * n_strategies + strategy] */
	unsigned worst_max;
	struct sweep_worst *worst; /* the worst_max worst, worst first */
	size_t n_worst;
	/* merging */
	unsigned char *seen; /* which shards were given */
	unsigned long long merged_runs;
	/* when set and nonzero (a signal's number), the workers stop: sweep_run() gives -EINTR */
	const volatile sig_atomic_t *stop;
	pthread_mutex_t lock;
	int error;
	struct gmc_error err;
};

/* Default selection: every built-in pair, block and strategy, 6 swap points, 1-3 cycles. */
void sweep_selection_init(struct sweep_selection *sel);
void sweep_selection_fini(struct sweep_selection *sel);

/* Add built-in pairs by name, a comma list. */
int sweep_selection_add_pairs(struct sweep_selection *sel, const char *list, struct gmc_error *err);
/* Add the pair of two profiles (built-in names or files). */
int sweep_selection_add_profiles(struct sweep_selection *sel, const char *from, const char *to,
				 struct gmc_error *err);
/* Add a block file (check_plan_add_block_file()), remembering where it is. */
int sweep_selection_add_block_file(struct sweep_selection *sel, const char *path,
				   struct gmc_error *err);
/* Add a fix file (check_plan_add_fix_file()), remembering where it is. */
int sweep_selection_add_fix_file(struct sweep_selection *sel, const char *path,
				 struct gmc_error *err);

/*
 * Set up @sw (large: allocate it statically or on the heap) from @sel, which
 * it takes over (its plan and pairs; @sel is left empty), as one shard of one.
 * @retval 0 ready; release with sweep_fini()
 * @retval <0 a pair, block or strategy could not be set up; @err says why
 */
int sweep_init(struct sweep *sw, struct sweep_selection *sel, struct gmc_error *err);
void sweep_fini(struct sweep *sw);

/*
 * Decode combination @i into its parts, innermost first: the cycle count's
 * index, the swap point's, the strategy's, the block's and the pair's.
 */
void sweep_combination(const struct sweep *sw, unsigned long long i, unsigned long long *pair,
		       size_t *strategy, size_t *block, size_t *swap, size_t *cycles);

/* The profiles, name and group of pair @p index of the space. */
int sweep_pair_at(const struct sweep *sw, unsigned long long index, struct gmcsim_profile *from,
		  struct gmcsim_profile *to, char *name, size_t len, size_t *group,
		  struct gmc_error *err);

/*
 * Run only slice @index (0-based) of @count, deterministically.
 * @retval -EINVAL @count is 0 or above SWEEP_MAX_SLICES, or @index >= @count
 */
int sweep_set_shard(struct sweep *sw, unsigned index, unsigned count, struct gmc_error *err);

/* Keep the @n worst combinations (0: none, at most SWEEP_MAX_WORST). */
int sweep_set_worst(struct sweep *sw, unsigned n, struct gmc_error *err);

/* How many combinations slice @p shard of @p shards holds. */
unsigned long long sweep_slice_size(unsigned long long total, unsigned shard, unsigned shards);

/*
 * Run slice @sw->shard of @sw->shards on @jobs threads (1..256) and add the
 * results into @sw->rows and @sw->worst. The workers look at @sw->stop before
 * each run.
 * @retval 0 ran
 * @retval -EINTR @sw->stop was set: the rows hold only part of the slice
 * @retval <0 a run failed or out of memory; @err says which
 */
int sweep_run(struct sweep *sw, unsigned jobs, struct gmc_error *err);

/* The row of group @p g and strategy @p f. */
static inline struct sweep_row *
sweep_row_at(const struct sweep *sw, size_t g, size_t f)
{
	return &sw->rows[g * sw->n_strategies + f];
}

/*
 * Rows of the summary for strategy @p f: one per kind of change (and part,
 * for a generated space), the groups with the same text added up.
 * @param part, changes receive each row's texts (pointing into @sw)
 * @param pairs receives how many pairs each row adds up
 * @return the number of rows (at most @max)
 */
size_t sweep_group_rows(const struct sweep *sw, size_t f, const char **part, const char **changes,
			struct sweep_row *rows, unsigned long long *pairs, size_t max);

/*
 * The shard (with the sweep's identity), or the whole sweep or a merge of
 * its shards (without: those are the same document) as JSON.
 * @return a new object, or NULL when out of memory
 */
struct json_object *sweep_to_json(const struct sweep *sw);

/*
 * Start merging: forget every result and every shard seen. Then call
 * sweep_merge_file() for each shard and sweep_merge_finish().
 */
int sweep_merge_begin(struct sweep *sw, struct gmc_error *err);
/*
 * Add one shard's JSON (as sweep_to_json() wrote it) into @sw. Trusts
 * nothing: the shard must be of this sweep (its selection, version and
 * digest), a slice not given before, with rows that are this sweep's, in its
 * order, of non-negative integers that add up to the slice's size.
 * @retval -EINVAL it is not; the message names @path and what is wrong
 */
int sweep_merge_file(struct sweep *sw, const char *path, struct gmc_error *err);
/* @retval -EINVAL no shard, or a shard of the sweep is missing */
int sweep_merge_finish(struct sweep *sw, struct gmc_error *err);

/* The gmcsim version the shards carry. */
const char *sweep_version(void);

#endif /* GMCSIM_SIM_SWEEP_H */
