/// Finds the channels of an NHWC tensor that are zero at every pixel: a ReLU layer's dead units, whose products
/// a convolution reading them can leave out.
///
/// A value counts as zero when it is `+0` or `-0`; NaN and infinities count as nonzero, so that they still
/// reach the outputs they would reach otherwise.
public enum ZeroChannels {
    /// ORs the magnitude bits of channels `firstChannel ..< channels` of every one of `pixels` pixels of `data`
    /// (`channels` floats apart) into `nonzero[c - firstChannel]`: afterwards an entry is 0 exactly when its
    /// channel is zero at every pixel seen so far (this call's and earlier calls' on the same `nonzero`).
    public static func accumulate(_ data: UnsafePointer<Float>, pixels: Int, channels: Int, firstChannel: Int,
                                  into nonzero: UnsafeMutablePointer<UInt32>) {
        let width = channels - firstChannel
        guard pixels > 0, width > 0 else { return }
        let magnitude = UInt32(0x7FFF_FFFF)
        var row = UnsafeRawPointer(data + firstChannel)
        let rowBytes = channels * MemoryLayout<Float>.stride
        let accumulator = UnsafeMutableRawPointer(nonzero)
        for _ in 0..<pixels {
            var c = 0
            while c + 8 <= width {
                let offset = c * MemoryLayout<UInt32>.stride
                let bits = row.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt32>.self)
                let sum = accumulator.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt32>.self)
                accumulator.storeBytes(of: sum | (bits & magnitude), toByteOffset: offset, as: SIMD8<UInt32>.self)
                c += 8
            }
            while c < width {
                let offset = c * MemoryLayout<UInt32>.stride
                nonzero[c] |= row.loadUnaligned(fromByteOffset: offset, as: UInt32.self) & magnitude
                c += 1
            }
            row += rowBytes
        }
    }

    /// The smallest `c >= firstChannel` such that channels `c ..< channels` of `data` (`pixels` pixels, `channels`
    /// floats apart) are zero at every pixel: `channels` when the last channel is nonzero somewhere. `scratch`
    /// holds `channels - firstChannel` values.
    public static func tailStart(_ data: UnsafePointer<Float>, pixels: Int, channels: Int, from firstChannel: Int,
                                 scratch: UnsafeMutablePointer<UInt32>) -> Int {
        let width = channels - firstChannel
        guard width > 0 else { return channels }
        scratch.update(repeating: 0, count: width)
        accumulate(data, pixels: pixels, channels: channels, firstChannel: firstChannel, into: scratch)
        var start = channels
        while start > firstChannel && scratch[start - 1 - firstChannel] == 0 { start -= 1 }
        return start
    }
}
