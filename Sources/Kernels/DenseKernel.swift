import COpenBLAS
import Foundation

/// A fully connected layer: `y[M, N] = act(x[M, K] * W + b)`.
///
/// `W` is `[K, N]` row-major, or `[N, K]` when `weightsTransposed`. The weights are BORROWED (not copied):
/// the caller keeps them alive for the kernel's lifetime. `rows == 1` uses `cblas_sgemv`, more rows `cblas_sgemm`.
///
/// Large products are split into blocks fixed by the shape (never by the thread count) and computed on
/// `BLAS.threadCount` threads, so results are bit-identical for any thread count. A single row with `[K, N]`
/// weights is split along K (each block streams whole contiguous weight rows; the partial sums are added in
/// a fixed order), which reads the weights about twice as fast as splitting N.
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
    /// Partial-sum buffers for the K-split single-row product (nil when that split is not used).
    private let partialSums: PartialSumWorkspace?

    /// Weight matrices with at least this many elements are split along K for single rows.
    static let minimumSplitWeights = 1 << 18
    /// Number of K blocks of a split single-row product.
    static let inputBlockCount = 4

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
        let (elements, overflow) = inputFeatures.multipliedReportingOverflow(by: outputFeatures)
        if !weightsTransposed && (overflow || elements >= DenseKernel.minimumSplitWeights)
            && inputFeatures >= 16 * DenseKernel.inputBlockCount {
            partialSums = PartialSumWorkspace(count: DenseKernel.inputBlockCount * outputFeatures)
        } else {
            partialSums = nil
        }
    }

    /// Computes `rows` output rows.
    ///
    /// - Parameters:
    ///   - input: `[rows, K]` row-major.
    ///   - rows: M, at most `Int32.max`.
    ///   - output: `[rows, N]` row-major; must not overlap `input`.
    ///
    /// Single-row runs of one kernel with split weights share its partial-sum buffer and are serialised.
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
        if rows == 1, let partialSums {
            partialSums.withBuffer { runSplitInput(input: input, output: output, partials: $0) }
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

    /// `y = x W` for one row and `[K, N]` weights, as `inputBlockCount` GEMVs over row blocks of W whose
    /// partial results are then summed in block order, with bias and activation.
    private func runSplitInput(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                               partials: UnsafeMutablePointer<Float>) {
        let k = inputFeatures
        let n = outputFeatures
        let blocks = DenseKernel.inputBlockCount
        let blockRows = (k + blocks - 1) / blocks
        let pointers = UncheckedSendable((weights: weights, input: input, partials: partials))
        ParallelWork.run(taskCount: blocks, workers: BLAS.threadCount) { block, _ in
            let first = block * blockRows
            let count = Swift.min(blockRows, k - first)
            let partial = pointers.value.partials + block * n
            if count <= 0 {
                partial.update(repeating: 0, count: n)
                return
            }
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(count), Int32(n), 1, pointers.value.weights + first * n, Int32(n),
                        pointers.value.input + first, 1, 0, partial, 1)
        }
        output.update(from: partials, count: n)
        for block in 1..<blocks {
            VectorLoops.zip(UnsafePointer(output), UnsafePointer(partials + block * n), output, count: n, { $0 + $1 }) { $0 + $1 }
        }
        BiasActivation.apply(output, rows: 1, columns: n, bias: bias, activation: activation)
    }
}

/// A lock-protected float buffer owned by a `DenseKernel` (a class so the struct can share and free it).
private final class PartialSumWorkspace: @unchecked Sendable {
    private let lock = NSLock()
    private let buffer: UnsafeMutablePointer<Float>

    init(count: Int) {
        buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
        buffer.initialize(repeating: 0, count: Swift.max(1, count))
    }

    deinit { buffer.deallocate() }

    /// Runs `body` with exclusive use of the buffer.
    func withBuffer(_ body: (UnsafeMutablePointer<Float>) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(buffer)
    }
}
