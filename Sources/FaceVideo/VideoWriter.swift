import FilePaths
import Foundation
import Images

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes frames into a video file through the `ffmpeg` program (raw RGB frames over a pipe), at a given size
/// and frame rate, optionally with the audio of another file copied in.
///
/// ```swift
/// let writer = try VideoWriter(path: "out.mp4", width: 640, height: 480, frameRate: "30/1", audioFrom: "in.mp4")
/// try writer.write(frame)        // Image, RGB, 640x480
/// try writer.finish()
/// ```
///
/// `.mp4`, `.mov`, `.m4v` and `.mkv` get H.264 (`libx264 -preset superfast -crf 18`, 4:2:0); other extensions get
/// `ffmpeg`'s default codec for the container. Frames with an odd side are padded with one black row or column to
/// even sides (4:2:0 needs them, and players expect 4:2:0). Audio is copied when the container can hold its codec,
/// otherwise re-encoded (AAC, or MP3 in AVI); a GIF gets no audio.
///
/// The video is written to a hidden temporary file next to `path` (created by the initializer, so that a directory
/// that cannot be written fails at once) and renamed to `path` by ``finish()`` once `ffmpeg` succeeded; a failed or
/// abandoned writer removes it, so no partial video is left and an existing `path` is replaced only by a complete
/// one. A writer ignores `SIGPIPE` process-wide, so that an `ffmpeg` that died turns the next ``write(_:)`` into an
/// error rather than killing the process.
public final class VideoWriter {
    /// The output file.
    public let path: String
    /// Where `ffmpeg` writes until ``finish()`` renames it to `path`: a hidden name of ASCII characters in
    /// `path`'s directory (so that a file name that is not UTF-8 never goes through ffmpeg's arguments).
    private let temporaryPath: String
    /// The name ffmpeg opens the audio source by.
    private let audioSource: FFmpegInputPath?
    /// The output's directory held open for ffmpeg when its name is not UTF-8.
    private let directorySource: FFmpegInputPath?
    /// Frame width.
    public let width: Int
    /// Frame height.
    public let height: Int
    /// Frames written so far (handed to the encoder's queue).
    public private(set) var framesWritten = 0
    private let child: FFmpegProcess
    private var finished = false
    /// Frames waiting for ffmpeg (a few, at most 16 MB; a larger frame is handed to the writing thread once it
    /// finished the previous one), written by a thread so that the caller does not wait for the encoder frame by
    /// frame; nil marks the end.
    private let queue: BoundedQueue<[UInt8]?>
    private let failure = FailureBox()
    private let pumpFinished = DispatchSemaphore(value: 0)

    /// The first error of the writing thread.
    private final class FailureBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: VideoError?
        var error: VideoError? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); if stored == nil { stored = newValue }; lock.unlock() }
        }
    }

    /// Starts `ffmpeg` writing `path`.
    ///
    /// - Parameters:
    ///   - frameRate: `ffmpeg`'s rate syntax, e.g. `30/1` or `30000/1001`.
    ///   - audioFrom: a file whose first audio stream (if any) goes into the output.
    ///   - audioCodec: that stream's codec name (from ``VideoInfo/audioCodec``), to decide between copy and re-encode.
    public init(path: String, width: Int, height: Int, frameRate: String, audioFrom: String? = nil,
                audioCodec: String? = nil) throws(VideoError) {
        guard width > 0, height > 0, width <= VideoInfo.maxSide, height <= VideoInfo.maxSide else {
            throw VideoError(.invalidFrame, "\(path): cannot write \(width)x\(height) frames")
        }
        self.path = path
        self.width = width
        self.height = height
        let ffmpeg = try FFmpeg.require("ffmpeg")
        let ext = (path as NSString).pathExtension.lowercased()
        // The temporary file keeps the extension: ffmpeg picks the container by it.
        let directory = (path as NSString).deletingLastPathComponent
        let temporaryName = ".landmark-\(getpid())-\(UUID().uuidString.prefix(8)).partial"
            + (ext.isEmpty || !ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? "" : ".\(ext)")
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + temporaryName
        let descriptor = FileSystemPath.withRawPath(temporaryPath) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else {
            throw VideoError(.cannotWrite, "\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        do {
            audioSource = try (ext == "gif" ? nil : audioFrom).map { (path) throws(VideoError) in try FFmpegInputPath(path) }
        } catch {
            FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
            throw error
        }
        let audio = audioSource?.argument
        // A directory whose name is not UTF-8 is reached through a descriptor held open for ffmpeg.
        directorySource = FileSystemPath.needsRawBytes(directory) ? try? FFmpegInputPath(directory) : nil
        let arguments = FFmpegArguments.encoding(
            width: width, height: height, frameRate: frameRate, audio: audio,
            audioCodec: Self.audioCodecArguments(container: ext, codec: audioCodec), container: ext,
            output: directorySource.map { $0.argument + "/" + temporaryName } ?? temporaryPath)
        _ = BrokenPipe.ignored
        do {
            child = try FFmpegProcess(executable: ffmpeg, arguments: arguments, input: true, output: false,
                                      label: "encoding \(path)",
                                      environment: FFmpegArguments.environment(
                                        width: width, height: height,
                                        inherited: ProcessInfo.processInfo.environment["GLIBC_TUNABLES"]))
        } catch {
            FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
            throw error
        }
        queue = BoundedQueue(capacity: BoundedQueue<Any>.capacity(elementBytes: width * height * 3))
        let thread = Thread { [child, queue, failure, pumpFinished] in
            while let item = queue.take(), let pixels = item {
                do {
                    try pixels.withUnsafeBytes { bytes in Result { () throws(VideoError) in try child.writeFully(bytes) } }.get()
                } catch {
                    failure.error = (error as? VideoError) ?? VideoError(.ffmpegFailed, "\(error)")
                    queue.close()
                    break
                }
            }
            pumpFinished.signal()
        }
        thread.stackSize = 1 << 18
        thread.start()
    }

    deinit {
        if !finished { cancel() }
    }

    /// Abandons the video: stops `ffmpeg` and removes the partial file (`path` is left as it was). Called by
    /// `deinit` for a writer not finished.
    public func cancel() {
        guard !finished else { return }
        finished = true
        queue.close()
        child.terminate()
        pumpFinished.wait()
        child.closeInput()
        child.wait()
        FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
    }

    /// `copy` when `container` holds `codec`, else a codec it does hold.
    static func audioCodecArguments(container: String, codec: String?) -> [String] {
        let holds: [String: Set<String>] = [
            "mp4": ["aac", "mp3", "alac", "ac3", "eac3", "opus", "flac"],
            "m4v": ["aac", "mp3", "alac", "ac3", "eac3"],
            "mov": ["aac", "mp3", "alac", "ac3", "eac3", "pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_f32le"],
            "avi": ["mp3", "ac3", "pcm_s16le", "pcm_u8", "aac"],
        ]
        guard let codec else { return ["aac"] }
        if let allowed = holds[container] {
            return allowed.contains(codec) ? ["copy"] : [container == "avi" ? "libmp3lame" : "aac"]
        }
        if container == "mkv" || container == "mka" { return ["copy"] }
        if container == "webm" { return ["libopus"] }
        return ["aac"]
    }

    /// Appends one frame (queued; it waits only when the queue is full).
    ///
    /// - Throws: ``VideoError`` `.invalidFrame` for a frame of another size or not RGB, `.ffmpegFailed` when
    ///   `ffmpeg` stopped reading (its last message is quoted), which may surface a few frames after the fact.
    public func write(_ frame: Image) throws(VideoError) {
        guard !finished else { throw VideoError(.ffmpegFailed, "\(path): the writer is finished") }
        guard frame.width == width, frame.height == height, frame.channels == 3 else {
            throw VideoError(.invalidFrame, "\(path): frame \(frame.width)x\(frame.height)x\(frame.channels) given to a \(width)x\(height) RGB writer")
        }
        if let error = failure.error { throw error }
        guard queue.put(frame.pixels) else {
            throw failure.error ?? VideoError(.ffmpegFailed, "\(path): ffmpeg stopped reading frames")
        }
        framesWritten += 1
    }

    /// Ends the video: closes `ffmpeg`'s input, waits for it to write the file and renames it to `path`.
    ///
    /// - Throws: ``VideoError`` `.ffmpegFailed` when `ffmpeg` exits with an error, `.cannotWrite` when the
    ///   rename fails; either way the partial file is removed.
    public func finish() throws(VideoError) {
        guard !finished else { return }
        finished = true
        queue.put(nil)
        queue.close()
        pumpFinished.wait()
        child.closeInput()
        let status = child.wait()
        if let error = failure.error {
            FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
            throw error
        }
        guard status == 0 else {
            FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
            let detail = child.errorSummary()
            throw VideoError(.ffmpegFailed, "\(path): ffmpeg failed writing the video (status \(status))" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        guard FileSystemPath.withRawPath(temporaryPath, { from in FileSystemPath.withRawPath(path) { rename(from, $0) } }) == 0 else {
            let reason = String(cString: strerror(errno))
            FileSystemPath.withRawPath(temporaryPath) { _ = unlink($0) }
            throw VideoError(.cannotWrite, "\(path): cannot write: \(reason)")
        }
    }
}
