import XCTest
import Images

/// Files written by Pillow (see make_fixtures.py), so decoding is checked against an encoder other than ours.
final class PillowFixtureTests: XCTestCase {
    func testAdobeCMYKJPEGIsConvertedToRGB() throws {
        let image = try Image(data: GeneratedFixtures.cmykAdobeJPEG)
        XCTAssertEqual(image.width, 24)
        XCTAssertEqual(image.height, 16)
        let expected: [[[UInt8]]] = [
            [[0, 255, 255], [255, 0, 255], [255, 255, 0]],  // cyan, magenta, yellow ink
            [[0, 0, 0], [255, 255, 255], [255, 0, 0]],  // black ink, no ink, magenta + yellow
        ]
        for row in 0..<2 {
            for column in 0..<3 {
                let sample = pixel(image, column * 8 + 4, row * 8 + 4)
                XCTAssertLessThanOrEqual(maxDifference(sample, expected[row][column]), 4,
                                         "block (\(column), \(row)) is \(sample)")
            }
        }
    }

    func testProgressiveJPEG() throws {
        let jpeg = GeneratedFixtures.progressiveJPEG
        XCTAssertTrue(JPEGSegments.headerSegments(jpeg).contains { $0.marker == 0xC2 }, "not progressive")
        let image = try Image(data: jpeg)
        XCTAssertLessThanOrEqual(maxDifference(image.pixels, try gradientImage(width: 48, height: 32).pixels), 8)
        for length in 0..<jpeg.count {
            assertDecodeFails(Array(jpeg[..<length]), "progressive cut at \(length)")
        }
    }

    func testPillowExifOrientation() throws {
        XCTAssertEqual(ExifOrientation(jpeg: GeneratedFixtures.pillowOrientation6JPEG), .rightTop)
        let image = try Image(data: GeneratedFixtures.pillowOrientation6JPEG)
        // Stored A B C / D E F (levels 0 50 100 / 150 200 250) displays rotated clockwise: D A / E B / F C.
        XCTAssertEqual(image.width, 16)
        XCTAssertEqual(image.height, 24)
        let displayed: [[Int]] = [[150, 0], [200, 50], [250, 100]]
        for row in 0..<3 {
            for column in 0..<2 {
                let sample = pixel(image, column * 8 + 4, row * 8 + 4)
                XCTAssertLessThanOrEqual(abs(Int(sample[0]) - displayed[row][column]), 3, "(\(column), \(row))")
            }
        }
    }

    /// 16-bit samples round to nearest 8-bit value in PNG and PGM alike.
    func testSixteenBitGrayPNGAndPGM() throws {
        let values = [0, 128, 129, 32767, 32768, 65406, 65407, 65535]
        let expected = values.map { UInt8((Double($0) * 255 / 65535).rounded()) }
        XCTAssertEqual(expected, [0, 0, 1, 127, 128, 254, 255, 255])
        for (name, bytes) in [("PNG", GeneratedFixtures.pillowGray16PNG), ("PGM", GeneratedFixtures.pillowGray16PGM)] {
            let image = try Image.decodeKeepingChannels(bytes)
            XCTAssertEqual(image.channels, 1, name)
            XCTAssertEqual(image.pixels, expected, name)
        }
    }
}
