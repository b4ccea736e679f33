import XCTest
@testable import Kernels

final class Pool2DTests: XCTestCase {
    /// Naive pooling in Double; padding cells are skipped (max) or excluded from the count (average).
    static func reference(_ g: Pool2DGeometry, input: [Float], average: Bool) -> [Double] {
        var output = [Double](repeating: 0, count: g.outputCount)
        for n in 0..<g.batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for c in 0..<g.channels {
                        var best = -Double.greatestFiniteMagnitude
                        var sum = 0.0
                        var count = 0
                        for wh in 0..<g.windowHeight {
                            let ih = oh * g.strideHeight - g.padTop + wh
                            guard ih >= 0 && ih < g.inputHeight else { continue }
                            for ww in 0..<g.windowWidth {
                                let iw = ow * g.strideWidth - g.padLeft + ww
                                guard iw >= 0 && iw < g.inputWidth else { continue }
                                let x = Double(input[((n * g.inputHeight + ih) * g.inputWidth + iw) * g.channels + c])
                                best = max(best, x)
                                sum += x
                                count += 1
                            }
                        }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.channels + c] =
                            average ? sum / Double(count) : best
                    }
                }
            }
        }
        return output
    }

    func check(_ g: Pool2DGeometry, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try g.validate(), file: file, line: line)
        let input = randomFloats(g.inputCount, in: -5...5, seed: seed)
        for average in [false, true] {
            var output = [Float](repeating: .nan, count: g.outputCount)
            input.withUnsafeBufferPointer { i in
                output.withUnsafeMutableBufferPointer { o in
                    if average {
                        Pool2D.average(input: i.baseAddress!, output: o.baseAddress!, geometry: g)
                    } else {
                        Pool2D.max(input: i.baseAddress!, output: o.baseAddress!, geometry: g)
                    }
                }
            }
            let reference = Self.reference(g, input: input, average: average)
            assertClose(output, reference, tolerance: average ? 1e-6 : 0, "\(g) average \(average)", file: file, line: line)
        }
    }

    func testValid2x2Stride2() {
        // The seed model's pools: odd inputs drop the last row/column.
        check(Pool2DGeometry(batch: 1, inputHeight: 9, inputWidth: 11, channels: 5, outputHeight: 4, outputWidth: 5,
                             windowHeight: 2, windowWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0), seed: 1)
    }

    /// 8+ channels take the vectorized path: same bits as the general loop (channel tails, overlapping windows,
    /// odd sizes, batches, NaN never winning, windows clipped by the padding on every side).
    func testVectorizedMaxMatchesGeneralLoop() {
        let geometries = [
            Pool2DGeometry(batch: 2, inputHeight: 9, inputWidth: 11, channels: 13, outputHeight: 4, outputWidth: 5,
                           windowHeight: 2, windowWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0),
            Pool2DGeometry(batch: 1, inputHeight: 8, inputWidth: 8, channels: 128, outputHeight: 7, outputWidth: 7,
                           windowHeight: 2, windowWidth: 2, strideHeight: 1, strideWidth: 1, padTop: 0, padLeft: 0),
            Pool2DGeometry(batch: 3, inputHeight: 10, inputWidth: 7, channels: 8, outputHeight: 3, outputWidth: 2,
                           windowHeight: 3, windowWidth: 2, strideHeight: 3, strideWidth: 3, padTop: 0, padLeft: 0),
            // 5 output rows of 4096 values: split into 4 chunks of 2 rows, the last one empty.
            Pool2DGeometry(batch: 1, inputHeight: 10, inputWidth: 64, channels: 128, outputHeight: 5, outputWidth: 32,
                           windowHeight: 2, windowWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0),
            // R-Net's SAME pool (the last windows cut at the bottom and right), P-Net's 10 channels.
            Pool2DGeometry(batch: 2, inputHeight: 22, inputWidth: 22, channels: 28, outputHeight: 11, outputWidth: 11,
                           windowHeight: 3, windowWidth: 3, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0),
            Pool2DGeometry(batch: 1, inputHeight: 15, inputWidth: 13, channels: 10, outputHeight: 8, outputWidth: 7,
                           windowHeight: 2, windowWidth: 2, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0),
            // Padding before and after; windows larger than the input.
            Pool2DGeometry(batch: 1, inputHeight: 7, inputWidth: 9, channels: 9, outputHeight: 4, outputWidth: 5,
                           windowHeight: 3, windowWidth: 3, strideHeight: 2, strideWidth: 2, padTop: 1, padLeft: 1),
            Pool2DGeometry(batch: 2, inputHeight: 3, inputWidth: 4, channels: 16, outputHeight: 3, outputWidth: 4,
                           windowHeight: 5, windowWidth: 6, strideHeight: 1, strideWidth: 1, padTop: 2, padLeft: 3),
        ]
        // The C rows (AVX2) and the Swift rows, against the general loop.
        let contexts = [ComputeContext(workerCount: 2),
                        ComputeContext(workerCount: 1, allowsAVX2: false, generatesGEMMKernels: false)]
        for (index, g) in geometries.enumerated() {
            check(g, seed: 40 + UInt64(index))
            var input = randomFloats(g.inputCount, in: -5...5, seed: 50 + UInt64(index))
            input[3] = .nan
            input[g.channels + 9] = .nan
            // Zeros of both signs side by side: the one met first in the window stays.
            input[2 * g.channels] = -0.0
            input[3 * g.channels] = 0.0
            var general = [Float](repeating: 0, count: g.outputCount)
            general.withUnsafeMutableBufferPointer {
                Pool2D.reduceWindows(input: input, output: $0.baseAddress!, geometry: g, initial: -Float.greatestFiniteMagnitude,
                                     combine: { current, x in x > current ? x : current }, finish: { _, _ in })
            }
            for context in contexts {
                var fast = [Float](repeating: 0, count: g.outputCount)
                fast.withUnsafeMutableBufferPointer { Pool2D.max(input: input, output: $0.baseAddress!, geometry: g, context: context) }
                XCTAssertTrue(fast.map(\.bitPattern) == general.map(\.bitPattern), "\(g), AVX2 \(context.usesAVX2)")
            }
        }
    }

    func testSame3x3Stride2WithPadding() {
        // TF SAME for 3x3 / stride 2 on 8x7: outputs 4x4, pads top 0 / bottom 1, left 1 / right 1.
        check(Pool2DGeometry(batch: 2, inputHeight: 8, inputWidth: 7, channels: 3, outputHeight: 4, outputWidth: 4,
                             windowHeight: 3, windowWidth: 3, strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 1), seed: 2)
    }

    func testSameStride1AsymmetricWindow() {
        check(Pool2DGeometry(batch: 1, inputHeight: 5, inputWidth: 6, channels: 4, outputHeight: 5, outputWidth: 6,
                             windowHeight: 4, windowWidth: 3, strideHeight: 1, strideWidth: 1, padTop: 1, padLeft: 1), seed: 3)
    }

    func testStride3() {
        check(Pool2DGeometry(batch: 2, inputHeight: 10, inputWidth: 10, channels: 2, outputHeight: 3, outputWidth: 3,
                             windowHeight: 3, windowWidth: 3, strideHeight: 3, strideWidth: 3, padTop: 0, padLeft: 0), seed: 4)
    }

    func testAverageExcludesPaddingFromCount() {
        // 2x2 input of ones, 3x3 window, stride 1, pad 1 everywhere: every window averages ones only.
        let g = Pool2DGeometry(batch: 1, inputHeight: 2, inputWidth: 2, channels: 1, outputHeight: 2, outputWidth: 2,
                               windowHeight: 3, windowWidth: 3, strideHeight: 1, strideWidth: 1, padTop: 1, padLeft: 1)
        let input: [Float] = [1, 2, 3, 4]
        var output = [Float](repeating: 0, count: 4)
        output.withUnsafeMutableBufferPointer { Pool2D.average(input: input, output: $0.baseAddress!, geometry: g) }
        XCTAssertEqual(output, [2.5, 2.5, 2.5, 2.5])
        output.withUnsafeMutableBufferPointer { Pool2D.max(input: input, output: $0.baseAddress!, geometry: g) }
        XCTAssertEqual(output, [4, 4, 4, 4])
    }

    func testMaxOfNegativeValuesIgnoresPadding() {
        let g = Pool2DGeometry(batch: 1, inputHeight: 1, inputWidth: 2, channels: 1, outputHeight: 1, outputWidth: 2,
                               windowHeight: 1, windowWidth: 2, strideHeight: 1, strideWidth: 1, padTop: 0, padLeft: 0)
        let input: [Float] = [-3, -7]
        var output = [Float](repeating: 0, count: 2)
        output.withUnsafeMutableBufferPointer { Pool2D.max(input: input, output: $0.baseAddress!, geometry: g) }
        XCTAssertEqual(output, [-3, -7])
    }

    func testValidateRejectsZeroStride() {
        let g = Pool2DGeometry(batch: 1, inputHeight: 4, inputWidth: 4, channels: 1, outputHeight: 2, outputWidth: 2,
                               windowHeight: 2, windowWidth: 2, strideHeight: 2, strideWidth: 0, padTop: 0, padLeft: 0)
        XCTAssertThrowsError(try g.validate())
    }
}
