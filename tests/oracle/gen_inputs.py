#!/usr/bin/env python3
"""Deterministic generator of well-formed `gmcsim layout --batch` inputs.

usage: gen_inputs.py [--seed S] [--count N]      (JSON Lines on stdout)

Every line is well-formed per the batch input format; the only failures the
driver model should produce are its own -EINVAL refusals (XGMI node count or
node id above the per-ASIC limit, ref §2) and VRAM sizes RCC_CONFIG_MEMSIZE, a
32-bit MiB count, cannot express (not a whole MiB, or 2^52 bytes and up).  The mix covers every GC version
(selected by "gc" and by "asic" name), every mode (fb, sysvm through
connected_to_cpu on Aldebaran, sysvm-migrate through sriov on GC 9.4.4 with a
non-zero segment), connected_to_cpu on every XGMI part (the driver reads it on
Aldebaran only, ref §2), every parameter across its range, realistic and fully
random 32-bit register values, and page-aligned bo_offsets (some landing above
the 47-bit hole so the MC address gets sign-extended).  Integers are written
as JSON numbers, "0x…" hex strings or decimal strings.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gmc_oracle import ASICS  # noqa: E402  (name -> (gc, gmc, apu, xgmi))

U32 = 0xFFFFFFFF
U64 = (1 << 64) - 1
MIB = 1 << 20
GIB = 1 << 30
PAGE = 4096
HOLE = 1 << 47
NAMES = sorted(ASICS)
XGMI_NAMES = [n for n in NAMES if ASICS[n][3] is not None]
# ref §2: (max nodes, max id) for the XGMI parts
XGMI_LIMITS = {n: (ASICS[n][3][4], ASICS[n][3][5]) for n in XGMI_NAMES}
# ref §1.1: 3-bit REGION/MAX on the GC 9.2.1 layout (Vega20, Arcturus), else 4-bit
XGMI_FIELD_BITS = {n: (3 if ASICS[n][3][0] == 0x07 else 4) for n in XGMI_NAMES}
XGMI_SIZE_MASK = {n: ASICS[n][3][3] for n in XGMI_NAMES}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # -- encodings ---------------------------------------------------------
    def enc(self, v):
        """A JSON number, a "0x…" string or a decimal string (non-negative v)."""
        r = self.r
        if v < 0:
            return v                      # negatives only as JSON numbers
        k = r.random()
        # json-c saturates JSON numbers at 2^64 - 1, so gmcsim asks for
        # values that large as strings; so does every portable JSON writer.
        if k < 0.40 and v < 2**64 - 1:
            return v
        if k < 0.75:
            s = "0x%x" % v
            if r.random() < 0.1:
                s = "0x%X" % v
            return s
        return str(v)

    def chance(self, p):
        return self.r.random() < p

    # -- value pickers -----------------------------------------------------
    def pick_asic(self):
        r = self.r
        if self.chance(0.35):
            return r.choice(XGMI_NAMES)
        return r.choice(NAMES)

    def vram_size(self, apu):
        r = self.r
        k = r.random()
        if k < 0.55:
            if apu:
                mib = r.choice([256, 512, 1024, 2048, 4096, 8192, 16384])
            else:
                mib = r.choice([512, 1024, 2048, 4096, 8176, 8192, 12288, 16368, 16384,
                                24576, 32752, 32768, 65536, 98304, 131072, 196608])
            return mib * MIB
        if k < 0.85:
            return r.randrange(1, 256 * 1024) * MIB               # any MiB count up to 256 GiB
        if k < 0.97:
            return r.randrange(0, 1 << 32) * MIB                  # any u32 MiB count
        return r.choice([0, MIB, (1 << 52) - MIB])                # the ends

    def vram_size_refused(self):
        """A size RCC_CONFIG_MEMSIZE (a u32 count of MiB) cannot express."""
        r = self.r
        return r.choice([r.randrange(0, 1 << 40) | 1, MIB - 1, 1000000, (1 << 52) - 1,
                         1 << 52, (1 << 52) + MIB, (1 << 64) - MIB,
                         r.randrange(1 << 52, 1 << 64)])

    def visible(self, vram):
        r = self.r
        k = r.random()
        if k < 0.30:
            return None                                           # default = vram_size
        if k < 0.50:
            return r.choice([256 * MIB, 512 * MIB, GIB])          # small BAR
        if k < 0.65:
            return vram                                           # resized BAR
        if k < 0.75:
            return vram + r.randrange(1, 1 << 36)                 # above vram size
        if k < 0.85:
            return r.randrange(0, vram + 1)                       # below vram size
        if k < 0.95:
            return r.choice([0, 1, U64, 1 << 63, (1 << 64) - MIB])
        return r.randrange(0, 1 << 64)

    def gart_mb(self):
        r = self.r
        k = r.random()
        if k < 0.40:
            return None
        if k < 0.50:
            return -1
        if k < 0.62:
            return r.randrange(0, 32)                             # < 32 -> default
        if k < 0.80:
            return r.choice([32, 64, 256, 512, 1024, 2048, 4096, 8192, 65536, 1 << 20])
        if k < 0.90:
            return r.choice([2147483647, r.randrange(32, 2147483648), r.randrange(1 << 22, 1 << 27)])
        return r.choice([-2, -32, -2147483648, r.randrange(-2147483648, -1)])

    def agp(self):
        r = self.r
        if self.chance(0.15):
            # outside -1..1: accepted, and off like anything but 1 (ref §4.4)
            return r.choice([2, -2, -5, 100, 2**31 - 1, -2**31, r.randrange(-2**31, 2**31)])
        return r.choice([None, None, -1, 0, 1, 1])

    def mb_limit(self, default):
        r = self.r
        k = r.random()
        if k < 0.55:
            return None
        if k < 0.65:
            return default
        if k < 0.75:
            return 0
        if k < 0.90:
            return r.choice([1, 16, 256, 512, 1024, 4096, 8192, 16384, 65536, 1 << 20])
        if k < 0.97:
            return r.randrange(0, U32 + 1)
        return r.choice([U32, U32 - 1, 1 << 31, 0x1000])

    def smu(self):
        r = self.r
        k = r.random()
        if k < 0.70:
            return None
        if k < 0.80:
            return 0
        if k < 0.90:
            return r.randrange(1, 9) << 28                        # smu_memory_pool_size << 28
        if k < 0.95:
            return r.randrange(0, U32 + 1)
        return r.choice([1 << 32, (1 << 32) + (1 << 28), r.randrange(0, 1 << 64), U64])

    def bools(self, d, sriov, ctc):
        for key, val in (("sriov", sriov), ("connected_to_cpu", ctc)):
            if val or self.chance(0.3):
                d[key] = val

    # -- register sets -----------------------------------------------------
    def regs_random(self):
        r = self.r
        regs = {}
        for k in ("fb_location_base", "fb_location_top", "fb_offset", "xgmi_lfb_cntl", "xgmi_lfb_size"):
            if self.chance(0.9):
                regs[k] = r.choice([r.randrange(0, U32 + 1), r.randrange(0, 1 << 24),
                                    r.randrange(0, 256), U32, 0])
        return regs

    def fb_base_units(self):
        r = self.r
        return r.choice([0x0, 0x80, 0x100, 0x1000, 0x8000, 0xf400, 0x10000,
                         0x7fff00, r.randrange(0, 1 << 24)])

    def regs_single(self, name, vram, apu):
        """Realistic single-GPU / APU registers (fields in range, top >= base)."""
        r = self.r
        units = max(1, (vram + (1 << 24) - 1) >> 24)
        base = self.fb_base_units()
        top = min(base + units - 1, 0xFFFFFF)
        if self.chance(0.1):
            top = r.randrange(base, 0x1000000)
        if apu:
            fb_offset = r.choice([0x1c0, 0x20, 0xff0001c0 if self.chance(0.2) else 0x1f0, r.randrange(0, 1 << 24)])
        else:
            fb_offset = 0 if self.chance(0.8) else r.randrange(0, 1 << 24)
        regs = {"fb_location_base": base, "fb_location_top": top, "fb_offset": fb_offset}
        if self.chance(0.1):
            # XGMI registers on a part without XGMI must be ignored
            regs["xgmi_lfb_cntl"] = r.randrange(0, 256)
            regs["xgmi_lfb_size"] = r.randrange(0, 1 << 17)
        return {k: v for k, v in regs.items() if v != 0 or self.chance(0.7)}

    def regs_xgmi(self, name, vram, nodes, node_id, connected):
        """Realistic XGMI hive registers; `nodes` 0 means PF_MAX_REGION = 0."""
        r = self.r
        bits = XGMI_FIELD_BITS[name]
        max_region = max(nodes - 1, 0)
        cntl = (max_region << 4) | node_id
        if self.chance(0.1):
            cntl |= r.randrange(0, 1 << 24) << 8                 # junk above the fields
        if bits == 3 and self.chance(0.1):
            cntl |= 0x88                                           # bits outside the 3-bit fields
        seg_units = max(1, (vram + (1 << 24) - 1) >> 24)
        if self.chance(0.3):
            seg_units = r.randrange(1, XGMI_SIZE_MASK[name] + 1)
        if self.chance(0.05):
            seg_units = r.randrange(0, 1 << 17)                   # beyond a 16-bit mask
        hive_units = max(nodes, 1) * seg_units
        base = r.choice([0, 0x80, 0x1000, 0x8000, 0x10000])
        top = min(base + hive_units - 1, 0xFFFFFF)
        regs = {"xgmi_lfb_cntl": cntl, "xgmi_lfb_size": seg_units}
        if not connected or self.chance(0.5):
            regs["fb_location_base"] = base
            regs["fb_location_top"] = top
        regs["fb_offset"] = r.choice([0, 0, 0x20000, 0x10000, r.randrange(0, 1 << 24)])
        return regs

    # -- scenarios ---------------------------------------------------------
    def finish(self, name, regs, vram, sriov=False, ctc=False, vis=None, params=True,
               vram_start_hint=0):
        r = self.r
        d = {}
        if self.chance(0.5):
            d["asic"] = name
        else:
            d["gc"] = ASICS[name][0]
        if regs or self.chance(0.5):
            d["regs"] = {k: self.enc(v) for k, v in regs.items()}
        d["vram_size"] = self.enc(vram)
        if vis is not None:
            d["visible_vram_size"] = self.enc(vis)
        if params:
            for key, val in (("gart_size_mb", self.gart_mb()), ("agp", self.agp()),
                             ("vramlimit_mb", self.mb_limit(U32)),
                             ("vis_vramlimit_mb", self.mb_limit(0)),
                             ("smu_prv_buffer_size", self.smu())):
                if val is not None:
                    d[key] = self.enc(val) if key != "agp" else val
        self.bools(d, sriov, ctc)
        bos = self.bo_offsets(vram, vram_start_hint)
        if bos is not None:
            d["bo_offsets"] = [self.enc(v) for v in bos]
        return d

    def bo_offsets(self, vram, vram_start_hint):
        r = self.r
        k = r.random()
        if k < 0.25:
            return None
        if k < 0.30:
            return []
        out = []
        pages = max(vram // PAGE, 1)
        for _ in range(r.randrange(1, 5)):
            j = r.random()
            if j < 0.55:
                out.append(r.randrange(0, pages) * PAGE)          # inside VRAM
            elif j < 0.65:
                out.append(r.choice([0, (pages - 1) * PAGE]))
            elif j < 0.85:
                # just below / above the 47-bit hole given the expected vram_start
                edge = (HOLE - (vram_start_hint % HOLE)) // PAGE * PAGE
                out.append(max(0, edge + r.randrange(-4, 5) * PAGE))
            elif j < 0.95:
                out.append(r.randrange(0, 1 << 48) & ~(PAGE - 1))
            else:
                out.append(r.randrange(0, 1 << 64) & ~(PAGE - 1))
        return out

    def sc_single(self):
        name = self.r.choice(NAMES)
        apu = ASICS[name][2]
        vram = self.vram_size(apu)
        regs = self.regs_single(name, vram, apu)
        sriov = self.chance(0.2)
        ctc = self.chance(0.05) and ASICS[name][3] is None       # ignored on non-XGMI parts
        return self.finish(name, regs, vram, sriov=sriov, ctc=ctc, vis=self.visible(vram),
                           vram_start_hint=regs.get("fb_location_base", 0) << 24)

    def sc_xgmi_fb(self):
        r = self.r
        name = r.choice(XGMI_NAMES)
        max_nodes, max_id = XGMI_LIMITS[name]
        nodes = r.choice([0, 1, 2, 4, max_nodes, r.randrange(2, max_nodes + 1)])
        nodes = 0 if nodes == 1 else nodes                        # MAX_REGION=0 means off
        node_id = r.randrange(0, max(nodes, 1)) if nodes else (r.randrange(0, max_id + 1) if self.chance(0.3) else 0)
        vram = self.vram_size(False)
        regs = self.regs_xgmi(name, vram, nodes, node_id, False)
        sriov = self.chance(0.25) and ASICS[name][0] != "9.4.4"
        return self.finish(name, regs, vram, sriov=sriov, vis=self.visible(vram),
                           vram_start_hint=(regs.get("fb_location_base", 0) + node_id * regs["xgmi_lfb_size"]) << 24)

    def sc_sysvm(self):
        r = self.r
        # connected_to_cpu on every XGMI part; only Aldebaran's driver reads
        # it (ref §2), so half the draws go there to keep sysvm well covered
        name = "aldebaran" if self.chance(0.5) else r.choice(XGMI_NAMES)
        max_nodes, max_id = XGMI_LIMITS[name]
        nodes = r.choice([0, 0, 2, 4, max_nodes, r.randrange(2, max_nodes + 1)])
        node_id = r.randrange(0, nodes) if nodes else r.randrange(0, max_id + 1)
        vram = self.vram_size(False)
        regs = self.regs_xgmi(name, vram, nodes, node_id, True)
        sriov = self.chance(0.2)
        return self.finish(name, regs, vram, sriov=sriov, ctc=True, vis=self.visible(vram),
                           vram_start_hint=node_id * regs["xgmi_lfb_size"] << 24)

    def sc_migrate(self):
        r = self.r
        name = "gc944"
        nodes = r.choice([2, 4, 8, r.randrange(2, 9)])
        node_id = r.randrange(0, nodes)
        vram = self.vram_size(False)
        regs = self.regs_xgmi(name, vram, nodes, node_id, False)
        if regs["xgmi_lfb_size"] & 0x1FFFF == 0:
            regs["xgmi_lfb_size"] = 0x17f8
        if self.chance(0.3):
            regs["xgmi_lfb_size"] = r.choice([0x17f8, 0x1000, 0x800, r.randrange(1, 1 << 17)])
        return self.finish(name, regs, vram, sriov=True, ctc=self.chance(0.15), vis=self.visible(vram))

    def sc_xgmi_einval(self):
        """ref §2: num_physical_nodes > max nodes or physical_node_id > max id."""
        r = self.r
        name = r.choice(["vega20", "gc943", "gc944", "gc950"])   # the parts that can refuse
        max_nodes, max_id = XGMI_LIMITS[name]
        bits = XGMI_FIELD_BITS[name]
        top = (1 << bits) - 1
        if self.chance(0.5):
            max_region = r.randrange(max_nodes, top + 1)          # too many nodes
            node_id = r.randrange(0, top + 1)
        else:
            max_region = r.randrange(1 if not self.chance(0.3) else 0, max_nodes)
            node_id = r.randrange(max_id + 1, top + 1)            # id too large
        ctc = max_region == 0 or self.chance(0.2)
        cntl = (max_region << 4) | node_id | (r.randrange(0, 1 << 24) << 8 if self.chance(0.2) else 0)
        vram = self.vram_size(False)
        regs = {"xgmi_lfb_cntl": cntl, "xgmi_lfb_size": r.randrange(0, 1 << 17),
                "fb_location_base": self.fb_base_units()}
        return self.finish(name, regs, vram, sriov=self.chance(0.3), ctc=ctc, vis=self.visible(vram))

    def sc_random(self):
        r = self.r
        name = self.pick_asic()
        vram = self.vram_size(ASICS[name][2])
        regs = self.regs_random()
        return self.finish(name, regs, vram, sriov=self.chance(0.3), ctc=self.chance(0.2),
                           vis=self.visible(vram),
                           vram_start_hint=(regs.get("fb_location_base", 0) & 0xFFFFFF) << 24)

    def sc_minimal(self):
        """Only the required keys, defaults everywhere else."""
        name = self.r.choice(NAMES)
        d = {"asic": name} if self.chance(0.5) else {"gc": ASICS[name][0]}
        if self.chance(0.5):
            d["regs"] = {"fb_location_base": self.enc(self.fb_base_units())}
        d["vram_size"] = self.enc(self.vram_size(ASICS[name][2]))
        return d

    SCENARIOS = (("sc_single", 30), ("sc_xgmi_fb", 18), ("sc_sysvm", 12), ("sc_migrate", 8),
                 ("sc_xgmi_einval", 4), ("sc_random", 24), ("sc_minimal", 4))

    def one(self):
        names = [n for n, _ in self.SCENARIOS]
        weights = [w for _, w in self.SCENARIOS]
        d = getattr(self, self.r.choices(names, weights)[0])()
        if self.chance(0.04):
            # swapped in last, so registers and BAR sizes derived from a
            # readable size stay well-formed
            d["vram_size"] = self.enc(self.vram_size_refused())
        return d


def generate(seed=1, count=1000):
    """Yield `count` input objects; identical for identical (seed, count)."""
    g = Gen(seed)
    # Start with one minimal line per ASIC, by name and by GC version, so every
    # GC version appears however small `count` is.
    fixed = []
    for name in NAMES:
        fixed.append({"asic": name, "vram_size": "0x400000000"})
        fixed.append({"gc": ASICS[name][0], "regs": {"fb_location_base": "0x8000"}, "vram_size": 8 << 30})
    for i in range(count):
        yield fixed[i] if i < len(fixed) and count >= 4 * len(fixed) else g.one()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    a = ap.parse_args()
    out = sys.stdout
    for d in generate(a.seed, a.count):
        out.write(json.dumps(d, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
