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

/// `Shape`: the input's dimensions as an int32 or int64 vector, known at planning time.
struct ShapeOp: Operator {
    var typeName: String { "Shape" }
    let outputType: DType

    init(_ attributes: Attributes) throws {
        outputType = try attributes.type("out_type", default: .int32)
        guard outputType == .int32 || outputType == .int64 else { throw OpError("out_type must be int32 or int64") }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        return [TensorType(outputType, [inputs[0].type.shape.count])]
    }

    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? {
        [try Tensor.integers(inputs[0].type.shape, dtype: outputType)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        throw OpError("Shape is always computed while planning")
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
