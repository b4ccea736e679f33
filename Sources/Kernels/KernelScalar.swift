import Foundation

/// An element type the generic binary and reduce kernels accept: `Float`, `Double`, `Int32`, `Int64`.
///
/// The requirements are the arithmetic the kernels need with TensorFlow's semantics for each type:
/// integer arithmetic wraps on overflow (it never traps), integer division truncates and yields 0 for a
/// zero divisor or for `min / -1` (where TensorFlow would fail the op) instead of trapping.
public protocol KernelScalar: Numeric, Comparable {
    /// `lhs + rhs`, wrapping for integers.
    static func kernelSum(_ lhs: Self, _ rhs: Self) -> Self
    /// `lhs - rhs`, wrapping for integers.
    static func kernelDifference(_ lhs: Self, _ rhs: Self) -> Self
    /// `lhs * rhs`, wrapping for integers.
    static func kernelProduct(_ lhs: Self, _ rhs: Self) -> Self
    /// `lhs / rhs`; IEEE for floating point, truncating (0 when undefined) for integers.
    static func kernelQuotient(_ lhs: Self, _ rhs: Self) -> Self
    /// The element count `n` converted to this type (used by mean reductions).
    static func kernelCount(_ n: Int) -> Self
    /// `base` to the power `exponent`: `pow` for floating point; for integers by squaring (wrapping), with a
    /// negative exponent giving 0 except for bases 1 and -1 (where TensorFlow would fail the op).
    static func kernelPower(_ base: Self, _ exponent: Self) -> Self
}

extension FixedWidthInteger {
    /// Integer power by squaring, wrapping on overflow; 0 for a negative exponent unless the base is ±1.
    @inlinable static func integerPower(_ base: Self, _ exponent: Self) -> Self {
        if exponent < 0 {
            if base == 1 { return 1 }
            if base == 0 &- 1 { return exponent & 1 == 0 ? 1 : base }
            return 0
        }
        var result: Self = 1, square = base, rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result = result &* square }
            square = square &* square
            rest >>= 1
        }
        return result
    }
}

extension Float: KernelScalar {
    /// IEEE addition.
    @inlinable public static func kernelSum(_ lhs: Float, _ rhs: Float) -> Float { lhs + rhs }
    /// IEEE subtraction.
    @inlinable public static func kernelDifference(_ lhs: Float, _ rhs: Float) -> Float { lhs - rhs }
    /// IEEE multiplication.
    @inlinable public static func kernelProduct(_ lhs: Float, _ rhs: Float) -> Float { lhs * rhs }
    /// IEEE division.
    @inlinable public static func kernelQuotient(_ lhs: Float, _ rhs: Float) -> Float { lhs / rhs }
    /// `Float(n)`.
    @inlinable public static func kernelCount(_ n: Int) -> Float { Float(n) }
    /// `powf`.
    @inlinable public static func kernelPower(_ base: Float, _ exponent: Float) -> Float { Foundation.pow(base, exponent) }
}

extension Double: KernelScalar {
    /// IEEE addition.
    @inlinable public static func kernelSum(_ lhs: Double, _ rhs: Double) -> Double { lhs + rhs }
    /// IEEE subtraction.
    @inlinable public static func kernelDifference(_ lhs: Double, _ rhs: Double) -> Double { lhs - rhs }
    /// IEEE multiplication.
    @inlinable public static func kernelProduct(_ lhs: Double, _ rhs: Double) -> Double { lhs * rhs }
    /// IEEE division.
    @inlinable public static func kernelQuotient(_ lhs: Double, _ rhs: Double) -> Double { lhs / rhs }
    /// `Double(n)`.
    @inlinable public static func kernelCount(_ n: Int) -> Double { Double(n) }
    /// `pow`.
    @inlinable public static func kernelPower(_ base: Double, _ exponent: Double) -> Double { Foundation.pow(base, exponent) }
}

extension Int32: KernelScalar {
    /// Wrapping addition.
    @inlinable public static func kernelSum(_ lhs: Int32, _ rhs: Int32) -> Int32 { lhs &+ rhs }
    /// Wrapping subtraction.
    @inlinable public static func kernelDifference(_ lhs: Int32, _ rhs: Int32) -> Int32 { lhs &- rhs }
    /// Wrapping multiplication.
    @inlinable public static func kernelProduct(_ lhs: Int32, _ rhs: Int32) -> Int32 { lhs &* rhs }
    /// Truncating division; 0 for a zero divisor, wrapping for `Int32.min / -1`.
    @inlinable public static func kernelQuotient(_ lhs: Int32, _ rhs: Int32) -> Int32 {
        rhs == 0 ? 0 : lhs.dividedReportingOverflow(by: rhs).partialValue
    }
    /// `n` truncated to 32 bits.
    @inlinable public static func kernelCount(_ n: Int) -> Int32 { Int32(truncatingIfNeeded: n) }
    /// Power by squaring (see ``KernelScalar/kernelPower(_:_:)``).
    @inlinable public static func kernelPower(_ base: Int32, _ exponent: Int32) -> Int32 { integerPower(base, exponent) }
}

extension Int64: KernelScalar {
    /// Wrapping addition.
    @inlinable public static func kernelSum(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &+ rhs }
    /// Wrapping subtraction.
    @inlinable public static func kernelDifference(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &- rhs }
    /// Wrapping multiplication.
    @inlinable public static func kernelProduct(_ lhs: Int64, _ rhs: Int64) -> Int64 { lhs &* rhs }
    /// Truncating division; 0 for a zero divisor, wrapping for `Int64.min / -1`.
    @inlinable public static func kernelQuotient(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        rhs == 0 ? 0 : lhs.dividedReportingOverflow(by: rhs).partialValue
    }
    /// `Int64(n)`.
    @inlinable public static func kernelCount(_ n: Int) -> Int64 { Int64(n) }
    /// Power by squaring (see ``KernelScalar/kernelPower(_:_:)``).
    @inlinable public static func kernelPower(_ base: Int64, _ exponent: Int64) -> Int64 { integerPower(base, exponent) }
}
