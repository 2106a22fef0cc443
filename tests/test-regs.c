/* SPDX-License-Identifier: MIT */
/*
 * Register field decode/encode with the driver's masks on every GC version
 * family, and the register names. Facts: gmc-address-math.md §1.1, §1.2, §2.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

/* The widths get_xgmi_info() extracts with, per part (§1.1, §2). */
enum xgmi_family {
	XGMI_NONE, /* the driver never reads the XGMI registers */
	XGMI_V1_1, /* GC 9.2.1 layout: REGION [2:0], MAX [6:4], SIZE [15:0] (9.4.0, 9.4.1) */
	XGMI_ALDE, /* _ALDE REGION [3:0], MAX [7:4], SIZE through the 16-bit mask (9.4.2) */
	XGMI_V1_2, /* GC 9.4.3: REGION [3:0], MAX [7:4], SIZE [16:0] (9.4.3, 9.4.4, 9.5.0) */
};

struct part_masks {
	const char *name;
	bool fb_offset_masked; /* mmhub_v3_3 (GC 11.5.x) masks FB_OFFSET to 24 bits */
	enum xgmi_family xgmi;
};

static const struct part_masks parts[] = {
	{ "vega10", false, XGMI_NONE },
	{ "vega12", false, XGMI_NONE },
	{ "vega20", false, XGMI_V1_1 },
	{ "arcturus", false, XGMI_V1_1 },
	{ "aldebaran", false, XGMI_ALDE },
	{ "raven", false, XGMI_NONE },
	{ "raven2", false, XGMI_NONE },
	{ "renoir", false, XGMI_NONE },
	{ "gc943", false, XGMI_V1_2 },
	{ "gc944", false, XGMI_V1_2 },
	{ "gc950", false, XGMI_V1_2 },
	{ "navi10", false, XGMI_NONE },
	{ "navi14", false, XGMI_NONE },
	{ "navi12", false, XGMI_NONE },
	{ "sienna_cichlid", false, XGMI_NONE },
	{ "vangogh", false, XGMI_NONE },
	{ "navy_flounder", false, XGMI_NONE },
	{ "yellow_carp", false, XGMI_NONE },
	{ "dimgrey_cavefish", false, XGMI_NONE },
	{ "beige_goby", false, XGMI_NONE },
	{ "gc1036", false, XGMI_NONE },
	{ "gc1037", false, XGMI_NONE },
	{ "gc1100", false, XGMI_NONE },
	{ "gc1150", true, XGMI_NONE },
	{ "gc1200", false, XGMI_NONE },
};

#define N_PARTS (sizeof(parts) / sizeof(parts[0]))

static struct gmc_reg_fields
decode(const char *name, const struct gmc_regs *regs)
{
	struct gmc_reg_fields f;

	memset(&f, POISON_BYTE, sizeof(f));
	assert_int_equal(gmc_regs_decode(asic_get(name), regs, &f), 0);
	return f;
}

static void
test_decode_fb_fields_every_part(void **state)
{
	/* every bit set above the 24-bit fields, so a missing mask shows */
	const struct gmc_regs regs = regs_make(0xff123456, 0xabcdef01, 0xff0001c0, 0, 0);

	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		struct gmc_reg_fields f = decode(parts[i].name, &regs);

		/* FB_BASE bits[23:0]: 0xff123456 & 0x00ffffff = 0x123456 (§1.1) */
		assert_int_equal(f.fb_base, 0x123456);
		/* FB_TOP bits[23:0]: 0xabcdef01 & 0x00ffffff = 0xcdef01 (§1.1) */
		assert_int_equal(f.fb_top, 0xcdef01);
		if (parts[i].fb_offset_masked)
			/* mmhub_v3_3: 0xff0001c0 & 0x00ffffff = 0x1c0 (§1.2) */
			assert_int_equal(f.fb_offset, 0x1c0);
		else
			/* the raw 32-bit register is shifted unmasked (§1.2) */
			assert_int_equal(f.fb_offset, 0xff0001c0);
	}
}

static void
test_decode_xgmi_all_ones_every_part(void **state)
{
	const struct gmc_regs regs = regs_make(0, 0, 0, 0xffffffff, 0xffffffff);

	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		struct gmc_reg_fields f = decode(parts[i].name, &regs);

		switch (parts[i].xgmi) {
		case XGMI_NONE:
			/* "All three numbers stay 0 on non-XGMI parts" (§2) */
			assert_int_equal(f.lfb_region, 0);
			assert_int_equal(f.max_region, 0);
			assert_int_equal(f.lfb_size, 0);
			break;
		case XGMI_V1_1:
			/* 0xffffffff & 0x07 = 7; (0xffffffff & 0x70) >> 4 = 7; & 0xffff */
			assert_int_equal(f.lfb_region, 7);
			assert_int_equal(f.max_region, 7);
			assert_int_equal(f.lfb_size, 0xffff);
			break;
		case XGMI_ALDE:
			/* & 0x0f = 15; (& 0xf0) >> 4 = 15; size through 0xffff, not 0x1ffff */
			assert_int_equal(f.lfb_region, 15);
			assert_int_equal(f.max_region, 15);
			assert_int_equal(f.lfb_size, 0xffff);
			break;
		case XGMI_V1_2:
			/* & 0x0f = 15; (& 0xf0) >> 4 = 15; & 0x1ffff */
			assert_int_equal(f.lfb_region, 15);
			assert_int_equal(f.max_region, 15);
			assert_int_equal(f.lfb_size, 0x1ffff);
			break;
		}
	}
}

static void
test_decode_xgmi_3bit(void **state)
{
	static const char *const names[] = { "vega20", "arcturus" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct gmc_regs regs = regs_make(0, 0, 0, 0x32, 0x800);
		struct gmc_reg_fields f = decode(names[i], &regs);

		/* Example 1: 0x32 & 0x7 = 2; (0x32 & 0x70) >> 4 = 3; size 0x800 (§9) */
		assert_int_equal(f.lfb_region, 2);
		assert_int_equal(f.max_region, 3);
		assert_int_equal(f.lfb_size, 0x800);

		/* bit 3 and bit 7 lie outside the 3-bit fields */
		regs = regs_make(0, 0, 0, 0x8f, 0x18000);
		f = decode(names[i], &regs);
		/* 0x8f & 0x07 = 7 */
		assert_int_equal(f.lfb_region, 7);
		/* (0x8f & 0x70) >> 4 = 0 */
		assert_int_equal(f.max_region, 0);
		/* 0x18000 & 0xffff = 0x8000 */
		assert_int_equal(f.lfb_size, 0x8000);

		regs = regs_make(0, 0, 0, 0x75, 0x1000);
		f = decode(names[i], &regs);
		/* 0x75 & 0x07 = 5; (0x75 & 0x70) >> 4 = 7 */
		assert_int_equal(f.lfb_region, 5);
		assert_int_equal(f.max_region, 7);
		assert_int_equal(f.lfb_size, 0x1000);
	}
}

static void
test_decode_xgmi_aldebaran(void **state)
{
	struct gmc_regs regs = regs_make(0, 0, 0, 0x75, 0x1000);
	struct gmc_reg_fields f;

	(void)state;
	f = decode("aldebaran", &regs);
	/* Example 3: (0x75 & 0xf0) >> 4 = 7; 0x75 & 0xf = 5; size 0x1000 (§9) */
	assert_int_equal(f.max_region, 7);
	assert_int_equal(f.lfb_region, 5);
	assert_int_equal(f.lfb_size, 0x1000);

	/* 4-bit fields: bit 3 belongs to REGION and bit 7 to MAX */
	regs = regs_make(0, 0, 0, 0x8f, 0x18000);
	f = decode("aldebaran", &regs);
	/* 0x8f & 0x0f = 15 */
	assert_int_equal(f.lfb_region, 15);
	/* (0x8f & 0xf0) >> 4 = 8 */
	assert_int_equal(f.max_region, 8);
	/* size still through the 16-bit mask: 0x18000 & 0xffff = 0x8000 (§1.1, §2) */
	assert_int_equal(f.lfb_size, 0x8000);

	/* 0x10000 & 0xffff = 0: bit 16 is lost on 9.4.2 */
	regs = regs_make(0, 0, 0, 0x1ff, 0x10000);
	f = decode("aldebaran", &regs);
	/* bit 8 is above both fields: 0x1ff & 0x0f = 15, (0x1ff & 0xf0) >> 4 = 15 */
	assert_int_equal(f.lfb_region, 15);
	assert_int_equal(f.max_region, 15);
	assert_int_equal(f.lfb_size, 0);
}

static void
test_decode_xgmi_v1_2(void **state)
{
	static const char *const names[] = { "gc943", "gc944", "gc950" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct gmc_regs regs = regs_make(0, 0, 0, 0x8f, 0x18000);
		struct gmc_reg_fields f = decode(names[i], &regs);

		/* 0x8f & 0x0f = 15; (0x8f & 0xf0) >> 4 = 8 */
		assert_int_equal(f.lfb_region, 15);
		assert_int_equal(f.max_region, 8);
		/* 17-bit SIZE: 0x18000 & 0x1ffff = 0x18000 */
		assert_int_equal(f.lfb_size, 0x18000);

		regs = regs_make(0, 0, 0, 0x72, 0x3ffff);
		f = decode(names[i], &regs);
		/* Example 4: 0x72 & 0xf = 2; (0x72 & 0xf0) >> 4 = 7 */
		assert_int_equal(f.lfb_region, 2);
		assert_int_equal(f.max_region, 7);
		/* 0x3ffff & 0x1ffff = 0x1ffff */
		assert_int_equal(f.lfb_size, 0x1ffff);
	}
}

static void
test_decode_xgmi_zero_without_xgmi(void **state)
{
	const struct gmc_regs regs = regs_make(0x8000, 0x9fff, 0, 0x75, 0x1000);

	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		struct gmc_reg_fields f;

		if (parts[i].xgmi != XGMI_NONE)
			continue;
		f = decode(parts[i].name, &regs);
		/* the registers hold values, but the driver never reads them (§2) */
		assert_int_equal(f.lfb_region, 0);
		assert_int_equal(f.max_region, 0);
		assert_int_equal(f.lfb_size, 0);
		assert_int_equal(f.fb_base, 0x8000);
		assert_int_equal(f.fb_top, 0x9fff);
	}
}

static void
test_decode_null(void **state)
{
	const struct gmc_regs regs = regs_make(0, 0, 0, 0, 0);
	struct gmc_reg_fields f;

	(void)state;
	assert_int_equal(gmc_regs_decode(NULL, &regs, &f), -EINVAL);
	assert_int_equal(gmc_regs_decode(asic_get("vega10"), NULL, &f), -EINVAL);
	assert_int_equal(gmc_regs_decode(asic_get("vega10"), &regs, NULL), -EINVAL);
}

/* Fields that fit every part of a family, with distinct bits per field. */
static struct gmc_reg_fields
fields_for(enum xgmi_family fam)
{
	struct gmc_reg_fields f = {
		.fb_base = 0xabcdef,
		.fb_top = 0x123456,
		/* 24 bits, so it fits GC 11.5.0's masked FB_OFFSET too */
		.fb_offset = 0xfedcba,
	};

	switch (fam) {
	case XGMI_NONE:
		break;
	case XGMI_V1_1:
		f.lfb_region = 5;
		f.max_region = 6;
		f.lfb_size = 0xbeef;
		break;
	case XGMI_ALDE:
		f.lfb_region = 13;
		f.max_region = 14;
		f.lfb_size = 0xbeef;
		break;
	case XGMI_V1_2:
		f.lfb_region = 13;
		f.max_region = 14;
		f.lfb_size = 0x1beef;
		break;
	}
	return f;
}

static void
assert_fields_equal(const struct gmc_reg_fields *a, const struct gmc_reg_fields *b)
{
	assert_int_equal(a->fb_base, b->fb_base);
	assert_int_equal(a->fb_top, b->fb_top);
	assert_int_equal(a->fb_offset, b->fb_offset);
	assert_int_equal(a->lfb_region, b->lfb_region);
	assert_int_equal(a->max_region, b->max_region);
	assert_int_equal(a->lfb_size, b->lfb_size);
}

static void
test_encode_round_trip_every_part(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		const struct gmc_asic *asic = asic_get(parts[i].name);
		struct gmc_reg_fields f = fields_for(parts[i].xgmi), back;
		struct gmc_regs regs;
		struct gmc_error err = { 0 };

		memset(&regs, POISON_BYTE, sizeof(regs));
		assert_int_equal(gmc_regs_encode(asic, &f, &regs, &err), 0);
		assert_int_equal(err.code, 0);

		/* "all other bits 0": each field sits at shift 0 in its register */
		assert_int_equal(regs.value[GMC_REG_FB_LOCATION_BASE], 0xabcdef);
		assert_int_equal(regs.value[GMC_REG_FB_LOCATION_TOP], 0x123456);
		assert_int_equal(regs.value[GMC_REG_FB_OFFSET], 0xfedcba);
		switch (parts[i].xgmi) {
		case XGMI_NONE:
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0);
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_SIZE], 0);
			break;
		case XGMI_V1_1:
			/* MAX at shift 4: (6 << 4) | 5 = 0x65 */
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0x65);
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_SIZE], 0xbeef);
			break;
		case XGMI_ALDE:
			/* (14 << 4) | 13 = 0xed */
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0xed);
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_SIZE], 0xbeef);
			break;
		case XGMI_V1_2:
			/* (14 << 4) | 13 = 0xed */
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0xed);
			assert_int_equal(regs.value[GMC_REG_XGMI_LFB_SIZE], 0x1beef);
			break;
		}

		memset(&back, POISON_BYTE, sizeof(back));
		assert_int_equal(gmc_regs_decode(asic, &regs, &back), 0);
		assert_fields_equal(&back, &f);
	}
}

static void
test_encode_round_trip_limits(void **state)
{
	struct gmc_reg_fields f = { 0 }, back;
	struct gmc_regs regs;

	(void)state;
	/* vega20: every field at its widest: 24-bit FB, 3-bit REGION/MAX, 16-bit SIZE */
	f.fb_base = 0xffffff;
	f.fb_top = 0xffffff;
	f.fb_offset = 0xffffffff; /* unmasked on mmhub_v1_0/gfxhub_v1_0 */
	f.lfb_region = 7;
	f.max_region = 7;
	f.lfb_size = 0xffff;
	assert_int_equal(gmc_regs_encode(asic_get("vega20"), &f, &regs, NULL), 0);
	/* (7 << 4) | 7 = 0x77 */
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0x77);
	assert_int_equal(regs.value[GMC_REG_FB_OFFSET], 0xffffffff);
	assert_int_equal(gmc_regs_decode(asic_get("vega20"), &regs, &back), 0);
	assert_fields_equal(&back, &f);

	/* gc944: 4-bit REGION/MAX, 17-bit SIZE */
	f.lfb_region = 15;
	f.max_region = 15;
	f.lfb_size = 0x1ffff;
	assert_int_equal(gmc_regs_encode(asic_get("gc944"), &f, &regs, NULL), 0);
	/* (15 << 4) | 15 = 0xff */
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0xff);
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_SIZE], 0x1ffff);
	assert_int_equal(gmc_regs_decode(asic_get("gc944"), &regs, &back), 0);
	assert_fields_equal(&back, &f);

	/* aldebaran: 4-bit REGION/MAX but only 16 bits of SIZE survive decode */
	f.lfb_size = 0xffff;
	assert_int_equal(gmc_regs_encode(asic_get("aldebaran"), &f, &regs, NULL), 0);
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0xff);
	assert_int_equal(gmc_regs_decode(asic_get("aldebaran"), &regs, &back), 0);
	assert_fields_equal(&back, &f);

	/* gc1100 (mmhub_v3_0) does not mask FB_OFFSET: 0x01000000 fits */
	memset(&f, 0, sizeof(f));
	f.fb_offset = 0x01000000;
	assert_int_equal(gmc_regs_encode(asic_get("gc1100"), &f, &regs, NULL), 0);
	assert_int_equal(regs.value[GMC_REG_FB_OFFSET], 0x01000000);
	assert_int_equal(gmc_regs_decode(asic_get("gc1100"), &regs, &back), 0);
	assert_fields_equal(&back, &f);
}

/* gmc_regs_encode() must fail with @p code, naming @p needle, leaving out alone. */
static void
encode_fails(const char *name, const struct gmc_reg_fields *f, int code, const char *needle)
{
	struct gmc_regs regs;
	struct gmc_error err = { 0 };
	int rc;

	memset(&regs, POISON_BYTE, sizeof(regs));
	rc = gmc_regs_encode(asic_get(name), f, &regs, &err);
	if (rc != code)
		fail_msg("%s: gmc_regs_encode = %d, want %d", name, rc, code);
	assert_failure(rc, code, &err, needle);
	assert_true(is_poisoned(&regs, sizeof(regs)));
	/* and without a report */
	assert_int_equal(gmc_regs_encode(asic_get(name), f, &regs, NULL), code);
	assert_true(is_poisoned(&regs, sizeof(regs)));
}

static void
test_encode_erange_fb(void **state)
{
	struct gmc_reg_fields f = { 0 };

	(void)state;
	/* 0x01000000 is bit 24: outside the 24-bit FB fields (§1.1) */
	f.fb_base = 0x01000000;
	encode_fails("vega10", &f, -ERANGE, "FB_BASE");
	encode_fails("gc1200", &f, -ERANGE, "FB_BASE");
	f.fb_base = 0;
	f.fb_top = 0x01000000;
	encode_fails("navi10", &f, -ERANGE, "FB_TOP");
	f.fb_top = 0;
	/* only mmhub_v3_3 (GC 11.5.0) masks FB_OFFSET to 0x00ffffff (§1.2) */
	f.fb_offset = 0x01000000;
	encode_fails("gc1150", &f, -ERANGE, "FB_OFFSET");
}

static void
test_encode_erange_xgmi(void **state)
{
	struct gmc_reg_fields f = { 0 };

	(void)state;
	/* 9.4.2 extracts SIZE with 0xffff: 0x10000 cannot be read back (§1.1) */
	f.lfb_size = 0x10000;
	encode_fails("aldebaran", &f, -ERANGE, "PF_LFB_SIZE");
	encode_fails("vega20", &f, -ERANGE, "PF_LFB_SIZE");
	/* ... while GC 9.4.3's 17-bit field holds it: 0x10000 <= 0x1ffff */
	assert_int_equal(gmc_regs_encode(asic_get("gc943"), &f, &(struct gmc_regs){ { 0 } }, NULL),
			 0);
	/* 0x20000 > 0x1ffff */
	f.lfb_size = 0x20000;
	encode_fails("gc943", &f, -ERANGE, "PF_LFB_SIZE");
	f.lfb_size = 0;

	/* 3-bit REGION on vega20/arcturus: 8 > 7 */
	f.lfb_region = 8;
	encode_fails("vega20", &f, -ERANGE, "PF_LFB_REGION");
	encode_fails("arcturus", &f, -ERANGE, "PF_LFB_REGION");
	/* ... but 8 fits the 4-bit field of 9.4.2/9.4.3 */
	assert_int_equal(
		gmc_regs_encode(asic_get("aldebaran"), &f, &(struct gmc_regs){ { 0 } }, NULL), 0);
	/* 16 > 15 */
	f.lfb_region = 16;
	encode_fails("aldebaran", &f, -ERANGE, "PF_LFB_REGION");
	encode_fails("gc944", &f, -ERANGE, "PF_LFB_REGION");
	f.lfb_region = 0;

	/* 3-bit MAX: 8 > 7; 4-bit MAX: 16 > 15 */
	f.max_region = 8;
	encode_fails("vega20", &f, -ERANGE, "PF_MAX_REGION");
	f.max_region = 16;
	encode_fails("gc950", &f, -ERANGE, "PF_MAX_REGION");
}

static void
test_encode_einval_xgmi_without_xgmi(void **state)
{
	static const char *const names[] = { "vega10", "raven",	 "navi10", "sienna_cichlid",
					     "gc1100", "gc1150", "gc1200" };
	struct gmc_reg_fields f;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.lfb_region = 1;
		encode_fails(names[i], &f, -EINVAL, "XGMI");
		memset(&f, 0, sizeof(f));
		f.max_region = 1;
		encode_fails(names[i], &f, -EINVAL, "XGMI");
		memset(&f, 0, sizeof(f));
		f.lfb_size = 1;
		encode_fails(names[i], &f, -EINVAL, "XGMI");
	}
}

static void
test_reg_names(void **state)
{
	static const struct {
		enum gmc_reg reg;
		const char *name;
	} names[] = {
		{ GMC_REG_FB_LOCATION_BASE, "fb_location_base" },
		{ GMC_REG_FB_LOCATION_TOP, "fb_location_top" },
		{ GMC_REG_FB_OFFSET, "fb_offset" },
		{ GMC_REG_XGMI_LFB_CNTL, "xgmi_lfb_cntl" },
		{ GMC_REG_XGMI_LFB_SIZE, "xgmi_lfb_size" },
	};

	(void)state;
	assert_int_equal(GMC_REG_COUNT, 5);
	for (size_t i = 0; i < 5; i++) {
		enum gmc_reg r = GMC_REG_COUNT;

		assert_non_null(gmc_reg_name(names[i].reg));
		assert_string_equal(gmc_reg_name(names[i].reg), names[i].name);
		assert_int_equal(gmc_reg_from_name(names[i].name, &r), 0);
		assert_int_equal(r, names[i].reg);
	}
	assert_null(gmc_reg_name(GMC_REG_COUNT));
	assert_null(gmc_reg_name((enum gmc_reg)99));
}

static void
test_reg_from_name_unknown(void **state)
{
	static const char *const bad[] = { "FB_OFFSET", "fb_location", "fb_location_base ",
					   "mc_vm_fb_offset", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum gmc_reg r = GMC_REG_COUNT;

		assert_int_equal(gmc_reg_from_name(bad[i], &r), -ENOENT);
		assert_int_equal(r, GMC_REG_COUNT);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_fb_fields_every_part),
		cmocka_unit_test(test_decode_xgmi_all_ones_every_part),
		cmocka_unit_test(test_decode_xgmi_3bit),
		cmocka_unit_test(test_decode_xgmi_aldebaran),
		cmocka_unit_test(test_decode_xgmi_v1_2),
		cmocka_unit_test(test_decode_xgmi_zero_without_xgmi),
		cmocka_unit_test(test_decode_null),
		cmocka_unit_test(test_encode_round_trip_every_part),
		cmocka_unit_test(test_encode_round_trip_limits),
		cmocka_unit_test(test_encode_erange_fb),
		cmocka_unit_test(test_encode_erange_xgmi),
		cmocka_unit_test(test_encode_einval_xgmi_without_xgmi),
		cmocka_unit_test(test_reg_names),
		cmocka_unit_test(test_reg_from_name_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
