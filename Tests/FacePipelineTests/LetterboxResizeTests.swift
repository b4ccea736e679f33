@testable import FacePipeline
import Images
import XCTest

/// BlazeFace's letterboxed input: the resize must give PIL's values exactly, whatever the image's shape.
final class LetterboxResizeTests: XCTestCase {
    /// PIL's two-pass fixed-point resize written out tap by tap over the padded square (black padding read as
    /// zeros), the definition the kernel is checked against.
    private func reference(_ image: Image, _ letterbox: LetterboxResize) -> [Float] {
        let side = letterbox.side
        let taps = LetterboxResize.coefficients(input: letterbox.padded, output: side)
        func padded(_ x: Int, _ y: Int, _ k: Int) -> Int {
            let ix = x - letterbox.offsetX, iy = y - letterbox.offsetY
            guard ix >= 0, ix < image.width, iy >= 0, iy < image.height else { return 0 }
            return Int(image.pixels[(iy * image.width + ix) * image.channels + min(k, image.channels - 1)])
        }
        func clip8(_ sum: Int) -> Int { min(max(sum >> 22, 0), 255) }
        var horizontal = [[Int]](repeating: [Int](repeating: 0, count: side * 3), count: letterbox.padded)
        for y in 0..<letterbox.padded {
            for (o, tap) in taps.enumerated() {
                for k in 0..<3 {
                    var sum = 1 << 21
                    for (j, w) in tap.weights.enumerated() { sum += padded(tap.start + j, y, k) * Int(w) }
                    horizontal[y][3 * o + k] = clip8(sum)
                }
            }
        }
        var output = [Float](repeating: 0, count: side * side * 3)
        for (o, tap) in taps.enumerated() {
            for x in 0..<(side * 3) {
                var sum = 1 << 21
                for (j, w) in tap.weights.enumerated() { sum += horizontal[tap.start + j][x] * Int(w) }
                output[o * side * 3 + x] = Float(clip8(sum))
            }
        }
        return output
    }

    func testResizeGivesPILsValuesForEveryShape() throws {
        var seed: UInt64 = 7
        func byte() -> UInt8 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        let cases: [(width: Int, height: Int, channels: Int, side: Int)] = [
            (64, 48, 3, 32), (48, 64, 3, 32), (33, 33, 3, 16), (1, 5, 3, 8), (7, 1, 1, 8), (100, 37, 4, 24),
            (40, 90, 1, 64), (20, 15, 3, 64),
        ]
        for c in cases {
            let image = try Image(width: c.width, height: c.height, channels: c.channels,
                                  pixels: (0..<(c.width * c.height * c.channels)).map { _ in byte() })
            let letterbox = LetterboxResize(width: c.width, height: c.height, side: c.side)
            var ours = [Float](repeating: -1, count: c.side * c.side * 3)
            ours.withUnsafeMutableBufferPointer { letterbox.resize(image, into: $0) }
            XCTAssertEqual(ours, reference(image, letterbox), "\(c)")
        }
    }
}
