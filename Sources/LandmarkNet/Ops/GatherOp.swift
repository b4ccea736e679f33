import Kernels
import Tensor

/// `GatherV2` with `batch_dims` 0: slices of `params` along a constant axis picked by int32 or int64 indices.
/// An index outside the axis gathers zeros (TensorFlow's CPU kernel fails the run instead); constant indices
/// are checked while planning.
struct GatherOp: Operator {
    var typeName: String { "GatherV2" }

    init(_ attributes: Attributes) throws {
        let batchDimensions = try attributes.int("batch_dims", default: 0)
        guard batchDimensions == 0 else { throw OpError("batch_dims \(batchDimensions) is not supported (only 0)") }
    }

    func resolved(_ inputs: [PlanValue]) throws -> (axis: Int, layout: Gather.Layout) {
        try inputs.expectCount(3)
        let params = inputs[0].type, indices = inputs[1].type
        guard indices.dtype == .int32 || indices.dtype == .int64 else {
            throw OpError("indices must be int32 or int64, got \(indices.dtype)")
        }
        let axisValues = try inputs.constant(2, "axis").integers()
        let rank = params.shape.count
        guard axisValues.count == 1, axisValues[0] >= -rank, axisValues[0] < rank else {
            throw OpError("axis \(axisValues) must be a scalar in \(-rank)..<\(rank) for params \(params)")
        }
        let axis = axisValues[0] < 0 ? axisValues[0] + rank : axisValues[0]
        if let constant = inputs[1].constant {
            let size = params.shape[axis]
            if let bad = try constant.integers().first(where: { $0 < 0 || $0 >= size }) {
                throw OpError("index \(bad) is out of range for axis \(axis) of size \(size)")
            }
        }
        return (axis, Gather.Layout(shape: params.shape, axis: axis, indexCount: indices.elementCount,
                                    elementSize: params.dtype.byteSize))
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let (axis, _) = try resolved(inputs)
        let shape = inputs[0].type.shape
        return [TensorType(inputs[0].type.dtype, Array(shape[..<axis]) + inputs[1].type.shape + Array(shape[(axis + 1)...]))]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let (_, layout) = try resolved(inputs)
        if inputs[1].type.dtype == .int64 {
            return ClosureKernel { io in
                Gather.apply(params: io.input(0), indices: io.input(1).assumingMemoryBound(to: Int64.self), layout: layout,
                             output: io.output(0))
            }
        }
        return ClosureKernel { io in
            Gather.apply(params: io.input(0), indices: io.input(1).assumingMemoryBound(to: Int32.self), layout: layout,
                         output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
