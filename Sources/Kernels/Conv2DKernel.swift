import COpenBLAS

/// How a `Conv2DKernel` computes its convolution.
public enum Conv2DAlgorithm: Sendable, Hashable {
    /// im2col tiles + `cblas_sgemm` (any geometry).
    case im2colGEMM
    /// Winograd F(2x2, 3x3): 16 GEMMs on transformed tiles, 2.25x fewer flops (3x3, stride 1, dilation 1 only).
    case winogradF2x2
}

/// An NHWC float32 2-D convolution computed as im2col + `cblas_sgemm`, with bias and activation fused.
///
/// The HWIO filter viewed row-major as `[KH*KW*IC, OC]` is the GEMM B matrix; the im2col matrix is
/// `[N*OH*OW, KH*KW*IC]` and the NHWC output is the GEMM C matrix `[N*OH*OW, OC]`.
///
/// Work is split into tasks fixed by the geometry alone: tiles of `tileRows` output pixels (an im2col tile
/// plus its output rows is ~1 MiB, so both are still cache-resident when the GEMM packs and writes them; at
/// least `preferredTaskCount` tiles when that leaves 64+ rows each), and, when there are too few tiles to
/// keep two threads busy, `columnBlockCount` blocks of output channels. Each task builds its
/// im2col tile in its worker's scratch slot, runs a single-threaded `cblas_sgemm`, then the bias/activation
/// pass on the hot output block. Because the tasks do not depend on `BLAS.threadCount`, the output is
/// bit-identical for any thread count. 1x1 stride-1 unpadded convolutions (output size == input size) skip
/// im2col and use the input itself as the A matrix.
///
/// On request (`algorithm: .winogradF2x2`, see `preferredAlgorithm(for:allowWinograd:)`), 3x3 stride-1
/// convolutions use Winograd F(2x2, 3x3) instead, with the same task/worker structure.
///
/// Built once at plan time; owns a copy of the filter (or its Winograd transform) and bias. `run` allocates nothing.
public final class Conv2DKernel: @unchecked Sendable {
    /// The algorithm chosen at init.
    public let algorithm: Conv2DAlgorithm
    /// The convolution's shape parameters.
    public let geometry: Conv2DGeometry
    /// The fused activation.
    public let activation: Activation
    /// Output pixels (GEMM rows) per task.
    public let tileRows: Int
    /// Number of output-channel blocks each row tile is split into (1 unless there are very few row tiles).
    public let columnBlockCount: Int
    /// Output channels per column block (the last block may be narrower).
    public let columnBlockWidth: Int
    /// Whether the input is used directly as the GEMM A matrix (1x1, stride 1, no padding).
    public let isPointwise: Bool
    /// Number of per-worker im2col tiles in the scratch buffer: `BLAS.threadCount` at init (capped by the
    /// task count). `run` never uses more workers than this.
    public let workerSlots: Int

    /// Owned `[KH*KW*IC, OC]` row-major filter (a copy of the HWIO input), or for Winograd `U[16][IC][OC]`.
    private let packedFilter: UnsafeMutablePointer<Float>
    /// The Winograd plan when `algorithm == .winogradF2x2`.
    private let winograd: WinogradF2x2?
    /// Owned `[OC]` bias, or nil.
    private let ownedBias: UnsafeMutablePointer<Float>?
    /// Owned `[OC]` PReLU slopes applied last, or nil.
    private let ownedSlopes: UnsafeMutablePointer<Float>?
    /// Number of row tiles.
    private let rowTileCount: Int

    /// Target size in floats of one task's im2col tile plus its output rows (1 MiB: large enough that the
    /// per-call packing of the filter stays a few percent, small enough to stay in the L2/L3 caches).
    static let tileFloatBudget = 256 * 1024
    /// Tiles hold a multiple of this many rows (a multiple of the SGEMM register-block sizes).
    static let tileRowGranule = 16
    /// Row tiles are made small enough to give at least this many tasks, unless that would make them
    /// shorter than `minimumSplitTileRows`.
    static let preferredTaskCount = 4
    /// The shortest tile worth splitting a GEMM into (shorter tiles repack the filter too often).
    static let minimumSplitTileRows = 64

    /// Creates the kernel.
    ///
    /// - Parameters:
    ///   - geometry: the convolution shape; must have passed `geometry.validate()`.
    ///   - filter: TF HWIO `[kh, kw, ic, oc]`, copied.
    ///   - bias: `[oc]` or nil, copied.
    ///   - activation: applied after the bias.
    ///   - negativeSlopes: `[oc]` per-channel PReLU slopes applied last (`y > 0 ? y : slope * y`), or nil; copied.
    public convenience init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                            activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil) {
        self.init(geometry: geometry, filter: filter, bias: bias, activation: activation,
                  algorithm: Conv2DKernel.preferredAlgorithm(for: geometry), negativeSlopes: negativeSlopes)
    }

    /// Creates the kernel with an explicit algorithm (`.winogradF2x2` falls back to `.im2colGEMM` when the
    /// geometry is not 3x3 stride 1 dilation 1, or when `negativeSlopes` are given).
    public init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                activation: Activation, algorithm requested: Conv2DAlgorithm, negativeSlopes: UnsafePointer<Float>? = nil) {
        // A geometry that fails validation would make the copies below read or write out of bounds: trap instead.
        do {
            try geometry.validate()
        } catch {
            preconditionFailure("Conv2DKernel: invalid geometry (call validate() at plan time): \(error)")
        }
        BLAS.prepare()
        self.geometry = geometry
        self.activation = activation
        if requested == .winogradF2x2 && WinogradF2x2.isApplicable(geometry) && negativeSlopes == nil {
            algorithm = .winogradF2x2
            let plan = WinogradF2x2(geometry: geometry)
            winograd = plan
            let count = WinogradF2x2.transformedFilterCount(geometry)
            packedFilter = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
            packedFilter.initialize(repeating: 0, count: count)
            WinogradF2x2.transformFilter(filter, geometry: geometry, into: packedFilter)
        } else {
            algorithm = .im2colGEMM
            winograd = nil
            let filterCount = geometry.filterCount
            packedFilter = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, filterCount))
            packedFilter.initialize(from: filter, count: filterCount)
        }
        let oc = geometry.outputChannels
        if let bias {
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, oc))
            copy.initialize(from: bias, count: oc)
            ownedBias = copy
        } else {
            ownedBias = nil
        }
        if let negativeSlopes {
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, oc))
            copy.initialize(from: negativeSlopes, count: oc)
            ownedSlopes = copy
        } else {
            ownedSlopes = nil
        }
        isPointwise = geometry.kernelHeight == 1 && geometry.kernelWidth == 1
            && geometry.strideHeight == 1 && geometry.strideWidth == 1
            && geometry.padTop == 0 && geometry.padLeft == 0
            && geometry.outputHeight == geometry.inputHeight && geometry.outputWidth == geometry.inputWidth

        let rows = Swift.max(1, geometry.outputPixelCount)
        let patch = Swift.max(1, geometry.patchLength)
        let granule = Conv2DKernel.tileRowGranule
        func roundUp(_ value: Int) -> Int { (value + granule - 1) / granule * granule }
        var tile = Swift.max(granule, Conv2DKernel.tileFloatBudget / (patch + Swift.max(1, oc)) / granule * granule)
        let splitRows = Swift.max(Conv2DKernel.minimumSplitTileRows,
                                  roundUp((rows + Conv2DKernel.preferredTaskCount - 1) / Conv2DKernel.preferredTaskCount))
        tile = Swift.min(tile, splitRows)
        tile = Swift.min(tile, Int(Int32.max) / patch)  // GEMM dimensions are 32-bit BLAS ints
        tile = Swift.max(1, Swift.min(tile, rows))
        tileRows = tile
        rowTileCount = (rows + tile - 1) / tile
        if rowTileCount < 2 && oc >= 2 * granule {
            columnBlockWidth = roundUp((oc + 1) / 2)
        } else {
            columnBlockWidth = Swift.max(1, oc)
        }
        columnBlockCount = (Swift.max(1, oc) + columnBlockWidth - 1) / columnBlockWidth
        workerSlots = Swift.max(1, Swift.min(BLAS.threadCount, winograd?.blockCount ?? rowTileCount * columnBlockCount))
    }

    /// The algorithm for `g`. Without `allowWinograd` (what the convenience initializer uses) this is always
    /// `.im2colGEMM`: its summation order matches TensorFlow's direct convolution closely, which matters on deep
    /// networks (the seed_keras fixture ends 7.4e-6 from TensorFlow with it, 1.1e-5 with Winograd, although
    /// Winograd is no less accurate against exact arithmetic). With `allowWinograd`, 3x3 stride-1 dilation-1
    /// convolutions with at least `winogradMinimumChannels` input and output channels and `winogradMinimumTiles`
    /// 2x2 output tiles use `.winogradF2x2` (~1.3-1.5x faster on the seed model's large layers).
    public static func preferredAlgorithm(for g: Conv2DGeometry, allowWinograd: Bool = false) -> Conv2DAlgorithm {
        guard allowWinograd, WinogradF2x2.isApplicable(g), g.inputChannels >= winogradMinimumChannels,
              g.outputChannels >= winogradMinimumChannels else { return .im2colGEMM }
        let tiles = g.batch * ((g.outputHeight + 1) / 2) * ((g.outputWidth + 1) / 2)
        return tiles >= winogradMinimumTiles ? .winogradF2x2 : .im2colGEMM
    }

    /// Smallest input/output channel count for which `preferredAlgorithm(allowWinograd: true)` picks Winograd.
    public static let winogradMinimumChannels = 16
    /// Smallest number of 2x2 output tiles for which `preferredAlgorithm(allowWinograd: true)` picks Winograd.
    public static let winogradMinimumTiles = 16

    deinit {
        packedFilter.deallocate()
        ownedBias?.deallocate()
        ownedSlopes?.deallocate()
    }

    /// Number of independent tasks `run` splits the convolution into (fixed by the geometry).
    public var taskCount: Int {
        winograd?.blockCount ?? rowTileCount * columnBlockCount
    }

    /// Floats of scratch `run` needs: `workerSlots * tileRows * KH*KW*IC` (one im2col tile per worker),
    /// 0 for pointwise convolutions, and for Winograd `workerSlots * (16 * blockTiles * (IC + OC) + 16 * IC)`.
    public var scratchCount: Int {
        if let winograd { return workerSlots * winograd.scratchPerWorker }
        return isPointwise ? 0 : workerSlots * tileRows * geometry.patchLength
    }

    /// Computes the convolution.
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, IC]`.
    ///   - output: NHWC `[N, OH, OW, OC]`; must not overlap `input` or `scratch`.
    ///   - scratch: at least `scratchCount` floats.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let g = geometry
        let rows = g.outputPixelCount
        let oc = g.outputChannels
        guard rows > 0, oc > 0 else { return }
        let patch = g.patchLength
        if patch == 0 {
            // Empty reduction: the output is just bias + activation.
            output.update(repeating: 0, count: rows * oc)
            BiasActivation.apply(output, rows: rows, columns: oc, bias: ownedBias, activation: activation,
                                 negativeSlopes: ownedSlopes.map { UnsafePointer($0) })
            return
        }
        let workers = Swift.min(BLAS.threadCount, workerSlots)
        let pointers = UncheckedSendable((input: input, output: output, scratch: scratch))
        if let winograd {
            let perWorker = winograd.scratchPerWorker
            ParallelWork.run(taskCount: winograd.blockCount, workers: workers) { block, worker in
                winograd.runBlock(block, input: pointers.value.input, output: pointers.value.output,
                                  scratch: pointers.value.scratch + worker * perWorker,
                                  transformedFilter: packedFilter, bias: ownedBias.map { UnsafePointer($0) },
                                  activation: activation)
            }
            return
        }
        ParallelWork.run(taskCount: rowTileCount * columnBlockCount, workers: workers) { task, worker in
            runTask(task, worker: worker, input: pointers.value.input, output: pointers.value.output,
                    scratch: pointers.value.scratch)
        }
    }

    /// One row tile x column block: im2col (unless pointwise), GEMM, bias + activation.
    private func runTask(_ task: Int, worker: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>) {
        let g = geometry
        let oc = g.outputChannels
        let patch = g.patchLength
        let rowTile = task / columnBlockCount
        let columnBlock = task - rowTile * columnBlockCount
        let firstRow = rowTile * tileRows
        let rowCount = Swift.min(tileRows, g.outputPixelCount - firstRow)
        let firstColumn = columnBlock * columnBlockWidth
        let columnCount = Swift.min(columnBlockWidth, oc - firstColumn)
        let a: UnsafePointer<Float>
        if isPointwise {
            a = input + firstRow * patch
        } else {
            let tile = scratch + worker * tileRows * patch
            Im2Col.fill(geometry: g, input: input, firstRow: firstRow, rowCount: rowCount, matrix: tile)
            a = UnsafePointer(tile)
        }
        let c = output + firstRow * oc + firstColumn
        // Zero C ourselves and accumulate with beta = 1: OpenBLAS's own beta = 0 pass is slower than these row
        // fills. The bias is added afterwards (as TensorFlow's separate BiasAdd does, which keeps rounding close).
        for r in 0..<rowCount {
            (c + r * oc).update(repeating: 0, count: columnCount)
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    Int32(rowCount), Int32(columnCount), Int32(patch),
                    1, a, Int32(patch), packedFilter + firstColumn, Int32(oc),
                    1, c, Int32(oc))
        BiasActivation.apply(c, rows: rowCount, columns: columnCount, rowStride: oc,
                             bias: ownedBias.map { UnsafePointer($0 + firstColumn) }, activation: activation,
                             negativeSlopes: ownedSlopes.map { UnsafePointer($0 + firstColumn) })
    }
}
