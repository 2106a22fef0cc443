/* SPDX-License-Identifier: MIT */
/*
 * The BO lifecycle at scale: thousands of live BOs, thousands of layout
 * generations. Reports BO operations and provenance checks per second, and
 * that steady-state churn allocates nothing beyond the BOs themselves.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <gmc/gmc.h>

#include "bench-util.h"

#define N_BOS 4096

static int
layout_at_node(unsigned node, struct gmc_layout *out)
{
	const struct gmc_asic *asic;
	struct gmc_regs regs = { { 0 } };
	struct gmc_params params;

	gmc_asic_find("gc943", &asic, NULL);
	gmc_params_init(&params);
	params.sriov = true;
	params.vram_size = UINT64_C(0x17f0000000);
	regs.value[GMC_REG_FB_LOCATION_BASE] = 0x1000;
	regs.value[GMC_REG_FB_LOCATION_TOP] = 0xcfff;
	regs.value[GMC_REG_XGMI_LFB_CNTL] = 0x70 | node;
	regs.value[GMC_REG_XGMI_LFB_SIZE] = 0x17f8;
	return gmc_layout_compute(asic, &regs, &params, out, NULL);
}

int
main(int argc, char **argv)
{
	unsigned generations = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 4096;
	static struct gmc_bo *bos[N_BOS];
	static struct gmc_addr addrs[N_BOS];
	struct gmc_layout layouts[8];
	struct gmc_dev *dev;
	uint64_t seed = 1, ops = 0, checks = 0, stale = 0, allocs = 0, steady;
	double t0, t_ops = 0, t_checks = 0;

	for (unsigned n = 0; n < 8; n++) {
		if (layout_at_node(n, &layouts[n]))
			return 2;
	}
	if (gmc_dev_new(&layouts[0], &dev))
		return 2;
	bench_pin_to_one_core();

	/* fill: N_BOS pinned VRAM/GTT BOs of 4 KiB to 1 MiB */
	t0 = bench_now();
	for (unsigned i = 0; i < N_BOS; i++) {
		uint64_t size = (1 + bench_rand(&seed) % 256) << 12;
		unsigned dom = (i & 3) ? GMC_DOMAIN_VRAM : GMC_DOMAIN_GTT;

		if (gmc_bo_create_kernel(dev, size, 0, dom, &bos[i], &addrs[i], NULL))
			return 3;
		ops++;
	}
	t_ops += bench_now() - t0;

	for (unsigned g = 0; g < generations; g++) {
		/* the second half is steady state: the free-range tree stopped growing */
		if (g == generations / 2)
			allocs = bench_alloc_count();
		/* churn: free and re-create a few BOs, pin/unpin others */
		t0 = bench_now();
		for (unsigned k = 0; k < 64; k++) {
			unsigned i = (unsigned)(bench_rand(&seed) % N_BOS);
			uint64_t size = (1 + bench_rand(&seed) % 256) << 12;

			gmc_bo_free_kernel(dev, &bos[i], &addrs[i], NULL);
			gmc_bo_create_kernel(dev, size, 0, GMC_DOMAIN_VRAM, &bos[i], &addrs[i],
					     NULL);
			gmc_bo_reserve(dev, bos[i]);
			gmc_bo_pin(dev, bos[i], GMC_DOMAIN_VRAM);
			gmc_bo_unpin(dev, bos[i]);
			gmc_bo_unreserve(dev, bos[i]);
			ops += 5;
		}
		gmc_dev_set_layout(dev, &layouts[g % 8]);
		ops++;
		t_ops += bench_now() - t0;

		/* check every cached address against the new layout */
		t0 = bench_now();
		for (unsigned i = 0; i < N_BOS; i++) {
			struct gmc_addr_status st;

			gmc_addr_check(dev, &addrs[i], &st);
			stale += st.stale;
		}
		checks += N_BOS;
		t_checks += bench_now() - t0;
	}
	allocs = bench_alloc_count() - allocs;
	steady = 64 * (generations - generations / 2);

	printf("BO operations: %12.0f per second (%" PRIu64 " ops, %u live BOs, %u generations)\n",
	       (double)ops / t_ops, ops, N_BOS, generations);
	printf("checks:        %12.0f per second (%" PRIu64 " checks, %" PRIu64 " stale)\n",
	       (double)checks / t_checks, checks, stale);
	/* each free + create releases one BO and allocates one: the BO itself */
	printf("heap allocations in steady state: %" PRIu64 " for %" PRIu64 " re-created BOs\n",
	       allocs, steady);
	gmc_dev_free(dev);
	return allocs <= steady ? 0 : 1;
}
