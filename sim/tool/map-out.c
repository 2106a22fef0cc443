/* SPDX-License-Identifier: MIT */
/*
 * `--svg FILE` and `--map` of `gmcsim check` and `gmcsim layout`: where a
 * picture libgmcsim drew goes, and which of the options go together.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "map.h"
#include "util.h"

bool
gmcsim_map_on_stdout(const char *svg, bool map)
{
	return map || (svg && strcmp(svg, "-") == 0);
}

int
gmcsim_map_options(const char *svg, bool map, bool json, struct gmc_error *err)
{
	bool svg_out = svg && strcmp(svg, "-") == 0;

	if (svg && !*svg)
		return gmcsim_fail(err, -EINVAL, "--svg needs a file name ('-': standard output)");
	if (json + map + svg_out > 1)
		return gmcsim_fail(err, -EINVAL,
				   "%s and %s both print on standard output; give one, or --svg "
				   "FILE",
				   json ? "--json" : "--map", svg_out ? "--svg -" : "--map");
	return 0;
}

/* Where the picture goes; 0 or an exit status, the failure reported. */
static int
output(const char *cmd, struct map_picture *pic, int rc, struct gmc_error *err, const char *svg,
       bool map)
{
	if (!rc && svg && strcmp(svg, "-") == 0)
		rc = map_svg_write(stdout, pic);
	else if (!rc && svg)
		rc = map_svg_save(pic, svg, err);
	if (!rc && map)
		rc = map_text_write(stdout, pic);
	map_picture_free(pic);
	if (!rc)
		return GMCSIM_EXIT_OK;
	if (!err->code)
		gmcsim_fail(err, rc, "could not write the picture");
	fprintf(stderr, "gmcsim %s: %s: %s\n", cmd, gmc_errno_name(rc), err->message);
	return GMCSIM_EXIT_USAGE;
}

int
gmcsim_map_check(const struct check_plan *plan, const struct check_outcome *o, const char *svg,
		 bool map)
{
	struct gmc_error err = { 0 };
	struct map_picture *pic = NULL;
	int rc = map_from_check(plan, o, &pic, &err);

	return output("check", pic, rc, &err, svg, map);
}

int
gmcsim_map_layout(const struct gmcsim_layout_result *res, const char *svg, bool map)
{
	struct gmc_error err = { 0 };
	struct map_picture *pic = NULL;
	int rc = map_from_layout(res, &pic, &err);

	return output("layout", pic, rc, &err, svg, map);
}
