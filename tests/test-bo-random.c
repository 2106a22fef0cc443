/* SPDX-License-Identifier: MIT */
/*
 * Randomized sequences of kernel-BO operations checked against the test's
 * own model of bo-lifecycle-and-callers.md §A after every step.
 *
 * The model predicts return codes, pin counts (as unsigned: an underflow
 * must not wrap), reservation, which BOs live, the pin-size accounting and
 * the warnings. Where the BO lands is the allocator's choice: the model
 * takes the place it observes, after checking it (allowed domain, inside
 * the current sizes, aligned, CPU-visible when the BO needs CPU access, no
 * overlap). Every address the test holds (originals, copies, plus-offsets,
 * mc2pa results) is checked against a recomputation from the BO's current
 * place and the current layout, done here from gmc-address-math.md §7:
 *   MC  = sext(vram_start or gart_start + offset) + delta
 *   PA  = mc2pa(sext(vram_start + offset)) + delta
 *   FB  = sext(fb_start + node × segment + offset) + delta
 *   CPU = BAR + offset + delta (VRAM)
 *
 * Capacity: at most NSLOT BOs of at most MAX_SIZE + MAX_ALIGN bytes live at
 * once, every layout has at least 256 MiB visible and 512 MiB of VRAM and
 * GART. With 48 × 1.25 MiB = 60 MiB used, 196 MiB of the visible window
 * stay free in at most 49 holes, so some hole is >= 4 MiB: any allocator
 * that finds a fitting hole always succeeds, and allocation failures never
 * depend on the allocator's policy.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "test-bo-util.h"

#define NSLOT 48
#define NHELD 96
#define STEPS 6000
#define MIN_OPS 5000 /* steps that really called the library */
#define MAX_SIZE MiB(1)
#define MAX_ALIGN KiB(256)
#define MAX_REPORTS 40
#define MAX_PER_CHECK 3
#define N_LAYOUTS 7

/* Outcomes every seed must reach, so that no check goes untested. */
enum cov {
	COV_CREATE_NEW,
	COV_CREATE_EXISTING,
	COV_EDEADLK,
	COV_EPERM,
	COV_PIN_OTHER_DOMAIN,
	COV_INJ_CREATE,
	COV_INJ_RESERVE,
	COV_INJ_PIN,
	COV_INJ_ALLOC_GART,
	COV_INJ_KMAP,
	COV_KERNEL_AT,
	COV_KERNEL_AT_TAKEN,
	COV_EBUSY,
	COV_LAYOUT,
	COV_RESUMED,
	COV_GTT_BO,
	COV_HELD_FRESH,
	COV_HELD_STALE,
	COV_HELD_FREED,
	COV_HELD_EVICTED,
	COV_MC2PA,
	COV_COUNT
};

static const char *const cov_names[COV_COUNT] = {
	"create of a new BO",
	"create on an existing slot",
	"-EDEADLK",
	"-EPERM",
	"pin in another domain",
	"injected CREATE",
	"injected RESERVE",
	"injected PIN",
	"injected ALLOC_GART",
	"injected KMAP",
	"create_kernel_at",
	"create_kernel_at on a taken range",
	"set_layout -EBUSY",
	"set_layout",
	"BO back after resume",
	"GTT BO",
	"fresh held value",
	"stale held value",
	"freed BO's value",
	"evicted BO's value",
	"mc2pa of a held MC",
};

static const unsigned all_causes = GMC_CAUSE_VRAM_START | GMC_CAUSE_GART_START |
				   GMC_CAUSE_VRAM_BASE_OFFSET | GMC_CAUSE_FB_APERTURE |
				   GMC_CAUSE_BAR | GMC_CAUSE_BO_MOVED | GMC_CAUSE_BO_FREED |
				   GMC_CAUSE_BO_EVICTED;

/* The bases an address depends on, as they were when it was derived. */
struct snap {
	uint64_t vs, gs, vbo, fbb, bar;
};

/* One slot: a driver field holding a BO, and what the model knows of it. */
struct mbo {
	struct gmc_bo *bo; /* NULL: empty slot */
	uint32_t id;
	uint64_t size, align;
	unsigned preferred, flags;
	unsigned pin;
	bool reserved, kmapped;
	enum gmc_domain mem;
	uint64_t off;
	uint64_t pin_vis;	  /* visible bytes the first pin added */
	struct gmc_addr gpu, cpu; /* the driver's cached copies for this slot */
};

/* An address the test holds. */
struct mheld {
	bool used;
	struct gmc_addr a;
	uint32_t id;
	enum gmc_addr_kind kind;
	uint64_t delta;
	enum gmc_domain mem; /* where the BO was (for an mc2pa result: when the MC was taken) */
	uint64_t off;
	struct snap at;
	bool via_mc2pa;
	uint64_t gen;
};

struct model {
	struct gmc_dev *dev;
	struct gmc_layout layouts[N_LAYOUTS];
	struct gmc_layout cur;
	uint64_t bar, gen;
	bool in_suspend;
	struct mbo s[NSLOT];
	struct mheld h[NHELD];
	struct gmc_pin_accounting acct;
	size_t ev[GMC_EVENT_KIND_COUNT];
	size_t ev_total;
	bool have_kva;
	uint64_t kva;
	uint64_t rng;
	uint64_t seed;
	unsigned long step, noops;
	const char *op;
	unsigned errors, printed;
	unsigned long cov[COV_COUNT];
	struct {
		int line;
		unsigned n;
	} hist[64];
};

static void report(struct model *m, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
report(struct model *m, int line, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	size_t i;

	m->errors++;
	for (i = 0; i < 64 && m->hist[i].line && m->hist[i].line != line; i++)
		;
	if (i < 64) {
		m->hist[i].line = line;
		m->hist[i].n++;
	}
	/* the first few of each kind of mismatch; one broken invariant repeats every step */
	if (m->printed >= MAX_REPORTS || (i < 64 && m->hist[i].n > MAX_PER_CHECK))
		return;
	m->printed++;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	print_message("# seed %" PRIu64 " step %lu (%s), line %d: %s\n", m->seed, m->step, m->op,
		      line, buf);
}

#define CHECK(m, cond, ...)                                 \
	do {                                                \
		if (!(cond))                                \
			report((m), __LINE__, __VA_ARGS__); \
	} while (0)

#define CHECK_EQ(m, got, want, what)                                                            \
	do {                                                                                    \
		uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);                           \
		if (g_ != w_)                                                                   \
			report((m), __LINE__, "%s: got 0x%" PRIx64 ", want 0x%" PRIx64, (what), \
			       g_, w_);                                                         \
	} while (0)

/* splitmix64 */
static uint64_t
rnd(struct model *m)
{
	uint64_t z = (m->rng += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
below(struct model *m, uint64_t n)
{
	return rnd(m) % n;
}

static bool
chance(struct model *m, unsigned percent)
{
	return below(m, 100) < percent;
}

static uint64_t
align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static uint64_t
vis_part(uint64_t off, uint64_t size, uint64_t vis)
{
	if (off >= vis)
		return 0;
	return vis - off < size ? vis - off : size;
}

static struct snap
snap_now(const struct model *m)
{
	const struct gmc_layout *l = &m->cur;

	return (struct snap){
		.vs = l->vram_start,
		.gs = l->gart_start,
		.vbo = l->vram_base_offset,
		.fbb = l->fb_start + (uint64_t)l->xgmi.physical_node_id * l->xgmi.node_segment_size,
		.bar = m->bar,
	};
}

/* §7, from scratch: the value of @kind for a BO at (@mem, @off) now. */
static uint64_t
recompute(const struct model *m, enum gmc_addr_kind kind, enum gmc_domain mem, uint64_t off)
{
	const struct gmc_layout *l = &m->cur;
	struct snap s = snap_now(m);

	switch (kind) {
	case GMC_ADDR_MC:
		return sext((mem == GMC_DOMAIN_GTT ? l->gart_start : l->vram_start) + off);
	case GMC_ADDR_PA:
		return my_mc2pa(l, sext(l->vram_start + off));
	case GMC_ADDR_FB_APER:
		return sext(s.fbb + off);
	case GMC_ADDR_CPU:
		return (mem == GMC_DOMAIN_GTT ? m->kva : m->bar) + off;
	default:
		return 0;
	}
}

/* ---- accounting and events, per §A.4 / §A.5 ---- */

static void
expect_event(struct model *m, enum gmc_event_kind kind)
{
	m->ev[kind]++;
	m->ev_total++;
}

static void
first_pin_accounting(struct model *m, struct mbo *b)
{
	if (b->mem == GMC_DOMAIN_VRAM) {
		b->pin_vis = vis_part(b->off, b->size, m->cur.visible_vram_size);
		m->acct.vram_pin_size += (int64_t)b->size;
		m->acct.visible_pin_size += (int64_t)b->pin_vis;
	} else {
		b->pin_vis = 0;
		m->acct.gart_pin_size += (int64_t)b->size;
	}
}

/* amdgpu_bo_unpin's subtraction, by the current mem type; returns visible bytes taken. */
static uint64_t
subtract_now(struct model *m, const struct mbo *b)
{
	uint64_t vis = 0;

	if (b->mem == GMC_DOMAIN_VRAM) {
		vis = vis_part(b->off, b->size, m->cur.visible_vram_size);
		m->acct.vram_pin_size -= (int64_t)b->size;
		m->acct.visible_pin_size -= (int64_t)vis;
	} else if (b->mem == GMC_DOMAIN_GTT) {
		m->acct.gart_pin_size -= (int64_t)b->size;
	}
	return vis;
}

/* The model of amdgpu_bo_unpin (reservation already checked). */
static void
model_unpin(struct model *m, struct mbo *b)
{
	if (b->pin == 0) {
		subtract_now(m, b);
		expect_event(m, GMC_EVENT_UNPIN_UNDERFLOW);
		return;
	}
	if (--b->pin)
		return;
	/* the visible part now may differ from what the pin added (BAR resized) */
	if (subtract_now(m, b) != b->pin_vis)
		expect_event(m, GMC_EVENT_ACCOUNTING_DRIFT);
	b->pin_vis = 0;
}

/*
 * The last reference goes: ttm_bo_release WARNs if still pinned and the
 * accounting stays (§A.5). The slot's cached address fields are the
 * caller's and stay as they are.
 */
static void
model_release(struct model *m, struct mbo *b)
{
	struct gmc_addr gpu = b->gpu, cpu = b->cpu;

	if (b->pin)
		expect_event(m, GMC_EVENT_RELEASE_PINNED);
	memset(b, 0, sizeof(*b));
	b->gpu = gpu;
	b->cpu = cpu;
}

/* ---- observing placements ---- */

/* The placement the library chose for @b: check it, then adopt it. */
static void
adopt_place(struct model *m, struct mbo *b, unsigned domain, bool first_pin_done)
{
	enum gmc_domain mem = gmc_bo_mem_type(b->bo);
	uint64_t off = gmc_bo_offset(b->bo);

	if (mem == GMC_DOMAIN_NONE) {
		CHECK(m, b->mem == GMC_DOMAIN_NONE, "BO %u became non-resident outside suspend",
		      b->id);
		b->mem = mem;
		return;
	}
	CHECK(m, mem == GMC_DOMAIN_VRAM || mem == GMC_DOMAIN_GTT, "BO %u in mem type %d", b->id,
	      mem);
	CHECK(m, off % (b->align > PAGE ? b->align : PAGE) == 0,
	      "BO %u at 0x%" PRIx64 " breaks its alignment 0x%" PRIx64, b->id, off, b->align);
	if (first_pin_done) {
		CHECK(m, mem & domain, "BO %u pinned in %d, domain 0x%x", b->id, mem, domain);
		if (mem == GMC_DOMAIN_VRAM && !(b->flags & GMC_BO_NO_CPU_ACCESS))
			CHECK(m, off + b->size <= m->cur.visible_vram_size,
			      "CPU BO %u pinned at 0x%" PRIx64 " above the BAR", b->id, off);
	}
	b->mem = mem;
	b->off = off;
}

/* ---- held addresses ---- */

static void
hold(struct model *m, const struct gmc_addr *a, const struct mbo *b, enum gmc_addr_kind kind)
{
	struct mheld *h = &m->h[below(m, NHELD)];

	*h = (struct mheld){
		.used = true,
		.a = *a,
		.id = b->id,
		.kind = kind,
		.mem = b->mem,
		.off = b->off,
		.at = snap_now(m),
		.gen = m->gen,
	};
}

/* A value just handed out by the library: kind, value, provenance. */
static void
check_new_addr(struct model *m, const struct gmc_addr *a, const struct mbo *b,
	       enum gmc_addr_kind kind)
{
	uint64_t want;

	CHECK_EQ(m, a->kind, kind, "kind of a new address");
	CHECK(m, gmc_addr_is_tracked(a), "new address untracked");
	CHECK_EQ(m, a->bo_id, b->id, "bo_id of a new address");
	CHECK_EQ(m, a->generation, m->gen, "generation of a new address");
	if (kind == GMC_ADDR_CPU && b->mem == GMC_DOMAIN_GTT && !m->have_kva) {
		/*
		 * Where the CPU mapping of a GTT BO points is not documented
		 * (gmc-addr.h only defines CPU addresses of VRAM through the
		 * BAR): take the first one as the base and hold every later
		 * one to base + offset.
		 */
		m->kva = a->value - b->off;
		m->have_kva = true;
	}
	want = recompute(m, kind, b->mem, b->off);
	CHECK_EQ(m, a->value, want, gmc_addr_kind_name(kind));
	hold(m, a, b, kind);
}

static struct mbo *
find_id(struct model *m, uint32_t id)
{
	for (int i = 0; i < NSLOT; i++)
		if (m->s[i].bo && m->s[i].id == id)
			return &m->s[i];
	return NULL;
}

/* The base causes allowed for @h given what changed since it was derived. */
static unsigned
allowed_base_causes(const struct model *m, const struct mheld *h, const struct mbo *b)
{
	struct snap now = snap_now(m);
	unsigned c = 0;

	switch (h->kind) {
	case GMC_ADDR_MC:
		if (b->mem == GMC_DOMAIN_GTT ? now.gs != h->at.gs : now.vs != h->at.vs)
			c |= b->mem == GMC_DOMAIN_GTT ? GMC_CAUSE_GART_START : GMC_CAUSE_VRAM_START;
		break;
	case GMC_ADDR_PA:
		if (now.vbo != h->at.vbo)
			c |= GMC_CAUSE_VRAM_BASE_OFFSET;
		/* sign extension makes a PA depend on vram_start; an mc2pa result
		 * owes a stale input MC to it (§C.3 item 4) */
		if (now.vs != h->at.vs || h->via_mc2pa)
			c |= GMC_CAUSE_VRAM_START;
		break;
	case GMC_ADDR_FB_APER:
		if (now.fbb != h->at.fbb)
			c |= GMC_CAUSE_FB_APERTURE;
		break;
	case GMC_ADDR_CPU:
		if (b->mem == GMC_DOMAIN_VRAM && now.bar != h->at.bar)
			c |= GMC_CAUSE_BAR;
		break;
	default:
		break;
	}
	return c;
}

static void
check_held(struct model *m, struct mheld *h)
{
	struct gmc_addr_status st;
	struct mbo *b = find_id(m, h->id);
	int rc = gmc_addr_check(m->dev, &h->a, &st);

	CHECK_EQ(m, rc, 0, "gmc_addr_check rc");
	if (rc)
		return;
	CHECK_EQ(m, st.cached, h->a.value, "status cached");
	CHECK_EQ(m, st.generation, h->gen, "status generation");
	if (!b) {
		m->cov[COV_HELD_FREED]++;
		CHECK(m, st.stale && !st.fresh_valid && st.causes == GMC_CAUSE_BO_FREED,
		      "%s of freed BO %u: stale %d valid %d causes 0x%x",
		      gmc_addr_kind_name(h->kind), h->id, st.stale, st.fresh_valid, st.causes);
		return;
	}
	if (b->mem == GMC_DOMAIN_NONE) {
		m->cov[COV_HELD_EVICTED]++;
		CHECK(m, st.stale && !st.fresh_valid && st.causes == GMC_CAUSE_BO_EVICTED,
		      "%s of evicted BO %u: stale %d valid %d causes 0x%x",
		      gmc_addr_kind_name(h->kind), h->id, st.stale, st.fresh_valid, st.causes);
		return;
	}
	if ((h->kind == GMC_ADDR_PA || h->kind == GMC_ADDR_FB_APER) && b->mem == GMC_DOMAIN_GTT) {
		/* a VRAM-only address of a BO now in GTT: none exists (gmc-bo.h) */
		CHECK(m, st.stale && !st.fresh_valid && st.causes == GMC_CAUSE_BO_MOVED,
		      "%s of BO %u now in GTT: stale %d valid %d causes 0x%x",
		      gmc_addr_kind_name(h->kind), h->id, st.stale, st.fresh_valid, st.causes);
		return;
	}
	if (h->kind == GMC_ADDR_CPU && b->mem == GMC_DOMAIN_GTT && !m->have_kva) {
		/* moved into GTT before any GTT mapping showed where those point */
		CHECK(m, st.stale && st.fresh_valid && (st.causes & GMC_CAUSE_BO_MOVED),
		      "cpu of BO %u now in GTT: stale %d valid %d causes 0x%x", h->id, st.stale,
		      st.fresh_valid, st.causes);
		return;
	}
	{
		uint64_t want = recompute(m, h->kind, b->mem, b->off) + h->delta;
		bool moved = b->mem != h->mem || b->off != h->off;
		unsigned other = st.causes & ~GMC_CAUSE_BO_MOVED;
		unsigned allowed = allowed_base_causes(m, h, b);

		CHECK(m, st.fresh_valid, "%s of BO %u: no fresh value", gmc_addr_kind_name(h->kind),
		      h->id);
		CHECK_EQ(m, st.fresh, want, "fresh value");
		CHECK_EQ(m, st.stale, want != h->a.value, "stale");
		m->cov[want != h->a.value ? COV_HELD_STALE : COV_HELD_FRESH]++;
		if (want == h->a.value) {
			CHECK_EQ(m, st.causes, 0, "causes of a fresh value");
			return;
		}
		CHECK_EQ(m, st.causes & GMC_CAUSE_BO_MOVED, moved ? GMC_CAUSE_BO_MOVED : 0,
			 "BO_MOVED bit");
		CHECK(m, (st.causes & ~all_causes) == 0, "unknown cause bits 0x%x", st.causes);
		CHECK(m, (other & ~allowed) == 0,
		      "%s of BO %u: cause 0x%x names a base that did not move (allowed 0x%x)",
		      gmc_addr_kind_name(h->kind), h->id, st.causes, allowed);
		if (!moved)
			CHECK(m, other != 0, "stale %s of BO %u with no cause",
			      gmc_addr_kind_name(h->kind), h->id);
	}
}

/* ---- the invariants after every step ---- */

static void
check_all(struct model *m)
{
	struct gmc_pin_accounting acct, actual, drift, want_actual = { 0 };
	size_t live = 0, n = 0;

	for (struct gmc_bo *bo = gmc_dev_next_bo(m->dev, NULL); bo;
	     bo = gmc_dev_next_bo(m->dev, bo)) {
		bool found = false;

		n++;
		for (int i = 0; i < NSLOT && !found; i++)
			found = m->s[i].bo == bo;
		CHECK(m, found, "library BO %u is in no slot", gmc_bo_id(bo));
	}
	for (int i = 0; i < NSLOT; i++) {
		struct mbo *b = &m->s[i];

		if (!b->bo)
			continue;
		live++;
		CHECK_EQ(m, gmc_bo_id(b->bo), b->id, "id");
		/* unsigned: an underflow must not wrap to UINT_MAX */
		CHECK_EQ(m, gmc_bo_pin_count(b->bo), b->pin, "pin_count");
		CHECK_EQ(m, gmc_bo_is_reserved(b->bo), b->reserved, "reserved");
		CHECK_EQ(m, gmc_bo_size(b->bo), b->size, "size");
		CHECK_EQ(m, gmc_bo_flags(b->bo), b->flags, "flags");
		CHECK_EQ(m, gmc_bo_mem_type(b->bo), b->mem, "mem type");
		if (b->mem != GMC_DOMAIN_NONE)
			CHECK_EQ(m, gmc_bo_offset(b->bo), b->off, "offset");
		if (b->pin) {
			if (b->mem == GMC_DOMAIN_VRAM) {
				want_actual.vram_pin_size += (int64_t)b->size;
				want_actual.visible_pin_size += (int64_t)b->pin_vis;
			} else {
				want_actual.gart_pin_size += (int64_t)b->size;
			}
			CHECK(m, b->mem != GMC_DOMAIN_NONE, "pinned BO %u not resident", b->id);
		}
		/* inside the current sizes, no overlap within a domain */
		if (b->mem == GMC_DOMAIN_VRAM)
			CHECK(m, b->off + b->size <= m->cur.real_vram_size, "BO %u beyond VRAM",
			      b->id);
		if (b->mem == GMC_DOMAIN_GTT) {
			CHECK(m, b->off + b->size <= m->cur.gart_size, "BO %u beyond GART", b->id);
			m->cov[COV_GTT_BO]++;
		}
		for (int j = 0; j < i; j++) {
			const struct mbo *c = &m->s[j];

			if (!c->bo || c->mem != b->mem || b->mem == GMC_DOMAIN_NONE)
				continue;
			CHECK(m, b->off + b->size <= c->off || c->off + c->size <= b->off,
			      "BOs %u and %u overlap in %d", b->id, c->id, b->mem);
		}
	}
	CHECK_EQ(m, n, live, "live BOs");

	gmc_dev_pin_accounting(m->dev, &acct);
	gmc_dev_pin_accounting_actual(m->dev, &actual);
	gmc_dev_event_drift(m->dev, &drift);
	CHECK_EQ(m, acct.vram_pin_size, m->acct.vram_pin_size, "vram_pin_size");
	CHECK_EQ(m, acct.visible_pin_size, m->acct.visible_pin_size, "visible_pin_size");
	CHECK_EQ(m, acct.gart_pin_size, m->acct.gart_pin_size, "gart_pin_size");
	CHECK_EQ(m, actual.vram_pin_size, want_actual.vram_pin_size, "actual vram");
	CHECK_EQ(m, actual.visible_pin_size, want_actual.visible_pin_size, "actual visible");
	CHECK_EQ(m, actual.gart_pin_size, want_actual.gart_pin_size, "actual gart");
	CHECK_EQ(m, acct.vram_pin_size, actual.vram_pin_size + drift.vram_pin_size,
		 "vram = actual + drift");
	CHECK_EQ(m, acct.visible_pin_size, actual.visible_pin_size + drift.visible_pin_size,
		 "visible = actual + drift");
	CHECK_EQ(m, acct.gart_pin_size, actual.gart_pin_size + drift.gart_pin_size,
		 "gart = actual + drift");

	for (int k = GMC_EVENT_FREE_IN_SUSPEND; k < GMC_EVENT_KIND_COUNT; k++)
		if (gmc_dev_event_kind_count(m->dev, (enum gmc_event_kind)k) != m->ev[k])
			report(m, __LINE__, "%s events: %zu, want %zu",
			       gmc_event_kind_name((enum gmc_event_kind)k),
			       gmc_dev_event_kind_count(m->dev, (enum gmc_event_kind)k), m->ev[k]);
	CHECK_EQ(m, gmc_dev_event_count(m->dev),
		 m->ev_total < GMC_EVENT_LOG_MAX ? m->ev_total : GMC_EVENT_LOG_MAX,
		 "event log length");
	CHECK_EQ(m, gmc_dev_in_suspend(m->dev), m->in_suspend, "in_suspend");
	CHECK_EQ(m, gmc_dev_generation(m->dev), m->gen, "generation");

	for (int i = 0; i < NHELD; i++)
		if (m->h[i].used)
			check_held(m, &m->h[i]);
}

/* ---- operations ---- */

static const int inj_errors[] = { -EIO, -ENOMEM, -EINTR, -EAGAIN };

static int
pick_error(struct model *m)
{
	return inj_errors[below(m, sizeof(inj_errors) / sizeof(inj_errors[0]))];
}

static void
arm(struct model *m, enum gmc_fail_point p, int err)
{
	CHECK_EQ(m, gmc_dev_fail_next(m->dev, p, err), 0, "fail_next");
}

static unsigned
pick_domain(struct model *m)
{
	static const unsigned d[] = { GMC_DOMAIN_VRAM, GMC_DOMAIN_VRAM, GMC_DOMAIN_GTT,
				      GMC_DOMAIN_VRAM | GMC_DOMAIN_GTT };

	return d[below(m, 4)];
}

static uint64_t
pick_size(struct model *m)
{
	switch (below(m, 3)) {
	case 0:
		return (below(m, 16) + 1) * PAGE;
	case 1:
		return below(m, MAX_SIZE) + 1; /* not a page multiple, rounded up */
	default:
		return (below(m, MAX_SIZE / PAGE) + 1) * PAGE;
	}
}

static uint64_t
pick_align(struct model *m)
{
	static const uint64_t a[] = { 0, 0, PAGE, KiB(8), KiB(64), MAX_ALIGN };

	return a[below(m, 6)];
}

static void
expect_rc(struct model *m, int rc, int want, const char *what)
{
	if (rc != want)
		report(m, __LINE__, "%s returned %d, want %d", what, rc, want);
	if (rc && !gmc_dev_strerror(m->dev)[0])
		report(m, __LINE__, "%s failed with no reason given", what);
}

/*
 * create_reserved / create_kernel (§A.1, §A.2). @inj is a failure point the
 * op is certain to pass (or -1).
 */
static void
op_create(struct model *m, int slot, uint64_t size, uint64_t align, unsigned domain, bool want_gpu,
	  bool want_cpu, bool kernel, int inj, int err)
{
	struct mbo *b = &m->s[slot];
	struct gmc_addr gpu, cpu;
	struct gmc_bo *before = b->bo;
	bool first_pin = false;
	unsigned d = domain;
	int rc, want = 0;

	if (inj >= 0) {
		arm(m, (enum gmc_fail_point)inj, err);
		m->cov[COV_INJ_CREATE + inj]++;
	}
	if (kernel)
		rc = gmc_bo_create_kernel(m->dev, size, align, domain, &b->bo,
					  want_gpu ? &gpu : NULL, want_cpu ? &cpu : NULL);
	else
		rc = gmc_bo_create_reserved(m->dev, size, align, domain, &b->bo,
					    want_gpu ? &gpu : NULL, want_cpu ? &cpu : NULL);

	if (size == 0) {
		expect_rc(m, rc, 0, "create size 0");
		if (before)
			model_release(m, b);
		CHECK(m, b->bo == NULL, "size 0 left a BO in the slot");
		b->bo = NULL;
		return;
	}
	if (!before) {
		if (inj >= 0) {
			/*
			 * §A.1: create fails → dev_err; any later step fails →
			 * the BO created here is unref'ed (after error_unpin, so
			 * nothing stays counted, nothing warns).
			 */
			expect_rc(m, rc, err, "create of a new BO (injected)");
			if (inj == GMC_FAIL_CREATE)
				expect_event(m, GMC_EVENT_CREATE_FAILED);
			if (inj == GMC_FAIL_PIN)
				expect_event(m, GMC_EVENT_PIN_FAILED);
			CHECK(m, b->bo == NULL, "a BO created by a failed call stayed");
			b->bo = NULL;
			return;
		}
		/* a new BO (§A.1 bp): CONTIGUOUS, CPU_ACCESS_REQUIRED iff cpu_addr */
		CHECK(m, b->bo != NULL, "no BO created (rc %d)", rc);
		if (!b->bo)
			return;
		m->cov[COV_CREATE_NEW]++;
		*b = (struct mbo){
			.bo = b->bo,
			.id = gmc_bo_id(b->bo),
			.size = align_up(size, PAGE),
			.align = align ? align : PAGE,
			.preferred = domain,
			.flags = GMC_BO_VRAM_CONTIGUOUS |
				 (want_cpu ? GMC_BO_CPU_ACCESS_REQUIRED : GMC_BO_NO_CPU_ACCESS),
			.mem = GMC_DOMAIN_NONE,
		};
	} else {
		CHECK(m, b->bo == before, "create on an existing slot changed the BO");
		b->bo = before;
		m->cov[COV_CREATE_EXISTING]++;
	}

	/* reserve */
	if (inj == GMC_FAIL_RESERVE) {
		want = err;
		goto error_free;
	}
	if (b->reserved) {
		want = -EDEADLK;
		m->cov[COV_EDEADLK]++;
		goto error_free;
	}
	b->reserved = true;
	/* pin: the domain narrowed to the preferred ones when they overlap (§A.4) */
	if (d & b->preferred)
		d &= b->preferred;
	if (b->pin) {
		if (!(b->mem & d)) {
			want = -EINVAL;
			m->cov[COV_PIN_OTHER_DOMAIN]++;
			goto error_unreserve;
		}
		b->pin++;
	} else {
		if (inj == GMC_FAIL_PIN) {
			want = err;
			expect_event(m, GMC_EVENT_PIN_FAILED);
			goto error_unreserve;
		}
		if (!(b->flags & GMC_BO_NO_CPU_ACCESS))
			b->flags |= GMC_BO_CPU_ACCESS_REQUIRED;
		adopt_place(m, b, d, true);
		b->pin = 1;
		first_pin = true;
		first_pin_accounting(m, b);
	}
	if (inj == GMC_FAIL_ALLOC_GART) {
		want = err;
		goto error_unpin;
	}
	if (want_cpu) {
		if (b->flags & GMC_BO_NO_CPU_ACCESS) {
			want = -EPERM;
			m->cov[COV_EPERM]++;
			goto error_unpin;
		}
		if (!b->kmapped) {
			if (inj == GMC_FAIL_KMAP) {
				want = err;
				goto error_unpin;
			}
			b->kmapped = true;
		}
	}
	expect_rc(m, rc, 0, kernel ? "create_kernel" : "create_reserved");
	if (kernel)
		b->reserved = false;
	if (want_gpu) {
		check_new_addr(m, &gpu, b, GMC_ADDR_MC);
		b->gpu = gpu;
	}
	if (want_cpu) {
		check_new_addr(m, &cpu, b, GMC_ADDR_CPU);
		b->cpu = cpu;
	}
	return;

	/* only an existing BO gets here: it is never freed (§A.1 error_free) */
error_unpin:
	model_unpin(m, b);
error_unreserve:
	b->reserved = false;
error_free:
	expect_rc(m, rc, want, kernel ? "create_kernel" : "create_reserved");
	if (first_pin)
		adopt_place(m, b, d, false);
}

/* create_kernel_at (§A.3) on an empty slot. */
static void
op_kernel_at(struct model *m, int slot, uint64_t offset, uint64_t size, bool want_cpu, int inj,
	     int err)
{
	struct mbo *b = &m->s[slot];
	struct gmc_addr cpu;
	uint64_t start = offset & ~(PAGE - 1), asize = align_up(size, PAGE);
	bool free_range = start + asize <= m->cur.real_vram_size;
	int rc;

	for (int i = 0; i < NSLOT && free_range; i++) {
		const struct mbo *c = &m->s[i];

		if (c->bo && c->mem == GMC_DOMAIN_VRAM &&
		    !(start + asize <= c->off || c->off + c->size <= start))
			free_range = false;
	}
	if (inj >= 0) {
		arm(m, (enum gmc_fail_point)inj, err);
		m->cov[COV_INJ_CREATE + inj]++;
	}
	rc = gmc_bo_create_kernel_at(m->dev, offset, size, &b->bo, want_cpu ? &cpu : NULL);
	if (size == 0) {
		expect_rc(m, rc, 0, "kernel_at size 0");
		CHECK(m, b->bo == NULL, "kernel_at size 0 left a BO");
		b->bo = NULL;
		return;
	}
	if (inj >= 0) {
		/* any step of the create_reserved inside: nothing is left */
		expect_rc(m, rc, err, "kernel_at (injected)");
		if (inj == GMC_FAIL_CREATE)
			expect_event(m, GMC_EVENT_CREATE_FAILED);
		if (inj == GMC_FAIL_PIN)
			expect_event(m, GMC_EVENT_PIN_FAILED);
		CHECK(m, b->bo == NULL, "failed kernel_at left a BO");
		b->bo = NULL;
		return;
	}
	/*
	 * The first pin happened at the temporary place; with a CPU pointer,
	 * or with the whole VRAM visible, it added the full size to
	 * visible_pin_size (the caller only asks for NO_CPU when that holds).
	 */
	if (!free_range) {
		expect_rc(m, rc, -ENOSPC, "kernel_at on a taken range");
		CHECK(m, b->bo == NULL, "failed kernel_at left a BO");
		b->bo = NULL;
		/* released pinned: the accounting leaks, the driver WARNs */
		m->cov[COV_KERNEL_AT_TAKEN]++;
		m->acct.vram_pin_size += (int64_t)asize;
		m->acct.visible_pin_size += (int64_t)asize;
		expect_event(m, GMC_EVENT_RELEASE_PINNED);
		return;
	}
	expect_rc(m, rc, 0, "kernel_at");
	m->cov[COV_KERNEL_AT]++;
	CHECK(m, b->bo != NULL, "kernel_at gave no BO");
	if (!b->bo)
		return;
	*b = (struct mbo){
		.bo = b->bo,
		.id = gmc_bo_id(b->bo),
		.size = asize,
		.align = PAGE,
		.preferred = GMC_DOMAIN_VRAM,
		.flags = GMC_BO_VRAM_CONTIGUOUS |
			 (want_cpu ? GMC_BO_CPU_ACCESS_REQUIRED : GMC_BO_NO_CPU_ACCESS),
		.pin = 1,
		.kmapped = want_cpu,
		.mem = GMC_DOMAIN_VRAM,
		.off = start,
		.pin_vis = asize,
	};
	m->acct.vram_pin_size += (int64_t)asize;
	m->acct.visible_pin_size += (int64_t)asize;
	if (want_cpu) {
		check_new_addr(m, &cpu, b, GMC_ADDR_CPU);
		b->cpu = cpu;
	}
}

/* free_kernel (§A.6). */
static void
op_free(struct model *m, int slot, bool ptrs, bool inj_reserve, int err)
{
	struct mbo *b = &m->s[slot];
	bool had = b->bo != NULL;

	if (inj_reserve) {
		arm(m, GMC_FAIL_RESERVE, err);
		m->cov[COV_INJ_RESERVE]++;
	}
	gmc_bo_free_kernel(m->dev, &b->bo, ptrs ? &b->gpu : NULL, ptrs ? &b->cpu : NULL);
	CHECK(m, b->bo == NULL, "free_kernel left the slot set");
	if (!had)
		return; /* NULL slot: no-op */
	if (m->in_suspend)
		expect_event(m, GMC_EVENT_FREE_IN_SUSPEND);
	if (inj_reserve || b->reserved) {
		expect_event(m, GMC_EVENT_RESERVE_FAILED);
	} else {
		model_unpin(m, b);
	}
	if (ptrs) {
		CHECK(m, !gmc_addr_is_tracked(&b->gpu) && b->gpu.value == 0, "gpu slot not zeroed");
		CHECK(m, !gmc_addr_is_tracked(&b->cpu) && b->cpu.value == 0, "cpu slot not zeroed");
	}
	model_release(m, b);
}

/* pin or unpin, with the reservation (reserve, op, unreserve) or without. */
static void
op_pin(struct model *m, int slot, bool pin, bool with_resv, unsigned domain, int inj, int err)
{
	struct mbo *b = &m->s[slot];
	bool took = false;
	int rc;

	if (with_resv && !b->reserved) {
		if (inj == GMC_FAIL_RESERVE) {
			arm(m, GMC_FAIL_RESERVE, err);
			m->cov[COV_INJ_RESERVE]++;
		}
		rc = gmc_bo_reserve(m->dev, b->bo);
		if (inj == GMC_FAIL_RESERVE) {
			expect_rc(m, rc, err, "reserve (injected)");
			return;
		}
		expect_rc(m, rc, 0, "reserve");
		b->reserved = took = true;
	}
	if (inj == GMC_FAIL_PIN) {
		arm(m, GMC_FAIL_PIN, err);
		m->cov[COV_INJ_PIN]++;
	}
	rc = pin ? gmc_bo_pin(m->dev, b->bo, domain) : gmc_bo_unpin(m->dev, b->bo);
	if (!b->reserved) {
		expect_rc(m, rc, -EINVAL, pin ? "pin unreserved" : "unpin unreserved");
	} else if (!pin) {
		expect_rc(m, rc, 0, "unpin");
		model_unpin(m, b);
	} else {
		unsigned d = domain;

		if (d & b->preferred)
			d &= b->preferred;
		if (b->pin) {
			if (b->mem & d) {
				expect_rc(m, rc, 0, "pin of a pinned BO");
				b->pin++;
			} else {
				expect_rc(m, rc, -EINVAL, "pin of a pinned BO, other domain");
			}
		} else if (inj == GMC_FAIL_PIN) {
			expect_rc(m, rc, err, "pin (injected)");
			expect_event(m, GMC_EVENT_PIN_FAILED);
			adopt_place(m, b, d, false);
		} else {
			expect_rc(m, rc, 0, "first pin");
			if (!(b->flags & GMC_BO_NO_CPU_ACCESS))
				b->flags |= GMC_BO_CPU_ACCESS_REQUIRED;
			adopt_place(m, b, d, true);
			b->pin = 1;
			first_pin_accounting(m, b);
		}
	}
	if (took) {
		expect_rc(m, gmc_bo_unreserve(m->dev, b->bo), 0, "unreserve");
		b->reserved = false;
	}
}

/* The address getters on any live BO. */
static void
op_derive(struct model *m, int slot, int which)
{
	struct mbo *b = &m->s[slot];
	struct gmc_addr a;
	int rc;

	switch (which) {
	case 0:
		rc = gmc_bo_gpu_offset(m->dev, b->bo, &a);
		if (b->mem == GMC_DOMAIN_NONE) {
			expect_rc(m, rc, -ENOENT, "gpu_offset of an evicted BO");
			expect_event(m, GMC_EVENT_GPU_OFFSET_INVALID);
		} else {
			expect_rc(m, rc, 0, "gpu_offset");
			check_new_addr(m, &a, b, GMC_ADDR_MC);
		}
		break;
	case 1:
		rc = gmc_bo_vram_pa(m->dev, b->bo, &a);
		if (b->mem == GMC_DOMAIN_NONE) {
			expect_rc(m, rc, -ENOENT, "vram_pa of an evicted BO");
			expect_event(m, GMC_EVENT_GPU_OFFSET_INVALID);
		} else if (b->mem == GMC_DOMAIN_GTT) {
			expect_rc(m, rc, -EINVAL, "vram_pa of a GTT BO");
		} else {
			expect_rc(m, rc, 0, "vram_pa");
			check_new_addr(m, &a, b, GMC_ADDR_PA);
		}
		break;
	case 2:
		rc = gmc_bo_fb_aper_addr(m->dev, b->bo, &a);
		if (b->mem != GMC_DOMAIN_VRAM) {
			expect_rc(m, rc, -EINVAL, "fb_aper_addr not in VRAM");
			expect_event(m, GMC_EVENT_FB_APER_NOT_VRAM);
		} else {
			expect_rc(m, rc, 0, "fb_aper_addr");
			check_new_addr(m, &a, b, GMC_ADDR_FB_APER);
		}
		break;
	default:
		/* kmap of a resident BO */
		if (b->mem == GMC_DOMAIN_NONE) {
			m->noops++;
			break;
		}
		rc = gmc_bo_kmap(m->dev, b->bo, &a);
		if (b->flags & GMC_BO_NO_CPU_ACCESS) {
			expect_rc(m, rc, -EPERM, "kmap of a NO_CPU BO");
		} else {
			expect_rc(m, rc, 0, "kmap");
			b->kmapped = true;
			check_new_addr(m, &a, b, GMC_ADDR_CPU);
		}
		break;
	}
}

/* Copies, plus-offsets and mc2pa of held values. */
static void
op_derive_held(struct model *m)
{
	struct mheld *src = &m->h[below(m, NHELD)], *dst;
	struct mheld copy;

	if (!src->used) {
		m->noops++;
		return;
	}
	copy = *src;
	if (chance(m, 50)) {
		uint64_t d = below(m, 0x1000) * 8;

		copy.a = gmc_addr_plus(src->a, d);
		copy.delta += d;
		CHECK_EQ(m, copy.a.value, src->a.value + d, "plus value");
		CHECK_EQ(m, copy.a.kind, src->kind, "plus kind");
	} else if (src->kind == GMC_ADDR_MC && src->mem == GMC_DOMAIN_VRAM) {
		int rc = gmc_addr_mc2pa(m->dev, &src->a, &copy.a);

		CHECK_EQ(m, rc, 0, "mc2pa rc");
		CHECK_EQ(m, copy.a.value, my_mc2pa(&m->cur, src->a.value), "mc2pa value");
		CHECK_EQ(m, copy.a.kind, GMC_ADDR_PA, "mc2pa kind");
		m->cov[COV_MC2PA]++;
		copy.kind = GMC_ADDR_PA;
		copy.via_mc2pa = true;
		copy.at = snap_now(m);
		copy.gen = m->gen;
	}
	dst = &m->h[below(m, NHELD)];
	*dst = copy;
}

static void
op_suspend(struct model *m)
{
	expect_rc(m, gmc_dev_suspend(m->dev), 0, "suspend");
	m->in_suspend = true;
	for (int i = 0; i < NSLOT; i++) {
		struct mbo *b = &m->s[i];

		if (b->bo && !b->pin && b->mem == GMC_DOMAIN_VRAM)
			b->mem = GMC_DOMAIN_NONE;
	}
}

static void
op_resume(struct model *m)
{
	expect_rc(m, gmc_dev_resume(m->dev), 0, "resume");
	m->in_suspend = false;
	for (int i = 0; i < NSLOT; i++) {
		struct mbo *b = &m->s[i];

		if (!b->bo || b->mem != GMC_DOMAIN_NONE)
			continue;
		/* validated back into VRAM, CPU-visible if it needs CPU access */
		adopt_place(m, b, GMC_DOMAIN_VRAM, true);
		CHECK_EQ(m, b->mem, GMC_DOMAIN_VRAM, "mem type after resume");
		m->cov[COV_RESUMED]++;
	}
}

static void
op_set_layout(struct model *m, int idx)
{
	const struct gmc_layout *l = &m->layouts[idx];
	bool fits = true;
	int rc;

	for (int i = 0; i < NSLOT; i++) {
		const struct mbo *b = &m->s[i];
		uint64_t limit;

		if (!b->bo || b->mem == GMC_DOMAIN_NONE)
			continue;
		limit = b->mem == GMC_DOMAIN_VRAM ? l->real_vram_size : l->gart_size;
		if (b->off + b->size > limit)
			fits = false;
	}
	rc = gmc_dev_set_layout(m->dev, l);
	expect_rc(m, rc, fits ? 0 : -EBUSY, "set_layout");
	m->cov[fits ? COV_LAYOUT : COV_EBUSY]++;
	if (fits) {
		m->cur = *l;
		m->gen++;
	}
}

static void
op_set_bar(struct model *m)
{
	static const uint64_t bars[] = { 0, UINT64_C(0x38000000000), UINT64_C(0xf000000000) };
	uint64_t v = bars[below(m, 3)];

	gmc_dev_set_bar(m->dev, v);
	if (v != m->bar) {
		m->bar = v;
		m->gen++;
	}
}

/* A slot index: an empty one, or one holding a BO, as asked. */
static int
pick_slot(struct model *m, int want_live)
{
	int start = (int)below(m, NSLOT);

	for (int k = 0; k < NSLOT; k++) {
		int i = (start + k) % NSLOT;

		if (want_live < 0 || (m->s[i].bo != NULL) == (want_live > 0))
			return i;
	}
	return -1;
}

/* One random step. */
static void
step(struct model *m)
{
	unsigned r = (unsigned)below(m, 100);
	int slot;

	if (r < 20) {
		/* create_kernel / create_reserved, NULL or existing slot */
		bool kernel = chance(m, 75);
		uint64_t size = pick_size(m), align = pick_align(m);
		unsigned domain = pick_domain(m);
		bool want_gpu = chance(m, 70), want_cpu = chance(m, 50);
		int inj = -1;
		struct mbo *b;

		slot = pick_slot(m, -1);
		b = &m->s[slot];
		m->op = kernel ? "create_kernel" : "create_reserved";
		if (chance(m, 4)) {
			domain = chance(m, 50) ? 0 : 1u << 4;
			struct gmc_bo *before = b->bo;

			m->op = "create (bad domain)";
			expect_rc(m,
				  gmc_bo_create_kernel(m->dev, size, align, domain, &b->bo, NULL,
						       NULL),
				  -EINVAL, "create with a bad domain");
			CHECK(m, b->bo == before, "bad-domain create changed the slot");
			b->bo = before;
			return;
		}
		if (chance(m, 12)) {
			if (!b->bo) {
				static const int pts[] = { GMC_FAIL_CREATE, GMC_FAIL_RESERVE,
							   GMC_FAIL_PIN, GMC_FAIL_ALLOC_GART,
							   GMC_FAIL_KMAP };

				inj = pts[below(m, want_cpu ? 5 : 4)];
			} else if (!b->reserved) {
				unsigned d = domain & b->preferred ? domain & b->preferred : domain;

				if (b->pin == 0)
					inj = (int)(GMC_FAIL_RESERVE +
						    below(m, 3)); /* reserve/pin/gart */
				else if (b->mem & d)
					inj = chance(m, 50) ? GMC_FAIL_RESERVE
							    : GMC_FAIL_ALLOC_GART;
				else
					inj = GMC_FAIL_RESERVE;
				if (want_cpu && !b->kmapped && !(b->flags & GMC_BO_NO_CPU_ACCESS) &&
				    (b->pin == 0 || (b->mem & d)) && chance(m, 30))
					inj = GMC_FAIL_KMAP;
			}
			if (inj >= 0)
				m->op = "create (injected failure)";
		}
		op_create(m, slot, size, align, domain, want_gpu, want_cpu, kernel, inj,
			  pick_error(m));
	} else if (r < 28) {
		bool ptrs, inj;

		slot = pick_slot(m, chance(m, 90) ? 1 : 0);
		m->op = "free_kernel";
		if (slot < 0) {
			m->noops++;
			return;
		}
		ptrs = chance(m, 50);
		inj = m->s[slot].bo && !m->s[slot].reserved && chance(m, 8);
		op_free(m, slot, ptrs, inj, pick_error(m));
	} else if (r < 44) {
		bool pin = r < 36, with_resv = chance(m, 85);
		unsigned domain = chance(m, 3) ? 0 : pick_domain(m);
		int inj = -1;

		slot = pick_slot(m, 1);
		if (slot < 0) {
			m->noops++;
			return;
		}
		m->op = pin ? "pin" : "unpin";
		if (domain == 0 && pin) {
			/* a bad domain: -EINVAL whether reserved or not */
			struct mbo *b = &m->s[slot];
			bool took = false;

			m->op = "pin (bad domain)";
			if (!b->reserved) {
				expect_rc(m, gmc_bo_reserve(m->dev, b->bo), 0, "reserve");
				took = true;
			}
			expect_rc(m, gmc_bo_pin(m->dev, b->bo, 0), -EINVAL, "pin with domain 0");
			if (took)
				expect_rc(m, gmc_bo_unreserve(m->dev, b->bo), 0, "unreserve");
			return;
		}
		if (domain == 0)
			domain = GMC_DOMAIN_VRAM;
		if (with_resv && chance(m, 8)) {
			if (!m->s[slot].reserved && chance(m, 50))
				inj = GMC_FAIL_RESERVE;
			else if (pin && m->s[slot].pin == 0)
				inj = GMC_FAIL_PIN;
		}
		op_pin(m, slot, pin, with_resv, domain, inj, pick_error(m));
	} else if (r < 48) {
		struct mbo *b;
		int rc;

		slot = pick_slot(m, 1);
		if (slot < 0) {
			m->noops++;
			return;
		}
		b = &m->s[slot];
		if (chance(m, 50)) {
			m->op = "reserve";
			rc = gmc_bo_reserve(m->dev, b->bo);
			expect_rc(m, rc, b->reserved ? -EDEADLK : 0, "reserve");
			b->reserved = true;
		} else {
			m->op = "unreserve";
			rc = gmc_bo_unreserve(m->dev, b->bo);
			expect_rc(m, rc, b->reserved ? 0 : -EINVAL, "unreserve");
			b->reserved = false;
		}
	} else if (r < 52) {
		slot = pick_slot(m, 1);
		m->op = "kmap";
		if (slot < 0) {
			m->noops++;
			return;
		}
		if (chance(m, 15) && m->s[slot].mem != GMC_DOMAIN_NONE && !m->s[slot].kmapped &&
		    !(m->s[slot].flags & GMC_BO_NO_CPU_ACCESS)) {
			int err = pick_error(m);

			m->op = "kmap (injected failure)";
			arm(m, GMC_FAIL_KMAP, err);
			m->cov[COV_INJ_KMAP]++;
			expect_rc(m, gmc_bo_kmap(m->dev, m->s[slot].bo, NULL), err,
				  "kmap (injected)");
			return;
		}
		op_derive(m, slot, 3);
	} else if (r < 56) {
		unsigned domain;
		bool gpu, cpu, kernel;

		slot = pick_slot(m, chance(m, 80) ? 1 : 0);
		m->op = "create size 0";
		if (slot < 0) {
			m->noops++;
			return;
		}
		domain = pick_domain(m);
		gpu = chance(m, 50);
		cpu = chance(m, 50);
		kernel = chance(m, 50);
		op_create(m, slot, 0, 0, domain, gpu, cpu, kernel, -1, 0);
	} else if (r < 61) {
		uint64_t off, size = below(m, KiB(256)) + (chance(m, 5) ? 0 : 1);
		bool want_cpu = chance(m, 50);
		int inj = -1;

		slot = pick_slot(m, 0);
		m->op = "create_kernel_at";
		if (slot < 0) {
			m->noops++;
			return;
		}
		/* the temporary place's visible share is only known for these (see op_kernel_at) */
		if (m->cur.visible_vram_size < m->cur.real_vram_size)
			want_cpu = true;
		if (chance(m, 30)) {
			/* aim at (or into) a live BO */
			int other = pick_slot(m, 1);

			off = other >= 0 ? m->s[other].off + below(m, 3) * PAGE : 0;
		} else if (chance(m, 25)) {
			/* across the 256 MiB BAR of the Navi layouts: straddling BOs */
			off = MiB(256) - below(m, KiB(256));
		} else {
			off = below(m, GiB(1));
		}
		if (size && chance(m, 10)) {
			static const int pts[] = { GMC_FAIL_CREATE, GMC_FAIL_RESERVE, GMC_FAIL_PIN,
						   GMC_FAIL_ALLOC_GART, GMC_FAIL_KMAP };

			inj = pts[below(m, want_cpu ? 5 : 4)];
		}
		op_kernel_at(m, slot, off, size, want_cpu, inj, pick_error(m));
	} else if (r < 64) {
		m->op = "suspend";
		op_suspend(m);
	} else if (r < 68) {
		m->op = "resume";
		op_resume(m);
	} else if (r < 71) {
		m->op = "set_layout";
		op_set_layout(m, (int)below(m, N_LAYOUTS));
	} else if (r < 73) {
		m->op = "set_bar";
		op_set_bar(m);
	} else if (r < 88) {
		slot = pick_slot(m, 1);
		m->op = "address getter";
		if (slot < 0) {
			m->noops++;
			return;
		}
		op_derive(m, slot, (int)below(m, 3));
	} else {
		m->op = "copy / plus / mc2pa";
		op_derive_held(m);
	}
}

static void
run_seed(uint64_t seed)
{
	struct model *m = calloc(1, sizeof(*m));
	unsigned errors;

	assert_non_null(m);
	m->seed = seed;
	m->rng = seed;
	/* layouts with >= 512 MiB VRAM and GART and >= 256 MiB visible (capacity note above) */
	m->layouts[0] = layout_943_vf(2);
	m->layouts[1] = layout_943_vf(5);
	m->layouts[2] = layout_944_vf(2);
	m->layouts[3] = layout_944_vf(5);
	m->layouts[4] = layout_navi(0x8000, GiB(1), MiB(256));
	m->layouts[5] = layout_navi(0, MiB(512), MiB(256));		  /* GART HIGH */
	m->layouts[6] = layout_navi(0x800000, MiB(512), GMC_VISIBLE_ALL); /* MC sign-extended */
	m->cur = m->layouts[seed % N_LAYOUTS];
	m->dev = dev_make(&m->cur);
	m->op = "start";
	check_all(m);
	for (m->step = 1; m->step <= STEPS; m->step++) {
		step(m);
		check_all(m);
	}
	/* tear down every BO the driver way, then the device */
	m->op = "teardown";
	for (int i = 0; i < NSLOT; i++) {
		if (m->s[i].bo) {
			if (m->s[i].reserved) {
				expect_rc(m, gmc_bo_unreserve(m->dev, m->s[i].bo), 0, "unreserve");
				m->s[i].reserved = false;
			}
			op_free(m, i, true, false, 0);
		}
	}
	check_all(m);
	CHECK_EQ(m, live_bos(m->dev), 0, "BOs left after teardown");
	dev_done(m->dev);
	CHECK(m, STEPS - m->noops >= MIN_OPS, "only %lu operations", STEPS - m->noops);
	for (int c = 0; c < COV_COUNT; c++)
		CHECK(m, m->cov[c] > 0, "never reached: %s", cov_names[c]);
	for (int k = GMC_EVENT_FREE_IN_SUSPEND; k < GMC_EVENT_KIND_COUNT; k++)
		CHECK(m, m->ev[k] > 0, "no %s event", gmc_event_kind_name((enum gmc_event_kind)k));
	if (getenv("GMC_TEST_VERBOSE")) {
		print_message("#   operations: %lu\n", STEPS - m->noops);
		for (int c = 0; c < COV_COUNT; c++)
			print_message("#   %-36s %lu\n", cov_names[c], m->cov[c]);
		for (int k = GMC_EVENT_FREE_IN_SUSPEND; k < GMC_EVENT_KIND_COUNT; k++)
			print_message("#   event %-30s %zu\n",
				      gmc_event_kind_name((enum gmc_event_kind)k), m->ev[k]);
	}
	if (m->errors) {
		print_message("# seed %" PRIu64 ": %u mismatches; by check line:\n", seed,
			      m->errors);
		for (int i = 0; i < 64 && m->hist[i].line; i++)
			print_message("#   line %d: %u\n", m->hist[i].line, m->hist[i].n);
	}
	errors = m->errors;
	free(m);
	assert_int_equal(errors, 0);
}

static void
test_random_seed_1(void **state)
{
	(void)state;
	run_seed(1);
}

static void
test_random_seed_2(void **state)
{
	(void)state;
	run_seed(0x5eed);
}

static void
test_random_seed_3(void **state)
{
	(void)state;
	run_seed(20250114); /* the RFC's date */
}

static void
test_random_seed_4(void **state)
{
	(void)state;
	run_seed(UINT64_C(0xdeadbeefcafe));
}

static void
test_random_seed_5(void **state)
{
	(void)state;
	run_seed(943944);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_seed_1), cmocka_unit_test(test_random_seed_2),
		cmocka_unit_test(test_random_seed_3), cmocka_unit_test(test_random_seed_4),
		cmocka_unit_test(test_random_seed_5),
	};

	return cmocka_run_group_tests(tests, NULL, dev_registry_teardown);
}
