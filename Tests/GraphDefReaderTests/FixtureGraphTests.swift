import XCTest
import GraphDefReader

/// Parses every TensorFlow-written fixture graph in `Tests/Fixtures/*/graph.pb`.
final class FixtureGraphTests: XCTestCase {
    private var fixtureGraphs: [URL] {
        let fixtures = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return entries.sorted().map { fixtures.appendingPathComponent($0).appendingPathComponent("graph.pb") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The function library TensorFlow wrote for a `_noinline` tf.function: signatures, bodies, returns and
    /// attributes, with body inputs in `node:output_name:index` form.
    func testFunctionLibraryDecodes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/function_call_noinline/graph.pb")
        let graph = try GraphDef(contentsOf: url)
        XCTAssertEqual(graph.functions.count, 2)
        let block = try XCTUnwrap(graph.functions.first { $0.name.contains("block") })
        XCTAssertEqual(block.inputs.first?.name, "x")
        XCTAssertEqual(block.inputs.first?.type, .float)
        XCTAssertEqual(block.outputs.map(\.name), ["identity", "identity_1"])
        XCTAssertEqual(block.returns["identity"], "Identity:output:0")
        XCTAssertEqual(block.attributes["_noinline"]?.bool, true)
        let call = try XCTUnwrap(block.nodes.first { $0.op == "StatefulPartitionedCall" })
        guard case .function(let callee)? = call.attributes["f"] else { return XCTFail("nested call without 'f'") }
        XCTAssertTrue(graph.functions.contains { $0.name == callee })
        XCTAssertTrue(block.nodes.contains { $0.inputs.contains("Conv2D:output:0") })
        // Body nodes count against maxNodes with the graph's.
        XCTAssertThrowsError(try GraphDef(contentsOf: url, limits: ReaderLimits(maxNodes: graph.nodes.count + 3)))
    }

    func testEveryFixtureGraphParsesWithSaneNodes() throws {
        let graphs = fixtureGraphs
        try XCTSkipIf(graphs.isEmpty, "no Tests/Fixtures/*/graph.pb yet")
        for url in graphs {
            let graph = try GraphDef(contentsOf: url)
            let name = url.deletingLastPathComponent().lastPathComponent
            XCTAssertFalse(graph.nodes.isEmpty, name)
            XCTAssertNotNil(graph.producer, name)
            let names = graph.nodes.map(\.name)
            XCTAssertEqual(Set(names).count, names.count, "\(name): node names are unique")
            let known = Set(names)
            for node in graph.nodes {
                XCTAssertFalse(node.name.isEmpty, name)
                XCTAssertFalse(node.op.isEmpty, "\(name): \(node.name) has an op")
                XCTAssertTrue(node.op.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(name): op \(node.op)")
                for input in node.inputs {
                    let reference = try TensorReference(parsing: input)
                    XCTAssertTrue(known.contains(reference.node), "\(name): \(node.name) input \(input) exists")
                }
                if node.op == "Const" {
                    let value = try XCTUnwrap(node.attributes["value"]?.tensor, "\(name): \(node.name) value")
                    XCTAssertEqual(node.attributes["dtype"]?.type, value.dtype, "\(name): \(node.name)")
                    if value.dtype.byteSize != nil {
                        let count = try value.elementCount()
                        XCTAssertEqual(try value.elementBytes().count, count * (value.dtype.byteSize ?? 0))
                    }
                }
            }
            XCTAssertTrue(graph.nodes.contains { $0.inputs.isEmpty }, "\(name) has source nodes (inputs or constants)")
        }
    }

    /// The TF1 export of the seed landmark CNN has the architecture the project is built around.
    func testSeedGraphHasTheLandmarkArchitecture() throws {
        guard let url = fixtureGraphs.first(where: { $0.deletingLastPathComponent().lastPathComponent == "seed_tf1" })
        else { throw XCTSkip("no Tests/Fixtures/seed_tf1/graph.pb") }
        let graph = try GraphDef(contentsOf: url)
        let byName = Dictionary(graph.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let input = try XCTUnwrap(byName["input_image_tensor"])
        XCTAssertEqual(input.op, "Placeholder")
        XCTAssertEqual(input.attributes["dtype"]?.type, .uint8)
        XCTAssertEqual(input.attributes["shape"]?.shape?.dims, [128, 128, 3])

        let convolutions = graph.nodes.filter { $0.op == "Conv2D" }
        var filterCounts: [Int64] = []
        for conv in convolutions {
            XCTAssertEqual(conv.attributes["padding"]?.string, "VALID", conv.name)
            XCTAssertEqual(conv.attributes["strides"]?.list?.ints, [1, 1, 1, 1], conv.name)
            // The kernel arrives through an Identity `/read` node from a Const.
            let read = try TensorReference(parsing: try XCTUnwrap(conv.inputs.last))
            let identity = try XCTUnwrap(byName[read.node], conv.name)
            let kernelNode = try XCTUnwrap(byName[try TensorReference(parsing: identity.inputs[0]).node])
            let kernel = try XCTUnwrap(kernelNode.attributes["value"]?.tensor, kernelNode.name)
            XCTAssertEqual(Array(kernel.shape.dims.prefix(2)), [3, 3], kernelNode.name)
            XCTAssertEqual(try kernel.elementBytes().count, try kernel.elementCount() * 4)
            filterCounts.append(kernel.shape.dims.last ?? 0)
        }
        XCTAssertEqual(filterCounts, [32, 64, 64, 64, 64, 128, 128, 256])
        XCTAssertEqual(graph.nodes.filter { $0.op == "MaxPool" }.count, 4)
        XCTAssertEqual(byName["logits/BiasAdd"]?.op, "BiasAdd")
    }
}
