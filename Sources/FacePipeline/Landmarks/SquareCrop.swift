import Images

/// Samples a square region of an image (a ``DetectedFace/Box`` whose width and height are equal; it may extend past
/// the image, where it reads as black) down (or up) to `size` x `size` RGB bytes.
///
/// Downscaling averages the image area each output pixel's footprint covers (each source pixel weighted by the
/// covered fraction), so a large face loses no detail to aliasing; upscaling (a footprint under one pixel)
/// interpolates bilinearly between pixel centres. Pixels outside the image count as black. Gray images are read
/// as gray RGB, and the alpha of RGBA images is ignored (the colour is kept as stored, as PIL's
/// `convert("RGB")` does).
enum SquareCrop {
    /// One source pixel and its weight in an output pixel.
    struct Tap {
        var index: Int
        var weight: Float
    }

    /// The taps of every output position along one axis: the square starts at `origin`, each output pixel
    /// covers `step` source pixels, and the axis has `extent` pixels (taps outside it are dropped).
    static func taps(origin: Double, step: Double, size: Int, extent: Int) -> [[Tap]] {
        (0..<size).map { i in
            var taps: [Tap] = []
            if step >= 1 {
                let a = origin + Double(i) * step, b = a + step
                let first = max(0, Int(a.rounded(.down))), last = min(extent - 1, Int(b.rounded(.up)) - 1)
                if first <= last {
                    for p in first...last {
                        let covered = min(b, Double(p + 1)) - max(a, Double(p))
                        if covered > 0 { taps.append(Tap(index: p, weight: Float(covered / step))) }
                    }
                }
            } else {
                let centre = origin + (Double(i) + 0.5) * step - 0.5
                let p = Int(centre.rounded(.down))
                let fraction = centre - Double(p)
                for (index, weight) in [(p, 1 - fraction), (p + 1, fraction)] where index >= 0 && index < extent && weight > 0 {
                    taps.append(Tap(index: index, weight: Float(weight)))
                }
            }
            return taps
        }
    }

    /// Whether `square` is finite, positive, square and within coordinates a crop can address.
    static func isValid(_ square: DetectedFace.Box) -> Bool {
        square.x.isFinite && square.y.isFinite && square.width.isFinite && square.width > 0 && square.height == square.width
            && abs(square.x) < 1e7 && abs(square.y) < 1e7 && square.width < 1e7
    }

    /// Writes the `size` x `size` x 3 RGB crop of `square` to `output` (rows top to bottom).
    static func crop(_ image: Image, _ square: DetectedFace.Box, size: Int, into output: UnsafeMutablePointer<UInt8>) {
        let step = square.width / Double(size)
        let rows = taps(origin: square.y, step: step, size: size, extent: image.height)
        let columns = taps(origin: square.x, step: step, size: size, extent: image.width)
        let channels = image.channels
        // Horizontal pass over the source rows the vertical taps read, then the vertical pass.
        let firstRow = rows.lazy.compactMap { $0.first?.index }.min() ?? 0
        let lastRow = rows.lazy.compactMap { $0.last?.index }.max() ?? -1
        let rowCount = max(0, lastRow - firstRow + 1)
        var filtered = [Float](repeating: 0, count: rowCount * size * 3)
        image.pixels.withUnsafeBufferPointer { pixels in
            filtered.withUnsafeMutableBufferPointer { filtered in
                for r in 0..<rowCount {
                    let source = pixels.baseAddress! + (firstRow + r) * image.width * channels
                    let destination = filtered.baseAddress! + r * size * 3
                    for (j, taps) in columns.enumerated() {
                        var red: Float = 0, green: Float = 0, blue: Float = 0
                        for tap in taps {
                            let pixel = source + tap.index * channels
                            if channels >= 3 {
                                red += tap.weight * Float(pixel[0])
                                green += tap.weight * Float(pixel[1])
                                blue += tap.weight * Float(pixel[2])
                            } else {
                                let gray = tap.weight * Float(pixel[0])
                                red += gray; green += gray; blue += gray
                            }
                        }
                        destination[3 * j] = red
                        destination[3 * j + 1] = green
                        destination[3 * j + 2] = blue
                    }
                }
                for (i, taps) in rows.enumerated() {
                    let destination = output + i * size * 3
                    for k in 0..<(size * 3) {
                        var value: Float = 0
                        for tap in taps { value += tap.weight * filtered[(tap.index - firstRow) * size * 3 + k] }
                        destination[k] = UInt8(max(0, min(255, value.rounded())))
                    }
                }
            }
        }
    }
}
