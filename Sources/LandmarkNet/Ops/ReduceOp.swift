import Kernels
import Tensor

/// `Mean`, `Sum`, `Max`, `Min` and `Prod` (float32, float64, int32, int64) and `All` and `Any` (bool) over
/// constant axes (`reduction_indices`, negative counts from the end), with `keep_dims`.
struct ReduceOp: Operator {
    let typeName: String
    /// The numeric reduction, or nil for `All` and `Any`.
    let function: ReduceFunction?
    let keepDims: Bool

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        let functions: [String: ReduceFunction] = ["Mean": .mean, "Sum": .sum, "Max": .max, "Min": .min, "Prod": .prod]
        function = functions[typeName]
        keepDims = try attributes.bool("keep_dims", default: false)
    }

    func axes(_ inputs: [PlanValue]) throws -> [Bool] {
        try inputs.expectCount(2)
        let rank = inputs[0].type.shape.count
        var flags = [Bool](repeating: false, count: rank)
        for axis in try inputs.constant(1, "reduction_indices").integers() {
            guard axis >= -rank, axis < rank else { throw OpError("axis \(axis) is out of range for rank \(rank)") }
            flags[axis < 0 ? axis + rank : axis] = true
        }
        if function == nil {
            guard inputs[0].type.dtype == .bool else { throw OpError("input must be bool, got \(inputs[0].type.dtype)") }
        } else if ![.float32, .float64, .int32, .int64].contains(inputs[0].type.dtype) {
            throw OpError("dtype \(inputs[0].type.dtype) is not supported")
        }
        return flags
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let flags = try axes(inputs)
        let shape = inputs[0].type.shape
        let out = shape.indices.compactMap { flags[$0] ? (keepDims ? 1 : nil) : shape[$0] }
        return [TensorType(inputs[0].type.dtype, out)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let flags = try axes(inputs)
        let shape = inputs[0].type.shape
        guard let function else {
            let all = typeName == "All"
            return ClosureKernel { io in
                Reduce.applyLogical(all: all, input: io.input(0).assumingMemoryBound(to: UInt8.self), shape: shape,
                                    reduceAxes: flags, output: io.output(0).assumingMemoryBound(to: UInt8.self))
            }
        }
        if inputs[0].type.dtype == .float32, let split = Reduce.RowSplit(function, shape: shape, reduceAxes: flags) {
            // Blocks of rows fixed by the shape, at every thread count (the bits never depend on it).
            return ClosureKernel(scratchBytes: split.scratchBytes) { io in
                split.apply(input: io.floats(0), output: io.outputFloats(0), scratch: io.scratch, context: context)
            }
        }
        switch inputs[0].type.dtype {
        case .float32: return kernel(Float.self, function, shape, flags)
        case .float64: return kernel(Double.self, function, shape, flags)
        case .int32: return kernel(Int32.self, function, shape, flags)
        default: return kernel(Int64.self, function, shape, flags)
        }
    }

    private func kernel<T: KernelScalar>(_ type: T.Type, _ function: ReduceFunction, _ shape: [Int], _ flags: [Bool]) -> any OpKernel {
        return ClosureKernel { io in
            Reduce.apply(function, input: io.input(0).assumingMemoryBound(to: T.self), shape: shape, reduceAxes: flags,
                         output: io.output(0).assumingMemoryBound(to: T.self))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { inputs[0].type.elementCount }
}
