// C = A B with B packed once into 16-column panels: register blocks of 6 rows x 16 columns (12 accumulators), AVX2
// + FMA, or on CPUs with AVX-512 blocks of 12 rows x 16 columns (one 16-float register a row). Each output is one
// fused multiply-add chain over k in order from zero, whatever block or instruction set computes it, so both give
// the same bits.
#include "lanes.h"

#if LANDMARK_X86

#define AVX2FMA __attribute__((target("avx2,fma")))
#define PANEL 16

long landmark_sgemm_packed_count(long depth, long columns) { return (columns + PANEL - 1) / PANEL * depth * PANEL; }

void landmark_sgemm_pack(const float *b, long bStride, long depth, long columns, float *packed) {
    for (long first = 0; first < columns; first += PANEL) {
        long width = columns - first < PANEL ? columns - first : PANEL;
        for (long k = 0; k < depth; k++) {
            const float *source = b + k * bStride + first;
            float *destination = packed + (first / PANEL) * depth * PANEL + k * PANEL;
            for (long j = 0; j < PANEL; j++) destination[j] = j < width ? source[j] : 0;
        }
    }
}

static inline __attribute__((always_inline)) AVX2FMA void block(const int rows, long depth, const float *a,
                                                                long aStride, const float *panel, float *c,
                                                                long cStride, long columns) {
    __m256 low[6], high[6];
    for (int r = 0; r < rows; r++) {
        low[r] = _mm256_setzero_ps();
        high[r] = _mm256_setzero_ps();
    }
    for (long k = 0; k < depth; k++) {
        const __m256 b0 = _mm256_loadu_ps(panel + k * PANEL);
        const __m256 b1 = _mm256_loadu_ps(panel + k * PANEL + 8);
        for (int r = 0; r < rows; r++) {
            const __m256 x = _mm256_broadcast_ss(a + r * aStride + k);
            low[r] = _mm256_fmadd_ps(x, b0, low[r]);
            high[r] = _mm256_fmadd_ps(x, b1, high[r]);
        }
    }
    if (columns == PANEL) {
        for (int r = 0; r < rows; r++) {
            _mm256_storeu_ps(c + r * cStride, low[r]);
            _mm256_storeu_ps(c + r * cStride + 8, high[r]);
        }
    } else {
        const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        const __m256i maskLow = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns), lanes);
        const __m256i maskHigh = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns - 8), lanes);
        for (int r = 0; r < rows; r++) {
            _mm256_maskstore_ps(c + r * cStride, maskLow, low[r]);
            _mm256_maskstore_ps(c + r * cStride + 8, maskHigh, high[r]);
        }
    }
}

#define AVX512 __attribute__((target("avx512f")))

static inline __attribute__((always_inline)) AVX512 void block512(const int rows, long depth, const float *a,
                                                                  long aStride, const float *panel, float *c,
                                                                  long cStride, long columns) {
    __m512 sum[12];
    for (int r = 0; r < rows; r++) sum[r] = _mm512_setzero_ps();
    for (long k = 0; k < depth; k++) {
        const __m512 b = _mm512_loadu_ps(panel + k * PANEL);
        for (int r = 0; r < rows; r++) sum[r] = _mm512_fmadd_ps(_mm512_set1_ps(a[r * aStride + k]), b, sum[r]);
    }
    const __mmask16 mask = columns >= PANEL ? (__mmask16)0xFFFF : (__mmask16)((1u << columns) - 1);
    for (int r = 0; r < rows; r++) _mm512_mask_storeu_ps(c + r * cStride, mask, sum[r]);
}

static AVX512 void sgemm_packed512(long rows, long columns, long depth, const float *a, long aStride,
                                   const float *packed, float *c, long cStride) {
    for (long first = 0; first < columns; first += PANEL) {
        const long width = columns - first < PANEL ? columns - first : PANEL;
        const float *panel = packed + (first / PANEL) * depth * PANEL;
        long r = 0;
        for (; r + 12 <= rows; r += 12) {
            block512(12, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width);
        }
        const float *ar = a + r * aStride;
        float *cr = c + r * cStride + first;
        switch (rows - r) {
        case 11: block512(11, depth, ar, aStride, panel, cr, cStride, width); break;
        case 10: block512(10, depth, ar, aStride, panel, cr, cStride, width); break;
        case 9: block512(9, depth, ar, aStride, panel, cr, cStride, width); break;
        case 8: block512(8, depth, ar, aStride, panel, cr, cStride, width); break;
        case 7: block512(7, depth, ar, aStride, panel, cr, cStride, width); break;
        case 6: block512(6, depth, ar, aStride, panel, cr, cStride, width); break;
        case 5: block512(5, depth, ar, aStride, panel, cr, cStride, width); break;
        case 4: block512(4, depth, ar, aStride, panel, cr, cStride, width); break;
        case 3: block512(3, depth, ar, aStride, panel, cr, cStride, width); break;
        case 2: block512(2, depth, ar, aStride, panel, cr, cStride, width); break;
        case 1: block512(1, depth, ar, aStride, panel, cr, cStride, width); break;
        default: break;
        }
    }
}

/// Whether the CPU and the operating system run AVX-512F.
static bool avx512Available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

AVX2FMA void landmark_sgemm_packed_avx2(long rows, long columns, long depth, const float *a, long aStride,
                                        const float *packed, float *c, long cStride) {
    for (long first = 0; first < columns; first += PANEL) {
        const long width = columns - first < PANEL ? columns - first : PANEL;
        const float *panel = packed + (first / PANEL) * depth * PANEL;
        long r = 0;
        for (; r + 6 <= rows; r += 6) {
            block(6, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width);
        }
        switch (rows - r) {
        case 5: block(5, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width); break;
        case 4: block(4, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width); break;
        case 3: block(3, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width); break;
        case 2: block(2, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width); break;
        case 1: block(1, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width); break;
        default: break;
        }
    }
}

void landmark_sgemm_packed(long rows, long columns, long depth, const float *a, long aStride, const float *packed,
                           float *c, long cStride) {
    if (avx512Available()) {
        sgemm_packed512(rows, columns, depth, a, aStride, packed, c, cStride);
    } else {
        landmark_sgemm_packed_avx2(rows, columns, depth, a, aStride, packed, c, cStride);
    }
}

#endif
