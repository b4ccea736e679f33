import Kernels
import Tensor

/// `Pack` (tf.stack): N tensors of one shape stacked along a new axis.
struct PackOp: Operator {
    var typeName: String { "Pack" }
    let axis: Int

    init(_ attributes: Attributes) throws {
        axis = try attributes.int("axis", default: 0)
    }

    func resolvedAxis(_ inputs: [PlanValue]) throws -> Int {
        guard let first = inputs.first else { throw OpError("expects at least 1 input") }
        let rank = first.type.shape.count
        guard axis >= -rank - 1, axis <= rank else { throw OpError("axis \(axis) is out of range for rank \(rank + 1)") }
        for (i, input) in inputs.enumerated() where input.type != first.type {
            throw OpError("input \(i) is \(input.type), input 0 is \(first.type)")
        }
        return axis < 0 ? axis + rank + 1 : axis
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let a = try resolvedAxis(inputs)
        var shape = inputs[0].type.shape
        shape.insert(inputs.count, at: a)
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let a = try resolvedAxis(inputs)
        var piece = inputs[0].type.shape
        piece.insert(1, at: a)
        return ConcatKernel(shapes: Array(repeating: piece, count: inputs.count), axis: a,
                            elementSize: inputs[0].type.dtype.byteSize)
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
