import FaceVideo
import ArgumentParser
import Dispatch
import FacePipeline
import FilePaths
import Foundation
import Images
import LandmarkNet

#if canImport(Glibc)
import Glibc
#endif

/// `landmark video`: faces and landmarks on every frame of a video file, decoded and encoded by `ffmpeg`.
struct VideoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "video",
        abstract: "Find and track faces, their 468-point face mesh (and their landmarks with --model) on every frame of a video, through ffmpeg.",
        discussion: """
            Frames are decoded and the annotated video encoded by the ffmpeg program over pipes of raw RGB frames. \
            The full detection runs every --every frames and when a track is lost; in between each face is \
            followed from its previous points; the face mesh runs on every frame's faces (--no-mesh: not at all). A summary (frames, faces, fps, time per stage) ends on stderr.
            """)

    /// The default of `--every`: a full detection twice a second at 30 fps.
    static let defaultInterval = 15

    /// The extensions `--out` accepts (the containers ffmpeg writes by them).
    static let containers = ["mp4", "m4v", "mov", "mkv", "webm", "avi", "gif"]

    @Argument(help: "The video file (anything ffmpeg reads: mp4, mkv, avi, mov, webm, ...).")
    var input: String

    @Option(help: "A frozen landmark graph (e.g. the seed model) to run on every face.")
    var model: String?

    @Option(help: "Write the video with boxes, scores and points drawn (size, frame rate and audio of the input; a GIF has no audio). Its container comes from the extension: \(VideoCommand.containers.joined(separator: ", ")). It appears only once complete.")
    var out: String?

    @Option(help: "Write one JSON line per frame to this file ('-': standard output), each line as soon as its frame is done.")
    var json: String?

    @Option(help: "Full face detection every N frames (tracking in between; 1: detect on every frame).")
    var every: Int = VideoCommand.defaultInterval

    @Option(name: .customLong("max-frames"), help: "Stop after N frames.")
    var maxFrames: Int?

    @Flag(name: .customLong("no-mesh"), help: "Skip the bundled 468-point face mesh (and so the head pose).")
    var noMesh = false

    @Flag(name: .customLong("no-landmarks68"), help: "Skip the bundled 68-point stage.")
    var noLandmarks68 = false

    @Flag(name: .customLong("mirror68"), inversion: .prefixedNo,
          help: "Also run each face's 68-point crop mirrored and average the two (about 7% lower error on still photos, twice the stage's time: about a fifth fewer frames per second).")
    var mirror68 = false

    @Flag(help: "Smooth the points over time (a constant-velocity Kalman filter per point).")
    var smooth = false

    @Option(name: .customLong("min-face"), help: "Smallest face to find, in pixels (at least 12).")
    var minFace: Double = 20

    @Option(help: "Face detector: mtcnn, blazeface, or both (their faces fused).")
    var detector: FaceDetectorKind = .both

    @Flag(help: "Also search frames turned by 90, 180 and 270 degrees when a frame shows no face upright.")
    var rotations = false

    @Option(name: .customLong("mesh-passes"), help: "Times the mesh region of a new face BlazeFace did not find is refined from the mesh itself (later frames take it from the previous frame's mesh).")
    var meshPasses: Int = 1

    @OptionGroup(title: "Engine")
    var engine: EngineOptions

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func validate() throws {
        if every < 1 { throw ValidationError("--every must be at least 1") }
        if let maxFrames, maxFrames < 1 { throw ValidationError("--max-frames must be at least 1") }
        if !(minFace.isFinite && minFace >= 12) { throw ValidationError("--min-face must be a number of pixels, at least 12") }
        if meshPasses < 0 || meshPasses > 8 { throw ValidationError("--mesh-passes must be 0 to 8") }
    }

    /// Checks the input and every output before any work: the input is a regular file, `--out` has a known
    /// container, and no output is the input or the other output, by device and inode (whatever path or link
    /// names them); the outputs' missing directories are made.
    private func checkFiles() throws(CommandError) {
        var plan = OutputPlan()
        try InputFile.requireRegular(input)
        plan.addInput(input)
        if let model {
            try InputFile.requireRegular(model, role: "--model", allowDirectory: true)
            plan.addInput(model)
        }
        try plan.checkStandardOutput()
        if let out {
            let ext = (out as NSString).pathExtension.lowercased()
            guard Self.containers.contains(ext) else {
                throw CommandError("--out \(out): unknown video container '\(ext)' (use \(Self.containers.joined(separator: ", ")))")
            }
            try plan.claimOutput(out, option: "--out")
        }
        if let json, json != "-" { try plan.claimOutput(json, option: "--json") }
    }

    /// Time per stage, in seconds.
    private struct StageTimes {
        var decode = 0.0
        /// The 68-point stage where it runs beside the tracker (else it is in the tracker's landmark time).
        var landmarks68 = 0.0
        var draw = 0.0
        var encode = 0.0
        var json = 0.0
    }

    func run() throws {
        do throws(CommandError) { try checkFiles() } catch { fail(error.description) }
        let info: VideoInfo
        var tracker: FaceTracker
        /// The landmarker whose 68-point stage, and the smoothing, the frame finisher runs (nil: the tracker does).
        var finishing: (landmarker: FaceLandmarker, smoothing: FaceSmoother?)?
        do {
            info = try VideoInfo(probing: input)
            // Frames above 1080p are tens of megabytes each, several alive at once (reader, tracker, writer).
            if info.width.multipliedReportingOverflow(by: info.height).partialValue > 1920 * 1088 {
                MallocTuning.mapAllocations(from: 1 << 20)
            }
            var options = FaceDetector.Options()
            options.minFaceSize = minFace
            let landmarkModel = try model.map {
                try LandmarkModel(Model(contentsOf: URL(fileURLWithPath: $0), options: engine.modelOptions(limits: limits)))
            }
            // Without the mesh the mesh graph is not even loaded.
            let faceMesh = noMesh ? nil : try FaceMesh(modelOptions: engine.modelOptions())
            let landmarks68 = noLandmarks68 ? nil : try FaceLandmarks68(
                modelOptions: engine.modelOptions(), options: FaceLandmarks68.Options(mirrorAveraging: mirror68))
            var landmarker = try FaceLandmarker(detector: FaceDetector(modelOptions: engine.modelOptions(), options: options),
                                                landmarkModel: landmarkModel,
                                                faceMesh: faceMesh, withMesh: !noMesh,
                                                faceLandmarks68: landmarks68, withLandmarks68: !noLandmarks68,
                                                detectorKind: detector,
                                                blazeFace: detector == .mtcnn ? nil : BlazeFaceDetector(modelOptions: engine.modelOptions()))
            landmarker.meshRefinementPasses = meshPasses
            // With two threads or more the 68-point stage (and so the smoothing, which includes its points) runs
            // beside the tracker, on the frame finisher's thread.
            if landmarks68 != nil && engine.threadCount >= 2 {
                finishing = (landmarker, smooth ? FaceSmoother() : nil)
                landmarker.faceLandmarks68 = nil
            }
            tracker = try FaceTracker(landmarker: landmarker, options: FaceTracker.Options(
                detectionInterval: every, smoothing: smooth && finishing == nil ? FaceSmoother() : nil, searchRotations: rotations))
        } catch {
            fail("\(error)")
        }
        var jsonOutput: JSONLinesOutput?
        let reader: VideoReader
        var writer: VideoWriter?
        do {
            if let json { jsonOutput = try JSONLinesOutput(path: json) }
            reader = try VideoReader(info: info, maxFrames: maxFrames)
            writer = try out.map {
                try VideoWriter(path: $0, width: info.width, height: info.height, frameRate: info.frameRateText,
                                audioFrom: info.hasAudio ? input : nil, audioCodec: info.audioCodec)
            }
        } catch {
            fail("\(error)")
        }
        let expected = maxFrames.map { min($0, info.frameCount ?? $0) } ?? info.frameCount
        let progress = isatty(2) != 0
        var times = StageTimes()
        var frames = 0, faceCount = 0, framesWithFaces = 0, decoderMessages = 0
        var failure: String?
        /// Whether the failure is the decoder's own (then its messages explain it; otherwise they are the
        /// consequence of stopping it and are not shown).
        var decoderFailed = false
        // Frames above 1080p wait one at a time for the finisher (each is tens of megabytes).
        let frameBytes = info.width.multipliedReportingOverflow(by: info.height).partialValue
        let finisher = VideoFrameFinisher(input: input, landmarks68: finishing?.landmarker,
                                          smoothing: finishing?.smoothing, json: jsonOutput, writer: writer,
                                          frameRate: (info.frameRateNumerator, info.frameRateDenominator),
                                          capacity: finishing == nil ? nil : (frameBytes > 1920 * 1088 ? 1 : 3))
        let start = DispatchTime.now().uptimeNanoseconds
        var lastProgress: UInt64 = 0
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func seconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to &- from) / 1e9 }
        func warn(_ message: String) {
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            FileHandle.standardError.write(Data("\(oneLine(message))\n".utf8))
        }
        func relayDecoderMessages() {
            for line in reader.takeMessages() {
                decoderMessages += 1
                if decoderMessages <= 20 {
                    warn("warning: \(input): decoding near frame \(frames): ffmpeg: \(line)")
                } else if decoderMessages == 21 {
                    warn("warning: \(input): more decoder messages are counted in the summary")
                }
            }
        }
        while true {
            let t0 = now()
            let next: Image?
            do {
                next = try reader.nextFrame()
            } catch {
                failure = "\(error)"
                decoderFailed = true
                break
            }
            let t1 = now()
            times.decode += seconds(t0, t1)
            relayDecoderMessages()
            // The frame's only owner from here (the finisher draws on it in place).
            guard let frame = consume next else { break }
            let faces: [FaceTracker.TrackedFace]
            do {
                faces = try tracker.process(frame)
            } catch {
                failure = "\(input): frame \(frames): \(error)"
                break
            }
            faceCount += faces.count
            if !faces.isEmpty { framesWithFaces += 1 }
            if let message = finisher.submit(index: frames, frame: frame, faces: faces) {
                failure = message
                break
            }
            frames += 1
            if progress, now() &- lastProgress > 200_000_000 {
                lastProgress = now()
                showProgress(frames, expected, seconds(start, lastProgress))
            }
        }
        reader.close()
        if let message = finisher.finish() { failure = failure ?? message }
        let t5 = now()
        if failure == nil || decoderFailed {
            relayDecoderMessages()
        } else {
            _ = reader.takeMessages()
        }
        times.json = finisher.times.json
        times.draw = finisher.times.draw
        times.encode = finisher.times.encode
        // The JSON lines are all written already. The video is put in place when nothing failed, or when only the
        // input's decoding did (a truncated input still gives the frames it had); otherwise its partial file goes.
        do throws(CommandError) {
            try jsonOutput?.finish()
        } catch {
            failure = failure ?? error.description
        }
        if let writer {
            if failure == nil || decoderFailed {
                do { try writer.finish() } catch { failure = failure ?? "\(error)" }
            } else {
                writer.cancel()
            }
        }
        times.encode += seconds(t5, now())
        times.landmarks68 = finisher.times.landmarks68
        let total = seconds(start, now())
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if failure == nil, maxFrames.map({ frames < $0 }) ?? true, let expected, frames < expected - max(2, expected / 50) {
            failure = "\(input): truncated: \(frames) frames decoded of the \(expected) its container announces"
        }
        if failure == nil, frames == 0 { failure = "\(input): no frame could be decoded" }
        summary(info: info, frames: frames, faces: faceCount, framesWithFaces: framesWithFaces, decoderMessages: decoderMessages,
                tracker: tracker.timings, times: times, total: total, written: failure == nil || decoderFailed)
        if let failure { fail(failure) }
    }

    private func showProgress(_ done: Int, _ total: Int?, _ elapsed: Double) {
        let fps = elapsed > 0 ? Double(done) / elapsed : 0
        var line = "\r\u{1B}[K"
        if let total, total > 0 {
            let width = 30, filled = min(width, width * done / total)
            let remaining = fps > 0 ? Double(max(0, total - done)) / fps : 0
            line += "[\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] \(done)/\(total) frames"
                + String(format: "  %.1f fps  ETA %d:%02d", fps, Int(remaining) / 60, Int(remaining) % 60)
        } else {
            line += "\(done) frames" + String(format: "  %.1f fps", fps)
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func summary(info: VideoInfo, frames: Int, faces: Int, framesWithFaces: Int, decoderMessages: Int,
                         tracker: FaceTracker.Timings, times: StageTimes, total: Double, written: Bool) {
        func ms(_ seconds: Double) -> String { String(format: "%.2f", frames > 0 ? 1000 * seconds / Double(frames) : 0) }
        let fps = total > 0 ? Double(frames) / total : 0
        var lines = [
            "\(input): \(frames) frames of \(info.width)x\(info.height) at \(String(format: "%.3g", info.frameRate)) fps, "
                + "\(faces) faces on \(framesWithFaces) frames, \(tracker.detections) full detections, \(tracker.lostTracks) tracks lost"
                + (tracker.meshFollowed > 0 ? ", \(tracker.meshFollowed) faces followed by their mesh" : "")
                + (tracker.droppedTracks > 0 ? ", \(tracker.droppedTracks) tracks dropped" : "")
                + (decoderMessages > 0 ? ", \(decoderMessages) decoder messages" : ""),
            String(format: "%.2f s, %.1f frames per second (%.2fx real time)", total, fps, info.frameRate > 0 ? fps / info.frameRate : 0),
            "ms per frame: decode \(ms(times.decode)), detect \(ms(tracker.detection)), track \(ms(tracker.tracking)), "
                + "landmarks \(ms(tracker.landmarks + times.landmarks68)), mesh \(ms(tracker.mesh)), draw \(ms(times.draw)), encode \(ms(times.encode)), json \(ms(times.json))",
        ]
        if let out, written, FileStatus.of(out) != nil { lines.append("annotated video: \(out)") }
        FileHandle.standardError.write(Data((lines.map(oneLine).joined(separator: "\n") + "\n").utf8))
    }
}

/// JSON Lines written to a file or standard output, each line as soon as it is made, so that a later failure
/// (the encoder's, a crash) loses none already computed; a failed write is an error.
final class JSONLinesOutput {
    private let descriptor: Int32
    private let path: String

    init(path: String) throws(CommandError) {
        self.path = path
        if path == "-" {
            descriptor = 1
        } else {
            descriptor = FileSystemPath.withRawPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
            guard descriptor >= 0 else { throw CommandError("--json \(path): cannot write: \(FileStatus.errorText())") }
        }
    }

    func writeLine(_ line: String) throws(CommandError) {
        if path == "-" {
            StandardOutput.writeLine(line)
            return
        }
        if let code = writeAll(descriptor, Array((line + "\n").utf8)) {
            throw CommandError("--json \(path): cannot write: \(FileStatus.errorText(code))")
        }
    }

    func finish() throws(CommandError) {
        guard path != "-" else { return }
        if close(descriptor) != 0 { throw CommandError("--json \(path): cannot write: \(FileStatus.errorText())") }
    }
}
