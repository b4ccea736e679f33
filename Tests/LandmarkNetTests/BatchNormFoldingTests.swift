import Foundation
import GraphDefReader
import LandmarkNet
import XCTest

/// A batch norm folded into the convolution before it: the folded weight is `w * scale / sqrt(variance + epsilon)`
/// computed in double and rounded to float once. Rounding the scale to float first, then the product, leaves an
/// error of up to an ulp in every weight, which deep random networks (RegNetY, EfficientNetV2) amplify.
final class BatchNormFoldingTests: XCTestCase {
    func testFoldedWeightIsRoundedOnce() throws {
        // Values for which the two roundings differ by one ulp (found by a search; see the float path below).
        let w: Float = 0.547_846_73, scale: Float = 0.769_786_7, variance: Float = 0.540_973_54, epsilon: Float = 0.001
        var g = GraphBuilder()
        g.placeholder("x", shape: [1, 1, 1, 1])
        g.const("w", [w], shape: [1, 1, 1, 1])
        g.op("conv", "Conv2D", ["x", "w"], ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("VALID".utf8))])
        g.const("scale", [scale], shape: [1])
        g.const("offset", [0], shape: [1])
        g.const("mean", [0], shape: [1])
        g.const("variance", [variance], shape: [1])
        g.op("bn", "FusedBatchNormV3", ["conv", "scale", "offset", "mean", "variance"],
             ["epsilon": .float(epsilon), "is_training": .bool(false), "U": .type(.float)])
        let model = try g.model()
        let y = try model.run(["x": Tensor(shape: [1, 1, 1, 1], scalars: [Float(1)])], outputs: ["bn"])["bn"]
        let once = Float(Double(w) * (Double(scale) / (Double(variance) + Double(epsilon)).squareRoot()))
        let twice = w * (scale / (variance + epsilon).squareRoot())
        XCTAssertNotEqual(once, twice, "the values no longer tell the two roundings apart")
        XCTAssertEqual(try y?.scalars(as: Float.self), [once])
    }
}
