import Foundation
import XCTest

// The README's library example, verbatim inside a function, so that it keeps compiling and running.
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

final class LibraryExampleTests: XCTestCase {
    func testReadmeExampleRuns() throws {
        let path = FixtureTests.fixtures.appendingPathComponent("seed_tf1/graph.pb").path
        let points = try readmeExample(modelPath: path)
        XCTAssertEqual(points.count, 136)
        XCTAssertTrue(points.allSatisfy { $0.isFinite })
    }

    func testReadmeContainsTheExample() throws {
        let readme = try String(contentsOf: FixtureTests.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = source.range(of: "// --- README example begins ---\n")!.upperBound
        let end = source.range(of: "    // --- README example ends ---")!.lowerBound
        let lines = source[begin..<end].split(separator: "\n").map { $0.dropFirst(4) }
        for line in lines {
            XCTAssertTrue(readme.contains(line), "README lacks the example line: \(line)")
        }
    }
}
