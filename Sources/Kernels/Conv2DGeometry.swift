/// The shape parameters of one NHWC 2-D convolution.
///
/// Padding is given as `padTop`/`padLeft`; the bottom/right padding is implied by the output size
/// (input positions past the end read as zero). This covers TensorFlow's VALID, SAME (including its
/// asymmetric bottom/right-heavy split) and EXPLICIT paddings.
public struct Conv2DGeometry: Sendable, Hashable {
    /// N.
    public var batch: Int
    /// Input H.
    public var inputHeight: Int
    /// Input W.
    public var inputWidth: Int
    /// Input C.
    public var inputChannels: Int
    /// Output H.
    public var outputHeight: Int
    /// Output W.
    public var outputWidth: Int
    /// Output C (number of filters).
    public var outputChannels: Int
    /// Filter H.
    public var kernelHeight: Int
    /// Filter W.
    public var kernelWidth: Int
    /// Vertical stride.
    public var strideHeight: Int
    /// Horizontal stride.
    public var strideWidth: Int
    /// Vertical dilation (1 = dense filter).
    public var dilationHeight: Int
    /// Horizontal dilation (1 = dense filter).
    public var dilationWidth: Int
    /// Zero rows added above the input.
    public var padTop: Int
    /// Zero columns added left of the input.
    public var padLeft: Int

    /// Creates a geometry from all of its fields.
    public init(batch: Int, inputHeight: Int, inputWidth: Int, inputChannels: Int,
                outputHeight: Int, outputWidth: Int, outputChannels: Int,
                kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
                dilationHeight: Int, dilationWidth: Int, padTop: Int, padLeft: Int) {
        self.batch = batch
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.inputChannels = inputChannels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.outputChannels = outputChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.padTop = padTop
        self.padLeft = padLeft
    }

    /// flops = 2*N*OH*OW*OC*KH*KW*IC (wrapping arithmetic; call `validate()` first for untrusted sizes).
    public var flops: Int {
        let outputs: Int = batch &* outputHeight &* outputWidth &* outputChannels
        return 2 &* outputs &* patchLength
    }

    /// Elements of the input tensor, N*IH*IW*IC.
    public var inputCount: Int { batch &* inputHeight &* inputWidth &* inputChannels }
    /// Elements of the output tensor, N*OH*OW*OC.
    public var outputCount: Int { batch &* outputHeight &* outputWidth &* outputChannels }
    /// Elements of the HWIO filter, KH*KW*IC*OC.
    public var filterCount: Int { kernelHeight &* kernelWidth &* inputChannels &* outputChannels }
    /// Length of one im2col row, KH*KW*IC (the GEMM K dimension).
    public var patchLength: Int { kernelHeight &* kernelWidth &* inputChannels }
    /// Number of output pixels, N*OH*OW (the GEMM M dimension).
    public var outputPixelCount: Int { batch &* outputHeight &* outputWidth }

    /// The padding TensorFlow's `SAME` mode uses for one spatial axis: output size `ceil(input / stride)`
    /// and the total padding split with the extra cell at the end. Returns `(output, padBefore)`.
    public static func samePadding(input: Int, kernel: Int, stride: Int, dilation: Int) -> (output: Int, padBefore: Int) {
        guard stride > 0 else { return (0, 0) }
        let output = (input + stride - 1) / stride
        let effectiveKernel = (kernel - 1) * dilation + 1
        let total = Swift.max(0, (output - 1) * stride + effectiveKernel - input)
        return (output, total / 2)
    }

    /// The output size of TensorFlow's `VALID` mode for one spatial axis: `ceil((input - effectiveKernel + 1) / stride)`.
    public static func validOutputSize(input: Int, kernel: Int, stride: Int, dilation: Int) -> Int {
        guard stride > 0 else { return 0 }
        let effectiveKernel = (kernel - 1) * dilation + 1
        let span = input - effectiveKernel + 1
        return span <= 0 ? 0 : (span + stride - 1) / stride
    }

    /// Checks every field and every derived size, so that `Conv2DKernel` can run without further checks.
    ///
    /// Sizes must be non-negative, kernel/stride/dilation positive, pads non-negative, and every tensor's
    /// element count (and the flop count) must fit in `Int`.
    public func validate() throws(KernelError) {
        let kernel = "Conv2D"
        let nonNegative: [(String, Int)] = [
            ("batch", batch), ("inputHeight", inputHeight), ("inputWidth", inputWidth),
            ("inputChannels", inputChannels), ("outputHeight", outputHeight), ("outputWidth", outputWidth),
            ("outputChannels", outputChannels), ("padTop", padTop), ("padLeft", padLeft),
        ]
        for (field, value) in nonNegative where value < 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: ">= 0")
        }
        let positive: [(String, Int)] = [
            ("kernelHeight", kernelHeight), ("kernelWidth", kernelWidth), ("strideHeight", strideHeight),
            ("strideWidth", strideWidth), ("dilationHeight", dilationHeight), ("dilationWidth", dilationWidth),
        ]
        for (field, value) in positive where value <= 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: "> 0")
        }
        _ = try CheckedSize.product([batch, inputHeight, inputWidth, inputChannels], kernel: kernel, quantity: "input element count")
        _ = try CheckedSize.product([batch, outputHeight, outputWidth, outputChannels], kernel: kernel, quantity: "output element count")
        _ = try CheckedSize.product([kernelHeight, kernelWidth, inputChannels, outputChannels], kernel: kernel, quantity: "filter element count")
        _ = try CheckedSize.product([2, batch, outputHeight, outputWidth, outputChannels, kernelHeight, kernelWidth, inputChannels],
                                    kernel: kernel, quantity: "flop count")
        // Coordinates of the last tap of the last window, so index arithmetic in `run` cannot overflow.
        _ = try CheckedSize.product([Swift.max(outputHeight, 1), strideHeight], kernel: kernel, quantity: "vertical extent")
        _ = try CheckedSize.product([Swift.max(outputWidth, 1), strideWidth], kernel: kernel, quantity: "horizontal extent")
        _ = try CheckedSize.product([kernelHeight, dilationHeight], kernel: kernel, quantity: "dilated kernel height")
        _ = try CheckedSize.product([kernelWidth, dilationWidth], kernel: kernel, quantity: "dilated kernel width")
        // GEMM dimensions are 32-bit BLAS ints.
        if patchLength > Int(Int32.max) {
            throw KernelError.invalidValue(kernel: kernel, field: "kernelHeight*kernelWidth*inputChannels",
                                           value: patchLength, requirement: "<= Int32.max")
        }
        if outputChannels > Int(Int32.max) {
            throw KernelError.invalidValue(kernel: kernel, field: "outputChannels", value: outputChannels,
                                           requirement: "<= Int32.max")
        }
    }
}
