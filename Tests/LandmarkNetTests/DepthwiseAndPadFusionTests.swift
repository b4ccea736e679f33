import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// DepthwiseConv2dNative, the per-channel PReLU output step of convolutions and the folding of zero Pads into
/// convolutions: what the planner fuses (and what it must leave alone). Numerics against TensorFlow are in the
/// fixtures (`depthwise_*`, `pad_*`, `mediapipe_block`).
final class DepthwiseAndPadFusionTests: XCTestCase {
    func testBiasActivationAndPReLUAreFusedIntoTheDepthwiseConvolution() throws {
        let relu6 = try plannedNodes("depthwise_bias_relu6")
        XCTAssertEqual(relu6.map(\.op), ["DepthwiseConv2dNative"])
        XCTAssertEqual(relu6.first?.fused, ["BiasAdd", "Relu6"])
        for fixture in ["depthwise_bias_prelu_tf_keras", "depthwise_bias_prelu_keras3"] {
            let nodes = try plannedNodes(fixture)
            XCTAssertEqual(nodes.map(\.op), ["DepthwiseConv2dNative"], fixture)
            XCTAssertEqual(nodes.first?.fused, ["BiasAdd", "Relu", "Neg", "Relu", "Mul", "AddV2"], fixture)
        }
    }

    func testZeroPadsAreFoldedIntoTheConvolutionAfterThem() throws {
        XCTAssertEqual(try plannedNodes("pad_conv2d").map(\.fused), [["Pad"], ["PadV2"]])
        XCTAssertEqual(try plannedNodes("pad_depthwise").map(\.op), ["DepthwiseConv2dNative"])
        let block = try plannedNodes("mediapipe_block")
        XCTAssertEqual(block.first { $0.op == "DepthwiseConv2dNative" }?.fused, ["Pad", "BiasAdd"])
        // The channel Pad of the shortcut feeds an Add, not a convolution: it runs.
        XCTAssertEqual(block.filter { $0.op == "Pad" }.count, 1)
        XCTAssertEqual(block.last?.op, "PReLU")
    }

    func testPadsThatMustRunAreNotFolded() throws {
        let nodes = try plannedNodes("pad_conv_not_fused")
        // Non-zero PadV2, a channel Pad and a Pad that is also fetched all run; the convolutions keep their own padding.
        XCTAssertEqual(nodes.filter { $0.op == "Pad" || $0.op == "PadV2" }.count, 3)
        XCTAssertTrue(nodes.allSatisfy { $0.fused.isEmpty })
        // Without the Pad as a requested output, its only reader is the convolution: then it is folded.
        let sinksOnly = try plannedNodes("pad_conv_not_fused", outputs: ["out_shared"])
        XCTAssertEqual(sinksOnly.map(\.fused), [["Pad"]])
    }

    /// x -> Pad -> conv, with the Pad also read by a Relu: the Pad runs, and the convolution matches the same
    /// convolution with the padding given as EXPLICIT.
    func testPadWithTwoReadersRunsAndMatchesExplicitPadding() throws {
        let values: [Float] = (0..<90).map { (i: Int) -> Float in Float((i * 37) % 23) / 11 - 1 }
        let weights: [Float] = (0..<108).map { (i: Int) -> Float in Float((i * 13) % 17) / 17 - 0.5 }
        var padded = GraphBuilder()
        padded.placeholder("x", shape: [1, 5, 6, 3])
        padded.constInt("paddings", [0, 0, 1, 2, 2, 0, 0, 0], shape: [4, 2])
        padded.op("pad", "Pad", ["x", "paddings"], ["Tpaddings": .type(.int32)])
        padded.const("w", weights, shape: [3, 3, 3, 4])
        padded.op("conv", "Conv2D", ["pad", "w"], ["strides": .list(AttrList(ints: [1, 2, 2, 1])), "padding": .bytes(Array("VALID".utf8))])
        padded.op("relu", "Relu", ["pad"])
        let paddedModel = try padded.model()
        let x = try Tensor(shape: [1, 5, 6, 3], scalars: values)
        let report = try paddedModel.benchmark(["x": x], outputs: ["conv", "relu"], iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.map(\.op), ["Pad", "Conv2D", "Relu"])
        XCTAssertTrue(report.nodes.allSatisfy { $0.fused.isEmpty })

        var explicit = GraphBuilder()
        explicit.placeholder("x", shape: [1, 5, 6, 3])
        explicit.const("w", weights, shape: [3, 3, 3, 4])
        explicit.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 2, 2, 1])),
                                                   "padding": .bytes(Array("EXPLICIT".utf8)),
                                                   "explicit_paddings": .list(AttrList(ints: [0, 0, 1, 2, 2, 0, 0, 0]))])
        let ours = try paddedModel.run(["x": x], outputs: ["conv"])["conv"]!
        let reference = try explicit.model().run(["x": x])["conv"]!
        XCTAssertEqual(ours.shape, [1, 3, 3, 4])
        XCTAssertEqual(try ours.scalars(as: Float.self), try reference.scalars(as: Float.self))
    }

    /// Conv2D + BiasAdd + the Keras PReLU pattern with per-channel alpha runs as one node; with one alpha per
    /// element (Keras' default shared_axes) the PReLU stays a node of its own. Both give the PReLU of the conv.
    func testPReLUIsFusedIntoConv2DOnlyWithPerChannelSlopes() throws {
        let values: [Float] = (0..<32).map { (i: Int) -> Float in Float((i * 29) % 19) / 9 - 1 }
        let weights: [Float] = (0..<54).map { (i: Int) -> Float in Float((i * 11) % 13) / 13 - 0.5 }
        func model(alpha: [Float], alphaShape: [Int64]) throws -> Model {
            var g = GraphBuilder()
            g.placeholder("x", shape: [1, 4, 4, 2])
            g.const("w", weights, shape: [3, 3, 2, 3])
            g.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("SAME".utf8))])
            g.const("b", [0.1, -0.2, 0.05], shape: [3])
            g.op("bias", "BiasAdd", ["conv", "b"])
            g.const("negalpha", alpha.map { -$0 }, shape: alphaShape)
            g.op("pos", "Relu", ["bias"])
            g.op("negx", "Neg", ["bias"])
            g.op("reluneg", "Relu", ["negx"])
            g.op("scaled", "Mul", ["negalpha", "reluneg"])
            g.op("out", "AddV2", ["pos", "scaled"])
            return try g.model()
        }
        let x = try Tensor(shape: [1, 4, 4, 2], scalars: values)
        let perChannel: [Float] = [0.1, 0.3, 0.7]
        let perElement: [Float] = (0..<48).map { (i: Int) -> Float in perChannel[i % 3] }
        for (alpha, shape, expectedOps) in [(perChannel, [Int64]([1, 1, 3]), ["Conv2D"]),
                                            (perElement, [Int64]([4, 4, 3]), ["Conv2D", "PReLU"])] {
            let m = try model(alpha: alpha, alphaShape: shape)
            let report = try m.benchmark(["x": x], iterations: 1, warmup: 0)
            XCTAssertEqual(report.nodes.map(\.op), expectedOps)
            let fused = try m.run(["x": x])["out"]!.scalars(as: Float.self)
            // Fetching the BiasAdd too keeps every node separate: the reference path.
            let separate = try m.run(["x": x], outputs: ["out", "bias"])
            let biased = try separate["bias"]!.scalars(as: Float.self)
            let expected: [Float] = biased.enumerated().map { (i: Int, v: Float) -> Float in v > 0 ? v : v * perChannel[i % 3] }
            XCTAssertTrue(expected.contains { $0 < 0 })
            XCTAssertEqual(fused, expected)
            XCTAssertEqual(try separate["out"]!.scalars(as: Float.self), expected)
        }
    }

    func testNCHWAndBadFiltersAreRejectedNamingTheNode() throws {
        var nchw = GraphBuilder()
        nchw.placeholder("x", shape: [1, 3, 5, 5])
        nchw.const("w", [Float](repeating: 1, count: 27), shape: [3, 3, 3, 1])
        nchw.op("dw", "DepthwiseConv2dNative", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])),
                                                           "padding": .bytes(Array("VALID".utf8)),
                                                           "data_format": .bytes(Array("NCHW".utf8))])
        let text = message { _ = try nchw.model() }
        XCTAssertTrue(text.contains("node 'dw' (DepthwiseConv2dNative)"), text)
        XCTAssertTrue(text.contains("NCHW"), text)

        var mismatch = GraphBuilder()
        mismatch.placeholder("x", shape: [1, 5, 5, 4])
        mismatch.const("w", [Float](repeating: 1, count: 27), shape: [3, 3, 3, 1])
        mismatch.op("dw", "DepthwiseConv2dNative", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])),
                                                               "padding": .bytes(Array("SAME".utf8))])
        let mismatchText = message { _ = try mismatch.model() }
        XCTAssertTrue(mismatchText.contains("node 'dw' (DepthwiseConv2dNative)") && mismatchText.contains("input channels"), mismatchText)

        var tooLarge = GraphBuilder()
        tooLarge.placeholder("x", shape: [1, 2, 2, 3])
        tooLarge.const("w", [Float](repeating: 1, count: 27), shape: [3, 3, 3, 1])
        tooLarge.op("dw", "DepthwiseConv2dNative", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])),
                                                               "padding": .bytes(Array("VALID".utf8))])
        XCTAssertTrue(message { _ = try tooLarge.model() }.contains("window 3 is larger than the input 2"))
    }

    /// Extreme attributes end in a load error or a correct run, never a trap (overflow, huge allocations).
    func testExtremeAttributesAreErrorsNotTraps() throws {
        let huge = Int64.max / 2
        let cases: [[String: AttrValue]] = [
            ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("EXPLICIT".utf8)),
             "explicit_paddings": .list(AttrList(ints: [0, 0, huge, huge, 0, 0, 0, 0]))],
            ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("SAME".utf8)),
             "dilations": .list(AttrList(ints: [1, huge, huge, 1]))],
            ["strides": .list(AttrList(ints: [1, huge, huge, 1])), "padding": .bytes(Array("SAME".utf8))],
            ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("EXPLICIT".utf8)),
             "explicit_paddings": .list(AttrList(ints: [0, 0, 1, 1, -1, 0, 0, 0]))],
        ]
        for (k, attributes) in cases.enumerated() {
            for withPad in [false, true] {
                var g = GraphBuilder()
                g.placeholder("x", shape: [1, 4, 4, 2])
                g.const("w", [Float](repeating: 0.5, count: 18), shape: [3, 3, 2, 1])
                var input = "x"
                if withPad {
                    g.constInt("paddings", [0, 0, 1, 1, 1, 1, 0, 0], shape: [4, 2])
                    g.op("pad", "Pad", ["x", "paddings"])
                    input = "pad"
                }
                g.op("dw", "DepthwiseConv2dNative", [input, "w"], attributes)
                do {
                    let model = try g.model()
                    let out = try model.run(["x": try Tensor(shape: [1, 4, 4, 2], scalars: [Float](repeating: 1, count: 32))])["dw"]!
                    XCTAssertEqual(out.shape.first, 1, "case \(k)")
                } catch {
                    XCTAssertTrue("\(error)".contains("node 'dw' (DepthwiseConv2dNative)"), "case \(k): \(error)")
                }
            }
        }
    }

    func testDepthwiseFlopsAreReported() throws {
        let inspection = try ModelInspection(contentsOf: TestPaths.fixtures.appendingPathComponent("mediapipe_block/graph.pb"))
        let depthwise = try XCTUnwrap(inspection.nodes.first { $0.op == "DepthwiseConv2dNative" })
        XCTAssertEqual(depthwise.flops, 2 * 96 * 96 * 8 * 3 * 3)
        XCTAssertEqual(depthwise.shape, [1, 96, 96, 8])
    }
}
