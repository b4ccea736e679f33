@testable import FacePipeline
import Foundation
import TestSupport
import XCTest

// The README's library example, verbatim inside a function, so that it keeps compiling and running.
import Images
import LandmarkNet

func readmeExample(modelPath: String) throws -> [Float] {
    // --- README example begins ---
    let model = try Model(contentsOf: URL(fileURLWithPath: modelPath))
    print(model.inputs)   // [input_image_tensor: uint8[128,128,3]]
    print(model.outputs)  // [logits/BiasAdd: float32[1,136]]

    let pixels = [UInt8](repeating: 128, count: 128 * 128 * 3)   // RGB, row-major
    let image = try Tensor(shape: [128, 128, 3], scalars: pixels)
    let outputs = try model.run(["input_image_tensor": image], outputs: ["logits/BiasAdd"])
    let points = try outputs["logits/BiasAdd"]!.scalars(as: Float.self)   // 68 (x, y) pairs in [0, 1]
    // --- README example ends ---
    return points
}

func readmeFaceExample(modelPath: String, photoPath: String) throws -> [FaceLandmarker.Face] {
    var found: [FaceLandmarker.Face] = []
    // --- README example begins ---
    let landmarker = try FaceLandmarker(landmarkModel: LandmarkModel(Model(contentsOf: URL(fileURLWithPath: modelPath))))
    let photo = try Image(contentsOf: URL(fileURLWithPath: photoPath))   // import Images
    for face in try landmarker.faces(in: photo) {
        print(face.box, face.score, face.landmarks5, face.landmarks ?? [])
    // --- README example ends ---
        found.append(face)
    }
    return found
}

final class LibraryExampleTests: XCTestCase {
    func testReadmeExampleRuns() throws {
        let path = TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb").path
        let points = try readmeExample(modelPath: path)
        XCTAssertEqual(points.count, 136)
        XCTAssertTrue(points.allSatisfy { $0.isFinite })
    }

    func testReadmeFaceExampleRuns() throws {
        let faces = try readmeFaceExample(modelPath: TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb").path,
                                          photoPath: TestPaths.fixtures.appendingPathComponent("mtcnn/photos/astronaut.png").path)
        XCTAssertEqual(faces.count, 1)
        XCTAssertEqual(faces.first?.landmarks5.count, 5)
        XCTAssertEqual(faces.first?.landmarks?.count, 68)
    }

    func testReadmeContainsTheExamples() throws {
        let readme = try String(contentsOf: TestPaths.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        var rest = source[...]
        var examples = 0
        while let begin = rest.range(of: "// --- README example begins ---\n"), let end = rest.range(of: "    // --- README example ends ---") {
            for line in rest[begin.upperBound..<end.lowerBound].split(separator: "\n").map({ $0.dropFirst(4) }) {
                XCTAssertTrue(readme.contains(line), "README lacks the example line: \(line)")
            }
            rest = rest[end.upperBound...]
            examples += 1
        }
        XCTAssertEqual(examples, 2)
    }
}
