/// A face found by ``FaceDetector``: its box, the O-Net confidence and five landmarks, in pixel coordinates of
/// the input image (x to the right, y down, origin at the top-left corner of the top-left pixel's cell as in
/// the reference implementation).
public struct DetectedFace: Sendable, Equatable {
    /// An axis-aligned box.
    public struct Box: Sendable, Equatable {
        /// Left edge.
        public var x: Double
        /// Top edge.
        public var y: Double
        /// Width (right edge minus left edge).
        public var width: Double
        /// Height (bottom edge minus top edge).
        public var height: Double

        /// Creates a box.
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        /// The length of the diagonal.
        public var diagonal: Double { (width * width + height * height).squareRoot() }
    }

    /// A point in image coordinates.
    public struct Point: Sendable, Equatable {
        /// Horizontal coordinate.
        public var x: Double
        /// Vertical coordinate.
        public var y: Double

        /// Creates a point.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// The five landmarks in the order of ``DetectedFace/landmarks``, named as the `mtcnn` package names them
    /// (left and right as seen in the image: for an upright frontal face `leftEye` has the smaller x).
    public enum Landmark: Int, Sendable, CaseIterable {
        /// The eye with the smaller x (the person's right eye in a frontal face).
        case leftEye
        /// The other eye.
        case rightEye
        /// The nose tip.
        case nose
        /// The mouth corner with the smaller x.
        case mouthLeft
        /// The other mouth corner.
        case mouthRight
    }

    /// The face box after O-Net's regression, clamped to the image as the reference does (`fit_to_image`).
    public var box: Box
    /// O-Net's face probability, in (threshold, 1].
    public var score: Double
    /// Exactly five points, indexed by ``Landmark``: left eye, right eye, nose, left and right mouth corner.
    /// They are not clamped and may lie outside the image.
    public var landmarks: [Point]
    /// The detector that found the face: ``FaceDetectorKind/both`` when MTCNN and BlazeFace found it (the box
    /// and points are then MTCNN's, see ``CombinedFaceDetector``).
    public var detector: FaceDetectorKind = .mtcnn
    /// How far the image was turned for the face to be found upright (``CombinedFaceDetector`` searches turned
    /// copies when the image as it is shows no face); box and points are in the image's own coordinates.
    public var rotation: QuarterTurn = .none
    /// BlazeFace's own detection of the face (its box and six keypoints, in the image's own coordinates), when
    /// BlazeFace found it: the face mesh's region is made from it as MediaPipe makes it
    /// (``FaceMeshROI/init(blazeFace:scale:)``), while ``box`` and ``landmarks`` stay MTCNN-like for output.
    public var blazeFace: BlazeFaceDetector.Detection? = nil

    /// Creates a detection.
    public init(box: Box, score: Double, landmarks: [Point]) {
        self.box = box
        self.score = score
        self.landmarks = landmarks
    }

    /// The landmark of one kind, or nil when ``landmarks`` has been edited to hold fewer points.
    public func landmark(_ kind: Landmark) -> Point? {
        landmarks.indices.contains(kind.rawValue) ? landmarks[kind.rawValue] : nil
    }
}
