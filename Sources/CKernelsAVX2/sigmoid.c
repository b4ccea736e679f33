// The logistic function 1 / (1 + e^-x), and swish x * sigmoid(x), on 8 floats at a time with AVX2 + FMA: e^-x from Cephes' expf polynomial
// (range reduction by ln 2 in two parts, degree-5 polynomial, exponent bits), then one exact division.
#include "lanes.h"

#if LANDMARK_X86

#define AVX2FMA __attribute__((target("avx2,fma")))

static inline AVX2FMA __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3365f)), _mm256_set1_ps(88.3762626647949f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

static inline AVX2FMA __m256 sigmoid8(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 y = _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
    // Where e^-x overflows the result is below the smallest normal float: 0, as the scalar form gives.
    y = _mm256_blendv_ps(y, _mm256_setzero_ps(), _mm256_cmp_ps(x, _mm256_set1_ps(-88.3762626647949f), _CMP_LT_OQ));
    return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));  // NaN stays NaN
}

AVX2FMA void landmark_sigmoid(const float *input, float *output, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(output + i, sigmoid8(_mm256_loadu_ps(input + i)));
    if (i < count) {
        // The tail through the same vector code, so an element's result never depends on where it lies.
        float lanes[8] = {0};
        for (long j = i; j < count; j++) lanes[j - i] = input[j];
        _mm256_storeu_ps(lanes, sigmoid8(_mm256_loadu_ps(lanes)));
        for (long j = i; j < count; j++) output[j] = lanes[j - i];
    }
}

static inline AVX2FMA __m256 swish8(__m256 x) { return _mm256_mul_ps(x, sigmoid8(x)); }

AVX2FMA void landmark_swish(const float *input, float *output, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(output + i, swish8(_mm256_loadu_ps(input + i)));
    if (i < count) {
        float lanes[8] = {0};
        for (long j = i; j < count; j++) lanes[j - i] = input[j];
        _mm256_storeu_ps(lanes, swish8(_mm256_loadu_ps(lanes)));
        for (long j = i; j < count; j++) output[j] = lanes[j - i];
    }
}

#endif
