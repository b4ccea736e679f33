import XCTest
@testable import Kernels

/// ``GroupedConv2DKernel`` against a naive grouped convolution in Double, on the packed-panel (FMA) and the
/// OpenBLAS paths, with scratch and output canaries, and bit-identical results at 1 and 2 threads.
final class GroupedConv2DKernelTests: XCTestCase {
    /// Naive grouped NHWC convolution: output channel `o` of group `o / (O/G)` reads that group's input channels.
    static func reference(_ g: Conv2DGeometry, groups: Int, input: [Float], filter: [Float], bias: [Float]?,
                          slopes: [Float]?, activation: Activation) -> [Double] {
        let ic = g.inputChannels, columns = g.outputChannels
        let channels = ic * groups, oc = columns * groups
        var output = [Double](repeating: 0, count: g.outputPixelCount * oc)
        for n in 0..<g.batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for o in 0..<oc {
                        let group = o / columns
                        var sum = 0.0
                        for kh in 0..<g.kernelHeight {
                            let ih = oh * g.strideHeight - g.padTop + kh * g.dilationHeight
                            if ih < 0 || ih >= g.inputHeight { continue }
                            for kw in 0..<g.kernelWidth {
                                let iw = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth
                                if iw < 0 || iw >= g.inputWidth { continue }
                                for c in 0..<ic {
                                    let x = input[((n * g.inputHeight + ih) * g.inputWidth + iw) * channels + group * ic + c]
                                    let w = filter[((kh * g.kernelWidth + kw) * ic + c) * oc + o]
                                    sum += Double(x) * Double(w)
                                }
                            }
                        }
                        var y = referenceActivation(activation, sum + (bias.map { Double($0[o]) } ?? 0))
                        if let slopes, y <= 0 { y *= Double(slopes[o]) }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * oc + o] = y
                    }
                }
            }
        }
        return output
    }

    /// Runs the kernel with canaries after its output and scratch.
    static func run(_ g: Conv2DGeometry, groups: Int, input: [Float], filter: [Float], bias: [Float]?, slopes: [Float]?,
                    activation: Activation, context: ComputeContext) -> [Float] {
        let kernel = filter.withUnsafeBufferPointer { f in
            (bias ?? []).withUnsafeBufferPointer { b in
                (slopes ?? []).withUnsafeBufferPointer { s in
                    GroupedConv2DKernel(group: g, groupCount: groups, filter: f.baseAddress!,
                                        bias: bias == nil ? nil : b.baseAddress, activation: activation,
                                        negativeSlopes: slopes == nil ? nil : s.baseAddress, context: context)
                }
            }
        }
        let canary: Float = 12345
        let count = g.outputPixelCount * g.outputChannels * groups
        var scratch = [Float](repeating: canary, count: kernel.scratchCount + 8)
        var output = [Float](repeating: canary, count: count + 8)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: s.baseAddress!)
                }
            }
        }
        XCTAssertEqual(Array(output.suffix(8)), [Float](repeating: canary, count: 8), "output overrun")
        XCTAssertEqual(Array(scratch.suffix(8)), [Float](repeating: canary, count: 8), "scratch overrun")
        return Array(output.prefix(count))
    }

    func check(_ g: Conv2DGeometry, groups: Int, bias: Bool = true, slopes: Bool = false, activation: Activation = .relu,
               seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try g.validate(), file: file, line: line)
        let oc = g.outputChannels * groups
        let input = randomFloats(g.batch * g.inputHeight * g.inputWidth * g.inputChannels * groups, seed: seed)
        let filter = randomFloats(g.patchLength * oc, seed: seed + 1)
        let biasValues = bias ? randomFloats(oc, seed: seed + 2) : nil
        let slopeValues = slopes ? randomFloats(oc, in: 0...0.5, seed: seed + 3) : nil
        let reference = Self.reference(g, groups: groups, input: input, filter: filter, bias: biasValues,
                                       slopes: slopeValues, activation: activation)
        for allowsAVX2 in [true, false] {
            var first: [Float]?
            for threads in [1, 2] {
                let context = ComputeContext(workerCount: threads, allowsAVX2: allowsAVX2)
                let ours = Self.run(g, groups: groups, input: input, filter: filter, bias: biasValues, slopes: slopeValues,
                                    activation: activation, context: context)
                assertClose(ours, reference, "AVX2 \(allowsAVX2), \(threads) threads", file: file, line: line)
                if let first {
                    XCTAssertEqual(first, ours, "1 and 2 threads differ (AVX2 \(allowsAVX2))", file: file, line: line)
                } else {
                    first = ours
                }
            }
        }
    }

    static func geometry(batch: Int = 1, input: (Int, Int), channels: Int, outputs: Int, kernel: (Int, Int),
                         stride: Int = 1, dilation: Int = 1, same: Bool) -> Conv2DGeometry {
        func size(_ n: Int, _ k: Int) -> (Int, Int) {
            if same { return Conv2DGeometry.samePadding(input: n, kernel: k, stride: stride, dilation: dilation) }
            return (Conv2DGeometry.validOutputSize(input: n, kernel: k, stride: stride, dilation: dilation), 0)
        }
        let (oh, top) = size(input.0, kernel.0), (ow, left) = size(input.1, kernel.1)
        return Conv2DGeometry(batch: batch, inputHeight: input.0, inputWidth: input.1, inputChannels: channels,
                              outputHeight: oh, outputWidth: ow, outputChannels: outputs, kernelHeight: kernel.0,
                              kernelWidth: kernel.1, strideHeight: stride, strideWidth: stride, dilationHeight: dilation,
                              dilationWidth: dilation, padTop: top, padLeft: left)
    }

    func testSamePaddingStrideOne() {
        check(Self.geometry(batch: 2, input: (7, 9), channels: 4, outputs: 6, kernel: (3, 3), same: true), groups: 3, seed: 1)
    }

    func testValidStrideTwoWithoutBias() {
        check(Self.geometry(input: (9, 8), channels: 8, outputs: 24, kernel: (3, 3), stride: 2, same: false), groups: 2,
              bias: false, activation: .none, seed: 11)
    }

    func testDilatedWithPReLUSlopes() {
        check(Self.geometry(input: (10, 9), channels: 3, outputs: 5, kernel: (3, 3), dilation: 2, same: true), groups: 4,
              slopes: true, activation: .none, seed: 21)
    }

    func testPointwiseReadsTheInputInPlace() {
        let g = Self.geometry(input: (5, 6), channels: 16, outputs: 8, kernel: (1, 1), same: false)
        check(g, groups: 4, activation: .relu6, seed: 31)
        let filter = [Float](repeating: 1, count: g.patchLength * 32)
        let kernel = GroupedConv2DKernel(group: g, groupCount: 4, filter: filter, bias: nil, activation: .none)
        XCTAssertTrue(kernel.isPointwise)
        XCTAssertEqual(kernel.scratchCount, 0)
    }

    func testSeveralRowTilesPerGroupAndPartialPanels() {
        // 20 output channels per group: one full 16-column panel and a padded one; 1024 pixels: several row tiles.
        let g = Self.geometry(input: (32, 32), channels: 24, outputs: 20, kernel: (3, 3), same: true)
        let kernel = GroupedConv2DKernel(group: g, groupCount: 2, filter: [Float](repeating: 0, count: g.patchLength * 40),
                                         bias: nil, activation: .none)
        XCTAssertGreaterThan(kernel.taskCount, 2)
        check(g, groups: 2, seed: 41)
    }
}
