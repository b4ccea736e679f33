@testable import FacePipeline
import Foundation
import TestSupport
import XCTest

/// The bundled 68-point stage: the network against TensorFlow, the crop samplers and the mesh's crop against their
/// NumPy references, and the points on a photo against the face mesh (`Tests/Fixtures/landmarks68`, made by
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
        // The stage alone, given the face's mesh, gives the landmarker's points; given only the box, it crops
        // another square and gives points within 10% of the eye distance of them.
        let stage = try FaceLandmarks68()
        XCTAssertEqual(try stage.landmarks(in: photo, boxes: [face.box], meshes: [mesh]).first!!, points)
        let fromBox = try XCTUnwrap(try stage.landmarks(in: photo, boxes: [face.box]).first ?? nil)
        XCTAssertNotEqual(fromBox, points)
        let worst = zip(fromBox, points).map { hypot($0.x - $1.x, $0.y - $1.y) }.max()!
        XCTAssertLessThan(worst / ocular, 0.1)
    }

    private struct Turned: Decodable {
        var photo: String
        var turned: [[Double]]
        var mesh: [[Double]]
        var mesh_region: [Double]
        var mesh_points: [[Double]]
    }

    private func turned() throws -> Turned {
        try JSONDecoder().decode(Turned.self, from: Data(contentsOf: Self.directory.appendingPathComponent("turned.json")))
    }

    /// A turned square is sampled with about one bilinear sample per source pixel, averaged, black outside the
    /// image: within one level of the float64 reference (search_crops.warp), rounding apart, for a square that is
    /// shrunk 2.9 times and reaches past the image, one smaller than the crop and one shrunk 5 times (two steps).
    func testTurnedCropMatchesReference() throws {
        let turned = try turned()
        let photo = try Image(contentsOf: TestPaths.fixture(turned.photo))
        let stage = try FaceLandmarks68()
        for (values, file) in zip(turned.turned, ["turned_crop.npy", "small_turned_crop.npy", "large_turned_crop.npy"]) {
            let expected = try NPY.read(contentsOf: Self.directory.appendingPathComponent(file)).scalars(as: UInt8.self)
            let region = FaceMeshROI(centerX: values[0], centerY: values[1], size: values[2], rotation: values[3])
            let ours = try stage.crop(photo, region: region)
            XCTAssertEqual(ours.count, expected.count)
            let worst = zip(ours, expected).map { abs(Int($0) - Int($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1, file)
            let differing = zip(ours, expected).filter { $0 != $1 }.count
            XCTAssertLessThan(Double(differing), 0.01 * Double(expected.count), "\(file): \(differing) values differ")
            XCTAssertTrue(ours.contains { $0 > 0 }, file)
        }
        // The first square's top-left corner lies outside the image: black.
        let first = try stage.crop(photo, region: FaceMeshROI(centerX: turned.turned[0][0], centerY: turned.turned[0][1],
                                                               size: turned.turned[0][2], rotation: turned.turned[0][3]))
        XCTAssertEqual(Array(first[0..<3]), [0, 0, 0])
        XCTAssertThrowsError(try stage.crop(photo, region: FaceMeshROI(centerX: 0, centerY: 0, size: .nan, rotation: 0)))
    }

    /// From a face mesh the stage crops PFLD's training square (1.2x the outline's box, turned level) as the NumPy
    /// reference does (search_crops.mesh_region), and its points match TensorFlow's on the reference crop and its
    /// mirror image, averaged, within 0.1% of the square's side.
    func testMeshRegionAndPointsMatchReference() throws {
        let turned = try turned()
        let photo = try Image(contentsOf: TestPaths.fixture(turned.photo))
        let mesh = turned.mesh.map { FaceMesh.Point(x: $0[0], y: $0[1], z: $0[2]) }
        let stage = try FaceLandmarks68()
        let region = try XCTUnwrap(stage.region(mesh: mesh))
        let expected = turned.mesh_region
        XCTAssertEqual(region.centerX, expected[0], accuracy: 1e-9)
        XCTAssertEqual(region.centerY, expected[1], accuracy: 1e-9)
        XCTAssertEqual(region.size, expected[2], accuracy: 1e-9)
        XCTAssertEqual(region.rotation, expected[3], accuracy: 1e-12)
        let box = DetectedFace.Box(x: 0, y: 0, width: 1, height: 1)  // not used: the mesh places the crop
        let points = try XCTUnwrap(try stage.landmarks(in: photo, boxes: [box], meshes: [mesh]).first ?? nil)
        XCTAssertEqual(points.count, 68)
        let worst = zip(points, turned.mesh_points).map { hypot($0.x - $1[0], $0.y - $1[1]) }.max()!
        XCTAssertLessThan(worst, 1e-3 * region.size)
        // Without cropFromMesh, or with a mesh that is not 468 points, the box places the crop.
        let boxOnly = try FaceLandmarks68(options: FaceLandmarks68.Options(cropFromMesh: false))
        XCTAssertEqual(try boxOnly.landmarks(in: photo, boxes: [box], meshes: [mesh]), try boxOnly.landmarks(in: photo, boxes: [box]))
        XCTAssertEqual(try stage.landmarks(in: photo, boxes: [box], meshes: [Array(mesh.prefix(467))]),
                       try stage.landmarks(in: photo, boxes: [box]))
        XCTAssertNil(stage.region(mesh: Array(mesh.prefix(467))))
    }

    /// The mesh's crop turns with the face: the points of a photo given upside down (each pixel at the opposite
    /// corner) are the photo's points turned half a circle, where an upright box crop would see the face upside
    /// down.
    func testMeshCropTurnsWithTheFace() throws {
        let turned = try turned()
        let photo = try Image(contentsOf: TestPaths.fixture(turned.photo))
        var flipped = photo
        let count = photo.width * photo.height
        for k in 0..<count {
            for c in 0..<photo.channels {
                flipped.pixels[k * photo.channels + c] = photo.pixels[(count - 1 - k) * photo.channels + c]
            }
        }
        let width = Double(photo.width), height = Double(photo.height)
        let mesh = turned.mesh.map { FaceMesh.Point(x: $0[0], y: $0[1], z: $0[2]) }
        let turnedMesh = mesh.map { FaceMesh.Point(x: width - $0.x, y: height - $0.y, z: $0.z) }
        let stage = try FaceLandmarks68()
        let box = DetectedFace.Box(x: 0, y: 0, width: 1, height: 1)
        let upright = try XCTUnwrap(try stage.landmarks(in: photo, boxes: [box], meshes: [mesh]).first ?? nil)
        let upsideDown = try XCTUnwrap(try stage.landmarks(in: flipped, boxes: [box], meshes: [turnedMesh]).first ?? nil)
        let worst = zip(upright, upsideDown).map { hypot($0.x - (width - $1.x), $0.y - (height - $1.y)) }.max()!
        XCTAssertLessThan(worst, 0.05)
    }

    /// More faces than ``FaceLandmarks68/Options/maxBatch`` run in bounded batches: with a tensor limit that
    /// holds the intermediates of a few faces but not of all of them, every face still gets the points it gets
    /// alone.
    func testManyFacesRunInBoundedBatches() throws {
        let photo = try Image(contentsOf: TestPaths.fixture("mtcnn/photos/grace_hopper.png"))
        // The first convolution's output is [N, 56, 56, 64] float32: 0.8 MB a crop, two crops a face (mirrored);
        // the 4 crops of 2 faces fit, the 12 of 6 faces do not.
        let limits = ModelLimits(maxTensorBytes: 4_000_000)
        let model = try Model(contentsOf: FaceLandmarks68.bundledModelURL(), options: Model.Options(limits: limits, threads: 1))
        var options = FaceLandmarks68.Options()
        options.maxBatch = 2
        let stage = try FaceLandmarks68(model: model, options: options)
        let boxes = (0..<6).map { k in
            DetectedFace.Box(x: 60 + 3 * Double(k), y: 40 + 2 * Double(k), width: 250, height: 300)
        }
        let batched = try stage.landmarks(in: photo, boxes: boxes)
        XCTAssertEqual(batched.compactMap { $0 }.count, 6)
        // The same bits as the batches of 2 run one by one.
        let groups = [0..<2, 2..<4, 4..<6]
        let separate = try groups.flatMap { try stage.landmarks(in: photo, boxes: Array(boxes[$0])) }
        XCTAssertTrue(separate == batched, "batched points differ from the same batches run one by one")
        // Each face alone: the same points up to the float rounding a batch's size may change.
        for (k, box) in boxes.enumerated() {
            let alone = try XCTUnwrap(try stage.landmarks(in: photo, boxes: [box])[0])
            let worst = zip(alone, try XCTUnwrap(batched[k])).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? .infinity
            XCTAssertLessThan(worst, 1e-3, "face \(k)")
        }
    }

    /// Mirror averaging makes the stage symmetric: the points of a mirrored photo are the mirrored points of the
    /// photo (renumbered left for right), where the network alone is off by a pixel or more.
    func testMirrorAveragingIsSymmetric() throws {
        let photo = try Image(contentsOf: TestPaths.fixture("mtcnn/photos/grace_hopper.png"))
        var mirrored = photo
        for row in 0..<photo.height {
            for column in 0..<photo.width {
                for c in 0..<photo.channels {
                    mirrored.pixels[(row * photo.width + column) * photo.channels + c] =
                        photo.pixels[(row * photo.width + photo.width - 1 - column) * photo.channels + c]
                }
            }
        }
        let box = DetectedFace.Box(x: 70.25, y: 45.5, width: 250, height: 300)
        let flipped = DetectedFace.Box(x: Double(photo.width) - box.x - box.width, y: box.y, width: box.width, height: box.height)
        func asymmetry(_ stage: FaceLandmarks68) throws -> Double {
            let points = try XCTUnwrap(try stage.landmarks(in: photo, boxes: [box])[0])
            let other = try XCTUnwrap(try stage.landmarks(in: mirrored, boxes: [flipped])[0])
            return (0..<68).map { p in
                let q = other[FaceLandmarks68.mirroredPoint[p]]
                return hypot(points[p].x - (Double(photo.width) - q.x), points[p].y - q.y)
            }.max()!
        }
        XCTAssertEqual(FaceLandmarks68.mirroredPoint.count, 68)
        XCTAssertEqual((0..<68).map { FaceLandmarks68.mirroredPoint[FaceLandmarks68.mirroredPoint[$0]] }, Array(0..<68))
        let averaged = try asymmetry(FaceLandmarks68())
        let plain = try asymmetry(FaceLandmarks68(options: FaceLandmarks68.Options(mirrorAveraging: false)))
        XCTAssertLessThan(averaged, 0.05)
        XCTAssertGreaterThan(plain, 0.5)
    }

    /// A batch is ``FaceLandmarks68/Options/maxBatch`` faces, the rest in falling powers of two, so that an image
    /// with any number of faces plans at most a few distinct batch shapes.
    func testBatchSizesAreFewShapes() {
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 0, maxBatch: 16), [])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 1, maxBatch: 16), [1])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 16, maxBatch: 16), [16])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 45, maxBatch: 16), [16, 16, 8, 4, 1])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 10, maxBatch: 4), [4, 4, 2])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 7, maxBatch: 6), [6, 1])
        XCTAssertEqual(FaceLandmarks68.batchSizes(count: 3, maxBatch: 0), [1, 1, 1])
        var shapes = Set<Int>()
        for count in 1...200 {
            let sizes = FaceLandmarks68.batchSizes(count: count, maxBatch: 16)
            XCTAssertEqual(sizes.reduce(0, +), count)
            shapes.formUnion(sizes)
        }
        XCTAssertEqual(shapes, [1, 2, 4, 8, 16])
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
