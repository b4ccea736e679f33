import Foundation
import XCTest
@testable import Kernels

/// The elementwise passes split into ranges fixed by the shape (batch norm, unary functions, concatenation,
/// broadcast binary operations, global pooling): the same bits at 1, 2 and 3 workers, on shapes that do not
/// divide evenly, and the values of the unsplit reference.
final class SplitElementwiseTests: XCTestCase {
    static let contexts = [1, 2, 3].map { ComputeContext(workerCount: $0) }

    /// Runs `body` on every context and checks that all give the bits of the first.
    private func assertSameBits(_ what: String, _ body: (ComputeContext) -> [Float]) -> [Float] {
        let results = Self.contexts.map(body)
        for (k, result) in results.enumerated().dropFirst() {
            XCTAssertEqual(result.map(\.bitPattern), results[0].map(\.bitPattern),
                           "\(what): \(Self.contexts[k].workerCount) workers")
        }
        return results[0]
    }

    func testRangesCoverTheCountOnceWithBoundsOnVectorBlocks() {
        let context = ComputeContext(workerCount: 3)
        for count in [1, 63, 64, 32_767, 32_768, 100_003, 1_000_000] {
            let lock = NSLock()
            var ranges: [Range<Int>] = []
            context.forEachRange(count, grain: 16_384) { range in lock.withLock { ranges.append(range) } }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            XCTAssertEqual(ranges.first?.lowerBound, 0, "\(count)")
            XCTAssertEqual(ranges.last?.upperBound, count, "\(count)")
            for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound, "\(count)") }
            for range in ranges.dropFirst() { XCTAssertEqual(range.lowerBound % 64, 0, "\(count)") }
            XCTAssertEqual(ranges.count, max(1, count / 16_384), "\(count)")
        }
    }

    func testChannelAffineWithActivationSplitsRowsWithTheSameBits() {
        let channels = 37, rows = 2_011
        let count = channels * rows
        let input = randomFloats(count, in: -3...3, seed: 11)
        let scale = randomFloats(channels, in: -2...2, seed: 12)
        let shift = randomFloats(channels, seed: 13)
        for activation in [Activation.none, .relu, .sigmoid] {
            let output = assertSameBits("\(activation)") { context in
                var output = [Float](repeating: .nan, count: count)
                output.withUnsafeMutableBufferPointer {
                    ChannelAffine.apply(input: input, scale: scale, shift: shift, channels: channels, count: count,
                                        activation: activation, output: $0.baseAddress!, context: context)
                }
                return output
            }
            // The affine map rounds as a multiply then an add, whatever the lane.
            for i in stride(from: 0, to: count, by: 97) where activation != .sigmoid {
                let c = i % channels
                XCTAssertEqual(output[i].bitPattern, activation.apply(input[i] * scale[c] + shift[c]).bitPattern,
                               "\(activation) at \(i)")
            }
            let expected = input.enumerated().map { index, x in
                referenceActivation(activation, Double(x) * Double(scale[index % channels]) + Double(shift[index % channels]))
            }
            assertClose(output, expected, "\(activation)")
        }
    }

    func testUnarySplitGivesTheBitsOfOneCall() {
        let count = 70_001
        let input = randomFloats(count, in: -6...6, seed: 14)
        for function in [UnaryFunction.activation(.relu), .activation(.sigmoid), .exp, .erf] {
            var whole = [Float](repeating: .nan, count: count)
            whole.withUnsafeMutableBufferPointer { Unary.apply(function, input: input, output: $0.baseAddress!, count: count) }
            let split = assertSameBits("\(function)") { context in
                var output = [Float](repeating: .nan, count: count)
                output.withUnsafeMutableBufferPointer {
                    Unary.apply(function, input: input, output: $0.baseAddress!, count: count, context: context)
                }
                return output
            }
            XCTAssertEqual(split.map(\.bitPattern), whole.map(\.bitPattern), "\(function)")
        }
    }

    func testSoftmaxRowsSplitAsOneCall() {
        let rows = 30_011, columns = 2
        let input = randomFloats(rows * columns, in: -9...9, seed: 15)
        var whole = [Float](repeating: .nan, count: input.count)
        whole.withUnsafeMutableBufferPointer {
            Softmax.apply(input: input, output: $0.baseAddress!, rows: rows, columns: columns)
        }
        let split = assertSameBits("softmax") { context in
            var output = [Float](repeating: .nan, count: input.count)
            output.withUnsafeMutableBufferPointer {
                Softmax.apply(input: input, output: $0.baseAddress!, rows: rows, columns: columns, context: context)
            }
            return output
        }
        XCTAssertEqual(split.map(\.bitPattern), whole.map(\.bitPattern))
        XCTAssertEqual(Double(split[0] + split[1]), 1, accuracy: 1e-6)
    }

    func testConcatSplitMatchesTheSerialCopy() {
        let shapes = [[1, 33, 31, 24], [1, 33, 31, 8], [1, 33, 31, 35]]
        let inputs = shapes.enumerated().map { randomFloats($1.reduce(1, *), seed: UInt64(20 + $0)) }
        let layout = Concat.Layout(shapes: shapes, axis: 3, elementSize: 4)
        let total = 33 * 31 * 67
        func run(_ context: ComputeContext?) -> [Float] {
            var output = [Float](repeating: .nan, count: total)
            inputs[0].withUnsafeBytes { a in
                inputs[1].withUnsafeBytes { b in
                    inputs[2].withUnsafeBytes { c in
                        let pointers = [a.baseAddress!, b.baseAddress!, c.baseAddress!]
                        pointers.withUnsafeBufferPointer { list in
                            output.withUnsafeMutableBytes { out in
                                if let context {
                                    Concat.apply(inputs: list, layout: layout, output: out.baseAddress!, context: context)
                                } else {
                                    Concat.apply(inputs: list, layout: layout, output: out.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
            return output
        }
        let serial = run(nil)
        XCTAssertEqual(serial[67 * 5 + 24 + 3], inputs[1][8 * 5 + 3])
        let split = assertSameBits("concat") { run($0) }
        XCTAssertEqual(split.map(\.bitPattern), serial.map(\.bitPattern))
    }

    func testBinarySplitBroadcastsAsOneCall() {
        let cases: [([Int], [Int], [Int])] = [
            ([1, 45, 41, 40], [1, 1, 1, 40], [1, 45, 41, 40]),   // squeeze-excite scale
            ([1, 45, 41, 40], [1, 45, 41, 40], [1, 45, 41, 40]), // residual add
            ([1, 1, 1, 40], [1, 45, 41, 1], [1, 45, 41, 40]),    // both broadcast
            ([3, 1, 130, 97], [1, 1, 1, 1], [3, 1, 130, 97]),    // a scalar, a unit axis before the split
        ]
        for (lhsShape, rhsShape, outputShape) in cases {
            let lhs = randomFloats(lhsShape.reduce(1, *), in: -4...4, seed: 30)
            let rhs = randomFloats(rhsShape.reduce(1, *), in: -4...4, seed: 31)
            let split = Binary.Split(lhsShape: lhsShape, rhsShape: rhsShape, outputShape: outputShape)
            XCTAssertTrue(split.isSplit, "\(outputShape)")
            for function in [BinaryFunction.mul, .sub, .div] {
                var whole = [Float](repeating: .nan, count: outputShape.reduce(1, *))
                whole.withUnsafeMutableBufferPointer {
                    Binary.apply(function, lhs: lhs, lhsShape: lhsShape, rhs: rhs, rhsShape: rhsShape,
                                 output: $0.baseAddress!, outputShape: outputShape)
                }
                let pieces = assertSameBits("\(function) \(outputShape)") { context in
                    var output = [Float](repeating: .nan, count: outputShape.reduce(1, *))
                    output.withUnsafeMutableBufferPointer {
                        split.apply(function, lhs: lhs, rhs: rhs, output: $0.baseAddress!, context: context)
                    }
                    return output
                }
                XCTAssertEqual(pieces.map(\.bitPattern), whole.map(\.bitPattern), "\(function) \(outputShape)")
            }
        }
        XCTAssertFalse(Binary.Split(lhsShape: [1, 8, 8, 40], rhsShape: [1, 1, 1, 40], outputShape: [1, 8, 8, 40]).isSplit)
    }

    func testGlobalPoolingInRowBlocksIsExactlyReproducibleAndClose() {
        let shape = [1, 37, 29, 61]
        let input = randomFloats(shape.reduce(1, *), in: -2...3, seed: 40)
        let flags = [false, true, true, false]
        for function in [ReduceFunction.mean, .sum, .max, .min] {
            guard let split = Reduce.RowSplit(function, shape: shape, reduceAxes: flags) else {
                return XCTFail("\(function): no split for \(shape)")
            }
            let output = assertSameBits("\(function)") { context in
                var output = [Float](repeating: .nan, count: 61)
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: split.scratchBytes, alignment: 64)
                defer { scratch.deallocate() }
                output.withUnsafeMutableBufferPointer {
                    split.apply(input: input, output: $0.baseAddress!, scratch: scratch, context: context)
                }
                return output
            }
            var serial = [Float](repeating: .nan, count: 61)
            serial.withUnsafeMutableBufferPointer {
                Reduce.apply(function, input: input, shape: shape, reduceAxes: flags, output: $0.baseAddress!)
            }
            let reference = serial.map(Double.init)
            assertClose(output, reference, tolerance: 1e-6, "\(function)")
        }
        XCTAssertNil(Reduce.RowSplit(.mean, shape: [1, 4, 4, 61], reduceAxes: flags), "too small to split")
        XCTAssertNil(Reduce.RowSplit(.mean, shape: [1, 370, 290, 61], reduceAxes: [false, true, false, true]),
                     "kept axis between reduced ones")
    }
}
