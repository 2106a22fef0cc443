/* SPDX-License-Identifier: MIT */
/*
 * The catalog's conditions: version lists ("13.0.6,13.0.*,<11.0.7"), and
 * whether a condition holds on a vGPU. Every clause mirrors a test the
 * driver makes before it creates a BO or uses its address; each site's
 * "cite.conditions" names the function that makes it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim-cond.h"
#include "sim-names.h"
#include "util.h"

/* An item's comparison: a pattern ("9.4.*") or an ordering against a full version. */
enum version_op { OP_PATTERN = 0, OP_LT, OP_LE, OP_GT, OP_GE };

/* One item of a version list: its components (-1 for '*') and how it compares. */
struct version_item {
	int part[3];
	unsigned n; /* components given; a pattern's last may be a wildcard */
	enum version_op op;
};

/*
 * Parse one item of @p len bytes. A pattern names a full version or ends in
 * '*': "9.4" alone is refused so that nobody has to guess whether it means
 * 9.4.0 or 9.4.*. A comparison takes a full version.
 */
static bool
item_parse(const char *s, size_t len, bool allow_ops, struct version_item *out)
{
	size_t i = 0;

	out->n = 0;
	out->op = OP_PATTERN;
	if (allow_ops && len && (s[0] == '<' || s[0] == '>')) {
		bool eq = len > 1 && s[1] == '=';

		out->op = s[0] == '<' ? (eq ? OP_LE : OP_LT) : (eq ? OP_GE : OP_GT);
		i = eq ? 2 : 1;
	}
	while (i < len) {
		int v = 0;

		if (out->n == 3)
			return false;
		if (s[i] == '*') {
			if (out->op != OP_PATTERN)
				return false;
			out->part[out->n++] = -1;
			return i + 1 == len; /* the wildcard ends the pattern */
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			v = v * 10 + (s[i] - '0');
			if (v > 255) /* IP version components are 8-bit (GMC_IP_VERSION) */
				return false;
		}
		out->part[out->n++] = v;
		if (i == len)
			break;
		if (s[i] != '.' || i + 1 == len)
			return false;
		i++;
	}
	return out->n == 3;
}

static bool
item_matches(const struct version_item *it, uint32_t version)
{
	uint32_t want;

	if (it->op == OP_PATTERN) {
		const int have[3] = { (int)GMC_IP_MAJ(version), (int)GMC_IP_MIN(version),
				      (int)GMC_IP_REV(version) };

		for (unsigned i = 0; i < it->n; i++) {
			if (it->part[i] < 0)
				return true;
			if (it->part[i] != have[i])
				return false;
		}
		return true;
	}
	want = GMC_IP_VERSION((uint32_t)it->part[0], (uint32_t)it->part[1], (uint32_t)it->part[2]);
	switch (it->op) {
	case OP_LT:
		return version < want;
	case OP_LE:
		return version <= want;
	case OP_GT:
		return version > want;
	case OP_GE:
		return version >= want;
	case OP_PATTERN:
	default:
		return false;
	}
}

/*
 * Walk the comma-separated items of @p list (spaces around items allowed).
 * With @p version non-NULL, *@p match tells whether any item matches it.
 * @return false when an item is malformed; @p bad, if given, points at it.
 */
static bool
walk(const char *list, bool allow_ops, const uint32_t *version, bool *match, const char **bad,
     size_t *bad_len)
{
	const char *p = list;

	if (match)
		*match = list[0] == '\0';
	if (list[0] == '\0')
		return true;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *item = p;
		size_t item_len = len;
		struct version_item it;

		while (item_len && *item == ' ') {
			item++;
			item_len--;
		}
		while (item_len && item[item_len - 1] == ' ')
			item_len--;
		if (!item_parse(item, item_len, allow_ops, &it)) {
			if (bad) {
				*bad = item;
				*bad_len = item_len;
			}
			return false;
		}
		if (version && match && item_matches(&it, *version))
			*match = true;
		if (!end)
			return true;
		p = end + 1;
	}
}

bool
sim_versions_valid(const char *list, bool allow_ops, const char **bad, size_t *bad_len)
{
	return walk(list, allow_ops, NULL, NULL, bad, bad_len);
}

bool
sim_versions_match(const char *list, uint32_t version)
{
	bool match = false;

	return walk(list, true, &version, &match, NULL, NULL) && match;
}

const char *
sim_version_str(uint32_t version, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u", GMC_IP_MAJ(version), GMC_IP_MIN(version),
		 GMC_IP_REV(version));
	return buf;
}

void
sim_target_init(struct sim_target *t, const struct gmcsim_profile *p, enum gmcsim_kernel kernel,
		bool migrate_gate)
{
	struct gmc_xgmi x = { 0 };

	memset(t, 0, sizeof(*t));
	t->p = p;
	t->gc = gmc_asic_gc(p->asic);
	t->vf = p->params.sriov;
	t->apu = gmc_asic_is_apu(p->asic);
	/* gmc.xgmi.num_physical_nodes, as get_xgmi_info() reads it */
	if (gmc_xgmi_info(p->asic, &p->regs, p->params.connected_to_cpu, &x, NULL) == 0)
		t->hive = x.num_physical_nodes > 1;
	/*
	 * amdgpu_gmc_is_pdb0_enabled() (6.17): connected_to_cpu or the migrate gate;
	 * 6.12's gmc_v9_0_gart_init() allocates PDB0 only when connected_to_cpu
	 */
	t->pdb0 = p->params.connected_to_cpu || (migrate_gate && kernel != GMCSIM_KERNEL_6_12);
	/* amdgpu_virt_init_setting() clears cg_flags and pg_flags on a VF */
	t->pg = t->vf ? 0 : p->ip.pg;
	t->fw_load = p->driver.fw_load == GMCSIM_FW_DIRECT ? GMCSIM_FW_DIRECT : GMCSIM_FW_PSP;
}

/* The name of the lowest bit of @p bits in @p names. */
static const char *
bit_name(const char *const *names, unsigned n, unsigned bits)
{
	for (unsigned i = 0; i < n; i++) {
		if (bits & (1u << i))
			return names[i];
	}
	return "?";
}

/* Whether @p version (0: unknown) is in @p list; "" is no condition. */
static bool
list_holds(const char *list, bool want_in, uint32_t version, const char *ip, char *why, size_t len)
{
	char v[16];
	bool in;

	if (!list[0])
		return true;
	in = version && sim_versions_match(list, version);
	if (in == want_in)
		return true;
	if (why && !version)
		snprintf(why, len, "needs %s %s%s: the profile has no %s", ip,
			 want_in ? "" : "not ", list, ip);
	else if (why)
		snprintf(why, len, "%s %s is %s %s", ip, sim_version_str(version, v, sizeof(v)),
			 want_in ? "not in" : "in", list);
	return false;
}

static bool
when_holds(enum gmcsim_when w, bool have, const char *yes, const char *no, char *why, size_t len)
{
	if (w == GMCSIM_WHEN_ANY || (w == GMCSIM_WHEN_YES) == have)
		return true;
	if (why)
		snprintf(why, len, "%s", w == GMCSIM_WHEN_YES ? yes : no);
	return false;
}

bool
sim_cond_holds(const struct gmcsim_cond *c, const struct sim_target *t, char *why, size_t len)
{
	const struct gmcsim_profile *p = t->p;
	bool multi_vf = t->vf && !p->driver.one_vf;

	if (!when_holds(c->vf, t->vf, "needs an SR-IOV VF: this is bare metal",
			"needs bare metal: the driver skips it on an SR-IOV VF", why, len))
		return false;
	/* amdgpu_sriov_multi_vf_mode(): a VF without AMDGIM_FEATURE_PP_ONE_VF */
	if (!when_holds(c->one_vf, !multi_vf,
			"needs one-VF mode: the host does not set PP_ONE_VF (multi-VF)",
			"needs multi-VF mode", why, len))
		return false;
	if (c->fw_load != GMCSIM_FW_ANY && c->fw_load != t->fw_load) {
		if (why)
			snprintf(why, len, "needs %s firmware load: this profile loads through %s",
				 sim_fw_load_names[c->fw_load], sim_fw_load_names[t->fw_load]);
		return false;
	}
	if (!when_holds(c->display, p->ip.display,
			"needs display hardware (amdgpu_device_has_display_hardware): the part "
			"has none",
			"needs a part without display hardware", why, len))
		return false;
	if (!when_holds(c->apu, t->apu, "needs an APU", "needs a dGPU: this is an APU", why, len))
		return false;
	if (!when_holds(c->hive, t->hive, "needs an XGMI hive of more than one node",
			"needs a single node", why, len))
		return false;
	if (!when_holds(c->pdb0, t->pdb0,
			"needs PDB0 (amdgpu_gmc_is_pdb0_enabled): not connected to the CPU and the "
			"XGMI-migrate gate is closed",
			"needs PDB0 off", why, len))
		return false;
	if ((c->pg & t->pg) != c->pg) {
		if (why)
			snprintf(why, len, "needs pg flag %s%s",
				 bit_name(sim_pg_names, SIM_PG_COUNT, c->pg & ~t->pg),
				 t->vf ? ": a VF has none (amdgpu_virt_init_setting)"
				       : ": the part does not set it");
		return false;
	}
	if ((c->params & p->driver.params) != c->params) {
		if (why)
			snprintf(why, len, "needs module parameter %s",
				 bit_name(sim_param_names, SIM_PARAM_COUNT,
					  c->params & ~p->driver.params));
		return false;
	}
	if ((c->host & p->driver.host) != c->host) {
		if (why)
			snprintf(why, len, "needs host feature %s",
				 bit_name(sim_host_names, SIM_HOST_COUNT,
					  c->host & ~p->driver.host));
		return false;
	}
	if (!list_holds(c->gc, true, t->gc, "GC", why, len) ||
	    !list_holds(c->mp0, true, p->ip.mp0, "MP0", why, len) ||
	    !list_holds(c->mp0_not, false, p->ip.mp0, "MP0", why, len) ||
	    !list_holds(c->mp1, true, p->ip.mp1, "MP1", why, len) ||
	    !list_holds(c->mp1_not, false, p->ip.mp1, "MP1", why, len) ||
	    !list_holds(c->vcn, true, p->ip.vcn, "VCN", why, len) ||
	    !list_holds(c->jpeg, true, p->ip.jpeg, "JPEG", why, len))
		return false;
	for (unsigned i = 0; i < c->n_fw_min && i < GMCSIM_FW_MIN_MAX; i++) {
		const struct gmcsim_fw_min *m = &c->fw_min[i];
		uint32_t have = (unsigned)m->fw < GMCSIM_FW_COUNT ? p->driver.fw[m->fw] : 0;

		if (have < m->version) {
			if (why)
				snprintf(why, len,
					 "needs %s firmware >= %u (0x%x): the profile has %u",
					 sim_fw_names[m->fw], m->version, m->version, have);
			return false;
		}
	}
	return true;
}

bool
sim_conds_hold(const struct gmcsim_cond *c, unsigned n, const struct sim_target *t, char *why,
	       size_t len)
{
	size_t used = 0;

	if (n == 0)
		return true;
	if (why && len)
		why[0] = '\0';
	for (unsigned i = 0; i < n && i < GMCSIM_COND_MAX; i++) {
		char one[GMCSIM_TEXT_MAX];

		if (sim_cond_holds(&c[i], t, one, sizeof(one))) {
			if (why && len)
				why[0] = '\0';
			return true;
		}
		if (why && used < len) {
			int w = snprintf(why + used, len - used, "%s%s", i ? "; or " : "", one);

			used += w > 0 ? (size_t)w : 0;
		}
	}
	return false;
}

/* A comma-separated version list as the array of strings a block file gives. */
static int
versions_json(struct json_object *obj, const char *key, const char *list)
{
	struct json_object *arr;
	int rc = 0;

	if (!list[0])
		return 0;
	arr = json_object_new_array();
	for (const char *p = list; p && !rc;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		rc = gmcsim_json_append(arr, json_object_new_string_len(p, (int)n));
		p = end ? end + 1 : NULL;
	}
	if (rc) {
		json_object_put(arr);
		return rc;
	}
	return gmcsim_json_add(obj, key, arr);
}

/* Bits as the array of their names. */
static int
bits_json(struct json_object *obj, const char *key, unsigned bits, const char *const *names,
	  unsigned n)
{
	struct json_object *arr;
	int rc = 0;

	if (!bits)
		return 0;
	arr = json_object_new_array();
	for (unsigned i = 0; i < n && !rc; i++) {
		if (bits & (1u << i))
			rc = gmcsim_json_append(arr, json_object_new_string(names[i]));
	}
	if (rc) {
		json_object_put(arr);
		return rc;
	}
	return gmcsim_json_add(obj, key, arr);
}

int
sim_cond_to_json(const struct gmcsim_cond *c, struct json_object *obj)
{
	int rc = 0;

	if (c->vf)
		rc |= gmcsim_json_add(obj, "sriov", json_object_new_string(sim_sriov_names[c->vf]));
	if (c->one_vf)
		rc |= gmcsim_json_add(obj, "vf_mode",
				      json_object_new_string(sim_vf_mode_names[c->one_vf]));
	if (c->fw_load)
		rc |= gmcsim_json_add(obj, "fw_load",
				      json_object_new_string(sim_fw_load_names[c->fw_load]));
	if (c->display)
		rc |= gmcsim_json_add(obj, "display",
				      json_object_new_boolean(c->display == GMCSIM_WHEN_YES));
	if (c->apu)
		rc |= gmcsim_json_add(obj, "apu",
				      json_object_new_boolean(c->apu == GMCSIM_WHEN_YES));
	if (c->hive)
		rc |= gmcsim_json_add(obj, "hive", json_object_new_string(sim_hive_names[c->hive]));
	rc |= bits_json(obj, "pg", c->pg, sim_pg_names, SIM_PG_COUNT);
	rc |= bits_json(obj, "params", c->params, sim_param_names, SIM_PARAM_COUNT);
	rc |= bits_json(obj, "host", c->host, sim_host_names, SIM_HOST_COUNT);
	if (c->gc[0])
		rc |= gmcsim_json_add(obj, "gc", json_object_new_string(c->gc));
	rc |= versions_json(obj, "mp0", c->mp0);
	rc |= versions_json(obj, "mp0_not", c->mp0_not);
	rc |= versions_json(obj, "mp1", c->mp1);
	rc |= versions_json(obj, "mp1_not", c->mp1_not);
	rc |= versions_json(obj, "vcn", c->vcn);
	rc |= versions_json(obj, "jpeg", c->jpeg);
	if (c->n_fw_min) {
		struct json_object *fw = json_object_new_object();

		for (unsigned i = 0; i < c->n_fw_min && i < GMCSIM_FW_MIN_MAX; i++)
			rc |= gmcsim_json_add(fw, sim_fw_names[c->fw_min[i].fw],
					      json_object_new_int64(c->fw_min[i].version));
		rc |= gmcsim_json_add(obj, "fw_min", fw);
	}
	return rc ? -ENOMEM : 0;
}
