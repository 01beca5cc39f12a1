#ifndef HUB_COPENBLAS_SHIM_H
#define HUB_COPENBLAS_SHIM_H
#include <cblas.h>

/// OpenBLAS's thread count for GEMM; exposed here so the engine need not know the symbol's origin.
extern void openblas_set_num_threads(int);
extern int openblas_get_num_threads(void);
#endif
