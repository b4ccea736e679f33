@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// `landmark detect` and `landmark mesh` with `--detector`, `--no-rotations` and `--mesh-passes`, and the
/// `detector` and `rotation` of each face in their JSON.
final class DetectorOptionsCommandTests: XCTestCase {
    private static let photos = TestPaths.fixture("mtcnn/photos")
    private static let hopper = photos.appendingPathComponent("grace_hopper.png").path
    private static let group = photos.appendingPathComponent("group.png").path
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("detector-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ arguments: [String]) throws -> CommandOutcome {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        return try CommandRun.run(executable, arguments)
    }

    /// The faces of a `--json` run (its first line's `faces`); fails the test on a non-zero exit.
    private func faces(_ arguments: [String]) throws -> [[String: Any]] {
        let outcome = try run(arguments)
        XCTAssertEqual(outcome.status, 0, "landmark \(arguments.joined(separator: " ")): \(outcome.stderr)")
        let line = try XCTUnwrap(outcome.stdout.split(separator: "\n").first, arguments.joined(separator: " "))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return try XCTUnwrap(object["faces"] as? [[String: Any]])
    }

    /// A bad option fails with exactly one line on stderr that starts with `error:` and names the option.
    private func assertOneLineError(_ arguments: [String], naming option: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try run(arguments)
        let command = arguments.joined(separator: " ")
        XCTAssertNotEqual(outcome.status, 0, command, file: file, line: line)
        XCTAssertTrue(outcome.stdout.isEmpty, "\(command): \(outcome.stdout)", file: file, line: line)
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "\(command): \(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), "\(command): \(outcome.stderr)", file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(option), "\(command): \(outcome.stderr)", file: file, line: line)
    }

    /// Each `--detector` value reaches the detection and each face says which detector found it: `mtcnn` and
    /// `blazeface` label every face with themselves; `both` finds MTCNN's six faces on group.png, those
    /// BlazeFace finds upright too labelled `both`, and as many of them as `blazeface` finds upright alone.
    func testDetectorChoiceAndEachFacesDetector() throws {
        var counts: [String: Int] = [:]
        for kind in ["mtcnn", "blazeface"] {
            let found = try faces(["detect", Self.group, "--json", "--detector", kind, "--no-mesh", "--no-landmarks68"])
            XCTAssertFalse(found.isEmpty, kind)
            for face in found {
                XCTAssertEqual(face["detector"] as? String, kind)
                // BlazeFace alone sees one of the faces better in a turned copy.
                if kind == "mtcnn" { XCTAssertEqual(face["rotation"] as? Int, 0) }
            }
            counts[kind] = found.filter { ($0["rotation"] as? Int) == 0 }.count
        }
        XCTAssertEqual(counts["mtcnn"], 6)
        let fused = try faces(["detect", Self.group, "--json", "--detector", "both", "--no-mesh", "--no-landmarks68"])
        XCTAssertEqual(fused.count, 6)
        let labels = fused.compactMap { $0["detector"] as? String }
        XCTAssertEqual(labels.count, fused.count)
        XCTAssertEqual(labels.filter { $0 == "both" }.count, counts["blazeface"], "\(labels)")
        XCTAssertTrue(labels.allSatisfy { $0 == "both" || $0 == "mtcnn" }, "\(labels)")
        // The default is `both`.
        let plain = try faces(["detect", Self.hopper, "--json", "--no-mesh", "--no-landmarks68"])
        XCTAssertEqual(plain.map { $0["detector"] as? String }, ["both"])
    }

    func testBadDetectorIsAOneLineError() throws {
        for command in ["detect", "mesh", "video"] {
            try assertOneLineError([command, Self.hopper, "--detector", "haar"], naming: "--detector")
        }
    }

    /// grace_hopper.png turned 90 degrees clockwise: the face is found in the copy turned back (rotation 270,
    /// box and points in the turned photo's coordinates, 68 points and mesh on the face); with `--no-rotations`
    /// MTCNN finds none and `both` keeps no turned face.
    func testTurnedPhotoNeedsTheRotationSearch() throws {
        let photo = try Image(contentsOf: URL(fileURLWithPath: Self.hopper))
        let turned = photo.applying(QuarterTurn.clockwise.orientation)
        let path = directory.appendingPathComponent("hopper-turned.png")
        try turned.write(to: path)

        let upright = try XCTUnwrap(try faces(["detect", Self.hopper, "--json"]).first)
        let uprightBox = try XCTUnwrap(upright["box"] as? [Double])
        // The upright face's box centre, carried into the turned photo.
        let centre = QuarterTurn.clockwise.mapForward(DetectedFace.Point(x: uprightBox[0] + uprightBox[2] / 2, y: uprightBox[1] + uprightBox[3] / 2),
                                                      width: photo.width, height: photo.height)

        let found = try faces(["detect", path.path, "--json"])
        XCTAssertEqual(found.count, 1)
        let face = try XCTUnwrap(found.first)
        XCTAssertEqual(face["rotation"] as? Int, QuarterTurn.counterClockwise.rawValue)
        let box = try XCTUnwrap(face["box"] as? [Double])
        XCTAssertEqual(box[0] + box[2] / 2, centre.x, accuracy: 0.2 * uprightBox[3])
        XCTAssertEqual(box[1] + box[3] / 2, centre.y, accuracy: 0.2 * uprightBox[3])
        // The turned face is wider than high, as the upright one is higher than wide.
        XCTAssertGreaterThan(box[2], box[3])
        for key in ["landmarks68", "mesh"] {
            let points = try XCTUnwrap(face[key] as? [[Double]], key)
            XCTAssertTrue(points.allSatisfy { $0[0] > box[0] - box[2] / 2 && $0[0] < box[0] + 1.5 * box[2] }, key)
            XCTAssertTrue(points.allSatisfy { $0[1] > box[1] - box[3] / 2 && $0[1] < box[1] + 1.5 * box[3] }, key)
        }
        let mesh = try faces(["mesh", path.path, "--json"])
        XCTAssertEqual(mesh.map { $0["rotation"] as? Int }, [QuarterTurn.counterClockwise.rawValue])

        for detector in ["mtcnn", "both"] {
            let none = try faces(["detect", path.path, "--json", "--no-rotations", "--detector", detector])
            XCTAssertTrue(none.allSatisfy { ($0["rotation"] as? Int) == 0 }, "\(detector): \(none)")
            if detector == "mtcnn" { XCTAssertEqual(none.count, 0) }
        }
        XCTAssertEqual(try faces(["mesh", path.path, "--json", "--no-rotations", "--detector", "mtcnn"]).count, 0)
    }

    /// `--mesh-passes` 0, 1 and 2 reach the landmarker: each run's mesh is the library's with as many
    /// refinement passes; refining moves the mesh of a face MTCNN alone found and leaves a face BlazeFace found
    /// on MediaPipe's region; out of range is a one-line error.
    func testMeshPasses() throws {
        let image = try Image(contentsOf: URL(fileURLWithPath: Self.hopper))
        var landmarker = try FaceLandmarker(withLandmarks68: false, detectorKind: .both)
        var meshes: [[[Double]]] = []
        for passes in 0...2 {
            let face = try XCTUnwrap(try faces(["detect", Self.hopper, "--json", "--no-landmarks68", "--mesh-passes", "\(passes)"]).first)
            let mesh = try XCTUnwrap(face["mesh"] as? [[Double]])
            XCTAssertEqual(mesh.count, 468)
            landmarker.meshRefinementPasses = passes
            let library = try XCTUnwrap(try landmarker.faces(in: image).first?.mesh)
            for (ours, theirs) in zip(mesh, library) {
                XCTAssertEqual(ours[0], theirs.x, accuracy: 0.006, "passes \(passes)")
                XCTAssertEqual(ours[1], theirs.y, accuracy: 0.006, "passes \(passes)")
            }
            meshes.append(mesh)
            let command = try faces(["mesh", Self.hopper, "--json", "--mesh-passes", "\(passes)"])
            XCTAssertEqual(command.count, 1)
        }
        func moved(_ a: [[Double]], _ b: [[Double]]) -> Double {
            zip(a, b).map { hypot($0[0] - $1[0], $0[1] - $1[1]) }.reduce(0, +) / Double(a.count)
        }
        // BlazeFace finds Grace Hopper: her region is MediaPipe's, made from BlazeFace's detection, never refined.
        XCTAssertEqual(moved(meshes[0], meshes[1]), 0)
        XCTAssertEqual(moved(meshes[1], meshes[2]), 0)
        // A face MTCNN alone found is refined as many times as asked.
        let mtcnn = try (0...2).map { passes in
            try XCTUnwrap(try faces(["detect", Self.hopper, "--json", "--no-landmarks68", "--detector", "mtcnn",
                                     "--mesh-passes", "\(passes)"]).first?["mesh"] as? [[Double]])
        }
        XCTAssertGreaterThan(moved(mtcnn[0], mtcnn[1]), 0.1)
        XCTAssertGreaterThan(moved(mtcnn[1], mtcnn[2]), 0)

        for command in ["detect", "mesh", "video"] {
            for passes in ["-1", "9", "two"] {
                try assertOneLineError([command, Self.hopper, "--mesh-passes", passes], naming: "--mesh-passes")
            }
        }
    }

    /// `mesh --json` names the detector and rotation of each detected face's region, and has neither for a
    /// region given with `--roi`.
    func testMeshJSONNamesTheDetectorOnlyForDetectedFaces() throws {
        let detected = try faces(["mesh", Self.hopper, "--json", "--detector", "blazeface"])
        XCTAssertEqual(detected.map { $0["detector"] as? String }, ["blazeface"])
        XCTAssertEqual(detected.map { $0["rotation"] as? Int }, [0])
        let given = try faces(["mesh", Self.hopper, "--json", "--roi", "208.8,182.8,229.4,-0.05"])
        XCTAssertEqual(given.count, 1)
        XCTAssertNil(given.first?["detector"])
        XCTAssertNil(given.first?["rotation"])
    }
}
