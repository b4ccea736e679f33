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
            if value.isFinite, let rounded = Double(String(format: "%.\(decimals)f", value)) {
                try container.encode(rounded)
            } else {
                try container.encodeNil()
            }
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

    /// The one-line JSON text of `value`.
    static func line<T: Encodable>(_ value: T) -> String {
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
