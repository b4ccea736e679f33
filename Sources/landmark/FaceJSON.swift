import FacePipeline
import FaceVideo
import Foundation
import Images

/// The JSON that `detect --json` and `video --json` print, as `Encodable` values shared by both commands: one
/// object per image (`{"image", "width", "height", "faces"}`) or per frame (`{"frame", "time", "faces"}`), each
/// face `{"box": [x, y, w, h], "score", "detector", "rotation", "landmarks5", "landmarks"?, "landmarks68"?,
/// "mesh_presence"?, "mesh"?, "pose"?, "track"?}`.
/// Coordinates have two decimals, scores five; a number that is not finite is `null`. Keys are sorted (as in
/// `bench --json` and `inspect --json`), so that the same result always prints the same bytes.
enum FaceJSON {
    /// A number rounded to a fixed count of decimals (the value `%.Nf` prints), `null` when not finite.
    struct Number: Encodable {
        var value: Double
        var decimals: Int

        init(_ value: Double, decimals: Int = 2) {
            self.value = value
            self.decimals = decimals
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let rounded {
                try container.encode(rounded)
            } else {
                try container.encodeNil()
            }
        }

        /// The value `%.Nf` prints, read back as a Double; nil when not finite. Scaling by 10^N and rounding
        /// gives the same Double except near a tie (or for huge values), where the printed text decides.
        var rounded: Double? {
            guard value.isFinite else { return nil }
            if decimals >= 0, decimals < Self.powers.count, abs(value) < 1e12 {
                let power = Self.powers[decimals], scaled = value * power
                let nearest = scaled.rounded(.toNearestOrEven)
                if abs(abs(scaled - nearest) - 0.5) > 1e-6 { return nearest / power }
            }
            return Double(String(format: "%.\(decimals)f", value))
        }

        static let powers: [Double] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

        /// Appends the number as JSONEncoder writes it: the Double's shortest text without a trailing `.0`, or
        /// `null`.
        func write(to text: inout String) {
            guard let rounded else {
                text += "null"
                return
            }
            var number = rounded.description
            if number.hasSuffix(".0") { number.removeLast(2) }
            text += number
        }
    }

    /// One face.
    struct Face: Encodable {
        var box: [Number]
        var score: Number
        /// The detector that found the face: `"mtcnn"`, `"blazeface"` or `"both"`.
        var detector: String
        /// The quarter turn of the image in which the face was found upright: 0, 90, 180 or 270 (degrees
        /// clockwise); every coordinate is in the image as given.
        var rotation: Int
        var landmarks5: [[Number]]
        var landmarks: [[Number]]?
        /// The 68 iBUG points of the bundled 68-point stage, when it ran.
        var landmarks68: [[Number]]?
        /// The mesh's presence score, when the mesh ran.
        var meshPresence: Number?
        /// The 468 mesh points `[x, y, z]`, when the presence passed the threshold.
        var mesh: [[Number]]?
        /// The head pose in degrees, when the face has a mesh.
        var pose: Pose?
        /// The track's number (video only).
        var track: Int?

        enum CodingKeys: String, CodingKey {
            case box, score, detector, rotation, landmarks5, landmarks, landmarks68
            case meshPresence = "mesh_presence"
            case mesh, pose, track
        }

        init(_ face: FaceLandmarker.Face, track: Int? = nil) {
            box = [face.box.x, face.box.y, face.box.width, face.box.height].map { Number($0) }
            score = Number(face.score, decimals: 5)
            detector = face.detector.rawValue
            rotation = face.rotation.rawValue
            landmarks5 = face.landmarks5.map { [Number($0.x), Number($0.y)] }
            landmarks = face.landmarks.map { $0.map { [Number($0.x), Number($0.y)] } }
            landmarks68 = face.landmarks68.map { $0.map { [Number($0.x), Number($0.y)] } }
            pose = face.pose.map { Pose(pitch: Number($0.pitch), yaw: Number($0.yaw), roll: Number($0.roll)) }
            meshPresence = face.meshPresence.map { Number($0, decimals: 5) }
            mesh = face.meshPresence == nil ? nil : face.mesh.map { $0.map { [Number($0.x), Number($0.y), Number($0.z)] } }
            self.track = track
        }
    }

    /// A head pose: `{"pitch", "yaw", "roll"}` in degrees.
    struct Pose: Encodable {
        var pitch: Number
        var yaw: Number
        var roll: Number
    }

    /// `detect --json`: one image.
    struct ImageFaces: Encodable {
        var image: String
        var width: Int
        var height: Int
        var faces: [Face]
    }

    /// `video --json`: one frame.
    struct FrameFaces: Encodable {
        var frame: Int
        /// Seconds from the start of the video, four decimals.
        var time: Number
        var faces: [Face]
    }

    /// The one-line JSON text of `value`: the bytes JSONEncoder writes (sorted keys, slashes unescaped), written
    /// directly for the faces of `detect` and `video` (several thousand numbers a frame).
    static func line<T: Encodable>(_ value: T) -> String {
        if let direct = value as? DirectJSON {
            var text = ""
            text.reserveCapacity(4096)
            direct.write(to: &text)
            return text
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // Only non-finite Doubles fail to encode, and `Number` writes them as null.
            preconditionFailure("JSON encoding failed: \(error)")
        }
    }
}

/// A value that writes its own JSON text, byte for byte what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes for it.
protocol DirectJSON {
    func write(to text: inout String)
}

extension DirectJSON {
    /// Writes `"key":` after a comma unless `first`.
    static func key(_ name: String, _ text: inout String, first: Bool = false) {
        if !first { text += "," }
        text += "\""
        text += name
        text += "\":"
    }

    /// Writes `[a,b,...]`, each element by `element`.
    static func list<Element>(_ elements: [Element], _ text: inout String,
                              _ element: (Element, inout String) -> Void) {
        text += "["
        for (k, value) in elements.enumerated() {
            if k > 0 { text += "," }
            element(value, &text)
        }
        text += "]"
    }

    static func numbers(_ numbers: [FaceJSON.Number], _ text: inout String) {
        list(numbers, &text) { number, text in number.write(to: &text) }
    }

    static func faces(_ faces: [FaceJSON.Face], _ text: inout String) {
        list(faces, &text) { face, text in face.write(to: &text) }
    }

    static func points(_ points: [[FaceJSON.Number]], _ text: inout String) {
        list(points, &text) { point, text in numbers(point, &text) }
    }

    /// A JSON string as JSONEncoder writes it with `.withoutEscapingSlashes` (a string with a character it
    /// escapes is handed to JSONEncoder).
    static func string(_ value: String, _ text: inout String) {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            if let data = try? encoder.encode([value]) {
                text += String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
                return
            }
        }
        text += "\""
        text += value
        text += "\""
    }
}

extension FaceJSON.Face: DirectJSON {
    func write(to text: inout String) {
        text += "{"
        Self.key("box", &text, first: true)
        Self.numbers(box, &text)
        Self.key("detector", &text)
        Self.string(detector, &text)
        if let landmarks {
            Self.key("landmarks", &text)
            Self.points(landmarks, &text)
        }
        Self.key("landmarks5", &text)
        Self.points(landmarks5, &text)
        if let landmarks68 {
            Self.key("landmarks68", &text)
            Self.points(landmarks68, &text)
        }
        if let mesh {
            Self.key("mesh", &text)
            Self.points(mesh, &text)
        }
        if let meshPresence {
            Self.key("mesh_presence", &text)
            meshPresence.write(to: &text)
        }
        if let pose {
            Self.key("pose", &text)
            text += "{"
            Self.key("pitch", &text, first: true)
            pose.pitch.write(to: &text)
            Self.key("roll", &text)
            pose.roll.write(to: &text)
            Self.key("yaw", &text)
            pose.yaw.write(to: &text)
            text += "}"
        }
        Self.key("rotation", &text)
        text += String(rotation)
        Self.key("score", &text)
        score.write(to: &text)
        if let track {
            Self.key("track", &text)
            text += String(track)
        }
        text += "}"
    }
}

extension FaceJSON.FrameFaces: DirectJSON {
    func write(to text: inout String) {
        text += "{"
        Self.key("faces", &text, first: true)
        Self.faces(faces, &text)
        Self.key("frame", &text)
        text += String(frame)
        Self.key("time", &text)
        time.write(to: &text)
        text += "}"
    }
}

extension FaceJSON.ImageFaces: DirectJSON {
    func write(to text: inout String) {
        text += "{"
        Self.key("faces", &text, first: true)
        Self.faces(faces, &text)
        Self.key("height", &text)
        text += String(height)
        Self.key("image", &text)
        Self.string(image, &text)
        Self.key("width", &text)
        text += String(width)
        text += "}"
    }
}
