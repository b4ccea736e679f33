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
