import Tensor

/// `Placeholder`: a graph input, fed at run time.
struct PlaceholderOp: Operator {
    var typeName: String { "Placeholder" }
    /// The declared dtype.
    let dtype: DType
    /// The declared shape (nil: unknown rank; -1: unknown dimension).
    let shape: [Int]?

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        throw OpError("the placeholder was not fed")
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        throw OpError("a placeholder is never executed")
    }

    var isFoldable: Bool { false }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
