import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import XCTest

/// Function libraries that decode but cannot be inlined, or would inline into more than the limits allow:
/// recursion, deep nesting, exponential fan-out, missing functions and bad argument references all fail at load
/// with one line naming the call node and the function.
final class FunctionHostileTests: XCTestCase {
    private func argument(_ name: String) -> FunctionDef.Argument { FunctionDef.Argument(name: name, type: .float) }

    /// `name(x) = Relu(callee(x))` (or `Relu(x)` with no callee), called `calls` times in sequence.
    private func chainFunction(_ name: String, calling callee: String?, calls: Int = 1) -> FunctionDef {
        var nodes: [NodeDef] = []
        var previous = "x"
        if let callee {
            for k in 0..<calls {
                nodes.append(NodeDef(name: "call\(k)", op: "PartitionedCall", inputs: [previous],
                                     attributes: ["f": .function(callee)]))
                previous = "call\(k):output:0"
            }
        }
        nodes.append(NodeDef(name: "relu", op: "Relu", inputs: [previous], attributes: ["T": .type(.float)]))
        return FunctionDef(name: name, inputs: [argument("x")], outputs: [argument("y")], nodes: nodes,
                           returns: ["y": "relu:activations:0"])
    }

    /// A graph `x -> call(f) -> out = Identity(call:0)`.
    private func graph(calling function: String, _ functions: [FunctionDef], op: String = "StatefulPartitionedCall") -> HostileGraph {
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        g.op("call", op, ["x"], op.hasSuffix("PartitionedCall") ? ["f": .function(function)] : [:])
        g.op("out", "Identity", ["call"])
        g.functions = functions
        return g
    }

    private func assertLoadFails(_ graph: HostileGraph, _ kind: LandmarkError.Kind, _ fragments: String...,
                                 limits: ModelLimits = ModelLimits(), file: StaticString = #filePath, line: UInt = #line) {
        guard let error = loadError(graph, limits: limits) else { return XCTFail("loaded without error", file: file, line: line) }
        XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
        XCTAssertFalse(error.message.contains("\n"), "not one line: \(error)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    func testNestedCallsRunAsTheirBodies() throws {
        // outer(x) = Relu(middle(x)), middle(x) = Relu(inner(x)), inner(x) = Relu(x); two outputs from IdentityN.
        var g = graph(calling: "outer", [chainFunction("outer", calling: "middle"), chainFunction("middle", calling: "inner"),
                                         chainFunction("inner", calling: nil)])
        g.op("neg", "Neg", ["call:0"])
        let model = try Model(data: Data(g.bytes))
        let x = try Tensor(shape: [2], scalars: [Float(-1.5), 2.5])
        let results = try model.run(["x": x], outputs: ["out", "neg", "call/call0/call0/relu"])
        XCTAssertEqual(try results["out"]?.scalars(as: Float.self), [0, 2.5])
        XCTAssertEqual(try results["neg"]?.scalars(as: Float.self), [0, -2.5])
        XCTAssertEqual(try results["call/call0/call0/relu"]?.scalars(as: Float.self), [0, 2.5])
    }

    func testRecursionIsRefused() {
        assertLoadFails(graph(calling: "self", [chainFunction("self", calling: "self")]), .cycle,
                        "function 'self' calls itself", "self -> self")
        assertLoadFails(graph(calling: "a", [chainFunction("a", calling: "b"), chainFunction("b", calling: "a")]), .cycle,
                        "function 'a' calls itself", "a -> b -> a")
        // A function-named op calling itself.
        assertLoadFails(graph(calling: "loop", [chainFunction("loop", calling: "loop")], op: "loop"), .cycle, "function 'loop' calls itself")
    }

    func testDeepNestingStopsAtTheCallDepthLimit() {
        let depth = 100
        let functions = (0..<depth).map { chainFunction("f\($0)", calling: $0 + 1 < depth ? "f\($0 + 1)" : nil) }
        assertLoadFails(graph(calling: "f0", functions), .limitExceeded, "nested more than 32 deep")
        XCTAssertNil(loadError(graph(calling: "f0", functions), limits: ModelLimits(maxCallDepth: 100)))
    }

    func testExponentialFanOutStopsAtTheNodeLimit() {
        // Each level calls the next twice: 2^30 leaf calls (within the depth limit) if nothing stopped it.
        let levels = 30
        let functions = (0..<levels).map { chainFunction("f\($0)", calling: $0 + 1 < levels ? "f\($0 + 1)" : nil, calls: 2) }
        let start = Date()
        assertLoadFails(graph(calling: "f0", functions), .limitExceeded, "more than 5000 nodes", limits: ModelLimits(maxNodes: 5000))
        assertLoadFails(graph(calling: "f0", functions), .limitExceeded, "more than 100000 nodes")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    func testMissingFunctionsAreNamed() {
        assertLoadFails(graph(calling: "ghost", []), .invalidNode, "node 'call' (StatefulPartitionedCall)", "function 'ghost'",
                        "does not define")
        var noAttribute = HostileGraph()
        noAttribute.placeholder("x", shape: [2])
        noAttribute.op("call", "PartitionedCall", ["x"])
        noAttribute.functions = [chainFunction("f", calling: nil)]
        assertLoadFails(noAttribute, .invalidNode, "node 'call' (PartitionedCall)", "no function attribute 'f'")
        // Inside a body.
        assertLoadFails(graph(calling: "outer", [chainFunction("outer", calling: "missing")]), .invalidNode,
                        "node 'call/call0' (PartitionedCall)", "function 'missing'")
    }

    func testBadArgumentAndOutputReferences() {
        func function(_ input: String, returns: String = "relu:activations:0") -> FunctionDef {
            FunctionDef(name: "f", inputs: [argument("x")], outputs: [argument("y")],
                        nodes: [NodeDef(name: "relu", op: "Relu", inputs: [input])], returns: ["y": returns])
        }
        assertLoadFails(graph(calling: "f", [function("nothere")]), .invalidNode, "function 'f'", "body node 'relu'", "'nothere'")
        assertLoadFails(graph(calling: "f", [function("x:1")]), .invalidNode, "reads element '1' of argument 'x', which has 1")
        assertLoadFails(graph(calling: "f", [function("x:a:b:c")]), .invalidNode, "'x:a:b:c'")
        assertLoadFails(graph(calling: "f", [function("x:out:-1")]), .invalidNode, "'x:out:-1', which names no body node")
        assertLoadFails(graph(calling: "f", [function("x", returns: "relu:activations:-1")]), .invalidNode, "bad output index")
        assertLoadFails(graph(calling: "f", [function("^ghost")]), .invalidNode, "control input '^ghost'")
        assertLoadFails(graph(calling: "f", [function("x", returns: "ghost:output:0")]), .invalidNode, "output 'y'", "'ghost:output:0'")
        var unreturned = function("x")
        unreturned.returns = [:]
        assertLoadFails(graph(calling: "f", [unreturned]), .invalidNode, "output 'y' is never returned")
        var batchNorm = function("x", returns: "bn:no_such_output:0")
        batchNorm.nodes.append(NodeDef(name: "bn", op: "FusedBatchNormV3", inputs: ["x", "x", "x", "x", "x"]))
        assertLoadFails(graph(calling: "f", [batchNorm]), .invalidNode, "body node 'bn' (FusedBatchNormV3) has no output 'no_such_output'")
        // The call passes the wrong number of inputs.
        var twoInputs = HostileGraph()
        twoInputs.placeholder("x", shape: [2])
        twoInputs.op("call", "PartitionedCall", ["x", "x"], ["f": .function("f")])
        twoInputs.functions = [function("x")]
        assertLoadFails(twoInputs, .invalidNode, "takes 1 inputs, the call passes 2")
        // Two list arguments whose lengths the call does not give (one alone takes what the inputs leave).
        var lists = function("x")
        lists.inputs = [FunctionDef.Argument(name: "x", typeAttribute: "T", numberAttribute: "N"),
                        FunctionDef.Argument(name: "z", typeListAttribute: "Tz")]
        assertLoadFails(graph(calling: "f", [lists]), .invalidNode, "input 'x' is a list whose length the call does not give")
        // A list output returned whole from an op whose list length is not known.
        var wholeList = function("x", returns: "relu:activations")
        wholeList.outputs = [FunctionDef.Argument(name: "y", type: .float, numberAttribute: "N")]
        wholeList.nodes[0].attributes["T"] = .type(.float)
        var byName = HostileGraph()
        byName.placeholder("x", shape: [2])
        byName.op("call", "f", ["x"], ["N": .int(1 << 40)])
        byName.functions = [wholeList]
        assertLoadFails(byName, .invalidNode, "list argument 'y' has length 1099511627776")
        // A body output past the producer's outputs is caught by planning, naming the inlined node.
        assertLoadFails(graph(calling: "f", [function("x", returns: "relu:activations:3")]), .invalidNode,
                        "input 'call/relu:3' does not exist")
    }

    func testUnsupportedOpsInBodiesAreListedWithTheOthers() {
        let f = FunctionDef(name: "f", inputs: [argument("x")], outputs: [argument("y")],
                            nodes: [NodeDef(name: "odd", op: "Frobnicate", inputs: ["x"])], returns: ["y": "odd:output:0"])
        var g = graph(calling: "f", [f])
        g.op("other", "Quux", ["out"])
        assertLoadFails(g, .unsupportedOps, "Frobnicate ('call/odd')", "Quux ('other')")
    }

    func testLibraryNodesCountAgainstTheReaderNodeLimit() throws {
        let big = FunctionDef(name: "big", nodes: (0..<50).map { NodeDef(name: "n\($0)", op: "NoOp") })
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        g.functions = [big]
        XCTAssertThrowsError(try GraphDef(serializedBytes: g.bytes, limits: ReaderLimits(maxNodes: 40))) { error in
            XCTAssertEqual((error as? GraphDefError)?.kind, .limitExceeded, "\(error)")
        }
        XCTAssertEqual(try GraphDef(serializedBytes: g.bytes, limits: ReaderLimits(maxNodes: 51)).functions.first?.nodes.count, 50)
    }
}
