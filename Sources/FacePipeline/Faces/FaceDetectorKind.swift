/// Which detector finds the faces.
public enum FaceDetectorKind: String, Sendable, CaseIterable {
    /// MTCNN (``FaceDetector``) only.
    case mtcnn
    /// BlazeFace (``BlazeFaceDetector``) only.
    case blazeface
    /// Both, their faces fused (``CombinedFaceDetector``).
    case both
}
