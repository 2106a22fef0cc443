/* SPDX-License-Identifier: MIT */
/*
 * The driver inputs of a layout (the part, the gmc_regs registers and the
 * gmc_params fields) as vGPU profiles and `gmcsim layout --batch` lines spell
 * them: one reader for both formats, so a value gets the same answer in
 * either. They differ only where a flag of enum sim_params_flags says so.
 */
#ifndef GMCSIM_SIM_PARAMS_H
#define GMCSIM_SIM_PARAMS_H

#include <gmc/gmc.h>

#include "util-json-read.h"

/** Where a format reads a field differently on purpose. A profile sets none. */
enum sim_params_flags {
	/**
	 * smu_prv_buffer_size may be any 64-bit value: params gets its low 32
	 * bits, as the driver's u32 keeps them, and smu_bytes the whole value for
	 * the caller's truncation warning (a reference vector gives 2^32).
	 * Without it the value must fit 32 bits: a profile keeps only
	 * struct gmc_params, and serializes what it keeps.
	 */
	SIM_PARAMS_SMU_64 = 1u << 0,
	/**
	 * The XGMI registers may hold any value on a part without XGMI: the
	 * driver never reads them there, so they change nothing, as the
	 * independent oracle (tests/oracle) models raw register values. Without
	 * it they must be 0 on such a part: in a profile, a value there is a
	 * mistake in the description of the vGPU.
	 */
	SIM_PARAMS_UNREAD_XGMI_REGS = 1u << 1,
};

/**
 * What the keys fill. Set asic, regs and params to the defaults (NULL, zeros,
 * gmc_params_init()) and flags before reading; copy them out after.
 */
struct sim_params_in {
	const struct gmc_asic *asic; /**< the part */
	struct gmc_regs regs;	     /**< raw register values */
	struct gmc_params params;    /**< the defaults stay for keys not given */
	unsigned flags;		     /**< enum sim_params_flags */
	const char *part_key;	     /**< set: "gc" or "asic", whichever was given */
	uint64_t smu_bytes;	     /**< set: smu_prv_buffer_size as given */
	bool have_vram_size;	     /**< set: vram_size was given */
	bool have_visible;	     /**< set: visible_vram_size was given */
	bool have_smu;		     /**< set: smu_prv_buffer_size was given */
};

/**
 * The part, exactly one of "gc" (a dotted GC version, "9.4.4") and "asic"
 * (a part name, "gc944"). Target: struct sim_params_in.
 */
extern const struct gmcsim_json_keys sim_params_part_keys;

/**
 * What the device reports: vram_size (memsize in bytes, a MiB count that
 * fits 32 bits; see SIM_PARAMS_ANY_VRAM_BYTES), sriov, connected_to_cpu,
 * and regs, an object of the five 32-bit registers by gmc_reg_name().
 * Target: struct sim_params_in.
 */
extern const struct gmcsim_json_keys sim_params_device_keys;

/**
 * What the driver is told: visible_vram_size (bytes, or "all" for
 * GMC_VISIBLE_ALL), gart_size_mb and agp (any int32: the driver's module
 * parameters are ints, and only agp 1 enables AGP), vramlimit_mb and
 * vis_vramlimit_mb (uint32), smu_prv_buffer_size (uint32 bytes, see
 * SIM_PARAMS_SMU_64), pre_6_17. Target: struct sim_params_in.
 */
extern const struct gmcsim_json_keys sim_params_driver_keys;

/**
 * The checks that need several keys, once the object is read: a part was
 * given; no XGMI register is set on a part whose driver never reads them
 * (unless SIM_PARAMS_UNREAD_XGMI_REGS);
 * vram_size was given, after the XGMI registers pass the driver's own check
 * (amdgpu_device_init() reads the XGMI info, and fails on it, before
 * mc_init() reads memsize).
 *
 * @retval 0 consistent
 * @retval -EINVAL the first fault, reported through @p js
 */
int sim_params_check(struct gmcsim_json *js, struct sim_params_in *in);

#endif /* GMCSIM_SIM_PARAMS_H */
