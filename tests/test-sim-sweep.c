/* SPDX-License-Identifier: MIT */
/*
 * The sweep engine through libgmcsim directly (the code behind
 * `gmcsim sweep`): the size of the space, the order combinations are
 * numbered in, generated spaces, shards that add up to the whole sweep, and
 * every refusal of a merge.
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
 * gc944 node, multi-VF node, bar and identity; gc943; gc950; gc1100; navi21;
 * aldebaran; vega20 — `gmcsim profile pairs` lists them) x 17 blocks (the 17
 * block files of sim/catalog/, each run alone) x 5 fixes x 6 swap points x 3
 * cycle counts.
 */
#define BUILTIN_PAIRS 10
#define BUILTIN_BLOCKS 17
#define BUILTIN_TOTAL (BUILTIN_PAIRS * BUILTIN_BLOCKS * 5 * 6 * 3)

/*
 * node-pairs: every ordered pair of distinct node ids of each XGMI part's
 * hive, from the boot profile of its first built-in pair: gc944, gc943,
 * gc950 and aldebaran have XGMI_LFB_CNTL 0x72 (PF_MAX_REGION 7: 8 nodes,
 * 8 x 7 = 56 pairs each), vega20 0x31 (PF_MAX_REGION 3: 4 nodes, 4 x 3 = 12);
 * gc1100 and navi21 have no XGMI. 4 x 56 + 12 = 236.
 */
#define NODE_PAIRS 236

static struct sweep whole, part, merged;

/* @sw over the selection built by @setup (NULL: the default one). */
static int
init(struct sweep *sw, int (*setup)(struct sweep_selection *, struct gmc_error *))
{
	struct sweep_selection sel;
	struct gmc_error err = { 0 };
	int rc;

	sweep_selection_init(&sel);
	rc = setup ? setup(&sel, &err) : 0;
	if (!rc)
		rc = sweep_init(sw, &sel, &err);
	sweep_selection_fini(&sel);
	return rc;
}

static void
test_space(void **state)
{
	(void)state;
	assert_int_equal(init(&whole, NULL), 0);
	assert_int_equal(whole.n_pairs, BUILTIN_PAIRS);
	assert_int_equal(whole.n_blocks, BUILTIN_BLOCKS);
	assert_int_equal(whole.n_strategies, 5);
	assert_int_equal(whole.n_swaps, 6);
	assert_int_equal(whole.n_cycles, 3);
	assert_int_equal(whole.total, BUILTIN_TOTAL);
	sweep_fini(&whole);
}

/*
 * The documented order, innermost first: cycles (3), swap point (6), fix
 * (5), block, pair. So 1 steps the cycles, 3 the swap point, 18 the fix, 90
 * the block and 90 x 17 the pair.
 */
static void
test_combination_order(void **state)
{
	unsigned long long pair;
	size_t fix, block, swap, cycles;

	(void)state;
	assert_int_equal(init(&whole, NULL), 0);
	sweep_combination(&whole, 0, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 0 && cycles == 0);
	sweep_combination(&whole, 2, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 0 && cycles == 2);
	sweep_combination(&whole, 3, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 0 && swap == 1 && cycles == 0);
	sweep_combination(&whole, 18, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 1 && block == 0 && swap == 0 && cycles == 0);
	sweep_combination(&whole, 90, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 0 && fix == 0 && block == 1 && swap == 0 && cycles == 0);
	sweep_combination(&whole, 90 * BUILTIN_BLOCKS, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == 1 && fix == 0 && block == 0 && swap == 0 && cycles == 0);
	sweep_combination(&whole, BUILTIN_TOTAL - 1, &pair, &fix, &block, &swap, &cycles);
	assert_true(pair == BUILTIN_PAIRS - 1 && fix == 4 && block == BUILTIN_BLOCKS - 1 &&
		    swap == 5 && cycles == 2);
	sweep_fini(&whole);
}

static int
node_pairs(struct sweep_selection *sel, struct gmc_error *err)
{
	snprintf(sel->generate, sizeof(sel->generate), "node-pairs");
	return 0;
}

static void
test_node_pairs(void **state)
{
	struct gmcsim_profile a, b;
	char name[GMCSIM_NAME_MAX];
	size_t group;

	(void)state;
	assert_int_equal(init(&whole, node_pairs), 0);
	assert_int_equal(whole.n_space_pairs, NODE_PAIRS);
	assert_int_equal(whole.total, (unsigned long long)NODE_PAIRS * BUILTIN_BLOCKS * 5 * 6 * 3);
	/* gc944 comes first: node 0 -> 1, then 0 -> 2; node 1 -> 0 is the 8th (0 has 7) */
	assert_int_equal(sweep_pair_at(&whole, 0, &a, &b, name, sizeof(name), &group, NULL), 0);
	assert_string_equal(name, "gc944-node0-to-node1");
	/* PF_MAX_REGION 7 in bits 4..6 of XGMI_LFB_CNTL, the node id in bits 0..2 */
	assert_int_equal(a.regs.value[GMC_REG_XGMI_LFB_CNTL], 0x70);
	assert_int_equal(b.regs.value[GMC_REG_XGMI_LFB_CNTL], 0x71);
	assert_int_equal(sweep_pair_at(&whole, 7, &a, &b, name, sizeof(name), &group, NULL), 0);
	assert_string_equal(name, "gc944-node1-to-node0");
	/* every other register is the base's (gc944-vf-node2) */
	assert_int_equal(a.regs.value[GMC_REG_FB_LOCATION_BASE], 0x1000);
	assert_int_equal(
		sweep_pair_at(&whole, NODE_PAIRS, &a, &b, name, sizeof(name), &group, NULL),
		-EINVAL);
	sweep_fini(&whole);
}

static unsigned long long random_seed;

static int
random_pairs(struct sweep_selection *sel, struct gmc_error *err)
{
	snprintf(sel->generate, sizeof(sel->generate), "random:50");
	sel->seed = random_seed;
	sel->seed_given = true;
	return 0;
}

/* The same seed draws the same pairs; another seed other pairs. */
static void
test_random_reproducible(void **state)
{
	struct gmcsim_profile a1, b1, a2, b2;
	char n1[GMCSIM_NAME_MAX], n2[GMCSIM_NAME_MAX];
	size_t g1, g2;
	bool differs = false;

	(void)state;
	random_seed = 7;
	assert_int_equal(init(&whole, random_pairs), 0);
	assert_int_equal(init(&part, random_pairs), 0);
	for (unsigned long long i = 0; i < 50; i++) {
		assert_int_equal(sweep_pair_at(&whole, i, &a1, &b1, n1, sizeof(n1), &g1, NULL), 0);
		assert_int_equal(sweep_pair_at(&part, i, &a2, &b2, n2, sizeof(n2), &g2, NULL), 0);
		assert_string_equal(n1, n2);
		assert_int_equal(g1, g2);
		assert_memory_equal(&a1.regs, &a2.regs, sizeof(a1.regs));
		assert_memory_equal(&b1.regs, &b2.regs, sizeof(b1.regs));
		assert_int_equal(a1.params.gart_size_mb, a2.params.gart_size_mb);
	}
	sweep_fini(&part);
	random_seed = 8;
	assert_int_equal(init(&part, random_pairs), 0);
	for (unsigned long long i = 0; i < 50 && !differs; i++) {
		assert_int_equal(sweep_pair_at(&whole, i, &a1, &b1, n1, sizeof(n1), &g1, NULL), 0);
		assert_int_equal(sweep_pair_at(&part, i, &a2, &b2, n2, sizeof(n2), &g2, NULL), 0);
		differs = a1.asic != a2.asic || memcmp(&a1.regs, &a2.regs, sizeof(a1.regs)) ||
			  memcmp(&b1.regs, &b2.regs, sizeof(b1.regs));
	}
	assert_true(differs);
	/* the digest says which seed a shard was drawn with */
	assert_string_not_equal(whole.digest, part.digest);
	sweep_fini(&part);
	sweep_fini(&whole);
}

static unsigned long long
all_runs(const struct sweep *sw)
{
	unsigned long long n = 0;

	for (size_t r = 0; r < sw->n_groups * sw->n_strategies; r++)
		n += sw->rows[r].runs;
	return n;
}

/* Write @o (taken) into a temporary file; @path receives its name. */
static void
write_json(struct json_object *o, char *path, size_t len)
{
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

/* Shard @index of @count of the sweep @setup makes, as a parsed JSON document. */
static struct json_object *
shard_json(int (*setup)(struct sweep_selection *, struct gmc_error *), unsigned index,
	   unsigned count, unsigned worst)
{
	struct gmc_error err = { 0 };
	struct json_object *o;

	assert_int_equal(init(&part, setup), 0);
	assert_int_equal(sweep_set_worst(&part, worst, &err), 0);
	assert_int_equal(sweep_set_shard(&part, index, count, &err), 0);
	assert_int_equal(sweep_run(&part, 2, &err), 0);
	o = sweep_to_json(&part);
	sweep_fini(&part);
	return o;
}

static int
small(struct sweep_selection *sel, struct gmc_error *err)
{
	/* 3 pairs x 2 blocks x 2 fixes x 6 swap points x 3 cycles = 216 */
	int rc = sweep_selection_add_pairs(sel, "gc944-node2-to-node5,navi21-fb-offset,gc944-bars",
					   err);

	if (!rc)
		rc = check_plan_set_blocks(&sel->plan, "psp,pattern2", err);
	if (!rc)
		rc = check_plan_set_fixes(&sel->plan, "none,upstream", err);
	return rc;
}

/* Three shards merged give exactly the rows and the worst of the unsharded sweep. */
static void
test_shards_add_up(void **state)
{
	struct gmc_error err = { 0 };
	char paths[3][64];

	(void)state;
	assert_int_equal(init(&whole, small), 0);
	assert_int_equal(whole.total, 216);
	assert_int_equal(sweep_set_worst(&whole, 5, &err), 0);
	assert_int_equal(sweep_run(&whole, 1, &err), 0);
	/* every combination ran once, and each counts as one run */
	assert_int_equal(all_runs(&whole), 216);
	assert_int_equal(whole.n_worst, 5);

	for (unsigned i = 0; i < 3; i++)
		write_json(shard_json(small, i, 3, 5), paths[i], sizeof(paths[i]));

	assert_int_equal(init(&merged, small), 0);
	assert_int_equal(sweep_set_worst(&merged, 5, &err), 0);
	assert_int_equal(sweep_merge_begin(&merged, &err), 0);
	/* any order */
	assert_int_equal(sweep_merge_file(&merged, paths[2], &err), 0);
	assert_int_equal(sweep_merge_file(&merged, paths[0], &err), 0);
	assert_int_equal(sweep_merge_file(&merged, paths[1], &err), 0);
	assert_int_equal(sweep_merge_finish(&merged, &err), 0);
	assert_memory_equal(merged.rows, whole.rows,
			    whole.n_groups * whole.n_strategies * sizeof(*whole.rows));
	assert_int_equal(merged.n_worst, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(merged.worst[i].index, whole.worst[i].index);
		assert_string_equal(merged.worst[i].command, whole.worst[i].command);
	}
	/* the merged document is the unsharded one */
	{
		struct json_object *a = sweep_to_json(&whole), *b = sweep_to_json(&merged);

		assert_string_equal(json_object_to_json_string(a), json_object_to_json_string(b));
		json_object_put(a);
		json_object_put(b);
	}
	sweep_fini(&merged);
	sweep_fini(&whole);
	for (unsigned i = 0; i < 3; i++)
		unlink(paths[i]);
}

/* Merge @doc (taken) as the second of a 2-shard merge whose first shard is good. */
static void
refused(struct json_object *doc, const char *needle)
{
	struct gmc_error err = { 0 };
	char good[64], bad[64];

	write_json(shard_json(small, 0, 2, 2), good, sizeof(good));
	write_json(doc, bad, sizeof(bad));
	assert_int_equal(init(&merged, small), 0);
	assert_int_equal(sweep_merge_begin(&merged, &err), 0);
	assert_int_equal(sweep_merge_file(&merged, good, &err), 0);
	assert_int_equal(sweep_merge_file(&merged, bad, &err), -EINVAL);
	/* the message names the file and what is wrong */
	assert_non_null(strstr(err.message, bad));
	if (!strstr(err.message, needle))
		fail_msg("'%s' does not say '%s'", err.message, needle);
	sweep_fini(&merged);
	unlink(good);
	unlink(bad);
}

/* Shard 2 of 2 of the small sweep with @key of @obj (a path "rows[0].runs") set to @val. */
static struct json_object *
tampered(const char *where, struct json_object *val)
{
	struct json_object *doc = shard_json(small, 1, 2, 2), *o = doc, *arr;
	char path[128], *p, *save = NULL;

	snprintf(path, sizeof(path), "%s", where);
	for (p = strtok_r(path, ".", &save); p; p = strtok_r(NULL, ".", &save)) {
		char *br = strchr(p, '[');
		bool last = !save || !*save;

		if (br) {
			*br = '\0';
			assert_true(json_object_object_get_ex(o, p, &arr));
			o = json_object_array_get_idx(arr, (size_t)atoi(br + 1));
			if (last) {
				assert_int_equal(
					json_object_array_put_idx(arr, (size_t)atoi(br + 1), val),
					0);
				return doc;
			}
		} else if (last) {
			if (val)
				json_object_object_add(o, p, val);
			else
				json_object_object_del(o, p);
			return doc;
		} else {
			assert_true(json_object_object_get_ex(o, p, &o));
		}
	}
	return doc;
}

static void
test_merge_refusals(void **state)
{
	struct json_object *doc, *rows, *dup, *v;

	(void)state;
	/* of another sweep: other selection, version, digest, or size */
	refused(tampered("sweep.selection", json_object_new_string("--pair gc944-bars")),
		"a shard of another sweep");
	refused(tampered("sweep.version", json_object_new_string("0.0.1")), "gmcsim version");
	refused(tampered("sweep.digest", json_object_new_string("fnv1a64:0000000000000000")),
		"other inputs");
	refused(tampered("combinations", json_object_new_int64(215)), "combinations");
	/* a whole run's output is no shard */
	refused(tampered("sweep", NULL), "not a shard");
	/* slices: the same one twice, one of another cut, one out of range */
	refused(shard_json(small, 0, 2, 2), "given twice");
	refused(shard_json(small, 1, 3, 2), "shards before it are of 2");
	refused(tampered("shard", json_object_new_int64(3)), "is not 1 to 2");
	refused(tampered("shard", json_object_new_int64(0)), "is not 1 to 2");
	/* counts: negative, not integers, not adding up, failing above runs */
	refused(tampered("rows[0].runs", json_object_new_int64(-1)), "negative");
	refused(tampered("rows[0].runs", json_object_new_double(1.5)), "non-negative integer");
	refused(tampered("rows[0].runs", json_object_new_string("3")), "non-negative integer");
	refused(tampered("rows[0].runs", json_object_new_boolean(true)), "non-negative integer");
	refused(tampered("rows[1].findings.stale-mc", json_object_new_int64(-4)), "negative");
	refused(tampered("rows[0].runs", json_object_new_int64(100000)), "more than this sweep");
	doc = shard_json(small, 1, 2, 2);
	assert_true(json_object_object_get_ex(doc, "rows", &rows));
	dup = json_object_array_get_idx(rows, 3);
	assert_true(json_object_object_get_ex(dup, "runs", &v));
	json_object_object_add(dup, "runs", json_object_new_int64(json_object_get_int64(v) + 1));
	refused(doc, "add up");
	refused(tampered("rows[0].failing_runs", json_object_new_int64(200)), "failing runs of");
	/* rows: duplicated, unknown, missing, extra keys */
	doc = shard_json(small, 1, 2, 2);
	assert_true(json_object_object_get_ex(doc, "rows", &rows));
	dup = json_object_get(json_object_array_get_idx(rows, 0));
	json_object_array_put_idx(rows, 1, dup);
	refused(doc, "duplicated row");
	refused(tampered("rows[2].pair", json_object_new_string("gc943-node2-to-node5")),
		"is not this sweep's row");
	refused(tampered("rows[0].extra", json_object_new_int64(1)), "exactly the keys");
	refused(tampered("rows[0].findings.no-such-kind", json_object_new_int64(1)),
		"every finding kind");
	refused(tampered("bogus", json_object_new_int64(1)), "unknown key");
	doc = shard_json(small, 1, 2, 2);
	assert_true(json_object_object_get_ex(doc, "rows", &rows));
	json_object_array_del_idx(rows, 0, 1);
	refused(doc, "rows");
	/* the worst: out of the slice, asked for more than kept */
	refused(tampered("worst[0].index", json_object_new_int64(0)), "not in slice 2 of 2");
	refused(tampered("worst[0].errors", json_object_new_int64(100000)), "do not add up");
	refused(tampered("sweep.worst", json_object_new_int64(3)), "kept 2");
}

/* A missing slice, or no shard at all, is refused at the end. */
static void
test_merge_missing(void **state)
{
	struct gmc_error err = { 0 };
	char path[64];

	(void)state;
	write_json(shard_json(small, 0, 3, 0), path, sizeof(path));
	assert_int_equal(init(&merged, small), 0);
	assert_int_equal(sweep_merge_begin(&merged, &err), 0);
	assert_int_equal(sweep_merge_finish(&merged, &err), -EINVAL);
	assert_string_equal(err.message, "no shard to merge");
	assert_int_equal(sweep_merge_file(&merged, path, &err), 0);
	assert_int_equal(sweep_merge_finish(&merged, &err), -EINVAL);
	assert_string_equal(err.message, "shard 2 of 3 is missing");
	sweep_fini(&merged);
	unlink(path);
}

/* A slice's JSON never looks like the whole sweep; the whole sweep's is slice 1 of 1. */
static void
test_slice_says_so(void **state)
{
	struct json_object *doc = shard_json(small, 0, 1, 0), *v;

	(void)state;
	assert_true(json_object_object_get_ex(doc, "sweep", &v));
	json_object_put(doc);
	assert_int_equal(init(&whole, small), 0);
	doc = sweep_to_json(&whole);
	assert_false(json_object_object_get_ex(doc, "sweep", &v));
	json_object_put(doc);
	sweep_fini(&whole);
}

static void
test_set_shard_refuses(void **state)
{
	struct gmc_error err = { 0 };

	(void)state;
	assert_int_equal(init(&part, NULL), 0);
	assert_int_equal(sweep_set_shard(&part, 3, 3, &err), -EINVAL);
	assert_int_equal(sweep_set_shard(&part, 0, 0, &err), -EINVAL);
	/* refused: the sweep is still one slice of one */
	assert_int_equal(part.shard, 0);
	assert_int_equal(part.shards, 1);
	assert_int_equal(sweep_set_worst(&part, SWEEP_MAX_WORST + 1, &err), -EINVAL);
	sweep_fini(&part);
}

/*
 * A stop flag already set (what a SIGINT handler leaves): no run happens, on
 * any thread, and sweep_run() says -EINTR, so the tool prints no partial rows.
 */
/*
 * A signal's flag stops the workers before their next run: sweep_run() gives
 * -EINTR and no run was counted (the flag was set before the first).
 */
static void
test_stop_flag(void **state)
{
	static volatile sig_atomic_t stop = SIGINT;
	struct gmc_error err = { 0 };
	unsigned long long runs = 0;

	(void)state;
	assert_int_equal(init(&part, small), 0);
	part.stop = &stop;
	assert_int_equal(sweep_run(&part, 2, &err), -EINTR);
	assert_int_equal(err.code, -EINTR);
	for (size_t r = 0; r < part.n_groups * part.n_strategies; r++)
		runs += part.rows[r].runs;
	assert_int_equal(runs, 0);
	sweep_fini(&part);
}

/*
 * A shard goes through the one strict JSON reader: text that is not JSON is
 * refused naming the file, and a key given twice is an error (json-c alone
 * would keep the second "shards" silently).
 */
static void
test_merge_strict_reader(void **state)
{
	struct gmc_error err = { 0 };
	char junk[] = "/tmp/gmcsim-test-junk-XXXXXX";
	static const char twice[] = "{\"shard\": 1, \"shards\": 3, \"shards\": 1, \"rows\": []}";
	int fd;

	(void)state;
	fd = mkstemp(junk);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "rows", 4), 4);
	close(fd);
	assert_int_equal(init(&merged, small), 0);
	assert_int_equal(sweep_merge_begin(&merged, &err), 0);
	assert_int_equal(sweep_merge_file(&merged, junk, &err), -EINVAL);
	assert_non_null(strstr(err.message, junk));
	assert_non_null(strstr(err.message, "not valid JSON"));
	fd = open(junk, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, twice, sizeof(twice) - 1), (ssize_t)(sizeof(twice) - 1));
	close(fd);
	assert_int_equal(sweep_merge_file(&merged, junk, &err), -EINVAL);
	assert_non_null(strstr(err.message, "repeats the key 'shards'"));
	sweep_fini(&merged);
	unlink(junk);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_combination_order),
		cmocka_unit_test(test_node_pairs),
		cmocka_unit_test(test_random_reproducible),
		cmocka_unit_test(test_shards_add_up),
		cmocka_unit_test(test_merge_refusals),
		cmocka_unit_test(test_merge_missing),
		cmocka_unit_test(test_slice_says_so),
		cmocka_unit_test(test_set_shard_refuses),
		cmocka_unit_test(test_stop_flag),
		cmocka_unit_test(test_merge_strict_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
