import Kernels
import Tensor

/// One TensorFlow op with its attributes parsed and checked: it infers output types, builds a kernel for
/// concrete shapes, and reports its cost. Ops are values created once at import and rewritten by the passes.
protocol Operator: Sendable {
    /// The TensorFlow op type, e.g. `Conv2D`.
    var typeName: String { get }

    /// Output types for the given inputs; throws ``OpError`` when they do not fit the op.
    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType]

    /// Output values computed from input *types* alone (e.g. `Shape`), or nil.
    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]?

    /// The kernel that computes this op for the given concrete inputs and outputs.
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel

    /// The kernel that computes this op for the given concrete inputs and outputs on `context`'s threads and code
    /// paths. Ops whose kernels split work among threads or choose CPU-specific code implement it; the others get
    /// ``makeKernel(_:_:)``'s kernel.
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel

    /// When set, output 0 is the bytes of this input, unchanged (Reshape, Squeeze, ExpandDims, Identity).
    var aliasedInput: Int? { get }

    /// Floating-point operations (multiply and add count as two) for the given types.
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int

    /// Whether this op may be evaluated at planning time when all its inputs are constants.
    var isFoldable: Bool { get }

    /// Whether, for these inputs, each item of a batch (the leading dimension of its non-constant inputs and
    /// outputs) is computed from that item alone (convolutions, pools, casts, elementwise functions, arithmetic with
    /// a constant that is the same for every item), so that a plan may run it item by item (see ``ExecutionPlan``).
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool
}

extension Operator {
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        try makeKernel(inputs, outputs)
    }
    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? { nil }
    var aliasedInput: Int? { nil }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { outputs.reduce(0) { $0 + $1.elementCount } }
    var isFoldable: Bool { true }
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { false }
}

/// An op with constant weights (input 1) that can absorb a per-output-channel bias and an activation
/// (Conv2D, and MatMul as a dense layer).
protocol WeightedOperator: Operator {
    /// Bias added per output channel.
    var bias: Tensor? { get set }
    /// Activation applied last.
    var activation: Activation { get set }
    /// Whether the weights are [channels, ...] rather than [..., channels].
    var weightsAreChannelMajor: Bool { get }
}

extension WeightedOperator {
    var weightsAreChannelMajor: Bool { false }
}

/// A convolution whose output pass can also apply a per-output-channel PReLU (Conv2D, DepthwiseConv2dNative).
protocol PReLUAbsorbingOperator: WeightedOperator {
    /// PReLU slopes `[channels]` applied after the bias and activation (`y > 0 ? y : slope * y`), or nil.
    var negativeSlopes: Tensor? { get set }
}

/// A convolution with an HW.. filter as input 1 whose padding can absorb a zero `Pad` of its input
/// (Conv2D, DepthwiseConv2dNative).
protocol PaddedWindowOperator: Operator {
    /// The padding; the Pad fusion pass rewrites it to `.explicit`.
    var padding: PaddingScheme { get set }
    /// Vertical and horizontal strides.
    var strides: (Int, Int) { get }
    /// Vertical and horizontal dilations.
    var dilations: (Int, Int) { get }
}
