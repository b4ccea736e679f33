import XCTest
import GraphDefReader

/// DataType numbering, names and reference stripping.
final class DataTypeTests: XCTestCase {
    func testRawValuesMatchTypesProto() {
        XCTAssertEqual(DataType.float.rawValue, 1)
        XCTAssertEqual(DataType.uint8.rawValue, 4)
        XCTAssertEqual(DataType.int64.rawValue, 9)
        XCTAssertEqual(DataType.bfloat16.rawValue, 14)
        XCTAssertEqual(DataType.half.rawValue, 19)
        XCTAssertEqual(DataType.uint64.rawValue, 23)
    }

    func testDescriptionsArePythonNames() {
        XCTAssertEqual(DataType.float.description, "float32")
        XCTAssertEqual(DataType.double.description, "float64")
        XCTAssertEqual(DataType.half.description, "float16")
        XCTAssertEqual(DataType.bfloat16.description, "bfloat16")
        XCTAssertEqual(DataType.uint8.description, "uint8")
        XCTAssertEqual(DataType.int64.description, "int64")
        XCTAssertEqual(DataType(rawValue: 101).description, "float32_ref")
        XCTAssertEqual(DataType(rawValue: 77).description, "DataType(77)")
    }

    func testBaseStripsReferenceVariants() {
        XCTAssertEqual(DataType(rawValue: 101).base, .float)
        XCTAssertEqual(DataType(rawValue: 104).base, .uint8)
        XCTAssertEqual(DataType.int32.base, .int32)
        XCTAssertTrue(DataType(rawValue: 103).isReference)
        XCTAssertFalse(DataType.int32.isReference)
    }

    func testByteSizes() {
        XCTAssertEqual(DataType.bool.byteSize, 1)
        XCTAssertEqual(DataType.half.byteSize, 2)
        XCTAssertEqual(DataType.float.byteSize, 4)
        XCTAssertEqual(DataType.complex64.byteSize, 8)
        XCTAssertEqual(DataType.complex128.byteSize, 16)
        XCTAssertNil(DataType.string.byteSize)
    }
}
