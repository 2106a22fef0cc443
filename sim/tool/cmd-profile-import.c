/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim profile import`: a vGPU profile from a UMR test log (the MC/XGMI
 * registers) and/or a copy of a device's sysfs directory (PCI identity,
 * BARs, identity values, VRAM size, part). The work, and the rules for
 * combining the two, are libgmcsim's (gmcsim_import(), sim/device/import.c);
 * this file parses the flags, prints the report and writes the profile.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "device.h"
#include "sim-profile.h"
#include "util.h"

#define MIB (UINT64_C(1) << 20)
#define CMD "profile import"

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim profile import --umr-log FILE --gc X.Y.Z [OPTIONS]\n"
		"       gmcsim profile import --sysfs DIR [--umr-log FILE] [OPTIONS]\n"
		"\n"
		"Make a vGPU profile from what a real device left behind: the MC/XGMI registers\n"
		"from a UMR test log (MMIO@0x... = { 0x... } ; NAME lines), and the PCI ids, BARs,\n"
		"identity values, VRAM size and GC version from a copy of the device's sysfs\n"
		"directory (/sys/bus/pci/devices/BUS).\n"
		"\n"
		"  --umr-log FILE      a UMR --test-log file ('-': standard input)\n"
		"  --sysfs DIR         a copy of the device's sysfs directory\n"
		"  --gc X.Y.Z          the GC version (needed with --umr-log unless DIR's\n"
		"                      ip_discovery says)\n"
		"  --ip-base HUB=A[,A...]  HUB's (GC or MMHUB) base addresses by BASE_IDX, as in\n"
		"                      sysfs ip_discovery base_addr: registers are then found by\n"
		"                      address (repeatable; DIR's ip_discovery gives them too)\n"
		"  --sriov             the log is from an SR-IOV VF (DIR's physfn link says so too)\n"
		"  --vram-size SIZE    VRAM bytes (K/M/G suffix); default: DIR's\n"
		"                      mem_info_vram_total, else the log's RCC_CONFIG_MEMSIZE\n"
		"  --name NAME         the profile's name\n"
		"  --allow-missing     write the profile even when registers are missing (as 0)\n"
		"  --output FILE       where the profile goes (default '-': standard output)\n"
		"  -h, --help          show this help\n"
		"\n"
		"The report goes to standard output, or to standard error when the profile does.\n"
		"Exit status: 0 written, 1 registers missing or the input does not make a\n"
		"valid profile, 2 usage error or an unreadable file or directory.\n");
}

static int
usage_error(const char *msg, const char *arg)
{
	char q[GMCSIM_SAFE_BUF];

	fprintf(stderr, "gmcsim " CMD ": EINVAL: %s%s%s%s (see 'gmcsim profile import --help')\n",
		msg, arg ? " '" : "", arg ? gmcsim_safe_text(arg, q, sizeof(q)) : "",
		arg ? "'" : "");
	return GMCSIM_EXIT_USAGE;
}

static int
report_error(int rc, const struct gmc_error *err, int status)
{
	char m[GMCSIM_TERM_MSG_BUF];

	fprintf(stderr, "gmcsim " CMD ": %s: %s\n", gmc_errno_name(rc),
		gmcsim_term_text(err->message[0] ? err->message : strerror(-rc), m, sizeof(m)));
	return status;
}

/* "GC=0x2000,0xA000": the hub's base_addr list, index = BASE_IDX. */
static int
parse_ip_base(const char *text, struct gmcsim_ip_bases *bases)
{
	const char *eq = strchr(text, '=');
	struct gmcsim_ip_info *ip;
	char buf[256], *save = NULL;
	size_t hub_len;

	if (!eq)
		return usage_error("--ip-base needs HUB=ADDR[,ADDR...], not", text);
	hub_len = (size_t)(eq - text);
	if (hub_len == 2 && strncasecmp(text, "GC", 2) == 0)
		ip = &bases->gc;
	else if (hub_len == 5 && strncasecmp(text, "MMHUB", 5) == 0)
		ip = &bases->mmhub;
	else
		return usage_error("--ip-base: the hub is GC or MMHUB, not", text);
	/* one list per hub: a second one would silently replace the first */
	if (ip->present)
		return usage_error("--ip-base: the hub's bases were given already:", text);
	if (strlen(eq + 1) >= sizeof(buf))
		return usage_error("--ip-base: too long:", text);
	snprintf(buf, sizeof(buf), "%s", eq + 1);
	memset(ip, 0, sizeof(*ip));
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		uint64_t v;

		/* base_addr entries are 32-bit dword addresses */
		if (ip->n_bases == GMCSIM_IP_BASES_MAX ||
		    gmcsim_parse_u64(t, 0, UINT32_MAX, &v, NULL, 0) != 0)
			return usage_error("--ip-base: not a list of up to 16 32-bit addresses:",
					   text);
		ip->base[ip->n_bases++] = (uint32_t)v;
	}
	if (!ip->n_bases)
		return usage_error("--ip-base: no address in", text);
	ip->present = true;
	return 0;
}

static const char *
how_text(enum gmcsim_umr_match how)
{
	switch (how) {
	case GMCSIM_UMR_OFFSET:
		return "by address";
	case GMCSIM_UMR_NAME_HUB:
		return "by name and hub";
	case GMCSIM_UMR_NAME:
		return "by name";
	case GMCSIM_UMR_NONE:
	default:
		return "";
	}
}

static void
print_umr_report(FILE *out, const struct gmcsim_profile *p, const struct gmcsim_umr_report *rep)
{
	fprintf(out, "UMR log: %u lines, %u MMIO reads\n", rep->lines, rep->mmio_lines);
	/* notes and register names come from the log's text */
	char t1[4 * GMCSIM_TEXT_MAX], t2[4 * GMCSIM_TEXT_MAX];

	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		const char *name = gmc_reg_name((enum gmc_reg)r);
		char hw[40];

		gmcsim_reg_hw_name(p->asic, (enum gmc_reg)r, hw, sizeof(hw));
		if (!rep->needed[r])
			fprintf(out, "  %-18s not read on %s\n", name, gmc_asic_name(p->asic));
		else if (rep->found[r])
			fprintf(out, "  %-18s 0x%08" PRIx32 "  line %u, %s at 0x%" PRIx64 " %s\n",
				name, p->regs.value[r], rep->line[r], hw, rep->address[r],
				how_text(rep->how[r]));
		else
			fprintf(out, "  %-18s MISSING: %s\n", name,
				gmcsim_term_text(rep->note[r], t1, sizeof(t1)));
		if (rep->needed[r] && rep->found[r] && rep->note[r][0])
			fprintf(out, "  %-18s note: %s\n", "",
				gmcsim_term_text(rep->note[r], t1, sizeof(t1)));
	}
	if (rep->have_memsize)
		fprintf(out, "  %-18s %" PRIu32 " MiB\n", "RCC_CONFIG_MEMSIZE", rep->memsize_mb);
	for (size_t i = 0; i < rep->n_unused; i++) {
		const struct gmcsim_umr_unused *u = &rep->unused[i];

		fprintf(out, "  unused: line %u, 0x%" PRIx64 " %s: %s\n", u->line, u->address,
			gmcsim_term_text(u->name[0] ? u->name : "(no name)", t1, sizeof(t1)),
			gmcsim_term_text(u->why, t2, sizeof(t2)));
	}
	if (rep->other_lines)
		fprintf(out, "  %u MMIO read%s of other registers ignored\n", rep->other_lines,
			rep->other_lines == 1 ? "" : "s");
}

static int
run_import(const struct gmcsim_import_opts *o, const char *output)
{
	struct gmcsim_import_info info;
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	bool to_stdout = !output || strcmp(output, "-") == 0;
	FILE *rout = to_stdout ? stderr : stdout;
	char gc[16], size[32];
	int rc;

	rc = gmcsim_import(o, &p, &info, &err);
	if (rc)
		return report_error(rc, &err,
				    info.system_error ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_FAILED);
	fprintf(rout, "profile %s: %s (GC %s from %s), %s, VRAM %s\n", p.name,
		gmc_asic_name(p.asic), gmc_asic_gc_string(p.asic, gc, sizeof(gc)),
		gmcsim_gc_source_name(info.source), p.pci.is_vf ? "SR-IOV VF" : "not a VF",
		p.params.vram_size ? gmcsim_size_str(p.params.vram_size, size, sizeof(size))
				   : "unknown");
	if (o->umr_log)
		print_umr_report(rout, &p, &info.umr);
	rc = gmcsim_import_complete(o, &p, &info, &err);
	gmcsim_import_info_fini(&info);
	if (rc)
		return report_error(rc, &err, GMCSIM_EXIT_FAILED);

	if (to_stdout) {
		char *text = NULL;

		rc = gmcsim_profile_validate(&p, &err);
		if (rc == 0 && (rc = gmcsim_profile_to_json(&p, &text)) != 0)
			gmcsim_fail(&err, rc, "out of memory");
		if (rc == 0)
			fputs(text, stdout);
		free(text);
	} else {
		rc = gmcsim_profile_write(&p, output, &err);
	}
	if (rc)
		return report_error(rc, &err,
				    rc == -EINVAL ? GMCSIM_EXIT_FAILED : GMCSIM_EXIT_USAGE);
	if (!to_stdout) {
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(rout, "wrote %s\n", gmcsim_term_text(output, m, sizeof(m)));
	}
	return GMCSIM_EXIT_OK;
}

enum {
	OPT_UMR_LOG = GMCSIM_LONG_OPTION,
	OPT_SYSFS,
	OPT_GC,
	OPT_IP_BASE,
	OPT_SRIOV,
	OPT_VRAM_SIZE,
	OPT_NAME,
	OPT_ALLOW_MISSING,
	OPT_OUTPUT,
};

int
gmcsim_cmd_profile_import(int argc, char **argv)
{
	static const struct option options[] = {
		{ "umr-log", required_argument, NULL, OPT_UMR_LOG },
		{ "sysfs", required_argument, NULL, OPT_SYSFS },
		{ "gc", required_argument, NULL, OPT_GC },
		{ "ip-base", required_argument, NULL, OPT_IP_BASE },
		{ "sriov", no_argument, NULL, OPT_SRIOV },
		{ "vram-size", required_argument, NULL, OPT_VRAM_SIZE },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "allow-missing", no_argument, NULL, OPT_ALLOW_MISSING },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gmcsim_import_opts o;
	const char *output = NULL;
	char why[GMCSIM_WHY_MAX];
	uint64_t seen = 0;
	int c, rc;

	memset(&o, 0, sizeof(o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		/* --ip-base gives one hub's bases each time (checked there) */
		if (c != OPT_IP_BASE && gmcsim_option_once(CMD, options, c, &seen))
			return GMCSIM_EXIT_USAGE;
		switch (c) {
		case OPT_UMR_LOG:
			o.umr_log = optarg;
			break;
		case OPT_SYSFS:
			o.sysfs = optarg;
			break;
		case OPT_GC: {
			struct gmc_error e = { 0 };

			if (optarg[strspn(optarg, "0123456789.")] != '\0' ||
			    gmc_asic_find(optarg, &o.gc, &e) != 0) {
				char m[GMCSIM_TERM_MSG_BUF];

				fprintf(stderr, "gmcsim " CMD ": EINVAL: --gc: %s\n",
					gmcsim_term_text(e.message[0]
								 ? e.message
								 : "expected a GC version like "
								   "9.4.4",
							 m, sizeof(m)));
				return GMCSIM_EXIT_USAGE;
			}
			break;
		}
		case OPT_IP_BASE:
			rc = parse_ip_base(optarg, &o.bases);
			if (rc)
				return rc;
			break;
		case OPT_SRIOV:
			o.sriov = true;
			break;
		case OPT_VRAM_SIZE:
			if (gmcsim_parse_u64(optarg, GMCSIM_NUM_SUFFIX, UINT64_MAX, &o.vram_size,
					     why, sizeof(why)) != 0) {
				fprintf(stderr, "gmcsim " CMD ": EINVAL: --vram-size: %s\n", why);
				return GMCSIM_EXIT_USAGE;
			}
			if (o.vram_size == 0 || o.vram_size % MIB)
				return usage_error(
					"--vram-size must be a non-zero whole number of MiB:",
					optarg);
			break;
		case OPT_NAME:
			o.name = optarg;
			if (!*o.name || strlen(o.name) >= GMCSIM_NAME_MAX ||
			    o.name[strspn(o.name,
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					  "0123456789._-")] != '\0')
				return usage_error(
					"--name: use 1 to 63 of letters, digits, '.', '_' "
					"and '-', not",
					o.name);
			break;
		case OPT_ALLOW_MISSING:
			o.allow_missing = true;
			break;
		case OPT_OUTPUT:
			output = optarg;
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error(CMD, c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument", argv[optind]);
	if (!o.umr_log && !o.sysfs)
		return usage_error("give --umr-log FILE (with --gc) or --sysfs DIR", NULL);
	if (!o.umr_log && (o.bases.gc.present || o.bases.mmhub.present || o.allow_missing))
		return usage_error("--ip-base and --allow-missing go with --umr-log", NULL);
	if (!o.sysfs && !o.gc) {
		fprintf(stderr,
			"gmcsim " CMD ": EINVAL: --umr-log needs --gc X.Y.Z (or --sysfs DIR "
			"whose ip_discovery names it)\n");
		return GMCSIM_EXIT_USAGE;
	}
	return run_import(&o, output);
}
