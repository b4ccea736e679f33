import Foundation
import XCTest
@testable import Kernels

final class ElementwiseTests: XCTestCase {
    // MARK: Unary

    func testUnaryFunctionsMatchReferenceInPlaceAndOutOfPlace() {
        let values = randomFloats(517, in: 0.01...5, seed: 1)
        let signed = randomFloats(517, in: -5...5, seed: 2)
        let cases: [(UnaryFunction, [Float], (Double) -> Double)] = [
            (.neg, signed, { -$0 }),
            (.abs, signed, { Swift.abs($0) }),
            (.sqrt, values, { $0.squareRoot() }),
            (.rsqrt, values, { 1 / $0.squareRoot() }),
            (.square, signed, { $0 * $0 }),
            (.exp, signed, { Foundation.exp($0) }),
            (.activation(.relu6), signed, { min(max($0, 0), 6) }),
            (.activation(.sigmoid), signed, { 1 / (1 + Foundation.exp(-$0)) }),
        ]
        for (function, input, reference) in cases {
            var output = [Float](repeating: .nan, count: input.count)
            output.withUnsafeMutableBufferPointer {
                Unary.apply(function, input: input, output: $0.baseAddress!, count: input.count)
            }
            let expected = input.map { reference(Double($0)) }
            assertClose(output, expected, "\(function)")
            var inPlace = input
            inPlace.withUnsafeMutableBufferPointer {
                Unary.apply(function, input: UnsafePointer($0.baseAddress!), output: $0.baseAddress!, count: $0.count)
            }
            XCTAssertEqual(inPlace, output, "in place \(function)")
        }
    }

    func testAbsClearsTheSignOfNegativeZero() {
        let input: [Float] = [-0.0, 0.0, -1.5, 2, -0.0, -3, 4, -5, -0.0, 7]   // 8 vector lanes + a scalar tail
        var output = [Float](repeating: .nan, count: input.count)
        output.withUnsafeMutableBufferPointer { Unary.apply(.abs, input: input, output: $0.baseAddress!, count: input.count) }
        XCTAssertEqual(output.map(\.bitPattern), input.map { Swift.abs($0).bitPattern })
    }

    // MARK: Binary

    static func referenceBinary<T>(_ lhs: [T], _ lhsShape: [Int], _ rhs: [T], _ rhsShape: [Int], _ outputShape: [Int],
                                   _ combine: (T, T) -> T) -> [T] {
        let count = outputShape.reduce(1, *)
        let lhsStrides = rowMajorStrides(lhsShape)
        let rhsStrides = rowMajorStrides(rhsShape)
        return (0..<count).map { flat in
            let index = multiIndex(flat, outputShape)
            var l = 0
            var r = 0
            for axis in 0..<outputShape.count {
                l += (lhsShape[axis] == 1 ? 0 : index[axis]) * lhsStrides[axis]
                r += (rhsShape[axis] == 1 ? 0 : index[axis]) * rhsStrides[axis]
            }
            return combine(lhs[l], rhs[r])
        }
    }

    static let shapePairs: [([Int], [Int], [Int])] = [
        ([2, 3, 4], [2, 3, 4], [2, 3, 4]),      // equal shapes
        ([2, 3, 4], [1, 1, 1], [2, 3, 4]),      // scalar rhs
        ([1, 1, 1], [2, 3, 4], [2, 3, 4]),      // scalar lhs
        ([2, 3, 5], [1, 1, 5], [2, 3, 5]),      // per-last-axis (bias-like)
        ([2, 1, 4], [1, 3, 1], [2, 3, 4]),      // both broadcast
        ([5, 1], [1, 7], [5, 7]),               // outer product
        ([1, 3, 1, 2], [4, 1, 5, 1], [4, 3, 5, 2]),
        ([3, 1, 6], [3, 4, 6], [3, 4, 6]),      // broadcast in the middle
        ([4, 1], [4, 9], [4, 9]),               // per-row
        ([1], [1], [1]),
        ([0, 3], [1, 3], [0, 3]),               // empty
    ]

    func testFloatBroadcastingAllFunctions() {
        let functions: [(BinaryFunction, (Double, Double) -> Double)] = [
            (.add, +), (.sub, -), (.mul, *), (.div, /), (.maximum, { max($0, $1) }), (.minimum, { min($0, $1) }),
        ]
        var seed: UInt64 = 10
        for (lhsShape, rhsShape, outputShape) in Self.shapePairs {
            let lhs = randomFloats(lhsShape.reduce(1, *), in: -4...4, seed: seed)
            let rhs = randomFloats(rhsShape.reduce(1, *), in: 0.5...4, seed: seed + 1).enumerated().map { $0.offset % 2 == 0 ? $0.element : -$0.element }
            seed += 2
            for (function, reference) in functions {
                var output = [Float](repeating: .nan, count: outputShape.reduce(1, *))
                output.withUnsafeMutableBufferPointer {
                    Binary.apply(function, lhs: lhs, lhsShape: lhsShape, rhs: rhs, rhsShape: rhsShape,
                                 output: $0.baseAddress!, outputShape: outputShape)
                }
                let expected = Self.referenceBinary(lhs.map(Double.init), lhsShape, rhs.map(Double.init), rhsShape,
                                                    outputShape, reference)
                assertClose(output, expected, "\(function) \(lhsShape) \(rhsShape)")
            }
        }
    }

    func testIntegerBroadcastingWrapsAndDividesSafely() {
        for (lhsShape, rhsShape, outputShape) in Self.shapePairs {
            var generator = SeededGenerator(seed: 77)
            let lhs = (0..<lhsShape.reduce(1, *)).map { _ in Int32.random(in: -50...50, using: &generator) }
            let rhs = (0..<rhsShape.reduce(1, *)).map { _ in Int32.random(in: -5...5, using: &generator) }
            let functions: [(BinaryFunction, (Int32, Int32) -> Int32)] = [
                (.add, &+), (.sub, &-), (.mul, &*), (.div, { $1 == 0 ? 0 : $0 / $1 }),
                (.maximum, { max($0, $1) }), (.minimum, { min($0, $1) }),
            ]
            for (function, reference) in functions {
                var output = [Int32](repeating: 99, count: outputShape.reduce(1, *))
                output.withUnsafeMutableBufferPointer {
                    Binary.apply(function, lhs: lhs, lhsShape: lhsShape, rhs: rhs, rhsShape: rhsShape,
                                 output: $0.baseAddress!, outputShape: outputShape)
                }
                XCTAssertEqual(output, Self.referenceBinary(lhs, lhsShape, rhs, rhsShape, outputShape, reference),
                               "\(function) \(lhsShape) \(rhsShape)")
            }
        }
    }

    func testIntegerEdgeCases() {
        var output = [Int32](repeating: 0, count: 3)
        output.withUnsafeMutableBufferPointer {
            Binary.apply(.add, lhs: [Int32.max, 1, -7], lhsShape: [3], rhs: [1, 2, 0], rhsShape: [3],
                         output: $0.baseAddress!, outputShape: [3])
        }
        XCTAssertEqual(output, [Int32.min, 3, -7])
        output.withUnsafeMutableBufferPointer {
            Binary.apply(.div, lhs: [Int32.min, 7, -7], lhsShape: [3], rhs: [-1, 0, 2], rhsShape: [3],
                         output: $0.baseAddress!, outputShape: [3])
        }
        XCTAssertEqual(output, [Int32.min, 0, -3])
        var wide = [Int64](repeating: 0, count: 4)
        wide.withUnsafeMutableBufferPointer {
            Binary.apply(.mul, lhs: [Int64.max, 3], lhsShape: [2, 1], rhs: [2, -4], rhsShape: [1, 2],
                         output: $0.baseAddress!, outputShape: [2, 2])
        }
        XCTAssertEqual(wide, [Int64.max &* 2, Int64.max &* -4, 6, -12])
    }

    func testDoubleBroadcasting() {
        var output = [Double](repeating: 0, count: 6)
        output.withUnsafeMutableBufferPointer {
            Binary.apply(.sub, lhs: [1.5, 2.5, 3.5], lhsShape: [1, 3], rhs: [0.25, 1], rhsShape: [2, 1],
                         output: $0.baseAddress!, outputShape: [2, 3])
        }
        XCTAssertEqual(output, [1.25, 2.25, 3.25, 0.5, 1.5, 2.5])
    }

    func testBinaryInPlaceOnLhs() {
        var values: [Float] = [1, 2, 3, 4, 5, 6]
        values.withUnsafeMutableBufferPointer {
            Binary.apply(.add, lhs: UnsafePointer($0.baseAddress!), lhsShape: [2, 3], rhs: [10, 20, 30], rhsShape: [1, 3],
                         output: $0.baseAddress!, outputShape: [2, 3])
        }
        XCTAssertEqual(values, [11, 22, 33, 14, 25, 36])
    }

    func testBroadcastShape() throws {
        XCTAssertEqual(try Binary.broadcastShape([3, 1, 5], [4, 1]), [3, 4, 5])
        XCTAssertEqual(try Binary.broadcastShape([], [2]), [2])
        XCTAssertThrowsError(try Binary.broadcastShape([3], [4]))
    }

    // MARK: ChannelAffine

    func testChannelAffine() {
        let channels = 7
        let count = channels * 13
        let input = randomFloats(count, in: -3...3, seed: 5)
        let scale = randomFloats(channels, in: -2...2, seed: 6)
        let shift = randomFloats(channels, seed: 7)
        let center = randomFloats(channels, in: -2...2, seed: 8)
        for activation in ActivationTests.all {
            for centre in [nil, center] {
                var output = [Float](repeating: .nan, count: count)
                let centres = centre ?? []
                output.withUnsafeMutableBufferPointer { buffer in
                    centres.withUnsafeBufferPointer { c in
                        ChannelAffine.apply(input: input, center: centre == nil ? nil : c.baseAddress, scale: scale,
                                            shift: shift, channels: channels, count: count, activation: activation,
                                            output: buffer.baseAddress!)
                    }
                }
                let expected = input.enumerated().map { index, x in
                    let c = index % channels
                    return referenceActivation(activation, (Double(x) - Double(centre?[c] ?? 0)) * Double(scale[c])
                                               + Double(shift[c]))
                }
                assertClose(output, expected, "\(activation), centred: \(centre != nil)")
            }
        }
    }

    // MARK: Softmax

    func testSoftmaxRowsAreStableAndSumToOne() {
        let rows = 6
        let columns = 11
        var input = randomFloats(rows * columns, in: -10...10, seed: 8)
        for c in 0..<columns { input[columns + c] += 1000 }   // would overflow exp without the max shift
        input[2 * columns] = -1e30
        var output = [Float](repeating: .nan, count: input.count)
        output.withUnsafeMutableBufferPointer {
            Softmax.apply(input: input, output: $0.baseAddress!, rows: rows, columns: columns)
        }
        var expected = [Double](repeating: 0, count: input.count)
        for r in 0..<rows {
            let row = input[(r * columns)..<((r + 1) * columns)].map(Double.init)
            let maximum = row.max()!
            let exps = row.map { Foundation.exp($0 - maximum) }
            let sum = exps.reduce(0, +)
            for c in 0..<columns { expected[r * columns + c] = exps[c] / sum }
        }
        assertClose(output, expected)
        for r in 0..<rows {
            XCTAssertEqual(output[(r * columns)..<((r + 1) * columns)].reduce(0, +), 1, accuracy: 1e-5)
        }
        var inPlace = input
        inPlace.withUnsafeMutableBufferPointer {
            Softmax.apply(input: UnsafePointer($0.baseAddress!), output: $0.baseAddress!, rows: rows, columns: columns)
        }
        XCTAssertEqual(inPlace, output)
    }
}
