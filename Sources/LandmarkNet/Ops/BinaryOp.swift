import Kernels
import Tensor

/// An elementwise function of two inputs with NumPy broadcasting (``OpTable`` maps the op types to functions),
/// and `BiasAdd`/`BiasAddV1`: an `add` whose second input is a bias along the last axis. float32, float64, int32
/// and int64.
struct BinaryOp: Operator {
    let typeName: String
    let function: BinaryFunction

    /// Items are independent when every non-constant input has the output's rank (its own leading dimension is
    /// the batch) and every constant is the same for every item: of lower rank, or of leading dimension 1.
    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool {
        guard let rank = inputs.filter({ $0.constant == nil }).map({ $0.type.shape.count }).max() else { return false }
        return inputs.allSatisfy { input in
            input.constant == nil ? input.type.shape.count == rank
                : input.type.shape.count < rank || input.type.shape.first == 1
        }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(2)
        let a = inputs[0].type, b = inputs[1].type
        guard a.dtype == b.dtype else { throw OpError("input dtypes differ: \(a.dtype) and \(b.dtype)") }
        guard [.float32, .float64, .int32, .int64].contains(a.dtype) else {
            throw OpError("dtype \(a.dtype) is not supported")
        }
        if function == .div && !a.dtype.isFloatingPoint { throw OpError("RealDiv needs floating-point inputs") }
        if typeName.hasPrefix("BiasAdd") {
            guard a.shape.count >= 2, b.shape.count == 1, b.shape[0] == a.shape.last else {
                throw OpError("bias \(ShapeMath.describe(b.shape)) does not match the last axis of \(ShapeMath.describe(a.shape))")
            }
        }
        guard let shape = ShapeMath.broadcast(a.shape, b.shape) else {
            throw OpError("shapes \(ShapeMath.describe(a.shape)) and \(ShapeMath.describe(b.shape)) cannot be broadcast")
        }
        return [TensorType(a.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let out = outputs[0]
        let lhsShape = ShapeMath.leftPadded(inputs[0].type.shape, toRank: out.shape.count)
        let rhsShape = ShapeMath.leftPadded(inputs[1].type.shape, toRank: out.shape.count)
        switch out.dtype {
        case .float32: return kernel(Float.self, lhsShape, rhsShape, out.shape, context)
        case .float64: return kernel(Double.self, lhsShape, rhsShape, out.shape, context)
        case .int32: return kernel(Int32.self, lhsShape, rhsShape, out.shape, context)
        default: return kernel(Int64.self, lhsShape, rhsShape, out.shape, context)
        }
    }

    private func kernel<T: KernelScalar>(_ type: T.Type, _ lhs: [Int], _ rhs: [Int], _ out: [Int],
                                         _ context: ComputeContext) -> any OpKernel {
        let function = function
        let split = Binary.Split(lhsShape: lhs, rhsShape: rhs, outputShape: out)
        if context.workerCount > 1 && split.isSplit {
            return ClosureKernel { io in
                split.apply(function, lhs: io.input(0).assumingMemoryBound(to: T.self),
                            rhs: io.input(1).assumingMemoryBound(to: T.self),
                            output: io.output(0).assumingMemoryBound(to: T.self), context: context)
            }
        }
        return ClosureKernel { io in
            Binary.apply(
                function, lhs: io.input(0).assumingMemoryBound(to: T.self), lhsShape: lhs,
                rhs: io.input(1).assumingMemoryBound(to: T.self), rhsShape: rhs,
                output: io.output(0).assumingMemoryBound(to: T.self), outputShape: out)
        }
    }
}
