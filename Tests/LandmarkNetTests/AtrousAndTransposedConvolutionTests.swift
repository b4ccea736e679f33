import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// What the planner makes of TensorFlow 1's dilated convolutions (SpaceToBatchND → convolution → BatchToSpaceND)
/// and of transposed convolutions, and how both refuse what they cannot run. Numerics against TensorFlow are in
/// the fixtures (`atrous_conv2d`, `conv2d_transpose_*`).
final class AtrousAndTransposedConvolutionTests: XCTestCase {
    func testSpaceToBatchConvolutionBatchToSpaceBecomesOneDilatedConvolution() throws {
        let nodes = try plannedNodes("atrous_conv2d")
        XCTAssertFalse(nodes.contains { $0.op == "SpaceToBatchND" || $0.op == "BatchToSpaceND" }, "\(nodes)")
        let convolutions = nodes.filter { $0.op == "Conv2D" || $0.op == "DepthwiseConv2dNative" }
        XCTAssertEqual(convolutions.map(\.fused), [["SpaceToBatchND", "BatchToSpaceND", "BiasAdd", "Relu"],
                                                  ["SpaceToBatchND", "BatchToSpaceND"], ["SpaceToBatchND", "BatchToSpaceND"]])
    }

    func testTheBlocksRunWhenTheirValuesAreReadElsewhere() throws {
        // The SpaceToBatchND output is also requested: nothing folds, and the results are the same.
        let nodes = try plannedNodes("atrous_conv2d", outputs: ["out", "atrous/SpaceToBatchND"])
        XCTAssertEqual(nodes.map(\.op).filter { $0.hasSuffix("ND") }, ["SpaceToBatchND", "BatchToSpaceND"])
        let directory = TestPaths.fixtures.appendingPathComponent("atrous_conv2d")
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let x = try NPY.read(contentsOf: directory.appendingPathComponent("x.npy"))
        let z = try NPY.read(contentsOf: directory.appendingPathComponent("z.npy"))
        let folded = try model.run(["x": x, "z": z], outputs: ["out"])["out"]!
        let unfolded = try model.run(["x": x, "z": z], outputs: ["out", "atrous/SpaceToBatchND"])["out"]!
        XCTAssertLessThanOrEqual(FixtureTests.relativeError(unfolded, folded), 1e-6)
    }

    func testBiasAndActivationFuseIntoTheTransposedConvolution() throws {
        let nodes = try plannedNodes("conv2d_transpose_layer")
        XCTAssertEqual(nodes.map(\.op), ["Conv2DBackpropInput"])
        XCTAssertEqual(nodes.first?.fused, ["BiasAdd", "Relu"])
        // A batch norm's scale goes into the filter along its output-channel axis (the third).
        let normalized = try plannedNodes("conv2d_transpose_batch_norm")
        XCTAssertEqual(normalized.map(\.op), ["Conv2DBackpropInput"])
        XCTAssertEqual(normalized.first?.fused, ["FusedBatchNormV3", "Relu6"])
    }

    /// In the whole networks: DeepLab's atrous branches run as dilated convolutions, the U-Net's upsampling as one
    /// transposed convolution with its bias and ReLU.
    func testWholeNetworksPlanTheFoldedForms() throws {
        let deeplab = try plannedNodes("deeplab_aspp")
        XCTAssertFalse(deeplab.contains { $0.op.hasSuffix("ND") }, "\(deeplab)")
        XCTAssertEqual(deeplab.filter { $0.fused.first == "SpaceToBatchND" }.count, 2)
        let unet = try plannedNodes("unet_tf1")
        XCTAssertEqual(unet.filter { $0.op == "Conv2DBackpropInput" }.map(\.fused), [["BiasAdd", "Relu"]])
    }

    private func transposedGraph(outBackprop: [Int64], inputSizes: [Int32], format: String = "NHWC") -> GraphBuilder {
        var g = GraphBuilder()
        g.placeholder("dy", shape: outBackprop)
        g.const("w", [Float](repeating: 0.5, count: 3 * 3 * 2 * 4), shape: [3, 3, 2, 4])
        g.constInt("sizes", inputSizes, shape: [4])
        g.op("up", "Conv2DBackpropInput", ["sizes", "w", "dy"], [
            "strides": .list(AttrList(ints: [1, 2, 2, 1])), "padding": .bytes(Array("SAME".utf8)),
            "data_format": .bytes(Array(format.utf8)),
        ])
        return g
    }

    func testTransposedConvolutionShapeErrorsNameTheNode() {
        let text = message { _ = try transposedGraph(outBackprop: [1, 4, 4, 4], inputSizes: [1, 9, 9, 2]).model() }
        XCTAssertTrue(text.contains("node 'up' (Conv2DBackpropInput)") && text.contains("does not match"), text)
        let channels = message { _ = try transposedGraph(outBackprop: [1, 4, 4, 3], inputSizes: [1, 8, 8, 2]).model() }
        XCTAssertTrue(channels.contains("node 'up' (Conv2DBackpropInput)") && channels.contains("output channels"), channels)
    }

    func testNCHWConvolutionsAreRefusedWithHowToReExport() {
        let transposed = message { _ = try transposedGraph(outBackprop: [1, 4, 4, 4], inputSizes: [1, 2, 8, 8], format: "NCHW").model() }
        XCTAssertTrue(transposed.contains("node 'up' (Conv2DBackpropInput)") && transposed.contains("channels_last"), transposed)
        var conv = GraphBuilder()
        conv.placeholder("x", shape: [1, 3, 8, 8])
        conv.const("w", [Float](repeating: 1, count: 27), shape: [3, 3, 3, 1])
        conv.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])),
                                               "padding": .bytes(Array("SAME".utf8)), "data_format": .bytes(Array("NCHW".utf8))])
        let text = message { _ = try conv.model() }
        XCTAssertTrue(text.contains("node 'conv' (Conv2D)") && text.contains("data_format NCHW")
                      && text.contains("re-export the model with data_format='channels_last'"), text)
    }
}
