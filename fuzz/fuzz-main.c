/* SPDX-License-Identifier: MIT */
/*
 * The replay driver of fuzzing_engine=none: feeds files to a harness's
 * LLVMFuzzerTestOneInput() one at a time, the way a libFuzzer binary does
 * when given files, so every harness builds with gcc and its corpus runs
 * as a plain test.
 *
 *   fuzz-layout FILE|DIR... [--skip=NAME]...
 *
 * A directory means every regular file in it, in name order (so a failure
 * reproduces the same way everywhere); --skip leaves out a file of that
 * name, for crashers whose fix has not landed (fuzz/meson.build replays
 * those on their own as expected failures). No argument reads stdin.
 * A harness that finds a broken invariant aborts, so the test fails and
 * names the input it was running.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz-util.h"

/* libFuzzer calls it before the first input when a harness defines it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Largest input replayed; libFuzzer's default -max_len is far smaller. */
#define REPLAY_MAX_BYTES (16u << 20)

#define SKIP_PREFIX "--skip="

static char **skips;
static size_t n_skips;

static int
is_skipped(const char *name)
{
	for (size_t i = 0; i < n_skips; i++) {
		if (strcmp(skips[i], name) == 0)
			return 1;
	}
	return 0;
}

/* Read all of @p f into a buffer of exactly its size, so ASan sees any overread. */
static int
read_all(FILE *f, uint8_t **out, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap), *exact;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			uint8_t *bigger;

			if (cap >= REPLAY_MAX_BYTES) {
				free(buf);
				return -EFBIG;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(buf);
		return -EIO;
	}
	/* malloc(0) may return NULL: keep one byte but pass the true length */
	exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return -ENOMEM;
	}
	memcpy(exact, buf, n);
	free(buf);
	*out = exact;
	*len = n;
	return 0;
}

static int
replay_stream(FILE *f, const char *name)
{
	uint8_t *data;
	size_t len;
	int rc = read_all(f, &data, &len);

	if (rc) {
		fprintf(stderr, "fuzz-main: cannot read %s: %s\n", name, strerror(-rc));
		return 1;
	}
	printf("replay %s (%zu bytes)\n", name, len);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f) {
		fprintf(stderr, "fuzz-main: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	rc = replay_stream(f, path);
	fclose(f);
	return rc;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Replay every regular file of @p dir; counts them in @p n_files. */
static int
replay_dir(const char *dir, size_t *n_files)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	int failed = 0;

	if (n < 0) {
		fprintf(stderr, "fuzz-main: cannot list %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path) {
			failed = 1;
		} else {
			snprintf(path, len, "%s/%s", dir, names[i]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			    !is_skipped(names[i]->d_name)) {
				failed |= replay_file(path);
				(*n_files)++;
			}
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return failed;
}

int
main(int argc, char **argv)
{
	size_t n_files = 0, n_inputs = 0;
	int failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);

	skips = calloc((size_t)argc, sizeof(*skips));
	if (!skips)
		return 1;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], SKIP_PREFIX, strlen(SKIP_PREFIX)) == 0)
			skips[n_skips++] = argv[i] + strlen(SKIP_PREFIX);
	}

	for (int i = 1; i < argc; i++) {
		struct stat st;

		/* libFuzzer options ("-runs=1", --skip=…) are not inputs */
		if (argv[i][0] == '-')
			continue;
		n_inputs++;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "fuzz-main: %s: %s\n", argv[i], strerror(errno));
			failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			failed |= replay_dir(argv[i], &n_files);
		} else {
			failed |= replay_file(argv[i]);
			n_files++;
		}
	}
	if (n_inputs == 0) {
		failed |= replay_stream(stdin, "stdin");
		n_files++;
	}
	free(skips);

	/* an empty corpus directory is a mistake, not a pass */
	if (n_files == 0) {
		fprintf(stderr, "fuzz-main: no input files\n");
		return 1;
	}
	printf("replayed %zu input%s\n", n_files, n_files == 1 ? "" : "s");
	return failed;
}
