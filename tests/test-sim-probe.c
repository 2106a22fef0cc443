/* SPDX-License-Identifier: MIT */
/*
 * The libpciaccess probe and capture with libpciaccess mocked at link time:
 * the test links with -Wl,--wrap=pci_* (tests/meson.build), so every call
 * sim/device/probe.c makes lands in a __wrap_ function below, which serves devices
 * the test describes. The rest of each device (identity, VRAM, ip_discovery,
 * physfn) comes from the sysfs fixtures under tests/data/sysfs/probe/, the
 * root the library takes as a parameter.
 *
 * Expected values come from the fixtures and from hand computation written
 * next to each assertion; the device-id facts come from the reference
 * (peers-and-pci.md §2.3) and docs/profiles.md's sources.
 */
#ifdef NDEBUG
#error "tests keep asserts on: build without NDEBUG"
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>
#include <pciaccess.h>

#include "device.h"
#include "sim-profile.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must point at tests/data"
#endif

#define SYSFS_ROOT TEST_DATA_DIR "/sysfs/probe"
#define MAX_DEVS 8

/* ------------------------------------------------------------------ */
/* The mock                                                             */
/* ------------------------------------------------------------------ */

struct mock {
	struct pci_device devs[MAX_DEVS];
	int probe_rc[MAX_DEVS]; /* what pci_device_probe() returns for each */
	int driver[MAX_DEVS];	/* what pci_device_has_kernel_driver() returns */
	size_t n_devs, next;

	int init_rc;	     /* pci_system_init() */
	bool iterator_fails; /* pci_id_match_iterator_create() returns NULL */
	struct pci_id_match match;
	bool match_null;

	int map_rc;
	void *map_ptr;
	unsigned map_flags;
	pciaddr_t map_base, map_size;
	int unmap_rc;
	void *unmap_ptr;
	pciaddr_t unmap_size;
	uid_t euid;

	unsigned init_calls, cleanup_calls, iter_create_calls, iter_destroy_calls, next_calls;
	unsigned probe_calls, driver_calls, map_calls, unmap_calls, forbidden_calls;
	bool cleaned_up; /* a call after pci_system_cleanup() is a bug */
};

static struct mock m;

/* The opaque iterator the mock hands out. */
static char iterator_token;

int __wrap_pci_system_init(void);
void __wrap_pci_system_cleanup(void);
struct pci_device_iterator *__wrap_pci_id_match_iterator_create(const struct pci_id_match *match);
struct pci_device *__wrap_pci_device_next(struct pci_device_iterator *iter);
void __wrap_pci_iterator_destroy(struct pci_device_iterator *iter);
int __wrap_pci_device_probe(struct pci_device *dev);
int __wrap_pci_device_has_kernel_driver(struct pci_device *dev);
int __wrap_pci_device_map_range(struct pci_device *dev, pciaddr_t base, pciaddr_t size,
				unsigned map_flags, void **addr);
int __wrap_pci_device_unmap_range(struct pci_device *dev, void *memory, pciaddr_t size);
uid_t __wrap_geteuid(void);
/* Calls gmcsim must never make; wrapped so that one would fail the test. */
void __wrap_pci_device_enable(struct pci_device *dev);
int __wrap_pci_device_cfg_write(struct pci_device *dev, const void *data, pciaddr_t offset,
				pciaddr_t size, pciaddr_t *bytes_written);
int __wrap_pci_device_cfg_write_u32(struct pci_device *dev, uint32_t data, pciaddr_t offset);
int __wrap_pci_device_map_region(struct pci_device *dev, unsigned region, int write_enable);
int __wrap_pci_device_map_memory_range(struct pci_device *dev, pciaddr_t base, pciaddr_t size,
				       int write_enable, void **addr);

static size_t
index_of(const struct pci_device *dev)
{
	assert_true(dev >= m.devs && dev < m.devs + m.n_devs);
	return (size_t)(dev - m.devs);
}

int
__wrap_pci_system_init(void)
{
	m.init_calls++;
	return m.init_rc;
}

void
__wrap_pci_system_cleanup(void)
{
	m.cleanup_calls++;
	m.cleaned_up = true;
}

struct pci_device_iterator *
__wrap_pci_id_match_iterator_create(const struct pci_id_match *match)
{
	assert_false(m.cleaned_up);
	m.iter_create_calls++;
	m.match_null = match == NULL;
	if (match)
		m.match = *match;
	if (m.iterator_fails)
		return NULL;
	return (struct pci_device_iterator *)(void *)&iterator_token;
}

struct pci_device *
__wrap_pci_device_next(struct pci_device_iterator *iter)
{
	assert_ptr_equal(iter, &iterator_token);
	assert_false(m.cleaned_up);
	m.next_calls++;
	return m.next < m.n_devs ? &m.devs[m.next++] : NULL;
}

void
__wrap_pci_iterator_destroy(struct pci_device_iterator *iter)
{
	assert_ptr_equal(iter, &iterator_token);
	assert_false(m.cleaned_up);
	m.iter_destroy_calls++;
}

int
__wrap_pci_device_probe(struct pci_device *dev)
{
	assert_false(m.cleaned_up);
	m.probe_calls++;
	return m.probe_rc[index_of(dev)];
}

int
__wrap_pci_device_has_kernel_driver(struct pci_device *dev)
{
	assert_false(m.cleaned_up);
	m.driver_calls++;
	return m.driver[index_of(dev)];
}

int
__wrap_pci_device_map_range(struct pci_device *dev, pciaddr_t base, pciaddr_t size,
			    unsigned map_flags, void **addr)
{
	assert_false(m.cleaned_up);
	index_of(dev);
	m.map_calls++;
	m.map_flags = map_flags;
	m.map_base = base;
	m.map_size = size;
	if (m.map_rc)
		return m.map_rc;
	*addr = m.map_ptr;
	return 0;
}

int
__wrap_pci_device_unmap_range(struct pci_device *dev, void *memory, pciaddr_t size)
{
	assert_false(m.cleaned_up);
	index_of(dev);
	m.unmap_calls++;
	m.unmap_ptr = memory;
	m.unmap_size = size;
	return m.unmap_rc;
}

uid_t
__wrap_geteuid(void)
{
	return m.euid;
}

void
__wrap_pci_device_enable(struct pci_device *dev)
{
	m.forbidden_calls++;
	fail_msg("pci_device_enable() called: gmcsim never enables a device");
}

int
__wrap_pci_device_cfg_write(struct pci_device *dev, const void *data, pciaddr_t offset,
			    pciaddr_t size, pciaddr_t *bytes_written)
{
	m.forbidden_calls++;
	fail_msg("pci_device_cfg_write() called: gmcsim never writes config space");
	return EPERM;
}

int
__wrap_pci_device_cfg_write_u32(struct pci_device *dev, uint32_t data, pciaddr_t offset)
{
	m.forbidden_calls++;
	fail_msg("pci_device_cfg_write_u32() called: gmcsim never writes config space");
	return EPERM;
}

int
__wrap_pci_device_map_region(struct pci_device *dev, unsigned region, int write_enable)
{
	m.forbidden_calls++;
	fail_msg("the deprecated pci_device_map_region() called");
	return EPERM;
}

int
__wrap_pci_device_map_memory_range(struct pci_device *dev, pciaddr_t base, pciaddr_t size,
				   int write_enable, void **addr)
{
	m.forbidden_calls++;
	fail_msg("the deprecated pci_device_map_memory_range() called");
	return EPERM;
}

static int
reset(void **state)
{
	memset(&m, 0, sizeof(m));
	return 0;
}

/* Every path: one init, one cleanup, no call after it, nothing forbidden. */
static void
assert_balanced(void)
{
	assert_int_equal(m.init_calls, 1);
	assert_int_equal(m.cleanup_calls, 1);
	assert_int_equal(m.iter_destroy_calls, m.iter_create_calls - (m.iterator_fails ? 1 : 0));
	assert_int_equal(m.unmap_calls, m.map_calls - (m.map_rc ? 1 : 0));
	assert_int_equal(m.forbidden_calls, 0);
}

/* ------------------------------------------------------------------ */
/* Devices                                                              */
/* ------------------------------------------------------------------ */

static void
region(struct pci_device *d, unsigned i, pciaddr_t base, pciaddr_t size, bool io, bool is_64,
       bool prefetch)
{
	d->regions[i].base_addr = base;
	d->regions[i].size = size;
	d->regions[i].is_IO = io;
	d->regions[i].is_64 = is_64;
	d->regions[i].is_prefetchable = prefetch;
}

static struct pci_device *
add_dev(uint32_t domain, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t vendor, uint16_t device,
	uint8_t rev, uint32_t cls)
{
	struct pci_device *d;

	assert_true(m.n_devs < MAX_DEVS);
	d = &m.devs[m.n_devs];
	memset(d, 0, sizeof(*d));
	d->domain = domain;
	d->domain_16 = (uint16_t)domain;
	d->bus = bus;
	d->dev = dev;
	d->func = fn;
	d->vendor_id = vendor;
	d->device_id = device;
	d->revision = rev;
	d->device_class = cls;
	m.driver[m.n_devs] = 1;
	m.n_devs++;
	return d;
}

/* Intel host bridge, as on this kind of machine: not a GPU. */
static void
add_bridge(void)
{
	add_dev(0, 0, 0, 0, 0x8086, 0x0d57, 0, 0x060000);
}

/*
 * 0000:03:00.0 Vega20 PF (MI50, 0x66a1 rev 02): BAR0 64-bit prefetchable
 * 32 GiB VRAM, BAR2 64-bit prefetchable 2 MiB doorbell, BAR4 I/O, BAR5
 * 32-bit 512 KiB MMIO (the sysfs fixture's resource file holds the same).
 */
static struct pci_device *
add_vega20(void)
{
	struct pci_device *d = add_dev(0, 0x03, 0, 0, 0x1002, 0x66a1, 0x02, 0x038000);

	d->subvendor_id = 0x1002;
	d->subdevice_id = 0x081e;
	region(d, 0, 0x38000000000, 0x800000000, false, true, true);
	region(d, 2, 0x38800000000, 0x200000, false, true, true);
	region(d, 4, 0xe000, 0x100, true, false, false);
	region(d, 5, 0xfcd00000, 0x80000, false, false, false);
	return d;
}

/* 0000:43:00.0 GC 9.4.3 VF (0x74b5): accelerator class, as MI300 functions report. */
static struct pci_device *
add_gc943_vf(void)
{
	struct pci_device *d = add_dev(0, 0x43, 0, 0, 0x1002, 0x74b5, 0x00, 0x120000);

	d->subvendor_id = 0x1002;
	d->subdevice_id = 0x74a5;
	region(d, 0, 0x380000000000, 0x2000000000, false, true, true);
	region(d, 2, 0x382000000000, 0x200000, false, true, true);
	region(d, 5, 0xfd000000, 0x80000, false, false, false);
	return d;
}

/* 0000:44:00.0: an id outside the table and no ip_discovery. */
static struct pci_device *
add_unknown(void)
{
	struct pci_device *d = add_dev(0, 0x44, 0, 0, 0x1002, 0x74a1, 0x00, 0x038000);

	region(d, 0, 0x390000000000, 0x1000000000, false, true, true);
	region(d, 5, 0xfc000000, 0x80000, false, false, false);
	return d;
}

/* ------------------------------------------------------------------ */
/* Scan                                                                 */
/* ------------------------------------------------------------------ */

static struct gmcsim_probe_result *
scan_ok(const char *root)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = root };
	struct gmcsim_probe_result *res = NULL;
	struct gmc_error err = { 0 };
	int rc = gmcsim_probe_scan(&opts, &res, &err);

	if (rc)
		fail_msg("gmcsim_probe_scan = %d (%s)", rc, err.message);
	assert_non_null(res);
	return res;
}

static void
test_scan_zero_devices(void **state)
{
	struct gmcsim_probe_result *res = scan_ok(SYSFS_ROOT);

	assert_int_equal(res->n_gpus, 0);
	assert_int_equal(res->n_others, 0);
	assert_balanced();
	assert_int_equal(m.iter_create_calls, 1);
	/* every device is enumerated: any vendor, any class (§2.1) */
	assert_false(m.match_null);
	assert_int_equal(m.match.vendor_id, PCI_MATCH_ANY);
	assert_int_equal(m.match.device_id, PCI_MATCH_ANY);
	assert_int_equal(m.match.device_class_mask, 0);
	gmcsim_probe_result_free(res);
}

static void
test_scan_non_amd_only(void **state)
{
	struct gmcsim_probe_result *res;

	add_bridge();
	/* AMD, but HDMI audio (class 0x0403): not a GPU */
	add_dev(0, 0x03, 0, 1, 0x1002, 0xab38, 0, 0x040300);
	res = scan_ok(SYSFS_ROOT);
	assert_int_equal(res->n_gpus, 0);
	assert_int_equal(res->n_others, 2);
	assert_string_equal(res->others[0].bus, "0000:00:00.0");
	assert_int_equal(res->others[0].vendor, 0x8086);
	assert_int_equal(res->others[0].device, 0x0d57);
	assert_int_equal(res->others[0].device_class, 0x060000);
	assert_string_equal(res->others[1].bus, "0000:03:00.1");
	/* nothing about a non-GPU is probed */
	assert_int_equal(m.probe_calls, 0);
	assert_int_equal(m.driver_calls, 0);
	assert_balanced();
	gmcsim_probe_result_free(res);
}

static void
test_scan_amd_pf_in_table(void **state)
{
	struct gmcsim_probe_result *res;
	const struct gmcsim_probe_gpu *g;
	const struct gmcsim_bar *b;

	add_bridge();
	add_vega20();
	res = scan_ok(SYSFS_ROOT);
	assert_int_equal(res->n_gpus, 1);
	assert_int_equal(res->n_others, 1);
	g = &res->gpus[0];
	assert_string_equal(g->pci.bus, "0000:03:00.0");
	assert_int_equal(g->pci.vendor, 0x1002);
	assert_int_equal(g->pci.device, 0x66a1);
	assert_int_equal(g->pci.revision, 0x02);
	assert_int_equal(g->pci.subsystem_vendor, 0x1002);
	assert_int_equal(g->pci.subsystem_device, 0x081e);
	assert_false(g->pci.is_vf);
	assert_true(g->kernel_driver);
	assert_string_equal(g->sysfs.driver, "amdgpu");
	/* 0x66a1 is a Vega20 id (docs/profiles.md: MI60/MI50), GC 9.4.0 */
	assert_true(g->ident.in_table);
	assert_string_equal(g->ident.id.chip, "vega20");
	assert_string_equal(g->ident.id.generation, "GFX9");
	assert_non_null(g->ident.asic);
	assert_string_equal(gmc_asic_name(g->ident.asic), "vega20");
	assert_int_equal(g->ident.gc, GMC_IP_VERSION(9, 4, 0));
	assert_int_equal(g->ident.source, GMCSIM_GC_DEVICE_ID);
	/* fixture: 34342961152 bytes = 32752 MiB = 0x7ff000000 */
	assert_true(g->sysfs.have_vram_total);
	assert_int_equal(g->sysfs.vram_total, 0x7ff000000);
	assert_string_equal(g->sysfs.serial_number.value, "6a3f0e51c2d79b84");
	assert_string_equal(g->sysfs.unique_id.value, "4b6f21d9e83c0a57");
	assert_string_equal(g->sysfs.xgmi_device_id.value, "8273645091827364501");
	assert_false(g->sysfs.fru_id.present);
	assert_int_equal(g->sysfs.fru_id.error, 0);
	assert_false(g->sysfs.gc.present);

	/* BARs: 0 vram, 2 doorbell, 4 I/O (other), 5 mmio (§2.1) */
	assert_int_equal(g->probe_error, 0);
	assert_int_equal(g->pci.n_bars, 4);
	b = &g->pci.bars[0];
	assert_int_equal(b->index, 0);
	assert_int_equal(b->role, GMCSIM_BAR_VRAM);
	assert_int_equal(b->address, 0x38000000000);
	assert_int_equal(b->size, 0x800000000);
	assert_true(b->is_64);
	assert_true(b->prefetchable);
	b = &g->pci.bars[1];
	assert_int_equal(b->index, 2);
	assert_int_equal(b->role, GMCSIM_BAR_DOORBELL);
	assert_true(b->is_64);
	assert_true(b->prefetchable);
	b = &g->pci.bars[2];
	assert_int_equal(b->index, 4);
	assert_int_equal(b->role, GMCSIM_BAR_OTHER);
	assert_false(b->is_64);
	b = &g->pci.bars[3];
	assert_int_equal(b->index, 5);
	assert_int_equal(b->role, GMCSIM_BAR_MMIO);
	assert_int_equal(b->size, 0x80000);
	assert_false(b->is_64);
	assert_false(b->prefetchable);
	assert_int_equal(m.probe_calls, 1);
	assert_balanced();
	gmcsim_probe_result_free(res);
}

static void
test_scan_amd_vf_ip_discovery(void **state)
{
	struct gmcsim_probe_result *res;
	const struct gmcsim_probe_gpu *g;

	add_gc943_vf();
	m.driver[0] = 0;
	res = scan_ok(SYSFS_ROOT);
	assert_int_equal(res->n_gpus, 1);
	g = &res->gpus[0];
	assert_string_equal(g->pci.bus, "0000:43:00.0");
	/* the fixture has physfn -> ../0000:42:00.0: a VF */
	assert_true(g->pci.is_vf);
	assert_string_equal(g->sysfs.physfn, "0000:42:00.0");
	assert_false(g->kernel_driver);
	/* 0x74b5 is not an explicit id (the pciidlist ends at Beige Goby, §2.3) */
	assert_false(g->ident.in_table);
	/* ip_discovery/die/0/GC/0: major 9 minor 4 revision 3 */
	assert_true(g->ident.have_gc);
	assert_int_equal(g->ident.gc, GMC_IP_VERSION(9, 4, 3));
	assert_int_equal(g->ident.source, GMCSIM_GC_IP_DISCOVERY);
	assert_non_null(g->ident.asic);
	assert_string_equal(gmc_asic_name(g->ident.asic), "gc943");
	assert_int_equal(g->sysfs.gc.n_bases, 4);
	assert_int_equal(g->sysfs.gc.base[0], 0x1260);
	assert_int_equal(g->sysfs.gc.base[3], 0x02402c00);
	assert_true(g->sysfs.mmhub.present);
	assert_int_equal(g->sysfs.mmhub.version, GMC_IP_VERSION(1, 8, 0));
	assert_int_equal(g->sysfs.mmhub.base[0], 0x1a000);
	assert_string_equal(g->sysfs.fru_id.value, "113-M3000100-102");
	/* 102810779648 bytes = 0x17f0000000 */
	assert_int_equal(g->sysfs.vram_total, 0x17f0000000);
	assert_balanced();
	gmcsim_probe_result_free(res);
}

static void
test_scan_gc_unknown_and_not_modelled(void **state)
{
	struct gmcsim_probe_result *res;

	add_unknown();
	/* 0000:45:00.0: GC 11.0.0 only under ip_discovery/die/0/11/0 */
	add_dev(0, 0x45, 0, 0, 0x1002, 0x744c, 0xc8, 0x030000);
	/* 0000:46:00.0: GC 11.0.3, not modelled */
	add_dev(0, 0x46, 0, 0, 0x1002, 0x73f0, 0xc0, 0x030000);
	res = scan_ok(SYSFS_ROOT);
	assert_int_equal(res->n_gpus, 3);

	assert_false(res->gpus[0].ident.in_table);
	assert_false(res->gpus[0].ident.have_gc);
	assert_null(res->gpus[0].ident.asic);
	assert_int_equal(res->gpus[0].ident.source, GMCSIM_GC_UNKNOWN);
	assert_non_null(strstr(res->gpus[0].ident.note, "IP discovery"));

	assert_true(res->gpus[1].ident.have_gc);
	assert_int_equal(res->gpus[1].ident.gc, GMC_IP_VERSION(11, 0, 0));
	assert_string_equal(gmc_asic_name(res->gpus[1].ident.asic), "gc1100");

	assert_true(res->gpus[2].ident.have_gc);
	assert_int_equal(res->gpus[2].ident.gc, GMC_IP_VERSION(11, 0, 3));
	assert_null(res->gpus[2].ident.asic);
	assert_non_null(strstr(res->gpus[2].ident.note, "not a modelled part"));
	/* its serial_number holds a tab: recorded as unusable, not cut */
	assert_false(res->gpus[2].sysfs.serial_number.present);
	assert_int_equal(res->gpus[2].sysfs.serial_number.error, -EILSEQ);
	assert_balanced();
	gmcsim_probe_result_free(res);
}

/* 64-bit non-prefetchable, an I/O region claiming 64 bits, an empty slot. */
static void
test_scan_bar_flags(void **state)
{
	struct gmcsim_probe_result *res;
	struct pci_device *d = add_vega20();
	const struct gmcsim_pci *pci;

	memset(d->regions, 0, sizeof(d->regions));
	region(d, 0, 0x40000000, 0x10000000, false, true, false);
	region(d, 2, 0x50000000, 0x200000, false, false, true);
	region(d, 3, 0xd000, 0x100, true, true, true);
	region(d, 5, 0x60000000, 0x40000, false, true, false); /* 64-bit: not the MMIO BAR */
	res = scan_ok(SYSFS_ROOT);
	pci = &res->gpus[0].pci;
	assert_int_equal(pci->n_bars, 4);
	assert_int_equal(pci->bars[0].role, GMCSIM_BAR_VRAM);
	assert_true(pci->bars[0].is_64);
	assert_false(pci->bars[0].prefetchable);
	assert_int_equal(pci->bars[1].role, GMCSIM_BAR_DOORBELL);
	assert_false(pci->bars[1].is_64);
	assert_true(pci->bars[1].prefetchable);
	/* I/O: neither 64-bit nor prefetchable, whatever the bits say */
	assert_int_equal(pci->bars[2].index, 3);
	assert_int_equal(pci->bars[2].role, GMCSIM_BAR_OTHER);
	assert_false(pci->bars[2].is_64);
	assert_false(pci->bars[2].prefetchable);
	assert_int_equal(pci->bars[3].role, GMCSIM_BAR_OTHER);
	gmcsim_probe_result_free(res);
}

/* ---- what `gmcsim probe` prints of a scan ---- */

static char *
render_text(const struct gmcsim_probe_result *res)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(gmcsim_probe_result_print(f, res), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
assert_contains(const char *text, const char *needle)
{
	if (!text)
		fail_msg("no text");
	else if (!strstr(text, needle))
		fail_msg("'%s' is not in:\n%s", needle, text);
}

static void
test_render_no_gpu(void **state)
{
	struct gmcsim_probe_result *res;
	struct json_object *doc, *v;
	char *text;

	add_bridge();
	res = scan_ok(SYSFS_ROOT);
	text = render_text(res);
	/* one line saying so, then what was found instead */
	assert_true(strncmp(text,
			    "No AMD GPU (vendor 0x1002, display or accelerator class) "
			    "among 1 PCI function:\n",
			    74) == 0);
	assert_contains(text, "  0000:00:00.0  8086:0d57  class 060000 (bridge)\n");
	free(text);

	assert_int_equal(gmcsim_probe_result_json(res, SYSFS_ROOT, &doc), 0);
	assert_true(json_object_object_get_ex(doc, "gpus", &v));
	assert_int_equal(json_object_array_length(v), 0);
	assert_true(json_object_object_get_ex(doc, "others", &v));
	assert_int_equal(json_object_array_length(v), 1);
	v = json_object_array_get_idx(v, 0);
	assert_string_equal(json_object_get_string(json_object_object_get(v, "vendor")), "0x8086");
	assert_string_equal(json_object_get_string(json_object_object_get(v, "class_name")),
			    "bridge");
	json_object_put(doc);
	gmcsim_probe_result_free(res);
}

static void
test_render_gpus(void **state)
{
	struct gmcsim_probe_result *res;
	struct json_object *doc, *gpus, *g, *v;
	char *text;

	add_vega20();
	add_gc943_vf();
	add_unknown();
	m.driver[1] = 0;
	m.probe_rc[2] = EACCES;
	res = scan_ok(SYSFS_ROOT);
	text = render_text(res);
	assert_true(strncmp(text, "3 AMD GPU functions\n", 20) == 0);
	assert_contains(text, "0000:03:00.0  1002:66a1 rev 02, subsystem 1002:081e, class 038000, "
			      "PF, driver amdgpu\n");
	assert_contains(text, "vega20: GC 9.4.0 from device id, gmc v9");
	assert_contains(text, "vega20, GFX9\n");
	assert_contains(text, "0x7ff000000 (32752 MiB)");
	assert_contains(text, "  fru_id          (none)\n");
	assert_contains(text, "  0    vram      0x0000038000000000  0x800000000 (32 GiB)");
	assert_contains(text, "  5    mmio      0x00000000fcd00000  0x80000 (512 KiB)");
	assert_contains(text, "0000:43:00.0  1002:74b5 rev 00, subsystem 1002:74a5, class 120000, "
			      "SR-IOV VF of 0000:42:00.0, no kernel driver\n");
	assert_contains(text, "gc943: GC 9.4.3 from ip_discovery, gmc v9");
	assert_contains(text, "not one of the kernel's explicit ids");
	assert_contains(text, "  part            unknown\n");
	assert_contains(text, "BARs            unavailable: pci_device_probe failed: ");
	free(text);

	assert_int_equal(gmcsim_probe_result_json(res, SYSFS_ROOT, &doc), 0);
	assert_string_equal(json_object_get_string(json_object_object_get(doc, "sysfs_root")),
			    SYSFS_ROOT);
	gpus = json_object_object_get(doc, "gpus");
	assert_int_equal(json_object_array_length(gpus), 3);
	g = json_object_array_get_idx(gpus, 1);
	assert_string_equal(json_object_get_string(json_object_object_get(g, "bus")),
			    "0000:43:00.0");
	assert_true(json_object_get_boolean(json_object_object_get(g, "vf")));
	assert_string_equal(json_object_get_string(json_object_object_get(g, "physfn")),
			    "0000:42:00.0");
	assert_false(json_object_get_boolean(json_object_object_get(g, "kernel_driver")));
	assert_string_equal(json_object_get_string(json_object_object_get(g, "gc")), "9.4.3");
	assert_string_equal(json_object_get_string(json_object_object_get(g, "gc_source")),
			    "ip_discovery");
	assert_string_equal(json_object_get_string(json_object_object_get(g, "part")), "gc943");
	assert_null(json_object_object_get(g, "chip"));
	assert_string_equal(json_object_get_string(json_object_object_get(g, "vram_total")),
			    "0x17f0000000");
	v = json_object_object_get(g, "bars");
	assert_int_equal(json_object_array_length(v), 3);
	v = json_object_array_get_idx(v, 2);
	assert_string_equal(json_object_get_string(json_object_object_get(v, "role")), "mmio");
	assert_string_equal(json_object_get_string(json_object_object_get(v, "size")), "0x80000");
	v = json_object_object_get(json_object_object_get(g, "ip_discovery"), "mmhub");
	assert_string_equal(json_object_get_string(json_object_object_get(v, "version")), "1.8.0");
	v = json_object_object_get(json_object_object_get(g, "identity"), "fru_id");
	assert_string_equal(json_object_get_string(v), "113-M3000100-102");
	/* the unknown part: nulls, and why */
	g = json_object_array_get_idx(gpus, 2);
	assert_null(json_object_object_get(g, "gc"));
	assert_null(json_object_object_get(g, "part"));
	assert_null(json_object_object_get(g, "bars"));
	assert_non_null(json_object_object_get(g, "probe_error"));
	assert_non_null(
		strstr(json_object_get_string(json_object_object_get(g, "note")), "IP discovery"));
	json_object_put(doc);
	gmcsim_probe_result_free(res);
}

/* ---- libpciaccess error paths ---- */

static void
test_scan_init_fails(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT };
	struct gmcsim_probe_result *res = NULL;
	struct gmc_error err = { 0 };

	m.init_rc = ENOENT; /* no /sys/bus/pci/devices */
	assert_int_equal(gmcsim_probe_scan(&opts, &res, &err), -ENOENT);
	assert_null(res);
	assert_int_equal(err.code, -ENOENT);
	assert_non_null(strstr(err.message, "pci_system_init"));
	/* a failed init may leave the device list allocated: cleanup runs anyway */
	assert_int_equal(m.iter_create_calls, 0);
	assert_balanced();

	reset(NULL);
	m.init_rc = ENOSYS; /* unsupported OS */
	assert_int_equal(gmcsim_probe_scan(&opts, &res, &err), -ENOSYS);
	assert_balanced();
}

static void
test_scan_iterator_fails(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT };
	struct gmcsim_probe_result *res = NULL;
	struct gmc_error err = { 0 };

	add_vega20();
	m.iterator_fails = true;
	assert_int_equal(gmcsim_probe_scan(&opts, &res, &err), -ENOMEM);
	assert_null(res);
	assert_non_null(strstr(err.message, "iterator"));
	assert_int_equal(m.next_calls, 0);
	assert_balanced();
}

static void
test_scan_probe_fails(void **state)
{
	struct gmcsim_probe_result *res;

	add_vega20();
	m.probe_rc[0] = EACCES;
	res = scan_ok(SYSFS_ROOT);
	/* listed without BARs, with the reason */
	assert_int_equal(res->n_gpus, 1);
	assert_int_equal(res->gpus[0].probe_error, -EACCES);
	assert_int_equal(res->gpus[0].pci.n_bars, 0);
	assert_string_equal(res->gpus[0].ident.id.chip, "vega20");
	assert_balanced();
	gmcsim_probe_result_free(res);
}

static void
test_scan_sysfs_unreadable(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = TEST_DATA_DIR "/sysfs/no-such-root" };
	struct gmcsim_probe_result *res = NULL;
	struct gmc_error err = { 0 };

	add_bridge();
	add_vega20();
	assert_int_equal(gmcsim_probe_scan(&opts, &res, &err), -ENOENT);
	assert_null(res);
	assert_non_null(strstr(err.message, "sysfs"));
	assert_non_null(strstr(err.message, "0000:03:00.0"));
	/* the iterator and the system are released on the error path too */
	assert_balanced();
}

/* ------------------------------------------------------------------ */
/* Capture                                                              */
/* ------------------------------------------------------------------ */

#define BAR5_SIZE 0x80000u

/*
 * A read-only stand-in for BAR5: the registers at their byte offsets, then
 * mprotect(PROT_READ) as libpciaccess maps resourceN read-only, so a store
 * through the mapping would crash the test.
 */
static uint32_t *
bar5_buffer(const uint32_t *offsets, const uint32_t *values, size_t n)
{
	uint32_t *p =
		mmap(NULL, BAR5_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	for (size_t i = 0; i < n; i++)
		p[offsets[i] / 4] = values[i];
	assert_int_equal(mprotect(p, BAR5_SIZE, PROT_READ), 0);
	return p;
}

/*
 * GC 9.4.3 register byte offsets with the fixture's bases (GC base_addr[0]
 * 0x1260, MMHUB base_addr[0] 0x1A000) and the dwords of the register file
 * (docs/profiles.md: mmhub_v1_8 0x0c9c/0x0c9d, GC 0x0947/0x0957/0x0958,
 * all BASE_IDX 0):
 *   fb_location_base (0x1A000 + 0x0c9c) * 4 = 0x1AC9C * 4 = 0x6B270
 *   fb_location_top  (0x1A000 + 0x0c9d) * 4 = 0x1AC9D * 4 = 0x6B274
 *   fb_offset        (0x1260 + 0x0947) * 4  = 0x1BA7 * 4  = 0x6E9C
 *   xgmi_lfb_cntl    (0x1260 + 0x0957) * 4  = 0x1BB7 * 4  = 0x6EDC
 *   xgmi_lfb_size    (0x1260 + 0x0958) * 4  = 0x1BB8 * 4  = 0x6EE0
 */
static const uint32_t gc943_offsets[GMC_REG_COUNT] = { 0x6B270, 0x6B274, 0x6E9C, 0x6EDC, 0x6EE0 };
/* gc943-vf-node2's registers (docs/profiles.md) */
static const uint32_t gc943_values[GMC_REG_COUNT] = { 0x1000, 0xcfbf, 0x0, 0x72, 0x17f8 };

static void
test_capture_read_registers(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_probe_capture_info info;
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	uint32_t *bar5 = bar5_buffer(gc943_offsets, gc943_values, GMC_REG_COUNT);
	int rc;

	add_bridge();
	add_gc943_vf();
	m.map_ptr = bar5;
	rc = gmcsim_probe_capture(&opts, "43:00.0", &p, &info, &err);
	if (rc)
		fail_msg("capture = %d (%s)", rc, err.message);

	/* read-only: map flags 0, never PCI_DEV_MAP_FLAG_WRITABLE (§2.1) */
	assert_int_equal(m.map_calls, 1);
	assert_int_equal(m.map_flags, 0);
	assert_int_equal(m.map_flags & PCI_DEV_MAP_FLAG_WRITABLE, 0);
	/* the whole BAR5, by its bus address */
	assert_int_equal(m.map_base, 0xfd000000);
	assert_int_equal(m.map_size, BAR5_SIZE);
	assert_int_equal(m.unmap_calls, 1);
	assert_ptr_equal(m.unmap_ptr, bar5);
	assert_int_equal(m.unmap_size, BAR5_SIZE);
	assert_balanced();

	assert_true(info.registers_read);
	assert_int_equal(info.mmio_bar, 5);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		assert_true(info.reg_read[r]);
		assert_int_equal(info.reg_offset[r], gc943_offsets[r]);
		assert_int_equal(p.regs.value[r], gc943_values[r]);
	}
	assert_string_equal(gmc_asic_name(p.asic), "gc943");
	assert_string_equal(p.name, "probe-0000-43-00.0");
	assert_true(p.params.sriov);
	assert_true(p.pci.is_vf);
	assert_int_equal(p.pci.device, 0x74b5);
	assert_string_equal(p.pci.bus, "0000:43:00.0");
	assert_int_equal(p.pci.n_bars, 3);
	assert_int_equal(p.params.vram_size, 0x17f0000000);
	/* visible VRAM is the VRAM BAR: 128 GiB */
	assert_int_equal(p.params.visible_vram_size, 0x2000000000);
	assert_string_equal(p.identity.serial_number, "3d7fa92c18e054b1");
	assert_string_equal(p.identity.fru_id, "113-M3000100-102");
	assert_int_equal(gmcsim_profile_validate(&p, NULL), 0);
	munmap(bar5, BAR5_SIZE);
}

static void
test_capture_without_registers(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .name = "mi300x-vf" };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	add_gc943_vf();
	assert_int_equal(gmcsim_probe_capture(&opts, "0000:43:00.0", &p, NULL, &err), 0);
	assert_int_equal(m.map_calls, 0);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		assert_int_equal(p.regs.value[r], 0);
	assert_string_equal(p.name, "mi300x-vf");
	assert_balanced();
}

static void
test_capture_map_errors(void **state)
{
	/* pci_device_map_range's errors (§2.1), and the refusals of an unprivileged map */
	static const int errs[] = { ENOENT, E2BIG, EINVAL, EPERM, EACCES };

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT,
						  .read_registers = true };
		struct gmcsim_probe_capture_info info;
		struct gmcsim_profile p;
		struct gmc_error err = { 0 };

		reset(NULL);
		add_gc943_vf();
		m.map_rc = errs[i];
		assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, &info, &err), -errs[i]);
		assert_int_equal(err.code, -errs[i]);
		assert_non_null(strstr(err.message, "read-only"));
		if (errs[i] == EPERM || errs[i] == EACCES)
			assert_non_null(strstr(err.message, "root"));
		assert_false(info.system_error);
		assert_int_equal(m.map_calls, 1);
		assert_int_equal(m.map_flags, 0);
		assert_int_equal(m.unmap_calls, 0);
		assert_balanced();
	}
}

static void
test_capture_unmap_fails(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	uint32_t *bar5 = bar5_buffer(gc943_offsets, gc943_values, GMC_REG_COUNT);

	add_gc943_vf();
	m.map_ptr = bar5;
	m.unmap_rc = EINVAL;
	assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, NULL, &err), -EINVAL);
	assert_non_null(strstr(err.message, "unmapping"));
	assert_balanced();
	munmap(bar5, BAR5_SIZE);
}

static void
test_capture_needs_root(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	add_gc943_vf();
	m.euid = 1000;
	assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, NULL, &err), -EACCES);
	assert_non_null(strstr(err.message, "root"));
	assert_int_equal(m.map_calls, 0);
	assert_balanced();
}

static void
test_capture_refuses_unknown_gc(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	const struct gmc_asic *gc943;

	add_unknown();
	assert_int_equal(gmcsim_probe_capture(&opts, "44:00.0", &p, NULL, &err), -ENOENT);
	assert_non_null(strstr(err.message, "refusing to read registers"));
	assert_int_equal(m.map_calls, 0);
	assert_balanced();

	/* without registers, the user's --gc and --vram-size complete it */
	reset(NULL);
	add_unknown();
	opts.read_registers = false;
	assert_int_equal(gmcsim_probe_capture(&opts, "44:00.0", &p, NULL, &err), -ENOENT);
	assert_non_null(strstr(err.message, "--gc"));
	reset(NULL);
	add_unknown();
	assert_int_equal(gmc_asic_find("9.4.3", &gc943, NULL), 0);
	opts.gc = gc943;
	assert_int_equal(gmcsim_probe_capture(&opts, "44:00.0", &p, NULL, &err), -ENOENT);
	assert_non_null(strstr(err.message, "--vram-size"));
	reset(NULL);
	add_unknown();
	opts.vram_size = UINT64_C(0x1000000000);
	assert_int_equal(gmcsim_probe_capture(&opts, "44:00.0", &p, NULL, &err), 0);
	assert_ptr_equal(p.asic, gc943);
	assert_int_equal(p.params.vram_size, 0x1000000000);

	/* --gc cannot be combined with reading registers, nor contradict the device */
	reset(NULL);
	add_unknown();
	opts.read_registers = true;
	assert_int_equal(gmcsim_probe_capture(&opts, "44:00.0", &p, NULL, &err), -EINVAL);
	assert_int_equal(m.init_calls, 0);
	reset(NULL);
	add_vega20();
	opts.read_registers = false;
	assert_int_equal(gmcsim_probe_capture(&opts, "03:00.0", &p, NULL, &err), -EINVAL);
	assert_non_null(strstr(err.message, "disagrees"));
	assert_balanced();
}

static void
test_capture_no_base_addresses(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	/* Vega20 is known by its id, but its fixture has no ip_discovery: no bases */
	add_vega20();
	assert_int_equal(gmcsim_probe_capture(&opts, "03:00.0", &p, NULL, &err), -ENOENT);
	assert_non_null(strstr(err.message, "base_addr"));
	assert_int_equal(m.map_calls, 0);
	assert_balanced();
}

static void
test_capture_register_outside_bar(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	struct pci_device *d = add_gc943_vf();

	/* a 256 KiB BAR5 ends at 0x40000: fb_location_base at 0x6B270 lies beyond */
	d->regions[5].size = 0x40000;
	assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, NULL, &err), -ERANGE);
	assert_non_null(strstr(err.message, "0x6b270"));
	assert_int_equal(m.map_calls, 0);
	assert_balanced();
}

static void
test_capture_all_ones(void **state)
{
	static const uint32_t ones[GMC_REG_COUNT] = { UINT32_MAX, UINT32_MAX, UINT32_MAX,
						      UINT32_MAX, UINT32_MAX };
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	uint32_t *bar5 = bar5_buffer(gc943_offsets, ones, GMC_REG_COUNT);

	add_gc943_vf();
	m.map_ptr = bar5;
	assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, NULL, &err), -EIO);
	assert_non_null(strstr(err.message, "0xffffffff"));
	assert_int_equal(m.unmap_calls, 1);
	assert_balanced();
	munmap(bar5, BAR5_SIZE);
}

static void
test_capture_wrong_device(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT };
	struct gmcsim_probe_capture_info info;
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	add_bridge();
	add_vega20();
	assert_int_equal(gmcsim_probe_capture(&opts, "0000:09:00.0", &p, &info, &err), -ENODEV);
	assert_non_null(strstr(err.message, "no PCI function"));
	assert_false(info.system_error);
	assert_balanced();

	reset(NULL);
	add_bridge();
	assert_int_equal(gmcsim_probe_capture(&opts, "00:00.0", &p, &info, &err), -ENODEV);
	assert_non_null(strstr(err.message, "not an AMD GPU"));
	assert_int_equal(m.probe_calls, 0);
	assert_balanced();

	reset(NULL);
	assert_int_equal(gmcsim_probe_capture(&opts, "43-00-0", &p, &info, &err), -EINVAL);
	assert_int_equal(m.init_calls, 0);

	reset(NULL);
	add_vega20();
	m.probe_rc[0] = EIO;
	assert_int_equal(gmcsim_probe_capture(&opts, "03:00.0", &p, &info, &err), -EIO);
	assert_non_null(strstr(err.message, "pci_device_probe"));
	assert_balanced();

	reset(NULL);
	m.init_rc = EACCES;
	assert_int_equal(gmcsim_probe_capture(&opts, "03:00.0", &p, &info, &err), -EACCES);
	assert_true(info.system_error);
	assert_balanced();

	reset(NULL);
	add_vega20();
	m.iterator_fails = true;
	assert_int_equal(gmcsim_probe_capture(&opts, "03:00.0", &p, &info, &err), -ENOMEM);
	assert_true(info.system_error);
	assert_balanced();
}

/* Write a captured profile and run `gmcsim check --from F --to F` on it. */
static void
test_capture_loads_into_check(void **state)
{
	struct gmcsim_probe_opts opts = { .sysfs_root = SYSFS_ROOT, .read_registers = true };
	struct gmcsim_profile p, back;
	struct gmc_error err = { 0 };
	uint32_t *bar5 = bar5_buffer(gc943_offsets, gc943_values, GMC_REG_COUNT);
	const char *gmcsim = getenv("GMCSIM");
	char dir[] = "/tmp/test-sim-probe-XXXXXX", file[64], cmd[512];
	int status;

	add_gc943_vf();
	m.map_ptr = bar5;
	assert_int_equal(gmcsim_probe_capture(&opts, "43:00.0", &p, NULL, &err), 0);
	munmap(bar5, BAR5_SIZE);
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/captured.json", dir);
	assert_int_equal(gmcsim_profile_write(&p, file, &err), 0);
	assert_int_equal(gmcsim_profile_load(file, &back, &err), 0);
	assert_memory_equal(&back.regs, &p.regs, sizeof(p.regs));
	assert_memory_equal(&back.pci, &p.pci, sizeof(p.pci));
	status = 0;
	if (gmcsim) {
		/* 0: nothing to report, 1: findings; 2 would be a profile check refused */
		snprintf(cmd, sizeof(cmd), "'%s' check --from '%s' --to '%s' >/dev/null", gmcsim,
			 file, file);
		status = system(cmd);
	}
	unlink(file);
	rmdir(dir);
	assert_true(WIFEXITED(status));
	assert_true(WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
}

/* ------------------------------------------------------------------ */
/* The device id table                                                  */
/* ------------------------------------------------------------------ */

static void
test_pciid_table(void **state)
{
	struct gmcsim_pciid id;
	struct gmc_error err = { 0 };

	/* docs/profiles.md: 0x66a1 MI60/MI50 is Vega20; 0x740c MI250X is Aldebaran */
	assert_int_equal(gmcsim_pciid_lookup(0x66a1, 0x02, &id, NULL), 0);
	assert_string_equal(gmc_asic_name(id.asic), "vega20");
	assert_int_equal(gmcsim_pciid_lookup(0x740c, 0x01, &id, NULL), 0);
	assert_string_equal(gmc_asic_name(id.asic), "aldebaran");
	/* 0x73ae (V620 MxGPU) and 0x73bf are Navi21: Sienna Cichlid, GC 10.3.0 */
	assert_int_equal(gmcsim_pciid_lookup(0x73ae, 0x00, &id, NULL), 0);
	assert_string_equal(id.chip, "sienna_cichlid");
	assert_int_equal(gmc_asic_gc(id.asic), GMC_IP_VERSION(10, 3, 0));
	assert_int_equal(gmcsim_pciid_lookup(0x73bf, 0xc1, &id, NULL), 0);
	assert_string_equal(id.chip, "sienna_cichlid");
	/* ... except at the revisions newer parts share (§2.3): IP discovery decides */
	assert_int_equal(gmcsim_pciid_lookup(0x73bf, 0xd2, &id, &err), -ENOENT);
	assert_non_null(strstr(err.message, "IP discovery"));
	/* MI300-class ids are past the explicit list: IP discovery parts */
	assert_int_equal(gmcsim_pciid_lookup(0x74b5, 0, &id, NULL), -ENOENT);
	assert_int_equal(gmcsim_pciid_lookup(0x74b9, 0, &id, NULL), -ENOENT);
	assert_int_equal(gmcsim_pciid_lookup(0x74a1, 0, &id, NULL), -ENOENT);
	/* Raven's ids do not fix the GC version: never guessed */
	assert_int_equal(gmcsim_pciid_lookup(0x15dd, 0, &id, NULL), 0);
	assert_string_equal(id.chip, "raven");
	assert_null(id.asic);
	assert_non_null(id.note);
	/* an SI part: known family, not modelled */
	assert_int_equal(gmcsim_pciid_lookup(0x6798, 0, &id, NULL), 0);
	assert_string_equal(id.chip, "tahiti");
	assert_string_equal(id.generation, "GFX6 (SI)");
	assert_null(id.asic);
	/* asic_type_quirks: 0x67FF is Polaris10 at rev 0xE3/0xE7/0xF3/0xF7, else Polaris11 */
	assert_int_equal(gmcsim_pciid_lookup(0x67ff, 0xe7, &id, NULL), 0);
	assert_string_equal(id.chip, "polaris10");
	assert_int_equal(gmcsim_pciid_lookup(0x67ff, 0xcf, &id, NULL), 0);
	assert_string_equal(id.chip, "polaris11");
}

static void
test_pciid_table_consistent(void **state)
{
	size_t n = gmcsim_pciid_count();

	assert_true(n > 300);
	assert_int_equal(gmcsim_pciid_at(n), 0);
	for (size_t i = 0; i < n; i++) {
		uint16_t a = gmcsim_pciid_at(i);
		struct gmcsim_pciid id;

		assert_int_not_equal(a, 0);
		/* every id once */
		for (size_t j = i + 1; j < n; j++)
			assert_int_not_equal(a, gmcsim_pciid_at(j));
		assert_int_equal(gmcsim_pciid_lookup(a, 0, &id, NULL), 0);
		assert_non_null(id.chip);
		/* a modelled part's name is the kernel's chip name */
		if (id.asic)
			assert_string_equal(gmc_asic_name(id.asic), id.chip);
		else
			assert_non_null(id.note);
	}
}

static void
test_bus_parse(void **state)
{
	char out[32];

	assert_int_equal(gmcsim_pci_bus_parse("0000:43:00.0", out, sizeof(out)), 0);
	assert_string_equal(out, "0000:43:00.0");
	assert_int_equal(gmcsim_pci_bus_parse("43:00.0", out, sizeof(out)), 0);
	assert_string_equal(out, "0000:43:00.0");
	assert_int_equal(gmcsim_pci_bus_parse("10000:c1:1f.7", out, sizeof(out)), 0);
	assert_string_equal(out, "10000:c1:1f.7");
	assert_int_equal(gmcsim_pci_bus_parse("0000:43:20.0", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("0000:43:00.8", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("0000:43:00", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("x:43:00.0", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("0000:43:00.0 ", out, sizeof(out)), -EINVAL);
	assert_int_equal(gmcsim_pci_bus_parse("0000:-3:00.0", out, sizeof(out)), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_scan_zero_devices, reset),
		cmocka_unit_test_setup(test_scan_non_amd_only, reset),
		cmocka_unit_test_setup(test_scan_amd_pf_in_table, reset),
		cmocka_unit_test_setup(test_scan_amd_vf_ip_discovery, reset),
		cmocka_unit_test_setup(test_scan_gc_unknown_and_not_modelled, reset),
		cmocka_unit_test_setup(test_scan_bar_flags, reset),
		cmocka_unit_test_setup(test_render_no_gpu, reset),
		cmocka_unit_test_setup(test_render_gpus, reset),
		cmocka_unit_test_setup(test_scan_init_fails, reset),
		cmocka_unit_test_setup(test_scan_iterator_fails, reset),
		cmocka_unit_test_setup(test_scan_probe_fails, reset),
		cmocka_unit_test_setup(test_scan_sysfs_unreadable, reset),
		cmocka_unit_test_setup(test_capture_read_registers, reset),
		cmocka_unit_test_setup(test_capture_without_registers, reset),
		cmocka_unit_test_setup(test_capture_map_errors, reset),
		cmocka_unit_test_setup(test_capture_unmap_fails, reset),
		cmocka_unit_test_setup(test_capture_needs_root, reset),
		cmocka_unit_test_setup(test_capture_refuses_unknown_gc, reset),
		cmocka_unit_test_setup(test_capture_no_base_addresses, reset),
		cmocka_unit_test_setup(test_capture_register_outside_bar, reset),
		cmocka_unit_test_setup(test_capture_all_ones, reset),
		cmocka_unit_test_setup(test_capture_wrong_device, reset),
		cmocka_unit_test_setup(test_capture_loads_into_check, reset),
		cmocka_unit_test(test_pciid_table),
		cmocka_unit_test(test_pciid_table_consistent),
		cmocka_unit_test(test_bus_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
