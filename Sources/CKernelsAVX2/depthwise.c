// Depthwise convolution rows (channel multiplier 1) with AVX2 + FMA: channels 16 or 8 per block, 4 output pixels
// per block where their windows are inside the image horizontally; the other pixels one at a time, 32, 16 or 8
// channels per block, padding handled per pixel by the tap range.
#include "lanes.h"

#if LANDMARK_X86

#define AVX2FMA __attribute__((target("avx2,fma")))

// One output: + bias (when given), then the activation code of `landmark_finish8`, NaN passing through alike.
static inline float finish1(float sum, const float *bias, long channel, int activation, float alpha) {
    float x = bias ? sum + bias[channel] : sum + 0.0f;
    switch (activation) {
    case 1: return x <= 0 ? 0 : x;
    case 2: {
        float positive = x <= 0 ? 0 : x;
        return positive > 6 ? 6 : positive;
    }
    case 3: return x <= 0 ? x * alpha : x;
    case 4: {
        float shifted = x + 3;
        float clamped = shifted <= 0 ? 0 : (shifted > 6 ? 6 : shifted);
        return x * (clamped * (1.0f / 6.0f));
    }
    default: return x;
    }
}

// The horizontal tap range [*first, *end) of output column `ow` whose input column is inside the row.
static inline void tap_range(long ow, long strideW, long dilW, long padLeft, long kernelW, long inputWidth,
                             long *left, long *first, long *end) {
    long l = ow * strideW - padLeft;
    long f = 0;
    while (f < kernelW && l + f * dilW < 0) f++;
    long e = kernelW;
    while (e > f && l + (e - 1) * dilW >= inputWidth) e--;
    *left = l;
    *first = f;
    *end = e;
}

// One output pixel's `vectors` x 8 channels over the taps [first, end) of `rowCount` filter rows, one accumulator
// per 8 channels (independent chains), then + bias and the activation.
static inline __attribute__((always_inline)) AVX2FMA void pixel_block(
    const int vectors, const float *input, const float *weights, long rowCount, long rowStep, long weightRowStep,
    long first, long end, long tapStep, long c, const float *bias, long channel, int activation, __m256 alphas,
    float *output) {
    __m256 acc[4];
#pragma clang loop unroll(full)
    for (int v = 0; v < vectors; v++) acc[v] = _mm256_setzero_ps();
    for (long kh = 0; kh < rowCount; kh++) {
        const float *x = input;
        const float *w = weights;
        for (long tap = first; tap < end; tap++) {
#pragma clang loop unroll(full)
            for (int v = 0; v < vectors; v++) {
                acc[v] = _mm256_fmadd_ps(_mm256_loadu_ps(x + 8 * v), _mm256_loadu_ps(w + 8 * v), acc[v]);
            }
            x += tapStep;
            w += c;
        }
        input += rowStep;
        weights += weightRowStep;
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < vectors; v++) {
        const __m256 b = bias ? _mm256_loadu_ps(bias + channel + 8 * v) : _mm256_setzero_ps();
        _mm256_storeu_ps(output + 8 * v, landmark_finish8(acc[v], b, activation, alphas));
    }
}

AVX2FMA void landmark_depthwise_row(const float *rows, long rowCount, long rowStep, const float *weights,
                                    long weightRowStep, long channels, long inputWidth, long outputWidth,
                                    long kernelW, long strideW, long dilW, long padLeft, const float *bias,
                                    int activation, float alpha, float *output) {
    const __m256 zero = _mm256_setzero_ps(), alphas = _mm256_set1_ps(alpha);
#define FINISH(sum, channel) landmark_finish8(sum, bias ? _mm256_loadu_ps(bias + (channel)) : zero, activation, alphas)
    const long c = channels;
    const long tapStep = dilW * c;
    const long pixelStep = strideW * c;
    const long vectorEnd16 = c - c % 16;
    const long vectorEnd8 = c - c % 8;
    long ow = 0;
    while (ow < outputWidth) {
        long left, first, end;
        tap_range(ow, strideW, dilW, padLeft, kernelW, inputWidth, &left, &first, &end);
        if (first == 0 && end == kernelW && ow + 3 < outputWidth &&
            left + 3 * strideW + (kernelW - 1) * dilW < inputWidth) {
            const float *base = rows + left * c;
            long ch = 0;
            for (; ch < vectorEnd16; ch += 16) {
                __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                const float *rowInput = base + ch;
                const float *rowWeights = weights + ch;
                for (long kh = 0; kh < rowCount; kh++) {
                    const float *x = rowInput;
                    const float *w = rowWeights;
                    for (long tap = 0; tap < kernelW; tap++) {
                        __m256 wa = _mm256_loadu_ps(w), wb = _mm256_loadu_ps(w + 8);
                        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x), wa, a0);
                        b0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 8), wb, b0);
                        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + pixelStep), wa, a1);
                        b1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + pixelStep + 8), wb, b1);
                        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 2 * pixelStep), wa, a2);
                        b2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 2 * pixelStep + 8), wb, b2);
                        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 3 * pixelStep), wa, a3);
                        b3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 3 * pixelStep + 8), wb, b3);
                        x += tapStep;
                        w += c;
                    }
                    rowInput += rowStep;
                    rowWeights += weightRowStep;
                }
                float *o = output + ow * c + ch;
                _mm256_storeu_ps(o, FINISH(a0, ch));
                _mm256_storeu_ps(o + 8, FINISH(b0, ch + 8));
                _mm256_storeu_ps(o + c, FINISH(a1, ch));
                _mm256_storeu_ps(o + c + 8, FINISH(b1, ch + 8));
                _mm256_storeu_ps(o + 2 * c, FINISH(a2, ch));
                _mm256_storeu_ps(o + 2 * c + 8, FINISH(b2, ch + 8));
                _mm256_storeu_ps(o + 3 * c, FINISH(a3, ch));
                _mm256_storeu_ps(o + 3 * c + 8, FINISH(b3, ch + 8));
            }
            for (; ch < vectorEnd8; ch += 8) {
                __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
                const float *rowInput = base + ch;
                const float *rowWeights = weights + ch;
                for (long kh = 0; kh < rowCount; kh++) {
                    const float *x = rowInput;
                    const float *w = rowWeights;
                    for (long tap = 0; tap < kernelW; tap++) {
                        __m256 wv = _mm256_loadu_ps(w);
                        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x), wv, a0);
                        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + pixelStep), wv, a1);
                        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 2 * pixelStep), wv, a2);
                        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + 3 * pixelStep), wv, a3);
                        x += tapStep;
                        w += c;
                    }
                    rowInput += rowStep;
                    rowWeights += weightRowStep;
                }
                float *o = output + ow * c + ch;
                _mm256_storeu_ps(o, FINISH(a0, ch));
                _mm256_storeu_ps(o + c, FINISH(a1, ch));
                _mm256_storeu_ps(o + 2 * c, FINISH(a2, ch));
                _mm256_storeu_ps(o + 3 * c, FINISH(a3, ch));
            }
            for (; ch < c; ch++) {
                for (long pixel = 0; pixel < 4; pixel++) {
                    float sum = 0;
                    const float *rowInput = base + pixel * pixelStep + ch;
                    const float *rowWeights = weights + ch;
                    for (long kh = 0; kh < rowCount; kh++) {
                        for (long tap = 0; tap < kernelW; tap++) {
                            sum = __builtin_fmaf(rowInput[tap * tapStep], rowWeights[tap * c], sum);
                        }
                        rowInput += rowStep;
                        rowWeights += weightRowStep;
                    }
                    output[(ow + pixel) * c + ch] = finish1(sum, bias, ch, activation, alpha);
                }
            }
            ow += 4;
            continue;
        }
        // One pixel, taps [first, end) only; 32 or 16 channels at a time where they exist, so that independent
        // accumulators hide the latency of each channel's chain of multiply-adds.
        const float *base = rows + (left + first * dilW) * c;
        const float *weightBase = weights + first * c;
        long ch = 0;
        for (; ch + 32 <= c; ch += 32) {
            pixel_block(4, base + ch, weightBase + ch, rowCount, rowStep, weightRowStep, first, end, tapStep, c,
                        bias, ch, activation, alphas, output + ow * c + ch);
        }
        for (; ch < vectorEnd16; ch += 16) {
            pixel_block(2, base + ch, weightBase + ch, rowCount, rowStep, weightRowStep, first, end, tapStep, c,
                        bias, ch, activation, alphas, output + ow * c + ch);
        }
        for (; ch < vectorEnd8; ch += 8) {
            pixel_block(1, base + ch, weightBase + ch, rowCount, rowStep, weightRowStep, first, end, tapStep, c,
                        bias, ch, activation, alphas, output + ow * c + ch);
        }
        for (; ch < c; ch++) {
            float sum = 0;
            const float *rowInput = base + ch;
            const float *rowWeights = weightBase + ch;
            for (long kh = 0; kh < rowCount; kh++) {
                for (long tap = 0; tap < end - first; tap++) {
                    sum = __builtin_fmaf(rowInput[tap * tapStep], rowWeights[tap * c], sum);
                }
                rowInput += rowStep;
                rowWeights += weightRowStep;
            }
            output[ow * c + ch] = finish1(sum, bias, ch, activation, alpha);
        }
        ow += 1;
    }
#undef FINISH
}

#endif
