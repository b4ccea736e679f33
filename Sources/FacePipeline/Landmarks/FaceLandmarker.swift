import Foundation
import Images

/// Faces and their landmarks in a photo: the bundled MTCNN detector finds each face (box, score, five points),
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
    }

    /// The face detector.
    public var detector: FaceDetector
    /// The landmark graph run on every face, if any.
    public var landmarkModel: LandmarkModel?
    /// The face mesh run on every face, if any (the bundled one unless the initializer was told otherwise).
    public var faceMesh: FaceMesh?
    /// The 68-point stage run on every face, if any (the bundled one unless the initializer was told otherwise).
    public var faceLandmarks68: FaceLandmarks68?

    /// A landmarker with the bundled detector, the bundled face mesh (or `faceMesh`; none when `withMesh` is
    /// false), the bundled 68-point stage (or `faceLandmarks68`; none when `withLandmarks68` is false) and,
    /// optionally, a landmark graph.
    public init(detector: FaceDetector? = nil, landmarkModel: LandmarkModel? = nil, faceMesh: FaceMesh? = nil,
                withMesh: Bool = true, faceLandmarks68: FaceLandmarks68? = nil,
                withLandmarks68: Bool = true) throws(LandmarkError) {
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
        let detected: [DetectedFace]
        do {
            detected = try detector.detect(in: image)
        } catch {
            throw LandmarkError(.invalidFeed, "face detection: \(error)")
        }
        let sorted = detected.sorted { $0.score > $1.score }
        var faces = sorted.map { Face(box: $0.box, score: $0.score, landmarks5: $0.landmarks, landmarks: nil) }
        if let landmarkModel, !faces.isEmpty {
            let points = try landmarkModel.landmarks(in: image.channels == 3 ? image : image.rgb(), boxes: faces.map(\.box))
            for i in faces.indices { faces[i].landmarks = points[i] }
        }
        try addLandmarks68(to: &faces, in: image)
        try addMeshes(to: &faces, in: image)
        return faces
    }

    /// Runs the 68-point stage (when the landmarker has one) on all the faces of one image in one batch, setting
    /// each face's ``Face/landmarks68``. For faces found or followed by other means (a video tracker).
    public func addLandmarks68(to faces: inout [Face], in image: Image) throws(LandmarkError) {
        guard let faceLandmarks68, !faces.isEmpty else { return }
        let points = try faceLandmarks68.landmarks(in: image, boxes: faces.map(\.box))
        for i in faces.indices where i < points.count { faces[i].landmarks68 = points[i] }
    }

    /// Runs the face mesh (when the landmarker has one) on all the faces of one image in one batch, setting
    /// each face's ``Face/meshPresence`` and, above the threshold, its ``Face/mesh`` and ``Face/pose``. The region of a face comes
    /// from its box and five points as for a detection (``FaceMesh/roi(for:)``). For faces found or followed
    /// by other means (a video tracker).
    public func addMeshes(to faces: inout [Face], in image: Image) throws(LandmarkError) {
        guard let faceMesh, !faces.isEmpty else { return }
        let regions = faces.map {
            faceMesh.roi(for: DetectedFace(box: $0.box, score: $0.score, landmarks: $0.landmarks5)) ?? FaceMeshROI.invalid
        }
        let meshes = try faceMesh.meshes(in: image, regions: regions)
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
        let image: Image
        do {
            image = try Image.decodeKeepingChannels(contentsOf: url, keepingGrayAlpha: true).droppingAlpha().rgb()
        } catch {
            throw LandmarkError(.invalidFeed, "\(error)")
        }
        do {
            return (image, try faces(in: image))
        } catch {
            throw LandmarkError(error.kind, "\(url.path): \(error.message)")
        }
    }
}
