import Kernels
import Tensor

/// `Pad` and `PadV2`: constant padding given as a `[rank, 2]` constant of (before, after) counts.
struct PadOp: Operator {
    let typeName: String

    func amounts(_ inputs: [PlanValue]) throws -> (before: [Int], after: [Int]) {
        try inputs.expectCount(typeName == "PadV2" ? 3 : 2)
        let paddings = try inputs.constant(1, "paddings")
        let values = try paddings.integers()
        let rank = inputs[0].type.shape.count
        guard paddings.shape == [rank, 2], values.allSatisfy({ $0 >= 0 && $0 < Int(Int32.max) }) else {
            throw OpError("paddings \(ShapeMath.describe(paddings.shape)) must be [\(rank), 2] non-negative values")
        }
        return (stride(from: 0, to: values.count, by: 2).map { values[$0] }, stride(from: 1, to: values.count, by: 2).map { values[$0] })
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let (before, after) = try amounts(inputs)
        var shape = inputs[0].type.shape
        for axis in shape.indices {
            let (partial, overflowBefore) = shape[axis].addingReportingOverflow(before[axis])
            let (padded, overflowAfter) = partial.addingReportingOverflow(after[axis])
            guard !overflowBefore, !overflowAfter else { throw OpError("padded size of axis \(axis) overflows") }
            shape[axis] = padded
        }
        if typeName == "PadV2" {
            guard inputs[2].type.dtype == inputs[0].type.dtype, inputs[2].type.elementCount == 1 else {
                throw OpError("constant_values must be a scalar of the input's dtype")
            }
        }
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let (before, after) = try amounts(inputs)
        let shape = inputs[0].type.shape, size = inputs[0].type.dtype.byteSize
        let fill: Tensor
        if typeName == "PadV2" {
            fill = try inputs.constant(2, "constant_values")
        } else {
            fill = try Tensor(zeros: inputs[0].type.dtype, shape: [])
        }
        return ClosureKernel { io in
            fill.withUnsafeBytes { f in
                Pad.apply(input: io.input(0), shape: shape, before: before, after: after, elementSize: size,
                          fill: f.baseAddress!, output: io.output(0))
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
