/* SPDX-License-Identifier: MIT */
/*
 * The text both renderers put on a picture: addresses in readable groups,
 * how far a window or a copy moved, and names made safe for a terminal.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "map.h"

const char *
map_hex(uint64_t value, char *buf, size_t len)
{
	char digits[17], out[MAP_HEX_MAX];
	size_t n = (size_t)snprintf(digits, sizeof(digits), "%" PRIx64, value), o = 0;

	out[o++] = '0';
	out[o++] = 'x';
	for (size_t i = 0; i < n; i++) {
		/* a '_' between groups of four, counted from the right */
		if (i > 0 && (n - i) % 4 == 0)
			out[o++] = '_';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
	return buf;
}

const char *
map_shift(uint64_t from, uint64_t to, uint64_t segment, const char *unit, char *buf, size_t len)
{
	bool up = to >= from;
	uint64_t d = up ? to - from : from - to;
	char hex[MAP_HEX_MAX];

	if (d == 0)
		snprintf(buf, len, "unchanged");
	else if (segment && d % segment == 0)
		snprintf(buf, len, "%c%" PRIu64 " %s", up ? '+' : '-', d / segment, unit);
	else
		snprintf(buf, len, "%c%s", up ? '+' : '-', map_hex(d, hex, sizeof(hex)));
	return buf;
}

const char *
map_ascii(const char *text, char *buf, size_t width)
{
	size_t n = 0, len;

	if (!width)
		return buf;
	len = text ? strlen(text) : 0;
	for (; n < len && n + 1 < width; n++) {
		unsigned char c = (unsigned char)text[n];

		buf[n] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	buf[n] = '\0';
	/* cut: the last three characters say so */
	if (n < len && width > 4)
		memcpy(buf + n - 3, "...", 3);
	return buf;
}
