/* SPDX-License-Identifier: MIT */
/* The device and BO structures behind gmc-dev.h / gmc-bo.h / gmc-addr.h. */
#ifndef GMC_DEV_PRIVATE_H
#define GMC_DEV_PRIVATE_H

#include <gmc/gmc-bo.h>

#include "bo-alloc.h"
#include "gmc-private.h"

/* Base of the kernel virtual addresses GTT BOs are vmapped at (x86-64 vmalloc area). */
#define GMC_KVA_BASE UINT64_C(0xffffc90000000000)

struct gmc_bo {
	uint32_t id;   /* unique, never reused, never 0 */
	uint32_t slot; /* index in dev->slots */
	uint64_t size; /* bytes, page multiple */
	uint64_t align;
	unsigned preferred;	  /* domains asked for at creation */
	unsigned flags;		  /* enum gmc_bo_flags */
	enum gmc_domain mem_type; /* GMC_DOMAIN_NONE while evicted */
	uint64_t offset;	  /* bytes into VRAM or GART */
	unsigned pin_count;
	unsigned refcount;
	bool reserved;
	bool kmapped;
	bool evicted;
	enum gmc_domain pin_mem; /* where the first pin counted it */
	uint64_t pin_visible;	 /* visible bytes the first pin added to the accounting */
	char label[GMC_LABEL_MAX];
};

/* A BO evicted at suspend, by table slot and id (the slot may be reused). */
struct gmc_evicted {
	uint32_t slot, id;
};

/* The live BOs of a device (bo-table.c). */
struct gmc_bo_table {
	struct gmc_bo **slots; /* live BOs by slot; NULL where free */
	uint32_t n_slots, cap_slots;
	uint32_t *free_slots; /* stack of free slot indexes */
	uint32_t n_free_slots;
	uint32_t last_id; /* the newest BO's id; ids start at 1 */
};

struct gmc_dev {
	struct gmc_layout layout;
	uint64_t generation;
	uint64_t bar_base;
	bool in_suspend;

	struct gmc_range_alloc *vram;
	struct gmc_range_alloc *gart;

	struct gmc_bo_table bos;

	struct gmc_evicted *evicted; /* evicted BOs in eviction order (bo-suspend.c) */
	size_t n_evicted, cap_evicted;

	struct gmc_pin_accounting acct;

	struct gmc_event *log; /* ring of the newest events */
	size_t log_cap, log_len, log_head;
	uint64_t event_seq;
	size_t kind_count[GMC_EVENT_KIND_COUNT];
	struct gmc_pin_accounting drift_total;

	int fail_next[GMC_FAIL_POINT_COUNT];
	struct gmc_error err;
};

/*
 * Dependencies run one way: bo.c and bo-suspend.c use dev.c and
 * bo-table.c; dev.c uses bo-table.c; bo-table.c uses nothing of these.
 */

/* bo-table.c */
/* Give @bo a free slot and a new id. -ENOMEM leaves the table as it was. */
int gmc_bo_table_add(struct gmc_bo_table *t, struct gmc_bo *bo);
void gmc_bo_table_remove(struct gmc_bo_table *t, struct gmc_bo *bo);
/* The live BO in @slot if its id is @id, else NULL. */
struct gmc_bo *gmc_bo_table_lookup(const struct gmc_bo_table *t, uint32_t slot, uint32_t id);
/* The live BO after @prev in slot order (the first for NULL), or NULL. */
struct gmc_bo *gmc_bo_table_next(const struct gmc_bo_table *t, const struct gmc_bo *prev);
/* Free the table's arrays; the BOs are the caller's. */
void gmc_bo_table_fini(struct gmc_bo_table *t);

/* dev.c */
/* Record a failure as the device's last error; returns @code. */
int gmc_dev_fail(struct gmc_dev *dev, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A one-shot injected failure for @point, or 0. */
int gmc_dev_take_failure(struct gmc_dev *dev, enum gmc_fail_point point);

/* events.c */
void gmc_event_record(struct gmc_dev *dev, enum gmc_event_kind kind, const struct gmc_bo *bo,
		      const char *call, const struct gmc_pin_accounting *drift);

/* bo.c */
int gmc_bo_place(struct gmc_dev *dev, struct gmc_bo *bo, unsigned domain);
void gmc_bo_release_placement(struct gmc_dev *dev, struct gmc_bo *bo);

/* addr.c */
int gmc_addr_derive(const struct gmc_dev *dev, const struct gmc_bo *bo, enum gmc_addr_kind kind,
		    struct gmc_addr *out);

#endif /* GMC_DEV_PRIVATE_H */
