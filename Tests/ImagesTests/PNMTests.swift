import XCTest
import Images

final class PNMTests: XCTestCase {
    private func bytes(_ header: String, _ body: [UInt8] = []) -> [UInt8] { Array(header.utf8) + body }

    func testBinaryPPM() throws {
        let image = try Image(data: bytes("P6\n2 1\n255\n", [1, 2, 3, 250, 251, 252]))
        XCTAssertEqual(image.width, 2)
        XCTAssertEqual(image.height, 1)
        XCTAssertEqual(image.pixels, [1, 2, 3, 250, 251, 252])
    }

    func testBinaryPGMIsReplicatedToRGB() throws {
        let image = try Image(data: bytes("P5 3 1 255 ", [0, 128, 255]))
        XCTAssertEqual(image.pixels, [0, 0, 0, 128, 128, 128, 255, 255, 255])
    }

    func testCommentsAndWhitespaceInHeader() throws {
        let image = try Image(data: bytes("P6# made by hand\n# another\n\t2\r\n1 # width then height\n255\n",
                                          [9, 8, 7, 6, 5, 4]))
        XCTAssertEqual(image.pixels, [9, 8, 7, 6, 5, 4])
    }

    /// Samples are scaled with rounding: value * 255 / maxval.
    func testSmallMaxvalIsScaled() throws {
        let image = try Image(data: bytes("P5\n4 1\n3\n", [0, 1, 2, 3]))
        XCTAssertEqual(image.pixels, [0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255])
    }

    func testSixteenBitBinaryIsBigEndianAndScaled() throws {
        let ppm = try Image(data: bytes("P6\n1 1\n65535\n", [0xFF, 0xFF, 0x80, 0x00, 0x00, 0x7F]))
        XCTAssertEqual(ppm.pixels, [255, 128, 0])  // 32768 -> 127.5 -> 128; 127 -> 0.49 -> 0
        let pgm = try Image(data: bytes("P5\n2 1\n1000\n", [0x03, 0xE8, 0x01, 0xF4]))  // 1000, 500
        XCTAssertEqual(pgm.pixels, [255, 255, 255, 128, 128, 128])
    }

    func testASCIIFormats() throws {
        let ppm = try Image(data: bytes("P3\n# comment\n2 2\n15\n15 0 0  0 15 0\n0 0 15 # blue\n 15 15 15\n"))
        XCTAssertEqual(ppm.pixels, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        let pgm = try Image(data: bytes("P2 3 1 65535 0 32768 65535"))
        XCTAssertEqual(pgm.pixels, [0, 0, 0, 128, 128, 128, 255, 255, 255])
    }

    func testDecodeKeepingChannelsKeepsGray() throws {
        let image = try Image.decodeKeepingChannels(bytes("P2 2 1 255 7 9\n"))
        XCTAssertEqual(image.channels, 1)
        XCTAssertEqual(image.pixels, [7, 9])
    }

    func testWriterRoundTrip() throws {
        for channels in [1, 3] {
            let original = try randomImage(width: 7, height: 5, channels: channels, seed: 9)
            XCTAssertEqual(try Image.decodeKeepingChannels(original.pnmData()), original)
        }
    }

    func testHeaderErrors() {
        assertDecodeFails(bytes("P6\n2 1\n0\n", [0, 0, 0, 0, 0, 0]), containing: "maxval 0 is outside 1...65535")
        assertDecodeFails(bytes("P6\n2 1\n65536\n", [0]), containing: "maxval 65536 is outside 1...65535")
        assertDecodeFails(bytes("P5\n2 1\n99999999999999999999\n", [0]), containing: "maxval")
        assertDecodeFails(bytes("P5\n2 x 255\n"), containing: "height")
        assertDecodeFails(bytes("P5\n2 1 255"), containing: "whitespace after maxval")
        assertDecodeFails(bytes("P5\n2"), containing: "header ends before height")
        assertDecodeFails(bytes("P6\n0 5\n255\n"), containing: "zero size")
        assertDecodeFails(bytes("P3\n-1 5\n255\n"), containing: "width")
    }

    func testShortData() {
        assertDecodeFails(bytes("P6\n2 2\n255\n", [1, 2, 3]), containing: "pixel data too short: need 12 bytes, found 3")
        assertDecodeFails(bytes("P5\n2 1\n65535\n", [1, 2, 3]), containing: "need 4 bytes, found 3")
        assertDecodeFails(bytes("P2\n2 2\n255\n1 2 3"), containing: "found 3 of 4 samples")
    }

    func testSamplesAboveMaxval() {
        assertDecodeFails(bytes("P5\n2 1\n100\n", [100, 101]), containing: "sample 101 at byte 12 exceeds maxval 100")
        assertDecodeFails(bytes("P5\n1 1\n1000\n", [0x03, 0xE9]), containing: "exceeds maxval 1000")
        assertDecodeFails(bytes("P2\n2 1\n255\n1 256"), containing: "exceeds maxval 255")
        assertDecodeFails(bytes("P2\n2 1\n255\n1 2x"), containing: "expected a decimal sample")
    }

    func testEveryTruncationThrows() throws {
        let binary = try randomImage(width: 4, height: 3, channels: 3, seed: 1).pnmData()
        let ascii = bytes("P3\n2 2\n255\n1 2 3 4 5 6 7 8 9 10 11 12\n")
        for file in [binary, ascii] {
            XCTAssertNoThrow(try Image(data: file))
            // Cutting the ASCII file inside the last number still parses ("1" of "12"); stop before it.
            let lastUsefulLength = file == ascii ? file.count - 2 : file.count
            for length in 0..<lastUsefulLength { assertDecodeFails(Array(file[..<length]), "cut at \(length)") }
        }
    }
}
