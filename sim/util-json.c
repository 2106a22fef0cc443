/* SPDX-License-Identifier: MIT */
/* json-c conveniences: integers from JSON values, hex strings, printing. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util.h"

/* Why a value that is not an integer was refused. */
static int
not_an_integer(struct json_object *val, char *why, size_t whylen)
{
	char q[GMCSIM_SAFE_BUF];

	if (json_object_get_type(val) == json_type_double)
		return gmcsim_fail_why(-EINVAL, why, whylen, "%s is not an integer",
			    gmcsim_safe_text(json_object_to_json_string(val), q, sizeof(q)));
	return gmcsim_fail_why(-EINVAL, why, whylen,
		    "expected an integer (a JSON number, or a decimal or \"0x\" hex string), "
		    "not %s",
		    json_type_to_name(json_object_get_type(val)));
}

/* The string of a JSON string value, or NULL if it holds a NUL byte. */
static const char *
plain_string(struct json_object *val)
{
	const char *s = json_object_get_string(val);

	if (!s || strlen(s) != (size_t)json_object_get_string_len(val))
		return NULL;
	return s;
}

int
gmcsim_json_get_u64(struct json_object *val, uint64_t max, uint64_t *out, char *why,
		    size_t whylen)
{
	const char *s;
	uint64_t v;

	switch (json_object_get_type(val)) {
	case json_type_int:
		if (json_object_get_int64(val) < 0)
			return gmcsim_fail_why(-ERANGE, why, whylen,
				    "%" PRId64 " is negative; the value is unsigned",
				    json_object_get_int64(val));
		v = json_object_get_uint64(val);
		if (v == UINT64_MAX && max == UINT64_MAX)
			return gmcsim_fail_why(-ERANGE, why, whylen,
				    "JSON numbers from 2^64 - 1 up are out of range here (json-c "
				    "cannot tell them apart); give the value as a \"0x\" string");
		if (v > max)
			return gmcsim_fail_why(-ERANGE, why, whylen,
				    "%s is above the limit %" PRIu64 " (0x%" PRIx64 ")",
				    json_object_to_json_string(val), max, max);
		*out = v;
		return 0;
	case json_type_string:
		s = plain_string(val);
		if (!s)
			return gmcsim_fail_why(-EINVAL, why, whylen, "the string holds a NUL character");
		return gmcsim_parse_u64(s, 0, max, out, why, whylen);
	default:
		return not_an_integer(val, why, whylen);
	}
}

int
gmcsim_json_get_i64(struct json_object *val, int64_t min, int64_t max, int64_t *out, char *why,
		    size_t whylen)
{
	const char *s;
	int64_t v;

	switch (json_object_get_type(val)) {
	case json_type_int:
		/* json-c clamps what does not fit an int64 to its ends */
		v = json_object_get_int64(val);
		if ((v == INT64_MIN && min == INT64_MIN) || (v == INT64_MAX && max == INT64_MAX))
			return gmcsim_fail_why(-ERANGE, why, whylen,
				    "JSON numbers at the ends of the 64-bit range are out of range "
				    "here (json-c cannot tell them apart from larger ones)");
		if (v < min || v > max)
			return gmcsim_fail_why(-ERANGE, why, whylen,
				    "%s is outside [%" PRId64 ", %" PRId64 "]",
				    json_object_to_json_string(val), min, max);
		*out = v;
		return 0;
	case json_type_string:
		s = plain_string(val);
		if (!s)
			return gmcsim_fail_why(-EINVAL, why, whylen, "the string holds a NUL character");
		return gmcsim_parse_i64(s, min, max, out, why, whylen);
	default:
		return not_an_integer(val, why, whylen);
	}
}

int
gmcsim_json_add(struct json_object *obj, const char *key, struct json_object *val)
{
	/* json_object_object_add() leaves @val to us when it fails */
	if (!obj || !val || json_object_object_add(obj, key, val) != 0) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

int
gmcsim_json_append(struct json_object *arr, struct json_object *val)
{
	if (!arr || !val || json_object_array_add(arr, val) != 0) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

struct json_object *
gmcsim_json_hex(uint64_t value)
{
	char buf[sizeof("0x") + 16];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, value);
	return json_object_new_string(buf);
}

int
gmcsim_json_print(FILE *out, struct json_object *obj, bool pretty)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE |
		    (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
			    : JSON_C_TO_STRING_PLAIN);
	const char *text = json_object_to_json_string_ext(obj, flags);

	if (!text)
		return -ENOMEM;
	if (fputs(text, out) == EOF || putc('\n', out) == EOF)
		return -EIO;
	return 0;
}
