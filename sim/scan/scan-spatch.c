/* SPDX-License-Identifier: MIT */
/*
 * Running spatch: find the program, write the semantic patch and the file
 * groups into a private temporary directory, start one process per group
 * (as many at once as there are jobs) and collect what they print. A
 * process that fails has its files run one at a time, so the file spatch
 * cannot handle is named and the rest of the scan still counts.
 */
/* posix_spawn_file_actions_addchdir_np(): spatch runs in the amd directory so
 * the file names it prints are the tree's relative paths (glibc >= 2.29). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scan-config.h"
#include "scan.h"
#include "util.h"

extern char **environ;

#define INSTALL_HINT                                                                              \
	"install Coccinelle (Debian and Ubuntu: apt-get install coccinelle; Fedora: dnf install " \
	"coccinelle) or name the program with --spatch PATH or GMCSIM_SPATCH"

/* Look @name up on $PATH (or take it as a path when it has a slash). */
static char *
which(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (!name || !*name)
		return NULL;
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? strdup(name) : NULL;
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);

		if (len &&
		    (size_t)snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name) <
			    sizeof(buf) &&
		    access(buf, X_OK) == 0)
			return strdup(buf);
		path += len + (colon ? 1 : 0);
	}
	return NULL;
}

/* Start @argv with stdout and stderr sent to the given files (NULL: /dev/null). */
static int
spawn(const char *const *argv, const char *cwd, const char *out, const char *err, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int rc;

	if (posix_spawn_file_actions_init(&fa))
		return -ENOMEM;
	rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out ? out : "/dev/null",
						      O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (!rc)
		rc = posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err ? err : "/dev/null",
						      O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (!rc && cwd)
		rc = posix_spawn_file_actions_addchdir_np(&fa, cwd);
	if (!rc)
		rc = posix_spawn(pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return -rc;
}

/* Wait for @pid; return its exit status, or 128 + signal. */
static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 255;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int
gmcsim_scan_spatch_find(const char *hint, char **path, struct gmc_error *err)
{
	const char *env = getenv("GMCSIM_SPATCH");
	const char *argv[3];
	char *p = NULL;
	pid_t pid;
	int rc;

	if (hint)
		p = which(hint);
	else if (env && *env)
		p = which(env);
	else {
		p = which(GMCSIM_SPATCH_PATH);
		if (!p)
			p = which("spatch");
	}
	if (!p) {
		char q[GMCSIM_SAFE_BUF];
		const char *named = hint ? hint : (env && *env) ? env : NULL;

		if (named)
			return gmcsim_fail(err, -ENOENT, "spatch not found at %s: " INSTALL_HINT,
					   gmcsim_safe_text(named, q, sizeof(q)));
		return gmcsim_fail(err, -ENOENT, "spatch (Coccinelle) not found: " INSTALL_HINT);
	}
	argv[0] = p;
	argv[1] = "--version";
	argv[2] = NULL;
	rc = spawn(argv, NULL, NULL, NULL, &pid);
	if (rc) {
		free(p);
		return gmcsim_fail(err, -EIO, "cannot start spatch: %s", strerror(-rc));
	}
	rc = reap(pid);
	if (rc != 0) {
		char q[GMCSIM_SAFE_BUF];

		gmcsim_fail(err, -EIO, "%s --version failed (status %d): " INSTALL_HINT,
			    gmcsim_safe_text(p, q, sizeof(q)), rc);
		free(p);
		return -EIO;
	}
	*path = p;
	return 0;
}

int
gmcsim_scan_spatch_init(struct gmcsim_scan_spatch *s, struct gmc_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char buf[PATH_MAX];

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(buf, sizeof(buf), "%s/gmcsim-scan-XXXXXX", tmp);
	if (!mkdtemp(buf))
		return gmcsim_fail(err, -errno, "cannot create a temporary directory in %s: %s",
				   tmp, strerror(errno));
	s->tmpdir = strdup(buf);
	if (!s->tmpdir) {
		rmdir(buf);
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	}
	return 0;
}

void
gmcsim_scan_spatch_fini(struct gmcsim_scan_spatch *s)
{
	if (s->tmpdir) {
		DIR *d = opendir(s->tmpdir);
		struct dirent *de;

		/* only our own files are in there */
		while (d && (de = readdir(d))) {
			char path[PATH_MAX];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", s->tmpdir, de->d_name);
			unlink(path);
		}
		if (d)
			closedir(d);
		rmdir(s->tmpdir);
	}
	free(s->tmpdir);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

static int
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");
	int rc = 0;

	if (!f)
		return -errno;
	if (fputs(text, f) == EOF)
		rc = -EIO;
	if (fclose(f) != 0 && !rc)
		rc = -EIO;
	return rc;
}

/* Append the whole file @path to the malloc()ed buffer *@buf. */
static int
slurp_append(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "re");
	char chunk[65536];
	size_t n;

	if (!f)
		return 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		char *nb = realloc(*buf, *len + n + 1);

		if (!nb) {
			fclose(f);
			return -ENOMEM;
		}
		*buf = nb;
		memcpy(*buf + *len, chunk, n);
		*len += n;
		(*buf)[*len] = '\0';
	}
	fclose(f);
	return 0;
}

struct group {
	size_t *files; /* indexes into the tree */
	size_t n;
	size_t bytes;
	pid_t pid;
	int status;
};

/* Run @ngroups groups, at most s->jobs at once; fill each one's status. */
static int
run_groups(struct gmcsim_scan_spatch *s, const struct gmcsim_scan_tree *t, const char *cocci_path,
	   struct group *groups, size_t ngroups, unsigned serial, struct gmcsim_scan_output *out)
{
	char timeout[16];
	size_t next = 0, running = 0, done = 0;
	int rc = 0;

	snprintf(timeout, sizeof(timeout), "%u", s->timeout);
	while (done < ngroups) {
		while (!rc && next < ngroups && running < s->jobs) {
			struct group *g = &groups[next];
			char list[PATH_MAX], outp[PATH_MAX], errp[PATH_MAX];
			const char *argv[16];
			unsigned a = 0;
			FILE *f;

			snprintf(list, sizeof(list), "%s/g%u-%zu.lst", s->tmpdir, serial, next);
			snprintf(outp, sizeof(outp), "%s/g%u-%zu.out", s->tmpdir, serial, next);
			snprintf(errp, sizeof(errp), "%s/g%u-%zu.err", s->tmpdir, serial, next);
			f = fopen(list, "we");
			if (!f) {
				rc = -errno;
				break;
			}
			for (size_t i = 0; i < g->n; i++)
				fprintf(f, "%s\n\n", gmcsim_scan_tree_file(t, g->files[i])->path);
			if (fclose(f) != 0) {
				rc = -EIO;
				break;
			}
			argv[a++] = s->path;
			argv[a++] = "--sp-file";
			argv[a++] = cocci_path;
			argv[a++] = "--quiet";
			argv[a++] = "--parse-error-msg";
			argv[a++] = "--no-includes";
			if (s->timeout) {
				argv[a++] = "--timeout";
				argv[a++] = timeout;
			}
			argv[a++] = "--file-groups";
			argv[a++] = list;
			argv[a] = NULL;
			rc = spawn(argv, t->amd, outp, errp, &g->pid);
			if (rc)
				break;
			s->runs++;
			running++;
			next++;
		}
		if (!running)
			break;
		/* wait for the oldest one still running: only our own children, never
		 * waitpid(-1), which could reap a process of the program linking us */
		for (size_t i = 0; i < next; i++) {
			if (groups[i].pid > 0) {
				groups[i].status = reap(groups[i].pid);
				groups[i].pid = 0;
				running--;
				done++;
				break;
			}
		}
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < ngroups; i++) {
		char outp[PATH_MAX], errp[PATH_MAX];

		snprintf(outp, sizeof(outp), "%s/g%u-%zu.out", s->tmpdir, serial, i);
		snprintf(errp, sizeof(errp), "%s/g%u-%zu.err", s->tmpdir, serial, i);
		/* a failed group's output is not trusted: its files run again alone */
		if (groups[i].status == 0) {
			rc = slurp_append(outp, &out->out, &out->out_len);
			if (!rc)
				rc = slurp_append(errp, &out->err, &out->err_len);
			if (rc)
				return rc;
		}
		unlink(outp);
		unlink(errp);
	}
	return 0;
}

int
gmcsim_scan_spatch_run(struct gmcsim_scan_spatch *s, const struct gmcsim_scan_tree *t,
		       const char *cocci, const size_t *which_files, size_t n,
		       struct gmcsim_scan_output *out, struct gmc_error *err)
{
	char cocci_path[PATH_MAX];
	struct group *groups = NULL, *single = NULL;
	size_t *order = NULL, ngroups, nfailed_files = 0, *failed_files = NULL;
	unsigned serial;
	int rc;

	out->failed.item = sizeof(size_t);
	if (!n)
		return 0;
	serial = ++s->serial;
	snprintf(cocci_path, sizeof(cocci_path), "%s/pass%u.cocci", s->tmpdir, serial);
	rc = write_text(cocci_path, cocci);
	if (rc)
		return gmcsim_fail(err, rc, "cannot write %s: %s", cocci_path, strerror(-rc));

	/* largest files first, each to the group with the fewest bytes so far */
	ngroups = n < s->jobs ? n : s->jobs;
	groups = calloc(ngroups, sizeof(*groups));
	order = malloc(n * sizeof(*order));
	if (!groups || !order) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(order, which_files, n * sizeof(*order));
	for (size_t i = 1; i < n; i++) {
		size_t v = order[i], j = i;
		size_t len = gmcsim_scan_tree_file(t, v)->len;

		while (j > 0 && gmcsim_scan_tree_file(t, order[j - 1])->len < len) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
	for (size_t g = 0; g < ngroups; g++) {
		groups[g].files = malloc(n * sizeof(size_t));
		if (!groups[g].files) {
			rc = -ENOMEM;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t best = 0;

		for (size_t g = 1; g < ngroups; g++) {
			if (groups[g].bytes < groups[best].bytes)
				best = g;
		}
		groups[best].files[groups[best].n++] = order[i];
		groups[best].bytes += gmcsim_scan_tree_file(t, order[i])->len;
	}

	rc = run_groups(s, t, cocci_path, groups, ngroups, serial * 2, out);
	if (rc) {
		gmcsim_fail(err, rc, "cannot run spatch: %s", strerror(-rc));
		goto out;
	}

	/* a failed process: its files once more, one at a time */
	for (size_t g = 0; g < ngroups; g++)
		if (groups[g].status != 0)
			nfailed_files += groups[g].n;
	if (nfailed_files) {
		size_t k = 0;

		single = calloc(nfailed_files, sizeof(*single));
		failed_files = malloc(nfailed_files * sizeof(*failed_files));
		if (!single || !failed_files) {
			rc = -ENOMEM;
			goto out;
		}
		for (size_t g = 0; g < ngroups; g++) {
			if (groups[g].status == 0)
				continue;
			for (size_t i = 0; i < groups[g].n; i++) {
				failed_files[k] = groups[g].files[i];
				single[k].files = &failed_files[k];
				single[k].n = 1;
				k++;
			}
		}
		rc = run_groups(s, t, cocci_path, single, nfailed_files, serial * 2 + 1, out);
		if (rc) {
			gmcsim_fail(err, rc, "cannot run spatch: %s", strerror(-rc));
			goto out;
		}
		for (size_t i = 0; i < nfailed_files; i++) {
			size_t *slot;

			if (single[i].status == 0)
				continue;
			slot = gmcsim_scan_vec_push(&out->failed);
			if (!slot) {
				rc = -ENOMEM;
				goto out;
			}
			*slot = failed_files[i];
		}
		if (out->failed.n == n) {
			rc = gmcsim_fail(err, -EIO, "spatch failed on every file (status %d)",
					 single[0].status);
			goto out;
		}
	}
	unlink(cocci_path);
out:
	if (rc == -ENOMEM)
		gmcsim_fail(err, rc, "out of memory");
	for (size_t g = 0; groups && g < ngroups; g++)
		free(groups[g].files);
	free(groups);
	free(order);
	free(single);
	free(failed_files);
	return rc;
}

void
gmcsim_scan_output_fini(struct gmcsim_scan_output *out)
{
	free(out->out);
	free(out->err);
	gmcsim_scan_vec_fini(&out->failed);
	memset(out, 0, sizeof(*out));
}
