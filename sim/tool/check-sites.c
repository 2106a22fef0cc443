/* SPDX-License-Identifier: MIT */
/*
 * `gmcsim check --sites` and `--explain BLOCK/SITE`: which catalog sites
 * exist on the plan's vGPUs under its kernel, which are used, and why not,
 * with the kernel source each fact comes from.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sim-names.h"
#include "sim-plan.h"
#include "table.h"
#include "util.h"

static const char *const presence_names[] = {
	[GMCSIM_SITE_USED] = "used",
	[GMCSIM_SITE_NOT_CONSUMED] = "not consumed",
	[GMCSIM_SITE_ABSENT] = "absent",
};

/* Whether @p s is the variant of its site that the plan's kernel runs. */
static bool
in_kernel(const struct gmcsim_site *s, enum gmcsim_kernel kernel)
{
	return !s->kernels || (s->kernels & (1u << kernel));
}

static void
print_bits(FILE *out, const char *key, unsigned bits, const char *const *names, unsigned n,
	   const char **sep)
{
	if (!bits)
		return;
	fprintf(out, "%s%s=", *sep, key);
	for (unsigned i = 0, first = 1; i < n; i++) {
		if (bits & (1u << i)) {
			fprintf(out, "%s%s", first ? "" : "+", names[i]);
			first = 0;
		}
	}
	*sep = ", ";
}

static void
print_text_key(FILE *out, const char *key, const char *value, const char **sep)
{
	if (!value[0])
		return;
	fprintf(out, "%s%s=%s", *sep, key, value);
	*sep = ", ";
}

/* One condition as "sriov=bare-metal, display=yes, mp0_not=13.0.6,13.0.12". */
static void
print_cond(FILE *out, const struct gmcsim_cond *c)
{
	const char *sep = "";

	if (c->vf)
		fprintf(out, "%ssriov=%s", sep, sim_sriov_names[c->vf]), sep = ", ";
	if (c->one_vf)
		fprintf(out, "%svf_mode=%s", sep, sim_vf_mode_names[c->one_vf]), sep = ", ";
	if (c->fw_load)
		fprintf(out, "%sfw_load=%s", sep, sim_fw_load_names[c->fw_load]), sep = ", ";
	if (c->display)
		fprintf(out, "%sdisplay=%s", sep, c->display == GMCSIM_WHEN_YES ? "yes" : "no"),
			sep = ", ";
	if (c->apu)
		fprintf(out, "%sapu=%s", sep, c->apu == GMCSIM_WHEN_YES ? "yes" : "no"), sep = ", ";
	if (c->hive)
		fprintf(out, "%shive=%s", sep, sim_hive_names[c->hive]), sep = ", ";
	if (c->pdb0)
		fprintf(out, "%spdb0=%s", sep, c->pdb0 == GMCSIM_WHEN_YES ? "yes" : "no"),
			sep = ", ";
	print_bits(out, "pg", c->pg, sim_pg_names, SIM_PG_COUNT, &sep);
	print_bits(out, "params", c->params, sim_param_names, SIM_PARAM_COUNT, &sep);
	print_bits(out, "host", c->host, sim_host_names, SIM_HOST_COUNT, &sep);
	print_text_key(out, "gc", c->gc, &sep);
	print_text_key(out, "mp0", c->mp0, &sep);
	print_text_key(out, "mp0_not", c->mp0_not, &sep);
	print_text_key(out, "mp1", c->mp1, &sep);
	print_text_key(out, "mp1_not", c->mp1_not, &sep);
	print_text_key(out, "vcn", c->vcn, &sep);
	print_text_key(out, "jpeg", c->jpeg, &sep);
	for (unsigned i = 0; i < c->n_fw_min && i < GMCSIM_FW_MIN_MAX; i++)
		fprintf(out, "%s%s>=0x%" PRIx32, sep, sim_fw_names[c->fw_min[i].fw],
			c->fw_min[i].version),
			sep = ", ";
	if (!*sep)
		fprintf(out, "always");
}

static void
print_conds(FILE *out, const char *what, const struct gmcsim_cond *c, unsigned n)
{
	fprintf(out, "  %-12s", what);
	if (!n)
		fprintf(out, "always");
	for (unsigned i = 0; i < n && i < GMCSIM_COND_MAX; i++) {
		if (i)
			fprintf(out, "\n  %-12s", "  or");
		print_cond(out, &c[i]);
	}
	fprintf(out, "\n");
}

static void
print_presence(FILE *out, const struct gmcsim_site *s, const struct gmcsim_profile *p,
	       enum gmcsim_kernel kernel)
{
	char why[GMCSIM_TEXT_MAX * 4];
	enum gmcsim_presence pr = gmcsim_site_presence(s, p, kernel, why, sizeof(why));

	fprintf(out, "  on %-24s %s%s%s\n", p->name, presence_names[pr], why[0] ? ": " : "", why);
}

void
gmcsim_print_sites(FILE *out, const struct check_plan *plan, size_t width)
{
	struct table *t = table_new(3);

	fprintf(out, "catalog sites on %s -> %s, kernel %s\n\n", plan->from.name, plan->to.name,
		gmcsim_kernel_name(plan->kernel));
	for (size_t i = 0; t && i < plan->n_sites; i++) {
		const struct gmcsim_site *s = &plan->sites[i];
		char why[GMCSIM_TEXT_MAX * 4 + sizeof(" [uncertain]")],
			name[GMCSIM_NAME_MAX * 2 + 1];
		const char *row[] = { name, NULL, why };
		enum gmcsim_presence pr;

		if (!in_kernel(s, plan->kernel))
			continue;
		pr = gmcsim_site_presence(s, &plan->from, plan->kernel, why, GMCSIM_TEXT_MAX * 4);
		if (s->uncertain)
			strcat(why, " [uncertain]");
		snprintf(name, sizeof(name), "%s/%s", s->block, s->name);
		row[1] = presence_names[pr];
		if (table_add(t, row)) {
			table_free(t);
			t = NULL;
		}
	}
	/* the reason wraps under itself */
	if (t)
		table_print(out, t, width, TABLE_FIT_WRAP_LAST);
	else
		fprintf(out, "(out of memory)\n");
	table_free(t);
}

int
gmcsim_explain_site(FILE *out, const struct check_plan *plan, const char *which)
{
	const char *slash = strchr(which, '/');
	unsigned others = 0;
	size_t found = 0;

	for (size_t i = 0; i < plan->n_sites; i++) {
		const struct gmcsim_site *s = &plan->sites[i];
		const struct gmcsim_cite *c = &s->cite;
		char dom[32];

		if (!slash || strlen(s->block) != (size_t)(slash - which) ||
		    strncmp(s->block, which, (size_t)(slash - which)) != 0 ||
		    strcmp(s->name, slash + 1) != 0)
			continue;
		found++;
		/* other kernels' variants: named, not shown */
		if (!in_kernel(s, plan->kernel)) {
			others |= s->kernels;
			continue;
		}
		fprintf(out, "%s/%s (%s)%s\n", s->block, s->name, s->ref[0] ? s->ref : "no ref",
			s->uncertain ? " [uncertain]" : "");
		if (!c->kernel[0])
			fprintf(out, "  %-12s%s\n", "source", "none given (a user's block file?)");
		fprintf(out, "  %-12skernel %s", "facts of", gmcsim_kernel_name(plan->kernel));
		for (unsigned k = 0; s->kernels && k < GMCSIM_KERNEL_COUNT; k++) {
			if ((s->kernels & (1u << k)) && k != (unsigned)plan->kernel)
				fprintf(out, ", %s", gmcsim_kernel_name((enum gmcsim_kernel)k));
		}
		fprintf(out, "\n");
		if (s->note[0])
			fprintf(out, "  %-12s%s\n", s->uncertain ? "unknown" : "note", s->note);
		snprintf(dom, sizeof(dom), "%s%s%s", (s->domain & GMC_DOMAIN_VRAM) ? "vram" : "",
			 (s->domain & GMC_DOMAIN_VRAM) && (s->domain & GMC_DOMAIN_GTT) ? "|" : "",
			 (s->domain & GMC_DOMAIN_GTT) ? "gtt" : "");
		fprintf(out, "  %-12s%s -> %s%s%s, %s, %s\n", "lifecycle",
			sim_hook_names[s->create], sim_hook_names[s->free_in],
			s->lazy ? " (lazy)" : "", s->recreate_on_resume ? " (again on resume)" : "",
			dom, sim_multiplicity_names[s->multiplicity]);
		fprintf(out, "  %-12s%s, %s\n", "kept as", sim_cache_names[s->cache],
			sim_addr_names[s->addr]);
		fprintf(out, "  %-12s%s\n", "gc", s->gc[0] ? s->gc : "every part");
		print_conds(out, "exists", s->exists, s->n_exists);
		print_conds(out, "consumed", s->consumed, s->n_consumed);
		fprintf(out, "  %-12s%s\n", "consumer", s->consumer);
		if (c->kernel[0]) {
			fprintf(out, "  %-12sLinux %s, %s\n", "source", c->kernel, c->tree);
			fprintf(out, "    create    %s\n    free      %s\n", c->create, c->free);
			if (c->cache[0])
				fprintf(out, "    kept      %s\n", c->cache);
			fprintf(out, "    used by   %s\n", c->consume);
			if (c->refresh[0])
				fprintf(out, "    6.17 fix  %s\n", c->refresh);
			if (c->conditions[0])
				fprintf(out, "    checks    %s\n", c->conditions);
		}
		print_presence(out, s, &plan->from, plan->kernel);
		print_presence(out, s, &plan->to, plan->kernel);
	}
	if (others) {
		fprintf(out, "  %-12sother facts in kernel", "(--kernel)");
		for (unsigned k = 0; k < GMCSIM_KERNEL_COUNT; k++) {
			if (others & (1u << k))
				fprintf(out, " %s", gmcsim_kernel_name((enum gmcsim_kernel)k));
		}
		fprintf(out, "\n");
	}
	return found ? 0 : -ENOENT;
}
