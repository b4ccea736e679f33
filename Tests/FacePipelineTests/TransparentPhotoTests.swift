@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// A PNG whose alpha hides an intact RGB face: detection reads the colour channels as PIL's `convert("RGB")`
/// (what the Python `mtcnn` package is given) does, dropping alpha instead of blending it onto black.
final class TransparentPhotoTests: XCTestCase {
    /// The astronaut photo as RGBA with alpha 0 everywhere, written to a temporary PNG.
    func transparentAstronaut() throws -> (url: URL, rgb: Image) {
        let rgb = try Image(contentsOf: MTCNNReference.directory.appendingPathComponent("photos/astronaut.png"))
        var rgba = [UInt8](repeating: 0, count: rgb.width * rgb.height * 4)
        for i in 0..<(rgb.width * rgb.height) {
            rgba[4 * i] = rgb.pixels[3 * i]
            rgba[4 * i + 1] = rgb.pixels[3 * i + 1]
            rgba[4 * i + 2] = rgb.pixels[3 * i + 2]
        }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("transparent-astronaut-\(ProcessInfo.processInfo.processIdentifier).png")
        try Image(width: rgb.width, height: rgb.height, channels: 4, pixels: rgba).write(to: url)
        return (url, rgb)
    }

    func testFullyTransparentPNGKeepsItsFace() throws {
        let (url, rgb) = try transparentAstronaut()
        defer { try? FileManager.default.removeItem(at: url) }
        let landmarker = try FaceLandmarker(withMesh: false)
        let expected = try landmarker.faces(in: rgb)
        XCTAssertEqual(expected.count, 1)
        let (image, faces) = try landmarker.faces(inImageAt: url)
        XCTAssertEqual(image.width, rgb.width)
        XCTAssertEqual(image.height, rgb.height)
        XCTAssertEqual(faces, expected)
    }

    func testDroppingAlphaKeepsColourChannels() throws {
        let rgba = try Image(width: 2, height: 1, channels: 4, pixels: [10, 20, 30, 0, 200, 100, 50, 128])
        let rgb = rgba.droppingAlpha()
        XCTAssertEqual(rgb.channels, 3)
        XCTAssertEqual(rgb.pixels, [10, 20, 30, 200, 100, 50])
        let gray = try Image(width: 2, height: 1, channels: 1, pixels: [7, 9])
        XCTAssertEqual(gray.droppingAlpha(), gray)
    }
}
