import CKernelsAVX2
import COpenBLAS
import Foundation

/// A fully connected layer: `y[M, N] = act(x[M, K] * W + b)`.
///
/// `W` is `[K, N]` row-major, or `[N, K]` when `weightsTransposed`. The weights are BORROWED (not copied):
/// the caller keeps them alive for the kernel's lifetime. `rows == 1` uses `cblas_sgemv`, more rows `cblas_sgemm`,
/// unless zero inputs are skipped (below).
///
/// Large products are split into blocks fixed by the shape (never by the thread count) and computed on the
/// ``ComputeContext``'s threads, so results are bit-identical for any thread count. A single row with `[K, N]`
/// weights is split along K (each block streams whole contiguous weight rows; the partial sums are added in
/// a fixed order), which reads the weights about twice as fast as splitting N. Such a product also skips the
/// weight rows whose input is exactly zero (after a ReLU, typically half or more of them): a batch-1 dense layer
/// is bound by reading its weights, so skipping rows is less work, not only faster work. A zero input adds
/// nothing to the sum unless its weight row holds an infinity or NaN, so skipping is only enabled when every
/// weight is finite (checked once at creation).
///
/// A small batch skips too: the weight rows whose input is zero in every row of the batch. In a trained network
/// those are mostly dead features, zero for any input, so a batch can skip nearly as many rows as a single row
/// can. Those blocks run on an AVX2/FMA kernel (`landmark_dense_gather`) that copies the remaining weight rows
/// block by block into 16-column panels and multiplies them there (weight rows 4 KiB apart, read in place, would
/// all fall in the same few cache sets).
public struct DenseKernel: @unchecked Sendable {
    /// K.
    public let inputFeatures: Int
    /// N.
    public let outputFeatures: Int
    /// Whether `weights` is `[N, K]` instead of `[K, N]`.
    public let weightsTransposed: Bool
    /// The fused activation.
    public let activation: Activation
    /// The threads and code paths the kernel runs on.
    public let context: ComputeContext
    /// Borrowed weights.
    private let weights: UnsafePointer<Float>
    /// Borrowed bias `[N]`, or nil.
    private let bias: UnsafePointer<Float>?
    /// Partial-sum buffers for the K-split single-row product (nil when that split is not used).
    private let partialSums: PartialSumWorkspace?
    /// Whether the single-row split product skips zero inputs (all weights finite).
    private let skipsZeroInputs: Bool
    /// Whether a small batch's split product skips the inputs that are zero in all its rows (all weights finite,
    /// and a CPU with AVX2 and FMA for the gathering kernel).
    private let batchSkipsZeroInputs: Bool

    /// Weight matrices with at least this many elements are split along K for single rows.
    static let minimumSplitWeights = 1 << 16
    /// Number of K blocks of a split single-row product.
    static let inputBlockCount = 4
    /// Products of at most this many rows with split weights are also split along K (given scratch, see
    /// `scratchCount(rows:)`): OpenBLAS packs the weights once per call, and for few rows that packing, not the
    /// arithmetic, is the cost. Column blocks would read every weight row in pieces; K blocks read whole rows.
    static let maximumSplitInputRows = 64

    /// Creates the kernel; `weights` and `bias` are borrowed and must outlive it.
    /// `inputFeatures` and `outputFeatures` must be in `0 ... Int32.max`. The kernel runs on `context`'s threads,
    /// and a small batch skips zero inputs only when `context` uses AVX2 (see ``ComputeContext/usesAVX2``).
    public init(inputFeatures: Int, outputFeatures: Int, weights: UnsafePointer<Float>, weightsTransposed: Bool,
                bias: UnsafePointer<Float>?, activation: Activation, context: ComputeContext = .singleThreaded) {
        precondition(inputFeatures >= 0 && inputFeatures <= Int(Int32.max), "Dense: inputFeatures out of range")
        precondition(outputFeatures >= 0 && outputFeatures <= Int(Int32.max), "Dense: outputFeatures out of range")
        BLAS.prepare()
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        self.weights = weights
        self.weightsTransposed = weightsTransposed
        self.bias = bias
        self.activation = activation
        self.context = context
        let (elements, overflow) = inputFeatures.multipliedReportingOverflow(by: outputFeatures)
        if !weightsTransposed && (overflow || elements >= DenseKernel.minimumSplitWeights)
            && inputFeatures >= 16 * DenseKernel.inputBlockCount {
            partialSums = PartialSumWorkspace(count: DenseKernel.inputBlockCount * outputFeatures)
            skipsZeroInputs = DenseKernel.allFinite(weights, count: elements)
            batchSkipsZeroInputs = skipsZeroInputs && context.usesFusedMultiplyAdd
        } else {
            partialSums = nil
            skipsZeroInputs = false
            batchSkipsZeroInputs = false
        }
    }

    /// Floats of scratch `run(input:rows:output:scratch:)` uses for `rows` rows: the K-split partial sums of a
    /// single row or a small batch (see `maximumSplitInputRows`), and for a batch that skips zero inputs each
    /// block's row indices and weight panels; else 0.
    public func scratchCount(rows: Int) -> Int {
        guard partialSums != nil, rows >= 1, rows <= DenseKernel.maximumSplitInputRows else { return 0 }
        let partials = DenseKernel.inputBlockCount * rows * outputFeatures
        guard rows > 1, batchSkipsZeroInputs else { return partials }
        return partials + DenseKernel.inputBlockCount * gatherSlotCount
    }

    /// Floats of one K block's gathering scratch: its row indices (`Int32`, one float each) and its weight panels.
    private var gatherSlotCount: Int {
        let blockRows = (inputFeatures + DenseKernel.inputBlockCount - 1) / DenseKernel.inputBlockCount
        return blockRows + landmark_dense_gather_pack_count(Int32(outputFeatures))
    }

    /// Computes `rows` output rows, splitting one row or a small batch along K in `scratch` (at least
    /// `scratchCount(rows:)` floats; nil: as `run(input:rows:output:)`). With scratch, concurrent single-row
    /// runs of one kernel do not wait for each other on its own partial-sum buffer.
    public func run(input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>,
                    scratch: UnsafeMutablePointer<Float>?) {
        if let scratch, scratchCount(rows: rows) > 0 {
            runSplitK(input: input, rows: rows, output: output, partials: scratch)
            return
        }
        run(input: input, rows: rows, output: output)
    }

    /// Computes `rows` output rows.
    ///
    /// - Parameters:
    ///   - input: `[rows, K]` row-major.
    ///   - rows: M, at most `Int32.max`.
    ///   - output: `[rows, N]` row-major; must not overlap `input`.
    ///
    /// Single-row runs of one kernel with split weights share its partial-sum buffer and are serialised (the
    /// planned step passes scratch instead, see `run(input:rows:output:scratch:)`).
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
            partialSums.withBuffer { runSplitK(input: input, rows: 1, output: output, partials: $0) }
            return
        }
        let bias = UncheckedSendable(self.bias)
        let activation = self.activation
        BlockedGEMM.run(a: input, b: weights, c: output, m: rows, n: n, k: k, transposeA: false,
                        transposeB: weightsTransposed, context: context) { block, blockRows, blockColumns, firstColumn in
            BiasActivation.apply(block, rows: blockRows, columns: blockColumns, rowStride: n,
                                 bias: bias.value.map { $0 + firstColumn }, activation: activation)
        }
    }

    /// `y = x W` for `rows` rows (one, or a small batch) and `[K, N]` weights, as `inputBlockCount` products
    /// over row blocks of W, each reading whole weight rows, into `partials` (`[blocks][rows][N]`), then summed in
    /// block order, with bias and activation. A single row skips its zero inputs (when the weights allow it) or
    /// runs a GEMV; more rows run a GEMM.
    private func runSplitK(input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>,
                           partials: UnsafeMutablePointer<Float>) {
        let k = inputFeatures
        let n = outputFeatures
        let blocks = DenseKernel.inputBlockCount
        let blockRows = (k + blocks - 1) / blocks
        let pointers = UncheckedSendable((weights: weights, input: input, partials: partials))
        let skipsZeroInputs = self.skipsZeroInputs
        let gathers = rows > 1 && batchSkipsZeroInputs
        let gatherSlot = gathers ? gatherSlotCount : 0
        context.forEachTask(blocks) { block, _ in
            let first = block * blockRows
            let count = Swift.min(blockRows, k - first)
            let partial = pointers.value.partials + block * rows * n
            let weights = pointers.value.weights + first * n
            let input = pointers.value.input + first
            if count <= 0 {
                partial.update(repeating: 0, count: rows * n)
            } else if rows > 1 {
                let slot = pointers.value.partials + blocks * rows * n + block * gatherSlot
                if !gathers || !DenseKernel.multiplyNonzeroRows(input: input, inputStride: k, rows: rows, count: count,
                                                                weights: weights, columns: n, into: partial,
                                                                scratch: slot) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(n), Int32(count),
                                1, input, Int32(k), weights, Int32(n), 0, partial, Int32(n))
                }
            } else if skipsZeroInputs {
                DenseKernel.accumulateNonzeroRows(input: input, count: count, weights: weights, columns: n, into: partial)
            } else {
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(count), Int32(n), 1, weights, Int32(n), input, 1, 0, partial, 1)
            }
        }
        output.update(from: partials, count: rows * n)
        for block in 1..<blocks {
            let partial = UnsafePointer(partials + block * rows * n)
            VectorLoops.zip(UnsafePointer(output), partial, output, count: rows * n, { $0 + $1 }) { $0 + $1 }
        }
        BiasActivation.apply(output, rows: rows, columns: n, bias: bias, activation: activation)
    }
}

extension DenseKernel {
    /// `partial = x W` for the `rows` rows of `x` (`inputStride` floats apart) over `count` weight rows, reading
    /// only the weight rows whose input is nonzero in some row (`landmark_dense_gather`; CPUs with AVX2 and FMA).
    /// `scratch` holds `count` row indices and the kernel's weight panels. Returns false, having computed nothing,
    /// when fewer than ``minimumSkippedFraction`` of the rows can be skipped (the caller multiplies them all).
    static func multiplyNonzeroRows(input: UnsafePointer<Float>, inputStride: Int, rows: Int, count: Int,
                                    weights: UnsafePointer<Float>, columns: Int, into partial: UnsafeMutablePointer<Float>,
                                    scratch: UnsafeMutablePointer<Float>) -> Bool {
        scratch.withMemoryRebound(to: Int32.self, capacity: count) { indices in
            var found = 0
            for i in 0..<count {
                var row = input + i
                for _ in 0..<rows {
                    if row.pointee != 0 {  // NaN too: it must reach its row's outputs
                        indices[found] = Int32(i)
                        found += 1
                        break
                    }
                    row += inputStride
                }
            }
            guard Double(count - found) >= DenseKernel.minimumSkippedFraction * Double(count) else { return false }
            landmark_dense_gather(input, inputStride, Int32(rows), indices, Int32(found), weights, columns,
                                  Int32(columns), partial, columns, scratch + count)
            return true
        }
    }

    /// The smallest fraction of weight rows a batch must be able to skip for the gathering kernel: it copies the rows
    /// it reads into panels, which costs more than `cblas_sgemm` when nothing is skipped, so it runs only where the
    /// skipped rows pay for that copying.
    static let minimumSkippedFraction = 0.1

    /// `sum[j] = Σ_r x[r] * W[r, j]` over the rows `r < count` with `x[r] != 0`, reading only those rows of the
    /// `[count, columns]` row-major `weights`. Rows are added four at a time, in row order.
    ///
    /// While one group of four rows is added, the next group's rows are prefetched line by line: each row is
    /// its own short stream (4 KiB for 1024 columns) that the hardware prefetcher would only pick up
    /// after its first misses.
    static func accumulateNonzeroRows(input: UnsafePointer<Float>, count: Int, weights: UnsafePointer<Float>,
                                      columns: Int, into sum: UnsafeMutablePointer<Float>) {
        sum.update(repeating: 0, count: columns)
        var scan = 0
        /// The next up to four rows with a nonzero input, from `scan` on; `found` says how many.
        func nextGroup() -> (rows: (Int, Int, Int, Int), found: Int) {
            var rows = (0, 0, 0, 0)
            var found = 0
            while scan < count && found < 4 {
                if input[scan] != 0 {
                    switch found {
                    case 0: rows.0 = scan
                    case 1: rows.1 = scan
                    case 2: rows.2 = scan
                    default: rows.3 = scan
                    }
                    found &+= 1
                }
                scan &+= 1
            }
            return (rows, found)
        }
        var group = nextGroup()
        while group.found == 4 {
            let next = nextGroup()
            // Rows past the last group are not prefetched: the current ones stand in (already cached).
            let ahead = next.found == 0 ? group.rows : next.rows
            addRows(input, group.rows, prefetching: ahead, weights: weights, columns: columns, into: sum)
            group = next
        }
        let rows = group.rows
        if group.found > 0 { addRow(input[rows.0], weights + rows.0 &* columns, columns: columns, into: sum) }
        if group.found > 1 { addRow(input[rows.1], weights + rows.1 &* columns, columns: columns, into: sum) }
        if group.found > 2 { addRow(input[rows.2], weights + rows.2 &* columns, columns: columns, into: sum) }
    }

    /// `sum += x[a] W[a] + x[b] W[b] + x[c] W[c] + x[d] W[d]` (added left to right), prefetching the rows
    /// `ahead` (a partial group repeats its first row) at the same pace.
    @inline(__always)
    private static func addRows(_ x: UnsafePointer<Float>, _ rows: (Int, Int, Int, Int), prefetching ahead: (Int, Int, Int, Int),
                                weights: UnsafePointer<Float>, columns: Int, into sum: UnsafeMutablePointer<Float>) {
        let x0 = x[rows.0], x1 = x[rows.1], x2 = x[rows.2], x3 = x[rows.3]
        let w0 = UnsafeRawPointer(weights + rows.0 &* columns), w1 = UnsafeRawPointer(weights + rows.1 &* columns)
        let w2 = UnsafeRawPointer(weights + rows.2 &* columns), w3 = UnsafeRawPointer(weights + rows.3 &* columns)
        let p0 = UnsafeRawPointer(weights + ahead.0 &* columns), p1 = UnsafeRawPointer(weights + ahead.1 &* columns)
        let p2 = UnsafeRawPointer(weights + ahead.2 &* columns), p3 = UnsafeRawPointer(weights + ahead.3 &* columns)
        let s = UnsafeMutableRawPointer(sum)
        @inline(__always) func add8(_ offset: Int) {
            var acc = s.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc += x0 * w0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc += x1 * w1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc += x2 * w2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc += x3 * w3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s.storeBytes(of: acc, toByteOffset: offset, as: SIMD8<Float>.self)
        }
        var j = 0
        while j &+ 16 <= columns {  // one 64-byte line of each row per step
            let offset = j &* 4
            Prefetch.forRead(p0 + offset)
            Prefetch.forRead(p1 + offset)
            Prefetch.forRead(p2 + offset)
            Prefetch.forRead(p3 + offset)
            add8(offset)
            add8(offset &+ 32)
            j &+= 16
        }
        while j &+ 8 <= columns {
            add8(j &* 4)
            j &+= 8
        }
        while j < columns {
            var acc = sum[j]
            acc += x0 * weights[rows.0 &* columns &+ j]
            acc += x1 * weights[rows.1 &* columns &+ j]
            acc += x2 * weights[rows.2 &* columns &+ j]
            acc += x3 * weights[rows.3 &* columns &+ j]
            sum[j] = acc
            j &+= 1
        }
    }

    /// `sum += x * w` over `columns` values.
    @inline(__always)
    private static func addRow(_ x: Float, _ w: UnsafePointer<Float>, columns: Int, into sum: UnsafeMutablePointer<Float>) {
        let source = UnsafeRawPointer(w)
        let s = UnsafeMutableRawPointer(sum)
        var j = 0
        while j &+ 8 <= columns {
            let offset = j &* 4
            let acc = s.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                + x * source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            s.storeBytes(of: acc, toByteOffset: offset, as: SIMD8<Float>.self)
            j &+= 8
        }
        while j < columns {
            sum[j] += x * w[j]
            j &+= 1
        }
    }

    /// Whether none of the `count` values is an infinity or NaN.
    static func allFinite(_ values: UnsafePointer<Float>, count: Int) -> Bool {
        // A float is an infinity or NaN when its exponent bits are all set; OR-ing the lane masks keeps the
        // loop branch-free.
        let raw = UnsafeRawPointer(values)
        let magnitude = SIMD8<UInt32>(repeating: 0x7fff_ffff)
        let infinityBits = SIMD8<UInt32>(repeating: 0x7f80_0000)
        var bad = SIMDMask<SIMD8<Int32>>(repeating: false)
        var i = 0
        while i &+ 8 <= count {
            let bits = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<UInt32>.self) & magnitude
            bad .|= bits .>= infinityBits
            i &+= 8
        }
        if any(bad) { return false }
        while i < count {
            if !values[i].isFinite { return false }
            i &+= 1
        }
        return true
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
