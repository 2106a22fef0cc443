/* SPDX-License-Identifier: MIT */
/*
 * The RFC's three caller patterns ("Enable resume with different AMD SRIOV
 * vGPUs", Jan 2025) on one BO each, across a vGPU swap that moves the XGMI
 * node: written only against the installed libgmc headers, as a test
 * harness would be. Build: cc rfc-patterns.c $(pkg-config --cflags --libs gmc)
 *
 * The device is a GC 9.4.3 SR-IOV VF in an 8-node hive with 0x17f8 << 24
 * byte segments: the driver keeps the FB layout there, so vram_start is
 * fb_base + node * segment and moves with the node (gmc-address-math.md §3).
 */
#include <inttypes.h>
#include <stdio.h>

#include <gmc/gmc.h>

#define BO_SIZE (64 * 1024)

static int failures;

#define expect(cond, ...)                                           \
	do {                                                        \
		if (!(cond)) {                                      \
			failures++;                                 \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__);                        \
			printf("\n");                               \
		}                                                   \
	} while (0)

static int
layout_at_node(unsigned node, struct gmc_layout *out)
{
	const struct gmc_asic *asic;
	struct gmc_regs regs = { { 0 } };
	struct gmc_params params;
	struct gmc_error err;

	if (gmc_asic_find("gc943", &asic, &err))
		return -1;
	gmc_params_init(&params);
	params.sriov = true;
	params.vram_size = UINT64_C(0x17f0000000);
	regs.value[GMC_REG_FB_LOCATION_BASE] = 0x1000;
	regs.value[GMC_REG_FB_LOCATION_TOP] = 0xcfff;
	regs.value[GMC_REG_XGMI_LFB_CNTL] = 0x70 | node; /* 8 nodes, this one is @node */
	regs.value[GMC_REG_XGMI_LFB_SIZE] = 0x17f8;
	if (gmc_layout_compute(asic, &regs, &params, out, &err)) {
		printf("layout: %s\n", err.message);
		return -1;
	}
	return 0;
}

static size_t
count(struct gmc_dev *dev, enum gmc_event_kind kind)
{
	return gmc_dev_event_kind_count(dev, kind);
}

int
main(void)
{
	struct gmc_layout node2, node5;
	struct gmc_dev *dev;
	struct gmc_bo *p1 = NULL, *p2 = NULL, *p3 = NULL;
	struct gmc_addr p1_addr, p2_addr, p3_addr, p3_first;
	struct gmc_addr_status st;

	if (layout_at_node(2, &node2) || layout_at_node(5, &node5) || gmc_dev_new(&node2, &dev))
		return 99;

	/* sw_init: pattern 3 creates once and caches */
	gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p3, &p3_addr, NULL);
	p3_first = p3_addr;
	/* hw_init: patterns 1 and 2 create in the hw path */
	gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p1, &p1_addr, NULL);
	gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p2, &p2_addr, NULL);

	/* suspend: pattern 1 frees its BO, with in_suspend already set */
	gmc_dev_suspend(dev);
	gmc_bo_free_kernel(dev, &p1, &p1_addr, NULL);
	expect(count(dev, GMC_EVENT_FREE_IN_SUSPEND) == 1, "pattern 1 warns in free_kernel");

	/* hibernation image written; the guest resumes on the vGPU at node 5 */
	gmc_dev_set_layout(dev, &node5);

	/* resume: patterns 1 and 2 create again */
	gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p1, &p1_addr, NULL);
	gmc_bo_create_kernel(dev, BO_SIZE, 0, GMC_DOMAIN_VRAM, &p2, &p2_addr, NULL);
	gmc_dev_resume(dev);

	/* pattern 1: a fresh address */
	gmc_addr_check(dev, &p1_addr, &st);
	expect(!st.stale, "pattern 1 address is fresh");
	/* pattern 2: a fresh address, but pinned twice */
	gmc_addr_check(dev, &p2_addr, &st);
	expect(!st.stale, "pattern 2 address is fresh");
	expect(gmc_bo_pin_count(p2) == 2, "pattern 2 pin_count %u", gmc_bo_pin_count(p2));
	/* pattern 3: the cached address is stale; vram_start moved by 3 segments */
	gmc_addr_check(dev, &p3_addr, &st);
	expect(st.stale && (st.causes & GMC_CAUSE_VRAM_START), "pattern 3 is stale");
	expect(st.fresh == st.cached + 3 * UINT64_C(0x17f8000000),
	       "fresh 0x%" PRIx64 " = cached 0x%" PRIx64 " + 3 segments", st.fresh, st.cached);
	expect(p3_first.value == p3_addr.value, "the cache was never refreshed");
	printf("pattern 3: cached 0x%" PRIx64 " fresh 0x%" PRIx64 " (%s)\n", st.cached, st.fresh,
	       gmc_cause_name(st.causes & GMC_CAUSE_VRAM_START));

	/* sw_fini: pattern 2's free unpins once; the BO is released still pinned */
	gmc_bo_free_kernel(dev, &p1, &p1_addr, NULL);
	gmc_bo_free_kernel(dev, &p2, &p2_addr, NULL);
	gmc_bo_free_kernel(dev, &p3, &p3_addr, NULL);
	expect(count(dev, GMC_EVENT_RELEASE_PINNED) == 1, "pattern 2 releases a pinned BO");

	for (size_t i = 0; i < gmc_dev_event_count(dev); i++) {
		struct gmc_event ev;

		gmc_dev_event_at(dev, i, &ev);
		printf("event %zu: %s in %s (BO %u)\n", i, gmc_event_kind_name(ev.kind), ev.call,
		       ev.bo_id);
	}
	gmc_dev_free(dev);
	printf("%s\n", failures ? "FAILED" : "all three patterns behave as the RFC says");
	return failures ? 1 : 0;
}
