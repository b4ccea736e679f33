import XCTest
import Images

/// Deterministic pseudo-random numbers (xorshift64*) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// An image of random bytes.
func randomImage(width: Int, height: Int, channels: Int, seed: UInt64) throws -> Image {
    var generator = SeededGenerator(seed: seed)
    let pixels = (0..<(width * height * channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return try Image(width: width, height: height, channels: channels, pixels: pixels)
}

/// A smooth RGB test image (gradients compress well in JPEG, so round trips stay close).
func gradientImage(width: Int, height: Int) throws -> Image {
    var pixels: [UInt8] = []
    for y in 0..<height {
        for x in 0..<width {
            pixels += [UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)),
                       UInt8((x + y) * 255 / max(width + height - 2, 1))]
        }
    }
    return try Image(width: width, height: height, channels: 3, pixels: pixels)
}

/// The pixel at (x, y) as an array of its channels.
func pixel(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
    let start = (y * image.width + x) * image.channels
    return Array(image.pixels[start..<(start + image.channels)])
}

/// Asserts that decoding `bytes` throws an ImageError whose one-line message contains `fragment` (if given).
func assertDecodeFails(_ bytes: [UInt8], limits: ImageLimits = .init(), containing fragment: String? = nil,
                       _ context: @autoclosure () -> String = "", file: StaticString = #filePath,
                       line: UInt = #line) {
    do {
        let image = try Image(data: bytes, limits: limits)
        XCTFail("decoded a \(image.width)x\(image.height) image, expected an error. \(context())", file: file,
                line: line)
    } catch {
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        XCTAssertFalse(error.message.contains("\n"), "message must be one line: \(error.message)", file: file,
                       line: line)
        if let fragment {
            XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'. \(context())",
                          file: file, line: line)
        }
    }
}

/// Largest absolute difference between two equally sized byte arrays.
func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
}

/// A temporary directory removed when the test ends.
func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ImagesTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}
