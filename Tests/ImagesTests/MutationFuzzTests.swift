import XCTest
import Images

/// Bounded random mutation of valid files of every format: decoding must throw or return a well-formed RGB image,
/// never trap, hang or print. Seeds are fixed, so any failure reproduces.
final class MutationFuzzTests: XCTestCase {
    private func seedFiles() throws -> [[UInt8]] {
        let exif: [UInt8] = Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                                                 0, 6, 0, 0, 0, 0, 0, 0]
        let jpeg = try gradientImage(width: 16, height: 24).jpegData(quality: 85)
        var palette = PNGBuilder(width: 6, height: 5, colorType: .palette, bitDepth: 2, interlaced: true)
        palette.palette = [(0, 0, 0), (255, 0, 0), (0, 255, 0), (0, 0, 255)]
        return [
            JPEGSegments.inserting(exif, marker: 0xE1, after: 0xD8, into: jpeg),
            GeneratedFixtures.progressiveJPEG,
            GeneratedFixtures.cmykAdobeJPEG,
            try randomImage(width: 6, height: 4, channels: 4, seed: 8).pngData(),
            palette.encode(samples: (0..<30).map { (index: Int) -> Int in index % 4 }),
            Array("P3\n# c\n2 2\n1000\n1 2 3 4 5 6 7 8 9 10 11 1000\n".utf8),
            Array("P5\n3 2\n65535\n".utf8) + [UInt8](repeating: 0x7F, count: 12),
        ]
    }

    func testRandomMutationsNeverTrap() throws {
        var generator = SeededGenerator(seed: 2024)
        let seeds = try seedFiles()
        var decodedCount = 0, failedCount = 0
        for iteration in 0..<3000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                case 3: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &generator)))
                default: bytes[position] = [0x00, 0xFF, 0x30, 0x20][Int.random(in: 0..<4, using: &generator)]
                }
            }
            do {
                let image = try Image(data: bytes)
                XCTAssertEqual(image.channels, 3)
                XCTAssertEqual(image.pixels.count, image.width * image.height * 3)
                decodedCount += 1
            } catch {
                XCTAssertFalse(error.message.isEmpty)
                XCTAssertFalse(error.message.contains("\n"))
                failedCount += 1
            }
        }
        XCTAssertEqual(decodedCount + failedCount, 3000)
        XCTAssertGreaterThan(failedCount, 0)
    }
}
