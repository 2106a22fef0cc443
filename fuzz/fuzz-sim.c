/* SPDX-License-Identifier: MIT */
/*
 * fuzz-sim: the input picks a small scenario: a built-in profile pair, up
 * to two catalog blocks, a fix strategy, a swap point (and
 * the block it names) and 1-2 cycles; it runs through libgmcsim. Every run
 * must complete (the built-in catalog always fits the built-in vGPUs),
 * findings must be well-formed, a run without a swap must report no
 * address findings, and upstream must equal none wherever its gate is
 * closed.
 */
#include <string.h>

#include <gmc/gmcsim.h>

#include "fuzz-util.h"

struct outcome {
	size_t n;
	unsigned kinds[GMCSIM_FINDING_KIND_COUNT];
	bool gate;
};

/* The catalog, copied out once: each input only picks from it. */
static struct gmcsim_site catalog[256];
static size_t n_catalog;
static const char *blocks[32];
static size_t n_blocks;

static void
load_catalog(void)
{
	for (size_t i = 0; n_catalog < 256 && gmcsim_catalog_at(i, &catalog[n_catalog]) == 0;
	     i++, n_catalog++) {
		size_t b;

		for (b = 0; b < n_blocks && strcmp(blocks[b], catalog[n_catalog].block) != 0; b++)
			;
		if (b == n_blocks && n_blocks < 32)
			blocks[n_blocks++] = catalog[n_catalog].block;
	}
}

/* Up to two blocks: the low two bytes of @mask each name one by its catalog position. */
static bool
block_chosen(const char *block, uint32_t mask)
{
	for (unsigned k = 0; k < 2; k++) {
		size_t i = ((mask >> (8 * k)) & 0xff) % 32;

		if (i < n_blocks && strcmp(blocks[i], block) == 0)
			return true;
	}
	return false;
}

static void
run(const struct gmcsim_profile *a, const struct gmcsim_profile *b, enum gmcsim_fix fix,
    const struct gmcsim_swap *swap, unsigned cycles, uint32_t mask, struct outcome *out)
{
	struct gmcsim_config cfg = {
		.from = a, .to = b, .fix = fix, .swap = *swap, .cycles = cycles
	};
	struct gmc_error err;
	struct gmcsim_run *r;

	memset(out, 0, sizeof(*out));
	FUZZ_CHECK(gmcsim_run_new(&cfg, &r, &err) == 0, "run_new: %s", err.message);
	for (size_t i = 0; i < n_catalog; i++) {
		if (block_chosen(catalog[i].block, mask))
			FUZZ_CHECK(gmcsim_run_add_site(r, &catalog[i]) == 0, "site refused");
	}
	FUZZ_CHECK(gmcsim_run_execute(r, &err) == 0, "built-in run failed: %s", err.message);
	out->n = gmcsim_run_finding_count(r);
	out->gate = gmcsim_run_migrate_gate(r);
	for (size_t i = 0; i < out->n; i++) {
		const struct gmcsim_finding *f = gmcsim_run_finding_at(r, i);

		FUZZ_CHECK((unsigned)f->kind < GMCSIM_FINDING_KIND_COUNT &&
				   f->severity == gmcsim_finding_kind_severity(f->kind) &&
				   f->count >= 1 && f->block[0],
			   "malformed finding");
		out->kinds[f->kind] += f->count;
	}
	gmcsim_run_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum gmcsim_swap_kind kinds[] = {
		GMCSIM_SWAP_NONE,
		GMCSIM_SWAP_BEFORE_SUSPEND,
		GMCSIM_SWAP_AFTER_BLOCK_SUSPEND,
		GMCSIM_SWAP_AFTER_SUSPEND,
		GMCSIM_SWAP_BEFORE_BLOCK_RESUME,
		GMCSIM_SWAP_AFTER_RESUME,
	};
	struct fuzz_input in = fuzz_input_make(data, size);
	const struct gmcsim_pair *pair =
		gmcsim_pair_builtin_at(fuzz_u8(&in) % gmcsim_pair_builtin_count());
	enum gmcsim_fix fix = (enum gmcsim_fix)(fuzz_u8(&in) % GMCSIM_FIX_COUNT);
	struct gmcsim_swap swap = { .kind = kinds[fuzz_u8(&in) % 6] };
	unsigned cycles = 1 + fuzz_u8(&in) % 2;
	uint32_t mask = fuzz_u32(&in);
	/* parsing the built-in profiles is the slow part: once per pair */
	static struct gmcsim_profile from[16], to[16];
	static bool loaded[16];
	size_t index = (size_t)(pair - gmcsim_pair_builtin_at(0));
	struct outcome o, none;

	FUZZ_CHECK(pair && index < 16, "built-in pair out of range");
	if (!loaded[index]) {
		FUZZ_CHECK(gmcsim_profile_builtin(pair->from, &from[index]) == 0 &&
				   gmcsim_profile_builtin(pair->to, &to[index]) == 0,
			   "built-in pair broken");
		loaded[index] = true;
	}
	const struct gmcsim_profile *a = &from[index], *b = &to[index];
	if (!n_catalog)
		load_catalog();
	/* a block-named swap point names one of the catalog's blocks */
	memcpy(swap.block, catalog[fuzz_u8(&in) % n_catalog].block, sizeof(swap.block));

	run(a, b, fix, &swap, cycles, mask, &o);
	if (swap.kind == GMCSIM_SWAP_NONE) {
		/* nothing moved: nothing stale */
		for (unsigned k = GMCSIM_STALE_MC; k <= GMCSIM_CROSS_SEGMENT; k++)
			FUZZ_CHECK(o.kinds[k] == 0, "%s without a swap",
				   gmcsim_finding_kind_name(k));
	}
	if (fix == GMCSIM_FIX_UPSTREAM && !o.gate) {
		/* a closed gate behaves like the driver before the series */
		run(a, b, GMCSIM_FIX_NONE, &swap, cycles, mask, &none);
		FUZZ_CHECK(memcmp(o.kinds, none.kinds, sizeof(o.kinds)) == 0,
			   "upstream with its gate closed differs from none");
	}
	return 0;
}
