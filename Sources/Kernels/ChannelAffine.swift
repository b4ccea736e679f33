/// Inference BatchNorm folded to a per-channel affine map, with a fused activation.
public enum ChannelAffine {
    /// `output = act(input * scale[c] + shift[c])` where `c` is the index along the last axis.
    ///
    /// - Parameters:
    ///   - channels: length of the last axis (and of `scale`, `shift`).
    ///   - count: total number of elements, a multiple of `channels`.
    ///   - output: may equal `input`.
    public static func apply(input: UnsafePointer<Float>, scale: UnsafePointer<Float>, shift: UnsafePointer<Float>,
                             channels: Int, count: Int, activation: Activation, output: UnsafeMutablePointer<Float>) {
        guard channels > 0, count > 0 else { return }
        precondition(count % channels == 0, "ChannelAffine: count \(count) is not a multiple of channels \(channels)")
        let rows = count / channels
        for r in 0..<rows {
            let source = input + r * channels
            let destination = output + r * channels
            switch activation {
            case .none:
                for c in 0..<channels { destination[c] = source[c] * scale[c] + shift[c] }
            case .relu:
                for c in 0..<channels {
                    let x = source[c] * scale[c] + shift[c]
                    destination[c] = x <= 0 ? 0 : x
                }
            default:
                for c in 0..<channels { destination[c] = source[c] * scale[c] + shift[c] }
                activation.apply(destination, count: channels)
            }
        }
    }
}
