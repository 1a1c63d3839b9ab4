#ifndef RFTOOL_CBLAS_SHIM_H
#define RFTOOL_CBLAS_SHIM_H
/* OpenBLAS: CBLAS for dense products, and the LAPACK it ships for QR, SVD and
 * least squares. Debian's OpenBLAS is built without LAPACKE, so the Fortran
 * LAPACK entry points it exports are declared here (column-major, all
 * arguments by pointer, hidden string lengths omitted: every character
 * argument we pass is a single character). */
#include <cblas.h>

void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

/* QR: A = QR (Householder), then form Q. */
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);
/* SVD, divide and conquer. */
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt,
             double *work, const int *lwork, int *iwork, int *info);
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda,
             float *s, float *u, const int *ldu, float *vt, const int *ldvt,
             float *work, const int *lwork, int *iwork, int *info);
/* Symmetric eigenproblem, selected eigenpairs (MRRR). */
void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a, const int *lda,
             const double *vl, const double *vu, const int *il, const int *iu, const double *abstol,
             int *m, double *w, double *z, const int *ldz, int *isuppz, double *work, const int *lwork,
             int *iwork, const int *liwork, int *info);
/* Least squares via QR. */
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs,
            double *a, const int *lda, double *b, const int *ldb,
            double *work, const int *lwork, int *info);
/* Cholesky factorisation and solve (symmetric positive definite). */
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info);
#endif
