import Foundation
import XCTest
import Images

final class FileTests: XCTestCase {
    /// Asserts that loading `url` throws one line starting with the path and containing `fragment`.
    private func assertLoadFails(_ url: URL, containing fragment: String, file: StaticString = #filePath,
                                 line: UInt = #line) {
        do {
            _ = try Image(contentsOf: url)
            XCTFail("loaded \(url.path)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.message.hasPrefix(url.path + ": "), error.message, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: file,
                          line: line)
            XCTAssertFalse(error.message.contains("\n"), file: file, line: line)
        }
    }

    func testWriteChoosesFormatByExtensionAndReadSniffsContent() throws {
        let directory = try temporaryDirectory(self)
        let image = try gradientImage(width: 32, height: 16)
        for name in ["a.png", "b.PNG", "c.jpg", "d.jpeg", "e.JPG", "f.ppm"] {
            let url = directory.appendingPathComponent(name)
            try image.write(to: url, jpegQuality: 95)
            let bytes = try [UInt8](Data(contentsOf: url))
            let expected: ImageFormat = name.lowercased().hasSuffix("png") ? .png
                : (name.hasSuffix("ppm") ? .pnm : .jpeg)
            XCTAssertEqual(ImageFormat(sniffing: bytes), expected, name)
            let loaded = try Image(contentsOf: url)
            if expected == .jpeg {
                XCTAssertLessThanOrEqual(maxDifference(loaded.pixels, image.pixels), 8, name)
            } else {
                XCTAssertEqual(loaded, image, name)
            }
        }
    }

    func testWrongExtensionStillDecodesByContent() throws {
        let directory = try temporaryDirectory(self)
        let image = try randomImage(width: 5, height: 4, channels: 3, seed: 2)
        let misnamed = directory.appendingPathComponent("really-a-png.jpg")
        try Data(image.pngData()).write(to: misnamed)
        XCTAssertEqual(try Image(contentsOf: misnamed), image)
        let noExtension = directory.appendingPathComponent("jpeg-without-extension")
        try Data(image.jpegData(quality: 90)).write(to: noExtension)
        XCTAssertEqual(try Image(contentsOf: noExtension).width, 5)
    }

    func testLoadErrorsNameThePath() throws {
        let directory = try temporaryDirectory(self)
        let empty = directory.appendingPathComponent("empty.jpg")
        try Data().write(to: empty)
        assertLoadFails(empty, containing: "empty data (0 bytes)")

        let badMaxval = directory.appendingPathComponent("bad maxval.ppm")
        try Data(Array("P6\n1 1\n0\n".utf8) + [0, 0, 0]).write(to: badMaxval)
        assertLoadFails(badMaxval, containing: "maxval 0 is outside 1...65535")

        let short = directory.appendingPathComponent("short.pgm")
        try Data(Array("P5\n4 4\n255\n".utf8) + [1, 2]).write(to: short)
        assertLoadFails(short, containing: "pixel data too short")

        let truncated = directory.appendingPathComponent("truncated.png")
        let png = try gradientImage(width: 16, height: 16).pngData()
        try Data(png[..<(png.count / 2)]).write(to: truncated)
        assertLoadFails(truncated, containing: "PNG")

        let truncatedJPEG = directory.appendingPathComponent("truncated.jpg")
        let jpeg = try gradientImage(width: 16, height: 16).jpegData(quality: 90)
        try Data(jpeg[..<(jpeg.count - 40)]).write(to: truncatedJPEG)
        assertLoadFails(truncatedJPEG, containing: "JPEG")

        let text = directory.appendingPathComponent("notes.png")
        try Data("not an image".utf8).write(to: text)
        assertLoadFails(text, containing: "unrecognized image format")

        assertLoadFails(directory.appendingPathComponent("missing.png"), containing: "cannot open")
        assertLoadFails(directory, containing: "not a regular file")

        let big = directory.appendingPathComponent("big.png")
        try Data(png).write(to: big)
        do {
            _ = try Image(contentsOf: big, limits: ImageLimits(maxEncodedBytes: 100))
            XCTFail("read a file over the byte limit")
        } catch {
            XCTAssertTrue(error.message.contains("exceeds the 100-byte limit"), error.message)
        }
    }

    func testWriteErrorsNameThePath() throws {
        let directory = try temporaryDirectory(self)
        let image = try gradientImage(width: 4, height: 4)
        let unknown = directory.appendingPathComponent("picture.gif")
        XCTAssertThrowsError(try image.write(to: unknown)) { error in
            let message = (error as? ImageError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix(unknown.path) && message.contains("gif"), message)
        }
        let noDirectory = directory.appendingPathComponent("no/such/dir/x.png")
        XCTAssertThrowsError(try image.write(to: noDirectory)) { error in
            XCTAssertTrue((error as? ImageError)?.message.hasPrefix(noDirectory.path) == true)
        }
        let badQuality = directory.appendingPathComponent("q.jpg")
        XCTAssertThrowsError(try image.write(to: badQuality, jpegQuality: 0)) { error in
            XCTAssertTrue((error as? ImageError)?.message.contains("quality 0") == true)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: badQuality.path))
    }
}
