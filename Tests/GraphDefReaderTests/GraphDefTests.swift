import XCTest
@testable import GraphDefReader

/// Whole-graph decoding: nodes, inputs, every attribute kind, error context, limits and truncation.
final class GraphDefTests: XCTestCase {
    /// A conv-like node using every AttrValue variant and a nested list.
    private func richNode() -> TestProtoWriter {
        TF.node("conv1/Conv2D", "Conv2D", inputs: ["input:0", "conv1/kernel", "^init"], attrs: [
            ("T", { $0.varint(6, 1) }),
            ("padding", { $0.string(2, "VALID") }),
            ("use_cudnn_on_gpu", { $0.varint(5, 1) }),
            ("epsilon", { $0.float(4, 0.001) }),
            ("axis", { $0.int(3, -1) }),
            ("shape", { writer in writer.message(7) { TF.shape([-1, 128, 128, 3], into: &$0) } }),
            ("unknown_shape", { writer in writer.message(7) { $0.varint(3, 1) } }),
            ("value", { writer in writer.message(8) { tensor in
                tensor.varint(1, 1)
                tensor.message(2) { TF.shape([2], into: &$0) }
                tensor.data(4, [0, 0, 128, 63, 0, 0, 0, 64])
            } }),
            ("strides", { writer in writer.message(1) { list in list.packedVarints(3, [1, 2, 2, 1]) } }),
            ("mixed_list", { writer in writer.message(1) { list in
                list.string(2, "a")
                list.string(2, "b")
                list.packedFixed32(4, [Float(0.5).bitPattern])
                list.float(4, 1.5)
                list.varint(5, 1)
                list.packedVarints(6, [1, 3])
                list.message(7) { TF.shape([4], into: &$0) }
                list.message(8) { $0.varint(1, 3) }
                list.message(9) { $0.string(1, "fn") }
            } }),
            ("f", { writer in writer.message(10) { fn in fn.string(1, "my_function"); fn.message(2) { _ in } } }),
            ("ph", { $0.string(9, "T") }),
            ("nothing", { _ in }),
        ])
    }

    func testDecodesNodesInputsAndEveryAttributeKind() throws {
        var graph = TestProtoWriter()
        graph.data(1, TF.node("input", "Placeholder").bytes)
        graph.data(1, richNode().bytes)
        graph.message(4) { $0.varint(1, 38); $0.varint(2, 0) }
        let decoded = try GraphDef(serializedBytes: graph.bytes)

        XCTAssertEqual(decoded.nodes.map(\.name), ["input", "conv1/Conv2D"])
        XCTAssertEqual(decoded.nodes.map(\.op), ["Placeholder", "Conv2D"])
        XCTAssertEqual(decoded.producer, 38)
        XCTAssertEqual(decoded.minConsumer, 0)
        let node = decoded.nodes[1]
        XCTAssertEqual(node.inputs, ["input:0", "conv1/kernel", "^init"])
        XCTAssertEqual(node.device, "")
        let attrs = node.attributes
        XCTAssertEqual(attrs["T"]?.type, .float)
        XCTAssertEqual(attrs["padding"]?.string, "VALID")
        XCTAssertEqual(attrs["padding"]?.bytes, Array("VALID".utf8))
        XCTAssertEqual(attrs["use_cudnn_on_gpu"]?.bool, true)
        XCTAssertEqual(attrs["epsilon"]?.float, 0.001)
        XCTAssertEqual(attrs["axis"]?.int, -1)
        XCTAssertEqual(attrs["shape"]?.shape, TensorShapeProto(dims: [-1, 128, 128, 3]))
        XCTAssertEqual(attrs["unknown_shape"]?.shape, TensorShapeProto(dims: [], unknownRank: true))
        let value = try XCTUnwrap(attrs["value"]?.tensor)
        XCTAssertEqual(value.dtype, .float)
        XCTAssertEqual(Array(try value.elementBytes()), [0, 0, 128, 63, 0, 0, 0, 64])
        XCTAssertEqual(attrs["strides"]?.list?.ints, [1, 2, 2, 1])
        let list = try XCTUnwrap(attrs["mixed_list"]?.list)
        XCTAssertEqual(list.bytes, [Array("a".utf8), Array("b".utf8)])
        XCTAssertEqual(list.floats, [0.5, 1.5])
        XCTAssertEqual(list.bools, [true])
        XCTAssertEqual(list.types, [.float, .int32])
        XCTAssertEqual(list.shapes, [TensorShapeProto(dims: [4])])
        XCTAssertEqual(list.tensors.map(\.dtype), [.int32])
        XCTAssertEqual(list.functions, ["fn"])
        guard case .function("my_function")? = attrs["f"] else { return XCTFail("func attr: \(String(describing: attrs["f"]))") }
        guard case .placeholder("T")? = attrs["ph"] else { return XCTFail("placeholder attr") }
        guard case .empty? = attrs["nothing"] else { return XCTFail("empty attr") }
        XCTAssertNil(attrs["padding"]?.int, "accessors return nil for other variants")
    }

    func testEmptyInputIsAnEmptyGraph() throws {
        let graph = try GraphDef(serializedBytes: [])
        XCTAssertTrue(graph.nodes.isEmpty)
        XCTAssertNil(graph.producer)
    }

    func testErrorsNameTheNodeAttributeAndOffset() throws {
        // A tensor whose tensor_content claims more bytes than the tensor message holds.
        var tensorBytes = TestProtoWriter()
        tensorBytes.varint(1, 1)
        tensorBytes.tag(4, TestProtoWriter.lengthDelimited)
        tensorBytes.rawVarint(100)
        tensorBytes.bytes += [1, 2, 3]
        let bad = TF.node("conv1/Conv2D", "Const", attrs: [("value", { $0.data(8, tensorBytes.bytes) })])
        let bytes = TF.graph(nodes: [TF.node("ok", "NoOp"), bad])
        do {
            _ = try GraphDef(serializedBytes: bytes)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.kind, .lengthOutOfBounds)
            XCTAssertEqual(error.path, "node[1] 'conv1/Conv2D' attr 'value' tensor")
            let offset = try XCTUnwrap(error.offset)
            XCTAssertEqual(bytes[offset], 100, "offset points at the bad length varint")
            XCTAssertTrue(error.description.contains("node[1] 'conv1/Conv2D' attr 'value' tensor"), error.description)
            XCTAssertFalse(error.description.contains("\n"))
        }
    }

    func testInvalidUTF8InANameIsRejected() {
        var node = TestProtoWriter()
        node.data(1, [0x66, 0xFF, 0xFE])
        XCTAssertThrowsError(try GraphDef(serializedBytes: TF.graph(nodes: [node]))) { error in
            XCTAssertEqual((error as? GraphDefError)?.kind, .invalidUTF8)
        }
    }

    func testMaxNodesLimit() throws {
        let bytes = TF.graph(nodes: (0..<3).map { TF.node("n\($0)", "NoOp") })
        XCTAssertEqual(try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxNodes: 3)).nodes.count, 3)
        XCTAssertThrowsError(try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxNodes: 2))) { error in
            XCTAssertEqual((error as? GraphDefError)?.kind, .limitExceeded)
        }
    }

    func testMaxAttrNestingLimitsMessageDepth() throws {
        // node (1) -> attr value (2) -> list (3) -> tensor (4) -> shape (5).
        let node = TF.node("n", "Op", attrs: [("l", { writer in writer.message(1) { list in
            list.message(8) { tensor in tensor.message(2) { TF.shape([1], into: &$0) } }
        } })])
        let bytes = TF.graph(nodes: [node])
        XCTAssertNoThrow(try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxAttrNesting: 5)))
        XCTAssertThrowsError(try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxAttrNesting: 4))) { error in
            XCTAssertEqual((error as? GraphDefError)?.kind, .limitExceeded)
            XCTAssertEqual((error as? GraphDefError)?.path, "node[0] 'n' attr 'l' list tensor[0] tensor_shape")
        }
    }

    /// Cutting a one-node GraphDef anywhere inside the node must throw a bounds error, never trap.
    func testTruncationAtEveryByteOfAGraphIsABoundsError() {
        let bytes = TF.graph(nodes: [richNode()])
        XCTAssertNoThrow(try GraphDef(serializedBytes: bytes))
        for cut in 1..<bytes.count {
            XCTAssertThrowsError(try GraphDef(serializedBytes: Array(bytes[..<cut])), "cut at \(cut)") { error in
                let kind = (error as? GraphDefError)?.kind
                XCTAssertTrue(kind == .truncated || kind == .lengthOutOfBounds, "cut at \(cut): \(error)")
            }
        }
    }

    /// Cutting the node message itself (re-wrapped with a correct length) exercises the inner decoders:
    /// every cut either is a field boundary of the node (a valid shorter node) or throws a bounds error.
    func testTruncationAtEveryByteInsideANodeIsABoundsErrorOrAFieldBoundary() {
        let node = richNode()
        let boundaries = Set(node.fieldBoundaries)
        for cut in 0..<node.bytes.count {
            var graph = TestProtoWriter()
            graph.data(1, Array(node.bytes[..<cut]))
            do {
                let decoded = try GraphDef(serializedBytes: graph.bytes)
                XCTAssertTrue(boundaries.contains(cut), "cut at \(cut) inside a field decoded without error")
                XCTAssertEqual(decoded.nodes.count, 1)
            } catch {
                XCTAssertFalse(boundaries.contains(cut), "cut at field boundary \(cut) failed: \(error)")
                XCTAssertTrue(error.kind == .truncated || error.kind == .lengthOutOfBounds, "cut at \(cut): \(error)")
            }
        }
    }

    func testParsingALargeTensorContentIsFastAndDoesNotCopy() throws {
        // About the size of the seed model: 30 MB of weights in a few Const nodes.
        let weights = [UInt8](repeating: 0x3F, count: 10 << 20)
        var nodes: [TestProtoWriter] = []
        for index in 0..<3 {
            nodes.append(TF.constNode("w\(index)", dtype: 1) { writer in
                writer.message(2) { TF.shape([Int64(weights.count / 4)], into: &$0) }
                writer.data(4, weights)
            })
        }
        let bytes = TF.graph(nodes: nodes)
        let start = Date()
        let graph = try GraphDef(serializedBytes: bytes)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(graph.nodes.count, 3)
        // Generous even for debug builds; a copying decoder on 30 MB would still pass, so also check identity.
        XCTAssertLessThan(seconds, 0.5)
        let content = try XCTUnwrap(graph.nodes.last?.attributes["value"]?.tensor?.tensorContent)
        let fileBase = bytes.withUnsafeBufferPointer { $0.baseAddress }
        let contentBase = content.withUnsafeBufferPointer { $0.baseAddress }
        XCTAssertEqual(contentBase, fileBase.map { $0 + content.startIndex })
    }
}
