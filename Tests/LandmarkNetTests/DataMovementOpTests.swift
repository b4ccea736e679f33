import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import XCTest

/// The edge cases of the data movement and creation ops that the TensorFlow fixtures (`split`, `gather_v2`,
/// `mirror_pad`, `range`, ...) do not reach: what is refused at load, naming the node, and what a planned kernel
/// does with values it cannot refuse.
final class DataMovementOpTests: XCTestCase {
    private func constInt64(_ g: inout GraphBuilder, _ name: String, _ values: [Int64], shape: [Int64]) {
        let proto = TensorProto(dtype: .int64, shape: TensorShapeProto(dims: shape), int64Val: values)
        g.nodes.append(NodeDef(name: name, op: "Const", attributes: ["dtype": .type(.int64), "value": .tensor(proto)]))
    }

    func testGatherChecksConstantIndicesAndZeroesRuntimeOnesOutOfRange() throws {
        var constant = GraphBuilder()
        constant.placeholder("params", shape: [4, 2])
        constant.constInt("indices", [1, 4], shape: [2])
        constant.constInt("axis", [0], shape: [])
        constant.op("gather", "GatherV2", ["params", "indices", "axis"])
        let text = message { _ = try constant.model() }
        XCTAssertTrue(text.contains("node 'gather' (GatherV2)") && text.contains("index 4 is out of range"), text)

        var runtime = GraphBuilder()
        runtime.placeholder("params", shape: [4, 2])
        runtime.placeholder("indices", .int32, shape: [3])
        runtime.constInt("axis", [0], shape: [])
        runtime.op("gather", "GatherV2", ["params", "indices", "axis"])
        let model = try runtime.model()
        let params = try Tensor(shape: [4, 2], scalars: (0..<8).map { Float($0) + 1 })
        let indices = try Tensor(shape: [3], scalars: [Int32(3), -1, 9])
        let y = try model.run(["params": params, "indices": indices])["gather"]!
        XCTAssertEqual(try y.scalars(as: Float.self), [7, 8, 0, 0, 0, 0])
    }

    func testMirrorPadRefusesPadsTheModeCannotMirror() {
        for (mode, pad, refused) in [("REFLECT", Int32(3), true), ("REFLECT", 2, false), ("SYMMETRIC", 3, false), ("SYMMETRIC", 4, true)] {
            var g = GraphBuilder()
            g.placeholder("x", shape: [3])
            g.constInt("paddings", [pad, 0], shape: [1, 2])
            g.op("pad", "MirrorPad", ["x", "paddings"], ["mode": .bytes(Array(mode.utf8))])
            let text = message { _ = try g.model() }
            XCTAssertEqual(text.contains("node 'pad' (MirrorPad)") && text.contains("at most"), refused, "\(mode) \(pad): \(text)")
        }
    }

    func testSplitSizesMustAddUp() {
        var g = GraphBuilder()
        g.placeholder("x", shape: [2, 7])
        g.constInt("sizes", [3, 3], shape: [2])
        g.constInt("axis", [1], shape: [])
        g.op("split", "SplitV", ["x", "sizes", "axis"], ["num_split": .int(2)])
        let text = message { _ = try g.model() }
        XCTAssertTrue(text.contains("node 'split' (SplitV)") && text.contains("must add up"), text)

        var equal = GraphBuilder()
        equal.constInt("axis", [1], shape: [])
        equal.placeholder("x", shape: [2, 7])
        equal.op("split", "Split", ["axis", "x"], ["num_split": .int(2)])
        XCTAssertTrue(message { _ = try equal.model() }.contains("into 2 equal pieces"))
    }

    func testRangeRefusesAStepAwayFromTheLimit() {
        var g = GraphBuilder()
        g.constInt("start", [0], shape: [])
        g.constInt("limit", [10], shape: [])
        g.constInt("delta", [-1], shape: [])
        g.op("range", "Range", ["start", "limit", "delta"], ["Tidx": .type(.int32)])
        let text = message { _ = try g.model() }
        XCTAssertTrue(text.contains("node 'range' (Range)") && text.contains("delta is negative"), text)
        var huge = GraphBuilder()
        constInt64(&huge, "start", [Int64.min], shape: [])
        constInt64(&huge, "limit", [Int64.max], shape: [])
        constInt64(&huge, "delta", [1], shape: [])
        huge.op("range", "Range", ["start", "limit", "delta"], ["Tidx": .type(.int64)])
        XCTAssertTrue(message { _ = try huge.model() }.contains("node 'range' (Range)"))
    }
}
