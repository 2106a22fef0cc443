/* SPDX-License-Identifier: MIT */
/**
 * @file gmc-layout.h
 * The memory-controller address map as the amdgpu driver computes it:
 * XGMI node info, VRAM/FB placement, GART, AGP, the sysvm (PDB0) variants
 * and vm_manager.vram_base_offset.
 */
#ifndef GMC_LAYOUT_H
#define GMC_LAYOUT_H

#include <gmc/gmc-regs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** visible_vram_size value meaning "the BAR covers all of VRAM". */
#define GMC_VISIBLE_ALL UINT64_MAX

/**
 * The first vram_size the driver cannot see: it reads VRAM as a 32-bit
 * count of MiB (RCC_CONFIG_MEMSIZE), so 2^32 MiB = 2^52 bytes and up would
 * wrap.
 */
#define GMC_VRAM_SIZE_LIMIT (UINT64_C(1) << 52)

/** How the 6.17 driver's XGMI-migrate flag is set (struct gmc_params). */
enum gmc_migrate_flag {
	GMC_MIGRATE_AUTO = 0, /**< as ip_early_init sets it: an SR-IOV VF with GC 9.4.4 */
	GMC_MIGRATE_SET,      /**< set on any part (a driver whose gate opens elsewhere) */
	GMC_MIGRATE_CLEAR,    /**< never set */
};

/** The driver's inputs besides registers: memsize, BAR size, module parameters. */
struct gmc_params {
	/**
	 * Bytes the NBIO memsize reports: a whole number of MiB below
	 * GMC_VRAM_SIZE_LIMIT, as RCC_CONFIG_MEMSIZE counts them
	 * (gmc_vram_size_check()).
	 */
	uint64_t vram_size;
	uint64_t visible_vram_size; /**< PCI BAR0 size in bytes, or GMC_VISIBLE_ALL */
	int32_t gart_size_mb;	    /**< amdgpu.gart_size; -1 = per-ASIC default */
	/**
	 * amdgpu.agp, an int with no range check: 1 places the AGP aperture,
	 * anything else (-1 "auto", the default, 0, or any other value) leaves
	 * it off, since every user tests `amdgpu_agp == 1`.
	 */
	int32_t agp;
	uint32_t vramlimit_mb;	      /**< amdgpu.vramlimit; UINT32_MAX = none */
	uint32_t vis_vramlimit_mb;    /**< amdgpu.vis_vramlimit; 0 = none */
	uint32_t smu_prv_buffer_size; /**< pm.smu_prv_buffer_size in bytes (a u32 in the driver) */
	bool sriov;		      /**< the guest is an SR-IOV VF */
	/**
	 * XGMI link to the CPU, as the SMU would report it. Honoured on
	 * Aldebaran (XGMI IP 6.1.0) only: gmc_v9_0_early_init() reads the flag
	 * there and nowhere else, so on every other part it has no effect.
	 */
	bool connected_to_cpu;
	/**
	 * Model the driver before the SR-IOV hibernation series of Linux 6.17
	 * (commit 2f405eb45c55): no XGMI-migrate gate, so a GC 9.4.4 VF keeps
	 * the FB layout, and the sysvm GART starts right after the hive
	 * instead of 4 GiB-aligned.
	 */
	bool pre_6_17;
	/**
	 * The 6.17 driver's virt.is_xgmi_node_migrate_enabled, set once in
	 * ip_early_init: GMC_MIGRATE_AUTO sets it as the driver does, a harness
	 * modelling another driver sets or clears it. Ignored with @c pre_6_17.
	 */
	enum gmc_migrate_flag xgmi_migrate;
};

/**
 * Fill @p params with the driver's defaults (the module parameters' default
 * values, the 6.17 driver, bare metal, no CPU link) and vram_size 0.
 *
 * @param[out] params the caller's struct, overwritten entirely
 */
GMC_EXPORT void gmc_params_init(struct gmc_params *params);

/**
 * Whether @p vram_size is a VRAM size the driver can read: it takes memsize
 * from RCC_CONFIG_MEMSIZE, a 32-bit count of MiB, so a size must be a whole
 * number of MiB below GMC_VRAM_SIZE_LIMIT (2^52 bytes).
 * gmc_layout_compute() applies the same check.
 *
 * @param vram_size bytes
 * @param err       optional failure report
 * @retval 0 the register can express it
 * @retval -EINVAL not a whole number of MiB, or 2^52 bytes or more
 */
GMC_EXPORT int gmc_vram_size_check(uint64_t vram_size, struct gmc_error *err);

/** struct amdgpu_xgmi's address fields. All 0 on parts without XGMI. */
struct gmc_xgmi {
	bool supported;		     /**< the driver reads XGMI info on this part */
	bool connected_to_cpu;	     /**< the driver's flag: the input on Aldebaran, else false */
	unsigned num_physical_nodes; /**< PF_MAX_REGION + 1, or 0 when XGMI is off */
	unsigned physical_node_id;   /**< PF_LFB_REGION */
	uint64_t node_segment_size;  /**< PF_LFB_SIZE << 24 */
};

/**
 * What get_xgmi_info() stores for these registers.
 *
 * @param asic  the part
 * @param regs  raw register values (only XGMI_LFB_CNTL and XGMI_LFB_SIZE are read)
 * @param connected_to_cpu what the SMU would report; the driver reads it on
 *              Aldebaran only and keeps false elsewhere, and so does this call
 * @param[out] out the XGMI info; untouched on failure
 * @param err   optional failure report
 * @retval 0 done (all zero when the part has no XGMI or PF_MAX_REGION is 0)
 * @retval -EINVAL the node count or node id exceeds the part's limit, as the
 *         driver refuses it (device init fails)
 */
GMC_EXPORT int gmc_xgmi_info(const struct gmc_asic *asic, const struct gmc_regs *regs,
			     bool connected_to_cpu, struct gmc_xgmi *out, struct gmc_error *err);

/**
 * This node's offset in the hive, physical_node_id × node_segment_size: the
 * quantity a vGPU swap moves. The driver adds it to the FB base and to
 * vm_manager.vram_base_offset (gmc_v9_0_vram_gtt_location()), to fb_start
 * (amdgpu_bo_fb_aper_addr()), and the sysvm layout starts VRAM there
 * (gmc-address-math.md §2, §3, §4.2, §7).
 *
 * @param xgmi XGMI info as gmc_xgmi_info() fills it or a layout holds it;
 *             not kept
 * @return the offset in bytes, in the driver's u64 arithmetic (it wraps as
 *         the driver's does); 0 when the part has no XGMI, XGMI is off, or
 *         @p xgmi is NULL
 */
GMC_EXPORT uint64_t gmc_xgmi_node_offset(const struct gmc_xgmi *xgmi);

/** Which placement code produced the layout. */
enum gmc_mode {
	GMC_MODE_FB,		/**< vram_location + gart_location (+ agp_location) */
	GMC_MODE_SYSVM,		/**< sysvm_location for connected_to_cpu (PDB0) */
	GMC_MODE_SYSVM_MIGRATE, /**< sysvm_location with SR-IOV XGMI migration: vram_start 0 */
};

/**
 * The mode's name as the CLI prints it.
 *
 * @param mode a layout mode
 * @return "fb", "sysvm", "sysvm-migrate", or "unknown" for another value;
 *         a static string
 */
GMC_EXPORT const char *gmc_mode_name(enum gmc_mode mode);

/** Things the driver warns about while computing the layout. */
enum gmc_layout_flags {
	GMC_LAYOUT_GART_LIMITED = 1u << 0, /**< "limiting GART": the request did not fit */
	GMC_LAYOUT_AGP_ENABLED = 1u << 1,  /**< agp_location() ran */
};

/** The address map, field for field as struct amdgpu_gmc holds it. All bytes. */
struct gmc_layout {
	const struct gmc_asic *asic;
	enum gmc_mode mode;
	struct gmc_xgmi xgmi;
	uint64_t fb_start, fb_end; /**< FB aperture (hive-wide under XGMI) */
	uint64_t vram_start, vram_end;
	uint64_t mc_vram_size;	    /**< memsize: get_memsize() MiB << 20 */
	uint64_t real_vram_size;    /**< after vramlimit */
	uint64_t visible_vram_size; /**< CPU-visible, after the clamps */
	uint64_t gart_start, gart_end, gart_size;
	uint64_t agp_start, agp_end, agp_size; /**< 0xffffffffffff, 0, 0 when disabled */
	uint64_t vram_base_offset; /**< vm_manager.vram_base_offset (physical VRAM base) */
	uint64_t mc_mask;
	unsigned flags; /**< enum gmc_layout_flags */
};

/**
 * Compute the layout the driver would compute for these registers and
 * parameters: mc_init() then vram_gtt_location() of the part's GMC
 * generation. Never allocates.
 *
 * @param asic   the part
 * @param regs   raw register values
 * @param params memsize, BAR size and module parameters
 * @param[out] out the layout; untouched on failure
 * @param err    optional failure report
 * @retval 0 computed
 * @retval -EINVAL the driver refuses these registers (XGMI limits), or
 *         params->vram_size cannot come from RCC_CONFIG_MEMSIZE
 *         (gmc_vram_size_check())
 */
GMC_EXPORT int gmc_layout_compute(const struct gmc_asic *asic, const struct gmc_regs *regs,
				  const struct gmc_params *params, struct gmc_layout *out,
				  struct gmc_error *err);

#ifdef __cplusplus
}
#endif

#endif /* GMC_LAYOUT_H */
