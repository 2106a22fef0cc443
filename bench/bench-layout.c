/* SPDX-License-Identifier: MIT */
/*
 * How many full layouts and address conversions one core computes per
 * second, and proof that a layout allocates nothing: malloc and friends are
 * wrapped at link time and counted while the loops run.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gmc/gmc.h>

#include "bench-util.h"

#define N_INPUTS 1024

struct input {
	const struct gmc_asic *asic;
	struct gmc_regs regs;
	struct gmc_params params;
};

static struct input inputs[N_INPUTS];

/* Inputs spread over every part and mode, so no branch is always taken. */
static void
make_inputs(void)
{
	uint64_t seed = 0x9e3779b97f4a7c15u;

	for (size_t i = 0; i < N_INPUTS; i++) {
		struct input *in = &inputs[i];
		const struct gmc_asic *asic = gmc_asic_at(i % gmc_asic_count());
		uint32_t nodes_m1 = (uint32_t)(bench_rand(&seed) % 4);

		in->asic = asic;
		gmc_params_init(&in->params);
		in->params.vram_size = (uint64_t)(1 + bench_rand(&seed) % 64) << 30;
		in->params.agp = (int32_t)(bench_rand(&seed) % 3) - 1;
		in->params.sriov = bench_rand(&seed) & 1;
		in->params.connected_to_cpu = (bench_rand(&seed) % 8) == 0;
		in->regs.value[GMC_REG_FB_LOCATION_BASE] = 0x8000;
		in->regs.value[GMC_REG_FB_LOCATION_TOP] = 0x8000 + 0x800 * (nodes_m1 + 1) - 1;
		in->regs.value[GMC_REG_FB_OFFSET] = (uint32_t)(bench_rand(&seed) % 0x100);
		in->regs.value[GMC_REG_XGMI_LFB_CNTL] =
			(nodes_m1 << 4) | (uint32_t)(bench_rand(&seed) % (nodes_m1 + 1));
		in->regs.value[GMC_REG_XGMI_LFB_SIZE] = 0x800;
	}
}

int
main(int argc, char **argv)
{
	uint64_t iterations = argc > 1 ? strtoull(argv[1], NULL, 0) : 20000000;
	struct gmc_layout layout;
	uint64_t sink = 0, ok = 0, allocs;
	double t0, dt_layout, dt_conv;

	make_inputs();
	bench_pin_to_one_core();

	allocs = bench_alloc_count();
	t0 = bench_now();
	for (uint64_t i = 0; i < iterations; i++) {
		struct input *in = &inputs[i % N_INPUTS];

		if (gmc_layout_compute(in->asic, &in->regs, &in->params, &layout, NULL) == 0) {
			ok++;
			sink += layout.gart_start ^ layout.vram_base_offset;
		}
	}
	dt_layout = bench_now() - t0;
	allocs = bench_alloc_count() - allocs;

	gmc_layout_compute(inputs[2].asic, &inputs[2].regs, &inputs[2].params, &layout, NULL);
	t0 = bench_now();
	for (uint64_t i = 0; i < iterations; i++) {
		uint64_t off = (i & 0xfffff) << 12;

		sink += gmc_mc2pa(&layout, gmc_vram_mc_addr(&layout, off)) ^
			gmc_fb_aper_addr(&layout, off);
	}
	dt_conv = bench_now() - t0;

	printf("layouts:     %12.0f per second (%" PRIu64 " computed, %" PRIu64 " refused)\n",
	       (double)iterations / dt_layout, ok, iterations - ok);
	printf("conversions: %12.0f per second (MC + PA + FB aperture of one BO)\n",
	       (double)iterations / dt_conv);
	printf("heap allocations during the layout loop: %" PRIu64 "\n", allocs);
	printf("(checksum %" PRIx64 ")\n", sink);
	return allocs == 0 ? 0 : 1;
}
