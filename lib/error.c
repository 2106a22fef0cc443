/* SPDX-License-Identifier: MIT */
/* Failure reports: a negative errno plus a sentence, never printed by us. */
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

GMC_EXPORT const char *
gmc_errno_name(int code)
{
	switch (code < 0 ? -code : code) {
	case 0:
		return "OK";
	case EINVAL:
		return "EINVAL";
	case ERANGE:
		return "ERANGE";
	case ENOENT:
		return "ENOENT";
	case ENOMEM:
		return "ENOMEM";
	case ENOSPC:
		return "ENOSPC";
	case EPERM:
		return "EPERM";
	case EBUSY:
		return "EBUSY";
	case EEXIST:
		return "EEXIST";
	case EALREADY:
		return "EALREADY";
	case ENODEV:
		return "ENODEV";
	case EIO:
		return "EIO";
	case EACCES:
		return "EACCES";
	case ENOSYS:
		return "ENOSYS";
	case E2BIG:
		return "E2BIG";
	case EOVERFLOW:
		return "EOVERFLOW";
	case ESTALE:
		return "ESTALE";
	case ENOTSUP:
		return "ENOTSUP";
	case EFBIG:
		return "EFBIG";
	case ENAMETOOLONG:
		return "ENAMETOOLONG";
	case EDEADLK:
		return "EDEADLK";
	default:
		return "EUNKNOWN";
	}
}
