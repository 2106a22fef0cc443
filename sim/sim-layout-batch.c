/* SPDX-License-Identifier: MIT */
/*
 * One `gmcsim layout --batch` line from its text to its result object: the
 * line parser, the computation and the report, in the order the tool runs
 * them. The tool and fuzz-json-batch both call it.
 */
#include "sim-layout.h"

int
gmcsim_layout_batch_line(struct json_tokener *tok, char *line, size_t len, uint64_t lineno,
			 struct json_object **result)
{
	struct gmcsim_layout_req req;
	struct gmcsim_layout_result res;
	struct gmc_error err = { 0 };
	struct json_object *in = NULL;
	int rc;

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';

	gmcsim_layout_req_init(&req);
	rc = gmcsim_layout_parse_line(tok, line, len, &in, &err);
	if (rc == 0)
		rc = gmcsim_layout_req_from_json(&req, in, &err);
	json_object_put(in);
	if (rc == 0)
		rc = gmcsim_layout_run(&req, &res, &err);
	gmcsim_layout_req_fini(&req);

	if (rc) {
		*result = gmcsim_layout_error_json(&err, true, lineno);
		return rc;
	}
	*result = gmcsim_layout_result_json(&res, true, lineno);
	gmcsim_layout_result_fini(&res);
	return 0;
}
