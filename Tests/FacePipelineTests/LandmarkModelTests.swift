@testable import FacePipeline
import Foundation
import Images
import LandmarkNet
import TestSupport
import XCTest

/// The seed model's face pipeline (crop, resize, run, map back) against the TensorFlow reference made by
/// scripts/seed_pipeline_reference.py.
final class LandmarkModelTests: XCTestCase {
    struct Reference: Decodable {
        struct Face: Decodable {
            var box: [Double]
            var crop: [Int]
            var points: [[Double]]
        }
        var photo: String
        var faces: [Face]
    }

    func testSeedPipelineMatchesTensorFlow() throws {
        let root = TestPaths.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: TestPaths.fixtures.appendingPathComponent("seed_pipeline/reference.json")))
        let image = try Image(contentsOf: root.appendingPathComponent(reference.photo))
        let landmarks = try LandmarkModel(Model(contentsOf: TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb")))
        XCTAssertEqual(landmarks.inputName, "input_image_tensor")
        XCTAssertEqual(landmarks.outputName, "logits/BiasAdd")
        XCTAssertFalse(landmarks.acceptsAnyBatch)
        let boxes = reference.faces.map { DetectedFace.Box(x: $0.box[0], y: $0.box[1], width: $0.box[2], height: $0.box[3]) }
        let results = try landmarks.landmarks(in: image, boxes: boxes)
        for (face, points) in zip(reference.faces, results) {
            let region = LandmarkModel.cropRegion(for: DetectedFace.Box(x: face.box[0], y: face.box[1], width: face.box[2], height: face.box[3]),
                                                  imageWidth: image.width, imageHeight: image.height)
            XCTAssertEqual(region.map { [$0.x, $0.y, $0.width, $0.height] }, face.crop)
            XCTAssertEqual(points.count, 68)
            let tolerance = 1e-3 * Double(max(face.crop[2], face.crop[3]))
            for (ours, theirs) in zip(points, face.points) {
                XCTAssertEqual(ours.x, theirs[0], accuracy: tolerance)
                XCTAssertEqual(ours.y, theirs[1], accuracy: tolerance)
            }
        }
    }

    func testBoxesOutsideTheImageGiveNoCrop() {
        XCTAssertNil(LandmarkModel.cropRegion(for: .init(x: 1000, y: 1000, width: 50, height: 50), imageWidth: 100, imageHeight: 100))
        XCTAssertNil(LandmarkModel.cropRegion(for: .init(x: .nan, y: 0, width: 50, height: 50), imageWidth: 100, imageHeight: 100))
        XCTAssertNil(LandmarkModel.cropRegion(for: .init(x: 0, y: 0, width: 1e300, height: -1), imageWidth: 100, imageHeight: 100))
        // Shifted down by 10% of 1e300, this box starts far below the image.
        XCTAssertNil(LandmarkModel.cropRegion(for: .init(x: 0, y: 0, width: 1e300, height: 1e300), imageWidth: 100, imageHeight: 100))
        XCTAssertEqual(LandmarkModel.cropRegion(for: .init(x: -50, y: -60, width: 200, height: 200), imageWidth: 100, imageHeight: 100),
                       PixelRegion(x: 0, y: 0, width: 100, height: 100))
    }
}
