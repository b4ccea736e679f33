import GraphDefReader
import Tensor

/// `Const`: a value stored in the graph.
struct ConstOp: Operator {
    var typeName: String { "Const" }
    let value: Tensor

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(0)
        return [TensorType(value.dtype, value.shape)]
    }

    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? { [value] }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        throw OpError("a constant is never executed")
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
