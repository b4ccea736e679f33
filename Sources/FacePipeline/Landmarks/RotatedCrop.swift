import Foundation
import Images

/// Samples a rotated square of an image (a ``FaceMeshROI``) to `size` x `size` RGB bytes, antialiased: each output
/// pixel averages `n` x `n` bilinear samples spread evenly over its footprint, with `n` = ceil(side / size) (at
/// least 1, at most ``maxSamplesPerAxis``), so that a shrunk face is sampled about once per source pixel.
///
/// Sample (a, b) of output pixel (column j, row i) lies at the square's point (u, v) =
/// ((j n + b + 0.5) / (size n), (i n + a + 0.5) / (size n)), that is `center + side * R(rotation) * (u - 0.5, v - 0.5)`
/// in the image (``FaceMeshROI``'s convention). A sample is bilinear between the four nearest pixel centres (pixel
/// (x, y) covers [x, x + 1] x [y, y + 1]), pixels outside the image counting as black. The mean is rounded half up.
/// Gray images are read as gray RGB; a fourth channel is ignored.
enum RotatedCrop {
    /// The most samples per axis and output pixel (a square over 16 times the output's side is sampled more
    /// sparsely than once per pixel).
    static let maxSamplesPerAxis = 16

    /// Samples per axis and output pixel for a square of `side` pixels sampled to `size`.
    static func samplesPerAxis(side: Double, size: Int) -> Int {
        let ratio = (side / Double(size)).rounded(.up)
        return ratio.isFinite ? max(1, min(maxSamplesPerAxis, Int(ratio))) : 1
    }

    /// Whether a crop of `roi` can be taken: finite, positive, within coordinates a crop can address.
    static func isValid(_ roi: FaceMeshROI) -> Bool {
        roi.isValid && abs(roi.centerX) < 1e7 && abs(roi.centerY) < 1e7 && roi.size < 1e7
    }

    /// Writes the `size` x `size` x 3 RGB crop of `roi` (``isValid``) to `output` (rows top to bottom).
    static func crop(_ image: Image, _ roi: FaceMeshROI, size: Int, into output: UnsafeMutablePointer<UInt8>) {
        let n = samplesPerAxis(side: roi.size, size: size)
        let c = cos(roi.rotation), s = sin(roi.rotation)
        let step = roi.size / Double(size * n)
        // Image position of square point (u, v) with u, v in samples: origin + u * column + v * row.
        let columnX = step * c, columnY = step * s, rowX = -step * s, rowY = step * c
        let originX = roi.centerX - roi.size / 2 * (c - s), originY = roi.centerY - roi.size / 2 * (s + c)
        let width = image.width, height = image.height, channels = image.channels
        let k1 = min(1, channels - 1), k2 = min(2, channels - 1)
        let scale = 1 / Double(n * n)
        image.pixels.withUnsafeBufferPointer { pixels in
            guard let base = pixels.baseAddress else { return }
            for i in 0..<size {
                for j in 0..<size {
                    var red = 0.0, green = 0.0, blue = 0.0
                    for a in 0..<n {
                        let v = Double(i * n + a) + 0.5
                        for b in 0..<n {
                            let u = Double(j * n + b) + 0.5
                            // Sample position in pixel-centre coordinates (pixel x's centre at x).
                            let x = originX + u * columnX + v * rowX - 0.5, y = originY + u * columnY + v * rowY - 0.5
                            guard x > -1, y > -1, x < Double(width), y < Double(height) else { continue }
                            let x0 = Int(x + 1) - 1, y0 = Int(y + 1) - 1
                            let fx = x - Double(x0), fy = y - Double(y0)
                            @inline(__always) func add(_ column: Int, _ row: Int, _ weight: Double) {
                                guard column >= 0, column < width, row >= 0, row < height else { return }
                                let pixel = base + (row * width + column) * channels
                                red += weight * Double(pixel[0])
                                green += weight * Double(pixel[k1])
                                blue += weight * Double(pixel[k2])
                            }
                            add(x0, y0, (1 - fx) * (1 - fy))
                            add(x0 + 1, y0, fx * (1 - fy))
                            add(x0, y0 + 1, (1 - fx) * fy)
                            add(x0 + 1, y0 + 1, fx * fy)
                        }
                    }
                    let out = output + (i * size + j) * 3
                    out[0] = UInt8(min(255, max(0, (red * scale + 0.5).rounded(.down))))
                    out[1] = UInt8(min(255, max(0, (green * scale + 0.5).rounded(.down))))
                    out[2] = UInt8(min(255, max(0, (blue * scale + 0.5).rounded(.down))))
                }
            }
        }
    }
}
