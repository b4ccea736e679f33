@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// The mesh through our detector and region, against face-detection-tflite's own pipeline
/// (Tests/Fixtures/mesh/reference.json), before and after refining the region from the mesh.
final class FaceMeshRefinementTests: XCTestCase {
    /// Mean point distance to the reference mesh of the same face, over the distance between the reference's
    /// outer eye corners (points 33 and 263), worst face of each photo.
    private func errors(passes: Int, kind: FaceDetectorKind = .mtcnn) throws -> [String: Double] {
        let reference = try FaceMeshReference.load()
        var landmarker = try FaceLandmarker(withLandmarks68: false, detectorKind: kind)
        landmarker.meshRefinementPasses = passes
        var result: [String: Double] = [:]
        for photo in reference.photos {
            let image = try BlazeFaceTests.photo(photo.image)
            let faces = try landmarker.faces(in: image)
            var worst = 0.0
            for expected in photo.faces {
                let eyes = hypot(expected.mesh[33][0] - expected.mesh[263][0], expected.mesh[33][1] - expected.mesh[263][1])
                let centre = (expected.roi.center_x, expected.roi.center_y)
                guard let mesh = faces.compactMap(\.mesh).min(by: {
                    hypot($0[1].x - centre.0, $0[1].y - centre.1) < hypot($1[1].x - centre.0, $1[1].y - centre.1)
                }) else {
                    XCTFail("\(photo.image): no mesh near \(centre)")
                    continue
                }
                let mean = zip(mesh, expected.mesh).map { hypot($0.x - $1[0], $0.y - $1[1]) }.reduce(0, +) / Double(mesh.count)
                worst = max(worst, mean / eyes)
            }
            result[photo.image] = worst
        }
        return result
    }

    func testRefinedMeshIsWithinFivePercentOfTheInterOcularDistance() throws {
        let before = try errors(passes: 0)
        let after = try errors(passes: 1)
        let twice = try errors(passes: 2)
        for name in before.keys.sorted() {
            print(String(format: "mesh vs MediaPipe, %@: %.2f%% of the inter-ocular distance unrefined, %.2f%% refined once, %.2f%% twice",
                         name, 100 * before[name]!, 100 * after[name]!, 100 * twice[name]!))
            XCTAssertLessThan(after[name]!, 0.05, name)
            XCTAssertLessThan(twice[name]!, 0.05, name)
        }
    }

    /// With BlazeFace taking part, a face it finds gets MediaPipe's own region and one mesh run, whatever the
    /// number of refinement passes: the mesh is the reference pipeline's up to the networks' arithmetic.
    func testMeshFromBlazeFaceRegionIsMediaPipes() throws {
        for (name, error) in try errors(passes: 2, kind: .both).sorted(by: { $0.key < $1.key }) {
            print(String(format: "mesh vs MediaPipe, %@, detector both: %.2f%% of the inter-ocular distance", name, 100 * error))
            XCTAssertLessThan(error, 0.02, name)
        }
    }

    func testRegionFromMeshIsMediaPipes() {
        // An upright square of points: bounding box 100..200 x 50..170, eyes level.
        var points = [FaceMesh.Point](repeating: FaceMesh.Point(x: 150, y: 100, z: 0), count: FaceMesh.pointCount)
        points[0] = FaceMesh.Point(x: 100, y: 50, z: 0)
        points[1] = FaceMesh.Point(x: 200, y: 170, z: 0)
        points[33] = FaceMesh.Point(x: 120, y: 90, z: 0)
        points[263] = FaceMesh.Point(x: 180, y: 90, z: 0)
        let roi = FaceMeshROI(mesh: points)
        XCTAssertEqual(roi, FaceMeshROI(centerX: 150, centerY: 110, size: 180, rotation: 0))
        // Eyes turned: 263 below 33 by 45 degrees gives a clockwise rotation of pi / 4.
        points[263] = FaceMesh.Point(x: 180, y: 150, z: 0)
        XCTAssertEqual(FaceMeshROI(mesh: points)?.rotation ?? 0, Double.pi / 4, accuracy: 1e-12)
        XCTAssertNil(FaceMeshROI(mesh: Array(points.prefix(10))))
    }

    func testRegionFromBlazeFaceDetectionIsMediaPipes() throws {
        // Box 100..180 x 200..260, eyes (120, 220) and (160, 260): face-detection-tflite's face_detection_to_roi
        // gives centre (140, 230), side 1.5 * 80 = 120 and a clockwise rotation of pi / 4.
        let keypoints = [(120.0, 220.0), (160.0, 260.0), (140, 240), (140, 250), (95, 230), (185, 230)]
            .map { DetectedFace.Point(x: $0.0, y: $0.1) }
        let detection = BlazeFaceDetector.Detection(box: DetectedFace.Box(x: 100, y: 200, width: 80, height: 60),
                                                    score: 0.9, keypoints: keypoints)
        let roi = try XCTUnwrap(FaceMeshROI(blazeFace: detection))
        XCTAssertEqual(roi.centerX, 140, accuracy: 1e-12)
        XCTAssertEqual(roi.centerY, 230, accuracy: 1e-12)
        XCTAssertEqual(roi.size, 120, accuracy: 1e-12)
        XCTAssertEqual(roi.rotation, Double.pi / 4, accuracy: 1e-12)

        // A face both detectors found keeps MTCNN's box and points for output and BlazeFace's detection for the
        // mesh region; a face MTCNN alone found keeps the region from its own box and eyes.
        var mtcnn = DetectedFace(box: DetectedFace.Box(x: 98, y: 190, width: 84, height: 90), score: 0.99,
                                 landmarks: Array(keypoints.prefix(5)))
        mtcnn.detector = .mtcnn
        let fused = CombinedFaceDetector.fuse([mtcnn, CombinedFaceDetector.face(from: detection)], overlap: 0.5)
        XCTAssertEqual(fused.count, 1)
        XCTAssertEqual(fused.first?.detector, .both)
        XCTAssertEqual(fused.first?.box, mtcnn.box)
        XCTAssertEqual(fused.first?.blazeFace, detection)
        let mesh = try FaceMesh()
        XCTAssertEqual(fused.first.flatMap { mesh.roi(for: $0) }, roi)
        XCTAssertEqual(mesh.roi(for: mtcnn), FaceMeshROI(box: mtcnn.box, leftEye: keypoints[0], rightEye: keypoints[1]))
        XCTAssertNotEqual(mesh.roi(for: mtcnn), roi)

        // Turned back from a quarter turn, the detection's box and keypoints are in the image's coordinates.
        var turned = CombinedFaceDetector.face(from: detection)
        turned = QuarterTurn.clockwise.mapBack(turned, turnedWidth: 400, turnedHeight: 300)
        XCTAssertEqual(turned.blazeFace?.box, QuarterTurn.clockwise.mapBack(detection.box, turnedWidth: 400, turnedHeight: 300))
        XCTAssertEqual(turned.blazeFace?.keypoints.first, QuarterTurn.clockwise.mapBack(keypoints[0], turnedWidth: 400, turnedHeight: 300))
    }
}
