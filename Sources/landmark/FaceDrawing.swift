import FacePipeline
import Foundation
import Images
import LandmarkNet

// Drawing shared by `detect` and `video` (their JSON is FaceJSON.swift).

/// Draws each face's box, score, mesh (points and contours), head pose (axes from the nose tip: red to the face's
/// left, green down, blue out of the face), 68 points (cyan), five points (red) and landmarks (yellow), in that
/// order.
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
        drawPoseAxes(face, on: &image, thickness: thickness)
        for point in face.landmarks68 ?? [] { image.drawPoint(x: point.x, y: point.y, radius: Double(thickness) + 0.5, color: .cyan) }
        for point in face.landmarks5 { image.drawPoint(x: point.x, y: point.y, radius: Double(thickness) + 1.5, color: .red) }
        for point in face.landmarks ?? [] { image.drawPoint(x: point.x, y: point.y, radius: Double(thickness) + 0.5, color: .yellow) }
    }
}

/// The head pose's three axes from the nose tip (mesh point 1), each half the box's width long as seen in the image:
/// the face's left-to-right axis in red, its top-to-bottom axis in green, the direction the nose points in blue.
func drawPoseAxes(_ face: FaceLandmarker.Face, on image: inout Image, thickness: Int) {
    guard let pose = face.pose, let mesh = face.mesh, mesh.count > 1, face.box.width.isFinite else { return }
    let origin = (mesh[1].x, mesh[1].y)
    let length = face.box.width / 2
    let r = pose.rotation
    let axes: [((Double, Double), Color)] = [((r[0][0], r[1][0]), .red), ((r[0][1], r[1][1]), .green), ((-r[0][2], -r[1][2]), .blue)]
    for ((dx, dy), color) in axes {
        image.drawLine(from: origin, to: (origin.0 + dx * length, origin.1 + dy * length), color: color, thickness: thickness + 1)
    }
}
