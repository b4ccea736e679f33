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
    ///
    /// Many candidates with finite corners and a threshold of at least 0 are checked through a grid: only boxes
    /// whose areas intersect can overlap by more than 0, and those share a grid cell, so each candidate is
    /// compared with the earlier ones near it instead of all of them. The result is the same.
    static func suppress(_ candidates: [FaceCandidate], threshold: Double, method: Overlap) -> [FaceCandidate] {
        if candidates.count > 64, threshold >= 0,
           candidates.allSatisfy({ $0.x1.isFinite && $0.y1.isFinite && $0.x2.isFinite && $0.y2.isFinite }) {
            return suppressThroughGrid(candidates, threshold: threshold, method: method)
        }
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

    /// ``suppress(_:threshold:method:)`` for finite boxes and `threshold >= 0`: an overlap above 0 needs an
    /// intersection of positive area, so each box is compared only with the earlier boxes registered in the grid
    /// cells it covers (boxes covering very many cells are compared with every later box instead). Boxes with
    /// no area (x2 <= x1 or y2 <= y1) intersect nothing and are not registered.
    private static func suppressThroughGrid(_ candidates: [FaceCandidate], threshold: Double,
                                            method: Overlap) -> [FaceCandidate] {
        // Cells about as large as the boxes' mean side, so that a typical box covers a few.
        var sideSum = 0.0, sized = 0
        for c in candidates where c.x2 > c.x1 && c.y2 > c.y1 {
            sideSum += max(c.x2 - c.x1, c.y2 - c.y1)
            sized += 1
        }
        let cell = sized > 0 ? max(1, sideSum / Double(sized)) : 1
        let maxCellsPerBox = 64
        struct Key: Hashable {
            var x: Int
            var y: Int
        }
        var grid: [Key: [Int32]] = [:]
        var large: [Int] = []
        var kept: [FaceCandidate] = []
        kept.reserveCapacity(candidates.count)
        candidates.withUnsafeBufferPointer { boxes in
            for j in boxes.indices {
                let box = boxes[j]
                let hasArea = box.x2 > box.x1 && box.y2 > box.y1
                var suppressed = false
                // Cell coordinates clamped far outside any image, so that they fit Int.
                func cellIndex(_ v: Double) -> Int { Int(max(-1e12, min(1e12, (v / cell).rounded(.down)))) }
                let cx1 = cellIndex(box.x1), cx2 = cellIndex(box.x2), cy1 = cellIndex(box.y1), cy2 = cellIndex(box.y2)
                let cellCount = hasArea ? (cx2 - cx1 + 1) * (cy2 - cy1 + 1) : 0
                if hasArea {
                    for i in large where overlap(boxes[i], box, method) > threshold {
                        suppressed = true
                        break
                    }
                    if !suppressed {
                        if cellCount > maxCellsPerBox {
                            // A box this large is compared with every earlier box.
                            for i in 0..<j where overlap(boxes[i], box, method) > threshold {
                                suppressed = true
                                break
                            }
                        } else {
                            search: for cy in cy1...cy2 {
                                for cx in cx1...cx2 {
                                    guard let earlier = grid[Key(x: cx, y: cy)] else { continue }
                                    for i in earlier where overlap(boxes[Int(i)], box, method) > threshold {
                                        suppressed = true
                                        break search
                                    }
                                }
                            }
                        }
                    }
                    if cellCount > maxCellsPerBox {
                        large.append(j)
                    } else {
                        for cy in cy1...cy2 {
                            for cx in cx1...cx2 { grid[Key(x: cx, y: cy), default: []].append(Int32(j)) }
                        }
                    }
                }
                if !suppressed { kept.append(box) }
            }
        }
        return kept
    }
}
