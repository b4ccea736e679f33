/// An error reading, probing or writing a video through `ffmpeg`; its description is one line naming the file
/// and, when `ffmpeg` failed, its own last message.
public struct VideoError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// `ffmpeg` or `ffprobe` is not installed (not found on `PATH`).
        case ffmpegMissing
        /// The file does not exist, cannot be read, or is not a video `ffmpeg` understands.
        case unreadable
        /// The file has no video stream (for example an audio file).
        case noVideoStream
        /// The video ends before the frames its container announces, or in the middle of a frame.
        case truncated
        /// `ffmpeg` exited with an error or could not be started.
        case ffmpegFailed
        /// A frame given to a ``VideoWriter`` does not have the writer's size or channel count.
        case invalidFrame
        /// The video's size or frame count is beyond the limits.
        case limitExceeded
        /// The output file cannot be created or put in place (missing or read-only directory, full disk).
        case cannotWrite
    }

    /// The kind of failure.
    public var kind: Kind
    /// The one-line message.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The one-line message.
    public var description: String { message }
}
