import Images
import XCTest

/// Decoding for face detection keeps the colours under transparency: PNG gray+alpha can come out as RGBA, and
/// dropping alpha keeps the stored values (PIL's `convert("RGB")`), where the default decoding composites on black.
final class AlphaDroppingTests: XCTestCase {
    func testGrayAlphaKeptAsRGBAThenDropped() throws {
        let grayAlpha = PNGBuilder(width: 2, height: 1, colorType: .grayAlpha).encode(samples: [200, 0, 90, 51])
        let kept = try Image.decodeKeepingChannels(grayAlpha, keepingGrayAlpha: true)
        XCTAssertEqual(kept.channels, 4)
        XCTAssertEqual(kept.pixels, [200, 200, 200, 0, 90, 90, 90, 51])
        XCTAssertEqual(kept.droppingAlpha().pixels, [200, 200, 200, 90, 90, 90])
        // The default still composites on black.
        XCTAssertEqual(try Image.decodeKeepingChannels(grayAlpha).pixels, [0, 18])
    }

    func testTransparentColourKeyIsDroppedNotBlended() throws {
        var gray = PNGBuilder(width: 2, height: 1, colorType: .gray)
        gray.transparency = [0, 77]
        let grayKept = try Image.decodeKeepingChannels(gray.encode(samples: [77, 78]), keepingGrayAlpha: true)
        XCTAssertEqual(grayKept.droppingAlpha().pixels, [77, 77, 77, 78, 78, 78])
        var rgb = PNGBuilder(width: 2, height: 1, colorType: .rgb)
        rgb.transparency = [0, 10, 0, 20, 0, 30]
        let rgbKept = try Image.decodeKeepingChannels(rgb.encode(samples: [10, 20, 30, 10, 20, 31]))
        XCTAssertEqual(rgbKept.droppingAlpha().pixels, [10, 20, 30, 10, 20, 31])
    }
}
