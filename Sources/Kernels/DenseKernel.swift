/// A fully connected layer: `y[M, N] = act(x[M, K] * W + b)`.
///
/// `W` is `[K, N]` row-major, or `[N, K]` when `weightsTransposed`. The weights are BORROWED (not copied):
/// the caller keeps them alive for the kernel's lifetime. `rows == 1` uses `cblas_sgemv`, more rows `cblas_sgemm`;
/// large products are split into shape-determined blocks computed on `BLAS.threadCount` threads, so the result
/// does not depend on the thread count.
public struct DenseKernel: @unchecked Sendable {
    /// K.
    public let inputFeatures: Int
    /// N.
    public let outputFeatures: Int
    /// Whether `weights` is `[N, K]` instead of `[K, N]`.
    public let weightsTransposed: Bool
    /// The fused activation.
    public let activation: Activation
    /// Borrowed weights.
    private let weights: UnsafePointer<Float>
    /// Borrowed bias `[N]`, or nil.
    private let bias: UnsafePointer<Float>?

    /// Creates the kernel; `weights` and `bias` are borrowed and must outlive it.
    /// `inputFeatures` and `outputFeatures` must be in `0 ... Int32.max`.
    public init(inputFeatures: Int, outputFeatures: Int, weights: UnsafePointer<Float>, weightsTransposed: Bool,
                bias: UnsafePointer<Float>?, activation: Activation) {
        precondition(inputFeatures >= 0 && inputFeatures <= Int(Int32.max), "Dense: inputFeatures out of range")
        precondition(outputFeatures >= 0 && outputFeatures <= Int(Int32.max), "Dense: outputFeatures out of range")
        BLAS.prepare()
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        self.weights = weights
        self.weightsTransposed = weightsTransposed
        self.bias = bias
        self.activation = activation
    }

    /// Computes `rows` output rows.
    ///
    /// - Parameters:
    ///   - input: `[rows, K]` row-major.
    ///   - rows: M, at most `Int32.max`.
    ///   - output: `[rows, N]` row-major; must not overlap `input`.
    public func run(input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
        let k = inputFeatures
        let n = outputFeatures
        guard rows > 0, n > 0 else { return }
        precondition(rows <= Int(Int32.max), "Dense: rows out of range")
        if k == 0 {
            output.update(repeating: 0, count: rows * n)
            BiasActivation.apply(output, rows: rows, columns: n, bias: bias, activation: activation)
            return
        }
        let bias = UncheckedSendable(self.bias)
        let activation = self.activation
        BlockedGEMM.run(a: input, b: weights, c: output, m: rows, n: n, k: k, transposeA: false,
                        transposeB: weightsTransposed) { block, blockRows, blockColumns, firstColumn in
            BiasActivation.apply(block, rows: blockRows, columns: blockColumns, rowStride: n,
                                 bias: bias.value.map { $0 + firstColumn }, activation: activation)
        }
    }
}
