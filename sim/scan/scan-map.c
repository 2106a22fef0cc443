/* SPDX-License-Identifier: MIT */
/* A string -> index map with open addressing, and lists of records threaded
 * through it: names in the call graph, records by the name they hang on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* FNV-1a: short identifiers, no adversary. */
static size_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ull;
	}
	return (size_t)h;
}

static size_t
slot_of(const struct gmcsim_scan_map *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool
gmcsim_scan_map_get(const struct gmcsim_scan_map *m, const char *key, size_t *value)
{
	size_t i;

	if (!m->cap)
		return false;
	i = slot_of(m, key);
	if (!m->keys[i])
		return false;
	*value = m->values[i];
	return true;
}

static int
grow(struct gmcsim_scan_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	struct gmcsim_scan_map n = { 0 };

	n.keys = calloc(ncap, sizeof(*n.keys));
	n.values = calloc(ncap, sizeof(*n.values));
	if (!n.keys || !n.values) {
		free(n.keys);
		free(n.values);
		return -ENOMEM;
	}
	n.cap = ncap;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t j = slot_of(&n, m->keys[i]);

			n.keys[j] = m->keys[i];
			n.values[j] = m->values[i];
			n.n++;
		}
	}
	free(m->keys);
	free(m->values);
	*m = n;
	return 0;
}

int
gmcsim_scan_map_put(struct gmcsim_scan_map *m, const char *key, size_t value)
{
	size_t i;

	/* keep the load under 1/2 so probes stay short */
	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -ENOMEM;
	i = slot_of(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->n++;
	}
	m->values[i] = value;
	return 0;
}

void
gmcsim_scan_map_fini(struct gmcsim_scan_map *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}

int
gmcsim_scan_list_push(struct gmcsim_scan_map *heads, uint32_t *next, const char *key, uint32_t i)
{
	next[i] = gmcsim_scan_list_head(heads, key);
	return gmcsim_scan_map_put(heads, key, i);
}

uint32_t
gmcsim_scan_list_head(const struct gmcsim_scan_map *heads, const char *key)
{
	size_t v;

	return gmcsim_scan_map_get(heads, key, &v) ? (uint32_t)v : UINT32_MAX;
}
