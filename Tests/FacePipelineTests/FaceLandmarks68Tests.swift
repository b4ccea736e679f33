@testable import FacePipeline
import Foundation
import TestSupport
import XCTest

/// The bundled 68-point stage: the network against TensorFlow, the crop sampler against its NumPy reference, and
/// the points on a photo against the face mesh (`Tests/Fixtures/landmarks68`, made by
/// `scripts/landmarks68/make_fixture.py`).
final class FaceLandmarks68Tests: XCTestCase {
    private static let directory = TestPaths.fixture("landmarks68")

    private struct Squares: Decodable {
        var photo: String
        var square: [Double]
        var small_square: [Double]
    }

    private func squares() throws -> Squares {
        try JSONDecoder().decode(Squares.self, from: Data(contentsOf: Self.directory.appendingPathComponent("crop_square.json")))
    }

    /// The bundled graph in this engine matches TensorFlow on real and random crops, at 1 and 2 threads alike.
    func testBundledNetworkMatchesTensorFlow() throws {
        let input = try NPY.read(contentsOf: Self.directory.appendingPathComponent("input.npy"))
        let expected = try NPY.read(contentsOf: Self.directory.appendingPathComponent("expected.npy")).scalars(as: Float.self)
        var results: [[Float]] = []
        for threads in [1, 2] {
            let model = try Model(contentsOf: FaceLandmarks68.bundledModelURL(), options: Model.Options(threads: threads))
            let output = try model.run(["input_image_tensor": input], outputs: ["logits/BiasAdd"])["logits/BiasAdd"]!
            XCTAssertEqual(output.shape, [3, 136])
            let ours = try output.scalars(as: Float.self)
            let scale = expected.map { abs($0) }.max()!
            let worst = zip(ours, expected).map { abs($0 - $1) }.max()!
            XCTAssertLessThanOrEqual(worst / scale, 1e-5, "\(threads) thread(s)")
            results.append(ours)
        }
        XCTAssertEqual(results[0], results[1], "1 and 2 threads give different bits")
    }

    /// Downscaling averages the covered area (black outside the image); upscaling is bilinear: within one level of
    /// the float64 reference, rounding apart.
    func testSquareCropMatchesReference() throws {
        let squares = try squares()
        let photo = try Image(contentsOf: TestPaths.fixture(squares.photo))
        let stage = try FaceLandmarks68()
        for (values, file) in [(squares.square, "crop.npy"), (squares.small_square, "small_crop.npy")] {
            let expected = try NPY.read(contentsOf: Self.directory.appendingPathComponent(file)).scalars(as: UInt8.self)
            let ours = try stage.crop(photo, square: DetectedFace.Box(x: values[0], y: values[1], width: values[2], height: values[2]))
            XCTAssertEqual(ours.count, expected.count)
            let worst = zip(ours, expected).map { abs(Int($0) - Int($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1, file)
            let differing = zip(ours, expected).filter { $0 != $1 }.count
            XCTAssertLessThan(Double(differing), 0.01 * Double(expected.count), "\(file): \(differing) values differ")
        }
        // The square's part left of the image is black.
        let crop = try stage.crop(photo, square: DetectedFace.Box(x: -200, y: 0, width: 112, height: 112))
        XCTAssertTrue(crop[0..<3].allSatisfy { $0 == 0 })
    }

    /// On a portrait, the 68 points sit where the face mesh puts the same features: outer eye corners (36, 45 ~
    /// mesh 33, 263), nose tip (30 ~ mesh 1), mouth corners (48, 54 ~ mesh 61, 291), chin (8 ~ mesh 152), within
    /// 15% of the distance between the outer eye corners.
    func testPointsAgreeWithTheMesh() throws {
        let photo = try Image(contentsOf: TestPaths.fixture("mtcnn/photos/grace_hopper.png"))
        let faces = try FaceLandmarker().faces(in: photo)
        let face = try XCTUnwrap(faces.first)
        let points = try XCTUnwrap(face.landmarks68)
        let mesh = try XCTUnwrap(face.mesh)
        XCTAssertEqual(points.count, 68)
        let ocular = hypot(points[45].x - points[36].x, points[45].y - points[36].y)
        XCTAssertGreaterThan(ocular, 20)
        for (ours, theirs) in [(36, 33), (45, 263), (30, 1), (48, 61), (54, 291), (8, 152)] {
            let distance = hypot(points[ours].x - mesh[theirs].x, points[ours].y - mesh[theirs].y)
            XCTAssertLessThan(distance / ocular, 0.15, "point \(ours) vs mesh \(theirs)")
        }
        // The box-only stage agrees with the landmarker's.
        let alone = try FaceLandmarks68().landmarks(in: photo, boxes: [face.box])
        XCTAssertEqual(alone.first??.count, 68)
        XCTAssertEqual(alone.first!!, points)
    }

    /// Degenerate boxes give nil, a landmarker without the stage gives none, and a graph without the contract is
    /// refused with its name.
    func testDegenerateBoxesAndMissingStage() throws {
        let photo = try Image(contentsOf: TestPaths.fixture("mtcnn/photos/grace_hopper.png"))
        let stage = try FaceLandmarks68()
        let boxes = [DetectedFace.Box(x: .nan, y: 0, width: 10, height: 10), DetectedFace.Box(x: 0, y: 0, width: 0, height: 5)]
        XCTAssertEqual(try stage.landmarks(in: photo, boxes: boxes).compactMap { $0 }.count, 0)
        let faces = try FaceLandmarker(withMesh: false, withLandmarks68: false).faces(in: photo)
        XCTAssertFalse(faces.isEmpty)
        XCTAssertNil(faces[0].landmarks68)
        let mesh = try Model(contentsOf: FaceMesh.bundledModelURL())
        XCTAssertThrowsError(try FaceLandmarks68(model: mesh)) { error in
            XCTAssertTrue("\(error)".contains("68-point model"), "\(error)")
        }
    }
}
