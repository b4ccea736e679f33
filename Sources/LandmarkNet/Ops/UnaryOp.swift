import Kernels
import Tensor

/// An elementwise function of one input: an activation (``Activation``) or `Neg`, `Abs`, `Sqrt`, `Rsqrt`,
/// `Square`, `Exp`, `Erf`, `Erfc`, `Floor`, `Round`, `Log`, `Softplus`, `Selu`, `Sign`, `Reciprocal` (``OpTable``
/// maps the op types to functions). float32; `Neg`, `Abs`, `Square` and `Sign` also int32 and int64, for shape
/// arithmetic.
struct UnaryOp: Operator {
    let typeName: String
    let function: UnaryFunction

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }

    /// The activation this op is, when it can be fused into a producer.
    var activation: Activation? {
        if case .activation(let a) = function { return a }
        return nil
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        let t = inputs[0].type
        if t.dtype != .float32 {
            // Integer Neg/Abs/Square/Sign are computed when folding shape arithmetic.
            guard [.int32, .int64].contains(t.dtype), [.neg, .abs, .square, .sign].contains(function) else {
                throw OpError("input must be float32, got \(t.dtype)")
            }
        }
        return [t]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let count = outputs[0].elementCount
        let function = function
        switch outputs[0].dtype {
        case .int32: return integerKernel(Int32.self, count)
        case .int64: return integerKernel(Int64.self, count)
        default:
            return ClosureKernel { io in
                Unary.apply(function, input: io.floats(0), output: io.outputFloats(0), count: count, context: context)
            }
        }
    }

    private func integerKernel<T: FixedWidthInteger & SignedInteger & Sendable>(_ type: T.Type, _ count: Int) -> any OpKernel {
        let function = function
        return ClosureKernel { io in
            let x = io.input(0).assumingMemoryBound(to: T.self)
            let y = io.output(0).assumingMemoryBound(to: T.self)
            for i in 0..<count {
                switch function {
                case .neg: y[i] = 0 &- x[i]
                case .abs: y[i] = x[i] < 0 ? 0 &- x[i] : x[i]
                case .sign: y[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : 0)
                default: y[i] = x[i] &* x[i]
                }
            }
        }
    }
}
