import Foundation
import XCTest
@testable import Kernels

/// The 8-lane transcendental functions against the platform's double-precision libm, element by element and in
/// relative terms (TensorFlow's own float kernels are within 2e-7 of the exact values on these ranges).
final class VectorMathTests: XCTestCase {
    /// Runs a unary function over `inputs` and returns the worst relative error against `reference`, ignoring
    /// expected values below the smallest normal float (TensorFlow flushes those to zero).
    private func worstRelativeError(_ function: UnaryFunction, _ inputs: [Float],
                                    _ reference: (Double) -> Double) -> (error: Double, at: Float) {
        var output = [Float](repeating: .nan, count: inputs.count)
        output.withUnsafeMutableBufferPointer { Unary.apply(function, input: inputs, output: $0.baseAddress!, count: inputs.count) }
        var worst = (0.0, Float(0))
        for (x, y) in zip(inputs, output) {
            let expected = reference(Double(x))
            if Swift.abs(expected) < Double(Float.leastNormalMagnitude) { continue }
            let error = expected.isInfinite ? (Double(y) == expected ? 0 : .infinity) : Swift.abs(Double(y) - expected) / Swift.abs(expected)
            if !(error <= worst.0) { worst = (error, x) }
        }
        return worst
    }

    private func grid(_ low: Float, _ high: Float, _ count: Int) -> [Float] {
        (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
    }

    private let tiny: [Float] = [1e-38, -1e-38, 1e-30, 1e-20, -1e-10, 1e-7, -1e-5, 1e-3, 0.01, -0.1, 0.25]

    func testErfIsAccurateFromTinyToLargeArguments() {
        let (error, at) = worstRelativeError(.erf, grid(-9, 9, 100_003) + tiny) { Foundation.erf($0) }
        XCTAssertLessThan(error, 1e-6, "worst at \(at)")
    }

    func testErfcKeepsRelativeAccuracyInItsTail() {
        // erfc(9.1) ~ 7e-38 is the last normal float.
        let (error, at) = worstRelativeError(.erfc, grid(-10, 9.1, 100_003) + tiny) { Foundation.erfc($0) }
        XCTAssertLessThan(error, 2e-6, "worst at \(at)")
    }

    func testExpLogAndTheirNeighboursAreAccurate() {
        let logInputs = (0..<20_000).map { Float(Foundation.pow(10.0, -37.0 + 75.0 * Double($0) / 19_999)) }
        XCTAssertLessThan(worstRelativeError(.log, logInputs.filter { $0 != 1 }) { Foundation.log($0) }.error, 1e-6)
        XCTAssertLessThan(worstRelativeError(.softplus, grid(-80, 80, 40_001)) { $0 > 30 ? $0 : Foundation.log1p(Foundation.exp($0)) }.error, 1e-6)
        XCTAssertLessThan(worstRelativeError(.selu, grid(-30, 30, 40_001) + tiny) {
            $0 > 0 ? 1.0507009873554805 * $0 : 1.7580993408473766 * Foundation.expm1($0)
        }.error, 1e-6)
    }

    func testSpecialValues() {
        let inputs: [Float] = [0, -0.0, .infinity, -.infinity, .nan, -1, Float.leastNonzeroMagnitude]
        func run(_ f: UnaryFunction) -> [Float] {
            var output = [Float](repeating: 7, count: inputs.count)
            output.withUnsafeMutableBufferPointer { Unary.apply(f, input: inputs, output: $0.baseAddress!, count: inputs.count) }
            return output
        }
        let log = run(.log)
        XCTAssertEqual(Array(log[0..<3]), [-.infinity, -.infinity, .infinity])
        XCTAssertTrue(log[3].isNaN && log[4].isNaN && log[5].isNaN)
        XCTAssertEqual(log[6], -.infinity, "a subnormal input reads as zero")
        let erf = run(.erf)
        XCTAssertEqual(Array(erf[0..<4]), [0, 0, 1, -1])
        XCTAssertTrue(erf[4].isNaN)
        let erfc = run(.erfc)
        XCTAssertEqual(Array(erfc[0..<4]), [1, 1, 0, 2])
        XCTAssertTrue(erfc[4].isNaN)
        let sign = run(.sign)
        XCTAssertEqual(Array(sign[0..<4]), [0, 0, 1, -1])
        XCTAssertTrue(sign[4].isNaN)
        let round = run(.round)
        XCTAssertEqual(round[5], -1)
        var ties: [Float] = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]
        ties.withUnsafeMutableBufferPointer { Unary.apply(.round, input: UnsafePointer($0.baseAddress!), output: $0.baseAddress!, count: 6) }
        XCTAssertEqual(ties, [-2, -2, -0, 0, 2, 2])
    }
}
