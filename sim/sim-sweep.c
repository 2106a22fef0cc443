/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine: a selection made into the space's dimensions, the
 * combinations in a fixed order, the workers that run a shard's share of
 * them, the rows and the worst combinations they fold into. The shard
 * format and the merge are sim-sweep-shard.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-cond.h"
#include "sim-embed.h"
#include "sim-private.h"
#include "sim-sweep.h"
#include "util-json-read.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* The selection                                                        */
/* ------------------------------------------------------------------ */

static const char *shell_word(const char *text, char *buf, size_t len);

void
sweep_selection_init(struct sweep_selection *sel)
{
	memset(sel, 0, sizeof(*sel));
	check_plan_init(&sel->plan);
}

void
sweep_selection_fini(struct sweep_selection *sel)
{
	check_plan_fini(&sel->plan);
	free(sel->pairs);
	sel->pairs = NULL;
	sel->n_pairs = 0;
}

int
sweep_selection_add_block_file(struct sweep_selection *sel, const char *path, struct gmc_error *err)
{
	size_t first = sel->plan.n_sites;
	int rc;

	if (sel->n_block_files == SWEEP_MAX_BLOCKS)
		return gmcsim_fail(err, -E2BIG, "more than %d block files", SWEEP_MAX_BLOCKS);
	rc = check_plan_add_block_file(&sel->plan, path, err);
	if (rc || first == sel->plan.n_sites)
		return rc;
	snprintf(sel->block_files[sel->n_block_files].name, GMCSIM_NAME_MAX, "%s",
		 sel->plan.sites[first].block);
	snprintf(sel->block_files[sel->n_block_files].path, 1024, "%s", path);
	sel->n_block_files++;
	return 0;
}

int
sweep_selection_add_fix_file(struct sweep_selection *sel, const char *path, struct gmc_error *err)
{
	int rc = check_plan_add_fix_file(&sel->plan, path, err);

	if (rc)
		return rc;
	snprintf(sel->fix_files[sel->n_fix_files].name, GMCSIM_NAME_MAX, "%s",
		 sel->plan.fix_files[sel->plan.n_fix_files - 1].name);
	snprintf(sel->fix_files[sel->n_fix_files].path, 1024, "%s", path);
	sel->n_fix_files++;
	return 0;
}

static struct sweep_pair *
new_pair(struct sweep_selection *sel, struct gmc_error *err)
{
	struct sweep_pair *n;

	if (sel->n_pairs == SWEEP_MAX_PAIRS) {
		gmcsim_fail(err, -E2BIG, "more than %d pairs", SWEEP_MAX_PAIRS);
		return NULL;
	}
	n = realloc(sel->pairs, (sel->n_pairs + 1) * sizeof(*n));
	if (!n) {
		gmcsim_fail(err, -ENOMEM, "out of memory");
		return NULL;
	}
	sel->pairs = n;
	memset(&n[sel->n_pairs], 0, sizeof(*n));
	return &n[sel->n_pairs];
}

static int
add_builtin_pair(struct sweep_selection *sel, const struct gmcsim_pair *pair, struct gmc_error *err)
{
	struct sweep_pair *p = new_pair(sel, err);

	if (!p)
		return err ? err->code : -ENOMEM;
	if (gmcsim_profile_builtin(pair->from, &p->from) ||
	    gmcsim_profile_builtin(pair->to, &p->to))
		return gmcsim_fail(err, -EIO, "pair '%s' names a missing profile", pair->name);
	snprintf(p->name, sizeof(p->name), "%s", pair->name);
	snprintf(p->changes, sizeof(p->changes), "%s", pair->changes);
	snprintf(p->args, sizeof(p->args), "--pair %s", pair->name);
	sel->n_pairs++;
	return 0;
}

int
sweep_selection_add_pairs(struct sweep_selection *sel, const char *list, struct gmc_error *err)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char name[GMCSIM_NAME_MAX], q[GMCSIM_SAFE_BUF];
		const struct gmcsim_pair *pair;
		int rc;

		snprintf(name, sizeof(name), "%.*s", (int)(n < sizeof(name) ? n : sizeof(name) - 1),
			 p);
		pair = gmcsim_pair_builtin(name);
		if (!pair)
			return gmcsim_fail(err, -ENOENT,
					   "no built-in pair '%s' (see 'gmcsim profile pairs')",
					   gmcsim_safe_text(name, q, sizeof(q)));
		rc = add_builtin_pair(sel, pair, err);
		if (rc)
			return rc;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int
sweep_selection_add_profiles(struct sweep_selection *sel, const char *from, const char *to,
			     struct gmc_error *err)
{
	struct sweep_pair *p = new_pair(sel, err);
	int rc;

	if (!p)
		return err ? err->code : -ENOMEM;
	rc = gmcsim_profile_load(from, &p->from, err);
	if (!rc)
		rc = gmcsim_profile_load(to, &p->to, err);
	if (rc)
		return rc;
	if (p->from.asic != p->to.asic)
		return gmcsim_fail(
			err, -EINVAL,
			"profiles '%s' and '%s' are different GC versions: a guest cannot "
			"resume on another ASIC",
			p->from.name, p->to.name);
	snprintf(p->name, sizeof(p->name), "%.29s-to-%.29s", p->from.name, p->to.name);
	snprintf(p->changes, sizeof(p->changes), "as the profiles say");
	{
		char qa[520], qb[520];

		snprintf(p->args, sizeof(p->args), "--from %s --to %s",
			 shell_word(from, qa, sizeof(qa)), shell_word(to, qb, sizeof(qb)));
	}
	sel->n_pairs++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Setting a sweep up                                                   */
/* ------------------------------------------------------------------ */

/* FNV-1a, 64 bits, over a text and its NUL, so that "ab"+"c" and "a"+"bc" differ. */
static void
digest_add(uint64_t *h, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text;; p++) {
		*h = (*h ^ *p) * UINT64_C(0x100000001b3);
		if (!*p)
			break;
	}
}

static int
digest_profile(uint64_t *h, const struct gmcsim_profile *p)
{
	char *text;
	int rc = gmcsim_profile_to_json(p, &text);

	if (rc)
		return rc;
	digest_add(h, text);
	free(text);
	return 0;
}

/*
 * The digest of everything the space comes from: the version, the selection,
 * the built-in data, every profile, block file and strategy it runs.
 */
static int
sweep_digest(struct sweep *sw, const struct sweep_selection *sel)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	int rc = 0;

	digest_add(&h, sweep_version());
	digest_add(&h, sw->selection);
	for (size_t i = 0; i < gmcsim_builtin_catalog_count; i++)
		digest_add(&h, gmcsim_builtin_catalog[i].text);
	for (size_t i = 0; i < sw->n_pairs && !rc; i++) {
		rc = digest_profile(&h, &sw->pairs[i].from);
		if (!rc)
			rc = digest_profile(&h, &sw->pairs[i].to);
	}
	for (size_t i = 0; sw->generated && i < sw->gen.n_parts && !rc; i++)
		rc = digest_profile(&h, &sw->gen.parts[i].base);
	for (size_t i = 0; i < sw->n_strategies && !rc; i++) {
		char *text;

		rc = gmcsim_strategy_to_json(sw->strategies[i], &text);
		if (!rc) {
			digest_add(&h, text);
			free(text);
		}
	}
	/* the sites of block files, as the file gave them */
	for (size_t i = 0; i < sel->plan.n_sites && !rc; i++) {
		const struct gmcsim_site *s = &sel->plan.sites[i];
		char line[GMCSIM_TEXT_MAX * 2];

		if (i < sel->plan.n_catalog)
			continue;
		snprintf(line, sizeof(line),
			 "%s/%s %u %d %d %u %u %u %llu %u %u %llu %u %d %d %d %s %u", s->block,
			 s->name, s->create, s->lazy, s->recreate_on_resume, s->free_in, s->domain,
			 s->domain_sriov, (unsigned long long)s->size, s->cache, s->addr,
			 (unsigned long long)s->derived_offset, s->consume, s->rfc_helper,
			 s->upstream_fb_aper, s->uncertain, s->gc, s->kernels);
		digest_add(&h, line);
	}
	snprintf(sw->digest, sizeof(sw->digest), "fnv1a64:%016llx", (unsigned long long)h);
	return rc;
}

/* The blocks of the plan, in its order: each is run alone. */
static int
collect_blocks(struct sweep *sw, struct gmc_error *err)
{
	for (size_t i = 0; i < sw->plan.n_sites; i++) {
		const char *block = sw->plan.sites[i].block;
		bool seen = false;

		for (size_t b = sw->n_blocks; b > 0 && !seen; b--)
			seen = strcmp(sw->blocks[b - 1], block) == 0;
		if (seen)
			continue;
		if (sw->n_blocks == SWEEP_MAX_BLOCKS)
			return gmcsim_fail(err, -E2BIG, "more than %d blocks", SWEEP_MAX_BLOCKS);
		sw->blocks[sw->n_blocks++] = block;
	}
	if (!sw->n_blocks)
		return gmcsim_fail(err, -EINVAL, "no block to sweep");
	return 0;
}

/* The swap points: the user's (a per-block one names "*", the block under test) or the six. */
static int
collect_swaps(struct sweep *sw, const struct sweep_selection *sel, struct gmc_error *err)
{
	static const enum gmcsim_swap_kind kinds[SWEEP_SWAPS_PER_BLOCK] = {
		GMCSIM_SWAP_BEFORE_SUSPEND, GMCSIM_SWAP_AFTER_BLOCK_SUSPEND,
		GMCSIM_SWAP_AFTER_SUSPEND,  GMCSIM_SWAP_BEFORE_BLOCK_RESUME,
		GMCSIM_SWAP_AFTER_RESUME,   GMCSIM_SWAP_NONE,
	};

	if (!sel->swaps_given) {
		for (size_t i = 0; i < SWEEP_SWAPS_PER_BLOCK; i++) {
			memset(&sw->swaps[i], 0, sizeof(sw->swaps[i]));
			sw->swaps[i].kind = kinds[i];
			if (kinds[i] == GMCSIM_SWAP_AFTER_BLOCK_SUSPEND ||
			    kinds[i] == GMCSIM_SWAP_BEFORE_BLOCK_RESUME)
				snprintf(sw->swaps[i].block, sizeof(sw->swaps[i].block), "%s",
					 SWEEP_BLOCK_UNDER_TEST);
		}
		sw->n_swaps = SWEEP_SWAPS_PER_BLOCK;
		return 0;
	}
	/* the selection's plan is the sweep's by now */
	for (size_t i = 0; i < sw->plan.n_swaps; i++) {
		const struct gmcsim_swap *s = &sw->plan.swaps[i];
		char q[GMCSIM_SAFE_BUF];

		if ((s->kind == GMCSIM_SWAP_AFTER_BLOCK_SUSPEND ||
		     s->kind == GMCSIM_SWAP_BEFORE_BLOCK_RESUME) &&
		    strcmp(s->block, SWEEP_BLOCK_UNDER_TEST) != 0)
			return gmcsim_fail(
				err, -EINVAL,
				"a sweep runs each block alone: a swap point at a block "
				"is written for the block under test, e.g. resume:*, not "
				"':%s'",
				gmcsim_safe_text(s->block, q, sizeof(q)));
		sw->swaps[i] = *s;
	}
	sw->n_swaps = sw->plan.n_swaps;
	return 0;
}

static int
collect_groups(struct sweep *sw, struct gmc_error *err)
{
	sw->n_groups = sw->generated ? sw->gen.n_groups : sw->n_pairs;
	sw->groups = calloc(sw->n_groups, sizeof(*sw->groups));
	sw->rows = calloc(sw->n_groups * sw->n_strategies, sizeof(*sw->rows));
	if (!sw->groups || !sw->rows)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	for (size_t g = 0; g < sw->n_groups; g++) {
		struct sweep_group *gr = &sw->groups[g];

		if (sw->generated) {
			snprintf(gr->part, sizeof(gr->part), "%s", sw->gen.group_part[g]);
			snprintf(gr->changes, sizeof(gr->changes), "%s", sw->gen.group_changes[g]);
		} else {
			snprintf(gr->pair, sizeof(gr->pair), "%s", sw->pairs[g].name);
			snprintf(gr->part, sizeof(gr->part), "%s",
				 gmc_asic_name(sw->pairs[g].from.asic));
			snprintf(gr->changes, sizeof(gr->changes), "%s", sw->pairs[g].changes);
		}
	}
	return 0;
}

/* Append to @p buf (of @p len bytes, @p used so far); false when it no longer fits. */
static bool __attribute__((format(printf, 4, 5)))
append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len - *used)
		return false;
	*used += (size_t)n;
	return true;
}

/*
 * The space as options in a fixed order, whatever order they were given in:
 * two shards of one sweep have the same text, and a merge compares it.
 */
static int
describe_selection(struct sweep *sw, struct gmc_error *err)
{
	char *buf = sw->selection;
	size_t len = sizeof(sw->selection), used = 0;
	bool ok = true;

	if (sw->generated) {
		ok &= append(buf, len, &used, "--generate %s", sw->generate);
		if (sw->gen.kind == SWEEP_GEN_RANDOM)
			ok &= append(buf, len, &used, " --seed %llu", sw->seed);
	}
	for (size_t i = 0; !sw->generated && i < sw->n_pairs; i++)
		ok &= append(buf, len, &used, "%s%s", used ? " " : "", sw->pairs[i].args);
	ok &= append(buf, len, &used, " --blocks ");
	for (size_t b = 0; b < sw->n_blocks; b++)
		ok &= append(buf, len, &used, "%s%s", b ? "," : "", sw->blocks[b]);
	for (size_t i = 0; i < sw->n_block_files; i++)
		ok &= append(buf, len, &used, " --block-file %s", sw->block_files[i].path);
	ok &= append(buf, len, &used, " --fix ");
	for (size_t f = 0; f < sw->n_strategies - sw->plan.n_fix_files; f++)
		ok &= append(buf, len, &used, "%s%s", f ? "," : "", sw->strategies[f]->name);
	for (size_t i = 0; i < sw->n_fix_files; i++)
		ok &= append(buf, len, &used, " --fix-file %s", sw->fix_files[i].path);
	ok &= append(buf, len, &used, " --swap-at ");
	for (size_t i = 0; i < sw->n_swaps; i++) {
		char where[GMCSIM_NAME_MAX * 2];

		ok &= append(buf, len, &used, "%s%s", i ? "," : "",
			     gmcsim_swap_format(&sw->swaps[i], where, sizeof(where)));
	}
	ok &= append(buf, len, &used, " --cycles ");
	for (size_t c = 0; c < sw->n_cycles; c++)
		ok &= append(buf, len, &used, "%s%u", c ? "," : "", sw->cycles[c]);
	ok &= append(buf, len, &used, " --kernel %s --assume %s",
		     gmcsim_kernel_name(sw->plan.kernel),
		     (sw->plan.assume & GMCSIM_ASSUME_HOST_RESTORES_MSIX) ? "host-restores-msix"
									  : "none");
	if (!ok)
		return gmcsim_fail(err, -E2BIG, "the selection is longer than %zu bytes", len - 1);
	return 0;
}

int
sweep_init(struct sweep *sw, struct sweep_selection *sel, struct gmc_error *err)
{
	unsigned long long total;
	int rc = 0;

	memset(sw, 0, sizeof(*sw));
	sw->shards = 1;
	pthread_mutex_init(&sw->lock, NULL);
	sw->plan = sel->plan;
	/* the selection's plan and pairs are the sweep's now */
	memset(&sel->plan, 0, sizeof(sel->plan));
	sw->pairs = sel->pairs;
	sw->n_pairs = sel->n_pairs;
	sel->pairs = NULL;
	sel->n_pairs = 0;
	memcpy(sw->block_files, sel->block_files, sizeof(sw->block_files));
	sw->n_block_files = sel->n_block_files;
	memcpy(sw->fix_files, sel->fix_files, sizeof(sw->fix_files));
	sw->n_fix_files = sel->n_fix_files;
	snprintf(sw->generate, sizeof(sw->generate), "%s", sel->generate);
	sw->seed = sel->seed;

	sw->n_strategies = check_plan_strategies(&sw->plan, sw->strategies);
	if (!sw->n_strategies)
		return gmcsim_fail(err, -EINVAL, "no fix strategy to run");
	for (size_t i = 0; i < sw->n_strategies; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(sw->strategies[i]->name, sw->strategies[j]->name) == 0)
				return gmcsim_fail(err, -EINVAL,
						   "two fix strategies are named '%s': rename one "
						   "(the \"fix\" key of its file)",
						   sw->strategies[i]->name);
		}
	}
	if (sel->generate[0]) {
		if (sw->n_pairs)
			return gmcsim_fail(
				err, -EINVAL,
				"--generate makes the pairs: drop --pair, --from and --to");
		rc = sweep_gen_init(&sw->gen, sel->generate, sel->seed, sel->seed_given, err);
		if (rc)
			return rc;
		sw->generated = true;
		sw->n_space_pairs = sw->gen.n_pairs;
	} else {
		if (sel->seed_given)
			return gmcsim_fail(err, -EINVAL, "--seed is for --generate random:N only");
		if (!sw->n_pairs) {
			struct sweep_selection all = { .n_pairs = 0 };

			for (size_t i = 0; i < gmcsim_pair_builtin_count() && !rc; i++)
				rc = add_builtin_pair(&all, gmcsim_pair_builtin_at(i), err);
			sw->pairs = all.pairs;
			sw->n_pairs = all.n_pairs;
			if (rc)
				return rc;
		}
		sw->n_space_pairs = sw->n_pairs;
	}
	rc = collect_blocks(sw, err);
	if (!rc)
		rc = collect_swaps(sw, sel, err);
	if (rc)
		return rc;
	if (sel->cycles_given) {
		memcpy(sw->cycles, sw->plan.cycles, sizeof(sw->cycles));
		sw->n_cycles = sw->plan.n_cycles;
	} else {
		for (unsigned c = 0; c < SWEEP_CYCLES_MAX; c++)
			sw->cycles[c] = c + 1;
		sw->n_cycles = SWEEP_CYCLES_MAX;
	}
	total = sw->n_space_pairs;
	if (__builtin_umulll_overflow(total, sw->n_blocks, &total) ||
	    __builtin_umulll_overflow(total, sw->n_strategies, &total) ||
	    __builtin_umulll_overflow(total, sw->n_swaps, &total) ||
	    __builtin_umulll_overflow(total, sw->n_cycles, &total) || total > (1ull << 62))
		return gmcsim_fail(err, -E2BIG, "the sweep has more than 2^62 combinations");
	if (!total)
		return gmcsim_fail(err, -EINVAL, "the sweep has no combination");
	sw->total = total;
	rc = collect_groups(sw, err);
	if (!rc)
		rc = describe_selection(sw, err);
	if (!rc)
		rc = sweep_digest(sw, sel);
	return rc;
}

void
sweep_fini(struct sweep *sw)
{
	check_plan_fini(&sw->plan);
	free(sw->pairs);
	free(sw->groups);
	free(sw->rows);
	free(sw->worst);
	free(sw->seen);
	sw->pairs = NULL;
	sw->groups = NULL;
	sw->rows = NULL;
	sw->worst = NULL;
	sw->seen = NULL;
	sw->n_pairs = sw->n_blocks = sw->n_groups = 0;
	pthread_mutex_destroy(&sw->lock);
}

const char *
sweep_version(void)
{
#ifdef GMCSIM_SWEEP_VERSION
	return GMCSIM_SWEEP_VERSION;
#else
	return "unknown";
#endif
}

/* ------------------------------------------------------------------ */
/* Combinations                                                         */
/* ------------------------------------------------------------------ */

void
sweep_combination(const struct sweep *sw, unsigned long long i, unsigned long long *pair,
		  size_t *strategy, size_t *block, size_t *swap, size_t *cycles)
{
	*cycles = (size_t)(i % sw->n_cycles);
	i /= sw->n_cycles;
	*swap = (size_t)(i % sw->n_swaps);
	i /= sw->n_swaps;
	*strategy = (size_t)(i % sw->n_strategies);
	i /= sw->n_strategies;
	*block = (size_t)(i % sw->n_blocks);
	*pair = i / sw->n_blocks;
}

int
sweep_pair_at(const struct sweep *sw, unsigned long long index, struct gmcsim_profile *from,
	      struct gmcsim_profile *to, char *name, size_t len, size_t *group,
	      struct gmc_error *err)
{
	if (sw->generated)
		return sweep_gen_pair(&sw->gen, index, from, to, name, len, group, err);
	if (index >= sw->n_pairs)
		return gmcsim_fail(err, -EINVAL, "pair %llu is not in the sweep", index);
	*from = sw->pairs[index].from;
	*to = sw->pairs[index].to;
	snprintf(name, len, "%s", sw->pairs[index].name);
	*group = (size_t)index;
	return 0;
}

int
sweep_set_shard(struct sweep *sw, unsigned index, unsigned count, struct gmc_error *err)
{
	if (count < 1 || count > SWEEP_MAX_SLICES || index >= count)
		return gmcsim_fail(err, -EINVAL, "shard %u of %u: give 1 <= I <= N <= %u",
				   index + 1, count, SWEEP_MAX_SLICES);
	sw->shard = index;
	sw->shards = count;
	sw->sliced = true;
	return 0;
}

int
sweep_set_worst(struct sweep *sw, unsigned n, struct gmc_error *err)
{
	if (n > SWEEP_MAX_WORST)
		return gmcsim_fail(err, -EINVAL, "--worst takes 0 to %d", SWEEP_MAX_WORST);
	free(sw->worst);
	sw->worst = n ? calloc(n, sizeof(*sw->worst)) : NULL;
	if (n && !sw->worst)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	sw->worst_max = n;
	sw->n_worst = 0;
	return 0;
}

unsigned long long
sweep_slice_size(unsigned long long total, unsigned shard, unsigned shards)
{
	return total / shards + (shard < total % shards ? 1 : 0);
}

/* ------------------------------------------------------------------ */
/* Running                                                              */
/* ------------------------------------------------------------------ */

/* What one worker keeps: its rows, its worst, and the pair it is on. */
struct worker {
	struct sweep *sw;
	unsigned index, jobs;
	struct sweep_row *rows;
	struct sweep_worst *worst;
	size_t n_worst;
	/* the pair of the last combination, and its sites' presence on both vGPUs */
	bool have_pair;
	unsigned long long pair;
	size_t group;
	struct gmcsim_profile from, to;
	/* [2 * site + gate]: a site's presence with the XGMI-migrate gate closed and open */
	enum gmcsim_presence *on_from, *on_to;
};

/* Whether @p a is worse than @p b: a higher score, or the same and found first. */
static bool
worse(unsigned long long sa, unsigned long long ia, unsigned long long sb, unsigned long long ib)
{
	return sa > sb || (sa == sb && ia < ib);
}

/* Keep @p w among the @p max worst in @p list (worst first). */
static void
keep_worst(struct sweep_worst *list, size_t *n, size_t max, const struct sweep_worst *w)
{
	size_t at = *n;

	if (!max ||
	    (*n == max && !worse(w->score, w->index, list[max - 1].score, list[max - 1].index)))
		return;
	while (at > 0 && worse(w->score, w->index, list[at - 1].score, list[at - 1].index))
		at--;
	if (*n < max)
		(*n)++;
	memmove(&list[at + 1], &list[at], (*n - at - 1) * sizeof(*list));
	list[at] = *w;
}

static int
load_pair(struct worker *w, unsigned long long pair, struct gmc_error *err)
{
	const struct sweep *sw = w->sw;
	char name[GMCSIM_NAME_MAX];
	int rc;

	if (w->have_pair && w->pair == pair)
		return 0;
	rc = sweep_pair_at(sw, pair, &w->from, &w->to, name, sizeof(name), &w->group, err);
	if (rc)
		return rc;
	/* every site's presence, once per pair: it depends on the profiles and the kernel */
	for (size_t s = 0; s < sw->plan.n_sites; s++) {
		for (unsigned gate = 0; gate < 2; gate++) {
			w->on_from[2 * s + gate] = sim_site_presence(
				&sw->plan.sites[s], &w->from, sw->plan.kernel, gate, NULL, 0);
			w->on_to[2 * s + gate] = sim_site_presence(&sw->plan.sites[s], &w->to,
								   sw->plan.kernel, gate, NULL, 0);
		}
	}
	w->pair = pair;
	w->have_pair = true;
	return 0;
}

/* Run combination @p i and fold it into the worker's rows and worst. */
static int
run_combination(struct worker *w, unsigned long long i, struct gmc_error *err)
{
	const struct sweep *sw = w->sw;
	unsigned long long pair;
	size_t f, b, sp, c;
	struct gmcsim_config cfg = { 0 };
	struct gmcsim_run *run;
	struct sweep_worst worst = { .index = i };
	struct sweep_row *row;
	unsigned max_sev = 0, errors = 0;
	size_t n;
	unsigned gate;
	int rc;

	sweep_combination(sw, i, &pair, &f, &b, &sp, &c);
	rc = load_pair(w, pair, err);
	if (rc)
		return rc;
	cfg.from = &w->from;
	cfg.to = &w->to;
	cfg.strategy = sw->strategies[f];
	cfg.swap = sw->swaps[sp];
	if (strcmp(cfg.swap.block, SWEEP_BLOCK_UNDER_TEST) == 0 || cfg.swap.block[0] == '\0')
		snprintf(cfg.swap.block, sizeof(cfg.swap.block), "%s", sw->blocks[b]);
	cfg.cycles = sw->cycles[c];
	cfg.kernel = sw->plan.kernel;
	cfg.assume = sw->plan.assume;
	rc = gmcsim_run_new(&cfg, &run, err);
	if (rc)
		return rc;
	sim_run_set_terse(run);
	gate = gmcsim_run_migrate_gate(run);
	/* one block per run: its sites out of the plan */
	for (size_t s = 0; s < sw->plan.n_sites && !rc; s++) {
		if (strcmp(sw->plan.sites[s].block, sw->blocks[b]) == 0)
			rc = sim_run_add_site_known(run, &sw->plan.sites[s],
						    w->on_from[2 * s + gate],
						    w->on_to[2 * s + gate]);
	}
	if (!rc)
		rc = gmcsim_run_execute(run, err);
	if (rc) {
		gmcsim_run_free(run);
		return rc;
	}
	row = &w->rows[w->group * sw->n_strategies + f];
	row->runs++;
	n = gmcsim_run_finding_count(run);
	for (size_t k = 0; k < n; k++) {
		const struct gmcsim_finding *fd = gmcsim_run_finding_at(run, k);

		row->kinds[fd->kind]++;
		errors += fd->severity >= GMCSIM_SEV_ERROR;
		if ((unsigned)fd->severity > max_sev)
			max_sev = fd->severity;
	}
	row->failing_runs += errors > 0;
	gmcsim_run_free(run);
	if (n && sw->worst_max) {
		worst.severity = max_sev;
		worst.errors = errors;
		worst.findings = (unsigned)n;
		/* the worst finding first, then how many errors, then how many findings */
		worst.score = ((unsigned long long)(max_sev + 1) << 48) |
			      ((unsigned long long)errors << 24) | n;
		keep_worst(w->worst, &w->n_worst, sw->worst_max, &worst);
	}
	return 0;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct sweep *sw = w->sw;
	struct gmc_error err = { 0 };

	/* the shard's combinations, I + k N, and this worker's share of them */
	for (unsigned long long k = w->index;; k += w->jobs) {
		unsigned long long i;
		int rc;

		if (__builtin_umulll_overflow(k, sw->shards, &i) ||
		    __builtin_uaddll_overflow(i, sw->shard, &i) || i >= sw->total)
			break;
		/* a signal stops the sweep between runs: the rows hold only part of the slice */
		if (sw->stop && *sw->stop) {
			pthread_mutex_lock(&sw->lock);
			if (!sw->error)
				sw->error = gmcsim_fail(&sw->err, -EINTR,
							"the sweep was stopped before it finished");
			pthread_mutex_unlock(&sw->lock);
			break;
		}
		rc = run_combination(w, i, &err);
		if (rc) {
			pthread_mutex_lock(&sw->lock);
			if (!sw->error) {
				sw->error = rc;
				sw->err = err;
			}
			pthread_mutex_unlock(&sw->lock);
			break;
		}
		if (sw->error) /* another worker failed: stop early */
			break;
	}
	return NULL;
}

static void
add_row(struct sweep_row *dst, const struct sweep_row *src)
{
	dst->runs += src->runs;
	dst->failing_runs += src->failing_runs;
	for (unsigned k = 0; k < GMCSIM_FINDING_KIND_COUNT; k++)
		dst->kinds[k] += src->kinds[k];
}

/* @p text as one shell word: as it is when it is safe, else in single quotes. */
static const char *
shell_word(const char *text, char *buf, size_t len)
{
	size_t used = 0;

	if (text[0] && strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789._/-+=:,@%") == strlen(text)) {
		snprintf(buf, len, "%s", text);
		return buf;
	}
	if (len < 3) {
		buf[0] = '\0';
		return buf;
	}
	buf[used++] = '\'';
	for (const char *p = text; *p && used + 5 < len; p++) {
		if (*p == '\'') {
			memcpy(buf + used, "'\\''", 4);
			used += 4;
		} else {
			buf[used++] = *p;
		}
	}
	buf[used++] = '\'';
	buf[used] = '\0';
	return buf;
}

/* The file @p name came from among @p files, or NULL for a built-in. */
static const char *
file_of(const struct sweep_file *files, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(files[i].name, name) == 0)
			return files[i].path;
	}
	return NULL;
}

/* The names and the `gmcsim check` command line of worst combination @p w. */
static void
describe_worst(const struct sweep *sw, struct sweep_worst *w)
{
	char save[512] = "", pair[1200], block[1100], fix[1100], q[1040];
	struct gmcsim_profile a, b;
	unsigned long long index;
	size_t f, blk, sp, c, group;
	struct gmcsim_swap swap;
	const char *path;

	sweep_combination(sw, w->index, &index, &f, &blk, &sp, &c);
	sweep_pair_at(sw, index, &a, &b, w->pair, sizeof(w->pair), &group, NULL);
	snprintf(w->block, sizeof(w->block), "%s", sw->blocks[blk]);
	snprintf(w->fix, sizeof(w->fix), "%s", sw->strategies[f]->name);
	swap = sw->swaps[sp];
	if (strcmp(swap.block, SWEEP_BLOCK_UNDER_TEST) == 0)
		snprintf(swap.block, sizeof(swap.block), "%s", sw->blocks[blk]);
	gmcsim_swap_format(&swap, w->swap, sizeof(w->swap));
	w->cycles = sw->cycles[c];
	if (sw->generated) {
		/* a generated pair is written out first, then checked from its files */
		int n = snprintf(save, sizeof(save), "gmcsim sweep --generate %s", sw->generate);

		if (sw->gen.kind == SWEEP_GEN_RANDOM)
			snprintf(save + n, sizeof(save) - (size_t)n, " --seed %llu", sw->seed);
		snprintf(save + strlen(save), sizeof(save) - strlen(save),
			 " --save-pair %s --out-dir . && ", w->pair);
		snprintf(pair, sizeof(pair), "--from %s.from.json --to %s.to.json", w->pair,
			 w->pair);
	} else {
		snprintf(pair, sizeof(pair), "%s", sw->pairs[index].args);
	}
	path = file_of(sw->block_files, sw->n_block_files, w->block);
	if (path)
		snprintf(block, sizeof(block), "--blocks none --block-file %s",
			 shell_word(path, q, sizeof(q)));
	else
		snprintf(block, sizeof(block), "--blocks %s", w->block);
	path = f >= sw->n_strategies - sw->plan.n_fix_files
		       ? file_of(sw->fix_files, sw->n_fix_files, w->fix)
		       : NULL;
	if (path)
		snprintf(fix, sizeof(fix), "--fix-file %s", shell_word(path, q, sizeof(q)));
	else
		snprintf(fix, sizeof(fix), "--fix %s", w->fix);
	snprintf(w->command, sizeof(w->command),
		 "%sgmcsim check %s %s %s --swap-at %s --cycles %u --kernel %s%s", save, pair,
		 block, fix, w->swap, w->cycles, gmcsim_kernel_name(sw->plan.kernel),
		 (sw->plan.assume & GMCSIM_ASSUME_HOST_RESTORES_MSIX)
			 ? " --assume host-restores-msix"
			 : "");
}

int
sweep_run(struct sweep *sw, unsigned jobs, struct gmc_error *err)
{
	size_t n_rows = sw->n_groups * sw->n_strategies;
	struct worker *w = calloc(jobs, sizeof(*w));
	pthread_t *t = calloc(jobs, sizeof(*t));
	bool *started = calloc(jobs, sizeof(*started));
	int rc = 0;

	for (unsigned j = 0; w && t && started && j < jobs && !rc; j++) {
		w[j].sw = sw;
		w[j].index = j;
		w[j].jobs = jobs;
		w[j].rows = calloc(n_rows, sizeof(*w[j].rows));
		w[j].worst = sw->worst_max ? calloc(sw->worst_max, sizeof(*w[j].worst)) : NULL;
		w[j].on_from = calloc(2 * sw->plan.n_sites + 1, sizeof(*w[j].on_from));
		w[j].on_to = calloc(2 * sw->plan.n_sites + 1, sizeof(*w[j].on_to));
		if (!w[j].rows || (sw->worst_max && !w[j].worst) || !w[j].on_from || !w[j].on_to)
			rc = -ENOMEM;
	}
	if (!w || !t || !started)
		rc = -ENOMEM;
	for (unsigned j = 0; !rc && j < jobs; j++)
		started[j] = pthread_create(&t[j], NULL, work, &w[j]) == 0;
	for (unsigned j = 0; !rc && j < jobs; j++) {
		if (started[j])
			pthread_join(t[j], NULL);
		else
			work(&w[j]); /* no thread: run this share here */
	}
	for (unsigned j = 0; !rc && j < jobs; j++) {
		for (size_t r = 0; r < n_rows; r++)
			add_row(&sw->rows[r], &w[j].rows[r]);
		for (size_t k = 0; k < w[j].n_worst; k++)
			keep_worst(sw->worst, &sw->n_worst, sw->worst_max, &w[j].worst[k]);
	}
	for (unsigned j = 0; w && j < jobs; j++) {
		free(w[j].rows);
		free(w[j].worst);
		free(w[j].on_from);
		free(w[j].on_to);
	}
	free(w);
	free(t);
	free(started);
	if (rc)
		return gmcsim_fail(err, rc, "out of memory");
	if (sw->error) {
		if (err)
			*err = sw->err;
		return sw->error;
	}
	for (size_t k = 0; k < sw->n_worst; k++)
		describe_worst(sw, &sw->worst[k]);
	return 0;
}

size_t
sweep_group_rows(const struct sweep *sw, size_t f, const char **part, const char **changes,
		 struct sweep_row *rows, unsigned long long *pairs, size_t max)
{
	unsigned long long per_pair = (unsigned long long)sw->n_blocks * sw->n_swaps * sw->n_cycles;
	size_t n = 0;

	for (size_t g = 0; g < sw->n_groups; g++) {
		const struct sweep_group *gr = &sw->groups[g];
		const struct sweep_row *r = sweep_row_at(sw, g, f);
		size_t k;

		/* a generated group no pair fell in has no row */
		if (sw->generated && !r->runs)
			continue;
		for (k = 0; k < n && (strcmp(changes[k], gr->changes) != 0 ||
				      (sw->generated && strcmp(part[k], gr->part) != 0));
		     k++)
			;
		if (k == n) {
			if (n == max)
				continue;
			part[n] = gr->part;
			changes[n] = gr->changes;
			memset(&rows[n], 0, sizeof(rows[n]));
			pairs[n] = 0;
			n++;
		}
		pairs[k] += sw->generated ? r->runs / per_pair : 1;
		add_row(&rows[k], r);
	}
	return n;
}
