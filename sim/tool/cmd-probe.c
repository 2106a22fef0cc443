/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim probe`: list the AMD GPUs libpciaccess finds (ids, part, BARs,
 * driver, sysfs identity), or capture one as a vGPU profile, optionally
 * with its MC/XGMI registers read through a read-only mapping of BAR5.
 * The work is libgmcsim's (sim/device/probe.c); this file parses and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "device.h"
#include "sim-profile.h"
#include "util.h"

/* --vram-size: the driver reads the VRAM size in MiB (RCC_CONFIG_MEMSIZE). */
#define MIB (UINT64_C(1) << 20)

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim probe [--json]\n"
		"       gmcsim probe --capture BUS --output FILE [--read-registers] [--name NAME]\n"
		"                    [--gc X.Y.Z] [--vram-size SIZE]\n"
		"\n"
		"List the AMD GPUs on this machine (vendor 0x1002, display or accelerator class)\n"
		"through libpciaccess: PCI address, ids, part and GC version, PF or SR-IOV VF,\n"
		"BARs, kernel driver, and the sysfs identity values. Nothing is written to any\n"
		"device.\n"
		"\n"
		"  --json              print one JSON document\n"
		"  --capture BUS       make a vGPU profile of the GPU at BUS (0000:43:00.0)\n"
		"  --output FILE       where the profile goes ('-': standard output)\n"
		"  --read-registers    also read the MC/XGMI registers from the MMIO BAR, mapped\n"
		"                      read-only (needs root and a known GC version)\n"
		"  --name NAME         the profile's name (default probe-BUS)\n"
		"  --gc X.Y.Z          the GC version when the device does not say (not with\n"
		"                      --read-registers); a part name or alias also works\n"
		"  --vram-size SIZE    VRAM bytes (K/M/G suffix) when sysfs has no\n"
		"                      mem_info_vram_total\n"
		"  -h, --help          show this help\n"
		"\n"
		"Exit status: 0 success (also when there is no AMD GPU), 1 the device cannot be\n"
		"captured as asked, 2 usage error, libpciaccess or sysfs failure.\n");
}

static int
report(int rc, const struct gmc_error *err, bool system)
{
	char m[GMCSIM_TERM_MSG_BUF];

	fprintf(stderr, "gmcsim probe: %s: %s\n", gmc_errno_name(rc),
		gmcsim_term_text(err->message[0] ? err->message : strerror(-rc), m, sizeof(m)));
	return system || rc == -ENOTSUP || rc == -ENOMEM ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_FAILED;
}

static int
list(bool json)
{
	struct gmcsim_probe_opts opts = { 0 };
	struct gmcsim_probe_result *res = NULL;
	struct json_object *doc = NULL;
	struct gmc_error err = { 0 };
	int rc = gmcsim_probe_scan(&opts, &res, &err);

	if (rc)
		return report(rc, &err, true);
	if (json) {
		rc = gmcsim_probe_result_json(res, GMCSIM_SYSFS_PCI_ROOT, &doc);
		if (rc == 0) {
			rc = gmcsim_json_print(stdout, doc, true);
			json_object_put(doc);
		}
	} else {
		rc = gmcsim_probe_result_print(stdout, res);
	}
	gmcsim_probe_result_free(res);
	if (rc == -ENOMEM)
		fprintf(stderr, "gmcsim probe: ENOMEM: out of memory\n");
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}

/* ---- capture ---- */

static void
capture_summary(FILE *out, const char *file, const struct gmcsim_profile *p,
		const struct gmcsim_probe_capture_info *info)
{
	char gc[16], size[32], name[4 * 256];

	fprintf(out, "%s: profile %s of %s: %s (GC %s from %s), %s, VRAM %s, %u BAR%s\n",
		gmcsim_term_text(file, name, sizeof(name)), p->name, info->gpu.pci.bus,
		gmc_asic_name(p->asic), gmc_asic_gc_string(p->asic, gc, sizeof(gc)),
		gmcsim_gc_source_name(info->gpu.ident.asic ? info->gpu.ident.source
							   : GMCSIM_GC_USER),
		p->pci.is_vf ? "SR-IOV VF" : "PF",
		gmcsim_size_str(p->params.vram_size, size, sizeof(size)), p->pci.n_bars,
		p->pci.n_bars == 1 ? "" : "s");
	if (!info->registers_read) {
		fprintf(out, "  registers not read (all 0): add --read-registers to read them\n");
		return;
	}
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		if (info->reg_read[r])
			fprintf(out, "  %-18s 0x%08" PRIx32 "  (BAR%u byte 0x%" PRIx64 ")\n",
				gmc_reg_name((enum gmc_reg)r), p->regs.value[r], info->mmio_bar,
				info->reg_offset[r]);
		else
			fprintf(out, "  %-18s not read on %s\n", gmc_reg_name((enum gmc_reg)r),
				gmc_asic_name(p->asic));
	}
}

static int
capture(const struct gmcsim_probe_opts *opts, const char *bus, const char *output)
{
	struct gmcsim_probe_capture_info *info = calloc(1, sizeof(*info));
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	bool to_stdout = strcmp(output, "-") == 0;
	int rc;

	if (!info) {
		fprintf(stderr, "gmcsim probe: ENOMEM: out of memory\n");
		return GMCSIM_EXIT_USAGE;
	}
	rc = gmcsim_probe_capture(opts, bus, &p, info, &err);
	if (rc) {
		rc = report(rc, &err, info->system_error);
		free(info);
		return rc;
	}
	if (to_stdout) {
		char *text = NULL;

		rc = gmcsim_profile_to_json(&p, &text);
		if (rc == 0)
			fputs(text, stdout);
		free(text);
	} else {
		rc = gmcsim_profile_write(&p, output, &err);
	}
	if (rc) {
		rc = report(rc, &err, true);
		free(info);
		return rc;
	}
	capture_summary(to_stdout ? stderr : stdout, to_stdout ? "standard output" : output, &p,
			info);
	free(info);
	return GMCSIM_EXIT_OK;
}

/* ---- options ---- */

enum {
	OPT_JSON = GMCSIM_LONG_OPTION,
	OPT_CAPTURE,
	OPT_OUTPUT,
	OPT_READ_REGS,
	OPT_NAME,
	OPT_GC,
	OPT_VRAM_SIZE,
};

static int
usage_error(const char *msg, const char *arg)
{
	char q[GMCSIM_SAFE_BUF];

	fprintf(stderr, "gmcsim probe: EINVAL: %s%s%s%s (see 'gmcsim probe --help')\n", msg,
		arg ? " '" : "", arg ? gmcsim_safe_text(arg, q, sizeof(q)) : "", arg ? "'" : "");
	return GMCSIM_EXIT_USAGE;
}

int
gmcsim_cmd_probe(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "capture", required_argument, NULL, OPT_CAPTURE },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "read-registers", no_argument, NULL, OPT_READ_REGS },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "gc", required_argument, NULL, OPT_GC },
		{ "vram-size", required_argument, NULL, OPT_VRAM_SIZE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmcsim_probe_opts opts = { 0 };
	const char *bus = NULL, *output = NULL;
	char why[GMCSIM_WHY_MAX], canonical[GMCSIM_NAME_MAX];
	bool json = false;
	uint64_t seen = 0;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		if (gmcsim_option_once("probe", options, c, &seen))
			return GMCSIM_EXIT_USAGE;
		switch (c) {
		case OPT_JSON:
			json = true;
			break;
		case OPT_CAPTURE:
			bus = optarg;
			break;
		case OPT_OUTPUT:
			output = optarg;
			break;
		case OPT_READ_REGS:
			opts.read_registers = true;
			break;
		case OPT_NAME:
			opts.name = optarg;
			break;
		case OPT_GC:
			if (gmcsim_part_option("probe", "--gc", optarg, &opts.gc) != 0)
				return GMCSIM_EXIT_USAGE;
			break;
		case OPT_VRAM_SIZE:
			if (gmcsim_parse_u64(optarg, GMCSIM_NUM_SUFFIX, UINT64_MAX, &opts.vram_size,
					     why, sizeof(why)) != 0) {
				fprintf(stderr, "gmcsim probe: EINVAL: --vram-size: %s\n", why);
				return GMCSIM_EXIT_USAGE;
			}
			if (opts.vram_size == 0 || opts.vram_size % MIB)
				return usage_error("--vram-size must be a non-zero whole number of "
						   "MiB, not",
						   optarg);
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error("probe", c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument", argv[optind]);
	if (!bus) {
		if (output || opts.read_registers || opts.name || opts.gc || opts.vram_size)
			return usage_error("--output, --read-registers, --name, --gc and "
					   "--vram-size go with --capture",
					   NULL);
		return list(json);
	}
	if (json)
		return usage_error("--json is for the listing; a capture writes a profile "
				   "(JSON) to --output",
				   NULL);
	if (!output)
		return usage_error("--capture needs --output FILE ('-': standard output)", NULL);
	if (gmcsim_pci_bus_parse(bus, canonical, sizeof(canonical)) != 0)
		return usage_error("--capture takes a PCI address like 0000:43:00.0, not", bus);
	if (opts.name) {
		/* the profile's name rule (docs/profiles.md) */
		if (!*opts.name || strlen(opts.name) >= GMCSIM_NAME_MAX ||
		    opts.name[strspn(opts.name,
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				     "0123456789._-")] != '\0')
			return usage_error("--name: use 1 to 63 of letters, digits, '.', '_' "
					   "and '-', not",
					   opts.name);
	}
	if (opts.gc && opts.read_registers)
		return usage_error("--gc cannot be combined with --read-registers: the "
				   "register offsets must come from the device",
				   NULL);
	return capture(&opts, bus, output);
}
