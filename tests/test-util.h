/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the CMocka unit tests: look parts up, build register
 * values and parameters, compute a layout that must succeed, and check a
 * failure's errno and message.
 *
 * Expected values never come from here: every test derives its own by hand
 * from the reference facts (gmc-address-math.md) and writes the arithmetic
 * next to the assertion.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#ifdef NDEBUG
#error "the unit tests rely on assert(): build them without NDEBUG"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gmc/gmc.h>

#define MiB(x) ((uint64_t)(x) << 20)
#define GiB(x) ((uint64_t)(x) << 30)

/* amdgpu_gmc_set_agp_default(): start 0xFFFF_FFFF_FFFF above end 0 means "off" (§4.4). */
#define AGP_OFF_START UINT64_C(0x0000ffffffffffff)
/* gmc.mc_mask of gmc v9..v12 (§4.3): 48-bit MC space. */
#define MC_MASK_48 UINT64_C(0x0000ffffffffffff)

/* Fill a buffer with a pattern no real result has, to prove "untouched". */
#define POISON_BYTE 0xa5

/* The part called @p name; the test fails if it is not modelled. */
static inline const struct gmc_asic *
asic_get(const char *name)
{
	const struct gmc_asic *asic = NULL;
	struct gmc_error err = { 0 };
	int rc = gmc_asic_find(name, &asic, &err);

	if (rc != 0)
		fail_msg("gmc_asic_find(\"%s\") = %d (%s)", name, rc, err.message);
	assert_non_null(asic);
	return asic;
}

/* Raw register values, in enum gmc_reg order. */
static inline struct gmc_regs
regs_make(uint32_t fb_base, uint32_t fb_top, uint32_t fb_offset, uint32_t xgmi_cntl,
	  uint32_t xgmi_size)
{
	struct gmc_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.value[GMC_REG_FB_LOCATION_BASE] = fb_base;
	regs.value[GMC_REG_FB_LOCATION_TOP] = fb_top;
	regs.value[GMC_REG_FB_OFFSET] = fb_offset;
	regs.value[GMC_REG_XGMI_LFB_CNTL] = xgmi_cntl;
	regs.value[GMC_REG_XGMI_LFB_SIZE] = xgmi_size;
	return regs;
}

/* The driver's default parameters with @p vram_size bytes of VRAM. */
static inline struct gmc_params
params_make(uint64_t vram_size)
{
	struct gmc_params p;

	gmc_params_init(&p);
	p.vram_size = vram_size;
	return p;
}

/* gmc_layout_compute() that must succeed. */
static inline struct gmc_layout
layout_ok(const char *asic_name, const struct gmc_regs *regs, const struct gmc_params *params)
{
	struct gmc_layout l;
	struct gmc_error err = { 0 };
	int rc;

	memset(&l, 0, sizeof(l));
	rc = gmc_layout_compute(asic_get(asic_name), regs, params, &l, &err);
	if (rc != 0)
		fail_msg("gmc_layout_compute(%s) = %d (%s)", asic_name, rc, err.message);
	return l;
}

/* gmc_layout_compute() that must succeed, from raw register values. */
static inline struct gmc_layout
layout_of(const char *asic_name, uint32_t fb_base, uint32_t fb_top, uint32_t fb_offset,
	  uint32_t xgmi_cntl, uint32_t xgmi_size, const struct gmc_params *params)
{
	const struct gmc_regs regs = regs_make(fb_base, fb_top, fb_offset, xgmi_cntl, xgmi_size);

	return layout_ok(asic_name, &regs, params);
}

/*
 * A failure: @p rc and the report's code are @p code, and the report's
 * message is non-empty and mentions @p needle.
 */
static inline void
assert_failure(int rc, int code, const struct gmc_error *err, const char *needle)
{
	assert_int_equal(rc, code);
	assert_int_equal(err->code, code);
	assert_true(strnlen(err->message, sizeof(err->message)) > 0);
	assert_true(strnlen(err->message, sizeof(err->message)) < sizeof(err->message));
	if (!strstr(err->message, needle))
		fail_msg("error message \"%s\" does not mention \"%s\"", err->message, needle);
}

/* AGP as amdgpu_gmc_set_agp_default() leaves it (§4.4). */
static inline void
assert_agp_off(const struct gmc_layout *l)
{
	assert_int_equal(l->agp_start, AGP_OFF_START);
	assert_int_equal(l->agp_end, 0);
	assert_int_equal(l->agp_size, 0);
	assert_int_equal(l->flags & GMC_LAYOUT_AGP_ENABLED, 0);
}

/* Whether @p len bytes at @p p all hold POISON_BYTE. */
static inline int
is_poisoned(const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != POISON_BYTE)
			return 0;
	return 1;
}

#endif /* TEST_UTIL_H */
