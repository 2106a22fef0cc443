/* SPDX-License-Identifier: MIT */
/*
 * The catalog's conditions (docs/catalog.md): version lists and patterns,
 * and whether a condition holds on a vGPU, with the reason when it does not.
 */
#ifndef GMCSIM_SIM_COND_H
#define GMCSIM_SIM_COND_H

#include <gmc/gmcsim.h>

/*
 * Whether every comma-separated item of @p list is a version pattern:
 * "9.4.4", "10.3.*", "9.*", "*", or a comparison "<11.0.7", ">=6.18.0".
 * @param allow_ops whether comparisons are allowed (a site's "gc" takes none)
 * @param bad, bad_len receive the first bad item (may be NULL)
 */
bool sim_versions_valid(const char *list, bool allow_ops, const char **bad, size_t *bad_len);

/* Whether @p version matches an item of @p list; "" matches every version. */
bool sim_versions_match(const char *list, uint32_t version);

/* What the conditions read of one vGPU, worked out once. */
struct sim_target {
	const struct gmcsim_profile *p;
	uint32_t gc;
	bool vf;
	bool apu;
	bool hive;		     /* more than one XGMI node */
	bool pdb0;		     /* amdgpu_gmc_is_pdb0_enabled() */
	unsigned pg;		     /* the flags in force: none on a VF */
	enum gmcsim_fw_load fw_load; /* PSP or DIRECT */
};

/*
 * @p t for @p p under @p kernel; @p migrate_gate: whether
 * amdgpu_virt_xgmi_migrate_enabled() holds (the run's strategy opened it).
 */
void sim_target_init(struct sim_target *t, const struct gmcsim_profile *p,
		     enum gmcsim_kernel kernel, bool migrate_gate);

/*
 * Whether @p c holds on @p t; when it does not, @p why (if not NULL) gets the
 * first clause that fails, as a phrase ("needs bare metal: this is an SR-IOV VF").
 */
bool sim_cond_holds(const struct gmcsim_cond *c, const struct sim_target *t, char *why, size_t len);

/*
 * Whether one of @p n alternatives holds (none: always); when none does,
 * @p why gets each one's reason, joined by "; or ".
 */
bool sim_conds_hold(const struct gmcsim_cond *c, unsigned n, const struct sim_target *t, char *why,
		    size_t len);

/* gmcsim_site_presence() with the XGMI-migrate gate @p migrate_gate (the run's). */
enum gmcsim_presence sim_site_presence(const struct gmcsim_site *site,
				       const struct gmcsim_profile *profile,
				       enum gmcsim_kernel kernel, bool migrate_gate, char *why,
				       size_t len);

/* Whether @p site exists on @p profile under one gate or the other (a strategy decides it). */
bool sim_site_may_exist(const struct gmcsim_site *site, const struct gmcsim_profile *profile,
			enum gmcsim_kernel kernel);

/* Format @p version as "13.0.14" into @p buf; @return @p buf. */
const char *sim_version_str(uint32_t version, char *buf, size_t len);

struct gmcsim_json;
struct gmcsim_json_keys;
struct json_object;

/*
 * The keys of one condition (docs/catalog.md), for a reader that takes them
 * next to keys of its own (gmcsim_json_walk_parts(); target: struct gmcsim_cond).
 * sim-catalog.c holds the table.
 */
extern const struct gmcsim_json_keys sim_cond_keys;

struct gmcsim_json_key;

/*
 * A key whose value is true or false, read into its enum gmcsim_when field
 * (GMCSIM_WHEN_YES or GMCSIM_WHEN_NO): a reader of GMCSIM_JSON_CUSTOM_FIELD keys.
 */
int sim_read_when_bool(struct gmcsim_json *js, const char *path, const struct gmcsim_json_key *key,
		       struct json_object *val, void *target);

/*
 * Read @p val, one condition object or an array of alternatives, into
 * @p conds (room for GMCSIM_COND_MAX) and their number into @p n.
 * @retval 0 read
 * @retval <0 the reader's errno, reported through @p js
 */
int sim_conds_read(struct gmcsim_json *js, const char *path, struct json_object *val,
		   struct gmcsim_cond *conds, unsigned *n);

/*
 * The keys of @p c that are set, added to the object @p obj as a block file
 * writes them ("sriov": "vf", "gc": "9.4.4", "mp0": [...]); sim_conds_read()
 * reads them back into the same condition.
 * @retval 0 added
 * @retval -ENOMEM out of memory
 */
int sim_cond_to_json(const struct gmcsim_cond *c, struct json_object *obj);

#endif /* GMCSIM_SIM_COND_H */
