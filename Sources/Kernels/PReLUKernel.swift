/// Parametric ReLU over rows of a repeating slope table: `output[i] = input[i] > 0 ? input[i] : slopes[i % block]
/// * input[i]` (NaN stays NaN), 8 lanes at a time.
public enum PReLUKernel {
    /// Applies PReLU to `count` values (a whole number of `block`-long rows; `block >= 1`); `input` may equal
    /// `output`. `slopes` holds `block` values.
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int,
                             slopes: UnsafePointer<Float>, block: Int) {
        guard block >= 1 else { return }
        let source = UnsafeRawPointer(input), destination = UnsafeMutableRawPointer(output)
        let rawSlopes = UnsafeRawPointer(slopes)
        var start = 0
        while start < count {
            var j = 0
            while j &+ 8 <= block {
                let offset = (start &+ j) &* 4
                let x = source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                let a = rawSlopes.loadUnaligned(fromByteOffset: j &* 4, as: SIMD8<Float>.self)
                destination.storeBytes(of: x.replacing(with: x * a, where: x .<= 0), toByteOffset: offset, as: SIMD8<Float>.self)
                j &+= 8
            }
            while j < block {
                let x = input[start &+ j]
                output[start &+ j] = x > 0 ? x : x * slopes[j]
                j &+= 1
            }
            start &+= block
        }
    }
}
