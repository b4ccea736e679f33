#include "lanes.h"

// Weight rows per block: one block of 16-column panels (64 rows x 64 bytes per panel) stays in L1 while every
// group of rows uses it, and the whole block (64 rows x N) in L2.
enum { BLOCK_ROWS = 64, GROUP_ROWS = 6 };

// A panel's rows, and one line more, so that the panels of one row do not all fall in the same cache set.
static const long PANEL_STRIDE = BLOCK_ROWS * 16 + 16;

long landmark_dense_gather_pack_count(int columns) { return ((long)columns + 15) / 16 * PANEL_STRIDE; }

#if LANDMARK_X86

#define AVX2_FMA __attribute__((target("avx2,fma")))

// Lanes 0 ..< count of 8 set (count 0-8).
static inline AVX2_FMA __m256i lane_mask(int count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), lanes);
}

// `rows` (1-6) output rows x one 16-column panel: sums over the `count` gathered weight rows (their 16 floats of
// this panel, packed one after the other at `panel`), the inputs `input[r * inputStride + indices[i]]` broadcast.
// Starts from 0 (`first`) or from the sums in `output`, so that a row's blocks form one fused multiply-add chain in
// index order. `masked`: only the columns in `mask0`/`mask1` exist.
static inline __attribute__((always_inline)) AVX2_FMA void panel_rows(
    const float *input, long inputStride, int rows, const int *indices, int count, const float *panel, float *output,
    long outputStride, int first, int masked, __m256i mask0, __m256i mask1) {
    __m256 a0 = _mm256_setzero_ps(), b0 = a0, c0 = a0, d0 = a0, e0 = a0, f0 = a0;
    __m256 a1 = a0, b1 = a0, c1 = a0, d1 = a0, e1 = a0, f1 = a0;
// `OPERATION(r, sum0, sum1)` for each of the `rows` rows.
#define EACH_ROW(OPERATION) do { \
        OPERATION(0, a0, a1); \
        if (rows > 1) OPERATION(1, b0, b1); \
        if (rows > 2) OPERATION(2, c0, c1); \
        if (rows > 3) OPERATION(3, d0, d1); \
        if (rows > 4) OPERATION(4, e0, e1); \
        if (rows > 5) OPERATION(5, f0, f1); \
    } while (0)
#define LOAD(r, v0, v1) do { \
        float *o = output + (r) * outputStride; \
        v0 = masked ? _mm256_maskload_ps(o, mask0) : _mm256_loadu_ps(o); \
        v1 = masked ? _mm256_maskload_ps(o + 8, mask1) : _mm256_loadu_ps(o + 8); \
    } while (0)
    if (!first) EACH_ROW(LOAD);
#undef LOAD
    for (int i = 0; i < count; i++) {
        const long index = indices[i];
        const float *w = panel + 16 * i;
        const __m256 w0 = masked ? _mm256_maskload_ps(w, mask0) : _mm256_loadu_ps(w);
        const __m256 w1 = masked ? _mm256_maskload_ps(w + 8, mask1) : _mm256_loadu_ps(w + 8);
        const float *x = input + index;
        __m256 v = _mm256_broadcast_ss(x);
        a0 = _mm256_fmadd_ps(v, w0, a0);
        a1 = _mm256_fmadd_ps(v, w1, a1);
        if (rows > 1) { v = _mm256_broadcast_ss(x + inputStride); b0 = _mm256_fmadd_ps(v, w0, b0); b1 = _mm256_fmadd_ps(v, w1, b1); }
        if (rows > 2) { v = _mm256_broadcast_ss(x + 2 * inputStride); c0 = _mm256_fmadd_ps(v, w0, c0); c1 = _mm256_fmadd_ps(v, w1, c1); }
        if (rows > 3) { v = _mm256_broadcast_ss(x + 3 * inputStride); d0 = _mm256_fmadd_ps(v, w0, d0); d1 = _mm256_fmadd_ps(v, w1, d1); }
        if (rows > 4) { v = _mm256_broadcast_ss(x + 4 * inputStride); e0 = _mm256_fmadd_ps(v, w0, e0); e1 = _mm256_fmadd_ps(v, w1, e1); }
        if (rows > 5) { v = _mm256_broadcast_ss(x + 5 * inputStride); f0 = _mm256_fmadd_ps(v, w0, f0); f1 = _mm256_fmadd_ps(v, w1, f1); }
    }
#define STORE(r, v0, v1) do { \
        float *o = output + (r) * outputStride; \
        if (masked) { _mm256_maskstore_ps(o, mask0, v0); _mm256_maskstore_ps(o + 8, mask1, v1); } \
        else { _mm256_storeu_ps(o, v0); _mm256_storeu_ps(o + 8, v1); } \
    } while (0)
    EACH_ROW(STORE);
#undef STORE
#undef EACH_ROW
}

// All row groups of one panel for one block of indices: groups of 6 rows, then the rest (constant row counts, so
// each compiles to its own register-allocated loop).
static inline __attribute__((always_inline)) AVX2_FMA void panel_block(
    const float *input, long inputStride, int rows, const int *indices, int count, const float *panel, float *output,
    long outputStride, int first, int masked, __m256i mask0, __m256i mask1) {
    for (int r = 0; r < rows; r += GROUP_ROWS) {
        const float *x = input + r * inputStride;
        float *o = output + r * outputStride;
        switch (rows - r < GROUP_ROWS ? rows - r : GROUP_ROWS) {
        case 1: panel_rows(x, inputStride, 1, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        case 2: panel_rows(x, inputStride, 2, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        case 3: panel_rows(x, inputStride, 3, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        case 4: panel_rows(x, inputStride, 4, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        case 5: panel_rows(x, inputStride, 5, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        default: panel_rows(x, inputStride, 6, indices, count, panel, o, outputStride, first, masked, mask0, mask1); break;
        }
    }
}

// Copies the 16-column panels of weight rows `indices[0 ..< count]` to `pack`: panel `p`'s rows one after the other
// at `pack + p * panelStride` (the columns past `columns` in the last panel are not read; their lanes stay unused).
static inline AVX2_FMA void pack_rows(const float *weights, long weightStride, const int *indices, int count,
                                      int columns, float *pack, long panelStride) {
    const int full = columns / 16, rest = columns - 16 * full;
    const __m256i mask0 = lane_mask(rest < 8 ? rest : 8), mask1 = lane_mask(rest > 8 ? rest - 8 : 0);
    for (int i = 0; i < count; i++) {
        const float *source = weights + indices[i] * weightStride;
        float *destination = pack + 16 * i;
        for (int p = 0; p < full; p++, source += 16, destination += panelStride) {
            _mm256_storeu_ps(destination, _mm256_loadu_ps(source));
            _mm256_storeu_ps(destination + 8, _mm256_loadu_ps(source + 8));
        }
        if (rest > 0) {
            _mm256_storeu_ps(destination, _mm256_maskload_ps(source, mask0));
            _mm256_storeu_ps(destination + 8, _mm256_maskload_ps(source + 8, mask1));
        }
    }
}

AVX2_FMA void landmark_dense_gather(const float *input, long inputStride, int rows, const int *indices, int count,
                                    const float *weights, long weightStride, int columns, float *output,
                                    long outputStride, float *pack) {
    if (rows <= 0 || columns <= 0) return;
    if (count <= 0) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) output[r * outputStride + c] = 0;
        }
        return;
    }
    const __m256i all = _mm256_set1_epi32(-1);
    const int panels = (int)(((long)columns + 15) / 16);
    const long panelStride = PANEL_STRIDE;
    for (int block = 0; block < count; block += BLOCK_ROWS) {
        const int length = count - block < BLOCK_ROWS ? count - block : BLOCK_ROWS;
        pack_rows(weights, weightStride, indices + block, length, columns, pack, panelStride);
        for (int p = 0; p < panels; p++) {
            const int column = 16 * p, rest = columns - column;
            const float *panel = pack + p * panelStride;
            if (rest >= 16) {
                panel_block(input, inputStride, rows, indices + block, length, panel, output + column, outputStride,
                            block == 0, 0, all, all);
            } else {
                const __m256i mask0 = lane_mask(rest < 8 ? rest : 8), mask1 = lane_mask(rest > 8 ? rest - 8 : 0);
                panel_block(input, inputStride, rows, indices + block, length, panel, output + column, outputStride,
                            block == 0, 1, mask0, mask1);
            }
        }
    }
}

#endif
