/* SPDX-License-Identifier: MIT */
/*
 * gmcsim_term_text(): text on its way to a terminal. Each expectation is the
 * rule of util.h applied by hand: printable ASCII and UTF-8 stay, C0, DEL,
 * C1 and the bidirectional controls and every byte that is not UTF-8
 * become "\xNN" per byte, and a cut ends in "...".
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

static const char *
term(const char *text)
{
	static char buf[256];

	return gmcsim_term_text(text, buf, sizeof(buf));
}

static void
test_kept(void **state)
{
	(void)state;
	assert_string_equal(term("profile gc944-vf-node2: 32 GiB"),
			    "profile gc944-vf-node2: 32 GiB");
	/* U+00E9 (C3 A9), U+2192 (E2 86 92), U+1F600 (F0 9F 98 80): printable UTF-8 */
	assert_string_equal(term("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80"),
			    "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
	assert_string_equal(term("back\\slash"), "back\\slash");
	assert_string_equal(term(NULL), "");
	assert_string_equal(term(""), "");
}

static void
test_controls(void **state)
{
	(void)state;
	/* ESC [ 3 1 m: a colour change; ESC is 0x1b */
	assert_string_equal(term("a\x1b[31mb"), "a\\x1b[31mb");
	/* a newline would end the message's line; a tab moves the cursor */
	assert_string_equal(term("one\ntwo\tthree\r"), "one\\x0atwo\\x09three\\x0d");
	assert_string_equal(term("\x07\x7f"), "\\x07\\x7f");
	/* U+009B, CSI in UTF-8 (C2 9B), and U+0085 NEL (C2 85): C1 controls */
	assert_string_equal(term("x\xc2\x9b"
				 "2J"),
			    "x\\xc2\\x9b2J");
	assert_string_equal(term("\xc2\x85"), "\\xc2\\x85");
	/* U+00A0 (C2 A0), just past C1: printable */
	assert_string_equal(term("\xc2\xa0"), "\xc2\xa0");
	/* U+202E RIGHT-TO-LEFT OVERRIDE (E2 80 AE), U+2066 (E2 81 A6), U+200F (E2 80 8F) */
	assert_string_equal(term("a\xe2\x80\xae"
				 "b"),
			    "a\\xe2\\x80\\xaeb");
	assert_string_equal(term("\xe2\x81\xa6\xe2\x80\x8f"), "\\xe2\\x81\\xa6\\xe2\\x80\\x8f");
}

static void
test_not_utf8(void **state)
{
	(void)state;
	/* 0xff never starts a character; 0x80 alone is a continuation byte */
	assert_string_equal(term("\xff"
				 "a\x80"),
			    "\\xffa\\x80");
	/* a sequence cut by the end of the text */
	assert_string_equal(term("ok\xc3"), "ok\\xc3");
	assert_string_equal(term("\xe2\x86"), "\\xe2\\x86");
	/* an overlong '/' (C0 AF) and a UTF-16 surrogate (ED A0 80): each byte on its own */
	assert_string_equal(term("\xc0\xaf"), "\\xc0\\xaf");
	assert_string_equal(term("\xed\xa0\x80"), "\\xed\\xa0\\x80");
	/* past U+10FFFF: F4 90 80 80 */
	assert_string_equal(term("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
	/* a lead byte followed by ASCII: the lead is escaped, the ASCII kept */
	assert_string_equal(term("\xc3(x"), "\\xc3(x");
}

static void
test_cut(void **state)
{
	char buf[8];

	(void)state;
	/* 10 characters into 8 bytes: 4 of them, "...", the NUL */
	assert_string_equal(gmcsim_term_text("abcdefghij", buf, sizeof(buf)), "abcd...");
	/* 7 characters fit 8 bytes whole: no mark */
	assert_string_equal(gmcsim_term_text("abcdefg", buf, sizeof(buf)), "abcdefg");
	/* an escape is never cut: "\x1b" (4) does not fit after "ab" with the mark */
	assert_string_equal(gmcsim_term_text("ab\x1b"
					     "cdef",
					     buf, sizeof(buf)),
			    "ab...");
	/* nor a UTF-8 character: U+00E9 is 2 bytes */
	assert_string_equal(gmcsim_term_text("abc\xc3\xa9xyz", buf, sizeof(buf)), "abc...");
	/* a buffer too small for the mark gets what fits of it */
	assert_string_equal(gmcsim_term_text("abcdef", buf, 3), "..");
	assert_string_equal(gmcsim_term_text("abcdef", buf, 1), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
