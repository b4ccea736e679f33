import Kernels
import Tensor

/// `ConcatV2`: N tensors joined along an existing axis (the last input, a constant; negative counts from the end).
struct ConcatOp: Operator {
    var typeName: String { "ConcatV2" }

    func resolved(_ inputs: [PlanValue]) throws -> (axis: Int, values: [PlanValue]) {
        guard inputs.count >= 2 else { throw OpError("expects at least 2 inputs (values and axis)") }
        let values = Array(inputs.dropLast())
        let axisValues = try inputs.constant(inputs.count - 1, "axis").integers()
        guard axisValues.count == 1 else { throw OpError("axis must be a scalar") }
        let first = values[0].type
        let rank = first.shape.count
        guard rank > 0, axisValues[0] >= -rank, axisValues[0] < rank else {
            throw OpError("axis \(axisValues[0]) is out of range for rank \(rank)")
        }
        let axis = axisValues[0] < 0 ? axisValues[0] + rank : axisValues[0]
        for (i, v) in values.enumerated() {
            guard v.type.dtype == first.dtype, v.type.shape.count == rank,
                  v.type.shape.indices.allSatisfy({ $0 == axis || v.type.shape[$0] == first.shape[$0] })
            else { throw OpError("input \(i) \(v.type) does not fit input 0 \(first) along axis \(axis)") }
        }
        return (axis, values)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let (axis, values) = try resolved(inputs)
        var shape = values[0].type.shape
        var total = 0
        for value in values {
            let (sum, overflow) = total.addingReportingOverflow(value.type.shape[axis])
            guard !overflow else { throw OpError("the inputs' sizes along axis \(axis) add up to more than Int.max") }
            total = sum
        }
        shape[axis] = total
        return [TensorType(values[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let (axis, values) = try resolved(inputs)
        return ConcatKernel(shapes: values.map { $0.type.shape }, axis: axis,
                            elementSize: values[0].type.dtype.byteSize, context: context)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}

/// Joins the kernel's first `layout.chunkBytes.count` inputs; the layout is computed while planning.
struct ConcatKernel: OpKernel {
    let layout: Concat.Layout
    let context: ComputeContext

    init(shapes: [[Int]], axis: Int, elementSize: Int, context: ComputeContext = .singleThreaded) {
        layout = Concat.Layout(shapes: shapes, axis: axis, elementSize: elementSize)
        self.context = context
    }

    func run(_ io: KernelIO) {
        Concat.apply(inputs: UnsafeBufferPointer(start: io.inputs, count: layout.chunkBytes.count), layout: layout,
                     output: io.output(0), context: context)
    }
}
