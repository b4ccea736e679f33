/// An NHWC float32 transposed convolution (TensorFlow's `Conv2DBackpropInput`: the gradient of a convolution with
/// respect to its input), with bias and activation fused, computed as one GEMM and a col2im gather.
///
/// `geometry` is the geometry of the *forward* convolution: its input is this kernel's output `[N, H, W, IC]`, its
/// output is this kernel's input `[N, OH, OW, OC]`, its filter the HWIO `[KH, KW, IC, OC]` filter. The GEMM
/// `cols[N*OH*OW, KH*KW*IC] = input[N*OH*OW, OC] * filter[KH*KW*IC, OC]ᵀ` gives each input pixel's contribution to
/// every window position; then each output pixel sums the contributions that land on it (a gather, so output rows
/// are independent tasks with no write conflicts), in the order of the input pixels, as TensorFlow's col2im adds
/// them, and the bias and activation run on the finished row. Tasks are fixed by the geometry (GEMM blocks and
/// bands of output rows), so results do not depend on the thread count.
public struct TransposedConv2DKernel: Sendable {
    /// The forward convolution's geometry.
    public let geometry: Conv2DGeometry
    public let activation: Activation
    /// The threads the kernel runs on.
    public let context: ComputeContext
    private let filter: UncheckedSendable<UnsafePointer<Float>>
    private let bias: UncheckedSendable<UnsafePointer<Float>?>

    /// Creates the kernel; `geometry` must have passed `validate()`. `filter` (HWIO) and `bias` (`[IC]`) are
    /// borrowed: the caller keeps them alive and unchanged while the kernel is used.
    public init(geometry: Conv2DGeometry, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?, activation: Activation,
                context: ComputeContext = .singleThreaded) {
        self.geometry = geometry
        self.activation = activation
        self.context = context
        self.filter = UncheckedSendable(filter)
        self.bias = UncheckedSendable(bias)
    }

    /// Floats of scratch `run` needs: the cols matrix, `N*OH*OW * KH*KW*IC`.
    public var scratchCount: Int { geometry.outputPixelCount * geometry.patchLength }

    /// Output rows (over the batch) per col2im task: fixed by the geometry.
    private var bandRows: Int {
        let rows = geometry.batch * geometry.inputHeight
        let work = rows * geometry.inputWidth * geometry.inputChannels
        return work < 1 << 15 ? Swift.max(rows, 1) : Swift.max(1, (rows + 15) / 16)
    }

    /// Computes the transposed convolution of `input` `[N, OH, OW, OC]` into `output` `[N, H, W, IC]`.
    public func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let g = geometry
        let ic = g.inputChannels, patch = g.patchLength, pixels = g.outputPixelCount
        let outputRows = g.batch * g.inputHeight
        guard outputRows > 0, g.inputWidth > 0, ic > 0 else { return }
        if pixels > 0 && g.outputChannels > 0 {
            BlockedGEMM.run(a: input, b: filter.value, c: scratch, m: pixels, n: patch, k: g.outputChannels,
                            transposeA: false, transposeB: true, context: context) { _, _, _, _ in }
        } else {
            scratch.update(repeating: 0, count: pixels * patch)
        }
        let band = bandRows
        let tasks = (outputRows + band - 1) / band
        let pointers = UncheckedSendable((output: output, cols: UnsafePointer(scratch)))
        context.forEachTask(tasks) { task, _ in
            let first = task * band
            for row in first..<Swift.min(first + band, outputRows) {
                gatherRow(row, cols: pointers.value.cols, output: pointers.value.output + row * g.inputWidth * ic)
            }
        }
    }

    /// Sums the contributions to output row `row` (over the batch), then applies the bias and activation.
    private func gatherRow(_ row: Int, cols: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let g = geometry
        let ic = g.inputChannels, patch = g.patchLength
        let n = row / g.inputHeight, ih = row - n * g.inputHeight
        output.update(repeating: 0, count: g.inputWidth * ic)
        // Filter rows from last to first visit the input rows in increasing order (TensorFlow's col2im order).
        for kh in stride(from: g.kernelHeight - 1, through: 0, by: -1) {
            let t = ih + g.padTop - kh * g.dilationHeight
            guard t >= 0, t % g.strideHeight == 0 else { continue }
            let oh = t / g.strideHeight
            guard oh < g.outputHeight else { continue }
            let inputRow = cols + (n * g.outputHeight + oh) * g.outputWidth * patch
            for iw in 0..<g.inputWidth {
                let destination = output + iw * ic
                for kw in stride(from: g.kernelWidth - 1, through: 0, by: -1) {
                    let u = iw + g.padLeft - kw * g.dilationWidth
                    guard u >= 0, u % g.strideWidth == 0 else { continue }
                    let ow = u / g.strideWidth
                    guard ow < g.outputWidth else { continue }
                    let source = inputRow + ow * patch + (kh * g.kernelWidth + kw) * ic
                    for c in 0..<ic { destination[c] += source[c] }
                }
            }
        }
        BiasActivation.apply(output, rows: g.inputWidth, columns: ic, bias: bias.value, activation: activation)
    }
}
