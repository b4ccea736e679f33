import Tensor

/// `Identity`, `StopGradient` and `Snapshot`: output 0 is input 0. Removed by planning unless it is itself a
/// requested output, where it becomes a view of its input.
struct IdentityOp: Operator {
    let typeName: String
    /// For `PlaceholderWithDefault`: the declared dtype and shape of the input it stands for.
    var declaredType: DType? = nil
    var declaredShape: [Int]? = nil

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        guard !inputs.isEmpty else { throw OpError("expects 1 input, got 0") }
        return [inputs[0].type]
    }

    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? {
        inputs.first?.constant.map { [$0] }
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        ClosureKernel { _ in }
    }

    var aliasedInput: Int? { 0 }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
