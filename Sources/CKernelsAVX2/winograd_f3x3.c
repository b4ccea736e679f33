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
    __m256 t[25];  // t[5 * c + r]: Bᵀ applied to row r, value c
    for (int r = 0; r < 5; r++) {
        const float *row = source + r * rowStride;
        __m256 d[5], line[5];
        for (int c = 0; c < 5; c++) d[c] = _mm256_loadu_ps(row + c * columnStride);
        input_line(d, line);
        for (int c = 0; c < 5; c++) t[5 * c + r] = line[c];
    }
    for (int c = 0; c < 5; c++) {
        __m256 v[5];
        input_line(t + 5 * c, v);
        float *base = destination + c * planeStride;
        for (int k = 0; k < 5; k++) _mm256_storeu_ps(base + 5 * k * planeStride, v[k]);
    }
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
    const __m256 b = bias ? _mm256_loadu_ps(bias) : _mm256_setzero_ps();
    const __m256 a = _mm256_set1_ps(alpha);
    __m256 s[15];  // s[5 * c + r]: row r of M A, value c
    for (int r = 0; r < 5; r++) {
        const float *row = source + 5 * r * planeStride;
        __m256 m[5], line[3];
        for (int c = 0; c < 5; c++) m[c] = _mm256_loadu_ps(row + c * planeStride);
        output_line(m, line);
        for (int c = 0; c < 3; c++) s[5 * c + r] = line[c];
    }
    for (int c = 0; c < columns; c++) {
        __m256 y[3];
        output_line(s + 5 * c, y);
        float *base = destination + c * columnStride;
        for (int r = 0; r < rows; r++) _mm256_storeu_ps(base + r * rowStride, landmark_finish8(y[r], b, activation, a));
    }
}

#else

void landmark_f3x3_input8(const float *source, long rowStride, long columnStride, float *destination,
                          long planeStride) {}
void landmark_f3x3_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                           float *destination, long rowStride, long columnStride, int rows, int columns) {}

#endif
