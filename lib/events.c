/* SPDX-License-Identifier: MIT */
/*
 * The warnings the driver prints, kept as events a harness can read back.
 * The log is a bounded ring; per-kind counts and drift totals never drop.
 */
#include <stdlib.h>
#include <string.h>

#include "dev-private.h"

static const char *const kind_names[GMC_EVENT_KIND_COUNT] = {
	[GMC_EVENT_FREE_IN_SUSPEND] = "free-in-suspend",
	[GMC_EVENT_UNPIN_UNDERFLOW] = "pin-underflow",
	[GMC_EVENT_RELEASE_PINNED] = "release-pinned",
	[GMC_EVENT_GPU_OFFSET_INVALID] = "gpu-offset-invalid",
	[GMC_EVENT_FB_APER_NOT_VRAM] = "fb-aper-not-vram",
	[GMC_EVENT_PIN_FAILED] = "pin-failed",
	[GMC_EVENT_CREATE_FAILED] = "create-failed",
	[GMC_EVENT_RESERVE_FAILED] = "reserve-failed",
	[GMC_EVENT_ACCOUNTING_DRIFT] = "accounting-drift",
};

GMC_EXPORT const char *
gmc_event_kind_name(enum gmc_event_kind kind)
{
	if ((unsigned)kind >= GMC_EVENT_KIND_COUNT || !kind_names[kind])
		return "unknown";
	return kind_names[kind];
}

static void
add_drift(struct gmc_pin_accounting *total, const struct gmc_pin_accounting *d)
{
	total->vram_pin_size += d->vram_pin_size;
	total->visible_pin_size += d->visible_pin_size;
	total->gart_pin_size += d->gart_pin_size;
}

/* Grow the ring up to GMC_EVENT_LOG_MAX, then overwrite the oldest. */
static struct gmc_event *
next_slot(struct gmc_dev *dev)
{
	if (dev->log_len < dev->log_cap)
		return &dev->log[(dev->log_head + dev->log_len++) % dev->log_cap];
	if (dev->log_cap < GMC_EVENT_LOG_MAX && dev->log_head == 0) {
		size_t cap = dev->log_cap ? dev->log_cap * 2 : 16;
		struct gmc_event *log = realloc(dev->log, cap * sizeof(*log));

		if (log) {
			dev->log = log;
			dev->log_cap = cap;
			return &dev->log[dev->log_len++];
		}
	}
	if (dev->log_cap == 0)
		return NULL; /* no memory for even one event: counts still hold */
	/* full: drop the oldest */
	struct gmc_event *ev = &dev->log[dev->log_head];
	dev->log_head = (dev->log_head + 1) % dev->log_cap;
	return ev;
}

void
gmc_event_record(struct gmc_dev *dev, enum gmc_event_kind kind, const struct gmc_bo *bo,
		 const char *call, const struct gmc_pin_accounting *drift)
{
	struct gmc_event *ev;

	dev->kind_count[kind]++;
	if (drift)
		add_drift(&dev->drift_total, drift);
	ev = next_slot(dev);
	if (!ev)
		return;
	*ev = (struct gmc_event){
		.seq = dev->event_seq++,
		.kind = kind,
		.bo_id = bo ? bo->id : 0,
		.call = call,
		.generation = dev->generation,
	};
	if (bo)
		memcpy(ev->label, bo->label, sizeof(ev->label));
	if (drift)
		ev->drift = *drift;
}

GMC_EXPORT size_t
gmc_dev_event_count(const struct gmc_dev *dev)
{
	return dev->log_len;
}

GMC_EXPORT int
gmc_dev_event_at(const struct gmc_dev *dev, size_t index, struct gmc_event *out)
{
	if (index >= dev->log_len)
		return -ENOENT;
	*out = dev->log[(dev->log_head + index) % dev->log_cap];
	return 0;
}

GMC_EXPORT size_t
gmc_dev_event_kind_count(const struct gmc_dev *dev, enum gmc_event_kind kind)
{
	return (unsigned)kind < GMC_EVENT_KIND_COUNT ? dev->kind_count[kind] : 0;
}

GMC_EXPORT void
gmc_dev_event_drift(const struct gmc_dev *dev, struct gmc_pin_accounting *out)
{
	*out = dev->drift_total;
}

GMC_EXPORT void
gmc_dev_events_clear(struct gmc_dev *dev)
{
	dev->log_len = 0;
	dev->log_head = 0;
	memset(dev->kind_count, 0, sizeof(dev->kind_count));
}
