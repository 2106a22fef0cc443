/* SPDX-License-Identifier: MIT */
/*
 * What `gmcsim check` and `gmcsim sweep` run: a profile pair, the sites
 * (built-in blocks and a user's block files), the fix strategies, swap
 * points and cycle counts; from flags or a scenario file.
 */
#ifndef GMCSIM_SIM_PLAN_H
#define GMCSIM_SIM_PLAN_H

#include <gmc/gmcsim.h>

struct json_object;

#define PLAN_MAX_SWAPS 64
#define PLAN_MAX_CYCLES 8
/* fix files one plan runs (--fix-file, a scenario's "fix_files") */
#define PLAN_MAX_FIX_FILES 32
/* strategies one plan runs: the built-ins and its fix files */
#define PLAN_MAX_STRATEGIES (GMCSIM_FIX_COUNT + PLAN_MAX_FIX_FILES)

struct check_plan {
	struct gmcsim_profile from, to;
	char pair[GMCSIM_NAME_MAX];    /* the built-in pair's name, if one was used */
	char changes[GMCSIM_TEXT_MAX]; /* what differs between the two */
	struct gmcsim_site *sites;     /* everything to run, in block order */
	size_t n_sites;
	size_t n_catalog;  /* sites[0, n_catalog) are built-in; the rest from files */
	unsigned fixes;	   /* built-in strategies, bits (1u << enum gmcsim_fix) */
	bool fixes_chosen; /* --fix or a fix file was given: no longer every built-in */
	struct gmcsim_strategy *fix_files; /* strategies from fix files, run after the built-ins */
	size_t n_fix_files;
	struct gmcsim_swap swaps[PLAN_MAX_SWAPS];
	size_t n_swaps;
	unsigned cycles[PLAN_MAX_CYCLES];
	size_t n_cycles;
	enum gmcsim_severity fail_on;
	enum gmcsim_kernel kernel; /* whose driver facts the sites use */
	unsigned assume;	   /* enum gmcsim_assumption bits */
	unsigned scenario_keys;	   /* bits of the keys a scenario set (check_plan_scenario_sets) */
};

/* The outcome of one run. */
struct check_result {
	const struct gmcsim_strategy *strategy; /* the plan's (a built-in or one of its files) */
	struct gmcsim_swap swap;
	unsigned cycles;
	bool gate;
	/* what the strategy's driver code computes on the boot and the resume vGPU */
	struct gmc_layout layout_from, layout_to;
	struct gmcsim_finding *findings;
	size_t n_findings;
};

/* Defaults: gc944 node 2 -> node 5, whole catalog, every fix, after-suspend, 1 cycle. */
void check_plan_init(struct check_plan *plan);
void check_plan_fini(struct check_plan *plan);

int check_plan_set_pair(struct check_plan *plan, const char *name, struct gmc_error *err);
int check_plan_set_profile(struct check_plan *plan, bool to, const char *name_or_path,
			   struct gmc_error *err);
/*
 * Replace the built-in sites with the built-in blocks named in a comma list
 * ("all" = every block). The blocks of block files added so far stay (they
 * always run), and the list may name them too; any other name is -ENOENT.
 */
int check_plan_set_blocks(struct check_plan *plan, const char *list, struct gmc_error *err);
/*
 * Add the block a block file describes. Its name must be its own: a built-in
 * block's name, or a block another file added, is -EEXIST.
 */
int check_plan_add_block_file(struct check_plan *plan, const char *path, struct gmc_error *err);
/*
 * The next block from a block file none of whose sites applies to the "from"
 * profile, which would silently test nothing: start with *@next = 0 and call
 * until it returns false. @why says which block, on which profile, and each
 * site's condition that excludes it.
 */
bool check_plan_next_excluded(const struct check_plan *plan, size_t *next, char *why, size_t len);
/* The built-in strategies in a comma list ("all" = every one); the fix files stay. */
int check_plan_set_fixes(struct check_plan *plan, const char *list, struct gmc_error *err);
/* Add the strategy of fix file @p path (docs/fixes.md), run after the built-ins. */
int check_plan_add_fix_file(struct check_plan *plan, const char *path, struct gmc_error *err);
/*
 * The strategies @p plan runs, in order: the built-ins chosen (enum order),
 * then its fix files (in the order given).
 * @return how many (at most PLAN_MAX_STRATEGIES; @p out has room for that)
 */
size_t check_plan_strategies(const struct check_plan *plan, const struct gmcsim_strategy **out);
int check_plan_set_swaps(struct check_plan *plan, const char *list, struct gmc_error *err);
int check_plan_set_cycles(struct check_plan *plan, const char *list, struct gmc_error *err);
/* The kernel whose facts the sites use: "6.12", "6.17" or "6.18". */
int check_plan_set_kernel(struct check_plan *plan, const char *name, struct gmc_error *err);
/* Assumptions about the hypervisor, a comma list: "host-restores-msix" (or "none"). */
int check_plan_set_assume(struct check_plan *plan, const char *list, struct gmc_error *err);
/* The name of assumption bit @p bit, or NULL past the last. */
const char *check_plan_assumption_name(unsigned bit);
int check_plan_load_scenario(struct check_plan *plan, const char *path, struct gmc_error *err);
/* The same from text; relative block_files resolve against @path's directory. */
int check_plan_parse_scenario(struct check_plan *plan, const char *text, const char *path,
			      struct gmc_error *err);

/*
 * Whether a scenario loaded into @plan set @key ("fixes", "pair", ...), so a
 * flag that sets the same thing can be refused instead of one silently winning.
 */
bool check_plan_scenario_sets(const struct check_plan *plan, const char *key);

/*
 * Refuse what would silently test nothing or mix two things up: a swap point
 * naming a block without sites here, two strategies of one name.
 */
int check_plan_validate(const struct check_plan *plan, struct gmc_error *err);

/* Run one combination; the result owns its findings (check_result_fini). */
int check_plan_run(const struct check_plan *plan, const struct gmcsim_strategy *strategy,
		   const struct gmcsim_swap *swap, unsigned cycles, struct check_result *out,
		   struct gmc_error *err);
void check_result_fini(struct check_result *r);

/* Every combination of a plan: swap points x cycle counts x fixes, in that order. */
struct check_outcome {
	struct check_result *results;
	size_t n;
	size_t failing; /* findings at or above the plan's fail_on */
};

/*
 * Run every combination of @plan into @out (zeroed first).
 * @retval 0 ran (findings may exist)
 * @retval <0 a run failed; @err says which; what ran so far stays in @out
 */
int check_plan_run_all(const struct check_plan *plan, struct check_outcome *out,
		       struct gmc_error *err);
void check_outcome_fini(struct check_outcome *o);

/*
 * The rows of a report: block names in the order the plan runs them (only
 * blocks with a site that exists on the part), then any block a finding
 * adds (gmc, pci, ih). The names point into @plan and @o.
 * @return the number of rows (at most @max)
 */
size_t check_outcome_blocks(const struct check_plan *plan, const struct check_outcome *o,
			    const char **rows, size_t max);

/*
 * The verdict of one block under one run: "ok", the kind of its worst
 * finding above info, or that kind and "+N" more.
 * @return @buf
 */
const char *check_result_verdict(const struct check_result *r, const char *block, char *buf,
				 size_t len);

/*
 * The whole outcome as the JSON document `gmcsim check --json` prints:
 * from, to, pair, changes, fail_on, the verdict matrix and every run's findings.
 * @return a new object, or NULL when out of memory
 */
struct json_object *check_outcome_json(const struct check_plan *plan,
				       const struct check_outcome *o);

#endif /* GMCSIM_SIM_PLAN_H */
