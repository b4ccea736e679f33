/// Which detector finds the faces, or which found one face (``DetectedFace/detector``).
public enum FaceDetectorKind: String, Sendable, CaseIterable {
    /// MTCNN (``FaceDetector``) only.
    case mtcnn
    /// BlazeFace (``BlazeFaceDetector``) only.
    case blazeface
    /// Both, their faces fused (``CombinedFaceDetector``).
    case both

    /// The detectors of `self` and `other` together: ``both`` unless they are the same.
    public func joined(with other: FaceDetectorKind) -> FaceDetectorKind {
        self == other ? self : .both
    }
}
