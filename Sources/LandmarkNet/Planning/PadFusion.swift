import Tensor

/// Folds a zero `Pad`/`PadV2` of height and width into the convolution that alone reads it: the convolution reads
/// the unpadded input with explicit padding (its own padding plus the Pad's), and the padded copy is never made.
///
/// Applies when the paddings are constant and pad only axes 1 and 2 of a float32 NHWC tensor, the fill value
/// is 0 (`Pad`, or `PadV2` with a constant 0), the convolution (`Conv2D` or `DepthwiseConv2dNative`) reads it
/// as its input, and nothing else reads it (not a requested output either). Otherwise the Pad runs as is.
enum PadFusion {
    static func run(_ work: inout WorkGraph) throws {
        var reads = work.readCounts()
        for n in work.liveNodes() {
            guard var op = work.nodes[n].op as? any PaddedWindowOperator, work.nodes[n].inputs.count == 2 else { continue }
            let padRef = work.nodes[n].inputs[0]
            guard padRef.output == 0, reads[padRef] == 1 else { continue }
            let padNode = work.nodes[padRef.node]
            guard !padNode.isConstant, padNode.feed == nil, let pad = padNode.op as? PadOp else { continue }
            let padInputs = padNode.inputs.map { work.value($0) }
            guard padInputs.first?.type.dtype == .float32, padInputs[0].type.shape.count == 4,
                  let (before, after) = try? pad.amounts(padInputs),
                  before[0] == 0, after[0] == 0, before[3] == 0, after[3] == 0 else { continue }
            if pad.typeName == "PadV2" {
                guard let fill = padInputs[2].constant, fill.dtype == .float32,
                      let values = try? fill.scalars(as: Float.self), values == [0] else { continue }
            }
            let filterShape = work.value(work.nodes[n].inputs[1]).type.shape
            let paddedShape = padNode.outputTypes[0].shape
            guard filterShape.count == 4, paddedShape.count == 4,
                  let height = try? op.padding.amounts(input: paddedShape[1], window: filterShape[0],
                                                       stride: op.strides.0, dilation: op.dilations.0, axis: 0),
                  let width = try? op.padding.amounts(input: paddedShape[2], window: filterShape[1],
                                                      stride: op.strides.1, dilation: op.dilations.1, axis: 1) else { continue }
            // Explicit paddings come from the file: add them without overflowing.
            let sums = [(before[1], height.before), (after[1], height.after), (before[2], width.before), (after[2], width.after)]
                .map { $0.addingReportingOverflow($1) }
            guard !sums.contains(where: \.overflow) else { continue }
            let expected = work.nodes[n].outputTypes
            let original = op.padding
            op.padding = .explicit(top: sums[0].partialValue, bottom: sums[1].partialValue,
                                   left: sums[2].partialValue, right: sums[3].partialValue)
            let newInputs = [padNode.inputs[0], work.nodes[n].inputs[1]]
            guard (try? op.outputTypes(newInputs.map { work.value($0) })) == expected else {
                op.padding = original
                continue
            }
            work.nodes[n].op = op
            work.nodes[n].inputs = newInputs
            work.nodes[n].fused.insert(pad.typeName, at: 0)
            reads[padRef] = nil
        }
    }
}

extension PaddingScheme {
    /// The zeros this scheme adds before and after the input along one spatial axis (SAME: the total padding
    /// with the extra cell after; VALID: none, the cells a window does not reach are dropped).
    func amounts(input: Int, window: Int, stride: Int, dilation: Int, axis: Int) throws -> (before: Int, after: Int) {
        switch self {
        case .valid:
            return (0, 0)
        case .explicit(let top, let bottom, let left, let right):
            return axis == 0 ? (top, bottom) : (left, right)
        case .same:
            let (size, before) = try outputSize(input: input, window: window, stride: stride, dilation: dilation, axis: axis)
            let effective = (window - 1) * dilation + 1  // checked by outputSize
            let total = max((size - 1) * stride + effective - input, 0)
            return (before, total - before)
        }
    }
}
