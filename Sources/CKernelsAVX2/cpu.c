// What the CPU runs, and on other architectures the stubs of every kernel here (never called: the checks say no).
#include "lanes.h"

#if LANDMARK_X86

bool landmark_avx2_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

bool landmark_fma_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

bool landmark_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

#else

bool landmark_avx2_available(void) { return false; }
bool landmark_fma_available(void) { return false; }
bool landmark_avx512_available(void) { return false; }

void landmark_f4x4_input8(const float *source, long rowStride, long columnStride, float *destination,
                          long planeStride) {}
void landmark_f4x4_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                           float *destination, long rowStride, long columnStride, int rows, int columns) {}
void landmark_f3x3_input8(const float *source, long rowStride, long columnStride, float *destination,
                          long planeStride) {}
void landmark_f3x3_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                           float *destination, long rowStride, long columnStride, int rows, int columns) {}
void landmark_dense_gather(const float *input, long inputStride, int rows, const int *indices, int count,
                           const float *weights, long weightStride, int columns, float *output, long outputStride,
                           float *pack) {}
void landmark_depthwise_row(const float *rows, long rowCount, long rowStep, const float *weights,
                            long weightRowStep, long channels, long inputWidth, long outputWidth,
                            long kernelW, long strideW, long dilW, long padLeft, const float *bias,
                            int activation, float alpha, float *output) {}
void landmark_sigmoid(const float *input, float *output, long count) {}
void landmark_swish(const float *input, float *output, long count) {}
long landmark_sgemm_packed_count(long depth, long columns) { return 0; }
void landmark_sgemm_pack(const float *b, long bStride, long depth, long columns, float *packed) {}
void landmark_sgemm_packed(long rows, long columns, long depth, const float *a, long aStride, const float *packed,
                           float *c, long cStride) {}
void landmark_sgemm_packed_finish(long rows, long columns, long depth, const float *a, long aStride,
                                  const float *packed, float *c, long cStride, const float *bias,
                                  const float *residual, int activation, float alpha, int avx512) {}
void landmark_bilinear_sample_rgb(const unsigned char *base, long width, long height, long channels,
                                  const double *xs, const double *ys, long count, int zeroBorder, float *output) {}
long landmark_conv_planar_scratch(long kernelH, long kernelW, long channels, long outputWidth) { return 0; }
void landmark_conv_planar_rows(const float *image, long inputHeight, long inputWidth, long channels, long firstRow,
                               long rowCount, long padTop, long padLeft, long kernelH, long kernelW,
                               long outputWidth, const float *filter, long outputChannels, const float *bias,
                               int activation, float alpha, const float *slopes, int finishes, float *planes,
                               float *output, long rowStride, long pixelStride) {}
void landmark_pointwise_narrow(const float *input, long pixels, long depth, long inputStride, const float *filter,
                               long outputChannels, const float *bias, int activation, float alpha,
                               const float *slopes, int finishes, float *output) {}
void landmark_supersample_row(const unsigned char *base, long width, long height, long channels,
                              const double *xs, const double *ys, long samples, long count, double *sums) {}

#endif
