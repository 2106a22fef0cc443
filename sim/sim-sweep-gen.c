/* SPDX-License-Identifier: MIT */
/*
 * Generated spaces of profile pairs (sim-sweep-gen.h). Each part's base is
 * the boot profile of the first built-in pair of that part, so gc944's is
 * gc944-vf-node2 (`gmcsim profile pairs` lists them in order). A generated
 * profile differs from its base only in the registers the space changes
 * (and, for a random one, the GART size both sides share); every pair is
 * checked to give a layout the driver accepts under both layout codes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-private.h"
#include "sim-sweep-gen.h"
#include "util.h"

/* What a pair may change, as bits of its kind; a group per part and kind. */
enum change {
	CHANGE_NODE = 1u << 0,
	CHANGE_OFFSET = 1u << 1,
	CHANGE_LOCATION = 1u << 2,
	CHANGE_KINDS = 8,
};

/* Draws a random space makes before it keeps the base values of a register. */
#define DRAW_ATTEMPTS 16

/* amdgpu.gart_size values a random pair draws (-1: the part's default), both sides alike */
static const int32_t gart_sizes[] = { -1, 256, 512, 1024, 4096 };

static void
change_text(unsigned kind, char *buf, size_t len)
{
	static const char *const names[] = { "xgmi node id", "mc_fb_offset", "FB location" };
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < 3; i++) {
		if (kind & (1u << i))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
						 names[i]);
	}
	if (!used)
		snprintf(buf, len, "nothing");
}

/* Whether the driver accepts @p p's registers under both layout codes and either gate. */
static bool
layout_ok(const struct gmcsim_profile *p)
{
	struct gmc_layout l;

	return sim_vgpu_layout(p, true, GMC_MIGRATE_CLEAR, &l, NULL) == 0 &&
	       sim_vgpu_layout(p, false, GMC_MIGRATE_CLEAR, &l, NULL) == 0 &&
	       sim_vgpu_layout(p, false, GMC_MIGRATE_SET, &l, NULL) == 0;
}

/* @p p with its registers' fields @p f; false when they do not encode on the part. */
static bool
set_fields(struct gmcsim_profile *p, const struct gmc_reg_fields *f)
{
	struct gmc_regs regs;

	if (gmc_regs_encode(p->asic, f, &regs, NULL) != 0)
		return false;
	p->regs = regs;
	return true;
}

/* splitmix64: pair i's stream depends on the seed and i alone */
static uint64_t
next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A value in [0, n), n > 0. */
static uint64_t
below(uint64_t *state, uint64_t n)
{
	return next(state) % n;
}

/* Add @p v to the fb-offsets candidates unless it is the base's or there already. */
static void
add_value(uint32_t *list, unsigned *n, uint32_t v, uint32_t base, uint32_t max)
{
	if (v == base || v > max || *n == SWEEP_GEN_MAX_VALUES)
		return;
	for (unsigned i = 0; i < *n; i++) {
		if (list[i] == v)
			return;
	}
	list[(*n)++] = v;
}

static void
part_limits(struct sweep_gen_part *part)
{
	struct gmc_regs ones;
	struct gmc_reg_fields f, maxf;
	struct gmc_xgmi x = { 0 };

	memset(&ones, 0xff, sizeof(ones));
	gmc_regs_decode(part->base.asic, &part->base.regs, &f);
	gmc_regs_decode(part->base.asic, &ones, &maxf);
	if (gmc_xgmi_info(part->base.asic, &part->base.regs, part->base.params.connected_to_cpu, &x,
			  NULL) == 0)
		part->nodes = x.num_physical_nodes;
	part->offset_max = maxf.fb_offset;
	/* the FB keeps its size: its base may go as high as the top still fits */
	part->base_max = maxf.fb_top - (f.fb_top - f.fb_base);
}

/* fb-offsets: the values tried for each register, those the driver accepts. */
static void
part_candidates(struct sweep_gen_part *part)
{
	struct gmc_reg_fields f;
	uint32_t offsets[SWEEP_GEN_MAX_VALUES], bases[SWEEP_GEN_MAX_VALUES];
	unsigned n_offsets = 0, n_bases = 0;

	gmc_regs_decode(part->base.asic, &part->base.regs, &f);
	add_value(offsets, &n_offsets, 0, f.fb_offset, part->offset_max);
	add_value(offsets, &n_offsets, f.fb_offset + 1, f.fb_offset, part->offset_max);
	add_value(offsets, &n_offsets, f.fb_offset + 0x100, f.fb_offset, part->offset_max);
	add_value(offsets, &n_offsets, part->offset_max / 2, f.fb_offset, part->offset_max);
	add_value(offsets, &n_offsets, part->offset_max, f.fb_offset, part->offset_max);
	add_value(bases, &n_bases, 0, f.fb_base, part->base_max);
	add_value(bases, &n_bases, f.fb_base + 1, f.fb_base, part->base_max);
	add_value(bases, &n_bases, f.fb_base + 0x100, f.fb_base, part->base_max);
	add_value(bases, &n_bases, part->base_max / 2, f.fb_base, part->base_max);
	add_value(bases, &n_bases, part->base_max, f.fb_base, part->base_max);
	for (unsigned i = 0; i < n_offsets; i++) {
		struct gmcsim_profile p = part->base;
		struct gmc_reg_fields g = f;

		g.fb_offset = offsets[i];
		if (set_fields(&p, &g) && layout_ok(&p))
			part->offsets[part->n_offsets++] = offsets[i];
	}
	for (unsigned i = 0; i < n_bases; i++) {
		struct gmcsim_profile p = part->base;
		struct gmc_reg_fields g = f;

		g.fb_top = bases[i] + (f.fb_top - f.fb_base);
		g.fb_base = bases[i];
		if (set_fields(&p, &g) && layout_ok(&p))
			part->bases[part->n_bases++] = bases[i];
	}
}

static int
add_group(struct sweep_gen *g, const char *part, unsigned kind)
{
	if (g->n_groups == SWEEP_GEN_MAX_GROUPS)
		return -E2BIG;
	snprintf(g->group_part[g->n_groups], sizeof(g->group_part[0]), "%s", part);
	change_text(kind, g->group_changes[g->n_groups], sizeof(g->group_changes[0]));
	g->n_groups++;
	return 0;
}

/* The parts: one base per GC version, from the built-in pairs in their order. */
static int
load_parts(struct sweep_gen *g, struct gmc_error *err)
{
	for (size_t i = 0; i < gmcsim_pair_builtin_count(); i++) {
		const struct gmcsim_pair *pair = gmcsim_pair_builtin_at(i);
		struct sweep_gen_part *part;
		struct gmcsim_profile p;
		bool seen = false;

		if (gmcsim_profile_builtin(pair->from, &p) != 0)
			return gmcsim_fail(err, -EIO, "built-in profile %s is missing", pair->from);
		for (size_t k = 0; k < g->n_parts && !seen; k++)
			seen = g->parts[k].base.asic == p.asic;
		if (seen)
			continue;
		if (g->n_parts == SWEEP_GEN_MAX_PARTS)
			return gmcsim_fail(err, -E2BIG, "more than %d parts", SWEEP_GEN_MAX_PARTS);
		part = &g->parts[g->n_parts++];
		memset(part, 0, sizeof(*part));
		part->base = p;
		snprintf(part->name, sizeof(part->name), "%s", gmc_asic_name(p.asic));
		part_limits(part);
	}
	return 0;
}

int
sweep_gen_init(struct sweep_gen *g, const char *spec, unsigned long long seed, bool seed_given,
	       struct gmc_error *err)
{
	char q[GMCSIM_SAFE_BUF];
	size_t n_parts;
	int rc;

	memset(g, 0, sizeof(*g));
	g->seed = seed;
	if (strcmp(spec, "node-pairs") == 0) {
		g->kind = SWEEP_GEN_NODE_PAIRS;
	} else if (strcmp(spec, "fb-offsets") == 0) {
		g->kind = SWEEP_GEN_FB_OFFSETS;
	} else if (strncmp(spec, "random:", 7) == 0) {
		uint64_t n;
		char why[GMCSIM_WHY_MAX];

		if (gmcsim_parse_u64(spec + 7, 0, SWEEP_GEN_RANDOM_MAX, &n, why, sizeof(why)) ||
		    n == 0)
			return gmcsim_fail(err, -EINVAL,
					   "--generate random:N takes 1 <= N <= %llu pairs",
					   SWEEP_GEN_RANDOM_MAX);
		g->kind = SWEEP_GEN_RANDOM;
		g->n_pairs = n;
	} else {
		return gmcsim_fail(err, -EINVAL,
				   "--generate takes node-pairs, fb-offsets or random:N, not '%s'",
				   gmcsim_safe_text(spec, q, sizeof(q)));
	}
	if (g->kind == SWEEP_GEN_RANDOM && !seed_given)
		return gmcsim_fail(
			err, -EINVAL,
			"--generate random:N needs --seed S: the same seed draws the same "
			"pairs");
	if (g->kind != SWEEP_GEN_RANDOM && seed_given)
		return gmcsim_fail(err, -EINVAL, "--seed is for --generate random:N only");
	rc = load_parts(g, err);
	if (rc)
		return rc;
	/* node-pairs covers the parts with a hive; the others, every part */
	n_parts = g->n_parts;
	g->n_parts = 0;
	for (size_t k = 0; k < n_parts; k++) {
		struct sweep_gen_part part = g->parts[k];

		if (g->kind == SWEEP_GEN_NODE_PAIRS && part.nodes < 2)
			continue;
		part.group = g->n_groups;
		switch (g->kind) {
		case SWEEP_GEN_NODE_PAIRS:
			part.first = g->n_pairs;
			part.count = (unsigned long long)part.nodes * (part.nodes - 1);
			g->n_pairs += part.count;
			rc = add_group(g, part.name, CHANGE_NODE);
			break;
		case SWEEP_GEN_FB_OFFSETS:
			part_candidates(&part);
			part.first = g->n_pairs;
			part.count = part.n_offsets + part.n_bases;
			g->n_pairs += part.count;
			rc = add_group(g, part.name, CHANGE_OFFSET);
			if (!rc)
				rc = add_group(g, part.name, CHANGE_LOCATION);
			break;
		case SWEEP_GEN_RANDOM:
			for (unsigned kind = 0; kind < CHANGE_KINDS && !rc; kind++)
				rc = add_group(g, part.name, kind);
			break;
		}
		if (rc)
			return gmcsim_fail(err, rc, "too many groups");
		g->parts[g->n_parts++] = part;
	}
	if (!g->n_parts || !g->n_pairs)
		return gmcsim_fail(err, -EINVAL, "the space %s holds no pair",
				   gmcsim_safe_text(spec, q, sizeof(q)));
	return 0;
}

/* The profile @p base with node @p node, named @p name. */
static bool
with_node(const struct gmcsim_profile *base, unsigned node, struct gmcsim_profile *out)
{
	struct gmc_reg_fields f;

	*out = *base;
	gmc_regs_decode(base->asic, &base->regs, &f);
	f.lfb_region = node;
	return set_fields(out, &f);
}

static void
name_profile(struct gmcsim_profile *p, const char *name, const char *base, const char *what)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->description, sizeof(p->description), "generated from %.60s: %.70s", base, what);
}

static int
node_pair(const struct sweep_gen_part *part, unsigned long long k, struct gmcsim_profile *from,
	  struct gmcsim_profile *to, char *name, size_t len)
{
	unsigned n = part->nodes, a = (unsigned)(k / (n - 1)), b = (unsigned)(k % (n - 1));
	char pname[GMCSIM_NAME_MAX], what[64];

	/* every ordered pair of distinct nodes: b skips a */
	if (b >= a)
		b++;
	if (!with_node(&part->base, a, from) || !with_node(&part->base, b, to))
		return -EINVAL;
	snprintf(pname, sizeof(pname), "%s-node%u", part->name, a);
	snprintf(what, sizeof(what), "XGMI node %u of %u", a, n);
	name_profile(from, pname, part->base.name, what);
	snprintf(pname, sizeof(pname), "%s-node%u", part->name, b);
	snprintf(what, sizeof(what), "XGMI node %u of %u", b, n);
	name_profile(to, pname, part->base.name, what);
	snprintf(name, len, "%s-node%u-to-node%u", part->name, a, b);
	return 0;
}

static int
fb_pair(const struct sweep_gen_part *part, unsigned long long k, struct gmcsim_profile *from,
	struct gmcsim_profile *to, char *name, size_t len, unsigned *kind)
{
	struct gmc_reg_fields f;
	char what[64];

	*from = part->base;
	*to = part->base;
	gmc_regs_decode(part->base.asic, &part->base.regs, &f);
	if (k < part->n_offsets) {
		f.fb_offset = part->offsets[k];
		*kind = CHANGE_OFFSET;
		snprintf(name, len, "%s-fb-offset-0x%" PRIx32, part->name, f.fb_offset);
		snprintf(what, sizeof(what), "FB_OFFSET 0x%" PRIx32, f.fb_offset);
	} else {
		uint32_t size = f.fb_top - f.fb_base;

		f.fb_base = part->bases[k - part->n_offsets];
		f.fb_top = f.fb_base + size;
		*kind = CHANGE_LOCATION;
		snprintf(name, len, "%s-fb-base-0x%" PRIx32, part->name, f.fb_base);
		snprintf(what, sizeof(what), "FB_LOCATION_BASE 0x%" PRIx32, f.fb_base);
	}
	if (!set_fields(to, &f))
		return -EINVAL;
	name_profile(from, part->name, part->base.name, "unchanged");
	name_profile(to, name, part->base.name, what);
	return 0;
}

/* One side's registers for a random pair: node, offset, FB base as drawn. */
static bool
draw_side(const struct sweep_gen_part *part, unsigned node, uint32_t offset, uint32_t fb_base,
	  int32_t gart, struct gmcsim_profile *out)
{
	struct gmc_reg_fields f;

	*out = part->base;
	gmc_regs_decode(part->base.asic, &part->base.regs, &f);
	f.lfb_region = node;
	f.fb_offset = offset;
	f.fb_top = fb_base + (f.fb_top - f.fb_base);
	f.fb_base = fb_base;
	out->params.gart_size_mb = gart;
	return set_fields(out, &f) && layout_ok(out);
}

static int
random_pair(const struct sweep_gen *g, unsigned long long index, struct gmcsim_profile *from,
	    struct gmcsim_profile *to, char *name, size_t len, size_t *group)
{
	uint64_t state = g->seed ^ (index * UINT64_C(0xd1b54a32d192ed03));
	const struct sweep_gen_part *part;
	struct gmc_reg_fields f;
	unsigned want, kind = 0;
	int32_t gart;
	char what[GMCSIM_TEXT_MAX], pname[GMCSIM_NAME_MAX];
	bool ok = false;

	next(&state);
	part = &g->parts[below(&state, g->n_parts)];
	want = (unsigned)below(&state, CHANGE_KINDS);
	if (part->nodes < 2)
		want &= ~(unsigned)CHANGE_NODE;
	gart = gart_sizes[below(&state, sizeof(gart_sizes) / sizeof(gart_sizes[0]))];
	gmc_regs_decode(part->base.asic, &part->base.regs, &f);
	for (unsigned attempt = 0; attempt < DRAW_ATTEMPTS && !ok; attempt++) {
		unsigned na = f.lfb_region, nb = f.lfb_region;
		uint32_t oa = f.fb_offset, ob = f.fb_offset, ba = f.fb_base, bb = f.fb_base;

		if (want & CHANGE_NODE) {
			na = (unsigned)below(&state, part->nodes);
			nb = (na + 1 + (unsigned)below(&state, part->nodes - 1)) % part->nodes;
		}
		if (want & CHANGE_OFFSET) {
			oa = (uint32_t)below(&state, (uint64_t)part->offset_max + 1);
			ob = (uint32_t)below(&state, (uint64_t)part->offset_max + 1);
		}
		if (want & CHANGE_LOCATION) {
			ba = (uint32_t)below(&state, (uint64_t)part->base_max + 1);
			bb = (uint32_t)below(&state, (uint64_t)part->base_max + 1);
		}
		ok = draw_side(part, na, oa, ba, gart, from) &&
		     draw_side(part, nb, ob, bb, gart, to);
		kind = (na != nb ? CHANGE_NODE : 0) | (oa != ob ? CHANGE_OFFSET : 0) |
		       (ba != bb ? CHANGE_LOCATION : 0);
	}
	if (!ok) {
		/* nothing the driver accepts was drawn: the base on both sides, a control */
		*from = part->base;
		*to = part->base;
		kind = 0;
	}
	change_text(kind, what, sizeof(what));
	snprintf(name, len, "random-%llu", index);
	snprintf(pname, sizeof(pname), "random-%llu-from", index);
	name_profile(from, pname, part->base.name, what);
	snprintf(pname, sizeof(pname), "random-%llu-to", index);
	name_profile(to, pname, part->base.name, what);
	*group = part->group + kind;
	return 0;
}

int
sweep_gen_pair(const struct sweep_gen *g, unsigned long long index, struct gmcsim_profile *from,
	       struct gmcsim_profile *to, char *name, size_t len, size_t *group,
	       struct gmc_error *err)
{
	unsigned kind = 0;
	int rc = -EINVAL;

	if (index >= g->n_pairs)
		return gmcsim_fail(err, -EINVAL, "pair %llu is not in the space (%llu pairs)",
				   index, g->n_pairs);
	if (g->kind == SWEEP_GEN_RANDOM)
		return random_pair(g, index, from, to, name, len, group);
	for (size_t k = 0; k < g->n_parts; k++) {
		const struct sweep_gen_part *part = &g->parts[k];

		if (index < part->first || index >= part->first + part->count)
			continue;
		if (g->kind == SWEEP_GEN_NODE_PAIRS) {
			rc = node_pair(part, index - part->first, from, to, name, len);
			*group = part->group;
		} else {
			rc = fb_pair(part, index - part->first, from, to, name, len, &kind);
			*group = part->group + (kind == CHANGE_LOCATION);
		}
		break;
	}
	if (rc)
		return gmcsim_fail(err, rc, "pair %llu could not be made", index);
	return 0;
}

int
sweep_gen_find(const struct sweep_gen *g, const char *name, unsigned long long *index)
{
	struct gmcsim_profile a, b;
	char n[GMCSIM_NAME_MAX];
	size_t group;

	if (g->kind == SWEEP_GEN_RANDOM) {
		uint64_t v;
		char why[GMCSIM_WHY_MAX];

		if (strncmp(name, "random-", 7) != 0 ||
		    gmcsim_parse_u64(name + 7, 0, g->n_pairs - 1, &v, why, sizeof(why)) != 0)
			return -ENOENT;
		*index = v;
		return 0;
	}
	/* the other spaces are a few hundred pairs at most */
	for (unsigned long long i = 0; i < g->n_pairs; i++) {
		if (sweep_gen_pair(g, i, &a, &b, n, sizeof(n), &group, NULL) == 0 &&
		    strcmp(n, name) == 0) {
			*index = i;
			return 0;
		}
	}
	return -ENOENT;
}
