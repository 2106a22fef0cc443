/* SPDX-License-Identifier: MIT */
/*
 * A name for each site within its block, from its slot's member: the
 * "_bo"/"_obj" dropped, a helper's instances told apart by their argument,
 * a clash settled by the member before it, then by a number.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "scan.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* @name without one of @suffixes at its end (when something is left). */
static void
strip_suffix(char *name, const char *const *suffixes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t sl = strlen(suffixes[i]), nl = strlen(name);

		if (nl > sl && strcmp(name + nl - sl, suffixes[i]) == 0) {
			name[nl - sl] = '\0';
			return;
		}
	}
}

/* A name for the site within its block: its slot's member (a derived copy:
 * its own member), prefixed by the instantiating argument's first member
 * for a create through a helper ("xgmi" of psp->xgmi_context...). */
void
gmcsim_scan_site_name(struct gmcsim_scan *s, size_t index)
{
	struct gmcsim_scan_site *site = gmcsim_scan_site_at(s, index);
	static const char *const suffixes[] = { "_gpu_obj",  "_obj",	 "_bo",	 "_robj",
						"_gpu_addr", "_mc_addr", "_addr" };
	static const char *const owner_suffixes[] = { "_context", "_ctx" };
	const char *src = site->parent >= 0 ? site->gpu : site->slot;
	const char *parts[16];
	size_t lens[16];
	unsigned n = src ? gmcsim_scan_expr_chain(src, parts, lens, 16) : 0;
	char name[GMCSIM_NAME_MAX] = "bo";

	if (n > 16)
		n = 16;
	for (int k = (int)n - 1; k >= 0; k--) {
		size_t len = strcspn(parts[k], "[");

		if (len > lens[k])
			len = lens[k];
		snprintf(name, sizeof(name), "%.*s", (int)len, parts[k]);
		strip_suffix(name, suffixes, sizeof(suffixes) / sizeof(suffixes[0]));
		if (strlen(name) >= 2 && strcmp(name, "bo") != 0 && strcmp(name, "obj") != 0 &&
		    strcmp(name, "robj") != 0)
			break;
	}
	if (site->via && n >= 3) {
		char owner[GMCSIM_NAME_MAX], tmp[GMCSIM_NAME_MAX];
		unsigned pick = n - 2;
		size_t len;

		/* the member where this call's argument differs from a sibling's
		 * (psp->ras_context... vs psp->xgmi_context...) */
		for (size_t i = 0; i < s->sites.n; i++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(s, i);
			const char *op[16];
			size_t ol[16];
			unsigned on, k;

			if (o == site || !o->via || o->line != site->line ||
			    strcmp(o->file, site->file) != 0 || !o->slot)
				continue;
			on = gmcsim_scan_expr_chain(o->slot, op, ol, 16);
			for (k = 0; k < n && k < on && k < 16; k++) {
				if (ol[k] != lens[k] || strncmp(op[k], parts[k], lens[k]) != 0)
					break;
			}
			/* the deepest first difference over the siblings: psp->ras_context vs
			 * psp->xgmi_context (1) wins over context-> vs psp-> (0) */
			if (k < n - 1 && (pick == n - 2 || k > pick))
				pick = k;
		}
		len = strcspn(parts[pick], "[");
		if (len > lens[pick])
			len = lens[pick];
		snprintf(owner, sizeof(owner), "%.*s", (int)len, parts[pick]);
		strip_suffix(owner, owner_suffixes, 2);
		if (strcmp(owner, name) != 0) {
			snprintf(tmp, sizeof(tmp), "%.30s_%.30s", owner, name);
			snprintf(name, sizeof(name), "%s", tmp);
		}
	}
	/* unique within the block: prefix the member before, then a number */
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		bool clash = false;

		for (size_t i = 0; i < index && !clash; i++) {
			const struct gmcsim_scan_site *o = gmcsim_scan_site_at(s, i);

			clash = strcmp(o->block, site->block) == 0 && strcmp(o->name, name) == 0;
		}
		if (!clash)
			break;
		if (attempt == 0 && n >= 2 && !site->via) {
			char tmp[GMCSIM_NAME_MAX];
			size_t len = strcspn(parts[n - 2], "[");

			if (len > lens[n - 2])
				len = lens[n - 2];
			snprintf(tmp, sizeof(tmp), "%.*s_%.40s", (int)len, parts[n - 2], name);
			snprintf(name, sizeof(name), "%s", tmp);
		} else {
			char tmp[GMCSIM_NAME_MAX];
			char *us = strrchr(name, '_');

			if (attempt > 1 && us && isdigit((unsigned char)us[1]))
				*us = '\0';
			snprintf(tmp, sizeof(tmp), "%.58s_%u", name, attempt + 1);
			snprintf(name, sizeof(name), "%s", tmp);
		}
	}
	for (char *p = name; *p; p++) {
		if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.'))
			*p = '_';
	}
	snprintf(site->name, sizeof(site->name), "%s", name);
}
