import Kernels
import Tensor

/// `Tile`: the input repeated `multiples[d]` times along each axis (constant multiples).
struct TileOp: Operator {
    var typeName: String { "Tile" }

    func multiples(_ inputs: [PlanValue]) throws -> [Int] {
        try inputs.expectCount(2)
        let multiples = try inputs.constant(1, "multiples").integers()
        let shape = inputs[0].type.shape
        guard multiples.count == shape.count, multiples.allSatisfy({ $0 >= 0 }) else {
            throw OpError("multiples \(multiples) must be one non-negative count per dimension of \(inputs[0].type)")
        }
        return multiples
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let multiples = try multiples(inputs)
        var shape: [Int] = []
        for (size, multiple) in zip(inputs[0].type.shape, multiples) {
            let (product, overflow) = size.multipliedReportingOverflow(by: multiple)
            guard !overflow else { throw OpError("tiled size overflows") }
            shape.append(product)
        }
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let multiples = try multiples(inputs)
        let shape = inputs[0].type.shape, elementSize = inputs[0].type.dtype.byteSize
        if outputs[0].elementCount == 0 { return ClosureKernel { _ in } }
        return ClosureKernel { io in
            Tile.apply(input: io.input(0), shape: shape, multiples: multiples, elementSize: elementSize, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
