/* SPDX-License-Identifier: MIT */
/*
 * Reading a stream one line at a time with a cap on the line's length, so
 * a line (or a stream without newlines, like /dev/zero) can never grow
 * memory without bound; and waiting for input in a way a signal can end
 * (ppoll with the caller's wait mask), so a co-process can be stopped while
 * it waits for its next line.
 */
#ifndef GMCSIM_UTIL_LINES_H
#define GMCSIM_UTIL_LINES_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/** A line reader over a file descriptor. Set up with gmcsim_lines_init(). */
struct gmcsim_lines {
	int fd;		/**< read, never closed here */
	size_t max;	/**< the longest line, newline included */
	char *buf;	/**< the text read and not yet handed out */
	size_t cap;	/**< bytes allocated at @c buf */
	size_t start;	/**< where the next line starts */
	size_t len;	/**< bytes of text at @c buf */
	size_t scanned; /**< bytes from @c start known to hold no newline */
	bool eof;	/**< the stream has ended */
	size_t nul_at;	/**< where the last line's NUL went, if @c nul_set */
	char nul_saved; /**< the byte the NUL covers (the next line's first) */
	bool nul_set;	/**< a NUL is to be undone before reading on */
};

/**
 * Start reading @p fd.
 *
 * @param l   the reader
 * @param fd  an open file descriptor; the caller closes it
 * @param max the longest line allowed, newline included (at least 1)
 */
void gmcsim_lines_init(struct gmcsim_lines *l, int fd, size_t max);

/** Free what @p l holds (not the file descriptor). */
void gmcsim_lines_fini(struct gmcsim_lines *l);

/**
 * The next line: @p *line points at it (valid until the next call), with
 * its newline if it had one and a NUL after it; @p *len counts its bytes
 * (a NUL byte inside the line counts too). The last line of a stream that
 * does not end in a newline is a line.
 *
 * @param l         the reader
 * @param wait_mask NULL to read blocking; else the signal mask to wait for
 *                  input with (ppoll): a signal it lets through ends the wait
 * @param line      receives the line
 * @param len       receives its length
 * @retval 1 a line
 * @retval 0 the stream ended
 * @retval -E2BIG the line is longer than @c max: nothing more is read
 * @retval -EINTR a signal ended the wait; call again to go on
 * @retval -ENOMEM out of memory
 * @retval <0 else the errno of the failed read
 */
int gmcsim_lines_next(struct gmcsim_lines *l, const sigset_t *wait_mask, char **line, size_t *len);

#endif /* GMCSIM_UTIL_LINES_H */
