import Foundation
import Images

/// Decodes a video file frame by frame through the `ffmpeg` program: raw RGB frames over a pipe, so memory stays
/// constant whatever the video's length and no image file is written.
///
/// ```swift
/// let reader = try VideoReader(path: "talk.mp4")
/// while let frame = try reader.nextFrame() {     // Image, RGB, reader.info.width x reader.info.height
///     ...
/// }
/// ```
///
/// Frames come at the stream's constant frame rate (`ffmpeg -fps_mode cfr`), so frame `i` is at
/// `i / info.frameRate` seconds. A frame the decoder rejects as corrupt (`-err_detect explode`) is skipped by
/// `ffmpeg`, which repeats the previous frame in its place; its message is available from ``takeMessages()``.
public final class VideoReader {
    /// The probed video.
    public let info: VideoInfo
    /// Frames returned so far.
    public private(set) var framesRead = 0
    private let child: FFmpegProcess
    /// The name ffmpeg opens the video by (held open for it when the path is not UTF-8).
    private let source: FFmpegInputPath
    private let frameBytes: Int
    /// Decoded frames read ahead by a thread (a few, at most 16 MB; a larger frame is read from the pipe only
    /// when the caller asks for it, and handed over), so that ffmpeg keeps decoding while the caller is busy with
    /// a slow frame; nil pixels mark the end, an error ends the stream too.
    private let queue: BoundedQueue<Result<[UInt8]?, VideoError>>
    private let pumpFinished = DispatchSemaphore(value: 0)
    private var finished = false
    private var closed = false

    /// Starts decoding `path` (probed first with `ffprobe`).
    ///
    /// - Parameter maxFrames: stop decoding after this many frames (nil: all).
    /// - Throws: ``VideoError`` (`ffmpegMissing`, `unreadable`, `noVideoStream`, `limitExceeded`, `ffmpegFailed`).
    public convenience init(path: String, maxFrames: Int? = nil) throws(VideoError) {
        try self.init(info: VideoInfo(probing: path), maxFrames: maxFrames)
    }

    /// Starts decoding a video already probed.
    public init(info: VideoInfo, maxFrames: Int? = nil) throws(VideoError) {
        self.info = info
        let (area, o1) = info.width.multipliedReportingOverflow(by: info.height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: 3)
        guard !o1, !o2, info.width > 0, info.height > 0, info.width <= VideoInfo.maxSide, info.height <= VideoInfo.maxSide else {
            throw VideoError(.limitExceeded, "\(info.path): frames of \(info.width)x\(info.height) are too large")
        }
        frameBytes = bytes
        let ffmpeg = try FFmpeg.require("ffmpeg")
        source = try FFmpegInputPath(info.path)
        let arguments = FFmpegArguments.decoding(input: source.argument, width: info.width, height: info.height,
                                                 frameRate: info.frameRateText, maxFrames: maxFrames)
        _ = BrokenPipe.ignored
        child = try FFmpegProcess(executable: ffmpeg, arguments: arguments, input: false, output: true,
                                  label: "decoding \(info.path)",
                                  environment: FFmpegArguments.environment(
                                    width: info.width, height: info.height,
                                    inherited: ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]))
        queue = BoundedQueue(capacity: BoundedQueue<Any>.capacity(elementBytes: bytes))
        let thread = Thread { [child, queue, pumpFinished, bytes, info] in
            Self.pump(child, queue, frameBytes: bytes, path: info.path)
            pumpFinished.signal()
        }
        thread.stackSize = 1 << 18
        thread.start()
    }

    deinit { close() }

    /// Reads frames from ffmpeg into the queue until the end, an error, or the queue's closing.
    private static func pump(_ child: FFmpegProcess, _ queue: BoundedQueue<Result<[UInt8]?, VideoError>>,
                             frameBytes: Int, path: String) {
        var frames = 0
        while true {
            // With a queue of capacity 0 (large frames) the next frame is read only once the caller asks for it,
            // so that it does not exist beside the caller's current frame; ffmpeg has decoded it already.
            guard queue.waitUntilWanted() else { return }
            var pixels = [UInt8](repeating: 0, count: frameBytes)
            let count: Int
            do {
                count = try pixels.withUnsafeMutableBytes { buffer in Result { () throws(VideoError) in try child.readFully(into: buffer) } }.get()
            } catch {
                queue.put(.failure(error))
                return
            }
            if count == frameBytes {
                frames += 1
                if !queue.put(.success(pixels)) { return }
                continue
            }
            let status = child.wait()
            let detail = child.errorSummary()
            if count > 0 {
                queue.put(.failure(VideoError(.truncated, "\(path): frame \(frames) ends after \(count) of \(frameBytes) bytes"
                    + (detail.isEmpty ? "" : " (ffmpeg: \(detail))"))))
            } else if status != 0 {
                queue.put(.failure(VideoError(frames == 0 ? .unreadable : .ffmpegFailed,
                    "\(path): ffmpeg failed after \(frames) frames (status \(status))" + (detail.isEmpty ? "" : ": \(detail)"))))
            } else {
                queue.put(.success(nil))
            }
            return
        }
    }

    /// The next frame (RGB, `info.width` x `info.height`), or nil at the end of the video.
    ///
    /// - Throws: ``VideoError`` `.truncated` when the video ends in the middle of a frame, `.unreadable` when
    ///   `ffmpeg` fails before the first frame, `.ffmpegFailed` when it exits with an error later.
    public func nextFrame() throws(VideoError) -> Image? {
        if finished { return nil }
        guard let item = queue.take() else {
            finished = true
            return nil
        }
        switch item {
        case .success(let pixels?):
            framesRead += 1
            do {
                return try Image(width: info.width, height: info.height, channels: 3, pixels: pixels)
            } catch {
                throw VideoError(.invalidFrame, "\(info.path): \(error)")
            }
        case .success(nil):
            finished = true
            return nil
        case .failure(let error):
            finished = true
            throw error
        }
    }

    /// `ffmpeg`'s messages (decoding errors, one per line) not yet taken; empty when it had nothing to say.
    public func takeMessages() -> [String] { child.takeMessages() }

    /// Stops decoding (the reader returns no more frames) and waits for `ffmpeg` to exit. Called by `deinit`.
    public func close() {
        guard !closed else { return }
        closed = true
        finished = true
        queue.close()
        child.terminate()
        pumpFinished.wait()
        child.closeOutput()
        child.wait()
    }
}
