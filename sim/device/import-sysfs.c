/* SPDX-License-Identifier: MIT */
/*
 * The part of a profile a copy of a device's sysfs directory gives: the
 * identity values, the VRAM size, the VF flag, the bus, the PCI ids and the
 * BAR table (what gmcsim_sysfs_read() found, turned into profile fields).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "util.h"

/* mem_info_vram_total is RCC_CONFIG_MEMSIZE, which counts MiB, shifted by 20. */
#define MEMSIZE_SHIFT 20

/* A sysfs identity value into a profile field; a present-but-bad value is an error. */
static int
take_identity(const char *key, const struct gmcsim_sysfs_attr *a, char *field, size_t size,
	      struct gmc_error *err)
{
	field[0] = '\0';
	if (a->present) {
		snprintf(field, size, "%s", a->value);
		return 0;
	}
	switch (a->error) {
	case 0:
		return 0;
	case -EOVERFLOW:
	case -EILSEQ:
	case -EACCES:
	case -EPERM:
		return gmcsim_fail(err, -EINVAL, "identity.%s: sysfs %s is %s", key, key,
				   gmcsim_sysfs_attr_problem(a));
	default:
		/* the driver refuses the read where the part has no such value: none */
		return 0;
	}
}

int
gmcsim_profile_from_sysfs(const struct gmcsim_sysfs_device *dev, struct gmcsim_profile *p,
			  struct gmc_error *err)
{
	struct gmcsim_identity *id = &p->identity;
	int rc = 0;

	if (!dev || !p)
		return gmcsim_fail(err, -EINVAL, "gmcsim_profile_from_sysfs: NULL argument");
	rc = take_identity("serial_number", &dev->serial_number, id->serial_number,
			   sizeof(id->serial_number), err);
	if (rc == 0)
		rc = take_identity("unique_id", &dev->unique_id, id->unique_id,
				   sizeof(id->unique_id), err);
	if (rc == 0)
		rc = take_identity("xgmi_device_id", &dev->xgmi_device_id, id->xgmi_device_id,
				   sizeof(id->xgmi_device_id), err);
	if (rc == 0)
		rc = take_identity("fru_id", &dev->fru_id, id->fru_id, sizeof(id->fru_id), err);
	if (rc)
		return rc;
	if (dev->have_vram_total) {
		/* real_vram_size is the NBIO memsize in MiB, shifted (peers-and-pci.md §2.3) */
		if (dev->vram_total & ((UINT64_C(1) << MEMSIZE_SHIFT) - 1))
			return gmcsim_fail(err, -EINVAL,
					   "vram_size: mem_info_vram_total %" PRIu64
					   " is not a whole number of MiB",
					   dev->vram_total);
		p->params.vram_size = dev->vram_total;
	}
	p->pci.is_vf = dev->is_vf;
	p->params.sriov = dev->is_vf;
	if (dev->bus[0])
		snprintf(p->pci.bus, sizeof(p->pci.bus), "%s", dev->bus);
	if (dev->have_ids) {
		struct gmcsim_pciid id_info;
		bool si = gmcsim_pciid_lookup(dev->device, dev->revision, &id_info, NULL) == 0 &&
			  strncmp(id_info.generation, "GFX6", 4) == 0;

		p->pci.vendor = dev->vendor;
		p->pci.device = dev->device;
		p->pci.revision = dev->revision;
		p->pci.subsystem_vendor = dev->subsystem_vendor;
		p->pci.subsystem_device = dev->subsystem_device;
		if (dev->have_resource) {
			gmcsim_sysfs_bars(dev->resource, si, &p->pci);
			for (unsigned i = 0; i < p->pci.n_bars; i++) {
				if (p->pci.bars[i].role == GMCSIM_BAR_VRAM)
					p->params.visible_vram_size = p->pci.bars[i].size;
			}
		}
	}
	return 0;
}
