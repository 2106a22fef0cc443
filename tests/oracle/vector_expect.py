# SPDX-License-Identifier: MIT
"""What the reference layout vectors expect, with the one departure both
vector checkers make (tests/oracle/check_vectors.py for the oracle,
tests/cli/check-vectors.py for gmcsim).

Issue 14 has libgmc refuse a vram_size RCC_CONFIG_MEMSIZE cannot express (a
32-bit count of MiB, peers-and-pci.md §2.3): not a whole MiB, or 2^52 bytes
and up. The reference vectors still expect such a size rounded down to a MiB
(the edge vector with vram_size 0x400080001), so for those inputs the
expected result is that refusal; the checkers report how many there are.
"""

MIB = 1 << 20
MEMSIZE_LIMIT = 1 << 52


def vram_size_refused(inp):
    """True when the input's vram_size is an integer the register cannot express."""
    v = inp.get("vram_size") if isinstance(inp, dict) else None
    if isinstance(v, str):
        try:
            v = int(v, 16) if v[:2] in ("0x", "0X") else int(v, 10)
        except ValueError:
            return False
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        return False
    return v % MIB != 0 or v >= MEMSIZE_LIMIT


def expected_of(vector):
    """The vector's expected result, or issue 14's refusal (see above)."""
    if vector["expected"].get("ok") and vram_size_refused(vector["input"]):
        return {"ok": False, "error": "EINVAL"}
    return vector["expected"]
