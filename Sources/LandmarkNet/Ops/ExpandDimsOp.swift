import Tensor

/// `ExpandDims`: inserts a dimension of size 1 at `dim` (negative counts from the end). A view.
struct ExpandDimsOp: Operator {
    var typeName: String { "ExpandDims" }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(2)
        let dims = try inputs.constant(1, "dim").integers()
        guard dims.count == 1 else { throw OpError("dim must hold one value, got \(dims)") }
        var shape = inputs[0].type.shape
        let rank = shape.count
        var axis = dims[0]
        guard axis >= -rank - 1, axis <= rank else { throw OpError("dim \(axis) is out of range for rank \(rank)") }
        if axis < 0 { axis += rank + 1 }
        shape.insert(1, at: axis)
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel { ClosureKernel { _ in } }
    var aliasedInput: Int? { 0 }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
