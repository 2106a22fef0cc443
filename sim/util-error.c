/* SPDX-License-Identifier: MIT */
/* Filling a struct gmc_error: the one way libgmcsim and the tool report a failure. */
#include <stdarg.h>
#include <stdio.h>

#include <gmc/gmc-common.h>

#include "util.h"

int
gmcsim_fail(struct gmc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

int
gmcsim_fail_why(int code, char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why && whylen) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return code;
}
