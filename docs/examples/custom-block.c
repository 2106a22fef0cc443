/* SPDX-License-Identifier: MIT */
/*
 * A test harness's own IP block, written in C against libgmcsim: it
 * creates a kernel BO in sw_init, caches its MC address like half the
 * driver does (pattern 3), and programs it into "hardware" on every
 * hw_init and resume. The harness runs it across the gc944 node 2 -> 5
 * swap with the driver before any fix and with the 6.17 series, and reads
 * the findings back as structs.
 * Build: cc custom-block.c $(pkg-config --cflags --libs gmcsim)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <gmc/gmcsim.h>

struct my_block {
	struct gmc_bo *ring;
	struct gmc_addr ring_addr; /* the cached copy */
};

static int
my_hook(struct gmcsim_run *run, enum gmcsim_hook hook, void *data)
{
	struct my_block *b = data;
	struct gmc_dev *dev = gmcsim_run_dev(run);

	switch (hook) {
	case GMCSIM_HOOK_SW_INIT:
		return gmc_bo_create_kernel(dev, 64 * 1024, 0, GMC_DOMAIN_VRAM, &b->ring,
					    &b->ring_addr, NULL);
	case GMCSIM_HOOK_HW_INIT:
	case GMCSIM_HOOK_RESUME:
		/* RING_BASE = the cached address */
		return gmcsim_run_consume(run, "myip", "ring", GMCSIM_CACHE_FIELD, &b->ring_addr);
	case GMCSIM_HOOK_SW_FINI:
		gmc_bo_free_kernel(dev, &b->ring, &b->ring_addr, NULL);
		return 0;
	default:
		return 0;
	}
}

/* Run the block alone across the swap; return how many stale-mc findings it got. */
static int
run_with(enum gmcsim_fix fix, const struct gmcsim_profile *a, const struct gmcsim_profile *b)
{
	struct my_block state = { 0 };
	struct gmcsim_block_ops ops = { .name = "myip", .hook = my_hook, .data = &state };
	struct gmcsim_config cfg = {
		.from = a,
		.to = b,
		.fix = fix,
		.swap = { .kind = GMCSIM_SWAP_AFTER_SUSPEND },
		.cycles = 1,
	};
	struct gmc_error err;
	struct gmcsim_run *run;
	int stale = 0;

	if (gmcsim_run_new(&cfg, &run, &err) || gmcsim_run_add_block(run, &ops) ||
	    gmcsim_run_execute(run, &err)) {
		printf("run failed: %s\n", err.message);
		gmcsim_run_free(run);
		return -1;
	}
	for (size_t i = 0; i < gmcsim_run_finding_count(run); i++) {
		const struct gmcsim_finding *f = gmcsim_run_finding_at(run, i);

		if (strcmp(f->block, "myip") != 0)
			continue;
		printf("  %s: %s %s/%s at %s: cached 0x%" PRIx64 ", now 0x%" PRIx64 "\n",
		       gmcsim_fix_name(fix), gmcsim_finding_kind_name(f->kind), f->block, f->site,
		       f->step, f->cached, f->fresh);
		stale += f->kind == GMCSIM_STALE_MC;
	}
	gmcsim_run_free(run);
	return stale;
}

int
main(void)
{
	struct gmcsim_profile a, b;
	int none, upstream;

	if (gmcsim_profile_builtin("gc944-vf-node2", &a) ||
	    gmcsim_profile_builtin("gc944-vf-node5", &b))
		return 99;
	/* before the fix the VF keeps the FB layout: vram_start moves with the node */
	none = run_with(GMCSIM_FIX_NONE, &a, &b);
	/* with the 6.17 series vram_start is 0 on both: the cached MC stays right */
	upstream = run_with(GMCSIM_FIX_UPSTREAM, &a, &b);
	printf("stale-mc findings: none %d, upstream %d\n", none, upstream);
	return none == 1 && upstream == 0 ? 0 : 1;
}
