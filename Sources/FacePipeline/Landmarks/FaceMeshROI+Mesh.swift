import Foundation

extension FaceMeshROI {
    /// The mesh point MediaPipe starts the region's rotation vector at: the outer corner of the eye with the
    /// smaller x in an upright face (the person's right eye).
    public static let rotationStartIndex = 33
    /// The mesh point the rotation vector ends at: the outer corner of the other eye.
    public static let rotationEndIndex = 263

    /// The region MediaPipe's face-mesh pipeline takes for the next pass from a face's mesh (its
    /// `FaceLandmarkLandmarksToRoi` step): the centre of the axis-aligned bounding box of all points, the box's
    /// longer side times `scale` (1.5 in MediaPipe), rotated so that the line from point 33 to point 263
    /// becomes horizontal. Nil when the mesh has fewer than ``FaceMesh/pointCount`` points or the region is not
    /// finite and positive.
    public init?(mesh points: [FaceMesh.Point], scale: Double = 1.5) {
        guard points.count >= FaceMesh.pointCount, scale.isFinite, scale > 0 else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let start = points[Self.rotationStartIndex], end = points[Self.rotationEndIndex]
        let angle = -atan2(start.y - end.y, end.x - start.x)
        var rotation = angle - 2 * Double.pi * ((angle + Double.pi) / (2 * Double.pi)).rounded(.down)
        if !rotation.isFinite { rotation = 0 }
        self.init(centerX: (minX + maxX) / 2, centerY: (minY + maxY) / 2,
                  size: max(maxX - minX, maxY - minY) * scale, rotation: rotation)
        guard isValid else { return nil }
    }
}
