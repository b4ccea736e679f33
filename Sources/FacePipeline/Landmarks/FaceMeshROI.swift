import Foundation

/// A rotated square around a face, in image pixels: the region the face mesh network sees.
///
/// The network's 192x192 input is this square sampled so that the input's x axis runs along the square's
/// rotated x axis: input point (u, v) in [0, 1]² lies at
/// `center + size * R(rotation) * (u - 0.5, v - 0.5)` in the image, with `R` the rotation by `rotation`
/// radians clockwise on screen (y down), as MediaPipe's rects are defined.
public struct FaceMeshROI: Sendable, Equatable {
    /// Centre, x in image pixels.
    public var centerX: Double
    /// Centre, y in image pixels.
    public var centerY: Double
    /// Side length in image pixels.
    public var size: Double
    /// Rotation in radians, clockwise on screen (y down); 0 for an upright square.
    public var rotation: Double

    /// Creates a region.
    public init(centerX: Double, centerY: Double, size: Double, rotation: Double) {
        self.centerX = centerX
        self.centerY = centerY
        self.size = size
        self.rotation = rotation
    }

    /// A region that is not ``isValid`` (no mesh is computed for it).
    static let invalid = FaceMeshROI(centerX: 0, centerY: 0, size: 0, rotation: 0)

    /// Whether every field is finite and the size is positive.
    public var isValid: Bool {
        centerX.isFinite && centerY.isFinite && size.isFinite && rotation.isFinite && size > 0
    }

    /// The region MediaPipe's face-mesh pipeline takes for a detected face: the box's centre, its longer side
    /// times `scale` (1.5 in MediaPipe), rotated so that the line from `leftEye` to `rightEye` (the eye with
    /// the smaller x in an upright face to the other one, ``DetectedFace/Landmark/leftEye`` and
    /// ``DetectedFace/Landmark/rightEye``) becomes horizontal. Without both eyes the region is upright.
    /// Nil when the box or scale is not finite and positive.
    public init?(box: DetectedFace.Box, leftEye: DetectedFace.Point?, rightEye: DetectedFace.Point?, scale: Double = 1.5) {
        let size = max(box.width, box.height) * scale
        let centerX = box.x + box.width / 2, centerY = box.y + box.height / 2
        var rotation = 0.0
        if let leftEye, let rightEye {
            let angle = -atan2(leftEye.y - rightEye.y, rightEye.x - leftEye.x)
            // Normalized to [-pi, pi) as MediaPipe does.
            rotation = angle - 2 * Double.pi * ((angle + Double.pi) / (2 * Double.pi)).rounded(.down)
            if !rotation.isFinite { rotation = 0 }
        }
        self.init(centerX: centerX, centerY: centerY, size: size, rotation: rotation)
        guard isValid, scale > 0 else { return nil }
    }

    /// The region MediaPipe's face-mesh pipeline makes from a BlazeFace detection (face-detection-tflite's
    /// `face_detection_to_roi`, MediaPipe's `DetectionsToRects` and `RectTransformation`): the detection box's
    /// centre, its longer side times `scale`, rotated so that the line from the detection's left eye to its
    /// right eye becomes horizontal. Nil when the box or scale is not finite and positive.
    public init?(blazeFace detection: BlazeFaceDetector.Detection, scale: Double = 1.5) {
        let eyes = detection.keypoints.count > BlazeFaceDetector.Keypoint.rightEye.rawValue
        self.init(box: detection.box,
                  leftEye: eyes ? detection.keypoint(.leftEye) : nil,
                  rightEye: eyes ? detection.keypoint(.rightEye) : nil, scale: scale)
    }

    /// The affine map from the network's input pixels (x, y in [0, inputSize]) to image pixels:
    /// image = origin + x * columnStep + y * rowStep.
    func inputToImage(inputSize: Int) -> (originX: Double, originY: Double, columnX: Double, columnY: Double, rowX: Double, rowY: Double) {
        let c = cos(rotation), s = sin(rotation)
        let step = size / Double(inputSize)
        // (u - 0.5, v - 0.5) rotated: x' = u c - v s, y' = u s + v c.
        let originX = centerX + size * (-0.5 * c + 0.5 * s)
        let originY = centerY + size * (-0.5 * s - 0.5 * c)
        return (originX, originY, step * c, step * s, -step * s, step * c)
    }
}
