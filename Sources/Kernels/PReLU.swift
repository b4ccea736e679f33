/// Parametric ReLU with slopes that repeat along the innermost elements:
/// `y[i] = x[i] > 0 ? x[i] : slopes[i % block] * x[i]` (NaN stays NaN, as in TensorFlow's `Relu(x) - alpha * Relu(-x)`).
///
/// Computed 8 lanes at a time as compare + select, so its speed does not depend on the signs of the data (the
/// branchy scalar form mispredicts on every other element of a real activation map).
public enum PReLU {
    /// Applies the PReLU to `count` values of `input`, writing `output` (which may equal `input`).
    ///
    /// - Parameters:
    ///   - slopes: `block` slopes; element `i` uses `slopes[i % block]`.
    ///   - block: positive; `count` need not be a multiple of it.
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int,
                             slopes: UnsafePointer<Float>, block: Int) {
        guard count > 0, block > 0 else { return }
        var start = 0
        while start < count {
            row(input + start, output + start, count: Swift.min(block, count - start), slopes: slopes)
            start += block
        }
    }

    /// `output[i] = input[i] > 0 ? input[i] : slopes[i] * input[i]` for `i < count`; `input` may equal `output`.
    @inline(__always)
    static func row(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int, slopes: UnsafePointer<Float>) {
        VectorLoops.zip(input, slopes, output, count: count, { x, a in x.replacing(with: x * a, where: x .<= 0) }) { x, a in
            x <= 0 ? x * a : x
        }
    }
}
