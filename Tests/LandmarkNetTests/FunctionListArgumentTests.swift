import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// Inlining functions whose signatures have list arguments (`number_attr` / `type_list_attr`). The fixture
/// `function_call_list_arguments` checks a call by name against TensorFlow; TensorFlow's `PartitionedCall` refuses
/// list arguments, so the same function called through one is checked against that call here.
final class FunctionListArgumentTests: XCTestCase {
    private let directory = TestPaths.fixture("function_call_list_arguments")

    private func feeds() throws -> [String: Tensor] {
        var feeds: [String: Tensor] = [:]
        for name in ["x0", "x1", "x2"] {
            feeds[name] = try NPY.read(contentsOf: directory.appendingPathComponent("\(name).npy"))
        }
        return feeds
    }

    private func fixtureGraph() throws -> GraphDef {
        try GraphDef(contentsOf: directory.appendingPathComponent("graph.pb"))
    }

    private func bits(_ tensor: Tensor) -> [UInt8] { tensor.withUnsafeBytes { Array($0) } }

    func testAPartitionedCallWithAListArgumentMatchesTheCallByName() throws {
        var graph = try fixtureGraph()
        // N is inside `f` for a PartitionedCall: its length follows from the 4 inputs and the 5 outputs of Tout.
        graph.nodes.append(NodeDef(name: "call", op: "PartitionedCall", inputs: ["x2", "x0", "x1", "scale"], attributes: [
            "f": .function("sum_and_split"),
            "Tin": .list(AttrList(types: [.float, .float, .float, .float])),
            "Tout": .list(AttrList(types: [.float, .float, .float, .float, .float])),
        ]))
        let model = try Model(graphDef: graph)
        let names = (0..<5).map { $0 == 0 ? "call" : "call:\($0)" } + (0..<5).map { $0 == 0 ? "direct" : "direct:\($0)" }
        let results = try model.run(try feeds(), outputs: names)
        for k in 0..<5 {
            let call = try XCTUnwrap(results[names[k]]), direct = try XCTUnwrap(results[names[5 + k]])
            XCTAssertEqual(call.shape, [2, 3])
            XCTAssertEqual(bits(call), bits(direct), "output \(k)")
        }
        // The list elements are the call's inputs in order: output 1 (parts[0]) is -x2.
        let x2 = try XCTUnwrap(try feeds()["x2"]).doubleValues()
        XCTAssertEqual(try XCTUnwrap(results["call:1"]).doubleValues(), x2.map { -$0 })
    }

    func testListLengthsTheCallDoesNotGiveAreAnErrorOfTheCall() throws {
        var graph = try fixtureGraph()
        let index = try XCTUnwrap(graph.nodes.firstIndex { $0.name == "direct" })
        graph.nodes[index].attributes["N"] = nil
        XCTAssertTrue(message { _ = try Model(graphDef: graph) }.contains("whose length the call does not give"))
        graph.nodes[index].attributes["N"] = .int(1 << 40)
        let huge = message { _ = try Model(graphDef: graph) }
        XCTAssertTrue(huge.contains("direct") && huge.contains("has length"), huge)
        graph.nodes[index].attributes["N"] = .int(2)
        let short = message { _ = try Model(graphDef: graph) }
        XCTAssertTrue(short.contains("direct") && short.contains("takes 3 inputs, the call passes 4"), short)
    }
}
