import Tensor

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
