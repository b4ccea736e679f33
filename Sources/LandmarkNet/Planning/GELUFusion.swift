import Kernels
import Tensor

/// The exact GELU that Keras and `tf.nn.gelu` export as five elementwise ops becomes one ``UnaryOp`` (``UnaryFunction/gelu``)
/// that reads its input once:
/// `Mul(Mul(0.5, x), Erfc(Mul(Neg(x), 1/sqrt2)))` (TensorFlow 2.x) and
/// `Mul(Mul(0.5, x), AddV2(1, Erf(Mul(x, 1/sqrt2) or RealDiv(x, sqrt2))))` (older exports), with the constants
/// on either side of each `Mul`/`AddV2`; and the tanh approximation
/// `Mul(Mul(0.5, x), AddV2(1, Tanh(Mul(sqrt(2/pi), AddV2(x, Mul(0.044715, Pow(x, 3)))))))` (``UnaryFunction/geluTanh``).
/// The intermediate values must have no other reader.
enum GELUFusion {
    static func run(_ work: inout WorkGraph) {
        let reads = work.readCounts()
        for n in work.liveNodes() {
            guard let mul = work.nodes[n].op as? BinaryOp, mul.function == .mul, work.nodes[n].inputs.count == 2 else { continue }
            let inputs = work.nodes[n].inputs
            for (halfSide, restSide) in [(0, 1), (1, 0)] {
                guard let x = halfOf(inputs[halfSide], work, reads) else { continue }
                let op: UnaryOp, fused: [String]
                if let ops = errorFunctionPart(inputs[restSide], of: x, work, reads) {
                    (op, fused) = (UnaryOp(typeName: "Gelu", function: .gelu), ops)
                } else if let ops = tanhPart(inputs[restSide], of: x, work, reads) {
                    (op, fused) = (UnaryOp(typeName: "Gelu", function: .geluTanh), ops)
                } else {
                    continue
                }
                guard (try? op.outputTypes([work.value(x)])) == work.nodes[n].outputTypes else { continue }
                work.nodes[n].op = op
                work.nodes[n].inputs = [x]
                work.nodes[n].fused = ["Mul"] + fused + ["Mul"]
                break
            }
        }
    }

    /// For `ref` = `op(a, b)` with a constant `value` on one side, the other side.
    private static func operand(of ref: ValueRef, _ function: BinaryFunction, constant value: Float, commutes: Bool = true,
                                _ work: WorkGraph, _ reads: [ValueRef: Int]) -> ValueRef? {
        guard let node = work.privateProducer(of: ref, reads: reads), let op = node.op as? BinaryOp, op.function == function,
              node.inputs.count == 2 else { return nil }
        if work.isScalar(node.inputs[1], value, relativeTolerance: 1e-6) { return node.inputs[0] }
        if commutes, work.isScalar(node.inputs[0], value, relativeTolerance: 1e-6) { return node.inputs[1] }
        return nil
    }

    /// For `ref` = `Mul(0.5, x)`, `x`.
    private static func halfOf(_ ref: ValueRef, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> ValueRef? {
        operand(of: ref, .mul, constant: 0.5, work, reads)
    }

    /// For `ref` = `op(input)`, `input`.
    private static func unaryInput(_ ref: ValueRef, _ function: UnaryFunction, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> ValueRef? {
        guard let node = work.privateProducer(of: ref, reads: reads), let op = node.op as? UnaryOp, op.function == function else { return nil }
        return node.inputs.first
    }

    /// The ops of `AddV2(1, Tanh(Mul(sqrt(2/pi), AddV2(x, Mul(0.044715, Pow(x, 3))))))` at `ref`, or nil.
    private static func tanhPart(_ ref: ValueRef, of x: ValueRef, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> [String]? {
        guard let add = work.privateProducer(of: ref, reads: reads)?.op as? BinaryOp, add.function == .add,
              let tanhRef = operand(of: ref, .add, constant: 1, work, reads),
              let scaled = unaryInput(tanhRef, .activation(.tanh), work, reads),
              let inner = operand(of: scaled, .mul, constant: 0.797_884_6, work, reads),
              let innerNode = work.privateProducer(of: inner, reads: reads), let innerAdd = innerNode.op as? BinaryOp,
              innerAdd.function == .add, innerNode.inputs.count == 2 else { return nil }
        for (xSide, cubeSide) in [(0, 1), (1, 0)] where innerNode.inputs[xSide] == x {
            guard let cube = operand(of: innerNode.inputs[cubeSide], .mul, constant: 0.044_715, work, reads),
                  operand(of: cube, .pow, constant: 3, commutes: false, work, reads) == x else { continue }
            return ["Pow", "Mul", innerAdd.typeName, "Mul", "Tanh", add.typeName]
        }
        return nil
    }

    /// The ops of `Erfc(Mul(Neg(x), 1/sqrt2))` or `AddV2(1, Erf(x / sqrt2))` at `ref`, or nil.
    private static func errorFunctionPart(_ ref: ValueRef, of x: ValueRef, _ work: WorkGraph, _ reads: [ValueRef: Int]) -> [String]? {
        let rsqrt2: Float = 0.707_106_77, sqrt2: Float = 1.414_213_6
        if let scaled = unaryInput(ref, .erfc, work, reads),
           let negated = operand(of: scaled, .mul, constant: rsqrt2, work, reads),
           unaryInput(negated, .neg, work, reads) == x {
            return ["Neg", "Mul", "Erfc"]
        }
        guard let node = work.privateProducer(of: ref, reads: reads), let add = node.op as? BinaryOp, add.function == .add else { return nil }
        guard let erfRef = operand(of: ref, .add, constant: 1, work, reads),
              let scaled = unaryInput(erfRef, .erf, work, reads) else { return nil }
        if operand(of: scaled, .mul, constant: rsqrt2, work, reads) == x { return ["Mul", "Erf", add.typeName] }
        if operand(of: scaled, .div, constant: sqrt2, commutes: false, work, reads) == x { return ["RealDiv", "Erf", add.typeName] }
        return nil
    }
}
