import Foundation
import XCTest
@testable import Kernels

/// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `count` uniform floats in `range`.
func randomFloats(_ count: Int, in range: ClosedRange<Float> = -1...1, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Float.random(in: range, using: &generator) }
}

/// max|ours - reference| / max|reference| (the project's accuracy metric).
func relativeError(_ ours: [Float], _ reference: [Double]) -> Double {
    precondition(ours.count == reference.count, "length mismatch \(ours.count) vs \(reference.count)")
    var maxDifference = 0.0
    var maxReference = 0.0
    for (o, r) in zip(ours, reference) {
        maxDifference = max(maxDifference, abs(Double(o) - r))
        maxReference = max(maxReference, abs(r))
    }
    if maxReference == 0 { return maxDifference }
    return maxDifference / maxReference
}

/// Asserts the relative error is within the project's 1e-5 budget.
func assertClose(_ ours: [Float], _ reference: [Double], tolerance: Double = 1e-5, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(ours.count, reference.count, "length \(message)", file: file, line: line)
    guard ours.count == reference.count else { return }
    XCTAssertFalse(ours.contains { $0.isNaN }, "NaN in output \(message)", file: file, line: line)
    let error = relativeError(ours, reference)
    XCTAssertLessThanOrEqual(error, tolerance, "relative error \(error) \(message)", file: file, line: line)
}

/// Reference activation in Double, following TensorFlow's definitions.
func referenceActivation(_ activation: Activation, _ x: Double) -> Double {
    switch activation {
    case .none: return x
    case .relu: return max(x, 0)
    case .relu6: return min(max(x, 0), 6)
    case .leakyRelu(let alpha): return x > 0 ? x : Double(alpha) * x
    case .elu: return x < 0 ? Foundation.exp(x) - 1 : x
    case .sigmoid: return 1 / (1 + Foundation.exp(-x))
    case .tanh: return Foundation.tanh(x)
    case .swish: return x / (1 + Foundation.exp(-x))
    case .hardSwish: return x * min(max(x + 3, 0), 6) / 6
    }
}

/// Row-major strides of `shape`.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var extent = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[axis] = extent
        extent *= shape[axis]
    }
    return strides
}

/// The multi-index of flat position `flat` in `shape`.
func multiIndex(_ flat: Int, _ shape: [Int]) -> [Int] {
    var index = [Int](repeating: 0, count: shape.count)
    var rest = flat
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

/// Runs `kernel` (built for `g` and `pool`) on `input` into a fresh NaN-filled output, pooled when `pool` is set.
func runConvolution(_ kernel: Conv2DKernel, _ g: Conv2DGeometry, pool: FusedMaxPool?, input: [Float]) -> [Float] {
    let count = pool.map { g.batch * $0.outputHeight(g.outputHeight) * $0.outputWidth(g.outputWidth) * g.outputChannels }
        ?? g.outputCount
    var output = [Float](repeating: .nan, count: count)
    var scratch = [Float](repeating: .nan, count: Swift.max(1, kernel.scratchCount))
    output.withUnsafeMutableBufferPointer { o in
        scratch.withUnsafeMutableBufferPointer { kernel.run(input: input, output: o.baseAddress!, scratch: $0.baseAddress!) }
    }
    return output
}

/// The non-overlapping max pool of an NHWC convolution output of geometry `g` (Double reference values).
func referenceMaxPool(_ values: [Double], _ g: Conv2DGeometry, _ pool: FusedMaxPool) -> [Double] {
    let (ph, pw, oc) = (pool.outputHeight(g.outputHeight), pool.outputWidth(g.outputWidth), g.outputChannels)
    var pooled = [Double](repeating: -.greatestFiniteMagnitude, count: g.batch * ph * pw * oc)
    for n in 0..<g.batch {
        for y in 0..<(ph * pool.windowHeight) {
            for x in 0..<(pw * pool.windowWidth) {
                for c in 0..<oc {
                    let target = ((n * ph + y / pool.windowHeight) * pw + x / pool.windowWidth) * oc + c
                    pooled[target] = max(pooled[target], values[((n * g.outputHeight + y) * g.outputWidth + x) * oc + c])
                }
            }
        }
    }
    return pooled
}
