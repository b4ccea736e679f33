/// Transcendental functions on 8 float lanes (Cephes-style range reduction and polynomials), accurate to a few
/// units in the last place, for the elementwise kernels that would otherwise call the platform's scalar
/// `expf`/`logf`/`erff` once per element. Results below the smallest normal float are flushed to zero, as
/// TensorFlow's CPU kernels (which run with flush-to-zero) produce them.
enum VectorMath {
    private static let log2e: Float = 1.442_695_040_888_963_4
    /// ln 2 split into a part exact in float and the rest.
    private static let ln2High: Float = 0.693_359_375
    private static let ln2Low: Float = -2.121_944_40e-4
    /// 1.5 * 2^23: adding and subtracting it rounds a float below 2^22 in magnitude to an integer.
    private static let roundingShift: Float = 12_582_912

    /// `e^x`: +inf above 88.72, 0 below -87.33 (where the result would be subnormal), NaN for NaN.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Compare-and-select clamps (NaN passes through); `clamped` and `rounded` run lane by lane.
        var clamped = x.replacing(with: 88.7, where: x .> 88.7)
        clamped.replace(with: -87.33, where: clamped .< -87.33)
        // Round to nearest with the 1.5 * 2^23 shift: the integer lands in the low mantissa bits.
        let shifted = clamped * log2e + roundingShift
        let n = shifted - roundingShift
        var r = clamped - n * ln2High
        r = r - n * ln2Low
        let r2 = r * r
        var p = SIMD8<Float>(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * r2 + r + 1
        // 2^n from the exponent bits (n is within [-126, 128): split 128 into two factors).
        // Same-width reinterpretations by bit casts: the generic SIMD conversions run lane by lane.
        let integer = unsafeBitCast(SIMD8<UInt32>(bitPattern: shifted) &- 0x4B40_0000, to: SIMD8<Int32>.self)
        let half = integer &>> 1
        let scaleA = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
        let scaleB = unsafeBitCast((integer &- half &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = y * scaleA * scaleB
        result.replace(with: .infinity, where: x .> 88.722_83)
        result.replace(with: 0, where: x .< -87.336_54)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// Natural logarithm: -inf for 0 and for subnormal inputs (read as zero), NaN below 0, +inf for +inf.
    @inline(__always)
    static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let bits = SIMD8<UInt32>(bitPattern: x)
        // x = m * 2^e with m in [0.5, 1).
        // The biased exponent as a float, through the 2^23 shift (an int-to-float conversion runs lane by lane).
        var e = SIMD8<Float>(bitPattern: ((bits &>> 23) & 0xff) | 0x4B00_0000) - (8_388_608 + 126)
        var m = SIMD8<Float>(bitPattern: (bits & 0x007f_ffff) | 0x3f00_0000)
        let low = m .< 0.707_106_781_186_547_5
        e.replace(with: e - 1, where: low)
        m = m.replacing(with: m + m - 1, where: low).replacing(with: m - 1, where: .!low)
        let z = m * m
        var y = SIMD8<Float>(repeating: 7.037_683_629_2e-2)
        y = y * m - 1.151_461_031_0e-1
        y = y * m + 1.167_699_874_0e-1
        y = y * m - 1.242_014_084_6e-1
        y = y * m + 1.424_932_278_7e-1
        y = y * m - 1.666_805_766_5e-1
        y = y * m + 2.000_071_476_5e-1
        y = y * m - 2.499_999_399_3e-1
        y = y * m + 3.333_333_117_4e-1
        y = y * m * z
        y = y + e * ln2Low
        y = y - 0.5 * z
        var result = m + y + e * ln2High
        result.replace(with: .infinity, where: x .== .infinity)
        result.replace(with: -.infinity, where: x .< Float.leastNormalMagnitude .& x .>= 0)
        result.replace(with: .nan, where: x .< 0 .| x .!= x)
        return result
    }

    /// `log(1 + x)`, accurate for small `x` (the rounding of `1 + x` is corrected).
    @inline(__always)
    static func log1p(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let u = x + 1
        let d = u - 1
        var result = log(u) * (x / d)
        result.replace(with: x, where: d .== 0)
        result.replace(with: .infinity, where: x .== .infinity)
        return result
    }

    /// `e^x - 1`, accurate for small `x`.
    @inline(__always)
    static func expm1(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let u = exp(x)
        var result = (u - 1) * (x / log(u))
        result.replace(with: x, where: u .== 1)
        result.replace(with: u - 1, where: x .> 0.5 .| x .< -0.5)
        return result
    }

    /// The error function: a polynomial in x² for |x| < 0.5, `1 - erfc(|x|)` with the sign of x above.
    @inline(__always)
    static func erf(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let small = x * smallErfFactor(x * x)
        var large = 1 - erfcOfPositive(magnitude.replacing(with: 0.5, where: magnitude .< 0.5))
        large.replace(with: -large, where: x .< 0)
        return small.replacing(with: large, where: magnitude .>= 0.5)
    }

    /// The complementary error function `1 - erf(x)`, accurate in relative terms for large x (down to the
    /// smallest normal float).
    @inline(__always)
    static func erfc(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let tail = erfcOfPositive(magnitude.replacing(with: 0.5, where: magnitude .< 0.5))
        var result = tail.replacing(with: 2 - tail, where: x .< 0)
        result.replace(with: 1 - x * smallErfFactor(x * x), where: magnitude .< 0.5)
        return result
    }

    /// erf(x)/x as a polynomial in x² (relative error below 2e-7 for |x| ≤ 0.5).
    @inline(__always)
    private static func smallErfFactor(_ x2: SIMD8<Float>) -> SIMD8<Float> {
        var p = SIMD8<Float>(repeating: 1.083_703_011_3e-4)
        p = p * x2 - 8.507_894_963_3e-4
        p = p * x2 + 5.223_309_834_3e-3
        p = p * x2 - 2.686_611_441_5e-2
        p = p * x2 + 1.128_379_145_0e-1
        p = p * x2 - 3.761_263_890_0e-1
        p = p * x2 + 1.128_379_167_1
        return p
    }

    /// erfc(x) for x ≥ 0.5: `t·exp(-x² + P(t))` with t = 1/(1 + x/2) (Numerical Recipes' erfcc, fractional
    /// error below 1.2e-7), with x² split into its float value and rounding error so that exp(-x²) keeps its
    /// relative accuracy for large x.
    @inline(__always)
    private static func erfcOfPositive(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let t = 1 / (1 + 0.5 * x)
        var p = SIMD8<Float>(repeating: 0.170_872_77)
        p = p * t - 0.822_152_23
        p = p * t + 1.488_515_87
        p = p * t - 1.135_203_98
        p = p * t + 0.278_868_07
        p = p * t - 0.186_288_06
        p = p * t + 0.096_784_18
        p = p * t + 0.374_091_96
        p = p * t + 1.000_023_68
        p = p * t - 1.265_512_23
        let square = x * x
        let rounding = fusedSquareError(x, square)
        var result = t * exp(-square) * exp(p - rounding)
        result.replace(with: 0, where: x .> 10.05)
        return result
    }

    /// `x*x - square` exactly (square = x*x rounded), by Veltkamp's split of x into two 12-bit halves (a fused
    /// multiply-add would be a library call per lane on targets without FMA).
    @inline(__always)
    private static func fusedSquareError(_ x: SIMD8<Float>, _ square: SIMD8<Float>) -> SIMD8<Float> {
        let c = x * 4097
        let high = c - (c - x)
        let low = x - high
        return ((high * high - square) + 2 * high * low) + low * low
    }
}

extension SIMD8 where Scalar == Float {
    /// Lanes from IEEE bit patterns.
    @inline(__always)
    init(bitPattern bits: SIMD8<UInt32>) {
        self = unsafeBitCast(bits, to: SIMD8<Float>.self)
    }
}

extension SIMD8 where Scalar == UInt32 {
    /// The bit patterns of float lanes.
    @inline(__always)
    init(bitPattern lanes: SIMD8<Float>) {
        self = unsafeBitCast(lanes, to: SIMD8<UInt32>.self)
    }
}
