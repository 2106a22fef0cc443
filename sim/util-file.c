/* SPDX-License-Identifier: MIT */
/* Read a whole (small) text file: profiles, scenarios, block descriptions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* Files the tool reads whole are descriptions, not data: refuse anything huge. */
#define READ_FILE_MAX (16u << 20)

int
gmcsim_read_file(const char *path, char **out, char *why, size_t whylen)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct stat st;
	int rc = 0;

	if (!f) {
		rc = -errno;
		snprintf(why, whylen, "cannot open %s: %s", path, strerror(-rc));
		return rc;
	}
	/* fopen() opens a directory for reading; the first read would only say EISDIR */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "%s is a directory, not a file", path);
		if (f != stdin)
			fclose(f);
		return -EISDIR;
	}
	for (;;) {
		size_t n;

		if (len + 4096 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nbuf;

			if (ncap > READ_FILE_MAX + 4096) {
				snprintf(why, whylen,
					 "%s is larger than %u MiB, the cap on an input file", path,
					 READ_FILE_MAX >> 20);
				rc = -EFBIG;
				break;
			}
			nbuf = realloc(buf, ncap);
			if (!nbuf) {
				snprintf(why, whylen, "out of memory reading %s", path);
				rc = -ENOMEM;
				break;
			}
			buf = nbuf;
			cap = ncap;
		}
		errno = 0;
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0) {
			if (ferror(f)) {
				rc = errno ? -errno : -EIO;
				snprintf(why, whylen, "cannot read %s: %s", path, strerror(-rc));
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	if (!buf) {
		buf = malloc(1);
		if (!buf)
			return -ENOMEM;
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		snprintf(why, whylen, "%s contains a NUL byte", path);
		free(buf);
		return -EINVAL;
	}
	*out = buf;
	return 0;
}
