import Kernels
import Tensor

/// `Slice`: a box of the input given by constant `begin` and `size` (a size of -1 takes the rest of the axis).
struct SliceOp: Operator {
    var typeName: String { "Slice" }

    func box(_ inputs: [PlanValue]) throws -> (begin: [Int], size: [Int]) {
        try inputs.expectCount(3)
        let begin = try inputs.constant(1, "begin").integers()
        var size = try inputs.constant(2, "size").integers()
        let shape = inputs[0].type.shape
        guard begin.count == shape.count, size.count == shape.count else {
            throw OpError("begin \(begin) and size \(size) must have one entry per dimension of \(inputs[0].type)")
        }
        for d in shape.indices {
            guard begin[d] >= 0, begin[d] <= shape[d] else {
                throw OpError("begin \(begin) and size \(size) do not lie inside \(ShapeMath.describe(shape))")
            }
            if size[d] == -1 { size[d] = shape[d] - begin[d] }
            guard size[d] >= 0, size[d] <= shape[d] - begin[d] else {
                throw OpError("begin \(begin) and size \(size) do not lie inside \(ShapeMath.describe(shape))")
            }
        }
        return (begin, size)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let size = try box(inputs).size  // checks the input count before input 0 is read
        return [TensorType(inputs[0].type.dtype, size)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let (begin, size) = try box(inputs)
        let shape = inputs[0].type.shape, elementSize = inputs[0].type.dtype.byteSize
        if size.contains(0) { return ClosureKernel { _ in } }
        let stride = [Int](repeating: 1, count: shape.count)
        return ClosureKernel { io in
            StridedCopy.apply(input: io.input(0), shape: shape, begin: begin, stride: stride, outputShape: size,
                              elementSize: elementSize, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
