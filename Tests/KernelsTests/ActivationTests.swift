import Foundation
import XCTest
@testable import Kernels

final class ActivationTests: XCTestCase {
    static let all: [Activation] = [.none, .relu, .relu6, .leakyRelu(alpha: 0.2), .elu, .sigmoid, .tanh, .swish, .hardSwish]

    func testVectorizedMatchesReferenceForEveryActivation() {
        let values = randomFloats(1001, in: -9...9, seed: 1) + [0, -0.0, 6, 6.5, -100, 100]
        for activation in Self.all {
            var buffer = values
            buffer.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, count: $0.count) }
            let reference = values.map { referenceActivation(activation, Double($0)) }
            assertClose(buffer, reference, "\(activation)")
            // The scalar form agrees with the vectorized one bit for bit.
            XCTAssertEqual(values.map { activation.apply($0) }, buffer, "\(activation)")
        }
    }

    func testSigmoidIsFiniteAtExtremes() {
        XCTAssertEqual(Activation.sigmoid.apply(-1000), 0)
        XCTAssertEqual(Activation.sigmoid.apply(1000), 1)
        XCTAssertEqual(Activation.relu6.apply(7), 6)
        XCTAssertEqual(Activation.leakyRelu(alpha: 0.5).apply(-4), -2)
    }

    /// The sigmoid gives each element the same bits wherever it lies in a buffer (vector block or tail), keeps NaN
    /// and stays within 1e-6 of the exact logistic.
    func testSigmoidDoesNotDependOnPositionAndKeepsNaN() {
        let values = randomFloats(37, in: -20...20, seed: 3) + [.nan, -88, -89, 88, 1e-8]
        var whole = values
        whole.withUnsafeMutableBufferPointer { Activation.sigmoid.apply($0.baseAddress!, count: $0.count) }
        for start in 0..<values.count {
            var shifted = Array(values[start...])
            shifted.withUnsafeMutableBufferPointer { Activation.sigmoid.apply($0.baseAddress!, count: $0.count) }
            XCTAssertEqual(shifted.map(\.bitPattern), whole[start...].map(\.bitPattern), "from \(start)")
        }
        XCTAssertTrue(whole[values.count - 5].isNaN)
        for (x, y) in zip(values, whole) where !x.isNaN {
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            XCTAssertEqual(Double(y), exact, accuracy: 1e-6 * max(exact, 1e-30) + 1e-38, "sigmoid(\(x))")
        }
    }

    /// The fused swish and hard-swish give the bits of the ops they replace, `Mul(x, Sigmoid(x))` and
    /// `Mul(x, Mul(Relu6(AddV2(x, 3)), 1/6))`, each rounded to float, in vector blocks and tails alike.
    func testSwishesGiveTheBitsOfTheOpsTheyReplace() {
        let values = randomFloats(203, in: -12...12, seed: 5) + [0, -0.0, -3, 3, -90, 90]
        var sigmoid = values
        sigmoid.withUnsafeMutableBufferPointer { Activation.sigmoid.apply($0.baseAddress!, count: $0.count) }
        var swish = values
        swish.withUnsafeMutableBufferPointer { Activation.swish.apply($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(swish.map(\.bitPattern), zip(values, sigmoid).map { ($0 * $1).bitPattern })
        var clamped = values.map { $0 + 3 }
        clamped.withUnsafeMutableBufferPointer { Activation.relu6.apply($0.baseAddress!, count: $0.count) }
        var hard = values
        hard.withUnsafeMutableBufferPointer { Activation.hardSwish.apply($0.baseAddress!, count: $0.count) }
        let sixth = Float(1.0 / 6.0)
        XCTAssertEqual(hard.map(\.bitPattern), zip(values, clamped).map { ($0 * ($1 * sixth)).bitPattern })
    }
}
