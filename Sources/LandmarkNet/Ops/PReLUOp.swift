import Kernels
import Tensor

/// Parametric ReLU, `max(x, 0) + alpha * min(x, 0)` with `alpha` broadcast over the trailing axes. It has no
/// TensorFlow op of its own: the fusion pass builds it from the `Relu(x) - alpha * Relu(-x)` pattern Keras emits.
struct PReLUOp: Operator {
    var typeName: String { "PReLU" }
    /// The slope for negative inputs, broadcastable to the input's trailing dimensions.
    let alpha: Tensor
    /// The ops folded into this one, for reports.
    var fused: [String]

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        try inputs[0].expectFloat("the input")
        let shape = inputs[0].type.shape
        guard alpha.dtype == .float32, ShapeMath.broadcast(shape, alpha.shape) == shape else {
            throw OpError("alpha \(ShapeMath.describe(alpha.shape)) does not broadcast to \(ShapeMath.describe(shape))")
        }
        return [inputs[0].type]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let shape = inputs[0].type.shape
        let count = outputs[0].elementCount
        // Expand alpha to the trailing block it repeats over, so the loop is a simple modulo-free walk.
        let trailing = alpha.shape.count
        let block = shape.suffix(trailing).reduce(1, *)
        let padded = ShapeMath.leftPadded(alpha.shape, toRank: trailing)
        let alphaValues = try alpha.scalars(as: Float.self)
        var expanded = [Float](repeating: 0, count: max(block, 1))
        let blockShape = Array(shape.suffix(trailing))
        let blockStrides = ShapeMath.strides(blockShape)
        let alphaStrides = ShapeMath.strides(padded)
        for i in 0..<block {
            var rest = i, source = 0
            for d in 0..<trailing {
                let index = rest / blockStrides[d]
                rest %= blockStrides[d]
                if padded[d] != 1 { source += index * alphaStrides[d] }
            }
            expanded[i] = alphaValues[source]
        }
        // Repeat a short block (a scalar alpha, a few channels) so that the vector loop runs long rows.
        var repeats = 1
        while expanded.count * repeats < 64 && count % (expanded.count * repeats * 2) == 0 { repeats *= 2 }
        let slopes = [Float]((0..<repeats).map { _ in expanded }.joined())
        return ClosureKernel { io in
            slopes.withUnsafeBufferPointer { a in
                PReLU.apply(input: io.floats(0), output: io.outputFloats(0), count: count, slopes: a.baseAddress!,
                            block: a.count)
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 2 * outputs[0].elementCount }
}
