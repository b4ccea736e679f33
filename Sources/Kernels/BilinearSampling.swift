import CKernelsAVX2

/// Bilinear samples of an 8-bit image at arbitrary positions: the inner loop of an affine warp, one output row's
/// positions at a time.
///
/// A position (x, y) has pixel (i, j)'s centre at (i + 0.5, j + 0.5). It is clamped to [-0.5, W + 0.5] x
/// [-0.5, H + 0.5] (a NaN coordinate to the top-left), and the four pixel centres around it, clamped to the image,
/// are blended: first along x, then along y, in `Float`. The value is rounded half up to a byte (as an 8-bit warp
/// stores it) and written as that byte / 255. Gray images are read as gray RGB; a fourth channel is ignored. With
/// `zeroBorder`, a position outside [0, W) x [0, H) gives black instead.
///
/// ``supersampleRow(_:width:height:channels:xs:ys:samplesPerPixel:count:into:allowsAVX2:)`` sums several such samples
/// per output pixel in double, for an antialiased crop.
///
/// On CPUs with AVX2 (when allowed) eight positions go at a time through `landmark_bilinear_sample_rgb` (four pixels
/// through `landmark_supersample_row`), which do the same operations in the same order as the scalar loops here: both
/// give the same bits.
public enum BilinearSampling {
    /// Writes 3 floats per position to `output` for the `count` positions (`xs[i]`, `ys[i]`) of the
    /// `width` x `height` image of `channels` (1 to 4) bytes per pixel at `pixels` (rows `width * channels` bytes
    /// apart, both sides at least 1).
    public static func sampleRGB(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int,
                                 xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int, zeroBorder: Bool,
                                 into output: UnsafeMutablePointer<Float>, allowsAVX2: Bool = true) {
        precondition(width >= 1 && height >= 1 && (1...4).contains(channels), "BilinearSampling: bad image shape")
        guard count > 0 else { return }
        if allowsAVX2 && AVX2Kernels.available {
            landmark_bilinear_sample_rgb(pixels, width, height, channels, xs, ys, count, zeroBorder ? 1 : 0, output)
            return
        }
        let maxX = Double(width), maxY = Double(height)
        let k1 = min(1, channels - 1), k2 = min(2, channels - 1)
        var out = output
        for i in 0..<count {
            defer { out += 3 }
            let x = xs[i], y = ys[i]
            if zeroBorder, !(x >= 0 && x < maxX && y >= 0 && y < maxY) {
                out[0] = 0
                out[1] = 0
                out[2] = 0
                continue
            }
            // Clamped far enough out that every neighbour is an edge pixel, so the conversion to Int is safe.
            let sx = x.isNaN ? -1 : min(max(x - 0.5, -1), maxX), sy = y.isNaN ? -1 : min(max(y - 0.5, -1), maxY)
            // floor(s) as truncation of s + 1 >= 0.
            let x0 = Int(sx + 1) &- 1, y0 = Int(sy + 1) &- 1
            let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
            let c0 = min(max(x0, 0), width &- 1), c1 = min(max(x0 &+ 1, 0), width &- 1)
            let r0 = min(max(y0, 0), height &- 1), r1 = min(max(y0 &+ 1, 0), height &- 1)
            let p00 = pixels + (r0 &* width &+ c0) &* channels, p01 = pixels + (r0 &* width &+ c1) &* channels
            let p10 = pixels + (r1 &* width &+ c0) &* channels, p11 = pixels + (r1 &* width &+ c1) &* channels
            @inline(__always) func sample(_ k: Int) -> Float {
                let a = Float(p00[k]), b = Float(p01[k]), c = Float(p10[k]), d = Float(p11[k])
                let top = a + (b - a) * fx
                let bottom = c + (d - c) * fx
                let value = top + (bottom - top) * fy
                // Rounded half up; value is within [0, 255] up to rounding, clamped before the conversion.
                return Float(Int(min(max(value + 0.5, 0), 255.5))) / 255
            }
            out[0] = sample(0)
            out[1] = sample(k1)
            out[2] = sample(k2)
        }
    }

    /// Adds to `sums` (3 doubles per pixel: R, G, B) the sum of `samplesPerPixel` samples for each of `count` pixels.
    /// Pixel j's samples are at (`xs[j * samplesPerPixel + b]`, `ys[…]`), added in order of b, in coordinates where
    /// pixel (i, k)'s centre is at (i, k). A sample whose four nearest pixel centres are all in the image is their
    /// bilinear blend; near an edge only the neighbours inside the image count (black outside); a sample more than a
    /// pixel outside adds nothing. Gray images are read as gray RGB; a fourth channel is ignored.
    public static func supersampleRow(_ pixels: UnsafePointer<UInt8>, width: Int, height: Int, channels: Int,
                                      xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, samplesPerPixel: Int,
                                      count: Int, into sums: UnsafeMutablePointer<Double>, allowsAVX2: Bool = true) {
        precondition(width >= 1 && height >= 1 && (1...4).contains(channels), "BilinearSampling: bad image shape")
        guard count > 0, samplesPerPixel > 0 else { return }
        if allowsAVX2 && AVX2Kernels.available {
            landmark_supersample_row(pixels, width, height, channels, xs, ys, samplesPerPixel, count, sums)
            return
        }
        let k1 = min(1, channels - 1), k2 = min(2, channels - 1)
        let lastX = Double(width - 1), lastY = Double(height - 1)
        let rowStride = width * channels
        for j in 0..<count {
            var red = 0.0, green = 0.0, blue = 0.0
            for b in 0..<samplesPerPixel {
                let x = xs[j * samplesPerPixel + b], y = ys[j * samplesPerPixel + b]
                if x >= 0, y >= 0, x < lastX, y < lastY {
                    // All four neighbours inside the image.
                    let x0 = Int(x), y0 = Int(y)
                    let fx = x - Double(x0), fy = y - Double(y0)
                    let p = pixels + y0 * rowStride + x0 * channels, q = p + rowStride
                    let w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy
                    red += w00 * Double(p[0]) + w01 * Double(p[channels]) + w10 * Double(q[0]) + w11 * Double(q[channels])
                    green += w00 * Double(p[k1]) + w01 * Double(p[channels + k1]) + w10 * Double(q[k1])
                        + w11 * Double(q[channels + k1])
                    blue += w00 * Double(p[k2]) + w01 * Double(p[channels + k2]) + w10 * Double(q[k2])
                        + w11 * Double(q[channels + k2])
                    continue
                }
                guard x > -1, y > -1, x < Double(width), y < Double(height) else { continue }
                // Near an edge: the neighbours inside the image only (black outside).
                let x0 = Int(x + 1) - 1, y0 = Int(y + 1) - 1
                let fx = x - Double(x0), fy = y - Double(y0)
                for corner in 0..<4 {
                    let column = x0 + (corner & 1), row = y0 + (corner >> 1)
                    guard column >= 0, column < width, row >= 0, row < height else { continue }
                    let weight = (corner & 1 == 0 ? 1 - fx : fx) * (corner >> 1 == 0 ? 1 - fy : fy)
                    let pixel = pixels + row * rowStride + column * channels
                    red += weight * Double(pixel[0])
                    green += weight * Double(pixel[k1])
                    blue += weight * Double(pixel[k2])
                }
            }
            sums[3 * j] += red
            sums[3 * j + 1] += green
            sums[3 * j + 2] += blue
        }
    }
}
