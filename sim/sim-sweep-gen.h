/* SPDX-License-Identifier: MIT */
/*
 * Generated spaces of profile pairs for `gmcsim sweep --generate`
 * (docs/sweeping.md): every ordered pair of distinct XGMI node ids of each
 * part's hive, changes of mc_fb_offset and of the FB location, or N pairs
 * drawn at random from each part's valid registers and parameters. Pair i
 * is computed from i alone (and the seed), so a sweep never holds its pairs
 * and any shard can make any pair.
 */
#ifndef GMCSIM_SIM_SWEEP_GEN_H
#define GMCSIM_SIM_SWEEP_GEN_H

#include <gmc/gmcsim.h>

/* parts one generated space covers (one base profile each) */
#define SWEEP_GEN_MAX_PARTS 16
/* rows a generated space summarises into: parts x kinds of change */
#define SWEEP_GEN_MAX_GROUPS (SWEEP_GEN_MAX_PARTS * 8)
/* candidate values per register a fb-offsets space tries */
#define SWEEP_GEN_MAX_VALUES 8
/* pairs a random space may draw */
#define SWEEP_GEN_RANDOM_MAX 100000000ull

enum sweep_gen_kind {
	SWEEP_GEN_NODE_PAIRS = 1,
	SWEEP_GEN_FB_OFFSETS,
	SWEEP_GEN_RANDOM,
};

/* One part of the space: the built-in profile its pairs are made from. */
struct sweep_gen_part {
	struct gmcsim_profile base;
	char name[GMCSIM_NAME_MAX]; /* the part, "gc944" */
	unsigned nodes;		    /* XGMI nodes in its hive (0 or 1: no node moves) */
	uint32_t offset_max;	    /* the largest FB_OFFSET field value */
	uint32_t base_max;	    /* the largest FB_BASE the FB still fits below */
	/* fb-offsets: the values tried on the resume side */
	uint32_t offsets[SWEEP_GEN_MAX_VALUES];
	unsigned n_offsets;
	uint32_t bases[SWEEP_GEN_MAX_VALUES];
	unsigned n_bases;
	unsigned long long first, count; /* its pairs: [first, first + count) */
	size_t group;			 /* its first group */
};

struct sweep_gen {
	enum sweep_gen_kind kind;
	unsigned long long n_pairs;
	unsigned long long seed;
	struct sweep_gen_part parts[SWEEP_GEN_MAX_PARTS];
	size_t n_parts;
	char group_part[SWEEP_GEN_MAX_GROUPS][GMCSIM_NAME_MAX];
	char group_changes[SWEEP_GEN_MAX_GROUPS][GMCSIM_TEXT_MAX];
	size_t n_groups;
};

/*
 * Set up the space @p spec ("node-pairs", "fb-offsets", "random:N"); a
 * random space needs @p seed_given.
 * @retval 0 ready
 * @retval -EINVAL an unknown spec, N out of range, a seed missing or given
 *         to a space that draws nothing
 */
int sweep_gen_init(struct sweep_gen *g, const char *spec, unsigned long long seed, bool seed_given,
		   struct gmc_error *err);

/*
 * Pair @p index of the space: both profiles, its name ("gc944-node0-to-node1",
 * "random-17") and its group (a part and a kind of change).
 * @retval 0 made
 * @retval -EINVAL @p index out of range
 */
int sweep_gen_pair(const struct sweep_gen *g, unsigned long long index, struct gmcsim_profile *from,
		   struct gmcsim_profile *to, char *name, size_t len, size_t *group,
		   struct gmc_error *err);

/* The index of the pair called @p name. @retval -ENOENT none */
int sweep_gen_find(const struct sweep_gen *g, const char *name, unsigned long long *index);

#endif /* GMCSIM_SIM_SWEEP_GEN_H */
