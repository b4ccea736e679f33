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
/// 0) and the activation (`0` none, `1` ReLU, `2` ReLU6, `3` leaky ReLU with `alpha`), into the top-left `rows x
/// columns` of a 4x4 output tile (`destination`, rows `rowStride` floats apart, pixels `columnStride` apart). Plane
/// `ξ` of `M` is at `source + ξ * planeStride`. The same operations, in the same order, as the Swift lanes.
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

#endif
