import Foundation
import XCTest
@testable import Kernels

final class ActivationTests: XCTestCase {
    static let all: [Activation] = [.none, .relu, .relu6, .leakyRelu(alpha: 0.2), .elu, .sigmoid, .tanh]

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
}
