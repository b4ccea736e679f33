@testable import FaceVideo
import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `landmark video` and the user's files: `--out` and `--json` never name the input (by any path or link), output
/// problems are found before decoding starts and reported once, a failed encoder leaves no partial file and
/// loses no JSON line already computed, and any clip (odd-sized, with audio into a GIF) gives a playable file.
final class VideoFileSafetyTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try VideoFixtures.requireFFmpeg()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("video-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory {
            chmod(directory.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
    }

    private func landmark(_ arguments: [String], environment: [String: String]? = nil) throws -> CommandOutcome {
        guard let executable = TestPaths.landmarkExecutable() else {
            throw XCTSkip("the landmark executable is not built (swift build --product landmark)")
        }
        // Under `timeout`, so that a command that blocks fails the test instead of hanging it.
        var environment = environment ?? ProcessInfo.processInfo.environment
        environment["LANDMARK_TEST"] = "1"
        return try CommandRun.run(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "120", executable.path] + arguments,
                                  environment: environment)
    }

    private func assertRefused(_ outcome: CommandOutcome, mentions fragment: String, file: StaticString = #filePath,
                               line: UInt = #line) {
        XCTAssertEqual(outcome.status, 1, "status \(outcome.status): \(outcome.stderr)", file: file, line: line)
        let errors = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        XCTAssertEqual(errors.count, 1, outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(fragment), "'\(outcome.stderr)' does not mention '\(fragment)'", file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("annotated video:"), outcome.stderr, file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("Broken pipe"), outcome.stderr, file: file, line: line)
    }

    /// A copy of the test clip in this test's directory.
    private func clipCopy(_ name: String = "v.mp4") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try VideoFixtures.clip()), to: url)
        return url
    }

    func testOutAndJSONNeverNameTheInput() throws {
        let clip = try clipCopy()
        let original = try Data(contentsOf: clip)
        let symbolic = directory.appendingPathComponent("symbolic.mp4"), hard = directory.appendingPathComponent("hard.mp4")
        try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: clip)
        try FileManager.default.linkItem(at: clip, to: hard)
        for target in [clip.path, directory.path + "/./v.mp4", symbolic.path, hard.path] {
            assertRefused(try landmark(["video", clip.path, "--out", target, "--no-mesh"]), mentions: "v.mp4")
            assertRefused(try landmark(["video", clip.path, "--json", target, "--no-mesh"]), mentions: "v.mp4")
        }
        XCTAssertEqual(try Data(contentsOf: clip), original)
        // --out and --json naming one file.
        let both = directory.appendingPathComponent("both.mkv").path
        assertRefused(try landmark(["video", clip.path, "--out", both, "--json", both, "--no-mesh"]), mentions: "both.mkv")
    }

    func testOutputProblemsAreFoundBeforeDecoding() throws {
        let clip = try VideoFixtures.clip()
        // A missing directory is made.
        let nested = directory.appendingPathComponent("new/dir/o.mp4")
        let made = try landmark(["video", clip, "--out", nested.path, "--json", directory.appendingPathComponent("j/x.jsonl").path,
                                 "--max-frames", "3", "--no-mesh"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(try VideoInfo(probing: nested.path).frameCount, 3)
        // An unknown container and a read-only directory: refused up front, nothing decoded.
        assertRefused(try landmark(["video", clip, "--out", directory.appendingPathComponent("o.xyz").path, "--no-mesh"]),
                      mentions: "o.xyz")
        if getuid() != 0 {
            let locked = directory.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            chmod(locked.path, 0o555)
            let outcome = try landmark(["video", clip, "--out", locked.appendingPathComponent("o.mp4").path, "--no-mesh"])
            assertRefused(outcome, mentions: "locked")
            XCTAssertFalse(outcome.stderr.contains("frames of"), "refused before decoding: \(outcome.stderr)")
        }
    }

    /// An `ffmpeg` that decodes like the real one but fails encoding after a few frames, leaving a partial file.
    private func failingEncoder() throws -> [String: String] {
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let real = try XCTUnwrap(VideoFixtures.executable("ffmpeg"))
        let script = """
            #!/bin/sh
            case "$*" in
            *"-f rawvideo -pix_fmt rgb24 -s"*)
                for last; do :; done
                echo partial > "$last"
                head -c 2000000 > /dev/null
                echo "No space left on device (simulated)" >&2
                exit 1;;
            esac
            exec \(real) "$@"

            """
        let path = bin.appendingPathComponent("ffmpeg")
        try script.write(to: path, atomically: true, encoding: .utf8)
        chmod(path.path, 0o755)
        var environment = ProcessInfo.processInfo.environment
        environment["LANDMARK_FFMPEG_DIR"] = bin.path
        return environment
    }

    func testAFailedEncoderKeepsTheJSONAndLeavesNoPartialFile() throws {
        let clip = try VideoFixtures.clip()
        let out = directory.appendingPathComponent("o.mp4"), json = directory.appendingPathComponent("o.jsonl")
        let outcome = try landmark(["video", clip, "--out", out.path, "--json", json.path, "--no-mesh"], environment: try failingEncoder())
        assertRefused(outcome, mentions: "No space left on device (simulated)")
        XCTAssertTrue(outcome.stderr.contains("o.mp4"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "the partial video is removed")
        let lines = try String(contentsOf: json, encoding: .utf8).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 0, "the frames processed before the failure are in the JSON")
        for (i, line) in lines.enumerated() {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(object["frame"] as? Int, i)
        }
    }

    private func probe(_ path: String, _ entries: String) throws -> String {
        let ffprobe = try XCTUnwrap(VideoFixtures.executable("ffprobe"))
        let outcome = try CommandRun.run(URL(fileURLWithPath: ffprobe),
                                         ["-v", "error", "-show_entries", entries, "-of", "csv=p=0", path])
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testGIFWithAudioAndOddSizedClipsArePlayable() throws {
        let clip = try VideoFixtures.clip()
        let gif = directory.appendingPathComponent("o.gif")
        let outcome = try landmark(["video", clip, "--out", gif.path, "--max-frames", "4", "--no-mesh"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(try probe(gif.path, "stream=codec_name"), "gif")
        // An odd-sized clip gives 4:2:0 H.264 (what players accept), padded to even sides.
        let odd = directory.appendingPathComponent("odd.avi")
        try VideoFixtures.ffmpeg(["-i", clip, "-frames:v", "5", "-vf", "format=rgb24,crop=161:121:0:0", "-c:v", "rawvideo", "-pix_fmt", "rgb24",
                                  "-an", odd.path])
        XCTAssertEqual(try probe(odd.path, "stream=width,height"), "161,121")
        let out = directory.appendingPathComponent("odd-annotated.mp4")
        let encoded = try landmark(["video", odd.path, "--out", out.path, "--no-mesh"])
        XCTAssertEqual(encoded.status, 0, encoded.stderr)
        XCTAssertEqual(try probe(out.path, "stream=pix_fmt"), "yuv420p")
        XCTAssertEqual(try probe(out.path, "stream=width,height"), "162,122")
    }

    /// A video, its annotated copy and its JSON named in Latin-1 (`caf\xe9`, not UTF-8), in a Latin-1 directory.
    func testLatin1NamesAreReadAndWritten() throws {
        guard let executable = TestPaths.landmarkExecutable() else { throw XCTSkip("the landmark executable is not built") }
        let clip = try VideoFixtures.clip()
        let script = "cd '\(directory.path)' && n=caf$(printf '\\351') && mkdir \"d$n\" && cp '\(clip)' \"$n.mp4\" && "
            + "\"$0\" video \"$n.mp4\" --out \"d$n/$n.mp4\" --json \"d$n/$n.jsonl\" --max-frames 3 --no-mesh && "
            + "test -s \"d$n/$n.mp4\" && wc -l < \"d$n/$n.jsonl\" && ls -a \"d$n\" | wc -l"
        let outcome = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "120", "/bin/sh", "-c", script, executable.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        // Three JSON lines; the directory holds ., .., the video and the JSON: no partial file is left.
        XCTAssertEqual(outcome.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }, ["3", "4"])
        XCTAssertTrue(outcome.stderr.contains("annotated video: dcaf\u{E9}/caf\u{E9}.mp4"), outcome.stderr)
    }

    func testAFIFOInputIsRefused() throws {
        let fifo = directory.appendingPathComponent("v.fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        assertRefused(try landmark(["video", fifo.path, "--no-mesh"]), mentions: "v.fifo")
        XCTAssertThrowsError(try VideoInfo(probing: fifo.path))
    }
}
