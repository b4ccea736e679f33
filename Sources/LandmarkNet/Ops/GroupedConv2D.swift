import Kernels
import Tensor

/// A `Conv2D` whose filter has one input channel per group on an input of several channels (Keras' grouped
/// convolution with `groups == channels`, as ConvNeXt's 7x7 depthwise layers are exported): each output channel
/// `o` reads input channel `o / M` only, which is `DepthwiseConv2dNative` with channel multiplier `M` and the
/// filter `[KH, KW, 1, C*M]` read as `[KH, KW, C, M]`.
extension Conv2DOp {
    /// The depthwise convolution this op is, with its inputs (the filter reshaped), when it is such a grouped
    /// convolution; nil otherwise.
    func depthwiseForm(_ inputs: [PlanValue]) -> (op: DepthwiseConv2DOp, inputs: [PlanValue])? {
        guard inputs.count == 2, pool == nil else { return nil }
        let x = inputs[0].type.shape, f = inputs[1].type.shape
        guard x.count == 4, f.count == 4, f[2] == 1, x[3] > 1, f[3] % x[3] == 0, f[3] > 0 else { return nil }
        let shape = [f[0], f[1], x[3], f[3] / x[3]]
        var filter = PlanValue(TensorType(inputs[1].type.dtype, shape))
        if let constant = inputs[1].constant {
            guard let reshaped = try? constant.reshaped(to: shape) else { return nil }
            filter.constant = reshaped
        }
        var op = DepthwiseConv2DOp(strides: strides, dilations: dilations, padding: padding)
        op.bias = bias
        op.activation = activation
        op.negativeSlopes = negativeSlopes
        return (op, [inputs[0], filter])
    }
}

extension DepthwiseConv2DOp {
    /// A depthwise convolution with the given window (no fused epilogue).
    init(strides: (Int, Int), dilations: (Int, Int), padding: PaddingScheme) {
        self.strides = strides
        self.dilations = dilations
        self.padding = padding
    }
}

/// A `Conv2D` whose filter holds `C / G` input channels for an input of `C` (`G > 1` groups of more than one
/// channel, as TensorFlow freezes Keras' `Conv2D(groups=G)`, e.g. in every RegNet): group `g`'s input channels
/// feed its `O / G` output channels only. Runs on ``GroupedConv2DKernel`` with the fused bias, activation and
/// PReLU slopes; a fused max pool is not taken (``FusionPasses`` asks ``Conv2DOp/geometry(_:)``, which refuses
/// grouped filters).
extension Conv2DOp {
    /// The group count `G` when the inputs make this a grouped convolution with more than one channel per group
    /// (the filter's input channels divide the input's into `G > 1` parts, and `G` divides its output channels);
    /// nil otherwise (a plain convolution, one channel per group (``depthwiseForm(_:)``), or shapes that do not
    /// divide, which ``geometry(_:)`` reports).
    func groupCount(_ inputs: [PlanValue]) -> Int? {
        guard inputs.count == 2 else { return nil }
        let x = inputs[0].type.shape, f = inputs[1].type.shape
        guard x.count == 4, f.count == 4, f[2] > 1, x[3] > f[2], x[3] % f[2] == 0 else { return nil }
        let groups = x[3] / f[2]
        guard f[3] % groups == 0 else { return nil }
        return groups
    }

    /// One group's convolution shape (channels per group) and the group count, when this is a grouped
    /// convolution (``groupCount(_:)``); nil otherwise.
    func groupedGeometry(_ inputs: [PlanValue]) throws -> (group: Conv2DGeometry, groups: Int)? {
        guard let groups = groupCount(inputs) else { return nil }
        guard pool == nil else { throw OpError("a grouped Conv2D cannot take a fused max pool") }
        // The window of one group: the input as it would be with the filter's channel count.
        var perGroup = inputs
        var x = inputs[0].type.shape
        x[3] = inputs[1].type.shape[2]
        perGroup[0] = PlanValue(TensorType(inputs[0].type.dtype, x))
        let w = try window(perGroup)
        let f = w.filter
        try checkEpilogue(outputChannels: f[3])
        let group = Conv2DGeometry(
            batch: x[0], inputHeight: x[1], inputWidth: x[2], inputChannels: f[2],
            outputHeight: w.outputHeight, outputWidth: w.outputWidth, outputChannels: f[3] / groups,
            kernelHeight: f[0], kernelWidth: f[1], strideHeight: strides.0, strideWidth: strides.1,
            dilationHeight: dilations.0, dilationWidth: dilations.1, padTop: w.padTop, padLeft: w.padLeft)
        try group.validate()
        return (group, groups)
    }

    /// The kernel of a grouped convolution with one group's shape `group`.
    func groupedKernel(_ group: Conv2DGeometry, groups: Int, filter: Tensor, context: ComputeContext) -> GroupedConv2DStep {
        let kernel = filter.withUnsafeBytes { f in
            withOptionalFloats(bias) { b in
                withOptionalFloats(negativeSlopes) { s in
                    GroupedConv2DKernel(group: group, groupCount: groups, filter: f.baseAddress!.assumingMemoryBound(to: Float.self),
                                        bias: b, activation: activation, negativeSlopes: s, context: context)
                }
            }
        }
        return GroupedConv2DStep(kernel: kernel)
    }
}

/// Runs a prepared ``GroupedConv2DKernel`` (which keeps its own copy of the filter).
struct GroupedConv2DStep: OpKernel {
    let kernel: GroupedConv2DKernel
    var scratchBytes: Int { kernel.scratchCount * MemoryLayout<Float>.size }
    var algorithm: String? { "grouped im2col" }
    var weightBytesRead: Int? { kernel.filterFloatCount * MemoryLayout<Float>.size }
    func readsConstantInput(_ index: Int) -> Bool { index != 1 }
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(0), output: io.outputFloats(0), scratch: io.scratch.assumingMemoryBound(to: Float.self))
    }
}
