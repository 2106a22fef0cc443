/* SPDX-License-Identifier: MIT */
/*
 * What the driver knows of a part besides its GC version: the IP versions
 * discovery pairs with it, whether it has display hardware, its
 * power-gating flags on bare metal, its XCC and VCN instance counts. The
 * catalog's conditions read these facts; a profile starts from the part's
 * defaults here and may override each one.
 */
#ifndef GMCSIM_SIM_PARTS_H
#define GMCSIM_SIM_PARTS_H

#include <stdbool.h>
#include <stdint.h>

/* How sure the pairing of an IP version with the GC version is. */
enum sim_fact_source {
	SIM_FACT_CODE = 0, /* read in the driver's code (a hard-coded table or switch) */
	SIM_FACT_DOC, /* the kernel's own documentation tables (Documentation/gpu/amdgpu CSV tables)
		       */
	SIM_FACT_INFERRED, /* inferred (firmware names in a dmesg, product knowledge): not read in
			      code */
};

struct sim_part_facts {
	uint32_t gc;	   /* GMC_IP_VERSION of the part */
	uint32_t mp0;	   /* PSP (MP0_HWIP) version */
	uint32_t mp1;	   /* SMU (MP1_HWIP) version */
	uint32_t vcn;	   /* VCN_HWIP version; 0: no VCN block (UVD/VCE parts) */
	uint32_t jpeg;	   /* JPEG block version; 0: none */
	bool display;	   /* amdgpu_device_has_display_hardware() on bare metal */
	bool vf_capable;   /* amdgpu_virt_init_detect_asic() can make it a VF */
	unsigned pg_flags; /* enum gmcsim_pg, bare metal */
	unsigned xcc;	   /* XCCs of the whole part (SPX) */
	unsigned vcn_inst; /* VCN instances of the whole part */
	enum sim_fact_source mp0_source;
};

/*
 * The facts of the part with GC version @gc, or NULL when the table lacks it;
 * gmcsim_part_defaults() is the public face of the same table.
 */
const struct sim_part_facts *sim_part_facts(uint32_t gc);

#endif /* GMCSIM_SIM_PARTS_H */
