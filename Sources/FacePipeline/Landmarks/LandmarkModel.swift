import Foundation
import Images
import Tensor

/// A landmark-regression graph such as the seed cnn-facial-landmark model, run the way its author ran it:
/// for each face box, move the box down by 10% of its height, make it square around its centre, clamp it to
/// the image, crop, resize bilinearly to the graph's input size, and read the output as (x, y) pairs in [0, 1]
/// of the crop.
///
/// The graph must have one image input, `[H, W, 3]` or `[N, H, W, 3]` (N may be unknown), uint8 or float32, and
/// one output with an even number of values per face. Faces go through as one batch when the input has a batch
/// dimension that is unknown; otherwise one at a time.
public struct LandmarkModel: Sendable {
    /// The loaded graph.
    public let model: Model
    /// The image input's name.
    public let inputName: String
    /// The output read as points.
    public let outputName: String
    /// Input height and width.
    public let inputSize: (height: Int, width: Int)
    /// uint8 or float32.
    public let inputType: DType
    /// Whether the input has a leading batch dimension.
    public let hasBatchDimension: Bool
    /// Whether the batch dimension is unknown (so several faces fit one run).
    public let acceptsAnyBatch: Bool
    /// The most faces run in one batch by a graph that ``acceptsAnyBatch``.
    public static let maxBatch = 16

    /// Wraps a loaded graph; `output` picks the output when the graph has several sinks.
    public init(_ model: Model, output: String? = nil) throws(LandmarkError) {
        guard model.inputs.count == 1, let input = model.inputs.first, let shape = input.shape,
              let dtype = input.dtype, dtype == .uint8 || dtype == .float32,
              (shape.count == 3 || shape.count == 4), shape.last == 3,
              shape[shape.count - 3] > 0, shape[shape.count - 2] > 0
        else {
            throw LandmarkError(.invalidFeed,
                "\(model.source): a landmark model needs one uint8 or float32 image input [H,W,3] or [N,H,W,3] of known H and W, "
                + "got \(model.inputs.map(\.description).joined(separator: ", "))")
        }
        guard let outputName = output ?? (model.outputs.count == 1 ? model.outputs.first?.name : nil) else {
            throw LandmarkError(.unknownTensor,
                "\(model.source): the graph has \(model.outputs.count) outputs (\(model.outputs.map(\.name).joined(separator: ", "))); name the landmark output")
        }
        self.model = model
        self.inputName = input.name
        self.outputName = outputName
        self.inputSize = (shape[shape.count - 3], shape[shape.count - 2])
        self.inputType = dtype
        self.hasBatchDimension = shape.count == 4
        self.acceptsAnyBatch = shape.count == 4 && shape[0] < 0
    }

    /// The square crop the seed pipeline takes for a face box, clamped to the image; nil when nothing of it
    /// lies inside the image.
    public static func cropRegion(for box: DetectedFace.Box, imageWidth: Int, imageHeight: Int) -> PixelRegion? {
        guard box.x.isFinite, box.y.isFinite, box.width.isFinite, box.height.isFinite, box.width > 0, box.height > 0 else {
            return nil
        }
        let shifted = box.y + box.height * 0.1
        let centreX = box.x + box.width / 2, centreY = shifted + box.height / 2
        let side = max(box.width, box.height)
        let limit = Double(Int32.max)
        let left = max(0, min((centreX - side / 2).rounded(), limit))
        let top = max(0, min((centreY - side / 2).rounded(), limit))
        let right = min(Double(imageWidth), max((centreX + side / 2).rounded(), -limit))
        let bottom = min(Double(imageHeight), max((centreY + side / 2).rounded(), -limit))
        guard right > left, bottom > top else { return nil }
        return PixelRegion(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
    }

    /// The landmarks of each face box, in image pixels; an empty array for a box outside the image.
    public func landmarks(in image: Image, boxes: [DetectedFace.Box]) throws(LandmarkError) -> [[DetectedFace.Point]] {
        let regions = boxes.map { LandmarkModel.cropRegion(for: $0, imageWidth: image.width, imageHeight: image.height) }
        let valid = regions.indices.filter { regions[$0] != nil }
        var results = [[DetectedFace.Point]](repeating: [], count: boxes.count)
        // A graph with a free batch dimension runs up to maxBatch faces at once (the batch's memory grows with it).
        let groups: [[Int]] = acceptsAnyBatch
            ? stride(from: 0, to: valid.count, by: Self.maxBatch).map { Array(valid[$0..<min(valid.count, $0 + Self.maxBatch)]) }
            : valid.map { [$0] }
        for group in groups {
            let crops = group.map { regions[$0]! }
            let points = try run(image, crops)
            for (index, facePoints) in zip(group, points) { results[index] = facePoints }
        }
        return results
    }

    /// The points of each crop (one batch), mapped back to image pixels.
    private func run(_ image: Image, _ crops: [PixelRegion]) throws(LandmarkError) -> [[DetectedFace.Point]] {
        let (height, width) = inputSize
        let shape = hasBatchDimension ? [crops.count, height, width, 3] : [height, width, 3]
        // The crops are staged as float32: the batch must fit the model's tensor limit before any of it is allocated
        // or resized (a hostile model's input size times the number of faces is otherwise unbounded).
        let limit = model.options.limits.maxTensorBytes
        guard let bytes = ShapeMath.byteCount(shape, dtype: .float32), bytes <= limit else {
            throw LandmarkError(.limitExceeded,
                "\(model.source): \(crops.count) face crop(s) of \(height)x\(width)x3 exceed the tensor size limit of \(limit) bytes")
        }
        let perFace = height * width * 3
        var floats = [Float](repeating: 0, count: perFace * crops.count)
        floats.withUnsafeMutableBufferPointer { buffer in
            for (i, crop) in crops.enumerated() {
                resizeBilinear(image, region: crop, width: width, height: height, into: buffer.baseAddress! + i * perFace)
            }
        }
        let tensor: Tensor
        do {
            if inputType == .uint8 {
                tensor = try Tensor(shape: shape, scalars: floats.map { UInt8(max(0, min(255, $0.rounded()))) })
            } else {
                tensor = try Tensor(shape: shape, scalars: floats)
            }
        } catch {
            throw LandmarkError(.invalidFeed, "\(error)")
        }
        let output = try model.run([inputName: tensor], outputs: [outputName])[outputName]!
        let values = output.doubleValues()
        guard values.count % crops.count == 0, (values.count / crops.count) % 2 == 0 else {
            throw LandmarkError(.invalidNode, "\(model.source): output '\(outputName)' has \(values.count) values, not (x, y) pairs per face")
        }
        let stride = values.count / crops.count
        return crops.enumerated().map { i, crop in
            (0..<(stride / 2)).map { k in
                DetectedFace.Point(x: Double(crop.x) + values[i * stride + 2 * k] * Double(crop.width),
                                   y: Double(crop.y) + values[i * stride + 2 * k + 1] * Double(crop.height))
            }
        }
    }
}
