/* SPDX-License-Identifier: MIT */
/*
 * Small helpers the gmcsim subcommands share: strict number parsing for
 * flags and JSON values, readable sizes, and json-c conveniences for writing
 * JSON (util-json-write.c; reading JSON is util-json-read.h's).
 */
#ifndef GMCSIM_UTIL_H
#define GMCSIM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gmc/gmc-common.h>
#include <json-c/json.h>

/** Length of the reason buffer the parsers fill. */
#define GMCSIM_WHY_MAX 160

/** Flags of gmcsim_parse_u64(). */
enum gmcsim_num_flags {
	GMCSIM_NUM_SUFFIX = 1u << 0, /**< accept a K, M or G suffix (KiB, MiB, GiB) */
};

/**
 * Parse an unsigned integer: decimal ("4096") or hex with a 0x prefix
 * ("0x1000"), nothing else around it (no sign, no spaces). With
 * GMCSIM_NUM_SUFFIX a trailing K, M or G (either case) multiplies by 2^10,
 * 2^20 or 2^30.
 *
 * @param text  the text; NULL counts as empty
 * @param flags enum gmcsim_num_flags
 * @param max   the largest value accepted
 * @param[out] out the value; untouched on failure
 * @param why   receives a reason on failure (may be NULL)
 * @retval 0 parsed
 * @retval -EINVAL not a number (empty, junk, a fraction)
 * @retval -ERANGE negative, above @p max or above 2^64 - 1
 */
int gmcsim_parse_u64(const char *text, unsigned flags, uint64_t max, uint64_t *out, char *why,
		     size_t whylen);

/**
 * Parse a signed integer: an optional '-' then decimal or 0x-hex digits.
 *
 * @retval 0 parsed, @p out set
 * @retval -EINVAL not a number
 * @retval -ERANGE outside [@p min, @p max]
 */
int gmcsim_parse_i64(const char *text, int64_t min, int64_t max, int64_t *out, char *why,
		     size_t whylen);

/** Longest piece of user text a message quotes, and a buffer for it. */
#define GMCSIM_SAFE_TEXT_MAX 40
#define GMCSIM_SAFE_BUF (GMCSIM_SAFE_TEXT_MAX + 1)

/**
 * Copy at most GMCSIM_SAFE_TEXT_MAX characters of @p text into @p buf for quoting it in a
 * message: bytes outside printable ASCII become '?', so a message stays
 * valid UTF-8 and one line whatever the input held; a cut text ends in "...".
 *
 * @return @p buf
 */
const char *gmcsim_safe_text(const char *text, char *buf, size_t len);

/**
 * Copy @p text into @p buf for a terminal: printable ASCII and UTF-8 stay as
 * they are; control characters (C0, DEL and C1), the bidirectional controls
 * that reorder a line (U+061C, U+200E-F, U+202A-E, U+2066-9) and bytes that
 * are not UTF-8 become "\xNN" per byte. Where the result does not fit,
 * it ends in "..." (never inside a character or an escape).
 *
 * gmcsim_safe_text() quotes a short piece in a message ('?' for anything
 * else, cut at 40 characters); this one takes a whole message or a printed
 * value, so a line of output never carries what the input hid in it.
 *
 * @param text the text; NULL counts as empty
 * @param buf  receives the copy, NUL-terminated
 * @param len  the size of @p buf; 4 bytes per input byte always suffice
 * @return @p buf
 */
const char *gmcsim_term_text(const char *text, char *buf, size_t len);

/** A buffer that holds any struct gmc_error message after gmcsim_term_text(). */
#define GMCSIM_TERM_MSG_BUF (4 * GMC_ERROR_MSG_MAX + 1)

/**
 * Format @p bytes in the largest binary unit that divides it exactly
 * ("32752 MiB", "32 GiB", "4097 B").
 *
 * @return @p buf
 */
const char *gmcsim_size_str(uint64_t bytes, char *buf, size_t len);

/**
 * Add @p val to @p obj under @p key, taking ownership of @p val even on
 * failure.
 *
 * @retval 0 added
 * @retval -ENOMEM @p obj or @p val is NULL (an allocation failed) or the add failed
 */
int gmcsim_json_add(struct json_object *obj, const char *key, struct json_object *val);

/** Append @p val to the array @p arr, taking ownership of @p val; -ENOMEM on failure. */
int gmcsim_json_append(struct json_object *arr, struct json_object *val);

/** A new JSON string "0x…" (lowercase, no padding, "0x0" for zero); NULL on ENOMEM. */
struct json_object *gmcsim_json_hex(uint64_t value);

/**
 * Print @p obj and a newline to @p out.
 *
 * @param pretty indent for people; otherwise one line
 * @retval 0 written
 * @retval -EIO the stream reported an error
 * @retval -ENOMEM json-c could not build the text
 */
int gmcsim_json_print(FILE *out, struct json_object *obj, bool pretty);

/** The first getopt_long() code of a long-only option; shorter codes are characters. */
#define GMCSIM_LONG_OPTION 0x100

/**
 * Report on stderr what getopt_long() refused, as one line
 * "gmcsim CMD: EINVAL: unknown option '--x' (see 'gmcsim CMD --help')".
 *
 * @param cmd  the subcommand's name
 * @param c    what getopt_long() returned: '?' (unknown) or ':' (value missing);
 *             the option string must start with "+:" or ":", and long-only
 *             options must use codes from GMCSIM_LONG_OPTION up
 * @param argv the vector getopt_long() parsed
 */
void gmcsim_option_error(const char *cmd, int c, char **argv);

struct option;

/**
 * Refuse a second use of an option that takes a value: "last one wins" would
 * hide a typo or a conflict. Options without a value may repeat. Reports on
 * stderr "gmcsim CMD: EINVAL: --NAME given twice; give it once".
 *
 * @param cmd     the subcommand's name
 * @param options the getopt_long() table
 * @param c       what getopt_long() returned; codes below GMCSIM_LONG_OPTION
 *                (short options, '?', ':') and above it + 63 are not tracked
 * @param seen    the options seen so far, a bit per code from GMCSIM_LONG_OPTION;
 *                start at 0
 * @retval 0 the first use (now recorded), or an option that may repeat
 * @retval -EINVAL the second use of an option that takes a value (reported)
 */
int gmcsim_option_once(const char *cmd, const struct option *options, int c, uint64_t *seen);

/** Whether gmcsim_option_once() recorded the option with code @p c in @p seen. */
static inline bool
gmcsim_option_seen(uint64_t seen, int c)
{
	return c >= GMCSIM_LONG_OPTION && c - GMCSIM_LONG_OPTION < 64 &&
	       ((seen >> (c - GMCSIM_LONG_OPTION)) & 1u);
}

/**
 * Read the whole file @p path ("-" for stdin) into a NUL-terminated buffer
 * the caller frees. Refuses files over 16 MiB and files holding NUL bytes.
 *
 * @retval 0 read
 * @retval -EISDIR @p path is a directory
 * @retval -EFBIG  more than 16 MiB
 * @retval -EINVAL a NUL byte
 * @retval <0 else the errno of the failed open or read; @p why says which file and why
 */
int gmcsim_read_file(const char *path, char **out, char *why, size_t whylen);

struct gmc_error;

/**
 * Write @p len bytes of @p data to the file @p path through a temporary file
 * next to it (created exclusively, synced) renamed into place, so a failure
 * leaves whatever was there untouched and a reader never sees half a file
 * (util-write.c). Only a regular file is ever replaced: a directory, a
 * symbolic link (not written through) or a FIFO, socket or device node at
 * @p path is refused before anything is written, and looked at again just
 * before the rename. A replaced file keeps its permission bits; a new one is
 * 0644. The directory must be writable.
 *
 * @retval 0 written
 * @retval -EINVAL no path, or NULL @p data with a length
 * @retval -EISDIR @p path is a directory
 * @retval -ELOOP  @p path is a symbolic link
 * @retval -EEXIST @p path is something else that is not a regular file
 * @retval <0 the errno of the call that failed (mkstemp, write, fsync, rename)
 */
int gmcsim_write_file(const char *path, const void *data, size_t len, struct gmc_error *err);

struct gmc_error;

/**
 * Store @p code and a formatted reason in @p err (when not NULL).
 *
 * @return @p code, so a caller can `return gmcsim_fail(err, -EINVAL, …)`
 */
int gmcsim_fail(struct gmc_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Like gmcsim_fail(), for the parsers that report into a plain @p why buffer. */
int gmcsim_fail_why(int code, char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* GMCSIM_UTIL_H */
