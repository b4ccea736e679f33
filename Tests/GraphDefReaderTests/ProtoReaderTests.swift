import XCTest
@testable import GraphDefReader

/// Wire-format primitives: varints, fixed widths, lengths, tags, skipping.
final class ProtoReaderTests: XCTestCase {
    private func reader(_ bytes: [UInt8]) -> ProtoReader { ProtoReader(bytes[...]) }

    private func assertThrows(_ kind: GraphDefError.Kind, file: StaticString = #filePath, line: UInt = #line,
                              _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected \(kind) error", file: file, line: line)
        } catch {
            XCTAssertEqual((error as? GraphDefError)?.kind, kind, "\(error)", file: file, line: line)
        }
    }

    func testVarintsRoundTripAcrossAllLengths() throws {
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 35, UInt64(Int64.max), .max]
        for value in values {
            var writer = TestProtoWriter()
            writer.rawVarint(value)
            var cursor = reader(writer.bytes)
            XCTAssertEqual(try cursor.readVarint(), value)
            XCTAssertTrue(cursor.isAtEnd)
        }
        var writer = TestProtoWriter()
        writer.rawVarint(.max)
        XCTAssertEqual(writer.bytes.count, 10, "UInt64.max takes exactly 10 bytes")
    }

    func testElevenByteVarintIsMalformed() {
        // Ten continuation bytes then a terminator: one byte too many, even though the value is small.
        let bytes = [UInt8](repeating: 0x80, count: 10) + [0x00]
        assertThrows(.malformedVarint) { var cursor = reader(bytes); _ = try cursor.readVarint() }
    }

    func testTenthByteBeyondSixtyFourBitsIsMalformed() {
        // Nine full bytes then a tenth byte with value 2: bit 64 would be set.
        let bytes = [UInt8](repeating: 0xFF, count: 9) + [0x02]
        assertThrows(.malformedVarint) { var cursor = reader(bytes); _ = try cursor.readVarint() }
    }

    func testTruncatedVarintAndFixedWidths() {
        assertThrows(.truncated) { var cursor = reader([0x80, 0x80]); _ = try cursor.readVarint() }
        assertThrows(.truncated) { var cursor = reader([1, 2, 3]); _ = try cursor.readFixed32() }
        assertThrows(.truncated) { var cursor = reader([1, 2, 3, 4, 5, 6, 7]); _ = try cursor.readFixed64() }
    }

    func testFixedWidthsAreLittleEndian() throws {
        var cursor = reader([0x78, 0x56, 0x34, 0x12, 0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01])
        XCTAssertEqual(try cursor.readFixed32(), 0x1234_5678)
        XCTAssertEqual(try cursor.readFixed64(), 0x0123_4567_89AB_CDEF)
        XCTAssertTrue(cursor.isAtEnd)
    }

    func testLengthOfTwoToTheSixtyThirdIsOutOfBoundsWithoutOverflow() {
        var writer = TestProtoWriter()
        writer.tag(1, TestProtoWriter.lengthDelimited)
        writer.rawVarint(1 << 63)
        writer.bytes += [1, 2, 3]
        assertThrows(.lengthOutOfBounds) { _ = try GraphDef(serializedBytes: writer.bytes) }
        var maxLength = TestProtoWriter()
        maxLength.rawVarint(.max)
        assertThrows(.lengthOutOfBounds) { var cursor = reader(maxLength.bytes); _ = try cursor.readLengthDelimitedRange() }
    }

    func testLengthJustPastTheEndIsOutOfBounds() throws {
        assertThrows(.lengthOutOfBounds) { var cursor = reader([3, 0xAA, 0xBB]); _ = try cursor.readLengthDelimitedRange() }
        var cursor = reader([2, 0xAA, 0xBB])
        XCTAssertEqual(try cursor.readLengthDelimitedRange(), 1..<3)
    }

    func testGroupWireTypesAreRejected() {
        var start = TestProtoWriter()
        start.tag(7, 3)
        assertThrows(.groupsNotSupported) { _ = try GraphDef(serializedBytes: start.bytes) }
        var end = TestProtoWriter()
        end.tag(7, 4)
        assertThrows(.groupsNotSupported) { _ = try GraphDef(serializedBytes: end.bytes) }
    }

    func testInvalidWireTypesAndFieldZeroAreRejected() {
        for wireType: UInt8 in [6, 7] {
            var writer = TestProtoWriter()
            writer.tag(9, wireType)
            assertThrows(.invalidWireType) { _ = try GraphDef(serializedBytes: writer.bytes) }
        }
        assertThrows(.invalidWireType) { _ = try GraphDef(serializedBytes: [0x00, 0x00]) }
    }

    func testKnownFieldWithWrongWireTypeIsRejected() {
        // NodeDef.name (1) sent as a varint.
        var node = TestProtoWriter()
        node.varint(1, 5)
        assertThrows(.invalidWireType) { _ = try GraphDef(serializedBytes: TF.graph(nodes: [node])) }
    }

    func testUnknownFieldsOfEveryWireTypeAreSkippedAtEveryLevel() throws {
        func addUnknowns(_ writer: inout TestProtoWriter) {
            writer.varint(1000, .max)
            writer.fixed64(1001, 0xDEAD_BEEF)
            writer.data(1002, [0x08, 0xFF])  // looks like a message, must not be looked into
            writer.fixed32(1003, 7)
        }
        let tensor: (inout TestProtoWriter) -> Void = { tensor in
            addUnknowns(&tensor)
            tensor.varint(1, 1)
            tensor.message(2) { shape in addUnknowns(&shape); TF.shape([2], into: &shape) }
            tensor.packedFixed32(5, [Float(1.5).bitPattern, Float(2.5).bitPattern])
            addUnknowns(&tensor)
        }
        var node = TF.constNode("c", dtype: 1, tensor: tensor)
        addUnknowns(&node)
        node.varint(6 /* experimental_debug_info */, 0)
        var graph = TestProtoWriter()
        addUnknowns(&graph)
        graph.data(1, node.bytes)
        graph.message(2) { library in
            addUnknowns(&library)
            library.message(1) { function in
                addUnknowns(&function)
                function.message(1) { signature in addUnknowns(&signature); signature.string(1, "f") }
                addUnknowns(&function)
            }
        }
        graph.varint(3, 17)
        graph.message(4) { versions in addUnknowns(&versions); versions.varint(1, 27); versions.varint(2, 12) }
        addUnknowns(&graph)

        let decoded = try GraphDef(serializedBytes: graph.bytes)
        XCTAssertEqual(decoded.nodes.count, 1)
        XCTAssertEqual(decoded.nodes.first?.name, "c")
        XCTAssertEqual(decoded.producer, 27)
        XCTAssertEqual(decoded.minConsumer, 12)
        XCTAssertEqual(decoded.functions.map(\.name), ["f"])
        let value = try XCTUnwrap(decoded.nodes.first?.attributes["value"]?.tensor)
        XCTAssertEqual(value.shape.dims, [2])
        XCTAssertEqual(value.floatVal, [1.5, 2.5])
    }

    func testPackedFixedRunWithRaggedLengthIsRejected() {
        let node = TF.constNode("c", dtype: 1) { $0.data(5, [0, 0, 128, 63, 0]) }
        assertThrows(.truncated) { _ = try GraphDef(serializedBytes: TF.graph(nodes: [node])) }
    }
}
