import Foundation
import XCTest
@testable import Kernels

/// Comparisons, Select, ArgReduce, the new reductions and LRN on edge cases the TensorFlow fixtures do not reach:
/// empty tensors, NaN, long rows, windows wider than the channels.
final class SelectionKernelsTests: XCTestCase {
    func testComparisonsBroadcastAndTreatNaNAsTensorFlowDoes() {
        let lhs: [Float] = [1, .nan, 3, -0.0]
        let rhs: [Float] = [1, 1, .nan, 0]
        func compare(_ f: ComparisonFunction) -> [UInt8] {
            var out = [UInt8](repeating: 7, count: 4)
            out.withUnsafeMutableBufferPointer {
                Comparison.apply(f, lhs: lhs, lhsShape: [4], rhs: rhs, rhsShape: [4], output: $0.baseAddress!, outputShape: [4])
            }
            return out
        }
        XCTAssertEqual(compare(.equal), [1, 0, 0, 1])
        XCTAssertEqual(compare(.notEqual), [0, 1, 1, 0])
        XCTAssertEqual(compare(.less), [0, 0, 0, 0])
        XCTAssertEqual(compare(.greaterEqual), [1, 0, 0, 1])
        // [2,1] against [3] -> [2,3]; an empty output writes nothing.
        var out = [UInt8](repeating: 7, count: 6)
        out.withUnsafeMutableBufferPointer {
            Comparison.apply(.greater, lhs: [Int32(1), 5], lhsShape: [2, 1], rhs: [Int32(0), 1, 6], rhsShape: [1, 3],
                             output: $0.baseAddress!, outputShape: [2, 3])
        }
        XCTAssertEqual(out, [1, 0, 0, 1, 1, 0])
        var untouched: [UInt8] = [7]
        untouched.withUnsafeMutableBufferPointer {
            Comparison.apply(.less, lhs: [Float](), lhsShape: [0, 3], rhs: [Float(1)], rhsShape: [1, 1], output: $0.baseAddress!, outputShape: [0, 3])
        }
        XCTAssertEqual(untouched, [7])
    }

    func testSelectBroadcastsAllThreeOperands() {
        let condition: [UInt8] = [1, 0, 1]  // [3,1]
        let whenTrue: [Float] = [1, 2]  // [1,2]
        let whenFalse: [Float] = [-1]  // [1,1]
        var out = [Float](repeating: 0, count: 6)
        whenTrue.withUnsafeBytes { t in
            whenFalse.withUnsafeBytes { e in
                out.withUnsafeMutableBytes { o in
                    Select.apply(condition: condition, conditionShape: [3, 1], whenTrue: t.baseAddress!, whenTrueShape: [1, 2],
                                 whenFalse: e.baseAddress!, whenFalseShape: [1, 1], output: o.baseAddress!, outputShape: [3, 2],
                                 elementBytes: 4)
                }
            }
        }
        XCTAssertEqual(out, [1, 2, -1, -1, 1, 2])
    }

    func testArgReduceTakesTheFirstOfTiesAlongEitherLayout() {
        // [2, 3, 2]: axis 1, inner 2.
        let input: [Float] = [1, 5, 3, 5, 3, 0, /**/ -1, -1, -1, -2, -1, -1]
        var largest = [Int64](repeating: 9, count: 4)
        largest.withUnsafeMutableBufferPointer {
            ArgReduce.apply(largest: true, input: input, outer: 2, axis: 3, inner: 2, output: $0.baseAddress!)
        }
        XCTAssertEqual(largest, [1, 0, 0, 0])
        var smallest = [Int32](repeating: 9, count: 4)
        smallest.withUnsafeMutableBufferPointer {
            ArgReduce.apply(largest: false, input: input, outer: 2, axis: 3, inner: 2, output: $0.baseAddress!)
        }
        XCTAssertEqual(smallest, [0, 2, 0, 1])
        // inner 1, a long row with the maximum twice.
        var row = (0..<1000).map { Float($0 % 97) }
        row[500] = 1000
        row[900] = 1000
        var index: [Int32] = [0]
        index.withUnsafeMutableBufferPointer {
            ArgReduce.apply(largest: true, input: row, outer: 1, axis: 1000, inner: 1, output: $0.baseAddress!)
        }
        XCTAssertEqual(index, [500])
    }

    func testMaxMinProdAndLogicalReductions() {
        let input: [Float] = [1, .nan, 3, 2, 4, 0.5]
        func reduce(_ f: ReduceFunction, _ values: [Float], _ shape: [Int], _ axes: [Bool], count: Int) -> [Float] {
            var out = [Float](repeating: 7, count: count)
            out.withUnsafeMutableBufferPointer {
                Reduce.apply(f, input: values, shape: shape, reduceAxes: axes, output: $0.baseAddress!)
            }
            return out
        }
        let maxima = reduce(.max, input, [2, 3], [false, true], count: 2)
        XCTAssertTrue(maxima[0].isNaN)
        XCTAssertEqual(maxima[1], 4)
        XCTAssertEqual(reduce(.min, input, [2, 3], [true, false], count: 3).map { $0.isNaN ? -1 : $0 }, [1, -1, 0.5])
        XCTAssertEqual(reduce(.prod, [2, 3, 4, 0.5], [4], [true], count: 1), [12])
        // Empty reductions give the identities.
        XCTAssertEqual(reduce(.max, [], [2, 0], [false, true], count: 2), [-.infinity, -.infinity])
        XCTAssertEqual(reduce(.min, [], [0], [true], count: 1), [.infinity])
        XCTAssertEqual(reduce(.prod, [], [0], [true], count: 1), [1])
        var ints = [Int32](repeating: 7, count: 1)
        ints.withUnsafeMutableBufferPointer {
            Reduce.apply(.max, input: [Int32](), shape: [0], reduceAxes: [true], output: $0.baseAddress!)
        }
        XCTAssertEqual(ints, [Int32.min])
        let bools: [UInt8] = [1, 1, 0, 1, 1, 1]
        for (all, expected) in [(true, [UInt8]([0, 1])), (false, [UInt8]([1, 1]))] {
            var out = [UInt8](repeating: 7, count: 2)
            out.withUnsafeMutableBufferPointer {
                Reduce.applyLogical(all: all, input: bools, shape: [2, 3], reduceAxes: [false, true], output: $0.baseAddress!)
            }
            XCTAssertEqual(out, expected)
        }
        var empty = [UInt8](repeating: 7, count: 2)
        empty.withUnsafeMutableBufferPointer {
            Reduce.applyLogical(all: true, input: [UInt8](), shape: [2, 0], reduceAxes: [false, true], output: $0.baseAddress!)
        }
        XCTAssertEqual(empty, [1, 1])
    }

    func testLRNMatchesTheDefinitionWithAWindowWiderThanTheChannels() {
        let channels = 5, positions = 3
        let input = (0..<(channels * positions)).map { Float($0) * 0.37 - 2 }
        for (radius, beta) in [(0, Float(0.75)), (2, 0.5), (9, 1), (1, 0.75)] {
            var output = [Float](repeating: 0, count: input.count)
            var scratch = [Float](repeating: 0, count: LocalResponseNormalization.scratchCount(channels: channels))
            output.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { s in
                    LocalResponseNormalization.apply(input: input, output: out.baseAddress!, positions: positions, channels: channels,
                                                     depthRadius: radius, bias: 1.5, alpha: 0.3, beta: beta, scratch: s.baseAddress!)
                }
            }
            for p in 0..<positions {
                for c in 0..<channels {
                    var sum = 0.0
                    for k in max(0, c - radius)...min(channels - 1, c + radius) { sum += Double(input[p * channels + k] * input[p * channels + k]) }
                    let expected = Double(input[p * channels + c]) / Foundation.pow(1.5 + 0.3 * sum, Double(beta))
                    XCTAssertEqual(Double(output[p * channels + c]), expected, accuracy: 2e-6 * max(1, abs(expected)), "r \(radius) beta \(beta)")
                }
            }
        }
    }
}
