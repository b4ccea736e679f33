import CKernelsAVX2

/// How a `Conv2DKernel` computes its convolution.
public enum Conv2DAlgorithm: Sendable, Hashable {
    /// im2col tiles + `cblas_sgemm` (any geometry).
    case im2colGEMM
    /// Winograd F(2x2, 3x3): 16 GEMMs on transformed tiles, 2.25x fewer flops (3x3, stride 1, dilation 1 only).
    case winogradF2x2
    /// Winograd F(3x3, 3x3): 25 GEMMs on transformed tiles, 3.24x fewer flops (3x3, stride 1, dilation 1 only).
    case winogradF3x3
    /// Winograd F(4x4, 3x3): 36 GEMMs on transformed tiles, 4x fewer flops (3x3, stride 1, dilation 1 only).
    case winogradF4x4

    /// Whether this is one of the Winograd algorithms.
    public var isWinograd: Bool { self != .im2colGEMM }

    /// Whether a ``Conv2DKernel`` running this algorithm can apply `pool` to its output itself: always for
    /// im2col (pooling bands of GEMM rows); for Winograd when the pool windows tile its output tiles (2x2
    /// windows in F(2x2)'s 2x2 tiles, 3x3 in F(3x3)'s, 2x2 or 4x4 in F(4x4)'s).
    public func canFuse(_ pool: FusedMaxPool) -> Bool {
        switch self {
        case .im2colGEMM: return true
        case .winogradF2x2: return 2 % pool.windowHeight == 0 && 2 % pool.windowWidth == 0
        case .winogradF3x3: return 3 % pool.windowHeight == 0 && 3 % pool.windowWidth == 0
        case .winogradF4x4: return 4 % pool.windowHeight == 0 && 4 % pool.windowWidth == 0
        }
    }

    /// A short name for reports: `im2col`, `Winograd F(2x2)`, `Winograd F(3x3)`, `Winograd F(4x4)`.
    public var label: String {
        switch self {
        case .im2colGEMM: return "im2col"
        case .winogradF2x2: return "Winograd F(2x2)"
        case .winogradF3x3: return "Winograd F(3x3)"
        case .winogradF4x4: return "Winograd F(4x4)"
        }
    }
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
/// pass on the hot output block. Because the tasks do not depend on the ``ComputeContext``'s worker count, the
/// output is bit-identical for any thread count. 1x1 stride-1 unpadded convolutions (output size == input size) skip
/// im2col and use the input itself as the A matrix. Other unpadded convolutions whose filter rows fit a generated
/// kernel skip it too, in tiles of whole output rows: `RowConvolution` runs the kernels on the input itself.
///
/// With a ``FusedMaxPool`` (im2col only), tiles are whole bands of `windowHeight` output rows: each task's
/// GEMM writes its rows to scratch, and only the pooled band reaches `output` (`[N, OH/wh, OW/ww, OC]`).
///
/// On request (`algorithm: .winogradF2x2` or `.winogradF4x4`, see `preferredAlgorithm(for:allowWinograd:)`),
/// 3x3 stride-1 convolutions use Winograd instead, with the same task/worker structure.
///
/// GEMMs whose reduction is at most `GeneratedSGEMM.maximumDepth` long (the first layer's 27, Winograd's per-plane
/// products over 32-128 input channels) run on kernels generated for their exact shape at init instead of
/// `cblas_sgemm`, when the CPU allows (see `GeneratedSGEMM`).
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
    /// Whether the input is used directly as the GEMM A matrix (1x1, stride 1, no padding, no pool).
    public let isPointwise: Bool
    /// The max pool applied to the output, or nil.
    public let pool: FusedMaxPool?
    /// Number of per-worker im2col tiles in the scratch buffer: the context's worker count (capped by the task
    /// count). `run` never uses more workers than this.
    public let workerSlots: Int
    /// The threads and code paths the kernel runs on.
    public let context: ComputeContext

    /// `[KH*KW*IC, OC]` row-major filter (the HWIO input, borrowed or copied), or for Winograd the owned
    /// transform `U[n²][IC][OC]`.
    private let packedFilter: UnsafePointer<Float>
    /// Whether `packedFilter` was allocated here (and is freed with the kernel).
    private let ownsFilter: Bool
    /// The Winograd plan when `algorithm` is a Winograd algorithm.
    private let winograd: WinogradVariant?
    /// Owned `[OC]` bias, or nil.
    private let ownedBias: UnsafeMutablePointer<Float>?
    /// Owned `[OC]` PReLU slopes applied last, or nil.
    private let ownedSlopes: UnsafeMutablePointer<Float>?
    /// Number of row tiles.
    private let rowTileCount: Int
    /// With a pool: pooling bands per row tile (`tileRows = bandsPerTile * windowHeight * OW`).
    private let bandsPerTile: Int
    /// With an im2col pool: whether bias and activation run on the pooled pixels instead of the convolution
    /// output (see ``finishCommutesWithMax(_:slopes:count:)``).
    private let finishesAfterPool: Bool
    /// im2col GEMMs without generated kernels, on CPUs with AVX2 + FMA: the filter packed once into 16-column
    /// panels for `landmark_sgemm_packed` (no per-call packing, unlike `cblas_sgemm`); nil elsewhere.
    private let packedPanels: UnsafeMutablePointer<Float>?
    /// im2col: kernels generated for the task GEMMs' shapes (see ``GeneratedSGEMM``); others use OpenBLAS.
    private let gemms: GeneratedSGEMMSet
    /// The convolution rows computed straight from the input instead of from im2col rows, when the geometry
    /// allows (see ``RowConvolution``), else nil. Tiles are then whole output rows.
    private let rowConvolution: RowConvolution?
    /// Floats of one worker's planes when rows are computed by `landmark_conv_planar_rows` (stride 1, 1 to 4 input
    /// and 1 to 12 output channels, a CPU with FMA; see ``usesPlanarRows(_:pool:context:)``), else 0. Tiles are then
    /// whole output rows.
    private let planarScratch: Int
    /// The rows computed by `landmark_conv_vector_rows` (1 to 4 input channels into more than 12, any stride and
    /// padding, a CPU with FMA; see ``VectorRowsConvolution``), else nil. Tiles are then whole output rows.
    private let vectorRows: VectorRowsConvolution?
    /// Whether a pointwise convolution into 1 to 8 channels runs on `landmark_pointwise_narrow` (8 pixels per
    /// register instead of a GEMM's 16-channel panels; a CPU with FMA), see ``usesNarrowPointwise(_:pool:context:)``.
    private let narrowPointwise: Bool
    /// The activation code the planar rows and the narrow pointwise product finish their outputs with in registers
    /// (bias, activation, PReLU), or nil when the activation has no code there and the output pass runs instead.
    private let registerEpilogue: (code: Int32, alpha: Float)?

    /// Target size in floats of one task's im2col tile plus its output rows (1 MiB: large enough that the
    /// per-call packing of the filter stays a few percent, small enough to stay in the L2/L3 caches).
    static let tileFloatBudget = 128 * 1024
    /// The same for a convolution with a fused pool (256 KiB: tiles of fewer pooled bands, so that a layer with
    /// few bands still splits into enough tasks to share out evenly between the threads).
    static let pooledTileFloatBudget = 64 * 1024
    /// Tiles hold a multiple of this many rows (a multiple of the SGEMM register-block sizes).
    static let tileRowGranule = 16
    /// Row tiles are made small enough to give at least this many tasks, unless that would make them
    /// shorter than `minimumSplitTileRows`.
    static let preferredTaskCount = 4
    /// The shortest tile worth splitting a GEMM into (shorter tiles repack the filter too often).
    static let minimumSplitTileRows = 64

    /// Whether `g` is a pointwise convolution (1x1, stride 1, unpadded, no pool) into 1 to 8 channels, run on
    /// `landmark_pointwise_narrow` on a CPU with AVX2 and FMA (and a context that does not keep every GEMM on
    /// OpenBLAS): P-Net's box and score heads, where a GEMM's 16-channel panels would be mostly empty.
    static func usesNarrowPointwise(_ g: Conv2DGeometry, pool: FusedMaxPool?, context: ComputeContext) -> Bool {
        guard pool == nil, context.usesFusedMultiplyAdd, context.generatesGEMMKernels else { return false }
        guard g.kernelHeight == 1, g.kernelWidth == 1, g.strideHeight == 1, g.strideWidth == 1 else { return false }
        guard g.padTop == 0, g.padLeft == 0, g.outputHeight == g.inputHeight, g.outputWidth == g.inputWidth else { return false }
        return (1...8).contains(g.outputChannels) && g.inputChannels >= 1
    }

    /// Whether `g`'s rows run on `landmark_conv_planar_rows`: stride 1, dilation 1, 1 to 4 input channels (a first
    /// layer on pixels), 1 to 12 output channels (too few to fill a GEMM's 16-column panels), rows of at least 8
    /// pixels, no pool, and a CPU with AVX2 and FMA (and a context that does not keep every GEMM on OpenBLAS, the
    /// tests' reference). Eight pixels of each output channel then share a register, where a GEMM would leave most
    /// of the lanes of each 16-channel block empty.
    static func usesPlanarRows(_ g: Conv2DGeometry, pool: FusedMaxPool?, context: ComputeContext) -> Bool {
        guard pool == nil, context.usesFusedMultiplyAdd, context.generatesGEMMKernels else { return false }
        guard g.strideHeight == 1, g.strideWidth == 1, g.dilationHeight == 1, g.dilationWidth == 1 else { return false }
        guard (1...4).contains(g.inputChannels), (1...12).contains(g.outputChannels) else { return false }
        return g.outputWidth >= 8 && g.kernelHeight * g.kernelWidth > 1 && g.kernelHeight <= 64
    }

    /// Creates the kernel.
    ///
    /// - Parameters:
    ///   - geometry: the convolution shape; must have passed `geometry.validate()`.
    ///   - filter: TF HWIO `[kh, kw, ic, oc]`, copied.
    ///   - bias: `[oc]` or nil, copied.
    ///   - activation: applied after the bias.
    ///   - negativeSlopes: `[oc]` per-channel PReLU slopes applied last (`y > 0 ? y : slope * y`), or nil; copied.
    ///   - context: the threads and code paths the kernel runs on.
    public convenience init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                            activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil,
                            context: ComputeContext = .singleThreaded) {
        self.init(geometry: geometry, filter: filter, bias: bias, activation: activation,
                  algorithm: Conv2DKernel.preferredAlgorithm(for: geometry), negativeSlopes: negativeSlopes,
                  context: context)
    }

    /// Creates the kernel with an explicit algorithm (a Winograd algorithm falls back to `.im2colGEMM` when the
    /// geometry is not 3x3 stride 1 dilation 1, when `negativeSlopes` are given, or when `pool`'s windows do not
    /// tile its output tiles, see ``Conv2DAlgorithm/canFuse(_:)``).
    ///
    /// With `borrowingFilter`, an im2col kernel reads `filter` in place instead of copying it (im2col + GEMM
    /// uses the HWIO layout as it is), and the caller keeps `filter` alive and unchanged for the kernel's
    /// lifetime; a Winograd kernel always owns its transformed filter.

    public init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                activation: Activation, algorithm requested: Conv2DAlgorithm, negativeSlopes: UnsafePointer<Float>? = nil,
                borrowingFilter: Bool = false, pool: FusedMaxPool? = nil, context: ComputeContext = .singleThreaded) {
        // A geometry that fails validation would make the copies below read or write out of bounds: trap instead.
        do {
            try geometry.validate()
        } catch {
            preconditionFailure("Conv2DKernel: invalid geometry (call validate() at plan time): \(error)")
        }
        BLAS.prepare()
        self.context = context
        self.geometry = geometry
        self.activation = activation
        self.pool = pool
        if requested.isWinograd && WinogradPlan<WinogradF2x2>.isApplicable(geometry) && negativeSlopes == nil
            && (pool.map { requested.canFuse($0) } ?? true),
           let plan = WinogradVariant(requested, geometry: geometry, pool: pool, context: context) {
            algorithm = requested
            winograd = plan
            let count = plan.transformedFilterCount
            let transformed = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
            transformed.initialize(repeating: 0, count: count)
            plan.transformFilter(filter, into: transformed)
            packedFilter = UnsafePointer(transformed)
            ownsFilter = true
        } else if borrowingFilter {
            algorithm = .im2colGEMM
            winograd = nil
            packedFilter = filter
            ownsFilter = false
        } else {
            algorithm = .im2colGEMM
            winograd = nil
            let filterCount = geometry.filterCount
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, filterCount))
            copy.initialize(from: filter, count: filterCount)
            packedFilter = UnsafePointer(copy)
            ownsFilter = true
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
        finishesAfterPool = pool != nil && Conv2DKernel.finishCommutesWithMax(
            activation, slopes: ownedSlopes.map { UnsafePointer($0) }, count: oc)
        isPointwise = pool == nil && geometry.kernelHeight == 1 && geometry.kernelWidth == 1
            && geometry.strideHeight == 1 && geometry.strideWidth == 1
            && geometry.padTop == 0 && geometry.padLeft == 0
            && geometry.outputHeight == geometry.inputHeight && geometry.outputWidth == geometry.inputWidth

        // Whether the rows go to `landmark_conv_vector_rows` (decided once: it fixes the tiles and column blocks).
        let takesVectorRows = winograd == nil && !isPointwise
            && VectorRowsConvolution.isApplicable(geometry, pool: pool, context: context)
        let rows = Swift.max(1, geometry.outputPixelCount)
        let patch = Swift.max(1, geometry.patchLength)
        let granule = Conv2DKernel.tileRowGranule
        func roundUp(_ value: Int) -> Int { (value + granule - 1) / granule * granule }
        if let pool {
            // Tiles of whole bands (windowHeight rows of one image); rows below the last band are never computed.
            let bandRows = Swift.max(1, pool.windowHeight * geometry.outputWidth)
            let bands = geometry.batch * pool.outputHeight(geometry.outputHeight)
            var perTile = Swift.max(1, Conv2DKernel.pooledTileFloatBudget / (bandRows * (patch + Swift.max(1, oc))))
            let minimumBands = (Conv2DKernel.minimumSplitTileRows + bandRows - 1) / bandRows
            perTile = Swift.min(perTile, Swift.max(minimumBands, (bands + Conv2DKernel.preferredTaskCount - 1)
                                                    / Conv2DKernel.preferredTaskCount))
            perTile = Swift.max(1, Swift.min(perTile, bands, Int(Int32.max) / patch / bandRows))
            bandsPerTile = perTile
            tileRows = perTile * bandRows
            rowTileCount = Swift.max(1, (bands + perTile - 1) / perTile)
        } else {
            var tile = Swift.max(granule, Conv2DKernel.tileFloatBudget / (patch + Swift.max(1, oc)) / granule * granule)
            let splitRows = Swift.max(Conv2DKernel.minimumSplitTileRows,
                                      roundUp((rows + Conv2DKernel.preferredTaskCount - 1) / Conv2DKernel.preferredTaskCount))
            tile = Swift.min(tile, splitRows)
            tile = Swift.min(tile, Int(Int32.max) / patch)  // GEMM dimensions are 32-bit BLAS ints
            tile = Swift.max(1, Swift.min(tile, rows))
            if winograd == nil && !isPointwise
                && (RowConvolution.isApplicable(geometry) || Conv2DKernel.usesPlanarRows(geometry, pool: pool, context: context)
                    || takesVectorRows)
                && geometry.outputWidth <= Int(Int32.max) / patch {
                // Whole output rows, so that a tile can be computed row by row (im2col takes any tile).
                tile = Swift.max(1, tile / geometry.outputWidth) * geometry.outputWidth
            }
            if (rows + tile - 1) / tile < 2 && rows >= 2 * granule && winograd == nil && !isPointwise
                && !RowConvolution.isApplicable(geometry) && geometry.patchLength > GeneratedSGEMM.maximumDepth
                && context.usesFusedMultiplyAdd {
                // One short tile of a long patch (DenseNet's 3x3 convolutions on 8x8 maps): the GEMM reads a filter
                // packed once (`packedPanels`), so two row tiles cost no repacking, while two column blocks would
                // each fill the whole im2col tile.
                tile = roundUp((rows + 1) / 2)
            }
            bandsPerTile = 0
            tileRows = tile
            rowTileCount = (rows + tile - 1) / tile
        }
        // A few row tiles of which the last is short (196 rows of a 14x14 map: 64, 64, 64, 4) share out unevenly
        // between two threads; two column blocks per tile halve the largest piece a thread can be left with.
        let unevenRowTiles = pool == nil && rowTileCount < 2 * Conv2DKernel.preferredTaskCount
            && rows % tileRows != 0
        // (The vector rows write every channel of a row in one task.)
        if (rowTileCount < 2 || unevenRowTiles) && oc >= 2 * granule
            && !takesVectorRows {
            columnBlockWidth = roundUp((oc + 1) / 2)
        } else {
            columnBlockWidth = Swift.max(1, oc)
        }
        columnBlockCount = (Swift.max(1, oc) + columnBlockWidth - 1) / columnBlockWidth
        let lastColumns = oc - (columnBlockCount - 1) * columnBlockWidth
        narrowPointwise = winograd == nil && isPointwise && columnBlockCount == 1
            && Conv2DKernel.usesNarrowPointwise(geometry, pool: pool, context: context)
        vectorRows = takesVectorRows && columnBlockCount == 1 && tileRows % Swift.max(1, geometry.outputWidth) == 0
            ? VectorRowsConvolution(geometry: geometry, filter: filter, bias: bias, slopes: negativeSlopes) : nil
        if narrowPointwise {
            registerEpilogue = AVX2Kernels.registerEpilogue(activation)
            planarScratch = 0
            rowConvolution = nil
            gemms = .none
        } else if winograd == nil && !isPointwise && columnBlockCount == 1 && tileRows % Swift.max(1, geometry.outputWidth) == 0
            && Conv2DKernel.usesPlanarRows(geometry, pool: pool, context: context) {
            planarScratch = landmark_conv_planar_scratch(geometry.kernelHeight, geometry.kernelWidth,
                                                         geometry.inputChannels, geometry.outputWidth)
            registerEpilogue = AVX2Kernels.registerEpilogue(activation)
            rowConvolution = nil
            gemms = .none
        } else if vectorRows != nil {
            planarScratch = 0
            registerEpilogue = AVX2Kernels.registerEpilogue(activation)
            rowConvolution = nil
            gemms = .none
        } else if winograd == nil, !isPointwise, geometry.patchLength > 0, oc > 0,
           let rows = RowConvolution(geometry: geometry, blocks: [columnBlockWidth, lastColumns].map {
               // Pooled tasks write rows as wide as their column block to scratch, the others into the output.
               (columns: $0, pixelStride: pool == nil ? oc : $0)
           }, generating: context.generatesGEMMKernels) {
            planarScratch = 0
            registerEpilogue = nil
            rowConvolution = rows
            gemms = .none
        } else if winograd == nil && geometry.patchLength > 0 && oc > 0 {
            planarScratch = 0
            registerEpilogue = nil
            rowConvolution = nil
            // The tasks' GEMM shapes: full and last row tile, full and last column block; with a pool the rows
            // land in a scratch block as wide as the column block.
            let lastRows: Int
            if let pool {
                let bands = geometry.batch * pool.outputHeight(geometry.outputHeight)
                lastRows = (bands - (rowTileCount - 1) * bandsPerTile) * pool.windowHeight * geometry.outputWidth
            } else {
                lastRows = rows - (rowTileCount - 1) * tileRows
            }
            var shapes: [(rows: Int, columns: Int, cStride: Int)] = []
            for r in [tileRows, lastRows] where r > 0 {
                for c in [columnBlockWidth, lastColumns] {
                    shapes.append((r, c, pool == nil ? oc : c))
                }
            }
            // On AVX-512 CPUs a 1x1 convolution takes the packed GEMM, whose blocks finish in registers, rather than
            // a generated kernel followed by a bias + activation pass.
            let packedPointwise = isPointwise && context.usesFusedMultiplyAdd && AVX2Kernels.avx512Available
            gemms = GeneratedSGEMMSet(shapes: shapes, depth: geometry.patchLength, aStride: geometry.patchLength,
                                      bStride: oc, generating: context.generatesGEMMKernels && !packedPointwise)
        } else {
            planarScratch = 0
            registerEpilogue = nil
            rowConvolution = nil
            gemms = .none
        }
        workerSlots = Swift.max(1, Swift.min(context.workerCount, winograd?.blockCount ?? rowTileCount * columnBlockCount))
        // Column blocks start at 0 or at multiples of `tileRowGranule` (16), so each starts at a panel.
        if winograd == nil && rowConvolution == nil && gemms.count == 0 && context.usesFusedMultiplyAdd
            && geometry.patchLength > 0 && oc > 0 && (columnBlockCount == 1 || columnBlockWidth % 16 == 0) {
            let count = landmark_sgemm_packed_count(geometry.patchLength, oc)
            let panels = UnsafeMutablePointer<Float>.allocate(capacity: count)
            landmark_sgemm_pack(packedFilter, oc, geometry.patchLength, oc, panels)
            packedPanels = panels
        } else {
            packedPanels = nil
        }
    }

    /// The algorithm for `g`. Without `allowWinograd` (what the convenience initializer uses) this is always
    /// `.im2colGEMM`, whose summation order is closest to TensorFlow's direct convolution. With `allowWinograd`,
    /// 3x3 stride-1 dilation-1 convolutions with at least `winogradMinimumChannels` input and output channels
    /// use Winograd: `.winogradF4x4` with at least `winogradF4x4MinimumTiles` 4x4 output tiles (over the batch),
    /// or with at least `winogradF4x4MinimumSmallerTiles` when its tiles cover the output with fewer transformed
    /// values than F(3x3)'s (`36 * tiles` against `25 * tiles`; see ``winogradF4x4MinimumSmallerTiles``), else
    /// `.winogradF3x3` with at least `winogradF3x3MinimumTiles` 3x3 tiles, else `.winogradF2x2` with at least
    /// `winogradMinimumTiles` 2x2 tiles. Each variant needs fewer multiplies than im2col (F(2x2) 2.25x, F(3x3)
    /// 3.24x, F(4x4) 4x) but transforms every tile and repacks its filter planes for every block's GEMMs, so it
    /// takes only layers with enough channels and tiles for the saved multiplies to outweigh that. F(2x2) is as
    /// close to exact arithmetic as GEMM; F(3x3) rounds about 15% further, F(4x4) about 3x (about 1e-6 of a
    /// layer's largest output on 32-64-channel layers). All round differently from TensorFlow, so deep networks
    /// can end a little further from its float32 output.
    public static func preferredAlgorithm(for g: Conv2DGeometry, allowWinograd: Bool = false) -> Conv2DAlgorithm {
        guard allowWinograd, WinogradPlan<WinogradF2x2>.isApplicable(g), g.inputChannels >= winogradMinimumChannels,
              g.outputChannels >= winogradMinimumChannels else { return .im2colGEMM }
        let tiles4 = WinogradPlan<WinogradF4x4>.tileCount(g), tiles3 = WinogradPlan<WinogradF3x3>.tileCount(g)
        if tiles4 >= winogradF4x4MinimumTiles { return .winogradF4x4 }
        if tiles4 >= winogradF4x4MinimumSmallerTiles && 36 * tiles4 < 25 * tiles3 { return .winogradF4x4 }
        if tiles3 >= winogradF3x3MinimumTiles { return .winogradF3x3 }
        return WinogradPlan<WinogradF2x2>.tileCount(g) >= winogradMinimumTiles ? .winogradF2x2 : .im2colGEMM
    }

    /// The algorithm for `g` that applies `pool` itself: the preferred one when it can (see ``Conv2DAlgorithm/canFuse(_:)``);
    /// else, when Winograd is preferred (so the geometry qualifies), the variant whose tiles the windows tile, F(4x4)
    /// first (the fewest multiplies); else im2col, which pools any non-overlapping windows. A pool is fused when the
    /// plan is made for the batch; a batch's leading layers then run item by item on kernels planned for one item,
    /// whose preferred algorithm can differ (F(4x4) for the batch but F(3x3), whose tiles cannot hold 2x2 windows,
    /// for one item: the item then runs F(4x4) with the pool rather than im2col).
    public static func preferredAlgorithm(for g: Conv2DGeometry, allowWinograd: Bool = false,
                                          fusing pool: FusedMaxPool) -> Conv2DAlgorithm {
        let preferred = preferredAlgorithm(for: g, allowWinograd: allowWinograd)
        if preferred.canFuse(pool) { return preferred }
        guard preferred.isWinograd else { return .im2colGEMM }
        for candidate in [Conv2DAlgorithm.winogradF4x4, .winogradF3x3, .winogradF2x2] where candidate.canFuse(pool) {
            return candidate
        }
        return .im2colGEMM
    }

    /// Smallest input/output channel count for which `preferredAlgorithm(allowWinograd: true)` picks Winograd:
    /// with fewer channels the per-tile transforms cost about as much as the multiplies they save.
    public static let winogradMinimumChannels = 32
    /// Smallest number of 2x2 output tiles for which `preferredAlgorithm(allowWinograd: true)` picks Winograd.
    /// Below it the kernel's own transformed filter (16/9 of the filter's size) costs more memory than the few
    /// tiles' saved multiplies are worth.
    public static let winogradMinimumTiles = 32
    /// Smallest number of 4x4 output tiles for which `preferredAlgorithm(allowWinograd: true)` picks F(4x4).
    /// With fewer tiles per block, repacking its 36 filter planes for every block's GEMMs outweighs the
    /// multiplies it saves over F(2x2) and F(3x3).
    public static let winogradF4x4MinimumTiles = 128
    /// Smallest number of 4x4 output tiles for which `preferredAlgorithm(allowWinograd: true)` picks F(4x4) over
    /// F(3x3) when F(4x4) transforms fewer values: an 8x8 output is four 4x4 tiles (144 values) but nine 3x3 tiles
    /// (225 values, a 9x9 cover). A 5x5 output (four tiles either way) keeps F(3x3).
    public static let winogradF4x4MinimumSmallerTiles = 64
    /// Smallest number of 3x3 output tiles for which `preferredAlgorithm(allowWinograd: true)` picks F(3x3)
    /// (when F(4x4) does not apply): from this many tiles its 1.44x fewer multiplies than F(2x2) outweigh its
    /// larger transforms and 25 filter planes per block.
    public static let winogradF3x3MinimumTiles = 64

    deinit {
        if ownsFilter { packedFilter.deallocate() }
        packedPanels?.deallocate()
        ownedBias?.deallocate()
        ownedSlopes?.deallocate()
    }

    /// Floats of the filter `run` reads: the HWIO filter for im2col, its `n² * IC * OC` transform for Winograd.
    public var filterFloatCount: Int { winograd?.transformedFilterCount ?? geometry.filterCount }

    /// Number of GEMM shapes that run on generated code (``GeneratedSGEMM``); 0 when every GEMM goes to OpenBLAS.
    var generatedGEMMCount: Int { winograd?.generatedGEMMCount ?? rowConvolution?.kernelCount ?? gemms.count }

    /// Whether the tasks compute their convolution rows from the input directly, with no im2col matrix (see
    /// `RowConvolution`: filter rows short enough for a generated kernel, no padding, unit dilation; the planar
    /// rows of few channels, see ``usesPlanarRows(_:pool:context:)``; or the vector rows of a first layer, see
    /// `VectorRowsConvolution`).
    public var computesRowsDirectly: Bool { rowConvolution != nil || planarScratch > 0 || vectorRows != nil }

    /// How the convolution is computed, for reports: the algorithm's label, or `rows` when an im2col
    /// convolution computes its rows straight from the input.
    public var label: String {
        computesRowsDirectly ? "rows" : algorithm.label
    }

    /// Floats of one worker's scratch slot in the pooled path: its im2col tile (none when computing rows
    /// directly) and its convolution rows.
    private var pooledSlotCount: Int {
        tileRows * ((rowConvolution == nil ? geometry.patchLength : 0) + geometry.outputChannels)
    }

    /// Number of independent tasks `run` splits the convolution into (fixed by the geometry).
    public var taskCount: Int {
        winograd?.blockCount ?? rowTileCount * columnBlockCount
    }

    /// Floats of scratch `run` needs: `workerSlots * tileRows * KH*KW*IC` (one im2col tile per worker, and one
    /// float per worker marking its tile when row tiles have several column blocks),
    /// 0 for pointwise convolutions and those computed by rows (plus the pooled rows with a pool), and for Winograd `workerSlots * n² * (blockTiles * (IC + OC) + IC)` (plus padding).
    public var scratchCount: Int {
        if let winograd { return workerSlots * winograd.scratchPerWorker }
        if pool != nil { return workerSlots * pooledSlotCount }
        if planarScratch > 0 { return workerSlots * planarScratch }
        if let vectorRows { return workerSlots * vectorRows.scratchPerWorker }
        return isPointwise || rowConvolution != nil ? 0 : workerSlots * tileRows * geometry.patchLength + tileMarkCount
    }

    /// With several column blocks per row tile, one float per worker after the im2col tiles marks which row tile
    /// that worker's slot holds, so that a worker running the next column block of the same tile fills it once.
    private var tileMarkCount: Int {
        columnBlockCount > 1 && !isPointwise && rowConvolution == nil && planarScratch == 0 && vectorRows == nil ? workerSlots : 0
    }

    /// Computes the convolution.
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, IC]`.
    ///   - output: NHWC `[N, OH, OW, OC]` (with a pool `[N, OH/wh, OW/ww, OC]`); must not overlap `input` or
    ///     `scratch`.
    ///   - scratch: at least `scratchCount` floats.
    ///   - residual: NHWC `[N, OH, OW, OC]` added to each output after the bias and before the activation (a
    ///     residual `Add` run in the output pass), or nil; not with Winograd or a pool. Must not overlap `output`.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                    residual: UnsafePointer<Float>? = nil) {
        precondition(residual == nil || (winograd == nil && pool == nil),
                     "Conv2DKernel: a residual operand needs the im2col, pointwise or row algorithm without a pool")
        let g = geometry
        let rows = g.outputPixelCount
        let oc = g.outputChannels
        guard rows > 0, oc > 0 else { return }
        let patch = g.patchLength
        if patch == 0 && pool == nil {
            // Empty reduction: the output is just bias + activation.
            output.update(repeating: 0, count: rows * oc)
            BiasActivation.apply(output, rows: rows, columns: oc, bias: ownedBias, activation: activation,
                                 negativeSlopes: ownedSlopes.map { UnsafePointer($0) }, residual: residual)
            return
        }
        let pointers = UncheckedSendable((input: input, output: output, scratch: scratch, residual: residual))
        if let winograd {
            let perWorker = winograd.scratchPerWorker
            context.forEachTask(winograd.blockCount, workers: workerSlots) { block, worker in
                winograd.runBlock(block, input: pointers.value.input, output: pointers.value.output,
                                  scratch: pointers.value.scratch + worker * perWorker,
                                  transformedFilter: packedFilter, bias: ownedBias.map { UnsafePointer($0) },
                                  activation: activation)
            }
            return
        }
        if let pool {
            context.forEachTask(rowTileCount * columnBlockCount, workers: workerSlots) { task, worker in
                runPooledTask(task, pool: pool, worker: worker, input: pointers.value.input,
                              output: pointers.value.output, scratch: pointers.value.scratch)
            }
            return
        }
        if tileMarkCount > 0 {
            // No slot holds a tile of this run yet (the scratch is shared with the other layers).
            (scratch + workerSlots * tileRows * patch).update(repeating: -1, count: tileMarkCount)
        }
        context.forEachTask(rowTileCount * columnBlockCount, workers: workerSlots) { task, worker in
            runTask(task, worker: worker, input: pointers.value.input, output: pointers.value.output,
                    scratch: pointers.value.scratch, residual: pointers.value.residual)
        }
    }

    /// The row tile and output-channel range of im2col task `task` (tasks run column block by column block
    /// within a row tile).
    @inline(__always)
    private func position(ofTask task: Int) -> (rowTile: Int, firstColumn: Int, columnCount: Int) {
        let rowTile = task / columnBlockCount
        let firstColumn = (task - rowTile * columnBlockCount) * columnBlockWidth
        return (rowTile, firstColumn, Swift.min(columnBlockWidth, geometry.outputChannels - firstColumn))
    }

    /// One tile of pooling bands x column block: im2col of each band, GEMM into scratch, bias + activation,
    /// then the pool writes the pooled rows.
    private func runPooledTask(_ task: Int, pool: FusedMaxPool, worker: Int, input: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let g = geometry
        let oc = g.outputChannels
        let patch = g.patchLength
        let (rowTile, firstColumn, columnCount) = position(ofTask: task)
        let pooledHeight = pool.outputHeight(g.outputHeight)
        let pooledWidth = pool.outputWidth(g.outputWidth)
        let bandRows = pool.windowHeight * g.outputWidth
        let firstBand = rowTile * bandsPerTile
        let bandCount = Swift.min(bandsPerTile, g.batch * pooledHeight - firstBand)
        guard bandCount > 0, columnCount > 0 else { return }
        let rowCount = bandCount * bandRows
        let slot = scratch + worker * pooledSlotCount
        // With a non-decreasing bias + activation, pooling first and finishing the pooled pixels gives the same
        // bits (rounding is monotonic, so max(f(x)) = f(max(x))) on a quarter of the values for 2x2 windows.
        let c: UnsafeMutablePointer<Float>
        if let rowConvolution {
            c = slot
            for i in 0..<bandCount {
                let (image, firstRow) = origin(ofBand: firstBand + i, pool: pool)
                for j in 0..<pool.windowHeight {
                    rowConvolution.run(input: input, image: image, row: firstRow + j, filter: packedFilter,
                                       firstColumn: firstColumn, columns: columnCount,
                                       into: c + (i * bandRows + j * g.outputWidth) * columnCount, pixelStride: columnCount)
                }
            }
            if !finishesAfterPool { finish(c, rows: rowCount, firstColumn: firstColumn, columns: columnCount, rowStride: columnCount) }
        } else {
            let a = slot
            c = slot + tileRows * patch
            for i in 0..<bandCount {
                let (image, firstRow) = origin(ofBand: firstBand + i, pool: pool)
                let firstPixel = (image * g.outputHeight + firstRow) * g.outputWidth
                Im2Col.fill(geometry: g, input: input, firstRow: firstPixel, rowCount: bandRows, matrix: a + i * bandRows * patch)
            }
            multiply(UnsafePointer(a), rows: rowCount, firstColumn: firstColumn, columns: columnCount, into: c,
                     rowStride: columnCount, finish: !finishesAfterPool)
        }
        for i in 0..<bandCount {
            let band = firstBand + i
            let pooledRow = output + band * pooledWidth * oc + firstColumn
            pool.poolBand(UnsafePointer(c + i * bandRows * columnCount), pixelStride: columnCount, channels: columnCount,
                          convolutionWidth: g.outputWidth, into: pooledRow, outputPixelStride: oc)
            if finishesAfterPool {
                finish(pooledRow, rows: pooledWidth, firstColumn: firstColumn, columns: columnCount, rowStride: oc)
            }
        }
    }

    /// The image and the first convolution row (within that image) of pooling band `band`.
    @inline(__always)
    private func origin(ofBand band: Int, pool: FusedMaxPool) -> (image: Int, row: Int) {
        let pooledHeight = pool.outputHeight(geometry.outputHeight)
        let image = band / pooledHeight
        return (image, (band - image * pooledHeight) * pool.windowHeight)
    }

    /// Whether `x ↦ act(x + bias)` (then the PReLU with `slopes`) never decreases, so it commutes with a max pool
    /// bit for bit: true for no activation, ReLU, ReLU6 and leaky ReLU / PReLU with non-negative slopes. (The smooth
    /// activations are monotonic in exact arithmetic, but their float implementations are not known to be.)
    static func finishCommutesWithMax(_ activation: Activation, slopes: UnsafePointer<Float>?, count: Int) -> Bool {
        switch activation {
        case .none, .relu, .relu6: break
        case .leakyRelu(let alpha): guard alpha >= 0 else { return false }
        default: return false
        }
        guard let slopes else { return true }
        return (0..<count).allSatisfy { slopes[$0] >= 0 }
    }

    /// One row tile x column block: im2col (unless pointwise), GEMM, bias (+ residual) + activation.
    private func runTask(_ task: Int, worker: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?) {
        let g = geometry
        let oc = g.outputChannels
        let patch = g.patchLength
        let (rowTile, firstColumn, columnCount) = position(ofTask: task)
        let firstRow = rowTile * tileRows
        let rowCount = Swift.min(tileRows, g.outputPixelCount - firstRow)
        if planarScratch > 0 {
            // The tile is whole output rows, and one column block.
            let planes = scratch + worker * planarScratch
            let imageFloats = g.inputHeight * g.inputWidth * g.inputChannels
            // Whole rows of one image at a time (a tile may span images), so that each row's planes serve the next.
            var r = firstRow / g.outputWidth
            let end = r + rowCount / g.outputWidth
            while r < end {
                let image = r / g.outputHeight, row = r - image * g.outputHeight
                let count = Swift.min(end - r, g.outputHeight - row)
                landmark_conv_planar_rows(input + image * imageFloats, g.inputHeight, g.inputWidth, g.inputChannels,
                                          row, count, g.padTop, g.padLeft, g.kernelHeight, g.kernelWidth,
                                          g.outputWidth, packedFilter, g.outputChannels, ownedBias,
                                          registerEpilogue?.code ?? 0, registerEpilogue?.alpha ?? 0, ownedSlopes,
                                          registerEpilogue != nil && residual == nil ? 1 : 0, planes,
                                          output + r * g.outputWidth * oc, g.outputWidth * oc, oc)
                r += count
            }
            if registerEpilogue == nil || residual != nil {
                finish(output + firstRow * oc, rows: rowCount, firstColumn: 0, columns: oc, rowStride: oc,
                       residual: residual.map { $0 + firstRow * oc })
            }
            return
        }
        if let vectorRows {
            // The tile is whole output rows, and every column: one task writes each row's channels.
            let finishes = registerEpilogue != nil && residual == nil
            vectorRows.run(input: input, firstRow: firstRow / g.outputWidth, rowCount: rowCount / g.outputWidth,
                           ring: scratch + worker * vectorRows.scratchPerWorker, output: output,
                           epilogue: finishes ? registerEpilogue : nil)
            if !finishes {
                finish(output + firstRow * oc, rows: rowCount, firstColumn: 0, columns: oc, rowStride: oc,
                       residual: residual.map { $0 + firstRow * oc })
            }
            return
        }
        if let rowConvolution {
            // The tile is whole output rows.
            let c = output + firstRow * oc + firstColumn
            let firstOutputRow = firstRow / g.outputWidth
            for r in firstOutputRow..<(firstOutputRow + rowCount / g.outputWidth) {
                let image = r / g.outputHeight
                rowConvolution.run(input: input, image: image, row: r - image * g.outputHeight, filter: packedFilter,
                                   firstColumn: firstColumn, columns: columnCount,
                                   into: output + r * g.outputWidth * oc + firstColumn, pixelStride: oc)
            }
            finish(c, rows: rowCount, firstColumn: firstColumn, columns: columnCount, rowStride: oc,
                   residual: residual.map { $0 + firstRow * oc + firstColumn })
            return
        }
        if narrowPointwise {
            let finishes = registerEpilogue != nil && residual == nil
            landmark_pointwise_narrow(input + firstRow * patch, rowCount, patch, patch, packedFilter, oc, ownedBias,
                                      registerEpilogue?.code ?? 0, registerEpilogue?.alpha ?? 0, ownedSlopes,
                                      finishes ? 1 : 0, output + firstRow * oc)
            if !finishes {
                finish(output + firstRow * oc, rows: rowCount, firstColumn: 0, columns: oc, rowStride: oc,
                       residual: residual.map { $0 + firstRow * oc })
            }
            return
        }
        let a: UnsafePointer<Float>
        if isPointwise {
            a = input + firstRow * patch
        } else {
            let tile = scratch + worker * tileRows * patch
            if tileMarkCount > 0 {
                // Column blocks of one row tile are consecutive tasks: a worker that ran the previous one has the
                // tile already.
                let mark = scratch + workerSlots * tileRows * patch + worker
                if mark.pointee != Float(rowTile) {
                    Im2Col.fill(geometry: g, input: input, firstRow: firstRow, rowCount: rowCount, matrix: tile)
                    mark.pointee = Float(rowTile)
                }
            } else {
                Im2Col.fill(geometry: g, input: input, firstRow: firstRow, rowCount: rowCount, matrix: tile)
            }
            a = UnsafePointer(tile)
        }
        multiply(a, rows: rowCount, firstColumn: firstColumn, columns: columnCount,
                 into: output + firstRow * oc + firstColumn, rowStride: oc,
                 residual: residual.map { $0 + firstRow * oc + firstColumn })
    }

    /// `C = act(A W[:, firstColumn ..< firstColumn + columns] + bias)` for `rows` rows of the im2col matrix `a`,
    /// into `c` with `rowStride` floats between rows (plus `residual`, laid out as `c`, before the activation).
    private func multiply(_ a: UnsafePointer<Float>, rows: Int, firstColumn: Int, columns: Int,
                          into c: UnsafeMutablePointer<Float>, rowStride: Int, finish finishes: Bool = true,
                          residual: UnsafePointer<Float>? = nil) {
        let patch = geometry.patchLength
        if let packedPanels {
            let panels = packedPanels + firstColumn / 16 * patch * 16
            if finishes, ownedSlopes == nil, let epilogue = AVX2Kernels.registerEpilogue(activation) {
                // Bias, residual and activation in the product's registers.
                landmark_sgemm_packed_finish(rows, columns, patch, a, patch, panels, c, rowStride,
                                             ownedBias.map { UnsafePointer($0 + firstColumn) }, residual,
                                             epilogue.code, epilogue.alpha, 1)
                return
            }
            landmark_sgemm_packed(rows, columns, patch, a, patch, panels, c, rowStride)
            if finishes {
                finish(c, rows: rows, firstColumn: firstColumn, columns: columns, rowStride: rowStride, residual: residual)
            }
            return
        }
        GeneratedSGEMM.multiply(on: gemms.kernel(rows: rows, columns: columns, cStride: rowStride), rows: rows,
                                columns: columns, depth: patch, a: a, aStride: patch, b: packedFilter + firstColumn,
                                bStride: geometry.outputChannels, c: c, cStride: rowStride)
        // The bias is added afterwards (as TensorFlow's separate BiasAdd does, which keeps rounding close).
        if finishes { finish(c, rows: rows, firstColumn: firstColumn, columns: columns, rowStride: rowStride, residual: residual) }
    }

    /// `c = prelu(act(c + bias + residual))` for `rows` rows of output channels `firstColumn ..< firstColumn + columns`.
    @inline(__always)
    private func finish(_ c: UnsafeMutablePointer<Float>, rows: Int, firstColumn: Int, columns: Int, rowStride: Int,
                        residual: UnsafePointer<Float>? = nil) {
        BiasActivation.apply(c, rows: rows, columns: columns, rowStride: rowStride,
                             bias: ownedBias.map { UnsafePointer($0 + firstColumn) }, activation: activation,
                             negativeSlopes: ownedSlopes.map { UnsafePointer($0 + firstColumn) }, residual: residual)
    }
}
