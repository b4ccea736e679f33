import Images

extension FaceDetector {
    /// Runs the detector's last stage (O-Net) on given boxes of an image, as it runs on R-Net's candidates: each
    /// box is made square around its centre, cropped, and O-Net gives the face's box, score and five points.
    /// Used to follow a face from one video frame to the next without a full detection.
    ///
    /// - Returns: one entry per box: the face, or nil when the box is degenerate or O-Net's score is not above
    ///   its threshold (``Options/thresholds``).
    public func refine(_ boxes: [DetectedFace.Box], in image: Image) throws(LandmarkError) -> [DetectedFace?] {
        var candidates: [FaceCandidate] = []
        var usable: [Int] = []
        for (i, box) in boxes.enumerated() {
            let values = [box.x, box.y, box.width, box.height]
            guard box.width > 1, box.height > 1, values.allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { continue }
            candidates.append(FaceCandidate(x1: box.x, y1: box.y, x2: box.x + box.width, y2: box.y + box.height, score: 0).squared())
            usable.append(i)
        }
        var results = [DetectedFace?](repeating: nil, count: boxes.count)
        guard !candidates.isEmpty else { return results }
        // Only the part of the image the crops sample is normalized to float (a 640x480 frame costs more than
        // the O-Net run); the crop boxes are moved into it so that every sample lands where it would in the image.
        let (normalized, moved) = try Self.normalizedRegion(image, candidates.map(\.cropBox))
        let outputs: [[Float]]
        do {
            let crops = moved.map { FaceCandidate(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2, score: 0) }
            outputs = try runBatched(onet, "O-Net", normalized, crops, size: 48,
                                     [TensorName.boxRegression, TensorName.landmarks, TensorName.faceProbability],
                                     widths: [4, 10, 2])
        } catch {
            throw LandmarkError(.invalidFeed, "face refinement: \(error)")
        }
        let r = outputs[0], l = outputs[1], p = outputs[2]
        for (k, candidate) in candidates.enumerated() {
            let points = l[(10 * k)..<(10 * k + 10)].withUnsafeBufferPointer { candidate.landmarksInBox($0) }
            var c = candidate.regressed(r[4 * k], r[4 * k + 1], r[4 * k + 2], r[4 * k + 3])
            c.score = Double(p[2 * k + 1])
            c.landmarks = points
            guard c.score > options.thresholds.onet else { continue }
            let face = face(from: c, width: image.width, height: image.height)
            guard face.box.width > 0, face.box.height > 0 else { continue }
            results[usable[k]] = face
        }
        return results
    }

    /// The image's pixels that crops of `boxes` sample, normalized as the detector normalizes the whole image, and
    /// the boxes re-expressed for that region. ``CropResize`` samples a box's edge `e` of an image of extent `n` at
    /// `e (n - 1) / n`; a region at offset `o` of extent `m` samples `e' (m - 1) / m`, so `e'` is chosen to make
    /// the two the same point. Falls back to the whole image when the region would be under 2 pixels a side.
    static func normalizedRegion(_ image: Image, _ boxes: [CropResize.Box]) throws(LandmarkError) -> (FloatImage, [CropResize.Box]) {
        let width = Double(image.width), height = Double(image.height)
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for box in boxes {
            minX = min(minX, box.x1 * (width - 1) / width, box.x2 * (width - 1) / width)
            maxX = max(maxX, box.x1 * (width - 1) / width, box.x2 * (width - 1) / width)
            minY = min(minY, box.y1 * (height - 1) / height, box.y2 * (height - 1) / height)
            maxY = max(maxY, box.y1 * (height - 1) / height, box.y2 * (height - 1) / height)
        }
        let left = Int(max(0, min(width - 1, minX.rounded(.down) - 1)))
        let top = Int(max(0, min(height - 1, minY.rounded(.down) - 1)))
        let right = Int(max(0, min(width - 1, maxX.rounded(.up) + 1)))
        let bottom = Int(max(0, min(height - 1, maxY.rounded(.up) + 1)))
        let regionWidth = right - left + 1, regionHeight = bottom - top + 1
        let whole = regionWidth < 2 || regionHeight < 2 || !(minX.isFinite && minY.isFinite && maxX.isFinite && maxY.isFinite)
        let region = whole ? PixelRegion(x: 0, y: 0, width: image.width, height: image.height)
                           : PixelRegion(x: left, y: top, width: regionWidth, height: regionHeight)
        let normalized: FloatImage
        do {
            normalized = try FloatImage(normalizing: image, region: region)
        } catch {
            throw LandmarkError(.invalidFeed, "face refinement: \(error)")
        }
        if whole { return (normalized, boxes) }
        let w = Double(region.width), h = Double(region.height)
        func move(_ e: Double, _ extent: Double, _ offset: Double, _ size: Double) -> Double {
            (e * (extent - 1) / extent - offset) * size / (size - 1)
        }
        let moved = boxes.map {
            CropResize.Box(x1: move($0.x1, width, Double(left), w), y1: move($0.y1, height, Double(top), h),
                           x2: move($0.x2, width, Double(left), w), y2: move($0.y2, height, Double(top), h))
        }
        return (normalized, moved)
    }
}
