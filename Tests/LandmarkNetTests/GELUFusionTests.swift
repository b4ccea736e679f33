import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// The exact GELU's elementwise ops become one node, in TensorFlow 2's erfc form and the older erf form, and only
/// when no other reader needs an intermediate value. Numerics against TensorFlow are in the `gelu`,
/// `function_call_noinline` and `convnext_block` fixtures.
final class GELUFusionTests: XCTestCase {
    private func scalar(_ name: String, _ value: Float) -> NodeDef {
        NodeDef(name: name, op: "Const", attributes: [
            "dtype": .type(.float), "value": .tensor(TensorProto(dtype: .float, shape: TensorShapeProto(dims: []), floatVal: [value])),
        ])
    }

    private func op(_ name: String, _ type: String, _ inputs: [String]) -> NodeDef {
        NodeDef(name: name, op: type, inputs: inputs, attributes: ["T": .type(.float)])
    }

    /// `0.5 * x * (1 + erf(x / sqrt2))` on x[40], with the constants on the right of each op.
    private func erfFormGraph() -> [NodeDef] {
        [
            NodeDef(name: "x", op: "Placeholder", attributes: ["dtype": .type(.float), "shape": .shape(TensorShapeProto(dims: [40]))]),
            scalar("half", 0.5), scalar("one", 1), scalar("sqrt2", 1.4142135),
            op("half_x", "Mul", ["x", "half"]), op("scaled", "RealDiv", ["x", "sqrt2"]), op("erf", "Erf", ["scaled"]),
            op("one_plus", "AddV2", ["erf", "one"]), op("gelu", "Mul", ["one_plus", "half_x"]),
        ]
    }

    private func run(_ nodes: [NodeDef], outputs: [String]) throws -> (nodes: [(op: String, fused: [String])], values: [String: Tensor], x: [Float]) {
        let x = (0..<40).map { Float($0) * 0.3 - 6 }
        let model = try Model(graphDef: GraphDef(nodes: nodes))
        let feeds = ["x": try Tensor(shape: [40], scalars: x)]
        let report = try model.benchmark(feeds, outputs: outputs, iterations: 1, warmup: 0)
        return (report.nodes.map { ($0.op, $0.fused) }, try model.run(feeds, outputs: outputs), x)
    }

    func testTensorFlowsErfcFormIsOneNode() throws {
        let directory = TestPaths.fixture("gelu")
        let x = try NPY.read(contentsOf: directory.appendingPathComponent("x.npy"))
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let report = try model.benchmark(["x": x], outputs: ["exact"], iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.map(\.op), ["Gelu"])
        XCTAssertEqual(report.nodes.first?.fused, ["Mul", "Neg", "Mul", "Erfc", "Mul"])
    }

    func testTanhApproximationIsOneNode() throws {
        let directory = TestPaths.fixture("gelu")
        let x = try NPY.read(contentsOf: directory.appendingPathComponent("x.npy"))
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let report = try model.benchmark(["x": x], outputs: ["tanh"], iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.map(\.op), ["Gelu"])
        XCTAssertEqual(report.nodes.first?.fused, ["Mul", "Pow", "Mul", "AddV2", "Mul", "Tanh", "AddV2", "Mul"])
    }

    func testErfFormIsOneNodeAndExact() throws {
        let (nodes, values, x) = try run(erfFormGraph(), outputs: ["gelu"])
        XCTAssertEqual(nodes.map(\.op), ["Gelu"])
        XCTAssertEqual(nodes.first?.fused, ["Mul", "RealDiv", "Erf", "AddV2", "Mul"])
        let y = try XCTUnwrap(values["gelu"]).scalars(as: Float.self)
        for (xi, yi) in zip(x, y) {
            let expected = 0.5 * Double(xi) * Foundation.erfc(-Double(xi) / 2.0.squareRoot())
            XCTAssertEqual(Double(yi), expected, accuracy: 1e-6 * max(1, abs(expected)), "x = \(xi)")
        }
    }

    func testAnIntermediateWithAnotherReaderIsNotFused() throws {
        let (nodes, values, _) = try run(erfFormGraph(), outputs: ["gelu", "erf"])
        XCTAssertFalse(nodes.contains { $0.op == "Gelu" })
        XCTAssertEqual(values["erf"]?.shape, [40])
    }
}
