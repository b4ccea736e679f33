import Foundation
import Images
import Tensor

/// MTCNN face detection (P-Net -> R-Net -> O-Net cascade) with the networks and the exact pipeline of the
/// PyPI package `mtcnn` 1.0.0: boxes, scores and five landmarks per face.
///
/// ```swift
/// let detector = try FaceDetector()
/// for face in try detector.detect(in: image) {          // image: Images.Image, RGB or gray
///     print(face.box, face.score, face.landmarks)
/// }
/// ```
///
/// The three frozen networks are bundled with the module (`Resources/mtcnn/{pnet,rnet,onet}.pb`, made by
/// `scripts/mtcnn/freeze_mtcnn.py`). A detector is a value; it shares its loaded networks between copies and
/// may be used from several threads at once.
///
/// Every step follows the package, including its quirks: the pyramid uses TensorFlow's area resize at sizes
/// truncated from `side * scale`; P-Net windows span (2x + 1, 2y + 1)...(2x + 12, 2y + 12); its NMS lets
/// suppressed boxes suppress later ones; R-Net/O-Net crops are TensorFlow's bilinear crop-and-resize with the
/// package's coordinate normalization; box regression is done in float32 with `+ 1` box sizes; the final boxes
/// are clamped to the image but not rounded. Where this type deliberately differs:
/// - pyramid levels smaller than P-Net's 11-pixel minimum are skipped (the package raises an exception, which
///   happens for `minFaceSize` above about 25);
/// - gray and RGBA images are accepted (gray replicated to RGB, alpha ignored);
/// - images above ``Options/maxExactPyramidPixels`` get their pyramid levels at scale 1/2 and below from
///   block-mean working copies instead of the image itself (bounded memory and time, slightly different values);
/// - candidates with equal scores are ordered like numpy's small-array argsort (later first); numpy sorts
///   arrays of more than 16 scores with an unstable algorithm, so exact ties may be ordered differently there.
public struct FaceDetector: Sendable {
    /// The detection parameters.
    public var options: Options

    /// P-Net: `input` float32 [1, H, W, 3] -> `box_regression` [1, h, w, 4], `face_probability` [1, h, w, 2].
    let pnet: Model
    /// The same P-Net on one thread, for running the tiles of a large pyramid level one per thread (``pnet``'s
    /// thread count of them at once); nil when ``pnet`` runs on one thread.
    let tilePNet: Model?
    /// R-Net: `input` float32 [N, 24, 24, 3] -> `box_regression` [N, 4], `face_probability` [N, 2].
    let rnet: Model
    /// O-Net: `input` float32 [N, 48, 48, 3] -> `box_regression` [N, 4], `landmarks` [N, 10],
    /// `face_probability` [N, 2].
    let onet: Model

    /// Graph tensor names shared by the three bundled networks.
    enum TensorName {
        static let input = "input"
        static let boxRegression = "box_regression"
        static let faceProbability = "face_probability"
        static let landmarks = "landmarks"
    }

    /// Uses the bundled networks. They are loaded once per process and shared by all detectors made this way
    /// (so are the networks' per-shape plans).
    public init(options: Options = Options()) throws(FaceDetectionError) {
        try options.validate()
        let networks = try Self.bundledNetworks.get()
        self.pnet = networks.pnet
        self.tilePNet = networks.tilePNet
        self.rnet = networks.rnet
        self.onet = networks.onet
        self.options = options
    }

    /// Uses the bundled networks loaded anew with `modelOptions` (e.g. a thread count), not shared with other
    /// detectors.
    public init(modelOptions: Model.Options, options: Options = Options()) throws(FaceDetectionError) {
        try self.init(pnet: Self.bundledModelURL("pnet"), rnet: Self.bundledModelURL("rnet"), onet: Self.bundledModelURL("onet"),
                      options: options, modelOptions: modelOptions)
    }

    /// The bundled networks, loaded on first use.
    static let bundledNetworks = Result { () throws(FaceDetectionError) -> (pnet: Model, tilePNet: Model?, rnet: Model, onet: Model) in
        let detector = try FaceDetector(pnet: bundledModelURL("pnet"), rnet: bundledModelURL("rnet"),
                                        onet: bundledModelURL("onet"), options: Options())
        return (detector.pnet, detector.tilePNet, detector.rnet, detector.onet)
    }

    /// Loads `pnet.pb`, `rnet.pb` and `onet.pb` from a directory (the bundled graphs, or retrained networks
    /// frozen the same way by `scripts/mtcnn/freeze_mtcnn.py`).
    public init(modelDirectory: URL, options: Options = Options()) throws(FaceDetectionError) {
        try self.init(pnet: modelDirectory.appendingPathComponent("pnet.pb"),
                      rnet: modelDirectory.appendingPathComponent("rnet.pb"),
                      onet: modelDirectory.appendingPathComponent("onet.pb"), options: options)
    }

    /// Loads the three networks, checks their inputs and outputs, and runs each once on a zero input of the
    /// smallest size it accepts so that a broken graph fails here.
    init(pnet: URL, rnet: URL, onet: URL, options: Options, modelOptions: Model.Options = Model.Options()) throws(FaceDetectionError) {
        try options.validate()
        self.pnet = try Self.loadNetwork(pnet, "P-Net", probe: [1, 12, 12, 3],
                                         outputs: [TensorName.boxRegression, TensorName.faceProbability], options: modelOptions)
        var singleThreaded = modelOptions
        singleThreaded.threads = 1
        self.tilePNet = self.pnet.threadCount > 1
            ? try Self.loadNetwork(pnet, "P-Net", probe: [1, 12, 12, 3],
                                   outputs: [TensorName.boxRegression, TensorName.faceProbability], options: singleThreaded)
            : nil
        self.rnet = try Self.loadNetwork(rnet, "R-Net", probe: [1, 24, 24, 3],
                                         outputs: [TensorName.boxRegression, TensorName.faceProbability], options: modelOptions)
        self.onet = try Self.loadNetwork(onet, "O-Net", probe: [1, 48, 48, 3],
                                         outputs: [TensorName.boxRegression, TensorName.landmarks, TensorName.faceProbability],
                                         options: modelOptions)
        self.options = options
    }

    /// Finds the faces in an image (1, 3 or 4 channels; gray is used as R = G = B, alpha is ignored).
    ///
    /// Memory beyond the image stays bounded whatever its size: P-Net runs on tiles of at most
    /// ``Options/pnetTileSide`` pixels a side, and an image above ``Options/maxExactPyramidPixels`` is never
    /// copied whole to floats (see ``Options/maxExactPyramidPixels`` for how its levels are made).
    ///
    /// - Returns: the faces sorted by descending score; empty when none passes the three stages or when the
    ///   image's shorter side is too small for the pyramid (under about 20 pixels with the default options).
    /// - Throws: ``FaceDetectionError`` for invalid options or image buffers, a pyramid level beyond
    ///   ``Options/maxPyramidLevelPixels``, or a network failure.
    public func detect(in image: Image) throws(FaceDetectionError) -> [DetectedFace] {
        try options.validate()
        // The pyramid's sizes depend only on the image's: check them before any work (a small PNG can hold 10^8
        // pixels).
        for scale in ScalePyramid.scales(width: image.width, height: image.height, minFaceSize: options.minFaceSize,
                                         minimumSize: options.minimumPyramidSize, factor: options.scaleFactor) {
            _ = try levelSize(width: image.width, height: image.height, scale: scale)
        }
        let view = try NormalizedImageView(image)
        var candidates: [FaceCandidate]
        do {
            var source = try PyramidSource(view, exactPixels: options.maxExactPyramidPixels)
            candidates = try proposeCandidates(&source)
        }
        if candidates.isEmpty { return [] }
        candidates = try refineCandidates(view, candidates)
        if candidates.isEmpty { return [] }
        candidates = try outputCandidates(view, candidates)
        return candidates.map { face(from: $0, width: image.width, height: image.height) }
    }

    /// The package's postprocessing (`limit_bboxes`) and conversion to x, y, width, height.
    func face(from candidate: FaceCandidate, width: Int, height: Int) -> DetectedFace {
        var c = candidate
        let maxX = Double(width - 1), maxY = Double(height - 1)
        if options.fitToImage {
            c.x1 = FaceCandidate.clamp(c.x1, upper: maxX)
            c.x2 = FaceCandidate.clamp(c.x2, upper: maxX)
            c.y1 = FaceCandidate.clamp(c.y1, upper: maxY)
            c.y2 = FaceCandidate.clamp(c.y2, upper: maxY)
        }
        var points: [DetectedFace.Point] = []
        if c.landmarks.count == 10 {
            for k in 0..<5 {
                var x = c.landmarks[k], y = c.landmarks[5 + k]
                if options.clampLandmarksToImage {
                    x = FaceCandidate.clamp(x, upper: maxX)
                    y = FaceCandidate.clamp(y, upper: maxY)
                }
                points.append(DetectedFace.Point(x: x, y: y))
            }
        }
        return DetectedFace(box: DetectedFace.Box(x: c.x1, y: c.y1, width: c.x2 - c.x1, height: c.y2 - c.y1),
                            score: c.score, landmarks: points)
    }

    /// The URL of a network file in the module's resource bundle.
    static func bundledModelURL(_ name: String) throws(FaceDetectionError) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: "pb", subdirectory: "Resources/mtcnn") else {
            throw FaceDetectionError(.modelNotFound, "Resources/mtcnn/\(name).pb is not in the LandmarkNet resource bundle")
        }
        return url
    }

    /// Loads a network and checks it on a zero input of shape `probe`.
    ///
    /// `Model(contentsOf:)` would plan the graph for its declared input shape with unknown dimensions taken as
    /// 1, which a fully convolutional P-Net (unknown height and width, 3x3 VALID convolutions) cannot take;
    /// so the graph is loaded unplanned and checked with the probe instead.
    static func loadNetwork(_ url: URL, _ label: String, probe: [Int], outputs: [String],
                            options: Model.Options = Model.Options()) throws(FaceDetectionError) -> Model {
        let model: Model
        do {
            model = try Model(contentsOf: url, options: options)
        } catch {
            throw FaceDetectionError(.invalidModel, "\(label) (\(url.path)): \(error)")
        }
        guard let input = model.inputs.first(where: { $0.name == TensorName.input }) else {
            throw FaceDetectionError(.invalidModel, "\(label) (\(url.path)) has no placeholder '\(TensorName.input)'")
        }
        if let dtype = input.dtype, dtype != .float32 {
            throw FaceDetectionError(.invalidModel, "\(label) input is \(dtype), expected float32")
        }
        if let shape = input.shape {
            let fits = shape.count == probe.count && zip(shape, probe).allSatisfy { $0 < 0 || $0 == $1 }
            guard fits else {
                throw FaceDetectionError(.invalidModel, "\(label) input shape \(shape) does not take \(probe)")
            }
        }
        let zeros: Tensor
        do {
            zeros = try Tensor(zeros: .float32, shape: probe)
        } catch {
            throw FaceDetectionError(.invalidModel, "\(label) probe: \(error)")
        }
        _ = try run(model, label, zeros, outputs)
        return model
    }
}
