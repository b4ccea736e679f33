import Tensor

/// `Reshape`: the same elements with a new shape (one dimension may be -1). A view: nothing is copied.
struct ReshapeOp: Operator {
    var typeName: String { "Reshape" }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(2)
        let requested = try inputs.constant(1, "the shape").integers()
        let count = inputs[0].type.elementCount
        var shape = requested
        let unknown = requested.indices.filter { requested[$0] == -1 }
        guard unknown.count <= 1, requested.allSatisfy({ $0 >= -1 }) else {
            throw OpError("shape \(requested) may hold one -1 and otherwise non-negative sizes")
        }
        let known = requested.filter { $0 != -1 }
        guard let knownCount = ShapeMath.elementCount(known) else { throw OpError("shape \(requested) is too large") }
        if let index = unknown.first {
            guard knownCount > 0, count % knownCount == 0 else {
                throw OpError("cannot reshape \(count) elements \(ShapeMath.describe(inputs[0].type.shape)) to \(requested)")
            }
            shape[index] = count / knownCount
        } else if knownCount != count {
            throw OpError("cannot reshape \(ShapeMath.describe(inputs[0].type.shape)) (\(count) elements) to \(ShapeMath.describe(requested))")
        }
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel { ClosureKernel { _ in } }
    var aliasedInput: Int? { 0 }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
