// Shared by the AVX2 kernels: the target attribute and the bias + activation step of the output transforms.
#ifndef LANDMARK_LANES_H
#define LANDMARK_LANES_H

#include "CKernelsAVX2.h"

#if defined(__x86_64__) || defined(__i386__)
#define LANDMARK_X86 1
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

// x + bias, then the activation: compare + blend, so NaN passes through as in the Swift lanes.
static inline AVX2 __m256 landmark_finish8(__m256 y, __m256 bias, int activation, __m256 alpha) {
    const __m256 zero = _mm256_setzero_ps();
    __m256 x = _mm256_add_ps(y, bias);
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
    default:
        return x;
    }
}

#else
#define LANDMARK_X86 0
#endif

#endif
