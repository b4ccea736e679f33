import CKernelsAVX2

/// The C kernels compiled for AVX2 (`CKernelsAVX2`): 8-float registers where the Swift code, built for baseline
/// x86-64, has 4; used only on CPUs with AVX2, by kernels whose ``ComputeContext`` allows it. The Winograd
/// transforms run the same operations in the same order as the Swift lanes they replace, so the results have the
/// same bits; the batch dense kernel uses fused multiply-adds (CPUs with FMA too), as the generated GEMM kernels do.
enum AVX2Kernels {
    /// Whether the CPU has AVX2.
    static let available = landmark_avx2_available()

    /// Whether the CPU has AVX2 and FMA (for `landmark_dense_gather`, which has no Swift twin to match bit for bit).
    static let fusedMultiplyAddAvailable = landmark_fma_available()

    /// Whether the CPU (and the operating system) run AVX-512F, which the packed GEMM then uses.
    static let avx512Available = landmark_avx512_available()

    /// The activation code and leaky slope for a C kernel that finishes its outputs in registers (bias, then the
    /// activation; `landmark_finish8`, which also has hard-swish as code 4), or nil when the activation has no code
    /// there and the Swift output pass must run instead.
    static func registerEpilogue(_ activation: Activation) -> (code: Int32, alpha: Float)? {
        if case .hardSwish = activation { return (4, 0) }
        let code = activationCode(activation)
        if case .none = activation { return code }
        return code.code != 0 ? code : nil
    }

    /// The activation code and leaky slope the AVX2 output transforms take (see `landmark_f4x4_output8`): 0 adds the
    /// bias only, so the caller applies any other activation afterwards.
    static func activationCode(_ activation: Activation) -> (code: Int32, alpha: Float) {
        switch activation {
        case .relu: return (1, 0)
        case .relu6: return (2, 0)
        case .leakyRelu(let alpha): return (3, alpha)
        default: return (0, 0)
        }
    }
}

/// A Winograd input transform of one tile for 8 channels: source, row stride, column stride, destination, plane
/// stride (see `landmark_f4x4_input8`).
typealias AVX2InputTransform = @convention(c) (UnsafePointer<Float>?, Int, Int, UnsafeMutablePointer<Float>?, Int) -> Void

/// A Winograd output transform of one tile for 8 channels: source, plane stride, bias, activation code, leaky slope,
/// destination, row stride, column stride, rows, columns (see `landmark_f4x4_output8`).
typealias AVX2OutputTransform = @convention(c) (UnsafePointer<Float>?, Int, UnsafePointer<Float>?, Int32, Float,
                                                UnsafeMutablePointer<Float>?, Int, Int, Int32, Int32) -> Void
