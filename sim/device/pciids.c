/* SPDX-License-Identifier: MIT */
/*
 * Device id -> ASIC for the parts the kernel still names by device id.
 *
 * amdgpu_drv.c's pciidlist[] lists explicit ids for SI through Beige Goby
 * and then catches every other 0x1002 display or accelerator function as
 * CHIP_IP_DISCOVERY (peers-and-pci.md §2.3). So this table knows only those
 * families; every newer part is identified by IP discovery (sysfs
 * ip_discovery), and an id missing here stays unknown: nothing is guessed
 * from id ranges or marketing names.
 *
 * The ids were copied from pciidlist[] in a 2025 mainline tree
 * (drivers/gpu/drm/amd/amdgpu/amdgpu_drv.c), one array per CHIP_* value in
 * the kernel's order. The GC version of a family comes from libgmc's part
 * of the same name (lib/asic.c); the kernel hard-codes those versions for
 * parts without a discovery table (amdgpu_discovery.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One row of ids per line, in the kernel's grouping. */
/* clang-format off */

/* --- GFX6 (SI) --- */
static const uint16_t tahiti[] = {
	0x6780, 0x6784, 0x6788, 0x678A, 0x6790, 0x6791, 0x6792,
	0x6798, 0x6799, 0x679A, 0x679B, 0x679E, 0x679F,
};
static const uint16_t pitcairn[] = {
	0x6800, 0x6801, 0x6802, 0x6806, 0x6808, 0x6809, 0x6810, 0x6811, 0x6816, 0x6817, 0x6818, 0x6819,
};
static const uint16_t oland[] = {
	0x6600, 0x6601, 0x6602, 0x6603, 0x6604, 0x6605, 0x6606, 0x6607, 0x6608,
	0x6610, 0x6611, 0x6613, 0x6617, 0x6620, 0x6621, 0x6623, 0x6631,
};
static const uint16_t verde[] = {
	0x6820, 0x6821, 0x6822, 0x6823, 0x6824, 0x6825, 0x6826, 0x6827, 0x6828, 0x6829, 0x682A, 0x682B,
	0x682C, 0x682D, 0x682F, 0x6830, 0x6831, 0x6835, 0x6837, 0x6838, 0x6839, 0x683B, 0x683D, 0x683F,
};
static const uint16_t hainan[] = {0x6660, 0x6663, 0x6664, 0x6665, 0x6667, 0x666F};

/* --- GFX7 (CIK) --- */
static const uint16_t kaveri[] = {
	0x1304, 0x1305, 0x1306, 0x1307, 0x1309, 0x130A, 0x130B, 0x130C, 0x130D, 0x130E, 0x130F,
	0x1310, 0x1311, 0x1312, 0x1313, 0x1315, 0x1316, 0x1317, 0x1318, 0x131B, 0x131C, 0x131D,
};
static const uint16_t bonaire[] = {
	0x6640, 0x6641, 0x6646, 0x6647, 0x6649, 0x6650, 0x6651, 0x6658, 0x665C, 0x665D, 0x665F,
};
static const uint16_t hawaii[] = {
	0x67A0, 0x67A1, 0x67A2, 0x67A8, 0x67A9, 0x67AA, 0x67B0, 0x67B1, 0x67B8, 0x67B9, 0x67BA, 0x67BE,
};
static const uint16_t kabini[] = {
	0x9830, 0x9831, 0x9832, 0x9833, 0x9834, 0x9835, 0x9836, 0x9837,
	0x9838, 0x9839, 0x983A, 0x983B, 0x983C, 0x983D, 0x983E, 0x983F,
};
static const uint16_t mullins[] = {
	0x9850, 0x9851, 0x9852, 0x9853, 0x9854, 0x9855, 0x9856, 0x9857,
	0x9858, 0x9859, 0x985A, 0x985B, 0x985C, 0x985D, 0x985E, 0x985F,
};

/* --- GFX8 (VI) --- */
static const uint16_t topaz[] = {0x6900, 0x6901, 0x6902, 0x6903, 0x6907};
static const uint16_t tonga[] = {
	0x6920, 0x6921, 0x6928, 0x6929, 0x692B, 0x692F, 0x6930, 0x6938, 0x6939,
};
static const uint16_t fiji[] = {0x7300, 0x730F};
static const uint16_t carrizo[] = {0x9870, 0x9874, 0x9875, 0x9876, 0x9877};
static const uint16_t stoney[] = {0x98E4};
static const uint16_t polaris11[] = {
	0x67E0, 0x67E3, 0x67E8, 0x67EB, 0x67EF, 0x67FF, 0x67E1, 0x67E7, 0x67E9,
};
static const uint16_t polaris10[] = {
	0x67C0, 0x67C1, 0x67C2, 0x67C4, 0x67C7, 0x67D0, 0x67DF,
	0x67C8, 0x67C9, 0x67CA, 0x67CC, 0x67CF, 0x6FDF,
};
static const uint16_t polaris12[] = {
	0x6980, 0x6981, 0x6985, 0x6986, 0x6987, 0x6995, 0x6997, 0x699F,
};
static const uint16_t vegam[] = {0x694C, 0x694E, 0x694F};

/* --- GFX9 --- */
static const uint16_t vega10[] = {
	0x6860, 0x6861, 0x6862, 0x6863, 0x6864, 0x6867, 0x6868, 0x6869,
	0x686A, 0x686B, 0x686C, 0x686D, 0x686E, 0x686F, 0x687F,
};
static const uint16_t vega12[] = {0x69A0, 0x69A1, 0x69A2, 0x69A3, 0x69AF};
static const uint16_t vega20[] = {0x66A0, 0x66A1, 0x66A2, 0x66A3, 0x66A4, 0x66A7, 0x66AF};
static const uint16_t raven[] = {0x15DD, 0x15D8};
static const uint16_t arcturus[] = {0x738C, 0x7388, 0x738E, 0x7390};
static const uint16_t renoir[] = {0x15E7, 0x1636, 0x1638, 0x164C};
static const uint16_t aldebaran[] = {0x7408, 0x740C, 0x740F, 0x7410};

/* --- GFX10 --- */
static const uint16_t navi10[] = {
	0x7310, 0x7312, 0x7318, 0x7319, 0x731A, 0x731B, 0x731E, 0x731F,
};
static const uint16_t navi14[] = {0x7340, 0x7341, 0x7347, 0x734F};
static const uint16_t navi12[] = {0x7360, 0x7362};
static const uint16_t sienna_cichlid[] = {
	0x73A0, 0x73A1, 0x73A2, 0x73A3, 0x73A5, 0x73A8, 0x73A9,
	0x73AB, 0x73AC, 0x73AD, 0x73AE, 0x73AF, 0x73BF,
};
static const uint16_t yellow_carp[] = {0x164D, 0x1681};
static const uint16_t navy_flounder[] = {
	0x73C0, 0x73C1, 0x73C3, 0x73DA, 0x73DB, 0x73DC, 0x73DD, 0x73DE, 0x73DF,
};
static const uint16_t dimgrey_cavefish[] = {
	0x73E0, 0x73E1, 0x73E2, 0x73E3, 0x73E8, 0x73E9, 0x73EA, 0x73EB, 0x73EC, 0x73ED, 0x73EF, 0x73FF,
};
static const uint16_t cyan_skillfish[] = {0x13DB, 0x13F9, 0x13FA, 0x13FB, 0x13FC, 0x13FE, 0x143F};
static const uint16_t beige_goby[] = {0x7420, 0x7421, 0x7422, 0x7423, 0x7424, 0x743F};

#define GFX6 "GFX6 (SI)"
#define GFX7 "GFX7 (CIK)"
#define GFX8 "GFX8 (VI)"

static const char not_modelled[] = "libgmc models gmc v9 to v12 only";

struct family {
	const char *chip;
	const char *generation;
	bool apu;
	const char *part; /* libgmc's part of that name, or NULL */
	const char *note; /* why part is NULL */
	const uint16_t *ids;
	size_t n;
};

#define FAMILY(chip, gen, apu, part, note)                                                         \
	{                                                                                          \
#chip, gen, apu, part, note, chip, N(chip)                                         \
	}

static const struct family families[] = {
	FAMILY(tahiti, GFX6, false, NULL, not_modelled),
	FAMILY(pitcairn, GFX6, false, NULL, not_modelled),
	FAMILY(oland, GFX6, false, NULL, not_modelled),
	FAMILY(verde, GFX6, false, NULL, not_modelled),
	FAMILY(hainan, GFX6, false, NULL, not_modelled),
	FAMILY(kaveri, GFX7, true, NULL, not_modelled),
	FAMILY(bonaire, GFX7, false, NULL, not_modelled),
	FAMILY(hawaii, GFX7, false, NULL, not_modelled),
	FAMILY(kabini, GFX7, true, NULL, not_modelled),
	FAMILY(mullins, GFX7, true, NULL, not_modelled),
	FAMILY(topaz, GFX8, false, NULL, not_modelled),
	FAMILY(tonga, GFX8, false, NULL, not_modelled),
	FAMILY(fiji, GFX8, false, NULL, not_modelled),
	FAMILY(carrizo, GFX8, true, NULL, not_modelled),
	FAMILY(stoney, GFX8, true, NULL, not_modelled),
	FAMILY(polaris11, GFX8, false, NULL, not_modelled),
	FAMILY(polaris10, GFX8, false, NULL, not_modelled),
	FAMILY(polaris12, GFX8, false, NULL, not_modelled),
	FAMILY(vegam, GFX8, false, NULL, not_modelled),
	FAMILY(vega10, "GFX9", false, "vega10", NULL),
	FAMILY(vega12, "GFX9", false, "vega12", NULL),
	FAMILY(vega20, "GFX9", false, "vega20", NULL),
	/*
	 * Raven, Raven2 and Picasso share these ids; the driver tells them
	 * apart by the revision (AMD_APU_IS_RAVEN2) and gives Raven2 GC 9.2.2,
	 * the others 9.1.0. The revision rule is not in the reference, so the
	 * id alone does not decide.
	 */
	FAMILY(raven, "GFX9", true, NULL,
	   "Raven, Raven2 and Picasso share this id (GC 9.1.0 or 9.2.2 by revision)"),
	FAMILY(arcturus, "GFX9", false, "arcturus", NULL),
	FAMILY(renoir, "GFX9", true, "renoir", NULL),
	FAMILY(aldebaran, "GFX9", false, "aldebaran", NULL),
	FAMILY(navi10, "GFX10", false, "navi10", NULL),
	FAMILY(navi14, "GFX10", false, "navi14", NULL),
	FAMILY(navi12, "GFX10", false, "navi12", NULL),
	FAMILY(sienna_cichlid, "GFX10", false, "sienna_cichlid", NULL),
	FAMILY(yellow_carp, "GFX10", true, "yellow_carp", NULL),
	FAMILY(navy_flounder, "GFX10", false, "navy_flounder", NULL),
	FAMILY(dimgrey_cavefish, "GFX10", false, "dimgrey_cavefish", NULL),
	FAMILY(cyan_skillfish, "GFX10", true, NULL, "Cyan Skillfish is not a modelled part"),
	FAMILY(beige_goby, "GFX10", false, "beige_goby", NULL),
};

/* clang-format on */

#define N_FAMILIES N(families)

/*
 * asic_type_quirks[]: Polaris10 parts that carry a Polaris11 id, told apart
 * by the revision (amdgpu_drv.c).
 */
static const struct {
	uint16_t device;
	uint8_t revision;
	const char *chip;
} quirks[] = {
	{ 0x67FF, 0xE3, "polaris10" },
	{ 0x67FF, 0xE7, "polaris10" },
	{ 0x67FF, 0xF3, "polaris10" },
	{ 0x67FF, 0xF7, "polaris10" },
};

/*
 * 0x73BF is Sienna Cichlid, but newer IP-discovery parts reuse it at some
 * revisions (peers-and-pci.md §2.3). These are the revisions of the
 * asic_type_quirks[] patch "differentiate between Navi21 and new asics with
 * the same DID" posted to amd-gfx; at them the id says nothing.
 */
static const uint8_t navi21_shared_revisions[] = {
	0x18, 0x19, 0xD2, 0xD4, 0xD5, 0xD6, 0xD8, 0xD9, 0xDA, 0xDB,
};
#define NAVI21_SHARED_ID 0x73BFu

static const struct family *
family_named(const char *chip)
{
	for (size_t i = 0; i < N_FAMILIES; i++) {
		if (strcmp(families[i].chip, chip) == 0)
			return &families[i];
	}
	return NULL;
}

static const struct family *
family_of(uint16_t device)
{
	for (size_t i = 0; i < N_FAMILIES; i++) {
		for (size_t j = 0; j < families[i].n; j++) {
			if (families[i].ids[j] == device)
				return &families[i];
		}
	}
	return NULL;
}

int
gmcsim_pciid_lookup(uint16_t device, uint8_t revision, struct gmcsim_pciid *out,
		    struct gmc_error *err)
{
	const struct family *f;
	const struct gmc_asic *asic = NULL;

	if (!out)
		return -EINVAL;
	if (device == NAVI21_SHARED_ID) {
		for (size_t i = 0; i < N(navi21_shared_revisions); i++) {
			if (navi21_shared_revisions[i] == revision)
				return gmcsim_fail(err, -ENOENT,
						   "device id 0x%04x at revision 0x%02x is shared "
						   "with newer parts: only IP discovery tells",
						   device, revision);
		}
	}
	f = family_of(device);
	for (size_t i = 0; f && i < N(quirks); i++) {
		if (quirks[i].device == device && quirks[i].revision == revision)
			f = family_named(quirks[i].chip);
	}
	if (!f)
		return gmcsim_fail(
			err, -ENOENT,
			"device id 0x%04x is not one of the kernel's explicit ids (an IP "
			"discovery part)",
			device);
	/* a part name the library does not know would be a table bug; the tests walk it */
	if (f->part && gmc_asic_find(f->part, &asic, NULL) != 0)
		asic = NULL;
	out->chip = f->chip;
	out->generation = f->generation;
	out->apu = f->apu;
	out->asic = asic;
	out->note = asic ? NULL : f->note;
	return 0;
}

size_t
gmcsim_pciid_count(void)
{
	size_t n = 0;

	for (size_t i = 0; i < N_FAMILIES; i++)
		n += families[i].n;
	return n;
}

uint16_t
gmcsim_pciid_at(size_t index)
{
	for (size_t i = 0; i < N_FAMILIES; i++) {
		if (index < families[i].n)
			return families[i].ids[index];
		index -= families[i].n;
	}
	return 0;
}

/* PCI base classes (PCI Code and ID Assignment Specification, §1). */
#define PCI_CLASS_DISPLAY 0x03u
#define PCI_CLASS_ACCELERATOR 0x12u

bool
gmcsim_pci_class_is_gpu(uint32_t device_class)
{
	unsigned base = (device_class >> 16) & 0xffu;

	return base == PCI_CLASS_DISPLAY || base == PCI_CLASS_ACCELERATOR;
}

const char *
gmcsim_pci_class_name(uint32_t device_class)
{
	static const char *const names[] = {
		"unclassified", "storage",    "network",	   "display",	  "multimedia",
		"memory",	"bridge",     "communication",	   "system",	  "input",
		"docking",	"processor",  "serial bus",	   "wireless",	  "intelligent I/O",
		"satellite",	"encryption", "signal processing", "accelerator", "instrumentation",
	};
	unsigned base = (device_class >> 16) & 0xffu;

	if (base < N(names))
		return names[base];
	if (base == 0x40)
		return "coprocessor";
	if (base == 0xff)
		return "unassigned";
	return "other";
}

const char *
gmcsim_gc_source_name(enum gmcsim_gc_source source)
{
	switch (source) {
	case GMCSIM_GC_IP_DISCOVERY:
		return "ip_discovery";
	case GMCSIM_GC_DEVICE_ID:
		return "device id";
	case GMCSIM_GC_USER:
		return "command line";
	case GMCSIM_GC_UNKNOWN:
	default:
		return "unknown";
	}
}

void
gmcsim_identify(uint16_t device, uint8_t revision, const struct gmcsim_ip_info *gc_ip,
		struct gmcsim_ident *out)
{
	struct gmc_error lookup = { 0 };
	char gc[16];

	memset(out, 0, sizeof(*out));
	out->in_table = gmcsim_pciid_lookup(device, revision, &out->id, &lookup) == 0;

	if (gc_ip && gc_ip->present) {
		/* IP discovery is what the kernel itself goes by */
		out->have_gc = true;
		out->gc = gc_ip->version;
		out->source = GMCSIM_GC_IP_DISCOVERY;
		if (gmc_asic_from_gc(out->gc, &out->asic, NULL) != 0) {
			out->asic = NULL;
			snprintf(out->note, sizeof(out->note),
				 "GC %u.%u.%u (from ip_discovery) is not a modelled part",
				 GMC_IP_MAJ(out->gc), GMC_IP_MIN(out->gc), GMC_IP_REV(out->gc));
		} else if (out->in_table && out->id.asic && out->id.asic != out->asic) {
			snprintf(out->note, sizeof(out->note),
				 "the device id names %s (GC %s) but ip_discovery says %u.%u.%u; "
				 "ip_discovery wins",
				 out->id.chip, gmc_asic_gc_string(out->id.asic, gc, sizeof(gc)),
				 GMC_IP_MAJ(out->gc), GMC_IP_MIN(out->gc), GMC_IP_REV(out->gc));
		}
		return;
	}
	if (out->in_table && out->id.asic) {
		out->asic = out->id.asic;
		out->have_gc = true;
		out->gc = gmc_asic_gc(out->asic);
		out->source = GMCSIM_GC_DEVICE_ID;
		return;
	}
	if (out->in_table)
		snprintf(out->note, sizeof(out->note), "device id 0x%04x is %s (%s): %s", device,
			 out->id.chip, out->id.generation, out->id.note ? out->id.note : "");
	else
		snprintf(out->note, sizeof(out->note),
			 "%.140s, and sysfs has no ip_discovery GC entry", lookup.message);
}
