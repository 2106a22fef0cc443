// SPDX-License-Identifier: MIT
// gmcsim scan, pass 1: every kernel-BO creation and free, and the
// parameter lists of the functions around them.
// Run by sim/scan/ on the files that name one of the helpers; each match
// prints one tab-separated record on stdout (docs/scan.md, "Records").

@initialize:python@
@@
import re

def norm(e):
    s = " ".join(str(e).split())
    s = re.sub(r"\s*(->|\.)\s*", r"\1", s)
    s = re.sub(r"\s*\[\s*", "[", s)
    s = re.sub(r"\s*\]", "]", s)
    s = re.sub(r"\(\s+", "(", s)
    s = re.sub(r"\s+\)", ")", s)
    s = re.sub(r"\s+,", ",", s)
    s = re.sub(r"(\w)\s+\(", r"\1(", s)
    s = re.sub(r"(^|[(,]\s?)([&*!])\s+", r"\1\2", s)
    s = re.sub(r"\*\s+\*", "**", s)
    s = re.sub(r"\s+\*\)", "*)", s)
    return s

# functions that create or free, whose parameter lists the last rule prints
WANTED = set()

def out(kind, p, *fields):
    WANTED.add(p[0].current_element)
    print("\t".join([kind, p[0].file, p[0].line, p[0].current_element] + [norm(f) for f in fields]))

// amdgpu_bo_create_kernel() / amdgpu_bo_create_reserved():
// (adev, size, align, domain, bo_ptr, gpu_addr, cpu_addr)
@create@
identifier fn =~ "^amdgpu_bo_create_(kernel|reserved)$";
expression A, S, AL, D, B, G, C;
position p;
@@
fn@p(A, S, AL, D, B, G, C)

@script:python@
fn << create.fn; S << create.S; D << create.D; B << create.B; G << create.G; C << create.C;
p << create.p;
@@
out("K", p, fn, S, D, B, G, C)

// amdgpu_bo_create_kernel_at(adev, offset, size, bo_ptr, cpu_addr): VRAM at a fixed offset.
@create_at@
expression A, O, S, B, C;
position p;
@@
amdgpu_bo_create_kernel_at@p(A, O, S, B, C)

@script:python@
S << create_at.S; B << create_at.B; C << create_at.C; p << create_at.p;
@@
out("K", p, "amdgpu_bo_create_kernel_at", S, "AMDGPU_GEM_DOMAIN_VRAM", B, "NULL", C)

// amdgpu_bo_create() followed by amdgpu_bo_pin() of the same BO in one
// function; only in files that pin at all (the search is costly).
@has_pin@
position p;
@@
amdgpu_bo_pin@p(...)

@create_pin depends on has_pin exists@
expression A, P, B, D;
position p, p2;
@@
amdgpu_bo_create@p(A, P, &B)
...
amdgpu_bo_pin@p2(B, D)

@script:python@
B << create_pin.B; D << create_pin.D; p << create_pin.p;
@@
out("K", p, "amdgpu_bo_create+amdgpu_bo_pin", "", D, "&" + str(B), "NULL", "NULL")

@free@
expression B, G, C;
position p;
@@
amdgpu_bo_free_kernel@p(B, G, C)

@script:python@
B << free.B; p << free.p;
@@
out("F", p, "amdgpu_bo_free_kernel", B)

// Parameter lists of the functions that create or free, so a create
// through a parameter (a helper) can be instantiated at each call. The
// rules above run first on each file and note those functions.
@params@
identifier f;
parameter list PL;
position p;
@@
f@p(PL) { ... }

@script:python@
f << params.f; PL << params.PL; p << params.p;
@@
if str(f) in WANTED:
    print("\t".join(["D", p[0].file, p[0].line, str(f), norm(PL)]))
