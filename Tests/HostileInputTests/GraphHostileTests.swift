import Foundation
import GraphDefReader
import LandmarkNet
import XCTest

/// Graphs that decode but are wrong or hostile: every one fails at load (not in the middle of a run) with a
/// one-line `LandmarkError` naming the node, its op and what is wrong, and none allocates what its file does not hold.
final class GraphHostileTests: XCTestCase {
    /// Asserts that loading fails with `kind` and a message containing every fragment.
    private func assertLoadFails(_ graph: HostileGraph, _ kind: LandmarkError.Kind = .invalidNode, _ fragments: String...,
                                 limits: ModelLimits = ModelLimits(), file: StaticString = #filePath, line: UInt = #line) {
        guard let error = loadError(graph, limits: limits) else {
            return XCTFail("loaded without error", file: file, line: line)
        }
        XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
        XCTAssertFalse(error.message.contains("\n"), "not one line: \(error)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    private static let nhwc1: AttrValue = .ints([1, 1, 1, 1])

    // MARK: Constants

    func testConstOfTwoToTheThirtyOneSquaredWithNoData() {
        var g = HostileGraph()
        g.const("big", TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1 << 31, 1 << 31])))
        g.op("out", "Relu", ["big"])
        assertLoadFails(g, .invalidNode, "node 'big' (Const)", "[2147483648, 2147483648]", "needs more than")
    }

    func testConstWhoseShapeNeedsMoreBytesThanTheFileHolds() {
        // tensor_content is not broadcast: 16 bytes for a [1000, 1000] float is an error, not an allocation.
        var g = HostileGraph()
        g.const("short", TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1000, 1000]),
                                     tensorContent: ArraySlice([UInt8](repeating: 0, count: 16))))
        g.op("out", "Relu", ["short"])
        assertLoadFails(g, .invalidNode, "node 'short' (Const)", "tensor_content has 16 bytes", "needs 4000000")
        // Nor is int_val beyond the element count.
        var more = HostileGraph()
        more.constInt("more", [1, 2, 3], shape: [2])
        more.op("out", "Identity", ["more"], ["T": .type(.int32)])
        assertLoadFails(more, .invalidNode, "node 'more' (Const)", "int_val has 3 values but shape [2] has 2 elements")
    }

    func testLegalBroadcastOfOneValueIsBoundedByTheTensorLimit() throws {
        // TensorFlow repeats the last float_val: legal, but 1 GiB from a few bytes must stay under the limit.
        var g = HostileGraph()
        g.const("fill", [7], shape: [16_384, 16_384])
        g.op("out", "Relu", ["fill"])
        assertLoadFails(g, .invalidNode, "node 'fill' (Const)", "needs more than 16777216 bytes",
                        limits: ModelLimits(maxTensorBytes: 16 << 20))
        // Small broadcasts still work.
        var small = HostileGraph()
        small.const("fill", [1, 7], shape: [2, 2])
        small.op("out", "Relu", ["fill"])
        XCTAssertEqual(try Model(data: Data(small.bytes)).run([:])["out"]?.scalars(as: Float.self), [1, 7, 7, 7])
    }

    func testConstsWithUnknownShapesOrUnsupportedTypes() {
        var unknown = HostileGraph()
        unknown.const("u", TensorProto(dtype: .float, shape: TensorShapeProto(dims: [-1, 2])))
        unknown.op("out", "Relu", ["u"])
        assertLoadFails(unknown, .invalidNode, "node 'u' (Const)", "unknown or negative dimension")
        var rank = HostileGraph()
        rank.const("r", TensorProto(dtype: .float, shape: TensorShapeProto(unknownRank: true)))
        rank.op("out", "Relu", ["r"])
        assertLoadFails(rank, .invalidNode, "node 'r' (Const)", "unknown rank")
        var text = HostileGraph()
        text.const("s", TensorProto(dtype: .string, shape: TensorShapeProto(dims: [1])))
        text.op("out", "Identity", ["s"])
        assertLoadFails(text, .invalidNode, "node 's' (Const)", "string")
    }

    func testWeightLimit() {
        var g = HostileGraph()
        g.const("a", [Float](repeating: 1, count: 300), shape: [300])
        g.const("b", [Float](repeating: 1, count: 300), shape: [300])
        g.op("out", "AddV2", ["a", "b"])
        assertLoadFails(g, .invalidNode, "node 'b' (Const)", "exceed the weight limit of 2000 bytes",
                        limits: ModelLimits(maxWeightBytes: 2000))
    }

    // MARK: Structure

    func testCycleAndSelfInput() {
        var cycle = HostileGraph()
        cycle.placeholder("x", shape: [2])
        cycle.op("a", "AddV2", ["x", "b"])
        cycle.op("b", "Relu", ["a"])
        cycle.op("out", "Relu", ["b"])
        assertLoadFails(cycle, .cycle, "cycle", "node 'a' (AddV2)")
        var selfInput = HostileGraph()
        selfInput.op("me", "Relu", ["me"])
        assertLoadFails(selfInput, .cycle, "cycle", "node 'me' (Relu)")
    }

    func testMissingAndMalformedInputs() {
        var missing = HostileGraph()
        missing.op("a", "Relu", ["ghost"])
        assertLoadFails(missing, .invalidNode, "node 'a' (Relu): input 'ghost' names a node that does not exist")
        var malformed = HostileGraph()
        malformed.placeholder("x", shape: [1])
        malformed.op("a", "Relu", ["x:one"])
        assertLoadFails(malformed, .invalidNode, "node 'a' (Relu): bad input reference 'x:one'")
        var overflow = HostileGraph()
        overflow.placeholder("x", shape: [1])
        overflow.op("a", "Relu", ["x:99999999999999999999999"])
        assertLoadFails(overflow, .invalidNode, "node 'a' (Relu): bad input reference")
        var duplicate = HostileGraph()
        duplicate.placeholder("x", shape: [1])
        duplicate.op("x", "Relu", ["x"])
        assertLoadFails(duplicate, .invalidNode, "node 'x' (Relu): the graph has two nodes with this name")
    }

    func testOutputIndexPastTheProducersOutputs() {
        var g = HostileGraph()
        g.placeholder("x", shape: [1])
        g.op("a", "Relu", ["x:3"])
        assertLoadFails(g, .invalidNode, "node 'a' (Relu): input 'x:3' does not exist: 'x' has 1 outputs")
        var fused = HostileGraph()
        fused.placeholder("x", shape: [1, 2, 2, 1])
        for name in ["scale", "offset", "mean", "variance"] { fused.const(name, [1], shape: [1]) }
        fused.op("bn", "FusedBatchNormV3", ["x", "scale", "offset", "mean", "variance"], ["U": .type(.float), "is_training": .bool(false)])
        fused.op("out", "Identity", ["bn:6"])
        assertLoadFails(fused, .invalidNode, "node 'out' (Identity): input 'bn:6' does not exist: 'bn' has 6 outputs")
    }

    func testUnsupportedOpsAreAllListed() {
        var g = HostileGraph()
        g.placeholder("x", shape: [1])
        g.op("a", "Frobnicate", ["x"])
        g.op("b", "Frobnicate", ["a"])
        g.op("c", "Quux", ["b"])
        assertLoadFails(g, .unsupportedOps, "unsupported ops: Frobnicate ('a', 'b'); Quux ('c')")
    }

    // MARK: Attributes

    func testAttributesOfTheWrongType() {
        var alpha = HostileGraph()
        alpha.placeholder("x", shape: [2])
        alpha.op("l", "LeakyRelu", ["x"], ["alpha": .int(3)])
        assertLoadFails(alpha, .invalidNode, "node 'l' (LeakyRelu): attribute 'alpha' must be a float")
        var strides = HostileGraph()
        strides.placeholder("x", shape: [1, 4, 4, 1])
        strides.const("w", [1], shape: [1, 1, 1, 1])
        strides.op("conv", "Conv2D", ["x", "w"], ["strides": .int(1), "padding": .text("SAME")])
        assertLoadFails(strides, .invalidNode, "node 'conv' (Conv2D): attribute 'strides' must be a list of ints")
        var padding = HostileGraph()
        padding.placeholder("x", shape: [1, 4, 4, 1])
        padding.op("pool", "MaxPool", ["x"], ["ksize": .ints([1, 2, 2, 1]), "strides": Self.nhwc1, "padding": .int(0)])
        assertLoadFails(padding, .invalidNode, "node 'pool' (MaxPool): attribute 'padding' must be a string")
        var dtype = HostileGraph()
        dtype.nodes.append(NodeDef(name: "x", op: "Placeholder", attributes: ["dtype": .text("float")]))
        assertLoadFails(dtype, .invalidNode, "node 'x' (Placeholder): attribute 'dtype' must be a type")
        var flag = HostileGraph()
        flag.placeholder("x", shape: [2, 2])
        flag.const("w", [1, 0, 0, 1], shape: [2, 2])
        flag.op("mm", "MatMul", ["x", "w"], ["transpose_a": .float(1)])
        assertLoadFails(flag, .invalidNode, "node 'mm' (MatMul): attribute 'transpose_a' must be a bool")
        var mode = HostileGraph()
        mode.placeholder("x", shape: [1, 4, 4, 1])
        mode.op("pool", "MaxPool", ["x"], ["ksize": .ints([1, 2, 2, 1]), "strides": Self.nhwc1, "padding": .text("FULL")])
        assertLoadFails(mode, .invalidNode, "node 'pool' (MaxPool): padding 'FULL' is not supported")
    }

    func testZeroAndNegativeStridesWindowsAndDilations() {
        let cases: [(String, [String: AttrValue])] = [
            ("strides", ["strides": .ints([1, 0, 1, 1])]),
            ("strides", ["strides": .ints([1, 1, -2, 1])]),
            ("dilations", ["strides": Self.nhwc1, "dilations": .ints([1, 0, 1, 1])]),
            ("strides", ["strides": .ints([1, Int64.min, 1, 1])]),
        ]
        for (attribute, attributes) in cases {
            var g = HostileGraph()
            g.placeholder("x", shape: [1, 4, 4, 1])
            g.const("w", [1], shape: [1, 1, 1, 1])
            var all = attributes
            all["padding"] = .text("SAME")
            g.op("conv", "Conv2D", ["x", "w"], all)
            assertLoadFails(g, .invalidNode, "node 'conv' (Conv2D): attribute '\(attribute)' must be positive")
        }
        var window = HostileGraph()
        window.placeholder("x", shape: [1, 4, 4, 1])
        window.op("pool", "AvgPool", ["x"], ["ksize": .ints([1, 0, 2, 1]), "strides": Self.nhwc1, "padding": .text("VALID")])
        assertLoadFails(window, .invalidNode, "node 'pool' (AvgPool): attribute 'ksize' must be positive")
        var batchStride = HostileGraph()
        batchStride.placeholder("x", shape: [1, 4, 4, 1])
        batchStride.op("pool", "MaxPool", ["x"], ["ksize": .ints([1, 2, 2, 1]), "strides": .ints([2, 1, 1, 1]), "padding": .text("VALID")])
        assertLoadFails(batchStride, .invalidNode, "node 'pool' (MaxPool): attribute 'strides' must be [1, h, w, 1]")
    }

    func testKernelLargerThanTheInput() {
        var conv = HostileGraph()
        conv.placeholder("x", shape: [1, 4, 4, 2])
        conv.const("w", [Float](repeating: 1, count: 50), shape: [5, 5, 2, 1])
        conv.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("VALID")])
        assertLoadFails(conv, .invalidNode, "node 'conv' (Conv2D): window 5 is larger than the input 4")
        var dilated = HostileGraph()
        dilated.placeholder("x", shape: [1, 8, 8, 1])
        dilated.const("w", [Float](repeating: 1, count: 9), shape: [3, 3, 1, 1])
        dilated.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "dilations": .ints([1, 4, 4, 1]), "padding": .text("VALID")])
        assertLoadFails(dilated, .invalidNode, "node 'conv' (Conv2D): window 9 is larger than the input 8")
        var explicit = HostileGraph()
        explicit.placeholder("x", shape: [1, 2, 2, 1])
        explicit.const("w", [Float](repeating: 1, count: 25), shape: [5, 5, 1, 1])
        explicit.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("EXPLICIT"),
                                                    "explicit_paddings": .ints([0, 0, 1, 1, 1, 1, 0, 0])])
        assertLoadFails(explicit, .invalidNode, "node 'conv' (Conv2D): window 5 is larger than the padded input 4")
        var pool = HostileGraph()
        pool.placeholder("x", shape: [1, 3, 3, 1])
        pool.op("pool", "MaxPool", ["x"], ["ksize": .ints([1, 4, 4, 1]), "strides": Self.nhwc1, "padding": .text("VALID")])
        assertLoadFails(pool, .invalidNode, "node 'pool' (MaxPool): window 4 is larger than the input 3")
    }

    // MARK: Types and ranks

    func testDTypeMismatches() {
        var add = HostileGraph()
        add.placeholder("x", shape: [2])
        add.placeholder("i", .int32, shape: [2])
        add.op("sum", "AddV2", ["x", "i"])
        assertLoadFails(add, .invalidNode, "node 'sum' (AddV2): input dtypes differ: float32 and int32")
        var conv = HostileGraph()
        conv.placeholder("x", .uint8, shape: [1, 4, 4, 1])
        conv.const("w", [1], shape: [1, 1, 1, 1])
        conv.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        assertLoadFails(conv, .invalidNode, "node 'conv' (Conv2D): the input must be float32, got uint8")
        var matmul = HostileGraph()
        matmul.placeholder("x", .double, shape: [2, 2])
        matmul.placeholder("y", .double, shape: [2, 2])
        matmul.op("mm", "MatMul", ["x", "y"], ["T": .type(.double)])
        assertLoadFails(matmul, .invalidNode, "node 'mm' (MatMul): a must be float32, got float64")
        var division = HostileGraph()
        division.placeholder("i", .int32, shape: [2])
        division.op("q", "RealDiv", ["i", "i"], ["T": .type(.int32)])
        assertLoadFails(division, .invalidNode, "node 'q' (RealDiv): RealDiv needs floating-point inputs")
    }

    func testRanksAKernelCannotTake() {
        var conv = HostileGraph()
        conv.placeholder("x", shape: [4, 4, 1])
        conv.const("w", [1], shape: [1, 1, 1, 1])
        conv.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        assertLoadFails(conv, .invalidNode, "node 'conv' (Conv2D): the input must have rank 4, got shape [4,4,1]")
        var filter = HostileGraph()
        filter.placeholder("x", shape: [1, 4, 4, 1])
        filter.const("w", [1], shape: [1, 1])
        filter.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        assertLoadFails(filter, .invalidNode, "node 'conv' (Conv2D): the filter must have rank 4, got shape [1,1]")
        var channels = HostileGraph()
        channels.placeholder("x", shape: [1, 4, 4, 3])
        channels.const("w", [1, 1], shape: [1, 1, 2, 1])
        channels.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        assertLoadFails(channels, .invalidNode, "node 'conv' (Conv2D): filter [1,1,2,1] expects 2 input channels")
        var matmul = HostileGraph()
        matmul.placeholder("x", shape: [1, 2, 2])
        matmul.const("w", [1, 0, 0, 1], shape: [2, 2])
        matmul.op("mm", "MatMul", ["x", "w"])
        assertLoadFails(matmul, .invalidNode, "node 'mm' (MatMul): a must have rank 2")
        var inner = HostileGraph()
        inner.placeholder("x", shape: [2, 3])
        inner.const("w", [1, 0, 0, 1], shape: [2, 2])
        inner.op("mm", "MatMul", ["x", "w"])
        assertLoadFails(inner, .invalidNode, "node 'mm' (MatMul): inner dimensions differ: [2,3] x [2,2]")
        var bias = HostileGraph()
        bias.placeholder("x", shape: [1, 3])
        bias.const("b", [1, 2], shape: [2])
        bias.op("ba", "BiasAdd", ["x", "b"])
        assertLoadFails(bias, .invalidNode, "node 'ba' (BiasAdd): bias [2] does not match the last axis of [1,3]")
        var softmax = HostileGraph()
        softmax.placeholder("x", shape: [])
        softmax.op("s", "Softmax", ["x"])
        assertLoadFails(softmax, .invalidNode, "node 's' (Softmax)")
    }

    func testAxesOutOfRange() {
        var expand = HostileGraph()
        expand.placeholder("x", shape: [2])
        expand.constInt64("axis", [Int64.min], shape: [])
        expand.op("e", "ExpandDims", ["x", "axis"], ["Tdim": .type(.int64)])
        expand.op("out", "Relu", ["e"])
        assertLoadFails(expand, .invalidNode, "node 'e' (ExpandDims): dim -9223372036854775808 is out of range for rank 1")
        var concat = HostileGraph()
        concat.placeholder("x", shape: [2])
        concat.constInt("axis", [5], shape: [])
        concat.op("c", "ConcatV2", ["x", "x", "axis"], ["N": .int(2)])
        assertLoadFails(concat, .invalidNode, "node 'c' (ConcatV2): axis 5 is out of range for rank 1")
        var transpose = HostileGraph()
        transpose.placeholder("x", shape: [2, 3])
        transpose.constInt("perm", [0, 0], shape: [2])
        transpose.op("t", "Transpose", ["x", "perm"])
        assertLoadFails(transpose, .invalidNode, "node 't' (Transpose): perm [0, 0] is not a permutation of 0..<2")
        var reshape = HostileGraph()
        reshape.placeholder("x", shape: [2, 3])
        reshape.constInt("shape", [4, -1, -1], shape: [3])
        reshape.op("r", "Reshape", ["x", "shape"])
        reshape.op("out", "Relu", ["r"])
        assertLoadFails(reshape, .invalidNode, "node 'r' (Reshape)")
    }

    // MARK: Sizes

    func testIntermediateAndArenaLimits() {
        var g = HostileGraph()
        g.placeholder("x", shape: [1, 64, 64, 1])
        g.const("w", [Float](repeating: 1, count: 64), shape: [1, 1, 1, 64])
        g.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        g.op("out", "Relu", ["conv"])
        assertLoadFails(g, .invalidNode, "node 'conv' (Conv2D): output float32[1,64,64,64] exceeds the tensor size limit of 65536 bytes",
                        limits: ModelLimits(maxTensorBytes: 65536))
        assertLoadFails(g, .limitExceeded, "one run needs", "bytes of intermediates, more than the limit of 4096",
                        limits: ModelLimits(maxArenaBytes: 4096))
        var huge = HostileGraph()
        huge.placeholder("x", shape: [1 << 20, 1 << 20])
        huge.op("out", "Relu", ["x"])
        assertLoadFails(huge, .limitExceeded, "input 'x' float32[1048576,1048576] exceeds the tensor size limit")
    }

    func testEmptyTensorsWithHugeDimensions() {
        var g = HostileGraph()
        g.placeholder("x", shape: [0])
        g.constInt64("shape", [0, 1 << 62], shape: [2])
        g.op("r", "Reshape", ["x", "shape"], ["Tshape": .type(.int64)])
        g.op("out", "Relu", ["r"])
        assertLoadFails(g, .invalidNode, "node 'r' (Reshape)", "counting its empty dimensions as 1")
        // Ordinary empty tensors are fine.
        var empty = HostileGraph()
        empty.placeholder("x", shape: [0, 3])
        empty.op("out", "Relu", ["x"])
        XCTAssertEqual(try Model(data: Data(empty.bytes)).run(["x": Tensor(zeros: .float32, shape: [0, 3])])["out"]?.shape, [0, 3])
    }
}
