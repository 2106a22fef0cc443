/* placeholder: naive sorted array of used ranges */
#include <errno.h>
#include <stdlib.h>
#include "bo-alloc.h"
struct r { uint64_t s, n; };
struct gmc_range_alloc { uint64_t size; struct r *u; size_t n, cap; };
int gmc_range_alloc_new(uint64_t size, struct gmc_range_alloc **out) { *out = calloc(1, sizeof(**out)); (*out)->size = size; return 0; }
void gmc_range_alloc_destroy(struct gmc_range_alloc *ra) { if (ra) { free(ra->u); free(ra);} }
static int ins(struct gmc_range_alloc *ra, uint64_t s, uint64_t n) {
  if (ra->n == ra->cap) { ra->cap = ra->cap ? ra->cap*2 : 16; ra->u = realloc(ra->u, ra->cap*sizeof(*ra->u)); }
  size_t i = 0; while (i < ra->n && ra->u[i].s < s) i++;
  for (size_t j = ra->n; j > i; j--) ra->u[j] = ra->u[j-1];
  ra->u[i] = (struct r){s, n}; ra->n++; return 0; }
int gmc_range_alloc_get(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit, uint64_t *start) {
  uint64_t end = limit < ra->size ? limit : ra->size; uint64_t cur = 0;
  for (size_t i = 0; i <= ra->n; i++) {
    uint64_t s = (cur + align - 1) & ~(align - 1);
    uint64_t gap_end = i < ra->n ? ra->u[i].s : end; if (gap_end > end) gap_end = end;
    if (s >= cur && s + size >= s && s + size <= gap_end) { *start = s; return ins(ra, s, size); }
    if (i < ra->n) cur = ra->u[i].s + ra->u[i].n;
  }
  return -ENOSPC; }
int gmc_range_alloc_get_at(struct gmc_range_alloc *ra, uint64_t s, uint64_t n) {
  if (s + n > ra->size) return -ERANGE;
  for (size_t i = 0; i < ra->n; i++) if (s < ra->u[i].s + ra->u[i].n && ra->u[i].s < s + n) return -EBUSY;
  return ins(ra, s, n); }
int gmc_range_alloc_put(struct gmc_range_alloc *ra, uint64_t s, uint64_t n) {
  for (size_t i = 0; i < ra->n; i++) if (ra->u[i].s == s && ra->u[i].n == n) { for (; i + 1 < ra->n; i++) ra->u[i] = ra->u[i+1]; ra->n--; return 0; }
  return -EINVAL; }
int gmc_range_alloc_resize(struct gmc_range_alloc *ra, uint64_t ns) { ra->size = ns; return 0; }
uint64_t gmc_range_alloc_size(const struct gmc_range_alloc *ra) { return ra->size; }
uint64_t gmc_range_alloc_free_bytes(const struct gmc_range_alloc *ra) { uint64_t f = ra->size; for (size_t i = 0; i < ra->n; i++) f -= ra->u[i].n; return f; }
