import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import Tensor

final class NPYTests: XCTestCase {
    func testRoundTripEveryDType() throws {
        let cases: [Tensor] = [
            try Tensor(shape: [2, 3], scalars: [Float](arrayLiteral: 1, -2, 3.5, 4, 5, 6)),
            try Tensor(shape: [3], scalars: [Double](arrayLiteral: 1, 2, 3)),
            try Tensor(shape: [2, 1], scalars: [Int32](arrayLiteral: -7, 9)),
            try Tensor(shape: [1], scalars: [Int64](arrayLiteral: 1 << 40)),
            try Tensor(shape: [4], scalars: [UInt8](arrayLiteral: 0, 1, 254, 255)),
            try Tensor(shape: [2], scalars: [true, false]),
            Tensor(scalar: Float(3)),
        ]
        for tensor in cases {
            let decoded = try NPY.decode(try NPY.encode(tensor))
            XCTAssertEqual(decoded.dtype, tensor.dtype)
            XCTAssertEqual(decoded.shape, tensor.shape)
            XCTAssertEqual(decoded.doubleValues(), tensor.doubleValues())
        }
    }

    /// A file name that is not UTF-8 (a Latin-1 `x\xe9.npy`, carried as the escape U+F7E9) is written and read by
    /// its raw bytes, and a FIFO or directory is refused without blocking.
    func testLatin1NamesWriteAndReadByTheirBytes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tensor = try Tensor(shape: [2], scalars: [Float](arrayLiteral: 1.5, -2))
        let escaped = directory.appendingPathComponent("x\u{F7E9}.npy")
        try NPY.write(tensor, to: escaped)
        // The file on disk is named by the byte 0xE9, not by the escape's UTF-8.
        let raw = Array(directory.path.utf8).map { CChar(bitPattern: $0) } + [0x2F, 0x78, CChar(bitPattern: 0xE9), 0x2E, 0x6E, 0x70, 0x79, 0]
        var status = stat()
        XCTAssertEqual(stat(raw, &status), 0, "no file named x\\xe9.npy")
        let read = try NPY.read(contentsOf: escaped)
        XCTAssertEqual(read.doubleValues(), tensor.doubleValues())
        XCTAssertThrowsError(try NPY.read(contentsOf: directory)) { XCTAssertTrue("\($0)".contains("directory"), "\($0)") }
        let fifo = directory.appendingPathComponent("fifo.npy")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        XCTAssertThrowsError(try NPY.read(contentsOf: fifo)) { XCTAssertTrue("\($0)".contains("not a regular file"), "\($0)") }
    }

    func testHeaderIsPaddedTo64Bytes() throws {
        let bytes = try NPY.encode(try Tensor(shape: [5], scalars: [Float](repeating: 1, count: 5)))
        XCTAssertEqual((bytes.count - 20) % 64, 0)
    }

    private func npy(header: String, data: [UInt8]) -> [UInt8] {
        let h = Array(header.utf8)
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(h.count), 0] + h + data
    }

    func testRejectsBadFiles() {
        XCTAssertThrowsError(try NPY.decode([1, 2, 3])) { XCTAssertTrue("\($0)".contains("magic")) }
        XCTAssertThrowsError(try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }\n", data: [UInt8](repeating: 0, count: 8)))) {
            XCTAssertTrue("\($0)".contains("Fortran"))
        }
        XCTAssertThrowsError(try NPY.decode(npy(header: "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }\n", data: []))) {
            XCTAssertTrue("\($0)".contains("unsupported"))
        }
        // Header claims more data than the file holds.
        XCTAssertThrowsError(try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }\n", data: [0, 0, 0, 0]))) {
            XCTAssertTrue("\($0)".contains("holds"))
        }
        // Truncated header length.
        XCTAssertThrowsError(try NPY.decode([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 200, 0, 1]))
    }

    func testHalfConversion() {
        XCTAssertEqual(HalfFloat.toFloat(0x3C00), 1)
        XCTAssertEqual(HalfFloat.toFloat(0xC000), -2)
        XCTAssertEqual(HalfFloat.toFloat(0x0001), Float(sign: .plus, exponent: -24, significand: 1))
        XCTAssertTrue(HalfFloat.toFloat(0x7C00).isInfinite)
        XCTAssertTrue(HalfFloat.toFloat(0x7E00).isNaN)
    }

    func testShapeMath() {
        XCTAssertEqual(ShapeMath.broadcast([2, 1, 4], [3, 1]), [2, 3, 4])
        XCTAssertNil(ShapeMath.broadcast([2, 3], [4]))
        XCTAssertNil(ShapeMath.elementCount([Int.max, 2]))
        XCTAssertEqual(ShapeMath.strides([2, 3, 4]), [12, 4, 1])
        XCTAssertEqual(ShapeMath.describe([-1, 128, 3]), "[?,128,3]")
    }
}
