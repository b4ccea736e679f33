import Foundation
import Images

/// Faces and their landmarks in a photo: the bundled MTCNN and BlazeFace detectors, fused, find each face (box,
/// score, five points; ``detectorKind``, default ``FaceDetectorKind/both`` as `landmark detect`),
/// the bundled MediaPipe face mesh adds 468 points (see ``FaceMesh``), and an optional landmark graph such as
/// the seed model adds its own points.
///
/// ```swift
/// let landmarker = try FaceLandmarker(landmarkModel: LandmarkModel(Model(contentsOf: seedURL)))
/// let image = try Image(contentsOf: photoURL)
/// for face in try landmarker.faces(in: image) {
///     print(face.box, face.score, face.landmarks5.count, face.mesh?.count ?? 0, face.landmarks?.count ?? 0)   // ... 5 468 68
/// }
/// ```
public struct FaceLandmarker: Sendable {
    /// One face.
    public struct Face: Sendable, Equatable {
        /// The face box in image pixels.
        public var box: DetectedFace.Box
        /// The detector's confidence in [0, 1].
        public var score: Double
        /// The detector's five points: eye with the smaller x, the other eye, nose tip, mouth corner with the
        /// smaller x, the other mouth corner.
        public var landmarks5: [DetectedFace.Point]
        /// The landmark graph's points (68 for the seed model), when a landmark graph is set.
        public var landmarks: [DetectedFace.Point]?
        /// The 68 iBUG points of the trained 68-point stage (``FaceLandmarks68``), when the landmarker has one.
        public var landmarks68: [DetectedFace.Point]? = nil
        /// The 468-point face mesh in image pixels (indices as in ``FaceMeshRegion``), when the landmarker has a
        /// mesh and the mesh network's presence for the face is above ``FaceMesh/Options/presenceThreshold``.
        public var mesh: [FaceMesh.Point]? = nil
        /// The mesh network's face-presence probability, whenever the mesh ran on the face (also when it is
        /// not above the threshold and ``mesh`` is nil).
        public var meshPresence: Double? = nil
        /// The head's orientation, from the mesh (``HeadPose/init(mesh:)``), whenever the face has a ``mesh``.
        public var pose: HeadPose? = nil
        /// The detector that found the face (``DetectedFace/detector``; ``FaceDetectorKind/both`` when both did).
        public var detector: FaceDetectorKind = .mtcnn
        /// How far the image was turned for the face to be found upright (the 68-point stage runs on a copy
        /// turned so; every point is in the image's own coordinates).
        public var rotation: QuarterTurn = .none
        /// BlazeFace's own detection of the face (``DetectedFace/blazeFace``), when BlazeFace found it: the
        /// mesh region is made from it.
        public var blazeFace: BlazeFaceDetector.Detection? = nil

        /// Creates a face from a detection (or a tracked box) and any points known for it.
        public init(box: DetectedFace.Box, score: Double, landmarks5: [DetectedFace.Point],
                    landmarks: [DetectedFace.Point]? = nil, landmarks68: [DetectedFace.Point]? = nil,
                    mesh: [FaceMesh.Point]? = nil, meshPresence: Double? = nil) {
            self.box = box
            self.score = score
            self.landmarks5 = landmarks5
            self.landmarks = landmarks
            self.landmarks68 = landmarks68
            self.mesh = mesh
            self.meshPresence = meshPresence
        }

        /// A detected face: its box, score, five points, detector, turn and BlazeFace detection; no other points.
        public init(_ detected: DetectedFace) {
            self.init(box: detected.box, score: detected.score, landmarks5: detected.landmarks)
            detector = detected.detector
            rotation = detected.rotation
            blazeFace = detected.blazeFace
        }
    }

    /// The MTCNN face detector (also the tracker's O-Net stage in video).
    public var detector: FaceDetector
    /// The BlazeFace detector, loaded when ``detectorKind`` uses it.
    public var blazeFace: BlazeFaceDetector?
    /// Which detectors find the faces (``CombinedFaceDetector``).
    public var detectorKind: FaceDetectorKind = .both
    /// Search the image turned by 90, 180 and 270 degrees when the image as it is shows no face (and the other
    /// turned faces ``CombinedFaceDetector`` looks for).
    public var searchRotations: Bool = true
    /// With ``searchRotations`` and a mesh: a face found upright, at least ``turnCheckMinimumSide`` pixels a
    /// side, that the mesh network does not take for a face (presence not above the threshold) is detected
    /// again in the image turned by 90, 180 and 270 degrees, and the detection on the same spot whose mesh the
    /// network takes for a face with the highest presence replaces it. It catches a face on its side that the
    /// detectors read upright (its eyes and mouth misplaced, so its mesh region turned the wrong way).
    public var rereadsFacesTheMeshRejects: Bool = true
    /// The smallest face side, in pixels, that ``rereadsFacesTheMeshRejects`` looks at (default
    /// ``FaceMesh/smallestFaceTellingTurns``): the mesh's presence is low on smaller faces whichever way they turn.
    public var turnCheckMinimumSide: Double = FaceMesh.smallestFaceTellingTurns
    /// How many times the mesh region of a face without BlazeFace's own detection is refined from the mesh
    /// itself (MediaPipe's landmarks-to-region step, ``FaceMeshROI/init(mesh:scale:)``) and the mesh run again;
    /// 0 keeps the region from the detection. A face BlazeFace found already has MediaPipe's region and is not
    /// refined (see ``addMeshes(to:in:)``).
    public var meshRefinementPasses: Int = 1
    /// The landmark graph run on every face, if any.
    public var landmarkModel: LandmarkModel?
    /// The face mesh run on every face, if any (the bundled one unless the initializer was told otherwise).
    public var faceMesh: FaceMesh?
    /// The 68-point stage run on every face, if any (the bundled one unless the initializer was told otherwise).
    public var faceLandmarks68: FaceLandmarks68?

    /// A landmarker with the bundled detectors of `detectorKind` (MTCNN's may be given as `detector`,
    /// BlazeFace's as `blazeFace`), the bundled face mesh (or `faceMesh`; none when `withMesh` is
    /// false), the bundled 68-point stage (or `faceLandmarks68`; none when `withLandmarks68` is false) and,
    /// optionally, a landmark graph.
    public init(detector: FaceDetector? = nil, landmarkModel: LandmarkModel? = nil, faceMesh: FaceMesh? = nil,
                withMesh: Bool = true, faceLandmarks68: FaceLandmarks68? = nil,
                withLandmarks68: Bool = true, detectorKind: FaceDetectorKind = .both,
                blazeFace: BlazeFaceDetector? = nil) throws(LandmarkError) {
        self.detectorKind = detectorKind
        if detectorKind != .mtcnn {
            do {
                self.blazeFace = try blazeFace ?? BlazeFaceDetector()
            } catch {
                throw LandmarkError(.invalidModel, "BlazeFace detector: \(error)")
            }
        }
        if let detector {
            self.detector = detector
        } else {
            do {
                self.detector = try FaceDetector()
            } catch {
                throw LandmarkError(.invalidModel, "face detector: \(error)")
            }
        }
        self.landmarkModel = landmarkModel
        if !withMesh {
            self.faceMesh = nil
        } else if let faceMesh {
            self.faceMesh = faceMesh
        } else {
            self.faceMesh = try FaceMesh()
        }
        if !withLandmarks68 {
            self.faceLandmarks68 = nil
        } else if let faceLandmarks68 {
            self.faceLandmarks68 = faceLandmarks68
        } else {
            self.faceLandmarks68 = try FaceLandmarks68()
        }
    }

    /// The faces in an image (RGB or gray pixels), sorted by score, highest first.
    public func faces(in image: Image) throws(LandmarkError) -> [Face] {
        var faces = try detectFaces(in: image)
        // The mesh first: it tells a face read the wrong way up, and the 68-point stage crops a face from its
        // mesh when it has one.
        try addMeshes(to: &faces, in: image)
        try rereadFacesTheMeshRejects(&faces, in: image)
        if let landmarkModel, !faces.isEmpty {
            let points = try landmarkModel.landmarks(in: image.channels == 3 ? image : image.rgb(), boxes: faces.map(\.box))
            for i in faces.indices { faces[i].landmarks = points[i] }
        }
        try addLandmarks68(to: &faces, in: image)
        return faces
    }

    /// ``rereadsFacesTheMeshRejects`` (with ``searchRotations``), on faces whose mesh has run
    /// (``addMeshes(to:in:)``): each upright face the mesh rejected is replaced by the detection on the same spot
    /// (more than 0.3 of the smaller box) in a turned copy whose mesh has the highest presence above the
    /// threshold, if any; the turned copies are searched only when such a face exists. For faces found by
    /// ``detectFaces(in:)`` (a video tracker's full detections).
    public func rereadFacesTheMeshRejects(_ faces: inout [Face], in image: Image) throws(LandmarkError) {
        guard searchRotations, rereadsFacesTheMeshRejects, let faceMesh else { return }
        let rejected = faces.indices.filter {
            let face = faces[$0]
            return face.rotation == .none && face.mesh == nil && face.meshPresence != nil
                && min(face.box.width, face.box.height) >= turnCheckMinimumSide
        }
        guard !rejected.isEmpty else { return }
        let readings: [[DetectedFace]]
        do {
            readings = try combinedDetector.turnedReadings(of: rejected.map { faces[$0].box }, in: image)
        } catch {
            throw LandmarkError(.invalidFeed, "face detection: \(error)")
        }
        let candidates = zip(rejected, readings).flatMap { i, turned in turned.map { (index: i, face: Face($0)) } }
        guard !candidates.isEmpty else { return }
        var trial = candidates.map(\.face)
        try addMeshes(to: &trial, in: image)
        for i in rejected {
            let best = candidates.indices.filter { candidates[$0].index == i && trial[$0].mesh != nil }
                .max { (trial[$0].meshPresence ?? 0) < (trial[$1].meshPresence ?? 0) }
            if let best, (trial[best].meshPresence ?? 0) > faceMesh.options.presenceThreshold { faces[i] = trial[best] }
        }
    }

    /// The detectors this landmarker uses (``detectorKind``, ``searchRotations``) as one.
    public var combinedDetector: CombinedFaceDetector {
        var options = CombinedFaceDetector.Options()
        options.searchRotations = searchRotations
        return CombinedFaceDetector(mtcnn: detectorKind == .blazeface ? nil : detector,
                                    blazeFace: detectorKind == .mtcnn ? nil : blazeFace, options: options)
    }

    /// The faces the detectors find (box, score, five points; no other points), by descending score.
    public func detectFaces(in image: Image) throws(LandmarkError) -> [Face] {
        let detected: [DetectedFace]
        do {
            detected = try combinedDetector.detect(in: image)
        } catch {
            throw LandmarkError(.invalidFeed, "face detection: \(error)")
        }
        return detected.sorted { $0.score > $1.score }.map { Face($0) }
    }

    /// Runs the 68-point stage (when the landmarker has one) on all the faces of one image, setting each face's
    /// ``Face/landmarks68``. For faces found or followed by other means (a video tracker). A face with a
    /// ``Face/mesh`` is cropped from it (``FaceLandmarks68/region(mesh:)``, turned with the face, whatever its
    /// ``Face/rotation``), so run ``addMeshes(to:in:)`` first; any other face is cropped from its box, and a face
    /// found in a turned copy (``Face/rotation``) is run on that copy and its points mapped back.
    public func addLandmarks68(to faces: inout [Face], in image: Image) throws(LandmarkError) {
        guard let faceLandmarks68, !faces.isEmpty else { return }
        let fromMesh = faceLandmarks68.options.cropFromMesh
            ? faces.indices.filter { faces[$0].mesh.flatMap { faceLandmarks68.region(mesh: $0) } != nil } : []
        if !fromMesh.isEmpty {
            let points = try faceLandmarks68.landmarks(in: image, boxes: fromMesh.map { faces[$0].box },
                                                       meshes: fromMesh.map { faces[$0].mesh })
            for (k, i) in fromMesh.enumerated() where k < points.count { faces[i].landmarks68 = points[k] }
        }
        let meshed = Set(fromMesh)
        for turn in QuarterTurn.allCases {
            let group = faces.indices.filter { faces[$0].rotation == turn && !meshed.contains($0) }
            guard !group.isEmpty else { continue }
            let turned = turn == .none ? image : image.applying(turn.orientation)
            let boxes = group.map { turn.mapForward(faces[$0].box, width: image.width, height: image.height) }
            let points = try faceLandmarks68.landmarks(in: turned, boxes: boxes)
            for (k, i) in group.enumerated() where k < points.count {
                faces[i].landmarks68 = points[k]?.map { turn.mapBack($0, turnedWidth: turned.width, turnedHeight: turned.height) }
            }
        }
    }

    /// Runs the face mesh (when the landmarker has one) on all the faces of one image in one batch, setting
    /// each face's ``Face/meshPresence`` and, above the threshold, its ``Face/mesh`` and ``Face/pose``. A face
    /// with BlazeFace's own detection (``Face/blazeFace``) takes MediaPipe's region from it and runs the mesh
    /// once, as MediaPipe's pipeline does for a photo; any other face takes its region from its box and eyes
    /// (``FaceMesh/roi(for:)``) and refines it ``meshRefinementPasses`` times. For faces found or followed by
    /// other means (a video tracker).
    public func addMeshes(to faces: inout [Face], in image: Image) throws(LandmarkError) {
        let regions = faces.map { face -> FaceMeshROI in
            var detection = DetectedFace(box: face.box, score: face.score, landmarks: face.landmarks5)
            detection.blazeFace = face.blazeFace
            return faceMesh?.roi(for: detection) ?? FaceMeshROI.invalid
        }
        try addMeshes(to: &faces, in: image, regions: regions, refining: faces.map { $0.blazeFace == nil })
    }

    /// Runs the face mesh on given regions (one per face; an invalid region gives no mesh), then refines
    /// each region from the mesh found in it ``meshRefinementPasses`` times (``FaceMeshROI/init(mesh:scale:)``,
    /// MediaPipe's landmarks-to-region step) as long as the mesh's presence stays above the threshold.
    /// For a video tracker that seeds each face's region from its previous frame's mesh.
    public func addMeshes(to faces: inout [Face], in image: Image, regions: [FaceMeshROI]) throws(LandmarkError) {
        try addMeshes(to: &faces, in: image, regions: regions, refining: faces.map { _ in true })
    }

    /// The mesh on `regions`, the regions of faces whose `refining` entry is true refined
    /// ``meshRefinementPasses`` times.
    func addMeshes(to faces: inout [Face], in image: Image, regions: [FaceMeshROI], refining: [Bool]) throws(LandmarkError) {
        guard let faceMesh, !faces.isEmpty else { return }
        var meshes = try faceMesh.meshes(in: image, regions: regions)
        for _ in 0..<max(0, meshRefinementPasses) {
            let refined = meshes.enumerated().map { i, result -> FaceMeshROI in
                guard i < refining.count, refining[i], let result, result.presence > faceMesh.options.presenceThreshold else { return FaceMeshROI.invalid }
                return FaceMeshROI(mesh: result.points, scale: faceMesh.options.roiScale) ?? FaceMeshROI.invalid
            }
            guard refined.contains(where: \.isValid) else { break }
            let again = try faceMesh.meshes(in: image, regions: refined)
            for i in meshes.indices where i < again.count {
                if let result = again[i], result.presence > faceMesh.options.presenceThreshold { meshes[i] = result }
            }
        }
        for i in faces.indices where i < meshes.count {
            guard let result = meshes[i] else { continue }
            faces[i].meshPresence = result.presence
            faces[i].mesh = result.presence > faceMesh.options.presenceThreshold ? result.points : nil
            faces[i].pose = faces[i].mesh.flatMap { HeadPose(mesh: $0) }
        }
    }

    /// Decodes an image file (JPEG, PNG, PPM/PGM; EXIF orientation applied) and finds its faces.
    ///
    /// An alpha channel is dropped, not blended: the faces are found in the stored colours, as PIL's
    /// `convert("RGB")` gives them to the Python `mtcnn` package, and the returned image (RGB) holds those
    /// colours. Errors, including the detector's, start with the file's path.
    public func faces(inImageAt url: URL) throws(LandmarkError) -> (image: Image, faces: [Face]) {
        let image = try Self.image(at: url)
        return (image, try faces(in: image, decodedFrom: url))
    }

    /// The image file at `url` decoded as ``faces(inImageAt:)`` reads it: RGB, alpha dropped, EXIF orientation
    /// applied (so that a caller may decode the next file while faces are found in this one).
    public static func image(at url: URL) throws(LandmarkError) -> Image {
        do {
            return try Image.decodeKeepingChannels(contentsOf: url, keepingGrayAlpha: true).droppingAlpha().rgb()
        } catch {
            throw LandmarkError(.invalidFeed, "\(error)")
        }
    }

    /// The faces in `image`, decoded from `url` by ``image(at:)``; errors start with the file's path.
    public func faces(in image: Image, decodedFrom url: URL) throws(LandmarkError) -> [Face] {
        do {
            return try faces(in: image)
        } catch {
            throw LandmarkError(error.kind, "\(url.path): \(error.message)")
        }
    }
}
