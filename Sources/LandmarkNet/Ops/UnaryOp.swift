import Kernels
import Tensor

/// Elementwise float32 functions of one input: the activations (`Relu`, `Relu6`, `LeakyRelu`, `Elu`,
/// `Sigmoid`, `Tanh`) and `Neg`, `Abs`, `Sqrt`, `Rsqrt`, `Square`, `Exp`.
struct UnaryOp: Operator {
    let typeName: String
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }
    let function: UnaryFunction

    /// The op for a TensorFlow op type, or nil when the type is not a unary function.
    init?(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        switch typeName {
        case "Relu": function = .activation(.relu)
        case "Relu6": function = .activation(.relu6)
        case "LeakyRelu": function = .activation(.leakyRelu(alpha: try attributes.float("alpha", default: 0.2)))
        case "Elu": function = .activation(.elu)
        case "Sigmoid": function = .activation(.sigmoid)
        case "Tanh": function = .activation(.tanh)
        case "Neg": function = .neg
        case "Abs": function = .abs
        case "Sqrt": function = .sqrt
        case "Rsqrt": function = .rsqrt
        case "Square": function = .square
        case "Exp": function = .exp
        default: return nil
        }
    }

    /// The activation this op is, when it can be fused into a producer.
    var activation: Activation? {
        if case .activation(let a) = function { return a }
        return nil
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        let t = inputs[0].type
        if t.dtype != .float32 {
            // Integer Neg/Abs/Square are computed when folding shape arithmetic.
            guard [.int32, .int64].contains(t.dtype), ["Neg", "Abs", "Square"].contains(typeName) else {
                throw OpError("input must be float32, got \(t.dtype)")
            }
        }
        return [t]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let count = outputs[0].elementCount
        let function = function
        switch outputs[0].dtype {
        case .int32: return integerKernel(Int32.self, count)
        case .int64: return integerKernel(Int64.self, count)
        default:
            return ClosureKernel { io in Unary.apply(function, input: io.floats(0), output: io.outputFloats(0), count: count) }
        }
    }

    private func integerKernel<T: FixedWidthInteger & SignedInteger & Sendable>(_ type: T.Type, _ count: Int) -> any OpKernel {
        let name = typeName
        return ClosureKernel { io in
            let x = io.input(0).assumingMemoryBound(to: T.self)
            let y = io.output(0).assumingMemoryBound(to: T.self)
            for i in 0..<count {
                switch name {
                case "Neg": y[i] = 0 &- x[i]
                case "Abs": y[i] = x[i] < 0 ? 0 &- x[i] : x[i]
                default: y[i] = x[i] &* x[i]
                }
            }
        }
    }
}
