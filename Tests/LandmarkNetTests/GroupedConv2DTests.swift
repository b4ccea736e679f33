import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// Grouped `Conv2D` (filter input channels = input channels / groups): what the planner fuses into it and how
/// shapes that do not divide into groups are reported. Numerics against TensorFlow, at 1 and 2 threads, are in
/// the fixtures `conv2d_grouped` and `conv2d_grouped_tiles`.
final class GroupedConv2DTests: XCTestCase {
    func testBiasActivationAndPadAreFusedIntoGroupedConvolutions() throws {
        let nodes = try plannedNodes("conv2d_grouped")
        XCTAssertEqual(nodes.map(\.op), ["Conv2D", "Conv2D", "Conv2D", "Conv2D", "Conv2D", "Conv2D"])
        XCTAssertTrue(nodes.contains { $0.fused == ["BiasAdd", "Relu"] })
        XCTAssertTrue(nodes.contains { $0.fused == ["BiasAdd", "Relu6"] })
        XCTAssertTrue(nodes.contains { $0.fused == ["Pad"] })
    }

    func testGroupedConvolutionsRunOnTheGroupedKernel() throws {
        let directory = TestPaths.fixture("conv2d_grouped_tiles")
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let x = try NPY.read(contentsOf: directory.appendingPathComponent("x.npy"))
        let report = try model.benchmark(["x": x], outputs: ["out"], iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.map(\.algorithm), ["grouped im2col"])
        XCTAssertEqual(report.nodes.first?.flops, 2 * 24 * 24 * 40 * 3 * 3 * 24)
    }

    func testChannelsThatDoNotSplitIntoGroupsAreAnErrorOfTheNode() throws {
        for (filterShape, expected) in [([3, 3, 5, 6], "expects 5 input channels"), ([3, 3, 4, 7], "expects 4 input channels")] {
            var graph = GraphBuilder()
            graph.placeholder("x", shape: [1, 6, 6, 12])
            graph.const("w", [Float](repeating: 0.5, count: filterShape.reduce(1, *)), shape: filterShape.map(Int64.init))
            graph.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])),
                                                     "padding": .bytes(Array("SAME".utf8))])
            let text = message {
                let model = try graph.model()
                _ = try model.run(["x": try Tensor(shape: [1, 6, 6, 12], scalars: [Float](repeating: 1, count: 432))])
            }
            XCTAssertTrue(text.contains("conv") && text.contains(expected), text)
        }
    }
}
