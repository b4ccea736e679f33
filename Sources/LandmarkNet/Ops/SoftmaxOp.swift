import Kernels
import Tensor

/// `Softmax` over the last axis.
struct SoftmaxOp: Operator {
    var typeName: String { "Softmax" }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        try inputs[0].expectFloat("the input")
        guard !inputs[0].type.shape.isEmpty else { throw OpError("input must have rank >= 1") }
        return [inputs[0].type]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let shape = outputs[0].shape
        let columns = shape.last ?? 1
        let rows = columns == 0 ? 0 : outputs[0].elementCount / columns
        return ClosureKernel { io in
            Softmax.apply(input: io.floats(0), output: io.outputFloats(0), rows: rows, columns: columns, context: context)
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 5 * outputs[0].elementCount }
}
