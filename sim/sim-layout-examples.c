/* SPDX-License-Identifier: MIT */
/*
 * The four worked examples of gmc-address-math.md §9 as layout requests.
 * Register values, memsize, BAR size and BO pages are the ones §9 states;
 * where §9 leaves an input open the comment says what is assumed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim-layout.h"

#define MAX_EXAMPLE_BOS 2
#define MIB(x) ((uint64_t)(x) << 20)
#define GIB(x) ((uint64_t)(x) << 30)
/* TTM offsets count 4 KiB CPU pages (§7, "Units") */
#define TTM_PAGE(n) ((uint64_t)(n) << 12)

struct gmcsim_example {
	const char *name;
	const char *summary;
	const char *gc;
	uint32_t regs[GMC_REG_COUNT];
	uint64_t vram_size;
	uint64_t visible_vram_size;
	bool sriov;
	bool connected_to_cpu;
	uint64_t bo[MAX_EXAMPLE_BOS];
	size_t n_bo;
};

static const struct gmcsim_example examples[] = {
	{
		/* Example 1: get_memsize = 32752 MiB, resized BAR = 32 GiB, BO at page 0x1234 */
		.name = "vega20-hive",
		.summary = "Example 1: Vega20 (GC 9.4.0), XGMI hive of 4, node 2, 32 GiB segments",
		.gc = "9.4.0",
		.regs = {
			[GMC_REG_FB_LOCATION_BASE] = 0x8000,
			[GMC_REG_FB_LOCATION_TOP] = 0x9fff,
			[GMC_REG_FB_OFFSET] = 0,
			[GMC_REG_XGMI_LFB_CNTL] = 0x32,
			[GMC_REG_XGMI_LFB_SIZE] = 0x800,
		},
		.vram_size = MIB(32752),
		.visible_vram_size = GIB(32),
		.bo = { TTM_PAGE(0x1234) },
		.n_bo = 1,
	},
	{
		/* Example 2: get_memsize = 16384 MiB; no BAR size given, so the BAR covers
		 * all of VRAM; BO at page 0x100 */
		.name = "navi21",
		.summary = "Example 2: Navi21 (GC 10.3.0), single GPU with 16 GiB",
		.gc = "10.3.0",
		.regs = {
			[GMC_REG_FB_LOCATION_BASE] = 0x8000,
			[GMC_REG_FB_OFFSET] = 0,
		},
		.vram_size = MIB(16384),
		.visible_vram_size = GMC_VISIBLE_ALL,
		.bo = { TTM_PAGE(0x100) },
		.n_bo = 1,
	},
	{
		/* Example 3: §9 gives no memsize; assumed = the 64 GiB segment, each node's
		 * VRAM. FB_LOCATION_BASE/TOP are not given: sysvm does not use them. BO at
		 * page 0x400. */
		.name = "aldebaran-a-a",
		.summary = "Example 3: Aldebaran (GC 9.4.2) connected to the CPU (sysvm), "
			   "8-node hive, node 5",
		.gc = "9.4.2",
		.regs = {
			[GMC_REG_FB_OFFSET] = 0x20000,
			[GMC_REG_XGMI_LFB_CNTL] = 0x75,
			[GMC_REG_XGMI_LFB_SIZE] = 0x1000,
		},
		.vram_size = GIB(64),
		.visible_vram_size = GMC_VISIBLE_ALL,
		.connected_to_cpu = true,
		.bo = { TTM_PAGE(0x400) },
		.n_bo = 1,
	},
	{
		/* Example 4, the boot state (node 2): mc_vram_size 0x17_F000_0000, FB_OFFSET 0,
		 * FB_LOCATION_BASE 0x1000; BO at page 0x400 */
		.name = "gc944-migrate",
		.summary = "Example 4: GC 9.4.4 SR-IOV VF with XGMI node migration, boot on node 2",
		.gc = "9.4.4",
		.regs = {
			[GMC_REG_FB_LOCATION_BASE] = 0x1000,
			[GMC_REG_FB_OFFSET] = 0,
			[GMC_REG_XGMI_LFB_CNTL] = 0x72,
			[GMC_REG_XGMI_LFB_SIZE] = 0x17f8,
		},
		.vram_size = UINT64_C(0x17f0000000),
		.visible_vram_size = GMC_VISIBLE_ALL,
		.sriov = true,
		.bo = { TTM_PAGE(0x400) },
		.n_bo = 1,
	},
};

#define N_EXAMPLES (sizeof(examples) / sizeof(examples[0]))

size_t
gmcsim_example_count(void)
{
	return N_EXAMPLES;
}

const struct gmcsim_example *
gmcsim_example_at(size_t index)
{
	return index < N_EXAMPLES ? &examples[index] : NULL;
}

const struct gmcsim_example *
gmcsim_example_find(const char *name)
{
	for (size_t i = 0; name && i < N_EXAMPLES; i++) {
		if (strcmp(examples[i].name, name) == 0)
			return &examples[i];
	}
	return NULL;
}

const char *
gmcsim_example_name(const struct gmcsim_example *ex)
{
	return ex->name;
}

const char *
gmcsim_example_summary(const struct gmcsim_example *ex)
{
	return ex->summary;
}

int
gmcsim_example_apply(const struct gmcsim_example *ex, struct gmcsim_layout_req *req,
		     struct gmc_error *err)
{
	int rc = gmc_asic_find(ex->gc, &req->asic, err);

	if (rc)
		return rc;
	memcpy(req->regs.value, ex->regs, sizeof(req->regs.value));
	req->params.vram_size = ex->vram_size;
	req->have_vram_size = true;
	req->params.visible_vram_size = ex->visible_vram_size;
	req->params.sriov = ex->sriov;
	req->params.connected_to_cpu = ex->connected_to_cpu;
	gmcsim_layout_req_clear_bos(req);
	for (size_t i = 0; i < ex->n_bo; i++) {
		rc = gmcsim_layout_req_add_bo(req, ex->bo[i]);
		if (rc) {
			if (err) {
				err->code = rc;
				snprintf(err->message, sizeof(err->message), "out of memory");
			}
			return rc;
		}
	}
	return 0;
}
