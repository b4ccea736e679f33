// Output rows of a convolution with few input channels (1 to 4) into many output channels, such as a network's first
// layer on RGB pixels, 8 output channels per register: each input row is copied once into a zero-padded row of a ring
// (one slot per filter row), so that every tap of an output pixel is one broadcast from it, and a block of pixels
// keeps one accumulator per pixel and 8 channels while the filter's packed channel vectors stream past. Every output
// is one fused multiply-add chain over the taps in (row, column, channel) order from zero, as the im2col GEMM computes
// it; the bias, activation and PReLU then run in registers as the separate output pass runs them.
#include "lanes.h"

#include <string.h>

#if LANDMARK_X86

#define AVX2FMA __attribute__((target("avx2,fma")))

static long ring_row_width(long kernelW, long outputWidth, long strideW) { return (outputWidth - 1) * strideW + kernelW; }

long landmark_conv_vector_rows_scratch(long kernelH, long kernelW, long channels, long outputWidth, long strideW) {
    return kernelH * channels * ring_row_width(kernelW, outputWidth, strideW);
}

long landmark_conv_vector_rows_packed_count(long kernelH, long kernelW, long channels, long outputChannels) {
    return kernelH * kernelW * channels * ((outputChannels + 7) / 8 * 8);
}

void landmark_conv_vector_rows_pack(const float *filter, long kernelH, long kernelW, long channels,
                                    long outputChannels, float *packed) {
    const long depth = kernelH * kernelW * channels, padded = (outputChannels + 7) / 8 * 8;
    for (long first = 0; first < padded; first += 16) {
        const long width = padded - first < 16 ? padded - first : 16;
        float *block = packed + first * depth;
        for (long k = 0; k < depth; k++) {
            for (long j = 0; j < width; j++) {
                const long n = first + j;
                block[k * width + j] = n < outputChannels ? filter[k * outputChannels + n] : 0;
            }
        }
    }
}

// `px` output pixels (`pixelStep` floats apart in the ring rows, from `rows[dy] + x0`) times `vb` channel vectors of
// the packed `block` ([depth][vb * 8]); the last vector holds `lastCount` real channels. `epilogue` is the activation
// code of `landmark_finish8` after the bias (then the PReLU with `slopes`), or -1 to store the sums as they are.
static inline __attribute__((always_inline)) AVX2FMA void pixel_block(
    const int vb, const int px, const int epilogue, const float *const *rows, long x0, long pixelStep, long kernelH,
    long tapsPerRow, const float *block, const float *bias, float alpha, const float *slopes, float *out,
    long pixelStride, long lastCount) {
    __m256 acc[12];
#pragma clang loop unroll(full)
    for (int i = 0; i < px * vb; i++) acc[i] = _mm256_setzero_ps();
    const float *w = block;
    for (long dy = 0; dy < kernelH; dy++) {
        const float *r = rows[dy] + x0;
        for (long j = 0; j < tapsPerRow; j++, w += vb * 8) {
            __m256 weights[2];
#pragma clang loop unroll(full)
            for (int v = 0; v < vb; v++) weights[v] = _mm256_loadu_ps(w + v * 8);
#pragma clang loop unroll(full)
            for (int p = 0; p < px; p++) {
                const __m256 b = _mm256_broadcast_ss(r + p * pixelStep + j);
#pragma clang loop unroll(full)
                for (int v = 0; v < vb; v++) acc[p * vb + v] = _mm256_fmadd_ps(b, weights[v], acc[p * vb + v]);
            }
        }
    }
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i lastMask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)lastCount), lanes);
    const __m256 zero = _mm256_setzero_ps(), alphas = _mm256_set1_ps(alpha);
#pragma clang loop unroll(full)
    for (int v = 0; v < vb; v++) {
        const __m256 b = epilogue >= 0 && bias ? _mm256_loadu_ps(bias + v * 8) : zero;
        const __m256 s = epilogue >= 0 && slopes ? _mm256_loadu_ps(slopes + v * 8) : zero;
#pragma clang loop unroll(full)
        for (int p = 0; p < px; p++) {
            __m256 x = acc[p * vb + v];
            if (epilogue >= 0) {
                x = landmark_finish8(x, b, epilogue, alphas);
                if (slopes) x = _mm256_blendv_ps(x, _mm256_mul_ps(x, s), _mm256_cmp_ps(x, zero, _CMP_LE_OQ));
            }
            float *o = out + p * pixelStride + v * 8;
            if (v < vb - 1 || lastCount == 8) {
                _mm256_storeu_ps(o, x);
            } else {
                _mm256_maskstore_ps(o, lastMask, x);
            }
        }
    }
}

// One output row's pixels for one channel block of `vb` vectors, `px` pixels at a time; the last block overlaps the
// one before it (its pixels are computed again, to the same bits) when the row is not a multiple of `px` pixels, and a
// row narrower than `px` goes one pixel at a time.
static inline __attribute__((always_inline)) AVX2FMA void block_row(
    const int vb, const int px, const int epilogue, const float *const *rows, long channels, long strideW,
    long kernelH, long kernelW, long outputWidth, const float *block, const float *bias, float alpha,
    const float *slopes, float *out, long pixelStride, long lastCount) {
    const long pixelStep = strideW * channels, taps = kernelW * channels;
    if (outputWidth < px) {
        for (long x = 0; x < outputWidth; x++) {
            pixel_block(vb, 1, epilogue, rows, x * pixelStep, pixelStep, kernelH, taps, block, bias, alpha, slopes,
                        out + x * pixelStride, pixelStride, lastCount);
        }
        return;
    }
    for (long x = 0;; x += px) {
        if (x + px > outputWidth) x = outputWidth - px;
        pixel_block(vb, px, epilogue, rows, x * pixelStep, pixelStep, kernelH, taps, block, bias, alpha, slopes,
                    out + x * pixelStride, pixelStride, lastCount);
        if (x + px == outputWidth) break;
    }
}

// The row's channel blocks, with the epilogue as a constant.
static inline __attribute__((always_inline)) AVX2FMA void channel_blocks(
    const int epilogue, const float *const *rows, long channels, long strideW, long kernelH, long kernelW,
    long outputWidth, const float *packed, long outputChannels, const float *bias, float alpha, const float *slopes,
    float *o, long pixelStride) {
    const long depth = kernelH * kernelW * channels, padded = (outputChannels + 7) / 8 * 8;
    for (long first = 0; first < padded; first += 16) {
        const long width = padded - first < 16 ? padded - first : 16;
        const long lastCount = outputChannels - (first + width - 8);
        const float *block = packed + first * depth;
        const float *b = bias ? bias + first : 0, *s = slopes ? slopes + first : 0;
        if (width == 8) {
            block_row(1, 12, epilogue, rows, channels, strideW, kernelH, kernelW, outputWidth, block, b, alpha, s,
                      o + first, pixelStride, lastCount);
        } else {
            block_row(2, 6, epilogue, rows, channels, strideW, kernelH, kernelW, outputWidth, block, b, alpha, s,
                      o + first, pixelStride, lastCount);
        }
    }
}

AVX2FMA void landmark_conv_vector_rows(const float *image, long inputHeight, long inputWidth, long channels,
                                       long firstRow, long rowCount, long padTop, long padLeft, long strideH,
                                       long strideW, long kernelH, long kernelW, long outputWidth,
                                       const float *packed, long outputChannels, const float *bias, int activation,
                                       float alpha, const float *slopes, int finishes, float *ring, float *output,
                                       long rowStride, long pixelStride) {
    if (kernelH < 1 || kernelH > 64 || kernelW < 1 || channels < 1 || channels > 4 || outputChannels < 1) return;
    if (strideH < 1 || strideW < 1 || outputWidth < 1) return;
    const long rowWidth = ring_row_width(kernelW, outputWidth, strideW);
    const long rowFloats = rowWidth * channels;
    // Input row y lives in slot y mod kernelH; `filled` is the input row the slot holds.
    long filled[64];
    for (long k = 0; k < kernelH; k++) filled[k] = -1 - inputHeight - kernelH;
    for (long r = 0; r < rowCount; r++) {
        const long outputRow = firstRow + r;
        const float *rows[64];
        for (long dy = 0; dy < kernelH; dy++) {
            const long y = outputRow * strideH + dy - padTop;
            const long slot = ((y % kernelH) + kernelH) % kernelH;
            float *row = ring + slot * rowFloats;
            if (filled[slot] != y) {
                filled[slot] = y;
                if (y < 0 || y >= inputHeight) {
                    for (long i = 0; i < rowFloats; i++) row[i] = 0;
                } else {
                    // Ring pixel xp is input pixel xp - padLeft: zeros, then the input's run, then zeros.
                    const float *source = image + y * inputWidth * channels;
                    long start = padLeft < 0 ? 0 : padLeft;
                    if (start > rowWidth) start = rowWidth;
                    long end = padLeft + inputWidth;
                    if (end > rowWidth) end = rowWidth;
                    if (end < start) end = start;
                    for (long i = 0; i < start * channels; i++) row[i] = 0;
                    memcpy(row + start * channels, source + (start - padLeft) * channels,
                           (size_t)((end - start) * channels) * sizeof(float));
                    for (long i = end * channels; i < rowFloats; i++) row[i] = 0;
                }
            }
            rows[dy] = row;
        }
        float *o = output + r * rowStride;
        const int epilogue = finishes ? activation : -1;
        switch (epilogue) {
#define CASE(k) case k: channel_blocks(k, rows, channels, strideW, kernelH, kernelW, outputWidth, packed, outputChannels, bias, alpha, slopes, o, pixelStride); break;
        CASE(-1) CASE(0) CASE(1) CASE(2) CASE(3) CASE(4)
#undef CASE
        default:
            // Any other code as `landmark_finish8` treats it, without a specialised loop.
            channel_blocks(epilogue, rows, channels, strideW, kernelH, kernelW, outputWidth, packed, outputChannels, bias,
                           alpha, slopes, o, pixelStride);
            break;
        }
    }
}

#else

long landmark_conv_vector_rows_scratch(long kernelH, long kernelW, long channels, long outputWidth, long strideW) {
    (void)kernelH; (void)kernelW; (void)channels; (void)outputWidth; (void)strideW;
    return 0;
}

long landmark_conv_vector_rows_packed_count(long kernelH, long kernelW, long channels, long outputChannels) {
    (void)kernelH; (void)kernelW; (void)channels; (void)outputChannels;
    return 0;
}

void landmark_conv_vector_rows_pack(const float *filter, long kernelH, long kernelW, long channels,
                                    long outputChannels, float *packed) {
    (void)filter; (void)kernelH; (void)kernelW; (void)channels; (void)outputChannels; (void)packed;
}

void landmark_conv_vector_rows(const float *image, long inputHeight, long inputWidth, long channels, long firstRow,
                               long rowCount, long padTop, long padLeft, long strideH, long strideW, long kernelH,
                               long kernelW, long outputWidth, const float *packed, long outputChannels,
                               const float *bias, int activation, float alpha, const float *slopes, int finishes,
                               float *ring, float *output, long rowStride, long pixelStride) {
    (void)image; (void)inputHeight; (void)inputWidth; (void)channels; (void)firstRow; (void)rowCount; (void)padTop;
    (void)padLeft; (void)strideH; (void)strideW; (void)kernelH; (void)kernelW; (void)outputWidth; (void)packed;
    (void)outputChannels; (void)bias; (void)activation; (void)alpha; (void)slopes; (void)finishes; (void)ring;
    (void)output; (void)rowStride; (void)pixelStride;
}

#endif
