import XCTest
@testable import Kernels

final class ReduceTests: XCTestCase {
    /// Naive reduction: each input element adds into the output slot named by its kept coordinates.
    static func reference(_ input: [Double], shape: [Int], axes: [Bool], mean: Bool) -> [Double] {
        let keptShape = zip(shape, axes).filter { !$0.1 }.map(\.0)
        var output = [Double](repeating: 0, count: keptShape.reduce(1, *))
        let keptStrides = rowMajorStrides(keptShape)
        for flat in 0..<input.count {
            let index = multiIndex(flat, shape)
            var offset = 0
            var k = 0
            for axis in 0..<shape.count where !axes[axis] {
                offset += index[axis] * keptStrides[k]
                k += 1
            }
            output[offset] += input[flat]
        }
        let reducedCount = zip(shape, axes).filter { $0.1 }.map(\.0).reduce(1, *)
        return mean ? output.map { $0 / Double(reducedCount) } : output
    }

    static let shape = [3, 4, 5, 2]
    static let axisSets: [[Bool]] = [
        [false, false, false, false], [true, false, false, false], [false, true, false, false],
        [false, false, false, true], [true, false, true, false], [false, true, false, true],
        [true, true, true, true], [false, true, true, false], [true, true, false, false], [false, false, true, true],
    ]

    func testFloatSumAndMeanOverAxisSets() {
        let input = randomFloats(Self.shape.reduce(1, *), in: -3...3, seed: 1)
        for axes in Self.axisSets {
            for function in [ReduceFunction.sum, .mean] {
                let keptCount = zip(Self.shape, axes).filter { !$0.1 }.map(\.0).reduce(1, *)
                var output = [Float](repeating: .nan, count: keptCount)
                output.withUnsafeMutableBufferPointer {
                    Reduce.apply(function, input: input, shape: Self.shape, reduceAxes: axes, output: $0.baseAddress!)
                }
                let expected = Self.reference(input.map(Double.init), shape: Self.shape, axes: axes, mean: function == .mean)
                assertClose(output, expected, "\(function) \(axes)")
            }
        }
    }

    func testInt32MeanTruncatesTowardZero() {
        var generator = SeededGenerator(seed: 2)
        let input = (0..<Self.shape.reduce(1, *)).map { _ in Int32.random(in: -100...100, using: &generator) }
        for axes in Self.axisSets {
            let keptCount = zip(Self.shape, axes).filter { !$0.1 }.map(\.0).reduce(1, *)
            let reducedCount = Self.shape.reduce(1, *) / keptCount
            let sums = Self.reference(input.map(Double.init), shape: Self.shape, axes: axes, mean: false).map { Int32($0) }
            for function in [ReduceFunction.sum, .mean] {
                var output = [Int32](repeating: 99, count: keptCount)
                output.withUnsafeMutableBufferPointer {
                    Reduce.apply(function, input: input, shape: Self.shape, reduceAxes: axes, output: $0.baseAddress!)
                }
                let expected = function == .sum ? sums : sums.map { $0 / Int32(reducedCount) }
                XCTAssertEqual(output, expected, "\(function) \(axes)")
            }
        }
        var output: [Int32] = [0]
        output.withUnsafeMutableBufferPointer {
            Reduce.apply(.mean, input: [-7, 0] as [Int32], shape: [2], reduceAxes: [true], output: $0.baseAddress!)
        }
        XCTAssertEqual(output, [-3])
    }

    func testDoubleAndInt64() {
        var doubles = [Double](repeating: 0, count: 2)
        doubles.withUnsafeMutableBufferPointer {
            Reduce.apply(.mean, input: [1.0, 2, 3, 4, 5, 6], shape: [2, 3], reduceAxes: [false, true], output: $0.baseAddress!)
        }
        XCTAssertEqual(doubles, [2, 5])
        var longs = [Int64](repeating: 0, count: 3)
        longs.withUnsafeMutableBufferPointer {
            Reduce.apply(.sum, input: [Int64.max, 1, 2, 1, 3, 4], shape: [2, 3], reduceAxes: [true, false], output: $0.baseAddress!)
        }
        XCTAssertEqual(longs, [Int64.min, 4, 6])
    }

    func testLongRowsStayAccurate() {
        let input = randomFloats(100_003, in: 0...1, seed: 3)
        var output: [Float] = [0]
        output.withUnsafeMutableBufferPointer {
            Reduce.apply(.mean, input: input, shape: [1, 100_003], reduceAxes: [true, true], output: $0.baseAddress!)
        }
        let expected = input.reduce(0.0) { $0 + Double($1) } / 100_003
        assertClose(output, [expected])
    }

    func testLongOuterReductionIsAccumulatedPrecisely() {
        // Mean over 60000 positions with 3 kept channels: a float running sum would drift by ~1e-5 or more.
        let positions = 60_000
        let input = randomFloats(positions * 3, in: 0...1, seed: 4)
        var output = [Float](repeating: 0, count: 3)
        output.withUnsafeMutableBufferPointer {
            Reduce.apply(.mean, input: input, shape: [1, positions, 3], reduceAxes: [true, true, false], output: $0.baseAddress!)
        }
        let expected = Self.reference(input.map(Double.init), shape: [1, positions, 3], axes: [true, true, false], mean: true)
        assertClose(output, expected, tolerance: 1e-7)
    }

    func testEmptyReductionGivesZeroSumAndNaNMean() {
        var output: [Float] = [7, 7]
        output.withUnsafeMutableBufferPointer {
            Reduce.apply(.sum, input: [] as [Float], shape: [2, 0], reduceAxes: [false, true], output: $0.baseAddress!)
        }
        XCTAssertEqual(output, [0, 0])
        output.withUnsafeMutableBufferPointer {
            Reduce.apply(.mean, input: [] as [Float], shape: [2, 0], reduceAxes: [false, true], output: $0.baseAddress!)
        }
        XCTAssertTrue(output.allSatisfy(\.isNaN))
    }
}
