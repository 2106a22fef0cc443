/* SPDX-License-Identifier: MIT */
/*
 * Text from input files, flags and devices on its way to a terminal: every
 * byte that could move the cursor, change colours, reorder the line or is
 * not UTF-8 at all is shown as \xNN instead.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* The most a character becomes: four bytes as "\\xNN", and a NUL. */
#define PIECE_MAX 17

/* The length of the valid UTF-8 sequence at @p s and its code point, or 0. */
static size_t
utf8_sequence(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 */
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/*
 * Code points a terminal acts on: the C1 controls (U+009B is CSI on some
 * terminals) and the bidirectional controls that reorder what a line shows
 * (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069).
 */
static bool
acts_on_terminal(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The next character of @p s as it is shown: the bytes in @p piece (of
 * PIECE_MAX), their count returned, and how many bytes of @p s it takes in @p take.
 */
static size_t
next_piece(const unsigned char *s, char *piece, size_t *take)
{
	uint32_t cp = 0;
	size_t n = 0;

	if (*s >= 0x20 && *s < 0x7f) {
		piece[0] = (char)*s;
		*take = 1;
		return 1;
	}
	*take = utf8_sequence(s, &cp);
	if (*take && !acts_on_terminal(cp)) {
		memcpy(piece, s, *take);
		return *take;
	}
	/* a control character, a byte that is not UTF-8, or a whole sequence a terminal acts on */
	if (!*take)
		*take = 1;
	for (size_t i = 0; i < *take; i++)
		n += (size_t)snprintf(piece + n, PIECE_MAX - n, "\\x%02x", s[i]);
	return n;
}

const char *
gmcsim_term_text(const char *text, char *buf, size_t len)
{
	static const char cut[] = "...";
	const unsigned char *start = (const unsigned char *)(text ? text : ""), *s;
	size_t used = 0, total = 0, take;
	char piece[PIECE_MAX];

	if (len == 0)
		return buf;
	for (s = start; *s; s += take)
		total += next_piece(s, piece, &take);
	for (s = start; *s; s += take) {
		size_t n = next_piece(s, piece, &take);

		/* a text that does not fit keeps room for the mark of its cut */
		if (total >= len && used + n + sizeof(cut) - 1 >= len) {
			size_t m =
				len - 1 - used < sizeof(cut) - 1 ? len - 1 - used : sizeof(cut) - 1;

			memcpy(buf + used, cut, m);
			used += m;
			break;
		}
		memcpy(buf + used, piece, n);
		used += n;
	}
	buf[used] = '\0';
	return buf;
}
