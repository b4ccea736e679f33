import Foundation
import GraphDefReader
import LandmarkNet
import XCTest

/// Fed tensors that do not fit their placeholders are reported by name; NaN and infinities are data, not
/// errors: they flow through every kernel as TensorFlow lets them, and nothing traps on them.
final class FeedHostileTests: XCTestCase {
    private static let nhwc1: AttrValue = .ints([1, 1, 1, 1])

    private func message(_ body: () throws -> Void) -> String {
        thrownError(body).map { "\($0)" } ?? "no error"
    }

    func testFeedsThatDoNotFitThePlaceholder() throws {
        var g = HostileGraph()
        g.placeholder("x", shape: [-1, 3])
        g.op("out", "Relu", ["x"])
        let model = try Model(data: Data(g.bytes))
        XCTAssertEqual(message { _ = try model.run(["x": Tensor(zeros: .int32, shape: [1, 3])]) },
                       "input 'x' expects float32, got int32")
        XCTAssertEqual(message { _ = try model.run(["x": Tensor(zeros: .float32, shape: [3])]) },
                       "input 'x' expects shape [?,3], got [3]")
        XCTAssertEqual(message { _ = try model.run(["x": Tensor(zeros: .float32, shape: [2, 4])]) },
                       "input 'x' expects shape [?,3], got [2,4]")
        XCTAssertEqual(message { _ = try model.run(["y": Tensor(zeros: .float32, shape: [1, 3])]) },
                       "fed tensor 'y' is not a placeholder of the graph")
        XCTAssertEqual(message { _ = try model.run(["out": Tensor(zeros: .float32, shape: [1, 3])]) },
                       "fed tensor 'out' is not a placeholder of the graph")
        XCTAssertTrue(message { _ = try model.run([:]) }.contains("input 'x' (float32[?,3]) was not fed"))
        let x = try Tensor(zeros: .float32, shape: [1, 3])
        XCTAssertEqual(message { _ = try model.run(["x": x], outputs: ["ghost"]) }, "the graph has no node named 'ghost'")
        XCTAssertTrue(message { _ = try model.run(["x": x], outputs: ["out:1"]) }.contains("output 'out:1' does not exist"))
        XCTAssertTrue(message { _ = try model.run(["x": x], outputs: ["^out"]) }.contains("is not a tensor name"))
        // Wrong feeds leave the model usable.
        XCTAssertEqual(try model.run(["x": x])["out"]?.shape, [1, 3])
    }

    func testEmptyFeedWithAHugeUnknownDimension() throws {
        var g = HostileGraph()
        g.placeholder("x", shape: [-1, -1])
        g.op("out", "Relu", ["x"])
        let model = try Model(data: Data(g.bytes))
        let hostile = try Tensor(zeros: .float32, shape: [0, 1 << 60])
        XCTAssertTrue(message { _ = try model.run(["x": hostile]) }.contains("input 'x' float32[0,1152921504606846976] exceeds the tensor size limit"))
    }

    /// A graph touching every kind of kernel, fed NaN, infinities, signed zeros and extremes.
    func testNaNAndInfinityPassThroughEveryKernel() throws {
        var g = HostileGraph()
        g.placeholder("x", shape: [1, 4, 4, 2])
        g.const("w", (0..<18).map { Float($0) / 10 - 0.5 }, shape: [3, 3, 2, 1])
        g.const("b", [0.5], shape: [1])
        g.op("conv", "Conv2D", ["x", "w"], ["strides": Self.nhwc1, "padding": .text("SAME")])
        g.op("bias", "BiasAdd", ["conv", "b"])
        g.op("relu", "Relu", ["bias"])
        g.op("max", "MaxPool", ["x"], ["ksize": .ints([1, 2, 2, 1]), "strides": .ints([1, 2, 2, 1]), "padding": .text("VALID")])
        g.op("avg", "AvgPool", ["x"], ["ksize": .ints([1, 3, 3, 1]), "strides": Self.nhwc1, "padding": .text("SAME")])
        g.constInt("flat", [1, 32], shape: [2])
        g.op("flatten", "Reshape", ["x", "flat"])
        g.const("dense", (0..<64).map { Float($0 % 7) - 3 }, shape: [32, 2])
        g.op("mm", "MatMul", ["flatten", "dense"])
        g.op("softmax", "Softmax", ["mm"])
        g.constInt("axes", [1, 2], shape: [2])
        g.op("mean", "Mean", ["x", "axes"], ["Tidx": .type(.int32)])
        for op in ["Sigmoid", "Tanh", "Exp", "Sqrt", "Rsqrt", "Elu", "Relu6", "Abs", "Neg", "Square"] {
            g.op(op.lowercased(), op, ["x"])
        }
        g.op("cast", "Cast", ["x"], ["SrcT": .type(.float), "DstT": .type(.int32)])
        g.op("cast8", "Cast", ["x"], ["SrcT": .type(.float), "DstT": .type(.uint8)])
        g.op("half", "Cast", ["x"], ["SrcT": .type(.float), "DstT": .type(.half)])
        let model = try Model(data: Data(g.bytes))

        let specials: [Float] = [.nan, .infinity, -.infinity, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 .leastNonzeroMagnitude, 1, -1, 0, 3.5, -2.25, .nan, .infinity, 1e30, -1e30]
        let x = try Tensor(shape: [1, 4, 4, 2], scalars: specials + specials.reversed())
        let names = model.outputs.map(\.name) + ["mm", "conv"]
        let results = try model.run(["x": x], outputs: names)
        XCTAssertEqual(results.count, names.count)

        let max = try XCTUnwrap(results["max"]).scalars(as: Float.self)
        XCTAssertEqual(max.count, 8)
        // Relu of NaN is NaN, as in TensorFlow (the NaN inputs reach the conv outputs); everything else is >= 0.
        let relu = try XCTUnwrap(results["relu"]).scalars(as: Float.self)
        XCTAssertTrue(relu.allSatisfy { $0.isNaN || $0 >= 0 })
        XCTAssertTrue(relu.contains { $0.isNaN }, "NaN propagates through Conv2D+BiasAdd+Relu")
        XCTAssertTrue(try XCTUnwrap(results["mm"]).scalars(as: Float.self).contains { $0.isNaN }, "NaN propagates through MatMul")
        XCTAssertTrue(try XCTUnwrap(results["softmax"]).scalars(as: Float.self).allSatisfy { $0.isNaN || (0...1).contains($0) })
        // Casts to integers saturate and send NaN to 0 instead of trapping.
        let cast = try XCTUnwrap(results["cast"]).scalars(as: Int32.self)
        XCTAssertEqual(Array(cast.prefix(6)), [0, .max, .min, 0, .max, .min])
        let cast8 = try XCTUnwrap(results["cast8"]).scalars(as: UInt8.self)
        XCTAssertEqual(Array(cast8.prefix(4)), [0, 255, 0, 0])
        XCTAssertTrue(try XCTUnwrap(results["sqrt"]).scalars(as: Float.self)[0].isNaN)
        XCTAssertEqual(try XCTUnwrap(results["exp"]).scalars(as: Float.self)[1], .infinity)
        XCTAssertEqual(try XCTUnwrap(results["exp"]).scalars(as: Float.self)[2], 0)
        let relu6 = try XCTUnwrap(results["relu6"]).scalars(as: Float.self)
        XCTAssertTrue(zip(x.doubleValues(), relu6).allSatisfy { $0.0.isNaN ? $0.1.isNaN : (0...6).contains($0.1) })
    }

    func testIntegerExtremesWrapInsteadOfTrapping() throws {
        var g = HostileGraph()
        g.placeholder("i", .int32, shape: [4])
        g.op("sum", "AddV2", ["i", "i"], ["T": .type(.int32)])
        g.op("product", "Mul", ["i", "i"], ["T": .type(.int32)])
        g.op("negated", "Neg", ["i"], ["T": .type(.int32)])
        let model = try Model(data: Data(g.bytes))
        let i = try Tensor(shape: [4], scalars: [Int32.max, Int32.min, -1, 0])
        let results = try model.run(["i": i])
        XCTAssertEqual(try results["sum"]?.scalars(as: Int32.self), [-2, 0, -2, 0])
        XCTAssertEqual(try results["product"]?.scalars(as: Int32.self), [1, 0, 1, 0])
        XCTAssertEqual(try results["negated"]?.scalars(as: Int32.self), [-Int32.max, Int32.min, 1, 0])
    }
}
