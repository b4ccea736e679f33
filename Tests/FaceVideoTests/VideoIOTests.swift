@testable import FaceVideo
import Foundation
import Images
@testable import LandmarkNet
import XCTest

/// Probing, decoding and encoding through ffmpeg: frame counts, sizes, audio, and the failures (unreadable,
/// truncated, no video stream, corrupt frame, a dead encoder).
final class VideoIOTests: XCTestCase {
    func testProbeDescribesTheClip() throws {
        let info = try VideoInfo(probing: try VideoFixtures.clip())
        XCTAssertEqual(info.width, VideoFixtures.width)
        XCTAssertEqual(info.height, VideoFixtures.height)
        XCTAssertEqual(info.frameRate, 30, accuracy: 1e-9)
        XCTAssertEqual(info.frameCount, VideoFixtures.grayFrames + VideoFixtures.faceFrames)
        XCTAssertEqual(info.codec, "h264")
        XCTAssertEqual(info.audioCodec, "aac")
        XCTAssertFalse(try VideoInfo(probing: try VideoFixtures.clip("clip.avi")).hasAudio)
    }

    /// ffprobe's JSON comes from the file: a quarter-turn rotation swaps the sides, and an absurd rotation tag
    /// must not overflow an integer conversion.
    func testProbeJSONRotationTags() throws {
        func info(rotate: String) throws -> VideoInfo {
            let json = """
            {"streams": [{"codec_type": "video", "codec_name": "h264", "width": 640, "height": 480,
              "avg_frame_rate": "30/1", "tags": {"rotate": "\(rotate)"}}], "format": {"duration": "1.0"}}
            """
            return try VideoInfo(path: "x.mp4", ffprobeJSON: Data(json.utf8))
        }
        XCTAssertEqual([try info(rotate: "90").width, try info(rotate: "90").height], [480, 640])
        XCTAssertEqual([try info(rotate: "180").width, try info(rotate: "180").height], [640, 480])
        XCTAssertEqual(try info(rotate: "1e300").width, 640)  // a multiple of 180 in Double: no swap, no trap
        XCTAssertEqual(try info(rotate: "-270").width, 480)
    }

    func testReaderReturnsEveryFrameThenNil() throws {
        let reader = try VideoReader(path: try VideoFixtures.clip())
        var count = 0
        var first: Image?, last: Image?
        while let frame = try reader.nextFrame() {
            XCTAssertEqual([frame.width, frame.height, frame.channels], [VideoFixtures.width, VideoFixtures.height, 3])
            if first == nil { first = frame }
            last = frame
            count += 1
        }
        XCTAssertEqual(count, VideoFixtures.grayFrames + VideoFixtures.faceFrames)
        XCTAssertNil(try reader.nextFrame())
        // The first frame is flat gray, the last one is the photo.
        let gray = try XCTUnwrap(first).pixels
        XCTAssertLessThan(Set(gray).count, 8)
        XCTAssertGreaterThan(Set(try XCTUnwrap(last).pixels).count, 200)
    }

    func testMaxFramesAndEarlyClose() throws {
        let reader = try VideoReader(path: try VideoFixtures.clip(), maxFrames: 7)
        var count = 0
        while try reader.nextFrame() != nil { count += 1 }
        XCTAssertEqual(count, 7)
        // Closing in the middle stops ffmpeg without hanging.
        let early = try VideoReader(path: try VideoFixtures.clip())
        _ = try early.nextFrame()
        early.close()
        XCTAssertNil(try early.nextFrame())
    }

    func testUnreadableFiles() throws {
        let dir = try VideoFixtures.videos()
        func kind(_ path: String) -> VideoError.Kind? {
            do {
                _ = try VideoInfo(probing: path)
                return nil
            } catch {
                XCTAssertFalse(error.description.contains("\n"), error.description)
                return error.kind
            }
        }
        XCTAssertEqual(kind(dir.appendingPathComponent("missing.mp4").path), .unreadable)
        let text = dir.appendingPathComponent("notes.mp4")
        try Data("not a video at all\n".utf8).write(to: text)
        XCTAssertEqual(kind(text.path), .unreadable)
        // An MP4 cut in half has lost its index (moov atom at the end).
        XCTAssertEqual(kind(try VideoFixtures.truncated("clip.mp4", fraction: 0.5)), .unreadable)
        XCTAssertEqual(kind(dir.appendingPathComponent("tone.wav").path), .noVideoStream)
    }

    func testTruncatedAVIEndsEarlyAndSaysHowMuchWasExpected() throws {
        let path = try VideoFixtures.truncated("clip.avi", fraction: 0.5)
        let reader = try VideoReader(path: path)
        var count = 0
        while try reader.nextFrame() != nil { count += 1 }
        let expected = try XCTUnwrap(reader.info.frameCount)
        XCTAssertGreaterThan(count, 10)
        XCTAssertLessThan(count, expected - 10)
    }

    func testCorruptFrameIsReportedAndTheRestDecoded() throws {
        let reader = try VideoReader(path: try VideoFixtures.corruptAVI(frame: 60))
        var count = 0
        var messages: [String] = []
        while try reader.nextFrame() != nil {
            count += 1
            messages += reader.takeMessages()
        }
        messages += reader.takeMessages()
        XCTAssertEqual(count, VideoFixtures.grayFrames + VideoFixtures.faceFrames)
        XCTAssertFalse(messages.isEmpty, "ffmpeg's decoding error should be reported")
    }

    func testWriterKeepsSizeRateAndAudio() throws {
        let source = try VideoFixtures.clip()
        let info = try VideoInfo(probing: source)
        let out = try VideoFixtures.videos().appendingPathComponent("copy.mp4").path
        let reader = try VideoReader(info: info, maxFrames: 45)
        let writer = try VideoWriter(path: out, width: info.width, height: info.height, frameRate: info.frameRateText,
                                     audioFrom: source, audioCodec: info.audioCodec)
        while let frame = try reader.nextFrame() { try writer.write(frame) }
        try writer.finish()
        let written = try VideoInfo(probing: out)
        XCTAssertEqual([written.width, written.height], [info.width, info.height])
        XCTAssertEqual(written.frameRate, info.frameRate, accuracy: 1e-9)
        XCTAssertEqual(written.frameCount, 45)
        XCTAssertEqual(written.audioCodec, "aac")
        // A frame of the wrong size is refused.
        let other = try VideoWriter(path: out, width: 8, height: 8, frameRate: "30/1")
        XCTAssertThrowsError(try other.write(try Image(width: 4, height: 4, channels: 3, pixels: [UInt8](repeating: 0, count: 48))))
        try other.finish()
    }

    func testDeadEncoderIsAnErrorNotACrash() throws {
        let directory = try VideoFixtures.videos()
        // ffmpeg knows no container for this extension, exits at once, and the writes that follow meet a closed pipe.
        let out = directory.appendingPathComponent("out.nocontainer").path
        let writer = try VideoWriter(path: out, width: 64, height: 48, frameRate: "30/1")
        let frame = try Image(width: 64, height: 48, channels: 3, pixels: [UInt8](repeating: 9, count: 64 * 48 * 3))
        var failure: VideoError?
        for _ in 0..<200 {
            do {
                try writer.write(frame)
            } catch {
                failure = error
                break
            }
        }
        if failure == nil {
            XCTAssertThrowsError(try writer.finish())
        } else {
            XCTAssertEqual(failure?.kind, .ffmpegFailed)
            XCTAssertTrue(failure?.description.contains("out.nocontainer") ?? false, failure?.description ?? "")
            writer.cancel()
        }
        // No partial file is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("out.nocontainer") }
        XCTAssertEqual(left, [])
    }

    /// A directory that does not exist fails when the writer is made, before any frame.
    func testUnwritableOutputFailsAtOnce() throws {
        _ = try VideoFixtures.videos()
        XCTAssertThrowsError(try VideoWriter(path: "/nonexistent-directory/out.mp4", width: 64, height: 48, frameRate: "30/1")) {
            let error = $0 as? VideoError
            XCTAssertEqual(error?.kind, .cannotWrite)
            XCTAssertTrue(error?.description.contains("out.mp4") ?? false, "\($0)")
        }
    }
}
