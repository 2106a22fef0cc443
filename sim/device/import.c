/* SPDX-License-Identifier: MIT */
/*
 * A profile from what a real device left behind: a copy of its sysfs
 * directory and/or a UMR test log. This file decides how the two combine
 * (which part, which base addresses, which VRAM size, which name) and when
 * the result is complete enough to write; import-sysfs.c and import-umr.c
 * do the reading. gmcsim_probe_capture() (probe.c) is the same for a live
 * device.
 *
 * The messages name the command's flags (--gc, --vram-size, ...): the
 * gmcsim tool prints them as they are.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "sim-profile.h"
#include "util.h"

/* RCC_CONFIG_MEMSIZE counts MiB. */
#define MIB (UINT64_C(1) << 20)

/*
 * A sysfs copy's path is quoted whole up to this length: the longest
 * message around it ("--gc X.Y.Z disagrees with DIR's GC X.Y.Z (source)")
 * has 64 bytes of its own with three-digit version numbers, which leaves
 * room within GMC_ERROR_MSG_MAX (192). A longer path is quoted by its end,
 * so the reason after it is never cut off.
 */
#define DIR_QUOTE_MAX 120

static const char *
dir_text(const char *dir, char *q)
{
	return strlen(dir) <= DIR_QUOTE_MAX ? dir : gmcsim_path_tail(dir, q);
}

/* The sysfs copy, its part, and the profile fields it gives. */
static int
read_sysfs(const struct gmcsim_import_opts *o, struct gmcsim_sysfs_device *dev,
	   struct gmcsim_ident *ident, struct gmcsim_import_info *info, struct gmc_error *err)
{
	char q[GMCSIM_SAFE_BUF];
	int rc = gmcsim_sysfs_read(o->sysfs, GMCSIM_SYSFS_IDS, dev, err);

	if (rc) {
		/* malformed ids are the copy's fault; a missing directory is the caller's */
		info->system_error = rc != -EINVAL;
		return rc;
	}
	if (dev->vendor != GMCSIM_PCI_VENDOR_AMD)
		return gmcsim_fail(err, -ENODEV, "%s is vendor 0x%04x, not AMD (0x1002)",
				   dir_text(o->sysfs, q), dev->vendor);
	gmcsim_identify(dev->device, dev->revision, &dev->gc, ident);
	return 0;
}

/* The part: --gc, checked against what the sysfs copy says, else the copy's. */
static int
pick_part(const struct gmcsim_import_opts *o, const struct gmcsim_ident *ident,
	  const struct gmc_asic **out, enum gmcsim_gc_source *source, struct gmc_error *err)
{
	char a[16], q[GMCSIM_SAFE_BUF];

	if (o->gc) {
		if (ident && ident->have_gc && ident->gc != gmc_asic_gc(o->gc))
			return gmcsim_fail(
				err, -EINVAL, "--gc %s disagrees with %s's GC %u.%u.%u (%s)",
				gmc_asic_gc_string(o->gc, a, sizeof(a)), dir_text(o->sysfs, q),
				GMC_IP_MAJ(ident->gc), GMC_IP_MIN(ident->gc), GMC_IP_REV(ident->gc),
				gmcsim_gc_source_name(ident->source));
		*out = o->gc;
		*source = GMCSIM_GC_USER;
		return 0;
	}
	if (ident && ident->asic) {
		*out = ident->asic;
		*source = ident->source;
		return 0;
	}
	if (ident && ident->have_gc)
		return gmcsim_fail(err, -ENOENT, "%s ('gmcsim asics' lists the modelled parts)",
				   ident->note);
	if (ident)
		return gmcsim_fail(err, -ENOENT, "the GC version is unknown (%s): give --gc X.Y.Z",
				   ident->note);
	/* the gmcsim tool refuses this combination of flags before calling */
	return gmcsim_fail(err, -EINVAL, "no part: a UMR log does not say which part it is from");
}

/* The registers from the log, found by address where base addresses are known. */
static int
read_umr(const struct gmcsim_import_opts *o, const struct gmcsim_sysfs_device *dev,
	 struct gmcsim_profile *p, struct gmcsim_import_info *info, struct gmc_error *err)
{
	struct gmcsim_ip_bases bases = o->bases;
	char why[GMCSIM_WHY_MAX] = "", *text = NULL;
	int rc;

	/* --ip-base wins over the sysfs copy's ip_discovery, hub by hub */
	if (dev && !bases.gc.present)
		bases.gc = dev->gc;
	if (dev && !bases.mmhub.present)
		bases.mmhub = dev->mmhub;
	rc = gmcsim_read_file(o->umr_log, &text, why, sizeof(why));
	if (rc) {
		info->system_error = true;
		return gmcsim_fail(err, rc, "%s", why);
	}
	rc = gmcsim_umr_import(text, p->asic, &bases, &p->regs, &info->umr, err);
	free(text);
	info->system_error = rc == -ENOMEM;
	return rc;
}

int
gmcsim_import(const struct gmcsim_import_opts *opts, struct gmcsim_profile *out,
	      struct gmcsim_import_info *info, struct gmc_error *err)
{
	const struct gmcsim_import_opts *o = opts;
	struct gmcsim_import_info local;
	struct gmcsim_sysfs_device dev;
	struct gmcsim_ident ident;
	struct gmcsim_profile p;
	char q[GMCSIM_SAFE_BUF];
	int rc;

	if (!info)
		info = &local;
	memset(info, 0, sizeof(*info));
	if (!o || !out)
		return gmcsim_fail(err, -EINVAL, "gmcsim_import: NULL argument");
	if (!o->umr_log && !o->sysfs)
		return gmcsim_fail(err, -EINVAL,
				   "nothing to import: give a UMR log or a sysfs copy");

	memset(&p, 0, sizeof(p));
	gmc_params_init(&p.params);
	if (o->sysfs) {
		rc = read_sysfs(o, &dev, &ident, info, err);
		if (rc)
			return rc;
	}
	rc = pick_part(o, o->sysfs ? &ident : NULL, &p.asic, &info->source, err);
	if (rc)
		return rc;
	if (o->sysfs) {
		rc = gmcsim_profile_from_sysfs(&dev, &p, err);
		if (rc)
			return rc;
	}
	if (o->sriov) {
		if (o->sysfs && !dev.is_vf)
			return gmcsim_fail(err, -EINVAL,
					   "--sriov, but %s has no physfn link: it is a PF",
					   dir_text(o->sysfs, q));
		p.params.sriov = true;
		p.pci.is_vf = true;
	}
	if (o->umr_log) {
		rc = read_umr(o, o->sysfs ? &dev : NULL, &p, info, err);
		if (rc)
			return rc;
	}

	/* the part's defaults for what the catalog reads; SR-IOV is known by now */
	rc = sim_profile_default_facts(&p);
	if (rc)
		return gmcsim_fail(err, rc, "the part has no defaults for its IP versions");

	/* VRAM: the caller's, then mem_info_vram_total, then the log's RCC_CONFIG_MEMSIZE */
	if (o->vram_size)
		p.params.vram_size = o->vram_size;
	else if (!p.params.vram_size && info->umr.have_memsize)
		p.params.vram_size = (uint64_t)info->umr.memsize_mb * MIB;

	if (o->name)
		snprintf(p.name, sizeof(p.name), "%s", o->name);
	else if (o->sysfs && p.pci.bus[0])
		gmcsim_profile_name_from("import-", p.pci.bus, p.name, sizeof(p.name));
	else
		snprintf(p.name, sizeof(p.name), "import-umr");
	snprintf(p.description, sizeof(p.description),
		 "imported by gmcsim profile import from %s%s%s", o->umr_log ? "a UMR log" : "",
		 o->umr_log && o->sysfs ? " and " : "", o->sysfs ? "a sysfs copy" : "");

	if (info == &local)
		gmcsim_import_info_fini(&local);
	*out = p;
	return 0;
}

int
gmcsim_import_complete(const struct gmcsim_import_opts *opts, const struct gmcsim_profile *p,
		       const struct gmcsim_import_info *info, struct gmc_error *err)
{
	bool missing = false;

	if (!opts || !p || !info)
		return gmcsim_fail(err, -EINVAL, "gmcsim_import_complete: NULL argument");
	if (!p->params.vram_size)
		return gmcsim_fail(err, -ENOENT, "the VRAM size is unknown: %s; give --vram-size",
				   opts->sysfs ? "no mem_info_vram_total in the sysfs copy and no "
						 "RCC_CONFIG_MEMSIZE read in the log"
					       : "the log reads no RCC_CONFIG_MEMSIZE");
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		missing |= info->umr.needed[r] && !info->umr.found[r];
	if (missing && !opts->allow_missing)
		return gmcsim_fail(err, -ENOENT,
				   "registers are missing (listed above); nothing written "
				   "(--allow-missing writes them as 0)");
	return 0;
}

void
gmcsim_import_info_fini(struct gmcsim_import_info *info)
{
	if (info)
		gmcsim_umr_report_fini(&info->umr);
}
