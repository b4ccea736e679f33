import XCTest
@testable import Kernels

final class DataMovementTests: XCTestCase {
    /// Raw bytes of `count` elements of `elementSize` bytes, each element's bytes derived from its index.
    static func elements(_ count: Int, size: Int) -> [UInt8] {
        (0..<(count * size)).map { UInt8(truncatingIfNeeded: ($0 / size) &* 31 &+ ($0 % size) &* 7 &+ 1) }
    }

    static func element(_ bytes: [UInt8], _ index: Int, size: Int) -> ArraySlice<UInt8> {
        bytes[(index * size)..<((index + 1) * size)]
    }

    // MARK: Transpose

    func testTransposeMatchesIndexMapping() {
        let shape = [2, 3, 4, 5]
        let count = shape.reduce(1, *)
        let permutations = [[0, 1, 2, 3], [3, 2, 1, 0], [0, 2, 3, 1], [1, 0, 2, 3], [0, 3, 1, 2], [2, 3, 0, 1]]
        for size in [1, 2, 3, 4, 8] {
            let input = Self.elements(count, size: size)
            let inputStrides = rowMajorStrides(shape)
            for permutation in permutations {
                let outputShape = permutation.map { shape[$0] }
                var output = [UInt8](repeating: 0, count: count * size)
                output.withUnsafeMutableBytes {
                    Transpose.apply(input: input, shape: shape, permutation: permutation, elementSize: size, output: $0.baseAddress!)
                }
                var expected: [UInt8] = []
                for flat in 0..<count {
                    let outputIndex = multiIndex(flat, outputShape)
                    var source = 0
                    for (j, axis) in permutation.enumerated() { source += outputIndex[j] * inputStrides[axis] }
                    expected += Self.element(input, source, size: size)
                }
                XCTAssertEqual(output, expected, "size \(size) permutation \(permutation)")
            }
        }
    }

    func testBlockedTransposeOfLargerAxes() {
        // Axes of 8+ elements take the blocked path; 19/23/17 leave partial blocks.
        let cases: [([Int], [Int])] = [([19, 23], [1, 0]), ([2, 17, 9, 19], [0, 3, 2, 1]), ([3, 20, 21], [2, 0, 1]),
                                       ([1, 16, 16, 10], [0, 3, 1, 2])]
        for size in [1, 2, 3, 4, 8] {
            for (shape, permutation) in cases {
                let count = shape.reduce(1, *)
                let input = Self.elements(count, size: size)
                let inputStrides = rowMajorStrides(shape)
                let outputShape = permutation.map { shape[$0] }
                var output = [UInt8](repeating: 0, count: count * size)
                output.withUnsafeMutableBytes {
                    Transpose.apply(input: input, shape: shape, permutation: permutation, elementSize: size, output: $0.baseAddress!)
                }
                var expected: [UInt8] = []
                for flat in 0..<count {
                    let outputIndex = multiIndex(flat, outputShape)
                    var source = 0
                    for (j, axis) in permutation.enumerated() { source += outputIndex[j] * inputStrides[axis] }
                    expected += Self.element(input, source, size: size)
                }
                XCTAssertEqual(output, expected, "size \(size) shape \(shape) permutation \(permutation)")
            }
        }
    }

    func testTransposeWithUnitDimsAndFloats() {
        let input: [Float] = [1, 2, 3, 4, 5, 6]
        var output = [Float](repeating: 0, count: 6)
        output.withUnsafeMutableBytes {
            Transpose.apply(input: input, shape: [1, 2, 3, 1], permutation: [3, 2, 0, 1], elementSize: 4, output: $0.baseAddress!)
        }
        XCTAssertEqual(output, [1, 4, 2, 5, 3, 6])
    }

    // MARK: Pad

    func testPadPlacesInputAndFillsBorder() {
        let shape = [2, 3, 4]
        let before = [1, 0, 2]
        let after = [0, 2, 1]
        let outputShape = (0..<3).map { before[$0] + shape[$0] + after[$0] }
        for size in [2, 4, 3] {
            let input = Self.elements(shape.reduce(1, *), size: size)
            let fill = [UInt8](repeating: 0xEE, count: size - 1) + [0x11]
            var output = [UInt8](repeating: 0, count: outputShape.reduce(1, *) * size)
            output.withUnsafeMutableBytes {
                Pad.apply(input: input, shape: shape, before: before, after: after, elementSize: size, fill: fill,
                          output: $0.baseAddress!)
            }
            var expected: [UInt8] = []
            let inputStrides = rowMajorStrides(shape)
            for flat in 0..<outputShape.reduce(1, *) {
                let index = multiIndex(flat, outputShape)
                let inside = (0..<3).allSatisfy { index[$0] >= before[$0] && index[$0] < before[$0] + shape[$0] }
                if inside {
                    let source = (0..<3).reduce(0) { $0 + (index[$1] - before[$1]) * inputStrides[$1] }
                    expected += Self.element(input, source, size: size)
                } else {
                    expected += fill
                }
            }
            XCTAssertEqual(output, expected, "element size \(size)")
        }
    }

    func testPadFloatConstant() {
        let input: [Float] = [1, 2]
        var output = [Float](repeating: 0, count: 5)
        var fill: Float = -1.5
        output.withUnsafeMutableBytes { o in
            withUnsafeBytes(of: &fill) {
                Pad.apply(input: input, shape: [2], before: [2], after: [1], elementSize: 4, fill: $0.baseAddress!, output: o.baseAddress!)
            }
        }
        XCTAssertEqual(output, [-1.5, -1.5, 1, 2, -1.5])
    }

    // MARK: Concat

    func testConcatAlongEachAxis() {
        let base = [2, 3, 4]
        for axis in 0..<3 {
            var shapes: [[Int]] = []
            for extent in [1, 3, 2] {
                var shape = base
                shape[axis] = extent
                shapes.append(shape)
            }
            let inputs = shapes.enumerated().map { index, shape in
                (0..<shape.reduce(1, *)).map { Float(index * 1000 + $0) }
            }
            var outputShape = base
            outputShape[axis] = shapes.map { $0[axis] }.reduce(0, +)
            var output = [Float](repeating: .nan, count: outputShape.reduce(1, *))
            inputs[0].withUnsafeBytes { a in
                inputs[1].withUnsafeBytes { b in
                    inputs[2].withUnsafeBytes { c in
                        output.withUnsafeMutableBytes {
                            Concat.apply(inputs: [a.baseAddress!, b.baseAddress!, c.baseAddress!], shapes: shapes, axis: axis,
                                         elementSize: 4, output: $0.baseAddress!)
                        }
                    }
                }
            }
            var expected: [Float] = []
            for flat in 0..<output.count {
                var index = multiIndex(flat, outputShape)
                var which = 0
                while index[axis] >= shapes[which][axis] {
                    index[axis] -= shapes[which][axis]
                    which += 1
                }
                let strides = rowMajorStrides(shapes[which])
                expected.append(inputs[which][zip(index, strides).map(*).reduce(0, +)])
            }
            XCTAssertEqual(output, expected, "axis \(axis)")
        }
    }

    // MARK: StridedCopy

    func testStridedCopyWithNegativeAndLargeStrides() throws {
        let shape = [4, 5, 6]
        let count = shape.reduce(1, *)
        let cases: [(begin: [Int], stride: [Int], outputShape: [Int])] = [
            ([0, 0, 0], [1, 1, 1], [4, 5, 6]),
            ([3, 4, 5], [-1, -1, -1], [4, 5, 6]),          // full reversal
            ([1, 0, 5], [2, 3, -2], [2, 2, 3]),
            ([0, 4, 1], [3, -2, 2], [2, 3, 3]),
            ([2, 1, 0], [1, 1, 1], [1, 3, 6]),              // plain slice
            ([1, 2, 3], [0, 1, 1], [3, 2, 2]),              // zero stride repeats
            ([0, 0, 0], [1, 1, 1], [0, 5, 6]),              // empty
        ]
        let inputStrides = rowMajorStrides(shape)
        for size in [4, 1, 8, 3] {
            let input = Self.elements(count, size: size)
            for testCase in cases {
                try StridedCopy.validate(shape: shape, begin: testCase.begin, stride: testCase.stride, outputShape: testCase.outputShape)
                let outputCount = testCase.outputShape.reduce(1, *)
                var output = [UInt8](repeating: 0, count: outputCount * size)
                output.withUnsafeMutableBytes {
                    StridedCopy.apply(input: input, shape: shape, begin: testCase.begin, stride: testCase.stride,
                                      outputShape: testCase.outputShape, elementSize: size, output: $0.baseAddress!)
                }
                var expected: [UInt8] = []
                for flat in 0..<outputCount {
                    let index = multiIndex(flat, testCase.outputShape)
                    let source = (0..<3).reduce(0) { $0 + (testCase.begin[$1] + index[$1] * testCase.stride[$1]) * inputStrides[$1] }
                    expected += Self.element(input, source, size: size)
                }
                XCTAssertEqual(output, expected, "size \(size) \(testCase)")
            }
        }
    }

    func testStridedCopyValidateRejectsOutOfRange() {
        XCTAssertThrowsError(try StridedCopy.validate(shape: [4], begin: [3], stride: [1], outputShape: [2]))
        XCTAssertThrowsError(try StridedCopy.validate(shape: [4], begin: [1], stride: [-1], outputShape: [3]))
        XCTAssertThrowsError(try StridedCopy.validate(shape: [4], begin: [0], stride: [Int.max], outputShape: [3]))
        XCTAssertThrowsError(try StridedCopy.validate(shape: [4], begin: [0], stride: [1], outputShape: [2, 2]))
        XCTAssertNoThrow(try StridedCopy.validate(shape: [4], begin: [3], stride: [-1], outputShape: [4]))
    }
}
