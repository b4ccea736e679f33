import XCTest
import Images

final class PNGTests: XCTestCase {
    /// Our writer's output decodes back to exactly the written pixels, for every channel layout.
    func testWriterRoundTripIsExact() throws {
        for (channels, size) in [(1, (17, 9)), (3, (31, 7)), (4, (5, 23)), (3, (1, 1))] {
            let original = try randomImage(width: size.0, height: size.1, channels: channels, seed: UInt64(channels))
            let encoded = try original.pngData()
            XCTAssertEqual(ImageFormat(sniffing: encoded), .png)
            let native = try Image.decodeKeepingChannels(encoded)
            XCTAssertEqual(native, original, "channels \(channels)")
            XCTAssertEqual(try Image(data: encoded), original.rgb(), "channels \(channels)")
        }
    }

    /// The public decoder returns RGB: gray replicated, RGBA composited on black.
    func testDecodedOutputIsRGB() throws {
        let gray = try Image(width: 2, height: 1, channels: 1, pixels: [10, 200])
        XCTAssertEqual(try Image(data: gray.pngData()).pixels, [10, 10, 10, 200, 200, 200])
        let rgba = try Image(width: 3, height: 1, channels: 4,
                             pixels: [200, 100, 50, 255, 200, 100, 50, 0, 255, 255, 255, 128])
        let decoded = try Image(data: rgba.pngData())
        XCTAssertEqual(decoded.channels, 3)
        XCTAssertEqual(decoded.pixels, [200, 100, 50, 0, 0, 0, 128, 128, 128])
    }

    /// Expected 8-bit value for a sample of `bitDepth` bits (libpng replicates low depths, rounds 16-bit).
    private func to8Bit(_ value: Int, bitDepth: Int) -> Int {
        Int((Double(value) * 255 / Double((1 << bitDepth) - 1)).rounded())
    }

    private func composite(_ value: Int, _ alpha: Int) -> Int { (value * alpha + 127) / 255 }

    /// Every color type at every legal bit depth, plain and interlaced, against independently computed pixels.
    func testAllColorTypesAndDepthsPlainAndInterlaced() throws {
        let depths: [(PNGBuilder.ColorType, [Int])] = [
            (.gray, [1, 2, 4, 8, 16]), (.rgb, [8, 16]), (.palette, [1, 2, 4, 8]), (.grayAlpha, [8, 16]),
            (.rgba, [8, 16]),
        ]
        var generator = SeededGenerator(seed: 42)
        for (colorType, bitDepths) in depths {
            for bitDepth in bitDepths {
                for interlaced in [false, true] {
                    for (width, height) in [(13, 11), (1, 1), (3, 2), (9, 17)] {
                        let maxSample = (1 << bitDepth) - 1
                        var builder = PNGBuilder(width: width, height: height, colorType: colorType,
                                                 bitDepth: bitDepth, interlaced: interlaced)
                        var paletteAlpha: [UInt8] = []
                        if colorType == .palette {
                            builder.palette = (0...maxSample).map { _ in
                                (UInt8.random(in: 0...255, using: &generator),
                                 UInt8.random(in: 0...255, using: &generator),
                                 UInt8.random(in: 0...255, using: &generator))
                            }
                            // tRNS shorter than the palette: later entries are opaque.
                            paletteAlpha = (0..<((maxSample + 1) / 2)).map { _ in
                                UInt8.random(in: 0...255, using: &generator)
                            }
                            builder.transparency = paletteAlpha
                        }
                        let count = width * height * colorType.samplesPerPixel
                        let samples = (0..<count).map { _ in Int.random(in: 0...maxSample, using: &generator) }
                        let decoded = try Image(data: builder.encode(samples: samples))
                        XCTAssertEqual(decoded.width, width)
                        XCTAssertEqual(decoded.height, height)
                        var expected: [Int] = []
                        for index in 0..<(width * height) {
                            switch colorType {
                            case .gray:
                                let v = to8Bit(samples[index], bitDepth: bitDepth)
                                expected += [v, v, v]
                            case .rgb:
                                expected += (0..<3).map { to8Bit(samples[3 * index + $0], bitDepth: bitDepth) }
                            case .palette:
                                let entry = builder.palette[samples[index]]
                                let alpha = samples[index] < paletteAlpha.count ? Int(paletteAlpha[samples[index]]) : 255
                                expected += [Int(entry.0), Int(entry.1), Int(entry.2)].map { composite($0, alpha) }
                            case .grayAlpha:
                                let alpha = to8Bit(samples[2 * index + 1], bitDepth: bitDepth)
                                let v = composite(to8Bit(samples[2 * index], bitDepth: bitDepth), alpha)
                                expected += [v, v, v]
                            case .rgba:
                                let alpha = to8Bit(samples[4 * index + 3], bitDepth: bitDepth)
                                expected += (0..<3).map {
                                    composite(to8Bit(samples[4 * index + $0], bitDepth: bitDepth), alpha)
                                }
                            }
                        }
                        XCTAssertEqual(decoded.pixels.map(Int.init), expected,
                                       "\(colorType) \(bitDepth)-bit interlaced=\(interlaced) \(width)x\(height)")
                    }
                }
            }
        }
    }

    /// Gray and RGB tRNS (one transparent color) become black; 16-bit keys compare all 16 bits.
    func testColorKeyTransparency() throws {
        var gray = PNGBuilder(width: 3, height: 1, colorType: .gray, bitDepth: 16)
        gray.transparency = [0x12, 0x34]
        let grayImage = try Image(data: gray.encode(samples: [0x1234, 0x1235, 0xFFFF]))
        XCTAssertEqual(grayImage.pixels, [0, 0, 0, 18, 18, 18, 255, 255, 255])
        var rgb = PNGBuilder(width: 2, height: 1, colorType: .rgb, bitDepth: 8)
        rgb.transparency = [0, 10, 0, 20, 0, 30]
        let rgbImage = try Image(data: rgb.encode(samples: [10, 20, 30, 10, 20, 31]))
        XCTAssertEqual(rgbImage.pixels, [0, 0, 0, 10, 20, 31])
    }

    /// The decoder keeps gray, RGB and RGBA when asked; gray+alpha becomes composited gray.
    func testDecodeKeepingChannels() throws {
        let grayAlpha = PNGBuilder(width: 2, height: 1, colorType: .grayAlpha).encode(samples: [200, 255, 200, 51])
        let decoded = try Image.decodeKeepingChannels(grayAlpha)
        XCTAssertEqual(decoded.channels, 1)
        XCTAssertEqual(decoded.pixels, [200, 40])
        let rgba = PNGBuilder(width: 1, height: 1, colorType: .rgba).encode(samples: [1, 2, 3, 4])
        XCTAssertEqual(try Image.decodeKeepingChannels(rgba).pixels, [1, 2, 3, 4])
    }
}
