/// The shape parameters of one NHWC 2-D pooling window sweep.
///
/// Padding is given as `padTop`/`padLeft`; bottom/right padding is implied by the output size.
/// Padding cells never contribute: they are skipped by max pooling and excluded from the average's count.
public struct Pool2DGeometry: Sendable, Hashable {
    /// N.
    public var batch: Int
    /// Input H.
    public var inputHeight: Int
    /// Input W.
    public var inputWidth: Int
    /// C (same for input and output).
    public var channels: Int
    /// Output H.
    public var outputHeight: Int
    /// Output W.
    public var outputWidth: Int
    /// Window H.
    public var windowHeight: Int
    /// Window W.
    public var windowWidth: Int
    /// Vertical stride.
    public var strideHeight: Int
    /// Horizontal stride.
    public var strideWidth: Int
    /// Padding rows above the input.
    public var padTop: Int
    /// Padding columns left of the input.
    public var padLeft: Int

    /// Creates a geometry from all of its fields.
    public init(batch: Int, inputHeight: Int, inputWidth: Int, channels: Int, outputHeight: Int, outputWidth: Int,
                windowHeight: Int, windowWidth: Int, strideHeight: Int, strideWidth: Int, padTop: Int, padLeft: Int) {
        self.batch = batch
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        self.windowHeight = windowHeight
        self.windowWidth = windowWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padTop = padTop
        self.padLeft = padLeft
    }

    /// Elements of the input tensor, N*IH*IW*C.
    public var inputCount: Int { batch &* inputHeight &* inputWidth &* channels }
    /// Elements of the output tensor, N*OH*OW*C.
    public var outputCount: Int { batch &* outputHeight &* outputWidth &* channels }

    /// Checks every field so the pooling kernels can run without further checks: sizes and pads non-negative,
    /// window and strides positive, tensor sizes and window coordinates representable in `Int`.
    public func validate() throws(KernelError) {
        let kernel = "Pool2D"
        let nonNegative: [(String, Int)] = [
            ("batch", batch), ("inputHeight", inputHeight), ("inputWidth", inputWidth), ("channels", channels),
            ("outputHeight", outputHeight), ("outputWidth", outputWidth), ("padTop", padTop), ("padLeft", padLeft),
        ]
        for (field, value) in nonNegative where value < 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: ">= 0")
        }
        let positive: [(String, Int)] = [
            ("windowHeight", windowHeight), ("windowWidth", windowWidth),
            ("strideHeight", strideHeight), ("strideWidth", strideWidth),
        ]
        for (field, value) in positive where value <= 0 {
            throw KernelError.invalidValue(kernel: kernel, field: field, value: value, requirement: "> 0")
        }
        _ = try CheckedSize.product([batch, inputHeight, inputWidth, channels], kernel: kernel, quantity: "input element count")
        _ = try CheckedSize.product([batch, outputHeight, outputWidth, channels], kernel: kernel, quantity: "output element count")
        let lastRow = try CheckedSize.product([outputHeight, strideHeight], kernel: kernel, quantity: "vertical extent")
        let lastColumn = try CheckedSize.product([outputWidth, strideWidth], kernel: kernel, quantity: "horizontal extent")
        if lastRow.addingReportingOverflow(windowHeight).overflow || lastColumn.addingReportingOverflow(windowWidth).overflow {
            throw KernelError.sizeOverflow(kernel: kernel, quantity: "window extent")
        }
    }

    /// The clipped input range `[start, end)` of window `index` along one axis.
    @inline(__always)
    static func windowRange(index: Int, stride: Int, pad: Int, window: Int, input: Int) -> (start: Int, end: Int) {
        let start = index * stride - pad
        return (Swift.max(start, 0), Swift.min(start + window, input))
    }
}
