/* SPDX-License-Identifier: MIT */
/**
 * @file gmc.h
 * libgmc: the amdgpu GMC v9-v12 address model. Include this one header.
 */
#ifndef GMC_GMC_H
#define GMC_GMC_H

#include <gmc/gmc-common.h>
#include <gmc/gmc-asic.h>
#include <gmc/gmc-regs.h>
#include <gmc/gmc-layout.h>
#include <gmc/gmc-convert.h>
#include <gmc/gmc-addr.h>
#include <gmc/gmc-dev.h>
#include <gmc/gmc-bo.h>

#endif /* GMC_GMC_H */
