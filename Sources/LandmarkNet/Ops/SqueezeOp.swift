import Tensor

/// `Squeeze`: removes dimensions of size 1 (all of them, or those in `squeeze_dims`). A view.
struct SqueezeOp: Operator {
    var typeName: String { "Squeeze" }
    let axes: [Int]

    init(_ attributes: Attributes) throws {
        axes = try attributes.ints("squeeze_dims", default: [])
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        let shape = inputs[0].type.shape
        let rank = shape.count
        var drop = Set<Int>()
        for axis in axes {
            guard axis >= -rank, axis < rank else { throw OpError("squeeze dim \(axis) is out of range for rank \(rank)") }
            let a = axis < 0 ? axis + rank : axis
            guard shape[a] == 1 else { throw OpError("cannot squeeze dim \(axis) of size \(shape[a])") }
            drop.insert(a)
        }
        let result = shape.indices.filter { axes.isEmpty ? shape[$0] != 1 : !drop.contains($0) }.map { shape[$0] }
        return [TensorType(inputs[0].type.dtype, result)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel { ClosureKernel { _ in } }
    var aliasedInput: Int? { 0 }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
