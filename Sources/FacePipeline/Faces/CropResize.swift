/// Bilinear crop-and-resize exactly as TensorFlow's `CropAndResize` kernel computes it (what the `mtcnn`
/// package's `extract_patches` uses to feed R-Net and O-Net), with zero for samples outside the image.
enum CropResize {
    /// A box in pixel coordinates (x1, y1, x2, y2) as the package stores its candidates.
    struct Box {
        var x1: Double
        var y1: Double
        var x2: Double
        var y2: Double
    }

    /// Crops every box out of `image` and resizes it to `size` x `size`, writing `size * size * channels`
    /// values per box one after another into `output` (which must hold that many for all boxes).
    ///
    /// Like the package, each coordinate is first divided by the image's height or width (in double) and
    /// rounded to float, and TF then maps it back through `coordinate * (extent - 1)`.
    static func crop<Source: NormalizedPixels>(_ image: Source, boxes: some Collection<Box>, size: Int,
                                               into output: UnsafeMutableBufferPointer<Float>) {
        let channels = image.channels
        let perBox = size * size * channels
        precondition(output.count >= perBox * boxes.count && size > 0)
        guard let dst = output.baseAddress else { return }
        let height = image.height, width = image.width
        let maxY = Float(height - 1), maxX = Float(width - 1)
        image.withValueReader { value in
            for (b, box) in boxes.enumerated() {
                let y1 = Float(box.y1 / Double(height)), x1 = Float(box.x1 / Double(width))
                let y2 = Float(box.y2 / Double(height)), x2 = Float(box.x2 / Double(width))
                let heightScale: Float = size > 1 ? (y2 - y1) * maxY / Float(size - 1) : 0
                let widthScale: Float = size > 1 ? (x2 - x1) * maxX / Float(size - 1) : 0
                let base = dst + b * perBox
                for y in 0..<size {
                    let inY = size > 1 ? y1 * maxY + Float(y) * heightScale : 0.5 * (y1 + y2) * maxY
                    let row = base + y * size * channels
                    // Written as a positive test so that NaN coordinates also give zeros.
                    guard inY >= 0 && inY <= maxY else {
                        row.update(repeating: 0, count: size * channels)
                        continue
                    }
                    let top = Int(inY.rounded(.down)), bottom = Int(inY.rounded(.up))
                    let yLerp = inY - Float(top)
                    let topRow = top * width, bottomRow = bottom * width
                    for x in 0..<size {
                        let inX = size > 1 ? x1 * maxX + Float(x) * widthScale : 0.5 * (x1 + x2) * maxX
                        let pixel = row + x * channels
                        guard inX >= 0 && inX <= maxX else {
                            pixel.update(repeating: 0, count: channels)
                            continue
                        }
                        let left = Int(inX.rounded(.down)), right = Int(inX.rounded(.up))
                        let xLerp = inX - inX.rounded(.down)
                        for c in 0..<channels {
                            let topLeft = value(topRow + left, c), topRight = value(topRow + right, c)
                            let bottomLeft = value(bottomRow + left, c), bottomRight = value(bottomRow + right, c)
                            let upper = topLeft + (topRight - topLeft) * xLerp
                            let lower = bottomLeft + (bottomRight - bottomLeft) * xLerp
                            pixel[c] = upper + (lower - upper) * yLerp
                        }
                    }
                }
            }
        }
    }
}
