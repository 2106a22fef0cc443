/* SPDX-License-Identifier: MIT */
/*
 * fuzz-bo-lifecycle: a sequence of kernel-BO operations on one modelled
 * device (create, free, reserve, pin, kmap, the address getters, failure
 * injection, suspend, vGPU swaps, BAR moves, resume, address checks), with
 * the lifecycle invariants checked after every step:
 *
 * - pin counts move by at most one per step and never wrap;
 * - every live BO is held by the harness (no leak, no dangling slot), is
 *   page-aligned, and a resident one lies inside VRAM or GART without
 *   overlapping another;
 * - pinned BOs survive suspend in place, unpinned VRAM BOs are evicted;
 * - the driver's pin accounting equals the pinned BOs' sum plus the drift
 *   the warnings recorded;
 * - every held tracked address checks exactly as a recomputation from
 *   scratch says (gmc-address-math.md §7), against the device's layout and
 *   against other layouts;
 * - failures return a negative errno the library can name, with a reason.
 *
 * Input (little-endian, bytes past the end read as zero): one byte picks the
 * starting layout, then up to MAX_OPS records of 8 bytes
 *   { u8 op, u8 a, u8 b, u8 c, u32 v }
 * whose meaning per op is in run_op(); fuzz/make-seeds.py writes them.
 */
#include <errno.h>
#include <string.h>

#include <gmc/gmc.h>

#include "fuzz-util.h"

/* Steps per input: keeps one input far below 10 ms. */
#define MAX_OPS 256
#define N_SLOTS 16
#define N_ALIASES 4
#define N_HELD 16
#define OP_BYTES 8

#define PAGE GMC_PAGE_SIZE
#define SIGN_BITS UINT64_C(0xffff800000000000)
/* x86-64 vmalloc area (4-level paging), where GTT BOs are vmapped. */
#define VMALLOC_START UINT64_C(0xffffc90000000000)
#define VMALLOC_END UINT64_C(0xffffe8ffffffffff)

#define KNOWN_CAUSES                                                                       \
	(GMC_CAUSE_VRAM_START | GMC_CAUSE_GART_START | GMC_CAUSE_VRAM_BASE_OFFSET |        \
	 GMC_CAUSE_FB_APERTURE | GMC_CAUSE_BAR | GMC_CAUSE_BO_MOVED | GMC_CAUSE_BO_FREED | \
	 GMC_CAUSE_BO_EVICTED)

enum op {
	OP_CREATE_KERNEL,
	OP_CREATE_RESERVED,
	OP_CREATE_KERNEL_AT,
	OP_FREE_KERNEL,
	OP_RESERVE,
	OP_UNRESERVE,
	OP_PIN,
	OP_UNPIN,
	OP_KMAP,
	OP_KUNMAP,
	OP_GPU_OFFSET,
	OP_FB_APER_ADDR,
	OP_VRAM_PA,
	OP_FAIL_NEXT,
	OP_SUSPEND,
	OP_SET_LAYOUT,
	OP_SET_BAR,
	OP_RESUME,
	OP_ADDR_PLUS,
	OP_ADDR_MC2PA,
	OP_REF,
	OP_UNREF,
	OP_SET_IN_SUSPEND,
	OP_EVENTS_CLEAR,
	OP_ADDR_COPY,
	OP_CHECK_WITH,
	OP_COUNT
};

/* The layouts a device starts with and is swapped between (§9 examples, small parts). */
struct layout_spec {
	const char *part;
	uint32_t regs[GMC_REG_COUNT];
	uint64_t vram_size, visible;
	int32_t gart_mb;
	bool sriov, connected_to_cpu;
};

#define GiB(x) ((uint64_t)(x) << 30)
#define MiB(x) ((uint64_t)(x) << 20)

static const struct layout_spec layout_specs[] = {
	/* §9 example 1: Vega20 hive of 4, node 2, and the same hive seen from node 3 */
	{ "vega20", { 0x8000, 0x9fff, 0, 0x32, 0x800 }, MiB(32752), GiB(32), -1, false, false },
	{ "vega20", { 0x8000, 0x9fff, 0, 0x33, 0x800 }, MiB(32752), GiB(32), -1, false, false },
	/* §9 example 4: GC 9.4.4 VF migrating from node 2 to node 5 */
	{ "gc944",
	  { 0x1000, 0xcfff, 0, 0x72, 0x17f8 },
	  0x17f0000000,
	  GMC_VISIBLE_ALL,
	  -1,
	  true,
	  false },
	{ "gc944",
	  { 0x1000, 0xcfff, 0, 0x75, 0x17f8 },
	  0x17f0000000,
	  GMC_VISIBLE_ALL,
	  -1,
	  true,
	  false },
	/* small Navi21s, so VRAM, the visible window and GART fill up */
	{ "sienna_cichlid", { 0x8000, 0, 0, 0, 0 }, MiB(64), MiB(16), 32, false, false },
	{ "sienna_cichlid", { 0x8100, 0, 0x10, 0, 0 }, MiB(48), MiB(8), 32, false, false },
	/* gmc v11 (GART high) */
	{ "gc1100", { 0x8000, 0, 0, 0, 0 }, MiB(256), MiB(256), 32, false, false },
	/* §9 example 3: Aldebaran connected to the CPU, node 5 of 8 */
	{ "aldebaran", { 0, 0, 0x20000, 0x75, 0x1000 }, GiB(64), GiB(64), -1, false, true },
};
#define N_LAYOUTS (sizeof(layout_specs) / sizeof(layout_specs[0]))

static struct gmc_layout layouts[N_LAYOUTS];

static void
init_layouts(void)
{
	static bool done;

	if (done)
		return;
	for (size_t i = 0; i < N_LAYOUTS; i++) {
		const struct layout_spec *s = &layout_specs[i];
		const struct gmc_asic *asic;
		struct gmc_params p;
		struct gmc_regs r;
		struct gmc_error err = { 0 };

		FUZZ_CHECK(gmc_asic_find(s->part, &asic, &err) == 0, "%s", err.message);
		gmc_params_init(&p);
		p.vram_size = s->vram_size;
		p.visible_vram_size = s->visible;
		p.gart_size_mb = s->gart_mb;
		p.sriov = s->sriov;
		p.connected_to_cpu = s->connected_to_cpu;
		memcpy(r.value, s->regs, sizeof(r.value));
		FUZZ_CHECK(gmc_layout_compute(asic, &r, &p, &layouts[i], &err) == 0, "%s",
			   err.message);
	}
	done = true;
}

/* What the harness knows about a held address besides the library's own record. */
struct held_meta {
	enum gmc_addr_kind kind;
	uint64_t delta;	    /* sum of gmc_addr_plus() offsets */
	uint32_t bo_id;	    /* the BO it was derived from */
	bool have_place;    /* the BO's place at derivation is known */
	uint64_t bo_offset; /* where the BO was then */
	enum gmc_domain mem;
};

struct state {
	struct gmc_dev *dev;
	struct gmc_bo *slot[N_SLOTS];
	struct gmc_bo *alias[N_ALIASES]; /* extra references (gmc_bo_ref) */
	struct gmc_addr held[N_HELD];
	struct held_meta meta[N_HELD];
	struct gmc_layout layout; /* the layout the device should have */
	uint64_t bar;
	uint64_t generation;
	bool kva_known;
	uint64_t kva_base; /* base of GTT CPU addresses, learned from the first one */
	/* pin counts after the previous step, by BO id */
	uint32_t pin_id[N_SLOTS + N_ALIASES];
	unsigned pin_count[N_SLOTS + N_ALIASES];
	size_t n_pins;
	uint32_t max_id; /* largest BO id seen: ids are never reused */
	unsigned step;
};

static uint64_t
sext(uint64_t a)
{
	return a >= GMC_HOLE_START ? a | SIGN_BITS : a;
}

static struct gmc_bo *
find_live(const struct state *s, uint32_t id)
{
	for (struct gmc_bo *bo = gmc_dev_next_bo(s->dev, NULL); bo;
	     bo = gmc_dev_next_bo(s->dev, bo)) {
		if (gmc_bo_id(bo) == id)
			return bo;
	}
	return NULL;
}

/* A failed call: a negative errno the library names, and a reason. */
static void
check_rc(const struct state *s, const char *call, int rc)
{
	if (rc == 0)
		return;
	FUZZ_CHECK(rc < 0, "%s returned %d", call, rc);
	FUZZ_CHECK(strcmp(gmc_errno_name(rc), "EUNKNOWN") != 0,
		   "%s returned %d, which gmc_errno_name() does not know (%s)", call, rc,
		   gmc_dev_strerror(s->dev));
	FUZZ_CHECK(gmc_dev_strerror(s->dev)[0] != '\0', "%s failed without a reason", call);
}

/*
 * Remember where the BO was when held address @p h was derived from it: where
 * it is now, unless @p place_unknown (the address came back from a call that
 * failed after moving the BO).
 */
static void
note_derived_at(struct state *s, unsigned h, enum gmc_addr_kind kind, bool place_unknown)
{
	struct gmc_bo *bo;

	if (!gmc_addr_is_tracked(&s->held[h])) {
		s->meta[h] = (struct held_meta){ .kind = GMC_ADDR_NONE };
		return;
	}
	bo = find_live(s, s->held[h].bo_id);
	s->meta[h] = (struct held_meta){
		.kind = kind,
		.bo_id = s->held[h].bo_id,
		.have_place = bo != NULL && !place_unknown,
		.bo_offset = bo ? gmc_bo_offset(bo) : 0,
		.mem = bo ? gmc_bo_mem_type(bo) : GMC_DOMAIN_NONE,
	};
	if (kind == GMC_ADDR_CPU && bo && gmc_bo_mem_type(bo) == GMC_DOMAIN_GTT && !s->kva_known) {
		s->kva_base = s->held[h].value - gmc_bo_offset(bo);
		s->kva_known = true;
		FUZZ_CHECK(s->kva_base >= VMALLOC_START && s->kva_base <= VMALLOC_END,
			   "GTT CPU address base 0x%llx is not in the vmalloc area",
			   (unsigned long long)s->kva_base);
	}
}

static void
note_derived(struct state *s, unsigned h, enum gmc_addr_kind kind)
{
	note_derived_at(s, h, kind, false);
}

/* §7, recomputed: the value the driver would hold now for @p kind of @p bo. */
static bool
fresh_value(const struct state *s, const struct gmc_layout *l, const struct gmc_bo *bo,
	    enum gmc_addr_kind kind, uint64_t *out)
{
	uint64_t off = gmc_bo_offset(bo);
	enum gmc_domain mem = gmc_bo_mem_type(bo);
	uint64_t node = (uint64_t)l->xgmi.physical_node_id * l->xgmi.node_segment_size;

	switch (kind) {
	case GMC_ADDR_MC: /* amdgpu_bo_gpu_offset(): domain start + offset, sign-extended */
		*out = sext((mem == GMC_DOMAIN_GTT ? l->gart_start : l->vram_start) + off);
		return true;
	case GMC_ADDR_PA: /* amdgpu_gmc_vram_pa() = mc2pa(gpu_offset) */
		*out = sext(l->vram_start + off) - l->vram_start + l->vram_base_offset;
		return true;
	case GMC_ADDR_FB_APER: /* amdgpu_bo_fb_aper_addr() */
		*out = sext(l->fb_start + node + off);
		return true;
	case GMC_ADDR_CPU: /* VRAM BAR + offset, or the vmapped GTT pages */
		if (mem == GMC_DOMAIN_VRAM) {
			*out = s->bar + off;
			return true;
		}
		if (!s->kva_known)
			return false;
		*out = s->kva_base + off;
		return true;
	case GMC_ADDR_NONE:
		break;
	}
	return false;
}

/* The base whose move a stale address of @p kind is blamed on when the BO stayed. */
static unsigned
base_cause(enum gmc_addr_kind kind, enum gmc_domain mem)
{
	switch (kind) {
	case GMC_ADDR_MC:
		return mem == GMC_DOMAIN_GTT ? GMC_CAUSE_GART_START : GMC_CAUSE_VRAM_START;
	case GMC_ADDR_PA:
		return GMC_CAUSE_VRAM_BASE_OFFSET;
	case GMC_ADDR_FB_APER:
		return GMC_CAUSE_FB_APERTURE;
	case GMC_ADDR_CPU:
		return GMC_CAUSE_BAR;
	case GMC_ADDR_NONE:
		break;
	}
	return 0;
}

static void
check_held(const struct state *s, unsigned h, const struct gmc_layout *l, bool with)
{
	const struct gmc_addr *a = &s->held[h];
	const struct held_meta *m = &s->meta[h];
	struct gmc_addr_status st;
	struct gmc_bo *bo;
	uint64_t want;
	bool moved;
	int rc;

	memset(&st, 0xa5, sizeof(st));
	rc = with ? gmc_addr_check_with(s->dev, l, a, &st) : gmc_addr_check(s->dev, a, &st);
	if (!gmc_addr_is_tracked(a)) {
		FUZZ_CHECK(rc == -EINVAL, "check of an untracked address returned %d", rc);
		return;
	}
	FUZZ_CHECK(rc == 0, "check of held address %u returned %d", h, rc);
	FUZZ_CHECK(st.cached == a->value, "status.cached is not the held value");
	FUZZ_CHECK((st.causes & ~KNOWN_CAUSES) == 0, "unknown cause bits 0x%x", st.causes);
	FUZZ_CHECK(st.stale == (st.causes != 0), "stale %d with causes 0x%x", st.stale, st.causes);

	bo = find_live(s, m->bo_id);
	if (!bo) {
		FUZZ_CHECK(st.stale && st.causes == GMC_CAUSE_BO_FREED && !st.fresh_valid,
			   "address of freed BO %u: stale %d causes 0x%x", m->bo_id, st.stale,
			   st.causes);
		return;
	}
	if (gmc_bo_mem_type(bo) == GMC_DOMAIN_NONE) {
		FUZZ_CHECK(st.stale && st.causes == GMC_CAUSE_BO_EVICTED && !st.fresh_valid,
			   "address of evicted BO %u: causes 0x%x", m->bo_id, st.causes);
		return;
	}
	moved = m->have_place &&
		(gmc_bo_offset(bo) != m->bo_offset || gmc_bo_mem_type(bo) != m->mem);
	if ((m->kind == GMC_ADDR_PA || m->kind == GMC_ADDR_FB_APER) &&
	    gmc_bo_mem_type(bo) != GMC_DOMAIN_VRAM) {
		/* the driver has no physical or FB-aperture address of a GTT BO */
		FUZZ_CHECK(st.stale && st.causes == GMC_CAUSE_BO_MOVED && !st.fresh_valid,
			   "%s address of a BO now in GTT: stale %d causes 0x%x",
			   gmc_addr_kind_name(m->kind), st.stale, st.causes);
		return;
	}
	if (!fresh_value(s, l, bo, m->kind, &want))
		return;
	want += m->delta;
	FUZZ_CHECK(st.fresh_valid && st.fresh == want,
		   "%s address of BO %u: fresh 0x%llx (valid %d), recomputed 0x%llx",
		   gmc_addr_kind_name(m->kind), m->bo_id, (unsigned long long)st.fresh,
		   st.fresh_valid, (unsigned long long)want);
	FUZZ_CHECK(st.stale == (want != a->value), "%s address: stale %d but %s",
		   gmc_addr_kind_name(m->kind), st.stale,
		   want != a->value ? "it changed" : "it did not change");
	if (!st.stale || !m->have_place)
		return;
	if (moved) {
		FUZZ_CHECK(st.causes & GMC_CAUSE_BO_MOVED, "a moved BO's address blames 0x%x",
			   st.causes);
	} else {
		unsigned allowed = base_cause(m->kind, gmc_bo_mem_type(bo)) | GMC_CAUSE_VRAM_START;

		FUZZ_CHECK(
			(st.causes & ~allowed) == 0 && !(st.causes & GMC_CAUSE_BO_MOVED),
			"held %u: %s address of BO %u, which stayed at 0x%llx in %d, blames 0x%x",
			h, gmc_addr_kind_name(m->kind), m->bo_id, (unsigned long long)m->bo_offset,
			m->mem, st.causes);
	}
}

static bool
same_layout(const struct gmc_layout *a, const struct gmc_layout *b)
{
	return a->asic == b->asic && a->mode == b->mode && a->vram_start == b->vram_start &&
	       a->vram_end == b->vram_end && a->fb_start == b->fb_start &&
	       a->real_vram_size == b->real_vram_size &&
	       a->visible_vram_size == b->visible_vram_size && a->gart_start == b->gart_start &&
	       a->gart_size == b->gart_size && a->vram_base_offset == b->vram_base_offset &&
	       a->xgmi.physical_node_id == b->xgmi.physical_node_id &&
	       a->xgmi.node_segment_size == b->xgmi.node_segment_size;
}

static bool
held_by_harness(const struct state *s, const struct gmc_bo *bo)
{
	for (unsigned i = 0; i < N_SLOTS; i++) {
		if (s->slot[i] == bo)
			return true;
	}
	for (unsigned i = 0; i < N_ALIASES; i++) {
		if (s->alias[i] == bo)
			return true;
	}
	return false;
}

static unsigned
previous_pin_count(const struct state *s, uint32_t id, bool *known)
{
	for (size_t i = 0; i < s->n_pins; i++) {
		if (s->pin_id[i] == id) {
			*known = true;
			return s->pin_count[i];
		}
	}
	*known = false;
	return 0;
}

static void
check_all(struct state *s)
{
	const struct gmc_layout *l = gmc_dev_layout(s->dev);
	struct gmc_bo *live[N_SLOTS + N_ALIASES];
	struct gmc_pin_accounting acct, actual, drift;
	size_t n = 0;

	FUZZ_CHECK(same_layout(l, &s->layout), "the device's layout is not the one set");
	FUZZ_CHECK(gmc_dev_generation(s->dev) == s->generation, "generation %llu, expected %llu",
		   (unsigned long long)gmc_dev_generation(s->dev),
		   (unsigned long long)s->generation);

	for (struct gmc_bo *bo = gmc_dev_next_bo(s->dev, NULL); bo;
	     bo = gmc_dev_next_bo(s->dev, bo)) {
		uint64_t off = gmc_bo_offset(bo), size = gmc_bo_size(bo);
		enum gmc_domain mem = gmc_bo_mem_type(bo);
		bool known;
		unsigned before = previous_pin_count(s, gmc_bo_id(bo), &known);
		unsigned pins = gmc_bo_pin_count(bo);

		FUZZ_CHECK(held_by_harness(s, bo), "BO %u is alive but nobody holds it",
			   gmc_bo_id(bo));
		FUZZ_CHECK(n < N_SLOTS + N_ALIASES, "more live BOs than references");
		live[n++] = bo;
		FUZZ_CHECK(gmc_bo_id(bo) != 0, "BO id 0");
		FUZZ_CHECK(pins <= before + 1 && pins + 1 >= before && pins <= s->step,
			   "BO %u pin count went from %u to %u in one step", gmc_bo_id(bo), before,
			   pins);
		FUZZ_CHECK(known || pins <= 1, "new BO %u has pin count %u", gmc_bo_id(bo), pins);
		FUZZ_CHECK(known || gmc_bo_id(bo) > s->max_id,
			   "BO id %u reused (ids so far up to %u)", gmc_bo_id(bo), s->max_id);
		FUZZ_CHECK(size > 0 && size % PAGE == 0, "BO %u size 0x%llx", gmc_bo_id(bo),
			   (unsigned long long)size);
		if (mem == GMC_DOMAIN_NONE)
			continue;
		FUZZ_CHECK(mem == GMC_DOMAIN_VRAM || mem == GMC_DOMAIN_GTT, "mem type %d", mem);
		FUZZ_CHECK(off % PAGE == 0, "BO %u offset 0x%llx", gmc_bo_id(bo),
			   (unsigned long long)off);
		FUZZ_CHECK(off + size > off &&
				   off + size <= (mem == GMC_DOMAIN_VRAM ? l->real_vram_size
									 : l->gart_size),
			   "BO %u [0x%llx, +0x%llx) lies outside %s", gmc_bo_id(bo),
			   (unsigned long long)off, (unsigned long long)size,
			   mem == GMC_DOMAIN_VRAM ? "VRAM" : "GART");
		for (size_t j = 0; j + 1 < n; j++) {
			const struct gmc_bo *o = live[j];

			if (gmc_bo_mem_type(o) != mem)
				continue;
			FUZZ_CHECK(off + size <= gmc_bo_offset(o) ||
					   gmc_bo_offset(o) + gmc_bo_size(o) <= off,
				   "BOs %u and %u overlap in %s", gmc_bo_id(bo), gmc_bo_id(o),
				   mem == GMC_DOMAIN_VRAM ? "VRAM" : "GART");
		}
	}
	for (unsigned i = 0; i < N_SLOTS; i++)
		FUZZ_CHECK(!s->slot[i] || find_live(s, gmc_bo_id(s->slot[i])) == s->slot[i],
			   "slot %u holds a released BO", i);
	for (unsigned i = 0; i < N_ALIASES; i++)
		FUZZ_CHECK(!s->alias[i] || find_live(s, gmc_bo_id(s->alias[i])) == s->alias[i],
			   "alias %u holds a released BO", i);

	/* the counters drift from the pinned BOs' sum exactly by what the warnings recorded */
	gmc_dev_pin_accounting(s->dev, &acct);
	gmc_dev_pin_accounting_actual(s->dev, &actual);
	gmc_dev_event_drift(s->dev, &drift);
	FUZZ_CHECK(
		acct.vram_pin_size == actual.vram_pin_size + drift.vram_pin_size &&
			acct.visible_pin_size == actual.visible_pin_size + drift.visible_pin_size &&
			acct.gart_pin_size == actual.gart_pin_size + drift.gart_pin_size,
		"accounting (%lld, %lld, %lld) != actual (%lld, %lld, %lld) + drift (%lld, %lld, "
		"%lld)",
		(long long)acct.vram_pin_size, (long long)acct.visible_pin_size,
		(long long)acct.gart_pin_size, (long long)actual.vram_pin_size,
		(long long)actual.visible_pin_size, (long long)actual.gart_pin_size,
		(long long)drift.vram_pin_size, (long long)drift.visible_pin_size,
		(long long)drift.gart_pin_size);
	FUZZ_CHECK(gmc_dev_event_count(s->dev) <= GMC_EVENT_LOG_MAX, "event log overflow");

	for (unsigned h = 0; h < N_HELD; h++)
		check_held(s, h, l, false);

	/* remember the pin counts for the next step */
	s->n_pins = 0;
	for (size_t i = 0; i < n; i++) {
		if (gmc_bo_id(live[i]) > s->max_id)
			s->max_id = gmc_bo_id(live[i]);
		s->pin_id[s->n_pins] = gmc_bo_id(live[i]);
		s->pin_count[s->n_pins++] = gmc_bo_pin_count(live[i]);
	}
}

/* A BO size: up to 2^63 bytes, any alignment, 0 included. */
static uint64_t
op_size(uint8_t c, uint32_t v)
{
	return (uint64_t)v << (c & 31);
}

/* b[7:4]: 0 = default (a page), 15 = not a power of two, else 2^(8 + 2 * n) bytes. */
static uint64_t
op_align(uint8_t b)
{
	unsigned n = b >> 4;

	if (n == 0)
		return 0;
	if (n == 15)
		return 3;
	return UINT64_C(1) << (8 + 2 * n);
}

/* Errors to inject, and two that gmc_dev_fail_next() must refuse. */
static const int inject_errors[] = { -ENOMEM, -EIO, -ENOSPC, -EINVAL, -EBUSY, -EPERM, 0, 1 };

/* Create through create_kernel or create_reserved, keeping the addresses it returns. */
static void
op_create(struct state *s, bool reserved, uint8_t a, uint8_t b, uint8_t c, uint32_t v)
{
	struct gmc_bo **slot = &s->slot[a % N_SLOTS];
	unsigned hg = (a >> 4) % N_HELD, hc = (hg + 1) % N_HELD;
	struct gmc_addr gpu = gmc_addr_untracked(0), cpu = gmc_addr_untracked(0);
	bool want_gpu = b & 0x4, want_cpu = b & 0x8;
	int rc;

	rc = (reserved ? gmc_bo_create_reserved
		       : gmc_bo_create_kernel)(s->dev, op_size(c, v), op_align(b), b & 3, slot,
					       want_gpu ? &gpu : NULL, want_cpu ? &cpu : NULL);
	check_rc(s, "create", rc);
	if (op_size(c, v) == 0)
		FUZZ_CHECK(rc == 0 && !*slot, "size-0 create left %p (rc %d)", (void *)*slot, rc);
	if (rc == 0 && *slot)
		FUZZ_CHECK(gmc_bo_is_reserved(*slot) == reserved, "create left reserved = %d",
			   gmc_bo_is_reserved(*slot));
	/* the driver writes gpu_addr before kmap, so a failed call may have refreshed it */
	if (gmc_addr_is_tracked(&gpu)) {
		s->held[hg] = gpu;
		note_derived(s, hg, GMC_ADDR_MC);
	}
	if (gmc_addr_is_tracked(&cpu)) {
		FUZZ_CHECK(rc == 0, "a failed create handed out a CPU address");
		s->held[hc] = cpu;
		note_derived(s, hc, GMC_ADDR_CPU);
	}
}

static void
op_suspend(struct state *s)
{
	struct {
		struct gmc_bo *bo;
		unsigned pins;
		enum gmc_domain mem;
		uint64_t off;
	} before[N_SLOTS];
	size_t n = 0;
	int rc;

	for (unsigned i = 0; i < N_SLOTS; i++) {
		if (s->slot[i]) {
			before[n].bo = s->slot[i];
			before[n].pins = gmc_bo_pin_count(s->slot[i]);
			before[n].mem = gmc_bo_mem_type(s->slot[i]);
			before[n].off = gmc_bo_offset(s->slot[i]);
			n++;
		}
	}
	rc = gmc_dev_suspend(s->dev);
	check_rc(s, "suspend", rc);
	FUZZ_CHECK(gmc_dev_in_suspend(s->dev), "suspend did not set in_suspend");
	if (rc)
		return;
	for (size_t i = 0; i < n; i++) {
		enum gmc_domain mem = gmc_bo_mem_type(before[i].bo);

		if (before[i].pins || before[i].mem != GMC_DOMAIN_VRAM)
			FUZZ_CHECK(mem == before[i].mem &&
					   (mem == GMC_DOMAIN_NONE ||
					    gmc_bo_offset(before[i].bo) == before[i].off),
				   "suspend moved BO %u (pinned %u, in %d)",
				   gmc_bo_id(before[i].bo), before[i].pins, before[i].mem);
		else
			FUZZ_CHECK(mem == GMC_DOMAIN_NONE, "suspend kept unpinned VRAM BO %u",
				   gmc_bo_id(before[i].bo));
	}
}

static void
op_set_layout(struct state *s, unsigned which)
{
	const struct gmc_layout *nl = &layouts[which % N_LAYOUTS];
	bool fits = true;
	int rc;

	/* -EBUSY exactly when a resident BO lies beyond the new VRAM or GART size */
	for (struct gmc_bo *bo = gmc_dev_next_bo(s->dev, NULL); bo;
	     bo = gmc_dev_next_bo(s->dev, bo)) {
		enum gmc_domain mem = gmc_bo_mem_type(bo);

		if (mem == GMC_DOMAIN_NONE)
			continue;
		if (gmc_bo_offset(bo) + gmc_bo_size(bo) >
		    (mem == GMC_DOMAIN_VRAM ? nl->real_vram_size : nl->gart_size))
			fits = false;
	}
	rc = gmc_dev_set_layout(s->dev, nl);
	check_rc(s, "set_layout", rc);
	FUZZ_CHECK(rc == (fits ? 0 : -EBUSY), "set_layout returned %d, expected %d", rc,
		   fits ? 0 : -EBUSY);
	if (rc == 0) {
		s->layout = *nl;
		s->generation++;
	}
}

static struct gmc_bo *
slot_bo(const struct state *s, uint8_t a)
{
	return s->slot[a % N_SLOTS];
}

static void
run_op(struct state *s, uint8_t op, uint8_t a, uint8_t b, uint8_t c, uint32_t v)
{
	struct gmc_bo *bo = slot_bo(s, a);
	unsigned h = (a >> 4) % N_HELD;
	struct gmc_addr tmp;
	int rc;

	switch (op % OP_COUNT) {
	case OP_CREATE_KERNEL:
		op_create(s, false, a, b, c, v);
		break;
	case OP_CREATE_RESERVED:
		op_create(s, true, a, b, c, v);
		break;
	case OP_CREATE_KERNEL_AT: {
		/* page offset v, c[7] makes it unaligned; size b << c[4:0] bytes */
		uint64_t off = ((uint64_t)v << 12) + (c & 0x80 ? 0x123 : 0);
		uint64_t size = (uint64_t)b << (c & 31);

		tmp = gmc_addr_untracked(0);
		rc = gmc_bo_create_kernel_at(s->dev, off, size, &s->slot[a % N_SLOTS],
					     c & 0x40 ? &tmp : NULL);
		check_rc(s, "create_kernel_at", rc);
		if (rc == 0 && s->slot[a % N_SLOTS] && !bo) {
			struct gmc_bo *nb = s->slot[a % N_SLOTS];

			FUZZ_CHECK(gmc_bo_mem_type(nb) == GMC_DOMAIN_VRAM &&
					   gmc_bo_offset(nb) == (off & ~(PAGE - 1)),
				   "create_kernel_at placed BO %u at 0x%llx, not 0x%llx",
				   gmc_bo_id(nb), (unsigned long long)gmc_bo_offset(nb),
				   (unsigned long long)(off & ~(PAGE - 1)));
		}
		/*
		 * A failure after the move hands back the mapping create_reserved made
		 * at the old place, as the driver leaves *cpu_addr.
		 */
		if (gmc_addr_is_tracked(&tmp)) {
			s->held[h] = tmp;
			note_derived_at(s, h, GMC_ADDR_CPU, rc != 0);
		}
		break;
	}
	case OP_FREE_KERNEL: {
		unsigned h2 = (h + 1) % N_HELD;

		gmc_bo_free_kernel(s->dev, &s->slot[a % N_SLOTS], b & 1 ? &s->held[h] : NULL,
				   b & 2 ? &s->held[h2] : NULL);
		FUZZ_CHECK(!s->slot[a % N_SLOTS], "free_kernel left the slot set");
		if (bo && (b & 1)) {
			FUZZ_CHECK(!gmc_addr_is_tracked(&s->held[h]) && s->held[h].value == 0,
				   "free_kernel did not zero gpu_addr");
			note_derived(s, h, GMC_ADDR_NONE);
		}
		if (bo && (b & 2)) {
			FUZZ_CHECK(!gmc_addr_is_tracked(&s->held[h2]) && s->held[h2].value == 0,
				   "free_kernel did not zero cpu_addr");
			note_derived(s, h2, GMC_ADDR_NONE);
		}
		break;
	}
	case OP_RESERVE: {
		bool was;

		if (!bo)
			break;
		was = gmc_bo_is_reserved(bo);
		rc = gmc_bo_reserve(s->dev, bo);
		check_rc(s, "reserve", rc);
		/* a reserved BO cannot be reserved again; an injected failure changes nothing */
		FUZZ_CHECK(!was || rc != 0, "reserve of a reserved BO succeeded");
		FUZZ_CHECK(gmc_bo_is_reserved(bo) == (was || rc == 0),
			   "reserve (%d) left reserved = %d", rc, gmc_bo_is_reserved(bo));
		break;
	}
	case OP_UNRESERVE:
		if (!bo)
			break;
		rc = gmc_bo_unreserve(s->dev, bo);
		check_rc(s, "unreserve", rc);
		FUZZ_CHECK(!gmc_bo_is_reserved(bo), "unreserve left the BO reserved");
		break;
	case OP_PIN:
		if (!bo)
			break;
		rc = gmc_bo_pin(s->dev, bo, b & 7);
		check_rc(s, "pin", rc);
		break;
	case OP_UNPIN:
		if (!bo)
			break;
		rc = gmc_bo_unpin(s->dev, bo);
		check_rc(s, "unpin", rc);
		break;
	case OP_KMAP:
		if (!bo)
			break;
		tmp = gmc_addr_untracked(0);
		rc = gmc_bo_kmap(s->dev, bo, &tmp);
		check_rc(s, "kmap", rc);
		FUZZ_CHECK(rc != 0 || gmc_addr_is_tracked(&tmp), "kmap returned no address");
		if (rc == 0) {
			s->held[h] = tmp;
			note_derived(s, h, GMC_ADDR_CPU);
		}
		break;
	case OP_KUNMAP:
		if (bo)
			gmc_bo_kunmap(s->dev, bo);
		break;
	case OP_GPU_OFFSET:
	case OP_FB_APER_ADDR:
	case OP_VRAM_PA: {
		enum gmc_addr_kind kind = op % OP_COUNT == OP_GPU_OFFSET     ? GMC_ADDR_MC
					  : op % OP_COUNT == OP_FB_APER_ADDR ? GMC_ADDR_FB_APER
									     : GMC_ADDR_PA;

		if (!bo)
			break;
		tmp = gmc_addr_untracked(0);
		rc = kind == GMC_ADDR_MC	? gmc_bo_gpu_offset(s->dev, bo, &tmp)
		     : kind == GMC_ADDR_FB_APER ? gmc_bo_fb_aper_addr(s->dev, bo, &tmp)
						: gmc_bo_vram_pa(s->dev, bo, &tmp);
		check_rc(s, gmc_addr_kind_name(kind), rc);
		FUZZ_CHECK(rc == 0 ? gmc_addr_is_tracked(&tmp) : !gmc_addr_is_tracked(&tmp),
			   "%s: rc %d with a tracked output %d", gmc_addr_kind_name(kind), rc,
			   gmc_addr_is_tracked(&tmp));
		if (rc == 0) {
			s->held[h] = tmp;
			note_derived(s, h, kind);
		}
		break;
	}
	case OP_FAIL_NEXT: {
		int e = inject_errors[v % (sizeof(inject_errors) / sizeof(inject_errors[0]))];
		unsigned point = b % (GMC_FAIL_POINT_COUNT + 1);

		rc = gmc_dev_fail_next(s->dev, (enum gmc_fail_point)point, e);
		check_rc(s, "fail_next", rc);
		FUZZ_CHECK(rc == (point < GMC_FAIL_POINT_COUNT && e < 0 ? 0 : -EINVAL),
			   "fail_next(%u, %d) returned %d", point, e, rc);
		break;
	}
	case OP_SUSPEND:
		op_suspend(s);
		break;
	case OP_SET_LAYOUT:
		op_set_layout(s, b);
		break;
	case OP_SET_BAR: {
		uint64_t bar = (uint64_t)v << (c & 31);

		gmc_dev_set_bar(s->dev, bar);
		if (bar != s->bar)
			s->generation++;
		s->bar = bar;
		break;
	}
	case OP_RESUME:
		rc = gmc_dev_resume(s->dev);
		check_rc(s, "resume", rc);
		FUZZ_CHECK(rc == 0 || rc == -ENOSPC, "resume returned %d", rc);
		FUZZ_CHECK(!gmc_dev_in_suspend(s->dev), "resume left in_suspend set");
		break;
	case OP_ADDR_PLUS:
		if (!gmc_addr_is_tracked(&s->held[h]))
			break;
		tmp = gmc_addr_plus(s->held[h], v);
		FUZZ_CHECK(tmp.value == s->held[h].value + v && gmc_addr_is_tracked(&tmp),
			   "addr_plus");
		s->held[h] = tmp;
		s->meta[h].delta += v;
		break;
	case OP_ADDR_MC2PA: {
		unsigned d = b % N_HELD;

		memset(&tmp, 0xa5, sizeof(tmp));
		rc = gmc_addr_mc2pa(s->dev, &s->held[h], &tmp);
		if (s->meta[h].kind != GMC_ADDR_MC || !gmc_addr_is_tracked(&s->held[h])) {
			FUZZ_CHECK(rc == -EINVAL, "mc2pa of a non-MC address returned %d", rc);
			break;
		}
		FUZZ_CHECK(rc == 0 && gmc_addr_is_tracked(&tmp), "mc2pa returned %d", rc);
		/* the driver's arithmetic on the held value, with today's layout */
		FUZZ_CHECK(tmp.value == s->held[h].value - s->layout.vram_start +
						s->layout.vram_base_offset,
			   "mc2pa of a held MC address");
		s->meta[d] = s->meta[h];
		s->meta[d].kind = GMC_ADDR_PA;
		s->held[d] = tmp;
		break;
	}
	case OP_REF: {
		struct gmc_bo **al = &s->alias[b % N_ALIASES];

		if (!bo)
			break;
		/* the slot holds its own reference, so this unref cannot release bo */
		gmc_bo_unref(s->dev, al);
		*al = gmc_bo_ref(bo);
		break;
	}
	case OP_UNREF:
		gmc_bo_unref(s->dev, &s->alias[b % N_ALIASES]);
		FUZZ_CHECK(!s->alias[b % N_ALIASES], "unref left the reference set");
		break;
	case OP_SET_IN_SUSPEND:
		gmc_dev_set_in_suspend(s->dev, b & 1);
		FUZZ_CHECK(gmc_dev_in_suspend(s->dev) == (b & 1), "set_in_suspend");
		break;
	case OP_EVENTS_CLEAR:
		gmc_dev_events_clear(s->dev);
		FUZZ_CHECK(gmc_dev_event_count(s->dev) == 0, "events_clear left events");
		break;
	case OP_ADDR_COPY: {
		unsigned d = b % N_HELD;

		/* a cached copy stays tracked */
		s->held[d] = s->held[h];
		s->meta[d] = s->meta[h];
		break;
	}
	case OP_CHECK_WITH:
		for (unsigned i = 0; i < N_HELD; i++)
			check_held(s, i, &layouts[b % N_LAYOUTS], true);
		break;
	}
}

/* FUZZ_TRACE=1 in the environment prints each step, to read a crasher. */
static int trace = -1;

static const char *const op_names[OP_COUNT] = {
	"create_kernel", "create_reserved", "create_kernel_at",
	"free_kernel",	 "reserve",	    "unreserve",
	"pin",		 "unpin",	    "kmap",
	"kunmap",	 "gpu_offset",	    "fb_aper_addr",
	"vram_pa",	 "fail_next",	    "suspend",
	"set_layout",	 "set_bar",	    "resume",
	"addr_plus",	 "addr_mc2pa",	    "ref",
	"unref",	 "set_in_suspend",  "events_clear",
	"addr_copy",	 "check_with",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	struct state s = { 0 };

	if (trace < 0)
		trace = getenv("FUZZ_TRACE") != NULL;
	init_layouts();
	s.layout = layouts[fuzz_u8(&in) % N_LAYOUTS];
	FUZZ_CHECK(gmc_dev_new(&s.layout, &s.dev) == 0, "gmc_dev_new failed");
	for (unsigned i = 0; i < N_HELD; i++)
		s.held[i] = gmc_addr_untracked(0);
	check_all(&s);

	for (s.step = 1; s.step <= MAX_OPS && fuzz_left(&in); s.step++) {
		uint8_t op = fuzz_u8(&in), a = fuzz_u8(&in), b = fuzz_u8(&in), c = fuzz_u8(&in);
		uint32_t v = fuzz_u32(&in);

		if (trace)
			fprintf(stderr, "step %u: %s slot %u held %u b 0x%02x c 0x%02x v 0x%x\n",
				s.step, op_names[op % OP_COUNT], a % N_SLOTS, (a >> 4) % N_HELD, b,
				c, v);
		run_op(&s, op, a, b, c, v);
		check_all(&s);
	}
	gmc_dev_free(s.dev);
	return 0;
}
