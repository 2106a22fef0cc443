/* SPDX-License-Identifier: MIT */
/*
 * Real devices through libpciaccess (peers-and-pci.md §2.1): list the AMD
 * GPUs with their BARs, ids, part and sysfs identity, and capture one as a
 * vGPU profile.
 *
 * Read-only by construction. The only pci_device_map_range() call in
 * gmcsim is in read_registers() below and passes the constant 0 as its map
 * flags (never PCI_DEV_MAP_FLAG_WRITABLE), so libpciaccess opens
 * resourceN O_RDONLY and maps it PROT_READ: a store through the mapping
 * would fault instead of reaching the device. Nothing calls
 * pci_device_enable(), a config-space write or the vgaarb calls, and only
 * the five MC/XGMI registers are ever read. The unit tests check the flags
 * the map call receives, and that the other calls never happen.
 *
 * Where a register is in the BAR: gmcsim_reg_location() gives the hub, its
 * SOC15 BASE_IDX and the dword offset within that hub's segment; the
 * segment starts at the dword address base_addr[BASE_IDX] of the hub's
 * instance 0 in sysfs ip_discovery. So the byte offset in the MMIO BAR is
 *
 *     (base_addr[BASE_IDX] + dword) * 4
 *
 * the SOC15_REG_OFFSET() computation of the driver (adev->reg_offset[hub]
 * [inst][idx] + reg) times the register width. The UMR example
 * `MMIO@0xA5AC ; mmMC_VM_FB_OFFSET` (peers-and-pci.md §1.1) is exactly this
 * for Vega10: (0x2000 + 0x96b) * 4 = 0xA5AC.
 *
 * Every libpciaccess path ends in pci_system_cleanup(), including a failed
 * pci_system_init() (which may leave its device list allocated).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pciaccess.h>

#include "device.h"
#include "sim-profile.h"
#include "util.h"

/* The driver reads these registers 32 bits wide (RREG32). */
#define REG_BYTES 4u
/* What a read returns when the device does not answer: every bit set. */
#define REG_NO_DEVICE UINT32_MAX

/* libpciaccess returns positive errno values; a negative one passes through. */
static int
neg_errno(int rc)
{
	return rc > 0 ? -rc : rc;
}

static const char *
root_of(const struct gmcsim_probe_opts *opts)
{
	return opts && opts->sysfs_root ? opts->sysfs_root : GMCSIM_SYSFS_PCI_ROOT;
}

static void
bus_of(const struct pci_device *dev, char *out, size_t len)
{
	snprintf(out, len, "%04x:%02x:%02x.%x", dev->domain, dev->bus, dev->dev, dev->func);
}

static bool
is_amd_gpu(const struct pci_device *dev)
{
	return dev->vendor_id == GMCSIM_PCI_VENDOR_AMD &&
	       gmcsim_pci_class_is_gpu(dev->device_class);
}

/* pci_system_init(), cleaning up after a failure too. */
static int
system_init(struct gmc_error *err)
{
	int rc = pci_system_init();

	if (rc == 0)
		return 0;
	pci_system_cleanup();
	rc = neg_errno(rc);
	return gmcsim_fail(
		err, rc,
		"libpciaccess cannot enumerate PCI devices: pci_system_init() failed: %s "
		"(it reads %s)",
		strerror(-rc), GMCSIM_SYSFS_PCI_ROOT);
}

/* An iterator over every function: any ids, any class. */
static struct pci_device_iterator *
iterator_all(void)
{
	static const struct pci_id_match any = {
		.vendor_id = PCI_MATCH_ANY,
		.device_id = PCI_MATCH_ANY,
		.subvendor_id = PCI_MATCH_ANY,
		.subdevice_id = PCI_MATCH_ANY,
		.device_class = 0,
		.device_class_mask = 0,
		.match_data = 0,
	};

	return pci_id_match_iterator_create(&any);
}

/* BARs from the probed regions; regions of size 0 are unassigned (§2.1). */
static void
bars_of(const struct pci_device *dev, bool si, struct gmcsim_pci *pci)
{
	pci->n_bars = 0;
	for (unsigned i = 0; i < GMCSIM_MAX_BARS; i++) {
		const struct pci_mem_region *r = &dev->regions[i];
		struct gmcsim_bar *b = &pci->bars[pci->n_bars];

		if (r->size == 0)
			continue;
		memset(b, 0, sizeof(*b));
		b->index = i;
		b->address = r->base_addr;
		b->size = r->size;
		b->is_64 = !r->is_IO && r->is_64;
		b->prefetchable = !r->is_IO && r->is_prefetchable;
		b->role = gmcsim_bar_role_of(i, r->is_IO, b->is_64, b->prefetchable, si);
		pci->n_bars++;
	}
}

/* Describe one AMD GPU function: ids, driver, BARs, sysfs, part. */
static int
describe(struct pci_device *dev, const char *root, struct gmcsim_probe_gpu *g,
	 struct gmc_error *err)
{
	char dir[4096];
	bool si;
	int rc;

	memset(g, 0, sizeof(*g));
	bus_of(dev, g->pci.bus, sizeof(g->pci.bus));
	g->pci.vendor = dev->vendor_id;
	g->pci.device = dev->device_id;
	g->pci.revision = dev->revision;
	g->pci.subsystem_vendor = dev->subvendor_id;
	g->pci.subsystem_device = dev->subdevice_id;
	g->device_class = dev->device_class;
	g->kernel_driver = pci_device_has_kernel_driver(dev) != 0;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", root, g->pci.bus) >= sizeof(dir))
		return gmcsim_fail(err, -ENAMETOOLONG, "the sysfs root path is too long");
	rc = gmcsim_sysfs_read(dir, 0, &g->sysfs, err);
	if (rc)
		return rc;
	g->pci.is_vf = g->sysfs.is_vf;

	gmcsim_identify(dev->device_id, dev->revision, &g->sysfs.gc, &g->ident);
	si = g->ident.in_table && strncmp(g->ident.id.generation, "GFX6", 4) == 0;

	rc = pci_device_probe(dev);
	if (rc)
		g->probe_error = neg_errno(rc);
	else
		bars_of(dev, si, &g->pci);
	return 0;
}

/* Append one element of @size to *@arr (count *@n, capacity *@cap). */
static void *
grow(void **arr, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *p = realloc(*arr, ncap * size);

		if (!p)
			return NULL;
		*arr = p;
		*cap = ncap;
	}
	return (char *)*arr + (*n)++ * size;
}

void
gmcsim_probe_result_free(struct gmcsim_probe_result *result)
{
	if (!result)
		return;
	free(result->gpus);
	free(result->others);
	free(result);
}

int
gmcsim_probe_scan(const struct gmcsim_probe_opts *opts, struct gmcsim_probe_result **out,
		  struct gmc_error *err)
{
	struct gmcsim_probe_result *res;
	struct pci_device_iterator *it;
	struct pci_device *dev;
	size_t cap_gpus = 0, cap_others = 0;
	int rc;

	if (!out)
		return gmcsim_fail(err, -EINVAL, "gmcsim_probe_scan: NULL argument");
	res = calloc(1, sizeof(*res));
	if (!res)
		return gmcsim_fail(err, -ENOMEM, "out of memory");
	rc = system_init(err);
	if (rc) {
		free(res);
		return rc;
	}
	it = iterator_all();
	if (!it) {
		pci_system_cleanup();
		free(res);
		return gmcsim_fail(err, -ENOMEM,
				   "libpciaccess could not make a device iterator "
				   "(pci_id_match_iterator_create)");
	}
	while (rc == 0 && (dev = pci_device_next(it)) != NULL) {
		if (is_amd_gpu(dev)) {
			struct gmcsim_probe_gpu *g =
				grow((void **)&res->gpus, &res->n_gpus, &cap_gpus, sizeof(*g));

			rc = g ? describe(dev, root_of(opts), g, err)
			       : gmcsim_fail(err, -ENOMEM, "out of memory");
		} else {
			struct gmcsim_probe_other *o = grow((void **)&res->others, &res->n_others,
							    &cap_others, sizeof(*o));

			if (!o) {
				rc = gmcsim_fail(err, -ENOMEM, "out of memory");
				break;
			}
			bus_of(dev, o->bus, sizeof(o->bus));
			o->vendor = dev->vendor_id;
			o->device = dev->device_id;
			o->device_class = dev->device_class;
		}
	}
	pci_iterator_destroy(it);
	pci_system_cleanup();
	if (rc) {
		gmcsim_probe_result_free(res);
		return rc;
	}
	*out = res;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Capture                                                              */
/* ------------------------------------------------------------------ */

static const struct gmcsim_ip_info *
hub_bases(const struct gmcsim_sysfs_device *s, const char *hub)
{
	return strcmp(hub, "GC") == 0 ? &s->gc : &s->mmhub;
}

/* Where each register the driver reads is in the MMIO BAR; fails before anything is mapped. */
static int
plan_reads(const struct gmcsim_probe_gpu *g, const struct gmc_asic *asic,
	   const struct gmcsim_bar *bar, struct gmcsim_probe_capture_info *info,
	   struct gmc_error *err)
{
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		const struct gmcsim_ip_info *ip;
		struct gmcsim_reg_location loc;
		uint64_t byte;

		info->reg_read[r] = false;
		if (gmcsim_reg_location(asic, (enum gmc_reg)r, &loc) != 0)
			continue; /* the driver never reads it on this part */
		ip = hub_bases(&g->sysfs, loc.hub);
		if (!ip->present || loc.base_idx >= ip->n_bases)
			return gmcsim_fail(
				err, -ENOENT,
				"%s is at %s dword 0x%04" PRIx32 " of BASE_IDX %u, but sysfs "
				"ip_discovery/die/0/%s/0/base_addr %s: the register's address "
				"is unknown",
				gmc_reg_name((enum gmc_reg)r), loc.hub, loc.dword, loc.base_idx,
				loc.hub,
				!ip->present ? "is missing" : "lists too few base addresses");
		/* (base_addr[BASE_IDX] + dword) * 4: see the comment at the top */
		byte = ((uint64_t)ip->base[loc.base_idx] + loc.dword) * REG_BYTES;
		if (byte > bar->size - REG_BYTES)
			return gmcsim_fail(
				err, -ERANGE,
				"%s is at byte 0x%" PRIx64 " ((0x%" PRIx32 " + 0x%" PRIx32
				") * 4), beyond the 0x%" PRIx64 "-byte MMIO BAR%u; the driver "
				"reaches such registers through the PCIe index/data pair, which "
				"needs writes, so gmcsim does not",
				gmc_reg_name((enum gmc_reg)r), byte, ip->base[loc.base_idx],
				loc.dword, bar->size, bar->index);
		info->reg_read[r] = true;
		info->reg_offset[r] = byte;
	}
	return 0;
}

static const struct gmcsim_bar *
mmio_bar(const struct gmcsim_pci *pci)
{
	for (unsigned i = 0; i < pci->n_bars; i++) {
		if (pci->bars[i].role == GMCSIM_BAR_MMIO)
			return &pci->bars[i];
	}
	return NULL;
}

static int
read_registers(struct pci_device *dev, const struct gmcsim_probe_gpu *g,
	       const struct gmc_asic *asic, struct gmc_regs *regs,
	       struct gmcsim_probe_capture_info *info, struct gmc_error *err)
{
	const struct gmcsim_bar *bar = mmio_bar(&g->pci);
	const volatile uint32_t *mmio;
	void *map = NULL;
	bool all_ones = true;
	unsigned n_read = 0;
	int rc;

	if (geteuid() != 0)
		return gmcsim_fail(
			err, -EACCES,
			"reading registers maps %s's MMIO BAR (sysfs resourceN), which needs "
			"root: run as root, or capture without --read-registers",
			g->pci.bus);
	if (!bar)
		return gmcsim_fail(
			err, -ENODEV,
			"%s has no MMIO BAR (a 32-bit non-prefetchable BAR5) to read registers "
			"from",
			g->pci.bus);
	rc = plan_reads(g, asic, bar, info, err);
	if (rc)
		return rc;

	/* Map flags 0: read-only. This is gmcsim's only map call; see the top of the file. */
	rc = neg_errno(pci_device_map_range(dev, bar->address, bar->size, 0, &map));
	if (rc == -EPERM || rc == -EACCES)
		return gmcsim_fail(
			err, rc,
			"mapping %s BAR%u read-only was refused (%s): it needs root, and under "
			"Secure Boot lockdown even root is refused",
			g->pci.bus, bar->index, strerror(-rc));
	if (rc)
		return gmcsim_fail(err, rc,
				   "mapping %s BAR%u read-only failed: pci_device_map_range: %s",
				   g->pci.bus, bar->index, strerror(-rc));
	if (!map)
		return gmcsim_fail(err, -EIO,
				   "pci_device_map_range returned no mapping for %s BAR%u",
				   g->pci.bus, bar->index);

	mmio = map;
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		if (!info->reg_read[r])
			continue;
		regs->value[r] = mmio[info->reg_offset[r] / REG_BYTES];
		all_ones &= regs->value[r] == REG_NO_DEVICE;
		n_read++;
	}
	rc = neg_errno(pci_device_unmap_range(dev, map, bar->size));
	if (rc)
		return gmcsim_fail(err, rc, "unmapping %s BAR%u failed: %s", g->pci.bus, bar->index,
				   strerror(-rc));
	if (n_read && all_ones)
		return gmcsim_fail(
			err, -EIO,
			"every register of %s read 0xffffffff: the GPU is powered down, in "
			"reset or its memory decoding is off (gmcsim never enables it)",
			g->pci.bus);
	info->mmio_bar = bar->index;
	info->registers_read = true;
	return 0;
}

/* The part to capture as: the device's own, or the user's when the device does not say. */
static int
capture_part(const struct gmcsim_probe_opts *opts, const struct gmcsim_probe_gpu *g,
	     const struct gmc_asic **out, struct gmc_error *err)
{
	char a[16];

	if (opts->gc && g->ident.have_gc && gmc_asic_gc(opts->gc) != g->ident.gc)
		return gmcsim_fail(err, -EINVAL,
				   "--gc %s disagrees with the device's GC %u.%u.%u (%s)",
				   gmc_asic_gc_string(opts->gc, a, sizeof(a)),
				   GMC_IP_MAJ(g->ident.gc), GMC_IP_MIN(g->ident.gc),
				   GMC_IP_REV(g->ident.gc), gmcsim_gc_source_name(g->ident.source));
	if (g->ident.asic) {
		*out = g->ident.asic;
		return 0;
	}
	if (opts->read_registers)
		return gmcsim_fail(
			err, -ENOENT,
			"refusing to read registers of %s: %s, so their offsets are unknown",
			g->pci.bus, g->ident.note);
	if (g->ident.have_gc)
		return gmcsim_fail(err, -ENOENT, "%s: %s ('gmcsim asics' lists the modelled parts)",
				   g->pci.bus, g->ident.note);
	if (opts->gc) {
		*out = opts->gc;
		return 0;
	}
	return gmcsim_fail(err, -ENOENT, "the GC version of %s is unknown: give --gc X.Y.Z (%s)",
			   g->pci.bus, g->ident.note);
}

static int
build_profile(const struct gmcsim_probe_opts *opts, const struct gmcsim_probe_gpu *g,
	      const struct gmc_asic *asic, struct gmcsim_profile *p, struct gmc_error *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->asic = asic;
	gmc_params_init(&p->params);
	rc = gmcsim_profile_from_sysfs(&g->sysfs, p, err);
	if (rc)
		return rc;
	rc = sim_profile_default_facts(p);
	if (rc)
		return gmcsim_fail(err, rc, "the part has no defaults for its IP versions");
	/* ids and BARs as libpciaccess reports them */
	p->pci.vendor = g->pci.vendor;
	p->pci.device = g->pci.device;
	p->pci.revision = g->pci.revision;
	p->pci.subsystem_vendor = g->pci.subsystem_vendor;
	p->pci.subsystem_device = g->pci.subsystem_device;
	snprintf(p->pci.bus, sizeof(p->pci.bus), "%s", g->pci.bus);
	p->pci.n_bars = g->pci.n_bars;
	memcpy(p->pci.bars, g->pci.bars, sizeof(p->pci.bars));
	if (opts->vram_size)
		p->params.vram_size = opts->vram_size;
	if (!p->params.vram_size)
		return gmcsim_fail(
			err, -ENOENT,
			"the VRAM size of %s is unknown: sysfs has no mem_info_vram_total "
			"(%s; is amdgpu bound?): give --vram-size",
			g->pci.bus, gmcsim_sysfs_attr_problem(&g->sysfs.vram_total_text));
	for (unsigned i = 0; i < p->pci.n_bars; i++) {
		if (p->pci.bars[i].role == GMCSIM_BAR_VRAM)
			p->params.visible_vram_size = p->pci.bars[i].size;
	}
	if (opts->name)
		snprintf(p->name, sizeof(p->name), "%s", opts->name);
	else
		gmcsim_profile_name_from("probe-", g->pci.bus, p->name, sizeof(p->name));
	snprintf(p->description, sizeof(p->description),
		 "captured by gmcsim probe from %.16s (%04x:%04x rev %02x%s), part from %s, "
		 "registers %s",
		 g->pci.bus, g->pci.vendor, g->pci.device, g->pci.revision,
		 g->pci.is_vf ? ", SR-IOV VF" : "",
		 g->ident.asic ? gmcsim_gc_source_name(g->ident.source) : "the command line",
		 opts->read_registers ? "read from the MMIO BAR" : "not read (all 0)");
	return 0;
}

int
gmcsim_probe_capture(const struct gmcsim_probe_opts *opts, const char *bus,
		     struct gmcsim_profile *out, struct gmcsim_probe_capture_info *info,
		     struct gmc_error *err)
{
	static const struct gmcsim_probe_opts defaults = { 0 };
	struct gmcsim_probe_capture_info local;
	struct pci_device_iterator *it;
	struct pci_device *dev, *found = NULL;
	struct gmcsim_profile p;
	const struct gmc_asic *asic = NULL;
	char want[GMCSIM_NAME_MAX], q[GMCSIM_SAFE_BUF];
	int rc;

	if (!out)
		return gmcsim_fail(err, -EINVAL, "gmcsim_probe_capture: NULL argument");
	if (!opts)
		opts = &defaults;
	if (!info)
		info = &local;
	memset(info, 0, sizeof(*info));
	if (gmcsim_pci_bus_parse(bus, want, sizeof(want)) != 0)
		return gmcsim_fail(err, -EINVAL, "'%s' is not a PCI address like 0000:43:00.0",
				   gmcsim_safe_text(bus ? bus : "", q, sizeof(q)));
	if (opts->read_registers && opts->gc)
		return gmcsim_fail(
			err, -EINVAL,
			"--gc cannot be combined with reading registers: their offsets must "
			"come from the device itself");

	info->system_error = true;
	rc = system_init(err);
	if (rc)
		return rc;
	it = iterator_all();
	if (!it) {
		pci_system_cleanup();
		return gmcsim_fail(err, -ENOMEM,
				   "libpciaccess could not make a device iterator "
				   "(pci_id_match_iterator_create)");
	}
	while (!found && (dev = pci_device_next(it)) != NULL) {
		char have[GMCSIM_NAME_MAX];

		bus_of(dev, have, sizeof(have));
		if (strcmp(have, want) == 0)
			found = dev;
	}
	pci_iterator_destroy(it);
	info->system_error = false;

	if (!found) {
		rc = gmcsim_fail(err, -ENODEV, "no PCI function at %s ('gmcsim probe' lists them)",
				 want);
	} else if (!is_amd_gpu(found)) {
		rc = gmcsim_fail(err, -ENODEV, "%s is %04x:%04x, a %s device, not an AMD GPU", want,
				 found->vendor_id, found->device_id,
				 gmcsim_pci_class_name(found->device_class));
	} else {
		rc = describe(found, root_of(opts), &info->gpu, err);
		info->system_error = rc != 0;
		if (rc == 0 && info->gpu.probe_error)
			rc = gmcsim_fail(err, info->gpu.probe_error,
					 "pci_device_probe(%s) failed: %s", want,
					 strerror(-info->gpu.probe_error));
		if (rc == 0)
			rc = capture_part(opts, &info->gpu, &asic, err);
		if (rc == 0)
			rc = build_profile(opts, &info->gpu, asic, &p, err);
		if (rc == 0 && opts->read_registers)
			rc = read_registers(found, &info->gpu, asic, &p.regs, info, err);
	}
	if (rc == 0)
		rc = gmcsim_profile_validate(&p, err);
	pci_system_cleanup();
	if (rc)
		return rc;
	*out = p;
	return 0;
}
