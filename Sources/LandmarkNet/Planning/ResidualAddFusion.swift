import Kernels
import Tensor

/// A residual `Add`/`AddV2` of a `Conv2D`'s output and a value of the same type (the shortcut of a ResNet,
/// MobileNetV2 or EfficientNet block) runs in the convolution's output pass: the shortcut becomes the
/// convolution's third input, added after the bias and before the activation, so an activation after the `Add`
/// (ResNet's `Relu`) then fuses into the convolution as well. The sum is rounded as the separate `Add` rounds it.
///
/// Only when the convolution's output has no other reader, has no activation, PReLU or pool yet, is not computed
/// by Winograd (whose output transform does not read a third operand) nor as a depthwise convolution, and when the
/// shortcut is computed before the convolution runs (an earlier node or a fed input).
enum ResidualAddFusion {
    /// Fuses the `Add` at node `n` into the convolution that produces one of its operands; returns whether it did.
    static func fuse(_ n: Int, _ work: inout WorkGraph, _ reads: inout [ValueRef: Int]) -> Bool {
        guard let add = work.nodes[n].op as? BinaryOp, add.function == .add, work.nodes[n].inputs.count == 2,
              let outputType = work.nodes[n].outputTypes.first, outputType.dtype == .float32 else { return false }
        let inputs = work.nodes[n].inputs
        for (convSide, shortcutSide) in [(0, 1), (1, 0)] {
            let ref = inputs[convSide], shortcut = inputs[shortcutSide]
            guard ref.output == 0, reads[ref] == 1, ref.node != shortcut.node else { continue }
            var producer = work.nodes[ref.node]
            guard !producer.isConstant, producer.feed == nil, var conv = producer.op as? Conv2DOp,
                  conv.activation == .none, conv.negativeSlopes == nil, conv.pool == nil, !conv.addsResidual,
                  producer.inputs.count == 2, work.value(producer.inputs[1]).constant != nil else { continue }
            let shortcutNode = work.nodes[shortcut.node]
            guard !shortcutNode.isConstant, shortcutNode.feed != nil || shortcut.node < ref.node,
                  work.value(shortcut).type == outputType, producer.outputTypes == [outputType] else { continue }
            let convInputs = producer.inputs.map { work.value($0) }
            guard conv.depthwiseForm(convInputs) == nil, let g = try? conv.geometry(convInputs),
                  !conv.algorithm(g).isWinograd else { continue }
            conv.addsResidual = true
            guard let types = try? conv.outputTypes(convInputs + [work.value(shortcut)]), types == [outputType] else { continue }
            producer.op = conv
            producer.inputs.append(shortcut)
            producer.fused.append(add.typeName)
            work.nodes[ref.node] = producer
            work.replaceReads(of: ValueRef(node: n, output: 0), with: ref)
            FusionPasses.moveReads(from: n, to: ref.node, &reads)
            return true
        }
        return false
    }
}
