/// A group of consecutive channels processed together by the Winograd transforms: `SIMD8<Float>` or
/// `SIMD4<Float>` for the bulk of the channels, `Float` for the remainder.
protocol WinogradLane {
    /// Lane-wise sum.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Lane-wise difference.
    static func - (lhs: Self, rhs: Self) -> Self
    /// Lane-wise product with a scalar.
    static func * (lhs: Self, rhs: Float) -> Self
    /// All lanes zero.
    static var zero: Self { get }
    /// Channels per lane.
    static var width: Int { get }
    /// Loads `width` floats.
    static func load(_ pointer: UnsafePointer<Float>) -> Self
    /// Stores `width` floats.
    func store(_ pointer: UnsafeMutablePointer<Float>)
    /// Lane-wise `max(x, 0)`.
    func clampedBelowZero() -> Self
    /// Lane-wise `min(max(x, 0), 6)`.
    func clampedToRelu6() -> Self
    /// Lane-wise `x > 0 ? x : alpha * x`.
    func leaky(_ alpha: Float) -> Self
}

extension SIMD8: WinogradLane where Scalar == Float {
    @inline(__always) static var width: Int { 8 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD8<Float>.self)
    }
    // Written as compare + select (not `pointwiseMax`, whose IEEE NaN handling compiles to scalar code).
    @inline(__always) func clampedBelowZero() -> SIMD8<Float> { replacing(with: 0, where: self .<= 0) }  // NaN stays NaN
    @inline(__always) func clampedToRelu6() -> SIMD8<Float> {
        let positive = clampedBelowZero()
        return positive.replacing(with: 6, where: positive .> 6)
    }
    @inline(__always) func leaky(_ alpha: Float) -> SIMD8<Float> { replacing(with: self * alpha, where: self .<= 0) }
}

extension SIMD4: WinogradLane where Scalar == Float {
    @inline(__always) static var width: Int { 4 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
    }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD4<Float>.self)
    }
    // Written as compare + select (not `pointwiseMax`, whose IEEE NaN handling compiles to scalar code).
    @inline(__always) func clampedBelowZero() -> SIMD4<Float> { replacing(with: 0, where: self .<= 0) }  // NaN stays NaN
    @inline(__always) func clampedToRelu6() -> SIMD4<Float> {
        let positive = clampedBelowZero()
        return positive.replacing(with: 6, where: positive .> 6)
    }
    @inline(__always) func leaky(_ alpha: Float) -> SIMD4<Float> { replacing(with: self * alpha, where: self .<= 0) }
}

extension Float: WinogradLane {
    @inline(__always) static var width: Int { 1 }
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Float { pointer.pointee }
    @inline(__always) func store(_ pointer: UnsafeMutablePointer<Float>) { pointer.pointee = self }
    @inline(__always) func clampedBelowZero() -> Float { self <= 0 ? 0 : self }
    @inline(__always) func clampedToRelu6() -> Float { self <= 0 ? 0 : (self > 6 ? 6 : self) }
    @inline(__always) func leaky(_ alpha: Float) -> Float { self > 0 ? self : alpha * self }
}
