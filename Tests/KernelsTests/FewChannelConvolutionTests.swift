import XCTest
@testable import Kernels

/// Convolutions of few channels, off the GEMM paths: stride-1 layers with 1 to 4 input and 1 to 12 output
/// channels (a detector's first layer) on `landmark_conv_planar_rows`, layers with 1 to 4 input channels into more
/// (a network's stem, any stride) on `landmark_conv_vector_rows`, and pointwise layers into 1 to 8 channels (a
/// detector's heads) on `landmark_pointwise_narrow`. Each output must have the bits of its definition, one fused
/// multiply-add chain over (row, column, channel) from zero, then the bias, activation and PReLU as the output pass
/// applies them, for padded and unpadded filters, every output channel count, several images and both thread
/// counts, with nothing written past the output.
final class FewChannelConvolutionTests: XCTestCase {
    /// The definition, in Float: the multiply-add chain in the im2col patch order (padding taps add 0 * w), then
    /// `prelu(act(y + bias + residual))`.
    private func definition(_ g: Conv2DGeometry, input: [Float], filter: [Float], bias: [Float], activation: Activation,
                            slopes: [Float]?, residual: [Float]?) -> [Float] {
        var output = [Float](repeating: 0, count: g.outputCount)
        let oc = g.outputChannels
        for n in 0..<g.batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for o in 0..<oc {
                        var sum: Float = 0
                        for kh in 0..<g.kernelHeight {
                            for kw in 0..<g.kernelWidth {
                                for c in 0..<g.inputChannels {
                                    let ih = oh * g.strideHeight - g.padTop + kh, iw = ow * g.strideWidth - g.padLeft + kw
                                    let inside = ih >= 0 && ih < g.inputHeight && iw >= 0 && iw < g.inputWidth
                                    let x = inside ? input[((n * g.inputHeight + ih) * g.inputWidth + iw) * g.inputChannels + c] : 0
                                    let w = filter[((kh * g.kernelWidth + kw) * g.inputChannels + c) * oc + o]
                                    sum = sum.addingProduct(x, w)
                                }
                            }
                        }
                        let index = ((n * g.outputHeight + oh) * g.outputWidth + ow) * oc + o
                        var y = sum + bias[o]
                        if let residual { y = y + residual[index] }
                        y = activation.apply(y)
                        if let slopes { y = y <= 0 ? y * slopes[o] : y }
                        output[index] = y
                    }
                }
            }
        }
        return output
    }

    func testNarrowPointwiseGivesTheDefinitionBits() throws {
        try XCTSkipUnless(AVX2Kernels.fusedMultiplyAddAvailable, "no AVX2 + FMA on this CPU")
        let g = Conv2DKernelTests.geometry
        // P-Net's heads (32 channels into 4 and 2), every width 1 to 8 with depths that are and are not multiples
        // of 8, pixel counts that leave a partial block, several images, a residual.
        var cases: [(Conv2DGeometry, Activation, Bool, Bool)] = [
            (g(1, (35, 31, 32), (35, 31, 4), (1, 1), (1, 1), (1, 1), (0, 0)), .none, false, false),
            (g(2, (13, 17, 32), (13, 17, 2), (1, 1), (1, 1), (1, 1), (0, 0)), .none, false, false),
            (g(1, (9, 11, 16), (9, 11, 5), (1, 1), (1, 1), (1, 1), (0, 0)), .relu, false, true),
        ]
        for width in 1...8 {
            cases.append((g(1, (7, 9, 3 + 5 * width), (7, 9, width), (1, 1), (1, 1), (1, 1), (0, 0)),
                          width % 2 == 0 ? .relu6 : .leakyRelu(alpha: 0.2), width % 3 == 0, false))
        }
        try check(cases, seed: 800)
    }

    func testPlanarRowsGiveTheDefinitionBits() throws {
        try XCTSkipUnless(AVX2Kernels.fusedMultiplyAddAvailable, "no AVX2 + FMA on this CPU")
        let g = Conv2DKernelTests.geometry
        // (geometry, activation, PReLU slopes, residual): P-Net's first layer (10 channels, PReLU) over two images
        // with an odd width; SAME padding on gray pixels; a 5x5 filter on 4 channels into 12, exactly 8 pixels
        // wide; a 7x7 filter into 1 channel; a 3x1 filter; one output row; 9 channels with a residual (the output
        // pass then runs apart).
        let cases: [(Conv2DGeometry, Activation, Bool, Bool)] = [
            (g(2, (20, 25, 3), (18, 23, 10), (3, 3), (1, 1), (1, 1), (0, 0)), .none, true, false),
            (g(1, (9, 17, 1), (9, 17, 5), (3, 3), (1, 1), (1, 1), (1, 1)), .relu, false, false),
            (g(3, (12, 8, 4), (12, 8, 12), (5, 5), (1, 1), (1, 1), (2, 2)), .relu6, true, false),
            (g(1, (30, 36, 2), (24, 30, 1), (7, 7), (1, 1), (1, 1), (0, 0)), .leakyRelu(alpha: 0.1), false, false),
            (g(1, (12, 9, 4), (10, 9, 8), (3, 1), (1, 1), (1, 1), (0, 0)), .relu, true, false),
            (g(1, (3, 40, 3), (1, 38, 7), (3, 3), (1, 1), (1, 1), (0, 0)), .none, false, false),
            (g(2, (11, 13, 3), (11, 13, 9), (3, 3), (1, 1), (1, 1), (1, 1)), .relu, false, true),
        ]
        try check(cases, seed: 700)
    }

    func testVectorRowsGiveTheDefinitionBits() throws {
        try XCTSkipUnless(AVX2Kernels.fusedMultiplyAddAvailable, "no AVX2 + FMA on this CPU")
        let g = Conv2DKernelTests.geometry
        // (geometry, activation, PReLU slopes, residual): R-Net's first layer (3 into 28 channels, PReLU) over two
        // images; a MobileNet stem (stride 2, SAME, 32 channels) and a MobileNet v3 one (hard-swish); a ResNet stem (7x7, stride 2, 64 channels); gray
        // pixels into 13 channels on rows narrower than a pixel block; 4 into 40 channels (a block of 8) on rows
        // that end in an overlapping block, with a residual (the output pass then runs apart); 2 into 20 channels at
        // strides 2 x 1.
        let cases: [(Conv2DGeometry, Activation, Bool, Bool)] = [
            (g(2, (24, 24, 3), (22, 22, 28), (3, 3), (1, 1), (1, 1), (0, 0)), .none, true, false),
            (g(1, (17, 19, 3), (9, 10, 32), (3, 3), (2, 2), (1, 1), (1, 1)), .relu6, false, false),
            (g(1, (18, 16, 3), (9, 8, 16), (3, 3), (2, 2), (1, 1), (0, 0)), .hardSwish, false, false),
            (g(1, (20, 22, 3), (10, 11, 64), (7, 7), (2, 2), (1, 1), (2, 2)), .relu, false, false),
            (g(2, (7, 5, 1), (7, 5, 13), (3, 3), (1, 1), (1, 1), (1, 1)), .leakyRelu(alpha: 0.1), true, false),
            (g(1, (16, 16, 4), (14, 14, 40), (3, 3), (1, 1), (1, 1), (0, 0)), .relu, false, true),
            (g(1, (11, 6, 2), (5, 4, 20), (3, 3), (2, 1), (1, 1), (0, 0)), .none, false, false),
        ]
        try check(cases, seed: 900)
    }

    /// Runs each case's kernel at 1 and 2 threads and compares every output's bits with ``definition``.
    private func check(_ cases: [(Conv2DGeometry, Activation, Bool, Bool)], seed: UInt64) throws {
        for (index, (geometry, activation, withSlopes, withResidual)) in cases.enumerated() {
            let input = randomFloats(geometry.inputCount, seed: seed + UInt64(index))
            let filter = randomFloats(geometry.filterCount, seed: seed + 100 + UInt64(index))
            let bias = randomFloats(geometry.outputChannels, seed: seed + 200 + UInt64(index))
            let slopes: [Float]? = withSlopes ? (0..<geometry.outputChannels).map { $0 % 3 == 0 ? -0.5 : 0.25 } : nil
            let residual: [Float]? = withResidual ? randomFloats(geometry.outputCount, seed: seed + 300 + UInt64(index)) : nil
            let expected = definition(geometry, input: input, filter: filter, bias: bias, activation: activation,
                                      slopes: slopes, residual: residual)
            for threads in [1, 2] {
                let context = ComputeContext(workerCount: threads)
                let kernel = filter.withUnsafeBufferPointer { f in
                    bias.withUnsafeBufferPointer { b in
                        (slopes ?? []).withUnsafeBufferPointer { s in
                            Conv2DKernel(geometry: geometry, filter: f.baseAddress!, bias: b.baseAddress!,
                                         activation: activation, algorithm: .im2colGEMM,
                                         negativeSlopes: slopes == nil ? nil : s.baseAddress, context: context)
                        }
                    }
                }
                XCTAssertTrue(kernel.computesRowsDirectly || kernel.isPointwise, "case \(index): not computed by rows")
                // 16 guard values after the output: a store past its end would change them.
                var output = [Float](repeating: .nan, count: geometry.outputCount + 16)
                var scratch = [Float](repeating: .nan, count: Swift.max(1, kernel.scratchCount))
                input.withUnsafeBufferPointer { i in
                    output.withUnsafeMutableBufferPointer { o in
                        scratch.withUnsafeMutableBufferPointer { s in
                            (residual ?? []).withUnsafeBufferPointer { r in
                                kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: s.baseAddress!,
                                           residual: residual == nil ? nil : r.baseAddress)
                            }
                        }
                    }
                }
                XCTAssertEqual(output[..<geometry.outputCount].map(\.bitPattern), expected.map(\.bitPattern),
                               "case \(index), \(threads) threads")
                XCTAssertTrue(output[geometry.outputCount...].allSatisfy(\.isNaN), "case \(index): wrote past the output")
            }
        }
    }

    func testOnlyFewChannelsTakeThesePaths() {
        let g = Conv2DKernelTests.geometry
        let context = ComputeContext()
        XCTAssertEqual(Conv2DKernel.usesPlanarRows(g(1, (478, 638, 3), (476, 636, 10), (3, 3), (1, 1), (1, 1), (0, 0)),
                                                   pool: nil, context: context), AVX2Kernels.fusedMultiplyAddAvailable)
        // Stride 2, 5 input channels, 13 output channels, rows under 8 pixels, a 1x1 filter, dilation, and a pool
        // keep the other paths.
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (16, 16, 3), (8, 8, 8), (3, 3), (2, 2), (1, 1), (1, 1)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (16, 16, 5), (14, 14, 8), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (16, 16, 3), (14, 14, 13), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (9, 9, 3), (7, 7, 8), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (9, 9, 3), (9, 9, 8), (1, 1), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (20, 20, 3), (16, 16, 8), (3, 3), (1, 1), (2, 2), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesPlanarRows(g(1, (20, 20, 3), (18, 18, 8), (3, 3), (1, 1), (1, 1), (0, 0)),
                                                   pool: FusedMaxPool(windowHeight: 2, windowWidth: 2), context: context))
        XCTAssertEqual(VectorRowsConvolution.isApplicable(g(64, (24, 24, 3), (22, 22, 28), (3, 3), (1, 1), (1, 1), (0, 0)),
                                                          pool: nil, context: context), AVX2Kernels.fusedMultiplyAddAvailable)
        XCTAssertEqual(VectorRowsConvolution.isApplicable(g(1, (128, 128, 3), (64, 64, 32), (3, 3), (2, 2), (1, 1), (0, 0)),
                                                          pool: nil, context: context), AVX2Kernels.fusedMultiplyAddAvailable)
        // 5 input channels, 12 output channels (the planar rows), dilation, a 1x1 filter and a pool keep the others.
        XCTAssertFalse(VectorRowsConvolution.isApplicable(g(1, (16, 16, 5), (14, 14, 32), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(VectorRowsConvolution.isApplicable(g(1, (16, 16, 3), (14, 14, 12), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(VectorRowsConvolution.isApplicable(g(1, (20, 20, 3), (16, 16, 32), (3, 3), (1, 1), (2, 2), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(VectorRowsConvolution.isApplicable(g(1, (9, 9, 3), (9, 9, 32), (1, 1), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(VectorRowsConvolution.isApplicable(g(1, (20, 20, 3), (18, 18, 32), (3, 3), (1, 1), (1, 1), (0, 0)),
                                                          pool: FusedMaxPool(windowHeight: 2, windowWidth: 2), context: context))
        XCTAssertEqual(Conv2DKernel.usesNarrowPointwise(g(1, (235, 315, 32), (235, 315, 2), (1, 1), (1, 1), (1, 1), (0, 0)),
                                                        pool: nil, context: context), AVX2Kernels.fusedMultiplyAddAvailable)
        // 9 channels, a 3x3 filter, stride 2, and a context that keeps every GEMM on OpenBLAS keep the GEMMs.
        XCTAssertFalse(Conv2DKernel.usesNarrowPointwise(g(1, (8, 8, 32), (8, 8, 9), (1, 1), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesNarrowPointwise(g(1, (8, 8, 32), (6, 6, 4), (3, 3), (1, 1), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesNarrowPointwise(g(1, (8, 8, 32), (4, 4, 4), (1, 1), (2, 2), (1, 1), (0, 0)), pool: nil, context: context))
        XCTAssertFalse(Conv2DKernel.usesNarrowPointwise(g(1, (8, 8, 32), (8, 8, 4), (1, 1), (1, 1), (1, 1), (0, 0)), pool: nil,
                                                        context: ComputeContext(workerCount: 1, allowsAVX2: true, generatesGEMMKernels: false)))
    }
}
