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
            for i in 0..<count { output[i] = -input[i] }
        case .abs:
            for i in 0..<count { output[i] = Swift.abs(input[i]) }
        case .sqrt:
            for i in 0..<count { output[i] = input[i].squareRoot() }
        case .rsqrt:
            for i in 0..<count { output[i] = 1 / input[i].squareRoot() }
        case .square:
            for i in 0..<count {
                let x = input[i]
                output[i] = x * x
            }
        case .exp:
            for i in 0..<count { output[i] = Foundation.exp(input[i]) }
        }
    }
}
