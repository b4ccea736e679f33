import FacePipeline
import Foundation
import Images
import LandmarkNet

// Face output shared by `detect` and `video`: the JSON face object and the drawing.

/// A coordinate with two decimals, `null` when not finite.
func jsonNumber(_ value: Double) -> String {
    value.isFinite ? String(format: "%.2f", value) : "null"
}

/// `[[x, y], ...]`.
func jsonPoints(_ list: [DetectedFace.Point]) -> String {
    "[" + list.map { "[\(jsonNumber($0.x)), \(jsonNumber($0.y))]" }.joined(separator: ", ") + "]"
}

/// The JSON object of one face: `{"box": [x, y, w, h], "score", "landmarks5", "landmarks"?, "mesh_presence"?,
/// "mesh"?}` plus `extra` members (e.g. `"track": 3`) appended at the end.
func jsonFace(_ face: FaceLandmarker.Face, extra: String = "") -> String {
    var object = "{\"box\": [\(jsonNumber(face.box.x)), \(jsonNumber(face.box.y)), \(jsonNumber(face.box.width)), \(jsonNumber(face.box.height))], "
        + "\"score\": \(String(format: "%.5f", face.score)), \"landmarks5\": \(jsonPoints(face.landmarks5))"
    if let landmarks = face.landmarks { object += ", \"landmarks\": \(jsonPoints(landmarks))" }
    object += DetectMeshOutput.jsonFields(face)
    if !extra.isEmpty { object += ", " + extra }
    return object + "}"
}

/// Draws each face's box, score, mesh (points and contours), five points (red) and landmarks (yellow).
func drawFaces(_ image: inout Image, _ faces: [FaceLandmarker.Face]) {
    let thickness = max(1, min(image.width, image.height) / 300)
    for face in faces {
        image.drawRectangle(x: face.box.x, y: face.box.y, width: face.box.width, height: face.box.height, color: .green, thickness: thickness + 1)
        let scale = max(1, thickness)
        // Pixel position of the score label, clamped so that no box coordinate can overflow Int.
        func pixel(_ value: Double, _ limit: Int) -> Int { value.isFinite ? Int(min(max(0, value), Double(limit))) : 0 }
        image.drawText(String(format: "%.3f", face.score), x: pixel(face.box.x, image.width),
                       y: pixel(face.box.y - Double(9 * scale), image.height), color: .green, scale: scale)
        DetectMeshOutput.draw(face, on: &image, thickness: thickness)
        for point in face.landmarks5 { image.drawPoint(x: point.x, y: point.y, radius: Double(thickness) + 1.5, color: .red) }
        for point in face.landmarks ?? [] { image.drawPoint(x: point.x, y: point.y, radius: Double(thickness) + 0.5, color: .yellow) }
    }
}
