/// Named parts of the 468-point face mesh: which indices of ``FaceMesh/Result/points`` outline the lips, eyes,
/// eyebrows, face oval and nose, and the contour lines between them.
///
/// The connections are MediaPipe's published face-mesh connection lists (`FACEMESH_LIPS`, `FACEMESH_LEFT_EYE`,
/// `FACEMESH_LEFT_EYEBROW`, `FACEMESH_RIGHT_EYE`, `FACEMESH_RIGHT_EYEBROW`, `FACEMESH_FACE_OVAL`,
/// `FACEMESH_NOSE` in `mediapipe/python/solutions/face_mesh_connections.py`, Apache-2.0). Left and right are
/// the **person's**, as in MediaPipe: in an unmirrored frontal photo the person's left eye has the larger x
/// (it is ``DetectedFace/Landmark/rightEye`` of the MTCNN five points).
///
/// | region | points | a few indices |
/// | --- | --- | --- |
/// | `lips` | 40 (outer 20, inner 20) | mouth corners 61, 291; upper lip top 0; lower lip bottom 17; inner 13, 14 |
/// | `leftEye` | 16 | corners 263 (outer), 362 (inner); upper lid 386; lower lid 374 |
/// | `rightEye` | 16 | corners 33 (outer), 133 (inner); upper lid 159; lower lid 145 |
/// | `leftEyebrow` | 10 | 276 ... 336 |
/// | `rightEyebrow` | 10 | 46 ... 107 |
/// | `faceOval` | 36 | forehead top 10, chin 152, sides 234 and 454 |
/// | `nose` | 24 | bridge 168, 6, 197, 195, 5; tip 4 and 1; under the tip 2 |
public enum FaceMeshRegion: String, Sendable, CaseIterable {
    /// Outer and inner lip contours.
    case lips
    /// The person's left eye (larger x in an unmirrored frontal photo).
    case leftEye
    /// The person's right eye.
    case rightEye
    /// The person's left eyebrow.
    case leftEyebrow
    /// The person's right eyebrow.
    case rightEyebrow
    /// The face's outline, forehead to chin.
    case faceOval
    /// Bridge, tip and wings of the nose.
    case nose

    /// The contour lines of the region as pairs of point indices (MediaPipe's lists, in their order).
    public var connections: [(from: Int, to: Int)] {
        let pairs: [Int]
        switch self {
        case .lips:
            pairs = [61, 146, 146, 91, 91, 181, 181, 84, 84, 17, 17, 314, 314, 405, 405, 321, 321, 375, 375, 291,
                     61, 185, 185, 40, 40, 39, 39, 37, 37, 0, 0, 267, 267, 269, 269, 270, 270, 409, 409, 291,
                     78, 95, 95, 88, 88, 178, 178, 87, 87, 14, 14, 317, 317, 402, 402, 318, 318, 324, 324, 308,
                     78, 191, 191, 80, 80, 81, 81, 82, 82, 13, 13, 312, 312, 311, 311, 310, 310, 415, 415, 308]
        case .leftEye:
            pairs = [263, 249, 249, 390, 390, 373, 373, 374, 374, 380, 380, 381, 381, 382, 382, 362,
                     263, 466, 466, 388, 388, 387, 387, 386, 386, 385, 385, 384, 384, 398, 398, 362]
        case .rightEye:
            pairs = [33, 7, 7, 163, 163, 144, 144, 145, 145, 153, 153, 154, 154, 155, 155, 133,
                     33, 246, 246, 161, 161, 160, 160, 159, 159, 158, 158, 157, 157, 173, 173, 133]
        case .leftEyebrow:
            pairs = [276, 283, 283, 282, 282, 295, 295, 285, 300, 293, 293, 334, 334, 296, 296, 336]
        case .rightEyebrow:
            pairs = [46, 53, 53, 52, 52, 65, 65, 55, 70, 63, 63, 105, 105, 66, 66, 107]
        case .faceOval:
            pairs = [10, 338, 338, 297, 297, 332, 332, 284, 284, 251, 251, 389, 389, 356, 356, 454, 454, 323,
                     323, 361, 361, 288, 288, 397, 397, 365, 365, 379, 379, 378, 378, 400, 400, 377, 377, 152,
                     152, 148, 148, 176, 176, 149, 149, 150, 150, 136, 136, 172, 172, 58, 58, 132, 132, 93,
                     93, 234, 234, 127, 127, 162, 162, 21, 21, 54, 54, 103, 103, 67, 67, 109, 109, 10]
        case .nose:
            pairs = [168, 6, 6, 197, 197, 195, 195, 5, 5, 4, 4, 1, 1, 19, 19, 94, 94, 2, 98, 97, 97, 2, 2, 326,
                     326, 327, 327, 294, 294, 278, 278, 344, 344, 440, 440, 275, 275, 4, 4, 45, 45, 220,
                     220, 115, 115, 48, 48, 64, 64, 98]
        }
        return stride(from: 0, to: pairs.count, by: 2).map { (pairs[$0], pairs[$0 + 1]) }
    }

    /// The point indices of the region, sorted, each once.
    public var indices: [Int] {
        Array(Set(connections.flatMap { [$0.from, $0.to] })).sorted()
    }

    /// All contour lines of all regions (what `landmark detect --draw` draws).
    public static var allConnections: [(from: Int, to: Int)] {
        allCases.flatMap(\.connections)
    }
}
