import Tensor

/// Folds TensorFlow 1's form of a dilated convolution, `SpaceToBatchND → Conv2D or DepthwiseConv2dNative (VALID,
/// stride 1) → BatchToSpaceND` with the same 2-D block, into one convolution dilated by the block: the
/// convolution runs on the image itself, padded by the SpaceToBatch paddings less the BatchToSpace crops,
/// instead of on `block²` interleaved sub-images that are then put back together.
///
/// Interleaving the outputs of a VALID convolution of each phase of the padded image is the VALID convolution of
/// the padded image with the filter dilated by the block; the crops then remove outputs from each end, which is
/// padding that much less. Applies when the blocks match, the convolution has no dilation, stride or fused
/// work of its own, each link has no other reader, and the paddings are at least the crops; otherwise the
/// three ops run as they are. Runs before the fusion passes, so that the bias and activation after the
/// BatchToSpaceND fuse into the folded convolution.
enum AtrousConvolutionFolding {
    static func run(_ work: inout WorkGraph) {
        var reads = work.readCounts()
        for n in work.liveNodes() {
            guard let batchToSpace = work.nodes[n].op as? SpaceToBatchOp, !batchToSpace.toBatch,
                  let (block, cropBefore, cropAfter) = try? batchToSpace.blocks(work.nodes[n].inputs.map { work.value($0) }),
                  block.count == 2 else { continue }
            let convolutionRef = work.nodes[n].inputs[0]
            guard convolutionRef.output == 0, reads[convolutionRef] == 1 else { continue }
            var convolution = work.nodes[convolutionRef.node]
            guard !convolution.isConstant, convolution.feed == nil, convolution.inputs.count == 2 else { continue }
            let spaceToBatchRef = convolution.inputs[0]
            let spaceToBatch = work.nodes[spaceToBatchRef.node]
            guard spaceToBatchRef.output == 0, reads[spaceToBatchRef] == 1, !spaceToBatch.isConstant,
                  spaceToBatch.feed == nil, let toBatch = spaceToBatch.op as? SpaceToBatchOp, toBatch.toBatch,
                  let (padBlock, padBefore, padAfter) = try? toBatch.blocks(spaceToBatch.inputs.map { work.value($0) }),
                  padBlock == block else { continue }
            let explicit = PaddingScheme.explicit(top: padBefore[0] - cropBefore[0], bottom: padAfter[0] - cropAfter[0],
                                                  left: padBefore[1] - cropBefore[1], right: padAfter[1] - cropAfter[1])
            guard padBefore[0] >= cropBefore[0], padAfter[0] >= cropAfter[0], padBefore[1] >= cropBefore[1],
                  padAfter[1] >= cropAfter[1] else { continue }
            let folded: any Operator
            if var op = convolution.op as? Conv2DOp, Self.isPlain(op), op.bias == nil, op.activation == .none,
               op.pool == nil, op.negativeSlopes == nil {
                op.dilations = (block[0], block[1])
                op.padding = explicit
                folded = op
            } else if var op = convolution.op as? DepthwiseConv2DOp, Self.isPlain(op), op.bias == nil,
                      op.activation == .none, op.negativeSlopes == nil {
                op.dilations = (block[0], block[1])
                op.padding = explicit
                folded = op
            } else {
                continue
            }
            let inputs = [spaceToBatch.inputs[0], convolution.inputs[1]]
            guard let types = try? folded.outputTypes(inputs.map { work.value($0) }), types == work.nodes[n].outputTypes else {
                continue
            }
            convolution.op = folded
            convolution.inputs = inputs
            convolution.outputTypes = types
            convolution.fused = [spaceToBatch.op.typeName] + convolution.fused + [batchToSpace.typeName]
            work.nodes[convolutionRef.node] = convolution
            work.replaceReads(of: ValueRef(node: n, output: 0), with: convolutionRef)
            reads[spaceToBatchRef] = nil
            reads[convolutionRef] = reads[ValueRef(node: n, output: 0)]
            reads[ValueRef(node: n, output: 0)] = nil
        }
    }

    /// Whether a convolution has VALID padding, stride 1 and no dilation.
    private static func isPlain(_ op: any PaddedWindowOperator) -> Bool {
        op.padding == .valid && op.strides == (1, 1) && op.dilations == (1, 1)
    }
}
