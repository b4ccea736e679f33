import XCTest
@testable import Kernels

/// Convolutions computed row by row from the input (``RowConvolution``): which geometries take that path, and
/// their results against the Double reference and against im2col on OpenBLAS.
final class RowConvolutionTests: XCTestCase {
    private func requireGeneratedKernels() throws {
        guard GeneratedSGEMM(rows: 4, columns: 4, depth: 4, aStride: 4, bStride: 4, cStride: 4) != nil else {
            throw XCTSkip("no generated GEMM kernels on this CPU")
        }
    }

    func testApplicableOnlyToUnpaddedUndilatedShortRows() {
        let g = Conv2DKernelTests.geometry
        XCTAssertTrue(RowConvolution.isApplicable(g(1, (128, 128, 3), (126, 126, 32), (3, 3), (1, 1), (1, 1), (0, 0))))
        XCTAssertTrue(RowConvolution.isApplicable(g(1, (17, 17, 8), (8, 8, 16), (3, 3), (2, 2), (1, 1), (0, 0))))
        XCTAssertTrue(RowConvolution.isApplicable(g(16, (11, 11, 28), (9, 9, 48), (3, 3), (1, 1), (1, 1), (0, 0))))
        // SAME padding, dilation, filter rows longer than a generated kernel's depth (3 x 48 = 144 floats), and
        // rows of fewer than 3 pixels per phase (8 pixels in phases of 3, 3 and 2; 3 pixels in 2 and 1) keep im2col.
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (16, 16, 3), (16, 16, 8), (3, 3), (1, 1), (1, 1), (1, 1))))
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (16, 16, 3), (12, 12, 8), (3, 3), (1, 1), (2, 2), (0, 0))))
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (16, 16, 48), (14, 14, 8), (3, 3), (1, 1), (1, 1), (0, 0))))
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (10, 10, 4), (8, 8, 4), (3, 3), (1, 1), (1, 1), (0, 0))))
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (4, 4, 48), (3, 3, 64), (2, 2), (1, 1), (1, 1), (0, 0))))
        // Stride 2 on an even input with the padding all at the end (SAME with padLeft 0): the last window would
        // read past the row.
        XCTAssertFalse(RowConvolution.isApplicable(g(1, (8, 8, 3), (4, 4, 8), (3, 3), (2, 2), (1, 1), (0, 0))))
    }

    func testConvolutionsByRowsMatchReferenceAndOpenBLAS() throws {
        try requireGeneratedKernels()
        let g = Conv2DKernelTests.geometry
        // (geometry, pool, PReLU slopes): the seed's pooled RGB layer over two images; PNet-like 10 channels with
        // mixed-sign slopes and an odd width (phases of 8, 8 and 7 pixels); stride 2 with a 5x5 filter (3 phases);
        // a single output row split into two column blocks; a 3x1 filter (one phase); a pool with 3x3 windows;
        // 32 channels (a 288-float patch, too long for one generated kernel; 96 per filter row).
        let cases: [(Conv2DGeometry, FusedMaxPool?, Bool)] = [
            (g(2, (34, 34, 3), (32, 32, 32), (3, 3), (1, 1), (1, 1), (0, 0)), FusedMaxPool(windowHeight: 2, windowWidth: 2), false),
            (g(1, (20, 25, 3), (18, 23, 10), (3, 3), (1, 1), (1, 1), (0, 0)), nil, true),
            (g(2, (21, 23, 3), (9, 10, 16), (5, 5), (2, 2), (1, 1), (0, 0)), nil, false),
            (g(1, (3, 62, 3), (1, 60, 64), (3, 3), (1, 1), (1, 1), (0, 0)), nil, false),
            (g(1, (12, 9, 4), (10, 9, 12), (3, 1), (1, 1), (1, 1), (0, 0)), nil, true),
            (g(1, (20, 20, 10), (18, 18, 16), (3, 3), (1, 1), (1, 1), (0, 0)), FusedMaxPool(windowHeight: 3, windowWidth: 3), true),
            (g(2, (11, 11, 32), (9, 9, 24), (3, 3), (1, 1), (1, 1), (0, 0)), nil, false),
        ]
        for (index, (geometry, pool, withSlopes)) in cases.enumerated() {
            let input = randomFloats(geometry.inputCount, seed: 300 + UInt64(index))
            let filter = randomFloats(geometry.filterCount, seed: 310 + UInt64(index))
            let bias = randomFloats(geometry.outputChannels, seed: 320 + UInt64(index))
            let slopes: [Float]? = withSlopes
                ? (0..<geometry.outputChannels).map { $0 % 3 == 0 ? -0.5 : 0.25 } : nil
            func run(generated: Bool) -> (output: [Float], byRows: Bool) {
                let context = ComputeContext(workerCount: 1, allowsAVX2: true, generatesGEMMKernels: generated)
                let kernel = filter.withUnsafeBufferPointer { f in
                    bias.withUnsafeBufferPointer { b in
                        withOptionalPointer(slopes) { s in
                            Conv2DKernel(geometry: geometry, filter: f.baseAddress!, bias: b.baseAddress!, activation: .relu,
                                         algorithm: .im2colGEMM, negativeSlopes: s, pool: pool, context: context)
                        }
                    }
                }
                return (runConvolution(kernel, geometry, pool: pool, input: input), kernel.computesRowsDirectly)
            }
            let byRows = run(generated: true), openBLAS = run(generated: false)
            XCTAssertTrue(byRows.byRows, "case \(index): not computed by rows")
            XCTAssertFalse(openBLAS.byRows, "case \(index)")
            var reference = Conv2DKernelTests.reference(geometry, input: input, filter: filter, bias: bias, activation: .relu)
            if let slopes {
                for i in reference.indices where reference[i] < 0 {
                    reference[i] *= Double(slopes[i % geometry.outputChannels])
                }
            }
            if let pool { reference = referenceMaxPool(reference, geometry, pool) }
            assertClose(byRows.output, reference, tolerance: 1e-5, "case \(index) by rows")
            assertClose(byRows.output, openBLAS.output.map(Double.init), tolerance: 1e-5, "case \(index) vs OpenBLAS")
        }
    }
}

/// Calls `body` with a pointer to `values`, or nil.
private func withOptionalPointer<Result>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
}
