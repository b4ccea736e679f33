@testable import FaceVideo
import Foundation
import XCTest

// The README's video example, verbatim inside a function, so that it keeps compiling and running.
import LandmarkNet

func readmeVideoExample(videoPath: String) throws -> Int {
    var count = 0
    // --- README example begins ---
    var tracker = try FaceTracker(landmarker: FaceLandmarker(), options: FaceTracker.Options(detectionInterval: 15, smoothing: FaceSmoother()))
    let reader = try VideoReader(path: videoPath)   // or frames from a camera: Image(width:height:channels:pixels:)
    while let frame = try reader.nextFrame() {
        for tracked in try tracker.process(frame) {
            print(reader.framesRead, tracked.id, tracked.face.box, tracked.face.landmarks5, tracked.face.mesh?.count ?? 0)   // ... 468
    // --- README example ends ---
            count += 1
        }
    }
    return count
}

final class VideoLibraryExampleTests: XCTestCase {
    func testReadmeVideoExampleRuns() throws {
        XCTAssertGreaterThan(try readmeVideoExample(videoPath: try VideoFixtures.clip()), 80)
    }

    func testReadmeContainsTheExample() throws {
        let readme = try String(contentsOf: VideoFixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = try XCTUnwrap(source.range(of: "// --- README example begins ---\n"))
        let end = try XCTUnwrap(source.range(of: "    // --- README example ends ---"))
        let lines = source[begin.upperBound..<end.lowerBound].split(separator: "\n").map { $0.dropFirst(4) }
        XCTAssertGreaterThan(lines.count, 3)
        for line in lines { XCTAssertTrue(readme.contains(line), "README lacks the example line: \(line)") }
    }
}
