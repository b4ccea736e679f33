import Kernels
import Tensor

/// `Transpose` by a constant permutation.
struct TransposeOp: Operator {
    var typeName: String { "Transpose" }

    func permutation(_ inputs: [PlanValue]) throws -> [Int] {
        try inputs.expectCount(2)
        let perm = try inputs.constant(1, "perm").integers()
        let rank = inputs[0].type.shape.count
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw OpError("perm \(perm) is not a permutation of 0..<\(rank)")
        }
        return perm
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let perm = try permutation(inputs)
        return [TensorType(inputs[0].type.dtype, perm.map { inputs[0].type.shape[$0] })]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let perm = try permutation(inputs)
        let shape = inputs[0].type.shape, size = inputs[0].type.dtype.byteSize
        return ClosureKernel { io in
            Transpose.apply(input: io.input(0), shape: shape, permutation: perm, elementSize: size, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
