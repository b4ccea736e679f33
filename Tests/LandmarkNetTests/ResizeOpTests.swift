import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import XCTest

/// What TensorFlow refuses of the resize ops is refused at load, naming the node; numerics against TensorFlow are in
/// the fixtures (`resize_*`).
final class ResizeOpTests: XCTestCase {
    private func resizeGraph(_ op: String, alignCorners: Bool, halfPixelCenters: Bool, size: [Int32] = [4, 6]) -> GraphBuilder {
        var g = GraphBuilder()
        g.placeholder("x", shape: [1, 3, 5, 2])
        g.constInt("size", size, shape: [2])
        g.op("resize", op, ["x", "size"], ["align_corners": .bool(alignCorners), "half_pixel_centers": .bool(halfPixelCenters)])
        return g
    }

    func testAlignCornersWithHalfPixelCentersIsRefusedAsTensorFlowDoes() {
        for op in ["ResizeBilinear", "ResizeNearestNeighbor"] {
            let text = message { _ = try resizeGraph(op, alignCorners: true, halfPixelCenters: true).model() }
            XCTAssertTrue(text.contains("node 'resize' (\(op))"), text)
            XCTAssertTrue(text.contains("If half_pixel_centers is True, align_corners must be False."), text)
        }
    }

    func testNonPositiveSizesAreRefused() throws {
        let text = message {
            let model = try resizeGraph("ResizeBilinear", alignCorners: false, halfPixelCenters: false, size: [0, 4]).model()
            _ = try model.run(["x": try Tensor(zeros: .float32, shape: [1, 3, 5, 2])])
        }
        XCTAssertTrue(text.contains("node 'resize' (ResizeBilinear)") && text.contains("positive"), text)
    }

    /// Resizing to the input's own size copies it, in every mode TensorFlow accepts.
    func testResizingToTheSameSizeIsTheIdentity() throws {
        let values = (0..<30).map { Float($0) * 0.25 - 3 }
        let x = try Tensor(shape: [1, 3, 5, 2], scalars: values)
        for op in ["ResizeBilinear", "ResizeNearestNeighbor", "ResizeArea"] {
            for (align, half) in [(false, false), (true, false), (false, true)] where !(op == "ResizeArea" && half) {
                let model = try resizeGraph(op, alignCorners: align, halfPixelCenters: half, size: [3, 5]).model()
                let y = try model.run(["x": x])["resize"]!
                XCTAssertEqual(try y.scalars(as: Float.self), values, "\(op) align \(align) half \(half)")
            }
        }
    }
}
