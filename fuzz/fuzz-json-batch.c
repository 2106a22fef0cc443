/* SPDX-License-Identifier: MIT */
/*
 * fuzz-json-batch: the input is a `gmcsim layout --batch` file. Each line
 * goes through what the tool runs for it, in process:
 * gmcsim_layout_batch_line() with a tokener set up as the tool sets it
 * (the line parser, the computation and the result or error object). Every
 * line must
 * produce exactly one result: an object that is either "ok": true or
 * "ok": false with an errno name libgmc knows and a message, printable as
 * one line of strict JSON in valid UTF-8.
 *
 * Lines end at '\n' as the tool's line reader (sim/util-lines.c) ends them
 * (a last line without one still counts; NUL bytes stay in the line, which
 * the tool refuses). Inputs stay far below its 16 MiB line cap.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <json-c/json.h>

#include "fuzz-util.h"
#include "sim-layout.h"

/* Lines per input: bounds the time one input takes. */
#define MAX_LINES 64

/* The result object is one of the two shapes the tool documents. */
static void
check_result(struct json_tokener *check, struct json_object *res, uint64_t lineno, int rc)
{
	struct json_object *v, *back;
	const char *text;

	FUZZ_CHECK(res != NULL, "line %llu produced no result", (unsigned long long)lineno);
	FUZZ_CHECK(json_object_is_type(res, json_type_object), "result is not an object");
	FUZZ_CHECK(json_object_object_get_ex(res, "line", &v) &&
			   json_object_is_type(v, json_type_int) &&
			   (uint64_t)json_object_get_int64(v) == lineno,
		   "result of line %llu does not carry its line number",
		   (unsigned long long)lineno);
	FUZZ_CHECK(json_object_object_get_ex(res, "ok", &v) &&
			   json_object_is_type(v, json_type_boolean) &&
			   json_object_get_boolean(v) == (rc == 0),
		   "line %llu: \"ok\" disagrees with the return code %d",
		   (unsigned long long)lineno, rc);
	if (rc) {
		FUZZ_CHECK(json_object_object_get_ex(res, "error", &v) &&
				   json_object_is_type(v, json_type_string),
			   "failed line %llu has no \"error\"", (unsigned long long)lineno);
		FUZZ_CHECK(strcmp(json_object_get_string(v), gmc_errno_name(rc)) == 0 &&
				   strcmp(json_object_get_string(v), "EUNKNOWN") != 0,
			   "line %llu: error \"%s\" for %d", (unsigned long long)lineno,
			   json_object_get_string(v), rc);
		FUZZ_CHECK(json_object_object_get_ex(res, "message", &v) &&
				   json_object_is_type(v, json_type_string) &&
				   json_object_get_string_len(v) > 0,
			   "failed line %llu has no message", (unsigned long long)lineno);
	}
	/* printed as the tool prints it: one line of strict JSON in valid UTF-8 */
	text = json_object_to_json_string_ext(res, JSON_C_TO_STRING_PLAIN);
	FUZZ_CHECK(text && !strchr(text, '\n'), "result of line %llu is not one line",
		   (unsigned long long)lineno);
	json_tokener_reset(check);
	back = json_tokener_parse_ex(check, text, (int)strlen(text) + 1);
	FUZZ_CHECK(back && json_tokener_get_error(check) == json_tokener_success,
		   "result of line %llu is not valid JSON: %s", (unsigned long long)lineno, text);
	json_object_put(back);
}

/* The result object for one input line, as the tool makes it. */
static void
run_line(struct json_tokener *tok, struct json_tokener *check, char *line, size_t len,
	 uint64_t lineno)
{
	struct json_object *out;
	int rc = gmcsim_layout_batch_line(tok, line, len, lineno, &out);

	FUZZ_CHECK(rc <= 0, "line %llu returned %d", (unsigned long long)lineno, rc);
	check_result(check, out, lineno, rc);
	json_object_put(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_tokener *tok = json_tokener_new(), *check = json_tokener_new();
	char *buf;
	size_t start = 0;
	uint64_t lineno = 0;

	FUZZ_CHECK(tok && check, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_tokener_set_flags(check, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	/* a writable copy, one byte longer for the NUL run_line() may write */
	buf = malloc(size + 1);
	FUZZ_CHECK(buf != NULL, "out of memory");
	memcpy(buf, data, size);
	buf[size] = '\0';

	while (start < size && lineno < MAX_LINES) {
		const char *nl = memchr(buf + start, '\n', size - start);
		size_t len = nl ? (size_t)(nl - (buf + start)) + 1 : size - start;
		/* the line reader hands over the line with its newline and a NUL after it */
		char *line = malloc(len + 1);

		FUZZ_CHECK(line != NULL, "out of memory");
		memcpy(line, buf + start, len);
		line[len] = '\0';
		run_line(tok, check, line, len, ++lineno);
		free(line);
		start += len;
	}
	free(buf);
	json_tokener_free(tok);
	json_tokener_free(check);
	return 0;
}
