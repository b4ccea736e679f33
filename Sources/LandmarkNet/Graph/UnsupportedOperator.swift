import Tensor

/// A node whose op this engine does not implement; planning fails if a requested output needs it.
struct UnsupportedOperator: Operator {
    let typeName: String
    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] { throw OpError("op \(typeName) is not supported") }
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        throw OpError("op \(typeName) is not supported")
    }
    var isFoldable: Bool { false }
}
