// SPDX-License-Identifier: MIT
// gmcsim scan, pass 2: the call graph, the function-pointer tables, the
// guards around calls, and the reads of every kept address.
//
// A template: sim/scan/ replaces the five @...@ words below before it runs
// the file (docs/scan.md, "Records"):
//   the FIELDS word  an alternation of the fields that keep a BO's address
//                    (fence_buf_mc_addr|gpu_addr|...), for the read rules
//   the SLOTS word   an alternation of the BO pointer fields, for NULL guards
//   the HELPERS word an alternation of the functions that create or free
//                    through a parameter, whose calls are printed with
//                    their arguments
//   the MACROS word  an alternation of the macros whose body reads a kept
//                    address
//   the OWNERS word  an alternation of the members that hold a kept address
//                    (tables, driver_table, ...), for local aliases
// Each match prints one tab-separated record on stdout.

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
    return s

def out(kind, p, *fields):
    print("\t".join([kind, p[0].file, p[0].line, p[0].current_element] + [norm(f) for f in fields]))

// Function definitions: a name with a body.
@def@
identifier f;
position p;
@@
f@p(...) { ... }

@script:python@
f << def.f; p << def.p;
@@
print("\t".join(["D", p[0].file, p[0].line, str(f), ""]))

// Direct calls (a macro that looks like a call is one too; sim/scan/ reads
// the macro bodies itself). Calls of the kernel's library and of
// all-capital macros (register access, logging) cannot reach a kernel BO and
// are left out: each record costs a Python call, and they are most calls.
@call@
identifier g !~ "^([A-Z][A-Z0-9_]*|dev_[a-z_]+|drm_[a-z_]+|pr_[a-z_]+|mutex_[a-z_]+|spin_[a-z_]+|raw_spin_[a-z_]+|mem(set|cpy|cmp|move|dup)|str[a-z_]*|kv?[zmc]?alloc[a-z_]*|kv?free[a-z_]*|kmemdup|devm_[a-z_]+|list_[a-z_]+|hash_[a-z_]+|atomic[0-9]*_[a-z_]+|refcount_[a-z_]+|(le|be)(16|32|64)_to_cpu[a-z_]*|cpu_to_(le|be)(16|32|64)[a-z_]*|(lower|upper)_32_bits|[mu]?sleep[a-z_]*|[mun]delay|usleep_range|v?[sn]*printf|scnprintf|sysfs_emit[a-z_]*|min|max|min_t|max_t|clamp[a-z_]*|roundup[a-z_]*|round_(up|down)|div[a-z0-9_]*|do_div|ffs|fls|hweight[0-9]+|(test|set|clear)_bit|bitmap_[a-z_]+|msecs_to_jiffies|ktime_[a-z_]+|seq_[a-z_]+|debugfs_[a-z_]+|dma_fence_[a-z_]+|amdgpu_ring_write[a-z_]*|unlikely|likely|sizeof|typeof|offsetof|container_of|ERR_PTR|PTR_ERR|IS_ERR[A-Z_]*|READ_ONCE|WRITE_ONCE|schedule_[a-z_]+|cancel_[a-z_]+|flush_[a-z_]+|queue_[a-z_]+|wait_[a-z_]+|complete[a-z_]*|init_completion|reinit_completion|idr_[a-z_]+|xa_[a-z_]+|ida_[a-z_]+|kobject_[a-z_]+|sysfs_[a-z_]+|pci_[a-z_]+|request_firmware[a-z_]*|release_firmware|amdgpu_ucode_release|dm_logger[a-z_]*|dc_log[a-z_]*|trace_[a-z_]+|amdgpu_device_[rw]reg[a-z_]*|amdgpu_mm_[rw]reg[a-z_]*|amdgpu_device_indirect_[rw]reg[a-z_]*)$";
position p;
@@
g@p(...)

@script:python@
g << call.g; p << call.p;
@@
out("C", p, g)

// Calls through a function pointer in a struct: E->F(...) and E.F(...).
@fcall@
expression E;
identifier F;
position p;
@@
(
E->F@p(...)
|
E.F@p(...)
)

@script:python@
E << fcall.E; F << fcall.F; p << fcall.p;
@@
out("M", p, F, E)

// Tables: static initializers with .FIELD = function (or = &table).
@table@
identifier I, F, H;
type T;
position p;
@@
T I@p = { ..., .F = H, ... };

@script:python@
I << table.I; F << table.F; H << table.H; T << table.T; p << table.p;
@@
print("\t".join(["T", p[0].file, p[0].line, str(I), norm(T), str(F), str(H)]))

@table_ref@
identifier I, F, H;
type T;
position p;
@@
T I@p = { ..., .F = &H, ... };

@script:python@
I << table_ref.I; F << table_ref.F; H << table_ref.H; T << table_ref.T; p << table_ref.p;
@@
print("\t".join(["T", p[0].file, p[0].line, str(I), norm(T), str(F), "&" + str(H)]))

@table_name@
identifier I;
constant char[] S;
type T;
position p;
@@
T I@p = { ..., .name = S, ... };

@script:python@
I << table_name.I; S << table_name.S; T << table_name.T; p << table_name.p;
@@
print("\t".join(["N", p[0].file, p[0].line, str(I), norm(T), str(S).strip('"')]))

// A table installed at run time: E->F = &table (adev->gfx.rlc.funcs = &...).
@install@
expression E;
identifier F, H;
position p;
@@
(
E->F@p = &H
|
E.F@p = &H
)

@script:python@
E << install.E; F << install.F; H << install.H; p << install.p;
@@
out("W", p, F, E, H)

// Guards: an if whose condition names one of the guard kinds, with the
// line span of each branch. The kinds are matched in SmPL (a name or a
// member named in the condition), so only guard ifs cost a Python call.
@guard_pos@
identifier g =~ "^(amdgpu_sriov_vf|amdgpu_sriov_is_pp_one_vf|load_type|pg_flags|cg_flags|AMD_IS_APU|is_app_apu|amdgpu_ip_version|IP_VERSION|amdgpu_device_has_display_hardware|num_physical_nodes|amdgpu_mes_log_enable|amdgpu_umsch_mm|smu_memory_pool_size|mcbp|amdgpu_mcbp|amdgpu_async_gfx_ring|@SLOTS@)$";
expression E;
statement S1, S2;
position p;
@@
(
if@p (<+... g ...+>) S1 else S2
|
if@p (<+... E->g ...+>) S1 else S2
|
if@p (<+... E.g ...+>) S1 else S2
|
if@p (<+... g ...+>) S1
|
if@p (<+... E->g ...+>) S1
|
if@p (<+... E.g ...+>) S1
)

@guard_else@
expression C;
statement S1, S2;
position guard_pos.p, e, p1, p2;
@@
if@p@e (C) S1@p1 else S2@p2

@script:python@
C << guard_else.C; p << guard_pos.p; p1 << guard_else.p1; p2 << guard_else.p2;
@@
out("G", p, p1[0].line, p1[0].line_end, p2[0].line, p2[0].line_end, C)

@guard_if@
expression C;
statement S1;
position guard_pos.p, p1;
position q != guard_else.e;
@@
if@p@q (C) S1@p1

@script:python@
C << guard_if.C; p << guard_pos.p; p1 << guard_if.p1;
@@
out("G", p, p1[0].line, p1[0].line_end, "", "", C)

// Reads and writes of a kept address.
@kept_write@
expression E, R;
identifier F =~ "^(@FIELDS@)$";
position p;
@@
(
E->F@p = R
|
E.F@p = R
)

@script:python@
E << kept_write.E; F << kept_write.F; R << kept_write.R; p << kept_write.p;
@@
out("S", p, F, E, R)

// The destinations named in the create and free calls themselves are not
// reads.
@in_helper@
expression E;
identifier F =~ "^(@FIELDS@)$";
identifier h =~ "^amdgpu_bo_(create_kernel|create_reserved|create_kernel_at|free_kernel)$";
position p;
@@
h(..., <+... \(E->F@p\|E.F@p\) ...+>, ...)

@kept_read@
expression E;
identifier F =~ "^(@FIELDS@)$";
position p != {kept_write.p, in_helper.p};
@@
(
E->F@p
|
E.F@p
)

@script:python@
E << kept_read.E; F << kept_read.F; p << kept_read.p;
@@
out("U", p, F, E)

// Copies: L = an expression that reads a kept address (a derived copy when
// L is a field and the expression adds an offset).
@copy@
expression L, E;
identifier F =~ "^(@FIELDS@)$";
position p;
@@
(
L@p = <+... E->F ...+>
|
L@p = <+... E.F ...+>
)

@copy_rhs@
expression L, R;
position copy.p;
@@
L@p = R

@script:python@
L << copy_rhs.L; R << copy_rhs.R; p << copy.p;
@@
out("Y", p, L, R)

// A derived copy passed to a function, which keeps it
// (amdgpu_ucode_init_single_fw(adev, ucode, fw_buf_mc + offset, ...)): the
// callee, the argument's index and the argument; sim/scan/ finds the store
// in the callee's text.
@arg_copy_ptr@
identifier g, F =~ "^(@FIELDS@)$";
expression list[n] es;
expression E, O;
position p;
@@
g@p(es, E->F + O, ...)

@script:python@
g << arg_copy_ptr.g; n << arg_copy_ptr.n; E << arg_copy_ptr.E; F << arg_copy_ptr.F;
O << arg_copy_ptr.O; p << arg_copy_ptr.p;
@@
out("P", p, g, str(n), str(E) + "->" + str(F) + " + " + str(O))

@arg_copy_dot@
identifier g, F =~ "^(@FIELDS@)$";
expression list[n] es;
expression E, O;
position p;
@@
g@p(es, E.F + O, ...)

@script:python@
g << arg_copy_dot.g; n << arg_copy_dot.n; E << arg_copy_dot.E; F << arg_copy_dot.F;
O << arg_copy_dot.O; p << arg_copy_dot.p;
@@
out("P", p, g, str(n), str(E) + "." + str(F) + " + " + str(O))

// The other half of a create-then-pin pair.
@unref@
expression B;
position p;
@@
amdgpu_bo_unref@p(&B)

@script:python@
B << unref.B; p << unref.p;
@@
out("F", p, "amdgpu_bo_unref", "&" + str(B))

// A fresh address: L = amdgpu_bo_gpu_offset(bo) or amdgpu_bo_fb_aper_addr(bo).
@recompute_set@
identifier fn =~ "^amdgpu_bo_(gpu_offset|gpu_offset_no_check|fb_aper_addr)$";
expression L, B;
position p;
@@
L = fn@p(B)

@script:python@
fn << recompute_set.fn; L << recompute_set.L; B << recompute_set.B; p << recompute_set.p;
@@
out("R", p, fn, B, L)

// A copy through a macro whose body reads a kept address
// (ring->rptr_gpu_addr = amdgpu_ring_get_gpu_addr(ring, offs)).
@copy_macro@
expression L;
identifier m =~ "^(@MACROS@)$";
position p;
@@
L@p = m(...)

@script:python@
L << copy_macro.L; m << copy_macro.m; p << copy_macro.p;
@@
out("Y", p, L, str(m) + "(...)")

// Local aliases of the owner of a kept address
// (struct smu_table *tool_table = &smu_table->tables[SMU_TABLE_X]), so that
// tool_table->mc_address counts as a read of tables[SMU_TABLE_X].mc_address.
@alias_of@
type T;
identifier x;
expression E, I;
identifier o =~ "^(@OWNERS@)$";
position p;
@@
(
T *x@p = &E.o;
|
T *x@p = &E->o;
|
T *x@p = &E.o[I];
|
T *x@p = &E->o[I];
)

@alias_expr@
type T;
identifier x;
expression R;
position alias_of.p;
@@
T *x@p = &R;

@script:python@
x << alias_expr.x; R << alias_expr.R; p << alias_of.p;
@@
out("A", p, x, R)

// Calls of the helpers that create or free through a parameter, with their
// arguments.
@helper@
identifier h =~ "^(@HELPERS@)$";
expression list ES;
position p;
@@
h@p(ES)

@script:python@
h << helper.h; ES << helper.ES; p << helper.p;
@@
out("H", p, h, ES)
