/* SPDX-License-Identifier: MIT */
/*
 * The private range allocator behind VRAM and GART placement (lib/bo-alloc.c):
 * each call's documented results and errno codes, coalescing, first fit with
 * alignment and a limit, resizing, a randomized run checked after every step
 * against a page bitmap, and a large run that must end with one free run.
 *
 * Expected layouts in the hand-written tests are computed in the comment
 * next to each call; the randomized tests take theirs from the bitmap model.
 */
#ifdef NDEBUG
#error "the unit tests rely on assert(): build them without NDEBUG"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../lib/bo-alloc.h"

#define PAGE UINT64_C(0x1000)
#define BIT63 (UINT64_C(1) << 63)
/* A value no call returns, to prove "output untouched on failure". */
#define SENTINEL UINT64_C(0xa5a5a5a5a5a5a5a5)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* splitmix64 with a fixed seed: every run sees the same sequence */
static uint64_t
rnd(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A uniform value in [0, n), n > 0 (the bias is irrelevant here). */
static uint64_t
rnd_below(uint64_t *state, uint64_t n)
{
	return rnd(state) % n;
}

static struct gmc_range_alloc *
alloc_new(uint64_t size)
{
	struct gmc_range_alloc *ra = NULL;

	assert_int_equal(gmc_range_alloc_new(size, &ra), 0);
	assert_non_null(ra);
	return ra;
}

/* ---- comparing the free runs with an expected list ---- */

struct run {
	uint64_t start;
	uint64_t size;
};

struct run_cursor {
	const struct run *expect;
	size_t n_expect;
	size_t seen;
};

static int
check_run_cb(uint64_t start, uint64_t size, void *data)
{
	struct run_cursor *c = data;

	if (c->seen >= c->n_expect)
		fail_msg("unexpected free run #%zu 0x%llx+0x%llx", c->seen,
			 (unsigned long long)start, (unsigned long long)size);
	if (start != c->expect[c->seen].start || size != c->expect[c->seen].size)
		fail_msg("free run #%zu is 0x%llx+0x%llx, expected 0x%llx+0x%llx", c->seen,
			 (unsigned long long)start, (unsigned long long)size,
			 (unsigned long long)c->expect[c->seen].start,
			 (unsigned long long)c->expect[c->seen].size);
	c->seen++;
	return 0;
}

/* The free runs are exactly @p expect, and the counters agree with them. */
static void
assert_runs_array(const struct gmc_range_alloc *ra, const struct run *expect, size_t n)
{
	struct run_cursor c = { expect, n, 0 };
	uint64_t total = 0;

	assert_int_equal(gmc_range_alloc_for_each_free(ra, check_run_cb, &c), 0);
	assert_int_equal(c.seen, n);
	for (size_t i = 0; i < n; i++)
		total += expect[i].size;
	assert_int_equal(gmc_range_alloc_free_blocks(ra), n);
	assert_int_equal(gmc_range_alloc_free_bytes(ra), total);
}

#define assert_runs(ra, ...)                                           \
	do {                                                           \
		const struct run expect_[] = { __VA_ARGS__ };          \
		assert_runs_array((ra), expect_, ARRAY_SIZE(expect_)); \
	} while (0)

#define assert_no_runs(ra) assert_runs_array((ra), NULL, 0)

/* gmc_range_alloc_get() that must return @p expect. */
static void
get_ok(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit, uint64_t expect)
{
	uint64_t start = SENTINEL;

	assert_int_equal(gmc_range_alloc_get(ra, size, align, limit, &start), 0);
	assert_int_equal(start, expect);
}

/* gmc_range_alloc_get() that must fail with @p code, leaving the output alone. */
static void
get_fails(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit, int code)
{
	uint64_t start = SENTINEL;

	assert_int_equal(gmc_range_alloc_get(ra, size, align, limit, &start), code);
	assert_int_equal(start, SENTINEL);
}

/* ---- hand-computed tests ---- */

static void
test_new_destroy(void **state)
{
	struct gmc_range_alloc *ra;

	(void)state;
	ra = alloc_new(16 * PAGE);
	assert_int_equal(gmc_range_alloc_size(ra), 16 * PAGE);
	assert_runs(ra, { 0, 16 * PAGE });
	gmc_range_alloc_destroy(ra);

	/* empty: nothing to hand out until it grows */
	ra = alloc_new(0);
	assert_int_equal(gmc_range_alloc_size(ra), 0);
	assert_no_runs(ra);
	get_fails(ra, 1, 1, UINT64_MAX, -ENOSPC);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 1), -ERANGE);
	assert_int_equal(gmc_range_alloc_put(ra, 0, 1), -EINVAL);
	gmc_range_alloc_destroy(ra);

	/* the largest space: [0, 2^64 - 1) */
	ra = alloc_new(UINT64_MAX);
	assert_int_equal(gmc_range_alloc_size(ra), UINT64_MAX);
	assert_runs(ra, { 0, UINT64_MAX });
	/* destroy while ranges are still allocated: the sanitizers check for leaks */
	assert_int_equal(gmc_range_alloc_get_at(ra, 5, 5), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 100, 5), 0);
	gmc_range_alloc_destroy(ra);

	assert_int_equal(gmc_range_alloc_new(PAGE, NULL), -EINVAL);
	gmc_range_alloc_destroy(NULL);
	assert_int_equal(gmc_range_alloc_size(NULL), 0);
	assert_int_equal(gmc_range_alloc_free_bytes(NULL), 0);
	assert_int_equal(gmc_range_alloc_free_blocks(NULL), 0);
}

static void
test_get_first_fit(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	get_ok(ra, PAGE, 1, UINT64_MAX, 0);
	get_ok(ra, 2 * PAGE, 1, UINT64_MAX, 0x1000);
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x3000);
	assert_runs(ra, { 0x4000, 0xc000 });

	/* a hole [0x1000, 0x3000) below the tail */
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, 2 * PAGE), 0);
	assert_runs(ra, { 0x1000, 0x2000 }, { 0x4000, 0xc000 });
	/* 0x3000 bytes do not fit the 0x2000 hole: the tail's start */
	get_ok(ra, 3 * PAGE, 1, UINT64_MAX, 0x4000);
	assert_runs(ra, { 0x1000, 0x2000 }, { 0x7000, 0x9000 });
	/* the lowest run that fits wins, not the best fit */
	get_ok(ra, 0x800, 1, UINT64_MAX, 0x1000);
	assert_runs(ra, { 0x1800, 0x1800 }, { 0x7000, 0x9000 });
	/* an exact fit consumes the run */
	get_ok(ra, 0x1800, 1, UINT64_MAX, 0x1800);
	assert_runs(ra, { 0x7000, 0x9000 });
	/* odd byte sizes, alignment 1 */
	get_ok(ra, 3, 1, UINT64_MAX, 0x7000);
	get_ok(ra, 5, 1, UINT64_MAX, 0x7003);
	assert_runs(ra, { 0x7008, 0x8ff8 });
	/* everything that is left: 0x10000 - 0x7008 = 0x8ff8 */
	get_ok(ra, 0x8ff8, 1, UINT64_MAX, 0x7008);
	assert_no_runs(ra);
	get_fails(ra, 1, 1, UINT64_MAX, -ENOSPC);
	gmc_range_alloc_destroy(ra);

	/* larger than the whole space */
	ra = alloc_new(16 * PAGE);
	get_fails(ra, 16 * PAGE + 1, 1, UINT64_MAX, -ENOSPC);
	get_fails(ra, UINT64_MAX, 1, UINT64_MAX, -ENOSPC);
	assert_runs(ra, { 0, 0x10000 });
	gmc_range_alloc_destroy(ra);
}

static void
test_get_errors(void **state)
{
	static const uint64_t bad_align[] = { 0, 3, 6, 0x1001, 0x3000, BIT63 + 1, UINT64_MAX };
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE);

	(void)state;
	get_fails(ra, 0, 1, UINT64_MAX, -EINVAL);
	get_fails(ra, 0, PAGE, UINT64_MAX, -EINVAL);
	for (size_t i = 0; i < ARRAY_SIZE(bad_align); i++)
		get_fails(ra, PAGE, bad_align[i], UINT64_MAX, -EINVAL);
	assert_int_equal(gmc_range_alloc_get(ra, PAGE, 1, UINT64_MAX, NULL), -EINVAL);
	assert_int_equal(gmc_range_alloc_get(NULL, PAGE, 1, UINT64_MAX, &(uint64_t){ 0 }), -EINVAL);
	assert_int_equal(gmc_range_alloc_get_at(NULL, 0, 1), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(NULL, 0, 1), -EINVAL);
	assert_int_equal(gmc_range_alloc_resize(NULL, 1), -EINVAL);
	/* nothing changed */
	assert_runs(ra, { 0, 0x10000 });
	gmc_range_alloc_destroy(ra);
}

static void
test_get_align(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 0x100), 0);
	/* [0x100, 0x10000) free: the first 0x1000-aligned start is 0x1000 */
	get_ok(ra, PAGE, PAGE, UINT64_MAX, 0x1000);
	assert_runs(ra, { 0x100, 0xf00 }, { 0x2000, 0xe000 });
	/* a run whose start is already aligned */
	get_ok(ra, 0x100, 0x100, UINT64_MAX, 0x100);
	assert_runs(ra, { 0x200, 0xe00 }, { 0x2000, 0xe000 });
	/*
	 * [0x200, 0x1000) is 0xe00 long, enough for 0xc00, but aligned to
	 * 0x800 the block would be [0x800, 0x1400): past the run's end. The
	 * next run starts at 0x2000, aligned.
	 */
	get_ok(ra, 0xc00, 0x800, UINT64_MAX, 0x2000);
	assert_runs(ra, { 0x200, 0xe00 }, { 0x2c00, 0xd400 });
	/* aligned inside a run: free space stays on both sides, [0x400, 0x600) */
	get_ok(ra, 0x200, 0x400, UINT64_MAX, 0x400);
	assert_runs(ra, { 0x200, 0x200 }, { 0x600, 0xa00 }, { 0x2c00, 0xd400 });
	/* alignment 2: 0x200 is even */
	get_ok(ra, 3, 2, UINT64_MAX, 0x200);
	/* [0x203, 0x400): next even start 0x204 */
	get_ok(ra, 2, 2, UINT64_MAX, 0x204);
	assert_runs(ra, { 0x203, 0x1 }, { 0x206, 0x1fa }, { 0x600, 0xa00 }, { 0x2c00, 0xd400 });
	gmc_range_alloc_destroy(ra);

	/* alignment larger than the space: only start 0 is aligned */
	ra = alloc_new(PAGE);
	get_ok(ra, 0x10, 0x10000, UINT64_MAX, 0);
	get_fails(ra, 0x10, 0x10000, UINT64_MAX, -ENOSPC);
	get_fails(ra, 1, BIT63, UINT64_MAX, -ENOSPC);
	assert_runs(ra, { 0x10, 0xff0 });
	gmc_range_alloc_destroy(ra);

	/*
	 * [0, 2^64 - 1) with byte 0 taken: aligned to 2^63 the only other
	 * start is 2^63. Left: [1, 2^63) and [2^63 + 1, 2^64 - 1), the latter
	 * 2^63 - 2 bytes long. The next 2^63-aligned start would be 2^64.
	 */
	ra = alloc_new(UINT64_MAX);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 1), 0);
	get_ok(ra, 1, BIT63, UINT64_MAX, BIT63);
	assert_runs(ra, { 1, BIT63 - 1 }, { BIT63 + 1, BIT63 - 2 });
	get_fails(ra, 1, BIT63, UINT64_MAX, -ENOSPC);
	/* 2^62 aligned: 2^62 in the first run */
	get_ok(ra, BIT63 / 2, BIT63 / 2, UINT64_MAX, BIT63 / 2);
	/* [BIT63 + 1, UINT64_MAX): 2^62-aligned 0xc000..., 2^62 bytes would end at 2^64 */
	get_fails(ra, BIT63 / 2, BIT63 / 2, UINT64_MAX, -ENOSPC);
	get_ok(ra, BIT63 / 2 - 1, BIT63 / 2, UINT64_MAX, BIT63 + BIT63 / 2);
	assert_runs(ra, { 1, BIT63 / 2 - 1 }, { BIT63 + 1, BIT63 / 2 - 1 });
	gmc_range_alloc_destroy(ra);
}

static void
test_get_limit(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	get_fails(ra, 1, 1, 0, -ENOSPC);
	get_fails(ra, PAGE, 1, PAGE - 1, -ENOSPC);
	/* the end may equal the limit */
	get_ok(ra, PAGE, 1, PAGE, 0);
	assert_runs(ra, { 0x1000, 0xf000 });
	get_fails(ra, PAGE, 1, 0x1fff, -ENOSPC);
	get_ok(ra, PAGE, 1, 0x2000, 0x1000);
	assert_runs(ra, { 0x2000, 0xe000 });

	/* a limit past the managed size is the managed size */
	get_fails(ra, 0xe001, 1, UINT64_MAX, -ENOSPC);
	get_ok(ra, 0xe000, 1, 0x20000, 0x2000);
	assert_int_equal(gmc_range_alloc_put(ra, 0x2000, 0xe000), 0);
	get_ok(ra, 0xe000, 1, UINT64_MAX, 0x2000);
	assert_int_equal(gmc_range_alloc_put(ra, 0x2000, 0xe000), 0);

	/* with alignment: [0x2100, ...) aligned to 0x1000 starts at 0x3000 */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x2000, 0x100), 0);
	get_fails(ra, PAGE, PAGE, 0x3fff, -ENOSPC);
	assert_runs(ra, { 0x2100, 0xdf00 });
	get_ok(ra, PAGE, PAGE, 0x4000, 0x3000);
	assert_runs(ra, { 0x2100, 0xf00 }, { 0x4000, 0xc000 });
	/* the limit cuts into the first run: 0x100 bytes fit below 0x2300 */
	get_fails(ra, 0x300, 1, 0x2300, -ENOSPC);
	get_ok(ra, 0x200, 1, 0x2300, 0x2100);
	/* the only run long enough starts past limit - size */
	get_fails(ra, 0x1000, 1, 0x4fff, -ENOSPC);
	assert_runs(ra, { 0x2300, 0xd00 }, { 0x4000, 0xc000 });
	gmc_range_alloc_destroy(ra);

	/* the whole largest space in one allocation */
	ra = alloc_new(UINT64_MAX);
	get_fails(ra, UINT64_MAX, 1, UINT64_MAX - 1, -ENOSPC);
	get_ok(ra, UINT64_MAX, 1, UINT64_MAX, 0);
	assert_no_runs(ra);
	assert_int_equal(gmc_range_alloc_put(ra, 0, UINT64_MAX), 0);
	assert_runs(ra, { 0, UINT64_MAX });
	gmc_range_alloc_destroy(ra);
}

static void
test_get_at(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x4000, PAGE), 0);
	assert_runs(ra, { 0, 0x4000 }, { 0x5000, 0xb000 });

	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 0), -EINVAL);
	assert_int_equal(gmc_range_alloc_get_at(ra, UINT64_MAX, 1), -EINVAL);
	assert_int_equal(gmc_range_alloc_get_at(ra, 1, UINT64_MAX), -EINVAL);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x10000, 1), -ERANGE);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0xffff, 2), -ERANGE);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 0x10001), -ERANGE);
	/* ends at 2^64 - 1: no overflow, just past the end */
	assert_int_equal(gmc_range_alloc_get_at(ra, UINT64_MAX - 1, 1), -ERANGE);
	/* the same range again, and ranges that overlap it by one byte or more */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x4000, PAGE), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x3fff, 2), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x4fff, 2), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x4800, 0x10), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x3000, 0x3000), -EBUSY);
	assert_runs(ra, { 0, 0x4000 }, { 0x5000, 0xb000 });

	/* right against the taken page on both sides */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x3fff, 1), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x5000, 1), 0);
	assert_runs(ra, { 0, 0x3fff }, { 0x5001, 0xafff });
	/* a run's head, its tail, then a whole run */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, PAGE), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0xf000, PAGE), 0);
	assert_runs(ra, { 0x1000, 0x2fff }, { 0x5001, 0x9fff });
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x1000, 0x2fff), 0);
	assert_runs(ra, { 0x5001, 0x9fff });
	gmc_range_alloc_destroy(ra);

	/* the last byte of the largest space */
	ra = alloc_new(UINT64_MAX);
	assert_int_equal(gmc_range_alloc_get_at(ra, UINT64_MAX - 1, 1), 0);
	assert_runs(ra, { 0, UINT64_MAX - 1 });
	assert_int_equal(gmc_range_alloc_get_at(ra, UINT64_MAX - 1, 1), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, UINT64_MAX), -EBUSY);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, UINT64_MAX - 1), 0);
	assert_no_runs(ra);
	gmc_range_alloc_destroy(ra);
}

static void
test_put_coalesce(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x0000); /* A */
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x1000); /* B */
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x2000); /* C */
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x3000); /* D */
	assert_runs(ra, { 0x4000, 0xc000 });

	/* B: allocated on both sides, a run of its own */
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, PAGE), 0);
	assert_runs(ra, { 0x1000, 0x1000 }, { 0x4000, 0xc000 });
	/* C: joins B on its left */
	assert_int_equal(gmc_range_alloc_put(ra, 0x2000, PAGE), 0);
	assert_runs(ra, { 0x1000, 0x2000 }, { 0x4000, 0xc000 });
	/* A: joins [0x1000, 0x3000) on its right */
	assert_int_equal(gmc_range_alloc_put(ra, 0, PAGE), 0);
	assert_runs(ra, { 0, 0x3000 }, { 0x4000, 0xc000 });
	/* D: joins both */
	assert_int_equal(gmc_range_alloc_put(ra, 0x3000, PAGE), 0);
	assert_runs(ra, { 0, 0x10000 });

	/* at the ends of the space: only one neighbour exists */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0, 0x10000), 0);
	assert_int_equal(gmc_range_alloc_put(ra, 0xf000, PAGE), 0);
	assert_int_equal(gmc_range_alloc_put(ra, 0, PAGE), 0);
	assert_runs(ra, { 0, 0x1000 }, { 0xf000, 0x1000 });
	assert_int_equal(gmc_range_alloc_put(ra, 0xe000, PAGE), 0); /* right-hand run's left */
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, PAGE), 0); /* left-hand run's right */
	assert_runs(ra, { 0, 0x2000 }, { 0xe000, 0x2000 });
	assert_int_equal(gmc_range_alloc_put(ra, 0x2000, 0xc000), 0);
	assert_runs(ra, { 0, 0x10000 });
	gmc_range_alloc_destroy(ra);
}

static void
test_put_errors(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE); /* [0, 0x10000) */

	(void)state;
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x1000, 0x2000), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x5000, 0x1000), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0xf000, 0x1000), 0);
	assert_runs(ra, { 0, 0x1000 }, { 0x3000, 0x2000 }, { 0x6000, 0x9000 });

	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, 0), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, UINT64_MAX, 1), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, UINT64_MAX), -EINVAL);
	/* [0xf000, 0x10000) is allocated, one more byte is past the end */
	assert_int_equal(gmc_range_alloc_put(ra, 0xf000, 0x1001), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x10000, 1), -EINVAL);
	/* part of the range is free: its head, its tail, its middle, all of it */
	assert_int_equal(gmc_range_alloc_put(ra, 0x0800, 0x1000), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x2800, 0x1000), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, 0x5000), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x3000, 0x1000), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x0fff, 1), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x3000, 1), -EINVAL);
	assert_runs(ra, { 0, 0x1000 }, { 0x3000, 0x2000 }, { 0x6000, 0x9000 });

	/* a double free fails and changes nothing */
	assert_int_equal(gmc_range_alloc_put(ra, 0x5000, 0x1000), 0);
	assert_runs(ra, { 0, 0x1000 }, { 0x3000, 0xc000 });
	assert_int_equal(gmc_range_alloc_put(ra, 0x5000, 0x1000), -EINVAL);
	assert_runs(ra, { 0, 0x1000 }, { 0x3000, 0xc000 });

	/* only free space is tracked: any fully allocated range may be put */
	assert_int_equal(gmc_range_alloc_put(ra, 0x1800, 0x800), 0);
	assert_runs(ra, { 0, 0x1000 }, { 0x1800, 0x800 }, { 0x3000, 0xc000 });
	assert_int_equal(gmc_range_alloc_put(ra, 0x1800, 0x800), -EINVAL);
	assert_int_equal(gmc_range_alloc_put(ra, 0x1000, 0x800), 0);
	assert_runs(ra, { 0, 0x2000 }, { 0x3000, 0xc000 });
	/* [0x2000, 0x3000) and [0xf000, 0x10000) remain */
	assert_int_equal(gmc_range_alloc_put(ra, 0x2000, 0x1000), 0);
	assert_int_equal(gmc_range_alloc_put(ra, 0xf000, 0x1000), 0);
	assert_runs(ra, { 0, 0x10000 });
	gmc_range_alloc_destroy(ra);
}

static void
test_resize(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(4 * PAGE); /* [0, 0x4000) */

	(void)state;
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x3000, PAGE), 0);
	/* the end is allocated: the new space is a run of its own */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x6000), 0);
	assert_int_equal(gmc_range_alloc_size(ra), 0x6000);
	assert_runs(ra, { 0, 0x3000 }, { 0x4000, 0x2000 });
	/* the end is free: its run grows */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x8000), 0);
	assert_runs(ra, { 0, 0x3000 }, { 0x4000, 0x4000 });
	/* the same size changes nothing */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x8000), 0);
	assert_runs(ra, { 0, 0x3000 }, { 0x4000, 0x4000 });
	/* shrinking into the last run, then exactly to its start */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x5000), 0);
	assert_runs(ra, { 0, 0x3000 }, { 0x4000, 0x1000 });
	assert_int_equal(gmc_range_alloc_resize(ra, 0x4000), 0);
	assert_int_equal(gmc_range_alloc_size(ra), 0x4000);
	assert_runs(ra, { 0, 0x3000 });
	/* [0x3000, 0x4000) is allocated: no smaller size is possible */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x3fff), -EBUSY);
	assert_int_equal(gmc_range_alloc_resize(ra, 0x3000), -EBUSY);
	assert_int_equal(gmc_range_alloc_resize(ra, 0), -EBUSY);
	assert_int_equal(gmc_range_alloc_size(ra), 0x4000);
	assert_runs(ra, { 0, 0x3000 });
	/* new space is allocatable; the old one still is */
	assert_int_equal(gmc_range_alloc_resize(ra, 0x5000), 0);
	get_ok(ra, PAGE, PAGE, UINT64_MAX, 0);
	get_ok(ra, 0x2000, 1, UINT64_MAX, 0x1000);
	get_ok(ra, PAGE, 1, UINT64_MAX, 0x4000);
	assert_no_runs(ra);
	assert_int_equal(gmc_range_alloc_resize(ra, 0x4fff), -EBUSY);
	assert_int_equal(gmc_range_alloc_put(ra, 0, 0x5000), 0);

	/* all free: down to nothing and back up */
	assert_int_equal(gmc_range_alloc_resize(ra, 0), 0);
	assert_int_equal(gmc_range_alloc_size(ra), 0);
	assert_no_runs(ra);
	get_fails(ra, 1, 1, UINT64_MAX, -ENOSPC);
	assert_int_equal(gmc_range_alloc_resize(ra, PAGE), 0);
	assert_runs(ra, { 0, 0x1000 });

	/* the last free run does not reach the end */
	assert_int_equal(gmc_range_alloc_get_at(ra, 0xf00, 0x100), 0);
	assert_int_equal(gmc_range_alloc_resize(ra, 0x800), -EBUSY);
	assert_runs(ra, { 0, 0xf00 });
	/* up to the largest size */
	assert_int_equal(gmc_range_alloc_resize(ra, UINT64_MAX), 0);
	assert_runs(ra, { 0, 0xf00 }, { 0x1000, UINT64_MAX - 0x1000 });
	assert_int_equal(gmc_range_alloc_get_at(ra, UINT64_MAX - 1, 1), 0);
	assert_int_equal(gmc_range_alloc_resize(ra, UINT64_MAX - 1), -EBUSY);
	gmc_range_alloc_destroy(ra);
}

struct walk_log {
	struct run seen[8];
	size_t n;
	size_t stop_at; /* return non-zero from this call on */
	int stop_value;
};

static int
walk_cb(uint64_t start, uint64_t size, void *data)
{
	struct walk_log *w = data;

	assert_true(w->n < ARRAY_SIZE(w->seen));
	w->seen[w->n].start = start;
	w->seen[w->n].size = size;
	return ++w->n >= w->stop_at ? w->stop_value : 0;
}

static void
test_for_each_free(void **state)
{
	struct gmc_range_alloc *ra = alloc_new(16 * PAGE);
	struct walk_log w;

	(void)state;
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x1000, PAGE), 0);
	assert_int_equal(gmc_range_alloc_get_at(ra, 0x3000, PAGE), 0);

	/* all three runs, in address order */
	memset(&w, 0, sizeof(w));
	w.stop_at = SIZE_MAX;
	assert_int_equal(gmc_range_alloc_for_each_free(ra, walk_cb, &w), 0);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.seen[0].start, 0);
	assert_int_equal(w.seen[0].size, 0x1000);
	assert_int_equal(w.seen[1].start, 0x2000);
	assert_int_equal(w.seen[1].size, 0x1000);
	assert_int_equal(w.seen[2].start, 0x4000);
	assert_int_equal(w.seen[2].size, 0xc000);

	/* the second call returns 42: the walk stops there and returns it */
	memset(&w, 0, sizeof(w));
	w.stop_at = 2;
	w.stop_value = 42;
	assert_int_equal(gmc_range_alloc_for_each_free(ra, walk_cb, &w), 42);
	assert_int_equal(w.n, 2);
	memset(&w, 0, sizeof(w));
	w.stop_at = 1;
	w.stop_value = -1;
	assert_int_equal(gmc_range_alloc_for_each_free(ra, walk_cb, &w), -1);
	assert_int_equal(w.n, 1);

	assert_int_equal(gmc_range_alloc_for_each_free(ra, NULL, NULL), -EINVAL);
	assert_int_equal(gmc_range_alloc_for_each_free(NULL, walk_cb, &w), -EINVAL);
	gmc_range_alloc_destroy(ra);

	/* no runs: the callback is never called */
	ra = alloc_new(0);
	memset(&w, 0, sizeof(w));
	w.stop_at = 1;
	w.stop_value = 7;
	assert_int_equal(gmc_range_alloc_for_each_free(ra, walk_cb, &w), 0);
	assert_int_equal(w.n, 0);
	gmc_range_alloc_destroy(ra);
}

/* ---- randomized, against a bitmap ---- */

#define MODEL_MAX_PAGES 512
#define RANDOM_STEPS 25000

/*
 * The allocator manages pages * unit bytes and every valid request is a
 * whole number of units, so one flag per unit is the whole truth.
 */
struct model {
	uint64_t unit; /* a power of two */
	uint64_t pages;
	bool used[MODEL_MAX_PAGES];
};

/* A range the test handed out, to free it again later. */
struct record {
	uint64_t page;
	uint64_t n;
};

static bool
model_all(const struct model *m, uint64_t page, uint64_t n, bool used)
{
	for (uint64_t i = page; i < page + n; i++)
		if (m->used[i] != used)
			return false;
	return true;
}

static void
model_set(struct model *m, uint64_t page, uint64_t n, bool used)
{
	for (uint64_t i = page; i < page + n; i++)
		m->used[i] = used;
}

/* First fit by brute force: every aligned start from 0 up. */
static int
model_get(const struct model *m, uint64_t n, uint64_t align, uint64_t limit, uint64_t *page)
{
	/* align is a power of two: a page start is aligned iff its page number is */
	uint64_t step = align > m->unit ? align / m->unit : 1;
	uint64_t top = limit / m->unit < m->pages ? limit / m->unit : m->pages;

	for (uint64_t s = 0; n <= top && s <= top - n; s += step) {
		if (model_all(m, s, n, false)) {
			*page = s;
			return 0;
		}
	}
	return -ENOSPC;
}

/* The byte range [start, start + size) under the rules of get_at/put. */
static int
model_check_range(const struct model *m, uint64_t start, uint64_t size, int past_end)
{
	if (size == 0 || start > UINT64_MAX - size)
		return -EINVAL;
	if (start + size > m->pages * m->unit)
		return past_end;
	return 0;
}

struct model_cursor {
	const struct model *m;
	uint64_t next; /* where the next run may begin, in pages */
	size_t runs;
};

/* Each reported run must be the next maximal run of clear flags. */
static int
model_run_cb(uint64_t start, uint64_t size, void *data)
{
	struct model_cursor *c = data;
	const struct model *m = c->m;
	uint64_t s = c->next, e;

	while (s < m->pages && m->used[s])
		s++;
	e = s;
	while (e < m->pages && !m->used[e])
		e++;
	if (s == m->pages || start != s * m->unit || size != (e - s) * m->unit)
		fail_msg("free run 0x%llx+0x%llx, the model's next run is page %llu+%llu",
			 (unsigned long long)start, (unsigned long long)size, (unsigned long long)s,
			 (unsigned long long)(e - s));
	c->next = e;
	c->runs++;
	return 0;
}

static void
model_compare(const struct model *m, const struct gmc_range_alloc *ra)
{
	struct model_cursor c = { m, 0, 0 };
	uint64_t free_pages = 0;
	size_t runs = 0;

	for (uint64_t i = 0; i < m->pages; i++) {
		if (!m->used[i]) {
			free_pages++;
			if (i == 0 || m->used[i - 1])
				runs++;
		}
	}
	assert_int_equal(gmc_range_alloc_size(ra), m->pages * m->unit);
	assert_int_equal(gmc_range_alloc_free_bytes(ra), free_pages * m->unit);
	assert_int_equal(gmc_range_alloc_free_blocks(ra), runs);
	assert_int_equal(gmc_range_alloc_for_each_free(ra, model_run_cb, &c), 0);
	assert_int_equal(c.runs, runs);
}

struct op_stats {
	unsigned ok[5];
	unsigned failed[5];
};

enum { OP_GET, OP_GET_AT, OP_PUT, OP_RESIZE, OP_WILD };

/* A page count, mostly small. */
static uint64_t
rnd_pages(uint64_t *seed)
{
	uint64_t r = rnd_below(seed, 100);

	if (r < 60)
		return 1 + rnd_below(seed, 4);
	if (r < 95)
		return 1 + rnd_below(seed, 24);
	return 1 + rnd_below(seed, MODEL_MAX_PAGES + 8);
}

static void
random_run(uint64_t unit, uint64_t pages, uint64_t seed)
{
	static struct model m;
	static struct record rec[4 * MODEL_MAX_PAGES];
	size_t n_rec = 0;
	struct gmc_range_alloc *ra = alloc_new(pages * unit);
	struct op_stats st;
	unsigned unit_log2 = 0;

	assert_true(pages + pages / 4 <= MODEL_MAX_PAGES);
	memset(&m, 0, sizeof(m));
	memset(&st, 0, sizeof(st));
	m.unit = unit;
	m.pages = pages;
	while ((UINT64_C(1) << unit_log2) < unit)
		unit_log2++;

	for (unsigned step = 0; step < RANDOM_STEPS; step++) {
		uint64_t r = rnd_below(&seed, 100);
		uint64_t page = 0, n, start, size;
		int rc, expect;
		unsigned op;

		if (r < 42) {
			/* first fit, alignment from 1 byte to 2^63 bytes */
			uint64_t align, limit, got = SENTINEL;
			unsigned k = (unsigned)rnd_below(&seed, 100), shift;

			op = OP_GET;
			n = rnd_pages(&seed);
			if (k < 50)
				shift = unit_log2;
			else if (k < 95)
				shift = (unsigned)rnd_below(&seed, unit_log2 + 7);
			else /* past any size used here, up to 2^63 */
				shift = unit_log2 + 7 + (unsigned)rnd_below(&seed, 57 - unit_log2);
			align = UINT64_C(1) << shift;
			k = (unsigned)rnd_below(&seed, 100);
			if (k < 70)
				limit = UINT64_MAX;
			else if (k < 97)
				limit = rnd_below(&seed, (m.pages + 2) * unit + 1);
			else
				limit = 0;

			expect = model_get(&m, n, align, limit, &page);
			rc = gmc_range_alloc_get(ra, n * unit, align, limit, &got);
			if (rc != expect)
				fail_msg("step %u: get(0x%llx, align 0x%llx, limit 0x%llx) = %d, "
					 "expected %d",
					 step, (unsigned long long)(n * unit),
					 (unsigned long long)align, (unsigned long long)limit, rc,
					 expect);
			if (rc == 0) {
				assert_int_equal(got, page * unit);
				model_set(&m, page, n, true);
				if (n_rec < ARRAY_SIZE(rec))
					rec[n_rec++] = (struct record){ page, n };
			} else {
				assert_int_equal(got, SENTINEL);
			}
		} else if (r < 52) {
			/* a fixed range, small or not, sometimes past the end */
			op = OP_GET_AT;
			page = rnd_below(&seed, m.pages + 4);
			n = 1 + rnd_below(&seed, rnd_below(&seed, 2) ? 2 : 16);
			start = page * unit;
			size = n * unit;
			expect = model_check_range(&m, start, size, -ERANGE);
			if (expect == 0 && !model_all(&m, page, n, false))
				expect = -EBUSY;
			rc = gmc_range_alloc_get_at(ra, start, size);
			if (rc != expect)
				fail_msg("step %u: get_at(0x%llx, 0x%llx) = %d, expected %d", step,
					 (unsigned long long)start, (unsigned long long)size, rc,
					 expect);
			if (rc == 0) {
				model_set(&m, page, n, true);
				if (n_rec < ARRAY_SIZE(rec))
					rec[n_rec++] = (struct record){ page, n };
			}
		} else if (r < 90) {
			/*
			 * Give back what was handed out (it may have been freed and
			 * reused since: the model decides), a piece of it, or a
			 * range anywhere.
			 */
			unsigned k = (unsigned)rnd_below(&seed, 100);

			op = OP_PUT;
			if (n_rec > 0 && k < 85) {
				size_t i = (size_t)rnd_below(&seed, n_rec);

				page = rec[i].page;
				n = rec[i].n;
				if (k >= 75 && n > 1) {
					uint64_t off = rnd_below(&seed, n);

					page += off;
					n = 1 + rnd_below(&seed, n - off);
				}
				rec[i] = rec[--n_rec];
			} else {
				page = rnd_below(&seed, m.pages + 2);
				n = 1 + rnd_below(&seed, 8);
			}
			start = page * unit;
			size = n * unit;
			expect = model_check_range(&m, start, size, -EINVAL);
			if (expect == 0 && !model_all(&m, page, n, true))
				expect = -EINVAL;
			rc = gmc_range_alloc_put(ra, start, size);
			if (rc != expect)
				fail_msg("step %u: put(0x%llx, 0x%llx) = %d, expected %d", step,
					 (unsigned long long)start, (unsigned long long)size, rc,
					 expect);
			if (rc == 0)
				model_set(&m, page, n, false);
		} else if (r < 97) {
			/*
			 * Around the initial size; or close to the end of the
			 * allocated space, where shrinking may just work; now
			 * and then to nothing or the maximum.
			 */
			uint64_t k = rnd_below(&seed, 100), top = m.pages, lo, hi;

			op = OP_RESIZE;
			while (top > 0 && !m.used[top - 1])
				top--;
			/* one page below the allocated end to 7 above it, never growing */
			lo = top > 0 ? top - 1 : 0;
			hi = top + 7 < m.pages ? top + 7 : m.pages;
			if (k < 3)
				n = 0;
			else if (k < 4)
				n = MODEL_MAX_PAGES;
			else if (k < 50)
				n = lo + rnd_below(&seed, hi - lo + 1);
			else
				n = pages - pages / 4 + rnd_below(&seed, pages / 2 + 1);
			expect = 0;
			if (n < m.pages && !model_all(&m, n, m.pages - n, false))
				expect = -EBUSY;
			rc = gmc_range_alloc_resize(ra, n * unit);
			if (rc != expect)
				fail_msg("step %u: resize(0x%llx) from 0x%llx = %d, expected %d",
					 step, (unsigned long long)(n * unit),
					 (unsigned long long)(m.pages * unit), rc, expect);
			if (rc == 0)
				m.pages = n; /* flags at and above pages are always clear */
		} else {
			/* arguments that must be rejected: start + size wraps, size 0, bad align */
			uint64_t big = UINT64_MAX - rnd_below(&seed, 2 * unit);
			uint64_t wrap = 2 * unit + rnd_below(&seed, unit); /* > UINT64_MAX - big */
			uint64_t any = rnd_below(&seed, m.pages + 1) * unit;
			uint64_t got = SENTINEL;

			op = OP_WILD;
			switch (rnd_below(&seed, 5)) {
			case 0:
				rc = gmc_range_alloc_get_at(ra, big, wrap);
				break;
			case 1:
				rc = gmc_range_alloc_put(ra, big, wrap);
				break;
			case 2:
				rc = gmc_range_alloc_get_at(ra, any, 0);
				break;
			case 3:
				rc = gmc_range_alloc_put(ra, any, 0);
				break;
			default:
				rc = gmc_range_alloc_get(ra, unit, unit * 3, UINT64_MAX, &got);
				break;
			}
			assert_int_equal(rc, -EINVAL);
			assert_int_equal(got, SENTINEL);
		}
		if (rc == 0)
			st.ok[op]++;
		else
			st.failed[op]++;
		model_compare(&m, ra);
	}

	/* every kind of call both succeeded and failed a fair number of times */
	for (unsigned op = OP_GET; op <= OP_RESIZE; op++) {
		if (st.ok[op] < RANDOM_STEPS / 200 || st.failed[op] < RANDOM_STEPS / 200)
			fail_msg("op %u: %u succeeded, %u failed: the mix does not exercise it", op,
				 st.ok[op], st.failed[op]);
	}
	gmc_range_alloc_destroy(ra);
}

static void
test_random_pages(void **state)
{
	(void)state;
	/* 320 pages of 4 KiB */
	random_run(PAGE, 320, 0x676d6373696d0001);
}

static void
test_random_bytes(void **state)
{
	(void)state;
	/* 200 single bytes: odd starts and sizes everywhere */
	random_run(1, 200, 0x676d6373696d0002);
}

static void
test_random_huge(void **state)
{
	(void)state;
	/* 256 units of 2^52 bytes: starts, sizes and limits near 2^61 */
	random_run(UINT64_C(1) << 52, 256, 0x676d6373696d0003);
}

/* ---- scale ---- */

#define SCALE_ALLOCS 100000

static int
record_cmp(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	return x->page < y->page ? -1 : x->page > y->page;
}

static void
test_scale(void **state)
{
	/* byte-granular records here: page = start, n = size */
	struct record *rec = calloc(SCALE_ALLOCS, sizeof(*rec));
	struct record *sorted = calloc(SCALE_ALLOCS, sizeof(*sorted));
	/* 2^40 bytes: far more than 100,000 blocks of at most 256 KiB plus padding */
	const uint64_t space = UINT64_C(1) << 40;
	struct gmc_range_alloc *ra = alloc_new(space);
	uint64_t seed = 0x676d6373696d0004, used = 0;

	(void)state;
	assert_non_null(rec);
	assert_non_null(sorted);
	for (size_t i = 0; i < SCALE_ALLOCS; i++) {
		uint64_t r = rnd_below(&seed, 100), size, align, start = SENTINEL;

		/* mixed: small odd sizes, pages, and big aligned blocks */
		if (r < 20) {
			size = 1 + rnd_below(&seed, 300);
			align = UINT64_C(1) << rnd_below(&seed, 6);
		} else if (r < 90) {
			size = PAGE * (1 + rnd_below(&seed, 16));
			align = PAGE;
		} else {
			size = PAGE * (1 + rnd_below(&seed, 64));
			align = PAGE << rnd_below(&seed, 6);
		}
		assert_int_equal(gmc_range_alloc_get(ra, size, align, UINT64_MAX, &start), 0);
		assert_int_equal(start & (align - 1), 0);
		assert_true(start + size <= space);
		rec[i] = (struct record){ start, size };
		used += size;
		assert_int_equal(gmc_range_alloc_free_bytes(ra), space - used);
		/* a run ends at each block or at the end: never more runs than blocks + 1 */
		assert_true(gmc_range_alloc_free_blocks(ra) <= i + 2);
	}

	/* no two blocks overlap */
	memcpy(sorted, rec, SCALE_ALLOCS * sizeof(*rec));
	qsort(sorted, SCALE_ALLOCS, sizeof(*sorted), record_cmp);
	for (size_t i = 1; i < SCALE_ALLOCS; i++)
		assert_true(sorted[i - 1].page + sorted[i - 1].n <= sorted[i].page);

	/* free in a random order (Fisher-Yates) */
	for (size_t i = SCALE_ALLOCS - 1; i > 0; i--) {
		size_t j = (size_t)rnd_below(&seed, i + 1);
		struct record t = rec[i];

		rec[i] = rec[j];
		rec[j] = t;
	}
	for (size_t i = 0; i < SCALE_ALLOCS; i++) {
		assert_int_equal(gmc_range_alloc_put(ra, rec[i].page, rec[i].n), 0);
		used -= rec[i].n;
		assert_int_equal(gmc_range_alloc_free_bytes(ra), space - used);
	}
	assert_runs(ra, { 0, space });
	gmc_range_alloc_destroy(ra);
	free(sorted);
	free(rec);
}

/*
 * 50,000 one-page holes below one big run: every search for two pages
 * must skip all the holes. A search that visited each hole would make
 * this test take billions of steps; the subtree maxima make it a few
 * dozen per call.
 */
#define HOLES 50000

static void
test_many_holes(void **state)
{
	const uint64_t tail = 20000; /* pages of free space after the holes */
	struct gmc_range_alloc *ra = alloc_new((2 * HOLES + tail) * PAGE);

	(void)state;
	/* fill everything page by page, then free every even page below the tail */
	for (uint64_t i = 0; i < 2 * HOLES + tail; i++)
		get_ok(ra, PAGE, PAGE, UINT64_MAX, i * PAGE);
	/* the upper half from the top down, the lower half from the bottom up */
	for (uint64_t i = 0; i < HOLES / 2; i++) {
		assert_int_equal(gmc_range_alloc_put(ra, 2 * (HOLES - 1 - i) * PAGE, PAGE), 0);
		assert_int_equal(gmc_range_alloc_put(ra, 2 * i * PAGE, PAGE), 0);
	}
	assert_int_equal(gmc_range_alloc_put(ra, 2 * HOLES * PAGE, tail * PAGE), 0);
	assert_int_equal(gmc_range_alloc_free_blocks(ra), HOLES + 1);

	/* tail / 2 two-page blocks, each at the lowest free address of the tail */
	for (uint64_t i = 0; i < tail / 2; i++)
		get_ok(ra, 2 * PAGE, 1, UINT64_MAX, (2 * HOLES + 2 * i) * PAGE);
	assert_int_equal(gmc_range_alloc_free_blocks(ra), HOLES);
	get_fails(ra, 2 * PAGE, 1, UINT64_MAX, -ENOSPC);
	/* one page still fits, in the lowest hole */
	get_ok(ra, PAGE, 1, UINT64_MAX, 0);
	assert_int_equal(gmc_range_alloc_free_blocks(ra), HOLES - 1);
	gmc_range_alloc_destroy(ra);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_destroy),  cmocka_unit_test(test_get_first_fit),
		cmocka_unit_test(test_get_errors),   cmocka_unit_test(test_get_align),
		cmocka_unit_test(test_get_limit),    cmocka_unit_test(test_get_at),
		cmocka_unit_test(test_put_coalesce), cmocka_unit_test(test_put_errors),
		cmocka_unit_test(test_resize),	     cmocka_unit_test(test_for_each_free),
		cmocka_unit_test(test_random_pages), cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_random_huge),  cmocka_unit_test(test_scale),
		cmocka_unit_test(test_many_holes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
