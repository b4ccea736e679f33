/// Inference BatchNorm as a per-channel affine map, with a fused activation.
public enum ChannelAffine {
    /// `output = act((input - center[c]) * scale[c] + shift[c])` where `c` is the index along the last axis
    /// (`center` nil: `act(input * scale[c] + shift[c])`).
    ///
    /// Each value is a subtraction, a multiply then an add (no fused multiply-add), then the activation, so every
    /// split of the rows gives the same bits. Subtracting the batch norm's mean before scaling, as TensorFlow
    /// does, keeps the values' own precision when the mean is large beside their spread. Rows are split into
    /// tasks fixed by the shape and run on `context`'s workers.
    ///
    /// - Parameters:
    ///   - center: subtracted from each value first (the batch norm's mean), or nil.
    ///   - channels: length of the last axis (and of `center`, `scale`, `shift`).
    ///   - count: total number of elements, a multiple of `channels`.
    ///   - output: may equal `input`.
    ///   - context: the threads the rows run on.
    public static func apply(input: UnsafePointer<Float>, center: UnsafePointer<Float>? = nil,
                             scale: UnsafePointer<Float>, shift: UnsafePointer<Float>,
                             channels: Int, count: Int, activation: Activation, output: UnsafeMutablePointer<Float>,
                             context: ComputeContext = .singleThreaded) {
        guard channels > 0, count > 0 else { return }
        precondition(count % channels == 0, "ChannelAffine: count \(count) is not a multiple of channels \(channels)")
        let rows = count / channels
        let pointers = UncheckedSendable((input: input, center: center, scale: scale, shift: shift, output: output))
        context.forEachRange(rows, grain: Swift.max(1, ComputeContext.elementwiseGrain / channels)) { range in
            let p = pointers.value
            let first = range.lowerBound * channels
            rowsPass(p.input + first, p.center, p.scale, p.shift, channels: channels, rows: range.count,
                     activation: activation, p.output + first)
        }
    }

    /// `rows` rows of `channels` values, each centred (when `center` is given), scaled and shifted.
    private static func rowsPass(_ input: UnsafePointer<Float>, _ center: UnsafePointer<Float>?,
                                 _ scale: UnsafePointer<Float>, _ shift: UnsafePointer<Float>,
                                 channels: Int, rows: Int, activation: Activation, _ output: UnsafeMutablePointer<Float>) {
        let vectorChannels = channels & ~7
        let rawScale = UnsafeRawPointer(scale), rawShift = UnsafeRawPointer(shift)
        let rawCenter = center.map { UnsafeRawPointer($0) }
        let isRelu = activation == .relu
        for r in 0..<rows {
            let source = UnsafeRawPointer(input + r * channels)
            let destination = output + r * channels
            let rawDestination = UnsafeMutableRawPointer(destination)
            var c = 0
            while c < vectorChannels {
                let offset = c &* 4
                var x = source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                if let rawCenter { x -= rawCenter.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) }
                x *= rawScale.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                x += rawShift.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                if isRelu { x = VectorLoops.relu(x) }
                rawDestination.storeBytes(of: x, toByteOffset: offset, as: SIMD8<Float>.self)
                c &+= 8
            }
            let values = input + r * channels
            while c < channels {
                var value = values[c]
                if let center { value -= center[c] }
                let x = value * scale[c] + shift[c]
                destination[c] = isRelu ? (x <= 0 ? 0 : x) : x
                c &+= 1
            }
            if !isRelu { activation.apply(destination, count: channels) }
        }
    }
}
