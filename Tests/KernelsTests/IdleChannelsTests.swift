import XCTest
@testable import Kernels

/// Winograd convolutions leave input channels that are zero at every pixel out of their products (see
/// `Conv2DKernel`'s `idleInputChannels` and `ZeroChannels`).
final class IdleChannelsTests: XCTestCase {
    func testZeroChannelsCountsSignedZeroAsZeroAndNaNAsNonzero() {
        // 3 pixels x 11 channels (one 8-lane chunk and 3 more).
        var data = [Float](repeating: 0, count: 33)
        data[11 + 4] = -0.0  // channel 4: -0 only
        data[22 + 9] = .nan  // channel 9
        data[2] = 1e-40  // channel 2: a subnormal
        data[11 + 6] = -.infinity  // channel 6
        var nonzero = [UInt32](repeating: 0, count: 11)
        ZeroChannels.accumulate(data, pixels: 3, channels: 11, firstChannel: 0, into: &nonzero)
        XCTAssertEqual(nonzero.indices.filter { nonzero[$0] != 0 }, [2, 6, 9])
        // A second call adds to what the first saw.
        var more = [Float](repeating: 0, count: 11)
        more[10] = -3
        ZeroChannels.accumulate(more, pixels: 1, channels: 11, firstChannel: 0, into: &nonzero)
        XCTAssertEqual(nonzero.indices.filter { nonzero[$0] != 0 }, [2, 6, 9, 10])

        var scratch = [UInt32](repeating: 7, count: 11)
        XCTAssertEqual(ZeroChannels.tailStart(data, pixels: 3, channels: 11, from: 0, scratch: &scratch), 10)
        XCTAssertEqual(ZeroChannels.tailStart(data, pixels: 3, channels: 11, from: 10, scratch: &scratch), 10)
        XCTAssertEqual(ZeroChannels.tailStart(more, pixels: 1, channels: 11, from: 5, scratch: &scratch), 11)
        XCTAssertEqual(ZeroChannels.tailStart(data, pixels: 3, channels: 11, from: 11, scratch: &scratch), 11)
        data[22 + 9] = 0
        XCTAssertEqual(ZeroChannels.tailStart(data, pixels: 3, channels: 11, from: 0, scratch: &scratch), 7)
    }

    func testReducedDepths() {
        XCTAssertEqual(Conv2DKernel.reducedDepths(64, idle: 0), [])
        XCTAssertEqual(Conv2DKernel.reducedDepths(64, idle: 64), [])
        XCTAssertEqual(Conv2DKernel.reducedDepths(64, idle: 15), [49, 56])
        XCTAssertEqual(Conv2DKernel.reducedDepths(32, idle: 5), [27])
        XCTAssertEqual(Conv2DKernel.reducedDepths(128, idle: 51), [77, 88, 112])
        XCTAssertEqual(Conv2DKernel.reducedDepths(64, idle: 1), [63])
    }

    /// Kernels told that the last 13 of 40 input channels are idle give the bits of kernels that were not: with
    /// those channels zero (the shortest reduction), with one of them alive (a longer prepared one) and with the
    /// last alive (all channels); for every Winograd variant, with and without a fused pool.
    func testLeavingOutIdleChannelsKeepsTheBits() {
        let g = Conv2DGeometry(batch: 2, inputHeight: 14, inputWidth: 13, inputChannels: 40, outputHeight: 12,
                               outputWidth: 11, outputChannels: 24, kernelHeight: 3, kernelWidth: 3, strideHeight: 1,
                               strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0)
        let filter = randomFloats(g.filterCount, seed: 41)
        let bias = randomFloats(g.outputChannels, seed: 42)
        var input = randomFloats(g.batch * g.inputHeight * g.inputWidth * g.inputChannels, seed: 43)
        let pixels = g.batch * g.inputHeight * g.inputWidth
        for p in 0..<pixels {
            for c in 27..<40 { input[p * 40 + c] = p % 5 == 0 ? -0.0 : 0 }
        }
        var liveAt30 = input
        liveAt30[(pixels / 2) * 40 + 30] = 0.5
        var liveAt39 = input
        liveAt39[(pixels - 1) * 40 + 39] = -2
        let pool = FusedMaxPool(windowHeight: 2, windowWidth: 2)
        for algorithm in [Conv2DAlgorithm.winogradF2x2, .winogradF3x3, .winogradF4x4] {
            for fused in [nil, pool] where fused.map({ algorithm.canFuse($0) }) ?? true {
                func kernel(idle: Int) -> Conv2DKernel {
                    Conv2DKernel(geometry: g, filter: filter, bias: bias, activation: .relu, algorithm: algorithm,
                                 pool: fused, idleInputChannels: idle)
                }
                let plain = kernel(idle: 0), skipping = kernel(idle: 13)
                XCTAssertEqual(plain.idleInputChannels, 0)
                XCTAssertEqual(skipping.idleInputChannels, 13)
                XCTAssertEqual(skipping.label, "\(algorithm.label), 13 idle inputs")
                for (name, values) in [("idle", input), ("channel 30 alive", liveAt30), ("channel 39 alive", liveAt39)] {
                    let expected = runConvolution(plain, g, pool: fused, input: values)
                    let ours = runConvolution(skipping, g, pool: fused, input: values)
                    XCTAssertEqual(ours.map(\.bitPattern), expected.map(\.bitPattern),
                                   "\(algorithm) pool \(fused != nil) \(name)")
                    XCTAssertFalse(ours.contains { $0.isNaN }, "\(algorithm) \(name): every output written")
                }
                // The kernel really leaves the channels out: products with NaN weights there would poison every output
                // (a max pool may drop NaN, so this is checked without one).
                guard fused == nil else { continue }
                var poisoned = filter
                for i in 0..<(g.filterCount / 24) where (i % 40) >= 27 {
                    for o in 0..<24 { poisoned[i * 24 + o] = .nan }
                }
                let blind = Conv2DKernel(geometry: g, filter: poisoned, bias: bias, activation: .none, algorithm: algorithm,
                                         idleInputChannels: 13)
                XCTAssertFalse(runConvolution(blind, g, pool: nil, input: input).contains { $0.isNaN },
                               "\(algorithm): idle channels read")
                XCTAssertTrue(runConvolution(blind, g, pool: nil, input: liveAt39).contains { $0.isNaN },
                              "\(algorithm): a live channel left out")
            }
        }
        // im2col reads every channel and says nothing of idle ones.
        let im2col = Conv2DKernel(geometry: g, filter: filter, bias: bias, activation: .relu, algorithm: .im2colGEMM,
                                  idleInputChannels: 13)
        XCTAssertEqual(im2col.idleInputChannels, 0)
        XCTAssertFalse(im2col.label.contains("idle"))
    }
}
