import FilePaths
import Foundation
import Images

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `ffprobe` says about a video file's first video stream (and whether it has audio).
public struct VideoInfo: Sendable, Equatable {
    /// The file probed.
    public var path: String
    /// Width of the decoded frames in pixels (after the stream's rotation, which `ffmpeg` applies).
    public var width: Int
    /// Height of the decoded frames in pixels.
    public var height: Int
    /// The frame rate as a fraction (`30000/1001` for 29.97 fps): numerator.
    public var frameRateNumerator: Int
    /// The frame rate's denominator.
    public var frameRateDenominator: Int
    /// The duration in seconds, when the container says.
    public var duration: Double?
    /// The frame count the container announces (or duration times frame rate), when known.
    public var frameCount: Int?
    /// The video codec's name (`h264`, `mjpeg`, ...).
    public var codec: String
    /// The first audio stream's codec name, nil when there is no audio.
    public var audioCodec: String?

    /// Frames per second.
    public var frameRate: Double { Double(frameRateNumerator) / Double(frameRateDenominator) }
    /// The frame rate as `ffmpeg` writes it: `30000/1001`.
    public var frameRateText: String { "\(frameRateNumerator)/\(frameRateDenominator)" }
    /// Whether the file has an audio stream.
    public var hasAudio: Bool { audioCodec != nil }

    /// Creates a description (for writers of frames that come from elsewhere than a file).
    public init(path: String = "", width: Int, height: Int, frameRateNumerator: Int, frameRateDenominator: Int = 1,
                duration: Double? = nil, frameCount: Int? = nil, codec: String = "rawvideo", audioCodec: String? = nil) {
        self.path = path
        self.width = width
        self.height = height
        self.frameRateNumerator = frameRateNumerator
        self.frameRateDenominator = frameRateDenominator
        self.duration = duration
        self.frameCount = frameCount
        self.codec = codec
        self.audioCodec = audioCodec
    }

    /// The largest frame side accepted (ffmpeg's own limit for most codecs is 16384).
    public static let maxSide = 16384

    /// Runs `ffprobe` on a file.
    ///
    /// - Throws: ``VideoError`` `.ffmpegMissing` without `ffprobe`, `.unreadable` for a missing file, one that is
    ///   not a regular file (a FIFO would block `ffprobe`) or one `ffprobe` cannot parse (its message is quoted), `.noVideoStream` when there is no video stream, and
    ///   `.limitExceeded` for frames larger than ``maxSide``.
    public init(probing path: String) throws(VideoError) {
        // A FIFO, device or socket would leave ffprobe (and then ffmpeg) waiting: only regular files are probed.
        var file = stat()
        guard FileSystemPath.withRawPath(path, { stat($0, &file) }) == 0 else {
            throw VideoError(.unreadable, "\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        guard file.st_mode & S_IFMT == S_IFREG else {
            let kind = file.st_mode & S_IFMT == S_IFDIR ? "a directory" : file.st_mode & S_IFMT == S_IFIFO ? "a FIFO (named pipe)" : "not a regular file"
            throw VideoError(.unreadable, "\(path): is \(kind), not a video file")
        }
        guard FileSystemPath.withRawPath(path, { access($0, R_OK) }) == 0 else {
            throw VideoError(.unreadable, "\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        let ffprobe = try FFmpeg.require("ffprobe")
        let source = try FFmpegInputPath(path)
        let child = try FFmpegProcess(
            executable: ffprobe,
            arguments: ["-v", "error", "-show_entries",
                        "stream=index,codec_type,codec_name,width,height,r_frame_rate,avg_frame_rate,nb_frames,duration"
                            + ":stream_side_data=rotation:stream_tags=rotate:format=duration",
                        "-of", "json", "--", source.argument],
            input: false, output: true, label: "ffprobe \(path)")
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while data.count < 16 << 20 {
            let n = try chunk.withUnsafeMutableBytes { buffer in Result { () throws(VideoError) in try child.readFully(into: buffer) } }.get()
            data.append(contentsOf: chunk[0..<n])
            if n < chunk.count { break }
        }
        child.closeOutput()
        let status = child.wait()
        withExtendedLifetime(source) {}
        guard status == 0 else {
            let detail = child.errorSummary()
            throw VideoError(.unreadable, "\(path): not a readable video" + (detail.isEmpty ? " (ffprobe status \(status))" : ": \(detail)"))
        }
        try self.init(path: path, ffprobeJSON: data)
    }

    /// Parses `ffprobe -of json` output.
    init(path: String, ffprobeJSON data: Data) throws(VideoError) {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw VideoError(.unreadable, "\(path): ffprobe's output is not JSON")
        }
        let streams = root["streams"] as? [[String: Any]] ?? []
        let format = root["format"] as? [String: Any] ?? [:]
        guard let video = streams.first(where: { $0["codec_type"] as? String == "video" }) else {
            throw VideoError(.noVideoStream, "\(path): no video stream")
        }
        func number(_ value: Any?) -> Double? {
            if let n = value as? NSNumber { return n.doubleValue }
            if let s = value as? String { return Double(s) }
            return nil
        }
        guard var width = (video["width"] as? NSNumber)?.intValue, var height = (video["height"] as? NSNumber)?.intValue,
              width > 0, height > 0 else {
            throw VideoError(.unreadable, "\(path): the video stream has no frame size")
        }
        guard width <= Self.maxSide, height <= Self.maxSide else {
            throw VideoError(.limitExceeded, "\(path): frames of \(width)x\(height) exceed \(Self.maxSide) pixels a side")
        }
        // ffmpeg turns frames by the stream's display matrix (or `rotate` tag): a quarter turn swaps the sides.
        var rotation = 0.0
        for side in video["side_data_list"] as? [[String: Any]] ?? [] { if let r = number(side["rotation"]) { rotation = r } }
        if let tags = video["tags"] as? [String: Any], let r = number(tags["rotate"]) { rotation = r }
        // In Double: the tag is the file's, and a huge value must not overflow an Int conversion.
        if rotation.isFinite, rotation.rounded().truncatingRemainder(dividingBy: 180) != 0 { swap(&width, &height) }
        func fraction(_ value: Any?) -> (Int, Int)? {
            guard let text = value as? String else { return nil }
            let parts = text.split(separator: "/")
            guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), n > 0, d > 0, n <= 1_000_000, d <= 1_000_000,
                  Double(n) / Double(d) <= 1000 else { return nil }
            return (n, d)
        }
        guard let rate = fraction(video["avg_frame_rate"]) ?? fraction(video["r_frame_rate"]) else {
            throw VideoError(.unreadable, "\(path): the video stream has no frame rate")
        }
        self.init(path: path, width: width, height: height, frameRateNumerator: rate.0, frameRateDenominator: rate.1,
                  codec: video["codec_name"] as? String ?? "unknown",
                  audioCodec: streams.first(where: { $0["codec_type"] as? String == "audio" }).map { $0["codec_name"] as? String ?? "unknown" })
        let seconds = number(video["duration"]) ?? number(format["duration"])
        if let seconds, seconds.isFinite, seconds >= 0 { duration = seconds }
        if let frames = number(video["nb_frames"]), frames.isFinite, frames > 0, frames < 1e9 {
            frameCount = Int(frames)
        } else if let duration, duration * frameRate < 1e9 {
            frameCount = Int((duration * frameRate).rounded())
        }
    }
}
