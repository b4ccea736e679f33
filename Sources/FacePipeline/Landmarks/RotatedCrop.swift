import Foundation
import Images
import Kernels

/// Samples a rotated square of an image (a ``FaceMeshROI``) to `size` x `size` RGB bytes, antialiased: each output
/// pixel averages `n` x `n` bilinear samples spread evenly over its footprint, with `n` = ceil(side / size) (at
/// least 1, at most ``maxSamplesPerAxis``), so that a shrunk face is sampled about once per source pixel (a large
/// one in two steps, see ``crop(_:_:size:into:)``).
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

    /// The most samples per axis and output pixel taken directly; a larger square goes in two steps.
    static let twoStepSamplesPerAxis = 4

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
    ///
    /// A square needing more than ``twoStepSamplesPerAxis`` samples per axis goes in two steps, which sample the
    /// image about as densely and cost less for a large face: the upright square around it is area-averaged (``SquareCrop``, rounded
    /// to bytes) to twice the crop's resolution, and that image is then sampled as above, with 2 x 2 samples per
    /// output pixel.
    static func crop(_ image: Image, _ roi: FaceMeshROI, size: Int, into output: UnsafeMutablePointer<UInt8>) {
        guard samplesPerAxis(side: roi.size, size: size) > twoStepSamplesPerAxis else {
            image.pixels.withUnsafeBufferPointer { pixels in
                sample(pixels.baseAddress!, width: image.width, height: image.height, channels: image.channels, roi,
                       size: size, into: output)
            }
            return
        }
        // Intermediate pixels per image pixel, and the upright square (centred on the region) it covers.
        let density = Double(2 * size) / roi.size
        let bound = roi.size * (abs(cos(roi.rotation)) + abs(sin(roi.rotation)))
        let side = Int((bound * density).rounded(.up)) + 2
        let outer = Double(side) / density
        let square = DetectedFace.Box(x: roi.centerX - outer / 2, y: roi.centerY - outer / 2, width: outer, height: outer)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: side * side * 3) { buffer in
            SquareCrop.crop(image, square, size: side, into: buffer.baseAddress!)
            let inner = FaceMeshROI(centerX: Double(side) / 2, centerY: Double(side) / 2, size: Double(2 * size), rotation: roi.rotation)
            sample(buffer.baseAddress!, width: side, height: side, channels: 3, inner, size: size, into: output)
        }
    }

    /// The direct sampling of the type's overview, on `width` x `height` pixels of `channels` bytes at `base`.
    private static func sample(_ base: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int, _ roi: FaceMeshROI,
                               size: Int, into output: UnsafeMutablePointer<UInt8>) {
        let n = samplesPerAxis(side: roi.size, size: size)
        let c = cos(roi.rotation), s = sin(roi.rotation)
        let step = roi.size / Double(size * n)
        // Image position of square point (u, v) with u, v in samples: origin + u * column + v * row.
        let columnX = step * c, columnY = step * s, rowX = -step * s, rowY = step * c
        let originX = roi.centerX - roi.size / 2 * (c - s), originY = roi.centerY - roi.size / 2 * (s + c)
        let scale = 1 / Double(n * n)
        // One output row's sums, filled sample row by sample row; each sample row walks the image along the square's
        // x, its positions taken one step after the other (`size * n` of them).
        withUnsafeTemporaryAllocation(of: Double.self, capacity: size * 3 + 2 * size * n) { buffer in
            let sums = buffer.baseAddress!, xs = sums + size * 3, ys = xs + size * n
            for i in 0..<size {
                sums.update(repeating: 0, count: size * 3)
                for a in 0..<n {
                    let v = Double(i * n + a) + 0.5
                    // Sample positions in pixel-centre coordinates (pixel x's centre at x).
                    var x = originX + 0.5 * columnX + v * rowX - 0.5, y = originY + 0.5 * columnY + v * rowY - 0.5
                    for k in 0..<(size * n) {
                        xs[k] = x
                        ys[k] = y
                        x += columnX
                        y += columnY
                    }
                    BilinearSampling.supersampleRow(base, width: width, height: height, channels: channels, xs: xs,
                                                    ys: ys, samplesPerPixel: n, count: size, into: sums)
                }
                let out = output + i * size * 3
                for k in 0..<(size * 3) {
                    out[k] = UInt8(min(255, max(0, (sums[k] * scale + 0.5).rounded(.down))))
                }
            }
        }
    }
}
