import Foundation
import Images

/// The 68 iBUG 300-W face landmarks of each face, from the bundled trained PFLD network (or another network with
/// the same contract): jaw 0-16, eyebrows 17-26, nose 27-35, eyes 36-47 (36 and 45 the outer corners), mouth
/// 48-67, in image pixels.
///
/// ```swift
/// let stage = try FaceLandmarks68()
/// let points = try stage.landmarks(in: photo, boxes: faces.map(\.box))   // [[DetectedFace.Point]?], 68 each
/// ```
///
/// For each face box the stage takes a square of ``Options/boxScale`` times the box's longer side, centred on the
/// box moved down by ``Options/verticalShift`` of its height, samples it to the network's input size (area
/// averaging when shrinking, see ``SquareCrop``; black outside the image), runs the faces of an image in batches
/// of at most ``Options/maxBatch`` and maps the (x, y) in [0, 1] of the square back to the image. With
/// ``Options/mirrorAveraging`` (the default) each crop also runs mirrored and the two sets of points are averaged.
///
/// Points are in the pipeline's pixel coordinates: pixel (i, j) covers [i, i + 1] x [j, j + 1], so its centre is
/// (i + 0.5, j + 0.5). A 1-based iBUG `.pts` file's point (x, y) is (x - 0.5, y - 0.5) here.
///
/// The bundled weights were trained on 300-W-derived data, licensed for non-commercial research only (see
/// `Resources/landmarks68/README.md`).
public struct FaceLandmarks68: Sendable {
    /// How a face box becomes the network's crop.
    public struct Options: Sendable, Equatable {
        /// The crop's side as a multiple of the box's longer side.
        public var boxScale: Double = 1.0
        /// How far the crop's centre lies below the box's centre, as a fraction of the box's height.
        public var verticalShift: Double = 0.05
        /// The most faces run through the network in one batch (two crops each with ``mirrorAveraging``); more
        /// faces run in batches of this size, the rest in batches of falling powers of two (see
        /// ``batchSizes(count:maxBatch:)``). The network costs the same per crop in batches of up to 4 crops and
        /// several times more per crop in larger ones, whose intermediates no longer fit in the processor's cache.
        public var maxBatch: Int = 2
        /// Whether each face also runs mirrored (the crop flipped left to right, its points flipped back and
        /// renumbered left for right) and the two sets of points are averaged. This cancels the network's
        /// left-right bias and halves part of its noise, at twice the network's cost.
        public var mirrorAveraging: Bool = true

        /// Creates options.
        public init(boxScale: Double = 1.0, verticalShift: Double = 0.05, maxBatch: Int = 2, mirrorAveraging: Bool = true) {
            self.boxScale = boxScale
            self.verticalShift = verticalShift
            self.maxBatch = maxBatch
            self.mirrorAveraging = mirrorAveraging
        }
    }

    /// The graph's names.
    enum TensorName {
        static let input = "input_image_tensor"
        static let output = "logits/BiasAdd"
    }

    /// Number of points per face.
    public static let pointCount = 68

    /// The iBUG 68 point each point becomes in the mirror image of a face (jaw, brows, nose, eyes and mouth read
    /// from the other side; the points on the middle line keep their number).
    public static let mirroredPoint: [Int] = Array((0...16).reversed()) + Array((17...26).reversed()) + [27, 28, 29, 30]
        + [35, 34, 33, 32, 31] + [45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40]
        + [54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55] + [64, 63, 62, 61, 60, 67, 66, 65]

    /// The network.
    public let model: Model
    /// The crop options.
    public let options: Options
    /// The network's input side in pixels.
    public let inputSize: Int

    /// A stage on `model`, which must take uint8 `input_image_tensor` `[N, S, S, 3]` (N free; RGB) and give
    /// `logits/BiasAdd` `[N, 136]`: 68 (x, y) in [0, 1] of the crop.
    public init(model: Model, options: Options = Options()) throws(LandmarkError) {
        guard let input = model.inputs.first(where: { $0.name == TensorName.input }), input.dtype == .uint8,
              let shape = input.shape, shape.count == 4, shape[0] < 0, shape[3] == 3, shape[1] > 0, shape[1] == shape[2],
              model.outputs.contains(where: { $0.name == TensorName.output })
        else {
            throw LandmarkError(.invalidModel,
                "\(model.source): a 68-point model needs a uint8 input '\(TensorName.input)' [?, S, S, 3] and an output "
                + "'\(TensorName.output)', got inputs \(model.inputs.map(\.description).joined(separator: ", ")) and outputs "
                + model.outputs.map(\.name).joined(separator: ", "))
        }
        guard options.boxScale.isFinite, options.boxScale > 0, options.verticalShift.isFinite else {
            throw LandmarkError(.invalidFeed, "68-point options: boxScale must be positive and verticalShift finite")
        }
        self.model = model
        self.options = options
        self.inputSize = shape[1]
    }

    /// The bundled network (shared by every stage made this way).
    public init(options: Options = Options()) throws(LandmarkError) {
        try self.init(model: Self.bundledModel.get(), options: options)
    }

    /// The bundled network loaded anew with `modelOptions` (e.g. a thread count), not shared with other stages.
    public init(modelOptions: Model.Options, options: Options = Options()) throws(LandmarkError) {
        try self.init(model: Model(contentsOf: Self.bundledModelURL(), options: modelOptions), options: options)
    }

    /// The bundled network, loaded on first use.
    static let bundledModel = Swift.Result { () throws(LandmarkError) -> Model in
        try Model(contentsOf: bundledModelURL())
    }

    /// Where the bundled `pfld68.pb` lies (in the FacePipeline resource bundle).
    public static func bundledModelURL() throws(LandmarkError) -> URL {
        guard let url = Bundle.module.url(forResource: "pfld68", withExtension: "pb", subdirectory: "Resources/landmarks68") else {
            throw LandmarkError(.invalidModel, "Resources/landmarks68/pfld68.pb is not in the FacePipeline resource bundle")
        }
        return url
    }

    /// How `count` faces split into batches: as many of `maxBatch` (at least 1) as fit, then the rest in falling
    /// powers of two (45 faces with 16: 16, 16, 8, 4, 1), so that any number of faces plans at most
    /// log2(`maxBatch`) + 2 distinct batch shapes (the engine caches a plan per input shape).
    public static func batchSizes(count: Int, maxBatch: Int) -> [Int] {
        let full = max(1, maxBatch)
        var sizes = [Int](repeating: full, count: max(0, count) / full)
        var rest = max(0, count) % full
        while rest > 0 {
            let power = 1 << (Int.bitWidth - 1 - rest.leadingZeroBitCount)
            sizes.append(power)
            rest -= power
        }
        return sizes
    }

    /// The square this stage crops for a face box, or nil for a box that is not finite with a positive size.
    public func square(for box: DetectedFace.Box) -> DetectedFace.Box? {
        guard box.x.isFinite, box.y.isFinite, box.width.isFinite, box.height.isFinite, box.width > 0, box.height > 0 else {
            return nil
        }
        let side = options.boxScale * max(box.width, box.height)
        let centreX = box.x + box.width / 2, centreY = box.y + box.height / 2 + options.verticalShift * box.height
        let square = DetectedFace.Box(x: centreX - side / 2, y: centreY - side / 2, width: side, height: side)
        return SquareCrop.isValid(square) ? square : nil
    }

    /// The network's input for one square region of an image (width equal to height): `S * S * 3` RGB bytes, rows top to bottom. For inspecting
    /// what the network sees.
    public func crop(_ image: Image, square: DetectedFace.Box) throws(LandmarkError) -> [UInt8] {
        try image.checkPixelBuffer(for: "68-point stage")
        guard SquareCrop.isValid(square) else { throw LandmarkError(.invalidFeed, "68-point crop: square \(square) is not valid") }
        var bytes = [UInt8](repeating: 0, count: inputSize * inputSize * 3)
        bytes.withUnsafeMutableBufferPointer { SquareCrop.crop(image, square, size: inputSize, into: $0.baseAddress!) }
        return bytes
    }

    /// The 68 points of each face box in image pixels, in batches of at most ``Options/maxBatch`` faces (see
    /// ``batchSizes(count:maxBatch:)``); nil for a box that is not finite with a positive size.
    public func landmarks(in image: Image, boxes: [DetectedFace.Box]) throws(LandmarkError) -> [[DetectedFace.Point]?] {
        let squares = boxes.map { square(for: $0) }
        let valid = squares.indices.filter { squares[$0] != nil }
        var results = [[DetectedFace.Point]?](repeating: nil, count: boxes.count)
        guard !valid.isEmpty else { return results }
        try image.checkPixelBuffer(for: "68-point stage")
        var start = 0
        for size in Self.batchSizes(count: valid.count, maxBatch: options.maxBatch) {
            let group = valid[start..<(start + size)]
            let points = try landmarks(in: image, squares: group.map { squares[$0]! })
            for (index, facePoints) in zip(group, points) { results[index] = facePoints }
            start += size
        }
        return results
    }

    /// The 68 points of each valid square, in one batch (twice as many crops with ``Options/mirrorAveraging``: the
    /// mirrored crops follow the plain ones).
    private func landmarks(in image: Image, squares: [DetectedFace.Box]) throws(LandmarkError) -> [[DetectedFace.Point]] {
        let side = inputSize, perFace = side * side * 3
        let crops = options.mirrorAveraging ? 2 * squares.count : squares.count
        let shape = [crops, side, side, 3]
        let limit = model.options.limits.maxTensorBytes
        guard let bytes = ShapeMath.byteCount(shape, dtype: .uint8), bytes <= limit else {
            throw LandmarkError(.limitExceeded,
                "\(model.source): \(crops) face crop(s) of \(side)x\(side)x3 exceed the tensor size limit of \(limit) bytes")
        }
        var pixels = [UInt8](repeating: 0, count: perFace * crops)
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for (k, square) in squares.enumerated() {
                SquareCrop.crop(image, square, size: side, into: base + k * perFace)
                if options.mirrorAveraging {
                    Self.mirror(base + k * perFace, into: base + (squares.count + k) * perFace, side: side)
                }
            }
        }
        let input: Tensor
        do {
            input = try Tensor(shape: shape, scalars: pixels)
        } catch {
            throw LandmarkError(.invalidFeed, "68-point stage: \(error)")
        }
        let output = try model.run([TensorName.input: input], outputs: [TensorName.output])[TensorName.output]!
        let values: [Float]
        do {
            values = try output.scalars(as: Float.self)
        } catch {
            throw LandmarkError(.invalidNode, "\(model.source): output '\(TensorName.output)': \(error)")
        }
        let stride = 2 * Self.pointCount
        guard output.shape == [crops, stride] else {
            throw LandmarkError(.invalidNode,
                "\(model.source): output '\(TensorName.output)' has shape \(ShapeMath.describe(output.shape)), expected [\(crops),\(stride)]")
        }
        return squares.enumerated().map { k, square in
            (0..<Self.pointCount).map { p in
                var u = Double(values[k * stride + 2 * p]), v = Double(values[k * stride + 2 * p + 1])
                if options.mirrorAveraging {
                    // Point p of the face is point mirroredPoint[p] of its mirror image, at 1 - x.
                    let m = (squares.count + k) * stride + 2 * Self.mirroredPoint[p]
                    u = (u + (1 - Double(values[m]))) / 2
                    v = (v + Double(values[m + 1])) / 2
                }
                return DetectedFace.Point(x: square.x + u * square.width, y: square.y + v * square.height)
            }
        }
    }

    /// Writes the left-right mirror image of a `side` x `side` RGB crop.
    private static func mirror(_ crop: UnsafePointer<UInt8>, into output: UnsafeMutablePointer<UInt8>, side: Int) {
        for row in 0..<side {
            let source = crop + row * side * 3, destination = output + row * side * 3
            for column in 0..<side {
                let from = source + (side - 1 - column) * 3, to = destination + column * 3
                to[0] = from[0]
                to[1] = from[1]
                to[2] = from[2]
            }
        }
    }
}
