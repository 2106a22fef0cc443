/* SPDX-License-Identifier: MIT */
/*
 * One `gmcsim layout --batch` line through libgmcsim directly: the result
 * object for a line of the reference's own vectors, and the refusals of
 * lines that are not one JSON object.
 */
#ifdef NDEBUG
#error "tests need assertions"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <json-c/json.h>

#include "sim-layout.h"

static struct json_tokener *tok;

static int
setup(void **state)
{
	(void)state;
	tok = json_tokener_new();
	/* as the tool sets it up */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	return tok ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	json_tokener_free(tok);
	return 0;
}

/* Run @text as line @lineno; returns the line's code, @out the result. */
static int
run(const char *text, uint64_t lineno, struct json_object **out)
{
	char *line = strdup(text);
	int rc;

	assert_non_null(line);
	rc = gmcsim_layout_batch_line(tok, line, strlen(line), lineno, out);
	free(line);
	assert_non_null(*out);
	return rc;
}

static const char *
str(struct json_object *o, const char *key)
{
	struct json_object *v;

	assert_true(json_object_object_get_ex(o, key, &v));
	return json_object_get_string(v);
}

/*
 * The first line of the reference's edge vectors (Example 1 of
 * gmc-address-math.md §9: a GC 9.4.0 node 2 of 4, segment 32 GiB), with
 * the values the driver's own functions computed for it (vectors/README).
 */
static void
test_reference_line(void **state)
{
	static const char line[] =
		"{\"gc\": \"9.4.0\", \"regs\": {\"fb_location_base\": \"0x8000\", "
		"\"fb_location_top\": \"0x9fff\", \"fb_offset\": \"0x0\", \"xgmi_lfb_cntl\": "
		"\"0x32\", \"xgmi_lfb_size\": \"0x800\"}, \"vram_size\": \"0x7ff000000\", "
		"\"visible_vram_size\": \"0x800000000\", \"bo_offsets\": [\"0x1234000\"]}\r\n";
	struct json_object *out, *bo, *v;

	(void)state;
	assert_int_equal(run(line, 7, &out), 0);
	assert_true(json_object_object_get_ex(out, "line", &v));
	assert_int_equal(json_object_get_int64(v), 7);
	assert_string_equal(str(out, "mode"), "fb");
	assert_string_equal(str(out, "vram_start"), "0x9000000000");
	assert_string_equal(str(out, "vram_base_offset"), "0x1000000000");
	assert_string_equal(str(out, "gart_start"), "0x0");
	assert_true(json_object_object_get_ex(out, "bo", &bo));
	assert_int_equal(json_object_array_length(bo), 1);
	bo = json_object_array_get_idx(bo, 0);
	assert_string_equal(str(bo, "mc"), "0x9001234000");
	assert_string_equal(str(bo, "pa"), "0x1001234000");
	json_object_put(out);
}

/* Each bad line gets a result line of its own, "ok": false, with its errno's name. */
static void
test_bad_lines(void **state)
{
	static const struct {
		const char *line;
		int rc;
		const char *message;
	} cases[] = {
		{ "   \n", -EINVAL, "the line is blank" },
		{ "null\n", -EINVAL, "not null" },
		/* strict json-c stops at the second value: one value per line */
		{ "{\"gc\": \"9.4.0\"} {}\n", -EINVAL, "not valid JSON" },
		{ "[1]\n", -EINVAL, "expected a JSON object" },
		{ "{\"gc\": \"9.4.0\", \"colour\": 1}\n", -EINVAL, "unknown key 'colour'" },
		{ "{\"vram_size\": 1048576}\n", -EINVAL, "missing key 'gc' (or 'asic')" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct json_object *out, *v;

		assert_int_equal(run(cases[i].line, i + 1, &out), cases[i].rc);
		assert_true(json_object_object_get_ex(out, "ok", &v));
		assert_false(json_object_get_boolean(v));
		assert_string_equal(str(out, "error"), gmc_errno_name(cases[i].rc));
		assert_non_null(strstr(str(out, "message"), cases[i].message));
		json_object_put(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_line),
		cmocka_unit_test(test_bad_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
