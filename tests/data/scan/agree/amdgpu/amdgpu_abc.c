// SPDX-License-Identifier: MIT
/*
 * gmcsim scan test fixture: an amd directory (no kernel top above it) with
 * one made-up block, "abc", whose one kernel BO agree-block.json describes
 * exactly. Written in the driver's style; not kernel code.
 */
#include "amdgpu.h"

static int
abc_sw_init(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE,
				       AMDGPU_GEM_DOMAIN_VRAM | AMDGPU_GEM_DOMAIN_GTT,
				       &adev->abc.wptr_bo, &adev->abc.wptr_gpu_addr, NULL);
}

static int
abc_sw_fini(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	amdgpu_bo_free_kernel(&adev->abc.wptr_bo, &adev->abc.wptr_gpu_addr, NULL);
	return 0;
}

static int
abc_hw_init(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	WREG32(mmABC_WPTR_ADDR_LO, lower_32_bits(adev->abc.wptr_gpu_addr));
	WREG32(mmABC_WPTR_ADDR_HI, upper_32_bits(adev->abc.wptr_gpu_addr));
	return 0;
}

static int
abc_resume(void *handle)
{
	return abc_hw_init(handle);
}

static const struct amd_ip_funcs abc_ip_funcs = {
	.name = "abc",
	.sw_init = abc_sw_init,
	.sw_fini = abc_sw_fini,
	.hw_init = abc_hw_init,
	.resume = abc_resume,
};
