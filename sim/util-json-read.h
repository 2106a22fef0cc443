/* SPDX-License-Identifier: MIT */
/*
 * The one reader of gmcsim's JSON formats (profiles, block files, layout
 * batch lines, scenarios) over json-c: a strict parse of the text, a walk
 * over each object with a table of its keys, and typed getters that name
 * the value's path ("pci.bars[0].size") in every message.
 *
 * Every reader returns the same negative errno for the same fault:
 *
 *   -EINVAL  not JSON (syntax, invalid UTF-8, nested too deep, a NUL byte,
 *            blank), a key twice in one object, not an object, a wrong type, an unknown or missing
 * key, a value that is not allowed (a name, a string, a combination) -ERANGE  a number outside the
 * range of its field, or negative where the field is unsigned -ENOMEM  an allocation failed -E2BIG
 * a text longer than json-c can take (INT_MAX - 1 bytes)
 */
#ifndef GMCSIM_UTIL_JSON_READ_H
#define GMCSIM_UTIL_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

struct gmc_error;

/** Deepest nesting a document may have (json-c's default; a profile is four deep). */
#define GMCSIM_JSON_DEPTH_MAX 32

/** Room for the longest path a message names, e.g. "pci.bars[5].prefetchable". */
#define GMCSIM_JSON_PATH_MAX 96

/** One reading: where its failures go and what every message starts with. */
struct gmcsim_json {
	struct gmc_error *err; /**< receives the failure; may be NULL */
	const char *where;     /**< put before every message ("sites[3] 'tmr': "); may be NULL */
};

struct gmcsim_json_key;
struct gmcsim_json_keys;

/**
 * Read the value of a GMCSIM_JSON_CUSTOM key.
 *
 * @param path   the value's path, for messages ("params.agp")
 * @param key    the table entry
 * @param target the struct the table fills (struct gmcsim_json_part)
 * @retval 0 read
 * @retval <0 a negative errno, with the failure reported through @p js
 */
typedef int (*gmcsim_json_read_fn)(struct gmcsim_json *js, const char *path,
				   const struct gmcsim_json_key *key, struct json_object *val,
				   void *target);

/** How the walker reads a key's value into its field of the target. */
enum gmcsim_json_kind {
	GMCSIM_JSON_KIND_BOOL,	 /**< a bool: true or false */
	GMCSIM_JSON_KIND_UINT,	 /**< an unsigned field of 1, 2, 4 or 8 bytes, at most @c max */
	GMCSIM_JSON_KIND_INT,	 /**< an int32_t: any int32 */
	GMCSIM_JSON_KIND_STRING, /**< a char array of @c text kind */
	GMCSIM_JSON_KIND_ENUM,	 /**< an enum: one of @c names allowed by @c mask, as its index */
	GMCSIM_JSON_KIND_OBJECT, /**< a nested object read with @c keys into the field */
	GMCSIM_JSON_KIND_RAW,	 /**< a struct json_object *, borrowed from the document */
	GMCSIM_JSON_KIND_CUSTOM, /**< @c read does it, given the whole target */
};

/** A key must be given. */
#define GMCSIM_JSON_REQUIRED 1u

/** One key of an object: what it is and where its value goes. Use the macros below. */
struct gmcsim_json_key {
	const char *key;		     /**< as the format spells it */
	enum gmcsim_json_kind kind;	     /**< how its value is read */
	size_t offset;			     /**< the field in the target */
	size_t size;			     /**< the field's size */
	uint64_t max;			     /**< UINT: the largest value */
	unsigned text;			     /**< STRING: enum gmcsim_json_text */
	const char *const *names;	     /**< ENUM: names by the enum's values, NULL for none */
	unsigned n_names;		     /**< ENUM: entries of @c names, at most 32 */
	unsigned mask;			     /**< ENUM: the values allowed, bit by value */
	const struct gmcsim_json_keys *keys; /**< OBJECT: the nested object's keys */
	gmcsim_json_read_fn read;	     /**< CUSTOM: the reader */
	unsigned flags;			     /**< GMCSIM_JSON_REQUIRED */
};

/** The field @p member of @p type, for a table entry. */
#define GMCSIM_JSON_FIELD(type, member) \
	.offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/*
 * Table entries, one macro per kind: the key as the format spells it, the
 * field it fills (the target's type and member), what the kind needs, and
 * the flags (GMCSIM_JSON_REQUIRED or 0).
 */
#define GMCSIM_JSON_ENTRY(name, k, type, member, ...)                                    \
	{                                                                                \
		.key = (name), .kind = (k), GMCSIM_JSON_FIELD(type, member), __VA_ARGS__ \
	}
#define GMCSIM_JSON_BOOL(name, type, member, fl) \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_BOOL, type, member, .flags = (fl))
#define GMCSIM_JSON_UINT(name, type, member, maximum, fl)                              \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_UINT, type, member, .max = (maximum), \
			  .flags = (fl))
#define GMCSIM_JSON_INT(name, type, member, fl) \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_INT, type, member, .flags = (fl))
#define GMCSIM_JSON_STRING(name, type, member, kind_of_text, fl)                               \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_STRING, type, member, .text = (kind_of_text), \
			  .flags = (fl))
#define GMCSIM_JSON_ENUM(name, type, member, table, count, allowed, fl)                \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_ENUM, type, member, .names = (table), \
			  .n_names = (count), .mask = (allowed), .flags = (fl))
#define GMCSIM_JSON_OBJECT(name, type, member, subkeys, fl)                               \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_OBJECT, type, member, .keys = (subkeys), \
			  .flags = (fl))
#define GMCSIM_JSON_RAW(name, type, member) \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_RAW, type, member, .flags = 0)
/* A custom key with a field of its own, which the reader finds with gmcsim_json_field(). */
#define GMCSIM_JSON_CUSTOM_FIELD(name, type, member, reader, fl)                         \
	GMCSIM_JSON_ENTRY(name, GMCSIM_JSON_KIND_CUSTOM, type, member, .read = (reader), \
			  .flags = (fl))
#define GMCSIM_JSON_CUSTOM(name, reader, fl)                                                    \
	{                                                                                       \
		.key = (name), .kind = GMCSIM_JSON_KIND_CUSTOM, .read = (reader), .flags = (fl) \
	}

/** The field @p key names in @p target (GMCSIM_JSON_CUSTOM_FIELD). */
static inline void *
gmcsim_json_field(const struct gmcsim_json_key *key, void *target)
{
	return (char *)target + key->offset;
}

/** The keys of an object, or of a part of it. */
struct gmcsim_json_keys {
	const struct gmcsim_json_key *keys;
	size_t n;
	/** Said instead of the list of keys when a key is unknown ("see --help"); NULL = list them.
	 */
	const char *hint;
};

/** A struct gmcsim_json_keys of a whole array of keys, listed on an unknown key. */
#define GMCSIM_JSON_KEYS(table)                                   \
	{                                                         \
		(table), sizeof(table) / sizeof((table)[0]), NULL \
	}

/** One part of an object's vocabulary: a key table and the struct its readers fill. */
struct gmcsim_json_part {
	const struct gmcsim_json_keys *keys;
	void *target;
};

/**
 * Parse @p text as exactly one JSON object: strict RFC 8259 (json-c's strict
 * mode: no comments, single quotes or trailing commas), valid UTF-8, nested at
 * most GMCSIM_JSON_DEPTH_MAX deep, nothing but whitespace after it, no NUL
 * byte, and no object with a key twice (json-c would keep the last value
 * silently; the message names the key and where its repeat starts). A UTF-8
 * byte order mark at the start is skipped (RFC 8259 section 8.1); byte
 * offsets in messages count it.
 *
 * @param tok  a tokener to reuse (reset and set strict here; make it with
 *             json_tokener_new(), whose depth is GMCSIM_JSON_DEPTH_MAX), or
 *             NULL for one of its own
 * @param len  the length of @p text, which must be NUL-terminated at @p len
 * @param what the text in messages: "the profile", "the line"
 * @param[out] out the object; the caller puts it. Untouched on failure.
 * @retval 0 parsed
 * @retval -EINVAL not one JSON value, blank, a NUL byte, a value that is not an
 *         object, or a repeated key
 * @retval -E2BIG  longer than json-c can take
 * @retval -ENOMEM out of memory
 */
int gmcsim_json_parse(struct gmcsim_json *js, struct json_tokener *tok, const char *text,
		      size_t len, const char *what, struct json_object **out);

/**
 * Read every key of the object @p obj as its table entry says, then check
 * that every required key was there. An unknown key is an error that
 * names @p path and the known keys (or the table's hint).
 *
 * @param path the object's path ("" for the top level)
 * @retval 0 read
 * @retval <0 the first failure: -EINVAL for @p obj not an object, an unknown
 *         or missing key, else what a key's reader returned
 */
int gmcsim_json_walk(struct gmcsim_json *js, const char *path, struct json_object *obj,
		     const struct gmcsim_json_keys *keys, void *target);

/**
 * gmcsim_json_walk() for an object whose keys come from several tables, each
 * filling its own struct (a profile's part, device and own keys). A key is
 * looked up in @p parts in order; the first hint among them is used.
 */
int gmcsim_json_walk_parts(struct gmcsim_json *js, const char *path, struct json_object *obj,
			   const struct gmcsim_json_part *parts, size_t n_parts);

/** "@p parent.@p key" (or @p key at the top) into @p buf; @return @p buf. */
const char *gmcsim_json_path_key(char *buf, size_t len, const char *parent, const char *key);

/** "@p parent[@p index]" into @p buf; @return @p buf. */
const char *gmcsim_json_path_index(char *buf, size_t len, const char *parent, size_t index);

/**
 * Report a failure at @p path: "<where><path>: <message>", or
 * "<where><message>" when @p path is empty.
 *
 * @return @p code, so a reader can `return gmcsim_json_fail(js, -EINVAL, …)`
 */
int gmcsim_json_fail(struct gmcsim_json *js, int code, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/**
 * An unsigned integer: a JSON integer, or a string in the syntax of
 * gmcsim_parse_u64() without a suffix ("4096", "0x1000"). Floats, booleans,
 * null, objects and arrays are -EINVAL.
 *
 * json-c stores integers above 2^64 - 1 as 2^64 - 1 without telling, so a
 * JSON number equal to 2^64 - 1 is refused when @p max is 2^64 - 1; a string
 * holds that value.
 *
 * @retval 0 read, @p out set
 * @retval -EINVAL wrong type or not a number
 * @retval -ERANGE negative or above @p max
 */
int gmcsim_json_u64(struct gmcsim_json *js, const char *path, struct json_object *val, uint64_t max,
		    uint64_t *out);

/** gmcsim_json_u64() into a 32-bit field. */
int gmcsim_json_u32(struct gmcsim_json *js, const char *path, struct json_object *val, uint32_t max,
		    uint32_t *out);

/** A signed integer in [@p min, @p max]: a JSON integer, or a string "-12", "0x10". */
int gmcsim_json_i32(struct gmcsim_json *js, const char *path, struct json_object *val, int32_t min,
		    int32_t max, int32_t *out);

/** true or false, nothing else (-EINVAL). */
int gmcsim_json_bool(struct gmcsim_json *js, const char *path, struct json_object *val, bool *out);

/** Which bytes a string may hold. */
enum gmcsim_json_text {
	GMCSIM_JSON_NAME,      /**< 1 or more of letters, digits, '.', '_', '-': a name */
	GMCSIM_JSON_PRINTABLE, /**< printable ASCII, maybe empty: a sysfs value */
	GMCSIM_JSON_TEXT,      /**< anything but control characters (UTF-8 passes), maybe empty */
};

/**
 * A string of at most @p size - 1 bytes of kind @p kind, copied into @p out.
 *
 * @retval 0 copied
 * @retval -EINVAL not a string, a NUL inside, too long, or a byte @p kind refuses
 */
int gmcsim_json_string(struct gmcsim_json *js, const char *path, struct json_object *val,
		       enum gmcsim_json_text kind, char *out, size_t size);

/**
 * The text of a JSON string, for a lookup: json-c keeps it as long as @p val.
 *
 * @retval 0 @p out points at it
 * @retval -EINVAL not a string, or a NUL inside
 */
int gmcsim_json_string_ref(struct gmcsim_json *js, const char *path, struct json_object *val,
			   const char **out);

/**
 * One of @p names (indexed by an enum's values; NULL entries are no name),
 * restricted to the indexes whose bit is set in @p mask. The message on a
 * bad name lists the allowed ones.
 *
 * @param n at most 32
 * @param[out] out the index
 * @retval 0 found
 * @retval -EINVAL not a string, or not an allowed name
 */
int gmcsim_json_enum(struct gmcsim_json *js, const char *path, struct json_object *val,
		     const char *const *names, size_t n, unsigned mask, unsigned *out);

/** Every index of a gmcsim_json_enum() table. */
#define GMCSIM_JSON_ANY_NAME (~0u)

/**
 * Read element @p index of an array, whose path is @p path ("pci.bars[2]").
 *
 * @param ctx what gmcsim_json_each() was given
 * @retval 0 read
 * @retval <0 a negative errno, with the failure reported through @p js
 */
typedef int (*gmcsim_json_elem_fn)(struct gmcsim_json *js, const char *path, size_t index,
				   struct json_object *val, void *ctx);

/**
 * Read every element of the array @p val with @p read, in order.
 *
 * @param what its elements, for messages ("BARs": "expected an array of BARs")
 * @param max  the most elements it may hold
 * @retval 0 read
 * @retval -EINVAL not an array, or more than @p max elements
 * @retval <0 else what @p read returned first
 */
int gmcsim_json_each(struct gmcsim_json *js, const char *path, struct json_object *val,
		     const char *what, size_t max, gmcsim_json_elem_fn read, void *ctx);

#endif /* GMCSIM_UTIL_JSON_READ_H */
