/// Ordering and non-maximum suppression of face candidates as the `mtcnn` 1.0.0 package does them.
enum NonMaximumSuppression {
    /// How the overlap of two boxes is measured.
    enum Overlap {
        /// Intersection over union.
        case union
        /// Intersection over the smaller box's area.
        case minimum
    }

    /// `sort_by_scores(..., ascending=False)`: numpy's ascending argsort reversed. For equal scores the
    /// later candidate comes first, as numpy's (insertion-sorted, stable) small-array argsort reversed gives.
    static func sortedByScore(_ candidates: [FaceCandidate]) -> [FaceCandidate] {
        let order = candidates.indices.sorted { a, b in
            let sa = candidates[a].score, sb = candidates[b].score
            if sa != sb { return sa > sb }
            return a > b
        }
        return order.map { candidates[$0] }
    }

    /// The package's `iou` matrix entry for two boxes (areas without the +1, which can be negative or zero:
    /// the division then follows IEEE rules as numpy's does).
    @inline(__always)
    static func overlap(_ a: FaceCandidate, _ b: FaceCandidate, _ method: Overlap) -> Double {
        let areaA = (a.x2 - a.x1) * (a.y2 - a.y1)
        let areaB = (b.x2 - b.x1) * (b.y2 - b.y1)
        let interWidth = max(0, min(a.x2, b.x2) - max(a.x1, b.x1))
        let interHeight = max(0, min(a.y2, b.y2) - max(a.y1, b.y1))
        let intersection = interWidth * interHeight
        switch method {
        case .union: return intersection / (areaA + areaB - intersection)
        case .minimum: return intersection / min(areaA, areaB)
        }
    }

    /// The package's `nms`: candidate j is kept when no EARLIER candidate i < j, kept or not, overlaps it by
    /// more than `threshold`. (Unlike the classic greedy NMS, a suppressed box still suppresses later ones.)
    /// The candidates' order is kept.
    static func suppress(_ candidates: [FaceCandidate], threshold: Double, method: Overlap) -> [FaceCandidate] {
        var kept: [FaceCandidate] = []
        kept.reserveCapacity(candidates.count)
        candidates.withUnsafeBufferPointer { boxes in
            for j in boxes.indices {
                var suppressed = false
                for i in 0..<j where overlap(boxes[i], boxes[j], method) > threshold {
                    suppressed = true
                    break
                }
                if !suppressed { kept.append(boxes[j]) }
            }
        }
        return kept
    }
}
