import Kernels
import Tensor

/// `Conv2D` (NHWC, HWIO filter), with the bias, batch-norm scale and activation that the fusion passes
/// fold into it (and the zero padding of a `Pad` before it). A grouped convolution with one input channel per
/// group runs as the depthwise convolution it is (``depthwiseForm(_:)``), one with more channels per group on
/// ``GroupedConv2DKernel`` (``groupedGeometry(_:)``).
struct Conv2DOp: PReLUAbsorbingOperator, PaddedWindowOperator {
    var typeName: String { "Conv2D" }
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }
    let strides: (Int, Int)
    var dilations: (Int, Int)
    var padding: PaddingScheme
    /// Per-output-channel bias added after the convolution (from a fused BiasAdd, Add or batch norm).
    var bias: Tensor?
    /// The activation applied last (from a fused Relu, Relu6, ...).
    var activation: Activation = .none
    /// Whether the kernel may use Winograd (F(2x2), F(3x3) or F(4x4), 3x3) where ``Conv2DKernel/preferredAlgorithm(for:allowWinograd:)``
    /// finds it pays; the planner clears it when ``Model/Options/winograd`` is off.
    var allowWinograd = true
    /// A max pool (non-overlapping VALID windows) that `FusionPasses` folded into the convolution: the node's
    /// output is the pooled tensor.
    var pool: FusedMaxPool?
    /// Per-output-channel PReLU slopes applied after the activation (from a fused PReLU pattern).
    var negativeSlopes: Tensor?
    /// Whether a residual `Add` runs in the output pass (from ``ResidualAddFusion``): the node's third input, of the
    /// output's type, is added after the bias and before the activation.
    var addsResidual = false

    init(_ attributes: Attributes) throws {
        try attributes.requireNHWC()
        strides = try spatialPair(attributes, "strides")
        dilations = try spatialPair(attributes, "dilations", default: [1, 1, 1, 1])
        padding = try PaddingScheme(attributes, allowExplicit: true)
    }

    func geometry(_ inputs: [PlanValue]) throws -> Conv2DGeometry {
        let w = try window(addsResidual ? Array(inputs.prefix(2)) : inputs)
        let x = w.input, f = w.filter
        try checkEpilogue(outputChannels: f[3])
        let geometry = Conv2DGeometry(
            batch: x[0], inputHeight: x[1], inputWidth: x[2], inputChannels: x[3],
            outputHeight: w.outputHeight, outputWidth: w.outputWidth, outputChannels: f[3],
            kernelHeight: f[0], kernelWidth: f[1], strideHeight: strides.0, strideWidth: strides.1,
            dilationHeight: dilations.0, dilationWidth: dilations.1, padTop: w.padTop, padLeft: w.padLeft)
        // Conv2DKernel traps on a geometry that fails this check, so it is an error of the node here.
        try geometry.validate()  // the planner reports any error as this node's
        return geometry
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        if let depthwise = depthwiseForm(inputs) { return try depthwise.op.outputTypes(depthwise.inputs) }
        if let (group, groups) = try groupedGeometry(inputs) {
            return [TensorType(.float32, [group.batch, group.outputHeight, group.outputWidth, group.outputChannels * groups])]
        }
        let g = try geometry(inputs)
        if let pool {
            return [TensorType(.float32, [g.batch, pool.outputHeight(g.outputHeight), pool.outputWidth(g.outputWidth),
                                          g.outputChannels])]
        }
        let output = TensorType(.float32, [g.batch, g.outputHeight, g.outputWidth, g.outputChannels])
        if addsResidual {
            try inputs.expectCount(3)
            guard inputs[2].type == output else {
                throw OpError("residual operand \(inputs[2].type) differs from the output \(output)")
            }
        }
        return [output]
    }

    /// The algorithm the kernel will use for these inputs.
    func algorithm(_ g: Conv2DGeometry) -> Conv2DAlgorithm {
        guard negativeSlopes == nil else { return .im2colGEMM }  // the kernel applies PReLU slopes on GEMM rows
        // The residual operand is added on GEMM rows (Winograd's output transform does not read one).
        if addsResidual { return Conv2DKernel.preferredAlgorithm(for: g, allowWinograd: false) }
        guard let pool else { return Conv2DKernel.preferredAlgorithm(for: g, allowWinograd: allowWinograd) }
        return Conv2DKernel.preferredAlgorithm(for: g, allowWinograd: allowWinograd, fusing: pool)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        if let depthwise = depthwiseForm(inputs) {
            return try depthwise.op.makeKernel(depthwise.inputs, outputs, context: context)
        }
        if let (group, groups) = try groupedGeometry(inputs) {
            return groupedKernel(group, groups: groups, filter: try inputs.constant(1, "the filter"), context: context)
        }
        let g = try geometry(inputs)
        let filter = try inputs.constant(1, "the filter")
        let algorithm = algorithm(g)
        let kernel = filter.withUnsafeBytes { f in
            withOptionalFloats(bias) { b in
                withOptionalFloats(negativeSlopes) { s in
                    Conv2DKernel(geometry: g, filter: f.baseAddress!.assumingMemoryBound(to: Float.self), bias: b,
                                 activation: activation, algorithm: algorithm, negativeSlopes: s,
                                 borrowingFilter: true, pool: pool, context: context)
                }
            }
        }
        // An im2col kernel reads the filter in place, so its step holds the tensor; a Winograd kernel owns its
        // transform and reads nothing else (a filter folded at planning, see FusionPasses, is then freed).
        return Conv2DStep(kernel: kernel, filter: kernel.algorithm.isWinograd ? nil : filter, addsResidual: addsResidual)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        if let depthwise = depthwiseForm(inputs) { return depthwise.op.flops(depthwise.inputs, outputs) }
        if groupCount(inputs) != nil {
            guard let grouped = try? groupedGeometry(inputs) else { return 0 }
            return grouped.group.flops &* grouped.groups
        }
        guard let g = try? geometry(inputs) else { return 0 }
        guard let pool else { return g.flops }
        // Plus one comparison per pooled element and window cell (as a separate MaxPool counts them).
        let compares = (outputs.first?.elementCount ?? 0).multipliedReportingOverflow(by: pool.windowHeight * pool.windowWidth)
        return compares.overflow ? Int.max : g.flops &+ compares.partialValue
    }
}

/// Runs a prepared ``Conv2DKernel``.
struct Conv2DStep: OpKernel {
    let kernel: Conv2DKernel
    /// Keeps the filter the kernel borrows alive (nil when the kernel holds its own form of it).
    let filter: Tensor?
    /// Whether input 2 is a residual operand added in the output pass.
    let addsResidual: Bool
    var scratchBytes: Int { kernel.scratchCount * MemoryLayout<Float>.size }
    var algorithm: String? { kernel.label }
    var weightBytesRead: Int? {
        kernel.algorithm.isWinograd ? kernel.filterFloatCount * MemoryLayout<Float>.size : nil
    }
    func readsConstantInput(_ index: Int) -> Bool { index != 1 || filter != nil }
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(0), output: io.outputFloats(0), scratch: io.scratch.assumingMemoryBound(to: Float.self),
                   residual: addsResidual ? io.floats(2) : nil)
    }
}

/// Calls `body` with a pointer to the float32 elements of `tensor`, or with nil when there is no tensor.
func withOptionalFloats<Result>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) throws -> Result) rethrows -> Result {
    guard let tensor else { return try body(nil) }
    return try tensor.withUnsafeBytes { try body($0.baseAddress?.assumingMemoryBound(to: Float.self)) }
}
