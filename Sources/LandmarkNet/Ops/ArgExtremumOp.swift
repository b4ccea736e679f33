import Kernels
import Tensor

/// `ArgMax` and `ArgMin` over one constant axis (`dimension`, negative counts from the end): the index of the
/// first extreme element, as int32 or int64 (`output_type`, default int64). float32, float64, int32, int64.
struct ArgExtremumOp: Operator {
    let typeName: String
    let indexType: DType

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        indexType = try attributes.type("output_type", default: .int64)
        guard [.int32, .int64].contains(indexType) else { throw OpError("output_type must be int32 or int64, got \(indexType)") }
    }

    /// The input viewed as `[outer, axis, inner]`, and the output shape.
    private func geometry(_ inputs: [PlanValue]) throws -> (outer: Int, axis: Int, inner: Int, shape: [Int]) {
        try inputs.expectCount(2)
        let shape = inputs[0].type.shape
        guard [.float32, .float64, .int32, .int64].contains(inputs[0].type.dtype) else {
            throw OpError("dtype \(inputs[0].type.dtype) is not supported")
        }
        let values = try inputs.constant(1, "dimension").integers()
        guard values.count == 1, let axis = values.first else { throw OpError("dimension must hold one axis, got \(values.count)") }
        guard axis >= -shape.count, axis < shape.count else {
            throw OpError("axis \(axis) is out of range for rank \(shape.count)")
        }
        let a = axis < 0 ? axis + shape.count : axis
        guard shape[a] > 0 else { throw OpError("axis \(a) is empty: there is no extreme element") }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var out = shape
        out.remove(at: a)
        return (outer, shape[a], inner, out)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        [TensorType(indexType, try geometry(inputs).shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let g = try geometry(inputs)
        switch inputs[0].type.dtype {
        case .float32: return kernel(Float.self, g.outer, g.axis, g.inner)
        case .float64: return kernel(Double.self, g.outer, g.axis, g.inner)
        case .int32: return kernel(Int32.self, g.outer, g.axis, g.inner)
        default: return kernel(Int64.self, g.outer, g.axis, g.inner)
        }
    }

    private func kernel<T: Comparable>(_ type: T.Type, _ outer: Int, _ axis: Int, _ inner: Int) -> any OpKernel {
        let largest = typeName == "ArgMax"
        if indexType == .int32 {
            return ClosureKernel { io in
                ArgReduce.apply(largest: largest, input: io.input(0).assumingMemoryBound(to: T.self), outer: outer, axis: axis,
                                inner: inner, output: io.output(0).assumingMemoryBound(to: Int32.self))
            }
        }
        return ClosureKernel { io in
            ArgReduce.apply(largest: largest, input: io.input(0).assumingMemoryBound(to: T.self), outer: outer, axis: axis,
                            inner: inner, output: io.output(0).assumingMemoryBound(to: Int64.self))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { inputs[0].type.elementCount }
}
