// Kernels written for AVX2 (8 floats per register), compiled for that ISA function by function (a `target`
// attribute, not a package flag) and called only after `landmark_avx2_available()` says the CPU runs them. The
// Swift code is compiled for baseline x86-64, whose SIMD is 4 floats wide.
#ifndef LANDMARK_CKERNELS_AVX2_H
#define LANDMARK_CKERNELS_AVX2_H

#include <stdbool.h>

/// Asks for the data cache line holding `address` to be loaded for reading, as non-temporal data (read once:
/// `prefetchnta` on x86), without waiting for it. A hint only: any address may be given, it never faults. Plain C
/// (any ISA) rather than an LLVM intrinsic declared in Swift, which the sanitizers' compiler passes reject.
static inline void landmark_prefetch_read_once(const void *address) {
    __builtin_prefetch(address, 0, 0);
}

/// Tells the core it is in a spin-wait loop (x86 `pause`: saves power and frees the pipeline for a sibling thread;
/// nothing on other architectures).
static inline void landmark_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// Whether this CPU (and OS) runs AVX2 code.
bool landmark_avx2_available(void);

/// Winograd F(4x4, 3x3) input transform `V = Bᵀ d B` of one 6x6 tile for 8 consecutive channels: `source` is the
/// tile's first pixel (pixels `columnStride` floats apart in a row, rows `rowStride` apart); plane `ξ` of the
/// result goes to `destination + ξ * planeStride`. The same operations, in the same order, as the Swift lanes.
void landmark_f4x4_input8(const float *source, long rowStride, long columnStride, float *destination,
                          long planeStride);

/// Winograd F(4x4, 3x3) output transform `Y = Aᵀ M A` of one tile for 8 consecutive channels, then `+ bias` (nil:
/// 0) and the activation (`0` none, `1` ReLU, `2` ReLU6, `3` leaky ReLU with `alpha`, `4` hard-swish), into the
/// top-left `rows x columns` of a 4x4 output tile (`destination`, rows `rowStride` floats apart, pixels `columnStride`
/// apart). Plane `ξ` of `M` is at `source + ξ * planeStride`. The same operations, in the same order, as the Swift
/// lanes.
void landmark_f4x4_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                           float *destination, long rowStride, long columnStride, int rows, int columns);

/// Winograd F(3x3, 3x3) input transform of one 5x5 tile for 8 channels (as `landmark_f4x4_input8`).
void landmark_f3x3_input8(const float *source, long rowStride, long columnStride, float *destination,
                          long planeStride);

/// Winograd F(3x3, 3x3) output transform of one tile for 8 channels into the top-left `rows x columns` of a 3x3
/// output tile (as `landmark_f4x4_output8`).
void landmark_f3x3_output8(const float *source, long planeStride, const float *bias, int activation, float alpha,
                           float *destination, long rowStride, long columnStride, int rows, int columns);

/// Whether this CPU (and OS) runs AVX2 code with fused multiply-adds.
bool landmark_fma_available(void);

/// Whether the CPU and the operating system run AVX-512F.
bool landmark_avx512_available(void);

/// `output[r][c] = Σ_i input[r][indices[i]] * weights[indices[i]][c]` for `rows` rows and `columns` columns: a dense
/// layer's product over only the weight rows `indices` (the inputs that are nonzero in some row), overwriting
/// `output`. Rows of `input`, `weights` and `output` are `inputStride`, `weightStride` and `outputStride` floats
/// apart. The weight rows are copied block by block into `pack` (`landmark_dense_gather_pack_count(columns)`
/// floats) in 16-column panels. Each output is one fused multiply-add chain in index order. Only call when
/// `landmark_fma_available()`.
void landmark_dense_gather(const float *input, long inputStride, int rows, const int *indices, int count,
                           const float *weights, long weightStride, int columns, float *output, long outputStride,
                           float *pack);

/// Floats of the `pack` buffer `landmark_dense_gather` needs for `columns` columns.
long landmark_dense_gather_pack_count(int columns);

/// One output row of a depthwise convolution with channel multiplier 1 (NHWC, `channels` floats per pixel), then
/// `+ bias` (nil: + 0) and the activation (codes as `landmark_f4x4_output8`), overwriting `output` (`outputWidth * channels` floats). `rows` is the input row of the first
/// filter row that is inside the image, `rowCount` filter rows are used, `rowStep` floats apart in the input and
/// `weightRowStep` apart in `weights` (`[KW, C]` per filter row, the first used one). Input columns outside
/// `[0, inputWidth)` are padding and skipped. Each output is one fused multiply-add chain over the taps in (kh, kw)
/// order from zero, whatever block computes it. Only call when `landmark_fma_available()`.
void landmark_depthwise_row(const float *rows, long rowCount, long rowStep, const float *weights,
                            long weightRowStep, long channels, long inputWidth, long outputWidth,
                            long kernelW, long strideW, long dilW, long padLeft, const float *bias,
                            int activation, float alpha, float *output);

/// Floats of the packed form of a `depth x columns` matrix for `landmark_sgemm_packed`: 16-column panels, each
/// `depth x 16` row-major, the last one padded with zeros.
long landmark_sgemm_packed_count(long depth, long columns);

/// Packs the row-major `depth x columns` matrix `b` (rows `bStride` floats apart) into `packed`
/// (`landmark_sgemm_packed_count(depth, columns)` floats). Plain C, any CPU.
void landmark_sgemm_pack(const float *b, long bStride, long depth, long columns, float *packed);

/// `C = A B` for `rows x columns` (overwriting C, rows `cStride` floats apart) with `A` `rows x depth` (rows
/// `aStride` apart) and `B` packed by `landmark_sgemm_pack`; `packed` is the panel of the first column computed, so
/// a column block starting at a multiple of 16 passes `packed + first / 16 * depth * 16`. Each output is one fused
/// multiply-add chain over k in order from zero, on AVX-512 registers where the CPU has them (12 rows x 16 columns
/// per block) and AVX2 ones elsewhere (6 x 16): the same bits either way. Only call when `landmark_fma_available()`.
void landmark_sgemm_packed(long rows, long columns, long depth, const float *a, long aStride, const float *packed,
                           float *c, long cStride);

/// `C = act(A B + bias + residual)`: `landmark_sgemm_packed` with each block finished in registers. `bias` (one per
/// column, from the first column computed) and `residual` (laid out as C) may be NULL; `activation` is 0 none, 1
/// ReLU, 2 ReLU6, 3 leaky ReLU with `alpha`, 4 hard-swish; each step rounds once, in that order. `avx512` 0 keeps
/// AVX2 registers whatever the CPU (tests); the bits are the same. With no bias, residual or activation it computes
/// what `landmark_sgemm_packed` does.
void landmark_sgemm_packed_finish(long rows, long columns, long depth, const float *a, long aStride,
                                  const float *packed, float *c, long cStride, const float *bias,
                                  const float *residual, int activation, float alpha, int avx512);

/// `output[i] = 1 / (1 + e^-input[i])` for `count` floats (`output` may equal `input`), 8 at a time with a
/// polynomial exponential (within 2e-7 relative of the exact logistic); NaN stays NaN. Each element's result is
/// the same wherever it lies in the buffer. Only call when `landmark_fma_available()`.
void landmark_sigmoid(const float *input, float *output, long count);

/// `output[i] = input[i] * sigmoid(input[i])` with the sigmoid of `landmark_sigmoid` (the same bits as that
/// function followed by one multiplication), for `count` floats (`output` may equal `input`). Only call when
/// `landmark_fma_available()`.
void landmark_swish(const float *input, float *output, long count);

/// Bilinear samples of an 8-bit image (`width` x `height` pixels of `channels` bytes, 1 to 4) at the `count` positions
/// (`xs[i]`, `ys[i]`) (pixel x's centre at x + 0.5), written as R, G, B floats v / 255 of the sample rounded half up
/// to a byte (`output`, 3 floats per position; gray read as gray RGB, a fourth channel ignored). Neighbours past an
/// edge are clamped to it; with `zeroBorder`, a position outside the image gives black. The arithmetic of Kernels'
/// scalar `BilinearSampling`, so both give the same bits. Only call when `landmark_avx2_available()`.
void landmark_bilinear_sample_rgb(const unsigned char *base, long width, long height, long channels,
                                  const double *xs, const double *ys, long count, int zeroBorder, float *output);

/// Adds to `sums` (3 doubles per pixel: R, G, B) the sum over `samples` positions of each of `count` pixels: pixel
/// j's samples are at (`xs[j * samples + b]`, `ys[...]`), b in order, with pixel x's centre at x (not x + 0.5). A
/// sample is bilinear between the four nearest pixel centres when all four are in the image, blends only those inside
/// near an edge, and adds nothing past it; in double, the operations of Kernels' scalar `BilinearSampling`, so both
/// give the same bits. Only call when `landmark_avx2_available()`.
void landmark_supersample_row(const unsigned char *base, long width, long height, long channels,
                              const double *xs, const double *ys, long samples, long count, double *sums);

/// Floats of scratch `landmark_conv_planar_row` needs: `kernelH * channels` planes of
/// `ceil(outputWidth / 8) * 8 + kernelW - 1` floats.
long landmark_conv_planar_scratch(long kernelH, long kernelW, long channels, long outputWidth);

/// Output rows `firstRow ..< firstRow + rowCount` of a stride-1, dilation-1 convolution of one NHWC image
/// (`inputHeight` x `inputWidth` x `channels`, 1 to 4 channels) with the HWIO `filter` (`kernelH` x `kernelW` x
/// `channels` x `outputChannels`, 1 to 12 output channels; `kernelH` at most 64), `padTop` / `padLeft` zero rows and
/// columns before the image: each row's `outputWidth` pixels written `pixelStride` floats apart, rows `rowStride`
/// apart from `output`. Each output is one fused multiply-add chain over (row, column, channel) from zero, the im2col
/// GEMM's order; with `finishes`, then `+ bias` (nil: 0), the activation (`0` none, `1` ReLU, `2` ReLU6, `3` leaky
/// ReLU with `alpha`, `4` hard-swish) and, with `slopes`, `x <= 0 ? x * slope : x`, as Kernels' `BiasActivation`
/// does. `planes` is scratch of `landmark_conv_planar_scratch(...)` floats. Only call when `landmark_fma_available()`.
void landmark_conv_planar_rows(const float *image, long inputHeight, long inputWidth, long channels, long firstRow,
                               long rowCount, long padTop, long padLeft, long kernelH, long kernelW,
                               long outputWidth, const float *filter, long outputChannels, const float *bias,
                               int activation, float alpha, const float *slopes, int finishes, float *planes,
                               float *output, long rowStride, long pixelStride);

/// One output row of a max pool whose windows lie inside the input (`channels` at least 8): output pixel `ow`, written
/// `outputPixelStride` floats apart from `output`, is the maximum over the `windowHeight x windowWidth` pixels
/// (`pixelStride` floats apart, rows `rowStride` apart) from `top + ow * strideWidth * pixelStride`, folded in window
/// order from -FLT_MAX with `x > best ? x : best` (a NaN never wins), as Kernels' `Pool2D.maxPoolRow`. Only call when
/// `landmark_avx2_available()`.
void landmark_max_pool_row(const float *top, long pixelStride, long rowStride, long channels, long windowHeight,
                           long windowWidth, long strideWidth, long outputWidth, float *output,
                           long outputPixelStride);

/// Floats of scratch `landmark_conv_vector_rows` needs: a ring of `kernelH` zero-padded input rows of
/// `((outputWidth - 1) * strideW + kernelW) * channels` floats.
long landmark_conv_vector_rows_scratch(long kernelH, long kernelW, long channels, long outputWidth, long strideW);

/// Floats of the filter packed by `landmark_conv_vector_rows_pack`: the taps times the output channels rounded up to 8.
long landmark_conv_vector_rows_packed_count(long kernelH, long kernelW, long channels, long outputChannels);

/// Packs the HWIO `filter` for `landmark_conv_vector_rows`: blocks of 16 output channels (the last one of the
/// channels left, rounded up to 8, zero-filled), each `[taps][block width]`.
void landmark_conv_vector_rows_pack(const float *filter, long kernelH, long kernelW, long channels,
                                    long outputChannels, float *packed);

/// Output rows `firstRow ..< firstRow + rowCount` of a dilation-1 convolution of one NHWC image (`inputHeight` x
/// `inputWidth` x `channels`, 1 to 4 channels) with a filter packed by `landmark_conv_vector_rows_pack`
/// (`kernelH` x `kernelW` taps, `kernelH` at most 64, any number of output channels), strides `strideH` / `strideW`
/// and `padTop` / `padLeft` zero rows and columns before the image: each row's `outputWidth` pixels written
/// `pixelStride` floats apart, rows `rowStride` apart from `output`, 8 output channels per register. Each output is
/// one fused multiply-add chain over (row, column, channel) from zero, the im2col GEMM's order; with `finishes`,
/// then `+ bias`, the activation (as `landmark_conv_planar_rows`) and, with `slopes`, the PReLU, where `bias` and
/// `slopes` (nil: none) hold the output channels rounded up to 8. `ring` is scratch of
/// `landmark_conv_vector_rows_scratch(...)` floats. Only call when `landmark_fma_available()`.
void landmark_conv_vector_rows(const float *image, long inputHeight, long inputWidth, long channels, long firstRow,
                               long rowCount, long padTop, long padLeft, long strideH, long strideW, long kernelH,
                               long kernelW, long outputWidth, const float *packed, long outputChannels,
                               const float *bias, int activation, float alpha, const float *slopes, int finishes,
                               float *ring, float *output, long rowStride, long pixelStride);

/// `output = x W` for `pixels` rows of `depth` inputs (`inputStride` floats apart) and `outputChannels` (1 to 8)
/// columns of the row-major `filter` (`[depth][outputChannels]`): a pointwise convolution into few channels, 8 pixels
/// per register. `output` is packed (`outputChannels` floats per pixel). Each output is one fused multiply-add chain
/// over the inputs in order from zero; with `finishes`, then `+ bias` (nil: 0), the activation (as
/// `landmark_conv_planar_rows`) and, with `slopes`, the PReLU. Only call when `landmark_fma_available()`.
void landmark_pointwise_narrow(const float *input, long pixels, long depth, long inputStride, const float *filter,
                               long outputChannels, const float *bias, int activation, float alpha,
                               const float *slopes, int finishes, float *output);

#endif
