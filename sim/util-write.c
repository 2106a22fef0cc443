/* SPDX-License-Identifier: MIT */
/*
 * Write a whole output file (a picture, a report) so that a failure never
 * leaves half of it, and so that only a regular file is ever replaced.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmc/gmc.h>

#include "util.h"

/* What a file type is called in a message; NULL for a regular file. */
static const char *
not_regular(mode_t mode)
{
	if (S_ISREG(mode))
		return NULL;
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a regular file";
}

/*
 * Whether @p path may be written: nothing there yet (*exists false) or a
 * regular file (its mode in @p st). Renaming over a device node, a FIFO or a
 * socket would replace it (as root, /dev/null itself), and a symbolic link
 * would be replaced by a file instead of written through: all refused.
 */
static int
check_target(const char *path, struct stat *st, bool *exists, struct gmc_error *err)
{
	char q[GMCSIM_SAFE_BUF];
	const char *what;
	int rc;

	gmcsim_safe_text(path, q, sizeof(q));
	if (lstat(path, st) != 0) {
		rc = -errno;
		if (rc != -ENOENT)
			return gmcsim_fail(err, rc, "cannot write %s: %s", q, strerror(-rc));
		*exists = false;
		return 0;
	}
	what = not_regular(st->st_mode);
	*exists = true;
	if (!what)
		return 0;
	if (S_ISDIR(st->st_mode))
		return gmcsim_fail(err, -EISDIR,
				   "cannot write %s: it is a directory; give a file name", q);
	if (S_ISLNK(st->st_mode))
		return gmcsim_fail(err, -ELOOP,
				   "cannot write %s: it is a symbolic link; gmcsim does not write "
				   "through links, give the file it points to",
				   q);
	return gmcsim_fail(err, -EEXIST,
			   "cannot write %s: it is %s, not a regular file; gmcsim replaces only "
			   "regular files",
			   q, what);
}

static int
write_all(int fd, const char *data, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		done += (size_t)n;
	}
	return 0;
}

int
gmcsim_write_file(const char *path, const void *data, size_t len, struct gmc_error *err)
{
	char q[GMCSIM_SAFE_BUF], *tmp;
	bool exists = false, reported = false, there;
	struct stat st, now;
	size_t plen;
	int rc, fd;

	if (!path || !*path)
		return gmcsim_fail(err, -EINVAL, "no output file given");
	if (!data && len)
		return gmcsim_fail(err, -EINVAL, "nothing to write");
	rc = check_target(path, &st, &exists, err);
	if (rc)
		return rc;
	plen = strlen(path);
	tmp = malloc(plen + sizeof(".XXXXXX"));
	if (!tmp)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	/* next to the file, so the rename stays in one file system; O_EXCL, never a link */
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".XXXXXX", sizeof(".XXXXXX"));
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -errno;
		gmcsim_fail(err, rc, "cannot write %s: %s", gmcsim_safe_text(path, q, sizeof(q)),
			    strerror(-rc));
		free(tmp);
		return rc;
	}
	rc = write_all(fd, data, len);
	/* a replaced file keeps its owner where we may set it (root), and its permissions */
	if (rc == 0 && exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
		(void)!fchown(fd, st.st_uid, st.st_gid);
	/* mkstemp makes a new file 0600; what gmcsim writes is not a secret */
	if (rc == 0 && fchmod(fd, exists ? st.st_mode & 0777 : 0644) != 0)
		rc = -errno;
	/* the data reaches the disk before the name does */
	if (rc == 0 && fsync(fd) != 0)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0) {
		/* look again just before the rename: refuse what appeared meanwhile */
		if (lstat(path, &now) == 0 && not_regular(now.st_mode)) {
			rc = check_target(path, &now, &there, err);
			reported = true;
		} else if (rename(tmp, path) != 0) {
			rc = -errno;
		}
	}
	if (rc) {
		unlink(tmp);
		if (!reported)
			gmcsim_fail(err, rc, "cannot write %s: %s",
				    gmcsim_safe_text(path, q, sizeof(q)), strerror(-rc));
	}
	free(tmp);
	return rc;
}
