#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the fuzzers' seed inputs and binary dictionaries from real cases.

Seeds come from the reference's worked examples (gmc-address-math.md §9),
the edge vectors (tests/data/layout-edge-vectors.jsonl) and the unit tests'
edge cases (tests/test-bo-*.c), encoded into each harness's input format
(described at the top of fuzz/fuzz-<target>.c; keep the two in step).

    fuzz/make-seeds.py OUTDIR            named seeds in OUTDIR/<target>/
    fuzz/make-seeds.py --dicts           rewrite fuzz/layout.dict and fuzz/bo-lifecycle.dict
    fuzz/make-seeds.py --name-merged DIR give the files of DIR/<target>/ that a
                                         libFuzzer -merge=1 named by their SHA-1
                                         back their seed names
    --gmcsim PATH                        check the part order against `gmcsim asics --json`

docs/fuzzing.md shows how seeds, a campaign's corpus and -merge=1 combine.
"""

import argparse
import hashlib
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EDGE_VECTORS = os.path.join(HERE, "..", "tests", "data", "layout-edge-vectors.jsonl")

# gmc_asic_at() order (lib/asic.c); a seed names its part by this index.
PARTS = [
    ("vega10", "9.0.1"), ("vega12", "9.2.1"), ("vega20", "9.4.0"), ("arcturus", "9.4.1"),
    ("aldebaran", "9.4.2"), ("raven", "9.1.0"), ("raven2", "9.2.2"), ("renoir", "9.3.0"),
    ("gc943", "9.4.3"), ("gc944", "9.4.4"), ("gc950", "9.5.0"), ("navi10", "10.1.10"),
    ("navi14", "10.1.1"), ("navi12", "10.1.2"), ("sienna_cichlid", "10.3.0"),
    ("vangogh", "10.3.1"), ("navy_flounder", "10.3.2"), ("yellow_carp", "10.3.3"),
    ("dimgrey_cavefish", "10.3.4"), ("beige_goby", "10.3.5"), ("gc1036", "10.3.6"),
    ("gc1037", "10.3.7"), ("gc1100", "11.0.0"), ("gc1150", "11.5.0"), ("gc1200", "12.0.0"),
]
REGS = ["fb_location_base", "fb_location_top", "fb_offset", "xgmi_lfb_cntl", "xgmi_lfb_size"]
U32 = 0xFFFFFFFF
U64 = 0xFFFFFFFFFFFFFFFF
VISIBLE_ALL = U64


def part_index(text):
    for i, (name, gc) in enumerate(PARTS):
        if text in (name, gc):
            return i
    return None


# --- layout ------------------------------------------------------------------------------

PDE_PTE = 1 << 54
PDE_PTE_GFX12 = 1 << 63
PTE_SYSTEM = 1 << 1


def layout_seed(part, regs=None, vram_size=0, visible=VISIBLE_ALL, gart_size_mb=-1, agp=-1,
                vramlimit_mb=U32, vis_vramlimit_mb=0, smu=0, sriov=False, cpu=False,
                pre_6_17=False, probes=()):
    """fuzz-layout.c's record: parameters XORed with their defaults, then probes."""
    regs = regs or {}
    flags = (1 if sriov else 0) | (2 if cpu else 0) | (4 if pre_6_17 else 0)
    out = struct.pack("<BB", part_index(part), flags)
    out += struct.pack("<5I", *[regs.get(r, 0) & U32 for r in REGS])
    out += struct.pack("<QQ", vram_size & U64, (visible & U64) ^ VISIBLE_ALL)
    out += struct.pack("<II", (gart_size_mb & U32) ^ U32, (agp & U32) ^ U32)
    out += struct.pack("<III", (vramlimit_mb & U32) ^ U32, vis_vramlimit_mb & U32, smu & U32)
    for value, pde_flags in probes:
        out += struct.pack("<QQ", value & U64, pde_flags & U64)
    return out


def num(v):
    if isinstance(v, bool):
        raise ValueError("boolean")
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        return int(v, 0)
    raise ValueError(repr(v))


def layout_from_vector(inp):
    """An edge vector's input as a layout seed, or None when it is not encodable."""
    part = inp.get("gc", inp.get("asic"))
    if part is None or part_index(part) is None:
        return None
    try:
        regs = {k: num(v) for k, v in inp.get("regs", {}).items()}
        args = {
            "vram_size": num(inp.get("vram_size", 0)),
            "visible": num(inp.get("visible_vram_size", VISIBLE_ALL)),
            "gart_size_mb": num(inp.get("gart_size_mb", -1)),
            "agp": num(inp.get("agp", -1)),
            "vramlimit_mb": num(inp.get("vramlimit_mb", U32)),
            "vis_vramlimit_mb": num(inp.get("vis_vramlimit_mb", 0)),
            "smu": num(inp.get("smu_prv_buffer_size", 0)),
        }
        offsets = [num(o) for o in inp.get("bo_offsets", [])]
    except ValueError:
        return None
    probes = [(o, 0) for o in offsets[:4]]
    return layout_seed(part, regs, sriov=inp.get("sriov") is True,
                       cpu=inp.get("connected_to_cpu") is True, probes=probes, **args)


def layout_seeds():
    seeds = {}
    # §9 example 1: Vega20 hive of 4, node 2; BO at page 0x1234; agp=1 variant
    ex1 = dict(regs={"fb_location_base": 0x8000, "fb_location_top": 0x9FFF,
                     "xgmi_lfb_cntl": 0x32, "xgmi_lfb_size": 0x800},
               vram_size=32752 << 20, visible=32 << 30)
    seeds["ex1-vega20-hive-node2"] = layout_seed(
        "vega20", probes=[(0x1234000, 0), (0x90_0123_4000, 0), (0x90_0123_4000, PDE_PTE)],
        **ex1)
    seeds["ex1-vega20-hive-agp"] = layout_seed("vega20", agp=1, **ex1)
    # §9 example 2: Navi21 16 GiB; AGP address of dma 0x1_2345_6000; 2b gmc v11, 2c gmc v12
    ex2 = dict(regs={"fb_location_base": 0x8000}, vram_size=16384 << 20)
    seeds["ex2-navi21"] = layout_seed("sienna_cichlid", probes=[(0x100000, 0)], **ex2)
    seeds["ex2-navi21-agp-dma"] = layout_seed(
        "sienna_cichlid", agp=1, probes=[(0x1_2345_6000, PTE_SYSTEM)], **ex2)
    seeds["ex2b-gc1100-gart-high"] = layout_seed(
        "gc1100", probes=[(0x7FFF_1FFF_F000, 0), (0x8000_0000_1000, 0)], **ex2)
    seeds["ex2b-gc1100-agp"] = layout_seed("gc1100", agp=1, **ex2)
    seeds["ex2c-gc1200-gart-low"] = layout_seed(
        "gc1200", probes=[(0x100000, PDE_PTE_GFX12)], **ex2)
    # §9 example 3: Aldebaran connected to the CPU, node 5 of 8, 64 GiB segments
    seeds["ex3-aldebaran-sysvm"] = layout_seed(
        "aldebaran", regs={"fb_offset": 0x20000, "xgmi_lfb_cntl": 0x75, "xgmi_lfb_size": 0x1000},
        vram_size=64 << 30, cpu=True, probes=[(0x400000, 0), (0x50_0040_0000, 0)])
    # §9 example 4: GC 9.4.4 VF migrating node 2 -> 5; and the pre-6.17 unaligned GART
    for node, cntl in (("node2", 0x72), ("node5", 0x75)):
        seeds["ex4-gc944-migrate-" + node] = layout_seed(
            "gc944", regs={"fb_location_base": 0x1000, "xgmi_lfb_cntl": cntl,
                           "xgmi_lfb_size": 0x17F8},
            vram_size=0x17_F000_0000, sriov=True, probes=[(0x400000, 0)])
    seeds["ex4-gc944-pre-6-17"] = layout_seed(
        "gc944", regs={"fb_location_base": 0x1000, "xgmi_lfb_cntl": 0x72, "xgmi_lfb_size": 0x17F8},
        vram_size=0x17_F000_0000, sriov=True, pre_6_17=True)
    # wraps the driver does not check: FB at the top of the MC space, a zero segment
    seeds["edge-fb-top-of-mc"] = layout_seed(
        "vega10", regs={"fb_location_base": 0xFFFF00, "fb_location_top": 0xFFFFFF},
        vram_size=16 << 30)
    seeds["edge-sysvm-zero-segment"] = layout_seed(
        "aldebaran", regs={"xgmi_lfb_cntl": 0x10}, vram_size=1 << 30, cpu=True)
    seeds["edge-bad-agp"] = layout_seed("vega10", agp=2)
    for i, line in enumerate(open(EDGE_VECTORS)):
        seed = layout_from_vector(json.loads(line)["input"])
        if seed is not None:
            seeds["edge-vector-%02d" % (i + 1)] = seed
    return seeds


# --- bo-lifecycle -------------------------------------------------------------------------

# enum op of fuzz-bo-lifecycle.c
(CREATE_KERNEL, CREATE_RESERVED, CREATE_KERNEL_AT, FREE_KERNEL, RESERVE, UNRESERVE, PIN, UNPIN,
 KMAP, KUNMAP, GPU_OFFSET, FB_APER_ADDR, VRAM_PA, FAIL_NEXT, SUSPEND, SET_LAYOUT, SET_BAR,
 RESUME, ADDR_PLUS, ADDR_MC2PA, REF, UNREF, SET_IN_SUSPEND, EVENTS_CLEAR, ADDR_COPY,
 CHECK_WITH) = range(26)
# the harness's layouts
(L_VEGA20_N2, L_VEGA20_N3, L_GC944_N2, L_GC944_N5, L_NAVI21_64M, L_NAVI21_48M, L_GC1100,
 L_ALDEBARAN) = range(8)
VRAM, GTT = 1, 2
GPU, CPU = 0x4, 0x8
# enum gmc_fail_point
F_CREATE, F_RESERVE, F_PIN, F_ALLOC_GART, F_KMAP = range(5)
# inject_errors[] of fuzz-bo-lifecycle.c
E_ENOMEM, E_EIO, E_ENOSPC = 0, 1, 2


def op(code, a=0, b=0, c=0, v=0):
    return struct.pack("<BBBBI", code, a, b, c, v & U32)


def sa(slot, held=0):
    """The a byte: BO slot in bits 3:0, held-address slot in bits 7:4."""
    return (held << 4) | slot


def create(slot, held, size, domain=VRAM, gpu=True, cpu=False, reserved=False):
    pages = size >> 12
    return op(CREATE_RESERVED if reserved else CREATE_KERNEL, sa(slot, held),
              domain | (GPU if gpu else 0) | (CPU if cpu else 0), 12, pages)


def kernel_at(slot, held, offset, size, cpu=False):
    """The offset in pages (v); the size as b << c bytes."""
    shift = 12
    while size >> shift > 0xFF:
        shift += 1
    assert (size >> shift) << shift == size
    return op(CREATE_KERNEL_AT, sa(slot, held), size >> shift, shift | (0x40 if cpu else 0),
              offset >> 12)


def bo_seed(layout, *ops):
    return bytes([layout]) + b"".join(ops)


def bo_seeds():
    K64 = 64 << 10
    seeds = {}
    # RFC pattern 1: create in hw_init, free in suspend, create again in resume
    seeds["rfc-pattern1-free-in-suspend"] = bo_seed(
        L_GC944_N2, create(0, 0, K64, cpu=True), op(SUSPEND), op(FREE_KERNEL, sa(0, 0), 3),
        op(SET_LAYOUT, b=L_GC944_N5), op(RESUME), create(0, 0, K64, cpu=True),
        op(GPU_OFFSET, sa(0, 2)))
    # RFC pattern 2: create again in resume without freeing: pin_count 2
    seeds["rfc-pattern2-recreate-pin-count"] = bo_seed(
        L_GC944_N2, create(0, 0, K64), op(SUSPEND), op(SET_LAYOUT, b=L_GC944_N5), op(RESUME),
        create(0, 2, K64), op(FREE_KERNEL, sa(0, 0), 1))
    # RFC pattern 3: create once, cache every address, swap the vGPU under it
    seeds["rfc-pattern3-cached-addresses"] = bo_seed(
        L_GC944_N2, create(0, 0, K64, cpu=True), op(VRAM_PA, sa(0, 2)),
        op(FB_APER_ADDR, sa(0, 3)), op(ADDR_MC2PA, sa(0, 0), 4), op(SUSPEND),
        op(SET_LAYOUT, b=L_GC944_N5), op(SET_BAR, c=20, v=0xE000), op(RESUME),
        op(CHECK_WITH, b=L_GC944_N2))
    seeds["vega20-hive-node-swap"] = bo_seed(
        L_VEGA20_N2, create(0, 0, K64, cpu=True), create(1, 2, 1 << 20, domain=GTT, cpu=True),
        op(VRAM_PA, sa(0, 4)), op(ADDR_PLUS, sa(0, 0), v=0x100), op(SUSPEND),
        op(SET_LAYOUT, b=L_VEGA20_N3), op(RESUME), op(ADDR_COPY, sa(0, 0), 5))
    seeds["aldebaran-sysvm"] = bo_seed(
        L_ALDEBARAN, create(0, 0, K64, cpu=True), op(VRAM_PA, sa(0, 2)),
        op(FB_APER_ADDR, sa(0, 3)), op(SET_BAR, c=30, v=0x40))
    seeds["gc1100-gart-high"] = bo_seed(
        L_GC1100, create(0, 0, K64, domain=GTT, cpu=True), op(GPU_OFFSET, sa(0, 2)),
        op(FB_APER_ADDR, sa(0, 3)))
    # tests/test-bo-create.c: create_kernel_at over an occupied range is released pinned
    seeds["kernel-at-occupied-released-pinned"] = bo_seed(
        L_GC944_N2, kernel_at(0, 0, 0x400000, K64), kernel_at(1, 0, 0x408000, K64),
        kernel_at(1, 0, 0x17F0000000 - 4096, 8192))
    seeds["kernel-at-unaligned-with-cpu"] = bo_seed(
        L_NAVI21_64M, op(CREATE_KERNEL_AT, sa(0, 1), 1, 12 | 0x80 | 0x40, 0x400))
    # tests/test-bo-pin.c: unpin at pin_count 0 subtracts the accounting again
    seeds["unpin-underflow"] = bo_seed(
        L_NAVI21_64M, create(0, 0, K64), op(RESERVE, sa(0)), op(UNPIN, sa(0)), op(UNPIN, sa(0)),
        op(UNRESERVE, sa(0)))
    # size 0 drops the reference without unpinning: released pinned
    seeds["size-zero-create-releases-pinned"] = bo_seed(
        L_NAVI21_64M, create(0, 0, K64), op(REF, sa(0), 1), create(0, 1, 0), op(UNREF, b=1))
    seeds["free-in-suspend"] = bo_seed(
        L_NAVI21_64M, create(0, 0, K64), op(SET_IN_SUSPEND, b=1), op(FREE_KERNEL, sa(0, 0), 1))
    # visible VRAM fills, CPU-accessible BOs fall back to GTT
    seeds["visible-full-gtt-fallback"] = bo_seed(
        L_NAVI21_64M, create(0, 0, 8 << 20, domain=VRAM | GTT, cpu=True),
        create(1, 2, 8 << 20, domain=VRAM | GTT, cpu=True),
        create(2, 4, 8 << 20, domain=VRAM | GTT, cpu=True), op(KMAP, sa(2, 6)),
        create(3, 8, 64 << 20, domain=VRAM | GTT))
    # tests/test-addr.c: a BO evicted and pinned into GTT: its physical address is stale
    seeds["evicted-bo-moves-to-gtt"] = bo_seed(
        L_NAVI21_64M, create(0, 0, 4096, domain=VRAM | GTT), op(VRAM_PA, sa(0, 1)),
        op(FB_APER_ADDR, sa(0, 2)), op(RESERVE, sa(0)), op(UNPIN, sa(0)), op(SUSPEND),
        op(PIN, sa(0), GTT), op(UNRESERVE, sa(0)), op(GPU_OFFSET, sa(0, 3)))
    # tests/test-bo-suspend.c: resume finds no room on a smaller VF, then retries
    seeds["resume-no-room-retries"] = bo_seed(
        L_NAVI21_64M, create(0, 0, 40 << 20, domain=VRAM | GTT, gpu=False),
        op(RESERVE, sa(0)), op(UNPIN, sa(0)), op(UNRESERVE, sa(0)),
        create(1, 1, 16 << 20, gpu=False), op(SUSPEND), op(SET_LAYOUT, b=L_NAVI21_48M),
        op(RESUME), op(FREE_KERNEL, sa(1)), op(SUSPEND), op(RESUME))
    seeds["set-layout-busy"] = bo_seed(
        L_NAVI21_64M, kernel_at(0, 0, 60 << 20, 1 << 20), op(SET_LAYOUT, b=L_NAVI21_48M),
        op(FREE_KERNEL, sa(0)), op(SET_LAYOUT, b=L_NAVI21_48M))
    # every failure-injection point, through the create helpers' error paths
    seeds["fail-injection-every-point"] = bo_seed(
        L_NAVI21_64M,
        op(FAIL_NEXT, b=F_CREATE, v=E_ENOMEM), create(0, 0, K64),
        op(FAIL_NEXT, b=F_PIN, v=E_ENOSPC), create(0, 0, K64),
        op(FAIL_NEXT, b=F_ALLOC_GART, v=E_EIO), create(0, 0, K64),
        op(FAIL_NEXT, b=F_KMAP, v=E_EIO), create(0, 0, K64, cpu=True),
        create(1, 2, K64), op(FAIL_NEXT, b=F_RESERVE, v=E_EIO), op(FREE_KERNEL, sa(1, 2), 1),
        op(FAIL_NEXT, b=5, v=E_EIO), op(FAIL_NEXT, b=F_PIN, v=6))
    # an existing BO created without a CPU pointer asked for one: -EPERM from kmap
    seeds["recreate-with-cpu-eperm"] = bo_seed(
        L_NAVI21_64M, create(0, 0, K64), create(0, 0, K64, cpu=True), op(KMAP, sa(0, 1)))
    seeds["bad-size-align-domain"] = bo_seed(
        L_NAVI21_64M, op(CREATE_KERNEL, sa(0), 0xF1, 31, U32), op(CREATE_KERNEL, sa(0), 0, 0, 1),
        op(CREATE_KERNEL, sa(0), VRAM, 30, 1), op(CREATE_KERNEL, sa(0), VRAM | 0xE0, 0, 1))
    seeds["events-clear-and-bar"] = bo_seed(
        L_NAVI21_64M, create(0, 0, K64, cpu=True), op(SET_IN_SUSPEND, b=1),
        op(FREE_KERNEL, sa(0)), op(EVENTS_CLEAR), op(SET_BAR, c=20, v=0xD000),
        op(SET_BAR, c=20, v=0xD000))
    return seeds


def bo_crashers():
    """Inputs that found a bug, named for what they found."""
    return {
        # reserving a reserved BO returns -EDEADLK, which gmc_errno_name() does not know
        "crash-edeadlk-has-no-errno-name": bo_seed(
            L_NAVI21_64M, create(0, 0, 4096, reserved=True), create(0, 0, 4096)),
        # create_kernel_at frees the placement of a pinned BO another reference keeps
        # alive: gmc_dev_pin_accounting_actual() stops counting it
        "crash-pinned-bo-without-placement-leaves-actual": bo_seed(
            L_NAVI21_64M, create(0, 0, 64 << 10), op(REF, sa(0), 0),
            kernel_at(0, 0, 128 << 20, 4096)),
    }


# --- json-batch ---------------------------------------------------------------------------

def json_seeds():
    seeds = {}
    lines = [line.rstrip("\n") for line in open(EDGE_VECTORS)]
    inputs = [json.dumps(json.loads(line)["input"]) for line in lines]
    for i, text in enumerate(inputs):
        seeds["edge-vector-%02d.jsonl" % (i + 1)] = (text + "\n").encode()
    seeds["edge-vectors-all.jsonl"] = ("\n".join(inputs) + "\n").encode()
    seeds["examples-by-name.jsonl"] = (
        '{"asic": "vega20", "regs": {"fb_location_base": "0x8000", "fb_location_top": "0x9fff",'
        ' "xgmi_lfb_cntl": "0x32", "xgmi_lfb_size": "0x800"}, "vram_size": 34342961152,'
        ' "visible_vram_size": "0x800000000", "bo_offsets": ["0x1234000"]}\n'
        '{"asic": "gc944", "sriov": true, "regs": {"fb_location_base": "0x1000",'
        ' "xgmi_lfb_cntl": "0x75", "xgmi_lfb_size": "0x17f8"}, "vram_size": "0x17f0000000"}\n'
        '{"asic": "gc1200", "regs": {"fb_location_base": 32768}, "vram_size": "0x400000000",'
        ' "agp": 1, "gart_size_mb": 2048, "vramlimit_mb": 8192, "vis_vramlimit_mb": 256,'
        ' "smu_prv_buffer_size": "0x1ffffffff", "connected_to_cpu": true}\n').encode()
    # each way a line can be refused, and line endings
    seeds["refused-lines.jsonl"] = (
        "\n"
        "   \t\r\n"
        "null\n"
        "[]\n"
        "42\n"
        '{"gc": "9.4.0"} trailing\n'
        '{"gc": "9.4.0", "asic": "vega20", "vram_size": 1}\n'
        '{"gc": "vega20", "vram_size": 1}\n'
        '{"asic": "9.9.9", "vram_size": 1}\n'
        '{"asic": "vega20"}\n'
        '{"asic": "vega20", "vram_size": -1}\n'
        '{"asic": "vega20", "vram_size": 1.5}\n'
        '{"asic": "vega20", "vram_size": "0x"}\n'
        '{"asic": "vega20", "vram_size": 18446744073709551615}\n'
        '{"asic": "vega20", "vram_size": "0xffffffffffffffff"}\n'
        '{"asic": "vega20", "vram_size": 1, "regs": {"fb_location_base": "0x100000000"}}\n'
        '{"asic": "vega20", "vram_size": 1, "regs": {"nope": 1}}\n'
        '{"asic": "vega20", "vram_size": 1, "regs": []}\n'
        '{"asic": "vega20", "vram_size": 1, "gart_size_mb": 2147483648}\n'
        '{"asic": "vega20", "vram_size": 1, "agp": 7}\n'
        '{"asic": "vega20", "vram_size": 1, "sriov": 1}\n'
        '{"asic": "vega20", "vram_size": 1, "bo_offsets": ["0x123"]}\n'
        '{"asic": "vega20", "vram_size": 1, "bo_offsets": {}}\n'
        '{"asic": "vega20", "vram_size": 1, "unknown": 0}\n'
        '{"asic": "ve\\u0000ga20", "vram_size": 1}\n'
        '{"asic": "vega20", "vram_size": 1}\r\n'
        '{"asic": "vega20", "vram_size": 1').encode()
    seeds["nul-byte-and-bad-utf8.jsonl"] = (
        b'{"asic": "vega20",\x00 "vram_size": 1}\n{"asic": "\xff\xfe", "vram_size": 1}\n')
    return seeds


# --- dictionaries ----------------------------------------------------------------------------

def dict_entry(name, data):
    text = "".join("\\x%02x" % b for b in data)
    return '%s="%s"\n' % (name, text)


def layout_dict():
    out = ["# fuzz-layout: field values that matter to the driver's arithmetic.\n",
           "# Generated by fuzz/make-seeds.py --dicts.\n"]
    u32 = {
        "u32_all_ones": U32, "u32_fb_base_8000": 0x8000, "u32_fb_top_9fff": 0x9FFF,
        "u32_fb_field_max": 0xFFFFFF, "u32_fb_base_1000": 0x1000, "u32_fb_offset_20000": 0x20000,
        "u32_xgmi_cntl_32": 0x32, "u32_xgmi_cntl_75": 0x75, "u32_xgmi_cntl_f0": 0xF0,
        "u32_lfb_size_800": 0x800, "u32_lfb_size_17f8": 0x17F8, "u32_lfb_size_1ffff": 0x1FFFF,
        "u32_agp_on": 1 ^ U32, "u32_agp_off": 0 ^ U32, "u32_gart_mb_32": 32 ^ U32,
        "u32_gart_mb_max": 0x7FFFFFFF ^ U32, "u32_vramlimit_0": U32,
    }
    u64 = {
        "u64_hole_start": 1 << 47, "u64_hole_minus_page": (1 << 47) - 4096,
        "u64_mc_top": (1 << 48) - 1, "u64_4g": 1 << 32, "u64_16g": 1 << 34,
        "u64_vram_32752m": 32752 << 20, "u64_vram_17f0": 0x17F0000000,
        "u64_sign_bits": 0xFFFF800000000000, "u64_pde_pte": PDE_PTE,
        "u64_pde_pte_gfx12": PDE_PTE_GFX12, "u64_pte_system": PTE_SYSTEM,
        "u64_visible_all": 0,
    }
    for k, v in u32.items():
        out.append(dict_entry(k, struct.pack("<I", v & U32)))
    for k, v in u64.items():
        out.append(dict_entry(k, struct.pack("<Q", v & U64)))
    return "".join(out)


def bo_dict():
    out = ["# fuzz-bo-lifecycle: whole 8-byte operation records { op, a, b, c, u32 v }.\n",
           "# Generated by fuzz/make-seeds.py --dicts.\n"]
    entries = {
        "create_vram_64k_gpu": create(0, 0, 64 << 10),
        "create_vram_gtt_cpu": create(1, 1, 1 << 20, domain=VRAM | GTT, cpu=True),
        "create_gtt_cpu": create(2, 2, 64 << 10, domain=GTT, cpu=True),
        "create_reserved": create(0, 0, 4096, reserved=True),
        "create_size_zero": create(0, 0, 0),
        "kernel_at": kernel_at(3, 3, 0x400000, 64 << 10),
        "free_kernel": op(FREE_KERNEL, sa(0, 0), 3),
        "reserve": op(RESERVE, sa(0)), "unreserve": op(UNRESERVE, sa(0)),
        "pin_vram": op(PIN, sa(0), VRAM), "pin_gtt": op(PIN, sa(0), GTT),
        "unpin": op(UNPIN, sa(0)), "kmap": op(KMAP, sa(0, 4)), "kunmap": op(KUNMAP, sa(0)),
        "gpu_offset": op(GPU_OFFSET, sa(0, 5)), "fb_aper": op(FB_APER_ADDR, sa(0, 6)),
        "vram_pa": op(VRAM_PA, sa(0, 7)), "fail_pin": op(FAIL_NEXT, b=F_PIN, v=E_ENOSPC),
        "suspend": op(SUSPEND), "resume": op(RESUME),
        "swap_gc944": op(SET_LAYOUT, b=L_GC944_N5), "swap_small": op(SET_LAYOUT, b=L_NAVI21_48M),
        "set_bar": op(SET_BAR, c=20, v=0xE000), "mc2pa": op(ADDR_MC2PA, sa(0, 5), 8),
        "ref": op(REF, sa(0), 0), "unref": op(UNREF, b=0),
        "check_with": op(CHECK_WITH, b=L_GC944_N2),
    }
    for k, v in entries.items():
        out.append(dict_entry(k, v))
    return "".join(out)


# --- main ----------------------------------------------------------------------------------

def all_seeds():
    return {
        "layout": layout_seeds(),
        "bo-lifecycle": bo_seeds(),
        "json-batch": json_seeds(),
    }


def check_parts(gmcsim):
    listed = json.loads(subprocess.run([gmcsim, "asics", "--json"], check=True,
                                       capture_output=True, text=True).stdout)
    have = [(p["name"], p["gc"]) for p in listed]
    if have != PARTS:
        sys.exit("make-seeds.py: PARTS is not gmc_asic_at() order any more: %s" % have)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--dicts", action="store_true")
    ap.add_argument("--crashers", action="store_true",
                    help="also write the crashers (named crash-*) into OUTDIR")
    ap.add_argument("--name-merged", metavar="DIR")
    ap.add_argument("--gmcsim", metavar="PATH")
    args = ap.parse_args()
    if args.gmcsim:
        check_parts(args.gmcsim)
    seeds = all_seeds()
    if args.crashers:
        seeds["bo-lifecycle"].update(bo_crashers())
    if args.dicts:
        with open(os.path.join(HERE, "layout.dict"), "w") as f:
            f.write(layout_dict())
        with open(os.path.join(HERE, "bo-lifecycle.dict"), "w") as f:
            f.write(bo_dict())
    if args.outdir:
        for target, files in seeds.items():
            d = os.path.join(args.outdir, target)
            os.makedirs(d, exist_ok=True)
            for name, data in files.items():
                with open(os.path.join(d, name), "wb") as f:
                    f.write(data)
    if args.name_merged:
        for target, files in seeds.items():
            d = os.path.join(args.name_merged, target)
            for name, data in files.items():
                merged = os.path.join(d, hashlib.sha1(data).hexdigest())
                if os.path.exists(merged):
                    os.rename(merged, os.path.join(d, name))


if __name__ == "__main__":
    main()
