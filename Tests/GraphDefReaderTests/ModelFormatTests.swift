import XCTest
import GraphDefReader
#if canImport(Glibc)
import Glibc
#endif

/// Detection of model formats that are not frozen GraphDefs, on real temporary files and directories.
final class ModelFormatTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("GraphDefReaderTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to `name` in the temp directory and returns its URL.
    private func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    private func detect(_ url: URL) throws -> ModelFormat {
        let prefix = FileManager.default.contents(atPath: url.path).map { [UInt8]($0.prefix(4096)) } ?? []
        return ModelFormat.detect(url: url, prefix: prefix[...])
    }

    /// Asserts that loading `url` as a GraphDef fails with `notAGraphDef(expected)` naming the file.
    private func assertNotAGraphDef(_ url: URL, _ expected: ModelFormat, line: UInt = #line) {
        XCTAssertThrowsError(try GraphDef(contentsOf: url), line: line) { error in
            guard let error = error as? GraphDefError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(error.kind, .notAGraphDef(expected), "\(error)", line: line)
            XCTAssertTrue(error.description.contains(url.lastPathComponent), error.description, line: line)
            XCTAssertTrue(error.description.contains(expected.freezeAdvice), error.description, line: line)
        }
    }

    private var graphDefBytes: [UInt8] {
        var graph = TestProtoWriter()
        graph.data(1, TF.node("input", "Placeholder").bytes)
        graph.message(4) { $0.varint(1, 27) }
        return graph.bytes
    }

    /// A SavedModel directory whose name is not UTF-8 (Latin-1 `export\xe9`, carried as the escape U+F7E9) is
    /// still recognised, so the message says how to freeze it.
    func testLatin1SavedModelDirectoryIsRecognised() throws {
        let raw = Array(directory.path.utf8).map { CChar(bitPattern: $0) } + Array("/export".utf8).map { CChar(bitPattern: $0) }
            + [CChar(bitPattern: 0xE9)]
        XCTAssertEqual(mkdir(raw + [0], 0o755), 0)
        XCTAssertEqual(mkdir(raw + Array("/variables".utf8).map { CChar(bitPattern: $0) } + [0], 0o755), 0)
        assertNotAGraphDef(directory.appendingPathComponent("export\u{F7E9}"), .savedModelDirectory)
    }

    func testFrozenGraphDefLoadsFromAFile() throws {
        let url = try file("frozen.pb", graphDefBytes)
        XCTAssertEqual(try detect(url), .graphDef)
        let graph = try GraphDef(contentsOf: url)
        XCTAssertEqual(graph.nodes.first?.op, "Placeholder")
        XCTAssertEqual(graph.producer, 27)
    }

    func testSavedModelDirectoryAndProto() throws {
        // SavedModel: saved_model_schema_version (1) = 1, meta_graphs (2) = MetaGraphDef starting with
        // meta_info_def (1) and graph_def (2).
        var savedModel = TestProtoWriter()
        savedModel.varint(1, 1)
        savedModel.message(2) { meta in
            meta.message(1) { $0.string(1, "serve") }
            meta.data(2, self.graphDefBytes)
        }
        let model = directory.appendingPathComponent("export/1565000000")
        let proto = try file("export/1565000000/saved_model.pb", savedModel.bytes)
        _ = try file("export/1565000000/variables/variables.index", [0, 1, 2])

        XCTAssertEqual(try detect(model), .savedModelDirectory)
        XCTAssertEqual(try detect(proto), .savedModelWithVariables)
        assertNotAGraphDef(model, .savedModelDirectory)
        assertNotAGraphDef(proto, .savedModelWithVariables)
        XCTAssertTrue(ModelFormat.savedModelDirectory.freezeAdvice.contains("convert_variables_to_constants_v2"))
    }

    func testCheckpointFilesAndDirectory() throws {
        let index = try file("ckpt/model.ckpt-1000.index", [0x00, 0x01])
        let data = try file("ckpt/model.ckpt-1000.data-00000-of-00001", [0x3F, 0x80, 0, 0])
        let meta = try file("ckpt/model.ckpt-1000.meta", graphDefBytes)  // MetaGraphDef bytes look like GraphDef
        let state = try file("ckpt/checkpoint", Array("model_checkpoint_path: \"model.ckpt-1000\"\n".utf8))
        for url in [index, data, meta, state] {
            XCTAssertEqual(try detect(url), .checkpoint, url.lastPathComponent)
        }
        XCTAssertEqual(try detect(directory.appendingPathComponent("ckpt")), .checkpoint)
        assertNotAGraphDef(meta, .checkpoint)
        assertNotAGraphDef(directory.appendingPathComponent("ckpt"), .checkpoint)
    }

    func testONNXModelProto() throws {
        // ModelProto: ir_version (1) = 7, producer_name (2) = "pytorch", producer_version (3), graph (7), opset (8).
        var onnx = TestProtoWriter()
        onnx.varint(1, 7)
        onnx.string(2, "pytorch")
        onnx.string(3, "2.1.0")
        onnx.message(7) { $0.string(2, "main_graph") }
        onnx.message(8) { $0.varint(2, 17) }
        let url = try file("model.bin", onnx.bytes)
        XCTAssertEqual(try detect(url), .onnx)
        assertNotAGraphDef(url, .onnx)

        // Only ir_version and a producer name within the prefix: the text tells it apart from SavedModel.
        var short = TestProtoWriter()
        short.varint(1, 8)
        short.string(2, "tf2onnx")
        XCTAssertEqual(ModelFormat.detect(url: URL(fileURLWithPath: "/nonexistent/m"), prefix: short.bytes[...]), .onnx)
    }

    func testTFLiteFlatbuffer() throws {
        let url = try file("model.data", [0x1C, 0, 0, 0] + Array("TFL3".utf8) + [UInt8](repeating: 0, count: 24))
        XCTAssertEqual(try detect(url), .tflite)
        assertNotAGraphDef(url, .tflite)
    }

    func testTextProto() throws {
        let url = try file("graph.pb", Array("# exported\nnode {\n  name: \"input\"\n  op: \"Placeholder\"\n}\n".utf8))
        XCTAssertEqual(try detect(url), .textProto)
        assertNotAGraphDef(url, .textProto)
        let compact = try file("g2", Array("node{name:\"a\"}".utf8))
        XCTAssertEqual(try detect(compact), .textProto)
    }

    func testUnknownAndEmptyFilesAndDirectories() throws {
        let junk = try file("junk.bin", [0xFF, 0xFF, 0xFF, 0x00, 0x13])
        XCTAssertEqual(try detect(junk), .unknown)
        assertNotAGraphDef(junk, .unknown)
        let empty = try file("empty.pb", [])
        assertNotAGraphDef(empty, .unknown)
        let plainDirectory = directory.appendingPathComponent("nothing-here")
        try FileManager.default.createDirectory(at: plainDirectory, withIntermediateDirectories: true)
        assertNotAGraphDef(plainDirectory, .unknown)
    }

    func testMissingFileIsAnIOError() {
        let url = directory.appendingPathComponent("missing.pb")
        XCTAssertThrowsError(try GraphDef(contentsOf: url)) { error in
            XCTAssertEqual((error as? GraphDefError)?.kind, .io)
            XCTAssertEqual((error as? GraphDefError)?.file, url.path)
        }
    }

    func testAdviceIsOneLineForEveryFormat() {
        let formats: [ModelFormat] = [.graphDef, .savedModelDirectory, .savedModelWithVariables, .checkpoint,
                                      .onnx, .tflite, .textProto, .unknown]
        for format in formats {
            XCTAssertFalse(format.freezeAdvice.isEmpty)
            XCTAssertFalse(format.freezeAdvice.contains("\n"))
        }
    }
}
