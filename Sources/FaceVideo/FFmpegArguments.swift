/// The `ffmpeg` command lines (and environment) of ``VideoReader`` and ``VideoWriter``, chosen by frame size.
///
/// Frames of more than ``largeFramePixels`` pixels (above 1080p, e.g. 4K) get memory-lean settings, since there
/// each buffered frame costs tens of megabytes and per-frame work in `landmark` is slow enough that `ffmpeg`'s
/// own threads buy no speed:
/// - the decoder runs on one thread (H.264 frame threads each hold decoded frames) and its filter graph too;
/// - the encoder (libx264) runs on one thread with `-tune zerolatency`: no B-frames, no lookahead (both
///   queue frames before encoding them), no lookahead thread;
/// - both get `glibc.malloc.mmap_threshold` fixed at 1 MiB, so every frame-sized buffer is mapped on allocation
///   and returned on release instead of accumulating in glibc's heaps (glibc otherwise raises the threshold to
///   the largest freed buffer, after which frames come from heaps that do not shrink).
/// Smaller frames keep `ffmpeg`'s defaults (threads per core, B-frames, lookahead).
enum FFmpegArguments {
    /// Frames with more pixels than this (1920 x 1088) get the memory-lean settings.
    static let largeFramePixels = 1920 * 1088

    /// Whether frames of `width` x `height` get the memory-lean settings.
    static func isLarge(width: Int, height: Int) -> Bool {
        width.multipliedReportingOverflow(by: height).partialValue > largeFramePixels
            || width.multipliedReportingOverflow(by: height).overflow
    }

    /// Environment variables (added to ours) for an `ffmpeg` handling frames of `width` x `height`; `inherited`
    /// is our own `GLIBC_TUNABLES`, whose settings are kept.
    static func environment(width: Int, height: Int, inherited: String?) -> [String: String] {
        guard isLarge(width: width, height: height) else { return [:] }
        let tunable = "glibc.malloc.mmap_threshold=1048576"
        guard let inherited, !inherited.isEmpty else { return ["GLIBC_TUNABLES": tunable] }
        return ["GLIBC_TUNABLES": inherited + ":" + tunable]
    }

    /// The decoder's arguments: `input` (the name ffmpeg opens) decoded to raw RGB frames of `width` x
    /// `height` on standard output, at the constant rate `frameRate`, at most `maxFrames` of them.
    static func decoding(input: String, width: Int, height: Int, frameRate: String, maxFrames: Int?) -> [String] {
        var arguments = ["-hide_banner", "-nostdin", "-loglevel", "error"]
        let large = isLarge(width: width, height: height)
        // A global option, then -threads before -i: an option of the input's decoder.
        if large { arguments += ["-filter_threads", "1"] }
        arguments += ["-err_detect", "explode"]
        if large { arguments += ["-threads", "1"] }
        arguments += ["-i", input, "-map", "0:v:0", "-an", "-sn", "-dn",
                      "-fps_mode", "cfr", "-r", frameRate, "-s", "\(width)x\(height)"]
        if let maxFrames { arguments += ["-frames:v", String(max(0, maxFrames))] }
        arguments += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
        return arguments
    }

    /// The encoder's arguments: raw RGB frames of `width` x `height` at `frameRate` on standard input, with the
    /// first audio stream of `audio` (when given; `audioCodec` from ``VideoWriter/audioCodecArguments(container:codec:)``),
    /// written to `output`, whose container is named by `container` (its extension, lower case).
    static func encoding(width: Int, height: Int, frameRate: String, audio: String?, audioCodec: [String],
                         container: String, output: String) -> [String] {
        let large = isLarge(width: width, height: height)
        var arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
        if large { arguments += ["-filter_threads", "1"] }
        arguments += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)", "-r", frameRate, "-i", "-"]
        if let audio { arguments += ["-i", audio] }
        arguments += ["-map", "0:v:0"]
        if audio != nil { arguments += ["-map", "1:a:0?"] } else { arguments += ["-an"] }
        if container != "gif", width % 2 == 1 || height % 2 == 1 {
            arguments += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]
        }
        if ["mp4", "mov", "m4v", "mkv"].contains(container) {
            arguments += ["-c:v", "libx264", "-preset", "superfast", "-crf", "18", "-pix_fmt", "yuv420p"]
            if large { arguments += ["-tune", "zerolatency", "-threads", "1"] }
        } else if large {
            arguments += ["-threads", "1"]
        }
        if audio != nil { arguments += ["-c:a"] + audioCodec + ["-shortest"] }
        arguments += ["--", output]
        return arguments
    }
}
