import Kernels
import Tensor

/// `SpaceToBatchND` and `BatchToSpaceND` with one or two spatial axes after the batch (constant `block_shape` and
/// `paddings` or `crops`): the spatial blocks of each image moved to the batch and back, as TensorFlow 1 writes
/// dilated convolutions (see ``AtrousConvolutionFolding``, which folds that pattern into one convolution).
struct SpaceToBatchOp: Operator {
    let typeName: String
    /// Whether this is `SpaceToBatchND` (else `BatchToSpaceND`).
    let toBatch: Bool

    init(typeName: String) {
        self.typeName = typeName
        toBatch = typeName == "SpaceToBatchND"
    }

    /// The block sizes and the paddings (SpaceToBatch) or crops (BatchToSpace) `(before, after)` per spatial axis.
    func blocks(_ inputs: [PlanValue]) throws -> (block: [Int], before: [Int], after: [Int]) {
        try inputs.expectCount(3)
        let block = try inputs.constant(1, "block_shape").integers()
        let amounts = try inputs.constant(2, toBatch ? "paddings" : "crops")
        let values = try amounts.integers()
        let m = block.count
        guard m >= 1, m <= 2 else { throw OpError("block_shape \(block) must have 1 or 2 entries") }
        guard amounts.shape == [m, 2] else {
            throw OpError("\(toBatch ? "paddings" : "crops") \(ShapeMath.describe(amounts.shape)) must be [\(m), 2]")
        }
        guard block.allSatisfy({ $0 >= 1 && $0 < 1 << 16 }), values.allSatisfy({ $0 >= 0 && $0 < 1 << 30 }) else {
            throw OpError("block_shape \(block) must be positive and \(toBatch ? "paddings" : "crops") \(values) non-negative")
        }
        guard inputs[0].type.shape.count >= 1 + m else {
            throw OpError("input \(inputs[0].type) needs a batch and \(m) spatial dimensions")
        }
        return (block, (0..<m).map { values[2 * $0] }, (0..<m).map { values[2 * $0 + 1] })
    }

    /// The `[N, H, W, R]` layout of the spatial tensor and the output shape.
    func layout(_ inputs: [PlanValue]) throws -> (layout: SpaceRearrangement.BlockLayout, output: [Int]) {
        let (block, before, after) = try blocks(inputs)
        let shape = inputs[0].type.shape, m = block.count
        let rest = Array(shape[(1 + m)...])
        let blockCount = block.reduce(1, *)
        // Sizes of empty tensors may be huge: every product and sum below is checked.
        func checked(_ result: (partialValue: Int, overflow: Bool)) throws -> Int {
            guard !result.overflow else { throw OpError("the output size of input \(inputs[0].type) overflows") }
            return result.partialValue
        }
        guard let restCount = ShapeMath.elementCount(rest) else { throw OpError("input \(inputs[0].type) is too large") }
        let bh = block[0], bw = m == 2 ? block[1] : 1
        let (top, bottom) = (before[0], after[0])
        let (left, right) = m == 2 ? (before[1], after[1]) : (0, 0)
        if toBatch {
            var output = [try checked(shape[0].multipliedReportingOverflow(by: blockCount))]
            for d in 0..<m {
                let padded = try checked(try checked(before[d].addingReportingOverflow(shape[1 + d])).addingReportingOverflow(after[d]))
                guard padded % block[d] == 0 else {
                    throw OpError("padded size \(padded) of spatial dimension \(d) is not a multiple of block size \(block[d])")
                }
                output.append(padded / block[d])
            }
            let layout = SpaceRearrangement.BlockLayout(
                batch: shape[0], height: shape[1], width: m == 2 ? shape[2] : 1, rest: restCount,
                blockHeight: bh, blockWidth: bw, top: top, bottom: bottom, left: left, right: right)
            return (layout, output + rest)
        }
        guard shape[0] % blockCount == 0 else {
            throw OpError("batch \(shape[0]) is not a multiple of the block size product \(blockCount)")
        }
        var output = [shape[0] / blockCount]
        for d in 0..<m {
            let uncropped = try checked(shape[1 + d].multipliedReportingOverflow(by: block[d]))
            guard before[d] + after[d] <= uncropped else {
                throw OpError("crops (\(before[d]), \(after[d])) exceed spatial dimension \(d) of size \(uncropped)")
            }
            output.append(uncropped - before[d] - after[d])
        }
        let layout = SpaceRearrangement.BlockLayout(
            batch: output[0], height: output[1], width: m == 2 ? output[2] : 1, rest: restCount,
            blockHeight: bh, blockWidth: bw, top: top, bottom: bottom, left: left, right: right)
        return (layout, output + rest)
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        let shape = try layout(inputs).output  // checks the input count before input 0 is read
        return [TensorType(inputs[0].type.dtype, shape)]
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let (layout, output) = try layout(inputs)
        let elementSize = inputs[0].type.dtype.byteSize
        if output.contains(0) || inputs[0].type.elementCount == 0 {
            return ClosureKernel { _ in }
        }
        if toBatch {
            return ClosureKernel { io in
                SpaceRearrangement.spaceToBatch(input: io.input(0), layout: layout, elementSize: elementSize, output: io.output(0))
            }
        }
        return ClosureKernel { io in
            SpaceRearrangement.batchToSpace(input: io.input(0), layout: layout, elementSize: elementSize, output: io.output(0))
        }
    }

    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
