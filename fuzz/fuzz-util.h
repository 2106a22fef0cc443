/* SPDX-License-Identifier: MIT */
/*
 * What the harnesses share: a reader that turns the fuzzer's bytes into
 * fixed-width fields, and the check that turns a broken invariant into a
 * crash libFuzzer reports (and a failing test when a corpus is replayed).
 *
 * Every harness reads its input front to back; bytes past the end read as
 * zero, so a short input is a valid input with the rest left at its zero
 * meaning. Multi-byte fields are little-endian, the order fuzz/make-seeds.py
 * writes them in.
 */
#ifndef GMC_FUZZ_UTIL_H
#define GMC_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes not read yet. */
struct fuzz_input {
	const uint8_t *p;
	size_t n;
};

static inline struct fuzz_input
fuzz_input_make(const uint8_t *data, size_t size)
{
	return (struct fuzz_input){ data, size };
}

static inline size_t
fuzz_left(const struct fuzz_input *in)
{
	return in->n;
}

/* The next @p bytes (at most 8) as a little-endian number; zero past the end. */
static inline uint64_t
fuzz_take(struct fuzz_input *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++) {
		if (in->n) {
			v |= (uint64_t)in->p[0] << (8 * i);
			in->p++;
			in->n--;
		}
	}
	return v;
}

static inline uint8_t
fuzz_u8(struct fuzz_input *in)
{
	return (uint8_t)fuzz_take(in, 1);
}

static inline uint16_t
fuzz_u16(struct fuzz_input *in)
{
	return (uint16_t)fuzz_take(in, 2);
}

static inline uint32_t
fuzz_u32(struct fuzz_input *in)
{
	return (uint32_t)fuzz_take(in, 4);
}

static inline uint64_t
fuzz_u64(struct fuzz_input *in)
{
	return fuzz_take(in, 8);
}

/*
 * A broken invariant: say which and abort(), which libFuzzer reports as a
 * crash and saves the input for. Never compiled out, whatever NDEBUG says.
 */
#define FUZZ_CHECK(cond, ...)                                                                  \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "%s:%d: invariant failed: %s\n  ", __FILE__, __LINE__, \
				#cond);                                                        \
			fprintf(stderr, __VA_ARGS__);                                          \
			fputc('\n', stderr);                                                   \
			abort();                                                               \
		}                                                                              \
	} while (0)

/*
 * Whether a campaign was told to run past the already reported bug @p name:
 * FUZZ_KNOWN_BUGS="name,name" in the environment. Only a campaign sets it,
 * so it does not stop at every rediscovery of a bug whose fix is pending;
 * the corpus replay never does, so the crasher still fails there.
 */
static inline bool
fuzz_known(const char *name)
{
	const char *list = getenv("FUZZ_KNOWN_BUGS");
	size_t n = strlen(name);

	while (list && *list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == n && strncmp(list, name, n) == 0)
			return true;
		list = end ? end + 1 : NULL;
	}
	return false;
}

#endif /* GMC_FUZZ_UTIL_H */
