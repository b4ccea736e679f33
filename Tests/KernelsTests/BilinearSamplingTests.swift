import XCTest
@testable import Kernels

/// The 8-bit image sampler behind the face-mesh warp: the AVX2 path must give the scalar loop's bits at every kind
/// of position (inside, on and past every edge, NaN, infinite), for gray, RGB and RGBA images, with and without the
/// black border; and the scalar loop must blend as its definition says.
final class BilinearSamplingTests: XCTestCase {
    private func sample(_ pixels: [UInt8], width: Int, height: Int, channels: Int, xs: [Double], ys: [Double],
                        zeroBorder: Bool, avx2: Bool) -> [Float] {
        var output = [Float](repeating: -1, count: 3 * xs.count)
        pixels.withUnsafeBufferPointer { p in
            xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { y in
                    output.withUnsafeMutableBufferPointer { o in
                        BilinearSampling.sampleRGB(p.baseAddress!, width: width, height: height, channels: channels,
                                                   xs: x.baseAddress!, ys: y.baseAddress!, count: xs.count,
                                                   zeroBorder: zeroBorder, into: o.baseAddress!, allowsAVX2: avx2)
                    }
                }
            }
        }
        return output
    }

    func testAVX2PathGivesTheScalarBits() throws {
        try XCTSkipUnless(AVX2Kernels.available, "no AVX2 on this CPU")
        var generator = SystemRandomNumberGenerator()
        for (width, height) in [(1, 1), (2, 3), (7, 5), (64, 48), (193, 101)] {
            for channels in 1...4 {
                let pixels = (0..<(width * height * channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                var xs: [Double] = [], ys: [Double] = []
                let w = Double(width), h = Double(height)
                func edges(_ side: Double) -> [Double] {
                    [-2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, side - 1, side - 0.5, side, side + 0.5, side + 3,
                     .nan, .infinity, -.infinity, 1e300]
                }
                for a in edges(w) {
                    for b in edges(h) {
                        xs.append(a)
                        ys.append(b)
                    }
                }
                for _ in 0..<3000 {
                    xs.append(Double.random(in: -3...(w + 3), using: &generator))
                    ys.append(Double.random(in: -3...(h + 3), using: &generator))
                }
                // The image's last pixels, whose 4-byte reads would pass the end of the buffer.
                for _ in 0..<64 {
                    xs.append(w - Double.random(in: 0...1.5, using: &generator))
                    ys.append(h - Double.random(in: 0...1.5, using: &generator))
                }
                for zeroBorder in [false, true] {
                    let scalar = sample(pixels, width: width, height: height, channels: channels, xs: xs, ys: ys,
                                        zeroBorder: zeroBorder, avx2: false)
                    let vector = sample(pixels, width: width, height: height, channels: channels, xs: xs, ys: ys,
                                        zeroBorder: zeroBorder, avx2: true)
                    XCTAssertEqual(scalar.map(\.bitPattern), vector.map(\.bitPattern),
                                   "\(width)x\(height)x\(channels) zeroBorder \(zeroBorder)")
                }
            }
        }
    }

    func testScalarSamplesBlendTheFourNeighbours() {
        // 2 x 2 RGB: red channel 0, 100 / 200, 255; green and blue constant.
        let pixels: [UInt8] = [0, 10, 20, 100, 10, 20, 200, 10, 20, 255, 10, 20]
        // Pixel centres, the middle, a quarter step, and a position past the right edge (clamped).
        let xs: [Double] = [0.5, 1.5, 1.0, 0.75, 5.0]
        let ys: [Double] = [0.5, 1.5, 1.0, 0.5, 0.5]
        let out = sample(pixels, width: 2, height: 2, channels: 3, xs: xs, ys: ys, zeroBorder: false, avx2: false)
        let red = stride(from: 0, to: out.count, by: 3).map { (out[$0] * 255).rounded() }
        // Middle: top 50, bottom 227.5, value 138.75 -> 139; quarter: 25 -> 25; past the edge: the right column, 100.
        XCTAssertEqual(red, [0, 255, 139, 25, 100])
        XCTAssertEqual(out[1], 10 / 255)
        XCTAssertEqual(out[2], 20 / 255)
        let black = sample(pixels, width: 2, height: 2, channels: 3, xs: [5.0, -0.01], ys: [0.5, 1], zeroBorder: true, avx2: false)
        XCTAssertEqual(black, [0, 0, 0, 0, 0, 0])
    }

    func testSupersampledRowsGiveTheScalarBits() throws {
        try XCTSkipUnless(AVX2Kernels.available, "no AVX2 on this CPU")
        var generator = SystemRandomNumberGenerator()
        for (width, height) in [(1, 1), (2, 2), (9, 4), (80, 60)] {
            for channels in 1...4 {
                let pixels = (0..<(width * height * channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                for samples in [1, 2, 3, 4] {
                    // Rows along a random direction from random starts: some inside, some crossing the edges.
                    for _ in 0..<40 {
                        let count = Int.random(in: 1...37, using: &generator)
                        var x = Double.random(in: -2...(Double(width) + 1), using: &generator)
                        var y = Double.random(in: -2...(Double(height) + 1), using: &generator)
                        let dx = Double.random(in: -0.7...0.7, using: &generator)
                        let dy = Double.random(in: -0.7...0.7, using: &generator)
                        var xs: [Double] = [], ys: [Double] = []
                        for _ in 0..<(count * samples) {
                            xs.append(x)
                            ys.append(y)
                            x += dx
                            y += dy
                        }
                        let start = (0..<(3 * count)).map { _ in Double.random(in: 0...500, using: &generator) }
                        func run(_ avx2: Bool) -> [Double] {
                            var sums = start
                            pixels.withUnsafeBufferPointer { p in
                                BilinearSampling.supersampleRow(p.baseAddress!, width: width, height: height,
                                                                channels: channels, xs: xs, ys: ys,
                                                                samplesPerPixel: samples, count: count, into: &sums,
                                                                allowsAVX2: avx2)
                            }
                            return sums
                        }
                        XCTAssertEqual(run(false).map(\.bitPattern), run(true).map(\.bitPattern),
                                       "\(width)x\(height)x\(channels), \(samples) samples")
                    }
                }
            }
        }
    }

    func testSupersamplesAddTheirBilinearValues() {
        // 2 x 2 gray: 0, 100 / 200, 40. Centres at integer coordinates.
        let pixels: [UInt8] = [0, 100, 200, 40]
        var sums = [Double](repeating: 1, count: 3)
        // (0.5, 0.5): the mean, 85; (0, 0): 0; (1.5, 0): half of the right column's top only (black outside), 50.
        BilinearSampling.supersampleRow(pixels, width: 2, height: 2, channels: 1, xs: [0.5, 0, 1.5], ys: [0.5, 0, 0],
                                        samplesPerPixel: 3, count: 1, into: &sums, allowsAVX2: false)
        XCTAssertEqual(sums, [136, 136, 136])
    }
}
