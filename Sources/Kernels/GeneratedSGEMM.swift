import COpenBLAS
import CXSMM
import Foundation

/// A row-major single-precision GEMM of one fixed shape, `C = A B`, compiled to machine code at plan time by
/// libxsmm's code generator (AVX2/FMA or AVX-512), which reads both operands where they are, with no packing.
///
/// Most convolution GEMMs here are small or thin: Winograd's `[24-36 tiles x 32-64] x [32-64 x 64]` per plane, a
/// convolution row's `[42 pixels x 9] x [9 x 32]` (see `RowConvolution`). OpenBLAS packs both operands on every
/// such call; a kernel generated for the exact shape reads them in place. That saving shrinks as the reduction
/// grows and the arithmetic dominates, so only depths up to ``maximumDepth`` get one. Where there is none (no
/// AVX2, no executable memory, a rejected shape; or a ``ComputeContext`` that does not generate kernels) `init`
/// returns nil, and ``multiply(on:rows:columns:depth:a:aStride:b:bStride:c:cStride:)`` uses `cblas_sgemm`.
final class GeneratedSGEMM: @unchecked Sendable {
    /// `C` rows (`A` rows).
    let rows: Int
    /// `C` columns (`B` columns).
    let columns: Int
    /// The reduction length (`A` columns, `B` rows).
    let depth: Int
    /// Floats between rows of `C`.
    let cStride: Int
    /// Whether the kernel adds to `C` (`C += A B`) instead of overwriting it.
    let accumulates: Bool
    /// The generated code, and its size for releasing it.
    private let code: UnsafeMutableRawPointer
    private let codeSize: Int

    /// The longest reduction a kernel is generated for.
    static let maximumDepth = 128

    /// Generates the kernel for `C[rows x columns] = A[rows x depth] B[depth x columns]`, all row-major with
    /// `aStride`, `bStride`, `cStride` floats between rows; with `accumulates`, `C += A B` (the products are added
    /// to each element's value one after the other, in the same order as a longer reduction would add them).
    init?(rows: Int, columns: Int, depth: Int, aStride: Int, bStride: Int, cStride: Int, accumulates: Bool = false) {
        let limit = Int(Int32.max)
        guard rows > 0, columns > 0, depth > 0, depth <= GeneratedSGEMM.maximumDepth,
              rows <= limit, columns <= limit, aStride >= depth, bStride >= columns, cStride >= columns,
              aStride <= limit, bStride <= limit, cStride <= limit else { return nil }
        // Row-major C = A B is column-major Cᵀ = Bᵀ Aᵀ: m = columns, n = rows, k = depth, B first.
        var size = 0
        // One generation at a time: plans may be built on several threads, and the generator is not documented
        // as reentrant (libxsmm's own dispatch serializes it too).
        let generated = GeneratedSGEMM.generationLock.withLock {
            landmark_xsmm_generate(Int32(columns), Int32(rows), Int32(depth), Int32(bStride), Int32(aStride),
                                   Int32(cStride), accumulates ? 1 : 0, &size)
        }
        guard let code = generated else { return nil }
        self.rows = rows
        self.columns = columns
        self.depth = depth
        self.cStride = cStride
        self.accumulates = accumulates
        self.code = code
        codeSize = size
    }

    deinit { landmark_xsmm_release(code, codeSize) }

    /// Whether this kernel computes (or, with `accumulates`, adds) `rows x columns` into rows `cStride` floats apart.
    @inline(__always)
    func matches(_ rows: Int, _ columns: Int, _ cStride: Int, accumulates: Bool) -> Bool {
        self.rows == rows && self.columns == columns && self.cStride == cStride && self.accumulates == accumulates
    }

    /// Computes `C = A B` (or `C += A B`) for row-major `a`, `b`, `c` with the shape and strides given at init.
    @inline(__always)
    func run(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>) {
        landmark_xsmm_run(code, b, a, c)
    }

    /// `C = A B` for row-major `a` (`rows x depth`), `b` (`depth x columns`) and `c`, rows `aStride`, `bStride` and
    /// `cStride` floats apart: on `kernel` (generated for that shape) when there is one, else on OpenBLAS, zeroing
    /// C and accumulating with beta = 1 rather than using OpenBLAS's own beta = 0 pass.
    @inline(__always)
    static func multiply(on kernel: GeneratedSGEMM?, rows: Int, columns: Int, depth: Int,
                         a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>, bStride: Int,
                         c: UnsafeMutablePointer<Float>, cStride: Int) {
        if let kernel {
            kernel.run(a, b, c)
            return
        }
        for r in 0..<rows {
            (c + r * cStride).update(repeating: 0, count: columns)
        }
        guard depth > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(depth),
                    1, a, Int32(aStride), b, Int32(bStride), 1, c, Int32(cStride))
    }

    private static let generationLock = NSLock()
}

/// The generated GEMMs of one convolution, one per shape its tasks use (a full and a last, shorter block).
struct GeneratedSGEMMSet: @unchecked Sendable {
    private let kernels: [GeneratedSGEMM]
    /// Whether every distinct shape asked for got a kernel.
    let isComplete: Bool

    /// Generates a kernel for each distinct shape in `shapes`, overwriting C and, with `accumulating`, also one
    /// adding to it (duplicates are made once, unsupported shapes skipped); all share `depth` and the `A` and `B`
    /// strides. Without `generating`, none is made.
    init(shapes: [(rows: Int, columns: Int, cStride: Int)], depth: Int, aStride: Int, bStride: Int,
         accumulating: Bool = false, generating: Bool) {
        var kernels: [GeneratedSGEMM] = []
        var complete = generating || shapes.isEmpty
        for shape in shapes where generating {
            for accumulates in accumulating ? [false, true] : [false] where !kernels.contains(where: {
                $0.matches(shape.rows, shape.columns, shape.cStride, accumulates: accumulates)
            }) {
                if let kernel = GeneratedSGEMM(rows: shape.rows, columns: shape.columns, depth: depth, aStride: aStride,
                                               bStride: bStride, cStride: shape.cStride, accumulates: accumulates) {
                    kernels.append(kernel)
                } else {
                    complete = false
                }
            }
        }
        self.kernels = kernels
        isComplete = complete
    }

    /// No kernels: every GEMM goes to OpenBLAS.
    static let none = GeneratedSGEMMSet(shapes: [], depth: 1, aStride: 1, bStride: 1, generating: false)

    /// Number of generated kernels.
    var count: Int { kernels.count }

    /// The kernel for `rows x columns` with `cStride` floats between `C` rows (adding to C with `accumulates`),
    /// or nil.
    @inline(__always)
    func kernel(rows: Int, columns: Int, cStride: Int, accumulates: Bool = false) -> GeneratedSGEMM? {
        for kernel in kernels where kernel.matches(rows, columns, cStride, accumulates: accumulates) { return kernel }
        return nil
    }
}
