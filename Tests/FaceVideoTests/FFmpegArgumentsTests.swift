@testable import FaceVideo
import Foundation
import Images
import XCTest

/// The ffmpeg command lines chosen per frame size: memory-lean above 1080p, ffmpeg's defaults below; and a
/// video written and read back through the lean settings.
final class FFmpegArgumentsTests: XCTestCase {
    /// The value after `option` in `arguments`, nil when the option is absent.
    private func value(_ option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    func testSmallFramesKeepFFmpegsDefaults() {
        for (width, height) in [(640, 480), (1920, 1080), (1920, 1088)] {
            XCTAssertFalse(FFmpegArguments.isLarge(width: width, height: height), "\(width)x\(height)")
            let decoding = FFmpegArguments.decoding(input: "in.mp4", width: width, height: height, frameRate: "30/1", maxFrames: nil)
            XCTAssertNil(value("-threads", in: decoding))
            XCTAssertNil(value("-filter_threads", in: decoding))
            let encoding = FFmpegArguments.encoding(width: width, height: height, frameRate: "30/1", audio: nil,
                                                    audioCodec: ["aac"], container: "mp4", output: "out.mp4")
            XCTAssertNil(value("-threads", in: encoding))
            XCTAssertNil(value("-tune", in: encoding))
            XCTAssertEqual(FFmpegArguments.environment(width: width, height: height, inherited: nil), [:])
        }
    }

    func testLargeFramesGetLeanDecoderAndEncoder() {
        let (width, height) = (3840, 2160)
        XCTAssertTrue(FFmpegArguments.isLarge(width: width, height: height))
        XCTAssertTrue(FFmpegArguments.isLarge(width: 1 << 40, height: 1 << 40), "an overflowing area is large")
        let decoding = FFmpegArguments.decoding(input: "in.mp4", width: width, height: height, frameRate: "30/1", maxFrames: 5)
        // -threads before -i applies to the input's decoder; after it, it would be an output option.
        let input = try! XCTUnwrap(decoding.firstIndex(of: "-i"))
        XCTAssertEqual(value("-threads", in: decoding), "1")
        XCTAssertLessThan(try! XCTUnwrap(decoding.firstIndex(of: "-threads")), input)
        XCTAssertEqual(value("-filter_threads", in: decoding), "1")
        XCTAssertLessThan(try! XCTUnwrap(decoding.firstIndex(of: "-filter_threads")), input)
        XCTAssertEqual(value("-i", in: decoding), "in.mp4")
        XCTAssertEqual(value("-frames:v", in: decoding), "5")
        XCTAssertEqual(value("-pix_fmt", in: decoding), "rgb24")
        XCTAssertEqual(decoding.last, "-")

        let encoding = FFmpegArguments.encoding(width: width, height: height, frameRate: "30/1", audio: "in.mp4",
                                                audioCodec: ["copy"], container: "mp4", output: ".partial.mp4")
        XCTAssertEqual(value("-c:v", in: encoding), "libx264")
        XCTAssertEqual(value("-tune", in: encoding), "zerolatency")
        XCTAssertEqual(value("-threads", in: encoding), "1")
        XCTAssertGreaterThan(try! XCTUnwrap(encoding.firstIndex(of: "-threads")), try! XCTUnwrap(encoding.lastIndex(of: "-i")),
                             "an option of the output's encoder")
        XCTAssertEqual(value("-c:a", in: encoding), "copy")
        XCTAssertEqual(Array(encoding.suffix(2)), ["--", ".partial.mp4"])
        // Other containers get the single encoder thread without the libx264 tuning.
        let webm = FFmpegArguments.encoding(width: width, height: height, frameRate: "30/1", audio: nil,
                                            audioCodec: [], container: "webm", output: "o.webm")
        XCTAssertEqual(value("-threads", in: webm), "1")
        XCTAssertNil(value("-tune", in: webm))

        XCTAssertEqual(FFmpegArguments.environment(width: width, height: height, inherited: nil),
                       ["GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=1048576"])
        XCTAssertEqual(FFmpegArguments.environment(width: width, height: height, inherited: "glibc.malloc.arena_max=2"),
                       ["GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=1048576"])
    }

    /// Frames above 1080p go through the lean encoder and decoder and come back: every frame, its size, and its
    /// pixels close to what was written (H.264 at CRF 18).
    func testALargeFrameVideoWrittenLeanDecodesBack() throws {
        try VideoFixtures.requireFFmpeg()
        let (width, height) = (2048, 1152)
        XCTAssertTrue(FFmpegArguments.isLarge(width: width, height: height))
        let out = try VideoFixtures.videos().appendingPathComponent("large-\(getpid()).mp4").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        // A horizontal ramp over a vertical one, with a frame number in the top-left block, so frames differ.
        // (Built a row at a time and compared on a grid of pixels: the test runs unoptimized.)
        let ramp: [UInt8] = (0..<width).flatMap { x -> [UInt8] in [UInt8(x * 255 / (width - 1)), 0, 128] }
        func frame(_ index: Int) throws -> Image {
            var pixels: [UInt8] = []
            pixels.reserveCapacity(width * height * 3)
            for y in 0..<height {
                var row = ramp
                let green = UInt8(y * 255 / (height - 1))
                for x in 0..<width { row[3 * x + 1] = green }
                if y < 256 { for x in 0..<256 { row[3 * x] = UInt8(40 * index) } }
                pixels += row
            }
            return try Image(width: width, height: height, channels: 3, pixels: pixels)
        }
        let written = try (0..<3).map(frame)
        let writer = try VideoWriter(path: out, width: width, height: height, frameRate: "30/1")
        for image in written { try writer.write(image) }
        try writer.finish()
        let reader = try VideoReader(path: out)
        XCTAssertEqual([reader.info.width, reader.info.height], [width, height])
        var index = 0
        while let image = try reader.nextFrame() {
            XCTAssertLessThan(index, written.count)
            guard index < written.count else { break }
            XCTAssertEqual([image.width, image.height, image.channels], [width, height, 3])
            var largest = 0
            for y in stride(from: 0, to: height, by: 37) {
                for x in stride(from: 0, to: width, by: 41) {
                    for c in 0..<3 {
                        let p = (y * width + x) * 3 + c
                        largest = max(largest, abs(Int(image.pixels[p]) - Int(written[index].pixels[p])))
                    }
                }
            }
            XCTAssertLessThan(largest, 40, "frame \(index)")
            // The frame's own block value survives (frames are not duplicated or reordered).
            let block = Int(image.pixels[(128 * width + 128) * 3])
            XCTAssertLessThan(abs(block - 40 * index), 6, "frame \(index)")
            index += 1
        }
        XCTAssertEqual(index, written.count)
    }
}
