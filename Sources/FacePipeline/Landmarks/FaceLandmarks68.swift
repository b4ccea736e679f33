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
/// For a face with a 468-point mesh (``FaceMesh``) the stage crops the square the network was trained on, found
/// from the mesh (``region(mesh:)``): ``Options/meshScale`` times the longer side of the bounding box of the face's
/// outline from the eyebrows down, centred on it, turned so that the eyes are level; it is sampled with about one
/// bilinear sample per source pixel, averaged (see ``crop(_:region:)``). For a face with only a box it takes a
/// square of ``Options/boxScale`` times the box's longer side, centred on the box moved down by
/// ``Options/verticalShift`` of its height, area-averaged (``square(for:)``). Black fills what lies outside the
/// image. The faces of an image run in batches of at most ``Options/maxBatch`` and the (x, y) in [0, 1] of each
/// square are mapped back to the image. With ``Options/mirrorAveraging`` (the default) each crop also runs
/// mirrored and the two sets of points are averaged.
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
        /// The side of the square cropped from a face's mesh as a multiple of the longer side of the bounding box of
        /// the face's outline from the eyebrows down (about the 68 points' box); 1.2 as in PFLD's training crops.
        public var meshScale: Double = 1.2
        /// Whether a face's mesh, when given, places the crop (``region(mesh:)``) instead of its box.
        public var cropFromMesh: Bool = true

        /// Creates options.
        public init(boxScale: Double = 1.0, verticalShift: Double = 0.05, maxBatch: Int = 2, mirrorAveraging: Bool = true,
                    meshScale: Double = 1.2, cropFromMesh: Bool = true) {
            self.boxScale = boxScale
            self.verticalShift = verticalShift
            self.maxBatch = maxBatch
            self.mirrorAveraging = mirrorAveraging
            self.meshScale = meshScale
            self.cropFromMesh = cropFromMesh
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
        guard options.boxScale.isFinite, options.boxScale > 0, options.verticalShift.isFinite,
              options.meshScale.isFinite, options.meshScale > 0 else {
            throw LandmarkError(.invalidFeed, "68-point options: boxScale and meshScale must be positive and verticalShift finite")
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

    /// Mesh indices of the face oval (MediaPipe's `FACEMESH_FACE_OVAL`, in its order) and of both eyebrows
    /// (`FACEMESH_LEFT_EYEBROW`, `FACEMESH_RIGHT_EYEBROW`).
    static let meshOval = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
                           148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]
    static let meshBrows = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46, 336, 296, 334, 293, 300, 285, 295, 282, 283, 276]
    /// Mesh indices of the outer eye corners: the person's right eye (smaller x in a frontal photo), then left.
    static let meshOuterEyeCorners = (33, 263)

    /// The square this stage crops for a face with a 468-point mesh (image pixels, as ``FaceMesh`` gives them):
    /// turned by the angle of the line from the outer corner of the person's right eye (mesh point 33) to the left
    /// one's (263), so that the eyes are level in the crop; in that turned frame, the bounding box of the eyebrows
    /// and of the face-oval points no higher than the eyebrows' top, its longer side times ``Options/meshScale``,
    /// centred on it. Nil for a mesh that has not 468 finite points or gives an empty box.
    public func region(mesh: [FaceMesh.Point]) -> FaceMeshROI? {
        guard mesh.count == 468, mesh.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        let right = mesh[Self.meshOuterEyeCorners.0], left = mesh[Self.meshOuterEyeCorners.1]
        let angle = atan2(left.y - right.y, left.x - right.x)
        let c = cos(angle), s = sin(angle)
        // Coordinates in the turned frame: along the eye line, and across it (downwards).
        func along(_ p: FaceMesh.Point) -> Double { c * p.x + s * p.y }
        func across(_ p: FaceMesh.Point) -> Double { -s * p.x + c * p.y }
        let top = Self.meshBrows.map { across(mesh[$0]) }.min()!
        let points = Self.meshOval.filter { across(mesh[$0]) >= top } + Self.meshBrows
        var minU = Double.infinity, maxU = -Double.infinity, minV = Double.infinity, maxV = -Double.infinity
        for index in points {
            let u = along(mesh[index]), v = across(mesh[index])
            minU = min(minU, u); maxU = max(maxU, u); minV = min(minV, v); maxV = max(maxV, v)
        }
        let midU = (minU + maxU) / 2, midV = (minV + maxV) / 2
        let region = FaceMeshROI(centerX: c * midU - s * midV, centerY: s * midU + c * midV,
                                 size: options.meshScale * max(maxU - minU, maxV - minV), rotation: angle)
        return RotatedCrop.isValid(region) ? region : nil
    }

    /// The network's input for a turned square region (``region(mesh:)``): `S * S * 3` RGB bytes, rows top to
    /// bottom, each pixel the mean of about one bilinear sample per source pixel of its footprint (see the type's
    /// overview). For inspecting what the network sees.
    public func crop(_ image: Image, region: FaceMeshROI) throws(LandmarkError) -> [UInt8] {
        try image.checkPixelBuffer(for: "68-point stage")
        guard RotatedCrop.isValid(region) else { throw LandmarkError(.invalidFeed, "68-point crop: region \(region) is not valid") }
        var bytes = [UInt8](repeating: 0, count: inputSize * inputSize * 3)
        bytes.withUnsafeMutableBufferPointer { RotatedCrop.crop(image, region, size: inputSize, into: $0.baseAddress!) }
        return bytes
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

    /// Where a face's crop comes from.
    enum CropRegion {
        /// An upright square (``square(for:)``), area-averaged.
        case square(DetectedFace.Box)
        /// A turned square (``region(mesh:)``), supersampled.
        case turned(FaceMeshROI)

        /// The image point at (u, v) in [0, 1] of the crop.
        func imagePoint(u: Double, v: Double) -> DetectedFace.Point {
            switch self {
            case .square(let square):
                return DetectedFace.Point(x: square.x + u * square.width, y: square.y + v * square.height)
            case .turned(let roi):
                let c = cos(roi.rotation), s = sin(roi.rotation)
                let x = (u - 0.5) * roi.size, y = (v - 0.5) * roi.size
                return DetectedFace.Point(x: roi.centerX + c * x - s * y, y: roi.centerY + s * x + c * y)
            }
        }
    }

    /// The 68 points of each face box in image pixels, in batches of at most ``Options/maxBatch`` faces (see
    /// ``batchSizes(count:maxBatch:)``); nil for a box that is not finite with a positive size.
    public func landmarks(in image: Image, boxes: [DetectedFace.Box]) throws(LandmarkError) -> [[DetectedFace.Point]?] {
        try landmarks(in: image, boxes: boxes, meshes: [])
    }

    /// The 68 points of each face in image pixels: a face whose entry in `meshes` is a 468-point mesh (and with
    /// ``Options/cropFromMesh``) is cropped from it (``region(mesh:)``), any other from its box (``square(for:)``);
    /// `meshes` may be shorter than `boxes` (missing entries count as nil). In batches of at most
    /// ``Options/maxBatch`` faces; nil for a face with neither a usable mesh nor a finite box of positive size.
    public func landmarks(in image: Image, boxes: [DetectedFace.Box], meshes: [[FaceMesh.Point]?]) throws(LandmarkError)
        -> [[DetectedFace.Point]?] {
        let regions = boxes.indices.map { i -> CropRegion? in
            if options.cropFromMesh, i < meshes.count, let mesh = meshes[i], let region = region(mesh: mesh) {
                return .turned(region)
            }
            return square(for: boxes[i]).map { .square($0) }
        }
        let valid = regions.indices.filter { regions[$0] != nil }
        var results = [[DetectedFace.Point]?](repeating: nil, count: boxes.count)
        guard !valid.isEmpty else { return results }
        try image.checkPixelBuffer(for: "68-point stage")
        var start = 0
        for size in Self.batchSizes(count: valid.count, maxBatch: options.maxBatch) {
            let group = valid[start..<(start + size)]
            let points = try landmarks(in: image, regions: group.map { regions[$0]! })
            for (index, facePoints) in zip(group, points) { results[index] = facePoints }
            start += size
        }
        return results
    }

    /// The 68 points of each region, in one batch (twice as many crops with ``Options/mirrorAveraging``: the
    /// mirrored crops follow the plain ones).
    private func landmarks(in image: Image, regions: [CropRegion]) throws(LandmarkError) -> [[DetectedFace.Point]] {
        let side = inputSize, perFace = side * side * 3
        let crops = options.mirrorAveraging ? 2 * regions.count : regions.count
        let shape = [crops, side, side, 3]
        let limit = model.options.limits.maxTensorBytes
        guard let bytes = ShapeMath.byteCount(shape, dtype: .uint8), bytes <= limit else {
            throw LandmarkError(.limitExceeded,
                "\(model.source): \(crops) face crop(s) of \(side)x\(side)x3 exceed the tensor size limit of \(limit) bytes")
        }
        var pixels = [UInt8](repeating: 0, count: perFace * crops)
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for (k, region) in regions.enumerated() {
                switch region {
                case .square(let square): SquareCrop.crop(image, square, size: side, into: base + k * perFace)
                case .turned(let roi): RotatedCrop.crop(image, roi, size: side, into: base + k * perFace)
                }
                if options.mirrorAveraging {
                    Self.mirror(base + k * perFace, into: base + (regions.count + k) * perFace, side: side)
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
        return regions.enumerated().map { k, region in
            (0..<Self.pointCount).map { p in
                var u = Double(values[k * stride + 2 * p]), v = Double(values[k * stride + 2 * p + 1])
                if options.mirrorAveraging {
                    // Point p of the face is point mirroredPoint[p] of its mirror image, at 1 - x.
                    let m = (regions.count + k) * stride + 2 * Self.mirroredPoint[p]
                    u = (u + (1 - Double(values[m]))) / 2
                    v = (v + Double(values[m + 1])) / 2
                }
                return region.imagePoint(u: u, v: v)
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
