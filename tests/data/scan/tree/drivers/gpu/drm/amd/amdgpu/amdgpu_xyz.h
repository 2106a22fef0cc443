/* SPDX-License-Identifier: MIT */
/*
 * gmcsim scan test fixture: a made-up IP block "xyz" written in the
 * driver's style (not kernel code). tests/cli/test-scan-cli.py states what
 * the scan must find here, line by line.
 */
#ifndef AMDGPU_XYZ_H
#define AMDGPU_XYZ_H

#define XYZ_RING_SIZE (4 * PAGE_SIZE)
#define XYZ_FENCE_OFFSET 0x100
#define XYZ_SLOT_OFFSET 0x200

struct xyz_buf {
	struct amdgpu_bo *bo;
	u64 gpu_addr;
	void *cpu_addr;
};

struct xyz_slot {
	u64 mc_addr;
	void *kptr;
};

/* the block's own function table, installed at early_init */
struct xyz_funcs {
	int (*init_queue)(struct amdgpu_device *adev);
	int (*start_ring)(struct amdgpu_device *adev);
};

/* calls through the table, as the driver's headers write them */
#define xyz_start_ring(adev) ((adev)->xyz.funcs->start_ring((adev)))

#endif
