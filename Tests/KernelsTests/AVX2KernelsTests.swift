import CKernelsAVX2
import XCTest
@testable import Kernels

/// The AVX2 Winograd transforms (`CKernelsAVX2`) must give the Swift lanes' results bit for bit.
final class AVX2KernelsTests: XCTestCase {
    func testWinogradTransformsGiveTheSwiftLanesBits() throws {
        guard AVX2Kernels.available else { throw XCTSkip("no AVX2 on this CPU") }
        let g = Conv2DKernelTests.geometry
        // Partial edge tiles (17 and 13 are not multiples of 4 or 3), channel counts that leave 4 and 1-3
        // channels to the Swift lanes, a fused pool, every activation the transforms apply, with and without bias.
        let cases: [(Conv2DGeometry, Conv2DAlgorithm, FusedMaxPool?, Activation, Bool)] = [
            (g(1, (19, 19, 36), (17, 17, 44), (3, 3), (1, 1), (1, 1), (0, 0)), .winogradF4x4, nil, .relu, true),
            (g(2, (15, 15, 32), (13, 13, 40), (3, 3), (1, 1), (1, 1), (0, 0)), .winogradF3x3, nil, .relu6, true),
            (g(1, (18, 18, 40), (16, 16, 32), (3, 3), (1, 1), (1, 1), (0, 0)), .winogradF4x4,
             FusedMaxPool(windowHeight: 2, windowWidth: 2), .leakyRelu(alpha: 0.2), false),
            (g(1, (14, 14, 33), (14, 14, 35), (3, 3), (1, 1), (1, 1), (1, 1)), .winogradF3x3, nil, .none, true),
            (g(1, (12, 12, 16), (10, 10, 24), (3, 3), (1, 1), (1, 1), (0, 0)), .winogradF4x4, nil, .sigmoid, true),
        ]
        for (index, (geometry, algorithm, pool, activation, withBias)) in cases.enumerated() {
            let input = randomFloats(geometry.inputCount, seed: 400 + UInt64(index))
            let filter = randomFloats(geometry.filterCount, seed: 410 + UInt64(index))
            let bias = randomFloats(geometry.outputChannels, seed: 420 + UInt64(index))
            func run(avx2: Bool) -> [Float] {
                let kernel = filter.withUnsafeBufferPointer { f in
                    bias.withUnsafeBufferPointer { b in
                        Conv2DKernel(geometry: geometry, filter: f.baseAddress!, bias: withBias ? b.baseAddress! : nil,
                                     activation: activation, algorithm: algorithm, pool: pool,
                                     context: ComputeContext(workerCount: 1, allowsAVX2: avx2))
                    }
                }
                XCTAssertEqual(kernel.algorithm, algorithm, "case \(index)")
                return runConvolution(kernel, geometry, pool: pool, input: input)
            }
            let lanes = run(avx2: false), avx2 = run(avx2: true)
            let differing = zip(avx2, lanes).filter { $0.bitPattern != $1.bitPattern }.count
            XCTAssertEqual(differing, 0, "case \(index): values where AVX2 and the Swift lanes differ")
            XCTAssertFalse(avx2.contains { $0.isNaN }, "case \(index): output not written")
            var reference = Conv2DKernelTests.reference(geometry, input: input, filter: filter,
                                                        bias: withBias ? bias : nil, activation: activation)
            if let pool { reference = referenceMaxPool(reference, geometry, pool) }
            assertClose(avx2, reference, tolerance: 3e-5, "case \(index)")
        }
    }
}

/// `landmark_sgemm_packed` takes AVX-512 registers where the CPU has them: its bits must be those of the AVX2 blocks.
final class PackedGEMMTests: XCTestCase {
    func testPackedGEMMGivesTheAVX2Bits() throws {
        guard AVX2Kernels.available else { throw XCTSkip("no AVX2 + FMA on this CPU") }
        // Row counts around the 6- and 12-row blocks, column counts with partial 16-column panels, depths of 1 to 600.
        for (index, (rows, columns, depth)) in [(1, 1, 1), (5, 16, 7), (12, 16, 64), (13, 31, 27), (25, 48, 600),
                                                (35, 70, 144), (71, 9, 33)].enumerated() {
            let a = randomFloats(rows * depth, seed: 500 + UInt64(index))
            let b = randomFloats(depth * columns, seed: 510 + UInt64(index))
            var packed = [Float](repeating: 0, count: landmark_sgemm_packed_count(depth, columns))
            landmark_sgemm_pack(b, columns, depth, columns, &packed)
            var dispatched = [Float](repeating: .nan, count: rows * columns)
            var avx2 = [Float](repeating: .nan, count: rows * columns)
            landmark_sgemm_packed(rows, columns, depth, a, depth, packed, &dispatched, columns)
            landmark_sgemm_packed_finish(rows, columns, depth, a, depth, packed, &avx2, columns, nil, nil, 0, 0, 0)
            XCTAssertEqual(dispatched.map(\.bitPattern), avx2.map(\.bitPattern), "\(rows)x\(columns)x\(depth)")
            // Each output is the fused multiply-add chain over k in order from zero.
            var expected = [Float](repeating: 0, count: rows * columns)
            for r in 0..<rows {
                for j in 0..<columns {
                    var sum: Float = 0
                    for k in 0..<depth { sum = sum.addingProduct(a[r * depth + k], b[k * columns + j]) }
                    expected[r * columns + j] = sum
                }
            }
            XCTAssertEqual(dispatched.map(\.bitPattern), expected.map(\.bitPattern), "\(rows)x\(columns)x\(depth) chain")
        }
    }

    /// The fused form (bias, residual and activation in registers, on AVX-512 and on AVX2 registers) gives the bits
    /// of the product followed by the Swift output pass, NaN, signed zeros and the activations' corners included.
    func testFusedEpilogueGivesTheOutputPassBits() throws {
        guard AVX2Kernels.fusedMultiplyAddAvailable else { throw XCTSkip("no AVX2 + FMA on this CPU") }
        let (rows, columns, depth) = (29, 37, 19)
        var a = randomFloats(rows * depth, in: -3...3, seed: 600)
        a[5] = .nan
        a[depth * 3] = -0.0
        let b = randomFloats(depth * columns, in: -3...3, seed: 601)
        var packed = [Float](repeating: 0, count: landmark_sgemm_packed_count(depth, columns))
        landmark_sgemm_pack(b, columns, depth, columns, &packed)
        var bias = randomFloats(columns, in: -6...6, seed: 602)
        bias[3] = -0.0
        let residual = randomFloats(rows * columns, in: -4...4, seed: 603)
        let activations: [Activation] = [.none, .relu, .relu6, .leakyRelu(alpha: 0.1), .hardSwish]
        for activation in activations {
            let epilogue = try XCTUnwrap(AVX2Kernels.registerEpilogue(activation))
            for withBias in [false, true] {
                for withResidual in [false, true] {
                    var expected = [Float](repeating: 0, count: rows * columns)
                    landmark_sgemm_packed(rows, columns, depth, a, depth, packed, &expected, columns)
                    bias.withUnsafeBufferPointer { biasBuffer in
                        residual.withUnsafeBufferPointer { residualBuffer in
                            BiasActivation.apply(&expected, rows: rows, columns: columns,
                                                 bias: withBias ? biasBuffer.baseAddress : nil, activation: activation,
                                                 residual: withResidual ? residualBuffer.baseAddress : nil)
                        }
                    }
                    for avx512: Int32 in [1, 0] {
                        var fused = [Float](repeating: .nan, count: rows * columns)
                        landmark_sgemm_packed_finish(rows, columns, depth, a, depth, packed, &fused, columns,
                                                     withBias ? bias : nil, withResidual ? residual : nil,
                                                     epilogue.code, epilogue.alpha, avx512)
                        XCTAssertEqual(fused.map(\.bitPattern), expected.map(\.bitPattern),
                                       "\(activation), bias \(withBias), residual \(withResidual), avx512 \(avx512)")
                    }
                }
            }
        }
    }
}
