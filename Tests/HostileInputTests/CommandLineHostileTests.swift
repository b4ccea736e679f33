import Foundation
import GraphDefReader
import Images
import LandmarkNet
import TestSupport
import XCTest

/// Runs the built `landmark` binary on hostile files: each must exit non-zero with exactly one line on stderr
/// (`error: ...`) and no crash report or stack trace.
final class CommandLineHostileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func landmark(_ arguments: [String]) throws -> CommandOutcome {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        return try CommandRun.run(executable, arguments)
    }

    /// Asserts the hostile outcome: a normal non-zero exit, one `error:` line on stderr naming `fragment`.
    private func assertFailsCleanly(_ arguments: [String], mentions fragment: String? = nil,
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try landmark(arguments)
        let label = arguments.map { ($0 as NSString).lastPathComponent }.joined(separator: " ")
        XCTAssertTrue(outcome.exited, "\(label): killed by signal \(outcome.status)\n\(outcome.stderr)", file: file, line: line)
        XCTAssertNotEqual(outcome.status, 0, "\(label): exit status 0", file: file, line: line)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "\(label): stderr is not one line:\n\(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), "\(label): \(outcome.stderr)", file: file, line: line)
        for trace in ["Backtrac", "Fatal error", "crashed", "Thread 0", "Stack dump", "Current stack trace"] {
            XCTAssertFalse(outcome.stderr.contains(trace) || outcome.stdout.contains(trace), "\(label): \(outcome.stderr)",
                           file: file, line: line)
        }
        if let fragment {
            XCTAssertTrue(outcome.stderr.contains(fragment), "\(label): '\(outcome.stderr)' does not mention '\(fragment)'",
                          file: file, line: line)
        }
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func write(_ name: String, _ graph: HostileGraph) throws -> String { try write(name, graph.bytes) }

    private static let nhwc1: AttrValue = .ints([1, 1, 1, 1])

    /// Hostile graphs with the fragment their error must contain.
    private func hostileGraphs() throws -> [(String, String)] {
        var files: [(String, String)] = []
        let seed = try [UInt8](Data(contentsOf: HostileFixtures.directory.deletingLastPathComponent()
            .appendingPathComponent("conv2d_valid/graph.pb")))
        files.append((try write("truncated.pb", Array(seed.prefix(seed.count / 2))), "truncated"))
        // A valid node first, so that the file is recognised as a GraphDef, then the hostile field.
        var first = HostileGraph()
        first.placeholder("x", shape: [1])
        files.append((try write("varint11.pb", first.bytes + [0x0a] + [UInt8](repeating: 0xff, count: 10) + [0x01]),
                      "varint longer than 10 bytes"))
        files.append((try write("length2e63.pb", first.bytes + [0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
                      "length 9223372036854775808 exceeds"))
        var big = HostileGraph()
        big.const("big", TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1 << 31, 1 << 31])))
        big.op("out", "Relu", ["big"])
        files.append((try write("const_2e31.pb", big), "node 'big' (Const)"))
        var cycle = HostileGraph()
        cycle.op("a", "Relu", ["b"])
        cycle.op("b", "Relu", ["a"])
        cycle.op("out", "Relu", ["b"])
        files.append((try write("cycle.pb", cycle), "cycle"))
        var me = HostileGraph()
        me.op("me", "Relu", ["me"])
        files.append((try write("self_input.pb", me), "node 'me' (Relu)"))
        var wrong = HostileGraph()
        wrong.placeholder("x", shape: [2])
        wrong.op("l", "LeakyRelu", ["x"], ["alpha": .text("big")])
        files.append((try write("wrong_attribute_type.pb", wrong), "node 'l' (LeakyRelu): attribute 'alpha' must be a float"))
        var stride = HostileGraph()
        stride.placeholder("x", shape: [1, 4, 4, 1])
        stride.op("pool", "MaxPool", ["x"], ["ksize": .ints([1, 2, 2, 1]), "strides": .ints([1, 0, 1, 1]), "padding": .text("VALID")])
        files.append((try write("zero_stride.pb", stride), "node 'pool' (MaxPool)"))
        var kernel = HostileGraph()
        kernel.placeholder("x", shape: [1, 2, 2, 1])
        kernel.const("w", [Float](repeating: 1, count: 9), shape: [3, 3, 1, 1])
        kernel.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("VALID")])
        files.append((try write("kernel_larger_than_input.pb", kernel), "node 'conv' (Conv2D): window 3 is larger than the input 2"))
        var past = HostileGraph()
        past.placeholder("x", shape: [1])
        past.op("a", "Relu", ["x:1"])
        files.append((try write("output_index_past_outputs.pb", past), "node 'a' (Relu): input 'x:1' does not exist"))
        var types = HostileGraph()
        types.placeholder("x", shape: [2])
        types.placeholder("i", .int32, shape: [2])
        types.op("sum", "AddV2", ["x", "i"])
        files.append((try write("dtype_mismatch.pb", types), "node 'sum' (AddV2): input dtypes differ"))
        var unknown = HostileGraph()
        unknown.placeholder("x", shape: [2])
        unknown.op("f", "Frobnicate", ["x"])
        files.append((try write("unsupported_op.pb", unknown), "unsupported ops: Frobnicate ('f')"))
        var nested: [UInt8] = []
        for _ in 0..<2_000 { nested = [0x0a] + ProtoLength.encode(nested.count) + nested }
        var node = ProtoBytes()
        node.string(1, "n")
        node.string(2, "Identity")
        node.message(5) { entry in
            entry.string(1, "T")
            entry.data(2, nested)
        }
        var graph = ProtoBytes()
        graph.data(1, node.bytes)
        files.append((try write("nested_lists.pb", graph.bytes), "node 'n' (Identity)"))
        files.append((try write("empty.pb", []), "empty.pb"))
        files.append((try write("model.pbtxt", Array("node {\n  name: \"x\"\n  op: \"Placeholder\"\n}\n".utf8)), "text"))
        for crasher in CrasherRegressionTests.crashers where crasher.limits == ModelLimits() {
            files.append((HostileFixtures.url(crasher.file).path, crasher.error ?? "was not fed"))
        }
        return files
    }

    func testRunOnHostileGraphs() throws {
        for (path, fragment) in try hostileGraphs() {
            try assertFailsCleanly(["run", path, "--save-dir", directory.path], mentions: fragment)
        }
        try assertFailsCleanly(["run", directory.appendingPathComponent("missing.pb").path], mentions: "missing.pb")
        try assertFailsCleanly(["run", directory.path], mentions: directory.path)
    }

    /// Names in a graph are any UTF-8: a node named with a newline or a terminal escape must not break the one-line
    /// error or reach the terminal raw.
    func testControlCharactersInNamesStayOnOneLine() throws {
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        g.op("evil\nnode\u{1b}[2J", "LeakyRelu", ["x"], ["alpha": .int(1)])
        let path = try write("control_characters.pb", g)
        try assertFailsCleanly(["run", path], mentions: "evil\\nnode\\u{1B}[2J")
        let image = directory.appendingPathComponent("bad\nname.png")
        try Data("not an image".utf8).write(to: image)
        try assertFailsCleanly(["detect", image.path], mentions: "bad\\nname.png")
    }

    func testInspectAndBenchOnHostileFiles() throws {
        let graphs = try hostileGraphs()
        // Decoding errors: inspect reports them like run does.
        for (path, fragment) in graphs.prefix(3) {
            try assertFailsCleanly(["inspect", path], mentions: fragment)
            try assertFailsCleanly(["bench", path, "--iterations", "1", "--warmup", "0", "--threads", "1"], mentions: fragment)
        }
    }

    func testLimitOptions() throws {
        let seed = HostileFixtures.directory.deletingLastPathComponent().appendingPathComponent("seed_tf1")
        let model = seed.appendingPathComponent("graph.pb").path
        let input = "input_image_tensor=" + seed.appendingPathComponent("input_image_tensor.npy").path
        try assertFailsCleanly(["run", model, "--input", input, "--save-dir", directory.path, "--max-weights-mb", "4"],
                               mentions: "weight limit of 4194304 bytes")
        try assertFailsCleanly(["run", model, "--input", input, "--save-dir", directory.path, "--max-tensor-mb", "1"],
                               mentions: "above maxTensorBytes 1048576")
        try assertFailsCleanly(["run", model, "--input", input, "--save-dir", directory.path, "--max-arena-mb", "1"],
                               mentions: "more than the limit of 1048576")
        try assertFailsCleanly(["run", model, "--input", input, "--save-dir", directory.path, "--max-nodes", "10"],
                               mentions: "more than the limit of 10")
        try assertFailsCleanly(["inspect", model, "--max-nodes", "10"], mentions: "more than the limit of 10")
        try assertFailsCleanly(["detect", directory.path + "/none.png", "--model", model, "--max-weights-mb", "4"],
                               mentions: "weight limit")
    }

    func testRunWithHostileNPYInputs() throws {
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        g.op("out", "Relu", ["x"])
        let model = try write("relu.pb", g)
        func npy(_ header: String, _ data: [UInt8]) -> [UInt8] {
            let text = Array((header + String(repeating: " ", count: (64 - (11 + header.utf8.count) % 64) % 64) + "\n").utf8)
            return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(text.count & 0xff), UInt8(text.count >> 8)] + text + data
        }
        let cases: [(String, [UInt8], String)] = [
            ("magic.npy", Array("PK not npy at all".utf8), "bad magic"),
            ("fortran.npy", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", [0, 0, 0, 0, 0, 0, 0, 0]), "Fortran"),
            ("dtype.npy", npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", [UInt8](repeating: 0, count: 16)), "dtype"),
            ("lying.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000,), }", [0, 0, 0, 0]), "400000000 bytes"),
            ("int.npy", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", [1, 0, 0, 0, 2, 0, 0, 0]), "expects float32, got int32"),
            ("shape.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", [UInt8](repeating: 0, count: 12)), "expects shape [2], got [3]"),
            ("empty.npy", [], "bad magic"),
        ]
        for (name, bytes, fragment) in cases {
            let path = try write(name, bytes)
            try assertFailsCleanly(["run", model, "--input", "x=" + path, "--save-dir", directory.path], mentions: fragment)
        }
        try assertFailsCleanly(["run", model, "--input", "x=" + directory.appendingPathComponent("nope.npy").path], mentions: "nope.npy")
        // NaN and infinity are data: the run succeeds.
        let floats: [Float] = [.nan, .infinity]
        let good = try write("nan.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats.withUnsafeBytes { Array($0) }))
        let outcome = try landmark(["run", model, "--input", "x=" + good, "--save-dir", directory.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
    }

    func testDetectOnHostileImages() throws {
        let sample = try HostileImages.sample()
        let jpeg = try sample.jpegData(quality: 80)
        let cases: [(String, [UInt8], String)] = [
            ("zero.jpg", [], "empty"),
            ("truncated.jpg", Array(jpeg.prefix(jpeg.count / 2)), "truncated.jpg"),
            ("huffman.jpg", try HostileImages.corruptHuffmanJPEG(), "huffman.jpg"),
            ("crc.png", try HostileImages.badCRCPNG(), "crc.png"),
            ("absurd.png", HostileImages.absurdPNG(width: 1_000_000, height: 1_000_000), "exceeds"),
            ("absurd.jpg", try HostileImages.absurdJPEG(width: 65_000, height: 65_000), "exceeds"),
            ("text.png", Array("hello".utf8), "unrecognized"),
        ]
        for (name, bytes, fragment) in cases {
            let path = try write(name, bytes)
            try assertFailsCleanly(["detect", path], mentions: fragment)
        }
    }
}

/// Varint encoding of a length, for building nested messages by hand.
enum ProtoLength {
    static func encode(_ value: Int) -> [UInt8] {
        var writer = ProtoBytes()
        writer.rawVarint(UInt64(value))
        return writer.bytes
    }
}
