import Foundation
import Tensor
import XCTest

/// Malformed `.npy` files: every one is a `TensorError` with a message saying what is wrong, never a trap or a
/// large allocation.
final class NPYHostileTests: XCTestCase {
    /// A version 1.0 `.npy` file with `header` (padded and newline-terminated) followed by `data`.
    private func npy(_ header: String, data: [UInt8] = [], version: UInt8 = 1) -> [UInt8] {
        var text = header
        let prefix = version == 1 ? 10 : 12
        text += String(repeating: " ", count: (64 - (prefix + text.utf8.count + 1) % 64) % 64) + "\n"
        let bytes = Array(text.utf8)
        var file: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        file += [UInt8(bytes.count & 0xff), UInt8(bytes.count >> 8 & 0xff)]
        if version != 1 { file += [UInt8(bytes.count >> 16 & 0xff), UInt8(bytes.count >> 24 & 0xff)] }
        return file + bytes + data
    }

    private func assertDecodeFails(_ bytes: [UInt8], mentions fragment: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try NPY.decode(bytes), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(fragment), "'\(message)' does not mention '\(fragment)'", file: file, line: line)
            XCTAssertFalse(message.contains("\n"), "error is not one line: \(message)", file: file, line: line)
        }
    }

    func testAWellFormedFileStillDecodes() throws {
        let floats: [Float] = [1, .nan, .infinity, -.infinity]
        let data = floats.withUnsafeBytes { Array($0) }
        let tensor = try NPY.decode(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", data: data))
        XCTAssertEqual(tensor.shape, [2, 2])
        let values = try tensor.scalars(as: Float.self)
        XCTAssertEqual(values[0], 1)
        XCTAssertTrue(values[1].isNaN)
        XCTAssertEqual(values[2], .infinity)
        XCTAssertEqual(values[3], -.infinity)
    }

    func testBadMagic() {
        assertDecodeFails([], mentions: "bad magic")
        assertDecodeFails(Array("PK\u{3}\u{4}not an npy file".utf8), mentions: "bad magic")
        var file = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0])
        file[1] = UInt8(ascii: "X")
        assertDecodeFails(file, mentions: "bad magic")
    }

    func testFortranOrderIsRefused() {
        let file = npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data: [UInt8](repeating: 0, count: 24))
        assertDecodeFails(file, mentions: "Fortran")
    }

    func testUnsupportedDtypes() {
        for descr in ["<c8", "<U5", "|O", "<M8[s]", "|V4", ">f4", "x"] {
            let file = npy("{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0])
            XCTAssertThrowsError(try NPY.decode(file), descr) { error in
                XCTAssertTrue("\(error)".contains("dtype"), "\(descr): \(error)")
            }
        }
    }

    func testHeaderLyingAboutTheDataSize() {
        // Declares 1000 x 1000 float32 (4 MB) but carries 16 bytes.
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }",
                              data: [UInt8](repeating: 0, count: 16)),
                          mentions: "4000000 bytes")
        // More data than declared is as wrong as less.
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                              data: [UInt8](repeating: 0, count: 8)),
                          mentions: "holds 8 data bytes")
    }

    func testShapesWhoseSizeOverflows() {
        // 2^62 x 2^62 elements: the byte count overflows Int and must be refused before any allocation.
        let huge = "4611686018427387904"
        assertDecodeFails(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (\(huge), \(huge)), }"),
                          mentions: "too large")
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999,), }"),
                          mentions: "shape")
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"), mentions: "shape")
    }

    func testHeaderLengthPastTheEndOfTheFile() {
        var file: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 0xff, 0xff]
        file += Array("{'descr'".utf8)
        assertDecodeFails(file, mentions: "truncated")
        // Version 2 with a 4 GB header length.
        assertDecodeFails([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0xff, 0xff, 0xff, 0xff, 0x7b], mentions: "truncated")
        assertDecodeFails([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0xff, 0xff], mentions: "truncated")
    }

    func testUnknownVersionAndMissingKeys() {
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0], version: 9),
                          mentions: "version 9")
        assertDecodeFails(npy("{'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0]), mentions: "descr")
        assertDecodeFails(npy("{'descr': '<f4', 'shape': (), }", data: [0, 0, 0, 0]), mentions: "fortran_order")
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, }", data: [0, 0, 0, 0]), mentions: "shape")
        assertDecodeFails(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, x), }", data: [0, 0, 0, 0]), mentions: "shape")
    }

    func testHeaderThatIsNotText() {
        var file = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data: [0, 0, 0, 0])
        file[12] = 0xff
        file[13] = 0xfe
        assertDecodeFails(file, mentions: "not text")
    }

    func testEveryTruncationOfAValidFileFails() throws {
        let file = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", data: [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0])
        XCTAssertEqual(try NPY.decode(file).scalars(as: Int32.self), [1, 2, 3])
        for length in 0..<file.count {
            XCTAssertThrowsError(try NPY.decode(Array(file.prefix(length))), "prefix of \(length) bytes")
        }
    }
}
