// SPDX-License-Identifier: MIT
/*
 * gmcsim scan test fixture: the device-level paths, cut down to what the
 * scan reads (not kernel code). A BO created here, outside the IP blocks'
 * hooks, counts as created at sw_init.
 */
#include "amdgpu.h"

/* (17) a device-level BO: created once per load */
static int
amdgpu_device_scratch_init(struct amdgpu_device *adev)
{
	return amdgpu_bo_create_kernel(adev, AMDGPU_GPU_PAGE_SIZE, PAGE_SIZE,
				       AMDGPU_GEM_DOMAIN_VRAM | AMDGPU_GEM_DOMAIN_GTT,
				       &adev->scratch.robj, &adev->scratch.gpu_addr, NULL);
}

static void
amdgpu_device_scratch_fini(struct amdgpu_device *adev)
{
	amdgpu_bo_free_kernel(&adev->scratch.robj, &adev->scratch.gpu_addr, NULL);
}

/* a consumer of the scratch address on every hw_init and resume */
void
amdgpu_device_program_scratch(struct amdgpu_device *adev)
{
	WREG32(mmSCRATCH_ADDR, adev->scratch.gpu_addr >> 12);
	/* (20) a copy of xyz's scratch (19), made in this file: it derives from
	 * adev->xyz.scratch, not from the device's adev->scratch of the same two
	 * last members */
	adev->xyz_fence_addr = adev->xyz.scratch.gpu_addr + 0x40;
	WREG32(mmXYZ_SCRATCH_FENCE, lower_32_bits(adev->xyz_fence_addr));
}

static int
amdgpu_device_ip_init(struct amdgpu_device *adev)
{
	int i, r;

	r = amdgpu_device_scratch_init(adev);
	if (r)
		return r;
	for (i = 0; i < adev->num_ip_blocks; i++) {
		r = adev->ip_blocks[i].version->funcs->sw_init((void *)adev);
		if (r)
			return r;
	}
	for (i = 0; i < adev->num_ip_blocks; i++) {
		r = adev->ip_blocks[i].version->funcs->hw_init((void *)adev);
		if (r)
			return r;
	}
	amdgpu_device_program_scratch(adev);
	return 0;
}

static int
amdgpu_device_ip_resume(struct amdgpu_device *adev)
{
	int i, r;

	amdgpu_device_program_scratch(adev);
	for (i = 0; i < adev->num_ip_blocks; i++) {
		r = adev->ip_blocks[i].version->funcs->resume(adev);
		if (r)
			return r;
	}
	return 0;
}

static void
amdgpu_device_ip_fini(struct amdgpu_device *adev)
{
	int i;

	for (i = adev->num_ip_blocks - 1; i >= 0; i--)
		adev->ip_blocks[i].version->funcs->sw_fini((void *)adev);
	amdgpu_device_scratch_fini(adev);
}

int
amdgpu_device_init(struct amdgpu_device *adev)
{
	return amdgpu_device_ip_init(adev);
}

int
amdgpu_device_resume(struct amdgpu_device *adev)
{
	return amdgpu_device_ip_resume(adev);
}

void
amdgpu_device_fini_sw(struct amdgpu_device *adev)
{
	amdgpu_device_ip_fini(adev);
}
