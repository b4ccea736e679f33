import XCTest
@testable import Kernels

final class Conv2DKernelTests: XCTestCase {
    /// Naive NHWC convolution in Double: scalar loops over every tap, zero outside the input.
    static func reference(_ g: Conv2DGeometry, input: [Float], filter: [Float], bias: [Float]?, activation: Activation) -> [Double] {
        var output = [Double](repeating: 0, count: g.outputCount)
        for n in 0..<g.batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for oc in 0..<g.outputChannels {
                        var sum = bias.map { Double($0[oc]) } ?? 0
                        for kh in 0..<g.kernelHeight {
                            let ih = oh * g.strideHeight - g.padTop + kh * g.dilationHeight
                            if ih < 0 || ih >= g.inputHeight { continue }
                            for kw in 0..<g.kernelWidth {
                                let iw = ow * g.strideWidth - g.padLeft + kw * g.dilationWidth
                                if iw < 0 || iw >= g.inputWidth { continue }
                                for ic in 0..<g.inputChannels {
                                    let x = input[((n * g.inputHeight + ih) * g.inputWidth + iw) * g.inputChannels + ic]
                                    let w = filter[((kh * g.kernelWidth + kw) * g.inputChannels + ic) * g.outputChannels + oc]
                                    sum += Double(x) * Double(w)
                                }
                            }
                        }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.outputChannels + oc] =
                            referenceActivation(activation, sum)
                    }
                }
            }
        }
        return output
    }

    /// Runs the kernel with a scratch buffer padded by canaries that must stay untouched.
    static func run(_ g: Conv2DGeometry, input: [Float], filter: [Float], bias: [Float]?, activation: Activation,
                    algorithm: Conv2DAlgorithm? = nil,
                    context: ComputeContext = .singleThreaded) -> (output: [Float], scratchCount: Int) {
        let algorithm = algorithm ?? Conv2DKernel.preferredAlgorithm(for: g)
        let kernel = filter.withUnsafeBufferPointer { f in
            if let bias {
                return bias.withUnsafeBufferPointer {
                    Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: $0.baseAddress!, activation: activation, algorithm: algorithm,
                                 context: context)
                }
            }
            return Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: nil, activation: activation, algorithm: algorithm,
                                context: context)
        }
        let canary: Float = 12345
        var scratch = [Float](repeating: canary, count: kernel.scratchCount + 8)
        var output = [Float](repeating: canary, count: g.outputCount + 8)
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { s in
                    kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: s.baseAddress!)
                }
            }
        }
        XCTAssertEqual(Array(output.suffix(8)), [Float](repeating: canary, count: 8), "output overrun")
        XCTAssertEqual(Array(scratch.suffix(8)), [Float](repeating: canary, count: 8), "scratch overrun")
        return (Array(output.prefix(g.outputCount)), kernel.scratchCount)
    }

    /// Checks every applicable algorithm against the naive reference.
    func check(_ g: Conv2DGeometry, bias: Bool = true, activation: Activation = .relu, seed: UInt64,
               context: ComputeContext = .singleThreaded, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try g.validate(), file: file, line: line)
        let input = randomFloats(g.inputCount, seed: seed)
        let filter = randomFloats(g.filterCount, seed: seed + 1)
        let biasValues = bias ? randomFloats(g.outputChannels, seed: seed + 2) : nil
        let reference = Self.reference(g, input: input, filter: filter, bias: biasValues, activation: activation)
        var algorithms: [Conv2DAlgorithm] = [.im2colGEMM]
        if g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
            && g.dilationHeight == 1 && g.dilationWidth == 1 {
            algorithms += [.winogradF2x2, .winogradF3x3, .winogradF4x4]
        }
        for algorithm in algorithms {
            let result = Self.run(g, input: input, filter: filter, bias: biasValues, activation: activation, algorithm: algorithm,
                                  context: context)
            // F(3x3) and F(4x4) round more than the others (their transforms scale by up to 3 and 8, their filter
            // transforms divide by 6 and 24). With random signed data and a squashing activation (tanh, sigmoid:
            // outputs <= 1 from sums of ~10) that reaches 1.5e-5 of the largest output here; the TensorFlow
            // fixtures, with real weights, stay within 1e-5.
            let tolerance = algorithm == .winogradF3x3 || algorithm == .winogradF4x4 ? 3e-5 : 1e-5
            assertClose(result.output, reference, tolerance: tolerance, "\(g) \(activation) \(algorithm)", file: file, line: line)
        }
    }

    static func geometry(batch: Int = 1, input: (Int, Int, Int), output: (Int, Int, Int), kernel: (Int, Int),
                         stride: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1), pad: (Int, Int) = (0, 0)) -> Conv2DGeometry {
        Conv2DGeometry(batch: batch, inputHeight: input.0, inputWidth: input.1, inputChannels: input.2,
                       outputHeight: output.0, outputWidth: output.1, outputChannels: output.2,
                       kernelHeight: kernel.0, kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1,
                       dilationHeight: dilation.0, dilationWidth: dilation.1, padTop: pad.0, padLeft: pad.1)
    }

    /// A residual operand is added after the bias and before the activation, with the bits of a separate `Add`
    /// and activation pass after the convolution: pointwise, im2col and row-by-row convolutions, 1 and 2 threads.
    func testResidualIsAddedAfterTheBiasAndBeforeTheActivation() {
        let geometries = [
            Self.geometry(input: (8, 7, 16), output: (8, 7, 24), kernel: (1, 1)),  // pointwise
            Self.geometry(batch: 2, input: (9, 11, 5), output: (5, 6, 7), kernel: (3, 3), stride: (2, 2), pad: (1, 1)),  // im2col
            Self.geometry(input: (12, 12, 3), output: (10, 10, 16), kernel: (3, 3)),  // rows
        ]
        for (index, g) in geometries.enumerated() {
            let seed = 900 + UInt64(index) * 10
            let input = randomFloats(g.inputCount, seed: seed)
            let filter = randomFloats(g.filterCount, seed: seed + 1)
            let bias = randomFloats(g.outputChannels, seed: seed + 2)
            let residual = randomFloats(g.outputCount, seed: seed + 3)
            let plain = Self.run(g, input: input, filter: filter, bias: bias, activation: .none).output
            for activation in [Activation.none, .relu, .relu6, .swish] {
                var expected = zip(plain, residual).map { $0 + $1 }
                expected.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, count: $0.count) }
                for workers in [1, 2] {
                    let kernel = filter.withUnsafeBufferPointer { f in
                        bias.withUnsafeBufferPointer { b in
                            Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: b.baseAddress!, activation: activation,
                                         algorithm: .im2colGEMM, context: ComputeContext(workerCount: workers))
                        }
                    }
                    var scratch = [Float](repeating: 0, count: max(1, kernel.scratchCount))
                    var output = [Float](repeating: .nan, count: g.outputCount)
                    input.withUnsafeBufferPointer { i in
                        residual.withUnsafeBufferPointer { r in
                            output.withUnsafeMutableBufferPointer { o in
                                scratch.withUnsafeMutableBufferPointer { s in
                                    kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: s.baseAddress!,
                                               residual: r.baseAddress!)
                                }
                            }
                        }
                    }
                    XCTAssertEqual(output.map(\.bitPattern), expected.map(\.bitPattern),
                                   "\(kernel.label) \(activation) \(workers) workers")
                }
            }
        }
    }

    func testValid3x3Stride1() {
        check(Self.geometry(input: (9, 11, 5), output: (7, 9, 7), kernel: (3, 3)), seed: 10)
    }

    func testSameAsymmetricPaddingStride2() {
        // TF SAME: 10 -> 5 with total pad 1 (0 before, 1 after); 9 with a 4-wide kernel -> 5, total pad 3 (1 before, 2 after).
        let rows = Conv2DGeometry.samePadding(input: 10, kernel: 3, stride: 2, dilation: 1)
        let columns = Conv2DGeometry.samePadding(input: 9, kernel: 4, stride: 2, dilation: 1)
        XCTAssertEqual(rows.output, 5)
        XCTAssertEqual(rows.padBefore, 0)
        XCTAssertEqual(columns.output, 5)
        XCTAssertEqual(columns.padBefore, 1)
        check(Self.geometry(input: (10, 9, 3), output: (rows.output, columns.output, 6), kernel: (3, 4),
                            stride: (2, 2), pad: (rows.padBefore, columns.padBefore)), activation: .none, seed: 20)
    }

    func testWinogradSamePaddingOddSizesAllActivations() {
        // 3x3 SAME (pad 1/1), odd output sizes (partial 2x2 tiles), channels not a multiple of 8 (scalar lanes).
        let g = Self.geometry(batch: 2, input: (7, 9, 11), output: (7, 9, 13), kernel: (3, 3), pad: (1, 1))
        for (index, activation) in ActivationTests.all.enumerated() {
            check(g, bias: index % 2 == 0, activation: activation, seed: 500 + UInt64(index))
        }
        // Asymmetric explicit padding: 2 before, 0 after vertically; 0 before, 2 after horizontally.
        check(Self.geometry(input: (6, 5, 17), output: (6, 5, 16), kernel: (3, 3), pad: (2, 0)), seed: 520)
    }

    func testWinogradManyBlocks() {
        let g = Self.geometry(batch: 2, input: (40, 37, 16), output: (38, 35, 24), kernel: (3, 3))
        for algorithm in [Conv2DAlgorithm.winogradF2x2, .winogradF3x3, .winogradF4x4] {
            let kernel = randomFloats(g.filterCount, seed: 1).withUnsafeBufferPointer {
                Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none, algorithm: algorithm)
            }
            XCTAssertEqual(kernel.algorithm, algorithm)
            XCTAssertGreaterThan(kernel.taskCount, 2)
            XCTAssertEqual(kernel.taskCount % 2, 0, "an even number of blocks, for two workers")
        }
        check(g, seed: 530)
    }

    /// F(3x3) and F(4x4) on partial tiles of every size (outputs 1 ... 4 past the last whole tile), with padding,
    /// against the reference, at the seed model's channel counts.
    func testWinogradF3x3AndF4x4PartialTilesAndSeedChannels() {
        for (index, size) in [5, 6, 7, 8, 9].enumerated() {
            check(Self.geometry(input: (size, size + 1, 9), output: (size, size + 1, 10), kernel: (3, 3), pad: (1, 1)),
                  seed: 540 + UInt64(index))
        }
        check(Self.geometry(input: (31, 31, 64), output: (29, 29, 64), kernel: (3, 3)), seed: 550)
    }

    func testPreferredAlgorithm() {
        let big = Self.geometry(input: (61, 61, 64), output: (59, 59, 64), kernel: (3, 3))
        // im2col unless Winograd is explicitly allowed (rounding closer to TensorFlow's direct convolution).
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: big), .im2colGEMM)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: big, allowWinograd: true), .winogradF4x4)
        // F(3x3) where there are too few 4x4 tiles for F(4x4) (the seed's 27x27x64 layer), F(2x2) below that.
        let medium = Self.geometry(input: (29, 29, 64), output: (27, 27, 64), kernel: (3, 3))
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: medium, allowWinograd: true), .winogradF3x3)
        let small = Self.geometry(input: (18, 18, 64), output: (16, 16, 64), kernel: (3, 3))
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: small, allowWinograd: true), .winogradF2x2)
        // With 64-127 4x4 tiles, F(4x4) where its tiles cover the output with fewer values than F(3x3)'s: the seed's
        // 8x8x128 layer in a batch of 16 (64 tiles of 36 values against 144 of 25), but not its 5x5x256 layer
        // (64 against 64); nor the 8x8 layer in a batch of 8 (32 tiles).
        let batchOf16 = Self.geometry(batch: 16, input: (10, 10, 128), output: (8, 8, 128), kernel: (3, 3))
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: batchOf16, allowWinograd: true), .winogradF4x4)
        let narrow = Self.geometry(batch: 16, input: (7, 7, 128), output: (5, 5, 256), kernel: (3, 3))
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: narrow, allowWinograd: true), .winogradF3x3)
        let batchOf8 = Self.geometry(batch: 8, input: (10, 10, 128), output: (8, 8, 128), kernel: (3, 3))
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: batchOf8, allowWinograd: true), .winogradF3x3)
        // With a fused pool, the preferred algorithm when it holds the windows, else a Winograd variant that does:
        // F(3x3) cannot hold 2x2 windows, so the 27x27x64 layer takes F(4x4) with a 2x2 pool, and keeps F(3x3) with a
        // 3x3 one; a 2x3 pool fits no tile (im2col); and an im2col geometry stays on im2col.
        let pool2 = FusedMaxPool(windowHeight: 2, windowWidth: 2), pool3 = FusedMaxPool(windowHeight: 3, windowWidth: 3)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: big, allowWinograd: true, fusing: pool2), .winogradF4x4)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: medium, allowWinograd: true, fusing: pool2), .winogradF4x4)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: medium, allowWinograd: true, fusing: pool3), .winogradF3x3)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: medium, allowWinograd: true,
                                                       fusing: FusedMaxPool(windowHeight: 2, windowWidth: 3)), .im2colGEMM)
        XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: medium, fusing: pool2), .im2colGEMM)
        // Too few input channels, strided, dilated, or too few tiles: im2col even when allowed.
        let others = [
            Self.geometry(input: (128, 128, 3), output: (126, 126, 32), kernel: (3, 3)),
            Self.geometry(input: (61, 61, 64), output: (30, 30, 64), kernel: (3, 3), stride: (2, 2)),
            Self.geometry(input: (9, 9, 64), output: (5, 5, 64), kernel: (3, 3), dilation: (2, 2)),
            Self.geometry(input: (4, 4, 128), output: (2, 2, 256), kernel: (3, 3)),
        ]
        for g in others {
            XCTAssertEqual(Conv2DKernel.preferredAlgorithm(for: g, allowWinograd: true), .im2colGEMM, "\(g)")
        }
        // Forcing Winograd on an inapplicable geometry falls back to im2col.
        let g = Self.geometry(input: (9, 9, 4), output: (4, 4, 4), kernel: (3, 3), stride: (2, 2))
        for algorithm in [Conv2DAlgorithm.winogradF2x2, .winogradF3x3, .winogradF4x4] {
            let kernel = randomFloats(g.filterCount, seed: 1).withUnsafeBufferPointer {
                Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none, algorithm: algorithm)
            }
            XCTAssertEqual(kernel.algorithm, .im2colGEMM)
        }
    }

    /// Convolution + fused max pool against the reference convolution pooled in Double, for bands that leave
    /// rows and columns out, several images per tile, 1x1 and strided convolutions, channel counts off the
    /// 8-lane width, column blocks and NaN; bit-identical for one and two threads. (Not bit-identical to a
    /// separate pool: the GEMM's row tiles differ, and OpenBLAS may round edge rows differently.)
    func testFusedMaxPoolMatchesReferencePool() {
        let cases: [(Conv2DGeometry, FusedMaxPool)] = [
            (Self.geometry(input: (128, 128, 3), output: (126, 126, 32), kernel: (3, 3)), FusedMaxPool(windowHeight: 2, windowWidth: 2)),
            (Self.geometry(batch: 3, input: (9, 11, 5), output: (7, 9, 13), kernel: (3, 3)), FusedMaxPool(windowHeight: 2, windowWidth: 2)),
            (Self.geometry(batch: 2, input: (10, 9, 4), output: (8, 7, 9), kernel: (3, 3)), FusedMaxPool(windowHeight: 3, windowWidth: 2)),
            (Self.geometry(batch: 2, input: (6, 6, 7), output: (6, 6, 40), kernel: (1, 1)), FusedMaxPool(windowHeight: 2, windowWidth: 3)),
            (Self.geometry(input: (15, 15, 3), output: (7, 7, 64), kernel: (3, 3), stride: (2, 2)), FusedMaxPool(windowHeight: 2, windowWidth: 2)),
            (Self.geometry(input: (5, 5, 3), output: (3, 3, 2), kernel: (3, 3)), FusedMaxPool(windowHeight: 3, windowWidth: 3)),
            // Winograd tiles: odd sizes (a partial last tile, whose pooled windows fall outside), F(4x4)'s 4x4 windows.
            (Self.geometry(batch: 2, input: (13, 12, 9), output: (11, 10, 16), kernel: (3, 3)), FusedMaxPool(windowHeight: 2, windowWidth: 2)),
            (Self.geometry(input: (33, 33, 8), output: (31, 31, 16), kernel: (3, 3)), FusedMaxPool(windowHeight: 2, windowWidth: 2)),
            (Self.geometry(batch: 2, input: (17, 20, 5), output: (15, 18, 8), kernel: (3, 3)), FusedMaxPool(windowHeight: 4, windowWidth: 4)),
            (Self.geometry(input: (12, 12, 6), output: (12, 12, 9), kernel: (3, 3), pad: (1, 1)), FusedMaxPool(windowHeight: 2, windowWidth: 1)),
        ]
        for (index, (g, pool)) in cases.enumerated() {
            let input = randomFloats(g.inputCount, seed: 900 + UInt64(index))
            let filter = randomFloats(g.filterCount, seed: 910 + UInt64(index))
            let bias = randomFloats(g.outputChannels, seed: 920 + UInt64(index))
            let convolution = Self.reference(g, input: input, filter: filter, bias: bias, activation: .relu)
            let (ph, pw, oc) = (pool.outputHeight(g.outputHeight), pool.outputWidth(g.outputWidth), g.outputChannels)
            var expected = [Double](repeating: 0, count: g.batch * ph * pw * oc)
            for n in 0..<g.batch {
                for y in 0..<ph {
                    for x in 0..<pw {
                        for c in 0..<oc {
                            var best = -Double.greatestFiniteMagnitude
                            for dy in 0..<pool.windowHeight {
                                for dx in 0..<pool.windowWidth {
                                    let row = y * pool.windowHeight + dy, column = x * pool.windowWidth + dx
                                    best = max(best, convolution[((n * g.outputHeight + row) * g.outputWidth + column) * oc + c])
                                }
                            }
                            expected[((n * ph + y) * pw + x) * oc + c] = best
                        }
                    }
                }
            }
            let winogradApplies = g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
            for requested in [Conv2DAlgorithm.im2colGEMM, .winogradF2x2, .winogradF3x3, .winogradF4x4] {
            var results: [[Float]] = []
            for threads in [1, 2] {
                let kernel = filter.withUnsafeBufferPointer { f in
                    bias.withUnsafeBufferPointer {
                        Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: $0.baseAddress!, activation: .relu,
                                     algorithm: requested, pool: pool, context: ComputeContext(workerCount: threads))
                    }
                }
                // Winograd pools its own tiles when the windows tile them; otherwise the convolution runs as im2col.
                let expectedAlgorithm = winogradApplies && requested.canFuse(pool) ? requested : .im2colGEMM
                XCTAssertEqual(kernel.algorithm, expectedAlgorithm, "case \(index) \(requested)")
                let canary: Float = 12345
                var scratch = [Float](repeating: canary, count: kernel.scratchCount + 8)
                var fused = [Float](repeating: canary, count: expected.count + 8)
                input.withUnsafeBufferPointer { i in
                    fused.withUnsafeMutableBufferPointer { o in
                        scratch.withUnsafeMutableBufferPointer { kernel.run(input: i.baseAddress!, output: o.baseAddress!, scratch: $0.baseAddress!) }
                    }
                }
                XCTAssertEqual(Array(fused.suffix(8)), [Float](repeating: canary, count: 8), "output overrun, case \(index)")
                XCTAssertEqual(Array(scratch.suffix(8)), [Float](repeating: canary, count: 8), "scratch overrun, case \(index)")
                results.append(Array(fused.prefix(expected.count)))
                assertClose(results.last!, expected, tolerance: requested == .winogradF3x3 || requested == .winogradF4x4 ? 3e-5 : 1e-5,
                            "case \(index) \(g) pool \(pool) \(requested) threads \(threads)")
            }
            XCTAssertTrue(results[0].map(\.bitPattern) == results[1].map(\.bitPattern), "case \(index) \(requested): 1 and 2 threads differ")
            }
        }
    }

    /// An im2col convolution with a fused pool adds the bias and applies the activation after pooling when that
    /// commutes with the max (ReLU, ReLU6, leaky ReLU / PReLU with non-negative slopes) and before it otherwise
    /// (a negative slope reverses the order): each against the reference convolution, activated, then pooled.
    func testFusedPoolFinishesInTheRightOrderForEachActivation() {
        let g = Self.geometry(batch: 2, input: (11, 10, 3), output: (9, 8, 12), kernel: (3, 3))
        let pool = FusedMaxPool(windowHeight: 2, windowWidth: 2)
        let input = randomFloats(g.inputCount, seed: 970)
        let filter = randomFloats(g.filterCount, seed: 971)
        let bias = randomFloats(g.outputChannels, seed: 972)
        let mixedSlopes = (0..<g.outputChannels).map { Float($0 % 3) * 0.5 - 0.5 }  // -0.5, 0, 0.5, ...
        let positiveSlopes = (0..<g.outputChannels).map { Float($0 + 1) * 0.05 }
        let cases: [(Activation, [Float]?)] = [(.none, nil), (.relu, nil), (.relu6, nil), (.leakyRelu(alpha: 0.2), nil),
                                                (.leakyRelu(alpha: -0.7), nil), (.none, positiveSlopes), (.none, mixedSlopes),
                                                (.tanh, nil)]
        let (ph, pw, oc) = (pool.outputHeight(g.outputHeight), pool.outputWidth(g.outputWidth), g.outputChannels)
        for (activation, slopes) in cases {
            var convolution = Self.reference(g, input: input, filter: filter, bias: bias, activation: activation)
            if let slopes {
                for i in convolution.indices where convolution[i] < 0 { convolution[i] *= Double(slopes[i % oc]) }
            }
            var expected = [Double](repeating: -.greatestFiniteMagnitude, count: g.batch * ph * pw * oc)
            for n in 0..<g.batch {
                for row in 0..<(ph * 2) {
                    for column in 0..<(pw * 2) {
                        for c in 0..<oc {
                            let target = ((n * ph + row / 2) * pw + column / 2) * oc + c
                            expected[target] = max(expected[target],
                                                   convolution[((n * g.outputHeight + row) * g.outputWidth + column) * oc + c])
                        }
                    }
                }
            }
            let kernel = filter.withUnsafeBufferPointer { f in
                bias.withUnsafeBufferPointer { b in
                    slopes.withOptionalPointer {
                        Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: b.baseAddress!, activation: activation,
                                     algorithm: .im2colGEMM, negativeSlopes: $0, pool: pool)
                    }
                }
            }
            var output = [Float](repeating: 0, count: expected.count)
            var scratch = [Float](repeating: 0, count: kernel.scratchCount)
            output.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { kernel.run(input: input, output: o.baseAddress!, scratch: $0.baseAddress!) }
            }
            assertClose(output, expected, tolerance: 1e-5, "\(activation) slopes \(slopes.map { _ in "given" } ?? "none")")
        }
    }

    /// A Winograd convolution pooling its own tiles gives the bits of the same convolution followed by a separate
    /// MaxPool (the windows take their maximum in the same order).
    func testWinogradFusedPoolMatchesSeparatePoolBitwise() {
        let g = Self.geometry(batch: 2, input: (21, 19, 16), output: (19, 17, 32), kernel: (3, 3))
        let input = randomFloats(g.inputCount, seed: 960)
        let filter = randomFloats(g.filterCount, seed: 961)
        let bias = randomFloats(g.outputChannels, seed: 962)
        for (algorithm, window) in [(Conv2DAlgorithm.winogradF2x2, 2), (.winogradF3x3, 3), (.winogradF4x4, 2), (.winogradF4x4, 4)] {
            let pool = FusedMaxPool(windowHeight: window, windowWidth: window)
            let convolution = Self.run(g, input: input, filter: filter, bias: bias, activation: .relu, algorithm: algorithm).output
            let pooledGeometry = Pool2DGeometry(batch: g.batch, inputHeight: g.outputHeight, inputWidth: g.outputWidth,
                                                channels: g.outputChannels, outputHeight: g.outputHeight / window,
                                                outputWidth: g.outputWidth / window, windowHeight: window, windowWidth: window,
                                                strideHeight: window, strideWidth: window, padTop: 0, padLeft: 0)
            var separate = [Float](repeating: 0, count: g.batch * (g.outputHeight / window) * (g.outputWidth / window) * g.outputChannels)
            separate.withUnsafeMutableBufferPointer { Pool2D.max(input: convolution, output: $0.baseAddress!, geometry: pooledGeometry) }
            let kernel = filter.withUnsafeBufferPointer { f in
                bias.withUnsafeBufferPointer {
                    Conv2DKernel(geometry: g, filter: f.baseAddress!, bias: $0.baseAddress!, activation: .relu,
                                 algorithm: algorithm, pool: pool)
                }
            }
            XCTAssertEqual(kernel.algorithm, algorithm)
            var fused = [Float](repeating: 0, count: separate.count)
            var scratch = [Float](repeating: 0, count: kernel.scratchCount)
            fused.withUnsafeMutableBufferPointer { o in
                scratch.withUnsafeMutableBufferPointer { kernel.run(input: input, output: o.baseAddress!, scratch: $0.baseAddress!) }
            }
            XCTAssertEqual(fused.map(\.bitPattern), separate.map(\.bitPattern), "\(algorithm) window \(window)")
        }
    }

    /// NaN never wins a window (`x > best` is false), exactly as in `Pool2D.max`; an all-NaN window keeps the initial value.
    func testFusedMaxPoolNaNFollowsPool2D() {
        let g = Self.geometry(input: (3, 4, 1), output: (3, 4, 1), kernel: (1, 1))
        let pool = FusedMaxPool(windowHeight: 1, windowWidth: 2)
        let input: [Float] = [.nan, 1, 2, .nan, .nan, .nan, -3, 4, 5, 6, 7, 8]
        let kernel = [Float(1)].withUnsafeBufferPointer {
            Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none, algorithm: .im2colGEMM, pool: pool)
        }
        var output = [Float](repeating: 0, count: 6)
        var scratch = [Float](repeating: 0, count: kernel.scratchCount)
        output.withUnsafeMutableBufferPointer { o in
            scratch.withUnsafeMutableBufferPointer { kernel.run(input: input, output: o.baseAddress!, scratch: $0.baseAddress!) }
        }
        var separate = [Float](repeating: 0, count: 6)
        let geometry = Pool2DGeometry(batch: 1, inputHeight: 3, inputWidth: 4, channels: 1, outputHeight: 3, outputWidth: 2,
                                      windowHeight: 1, windowWidth: 2, strideHeight: 1, strideWidth: 2, padTop: 0, padLeft: 0)
        separate.withUnsafeMutableBufferPointer { Pool2D.max(input: input, output: $0.baseAddress!, geometry: geometry) }
        XCTAssertEqual(output.map(\.bitPattern), separate.map(\.bitPattern))
        XCTAssertEqual(output[0], 1)
        XCTAssertEqual(output[2], -Float.greatestFiniteMagnitude, "an all-NaN window keeps the initial value")
    }

    func testSameStride1OddKernel() {
        check(Self.geometry(batch: 2, input: (7, 6, 4), output: (7, 6, 5), kernel: (5, 3), pad: (2, 1)),
              activation: .relu6, seed: 25)
    }

    func testStride3AndDilation2Batch2() {
        let rows = Conv2DGeometry.validOutputSize(input: 17, kernel: 3, stride: 3, dilation: 2)
        let columns = Conv2DGeometry.validOutputSize(input: 14, kernel: 2, stride: 3, dilation: 2)
        XCTAssertEqual(rows, 5)
        XCTAssertEqual(columns, 4)
        check(Self.geometry(batch: 2, input: (17, 14, 3), output: (rows, columns, 4), kernel: (3, 2),
                            stride: (3, 3), dilation: (2, 2)), activation: .elu, seed: 30)
    }

    func testDilation2WithSamePadding() {
        let same = Conv2DGeometry.samePadding(input: 8, kernel: 3, stride: 1, dilation: 2)
        XCTAssertEqual(same.output, 8)
        XCTAssertEqual(same.padBefore, 2)
        check(Self.geometry(batch: 2, input: (8, 8, 3), output: (8, 8, 5), kernel: (3, 3), dilation: (2, 2),
                            pad: (same.padBefore, same.padBefore)), activation: .leakyRelu(alpha: 0.1), seed: 35)
    }

    func testPointwiseSkipsIm2Col() {
        let g = Self.geometry(batch: 2, input: (5, 7, 6), output: (5, 7, 9), kernel: (1, 1))
        let kernel = randomFloats(g.filterCount, seed: 1).withUnsafeBufferPointer {
            Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none)
        }
        XCTAssertTrue(kernel.isPointwise)
        XCTAssertEqual(kernel.scratchCount, 0)
        check(g, activation: .sigmoid, seed: 40)
        check(g, bias: false, activation: .none, seed: 41)
    }

    func testPointwiseWithStride2UsesIm2Col() {
        let g = Self.geometry(input: (7, 8, 3), output: (4, 4, 5), kernel: (1, 1), stride: (2, 2))
        for generated in [false, true] {
            let context = ComputeContext(workerCount: 1, allowsAVX2: true, generatesGEMMKernels: generated)
            let kernel = randomFloats(g.filterCount, seed: 1).withUnsafeBufferPointer {
                Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none, context: context)
            }
            XCTAssertFalse(kernel.isPointwise)
            // Strided pixels are gathered: into im2col rows on OpenBLAS, by the row kernels' stride otherwise.
            if kernel.computesRowsDirectly {
                XCTAssertEqual(kernel.scratchCount, 0)
            } else {
                XCTAssertFalse(generated && kernel.generatedGEMMCount > 0, "generated kernels but not by rows")
                XCTAssertGreaterThan(kernel.scratchCount, 0)
            }
            check(g, activation: .tanh, seed: 45, context: context)
        }
    }

    /// Reductions longer than the generated kernels take run on the filter packed at init (AVX2 + FMA CPUs): every
    /// row remainder (1-5), a partial last panel, two column blocks, padded strided im2col; same bits on 2 workers.
    func testPackedFilterGEMMsMatchReference() {
        let shapes = [
            Self.geometry(input: (7, 9, 200), output: (7, 9, 37), kernel: (1, 1)),
            Self.geometry(input: (4, 4, 160), output: (4, 4, 100), kernel: (1, 1)),
            Self.geometry(input: (5, 1, 130), output: (5, 1, 16), kernel: (1, 1)),
            Self.geometry(batch: 2, input: (9, 8, 20), output: (5, 4, 70), kernel: (3, 3), stride: (2, 2), pad: (1, 1)),
        ]
        for (index, g) in shapes.enumerated() {
            check(g, activation: .relu6, seed: UInt64(70 + index))
            let input = randomFloats(g.inputCount, seed: UInt64(80 + index))
            let filter = randomFloats(g.filterCount, seed: UInt64(90 + index))
            let single = Self.run(g, input: input, filter: filter, bias: nil, activation: .none).output
            let double = Self.run(g, input: input, filter: filter, bias: nil, activation: .none,
                                  context: ComputeContext(workerCount: 2)).output
            XCTAssertEqual(single.map(\.bitPattern), double.map(\.bitPattern), "\(g)")
        }
    }

    func testManyTilesWithPartialLastTile() {
        let g = Self.geometry(input: (40, 41, 8), output: (38, 39, 12), kernel: (3, 3))
        for generated in [false, true] {
            // On OpenBLAS through im2col tiles; with generated kernels row by row, in tiles of whole output rows.
            let context = ComputeContext(workerCount: 1, allowsAVX2: true, generatesGEMMKernels: generated)
            let kernel = randomFloats(g.filterCount, seed: 1).withUnsafeBufferPointer {
                Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .none, algorithm: .im2colGEMM,
                             context: context)
            }
            XCTAssertLessThan(kernel.tileRows, g.outputPixelCount, "test must span several tiles")
            XCTAssertNotEqual(g.outputPixelCount % kernel.tileRows, 0, "last tile must be partial")
            if kernel.computesRowsDirectly {
                XCTAssertEqual(kernel.tileRows % g.outputWidth, 0, "tiles of whole rows")
                XCTAssertEqual(kernel.scratchCount, 0)
            } else {
                XCTAssertEqual(kernel.scratchCount, kernel.workerSlots * kernel.tileRows * g.patchLength)
            }
            check(g, seed: 50, context: context)
        }
    }

    func testSeedModelShapes() {
        // A subset of the landmark model's layers (batch 1, VALID 3x3 stride 1) small enough for the naive reference.
        check(Self.geometry(input: (128, 128, 3), output: (126, 126, 32), kernel: (3, 3)), seed: 60)
        check(Self.geometry(input: (13, 13, 64), output: (11, 11, 128), kernel: (3, 3)), seed: 61)
        check(Self.geometry(input: (4, 4, 128), output: (2, 2, 256), kernel: (3, 3)), seed: 62)
    }

    func testEmptyBatchWritesNothing() {
        let g = Self.geometry(batch: 0, input: (4, 4, 2), output: (2, 2, 3), kernel: (3, 3))
        XCTAssertNoThrow(try g.validate())
        let result = Self.run(g, input: [], filter: randomFloats(g.filterCount, seed: 1), bias: nil, activation: .relu)
        XCTAssertEqual(result.output, [])
    }

    func testValidateRejectsBadGeometry() {
        var g = Self.geometry(input: (4, 4, 2), output: (2, 2, 3), kernel: (3, 3))
        g.strideHeight = 0
        XCTAssertThrowsError(try g.validate()) { error in
            XCTAssertEqual(error as? KernelError,
                           .invalidValue(kernel: "Conv2D", field: "strideHeight", value: 0, requirement: "> 0"))
        }
        g = Self.geometry(input: (4, 4, 2), output: (2, 2, 3), kernel: (3, 3))
        g.padLeft = -1
        XCTAssertThrowsError(try g.validate())
        g = Self.geometry(input: (Int.max / 2, 4, 2), output: (2, 2, 3), kernel: (3, 3))
        XCTAssertThrowsError(try g.validate()) { error in
            XCTAssertEqual(error as? KernelError, .sizeOverflow(kernel: "Conv2D", quantity: "input element count"))
        }
    }

    func testFlops() {
        let g = Self.geometry(batch: 2, input: (9, 9, 3), output: (7, 7, 4), kernel: (3, 3))
        XCTAssertEqual(g.flops, 2 * 2 * 7 * 7 * 4 * 3 * 3 * 3)
    }

    /// The output must not depend on the context's worker count (bitwise), on the seed model's big layers.
    func testBitIdenticalForOneAndTwoWorkers() {
        let two = ComputeContext(workerCount: 2)
        let shapes = [
            Self.geometry(input: (128, 128, 3), output: (126, 126, 32), kernel: (3, 3)),
            Self.geometry(input: (63, 63, 32), output: (61, 61, 64), kernel: (3, 3)),
            Self.geometry(input: (30, 30, 64), output: (28, 28, 64), kernel: (3, 3)),
            Self.geometry(input: (11, 11, 128), output: (9, 9, 128), kernel: (3, 3)),
            Self.geometry(input: (4, 4, 128), output: (2, 2, 256), kernel: (3, 3)),
            Self.geometry(batch: 2, input: (13, 12, 7), output: (7, 6, 9), kernel: (3, 3), stride: (2, 2), pad: (1, 1)),
            Self.geometry(input: (20, 20, 16), output: (20, 20, 24), kernel: (1, 1)),
            // One short im2col tile of a long patch (DenseNet's 8x8 layers), split into row tiles.
            Self.geometry(input: (10, 9, 128), output: (8, 7, 32), kernel: (3, 3)),
        ]
        for (index, g) in shapes.enumerated() {
            let input = randomFloats(g.inputCount, seed: UInt64(100 + index))
            let filter = randomFloats(g.filterCount, seed: UInt64(200 + index))
            let bias = randomFloats(g.outputChannels, seed: UInt64(300 + index))
            for algorithm in Set([Conv2DAlgorithm.im2colGEMM, Conv2DKernel.preferredAlgorithm(for: g, allowWinograd: true)]) {
                let single = Self.run(g, input: input, filter: filter, bias: bias, activation: .relu, algorithm: algorithm).output
                let double = Self.run(g, input: input, filter: filter, bias: bias, activation: .relu, algorithm: algorithm,
                                      context: two).output
                XCTAssertEqual(single.map(\.bitPattern), double.map(\.bitPattern), "\(g) \(algorithm)")
            }
        }
    }

    /// A convolution with one short im2col tile of a patch longer than the generated kernels take (3x3 on 128
    /// channels, an 8x8 map) splits into two row tiles, not two column blocks that would each fill the whole tile,
    /// and stays within the accuracy budget with the same bits at 1, 2 and 3 workers.
    func testShortTileOfALongPatchSplitsIntoRowTiles() throws {
        guard ComputeContext(workerCount: 1).usesFusedMultiplyAdd else { throw XCTSkip("the packed GEMM needs AVX2 + FMA") }
        let g = Self.geometry(input: (10, 10, 128), output: (8, 8, 32), kernel: (3, 3))
        let input = randomFloats(g.inputCount, seed: 7)
        let filter = randomFloats(g.filterCount, seed: 8)
        let bias = randomFloats(g.outputChannels, seed: 9)
        var results: [[Float]] = []
        for workers in [1, 2, 3] {
            let kernel = filter.withUnsafeBufferPointer {
                Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: bias, activation: .relu, algorithm: .im2colGEMM,
                             context: ComputeContext(workerCount: workers))
            }
            XCTAssertEqual(kernel.tileRows, 32)
            results.append(runConvolution(kernel, g, pool: nil, input: input))
        }
        XCTAssertEqual(results[1].map(\.bitPattern), results[0].map(\.bitPattern))
        XCTAssertEqual(results[2].map(\.bitPattern), results[0].map(\.bitPattern))
        assertClose(results[0], Self.reference(g, input: input, filter: filter, bias: bias, activation: .relu))
    }

    /// One kernel built for 2 workers gives the same bits run alone and from two threads at once (the second run
    /// finds the context's pool busy and runs on Dispatch's threads), as a kernel built for 1 worker.
    func testKernelForTwoWorkersGivesTheSameBitsAloneAndConcurrently() {
        for algorithm in [Conv2DAlgorithm.im2colGEMM, .winogradF2x2, .winogradF3x3, .winogradF4x4] {
            let g = Self.geometry(input: (30, 30, 16), output: (28, 28, 32), kernel: (3, 3))
            let input = randomFloats(g.inputCount, seed: 1)
            let filter = randomFloats(g.filterCount, seed: 2)
            func kernel(workers: Int) -> Conv2DKernel {
                filter.withUnsafeBufferPointer {
                    Conv2DKernel(geometry: g, filter: $0.baseAddress!, bias: nil, activation: .relu, algorithm: algorithm,
                                 context: ComputeContext(workerCount: workers))
                }
            }
            let one = kernel(workers: 1), two = kernel(workers: 2)
            XCTAssertEqual(one.workerSlots, 1)
            XCTAssertEqual(two.workerSlots, 2)
            @Sendable func output(_ kernel: Conv2DKernel) -> [UInt32] {
                var scratch = [Float](repeating: 0, count: kernel.scratchCount)
                var output = [Float](repeating: 0, count: g.outputCount)
                output.withUnsafeMutableBufferPointer { o in
                    scratch.withUnsafeMutableBufferPointer { kernel.run(input: input, output: o.baseAddress!, scratch: $0.baseAddress!) }
                }
                return output.map(\.bitPattern)
            }
            let expected = output(one)
            XCTAssertEqual(output(two), expected, "\(algorithm)")
            let concurrent = ResultSlots(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { i in concurrent.set(i, output(two)) }
            XCTAssertEqual(concurrent.values, [expected, expected], "\(algorithm)")
        }
    }
}

/// Results written by concurrent closures, one slot each.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[UInt32]]
    init(count: Int) { slots = [[UInt32]](repeating: [], count: count) }
    func set(_ index: Int, _ value: [UInt32]) { lock.withLock { slots[index] = value } }
    var values: [[UInt32]] { lock.withLock { slots } }
}
