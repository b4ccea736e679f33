import XCTest
import Images

final class JPEGTests: XCTestCase {
    func testRGBRoundTripWithinTolerance() throws {
        let original = try gradientImage(width: 64, height: 48)
        for quality in [75, 95, 100] {
            let encoded = try original.jpegData(quality: quality)
            XCTAssertEqual(ImageFormat(sniffing: encoded), .jpeg)
            let decoded = try Image(data: encoded)
            XCTAssertEqual(decoded.width, 64)
            XCTAssertEqual(decoded.height, 48)
            XCTAssertEqual(decoded.channels, 3)
            let tolerance = quality == 100 ? 5 : (quality == 95 ? 8 : 14)
            XCTAssertLessThanOrEqual(maxDifference(decoded.pixels, original.pixels), tolerance, "quality \(quality)")
        }
    }

    func testGrayStaysGrayAndDecodesToReplicatedRGB() throws {
        let pixels = (0..<(40 * 24)).map { UInt8(($0 % 40) * 6) }
        let gray = try Image(width: 40, height: 24, channels: 1, pixels: pixels)
        let encoded = try gray.jpegData(quality: 100)
        let native = try Image.decodeKeepingChannels(encoded)
        XCTAssertEqual(native.channels, 1)
        XCTAssertLessThanOrEqual(maxDifference(native.pixels, pixels), 2)
        let rgb = try Image(data: encoded)
        XCTAssertEqual(rgb.pixels, native.rgb().pixels)
        XCTAssertEqual(Array(rgb.pixels[0..<3]), [native.pixels[0], native.pixels[0], native.pixels[0]])
    }

    func testLowerQualityIsSmaller() throws {
        let original = try randomImage(width: 48, height: 48, channels: 3, seed: 7)
        XCTAssertLessThan(try original.jpegData(quality: 20).count, try original.jpegData(quality: 95).count)
    }

    func testQualityOutsideRangeThrows() throws {
        let image = try gradientImage(width: 8, height: 8)
        for quality in [0, -5, 101, Int.max] {
            XCTAssertThrowsError(try image.jpegData(quality: quality)) { error in
                XCTAssertTrue((error as? ImageError)?.message.contains("quality") == true)
            }
        }
    }

    func testRGBAIsCompositedOnBlackBeforeEncoding() throws {
        var pixels: [UInt8] = []
        for index in 0..<(16 * 16) { pixels += [200, 200, 200, index < 128 ? 255 : 0] }
        let rgba = try Image(width: 16, height: 16, channels: 4, pixels: pixels)
        let decoded = try Image(data: rgba.jpegData(quality: 100))
        XCTAssertLessThanOrEqual(maxDifference(pixel(decoded, 3, 2), [200, 200, 200]), 3)
        XCTAssertLessThanOrEqual(maxDifference(pixel(decoded, 3, 13), [0, 0, 0]), 3)
    }

    func testLargeImageExercisesGrowingOutputBuffer() throws {
        let original = try randomImage(width: 300, height: 200, channels: 3, seed: 3)
        let encoded = try original.jpegData(quality: 100)
        XCTAssertGreaterThan(encoded.count, 1 << 16)
        let decoded = try Image(data: encoded)
        XCTAssertEqual(decoded.width, 300)
        XCTAssertEqual(decoded.height, 200)
    }
}
