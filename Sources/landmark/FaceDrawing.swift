import FacePipeline
import Foundation
import Images
import LandmarkNet

// Drawing shared by `detect` and `video` (their JSON is FaceJSON.swift).

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
