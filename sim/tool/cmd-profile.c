/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim profile`: list the built-in vGPU profiles and pairs, and show one
 * profile (built-in or file) with its registers at their offsets and the
 * layout libgmc computes for it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmc/gmcsim.h>

#include "cmd.h"
#include "sim-layout.h"
#include "table.h"
#include "util.h"

/* The VRAM BO `show` places: TTM page 0x400, the worked examples' BO (§9). */
#define SHOW_BO_OFFSET UINT64_C(0x400000)

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim profile list [--json | --wide]\n"
		"       gmcsim profile show NAME|FILE [--json]\n"
		"       gmcsim profile pairs [--json | --wide]\n"
		"       gmcsim profile import --umr-log FILE --gc X.Y.Z | --sysfs DIR [...]\n"
		"\n"
		"vGPU profiles: everything the driver can see of a vGPU (part, registers, VRAM\n"
		"size, PCI identity and BARs, sysfs identity values). The format is described\n"
		"in docs/profiles.md.\n"
		"\n"
		"  list        the built-in profiles: name, part, SR-IOV, XGMI node, VRAM size,\n"
		"              description\n"
		"  show        one profile, by built-in name or JSON file ('-': standard\n"
		"              input): identity, BARs, registers at their offsets and the\n"
		"              layout libgmc computes\n"
		"  pairs       the built-in pairs (boot on one profile, resume on another)\n"
		"  import      a profile from a UMR test log and/or a copy of a device's sysfs\n"
		"              directory ('gmcsim profile import --help')\n"
		"  --json      list, pairs: a JSON array; show: the profile's JSON, which\n"
		"              every command that takes a profile FILE reads back\n"
		"  --wide      list, pairs: the whole table; by default lines stop at 100\n"
		"              columns (list cuts descriptions with '...', pairs wraps)\n"
		"  -h, --help  show this help\n"
		"\n"
		"Exit status: 0 success, 1 no such profile or a malformed one, 2 usage error.\n");
}

/* Report a failed library call on stderr: "gmcsim profile VERB: ENAME: message". */
static int
report(const char *verb, int rc, const struct gmc_error *err)
{
	char m[GMCSIM_TERM_MSG_BUF];

	fprintf(stderr, "gmcsim profile %s: %s: %s\n", verb, gmc_errno_name(rc),
		gmcsim_term_text(err && err->message[0] ? err->message : strerror(-rc), m,
				 sizeof(m)));
	return rc == -ENOMEM ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_FAILED;
}

static int
oom(const char *verb)
{
	fprintf(stderr, "gmcsim profile %s: ENOMEM: out of memory\n", verb);
	return GMCSIM_EXIT_USAGE;
}

/* XGMI info as the driver derives it; all zero when off or refused. */
static struct gmc_xgmi
xgmi_of(const struct gmcsim_profile *p)
{
	struct gmc_xgmi x;

	if (gmc_xgmi_info(p->asic, &p->regs, p->params.connected_to_cpu, &x, NULL) != 0)
		memset(&x, 0, sizeof(x));
	return x;
}

/* ---- list ---- */

static struct json_object *
summary_json(const struct gmcsim_profile *p)
{
	struct json_object *o = json_object_new_object();
	struct gmc_xgmi x = xgmi_of(p);
	struct json_object *xo = NULL;
	bool failed = false;
	char gc[16];

	if (x.num_physical_nodes) {
		xo = json_object_new_object();
		failed |=
			gmcsim_json_add(xo, "node", json_object_new_int64(x.physical_node_id)) != 0;
		failed |= gmcsim_json_add(xo, "nodes",
					  json_object_new_int64(x.num_physical_nodes)) != 0;
	}
	failed |= gmcsim_json_add(o, "name", json_object_new_string(p->name)) != 0;
	failed |= gmcsim_json_add(o, "asic", json_object_new_string(gmc_asic_name(p->asic))) != 0;
	failed |= gmcsim_json_add(
			  o, "gc",
			  json_object_new_string(gmc_asic_gc_string(p->asic, gc, sizeof(gc)))) != 0;
	failed |= gmcsim_json_add(o, "sriov", json_object_new_boolean(p->params.sriov)) != 0;
	failed |= gmcsim_json_add(o, "connected_to_cpu",
				  json_object_new_boolean(p->params.connected_to_cpu)) != 0;
	/* json_object_object_add() takes NULL as JSON null */
	if (!xo)
		failed |= !o || json_object_object_add(o, "xgmi", NULL) != 0;
	else
		failed |= gmcsim_json_add(o, "xgmi", xo) != 0;
	failed |= gmcsim_json_add(o, "vram_size", gmcsim_json_hex(p->params.vram_size)) != 0;
	failed |= gmcsim_json_add(o, "description", json_object_new_string(p->description)) != 0;
	if (failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int
list_json(void)
{
	struct json_object *arr = json_object_new_array();
	int rc;

	if (!arr)
		return oom("list");
	for (size_t i = 0; i < gmcsim_profile_builtin_count(); i++) {
		struct gmcsim_profile p;

		rc = gmcsim_profile_builtin_at(i, &p);
		if (rc) {
			json_object_put(arr);
			return report("list", rc, NULL);
		}
		if (gmcsim_json_append(arr, summary_json(&p)) != 0) {
			json_object_put(arr);
			return oom("list");
		}
	}
	rc = gmcsim_json_print(stdout, arr, true);
	json_object_put(arr);
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}

static int
list_table(size_t width)
{
	struct table *t = table_new(6);
	const char *head[] = { "NAME", "PART", "SRIOV", "XGMI", "VRAM", "DESCRIPTION" };
	int status = GMCSIM_EXIT_OK;

	if (!t || table_add(t, head)) {
		table_free(t);
		return oom("list");
	}
	for (size_t i = 0; i < gmcsim_profile_builtin_count(); i++) {
		struct gmcsim_profile p;
		struct gmc_xgmi x;
		char part[48], gc[16], xgmi[16], size[32];
		const char *row[6];
		int rc = gmcsim_profile_builtin_at(i, &p);

		if (rc) {
			table_free(t);
			return report("list", rc, NULL);
		}
		x = xgmi_of(&p);
		snprintf(part, sizeof(part), "%s (GC %s)", gmc_asic_name(p.asic),
			 gmc_asic_gc_string(p.asic, gc, sizeof(gc)));
		if (x.num_physical_nodes)
			snprintf(xgmi, sizeof(xgmi), "%u/%u", x.physical_node_id,
				 x.num_physical_nodes);
		else
			snprintf(xgmi, sizeof(xgmi), "-");
		row[0] = p.name;
		row[1] = part;
		row[2] = p.params.sriov ? "yes" : "no";
		row[3] = xgmi;
		row[4] = gmcsim_size_str(p.params.vram_size, size, sizeof(size));
		row[5] = p.description;
		if (table_add(t, row)) {
			status = oom("list");
			break;
		}
	}
	/* the description is cut to fit: 'profile show NAME' or --wide has all of it */
	if (status == GMCSIM_EXIT_OK)
		table_print(stdout, t, width, TABLE_FIT_CUT_LAST);
	table_free(t);
	return status;
}

/* ---- pairs ---- */

static int
pairs_json(void)
{
	struct json_object *arr = json_object_new_array();
	bool failed = !arr;
	int rc;

	for (size_t i = 0; !failed && i < gmcsim_pair_builtin_count(); i++) {
		const struct gmcsim_pair *pr = gmcsim_pair_builtin_at(i);
		struct json_object *o = json_object_new_object();

		failed |= gmcsim_json_add(o, "name", json_object_new_string(pr->name)) != 0;
		failed |= gmcsim_json_add(o, "from", json_object_new_string(pr->from)) != 0;
		failed |= gmcsim_json_add(o, "to", json_object_new_string(pr->to)) != 0;
		failed |= gmcsim_json_add(o, "changes", json_object_new_string(pr->changes)) != 0;
		failed |= gmcsim_json_append(arr, o) != 0;
	}
	if (failed) {
		json_object_put(arr);
		return oom("pairs");
	}
	rc = gmcsim_json_print(stdout, arr, true);
	json_object_put(arr);
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}

static int
pairs_table(size_t width)
{
	struct table *t = table_new(4);
	const char *head[] = { "NAME", "FROM", "TO", "CHANGES" };
	int status = GMCSIM_EXIT_OK;

	if (!t || table_add(t, head)) {
		table_free(t);
		return oom("pairs");
	}
	for (size_t i = 0; i < gmcsim_pair_builtin_count() && !status; i++) {
		const struct gmcsim_pair *pr = gmcsim_pair_builtin_at(i);
		const char *row[] = { pr->name, pr->from, pr->to, pr->changes };

		if (table_add(t, row))
			status = oom("pairs");
	}
	if (!status)
		table_print(stdout, t, width, TABLE_FIT_WRAP_LAST);
	table_free(t);
	return status;
}

/* ---- show ---- */

static const char *
or_none(const char *s)
{
	return s[0] ? s : "(none)";
}

static void
show_params(const struct gmcsim_profile *p)
{
	const struct gmc_params *pr = &p->params;
	char size[32], gc[16];

	printf("Part                %s (GC %s, gmc v%u%s)\n", gmc_asic_name(p->asic),
	       gmc_asic_gc_string(p->asic, gc, sizeof(gc)), gmc_asic_gmc_version(p->asic),
	       gmc_asic_is_apu(p->asic) ? ", APU" : "");
	printf("SR-IOV              %s\n", pr->sriov ? "yes (the guest is a VF)" : "no");
	printf("connected_to_cpu    %s\n", pr->connected_to_cpu ? "yes" : "no");
	printf("vram_size           0x%016" PRIx64 "  (%s)\n", pr->vram_size,
	       gmcsim_size_str(pr->vram_size, size, sizeof(size)));
	if (pr->visible_vram_size == GMC_VISIBLE_ALL)
		printf("visible_vram_size   all of VRAM\n");
	else
		printf("visible_vram_size   0x%016" PRIx64 "  (%s)\n", pr->visible_vram_size,
		       gmcsim_size_str(pr->visible_vram_size, size, sizeof(size)));
	printf("gart_size_mb        %" PRId32 "%s\n", pr->gart_size_mb,
	       pr->gart_size_mb == -1 ? " (the part's default)" : "");
	printf("agp                 %" PRId32 "%s\n", pr->agp, pr->agp == -1 ? " (auto: off)" : "");
	if (pr->vramlimit_mb == UINT32_MAX)
		printf("vramlimit_mb        none\n");
	else
		printf("vramlimit_mb        %" PRIu32 "\n", pr->vramlimit_mb);
	if (pr->vis_vramlimit_mb == 0)
		printf("vis_vramlimit_mb    none\n");
	else
		printf("vis_vramlimit_mb    %" PRIu32 "\n", pr->vis_vramlimit_mb);
	printf("smu_prv_buffer_size %" PRIu32 "\n", pr->smu_prv_buffer_size);
	printf("pre_6_17            %s\n", pr->pre_6_17 ? "yes" : "no");
}

static const char *
version_text(uint32_t v, char *buf, size_t len)
{
	if (!v)
		return "none";
	snprintf(buf, len, "%u.%u.%u", GMC_IP_MAJ(v), GMC_IP_MIN(v), GMC_IP_REV(v));
	return buf;
}

/* @s without its trailing blanks (a list of words each followed by one). */
static const char *
trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* What the catalog's conditions read: the part's IP facts and how the driver runs. */
static void
show_facts(const struct gmcsim_profile *p)
{
	static const char *const fw[GMCSIM_FW_COUNT] = { "mec", "me", "pfp", "mes", "smc" };
	const struct gmcsim_ip *ip = &p->ip;
	const struct gmcsim_driver *d = &p->driver;
	char a[16], b[16], words[96];
	bool any = false;

	printf("MP0 (PSP)           %s\n", version_text(ip->mp0, a, sizeof(a)));
	printf("MP1 (SMU)           %s\n", version_text(ip->mp1, a, sizeof(a)));
	printf("VCN / JPEG          %s / %s, %u VCN instance%s\n",
	       version_text(ip->vcn, a, sizeof(a)), version_text(ip->jpeg, b, sizeof(b)),
	       ip->vcn_inst, ip->vcn_inst == 1 ? "" : "s");
	printf("XCCs                %u\n", ip->xcc);
	printf("display hardware    %s\n", ip->display ? "yes" : "no");
	snprintf(words, sizeof(words), "%s%s%s", (ip->pg & GMCSIM_PG_VCN_DPG) ? "vcn_dpg " : "",
		 (ip->pg & GMCSIM_PG_JPEG_DPG) ? "jpeg_dpg " : "",
		 !ip->pg ? "none" : (p->params.sriov ? "(cleared on a VF)" : ""));
	printf("pg flags            %s\n", trim_end(words));
	printf("firmware load       %s\n", d->fw_load == GMCSIM_FW_DIRECT ? "direct" : "psp");
	if (p->params.sriov)
		printf("VF mode             %s\n", d->one_vf ? "one-VF (PP_ONE_VF)" : "multi-VF");
	printf("firmware versions   ");
	for (unsigned i = 0; i < GMCSIM_FW_COUNT; i++) {
		if (d->fw[i] != GMCSIM_FW_CURRENT) {
			printf("%s%s %u", any ? ", " : "", fw[i], d->fw[i]);
			any = true;
		}
	}
	printf("%s\n", any ? "" : "current (every catalog threshold met)");
	snprintf(words, sizeof(words), "%s%s%s%s%s",
		 (d->params & GMCSIM_PARAM_MES_LOG_ENABLE) ? "mes_log_enable " : "",
		 (d->params & GMCSIM_PARAM_UMSCH_MM) ? "umsch_mm " : "",
		 (d->params & GMCSIM_PARAM_SMU_MEMORY_POOL_SIZE) ? "smu_memory_pool_size " : "",
		 (d->params & GMCSIM_PARAM_MCBP) ? "mcbp" : "", d->params ? "" : "none");
	printf("module parameters   %s\n", trim_end(words));
	if (p->params.sriov)
		printf("host features       %s\n",
		       (d->host & GMCSIM_HOST_MES_INFO) ? "mes_info" : "none");
}

static void
show_identity(const struct gmcsim_identity *id)
{
	printf("Identity (sysfs)\n");
	printf("  serial_number     %s\n", or_none(id->serial_number));
	printf("  unique_id         %s\n", or_none(id->unique_id));
	printf("  xgmi_device_id    %s\n", or_none(id->xgmi_device_id));
	printf("  fru_id            %s\n", or_none(id->fru_id));
}

static void
show_pci(const struct gmcsim_pci *pci)
{
	printf("PCI %s  %04x:%04x rev %02x, subsystem %04x:%04x, %s\n", or_none(pci->bus),
	       pci->vendor, pci->device, pci->revision, pci->subsystem_vendor,
	       pci->subsystem_device, pci->is_vf ? "virtual function" : "physical function");
	if (pci->n_bars == 0) {
		printf("  no BARs\n");
	} else {
		printf("  %-4s %-9s %-19s %-31s %s\n", "BAR", "ROLE", "ADDRESS", "SIZE", "FLAGS");
		for (unsigned i = 0; i < pci->n_bars && i < GMCSIM_MAX_BARS; i++) {
			const struct gmcsim_bar *b = &pci->bars[i];
			char size[32], sz[48];

			snprintf(sz, sizeof(sz), "0x%" PRIx64 " (%s)", b->size,
				 gmcsim_size_str(b->size, size, sizeof(size)));
			printf("  %-4u %-9s 0x%016" PRIx64 " %-31s %s%s\n", b->index,
			       gmcsim_bar_role_name(b->role), b->address, sz,
			       b->is_64 ? "64-bit" : "32-bit",
			       b->prefetchable ? " prefetchable" : "");
		}
	}
	printf("  MSI-X vector 0: address 0x%" PRIx64 ", data 0x%" PRIx32 "\n", pci->msix_address,
	       pci->msix_data);
}

static void
show_regs(const struct gmcsim_profile *p)
{
	printf("Registers\n");
	printf("  %-18s %-6s %-4s %-7s %s\n", "NAME", "HUB", "IDX", "DWORD", "VALUE");
	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		struct gmcsim_reg_location loc;

		if (gmcsim_reg_location(p->asic, (enum gmc_reg)r, &loc) == 0)
			printf("  %-18s %-6s %-4u 0x%04" PRIx32 "  0x%08" PRIx32 "\n",
			       gmc_reg_name((enum gmc_reg)r), loc.hub, loc.base_idx, loc.dword,
			       p->regs.value[r]);
		else
			printf("  %-18s %-6s %-4s %-7s 0x%08" PRIx32 "  (not read on %s)\n",
			       gmc_reg_name((enum gmc_reg)r), "-", "-", "-", p->regs.value[r],
			       gmc_asic_name(p->asic));
	}
}

/* The layout libgmc computes for the profile, with one BO; exit status. */
static int
show_layout(const struct gmcsim_profile *p)
{
	struct gmcsim_layout_req req;
	struct gmcsim_layout_result res;
	struct gmc_error err = { 0 };
	int rc;

	gmcsim_layout_req_init(&req);
	req.asic = p->asic;
	req.regs = p->regs;
	req.params = p->params;
	req.have_vram_size = true;
	gmcsim_layout_req_set_smu(&req, p->params.smu_prv_buffer_size);
	if (gmcsim_layout_req_add_bo(&req, SHOW_BO_OFFSET) != 0) {
		gmcsim_layout_req_fini(&req);
		return oom("show");
	}
	rc = gmcsim_layout_run(&req, &res, &err);
	gmcsim_layout_req_fini(&req);
	printf("Layout (libgmc; a VRAM BO at offset 0x%" PRIx64 ")\n", SHOW_BO_OFFSET);
	if (rc) {
		char m[GMCSIM_TERM_MSG_BUF];

		printf("  the driver refuses this vGPU: %s\n",
		       gmcsim_term_text(err.message, m, sizeof(m)));
		fflush(stdout);
		return report("show", rc, &err);
	}
	rc = gmcsim_layout_result_print(stdout, &res);
	gmcsim_layout_result_fini(&res);
	return rc ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_OK;
}

static int
show(const char *what, bool json)
{
	struct gmcsim_profile p;
	struct gmc_error err = { 0 };
	int rc = gmcsim_profile_load(what, &p, &err);

	if (rc)
		return report("show", rc, &err);
	if (json) {
		char *text = NULL;

		rc = gmcsim_profile_to_json(&p, &text);
		if (rc)
			return report("show", rc, NULL);
		fputs(text, stdout);
		free(text);
		return GMCSIM_EXIT_OK;
	}

	printf("Profile %s\n", p.name);
	/* the one free text of a profile: any UTF-8, shown without what a terminal acts on */
	if (p.description[0]) {
		/* indented two columns, wrapped to TABLE_WIDTH */
		char d[4 * sizeof(p.description)];
		struct table *t = table_new(2);
		const char *row[] = { "", gmcsim_term_text(p.description, d, sizeof(d)) };

		if (!t || table_add(t, row)) {
			table_free(t);
			return oom("show");
		}
		table_print(stdout, t, TABLE_WIDTH, TABLE_FIT_WRAP_LAST);
		table_free(t);
	}
	printf("\n");
	show_params(&p);
	printf("\n");
	show_facts(&p);
	printf("\n");
	show_identity(&p.identity);
	printf("\n");
	show_pci(&p.pci);
	printf("\n");
	show_regs(&p);
	printf("\n");
	return show_layout(&p);
}

/* ---- the verb dispatcher ---- */

enum verb { VERB_LIST, VERB_SHOW, VERB_PAIRS };

int
gmcsim_cmd_profile(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "wide", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char cmd[32];
	size_t width = TABLE_WIDTH;
	bool json = false;
	enum verb verb;
	int c;

	if (argc < 2) {
		usage(stderr);
		return GMCSIM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return GMCSIM_EXIT_OK;
	}
	if (strcmp(argv[1], "import") == 0)
		return gmcsim_cmd_profile_import(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		verb = VERB_LIST;
	} else if (strcmp(argv[1], "show") == 0) {
		verb = VERB_SHOW;
	} else if (strcmp(argv[1], "pairs") == 0) {
		verb = VERB_PAIRS;
	} else {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr,
			"gmcsim profile: EINVAL: unknown action '%s' (list, show, pairs or import; see "
			"'gmcsim profile --help')\n",
			gmcsim_safe_text(argv[1], q, sizeof(q)));
		return GMCSIM_EXIT_USAGE;
	}
	snprintf(cmd, sizeof(cmd), "profile %s", argv[1]);

	/* options may come before or after NAME|FILE */
	argc--;
	argv++;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'w':
			width = 0;
			break;
		case 'h':
			usage(stdout);
			return GMCSIM_EXIT_OK;
		default:
			gmcsim_option_error(cmd, c, argv);
			return GMCSIM_EXIT_USAGE;
		}
	}

	if (verb == VERB_SHOW) {
		if (optind >= argc) {
			fprintf(stderr,
				"gmcsim %s: EINVAL: which profile? give a built-in name "
				"('gmcsim profile list') or a JSON file\n",
				cmd);
			return GMCSIM_EXIT_USAGE;
		}
		if (optind + 1 < argc) {
			char q[GMCSIM_SAFE_BUF];

			fprintf(stderr, "gmcsim %s: EINVAL: unexpected argument '%s'\n", cmd,
				gmcsim_safe_text(argv[optind + 1], q, sizeof(q)));
			return GMCSIM_EXIT_USAGE;
		}
		return show(argv[optind], json);
	}
	if (optind < argc) {
		char q[GMCSIM_SAFE_BUF];

		fprintf(stderr, "gmcsim %s: EINVAL: unexpected argument '%s'\n", cmd,
			gmcsim_safe_text(argv[optind], q, sizeof(q)));
		return GMCSIM_EXIT_USAGE;
	}
	if (verb == VERB_LIST)
		return json ? list_json() : list_table(width);
	return json ? pairs_json() : pairs_table(width);
}
