import Tensor

/// `IdentityN`: output k is input k, for any number of inputs of any types (Keras' swish with a custom gradient
/// and inlined function calls return through it). Planning forwards every read of an output to its input, so
/// the copy kernel runs only if something keeps the node itself.
struct IdentityNOp: Operator {
    let typeName: String

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] { inputs.map(\.type) }

    func valuesFromShapes(_ inputs: [PlanValue]) throws -> [Tensor]? {
        let constants = inputs.compactMap(\.constant)
        return !inputs.isEmpty && constants.count == inputs.count ? constants : nil
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let sizes = outputs.map(\.byteCount)
        return ClosureKernel { io in
            for (k, size) in sizes.enumerated() where size > 0 { io.output(k).copyMemory(from: io.input(k), byteCount: size) }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
