import Images

/// Resizes a region of an RGB image bilinearly with half-pixel centres (as `cv2.resize(..., INTER_LINEAR)`
/// and `tf.image.resize(..., "bilinear")` without antialiasing do), writing `height * width * 3` floats.
///
/// Sample positions outside the region are clamped to its edge pixels.
func resizeBilinear(
    _ image: Image, region: PixelRegion, width: Int, height: Int, into output: UnsafeMutablePointer<Float>
) {
    let channels = image.channels
    let scaleX = Double(region.width) / Double(width)
    let scaleY = Double(region.height) / Double(height)
    image.pixels.withUnsafeBufferPointer { pixels in
        for oy in 0..<height {
            let sy = min(max((Double(oy) + 0.5) * scaleY - 0.5, 0), Double(region.height - 1))
            let y0 = Int(sy), y1 = min(y0 + 1, region.height - 1)
            let fy = Float(sy - Double(y0))
            let row0 = (region.y + y0) * image.width, row1 = (region.y + y1) * image.width
            for ox in 0..<width {
                let sx = min(max((Double(ox) + 0.5) * scaleX - 0.5, 0), Double(region.width - 1))
                let x0 = Int(sx), x1 = min(x0 + 1, region.width - 1)
                let fx = Float(sx - Double(x0))
                let p00 = (row0 + region.x + x0) * channels, p01 = (row0 + region.x + x1) * channels
                let p10 = (row1 + region.x + x0) * channels, p11 = (row1 + region.x + x1) * channels
                let out = output + (oy * width + ox) * 3
                for c in 0..<3 {
                    let k = min(c, channels - 1)
                    let top = Float(pixels[p00 + k]) * (1 - fx) + Float(pixels[p01 + k]) * fx
                    let bottom = Float(pixels[p10 + k]) * (1 - fx) + Float(pixels[p11 + k]) * fx
                    out[c] = top * (1 - fy) + bottom * fy
                }
            }
        }
    }
}

/// A rectangle of whole pixels inside an image.
public struct PixelRegion: Sendable, Hashable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width in pixels (> 0).
    public var width: Int
    /// Height in pixels (> 0).
    public var height: Int

    /// Creates a region.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
