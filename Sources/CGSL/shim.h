#ifndef RFTOOL_CGSL_SHIM_H
#define RFTOOL_CGSL_SHIM_H
/* GNU Scientific Library: error handling, CDFs, special functions, statistics.
 * GSL is linked statically (module.modulemap) without libgslcblas, so its
 * internal BLAS calls resolve to OpenBLAS, the one CBLAS in every binary. */
/* OpenBLAS's <cblas.h> stands in for GSL's own <gsl/gsl_cblas.h> (which
 * gsl_linalg.h pulls in): the two declare enum CBLAS_TRANSPOSE with different
 * members, and a module that imports both CGSL and CBLAS then fails to build in
 * release (whole-module) mode: "'CBLAS_TRANSPOSE' has different definitions in
 * different modules". Defining gsl_cblas.h's include guard makes GSL's headers use
 * OpenBLAS's declarations, which is also the library that serves the calls. */
#include <cblas.h>
#define __GSL_CBLAS_H__
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_integration.h>

/* Globals read in C so Swift 6 sees no shared mutable state (STYLE.md §3). */
static inline const char *cgsl_version(void) { return gsl_version; }
static inline const gsl_min_fminimizer_type *cgsl_min_brent(void) { return gsl_min_fminimizer_brent; }
#endif
