/* SPDX-License-Identifier: MIT */
/*
 * What spatch printed: the records of the semantic patches on stdout (one
 * tab-separated line each, docs/scan.md "Records") and, on stderr, the
 * parse-error report of --parse-error-msg, which names each file with code
 * spatch skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* The record kinds the semantic patches print. */
static const char KINDS[] = "KFRDCMTNWGSUYHAP";

int
gmcsim_scan_records_split(char *text, struct gmcsim_scan_vec *recs)
{
	char *line = text;

	recs->item = sizeof(struct gmcsim_scan_rec);
	while (line && *line) {
		char *next = strchr(line, '\n');
		char *field[GMCSIM_SCAN_REC_FIELDS + 4];
		unsigned nf = 0;
		struct gmcsim_scan_rec *r;
		char *p = line, *end;
		long ln;

		if (next)
			*next++ = '\0';
		if (!line[0] || line[1] != '\t' || !strchr(KINDS, line[0])) {
			line = next;
			continue;
		}
		while (p && nf < GMCSIM_SCAN_REC_FIELDS + 4) {
			char *tab = strchr(p, '\t');

			if (tab)
				*tab++ = '\0';
			field[nf++] = p;
			p = tab;
		}
		ln = nf >= 3 ? strtol(field[2], &end, 10) : 0;
		if (nf < 4 || ln <= 0 || *end) {
			line = next;
			continue;
		}
		r = gmcsim_scan_vec_push(recs);
		if (!r)
			return -ENOMEM;
		r->kind = field[0][0];
		r->file = field[1];
		r->line = (unsigned)ln;
		r->func = field[3];
		for (unsigned i = 4; i < nf && r->nf < GMCSIM_SCAN_REC_FIELDS; i++)
			r->f[r->nf++] = field[i];
		line = next;
	}
	return 0;
}

/* Whether @text (up to @end) names @word as a whole identifier. */
static bool
names_word(const char *text, const char *end, const char *word)
{
	size_t wl = strlen(word);

	for (const char *p = text; p && p + wl <= end; p++) {
		p = strstr(p, word);
		if (!p || p + wl > end)
			return false;
		if ((p == text || !gmcsim_scan_ident_char((unsigned char)p[-1])) &&
		    !gmcsim_scan_ident_char((unsigned char)p[wl]))
			return true;
	}
	return false;
}

/* What spatch skipped in one file, summed over its error reports. */
struct skipped {
	char file[512];
	unsigned lines;
	char first[64];
	const char *hit;
};

int
gmcsim_scan_records_parse_errors(const char *text, struct gmcsim_scan_tree *t,
				 const char *const *tokens)
{
	struct skipped *files = NULL;
	size_t n = 0;
	const char *p = text;
	int rc = 0;

	while (p && (p = strstr(p, " = error in "))) {
		const char *name = p + strlen(" = error in ");
		const char *semi = strchr(name, ';'), *eol = strchr(name, '\n');
		const char *q;
		struct skipped *f = NULL;
		size_t len;

		if (!semi || (eol && eol < semi) || (size_t)(semi - name) >= sizeof(files->file)) {
			p = name;
			continue;
		}
		len = (size_t)(semi - name);
		for (size_t i = 0; i < n && !f; i++) {
			if (strlen(files[i].file) == len && strncmp(files[i].file, name, len) == 0)
				f = &files[i];
		}
		if (!f) {
			struct skipped *grown = realloc(files, (n + 1) * sizeof(*files));

			if (!grown) {
				free(files);
				return -ENOMEM;
			}
			files = grown;
			f = &files[n++];
			memset(f, 0, sizeof(*f));
			memcpy(f->file, name, len);
		}
		/* the "bad:" lines that follow are the code spatch skipped */
		q = eol ? eol + 1 : NULL;
		while (q && *q) {
			const char *e = strchr(q, '\n');
			const char *le = e ? e : q + strlen(q);

			if (strncmp(q, "badcount:", 9) == 0) {
				q = e ? e + 1 : NULL;
				continue;
			}
			if (strncmp(q, "bad:", 4) != 0 && strncmp(q, "BAD:!!!!!", 9) != 0)
				break;
			f->lines++;
			if (q[0] == 'B' && !f->first[0]) {
				const char *b = q + 9;

				while (b < le && (*b == ' ' || *b == '\t'))
					b++;
				snprintf(f->first, sizeof(f->first), "%.*s",
					 (int)(le - b < 60 ? le - b : 60), b);
			}
			for (unsigned i = 0; tokens && tokens[i] && !f->hit; i++) {
				if (names_word(q, le, tokens[i]))
					f->hit = tokens[i];
			}
			q = e ? e + 1 : NULL;
		}
		p = q ? q : name;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		bool known = false;

		/* a file parsed by both passes is reported once */
		for (size_t j = 0; j < t->problems.n && !known; j++) {
			const struct gmcsim_scan_problem *pr =
				(const struct gmcsim_scan_problem *)t->problems.data + j;

			known = strcmp(pr->file, files[i].file) == 0 &&
				strncmp(pr->what, "spatch could not parse", 22) == 0;
		}
		if (known)
			continue;
		if (files[i].hit)
			rc = gmcsim_scan_tree_problem(
				t, files[i].file, true,
				"spatch could not parse %u lines (at '%s'), "
				"among them a use of %s: a site may be missing",
				files[i].lines, files[i].first, files[i].hit);
		else
			rc = gmcsim_scan_tree_problem(t, files[i].file, false,
						      "spatch could not parse %u lines (at '%s'); "
						      "they name no kernel-BO helper",
						      files[i].lines, files[i].first);
	}
	free(files);
	return rc;
}
