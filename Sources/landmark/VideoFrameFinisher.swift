import FacePipeline
import FaceVideo
import Foundation
import Images

/// The last stages of `landmark video` for each frame, in frame order: the 68 points (when they run beside the
/// tracker), smoothing, the JSON line, the drawing and the hand-over to the encoder.
///
/// Inline (``init(input:landmarks68:smoothing:json:writer:frameRate:capacity:)`` with `capacity` nil) each frame is
/// finished when it is submitted. Pipelined, frames queue (at most `capacity` waiting) for a thread of the
/// finisher's own, so that the 68-point network of one frame runs while the tracker works on the next: the
/// tracker does not use the 68 points, and the two stages' networks each keep a core busy, where either alone
/// leaves part of the second core idle between its layers. The results are the same either way: the 68-point
/// stage sees the tracker's unsmoothed faces, and each track's points are smoothed in frame order by a
/// ``FaceSmoother`` of its own, started with its track and dropped with it, as the tracker's smoothing does.
final class VideoFrameFinisher: @unchecked Sendable {
    /// Time spent per stage, in seconds.
    struct Times {
        var landmarks68 = 0.0
        var json = 0.0
        var draw = 0.0
        var encode = 0.0
    }

    /// The landmarker whose 68-point stage runs here (nil: the tracker ran it, or it is off).
    private let landmarks68: FaceLandmarker?
    /// The smoothing applied here (nil: none, or the tracker's own).
    private let smoothing: FaceSmoother?
    private var smoothers: [Int: FaceSmoother] = [:]
    private let json: JSONLinesOutput?
    private let writer: VideoWriter?
    private let frameRate: (numerator: Int, denominator: Int)
    /// The input's path, for messages.
    private let input: String

    /// Time per stage (read once ``finish()`` has returned).
    private(set) var times = Times()

    private let condition = NSCondition()
    private var pending: [(index: Int, frame: Image, faces: [FaceTracker.TrackedFace])] = []
    private let capacity: Int?
    private var closed = false
    private var failure: String?
    private let done = DispatchSemaphore(value: 0)

    init(input: String, landmarks68: FaceLandmarker?, smoothing: FaceSmoother?, json: JSONLinesOutput?,
         writer: VideoWriter?, frameRate: (numerator: Int, denominator: Int), capacity: Int?) {
        self.input = input
        self.landmarks68 = landmarks68
        self.smoothing = smoothing
        self.json = json
        self.writer = writer
        self.frameRate = frameRate
        self.capacity = capacity.map { max(1, $0) }
        if self.capacity != nil {
            let thread = Thread { [self] in drain() }
            thread.name = "landmark-video-finish"
            thread.start()
        }
    }

    /// Finishes frame `index` (inline), or queues it, waiting while the queue is full. Returns the first failure
    /// so far, if any (then nothing more is finished).
    func submit(index: Int, frame: consuming Image, faces: [FaceTracker.TrackedFace]) -> String? {
        guard let capacity else {
            if failure == nil { failure = finishFrame(index: index, frame: frame, faces: faces) }
            return failure
        }
        condition.lock()
        defer { condition.unlock() }
        while pending.count >= capacity && failure == nil { condition.wait() }
        if failure == nil { pending.append((index, frame, faces)) }
        condition.broadcast()
        return failure
    }

    /// Finishes the queued frames and returns the first failure, if any.
    func finish() -> String? {
        guard capacity != nil else { return failure }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        return failure
    }

    private func drain() {
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            guard !pending.isEmpty, failure == nil else {
                condition.unlock()
                break
            }
            let item = pending.removeFirst()
            condition.broadcast()
            condition.unlock()
            if let message = finishFrame(index: item.index, frame: item.frame, faces: item.faces) {
                condition.lock()
                failure = message
                pending = []
                condition.broadcast()
                condition.unlock()
                break
            }
        }
        done.signal()
    }

    /// The stages of one frame; a failure's message, or nil.
    private func finishFrame(index: Int, frame: consuming Image, faces tracked: [FaceTracker.TrackedFace]) -> String? {
        var faces = tracked
        if let landmarks68, !faces.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            var plain = faces.map(\.face)
            do {
                try landmarks68.addLandmarks68(to: &plain, in: frame.channels == 3 ? frame : frame.rgb())
            } catch {
                return "\(input): frame \(index): \(error)"
            }
            for i in faces.indices { faces[i].face = plain[i] }
            times.landmarks68 += Self.seconds(since: start)
        }
        if let smoothing {
            var next: [Int: FaceSmoother] = [:]
            for i in faces.indices {
                var smoother = smoothers[faces[i].id] ?? smoothing
                faces[i].face = smoother.smooth(faces[i].face)
                next[faces[i].id] = smoother
            }
            smoothers = next
        }
        var start = DispatchTime.now().uptimeNanoseconds
        if let json {
            let time = Double(index) * Double(frameRate.denominator) / Double(frameRate.numerator)
            let record = FaceJSON.FrameFaces(frame: index, time: FaceJSON.Number(time, decimals: 4),
                                             faces: faces.map { FaceJSON.Face($0.face, track: $0.id) })
            do {
                try json.writeLine(FaceJSON.line(record))
            } catch {
                return "\(error)"
            }
            times.json += Self.seconds(since: start)
        }
        if let writer {
            start = DispatchTime.now().uptimeNanoseconds
            var image = frame
            drawFaces(&image, faces.map(\.face))
            times.draw += Self.seconds(since: start)
            start = DispatchTime.now().uptimeNanoseconds
            do {
                try writer.write(image)
            } catch {
                return "\(error)"
            }
            times.encode += Self.seconds(since: start)
        }
        return nil
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9
    }
}
