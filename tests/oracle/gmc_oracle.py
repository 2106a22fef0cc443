"""Independent reference model (test oracle) of the amdgpu GMC address layout.

Written only from ../shared/reference/gmc-address-math.md (cited as "ref §N")
and the facts listed with the reference vectors; it deliberately shares no code
with libgmc.  `compute(input_dict)` takes one object in the
`gmcsim layout --batch` input format and returns the output object (without
the batch "line" key).

All driver arithmetic is unsigned 64-bit with wrap-around: every +, -, * and
shift below goes through the helpers add/sub/mul/shl, which mask to 64 bits.
"""

MASK64 = (1 << 64) - 1
U32_MAX = 0xFFFFFFFF

# ---------------------------------------------------------------------------
# unsigned 64-bit helpers
# ---------------------------------------------------------------------------


def add(*xs):
    r = 0
    for x in xs:
        r = (r + x) & MASK64
    return r


def sub(a, b):
    return (a - b) & MASK64


def mul(a, b):
    return (a * b) & MASK64


def shl(a, n):
    return (a << n) & MASK64


def align_up(x, a):
    """ALIGN(x, a) for a power of two a, wrapping like the C macro."""
    return add(x, a - 1) & (~(a - 1) & MASK64)


FOUR_GB = 1 << 32
SIXTEEN_GB = 1 << 34
MC_MASK = 0xFFFF_FFFF_FFFF                 # ref §3 / §4.3: 48-bit MC, v9..v12
HOLE_START = 0x0000_8000_0000_0000         # ref §4.3 AMDGPU_GMC_HOLE_START
HOLE_MASK = 0xFFFF_8000_0000_0000          # ref §7 amdgpu_gmc_sign_extend
PAGE_SIZE = 4096                           # ref §7 units: 4 KiB pages
AGP_DISABLED = (0xFFFF_FFFF_FFFF, 0, 0)    # ref §4.4 amdgpu_gmc_set_agp_default


def sign_extend(a):
    """ref §7 amdgpu_gmc_sign_extend."""
    return a | HOLE_MASK if a >= HOLE_START else a


class OracleError(Exception):
    def __init__(self, errno_name, message):
        super().__init__(message)
        self.errno_name = errno_name
        self.message = message


# ---------------------------------------------------------------------------
# ASIC table (facts from the brief; GART defaults ref §3 / §5 / §6;
# APU lists ref §3 / §5 / §6; XGMI parts and limits ref §2)
# ---------------------------------------------------------------------------

# XGMI descriptions, ref §1.1 field layouts and §2 limit table:
#   (region_mask, max_region_mask, max_region_shift, size_mask, max_nodes, max_id)
XGMI_VEGA20 = (0x07, 0x70, 4, 0xFFFF, 4, 3)        # gfxhub_v1_1, GC 9.2.1 fields
XGMI_ARCTURUS = (0x07, 0x70, 4, 0xFFFF, 8, 7)      # gfxhub_v1_1, GC 9.2.1 fields
# Aldebaran: 4-bit REGION/MAX (_ALDE masks) but the size extracted with the
# 16-bit GC 9.2.1 mask 0xFFFF (ref §1.1 and §2); limits 16 / 15.
XGMI_ALDEBARAN = (0x0F, 0xF0, 4, 0xFFFF, 16, 15)
XGMI_MULTI_AID = (0x0F, 0xF0, 4, 0x1FFFF, 8, 7)    # gfxhub_v1_2, GC 9.4.3 fields

# name: (gc, gmc, apu, xgmi)
ASICS = {
    "vega10":           ("9.0.1", 9, False, None),
    "vega12":           ("9.2.1", 9, False, None),
    "vega20":           ("9.4.0", 9, False, XGMI_VEGA20),
    "arcturus":         ("9.4.1", 9, False, XGMI_ARCTURUS),
    "aldebaran":        ("9.4.2", 9, False, XGMI_ALDEBARAN),
    "raven":            ("9.1.0", 9, True, None),
    "raven2":           ("9.2.2", 9, True, None),
    "renoir":           ("9.3.0", 9, True, None),
    "gc943":            ("9.4.3", 9, False, XGMI_MULTI_AID),
    "gc944":            ("9.4.4", 9, False, XGMI_MULTI_AID),
    "gc950":            ("9.5.0", 9, False, XGMI_MULTI_AID),
    "navi10":           ("10.1.10", 10, False, None),
    "navi14":           ("10.1.1", 10, False, None),
    "navi12":           ("10.1.2", 10, False, None),
    "sienna_cichlid":   ("10.3.0", 10, False, None),
    "vangogh":          ("10.3.1", 10, True, None),
    "navy_flounder":    ("10.3.2", 10, False, None),
    "yellow_carp":      ("10.3.3", 10, True, None),
    "dimgrey_cavefish": ("10.3.4", 10, False, None),
    "beige_goby":       ("10.3.5", 10, False, None),
    "gc1036":           ("10.3.6", 10, True, None),
    "gc1037":           ("10.3.7", 10, True, None),
    "gc1100":           ("11.0.0", 11, False, None),
    "gc1150":           ("11.5.0", 11, True, None),
    "gc1200":           ("12.0.0", 12, False, None),
}
GC_TO_ASIC = {v[0]: k for k, v in ASICS.items()}

# ref §2: gmc_v9_0_early_init() sets xgmi.connected_to_cpu (from the SMU) only
# for XGMI IP 6.1.0, Aldebaran; on every other part the driver's flag stays
# false, whatever the input says.
READS_CPU_LINK = {"9.4.2"}

# ref §3: 1024 MiB default GART for Raven / Raven2 / Renoir ("DCE SG support");
# ref §5: 1024 MiB for GC 10.3.1 / 10.3.3 / 10.3.6 / 10.3.7; else 512 MiB
# (ref §6 for v11 / v12).
GART_DEFAULT_1G = {"9.1.0", "9.2.2", "9.3.0", "10.3.1", "10.3.3", "10.3.6", "10.3.7"}


# ---------------------------------------------------------------------------
# input parsing (format from the brief)
# ---------------------------------------------------------------------------

INPUT_KEYS = {"asic", "gc", "regs", "vram_size", "visible_vram_size",
              "gart_size_mb", "agp", "vramlimit_mb", "vis_vramlimit_mb",
              "smu_prv_buffer_size", "sriov", "connected_to_cpu", "bo_offsets"}
REG_KEYS = ("fb_location_base", "fb_location_top", "fb_offset",
            "xgmi_lfb_cntl", "xgmi_lfb_size")


def _bad(msg):
    raise OracleError("EINVAL", msg)


def parse_int(v, what, lo, hi):
    """A JSON integer, or a string "0x<hex>" / "<decimal>" (optionally "-")."""
    if isinstance(v, bool):
        _bad("%s: expected an integer" % what)
    if isinstance(v, int):
        n = v
    elif isinstance(v, str):
        s = v
        neg = s.startswith("-")
        if neg:
            s = s[1:]
        if s[:2] in ("0x", "0X") and len(s) > 2 and all(c in "0123456789abcdefABCDEF" for c in s[2:]):
            n = int(s[2:], 16)
        elif s and all(c in "0123456789" for c in s):
            n = int(s, 10)
        else:
            _bad("%s: not an integer: %r" % (what, v))
        if neg:
            n = -n
    else:
        _bad("%s: expected an integer" % what)
    if n < lo or n > hi:
        _bad("%s: %d out of range" % (what, n))
    return n


def parse_bool(v, what):
    if not isinstance(v, bool):
        _bad("%s: expected true/false" % what)
    return v


def parse_input(d):
    if not isinstance(d, dict):
        _bad("input line is not a JSON object")
    for k in d:
        if k not in INPUT_KEYS:
            _bad("unknown key %r" % k)
    if ("asic" in d) == ("gc" in d):
        _bad("exactly one of 'asic' and 'gc' is required")
    if "asic" in d:
        name = d["asic"]
        if not isinstance(name, str) or name not in ASICS:
            _bad("unknown asic %r" % (name,))
    else:
        gc = d["gc"]
        if not isinstance(gc, str) or gc not in GC_TO_ASIC:
            _bad("unknown gc %r" % (gc,))
        name = GC_TO_ASIC[gc]

    regs_in = d.get("regs", {})
    if not isinstance(regs_in, dict):
        _bad("regs must be an object")
    for k in regs_in:
        if k not in REG_KEYS:
            _bad("unknown register %r" % k)
    regs = {k: parse_int(regs_in[k], k, 0, U32_MAX) if k in regs_in else 0
            for k in REG_KEYS}

    if "vram_size" not in d:
        _bad("vram_size is required")
    p = {"asic": name, "regs": regs}
    p["vram_size"] = parse_int(d["vram_size"], "vram_size", 0, MASK64)
    p["visible_vram_size"] = (parse_int(d["visible_vram_size"], "visible_vram_size", 0, MASK64)
                              if "visible_vram_size" in d else p["vram_size"])
    p["gart_size_mb"] = parse_int(d.get("gart_size_mb", -1), "gart_size_mb", -(1 << 31), (1 << 31) - 1)
    # amdgpu.agp is an int with no range check (ref §1.2: check_arguments touches
    # only gart_size); every user tests agp == 1 (ref §3, §4.4, §5, §6)
    p["agp"] = parse_int(d.get("agp", -1), "agp", -(1 << 31), (1 << 31) - 1)
    p["vramlimit_mb"] = parse_int(d.get("vramlimit_mb", U32_MAX), "vramlimit_mb", 0, U32_MAX)
    p["vis_vramlimit_mb"] = parse_int(d.get("vis_vramlimit_mb", 0), "vis_vramlimit_mb", 0, U32_MAX)
    p["smu_prv_buffer_size"] = parse_int(d.get("smu_prv_buffer_size", 0), "smu_prv_buffer_size", 0, MASK64)
    p["sriov"] = parse_bool(d.get("sriov", False), "sriov")
    p["connected_to_cpu"] = parse_bool(d.get("connected_to_cpu", False), "connected_to_cpu")
    bos = d.get("bo_offsets", [])
    if not isinstance(bos, list):
        _bad("bo_offsets must be an array")
    p["bo_offsets"] = []
    for i, v in enumerate(bos):
        off = parse_int(v, "bo_offsets[%d]" % i, 0, MASK64)
        if off % PAGE_SIZE:
            _bad("bo_offsets[%d] is not page-aligned" % i)
        p["bo_offsets"].append(off)
    return p


# ---------------------------------------------------------------------------
# the driver's arithmetic
# ---------------------------------------------------------------------------


class Gmc:
    """The subset of adev->gmc / xgmi / vm_manager state the layout needs."""

    def __init__(self):
        self.mc_mask = MC_MASK
        self.mc_vram_size = 0
        self.real_vram_size = 0
        self.visible_vram_size = 0
        self.fb_start = 0
        self.fb_end = 0
        self.vram_start = 0
        self.vram_end = 0
        self.gart_size = 0
        self.gart_start = 0
        self.gart_end = 0
        self.agp_start, self.agp_end, self.agp_size = AGP_DISABLED
        self.vram_base_offset = 0
        # struct amdgpu_xgmi (ref §2): all stay 0 on non-XGMI parts
        self.physical_node_id = 0
        self.num_physical_nodes = 0
        self.node_segment_size = 0


def get_xgmi_info(g, xgmi, regs, connected_to_cpu):
    """ref §2 common algorithm (gfxhub_v1_1 / gfxhub_v1_2 get_xgmi_info)."""
    region_mask, max_mask, max_shift, size_mask, max_nodes, max_id = xgmi
    cntl = regs["xgmi_lfb_cntl"]
    # step 1
    max_region = (cntl & max_mask) >> max_shift
    seg = shl(regs["xgmi_lfb_size"] & size_mask, 24)           # ref §1.2: 16 MiB units
    # step 2 (v1_1 / v1_2 also take the branch for connected_to_cpu)
    if max_region != 0 or connected_to_cpu:
        g.num_physical_nodes = max_region + 1
        if g.num_physical_nodes > max_nodes:
            raise OracleError("EINVAL", "xgmi: %d physical nodes > %d" % (g.num_physical_nodes, max_nodes))
        g.physical_node_id = cntl & region_mask
        if g.physical_node_id > max_id:
            raise OracleError("EINVAL", "xgmi: physical node id %d > %d" % (g.physical_node_id, max_id))
        g.node_segment_size = seg
    # step 3: PF_MAX_REGION == 0 -> xgmi disabled, everything stays 0


def vram_location(g, base, vramlimit_mb, vis_vramlimit_mb):
    """ref §4.1 amdgpu_gmc_vram_location."""
    limit = shl(vramlimit_mb, 20)
    vis_limit = shl(vis_vramlimit_mb, 20)
    g.vram_start = base
    g.vram_end = sub(add(g.vram_start, g.mc_vram_size), 1)     # uses mc_vram_size
    if limit < g.real_vram_size:
        g.real_vram_size = limit
    if vis_limit != 0 and vis_limit < g.visible_vram_size:
        g.visible_vram_size = vis_limit
    if g.real_vram_size < g.visible_vram_size:
        g.visible_vram_size = g.real_vram_size
    if g.num_physical_nodes == 0:
        g.fb_start = g.vram_start
        g.fb_end = g.vram_end


def sysvm_location(g, migrate):
    """ref §4.2 amdgpu_gmc_sysvm_location."""
    seg, n, nid = g.node_segment_size, g.num_physical_nodes, g.physical_node_id
    hive_vram_end = sub(mul(seg, n), 1)
    g.vram_start = mul(seg, nid)
    g.vram_end = sub(add(g.vram_start, seg), 1)
    g.gart_start = align_up(add(hive_vram_end, 1), FOUR_GB)
    g.gart_end = sub(add(g.gart_start, g.gart_size), 1)
    if migrate:
        g.vram_start = 0
        g.vram_end = sub(g.mc_vram_size, 1)
        g.visible_vram_size = min(g.visible_vram_size, g.real_vram_size)
        # fb_start / fb_end keep the FB_LOCATION register values
    else:
        g.fb_start = 0
        g.fb_end = hive_vram_end


PLACEMENT_BEST_FIT, PLACEMENT_HIGH, PLACEMENT_LOW = 0, 1, 2


def gart_location(g, placement):
    """ref §4.3 amdgpu_gmc_gart_location."""
    max_mc_address = min(g.mc_mask, HOLE_START - 1)
    size_bf = g.fb_start
    size_af = sub(add(max_mc_address, 1), align_up(add(g.fb_end, 1), FOUR_GB))
    if g.gart_size > max(size_bf, size_af):
        g.gart_size = max(size_bf, size_af)              # "limiting GART"
    high = add(sub(max_mc_address, g.gart_size), 1)
    if placement == PLACEMENT_HIGH:
        g.gart_start = high
    elif placement == PLACEMENT_LOW:
        g.gart_start = 0
    else:
        if (size_bf >= g.gart_size and size_bf < size_af) or size_af < g.gart_size:
            g.gart_start = 0
        else:
            g.gart_start = high
    g.gart_start &= ~(FOUR_GB - 1) & MASK64               # round down to 4 GiB
    g.gart_end = sub(add(g.gart_start, g.gart_size), 1)


def agp_location(g):
    """ref §4.4 amdgpu_gmc_agp_location."""
    mask = ~(SIXTEEN_GB - 1) & MASK64
    if g.fb_start > g.gart_start:
        size_bf = sub(g.fb_start & mask, align_up(add(g.gart_end, 1), SIXTEEN_GB))
        size_af = sub(add(g.mc_mask, 1), align_up(add(g.fb_end, 1), SIXTEEN_GB))
    else:
        size_bf = g.fb_start & mask
        size_af = sub(g.gart_start & mask, align_up(add(g.fb_end, 1), SIXTEEN_GB))
    if size_bf > size_af:
        g.agp_start = sub(g.fb_start, size_bf) & mask
        g.agp_size = size_bf
    else:
        g.agp_start = align_up(add(g.fb_end, 1), SIXTEEN_GB)
        g.agp_size = size_af
    g.agp_end = sub(add(g.agp_start, g.agp_size), 1)


MIB = 1 << 20
# peers-and-pci §2.3: VRAM size comes from mmRCC_CONFIG_MEMSIZE (a dword, 0xde3)
# in MiB; ref §1.2: mc_vram_size = memsize << 20. So only whole MiB below
# 2^32 MiB = 2^52 bytes can reach mc_init().
MEMSIZE_LIMIT = 1 << 52


def check_vram_size(vram_size):
    if vram_size >= MEMSIZE_LIMIT:
        raise OracleError("EINVAL", "vram_size %#x: 2^52 bytes or more does not fit a "
                          "32-bit MiB count" % vram_size)
    if vram_size % MIB:
        raise OracleError("EINVAL", "vram_size %#x is not a whole number of MiB" % vram_size)


def compute_layout(p):
    name = p["asic"]
    gc, gmc, apu, xgmi = ASICS[name]
    check_vram_size(p["vram_size"])
    regs = p["regs"]
    sriov = p["sriov"]
    # ref §2: the driver's connected_to_cpu is read on Aldebaran only.
    connected_to_cpu = p["connected_to_cpu"] and gc in READS_CPU_LINK
    g = Gmc()

    # ref §2: get_xgmi_info is called at device init when xgmi.supported;
    # a failure aborts probe. XGMI registers are ignored on other parts.
    if xgmi is not None:
        get_xgmi_info(g, xgmi, regs, connected_to_cpu)

    # ref §1.2 / §3 mc_init: mc_vram_size = memsize MiB << 20 (vram_size is
    # whole MiB, checked above); real_vram_size = mc_vram_size.
    g.mc_vram_size = p["vram_size"]
    g.real_vram_size = g.mc_vram_size

    # aperture size (the input visible_vram_size is the PCI BAR size)
    aper_size = p["visible_vram_size"]
    if gmc == 9:
        # ref §3: x86-64, (!SRIOV && APU && !passthrough) or
        # (xgmi.supported && connected_to_cpu) -> aper_size = real_vram_size
        if (not sriov and apu) or (xgmi is not None and connected_to_cpu):
            aper_size = g.real_vram_size
    elif gmc in (10, 11):
        # ref §5 / §6: APU && !passthrough, no SR-IOV test
        if apu:
            aper_size = g.real_vram_size
    g.visible_vram_size = aper_size
    if gmc == 11:
        # ref §6: v11 mc_init also clamps visible to real
        g.visible_vram_size = min(g.visible_vram_size, g.real_vram_size)

    # GART size: ref §3 (v9), §5 (v10), §6 (v11/v12)
    gart_mb = p["gart_size_mb"]
    if gart_mb != -1 and gart_mb < 32:     # amdgpu_device_check_arguments
        gart_mb = -1
    if gart_mb == -1:
        g.gart_size = (1024 if gc in GART_DEFAULT_1G else 512) << 20
    else:
        g.gart_size = shl(gart_mb, 20)
    if gmc == 9:
        # ref §3: gart_size += pm.smu_prv_buffer_size (a u32 in the driver)
        g.gart_size = add(g.gart_size, p["smu_prv_buffer_size"] & U32_MAX)

    fb_base = shl(regs["fb_location_base"] & 0x00FFFFFF, 24)   # ref §1.2
    fb_top = shl(regs["fb_location_top"] & 0x00FFFFFF, 24)
    fb_offset_reg = regs["fb_offset"]
    if gc == "11.5.0":
        fb_offset_reg &= 0x00FFFFFF      # ref §1.2: mmhub_v3_3 masks FB_OFFSET
    mc_fb_offset = shl(fb_offset_reg, 24)
    node_offset = mul(g.physical_node_id, g.node_segment_size)

    mode = "fb"
    agp_enabled = (not sriov) and p["agp"] == 1
    if gmc == 9:
        # ref §3 gmc_v9_0_vram_gtt_location
        # 1. amdgpu_gmc_set_agp_default (done in Gmc())
        # 2. mmhub get_fb_location, with the fb_start/fb_end side effect
        g.fb_start, g.fb_end = fb_base, fb_top
        # 3.
        base = add(fb_base, node_offset)
        # 4. amdgpu_gmc_is_pdb0_enabled = connected_to_cpu || migrate, where
        # ref §8 amdgpu_virt_xgmi_migrate_enabled = VF && GC 9.4.4 && seg != 0
        migrate = sriov and gc == "9.4.4" and g.node_segment_size != 0
        if connected_to_cpu or migrate:
            sysvm_location(g, migrate)
            mode = "sysvm-migrate" if migrate else "sysvm"
        else:
            vram_location(g, base, p["vramlimit_mb"], p["vis_vramlimit_mb"])
            gart_location(g, PLACEMENT_BEST_FIT)
            if agp_enabled:
                agp_location(g)
        # 5. no SR-IOV / APU special case in v9
        g.vram_base_offset = add(mc_fb_offset, node_offset)
    elif gmc == 10:
        # ref §5 gmc_v10_0_vram_gtt_location (fb_start/fb_end not set by the hub)
        base = add(fb_base, node_offset)
        vram_location(g, base, p["vramlimit_mb"], p["vis_vramlimit_mb"])
        gart_location(g, PLACEMENT_BEST_FIT)
        if agp_enabled:
            agp_location(g)
        g.vram_base_offset = add(mc_fb_offset, node_offset)
    else:
        # ref §6: v11 / v12, mmhub FB base and offset, no XGMI term
        vram_location(g, fb_base, p["vramlimit_mb"], p["vis_vramlimit_mb"])
        gart_location(g, PLACEMENT_HIGH if gmc == 11 else PLACEMENT_LOW)
        if agp_enabled and not (gmc == 11 and gc == "11.5.0"):   # v11: GC < 11.5.0 only
            agp_location(g)
        g.vram_base_offset = 0 if sriov else mc_fb_offset

    # BOs, ref §7: gpu_offset = sign_extend(vram_start + offset);
    # mc2pa: pa = mc - vram_start + vram_base_offset;
    # amdgpu_bo_fb_aper_addr = sign_extend(fb_start + id*seg + offset)
    bos = []
    for off in p["bo_offsets"]:
        mc = sign_extend(add(g.vram_start, off))
        pa = add(sub(mc, g.vram_start), g.vram_base_offset)
        fb_aper = sign_extend(add(g.fb_start, node_offset, off))
        bos.append({"offset": hex(off), "mc": hex(mc), "pa": hex(pa), "fb_aper": hex(fb_aper)})

    return {
        "ok": True,
        "asic": name,
        "gc": gc,
        "gmc": gmc,
        "mode": mode,
        "physical_node_id": g.physical_node_id,
        "num_physical_nodes": g.num_physical_nodes,
        "fb_start": hex(g.fb_start),
        "fb_end": hex(g.fb_end),
        "vram_start": hex(g.vram_start),
        "vram_end": hex(g.vram_end),
        "mc_vram_size": hex(g.mc_vram_size),
        "real_vram_size": hex(g.real_vram_size),
        "visible_vram_size": hex(g.visible_vram_size),
        "gart_start": hex(g.gart_start),
        "gart_end": hex(g.gart_end),
        "gart_size": hex(g.gart_size),
        "agp_start": hex(g.agp_start),
        "agp_end": hex(g.agp_end),
        "agp_size": hex(g.agp_size),
        "vram_base_offset": hex(g.vram_base_offset),
        "node_segment_size": hex(g.node_segment_size),
        "mc_mask": hex(g.mc_mask),
        "bo": bos,
    }


def compute(input_dict):
    """One input object -> one output object (without the batch "line")."""
    try:
        return compute_layout(parse_input(input_dict))
    except OracleError as e:
        return {"ok": False, "error": e.errno_name, "message": e.message}
