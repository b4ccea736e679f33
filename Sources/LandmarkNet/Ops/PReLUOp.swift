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
        // Expand alpha to the trailing block it repeats over, so the loop is a simple modulo-free walk. Leading
        // 1s of alpha repeat it anyway: dropping them keeps the block short (Keras' [1, 1, C] slopes -> C).
        let significant = Array(alpha.shape.drop(while: { $0 == 1 }))
        let trailing = significant.count
        let block = shape.suffix(trailing).reduce(1, *)
        let padded = ShapeMath.leftPadded(significant, toRank: trailing)
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
        let slopes = expanded
        let rowLength = max(block, 1)
        return ClosureKernel { io in
            let x = io.floats(0), y = io.outputFloats(0)
            slopes.withUnsafeBufferPointer { a in
                guard let a = a.baseAddress else { return }
                PReLUKernel.apply(input: x, output: y, count: count, slopes: a, block: rowLength)
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 2 * outputs[0].elementCount }
}
