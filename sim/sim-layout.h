/* SPDX-License-Identifier: MIT */
/*
 * One `gmcsim layout` computation: the request (part, registers,
 * parameters, BO offsets) built from flags, a JSON object or a worked
 * example; the result libgmc computes for it; and its reports.
 */
#ifndef GMCSIM_SIM_LAYOUT_H
#define GMCSIM_SIM_LAYOUT_H

#include <stdio.h>

#include <gmc/gmc.h>
#include <json-c/json.h>

/**
 * The longest `--batch` line, newline included: 16 MiB, the cap on every
 * whole input file (util-file.c), holds a request with a million BO
 * offsets, and keeps a line without an end (a stream like /dev/zero) from
 * growing memory without bound.
 */
#define GMCSIM_BATCH_LINE_MAX (16u << 20)

/** What to compute. Initialise with gmcsim_layout_req_init(). */
struct gmcsim_layout_req {
	const struct gmc_asic *asic;  /**< NULL until set */
	struct gmc_regs regs;	      /**< raw register values, 0 unless given */
	struct gmc_params params;     /**< gmc_params_init() defaults unless given */
	uint64_t smu_prv_buffer_size; /**< as given; params keeps its low 32 bits */
	bool have_vram_size;	      /**< vram_size was given */
	uint64_t *bo_offsets;	      /**< VRAM BO byte offsets, owned */
	size_t n_bo;
	size_t cap_bo;
};

/** Reset @p req: no part, registers 0, the driver's default parameters, no BOs. */
void gmcsim_layout_req_init(struct gmcsim_layout_req *req);

/** Free what @p req owns and reset it. */
void gmcsim_layout_req_fini(struct gmcsim_layout_req *req);

/** Set pm.smu_prv_buffer_size; the driver keeps a u32, so only the low 32 bits count. */
void gmcsim_layout_req_set_smu(struct gmcsim_layout_req *req, uint64_t bytes);

/**
 * Append a BO offset.
 * @retval 0 added
 * @retval -ENOMEM out of memory
 */
int gmcsim_layout_req_add_bo(struct gmcsim_layout_req *req, uint64_t offset);

/** Drop every BO offset. */
void gmcsim_layout_req_clear_bos(struct gmcsim_layout_req *req);

/**
 * Fill @p req from one `--batch` input object (the keys are listed in
 * `gmcsim layout --help`). @p req must be freshly initialised.
 *
 * @retval 0 done
 * @retval <0 a negative errno; @p err says which key is wrong and why
 */
int gmcsim_layout_req_from_json(struct gmcsim_layout_req *req, struct json_object *in,
				struct gmc_error *err);

/** One of the reference's worked examples (gmc-address-math.md §9). */
struct gmcsim_example;

/** Number of built-in examples; the first one is the default. */
size_t gmcsim_example_count(void);

/** The example at @p index, or NULL. */
const struct gmcsim_example *gmcsim_example_at(size_t index);

/** The example called @p name, or NULL. */
const struct gmcsim_example *gmcsim_example_find(const char *name);

/** The example's name ("vega20-hive"). */
const char *gmcsim_example_name(const struct gmcsim_example *ex);

/** A one-line description of the example. */
const char *gmcsim_example_summary(const struct gmcsim_example *ex);

/**
 * Fill a freshly initialised @p req with the example's inputs.
 *
 * @retval 0 done
 * @retval -ENOMEM out of memory
 * @retval -ENOENT the example's part is not modelled by libgmc
 */
int gmcsim_example_apply(const struct gmcsim_example *ex, struct gmcsim_layout_req *req,
			 struct gmc_error *err);

/** Warnings a result may carry (bits). */
enum gmcsim_layout_warning {
	GMCSIM_WARN_GART_LIMITED = 1u << 0,  /**< the driver's "limiting GART" */
	GMCSIM_WARN_SMU_TRUNCATED = 1u << 1, /**< smu_prv_buffer_size cut to 32 bits */
	GMCSIM_WARN_CPU_IGNORED = 1u << 2,  /**< connected_to_cpu where the driver never reads it */
	GMCSIM_WARN_AGP_OFF = 1u << 3,	    /**< agp other than -1, 0, 1: off, as any value but 1 */
	GMCSIM_WARN_BO_PAST_VRAM = 1u << 4, /**< a BO offset at or past real_vram_size */
	GMCSIM_WARN_BO_ABOVE_MC = 1u << 5,  /**< a BO's MC address above mc_mask, wrapped */
};

/** A computed layout and the addresses of the requested BOs. */
struct gmcsim_layout_result {
	struct gmc_layout layout;
	struct gmc_bo_addrs *bo; /**< n_bo entries, owned */
	size_t n_bo;
	unsigned warnings;	      /**< enum gmcsim_layout_warning */
	uint64_t smu_prv_buffer_size; /**< as requested, for the warning */
	int32_t agp;		      /**< as requested, for the warning */
	size_t n_past_vram;	      /**< BOs at or past real_vram_size */
	size_t first_past_vram;	      /**< index of the first of them */
	size_t n_above_mc;	      /**< BOs whose MC address leaves the MC space */
	size_t first_above_mc;	      /**< index of the first of them */
};

/**
 * Compute the layout of @p req with libgmc, then each BO's addresses.
 *
 * @param[out] res the result; free with gmcsim_layout_result_fini()
 * @retval 0 computed
 * @retval <0 the library's (or an allocation's) negative errno, with @p err filled
 */
int gmcsim_layout_run(const struct gmcsim_layout_req *req, struct gmcsim_layout_result *res,
		      struct gmc_error *err);

/** Free what @p res owns. */
void gmcsim_layout_result_fini(struct gmcsim_layout_result *res);

/**
 * The result as the JSON object `gmcsim layout --json` prints, keys in the
 * documented order. With @p with_line, "line": @p line comes first.
 *
 * @return a new object (caller puts it), or NULL when out of memory
 */
struct json_object *gmcsim_layout_result_json(const struct gmcsim_layout_result *res,
					      bool with_line, uint64_t line);

/**
 * A failure as a JSON object: ["line",] "ok": false, "error", "message".
 *
 * @return a new object, or NULL when out of memory
 */
struct json_object *gmcsim_layout_error_json(const struct gmc_error *err, bool with_line,
					     uint64_t line);

/**
 * Print the result as the human-readable table.
 *
 * @retval 0 written
 * @retval -EIO the stream reported an error
 */
int gmcsim_layout_result_print(FILE *out, const struct gmcsim_layout_result *res);

/**
 * One `--batch` input line (without its newline) into a JSON object, with
 * @p tok reset first: one strict value, nothing after it, no NUL bytes
 * (gmcsim_json_parse()).
 *
 * @retval 0 @p out holds the object (the caller puts it)
 * @retval -EINVAL blank, not JSON, not an object, or text after the value
 * @retval -E2BIG longer than json-c can take
 */
int gmcsim_layout_parse_line(struct json_tokener *tok, const char *line, size_t len,
			     struct json_object **out, struct gmc_error *err);

/**
 * One `--batch` input line through everything the tool does for it: strip
 * its newline (and a CR before it), parse it with @p tok, fill a request,
 * compute it, and build the result line's object.
 *
 * @param line   the line as getline() returns it; its newline is overwritten
 * @param len    its length, newline included
 * @param lineno the line's number, carried in the result as "line"
 * @param[out] result the result object ("ok": true with the layout, or
 *             "ok": false with "error" and "message"); NULL when out of memory
 * @return 0 when the line was computed, else the line's negative errno
 */
int gmcsim_layout_batch_line(struct json_tokener *tok, char *line, size_t len, uint64_t lineno,
			     struct json_object **result);

#endif /* GMCSIM_SIM_LAYOUT_H */
