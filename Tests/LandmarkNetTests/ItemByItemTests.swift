import Foundation
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// A batch runs its leading item-independent layers with large outputs item by item (see `ExecutionPlan`).
final class ItemByItemTests: XCTestCase {
    private let url = TestPaths.fixtures.appendingPathComponent("seed_keras/graph.pb")

    /// Items `range` of a float32 batch as a tensor of their own.
    private func items(_ batch: Tensor, _ range: Range<Int>) throws -> Tensor {
        let perItem = batch.byteCount / batch.shape[0]
        return try batch.withUnsafeBytes {
            try Tensor(dtype: batch.dtype, shape: [range.count] + batch.shape.dropFirst(),
                       bytes: UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound * perItem)..<(range.upperBound * perItem)]))
        }
    }

    private func floats(_ tensor: Tensor) -> [Float] {
        tensor.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// The Keras seed (normalization, then convolutions) on a batch of three: each item's output is the one that
    /// item gets alone, at 1 and 2 threads alike, and `bench` marks the steps run item by item.
    func testBatchGivesEachItemItsOwnResult() throws {
        let pair = try NPY.read(contentsOf: TestPaths.fixtures.appendingPathComponent("seed_keras/image_input.npy"))
        // Three items, the third a copy of the first, so that a mix-up between items shows.
        let first = try items(pair, 0..<1), second = try items(pair, 1..<2)
        let values = floats(first) + floats(second) + floats(first)
        let batch = try values.withUnsafeBytes {
            try Tensor(dtype: .float32, shape: [3] + pair.shape.dropFirst(), bytes: $0)
        }
        for threads in [1, 2] {
            let model = try Model(contentsOf: url, options: Model.Options(threads: threads))
            let name = model.inputs[0].name
            let output = model.outputs[0].name
            let together = try XCTUnwrap(try model.run([name: batch])[output])
            XCTAssertEqual(together.shape.first, 3)
            let alone = try [first, second, first].map { try XCTUnwrap(try model.run([name: $0])[output]) }
            for (index, item) in alone.enumerated() {
                let ours = floats(try items(together, index..<(index + 1))), expected = floats(item)
                let scale = expected.map(abs).max() ?? 1
                let difference = zip(ours, expected).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(difference, 1e-5 * scale, "item \(index), \(threads) threads")
            }
            let report = try model.benchmark([name: batch], iterations: 1, warmup: 0)
            // Normalization and the first convolution (3 x 126 x 126 x 8 outputs); the batch norm after it has
            // per-channel outputs as well, so the batch takes over from there.
            XCTAssertEqual(report.nodes.prefix(3).map { $0.algorithm ?? "" }.filter { $0.hasSuffix("per item") }.count, 3,
                           "\(report.nodes.prefix(4).map { "\($0.name) \($0.algorithm ?? "-")" })")
            XCTAssertFalse(report.nodes.dropFirst(3).contains { $0.algorithm?.contains("per item") ?? false })
            let single = try model.benchmark([name: first], iterations: 1, warmup: 0)
            XCTAssertFalse(single.nodes.contains { $0.algorithm?.contains("per item") ?? false }, "batch of one")
        }
    }
}
