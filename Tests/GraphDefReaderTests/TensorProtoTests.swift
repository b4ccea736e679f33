import XCTest
@testable import GraphDefReader

/// TensorProto decoding (packed/unpacked values) and `elementBytes` semantics.
final class TensorProtoTests: XCTestCase {
    /// Decodes the `value` tensor of a single Const node built by `build`.
    private func decodeTensor(dtype: Int32, _ build: @escaping (inout TestProtoWriter) -> Void) throws -> TensorProto {
        let bytes = TF.graph(nodes: [TF.constNode("c", dtype: dtype, tensor: build)])
        let graph = try GraphDef(serializedBytes: bytes)
        return try XCTUnwrap(graph.nodes.first?.attributes["value"]?.tensor)
    }

    private func floats(_ bytes: ArraySlice<UInt8>) -> [Float] {
        stride(from: bytes.startIndex, to: bytes.endIndex, by: 4).map { index in
            Float(bitPattern: UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
        }
    }

    private func assertThrows(_ kind: GraphDefError.Kind, file: StaticString = #filePath, line: UInt = #line,
                              _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected \(kind) error", file: file, line: line)
        } catch {
            XCTAssertEqual((error as? GraphDefError)?.kind, kind, "\(error)", file: file, line: line)
        }
    }

    func testPackedAndUnpackedRepeatedFieldsDecodeTheSame() throws {
        let floatValues: [Float] = [1, -2.5, .infinity]
        let packed = try decodeTensor(dtype: 1) { $0.packedFixed32(5, floatValues.map(\.bitPattern)) }
        let unpacked = try decodeTensor(dtype: 1) { writer in floatValues.forEach { writer.float(5, $0) } }
        XCTAssertEqual(packed.floatVal, floatValues)
        XCTAssertEqual(unpacked.floatVal, floatValues)

        let ints: [Int64] = [0, -1, 2_147_483_647, -2_147_483_648]
        let packedInts = try decodeTensor(dtype: 3) { $0.packedVarints(7, ints.map { UInt64(bitPattern: $0) }) }
        let unpackedInts = try decodeTensor(dtype: 3) { writer in ints.forEach { writer.int(7, $0) } }
        XCTAssertEqual(packedInts.intVal, [0, -1, .max, .min])
        XCTAssertEqual(unpackedInts.intVal, [0, -1, .max, .min])

        let doubles: [Double] = [0.25, -1e300]
        let packedDoubles = try decodeTensor(dtype: 2) { $0.packedFixed64(6, doubles.map(\.bitPattern)) }
        let unpackedDoubles = try decodeTensor(dtype: 2) { writer in doubles.forEach { writer.fixed64(6, $0.bitPattern) } }
        XCTAssertEqual(packedDoubles.doubleVal, doubles)
        XCTAssertEqual(unpackedDoubles.doubleVal, doubles)

        // Mixed: one packed run followed by an unpacked value appends.
        let mixed = try decodeTensor(dtype: 9) { $0.packedVarints(10, [5, UInt64(bitPattern: -6)]); $0.int(10, 7) }
        XCTAssertEqual(mixed.int64Val, [5, -6, 7])

        let others = try decodeTensor(dtype: 10) { writer in
            writer.packedVarints(11, [1, 0, 1])
            writer.packedVarints(13, [0x3C00, 0xBC00])
            writer.varint(16, 0xFFFF_FFFF)
            writer.packedVarints(17, [.max])
            writer.string(8, "hello")
        }
        XCTAssertEqual(others.boolVal, [true, false, true])
        XCTAssertEqual(others.halfVal, [0x3C00, 0xBC00])
        XCTAssertEqual(others.uint32Val, [.max])
        XCTAssertEqual(others.uint64Val, [.max])
        XCTAssertEqual(others.stringVal.map { Array($0) }, [Array("hello".utf8)])
    }

    func testFloatValRepeatsTheLastValueToFillTheShape() throws {
        let tensor = try decodeTensor(dtype: 1) { writer in
            writer.message(2) { TF.shape([2, 3], into: &$0) }
            writer.packedFixed32(5, [Float(1).bitPattern, Float(7).bitPattern])
        }
        XCTAssertEqual(floats(try tensor.elementBytes()), [1, 7, 7, 7, 7, 7])
    }

    func testSingleFloatValFillsAWholeLargeTensor() throws {
        let tensor = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1000, 33]), floatVal: [0.5])
        let values = floats(try tensor.elementBytes())
        XCTAssertEqual(values.count, 33_000)
        XCTAssertTrue(values.allSatisfy { $0 == 0.5 })
    }

    func testIntValRepeatsLastAndPacksToTheDTypeWidth() throws {
        let int32 = TensorProto(dtype: .int32, shape: TensorShapeProto(dims: [4]), intVal: [-2, 3])
        XCTAssertEqual(Array(try int32.elementBytes()),
                       [0xFE, 0xFF, 0xFF, 0xFF, 3, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0])
        let uint8 = TensorProto(dtype: .uint8, shape: TensorShapeProto(dims: [3]), intVal: [255])
        XCTAssertEqual(Array(try uint8.elementBytes()), [255, 255, 255])
        let int8 = TensorProto(dtype: .int8, shape: TensorShapeProto(dims: [2]), intVal: [-1, -128])
        XCTAssertEqual(Array(try int8.elementBytes()), [0xFF, 0x80])
        let int16 = TensorProto(dtype: .int16, shape: TensorShapeProto(dims: [3]), intVal: [-2, 258])
        XCTAssertEqual(Array(try int16.elementBytes()), [0xFE, 0xFF, 0x02, 0x01, 0x02, 0x01])
        let int64 = TensorProto(dtype: .int64, shape: TensorShapeProto(dims: [2]), int64Val: [-1])
        XCTAssertEqual(Array(try int64.elementBytes()), [UInt8](repeating: 0xFF, count: 16))
    }

    func testBoolValRepeatsLastAsOneBytePerElement() throws {
        let tensor = try decodeTensor(dtype: 10) { writer in
            writer.message(2) { TF.shape([5], into: &$0) }
            writer.varint(11, 0)
            writer.varint(11, 1)
        }
        XCTAssertEqual(Array(try tensor.elementBytes()), [0, 1, 1, 1, 1])
    }

    func testHalfAndBFloat16ValRepeatLastAsTwoBytesPerElement() throws {
        let half = TensorProto(dtype: .half, shape: TensorShapeProto(dims: [3]), halfVal: [0x3C00, 0xC000])
        XCTAssertEqual(Array(try half.elementBytes()), [0x00, 0x3C, 0x00, 0xC0, 0x00, 0xC0])
        let bfloat = TensorProto(dtype: .bfloat16, shape: TensorShapeProto(dims: [2]), halfVal: [0x3F80])
        XCTAssertEqual(Array(try bfloat.elementBytes()), [0x80, 0x3F, 0x80, 0x3F])
    }

    func testComplexValuesRepeatTheLastPair() throws {
        let tensor = TensorProto(dtype: .complex64, shape: TensorShapeProto(dims: [3]), scomplexVal: [1, 2, 3, 4])
        XCTAssertEqual(floats(try tensor.elementBytes()), [1, 2, 3, 4, 3, 4])
        let odd = TensorProto(dtype: .complex64, shape: TensorShapeProto(dims: [3]), scomplexVal: [1, 2, 3])
        assertThrows(.sizeMismatch) { _ = try odd.elementBytes() }
    }

    func testNoValuesMeansZeros() throws {
        let tensor = TensorProto(dtype: .double, shape: TensorShapeProto(dims: [2, 2]))
        XCTAssertEqual(Array(try tensor.elementBytes()), [UInt8](repeating: 0, count: 32))
        let scalar = TensorProto(dtype: .float, shape: TensorShapeProto(dims: []), floatVal: [3])
        XCTAssertEqual(floats(try scalar.elementBytes()), [3])
        let empty = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [0, 4]))
        XCTAssertEqual(try empty.elementBytes().count, 0)
    }

    func testMoreValuesThanElementsIsAnError() {
        let tensor = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [2]), floatVal: [1, 2, 3])
        assertThrows(.sizeMismatch) { _ = try tensor.elementBytes() }
    }

    func testTensorContentIsASliceOfTheFileBytes() throws {
        let content: [UInt8] = (0..<24).map { UInt8($0) }
        let bytes = TF.graph(nodes: [TF.constNode("c", dtype: 1) { writer in
            writer.message(2) { TF.shape([2, 3], into: &$0) }
            writer.data(4, content)
        }])
        let graph = try GraphDef(serializedBytes: bytes)
        let tensor = try XCTUnwrap(graph.nodes.first?.attributes["value"]?.tensor)
        let elements = try tensor.elementBytes()
        XCTAssertEqual(Array(elements), content)
        // The slice indices are file offsets: the same bytes sit at that position of the input.
        XCTAssertEqual(Array(bytes[elements.indices]), content)
        // And the slice shares storage with the tensor's content (no copy made by elementBytes).
        let contentAddress = tensor.tensorContent.withUnsafeBufferPointer { $0.baseAddress }
        let elementAddress = elements.withUnsafeBufferPointer { $0.baseAddress }
        XCTAssertEqual(contentAddress, elementAddress)
    }

    func testTensorContentSizeMismatchIsAnError() {
        let short = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [2, 3]),
                                tensorContent: ArraySlice([UInt8](repeating: 0, count: 20)))
        assertThrows(.sizeMismatch) { _ = try short.elementBytes() }
        let long = TensorProto(dtype: .uint8, shape: TensorShapeProto(dims: [2]),
                               tensorContent: ArraySlice([1, 2, 3]))
        assertThrows(.sizeMismatch) { _ = try long.elementBytes() }
    }

    func testHugeShapeWithOneValueThrowsLimitExceededBeforeAllocating() throws {
        // A Const of shape [2^31, 2^31] with one float_val: 2^62 elements, 2^64 bytes.
        let tensor = try decodeTensor(dtype: 1) { writer in
            writer.message(2) { TF.shape([1 << 31, 1 << 31], into: &$0) }
            writer.float(5, 1)
        }
        XCTAssertEqual(try tensor.elementCount(), 1 << 62)
        assertThrows(.limitExceeded) { _ = try tensor.elementBytes(maxBytes: 1 << 20) }
        assertThrows(.limitExceeded) { _ = try tensor.elementBytes() }
        assertThrows(.limitExceeded) { _ = try tensor.elementCount(limit: 1 << 40) }
        // Just above and at the limit.
        let small = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [4]), floatVal: [1])
        assertThrows(.limitExceeded) { _ = try small.elementBytes(maxBytes: 15) }
        XCTAssertEqual(try small.elementBytes(maxBytes: 16).count, 16)
    }

    func testElementCountOverflowAndUnknownDims() {
        let overflowing = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [1 << 32, 1 << 32]))
        assertThrows(.limitExceeded) { _ = try overflowing.elementCount() }
        let unknownDim = TensorProto(dtype: .float, shape: TensorShapeProto(dims: [-1, 3]))
        assertThrows(.sizeMismatch) { _ = try unknownDim.elementCount() }
        let unknownRank = TensorProto(dtype: .float, shape: TensorShapeProto(unknownRank: true))
        assertThrows(.sizeMismatch) { _ = try unknownRank.elementCount() }
    }

    func testTypesWithoutFixedLayoutAreUnsupported() {
        for dtype in [DataType.string, .resource, .variant, .invalid, DataType(rawValue: 99)] {
            let tensor = TensorProto(dtype: dtype, shape: TensorShapeProto(dims: [1]))
            assertThrows(.unsupportedDataType) { _ = try tensor.elementBytes() }
        }
    }

    func testReferenceTypesUseTheirBaseLayout() throws {
        let tensor = TensorProto(dtype: DataType(rawValue: 101), shape: TensorShapeProto(dims: [2]), floatVal: [2])
        XCTAssertEqual(floats(try tensor.elementBytes()), [2, 2])
    }

    func testTensorContentAboveMaxTensorBytesIsRejectedWhileDecoding() {
        let bytes = TF.graph(nodes: [TF.constNode("c", dtype: 4) { writer in
            writer.message(2) { TF.shape([64], into: &$0) }
            writer.data(4, [UInt8](repeating: 1, count: 64))
        }])
        assertThrows(.limitExceeded) { _ = try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxTensorBytes: 63)) }
        XCTAssertNoThrow(try GraphDef(serializedBytes: bytes, limits: ReaderLimits(maxTensorBytes: 64)))
    }
}
