import Kernels
import Tensor

/// Swish and hard-swish written as elementwise ops become one ``UnaryOp`` each, whose activation
/// ``FusionPasses`` then runs in the output pass of the convolution before it:
/// - `Mul(x, Sigmoid(x))` and `Mul(x, Sigmoid(Mul(1, x)))` (`tf.nn.silu` with beta 1, as Keras' swish freezes
///   once planning has forwarded its `IdentityN`) become ``Activation/swish`` (`x * 1` is `x`, bit for bit);
/// - `Mul(x, Mul(Relu6(AddV2(x, 3)), 1/6))` (Keras' MobileNetV3 hard-swish) becomes ``Activation/hardSwish``;
///
/// with the operands on either side of each `Mul` and `AddV2`. The intermediate values must have no other reader,
/// and the constants must be exactly 3 and `Float(1/6)`, so that the one op rounds as the ops it replaces do.
enum SwishFusion {
    static func run(_ work: inout WorkGraph) {
        let reads = work.readCounts()
        for n in work.liveNodes() {
            guard let mul = work.nodes[n].op as? BinaryOp, mul.function == .mul, work.nodes[n].inputs.count == 2 else { continue }
            let inputs = work.nodes[n].inputs
            for (xSide, gateSide) in [(0, 1), (1, 0)] {
                let x = inputs[xSide]
                let activation: Activation, typeName: String, fused: [String]
                if let ops = sigmoidGate(inputs[gateSide], of: x, work, reads) {
                    (activation, typeName, fused) = (.swish, "Swish", ops)
                } else if let ops = hardSigmoidGate(inputs[gateSide], of: x, work, reads) {
                    (activation, typeName, fused) = (.hardSwish, "HardSwish", ops)
                } else {
                    continue
                }
                let op = UnaryOp(typeName: typeName, function: .activation(activation))
                guard (try? op.outputTypes([work.value(x)])) == work.nodes[n].outputTypes else { continue }
                work.nodes[n].op = op
                work.nodes[n].inputs = [x]
                work.nodes[n].fused = fused + [mul.typeName]
                break
            }
        }
    }

    /// For `ref` = `op(a, b)` (a private value) with the constant `value` on either side, the other side.
    private static func operand(of ref: ValueRef, _ function: BinaryFunction, constant value: Float,
                                _ work: WorkGraph, _ reads: [ValueRef: Int]) -> (ValueRef, String)? {
        guard let node = work.privateProducer(of: ref, reads: reads), let op = node.op as? BinaryOp, op.function == function,
              node.inputs.count == 2 else { return nil }
        if work.isScalar(node.inputs[1], value) { return (node.inputs[0], op.typeName) }
        if work.isScalar(node.inputs[0], value) { return (node.inputs[1], op.typeName) }
        return nil
    }

    /// For `ref` = `op(input)` (a private value), `input`.
    private static func unaryInput(_ ref: ValueRef, _ activation: Activation, _ work: WorkGraph,
                                   _ reads: [ValueRef: Int]) -> (ValueRef, String)? {
        guard let node = work.privateProducer(of: ref, reads: reads), let op = node.op as? UnaryOp,
              op.function == .activation(activation), let input = node.inputs.first else { return nil }
        return (input, op.typeName)
    }

    /// The ops of `Sigmoid(x)` or `Sigmoid(Mul(1, x))` (`tf.nn.silu`'s `beta * x` with beta 1) at `ref`, or nil.
    private static func sigmoidGate(_ ref: ValueRef, of x: ValueRef, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> [String]? {
        guard let (input, name) = unaryInput(ref, .sigmoid, work, reads) else { return nil }
        if input == x { return [name] }
        guard let (scaled, beta) = operand(of: input, .mul, constant: 1, work, reads), scaled == x else { return nil }
        return [beta, name]
    }

    /// The ops of `Mul(Relu6(AddV2(x, 3)), 1/6)` at `ref`, or nil.
    private static func hardSigmoidGate(_ ref: ValueRef, of x: ValueRef, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> [String]? {
        guard let (clamped, scale) = operand(of: ref, .mul, constant: Activation.hardSwishScale, work, reads),
              let (shifted, relu6) = unaryInput(clamped, .relu6, work, reads),
              let (input, add) = operand(of: shifted, .add, constant: 3, work, reads), input == x else { return nil }
        return [add, relu6, scale]
    }
}
