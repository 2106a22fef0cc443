/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine through libgmcsim directly (the code behind
 * `gmcsim sweep`): the size of the space, the order combinations are
 * numbered in, shards that add up to the whole sweep, and every refusal of
 * a merge.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "sim-sweep.h"

/*
 * The built-in space: 10 pairs (the built-in pair table of sim-profile.c:
 * gc944 node move, its multi-VF twin, identity and BARs; gc943; gc950;
 * gc1100; navi21; aldebaran; vega20 — issue 10 added the multi-VF, 9.5.0
 * and GC 11 pairs) x 17 blocks (the 17 block files of sim/catalog/, each run
 * alone) x 5 fixes x 6 swap points x 3 cycle counts.
 */
#define BUILTIN_PAIRS 10
#define BUILTIN_BLOCKS 17
#define BUILTIN_TOTAL (BUILTIN_PAIRS * BUILTIN_BLOCKS * 5 * 6 * 3)

static struct sweep whole, part, merged;

static void
test_space(void **state)
{
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(sweep_init(&whole, &err), 0);
	assert_int_equal(whole.n_pairs, BUILTIN_PAIRS);
	assert_int_equal(whole.n_blocks, BUILTIN_BLOCKS);
	assert_int_equal(whole.total, BUILTIN_TOTAL);
	sweep_fini(&whole);
}

/*
 * The documented order, innermost first: cycles (1..3), swap point (6),
 * fix (5), block, pair. So 1 steps the cycles, 3 the swap point, 18 the fix,
 * 90 the block and 90 x 17 the pair.
 */
static void
test_combination_order(void **state)
{
	struct gmc_error err = { 0 };
	size_t pair, block;
	unsigned fix, swap, cycles;

	(void)state;
	assert_int_equal(sweep_init(&whole, &err), 0);
	sweep_combination(&whole, 0, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 0 && cycles == 1);
	sweep_combination(&whole, 2, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 0 && cycles == 3);
	sweep_combination(&whole, 3, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 1 && cycles == 1);
	sweep_combination(&whole, 18, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 1 && block == 0 && swap == 0 && cycles == 1);
	sweep_combination(&whole, 90, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 1 && swap == 0 && cycles == 1);
	sweep_combination(&whole, 90 * BUILTIN_BLOCKS, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 1 && fix == 0 && block == 0 && swap == 0 && cycles == 1);
	sweep_combination(&whole, BUILTIN_TOTAL - 1, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == BUILTIN_PAIRS - 1 && fix == 4 && block == BUILTIN_BLOCKS - 1 &&
		    swap == 5 && cycles == 3);
	sweep_fini(&whole);
}

static unsigned long long
all_runs(const struct sweep *sw)
{
	unsigned long long n = 0;

	for (size_t p = 0; p < sw->n_pairs; p++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++)
			n += sw->rows[p][f].runs;
	}
	return n;
}

/* Write @sw's shard JSON into a temporary file; @path receives its name. */
static void
write_shard(const struct sweep *sw, char *path, size_t len)
{
	struct json_object *o = sweep_to_json(sw);
	const char *text;
	int fd;

	assert_non_null(o);
	snprintf(path, len, "/tmp/gmcsim-test-shard-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	text = json_object_to_json_string(o);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	json_object_put(o);
}

static void
run_shard(unsigned index, unsigned count, char *path, size_t len)
{
	struct gmc_error err = { 0 };

	assert_int_equal(sweep_init(&part, &err), 0);
	assert_int_equal(sweep_set_shard(&part, index, count, &err), 0);
	assert_int_equal(sweep_run(&part, 2, &err), 0);
	write_shard(&part, path, len);
	sweep_fini(&part);
}

/* Three shards merged give exactly the rows of the unsharded sweep. */
static void
test_shards_add_up(void **state)
{
	struct gmc_error err = { 0 };
	char paths[3][64];

	(void)state;
	assert_int_equal(sweep_init(&whole, &err), 0);
	assert_int_equal(sweep_run(&whole, 1, &err), 0);
	/* every combination ran once, and each counts as one run */
	assert_int_equal(all_runs(&whole), BUILTIN_TOTAL);

	for (unsigned i = 0; i < 3; i++)
		run_shard(i, 3, paths[i], sizeof(paths[i]));

	assert_int_equal(sweep_init(&merged, &err), 0);
	sweep_merge_begin(&merged);
	/* any order */
	assert_int_equal(sweep_merge_file(&merged, paths[2], &err), 0);
	assert_int_equal(sweep_merge_file(&merged, paths[0], &err), 0);
	assert_int_equal(sweep_merge_file(&merged, paths[1], &err), 0);
	assert_int_equal(sweep_merge_finish(&merged, &err), 0);
	assert_memory_equal(merged.rows, whole.rows, sizeof(whole.rows));

	/* a shard given twice */
	assert_int_equal(sweep_merge_file(&merged, paths[0], &err), -EINVAL);
	assert_non_null(strstr(err.message, "given twice"));
	sweep_fini(&merged);

	/* a missing shard */
	assert_int_equal(sweep_init(&merged, &err), 0);
	sweep_merge_begin(&merged);
	assert_int_equal(sweep_merge_file(&merged, paths[0], &err), 0);
	assert_int_equal(sweep_merge_file(&merged, paths[2], &err), 0);
	assert_int_equal(sweep_merge_finish(&merged, &err), -EINVAL);
	assert_string_equal(err.message, "shard 2 of 3 is missing");
	sweep_fini(&merged);

	for (unsigned i = 0; i < 3; i++)
		unlink(paths[i]);
	sweep_fini(&whole);
}

/* Shards of different sweeps (3 slices and 2 slices) do not mix. */
static void
test_merge_refuses_other_sweeps(void **state)
{
	struct gmc_error err = { 0 };
	char three[64], two[64], junk[] = "/tmp/gmcsim-test-junk-XXXXXX";
	int fd;

	(void)state;
	run_shard(0, 3, three, sizeof(three));
	run_shard(1, 2, two, sizeof(two));
	assert_int_equal(sweep_init(&merged, &err), 0);
	sweep_merge_begin(&merged);
	assert_int_equal(sweep_merge_file(&merged, three, &err), 0);
	assert_int_equal(sweep_merge_file(&merged, two, &err), -EINVAL);
	assert_non_null(strstr(err.message, "not a shard of this sweep"));

	/* not JSON at all: the one JSON reader says so, naming the file */
	fd = mkstemp(junk);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "rows", 4), 4);
	close(fd);
	assert_int_equal(sweep_merge_file(&merged, junk, &err), -EINVAL);
	assert_non_null(strstr(err.message, junk));
	assert_non_null(strstr(err.message, "not valid JSON"));

	/* a shard with a key twice: json-c would keep the second "shards" silently */
	fd = open(junk, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(
		write(fd, "{\"shard\": 1, \"shards\": 3, \"shards\": 1, \"rows\": []}", 50), 50);
	close(fd);
	assert_int_equal(sweep_merge_file(&merged, junk, &err), -EINVAL);
	assert_non_null(strstr(err.message, "repeats the key 'shards'"));
	sweep_fini(&merged);
	unlink(three);
	unlink(two);
	unlink(junk);
}

static void
test_set_shard_refuses(void **state)
{
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(sweep_init(&part, &err), 0);
	assert_int_equal(sweep_set_shard(&part, 3, 3, &err), -EINVAL);
	assert_int_equal(sweep_set_shard(&part, 0, 0, &err), -EINVAL);
	/* refused: the sweep is still one slice of one */
	assert_int_equal(part.shard, 0);
	assert_int_equal(part.shards, 1);
	sweep_fini(&part);
}

/*
 * A stop flag already set (what a SIGINT handler leaves): no run happens, on
 * any thread, and sweep_run() says -EINTR, so the tool prints no partial rows.
 */
static void
test_stop_flag(void **state)
{
	static volatile sig_atomic_t stop = SIGINT;
	struct gmc_error err = { 0 };
	unsigned long long runs = 0;

	(void)state;
	assert_int_equal(sweep_init(&part, &err), 0);
	part.stop = &stop;
	assert_int_equal(sweep_run(&part, 2, &err), -EINTR);
	assert_int_equal(err.code, -EINTR);
	for (size_t p = 0; p < part.n_pairs; p++) {
		for (unsigned f = 0; f < GMCSIM_FIX_COUNT; f++)
			runs += part.rows[p][f].runs;
	}
	assert_int_equal(runs, 0);
	sweep_fini(&part);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_combination_order),
		cmocka_unit_test(test_shards_add_up),
		cmocka_unit_test(test_merge_refuses_other_sweeps),
		cmocka_unit_test(test_set_shard_refuses),
		cmocka_unit_test(test_stop_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
