/* SPDX-License-Identifier: MIT */
/*
 * The device's table of live BOs: a slot per BO, slots reused through a
 * free stack, ids never reused. The device and the BO helpers both use it
 * and it calls neither (libdrm's amdgpu/handle_table.c serves amdgpu_bo.c
 * and amdgpu_device.c the same way).
 */
#include <stdlib.h>

#include "dev-private.h"

/* Slots the table starts with; it doubles from there. */
#define BO_TABLE_FIRST_CAP 64

int
gmc_bo_table_add(struct gmc_bo_table *t, struct gmc_bo *bo)
{
	uint32_t slot;

	if (t->n_free_slots) {
		slot = t->free_slots[--t->n_free_slots];
	} else {
		if (t->n_slots == t->cap_slots) {
			uint32_t cap = t->cap_slots ? t->cap_slots * 2 : BO_TABLE_FIRST_CAP;
			struct gmc_bo **slots = realloc(t->slots, cap * sizeof(*slots));
			uint32_t *free_slots;

			if (!slots)
				return -ENOMEM;
			t->slots = slots;
			free_slots = realloc(t->free_slots, cap * sizeof(*free_slots));
			if (!free_slots)
				return -ENOMEM;
			t->free_slots = free_slots;
			t->cap_slots = cap;
		}
		slot = t->n_slots++;
	}
	bo->slot = slot;
	bo->id = ++t->last_id;
	t->slots[slot] = bo;
	return 0;
}

void
gmc_bo_table_remove(struct gmc_bo_table *t, struct gmc_bo *bo)
{
	t->slots[bo->slot] = NULL;
	/* cannot overflow: the stack is as large as the slot table */
	t->free_slots[t->n_free_slots++] = bo->slot;
}

struct gmc_bo *
gmc_bo_table_lookup(const struct gmc_bo_table *t, uint32_t slot, uint32_t id)
{
	struct gmc_bo *bo = slot < t->n_slots ? t->slots[slot] : NULL;

	return bo && bo->id == id ? bo : NULL;
}

struct gmc_bo *
gmc_bo_table_next(const struct gmc_bo_table *t, const struct gmc_bo *prev)
{
	for (uint32_t i = prev ? prev->slot + 1 : 0; i < t->n_slots; i++) {
		if (t->slots[i])
			return t->slots[i];
	}
	return NULL;
}

void
gmc_bo_table_fini(struct gmc_bo_table *t)
{
	free(t->slots);
	free(t->free_slots);
	*t = (struct gmc_bo_table){ 0 };
}
