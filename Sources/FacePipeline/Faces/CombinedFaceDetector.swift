import Foundation
import Images

/// Faces from MTCNN, BlazeFace or both, as one list of ``DetectedFace`` (box, score, five points), optionally
/// also searching the image turned by 90, 180 and 270 degrees for faces that are not upright.
///
/// ```swift
/// let detector = try CombinedFaceDetector(kind: .both)
/// for face in try detector.detect(in: image) {
///     print(face.detector, face.box, face.score, face.landmarks.count)   // ... 5
/// }
/// ```
///
/// Fusion: every detector's faces are pooled, sorted by score (each detector's own face probability, both in
/// [0, 1]), and a face is dropped when its box covers, by more than ``Options/fusionOverlap`` of the smaller
/// box's area, a face already kept; MTCNN's faces are considered first, so a face both detectors find keeps
/// MTCNN's box and five points (its ``DetectedFace/detector`` is ``FaceDetectorKind/both``), and BlazeFace adds
/// the faces MTCNN misses.
///
/// A BlazeFace face is made comparable to MTCNN's: its box is moved and scaled into the box MTCNN gives the
/// same face (``mtcnnBox(for:)``), its eyes and nose are its keypoints, and its mouth corners lie on either
/// side of its mouth centre along the eye line (``mouthCorners(for:)``).
public struct CombinedFaceDetector: Sendable {
    /// The fusion parameters.
    public struct Options: Sendable, Equatable {
        /// A face whose box overlaps a kept face's box by more than this fraction of the smaller box's area is
        /// the same face.
        public var fusionOverlap: Double = 0.5
        /// Search the image turned by 90, 180 and 270 degrees when the upright image holds no face; faces found
        /// are returned in the upright image's coordinates.
        public var searchRotations: Bool = true
        /// A face found only in a turned copy of an image with no upright face must score above this: turned
        /// textures give BlazeFace weak false faces (0.52 on the astronaut's suit turned).
        public var turnedMinScore: Double = 0.6
        /// With ``searchRotations``, also when the image shows faces upright: BlazeFace alone looks at each
        /// turned copy not yet searched, and a copy where it finds a face no kept face covers is searched by
        /// every detector, its new faces added (a turned face beside upright ones).
        public var searchTurnedBesideUpright: Bool = true
        /// With ``searchTurnedBesideUpright``: a face found upright is taken as misread (an upside-down face
        /// whose mouth was taken for its eyes) and detected again in a turned copy when BlazeFace scores it
        /// there above ``turnedMinScore`` and by more than this above its upright score (above
        /// ``turnedMinScore`` when BlazeFace did not see it upright).
        public var turnedScoreMargin: Double = 0.1

        /// The defaults.
        public init() {}
    }

    /// MTCNN, when it takes part.
    public var mtcnn: FaceDetector?
    /// BlazeFace, when it takes part.
    public var blazeFace: BlazeFaceDetector?
    /// The fusion parameters.
    public var options: Options

    /// The bundled detectors of `kind`.
    public init(kind: FaceDetectorKind = .both, options: Options = Options()) throws(FaceDetectionError) {
        self.mtcnn = kind == .blazeface ? nil : try FaceDetector()
        self.blazeFace = kind == .mtcnn ? nil : try BlazeFaceDetector()
        self.options = options
    }

    /// Given detectors (at least one).
    public init(mtcnn: FaceDetector?, blazeFace: BlazeFaceDetector?, options: Options = Options()) {
        self.mtcnn = mtcnn
        self.blazeFace = blazeFace
        self.options = options
    }

    /// The faces of the image, by descending score, each with five points (see the type's documentation).
    ///
    /// With ``Options/searchRotations``: a face whose BlazeFace keypoints show it turned by about 90, 180 or
    /// 270 degrees (mouth beside or above the eyes) is detected again in the image turned to bring it upright,
    /// where both detectors see it as they were trained to, and replaced by that detection mapped back; the
    /// other faces of that turned copy are added where no face is yet. With
    /// ``Options/searchTurnedBesideUpright`` BlazeFace also looks at the turned copies: a face it is surer of
    /// in one of them than upright (by ``Options/turnedScoreMargin``; an upside-down face whose mouth was
    /// taken for its eyes) is detected again in that copy and replaced the same way, and a copy where it sees
    /// a new face is searched, its new faces added (a face in several searched copies comes from the one where
    /// it scores highest). When the image as it is shows no face, all its turned copies are searched and each
    /// face taken from the copy where it scores highest.
    public func detect(in image: Image) throws(FaceDetectionError) -> [DetectedFace] {
        let (upright, blazeFaces, blazeInput) = try detectUpright(in: image)
        guard options.searchRotations else { return upright }
        var turnedFaces: [QuarterTurn: [DetectedFace]] = [:]
        func faces(turned turn: QuarterTurn) throws(FaceDetectionError) -> [DetectedFace] {
            if let known = turnedFaces[turn] { return known }
            let found = try detect(in: image, turnedBy: turn)
            turnedFaces[turn] = found
            return found
        }
        // BlazeFace's look at the turned copies of its own 256x256 letterboxed input (no resize of the image):
        // the faces it sees in each, by score and box in the image.
        var seenTurned: [QuarterTurn: [(score: Double, box: DetectedFace.Box)]] = [:]
        if let blazeFace, let (square, letterbox) = blazeInput, !upright.isEmpty, options.searchTurnedBesideUpright {
            let side = BlazeFaceDetector.inputSize
            let whole = LetterboxResize(width: side, height: side, side: side)
            for turn in QuarterTurn.allCases where turn != .none {
                seenTurned[turn] = try blazeFace.detect(inSquare: square.applying(turn.orientation), letterbox: whole).map { detection in
                    (score: detection.score,
                     box: letterbox.imageBox(fromSquare: turn.mapBack(Self.face(from: detection).box, turnedWidth: side, turnedHeight: side)))
                }
            }
        }
        if upright.isEmpty {
            // Every turned copy is searched: a face turned by 180 degrees can also be read, less surely, in a
            // copy that shows it on its side, so each face comes from the copy where it scores highest (below).
            for turn in QuarterTurn.allCases where turn != .none { _ = try faces(turned: turn) }
        }
        var result = upright
        var replaced = Set<Int>()
        /// Replaces upright face `i` by the face best overlapping it in the copy turned by `turn`, if any.
        func replace(_ i: Int, turn: QuarterTurn) throws(FaceDetectionError) {
            let face = upright[i]
            let candidates = try faces(turned: turn)
            if let best = candidates.max(by: { Self.overlapOfSmaller($0.box, face.box) < Self.overlapOfSmaller($1.box, face.box) }),
               Self.overlapOfSmaller(best.box, face.box) > 0.3 {
                result[i] = best
                replaced.insert(i)
            }
        }
        // The face's own BlazeFace detection, or a BlazeFace face on the same spot.
        let witnesses = upright.map { face in
            blazeFaces.first(where: { Self.overlapOfSmaller(Self.mtcnnBox(for: $0), face.box) > options.fusionOverlap })
        }
        for i in upright.indices {
            guard let witness = witnesses[i] else { continue }
            let turn = Self.uprightTurn(for: witness)
            guard turn != .none else { continue }
            try replace(i, turn: turn)
        }
        // A face read upright with its mouth for its eyes (upside down, say): BlazeFace is surer of it in a
        // turned copy than upright (or sees it only there), so it is read again in the copy where BlazeFace is
        // surest of it.
        for i in upright.indices where !replaced.contains(i) {
            var best: (turn: QuarterTurn, score: Double)?
            for turn in QuarterTurn.allCases {
                let here = (seenTurned[turn] ?? []).filter { Self.overlapOfSmaller($0.box, upright[i].box) > options.fusionOverlap }
                    .map(\.score).max() ?? 0
                if here > (best?.score ?? 0) { best = (turn, here) }
            }
            if let best, best.score > options.turnedMinScore,
               best.score > (witnesses[i]?.score ?? options.turnedMinScore) + options.turnedScoreMargin {
                try replace(i, turn: best.turn)
            }
        }
        // A copy where BlazeFace sees a face no kept face covers is searched by every detector.
        for turn in QuarterTurn.allCases {
            if (seenTurned[turn] ?? []).contains(where: { new in
                new.score > options.turnedMinScore && !result.contains { Self.overlapOfSmaller($0.box, new.box) > options.fusionOverlap }
            }) {
                _ = try faces(turned: turn)
            }
        }
        // Every turned copy searched holds the faces turned like it: those no kept face covers are added, the
        // surest first (a face seen in two copies comes from the one where it is surest).
        let pooled = QuarterTurn.allCases.flatMap { turnedFaces[$0] ?? [] }.enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }.map(\.element)
        for new in pooled where new.score > options.turnedMinScore
            && !result.contains(where: { Self.overlapOfSmaller($0.box, new.box) > options.fusionOverlap }) {
            result.append(new)
        }
        return Self.fuse(result, overlap: options.fusionOverlap)
    }

    /// The faces every detector finds in the image turned by `turn` (no rotation search, no fusion with other
    /// copies), mapped back to the image's own coordinates, each with ``DetectedFace/rotation`` `turn`.
    public func detect(in image: Image, turnedBy turn: QuarterTurn) throws(FaceDetectionError) -> [DetectedFace] {
        let turned = turn == .none ? image : image.applying(turn.orientation)
        return try detectUpright(in: turned).faces.map { turn.mapBack($0, turnedWidth: turned.width, turnedHeight: turned.height) }
    }

    /// For each box (a face found upright), the detection on its spot (more than 0.3 of the smaller box) in each of
    /// the image's copies turned by 90, 180 and 270 degrees that has one, the best overlapping first in each copy:
    /// the other ways the face may be read. Each copy is searched once, and none when `boxes` is empty.
    public func turnedReadings(of boxes: [DetectedFace.Box], in image: Image) throws(FaceDetectionError) -> [[DetectedFace]] {
        var readings: [[DetectedFace]] = boxes.map { _ in [] }
        guard !boxes.isEmpty else { return readings }
        for turn in QuarterTurn.allCases where turn != .none {
            let found = try detect(in: image, turnedBy: turn)
            for (i, box) in boxes.enumerated() {
                let overlap = { (face: DetectedFace) in Self.overlapOfSmaller(face.box, box) }
                if let best = found.max(by: { overlap($0) < overlap($1) }), overlap(best) > 0.3 { readings[i].append(best) }
            }
        }
        return readings
    }

    /// The quarter turn that brings a BlazeFace face upright: from the direction of its mouth-to-eyes vector.
    static func uprightTurn(for detection: BlazeFaceDetector.Detection) -> QuarterTurn {
        let l = detection.keypoint(.leftEye), r = detection.keypoint(.rightEye), m = detection.keypoint(.mouthCenter)
        let upX = (l.x + r.x) / 2 - m.x, upY = (l.y + r.y) / 2 - m.y
        guard upX.isFinite, upY.isFinite, upX != 0 || upY != 0 else { return .none }
        if -upY >= abs(upX) { return .none }
        if upY >= abs(upX) { return .halfTurn }
        // The face's top points right: turning the image counter-clockwise brings it up.
        return upX > 0 ? .counterClockwise : .clockwise
    }

    /// The fused faces of the image as it is, BlazeFace's own detections, and BlazeFace's letterboxed input
    /// with its map back to the image. With both detectors and MTCNN's networks on more than one thread,
    /// BlazeFace runs on a thread of its own beside MTCNN (their results do not depend on each other).
    func detectUpright(in image: Image) throws(FaceDetectionError)
        -> (faces: [DetectedFace], blazeFaces: [BlazeFaceDetector.Detection], blazeInput: (Image, LetterboxResize)?) {
        typealias Found = (mtcnn: [DetectedFace], blazeFaces: [BlazeFaceDetector.Detection], blazeInput: (Image, LetterboxResize)?)
        let threads = (mtcnn?.pnet.threadCount ?? 1) > 1 ? 2 : 1
        let found = try ConcurrentTasks.map(count: 2, threads: mtcnn != nil && blazeFace != nil ? threads : 1) {
            (task) throws(FaceDetectionError) -> Found in
            if task == 0 { return (try mtcnn?.detect(in: image) ?? [], [], nil) }
            guard let blazeFace else { return ([], [], nil) }
            let seen = try blazeFace.detectKeepingInput(in: image)
            return ([], seen.detections, (seen.square, seen.letterbox))
        }
        let blazeFaces = found[1].blazeFaces
        let pool = found[0].mtcnn + blazeFaces.map { Self.face(from: $0) }
        return (Self.fuse(pool, overlap: options.fusionOverlap), blazeFaces, found[1].blazeInput)
    }

    /// Faces with MTCNN's box and points first, then by descending score; a face overlapping a kept one by
    /// more than `overlap` of the smaller box's area is dropped, and the kept face's ``DetectedFace/detector``
    /// becomes ``FaceDetectorKind/both`` when the dropped face came from the other detector (the kept face then
    /// also holds the dropped face's ``DetectedFace/blazeFace`` when it had none).
    static func fuse(_ faces: [DetectedFace], overlap: Double) -> [DetectedFace] {
        let ordered = faces.enumerated().sorted { a, b in
            let ra = a.element.detector == .blazeface ? 1 : 0, rb = b.element.detector == .blazeface ? 1 : 0
            if ra != rb { return ra < rb }
            if a.element.score != b.element.score { return a.element.score > b.element.score }
            return a.offset < b.offset
        }.map(\.element)
        var kept: [DetectedFace] = []
        for face in ordered {
            if let same = kept.firstIndex(where: { overlapOfSmaller($0.box, face.box) > overlap }) {
                kept[same].detector = kept[same].detector.joined(with: face.detector)
                if kept[same].blazeFace == nil { kept[same].blazeFace = face.blazeFace }
            } else {
                kept.append(face)
            }
        }
        return kept.sorted { $0.score > $1.score }
    }

    /// Intersection over the smaller box's area.
    static func overlapOfSmaller(_ a: DetectedFace.Box, _ b: DetectedFace.Box) -> Double {
        let w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        let h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        guard w > 0, h > 0 else { return 0 }
        let smaller = min(a.width * a.height, b.width * b.height)
        return smaller > 0 ? w * h / smaller : 0
    }

    /// A BlazeFace face as a ``DetectedFace`` like MTCNN's (``mtcnnBox(for:)``, ``mouthCorners(for:)``).
    public static func face(from detection: BlazeFaceDetector.Detection) -> DetectedFace {
        let mouth = mouthCorners(for: detection)
        var face = DetectedFace(box: mtcnnBox(for: detection), score: detection.score,
                                landmarks: [detection.keypoint(.leftEye), detection.keypoint(.rightEye),
                                            detection.keypoint(.noseTip), mouth.left, mouth.right])
        face.detector = .blazeface
        face.blazeFace = detection
        return face
    }

    /// The box MTCNN gives a face BlazeFace boxes as `detection.box`: on the committed photos MTCNN's box is
    /// 0.84 times as wide and 1.09 times as high as BlazeFace's (square) box and its centre lies 0.085 box
    /// sides higher. "Higher" is towards the eyes from the mouth, so the box follows a turned face.
    public static func mtcnnBox(for detection: BlazeFaceDetector.Detection) -> DetectedFace.Box {
        let side = (detection.box.width + detection.box.height) / 2
        let l = detection.keypoint(.leftEye), r = detection.keypoint(.rightEye), m = detection.keypoint(.mouthCenter)
        var upX = (l.x + r.x) / 2 - m.x, upY = (l.y + r.y) / 2 - m.y
        let length = (upX * upX + upY * upY).squareRoot()
        if length > 0, length.isFinite { upX /= length; upY /= length } else { upX = 0; upY = -1 }
        let cx = detection.box.x + detection.box.width / 2 + 0.085 * side * upX
        let cy = detection.box.y + detection.box.height / 2 + 0.085 * side * upY
        // Along the face's up axis the box is 1.09 sides long, across it 0.84 sides.
        let across = 0.84 * side, along = 1.09 * side
        let width = abs(upY) * across + abs(upX) * along, height = abs(upY) * along + abs(upX) * across
        return DetectedFace.Box(x: cx - width / 2, y: cy - height / 2, width: width, height: height)
    }

    /// Mouth corners for a BlazeFace face: its mouth centre moved by ±0.42 of the eye-to-eye vector (MTCNN's
    /// mouth corners lie about 0.84 inter-ocular distances apart, parallel to the eyes).
    public static func mouthCorners(for detection: BlazeFaceDetector.Detection) -> (left: DetectedFace.Point, right: DetectedFace.Point) {
        let l = detection.keypoint(.leftEye), r = detection.keypoint(.rightEye), m = detection.keypoint(.mouthCenter)
        let dx = 0.42 * (r.x - l.x), dy = 0.42 * (r.y - l.y)
        return (DetectedFace.Point(x: m.x - dx, y: m.y - dy), DetectedFace.Point(x: m.x + dx, y: m.y + dy))
    }
}
