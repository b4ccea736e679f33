import Foundation
import LandmarkNet
import TestSupport
import XCTest

/// What the planner runs in a convolution's output pass from tf_keras blocks: swish and hard-swish as fused
/// activations, and residual Adds (with the activation after them), and the Adds it must leave separate.
/// Numerics against TensorFlow, and the same bits at 1 and 2 threads, are checked by FixtureTests on the same
/// fixtures (`keras_swish_convolutions`, `keras_hard_swish_convolutions`, `keras_residual_blocks`).
final class SwishAndResidualFusionTests: XCTestCase {
    func testKerasSwishRunsInsideEachConvolution() throws {
        let nodes = try plannedNodes("keras_swish_convolutions")
        XCTAssertEqual(nodes.map(\.op), ["Conv2D", "Conv2D", "DepthwiseConv2dNative", "Conv2D"])
        XCTAssertEqual(nodes.map { $0.fused.last }, ["Swish", "Swish", "Swish", "Swish"])
    }

    func testHardSwishRunsInsideTheConvolutionUnlessItsInputHasAnotherReader() throws {
        let nodes = try plannedNodes("keras_hard_swish_convolutions")
        XCTAssertEqual(nodes.map(\.op), ["Conv2D", "DepthwiseConv2dNative", "Conv2D", "HardSwish", "AddV2"])
        XCTAssertEqual(nodes[0].fused.last, "HardSwish")
        XCTAssertEqual(nodes[1].fused.last, "HardSwish")
        // The last convolution's output is also read by the Add: the hard-swish runs as one op of its own.
        XCTAssertEqual(nodes[3].fused, ["AddV2", "Relu6", "Mul", "Mul"])
    }

    func testResidualAddsRunInTheProducingConvolution() throws {
        let nodes = try plannedNodes("keras_residual_blocks")
        let residual = nodes.filter { $0.fused.contains("AddV2") }
        XCTAssertEqual(residual.map(\.op), ["Conv2D", "Conv2D", "Conv2D", "Conv2D"])
        // ResNet's identity and projection blocks: the ReLU after the Add runs in the same pass.
        XCTAssertEqual(residual.map { Array($0.fused.suffix(2)) },
                       [["AddV2", "Relu"], ["AddV2", "Relu"], ["FusedBatchNormV3", "AddV2"], ["BiasAdd", "AddV2"]])
        // The batch norm after the pre-activation Add would scale the shortcut too: it runs as an op of its own.
        XCTAssertEqual(nodes.filter { $0.op == "FusedBatchNormV3" }.count, 1)
        // The ReLU after it runs in the batch norm's own pass.
        XCTAssertEqual(nodes.first { $0.op == "FusedBatchNormV3" }?.fused, ["Relu"])
        XCTAssertFalse(nodes.contains { $0.op == "Relu" })
        // After the Winograd convolution, and of the convolution output the Concatenate also reads.
        XCTAssertEqual(nodes.filter { $0.op == "AddV2" }.count, 2)
    }
}
