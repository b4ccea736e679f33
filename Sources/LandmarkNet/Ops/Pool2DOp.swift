import Kernels
import Tensor

/// `MaxPool` and `AvgPool` (NHWC). Average pooling with SAME padding divides by the number of cells inside
/// the input, as TensorFlow does.
struct Pool2DOp: Operator {
    /// Which reduction the window applies.
    enum Kind: Sendable { case max, average }

    let kind: Kind
    let window: (Int, Int)
    let strides: (Int, Int)
    let padding: PaddingScheme

    var typeName: String { kind == .max ? "MaxPool" : "AvgPool" }
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }

    init(_ kind: Kind, _ attributes: Attributes) throws {
        self.kind = kind
        try attributes.requireNHWC()
        window = try spatialPair(attributes, "ksize")
        strides = try spatialPair(attributes, "strides")
        padding = try PaddingScheme(attributes, allowExplicit: kind == .max)
    }

    func geometry(_ inputs: [PlanValue]) throws -> Pool2DGeometry {
        try inputs.expectCount(1)
        try inputs[0].expectFloat("the input")
        try inputs[0].expectRank(4, "the input")
        let x = inputs[0].type.shape
        let (oh, padTop) = try padding.outputSize(input: x[1], window: window.0, stride: strides.0, dilation: 1, axis: 0)
        let (ow, padLeft) = try padding.outputSize(input: x[2], window: window.1, stride: strides.1, dilation: 1, axis: 1)
        let geometry = Pool2DGeometry(
            batch: x[0], inputHeight: x[1], inputWidth: x[2], channels: x[3], outputHeight: oh, outputWidth: ow,
            windowHeight: window.0, windowWidth: window.1, strideHeight: strides.0, strideWidth: strides.1,
            padTop: padTop, padLeft: padLeft)
        try geometry.validate()  // the planner reports any error as this node's
        return geometry
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let g = try geometry(inputs)
        return [TensorType(.float32, [g.batch, g.outputHeight, g.outputWidth, g.channels])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let g = try geometry(inputs)
        switch kind {
        case .max:
            return ClosureKernel { io in
                Pool2D.max(input: io.floats(0), output: io.outputFloats(0), geometry: g, context: context)
            }
        case .average: return ClosureKernel { io in Pool2D.average(input: io.floats(0), output: io.outputFloats(0), geometry: g) }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        // A window reads at most the input's extent (SAME windows may be far larger than the input).
        let x = inputs[0].type.shape
        return ShapeMath.elementCount([outputs[0].elementCount, min(window.0, x[1]), min(window.1, x[2])]) ?? Int.max
    }
}
