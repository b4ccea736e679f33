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
}
