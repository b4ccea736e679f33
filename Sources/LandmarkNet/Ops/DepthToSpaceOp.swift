import Kernels
import Tensor

/// `DepthToSpace` and `SpaceToDepth` of NHWC tensors (DCR order: the channel index is `(i * b + j) * C + c`).
struct DepthToSpaceOp: Operator {
    let typeName: String
    /// Whether this is `DepthToSpace` (else `SpaceToDepth`).
    let toSpace: Bool
    let blockSize: Int

    init(typeName: String, _ attributes: Attributes) throws {
        self.typeName = typeName
        toSpace = typeName == "DepthToSpace"
        try attributes.requireNHWC()
        blockSize = try attributes.int("block_size")
        guard blockSize >= 2, blockSize < 1 << 12 else { throw OpError("block_size \(blockSize) must be at least 2") }
    }

    func outputTypes(_ inputs: [PlanValue]) throws -> [TensorType] {
        try inputs.expectCount(1)
        try inputs[0].expectRank(4, "the input")
        let x = inputs[0].type.shape, b = blockSize
        if toSpace {
            guard x[3] % (b * b) == 0 else {
                throw OpError("input depth \(x[3]) is not a multiple of block_size * block_size (\(b * b))")
            }
            return [TensorType(inputs[0].type.dtype, [x[0], try Self.product(x[1], b), try Self.product(x[2], b), x[3] / (b * b)])]
        }
        guard x[1] % b == 0, x[2] % b == 0 else {
            throw OpError("height \(x[1]) and width \(x[2]) must be multiples of block_size \(b)")
        }
        return [TensorType(inputs[0].type.dtype, [x[0], x[1] / b, x[2] / b, try Self.product(x[3], b * b)])]
    }

    /// `a * b`, or an error when it overflows (possible only for empty tensors with huge dimensions).
    private static func product(_ a: Int, _ b: Int) throws -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw OpError("the output size overflows") }
        return value
    }

    func makeKernel(_ inputs: [PlanValue], _ outputs: [TensorType]) throws -> any OpKernel {
        let x = inputs[0].type.shape, b = blockSize, elementSize = inputs[0].type.dtype.byteSize
        if toSpace {
            return ClosureKernel { io in
                SpaceRearrangement.depthToSpace(input: io.input(0), batch: x[0], height: x[1], width: x[2], channels: x[3],
                                                block: b, elementSize: elementSize, output: io.output(0))
            }
        }
        return ClosureKernel { io in
            SpaceRearrangement.spaceToDepth(input: io.input(0), batch: x[0], height: x[1], width: x[2], channels: x[3],
                                            block: b, elementSize: elementSize, output: io.output(0))
        }
    }

    func computesItemsIndependently(_ inputs: [PlanValue]) -> Bool { true }
    func flops(_ inputs: [PlanValue], _ outputs: [TensorType]) -> Int { 0 }
}
