@testable import FacePipeline
import Images
import XCTest

/// Crops read from the 8-bit image through the normalization table (what detection and the video tracker's
/// refinement do) are the crops of the image's float copy, bit for bit.
final class NormalizedImageViewTests: XCTestCase {
    func testCropsEqualFloatCopyCrops() throws {
        var generator = SystemRandomNumberGenerator()
        let width = 211, height = 157
        let boxes = [
            CropResize.Box(x1: 40.3, y1: 30.7, x2: 90.1, y2: 80.5),
            CropResize.Box(x1: -12, y1: -7.5, x2: 30, y2: 35), CropResize.Box(x1: 180, y1: 120, x2: 230, y2: 170),
            CropResize.Box(x1: 100, y1: 60, x2: 100.8, y2: 60.9), CropResize.Box(x1: 0, y1: 0, x2: 210, y2: 156),
        ]
        for channels in [1, 3, 4] {
            let pixels = (0..<(width * height * channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let image = try Image(width: width, height: height, channels: channels, pixels: pixels)
            let whole = try FloatImage(normalizing: image)
            let view = try NormalizedImageView(image)
            for size in [24, 48] {
                let count = size * size * 3 * boxes.count
                var expected = [Float](repeating: 0, count: count), ours = [Float](repeating: 1, count: count)
                expected.withUnsafeMutableBufferPointer { CropResize.crop(whole, boxes: boxes, size: size, into: $0) }
                ours.withUnsafeMutableBufferPointer { CropResize.crop(view, boxes: boxes, size: size, into: $0) }
                XCTAssertEqual(ours, expected, "\(channels) channels, \(size) pixels")
            }
            // A band-wise halving of the 8-bit image equals halving its float copy.
            XCTAssertEqual(try view.halved(), whole.halved(), "\(channels) channels")
        }
    }
}
