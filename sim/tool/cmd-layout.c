/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim layout`: the MC address map for one set of registers and
 * parameters (flags, or a worked example), or for each line of a JSON
 * Lines file (--batch).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cmd.h"
#include "sim-layout.h"
#include "util-lines.h"
#include "util-signal.h"
#include "util.h"

/* Long-only options get codes outside the character range. */
enum {
	OPT_ASIC = GMCSIM_LONG_OPTION,
	OPT_GC,
	OPT_EXAMPLE,
	OPT_REG,
	OPT_VRAM_SIZE,
	OPT_VISIBLE_SIZE,
	OPT_GART_SIZE_MB,
	OPT_AGP,
	OPT_VRAMLIMIT_MB,
	OPT_VIS_VRAMLIMIT_MB,
	OPT_SMU_PRV_BUFFER_SIZE,
	OPT_SRIOV,
	OPT_CONNECTED_TO_CPU,
	OPT_BO_OFFSET,
	OPT_JSON,
	OPT_BATCH,
	OPT_SVG,
	OPT_MAP,
};

static const struct option options[] = {
	{ "asic", required_argument, NULL, OPT_ASIC },
	{ "gc", required_argument, NULL, OPT_GC },
	{ "example", required_argument, NULL, OPT_EXAMPLE },
	{ "reg", required_argument, NULL, OPT_REG },
	{ "vram-size", required_argument, NULL, OPT_VRAM_SIZE },
	{ "visible-size", required_argument, NULL, OPT_VISIBLE_SIZE },
	{ "gart-size-mb", required_argument, NULL, OPT_GART_SIZE_MB },
	{ "agp", required_argument, NULL, OPT_AGP },
	{ "vramlimit-mb", required_argument, NULL, OPT_VRAMLIMIT_MB },
	{ "vis-vramlimit-mb", required_argument, NULL, OPT_VIS_VRAMLIMIT_MB },
	{ "smu-prv-buffer-size", required_argument, NULL, OPT_SMU_PRV_BUFFER_SIZE },
	{ "sriov", no_argument, NULL, OPT_SRIOV },
	{ "connected-to-cpu", no_argument, NULL, OPT_CONNECTED_TO_CPU },
	{ "bo-offset", required_argument, NULL, OPT_BO_OFFSET },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "map", no_argument, NULL, OPT_MAP },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Which inputs a flag set, so they can override a worked example. */
enum {
	SET_VRAM_SIZE = 1u << 0,
	SET_VISIBLE = 1u << 1,
	SET_GART_SIZE = 1u << 2,
	SET_AGP = 1u << 3,
	SET_VRAMLIMIT = 1u << 4,
	SET_VIS_VRAMLIMIT = 1u << 5,
	SET_SMU = 1u << 6,
	SET_SRIOV = 1u << 7,
	SET_CONNECTED_TO_CPU = 1u << 8,
	SET_BO = 1u << 9,
};

struct layout_opts {
	const char *part;      /* --asic or --gc value */
	const char *part_flag; /* "--asic" or "--gc" */
	const char *example;
	const char *batch;
	bool json;
	const char *svg;	     /* --svg FILE */
	bool map;		     /* --map */
	unsigned set;		     /* SET_* bits */
	unsigned regs_set;	     /* 1 << enum gmc_reg */
	struct gmcsim_layout_req in; /* the values the flags gave */
};

static void
usage(FILE *out)
{
	fprintf(out,
		"Usage: gmcsim layout [--example NAME] [OPTIONS] [--json]\n"
		"       gmcsim layout (--asic NAME | --gc X.Y.Z) --vram-size SIZE [OPTIONS]\n"
		"                     [--json]\n"
		"       gmcsim layout --batch FILE\n"
		"\n"
		"Compute the GPU memory-controller address map the amdgpu driver derives from\n"
		"the FB/XGMI registers, memsize, BAR size and module parameters, and the MC,\n"
		"physical and FB-aperture addresses of VRAM BOs.\n"
		"\n"
		"Without --asic, --gc or --batch a worked example of the reference runs\n"
		"(gmc-address-math.md section 9); flags then override its inputs:\n");
	for (size_t i = 0; i < gmcsim_example_count(); i++) {
		const struct gmcsim_example *ex = gmcsim_example_at(i);

		fprintf(out, "  %-14s %s%s\n", gmcsim_example_name(ex), gmcsim_example_summary(ex),
			i == 0 ? " (the default)" : "");
	}
	fprintf(out,
		"\n"
		"Part:\n"
		"  --asic NAME              a modelled part by name or alias (see 'gmcsim asics')\n"
		"  --gc X.Y.Z               a modelled part by GC IP version\n"
		"  --example NAME           start from a worked example (above)\n"
		"Registers (raw 32-bit values, missing ones are 0):\n"
		"  --reg NAME=VALUE         NAME is fb_location_base, fb_location_top, fb_offset,\n"
		"                           xgmi_lfb_cntl or xgmi_lfb_size; repeatable\n"
		"Driver inputs (SIZE: decimal or 0x hex bytes, optional K/M/G = KiB/MiB/GiB):\n"
		"  --vram-size SIZE         memsize, whole MiB < 2^52 (required with --asic/--gc)\n"
		"  --visible-size SIZE      PCI BAR0 size (default: all of VRAM)\n"
		"  --gart-size-mb N         amdgpu.gart_size (default -1: the part's default)\n"
		"  --agp N                  amdgpu.agp: 1 on, anything else off (default -1)\n"
		"  --vramlimit-mb N         amdgpu.vramlimit (default 4294967295: none)\n"
		"  --vis-vramlimit-mb N     amdgpu.vis_vramlimit (default 0: none)\n"
		"  --smu-prv-buffer-size SIZE  pm.smu_prv_buffer_size (the driver keeps 32 bits)\n"
		"  --sriov                  the guest is an SR-IOV VF\n"
		"  --connected-to-cpu       XGMI link to the CPU (read on Aldebaran only)\n"
		"  --bo-offset SIZE         a VRAM BO at this byte offset; repeatable\n"
		"Output:\n"
		"  --json                   one JSON object instead of the table\n"
		"  --svg FILE               also draw the address map as SVG ('-': on standard\n"
		"                           output instead of the table; exit 2 when FILE cannot\n"
		"                           be written: a directory, a link, a device)\n"
		"  --map                    print the same picture as text instead of the table\n"
		"  --batch FILE             JSON Lines in ('-' = stdin), one JSON result line out\n"
		"                           per input line, each with \"line\": N; written at once\n"
		"                           when stdout is not a file (a co-process reads each\n"
		"                           answer before it sends the next line); a line may\n"
		"                           hold at most 16 MiB\n"
		"  -h, --help               show this help\n"
		"\n"
		"Batch input keys: asic or gc (exactly one), regs {NAME: VALUE},\n"
		"vram_size (required), visible_vram_size (or \"all\"), gart_size_mb, agp,\n"
		"vramlimit_mb, vis_vramlimit_mb, smu_prv_buffer_size, sriov, connected_to_cpu,\n"
		"pre_6_17 (booleans), bo_offsets [..].\n"
		"Integers are JSON numbers or strings in decimal or \"0x\" hex.\n"
		"\n"
		"Exit status: 0 success (every batch line), 1 the driver refused the input (or a\n"
		"batch line failed), 2 usage error (bad flags, among them a --vram-size or\n"
		"--bo-offset no part takes; unreadable file, a batch line over 16 MiB). SIGINT or SIGTERM during --batch: the line being answered is finished,\n"
		"stderr says after which line it stopped, and gmcsim ends by that signal.\n");
}

__attribute__((format(printf, 2, 3))) static int
usage_error(int code, const char *fmt, ...)
{
	char msg[GMC_ERROR_MSG_MAX], m[GMCSIM_TERM_MSG_BUF];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "gmcsim layout: %s: %s\n", gmc_errno_name(code),
		gmcsim_term_text(msg, m, sizeof(m)));
	return GMCSIM_EXIT_USAGE;
}

static int
flag_u64(const char *flag, const char *text, unsigned flags, uint64_t max, uint64_t *out)
{
	char why[GMCSIM_WHY_MAX];
	int rc = gmcsim_parse_u64(text, flags, max, out, why, sizeof(why));

	return rc ? usage_error(rc, "%s: %s", flag, why) : 0;
}

static int
flag_i32(const char *flag, const char *text, int32_t *out)
{
	char why[GMCSIM_WHY_MAX];
	int64_t v;
	int rc = gmcsim_parse_i64(text, INT32_MIN, INT32_MAX, &v, why, sizeof(why));

	if (rc)
		return usage_error(rc, "%s: %s", flag, why);
	*out = (int32_t)v;
	return 0;
}

static int
flag_u32(const char *flag, const char *text, uint32_t *out)
{
	uint64_t v;
	int rc = flag_u64(flag, text, 0, UINT32_MAX, &v);

	if (rc == 0)
		*out = (uint32_t)v;
	return rc;
}

/* --reg NAME=VALUE */
static int
flag_reg(struct layout_opts *o, const char *text)
{
	const char *eq = strchr(text, '=');
	char name[32], flag[sizeof("--reg ") + sizeof(name)], q[GMCSIM_SAFE_BUF];
	enum gmc_reg reg;
	uint64_t v;
	size_t len;

	if (!eq)
		return usage_error(-EINVAL, "--reg: '%s' is not NAME=VALUE",
				   gmcsim_safe_text(text, q, sizeof(q)));
	len = (size_t)(eq - text);
	if (len < sizeof(name)) {
		memcpy(name, text, len);
		name[len] = '\0';
	}
	if (len >= sizeof(name) || gmc_reg_from_name(name, &reg) != 0)
		return usage_error(-EINVAL,
				   "--reg: unknown register in '%s' (known: fb_location_base, "
				   "fb_location_top, fb_offset, xgmi_lfb_cntl, xgmi_lfb_size)",
				   gmcsim_safe_text(text, q, sizeof(q)));
	/* registers are 32 bits wide: anything wider is not a register value */
	snprintf(flag, sizeof(flag), "--reg %s", name);
	if (flag_u64(flag, eq + 1, 0, UINT32_MAX, &v))
		return GMCSIM_EXIT_USAGE;
	o->in.regs.value[reg] = (uint32_t)v;
	o->regs_set |= 1u << reg;
	return 0;
}

static int
flag_part(struct layout_opts *o, const char *flag, const char *text)
{
	if (o->part_flag && strcmp(o->part_flag, flag) != 0)
		return usage_error(-EINVAL, "give either --asic or --gc, not both");
	o->part_flag = flag;
	o->part = text;
	return 0;
}

/* One flag into @o; returns 0 or an exit status. */
static int
parse_flag(struct layout_opts *o, int c, const char *arg)
{
	struct gmc_error err = { 0 };
	uint64_t v;

	switch (c) {
	case OPT_ASIC:
		return flag_part(o, "--asic", arg);
	case OPT_GC:
		return flag_part(o, "--gc", arg);
	case OPT_EXAMPLE:
		o->example = arg;
		return 0;
	case OPT_REG:
		return flag_reg(o, arg);
	case OPT_VRAM_SIZE:
		o->set |= SET_VRAM_SIZE;
		if (flag_u64("--vram-size", arg, GMCSIM_NUM_SUFFIX, UINT64_MAX,
			     &o->in.params.vram_size))
			return GMCSIM_EXIT_USAGE;
		/* a size no part takes is a bad flag, not the driver refusing an input */
		if (gmc_vram_size_check(o->in.params.vram_size, &err))
			return usage_error(err.code, "--vram-size: %s", err.message);
		return 0;
	case OPT_VISIBLE_SIZE:
		o->set |= SET_VISIBLE;
		return flag_u64("--visible-size", arg, GMCSIM_NUM_SUFFIX, UINT64_MAX,
				&o->in.params.visible_vram_size);
	case OPT_GART_SIZE_MB:
		o->set |= SET_GART_SIZE;
		return flag_i32("--gart-size-mb", arg, &o->in.params.gart_size_mb);
	case OPT_AGP:
		/* amdgpu.agp is an int with no range check; only 1 enables AGP */
		o->set |= SET_AGP;
		return flag_i32("--agp", arg, &o->in.params.agp);
	case OPT_VRAMLIMIT_MB:
		o->set |= SET_VRAMLIMIT;
		return flag_u32("--vramlimit-mb", arg, &o->in.params.vramlimit_mb);
	case OPT_VIS_VRAMLIMIT_MB:
		o->set |= SET_VIS_VRAMLIMIT;
		return flag_u32("--vis-vramlimit-mb", arg, &o->in.params.vis_vramlimit_mb);
	case OPT_SMU_PRV_BUFFER_SIZE:
		o->set |= SET_SMU;
		if (flag_u64("--smu-prv-buffer-size", arg, GMCSIM_NUM_SUFFIX, UINT64_MAX, &v))
			return GMCSIM_EXIT_USAGE;
		gmcsim_layout_req_set_smu(&o->in, v);
		return 0;
	case OPT_SRIOV:
		o->set |= SET_SRIOV;
		o->in.params.sriov = true;
		return 0;
	case OPT_CONNECTED_TO_CPU:
		o->set |= SET_CONNECTED_TO_CPU;
		o->in.params.connected_to_cpu = true;
		return 0;
	case OPT_BO_OFFSET:
		o->set |= SET_BO;
		if (flag_u64("--bo-offset", arg, GMCSIM_NUM_SUFFIX, UINT64_MAX, &v))
			return GMCSIM_EXIT_USAGE;
		/* a TTM offset counts pages: any other value is a bad flag on every part */
		if (v % GMC_PAGE_SIZE)
			return usage_error(-EINVAL,
					   "--bo-offset: 0x%" PRIx64 " is not a multiple of the "
					   "4 KiB page",
					   v);
		if (gmcsim_layout_req_add_bo(&o->in, v))
			return usage_error(-ENOMEM, "out of memory");
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_BATCH:
		o->batch = arg;
		return 0;
	case OPT_SVG:
		o->svg = arg;
		return 0;
	case OPT_MAP:
		o->map = true;
		return 0;
	default:
		return GMCSIM_EXIT_USAGE;
	}
}

/* The request: the part or the example first, then what the flags set. */
static int
build_request(const struct layout_opts *o, struct gmcsim_layout_req *req)
{
	const struct gmcsim_layout_req *in = &o->in;
	struct gmc_error err = { 0 };
	char q[GMCSIM_SAFE_BUF];

	if (o->part) {
		if (strcmp(o->part_flag, "--gc") == 0 &&
		    (!*o->part || o->part[strspn(o->part, "0123456789.")] != '\0'))
			return usage_error(-EINVAL, "--gc: '%s' is not a GC version like 9.4.0",
					   gmcsim_safe_text(o->part, q, sizeof(q)));
		if (gmcsim_part_option("layout", o->part_flag, o->part, &req->asic))
			return GMCSIM_EXIT_USAGE;
		if (!(o->set & SET_VRAM_SIZE))
			return usage_error(-EINVAL, "--vram-size is required with %s",
					   o->part_flag);
	} else {
		const struct gmcsim_example *ex =
			o->example ? gmcsim_example_find(o->example) : gmcsim_example_at(0);

		if (!ex)
			return usage_error(-ENOENT, "--example: no example '%s' (see --help)",
					   gmcsim_safe_text(o->example, q, sizeof(q)));
		if (gmcsim_example_apply(ex, req, &err))
			return usage_error(err.code, "%s", err.message);
	}

	for (unsigned r = 0; r < GMC_REG_COUNT; r++) {
		if (o->regs_set & (1u << r))
			req->regs.value[r] = in->regs.value[r];
	}
	if (o->set & SET_VRAM_SIZE) {
		req->params.vram_size = in->params.vram_size;
		req->have_vram_size = true;
	}
	if (o->set & SET_VISIBLE)
		req->params.visible_vram_size = in->params.visible_vram_size;
	if (o->set & SET_GART_SIZE)
		req->params.gart_size_mb = in->params.gart_size_mb;
	if (o->set & SET_AGP)
		req->params.agp = in->params.agp;
	if (o->set & SET_VRAMLIMIT)
		req->params.vramlimit_mb = in->params.vramlimit_mb;
	if (o->set & SET_VIS_VRAMLIMIT)
		req->params.vis_vramlimit_mb = in->params.vis_vramlimit_mb;
	if (o->set & SET_SMU)
		gmcsim_layout_req_set_smu(req, in->smu_prv_buffer_size);
	if (o->set & SET_SRIOV)
		req->params.sriov = true;
	if (o->set & SET_CONNECTED_TO_CPU)
		req->params.connected_to_cpu = true;
	if (o->set & SET_BO) {
		gmcsim_layout_req_clear_bos(req);
		for (size_t i = 0; i < in->n_bo; i++) {
			if (gmcsim_layout_req_add_bo(req, in->bo_offsets[i]))
				return usage_error(-ENOMEM, "out of memory");
		}
	}
	return 0;
}

static int
run_single(const struct layout_opts *o)
{
	struct gmcsim_layout_req req;
	struct gmcsim_layout_result res;
	struct gmc_error err = { 0 };
	struct json_object *obj;
	int status, rc;

	gmcsim_layout_req_init(&req);
	status = build_request(o, &req);
	if (status) {
		gmcsim_layout_req_fini(&req);
		return status;
	}
	rc = gmcsim_layout_run(&req, &res, &err);
	gmcsim_layout_req_fini(&req);
	if (rc) {
		if (o->json) {
			obj = gmcsim_layout_error_json(&err, false, 0);
			if (obj)
				gmcsim_json_print(stdout, obj, true);
			json_object_put(obj);
		}
		char m[GMCSIM_TERM_MSG_BUF];

		fprintf(stderr, "gmcsim layout: %s: %s\n", gmc_errno_name(rc),
			gmcsim_term_text(err.message, m, sizeof(m)));
		return rc == -ENOMEM ? GMCSIM_EXIT_USAGE : GMCSIM_EXIT_FAILED;
	}

	status = o->svg || o->map ? gmcsim_map_layout(&res, o->svg, o->map) : GMCSIM_EXIT_OK;
	if (!status && o->json) {
		obj = gmcsim_layout_result_json(&res, false, 0);
		if (!obj || gmcsim_json_print(stdout, obj, true))
			status = usage_error(-ENOMEM, "could not print the JSON result");
		json_object_put(obj);
	} else if (!status && !gmcsim_map_on_stdout(o->svg, o->map)) {
		gmcsim_layout_result_print(stdout, &res);
	}
	gmcsim_layout_result_fini(&res);
	return status;
}

/* A co-process reads each answer as soon as it is written: no block buffering then. */
static bool
stdout_is_interactive(void)
{
	struct stat st;

	/* only a regular file is sure to be read after the batch is done */
	return fstat(fileno(stdout), &st) != 0 || !S_ISREG(st.st_mode);
}

/* Why the input ended early, as an exit status. */
static int
read_failed(int rc, const char *name, uint64_t lineno)
{
	if (rc == -E2BIG)
		return usage_error(
			rc,
			"line %llu of %s is longer than %u MiB, the cap on a batch line; "
			"nothing after it was read",
			(unsigned long long)lineno + 1, name, GMCSIM_BATCH_LINE_MAX >> 20);
	return usage_error(rc, "reading %s failed after line %llu: %s", name,
			   (unsigned long long)lineno, strerror(-rc));
}

static int
run_batch(const char *path)
{
	bool from_stdin = strcmp(path, "-") == 0, flush = stdout_is_interactive();
	int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct json_tokener *tok = NULL;
	char q[GMCSIM_SAFE_BUF], name[GMCSIM_SAFE_BUF + 2];
	struct gmcsim_lines lines;
	uint64_t lineno = 0;
	bool any_failed = false;
	sigset_t wait_mask;
	struct stat st;
	int status = GMCSIM_EXIT_OK, rc, signo = 0;

	if (fd < 0)
		return usage_error(-errno, "cannot open '%s': %s",
				   gmcsim_safe_text(path, q, sizeof(q)), strerror(errno));
	snprintf(name, sizeof(name), from_stdin ? "stdin" : "'%s'",
		 gmcsim_safe_text(path, q, sizeof(q)));
	gmcsim_lines_init(&lines, fd, GMCSIM_BATCH_LINE_MAX);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		status = usage_error(-EISDIR, "cannot read %s: it is a directory", name);
		goto out;
	}
	tok = json_tokener_new();
	if (!tok) {
		status = usage_error(-ENOMEM, "out of memory");
		goto out;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);

	/*
	 * SIGINT and SIGTERM are held while a line is computed and its answer
	 * written, and let in only while waiting for input: an answer is never cut.
	 */
	gmcsim_signals_catch();
	gmcsim_signals_hold(true);
	gmcsim_signals_wait_mask(&wait_mask);

	/* one line at a time: nothing but the current line is kept */
	for (;;) {
		struct json_object *result;
		char *line;
		size_t len;

		signo = gmcsim_signals_pending();
		if (signo)
			break;
		rc = gmcsim_lines_next(&lines, &wait_mask, &line, &len);
		if (rc == -EINTR)
			continue;
		if (rc < 0) {
			status = read_failed(rc, name, lineno);
			goto out;
		}
		/* a signal that came with the end of the input is still obeyed */
		if (rc == 0) {
			signo = gmcsim_signals_pending();
			break;
		}
		lineno++;
		any_failed |= gmcsim_layout_batch_line(tok, line, len, lineno, &result) != 0;
		if (!result) {
			status = usage_error(-ENOMEM, "line %llu: out of memory",
					     (unsigned long long)lineno);
			goto out;
		}
		rc = gmcsim_json_print(stdout, result, false);
		json_object_put(result);
		if (rc == 0 && flush && fflush(stdout) != 0)
			rc = -EIO;
		if (rc) {
			status = usage_error(-EIO, "writing the result of line %llu failed",
					     (unsigned long long)lineno);
			goto out;
		}
	}
	if (signo) {
		char what[96];

		snprintf(what, sizeof(what),
			 "stopped after line %llu, whose result line is the last",
			 (unsigned long long)lineno);
		gmcsim_lines_fini(&lines);
		if (tok)
			json_tokener_free(tok);
		if (!from_stdin)
			close(fd);
		return gmcsim_signals_exit("layout", signo, what);
	}
	status = any_failed ? GMCSIM_EXIT_FAILED : GMCSIM_EXIT_OK;
out:
	gmcsim_lines_fini(&lines);
	if (tok)
		json_tokener_free(tok);
	if (!from_stdin)
		close(fd);
	return status;
}

int
gmcsim_cmd_layout(int argc, char **argv)
{
	struct layout_opts o = { 0 };
	uint64_t seen = 0;
	int c, status = GMCSIM_EXIT_OK;

	gmcsim_layout_req_init(&o.in);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			goto out;
		}
		if (c == '?' || c == ':') {
			gmcsim_option_error("layout", c, argv);
			status = GMCSIM_EXIT_USAGE;
			goto out;
		}
		/* --reg and --bo-offset add a value each time; the rest are given once */
		if (c != OPT_REG && c != OPT_BO_OFFSET &&
		    gmcsim_option_once("layout", options, c, &seen)) {
			status = GMCSIM_EXIT_USAGE;
			goto out;
		}
		status = parse_flag(&o, c, optarg);
		if (status)
			goto out;
	}
	if (optind < argc) {
		status = usage_error(-EINVAL,
				     "unexpected argument '%s' (see 'gmcsim layout --help')",
				     argv[optind]);
		goto out;
	}
	if (o.part && o.example) {
		status = usage_error(-EINVAL, "--example cannot be combined with %s", o.part_flag);
		goto out;
	}
	if (o.batch && (o.svg || o.map)) {
		status = usage_error(-EINVAL, "--batch answers in JSON lines; --svg and --map draw "
					      "one layout");
		goto out;
	}
	if (!o.batch) {
		struct gmc_error err = { 0 };

		if (gmcsim_map_options(o.svg, o.map, o.json, &err)) {
			status = usage_error(err.code, "%s", err.message);
			goto out;
		}
	}
	if (o.batch) {
		if (o.part || o.example || o.set || o.regs_set) {
			status = usage_error(-EINVAL, "--batch reads every input from the file; "
						      "it takes no other input flags");
			goto out;
		}
		status = run_batch(o.batch);
	} else {
		status = run_single(&o);
	}
out:
	gmcsim_layout_req_fini(&o.in);
	return status;
}
