#include "lanes.h"

#if LANDMARK_X86

// Rows of Bᵀ (5x5, points 0, ±1, 2, ∞) as the Swift `inputLine`: a = d3 - d1, then (d0 - d2)·2 + a, a - d1 - d2,
// a + (d1 - d2)·3, a, (d4 - d2) - a·2. Separate multiplies and adds, in the Swift lanes' order.
static inline AVX2 void input_line(const __m256 d[5], __m256 out[5]) {
    __m256 a = _mm256_sub_ps(d[3], d[1]);
    out[0] = _mm256_add_ps(_mm256_mul_ps(_mm256_sub_ps(d[0], d[2]), _mm256_set1_ps(2)), a);
    out[1] = _mm256_sub_ps(_mm256_sub_ps(a, d[1]), d[2]);
    out[2] = _mm256_add_ps(a, _mm256_mul_ps(_mm256_sub_ps(d[1], d[2]), _mm256_set1_ps(3)));
    out[3] = a;
    out[4] = _mm256_sub_ps(_mm256_sub_ps(d[4], d[2]), _mm256_mul_ps(a, _mm256_set1_ps(2)));
}

AVX2 void landmark_f3x3_input8(const float *source, long rowStride, long columnStride, float *destination,
                               long planeStride) {
    landmark_input_tile8(source, rowStride, columnStride, destination, planeStride, 5, input_line);
}

// Rows of Aᵀ (3x5) as the Swift `outputLine`: p = m1 + m2, q = m1 - m2, then m0 + p + m3, q + m3·2, p + m3·4 + m4.
static inline AVX2 void output_line(const __m256 m[5], __m256 out[3]) {
    __m256 p = _mm256_add_ps(m[1], m[2]), q = _mm256_sub_ps(m[1], m[2]);
    out[0] = _mm256_add_ps(_mm256_add_ps(m[0], p), m[3]);
    out[1] = _mm256_add_ps(q, _mm256_mul_ps(m[3], _mm256_set1_ps(2)));
    out[2] = _mm256_add_ps(_mm256_add_ps(p, _mm256_mul_ps(m[3], _mm256_set1_ps(4))), m[4]);
}

AVX2 void landmark_f3x3_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                                float *destination, long rowStride, long columnStride, int rows, int columns) {
    landmark_output_tile8(source, planeStride, bias, activation, alpha, destination, rowStride, columnStride, rows,
                          columns, 5, 3, output_line);
}

#endif
