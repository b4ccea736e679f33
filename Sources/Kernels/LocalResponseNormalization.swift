/// Local response normalisation across channels (TensorFlow's `LRN`, as in AlexNet and GoogLeNet):
/// `output[p, c] = input[p, c] / (bias + alpha * sum(input[p, c-r...c+r]²))^beta` for each position `p` of
/// the innermost (channel) axis, the window clipped at the ends.
public enum LocalResponseNormalization {
    /// Scratch floats `apply` needs for `channels`.
    public static func scratchCount(channels: Int) -> Int { 2 * channels }

    /// Normalises `positions` rows of `channels` floats; `scratch` holds ``scratchCount(channels:)`` floats.
    public static func apply(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, positions: Int,
                             channels: Int, depthRadius: Int, bias: Float, alpha: Float, beta: Float,
                             scratch: UnsafeMutablePointer<Float>) {
        guard channels > 0 else { return }
        let squares = scratch, sums = scratch + channels
        let radius = min(depthRadius, channels - 1)
        for p in 0..<positions {
            let x = input + p * channels, y = output + p * channels
            VectorLoops.zip(x, x, squares, count: channels, { $0 * $1 }) { $0 * $1 }
            sums.update(from: squares, count: channels)
            if radius > 0 {
                for k in 1...radius {
                    // sums[c] += squares[c + k] and squares[c - k], where those exist.
                    VectorLoops.zip(sums, squares + k, sums, count: channels - k, { $0 + $1 }) { $0 + $1 }
                    VectorLoops.zip(sums + k, squares, sums + k, count: channels - k, { $0 + $1 }) { $0 + $1 }
                }
            }
            if beta == 0.5 {
                VectorLoops.zip(x, sums, y, count: channels, { $0 / (bias + alpha * $1).squareRoot() }) {
                    $0 / (bias + alpha * $1).squareRoot()
                }
            } else if beta == 1 {
                VectorLoops.zip(x, sums, y, count: channels, { $0 / (bias + alpha * $1) }) { $0 / (bias + alpha * $1) }
            } else {
                let lane: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float> = { x, s in
                    x * VectorMath.exp(VectorMath.log(bias + alpha * s) * -beta)
                }
                VectorLoops.zip(x, sums, y, count: channels, lane) { lane(SIMD8(repeating: $0), SIMD8(repeating: $1))[0] }
            }
        }
    }
}
