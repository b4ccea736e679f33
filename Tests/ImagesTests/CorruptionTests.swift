import XCTest
import Images

/// Corrupt, truncated and hostile inputs must throw an ImageError with a one-line message, never stop the process.
final class CorruptionTests: XCTestCase {
    private func sampleJPEGs() throws -> [(String, [UInt8])] {
        [
            ("rgb q90", try gradientImage(width: 40, height: 24).jpegData(quality: 90)),
            ("rgb q60 4:2:0", try randomImage(width: 24, height: 16, channels: 3, seed: 11).jpegData(quality: 60)),
            ("gray", try Image(width: 24, height: 16, channels: 1,
                               pixels: (0..<384).map { UInt8($0 % 251) }).jpegData(quality: 80)),
        ]
    }

    private func samplePNGs() throws -> [(String, [UInt8])] {
        var palette = PNGBuilder(width: 9, height: 7, colorType: .palette, bitDepth: 4, interlaced: true)
        palette.palette = (0..<16).map { (index: Int) -> (UInt8, UInt8, UInt8) in
            (UInt8(index * 16), UInt8(255 - index * 16), 7)
        }
        palette.transparency = [0, 128]
        return [
            ("libpng rgb", try randomImage(width: 13, height: 9, channels: 3, seed: 5).pngData()),
            ("libpng rgba", try randomImage(width: 7, height: 5, channels: 4, seed: 6).pngData()),
            ("stored palette interlaced", palette.encode(samples: (0..<63).map { (index: Int) -> Int in index % 16 })),
            ("stored gray 16-bit", PNGBuilder(width: 5, height: 4, colorType: .gray, bitDepth: 16)
                .encode(samples: (0..<20).map { (index: Int) -> Int in index * 3000 })),
        ]
    }

    func testEmptyAndUnknownData() {
        assertDecodeFails([], containing: "empty")
        assertDecodeFails(Array("hello, world".utf8), containing: "unrecognized")
        assertDecodeFails([0xFF, 0xD8], containing: "unrecognized")
        assertDecodeFails([0xFF, 0xD8, 0xFF], containing: "JPEG")
        assertDecodeFails([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], containing: "PNG")
        assertDecodeFails(Array("P6".utf8), containing: "P6")
    }

    func testEveryTruncationOfAJPEGThrows() throws {
        for (name, jpeg) in try sampleJPEGs() {
            XCTAssertNoThrow(try Image(data: jpeg), name)
            for length in 0..<jpeg.count {
                assertDecodeFails(Array(jpeg[..<length]), "\(name) cut to \(length) of \(jpeg.count) bytes")
            }
        }
    }

    func testEveryTruncationOfAPNGThrows() throws {
        for (name, png) in try samplePNGs() {
            XCTAssertNoThrow(try Image(data: png), name)
            for length in 0..<png.count {
                assertDecodeFails(Array(png[..<length]), "\(name) cut to \(length) of \(png.count) bytes")
            }
        }
    }

    /// Runs of 1-bits (stuffed FF 00 pairs) always contain a 16-bit all-ones code, which no Huffman table has.
    func testInvalidHuffmanCodesThrow() throws {
        for (name, jpeg) in try sampleJPEGs() {
            let scan = JPEGSegments.firstScanData(jpeg)
            XCTAssertGreaterThan(scan.count, 16, name)
            for position in stride(from: scan.lowerBound, to: scan.upperBound - 8, by: 3) {
                var corrupt = jpeg
                corrupt.replaceSubrange(position..<(position + 8), with: [0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00])
                assertDecodeFails(corrupt, containing: "JPEG", "\(name): all-ones run at \(position)")
            }
        }
    }

    /// Dropping half of the entropy-coded data leaves the decoder short of data before the image is complete.
    func testMissingScanDataThrows() throws {
        for (name, jpeg) in try sampleJPEGs() {
            let scan = JPEGSegments.firstScanData(jpeg)
            var corrupt = jpeg
            corrupt.removeSubrange((scan.lowerBound + scan.count / 4)..<(scan.lowerBound + 3 * scan.count / 4))
            assertDecodeFails(corrupt, containing: "Corrupt JPEG data", name)
        }
    }

    /// Extra bytes in the scan (the decoder finishes before them) are reported, not silently ignored.
    func testExtraneousScanBytesThrow() throws {
        for (name, jpeg) in try sampleJPEGs() {
            let scan = JPEGSegments.firstScanData(jpeg)
            var corrupt = jpeg
            corrupt.insert(contentsOf: [UInt8](repeating: 0x00, count: 64), at: scan.upperBound)
            assertDecodeFails(corrupt, containing: "Corrupt JPEG data", name)
        }
    }

    /// Any single damaged byte anywhere either throws or yields a well-formed image: never a trap.
    func testSingleByteDamageNeverTraps() throws {
        for (name, bytes) in try sampleJPEGs() + samplePNGs() {
            for position in 0..<bytes.count {
                for mask: UInt8 in [0xFF, 0x10] {
                    var damaged = bytes
                    damaged[position] ^= mask
                    if let image = try? Image(data: damaged) {
                        XCTAssertEqual(image.pixels.count, image.width * image.height * 3, "\(name) at \(position)")
                    }
                }
            }
        }
    }

    func testBadCRCInAnyPNGChunkThrows() throws {
        var builder = PNGBuilder(width: 4, height: 3, colorType: .rgb)
        builder.transparency = [0, 1, 0, 2, 0, 3]
        var png = builder.encode(samples: (0..<36).map { $0 * 7 })
        // Add an ancillary tEXt chunk before IEND so that non-critical chunks are covered too.
        let iend = PNGBuilder.chunks(in: png).last!
        png.insert(contentsOf: PNGBuilder.chunk("tEXt", Array("Comment\0hello".utf8)), at: iend.start)
        XCTAssertNoThrow(try Image(data: png))
        for chunk in PNGBuilder.chunks(in: png) {
            var corrupt = png
            corrupt[chunk.end - 1] ^= 0x01
            assertDecodeFails(corrupt, containing: "CRC", "CRC of \(chunk.type)")
            var corruptData = png
            corruptData[chunk.start + 4] ^= 0x20  // lower-cases the type's first letter: the CRC no longer matches
            assertDecodeFails(corruptData, "type byte of \(chunk.type)")
        }
    }

    func testCorruptZlibStreamWithValidCRCThrows() throws {
        let png = PNGBuilder(width: 8, height: 8, colorType: .gray).encode(samples: (0..<64).map { $0 * 4 })
        guard let idat = PNGBuilder.chunks(in: png).first(where: { $0.type == "IDAT" }) else {
            return XCTFail("no IDAT")
        }
        let payload = Array(png[(idat.start + 8)..<(idat.end - 4)])
        // Damage the Adler-32 checksum, then break the stored-block length check; re-seal each with a valid CRC.
        for damage in [payload.count - 1, 3] {
            var broken = payload
            broken[damage] ^= 0x55
            var corrupt = Array(png[..<idat.start]) + PNGBuilder.chunk("IDAT", broken) + Array(png[idat.end...])
            assertDecodeFails(corrupt, containing: "PNG", "zlib byte \(damage)")
            corrupt = []
        }
    }

    /// Headers announcing 100000 x 100000 pixels are rejected from the header alone.
    func testAbsurdDimensionsAreRejectedBeforeAllocation() throws {
        var png = PNGBuilder(width: 1, height: 1, colorType: .rgb).encode(samples: [1, 2, 3])
        let ihdr = bigEndian32(100_000) + bigEndian32(100_000) + [8, 2, 0, 0, 0]
        png.replaceSubrange(8..<33, with: PNGBuilder.chunk("IHDR", ihdr))
        assertDecodeFails(png, containing: "limit")
        // Even with limits lifted, 70 bytes cannot deflate to 30 GB: rejected before allocation.
        assertDecodeFails(png, limits: ImageLimits(maxPixels: .max, maxDimension: .max), containing: "cannot hold")

        // JPEG sizes are 16-bit: 65000 x 65000 is the hostile case (12 GB of RGB).
        var jpeg = try gradientImage(width: 16, height: 16).jpegData(quality: 90)
        guard let sof = JPEGSegments.headerSegments(jpeg).first(where: { $0.marker == 0xC0 }) else {
            return XCTFail("no SOF0")
        }
        jpeg.replaceSubrange((sof.start + 5)..<(sof.start + 9), with: [0xFD, 0xE8, 0xFD, 0xE8])
        assertDecodeFails(jpeg, containing: "65000x65000 exceeds the 100000000-pixel limit")

        for magic in ["P6", "P5", "P3", "P2"] {
            assertDecodeFails(Array("\(magic)\n100000 100000\n255\n".utf8) + [1, 2, 3], containing: "limit")
        }
    }

    func testCustomLimitsApplyToEveryFormat() throws {
        let image = try gradientImage(width: 20, height: 10)
        let limits = ImageLimits(maxPixels: 150, maxDimension: 1000)
        assertDecodeFails(try image.pngData(), limits: limits, containing: "150-pixel limit")
        assertDecodeFails(try image.jpegData(quality: 90), limits: limits, containing: "150-pixel limit")
        assertDecodeFails(image.pnmData(), limits: limits, containing: "150-pixel limit")
        let narrow = ImageLimits(maxDimension: 15)
        assertDecodeFails(try image.pngData(), limits: narrow, containing: "side limit")
        assertDecodeFails(try image.jpegData(quality: 90), limits: narrow, containing: "side limit")
        assertDecodeFails(image.pnmData(), limits: narrow, containing: "side limit")
        assertDecodeFails(try image.pngData(), limits: ImageLimits(maxEncodedBytes: 10), containing: "byte limit")
        XCTAssertEqual(try Image(data: image.pngData(), limits: ImageLimits(maxPixels: 200, maxDimension: 20)), image)
    }

    /// A JPEG whose only "image" is a tables-only datastream is an error, not an empty image.
    func testTablesOnlyJPEGThrows() throws {
        let jpeg = try gradientImage(width: 8, height: 8).jpegData(quality: 90)
        let tables = JPEGSegments.headerSegments(jpeg).filter { $0.marker == 0xDB || $0.marker == 0xC4 }
        var abbreviated: [UInt8] = [0xFF, 0xD8]
        for segment in tables { abbreviated += jpeg[segment.start..<segment.end] }
        abbreviated += [0xFF, 0xD9]
        assertDecodeFails(abbreviated, containing: "JPEG")
    }
}
