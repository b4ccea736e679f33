import Kernels
import Tensor

/// `Select` and `SelectV2`: `condition ? t : e` elementwise. `SelectV2` broadcasts all three inputs (NumPy
/// rules); `Select` takes a condition of t's shape, a scalar, or a vector along t's first dimension (which
/// chooses whole rows). `t` and `e` have the same dtype (any fixed-width type) and, for `Select`, shape.
struct SelectOp: Operator {
    let typeName: String

    /// The condition's shape as it broadcasts against the output (a `Select` row vector gets trailing 1s).
    private func conditionShape(_ condition: [Int], _ t: [Int]) -> [Int] {
        if typeName == "Select", condition.count == 1, t.count > 1 {
            return condition + [Int](repeating: 1, count: t.count - 1)
        }
        return condition
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(3)
        let c = inputs[0].type, t = inputs[1].type, e = inputs[2].type
        guard c.dtype == .bool else { throw OpError("condition must be bool, got \(c.dtype)") }
        guard t.dtype == e.dtype else { throw OpError("t and e dtypes differ: \(t.dtype) and \(e.dtype)") }
        if typeName == "Select" {
            guard t.shape == e.shape else {
                throw OpError("t \(ShapeMath.describe(t.shape)) and e \(ShapeMath.describe(e.shape)) must have the same shape")
            }
            let rowVector = c.shape.count == 1 && t.shape.count > 1 && c.shape[0] == t.shape[0]
            guard c.shape.isEmpty || c.shape == t.shape || rowVector else {
                throw OpError("condition \(ShapeMath.describe(c.shape)) must be a scalar, of t's shape \(ShapeMath.describe(t.shape)), or a vector of its first dimension")
            }
            return [t]
        }
        guard let te = ShapeMath.broadcast(t.shape, e.shape), let shape = ShapeMath.broadcast(c.shape, te) else {
            throw OpError("shapes \(ShapeMath.describe(c.shape)), \(ShapeMath.describe(t.shape)) and \(ShapeMath.describe(e.shape)) cannot be broadcast")
        }
        return [TensorType(t.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let out = outputs[0].shape
        let c = ShapeMath.leftPadded(conditionShape(inputs[0].type.shape, inputs[1].type.shape), toRank: out.count)
        let t = ShapeMath.leftPadded(inputs[1].type.shape, toRank: out.count)
        let e = ShapeMath.leftPadded(inputs[2].type.shape, toRank: out.count)
        let bytes = outputs[0].dtype.byteSize
        return ClosureKernel { io in
            Select.apply(condition: io.input(0).assumingMemoryBound(to: UInt8.self), conditionShape: c,
                         whenTrue: io.input(1), whenTrueShape: t, whenFalse: io.input(2), whenFalseShape: e,
                         output: io.output(0), outputShape: out, elementBytes: bytes)
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
