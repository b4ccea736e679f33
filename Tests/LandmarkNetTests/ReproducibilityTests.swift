import Foundation
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// The same input gives the same bits whatever ran before: on its 1st and its 40th run, and on two models that
/// were first run on different inputs and then ran their inputs in different orders.
final class ReproducibilityTests: XCTestCase {
    private let directory = TestPaths.fixtures.appendingPathComponent("seed_tf1")

    /// Eight different uint8 images of the seed graph's input shape: the fixture image, and seven variations of
    /// it (inverted, shifted, darkened, with pseudo-random noise of different seeds).
    private func inputs() throws -> [Tensor] {
        let image = try NPY.read(contentsOf: directory.appendingPathComponent("input_image_tensor.npy"))
        let pixels: [UInt8] = image.withUnsafeBytes { Array($0) }
        var variants: [[UInt8]] = [pixels, pixels.map { 255 - $0 }, Array(pixels.dropFirst(3 * 128 * 5) + pixels.prefix(3 * 128 * 5)),
                                   pixels.map { $0 / 2 }]
        for seed in 1...4 {
            var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
            variants.append(pixels.map { value in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let noise = Int(state >> 59) - 16  // -16 ..< 16
                return UInt8(clamping: Int(value) + noise * seed)
            })
        }
        return try variants.map { bytes in
            try bytes.withUnsafeBytes { try Tensor(dtype: image.dtype, shape: image.shape, bytes: $0) }
        }
    }

    /// The output's bits.
    private func bits(_ model: Model, _ input: Tensor) throws -> [UInt32] {
        let output = try XCTUnwrap(try model.run([model.inputs[0].name: input])[model.outputs[0].name])
        return output.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
    }

    /// How many values' bits differ (all of them when the counts differ).
    private func differences(_ a: [UInt32], _ b: [UInt32]) -> Int {
        a.count == b.count ? zip(a, b).filter { $0 != $1 }.count : max(a.count, b.count)
    }

    func testSeedGraphGivesTheSameBitsWhateverRanBefore() throws {
        let url = directory.appendingPathComponent("graph.pb")
        let inputs = try inputs()
        let first = try Model(contentsOf: url), second = try Model(contentsOf: url)
        // Warmed on different inputs: the first model on input 0, the second on input 7.
        try first.warmUp([first.inputs[0].name: inputs[0]])
        try second.warmUp([second.inputs[0].name: inputs[7]])
        var expected = [[UInt32]?](repeating: nil, count: inputs.count)
        var runsOfInput0 = 0
        var firstRunOfInput0: [UInt32]?
        let orders: [[Int]] = [Array(0..<8), Array((0..<8).reversed()), [3, 6, 1, 4, 7, 2, 5, 0], [5, 2, 7, 0, 3, 6, 1, 4]]
        for round in 0..<3 {
            for (m, model) in [first, second].enumerated() {
                for i in orders[(round + m) % orders.count] {
                    let result = try bits(model, inputs[i])
                    if let known = expected[i] {
                        XCTAssertEqual(differences(result, known), 0, "input \(i), round \(round), model \(m)")
                    } else {
                        expected[i] = result
                    }
                    if m == 0 && i == 0 {
                        runsOfInput0 += 1
                        if firstRunOfInput0 == nil { firstRunOfInput0 = result }
                    }
                }
            }
        }
        XCTAssertEqual(Set(expected.compactMap { $0 }).count, inputs.count, "the eight inputs give eight different outputs")
        // Input 0's 40th run on the first model (its warm-up run not counted) against its 1st.
        for _ in runsOfInput0..<39 { _ = try bits(first, inputs[0]) }
        XCTAssertEqual(differences(try bits(first, inputs[0]), try XCTUnwrap(firstRunOfInput0)), 0,
                       "input 0: 40th run against the 1st")
    }
}
