/* SPDX-License-Identifier: MIT */
/*
 * libgmcsim internals of profile I/O (sim-profile.c): the check and the
 * atomic write every imported or captured profile goes through, and the
 * name an import or a capture gives a profile. Internal rather than in
 * <gmc/gmcsim.h> so the ABI of the shared library does not grow; the
 * device code, the gmcsim tool and the tests link the static library.
 *
 * Like the rest of libgmcsim's stateless calls, each returns 0 or a
 * negative errno and fills an optional struct gmc_error; none prints.
 */
#ifndef GMCSIM_SIM_PROFILE_H
#define GMCSIM_SIM_PROFILE_H

#include <stddef.h>

#include <gmc/gmcsim.h>

/**
 * Give @p p (whose part is set) its part's defaults for what the catalog's
 * conditions read (gmcsim_part_defaults()), with MCBP on for a VF as
 * amdgpu_device_set_mcbp() forces it. What a profile file states in "ip" and
 * "driver" is read over these; an import or a capture starts from them.
 *
 * @retval 0 set
 * @retval -ENOENT the part has no defaults
 */
int sim_profile_default_facts(struct gmcsim_profile *p);

/**
 * Check @p p the way a profile file is checked: serialize it and parse the
 * text back.
 *
 * @param p   the profile; NULL or one without a part is refused
 * @param err receives the reason (may be NULL)
 * @retval 0 a valid profile
 * @retval -EINVAL not a valid profile; @p err names the key and the problem
 * @retval <0 the profile cannot be serialized (-ENOMEM)
 */
int gmcsim_profile_validate(const struct gmcsim_profile *p, struct gmc_error *err);

/**
 * Check @p p with gmcsim_profile_validate(), then write it to the file
 * @p path through a temporary file in the same directory (created with
 * O_EXCL, synced, then renamed into place), so a failure never leaves half a
 * profile or a temporary file behind, and a reader never sees half a file.
 *
 * Only a regular file is ever replaced: a directory, a symbolic link (not
 * written through: give the file it points to), a FIFO, a socket or a device
 * node at @p path is refused before anything is written, and checked again
 * just before the rename. A replaced file keeps its permission bits (and its
 * owner and group where the caller may set them); a new file is 0644. The
 * directory must be writable.
 *
 * @param p    the profile
 * @param path the file; NULL or "" is refused
 * @param err  receives the reason (may be NULL)
 * @retval 0 written
 * @retval -EINVAL the profile is not valid, or no file was given; @p err names the key
 * @retval -EISDIR @p path is a directory
 * @retval -ELOOP  @p path is a symbolic link
 * @retval -EEXIST @p path is something else that is not a regular file
 * @retval <0 the file could not be written (the errno of the failing call)
 */
int gmcsim_profile_write(const struct gmcsim_profile *p, const char *path, struct gmc_error *err);

/**
 * A profile name from @p prefix followed by @p text, with every character
 * other than [A-Za-z0-9._-] turned into '-' ("import-" and "0000:43:00.0"
 * make "import-0000-43-00.0"), cut to @p len - 1 bytes. An empty result
 * becomes "imported".
 *
 * @param prefix NULL or the start of the name
 * @param text   NULL or the rest of it
 * @param out    receives the name; nothing is written when @p len is 0
 * @param len    the size of @p out
 */
void gmcsim_profile_name_from(const char *prefix, const char *text, char *out, size_t len);

#endif /* GMCSIM_SIM_PROFILE_H */
