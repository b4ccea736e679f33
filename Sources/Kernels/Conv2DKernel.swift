import COpenBLAS

/// An NHWC float32 2-D convolution computed as im2col + `cblas_sgemm`, with bias and activation fused.
///
/// The HWIO filter viewed row-major as `[KH*KW*IC, OC]` is the GEMM B matrix; the im2col matrix is
/// `[N*OH*OW, KH*KW*IC]` and the NHWC output is the GEMM C matrix `[N*OH*OW, OC]`.
///
/// Work is split into tasks fixed by the geometry alone: tiles of `tileRows` output pixels (a tile of the
/// im2col matrix is ~1 MiB, so it is still cache-resident when its GEMM packs it), and, when there are too
/// few tiles to keep two threads busy, `columnBlockCount` blocks of output channels. Each task builds its
/// im2col tile in its worker's scratch slot, runs a single-threaded `cblas_sgemm`, then the bias/activation
/// pass on the hot output block. Because the tasks do not depend on `BLAS.threadCount`, the output is
/// bit-identical for any thread count. 1x1 stride-1 unpadded convolutions (output size == input size) skip
/// im2col and use the input itself as the A matrix.
///
/// Built once at plan time; owns a copy of the filter and bias. `run` allocates nothing.
public final class Conv2DKernel: @unchecked Sendable {
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

    /// Owned `[KH*KW*IC, OC]` row-major filter (a copy of the HWIO input).
    private let packedFilter: UnsafeMutablePointer<Float>
    /// Owned `[OC]` bias, or nil.
    private let ownedBias: UnsafeMutablePointer<Float>?
    /// Number of row tiles.
    private let rowTileCount: Int

    /// Target size in floats of one im2col tile (1 MiB).
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
    public init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?, activation: Activation) {
        BLAS.prepare()
        self.geometry = geometry
        self.activation = activation
        let filterCount = geometry.filterCount
        packedFilter = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, filterCount))
        packedFilter.initialize(from: filter, count: filterCount)
        let oc = geometry.outputChannels
        if let bias {
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, oc))
            copy.initialize(from: bias, count: oc)
            ownedBias = copy
        } else {
            ownedBias = nil
        }
        isPointwise = geometry.kernelHeight == 1 && geometry.kernelWidth == 1
            && geometry.strideHeight == 1 && geometry.strideWidth == 1
            && geometry.padTop == 0 && geometry.padLeft == 0
            && geometry.outputHeight == geometry.inputHeight && geometry.outputWidth == geometry.inputWidth

        let rows = Swift.max(1, geometry.outputPixelCount)
        let patch = Swift.max(1, geometry.patchLength)
        let granule = Conv2DKernel.tileRowGranule
        func roundUp(_ value: Int) -> Int { (value + granule - 1) / granule * granule }
        var tile = Swift.max(granule, Conv2DKernel.tileFloatBudget / patch / granule * granule)
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
        workerSlots = Swift.max(1, Swift.min(BLAS.threadCount, rowTileCount * columnBlockCount))
    }

    deinit {
        packedFilter.deallocate()
        ownedBias?.deallocate()
    }

    /// Floats of scratch `run` needs: `workerSlots * tileRows * KH*KW*IC` (one im2col tile per worker),
    /// or 0 for pointwise convolutions.
    public var scratchCount: Int {
        isPointwise ? 0 : workerSlots * tileRows * geometry.patchLength
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
            BiasActivation.apply(output, rows: rows, columns: oc, bias: ownedBias, activation: activation)
            return
        }
        let workers = Swift.min(BLAS.threadCount, workerSlots)
        let pointers = UncheckedSendable((input: input, output: output, scratch: scratch))
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
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    Int32(rowCount), Int32(columnCount), Int32(patch),
                    1, a, Int32(patch), packedFilter + firstColumn, Int32(oc),
                    0, c, Int32(oc))
        BiasActivation.apply(c, rows: rowCount, columns: columnCount, rowStride: oc,
                             bias: ownedBias.map { UnsafePointer($0 + firstColumn) }, activation: activation)
    }
}
