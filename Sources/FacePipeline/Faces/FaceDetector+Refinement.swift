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
        // The crops read the 8-bit frame through the normalization table: no float copy of it is made.
        let outputs: [[Float]]
        do {
            let view = try NormalizedImageView(image)
            outputs = try runBatched(onet, "O-Net", view, candidates, size: 48,
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
}
