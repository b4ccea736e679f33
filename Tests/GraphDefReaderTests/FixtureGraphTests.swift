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
            XCTAssertTrue(graph.nodes.contains { $0.op == "Placeholder" }, "\(name) has an input placeholder")
        }
    }
}
