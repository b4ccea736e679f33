import Kernels
import Tensor

/// `Conv2DBackpropInput` (a transposed convolution, as `conv2d_transpose` writes it): the gradient of an NHWC
/// `Conv2D` with respect to its input, for a constant HWIO filter `[KH, KW, C, OC]` and a constant output size
/// (`input_sizes`, often `Shape`/`Pack` arithmetic that planning folds). VALID, SAME and EXPLICIT padding, strides and
/// dilations as in Conv2D. Takes the bias and activation after it, and a batch-norm scale, as Conv2D does.
struct Conv2DBackpropInputOp: WeightedOperator {
    var typeName: String { "Conv2DBackpropInput" }
    let strides: (Int, Int)
    let dilations: (Int, Int)
    let padding: PaddingScheme
    /// Per-output-channel bias added before the activation (from a fused BiasAdd, Add or batch norm).
    var bias: Tensor?
    /// The activation applied last (from a fused Relu, Relu6, ...).
    var activation: Activation = .none

    init(_ attributes: Attributes) throws {
        try attributes.requireNHWC()
        strides = try spatialPair(attributes, "strides")
        dilations = try spatialPair(attributes, "dilations", default: [1, 1, 1, 1])
        padding = try PaddingScheme(attributes, allowExplicit: true)
    }

    /// The forward convolution's geometry: its input is this op's output (`input_sizes`), its output this op's
    /// input (`out_backprop`).
    func geometry(_ inputs: [PlanValue]) throws -> Conv2DGeometry {
        try inputs.expectCount(3)
        try inputs[1].expectFloat("the filter")
        try inputs[2].expectFloat("out_backprop")
        try inputs[1].expectRank(4, "the filter")
        try inputs[2].expectRank(4, "out_backprop")
        let sizes = try inputs.constant(0, "input_sizes").integers()
        guard sizes.count == 4, sizes.allSatisfy({ $0 >= 0 && $0 < Int(Int32.max) }) else {
            throw OpError("input_sizes \(sizes) must be 4 non-negative sizes [N, H, W, C]")
        }
        let f = inputs[1].type.shape, dy = inputs[2].type.shape
        guard f[2] == sizes[3] else {
            throw OpError("filter \(ShapeMath.describe(f)) has \(f[2]) input channels, input_sizes \(sizes) has \(sizes[3])")
        }
        guard f[3] == dy[3] else {
            throw OpError("filter \(ShapeMath.describe(f)) has \(f[3]) output channels, out_backprop \(ShapeMath.describe(dy)) has \(dy[3])")
        }
        guard dy[0] == sizes[0] else { throw OpError("out_backprop batch \(dy[0]) does not match input_sizes batch \(sizes[0])") }
        let (height, padTop) = try padding.outputSize(input: sizes[1], window: f[0], stride: strides.0, dilation: dilations.0, axis: 0)
        let (width, padLeft) = try padding.outputSize(input: sizes[2], window: f[1], stride: strides.1, dilation: dilations.1, axis: 1)
        guard height == dy[1], width == dy[2] else {
            throw OpError("out_backprop \(ShapeMath.describe(dy)) does not match the \(height)x\(width) output a convolution of "
                + "input_sizes \(sizes) with this filter, strides and padding has")
        }
        if let bias, bias.shape != [sizes[3]] {
            throw OpError("fused bias \(ShapeMath.describe(bias.shape)) does not match \(sizes[3]) output channels")
        }
        let geometry = Conv2DGeometry(
            batch: sizes[0], inputHeight: sizes[1], inputWidth: sizes[2], inputChannels: sizes[3],
            outputHeight: height, outputWidth: width, outputChannels: f[3], kernelHeight: f[0], kernelWidth: f[1],
            strideHeight: strides.0, strideWidth: strides.1, dilationHeight: dilations.0, dilationWidth: dilations.1,
            padTop: padTop, padLeft: padLeft)
        try geometry.validate()
        guard geometry.outputPixelCount <= Int(Int32.max),
              geometry.outputPixelCount.multipliedReportingOverflow(by: geometry.patchLength * 4).overflow == false else {
            throw OpError("out_backprop \(ShapeMath.describe(dy)) is too large for this filter")
        }
        return geometry
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let g = try geometry(inputs)
        return [TensorType(.float32, [g.batch, g.inputHeight, g.inputWidth, g.inputChannels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let g = try geometry(inputs)
        let filter = try inputs.constant(1, "the filter")
        return TransposedConv2DStep(geometry: g, filter: filter, bias: bias, activation: activation, context: context)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        (try? geometry(inputs).flops) ?? 0
    }
}

/// Runs a ``TransposedConv2DKernel`` on the filter and bias tensors it keeps alive.
struct TransposedConv2DStep: OpKernel {
    let kernel: TransposedConv2DKernel
    let filter: Tensor
    let bias: Tensor?

    init(geometry: Conv2DGeometry, filter: Tensor, bias: Tensor?, activation: Activation, context: ComputeContext) {
        self.filter = filter
        self.bias = bias
        kernel = filter.withUnsafeBytes { f in
            withOptionalFloats(bias) { b in
                TransposedConv2DKernel(geometry: geometry, filter: f.baseAddress!.assumingMemoryBound(to: Float.self),
                                       bias: b, activation: activation, context: context)
            }
        }
    }

    var scratchBytes: Int { kernel.scratchCount * MemoryLayout<Float>.size }
    func readsConstantInput(_ index: Int) -> Bool { index == 1 }
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(2), output: io.outputFloats(0), scratch: io.scratch.assumingMemoryBound(to: Float.self))
    }
}
