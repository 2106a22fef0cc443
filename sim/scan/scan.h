/* SPDX-License-Identifier: MIT */
/*
 * libgmcsim internals for `gmcsim scan` (sim/scan/): derive the catalog's
 * facts from an amdgpu source tree with Coccinelle and compare them with a
 * catalog. Declared here rather than in <gmc/gmcsim.h> so the shared
 * library's ABI does not grow; the gmcsim tool and the tests link the
 * static library and call these directly.
 *
 * The pipeline, one file per step:
 *   scan-tree.c     find drivers/gpu/drm/amd under DIR, read its sources
 *   scan-spatch.c   run spatch on file groups, in parallel processes
 *   scan-records.c  split spatch's records and its parse-error report
 *   scan-macros.c   function-like macros, read as text (spatch does not
 *                   see their bodies)
 *   scan-graph.c    the call graph and the lifecycle hooks that reach
 *                   each function (amd_ip_funcs tables, device paths,
 *                   function-pointer tables resolved by field)
 *   scan-guards.c   the guards on a path, as catalog conditions or verbatim
 *   scan-sites.c    the sites: slot, destinations, hooks, frees, consumers,
 *                   derived copies
 *   scan-domain.c   a site's memory domain and size
 *   scan-names.c    a site's name within its block
 *   scan-run.c      the whole scan, closure over the files included
 *   scan-cites.c    where each built-in v1 site lives in a tree
 *   scan-compare.c  the comparison, one table entry per fact
 *   scan-json.c     the JSON report and the draft block files
 *   scan-expr.c     identifiers, lines and member chains of C text
 *   scan-arena.c, scan-map.c  memory, a string map and record lists
 *
 * A call that can fail returns 0 or a negative errno and fills an optional
 * struct gmc_error; nothing here prints.
 */
#ifndef GMCSIM_SCAN_H
#define GMCSIM_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmc/gmcsim.h>

#include "sim-embed.h"

struct json_object;

/** The semantic patches (the .cocci files of sim/scan/cocci), compiled in by sim/embed.py. */
extern const struct gmcsim_blob gmcsim_scan_cocci[];
/** How many gmcsim_scan_cocci[] holds. */
extern const size_t gmcsim_scan_cocci_count;

/* ------------------------------------------------------------------ */
/* Memory (scan-arena.c) and a string map (scan-map.c)                  */
/* ------------------------------------------------------------------ */

/** A bump allocator: everything of one scan is freed at once. */
struct gmcsim_scan_arena {
	struct gmcsim_scan_chunk *chunks; /**< newest first */
};

/**
 * Allocate @p size zeroed bytes from @p a.
 *
 * @return the memory, or NULL when out of memory
 */
void *gmcsim_scan_alloc(struct gmcsim_scan_arena *a, size_t size);

/** Copy @p len bytes of @p s into @p a as a NUL-terminated string; NULL on ENOMEM. */
char *gmcsim_scan_strndup(struct gmcsim_scan_arena *a, const char *s, size_t len);

/** Copy the string @p s into @p a; NULL on ENOMEM. */
char *gmcsim_scan_strdup(struct gmcsim_scan_arena *a, const char *s);

/** printf into @p a; NULL on ENOMEM. */
char *gmcsim_scan_printf(struct gmcsim_scan_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** Free everything @p a holds (the struct itself is the caller's). */
void gmcsim_scan_arena_fini(struct gmcsim_scan_arena *a);

/**
 * A growable array in an arena-free heap block. @c item is the element size;
 * gmcsim_scan_vec_push() returns a zeroed new element.
 */
struct gmcsim_scan_vec {
	void *data;
	size_t n, cap, item;
};

/** Append a zeroed element to @p v; return it, or NULL on ENOMEM. */
void *gmcsim_scan_vec_push(struct gmcsim_scan_vec *v);

/** Free @p v's storage. */
void gmcsim_scan_vec_fini(struct gmcsim_scan_vec *v);

/** A string -> size_t map (open addressing); keys are not copied. */
struct gmcsim_scan_map {
	const char **keys;
	size_t *values;
	size_t n, cap;
};

/**
 * Look @p key up.
 *
 * @return true and @p value set when present
 */
bool gmcsim_scan_map_get(const struct gmcsim_scan_map *m, const char *key, size_t *value);

/**
 * Insert or replace @p key (the caller keeps @p key alive as long as @p m).
 *
 * @retval 0 stored
 * @retval -ENOMEM
 */
int gmcsim_scan_map_put(struct gmcsim_scan_map *m, const char *key, size_t value);

/** Free @p m's storage. */
void gmcsim_scan_map_fini(struct gmcsim_scan_map *m);

/**
 * Lists threaded through an array of records: @p heads maps a key to the
 * first entry, @p next[i] is the entry after @p i. Prepend entry @p i to the
 * list of @p key (the caller keeps @p key alive).
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_list_push(struct gmcsim_scan_map *heads, uint32_t *next, const char *key,
			  uint32_t i);

/** The first entry of @p key's list, or UINT32_MAX when it has none. */
uint32_t gmcsim_scan_list_head(const struct gmcsim_scan_map *heads, const char *key);

/* ------------------------------------------------------------------ */
/* The tree (scan-tree.c)                                               */
/* ------------------------------------------------------------------ */

/** One source file under the scanned directory. */
struct gmcsim_scan_file {
	char *path; /**< relative to the amd directory, "amdgpu/amdgpu_psp.c" */
	char *text; /**< contents (NUL-terminated), NULL when unreadable or skipped */
	size_t len;
	bool header; /**< a .h, read for its macros only */
	bool parsed; /**< given to spatch in pass 2 */
};

/** A problem with one file: the scan goes on without (part of) it. */
struct gmcsim_scan_problem {
	char *file;  /**< relative path */
	char *what;  /**< one sentence */
	bool missed; /**< a site may be missing from the result because of it */
};

/** The directory being scanned. */
struct gmcsim_scan_tree {
	char *amd;	  /**< absolute path of drivers/gpu/drm/amd (or its equivalent) */
	char *root;	  /**< the kernel tree's top (holding Makefile), or NULL */
	char version[32]; /**< "6.12.118" from the Makefile, or "" */
	char kernel[16];  /**< "6.12", or "" */
	struct gmcsim_scan_vec files;	 /**< struct gmcsim_scan_file */
	struct gmcsim_scan_vec problems; /**< struct gmcsim_scan_problem */
	struct gmcsim_scan_arena arena;
};

/**
 * Open @p dir: a kernel tree (holding drivers/gpu/drm/amd/amdgpu) or an amd
 * directory (holding amdgpu/). Lists every .c and .h below it and reads the
 * .c files and the small headers; an unreadable file becomes a problem.
 *
 * @retval 0 opened; @p t filled (release with gmcsim_scan_tree_fini())
 * @retval -ENOENT @p dir does not exist
 * @retval -EINVAL @p dir is a file
 * @retval -ENODEV no amdgpu directory below @p dir
 * @retval -EACCES @p dir cannot be listed
 * @retval -ENOMEM
 */
int gmcsim_scan_tree_open(const char *dir, struct gmcsim_scan_tree *t, struct gmc_error *err);

/** Release what gmcsim_scan_tree_open() filled. */
void gmcsim_scan_tree_fini(struct gmcsim_scan_tree *t);

/** The file at @p index of @p t. */
struct gmcsim_scan_file *gmcsim_scan_tree_file(const struct gmcsim_scan_tree *t, size_t index);

/** Record a problem with @p file ("what" formatted); -ENOMEM when it cannot. */
int gmcsim_scan_tree_problem(struct gmcsim_scan_tree *t, const char *file, bool missed,
			     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/**
 * Whether the text of @p f names one of the identifiers in @p names as a
 * whole word, outside comments and string literals.
 */
bool gmcsim_scan_file_mentions(const struct gmcsim_scan_file *f,
			       const struct gmcsim_scan_map *names);

/**
 * For every identifier of the tree's .c files, how many files name it
 * (outside comments and strings); keys live in @p t's arena.
 *
 * @retval 0 counted into @p counts
 * @retval -ENOMEM
 */
int gmcsim_scan_tree_word_files(struct gmcsim_scan_tree *t, struct gmcsim_scan_map *counts);

/* ------------------------------------------------------------------ */
/* Running spatch (scan-spatch.c)                                       */
/* ------------------------------------------------------------------ */

/** How to run spatch. */
struct gmcsim_scan_spatch {
	char *path;	  /**< the program */
	unsigned jobs;	  /**< processes at once, >= 1 */
	unsigned timeout; /**< seconds per file (spatch --timeout), 0 = none */
	char *tmpdir;	  /**< private directory for .cocci and group files */
	unsigned runs;	  /**< processes started so far */
	unsigned serial;  /**< semantic patches run so far, to name their files */
};

/**
 * Find spatch: @p hint when given, else $GMCSIM_SPATCH, else the path the
 * build found, else "spatch" on $PATH; then check that it runs
 * (`spatch --version`).
 *
 * @param[out] path the program, malloc()ed
 * @retval 0 found and runs
 * @retval -ENOENT not found: @p err says what to install
 * @retval -EIO found but `spatch --version` failed
 */
int gmcsim_scan_spatch_find(const char *hint, char **path, struct gmc_error *err);

/** Create the private temporary directory of @p s. */
int gmcsim_scan_spatch_init(struct gmcsim_scan_spatch *s, struct gmc_error *err);

/** Remove the temporary directory and free @p s's strings. */
void gmcsim_scan_spatch_fini(struct gmcsim_scan_spatch *s);

/** What one run of a semantic patch over some files produced. */
struct gmcsim_scan_output {
	char *out; /**< stdout of every process, concatenated (malloc()ed) */
	size_t out_len;
	char *err; /**< stderr likewise */
	size_t err_len;
	struct gmcsim_scan_vec failed; /**< size_t: indexes of files spatch failed on */
};

/**
 * Run the semantic patch @p cocci (its text) over the files @p which of @p t
 * (indexes), @p s->jobs processes at once, each file its own group. A process
 * that fails has its files run one by one, so the files spatch fails on are
 * named in @p out->failed and the others still count.
 *
 * @retval 0 ran (some files may have failed)
 * @retval -EIO spatch could not be started, or failed on every file
 * @retval -ENOMEM
 */
int gmcsim_scan_spatch_run(struct gmcsim_scan_spatch *s, const struct gmcsim_scan_tree *t,
			   const char *cocci, const size_t *which, size_t n,
			   struct gmcsim_scan_output *out, struct gmc_error *err);

/** Free @p out's buffers. */
void gmcsim_scan_output_fini(struct gmcsim_scan_output *out);

/* ------------------------------------------------------------------ */
/* Records (scan-records.c)                                             */
/* ------------------------------------------------------------------ */

/** Most tab-separated fields a record has. */
#define GMCSIM_SCAN_REC_FIELDS 10

/** One record spatch printed: "KIND\tFILE\tLINE\tFUNCTION\tFIELD...". */
struct gmcsim_scan_rec {
	char kind;	  /**< 'K' create, 'F' free, 'R' recompute, 'D' definition, 'C' call,
			   *   'M' field call, 'T' table entry, 'N' table name, 'W' table
			   *   installed, 'G' guard, 'S' kept-address write, 'U' read,
			   *   'Y' copy, 'H' helper call, 'A' local alias */
	const char *file; /**< relative path */
	unsigned line;
	const char *func;		       /**< enclosing function (or table name for T/N) */
	const char *f[GMCSIM_SCAN_REC_FIELDS]; /**< the remaining fields */
	unsigned nf;
};

/**
 * Split spatch's stdout @p text (modified in place: the records point into
 * it) into records appended to @p recs (struct gmcsim_scan_rec). Lines that
 * are not records are ignored.
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_records_split(char *text, struct gmcsim_scan_vec *recs);

/**
 * Read spatch's stderr (`--parse-error-msg`): each file with code spatch
 * could not parse becomes a problem of @p t, marked "missed" when the
 * unparsed lines name one of @p tokens (the kernel-BO helpers or a function
 * of interest).
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_records_parse_errors(const char *text, struct gmcsim_scan_tree *t,
				     const char *const *tokens);

/* ------------------------------------------------------------------ */
/* Expressions (scan-expr.c)                                            */
/* ------------------------------------------------------------------ */

/**
 * The member chain of @p expr: "&adev->gfx.rlc.cs_ptr" gives adev, gfx, rlc,
 * cs_ptr. Casts, & and * in front and outer parentheses are skipped; an
 * index is dropped unless it is a constant name ("tables[SMU_TABLE_X]").
 *
 * @param parts, lens receive up to @p max components (pointers into @p expr)
 * @return the number of components, 0 when @p expr is not a member chain
 */
unsigned gmcsim_scan_expr_chain(const char *expr, const char *parts[], size_t lens[], unsigned max);

/**
 * The last @p k components of @p expr's chain joined by '.' ("rlc.cs_ptr").
 *
 * @return @p buf, or NULL when @p expr is not a chain or @p buf is too small
 */
const char *gmcsim_scan_expr_key(const char *expr, unsigned k, char *buf, size_t len);

/** Whether @p c can start a C identifier. */
bool gmcsim_scan_ident_start(int c);

/** Whether @p c can be part of a C identifier. */
bool gmcsim_scan_ident_char(int c);

/** Whether [@p s, @p s + @p len) is one C identifier. */
bool gmcsim_scan_is_ident(const char *s, size_t len);

/** Whether [@p s, @p e) names @p w as a whole word. */
bool gmcsim_scan_has_word(const char *s, const char *e, const char *w);

/** The start of line @p n (1-based) of @p text, or NULL past its end. */
const char *gmcsim_scan_line_start(const char *text, unsigned n);

/** Whether @p expr is NULL or 0. */
bool gmcsim_scan_expr_is_null(const char *expr);

/** Whether @p expr is a member of something (two components or more), not a local. */
bool gmcsim_scan_expr_is_member(const char *expr);

/* ------------------------------------------------------------------ */
/* Macros (scan-macros.c)                                               */
/* ------------------------------------------------------------------ */

/** A function-like macro and the calls in its body. */
struct gmcsim_scan_macro {
	const char *name;
	const char *file;
	unsigned line;
	const char *params; /**< the parameter list, "psp, type" */
	const char *body;   /**< the replacement text, continuation lines joined */
};

/**
 * Collect the function-like macros of every file of @p t (headers and .c)
 * into @p macros (struct gmcsim_scan_macro, strings in @p t's arena).
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_macros_collect(struct gmcsim_scan_tree *t, struct gmcsim_scan_vec *macros);

/** One call in a macro body, as gmcsim_scan_macro_calls() reports it. */
struct gmcsim_scan_macro_call {
	const char *name; /**< the called name (not NUL-terminated) */
	size_t len;
	bool field;	  /**< ...->NAME(...) or ....NAME(...) */
	const char *base; /**< for a field call: the text before the arrow or dot */
	size_t base_len;
	const char *args; /**< the text between the parentheses */
	size_t args_len;
};

/** Call @p fn for each call in @p body. */
void gmcsim_scan_macro_calls(const char *body,
			     void (*fn)(void *data, const struct gmcsim_scan_macro_call *call),
			     void *data);

/* ------------------------------------------------------------------ */
/* Hooks, the call graph (scan-graph.c)                                 */
/* ------------------------------------------------------------------ */

/** Hook bits: (1u << enum gmcsim_hook). */
#define GMCSIM_SCAN_HOOK_BIT(h) (1u << (h))

/** Where a function was reached from, per hook: the shortest path back. */
struct gmcsim_scan_reach {
	uint32_t from; /**< predecessor node, or UINT32_MAX at a root */
	unsigned line; /**< the call's line in the predecessor */
	unsigned depth;
};

/** A function (or a macro standing in for one) in the call graph. */
struct gmcsim_scan_node {
	const char *name;
	const char *file;
	unsigned line; /**< its definition */
	bool macro;
	unsigned hooks;	      /**< hook bits reaching it */
	unsigned root;	      /**< hook bits it is a root of */
	const char *root_via; /**< "psp_ip_funcs.sw_init" or "device: amdgpu_device_ip_init" */
	const char *block;    /**< for an IP table's handler: the block it belongs to */
	unsigned split_line;  /**< a device root: calls from this line on stand for... */
	unsigned split_hooks; /**< ...these hooks */
	struct gmcsim_scan_reach reach[GMCSIM_HOOK_COUNT];
	struct gmcsim_scan_vec out; /**< struct gmcsim_scan_edge */
};

/** A call from one node to another. */
struct gmcsim_scan_edge {
	uint32_t to;
	unsigned line;
	bool indirect; /**< through a function-pointer field */
};

/** An indirect call the graph did not follow, and why. */
struct gmcsim_scan_gaveup {
	const char *file;
	unsigned line;
	const char *func;
	const char *call;    /**< "adev->gfx.funcs->foo" */
	unsigned candidates; /**< handlers with that field name */
};

/** The call graph of the parsed files. */
struct gmcsim_scan_graph {
	struct gmcsim_scan_vec nodes;	/**< struct gmcsim_scan_node */
	struct gmcsim_scan_map by_key;	/**< "file\tname" -> node */
	struct gmcsim_scan_map by_name; /**< name -> first node of that name (see next_same) */
	struct gmcsim_scan_vec same;   /**< uint32_t: next node with the same name, or UINT32_MAX */
	struct gmcsim_scan_vec gaveup; /**< struct gmcsim_scan_gaveup */
	struct gmcsim_scan_arena *arena;
};

/** Device-level paths: a function of the core and the hook it stands for. */
struct gmcsim_scan_device_root {
	const char *name;
	unsigned hooks;	      /**< hook bits */
	const char *after;    /**< calls after the call of this function... */
	unsigned hooks_after; /**< ...stand for these hooks instead */
};

/** The device-level roots, terminated by a NULL name. */
extern const struct gmcsim_scan_device_root gmcsim_scan_device_roots[];

/**
 * The hook an amd_ip_funcs field stands for ("sw_init" -> SW_INIT,
 * "prepare_suspend" -> SUSPEND, "early_fini" -> HW_FINI, "late_fini" ->
 * SW_FINI).
 *
 * @retval 0 @p out set
 * @retval -ENOENT not a lifecycle field
 */
int gmcsim_scan_hook_from_field(const char *field, enum gmcsim_hook *out);

/**
 * Build the graph from the pass-2 records @p recs and the macros, resolve
 * indirect calls, mark the roots and walk from them.
 *
 * @retval 0 built
 * @retval -ENOMEM
 */
int gmcsim_scan_graph_build(struct gmcsim_scan_graph *g, struct gmcsim_scan_arena *arena,
			    const struct gmcsim_scan_vec *recs,
			    const struct gmcsim_scan_vec *macros);

/** Free the graph's storage (its strings live in the arena). */
void gmcsim_scan_graph_fini(struct gmcsim_scan_graph *g);

/**
 * The node of function @p name as seen from @p file (a definition in that
 * file first, then any definition, then a macro).
 *
 * @return the node index, or UINT32_MAX
 */
uint32_t gmcsim_scan_graph_find(const struct gmcsim_scan_graph *g, const char *file,
				const char *name);

/** The node at @p index. */
struct gmcsim_scan_node *gmcsim_scan_graph_node(const struct gmcsim_scan_graph *g, uint32_t index);

/**
 * The hooks of @p bits in call order, comma-separated: "hw_init, resume"
 * (with @p brief: "hw,res"); "none found" (brief: "-") when there are none.
 *
 * @return @p buf
 */
const char *gmcsim_scan_hooks_text(unsigned bits, bool brief, char *buf, size_t len);

/** The earliest hook among @p bits in call order, or GMCSIM_HOOK_COUNT when none. */
enum gmcsim_hook gmcsim_scan_hook_first(unsigned bits);

/* ------------------------------------------------------------------ */
/* Guards (scan-guards.c)                                               */
/* ------------------------------------------------------------------ */

/** The conditions of the catalog's vocabulary (v2 `exists` / `consumed`). */
struct gmcsim_scan_cond {
	const char *sriov;   /**< "vf", "bare-metal" or NULL */
	const char *fw_load; /**< "psp", "direct" or NULL */
	const char *apu;     /**< "true", "false" or NULL */
	const char *display; /**< "true", "false" or NULL */
	const char *hive;    /**< "multi", "single" or NULL */
	const char *mp0[8], *mp0_not[8], *vcn[8], *jpeg[8], *gc[8];
	const char *pg[4];	 /**< "vcn_dpg", "jpeg_dpg" */
	const char *params[8];	 /**< module parameters that must be set */
	const char *verbatim[8]; /**< guards that map to none of the above, as written */
	const char *where[8];	 /**< "file:function" of each guard found */
	unsigned n_where;
	bool null_check; /**< a NULL check of the BO pointer (the lazy test) */
};

/** The guard records of pass 2, by function. */
struct gmcsim_scan_guard_index {
	const struct gmcsim_scan_vec *recs;
	struct gmcsim_scan_map by_func; /**< "file\tfunction" -> first 'G' record */
	uint32_t *next;			/**< next 'G' record of the same function */
};

/**
 * Index the 'G' records of @p recs by function.
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_guard_index_init(struct gmcsim_scan_guard_index *gi, struct gmcsim_scan_arena *a,
				 const struct gmcsim_scan_vec *recs);

/** Free the index. */
void gmcsim_scan_guard_index_fini(struct gmcsim_scan_guard_index *gi);

/**
 * Add to @p c the guards that decide whether line @p line of function
 * @p func (defined at @p def_line) in @p file runs: the guard ifs around it
 * and the early returns before it, and IP-version switch cases read from
 * the file text @p text. A test of one of @p lazy_fields (the BO's
 * members: "tmr_bo", "shared_buf"; NULL-terminated, may be NULL) is the lazy
 * NULL check, not a condition.
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_guards_at(struct gmcsim_scan_cond *c, struct gmcsim_scan_arena *a,
			  const struct gmcsim_scan_guard_index *gi, const char *file,
			  const char *func, unsigned def_line, unsigned line, const char *text,
			  const char *const *lazy_fields);

/** Whether @p c holds no condition (null_check and where do not count). */
bool gmcsim_scan_cond_empty(const struct gmcsim_scan_cond *c);

/**
 * The conditions as a JSON object in the v2 vocabulary (keys only for what
 * is set); verbatim guards are not part of it.
 *
 * @return a new object, or NULL on ENOMEM
 */
struct json_object *gmcsim_scan_cond_json(const struct gmcsim_scan_cond *c);

/* ------------------------------------------------------------------ */
/* Sites (scan-sites.c)                                                 */
/* ------------------------------------------------------------------ */

/** How a scanned site keeps its address. */
enum gmcsim_scan_keep {
	GMCSIM_SCAN_KEEP_FIELD = 0, /**< the GPU address goes to a struct field */
	GMCSIM_SCAN_KEEP_DERIVED,   /**< a field set from a kept address plus an offset */
	GMCSIM_SCAN_KEEP_NONE,	    /**< no GPU address kept (NULL, or a local) */
};

/** What the scan makes of a site. */
enum gmcsim_scan_class {
	GMCSIM_SCAN_CANDIDATE = 0, /**< kept, lives across suspend, read again on resume */
	GMCSIM_SCAN_TRANSIENT,	   /**< freed in its creating function, or only on the hooks
				    *   that create it (a self test), never on a teardown hook */
	GMCSIM_SCAN_UNREACHED,	   /**< no lifecycle hook reaches the create */
	GMCSIM_SCAN_NOT_KEPT,	   /**< no GPU address is kept */
	GMCSIM_SCAN_NOT_REUSED,	   /**< kept, but nothing on the resume path reads it */
};

/** One use of a kept address. */
struct gmcsim_scan_use {
	const char *file;
	unsigned line;
	const char *func;
	unsigned hooks;	 /**< hooks reaching the reading function */
	bool refresh;	 /**< a fresh address is stored (amdgpu_bo_gpu_offset, fb_aper_addr) */
	const char *how; /**< for a refresh: the helper */
};

/** One kernel-BO site found in the tree. */
struct gmcsim_scan_site {
	char block[GMCSIM_NAME_MAX];
	char name[GMCSIM_NAME_MAX];
	const char *file; /**< of the create (or, derived: of the assignment) */
	unsigned line;
	const char *func;
	const char *helper; /**< amdgpu_bo_create_kernel, ... ; "derived" for a copy */
	const char
		*via; /**< a create through a parameter: the instantiating call "file:line func" */
	const char *slot;	   /**< BO pointer expression, instantiated */
	const char *gpu;	   /**< GPU address destination ("NULL" when none) */
	const char *cpu;	   /**< CPU address destination */
	const char *size;	   /**< size expression */
	const char *domain_expr;   /**< domain expression as written */
	const char *slot_key;	   /**< last components: "psp.fence_buf_bo" */
	const char *gpu_key;	   /**< "psp.fence_buf_mc_addr", or NULL */
	unsigned domain;	   /**< enum gmc_domain bits, 0 = not derived */
	unsigned domain_sriov;	   /**< on a VF when it differs, else 0 */
	const char *domain_why;	   /**< why the domain is unknown, or NULL */
	const char *domain_gc_min; /**< "10.0.0": from this GC version on, the domain also has... */
	unsigned domain_gc_extra;  /**< ...these bits (a local |= under a GC version test) */
	const char *copies[4];	   /**< plain copies of the kept address ("ring.eop_gpu_addr") */
	enum gmcsim_scan_keep keep;
	enum gmcsim_scan_class cls;
	unsigned create_hooks, free_hooks, consume_hooks, refresh_hooks;
	enum gmcsim_hook create, free_in; /**< GMCSIM_HOOK_COUNT when unknown */
	bool lazy, recreate;
	const char *create_via;	      /**< the root the create hook came from */
	struct gmcsim_scan_vec frees; /**< struct gmcsim_scan_use */
	struct gmcsim_scan_vec uses;  /**< struct gmcsim_scan_use (reads and refreshes) */
	struct gmcsim_scan_cond exists, consumed;
	const char *gc;	     /**< GC pattern hint from the IP files ("" = every part) */
	int parent;	     /**< derived: index of the site it is derived from, else -1 */
	const char *offset;  /**< derived: the offset expression */
	uint64_t size_value; /**< evaluated size, 0 when not */
	const char *path;    /**< the shortest hook path to the create, "a <- b <- c" */
};

/* ------------------------------------------------------------------ */
/* The scan (scan-run.c)                                                */
/* ------------------------------------------------------------------ */

/** What `gmcsim scan` is asked to do. */
struct gmcsim_scan_opts {
	const char *dir;    /**< the tree */
	const char *spatch; /**< the program, or NULL to look it up */
	unsigned jobs;	    /**< parallel spatch processes; 0 = online CPUs */
	unsigned timeout;   /**< seconds per file; 0 = 120 */
};

/** The result of a scan. */
struct gmcsim_scan {
	struct gmcsim_scan_tree tree;
	struct gmcsim_scan_vec sites;  /**< struct gmcsim_scan_site */
	struct gmcsim_scan_vec gaveup; /**< struct gmcsim_scan_gaveup (reached functions only) */
	size_t files_pass1;	       /**< .c files spatch read in pass 1 */
	size_t files_parsed;	       /**< .c files spatch read in pass 2 */
	size_t files_total;	       /**< .c files in the tree */
	unsigned rounds;	       /**< pass-2 rounds of the closure */
	unsigned spatch_runs;	       /**< spatch processes started */
	double seconds;		       /**< wall time of the scan */
	double seconds_pass1;	       /**< of which spatch's pass 1 */
	double seconds_pass2;	       /**< of which spatch's pass 2, every round */
	bool complete;		       /**< no file was skipped or failed where a site may hide */
	/* internals, for the steps */
	struct gmcsim_scan_vec recs1, recs2; /**< struct gmcsim_scan_rec, pass 1 and 2 */
	struct gmcsim_scan_vec macros;
	struct gmcsim_scan_graph graph;
	struct gmcsim_scan_vec bufs; /**< char *: output buffers the records point into */
};

/**
 * Scan a tree: find spatch, open @p o->dir, run pass 1 (sites.cocci) on the
 * files naming a kernel-BO helper, then pass 2 (graph.cocci) on the closure
 * of files that name a function of interest, build the graph and the sites.
 *
 * @param[out] out the result, release with gmcsim_scan_free()
 * @retval 0 scanned (check @c complete and the tree's problems)
 * @retval -ENOENT, -EINVAL, -ENODEV, -EACCES bad @p o->dir (see gmcsim_scan_tree_open())
 * @retval -ENOENT spatch not found (the message says what to install)
 * @retval -EIO spatch failed
 * @retval -ENOMEM
 */
int gmcsim_scan_run(const struct gmcsim_scan_opts *o, struct gmcsim_scan **out,
		    struct gmc_error *err);

/** Release a scan; NULL is fine. */
void gmcsim_scan_free(struct gmcsim_scan *s);

/** The site at @p index (an accessor every step uses, so it lives here). */
static inline struct gmcsim_scan_site *
gmcsim_scan_site_at(const struct gmcsim_scan *s, size_t index)
{
	return (struct gmcsim_scan_site *)s->sites.data + index;
}

/**
 * Turn the records into sites (called by gmcsim_scan_run()).
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_sites_build(struct gmcsim_scan *s);

/**
 * The domain of @p site from its domain expression (scan-domain.c): fills
 * @c domain, @c domain_sriov, @c domain_why and the GC split. @p text is the
 * creating function's file, @p def_line where the function starts.
 */
void gmcsim_scan_site_domain(struct gmcsim_scan_site *site, struct gmcsim_scan_arena *a,
			     const struct gmcsim_scan_tree *t, const char *text, unsigned def_line);

/** The value of a constant size expression (numbers, PAGE_SIZE, *, +, <<), or 0. */
uint64_t gmcsim_scan_size_value(const char *expr);

/** Name site @p index of @p s within its block (scan-names.c). */
void gmcsim_scan_site_name(struct gmcsim_scan *s, size_t index);

/** The readable name of a class ("candidate", "transient", ...). */
const char *gmcsim_scan_class_name(enum gmcsim_scan_class c);

/** The readable name of a keep kind ("field", "derived", "none"). */
const char *gmcsim_scan_keep_name(enum gmcsim_scan_keep k);

/**
 * The v1 domain string of @p bits ("vram", "gtt", "vram|gtt"), or "?" when 0.
 */
const char *gmcsim_scan_domain_name(unsigned bits);

/* ------------------------------------------------------------------ */
/* Where the built-in sites live (scan-cites.c)                         */
/* ------------------------------------------------------------------ */

/** Where one catalog site lives in a tree. */
struct gmcsim_scan_cite {
	const char *block;
	const char *site;
	/** "file.c:function" of the create (or of the derived assignment), with an optional
	 * "#word" that the slot, the GPU destination or the instantiating argument must
	 * contain; several separated by spaces */
	const char *where;
	/** why the scan cannot see it ("synthetic", "firmware state"), or NULL */
	const char *unscannable;
};

/**
 * The location of built-in site @p block / @p site, or NULL when the table
 * has none.
 */
const struct gmcsim_scan_cite *gmcsim_scan_cite_find(const char *block, const char *site);

/* ------------------------------------------------------------------ */
/* The comparison (scan-compare.c)                                      */
/* ------------------------------------------------------------------ */

/** What one fact comparison says. */
enum gmcsim_scan_verdict {
	GMCSIM_SCAN_AGREE = 0,
	GMCSIM_SCAN_DIFFER,
	GMCSIM_SCAN_UNKNOWN, /**< the scan could not tell, or the fact is not comparable */
};

/** One fact of one site, both sides. */
struct gmcsim_scan_fact {
	const char *key; /**< "create", "free_in", "domain", "cache", "consume", "gc" */
	enum gmcsim_scan_verdict verdict;
	char catalog[GMCSIM_TEXT_MAX];
	char tree[GMCSIM_TEXT_MAX];
	const char *evidence; /**< "amdgpu_psp.c:499 psp_sw_init", or NULL */
};

/** How a catalog site and the tree relate. */
enum gmcsim_scan_status {
	GMCSIM_SCAN_CONFIRMED = 0, /**< found, every comparable fact agrees */
	GMCSIM_SCAN_DIFFERING,	   /**< found, some fact differs */
	GMCSIM_SCAN_NEW,	   /**< a candidate in the tree the catalog does not have */
	GMCSIM_SCAN_MISSING,	   /**< in the catalog, not found in the tree */
	GMCSIM_SCAN_UNSCANNABLE,   /**< in the catalog, but nothing a scan can find (synthetic) */
};

/** Number of facts the comparison looks at. */
#define GMCSIM_SCAN_N_FACTS 7

/** One row of the comparison. */
struct gmcsim_scan_row {
	enum gmcsim_scan_status status;
	const struct gmcsim_site *site; /**< the catalog side, or NULL for NEW */
	long scanned;			/**< index of the scanned site, or -1 */
	struct gmcsim_scan_fact facts[GMCSIM_SCAN_N_FACTS];
	unsigned n_facts;
	const char *why; /**< MISSING / UNSCANNABLE: a sentence */
	bool recovered;	 /**< create hook, domain and cache destination agree */
};

/** The whole comparison. */
struct gmcsim_scan_comparison {
	struct gmcsim_scan_vec rows;	       /**< struct gmcsim_scan_row */
	size_t n[GMCSIM_SCAN_UNSCANNABLE + 1]; /**< rows per status */
	size_t recovered;    /**< catalog sites recovered (create, domain, cache) */
	size_t scannable;    /**< catalog sites that are not UNSCANNABLE */
	const char *against; /**< "built-in catalog" or the file names */
};

/** The name of a status ("confirmed", ...). */
const char *gmcsim_scan_status_name(enum gmcsim_scan_status s);

/** The name of a verdict ("agree", "differ", "unknown"). */
const char *gmcsim_scan_verdict_name(enum gmcsim_scan_verdict v);

/**
 * Compare scan @p s with the catalog sites @p sites (the built-in catalog or
 * parsed block files). A catalog site is looked up by its location
 * (gmcsim_scan_cite_find()); each fact is one entry of a table, so a new key
 * is one more entry.
 *
 * @retval 0 compared; @p c filled (release with gmcsim_scan_comparison_fini())
 * @retval -ENOMEM
 */
int gmcsim_scan_compare(const struct gmcsim_scan *s, const struct gmcsim_site *sites, size_t n,
			const char *against, struct gmcsim_scan_comparison *c);

/** Release what gmcsim_scan_compare() filled. */
void gmcsim_scan_comparison_fini(struct gmcsim_scan_comparison *c);

/* ------------------------------------------------------------------ */
/* JSON: the report and the draft block files (scan-json.c)             */
/* ------------------------------------------------------------------ */

/** Which block-file vocabulary to write. */
enum gmcsim_scan_vocabulary {
	GMCSIM_SCAN_V2 = 0, /**< v1 keys plus exists, consumed, cite, status, note */
	GMCSIM_SCAN_V1,	    /**< only what today's parser reads */
};

/**
 * The JSON report: the tree, every site with its evidence, the comparison
 * (when @p c is not NULL), the problems and the indirect calls given up on.
 *
 * @return a new object, or NULL on ENOMEM
 */
struct json_object *gmcsim_scan_json(const struct gmcsim_scan *s,
				     const struct gmcsim_scan_comparison *c);

/**
 * The draft block files: one object per block with every candidate site, in
 * the catalog's vocabulary, appended to @p blocks (a JSON array of
 * { "file": NAME, "block": OBJECT }).
 *
 * @retval 0 done
 * @retval -ENOMEM
 */
int gmcsim_scan_blocks_json(const struct gmcsim_scan *s, enum gmcsim_scan_vocabulary v,
			    struct json_object *blocks);

/**
 * Write the draft block files into directory @p dir (created if missing),
 * one `scan-<block>.json` each.
 *
 * @param[out] written how many files were written
 * @retval 0 written
 * @retval <0 a negative errno; @p err names the file
 */
int gmcsim_scan_blocks_write(const struct gmcsim_scan *s, enum gmcsim_scan_vocabulary v,
			     const char *dir, size_t *written, struct gmc_error *err);

#endif /* GMCSIM_SCAN_H */
