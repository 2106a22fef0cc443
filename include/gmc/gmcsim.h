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

/**
 * The role's name as profiles write it.
 * @param role a BAR role
 * @return "vram", "doorbell", "mmio" or "other" (also for a value out of range)
 */
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

/** How the driver loads IP firmware (amdgpu.fw_load_type), and which path a site exists on. */
enum gmcsim_fw_load {
	GMCSIM_FW_ANY = 0, /**< a site: both paths; a profile: the default, PSP */
	GMCSIM_FW_PSP,	   /**< PSP front-door loading (the default on every modelled part) */
	GMCSIM_FW_DIRECT,  /**< AMDGPU_FW_LOAD_DIRECT (bare metal with amdgpu.fw_load_type=0) */
};

/** Power-gating flags the catalog reads (amd_shared.h AMD_PG_SUPPORT_*), as bits. */
enum gmcsim_pg {
	GMCSIM_PG_VCN_DPG = 1u << 0,  /**< AMD_PG_SUPPORT_VCN_DPG */
	GMCSIM_PG_JPEG_DPG = 1u << 1, /**< AMD_PG_SUPPORT_JPEG_DPG */
};

/** Module parameters that make the driver create a block's BOs, as bits. */
enum gmcsim_param {
	GMCSIM_PARAM_MES_LOG_ENABLE = 1u << 0,	     /**< amdgpu.mes_log_enable */
	GMCSIM_PARAM_UMSCH_MM = 1u << 1,	     /**< amdgpu.umsch_mm (bit 0) */
	GMCSIM_PARAM_SMU_MEMORY_POOL_SIZE = 1u << 2, /**< amdgpu.smu_memory_pool_size */
	GMCSIM_PARAM_MCBP = 1u << 3,		     /**< amdgpu.mcbp (forced on a VF) */
};

/** Features the host advertises to a VF in the pf2vf exchange, as bits. */
enum gmcsim_host_feature {
	GMCSIM_HOST_MES_INFO = 1u << 0, /**< amdgpu_sriov_is_mes_info_enable() */
};

/** Firmware whose version a catalog condition may test (a site's fw_min). */
enum gmcsim_fw {
	GMCSIM_FW_MEC = 0,
	GMCSIM_FW_ME,
	GMCSIM_FW_PFP,
	GMCSIM_FW_MES,
	GMCSIM_FW_SMC,
	GMCSIM_FW_COUNT
};

/** A firmware version a profile does not state: taken to meet every threshold. */
#define GMCSIM_FW_CURRENT UINT32_MAX

/**
 * What the driver learns of the part besides its GC version: the IP
 * versions discovery pairs with it, its display hardware, its XCCs and
 * VCN instances and its power-gating flags on bare metal (a VF has none:
 * amdgpu_virt_init_setting()). gmcsim_part_defaults() gives the part's.
 */
struct gmcsim_ip {
	uint32_t mp0;	   /**< PSP (MP0) version, GMC_IP_VERSION(); 0: unknown */
	uint32_t mp1;	   /**< SMU (MP1) version; 0: unknown */
	uint32_t vcn;	   /**< VCN version; 0: no VCN block */
	uint32_t jpeg;	   /**< JPEG block version; 0: none */
	bool display;	   /**< amdgpu_device_has_display_hardware() */
	unsigned xcc;	   /**< XCCs the guest sees (one VF's partition) */
	unsigned vcn_inst; /**< VCN instances the guest sees */
	unsigned pg;	   /**< enum gmcsim_pg bits on bare metal */
};

/** How the driver runs on the vGPU: what the catalog's conditions read besides the part. */
struct gmcsim_driver {
	enum gmcsim_fw_load fw_load;  /**< the firmware load type; GMCSIM_FW_ANY means PSP */
	bool one_vf;		      /**< a VF whose host sets AMDGIM_FEATURE_PP_ONE_VF */
	uint32_t fw[GMCSIM_FW_COUNT]; /**< firmware versions by enum gmcsim_fw; GMCSIM_FW_CURRENT */
	unsigned params;	      /**< enum gmcsim_param bits that are set */
	unsigned host;		      /**< enum gmcsim_host_feature bits the host offers */
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
	struct gmcsim_ip ip;	     /**< IP versions and counts (gmcsim_part_defaults()) */
	struct gmcsim_driver driver; /**< load type, VF mode, firmware, parameters */
};

/**
 * The defaults of @p asic's part, from the driver's own tables (sim/sim-parts.c
 * cites each): IP versions, display, XCC and VCN counts, pg flags; PSP load,
 * not one-VF, current firmware, no parameters, no host features.
 *
 * @param asic the part
 * @param[out] ip its IP facts
 * @param[out] driver the driver's defaults
 * @retval 0 filled
 * @retval -ENOENT the part has no entry (a part libgmc added later)
 * @retval -EINVAL a NULL argument
 */
GMCSIM_EXPORT int gmcsim_part_defaults(const struct gmc_asic *asic, struct gmcsim_ip *ip,
				       struct gmcsim_driver *driver);

/**
 * The number of built-in profiles.
 * @return how many gmcsim_profile_builtin_at() serves
 */
GMCSIM_EXPORT size_t gmcsim_profile_builtin_count(void);

/**
 * Copy built-in profile @p index into @p out.
 * @param index 0 .. gmcsim_profile_builtin_count() - 1
 * @param[out] out the profile; untouched on failure
 * @retval 0 copied
 * @retval -ENOENT index out of range
 */
GMCSIM_EXPORT int gmcsim_profile_builtin_at(size_t index, struct gmcsim_profile *out);

/**
 * Copy the built-in profile called @p name into @p out.
 * @param name a built-in profile's name, e.g. "gc944-vf-node2"
 * @param[out] out the profile; untouched on failure
 * @retval 0 copied
 * @retval -ENOENT no such profile
 */
GMCSIM_EXPORT int gmcsim_profile_builtin(const char *name, struct gmcsim_profile *out);

/**
 * Parse a profile from JSON text (the format of docs/profiles.md).
 * @param json NUL-terminated text
 * @param[out] out the profile; untouched on failure
 * @param err optional failure report naming the key
 * @retval 0 parsed
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
 * @param name_or_path a built-in name or a file's path
 * @param[out] out the profile; untouched on failure
 * @param err optional failure report
 * @retval 0 loaded
 * @retval -ENOENT neither a built-in nor a readable file
 * @retval -EINVAL malformed file
 * @retval -ERANGE a number outside its key's range
 */
GMCSIM_EXPORT int gmcsim_profile_load(const char *name_or_path, struct gmcsim_profile *out,
				      struct gmc_error *err);

/**
 * Serialize @p p as JSON (the same format gmcsim_profile_parse() reads).
 * @param p the profile
 * @param[out] out NUL-terminated text the caller frees with free()
 * @retval 0 written
 * @retval -EINVAL a NULL argument or a profile without a part
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_profile_to_json(const struct gmcsim_profile *p, char **out);

/** A built-in pair of profiles: a guest boots on @c from and resumes on @c to. */
struct gmcsim_pair {
	const char *name;    /**< e.g. "gc944-node2-to-node5" */
	const char *from;    /**< built-in profile name */
	const char *to;	     /**< built-in profile name */
	const char *changes; /**< what differs, e.g. "xgmi node id" */
};

/**
 * The number of built-in pairs.
 * @return how many gmcsim_pair_builtin_at() serves
 */
GMCSIM_EXPORT size_t gmcsim_pair_builtin_count(void);
/**
 * Built-in pair @p index.
 * @param index 0 .. gmcsim_pair_builtin_count() - 1
 * @return the pair (static storage), or NULL out of range
 */
GMCSIM_EXPORT const struct gmcsim_pair *gmcsim_pair_builtin_at(size_t index);
/**
 * The built-in pair called @p name.
 * @param name e.g. "gc944-node2-to-node5"
 * @return the pair (static storage), or NULL when there is none
 */
GMCSIM_EXPORT const struct gmcsim_pair *gmcsim_pair_builtin(const char *name);

/** What can differ between two vGPU profiles, as bits (gmcsim_profile_diff()). */
enum gmcsim_profile_change {
	GMCSIM_CHANGE_PART = 1u << 0,	     /**< the part (GC version) */
	GMCSIM_CHANGE_XGMI_NODE = 1u << 1,   /**< the derived XGMI node id, or XGMI on/off */
	GMCSIM_CHANGE_XGMI_HIVE = 1u << 2,   /**< node count, segment size, other XGMI bits */
	GMCSIM_CHANGE_FB_LOCATION = 1u << 3, /**< FB_LOCATION_BASE or _TOP */
	GMCSIM_CHANGE_FB_OFFSET = 1u << 4,   /**< FB_OFFSET, the driver's mc_fb_offset */
	GMCSIM_CHANGE_VRAM = 1u << 5,	     /**< the VRAM size or the visible (BAR) size */
	GMCSIM_CHANGE_PARAMS = 1u << 6,	     /**< SR-IOV, connected_to_cpu, module parameters */
	GMCSIM_CHANGE_PCI_ID = 1u << 7,	     /**< vendor, device, revision or subsystem ids */
	GMCSIM_CHANGE_BARS = 1u << 8,	     /**< a BAR's address, size or flags */
	GMCSIM_CHANGE_SLOT = 1u << 9,	     /**< the bus address, the VF flag, the MSI-X vector */
	GMCSIM_CHANGE_IDENTITY = 1u << 10,   /**< the sysfs identity values */
	GMCSIM_CHANGE_IP = 1u << 11,	     /**< IP versions and counts (struct gmcsim_ip) */
	GMCSIM_CHANGE_DRIVER = 1u << 12,     /**< how the driver runs (struct gmcsim_driver) */
};

/**
 * What differs between the vGPU a guest boots on and the one it resumes on.
 * Names and descriptions do not count.
 *
 * @param from the boot vGPU
 * @param to   the resume vGPU
 * @return enum gmcsim_profile_change bits; 0 when nothing differs or an
 *         argument is NULL
 */
GMCSIM_EXPORT unsigned gmcsim_profile_diff(const struct gmcsim_profile *from,
					   const struct gmcsim_profile *to);

/**
 * What differs, in words, with the values where they fit: "xgmi node id
 * 2 -> 5", "mc_fb_offset 0x40 -> 0x400, BAR addresses". When the values do
 * not fit in @p len, only the names of what differs; "nothing differs"
 * when nothing does.
 *
 * @param from the boot vGPU
 * @param to   the resume vGPU
 * @param[out] buf the text, NUL-terminated, cut to fit at worst
 * @param len  bytes in @p buf; GMCSIM_TEXT_MAX always holds the names
 * @retval 0 written
 * @retval -EINVAL a NULL argument, a profile without a part, or @p len 0
 */
GMCSIM_EXPORT int gmcsim_profile_diff_text(const struct gmcsim_profile *from,
					   const struct gmcsim_profile *to, char *buf, size_t len);

/** The register's dword offset and hub on @p asic (the offset the driver reads). */
struct gmcsim_reg_location {
	uint32_t dword;	   /**< dword offset within the hub's register segment */
	unsigned base_idx; /**< SOC15 BASE_IDX */
	const char *hub;   /**< "GC" or "MMHUB" */
};

/**
 * Where the driver reads register @p reg on @p asic.
 * @param asic the part
 * @param reg  the register
 * @param[out] out its location; untouched on failure
 * @retval 0 found
 * @retval -ENOENT the driver never reads it on this part
 * @retval -EINVAL a NULL argument or a register out of range
 */
GMCSIM_EXPORT int gmcsim_reg_location(const struct gmc_asic *asic, enum gmc_reg reg,
				      struct gmcsim_reg_location *out);

/**
 * MMIO read from the vGPU's register file.
 * @param p     the vGPU
 * @param dword the dword offset the driver reads
 * @param[out] value the register (0 for offsets nothing backs, as an
 *             unimplemented register reads on hardware)
 * @retval 0 read
 * @retval -EINVAL a NULL argument or a profile without a part
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

/**
 * The built-in fix strategies. Each is a fix file (struct gmcsim_strategy,
 * gmcsim_strategy_builtin()); a harness may also run its own.
 */
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

/** How serious a finding is. */
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
	bool uncertain;		      /**< the site's facts are not all verified (its note says) */
};

/**
 * A hook's name as block files write it.
 * @param hook a hook
 * @return "sw_init", "resume" …, or "unknown" out of range
 */
GMCSIM_EXPORT const char *gmcsim_hook_name(enum gmcsim_hook hook);
/**
 * A fix strategy's name.
 * @param fix a strategy
 * @return "none", "rfc", "rfc-all", "p2-pinfix", "upstream", or "unknown"
 */
GMCSIM_EXPORT const char *gmcsim_fix_name(enum gmcsim_fix fix);
/**
 * The fix strategy called @p name.
 * @param name as gmcsim_fix_name() writes it
 * @param[out] out the strategy; untouched on failure
 * @retval 0 found
 * @retval -ENOENT no such strategy
 */
GMCSIM_EXPORT int gmcsim_fix_from_name(const char *name, enum gmcsim_fix *out);
/**
 * A cache kind's name as block files write it.
 * @param cache a cache kind
 * @return "field", "derived" …, or "unknown" out of range
 */
GMCSIM_EXPORT const char *gmcsim_cache_name(enum gmcsim_cache cache);
/**
 * A finding kind's name.
 * @param kind a finding kind
 * @return "stale-mc", "cross-segment" …, or "unknown" out of range
 */
GMCSIM_EXPORT const char *gmcsim_finding_kind_name(enum gmcsim_finding_kind kind);
/**
 * The finding kind called @p name.
 * @param name as gmcsim_finding_kind_name() writes it
 * @param[out] out the kind; untouched on failure
 * @retval 0 found
 * @retval -ENOENT no such kind
 */
GMCSIM_EXPORT int gmcsim_finding_kind_from_name(const char *name, enum gmcsim_finding_kind *out);
/**
 * How serious a finding of @p kind is.
 * @param kind a finding kind
 * @return its severity (GMCSIM_SEV_INFO out of range)
 */
GMCSIM_EXPORT enum gmcsim_severity gmcsim_finding_kind_severity(enum gmcsim_finding_kind kind);
/**
 * A severity's name.
 * @param sev a severity
 * @return "info", "warning", "error", "critical", or "unknown"
 */
GMCSIM_EXPORT const char *gmcsim_severity_name(enum gmcsim_severity sev);
/**
 * The severity called @p name.
 * @param name as gmcsim_severity_name() writes it
 * @param[out] out the severity; untouched on failure
 * @retval 0 found
 * @retval -ENOENT no such severity
 */
GMCSIM_EXPORT int gmcsim_severity_from_name(const char *name, enum gmcsim_severity *out);

/**
 * The Linux versions whose driver facts the catalog models. The newest is
 * 0, so a zeroed struct gmcsim_config runs the newest kernel.
 */
enum gmcsim_kernel {
	GMCSIM_KERNEL_6_18 = 0, /**< 6.18 and later trees (the default) */
	GMCSIM_KERNEL_6_17,	/**< 6.17, the kernel of the 2025 hibernation series */
	GMCSIM_KERNEL_6_12,	/**< 6.12 (Debian's 6.12.118), before the series */
	GMCSIM_KERNEL_COUNT
};

/**
 * A kernel's name as block files, scenarios and --kernel write it.
 * @param kernel a modelled kernel
 * @return "6.18", "6.17", "6.12", or "unknown"
 */
GMCSIM_EXPORT const char *gmcsim_kernel_name(enum gmcsim_kernel kernel);
/**
 * The modelled kernel called @p name.
 * @param name "6.12", "6.17" or "6.18"
 * @param[out] out the kernel; untouched on failure
 * @retval 0 found
 * @retval -ENOENT not a modelled kernel
 */
GMCSIM_EXPORT int gmcsim_kernel_from_name(const char *name, enum gmcsim_kernel *out);

/* ------------------------------------------------------------------ */
/* The catalog: caching sites as data                                   */
/* ------------------------------------------------------------------ */

/** A yes/no condition, or none. */
enum gmcsim_when {
	GMCSIM_WHEN_ANY = 0, /**< no condition */
	GMCSIM_WHEN_YES,     /**< must hold */
	GMCSIM_WHEN_NO,	     /**< must not hold */
};

/** Longest comma-separated version list a condition holds, with its NUL. */
#define GMCSIM_LIST_MAX 64
/** Firmware thresholds one condition may test. */
#define GMCSIM_FW_MIN_MAX 4
/** Alternatives one "exists" or "consumed" list may give. */
#define GMCSIM_COND_MAX 10

/** A firmware version threshold: the driver tests fw >= version. */
struct gmcsim_fw_min {
	enum gmcsim_fw fw; /**< which firmware */
	uint32_t version;  /**< the least version */
};

/**
 * One condition the driver checks before it creates a BO or uses its
 * address: every field that is set must hold (docs/catalog.md). Version
 * lists are comma-separated patterns: "13.0.6", "13.0.*", "<11.0.7", ">=6.0.0".
 */
struct gmcsim_cond {
	enum gmcsim_when vf;	     /**< YES: only on an SR-IOV VF; NO: only on bare metal */
	enum gmcsim_when one_vf;     /**< on a VF, YES: one-VF mode only; NO: multi-VF only */
	enum gmcsim_fw_load fw_load; /**< the firmware load type it needs */
	enum gmcsim_when display;    /**< display hardware needed (YES) or absent (NO) */
	enum gmcsim_when apu;	     /**< only on an APU (YES) or a dGPU (NO) */
	enum gmcsim_when hive;	     /**< YES: a hive of more than one node; NO: one node */
	/** YES: PDB0 in use (amdgpu_gmc_is_pdb0_enabled(): connected to the CPU, or from 6.17
	 *  the XGMI-migrate gate open); NO: not in use */
	enum gmcsim_when pdb0;
	unsigned pg;		       /**< enum gmcsim_pg bits that must all be set */
	unsigned params;	       /**< enum gmcsim_param bits that must all be set */
	unsigned host;		       /**< enum gmcsim_host_feature bits the host must offer */
	char gc[GMCSIM_LIST_MAX];      /**< GC versions it holds on */
	char mp0[GMCSIM_LIST_MAX];     /**< MP0 (PSP) versions it holds on */
	char mp0_not[GMCSIM_LIST_MAX]; /**< MP0 versions it does not hold on */
	char mp1[GMCSIM_LIST_MAX];     /**< MP1 (SMU) versions it holds on */
	char mp1_not[GMCSIM_LIST_MAX]; /**< MP1 versions it does not hold on */
	char vcn[GMCSIM_LIST_MAX];     /**< VCN versions it holds on */
	char jpeg[GMCSIM_LIST_MAX];    /**< JPEG versions it holds on */
	unsigned n_fw_min;	       /**< entries of @c fw_min */
	struct gmcsim_fw_min fw_min[GMCSIM_FW_MIN_MAX]; /**< firmware at least these versions */
};

/** How many copies of a site one device has. */
enum gmcsim_multiplicity {
	GMCSIM_MULT_ONE = 0,		  /**< one */
	GMCSIM_MULT_PER_XCC,		  /**< one per XCC */
	GMCSIM_MULT_PER_XCC_COMPUTE_RING, /**< one per XCC and compute ring */
	GMCSIM_MULT_PER_VCN,		  /**< one per VCN instance */
	GMCSIM_MULT_PER_PIPE,		  /**< one per MES pipe */
	GMCSIM_MULT_PER_FIRMWARE,	  /**< one per firmware image or pool */
	GMCSIM_MULT_COUNT
};

/** Longest citation list (function names, comma-separated), with its NUL. */
#define GMCSIM_CITE_MAX 320

/** Where a site's facts come from in the kernel source: "file.c:function". */
struct gmcsim_cite {
	char kernel[16];		  /**< the version read, e.g. "6.17" */
	char tree[64];			  /**< the tree and commit, "Kingxukai/linux@0291023e" */
	char create[128];		  /**< the function that creates the BO */
	char free[128];			  /**< the function that frees it */
	char cache[128];		  /**< where the address is kept, when not @c create */
	char consume[GMCSIM_CITE_MAX];	  /**< the consumers, comma-separated */
	char refresh[128];		  /**< what the 6.17 series recomputes it in */
	char conditions[GMCSIM_CITE_MAX]; /**< where the conditions are read, "; "-separated */
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
	enum gmcsim_multiplicity multiplicity;	    /**< copies per device */
	bool uncertain;				    /**< not every fact is verified: @c note */
	char note[GMCSIM_TEXT_MAX];		    /**< what is unknown, for an uncertain site */
	unsigned kernels;			    /**< bits (1u << enum gmcsim_kernel); 0: all */
	unsigned n_exists;			    /**< alternatives in @c exists; 0: always */
	struct gmcsim_cond exists[GMCSIM_COND_MAX]; /**< the BO exists when one holds */
	unsigned n_consumed;			    /**< alternatives in @c consumed; 0: always */
	struct gmcsim_cond consumed[GMCSIM_COND_MAX]; /**< the address is used when one holds */
	struct gmcsim_cite cite;		      /**< where the facts come from */
};

/**
 * The number of sites in the built-in catalog, over every modelled kernel
 * (a site whose facts changed between kernels is one entry per variant,
 * told apart by @c kernels).
 * @return how many gmcsim_catalog_at() serves
 */
GMCSIM_EXPORT size_t gmcsim_catalog_count(void);

/**
 * Copy built-in site @p index.
 * @param index 0 .. gmcsim_catalog_count() - 1
 * @param[out] out the site; untouched on failure
 * @retval 0 copied
 * @retval -ENOENT out of range
 * @retval -EINVAL @p out is NULL
 * @retval -EBADMSG the built-in catalog did not load (a defect of the build:
 *         the catalog tests name the file and the site)
 */
GMCSIM_EXPORT int gmcsim_catalog_at(size_t index, struct gmcsim_site *out);

/**
 * Parse a block description (the catalog's JSON vocabulary, docs/catalog.md).
 * A site with kernel overrides ("kernels") becomes one entry per variant.
 * @param json NUL-terminated text
 * @param[out] sites an array the caller frees with free()
 * @param[out] n its length
 * @param err optional failure report naming the site and the key
 * @retval -EINVAL malformed; @p err names the key and the problem
 * @retval -ERANGE a number outside its key's range; @p err names the key
 * @retval -E2BIG  text longer than the JSON parser takes (2^31 - 2 bytes)
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_sites_parse(const char *json, struct gmcsim_site **sites, size_t *n,
				     struct gmc_error *err);

/**
 * Whether @p site's GC patterns match @p asic and it may exist on the load
 * path: a VF (@p sriov) loads through PSP, bare metal either way. Conditions,
 * kernels and the profile's own facts are not looked at:
 * gmcsim_site_presence() does that.
 * @param site  a site
 * @param asic  a part; NULL matches only sites for every part
 * @param sriov an SR-IOV VF
 * @return true when the site may exist on the part
 */
GMCSIM_EXPORT bool gmcsim_site_applies(const struct gmcsim_site *site, const struct gmc_asic *asic,
				       bool sriov);

/** What a site does on a vGPU under a kernel. */
enum gmcsim_presence {
	GMCSIM_SITE_USED = 0,	  /**< the BO exists and its address is used */
	GMCSIM_SITE_NOT_CONSUMED, /**< the BO exists, its kept address is never used */
	GMCSIM_SITE_ABSENT,	  /**< the driver never creates it there */
};

/**
 * Whether @p site exists on @p profile under @p kernel and whether its address
 * is used there, as the driver decides (its GC patterns, load path, kernels and
 * conditions against the profile's facts), with the XGMI-migrate gate closed:
 * a run under a strategy that opens it (gmcsim_run_migrate_gate()) decides
 * the sites that read the gate ("pdb0") with it open.
 * @param site    a site
 * @param profile the vGPU the driver runs on
 * @param kernel  a modelled kernel
 * @param why     receives the reason for ABSENT or NOT_CONSUMED ("" for USED); may be NULL
 * @param len     the size of @p why
 * @return the presence (ABSENT for a NULL argument)
 */
GMCSIM_EXPORT enum gmcsim_presence gmcsim_site_presence(const struct gmcsim_site *site,
							const struct gmcsim_profile *profile,
							enum gmcsim_kernel kernel, char *why,
							size_t len);

/* ------------------------------------------------------------------ */
/* Fix strategies as data                                               */
/* ------------------------------------------------------------------ */

/** Which of the driver's layout code a strategy runs (gmc_v9_0_vram_gtt_location()). */
enum gmcsim_layout_code {
	/** before the 2025 series: no migrate gate; the sysvm GART follows the hive */
	GMCSIM_LAYOUT_PRE_6_17 = 0,
	/** 6.17's: the XGMI-migrate gate decides PDB0 with vram_start 0 (commit 2f405eb45c55) */
	GMCSIM_LAYOUT_6_17,
	GMCSIM_LAYOUT_COUNT
};

/** What the driver does on resume before the IP blocks resume, as bits. */
enum gmcsim_resume_action {
	GMCSIM_RESUME_XGMI_INFO = 1u << 0,	  /**< re-read XGMI info: the node id */
	GMCSIM_RESUME_VRAM_BASE_OFFSET = 1u << 1, /**< recompute vm_manager.vram_base_offset */
	GMCSIM_RESUME_VRAM_START = 1u << 2,	  /**< recompute gmc.vram_start */
	GMCSIM_RESUME_GART_START = 1u << 3,	  /**< recompute gmc.gart_start */
	GMCSIM_RESUME_MSIX = 1u << 4,		  /**< restore MSI-X (amdgpu_restore_msix()) */
};

/** mc_init run again: every field it computes (the RFC's patch 1). */
#define GMCSIM_RESUME_MC_INIT \
	(GMCSIM_RESUME_VRAM_BASE_OFFSET | GMCSIM_RESUME_VRAM_START | GMCSIM_RESUME_GART_START)

/** Most resume steps a strategy holds. */
#define GMCSIM_RESUME_STEPS_MAX 4

/**
 * One step of amdgpu_device_resume() before the IP blocks: its actions run
 * when every condition that is set holds. Recomputing a field the driver
 * derives from the XGMI node id needs GMCSIM_RESUME_XGMI_INFO in the same
 * step (gmcsim_strategy_parse() refuses it otherwise).
 */
struct gmcsim_resume_step {
	unsigned actions;	       /**< enum gmcsim_resume_action bits */
	enum gmcsim_when gate;	       /**< the XGMI-migrate gate open (YES) or closed (NO) */
	enum gmcsim_when xgmi;	       /**< the part reads XGMI info and is not linked to the CPU */
	enum gmcsim_when node_changed; /**< the node id read now differs from the driver's */
	struct gmcsim_cond cond;       /**< catalog conditions on the vGPU under the driver now */
};

/** Longest comma-separated name list of a site selection, with its NUL. */
#define GMCSIM_SELECT_LIST_MAX 512
/** Alternatives one selection list may give. */
#define GMCSIM_SELECT_MAX 8

/** A set of sites: every field that is set must hold; none set selects every site. */
struct gmcsim_site_select {
	char blocks[GMCSIM_SELECT_LIST_MAX]; /**< block names, "psp,smu"; "" = any */
	char sites[GMCSIM_SELECT_LIST_MAX];  /**< "block/site" names, "psp/tmr,smu/driver_table" */
	unsigned caches;		     /**< bits (1u << enum gmcsim_cache); 0 = any */
	enum gmcsim_when rfc_helper;	     /**< the site's rfc_helper flag set (YES) or not */
	enum gmcsim_when upstream_fb_aper;   /**< the site's upstream_fb_aper flag set or not */
};

/**
 * A fix strategy as data (docs/fixes.md): what it changes in the driver
 * model. Plain data, read from a fix file by gmcsim_strategy_parse(); the
 * built-ins are fix files too (gmcsim_strategy_builtin()).
 */
struct gmcsim_strategy {
	char name[GMCSIM_NAME_MAX];	   /**< e.g. "upstream" */
	char description[GMCSIM_TEXT_MAX]; /**< one sentence */
	enum gmcsim_layout_code layout;	   /**< the layout code the driver runs */
	/**
	 * GMCSIM_LAYOUT_6_17: ip_early_init sets is_xgmi_node_migrate_enabled
	 * when one alternative holds on the boot vGPU (6.17: an SR-IOV VF with
	 * GC 9.4.4); the gate is open when it is set and the part has an XGMI
	 * node segment size. 0 alternatives: never set.
	 */
	unsigned n_gate;
	struct gmcsim_cond gate[GMCSIM_COND_MAX]; /**< the alternatives */
	unsigned n_resume;			  /**< steps in @c resume, run in order */
	struct gmcsim_resume_step resume[GMCSIM_RESUME_STEPS_MAX]; /**< before the IP blocks */
	/**
	 * Sites whose kept address (field, derived and mixed caches) is read
	 * again before a resume uses it, as the RFC's helper does; a site in
	 * any alternative. 0: none.
	 */
	unsigned n_refresh;
	struct gmcsim_site_select refresh[GMCSIM_SELECT_MAX]; /**< the alternatives */
	/**
	 * With the gate open: sites whose VRAM BO's firmware gets an
	 * FB-aperture address computed at each use (amdgpu_bo_fb_aper_addr());
	 * a site in any alternative. 0: none.
	 */
	unsigned n_fb_aper;
	struct gmcsim_site_select fb_aper[GMCSIM_SELECT_MAX]; /**< the alternatives */
	bool recreate_unpins; /**< a re-create on the hw path drops the previous pin first */
};

/**
 * Built-in strategy @p fix, parsed from its embedded fix file.
 * @param fix a built-in strategy
 * @param[out] out the strategy (static storage, valid for the process); untouched on failure
 * @retval 0 found
 * @retval -EINVAL @p fix out of range or @p out NULL
 * @retval -EIO the embedded file did not parse (a build defect the tests catch)
 */
GMCSIM_EXPORT int gmcsim_strategy_builtin(enum gmcsim_fix fix, const struct gmcsim_strategy **out);

/**
 * Parse a fix file (the vocabulary of docs/fixes.md). A key the model cannot
 * express is an error naming it, never an approximation.
 * @param json NUL-terminated text
 * @param[out] out the strategy; untouched on failure
 * @param err optional failure report naming the key
 * @retval 0 parsed
 * @retval -EINVAL malformed, an unknown key or value, or a combination the
 *         model cannot run; @p err names the key
 * @retval -ERANGE a number outside its key's range
 * @retval -E2BIG text longer than the JSON parser takes (2^31 - 2 bytes)
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_strategy_parse(const char *json, struct gmcsim_strategy *out,
					struct gmc_error *err);

/**
 * Load a fix file.
 * @param path a regular file ("-" reads standard input)
 * @param[out] out the strategy; untouched on failure
 * @param err optional failure report naming the file
 * @retval 0 loaded
 * @retval -EISDIR @p path is a directory
 * @retval -EFBIG the file is larger than a fix file can be (16 MiB)
 * @retval <0 it cannot be read (the errno), or gmcsim_strategy_parse()'s errors
 */
GMCSIM_EXPORT int gmcsim_strategy_load(const char *path, struct gmcsim_strategy *out,
				       struct gmc_error *err);

/**
 * Write @p s as a fix file that gmcsim_strategy_parse() reads back into the
 * same strategy.
 * @param s the strategy
 * @param[out] out NUL-terminated text the caller frees with free()
 * @retval 0 written
 * @retval -EINVAL a NULL argument or a value out of range
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_strategy_to_json(const struct gmcsim_strategy *s, char **out);

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

/** A swap point: its kind and, for the per-block kinds, the block. */
struct gmcsim_swap {
	enum gmcsim_swap_kind kind;  /**< where */
	char block[GMCSIM_NAME_MAX]; /**< for the *_BLOCK_* kinds */
};

/**
 * Parse "before-suspend", "after-suspend:BLOCK", "after-suspend",
 * "resume:BLOCK" (before BLOCK resumes), "after-resume" or "none".
 * @param text the swap point
 * @param[out] out the swap; untouched on failure
 * @retval 0 parsed
 * @retval -EINVAL not a swap point
 */
GMCSIM_EXPORT int gmcsim_swap_parse(const char *text, struct gmcsim_swap *out);
/**
 * Format @p swap like gmcsim_swap_parse() reads it.
 * @param swap the swap
 * @param buf  receives the text
 * @param len  the size of @p buf
 * @return @p buf
 */
GMCSIM_EXPORT const char *gmcsim_swap_format(const struct gmcsim_swap *swap, char *buf, size_t len);

/**
 * What a run assumes of the hypervisor where the driver is right only if
 * the host does something for it (docs/findings.md), as bits. With none
 * set, a finding that rests on such an assumption is reported.
 */
enum gmcsim_assumption {
	/** the host programs the new VF's MSI-X table with the guest's vectors */
	GMCSIM_ASSUME_HOST_RESTORES_MSIX = 1u << 0,
};

/** What to run. */
struct gmcsim_config {
	const struct gmcsim_profile *from; /**< the vGPU the guest boots on */
	const struct gmcsim_profile *to;   /**< the vGPU it resumes on */
	enum gmcsim_fix fix;		   /**< the fix strategy */
	struct gmcsim_swap swap;	   /**< where the swap happens */
	unsigned cycles;	   /**< suspend/resume cycles, >= 1; the swap is in the first */
	enum gmcsim_kernel kernel; /**< whose driver facts the sites use (0: the newest) */
	unsigned assume;	   /**< enum gmcsim_assumption bits */
	/**
	 * A strategy to run instead of the built-in @c fix, or NULL. Not
	 * copied: it must stay valid until gmcsim_run_free().
	 */
	const struct gmcsim_strategy *strategy;
};

struct gmcsim_run;

/**
 * A run of the lifecycle over @p config, with no blocks yet.
 * @param config what to run (the profiles are copied)
 * @param[out] out the run; free it with gmcsim_run_free()
 * @param err optional failure report
 * @retval 0 made
 * @retval -EINVAL missing profiles, cycles 0, a kernel out of range, or
 *         profiles of different GC versions
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_run_new(const struct gmcsim_config *config, struct gmcsim_run **out,
				 struct gmc_error *err);
/**
 * Free @p run and everything it holds.
 * @param run a run, or NULL
 */
GMCSIM_EXPORT void gmcsim_run_free(struct gmcsim_run *run);

/**
 * Add a catalog site (copied). Sites of one block run in the order added;
 * blocks run in the order their first site or ops were added. A site that is
 * absent on the boot profile under the run's kernel (gmcsim_site_presence())
 * is left out; one whose address is not used there is created, pinned and
 * freed, but its address is never checked.
 * @param run  the run
 * @param site the site
 * @retval 0 added, or left out as absent
 * @retval -EINVAL a NULL argument, or a site without a block, name or size
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_run_add_site(struct gmcsim_run *run, const struct gmcsim_site *site);

/** A harness's own IP block: one callback for every lifecycle hook. */
struct gmcsim_block_ops {
	const char *name; /**< the block's name in findings */
	/** Called for each hook; return 0 or a negative errno (stops the run). */
	int (*hook)(struct gmcsim_run *run, enum gmcsim_hook hook, void *data);
	void *data; /**< handed to @c hook */
};

/**
 * Add a harness's block (the ops struct is copied; @c data is not).
 * @param run the run
 * @param ops the block
 * @retval 0 added
 * @retval -EINVAL a NULL argument, or ops without a name or hook
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_run_add_block(struct gmcsim_run *run, const struct gmcsim_block_ops *ops);

/**
 * Run init, cycles × (suspend, image, resume) with the swap, and fini.
 * @param run the run
 * @param err optional failure report
 * @retval 0 ran (findings may exist)
 * @retval <0 a hook failed; @p err says which
 */
GMCSIM_EXPORT int gmcsim_run_execute(struct gmcsim_run *run, struct gmc_error *err);

/**
 * The number of findings the run recorded.
 * @param run the run
 * @return how many gmcsim_run_finding_at() serves (0 for NULL)
 */
GMCSIM_EXPORT size_t gmcsim_run_finding_count(const struct gmcsim_run *run);
/**
 * Finding @p index, in the order first seen.
 * @param run   the run
 * @param index 0 .. gmcsim_run_finding_count() - 1
 * @return the finding (owned by the run), or NULL out of range
 */
GMCSIM_EXPORT const struct gmcsim_finding *gmcsim_run_finding_at(const struct gmcsim_run *run,
								 size_t index);

/**
 * For a harness block's hooks: the driver's device.
 * @param run the run
 * @return its BOs, layout and events (owned by the run)
 */
GMCSIM_EXPORT struct gmc_dev *gmcsim_run_dev(struct gmcsim_run *run);
/**
 * The run's built-in fix strategy, as its configuration gave it.
 * @param run the run
 * @return the config's @c fix (which a config's @c strategy overrides)
 */
GMCSIM_EXPORT enum gmcsim_fix gmcsim_run_fix(const struct gmcsim_run *run);
/**
 * The strategy the run runs: the config's @c strategy, or the built-in @c fix.
 * @param run the run
 * @return the strategy (owned by the config or static storage)
 */
GMCSIM_EXPORT const struct gmcsim_strategy *gmcsim_run_strategy(const struct gmcsim_run *run);
/**
 * Whether the 6.17 XGMI-migrate gate is open for this run's device.
 * @param run the run
 * @return true when the strategy runs the 6.17 layout code and its gate holds
 *         on the boot vGPU, which has an XGMI node segment
 *         (amdgpu_virt_xgmi_migrate_enabled(); `upstream`: a GC 9.4.4 VF)
 */
GMCSIM_EXPORT bool gmcsim_run_migrate_gate(const struct gmcsim_run *run);
/**
 * The address map the run's driver code computes on one of its vGPUs, the
 * truth a kept copy is checked against: the boot vGPU's (@p to false) or the
 * resume vGPU's (@p to true), each with the layout code of the run's
 * strategy (6.17's for `upstream`, the code before the series for the
 * others). Both are computed by gmcsim_run_new() and never change.
 * @param run the run
 * @param to  false: the vGPU the guest boots on; true: the one it resumes on
 * @return the layout (owned by the run, valid until gmcsim_run_free()), or
 *         NULL for a NULL run
 */
GMCSIM_EXPORT const struct gmc_layout *gmcsim_run_layout(const struct gmcsim_run *run, bool to);
/**
 * The current step, e.g. "cycle 1 resume psp", for reports.
 * @param run the run
 * @return the text (valid until the run moves on)
 */
GMCSIM_EXPORT const char *gmcsim_run_step(struct gmcsim_run *run);

/**
 * A block uses a cached address now (it programs a register, sends a
 * command, writes a descriptor): the checker compares it with what the
 * hardware under the driver needs and records findings.
 * @param run   the run
 * @param block the block, for findings
 * @param site  the site, for findings
 * @param how   how the address was kept
 * @param value the address as the driver uses it
 * @retval 0 checked (findings may have been recorded)
 * @retval -EINVAL a NULL argument
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_run_consume(struct gmcsim_run *run, const char *block, const char *site,
				     enum gmcsim_cache how, const struct gmc_addr *value);

/**
 * One command carries @p a and @p b together (e.g. PSP SETUP_TMR: cached MC + fresh PA).
 * @param run   the run
 * @param block the block, for findings
 * @param site  the site, for findings
 * @param a     the first address (the kept one)
 * @param b     the second address (the freshly computed one)
 * @retval 0 checked (findings may have been recorded)
 * @retval -EINVAL a NULL argument
 * @retval -ENOMEM out of memory
 */
GMCSIM_EXPORT int gmcsim_run_consume_mixed(struct gmcsim_run *run, const char *block,
					   const char *site, const struct gmc_addr *a,
					   const struct gmc_addr *b);

#ifdef __cplusplus
}
#endif

#endif /* GMC_GMCSIM_H */
