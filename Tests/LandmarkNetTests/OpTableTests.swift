import Foundation
import GraphDefReader
@testable import LandmarkNet
import TestSupport
import XCTest

/// The op table is the one list of supported ops: the README's table, the importer and `landmark ops` follow it.
final class OpTableTests: XCTestCase {

    /// The lines of README.md between `<!-- ops:begin -->` and `<!-- ops:end -->`, without blank lines.
    private func readmeOpsBlock() throws -> [String] {
        let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        guard let begin = lines.firstIndex(of: "<!-- ops:begin -->"),
              let end = lines[begin...].firstIndex(of: "<!-- ops:end -->") else {
            XCTFail("README.md has no <!-- ops:begin --> ... <!-- ops:end --> block")
            return []
        }
        return lines[(begin + 1)..<end].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    func testReadmeListsExactlyTheSupportedOps() throws {
        var listed = Set<String>()
        for line in try readmeOpsBlock() {
            let pieces = line.components(separatedBy: "`")
            // Odd pieces are the text between a pair of backticks.
            for k in stride(from: 1, to: pieces.count - 1, by: 2) { listed.insert(pieces[k]) }
        }
        let supported = Set(OpTable.supported.map(\.name))
        XCTAssertEqual(supported, OpTable.supportedNames)
        XCTAssertEqual(supported.subtracting(listed).sorted(), [], "supported ops missing from README.md's ops table")
        XCTAssertEqual(listed.subtracting(supported).sorted(), [], "README.md's ops table lists ops the engine does not run")
    }

    func testSupportedListIsGroupedByFamilyWithEachNameOnce() {
        let names = OpTable.supported.map(\.name)
        XCTAssertEqual(names.count, Set(names).count, "an op is listed twice")
        let families = OpTable.supported.map(\.family)
        let order = OpFamily.allCases
        XCTAssertTrue(zip(families, families.dropFirst()).allSatisfy { order.firstIndex(of: $0)! <= order.firstIndex(of: $1)! },
                      "ops are not grouped in OpFamily order")
        XCTAssertEqual(Set(families), Set(order), "a family has no ops")
        for op in OpTable.supported {
            XCTAssertFalse(op.note.contains("|") || op.note.contains("`") || op.note.contains("\n"),
                           "\(op.name)'s note cannot go in a markdown table cell: \(op.note)")
        }
    }

    /// Every op of the table is made by the importer, through its entry, as a node of its own type.
    func testEveryEntryImports() throws {
        let text: (String) -> AttrValue = { .bytes(Array($0.utf8)) }
        let ints: ([Int64]) -> AttrValue = { .list(AttrList(ints: $0)) }
        // The union of the attributes the ops read, each valid for every op that reads it.
        let attributes: [String: AttrValue] = [
            "T": .type(.float), "dtype": .type(.float), "shape": .shape(TensorShapeProto(dims: [1, 4, 4, 2])),
            "value": .tensor(TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1]), floatVal: [1])),
            "strides": ints([1, 1, 1, 1]), "dilations": ints([1, 1, 1, 1]), "ksize": ints([1, 2, 2, 1]),
            "padding": text("SAME"), "data_format": text("NHWC"), "is_training": .bool(false),
            "DstT": .type(.int32), "out_type": .type(.int32), "squeeze_dims": ints([0]), "axis": .int(0),
            "alpha": .float(0.2), "keep_dims": .bool(false), "transpose_a": .bool(false), "transpose_b": .bool(false),
            "num_split": .int(1), "num": .int(1), "mode": text("REFLECT"), "block_size": .int(2),
        ]
        let names = OpTable.supported.map(\.name)
        let nodes = names.map { NodeDef(name: "node_\($0)", op: $0, attributes: attributes) }
        let graph = try ImportedGraph(GraphDef(nodes: nodes), limits: ModelLimits())
        XCTAssertTrue(graph.unsupported.isEmpty, "\(graph.unsupported.ops.map(\.op))")
        XCTAssertEqual(graph.nodes.map(\.op.typeName), names)
        XCTAssertEqual(graph.placeholders.map { graph.nodes[$0].name }, ["node_Placeholder", "node_PlaceholderWithDefault"])
        XCTAssertTrue(graph.nodes.allSatisfy { !($0.op is UnsupportedOperator) })
    }

    func testUnknownOpsAreReportedAllAtOnceWithTheirNodes() throws {
        let nodes = [
            NodeDef(name: "a", op: "Frobnicate"), NodeDef(name: "b", op: "Quux"), NodeDef(name: "c", op: "Frobnicate"),
        ]
        let graph = try ImportedGraph(GraphDef(nodes: nodes), limits: ModelLimits())
        XCTAssertEqual(graph.unsupported.ops.map(\.op), ["Frobnicate", "Quux"])
        XCTAssertEqual(graph.unsupported.ops.map(\.nodes), [["a", "c"], ["b"]])
        XCTAssertEqual(graph.unsupported.error.kind, .unsupportedOps)
        XCTAssertEqual(graph.unsupported.error.message, "unsupported ops: Frobnicate ('a', 'c'); Quux ('b')")
        XCTAssertNil(OpTable.entry(for: "Frobnicate"))
    }

    func testOpsCommandMarkdownIsTheReadmeTable() throws {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        let outcome = try CommandRun.run(executable, ["ops", "--markdown"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let printed = outcome.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }
        XCTAssertEqual(printed, try readmeOpsBlock(), "README.md's ops table differs from `landmark ops --markdown`")
    }

    func testOpsCommandListsEveryOpAsTextAndJSON() throws {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        let json = try CommandRun.run(executable, ["ops", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let decoded = try JSONDecoder().decode([SupportedOp].self, from: Data(json.stdout.utf8))
        XCTAssertEqual(decoded, OpTable.supported)

        let text = try CommandRun.run(executable, ["ops"])
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.components(separatedBy: "\n")
        XCTAssertEqual(lines.filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") },
                       OpFamily.allCases.map { "\($0.rawValue):" })
        let listed = lines.filter { $0.hasPrefix("  ") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(listed, OpTable.supported.map(\.name))
    }
}
