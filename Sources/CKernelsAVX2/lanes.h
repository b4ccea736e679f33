// Shared by the AVX2 kernels: the target attribute, the bias + activation step and the two-pass Winograd tile
// transforms (each variant supplies its tile size and line functions).
#ifndef LANDMARK_LANES_H
#define LANDMARK_LANES_H

#include "CKernelsAVX2.h"

#if defined(__x86_64__) || defined(__i386__)
#define LANDMARK_X86 1
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

// The activation (0 none, 1 ReLU, 2 ReLU6, 3 leaky ReLU with `alpha`, 4 hard-swish) of x: compare + blend, so NaN
// passes through as in the Swift lanes.
static inline AVX2 __m256 landmark_activate8(__m256 x, int activation, __m256 alpha) {
    const __m256 zero = _mm256_setzero_ps();
    switch (activation) {
    case 1:
        return _mm256_blendv_ps(x, zero, _mm256_cmp_ps(x, zero, _CMP_LE_OQ));
    case 2: {
        __m256 positive = _mm256_blendv_ps(x, zero, _mm256_cmp_ps(x, zero, _CMP_LE_OQ));
        const __m256 six = _mm256_set1_ps(6);
        return _mm256_blendv_ps(positive, six, _mm256_cmp_ps(positive, six, _CMP_GT_OQ));
    }
    case 3:
        return _mm256_blendv_ps(x, _mm256_mul_ps(x, alpha), _mm256_cmp_ps(x, zero, _CMP_LE_OQ));
    case 4: {
        // Hard-swish: x * (relu6(x + 3) * (1/6)), each operation rounded as in the Swift lanes.
        const __m256 shifted = _mm256_add_ps(x, _mm256_set1_ps(3));
        const __m256 positive = _mm256_blendv_ps(shifted, zero, _mm256_cmp_ps(shifted, zero, _CMP_LE_OQ));
        const __m256 six = _mm256_set1_ps(6);
        const __m256 clamped = _mm256_blendv_ps(positive, six, _mm256_cmp_ps(positive, six, _CMP_GT_OQ));
        return _mm256_mul_ps(x, _mm256_mul_ps(clamped, _mm256_set1_ps(1.0f / 6.0f)));
    }
    default:
        return x;
    }
}

// x + bias, then the activation (see `landmark_activate8`).
static inline AVX2 __m256 landmark_finish8(__m256 y, __m256 bias, int activation, __m256 alpha) {
    return landmark_activate8(_mm256_add_ps(y, bias), activation, alpha);
}

#define AVX512 __attribute__((target("avx512f")))

// `landmark_activate8` on 16 lanes.
static inline AVX512 __m512 landmark_activate16(__m512 x, int activation, __m512 alpha) {
    const __m512 zero = _mm512_setzero_ps();
    switch (activation) {
    case 1:
        return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_LE_OQ), x, zero);
    case 2: {
        const __m512 positive = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_LE_OQ), x, zero);
        const __m512 six = _mm512_set1_ps(6);
        return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(positive, six, _CMP_GT_OQ), positive, six);
    }
    case 3:
        return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_LE_OQ), x, _mm512_mul_ps(x, alpha));
    case 4: {
        const __m512 shifted = _mm512_add_ps(x, _mm512_set1_ps(3));
        const __m512 positive = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(shifted, zero, _CMP_LE_OQ), shifted, zero);
        const __m512 six = _mm512_set1_ps(6);
        const __m512 clamped = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(positive, six, _CMP_GT_OQ), positive, six);
        return _mm512_mul_ps(x, _mm512_mul_ps(clamped, _mm512_set1_ps(1.0f / 6.0f)));
    }
    default:
        return x;
    }
}

/// `V = Bᵀ d B` of one `n x n` tile for 8 channels, in two passes: `line` (Bᵀ applied to `n` values) along each
/// row into a stack buffer, then along each of its columns; plane `k * n + c` of the result goes to
/// `destination + (k * n + c) * planeStride`. Inlined into each variant with its `n` and `line`.
static inline __attribute__((always_inline)) AVX2 void landmark_input_tile8(
    const float *source, long rowStride, long columnStride, float *destination, long planeStride, int n,
    void (*line)(const __m256 *, __m256 *)) {
    __m256 t[36];  // t[n * c + r]: Bᵀ applied to row r, value c
    for (int r = 0; r < n; r++) {
        const float *row = source + r * rowStride;
        __m256 d[6], out[6];
        for (int c = 0; c < n; c++) d[c] = _mm256_loadu_ps(row + c * columnStride);
        line(d, out);
        for (int c = 0; c < n; c++) t[n * c + r] = out[c];
    }
    for (int c = 0; c < n; c++) {
        __m256 v[6];
        line(t + n * c, v);
        float *base = destination + c * planeStride;
        for (int k = 0; k < n; k++) _mm256_storeu_ps(base + n * k * planeStride, v[k]);
    }
}

/// `Y = Aᵀ M A` of one tile (`n x n` planes, `m x m` outputs) for 8 channels, then bias and activation, into the
/// top-left `rows x columns` of the output tile; `line` is Aᵀ applied to `n` values. Two passes, as the input.
static inline __attribute__((always_inline)) AVX2 void landmark_output_tile8(
    const float *source, long planeStride, const float *bias, int activation, float alpha, float *destination,
    long rowStride, long columnStride, int rows, int columns, int n, int m, void (*line)(const __m256 *, __m256 *)) {
    const __m256 b = bias ? _mm256_loadu_ps(bias) : _mm256_setzero_ps();
    const __m256 a = _mm256_set1_ps(alpha);
    __m256 s[24];  // s[n * c + r]: row r of M A, value c
    for (int r = 0; r < n; r++) {
        const float *row = source + n * r * planeStride;
        __m256 values[6], out[4];
        for (int c = 0; c < n; c++) values[c] = _mm256_loadu_ps(row + c * planeStride);
        line(values, out);
        for (int c = 0; c < m; c++) s[n * c + r] = out[c];
    }
    for (int c = 0; c < columns; c++) {
        __m256 y[4];
        line(s + n * c, y);
        float *base = destination + c * columnStride;
        for (int r = 0; r < rows; r++) _mm256_storeu_ps(base + r * rowStride, landmark_finish8(y[r], b, activation, a));
    }
}

#else
#define LANDMARK_X86 0
#endif

#endif
