import Tensor

/// The shapes of a convolution's input and filter and where its window lands, as Conv2D and
/// DepthwiseConv2dNative both need them.
struct ConvolutionWindow {
    /// Input `[N, H, W, C]`.
    var input: [Int]
    /// Filter `[KH, KW, C, ...]`.
    var filter: [Int]
    /// Output height and width.
    var outputHeight: Int
    var outputWidth: Int
    /// Padding rows above and columns left of the input.
    var padTop: Int
    var padLeft: Int
}

extension PaddedWindowOperator {
    /// Checks a float rank-4 input and filter whose third filter dimension is the input's channel count, and
    /// places the window by `padding`, `strides` and `dilations`.
    func window(_ inputs: [PlanValue]) throws -> ConvolutionWindow {
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
        return ConvolutionWindow(input: x, filter: f, outputHeight: oh, outputWidth: ow, padTop: padTop, padLeft: padLeft)
    }
}

extension PReLUAbsorbingOperator {
    /// Checks that the fused bias and PReLU slopes, when present, hold one value per output channel.
    func checkEpilogue(outputChannels channels: Int) throws {
        if let bias, bias.shape != [channels] {
            throw OpError("fused bias \(ShapeMath.describe(bias.shape)) does not match \(channels) output channels")
        }
        if let negativeSlopes, negativeSlopes.shape != [channels] {
            throw OpError("fused PReLU slopes \(ShapeMath.describe(negativeSlopes.shape)) do not match \(channels) output channels")
        }
    }
}
