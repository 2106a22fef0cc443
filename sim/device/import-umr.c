/* SPDX-License-Identifier: MIT */
/*
 * The MC/XGMI registers of a profile from a UMR test log
 * (`MMIO@0x… = { 0x… } ; NAME`, peers-and-pci.md §1.1), and the names the
 * kernel headers give those registers on each part.
 *
 * UMR logs byte addresses: umr_read_reg() takes the byte address of the
 * register and the log prints it with the name umr_reg_name() gives,
 * "ip.regname" (for example "mmhub_1_8_0.regMC_VM_FB_LOCATION_BASE"; hand-
 * written .envdef files use the bare "mmMC_VM_FB_OFFSET"). The byte address
 * of a register is (base_addr[BASE_IDX] + dword) * 4, see probe.c.
 *
 * A line is taken for one of the five registers in this order of trust:
 *   1. its address is where the part has the register (needs the hub's
 *      base addresses: sysfs ip_discovery or --ip-base);
 *   2. its name names the register and the hub the driver reads it from
 *      (an IP prefix "gc…"/"gfx…"/"mmhub…", or a GCMC_/MMMC_ name);
 *   3. its name names the register with no hub, and every such line is at
 *      one address (on gmc v9 both hubs have an MC_VM_FB_LOCATION_BASE).
 * Lines of the best tier must agree on the value.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "util.h"

/* The register width: addresses in a log are bytes, offsets are dwords. */
#define REG_BYTES 4u
/* Longest name comment kept for a report. */
#define NAME_KEEP (GMCSIM_NAME_MAX - 1)

/* ------------------------------------------------------------------ */
/* Register names                                                       */
/* ------------------------------------------------------------------ */

static const char *const base_names[GMC_REG_COUNT] = {
	[GMC_REG_FB_LOCATION_BASE] = "MC_VM_FB_LOCATION_BASE",
	[GMC_REG_FB_LOCATION_TOP] = "MC_VM_FB_LOCATION_TOP",
	[GMC_REG_FB_OFFSET] = "MC_VM_FB_OFFSET",
	[GMC_REG_XGMI_LFB_CNTL] = "MC_VM_XGMI_LFB_CNTL",
	[GMC_REG_XGMI_LFB_SIZE] = "MC_VM_XGMI_LFB_SIZE",
};

const char *
gmcsim_reg_hw_name(const struct gmc_asic *asic, enum gmc_reg reg, char *buf, size_t len)
{
	struct gmcsim_reg_location loc;
	const char *prefix = "", *suffix = "";

	if ((unsigned)reg >= GMC_REG_COUNT) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (asic && gmcsim_reg_location(asic, reg, &loc) == 0) {
		unsigned gmc = gmc_asic_gmc_version(asic);

		/* gfxhub_v2_x reads GCMC_VM_*, mmhub_v3/v4 MMMC_VM_*, gmc v9 plain MC_VM_* */
		if (gmc >= 10)
			prefix = strcmp(loc.hub, "GC") == 0 ? "GC" : "MM";
		/* gfxhub_v1_1 reads Aldebaran's hard-coded mmMC_VM_XGMI_LFB_*_ALDE */
		if (gmc_asic_gc(asic) == GMC_IP_VERSION(9, 4, 2) &&
		    (reg == GMC_REG_XGMI_LFB_CNTL || reg == GMC_REG_XGMI_LFB_SIZE))
			suffix = "_ALDE";
	}
	snprintf(buf, len, "%s%s%s", prefix, base_names[reg], suffix);
	return buf;
}

/* What a name comment says. */
struct name_info {
	bool is_reg; /* one of the five */
	enum gmc_reg reg;
	bool is_memsize; /* RCC_CONFIG_MEMSIZE */
	bool mc_like;	 /* looks like an MC/XGMI register even if not one of the five */
	const char *hub; /* "GC", "MMHUB", "other" (another IP), or NULL: not stated */
};

/* Copy @in without ANSI colour sequences (umr_reg_name() may colour the name). */
static void
strip_ansi(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 1 < len; p++) {
		if (*p == '\x1b') {
			if (p[1] == '[') {
				p += 2;
				while (*p && !isalpha((unsigned char)*p))
					p++;
				if (!*p)
					break;
			}
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
	while (o > 0 && isspace((unsigned char)out[o - 1]))
		out[--o] = '\0';
}

static const char *
hub_of_ip(const char *ip, size_t len)
{
	char low[32];
	size_t n = len < sizeof(low) - 1 ? len : sizeof(low) - 1;

	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)ip[i]);
	low[n] = '\0';
	if (strncmp(low, "gc", 2) == 0 || strncmp(low, "gfx", 3) == 0)
		return "GC";
	if (strncmp(low, "mmhub", 5) == 0)
		return "MMHUB";
	return "other";
}

static void
analyse_name(const char *name, struct name_info *ni)
{
	const char *dot = strrchr(name, '.');
	const char *reg = dot ? dot + 1 : name;
	const char *hub = dot ? hub_of_ip(name, (size_t)(dot - name)) : NULL;

	memset(ni, 0, sizeof(*ni));
	/* the kernel headers' prefixes: mmFOO (soc15 v1 headers), regFOO (newer ones) */
	if (strncmp(reg, "mm", 2) == 0 && isupper((unsigned char)reg[2]))
		reg += 2;
	else if (strncmp(reg, "reg", 3) == 0 && isupper((unsigned char)reg[3]))
		reg += 3;
	/* gmc v10+ name the hub in the register: GCMC_VM_* and MMMC_VM_* */
	if (strncmp(reg, "GCMC_VM_", 8) == 0) {
		hub = "GC";
		reg += 2;
	} else if (strncmp(reg, "MMMC_VM_", 8) == 0) {
		hub = "MMHUB";
		reg += 2;
	}
	ni->hub = hub;
	if (strcmp(reg, "RCC_CONFIG_MEMSIZE") == 0) {
		ni->is_memsize = true;
		return;
	}
	ni->mc_like = strstr(reg, "MC_VM_FB_") != NULL || strstr(reg, "XGMI_LFB_") != NULL;
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		size_t n = strlen(base_names[r]);

		if (strncmp(reg, base_names[r], n) == 0 &&
		    (reg[n] == '\0' || strcmp(reg + n, "_ALDE") == 0)) {
			ni->is_reg = true;
			ni->reg = (enum gmc_reg)r;
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Parsing the log                                                      */
/* ------------------------------------------------------------------ */

struct mmio_line {
	unsigned line;
	uint64_t address;
	uint32_t value;
	char name[GMCSIM_NAME_MAX]; /* "" when none */
};

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A hex number "0x…" at *@pp up to @max; advances *@pp. */
static bool
take_number(const char **pp, uint64_t max, uint64_t *out)
{
	const char *p = *pp, *start = p;
	char buf[24];
	size_t n;

	while (isalnum((unsigned char)*p))
		p++;
	n = (size_t)(p - start);
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, start, n);
	buf[n] = '\0';
	if (gmcsim_parse_u64(buf, 0, max, out, NULL, 0) != 0)
		return false;
	*pp = p;
	return true;
}

/*
 * "MMIO@ADDR = { V[, V…] } [; NAME]" (UMR's testing_syntax.txt): the
 * values of successive reads of one register. All must be equal for us.
 */
static int
parse_mmio(const char *text, unsigned lineno, struct mmio_line *out, struct gmc_error *err)
{
	const char *p = text + strlen("MMIO@");
	uint64_t addr, v, first = 0;
	unsigned n = 0;

	memset(out, 0, sizeof(*out));
	out->line = lineno;
	if (!take_number(&p, UINT64_MAX, &addr))
		return gmcsim_fail(err, -EINVAL, "line %u: MMIO@ needs an address like 0xA5AC",
				   lineno);
	p = skip_space(p);
	if (*p++ != '=')
		return gmcsim_fail(err, -EINVAL, "line %u: expected '=' after the address", lineno);
	p = skip_space(p);
	if (*p++ != '{')
		return gmcsim_fail(err, -EINVAL, "line %u: expected '{' before the value", lineno);
	for (;;) {
		p = skip_space(p);
		/* MMIO registers are 32 bits wide */
		if (!take_number(&p, UINT32_MAX, &v))
			return gmcsim_fail(err, -EINVAL,
					   "line %u: expected a 32-bit value like 0x40", lineno);
		if (n++ == 0)
			first = v;
		else if (v != first)
			return gmcsim_fail(err, -EINVAL,
					   "line %u: the register read 0x%" PRIx64
					   " and then 0x%" PRIx64 "; a profile needs one value",
					   lineno, first, v);
		p = skip_space(p);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p++ != '}')
			return gmcsim_fail(err, -EINVAL,
					   "line %u: expected ',' or '}' after a value", lineno);
		break;
	}
	p = skip_space(p);
	if (*p == ';')
		strip_ansi(skip_space(p + 1), out->name, sizeof(out->name));
	else if (*p != '\0' && *p != '\r')
		return gmcsim_fail(err, -EINVAL, "line %u: unexpected text after '}'", lineno);
	out->address = addr;
	out->value = (uint32_t)first;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Choosing the registers                                               */
/* ------------------------------------------------------------------ */

enum tier { TIER_OFFSET = 0, TIER_NAME_HUB, TIER_NAME, N_TIERS };

struct pick {
	bool have;
	unsigned line;
	uint64_t address;
	uint32_t value;
	bool many_addresses; /* TIER_NAME: lines at different addresses */
};

struct umr_state {
	const struct gmc_asic *asic;
	const struct gmcsim_ip_bases *bases;
	struct gmcsim_reg_location loc[GMC_REG_COUNT];
	bool expected_known[GMC_REG_COUNT];
	uint64_t expected[GMC_REG_COUNT]; /* byte address, when the bases say */
	struct pick picks[GMC_REG_COUNT][N_TIERS];
	struct pick memsize;
	struct gmcsim_umr_report *rep;
	size_t cap_unused;
};

static const struct gmcsim_ip_info *
bases_for(const struct gmcsim_ip_bases *b, const char *hub)
{
	if (!b)
		return NULL;
	return strcmp(hub, "GC") == 0 ? &b->gc : &b->mmhub;
}

static int add_unused(struct umr_state *st, const struct mmio_line *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
add_unused(struct umr_state *st, const struct mmio_line *l, const char *fmt, ...)
{
	struct gmcsim_umr_report *rep = st->rep;
	struct gmcsim_umr_unused *u;
	va_list ap;

	if (rep->n_unused == st->cap_unused) {
		size_t ncap = st->cap_unused ? st->cap_unused * 2 : 8;
		void *p = realloc(rep->unused, ncap * sizeof(*rep->unused));

		if (!p)
			return -ENOMEM;
		rep->unused = p;
		st->cap_unused = ncap;
	}
	u = &rep->unused[rep->n_unused++];
	memset(u, 0, sizeof(*u));
	u->line = l->line;
	u->address = l->address;
	snprintf(u->name, sizeof(u->name), "%s", l->name);
	va_start(ap, fmt);
	vsnprintf(u->why, sizeof(u->why), fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * Record @l as a candidate in @pk. Two values for one register are an
 * error, except between lines that only a bare name ties to it and that sit
 * at different addresses: those may be two registers, and choose() refuses
 * the guess.
 */
static int
offer(struct pick *pk, bool bare_name, const struct mmio_line *l, const char *what,
      struct gmc_error *err)
{
	if (!pk->have) {
		pk->have = true;
		pk->line = l->line;
		pk->address = l->address;
		pk->value = l->value;
		return 0;
	}
	if (pk->address != l->address)
		pk->many_addresses = true;
	if (pk->value != l->value && (!bare_name || pk->address == l->address))
		return gmcsim_fail(err, -EINVAL,
				   "%s: line %u reads 0x%" PRIx32 " but line %u reads 0x%" PRIx32
				   "; a profile needs one value",
				   what, pk->line, pk->value, l->line, l->value);
	return 0;
}

static int
take_line(struct umr_state *st, const struct mmio_line *l, struct gmc_error *err)
{
	struct name_info ni;
	char hw[40];

	/* tier 1: the address is where this part has the register */
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		if (st->expected_known[r] && st->expected[r] == l->address)
			return offer(&st->picks[r][TIER_OFFSET], false, l,
				     gmc_reg_name((enum gmc_reg)r), err);
	}
	if (l->address == (uint64_t)GMCSIM_MEMSIZE_DWORD * REG_BYTES)
		return offer(&st->memsize, false, l, "RCC_CONFIG_MEMSIZE", err);

	analyse_name(l->name, &ni);
	if (ni.is_memsize)
		return offer(&st->memsize, false, l, "RCC_CONFIG_MEMSIZE", err);
	if (!ni.is_reg) {
		if (ni.mc_like)
			return add_unused(st, l, "not one of the registers the layout needs");
		st->rep->other_lines++;
		return 0;
	}
	if (!st->rep->needed[ni.reg])
		return add_unused(st, l, "the driver does not read %s on %s", gmc_reg_name(ni.reg),
				  gmc_asic_name(st->asic));
	gmcsim_reg_hw_name(st->asic, ni.reg, hw, sizeof(hw));
	if (ni.hub && strcmp(ni.hub, st->loc[ni.reg].hub) != 0)
		return add_unused(st, l, "%s copy; the driver reads %s from the %s on %s",
				  strcmp(ni.hub, "other") == 0 ? "another IP's" : ni.hub, hw,
				  st->loc[ni.reg].hub, gmc_asic_name(st->asic));
	return offer(&st->picks[ni.reg][ni.hub ? TIER_NAME_HUB : TIER_NAME], !ni.hub, l,
		     gmc_reg_name(ni.reg), err);
}

static void
choose(struct umr_state *st, struct gmc_regs *regs)
{
	struct gmcsim_umr_report *rep = st->rep;

	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		char hw[40];

		if (!rep->needed[r])
			continue;
		gmcsim_reg_hw_name(st->asic, (enum gmc_reg)r, hw, sizeof(hw));
		for (unsigned t = 0; t < N_TIERS && !rep->found[r]; t++) {
			const struct pick *pk = &st->picks[r][t];

			if (!pk->have)
				continue;
			if (t == TIER_NAME && pk->many_addresses) {
				snprintf(
					rep->note[r], sizeof(rep->note[r]),
					"%s appears at several addresses with no hub named; give the "
					"IP base addresses (--ip-base or --sysfs) to tell them apart",
					hw);
				continue;
			}
			rep->found[r] = true;
			rep->how[r] = t == TIER_OFFSET	   ? GMCSIM_UMR_OFFSET
				      : t == TIER_NAME_HUB ? GMCSIM_UMR_NAME_HUB
							   : GMCSIM_UMR_NAME;
			rep->line[r] = pk->line;
			rep->address[r] = pk->address;
			regs->value[r] = pk->value;
			/* the base addresses put it elsewhere: another instance (an XCC copy) */
			if (t != TIER_OFFSET && st->expected_known[r])
				snprintf(rep->note[r], sizeof(rep->note[r]),
					 "taken by name at 0x%" PRIx64
					 "; instance 0 of the %s has it "
					 "at 0x%" PRIx64,
					 pk->address, st->loc[r].hub, st->expected[r]);
		}
		if (!rep->found[r] && !rep->note[r][0])
			snprintf(rep->note[r], sizeof(rep->note[r]),
				 "no line reads %s (%s dword 0x%04" PRIx32 ", BASE_IDX %u)", hw,
				 st->loc[r].hub, st->loc[r].dword, st->loc[r].base_idx);
	}
	if (st->memsize.have && st->memsize.value) {
		rep->have_memsize = true;
		rep->memsize_mb = st->memsize.value;
	}
}

void
gmcsim_umr_report_fini(struct gmcsim_umr_report *rep)
{
	if (!rep)
		return;
	free(rep->unused);
	rep->unused = NULL;
	rep->n_unused = 0;
}

int
gmcsim_umr_import(const char *text, const struct gmc_asic *asic,
		  const struct gmcsim_ip_bases *bases, struct gmc_regs *regs,
		  struct gmcsim_umr_report *rep, struct gmc_error *err)
{
	struct umr_state *st;
	struct gmc_regs out = { { 0 } };
	const char *p;
	unsigned lineno = 0;
	int rc = 0;

	if (!text || !asic || !regs || !rep)
		return gmcsim_fail(err, -EINVAL, "gmcsim_umr_import: NULL argument");
	st = calloc(1, sizeof(*st));
	if (!st)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	memset(rep, 0, sizeof(*rep));
	st->asic = asic;
	st->bases = bases;
	st->rep = rep;
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		const struct gmcsim_ip_info *ip;

		if (gmcsim_reg_location(asic, (enum gmc_reg)r, &st->loc[r]) != 0)
			continue;
		rep->needed[r] = true;
		ip = bases_for(bases, st->loc[r].hub);
		if (ip && ip->present && st->loc[r].base_idx < ip->n_bases) {
			/* (base_addr[BASE_IDX] + dword) * 4, as in probe.c */
			st->expected[r] =
				((uint64_t)ip->base[st->loc[r].base_idx] + st->loc[r].dword) *
				REG_BYTES;
			st->expected_known[r] = true;
		}
	}

	for (p = text; rc == 0 && *p; lineno++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];
		const char *s;

		rep->lines++;
		if (len >= sizeof(line)) {
			/* a long line is never an MMIO line of ours; a DISCOVERY blob may be */
			s = skip_space(p);
			if (strncmp(s, "MMIO@", 5) == 0)
				rc = gmcsim_fail(err, -EINVAL,
						 "line %u: an MMIO line of %zu bytes is too long",
						 lineno + 1, len);
		} else {
			memcpy(line, p, len);
			line[len] = '\0';
			s = skip_space(line);
			if (strncmp(s, "MMIO@", 5) == 0) {
				struct mmio_line l;

				rep->mmio_lines++;
				rc = parse_mmio(s, lineno + 1, &l, err);
				if (rc == 0)
					rc = take_line(st, &l, err);
				if (rc == -ENOMEM)
					gmcsim_fail(err, rc, "out of memory");
			}
		}
		p = nl ? nl + 1 : p + len;
	}
	if (rc == 0)
		choose(st, &out);
	free(st);
	if (rc) {
		gmcsim_umr_report_fini(rep);
		return rc;
	}
	*regs = out;
	return 0;
}
