import CKernelsAVX2

/// An NHWC float32 grouped 2-D convolution (Keras' `Conv2D(groups=G)`, TensorFlow's `Conv2D` whose filter holds
/// `C / G` input channels): input channels `g*C/G ..< (g+1)*C/G` feed output channels `g*O/G ..< (g+1)*O/G` only.
/// Computed per group as im2col + GEMM, with bias, activation and per-channel PReLU fused.
///
/// The HWIO filter `[KH, KW, C/G, O]` viewed as `[KH*KW*C/G, O]` holds every group's GEMM B matrix side by side:
/// group `g`'s is columns `g*O/G ..< (g+1)*O/G`. The A matrix of group `g` is the im2col matrix of its channel
/// slice (`[pixels, KH*KW*C/G]`, built per tile in the worker's scratch), or for 1x1 stride-1 unpadded
/// convolutions the input itself read at the slice (rows `C` floats apart, no copy). Each GEMM writes its
/// group's columns of the NHWC output in place (rows `O` floats apart).
///
/// Tasks are (row tile, group) pairs fixed by the geometry alone, and each output value is computed by one
/// task in the same order whatever thread runs it, so the output is bit-identical for any thread count.
/// On CPUs with AVX2 + FMA each group's filter is packed once at init for `landmark_sgemm_packed`; elsewhere
/// the GEMMs go to `cblas_sgemm`. `run` allocates nothing.
public final class GroupedConv2DKernel: @unchecked Sendable {
    /// One group's convolution: the input and output channel counts are those of a group
    /// (`inputChannels = C / G`, `outputChannels = O / G`).
    public let group: Conv2DGeometry
    /// Number of groups `G`.
    public let groupCount: Int
    /// The fused activation.
    public let activation: Activation
    /// Output pixels (GEMM rows) per task.
    public let tileRows: Int
    /// Whether the input is read in place as each group's A matrix (1x1, stride 1, no padding).
    public let isPointwise: Bool
    /// Number of per-worker im2col tiles in the scratch buffer (the context's worker count, capped by the task
    /// count).
    public let workerSlots: Int
    /// The threads and code paths the kernel runs on.
    public let context: ComputeContext

    /// With FMA: every group's B matrix packed for `landmark_sgemm_packed`, `panelFloats` floats per group.
    private let packedPanels: UnsafeMutablePointer<Float>?
    /// Floats of one group's packed B matrix.
    private let panelFloats: Int
    /// Without FMA: an owned copy of the HWIO filter `[KH*KW*C/G, O]`.
    private let filterCopy: UnsafeMutablePointer<Float>?
    /// Owned `[O]` bias, or nil.
    private let ownedBias: UnsafeMutablePointer<Float>?
    /// Owned `[O]` PReLU slopes applied last, or nil.
    private let ownedSlopes: UnsafeMutablePointer<Float>?
    /// Number of row tiles.
    private let rowTileCount: Int

    /// Target size in floats of one task's im2col tile plus its output rows (as ``Conv2DKernel``'s).
    static let tileFloatBudget = 128 * 1024
    /// Tiles hold a multiple of this many rows (a multiple of the SGEMM register-block sizes).
    static let tileRowGranule = 16

    /// Creates the kernel.
    ///
    /// - Parameters:
    ///   - group: one group's convolution shape (channels per group); must pass `group.validate()`.
    ///   - groupCount: `G >= 1`.
    ///   - filter: TF HWIO `[KH, KW, C/G, G * group.outputChannels]`, copied (or packed).
    ///   - bias: `[O]` or nil, copied.
    ///   - activation: applied after the bias.
    ///   - negativeSlopes: `[O]` per-channel PReLU slopes applied last, or nil; copied.
    ///   - context: the threads and code paths the kernel runs on.
    public init(group: Conv2DGeometry, groupCount: Int, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                activation: Activation, negativeSlopes: UnsafePointer<Float>? = nil,
                context: ComputeContext = .singleThreaded) {
        do {
            try group.validate()
        } catch {
            preconditionFailure("GroupedConv2DKernel: invalid geometry (call validate() at plan time): \(error)")
        }
        precondition(groupCount >= 1, "GroupedConv2DKernel: group count \(groupCount)")
        BLAS.prepare()
        self.group = group
        self.groupCount = groupCount
        self.activation = activation
        self.context = context
        let oc = group.outputChannels * groupCount
        let patch = group.patchLength
        func copied(_ source: UnsafePointer<Float>?) -> UnsafeMutablePointer<Float>? {
            guard let source else { return nil }
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, oc))
            copy.initialize(from: source, count: oc)
            return copy
        }
        ownedBias = copied(bias)
        ownedSlopes = copied(negativeSlopes)
        isPointwise = group.kernelHeight == 1 && group.kernelWidth == 1 && group.strideHeight == 1
            && group.strideWidth == 1 && group.padTop == 0 && group.padLeft == 0
            && group.outputHeight == group.inputHeight && group.outputWidth == group.inputWidth

        let rows = Swift.max(1, group.outputPixelCount)
        let granule = GroupedConv2DKernel.tileRowGranule
        var tile = Swift.max(granule, GroupedConv2DKernel.tileFloatBudget
                                 / (Swift.max(1, patch) + Swift.max(1, group.outputChannels)) / granule * granule)
        tile = Swift.min(tile, Int(Int32.max) / Swift.max(1, patch))  // GEMM dimensions are 32-bit BLAS ints
        tileRows = Swift.max(1, Swift.min(tile, rows))
        rowTileCount = (rows + tileRows - 1) / tileRows
        workerSlots = Swift.max(1, Swift.min(context.workerCount, rowTileCount * groupCount))

        let columns = group.outputChannels
        if context.usesFusedMultiplyAdd && patch > 0 && columns > 0 {
            let count = landmark_sgemm_packed_count(patch, columns)
            let panels = UnsafeMutablePointer<Float>.allocate(capacity: count * groupCount)
            for g in 0..<groupCount {
                landmark_sgemm_pack(filter + g * columns, oc, patch, columns, panels + g * count)
            }
            packedPanels = panels
            panelFloats = count
            filterCopy = nil
        } else {
            let count = patch * oc
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
            copy.initialize(from: filter, count: count)
            filterCopy = copy
            packedPanels = nil
            panelFloats = 0
        }
    }

    deinit {
        packedPanels?.deallocate()
        filterCopy?.deallocate()
        ownedBias?.deallocate()
        ownedSlopes?.deallocate()
    }

    /// Number of independent tasks `run` splits the convolution into (fixed by the geometry).
    public var taskCount: Int { rowTileCount * groupCount }

    /// Floats of scratch `run` needs: one im2col tile per worker (none when pointwise).
    public var scratchCount: Int { isPointwise ? 0 : workerSlots * tileRows * group.patchLength }

    /// Floats of the filter `run` reads (in its packed form with FMA).
    public var filterFloatCount: Int { packedPanels != nil ? panelFloats * groupCount : group.patchLength * outputChannels }

    /// Output channels of the whole convolution (`G * group.outputChannels`).
    public var outputChannels: Int { group.outputChannels * groupCount }

    /// Input channels of the whole convolution (`G * group.inputChannels`).
    public var inputChannels: Int { group.inputChannels * groupCount }

    /// Computes the convolution.
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, O]`; must not overlap `input` or `scratch`.
    ///   - scratch: at least `scratchCount` floats.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let rows = group.outputPixelCount
        guard rows > 0, outputChannels > 0 else { return }
        let pointers = UncheckedSendable((input: input, output: output, scratch: scratch))
        context.forEachTask(taskCount, workers: workerSlots) { task, worker in
            runTask(task, worker: worker, input: pointers.value.input, output: pointers.value.output,
                    scratch: pointers.value.scratch)
        }
    }

    /// One row tile of one group: im2col of the group's channels (unless pointwise), GEMM into the group's output
    /// columns, bias + activation.
    private func runTask(_ task: Int, worker: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>) {
        let rowTile = task / groupCount
        let g = task - rowTile * groupCount
        let firstRow = rowTile * tileRows
        let rowCount = Swift.min(tileRows, group.outputPixelCount - firstRow)
        let ic = group.inputChannels, columns = group.outputChannels, oc = outputChannels
        let patch = group.patchLength
        let c = output + firstRow * oc + g * columns
        if patch == 0 {
            for r in 0..<rowCount { (c + r * oc).update(repeating: 0, count: columns) }
        } else {
            let a: UnsafePointer<Float>
            let aStride: Int
            if isPointwise {
                a = input + firstRow * inputChannels + g * ic
                aStride = inputChannels
            } else {
                let tile = scratch + worker * tileRows * patch
                fillIm2Col(group: g, input: input, firstRow: firstRow, rowCount: rowCount, matrix: tile)
                a = UnsafePointer(tile)
                aStride = patch
            }
            if let packedPanels {
                landmark_sgemm_packed(rowCount, columns, patch, a, aStride, packedPanels + g * panelFloats, c, oc)
            } else if let filterCopy {
                GeneratedSGEMM.multiply(on: nil, rows: rowCount, columns: columns, depth: patch, a: a, aStride: aStride,
                                        b: filterCopy + g * columns, bStride: oc, c: c, cStride: oc)
            }
        }
        BiasActivation.apply(c, rows: rowCount, columns: columns, rowStride: oc,
                             bias: ownedBias.map { UnsafePointer($0 + g * columns) }, activation: activation,
                             negativeSlopes: ownedSlopes.map { UnsafePointer($0 + g * columns) })
    }

    /// Writes im2col rows `firstRow ..< firstRow + rowCount` of group `g`'s channel slice into `matrix`
    /// (row-major, `KH*KW*C/G` columns in `(kh, kw, channel)` order; taps in the padding are zero).
    private func fillIm2Col(group index: Int, input: UnsafePointer<Float>, firstRow: Int, rowCount: Int,
                            matrix: UnsafeMutablePointer<Float>) {
        let g = group
        let ic = g.inputChannels, channels = inputChannels
        let imageStride = g.inputHeight * g.inputWidth * channels
        let pixelsPerImage = g.outputHeight * g.outputWidth
        var destination = matrix
        for row in firstRow..<(firstRow + rowCount) {
            let n = row / pixelsPerImage
            let withinImage = row - n * pixelsPerImage
            let oh = withinImage / g.outputWidth
            let ow = withinImage - oh * g.outputWidth
            let image = input + n * imageStride + index * ic
            let ihBase = oh * g.strideHeight - g.padTop
            let iwBase = ow * g.strideWidth - g.padLeft
            Im2Col.fillPixel(g, image: image, ihBase: ihBase, iwBase: iwBase, destination: destination,
                             pixelStride: channels)
            destination += g.patchLength
        }
    }
}
