import Kernels
import Tensor

/// `Equal`, `NotEqual`, `Less`, `LessEqual`, `Greater`, `GreaterEqual`: elementwise comparisons with NumPy
/// broadcasting whose output is bool. float32, float64, int32, int64, and bool for `Equal`/`NotEqual`.
struct ComparisonOp: Operator {
    let typeName: String
    let function: ComparisonFunction

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { BinaryOp(typeName: typeName, function: .add).computesItemsIndependently(inputs) }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(2)
        let a = inputs[0].type, b = inputs[1].type
        guard a.dtype == b.dtype else { throw OpError("input dtypes differ: \(a.dtype) and \(b.dtype)") }
        let ordered: [DType] = [.float32, .float64, .int32, .int64]
        guard ordered.contains(a.dtype) || (a.dtype == .bool && [.equal, .notEqual].contains(function)) else {
            throw OpError("dtype \(a.dtype) is not supported")
        }
        guard let shape = ShapeMath.broadcast(a.shape, b.shape) else {
            throw OpError("shapes \(ShapeMath.describe(a.shape)) and \(ShapeMath.describe(b.shape)) cannot be broadcast")
        }
        return [TensorType(.bool, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let out = outputs[0].shape
        let lhs = ShapeMath.leftPadded(inputs[0].type.shape, toRank: out.count)
        let rhs = ShapeMath.leftPadded(inputs[1].type.shape, toRank: out.count)
        switch inputs[0].type.dtype {
        case .float32: return kernel(Float.self, lhs, rhs, out)
        case .float64: return kernel(Double.self, lhs, rhs, out)
        case .int32: return kernel(Int32.self, lhs, rhs, out)
        case .int64: return kernel(Int64.self, lhs, rhs, out)
        default: return kernel(UInt8.self, lhs, rhs, out)
        }
    }

    private func kernel<T: Comparable>(_ type: T.Type, _ lhs: [Int], _ rhs: [Int], _ out: [Int]) -> any OpKernel {
        let function = function
        return ClosureKernel { io in
            Comparison.apply(function, lhs: io.input(0).assumingMemoryBound(to: T.self), lhsShape: lhs,
                             rhs: io.input(1).assumingMemoryBound(to: T.self), rhsShape: rhs,
                             output: io.output(0).assumingMemoryBound(to: UInt8.self), outputShape: out)
        }
    }
}
