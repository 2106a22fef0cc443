/* SPDX-License-Identifier: MIT */
/*
 * Profiles from what real devices leave behind: a copy of a device's sysfs
 * directory (tests/data/sysfs/probe/) and UMR test logs (tests/data/umr/
 * and inline text), every result checked to load as a profile; and the
 * import policy that combines them (gmcsim_import()), called directly.
 *
 * The register byte addresses are worked out by hand next to each test:
 * (ip_discovery base_addr[BASE_IDX] + dword) * 4, with the dwords of
 * docs/profiles.md's register-file table.
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
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "device.h"
#include "sim-profile.h"
#include "util.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must point at tests/data"
#endif

#define PROBE_ROOT TEST_DATA_DIR "/sysfs/probe"
#define UMR_DIR TEST_DATA_DIR "/umr"

static const struct gmc_asic *
part(const char *name)
{
	const struct gmc_asic *a = NULL;

	if (gmc_asic_find(name, &a, NULL) != 0)
		fail_msg("no part %s", name);
	return a;
}

static char *
slurp(const char *path)
{
	char why[GMCSIM_WHY_MAX], *text = NULL;

	if (gmcsim_read_file(path, &text, why, sizeof(why)) != 0)
		fail_msg("%s", why);
	return text;
}

static struct gmcsim_sysfs_device
sysfs_ok(const char *dir, unsigned flags)
{
	struct gmcsim_sysfs_device d;
	struct gmc_error err = { 0 };
	int rc = gmcsim_sysfs_read(dir, flags, &d, &err);

	if (rc)
		fail_msg("gmcsim_sysfs_read(%s) = %d (%s)", dir, rc, err.message);
	return d;
}

/* ------------------------------------------------------------------ */
/* sysfs                                                                */
/* ------------------------------------------------------------------ */

static void
test_sysfs_vf(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:43:00.0", GMCSIM_SYSFS_IDS);
	struct gmcsim_pci pci;

	memset(&pci, 0, sizeof(pci));
	assert_string_equal(d.bus, "0000:43:00.0");
	assert_true(d.have_ids);
	assert_int_equal(d.vendor, 0x1002);
	assert_int_equal(d.device, 0x74b5);
	assert_int_equal(d.revision, 0);
	assert_int_equal(d.subsystem_device, 0x74a5);
	assert_true(d.have_class);
	assert_int_equal(d.device_class, 0x120000);
	assert_true(d.is_vf);
	assert_string_equal(d.physfn, "0000:42:00.0");
	assert_string_equal(d.driver, "amdgpu");
	/* reached through the GC -> 11 and MMHUB -> 34 links */
	assert_true(d.gc.present);
	assert_int_equal(d.gc.version, GMC_IP_VERSION(9, 4, 3));
	assert_int_equal(d.gc.n_bases, 4);
	assert_int_equal(d.mmhub.base[1], 0x02408800);

	/*
	 * resource: BAR0 0x380000000000..0x381fffffffff flags 0x14220c (the low
	 * bits 0xc: 64-bit, prefetchable); BAR5 0xfd000000..0xfd07ffff flags
	 * 0x40200 (32-bit, not prefetchable); empty lines are unassigned.
	 */
	gmcsim_sysfs_bars(d.resource, false, &pci);
	assert_int_equal(pci.n_bars, 3);
	assert_int_equal(pci.bars[0].index, 0);
	assert_int_equal(pci.bars[0].size, 0x2000000000);
	assert_true(pci.bars[0].is_64);
	assert_true(pci.bars[0].prefetchable);
	assert_int_equal(pci.bars[0].role, GMCSIM_BAR_VRAM);
	assert_int_equal(pci.bars[1].index, 2);
	assert_int_equal(pci.bars[1].role, GMCSIM_BAR_DOORBELL);
	assert_int_equal(pci.bars[2].index, 5);
	assert_int_equal(pci.bars[2].size, 0x80000);
	assert_false(pci.bars[2].is_64);
	assert_false(pci.bars[2].prefetchable);
	assert_int_equal(pci.bars[2].role, GMCSIM_BAR_MMIO);
}

static void
test_sysfs_pf_io_bar(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:03:00.0", GMCSIM_SYSFS_IDS);
	struct gmcsim_pci pci;

	memset(&pci, 0, sizeof(pci));
	assert_false(d.is_vf);
	assert_false(d.gc.present);
	assert_string_equal(d.ip_note, "");
	/* BAR4: 0xe000..0xe0ff flags 0x40101, bit 0 set: I/O */
	gmcsim_sysfs_bars(d.resource, false, &pci);
	assert_int_equal(pci.n_bars, 4);
	assert_int_equal(pci.bars[2].index, 4);
	assert_int_equal(pci.bars[2].size, 0x100);
	assert_int_equal(pci.bars[2].role, GMCSIM_BAR_OTHER);
	assert_false(pci.bars[2].is_64);
	/* on SI the MMIO registers are BAR2 (§2.1) */
	gmcsim_sysfs_bars(d.resource, true, &pci);
	assert_int_equal(pci.bars[1].role, GMCSIM_BAR_MMIO);
}

static void
test_sysfs_numeric_ip_dir_and_bad_attr(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:45:00.0", 0);

	assert_false(d.have_ids); /* not asked for */
	assert_true(d.gc.present);
	assert_int_equal(d.gc.version, GMC_IP_VERSION(11, 0, 0));
	assert_false(d.mmhub.present);

	d = sysfs_ok(PROBE_ROOT "/0000:46:00.0", 0);
	assert_int_equal(d.gc.version, GMC_IP_VERSION(11, 0, 3));
	assert_false(d.serial_number.present);
	assert_int_equal(d.serial_number.error, -EILSEQ);
	assert_string_equal(gmcsim_sysfs_attr_problem(&d.serial_number), "not printable ASCII");
}

static void
test_sysfs_missing_dir(void **state)
{
	struct gmcsim_sysfs_device d;
	struct gmc_error err = { 0 };

	assert_int_equal(gmcsim_sysfs_read(PROBE_ROOT "/0000:99:00.0", 0, &d, &err), -ENOENT);
	assert_non_null(strstr(err.message, "0000:99:00.0"));
	/* a file is not a device directory */
	assert_int_equal(gmcsim_sysfs_read(PROBE_ROOT "/0000:43:00.0/vendor", 0, &d, &err),
			 -ENOENT);
}

/* Malformed copies, built in a temporary directory. */
static void
put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
drop(const char *dir, const char *const *names, size_t n)
{
	char path[512];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void
test_sysfs_malformed(void **state)
{
	static const char *const files[] = { "vendor",
					     "device",
					     "revision",
					     "subsystem_vendor",
					     "subsystem_device",
					     "resource",
					     "mem_info_vram_total",
					     "unique_id" };
	static const char six_bars[] = "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
				       "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
				       "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
				       "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
				       "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
				       "0x00000000fd000000 0x00000000fd07ffff 0x0000000000040200\n";
	char dir[] = "/tmp/test-sim-import-XXXXXX";
	struct gmcsim_sysfs_device d;
	struct gmc_error err = { 0 };

	assert_non_null(mkdtemp(dir));
	put(dir, "vendor", "0x1002\n");
	put(dir, "device", "0x74b5\n");
	put(dir, "revision", "0x100\n"); /* does not fit a byte */
	put(dir, "subsystem_vendor", "0x1002\n");
	put(dir, "subsystem_device", "0x74a5\n");
	put(dir, "resource", six_bars);
	assert_int_equal(gmcsim_sysfs_read(dir, GMCSIM_SYSFS_IDS, &d, &err), -EINVAL);
	assert_non_null(strstr(err.message, "revision"));

	put(dir, "revision", "0x00\n");
	put(dir, "resource", "0x0 0x0\n");
	assert_int_equal(gmcsim_sysfs_read(dir, GMCSIM_SYSFS_IDS, &d, &err), -EINVAL);
	assert_non_null(strstr(err.message, "resource line 1"));
	put(dir, "resource", "0x0000000000000000 0x0000000000000000 0x0\n");
	assert_int_equal(gmcsim_sysfs_read(dir, GMCSIM_SYSFS_IDS, &d, &err), -EINVAL);
	assert_non_null(strstr(err.message, "1 lines"));

	/* a VRAM size that is not a number is recorded, not taken */
	put(dir, "resource", six_bars);
	put(dir, "mem_info_vram_total", "lots\n");
	put(dir, "unique_id", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
	d = sysfs_ok(dir, GMCSIM_SYSFS_IDS);
	assert_false(d.have_vram_total);
	assert_int_equal(d.vram_total_text.error, -EINVAL);
	/* 64 characters do not fit a profile's 63 */
	assert_int_equal(d.unique_id.error, -EOVERFLOW);
	assert_string_equal(d.bus, ""); /* the directory is not named like a BDF */
	drop(dir, files, sizeof(files) / sizeof(files[0]));
}

static void
test_profile_from_sysfs(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:43:00.0", GMCSIM_SYSFS_IDS);
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	memset(&p, 0, sizeof(p));
	p.asic = part("gc943");
	gmc_params_init(&p.params);
	snprintf(p.name, sizeof(p.name), "from-sysfs");
	assert_int_equal(gmcsim_profile_from_sysfs(&d, &p, &err), 0);
	assert_true(p.params.sriov);
	assert_true(p.pci.is_vf);
	assert_int_equal(p.params.vram_size, 0x17f0000000);
	assert_int_equal(p.params.visible_vram_size, 0x2000000000);
	assert_string_equal(p.pci.bus, "0000:43:00.0");
	assert_int_equal(p.pci.device, 0x74b5);
	assert_string_equal(p.identity.unique_id, "b15e42f0c6d8a397");
	assert_string_equal(p.identity.xgmi_device_id, "13845126077432178104");
	assert_int_equal(gmcsim_profile_validate(&p, &err), 0);

	/* the 0000:46:00.0 copy's serial_number holds a tab: refused, naming it */
	d = sysfs_ok(PROBE_ROOT "/0000:46:00.0", GMCSIM_SYSFS_IDS);
	assert_int_equal(gmcsim_profile_from_sysfs(&d, &p, &err), -EINVAL);
	assert_non_null(strstr(err.message, "identity.serial_number"));
}

/* ------------------------------------------------------------------ */
/* UMR logs                                                             */
/* ------------------------------------------------------------------ */

static void
umr_ok(const char *text, const char *asic, const struct gmcsim_ip_bases *bases,
       struct gmc_regs *regs, struct gmcsim_umr_report *rep)
{
	struct gmc_error err = { 0 };
	int rc = gmcsim_umr_import(text, part(asic), bases, regs, rep, &err);

	if (rc)
		fail_msg("gmcsim_umr_import = %d (%s)", rc, err.message);
}

static const char *
unused_why(const struct gmcsim_umr_report *rep, unsigned line)
{
	for (size_t i = 0; i < rep->n_unused; i++) {
		if (rep->unused[i].line == line)
			return rep->unused[i].why;
	}
	return NULL;
}

/*
 * gc943-vf-node2.log with the bases of the 0000:43:00.0 copy: every
 * address is where GC 9.4.3 has the register (see test-sim-probe.c for the
 * arithmetic: 0x6B270, 0x6B274, 0x6E9C, 0x6EDC, 0x6EE0).
 */
static void
test_umr_by_address(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:43:00.0", 0);
	struct gmcsim_ip_bases bases = { .gc = d.gc, .mmhub = d.mmhub };
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;
	char *text = slurp(UMR_DIR "/gc943-vf-node2.log");
	static const uint32_t want[GMC_REG_COUNT] = { 0x1000, 0xcfbf, 0x0, 0x72, 0x17f8 };
	static const uint64_t addr[GMC_REG_COUNT] = { 0x6B270, 0x6B274, 0x6E9C, 0x6EDC, 0x6EE0 };

	umr_ok(text, "gc943", &bases, &regs, &rep);
	free(text);
	assert_int_equal(rep.lines, 14);
	assert_int_equal(rep.mmio_lines, 9);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		assert_true(rep.needed[r]);
		assert_true(rep.found[r]);
		assert_int_equal(rep.how[r], GMCSIM_UMR_OFFSET);
		assert_int_equal(rep.address[r], addr[r]);
		assert_int_equal(regs.value[r], want[r]);
	}
	assert_int_equal(rep.line[GMC_REG_FB_LOCATION_BASE], 5);
	/* RCC_CONFIG_MEMSIZE at byte 0xde3 * 4 = 0x378c: 0x17f00 MiB = 0x17f0000000 bytes */
	assert_true(rep.have_memsize);
	assert_int_equal(rep.memsize_mb, 0x17f00);
	/* the GC copy of MC_VM_FB_LOCATION_BASE (line 7) is not what the driver reads */
	assert_int_equal(rep.n_unused, 1);
	assert_non_null(strstr(unused_why(&rep, 7), "MMHUB"));
	assert_string_equal(rep.unused[0].name, "gc_9_4_3.regMC_VM_FB_LOCATION_BASE");
	/* AGP_BOT and GRBM_STATUS: other registers */
	assert_int_equal(rep.other_lines, 2);
	gmcsim_umr_report_fini(&rep);
}

/* The same log without bases: names and hubs decide; the colour codes are stripped. */
static void
test_umr_by_name_and_hub(void **state)
{
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;
	char *text = slurp(UMR_DIR "/gc943-vf-node5.log");

	umr_ok(text, "gc943", NULL, &regs, &rep);
	free(text);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		assert_true(rep.found[r]);
		assert_int_equal(rep.how[r], GMCSIM_UMR_NAME_HUB);
	}
	/* node 5: PF_LFB_REGION 5 */
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0x75);
	assert_int_equal(regs.value[GMC_REG_FB_LOCATION_BASE], 0x1000);
	gmcsim_umr_report_fini(&rep);
}

/*
 * vega10.envdef: bare names as in UMR's .envdef files. Without bases they
 * match by name; with GC base 0x2000 and MMHUB base 0x1A000 by address:
 *   FB_OFFSET       (0x2000 + 0x096b) * 4 = 0xA5AC (the reference's example)
 *   FB_LOCATION_BASE (0x1A000 + 0x082c) * 4 = 0x6A0B0
 */
static void
test_umr_envdef(void **state)
{
	struct gmcsim_ip_bases bases;
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;
	char *text = slurp(UMR_DIR "/vega10.envdef");

	umr_ok(text, "vega10", NULL, &regs, &rep);
	assert_int_equal(rep.how[GMC_REG_FB_OFFSET], GMCSIM_UMR_NAME);
	assert_int_equal(regs.value[GMC_REG_FB_OFFSET], 0x40);
	assert_int_equal(regs.value[GMC_REG_FB_LOCATION_BASE], 0xf400);
	assert_int_equal(regs.value[GMC_REG_FB_LOCATION_TOP], 0xf5ff);
	/* Vega10 has no XGMI: not needed, not missing */
	assert_false(rep.needed[GMC_REG_XGMI_LFB_CNTL]);
	assert_false(rep.found[GMC_REG_XGMI_LFB_CNTL]);
	gmcsim_umr_report_fini(&rep);

	memset(&bases, 0, sizeof(bases));
	bases.gc.present = true;
	bases.gc.n_bases = 1;
	bases.gc.base[0] = 0x2000;
	bases.mmhub.present = true;
	bases.mmhub.n_bases = 1;
	bases.mmhub.base[0] = 0x1a000;
	umr_ok(text, "vega10", &bases, &regs, &rep);
	free(text);
	assert_int_equal(rep.how[GMC_REG_FB_OFFSET], GMCSIM_UMR_OFFSET);
	assert_int_equal(rep.address[GMC_REG_FB_OFFSET], 0xA5AC);
	assert_int_equal(rep.how[GMC_REG_FB_LOCATION_BASE], GMCSIM_UMR_OFFSET);
	assert_int_equal(rep.address[GMC_REG_FB_LOCATION_BASE], 0x6A0B0);
	gmcsim_umr_report_fini(&rep);
}

static void
test_umr_missing(void **state)
{
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;
	char *text = slurp(UMR_DIR "/gc943-missing.log");

	umr_ok(text, "gc943", NULL, &regs, &rep);
	free(text);
	assert_true(rep.found[GMC_REG_FB_OFFSET]);
	assert_false(rep.found[GMC_REG_XGMI_LFB_CNTL]);
	assert_false(rep.found[GMC_REG_XGMI_LFB_SIZE]);
	/* reported by the kernel's name and where the part has it */
	assert_non_null(strstr(rep.note[GMC_REG_XGMI_LFB_CNTL], "MC_VM_XGMI_LFB_CNTL"));
	assert_non_null(strstr(rep.note[GMC_REG_XGMI_LFB_CNTL], "0x0957"));
	assert_int_equal(regs.value[GMC_REG_XGMI_LFB_CNTL], 0);
	assert_false(rep.have_memsize);
	gmcsim_umr_report_fini(&rep);
}

/* Two bare-named FB_LOCATION_BASE lines at different addresses: no guess. */
static void
test_umr_ambiguous(void **state)
{
	static const char text[] = "MMIO@0x6A0B0 = { 0xf400 } ; mmMC_VM_FB_LOCATION_BASE\n"
				   "MMIO@0xA530 = { 0x0 } ; mmMC_VM_FB_LOCATION_BASE\n"
				   "MMIO@0xA5AC = { 0x40 } ; mmMC_VM_FB_OFFSET\n";
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;

	umr_ok(text, "vega10", NULL, &regs, &rep);
	assert_false(rep.found[GMC_REG_FB_LOCATION_BASE]);
	assert_non_null(strstr(rep.note[GMC_REG_FB_LOCATION_BASE], "several addresses"));
	assert_true(rep.found[GMC_REG_FB_OFFSET]);
	gmcsim_umr_report_fini(&rep);
}

static void
test_umr_conflict_and_malformed(void **state)
{
	static const struct {
		const char *text;
		const char *says;
	} bad[] = {
		/* one register, two values */
		{ "MMIO@0x6e9c = { 0x0 } ; gc_9_4_3.regMC_VM_FB_OFFSET\n"
		  "MMIO@0x6e9c = { 0x4 } ; gc_9_4_3.regMC_VM_FB_OFFSET\n",
		  "line 1 reads 0x0 but line 2 reads 0x4" },
		/* successive reads that differ */
		{ "MMIO@0x6e9c = { 0x0, 0x1 } ; gc_9_4_3.regMC_VM_FB_OFFSET\n", "line 1" },
		{ "; ok\nMMIO@zz = { 0x0 }\n", "line 2" },
		{ "MMIO@0x10 { 0x0 }\n", "'='" },
		{ "MMIO@0x10 = 0x0\n", "'{'" },
		{ "MMIO@0x10 = { 0x100000000 }\n", "32-bit" },
		{ "MMIO@0x10 = { 0x1 \n", "'}'" },
		{ "MMIO@0x10 = { 0x1 } junk\n", "after '}'" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gmcsim_umr_report rep;
		struct gmc_regs regs = { { 0x5a5a5a5a } };
		struct gmc_error err = { 0 };

		assert_int_equal(
			gmcsim_umr_import(bad[i].text, part("gc943"), NULL, &regs, &rep, &err),
			-EINVAL);
		if (!strstr(err.message, bad[i].says))
			fail_msg("case %zu: '%s' does not say '%s'", i, err.message, bad[i].says);
		/* untouched on failure */
		assert_int_equal(regs.value[0], 0x5a5a5a5a);
		assert_null(rep.unused);
	}
}

/* gmc v10 names the hub in the register (GCMC_VM_*); XGMI lines on a part without XGMI. */
static void
test_umr_navi21_names(void **state)
{
	static const char text[] =
		"MMIO@0x1 = { 0x8000 } ; gc_10_3_0.regGCMC_VM_FB_LOCATION_BASE\r\n"
		"MMIO@0x2 = { 0x83bf } ; regGCMC_VM_FB_LOCATION_TOP\n"
		"MMIO@0x3 = { 0x40 } ; mmGCMC_VM_FB_OFFSET\n"
		"MMIO@0x4 = { 0x0 } ; mmhub_2_1_0.regMMMC_VM_FB_OFFSET\n"
		"MMIO@0x5 = { 0x72 } ; gc_10_3_0.regMC_VM_XGMI_LFB_CNTL\n"
		"VRAM@0x0 = { 0x1 }\n";
	struct gmcsim_umr_report rep;
	struct gmc_regs regs;
	char name[40];

	umr_ok(text, "sienna_cichlid", NULL, &regs, &rep);
	assert_int_equal(regs.value[GMC_REG_FB_LOCATION_BASE], 0x8000);
	assert_int_equal(regs.value[GMC_REG_FB_LOCATION_TOP], 0x83bf);
	assert_int_equal(regs.value[GMC_REG_FB_OFFSET], 0x40);
	assert_int_equal(rep.how[GMC_REG_FB_OFFSET], GMCSIM_UMR_NAME_HUB);
	assert_int_equal(rep.line[GMC_REG_FB_OFFSET], 3);
	assert_non_null(strstr(unused_why(&rep, 4), "MMHUB copy"));
	assert_non_null(strstr(unused_why(&rep, 5), "does not read xgmi_lfb_cntl"));
	assert_int_equal(rep.mmio_lines, 5);
	gmcsim_umr_report_fini(&rep);

	/* the kernel's names for the registers on each generation */
	assert_string_equal(
		gmcsim_reg_hw_name(part("sienna_cichlid"), GMC_REG_FB_OFFSET, name, sizeof(name)),
		"GCMC_VM_FB_OFFSET");
	assert_string_equal(
		gmcsim_reg_hw_name(part("gc1100"), GMC_REG_FB_LOCATION_BASE, name, sizeof(name)),
		"MMMC_VM_FB_LOCATION_BASE");
	assert_string_equal(
		gmcsim_reg_hw_name(part("gc944"), GMC_REG_FB_OFFSET, name, sizeof(name)),
		"MC_VM_FB_OFFSET");
	assert_string_equal(
		gmcsim_reg_hw_name(part("aldebaran"), GMC_REG_XGMI_LFB_CNTL, name, sizeof(name)),
		"MC_VM_XGMI_LFB_CNTL_ALDE");
}

/* ------------------------------------------------------------------ */
/* The import policy: gmcsim_import() and gmcsim_import_complete()      */
/* ------------------------------------------------------------------ */

static struct gmcsim_profile
import_ok(const struct gmcsim_import_opts *o, struct gmcsim_import_info *info)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	int rc = gmcsim_import(o, &p, info, &err);

	if (rc)
		fail_msg("gmcsim_import = %d (%s)", rc, err.message);
	return p;
}

/* Fails with @want, names @says, and leaves the profile alone. */
static struct gmcsim_import_info
import_fails(const struct gmcsim_import_opts *o, int want, const char *says)
{
	struct gmcsim_import_info info;
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "untouched");
	assert_int_equal(gmcsim_import(o, &p, &info, &err), want);
	if (!strstr(err.message, says))
		fail_msg("'%s' does not say '%s'", err.message, says);
	assert_string_equal(p.name, "untouched");
	assert_null(info.umr.unused);
	return info;
}

/*
 * Both inputs of the GC 9.4.3 VF: the copy names the part (ip_discovery GC
 * 9.4.3) and gives the base addresses that place every register by address
 * (the arithmetic is test_umr_by_address's).
 */
static void
test_import_sysfs_and_umr(void **state)
{
	struct gmcsim_import_opts o = { .sysfs = PROBE_ROOT "/0000:43:00.0",
					.umr_log = UMR_DIR "/gc943-vf-node2.log" };
	struct gmcsim_import_info info;
	struct gmcsim_profile p = import_ok(&o, &info);
	struct gmc_error err = { 0 };
	/* docs/profiles.md, gc943-vf-node2 */
	static const uint32_t want[GMC_REG_COUNT] = { 0x1000, 0xcfbf, 0x0, 0x72, 0x17f8 };

	assert_string_equal(gmc_asic_name(p.asic), "gc943");
	assert_int_equal(info.source, GMCSIM_GC_IP_DISCOVERY);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		assert_int_equal(info.umr.how[r], GMCSIM_UMR_OFFSET);
		assert_int_equal(p.regs.value[r], want[r]);
	}
	/* mem_info_vram_total 102810779648 bytes = 98048 MiB (test_import_sysfs_only
	 * shows it winning over the log's RCC_CONFIG_MEMSIZE) */
	assert_int_equal(p.params.vram_size, 0x17f0000000);
	/* the copy has a physfn link: a VF */
	assert_true(p.params.sriov);
	assert_true(p.pci.is_vf);
	/* no name given: "import-" and the bus, ':' is not a name character */
	assert_string_equal(p.name, "import-0000-43-00.0");
	assert_string_equal(p.description,
			    "imported by gmcsim profile import from a UMR log and a sysfs copy");
	assert_int_equal(gmcsim_import_complete(&o, &p, &info, &err), 0);
	assert_int_equal(gmcsim_profile_validate(&p, &err), 0);
	gmcsim_import_info_fini(&info);
}

/*
 * A --ip-base hub wins over the copy's, hub by hub: GC base 0x2000 puts
 * MC_VM_FB_OFFSET (GC dword 0x0947, docs/profiles.md) at (0x2000 + 0x947) * 4
 * = 0xa51c, where the log has nothing, so the GC registers are taken by
 * name and hub; the MMHUB ones still by the copy's MMHUB base address.
 */
static void
test_import_ip_base_per_hub(void **state)
{
	struct gmcsim_import_opts o = { .sysfs = PROBE_ROOT "/0000:43:00.0",
					.umr_log = UMR_DIR "/gc943-vf-node2.log",
					.name = "given" };
	struct gmcsim_import_info info;
	struct gmcsim_profile p;

	o.bases.gc.present = true;
	o.bases.gc.n_bases = 1;
	o.bases.gc.base[0] = 0x2000;
	p = import_ok(&o, &info);
	assert_int_equal(info.umr.how[GMC_REG_FB_LOCATION_BASE], GMCSIM_UMR_OFFSET);
	assert_int_equal(info.umr.how[GMC_REG_FB_LOCATION_TOP], GMCSIM_UMR_OFFSET);
	assert_int_equal(info.umr.how[GMC_REG_FB_OFFSET], GMCSIM_UMR_NAME_HUB);
	assert_int_equal(info.umr.how[GMC_REG_XGMI_LFB_CNTL], GMCSIM_UMR_NAME_HUB);
	assert_non_null(strstr(info.umr.note[GMC_REG_FB_OFFSET], "at 0xa51c"));
	/* same values either way */
	assert_int_equal(p.regs.value[GMC_REG_XGMI_LFB_CNTL], 0x72);
	assert_string_equal(p.name, "given");
	gmcsim_import_info_fini(&info);
}

/* A log alone: the caller's part, its --sriov, RCC_CONFIG_MEMSIZE for VRAM. */
static void
test_import_umr_only(void **state)
{
	struct gmcsim_import_opts o = { .umr_log = UMR_DIR "/gc943-vf-node2.log",
					.gc = part("gc943"),
					.sriov = true };
	struct gmc_error err = { 0 };
	struct gmcsim_profile p;

	/* info may be NULL */
	p = import_ok(&o, NULL);
	assert_int_equal(p.regs.value[GMC_REG_XGMI_LFB_SIZE], 0x17f8);
	/* line 13: RCC_CONFIG_MEMSIZE 0x17f00 MiB = 0x17f00 << 20 bytes */
	assert_int_equal(p.params.vram_size, 0x17f0000000);
	assert_true(p.params.sriov);
	assert_true(p.pci.is_vf);
	/* no sysfs copy, so no bus to name it after */
	assert_string_equal(p.name, "import-umr");
	assert_string_equal(p.description, "imported by gmcsim profile import from a UMR log");
	assert_int_equal(p.pci.n_bars, 0);
	assert_int_equal(gmcsim_profile_validate(&p, &err), 0);
}

/* A copy alone: the part from the device id, and the caller's VRAM size first. */
static void
test_import_sysfs_only(void **state)
{
	struct gmcsim_import_opts o = { .sysfs = PROBE_ROOT "/0000:03:00.0" };
	struct gmcsim_import_info info;
	struct gmc_error err = { 0 };
	struct gmcsim_profile p = import_ok(&o, &info);

	/* 0x66a1 is one of the kernel's Vega20 ids; the copy has no ip_discovery */
	assert_string_equal(gmc_asic_name(p.asic), "vega20");
	assert_int_equal(info.source, GMCSIM_GC_DEVICE_ID);
	/* mem_info_vram_total 34342961152 bytes = 32752 MiB = 0x7ff000000 */
	assert_int_equal(p.params.vram_size, 0x7ff000000);
	assert_false(p.params.sriov);
	for (unsigned r = 0; r < GMC_REG_COUNT; r++)
		assert_int_equal(p.regs.value[r], 0);
	assert_string_equal(p.description, "imported by gmcsim profile import from a sysfs copy");
	/* no log: nothing is missing */
	assert_int_equal(gmcsim_import_complete(&o, &p, &info, &err), 0);
	gmcsim_import_info_fini(&info);

	/* the copy's VRAM size wins over the log's RCC_CONFIG_MEMSIZE 0x17f00 MiB */
	o.umr_log = UMR_DIR "/gc943-vf-node2.log";
	p = import_ok(&o, NULL);
	assert_int_equal(p.params.vram_size, 0x7ff000000);
	/* and the caller's wins over both */
	o.vram_size = UINT64_C(1) << 30;
	p = import_ok(&o, NULL);
	assert_int_equal(p.params.vram_size, 0x40000000);
	o.umr_log = NULL;
	/* --gc naming the copy's own part is the caller's word */
	o.gc = part("vega20");
	p = import_ok(&o, &info);
	assert_int_equal(info.source, GMCSIM_GC_USER);
	gmcsim_import_info_fini(&info);
}

/* What gmcsim_import_complete() refuses: no VRAM size, missing registers. */
static void
test_import_complete(void **state)
{
	struct gmcsim_import_opts o = { .umr_log = UMR_DIR "/vega10.envdef", .gc = part("vega10") };
	struct gmcsim_import_info info;
	struct gmc_error err = { 0 };
	struct gmcsim_profile p = import_ok(&o, &info);

	/* vega10.envdef reads no RCC_CONFIG_MEMSIZE and no VRAM size was given */
	assert_int_equal(p.params.vram_size, 0);
	assert_int_equal(gmcsim_import_complete(&o, &p, &info, &err), -ENOENT);
	assert_non_null(strstr(err.message, "the log reads no RCC_CONFIG_MEMSIZE"));
	gmcsim_import_info_fini(&info);

	/* gc943-missing.log has the FB registers only; GC 9.4.3 also reads XGMI */
	o.umr_log = UMR_DIR "/gc943-missing.log";
	o.gc = part("gc943");
	o.vram_size = UINT64_C(98048) << 20;
	p = import_ok(&o, &info);
	assert_int_equal(gmcsim_import_complete(&o, &p, &info, &err), -ENOENT);
	assert_non_null(strstr(err.message, "registers are missing"));
	o.allow_missing = true;
	assert_int_equal(gmcsim_import_complete(&o, &p, &info, &err), 0);
	assert_int_equal(p.regs.value[GMC_REG_XGMI_LFB_CNTL], 0);
	gmcsim_import_info_fini(&info);
}

/* Every refusal, and whether it is the inputs' content or their reading. */
static void
test_import_refused(void **state)
{
	static const char bad[] = "; a comment\nMMIO@0x6e9c { 0x0 }\n";
	struct gmcsim_import_opts none = { 0 };
	struct gmcsim_import_opts o;
	struct gmcsim_import_info info;
	char log[] = "/tmp/test-sim-import-XXXXXX";
	int fd;

	import_fails(&none, -EINVAL, "nothing to import");
	/* a log does not name its part */
	o = (struct gmcsim_import_opts){ .umr_log = UMR_DIR "/vega10.envdef" };
	import_fails(&o, -EINVAL, "no part");
	/* the copy's ip_discovery says GC 9.4.3 */
	o = (struct gmcsim_import_opts){ .sysfs = PROBE_ROOT "/0000:43:00.0", .gc = part("gc944") };
	info = import_fails(&o, -EINVAL, "disagrees with " PROBE_ROOT "/0000:43:00.0's GC 9.4.3");
	assert_false(info.system_error);
	/* 0x74a1 is not an explicit id and the copy has no ip_discovery */
	o = (struct gmcsim_import_opts){ .sysfs = PROBE_ROOT "/0000:44:00.0" };
	import_fails(&o, -ENOENT, "give --gc");
	import_fails(&o, -ENOENT, "0x74a1");
	/* its ip_discovery says GC 11.0.3, which libgmc does not model */
	o = (struct gmcsim_import_opts){ .sysfs = PROBE_ROOT "/0000:46:00.0" };
	import_fails(&o, -ENOENT, "not a modelled part");
	/* 0000:03:00.0 has no physfn link: a PF */
	o = (struct gmcsim_import_opts){ .sysfs = PROBE_ROOT "/0000:03:00.0", .sriov = true };
	import_fails(&o, -EINVAL, "physfn");
	/* unreadable inputs are the system's failures */
	o = (struct gmcsim_import_opts){ .sysfs = PROBE_ROOT "/0000:99:00.0" };
	info = import_fails(&o, -ENOENT, "0000:99:00.0");
	assert_true(info.system_error);
	o = (struct gmcsim_import_opts){ .umr_log = UMR_DIR "/no-such.log", .gc = part("gc943") };
	info = import_fails(&o, -ENOENT, "no-such.log");
	assert_true(info.system_error);
	/* a malformed log is the input's fault: the line lacks its '=' */
	o = (struct gmcsim_import_opts){ .umr_log = log, .gc = part("gc943") };
	fd = mkstemp(log);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
	close(fd);
	info = import_fails(&o, -EINVAL, "line 2: expected '='");
	assert_false(info.system_error);
	unlink(log);
}

/*
 * A copy of another vendor's device, at a short path and at one longer than
 * 120 bytes: the short one is quoted whole; the long one by "..." and its
 * last 37 characters (GMCSIM_SAFE_TEXT_MAX 40 less the dots), so the reason
 * after it still fits the 192-byte message.
 */
static void
test_import_not_amd(void **state)
{
	static const char *const files[] = { "vendor",		 "device",	     "revision",
					     "subsystem_vendor", "subsystem_device", "resource" };
	static const char six_bars[] = "0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n"
				       "0x0 0x0 0x0\n0x0 0x0 0x0\n0x0 0x0 0x0\n";
	char dir[] = "/tmp/test-sim-import-XXXXXX", deep[256], want[256];
	const char *dirs[2] = { dir, deep };
	struct gmcsim_import_opts o = { 0 };
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };

	assert_non_null(mkdtemp(dir));
	/* 27 + 1 + 100 = 128 bytes */
	snprintf(deep, sizeof(deep), "%s/%0100d", dir, 0);
	assert_int_equal(mkdir(deep, 0700), 0);
	for (size_t i = 0; i < 2; i++) {
		put(dirs[i], "vendor", "0x10de\n");
		put(dirs[i], "device", "0x2330\n");
		put(dirs[i], "revision", "0xa1\n");
		put(dirs[i], "subsystem_vendor", "0x10de\n");
		put(dirs[i], "subsystem_device", "0x16c1\n");
		put(dirs[i], "resource", six_bars);
	}
	o.sysfs = dir;
	assert_int_equal(gmcsim_import(&o, &p, NULL, &err), -ENODEV);
	snprintf(want, sizeof(want), "%s is vendor 0x10de, not AMD (0x1002)", dir);
	assert_string_equal(err.message, want);
	o.sysfs = deep;
	assert_int_equal(gmcsim_import(&o, &p, NULL, &err), -ENODEV);
	assert_string_equal(err.message, "...0000000000000000000000000000000000000 is vendor "
					 "0x10de, not AMD (0x1002)");
	drop(deep, files, sizeof(files) / sizeof(files[0]));
	drop(dir, files, sizeof(files) / sizeof(files[0]));
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */
/* ------------------------------------------------------------------ */

static void
test_write_and_load(void **state)
{
	struct gmcsim_sysfs_device d = sysfs_ok(PROBE_ROOT "/0000:43:00.0", GMCSIM_SYSFS_IDS);
	struct gmcsim_ip_bases bases = { .gc = d.gc, .mmhub = d.mmhub };
	struct gmcsim_umr_report rep;
	struct gmcsim_profile p, back;
	struct gmc_error err = { 0 };
	char dir[] = "/tmp/test-sim-import-XXXXXX", file[64], *text;
	struct stat st;

	memset(&p, 0, sizeof(p));
	p.asic = part("gc943");
	gmc_params_init(&p.params);
	gmcsim_profile_name_from("import-", d.bus, p.name, sizeof(p.name));
	assert_string_equal(p.name, "import-0000-43-00.0");
	assert_int_equal(gmcsim_profile_from_sysfs(&d, &p, &err), 0);
	text = slurp(UMR_DIR "/gc943-vf-node2.log");
	umr_ok(text, "gc943", &bases, &p.regs, &rep);
	free(text);
	gmcsim_umr_report_fini(&rep);

	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/p.json", dir);
	assert_int_equal(gmcsim_profile_write(&p, file, &err), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(gmcsim_profile_load(file, &back, &err), 0);
	assert_string_equal(back.name, p.name);
	assert_memory_equal(&back.regs, &p.regs, sizeof(p.regs));
	assert_memory_equal(&back.pci, &p.pci, sizeof(p.pci));
	assert_memory_equal(&back.identity, &p.identity, sizeof(p.identity));
	assert_int_equal(back.params.vram_size, p.params.vram_size);

	/* an invalid profile is refused and nothing is left behind */
	unlink(file);
	p.pci.bars[2].size = 0x80001; /* not a power of two */
	assert_int_equal(gmcsim_profile_write(&p, file, &err), -EINVAL);
	assert_non_null(strstr(err.message, "pci.bars[2].size"));
	assert_int_not_equal(stat(file, &st), 0);
	assert_int_equal(rmdir(dir), 0); /* empty: no temporary file either */

	/* an unwritable place */
	p.pci.bars[2].size = 0x80000;
	assert_int_equal(gmcsim_profile_write(&p, "/nonexistent-dir/p.json", &err), -ENOENT);
}

/*
 * The writer replaces only regular files (sim-profile.h): each of these is
 * at the path before the write, is refused with the errno the header names,
 * and is still there, unchanged, afterwards. A char device cannot be made
 * safely without root, so the FIFO stands for every special file (they share
 * one branch); as root a node made with mknod() is tried too.
 */
static void
test_write_refuses_non_regular(void **state)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	char dir[] = "/tmp/test-sim-import-XXXXXX", path[96], target[96];
	char buf[8] = { 0 };
	struct stat st;
	int fd;

	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &p), 0);
	assert_non_null(mkdtemp(dir));

	/* a FIFO: renaming over it would replace it; opening it would block */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(gmcsim_profile_write(&p, path, &err), -EEXIST);
	assert_non_null(strstr(err.message, "FIFO"));
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	unlink(path);

	/* a directory */
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(gmcsim_profile_write(&p, path, &err), -EISDIR);
	assert_non_null(strstr(err.message, "directory"));
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	rmdir(path);

	/* a symbolic link to a regular file: refused, the link and its target untouched */
	snprintf(target, sizeof(target), "%s/target", dir);
	fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "old", 3), 3);
	close(fd);
	snprintf(path, sizeof(path), "%s/link", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(gmcsim_profile_write(&p, path, &err), -ELOOP);
	assert_non_null(strstr(err.message, "symbolic link"));
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	fd = open(target, O_RDONLY);
	assert_int_equal(read(fd, buf, sizeof(buf) - 1), 3);
	close(fd);
	assert_string_equal(buf, "old");
	unlink(path);
	unlink(target);

	/* a character device (/dev/null's numbers, 1:3), where we may make one */
	snprintf(path, sizeof(path), "%s/null", dir);
	if (mknod(path, S_IFCHR | 0666, makedev(1, 3)) == 0) {
		assert_int_equal(gmcsim_profile_write(&p, path, &err), -EEXIST);
		assert_non_null(strstr(err.message, "character device"));
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISCHR(st.st_mode));
		unlink(path);
	}

	/* nothing else was left in the directory: no temporary file */
	assert_int_equal(rmdir(dir), 0);
}

/* A replaced regular file keeps its permission bits; a new one is 0644. */
static void
test_write_keeps_mode(void **state)
{
	struct gmcsim_profile p, back;
	struct gmc_error err = { 0 };
	char dir[] = "/tmp/test-sim-import-XXXXXX", path[96];
	struct stat st;
	int fd;

	assert_int_equal(gmcsim_profile_builtin("gc944-vf-node2", &p), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a profile", 13), 13);
	/* fchmod: the mode must not depend on the umask */
	assert_int_equal(fchmod(fd, 0640), 0);
	close(fd);
	assert_int_equal(gmcsim_profile_write(&p, path, &err), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0640);
	/* and the content is the profile now */
	assert_int_equal(gmcsim_profile_load(path, &back, &err), 0);
	assert_string_equal(back.name, "gc944-vf-node2");
	unlink(path);

	assert_int_equal(gmcsim_profile_write(&p, path, &err), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sysfs_vf),
		cmocka_unit_test(test_sysfs_pf_io_bar),
		cmocka_unit_test(test_sysfs_numeric_ip_dir_and_bad_attr),
		cmocka_unit_test(test_sysfs_missing_dir),
		cmocka_unit_test(test_sysfs_malformed),
		cmocka_unit_test(test_profile_from_sysfs),
		cmocka_unit_test(test_umr_by_address),
		cmocka_unit_test(test_umr_by_name_and_hub),
		cmocka_unit_test(test_umr_envdef),
		cmocka_unit_test(test_umr_missing),
		cmocka_unit_test(test_umr_ambiguous),
		cmocka_unit_test(test_umr_conflict_and_malformed),
		cmocka_unit_test(test_umr_navi21_names),
		cmocka_unit_test(test_import_sysfs_and_umr),
		cmocka_unit_test(test_import_ip_base_per_hub),
		cmocka_unit_test(test_import_umr_only),
		cmocka_unit_test(test_import_sysfs_only),
		cmocka_unit_test(test_import_complete),
		cmocka_unit_test(test_import_refused),
		cmocka_unit_test(test_import_not_amd),
		cmocka_unit_test(test_write_and_load),
		cmocka_unit_test(test_write_refuses_non_regular),
		cmocka_unit_test(test_write_keeps_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
