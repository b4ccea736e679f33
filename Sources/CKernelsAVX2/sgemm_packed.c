// C = A B with B packed once into 16-column panels: register blocks of 6 rows x 16 columns (12 accumulators), AVX2
// + FMA, or on CPUs with AVX-512 blocks of 12 rows x 16 columns (one 16-float register a row). Each output is one
// fused multiply-add chain over k in order from zero, whatever block or instruction set computes it, so both give
// the same bits. The fused form finishes each block in registers: + bias, + residual, then the activation, each
// step one rounding as the separate Swift pass rounds it.
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

/// What a fused call adds and applies after the product (pointers at the block's first column; `residual` laid out
/// as C).
typedef struct {
    const float *bias;
    const float *residual;
    int activation;
    float alpha;
} Epilogue;

static inline __attribute__((always_inline)) AVX2FMA void block(const int rows, long depth, const float *a,
                                                                long aStride, const float *panel, float *c,
                                                                long cStride, long columns, const Epilogue *e) {
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
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i maskLow = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns), lanes);
    const __m256i maskHigh = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)columns - 8), lanes);
    if (e) {
        const __m256 alpha = _mm256_set1_ps(e->alpha);
        const __m256 biasLow = e->bias ? _mm256_maskload_ps(e->bias, maskLow) : _mm256_setzero_ps();
        const __m256 biasHigh = e->bias ? _mm256_maskload_ps(e->bias + 8, maskHigh) : _mm256_setzero_ps();
        for (int r = 0; r < rows; r++) {
            if (e->bias) {
                low[r] = _mm256_add_ps(low[r], biasLow);
                high[r] = _mm256_add_ps(high[r], biasHigh);
            }
            if (e->residual) {
                low[r] = _mm256_add_ps(low[r], _mm256_maskload_ps(e->residual + r * cStride, maskLow));
                high[r] = _mm256_add_ps(high[r], _mm256_maskload_ps(e->residual + r * cStride + 8, maskHigh));
            }
            low[r] = landmark_activate8(low[r], e->activation, alpha);
            high[r] = landmark_activate8(high[r], e->activation, alpha);
        }
    }
    if (columns == PANEL) {
        for (int r = 0; r < rows; r++) {
            _mm256_storeu_ps(c + r * cStride, low[r]);
            _mm256_storeu_ps(c + r * cStride + 8, high[r]);
        }
    } else {
        for (int r = 0; r < rows; r++) {
            _mm256_maskstore_ps(c + r * cStride, maskLow, low[r]);
            _mm256_maskstore_ps(c + r * cStride + 8, maskHigh, high[r]);
        }
    }
}

static inline __attribute__((always_inline)) AVX512 void block512(const int rows, long depth, const float *a,
                                                                  long aStride, const float *panel, float *c,
                                                                  long cStride, long columns, const Epilogue *e) {
    __m512 sum[12];
    for (int r = 0; r < rows; r++) sum[r] = _mm512_setzero_ps();
    for (long k = 0; k < depth; k++) {
        const __m512 b = _mm512_loadu_ps(panel + k * PANEL);
        for (int r = 0; r < rows; r++) sum[r] = _mm512_fmadd_ps(_mm512_set1_ps(a[r * aStride + k]), b, sum[r]);
    }
    const __mmask16 mask = columns >= PANEL ? (__mmask16)0xFFFF : (__mmask16)((1u << columns) - 1);
    if (e) {
        const __m512 alpha = _mm512_set1_ps(e->alpha);
        const __m512 bias = e->bias ? _mm512_maskz_loadu_ps(mask, e->bias) : _mm512_setzero_ps();
        for (int r = 0; r < rows; r++) {
            if (e->bias) sum[r] = _mm512_add_ps(sum[r], bias);
            if (e->residual) sum[r] = _mm512_add_ps(sum[r], _mm512_maskz_loadu_ps(mask, e->residual + r * cStride));
            sum[r] = landmark_activate16(sum[r], e->activation, alpha);
        }
    }
    for (int r = 0; r < rows; r++) _mm512_mask_storeu_ps(c + r * cStride, mask, sum[r]);
}

/// The epilogue of the block at column `first` and row `row`, or NULL.
static inline __attribute__((always_inline)) const Epilogue *shifted(const Epilogue *e, Epilogue *storage,
                                                                    long row, long first, long cStride) {
    if (!e) return 0;
    storage->bias = e->bias ? e->bias + first : 0;
    storage->residual = e->residual ? e->residual + row * cStride + first : 0;
    storage->activation = e->activation;
    storage->alpha = e->alpha;
    return storage;
}

/// Runs one block of `rows` (at most a block's rows) with the block function of an instruction set.
typedef void (*BlockRunner)(int rows, long depth, const float *a, long aStride, const float *panel, float *c,
                            long cStride, long columns, const Epilogue *e);

#define BLOCK_CASE(function, n) \
    case n: function(n, depth, a, aStride, panel, c, cStride, columns, e); break;

static AVX512 void rows512(int rows, long depth, const float *a, long aStride, const float *panel, float *c,
                           long cStride, long columns, const Epilogue *e) {
    switch (rows) {
        BLOCK_CASE(block512, 12) BLOCK_CASE(block512, 11) BLOCK_CASE(block512, 10) BLOCK_CASE(block512, 9)
        BLOCK_CASE(block512, 8) BLOCK_CASE(block512, 7) BLOCK_CASE(block512, 6) BLOCK_CASE(block512, 5)
        BLOCK_CASE(block512, 4) BLOCK_CASE(block512, 3) BLOCK_CASE(block512, 2) BLOCK_CASE(block512, 1)
    default: break;
    }
}

static AVX2FMA void rows256(int rows, long depth, const float *a, long aStride, const float *panel, float *c,
                            long cStride, long columns, const Epilogue *e) {
    switch (rows) {
        BLOCK_CASE(block, 6) BLOCK_CASE(block, 5) BLOCK_CASE(block, 4) BLOCK_CASE(block, 3) BLOCK_CASE(block, 2)
        BLOCK_CASE(block, 1)
    default: break;
    }
}

#undef BLOCK_CASE

/// Every 16-column panel, in blocks of `blockRows` rows (the last block of a panel may have fewer).
static void sgemm_blocks(long rows, long columns, long depth, const float *a, long aStride, const float *packed,
                         float *c, long cStride, const Epilogue *e, int blockRows, BlockRunner run) {
    Epilogue local;
    for (long first = 0; first < columns; first += PANEL) {
        const long width = columns - first < PANEL ? columns - first : PANEL;
        const float *panel = packed + (first / PANEL) * depth * PANEL;
        for (long r = 0; r < rows; r += blockRows) {
            const int n = rows - r < blockRows ? (int)(rows - r) : blockRows;
            run(n, depth, a + r * aStride, aStride, panel, c + r * cStride + first, cStride, width,
                shifted(e, &local, r, first, cStride));
        }
    }
}

void landmark_sgemm_packed(long rows, long columns, long depth, const float *a, long aStride, const float *packed,
                           float *c, long cStride) {
    if (landmark_avx512_available()) {
        sgemm_blocks(rows, columns, depth, a, aStride, packed, c, cStride, 0, 12, rows512);
    } else {
        sgemm_blocks(rows, columns, depth, a, aStride, packed, c, cStride, 0, 6, rows256);
    }
}

void landmark_sgemm_packed_finish(long rows, long columns, long depth, const float *a, long aStride,
                                  const float *packed, float *c, long cStride, const float *bias,
                                  const float *residual, int activation, float alpha, int avx512) {
    const Epilogue e = {bias, residual, activation, alpha};
    if (avx512 && landmark_avx512_available()) {
        sgemm_blocks(rows, columns, depth, a, aStride, packed, c, cStride, &e, 12, rows512);
    } else {
        sgemm_blocks(rows, columns, depth, a, aStride, packed, c, cStride, &e, 6, rows256);
    }
}

#endif
