import CKernelsAVX2
import Foundation

/// An elementwise activation function that can be fused into the output pass of a kernel.
///
/// Semantics follow TensorFlow: `relu6` clamps to `[0, 6]`, `leakyRelu` is `x > 0 ? x : alpha * x`,
/// `elu` is `x < 0 ? expm1(x) : x`, `sigmoid` is `1 / (1 + exp(-x))`, `swish` is `x * sigmoid(x)` and `hardSwish`
/// is `x * (relu6(x + 3) * (1/6))`, the float operations of the ops they replace in that order.
public enum Activation: Sendable, Hashable {
    /// Identity.
    case none
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, 0), 6)`.
    case relu6
    /// `x > 0 ? x : alpha * x`.
    case leakyRelu(alpha: Float)
    /// `x < 0 ? exp(x) - 1 : x`.
    case elu
    /// `1 / (1 + exp(-x))`.
    case sigmoid
    /// Hyperbolic tangent.
    case tanh
    /// `x * sigmoid(x)` (SiLU), with the sigmoid of ``sigmoid``: what `Mul(x, Sigmoid(x))` computes.
    case swish
    /// `x * (min(max(x + 3, 0), 6) * Float(1/6))`: what Keras' hard-swish `Mul(x, Mul(Relu6(AddV2(x, 3)), 1/6))`
    /// computes, rounding after each operation as those ops do.
    case hardSwish

    /// The float32 constant of the hard-swish's last scale, `1/6` rounded to float.
    public static let hardSwishScale: Float = 1.0 / 6.0

    /// Applies the activation to one value.
    @inlinable
    public func apply(_ x: Float) -> Float {
        switch self {
        case .none: return x
        case .relu: return x <= 0 ? 0 : x
        case .relu6: return x <= 0 ? 0 : (x > 6 ? 6 : x)
        case .leakyRelu(let alpha): return x > 0 ? x : alpha * x
        case .elu: return x < 0 ? Foundation.expm1(x) : x
        case .sigmoid: return Activation.sigmoid(x)
        case .tanh: return Foundation.tanh(x)
        case .swish: return x * Activation.sigmoid(x)
        case .hardSwish: return Activation.hardSwish(x)
        }
    }

    /// Applies the activation in place to `count` contiguous values.
    ///
    /// The piecewise-linear activations run 8 lanes at a time;
    /// the transcendental ones call the platform's `expm1f`/`expf`/`tanhf` per element, except the sigmoid on CPUs
    /// with AVX2 and FMA, which runs `landmark_sigmoid` (8 lanes, polynomial exponential).
    public func apply(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        switch self {
        case .none:
            return
        case .relu:
            VectorLoops.map(buffer, count: count, bias: nil, VectorLoops.relu) { $0 <= 0 ? 0 : $0 }
        case .relu6:
            VectorLoops.map(buffer, count: count, bias: nil, VectorLoops.relu6) { $0 <= 0 ? 0 : ($0 > 6 ? 6 : $0) }
        case .leakyRelu(let alpha):
            VectorLoops.map(buffer, count: count, bias: nil, { VectorLoops.leakyRelu($0, alpha) }) { $0 > 0 ? $0 : alpha * $0 }
        case .elu:
            for i in 0..<count {
                let x = buffer[i]
                if x < 0 { buffer[i] = Foundation.expm1(x) }
            }
        case .sigmoid:
            if AVX2Kernels.fusedMultiplyAddAvailable {
                landmark_sigmoid(buffer, buffer, count)
            } else {
                for i in 0..<count { buffer[i] = Activation.sigmoid(buffer[i]) }
            }
        case .tanh:
            for i in 0..<count { buffer[i] = Foundation.tanh(buffer[i]) }
        case .swish:
            if AVX2Kernels.fusedMultiplyAddAvailable {
                landmark_swish(buffer, buffer, count)
            } else {
                for i in 0..<count { buffer[i] = buffer[i] * Activation.sigmoid(buffer[i]) }
            }
        case .hardSwish:
            VectorLoops.map(buffer, count: count, bias: nil, Activation.hardSwish) { Activation.hardSwish($0) }
        }
    }

    /// Applies the activation to `count` values of `input`, writing `output` (which may equal `input`).
    public func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        if UnsafePointer(output) != input {
            output.update(from: input, count: count)
        }
        apply(output, count: count)
    }

    /// Whether the activation is the identity (lets callers skip a pass).
    @inlinable
    public var isIdentity: Bool {
        if case .none = self { return true }
        return false
    }

    /// Hard-swish of one value: `x * (relu6(x + 3) * (1/6))`, rounded after each operation.
    @inlinable
    static func hardSwish(_ x: Float) -> Float {
        let shifted = x + 3
        let clamped = shifted <= 0 ? 0 : (shifted > 6 ? 6 : shifted)
        return x * (clamped * hardSwishScale)
    }

    /// Hard-swish on 8 lanes, with the operations of the scalar form.
    @inline(__always)
    static func hardSwish(_ x: SIMD8<Float>) -> SIMD8<Float> {
        x * (VectorLoops.relu6(x + 3) * hardSwishScale)
    }

    /// Numerically safe logistic function: never overflows `exp` for large `|x|`.
    @usableFromInline
    static func sigmoid(_ x: Float) -> Float {
        if AVX2Kernels.fusedMultiplyAddAvailable {
            // The vector form's bits, so that an element's result does not depend on which path computed it.
            var value = x
            withUnsafeMutablePointer(to: &value) { landmark_sigmoid($0, $0, 1) }
            return value
        }
        if x >= 0 {
            return 1 / (1 + Foundation.exp(-x))
        }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
