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
}
