/* SPDX-License-Identifier: MIT */
/* json-c conveniences for writing JSON: adding, hex strings, printing. */
#include <errno.h>
#include <inttypes.h>

#include "util.h"

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
