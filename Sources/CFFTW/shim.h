#ifndef RFTOOL_CFFTW_SHIM_H
#define RFTOOL_CFFTW_SHIM_H
/* FFTW 3, double (fftw_*) and single (fftwf_*) precision.
 * <fftw3.h> is included alone (no <complex.h> first) so that fftw_complex
 * imports into Swift as a (Double, Double) tuple. */
#include <fftw3.h>

/* fftw_version is a mutable global in C; read it here so Swift 6 does not
 * see shared mutable state. */
static inline const char *cfftw_version(void) { return fftw_version; }
#endif
