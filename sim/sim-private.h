/* SPDX-License-Identifier: MIT */
/* Internals of libgmcsim's lifecycle runner and checker. */
#ifndef SIM_PRIVATE_H
#define SIM_PRIVATE_H

#include <errno.h>
#include <gmc/gmcsim.h>

#define HOOK_BIT(h) (1u << (h))

/* One catalog site's state in a run: its BO and every copy of its address. */
struct site_state {
	struct gmcsim_site site;
	unsigned domain;          /* effective domain on this device */
	struct gmc_bo *bo;
	struct gmc_addr cached;   /* the caller's gpu_addr (or PA / CPU) slot */
	struct gmc_addr derived;  /* CACHE_DERIVED: cached + derived_offset, copied once */
	struct gmc_addr backup;   /* CACHE_CONTENT: the address inside the CPU backup */
	struct gmc_addr pte;      /* CACHE_PTE: the physical address written into PTEs */
	struct gmc_addr cpu;      /* the kmap pointer */
	bool programmed;          /* CACHE_REGISTER: written to hardware once */
};

struct block_state {
	char name[GMCSIM_NAME_MAX];
	size_t *sites; /* indexes into run->sites */
	size_t n_sites, cap_sites;
	bool has_ops;
	struct gmcsim_block_ops ops;
};

/* What the driver's own gmc fields hold (they are caches too). */
struct driver_fields {
	uint64_t vram_start;
	uint64_t gart_start;
	uint64_t vram_base_offset;
	unsigned node_id;
};

struct gmcsim_run {
	struct gmcsim_config cfg;
	struct gmcsim_profile from, to;
	const struct gmcsim_profile *hw;  /* the vGPU under the driver now */
	struct gmc_layout layout_from;    /* what the driver's code computes on each */
	struct gmc_layout layout_to;
	bool gate;                        /* 6.17 XGMI-migrate gate open */
	bool swapped;
	bool msix_restored;
	struct driver_fields fields;

	struct gmc_dev *dev;
	struct site_state *sites;
	size_t n_sites, cap_sites;
	struct block_state *blocks;
	size_t n_blocks, cap_blocks;

	struct gmcsim_finding *findings;
	size_t n_findings, cap_findings;
	size_t events_seen;               /* device events already turned into findings */
	unsigned cycle;
	char step[GMCSIM_TEXT_MAX];
	/* the step of a block hook, formatted into step[] only when asked (sim_step()) */
	const char *step_block;
	enum gmcsim_hook step_hook;
	size_t *pte_sites;     /* indexes of the CACHE_PTE sites, checked at every step */
	size_t n_pte_sites;
	struct gmc_error err;
};

/* sim-vgpu.c: the vGPU the driver runs on */

/**
 * The layout the driver's mc_init/vram_gtt_location compute on vGPU @p p:
 * each MC/XGMI register read over MMIO from the vGPU's register file at
 * the offset the driver uses on this GC version, then gmc_layout_compute().
 *
 * @param p        the vGPU (a profile with its ASIC set)
 * @param pre_6_17 model the driver before the 6.17 XGMI-migrate series
 * @param[out] out the layout; untouched on failure
 * @param err      receives the reason on failure (may be NULL)
 * @retval 0 computed
 * @retval -EINVAL the driver refuses these registers or parameters
 *         (gmc_layout_compute())
 */
int sim_vgpu_layout(const struct gmcsim_profile *p, bool pre_6_17, struct gmc_layout *out,
		    struct gmc_error *err);

/**
 * The address of vGPU @p p's VRAM BAR (the driver's aper_base), or 0 when
 * the profile lists no BAR of role GMCSIM_BAR_VRAM.
 */
uint64_t sim_vgpu_vram_bar(const struct gmcsim_profile *p);

/* sim-driver.c: the current step as text, e.g. "cycle 1 resume psp" */
const char *sim_step(struct gmcsim_run *run);

/* sim-check.c */
int sim_finding(struct gmcsim_run *run, enum gmcsim_finding_kind kind, const char *block,
		const char *site, bool has_values, uint64_t cached, uint64_t fresh,
		const char *fmt, ...) __attribute__((format(printf, 8, 9)));
int sim_check_value(struct gmcsim_run *run, const char *block, const char *site,
		    enum gmcsim_cache how, const struct gmc_addr *value);
int sim_check_mixed(struct gmcsim_run *run, const char *block, const char *site,
		    const struct gmc_addr *a, const struct gmc_addr *b);
int sim_check_step(struct gmcsim_run *run);
/* A stale address that reaches another XGMI node's segment: another VM's memory. */
int sim_check_cross(struct gmcsim_run *run, const char *block, const char *site,
		    enum gmc_addr_kind kind, const struct gmc_addr_status *st);
/* The driver's own gmc fields against the hardware (after a resume). */
int sim_check_fields(struct gmcsim_run *run);
int sim_check_swap(struct gmcsim_run *run);

/* sim-fix.c */
int sim_fix_layouts(struct gmcsim_run *run, struct gmc_error *err);
void sim_fix_resume_fields(struct gmcsim_run *run);
bool sim_fix_refreshes(const struct gmcsim_run *run, const struct site_state *s);
bool sim_fix_uses_fb_aper(const struct gmcsim_run *run, const struct site_state *s);
bool sim_fix_balances_pins(const struct gmcsim_run *run);

#endif /* SIM_PRIVATE_H */
