import Foundation
import GraphDefReader
import LandmarkNet
import XCTest

/// Hostile bytes at the protobuf level, loaded end to end with `Model(data:)`: every one is a one-line
/// `LandmarkError` of kind `invalidModel` that says what is wrong and where, never a trap or a large allocation.
final class WireFormatHostileTests: XCTestCase {
    /// The load error of `bytes`, or nil when they load.
    private func loadError(_ bytes: [UInt8], limits: ModelLimits = ModelLimits()) -> LandmarkError? {
        do {
            _ = try Model(data: Data(bytes), options: Model.Options(limits: limits))
            return nil
        } catch {
            return error
        }
    }

    private func assertLoadFails(_ bytes: [UInt8], mentions fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard let error = loadError(bytes) else {
            return XCTFail("loaded without error", file: file, line: line)
        }
        XCTAssertEqual(error.kind, .invalidModel, "\(error)", file: file, line: line)
        XCTAssertFalse(error.message.contains("\n"), "not one line: \(error)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    /// A graph using every wire type: a Const (name/op strings, varint dtype, a tensor with a shape, fixed64
    /// double_val and length-delimited tensor_content), an Identity whose attributes hold a varint `i` and a
    /// fixed32 `f`, and unknown fields of all four wire types at the graph and node levels.
    /// Returns the bytes and the offsets where a top-level field ends.
    private func everyWireType() -> (bytes: [UInt8], boundaries: Set<Int>) {
        var constant = ProtoBytes()
        constant.string(1, "c")
        constant.string(2, "Const")
        constant.message(5) { entry in
            entry.string(1, "dtype")
            entry.message(2) { $0.varint(6, UInt64(DataType.double.rawValue)) }
        }
        constant.message(5) { entry in
            entry.string(1, "value")
            entry.message(2) { value in
                value.message(8) { tensor in
                    tensor.varint(1, UInt64(DataType.double.rawValue))
                    tensor.message(2) { $0.message(2) { $0.varint(1, 2) } }
                    tensor.fixed64(6, (1.5 as Double).bitPattern)
                    tensor.fixed64(6, (-2.5 as Double).bitPattern)
                }
            }
        }
        constant.varint(99, 7)
        constant.fixed64(98, 0x0102_0304_0506_0708)
        constant.data(97, [1, 2, 3])
        constant.fixed32(96, 0xdead_beef)
        var identity = ProtoBytes()
        identity.string(1, "i")
        identity.string(2, "Identity")
        identity.string(3, "c")
        identity.message(5) { entry in
            entry.string(1, "T")
            entry.message(2) { $0.varint(6, UInt64(DataType.double.rawValue)) }
        }
        identity.message(5) { entry in
            entry.string(1, "some_int")
            entry.message(2) { $0.int(3, -5) }
        }
        identity.message(5) { entry in
            entry.string(1, "some_float")
            entry.message(2) { $0.fixed32(4, (0.25 as Float).bitPattern) }
        }
        var graph = ProtoBytes()
        var boundaries: Set<Int> = [0]
        graph.data(1, constant.bytes)
        boundaries.insert(graph.bytes.count)
        graph.data(1, identity.bytes)
        boundaries.insert(graph.bytes.count)
        graph.varint(20, 1)
        boundaries.insert(graph.bytes.count)
        graph.fixed64(21, 2)
        boundaries.insert(graph.bytes.count)
        graph.data(22, [9, 9])
        boundaries.insert(graph.bytes.count)
        graph.fixed32(23, 3)
        boundaries.insert(graph.bytes.count)
        return (graph.bytes, boundaries)
    }

    func testTheGraphWithEveryWireTypeLoadsAndRuns() throws {
        let model = try Model(data: Data(everyWireType().bytes))
        XCTAssertEqual(model.outputs.map(\.name), ["i"])
        XCTAssertEqual(try model.run([:])["i"]?.scalars(as: Double.self), [1.5, -2.5])
    }

    /// Cut after every byte: a cut at a top-level field boundary is a smaller valid graph; any other is an error
    /// saying the data is truncated or a length runs past the end, naming the node when the cut is inside one.
    func testEveryWireTypeTruncatedAtEveryByte() {
        let (bytes, boundaries) = everyWireType()
        for cut in 0..<bytes.count {
            let prefix = Array(bytes[..<cut])
            let error = loadError(prefix)
            if boundaries.contains(cut) {
                // A valid shorter graph: it may still fail planning (no sinks), but never as a decoding error.
                XCTAssertNotEqual(error?.kind, .invalidModel, "cut at boundary \(cut): \(error.map { "\($0)" } ?? "")")
                continue
            }
            guard let error else {
                XCTFail("cut at \(cut) of \(bytes.count) decoded")
                continue
            }
            XCTAssertEqual(error.kind, .invalidModel, "cut at \(cut): \(error)")
            XCTAssertTrue(error.message.contains("truncated") || error.message.contains("exceeds"), "cut at \(cut): \(error)")
            XCTAssertTrue(error.message.contains("(at byte "), "cut at \(cut): \(error)")
            XCTAssertFalse(error.message.contains("\n"))
        }
    }

    /// The same cuts inside each node's bytes, re-wrapped with a correct length, reach the inner decoders
    /// (attribute values, tensors, shapes): the error names the node by index and, once decoded, by name.
    func testEveryWireTypeTruncatedInsideTheNodes() {
        let (bytes, _) = everyWireType()
        var reader = (bytes: bytes, position: 0)
        var nodes: [[UInt8]] = []
        // Split the graph back into its two node payloads (tag 0x0a, one- or two-byte length).
        while nodes.count < 2 {
            XCTAssertEqual(reader.bytes[reader.position], 0x0a)
            var length = 0, shift = 0, index = reader.position + 1
            while true {
                let byte = reader.bytes[index]
                length |= Int(byte & 0x7f) << shift
                index += 1
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            nodes.append(Array(reader.bytes[index..<(index + length)]))
            reader.position = index + length
        }
        for (nodeIndex, node) in nodes.enumerated() {
            var failures = 0
            for cut in 0..<node.count {
                var graph = ProtoBytes()
                for (other, payload) in nodes.enumerated() { graph.data(1, other == nodeIndex ? Array(payload[..<cut]) : payload) }
                guard let error = loadError(graph.bytes), error.kind == .invalidModel else { continue }
                failures += 1
                XCTAssertTrue(error.message.contains("node[\(nodeIndex)]"), "node \(nodeIndex) cut at \(cut): \(error)")
                XCTAssertTrue(error.message.contains("truncated") || error.message.contains("exceeds"),
                              "node \(nodeIndex) cut at \(cut): \(error)")
            }
            XCTAssertGreaterThan(failures, node.count / 2, "most cuts of node \(nodeIndex) fall inside a field")
        }
    }

    func testElevenByteVarints() {
        let eleven: [UInt8] = [UInt8](repeating: 0xff, count: 10) + [0x01]
        // As a tag.
        assertLoadFails(eleven, mentions: ["varint longer than 10 bytes", "(at byte 0)"])
        // As a length.
        assertLoadFails([0x0a] + eleven, mentions: ["varint longer than 10 bytes", "(at byte 1)"])
        // As an attribute's integer value, inside a node.
        var node = ProtoBytes()
        node.string(1, "n")
        node.string(2, "Identity")
        node.message(5) { entry in
            entry.string(1, "x")
            entry.data(2, [0x18] + eleven)  // AttrValue.i = field 3, varint
        }
        var graph = ProtoBytes()
        graph.data(1, node.bytes)
        assertLoadFails(graph.bytes, mentions: ["node[0] 'n'", "attr 'x'", "varint longer than 10 bytes"])
        // Ten bytes whose value needs 65 bits.
        assertLoadFails([0x48] + [UInt8](repeating: 0xff, count: 9) + [0x02], mentions: ["exceeds 64 bits"])
    }

    func testLengthsOfTwoToTheSixtyThird() {
        let huge: UInt64 = 1 << 63
        func length(_ value: UInt64) -> [UInt8] {
            var writer = ProtoBytes()
            writer.rawVarint(value)
            return writer.bytes
        }
        // A node whose declared length is 2^63 (and 2^64 - 1).
        assertLoadFails([0x0a] + length(huge) + [0x0a, 0x01, 0x41], mentions: ["length 9223372036854775808 exceeds the 3 bytes left"])
        assertLoadFails([0x0a] + length(.max), mentions: ["length 18446744073709551615 exceeds the 0 bytes left"])
        // A name, a tensor_content and a packed list whose length is 2^63, each inside a well-formed node.
        let cases: [(String, [UInt8])] = [
            ("name", [0x0a] + length(huge)),
            ("tensor_content", [0x12, 0x05] + Array("Const".utf8) + [0x2a, 0x0f, 0x0a, 0x05] + Array("value".utf8)
                + [0x12, 0x06, 0x42, 0x04, 0x22] + length(huge).prefix(3)),
            ("packed ints", [0x12, 0x08] + Array("Identity".utf8) + [0x2a, 0x10, 0x0a, 0x01, 0x73, 0x12, 0x0b, 0x0a, 0x09, 0x1a]
                + length(huge).prefix(8)),
        ]
        for (what, payload) in cases {
            var graph = ProtoBytes()
            graph.data(1, payload)
            guard let error = loadError(graph.bytes) else {
                XCTFail("\(what): loaded")
                continue
            }
            XCTAssertTrue(error.message.contains("node[0]"), "\(what): \(error)")
            XCTAssertTrue(error.message.contains("exceeds") || error.message.contains("truncated"), "\(what): \(error)")
        }
    }

    /// The length prefixes of `depth` messages nested in field `field`, innermost empty, written outside in
    /// without copying (each level is a tag and the varint length of everything inside it).
    private func nested(depth: Int, field: UInt32, innermost: [UInt8] = []) -> [UInt8] {
        var lengths = [innermost.count]
        for _ in 0..<depth {
            var header = ProtoBytes()
            header.tag(field, ProtoBytes.lengthDelimited)
            header.rawVarint(UInt64(lengths.last!))
            lengths.append(header.bytes.count + lengths.last!)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lengths.last!)
        for level in stride(from: depth - 1, through: 0, by: -1) {
            var header = ProtoBytes()
            header.tag(field, ProtoBytes.lengthDelimited)
            header.rawVarint(UInt64(lengths[level]))
            bytes += header.bytes
        }
        return bytes + innermost
    }

    /// 100 000 list values nested in one another (through a field the decoder does not interpret, the only way
    /// an AttrValue list can nest): decoding skips them without recursing, and the op reports the attribute.
    func testHundredThousandNestedListAttributes() throws {
        let depth = 100_000
        var node = ProtoBytes()
        node.string(1, "pool")
        node.string(2, "MaxPool")
        node.string(3, "x")
        node.message(5) { entry in
            entry.string(1, "ksize")
            entry.data(2, GraphDefEncoding.encode(AttrValue.ints([1, 2, 2, 1])))
        }
        node.message(5) { entry in
            entry.string(1, "padding")
            entry.message(2) { $0.string(2, "VALID") }
        }
        node.message(5) { entry in
            entry.string(1, "strides")
            entry.data(2, nested(depth: depth, field: 1))  // AttrValue.list -> ListValue field 1 -> ...
        }
        var graph = HostileGraph()
        graph.placeholder("x", shape: [1, 4, 4, 1])
        var bytes = graph.bytes
        var outer = ProtoBytes()
        outer.data(1, node.bytes)
        bytes += outer.bytes
        XCTAssertGreaterThan(bytes.count, 300_000)
        let start = Date()
        let decoded = try GraphDef(serializedBytes: bytes)
        XCTAssertNotNil(decoded.nodes[1].attributes["strides"]?.list)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        let message = thrownError { _ = try Model(data: Data(bytes)) }.map { "\($0)" } ?? "no error"
        XCTAssertTrue(message.contains("node 'pool' (MaxPool): attribute 'strides' must be [1, h, w, 1]"), message)
    }

    /// 100 000 sibling list attributes on one node are decoded (they are data, not depth) and ignored by the op.
    func testHundredThousandListAttributesOnOneNode() throws {
        var graph = HostileGraph()
        graph.placeholder("x", shape: [2])
        var attributes: [String: AttrValue] = ["T": .type(.float)]
        for index in 0..<100_000 { attributes["l\(index)"] = .ints([Int64(index)]) }
        graph.nodes.append(NodeDef(name: "i", op: "Identity", inputs: ["x"], attributes: attributes))
        let model = try Model(data: Data(graph.bytes))
        XCTAssertEqual(try model.run(["x": Tensor(shape: [2], scalars: [Float(1), 2])])["i"]?.scalars(as: Float.self), [1, 2])
    }

    /// The nesting the decoder does follow (attr list -> tensor -> shape) is capped by `maxAttrNesting`, and the
    /// tensors TensorFlow nests in `variant_val` are skipped without being decoded, however deep.
    func testDeeplyNestedTensorsAreSkippedOrCapped() throws {
        var constant = ProtoBytes()
        constant.string(1, "c")
        constant.string(2, "Const")
        constant.message(5) { entry in
            entry.string(1, "value")
            entry.message(2) { value in
                value.message(8) { tensor in
                    tensor.varint(1, UInt64(DataType.float.rawValue))
                    tensor.fixed32(5, (3 as Float).bitPattern)
                    // variant_val (15) -> VariantTensorDataProto.tensors (3) -> TensorProto.variant_val (15) -> ...
                    tensor.data(15, nested(depth: 50_000, field: 3))
                }
            }
        }
        var identity = HostileGraph()
        identity.op("out", "Identity", ["c"])
        var graph = ProtoBytes()
        graph.data(1, constant.bytes)
        let bytes = graph.bytes + identity.bytes
        XCTAssertEqual(try Model(data: Data(bytes)).run([:])["out"]?.scalars(as: Float.self), [3])

        var shallow = ProtoBytes()
        shallow.string(1, "n")
        shallow.string(2, "Identity")
        shallow.message(5) { entry in
            entry.string(1, "l")
            entry.message(2) { $0.message(1) { $0.message(8) { $0.message(2) { $0.message(2) { $0.varint(1, 3) } } } } }
        }
        var shallowGraph = ProtoBytes()
        shallowGraph.data(1, shallow.bytes)
        XCTAssertThrowsError(try GraphDef(serializedBytes: shallowGraph.bytes, limits: ReaderLimits(maxAttrNesting: 4))) { error in
            XCTAssertTrue("\(error)".contains("nested 5 messages deep, above maxAttrNesting 4"), "\(error)")
        }
    }

    func testGroupsInvalidWireTypesAndBadUTF8() {
        assertLoadFails([0x0b], mentions: ["group wire type"])                    // field 1, wire type 3
        assertLoadFails([0x0e, 0x00], mentions: ["invalid wire type 6"])
        assertLoadFails([0x00, 0x00], mentions: ["field number 0"])
        assertLoadFails([0x08, 0x01], mentions: ["field 1 'node' has wire type 0, expected 2"])
        assertLoadFails([0x0a, 0x04, 0x0a, 0x02, 0xc3, 0x28], mentions: ["node[0]", "not valid UTF-8"])
    }

    func testNodeCountLimit() {
        var graph = HostileGraph()
        graph.placeholder("x", shape: [1])
        for index in 0..<20 { graph.op("r\(index)", "Relu", ["x"]) }
        let error = loadError(graph.bytes, limits: ModelLimits(maxNodes: 10))
        XCTAssertEqual(error?.kind, .limitExceeded, "\(error.map { "\($0)" } ?? "no error")")
        XCTAssertTrue(error?.message.contains("21 nodes, more than the limit of 10") ?? false, "\(error.map { "\($0)" } ?? "")")
    }
}
