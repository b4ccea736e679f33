import Kernels
import Tensor

/// `MirrorPad` in `REFLECT` or `SYMMETRIC` mode, with constant `[rank, 2]` paddings.
struct MirrorPadOp: Operator {
    var typeName: String { "MirrorPad" }
    let mode: MirrorPad.Mode

    init(_ attributes: Attributes) throws {
        let name = try attributes.string("mode")
        switch name {
        case "REFLECT": mode = .reflect
        case "SYMMETRIC": mode = .symmetric
        default: throw OpError("mode '\(name)' is not supported (REFLECT or SYMMETRIC)")
        }
    }

    func layout(_ inputs: [PlanValue]) throws -> MirrorPad.Layout {
        try inputs.expectCount(2)
        let paddings = try inputs.constant(1, "paddings")
        let values = try paddings.integers()
        let shape = inputs[0].type.shape, rank = shape.count
        guard paddings.shape == [rank, 2] else {
            throw OpError("paddings \(ShapeMath.describe(paddings.shape)) must be [\(rank), 2]")
        }
        let before = (0..<rank).map { values[2 * $0] }, after = (0..<rank).map { values[2 * $0 + 1] }
        let offset = mode == .reflect ? 1 : 0
        for d in 0..<rank where before[d] < 0 || after[d] < 0 || before[d] > shape[d] - offset || after[d] > shape[d] - offset {
            throw OpError("paddings (\(before[d]), \(after[d])) of dimension \(d) must be non-negative and at most "
                + "\(shape[d] - offset) for size \(shape[d]) in \(mode == .reflect ? "REFLECT" : "SYMMETRIC") mode")
        }
        return MirrorPad.Layout(shape: shape, before: before, after: after, mode: mode)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let shape = try layout(inputs).outputShape  // checks the input count before input 0 is read
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let layout = try layout(inputs)
        let elementSize = inputs[0].type.dtype.byteSize
        return ClosureKernel { io in
            MirrorPad.apply(input: io.input(0), layout: layout, elementSize: elementSize, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
