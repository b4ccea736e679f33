@testable import FaceVideo
import Foundation
import TestSupport
import XCTest

/// Test videos made by `ffmpeg` from a committed public-domain photo (NASA's portrait of Eileen Collins,
/// `Tests/Fixtures/mtcnn/photos/astronaut.png`), so that no video is committed. Made once per test run in a
/// temporary directory, removed at exit.
enum VideoFixtures {
    static let root = TestPaths.repository
    static let photo = root.appendingPathComponent("Tests/Fixtures/mtcnn/photos/astronaut.png").path
    static let seedModel = root.appendingPathComponent("Tests/Fixtures/seed_tf1/graph.pb").path

    /// The clip's layout: `grayFrames` frames of flat gray (no face), then `faceFrames` frames of the photo
    /// panned and zoomed (one face, about 90 to 130 pixels high), 320x240 at 30 fps, with a 440 Hz tone.
    static let grayFrames = 30
    static let faceFrames = 90
    static let width = 320, height = 240

    nonisolated(unsafe) private static var directory: URL?
    private static let lock = NSLock()

    /// Skips the test, with a message saying why, when `ffmpeg` is not installed.
    static func requireFFmpeg() throws {
        guard executable("ffmpeg") != nil, executable("ffprobe") != nil else {
            throw XCTSkip("ffmpeg is not installed: video tests skipped (make test installs Debian's ffmpeg package)")
        }
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs ffmpeg with `arguments`; fails the test on a non-zero exit.
    @discardableResult
    static func ffmpeg(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(executable("ffmpeg")))
        process.arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("ffmpeg failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return data
    }

    /// The directory holding the generated videos (made on first use).
    static func videos() throws -> URL {
        try requireFFmpeg()
        lock.lock()
        defer { lock.unlock() }
        if let directory { return directory }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landmark-video-tests-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let seconds = Double(grayFrames + faceFrames) / 30
        // Gray lead-in, then a slow zoom (1 -> 1.25) with a sideways pan of +-20 pixels, above the photo's middle.
        let filter = "[1:v]crop=417:312:0:0,zoompan=z='1+0.25*on/\(faceFrames)':x='iw/2-iw/zoom/2+20*sin(on/15)'"
            + ":y='ih/2-ih/zoom/2-40':d=1:s=\(width)x\(height):fps=30,format=yuv420p[face];"
            + "[0:v]format=yuv420p[gray];[gray][face]concat=n=2:v=1:a=0[v]"
        try ffmpeg(["-f", "lavfi", "-i", "color=c=gray:s=\(width)x\(height):r=30:d=\(Double(grayFrames) / 30)",
                    "-loop", "1", "-framerate", "30", "-t", "\(Double(faceFrames) / 30)", "-i", photo,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=\(seconds)",
                    "-filter_complex", filter, "-map", "[v]", "-map", "2:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-qp", "10", "-c:a", "aac", "-shortest",
                    dir.appendingPathComponent("clip.mp4").path])
        // The same frames as Motion JPEG in AVI (every frame stands alone, so one can be corrupted), no audio.
        try ffmpeg(["-i", dir.appendingPathComponent("clip.mp4").path, "-an", "-c:v", "mjpeg", "-q:v", "3",
                    dir.appendingPathComponent("clip.avi").path])
        try ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1", dir.appendingPathComponent("tone.wav").path])
        directory = dir
        // The videos are a few MB: remove them when the test process ends.
        atexit {
            if let made = VideoFixtures.directory { try? FileManager.default.removeItem(at: made) }
        }
        return dir
    }

    static func clip(_ name: String = "clip.mp4") throws -> String {
        try videos().appendingPathComponent(name).path
    }

    /// A copy of the AVI clip with the JPEG data of frame `frame` overwritten by garbage in its middle.
    static func corruptAVI(frame: Int) throws -> String {
        let source = try clip("clip.avi")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        var starts: [Int] = []
        for i in 0..<(bytes.count - 3) where bytes[i] == 0xFF && bytes[i + 1] == 0xD8 && bytes[i + 2] == 0xFF { starts.append(i) }
        XCTAssertGreaterThan(starts.count, frame + 1)
        let begin = starts[frame] + 700, end = starts[frame] + (starts[frame + 1] - starts[frame]) / 2
        for i in begin..<end { bytes[i] = UInt8(truncatingIfNeeded: i &* 37) }
        let path = try videos().appendingPathComponent("corrupt.avi").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The first `fraction` of a file's bytes.
    static func truncated(_ name: String, fraction: Double) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: try clip(name)))
        let path = try videos().appendingPathComponent("truncated-" + name).path
        try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: path))
        return path
    }
}
