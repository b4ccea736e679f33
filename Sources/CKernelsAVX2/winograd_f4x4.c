#include "lanes.h"

#if LANDMARK_X86

// Rows of Bᵀ: [4,0,-5,0,1,0], [0,-4,-4,1,1,0], [0,4,-4,-1,1,0], [0,-2,-1,2,1,0], [0,2,-1,-2,1,0], [0,4,0,-5,0,1].
// Separate multiplies and adds (no FMA: the target does not enable it), in the Swift lanes' order.
static inline AVX2 void input_line(const __m256 d[6], __m256 out[6]) {
    const __m256 four = _mm256_set1_ps(4), five = _mm256_set1_ps(5), two = _mm256_set1_ps(2);
    __m256 a = _mm256_sub_ps(d[4], _mm256_mul_ps(d[2], four));
    __m256 b = _mm256_sub_ps(d[3], _mm256_mul_ps(d[1], four));
    __m256 c = _mm256_sub_ps(d[4], d[2]);
    __m256 e = _mm256_mul_ps(_mm256_sub_ps(d[3], d[1]), two);
    out[0] = _mm256_add_ps(_mm256_sub_ps(_mm256_mul_ps(d[0], four), _mm256_mul_ps(d[2], five)), d[4]);
    out[1] = _mm256_add_ps(a, b);
    out[2] = _mm256_sub_ps(a, b);
    out[3] = _mm256_add_ps(c, e);
    out[4] = _mm256_sub_ps(c, e);
    out[5] = _mm256_add_ps(_mm256_sub_ps(_mm256_mul_ps(d[1], four), _mm256_mul_ps(d[3], five)), d[5]);
}

AVX2 void landmark_f4x4_input8(const float *source, long rowStride, long columnStride, float *destination,
                               long planeStride) {
    landmark_input_tile8(source, rowStride, columnStride, destination, planeStride, 6, input_line);
}

// Rows of Aᵀ: [1,1,1,1,1,0], [0,1,-1,2,-2,0], [0,1,1,4,4,0], [0,1,-1,8,-8,1].
static inline AVX2 void output_line(const __m256 m[6], __m256 out[4]) {
    __m256 a = _mm256_add_ps(m[1], m[2]), b = _mm256_sub_ps(m[1], m[2]);
    __m256 c = _mm256_add_ps(m[3], m[4]), d = _mm256_sub_ps(m[3], m[4]);
    out[0] = _mm256_add_ps(_mm256_add_ps(m[0], a), c);
    out[1] = _mm256_add_ps(b, _mm256_mul_ps(d, _mm256_set1_ps(2)));
    out[2] = _mm256_add_ps(a, _mm256_mul_ps(c, _mm256_set1_ps(4)));
    out[3] = _mm256_add_ps(_mm256_add_ps(b, _mm256_mul_ps(d, _mm256_set1_ps(8))), m[5]);
}

AVX2 void landmark_f4x4_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                                float *destination, long rowStride, long columnStride, int rows, int columns) {
    landmark_output_tile8(source, planeStride, bias, activation, alpha, destination, rowStride, columnStride, rows,
                          columns, 6, 4, output_line);
}

#endif
