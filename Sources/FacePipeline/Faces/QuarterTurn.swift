import Images

/// A turn of an image by a multiple of 90 degrees, and the map of points found in the turned image back to
/// the original one.
public enum QuarterTurn: Int, Sendable, CaseIterable {
    /// Not turned.
    case none = 0
    /// Turned 90 degrees clockwise.
    case clockwise = 90
    /// Turned 180 degrees.
    case halfTurn = 180
    /// Turned 90 degrees counter-clockwise.
    case counterClockwise = 270

    /// The EXIF orientation whose display applies this turn (``Images/Image/applying(_:)``).
    public var orientation: ExifOrientation {
        switch self {
        case .none: return .topLeft
        case .clockwise: return .rightTop
        case .halfTurn: return .bottomRight
        case .counterClockwise: return .leftBottom
        }
    }

    /// A point of the turned image (`turnedWidth` x `turnedHeight`, continuous pixel coordinates with the
    /// origin at the top-left corner) in the original image.
    public func mapBack(_ p: DetectedFace.Point, turnedWidth w: Int, turnedHeight h: Int) -> DetectedFace.Point {
        let W = Double(w), H = Double(h)
        switch self {
        case .none: return p
        // Clockwise: turned (x, y) shows original (y, W - x).
        case .clockwise: return DetectedFace.Point(x: p.y, y: W - p.x)
        case .halfTurn: return DetectedFace.Point(x: W - p.x, y: H - p.y)
        // Counter-clockwise: turned (x, y) shows original (H - y, x).
        case .counterClockwise: return DetectedFace.Point(x: H - p.y, y: p.x)
        }
    }

    /// A box of the turned image in the original image (the same pixels, still axis-aligned).
    public func mapBack(_ box: DetectedFace.Box, turnedWidth w: Int, turnedHeight h: Int) -> DetectedFace.Box {
        let a = mapBack(DetectedFace.Point(x: box.x, y: box.y), turnedWidth: w, turnedHeight: h)
        let b = mapBack(DetectedFace.Point(x: box.x + box.width, y: box.y + box.height), turnedWidth: w, turnedHeight: h)
        return DetectedFace.Box(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }

    /// A face of the turned image in the original image: box and points mapped, ``DetectedFace/rotation``
    /// set to the turn.
    public func mapBack(_ face: DetectedFace, turnedWidth w: Int, turnedHeight h: Int) -> DetectedFace {
        var result = face
        result.box = mapBack(face.box, turnedWidth: w, turnedHeight: h)
        result.landmarks = face.landmarks.map { mapBack($0, turnedWidth: w, turnedHeight: h) }
        if let own = face.blazeFace {
            result.blazeFace = BlazeFaceDetector.Detection(
                box: mapBack(own.box, turnedWidth: w, turnedHeight: h), score: own.score,
                keypoints: own.keypoints.map { mapBack($0, turnedWidth: w, turnedHeight: h) })
        }
        result.rotation = self
        return result
    }

    /// A point of the original image (`width` x `height`) in the turned image: the inverse of
    /// `mapBack` for points.
    public func mapForward(_ p: DetectedFace.Point, width w: Int, height h: Int) -> DetectedFace.Point {
        let W = Double(w), H = Double(h)
        switch self {
        case .none: return p
        case .clockwise: return DetectedFace.Point(x: H - p.y, y: p.x)
        case .halfTurn: return DetectedFace.Point(x: W - p.x, y: H - p.y)
        case .counterClockwise: return DetectedFace.Point(x: p.y, y: W - p.x)
        }
    }

    /// A box of the original image in the turned image.
    public func mapForward(_ box: DetectedFace.Box, width w: Int, height h: Int) -> DetectedFace.Box {
        let a = mapForward(DetectedFace.Point(x: box.x, y: box.y), width: w, height: h)
        let b = mapForward(DetectedFace.Point(x: box.x + box.width, y: box.y + box.height), width: w, height: h)
        return DetectedFace.Box(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }
}
