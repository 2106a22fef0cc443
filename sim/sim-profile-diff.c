/* SPDX-License-Identifier: MIT */
/*
 * What differs between two vGPU profiles, as bits and in words: the header
 * of `gmcsim check --from A --to B` says it the way a built-in pair's
 * "changes" does.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "util.h"

/* XGMI info as the driver derives it; all zero when off or refused. */
static struct gmc_xgmi
xgmi_of(const struct gmcsim_profile *p)
{
	struct gmc_xgmi x;

	if (gmc_xgmi_info(p->asic, &p->regs, p->params.connected_to_cpu, &x, NULL) != 0)
		memset(&x, 0, sizeof(x));
	return x;
}

static bool
same_reg(const struct gmcsim_profile *a, const struct gmcsim_profile *b, enum gmc_reg r)
{
	return a->regs.value[r] == b->regs.value[r];
}

static bool
same_params(const struct gmc_params *a, const struct gmc_params *b)
{
	return a->gart_size_mb == b->gart_size_mb && a->agp == b->agp &&
	       a->vramlimit_mb == b->vramlimit_mb && a->vis_vramlimit_mb == b->vis_vramlimit_mb &&
	       a->smu_prv_buffer_size == b->smu_prv_buffer_size && a->sriov == b->sriov &&
	       a->connected_to_cpu == b->connected_to_cpu && a->pre_6_17 == b->pre_6_17;
}

static bool
same_bar(const struct gmcsim_bar *a, const struct gmcsim_bar *b, bool with_address)
{
	return a->index == b->index && a->role == b->role && a->size == b->size &&
	       a->is_64 == b->is_64 && a->prefetchable == b->prefetchable &&
	       (!with_address || a->address == b->address);
}

static bool
same_bars(const struct gmcsim_pci *a, const struct gmcsim_pci *b, bool with_address)
{
	if (a->n_bars != b->n_bars)
		return false;
	for (unsigned i = 0; i < a->n_bars && i < GMCSIM_MAX_BARS; i++) {
		if (!same_bar(&a->bars[i], &b->bars[i], with_address))
			return false;
	}
	return true;
}

static bool
same_ip(const struct gmcsim_ip *a, const struct gmcsim_ip *b)
{
	return a->mp0 == b->mp0 && a->mp1 == b->mp1 && a->vcn == b->vcn && a->jpeg == b->jpeg &&
	       a->display == b->display && a->xcc == b->xcc && a->vcn_inst == b->vcn_inst &&
	       a->pg == b->pg;
}

static bool
same_driver(const struct gmcsim_driver *a, const struct gmcsim_driver *b)
{
	return a->fw_load == b->fw_load && a->one_vf == b->one_vf &&
	       memcmp(a->fw, b->fw, sizeof(a->fw)) == 0 && a->params == b->params &&
	       a->host == b->host;
}

static bool
same_identity(const struct gmcsim_identity *a, const struct gmcsim_identity *b)
{
	return strcmp(a->serial_number, b->serial_number) == 0 &&
	       strcmp(a->unique_id, b->unique_id) == 0 &&
	       strcmp(a->xgmi_device_id, b->xgmi_device_id) == 0 &&
	       strcmp(a->fru_id, b->fru_id) == 0;
}

GMCSIM_EXPORT unsigned
gmcsim_profile_diff(const struct gmcsim_profile *from, const struct gmcsim_profile *to)
{
	const struct gmcsim_pci *pa, *pb;
	struct gmc_xgmi xa, xb;
	unsigned c = 0;

	if (!from || !to || !from->asic || !to->asic)
		return 0;
	pa = &from->pci;
	pb = &to->pci;
	xa = xgmi_of(from);
	xb = xgmi_of(to);
	if (from->asic != to->asic)
		c |= GMCSIM_CHANGE_PART;
	if ((xa.num_physical_nodes != 0) != (xb.num_physical_nodes != 0) ||
	    xa.physical_node_id != xb.physical_node_id)
		c |= GMCSIM_CHANGE_XGMI_NODE;
	if (xa.num_physical_nodes && xb.num_physical_nodes &&
	    (xa.num_physical_nodes != xb.num_physical_nodes ||
	     xa.node_segment_size != xb.node_segment_size))
		c |= GMCSIM_CHANGE_XGMI_HIVE;
	/* register bits the derived info does not show still differ */
	if (!(c & (GMCSIM_CHANGE_XGMI_NODE | GMCSIM_CHANGE_XGMI_HIVE)) &&
	    (!same_reg(from, to, GMC_REG_XGMI_LFB_CNTL) ||
	     !same_reg(from, to, GMC_REG_XGMI_LFB_SIZE)))
		c |= GMCSIM_CHANGE_XGMI_HIVE;
	if (!same_reg(from, to, GMC_REG_FB_LOCATION_BASE) ||
	    !same_reg(from, to, GMC_REG_FB_LOCATION_TOP))
		c |= GMCSIM_CHANGE_FB_LOCATION;
	if (!same_reg(from, to, GMC_REG_FB_OFFSET))
		c |= GMCSIM_CHANGE_FB_OFFSET;
	if (from->params.vram_size != to->params.vram_size ||
	    from->params.visible_vram_size != to->params.visible_vram_size)
		c |= GMCSIM_CHANGE_VRAM;
	if (!same_params(&from->params, &to->params))
		c |= GMCSIM_CHANGE_PARAMS;
	if (pa->vendor != pb->vendor || pa->device != pb->device || pa->revision != pb->revision ||
	    pa->subsystem_vendor != pb->subsystem_vendor ||
	    pa->subsystem_device != pb->subsystem_device)
		c |= GMCSIM_CHANGE_PCI_ID;
	if (!same_bars(pa, pb, true))
		c |= GMCSIM_CHANGE_BARS;
	if (strcmp(pa->bus, pb->bus) != 0 || pa->is_vf != pb->is_vf ||
	    pa->msix_address != pb->msix_address || pa->msix_data != pb->msix_data)
		c |= GMCSIM_CHANGE_SLOT;
	if (!same_identity(&from->identity, &to->identity))
		c |= GMCSIM_CHANGE_IDENTITY;
	if (!same_ip(&from->ip, &to->ip))
		c |= GMCSIM_CHANGE_IP;
	if (!same_driver(&from->driver, &to->driver))
		c |= GMCSIM_CHANGE_DRIVER;
	return c;
}

/* The text being built: items joined by ", ", and whether one did not fit. */
struct diff_text {
	char *buf;
	size_t len, used;
	bool cut;
};

__attribute__((format(printf, 2, 3))) static void
item(struct diff_text *t, const char *fmt, ...)
{
	char one[GMCSIM_TEXT_MAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(one, sizeof(one), fmt, ap);
	va_end(ap);
	n = strlen(one) + (t->used ? 2 : 0);
	if (t->cut || t->used + n >= t->len) {
		t->cut = true;
		return;
	}
	t->used += (size_t)snprintf(t->buf + t->used, t->len - t->used, "%s%s", t->used ? ", " : "",
				    one);
}

static const char *
node_text(const struct gmc_xgmi *x, char *buf, size_t len)
{
	if (!x->num_physical_nodes)
		return "none";
	snprintf(buf, len, "%u", x->physical_node_id);
	return buf;
}

/* Each difference with its values. */
static void
values_text(const struct gmcsim_profile *a, const struct gmcsim_profile *b, unsigned c,
	    struct diff_text *t)
{
	const uint32_t *ra = a->regs.value, *rb = b->regs.value;
	struct gmc_xgmi xa = xgmi_of(a), xb = xgmi_of(b);
	char s1[32], s2[32];

	if (c & GMCSIM_CHANGE_PART)
		item(t, "part %s -> %s", gmc_asic_name(a->asic), gmc_asic_name(b->asic));
	if (c & GMCSIM_CHANGE_XGMI_NODE)
		item(t, "xgmi node id %s -> %s", node_text(&xa, s1, sizeof(s1)),
		     node_text(&xb, s2, sizeof(s2)));
	if ((c & GMCSIM_CHANGE_XGMI_HIVE) && xa.num_physical_nodes != xb.num_physical_nodes &&
	    xa.num_physical_nodes && xb.num_physical_nodes)
		item(t, "hive of %u -> %u nodes", xa.num_physical_nodes, xb.num_physical_nodes);
	else if ((c & GMCSIM_CHANGE_XGMI_HIVE) && xa.node_segment_size != xb.node_segment_size)
		item(t, "node segment %s -> %s",
		     gmcsim_size_str(xa.node_segment_size, s1, sizeof(s1)),
		     gmcsim_size_str(xb.node_segment_size, s2, sizeof(s2)));
	else if (c & GMCSIM_CHANGE_XGMI_HIVE)
		item(t, "xgmi registers");
	if (c & GMCSIM_CHANGE_FB_LOCATION)
		item(t, "FB location 0x%" PRIx32 "-0x%" PRIx32 " -> 0x%" PRIx32 "-0x%" PRIx32,
		     ra[GMC_REG_FB_LOCATION_BASE], ra[GMC_REG_FB_LOCATION_TOP],
		     rb[GMC_REG_FB_LOCATION_BASE], rb[GMC_REG_FB_LOCATION_TOP]);
	if (c & GMCSIM_CHANGE_FB_OFFSET)
		item(t, "mc_fb_offset 0x%" PRIx32 " -> 0x%" PRIx32, ra[GMC_REG_FB_OFFSET],
		     rb[GMC_REG_FB_OFFSET]);
	if ((c & GMCSIM_CHANGE_VRAM) && a->params.vram_size != b->params.vram_size)
		item(t, "VRAM %s -> %s", gmcsim_size_str(a->params.vram_size, s1, sizeof(s1)),
		     gmcsim_size_str(b->params.vram_size, s2, sizeof(s2)));
	else if (c & GMCSIM_CHANGE_VRAM)
		item(t, "visible VRAM");
	if ((c & GMCSIM_CHANGE_PARAMS) && a->params.sriov != b->params.sriov)
		item(t, "SR-IOV %s -> %s", a->params.sriov ? "yes" : "no",
		     b->params.sriov ? "yes" : "no");
	else if (c & GMCSIM_CHANGE_PARAMS)
		item(t, "driver inputs");
	if (c & GMCSIM_CHANGE_PCI_ID)
		item(t, "PCI id %04x:%04x -> %04x:%04x", a->pci.vendor, a->pci.device,
		     b->pci.vendor, b->pci.device);
	if ((c & GMCSIM_CHANGE_BARS) && same_bars(&a->pci, &b->pci, false))
		item(t, "BAR addresses");
	else if (c & GMCSIM_CHANGE_BARS)
		item(t, "BARs");
	if (c & GMCSIM_CHANGE_SLOT)
		item(t, "PCI slot or MSI-X");
	if (c & GMCSIM_CHANGE_IDENTITY)
		item(t, "identity values");
	if (c & GMCSIM_CHANGE_IP)
		item(t, "IP versions");
	if ((c & GMCSIM_CHANGE_DRIVER) && a->driver.one_vf != b->driver.one_vf)
		item(t, "%s -> %s", a->driver.one_vf ? "one-VF" : "multi-VF",
		     b->driver.one_vf ? "one-VF" : "multi-VF");
	else if (c & GMCSIM_CHANGE_DRIVER)
		item(t, "driver facts");
}

/* Only the names, in the order of enum gmcsim_profile_change. */
static void
names_text(unsigned c, struct diff_text *t)
{
	static const char *const names[] = {
		"part",		 "xgmi node id",    "hive",
		"FB location",	 "mc_fb_offset",    "VRAM",
		"driver inputs", "PCI id",	    "BARs",
		"PCI slot",	 "identity values", "IP versions",
		"driver facts",
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (c & (1u << i))
			item(t, "%s", names[i]);
	}
}

GMCSIM_EXPORT int
gmcsim_profile_diff_text(const struct gmcsim_profile *from, const struct gmcsim_profile *to,
			 char *buf, size_t len)
{
	struct diff_text t = { .buf = buf, .len = len };
	unsigned c;

	if (!from || !to || !from->asic || !to->asic || !buf || !len)
		return -EINVAL;
	c = gmcsim_profile_diff(from, to);
	buf[0] = '\0';
	if (!c) {
		snprintf(buf, len, "nothing differs");
		return 0;
	}
	values_text(from, to, c, &t);
	if (t.cut) {
		t = (struct diff_text){ .buf = buf, .len = len };
		buf[0] = '\0';
		names_text(c, &t);
	}
	return 0;
}
