import FacePipeline
import Foundation
import Images
import LandmarkNet

/// How `landmark detect` reports and draws the face mesh (kept apart from DetectCommand.swift).
enum DetectMeshOutput {
    /// The text report's line for a face's mesh, or nil when the mesh did not run.
    static func textLine(_ face: FaceLandmarker.Face) -> String? {
        guard let presence = face.meshPresence else { return nil }
        guard let mesh = face.mesh else {
            return "    mesh: none (presence \(String(format: "%.3f", presence)))"
        }
        let tip = mesh.indices.contains(1) ? " nose tip (\(number(mesh[1].x)), \(number(mesh[1].y)))" : ""
        return "    mesh: \(mesh.count) points, presence \(String(format: "%.3f", presence)),\(tip)"
    }

    /// Draws the mesh's points and its contour lines (lips, eyes, eyebrows, face oval, nose).
    static func draw(_ face: FaceLandmarker.Face, on image: inout Image, thickness: Int) {
        guard let mesh = face.mesh else { return }
        for point in mesh { image.drawPoint(x: point.x, y: point.y, radius: 0.5 * Double(thickness), color: .cyan) }
        for (from, to) in FaceMeshRegion.allConnections where mesh.indices.contains(from) && mesh.indices.contains(to) {
            image.drawLine(from: (mesh[from].x, mesh[from].y), to: (mesh[to].x, mesh[to].y), color: .magenta, thickness: thickness)
        }
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "null"
    }
}
