import XCTest
@testable import Kernels

final class DenseAndMatMulTests: XCTestCase {
    /// Naive `op(A) op(B)` in Double.
    static func referenceProduct(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * m + i] : a[i * k + p]
                    let w = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += Double(x) * Double(w)
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// Runs a dense kernel; `withScratch` passes the scratch its small-batch K split uses (a canary after it
    /// must survive).
    static func runDense(rows: Int, k: Int, n: Int, weights: [Float], transposed: Bool, bias: [Float]?,
                         activation: Activation, input: [Float], withScratch: Bool = false,
                         context: ComputeContext = .singleThreaded) -> [Float] {
        var output = [Float](repeating: .nan, count: rows * n)
        weights.withUnsafeBufferPointer { w in
            let run = { (b: UnsafePointer<Float>?) in
                let kernel = DenseKernel(inputFeatures: k, outputFeatures: n, weights: w.baseAddress!,
                                         weightsTransposed: transposed, bias: b, activation: activation, context: context)
                input.withUnsafeBufferPointer { i in
                    output.withUnsafeMutableBufferPointer { o in
                        if withScratch {
                            var scratch = [Float](repeating: 7, count: kernel.scratchCount(rows: rows) + 1)
                            scratch.withUnsafeMutableBufferPointer {
                                kernel.run(input: i.baseAddress!, rows: rows, output: o.baseAddress!, scratch: $0.baseAddress!)
                            }
                            XCTAssertEqual(scratch.last, 7, "scratch overrun")
                        } else {
                            kernel.run(input: i.baseAddress!, rows: rows, output: o.baseAddress!)
                        }
                    }
                }
            }
            if let bias { bias.withUnsafeBufferPointer { run($0.baseAddress!) } } else { run(nil) }
        }
        return output
    }

    func checkDense(rows: Int, k: Int, n: Int, transposed: Bool, withBias: Bool, activation: Activation, seed: UInt64,
                    file: StaticString = #filePath, line: UInt = #line) {
        let input = randomFloats(rows * k, seed: seed)
        let weights = randomFloats(k * n, seed: seed + 1)
        let bias = withBias ? randomFloats(n, seed: seed + 2) : nil
        let output = Self.runDense(rows: rows, k: k, n: n, weights: weights, transposed: transposed, bias: bias,
                                   activation: activation, input: input)
        let product = Self.referenceProduct(input, weights, m: rows, n: n, k: k, transposeA: false, transposeB: transposed)
        let reference = product.enumerated().map { index, value in
            referenceActivation(activation, value + (bias.map { Double($0[index % n]) } ?? 0))
        }
        assertClose(output, reference, "dense rows \(rows) k \(k) n \(n) transposed \(transposed)", file: file, line: line)
    }

    func testDenseSingleRowUsesGEMV() {
        checkDense(rows: 1, k: 37, n: 23, transposed: false, withBias: true, activation: .relu, seed: 1)
        checkDense(rows: 1, k: 37, n: 23, transposed: true, withBias: true, activation: .none, seed: 2)
        // Large enough to be split into several column blocks.
        checkDense(rows: 1, k: 1024, n: 1000, transposed: false, withBias: true, activation: .relu, seed: 3)
        checkDense(rows: 1, k: 1024, n: 1000, transposed: true, withBias: false, activation: .sigmoid, seed: 4)
    }

    /// A split single-row product (K x N >= 2^18) skips zero inputs: the result must still be the full product,
    /// with zeros in every position of the four-row groups and in the tails, NaN inputs kept, and N not a
    /// multiple of 8.
    func testDenseSingleRowSkipsZeroInputs() {
        let k = 1031, n = 517
        var input = randomFloats(k, seed: 21)
        for index in input.indices where index % 3 == 0 || index % 7 == 2 || index > 1020 { input[index] = 0 }
        input[5] = -0.0
        let weights = randomFloats(k * n, seed: 22)
        let bias = randomFloats(n, seed: 23)
        let output = Self.runDense(rows: 1, k: k, n: n, weights: weights, transposed: false, bias: bias,
                                   activation: .none, input: input)
        let product = Self.referenceProduct(input, weights, m: 1, n: n, k: k, transposeA: false, transposeB: false)
        assertClose(output, product.enumerated().map { $1 + Double(bias[$0]) }, "sparse single row")

        input[11] = .nan
        let withNaN = Self.runDense(rows: 1, k: k, n: n, weights: weights, transposed: false, bias: nil,
                                    activation: .relu, input: input)
        XCTAssertTrue(withNaN.allSatisfy(\.isNaN), "a NaN input reaches every output")
    }

    /// A zero input times an infinite weight is NaN in TensorFlow, so a layer with non-finite weights must not
    /// skip zero inputs.
    func testDenseWithNonFiniteWeightsDoesNotSkipZeros() {
        let k = 1024, n = 300
        var input = randomFloats(k, seed: 31)
        input[100] = 0
        var weights = randomFloats(k * n, seed: 32)
        weights[100 * n + 7] = .infinity
        let output = Self.runDense(rows: 1, k: k, n: n, weights: weights, transposed: false, bias: nil,
                                   activation: .none, input: input)
        XCTAssertTrue(output[7].isNaN, "0 * inf must give NaN, got \(output[7])")
        XCTAssertEqual(output.filter(\.isNaN).count, 1)
        XCTAssertTrue(DenseKernel.allFinite(weights, count: 100 * n + 7))
        XCTAssertFalse(DenseKernel.allFinite(weights, count: 100 * n + 8))
        XCTAssertFalse(DenseKernel.allFinite([1, 2, .nan], count: 3))
    }

    func testDenseFiveRows() {
        checkDense(rows: 5, k: 19, n: 13, transposed: false, withBias: true, activation: .relu6, seed: 5)
        checkDense(rows: 5, k: 19, n: 13, transposed: true, withBias: false, activation: .tanh, seed: 6)
        checkDense(rows: 5, k: 300, n: 333, transposed: true, withBias: true, activation: .none, seed: 7)
    }

    /// One row or a few rows with large `[K, N]` weights are split along K when given scratch (1 ... 64 rows),
    /// K not a multiple of the block count; 65 rows, transposed or small weights need none.
    func testDenseSmallBatchSplitsInputs() {
        let k = 1031, n = 517
        let weights = randomFloats(k * n, seed: 41)
        let bias = randomFloats(n, seed: 42)
        let kernel = weights.withUnsafeBufferPointer {
            DenseKernel(inputFeatures: k, outputFeatures: n, weights: $0.baseAddress!, weightsTransposed: false,
                        bias: nil, activation: .none)
        }
        XCTAssertEqual(kernel.scratchCount(rows: 1), DenseKernel.inputBlockCount * n)
        // A batch also gets its gathering scratch when it skips zero inputs (AVX2 and FMA).
        if ComputeContext.singleThreaded.usesFusedMultiplyAdd {
            XCTAssertGreaterThan(kernel.scratchCount(rows: 16), DenseKernel.inputBlockCount * 16 * n)
        } else {
            XCTAssertEqual(kernel.scratchCount(rows: 16), DenseKernel.inputBlockCount * 16 * n)
        }
        XCTAssertEqual(kernel.scratchCount(rows: 65), 0)
        let small = [Float](repeating: 1, count: 64 * 64).withUnsafeBufferPointer {
            DenseKernel(inputFeatures: 64, outputFeatures: 64, weights: $0.baseAddress!, weightsTransposed: false,
                        bias: nil, activation: .none)
        }
        XCTAssertEqual(small.scratchCount(rows: 16), 0)
        // Random inputs have no zeros to skip: a batch stays on OpenBLAS (see `minimumSkippedFraction`).
        for rows in [1, 2, 16, 64, 65] {
            let input = randomFloats(rows * k, seed: 43 + UInt64(rows))
            _ = Self.checkSplitDense(rows: rows, k: k, n: n, weights: weights, bias: bias, activation: .relu,
                                     input: input, "rows \(rows)")
        }
    }

    /// Runs a `[K, N]` dense kernel with scratch at 1 and at 2 threads against the Double reference, checks that
    /// both give the same bits, and returns the 1-thread result.
    static func checkSplitDense(rows: Int, k: Int, n: Int, weights: [Float], bias: [Float], activation: Activation,
                                input: [Float], _ label: String, file: StaticString = #filePath, line: UInt = #line)
        -> [Float] {
        let product = referenceProduct(input, weights, m: rows, n: n, k: k, transposeA: false, transposeB: false)
        let reference = product.enumerated().map { referenceActivation(activation, $1 + Double(bias[$0 % n])) }
        var results: [[Float]] = []
        for threads in [1, 2] {
            results.append(runDense(rows: rows, k: k, n: n, weights: weights, transposed: false, bias: bias,
                                    activation: activation, input: input, withScratch: true,
                                    context: ComputeContext(workerCount: threads)))
            assertClose(results.last!, reference, "\(label) threads \(threads)", file: file, line: line)
        }
        XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern), label, file: file, line: line)
        return results[0]
    }

    /// A small batch skips the inputs that are zero in every row (dead features) on the gathering AVX2/FMA kernel:
    /// against the Double reference and the OpenBLAS product, for row counts around its 6-row groups, widths around
    /// its 16-column panels, more than one 64-row block per K block, at 1 and 2 threads (bit-identical). A NaN
    /// input in one row still reaches that row's outputs only.
    func testDenseSmallBatchSkipsInputsZeroInEveryRow() throws {
        guard ComputeContext.singleThreaded.usesFusedMultiplyAdd else { throw XCTSkip("no AVX2 and FMA on this CPU") }
        let k = 1031
        for (index, (rows, n)) in [(2, 517), (7, 136), (16, 16), (13, 7), (64, 33)].enumerated() {
            let seed = 700 + UInt64(10 * index)
            let weights = randomFloats(k * n, seed: seed)
            let bias = randomFloats(n, seed: seed + 1)
            var input = randomFloats(rows * k, seed: seed + 2)
            for feature in 0..<k where feature % 2 == 0 || feature % 7 == 3 {
                // Dead features (zero in every row), and a few zero in all rows but the last.
                for row in 0..<(feature % 7 == 3 ? rows - 1 : rows) { input[row * k + feature] = 0 }
            }
            for i in stride(from: 5, to: input.count, by: 11) { input[i] = 0 }  // scattered zeros
            let gathered = Self.checkSplitDense(rows: rows, k: k, n: n, weights: weights, bias: bias, activation: .none,
                                                input: input, "rows \(rows) n \(n)")
            let openBLAS = Self.runDense(rows: rows, k: k, n: n, weights: weights, transposed: false, bias: bias,
                                         activation: .none, input: input, withScratch: true,
                                         context: ComputeContext(workerCount: 1, allowsAVX2: false))
            assertClose(gathered, openBLAS.map(Double.init), "rows \(rows) n \(n) vs OpenBLAS")

            // A NaN where every other row has a dead feature: that row's outputs are NaN, the others are not.
            var poisoned = input
            poisoned[(rows - 1) * k + 2] = .nan
            let output = Self.runDense(rows: rows, k: k, n: n, weights: weights, transposed: false, bias: bias,
                                       activation: .none, input: poisoned, withScratch: true)
            XCTAssertTrue(output[((rows - 1) * n)...].allSatisfy(\.isNaN), "rows \(rows) n \(n)")
            XCTAssertFalse(output[..<((rows - 1) * n)].contains(where: \.isNaN), "rows \(rows) n \(n)")
        }
    }

    func testDenseManyRowsSplitsRows() {
        checkDense(rows: 150, k: 70, n: 45, transposed: false, withBias: true, activation: .relu, seed: 8)
    }

    func testDenseZeroInputFeaturesGivesActivatedBias() {
        let output = Self.runDense(rows: 2, k: 0, n: 3, weights: [], transposed: false, bias: [-1, 0.5, 2],
                                   activation: .relu, input: [])
        XCTAssertEqual(output, [0, 0.5, 2, 0, 0.5, 2])
    }

    func runMatMul(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, seed: UInt64,
                   file: StaticString = #filePath, line: UInt = #line) {
        let a = randomFloats(m * k, seed: seed)
        let b = randomFloats(k * n, seed: seed + 1)
        var c = [Float](repeating: .nan, count: m * n)
        c.withUnsafeMutableBufferPointer {
            MatMul.run(a: a, b: b, c: $0.baseAddress!, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        }
        let reference = Self.referenceProduct(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        assertClose(c, reference, "matmul \(m)x\(n)x\(k) tA \(transposeA) tB \(transposeB)", file: file, line: line)
    }

    func testMatMulAllTransposeCombinations() {
        var seed: UInt64 = 100
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                for (m, n, k) in [(7, 5, 3), (1, 9, 4), (9, 1, 6), (130, 70, 33), (20, 300, 50)] {
                    runMatMul(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, seed: seed)
                    seed += 2
                }
            }
        }
    }

    func testMatMulEmptyInnerDimensionGivesZeros() {
        var c = [Float](repeating: .nan, count: 6)
        c.withUnsafeMutableBufferPointer {
            MatMul.run(a: [], b: [], c: $0.baseAddress!, m: 2, n: 3, k: 0, transposeA: false, transposeB: false)
        }
        XCTAssertEqual(c, [0, 0, 0, 0, 0, 0])
    }

    /// Dense and MatMul results must not depend on the thread count (bitwise).
    func testBitIdenticalForOneAndTwoThreads() {
        let two = ComputeContext(workerCount: 2)
        for (rows, k, n, transposed) in [(1, 2048, 1024, false), (1, 2048, 1000, true), (5, 1024, 136, false), (200, 128, 96, true)] {
            let input = randomFloats(rows * k, seed: 11)
            let weights = randomFloats(k * n, seed: 12)
            let bias = randomFloats(n, seed: 13)
            let single = Self.runDense(rows: rows, k: k, n: n, weights: weights, transposed: transposed, bias: bias,
                                       activation: .relu, input: input)
            let double = Self.runDense(rows: rows, k: k, n: n, weights: weights, transposed: transposed, bias: bias,
                                       activation: .relu, input: input, context: two)
            XCTAssertEqual(single.map(\.bitPattern), double.map(\.bitPattern), "dense \(rows)x\(k)x\(n)")
        }
        let a = randomFloats(300 * 200, seed: 14)
        let b = randomFloats(200 * 250, seed: 15)
        var results: [[Float]] = []
        for threads in [1, 2] {
            var c = [Float](repeating: 0, count: 300 * 250)
            c.withUnsafeMutableBufferPointer {
                MatMul.run(a: a, b: b, c: $0.baseAddress!, m: 300, n: 250, k: 200, transposeA: true, transposeB: false,
                           context: ComputeContext(workerCount: threads))
            }
            results.append(c)
        }
        XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern), "matmul")
    }
}
