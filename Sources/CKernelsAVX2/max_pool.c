// One output row of a max pool whose windows lie inside the input, up to 32 channels per pass: every window tap is
// one load per 8 channels folded into independent accumulators, `max(x, best)` (x > best ? x : best: a NaN never
// wins, and of two equal values the one already held stays), from -FLT_MAX in window order, as Kernels' Swift loop.
#include "lanes.h"

#if LANDMARK_X86

#include <float.h>

// Pixel `corner`'s window for the `n` vectors at `offsets`.
static inline __attribute__((always_inline)) AVX2 void window_max(const int n, const float *corner, const long *offsets,
                                                                 long pixelStride, long rowStride, long windowHeight,
                                                                 long windowWidth, float *destination) {
    __m256 best[4];
#pragma clang loop unroll(full)
    for (int v = 0; v < n; v++) best[v] = _mm256_set1_ps(-FLT_MAX);
    for (long dy = 0; dy < windowHeight; dy++) {
        const float *row = corner + dy * rowStride;
        for (long dx = 0; dx < windowWidth; dx++) {
            const float *pixel = row + dx * pixelStride;
#pragma clang loop unroll(full)
            for (int v = 0; v < n; v++) best[v] = _mm256_max_ps(_mm256_loadu_ps(pixel + offsets[v]), best[v]);
        }
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < n; v++) _mm256_storeu_ps(destination + offsets[v], best[v]);
}

AVX2 void landmark_max_pool_row(const float *top, long pixelStride, long rowStride, long channels,
                                long windowHeight, long windowWidth, long strideWidth, long outputWidth,
                                float *output, long outputPixelStride) {
    if (channels < 8) return;
    for (long ow = 0; ow < outputWidth; ow++) {
        const float *corner = top + ow * strideWidth * pixelStride;
        float *destination = output + ow * outputPixelStride;
        for (long first = 0; first < channels; first += 32) {
            // Up to four vectors; the last one ends at the last channel, overlapping the one before when the
            // count is not a multiple of 8 (the same maxima again).
            long offsets[4];
            const long left = channels - first;
            const int n = left >= 32 ? 4 : (int)((left + 7) / 8);
            for (int v = 0; v < n; v++) {
                const long offset = first + 8 * v;
                offsets[v] = offset + 8 <= channels ? offset : channels - 8;
            }
            switch (n) {
            case 1: window_max(1, corner, offsets, pixelStride, rowStride, windowHeight, windowWidth, destination); break;
            case 2: window_max(2, corner, offsets, pixelStride, rowStride, windowHeight, windowWidth, destination); break;
            case 3: window_max(3, corner, offsets, pixelStride, rowStride, windowHeight, windowWidth, destination); break;
            default: window_max(4, corner, offsets, pixelStride, rowStride, windowHeight, windowWidth, destination); break;
            }
        }
    }
}

#endif
