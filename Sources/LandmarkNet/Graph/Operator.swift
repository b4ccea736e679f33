import GraphDefReader
import Kernels
import Tensor

/// The static type of a value during planning: its dtype and fully known shape.
public struct TensorType: Sendable, Hashable, CustomStringConvertible {
    /// The element type.
    public var dtype: DType
    /// The dimensions.
    public var shape: [Int]

    /// Creates a type.
    public init(_ dtype: DType, _ shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }

    /// Number of elements.
    public var elementCount: Int { shape.reduce(1, *) }
    /// Number of bytes.
    public var byteCount: Int { elementCount * dtype.byteSize }
    /// `float32[1,128,128,3]`.
    public var description: String { "\(dtype)\(ShapeMath.describe(shape))" }
}

/// What the planner knows about a value: its type and, when it depends only on constants and shapes, its value.
struct PlanValue {
    var type: TensorType
    var constant: Tensor?

    init(_ type: TensorType, constant: Tensor? = nil) {
        self.type = type
        self.constant = constant
    }

    init(constant: Tensor) {
        self.type = TensorType(constant.dtype, constant.shape)
        self.constant = constant
    }
}

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

/// The pointers one kernel invocation reads and writes.
struct KernelIO {
    let inputs: UnsafePointer<UnsafeRawPointer>
    let outputs: UnsafePointer<UnsafeMutableRawPointer>
    let scratch: UnsafeMutableRawPointer

    @inline(__always) func input(_ index: Int) -> UnsafeRawPointer { inputs[index] }
    @inline(__always) func output(_ index: Int) -> UnsafeMutableRawPointer { outputs[index] }
    @inline(__always) func floats(_ index: Int) -> UnsafePointer<Float> { inputs[index].assumingMemoryBound(to: Float.self) }
    @inline(__always) func outputFloats(_ index: Int) -> UnsafeMutablePointer<Float> {
        outputs[index].assumingMemoryBound(to: Float.self)
    }
}

/// The executable form of an op for fixed shapes. `run` cannot fail: everything is checked while planning.
protocol OpKernel: Sendable {
    /// Bytes of scratch memory `run` needs.
    var scratchBytes: Int { get }
    /// Computes the outputs.
    func run(_ io: KernelIO)
    /// Which algorithm the kernel runs, for ops that have several (shown by `landmark bench`); nil otherwise.
    var algorithm: String? { get }
    /// Bytes of weights each run reads when they are not the constant inputs as given (a Winograd filter is
    /// read in its transformed form); nil: the constant inputs' size.
    var weightBytesRead: Int? { get }
    /// Whether `run` reads constant input `index` from its inputs (false for one the kernel keeps in a form of
    /// its own): the plan keeps only the constants that are read alive.
    func readsConstantInput(_ index: Int) -> Bool
}

extension OpKernel {
    var scratchBytes: Int { 0 }
    var algorithm: String? { nil }
    var weightBytesRead: Int? { nil }
    func readsConstantInput(_ index: Int) -> Bool { true }
}

/// A kernel given as a closure over the pointers (for simple ops).
struct ClosureKernel: OpKernel {
    let scratchBytes: Int
    let body: @Sendable (KernelIO) -> Void

    init(scratchBytes: Int = 0, _ body: @escaping @Sendable (KernelIO) -> Void) {
        self.scratchBytes = scratchBytes
        self.body = body
    }

    func run(_ io: KernelIO) { body(io) }
}

// MARK: - Checks shared by ops

extension Array where Element == PlanValue {
    /// Throws unless there are exactly `count` inputs.
    func expectCount(_ count: Int) throws {
        guard self.count == count else { throw OpError("expects \(count) inputs, got \(self.count)") }
    }

    /// Throws unless there are between `minimum` and `maximum` inputs.
    func expectCount(_ minimum: Int, _ maximum: Int) throws {
        guard self.count >= minimum, self.count <= maximum else {
            throw OpError("expects \(minimum) to \(maximum) inputs, got \(self.count)")
        }
    }

    /// The constant value of input `index`, or an error saying it must be constant.
    func constant(_ index: Int, _ what: String) throws -> Tensor {
        guard index < count, let value = self[index].constant else {
            throw OpError("\(what) (input \(index)) must be a constant or computable from shapes")
        }
        return value
    }
}

extension PlanValue {
    /// Throws unless the value is float32.
    func expectFloat(_ what: String) throws {
        guard type.dtype == .float32 else { throw OpError("\(what) must be float32, got \(type.dtype)") }
    }

    /// Throws unless the value has rank `rank`.
    func expectRank(_ rank: Int, _ what: String) throws {
        guard type.shape.count == rank else {
            throw OpError("\(what) must have rank \(rank), got shape \(ShapeMath.describe(type.shape))")
        }
    }
}

extension Tensor {
    /// The elements of an integer tensor (int32 or int64) as `Int`s.
    func integers() throws -> [Int] {
        switch dtype {
        case .int32: return try scalars(as: Int32.self).map { Int($0) }
        case .int64: return try scalars(as: Int64.self).map { Int($0) }
        default: throw OpError("expected an int32 or int64 tensor, got \(dtype)")
        }
    }

    /// An int32 tensor (or int64 when `dtype` is int64) holding `values`.
    static func integers(_ values: [Int], shape: [Int]? = nil, dtype: DType = .int32) throws -> Tensor {
        let shape = shape ?? [values.count]
        if dtype == .int64 { return try Tensor(shape: shape, scalars: values.map { Int64($0) }) }
        guard values.allSatisfy({ $0 >= Int(Int32.min) && $0 <= Int(Int32.max) }) else {
            throw OpError("value does not fit in int32")
        }
        return try Tensor(shape: shape, scalars: values.map { Int32($0) })
    }
}
