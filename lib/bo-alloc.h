#ifndef GMC_BO_ALLOC_H
#define GMC_BO_ALLOC_H
#include <stddef.h>
#include <stdint.h>
struct gmc_range_alloc;
int gmc_range_alloc_new(uint64_t size, struct gmc_range_alloc **out);
void gmc_range_alloc_destroy(struct gmc_range_alloc *ra);
int gmc_range_alloc_get(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit, uint64_t *start);
int gmc_range_alloc_get_at(struct gmc_range_alloc *ra, uint64_t start, uint64_t size);
int gmc_range_alloc_put(struct gmc_range_alloc *ra, uint64_t start, uint64_t size);
int gmc_range_alloc_resize(struct gmc_range_alloc *ra, uint64_t new_size);
uint64_t gmc_range_alloc_size(const struct gmc_range_alloc *ra);
uint64_t gmc_range_alloc_free_bytes(const struct gmc_range_alloc *ra);
#endif
