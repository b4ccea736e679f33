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
    /// The error function.
    case erf
    /// The complementary error function `1 - erf(x)`, accurate for large x.
    case erfc
    /// Rounding toward -inf.
    case floor
    /// Rounding to nearest, ties to even (TensorFlow's `Round`).
    case round
    /// The natural logarithm (-inf at 0, NaN below).
    case log
    /// `log(1 + exp(x))`, computed as TensorFlow does: x above 13.94, exp(x) below -13.94.
    case softplus
    /// `scale * x` for x > 0, `scale * alpha * (exp(x) - 1)` otherwise (TensorFlow's constants).
    case selu
    /// -1, 0 or 1 (NaN stays NaN; -0 and +0 give 0).
    case sign
    /// `1 / x`.
    case reciprocal
    /// The exact GELU, `0.5 * x * erfc(-x / sqrt(2))` (= `0.5 * x * (1 + erf(x / sqrt(2)))`).
    case gelu
    /// GELU's tanh approximation, `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))`.
    case geluTanh
}

/// Applies a `UnaryFunction` to a float buffer.
public enum Unary {
    /// `output[i] = f(input[i])` for `i < count`; `input` may equal `output` (in place), other overlaps are not allowed.
    public static func apply(_ f: UnaryFunction, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
        applyRange(f, input: input, output: output, count: count)
    }

    /// `output[i] = f(input[i])` for `i < count`, in ranges fixed by `count` run on `context`'s workers (every
    /// element gets the bits one call over the whole buffer gives it).
    public static func apply(_ f: UnaryFunction, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int,
                             context: ComputeContext) {
        // The piecewise-linear functions cost about a copy per element; the others a few times that.
        let grain: Int
        switch f {
        case .activation(.relu), .activation(.relu6), .activation(.leakyRelu), .activation(.none), .activation(.hardSwish),
             .neg, .abs, .square, .floor, .round, .sign:
            grain = ComputeContext.elementwiseGrain
        default:
            grain = ComputeContext.elementwiseGrain / 4
        }
        let pointers = UncheckedSendable((input: input, output: output))
        context.forEachRange(count, grain: grain) { range in
            applyRange(f, input: pointers.value.input + range.lowerBound, output: pointers.value.output + range.lowerBound,
                       count: range.count)
        }
    }

    private static func applyRange(_ f: UnaryFunction, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
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
        case .erf:
            VectorLoops.map(input, output, count: count, VectorMath.erf) { Unary.lane(VectorMath.erf, $0) }
        case .erfc:
            VectorLoops.map(input, output, count: count, VectorMath.erfc) { Unary.lane(VectorMath.erfc, $0) }
        case .floor:
            VectorLoops.map(input, output, count: count, { $0.rounded(.down) }) { $0.rounded(.down) }
        case .round:
            VectorLoops.map(input, output, count: count, { $0.rounded(.toNearestOrEven) }) { $0.rounded(.toNearestOrEven) }
        case .log:
            VectorLoops.map(input, output, count: count, VectorMath.log) { Unary.lane(VectorMath.log, $0) }
        case .softplus:
            VectorLoops.map(input, output, count: count, Unary.softplus) { Unary.lane(Unary.softplus, $0) }
        case .selu:
            VectorLoops.map(input, output, count: count, Unary.selu) { Unary.lane(Unary.selu, $0) }
        case .sign:
            VectorLoops.map(input, output, count: count, Unary.sign) { Unary.lane(Unary.sign, $0) }
        case .reciprocal:
            VectorLoops.map(input, output, count: count, { 1 / $0 }) { 1 / $0 }
        case .gelu:
            VectorLoops.map(input, output, count: count, Unary.gelu) { Unary.lane(Unary.gelu, $0) }
        case .geluTanh:
            VectorLoops.map(input, output, count: count, Unary.geluTanh) { Unary.lane(Unary.geluTanh, $0) }
        }
    }

    /// One value through an 8-lane function (for the tails of the vector loops, so that every element gets
    /// the same bits whatever its position).
    @inline(__always)
    static func lane(_ f: (SIMD8<Float>) -> SIMD8<Float>, _ x: Float) -> Float {
        f(SIMD8(repeating: x))[0]
    }

    /// TensorFlow's softplus: x above -log(eps)-2, exp(x) below log(eps)+2, log1p(exp(x)) between.
    @inline(__always)
    static func softplus(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let threshold: Float = -13.942_385  // log(2^-23) + 2
        let e = VectorMath.exp(x)
        var result = VectorMath.log1p(e)
        result.replace(with: e, where: x .< threshold)
        result.replace(with: x, where: x .> -threshold)
        return result
    }

    /// The exact GELU as TensorFlow computes it: `(0.5 * x) * erfc((-x) * float(1/sqrt(2)))`.
    @inline(__always)
    static func gelu(_ x: SIMD8<Float>) -> SIMD8<Float> {
        (0.5 * x) * VectorMath.erfc(-x * 0.707_106_77)
    }

    /// GELU's tanh approximation with `1 + tanh(z)` computed as `2 - 2 / (exp(2z) + 1)`.
    @inline(__always)
    static func geluTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let z = 0.797_884_6 * (x + 0.044_715 * (x * x * x))
        let onePlusTanh = 2 - 2 / (VectorMath.exp(2 * z) + 1)
        return (0.5 * x) * onePlusTanh
    }

    /// SELU with TensorFlow's scale and alpha.
    @inline(__always)
    static func selu(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let scale: Float = 1.050_700_987_355_480_5
        let scaledAlpha: Float = 1.758_099_340_847_376_6
        return (scaledAlpha * VectorMath.expm1(x)).replacing(with: scale * x, where: x .> 0)
    }

    /// -1, 0 or 1; NaN stays NaN.
    @inline(__always)
    static func sign(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var result = SIMD8<Float>(repeating: 0)
        result.replace(with: 1, where: x .> 0)
        result.replace(with: -1, where: x .< 0)
        result.replace(with: x, where: x .!= x)
        return result
    }
}
