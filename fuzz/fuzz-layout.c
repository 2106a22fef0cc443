/* SPDX-License-Identifier: MIT */
/*
 * fuzz-layout: raw register values and every driver parameter through
 * gmc_layout_compute(), the register field decode/encode and the address
 * conversions. Besides "no crash" it holds the library to the reference
 * formulas (gmc-address-math.md §1-§7, recomputed here independently) and to
 * the properties the driver's placement guarantees, each under the
 * precondition that makes it a guarantee.
 *
 * Input (little-endian; bytes past the end read as zero, and the parameters
 * are stored XORed with their gmc_params_init() default, so zero bytes mean
 * "the driver's defaults"):
 *
 *   0  u8   part: index into gmc_asic_at(), modulo gmc_asic_count()
 *   1  u8   bit 0 sriov, bit 1 connected_to_cpu, bit 2 pre_6_17, bit 3 raw
 *           vram_size
 *   2  u32  fb_location_base, fb_location_top, fb_offset, xgmi_lfb_cntl,
 *           xgmi_lfb_size (enum gmc_reg order)
 *  22  u64  vram_size: with bit 3 as is; without, cut to a size the driver
 *           can read (whole MiB below 2^52), so most inputs reach a layout
 *  30  u64  visible_vram_size ^ GMC_VISIBLE_ALL
 *  38  u32  gart_size_mb ^ -1
 *  42  u32  agp ^ -1
 *  46  u32  vramlimit_mb ^ UINT32_MAX
 *  50  u32  vis_vramlimit_mb
 *  54  u32  smu_prv_buffer_size
 *  58  then up to PROBES probes of { u64 value, u64 pde_flags }: a BO offset,
 *      a GART offset, a DMA address, an MC address and a PDE input at once
 */
#include <errno.h>
#include <string.h>

#include <gmc/gmc.h>

#include "fuzz-util.h"

#define PROBES 4

#define SZ_1M (UINT64_C(1) << 20)
#define SZ_16M (UINT64_C(1) << 24)
#define SZ_4G (UINT64_C(1) << 32)
#define SZ_16G (UINT64_C(1) << 34)
/* FB/AGP/XGMI-size registers count 16 MiB units (§1.1): the driver shifts by 24. */
#define REG_UNIT_SHIFT 24
/* FB_BASE, FB_TOP, FB_OFFSET: bits 23:0 (§1.1). */
#define FB_FIELD_MASK 0x00ffffffu
/* gmc.mc_mask of gmc v9..v12 (§3, §4.3): 48 bits. */
#define MC_MASK_48 UINT64_C(0x0000ffffffffffff)
/* amdgpu_gmc_set_agp_default() (§4.4). */
#define AGP_OFF_START UINT64_C(0x0000ffffffffffff)
/* amdgpu_gmc_sign_extend() (§7). */
#define SIGN_BITS UINT64_C(0xffff800000000000)
/* get_vm_pde()'s BUG_ON: above 48 bits or not 64-byte aligned (§7). */
#define PDE_BAD_BITS UINT64_C(0xffff00000000003f)
/* The widest DMA mask any modelled part sets (§3: 48 bits from GC 9.4.2, else 44). */
#define DMA_MASK_48 MC_MASK_48
/* struct gmc_params.gart_size_mb below this (and not -1) means "default" (§1.2). */
#define GART_MB_MIN 32

#define FLAG_SRIOV 0x1u
#define FLAG_CONNECTED_TO_CPU 0x2u
#define FLAG_PRE_6_17 0x4u
#define FLAG_RAW_VRAM_SIZE 0x8u
/* 2^32 MiB: RCC_CONFIG_MEMSIZE is a 32-bit count of MiB (peers-and-pci.md §2.3). */
#define MEMSIZE_LIMIT (UINT64_C(1) << 52)

/*
 * How get_xgmi_info() reads the XGMI registers of one part (§1.1, §2), and
 * whether gmc_v9_0_early_init() reads connected_to_cpu there (XGMI IP 6.1.0,
 * Aldebaran, only; elsewhere the driver's flag stays false).
 */
struct xgmi_rule {
	uint32_t gc;
	uint32_t region_mask, max_mask, size_mask; /* PF_MAX_REGION shifts by 4 */
	unsigned max_nodes, max_id;
	bool reads_cpu_link;
};

static const struct xgmi_rule xgmi_rules[] = {
	{ GMC_IP_VERSION(9, 4, 0), 0x07, 0x70, 0xffff, 4, 3, false },
	{ GMC_IP_VERSION(9, 4, 1), 0x07, 0x70, 0xffff, 8, 7, false },
	/* Aldebaran: _ALDE 4-bit REGION/MAX, but the 16-bit GC 9.2.1 size mask */
	{ GMC_IP_VERSION(9, 4, 2), 0x0f, 0xf0, 0xffff, 16, 15, true },
	{ GMC_IP_VERSION(9, 4, 3), 0x0f, 0xf0, 0x1ffff, 8, 7, false },
	{ GMC_IP_VERSION(9, 4, 4), 0x0f, 0xf0, 0x1ffff, 8, 7, false },
	{ GMC_IP_VERSION(9, 5, 0), 0x0f, 0xf0, 0x1ffff, 8, 7, false },
};
#define XGMI_MAX_SHIFT 4

/* Everything the reference says about one part that the formulas need. */
struct part {
	const struct gmc_asic *asic;
	uint32_t gc;
	unsigned gmc; /* the GC major version picks the gmc_vX_0 code */
	bool apu;
	const struct xgmi_rule *xgmi;
	uint32_t fb_offset_mask; /* mmhub_v3_3 (GC 11.5.x) masks before shifting */
	uint64_t default_gart;
};

static struct part
part_facts(const struct gmc_asic *asic)
{
	uint32_t gc = gmc_asic_gc(asic);
	struct part p = {
		.asic = asic,
		.gc = gc,
		.gmc = GMC_IP_MAJ(gc),
		.apu = gmc_asic_is_apu(asic),
		.fb_offset_mask = 0xffffffffu,
		.default_gart = 512 * SZ_1M,
	};

	for (size_t i = 0; i < sizeof(xgmi_rules) / sizeof(xgmi_rules[0]); i++) {
		if (xgmi_rules[i].gc == gc)
			p.xgmi = &xgmi_rules[i];
	}
	if (GMC_IP_MAJ(gc) == 11 && GMC_IP_MIN(gc) == 5)
		p.fb_offset_mask = FB_FIELD_MASK;
	/* "DCE SG support": 1024 MiB (§3 for gmc v9, §5 for v10) */
	switch (gc) {
	case GMC_IP_VERSION(9, 1, 0):
	case GMC_IP_VERSION(9, 2, 2):
	case GMC_IP_VERSION(9, 3, 0):
	case GMC_IP_VERSION(10, 3, 1):
	case GMC_IP_VERSION(10, 3, 3):
	case GMC_IP_VERSION(10, 3, 6):
	case GMC_IP_VERSION(10, 3, 7):
		p.default_gart = 1024 * SZ_1M;
		break;
	default:
		break;
	}
	return p;
}

static uint64_t
align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1); /* the kernel's ALIGN(), wrapping like it */
}

static uint64_t
max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t
sext(uint64_t a)
{
	return a >= GMC_HOLE_START ? a | SIGN_BITS : a;
}

/* Inclusive ranges [a0, a1] and [b0, b1], both non-empty, share a byte. */
static bool
overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 <= b1 && b0 <= a1;
}

/* §1.2: the fields the driver extracts. */
static struct gmc_reg_fields
fields_of(const struct part *pt, const struct gmc_regs *r)
{
	struct gmc_reg_fields f = {
		.fb_base = r->value[GMC_REG_FB_LOCATION_BASE] & FB_FIELD_MASK,
		.fb_top = r->value[GMC_REG_FB_LOCATION_TOP] & FB_FIELD_MASK,
		.fb_offset = r->value[GMC_REG_FB_OFFSET] & pt->fb_offset_mask,
	};

	if (pt->xgmi) {
		uint32_t cntl = r->value[GMC_REG_XGMI_LFB_CNTL];

		f.lfb_region = cntl & pt->xgmi->region_mask;
		f.max_region = (cntl & pt->xgmi->max_mask) >> XGMI_MAX_SHIFT;
		f.lfb_size = r->value[GMC_REG_XGMI_LFB_SIZE] & pt->xgmi->size_mask;
	}
	return f;
}

/* §2: get_xgmi_info(); false when the driver refuses (-EINVAL). */
static bool
xgmi_of(const struct part *pt, const struct gmc_reg_fields *f, bool cpu, struct gmc_xgmi *x)
{
	*x = (struct gmc_xgmi){ 0 };
	if (!pt->xgmi)
		return true;
	x->supported = true;
	x->connected_to_cpu = cpu && pt->xgmi->reads_cpu_link;
	if (f->max_region != 0 || x->connected_to_cpu) {
		if (f->max_region + 1 > pt->xgmi->max_nodes || f->lfb_region > pt->xgmi->max_id)
			return false;
		x->num_physical_nodes = f->max_region + 1;
		x->physical_node_id = f->lfb_region;
		x->node_segment_size = (uint64_t)f->lfb_size << REG_UNIT_SHIFT;
	}
	return true;
}

/* The GART size mc_init() asks for (§1.2, §3, §5, §6). */
static uint64_t
gart_request(const struct part *pt, const struct gmc_params *p)
{
	int32_t mb = p->gart_size_mb;
	uint64_t size;

	if (mb < GART_MB_MIN && mb != -1)
		mb = -1;
	size = mb == -1 ? pt->default_gart : (uint64_t)mb << 20;
	if (pt->gmc == 9)
		size += p->smu_prv_buffer_size;
	return size;
}

enum placement { BEST_FIT, HIGH, LOW };

/* §4.3 */
static void
gart_location(struct gmc_layout *l, enum placement how)
{
	const uint64_t max_mc = GMC_HOLE_START - 1; /* min(mc_mask, hole - 1) */
	uint64_t size_bf = l->fb_start;
	uint64_t size_af = max_mc + 1 - align_up(l->fb_end + 1, SZ_4G);

	if (l->gart_size > max_u64(size_bf, size_af)) {
		l->gart_size = max_u64(size_bf, size_af);
		l->flags |= GMC_LAYOUT_GART_LIMITED;
	}
	if (how == LOW || (how == BEST_FIT && ((size_bf >= l->gart_size && size_bf < size_af) ||
					       size_af < l->gart_size)))
		l->gart_start = 0;
	else
		l->gart_start = max_mc - l->gart_size + 1;
	l->gart_start &= ~(SZ_4G - 1);
	l->gart_end = l->gart_start + l->gart_size - 1;
}

/* §4.4 */
static void
agp_location(struct gmc_layout *l)
{
	const uint64_t mask = ~(SZ_16G - 1);
	uint64_t size_bf, size_af;

	if (l->fb_start > l->gart_start) {
		size_bf = (l->fb_start & mask) - align_up(l->gart_end + 1, SZ_16G);
		size_af = l->mc_mask + 1 - align_up(l->fb_end + 1, SZ_16G);
	} else {
		size_bf = l->fb_start & mask;
		size_af = (l->gart_start & mask) - align_up(l->fb_end + 1, SZ_16G);
	}
	if (size_bf > size_af) {
		l->agp_start = (l->fb_start - size_bf) & mask;
		l->agp_size = size_bf;
	} else {
		l->agp_start = align_up(l->fb_end + 1, SZ_16G);
		l->agp_size = size_af;
	}
	l->agp_end = l->agp_start + l->agp_size - 1;
	l->flags |= GMC_LAYOUT_AGP_ENABLED;
}

/* §4.1 */
static void
vram_location(struct gmc_layout *l, uint64_t base, const struct gmc_params *p)
{
	uint64_t limit = (uint64_t)p->vramlimit_mb << 20;
	uint64_t vis_limit = (uint64_t)p->vis_vramlimit_mb << 20;

	l->vram_start = base;
	l->vram_end = base + l->mc_vram_size - 1;
	if (limit < l->real_vram_size)
		l->real_vram_size = limit;
	if (vis_limit && vis_limit < l->visible_vram_size)
		l->visible_vram_size = vis_limit;
	if (l->real_vram_size < l->visible_vram_size)
		l->visible_vram_size = l->real_vram_size;
	if (l->xgmi.num_physical_nodes == 0) {
		l->fb_start = l->vram_start;
		l->fb_end = l->vram_end;
	}
}

/* §4.2 */
static void
sysvm_location(struct gmc_layout *l, bool migrate, bool pre_6_17)
{
	uint64_t seg = l->xgmi.node_segment_size;
	uint64_t hive_end = seg * l->xgmi.num_physical_nodes - 1;

	l->vram_start = seg * l->xgmi.physical_node_id;
	l->vram_end = l->vram_start + seg - 1;
	l->gart_start = pre_6_17 ? hive_end + 1 : align_up(hive_end + 1, SZ_4G);
	l->gart_end = l->gart_start + l->gart_size - 1;
	if (migrate) {
		l->vram_start = 0;
		l->vram_end = l->mc_vram_size - 1;
		if (l->visible_vram_size > l->real_vram_size)
			l->visible_vram_size = l->real_vram_size;
	} else {
		l->fb_start = 0;
		l->fb_end = hive_end;
	}
}

/*
 * The layout the driver computes (§3, §5, §6), or false where it refuses.
 * Written from the reference, not from lib/.
 */
static bool
expected_layout(const struct part *pt, const struct gmc_regs *r, const struct gmc_params *p,
		struct gmc_layout *out)
{
	struct gmc_reg_fields f = fields_of(pt, r);
	struct gmc_layout l = { .asic = pt->asic, .mc_mask = MC_MASK_48 };
	uint64_t node, aper;
	bool all_vram, migrate;

	/*
	 * memsize is RCC_CONFIG_MEMSIZE, a 32-bit count of MiB (peers-and-pci.md
	 * §2.3): no other size can reach mc_init()
	 */
	if (p->vram_size % SZ_1M || p->vram_size >= MEMSIZE_LIMIT)
		return false;
	/* amdgpu.agp has no range check: any value but 1 is off (§4.4) */
	if (!xgmi_of(pt, &f, p->connected_to_cpu, &l.xgmi))
		return false;
	node = (uint64_t)l.xgmi.physical_node_id * l.xgmi.node_segment_size;

	/* mc_init(): get_memsize() MiB << 20 */
	l.mc_vram_size = p->vram_size;
	l.real_vram_size = l.mc_vram_size;
	aper = p->visible_vram_size == GMC_VISIBLE_ALL ? p->vram_size : p->visible_vram_size;
	if (pt->gmc == 9)
		all_vram = (!p->sriov && pt->apu) || (l.xgmi.supported && l.xgmi.connected_to_cpu);
	else
		all_vram = pt->apu;
	if (all_vram)
		aper = l.real_vram_size;
	l.visible_vram_size = aper;
	if (pt->gmc >= 11 && l.visible_vram_size > l.real_vram_size)
		l.visible_vram_size = l.real_vram_size;
	l.gart_size = gart_request(pt, p);

	/* vram_gtt_location() */
	l.agp_start = AGP_OFF_START;
	switch (pt->gmc) {
	case 9:
		migrate = !p->pre_6_17 && p->sriov && pt->gc == GMC_IP_VERSION(9, 4, 4) &&
			  l.xgmi.node_segment_size != 0;
		l.fb_start = (uint64_t)f.fb_base << REG_UNIT_SHIFT;
		l.fb_end = (uint64_t)f.fb_top << REG_UNIT_SHIFT;
		if (l.xgmi.connected_to_cpu || migrate) {
			l.mode = migrate ? GMC_MODE_SYSVM_MIGRATE : GMC_MODE_SYSVM;
			sysvm_location(&l, migrate, p->pre_6_17);
		} else {
			l.mode = GMC_MODE_FB;
			vram_location(&l, l.fb_start + node, p);
			gart_location(&l, BEST_FIT);
			if (!p->sriov && p->agp == 1)
				agp_location(&l);
		}
		l.vram_base_offset = ((uint64_t)f.fb_offset << REG_UNIT_SHIFT) + node;
		break;
	case 10:
		l.mode = GMC_MODE_FB;
		vram_location(&l, ((uint64_t)f.fb_base << REG_UNIT_SHIFT) + node, p);
		gart_location(&l, BEST_FIT);
		if (!p->sriov && p->agp == 1)
			agp_location(&l);
		l.vram_base_offset = ((uint64_t)f.fb_offset << REG_UNIT_SHIFT) + node;
		break;
	default:
		l.mode = GMC_MODE_FB;
		vram_location(&l, (uint64_t)f.fb_base << REG_UNIT_SHIFT, p);
		gart_location(&l, pt->gmc == 11 ? HIGH : LOW);
		if (!p->sriov && p->agp == 1 &&
		    (pt->gmc == 12 || pt->gc < GMC_IP_VERSION(11, 5, 0)))
			agp_location(&l);
		l.vram_base_offset = p->sriov ? 0 : (uint64_t)f.fb_offset << REG_UNIT_SHIFT;
		break;
	}
	*out = l;
	return true;
}

#define SAME(field)                                                                           \
	FUZZ_CHECK(got->field == want->field, "%s: %s is 0x%llx, the reference gives 0x%llx", \
		   gmc_asic_name(got->asic), #field, (unsigned long long)got->field,          \
		   (unsigned long long)want->field)

static void
check_same_layout(const struct gmc_layout *got, const struct gmc_layout *want)
{
	FUZZ_CHECK(got->asic == want->asic, "layout names another part");
	SAME(mode);
	SAME(xgmi.supported);
	SAME(xgmi.connected_to_cpu);
	SAME(xgmi.num_physical_nodes);
	SAME(xgmi.physical_node_id);
	SAME(xgmi.node_segment_size);
	SAME(fb_start);
	SAME(fb_end);
	SAME(vram_start);
	SAME(vram_end);
	SAME(mc_vram_size);
	SAME(real_vram_size);
	SAME(visible_vram_size);
	SAME(gart_start);
	SAME(gart_end);
	SAME(gart_size);
	SAME(agp_start);
	SAME(agp_end);
	SAME(agp_size);
	SAME(vram_base_offset);
	SAME(mc_mask);
	SAME(flags);
}

/* A failure: a negative errno the library can name, a message, nothing written. */
static void
check_failure(const char *call, int rc, int want, const struct gmc_error *err, const void *out,
	      const void *poison, size_t size)
{
	FUZZ_CHECK(rc == want, "%s returned %d, expected %d", call, rc, want);
	FUZZ_CHECK(err->code == rc, "%s: err.code %d, returned %d", call, err->code, rc);
	FUZZ_CHECK(memchr(err->message, '\0', sizeof(err->message)) != NULL,
		   "%s: message not terminated", call);
	FUZZ_CHECK(err->message[0] != '\0', "%s failed without a message", call);
	FUZZ_CHECK(strcmp(gmc_errno_name(rc), "EUNKNOWN") != 0, "%s: errno %d has no name", call,
		   rc);
	FUZZ_CHECK(memcmp(out, poison, size) == 0, "%s wrote its output on failure", call);
}

/*
 * The placement properties the driver's arithmetic guarantees, each under
 * the precondition that makes it a guarantee. With arbitrary registers the
 * driver's u64 arithmetic wraps and can put GART over VRAM; it does not
 * check, so neither does this outside the preconditions.
 */
static void
check_fb_placement(const struct gmc_layout *l, unsigned gmc)
{
	const uint64_t hole = GMC_HOLE_START;
	const uint64_t f0 = l->fb_start, f1 = l->fb_end;
	const uint64_t gs = l->gart_size;
	const uint64_t m16 = ~(SZ_16G - 1);
	uint64_t size_af;
	bool gart_ok;

	/* Always: the rounding and the end formula of §4.3. */
	FUZZ_CHECK(l->gart_start % SZ_4G == 0, "gart_start 0x%llx not 4 GiB aligned",
		   (unsigned long long)l->gart_start);
	FUZZ_CHECK(l->gart_end == l->gart_start + gs - 1, "gart_end != gart_start + size - 1");

	/*
	 * Pre: F0 <= F1 < HOLE and gs > 0. Then F1 + 1 <= HOLE, so
	 * ALIGN(F1 + 1, 4 GiB) <= HOLE (HOLE is 4 GiB aligned) and
	 * size_af = HOLE - ALIGN(F1 + 1, 4 GiB) does not wrap.
	 *
	 * BEST_FIT (v9, v10): even after "limiting", gs <= max(size_bf, size_af).
	 * gart_start is 0 when size_bf >= gs, or when size_af < gs, which then
	 * means gs <= size_bf = F0: GART is [0, gs - 1], below F0. Otherwise
	 * gs <= size_af, so HOLE - gs >= ALIGN(F1 + 1, 4 GiB), a multiple of
	 * 4 GiB; rounding HOLE - gs down to 4 GiB cannot go below it, so
	 * gart_start > F1, and gart_end <= HOLE - gs + gs - 1 < HOLE.
	 * HIGH (v11) is the second case, so it needs gs <= size_af; LOW (v12)
	 * is the first, so it needs gs <= F0. Neither checks, nor does the driver.
	 */
	if (!(f0 <= f1 && f1 < hole && gs > 0))
		return;
	size_af = hole - align_up(f1 + 1, SZ_4G);
	if (gmc == 11)
		gart_ok = gs <= size_af;
	else if (gmc == 12)
		gart_ok = gs <= f0;
	else
		gart_ok = true;
	if (!gart_ok)
		return;
	FUZZ_CHECK(!overlap(l->gart_start, l->gart_end, f0, f1),
		   "GART [0x%llx, 0x%llx] overlaps the FB window [0x%llx, 0x%llx]",
		   (unsigned long long)l->gart_start, (unsigned long long)l->gart_end,
		   (unsigned long long)f0, (unsigned long long)f1);
	FUZZ_CHECK(l->gart_start <= l->gart_end && l->gart_end < hole,
		   "GART [0x%llx, 0x%llx] is not below the hole", (unsigned long long)l->gart_start,
		   (unsigned long long)l->gart_end);
	/*
	 * VRAM lies in the FB window when it is the window (no XGMI), or when
	 * this node's segment lies inside the hive window; only then does
	 * avoiding the window avoid VRAM. The driver checks neither.
	 */
	if (l->mc_vram_size && l->vram_start <= l->vram_end && l->vram_start >= f0 &&
	    l->vram_end <= f1)
		FUZZ_CHECK(!overlap(l->gart_start, l->gart_end, l->vram_start, l->vram_end),
			   "GART overlaps VRAM");

	if (!(l->flags & GMC_LAYOUT_AGP_ENABLED) || l->agp_size == 0)
		return;
	/*
	 * AGP (§4.4), given the GART result above (GART wholly below F0 or
	 * wholly above F1, under the hole). If fb_start > gart_start, GART is
	 * below: with ALIGN(gart_end + 1, 16 GiB) <= F0 & ~(16 GiB - 1) (else
	 * size_bf wraps), AGP is [ALIGN(gart_end + 1, 16 GiB), (F0 & mask) - 1]
	 * or [ALIGN(F1 + 1, 16 GiB), 2^48 - 1]. Otherwise GART is above F1:
	 * with ALIGN(F1 + 1, 16 GiB) <= gart_start & mask (else size_af wraps),
	 * AGP is [0, (F0 & mask) - 1] or [ALIGN(F1 + 1, 16 GiB),
	 * (gart_start & mask) - 1]. Either way it misses GART and the window.
	 */
	if (f0 > l->gart_start ? align_up(l->gart_end + 1, SZ_16G) > (f0 & m16)
			       : align_up(f1 + 1, SZ_16G) > (l->gart_start & m16))
		return;
	FUZZ_CHECK(l->agp_start <= l->agp_end && l->agp_end <= l->mc_mask,
		   "AGP [0x%llx, 0x%llx] wraps or leaves the MC space",
		   (unsigned long long)l->agp_start, (unsigned long long)l->agp_end);
	FUZZ_CHECK(!overlap(l->agp_start, l->agp_end, l->gart_start, l->gart_end),
		   "AGP [0x%llx, 0x%llx] overlaps GART [0x%llx, 0x%llx]",
		   (unsigned long long)l->agp_start, (unsigned long long)l->agp_end,
		   (unsigned long long)l->gart_start, (unsigned long long)l->gart_end);
	FUZZ_CHECK(!overlap(l->agp_start, l->agp_end, f0, f1),
		   "AGP [0x%llx, 0x%llx] overlaps the FB window [0x%llx, 0x%llx]",
		   (unsigned long long)l->agp_start, (unsigned long long)l->agp_end,
		   (unsigned long long)f0, (unsigned long long)f1);
}

static void
check_sysvm_placement(const struct gmc_layout *l, bool pre_6_17)
{
	const uint64_t seg = l->xgmi.node_segment_size;
	const uint64_t n = l->xgmi.num_physical_nodes;
	/* seg < 2^41 (17-bit field << 24) and n <= 16: seg * n cannot wrap */
	const uint64_t hive = seg * n;

	FUZZ_CHECK(l->gart_end == l->gart_start + l->gart_size - 1,
		   "gart_end != gart_start + size - 1");
	FUZZ_CHECK(pre_6_17 || l->gart_start % SZ_4G == 0, "sysvm gart_start not 4 GiB aligned");
	FUZZ_CHECK(!(l->flags & GMC_LAYOUT_AGP_ENABLED), "AGP placed in a sysvm layout");
	/*
	 * With a segment, the hive is [0, seg * n - 1] and GART starts at
	 * seg * n or above (ALIGN up, or equal before 6.17). With a zero segment
	 * hive_vram_end wraps to 2^64 - 1, which the driver does not check.
	 */
	if (seg == 0)
		return;
	FUZZ_CHECK(l->gart_start >= hive, "GART starts inside the hive");
	if (l->mode == GMC_MODE_SYSVM) {
		FUZZ_CHECK(l->fb_start == 0 && l->fb_end == hive - 1,
			   "sysvm FB window is not the hive");
		/* a node id at or above the node count (the driver allows it) lies past the hive */
		if (l->xgmi.physical_node_id < n)
			FUZZ_CHECK(l->vram_end < l->gart_start, "VRAM runs into GART");
	} else if (l->mc_vram_size && l->mc_vram_size <= hive) {
		/* migrate: VRAM is [0, mc_vram_size - 1]; a VF's VRAM fits the hive */
		FUZZ_CHECK(l->vram_end < l->gart_start, "migrate VRAM runs into GART");
	}
}

/* The conversions of §7 for one probe value. */
static void
check_probe(const struct gmc_layout *l, unsigned gmc, uint64_t v, uint64_t flags)
{
	struct gmc_error err = { 0 };
	struct gmc_bo_addrs a, poison_a;
	uint64_t page = v & ~(GMC_PAGE_SIZE - 1);
	uint64_t node = (uint64_t)l->xgmi.physical_node_id * l->xgmi.node_segment_size;
	uint64_t mc, pa, pte_bit, out, poison_u64;
	int rc;

	FUZZ_CHECK(gmc_sign_extend(v) == sext(v), "sign_extend(0x%llx)", (unsigned long long)v);
	FUZZ_CHECK(gmc_sign_extend(sext(v)) == sext(v), "sign_extend is not idempotent");

	/* mc2pa and its inverse, mc = pa - vram_base_offset + vram_start, agree */
	pa = gmc_mc2pa(l, v);
	FUZZ_CHECK(pa == v - l->vram_start + l->vram_base_offset, "mc2pa(0x%llx)",
		   (unsigned long long)v);
	FUZZ_CHECK(pa - l->vram_base_offset + l->vram_start == v, "mc2pa has no inverse");

	mc = gmc_vram_mc_addr(l, page);
	FUZZ_CHECK(mc == sext(l->vram_start + page), "vram_mc_addr(0x%llx)",
		   (unsigned long long)page);
	/* mc2pa(vram_mc_addr(off)) - vram_base_offset = off + the sign-extension term */
	FUZZ_CHECK(gmc_mc2pa(l, mc) - l->vram_base_offset ==
			   page + (sext(l->vram_start + page) - (l->vram_start + page)),
		   "mc2pa(vram_mc_addr(0x%llx))", (unsigned long long)page);
	FUZZ_CHECK(gmc_gart_mc_addr(l, v) == sext(l->gart_start + v), "gart_mc_addr(0x%llx)",
		   (unsigned long long)v);
	FUZZ_CHECK(gmc_fb_aper_addr(l, page) == sext(l->fb_start + node + page),
		   "fb_aper_addr(0x%llx)", (unsigned long long)page);

	rc = gmc_vram_bo_addrs(l, page, &a, &err);
	FUZZ_CHECK(rc == 0, "vram_bo_addrs of page offset 0x%llx: %d", (unsigned long long)page,
		   rc);
	FUZZ_CHECK(a.offset == page && a.mc == mc && a.pa == gmc_mc2pa(l, mc) &&
			   a.fb_aper == sext(l->fb_start + node + page),
		   "vram_bo_addrs(0x%llx)", (unsigned long long)page);
	/* outside sysvm the FB aperture and the MC view of VRAM coincide (§9 example 1) */
	if (l->mode == GMC_MODE_FB)
		FUZZ_CHECK(a.fb_aper == a.mc, "fb_aper 0x%llx != mc 0x%llx in the fb mode",
			   (unsigned long long)a.fb_aper, (unsigned long long)a.mc);
	if (v != page) {
		memset(&a, 0xa5, sizeof(a));
		poison_a = a;
		rc = gmc_vram_bo_addrs(l, v, &a, &err);
		check_failure("vram_bo_addrs", rc, -EINVAL, &err, &a, &poison_a, sizeof(a));
	}

	/*
	 * amdgpu_gmc_agp_addr(): agp_start + dma when dma + PAGE_SIZE < agp_size
	 * (§4.4). DMA addresses fit the device's DMA mask, at most 48 bits, so
	 * the driver's sum never wraps; beyond that only consistency is asked.
	 */
	memset(&out, 0xa5, sizeof(out));
	poison_u64 = out;
	rc = gmc_agp_addr(l, v, &out);
	if (v <= DMA_MASK_48) {
		bool served = v + GMC_PAGE_SIZE < l->agp_size;

		FUZZ_CHECK(rc == (served ? 0 : -ENOENT), "agp_addr(0x%llx) = %d",
			   (unsigned long long)v, rc);
	}
	FUZZ_CHECK(rc == 0 || rc == -ENOENT, "agp_addr returned %d", rc);
	FUZZ_CHECK(rc == 0 ? out == l->agp_start + v : out == poison_u64, "agp_addr(0x%llx) output",
		   (unsigned long long)v);

	/* §7 / §6: bit 54 marks a PTE, bit 63 on gmc v12 */
	pte_bit = gmc == 12 ? GMC_PDE_PTE_GFX12 : GMC_PDE_PTE;
	pa = flags & (pte_bit | GMC_PTE_SYSTEM) ? v : v - l->vram_start + l->vram_base_offset;
	memset(&out, 0xa5, sizeof(out));
	rc = gmc_pde_addr(l, v, flags, &out, &err);
	if (pa & PDE_BAD_BITS) {
		check_failure("pde_addr", rc, -EINVAL, &err, &out, &poison_u64, sizeof(out));
	} else {
		FUZZ_CHECK(rc == 0 && out == pa, "pde_addr(0x%llx, 0x%llx) = %d, 0x%llx",
			   (unsigned long long)v, (unsigned long long)flags, rc,
			   (unsigned long long)out);
	}
}

/* decode(encode(fields)) == fields, and encode refuses exactly what does not fit. */
static void
check_regs(const struct part *pt, const struct gmc_regs *regs, const struct gmc_reg_fields *raw)
{
	struct gmc_reg_fields f, back;
	struct gmc_regs enc, poison;
	struct gmc_error err = { 0 };
	int rc, want;

	FUZZ_CHECK(gmc_regs_decode(pt->asic, regs, &f) == 0, "regs_decode failed");
	back = fields_of(pt, regs);
	FUZZ_CHECK(memcmp(&f, &back, sizeof(f)) == 0, "regs_decode differs from §1.2/§2");
	rc = gmc_regs_encode(pt->asic, &f, &enc, &err);
	FUZZ_CHECK(rc == 0, "regs_encode of decoded fields: %d (%s)", rc, err.message);
	FUZZ_CHECK(gmc_regs_decode(pt->asic, &enc, &back) == 0, "regs_decode failed");
	FUZZ_CHECK(memcmp(&f, &back, sizeof(f)) == 0, "decode(encode(fields)) != fields");

	/* arbitrary fields: -ERANGE for a field wider than its mask, -EINVAL for XGMI without it */
	if (raw->fb_base > FB_FIELD_MASK || raw->fb_top > FB_FIELD_MASK ||
	    raw->fb_offset > pt->fb_offset_mask)
		want = -ERANGE;
	else if (!pt->xgmi)
		want = raw->lfb_region || raw->max_region || raw->lfb_size ? -EINVAL : 0;
	else if (raw->lfb_region > pt->xgmi->region_mask ||
		 raw->max_region > pt->xgmi->max_mask >> XGMI_MAX_SHIFT ||
		 raw->lfb_size > pt->xgmi->size_mask)
		want = -ERANGE;
	else
		want = 0;
	memset(&enc, 0xa5, sizeof(enc));
	poison = enc;
	rc = gmc_regs_encode(pt->asic, raw, &enc, &err);
	if (want) {
		check_failure("regs_encode", rc, want, &err, &enc, &poison, sizeof(enc));
		return;
	}
	FUZZ_CHECK(rc == 0, "regs_encode of fitting fields: %d", rc);
	FUZZ_CHECK(gmc_regs_decode(pt->asic, &enc, &back) == 0, "regs_decode failed");
	FUZZ_CHECK(memcmp(raw, &back, sizeof(back)) == 0, "decode(encode(fields)) != fields");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = fuzz_input_make(data, size);
	const struct gmc_asic *asic = gmc_asic_at(fuzz_u8(&in) % gmc_asic_count());
	struct part pt = part_facts(asic);
	unsigned flags = fuzz_u8(&in);
	struct gmc_params p;
	struct gmc_regs regs;
	struct gmc_reg_fields raw;
	struct gmc_layout l, want, poison;
	struct gmc_xgmi x;
	struct gmc_error err = { 0 };
	bool ok;
	int rc;

	gmc_params_init(&p);
	p.sriov = flags & FLAG_SRIOV;
	p.connected_to_cpu = flags & FLAG_CONNECTED_TO_CPU;
	p.pre_6_17 = flags & FLAG_PRE_6_17;
	for (int i = 0; i < GMC_REG_COUNT; i++)
		regs.value[i] = fuzz_u32(&in);
	p.vram_size = fuzz_u64(&in);
	if (!(flags & FLAG_RAW_VRAM_SIZE))
		p.vram_size &= (MEMSIZE_LIMIT - 1) & ~(SZ_1M - 1);
	p.visible_vram_size = fuzz_u64(&in) ^ GMC_VISIBLE_ALL;
	p.gart_size_mb = (int32_t)(fuzz_u32(&in) ^ UINT32_MAX);
	p.agp = (int32_t)(fuzz_u32(&in) ^ UINT32_MAX);
	p.vramlimit_mb = fuzz_u32(&in) ^ UINT32_MAX;
	p.vis_vramlimit_mb = fuzz_u32(&in);
	p.smu_prv_buffer_size = fuzz_u32(&in);

	/* the part table agrees with the reference's part facts */
	FUZZ_CHECK(gmc_asic_gmc_version(asic) == pt.gmc, "%s: gmc v%u on GC major %u",
		   gmc_asic_name(asic), gmc_asic_gmc_version(asic), pt.gmc);
	FUZZ_CHECK(gmc_asic_has_xgmi(asic) == (pt.xgmi != NULL), "%s: XGMI support",
		   gmc_asic_name(asic));

	/* the register words reinterpreted as fields, for encode */
	raw = (struct gmc_reg_fields){
		.fb_base = regs.value[0],
		.fb_top = regs.value[1],
		.fb_offset = regs.value[2],
		.lfb_region = regs.value[3] & 0xff,
		.max_region = regs.value[3] >> 8 & 0xff,
		.lfb_size = regs.value[4],
	};
	check_regs(&pt, &regs, &raw);

	FUZZ_CHECK((gmc_vram_size_check(p.vram_size, NULL) == 0) ==
			   (p.vram_size % SZ_1M == 0 && p.vram_size < MEMSIZE_LIMIT),
		   "vram_size_check disagrees on 0x%llx", (unsigned long long)p.vram_size);
	ok = expected_layout(&pt, &regs, &p, &want);
	memset(&l, 0xa5, sizeof(l));
	poison = l;
	rc = gmc_layout_compute(asic, &regs, &p, &l, &err);
	if (!ok) {
		struct gmc_reg_fields f = fields_of(&pt, &regs);
		struct gmc_xgmi x_poison, x_want;

		check_failure("layout_compute", rc, -EINVAL, &err, &l, &poison, sizeof(l));
		/* the error report is optional */
		FUZZ_CHECK(gmc_layout_compute(asic, &regs, &p, &l, NULL) == rc,
			   "layout_compute without an error report returns another code");
		/* the refusal is get_xgmi_info()'s unless memsize is one the driver cannot read */
		memset(&x, 0xa5, sizeof(x));
		x_poison = x;
		rc = gmc_xgmi_info(asic, &regs, p.connected_to_cpu, &x, &err);
		if (xgmi_of(&pt, &f, p.connected_to_cpu, &x_want))
			FUZZ_CHECK(rc == 0, "xgmi_info refused registers the driver accepts");
		else
			check_failure("xgmi_info", rc, -EINVAL, &err, &x, &x_poison, sizeof(x));
		return 0;
	}
	FUZZ_CHECK(rc == 0, "%s: layout_compute refused what the driver accepts: %d (%s)",
		   gmc_asic_name(asic), rc, err.message);
	check_same_layout(&l, &want);

	/* gmc_xgmi_info() is the layout's first step */
	FUZZ_CHECK(gmc_xgmi_info(asic, &regs, p.connected_to_cpu, &x, NULL) == 0,
		   "xgmi_info refused what layout_compute accepted");
	FUZZ_CHECK(x.supported == l.xgmi.supported &&
			   x.connected_to_cpu == l.xgmi.connected_to_cpu &&
			   x.num_physical_nodes == l.xgmi.num_physical_nodes &&
			   x.physical_node_id == l.xgmi.physical_node_id &&
			   x.node_segment_size == l.xgmi.node_segment_size,
		   "xgmi_info differs from the layout's xgmi");

	/* properties of every layout */
	FUZZ_CHECK(l.vram_start % SZ_16M == 0, "vram_start 0x%llx not a multiple of 16 MiB",
		   (unsigned long long)l.vram_start);
	FUZZ_CHECK(l.mc_vram_size % SZ_1M == 0, "mc_vram_size not whole MiB");
	FUZZ_CHECK(l.visible_vram_size <= l.real_vram_size && l.real_vram_size <= l.mc_vram_size,
		   "visible 0x%llx <= real 0x%llx <= mc 0x%llx broken",
		   (unsigned long long)l.visible_vram_size, (unsigned long long)l.real_vram_size,
		   (unsigned long long)l.mc_vram_size);
	FUZZ_CHECK(l.gart_size <= gart_request(&pt, &p), "gart_size exceeds the request");
	FUZZ_CHECK(!(l.flags & GMC_LAYOUT_GART_LIMITED) == (l.gart_size == gart_request(&pt, &p)),
		   "GART_LIMITED flag disagrees with the size");
	if (l.flags & GMC_LAYOUT_AGP_ENABLED) {
		FUZZ_CHECK(l.agp_start % SZ_16G == 0, "agp_start not 16 GiB aligned");
		FUZZ_CHECK(l.agp_end == l.agp_start + l.agp_size - 1, "agp_end");
	} else {
		FUZZ_CHECK(l.agp_start == AGP_OFF_START && l.agp_end == 0 && l.agp_size == 0,
			   "disabled AGP is not (0xffffffffffff, 0, 0)");
	}
	if (l.mode == GMC_MODE_FB)
		check_fb_placement(&l, pt.gmc);
	else
		check_sysvm_placement(&l, p.pre_6_17);

	for (int i = 0; i < PROBES && fuzz_left(&in); i++) {
		uint64_t v = fuzz_u64(&in);

		check_probe(&l, pt.gmc, v, fuzz_u64(&in));
	}
	return 0;
}
