/* SPDX-License-Identifier: MIT */
/*
 * Memory for one scan: a bump allocator for the many small strings and
 * records (freed at once when the scan is), and a growable array.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* Big enough that a scan of a whole amd tree needs a few hundred chunks. */
#define CHUNK_SIZE (256u * 1024u)

struct gmcsim_scan_chunk {
	struct gmcsim_scan_chunk *next;
	size_t used, size;
	max_align_t data[];
};

void *
gmcsim_scan_alloc(struct gmcsim_scan_arena *a, size_t size)
{
	struct gmcsim_scan_chunk *c = a->chunks;
	size_t align = sizeof(max_align_t);
	size_t need = (size + align - 1) / align * align;
	void *p;

	if (!c || c->size - c->used < need) {
		size_t csize = need > CHUNK_SIZE ? need : CHUNK_SIZE;

		c = malloc(sizeof(*c) + csize);
		if (!c)
			return NULL;
		c->next = a->chunks;
		c->used = 0;
		c->size = csize;
		a->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memset(p, 0, size);
	return p;
}

char *
gmcsim_scan_strndup(struct gmcsim_scan_arena *a, const char *s, size_t len)
{
	char *p = gmcsim_scan_alloc(a, len + 1);

	if (p)
		memcpy(p, s, len);
	return p;
}

char *
gmcsim_scan_strdup(struct gmcsim_scan_arena *a, const char *s)
{
	return gmcsim_scan_strndup(a, s, strlen(s));
}

char *
gmcsim_scan_printf(struct gmcsim_scan_arena *a, const char *fmt, ...)
{
	va_list ap;
	int len;
	char *p;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return NULL;
	p = gmcsim_scan_alloc(a, (size_t)len + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
gmcsim_scan_arena_fini(struct gmcsim_scan_arena *a)
{
	while (a->chunks) {
		struct gmcsim_scan_chunk *next = a->chunks->next;

		free(a->chunks);
		a->chunks = next;
	}
}

void *
gmcsim_scan_vec_push(struct gmcsim_scan_vec *v)
{
	void *p;

	if (v->n == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 16;
		void *nd = realloc(v->data, ncap * v->item);

		if (!nd)
			return NULL;
		v->data = nd;
		v->cap = ncap;
	}
	p = (char *)v->data + v->n * v->item;
	memset(p, 0, v->item);
	v->n++;
	return p;
}

void
gmcsim_scan_vec_fini(struct gmcsim_scan_vec *v)
{
	free(v->data);
	v->data = NULL;
	v->n = v->cap = 0;
}
