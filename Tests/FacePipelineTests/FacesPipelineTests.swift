@testable import FacePipeline
import Foundation
import Images
@testable import LandmarkNet
import XCTest

/// The pieces of the MTCNN pipeline against references computed in Python (scripts/mtcnn/reference.py):
/// the three networks against TensorFlow, area resize against tf.image.resize(AREA), crop against the
/// package's extract_patches (tf.image.crop_and_resize), and the package's NMS, squaring and pyramid rules.
final class FacesPipelineTests: XCTestCase {
    static let fixtures = MTCNNReference.directory

    func npy(_ path: String) throws -> Tensor { try NPY.read(contentsOf: Self.fixtures.appendingPathComponent(path)) }

    func floatImage(_ tensor: Tensor) throws -> FloatImage {
        FloatImage(width: tensor.shape[1], height: tensor.shape[0], channels: tensor.shape[2], values: try tensor.scalars(as: Float.self))
    }

    /// max |a - b| / max |b|.
    func relativeError(_ a: [Float], _ b: [Float]) -> Double {
        var diff = 0.0, scale = 0.0
        for (x, y) in zip(a, b) {
            diff = max(diff, abs(Double(x) - Double(y)))
            scale = max(scale, abs(Double(y)))
        }
        return scale > 0 ? diff / scale : diff
    }

    /// The bundled networks give TensorFlow's outputs (within 1e-5 relative) on inputs taken from the
    /// pipeline on a real photo.
    func testBundledNetworksMatchTensorFlow() throws {
        let detector = try FaceDetector()
        let cases: [(String, Model, [String])] = [
            ("pnet", detector.pnet, ["box_regression", "face_probability"]),
            ("rnet", detector.rnet, ["box_regression", "face_probability"]),
            ("onet", detector.onet, ["box_regression", "landmarks", "face_probability"]),
        ]
        for (name, model, outputs) in cases {
            let input = try npy("networks/\(name)_input.npy")
            let results = try model.run(["input": input], outputs: outputs)
            for output in outputs {
                let expected = try npy("networks/\(name)_\(output).npy")
                let ours = try XCTUnwrap(results[output])
                XCTAssertEqual(ours.shape, expected.shape, "\(name) \(output)")
                let error = relativeError(try ours.scalars(as: Float.self), try expected.scalars(as: Float.self))
                XCTAssertLessThanOrEqual(error, 1e-5, "\(name) \(output)")
                print("faces network \(name) \(output) \(ours.shape): relative error \(error)")
            }
        }
    }

    /// AreaResize reproduces tf.image.resize(method=AREA) at the sizes the package computes, down and up.
    func testAreaResizeMatchesTensorFlow() throws {
        let reference = try MTCNNReference.load()
        let input = try floatImage(try npy("primitives/resize_input.npy"))
        XCTAssertFalse(reference.primitives.resize.isEmpty)
        for level in reference.primitives.resize {
            let size = try XCTUnwrap(ScalePyramid.levelSize(width: input.width, height: input.height, scale: level.scale, limit: 1 << 20))
            XCTAssertEqual(size.width, level.width, "scale \(level.scale)")
            XCTAssertEqual(size.height, level.height, "scale \(level.scale)")
            let expected = try npy("primitives/\(level.file)")
            let ours = AreaResize.resize(input, height: level.height, width: level.width)
            XCTAssertEqual([ours.height, ours.width, ours.channels], expected.shape)
            let error = relativeError(ours.values, try expected.scalars(as: Float.self))
            XCTAssertLessThanOrEqual(error, 2e-6, "scale \(level.scale)")
        }
    }

    /// Resizing to the same size is the identity; a constant image stays constant at any size.
    func testAreaResizeInvariants() {
        let values = (0..<(7 * 5 * 3)).map { Float($0) / 10 }
        let image = FloatImage(width: 5, height: 7, channels: 3, values: values)
        XCTAssertEqual(AreaResize.resize(image, height: 7, width: 5).values, values)
        let flat = FloatImage(width: 9, height: 4, channels: 3, values: [Float](repeating: 0.25, count: 108))
        for (h, w) in [(1, 1), (2, 5), (3, 3), (11, 17)] {
            for v in AreaResize.resize(flat, height: h, width: w).values {
                XCTAssertEqual(v, 0.25, accuracy: 1e-6)
            }
        }
    }

    /// CropResize reproduces the package's extract_patches (tf.image.crop_and_resize with the package's
    /// coordinate normalization), including zero fill outside the image.
    func testCropMatchesPackage() throws {
        let reference = try MTCNNReference.load()
        let image = try floatImage(try npy("primitives/crop_input.npy"))
        let boxValues = try npy("primitives/crop_boxes.npy").scalars(as: Double.self)
        let boxes = stride(from: 0, to: boxValues.count, by: 4).map {
            CropResize.Box(x1: boxValues[$0], y1: boxValues[$0 + 1], x2: boxValues[$0 + 2], y2: boxValues[$0 + 3])
        }
        XCTAssertEqual(boxes.count, 5)
        for crop in reference.primitives.crop {
            let expected = try npy("primitives/\(crop.file)")
            XCTAssertEqual(expected.shape, [boxes.count, crop.size, crop.size, 3])
            var ours = [Float](repeating: .nan, count: expected.elementCount)
            ours.withUnsafeMutableBufferPointer { CropResize.crop(image, boxes: boxes, size: crop.size, into: $0) }
            let error = relativeError(ours, try expected.scalars(as: Float.self))
            XCTAssertLessThanOrEqual(error, 1e-5, "crop \(crop.size)")
            XCTAssertTrue(ours.allSatisfy { $0.isFinite })
        }
    }

    /// NaN or infinite boxes give zero crops instead of trapping.
    func testCropOfNonFiniteBoxIsZero() {
        let image = FloatImage(width: 4, height: 3, channels: 3, values: [Float](repeating: 1, count: 36))
        var out = [Float](repeating: 7, count: 2 * 24 * 24 * 3)
        out.withUnsafeMutableBufferPointer {
            CropResize.crop(image, boxes: [CropResize.Box(x1: .nan, y1: 0, x2: 3, y2: 2),
                                           CropResize.Box(x1: 0, y1: -.infinity, x2: .infinity, y2: 2)], size: 24, into: $0)
        }
        XCTAssertTrue(out.allSatisfy { $0 == 0 || $0 == 1 })
        XCTAssertTrue(out[0..<(24 * 24 * 3)].allSatisfy { $0 == 0 })
    }

    func candidate(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ score: Double) -> FaceCandidate {
        FaceCandidate(x1: x1, y1: y1, x2: x2, y2: y2, score: score)
    }

    /// The package's NMS is not greedy: a box suppressed by an earlier one still suppresses later boxes.
    func testSuppressionFollowsThePackage() {
        let a = candidate(0, 0, 10, 10, 0.9)
        let b = candidate(4, 0, 14, 10, 0.8)   // IoU(a, b) = 6/14
        let c = candidate(8, 0, 18, 10, 0.7)   // IoU(a, c) = 2/18, IoU(b, c) = 6/14
        XCTAssertEqual(NonMaximumSuppression.suppress([a, b, c], threshold: 0.4, method: .union), [a])
        XCTAssertEqual(NonMaximumSuppression.suppress([a, b, c], threshold: 0.5, method: .union), [a, b, c])
        // Intersection over the smaller area: a small box inside a big one goes.
        let big = candidate(0, 0, 100, 100, 0.99), small = candidate(10, 10, 30, 30, 0.95)
        XCTAssertEqual(NonMaximumSuppression.suppress([big, small], threshold: 0.7, method: .minimum), [big])
        XCTAssertEqual(NonMaximumSuppression.suppress([big, small], threshold: 0.7, method: .union), [big, small])
        // Degenerate boxes (0/0 = NaN) never suppress.
        let point = candidate(5, 5, 5, 5, 0.5)
        XCTAssertEqual(NonMaximumSuppression.suppress([point, point], threshold: 0.1, method: .union), [point, point])
        XCTAssertEqual(NonMaximumSuppression.suppress([], threshold: 0.1, method: .union), [])
    }

    /// Descending by score; equal scores keep numpy's reversed-argsort order (later first).
    func testSortByScore() {
        let list = [candidate(0, 0, 1, 1, 0.5), candidate(1, 0, 2, 1, 0.9), candidate(2, 0, 3, 1, 0.5), candidate(3, 0, 4, 1, 0.7)]
        XCTAssertEqual(NonMaximumSuppression.sortedByScore(list).map(\.x1), [1, 3, 2, 0])
    }

    /// Squaring keeps the center; regression works in float32 with the package's +1 sizes; landmarks map
    /// [0, 1] onto the box minus one pixel.
    func testCandidateGeometry() {
        let square = candidate(10, 20, 30, 60, 1).squared()
        XCTAssertEqual([square.x1, square.y1, square.x2, square.y2], [0, 20, 40, 60])
        let moved = candidate(10, 20, 29, 39, 1).regressed(0.5, -0.25, 0, 1)
        XCTAssertEqual([moved.x1, moved.y1, moved.x2, moved.y2], [20, 15, 29, 59])
        let fractional = candidate(100.123456789, 0, 200.5555555, 10, 1).regressed(0.1234567, 0, 0, 0)
        XCTAssertEqual(fractional.x1, 112.64593505859375)  // what the package computes (float32 arithmetic)
        let points: [Float] = [0, 1, 0.5, 0, 1, 0, 0, 0.5, 1, 1]
        let placed = points.withUnsafeBufferPointer { candidate(10, 20, 29, 39, 1).landmarksInBox($0) }
        XCTAssertEqual(placed, [9, 29, 19, 9, 29, 19, 19, 29, 39, 39])
    }

    /// The pyramid: count and scales as build_scale_pyramid computes them; none for small images.
    func testScalePyramid() {
        let scales = ScalePyramid.scales(width: 417, height: 417, minFaceSize: 20, minimumSize: 12, factor: 0.709)
        XCTAssertEqual(scales.count, 9)  // round(log(417 / 12) / -log(0.709) - 1) = round(9.32)
        XCTAssertEqual(scales[0], 0.6)
        XCTAssertEqual(scales[3], 0.6 * pow(0.709, 3))
        XCTAssertEqual(ScalePyramid.scales(width: 640, height: 19, minFaceSize: 20, minimumSize: 12, factor: 0.709), [])
        XCTAssertEqual(ScalePyramid.scales(width: 1, height: 1, minFaceSize: 20, minimumSize: 12, factor: 0.709), [])
        let level = ScalePyramid.levelSize(width: 29, height: 37, scale: 0.6 * 0.709, limit: 1 << 20)
        XCTAssertEqual(level?.width, 12)
        XCTAssertEqual(level?.height, 15)
        XCTAssertNil(ScalePyramid.levelSize(width: 1000, height: 1000, scale: 1e9, limit: 1 << 20))
    }

    /// Normalization maps 0, 127.5 and 255 to about -1, 0 and 1 and replicates gray.
    func testNormalization() throws {
        let gray = try Image(width: 2, height: 1, channels: 1, pixels: [0, 255])
        let image = try FloatImage(normalizing: gray)
        let low: Float = -127.5 / 128, high: Float = 127.5 / 128
        XCTAssertEqual(image.values, [low, low, low, high, high, high])
    }
}
