import Kernels
import Tensor

/// `AddN`: the sum of one or more tensors of the same shape and dtype (float32, float64, int32, int64), added
/// in input order.
struct AddNOp: Operator {
    var typeName: String { "AddN" }

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool {
        inputs.allSatisfy { $0.constant == nil }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        guard let first = inputs.first?.type else { throw OpError("expects at least 1 input, got 0") }
        guard [.float32, .float64, .int32, .int64].contains(first.dtype) else {
            throw OpError("dtype \(first.dtype) is not supported")
        }
        for (i, input) in inputs.enumerated() where input.type != first {
            throw OpError("input \(i) \(input.type) differs from input 0 \(first)")
        }
        return [first]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        switch outputs[0].dtype {
        case .float32: return kernel(Float.self, inputs.count, outputs[0])
        case .float64: return kernel(Double.self, inputs.count, outputs[0])
        case .int32: return kernel(Int32.self, inputs.count, outputs[0])
        default: return kernel(Int64.self, inputs.count, outputs[0])
        }
    }

    private func kernel<T: KernelScalar>(_ type: T.Type, _ count: Int, _ out: TensorType) -> any OpKernel {
        let shape = [out.elementCount]
        let bytes = out.elementCount * MemoryLayout<T>.stride
        return ClosureKernel { io in
            let output = io.output(0).assumingMemoryBound(to: T.self)
            guard count > 1 else {
                if io.output(0) != UnsafeMutableRawPointer(mutating: io.input(0)) { io.output(0).copyMemory(from: io.input(0), byteCount: bytes) }
                return
            }
            Binary.apply(.add, lhs: io.input(0).assumingMemoryBound(to: T.self), lhsShape: shape,
                         rhs: io.input(1).assumingMemoryBound(to: T.self), rhsShape: shape, output: output, outputShape: shape)
            for k in 2..<count {
                Binary.apply(.add, lhs: UnsafePointer(output), lhsShape: shape,
                             rhs: io.input(k).assumingMemoryBound(to: T.self), rhsShape: shape, output: output, outputShape: shape)
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { outputs[0].elementCount * max(inputs.count - 1, 1) }
}
