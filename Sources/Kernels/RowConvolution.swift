/// Rows of a convolution computed straight from the NHWC input on generated GEMM kernels, with no im2col matrix.
///
/// For output row `oh`, filter row `dy` contributes `A_dy W_dy`: `W_dy` is the `[KW*IC, OC]` slice of the HWIO
/// filter, and row `x` of `A_dy` is the `KW*IC` contiguous input floats from pixel `x*sw` of input row `oh*sh + dy`.
/// Those rows overlap (they start `sw*IC` floats apart but are `KW*IC` long), which a GEMM's leading dimension
/// cannot express, so the pixels go in `phaseCount = ceil(KW / sw)` interleaved phases: pixels `r, r + P, r + 2P, …`
/// start `P*sw*IC >= KW*IC` floats apart, an ordinary strided matrix. An output row takes `P * KH` kernel calls;
/// the first filter row overwrites, the others add to the row, so each output is the same sequential sum over
/// `(dy, dx, ic)` that one im2col GEMM row computes on a generated kernel.
///
/// It saves work in two ways. A first layer on RGB pixels would copy 27 floats in three 9-float runs per output
/// pixel into its im2col rows, then multiply each by only `OC` filter columns: by rows there is no copying. And a
/// filter row is a short reduction even where the whole patch is not: a 3x3 layer on 16-32 channels has a
/// `KH*KW*IC` of 144-288, too long for a generated kernel, so its im2col GEMM goes to OpenBLAS, which packs both
/// operands per call; by rows its `KW*IC` of 48-96 fits one.
///
/// Needs filter rows of at most `GeneratedSGEMM.maximumDepth` floats, at least ``minimumPhasePixels`` pixels per
/// phase (on 3-pixel rows the calls cost more than they save), unit dilation, every window inside the input (no
/// padding), and a kernel for every shape (nil otherwise: no AVX2, or a context that does not generate kernels).
struct RowConvolution: @unchecked Sendable {
    /// The convolution.
    let geometry: Conv2DGeometry
    /// Interleaved pixel phases per row, `ceil(KW / sw)`.
    let phaseCount: Int
    /// An overwriting and an accumulating kernel per (phase length, column width, pixel stride).
    private let kernels: GeneratedSGEMMSet

    /// The fewest output pixels per phase (per kernel call) for which rows are computed this way.
    static let minimumPhasePixels = 3

    /// Whether `g` can be computed by rows: unit dilation, no padding, every window inside the input, filter rows
    /// of at most `GeneratedSGEMM.maximumDepth` floats, and at least ``minimumPhasePixels`` pixels per phase.
    static func isApplicable(_ g: Conv2DGeometry) -> Bool {
        // Separate statements: one chain of these comparisons took the type checker past its limit on a loaded machine.
        guard g.dilationHeight == 1, g.dilationWidth == 1, g.padTop == 0, g.padLeft == 0 else { return false }
        guard g.outputHeight > 0, g.outputWidth > 0, g.inputChannels > 0 else { return false }
        guard g.kernelWidth * g.inputChannels <= GeneratedSGEMM.maximumDepth else { return false }
        guard g.outputWidth >= minimumPhasePixels * phases(g) else { return false }
        let lastRow: Int = (g.outputHeight - 1) * g.strideHeight + g.kernelHeight
        let lastColumn: Int = (g.outputWidth - 1) * g.strideWidth + g.kernelWidth
        return lastRow <= g.inputHeight && lastColumn <= g.inputWidth
    }

    /// Generates the kernels for tasks writing `blocks`: a number of output channels into rows whose pixels are
    /// `pixelStride` floats apart; nil when `g` does not qualify or a kernel cannot be generated (or `generating` is
    /// false).
    init?(geometry g: Conv2DGeometry, blocks: [(columns: Int, pixelStride: Int)], generating: Bool) {
        guard RowConvolution.isApplicable(g), blocks.allSatisfy({ $0.columns > 0 && $0.pixelStride >= $0.columns })
        else { return nil }
        let phases = RowConvolution.phases(g)
        var shapes: [(rows: Int, columns: Int, cStride: Int)] = []
        for phase in 0..<Swift.min(phases, g.outputWidth) {
            let rows = RowConvolution.pixels(inPhase: phase, phases: phases, width: g.outputWidth)
            for (columns, pixelStride) in blocks { shapes.append((rows, columns, phases * pixelStride)) }
        }
        let kernels = GeneratedSGEMMSet(shapes: shapes, depth: g.kernelWidth * g.inputChannels,
                                        aStride: phases * g.strideWidth * g.inputChannels, bStride: g.outputChannels,
                                        accumulating: true, generating: generating)
        guard kernels.isComplete else { return nil }
        geometry = g
        phaseCount = phases
        self.kernels = kernels
    }

    /// Interleaved pixel phases of `g`'s rows: `ceil(KW / sw)`.
    private static func phases(_ g: Conv2DGeometry) -> Int { (g.kernelWidth + g.strideWidth - 1) / g.strideWidth }

    /// Output pixels `phase, phase + phases, …` of a `width`-pixel row.
    private static func pixels(inPhase phase: Int, phases: Int, width: Int) -> Int {
        (width - phase + phases - 1) / phases
    }

    /// Number of generated kernels.
    var kernelCount: Int { kernels.count }

    /// Computes the raw convolution (no bias) of output row `row` of image `image` of the NHWC `input` for output
    /// channels `firstColumn ..< firstColumn + columns`, into `output`: `OW` pixels `pixelStride` floats apart.
    /// `columns` and `pixelStride` must be a block given at init; `filter` is the HWIO filter.
    @inline(__always)
    func run(input: UnsafePointer<Float>, image: Int, row: Int, filter: UnsafePointer<Float>, firstColumn: Int,
             columns: Int, into output: UnsafeMutablePointer<Float>, pixelStride: Int) {
        let g = geometry
        let image = input + image * g.inputHeight * g.inputWidth * g.inputChannels
        let phases = phaseCount
        let tapRun = g.kernelWidth * g.inputChannels
        let inputRowFloats = g.inputWidth * g.inputChannels
        for phase in 0..<Swift.min(phases, g.outputWidth) {
            let rows = RowConvolution.pixels(inPhase: phase, phases: phases, width: g.outputWidth)
            let c = output + phase * pixelStride
            var a = image + (row * g.strideHeight * g.inputWidth + phase * g.strideWidth) * g.inputChannels
            var b = filter + firstColumn
            for filterRow in 0..<g.kernelHeight {
                kernel(rows, columns, phases * pixelStride, accumulates: filterRow > 0).run(a, b, c)
                a += inputRowFloats
                b += tapRun * g.outputChannels
            }
        }
    }

    @inline(__always)
    private func kernel(_ rows: Int, _ columns: Int, _ cStride: Int, accumulates: Bool) -> GeneratedSGEMM {
        guard let kernel = kernels.kernel(rows: rows, columns: columns, cStride: cStride, accumulates: accumulates) else {
            preconditionFailure("RowConvolution: no kernel for \(rows) x \(columns) (not a block given at init)")
        }
        return kernel
    }
}
