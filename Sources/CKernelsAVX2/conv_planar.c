// Output rows of a stride-1 convolution with few input channels (1 to 4) and few output channels (1 to 12), such as
// a detector's first layer on RGB pixels, 8 output pixels per register: each input row's channels are copied once
// into zero-padded planes (a ring of one plane set per filter row), so that a tap's 8 pixels are one load, and each
// output channel keeps one accumulator; the accumulators are transposed back to pixels for the stores. Every output
// is one fused multiply-add chain over the taps in (row, column, channel) order from zero, as the im2col GEMM
// computes it; the bias, activation and PReLU then run in registers as the separate output pass runs them.
#include "lanes.h"

#if LANDMARK_X86

#define AVX2FMA __attribute__((target("avx2,fma")))

static long plane_width(long kernelW, long outputWidth) { return (outputWidth + 7) / 8 * 8 + kernelW - 1; }

long landmark_conv_planar_scratch(long kernelH, long kernelW, long channels, long outputWidth) {
    return kernelH * channels * plane_width(kernelW, outputWidth);
}

// r[i] = row i of an 8x8 block -> r[j] = column j.
static inline AVX2FMA void transpose8(__m256 r[8]) {
    __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
    __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
    __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
    __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
    __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    r[0] = _mm256_permute2f128_ps(u0, u4, 0x20);
    r[1] = _mm256_permute2f128_ps(u1, u5, 0x20);
    r[2] = _mm256_permute2f128_ps(u2, u6, 0x20);
    r[3] = _mm256_permute2f128_ps(u3, u7, 0x20);
    r[4] = _mm256_permute2f128_ps(u0, u4, 0x31);
    r[5] = _mm256_permute2f128_ps(u1, u5, 0x31);
    r[6] = _mm256_permute2f128_ps(u2, u6, 0x31);
    r[7] = _mm256_permute2f128_ps(u3, u7, 0x31);
}

// acc[n] (8 pixels of output channel n) + bias[n], the activation, then the PReLU with slopes[n], as the output
// pass (`BiasActivation`) computes them.
static inline __attribute__((always_inline)) AVX2FMA void finish_channels(const int oc, __m256 *acc, const float *bias,
                                                                          int activation, float alpha,
                                                                          const float *slopes) {
    const __m256 zero = _mm256_setzero_ps(), alphas = _mm256_set1_ps(alpha);
#pragma clang loop unroll(full)
    for (int n = 0; n < oc; n++) {
        __m256 x = landmark_finish8(acc[n], bias ? _mm256_broadcast_ss(bias + n) : zero, activation, alphas);
        if (slopes) {
            x = _mm256_blendv_ps(x, _mm256_mul_ps(x, _mm256_broadcast_ss(slopes + n)), _mm256_cmp_ps(x, zero, _CMP_LE_OQ));
        }
        acc[n] = x;
    }
}

// One output row from the planes of its filter rows (`rowPlanes[dy]`: that input row's `channels` planes).
static inline __attribute__((always_inline)) AVX2FMA void row(const int oc, const float *const *rowPlanes,
                                                              long planeWidth, long kernelH, long kernelW,
                                                              long channels, long outputWidth, const float *filter,
                                                              const float *bias, int activation, float alpha,
                                                              const float *slopes, int finishes, float *output,
                                                              long pixelStride) {
    const __m256 zero = _mm256_setzero_ps();
    for (long ow = 0; ow < outputWidth; ow += 8) {
        __m256 acc[16];
#pragma clang loop unroll(full)
        for (int n = 0; n < 16; n++) acc[n] = _mm256_setzero_ps();
        const float *w = filter;
        for (long dy = 0; dy < kernelH; dy++) {
            const float *planes = rowPlanes[dy] + ow;
            for (long dx = 0; dx < kernelW; dx++) {
                for (long ci = 0; ci < channels; ci++, w += oc) {
                    const __m256 v = _mm256_loadu_ps(planes + ci * planeWidth + dx);
#pragma clang loop unroll(full)
                    for (int n = 0; n < oc; n++) acc[n] = _mm256_fmadd_ps(v, _mm256_broadcast_ss(w + n), acc[n]);
                }
            }
        }
        if (finishes) finish_channels(oc, acc, bias, activation, alpha, slopes);
        // Channels in groups of 8, transposed to pixels: low[i] holds pixel i's channels 0-7, high[i] its 8-15.
        __m256 low[8], high[8];
#pragma clang loop unroll(full)
        for (int k = 0; k < 8; k++) {
            low[k] = k < oc ? acc[k] : zero;
            high[k] = k + 8 < oc ? acc[k + 8] : zero;
        }
        transpose8(low);
        if (oc > 8) transpose8(high);
        const long count = outputWidth - ow < 8 ? outputWidth - ow : 8;
        // Each pixel's channels as 8-float stores, pixel after pixel: a narrower group spills into the following
        // pixels of the row, whose own stores overwrite it later; where the spill would pass the row's end (or the
        // output is strided) the group is stored value by value.
        const int lowWidth = oc < 8 ? oc : 8, highWidth = oc - lowWidth;
        const long rowEnd = outputWidth * oc;
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) {
            if (i >= count) break;
            float *o = output + (ow + i) * pixelStride;
            const long start = (ow + i) * oc;
            if (lowWidth == 8 || (pixelStride == oc && start + 8 <= rowEnd)) {
                _mm256_storeu_ps(o, low[i]);
            } else {
                float values[8];
                _mm256_storeu_ps(values, low[i]);
                for (int k = 0; k < lowWidth; k++) o[k] = values[k];
            }
            if (highWidth == 0) continue;
            if (highWidth == 8 || (pixelStride == oc && start + 16 <= rowEnd)) {
                _mm256_storeu_ps(o + 8, high[i]);
            } else {
                float values[8];
                _mm256_storeu_ps(values, high[i]);
                for (int k = 0; k < highWidth; k++) o[8 + k] = values[k];
            }
        }
    }
}

AVX2FMA void landmark_conv_planar_rows(const float *image, long inputHeight, long inputWidth, long channels,
                                       long firstRow, long rowCount, long padTop, long padLeft, long kernelH,
                                       long kernelW, long outputWidth, const float *filter, long outputChannels,
                                       const float *bias, int activation, float alpha, const float *slopes,
                                       int finishes, float *planes, float *output, long rowStride,
                                       long pixelStride) {
    if (kernelH > 64 || outputChannels < 1 || outputChannels > 12) return;
    const long planeWidth = plane_width(kernelW, outputWidth);
    const long setFloats = channels * planeWidth;
    // Input row y's planes live in slot y mod kernelH; `filled` is the input row the slot holds.
    long filled[64];
    for (long k = 0; k < kernelH; k++) filled[k] = -1 - inputHeight - kernelH;
    for (long r = 0; r < rowCount; r++) {
        const long outputRow = firstRow + r;
        const float *rowPlanes[64];
        for (long dy = 0; dy < kernelH; dy++) {
            const long y = outputRow + dy - padTop;
            const long slot = ((y % kernelH) + kernelH) % kernelH;
            float *set = planes + slot * setFloats;
            if (filled[slot] != y) {
                filled[slot] = y;
                for (long ci = 0; ci < channels; ci++) {
                    float *plane = set + ci * planeWidth;
                    if (y < 0 || y >= inputHeight) {
                        for (long x = 0; x < planeWidth; x++) plane[x] = 0;
                        continue;
                    }
                    const float *source = image + y * inputWidth * channels + ci;
                    for (long xp = 0; xp < planeWidth; xp++) {
                        const long x = xp - padLeft;
                        plane[xp] = x >= 0 && x < inputWidth ? source[x * channels] : 0;
                    }
                }
            }
            rowPlanes[dy] = set;
        }
        float *o = output + r * rowStride;
        switch (outputChannels) {
#define CASE(k) case k: row(k, rowPlanes, planeWidth, kernelH, kernelW, channels, outputWidth, filter, bias, activation, alpha, slopes, finishes, o, pixelStride); break;
        CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6) CASE(7) CASE(8) CASE(9) CASE(10) CASE(11) CASE(12)
#undef CASE
        default: break;
        }
    }
}


// Pixels p .. p+7 of a pointwise product with `oc` (1 to 8) outputs: inputs transposed 8 channels at a time so that
// each output keeps one accumulator over 8 pixels.
static inline __attribute__((always_inline)) AVX2FMA void narrow_block(const int oc, const float *const rows[8],
                                                                       long depth, const float *filter,
                                                                       const float *bias, int activation,
                                                                       float alpha, const float *slopes,
                                                                       int finishes, __m256 out[8]) {
    const __m256 zero = _mm256_setzero_ps();
    __m256 acc[8];
#pragma clang loop unroll(full)
    for (int n = 0; n < 8; n++) acc[n] = zero;
    long k = 0;
    for (; k + 8 <= depth; k += 8) {
        __m256 v[8];
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) v[i] = _mm256_loadu_ps(rows[i] + k);
        transpose8(v);
        const float *w = filter + k * oc;
#pragma clang loop unroll(full)
        for (int j = 0; j < 8; j++) {
#pragma clang loop unroll(full)
            for (int n = 0; n < oc; n++) acc[n] = _mm256_fmadd_ps(v[j], _mm256_broadcast_ss(w + j * oc + n), acc[n]);
        }
    }
    for (; k < depth; k++) {
        const __m256 v = _mm256_setr_ps(rows[0][k], rows[1][k], rows[2][k], rows[3][k], rows[4][k], rows[5][k],
                                        rows[6][k], rows[7][k]);
#pragma clang loop unroll(full)
        for (int n = 0; n < oc; n++) acc[n] = _mm256_fmadd_ps(v, _mm256_broadcast_ss(filter + k * oc + n), acc[n]);
    }
    if (finishes) finish_channels(oc, acc, bias, activation, alpha, slopes);
    transpose8(acc);
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) out[i] = acc[i];
}

static inline __attribute__((always_inline)) AVX2FMA void narrow(const int oc, const float *input, long pixels,
                                                                 long depth, long inputStride, const float *filter,
                                                                 const float *bias, int activation, float alpha,
                                                                 const float *slopes, int finishes, float *output) {
    const long end = pixels * oc;
    long p = 0;
    for (; p + 8 <= pixels; p += 8) {
        const float *rows[8];
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) rows[i] = input + (p + i) * inputStride;
        __m256 out[8];
        narrow_block(oc, rows, depth, filter, bias, activation, alpha, slopes, finishes, out);
        // Pixel after pixel, 8-float stores that spill into the following pixels (rewritten by their own store)
        // while that stays inside the output; the rest value by value.
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) {
            float *o = output + (p + i) * oc;
            if ((p + i) * oc + 8 <= end) {
                _mm256_storeu_ps(o, out[i]);
            } else {
                float values[8];
                _mm256_storeu_ps(values, out[i]);
                for (int n = 0; n < oc; n++) o[n] = values[n];
            }
        }
    }
    if (p < pixels) {
        // The last pixels, the missing rows read as the first (their results are dropped).
        const float *rows[8];
        for (int i = 0; i < 8; i++) rows[i] = input + (p + i < pixels ? p + i : p) * inputStride;
        __m256 out[8];
        narrow_block(oc, rows, depth, filter, bias, activation, alpha, slopes, finishes, out);
        for (long i = 0; p + i < pixels; i++) {
            float values[8];
            _mm256_storeu_ps(values, out[i]);
            for (int n = 0; n < oc; n++) output[(p + i) * oc + n] = values[n];
        }
    }
}

AVX2FMA void landmark_pointwise_narrow(const float *input, long pixels, long depth, long inputStride,
                                       const float *filter, long outputChannels, const float *bias, int activation,
                                       float alpha, const float *slopes, int finishes, float *output) {
    switch (outputChannels) {
#define CASE(k) case k: narrow(k, input, pixels, depth, inputStride, filter, bias, activation, alpha, slopes, finishes, output); break;
    CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6) CASE(7) CASE(8)
#undef CASE
    default: break;
    }
}

#endif
