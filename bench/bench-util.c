/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <sched.h>
#include <stddef.h>
#include <time.h>

#include "bench-util.h"

static uint64_t alloc_calls;

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

void *
__wrap_malloc(size_t size)
{
	alloc_calls++;
	return __real_malloc(size);
}

void *
__wrap_calloc(size_t n, size_t size)
{
	alloc_calls++;
	return __real_calloc(n, size);
}

void *
__wrap_realloc(void *p, size_t size)
{
	alloc_calls++;
	return __real_realloc(p, size);
}

uint64_t
bench_alloc_count(void)
{
	return alloc_calls;
}

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* splitmix64: fixed seed, so every run measures the same inputs */
uint64_t
bench_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void
bench_pin_to_one_core(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set); /* best effort: a figure per core */
}
