import XCTest
@testable import Kernels

final class PReLUKernelTests: XCTestCase {
    /// Rows of every length from 1 to 19 (vector body and scalar tail), into another buffer and in place; NaN and
    /// infinities pass as in `x > 0 ? x : slope * x`.
    func testMatchesScalarDefinition() {
        for block in 1...19 {
            let rows = 7
            let slopes = randomFloats(block, in: -1...1, seed: UInt64(block))
            var input = randomFloats(rows * block, in: -5...5, seed: UInt64(100 + block))
            input[0] = .nan
            if input.count > 2 { input[1] = -.infinity; input[2] = .infinity }
            let expected = input.indices.map { i in input[i] > 0 ? input[i] : input[i] * slopes[i % block] }
            var output = [Float](repeating: 0, count: input.count)
            input.withUnsafeBufferPointer { x in
                slopes.withUnsafeBufferPointer { a in
                    output.withUnsafeMutableBufferPointer { y in
                        PReLUKernel.apply(input: x.baseAddress!, output: y.baseAddress!, count: x.count, slopes: a.baseAddress!, block: block)
                    }
                }
            }
            var inPlace = input
            slopes.withUnsafeBufferPointer { a in
                inPlace.withUnsafeMutableBufferPointer { y in
                    PReLUKernel.apply(input: y.baseAddress!, output: y.baseAddress!, count: y.count, slopes: a.baseAddress!, block: block)
                }
            }
            for (name, result) in [("out of place", output), ("in place", inPlace)] {
                XCTAssertTrue(result[0].isNaN, "\(name), block \(block)")
                XCTAssertEqual(Array(result.dropFirst()).map(\.bitPattern), Array(expected.dropFirst()).map(\.bitPattern),
                               "\(name), block \(block)")
            }
        }
    }
}
