import Kernels
import Tensor

/// `MatMul` of rank-2 float32 matrices, with the bias and activation that fusion folds into it. A constant
/// right-hand side (a dense layer) runs as a ``DenseKernel`` that reads the weights in place.
struct MatMulOp: WeightedOperator {
    var typeName: String { "MatMul" }
    let transposeA: Bool
    let transposeB: Bool
    /// Bias over the output columns (from a fused BiasAdd, Add or batch norm).
    var bias: Tensor?
    /// The activation applied last.
    var activation: Activation = .none

    /// Weights stored as [N, K]: output channel `n` is row `n`.
    var weightsAreChannelMajor: Bool { transposeB }

    init(_ attributes: Attributes) throws {
        transposeA = try attributes.bool("transpose_a", default: false)
        transposeB = try attributes.bool("transpose_b", default: false)
    }

    /// (m, k, n) of the product.
    func dimensions(_ inputs: [PlanValue]) throws -> (Int, Int, Int) {
        try inputs.expectCount(2)
        try inputs[0].expectFloat("a")
        try inputs[1].expectFloat("b")
        try inputs[0].expectRank(2, "a")
        try inputs[1].expectRank(2, "b")
        let a = inputs[0].type.shape, b = inputs[1].type.shape
        let (m, ka) = transposeA ? (a[1], a[0]) : (a[0], a[1])
        let (kb, n) = transposeB ? (b[1], b[0]) : (b[0], b[1])
        guard ka == kb else {
            throw OpError("inner dimensions differ: \(ShapeMath.describe(a)) x \(ShapeMath.describe(b))"
                + " (transpose_a=\(transposeA), transpose_b=\(transposeB))")
        }
        if let bias, bias.shape != [n] {
            throw OpError("fused bias \(ShapeMath.describe(bias.shape)) does not match \(n) output columns")
        }
        return (m, ka, n)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let (m, _, n) = try dimensions(inputs)
        return [TensorType(.float32, [m, n])]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        try makeKernel(inputs, outputs, context: .singleThreaded)
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType], context: ComputeContext) throws -> any OpKernel {
        let (m, k, n) = try dimensions(inputs)
        if let weights = inputs[1].constant, !transposeA {
            let dense = weights.withUnsafeBytes { w in
                let wp = w.baseAddress!.assumingMemoryBound(to: Float.self)
                if let bias {
                    return bias.withUnsafeBytes { b in
                        DenseKernel(inputFeatures: k, outputFeatures: n, weights: wp, weightsTransposed: transposeB,
                                    bias: b.baseAddress!.assumingMemoryBound(to: Float.self), activation: activation,
                                    context: context)
                    }
                }
                return DenseKernel(inputFeatures: k, outputFeatures: n, weights: wp, weightsTransposed: transposeB,
                                   bias: nil, activation: activation, context: context)
            }
            return DenseStep(kernel: dense, rows: m, retained: [weights] + (bias.map { [$0] } ?? []))
        }
        let (ta, tb, act, addend) = (transposeA, transposeB, activation, bias)
        return ClosureKernel { io in
            let c = io.outputFloats(0)
            MatMul.run(a: io.floats(0), b: io.floats(1), c: c, m: m, n: n, k: k, transposeA: ta, transposeB: tb,
                       context: context)
            if let addend {
                addend.withUnsafeBytes { b in
                    let bp = b.baseAddress!.assumingMemoryBound(to: Float.self)
                    for row in 0..<m { for col in 0..<n { c[row * n + col] += bp[col] } }
                }
            }
            act.apply(c, count: m * n)
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int {
        guard let (m, k, n) = try? dimensions(inputs) else { return 0 }
        return 2 * m * k * n
    }
}

/// Runs a prepared ``DenseKernel``; keeps the constant weights it borrows alive.
struct DenseStep: OpKernel {
    let kernel: DenseKernel
    let rows: Int
    let retained: [Tensor]
    var scratchBytes: Int { kernel.scratchCount(rows: rows) * MemoryLayout<Float>.size }
    func run(_ io: KernelIO) {
        kernel.run(input: io.floats(0), rows: rows, output: io.outputFloats(0),
                   scratch: scratchBytes > 0 ? io.scratch.assumingMemoryBound(to: Float.self) : nil)
    }
}
