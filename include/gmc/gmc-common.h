/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-common.h
 * Shared definitions of libgmc: the export marker, IP version packing and
 * the error report every fallible call can fill in.
 *
 * Errors. A fallible libgmc call returns 0 or a negative errno, and leaves
 * its output parameters untouched when it fails; the library never prints,
 * logs or aborts. It says why in one of two ways, by the kind of call:
 *
 * - Stateless calls (part lookup, register encoding, XGMI info, the
 *   layout, the conversions) take an optional `struct gmc_error *err`,
 *   last, and fill it on failure: the same negative errno and a sentence.
 *   Pass NULL when the errno is enough. Nothing is kept between calls. The
 *   few whose errno says it all (gmc_reg_from_name(), gmc_regs_decode(),
 *   gmc_agp_addr()) have no such parameter.
 * - Calls that act on a device or its BOs (gmc-dev.h, gmc-bo.h) keep the
 *   sentence as the device's last error, read with gmc_dev_strerror(); a
 *   later failure replaces it, a success leaves it as it was. Calls that
 *   only read a const device (gmc_addr_check(), gmc_dev_event_at(), …) and
 *   gmc_dev_new(), which has no device yet, answer with the errno alone.
 */
#ifndef GMC_COMMON_H
#define GMC_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define GMC_EXPORT __attribute__((visibility("default")))
#else
#define GMC_EXPORT
#endif

/**
 * Pack an IP version the way the kernel's IP_VERSION() does:
 * major in bits 23:16, minor in 15:8, revision in 7:0.
 */
#define GMC_IP_VERSION(maj, min, rev) \
	((((uint32_t)(maj)&0xffu) << 16) | (((uint32_t)(min)&0xffu) << 8) | ((uint32_t)(rev)&0xffu))
#define GMC_IP_MAJ(v) (((v) >> 16) & 0xffu)
#define GMC_IP_MIN(v) (((v) >> 8) & 0xffu)
#define GMC_IP_REV(v) ((v)&0xffu)

/** Longest message a struct gmc_error carries, including the NUL. */
#define GMC_ERROR_MSG_MAX 192

/**
 * Why a stateless call failed. Every fallible stateless libgmc call takes an
 * optional `struct gmc_error *`; on failure it stores the same negative
 * errno it returns and a sentence a person can act on. On success it is
 * untouched. (Device and BO calls keep theirs in the device instead:
 * gmc_dev_strerror().)
 */
struct gmc_error {
	int code;			 /**< negative errno, as returned */
	char message[GMC_ERROR_MSG_MAX]; /**< NUL-terminated reason */
};

/**
 * The symbolic name of a negative errno code, e.g. "EINVAL" for -EINVAL.
 *
 * @param code a negative (or positive) errno value
 * @return a static string: the name of every code libgmc returns and of every
 *         errno a file, memory or thread call can fail with (EISDIR, EROFS,
 *         ELOOP, EACCES, ...); "EUNKNOWN" for any other value
 */
GMC_EXPORT const char *gmc_errno_name(int code);

#ifdef __cplusplus
}
#endif

#endif /* GMC_COMMON_H */
