/* SPDX-License-Identifier: MIT */
/*
 * libgmcsim internals for real devices (sim/device/): the device id table,
 * a device's sysfs directory, the libpciaccess probe and capture, the
 * probe report, and the imports from UMR logs and sysfs copies. Declared
 * here rather than in <gmc/gmcsim.h> so the ABI of the shared library does
 * not grow; the gmcsim tool and the tests link the static library and call
 * these directly.
 *
 * A call that can fail returns 0 or a negative errno, leaves its outputs
 * alone on failure unless its comment says otherwise, and fills an
 * optional struct gmc_error with a sentence; none prints except
 * gmcsim_probe_result_print(), to the stream it is given.
 */
#ifndef GMCSIM_DEVICE_H
#define GMCSIM_DEVICE_H

#include <stdio.h>

#include <gmc/gmcsim.h>

struct json_object;

/* ------------------------------------------------------------------ */
/* Device id -> ASIC (pciids.c)                                         */
/* ------------------------------------------------------------------ */

/** AMD's PCI vendor id. */
#define GMCSIM_PCI_VENDOR_AMD 0x1002u

/** What the kernel's pciidlist says about one device id. */
struct gmcsim_pciid {
	const char *chip;	/**< the kernel's CHIP_* name, lowercase: "vega20" */
	const char *generation; /**< "GFX6 (SI)", "GFX7 (CIK)", "GFX8 (VI)", "GFX9", "GFX10" */
	bool apu;		/**< AMD_IS_APU in the table */
	/** The part libgmc models, or NULL: not modelled, or the GC version depends on more than
	 * the id */
	const struct gmc_asic *asic;
	const char *note; /**< why @c asic is NULL, or NULL */
};

/**
 * Look up a device id (and revision, for the kernel's revision quirks).
 *
 * @param device   the PCI device id
 * @param revision the PCI revision id
 * @param[out] out what the table says; its strings are static
 * @param err      receives the reason (may be NULL)
 * @retval 0 the id is one of the kernel's explicit ids; @p out filled
 * @retval -ENOENT not an explicit id (or one newer parts share at this
 *         revision): the kernel identifies the part by IP discovery
 * @retval -EINVAL @p out is NULL
 */
int gmcsim_pciid_lookup(uint16_t device, uint8_t revision, struct gmcsim_pciid *out,
			struct gmc_error *err);

/**
 * The number of explicit ids in the table (tests walk it).
 *
 * @return how many ids gmcsim_pciid_at() walks
 */
size_t gmcsim_pciid_count(void);

/**
 * The id at @p index in table order (the kernel's, family by family).
 *
 * @param index from 0 to gmcsim_pciid_count() - 1
 * @return the device id, or 0 past the end
 */
uint16_t gmcsim_pciid_at(size_t index);

/**
 * Whether a PCI class code belongs to a GPU the amdgpu driver binds: display
 * (0x03xxxx) or processing accelerator (0x12xxxx), the classes of the
 * pciidlist catch-alls.
 *
 * @param device_class the 24-bit class code (base class, subclass, interface)
 * @return true for those two base classes
 */
bool gmcsim_pci_class_is_gpu(uint32_t device_class);

/**
 * A short name for the base class of a PCI class code.
 *
 * @param device_class the 24-bit class code
 * @return a static string: "display", "bridge", ..., "other" for a base
 *         class the PCI spec does not name
 */
const char *gmcsim_pci_class_name(uint32_t device_class);

/* ------------------------------------------------------------------ */
/* A device's sysfs directory (sysfs.c)                                 */
/* ------------------------------------------------------------------ */

/** Where libpciaccess and the kernel put the PCI devices. */
#define GMCSIM_SYSFS_PCI_ROOT "/sys/bus/pci/devices"

/** Most base addresses one IP instance lists (num_base_addresses). */
#define GMCSIM_IP_BASES_MAX 16

/** An optional sysfs attribute. */
struct gmcsim_sysfs_attr {
	bool present;		     /**< read, value holds it */
	int error;		     /**< 0, or the negative errno reading it failed with */
	char value[GMCSIM_NAME_MAX]; /**< trailing whitespace removed */
};

/** One IP instance from ip_discovery/die/0/<hw_id>/0. */
struct gmcsim_ip_info {
	bool present;
	uint32_t version; /**< GMC_IP_VERSION(major, minor, revision) */
	unsigned n_bases;
	uint32_t base[GMCSIM_IP_BASES_MAX]; /**< base_addr: dword addresses, index = SOC15 BASE_IDX
					     */
};

/** A raw line of the sysfs `resource` file. */
struct gmcsim_sysfs_resource {
	uint64_t start, end, flags;
};

/** What a device's sysfs directory holds. */
struct gmcsim_sysfs_device {
	char bus[GMCSIM_NAME_MAX]; /**< the directory name when it is a BDF, else "" */
	bool have_ids;		   /**< vendor, device, ... read (GMCSIM_SYSFS_IDS) */
	uint16_t vendor, device, subsystem_vendor, subsystem_device;
	uint8_t revision;
	bool have_class;
	uint32_t device_class;
	bool have_resource;
	struct gmcsim_sysfs_resource resource[GMCSIM_MAX_BARS];
	bool is_vf;		      /**< a `physfn` link is present */
	char physfn[GMCSIM_NAME_MAX]; /**< where it points (its last component), when readable */
	char driver[GMCSIM_NAME_MAX]; /**< the bound driver's name, "" when none */
	struct gmcsim_sysfs_attr serial_number, unique_id, xgmi_device_id, fru_id;
	struct gmcsim_sysfs_attr vram_total_text;
	bool have_vram_total;
	uint64_t vram_total; /**< mem_info_vram_total, bytes */
	struct gmcsim_ip_info gc, mmhub;
	char ip_note[GMCSIM_TEXT_MAX]; /**< why GC is absent, when ip_discovery exists */
};

/** Flags of gmcsim_sysfs_read(). */
enum gmcsim_sysfs_flags {
	GMCSIM_SYSFS_IDS =
		1u << 0, /**< require vendor, device, revision, subsystem ids, resource */
};

/**
 * Read the sysfs directory of one PCI function (or a copy of one).
 *
 * Optional attributes that are missing leave their fields empty; one that
 * exists but cannot be read is recorded with its errno. The directory
 * itself must be readable.
 *
 * @param dir   the directory, e.g. "/sys/bus/pci/devices/0000:43:00.0"
 * @param flags enum gmcsim_sysfs_flags
 * @param[out] out what the directory holds
 * @param err   receives the reason (may be NULL); it quotes the end of @p dir
 * @retval 0 read
 * @retval -EINVAL no @p dir given
 * @retval -ENOENT @p dir is missing or not a directory
 * @retval -EACCES (or another errno) @p dir cannot be read
 * @retval -EINVAL an id or the resource file is malformed (GMCSIM_SYSFS_IDS)
 */
int gmcsim_sysfs_read(const char *dir, unsigned flags, struct gmcsim_sysfs_device *out,
		      struct gmc_error *err);

/**
 * The BAR table of @p res as the profile holds it: unassigned regions
 * (start 0, as libpciaccess leaves them) are skipped; is_64 = flags & 4,
 * prefetchable = flags & 8 and I/O = flags & 1, the bits libpciaccess
 * decodes (peers-and-pci.md §2.1).
 *
 * @param res the first GMCSIM_MAX_BARS lines of the `resource` file
 * @param si  the part is SI (GFX6), whose BAR2 holds the MMIO registers
 * @param[out] pci its @c bars and @c n_bars are replaced; nothing else changes
 */
void gmcsim_sysfs_bars(const struct gmcsim_sysfs_resource res[GMCSIM_MAX_BARS], bool si,
		       struct gmcsim_pci *pci);

/**
 * The role of BAR @p index on an AMD GPU: BAR0 the VRAM aperture, BAR2 the
 * doorbell (the MMIO registers on SI), BAR5 the 32-bit non-prefetchable
 * MMIO BAR (peers-and-pci.md §2.1); I/O BARs and the rest are "other".
 *
 * @param index        the BAR number, 0 to 5
 * @param is_io        an I/O BAR
 * @param is_64        a 64-bit memory BAR
 * @param prefetchable a prefetchable memory BAR
 * @param si           the part is SI (GFX6)
 * @return the role
 */
enum gmcsim_bar_role gmcsim_bar_role_of(unsigned index, bool is_io, bool is_64, bool prefetchable,
					bool si);

/**
 * Parse a PCI address "DDDD:BB:DD.F" or "BB:DD.F" (domain 0) into the
 * canonical "%04x:%02x:%02x.%x" form.
 *
 * @param text the address (NULL or "" is refused)
 * @param[out] out receives the canonical form, cut to @p len - 1 bytes
 * @param len  the size of @p out (GMCSIM_NAME_MAX always suffices)
 * @retval 0 parsed
 * @retval -EINVAL not a PCI address
 */
int gmcsim_pci_bus_parse(const char *text, char *out, size_t len);

/**
 * @p path quotable in a message: through gmcsim_safe_text() when it has at
 * most GMCSIM_SAFE_TEXT_MAX characters, else "..." and its end, since the
 * device's directory is what a reader needs.
 *
 * @param path the path
 * @param q    receives the text: GMCSIM_SAFE_BUF bytes (util.h)
 * @return @p q
 */
const char *gmcsim_path_tail(const char *path, char *q);

/**
 * Why an attribute could not be used, for a message.
 *
 * @param attr the attribute gmcsim_sysfs_read() recorded
 * @return "longer than 63 bytes", "not printable ASCII", "malformed", the
 *         errno's text, "absent" when missing, "" when it was read
 */
const char *gmcsim_sysfs_attr_problem(const struct gmcsim_sysfs_attr *attr);

/* ------------------------------------------------------------------ */
/* Which part a device is (pciids.c)                                    */
/* ------------------------------------------------------------------ */

/** Where a GC version came from. */
enum gmcsim_gc_source {
	GMCSIM_GC_UNKNOWN = 0,
	GMCSIM_GC_IP_DISCOVERY, /**< sysfs ip_discovery/die/0/GC/0 */
	GMCSIM_GC_DEVICE_ID,	/**< the device id table */
	GMCSIM_GC_USER,		/**< given on the command line */
};

/**
 * The name of a GC version's source, as messages and the report print it.
 *
 * @param source where the version came from
 * @return "ip_discovery", "device id", "command line" or "unknown"
 */
const char *gmcsim_gc_source_name(enum gmcsim_gc_source source);

/** What is known of an AMD device's part. */
struct gmcsim_ident {
	bool in_table;		/**< the id is in the device id table */
	struct gmcsim_pciid id; /**< when in_table */
	bool have_gc;
	uint32_t gc; /**< GMC_IP_VERSION */
	enum gmcsim_gc_source source;
	const struct gmc_asic *asic;  /**< the part libgmc models, or NULL */
	char note[GMC_ERROR_MSG_MAX]; /**< why the part is unknown, or what disagreed */
};

/**
 * Identify an AMD device: the GC version from IP discovery when @p gc_ip
 * has one (the kernel's authority, peers-and-pci.md §2.3), else from the
 * device id table; unknown otherwise. Never fails.
 *
 * @param device   the PCI device id
 * @param revision the PCI revision id
 * @param gc_ip    the sysfs ip_discovery GC entry, or NULL
 * @param[out] out what is known; @c note says why the part is unknown or
 *                 not modelled, or what disagreed
 */
void gmcsim_identify(uint16_t device, uint8_t revision, const struct gmcsim_ip_info *gc_ip,
		     struct gmcsim_ident *out);

/* ------------------------------------------------------------------ */
/* Probing through libpciaccess (probe.c; probe-none.c without it)     */
/* ------------------------------------------------------------------ */

/** One AMD GPU function the probe found. */
struct gmcsim_probe_gpu {
	struct gmcsim_pci pci; /**< ids, bus, VF, BARs with their roles */
	uint32_t device_class;
	bool kernel_driver; /**< pci_device_has_kernel_driver() */
	int probe_error;    /**< pci_device_probe() failed with this (negative errno): no BARs */
	struct gmcsim_ident ident;	  /**< the part */
	struct gmcsim_sysfs_device sysfs; /**< identity, VRAM, ip_discovery, physfn */
};

/** Any other PCI function. */
struct gmcsim_probe_other {
	char bus[GMCSIM_NAME_MAX];
	uint16_t vendor, device;
	uint32_t device_class;
};

/** What gmcsim_probe_scan() found. */
struct gmcsim_probe_result {
	struct gmcsim_probe_gpu *gpus;
	size_t n_gpus;
	struct gmcsim_probe_other *others;
	size_t n_others;
};

/** How to probe. */
struct gmcsim_probe_opts {
	const char *sysfs_root;	   /**< NULL: GMCSIM_SYSFS_PCI_ROOT */
	bool read_registers;	   /**< capture: read the MC/XGMI registers from BAR5 */
	const struct gmc_asic *gc; /**< capture: the part, when the device does not say (not with
				      read_registers) */
	uint64_t vram_size; /**< capture: bytes, when sysfs has no mem_info_vram_total (0: none) */
	const char *name;   /**< capture: the profile's name (NULL: "probe-<bus>") */
};

/**
 * Enumerate every PCI function through libpciaccess and describe the AMD
 * GPUs (vendor 0x1002, display or accelerator class) with their sysfs
 * attributes. pci_system_init() is called once and pci_system_cleanup() on
 * every path.
 *
 * @param opts NULL, or where sysfs is (the capture fields are not used)
 * @param[out] out freed with gmcsim_probe_result_free()
 * @param err  receives the reason (may be NULL)
 * @retval 0 scanned (also when no AMD GPU is found)
 * @retval -ENOTSUP built without libpciaccess
 * @retval <0 pci_system_init() failed (its errno), the iterator could not be
 *         made (-ENOMEM), or a GPU's sysfs directory is unreadable
 */
int gmcsim_probe_scan(const struct gmcsim_probe_opts *opts, struct gmcsim_probe_result **out,
		      struct gmc_error *err);

/**
 * Free what gmcsim_probe_scan() returned.
 *
 * @param result the result, or NULL
 */
void gmcsim_probe_result_free(struct gmcsim_probe_result *result);

/**
 * Print @p result as `gmcsim probe` shows it (probe-report.c): each GPU
 * with its part, sysfs values and BAR table, or one line saying there is no
 * AMD GPU and the functions found instead.
 *
 * @param out    the stream
 * @param result what gmcsim_probe_scan() found
 * @retval 0 printed
 * @retval -EIO @p out reported an error
 */
int gmcsim_probe_result_print(FILE *out, const struct gmcsim_probe_result *result);

/**
 * @p result as JSON: {"sysfs_root", "gpus": [...], "others": [...]}
 * (probe-report.c).
 *
 * @param result     what gmcsim_probe_scan() found
 * @param sysfs_root the sysfs root it read, for the document
 * @param[out] out a new object the caller releases with json_object_put()
 * @retval 0 built
 * @retval -ENOMEM json-c could not allocate
 */
int gmcsim_probe_result_json(const struct gmcsim_probe_result *result, const char *sysfs_root,
			     struct json_object **out);

/** What a capture did, for the report. */
struct gmcsim_probe_capture_info {
	struct gmcsim_probe_gpu gpu;
	bool registers_read;
	bool reg_read[GMC_REG_COUNT];	    /**< this register was read */
	uint64_t reg_offset[GMC_REG_COUNT]; /**< its byte offset in the MMIO BAR */
	unsigned mmio_bar;		    /**< the BAR index mapped */
	/** The failure was the system's (libpciaccess, sysfs, memory), not the device's */
	bool system_error;
};

/**
 * Make a profile of the AMD GPU at PCI address @p bus ("0000:43:00.0" or
 * "43:00.0"). With @c opts->read_registers the MMIO BAR is mapped read-only
 * (map flags 0) and only the registers gmcsim_reg_location() names for the
 * part are read, at byte offset (base_addr[BASE_IDX] + dword) * 4.
 *
 * @param opts NULL, or how to capture
 * @param bus  the PCI address
 * @param[out] out  the profile; untouched on failure
 * @param[out] info what the capture did (may be NULL); after a failure
 *             @c system_error says whose it was
 * @param err  receives the reason (may be NULL)
 * @retval 0 captured
 * @retval -ENOTSUP built without libpciaccess
 * @retval -ENODEV no such function, or not an AMD GPU
 * @retval -ENOENT the GC version is unknown, or not modelled
 * @retval -EACCES reading registers needs root
 * @retval -ERANGE a register lies outside the MMIO BAR
 * @retval -EIO every register read 0xffffffff (the GPU is powered down)
 * @retval -EINVAL the device's values do not make a valid profile
 * @retval <0 a libpciaccess errno (ENOENT, E2BIG, EINVAL, EPERM from the map)
 */
int gmcsim_probe_capture(const struct gmcsim_probe_opts *opts, const char *bus,
			 struct gmcsim_profile *out, struct gmcsim_probe_capture_info *info,
			 struct gmc_error *err);

/* ------------------------------------------------------------------ */
/* Registers from a UMR log (import-umr.c)                             */
/* ------------------------------------------------------------------ */

/** The IP base addresses (sysfs base_addr) an import may use for offsets. */
struct gmcsim_ip_bases {
	struct gmcsim_ip_info gc, mmhub;
};

/** How an imported register was identified. */
enum gmcsim_umr_match {
	GMCSIM_UMR_NONE = 0,
	GMCSIM_UMR_OFFSET,   /**< its byte address is where the part has it */
	GMCSIM_UMR_NAME_HUB, /**< its name and hub ("mmhub_1_8_0.regMC_VM_...") */
	GMCSIM_UMR_NAME,     /**< its name alone, at one address only */
};

/** A line the import could not use, for the report. */
struct gmcsim_umr_unused {
	unsigned line;
	uint64_t address;
	char name[GMCSIM_NAME_MAX]; /**< the name comment ("" when none) */
	char why[GMCSIM_TEXT_MAX];
};

/** What a UMR log import found. */
struct gmcsim_umr_report {
	unsigned lines, mmio_lines;
	bool needed[GMC_REG_COUNT]; /**< the driver reads it on this part */
	bool found[GMC_REG_COUNT];
	enum gmcsim_umr_match how[GMC_REG_COUNT];
	unsigned line[GMC_REG_COUNT];		   /**< first line it came from */
	uint64_t address[GMC_REG_COUNT];	   /**< its byte address in the log */
	char note[GMC_REG_COUNT][GMCSIM_TEXT_MAX]; /**< why it is missing, or what looked odd */
	bool have_memsize;
	uint32_t memsize_mb;		  /**< RCC_CONFIG_MEMSIZE */
	struct gmcsim_umr_unused *unused; /**< MC/XGMI-looking lines not used */
	size_t n_unused;
	unsigned other_lines; /**< MMIO lines of other registers */
};

/**
 * Free what a report owns (not the report).
 *
 * @param rep the report gmcsim_umr_import() filled, a zeroed one, or NULL
 */
void gmcsim_umr_report_fini(struct gmcsim_umr_report *rep);

/**
 * The register's name in the kernel headers on @p asic, e.g.
 * "MC_VM_FB_OFFSET", "GCMC_VM_FB_OFFSET" (gmc v10, GC hub),
 * "MMMC_VM_FB_OFFSET" (gmc v11/v12) or "MC_VM_XGMI_LFB_CNTL_ALDE" (Aldebaran).
 *
 * @param asic the part, or NULL for the plain name
 * @param reg  the register ("?" when out of range)
 * @param buf  receives the name (40 bytes suffice)
 * @param len  the size of @p buf
 * @return @p buf
 */
const char *gmcsim_reg_hw_name(const struct gmc_asic *asic, enum gmc_reg reg, char *buf,
			       size_t len);

/** RCC_CONFIG_MEMSIZE: VRAM in MiB at absolute dword 0xde3 (peers-and-pci.md §2.3). */
#define GMCSIM_MEMSIZE_DWORD 0xde3u

/**
 * Pick the MC/XGMI registers @p asic's driver reads out of a UMR test log
 * (`MMIO@0x… = { 0x… } ; NAME` lines, peers-and-pci.md §1.1): by byte
 * address when @p bases gives the hub's base address, else by the name
 * comment. Missing registers are left 0 and reported; conflicting values
 * are an error.
 *
 * @param text  the log, NUL-terminated
 * @param asic  the part the log was taken on
 * @param bases NULL, or the IP base addresses
 * @param[out] regs the registers; untouched on failure
 * @param[out] rep  what was found and what was not used; release with
 *             gmcsim_umr_report_fini() (nothing to release after a failure)
 * @param err   receives the reason (may be NULL)
 * @retval 0 read (registers may be missing: see @p rep)
 * @retval -EINVAL a malformed MMIO line, two different values for one
 *         register, or a NULL argument
 * @retval -ENOMEM out of memory
 */
int gmcsim_umr_import(const char *text, const struct gmc_asic *asic,
		      const struct gmcsim_ip_bases *bases, struct gmc_regs *regs,
		      struct gmcsim_umr_report *rep, struct gmc_error *err);

/* ------------------------------------------------------------------ */
/* Profile fields from a sysfs copy (import-sysfs.c)                    */
/* ------------------------------------------------------------------ */

/**
 * Fill a profile from what a sysfs directory holds: the identity values,
 * the VRAM size (mem_info_vram_total) when there is one, the VF flag (and
 * sriov with it), the bus, and when @p dev has them (GMCSIM_SYSFS_IDS) the
 * PCI ids and the BAR table (and the visible VRAM size, BAR0's). @p p->asic
 * must be set; registers and names are left alone.
 *
 * @param dev what gmcsim_sysfs_read() found
 * @param p   the profile to fill; on failure some fields may be filled
 * @param err receives the reason (may be NULL)
 * @retval 0 filled
 * @retval -EINVAL an identity value exists but does not fit the profile
 *         (longer than 63 bytes, not printable, unreadable), the VRAM size is
 *         not a whole number of MiB, or a NULL argument
 */
int gmcsim_profile_from_sysfs(const struct gmcsim_sysfs_device *dev, struct gmcsim_profile *p,
			      struct gmc_error *err);

/* ------------------------------------------------------------------ */
/* A profile from a sysfs copy and/or a UMR log (import.c)              */
/* ------------------------------------------------------------------ */

/** What gmcsim_import() reads, and what the caller says about the device. */
struct gmcsim_import_opts {
	const char *umr_log; /**< a UMR --test-log file ("-": standard input), or NULL */
	const char *sysfs;   /**< a copy of the device's sysfs directory, or NULL */
	/** The part, or NULL: the sysfs copy's (then the copy is needed) */
	const struct gmc_asic *gc;
	/** Hub base addresses; a present hub wins over the copy's ip_discovery */
	struct gmcsim_ip_bases bases;
	bool sriov;	    /**< an SR-IOV VF (refused when the copy has no physfn link) */
	bool allow_missing; /**< gmcsim_import_complete() accepts registers the log lacks */
	uint64_t vram_size; /**< VRAM bytes; 0: the copy's, else the log's */
	const char *name;   /**< the profile's name; NULL: "import-<bus>", else "import-umr" */
};

/** What gmcsim_import() found, for the report. */
struct gmcsim_import_info {
	enum gmcsim_gc_source source; /**< where the part came from */
	struct gmcsim_umr_report umr; /**< the log's registers (all zero without a log) */
	/**
	 * The failure was reading an input (a missing or unreadable file or
	 * directory, memory), not what an input says
	 */
	bool system_error;
};

/**
 * Make a profile from a copy of a device's sysfs directory and/or a UMR
 * test log, as `gmcsim profile import` does:
 * - the part is @c opts->gc, which must agree with the copy's GC version,
 *   else the copy's (gmcsim_identify());
 * - the copy gives the identity values, VRAM size, VF flag, bus, PCI ids and
 *   BARs (gmcsim_profile_from_sysfs()); @c opts->sriov makes it a VF;
 * - the log gives the registers (gmcsim_umr_import()), by address where
 *   @c opts->bases or the copy's ip_discovery give the hub's base addresses;
 * - the VRAM size is @c opts->vram_size, else mem_info_vram_total, else the
 *   log's RCC_CONFIG_MEMSIZE;
 * - the name is @c opts->name, else "import-<bus>" from the copy, else
 *   "import-umr"; the description names the inputs.
 *
 * Registers the log lacks (left 0) and an unknown VRAM size (0) are not
 * failures here, so that a caller can report what was found first: ask
 * gmcsim_import_complete() before writing the profile.
 *
 * @param opts what to read; at least one of @c umr_log and @c sysfs
 * @param[out] out the profile; untouched on failure
 * @param[out] info what was found (may be NULL); after a failure only
 *             @c system_error holds; release with gmcsim_import_info_fini()
 * @param err  receives the reason (may be NULL)
 * @retval 0 imported
 * @retval -ENODEV the copy is not an AMD device
 * @retval -ENOENT the part is unknown or not modelled; @p err says what to give
 * @retval -EINVAL no input, or no part for a log alone; --gc disagrees with the
 *         copy; the copy's ids or identity values are malformed; sriov for a PF;
 *         a malformed log, or one giving a register two values
 * @retval <0 an input cannot be read (its errno): @c info->system_error
 */
int gmcsim_import(const struct gmcsim_import_opts *opts, struct gmcsim_profile *out,
		  struct gmcsim_import_info *info, struct gmc_error *err);

/**
 * Whether a profile gmcsim_import() made may be written: its VRAM size is
 * known, and the log gave every register the driver reads on the part
 * unless @c opts->allow_missing.
 *
 * @param opts the options of the import
 * @param p    the profile it made
 * @param info what it found
 * @param err  receives the reason (may be NULL)
 * @retval 0 complete
 * @retval -ENOENT the VRAM size is unknown, or registers are missing
 * @retval -EINVAL a NULL argument
 */
int gmcsim_import_complete(const struct gmcsim_import_opts *opts, const struct gmcsim_profile *p,
			   const struct gmcsim_import_info *info, struct gmc_error *err);

/** Free what @p info owns (not @p info); NULL and a zeroed info are fine. */
void gmcsim_import_info_fini(struct gmcsim_import_info *info);

#endif /* GMCSIM_DEVICE_H */
