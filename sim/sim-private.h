/* SPDX-License-Identifier: MIT */
/*
 * Internals of libgmcsim's lifecycle runs, one section per file, from the
 * bottom up: the vGPU (sim-vgpu.c), the fix strategies (sim-fix.c), the run
 * object (sim-run.c), the checker (sim-check.c). The lifecycle
 * (sim-driver.c) uses them all and declares nothing here.
 */
#ifndef SIM_PRIVATE_H
#define SIM_PRIVATE_H

#include <errno.h>
#include <gmc/gmcsim.h>

#define HOOK_BIT(h) (1u << (h))

/*
 * What a run needs of a catalog site: its lifecycle facts, without the
 * conditions and citations (gmcsim_run_add_site() decides those once).
 */
struct sim_site {
	char block[GMCSIM_NAME_MAX];
	char name[GMCSIM_NAME_MAX];
	enum gmcsim_hook create;
	bool lazy;
	bool recreate_on_resume;
	enum gmcsim_hook free_in;
	uint64_t size;
	enum gmcsim_cache cache;
	enum gmc_addr_kind addr;
	uint64_t derived_offset;
	unsigned consume; /* HOOK_BIT()s of the hooks that use the address */
	bool rfc_helper;
	bool upstream_fb_aper;
	bool uncertain;
	bool consumed[2]; /* the address is used on the boot vGPU [0] and the other [1] */
	bool refresh;	  /* the strategy reads the kept address again before a resume uses it */
	bool fb_aper; /* under the gate the strategy hands its firmware an FB-aperture address */
};

/* One catalog site's state in a run: its BO and every copy of its address. */
struct site_state {
	struct sim_site site;
	unsigned domain; /* effective domain on this device */
	struct gmc_bo *bo;
	struct gmc_addr cached;	 /* the caller's gpu_addr (or PA / CPU) slot */
	struct gmc_addr derived; /* CACHE_DERIVED: cached + derived_offset, copied once */
	struct gmc_addr backup;	 /* CACHE_CONTENT: the address inside the CPU backup */
	struct gmc_addr pte;	 /* CACHE_PTE: the physical address written into PTEs */
	struct gmc_addr cpu;	 /* the kmap pointer */
	bool programmed;	 /* CACHE_REGISTER: written to hardware once */
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

/** The driver's gmc fields as mc_init leaves them on layout @p l. */
static inline void
driver_fields_from(struct driver_fields *f, const struct gmc_layout *l)
{
	f->vram_start = l->vram_start;
	f->gart_start = l->gart_start;
	f->vram_base_offset = l->vram_base_offset;
	f->node_id = l->xgmi.physical_node_id;
}

struct gmcsim_run {
	struct gmcsim_config cfg;
	const struct gmcsim_strategy *strategy; /* the config's, or the built-in fix's */
	struct gmcsim_profile from, to;
	const struct gmcsim_profile *hw; /* the vGPU under the driver now */
	struct gmc_layout layout_from;	 /* what the driver's code computes on each */
	struct gmc_layout layout_to;
	bool gate; /* the strategy's 6.17 XGMI-migrate gate open */
	bool swapped;
	bool msix_restored;
	struct driver_fields fields;
	bool terse; /* findings without their step and detail text: a sweep only counts them */

	struct gmc_dev *dev;
	struct site_state *sites;
	size_t n_sites, cap_sites;
	struct block_state *blocks;
	size_t n_blocks, cap_blocks;

	struct gmcsim_finding *findings;
	size_t n_findings, cap_findings;
	/* findings by (kind, block, site): index + 1, 0 empty; open addressing, a power of 2 */
	size_t *finding_slots;
	size_t n_finding_slots;
	size_t events_seen; /* device events already turned into findings */
	unsigned cycle;
	char step[GMCSIM_TEXT_MAX];
	/* the step of a block hook, formatted into step[] only when asked (sim_run_step_text()) */
	const char *step_block;
	enum gmcsim_hook step_hook;
	size_t *pte_sites; /* indexes of the CACHE_PTE sites, checked at every step */
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
 * @param migrate  the 6.17 driver's is_xgmi_node_migrate_enabled flag
 * @param[out] out the layout; untouched on failure
 * @param err      receives the reason on failure (may be NULL)
 * @retval 0 computed
 * @retval -EINVAL the driver refuses these registers or parameters
 *         (gmc_layout_compute())
 */
int sim_vgpu_layout(const struct gmcsim_profile *p, bool pre_6_17, enum gmc_migrate_flag migrate,
		    struct gmc_layout *out, struct gmc_error *err);

/**
 * The address of vGPU @p p's VRAM BAR (the driver's aper_base), or 0 when
 * the profile lists no BAR of role GMCSIM_BAR_VRAM.
 */
uint64_t sim_vgpu_vram_bar(const struct gmcsim_profile *p);

/* sim-fix.c: what the run's fix strategy (run->strategy) changes in the driver */

/**
 * Compute the layout the driver's code derives on each vGPU of @p run
 * (layout_from, layout_to): the strategy's layout code, with the
 * XGMI-migrate flag its gate sets on the boot vGPU; and whether the 6.17
 * gate is open (run->gate: the flag and a node segment).
 *
 * @retval 0 computed
 * @retval -EINVAL a profile describes no layout the driver accepts; @p err
 *         says why
 */
int sim_fix_layouts(struct gmcsim_run *run, struct gmc_error *err);

/**
 * amdgpu_device_resume() before the IP blocks resume: the strategy's resume
 * steps, in order, each refreshing the driver's own gmc fields (run->fields)
 * from the layout of the vGPU under the driver now, or restoring MSI-X,
 * when its conditions hold.
 */
void sim_fix_resume_fields(struct gmcsim_run *run);

/**
 * Decide once, as @p site joins @p run, whether the strategy selects it for
 * a refresh and for FB-aperture addresses (site->refresh, site->fb_aper).
 */
void sim_fix_select_site(const struct gmcsim_run *run, struct sim_site *site);

/** Whether the strategy re-reads site @p s's cached address before a resume consumes it. */
bool sim_fix_refreshes(const struct gmcsim_run *run, const struct site_state *s);

/**
 * Whether the driver hands site @p s's firmware an FB-aperture address,
 * recomputed at each use (the strategy's selection with the gate open; VRAM
 * BOs only).
 */
bool sim_fix_uses_fb_aper(const struct gmcsim_run *run, const struct site_state *s);

/** Whether a re-create on the hw path drops the previous pin first (p2-pinfix). */
bool sim_fix_balances_pins(const struct gmcsim_run *run);

/**
 * The address of the kind site @p s keeps (MC, PA or CPU; MC for a mixed
 * site), as the driver's code computes it for the site's BO now: an
 * FB-aperture address where sim_fix_uses_fb_aper() says so.
 *
 * @param s   a site that holds a BO
 * @param[out] out the address, tracked by libgmc
 */
void sim_fix_site_addr(const struct gmcsim_run *run, const struct site_state *s,
		       struct gmc_addr *out);

/* sim-run.c: the run object, its findings and its step text */

/**
 * gmcsim_run_add_site() for a caller that knows the site's presence on both
 * vGPUs already (a sweep works it out once per pair, not once per run).
 *
 * @param on_from the presence on the boot vGPU; ABSENT leaves the site out
 * @param on_to   the presence on the other
 * @retval 0 added, or left out
 * @retval -ENOMEM out of memory
 */
int sim_run_add_site_known(struct gmcsim_run *run, const struct gmcsim_site *site,
			   enum gmcsim_presence on_from, enum gmcsim_presence on_to);

/**
 * The run is at hook @p hook of block @p block. Block hooks change the
 * step thousands of times per run and it is read only when something is
 * reported, so it is kept as is and formatted by sim_run_step_text().
 *
 * @param block the block's name; must live as long as the step (the run's
 *              own block table)
 */
void sim_run_set_step(struct gmcsim_run *run, enum gmcsim_hook hook, const char *block);

/**
 * The run is at a step that is not a block hook: @p text ("resume",
 * "swap after-suspend"), prefixed with "cycle N " inside a cycle.
 */
void sim_run_set_step_text(struct gmcsim_run *run, const char *text);

/**
 * The current step as text, e.g. "init", "sw_init psp", "cycle 1 resume"
 * or "cycle 1 resume psp".
 *
 * @return a string owned by @p run, valid until the step changes
 */
const char *sim_run_step_text(struct gmcsim_run *run);

/**
 * Record a finding at the current step. A finding of the same @p kind,
 * @p block and @p site that is already recorded only counts one more
 * sighting: its step, values and detail stay those of the first.
 *
 * @param has_values whether @p cached and @p fresh mean something
 * @param cached     the address the driver used
 * @param fresh      the address the hardware needs now
 * @param fmt        printf format of the detail sentence (cut to
 *                   GMCSIM_TEXT_MAX)
 * @retval 0 recorded or counted
 * @retval -ENOMEM the findings table could not grow
 */
int sim_run_finding(struct gmcsim_run *run, enum gmcsim_finding_kind kind, const char *block,
		    const char *site, bool has_values, uint64_t cached, uint64_t fresh,
		    const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/**
 * Record findings without their step and detail text from now on: their
 * kind, severity, block, site and count stay exact. A sweep counts
 * findings and never prints them, and the text is most of a run's cost.
 */
void sim_run_set_terse(struct gmcsim_run *run);

/** Mark every finding of an uncertain site (struct sim_site) as uncertain. */
void sim_run_mark_uncertain(struct gmcsim_run *run);

/* sim-check.c: every check of a run; each returns 0 or -ENOMEM */

/**
 * @p block / @p site uses @p value now, cached as @p how: a stale address
 * is a finding of the kind @p how and the address's kind give (stale-mc,
 * stale-pa, stale-content, stale-pte, bar-moved), a freed BO's address
 * use-after-free; sim_check_cross() adds cross-segment on top. Untracked
 * addresses are not checked.
 */
int sim_check_value(struct gmcsim_run *run, const char *block, const char *site,
		    enum gmcsim_cache how, const struct gmc_addr *value);

/**
 * One command carries @p a and @p b together: exactly one of them stale is
 * mixed-stale; both stale are two sim_check_value() findings.
 */
int sim_check_mixed(struct gmcsim_run *run, const char *block, const char *site,
		    const struct gmc_addr *a, const struct gmc_addr *b);

/**
 * A stale address (@p st, of @p kind) that lands in another XGMI node's
 * segment of the hive, another VM's memory: a cross-segment finding.
 */
int sim_check_cross(struct gmcsim_run *run, const char *block, const char *site,
		    enum gmc_addr_kind kind, const struct gmc_addr_status *st);

/**
 * Site @p s's address is used at @p hook: check the copy the site's cache
 * kind uses (bo-lifecycle-and-callers.md §C.3). The driver has already
 * updated that copy (register programmed, MQD backup, refresh).
 *
 * @param s a site that holds a BO
 */
int sim_check_site(struct gmcsim_run *run, const struct site_state *s, enum gmcsim_hook hook);

/**
 * Site @p s was just created: a pin count above 1 means a re-create
 * without a free, whose first pin is never returned (pin-leak).
 */
int sim_check_pins(struct gmcsim_run *run, const struct site_state *s);

/**
 * After a swap, the IH needs the new VF's MSI-X table, which the
 * hypervisor must program again when the guest moved to another VF:
 * msix-stale unless the driver restored it (amdgpu_restore_msix in 6.17).
 */
int sim_check_msix(struct gmcsim_run *run);

/** What every step checks: the driver's warnings since the last step, and every PTE. */
int sim_check_step(struct gmcsim_run *run);

/** The driver's own gmc fields against the hardware (after a resume). */
int sim_check_fields(struct gmcsim_run *run);

/** What a swap changes that no address check sees: identity and BAR addresses. */
int sim_check_swap(struct gmcsim_run *run);

#endif /* SIM_PRIVATE_H */
