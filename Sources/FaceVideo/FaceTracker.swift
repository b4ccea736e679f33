import Dispatch
import Images

/// Faces in a stream of frames (a video file, a camera): the landmarker's full detection (its
/// ``FaceLandmarker/detectorKind``) runs every ``Options/detectionInterval`` frames, and in between each face is
/// tracked from the previous frame's points. Full detections search the frame's turned copies only when
/// ``Options/searchRotations`` asks (a faceless frame would cost four detections).
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
/// score falls to the detector's O-Net threshold or below is followed by its face mesh instead when it had one
/// on the previous frame (the mesh runs on the region made from that mesh; its five points and box come from
/// the new mesh), and dropped without a detection when the mesh no longer sees a face there or did not see
/// one on the previous frame; without a face mesh, a face O-Net loses is lost, and the full detection runs
/// again on that same frame. Faces found by a detection keep the identity of the track they overlap (IoU
/// above 0.3).
///
/// The face mesh (when the landmarker has one; `FaceLandmarker(withMesh: false)` for none) runs on every
/// frame's faces, detected or tracked, all in one batch, from each face's box and five points as for a
/// detection; it fills ``FaceLandmarker/Face/mesh`` and steers the tracking only where O-Net loses a face (see
/// above). A face's mesh region on the next frame comes from its mesh on this one, as MediaPipe's video
/// pipeline does.
///
/// A tracker is a value holding the tracking state; it is not meant to be shared between threads.
public struct FaceTracker: Sendable {
    /// Tracking parameters.
    public struct Options: Sendable, Equatable {
        /// Full detection on every frame that is this many frames after the last one (1: every frame).
        public var detectionInterval: Int = 15
        /// Filter the reported points with a ``FaceSmoother`` (the tracking itself uses the unfiltered ones).
        public var smoothing: FaceSmoother? = nil
        /// Full detections also search the frame turned by 90, 180 and 270 degrees (the landmarker's
        /// ``FaceLandmarker/searchRotations``, which the tracker sets from this). Off by default: a frame
        /// without a face would cost four detections.
        public var searchRotations: Bool = false

        /// The defaults: detection every 15 frames, no smoothing, no turned copies. (Each network's thread count
        /// is its model's ``Model/Options/threads``.)
        public init(detectionInterval: Int = 15, smoothing: FaceSmoother? = nil, searchRotations: Bool = false) {
            self.detectionInterval = detectionInterval
            self.smoothing = smoothing
            self.searchRotations = searchRotations
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
        /// The number of times a face O-Net lost was followed by its mesh instead (no detection).
        public var meshFollowed: Int = 0
        /// The number of tracks dropped because O-Net lost their face and the mesh did not see it on this frame or
        /// the previous one (no detection).
        public var droppedTracks: Int = 0
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
    /// to tracking; its ``FaceLandmarker/searchRotations`` is set from `options`).
    public init(landmarker: FaceLandmarker, options: Options = Options()) throws(LandmarkError) {
        guard options.detectionInterval >= 1 else {
            throw LandmarkError(.invalidFeed, "detection interval \(options.detectionInterval) must be at least 1")
        }
        var landmarker = landmarker
        landmarker.searchRotations = options.searchRotations
        self.landmarker = landmarker
        self.options = options
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
        /// Faces of `faces` whose mesh is already made (followed by their mesh).
        var meshed = Set<Int>()
        var detected = due
        if !due && !tracks.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            let followed = try follow(image)
            timings.tracking += Self.seconds(since: start)
            let unfollowed = followed.indices.filter { followed[$0] == nil }
            let hasMesh = self.landmarker.faceMesh != nil
            // Lost: the mesh did not run on the face (no mesh stage); weak: it ran and saw no face there.
            let meshless = unfollowed.filter { !hasMesh || tracks[$0].face.meshPresence == nil }
            if !meshless.isEmpty {
                timings.lostTracks += meshless.count
                detected = true
            } else {
                faces = zip(followed, tracks).compactMap { face, track in face.map { (face: $0, track: Optional(track.id)) } }
                let weak = unfollowed.filter { tracks[$0].face.mesh == nil }
                timings.droppedTracks += weak.count
                let withMesh = unfollowed.filter { tracks[$0].face.mesh != nil }
                if !withMesh.isEmpty {
                    let meshStart = DispatchTime.now().uptimeNanoseconds
                    let byMesh = try followByMesh(withMesh, in: image)
                    timings.mesh += Self.seconds(since: meshStart)
                    for (k, face) in zip(withMesh, byMesh) {
                        guard let face else {
                            timings.droppedTracks += 1
                            continue
                        }
                        timings.meshFollowed += 1
                        meshed.insert(faces.count)
                        faces.append((face: face, track: tracks[k].id))
                    }
                }
            }
        }
        if detected {
            let start = DispatchTime.now().uptimeNanoseconds
            let found = try landmarker.detectFaces(in: image)
            timings.detection += Self.seconds(since: start)
            timings.detections += 1
            lastDetection = frameIndex
            faces = found.map { (face: $0, track: Int?.none) }
        }
        if let landmarkModel = landmarker.landmarkModel, !faces.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            let points = try landmarkModel.landmarks(in: image, boxes: faces.map(\.face.box))
            for i in faces.indices { faces[i].face.landmarks = points[i] }
            timings.landmarks += Self.seconds(since: start)
        }
        let landmarker = self.landmarker
        // The mesh first: the 68-point stage crops a face from its mesh when it has one.
        if landmarker.faceMesh != nil, !faces.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            try addMeshes(to: &faces, in: image, skipping: meshed)
            if detected && landmarker.searchRotations {
                // A face read upright that the mesh rejects is read again in the turned copies (as in a photo).
                var found = faces.map(\.face)
                try landmarker.rereadFacesTheMeshRejects(&found, in: image)
                for i in faces.indices { faces[i].face = found[i] }
            }
            timings.mesh += Self.seconds(since: start)
        }
        if landmarker.faceLandmarks68 != nil, !faces.isEmpty {
            try runStage(on: &faces, image, timing: \.landmarks) { (faces, image) throws(LandmarkError) in
                try landmarker.addLandmarks68(to: &faces, in: image)
            }
        }
        return update(with: faces, detected: detected)
    }

    /// Runs one of the landmarker's per-image stages on this frame's faces (all in one batch), adding its time to
    /// `timing`.
    private mutating func runStage(on faces: inout [(face: FaceLandmarker.Face, track: Int?)], _ image: Image,
                                   timing: WritableKeyPath<Timings, Double>,
                                   _ stage: (inout [FaceLandmarker.Face], Image) throws(LandmarkError) -> Void) throws(LandmarkError) {
        let start = DispatchTime.now().uptimeNanoseconds
        var staged = faces.map(\.face)
        try stage(&staged, image)
        for i in faces.indices where i < staged.count { faces[i].face = staged[i] }
        timings[keyPath: timing] += Self.seconds(since: start)
    }

    /// The mesh of every face. A face whose track had a mesh on the previous frame takes its region from that
    /// mesh (``FaceMeshROI/init(mesh:scale:)``, moved by the face's five points' motion) and is not refined
    /// again; a new face takes its region from its detection and is refined as
    /// ``FaceLandmarker/meshRefinementPasses`` says. The faces at `skipping` keep the mesh they have.
    func addMeshes(to faces: inout [(face: FaceLandmarker.Face, track: Int?)], in image: Image,
                   skipping: Set<Int> = []) throws(LandmarkError) {
        guard let faceMesh = landmarker.faceMesh else { return }
        var seeded: [Int] = [], fresh: [Int] = []
        var seeds: [FaceMeshROI] = []
        for (i, entry) in faces.enumerated() where !skipping.contains(i) {
            let index = entry.track.flatMap { id in tracks.firstIndex { $0.id == id } }
                ?? Self.bestOverlap(entry.face.box, tracks.map(\.face.box))
            if let index, let mesh = tracks[index].face.mesh, var roi = FaceMeshROI(mesh: mesh, scale: faceMesh.options.roiScale) {
                let before = Self.centre(tracks[index].face.landmarks5), now = Self.centre(entry.face.landmarks5)
                if let before, let now {
                    roi.centerX += now.x - before.x
                    roi.centerY += now.y - before.y
                }
                seeded.append(i)
                seeds.append(roi)
            } else {
                fresh.append(i)
            }
        }
        if !seeded.isEmpty {
            var once = landmarker
            once.meshRefinementPasses = 0
            var group = seeded.map { faces[$0].face }
            try once.addMeshes(to: &group, in: image, regions: seeds)
            for (k, i) in seeded.enumerated() { faces[i].face = group[k] }
        }
        if !fresh.isEmpty {
            var group = fresh.map { faces[$0].face }
            try landmarker.addMeshes(to: &group, in: image)
            for (k, i) in fresh.enumerated() { faces[i].face = group[k] }
        }
    }

    /// The faces of the tracks at `indices` (which O-Net lost and which had a mesh on the previous frame) from
    /// the mesh alone: the mesh runs on the region made from the track's previous mesh, moved by the track's
    /// last motion; above the presence threshold the face takes its five points from the new mesh (eye centres,
    /// nose tip, mouth corners) and its box is the previous box moved and scaled as those points moved; below
    /// it, nil. The face keeps its track's score, detector and rotation.
    func followByMesh(_ indices: [Int], in image: Image) throws(LandmarkError) -> [FaceLandmarker.Face?] {
        guard let faceMesh = landmarker.faceMesh else { return indices.map { _ in nil } }
        let regions = indices.map { k -> FaceMeshROI in
            let track = tracks[k]
            guard let mesh = track.face.mesh, var roi = FaceMeshROI(mesh: mesh, scale: faceMesh.options.roiScale) else { return FaceMeshROI(centerX: 0, centerY: 0, size: 0, rotation: 0) }
            if let previous = track.previousCentre, let now = Self.centre(Self.trackedPoints(track.face)) {
                roi.centerX += now.x - previous.x
                roi.centerY += now.y - previous.y
            }
            return roi
        }
        let results = try faceMesh.meshes(in: image, regions: regions)
        return zip(indices, results).map { k, result -> FaceLandmarker.Face? in
            let track = tracks[k]
            guard let result, result.presence > faceMesh.options.presenceThreshold, let old = track.face.mesh,
                  let before = Self.fivePoints(mesh: old), let after = Self.fivePoints(mesh: result.points),
                  let a = Self.bounds(before), let b = Self.bounds(after), let ca = Self.centre(before), let cb = Self.centre(after)
            else { return nil }
            let scale = a.diagonal > 0 ? b.diagonal / a.diagonal : 1
            let box = track.face.box
            let moved = DetectedFace.Box(x: cb.x + (box.x - ca.x) * scale, y: cb.y + (box.y - ca.y) * scale,
                                         width: box.width * scale, height: box.height * scale)
            guard [moved.x, moved.y, moved.width, moved.height].allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { return nil }
            var face = FaceLandmarker.Face(box: moved, score: track.face.score, landmarks5: after, landmarks: nil,
                                           mesh: result.points, meshPresence: result.presence)
            face.pose = HeadPose(mesh: result.points)
            face.detector = track.face.detector
            face.rotation = track.face.rotation
            return face
        }
    }

    /// Five points like a detector's from a face mesh: the centres of the person's right and left eyes (mesh
    /// points 33 and 133, 362 and 263), the nose tip (1) and the mouth corners (61, 291).
    static func fivePoints(mesh: [FaceMesh.Point]) -> [DetectedFace.Point]? {
        guard mesh.count >= FaceMesh.pointCount else { return nil }
        func mid(_ a: Int, _ b: Int) -> DetectedFace.Point {
            DetectedFace.Point(x: (mesh[a].x + mesh[b].x) / 2, y: (mesh[a].y + mesh[b].y) / 2)
        }
        let points = [mid(33, 133), mid(362, 263), mid(1, 1), mid(61, 61), mid(291, 291)]
        return points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) ? points : nil
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

    /// Each track's face on this frame through the detector's last stage, or nil for a lost track. A followed
    /// face keeps the detector and rotation of its track's last detection.
    func follow(_ image: Image) throws(LandmarkError) -> [FaceLandmarker.Face?] {
        let boxes = tracks.map { predictedBox($0) ?? DetectedFace.Box(x: 0, y: 0, width: 0, height: 0) }
        return try zip(landmarker.detector.refine(boxes, in: image), tracks).map { found, track in
            found.map {
                var face = FaceLandmarker.Face(box: $0.box, score: $0.score, landmarks5: $0.landmarks, landmarks: nil)
                face.detector = track.face.detector
                face.rotation = track.face.rotation
                return face
            }
        }
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
