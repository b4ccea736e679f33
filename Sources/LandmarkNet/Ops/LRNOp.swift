import Kernels
import Tensor

/// `LRN`: local response normalisation across the channels of a float32 rank-4 NHWC tensor, with
/// `depth_radius` (default 5), `bias` (1), `alpha` (1) and `beta` (0.5).
struct LRNOp: Operator {
    var typeName: String { "LRN" }
    let depthRadius: Int
    let bias: Float
    let alpha: Float
    let beta: Float

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }

    init(_ attributes: Attributes) throws {
        depthRadius = try attributes.int("depth_radius", default: 5)
        bias = try attributes.float("bias", default: 1)
        alpha = try attributes.float("alpha", default: 1)
        beta = try attributes.float("beta", default: 0.5)
        guard depthRadius >= 0, depthRadius <= Int(Int32.max) else { throw OpError("depth_radius \(depthRadius) is out of range") }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        try inputs[0].expectFloat("input")
        try inputs[0].expectRank(4, "input")
        return [inputs[0].type]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let shape = outputs[0].shape
        let channels = shape[3], positions = shape[0] * shape[1] * shape[2]
        let (radius, bias, alpha, beta) = (depthRadius, bias, alpha, beta)
        let scratch = LocalResponseNormalization.scratchCount(channels: channels)
        return ClosureKernel(scratchBytes: scratch * MemoryLayout<Float>.stride) { io in
            LocalResponseNormalization.apply(input: io.floats(0), output: io.outputFloats(0), positions: positions,
                                             channels: channels, depthRadius: radius, bias: bias, alpha: alpha, beta: beta,
                                             scratch: io.scratch.assumingMemoryBound(to: Float.self))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        outputs[0].elementCount * (2 * min(depthRadius, max(outputs[0].shape[3] - 1, 0)) + 4)
    }
}
