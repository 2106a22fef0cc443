/* SPDX-License-Identifier: MIT */
/* The one JSON reader: strict parse, keyed-object walk, typed getters naming the path. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmc-common.h>

#include "util-json-read.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Reporting                                                            */
/* ------------------------------------------------------------------ */

int
gmcsim_json_fail(struct gmcsim_json *js, int code, const char *path, const char *fmt, ...)
{
	char msg[GMC_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return gmcsim_fail(js->err, code, "%s%s%s%s", js->where ? js->where : "", path,
			   *path ? ": " : "", msg);
}

static int
type_error(struct gmcsim_json *js, const char *path, const char *want, struct json_object *val)
{
	return gmcsim_json_fail(js, -EINVAL, path, "expected %s, not %s", want,
				json_type_to_name(json_object_get_type(val)));
}

const char *
gmcsim_json_path_key(char *buf, size_t len, const char *parent, const char *key)
{
	snprintf(buf, len, "%s%s%s", parent, *parent ? "." : "", key);
	return buf;
}

const char *
gmcsim_json_path_index(char *buf, size_t len, const char *parent, size_t index)
{
	snprintf(buf, len, "%s[%zu]", parent, index);
	return buf;
}

/* ------------------------------------------------------------------ */
/* The text                                                             */
/* ------------------------------------------------------------------ */

/* U+FEFF in UTF-8: what some editors put at the start of a file. */
#define UTF8_BOM "\xef\xbb\xbf"

static bool
only_space(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/*
 * Duplicate keys. json-c keeps the last value of a repeated key without a
 * word, so {"fixes": "none", "fixes": "all"} would silently mean "all".
 * Every object member in the text is a string followed by ':'; json-c's tree
 * holds one member per distinct key. The two counts agree exactly when no
 * object repeats a key (a dropped value also drops the members nested in it),
 * so the common case costs one pass over the text and none over memory; only
 * when they differ is the repeated key looked for, to name it.
 */

/* One key of the text: the object it belongs to, its text and where it starts. */
struct text_key {
	size_t object;	 /* the object's number, in the order the objects open */
	size_t at;	 /* the offset of its opening quote */
	const char *raw; /* the quoted key as written */
	size_t raw_len;
	char *name; /* decoded, for comparing */
};

/* The offset just past the string whose opening quote is at @p i. */
static size_t
string_end(const char *text, size_t len, size_t i)
{
	for (i++; i < len && text[i] != '"'; i++) {
		if (text[i] == '\\')
			i++;
	}
	return i + 1;
}

/* Whether the string ending before @p end is an object's key: ':' comes next. */
static bool
is_key(const char *text, size_t len, size_t end)
{
	end += strspn(text + end, " \t\r\n");
	return end < len && text[end] == ':';
}

/* Every key of the text (the text is valid JSON), or just their count when @p keys is NULL. */
static size_t
scan_keys(const char *text, size_t len, struct text_key *keys)
{
	size_t stack[GMCSIM_JSON_DEPTH_MAX + 1], depth = 0, objects = 0, n = 0;

	for (size_t i = 0; i < len;) {
		char c = text[i];

		if (c == '"') {
			size_t end = string_end(text, len, i);

			if (is_key(text, len, end)) {
				if (keys) {
					keys[n].object = depth ? stack[depth - 1] : 0;
					keys[n].at = i;
					keys[n].raw = text + i;
					keys[n].raw_len = end - i;
					keys[n].name = NULL;
				}
				n++;
			}
			i = end;
			continue;
		}
		/* arrays get a number too, which no key ever names */
		if ((c == '{' || c == '[') && depth < GMCSIM_JSON_DEPTH_MAX + 1)
			stack[depth++] = objects++;
		else if ((c == '}' || c == ']') && depth)
			depth--;
		i++;
	}
	return n;
}

/* The members of every object in @p obj's tree. */
static size_t
tree_keys(struct json_object *obj)
{
	size_t n = 0;

	if (json_object_is_type(obj, json_type_object)) {
		json_object_object_foreach(obj, key, val)
		{
			(void)key;
			n += 1 + tree_keys(val);
		}
	} else if (json_object_is_type(obj, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(obj); i++)
			n += tree_keys(json_object_array_get_idx(obj, i));
	}
	return n;
}

static int
compare_keys(const void *a, const void *b)
{
	const struct text_key *x = a, *y = b;
	int c;

	if (x->object != y->object)
		return x->object < y->object ? -1 : 1;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Decode a quoted key as json-c does ("\u0061" is "a"); NULL when out of memory. */
static char *
decode_key(struct json_tokener *tok, const char *raw, size_t len)
{
	struct json_object *s;
	char *out;

	json_tokener_reset(tok);
	/* a string ends at its closing quote: no terminator needed */
	s = json_tokener_parse_ex(tok, raw, (int)len);
	out = s ? strdup(json_object_get_string(s)) : NULL;
	json_object_put(s);
	return out;
}

/* Name the repeated key whose repeat comes first; @p base: bytes before @p text (a BOM). */
static int
report_duplicate(struct gmcsim_json *js, const char *text, size_t len, size_t n, const char *what,
		 size_t base)
{
	struct text_key *keys = calloc(n, sizeof(*keys));
	struct json_tokener *tok = json_tokener_new();
	const struct text_key *dup = NULL;
	char q[GMCSIM_SAFE_BUF];
	int rc = -EINVAL;

	if (!keys || !tok) {
		rc = gmcsim_json_fail(js, -ENOMEM, "", "out of memory");
		goto out;
	}
	scan_keys(text, len, keys);
	for (size_t i = 0; i < n; i++) {
		keys[i].name = decode_key(tok, keys[i].raw, keys[i].raw_len);
		if (!keys[i].name) {
			rc = gmcsim_json_fail(js, -ENOMEM, "", "out of memory");
			goto out;
		}
	}
	qsort(keys, n, sizeof(*keys), compare_keys);
	for (size_t i = 1; i < n; i++) {
		if (keys[i].object == keys[i - 1].object &&
		    strcmp(keys[i].name, keys[i - 1].name) == 0 && (!dup || keys[i].at < dup->at))
			dup = &keys[i];
	}
	if (dup)
		rc = gmcsim_json_fail(js, -EINVAL, "",
				      "%s repeats the key '%s' at byte %zu; a key may appear once "
				      "in an object",
				      what, gmcsim_safe_text(dup->name, q, sizeof(q)),
				      base + dup->at + 1);
	else
		rc = gmcsim_json_fail(js, -EINVAL, "", "%s repeats a key", what);
out:
	for (size_t i = 0; keys && i < n; i++)
		free(keys[i].name);
	free(keys);
	/* json-c 0.16's json_tokener_free() does not take NULL */
	if (tok)
		json_tokener_free(tok);
	return rc;
}

int
gmcsim_json_parse(struct gmcsim_json *js, struct json_tokener *tok, const char *text, size_t len,
		  const char *what, struct json_object **out)
{
	struct json_tokener *own = NULL;
	struct json_object *root;
	enum json_tokener_error jerr;
	size_t end, n_keys, bom = 0;

	if (memchr(text, '\0', len))
		return gmcsim_json_fail(js, -EINVAL, "", "%s holds a NUL byte", what);
	/* a UTF-8 byte order mark may open a text: RFC 8259 section 8.1 lets a parser skip it */
	if (len >= sizeof(UTF8_BOM) - 1 && memcmp(text, UTF8_BOM, sizeof(UTF8_BOM) - 1) == 0) {
		bom = sizeof(UTF8_BOM) - 1;
		text += bom;
		len -= bom;
	}
	/* json-c takes an int length, and the NUL below */
	if (len >= INT_MAX)
		return gmcsim_json_fail(js, -E2BIG, "", "%s is longer than %d bytes", what,
					INT_MAX - 1);
	if (only_space(text))
		return gmcsim_json_fail(js, -EINVAL, "", "%s is blank: expected one JSON object",
					what);
	if (!tok) {
		tok = own = json_tokener_new_ex(GMCSIM_JSON_DEPTH_MAX);
		if (!tok)
			return gmcsim_json_fail(js, -ENOMEM, "",
						"out of memory for the JSON parser");
	}
	json_tokener_reset(tok);
	/* RFC 8259 only: no single quotes, no trailing commas, valid UTF-8 */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	/* the +1 hands json-c the NUL, so a bare number ends there */
	root = json_tokener_parse_ex(tok, text, (int)len + 1);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	/* json-c 0.16's json_tokener_free() does not take NULL */
	if (own)
		json_tokener_free(own);
	if (jerr != json_tokener_success) {
		json_object_put(root);
		return gmcsim_json_fail(js, -EINVAL, "", "not valid JSON: %s at byte %zu",
					json_tokener_error_desc(jerr), bom + end + 1);
	}
	if (end < len && !only_space(text + end)) {
		json_object_put(root);
		return gmcsim_json_fail(js, -EINVAL, "", "text after the JSON value at byte %zu",
					bom + end + 1);
	}
	/* every format is an object; a bare null parses to no object at all */
	if (!json_object_is_type(root, json_type_object)) {
		int rc = type_error(js, "", "a JSON object", root);

		json_object_put(root);
		return rc;
	}
	n_keys = scan_keys(text, len, NULL);
	if (n_keys != tree_keys(root)) {
		json_object_put(root);
		return report_duplicate(js, text, len, n_keys, what, bom);
	}
	*out = root;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Objects                                                              */
/* ------------------------------------------------------------------ */

/*
 * "a, b, c" of every key of @p parts into @p buf, cut with "..." where the
 * rest would not fit: the message must still end in its closing parenthesis.
 */
static void
key_list(const struct gmcsim_json_part *parts, size_t n_parts, char *buf, size_t len)
{
	static const char more[] = "...";
	size_t used = 0;

	buf[0] = '\0';
	for (size_t p = 0; p < n_parts; p++) {
		for (size_t i = 0; i < parts[p].keys->n; i++) {
			const char *sep = used ? ", " : "";
			const char *key = parts[p].keys->keys[i].key;
			bool last = p + 1 == n_parts && i + 1 == parts[p].keys->n;
			size_t need = strlen(sep) + strlen(key) +
				      (last ? 0 : strlen(", ") + strlen(more));

			if (used + need >= len) {
				snprintf(buf + used, len - used, "%s%s", sep, more);
				return;
			}
			used += (size_t)snprintf(buf + used, len - used, "%s%s", sep, key);
		}
	}
}

/* Room for what a caller may put in front of a message: most of a file name. */
#define CALLER_PREFIX_ROOM 48

static int
unknown_key(struct gmcsim_json *js, const char *path, const char *key,
	    const struct gmcsim_json_part *parts, size_t n_parts)
{
	char q[GMCSIM_SAFE_BUF], known[GMC_ERROR_MSG_MAX];
	size_t used;

	for (size_t p = 0; p < n_parts; p++) {
		if (parts[p].keys->hint)
			return gmcsim_json_fail(js, -EINVAL, path, "unknown key '%s' (%s)",
						gmcsim_safe_text(key, q, sizeof(q)),
						parts[p].keys->hint);
	}
	gmcsim_safe_text(key, q, sizeof(q));
	/*
	 * The list gets what the rest of the message leaves of GMC_ERROR_MSG_MAX,
	 * less room for a file name a caller puts in front ("FILE: ").
	 */
	used = strlen(js->where ? js->where : "") + strlen(path) + strlen(q) +
	       sizeof(": unknown key '' (known: )") + CALLER_PREFIX_ROOM;
	if (used >= sizeof(known))
		used = sizeof(known) - 1;
	key_list(parts, n_parts, known, sizeof(known) - used);
	return gmcsim_json_fail(js, -EINVAL, path, "unknown key '%s' (known: %s)", q, known);
}

/* Store @p v in the unsigned field of @p size bytes at @p field. */
static void
store_uint(void *field, size_t size, uint64_t v)
{
	switch (size) {
	case 1:
		*(uint8_t *)field = (uint8_t)v;
		break;
	case 2:
		*(uint16_t *)field = (uint16_t)v;
		break;
	case 4:
		*(uint32_t *)field = (uint32_t)v;
		break;
	default:
		*(uint64_t *)field = v;
		break;
	}
}

/* Read @p val as @p k says into @p target. */
static int
read_key(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *k,
	 struct json_object *val, void *target)
{
	void *field = (char *)target + k->offset;
	/* a field of n < 8 bytes holds at most 2^(8n) - 1 */
	uint64_t cap = k->size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * k->size)) - 1;
	uint64_t u;
	unsigned e;
	int rc;

	switch (k->kind) {
	case GMCSIM_JSON_KIND_BOOL:
		return gmcsim_json_bool(js, path, val, field);
	case GMCSIM_JSON_KIND_UINT:
		rc = gmcsim_json_u64(js, path, val, k->max < cap ? k->max : cap, &u);
		if (rc == 0)
			store_uint(field, k->size, u);
		return rc;
	case GMCSIM_JSON_KIND_INT:
		return gmcsim_json_i32(js, path, val, INT32_MIN, INT32_MAX, field);
	case GMCSIM_JSON_KIND_STRING:
		return gmcsim_json_string(js, path, val, (enum gmcsim_json_text)k->text, field,
					  k->size);
	case GMCSIM_JSON_KIND_ENUM:
		rc = gmcsim_json_enum(js, path, val, k->names, k->n_names, k->mask, &e);
		/* an enum is stored at its field's own size (int on every ABI gmcsim builds for) */
		if (rc == 0)
			store_uint(field, k->size, e);
		return rc;
	case GMCSIM_JSON_KIND_OBJECT:
		return gmcsim_json_walk(js, path, val, k->keys, field);
	case GMCSIM_JSON_KIND_RAW:
		*(struct json_object **)field = val;
		return 0;
	case GMCSIM_JSON_KIND_CUSTOM:
		return k->read(js, path, k, val, target);
	}
	return gmcsim_json_fail(js, -EINVAL, path, "internal error: kind %d", (int)k->kind);
}

int
gmcsim_json_walk_parts(struct gmcsim_json *js, const char *path, struct json_object *obj,
		       const struct gmcsim_json_part *parts, size_t n_parts)
{
	if (!json_object_is_type(obj, json_type_object))
		return type_error(js, path, "a JSON object", obj);

	json_object_object_foreach(obj, key, val)
	{
		const struct gmcsim_json_key *entry = NULL;
		char sub[GMCSIM_JSON_PATH_MAX];
		void *target = NULL;
		int rc;

		for (size_t p = 0; p < n_parts && !entry; p++) {
			for (size_t i = 0; i < parts[p].keys->n && !entry; i++) {
				if (strcmp(parts[p].keys->keys[i].key, key) == 0) {
					entry = &parts[p].keys->keys[i];
					target = parts[p].target;
				}
			}
		}
		if (!entry)
			return unknown_key(js, path, key, parts, n_parts);
		rc = read_key(js, gmcsim_json_path_key(sub, sizeof(sub), path, key), entry, val,
			      target);
		if (rc)
			return rc;
	}
	for (size_t p = 0; p < n_parts; p++) {
		for (size_t i = 0; i < parts[p].keys->n; i++) {
			const struct gmcsim_json_key *entry = &parts[p].keys->keys[i];

			if ((entry->flags & GMCSIM_JSON_REQUIRED) &&
			    !json_object_object_get_ex(obj, entry->key, NULL))
				return gmcsim_json_fail(js, -EINVAL, path, "missing key '%s'",
							entry->key);
		}
	}
	return 0;
}

int
gmcsim_json_walk(struct gmcsim_json *js, const char *path, struct json_object *obj,
		 const struct gmcsim_json_keys *keys, void *target)
{
	const struct gmcsim_json_part part = { keys, target };

	return gmcsim_json_walk_parts(js, path, obj, &part, 1);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                              */
/* ------------------------------------------------------------------ */

/* Why a value that is not an integer was refused. */
static int
not_an_integer(struct gmcsim_json *js, const char *path, struct json_object *val)
{
	char q[GMCSIM_SAFE_BUF];

	if (json_object_get_type(val) == json_type_double)
		return gmcsim_json_fail(
			js, -EINVAL, path, "%s is not an integer",
			gmcsim_safe_text(json_object_to_json_string(val), q, sizeof(q)));
	return type_error(js, path, "an integer (a JSON number, or a decimal or \"0x\" hex string)",
			  val);
}

/*
 * The number a JSON string holds ("4096", "0x1000"), read by gmcsim_parse_i64()
 * into @p i when @p i is given, else by gmcsim_parse_u64() into @p u.
 */
static int
string_number(struct gmcsim_json *js, const char *path, struct json_object *val, int64_t min,
	      uint64_t max, uint64_t *u, int64_t *i)
{
	char why[GMCSIM_WHY_MAX];
	const char *s;
	int rc = gmcsim_json_string_ref(js, path, val, &s);

	if (rc)
		return rc;
	rc = i ? gmcsim_parse_i64(s, min, (int64_t)max, i, why, sizeof(why))
	       : gmcsim_parse_u64(s, 0, max, u, why, sizeof(why));
	return rc ? gmcsim_json_fail(js, rc, path, "%s", why) : 0;
}

int
gmcsim_json_u64(struct gmcsim_json *js, const char *path, struct json_object *val, uint64_t max,
		uint64_t *out)
{
	uint64_t v;

	switch (json_object_get_type(val)) {
	case json_type_int:
		if (json_object_get_int64(val) < 0)
			return gmcsim_json_fail(js, -ERANGE, path,
						"%" PRId64 " is negative; the value is unsigned",
						json_object_get_int64(val));
		v = json_object_get_uint64(val);
		if (v == UINT64_MAX && max == UINT64_MAX)
			return gmcsim_json_fail(
				js, -ERANGE, path,
				"JSON numbers from 2^64 - 1 up are out of range here (json-c "
				"cannot tell them apart); give the value as a \"0x\" string");
		if (v > max)
			return gmcsim_json_fail(js, -ERANGE, path,
						"%s is above the limit %" PRIu64 " (0x%" PRIx64 ")",
						json_object_to_json_string(val), max, max);
		*out = v;
		return 0;
	case json_type_string:
		return string_number(js, path, val, 0, max, out, NULL);
	default:
		return not_an_integer(js, path, val);
	}
}

int
gmcsim_json_u32(struct gmcsim_json *js, const char *path, struct json_object *val, uint32_t max,
		uint32_t *out)
{
	uint64_t v;
	int rc = gmcsim_json_u64(js, path, val, max, &v);

	if (rc == 0)
		*out = (uint32_t)v;
	return rc;
}

int
gmcsim_json_i32(struct gmcsim_json *js, const char *path, struct json_object *val, int32_t min,
		int32_t max, int32_t *out)
{
	int64_t v;
	int rc;

	switch (json_object_get_type(val)) {
	case json_type_int:
		/* json-c clamps what does not fit an int64 to its ends: far outside any int32 */
		v = json_object_get_int64(val);
		if (v < min || v > max)
			return gmcsim_json_fail(js, -ERANGE, path,
						"%s is outside [%" PRId32 ", %" PRId32 "]",
						json_object_to_json_string(val), min, max);
		*out = (int32_t)v;
		return 0;
	case json_type_string:
		rc = string_number(js, path, val, min, (uint64_t)max, NULL, &v);
		if (rc == 0)
			*out = (int32_t)v;
		return rc;
	default:
		return not_an_integer(js, path, val);
	}
}

/* ------------------------------------------------------------------ */
/* Booleans, strings, names, arrays                                     */
/* ------------------------------------------------------------------ */

int
gmcsim_json_bool(struct gmcsim_json *js, const char *path, struct json_object *val, bool *out)
{
	if (!json_object_is_type(val, json_type_boolean))
		return type_error(js, path, "true or false", val);
	*out = json_object_get_boolean(val);
	return 0;
}

int
gmcsim_json_string_ref(struct gmcsim_json *js, const char *path, struct json_object *val,
		       const char **out)
{
	const char *s;

	if (!json_object_is_type(val, json_type_string))
		return type_error(js, path, "a string", val);
	s = json_object_get_string(val);
	if (!s || strlen(s) != (size_t)json_object_get_string_len(val))
		return gmcsim_json_fail(js, -EINVAL, path, "the string holds a NUL character");
	*out = s;
	return 0;
}

/* The first byte of @p s that @p kind refuses, or -1. */
static long
bad_byte(const char *s, enum gmcsim_json_text kind)
{
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok;

		switch (kind) {
		case GMCSIM_JSON_NAME:
			ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
			break;
		case GMCSIM_JSON_PRINTABLE:
			ok = c >= 0x20 && c < 0x7f;
			break;
		case GMCSIM_JSON_TEXT:
		default:
			ok = c >= 0x20 && c != 0x7f;
			break;
		}
		if (!ok)
			return (long)i;
	}
	return -1;
}

int
gmcsim_json_string(struct gmcsim_json *js, const char *path, struct json_object *val,
		   enum gmcsim_json_text kind, char *out, size_t size)
{
	char q[GMCSIM_SAFE_BUF];
	const char *s;
	size_t len;
	long bad;
	int rc = gmcsim_json_string_ref(js, path, val, &s);

	if (rc)
		return rc;
	len = strlen(s);
	if (len == 0 && kind == GMCSIM_JSON_NAME)
		return gmcsim_json_fail(js, -EINVAL, path, "must not be empty");
	if (len >= size)
		return gmcsim_json_fail(js, -EINVAL, path, "longer than %zu bytes", size - 1);
	bad = bad_byte(s, kind);
	if (bad >= 0) {
		gmcsim_safe_text(s, q, sizeof(q));
		if (kind == GMCSIM_JSON_NAME)
			return gmcsim_json_fail(
				js, -EINVAL, path,
				"'%s' may hold only letters, digits, '_', '-' and '.'", q);
		return gmcsim_json_fail(js, -EINVAL, path, "byte %ld of '%s' is 0x%02x, %s",
					bad + 1, q, (unsigned char)s[bad],
					kind == GMCSIM_JSON_PRINTABLE ? "not printable ASCII"
								      : "a control character");
	}
	memcpy(out, s, len + 1);
	return 0;
}

/* Append @p s to the NUL-terminated @p buf of @p len bytes if it fits whole. */
static bool
append(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf), n = strlen(s);

	if (used + n >= len)
		return false;
	memcpy(buf + used, s, n + 1);
	return true;
}

/* "a, b or c": the names of @p names selected by @p mask, for messages. */
static const char *
name_list(const char *const *names, size_t n, unsigned mask, char *buf, size_t len)
{
	size_t left = 0;

	for (size_t i = 0; i < n; i++)
		left += names[i] && ((mask >> i) & 1u);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!names[i] || !((mask >> i) & 1u))
			continue;
		left--;
		if (buf[0])
			append(buf, len, left == 0 ? " or " : ", ");
		append(buf, len, names[i]);
	}
	return buf;
}

int
gmcsim_json_enum(struct gmcsim_json *js, const char *path, struct json_object *val,
		 const char *const *names, size_t n, unsigned mask, unsigned *out)
{
	char list[GMC_ERROR_MSG_MAX], q[GMCSIM_SAFE_BUF];
	const char *s;
	int rc = gmcsim_json_string_ref(js, path, val, &s);

	if (rc)
		return rc;
	for (size_t i = 0; i < n && i < 32; i++) {
		if (names[i] && ((mask >> i) & 1u) && strcmp(names[i], s) == 0) {
			*out = (unsigned)i;
			return 0;
		}
	}
	return gmcsim_json_fail(js, -EINVAL, path, "'%s' is not one of %s",
				gmcsim_safe_text(s, q, sizeof(q)),
				name_list(names, n < 32 ? n : 32, mask, list, sizeof(list)));
}

int
gmcsim_json_each(struct gmcsim_json *js, const char *path, struct json_object *val,
		 const char *what, size_t max, gmcsim_json_elem_fn read, void *ctx)
{
	char want[GMCSIM_WHY_MAX];
	size_t n;

	if (!json_object_is_type(val, json_type_array)) {
		snprintf(want, sizeof(want), "an array of %s", what);
		return type_error(js, path, want, val);
	}
	n = json_object_array_length(val);
	if (n > max)
		return gmcsim_json_fail(js, -EINVAL, path, "%zu %s; at most %zu", n, what, max);
	for (size_t i = 0; i < n; i++) {
		char sub[GMCSIM_JSON_PATH_MAX];
		int rc = read(js, gmcsim_json_path_index(sub, sizeof(sub), path, i), i,
			      json_object_array_get_idx(val, i), ctx);

		if (rc)
			return rc;
	}
	return 0;
}
