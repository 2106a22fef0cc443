// SPDX-License-Identifier: MIT
/*
 * gmcsim scan test fixture: a made-up IP block "xyz" in the driver's style.
 * Each kernel BO here exercises one thing the scan must recognise; the
 * comment above each create says which.
 */
#include "amdgpu.h"
#include "amdgpu_xyz.h"

/* (1) created in sw_init, the GPU address kept in a field, read on resume */
static int
xyz_ring_init(struct amdgpu_device *adev)
{
	int r;

	r = amdgpu_bo_create_kernel(adev, XYZ_RING_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT,
				    &adev->xyz.ring_bo, &adev->xyz.ring_gpu_addr,
				    &adev->xyz.ring_cpu_addr);
	if (r)
		return r;

	/* (7) a derived copy: the fence lives inside the ring BO */
	adev->xyz.fence_gpu_addr = adev->xyz.ring_gpu_addr + XYZ_FENCE_OFFSET;
	/* (21) */
	xyz_slot_init(&adev->xyz.slot, adev->xyz.ring_gpu_addr + XYZ_SLOT_OFFSET,
		      adev->xyz.ring_cpu_addr + XYZ_SLOT_OFFSET);
	return 0;
}

/* (21) a derived copy passed to a function that keeps it: the slot's
 * address is ring + XYZ_SLOT_OFFSET, stored by xyz_slot_init */
static void
xyz_slot_init(struct xyz_slot *slot, u64 mc_addr, void *kptr)
{
	slot->kptr = kptr;
	slot->mc_addr = mc_addr;
}

/* (2) created on the hw path, freed in hw_fini, which suspend calls: P1 */
static int
xyz_load_fw(struct amdgpu_device *adev)
{
	int r;

	r = amdgpu_bo_create_reserved(adev, adev->xyz.fw_size, PAGE_SIZE, AMDGPU_GEM_DOMAIN_VRAM,
				      &adev->xyz.fw_bo, &adev->xyz.fw_gpu_addr,
				      &adev->xyz.fw_cpu_addr);
	if (r)
		return r;

	WREG32(mmXYZ_FW_BASE_LO, lower_32_bits(adev->xyz.fw_gpu_addr));
	WREG32(mmXYZ_FW_BASE_HI, upper_32_bits(adev->xyz.fw_gpu_addr));
	amdgpu_bo_unreserve(adev->xyz.fw_bo);
	return 0;
}

/* (3) created again on every start without a free: P2. (4) a lazy create:
 * only while the pointer is NULL */
static int
xyz_start(struct amdgpu_device *adev)
{
	int r;

	r = amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE,
				    AMDGPU_GEM_DOMAIN_VRAM | AMDGPU_GEM_DOMAIN_GTT,
				    &adev->xyz.ctx_bo, &adev->xyz.ctx_gpu_addr, NULL);
	if (r)
		return r;

	if (!adev->xyz.tmr_bo) {
		r = amdgpu_bo_create_kernel(adev, 0x100000, 0x100000, AMDGPU_GEM_DOMAIN_VRAM,
					    &adev->xyz.tmr_bo, &adev->xyz.tmr_gpu_addr, NULL);
		if (r)
			return r;
	}

	WREG32(mmXYZ_CTX_BASE, adev->xyz.ctx_gpu_addr >> 8);
	WREG32(mmXYZ_TMR_BASE, adev->xyz.tmr_gpu_addr >> 8);
	return xyz_start_ring(adev);
}

/* (5) only on an SR-IOV VF: an early return on bare metal */
static int
xyz_mbox_init(struct amdgpu_device *adev)
{
	if (!amdgpu_sriov_vf(adev))
		return 0;

	return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_VRAM,
				       &adev->xyz.mbox_bo, &adev->xyz.mbox_gpu_addr, NULL);
}

/* (6) the domain chosen by a ternary: VRAM on a VF, GTT otherwise */
static int
xyz_log_init(struct amdgpu_device *adev)
{
	return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE,
				       amdgpu_sriov_vf(adev) ? AMDGPU_GEM_DOMAIN_VRAM
							     : AMDGPU_GEM_DOMAIN_GTT,
				       &adev->xyz.log_bo, &adev->xyz.log_gpu_addr, NULL);
}

/* (10) a helper that creates through its parameter, called from two hooks */
static int
xyz_alloc_buf(struct amdgpu_device *adev, struct xyz_buf *buf, unsigned int size)
{
	return amdgpu_bo_create_kernel(adev, size, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT, &buf->bo,
				       &buf->gpu_addr, &buf->cpu_addr);
}

static void
xyz_free_buf(struct xyz_buf *buf)
{
	amdgpu_bo_free_kernel(&buf->bo, &buf->gpu_addr, &buf->cpu_addr);
}

/* (11) only on two PSP versions: an IP-version switch */
static int
xyz_trace_init(struct amdgpu_device *adev)
{
	int r = 0;

	switch (amdgpu_ip_version(adev, MP0_HWIP, 0)) {
	case IP_VERSION(13, 0, 6):
	case IP_VERSION(13, 0, 14):
		r = amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT,
					    &adev->xyz.trace_bo, &adev->xyz.trace_gpu_addr, NULL);
		break;
	default:
		break;
	}
	return r;
}

/* (12) only with DPG power gating */
static int
xyz_sram_init(struct amdgpu_device *adev)
{
	if (adev->pg_flags & AMD_PG_SUPPORT_VCN_DPG)
		return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE,
					       AMDGPU_GEM_DOMAIN_VRAM | AMDGPU_GEM_DOMAIN_GTT,
					       &adev->xyz.sram_bo, &adev->xyz.sram_gpu_addr, NULL);
	return 0;
}

/* (13) transient: created and freed in one function */
static int
xyz_selftest(struct amdgpu_device *adev)
{
	struct amdgpu_bo *bo = NULL;
	u64 addr;
	int r;

	r = amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT, &bo, &addr,
				    NULL);
	if (r)
		return r;
	WREG32(mmXYZ_TEST_ADDR, lower_32_bits(addr));
	amdgpu_bo_free_kernel(&bo, &addr, NULL);
	return 0;
}

/* (14) nothing calls this: unreached */
int
xyz_debug_dump(struct amdgpu_device *adev)
{
	return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT,
				       &adev->xyz.dump_bo, &adev->xyz.dump_gpu_addr, NULL);
}

/* (15) amdgpu_bo_create() then amdgpu_bo_pin(), the address stored after */
static int
xyz_pt_init(struct amdgpu_device *adev)
{
	struct amdgpu_bo_param bp;
	int r;

	memset(&bp, 0, sizeof(bp));
	bp.size = PAGE_SIZE;
	bp.domain = AMDGPU_GEM_DOMAIN_VRAM;
	r = amdgpu_bo_create(adev, &bp, &adev->xyz.pt_bo);
	if (r)
		return r;
	r = amdgpu_bo_pin(adev->xyz.pt_bo, AMDGPU_GEM_DOMAIN_VRAM);
	if (r)
		return r;
	adev->xyz.pt_gpu_addr = amdgpu_bo_gpu_offset(adev->xyz.pt_bo);
	return 0;
}

/* the v1 implementation of the block's table */
static int
xyz_v1_init_queue(struct amdgpu_device *adev)
{
	/* (8) created through a function-pointer table */
	return amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE, AMDGPU_GEM_DOMAIN_GTT,
				       &adev->xyz.queue_bo, &adev->xyz.queue_gpu_addr, NULL);
}

static int
xyz_v1_start_ring(struct amdgpu_device *adev)
{
	/* (9) consumers on the resume path */
	WREG32(mmXYZ_RING_BASE, adev->xyz.ring_gpu_addr >> 8);
	WREG32(mmXYZ_FENCE_ADDR, lower_32_bits(adev->xyz.fence_gpu_addr));
	WREG32(mmXYZ_QUEUE_BASE, adev->xyz.queue_gpu_addr >> 8);
	WREG32(mmXYZ_CMD_BASE, adev->xyz.cmd.gpu_addr >> 8);
	WREG32(mmXYZ_EVENT_BASE, adev->xyz.event.gpu_addr >> 8);
	WREG32(mmXYZ_LOG_BASE, adev->xyz.log_gpu_addr >> 8);
	WREG32(mmXYZ_PT_BASE, adev->xyz.pt_gpu_addr >> 12);
	/* (18) a consumer only a VF runs */
	if (amdgpu_sriov_vf(adev))
		WREG32(mmXYZ_MBOX_BASE, adev->xyz.mbox_gpu_addr >> 8);
	WREG32(mmXYZ_TRACE_BASE, adev->xyz.trace_gpu_addr >> 8);
	WREG32(mmXYZ_SLOT_BASE, lower_32_bits(adev->xyz.slot.mc_addr));
	return 0;
}

static const struct xyz_funcs xyz_v1_funcs = {
	.init_queue = xyz_v1_init_queue,
	.start_ring = xyz_v1_start_ring,
};

static int
xyz_early_init(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	adev->xyz.funcs = &xyz_v1_funcs;
	return 0;
}

static int
xyz_sw_init(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;
	int r;

	r = xyz_ring_init(adev);
	if (r)
		return r;
	r = adev->xyz.funcs->init_queue(adev);
	if (r)
		return r;
	r = xyz_mbox_init(adev);
	if (r)
		return r;
	r = xyz_log_init(adev);
	if (r)
		return r;
	r = xyz_alloc_buf(adev, &adev->xyz.cmd, PAGE_SIZE);
	if (r)
		return r;
	/* (19) its last two members are those of the device's scratch: see (20) */
	r = xyz_alloc_buf(adev, &adev->xyz.scratch, PAGE_SIZE);
	if (r)
		return r;
	r = xyz_trace_init(adev);
	if (r)
		return r;
	r = xyz_sram_init(adev);
	if (r)
		return r;
	return xyz_pt_init(adev);
}

static int
xyz_sw_fini(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	amdgpu_bo_free_kernel(&adev->xyz.ring_bo, &adev->xyz.ring_gpu_addr,
			      &adev->xyz.ring_cpu_addr);
	amdgpu_bo_free_kernel(&adev->xyz.queue_bo, &adev->xyz.queue_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.ctx_bo, &adev->xyz.ctx_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.tmr_bo, &adev->xyz.tmr_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.mbox_bo, &adev->xyz.mbox_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.log_bo, &adev->xyz.log_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.trace_bo, &adev->xyz.trace_gpu_addr, NULL);
	amdgpu_bo_free_kernel(&adev->xyz.sram_bo, &adev->xyz.sram_gpu_addr, NULL);
	amdgpu_bo_unpin(adev->xyz.pt_bo);
	amdgpu_bo_unref(&adev->xyz.pt_bo);
	xyz_free_buf(&adev->xyz.cmd);
	xyz_free_buf(&adev->xyz.event);
	xyz_free_buf(&adev->xyz.scratch);
	return 0;
}

static int
xyz_hw_init(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;
	int r;

	r = xyz_load_fw(adev);
	if (r)
		return r;
	r = xyz_alloc_buf(adev, &adev->xyz.event, PAGE_SIZE);
	if (r)
		return r;
	r = xyz_selftest(adev);
	if (r)
		return r;
	return xyz_start(adev);
}

static int
xyz_hw_fini(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	amdgpu_bo_free_kernel(&adev->xyz.fw_bo, &adev->xyz.fw_gpu_addr, &adev->xyz.fw_cpu_addr);
	return 0;
}

static int
xyz_suspend(void *handle)
{
	return xyz_hw_fini(handle);
}

static int
xyz_resume(void *handle)
{
	struct amdgpu_device *adev = (struct amdgpu_device *)handle;

	/* (16) a fresh FB-aperture address on resume, as Linux 6.17 does */
	adev->xyz.log_gpu_addr = amdgpu_bo_fb_aper_addr(adev->xyz.log_bo);
	return xyz_hw_init(handle);
}

static const struct amd_ip_funcs xyz_ip_funcs = {
	.name = "xyz_v1_0",
	.early_init = xyz_early_init,
	.sw_init = xyz_sw_init,
	.sw_fini = xyz_sw_fini,
	.hw_init = xyz_hw_init,
	.hw_fini = xyz_hw_fini,
	.suspend = xyz_suspend,
	.resume = xyz_resume,
};

const struct amdgpu_ip_block_version xyz_v1_0_ip_block = {
	.type = AMD_IP_BLOCK_TYPE_XYZ,
	.major = 1,
	.minor = 0,
	.rev = 0,
	.funcs = &xyz_ip_funcs,
};
