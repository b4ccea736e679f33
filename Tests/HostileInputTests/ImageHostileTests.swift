import Foundation
import Images
import XCTest

/// Hostile images end in a one-line `ImageError` before any large allocation; none ends the process
/// (libjpeg's default error handler calls `exit()`; ours must not).
final class ImageHostileTests: XCTestCase {
    private func assertDecodeFails(_ bytes: [UInt8], mentions fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Image(data: bytes), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.lowercased().contains(fragment.lowercased()), "'\(message)' does not mention '\(fragment)'",
                          file: file, line: line)
            XCTAssertFalse(message.contains("\n"), file: file, line: line)
        }
    }

    func testZeroBytesAndTruncations() throws {
        assertDecodeFails([], mentions: "empty")
        let jpeg = try HostileImages.sample().jpegData(quality: 80)
        let png = try HostileImages.sample().pngData()
        for cut in stride(from: 1, to: jpeg.count - 2, by: 7) {
            XCTAssertThrowsError(try Image(data: Array(jpeg.prefix(cut))), "JPEG cut at \(cut)")
        }
        for cut in stride(from: 1, to: png.count - 1, by: 5) {
            XCTAssertThrowsError(try Image(data: Array(png.prefix(cut))), "PNG cut at \(cut)")
        }
    }

    func testCorruptHuffmanDataAndBadCRC() throws {
        XCTAssertThrowsError(try Image(data: try HostileImages.corruptHuffmanJPEG())) { error in
            XCTAssertFalse("\(error)".contains("\n"))
        }
        assertDecodeFails(try HostileImages.badCRCPNG(), mentions: "crc")
    }

    func testAbsurdDimensionsAreRefusedFromTheHeader() throws {
        assertDecodeFails(HostileImages.absurdPNG(width: 1_000_000, height: 1_000_000), mentions: "exceeds")
        assertDecodeFails(HostileImages.absurdPNG(width: 0x7fff_ffff, height: 1), mentions: "exceeds")
        assertDecodeFails(HostileImages.absurdPNG(width: 0, height: 5), mentions: "png")
        assertDecodeFails(try HostileImages.absurdJPEG(width: 65_000, height: 65_000), mentions: "exceeds")
        XCTAssertThrowsError(try Image(data: try HostileImages.absurdJPEG(width: 0, height: 0)))
        assertDecodeFails(Array("P6\n100000 100000\n255\n".utf8) + [1, 2, 3], mentions: "exceeds")
        assertDecodeFails(Array("P5\n99999999999999999999 1\n255\n".utf8), mentions: "P5")
    }

    func testTheExtensionDoesNotMatter() throws {
        // A PNG named .jpg decodes by its bytes; a text file named .png is an unrecognized format.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("really-a-png.jpg")
        try Data(try HostileImages.sample().pngData()).write(to: png)
        XCTAssertEqual(try Image(contentsOf: png).width, 32)
        let text = directory.appendingPathComponent("notes.png")
        try Data("not an image".utf8).write(to: text)
        XCTAssertThrowsError(try Image(contentsOf: text)) { error in
            XCTAssertTrue("\(error)".hasPrefix(text.path), "\(error)")
            XCTAssertTrue("\(error)".contains("unrecognized"), "\(error)")
        }
    }
}
