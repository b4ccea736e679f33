/// A face candidate between cascade stages, in the `mtcnn` package's representation: corners in double
/// precision, the stage's face probability, and (after O-Net) five landmarks.
struct FaceCandidate: Equatable {
    var x1: Double
    var y1: Double
    var x2: Double
    var y2: Double
    var score: Double
    /// Landmark x coordinates then y coordinates (10 values), empty before O-Net.
    var landmarks: [Double] = []

    var cropBox: CropResize.Box { CropResize.Box(x1: x1, y1: y1, x2: x2, y2: y2) }

    /// `resize_to_square`: the box grown along its shorter side to a square with the same center.
    func squared() -> FaceCandidate {
        var result = self
        let height = y2 - y1, width = x2 - x1
        let side = Self.numpyMaximum(width, height)
        result.x1 = x1 + width * 0.5 - side * 0.5
        result.y1 = y1 + height * 0.5 - side * 0.5
        result.x2 = result.x1 + side
        result.y2 = result.y1 + side
        return result
    }

    /// `adjust_bboxes`: moves the corners by the network's offsets times the box's width and height counted
    /// with the package's `+ 1`. The package multiplies and adds in float32 (a TF tensor meets the numpy
    /// array), so this does too before widening back to double.
    func regressed(_ dx1: Float, _ dy1: Float, _ dx2: Float, _ dy2: Float) -> FaceCandidate {
        var result = self
        let width = Float(x2 - x1 + 1), height = Float(y2 - y1 + 1)
        result.x1 = Double(Float(x1) + dx1 * width)
        result.y1 = Double(Float(y1) + dy1 * height)
        result.x2 = Double(Float(x2) + dx2 * width)
        result.y2 = Double(Float(y2) + dy2 * height)
        return result
    }

    /// `adjust_landmarks`: O-Net's relative landmarks (x1..x5, y1..y5 in [0, 1]) mapped into this box; the
    /// package stores the result in a float32 array.
    func landmarksInBox(_ relative: UnsafeBufferPointer<Float>) -> [Double] {
        let width = x2 - x1 + 1, height = y2 - y1 + 1
        var points = [Double](repeating: 0, count: 10)
        for k in 0..<5 {
            points[k] = Double(Float(width * Double(relative[k]) + x1 - 1))
            points[5 + k] = Double(Float(height * Double(relative[5 + k]) + y1 - 1))
        }
        return points
    }

    /// `np.maximum`: NaN wins.
    static func numpyMaximum(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return a >= b ? a : b
    }

    /// `np.minimum(np.maximum(v, 0), upper)` as `limit_bboxes` clamps.
    static func clamp(_ v: Double, upper: Double) -> Double {
        if v.isNaN { return v }
        return min(max(v, 0), upper)
    }
}
