import Tensor

/// `NoOp`: no inputs that matter and no outputs; it only carries control edges, which the planner drops.
struct NoOpOperator: Operator {
    var typeName: String { "NoOp" }
    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] { [] }
    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel { ClosureKernel { _ in } }
    var isFoldable: Bool { false }
}
