/* SPDX-License-Identifier: MIT */
/* Strict number parsing for flags and JSON strings, and readable sizes. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util.h"

const char *
gmcsim_safe_text(const char *text, char *buf, size_t len)
{
	size_t limit, n;

	if (len == 0)
		return buf;
	if (!text)
		text = "";
	limit = len - 1 < GMCSIM_SAFE_TEXT_MAX ? len - 1 : GMCSIM_SAFE_TEXT_MAX;
	for (n = 0; text[n] && n < limit; n++) {
		unsigned char c = (unsigned char)text[n];

		buf[n] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[n] = '\0';
	/* the text goes on: mark the cut on the last three characters */
	if (text[n] && n >= 3)
		memcpy(buf + n - 3, "...", 4);
	return buf;
}

static int
digit_value(char c, unsigned base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return (unsigned)v < base ? v : -1;
}

/* The binary shift of a K/M/G suffix, or -1. */
static int
suffix_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	default:
		return -1;
	}
}

/*
 * The magnitude after an optional sign: digits, then a suffix if allowed.
 * Sets *overflow instead of failing so that junk after a long number is
 * still reported as junk.
 */
static bool
parse_magnitude(const char *p, unsigned flags, uint64_t *out, bool *overflow)
{
	unsigned base = 10;
	uint64_t v = 0;
	int d, shift;

	*overflow = false;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (digit_value(*p, base) < 0)
		return false;
	for (; (d = digit_value(*p, base)) >= 0; p++) {
		if (v > (UINT64_MAX - (unsigned)d) / base)
			*overflow = true;
		v = v * base + (unsigned)d;
	}
	if ((flags & GMCSIM_NUM_SUFFIX) && (shift = suffix_shift(*p)) >= 0) {
		if (v > (UINT64_MAX >> shift))
			*overflow = true;
		v <<= shift;
		p++;
	}
	if (*p != '\0')
		return false;
	*out = v;
	return true;
}

static const char *
syntax_hint(unsigned flags)
{
	return (flags & GMCSIM_NUM_SUFFIX) ? "decimal or 0x hex, optionally with a K, M or G suffix"
					   : "decimal or 0x hex";
}

int
gmcsim_parse_u64(const char *text, unsigned flags, uint64_t max, uint64_t *out, char *why,
		 size_t whylen)
{
	char q[GMCSIM_SAFE_BUF];
	bool negative, overflow;
	uint64_t v;

	if (!text || !*text)
		return gmcsim_fail_why(-EINVAL, why, whylen, "empty value, expected a number (%s)",
				       syntax_hint(flags));
	negative = text[0] == '-';
	if (!parse_magnitude(text + negative, flags, &v, &overflow))
		return gmcsim_fail_why(-EINVAL, why, whylen, "'%s' is not an integer (%s)",
				       gmcsim_safe_text(text, q, sizeof(q)), syntax_hint(flags));
	if (negative)
		return gmcsim_fail_why(-ERANGE, why, whylen,
				       "'%s' is negative; the value is unsigned",
				       gmcsim_safe_text(text, q, sizeof(q)));
	if (overflow || v > max)
		return gmcsim_fail_why(-ERANGE, why, whylen,
				       "'%s' is above the limit %" PRIu64 " (0x%" PRIx64 ")",
				       gmcsim_safe_text(text, q, sizeof(q)), max, max);
	*out = v;
	return 0;
}

int
gmcsim_parse_i64(const char *text, int64_t min, int64_t max, int64_t *out, char *why, size_t whylen)
{
	char q[GMCSIM_SAFE_BUF];
	bool negative, overflow;
	uint64_t mag;
	int64_t v;

	if (!text || !*text)
		return gmcsim_fail_why(-EINVAL, why, whylen, "empty value, expected a number (%s)",
				       syntax_hint(0));
	negative = text[0] == '-';
	if (!parse_magnitude(text + negative, 0, &mag, &overflow))
		return gmcsim_fail_why(-EINVAL, why, whylen, "'%s' is not an integer (%s)",
				       gmcsim_safe_text(text, q, sizeof(q)), syntax_hint(0));
	/* INT64_MIN's magnitude is INT64_MAX + 1 */
	if (overflow || mag > (uint64_t)INT64_MAX + negative)
		goto range;
	if (negative)
		v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	else
		v = (int64_t)mag;
	if (v < min || v > max)
		goto range;
	*out = v;
	return 0;
range:
	return gmcsim_fail_why(-ERANGE, why, whylen, "'%s' is outside [%" PRId64 ", %" PRId64 "]",
			       gmcsim_safe_text(text, q, sizeof(q)), min, max);
}

const char *
gmcsim_size_str(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned u = 0;

	while (bytes != 0 && u + 1 < sizeof(units) / sizeof(units[0]) &&
	       (bytes & ((UINT64_C(1) << 10) - 1)) == 0) {
		bytes >>= 10;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 " %s", bytes, units[u]);
	return buf;
}
