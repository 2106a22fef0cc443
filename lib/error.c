/* SPDX-License-Identifier: MIT */
/* Failure reports: a negative errno plus a sentence, never printed by us. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "gmc-private.h"

int
gmc_error_vset(struct gmc_error *err, int code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
	}
	return code;
}

int
gmc_error_set(struct gmc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gmc_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

/*
 * Every errno a libgmc, libgmcsim or gmcsim call can meet: the library's own
 * codes, and those the ERRORS sections of open(2), read(2), write(2),
 * lstat(2), rename(2), mkstemp(3), fsync(2), fchmod(2), close(2), ppoll(2),
 * openat(2), mmap(2) and the pthread calls list. Where Linux gives two names
 * one value (EAGAIN and EWOULDBLOCK, ENOTSUP and EOPNOTSUPP, EDEADLK and
 * EDEADLOCK), the first name here is the one shown.
 */
static const struct {
	int code;
	const char *name;
} errno_names[] = {
	{ EPERM, "EPERM" },
	{ ENOENT, "ENOENT" },
	{ ESRCH, "ESRCH" },
	{ EINTR, "EINTR" },
	{ EIO, "EIO" },
	{ ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" },
	{ ENOEXEC, "ENOEXEC" },
	{ EBADF, "EBADF" },
	{ EAGAIN, "EAGAIN" },
	{ ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" },
	{ EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" },
	{ EXDEV, "EXDEV" },
	{ ENODEV, "ENODEV" },
	{ ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" },
	{ EINVAL, "EINVAL" },
	{ ENFILE, "ENFILE" },
	{ EMFILE, "EMFILE" },
	{ ENOTTY, "ENOTTY" },
	{ ETXTBSY, "ETXTBSY" },
	{ EFBIG, "EFBIG" },
	{ ENOSPC, "ENOSPC" },
	{ ESPIPE, "ESPIPE" },
	{ EROFS, "EROFS" },
	{ EMLINK, "EMLINK" },
	{ EPIPE, "EPIPE" },
	{ EDOM, "EDOM" },
	{ ERANGE, "ERANGE" },
	{ EDEADLK, "EDEADLK" },
	{ ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOLCK, "ENOLCK" },
	{ ENOSYS, "ENOSYS" },
	{ ENOTEMPTY, "ENOTEMPTY" },
	{ ELOOP, "ELOOP" },
	{ ENODATA, "ENODATA" },
	{ EOVERFLOW, "EOVERFLOW" },
	{ EILSEQ, "EILSEQ" },
	{ ENOTSUP, "ENOTSUP" },
	{ EALREADY, "EALREADY" },
	{ ETIMEDOUT, "ETIMEDOUT" },
	{ ESTALE, "ESTALE" },
	{ EDQUOT, "EDQUOT" },
	{ ECANCELED, "ECANCELED" },
};

GMC_EXPORT const char *
gmc_errno_name(int code)
{
	int e = code < 0 ? -code : code;

	if (e == 0)
		return "OK";
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++) {
		if (errno_names[i].code == e)
			return errno_names[i].name;
	}
	return "EUNKNOWN";
}
