/* SPDX-License-Identifier: MIT */
/*
 * The range allocator behind VRAM and GART placement.
 *
 * Free space is kept as maximal runs (never adjacent, never empty) in an
 * AVL tree keyed by start. Each node also carries the longest run in its
 * subtree, so first fit skips every subtree that cannot hold the request
 * and, without alignment, walks one root-to-leaf path.
 *
 * Every operation needs at most one new node, and takes it before it
 * changes anything, so running out of memory leaves the allocator as it
 * was. Nodes that leave the tree go to a spare list and are reused: the
 * allocator holds at most as many nodes as it ever had free runs, and a
 * steady alloc/free sequence allocates nothing.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include "bo-alloc.h"

struct ra_node {
	uint64_t start;
	uint64_t size;
	uint64_t max; /* longest run in this subtree */
	struct ra_node *left;
	struct ra_node *right; /* also links the spare list */
	int height;	       /* AVL: a leaf is 1 */
};

struct gmc_range_alloc {
	uint64_t size;
	uint64_t free_bytes;
	size_t n_runs;
	struct ra_node *root;
	struct ra_node *spare;
};

static inline uint64_t
run_end(const struct ra_node *n)
{
	/* runs lie inside [0, size) and size is a u64: this never wraps */
	return n->start + n->size;
}

/* ---- node recycling ---- */

static struct ra_node *
node_take(struct gmc_range_alloc *ra)
{
	struct ra_node *n = ra->spare;

	if (n) {
		ra->spare = n->right;
		return n;
	}
	return malloc(sizeof(*n));
}

static void
node_give(struct gmc_range_alloc *ra, struct ra_node *n)
{
	n->left = NULL;
	n->right = ra->spare;
	ra->spare = n;
}

/* ---- AVL tree keyed by start, augmented with the subtree's longest run ---- */

static inline int
node_height(const struct ra_node *n)
{
	return n ? n->height : 0;
}

static inline uint64_t
node_max(const struct ra_node *n)
{
	return n ? n->max : 0;
}

static void
node_update(struct ra_node *n)
{
	int hl = node_height(n->left), hr = node_height(n->right);
	uint64_t ml = node_max(n->left), mr = node_max(n->right);
	uint64_t m = n->size;

	if (ml > m)
		m = ml;
	if (mr > m)
		m = mr;
	n->max = m;
	n->height = 1 + (hl > hr ? hl : hr);
}

static struct ra_node *
rotate_right(struct ra_node *n)
{
	struct ra_node *l = n->left;

	n->left = l->right;
	l->right = n;
	node_update(n);
	node_update(l);
	return l;
}

static struct ra_node *
rotate_left(struct ra_node *n)
{
	struct ra_node *r = n->right;

	n->right = r->left;
	r->left = n;
	node_update(n);
	node_update(r);
	return r;
}

/* Refresh @p n after a change below it and restore the AVL balance. */
static struct ra_node *
rebalance(struct ra_node *n)
{
	int bal = node_height(n->left) - node_height(n->right);

	if (bal > 1) {
		if (node_height(n->left->left) < node_height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (bal < -1) {
		if (node_height(n->right->right) < node_height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	node_update(n);
	return n;
}

static struct ra_node *
tree_insert(struct ra_node *t, struct ra_node *n)
{
	if (!t) {
		n->left = NULL;
		n->right = NULL;
		node_update(n);
		return n;
	}
	if (n->start < t->start)
		t->left = tree_insert(t->left, n);
	else
		t->right = tree_insert(t->right, n);
	return rebalance(t);
}

static struct ra_node *
tree_unlink_min(struct ra_node *t, struct ra_node **min)
{
	if (!t->left) {
		*min = t;
		return t->right;
	}
	t->left = tree_unlink_min(t->left, min);
	return rebalance(t);
}

/*
 * Unlink the node @p n (which is in @p t) and return the new root. Nodes
 * are relinked, never copied, so pointers to other nodes stay valid.
 */
static struct ra_node *
tree_unlink(struct ra_node *t, const struct ra_node *n)
{
	struct ra_node *succ, *rest;

	if (n->start < t->start) {
		t->left = tree_unlink(t->left, n);
	} else if (n->start > t->start) {
		t->right = tree_unlink(t->right, n);
	} else {
		if (!t->left)
			return t->right;
		if (!t->right)
			return t->left;
		rest = tree_unlink_min(t->right, &succ);
		succ->left = t->left;
		succ->right = rest;
		t = succ;
	}
	return rebalance(t);
}

/*
 * Recompute the longest-run field on the path to @p n after its start or
 * size changed in place (without passing a neighbour, so the order holds).
 */
static void
tree_refresh(struct ra_node *t, const struct ra_node *n)
{
	if (n->start < t->start)
		tree_refresh(t->left, n);
	else if (n->start > t->start)
		tree_refresh(t->right, n);
	node_update(t);
}

/* The run with the greatest start <= @p addr, or NULL. */
static struct ra_node *
tree_find_le(struct ra_node *t, uint64_t addr)
{
	struct ra_node *best = NULL;

	while (t) {
		if (t->start <= addr) {
			best = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	return best;
}

/* The run with the least start > @p addr, or NULL. */
static struct ra_node *
tree_find_gt(struct ra_node *t, uint64_t addr)
{
	struct ra_node *best = NULL;

	while (t) {
		if (t->start > addr) {
			best = t;
			t = t->left;
		} else {
			t = t->right;
		}
	}
	return best;
}

static struct ra_node *
tree_last(struct ra_node *t)
{
	while (t && t->right)
		t = t->right;
	return t;
}

static void
tree_free(struct ra_node *t)
{
	while (t) {
		struct ra_node *r = t->right;

		tree_free(t->left);
		free(t);
		t = r;
	}
}

/* ---- run bookkeeping ---- */

static void
run_remove(struct gmc_range_alloc *ra, struct ra_node *n)
{
	ra->root = tree_unlink(ra->root, n);
	ra->n_runs--;
	node_give(ra, n);
}

/* @p n has a start and size set; it must not touch or overlap any run. */
static void
run_insert(struct gmc_range_alloc *ra, struct ra_node *n)
{
	ra->root = tree_insert(ra->root, n);
	ra->n_runs++;
}

/* Allocate [@p s, @p s + @p len), which lies inside the free run @p n. */
static int
run_take(struct gmc_range_alloc *ra, struct ra_node *n, uint64_t s, uint64_t len)
{
	uint64_t end = run_end(n), e = s + len;

	if (s > n->start && e < end) {
		/* free space stays on both sides: the right part needs a node */
		struct ra_node *r = node_take(ra);

		if (!r)
			return -ENOMEM;
		n->size = s - n->start;
		tree_refresh(ra->root, n);
		r->start = e;
		r->size = end - e;
		run_insert(ra, r);
	} else if (s > n->start) {
		n->size = s - n->start;
		tree_refresh(ra->root, n);
	} else if (e < end) {
		n->start = e;
		n->size = end - e;
		tree_refresh(ra->root, n);
	} else {
		run_remove(ra, n);
	}
	ra->free_bytes -= len;
	return 0;
}

/* ---- first fit ---- */

enum fit_result {
	FIT_NONE, /* nothing in this subtree; later runs may fit */
	FIT_FOUND,
	FIT_STOP, /* this run and every later one end past the limit */
};

struct fit {
	uint64_t size;
	uint64_t align;
	uint64_t last_start; /* limit - size: the highest start allowed */
	struct ra_node *node;
	uint64_t start;
};

/* The lowest aligned start inside run @p n that holds f->size bytes. */
static enum fit_result
run_fit(struct ra_node *n, struct fit *f)
{
	uint64_t s = n->start;
	uint64_t misalign = s & (f->align - 1);

	if (misalign) {
		uint64_t pad = f->align - misalign;

		/* s + pad stays below the run's end, so it cannot wrap */
		if (pad >= n->size)
			return FIT_NONE;
		s += pad;
	}
	if (s > f->last_start)
		return FIT_STOP;
	if (run_end(n) - s < f->size)
		return FIT_NONE;
	f->node = n;
	f->start = s;
	return FIT_FOUND;
}

/*
 * In address order, skipping subtrees with no run of f->size bytes. When a
 * left subtree holds such a run, without alignment it either fits or ends
 * past the limit, so the search never backtracks: O(log n).
 */
static enum fit_result
tree_first_fit(struct ra_node *t, struct fit *f)
{
	enum fit_result r;

	while (t && t->max >= f->size) {
		r = tree_first_fit(t->left, f);
		if (r != FIT_NONE)
			return r;
		if (t->start > f->last_start)
			return FIT_STOP;
		if (t->size >= f->size) {
			r = run_fit(t, f);
			if (r != FIT_NONE)
				return r;
		}
		t = t->right;
	}
	return FIT_NONE;
}

/* ---- API ---- */

int
gmc_range_alloc_new(uint64_t size, struct gmc_range_alloc **out)
{
	struct gmc_range_alloc *ra;

	if (!out)
		return -EINVAL;
	ra = calloc(1, sizeof(*ra));
	if (!ra)
		return -ENOMEM;
	ra->size = size;
	if (size) {
		struct ra_node *n = node_take(ra);

		if (!n) {
			free(ra);
			return -ENOMEM;
		}
		n->start = 0;
		n->size = size;
		run_insert(ra, n);
		ra->free_bytes = size;
	}
	*out = ra;
	return 0;
}

void
gmc_range_alloc_destroy(struct gmc_range_alloc *ra)
{
	struct ra_node *n;

	if (!ra)
		return;
	tree_free(ra->root);
	while ((n = ra->spare)) {
		ra->spare = n->right;
		free(n);
	}
	free(ra);
}

int
gmc_range_alloc_get(struct gmc_range_alloc *ra, uint64_t size, uint64_t align, uint64_t limit,
		    uint64_t *start)
{
	struct fit f = { 0 };
	int rc;

	if (!ra || !start || size == 0 || align == 0 || (align & (align - 1)))
		return -EINVAL;
	if (size > limit)
		return -ENOSPC;
	f.size = size;
	f.align = align;
	f.last_start = limit - size;
	if (tree_first_fit(ra->root, &f) != FIT_FOUND)
		return -ENOSPC;
	rc = run_take(ra, f.node, f.start, size);
	if (rc)
		return rc;
	*start = f.start;
	return 0;
}

int
gmc_range_alloc_get_at(struct gmc_range_alloc *ra, uint64_t start, uint64_t size)
{
	struct ra_node *n;

	if (!ra || size == 0 || start > UINT64_MAX - size)
		return -EINVAL;
	if (start + size > ra->size)
		return -ERANGE;
	n = tree_find_le(ra->root, start);
	if (!n || run_end(n) < start + size)
		return -EBUSY;
	return run_take(ra, n, start, size);
}

int
gmc_range_alloc_put(struct gmc_range_alloc *ra, uint64_t start, uint64_t size)
{
	struct ra_node *prev, *next, *n;
	uint64_t end;
	bool join_prev, join_next;

	if (!ra || size == 0 || start > UINT64_MAX - size || start + size > ra->size)
		return -EINVAL;
	end = start + size;
	/* Runs are disjoint and sorted: only these two can overlap the range. */
	prev = tree_find_le(ra->root, start);
	if (prev && run_end(prev) > start)
		return -EINVAL;
	next = tree_find_gt(ra->root, start);
	if (next && next->start < end)
		return -EINVAL;

	join_prev = prev && run_end(prev) == start;
	join_next = next && next->start == end;
	if (join_prev && join_next) {
		uint64_t next_size = next->size;

		run_remove(ra, next);
		prev->size += size + next_size;
		tree_refresh(ra->root, prev);
	} else if (join_prev) {
		prev->size += size;
		tree_refresh(ra->root, prev);
	} else if (join_next) {
		next->start = start;
		next->size += size;
		tree_refresh(ra->root, next);
	} else {
		n = node_take(ra);
		if (!n)
			return -ENOMEM;
		n->start = start;
		n->size = size;
		run_insert(ra, n);
	}
	ra->free_bytes += size;
	return 0;
}

int
gmc_range_alloc_resize(struct gmc_range_alloc *ra, uint64_t new_size)
{
	struct ra_node *last;
	uint64_t old_size;

	if (!ra)
		return -EINVAL;
	old_size = ra->size;
	last = tree_last(ra->root);
	if (new_size > old_size) {
		uint64_t grow = new_size - old_size;

		if (last && run_end(last) == old_size) {
			last->size += grow;
			tree_refresh(ra->root, last);
		} else {
			struct ra_node *n = node_take(ra);

			if (!n)
				return -ENOMEM;
			n->start = old_size;
			n->size = grow;
			run_insert(ra, n);
		}
		ra->free_bytes += grow;
	} else if (new_size < old_size) {
		/* [new_size, old_size) must be free, hence inside the last run */
		if (!last || run_end(last) != old_size || last->start > new_size)
			return -EBUSY;
		if (last->start == new_size) {
			run_remove(ra, last);
		} else {
			last->size = new_size - last->start;
			tree_refresh(ra->root, last);
		}
		ra->free_bytes -= old_size - new_size;
	}
	ra->size = new_size;
	return 0;
}

uint64_t
gmc_range_alloc_size(const struct gmc_range_alloc *ra)
{
	return ra ? ra->size : 0;
}

uint64_t
gmc_range_alloc_free_bytes(const struct gmc_range_alloc *ra)
{
	return ra ? ra->free_bytes : 0;
}

size_t
gmc_range_alloc_free_blocks(const struct gmc_range_alloc *ra)
{
	return ra ? ra->n_runs : 0;
}

static int
tree_walk(const struct ra_node *t, int (*cb)(uint64_t start, uint64_t size, void *data), void *data)
{
	int rc;

	while (t) {
		rc = tree_walk(t->left, cb, data);
		if (rc)
			return rc;
		rc = cb(t->start, t->size, data);
		if (rc)
			return rc;
		t = t->right;
	}
	return 0;
}

int
gmc_range_alloc_for_each_free(const struct gmc_range_alloc *ra,
			      int (*cb)(uint64_t start, uint64_t size, void *data), void *data)
{
	if (!ra || !cb)
		return -EINVAL;
	return tree_walk(ra->root, cb, data);
}
