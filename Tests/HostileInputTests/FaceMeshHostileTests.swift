import FacePipeline
import Foundation
import GraphDefReader
import Images
import LandmarkNet
import XCTest

/// A graph handed to `FaceMesh(model:)` that has the right input but lies about its outputs, and batches of
/// regions beyond the model's tensor limit: typed errors, never a trap or a huge allocation.
final class FaceMeshHostileTests: XCTestCase {
    private var image: Image!

    override func setUpWithError() throws {
        image = try Image(width: 64, height: 64, channels: 3, pixels: [UInt8](repeating: 90, count: 64 * 64 * 3))
    }
    private let roi = FaceMeshROI(centerX: 32, centerY: 32, size: 40, rotation: 0.3)

    /// `input` [?, 192, 192, 3] -> Mean over H, W, C -> Reshape to `[-1, shape]` named `name`.
    private func graph(outputs: [(name: String, shape: [Int32])]) -> HostileGraph {
        var g = HostileGraph()
        g.placeholder("input", shape: [-1, 192, 192, 3])
        g.constInt("axes", [1, 2, 3], shape: [3])
        g.op("mean", "Mean", ["input", "axes"], ["Tidx": .type(.int32), "keep_dims": .bool(true)])
        for output in outputs {
            g.constInt("\(output.name)/shape", output.shape, shape: [Int64(output.shape.count)])
            g.op("\(output.name)/tile", "Reshape", ["mean", "\(output.name)/shape"])
            g.op(output.name, "Identity", ["\(output.name)/tile"])
        }
        return g
    }

    func testOutputsOfTheWrongSizeAreAnError() throws {
        // One value per face where 1404 are expected.
        let model = try Model(data: Data(graph(outputs: [("landmarks", [-1, 1]), ("presence_logit", [-1, 1])]).bytes))
        let mesh = try FaceMesh(model: model)
        XCTAssertThrowsError(try mesh.meshes(in: image, regions: [roi])) { error in
            XCTAssertTrue("\(error)".contains("do not hold 468 points"), "\(error)")
        }
    }

    func testMissingOutputsAreAnError() throws {
        let model = try Model(data: Data(graph(outputs: [("landmarks", [-1, 1])]).bytes))
        let mesh = try FaceMesh(model: model)
        XCTAssertThrowsError(try mesh.meshes(in: image, regions: [roi])) { error in
            XCTAssertTrue("\(error)".contains("presence_logit"), "\(error)")
        }
    }

    func testWrongInputIsRefusedAtConstruction() throws {
        var g = HostileGraph()
        g.placeholder("input", shape: [-1, 96, 96, 3])
        g.op("landmarks", "Identity", ["input"])
        XCTAssertThrowsError(try FaceMesh(model: Model(data: Data(g.bytes)))) { error in
            XCTAssertTrue("\(error)".contains("[N, 192, 192, 3]"), "\(error)")
        }
    }

    func testABatchBeyondTheTensorLimitFailsBeforeAllocating() throws {
        // 442 KB per face: a 1 MiB tensor limit takes two faces, not 1000.
        let limits = ModelLimits(maxTensorBytes: 1 << 20)
        let model = try Model(data: Data(graph(outputs: [("landmarks", [-1, 1]), ("presence_logit", [-1, 1])]).bytes),
                              options: Model.Options(limits: limits))
        let mesh = try FaceMesh(model: model)
        XCTAssertThrowsError(try mesh.meshes(in: image, regions: [FaceMeshROI](repeating: roi, count: 1000))) { error in
            XCTAssertTrue("\(error)".contains("tensor size limit"), "\(error)")
        }
    }

    func testCorruptPixelBufferIsAnError() throws {
        let mesh = try FaceMesh()
        var broken: Image = try XCTUnwrap(image)
        broken.pixels.removeLast(5)
        XCTAssertThrowsError(try mesh.meshes(in: broken, regions: [roi]))
        XCTAssertThrowsError(try FaceMesh.crop(broken, roi: roi))
        XCTAssertThrowsError(try FaceMesh.crop(image, roi: FaceMeshROI(centerX: .infinity, centerY: 0, size: 1, rotation: 0)))
    }
}
