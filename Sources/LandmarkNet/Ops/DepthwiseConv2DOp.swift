import Kernels
import Tensor

/// `DepthwiseConv2dNative` (NHWC, `[KH, KW, C, M]` filter): every input channel convolved with its own `M`
/// filters, output channel `c * M + m`. Takes the bias, batch-norm scale, activation and per-channel PReLU that
/// the fusion passes fold into it, and the zero padding of a `Pad` before it, as `Conv2DOp` does.
struct DepthwiseConv2DOp: PReLUAbsorbingOperator, PaddedWindowOperator {
    var typeName: String { "DepthwiseConv2dNative" }
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }
    let strides: (Int, Int)
    var dilations: (Int, Int)
    var padding: PaddingScheme
    /// Per-output-channel bias added after the convolution (from a fused BiasAdd, Add or batch norm).
    var bias: Tensor?
    /// The activation applied after the bias (from a fused Relu, Relu6, ...).
    var activation: Activation = .none
    /// Per-output-channel PReLU slopes applied last (from a fused PReLU pattern).
    var negativeSlopes: Tensor?

    init(_ attributes: Attributes) throws {
        try attributes.requireNHWC()
        strides = try spatialPair(attributes, "strides")
        dilations = try spatialPair(attributes, "dilations", default: [1, 1, 1, 1])
        padding = try PaddingScheme(attributes, allowExplicit: true)
    }

    func geometry(_ inputs: [PlanValue]) throws -> DepthwiseConv2DGeometry {
        let w = try window(inputs)
        let x = w.input, f = w.filter
        guard f[3] > 0 else { throw OpError("filter \(ShapeMath.describe(f)) has a channel multiplier of 0") }
        let geometry = DepthwiseConv2DGeometry(
            batch: x[0], inputHeight: x[1], inputWidth: x[2], channels: x[3], channelMultiplier: f[3],
            outputHeight: w.outputHeight, outputWidth: w.outputWidth, kernelHeight: f[0], kernelWidth: f[1],
            strideHeight: strides.0, strideWidth: strides.1, dilationHeight: dilations.0, dilationWidth: dilations.1,
            padTop: w.padTop, padLeft: w.padLeft)
        // DepthwiseConv2DKernel traps on a geometry that fails this check, so it is an error of the node here.
        try geometry.validate()
        try checkEpilogue(outputChannels: geometry.outputChannels)
        return geometry
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let g = try geometry(inputs)
        return [TensorType(.float32, [g.batch, g.outputHeight, g.outputWidth, g.outputChannels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let g = try geometry(inputs)
        let filter = try inputs.constant(1, "the filter")
        let kernel = filter.withUnsafeBytes { f in
            withOptionalFloats(bias) { b in
                withOptionalFloats(negativeSlopes) { s in
                    DepthwiseConv2DKernel(geometry: g, filter: f.baseAddress?.assumingMemoryBound(to: Float.self), bias: b,
                                          activation: activation, negativeSlopes: s, context: context)
                }
            }
        }
        return DepthwiseConv2DStep(kernel: kernel)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        (try? geometry(inputs).flops) ?? 0
    }
}

/// Runs a prepared ``DepthwiseConv2DKernel``.
struct DepthwiseConv2DStep: OpKernel {
    let kernel: DepthwiseConv2DKernel
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(0), output: io.outputFloats(0))
    }
}
