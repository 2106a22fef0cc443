/* SPDX-License-Identifier: MIT */
/*
 * The modelled parts: lookup by name and by GC version, the per-part facts
 * (gmc generation, APU, XGMI), malformed and unknown input, errno names.
 * Facts: gmc-address-math.md §1.3, §2, §3, §5, §6.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include "test-util.h"

struct part {
	const char *name;
	unsigned maj, min, rev;
	const char *gc; /* dotted GC version */
	unsigned gmc;
	bool apu;
	bool xgmi;
};

/*
 * The 25 parts. gmc generation: GC 9.x → gmc_v9_0, 10.x → v10, 11.x → v11,
 * 12.x → v12. xgmi.supported: gmc_v9_0_early_init() sets it for GC 9.4.0,
 * 9.4.1, 9.4.3, 9.4.4, 9.5.0 and XGMI IP 6.1.0 (Aldebaran, 9.4.2); no current
 * v10/v11/v12 part has a get_xgmi_info callback (§2).
 */
static const struct part parts[] = {
	{ "vega10", 9, 0, 1, "9.0.1", 9, false, false },
	{ "vega12", 9, 2, 1, "9.2.1", 9, false, false },
	{ "vega20", 9, 4, 0, "9.4.0", 9, false, true },
	{ "arcturus", 9, 4, 1, "9.4.1", 9, false, true },
	{ "aldebaran", 9, 4, 2, "9.4.2", 9, false, true },
	{ "raven", 9, 1, 0, "9.1.0", 9, true, false },
	{ "raven2", 9, 2, 2, "9.2.2", 9, true, false },
	{ "renoir", 9, 3, 0, "9.3.0", 9, true, false },
	{ "gc943", 9, 4, 3, "9.4.3", 9, false, true },
	{ "gc944", 9, 4, 4, "9.4.4", 9, false, true },
	{ "gc950", 9, 5, 0, "9.5.0", 9, false, true },
	{ "navi10", 10, 1, 10, "10.1.10", 10, false, false },
	{ "navi14", 10, 1, 1, "10.1.1", 10, false, false },
	{ "navi12", 10, 1, 2, "10.1.2", 10, false, false },
	{ "sienna_cichlid", 10, 3, 0, "10.3.0", 10, false, false },
	{ "vangogh", 10, 3, 1, "10.3.1", 10, true, false },
	{ "navy_flounder", 10, 3, 2, "10.3.2", 10, false, false },
	{ "yellow_carp", 10, 3, 3, "10.3.3", 10, true, false },
	{ "dimgrey_cavefish", 10, 3, 4, "10.3.4", 10, false, false },
	{ "beige_goby", 10, 3, 5, "10.3.5", 10, false, false },
	{ "gc1036", 10, 3, 6, "10.3.6", 10, true, false },
	{ "gc1037", 10, 3, 7, "10.3.7", 10, true, false },
	{ "gc1100", 11, 0, 0, "11.0.0", 11, false, false },
	{ "gc1150", 11, 5, 0, "11.5.0", 11, true, false },
	{ "gc1200", 12, 0, 0, "12.0.0", 12, false, false },
};

#define N_PARTS (sizeof(parts) / sizeof(parts[0]))

/* A pointer no lookup returns, to prove "untouched on failure". */
static const struct gmc_asic *const sentinel = (const struct gmc_asic *)&parts[0];

static void
test_asic_count(void **state)
{
	(void)state;
	/* 11 gmc v9 + 11 gmc v10 + 2 gmc v11 + 1 gmc v12 = 25 */
	assert_int_equal(N_PARTS, 25);
	assert_int_equal(gmc_asic_count(), 25);
	assert_null(gmc_asic_at(25));
	assert_null(gmc_asic_at(SIZE_MAX));
}

static void
test_asic_by_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		const struct part *p = &parts[i];
		const struct gmc_asic *a = NULL;
		struct gmc_error err = { 0 };
		char buf[16];

		assert_int_equal(gmc_asic_find(p->name, &a, &err), 0);
		assert_non_null(a);
		assert_string_equal(gmc_asic_name(a), p->name);
		assert_int_equal(gmc_asic_gc(a), GMC_IP_VERSION(p->maj, p->min, p->rev));
		assert_int_equal(GMC_IP_MAJ(gmc_asic_gc(a)), p->maj);
		assert_int_equal(GMC_IP_MIN(gmc_asic_gc(a)), p->min);
		assert_int_equal(GMC_IP_REV(gmc_asic_gc(a)), p->rev);
		assert_string_equal(gmc_asic_gc_string(a, buf, sizeof(buf)), p->gc);
		assert_ptr_equal(gmc_asic_gc_string(a, buf, sizeof(buf)), buf);
		assert_int_equal(gmc_asic_gmc_version(a), p->gmc);
		assert_int_equal(gmc_asic_is_apu(a), p->apu);
		assert_int_equal(gmc_asic_has_xgmi(a), p->xgmi);
		/* success leaves the report untouched */
		assert_int_equal(err.code, 0);
		assert_string_equal(err.message, "");
	}
}

static void
test_asic_by_gc_string(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		const struct gmc_asic *by_name = NULL, *by_gc = NULL;

		assert_int_equal(gmc_asic_find(parts[i].name, &by_name, NULL), 0);
		assert_int_equal(gmc_asic_find(parts[i].gc, &by_gc, NULL), 0);
		assert_ptr_equal(by_gc, by_name);
		assert_string_equal(gmc_asic_name(by_gc), parts[i].name);
	}
}

static void
test_asic_by_packed_gc(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_PARTS; i++) {
		const struct part *p = &parts[i];
		const struct gmc_asic *a = NULL;

		assert_int_equal(gmc_asic_from_gc(GMC_IP_VERSION(p->maj, p->min, p->rev), &a, NULL),
				 0);
		assert_string_equal(gmc_asic_name(a), p->name);
	}
	/* GMC_IP_VERSION packs like the kernel's IP_VERSION(): 10<<16 | 1<<8 | 10 */
	assert_int_equal(GMC_IP_VERSION(10, 1, 10), 0x0a010a);
	/* 9<<16 | 4<<8 | 4 */
	assert_int_equal(GMC_IP_VERSION(9, 4, 4), 0x090404);
}

static void
test_asic_listing(void **state)
{
	unsigned seen[N_PARTS] = { 0 };

	(void)state;
	/* the table lists gmc v9 first */
	assert_non_null(gmc_asic_at(0));
	assert_int_equal(gmc_asic_gmc_version(gmc_asic_at(0)), 9);

	/* every listed part is one of the 25, each exactly once */
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *a = gmc_asic_at(i);
		bool found = false;

		assert_non_null(a);
		for (size_t j = 0; j < N_PARTS; j++) {
			if (strcmp(gmc_asic_name(a), parts[j].name) == 0) {
				seen[j]++;
				found = true;
				assert_int_equal(
					gmc_asic_gc(a),
					GMC_IP_VERSION(parts[j].maj, parts[j].min, parts[j].rev));
			}
		}
		if (!found)
			fail_msg("gmc_asic_at(%zu) is \"%s\", not a modelled part", i,
				 gmc_asic_name(a));
	}
	for (size_t j = 0; j < N_PARTS; j++)
		assert_int_equal(seen[j], 1);
}

static void
test_asic_counts_per_family(void **state)
{
	unsigned per_gmc[13] = { 0 }, apus = 0, xgmi = 0;

	(void)state;
	for (size_t i = 0; i < gmc_asic_count(); i++) {
		const struct gmc_asic *a = gmc_asic_at(i);
		unsigned v = gmc_asic_gmc_version(a);

		assert_in_range(v, 9, 12);
		per_gmc[v]++;
		apus += gmc_asic_is_apu(a);
		xgmi += gmc_asic_has_xgmi(a);
	}
	/* vega10 vega12 vega20 arcturus aldebaran raven raven2 renoir gc943 gc944 gc950 */
	assert_int_equal(per_gmc[9], 11);
	/* navi10 navi14 navi12 + 10.3.0 .. 10.3.7 (8 parts) */
	assert_int_equal(per_gmc[10], 11);
	assert_int_equal(per_gmc[11], 2);
	assert_int_equal(per_gmc[12], 1);
	/* raven raven2 renoir vangogh yellow_carp gc1036 gc1037 gc1150 */
	assert_int_equal(apus, 8);
	/* vega20 arcturus aldebaran gc943 gc944 gc950 (§2) */
	assert_int_equal(xgmi, 6);
}

static void
test_asic_unknown_name(void **state)
{
	static const char *const unknown[] = {
		"vega30",  "navi21" /* a marketing name, not a modelled key */,
		"VEGA20",  "Vega20",
		"vega20 ", "gc9999",
		"9.9.9",   "9.4.5",
		"10.1.0",  "11.0.1",
		"13.0.0",  "0.0.0",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		const struct gmc_asic *a = sentinel;
		struct gmc_error err = { 0 };
		int rc = gmc_asic_find(unknown[i], &a, &err);

		if (rc != -ENOENT)
			fail_msg("gmc_asic_find(\"%s\") = %d, want -ENOENT", unknown[i], rc);
		assert_failure(rc, -ENOENT, &err, "");
		assert_ptr_equal(a, sentinel);
		/* and without a report */
		assert_int_equal(gmc_asic_find(unknown[i], &a, NULL), -ENOENT);
		assert_ptr_equal(a, sentinel);
	}
}

static void
test_asic_unknown_name_message(void **state)
{
	const struct gmc_asic *a = sentinel;
	struct gmc_error err = { 0 };

	(void)state;
	/* the message names what was asked for */
	assert_failure(gmc_asic_find("vega30", &a, &err), -ENOENT, &err, "vega30");
	assert_ptr_equal(a, sentinel);

	memset(&err, 0, sizeof(err));
	assert_failure(gmc_asic_find("9.9.9", &a, &err), -ENOENT, &err, "9.9.9");
	assert_ptr_equal(a, sentinel);
}

static void
test_asic_unknown_packed_gc(void **state)
{
	const struct gmc_asic *a = sentinel;
	struct gmc_error err = { 0 };

	(void)state;
	assert_failure(gmc_asic_from_gc(GMC_IP_VERSION(9, 9, 9), &a, &err), -ENOENT, &err, "9.9.9");
	assert_ptr_equal(a, sentinel);

	memset(&err, 0, sizeof(err));
	/* GC 10.1.0 is not modelled: Navi10 is 10.1.10 */
	assert_failure(gmc_asic_from_gc(GMC_IP_VERSION(10, 1, 0), &a, &err), -ENOENT, &err,
		       "10.1.0");
	assert_ptr_equal(a, sentinel);

	assert_int_equal(gmc_asic_from_gc(0, &a, NULL), -ENOENT);
	assert_ptr_equal(a, sentinel);
}

static void
test_asic_malformed(void **state)
{
	/*
	 * The header documents -EINVAL only for NULL or empty text; any other
	 * text that names no part, well-formed or not, is -ENOENT.
	 */
	static const char *const malformed[] = {
		"9.4",	 "9.4.4.1", "9..4",    ".9.4.4", "9.4.4.", "9.4.x",  "x.4.4",
		"9,4,4", "9.4.256", "256.0.0", "-9.4.4", " 9.4.4", "9.4.4 ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		const struct gmc_asic *a = sentinel;
		struct gmc_error err = { 0 };
		int rc = gmc_asic_find(malformed[i], &a, &err);

		if (rc != -ENOENT)
			fail_msg("gmc_asic_find(\"%s\") = %d, want -ENOENT", malformed[i], rc);
		assert_failure(rc, -ENOENT, &err, "");
		assert_ptr_equal(a, sentinel);
	}
}

static void
test_asic_empty_and_null(void **state)
{
	const struct gmc_asic *a = sentinel;
	struct gmc_error err = { 0 };

	(void)state;
	assert_failure(gmc_asic_find("", &a, &err), -EINVAL, &err, "");
	assert_ptr_equal(a, sentinel);

	memset(&err, 0, sizeof(err));
	assert_failure(gmc_asic_find(NULL, &a, &err), -EINVAL, &err, "");
	assert_ptr_equal(a, sentinel);

	assert_int_equal(gmc_asic_find(NULL, &a, NULL), -EINVAL);
	assert_int_equal(gmc_asic_find("", &a, NULL), -EINVAL);
	assert_ptr_equal(a, sentinel);
}

static void
test_asic_gc_string_buffer(void **state)
{
	/* "10.1.10" is 7 characters + NUL; the documented minimum buffer is 12 */
	char buf[12];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_string_equal(gmc_asic_gc_string(asic_get("navi10"), buf, sizeof(buf)), "10.1.10");
	assert_string_equal(gmc_asic_gc_string(asic_get("gc1150"), buf, sizeof(buf)), "11.5.0");
	assert_string_equal(gmc_asic_gc_string(asic_get("vega10"), buf, sizeof(buf)), "9.0.1");
}

static void
test_errno_name(void **state)
{
	(void)state;
	/* the codes the library documents returning */
	assert_string_equal(gmc_errno_name(-EINVAL), "EINVAL");
	assert_string_equal(gmc_errno_name(-ERANGE), "ERANGE");
	assert_string_equal(gmc_errno_name(-ENOENT), "ENOENT");
	assert_string_equal(gmc_errno_name(-ENOMEM), "ENOMEM");
	assert_string_equal(gmc_errno_name(-ENOSPC), "ENOSPC");
	assert_string_equal(gmc_errno_name(-EBUSY), "EBUSY");
	/* "a negative (or positive) errno value" */
	assert_string_equal(gmc_errno_name(EINVAL), "EINVAL");
	assert_string_equal(gmc_errno_name(ENOENT), "ENOENT");
	assert_string_equal(gmc_errno_name(ERANGE), "ERANGE");
	/*
	 * what the file, memory and thread calls under gmcsim fail with (the ERRORS
	 * sections of open(2), read(2), write(2), lstat(2), rename(2), fsync(2),
	 * fchmod(2), close(2), ppoll(2)): each is named, none is "EUNKNOWN"
	 */
	{
		static const struct {
			int code;
			const char *name;
		} io[] = {
			{ EROFS, "EROFS" },	{ EISDIR, "EISDIR" },
			{ ENOTDIR, "ENOTDIR" }, { ELOOP, "ELOOP" },
			{ EACCES, "EACCES" },	{ ENAMETOOLONG, "ENAMETOOLONG" },
			{ EEXIST, "EEXIST" },	{ EINTR, "EINTR" },
			{ EPIPE, "EPIPE" },	{ EMFILE, "EMFILE" },
			{ ENFILE, "ENFILE" },	{ EDQUOT, "EDQUOT" },
			{ EXDEV, "EXDEV" },	{ ETXTBSY, "ETXTBSY" },
			{ EAGAIN, "EAGAIN" },	{ EBADF, "EBADF" },
			{ EFAULT, "EFAULT" },	{ ENXIO, "ENXIO" },
			{ EMLINK, "EMLINK" },	{ ENOTEMPTY, "ENOTEMPTY" },
			{ EFBIG, "EFBIG" },	{ E2BIG, "E2BIG" },
			{ EPERM, "EPERM" },	{ ENOSPC, "ENOSPC" },
		};

		for (size_t i = 0; i < sizeof(io) / sizeof(io[0]); i++)
			assert_string_equal(gmc_errno_name(-io[i].code), io[i].name);
	}
	/* one value, two names on Linux: the first POSIX name is shown */
	assert_string_equal(gmc_errno_name(-EWOULDBLOCK), "EAGAIN");
	assert_string_equal(gmc_errno_name(-EOPNOTSUPP), "ENOTSUP");
	/* no errno at all */
	assert_string_equal(gmc_errno_name(0), "OK");
	assert_string_equal(gmc_errno_name(-9999), "EUNKNOWN");
	assert_string_equal(gmc_errno_name(9999), "EUNKNOWN");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asic_count),
		cmocka_unit_test(test_asic_by_name),
		cmocka_unit_test(test_asic_by_gc_string),
		cmocka_unit_test(test_asic_by_packed_gc),
		cmocka_unit_test(test_asic_listing),
		cmocka_unit_test(test_asic_counts_per_family),
		cmocka_unit_test(test_asic_unknown_name),
		cmocka_unit_test(test_asic_unknown_name_message),
		cmocka_unit_test(test_asic_unknown_packed_gc),
		cmocka_unit_test(test_asic_malformed),
		cmocka_unit_test(test_asic_empty_and_null),
		cmocka_unit_test(test_asic_gc_string_buffer),
		cmocka_unit_test(test_errno_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
