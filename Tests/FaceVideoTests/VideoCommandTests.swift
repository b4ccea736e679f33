@testable import FaceVideo
import Foundation
import Images
import LandmarkNet
import TestSupport
import XCTest

/// `landmark video` end to end: the built binary on the generated clips.
final class VideoCommandTests: XCTestCase {
    func landmark(_ arguments: [String], environment: [String: String]? = nil) throws -> CommandOutcome {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        return try CommandRun.run(executable, arguments, environment: environment)
    }

    func jsonLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testJSONAndAnnotatedVideoAgree() throws {
        let clip = try VideoFixtures.clip()
        let dir = try VideoFixtures.videos()
        let json = dir.appendingPathComponent("faces.jsonl").path, out = dir.appendingPathComponent("annotated.mp4").path
        // Without the mesh (testMeshInJSONMatchesDetectAndIsDrawn runs it): no mesh line can cover a box edge.
        let outcome = try landmark(["video", clip, "--json", json, "--out", out, "--no-mesh"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("120 frames"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("decode") && outcome.stderr.contains("encode"), outcome.stderr)
        let lines = try jsonLines(json)
        XCTAssertEqual(lines.count, 120)
        for (i, line) in lines.enumerated() {
            XCTAssertEqual(line["frame"] as? Int, i)
            XCTAssertEqual(try XCTUnwrap(line["time"] as? Double), Double(i) / 30, accuracy: 1e-3)
        }
        // The output keeps size, rate, frame count and audio.
        let info = try VideoInfo(probing: out)
        XCTAssertEqual([info.width, info.height], [320, 240])
        XCTAssertEqual(info.frameRate, 30, accuracy: 1e-9)
        XCTAssertEqual(info.frameCount, 120)
        XCTAssertEqual(info.audioCodec, "aac")
        // Each five-point landmark of the JSON is a red dot in the video; the gray frames have no red pixel.
        let reader = try VideoReader(path: out)
        var index = 0, checkedPoints = 0
        while let frame = try reader.nextFrame() {
            let faces = try XCTUnwrap(lines[index]["faces"] as? [[String: Any]])
            func pixel(_ x: Int, _ y: Int) -> (Int, Int, Int) {
                let o = (y * frame.width + x) * 3
                return (Int(frame.pixels[o]), Int(frame.pixels[o + 1]), Int(frame.pixels[o + 2]))
            }
            if index < VideoFixtures.grayFrames {
                XCTAssertTrue(faces.isEmpty)
                var red = 0
                for y in 0..<frame.height { for x in 0..<frame.width { let p = pixel(x, y); if p.0 > 180 && p.1 < 80 && p.2 < 80 { red += 1 } } }
                XCTAssertEqual(red, 0, "gray frame \(index) has red pixels")
            }
            for face in faces {
                XCTAssertNotNil(face["track"] as? Int)
                // The default `--detector both`: which detector found the face (a followed face keeps its
                // track's); the clip's faces are upright and turned copies are not searched without --rotations.
                XCTAssertTrue(["mtcnn", "blazeface", "both"].contains(face["detector"] as? String), "\(face["detector"] ?? "none")")
                XCTAssertEqual(face["rotation"] as? Int, 0)
                XCTAssertNil(face["mesh"], "--no-mesh")
                XCTAssertNil(face["mesh_presence"], "--no-mesh")
                let box = try XCTUnwrap(face["box"] as? [Double])
                XCTAssertEqual(box.count, 4)
                // The box's top edge is the green outline.
                let edgeX = Int((box[0] + box[2] / 2).rounded()), edgeY = Int(box[1].rounded())
                if edgeX >= 0, edgeY >= 0, edgeX < frame.width, edgeY < frame.height {
                    let p = pixel(edgeX, edgeY)
                    XCTAssertTrue(p.1 > 150 && p.0 < 120 && p.2 < 120, "frame \(index) box edge (\(edgeX), \(edgeY)) is \(p), not green")
                }
                for point in try XCTUnwrap(face["landmarks5"] as? [[Double]]) {
                    let x = Int(point[0].rounded()), y = Int(point[1].rounded())
                    guard x >= 0, y >= 0, x < frame.width, y < frame.height else { continue }
                    let p = pixel(x, y)
                    XCTAssertTrue(p.0 > 150 && p.1 < 110 && p.2 < 110, "frame \(index) point (\(x), \(y)) is \(p), not the red dot")
                    checkedPoints += 1
                }
            }
            index += 1
        }
        XCTAssertEqual(index, 120)
        XCTAssertGreaterThan(checkedPoints, 5 * 80)
    }

    func testModelPointsAndOptions() throws {
        let clip = try VideoFixtures.clip()
        let json = try VideoFixtures.videos().appendingPathComponent("seed.jsonl").path
        let outcome = try landmark(["video", clip, "--model", VideoFixtures.seedModel, "--json", json, "--max-frames", "40",
                                    "--every", "5", "--smooth", "--threads", "1"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = try jsonLines(json)
        XCTAssertEqual(lines.count, 40)
        let faces = lines.compactMap { ($0["faces"] as? [[String: Any]])?.first }
        XCTAssertGreaterThan(faces.count, 5)
        for face in faces {
            XCTAssertEqual((face["landmarks"] as? [[Double]])?.count, 68)
            XCTAssertEqual((face["mesh"] as? [[Double]])?.count, 468, "the mesh with --model and --smooth")
        }
        // JSON on standard output.
        let stdout = try landmark(["video", clip, "--json", "-", "--max-frames", "3"])
        XCTAssertEqual(stdout.status, 0, stdout.stderr)
        XCTAssertEqual(stdout.stdout.split(separator: "\n").count, 3)
    }

    func testMeshInJSONMatchesDetectAndIsDrawn() throws {
        let clip = try VideoFixtures.clip()
        let dir = try VideoFixtures.videos()
        let json = dir.appendingPathComponent("mesh.jsonl").path, out = dir.appendingPathComponent("mesh.mp4").path
        // Detections on frames 0, 6, ..., 30 (the first face frame), tracking on 31 to 35.
        let outcome = try landmark(["video", clip, "--json", json, "--out", out, "--max-frames", "36", "--every", "6"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("mesh "), "the summary lists the mesh stage: \(outcome.stderr)")
        let lines = try jsonLines(json)
        XCTAssertEqual(lines.count, 36)
        for (i, line) in lines.enumerated() {
            let faces = try XCTUnwrap(line["faces"] as? [[String: Any]])
            XCTAssertEqual(faces.count, i < VideoFixtures.grayFrames ? 0 : 1, "frame \(i)")
            guard let face = faces.first else { continue }
            let box = try XCTUnwrap(face["box"] as? [Double])
            let mesh = try XCTUnwrap(face["mesh"] as? [[Double]], "frame \(i)")
            XCTAssertEqual(mesh.count, 468)
            XCTAssertGreaterThan(try XCTUnwrap(face["mesh_presence"] as? Double), 0.5)
            for point in mesh {
                XCTAssertEqual(point.count, 3)
                XCTAssertTrue(point[0] > box[0] - box[2] / 4 && point[0] < box[0] + box[2] * 1.25
                              && point[1] > box[1] - box[3] / 4 && point[1] < box[1] + box[3] * 1.25, "frame \(i): \(point) off \(box)")
            }
        }
        // The detection frame's face object is `detect --json`'s for the same picture (plus the track), with the
        // 68-point crop run once as `video` does by default (`detect` also runs it mirrored unless told not to).
        let reader = try VideoReader(path: clip, maxFrames: VideoFixtures.grayFrames + 1)
        var frame30: Images.Image?
        while let frame = try reader.nextFrame() { frame30 = frame }
        let png = dir.appendingPathComponent("frame30.png")
        try XCTUnwrap(frame30).write(to: png)
        let detect = try landmark(["detect", png.path, "--json", "--no-mirror68"])
        XCTAssertEqual(detect.status, 0, detect.stderr)
        let detected = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(detect.stdout.utf8)) as? [String: Any])
        var still = try XCTUnwrap((detected["faces"] as? [[String: Any]])?.first)
        var video = try XCTUnwrap((lines[VideoFixtures.grayFrames]["faces"] as? [[String: Any]])?.first)
        XCTAssertNotNil(video.removeValue(forKey: "track"))
        XCTAssertEqual(Set(still.keys), Set(video.keys))
        let stillMesh = try XCTUnwrap(still.removeValue(forKey: "mesh") as? [[Double]])
        let videoMesh = try XCTUnwrap(video.removeValue(forKey: "mesh") as? [[Double]])
        XCTAssertEqual(still as NSDictionary, video as NSDictionary)
        XCTAssertEqual(stillMesh.count, videoMesh.count)
        var gap = 0.0
        for (p, q) in zip(stillMesh, videoMesh) { for (a, b) in zip(p, q) { gap = max(gap, abs(a - b)) } }
        XCTAssertLessThanOrEqual(gap, 0.011, "mesh of frame 30: video vs detect")
        // The annotated video shows the mesh's magenta contours on the face frames only.
        let annotated = try VideoReader(path: out)
        var index = 0
        while let frame = try annotated.nextFrame() {
            var magenta = 0
            for o in stride(from: 0, to: frame.pixels.count - 2, by: 3)
            where frame.pixels[o] > 150 && frame.pixels[o + 1] < 110 && frame.pixels[o + 2] > 150 { magenta += 1 }
            if index < VideoFixtures.grayFrames {
                XCTAssertEqual(magenta, 0, "gray frame \(index)")
            } else {
                XCTAssertGreaterThan(magenta, 50, "face frame \(index)")
            }
            index += 1
        }
        XCTAssertEqual(index, 36)
    }

    func testFailuresAreOneLineErrors() throws {
        let dir = try VideoFixtures.videos()
        func assertFails(_ arguments: [String], mentions fragment: String, environment: [String: String]? = nil,
                         file: StaticString = #filePath, line: UInt = #line) throws {
            let outcome = try landmark(arguments, environment: environment)
            XCTAssertEqual(outcome.status, 1, outcome.stderr, file: file, line: line)
            let errors = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
            XCTAssertEqual(errors.count, 1, outcome.stderr, file: file, line: line)
            XCTAssertTrue(errors.first?.contains(fragment) ?? false, outcome.stderr, file: file, line: line)
        }
        try assertFails(["video", dir.appendingPathComponent("missing.mp4").path], mentions: "missing.mp4")
        try assertFails(["video", try VideoFixtures.truncated("clip.mp4", fraction: 0.5)], mentions: "moov atom not found")
        try assertFails(["video", dir.appendingPathComponent("tone.wav").path], mentions: "no video stream")
        try assertFails(["video", try VideoFixtures.clip()], mentions: "ffprobe is not installed",
                        environment: ["PATH": "/nonexistent"])
        // A truncated AVI: the frames that are there are processed and written, then the error.
        let out = dir.appendingPathComponent("truncated-annotated.mkv").path
        try assertFails(["video", try VideoFixtures.truncated("clip.avi", fraction: 0.5), "--out", out, "--no-mesh"], mentions: "truncated")
        let written = try VideoInfo(probing: out)
        XCTAssertGreaterThan(written.frameCount ?? 0, 10)
    }

    func testCorruptFrameIsReportedAndSkipped() throws {
        let json = try VideoFixtures.videos().appendingPathComponent("corrupt.jsonl").path
        let outcome = try landmark(["video", try VideoFixtures.corruptAVI(frame: 60), "--json", json, "--no-mesh"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("warning: ") && outcome.stderr.contains("decoding near frame"), outcome.stderr)
        let lines = try jsonLines(json)
        XCTAssertEqual(lines.count, 120)
        // The frames after the corrupt one still have their face.
        for line in lines[70...] { XCTAssertEqual((line["faces"] as? [Any])?.count, 1) }
    }
}
