/* SPDX-License-Identifier: MIT */
/*
 * What `gmcsim probe` shows of a gmcsim_probe_scan() result, as text and as
 * JSON. Here rather than in the tool so the tests can render a listing of
 * mocked devices, and a harness can use the same output.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "util.h"

static const char *
gc_text(uint32_t gc, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", GMC_IP_MAJ(gc), GMC_IP_MIN(gc), GMC_IP_REV(gc));
	return buf;
}

static void
print_attr(FILE *out, const char *name, const struct gmcsim_sysfs_attr *a)
{
	if (a->present)
		fprintf(out, "  %-16s%s\n", name, a->value);
	else if (a->error)
		fprintf(out, "  %-16s(unreadable: %s)\n", name, gmcsim_sysfs_attr_problem(a));
	else
		fprintf(out, "  %-16s(none)\n", name);
}

static void
print_part(FILE *out, const struct gmcsim_probe_gpu *g)
{
	const struct gmcsim_ident *id = &g->ident;
	char gc[16];

	if (id->asic)
		fprintf(out, "  %-16s%s: GC %s from %s, gmc v%u\n", "part", gmc_asic_name(id->asic),
			gc_text(id->gc, gc, sizeof(gc)), gmcsim_gc_source_name(id->source),
			gmc_asic_gmc_version(id->asic));
	else if (id->have_gc)
		fprintf(out, "  %-16sGC %s from %s: not a modelled part\n", "part",
			gc_text(id->gc, gc, sizeof(gc)), gmcsim_gc_source_name(id->source));
	else
		fprintf(out, "  %-16sunknown\n", "part");
	if (id->in_table)
		fprintf(out, "  %-16s%s, %s%s\n", "device id", id->id.chip, id->id.generation,
			id->id.apu ? ", APU" : "");
	else
		fprintf(out, "  %-16snot one of the kernel's explicit ids (an IP discovery part)\n",
			"device id");
	if (id->note[0])
		fprintf(out, "  %-16s%s\n", "note", id->note);
	if (g->sysfs.ip_note[0])
		fprintf(out, "  %-16s%s\n", "ip_discovery", g->sysfs.ip_note);
}

static void
print_bars(FILE *out, const struct gmcsim_probe_gpu *g)
{
	if (g->probe_error) {
		fprintf(out, "  %-16sunavailable: pci_device_probe failed: %s\n", "BARs",
			strerror(-g->probe_error));
		return;
	}
	if (g->pci.n_bars == 0) {
		fprintf(out, "  %-16snone\n", "BARs");
		return;
	}
	fprintf(out, "  %-4s %-9s %-19s %-28s %s\n", "BAR", "ROLE", "ADDRESS", "SIZE", "FLAGS");
	for (unsigned i = 0; i < g->pci.n_bars; i++) {
		const struct gmcsim_bar *b = &g->pci.bars[i];
		char size[32], sz[48];

		snprintf(sz, sizeof(sz), "0x%" PRIx64 " (%s)", b->size,
			 gmcsim_size_str(b->size, size, sizeof(size)));
		fprintf(out, "  %-4u %-9s 0x%016" PRIx64 "  %-28s %s%s\n", b->index,
			gmcsim_bar_role_name(b->role), b->address, sz,
			b->is_64 ? "64-bit" : "32-bit", b->prefetchable ? " prefetchable" : "");
	}
}

static void
print_gpu(FILE *out, const struct gmcsim_probe_gpu *g)
{
	const struct gmcsim_sysfs_device *s = &g->sysfs;
	char size[32];

	fprintf(out, "%s  %04x:%04x rev %02x, subsystem %04x:%04x, class %06" PRIx32 ", ",
		g->pci.bus, g->pci.vendor, g->pci.device, g->pci.revision, g->pci.subsystem_vendor,
		g->pci.subsystem_device, g->device_class);
	if (g->pci.is_vf && s->physfn[0])
		fprintf(out, "SR-IOV VF of %s", s->physfn);
	else
		fprintf(out, "%s", g->pci.is_vf ? "SR-IOV VF" : "PF");
	if (g->kernel_driver)
		fprintf(out, ", driver %s\n", s->driver[0] ? s->driver : "bound");
	else
		fprintf(out, ", no kernel driver\n");
	print_part(out, g);
	if (s->have_vram_total)
		fprintf(out, "  %-16s0x%" PRIx64 " (%s)\n", "vram_total", s->vram_total,
			gmcsim_size_str(s->vram_total, size, sizeof(size)));
	else
		print_attr(out, "vram_total", &s->vram_total_text);
	print_attr(out, "serial_number", &s->serial_number);
	print_attr(out, "unique_id", &s->unique_id);
	print_attr(out, "xgmi_device_id", &s->xgmi_device_id);
	print_attr(out, "fru_id", &s->fru_id);
	print_bars(out, g);
}

static void
print_others(FILE *out, const struct gmcsim_probe_result *res)
{
	for (size_t i = 0; i < res->n_others; i++) {
		const struct gmcsim_probe_other *o = &res->others[i];

		fprintf(out, "  %s  %04x:%04x  class %06" PRIx32 " (%s)\n", o->bus, o->vendor,
			o->device, o->device_class, gmcsim_pci_class_name(o->device_class));
	}
}

int
gmcsim_probe_result_print(FILE *out, const struct gmcsim_probe_result *res)
{
	if (res->n_gpus == 0) {
		fprintf(out,
			"No AMD GPU (vendor 0x1002, display or accelerator class) among %zu PCI "
			"function%s%s\n",
			res->n_others, res->n_others == 1 ? "" : "s", res->n_others ? ":" : ".");
		print_others(out, res);
	} else {
		fprintf(out, "%zu AMD GPU function%s\n", res->n_gpus, res->n_gpus == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_gpus; i++) {
			fprintf(out, "\n");
			print_gpu(out, &res->gpus[i]);
		}
	}
	return ferror(out) ? -EIO : 0;
}

/* ---- JSON ---- */

static struct json_object *
hexn(uint64_t v, int digits)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*" PRIx64, digits, v);
	return json_object_new_string(buf);
}

/* A string, or JSON null for "" (json_object_object_add() takes NULL as null). */
static int
add_str_or_null(struct json_object *o, const char *key, const char *s)
{
	if (s && *s)
		return gmcsim_json_add(o, key, json_object_new_string(s));
	return o && json_object_object_add(o, key, NULL) == 0 ? 0 : -ENOMEM;
}

static int
add_null(struct json_object *o, const char *key)
{
	return o && json_object_object_add(o, key, NULL) == 0 ? 0 : -ENOMEM;
}

static struct json_object *
ip_json(const struct gmcsim_ip_info *ip)
{
	struct json_object *o, *bases;
	char gc[16];
	bool failed = false;

	if (!ip->present)
		return NULL;
	o = json_object_new_object();
	bases = json_object_new_array();
	failed |=
		gmcsim_json_add(o, "version",
				json_object_new_string(gc_text(ip->version, gc, sizeof(gc)))) != 0;
	for (unsigned i = 0; i < ip->n_bases; i++)
		failed |= gmcsim_json_append(bases, hexn(ip->base[i], 8)) != 0;
	failed |= gmcsim_json_add(o, "base_addr", bases) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int
add_attr(struct json_object *o, const char *key, const struct gmcsim_sysfs_attr *a)
{
	return add_str_or_null(o, key, a->present ? a->value : NULL);
}

static struct json_object *
gpu_json(const struct gmcsim_probe_gpu *g)
{
	const struct gmcsim_ident *id = &g->ident;
	const struct gmcsim_sysfs_device *s = &g->sysfs;
	struct json_object *o = json_object_new_object();
	struct json_object *ident = json_object_new_object();
	struct json_object *ipd = json_object_new_object();
	struct json_object *gc_ip, *mm_ip;
	bool failed = false;
	char gc[16];

	failed |= gmcsim_json_add(o, "bus", json_object_new_string(g->pci.bus)) != 0;
	failed |= gmcsim_json_add(o, "vendor", hexn(g->pci.vendor, 4)) != 0;
	failed |= gmcsim_json_add(o, "device", hexn(g->pci.device, 4)) != 0;
	failed |= gmcsim_json_add(o, "revision", hexn(g->pci.revision, 2)) != 0;
	failed |= gmcsim_json_add(o, "subsystem_vendor", hexn(g->pci.subsystem_vendor, 4)) != 0;
	failed |= gmcsim_json_add(o, "subsystem_device", hexn(g->pci.subsystem_device, 4)) != 0;
	failed |= gmcsim_json_add(o, "class", hexn(g->device_class, 6)) != 0;
	failed |= gmcsim_json_add(o, "vf", json_object_new_boolean(g->pci.is_vf)) != 0;
	failed |= add_str_or_null(o, "physfn", s->physfn) != 0;
	failed |=
		gmcsim_json_add(o, "kernel_driver", json_object_new_boolean(g->kernel_driver)) != 0;
	failed |= add_str_or_null(o, "driver", s->driver) != 0;
	failed |= add_str_or_null(o, "chip", id->in_table ? id->id.chip : NULL) != 0;
	failed |= add_str_or_null(o, "generation", id->in_table ? id->id.generation : NULL) != 0;
	failed |=
		add_str_or_null(o, "gc", id->have_gc ? gc_text(id->gc, gc, sizeof(gc)) : NULL) != 0;
	failed |= add_str_or_null(o, "gc_source",
				  id->have_gc ? gmcsim_gc_source_name(id->source) : NULL) != 0;
	failed |= add_str_or_null(o, "part", id->asic ? gmc_asic_name(id->asic) : NULL) != 0;
	failed |= add_str_or_null(o, "note", id->note) != 0;
	if (g->probe_error) {
		failed |= add_null(o, "bars") != 0;
		failed |= gmcsim_json_add(o, "probe_error",
					  json_object_new_string(strerror(-g->probe_error))) != 0;
	} else {
		struct json_object *bars = json_object_new_array();

		for (unsigned i = 0; i < g->pci.n_bars; i++) {
			const struct gmcsim_bar *b = &g->pci.bars[i];
			struct json_object *bo = json_object_new_object();

			failed |=
				gmcsim_json_add(bo, "index", json_object_new_int64(b->index)) != 0;
			failed |= gmcsim_json_add(bo, "role",
						  json_object_new_string(
							  gmcsim_bar_role_name(b->role))) != 0;
			failed |= gmcsim_json_add(bo, "address", gmcsim_json_hex(b->address)) != 0;
			failed |= gmcsim_json_add(bo, "size", gmcsim_json_hex(b->size)) != 0;
			failed |= gmcsim_json_add(bo, "is_64", json_object_new_boolean(b->is_64)) !=
				  0;
			failed |= gmcsim_json_add(bo, "prefetchable",
						  json_object_new_boolean(b->prefetchable)) != 0;
			failed |= gmcsim_json_append(bars, bo) != 0;
		}
		failed |= gmcsim_json_add(o, "bars", bars) != 0;
		failed |= add_null(o, "probe_error") != 0;
	}
	if (s->have_vram_total)
		failed |= gmcsim_json_add(o, "vram_total", gmcsim_json_hex(s->vram_total)) != 0;
	else
		failed |= add_null(o, "vram_total") != 0;
	failed |= add_attr(ident, "serial_number", &s->serial_number) != 0;
	failed |= add_attr(ident, "unique_id", &s->unique_id) != 0;
	failed |= add_attr(ident, "xgmi_device_id", &s->xgmi_device_id) != 0;
	failed |= add_attr(ident, "fru_id", &s->fru_id) != 0;
	failed |= gmcsim_json_add(o, "identity", ident) != 0;
	gc_ip = ip_json(&s->gc);
	mm_ip = ip_json(&s->mmhub);
	failed |= (s->gc.present && !gc_ip) || (s->mmhub.present && !mm_ip);
	/* json_object_object_add() takes NULL as JSON null */
	if (!ipd || json_object_object_add(ipd, "gc", gc_ip) != 0) {
		json_object_put(gc_ip);
		failed = true;
	}
	if (!ipd || json_object_object_add(ipd, "mmhub", mm_ip) != 0) {
		json_object_put(mm_ip);
		failed = true;
	}
	failed |= gmcsim_json_add(o, "ip_discovery", ipd) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int
gmcsim_probe_result_json(const struct gmcsim_probe_result *res, const char *sysfs_root,
			 struct json_object **out)
{
	struct json_object *o = json_object_new_object();
	struct json_object *gpus = json_object_new_array();
	struct json_object *others = json_object_new_array();
	bool failed = false;

	failed |= gmcsim_json_add(o, "sysfs_root",
				  json_object_new_string(sysfs_root ? sysfs_root
								    : GMCSIM_SYSFS_PCI_ROOT)) != 0;
	for (size_t i = 0; i < res->n_gpus; i++)
		failed |= gmcsim_json_append(gpus, gpu_json(&res->gpus[i])) != 0;
	for (size_t i = 0; i < res->n_others; i++) {
		const struct gmcsim_probe_other *p = &res->others[i];
		struct json_object *x = json_object_new_object();

		failed |= gmcsim_json_add(x, "bus", json_object_new_string(p->bus)) != 0;
		failed |= gmcsim_json_add(x, "vendor", hexn(p->vendor, 4)) != 0;
		failed |= gmcsim_json_add(x, "device", hexn(p->device, 4)) != 0;
		failed |= gmcsim_json_add(x, "class", hexn(p->device_class, 6)) != 0;
		failed |= gmcsim_json_add(x, "class_name",
					  json_object_new_string(
						  gmcsim_pci_class_name(p->device_class))) != 0;
		failed |= gmcsim_json_append(others, x) != 0;
	}
	failed |= gmcsim_json_add(o, "gpus", gpus) != 0;
	failed |= gmcsim_json_add(o, "others", others) != 0;
	if (failed) {
		json_object_put(o);
		return -ENOMEM;
	}
	*out = o;
	return 0;
}
