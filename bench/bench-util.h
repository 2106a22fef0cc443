/* SPDX-License-Identifier: MIT */
/* Timing, a fixed-seed PRNG and an allocation counter for the benchmarks. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdint.h>

double bench_now(void);
uint64_t bench_rand(uint64_t *state);
void bench_pin_to_one_core(void);
/* malloc/calloc/realloc calls seen so far (linked with --wrap) */
uint64_t bench_alloc_count(void);

#endif
