import Foundation
import XCTest
@testable import Kernels

/// The GEMM kernels' output pass: narrow packed rows (P-Net's 10 channels) take one pass over the whole block with
/// the bias and slopes repeated to whole vectors; every value must be the one the row-by-row definition gives.
final class BiasActivationTests: XCTestCase {
    /// `prelu(act(y + bias))` element by element, in the order of the pass's definition.
    private func reference(_ values: [Float], columns: Int, bias: [Float]?, activation: Activation,
                           slopes: [Float]?) -> [Float] {
        values.enumerated().map { index, y in
            let c = index % columns
            var x = bias.map { y + $0[c] } ?? y
            switch activation {
            case .relu: x = x <= 0 ? 0 : x
            case .relu6: x = x <= 0 ? 0 : (x > 6 ? 6 : x)
            case .leakyRelu(let alpha): x = x > 0 ? x : alpha * x
            default: break
            }
            if let slopes { x = x <= 0 ? x * slopes[c] : x }
            return x
        }
    }

    func testNarrowPackedRowsGiveTheRowByRowValues() {
        for columns in [1, 3, 10, 12, 28, 63] {
            for rows in [1, 7, 64, 333] {
                let count = rows * columns
                var input = randomFloats(count, in: -8...8, seed: UInt64(columns * 1000 + rows))
                input[0] = -0.0
                if count > 5 { input[5] = .nan }
                let bias = randomFloats(columns, in: -1...1, seed: 3)
                let slopes = randomFloats(columns, in: -0.5...0.5, seed: 4)
                for activation in [Activation.none, .relu, .relu6, .leakyRelu(alpha: 0.2)] {
                    for (b, s) in [(bias, nil), (nil, slopes), (bias, slopes)] as [([Float]?, [Float]?)] {
                        var output = input
                        output.withUnsafeMutableBufferPointer { buffer in
                            BiasActivation.apply(buffer.baseAddress!, rows: rows, columns: columns, bias: b,
                                                 activation: activation, negativeSlopes: s)
                        }
                        let expected = reference(input, columns: columns, bias: b, activation: activation, slopes: s)
                        for (index, (x, y)) in zip(output, expected).enumerated() {
                            XCTAssertTrue(x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN),
                                          "\(columns) columns, \(rows) rows, \(activation), value \(index): \(x) vs \(y)")
                        }
                    }
                }
            }
        }
    }
}
