/* SPDX-License-Identifier: MIT */
/* Capped line reading, with a wait that a signal can end. */
/* ppoll() is a GNU extension of poll() */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util-lines.h"

/* What one read() asks for. */
#define READ_CHUNK 65536u

void
gmcsim_lines_init(struct gmcsim_lines *l, int fd, size_t max)
{
	memset(l, 0, sizeof(*l));
	l->fd = fd;
	l->max = max ? max : 1;
}

void
gmcsim_lines_fini(struct gmcsim_lines *l)
{
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

/* Room for READ_CHUNK more bytes and a NUL, dropping the lines handed out. */
static int
make_room(struct gmcsim_lines *l)
{
	size_t need;
	char *nbuf;

	if (l->start) {
		memmove(l->buf, l->buf + l->start, l->len - l->start);
		l->len -= l->start;
		l->start = 0;
	}
	need = l->len + READ_CHUNK + 1;
	if (need <= l->cap)
		return 0;
	/* double: a long line costs a few copies, not one per chunk */
	if (need < 2 * l->cap)
		need = 2 * l->cap;
	nbuf = realloc(l->buf, need);
	if (!nbuf)
		return -ENOMEM;
	l->buf = nbuf;
	l->cap = need;
	return 0;
}

/* Wait until @p fd has input (or its end, or an error), or a signal @p mask lets through. */
static int
wait_input(int fd, const sigset_t *mask)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (!mask)
		return 0;
	/* regular files, pipes, ttys and /dev/zero all poll */
	if (ppoll(&p, 1, NULL, mask) < 0)
		return -errno;
	return 0;
}

int
gmcsim_lines_next(struct gmcsim_lines *l, const sigset_t *wait_mask, char **line, size_t *len)
{
	/* put back the byte the last line's NUL covered */
	if (l->nul_set) {
		l->buf[l->nul_at] = l->nul_saved;
		l->nul_set = false;
	}
	for (;;) {
		size_t have = l->len - l->start;
		/* search only what was read since the last look: a long line is scanned once */
		char *nl = have > l->scanned
				   ? memchr(l->buf + l->start + l->scanned, '\n', have - l->scanned)
				   : NULL;
		ssize_t n;
		int rc;

		if (nl || (l->eof && have)) {
			size_t n_line = nl ? (size_t)(nl - (l->buf + l->start)) + 1 : have;

			if (n_line > l->max)
				return -E2BIG;
			*line = l->buf + l->start;
			*len = n_line;
			l->start += n_line;
			l->scanned = 0;
			/* the buffer keeps a byte to spare after its text (make_room) */
			l->nul_at = l->start;
			l->nul_saved = l->buf[l->start];
			l->nul_set = true;
			l->buf[l->start] = '\0';
			return 1;
		}
		if (l->eof)
			return 0;
		l->scanned = have;
		/* more than a line's worth without a newline: read no more */
		if (have > l->max)
			return -E2BIG;
		rc = wait_input(l->fd, wait_mask);
		if (rc)
			return rc;
		rc = make_room(l);
		if (rc)
			return rc;
		n = read(l->fd, l->buf + l->len, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			l->eof = true;
		l->len += (size_t)n;
	}
}
