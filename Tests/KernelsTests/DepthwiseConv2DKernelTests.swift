import XCTest
@testable import Kernels

final class DepthwiseConv2DKernelTests: XCTestCase {
    /// Naive NHWC depthwise convolution in Double: scalar loops over every tap, zero outside the input; then
    /// bias, activation and PReLU slopes.
    static func reference(_ g: DepthwiseConv2DGeometry, input: [Float], filter: [Float], bias: [Float]?,
                          activation: Activation, slopes: [Float]?) -> [Double] {
        var output = [Double](repeating: 0, count: g.outputCount)
        let oc = g.outputChannels
        for n in 0..<g.batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for c in 0..<g.channels {
                        for m in 0..<g.channelMultiplier {
                            let o = c * g.channelMultiplier + m
                            var sum = 0.0
                            for kh in 0..<g.kernelHeight {
                                let ih = oh * g.strideHeight - g.padTop + kh * g.dilationHeight
                                if ih < 0 || ih >= g.inputHeight { continue }
                                for kw in 0..<g.kernelWidth {
                                    let iw = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth
                                    if iw < 0 || iw >= g.inputWidth { continue }
                                    let x = input[((n * g.inputHeight + ih) * g.inputWidth + iw) * g.channels + c]
                                    let w = filter[(kh * g.kernelWidth + kw) * oc + o]
                                    sum += Double(x) * Double(w)
                                }
                            }
                            sum += bias.map { Double($0[o]) } ?? 0
                            var y = referenceActivation(activation, sum)
                            if let slopes, y <= 0 { y *= Double(slopes[o]) }
                            output[((n * g.outputHeight + oh) * g.outputWidth + ow) * oc + o] = y
                        }
                    }
                }
            }
        }
        return output
    }

    /// Runs the kernel into an output buffer followed by canaries that must stay untouched.
    static func run(_ g: DepthwiseConv2DGeometry, input: [Float], filter: [Float], bias: [Float]?,
                    activation: Activation, slopes: [Float]?, context: ComputeContext = .singleThreaded) -> [Float] {
        let kernel = filter.withUnsafeBufferPointer { f in
            bias.withOptionalPointer { b in
                slopes.withOptionalPointer { s in
                    DepthwiseConv2DKernel(geometry: g, filter: f.baseAddress, bias: b, activation: activation, negativeSlopes: s,
                                          context: context)
                }
            }
        }
        let canary: Float = 12345
        var output = [Float](repeating: canary, count: g.outputCount + 8)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                // An empty input has no base address; the kernel then reads nothing.
                var dummy: Float = 0
                withUnsafePointer(to: &dummy) { d in
                    kernel.run(input: i.baseAddress ?? d, output: o.baseAddress!)
                }
            }
        }
        XCTAssertEqual(Array(output.suffix(8)), [Float](repeating: canary, count: 8), "output overrun")
        return Array(output.prefix(g.outputCount))
    }

    /// A geometry with the output size TensorFlow gives for the padding before/after on each axis.
    static func geometry(batch: Int = 1, height: Int, width: Int, channels: Int, multiplier: Int, kernel: (Int, Int),
                         stride: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1),
                         pad: (top: Int, bottom: Int, left: Int, right: Int) = (0, 0, 0, 0)) -> DepthwiseConv2DGeometry {
        let effectiveH = (kernel.0 - 1) * dilation.0 + 1, effectiveW = (kernel.1 - 1) * dilation.1 + 1
        return DepthwiseConv2DGeometry(
            batch: batch, inputHeight: height, inputWidth: width, channels: channels, channelMultiplier: multiplier,
            outputHeight: (height + pad.top + pad.bottom - effectiveH) / stride.0 + 1,
            outputWidth: (width + pad.left + pad.right - effectiveW) / stride.1 + 1,
            kernelHeight: kernel.0, kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1,
            dilationHeight: dilation.0, dilationWidth: dilation.1, padTop: pad.top, padLeft: pad.left)
    }

    func check(_ g: DepthwiseConv2DGeometry, bias: Bool = true, activation: Activation = .none, slopes: Bool = false,
               seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        let input = randomFloats(g.inputCount, in: -2...2, seed: seed)
        let filter = randomFloats(g.filterCount, seed: seed &+ 1)
        let biasValues = bias ? randomFloats(g.outputChannels, in: -0.5...0.5, seed: seed &+ 2) : nil
        let slopeValues = slopes ? randomFloats(g.outputChannels, in: 0...0.7, seed: seed &+ 3) : nil
        let ours = Self.run(g, input: input, filter: filter, bias: biasValues, activation: activation, slopes: slopeValues)
        let expected = Self.reference(g, input: input, filter: filter, bias: biasValues, activation: activation, slopes: slopeValues)
        assertClose(ours, expected, "\(g)", file: file, line: line)
    }

    func testMultiplierOneVectorBlocksAndTail() {
        // 8 + 8 + 3 channels: two SIMD blocks and a scalar tail; wide enough for the 4-pixel path.
        check(Self.geometry(height: 7, width: 13, channels: 19, multiplier: 1, kernel: (3, 3)), seed: 1)
        check(Self.geometry(height: 5, width: 4, channels: 3, multiplier: 1, kernel: (3, 3), pad: (1, 1, 1, 1)), seed: 2)
    }

    func testMultipliersAboveOne() {
        check(Self.geometry(height: 8, width: 7, channels: 3, multiplier: 2, kernel: (3, 3)), seed: 3)
        check(Self.geometry(batch: 2, height: 9, width: 7, channels: 5, multiplier: 3, kernel: (3, 3), stride: (2, 2),
                            pad: (0, 1, 1, 1)), seed: 4)
        check(Self.geometry(height: 6, width: 6, channels: 2, multiplier: 8, kernel: (2, 2)), activation: .relu, seed: 5)
    }

    func testStridesDilationsAndAsymmetricPadding() {
        check(Self.geometry(height: 11, width: 13, channels: 16, multiplier: 1, kernel: (3, 3), stride: (2, 2),
                            pad: (0, 1, 1, 1)), seed: 6)
        check(Self.geometry(height: 9, width: 14, channels: 16, multiplier: 1, kernel: (3, 3), dilation: (2, 2),
                            pad: (2, 2, 2, 2)), seed: 7)
        check(Self.geometry(height: 9, width: 11, channels: 3, multiplier: 2, kernel: (3, 3), dilation: (2, 3)), seed: 8)
        check(Self.geometry(height: 12, width: 10, channels: 9, multiplier: 1, kernel: (5, 3), stride: (3, 2), dilation: (1, 2),
                            pad: (2, 0, 0, 3)), seed: 9)
        // BlazeFace's stride-2 form: pad (0, 2) after, VALID 3x3 stride 2.
        check(Self.geometry(height: 24, width: 24, channels: 24, multiplier: 1, kernel: (3, 3), stride: (2, 2),
                            pad: (0, 2, 0, 2)), seed: 10)
    }

    func testWindowsEntirelyInThePadding() {
        // Rows and columns whose whole window lies in the padding are bias + activation alone.
        check(Self.geometry(height: 3, width: 3, channels: 8, multiplier: 1, kernel: (2, 2), pad: (3, 3, 4, 4)), seed: 11)
        check(Self.geometry(height: 2, width: 3, channels: 2, multiplier: 2, kernel: (1, 1), pad: (2, 2, 2, 2)), seed: 12)
    }

    func testFusedEpilogues() {
        let g = Self.geometry(height: 6, width: 10, channels: 12, multiplier: 1, kernel: (3, 3), pad: (1, 1, 1, 1))
        for (k, activation) in [Activation.none, .relu, .relu6, .leakyRelu(alpha: 0.2), .elu, .sigmoid, .tanh, .swish, .hardSwish].enumerated() {
            check(g, activation: activation, seed: 20 + UInt64(k))
        }
        check(g, slopes: true, seed: 30)
        check(g, bias: false, slopes: true, seed: 31)
        check(Self.geometry(height: 5, width: 6, channels: 3, multiplier: 2, kernel: (3, 3)), slopes: true, seed: 32)
    }

    func testRandomShapes() {
        var generator = SeededGenerator(seed: 99)
        for trial in 0..<40 {
            let kernel = (Int.random(in: 1...5, using: &generator), Int.random(in: 1...5, using: &generator))
            let stride = (Int.random(in: 1...3, using: &generator), Int.random(in: 1...3, using: &generator))
            let dilation = (Int.random(in: 1...3, using: &generator), Int.random(in: 1...3, using: &generator))
            let pad = (Int.random(in: 0...3, using: &generator), Int.random(in: 0...3, using: &generator),
                       Int.random(in: 0...3, using: &generator), Int.random(in: 0...3, using: &generator))
            let minimumH = max(1, (kernel.0 - 1) * dilation.0 + 1 - pad.0 - pad.1)
            let minimumW = max(1, (kernel.1 - 1) * dilation.1 + 1 - pad.2 - pad.3)
            let g = Self.geometry(batch: Int.random(in: 1...2, using: &generator),
                                  height: Int.random(in: minimumH...(minimumH + 9), using: &generator),
                                  width: Int.random(in: minimumW...(minimumW + 12), using: &generator),
                                  channels: Int.random(in: 1...20, using: &generator),
                                  multiplier: [1, 1, 2, 3].randomElement(using: &generator)!,
                                  kernel: kernel, stride: stride, dilation: dilation, pad: pad)
            check(g, bias: trial % 2 == 0, activation: trial % 3 == 0 ? .relu6 : .none, slopes: trial % 5 == 1,
                  seed: 1000 + UInt64(trial))
        }
    }

    /// Wide channel counts take every block of the AVX2 + FMA rows (16, 8, scalar tail) inside and at the borders.
    func testWideChannelsWithStridesAndPadding() {
        check(Self.geometry(height: 9, width: 13, channels: 43, multiplier: 1, kernel: (3, 3), stride: (2, 2),
                            pad: (1, 1, 1, 1)), bias: true, activation: .relu6, seed: 50)
        check(Self.geometry(height: 8, width: 11, channels: 32, multiplier: 1, kernel: (5, 5), pad: (2, 2, 2, 2)),
              bias: true, activation: .relu, seed: 51)
        check(Self.geometry(height: 6, width: 17, channels: 24, multiplier: 1, kernel: (3, 3), dilation: (2, 2),
                            pad: (2, 2, 2, 2)), seed: 52)
    }

    func testEmptyOutputWritesNothing() {
        let g = Self.geometry(batch: 0, height: 4, width: 4, channels: 8, multiplier: 1, kernel: (3, 3))
        XCTAssertEqual(g.outputCount, 0)
        check(g, seed: 40)
        let noChannels = Self.geometry(height: 4, width: 4, channels: 0, multiplier: 2, kernel: (3, 3))
        check(noChannels, seed: 41)
    }

    func testValidateRejectsBadGeometry() {
        var g = Self.geometry(height: 5, width: 5, channels: 4, multiplier: 1, kernel: (3, 3))
        g.channelMultiplier = 0
        XCTAssertThrowsError(try g.validate())
        g = Self.geometry(height: 5, width: 5, channels: 4, multiplier: 1, kernel: (3, 3))
        g.strideWidth = 0
        XCTAssertThrowsError(try g.validate())
        g = Self.geometry(height: 5, width: 5, channels: 4, multiplier: 1, kernel: (3, 3))
        g.padTop = -1
        XCTAssertThrowsError(try g.validate())
        g = Self.geometry(height: 5, width: 5, channels: 4, multiplier: 1, kernel: (3, 3))
        g.channels = Int.max / 2
        XCTAssertThrowsError(try g.validate())
    }

    func testFlops() {
        let g = Self.geometry(batch: 2, height: 9, width: 8, channels: 5, multiplier: 3, kernel: (3, 2), stride: (2, 1))
        XCTAssertEqual(g.flops, 2 * 2 * g.outputHeight * g.outputWidth * 15 * 3 * 2)
    }

    func testBitIdenticalForOneAndTwoThreads() {
        for (k, g) in [Self.geometry(height: 48, width: 48, channels: 32, multiplier: 1, kernel: (3, 3), pad: (1, 1, 1, 1)),
                       Self.geometry(batch: 2, height: 17, width: 19, channels: 5, multiplier: 2, kernel: (5, 5), stride: (2, 2),
                                     pad: (2, 2, 2, 2))].enumerated() {
            let input = randomFloats(g.inputCount, seed: 50 + UInt64(k))
            let filter = randomFloats(g.filterCount, seed: 60 + UInt64(k))
            let bias = randomFloats(g.outputChannels, seed: 70 + UInt64(k))
            let one = Self.run(g, input: input, filter: filter, bias: bias, activation: .relu6, slopes: nil)
            let two = Self.run(g, input: input, filter: filter, bias: bias, activation: .relu6, slopes: nil,
                               context: ComputeContext(workerCount: 2))
            XCTAssertEqual(one, two)
            XCTAssertGreaterThan(DepthwiseConv2DKernel(geometry: g, filter: filter, bias: nil, activation: .none).taskCount, 1)
        }
    }
}

/// Conv2D's per-channel PReLU output step (used when a PReLU is fused into the convolution).
final class Conv2DPReLUTests: XCTestCase {
    func testConv2DWithSlopesMatchesReference() {
        for (k, g) in [Conv2DGeometry(batch: 1, inputHeight: 6, inputWidth: 7, inputChannels: 3, outputHeight: 6, outputWidth: 7,
                                      outputChannels: 11, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
                                      dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1),
                       Conv2DGeometry(batch: 2, inputHeight: 5, inputWidth: 5, inputChannels: 6, outputHeight: 5, outputWidth: 5,
                                      outputChannels: 16, kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1,
                                      dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)].enumerated() {
            let input = randomFloats(g.inputCount, seed: 200 + UInt64(k))
            let filter = randomFloats(g.filterCount, seed: 210 + UInt64(k))
            let bias = randomFloats(g.outputChannels, in: -0.5...0.5, seed: 220 + UInt64(k))
            let slopes = randomFloats(g.outputChannels, in: 0...0.7, seed: 230 + UInt64(k))
            // Winograd is requested for the 3x3 case: slopes must make the kernel fall back to im2col.
            let kernel = filter.withUnsafeBufferPointer { f in
                bias.withUnsafeBufferPointer { b in
                    slopes.withUnsafeBufferPointer { s in
                        Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: b.baseAddress!, activation: .none,
                                     algorithm: .winogradF2x2, negativeSlopes: s.baseAddress!)
                    }
                }
            }
            XCTAssertEqual(kernel.algorithm, .im2colGEMM)
            var scratch = [Float](repeating: 0, count: max(1, kernel.scratchCount))
            var output = [Float](repeating: 0, count: g.outputCount)
            input.withUnsafeBufferPointer { i in
                output.withUnsafeMutableBufferPointer { o in
                    scratch.withUnsafeMutableBufferPointer { s in
                        kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: s.baseAddress!)
                    }
                }
            }
            let plain = Conv2DKernelTests.reference(g, input: input, filter: filter, bias: bias, activation: .none)
            let expected = plain.enumerated().map { index, y in y > 0 ? y : y * Double(slopes[index % g.outputChannels]) }
            XCTAssertTrue(expected.contains { $0 < 0 } && expected.contains { $0 > 0 })
            assertClose(output, expected)
        }
    }
}

extension Optional where Wrapped == [Float] {
    /// Calls `body` with a pointer to the array's elements, or nil.
    func withOptionalPointer<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// The vectorised standalone PReLU (used by the PReLU op and by the convolutions' output step).
final class PReLUKernelTests: XCTestCase {
    func testMatchesTheScalarDefinitionForAnyBlock() {
        for (k, (count, block)) in [(48, 16), (45, 7), (13, 1), (100, 100), (37, 64)].enumerated() {
            var input = randomFloats(count, in: -3...3, seed: 300 + UInt64(k))
            input[count / 2] = .nan
            input[0] = -0.0
            let slopes = randomFloats(block, in: 0...0.8, seed: 310 + UInt64(k))
            var output = [Float](repeating: 7, count: count)
            input.withUnsafeBufferPointer { i in
                output.withUnsafeMutableBufferPointer { o in
                    PReLU.apply(input: i.baseAddress!, output: o.baseAddress!, count: count, slopes: slopes, block: block)
                }
            }
            for i in 0..<count {
                let x = input[i]
                let expected = x > 0 ? x : x * slopes[i % block]
                if x.isNaN {
                    XCTAssertTrue(output[i].isNaN)
                } else {
                    XCTAssertEqual(output[i].bitPattern, expected.bitPattern, "count \(count) block \(block) at \(i)")
                }
            }
            // In place gives the same values.
            var inPlace = input
            inPlace.withUnsafeMutableBufferPointer { b in
                PReLU.apply(input: b.baseAddress!, output: b.baseAddress!, count: count, slopes: slopes, block: block)
            }
            XCTAssertEqual(inPlace.map(\.bitPattern), output.map(\.bitPattern))
        }
    }
}
