import Kernels
import Tensor

/// `FusedBatchNorm`, `FusedBatchNormV2` and `FusedBatchNormV3` in inference mode (`is_training` false):
/// `y = (x - mean) * scale / sqrt(variance + epsilon) + offset` over the channel axis. The planner folds it
/// into a preceding convolution or dense layer when it can; otherwise it runs as a per-channel affine map.
struct FusedBatchNormOp: Operator {
    let typeName: String
    let epsilon: Float
    /// An activation run on the normalised values in the same pass (a `Relu` after the batch norm, fused by the
    /// planner when only it reads the result).
    var activation: Activation = .none

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        try attributes.requireNHWC()
        epsilon = try attributes.float("epsilon", default: 0.0001)
        guard try !attributes.bool("is_training", default: true) else {
            throw OpError("is_training=true (training-mode batch norm) is not supported; export the graph for inference")
        }
    }

    /// Number of outputs: y, batch_mean, batch_variance, reserve_space_1, reserve_space_2 (+ reserve_space_3 in V3).
    var outputCount: Int { typeName == "FusedBatchNormV3" ? 6 : 5 }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(5)
        try inputs[0].expectFloat("x")
        guard inputs[0].type.shape.count == 4 else { throw OpError("x must have rank 4 (NHWC)") }
        let channels = inputs[0].type.shape[3]
        for (i, what) in [(1, "scale"), (2, "offset"), (3, "mean"), (4, "variance")] {
            try inputs[i].expectFloat(what)
            guard inputs[i].type.shape == [channels] else {
                throw OpError("\(what) \(ShapeMath.describe(inputs[i].type.shape)) must be [\(channels)]")
            }
        }
        let vector = TensorType(.float32, [channels])
        var types = [inputs[0].type, vector, vector, vector, vector]
        if outputCount == 6 { types.append(TensorType(.float32, [0])) }
        return types
    }

    /// The constant scale, offset, mean and variance inputs (each `[channels]`, checked by ``outputTypes(_:)``).
    private func parameters(_ inputs: [PlanValue]) throws
        -> (scale: [Float], offset: [Float], mean: [Float], variance: [Float]) {
        (try inputs.constant(1, "scale").scalars(as: Float.self), try inputs.constant(2, "offset").scalars(as: Float.self),
         try inputs.constant(3, "mean").scalars(as: Float.self), try inputs.constant(4, "variance").scalars(as: Float.self))
    }

    /// The per-channel scale and shift this batch norm applies, when its parameters are constants, in double
    /// precision: `scale / sqrt(variance + epsilon)` and `offset - mean * scale`, each rounded once when it is
    /// folded into a convolution's weights and bias.
    func exactAffine(_ inputs: [PlanValue]) throws -> (scale: [Double], shift: [Double]) {
        let (scale, offset, mean, variance) = try parameters(inputs)
        var s = [Double](repeating: 0, count: scale.count)
        var b = [Double](repeating: 0, count: scale.count)
        for c in 0..<scale.count {
            s[c] = Double(scale[c]) / (Double(variance[c]) + Double(epsilon)).squareRoot()
            b[c] = Double(offset[c]) - Double(mean[c]) * s[c]
        }
        return (s, b)
    }

    /// The batch norm as TensorFlow computes it, `(x - mean) * s + offset`, with `s = scale / sqrt(variance +
    /// epsilon)` computed in double precision and rounded once.
    func centredAffine(_ inputs: [PlanValue]) throws -> (center: [Float], scale: [Float], shift: [Float]) {
        let (scale, offset, mean, variance) = try parameters(inputs)
        let s = (0..<scale.count).map { c in
            Float(Double(scale[c]) / (Double(variance[c]) + Double(epsilon)).squareRoot())
        }
        return (mean, s, offset)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let (center, scale, shift) = try centredAffine(inputs)
        let activation = activation
        let channels = scale.count
        let count = outputs[0].elementCount
        let mean = try inputs.constant(3, "mean"), variance = try inputs.constant(4, "variance")
        return ClosureKernel { io in
            center.withUnsafeBufferPointer { m in
                scale.withUnsafeBufferPointer { s in
                    shift.withUnsafeBufferPointer { b in
                        ChannelAffine.apply(input: io.floats(0), center: m.baseAddress!, scale: s.baseAddress!,
                                            shift: b.baseAddress!, channels: channels, count: count,
                                            activation: activation, output: io.outputFloats(0), context: context)
                    }
                }
            }
            let bytes = channels * MemoryLayout<Float>.size
            mean.withUnsafeBytes { m in
                io.output(1).copyMemory(from: m.baseAddress!, byteCount: bytes)
                io.output(3).copyMemory(from: m.baseAddress!, byteCount: bytes)
            }
            variance.withUnsafeBytes { v in
                io.output(2).copyMemory(from: v.baseAddress!, byteCount: bytes)
                io.output(4).copyMemory(from: v.baseAddress!, byteCount: bytes)
            }
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 2 * outputs[0].elementCount }
}
