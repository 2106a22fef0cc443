/* SPDX-License-Identifier: MIT */
/**
 * @file gmcsim.h
 * libgmcsim: a simulated SR-IOV vGPU and a model of the amdgpu driver's
 * lifecycle (init, suspend, hibernation image, resume, fini) with the real
 * IP blocks' address caching, so a vGPU swap can be injected at any point
 * and every stale cache found. Built on libgmc's public API.
 */
#ifndef GMC_GMCSIM_H
#define GMC_GMCSIM_H

#include <gmc/gmc.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GMCSIM_EXPORT GMC_EXPORT

#define GMCSIM_NAME_MAX 64
#define GMCSIM_TEXT_MAX 160
#define GMCSIM_MAX_BARS 6

/* ------------------------------------------------------------------ */
/* vGPU profiles                                                        */
/* ------------------------------------------------------------------ */

/** What a PCI BAR is for on an AMD GPU. */
enum gmcsim_bar_role {
	GMCSIM_BAR_VRAM = 0, /**< BAR0: the VRAM aperture (64-bit, prefetchable) */
	GMCSIM_BAR_DOORBELL, /**< BAR2 */
	GMCSIM_BAR_MMIO,     /**< BAR5: the register BAR */
	GMCSIM_BAR_OTHER,
};

/** The role's name as profiles write it: "vram", "doorbell", "mmio", "other". */
GMCSIM_EXPORT const char *gmcsim_bar_role_name(enum gmcsim_bar_role role);

/** One BAR as lspci / libpciaccess report it. */
struct gmcsim_bar {
	unsigned index; /**< region index (sysfs resourceN) */
	enum gmcsim_bar_role role;
	uint64_t address; /**< bus address */
	uint64_t size;	  /**< bytes */
	bool is_64;
	bool prefetchable;
};

/** The vGPU's PCI identity. */
struct gmcsim_pci {
	uint16_t vendor, device;
	uint8_t revision;
	uint16_t subsystem_vendor, subsystem_device;
	char bus[GMCSIM_NAME_MAX]; /**< "0000:43:00.0" */
	bool is_vf;		   /**< an SR-IOV virtual function */
	unsigned n_bars;
	struct gmcsim_bar bars[GMCSIM_MAX_BARS];
	uint64_t msix_address; /**< MSI-X vector 0 address the hypervisor programs */
	uint32_t msix_data;    /**< MSI-X vector 0 data */
};

/** Identity values the driver exposes in sysfs. */
struct gmcsim_identity {
	char serial_number[GMCSIM_NAME_MAX];
	char unique_id[GMCSIM_NAME_MAX];
	char xgmi_device_id[GMCSIM_NAME_MAX];
	char fru_id[GMCSIM_NAME_MAX];
};

/**
 * A vGPU: everything the driver can see of it. Plain data: a harness may
 * fill one in itself. The MC/XGMI register values live in @c regs and are
 * served by the register file at their real dword offsets.
 */
struct gmcsim_profile {
	char name[GMCSIM_NAME_MAX];
	char description[GMCSIM_TEXT_MAX];
	const struct gmc_asic *asic; /**< GC version */
	struct gmc_regs regs;	     /**< MC and XGMI registers */
	struct gmc_params params;    /**< vram_size (memsize), BAR size, sriov, connected_to_cpu,
					module parameters */
	struct gmcsim_pci pci;
	struct gmcsim_identity identity;
};

/** Number of built-in profiles. */
GMCSIM_EXPORT size_t gmcsim_profile_builtin_count(void);

/**
 * Copy built-in profile @p index into @p out.
 * @retval -ENOENT index out of range
 */
GMCSIM_EXPORT int gmcsim_profile_builtin_at(size_t index, struct gmcsim_profile *out);

/**
 * Copy the built-in profile called @p name into @p out.
 * @retval -ENOENT no such profile
 */
GMCSIM_EXPORT int gmcsim_profile_builtin(const char *name, struct gmcsim_profile *out);

/**
 * Parse a profile from JSON text (the format of docs/profiles.md).
 * @retval -EINVAL malformed; @p err names the key and the problem
 * @retval -ERANGE a number outside its key's range; @p err names the key
 * @retval -E2BIG  text longer than the JSON parser takes (2^31 - 2 bytes)
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_profile_parse(const char *json, struct gmcsim_profile *out,
				       struct gmc_error *err);

/**
 * Load a profile from a JSON file, or a built-in when @p name_or_path is
 * a built-in name.
 * @retval -ENOENT neither a built-in nor a readable file
 * @retval -EINVAL malformed file
 * @retval -ERANGE a number outside its key's range
 */
GMCSIM_EXPORT int gmcsim_profile_load(const char *name_or_path, struct gmcsim_profile *out,
				      struct gmc_error *err);

/**
 * Serialize @p p as JSON (the same format gmcsim_profile_parse() reads).
 * @param[out] out NUL-terminated text the caller frees with free()
 */
GMCSIM_EXPORT int gmcsim_profile_to_json(const struct gmcsim_profile *p, char **out);

/** A built-in pair of profiles: a guest boots on @c from and resumes on @c to. */
struct gmcsim_pair {
	const char *name;    /**< e.g. "gc944-node2-to-node5" */
	const char *from;    /**< built-in profile name */
	const char *to;	     /**< built-in profile name */
	const char *changes; /**< what differs, e.g. "xgmi node id" */
};

/** Number of built-in pairs. */
GMCSIM_EXPORT size_t gmcsim_pair_builtin_count(void);
/** Built-in pair @p index, or NULL. */
GMCSIM_EXPORT const struct gmcsim_pair *gmcsim_pair_builtin_at(size_t index);
/** The built-in pair called @p name, or NULL. */
GMCSIM_EXPORT const struct gmcsim_pair *gmcsim_pair_builtin(const char *name);

/** The register's dword offset and hub on @p asic (the offset the driver reads). */
struct gmcsim_reg_location {
	uint32_t dword;	   /**< dword offset within the hub's register segment */
	unsigned base_idx; /**< SOC15 BASE_IDX */
	const char *hub;   /**< "GC" or "MMHUB" */
};

/**
 * Where the driver reads register @p reg on @p asic.
 * @retval -ENOENT the driver never reads it on this part
 */
GMCSIM_EXPORT int gmcsim_reg_location(const struct gmc_asic *asic, enum gmc_reg reg,
				      struct gmcsim_reg_location *out);

/**
 * MMIO read from the vGPU's register file.
 * @retval 0 @p value holds the register (0 for offsets nothing backs, as
 *         an unimplemented register reads on hardware)
 */
GMCSIM_EXPORT int gmcsim_profile_read_reg(const struct gmcsim_profile *p, uint32_t dword,
					  uint32_t *value);

/* ------------------------------------------------------------------ */
/* The driver model                                                     */
/* ------------------------------------------------------------------ */

/** The driver's IP-block lifecycle hooks, in call order. */
enum gmcsim_hook {
	GMCSIM_HOOK_EARLY_INIT = 0,
	GMCSIM_HOOK_SW_INIT,
	GMCSIM_HOOK_HW_INIT,
	GMCSIM_HOOK_LATE_INIT,
	GMCSIM_HOOK_SUSPEND,
	GMCSIM_HOOK_RESUME,
	GMCSIM_HOOK_HW_FINI,
	GMCSIM_HOOK_SW_FINI,
	GMCSIM_HOOK_COUNT
};

/** Fix strategies, each a switch. */
enum gmcsim_fix {
	GMCSIM_FIX_NONE = 0,  /**< the driver before any fix */
	GMCSIM_FIX_RFC,	      /**< RFC v1: recompute the layout on resume; helper in UMSCH only */
	GMCSIM_FIX_RFC_ALL,   /**< the RFC helper applied to every cached consumer */
	GMCSIM_FIX_P2_PINFIX, /**< pattern 2 with its pin count kept balanced */
	GMCSIM_FIX_UPSTREAM,  /**< the Linux 6.17 series (gated to a GC 9.4.4 VF) */
	GMCSIM_FIX_COUNT
};

/** How a site caches its address (bo-lifecycle-and-callers.md §C.3). */
enum gmcsim_cache {
	GMCSIM_CACHE_FIELD = 0, /**< an address kept in a driver field */
	GMCSIM_CACHE_DERIVED,	/**< derived from another cached address (+ offset) */
	GMCSIM_CACHE_CONTENT,	/**< written into BO contents, restored from a CPU backup */
	GMCSIM_CACHE_MIXED,	/**< one command mixes the cached address with a fresh one */
	GMCSIM_CACHE_PTE,	/**< a page-table entry to a pinned BO */
	GMCSIM_CACHE_REGISTER,	/**< a register programmed once */
	GMCSIM_CACHE_FIRMWARE,	/**< state inside firmware nobody can inspect */
	GMCSIM_CACHE_NONE,	/**< computed on demand each time: safe */
	GMCSIM_CACHE_COUNT
};

/** What a finding is. */
enum gmcsim_finding_kind {
	GMCSIM_STALE_MC = 0,
	GMCSIM_STALE_PA,
	GMCSIM_MIXED_STALE,
	GMCSIM_STALE_CONTENT,
	GMCSIM_STALE_PTE,
	GMCSIM_CROSS_SEGMENT,
	GMCSIM_PIN_LEAK,
	GMCSIM_PIN_UNDERFLOW,
	GMCSIM_FREE_IN_SUSPEND,
	GMCSIM_RELEASE_PINNED,
	GMCSIM_USE_AFTER_FREE,
	GMCSIM_FIRMWARE_OPAQUE,
	GMCSIM_BAR_MOVED,
	GMCSIM_MSIX_STALE,
	GMCSIM_IDENTITY_CHANGED,
	GMCSIM_FINDING_KIND_COUNT
};

enum gmcsim_severity {
	GMCSIM_SEV_INFO = 0,
	GMCSIM_SEV_WARNING,
	GMCSIM_SEV_ERROR,
	GMCSIM_SEV_CRITICAL,
	GMCSIM_SEV_COUNT
};

/** One thing the checker found. */
struct gmcsim_finding {
	enum gmcsim_finding_kind kind;
	enum gmcsim_severity severity;
	char block[GMCSIM_NAME_MAX];
	char site[GMCSIM_NAME_MAX];
	char step[GMCSIM_TEXT_MAX]; /**< e.g. "cycle 1 resume psp" */
	bool has_values;
	uint64_t cached;	      /**< what the driver used */
	uint64_t fresh;		      /**< what it should have used */
	char detail[GMCSIM_TEXT_MAX]; /**< why, in a sentence */
	unsigned count;		      /**< how many times it was seen in the run */
};

GMCSIM_EXPORT const char *gmcsim_hook_name(enum gmcsim_hook hook);
GMCSIM_EXPORT const char *gmcsim_fix_name(enum gmcsim_fix fix);
GMCSIM_EXPORT int gmcsim_fix_from_name(const char *name, enum gmcsim_fix *out);
GMCSIM_EXPORT const char *gmcsim_cache_name(enum gmcsim_cache cache);
GMCSIM_EXPORT const char *gmcsim_finding_kind_name(enum gmcsim_finding_kind kind);
GMCSIM_EXPORT int gmcsim_finding_kind_from_name(const char *name, enum gmcsim_finding_kind *out);
GMCSIM_EXPORT enum gmcsim_severity gmcsim_finding_kind_severity(enum gmcsim_finding_kind kind);
GMCSIM_EXPORT const char *gmcsim_severity_name(enum gmcsim_severity sev);
GMCSIM_EXPORT int gmcsim_severity_from_name(const char *name, enum gmcsim_severity *out);

/* ------------------------------------------------------------------ */
/* The catalog: caching sites as data                                   */
/* ------------------------------------------------------------------ */

/** Which firmware-load path a site exists on. */
enum gmcsim_fw_load {
	GMCSIM_FW_ANY = 0, /**< both */
	GMCSIM_FW_PSP,	   /**< PSP front-door loading (what SR-IOV uses) */
	GMCSIM_FW_DIRECT,  /**< AMDGPU_FW_LOAD_DIRECT only (never on SR-IOV) */
};

/**
 * One kernel-BO call site of an IP block and how it caches the address
 * (bo-lifecycle-and-callers.md table B). The lifecycle pattern follows
 * from @c create, @c lazy, @c recreate_on_resume and @c free_in:
 * P1 = created on the hw path and freed in suspend; P2 = created again on
 * resume without a free; P3 = created in sw_init (or lazily) and reused.
 */
struct gmcsim_site {
	char block[GMCSIM_NAME_MAX]; /**< IP block, e.g. "psp" */
	char name[GMCSIM_NAME_MAX];  /**< site, e.g. "tmr" */
	char ref[16];		     /**< catalog row, e.g. "B-5" */
	enum gmcsim_hook create;     /**< SW_INIT, HW_INIT or LATE_INIT */
	bool lazy;		     /**< created on the hw path only while NULL */
	bool recreate_on_resume;     /**< the hw path creates it again on resume */
	enum gmcsim_hook free_in;    /**< SUSPEND, HW_FINI or SW_FINI */
	unsigned domain;	     /**< enum gmc_domain bits */
	unsigned domain_sriov;	     /**< domain on an SR-IOV VF (0: same) */
	uint64_t size;		     /**< bytes */
	enum gmcsim_cache cache;     /**< how the address is cached */
	enum gmc_addr_kind addr;     /**< what is cached: MC, PA or CPU */
	uint64_t derived_offset;     /**< CACHE_DERIVED: cached = address + offset */
	unsigned consume;	     /**< bits (1u << enum gmcsim_hook) where it is used */
	enum gmcsim_fw_load fw_load;
	bool rfc_helper;		/**< RFC patch 2 refreshes it (UMSCH resume) */
	bool upstream_fb_aper;		/**< 6.17 recomputes it with amdgpu_bo_fb_aper_addr() */
	char gc[GMCSIM_NAME_MAX];	/**< GC versions, "9.4.*,10.*"; "" = all */
	char consumer[GMCSIM_TEXT_MAX]; /**< who uses the value, and when */
};

/** Number of sites in the built-in catalog. */
GMCSIM_EXPORT size_t gmcsim_catalog_count(void);

/**
 * Copy built-in site @p index.
 * @retval -ENOENT out of range
 */
GMCSIM_EXPORT int gmcsim_catalog_at(size_t index, struct gmcsim_site *out);

/**
 * Parse a block description (the catalog's JSON vocabulary).
 * @param[out] sites an array the caller frees with free()
 * @retval -EINVAL malformed; @p err names the key and the problem
 * @retval -ERANGE a number outside its key's range; @p err names the key
 * @retval -E2BIG  text longer than the JSON parser takes (2^31 - 2 bytes)
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_sites_parse(const char *json, struct gmcsim_site **sites, size_t *n,
				     struct gmc_error *err);

/** Whether @p site applies to @p asic under this firmware-load path and SR-IOV mode. */
GMCSIM_EXPORT bool gmcsim_site_applies(const struct gmcsim_site *site, const struct gmc_asic *asic,
				       bool sriov);

/* ------------------------------------------------------------------ */
/* Running a lifecycle                                                  */
/* ------------------------------------------------------------------ */

/** Where the vGPU swap happens. */
enum gmcsim_swap_kind {
	GMCSIM_SWAP_NONE = 0,
	GMCSIM_SWAP_BEFORE_SUSPEND,	 /**< before amdgpu_device_suspend() */
	GMCSIM_SWAP_AFTER_BLOCK_SUSPEND, /**< right after one block's suspend */
	GMCSIM_SWAP_AFTER_SUSPEND,	 /**< the hibernation point (default) */
	GMCSIM_SWAP_BEFORE_BLOCK_RESUME, /**< right before one block's resume */
	GMCSIM_SWAP_AFTER_RESUME,	 /**< after amdgpu_device_resume() */
};

struct gmcsim_swap {
	enum gmcsim_swap_kind kind;
	char block[GMCSIM_NAME_MAX]; /**< for the *_BLOCK_* kinds */
};

/**
 * Parse "before-suspend", "after-suspend:BLOCK", "after-suspend",
 * "resume:BLOCK" (before BLOCK resumes), "after-resume" or "none".
 */
GMCSIM_EXPORT int gmcsim_swap_parse(const char *text, struct gmcsim_swap *out);
/** Format @p swap like gmcsim_swap_parse() reads it. */
GMCSIM_EXPORT const char *gmcsim_swap_format(const struct gmcsim_swap *swap, char *buf, size_t len);

/** What to run. */
struct gmcsim_config {
	const struct gmcsim_profile *from; /**< the vGPU the guest boots on */
	const struct gmcsim_profile *to;   /**< the vGPU it resumes on */
	enum gmcsim_fix fix;
	struct gmcsim_swap swap;
	unsigned cycles; /**< suspend/resume cycles, >= 1; the swap is in the first */
};

struct gmcsim_run;

/**
 * A run of the lifecycle over @p config, with no blocks yet.
 * @retval -EINVAL missing profiles, cycles 0, or profiles of different GC versions
 */
GMCSIM_EXPORT int gmcsim_run_new(const struct gmcsim_config *config, struct gmcsim_run **out,
				 struct gmc_error *err);
GMCSIM_EXPORT void gmcsim_run_free(struct gmcsim_run *run);

/**
 * Add a catalog site (copied). Sites of one block run in the order added;
 * blocks run in the order their first site or ops were added.
 * Sites that do not apply to the profile (gmcsim_site_applies) are ignored.
 */
GMCSIM_EXPORT int gmcsim_run_add_site(struct gmcsim_run *run, const struct gmcsim_site *site);

/** A harness's own IP block: one callback for every lifecycle hook. */
struct gmcsim_block_ops {
	const char *name;
	/** Called for each hook; return 0 or a negative errno (stops the run). */
	int (*hook)(struct gmcsim_run *run, enum gmcsim_hook hook, void *data);
	void *data;
};

/** Add a harness's block (the ops struct is copied; @c data is not). */
GMCSIM_EXPORT int gmcsim_run_add_block(struct gmcsim_run *run, const struct gmcsim_block_ops *ops);

/**
 * Run init, cycles × (suspend, image, resume) with the swap, and fini.
 * @retval 0 ran (findings may exist)
 * @retval <0 a hook failed; @p err says which
 */
GMCSIM_EXPORT int gmcsim_run_execute(struct gmcsim_run *run, struct gmc_error *err);

GMCSIM_EXPORT size_t gmcsim_run_finding_count(const struct gmcsim_run *run);
GMCSIM_EXPORT const struct gmcsim_finding *gmcsim_run_finding_at(const struct gmcsim_run *run,
								 size_t index);

/** For a harness block's hooks: the driver's device (BOs, layout, events). */
GMCSIM_EXPORT struct gmc_dev *gmcsim_run_dev(struct gmcsim_run *run);
GMCSIM_EXPORT enum gmcsim_fix gmcsim_run_fix(const struct gmcsim_run *run);
/** Whether the 6.17 XGMI-migrate gate is open for this run's device. */
GMCSIM_EXPORT bool gmcsim_run_migrate_gate(const struct gmcsim_run *run);
/** The current step, e.g. "cycle 1 resume", for reports. */
GMCSIM_EXPORT const char *gmcsim_run_step(struct gmcsim_run *run);

/**
 * A block uses a cached address now (it programs a register, sends a
 * command, writes a descriptor): the checker compares it with what the
 * hardware under the driver needs and records findings.
 */
GMCSIM_EXPORT int gmcsim_run_consume(struct gmcsim_run *run, const char *block, const char *site,
				     enum gmcsim_cache how, const struct gmc_addr *value);

/** One command carries @p a and @p b together (e.g. PSP SETUP_TMR: cached MC + fresh PA). */
GMCSIM_EXPORT int gmcsim_run_consume_mixed(struct gmcsim_run *run, const char *block,
					   const char *site, const struct gmc_addr *a,
					   const struct gmc_addr *b);

#ifdef __cplusplus
}
#endif

#endif /* GMC_GMCSIM_H */
