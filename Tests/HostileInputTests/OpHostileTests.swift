import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import XCTest

/// The ops of issue 19 with hostile attributes and constant inputs (extreme begins and sizes, huge counts and
/// multiples, crops and paddings larger than the input, bad split counts, out-of-range indices, inconsistent
/// transposed-convolution sizes, zero and huge resize sizes, missing inputs): each loads with a one-line error
/// naming the node and its op, or runs; none traps or allocates what the limits do not allow.
final class OpHostileTests: XCTestCase {
    /// Asserts that loading fails with a one-line message containing every fragment.
    private func assertLoadFails(_ graph: HostileGraph, _ fragments: String..., limits: ModelLimits = ModelLimits(),
                                 file: StaticString = #filePath, line: UInt = #line) {
        guard let error = loadError(graph, limits: limits) else {
            return XCTFail("loaded without error", file: file, line: line)
        }
        XCTAssertFalse(error.message.contains("\n"), "not one line: \(error)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    private static let int64Min = Int64.min, int64Max = Int64.max

    /// `out = op(x, constants...)` with a float placeholder `x` of `shape` and int64 vector constants.
    private func graph(_ op: String, x shape: [Int64], type: DataType = .float, _ constants: [(values: [Int64], shape: [Int64])],
                       _ attributes: [String: AttrValue] = [:]) -> HostileGraph {
        var g = HostileGraph()
        g.placeholder("x", type, shape: shape)
        for (k, constant) in constants.enumerated() { g.constInt64("c\(k)", constant.values, shape: constant.shape) }
        g.op("out", op, ["x"] + constants.indices.map { "c\($0)" }, attributes)
        return g
    }

    private func vector(_ values: [Int64]) -> (values: [Int64], shape: [Int64]) { (values, [Int64(values.count)]) }

    func testSliceWithMissingInputsOrExtremeBeginAndSize() {
        var missing = HostileGraph()
        missing.placeholder("x", shape: [2, 2])
        missing.op("out", "Slice", ["^x"])
        assertLoadFails(missing, "node 'out' (Slice): expects 3 inputs, got 0")
        missing.nodes[1].inputs = ["x"]
        assertLoadFails(missing, "node 'out' (Slice): expects 3 inputs, got 1")
        // size -1 with begin Int64.min overflowed `shape - begin`.
        assertLoadFails(graph("Slice", x: [2, 2], [vector([Self.int64Min, 0]), vector([-1, -1])]),
                        "node 'out' (Slice): begin [-9223372036854775808, 0] and size [-1, -1] do not lie inside [2,2]")
        assertLoadFails(graph("Slice", x: [2, 2], [vector([1, 0]), vector([Self.int64Max, Self.int64Max])]),
                        "node 'out' (Slice)", "do not lie inside")
    }

    func testStridedSliceExtremes() throws {
        assertLoadFails(graph("StridedSlice", x: [2, 3], [vector([Self.int64Min, Self.int64Max]), vector([Self.int64Max, Self.int64Min]),
                                                         vector([Self.int64Min, -1])], ["Index": .type(.int64)]),
                        "node 'out' (StridedSlice): slice bounds out of range")
        // A stride of Int64.max on an axis that yields one element is legal; its byte stride overflowed in the copy.
        let g = graph("StridedSlice", x: [2, 3], [vector([0, 0]), vector([2, 3]), vector([Self.int64Max, 1])], ["Index": .type(.int64)])
        let model = try Model(data: Data(g.bytes))
        let x = try Tensor(shape: [2, 3], scalars: (0..<6).map(Float.init))
        let out = try XCTUnwrap(model.run(["x": x])["out"])
        XCTAssertEqual(out.shape, [1, 3])
        XCTAssertEqual(try out.scalars(as: Float.self), [0, 1, 2])
    }

    func testTileWithHugeMultiples() {
        assertLoadFails(graph("Tile", x: [1, 2], [vector([1 << 31, 1 << 31])]),
                        "node 'out' (Tile): output float32[2147483648,4294967296] exceeds the tensor size limit")
        assertLoadFails(graph("Tile", x: [3, 2], [vector([Self.int64Max, 1])]), "node 'out' (Tile): tiled size overflows")
        assertLoadFails(graph("Tile", x: [0, 2], [vector([Self.int64Max, Self.int64Max / 2])]),
                        "node 'out' (Tile)", "counting its empty dimensions as 1")
    }

    /// `out = Cast(Range(start, limit, delta))` of int64 scalars.
    private func range(_ start: Int64, _ limit: Int64, _ delta: Int64) -> HostileGraph {
        var g = HostileGraph()
        g.constInt64("start", [start], shape: [])
        g.constInt64("limit", [limit], shape: [])
        g.constInt64("delta", [delta], shape: [])
        g.op("range", "Range", ["start", "limit", "delta"], ["Tidx": .type(.int64)])
        g.op("out", "Cast", ["range"], ["SrcT": .type(.int64), "DstT": .type(.float)])
        return g
    }

    func testRangeWithHugeOrNegativeCounts() throws {
        let big = Int64(1 << 62) - 1
        // 2 elements, but `span + step - 1` overflowed.
        let model = try Model(data: Data(range(-big, big, big).bytes))
        XCTAssertEqual(try model.run([:], outputs: ["range"])["range"]?.scalars(as: Int64.self), [-big, 0])
        // 2^28 int64 are 2 GiB: refused by the tensor limit before any of it is built.
        assertLoadFails(range(0, 1 << 28, 1), "node 'range' (Range): output int64[268435456] exceeds the tensor size limit")
        assertLoadFails(range(0, 1 << 20, 1), "node 'range' (Range)", "exceeds the tensor size limit of 1048576 bytes",
                        limits: ModelLimits(maxTensorBytes: 1 << 20))
        assertLoadFails(range(0, -10, 1), "node 'range' (Range): start must be at most limit when delta is positive")
        assertLoadFails(range(0, 10, 0), "node 'range' (Range): delta must be non-zero")
        assertLoadFails(range(Self.int64Min, 0, 1), "node 'range' (Range): start, limit or delta is too large")
        var float = HostileGraph()
        float.const("start", [0], shape: [])
        float.const("limit", [1e30], shape: [])
        float.const("delta", [1e-30], shape: [])
        float.op("out", "Range", ["start", "limit", "delta"], ["Tidx": .type(.float)])
        assertLoadFails(float, "node 'out' (Range): the range has too many elements")
        float.nodes[0] = NodeDef(name: "start", op: "Const", attributes: [
            "dtype": .type(.float), "value": .tensor(TensorProto(dtype: .float, shape: TensorShapeProto(dims: []), floatVal: [.nan]))])
        assertLoadFails(float, "node 'out' (Range)")
    }

    func testFillWithHugeDims() {
        func fill(_ dims: [Int64], shape: [Int64]? = nil) -> HostileGraph {
            var g = HostileGraph()
            g.constInt64("dims", dims, shape: shape ?? [Int64(dims.count)])
            g.const("value", [1], shape: [])
            g.op("out", "Fill", ["dims", "value"])
            return g
        }
        assertLoadFails(fill([1 << 31, 1 << 31]), "node 'out' (Fill): output float32[2147483648,2147483648] exceeds the tensor size limit")
        assertLoadFails(fill([Self.int64Max, Self.int64Max]), "node 'out' (Fill): dims", "are too large")
        assertLoadFails(fill([0, Self.int64Max, Self.int64Max]), "node 'out' (Fill)", "counting its empty dimensions as 1")
        assertLoadFails(fill([2, 2], shape: [1, 2]), "node 'out' (Fill): dims [2, 2] must be a vector")
        assertLoadFails(fill([-1]), "node 'out' (Fill)", "non-negative")
    }

    func testSpaceToBatchAndBatchToSpaceCropsAndPaddings() throws {
        assertLoadFails(graph("BatchToSpaceND", x: [4, 2, 2, 1], [vector([2, 2]), ([Self.int64Max, Self.int64Max, 0, 0], [2, 2])]),
                        "node 'out' (BatchToSpaceND): block_shape [2, 2] must be positive and crops")
        assertLoadFails(graph("BatchToSpaceND", x: [4, 2, 2, 1], [vector([2, 2]), ([3, 3, 0, 0], [2, 2])]),
                        "node 'out' (BatchToSpaceND): crops (3, 3) exceed spatial dimension 0 of size 4")
        assertLoadFails(graph("SpaceToBatchND", x: [1, 2, 2, 1], [vector([0, 2]), ([0, 0, 0, 0], [2, 2])]),
                        "node 'out' (SpaceToBatchND): block_shape [0, 2] must be positive")
        assertLoadFails(graph("SpaceToBatchND", x: [1, 3, 2, 1], [vector([2, 2]), ([0, 0, 0, 0], [2, 2])]),
                        "node 'out' (SpaceToBatchND): padded size 3 of spatial dimension 0 is not a multiple of block size 2")
        assertLoadFails(graph("BatchToSpaceND", x: [4, 2], [vector([2, 2]), ([0, 0, 0, 0], [2, 2])]),
                        "node 'out' (BatchToSpaceND): input float32[4,2] needs a batch and 2 spatial dimensions")
        var missing = HostileGraph()
        missing.placeholder("x", shape: [4, 2, 2, 1])
        missing.op("out", "SpaceToBatchND", ["^x"])
        assertLoadFails(missing, "node 'out' (SpaceToBatchND): expects 3 inputs, got 0")
    }

    func testMirrorPadLargerThanTheInput() {
        assertLoadFails(graph("MirrorPad", x: [2, 2], [([5, 5, 0, 0], [2, 2])], ["mode": .text("REFLECT")]),
                        "node 'out' (MirrorPad): paddings (5, 5) of dimension 0 must be non-negative and at most 1 for size 2 in REFLECT mode")
        assertLoadFails(graph("MirrorPad", x: [2, 2], [([3, 0, 0, 0], [2, 2])], ["mode": .text("SYMMETRIC")]),
                        "node 'out' (MirrorPad): paddings (3, 0) of dimension 0 must be non-negative and at most 2")
        assertLoadFails(graph("MirrorPad", x: [2, 2], [([Self.int64Min, Self.int64Max, 0, 0], [2, 2])], ["mode": .text("SYMMETRIC")]),
                        "node 'out' (MirrorPad): paddings (-9223372036854775808, 9223372036854775807)")
        assertLoadFails(graph("MirrorPad", x: [2, 2], [vector([1, 1, 1])], ["mode": .text("REFLECT")]),
                        "node 'out' (MirrorPad): paddings [3] must be [2, 2]")
        assertLoadFails(graph("MirrorPad", x: [2, 2], [([1, 1, 0, 0], [2, 2])], ["mode": .text("CONSTANT")]),
                        "node 'out' (MirrorPad): mode 'CONSTANT' is not supported")
        var missing = HostileGraph()
        missing.placeholder("x", shape: [2, 2])
        missing.op("out", "MirrorPad", ["^x"], ["mode": .text("REFLECT")])
        assertLoadFails(missing, "node 'out' (MirrorPad): expects 2 inputs, got 0")
    }

    func testSplitWithBadCounts() {
        func split(_ count: Int64, axis: Int64 = 0, x shape: [Int64] = [4]) -> HostileGraph {
            var g = HostileGraph()
            g.placeholder("x", shape: shape)
            g.constInt64("axis", [axis], shape: [])
            g.op("out", "Split", ["axis", "x"], ["num_split": .int(count)])
            return g
        }
        assertLoadFails(split(0), "node 'out' (Split): num_split 0 is out of range")
        assertLoadFails(split(-3), "node 'out' (Split): num_split -3 is out of range")
        assertLoadFails(split(Self.int64Max), "node 'out' (Split): num_split 9223372036854775807 is out of range")
        assertLoadFails(split(3), "node 'out' (Split): cannot split dimension 0 of size 4 into 3 equal pieces")
        assertLoadFails(split(2, axis: Self.int64Min), "node 'out' (Split): axis -9223372036854775808 is out of range")
        var splitV = graph("SplitV", x: [4], [vector([4, -1, 4, 4])], ["num_split": .int(4)])
        splitV.constInt64("axis", [0], shape: [])
        splitV.nodes[2].inputs.append("axis")
        assertLoadFails(splitV, "node 'out' (SplitV): size_splits [4, -1, 4, 4] add up to more than 4")
        assertLoadFails(graph("Unpack", x: [2, 2], [], ["num": .int(2), "axis": .int(Self.int64Min)]),
                        "node 'out' (Unpack): axis -9223372036854775808 is out of range")
        assertLoadFails(graph("Unpack", x: [2, 2], [], ["num": .int(3)]), "node 'out' (Unpack): num 3 does not match dimension 0 of size 2")
    }

    func testGatherWithOutOfRangeIndices() throws {
        func gather(indices: [Int32]?, axis: Int64 = 0) -> HostileGraph {
            var g = HostileGraph()
            g.placeholder("x", shape: [3, 2])
            if let indices { g.constInt("i", indices, shape: [Int64(indices.count)]) } else { g.placeholder("i", .int32, shape: [2]) }
            g.constInt64("axis", [axis], shape: [])
            g.op("out", "GatherV2", ["x", "i", "axis"], ["Tparams": .type(.float), "Tindices": .type(.int32)])
            return g
        }
        assertLoadFails(gather(indices: [5, -1]), "node 'out' (GatherV2): index 5 is out of range for axis 0 of size 3")
        assertLoadFails(gather(indices: [0], axis: Self.int64Min), "node 'out' (GatherV2): axis [-9223372036854775808] must be a scalar")
        // Fed indices outside the axis gather zeros (no read outside params).
        let model = try Model(data: Data(gather(indices: nil).bytes))
        let x = try Tensor(shape: [3, 2], scalars: (1...6).map(Float.init))
        let out = try model.run(["x": x, "i": Tensor(shape: [2], scalars: [Int32(7), -2147483648])])["out"]
        XCTAssertEqual(try out?.scalars(as: Float.self), [0, 0, 0, 0])
    }

    /// `out = Conv2DBackpropInput(sizes, filter, dy)` with a constant filter of ones.
    private func transposed(sizes: [Int32], filter: [Int64], dy: [Int64], padding: String = "VALID",
                            _ attributes: [String: AttrValue] = [:]) -> HostileGraph {
        var g = HostileGraph()
        g.constInt("sizes", sizes, shape: [Int64(sizes.count)])
        g.const("filter", [1], shape: filter)
        g.placeholder("dy", shape: dy)
        var all = attributes
        all["strides"] = all["strides"] ?? .ints([1, 1, 1, 1])
        all["padding"] = .text(padding)
        g.op("out", "Conv2DBackpropInput", ["sizes", "filter", "dy"], all)
        return g
    }

    func testConv2DBackpropInputWithInconsistentSizes() {
        assertLoadFails(transposed(sizes: [1, 5, 5, 2], filter: [3, 3, 2, 4], dy: [1, 7, 7, 4]),
                        "node 'out' (Conv2DBackpropInput): out_backprop [1,7,7,4] does not match the 3x3 output")
        assertLoadFails(transposed(sizes: [1, 5, 5, 3], filter: [3, 3, 2, 4], dy: [1, 3, 3, 4]),
                        "node 'out' (Conv2DBackpropInput): filter [3,3,2,4] has 2 input channels, input_sizes [1, 5, 5, 3] has 3")
        assertLoadFails(transposed(sizes: [1, -5, 5, 2], filter: [3, 3, 2, 4], dy: [1, 3, 3, 4]),
                        "node 'out' (Conv2DBackpropInput): input_sizes [1, -5, 5, 2] must be 4 non-negative sizes")
        assertLoadFails(transposed(sizes: [1, 5, 5], filter: [3, 3, 2, 4], dy: [1, 3, 3, 4]),
                        "node 'out' (Conv2DBackpropInput): input_sizes [1, 5, 5] must be 4")
        assertLoadFails(transposed(sizes: [1, 1 << 30, 1 << 30, 2], filter: [1, 1, 2, 4], dy: [1, 1, 1, 4], padding: "SAME",
                                   ["strides": .ints([1, 1 << 31, 1 << 31, 1])]),
                        "node 'out' (Conv2DBackpropInput): output float32[1,1073741824,1073741824,2] exceeds the tensor size limit")
        assertLoadFails(transposed(sizes: [1, 5, 5, 2], filter: [3, 3, 2, 4], dy: [1, 3, 3, 4],
                                   ["dilations": .ints([1, Self.int64Max, Self.int64Max, 1])]),
                        "node 'out' (Conv2DBackpropInput)")
        // The im2col scratch of a large transposed convolution is bounded by the arena limit, planned or folded.
        assertLoadFails(transposed(sizes: [1, 1024, 1024, 64], filter: [16, 16, 64, 1], dy: [1, 1024, 1024, 1], padding: "SAME"),
                        "node 'out' (Conv2DBackpropInput): needs 68719476736 bytes of scratch, more than the limit")
        var folded = transposed(sizes: [1, 1024, 1024, 64], filter: [16, 16, 64, 1], dy: [1, 1024, 1024, 1], padding: "SAME")
        folded.nodes[2] = NodeDef(name: "dy", op: "Const", attributes: [
            "dtype": .type(.float),
            "value": .tensor(TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1, 1024, 1024, 1]), floatVal: [1]))])
        assertLoadFails(folded, "node 'out' (Conv2DBackpropInput): folding it needs 68719476736 bytes of scratch")
    }

    func testResizeToZeroOrHugeSizes() throws {
        func resize(_ op: String, x: [Int64], size: [Int32], _ attributes: [String: AttrValue] = [:]) -> HostileGraph {
            var g = HostileGraph()
            g.placeholder("x", shape: x)
            g.constInt("size", size, shape: [Int64(size.count)])
            g.op("out", op, ["x", "size"], attributes)
            return g
        }
        assertLoadFails(resize("ResizeBilinear", x: [1, 4, 4, 1], size: [0, 4]),
                        "node 'out' (ResizeBilinear): size [0, 4] must be two positive sizes [height, width]")
        assertLoadFails(resize("ResizeNearestNeighbor", x: [1, 4, 4, 1], size: [-1, 4]), "node 'out' (ResizeNearestNeighbor): size [-1, 4]")
        assertLoadFails(resize("ResizeBilinear", x: [1, 4, 4, 1], size: [Int32.max, Int32.max]), "node 'out' (ResizeBilinear): size")
        assertLoadFails(resize("ResizeArea", x: [1, 4, 4, 1], size: [1 << 30, 1]),
                        "node 'out' (ResizeArea): output float32[1,1073741824,1,1] exceeds the tensor size limit")
        assertLoadFails(resize("ResizeNearestNeighbor", x: [0, 4, 4, 1], size: [1 << 30, 1 << 30]),
                        "node 'out' (ResizeNearestNeighbor)", "counting its empty dimensions as 1")
        assertLoadFails(resize("ResizeBilinear", x: [1, 4, 4, 1], size: [4, 4, 4]), "node 'out' (ResizeBilinear): size [4, 4, 4]")
        assertLoadFails(resize("ResizeBilinear", x: [1, 4, 4, 1], size: [2, 2], ["align_corners": .bool(true), "half_pixel_centers": .bool(true)]),
                        "node 'out' (ResizeBilinear)", "align_corners must be False")
        // A 2^20 x 1 image averaged down to one pixel runs.
        let area = try Model(data: Data(resize("ResizeArea", x: [1, 1 << 20, 1, 1], size: [1, 1]).bytes))
        let out = try area.run(["x": Tensor(shape: [1, 1 << 20, 1, 1], scalars: [Float](repeating: 2, count: 1 << 20))])["out"]
        XCTAssertEqual(try out?.scalars(as: Float.self), [2])
    }

    func testDepthToSpaceBlockSizes() {
        assertLoadFails(graph("DepthToSpace", x: [1, 1, 1, 4], [], ["block_size": .int(Self.int64Max)]),
                        "node 'out' (DepthToSpace): block_size 9223372036854775807 must be at least 2")
        assertLoadFails(graph("SpaceToDepth", x: [1, 1, 1, 4], [], ["block_size": .int(-2)]),
                        "node 'out' (SpaceToDepth): block_size -2 must be at least 2")
        assertLoadFails(graph("DepthToSpace", x: [1, 1, 1, 6], [], ["block_size": .int(2)]),
                        "node 'out' (DepthToSpace): input depth 6 is not a multiple of block_size * block_size (4)")
    }

    func testEveryOpWithOnlyAControlInputIsAnError() throws {
        // Each op of the table, given only `^x`: its input count is checked before any input is read.
        let attributes: [String: AttrValue] = [
            "strides": .ints([1, 1, 1, 1]), "ksize": .ints([1, 1, 1, 1]), "padding": .text("VALID"), "num_split": .int(1),
            "num": .int(1), "axis": .int(0), "block_size": .int(2), "mode": .text("REFLECT"), "N": .int(0),
            "DstT": .type(.float), "SrcT": .type(.float), "dtype": .type(.float),
        ]
        let ops = ["Slice", "StridedSlice", "Tile", "Range", "Fill", "SpaceToBatchND", "BatchToSpaceND", "MirrorPad", "Split",
                   "SplitV", "Unpack", "GatherV2", "Conv2DBackpropInput", "ResizeBilinear", "ResizeNearestNeighbor",
                   "ResizeArea", "DepthToSpace", "SpaceToDepth", "ZerosLike", "OnesLike", "Select", "SelectV2", "ArgMax",
                   "ArgMin", "Max", "Min", "Prod", "All", "Any", "LRN", "AddN", "BiasAddV1", "SquaredDifference", "Pow",
                   "Erf", "Erfc", "Equal", "Less", "Pad", "MirrorPad", "ConcatV2", "Pack", "Transpose", "Reshape"]
        for op in ops {
            var g = HostileGraph()
            g.const("x", [1, 2, 3, 4], shape: [2, 2])
            g.op("out", op, ["^x"], attributes)
            guard let error = loadError(g) else { XCTFail("\(op) loaded with no inputs"); continue }
            XCTAssertTrue(error.message.contains("node 'out' (\(op))"), "\(op): \(error)")
            XCTAssertFalse(error.message.contains("\n"), "\(op): \(error)")
        }
    }
}
