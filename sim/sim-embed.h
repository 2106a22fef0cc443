/* SPDX-License-Identifier: MIT */
/* Data files compiled into libgmcsim by sim/embed.py. */
#ifndef SIM_EMBED_H
#define SIM_EMBED_H

#include <stddef.h>

struct gmcsim_blob {
	const char *name; /* file name, e.g. "gc944-vf-node2.json" */
	const char *text; /* its contents */
};

extern const struct gmcsim_blob gmcsim_builtin_profiles[];
extern const size_t gmcsim_builtin_profiles_count;
extern const struct gmcsim_blob gmcsim_builtin_catalog[];
extern const size_t gmcsim_builtin_catalog_count;
extern const struct gmcsim_blob gmcsim_builtin_fixes[];
extern const size_t gmcsim_builtin_fixes_count;

#endif /* SIM_EMBED_H */
