import Kernels
import Tensor

/// `Conv2D` (NHWC, HWIO filter), with the bias, batch-norm scale and activation that the fusion passes
/// fold into it (and the zero padding of a `Pad` before it).
struct Conv2DOp: PReLUAbsorbingOperator, PaddedWindowOperator {
    var typeName: String { "Conv2D" }
    let strides: (Int, Int)
    let dilations: (Int, Int)
    var padding: PaddingScheme
    /// Per-output-channel bias added after the convolution (from a fused BiasAdd, Add or batch norm).
    var bias: Tensor?
    /// The activation applied last (from a fused Relu, Relu6, ...).
    var activation: Activation = .none
    /// Per-output-channel PReLU slopes applied after the activation (from a fused PReLU pattern).
    var negativeSlopes: Tensor?

    init(_ attributes: Attributes) throws {
        try attributes.requireNHWC()
        strides = try spatialPair(attributes, "strides")
        dilations = try spatialPair(attributes, "dilations", default: [1, 1, 1, 1])
        padding = try PaddingScheme(attributes, allowExplicit: true)
    }

    func geometry(_ inputs: [PlanValue]) throws -> Conv2DGeometry {
        try inputs.expectCount(2)
        try inputs[0].expectFloat("the input")
        try inputs[1].expectFloat("the filter")
        try inputs[0].expectRank(4, "the input")
        try inputs[1].expectRank(4, "the filter")
        let x = inputs[0].type.shape, f = inputs[1].type.shape
        guard f[2] == x[3] else {
            throw OpError("filter \(ShapeMath.describe(f)) expects \(f[2]) input channels, input \(ShapeMath.describe(x)) has \(x[3])")
        }
        let (oh, padTop) = try padding.outputSize(input: x[1], window: f[0], stride: strides.0, dilation: dilations.0, axis: 0)
        let (ow, padLeft) = try padding.outputSize(input: x[2], window: f[1], stride: strides.1, dilation: dilations.1, axis: 1)
        if let bias, bias.shape != [f[3]] {
            throw OpError("fused bias \(ShapeMath.describe(bias.shape)) does not match \(f[3]) output channels")
        }
        if let negativeSlopes, negativeSlopes.shape != [f[3]] {
            throw OpError("fused PReLU slopes \(ShapeMath.describe(negativeSlopes.shape)) do not match \(f[3]) output channels")
        }
        let geometry = Conv2DGeometry(
            batch: x[0], inputHeight: x[1], inputWidth: x[2], inputChannels: x[3],
            outputHeight: oh, outputWidth: ow, outputChannels: f[3],
            kernelHeight: f[0], kernelWidth: f[1], strideHeight: strides.0, strideWidth: strides.1,
            dilationHeight: dilations.0, dilationWidth: dilations.1, padTop: padTop, padLeft: padLeft)
        // Conv2DKernel traps on a geometry that fails this check, so it is an error of the node here.
        try geometry.validate()  // the planner reports any error as this node's
        return geometry
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let g = try geometry(inputs)
        return [TensorType(.float32, [g.batch, g.outputHeight, g.outputWidth, g.outputChannels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let g = try geometry(inputs)
        let filter = try inputs.constant(1, "the filter")
        let kernel = filter.withUnsafeBytes { f in
            withOptionalFloats(bias) { b in
                withOptionalFloats(negativeSlopes) { s in
                    Conv2DKernel(geometry: g, filter: f.baseAddress!.assumingMemoryBound(to: Float.self), bias: b,
                                 activation: activation, negativeSlopes: s)
                }
            }
        }
        return Conv2DStep(kernel: kernel)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        (try? geometry(inputs).flops) ?? 0
    }
}

/// Runs a prepared ``Conv2DKernel``.
struct Conv2DStep: OpKernel {
    let kernel: Conv2DKernel
    var scratchBytes: Int { kernel.scratchCount * MemoryLayout<Float>.size }
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(0), output: io.outputFloats(0), scratch: io.scratch.assumingMemoryBound(to: Float.self))
    }
}

/// Calls `body` with a pointer to the float32 elements of `tensor`, or with nil when there is no tensor.
func withOptionalFloats<Result>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) throws -> Result) rethrows -> Result {
    guard let tensor else { return try body(nil) }
    return try tensor.withUnsafeBytes { try body($0.baseAddress?.assumingMemoryBound(to: Float.self)) }
}
