/* SPDX-License-Identifier: MIT */
/*
 * vGPU profiles: every built-in parses and round-trips, its layout is the
 * one the reference's worked examples give (gmc-address-math.md §9, hand
 * derivations next to each value), each pair differs in exactly what its
 * name says, malformed profiles fail naming the key, and the register file
 * serves the values at the offsets of §1.1.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <gmc/gmcsim.h>

#include "test-util.h"

/* The batch-line reader (sim/sim-layout-input.c), to hold the profile reader against it. */
#include "sim-layout.h"

/* The worked examples' BO: TTM page 0x400 (§9, Examples 3 and 4). */
#define BO_OFFSET UINT64_C(0x400000)

/* issue 10 adds a multi-VF gc944 pair, a GC 9.5.0 pair and a GC 11 VF pair */
static const char *const builtin_names[] = {
	"gc944-vf-node2",  "gc944-vf-node5",  "gc943-vf-node2",		"gc943-vf-node5",
	"vega20-node1",	   "vega20-node3",    "aldebaran-a-a-node2",	"aldebaran-a-a-node5",
	"navi21-vf-a",	   "navi21-vf-b",     "gc944-vf-node2-otherid", "gc944-vf-node2-otherbar",
	"gc944-mvf-node2", "gc944-mvf-node5", "gc950-vf-node2",		"gc950-vf-node5",
	"gc1100-vf-a",	   "gc1100-vf-b",
};

#define N_BUILTINS (sizeof(builtin_names) / sizeof(builtin_names[0]))

static struct gmcsim_profile
profile_get(const char *name)
{
	struct gmcsim_profile p;
	int rc;

	memset(&p, 0, sizeof(p));
	rc = gmcsim_profile_builtin(name, &p);
	if (rc != 0)
		fail_msg("gmcsim_profile_builtin(\"%s\") = %d", name, rc);
	return p;
}

static struct gmcsim_profile
parse_ok(const char *json)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	int rc;

	memset(&p, 0, sizeof(p));
	rc = gmcsim_profile_parse(json, &p, &err);
	if (rc != 0)
		fail_msg("gmcsim_profile_parse = %d (%s) for %s", rc, err.message, json);
	return p;
}

/*
 * Append to @out the name of every field in which @a and @b differ, the
 * vGPU's name and description excepted ("a,b,c"). Field by field, so
 * padding and bytes after a string's NUL never count.
 */
static void
profile_diff(const struct gmcsim_profile *a, const struct gmcsim_profile *b, char *out, size_t len)
{
#define DIFF(cond, name)                                                                 \
	do {                                                                             \
		if (cond) {                                                              \
			size_t used = strlen(out);                                       \
			snprintf(out + used, len - used, "%s%s", used ? "," : "", name); \
		}                                                                        \
	} while (0)
	char name[48];

	out[0] = '\0';
	DIFF(a->asic != b->asic, "asic");
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		snprintf(name, sizeof(name), "regs.%s", gmc_reg_name((enum gmc_reg)r));
		DIFF(a->regs.value[r] != b->regs.value[r], name);
	}
	DIFF(a->params.vram_size != b->params.vram_size, "vram_size");
	DIFF(a->params.visible_vram_size != b->params.visible_vram_size, "visible_vram_size");
	DIFF(a->params.gart_size_mb != b->params.gart_size_mb, "gart_size_mb");
	DIFF(a->params.agp != b->params.agp, "agp");
	DIFF(a->params.vramlimit_mb != b->params.vramlimit_mb, "vramlimit_mb");
	DIFF(a->params.vis_vramlimit_mb != b->params.vis_vramlimit_mb, "vis_vramlimit_mb");
	DIFF(a->params.smu_prv_buffer_size != b->params.smu_prv_buffer_size, "smu_prv_buffer_size");
	DIFF(a->params.sriov != b->params.sriov, "sriov");
	DIFF(a->params.connected_to_cpu != b->params.connected_to_cpu, "connected_to_cpu");
	DIFF(a->params.pre_6_17 != b->params.pre_6_17, "pre_6_17");
	DIFF(a->pci.vendor != b->pci.vendor, "pci.vendor");
	DIFF(a->pci.device != b->pci.device, "pci.device");
	DIFF(a->pci.revision != b->pci.revision, "pci.revision");
	DIFF(a->pci.subsystem_vendor != b->pci.subsystem_vendor, "pci.subsystem_vendor");
	DIFF(a->pci.subsystem_device != b->pci.subsystem_device, "pci.subsystem_device");
	DIFF(strcmp(a->pci.bus, b->pci.bus) != 0, "pci.bus");
	DIFF(a->pci.is_vf != b->pci.is_vf, "pci.vf");
	DIFF(a->pci.n_bars != b->pci.n_bars, "pci.n_bars");
	for (unsigned i = 0; i < a->pci.n_bars && i < b->pci.n_bars; i++) {
		const struct gmcsim_bar *x = &a->pci.bars[i], *y = &b->pci.bars[i];

		snprintf(name, sizeof(name), "pci.bars[%u].index", i);
		DIFF(x->index != y->index, name);
		snprintf(name, sizeof(name), "pci.bars[%u].role", i);
		DIFF(x->role != y->role, name);
		snprintf(name, sizeof(name), "pci.bars[%u].address", i);
		DIFF(x->address != y->address, name);
		snprintf(name, sizeof(name), "pci.bars[%u].size", i);
		DIFF(x->size != y->size, name);
		snprintf(name, sizeof(name), "pci.bars[%u].is_64", i);
		DIFF(x->is_64 != y->is_64, name);
		snprintf(name, sizeof(name), "pci.bars[%u].prefetchable", i);
		DIFF(x->prefetchable != y->prefetchable, name);
	}
	DIFF(a->pci.msix_address != b->pci.msix_address, "pci.msix.address");
	DIFF(a->pci.msix_data != b->pci.msix_data, "pci.msix.data");
	DIFF(strcmp(a->identity.serial_number, b->identity.serial_number) != 0,
	     "identity.serial_number");
	DIFF(strcmp(a->identity.unique_id, b->identity.unique_id) != 0, "identity.unique_id");
	DIFF(strcmp(a->identity.xgmi_device_id, b->identity.xgmi_device_id) != 0,
	     "identity.xgmi_device_id");
	DIFF(strcmp(a->identity.fru_id, b->identity.fru_id) != 0, "identity.fru_id");
	/* what the catalog's conditions read (struct gmcsim_ip, struct gmcsim_driver) */
	DIFF(a->ip.mp0 != b->ip.mp0, "ip.mp0");
	DIFF(a->ip.mp1 != b->ip.mp1, "ip.mp1");
	DIFF(a->ip.vcn != b->ip.vcn, "ip.vcn");
	DIFF(a->ip.jpeg != b->ip.jpeg, "ip.jpeg");
	DIFF(a->ip.display != b->ip.display, "ip.display");
	DIFF(a->ip.xcc != b->ip.xcc, "ip.xcc");
	DIFF(a->ip.vcn_inst != b->ip.vcn_inst, "ip.vcn_inst");
	DIFF(a->ip.pg != b->ip.pg, "ip.pg");
	DIFF(a->driver.fw_load != b->driver.fw_load, "driver.fw_load");
	DIFF(a->driver.one_vf != b->driver.one_vf, "driver.one_vf");
	DIFF(memcmp(a->driver.fw, b->driver.fw, sizeof(a->driver.fw)) != 0, "driver.fw");
	DIFF(a->driver.params != b->driver.params, "driver.params");
	DIFF(a->driver.host != b->driver.host, "driver.host");
#undef DIFF
}

static void
assert_same(const struct gmcsim_profile *a, const struct gmcsim_profile *b)
{
	char diff[1024];

	profile_diff(a, b, diff, sizeof(diff));
	if (diff[0])
		fail_msg("%s and %s differ in %s", a->name, b->name, diff);
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->description, b->description);
}

/* ------------------------------------------------------------------ */

static void
test_builtins_listed(void **state)
{
	(void)state;
	assert_int_equal(gmcsim_profile_builtin_count(), N_BUILTINS);
	for (size_t i = 0; i < N_BUILTINS; i++) {
		struct gmcsim_profile p = profile_get(builtin_names[i]);

		assert_string_equal(p.name, builtin_names[i]);
		/* descriptions say what each one models */
		assert_true(strlen(p.description) > 20);
	}
	/* every index names one of them, each once */
	for (size_t i = 0; i < gmcsim_profile_builtin_count(); i++) {
		struct gmcsim_profile p;
		size_t seen = 0;

		assert_int_equal(gmcsim_profile_builtin_at(i, &p), 0);
		for (size_t j = 0; j < N_BUILTINS; j++)
			seen += strcmp(p.name, builtin_names[j]) == 0;
		assert_int_equal(seen, 1);
	}
}

static void
test_builtin_lookup_errors(void **state)
{
	struct gmcsim_profile p;

	(void)state;
	memset(&p, POISON_BYTE, sizeof(p));
	assert_int_equal(gmcsim_profile_builtin_at(gmcsim_profile_builtin_count(), &p), -ENOENT);
	assert_int_equal(gmcsim_profile_builtin("no-such-profile", &p), -ENOENT);
	/* a prefix of a name is not the name */
	assert_int_equal(gmcsim_profile_builtin("gc944-vf", &p), -ENOENT);
	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2.json", &p), -ENOENT);
	assert_true(is_poisoned(&p, sizeof(p)));
	assert_int_equal(gmcsim_profile_builtin(NULL, &p), -EINVAL);
	assert_int_equal(gmcsim_profile_builtin_at(0, NULL), -EINVAL);
}

static void
test_builtins_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < gmcsim_profile_builtin_count(); i++) {
		struct gmcsim_profile p, q, r;
		struct gmc_error err = { 0 };
		char *text = NULL, *again = NULL;

		assert_int_equal(gmcsim_profile_builtin_at(i, &p), 0);
		assert_int_equal(gmcsim_profile_to_json(&p, &text), 0);
		assert_non_null(text);
		q = parse_ok(text);
		assert_same(&p, &q);
		/* serializing the copy gives the same text */
		assert_int_equal(gmcsim_profile_to_json(&q, &again), 0);
		assert_string_equal(text, again);
		/* load() by name finds the same built-in */
		assert_int_equal(gmcsim_profile_load(p.name, &r, &err), 0);
		assert_same(&p, &r);
		free(text);
		free(again);
	}
}

static void
test_to_json_args(void **state)
{
	struct gmcsim_profile p = profile_get("gc944-vf-node2");
	char *text = (char *)&p; /* any non-NULL value: must stay */

	(void)state;
	assert_int_equal(gmcsim_profile_to_json(NULL, &text), -EINVAL);
	assert_int_equal(gmcsim_profile_to_json(&p, NULL), -EINVAL);
	p.asic = NULL;
	assert_int_equal(gmcsim_profile_to_json(&p, &text), -EINVAL);
	assert_ptr_equal(text, (char *)&p);
}

/* ------------------------------------------------------------------ */
/* Layouts of the built-ins                                             */
/* ------------------------------------------------------------------ */

static struct gmc_layout
profile_layout(const struct gmcsim_profile *p)
{
	struct gmc_layout l;
	struct gmc_error err = { 0 };
	int rc;

	memset(&l, 0, sizeof(l));
	rc = gmc_layout_compute(p->asic, &p->regs, &p->params, &l, &err);
	if (rc != 0)
		fail_msg("%s: gmc_layout_compute = %d (%s)", p->name, rc, err.message);
	return l;
}

static struct gmc_bo_addrs
bo_of(const struct gmc_layout *l)
{
	struct gmc_bo_addrs bo;
	struct gmc_error err = { 0 };

	assert_int_equal(gmc_vram_bo_addrs(l, BO_OFFSET, &bo, &err), 0);
	return bo;
}

static void
test_layout_gc944(void **state)
{
	struct gmcsim_profile p2 = profile_get("gc944-vf-node2");
	struct gmcsim_profile p5 = profile_get("gc944-vf-node5");
	struct gmc_layout l;
	struct gmc_bo_addrs bo;

	(void)state;
	/*
	 * Example 4. LFB_CNTL 0x72: MAX 7 → 8 nodes, REGION 2. LFB_SIZE 0x17f8
	 * → seg 0x17f8 << 24 = 0x17_F800_0000. FB_LOCATION_BASE 0x1000 →
	 * fb_start 0x10_0000_0000; TOP 0xcfbf: the hive of 8 × seg =
	 * 0xBF_C000_0000 bytes from fb_start ends at 0xCF_BFFF_FFFF, whose
	 * 16 MiB block is 0xcfbf → fb_end 0xCF_BF00_0000 (migrate leaves it).
	 */
	l = profile_layout(&p2);
	assert_int_equal(l.mode, GMC_MODE_SYSVM_MIGRATE);
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.xgmi.physical_node_id, 2);
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x17f8000000));
	assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
	assert_int_equal(l.fb_end, UINT64_C(0xcfbf000000));
	/* migrate: vram_start 0, vram_end = mc_vram_size - 1 = 0x17_EFFF_FFFF */
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.vram_end, UINT64_C(0x17efffffff));
	/* gart_start = ALIGN(8 × seg, 4 GiB) = ALIGN(0xBF_C000_0000) = 0xC0_0000_0000 */
	assert_int_equal(l.gart_start, UINT64_C(0xc000000000));
	assert_int_equal(l.gart_end, UINT64_C(0xc01fffffff));
	/* vram_base_offset = 0 + 2 × 0x17_F800_0000 = 0x2F_F000_0000 */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
	/* BAR0 128 GiB, clamped to real_vram_size 0x17_F000_0000 in migrate mode */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x17f0000000));
	assert_agp_off(&l);
	/* BO at page 0x400: gpu 0x40_0000, pa 0x2F_F040_0000, fb_aper 0x3F_F040_0000 */
	bo = bo_of(&l);
	assert_int_equal(bo.mc, UINT64_C(0x400000));
	assert_int_equal(bo.pa, UINT64_C(0x2ff0400000));
	assert_int_equal(bo.fb_aper, UINT64_C(0x3ff0400000));

	/* after resume on node 5 (LFB_CNTL 0x75): vram_base_offset 5 × seg = 0x77_D800_0000 */
	l = profile_layout(&p5);
	assert_int_equal(l.xgmi.physical_node_id, 5);
	assert_int_equal(l.vram_start, 0);
	assert_int_equal(l.gart_start, UINT64_C(0xc000000000));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x77d8000000));
	bo = bo_of(&l);
	assert_int_equal(bo.mc, UINT64_C(0x400000));
	assert_int_equal(bo.pa, UINT64_C(0x77d8400000));
	assert_int_equal(bo.fb_aper, UINT64_C(0x87d8400000));
}

static void
test_layout_gc943(void **state)
{
	struct gmcsim_profile p2 = profile_get("gc943-vf-node2");
	struct gmcsim_profile p5 = profile_get("gc943-vf-node5");
	struct gmc_layout l;

	(void)state;
	/*
	 * Example 4's registers on GC 9.4.3: the migrate gate is 9.4.4 only
	 * (§8), so the FB layout runs (§3): base = fb_start + id × seg.
	 * node 2: 0x10_0000_0000 + 2 × 0x17_F800_0000 = 0x3F_F000_0000;
	 * vram_end = base + 0x17_F000_0000 - 1 = 0x57_DFFF_FFFF.
	 */
	l = profile_layout(&p2);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.vram_start, UINT64_C(0x3ff0000000));
	assert_int_equal(l.vram_end, UINT64_C(0x57dfffffff));
	/* an XGMI hive keeps the register's FB window (§4.1) */
	assert_int_equal(l.fb_start, UINT64_C(0x1000000000));
	assert_int_equal(l.fb_end, UINT64_C(0xcfbf000000));
	/*
	 * GART best fit: size_bf = fb_start = 64 GiB >= 512 MiB; size_af =
	 * 0x8000_0000_0000 - ALIGN(0xCF_BF00_0001, 4 GiB) = 0x7F30_0000_0000
	 * > size_bf → gart_start 0.
	 */
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x2ff0000000));
	/* visible = min(BAR0 128 GiB, real 0x17_F000_0000) */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x17f0000000));
	/* a VF never places AGP */
	assert_agp_off(&l);

	/* node 5: base 0x10_0000_0000 + 0x77_D800_0000 = 0x87_D800_0000 */
	l = profile_layout(&p5);
	assert_int_equal(l.vram_start, UINT64_C(0x87d8000000));
	assert_int_equal(l.vram_end, UINT64_C(0x9fc7ffffff));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x77d8000000));
}

static void
test_layout_vega20(void **state)
{
	struct gmcsim_profile p1 = profile_get("vega20-node1");
	struct gmcsim_profile p3 = profile_get("vega20-node3");
	struct gmc_layout l;
	struct gmc_bo_addrs bo;

	(void)state;
	/*
	 * Example 1 with node 1: LFB_CNTL 0x31 → MAX 3 (4 nodes), REGION 1;
	 * seg 0x800 << 24 = 0x8_0000_0000. base = 0x80_0000_0000 + 1 × seg =
	 * 0x88_0000_0000; vram_end = base + 32752 MiB (0x7_FF00_0000) - 1.
	 */
	l = profile_layout(&p1);
	assert_int_equal(l.mode, GMC_MODE_FB);
	assert_int_equal(l.xgmi.num_physical_nodes, 4);
	assert_int_equal(l.xgmi.physical_node_id, 1);
	assert_int_equal(l.xgmi.node_segment_size, UINT64_C(0x800000000));
	assert_int_equal(l.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(l.fb_end, UINT64_C(0x9fff000000));
	assert_int_equal(l.vram_start, UINT64_C(0x8800000000));
	assert_int_equal(l.vram_end, UINT64_C(0x8ffeffffff));
	/* visible = min(BAR0 32 GiB, 32752 MiB) = 0x7_FF00_0000 (Example 1) */
	assert_int_equal(l.visible_vram_size, UINT64_C(0x7ff000000));
	/* Example 1's GART: size_bf 0x80_0000_0000 < size_af 0x7F60_0000_0000 → 0 */
	assert_int_equal(l.gart_start, 0);
	assert_int_equal(l.gart_end, UINT64_C(0x1fffffff));
	assert_agp_off(&l);
	/* vram_base_offset = 1 × seg */
	assert_int_equal(l.vram_base_offset, UINT64_C(0x800000000));
	/* BO at 0x40_0000: mc 0x88_0040_0000, pa 0x8_0040_0000 */
	bo = bo_of(&l);
	assert_int_equal(bo.mc, UINT64_C(0x8800400000));
	assert_int_equal(bo.pa, UINT64_C(0x800400000));

	/* node 3 (0x33): base 0x80_0000_0000 + 3 × seg = 0x98_0000_0000 */
	l = profile_layout(&p3);
	assert_int_equal(l.xgmi.physical_node_id, 3);
	assert_int_equal(l.vram_start, UINT64_C(0x9800000000));
	assert_int_equal(l.vram_end, UINT64_C(0x9ffeffffff));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x1800000000));
	assert_int_equal(l.gart_start, 0);
}

static void
test_layout_aldebaran(void **state)
{
	struct gmcsim_profile p2 = profile_get("aldebaran-a-a-node2");
	struct gmcsim_profile p5 = profile_get("aldebaran-a-a-node5");
	struct gmc_layout l;
	struct gmc_bo_addrs bo;

	(void)state;
	/*
	 * Example 3 exactly (node 5): LFB_CNTL 0x75 → 8 nodes, id 5; seg
	 * 0x1000 << 24 = 0x10_0000_0000. sysvm: vram_start = 5 × seg =
	 * 0x50_0000_0000, vram_end 0x5F_FFFF_FFFF; fb 0 .. 8 × seg - 1 =
	 * 0x7F_FFFF_FFFF; gart_start ALIGN(0x80_0000_0000, 4 GiB).
	 * vram_base_offset = (0x20000 << 24) + 5 × seg = 0x250_0000_0000.
	 */
	l = profile_layout(&p5);
	assert_int_equal(l.mode, GMC_MODE_SYSVM);
	assert_true(l.xgmi.connected_to_cpu);
	assert_int_equal(l.xgmi.num_physical_nodes, 8);
	assert_int_equal(l.xgmi.physical_node_id, 5);
	assert_int_equal(l.vram_start, UINT64_C(0x5000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x5fffffffff));
	assert_int_equal(l.fb_start, 0);
	assert_int_equal(l.fb_end, UINT64_C(0x7fffffffff));
	assert_int_equal(l.gart_start, UINT64_C(0x8000000000));
	assert_int_equal(l.gart_end, UINT64_C(0x801fffffff));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x25000000000));
	assert_agp_off(&l);
	/* BO at page 0x400: gpu 0x50_0040_0000, pa 0x250_0040_0000 (Example 3) */
	bo = bo_of(&l);
	assert_int_equal(bo.mc, UINT64_C(0x5000400000));
	assert_int_equal(bo.pa, UINT64_C(0x25000400000));

	/* node 2 (0x72): vram_start 2 × seg, vram_base_offset 0x200_0000_0000 + 2 × seg */
	l = profile_layout(&p2);
	assert_int_equal(l.xgmi.physical_node_id, 2);
	assert_int_equal(l.vram_start, UINT64_C(0x2000000000));
	assert_int_equal(l.vram_end, UINT64_C(0x2fffffffff));
	assert_int_equal(l.gart_start, UINT64_C(0x8000000000));
	assert_int_equal(l.vram_base_offset, UINT64_C(0x22000000000));
}

static void
test_layout_navi21(void **state)
{
	struct gmcsim_profile a = profile_get("navi21-vf-a");
	struct gmcsim_profile b = profile_get("navi21-vf-b");
	struct gmc_layout la, lb;
	struct gmc_bo_addrs bo;

	(void)state;
	/*
	 * Example 2's FB on a 15 GiB VF: base = 0x8000 << 24 = 0x80_0000_0000,
	 * vram_end = base + 0x3_C000_0000 - 1 = 0x83_BFFF_FFFF; fb = vram (no
	 * XGMI). GART: size_bf 0x80_0000_0000, size_af = 0x8000_0000_0000 -
	 * ALIGN(0x83_C000_0000, 4 GiB) = 0x7F7C_0000_0000 → gart_start 0.
	 */
	la = profile_layout(&a);
	assert_int_equal(la.mode, GMC_MODE_FB);
	assert_int_equal(la.xgmi.num_physical_nodes, 0);
	assert_int_equal(la.vram_start, UINT64_C(0x8000000000));
	assert_int_equal(la.vram_end, UINT64_C(0x83bfffffff));
	assert_int_equal(la.fb_start, UINT64_C(0x8000000000));
	assert_int_equal(la.fb_end, UINT64_C(0x83bfffffff));
	assert_int_equal(la.gart_start, 0);
	/* visible = min(BAR0 16 GiB, 15 GiB) */
	assert_int_equal(la.visible_vram_size, UINT64_C(0x3c0000000));
	/* v10 has no SR-IOV special case: vram_base_offset = FB_OFFSET << 24 (§5 step 7) */
	assert_int_equal(la.vram_base_offset, UINT64_C(0x40000000));
	bo = bo_of(&la);
	assert_int_equal(bo.mc, UINT64_C(0x8000400000));
	assert_int_equal(bo.pa, UINT64_C(0x40400000));

	/* vf-b: FB_OFFSET 0x400 << 24 = 0x4_0000_0000; MC addresses unchanged */
	lb = profile_layout(&b);
	assert_int_equal(lb.vram_start, la.vram_start);
	assert_int_equal(lb.gart_start, la.gart_start);
	assert_int_equal(lb.vram_base_offset, UINT64_C(0x400000000));
	bo = bo_of(&lb);
	assert_int_equal(bo.mc, UINT64_C(0x8000400000));
	assert_int_equal(bo.pa, UINT64_C(0x400400000));
}

static void
test_layout_variants(void **state)
{
	struct gmcsim_profile base = profile_get("gc944-vf-node2");
	struct gmc_layout l0 = profile_layout(&base);

	(void)state;
	/* identity and BAR addresses are invisible to the address math */
	for (int i = 0; i < 2; i++) {
		struct gmcsim_profile v =
			profile_get(i ? "gc944-vf-node2-otherbar" : "gc944-vf-node2-otherid");
		struct gmc_layout l = profile_layout(&v);

		assert_int_equal(l.vram_start, l0.vram_start);
		assert_int_equal(l.gart_start, l0.gart_start);
		assert_int_equal(l.vram_base_offset, l0.vram_base_offset);
		assert_int_equal(l.visible_vram_size, l0.visible_vram_size);
	}
}

/*
 * What the catalog's conditions read of each built-in, from the part's
 * defaults (part-facts.md, catalog-audit.md §4) and what the profile states.
 */
static void
test_builtin_facts(void **state)
{
	static const struct {
		const char *name;
		uint32_t mp0, vcn;
		bool display, one_vf;
		unsigned xcc, vcn_inst, pg, params;
	} want[] = {
		/*
		 * GC 9.4.4: psp_13_0_14_sos.bin and vcn_4_0_3.bin in a 9.4.4 dmesg
		 * (audit §4 L1); no DCE (amdgpu_device_has_display_hardware false);
		 * 8 XCCs and one VCN per AID, 4 AIDs; soc15_common_early_init sets
		 * VCN_DPG; one-VF as the profile states; MCBP forced on a VF
		 * (amdgpu_device_set_mcbp)
		 */
		{ "gc944-vf-node2", GMC_IP_VERSION(13, 0, 14), GMC_IP_VERSION(4, 0, 3), false, true,
		  8, 4, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
		/* the same part as one CPX partition in multi-VF mode (its description) */
		{ "gc944-mvf-node2", GMC_IP_VERSION(13, 0, 14), GMC_IP_VERSION(4, 0, 3), false,
		  false, 1, 1, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
		/* GC 9.4.3: MP0 13.0.6 and VCN 4.0.3 (the kernel's dGPU table) */
		{ "gc943-vf-node2", GMC_IP_VERSION(13, 0, 6), GMC_IP_VERSION(4, 0, 3), false, true,
		  8, 4, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
		/* GC 9.5.0: MP0 13.0.12 (inferred), VCN 5.0.1 (vcn_v5_0_1 in discovery) */
		{ "gc950-vf-node2", GMC_IP_VERSION(13, 0, 12), GMC_IP_VERSION(5, 0, 1), false, true,
		  8, 2, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
		/*
		 * GC 11.0.0: MP0 13.0.0, VCN 4.0.0, DCN 3.2.0 (display); the profile
		 * states no one-VF mode; soc21_common_early_init: VCN_DPG, no JPEG_DPG
		 */
		{ "gc1100-vf-a", GMC_IP_VERSION(13, 0, 0), GMC_IP_VERSION(4, 0, 0), true, false, 1,
		  1, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
		/* Vega20's hard-coded table: MP0 11.0.2, UVD/VCE (no VCN), DCI not DCE, no pg */
		{ "vega20-node1", GMC_IP_VERSION(11, 0, 2), 0, false, false, 1, 0, 0, 0 },
		/* Aldebaran's: MP0 13.0.2, VCN 2.6.0 x 2, no display; VCN_DPG only */
		{ "aldebaran-a-a-node2", GMC_IP_VERSION(13, 0, 2), GMC_IP_VERSION(2, 6, 0), false,
		  false, 1, 2, GMCSIM_PG_VCN_DPG, 0 },
		/* Navi21: MP0 11.0.7 (sienna_cichlid firmware), VCN 3.0.0, DCN 3.0 */
		{ "navi21-vf-a", GMC_IP_VERSION(11, 0, 7), GMC_IP_VERSION(3, 0, 0), true, false, 1,
		  1, GMCSIM_PG_VCN_DPG, GMCSIM_PARAM_MCBP },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct gmcsim_profile p = profile_get(want[i].name);

		if (p.ip.mp0 != want[i].mp0 || p.ip.vcn != want[i].vcn ||
		    p.ip.display != want[i].display || p.driver.one_vf != want[i].one_vf ||
		    p.ip.xcc != want[i].xcc || p.ip.vcn_inst != want[i].vcn_inst ||
		    p.ip.pg != want[i].pg || p.driver.params != want[i].params)
			fail_msg("%s: mp0 %#x vcn %#x display %d one_vf %d xcc %u vcn_inst %u pg "
				 "%#x params %#x",
				 want[i].name, p.ip.mp0, p.ip.vcn, p.ip.display, p.driver.one_vf,
				 p.ip.xcc, p.ip.vcn_inst, p.ip.pg, p.driver.params);
		/* every modelled part loads through PSP by default (amdgpu_ucode_get_load_type) */
		assert_int_equal(p.driver.fw_load, GMCSIM_FW_PSP);
		assert_int_equal(p.driver.host, 0);
	}
}

/* ------------------------------------------------------------------ */
/* Pairs                                                                */
/* ------------------------------------------------------------------ */

static void
test_pairs(void **state)
{
	static const struct {
		const char *name, *from, *to, *changes;
		const char *diff; /* the fields that differ, by hand from the pair's purpose */
	} want[] = {
		{ "gc944-node2-to-node5", "gc944-vf-node2", "gc944-vf-node5", "xgmi node id",
		  "regs.xgmi_lfb_cntl" },
		/* both ends in multi-VF mode: only the node moves */
		{ "gc944-multi-vf-node2-to-node5", "gc944-mvf-node2", "gc944-mvf-node5",
		  "xgmi node id, multi-VF", "regs.xgmi_lfb_cntl" },
		{ "gc943-node2-to-node5", "gc943-vf-node2", "gc943-vf-node5", "xgmi node id",
		  "regs.xgmi_lfb_cntl" },
		{ "gc950-node2-to-node5", "gc950-vf-node2", "gc950-vf-node5", "xgmi node id",
		  "regs.xgmi_lfb_cntl" },
		/* the host placed the FB elsewhere: base and top move together */
		{ "gc1100-fb-location", "gc1100-vf-a", "gc1100-vf-b", "FB location only",
		  "regs.fb_location_base,regs.fb_location_top" },
		{ "vega20-node1-to-node3", "vega20-node1", "vega20-node3", "xgmi node id",
		  "regs.xgmi_lfb_cntl" },
		{ "aldebaran-a-a-node2-to-node5", "aldebaran-a-a-node2", "aldebaran-a-a-node5",
		  "xgmi node id", "regs.xgmi_lfb_cntl" },
		{ "navi21-fb-offset", "navi21-vf-a", "navi21-vf-b", "mc_fb_offset only",
		  "regs.fb_offset" },
		{ "gc944-identity", "gc944-vf-node2", "gc944-vf-node2-otherid",
		  "identity values only",
		  "identity.serial_number,identity.unique_id,identity.xgmi_device_id,"
		  "identity.fru_id" },
		{ "gc944-bars", "gc944-vf-node2", "gc944-vf-node2-otherbar", "BAR addresses only",
		  "pci.bars[0].address,pci.bars[1].address,pci.bars[2].address" },
	};

	(void)state;
	assert_int_equal(gmcsim_pair_builtin_count(), sizeof(want) / sizeof(want[0]));
	assert_null(gmcsim_pair_builtin_at(gmcsim_pair_builtin_count()));
	assert_null(gmcsim_pair_builtin("no-such-pair"));
	assert_null(gmcsim_pair_builtin(NULL));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct gmcsim_pair *pr = gmcsim_pair_builtin(want[i].name);
		struct gmcsim_profile from, to;
		char diff[1024];

		assert_non_null(pr);
		assert_ptr_equal(pr, gmcsim_pair_builtin_at(i));
		assert_string_equal(pr->from, want[i].from);
		assert_string_equal(pr->to, want[i].to);
		assert_string_equal(pr->changes, want[i].changes);
		from = profile_get(pr->from);
		to = profile_get(pr->to);
		profile_diff(&from, &to, diff, sizeof(diff));
		if (strcmp(diff, want[i].diff) != 0)
			fail_msg("pair %s: differs in \"%s\", want \"%s\"", pr->name, diff,
				 want[i].diff);
	}
}

/* The node-id pairs move exactly PF_LFB_REGION; the node count stays. */
static void
test_pairs_move_node_only(void **state)
{
	static const struct {
		const char *pair;
		unsigned from_id, to_id, nodes;
	} want[] = {
		/* 0x72 → 0x75: REGION 2 → 5, MAX 7 */
		{ "gc944-node2-to-node5", 2, 5, 8 },
		{ "gc943-node2-to-node5", 2, 5, 8 },
		{ "gc944-multi-vf-node2-to-node5", 2, 5, 8 },
		{ "gc950-node2-to-node5", 2, 5, 8 },
		/* 0x31 → 0x33: REGION 1 → 3, MAX 3 */
		{ "vega20-node1-to-node3", 1, 3, 4 },
		{ "aldebaran-a-a-node2-to-node5", 2, 5, 8 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct gmcsim_pair *pr = gmcsim_pair_builtin(want[i].pair);
		struct gmcsim_profile from = profile_get(pr->from), to = profile_get(pr->to);
		struct gmc_layout lf = profile_layout(&from), lt = profile_layout(&to);

		assert_int_equal(lf.xgmi.physical_node_id, want[i].from_id);
		assert_int_equal(lt.xgmi.physical_node_id, want[i].to_id);
		assert_int_equal(lf.xgmi.num_physical_nodes, want[i].nodes);
		assert_int_equal(lt.xgmi.num_physical_nodes, want[i].nodes);
		assert_int_equal(lf.xgmi.node_segment_size, lt.xgmi.node_segment_size);
	}
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

/* The keys a profile needs, to build small test profiles around. */
#define MINIMAL "\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \"0x40000000\""

static void
test_parse_minimal_defaults(void **state)
{
	struct gmcsim_profile p;

	(void)state;
	p = parse_ok("{" MINIMAL "}");
	assert_string_equal(p.name, "t");
	assert_string_equal(p.description, "");
	assert_string_equal(gmc_asic_name(p.asic), "gc944");
	assert_int_equal(p.params.vram_size, UINT64_C(0x40000000));
	/* no VRAM BAR: the BAR covers all of VRAM */
	assert_int_equal(p.params.visible_vram_size, GMC_VISIBLE_ALL);
	/* the driver's defaults (gmc_params_init) */
	assert_int_equal(p.params.gart_size_mb, -1);
	assert_int_equal(p.params.agp, -1);
	assert_int_equal(p.params.vramlimit_mb, UINT32_MAX);
	assert_int_equal(p.params.vis_vramlimit_mb, 0);
	assert_false(p.params.sriov);
	assert_int_equal(p.pci.n_bars, 0);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		assert_int_equal(p.regs.value[r], 0);
}

static void
test_parse_visible_default(void **state)
{
	struct gmcsim_profile p;

	(void)state;
	/* visible_vram_size defaults to the VRAM BAR's size (aper_size is BAR0, §3) */
	p = parse_ok("{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 2, \"role\": \"doorbell\", "
		     "\"address\": \"0x200000\", \"size\": \"0x200000\"}, {\"index\": 0, "
		     "\"role\": \"vram\", \"address\": \"0x400000000\", \"size\": \"0x400000000\", "
		     "\"is_64\": true, \"prefetchable\": true}]}}");
	assert_int_equal(p.params.visible_vram_size, UINT64_C(0x400000000));
	assert_int_equal(p.pci.n_bars, 2);
	assert_int_equal(p.pci.bars[1].role, GMCSIM_BAR_VRAM);
	/* an explicit value wins, "all" means GMC_VISIBLE_ALL */
	p = parse_ok("{" MINIMAL ", \"params\": {\"visible_vram_size\": 268435456}}");
	assert_int_equal(p.params.visible_vram_size, UINT64_C(0x10000000));
	p = parse_ok("{" MINIMAL ", \"params\": {\"visible_vram_size\": \"all\"}, \"pci\": "
		     "{\"bars\": [{\"index\": 0, \"role\": \"vram\", \"address\": 0, \"size\": "
		     "\"0x10000000\", \"is_64\": true}]}}");
	assert_int_equal(p.params.visible_vram_size, GMC_VISIBLE_ALL);
}

static void
test_parse_number_forms(void **state)
{
	struct gmcsim_profile p;

	(void)state;
	/* integers as JSON numbers, decimal strings or 0x strings; "asic" by name */
	p = parse_ok("{\"name\": \"n\", \"asic\": \"vega20\", \"vram_size\": 1073741824, "
		     "\"regs\": {\"fb_location_base\": 32768, \"fb_location_top\": \"40959\", "
		     "\"xgmi_lfb_cntl\": \"0x32\", \"xgmi_lfb_size\": \"0X800\"}, "
		     "\"params\": {\"gart_size_mb\": \"1024\", \"agp\": 1, \"vramlimit_mb\": 0, "
		     "\"smu_prv_buffer_size\": \"0x10000000\", \"pre_6_17\": true}, "
		     "\"pci\": {\"vendor\": 4098, \"device\": \"0x66A1\", \"revision\": 2, "
		     "\"bus\": \"0000:23:1f.7\", \"msix\": {\"address\": \"0xfee00000\", "
		     "\"data\": 16433}}}");
	assert_string_equal(gmc_asic_name(p.asic), "vega20");
	assert_int_equal(p.params.vram_size, UINT64_C(0x40000000));
	assert_int_equal(p.regs.value[GMC_REG_FB_LOCATION_BASE], 0x8000);
	assert_int_equal(p.regs.value[GMC_REG_FB_LOCATION_TOP], 0x9fff);
	assert_int_equal(p.regs.value[GMC_REG_XGMI_LFB_CNTL], 0x32);
	assert_int_equal(p.regs.value[GMC_REG_XGMI_LFB_SIZE], 0x800);
	assert_int_equal(p.params.gart_size_mb, 1024);
	assert_int_equal(p.params.agp, 1);
	assert_int_equal(p.params.vramlimit_mb, 0);
	assert_int_equal(p.params.smu_prv_buffer_size, 0x10000000);
	assert_true(p.params.pre_6_17);
	assert_int_equal(p.pci.vendor, 0x1002);
	assert_int_equal(p.pci.device, 0x66a1);
	assert_int_equal(p.pci.revision, 2);
	assert_string_equal(p.pci.bus, "0000:23:1f.7");
	assert_int_equal(p.pci.msix_data, 0x4031);

	/* amdgpu.agp is an int with no range check (gmc-address-math.md §1.2, §4.4) */
	p = parse_ok("{" MINIMAL ", \"params\": {\"agp\": 2}}");
	assert_int_equal(p.params.agp, 2);
	p = parse_ok("{" MINIMAL ", \"params\": {\"agp\": -5}}");
	assert_int_equal(p.params.agp, -5);
}

/*
 * A profile that must fail with @code naming @needle, leaving @out alone. The
 * readers' errno mapping (sim/util-json-read.h): -ERANGE for a number outside
 * its field's range, -EINVAL for everything else wrong with the text.
 */
static void
assert_refused(const char *json, int code, const char *needle)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	int rc;

	memset(&p, POISON_BYTE, sizeof(p));
	rc = gmcsim_profile_parse(json, &p, &err);
	if (rc != code)
		fail_msg("parse = %d (%s), want %d, for %s", rc, err.message, code, json);
	assert_failure(rc, code, &err, needle);
	assert_true(is_poisoned(&p, sizeof(p)));
	/* the report is optional */
	assert_int_equal(gmcsim_profile_parse(json, &p, NULL), code);
}

static void
assert_malformed(const char *json, const char *needle)
{
	assert_refused(json, -EINVAL, needle);
}

/* A 256 MiB 64-bit VRAM BAR 0 object without its closing brace. */
#define BAR0                                                        \
	"{\"index\": 0, \"role\": \"vram\", \"address\": \"0x0\", " \
	"\"size\": \"0x10000000\", \"is_64\": true"

static void
test_parse_malformed(void **state)
{
	static const struct {
		const char *json, *needle;
	} cases[] = {
		/* unknown keys, at every level, named */
		{ "{" MINIMAL ", \"colour\": 1}", "'colour'" },
		{ "{" MINIMAL ", \"params\": {\"gart_size\": 1}}",
		  "params: unknown key 'gart_size'" },
		{ "{" MINIMAL ", \"regs\": {\"fb_location\": 1}}",
		  "regs: unknown key 'fb_location'" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [" BAR0 ", \"colour\": 1}]}}",
		  "pci.bars[0]: unknown key 'colour'" },
		{ "{" MINIMAL ", \"pci\": {\"msix\": {\"vector\": 0}}}", "pci.msix: unknown key" },
		{ "{" MINIMAL ", \"identity\": {\"serial\": \"x\"}}",
		  "identity: unknown key 'serial'" },
		/* bad hex and other bad numbers */
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \"0x4000000g\"}",
		  "vram_size" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \"0x\"}", "vram_size" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \" 1048576\"}",
		  "vram_size" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": 1.5}", "vram_size" },
		/* wrong types */
		{ "{" MINIMAL ", \"sriov\": \"yes\"}", "sriov" },
		{ "{" MINIMAL ", \"sriov\": 1}", "sriov" },
		{ "{" MINIMAL ", \"regs\": [1, 2]}", "regs" },
		{ "{" MINIMAL ", \"params\": 5}", "params" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": {}}}", "pci.bars" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [5]}}", "pci.bars[0]" },
		{ "{" MINIMAL ", \"pci\": {\"bus\": 43}}", "pci.bus" },
		{ "{" MINIMAL ", \"identity\": {\"fru_id\": null}}", "identity.fru_id" },
		{ "{\"name\": 7, \"gc\": \"9.4.4\", \"vram_size\": 1048576}", "name" },
		{ "{\"name\": \"t\", \"gc\": 9.4, \"vram_size\": 1048576}", "gc" },
		{ "[]", "object" },
		{ "\"profile\"", "object" },
		{ "null", "object" },
		/* required keys */
		{ "{\"name\": \"t\", \"vram_size\": \"0x100000\"}", "gc" },
		{ "{\"gc\": \"9.4.4\", \"vram_size\": \"0x100000\"}", "name" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\"}", "vram_size" },
		/* the part */
		{ "{\"name\": \"t\", \"gc\": \"9.9.9\", \"vram_size\": 1048576}", "gc" },
		{ "{\"name\": \"t\", \"gc\": \"gc944\", \"vram_size\": 1048576}", "gc" },
		{ "{\"name\": \"t\", \"asic\": \"vega99\", \"vram_size\": 1048576}", "asic" },
		{ "{" MINIMAL ", \"asic\": \"gc944\"}", "not both" },
		/* the driver reads VRAM size in MiB into a u32 */
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \"0x40000001\"}",
		  "vram_size" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": \"0x10000000000000\"}",
		  "2^52" },
		/* RCC_CONFIG_MEMSIZE counts MiB (peers-and-pci.md §2.3): 1,000,000 bytes is not one
		 */
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": 1000000}",
		  "whole number of MiB" },
		/* XGMI registers on a part whose driver never reads them */
		{ "{\"name\": \"t\", \"gc\": \"10.3.0\", \"vram_size\": 1048576, \"regs\": "
		  "{\"xgmi_lfb_cntl\": \"0x72\"}}",
		  "regs.xgmi_lfb_cntl" },
		{ "{" MINIMAL ", \"pci\": {\"bus\": \"43:00.0\"}}", "pci.bus" },
		{ "{" MINIMAL ", \"pci\": {\"bus\": \"0000:43:20.0\"}}", "pci.bus" },
		{ "{" MINIMAL ", \"pci\": {\"bus\": \"0000:43:00.8\"}}", "pci.bus" },
		{ "{" MINIMAL ", \"pci\": {\"vf\": true}}", "pci.vf" },
		/* BARs */
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"role\": \"mmio\", \"address\": 0, "
		  "\"size\": 4096}]}}",
		  "pci.bars[0]: missing key 'index'" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"registers\", "
		  "\"address\": 0, \"size\": 4096}]}}",
		  "pci.bars[0].role" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"mmio\", "
		  "\"address\": 0, \"size\": 3000}]}}",
		  "pci.bars[0].size" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"mmio\", "
		  "\"address\": 0, \"size\": 0}]}}",
		  "pci.bars[0].size" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"mmio\", "
		  "\"address\": \"0x1800\", \"size\": 4096}]}}",
		  "pci.bars[0].address" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"mmio\", "
		  "\"address\": \"0x100000000\", \"size\": 4096}]}}",
		  "pci.bars[0].address" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 5, \"role\": \"mmio\", "
		  "\"address\": 0, \"size\": 4096, \"is_64\": true}]}}",
		  "pci.bars[0].index" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [" BAR0 "}, {\"index\": 1, "
		  "\"role\": \"mmio\", \"address\": 0, \"size\": 4096}]}}",
		  "pci.bars[1].index" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [" BAR0 "}, {\"index\": 2, "
		  "\"role\": \"vram\", \"address\": 0, \"size\": 4096}]}}",
		  "pci.bars[1].role" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{}, {}, {}, {}, {}, {}, {}]}}", "pci.bars" },
		/* strings */
		{ "{\"name\": \"a b\", \"gc\": \"9.4.4\", \"vram_size\": 1048576}", "name" },
		{ "{\"name\": \"\", \"gc\": \"9.4.4\", \"vram_size\": 1048576}", "name" },
		{ "{\"name\": \"a\\u0000b\", \"gc\": \"9.4.4\", \"vram_size\": 1048576}", "name" },
		{ "{" MINIMAL ", \"description\": \"tab\\there\"}", "description" },
		{ "{" MINIMAL ", \"identity\": {\"serial_number\": "
		  "\"0123456789012345678901234567890123456789012345678901234567890123\"}}",
		  "identity.serial_number" },
		{ "{" MINIMAL ", \"identity\": {\"unique_id\": \"\\u00e9\"}}",
		  "identity.unique_id" },
		/* module parameters */
		{ "{" MINIMAL ", \"params\": {\"visible_vram_size\": \"most\"}}",
		  "params.visible_vram_size" },
		{ "{" MINIMAL ", \"params\": {\"pre_6_17\": \"no\"}}", "params.pre_6_17" },
		/* truncated or broken JSON */
		{ "{" MINIMAL, "not valid JSON" },
		{ "{\"name\": \"t\", \"gc\": \"9.4", "not valid JSON" },
		{ "", "blank" },
		{ " \n", "blank" },
		{ "{" MINIMAL ",}", "not valid JSON" },
		{ "{'name': 't'}", "not valid JSON" },
		{ "{" MINIMAL "} {}", "not valid JSON" },
		{ "{" MINIMAL "} x", "not valid JSON" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_malformed(cases[i].json, cases[i].needle);
}

/* A number outside its field's range is -ERANGE, naming the key. */
static void
test_parse_out_of_range(void **state)
{
	static const struct {
		const char *json, *needle;
	} cases[] = {
		/* registers are 32 bits */
		{ "{" MINIMAL ", \"regs\": {\"fb_offset\": \"0x100000000\"}}", "regs.fb_offset" },
		{ "{" MINIMAL ", \"regs\": {\"xgmi_lfb_cntl\": 4294967296}}",
		  "regs.xgmi_lfb_cntl" },
		{ "{" MINIMAL ", \"regs\": {\"fb_offset\": -1}}", "regs.fb_offset" },
		/* json-c keeps a number above 2^64 - 1 as 2^64 - 1: still above 2^32 - 1 */
		{ "{" MINIMAL ", \"regs\": {\"fb_offset\": 123456789012345678901234567890}}",
		  "regs.fb_offset" },
		{ "{\"name\": \"t\", \"gc\": \"9.4.4\", \"vram_size\": -1048576}", "vram_size" },
		/* PCI ids are 16 bits, the revision 8 */
		{ "{" MINIMAL ", \"pci\": {\"device\": \"0x10000\"}}", "pci.device" },
		{ "{" MINIMAL ", \"pci\": {\"vendor\": -1}}", "pci.vendor" },
		{ "{" MINIMAL ", \"pci\": {\"subsystem_device\": 65536}}", "pci.subsystem_device" },
		{ "{" MINIMAL ", \"pci\": {\"revision\": \"0x100\"}}", "pci.revision" },
		{ "{" MINIMAL ", \"pci\": {\"msix\": {\"data\": \"0x100000000\"}}}",
		  "pci.msix.data" },
		/* a type-0 header has BARs 0..5 */
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": 6, \"role\": \"mmio\", "
		  "\"address\": 0, \"size\": 4096}]}}",
		  "pci.bars[0].index" },
		{ "{" MINIMAL ", \"pci\": {\"bars\": [{\"index\": -1, \"role\": \"mmio\", "
		  "\"address\": 0, \"size\": 4096}]}}",
		  "pci.bars[0].index" },
		/* module parameters: int, int, uint, uint; pm.smu_prv_buffer_size is a u32 */
		{ "{" MINIMAL ", \"params\": {\"gart_size_mb\": 2147483648}}",
		  "params.gart_size_mb" },
		{ "{" MINIMAL ", \"params\": {\"agp\": 2147483648}}", "params.agp" },
		{ "{" MINIMAL ", \"params\": {\"agp\": \"-2147483649\"}}", "params.agp" },
		{ "{" MINIMAL ", \"params\": {\"vramlimit_mb\": 4294967296}}",
		  "params.vramlimit_mb" },
		{ "{" MINIMAL ", \"params\": {\"smu_prv_buffer_size\": \"0x100000000\"}}",
		  "params.smu_prv_buffer_size" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_refused(cases[i].json, -ERANGE, cases[i].needle);
}

/*
 * amdgpu.agp is a plain int module parameter: the driver takes any value and
 * enables AGP on 1 only (issue 14), so a profile holds any int32.
 */
static void
test_parse_agp_any_int(void **state)
{
	static const struct {
		const char *text;
		int32_t agp;
	} cases[] = {
		{ "2", 2 },
		{ "-5", -5 },
		{ "2147483647", INT32_MAX },
		{ "\"-2147483648\"", INT32_MIN },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char json[256];
		struct gmcsim_profile p;

		snprintf(json, sizeof(json), "{" MINIMAL ", \"params\": {\"agp\": %s}}",
			 cases[i].text);
		p = parse_ok(json);
		assert_int_equal(p.params.agp, cases[i].agp);
	}
}

static void
test_parse_args(void **state)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(gmcsim_profile_parse(NULL, &p, &err), -EINVAL);
	assert_int_equal(gmcsim_profile_parse("{}", NULL, &err), -EINVAL);
}

/*
 * The part, registers and parameters go through one reader (sim/sim-params.c)
 * for profiles and `gmcsim layout --batch` lines, so a value gets the same
 * answer in both, save where sim-params.h's flags say why not. Each case
 * puts one key on a GC 10.3.0 part with 1 GiB of VRAM: at the top of a batch
 * line, and at the top of a profile or under its "params".
 */
struct agree_case {
	const char *key, *value;
	bool in_params; /* a profile keeps it under "params" */
	int profile_rc, batch_rc;
	bool flagged; /* a sim-params.h flag makes the formats differ here */
};

static const struct agree_case agree_cases[] = {
	{ "vram_size", "\"0x40000000\"", false, 0, 0 },
	/* (2^32 - 1) MiB, the most RCC_CONFIG_MEMSIZE counts; 2^32 MiB = 2^52 bytes is more */
	{ "vram_size", "\"0xffffffff00000\"", false, 0, 0 },
	/* libgmc refuses 2^52 bytes (2^32 MiB) as the driver's register cannot hold it */
	{ "vram_size", "\"0x10000000000000\"", false, -EINVAL, -EINVAL },
	/* memsize counts MiB: a byte count that is not one is refused in both (issue 14) */
	{ "vram_size", "\"0x40000001\"", false, -EINVAL, -EINVAL },
	{ "vram_size", "\"0xfffffffffffff\"", false, -EINVAL, -EINVAL },
	{ "vram_size", "1000000", false, -EINVAL, -EINVAL },
	{ "vram_size", "-1", false, -ERANGE, -ERANGE },
	{ "sriov", "true", false, 0, 0 },
	{ "sriov", "\"yes\"", false, -EINVAL, -EINVAL },
	{ "connected_to_cpu", "1", false, -EINVAL, -EINVAL },
	{ "regs", "{\"fb_location_base\": \"0x8000\", \"fb_offset\": 7}", false, 0, 0 },
	{ "regs", "{\"fb_offset\": \"0x100000000\"}", false, -ERANGE, -ERANGE },
	{ "regs", "{\"nosuch\": 1}", false, -EINVAL, -EINVAL },
	/* SIM_PARAMS_UNREAD_XGMI_REGS: GC 10.3 never reads the XGMI registers */
	{ "regs", "{\"xgmi_lfb_cntl\": 1}", false, -EINVAL, 0, true },
	{ "visible_vram_size", "\"all\"", true, 0, 0 },
	{ "visible_vram_size", "268435456", true, 0, 0 },
	{ "visible_vram_size", "\"most\"", true, -EINVAL, -EINVAL },
	{ "gart_size_mb", "-1", true, 0, 0 },
	{ "gart_size_mb", "2147483648", true, -ERANGE, -ERANGE },
	/* amdgpu.agp is an int (issue 14): any int32 */
	{ "agp", "7", true, 0, 0 },
	{ "agp", "-2147483649", true, -ERANGE, -ERANGE },
	{ "vramlimit_mb", "\"4294967295\"", true, 0, 0 },
	{ "vramlimit_mb", "4294967296", true, -ERANGE, -ERANGE },
	{ "vis_vramlimit_mb", "-1", true, -ERANGE, -ERANGE },
	{ "smu_prv_buffer_size", "\"0x10000000\"", true, 0, 0 },
	/* SIM_PARAMS_SMU_64: a line may give 2^32, the driver's u32 keeps 0 */
	{ "smu_prv_buffer_size", "\"0x100000000\"", true, -ERANGE, 0, true },
	{ "pre_6_17", "true", true, 0, 0 },
	{ "pre_6_17", "null", true, -EINVAL, -EINVAL },
};

static void
assert_same_inputs(const struct gmcsim_profile *p, const struct gmcsim_layout_req *req)
{
	const struct gmc_params *a = &p->params, *b = &req->params;

	assert_ptr_equal(p->asic, req->asic);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		assert_int_equal(p->regs.value[r], req->regs.value[r]);
	/* a profile keeps whole MiB: compare what the driver reads */
	assert_int_equal(a->vram_size >> 20, b->vram_size >> 20);
	assert_int_equal(a->visible_vram_size, b->visible_vram_size);
	assert_int_equal(a->gart_size_mb, b->gart_size_mb);
	assert_int_equal(a->agp, b->agp);
	assert_int_equal(a->vramlimit_mb, b->vramlimit_mb);
	assert_int_equal(a->vis_vramlimit_mb, b->vis_vramlimit_mb);
	assert_int_equal(a->smu_prv_buffer_size, b->smu_prv_buffer_size);
	assert_int_equal(a->sriov, b->sriov);
	assert_int_equal(a->connected_to_cpu, b->connected_to_cpu);
	assert_int_equal(a->pre_6_17, b->pre_6_17);
}

static void
test_params_agree_with_batch_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(agree_cases) / sizeof(agree_cases[0]); i++) {
		const struct agree_case *c = &agree_cases[i];
		bool own_vram = strcmp(c->key, "vram_size") == 0;
		const char *vram = own_vram ? "" : "\"vram_size\": \"0x40000000\", ";
		struct gmc_error perr = { 0 }, berr = { 0 };
		struct gmcsim_layout_req req;
		struct gmcsim_profile p;
		struct json_object *line;
		char ptext[512], btext[512];
		int prc, brc;

		if (c->in_params)
			snprintf(
				ptext, sizeof(ptext),
				"{\"name\": \"t\", \"gc\": \"10.3.0\", %s\"params\": {\"%s\": %s}}",
				vram, c->key, c->value);
		else
			snprintf(ptext, sizeof(ptext),
				 "{\"name\": \"t\", \"gc\": \"10.3.0\", %s\"%s\": %s}", vram,
				 c->key, c->value);
		snprintf(btext, sizeof(btext), "{\"gc\": \"10.3.0\", %s\"%s\": %s}", vram, c->key,
			 c->value);

		memset(&p, 0, sizeof(p));
		prc = gmcsim_profile_parse(ptext, &p, &perr);
		line = json_tokener_parse(btext);
		assert_non_null(line);
		gmcsim_layout_req_init(&req);
		brc = gmcsim_layout_req_from_json(&req, line, &berr);
		json_object_put(line);
		if (prc != c->profile_rc || brc != c->batch_rc)
			fail_msg("%s: %s: profile %d (%s), batch line %d (%s)", c->key, c->value,
				 prc, perr.message, brc, berr.message);
		if (prc == 0 && brc == 0)
			assert_same_inputs(&p, &req);
		/* the same reader says the same: the profile's message has "params." in front */
		if (prc && brc && !c->flagged && !strstr(perr.message, berr.message))
			fail_msg("%s: %s: profile says \"%s\", batch line \"%s\"", c->key, c->value,
				 perr.message, berr.message);
		gmcsim_layout_req_fini(&req);
	}
}

/* Deep nesting and bytes that are not UTF-8 are refused, never a crash. */
static void
test_parse_hostile(void **state)
{
	struct gmcsim_profile p;
	char deep[4096];
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(deep, sizeof(deep), "{" MINIMAL ", \"regs\": ");
	for (int i = 0; i < 1000; i++)
		deep[n++] = '[';
	deep[n] = '\0';
	assert_int_equal(gmcsim_profile_parse(deep, &p, NULL), -EINVAL);
	assert_int_equal(gmcsim_profile_parse("\xff\xfe{", &p, NULL), -EINVAL);
	assert_int_equal(gmcsim_profile_parse("{" MINIMAL ", \"description\": \"\xc3\"}", &p, NULL),
			 -EINVAL);
}

/* ------------------------------------------------------------------ */
/* Loading files                                                        */
/* ------------------------------------------------------------------ */

/* Write @text to a new temporary file; its path goes to @path. */
static void
write_temp(char *path, size_t len, const char *text)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, len, "%s/test-sim-profile-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
}

static void
test_load_files(void **state)
{
	struct gmcsim_profile src = profile_get("navi21-vf-b"), p;
	struct gmc_error err = { 0 };
	char path[256], *text = NULL;

	(void)state;
	/* `gmcsim profile show NAME --json > file`, then load the file */
	snprintf(src.name, sizeof(src.name), "my-navi21");
	assert_int_equal(gmcsim_profile_to_json(&src, &text), 0);
	write_temp(path, sizeof(path), text);
	free(text);
	assert_int_equal(gmcsim_profile_load(path, &p, &err), 0);
	assert_same(&src, &p);
	assert_int_equal(unlink(path), 0);

	/* a malformed file: -EINVAL, the message names the file and the key */
	write_temp(path, sizeof(path), "{\"name\": \"x\", \"gc\": \"9.4.4\", \"vram_size\": 1}");
	memset(&p, POISON_BYTE, sizeof(p));
	assert_failure(gmcsim_profile_load(path, &p, &err), -EINVAL, &err, "vram_size");
	assert_non_null(strstr(err.message, "test-sim-profile-"));
	assert_true(is_poisoned(&p, sizeof(p)));
	assert_int_equal(unlink(path), 0);

	/* neither a built-in nor a file */
	assert_failure(gmcsim_profile_load("no-such-profile.json", &p, &err), -ENOENT, &err,
		       "no-such-profile.json");
	/* a directory is not a readable profile */
	assert_failure(gmcsim_profile_load("/", &p, &err), -ENOENT, &err, "/");
	assert_true(is_poisoned(&p, sizeof(p)));
	assert_int_equal(gmcsim_profile_load("", &p, &err), -EINVAL);
	assert_int_equal(gmcsim_profile_load(NULL, &p, &err), -EINVAL);
}

/* ------------------------------------------------------------------ */
/* The register file                                                    */
/* ------------------------------------------------------------------ */

#define NO 0xffffffffu /* the driver never reads the register on this part */

struct loc_want {
	const char *asic;
	const char *hub_fb; /* hub of FB_LOCATION_BASE/TOP */
	unsigned idx_fb;
	uint32_t base, top;
	const char *hub_offset; /* hub of FB_OFFSET */
	unsigned idx_offset;
	uint32_t offset;
	uint32_t cntl, size; /* GC, BASE_IDX 0; NO without XGMI */
};

/* gmc-address-math.md §1.1/§1.3; GC 11.5 from mmhub_3_3_0_offset.h. */
static const struct loc_want locations[] = {
	/* mmhub_v1_0 (0x082c/0x082d) + gfxhub_v1_0 (0x096b) */
	{ "vega10", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, NO, NO },
	{ "vega12", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, NO, NO },
	{ "raven", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, NO, NO },
	{ "raven2", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, NO, NO },
	{ "renoir", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, NO, NO },
	/* + gfxhub_v1_1 XGMI, GC 9.2.1 registers 0x0977/0x0978 */
	{ "vega20", "MMHUB", 0, 0x082c, 0x082d, "GC", 0, 0x096b, 0x0977, 0x0978 },
	/* mmhub_v9_4 VMSHAREDVC0 copy, BASE_IDX 1 */
	{ "arcturus", "MMHUB", 1, 0x0b00, 0x0b01, "GC", 0, 0x096b, 0x0977, 0x0978 },
	/* mmhub_v1_7, _ALDE XGMI registers 0x0978/0x0979 */
	{ "aldebaran", "MMHUB", 0, 0x0cc0, 0x0cc1, "GC", 0, 0x096b, 0x0978, 0x0979 },
	/* mmhub_v1_8 + gfxhub_v1_2 (GC 9.4.3 registers) */
	{ "gc943", "MMHUB", 0, 0x0c9c, 0x0c9d, "GC", 0, 0x0947, 0x0957, 0x0958 },
	{ "gc944", "MMHUB", 0, 0x0c9c, 0x0c9d, "GC", 0, 0x0947, 0x0957, 0x0958 },
	{ "gc950", "MMHUB", 0, 0x0c9c, 0x0c9d, "GC", 0, 0x0947, 0x0957, 0x0958 },
	/* gfxhub_v2_0: GCMC_VM_* of GC 10.1 */
	{ "navi10", "GC", 0, 0x1720, 0x1721, "GC", 0, 0x170b, NO, NO },
	{ "navi14", "GC", 0, 0x1720, 0x1721, "GC", 0, 0x170b, NO, NO },
	{ "navi12", "GC", 0, 0x1720, 0x1721, "GC", 0, 0x170b, NO, NO },
	/* gfxhub_v2_1: GCMC_VM_* of GC 10.3 */
	{ "sienna_cichlid", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "vangogh", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "navy_flounder", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "yellow_carp", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "dimgrey_cavefish", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "beige_goby", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "gc1036", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	{ "gc1037", "GC", 0, 0x16fc, 0x16fd, "GC", 0, 0x16e7, NO, NO },
	/* mmhub_v3_0: MMMC_VM_* of MMHUB 3.0.0, BASE_IDX 0 */
	{ "gc1100", "MMHUB", 0, 0x08ec, 0x08ed, "MMHUB", 0, 0x08d7, NO, NO },
	/* mmhub_v3_3: MMHUB 3.3.0, BASE_IDX 1 */
	{ "gc1150", "MMHUB", 1, 0x09ec, 0x09ed, "MMHUB", 1, 0x09d7, NO, NO },
	/* mmhub_v4_1_0 */
	{ "gc1200", "MMHUB", 0, 0x0554, 0x0555, "MMHUB", 0, 0x04c7, NO, NO },
};

static void
assert_location(const struct gmc_asic *asic, enum gmc_reg reg, const char *hub, unsigned idx,
		uint32_t dword)
{
	struct gmcsim_reg_location loc;
	int rc;

	memset(&loc, POISON_BYTE, sizeof(loc));
	rc = gmcsim_reg_location(asic, reg, &loc);
	if (dword == NO) {
		if (rc != -ENOENT)
			fail_msg("%s %s: rc %d, want -ENOENT", gmc_asic_name(asic),
				 gmc_reg_name(reg), rc);
		assert_true(is_poisoned(&loc, sizeof(loc)));
		return;
	}
	if (rc != 0 || loc.dword != dword || loc.base_idx != idx || strcmp(loc.hub, hub) != 0)
		fail_msg("%s %s: rc %d, %s idx %u dword 0x%04x; want %s idx %u dword 0x%04x",
			 gmc_asic_name(asic), gmc_reg_name(reg), rc, rc ? "-" : loc.hub,
			 rc ? 0 : loc.base_idx, rc ? 0 : loc.dword, hub, idx, dword);
}

static void
test_regfile_locations(void **state)
{
	(void)state;
	/* every modelled part is in the table */
	assert_int_equal(gmc_asic_count(), sizeof(locations) / sizeof(locations[0]));
	for (size_t i = 0; i < sizeof(locations) / sizeof(locations[0]); i++) {
		const struct loc_want *w = &locations[i];
		const struct gmc_asic *asic = asic_get(w->asic);

		assert_location(asic, GMC_REG_FB_LOCATION_BASE, w->hub_fb, w->idx_fb, w->base);
		assert_location(asic, GMC_REG_FB_LOCATION_TOP, w->hub_fb, w->idx_fb, w->top);
		assert_location(asic, GMC_REG_FB_OFFSET, w->hub_offset, w->idx_offset, w->offset);
		assert_location(asic, GMC_REG_XGMI_LFB_CNTL, "GC", 0, w->cntl);
		assert_location(asic, GMC_REG_XGMI_LFB_SIZE, "GC", 0, w->size);
	}
}

static void
test_regfile_args(void **state)
{
	struct gmcsim_reg_location loc;
	struct gmcsim_profile p = profile_get("gc944-vf-node2");
	uint32_t v;

	(void)state;
	assert_int_equal(gmcsim_reg_location(NULL, GMC_REG_FB_OFFSET, &loc), -EINVAL);
	assert_int_equal(gmcsim_reg_location(asic_get("gc944"), GMC_REG_COUNT, &loc), -EINVAL);
	assert_int_equal(gmcsim_reg_location(asic_get("gc944"), GMC_REG_FB_OFFSET, NULL), -EINVAL);
	assert_int_equal(gmcsim_profile_read_reg(NULL, 0x0947, &v), -EINVAL);
	assert_int_equal(gmcsim_profile_read_reg(&p, 0x0947, NULL), -EINVAL);
	p.asic = NULL;
	assert_int_equal(gmcsim_profile_read_reg(&p, 0x0947, &v), -EINVAL);
}

/* The dword alone picks the register: no two of the five share one on any part. */
static void
test_regfile_dwords_distinct(void **state)
{
	(void)state;
	for (size_t a = 0; a < gmc_asic_count(); a++) {
		const struct gmc_asic *asic = gmc_asic_at(a);
		struct gmcsim_reg_location loc[GMC_REG_COUNT];
		int rc[GMC_REG_COUNT];

		for (unsigned r = 0; r < GMC_REG_COUNT; r++)
			rc[r] = gmcsim_reg_location(asic, (enum gmc_reg)r, &loc[r]);
		/* FB_LOCATION_BASE and FB_OFFSET are read on every part */
		assert_int_equal(rc[GMC_REG_FB_LOCATION_BASE], 0);
		assert_int_equal(rc[GMC_REG_FB_OFFSET], 0);
		/* XGMI registers exactly where the driver reads XGMI info */
		assert_int_equal(rc[GMC_REG_XGMI_LFB_CNTL] == 0, gmc_asic_has_xgmi(asic));
		assert_int_equal(rc[GMC_REG_XGMI_LFB_SIZE] == 0, gmc_asic_has_xgmi(asic));
		for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
			for (unsigned s = r + 1; s < GMC_REG_COUNT; s++) {
				if (rc[r] || rc[s] || loc[r].dword != loc[s].dword)
					continue;
				fail_msg("%s: %s and %s share dword 0x%x", gmc_asic_name(asic),
					 gmc_reg_name((enum gmc_reg)r),
					 gmc_reg_name((enum gmc_reg)s), loc[r].dword);
			}
		}
	}
}

static uint32_t
read_reg(const struct gmcsim_profile *p, uint32_t dword)
{
	uint32_t v = 0xdeadbeef;

	assert_int_equal(gmcsim_profile_read_reg(p, dword, &v), 0);
	return v;
}

static void
test_regfile_reads(void **state)
{
	struct gmcsim_profile gc944 = profile_get("gc944-vf-node5");
	struct gmcsim_profile vega20 = profile_get("vega20-node3");
	struct gmcsim_profile ald = profile_get("aldebaran-a-a-node5");
	struct gmcsim_profile navi = profile_get("navi21-vf-b");

	(void)state;
	/* GC 9.4.4: MMHUB 1.8 0x0c9c/0x0c9d, GC 0x0947, 0x0957/0x0958 */
	assert_int_equal(read_reg(&gc944, 0x0c9c), 0x1000);
	assert_int_equal(read_reg(&gc944, 0x0c9d), 0xcfbf);
	assert_int_equal(read_reg(&gc944, 0x0947), 0);
	assert_int_equal(read_reg(&gc944, 0x0957), 0x75);
	assert_int_equal(read_reg(&gc944, 0x0958), 0x17f8);
	/* MMHUB 1.0's offset backs nothing on this part: reads 0 */
	assert_int_equal(read_reg(&gc944, 0x082c), 0);

	/* Vega20: MMHUB 1.0 FB_LOCATION, GC 9.2.1 XGMI registers */
	assert_int_equal(read_reg(&vega20, 0x082c), 0x8000);
	assert_int_equal(read_reg(&vega20, 0x082d), 0x9fff);
	assert_int_equal(read_reg(&vega20, 0x096b), 0);
	assert_int_equal(read_reg(&vega20, 0x0977), 0x33);
	assert_int_equal(read_reg(&vega20, 0x0978), 0x800);

	/* Aldebaran: the _ALDE copies one dword up; 0x0977 backs nothing there */
	assert_int_equal(read_reg(&ald, 0x0cc1), 0x7fff);
	assert_int_equal(read_reg(&ald, 0x096b), 0x20000);
	assert_int_equal(read_reg(&ald, 0x0978), 0x75);
	assert_int_equal(read_reg(&ald, 0x0979), 0x1000);
	assert_int_equal(read_reg(&ald, 0x0977), 0);

	/* Navi21: GCMC_VM_* of GC 10.3; no XGMI registers served */
	assert_int_equal(read_reg(&navi, 0x16fc), 0x8000);
	assert_int_equal(read_reg(&navi, 0x16fd), 0x83bf);
	assert_int_equal(read_reg(&navi, 0x16e7), 0x400);
	assert_int_equal(read_reg(&navi, 0x0977), 0);
	assert_int_equal(read_reg(&navi, 0x16f7), 0);

	/* every register of every built-in reads back at its location */
	for (size_t i = 0; i < gmcsim_profile_builtin_count(); i++) {
		struct gmcsim_profile p;

		assert_int_equal(gmcsim_profile_builtin_at(i, &p), 0);
		for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
			struct gmcsim_reg_location loc;

			if (gmcsim_reg_location(p.asic, (enum gmc_reg)r, &loc) == 0)
				assert_int_equal(read_reg(&p, loc.dword), p.regs.value[r]);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtins_listed),
		cmocka_unit_test(test_builtin_lookup_errors),
		cmocka_unit_test(test_builtins_round_trip),
		cmocka_unit_test(test_to_json_args),
		cmocka_unit_test(test_layout_gc944),
		cmocka_unit_test(test_layout_gc943),
		cmocka_unit_test(test_layout_vega20),
		cmocka_unit_test(test_layout_aldebaran),
		cmocka_unit_test(test_layout_navi21),
		cmocka_unit_test(test_layout_variants),
		cmocka_unit_test(test_builtin_facts),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_pairs_move_node_only),
		cmocka_unit_test(test_parse_minimal_defaults),
		cmocka_unit_test(test_parse_visible_default),
		cmocka_unit_test(test_parse_number_forms),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_out_of_range),
		cmocka_unit_test(test_parse_agp_any_int),
		cmocka_unit_test(test_params_agree_with_batch_lines),
		cmocka_unit_test(test_parse_args),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_load_files),
		cmocka_unit_test(test_regfile_locations),
		cmocka_unit_test(test_regfile_args),
		cmocka_unit_test(test_regfile_dwords_distinct),
		cmocka_unit_test(test_regfile_reads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
