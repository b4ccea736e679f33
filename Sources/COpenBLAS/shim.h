// The CBLAS interface of OpenBLAS (Debian: libopenblas-dev) plus its thread-count controls.
#include <cblas.h>
