@testable import FacePipeline
import Images
@testable import LandmarkNet
import XCTest

/// The detector's refinement normalizes only the part of the frame its O-Net crops read; the crops must be the ones the
/// detector's whole-frame normalization gives.
final class DetectorRegionTests: XCTestCase {
    func testRegionCropsEqualWholeFrameCrops() throws {
        var generator = SystemRandomNumberGenerator()
        let width = 211, height = 157
        let pixels = (0..<(width * height * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = try Image(width: width, height: height, channels: 3, pixels: pixels)
        let whole = try FloatImage(normalizing: image)
        let boxSets: [[CropResize.Box]] = [
            [CropResize.Box(x1: 40.3, y1: 30.7, x2: 90.1, y2: 80.5)],
            [CropResize.Box(x1: -12, y1: -7.5, x2: 30, y2: 35), CropResize.Box(x1: 180, y1: 120, x2: 230, y2: 170)],
            [CropResize.Box(x1: 100, y1: 60, x2: 100.8, y2: 60.9)],
        ]
        for boxes in boxSets {
            let (region, moved) = try FaceDetector.normalizedRegion(image, boxes)
            XCTAssertLessThanOrEqual(region.values.count, whole.values.count)
            let count = 48 * 48 * 3 * boxes.count
            var expected = [Float](repeating: 0, count: count), ours = [Float](repeating: 0, count: count)
            expected.withUnsafeMutableBufferPointer { CropResize.crop(whole, boxes: boxes, size: 48, into: $0) }
            ours.withUnsafeMutableBufferPointer { CropResize.crop(region, boxes: moved, size: 48, into: $0) }
            let worst = zip(expected, ours).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 2e-3, "boxes \(boxes)")
        }
    }
}
