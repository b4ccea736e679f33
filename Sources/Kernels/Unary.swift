import Foundation

/// An elementwise float function of one operand.
public enum UnaryFunction: Sendable, Hashable {
    /// One of the fusable activations (Relu, Relu6, Elu, Sigmoid, Tanh, LeakyRelu).
    case activation(Activation)
    /// `-x`.
    case neg
    /// `|x|`.
    case abs
    /// `sqrt(x)`.
    case sqrt
    /// `1 / sqrt(x)`.
    case rsqrt
    /// `x * x`.
    case square
    /// `exp(x)`.
    case exp
}

/// Applies a `UnaryFunction` to a float buffer.
public enum Unary {
    /// `output[i] = f(input[i])` for `i < count`; `input` may equal `output` (in place), other overlaps are not allowed.
    public static func apply(_ f: UnaryFunction, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        switch f {
        case .activation(let activation):
            activation.apply(input: input, output: output, count: count)
        case .neg:
            VectorLoops.map(input, output, count: count, { -$0 }) { -$0 }
        case .abs:
            // Clear the sign bit (so -0 becomes +0, as `abs` does).
            VectorLoops.map(input, output, count: count, {
                unsafeBitCast(unsafeBitCast($0, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
            }) { Swift.abs($0) }
        case .sqrt:
            VectorLoops.map(input, output, count: count, { $0.squareRoot() }) { $0.squareRoot() }
        case .rsqrt:
            VectorLoops.map(input, output, count: count, { 1 / $0.squareRoot() }) { 1 / $0.squareRoot() }
        case .square:
            VectorLoops.map(input, output, count: count, { $0 * $0 }) { $0 * $0 }
        case .exp:
            for i in 0..<count { output[i] = Foundation.exp(input[i]) }
        }
    }
}
