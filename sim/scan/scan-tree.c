/* SPDX-License-Identifier: MIT */
/*
 * The tree being scanned: find the amd driver directory below what the user
 * named, list its .c and .h files, read them, and the kernel version from
 * the top Makefile.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"
#include "util.h"

/* Headers are read for their macros only; the register headers (tens of
 * MiB of object-like #defines) are skipped by size. */
#define HEADER_MAX (256u * 1024u)
/* A .c file larger than this is not driver code a person wrote. */
#define SOURCE_MAX (16u << 20)
/* How deep below the amd directory the walk goes. */
#define WALK_DEPTH 12

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
gmcsim_scan_tree_problem(struct gmcsim_scan_tree *t, const char *file, bool missed, const char *fmt,
			 ...)
{
	struct gmcsim_scan_problem *p = gmcsim_scan_vec_push(&t->problems);
	char buf[512];
	va_list ap;

	if (!p)
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->file = gmcsim_scan_strdup(&t->arena, file);
	p->what = gmcsim_scan_strdup(&t->arena, buf);
	p->missed = missed;
	return p->file && p->what ? 0 : -ENOMEM;
}

struct gmcsim_scan_file *
gmcsim_scan_tree_file(const struct gmcsim_scan_tree *t, size_t index)
{
	return (struct gmcsim_scan_file *)t->files.data + index;
}

/* Read one file into the arena; a failure is a problem, not an error. */
static int
read_one(struct gmcsim_scan_tree *t, struct gmcsim_scan_file *f, const char *abs, off_t size)
{
	size_t limit = f->header ? HEADER_MAX : SOURCE_MAX;
	size_t len = 0;
	char *buf;
	int fd;

	if ((size_t)size > limit) {
		if (f->header)
			return 0;
		return gmcsim_scan_tree_problem(t, f->path, true, "larger than %u MiB, skipped",
						SOURCE_MAX >> 20);
	}
	fd = open(abs, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return gmcsim_scan_tree_problem(t, f->path, !f->header, "cannot read: %s",
						strerror(errno));
	buf = gmcsim_scan_alloc(&t->arena, (size_t)size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (len < (size_t)size) {
		ssize_t r = read(fd, buf + len, (size_t)size - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int e = r < 0 ? errno : EIO;

			close(fd);
			return gmcsim_scan_tree_problem(t, f->path, !f->header, "cannot read: %s",
							strerror(e));
		}
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	if (strlen(buf) != len)
		return gmcsim_scan_tree_problem(t, f->path, !f->header,
						"not C source (it holds a NUL byte), skipped");
	f->text = buf;
	f->len = len;
	return 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int
walk(struct gmcsim_scan_tree *t, const char *rel, unsigned depth)
{
	char abs[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	snprintf(abs, sizeof(abs), "%s%s%s", t->amd, *rel ? "/" : "", rel);
	d = opendir(abs);
	if (!d) {
		if (!*rel)
			return -errno;
		return gmcsim_scan_tree_problem(t, rel, true, "cannot list: %s", strerror(errno));
	}
	while (!rc && (de = readdir(d))) {
		char crel[PATH_MAX], cabs[PATH_MAX];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(crel, sizeof(crel), "%s%s%s", rel, *rel ? "/" : "",
				     de->d_name) >= sizeof(crel))
			continue;
		if ((size_t)snprintf(cabs, sizeof(cabs), "%s/%s", t->amd, crel) >= sizeof(cabs) ||
		    lstat(cabs, &st) != 0)
			continue;
		/* a symlinked source counts (a dangling one is unreadable); a symlinked
		 * directory is not followed, so the walk cannot loop */
		if (S_ISLNK(st.st_mode) &&
		    (ends_with(de->d_name, ".c") || ends_with(de->d_name, ".h"))) {
			if (stat(cabs, &st) != 0) {
				rc = gmcsim_scan_tree_problem(t, crel, ends_with(de->d_name, ".c"),
							      "cannot read: %s", strerror(errno));
				continue;
			}
			if (S_ISDIR(st.st_mode))
				continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < WALK_DEPTH)
				rc = walk(t, crel, depth + 1);
		} else if (S_ISREG(st.st_mode) &&
			   (ends_with(de->d_name, ".c") || ends_with(de->d_name, ".h"))) {
			struct gmcsim_scan_file *f = gmcsim_scan_vec_push(&t->files);

			if (!f)
				rc = -ENOMEM;
			else if (!(f->path = gmcsim_scan_strdup(&t->arena, crel)))
				rc = -ENOMEM;
			else {
				f->header = ends_with(de->d_name, ".h");
				rc = read_one(t, f, cabs, st.st_size);
			}
		}
	}
	closedir(d);
	return rc;
}

static int
by_path(const void *a, const void *b)
{
	const struct gmcsim_scan_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* "VERSION = 6" and friends from the top Makefile. */
static void
read_version(struct gmcsim_scan_tree *t)
{
	char path[PATH_MAX], line[256];
	long v = -1, p = -1, s = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/Makefile", t->root);
	f = fopen(path, "re");
	if (!f)
		return;
	for (int i = 0; i < 40 && fgets(line, sizeof(line), f); i++) {
		if (sscanf(line, "VERSION = %ld", &v) == 1 ||
		    sscanf(line, "PATCHLEVEL = %ld", &p) == 1 ||
		    sscanf(line, "SUBLEVEL = %ld", &s) == 1)
			continue;
	}
	fclose(f);
	/* a version component is small; anything else is not a kernel Makefile */
	if (v < 0 || p < 0 || v > 999 || p > 999 || s > 9999)
		return;
	snprintf(t->kernel, sizeof(t->kernel), "%d.%d", (int)v, (int)p);
	if (s >= 0)
		snprintf(t->version, sizeof(t->version), "%d.%d.%d", (int)v, (int)p, (int)s);
	else
		snprintf(t->version, sizeof(t->version), "%d.%d", (int)v, (int)p);
}

/* The kernel top above an amd directory: four levels up, if it has a Makefile. */
static char *
find_root(struct gmcsim_scan_tree *t, const char *amd)
{
	char path[PATH_MAX], mk[PATH_MAX + 16], real[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/../../../..", amd) >= sizeof(path))
		return NULL;
	snprintf(mk, sizeof(mk), "%s/Makefile", path);
	if (access(mk, R_OK) != 0 || !realpath(path, real))
		return NULL;
	return gmcsim_scan_strdup(&t->arena, real);
}

int
gmcsim_scan_tree_open(const char *dir, struct gmcsim_scan_tree *t, struct gmc_error *err)
{
	char real[PATH_MAX], path[PATH_MAX + 32], q[GMCSIM_SAFE_BUF];
	struct stat st;
	int rc;

	memset(t, 0, sizeof(*t));
	t->files.item = sizeof(struct gmcsim_scan_file);
	t->problems.item = sizeof(struct gmcsim_scan_problem);
	gmcsim_safe_text(dir, q, sizeof(q));
	if (stat(dir, &st) != 0)
		return gmcsim_fail(err, -errno, "%s: %s", q, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return gmcsim_fail(err, -EINVAL,
				   "%s is a file; give the top of a kernel tree or its "
				   "drivers/gpu/drm/amd directory",
				   q);
	if (!realpath(dir, real))
		return gmcsim_fail(err, -errno, "%s: %s", q, strerror(errno));

	snprintf(path, sizeof(path), "%s/drivers/gpu/drm/amd/amdgpu", real);
	if (is_dir(path)) {
		snprintf(path, sizeof(path), "%s/drivers/gpu/drm/amd", real);
		t->amd = gmcsim_scan_strdup(&t->arena, path);
		t->root = gmcsim_scan_strdup(&t->arena, real);
	} else {
		snprintf(path, sizeof(path), "%s/amdgpu", real);
		if (!is_dir(path))
			return gmcsim_fail(err, -ENODEV,
					   "%s holds no amdgpu driver (neither "
					   "drivers/gpu/drm/amd/amdgpu nor amdgpu/ below it)",
					   q);
		t->amd = gmcsim_scan_strdup(&t->arena, real);
		t->root = find_root(t, real);
	}
	if (!t->amd) {
		gmcsim_scan_tree_fini(t);
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	if (t->root)
		read_version(t);

	rc = walk(t, "", 0);
	if (rc) {
		gmcsim_scan_tree_fini(t);
		return gmcsim_fail(err, rc, "cannot read the amd directory of %s: %s", q,
				   strerror(-rc));
	}
	/* readdir order is the file system's; make the result reproducible */
	if (t->files.n)
		qsort(t->files.data, t->files.n, t->files.item, by_path);
	return 0;
}

void
gmcsim_scan_tree_fini(struct gmcsim_scan_tree *t)
{
	gmcsim_scan_vec_fini(&t->files);
	gmcsim_scan_vec_fini(&t->problems);
	gmcsim_scan_arena_fini(&t->arena);
	memset(t, 0, sizeof(*t));
}

/* Call @fn for each identifier of @f outside comments and string literals;
 * stop when it returns true. */
static bool
each_word(const struct gmcsim_scan_file *f, bool (*fn)(void *data, const char *word), void *data)
{
	const char *s = f->text, *end;
	char word[128];

	if (!s)
		return false;
	end = s + f->len;
	while (s < end) {
		if (s[0] == '/' && s + 1 < end && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");

			s = e ? e + 2 : end;
		} else if (s[0] == '/' && s + 1 < end && s[1] == '/') {
			const char *e = strchr(s, '\n');

			s = e ? e : end;
		} else if (*s == '"' || *s == '\'') {
			char quote = *s++;

			while (s < end && *s != quote && *s != '\n')
				s += (*s == '\\' && s + 1 < end) ? 2 : 1;
			s++;
		} else if (gmcsim_scan_ident_start((unsigned char)*s)) {
			const char *w = s;

			while (s < end && gmcsim_scan_ident_char((unsigned char)*s))
				s++;
			if ((size_t)(s - w) < sizeof(word)) {
				memcpy(word, w, (size_t)(s - w));
				word[s - w] = '\0';
				if (fn(data, word))
					return true;
			}
		} else if (*s >= '0' && *s <= '9') {
			while (s < end && gmcsim_scan_ident_char((unsigned char)*s))
				s++;
		} else {
			s++;
		}
	}
	return false;
}

static bool
in_map(void *data, const char *word)
{
	size_t v;

	return gmcsim_scan_map_get(data, word, &v);
}

bool
gmcsim_scan_file_mentions(const struct gmcsim_scan_file *f, const struct gmcsim_scan_map *names)
{
	if (!names->n)
		return false;
	return each_word(f, in_map, (void *)names);
}

struct counting {
	struct gmcsim_scan_tree *t;
	struct gmcsim_scan_map *counts; /* word -> files << 20 | last file + 1 */
	size_t file;
	int rc;
};

/* How many files name each word: the low 20 bits remember the last file, so
 * a word counts once per file. */
static bool
count_word(void *data, const char *word)
{
	struct counting *c = data;
	size_t v, files = 0;
	const char *key = word;

	if (gmcsim_scan_map_get(c->counts, word, &v)) {
		if ((v & 0xfffff) == c->file + 1)
			return false;
		/* the map keeps its own copy of the key: @word only finds it */
		files = v >> 20;
	} else {
		key = gmcsim_scan_strdup(&c->t->arena, word);
		if (!key) {
			c->rc = -ENOMEM;
			return true;
		}
	}
	if (gmcsim_scan_map_put(c->counts, key, ((files + 1) << 20) | (c->file + 1))) {
		c->rc = -ENOMEM;
		return true;
	}
	return false;
}

int
gmcsim_scan_tree_word_files(struct gmcsim_scan_tree *t, struct gmcsim_scan_map *counts)
{
	struct counting c = { .t = t, .counts = counts };

	for (size_t i = 0; i < t->files.n && !c.rc; i++) {
		const struct gmcsim_scan_file *f = gmcsim_scan_tree_file(t, i);

		if (f->header || !f->text)
			continue;
		c.file = i;
		each_word(f, count_word, &c);
	}
	for (size_t i = 0; !c.rc && i < counts->cap; i++) {
		if (counts->keys[i])
			counts->values[i] >>= 20;
	}
	return c.rc;
}
