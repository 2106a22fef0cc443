/* SPDX-License-Identifier: MIT */
/*
 * The names users type for a part: gmc_asic_lookup() takes a part's own
 * name, a GC version or an alias; an ambiguous alias and an unknown name
 * fail with a message that names the candidates.
 *
 * Expected parts, by GC version: the KFD's gfx_target_version table
 * (kfd_device.c kgd2kfd_probe()) maps GC 10.3.0 to gfx1030, 11.0.0 to
 * gfx1100, 9.5.0 to gfx950, and both GC 9.4.3 (rev >= 1) and 9.4.4 to
 * gfx942. Navi21 is Sienna Cichlid (GC 10.3.0), Navi31 is GC 11.0.0, the
 * MI300X carries GC 9.4.3 (docs/profiles.md: its VF id 0x74b5 is the
 * gc943 profiles').
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <stdio.h>

#include "test-util.h"

/* A pointer no lookup returns, to prove "untouched on failure". */
static const struct gmc_asic *const sentinel = (const struct gmc_asic *)&sentinel;
static const struct gmc_asic_alias *const alias_sentinel =
	(const struct gmc_asic_alias *)&alias_sentinel;

static void
lookup_gc(const char *text, const char *want_name, const char *want_gc, bool via_alias)
{
	const struct gmc_asic *a = sentinel;
	const struct gmc_asic_alias *al = alias_sentinel;
	struct gmc_error err = { 0 };
	char gc[16];
	int rc = gmc_asic_lookup(text, &a, &al, &err);

	if (rc != 0)
		fail_msg("gmc_asic_lookup(\"%s\") = %d (%s)", text, rc, err.message);
	assert_string_equal(gmc_asic_name(a), want_name);
	assert_string_equal(gmc_asic_gc_string(a, gc, sizeof(gc)), want_gc);
	if (via_alias) {
		assert_non_null(al);
		assert_ptr_not_equal(al, alias_sentinel);
		assert_string_equal(al->name, text);
		assert_int_equal(al->n_parts, 1);
		assert_string_equal(al->parts[0], want_name);
	} else {
		assert_null(al);
	}
	/* the alias out-parameter is optional */
	a = sentinel;
	assert_int_equal(gmc_asic_lookup(text, &a, NULL, NULL), 0);
	assert_string_equal(gmc_asic_name(a), want_name);
}

static void
test_alias_the_issue_names(void **state)
{
	(void)state;
	lookup_gc("navi21", "sienna_cichlid", "10.3.0", true);
	lookup_gc("navi31", "gc1100", "11.0.0", true);
	lookup_gc("mi300x", "gc943", "9.4.3", true);
	lookup_gc("gfx950", "gc950", "9.5.0", true);
	lookup_gc("gfx1030", "sienna_cichlid", "10.3.0", true);
	lookup_gc("gfx90a", "aldebaran", "9.4.2", true);
}

static void
test_alias_kinds(void **state)
{
	const struct gmc_asic_alias *al = NULL;
	const struct gmc_asic *a = NULL;

	(void)state;
	assert_int_equal(gmc_asic_lookup("navi21", &a, &al, NULL), 0);
	assert_int_equal(al->kind, GMC_ASIC_ALIAS_CODENAME);
	assert_int_equal(gmc_asic_lookup("mi300x", &a, &al, NULL), 0);
	assert_int_equal(al->kind, GMC_ASIC_ALIAS_PRODUCT);
	assert_int_equal(gmc_asic_lookup("gfx950", &a, &al, NULL), 0);
	assert_int_equal(al->kind, GMC_ASIC_ALIAS_LLVM);
	assert_string_equal(gmc_asic_alias_kind_name(GMC_ASIC_ALIAS_CODENAME), "code name");
	assert_string_equal(gmc_asic_alias_kind_name(GMC_ASIC_ALIAS_PRODUCT), "product");
	assert_string_equal(gmc_asic_alias_kind_name(GMC_ASIC_ALIAS_LLVM), "LLVM target");
	assert_string_equal(gmc_asic_alias_kind_name((enum gmc_asic_alias_kind)99), "unknown");
}

static void
test_own_names_and_versions_are_no_alias(void **state)
{
	(void)state;
	lookup_gc("sienna_cichlid", "sienna_cichlid", "10.3.0", false);
	lookup_gc("gc944", "gc944", "9.4.4", false);
	lookup_gc("9.4.4", "gc944", "9.4.4", false);
	lookup_gc("11.0.0", "gc1100", "11.0.0", false);
}

/* gmc_asic_find() stays strict: a file's "asic" key is the part's own name. */
static void
test_find_takes_no_alias(void **state)
{
	const struct gmc_asic *a = sentinel;

	(void)state;
	assert_int_equal(gmc_asic_find("navi21", &a, NULL), -ENOENT);
	assert_int_equal(gmc_asic_find("gfx950", &a, NULL), -ENOENT);
	assert_ptr_equal(a, sentinel);
}

/* gfx942 is GC 9.4.3 (rev >= 1) and GC 9.4.4 alike: refused, naming both. */
static void
test_ambiguous_alias(void **state)
{
	static const char *const ambiguous[][3] = {
		{ "gfx942", "gc943", "gc944" },
		{ "mi325x", "gc943", "gc944" },
		{ "gfx902", "raven", "raven2" },
		{ "gfx1036", "gc1036", "gc1037" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ambiguous) / sizeof(ambiguous[0]); i++) {
		const struct gmc_asic *a = sentinel;
		const struct gmc_asic_alias *al = alias_sentinel;
		struct gmc_error err = { 0 };
		int rc = gmc_asic_lookup(ambiguous[i][0], &a, &al, &err);

		assert_failure(rc, -EINVAL, &err, "ambiguous");
		assert_failure(rc, -EINVAL, &err, ambiguous[i][0]);
		assert_failure(rc, -EINVAL, &err, ambiguous[i][1]);
		assert_failure(rc, -EINVAL, &err, ambiguous[i][2]);
		assert_ptr_equal(a, sentinel);
		assert_ptr_equal(al, alias_sentinel);
	}
	{
		struct gmc_error err = { 0 };
		const struct gmc_asic *a = sentinel;

		/* the GC versions let the user pick */
		assert_failure(gmc_asic_lookup("gfx942", &a, NULL, &err), -EINVAL, &err, "9.4.3");
		assert_failure(gmc_asic_lookup("gfx942", &a, NULL, &err), -EINVAL, &err, "9.4.4");
	}
}

static void
test_unknown_names_close_ones(void **state)
{
	static const char *const unknown[][2] = {
		{ "navi33", "navi31" }, /* Navi33 is GC 11.0.2: not modelled */
		{ "mi300a", "mi300x" }, /* an APU; gc943 is modelled as a dGPU */
		{ "gfx941", "gfx942" },
		{ "vega30", "vega20" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		const struct gmc_asic *a = sentinel;
		struct gmc_error err = { 0 };
		int rc = gmc_asic_lookup(unknown[i][0], &a, NULL, &err);

		assert_failure(rc, -ENOENT, &err, unknown[i][0]);
		assert_failure(rc, -ENOENT, &err, unknown[i][1]);
		assert_failure(rc, -ENOENT, &err, "gmcsim asics");
		assert_ptr_equal(a, sentinel);
	}
	{
		const struct gmc_asic *a = sentinel;
		struct gmc_error err = { 0 };

		/* nothing starts like it: no list, the pointer to the listing */
		assert_failure(gmc_asic_lookup("quux", &a, NULL, &err), -ENOENT, &err,
			       "gmcsim asics");
		assert_null(strstr(err.message, "close"));
		/* case matters, as for gmc_asic_find() */
		assert_int_equal(gmc_asic_lookup("NAVI21", &a, NULL, NULL), -ENOENT);
		assert_ptr_equal(a, sentinel);
	}
}

static void
test_empty_and_null(void **state)
{
	const struct gmc_asic *a = sentinel;
	struct gmc_error err = { 0 };

	(void)state;
	assert_failure(gmc_asic_lookup("", &a, NULL, &err), -EINVAL, &err, "");
	assert_failure(gmc_asic_lookup(NULL, &a, NULL, &err), -EINVAL, &err, "");
	assert_ptr_equal(a, sentinel);
}

/* The table itself: every alias resolves, none shadows a part, none repeats. */
static void
test_alias_table(void **state)
{
	size_t n = gmc_asic_alias_count();

	(void)state;
	assert_true(n > 0);
	assert_null(gmc_asic_alias_at(n));
	for (size_t i = 0; i < n; i++) {
		const struct gmc_asic_alias *al = gmc_asic_alias_at(i);
		const struct gmc_asic *a;

		assert_non_null(al);
		assert_true(al->n_parts >= 1 && al->n_parts <= GMC_ASIC_ALIAS_MAX_PARTS);
		for (const char *p = al->name; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
		if (gmc_asic_find(al->name, &a, NULL) == 0)
			fail_msg("alias '%s' is a part's own name", al->name);
		for (unsigned k = 0; k < al->n_parts; k++) {
			if (gmc_asic_find(al->parts[k], &a, NULL) != 0)
				fail_msg("alias '%s' names '%s', no part", al->name, al->parts[k]);
		}
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(gmc_asic_alias_at(j)->name, al->name);
		if (al->n_parts == 1) {
			const struct gmc_asic_alias *got = NULL;

			assert_int_equal(gmc_asic_lookup(al->name, &a, &got, NULL), 0);
			assert_ptr_equal(got, al);
			assert_string_equal(gmc_asic_name(a), al->parts[0]);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alias_the_issue_names),
		cmocka_unit_test(test_alias_kinds),
		cmocka_unit_test(test_own_names_and_versions_are_no_alias),
		cmocka_unit_test(test_find_takes_no_alias),
		cmocka_unit_test(test_ambiguous_alias),
		cmocka_unit_test(test_unknown_names_close_ones),
		cmocka_unit_test(test_empty_and_null),
		cmocka_unit_test(test_alias_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
