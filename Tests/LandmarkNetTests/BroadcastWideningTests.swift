import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import XCTest

/// A binary op of a map and a per-channel constant of a few channels (an input normalisation) reads the constant
/// repeated along the width: the same values as TensorFlow's broadcast, computed over longer rows. The
/// `efficientnet_tiny` fixture checks the same numerics against TensorFlow at 1 and 2 threads.
final class BroadcastWideningTests: XCTestCase {
    private func constant(_ name: String, _ values: [Float], shape: [Int64]) -> NodeDef {
        NodeDef(name: name, op: "Const", attributes: [
            "dtype": .type(.float),
            "value": .tensor(TensorProto(dtype: .float, shape: TensorShapeProto(dims: shape), floatVal: values)),
        ])
    }

    private func op(_ name: String, _ type: String, _ inputs: [String]) -> NodeDef {
        NodeDef(name: name, op: type, inputs: inputs, attributes: ["T": .type(.float)])
    }

    func testPerChannelConstantsAreWidenedWithTheValuesOfTheBroadcast() throws {
        let (h, w, c) = (37, 45, 3)
        let mean: [Float] = [0.485, 0.456, 0.406], scale: [Float] = [0.229, 0.224, 0.225]
        let nodes = [
            NodeDef(name: "x", op: "Placeholder", attributes: [
                "dtype": .type(.float), "shape": .shape(TensorShapeProto(dims: [1, Int64(h), Int64(w), Int64(c)])),
            ]),
            constant("mean", mean, shape: [1, 1, 1, 3]), constant("scale", scale, shape: [3]),
            op("centred", "Sub", ["x", "mean"]), op("normalised", "RealDiv", ["centred", "scale"]),
            // A constant on the left.
            op("flipped", "Sub", ["mean", "normalised"]),
        ]
        let x = (0..<(h * w * c)).map { Float(($0 * 7919) % 1000) / 999 }
        let feeds = ["x": try Tensor(shape: [1, h, w, c], scalars: x)]
        for threads in [1, 2] {
            let model = try Model(graphDef: GraphDef(nodes: nodes), options: Model.Options(threads: threads))
            let report = try model.benchmark(feeds, outputs: ["flipped"], iterations: 1, warmup: 0)
            XCTAssertEqual(report.nodes.map(\.op), ["Sub", "RealDiv", "Sub"])
            // Each reads a [W, C] constant.
            XCTAssertEqual(report.nodes.map(\.weightBytes), [w * c * 4, w * c * 4, w * c * 4], "\(threads) threads")
            let y = try XCTUnwrap(try model.run(feeds, outputs: ["flipped"])["flipped"]).scalars(as: Float.self)
            for i in 0..<y.count {
                let k = i % c
                XCTAssertEqual(y[i].bitPattern, (mean[k] - (x[i] - mean[k]) / scale[k]).bitPattern, "element \(i)")
            }
        }
    }

    func testManyChannelsAndBiasAddKeepTheirConstant() throws {
        let nodes = [
            NodeDef(name: "x", op: "Placeholder", attributes: [
                "dtype": .type(.float), "shape": .shape(TensorShapeProto(dims: [1, 8, 8, 32])),
            ]),
            constant("wide", [Float](repeating: 2, count: 32), shape: [32]),
            constant("few", [1, 2], shape: [2]),
            op("scaled", "Mul", ["x", "wide"]),
            NodeDef(name: "y", op: "Placeholder", attributes: [
                "dtype": .type(.float), "shape": .shape(TensorShapeProto(dims: [1, 8, 8, 2])),
            ]),
            op("biased", "BiasAdd", ["y", "few"]),
        ]
        let model = try Model(graphDef: GraphDef(nodes: nodes))
        let feeds = ["x": try Tensor(shape: [1, 8, 8, 32], scalars: [Float](repeating: 1, count: 2048)),
                     "y": try Tensor(shape: [1, 8, 8, 2], scalars: [Float](repeating: 1, count: 128))]
        let report = try model.benchmark(feeds, outputs: ["scaled", "biased"], iterations: 1, warmup: 0)
        XCTAssertEqual(Set(report.nodes.map(\.weightBytes)), [32 * 4, 2 * 4])
    }
}
