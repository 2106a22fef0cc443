/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-common.h
 * Shared definitions of libgmc: the export marker, IP version packing and
 * the error report every fallible call can fill in.
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
#define GMC_IP_VERSION(maj, min, rev)                                                              \
	((((uint32_t)(maj)&0xffu) << 16) | (((uint32_t)(min)&0xffu) << 8) | ((uint32_t)(rev)&0xffu))
#define GMC_IP_MAJ(v) (((v) >> 16) & 0xffu)
#define GMC_IP_MIN(v) (((v) >> 8) & 0xffu)
#define GMC_IP_REV(v) ((v)&0xffu)

/** Longest message a struct gmc_error carries, including the NUL. */
#define GMC_ERROR_MSG_MAX 192

/**
 * Why a call failed. Every fallible libgmc call takes an optional
 * `struct gmc_error *`; on failure it stores the same negative errno it
 * returns and a sentence a person can act on. On success it is untouched.
 */
struct gmc_error {
	int code;                        /**< negative errno, as returned */
	char message[GMC_ERROR_MSG_MAX]; /**< NUL-terminated reason */
};

/**
 * The symbolic name of a negative errno code, e.g. "EINVAL" for -EINVAL.
 *
 * @param code a negative (or positive) errno value
 * @return a static string; "EUNKNOWN" for a code libgmc never returns
 */
GMC_EXPORT const char *gmc_errno_name(int code);

#ifdef __cplusplus
}
#endif

#endif /* GMC_COMMON_H */
