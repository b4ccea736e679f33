import CKernelsAVX2

/// A convolution with few input channels into many output channels (a network's first layer on RGB pixels: MTCNN's
/// R-Net and O-Net, the MobileNets' and ResNets' stems) computed row by row by `landmark_conv_vector_rows`, 8 output
/// channels per register: each tap of a block of output pixels is one broadcast from a zero-padded copy of its input
/// row, multiplied into the filter's channel vectors, packed once here. Any stride and padding; no im2col matrix.
///
/// Each output is the same fused multiply-add chain over the taps in (row, column, channel) order from zero that an
/// im2col GEMM row computes, so the results keep the bits of the im2col path; the bias, activation and PReLU then run
/// in registers (``Conv2DKernel``'s register epilogue) or in the output pass.
final class VectorRowsConvolution: @unchecked Sendable {
    /// The convolution.
    let geometry: Conv2DGeometry
    /// The filter in 16-channel blocks of `[taps][block width]` (`landmark_conv_vector_rows_pack`).
    private let packed: UnsafeMutablePointer<Float>
    /// The bias and PReLU slopes over the output channels rounded up to 8 (zero-filled), or nil.
    private let paddedBias: UnsafeMutablePointer<Float>?
    private let paddedSlopes: UnsafeMutablePointer<Float>?
    /// Floats of one worker's ring of padded input rows.
    let scratchPerWorker: Int

    /// Whether `g` runs this way: 1 to 4 input channels into more than 12 output channels (fewer go to the planar
    /// rows), unit dilation, filters of at most 64 rows, outputs at least 4 pixels wide, no fused
    /// pool, on a CPU with AVX2 and FMA (and a context that does not keep every GEMM on OpenBLAS).
    static func isApplicable(_ g: Conv2DGeometry, pool: FusedMaxPool?, context: ComputeContext) -> Bool {
        guard pool == nil, context.usesFusedMultiplyAdd, context.generatesGEMMKernels else { return false }
        guard g.dilationHeight == 1, g.dilationWidth == 1, (1...4).contains(g.inputChannels) else { return false }
        guard g.outputChannels > 12, g.kernelHeight <= 64 else { return false }
        return g.outputWidth >= 4 && g.outputHeight >= 1 && g.kernelHeight * g.kernelWidth > 1
    }

    /// Packs `filter` (HWIO) and pads `bias` and `slopes` (each `[OC]` or nil).
    init(geometry g: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
         slopes: UnsafePointer<Float>?) {
        geometry = g
        let oc = g.outputChannels, padded = (oc + 7) / 8 * 8
        let count = landmark_conv_vector_rows_packed_count(g.kernelHeight, g.kernelWidth, g.inputChannels, oc)
        packed = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
        landmark_conv_vector_rows_pack(filter, g.kernelHeight, g.kernelWidth, g.inputChannels, oc, packed)
        func pad(_ values: UnsafePointer<Float>?) -> UnsafeMutablePointer<Float>? {
            guard let values else { return nil }
            let copy = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            copy.initialize(repeating: 0, count: padded)
            copy.update(from: values, count: oc)
            return copy
        }
        paddedBias = pad(bias)
        paddedSlopes = pad(slopes)
        scratchPerWorker = landmark_conv_vector_rows_scratch(g.kernelHeight, g.kernelWidth, g.inputChannels,
                                                             g.outputWidth, g.strideWidth)
    }

    deinit {
        packed.deallocate()
        paddedBias?.deallocate()
        paddedSlopes?.deallocate()
    }

    /// Output rows `firstRow ..< firstRow + rowCount` over the whole batch (`batch * OH` rows) into `output`
    /// (packed NHWC, the rows' own place), with `ring` scratch of ``scratchPerWorker`` floats; with `epilogue`, each
    /// output then gets the bias, the activation of that code and the PReLU in registers.
    func run(input: UnsafePointer<Float>, firstRow: Int, rowCount: Int, ring: UnsafeMutablePointer<Float>,
             output: UnsafeMutablePointer<Float>, epilogue: (code: Int32, alpha: Float)?) {
        let g = geometry
        let imageFloats = g.inputHeight * g.inputWidth * g.inputChannels
        let rowFloats = g.outputWidth * g.outputChannels
        // Whole rows of one image at a time (a tile may span images), so that the ring's rows serve the next row.
        var r = firstRow
        let end = firstRow + rowCount
        while r < end {
            let image = r / g.outputHeight, row = r - image * g.outputHeight
            let count = Swift.min(end - r, g.outputHeight - row)
            landmark_conv_vector_rows(input + image * imageFloats, g.inputHeight, g.inputWidth, g.inputChannels, row,
                                      count, g.padTop, g.padLeft, g.strideHeight, g.strideWidth, g.kernelHeight,
                                      g.kernelWidth, g.outputWidth, packed, g.outputChannels, paddedBias,
                                      epilogue?.code ?? 0, epilogue?.alpha ?? 0, paddedSlopes, epilogue != nil ? 1 : 0,
                                      ring, output + r * rowFloats, rowFloats, g.outputChannels)
            r += count
        }
    }
}
