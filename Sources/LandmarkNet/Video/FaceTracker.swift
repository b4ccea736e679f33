import Dispatch
import Images
import Kernels

/// Faces in a stream of frames (a video file, a camera): the full MTCNN detection runs every
/// ``Options/detectionInterval`` frames, and in between each face is tracked from the previous frame's points.
///
/// ```swift
/// var tracker = try FaceTracker(landmarker: FaceLandmarker(landmarkModel: nil))
/// for frame in frames {                              // Images.Image, RGB, all of one size
///     for face in try tracker.process(frame) {
///         print(face.id, face.face.box, face.face.landmarks5)
///     }
/// }
/// ```
///
/// Tracking a face: the box of its previous points (the landmark graph's when there is one, else the five
/// points), placed as the detector's box was placed around them when the face was last detected and moved by
/// the points' last motion, is squared and cropped through O-Net as the detector's last stage does; O-Net gives
/// the new box, score and five points, and the landmark graph (if any) runs on the new box. A face whose O-Net
/// score falls to the detector's O-Net threshold or below is lost, and the full detection runs again on that
/// same frame. Faces found by a detection keep the identity of the track they overlap (IoU above 0.3).
///
/// The face mesh (when the landmarker has one; `FaceLandmarker(withMesh: false)` for none) runs on every
/// frame's faces, detected or tracked, all in one batch, from each face's box and five points as for a
/// detection; it fills ``FaceLandmarker/Face/mesh`` but does not steer the tracking.
///
/// A tracker is a value holding the tracking state; it is not meant to be shared between threads.
public struct FaceTracker: Sendable {
    /// Tracking parameters.
    public struct Options: Sendable, Equatable {
        /// Full detection on every frame that is this many frames after the last one (1: every frame).
        public var detectionInterval: Int = 15
        /// Filter the reported points with a ``FaceSmoother`` (the tracking itself uses the unfiltered ones).
        public var smoothing: FaceSmoother? = nil
        /// BLAS worker threads for all networks (process-wide); nil leaves the setting unchanged.
        public var threads: Int? = nil

        /// The defaults: detection every 15 frames, no smoothing.
        public init(detectionInterval: Int = 15, smoothing: FaceSmoother? = nil, threads: Int? = nil) {
            self.detectionInterval = detectionInterval
            self.smoothing = smoothing
            self.threads = threads
        }
    }

    /// A face on one frame.
    public struct TrackedFace: Sendable, Equatable {
        /// The track's number, the same on every frame of one face's track (from 1, never reused).
        public var id: Int
        /// The face: box, score, five points, the landmark graph's points and the face mesh; smoothed when
        /// smoothing is on.
        public var face: FaceLandmarker.Face
        /// Whether this frame's face came from tracking (true) or from a full detection (false).
        public var isTracked: Bool
    }

    /// Time spent per stage since the tracker was made, in seconds, and how many full detections ran.
    public struct Timings: Sendable, Equatable {
        /// Full MTCNN detections.
        public var detection: Double = 0
        /// O-Net tracking.
        public var tracking: Double = 0
        /// The landmark graph.
        public var landmarks: Double = 0
        /// The face mesh.
        public var mesh: Double = 0
        /// The number of full detections.
        public var detections: Int = 0
        /// The number of tracks lost (each followed by a detection).
        public var lostTracks: Int = 0
    }

    /// One followed face.
    struct Track: Sendable {
        var id: Int
        var face: FaceLandmarker.Face
        /// The detector's box relative to the bounding box of the tracked points at the last detection: left and
        /// top offsets and width and height, in units of the points' box width and height.
        var relation: (x: Double, y: Double, width: Double, height: Double)
        /// The centre of the tracked points on the previous frame, for the motion estimate.
        var previousCentre: DetectedFace.Point?
        var smoother: FaceSmoother?
    }

    /// The detector, the landmark graph and the face mesh.
    public let landmarker: FaceLandmarker
    /// The parameters.
    public var options: Options
    /// Time spent so far.
    public private(set) var timings = Timings()
    /// Frames processed so far.
    public private(set) var frameIndex = 0
    var tracks: [Track] = []
    var nextID = 1
    var lastDetection: Int?

    /// A tracker over a landmarker (its detector's options apply to the full detections and its O-Net threshold
    /// to tracking).
    public init(landmarker: FaceLandmarker, options: Options = Options()) throws(LandmarkError) {
        guard options.detectionInterval >= 1 else {
            throw LandmarkError(.invalidFeed, "detection interval \(options.detectionInterval) must be at least 1")
        }
        self.landmarker = landmarker
        self.options = options
        if let threads = options.threads { BLAS.setThreadCount(max(1, threads)) }
    }

    /// Forgets every track (the next frame gets a full detection); the timings are kept.
    public mutating func reset() {
        tracks = []
        lastDetection = nil
    }

    /// The faces on the next frame (RGB or gray, any size; the frames of one stream normally share a size),
    /// sorted by score, highest first.
    public mutating func process(_ frame: Image) throws(LandmarkError) -> [TrackedFace] {
        guard options.detectionInterval >= 1 else {
            throw LandmarkError(.invalidFeed, "detection interval \(options.detectionInterval) must be at least 1")
        }
        defer { frameIndex += 1 }
        let image = frame.channels == 3 ? frame : frame.rgb()
        let due = lastDetection.map { frameIndex - $0 >= options.detectionInterval } ?? true
        var faces: [(face: FaceLandmarker.Face, track: Int?)] = []
        var detected = due
        if !due && !tracks.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            let followed = try follow(image)
            timings.tracking += Self.seconds(since: start)
            let kept = zip(followed, tracks).compactMap { face, track in face.map { (face: $0, track: Optional(track.id)) } }
            if kept.count < tracks.count {
                timings.lostTracks += tracks.count - kept.count
                detected = true
            } else {
                faces = kept
            }
        }
        if detected {
            let start = DispatchTime.now().uptimeNanoseconds
            let found: [DetectedFace]
            do {
                found = try landmarker.detector.detect(in: image)
            } catch {
                throw LandmarkError(.invalidFeed, "face detection: \(error)")
            }
            timings.detection += Self.seconds(since: start)
            timings.detections += 1
            lastDetection = frameIndex
            faces = found.sorted { $0.score > $1.score }.map {
                (FaceLandmarker.Face(box: $0.box, score: $0.score, landmarks5: $0.landmarks, landmarks: nil), nil)
            }
        }
        if let landmarkModel = landmarker.landmarkModel, !faces.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            let points = try landmarkModel.landmarks(in: image, boxes: faces.map(\.face.box))
            for i in faces.indices { faces[i].face.landmarks = points[i] }
            timings.landmarks += Self.seconds(since: start)
        }
        if landmarker.faceMesh != nil, !faces.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            var meshed = faces.map(\.face)
            try landmarker.addMeshes(to: &meshed, in: image)
            for i in faces.indices where i < meshed.count { faces[i].face = meshed[i] }
            timings.mesh += Self.seconds(since: start)
        }
        return update(with: faces, detected: detected)
    }

    /// Replaces the tracks by this frame's faces (matching detections to tracks by overlap) and returns them.
    mutating func update(with faces: [(face: FaceLandmarker.Face, track: Int?)], detected: Bool) -> [TrackedFace] {
        var previous = tracks
        var next: [Track] = []
        for (face, trackID) in faces {
            var track: Track
            if let trackID, let index = previous.firstIndex(where: { $0.id == trackID }) {
                track = previous.remove(at: index)
            } else if let index = Self.bestOverlap(face.box, previous.map(\.face.box)) {
                track = previous.remove(at: index)
            } else {
                track = Track(id: nextID, face: face, relation: (0, 0, 1, 1), previousCentre: nil, smoother: options.smoothing)
                nextID += 1
            }
            let points = Self.trackedPoints(face)
            let bounds = Self.bounds(points)
            if detected || track.previousCentre == nil, let bounds, bounds.width > 0, bounds.height > 0 {
                track.relation = ((face.box.x - bounds.x) / bounds.width, (face.box.y - bounds.y) / bounds.height,
                                  face.box.width / bounds.width, face.box.height / bounds.height)
            }
            track.previousCentre = track.face.landmarks5.isEmpty ? nil : Self.centre(Self.trackedPoints(track.face))
            track.face = face
            next.append(track)
        }
        // Two tracks that converged on one face: keep the higher score.
        var kept: [Track] = []
        for track in next.sorted(by: { $0.face.score > $1.face.score })
        where !kept.contains(where: { Self.iou($0.face.box, track.face.box) > 0.5 }) {
            kept.append(track)
        }
        var output: [TrackedFace] = []
        for i in kept.indices {
            var shown = kept[i].face
            if var smoother = kept[i].smoother {
                shown = smoother.smooth(shown)
                kept[i].smoother = smoother
            }
            output.append(TrackedFace(id: kept[i].id, face: shown, isTracked: !detected))
        }
        tracks = kept
        return output
    }

    /// Each track's face on this frame through O-Net, or nil for a lost track.
    func follow(_ image: Image) throws(LandmarkError) -> [FaceLandmarker.Face?] {
        let detector = landmarker.detector
        var candidates: [FaceCandidate] = []
        var usable: [Int] = []
        for (i, track) in tracks.enumerated() {
            guard let box = predictedBox(track), box.width > 1, box.height > 1 else { continue }
            candidates.append(FaceCandidate(x1: box.x, y1: box.y, x2: box.x + box.width, y2: box.y + box.height, score: 0).squared())
            usable.append(i)
        }
        var results = [FaceLandmarker.Face?](repeating: nil, count: tracks.count)
        guard !candidates.isEmpty else { return results }
        // Only the part of the frame the crops sample is normalized to float (a 640x480 frame costs more than
        // the O-Net run); the crop boxes are moved into it so that every sample lands where it would in the frame.
        let (normalized, boxes) = try Self.normalizedRegion(image, candidates.map(\.cropBox))
        let outputs: [[Float]]
        do {
            let crops = boxes.map { FaceCandidate(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2, score: 0) }
            outputs = try detector.runBatched(detector.onet, "O-Net", normalized, crops, size: 48,
                                              [FaceDetector.TensorName.boxRegression, FaceDetector.TensorName.landmarks,
                                               FaceDetector.TensorName.faceProbability], widths: [4, 10, 2])
        } catch {
            throw LandmarkError(.invalidFeed, "face tracking: \(error)")
        }
        for (k, candidate) in candidates.enumerated() {
            let r = outputs[0], l = outputs[1], p = outputs[2]
            let points = l[(10 * k)..<(10 * k + 10)].withUnsafeBufferPointer { candidate.landmarksInBox($0) }
            var c = candidate.regressed(r[4 * k], r[4 * k + 1], r[4 * k + 2], r[4 * k + 3])
            c.score = Double(p[2 * k + 1])
            c.landmarks = points
            guard c.score > detector.options.thresholds.onet else { continue }
            let face = detector.face(from: c, width: image.width, height: image.height)
            guard face.box.width > 0, face.box.height > 0 else { continue }
            results[usable[k]] = FaceLandmarker.Face(box: face.box, score: face.score, landmarks5: face.landmarks, landmarks: nil)
        }
        return results
    }

    /// The frame's pixels that crops of `boxes` sample, normalized as the detector normalizes the whole frame, and
    /// the boxes re-expressed for that region. ``CropResize`` samples a box's edge `e` of an image of extent `n` at
    /// `e (n - 1) / n`; a region at offset `o` of extent `m` samples `e' (m - 1) / m`, so `e'` is chosen to make
    /// the two the same point. Falls back to the whole frame when the region would be under 2 pixels a side.
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
            throw LandmarkError(.invalidFeed, "face tracking: \(error)")
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

    /// The box to look for a track's face in on this frame.
    func predictedBox(_ track: Track) -> DetectedFace.Box? {
        let points = Self.trackedPoints(track.face)
        guard let bounds = Self.bounds(points), bounds.width > 0, bounds.height > 0 else { return nil }
        var box = DetectedFace.Box(x: bounds.x + track.relation.x * bounds.width, y: bounds.y + track.relation.y * bounds.height,
                                   width: track.relation.width * bounds.width, height: track.relation.height * bounds.height)
        if let previous = track.previousCentre, let centre = Self.centre(points) {
            box.x += centre.x - previous.x
            box.y += centre.y - previous.y
        }
        let values = [box.x, box.y, box.width, box.height]
        guard values.allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { return nil }
        return box
    }

    /// The points a track follows: the landmark graph's when present, else the five points.
    static func trackedPoints(_ face: FaceLandmarker.Face) -> [DetectedFace.Point] {
        if let landmarks = face.landmarks, landmarks.count >= 3 { return landmarks }
        return face.landmarks5
    }

    static func bounds(_ points: [DetectedFace.Point]) -> DetectedFace.Box? {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = finite.first else { return nil }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in finite {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        return DetectedFace.Box(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    static func centre(_ points: [DetectedFace.Point]) -> DetectedFace.Point? {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !finite.isEmpty else { return nil }
        let n = Double(finite.count)
        return DetectedFace.Point(x: finite.reduce(0) { $0 + $1.x } / n, y: finite.reduce(0) { $0 + $1.y } / n)
    }

    /// Intersection over union of two boxes (0 for empty or non-finite boxes).
    static func iou(_ a: DetectedFace.Box, _ b: DetectedFace.Box) -> Double {
        let w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        let h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        guard w > 0, h > 0 else { return 0 }
        let inter = w * h, union = a.width * a.height + b.width * b.height - inter
        return union > 0 && union.isFinite ? inter / union : 0
    }

    /// The index of the box overlapping `box` most, if that overlap is above 0.3.
    static func bestOverlap(_ box: DetectedFace.Box, _ boxes: [DetectedFace.Box]) -> Int? {
        var best: (index: Int, iou: Double)?
        for (i, other) in boxes.enumerated() {
            let value = iou(box, other)
            if value > 0.3, value > (best?.iou ?? 0) { best = (i, value) }
        }
        return best?.index
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9
    }
}
