// Bilinear samples of an 8-bit image at arbitrary positions (an affine warp's row), 8 positions per step with AVX2
// gathers. The arithmetic is that of the scalar reference in Kernels' `BilinearSampling`, operation by operation and
// without contracted multiply-adds, so both give the same bytes.
#include "lanes.h"

#pragma clang fp contract(off)

#if LANDMARK_X86

#include <math.h>
#include <stdint.h>

// One position, as the scalar reference: clamped, floored, weights, four neighbours clamped to the edge.
static inline void sample1(const uint8_t *base, long width, long height, long channels, long k1, long k2,
                           double x, double y, int zeroBorder, float *out) {
    const double maxX = (double)width, maxY = (double)height;
    if (zeroBorder && !(x >= 0 && x < maxX && y >= 0 && y < maxY)) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        return;
    }
    double sx = isnan(x) ? -1 : fmin(fmax(x - 0.5, -1), maxX);
    double sy = isnan(y) ? -1 : fmin(fmax(y - 0.5, -1), maxY);
    long x0 = (long)(sx + 1) - 1, y0 = (long)(sy + 1) - 1;
    float fx = (float)(sx - (double)x0), fy = (float)(sy - (double)y0);
    long c0 = x0 < 0 ? 0 : (x0 > width - 1 ? width - 1 : x0);
    long c1 = x0 + 1 < 0 ? 0 : (x0 + 1 > width - 1 ? width - 1 : x0 + 1);
    long r0 = y0 < 0 ? 0 : (y0 > height - 1 ? height - 1 : y0);
    long r1 = y0 + 1 < 0 ? 0 : (y0 + 1 > height - 1 ? height - 1 : y0 + 1);
    const uint8_t *p00 = base + (r0 * width + c0) * channels, *p01 = base + (r0 * width + c1) * channels;
    const uint8_t *p10 = base + (r1 * width + c0) * channels, *p11 = base + (r1 * width + c1) * channels;
    const long ks[3] = {0, k1, k2};
    for (int i = 0; i < 3; i++) {
        long k = ks[i];
        float a = p00[k], b = p01[k], c = p10[k], d = p11[k];
        float top = a + (b - a) * fx;
        float bottom = c + (d - c) * fx;
        float value = top + (bottom - top) * fy;
        float clamped = fminf(fmaxf(value + 0.5f, 0), 255.5f);
        out[i] = (float)(int)clamped / 255.0f;
    }
}

// Positions i .. i+3 of xs/ys: the clamped sample coordinate's floor (int32) and fraction (float).
static inline AVX2 void split4(const double *positions, double limit, __m128i *floor, __m128 *fraction) {
    const __m256d p = _mm256_loadu_pd(positions);
    const __m256d nan = _mm256_cmp_pd(p, p, _CMP_UNORD_Q);
    __m256d s = _mm256_min_pd(_mm256_max_pd(_mm256_sub_pd(p, _mm256_set1_pd(0.5)), _mm256_set1_pd(-1)),
                              _mm256_set1_pd(limit));
    s = _mm256_blendv_pd(s, _mm256_set1_pd(-1), nan);
    const __m128i f = _mm_sub_epi32(_mm256_cvttpd_epi32(_mm256_add_pd(s, _mm256_set1_pd(1))), _mm_set1_epi32(1));
    *floor = f;
    *fraction = _mm256_cvtpd_ps(_mm256_sub_pd(s, _mm256_cvtepi32_pd(f)));
}

static inline AVX2 __m256 channel(__m256i word, int shift) {
    return _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(word, shift), _mm256_set1_epi32(0xFF)));
}

AVX2 void landmark_bilinear_sample_rgb(const uint8_t *base, long width, long height, long channels,
                                       const double *xs, const double *ys, long count, int zeroBorder,
                                       float *output) {
    const long k1 = channels > 1 ? 1 : 0, k2 = channels > 2 ? 2 : channels - 1;
    const long bytes = width * height * channels;
    // Gathers read 4 bytes at each neighbour's offset: only where those stay inside the image, and offsets fit
    // 32 bits.
    const int gathers = bytes >= 4 && bytes <= 0x7fffff00L;
    const int lastSafe = gathers ? (int)(bytes - 4) : 0;
    const double maxX = (double)width, maxY = (double)height;
    long i = 0;
    for (; gathers && i + 8 <= count; i += 8) {
        __m128i fl0, fl1, ft0, ft1;
        __m128 fx0, fx1, fy0, fy1;
        split4(xs + i, maxX, &fl0, &fx0);
        split4(xs + i + 4, maxX, &fl1, &fx1);
        split4(ys + i, maxY, &ft0, &fy0);
        split4(ys + i + 4, maxY, &ft1, &fy1);
        const __m256i x0 = _mm256_set_m128i(fl1, fl0), y0 = _mm256_set_m128i(ft1, ft0);
        const __m256 fx = _mm256_set_m128(fx1, fx0), fy = _mm256_set_m128(fy1, fy0);
        const __m256i zero = _mm256_setzero_si256(), one = _mm256_set1_epi32(1);
        const __m256i lastColumn = _mm256_set1_epi32((int)width - 1), lastRow = _mm256_set1_epi32((int)height - 1);
        const __m256i c0 = _mm256_min_epi32(_mm256_max_epi32(x0, zero), lastColumn);
        const __m256i c1 = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(x0, one), zero), lastColumn);
        const __m256i r0 = _mm256_min_epi32(_mm256_max_epi32(y0, zero), lastRow);
        const __m256i r1 = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(y0, one), zero), lastRow);
        const __m256i w = _mm256_set1_epi32((int)width), ch = _mm256_set1_epi32((int)channels);
        const __m256i o00 = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_mullo_epi32(r0, w), c0), ch);
        const __m256i o01 = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_mullo_epi32(r0, w), c1), ch);
        const __m256i o10 = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_mullo_epi32(r1, w), c0), ch);
        const __m256i o11 = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_mullo_epi32(r1, w), c1), ch);
        const __m256i limit = _mm256_set1_epi32(lastSafe);
        const __m256i beyond = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi32(o00, limit), _mm256_cmpgt_epi32(o01, limit)),
                                               _mm256_or_si256(_mm256_cmpgt_epi32(o10, limit), _mm256_cmpgt_epi32(o11, limit)));
        if (!_mm256_testz_si256(beyond, beyond)) {
            for (long j = i; j < i + 8; j++) {
                sample1(base, width, height, channels, k1, k2, xs[j], ys[j], zeroBorder, output + 3 * j);
            }
            continue;
        }
        const int *words = (const int *)base;
        const __m256i g00 = _mm256_i32gather_epi32(words, o00, 1), g01 = _mm256_i32gather_epi32(words, o01, 1);
        const __m256i g10 = _mm256_i32gather_epi32(words, o10, 1), g11 = _mm256_i32gather_epi32(words, o11, 1);
        __m256 inside = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
        if (zeroBorder) {
            const __m256d xa = _mm256_loadu_pd(xs + i), xb = _mm256_loadu_pd(xs + i + 4);
            const __m256d ya = _mm256_loadu_pd(ys + i), yb = _mm256_loadu_pd(ys + i + 4);
            const __m256d zd = _mm256_setzero_pd(), mx = _mm256_set1_pd(maxX), my = _mm256_set1_pd(maxY);
            const __m256d ia = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(xa, zd, _CMP_GE_OQ), _mm256_cmp_pd(xa, mx, _CMP_LT_OQ)),
                                             _mm256_and_pd(_mm256_cmp_pd(ya, zd, _CMP_GE_OQ), _mm256_cmp_pd(ya, my, _CMP_LT_OQ)));
            const __m256d ib = _mm256_and_pd(_mm256_and_pd(_mm256_cmp_pd(xb, zd, _CMP_GE_OQ), _mm256_cmp_pd(xb, mx, _CMP_LT_OQ)),
                                             _mm256_and_pd(_mm256_cmp_pd(yb, zd, _CMP_GE_OQ), _mm256_cmp_pd(yb, my, _CMP_LT_OQ)));
            // 64-bit lane masks to 32-bit: the low halves of each 64-bit lane, in order.
            const __m256i pick = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
            const __m128i la = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(ia), pick));
            const __m128i lb = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(ib), pick));
            inside = _mm256_castsi256_ps(_mm256_set_m128i(lb, la));
        }
        float planes[3][8];
        const int shifts[3] = {0, (int)(8 * k1), (int)(8 * k2)};
        for (int p = 0; p < 3; p++) {
            const __m256 a = channel(g00, shifts[p]), b = channel(g01, shifts[p]);
            const __m256 c = channel(g10, shifts[p]), d = channel(g11, shifts[p]);
            const __m256 top = _mm256_add_ps(a, _mm256_mul_ps(_mm256_sub_ps(b, a), fx));
            const __m256 bottom = _mm256_add_ps(c, _mm256_mul_ps(_mm256_sub_ps(d, c), fx));
            const __m256 value = _mm256_add_ps(top, _mm256_mul_ps(_mm256_sub_ps(bottom, top), fy));
            const __m256 clamped = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(value, _mm256_set1_ps(0.5f)), _mm256_setzero_ps()),
                                                 _mm256_set1_ps(255.5f));
            const __m256 scaled = _mm256_div_ps(_mm256_cvtepi32_ps(_mm256_cvttps_epi32(clamped)), _mm256_set1_ps(255.0f));
            _mm256_storeu_ps(planes[p], _mm256_and_ps(scaled, inside));
        }
        float *o = output + 3 * i;
        for (int j = 0; j < 8; j++) {
            o[3 * j] = planes[0][j];
            o[3 * j + 1] = planes[1][j];
            o[3 * j + 2] = planes[2][j];
        }
    }
    for (; i < count; i++) sample1(base, width, height, channels, k1, k2, xs[i], ys[i], zeroBorder, output + 3 * i);
}


// One sample of the supersampling reference: bilinear inside the image, the neighbours inside it only near an
// edge, nothing outside; added to (*red, *green, *blue).
static inline void supersample1(const uint8_t *base, long width, long height, long channels, long k1, long k2,
                                double x, double y, double *red, double *green, double *blue) {
    const long rowStride = width * channels;
    const double lastX = (double)(width - 1), lastY = (double)(height - 1);
    if (x >= 0 && y >= 0 && x < lastX && y < lastY) {
        long x0 = (long)x, y0 = (long)y;
        double fx = x - (double)x0, fy = y - (double)y0;
        const uint8_t *p = base + y0 * rowStride + x0 * channels, *q = p + rowStride;
        double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
        *red += w00 * (double)p[0] + w01 * (double)p[channels] + w10 * (double)q[0] + w11 * (double)q[channels];
        *green += w00 * (double)p[k1] + w01 * (double)p[channels + k1] + w10 * (double)q[k1]
            + w11 * (double)q[channels + k1];
        *blue += w00 * (double)p[k2] + w01 * (double)p[channels + k2] + w10 * (double)q[k2]
            + w11 * (double)q[channels + k2];
        return;
    }
    if (!(x > -1 && y > -1 && x < (double)width && y < (double)height)) return;
    long x0 = (long)(x + 1) - 1, y0 = (long)(y + 1) - 1;
    double fx = x - (double)x0, fy = y - (double)y0;
    for (int corner = 0; corner < 4; corner++) {
        long column = x0 + (corner & 1), row = y0 + (corner >> 1);
        if (column < 0 || column >= width || row < 0 || row >= height) continue;
        double weight = ((corner & 1) == 0 ? 1 - fx : fx) * ((corner >> 1) == 0 ? 1 - fy : fy);
        const uint8_t *pixel = base + row * rowStride + column * channels;
        *red += weight * (double)pixel[0];
        *green += weight * (double)pixel[k1];
        *blue += weight * (double)pixel[k2];
    }
}

static inline AVX2 __m256d byte_pd(__m128i word, int shift) {
    return _mm256_cvtepi32_pd(_mm_and_si128(_mm_srli_epi32(word, shift), _mm_set1_epi32(0xFF)));
}

AVX2 void landmark_supersample_row(const uint8_t *base, long width, long height, long channels,
                                   const double *xs, const double *ys, long samples, long count, double *sums) {
    const long k1 = channels > 1 ? 1 : 0, k2 = channels > 2 ? 2 : channels - 1;
    const long bytes = width * height * channels;
    const int gathers = bytes >= 4 && bytes <= 0x7fffff00L;
    const double lastX = (double)(width - 1), lastY = (double)(height - 1);
    const int shifts[3] = {0, (int)(8 * k1), (int)(8 * k2)};
    long j = 0;
    for (; gathers && j + 4 <= count; j += 4) {
        // Every sample of the four pixels strictly inside (all four neighbours in the image, 4-byte reads too)?
        int inside = 1;
        for (long i = j * samples; inside && i < (j + 4) * samples; i++) {
            const double x = xs[i], y = ys[i];
            inside = x >= 0 && y >= 0 && x < lastX && y < lastY;
            if (inside) {
                const long offset = ((long)y + 1) * width * channels + ((long)x + 1) * channels;
                inside = offset + 4 <= bytes;
            }
        }
        if (!inside) {
            for (long pixel = j; pixel < j + 4; pixel++) {
                double red = 0, green = 0, blue = 0;
                for (long b = 0; b < samples; b++) {
                    supersample1(base, width, height, channels, k1, k2, xs[pixel * samples + b],
                                 ys[pixel * samples + b], &red, &green, &blue);
                }
                sums[3 * pixel] += red;
                sums[3 * pixel + 1] += green;
                sums[3 * pixel + 2] += blue;
            }
            continue;
        }
        __m256d acc[3] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
        const __m256d one = _mm256_set1_pd(1);
        const __m128i w = _mm_set1_epi32((int)width), ch = _mm_set1_epi32((int)channels);
        const __m128i rowBytes = _mm_set1_epi32((int)(width * channels));
        for (long b = 0; b < samples; b++) {
            const long s = j * samples + b;
            const __m256d x = _mm256_set_pd(xs[s + 3 * samples], xs[s + 2 * samples], xs[s + samples], xs[s]);
            const __m256d y = _mm256_set_pd(ys[s + 3 * samples], ys[s + 2 * samples], ys[s + samples], ys[s]);
            const __m128i x0 = _mm256_cvttpd_epi32(x), y0 = _mm256_cvttpd_epi32(y);
            const __m256d fx = _mm256_sub_pd(x, _mm256_cvtepi32_pd(x0)), fy = _mm256_sub_pd(y, _mm256_cvtepi32_pd(y0));
            const __m256d gx = _mm256_sub_pd(one, fx), gy = _mm256_sub_pd(one, fy);
            const __m256d w00 = _mm256_mul_pd(gx, gy), w01 = _mm256_mul_pd(fx, gy);
            const __m256d w10 = _mm256_mul_pd(gx, fy), w11 = _mm256_mul_pd(fx, fy);
            const __m128i p = _mm_add_epi32(_mm_mullo_epi32(y0, _mm_mullo_epi32(w, ch)), _mm_mullo_epi32(x0, ch));
            const __m128i q = _mm_add_epi32(p, rowBytes);
            const int *words = (const int *)base;
            const __m128i gp = _mm_i32gather_epi32(words, p, 1), gp1 = _mm_i32gather_epi32(words, _mm_add_epi32(p, ch), 1);
            const __m128i gq = _mm_i32gather_epi32(words, q, 1), gq1 = _mm_i32gather_epi32(words, _mm_add_epi32(q, ch), 1);
            for (int c = 0; c < 3; c++) {
                __m256d v = _mm256_add_pd(_mm256_mul_pd(w00, byte_pd(gp, shifts[c])), _mm256_mul_pd(w01, byte_pd(gp1, shifts[c])));
                v = _mm256_add_pd(v, _mm256_mul_pd(w10, byte_pd(gq, shifts[c])));
                v = _mm256_add_pd(v, _mm256_mul_pd(w11, byte_pd(gq1, shifts[c])));
                acc[c] = _mm256_add_pd(acc[c], v);
            }
        }
        double lanes[3][4];
        for (int c = 0; c < 3; c++) _mm256_storeu_pd(lanes[c], acc[c]);
        for (int lane = 0; lane < 4; lane++) {
            sums[3 * (j + lane)] += lanes[0][lane];
            sums[3 * (j + lane) + 1] += lanes[1][lane];
            sums[3 * (j + lane) + 2] += lanes[2][lane];
        }
    }
    for (; j < count; j++) {
        double red = 0, green = 0, blue = 0;
        for (long b = 0; b < samples; b++) {
            supersample1(base, width, height, channels, k1, k2, xs[j * samples + b], ys[j * samples + b], &red,
                         &green, &blue);
        }
        sums[3 * j] += red;
        sums[3 * j + 1] += green;
        sums[3 * j + 2] += blue;
    }
}

#endif
