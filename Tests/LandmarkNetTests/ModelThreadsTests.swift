@testable import LandmarkNet
import Foundation
import Kernels
import Tensor
import TestSupport
import XCTest

/// Each model runs on its own thread count: two models with different `threads` running at the same time do not
/// change each other's, and give the bits of a single-threaded run.
final class ModelThreadsTests: XCTestCase {
    private let directory = TestPaths.fixtures.appendingPathComponent("seed_tf1")

    /// The largest worker slot count among the plan's convolution kernels (the threads they split work over).
    private func convolutionWorkers(_ model: Model, _ feeds: [String: Tensor]) throws -> Int {
        let (executor, _) = try model.prepare(feeds, outputs: [model.outputs[0].name])
        XCTAssertEqual(executor.plan.context.workerCount, model.threadCount)
        let slots = executor.plan.steps.compactMap { ($0.kernel as? Conv2DStep)?.kernel.workerSlots }
        XCTAssertFalse(slots.isEmpty, "no convolution kernel in the plan")
        return slots.max() ?? 0
    }

    func testTwoModelsWithDifferentThreadCountsRunConcurrently() throws {
        let url = directory.appendingPathComponent("graph.pb")
        let input = try NPY.read(contentsOf: directory.appendingPathComponent("input_image_tensor.npy"))
        let reference = try Model(contentsOf: url, options: Model.Options(threads: 1))
        let feeds = [reference.inputs[0].name: input]
        let output = reference.outputs[0].name
        let expected = try XCTUnwrap(try reference.run(feeds)[output]).withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }

        let one = try Model(contentsOf: url, options: Model.Options(threads: 1))
        let two = try Model(contentsOf: url, options: Model.Options(threads: 2))
        XCTAssertEqual(one.threadCount, 1)
        XCTAssertEqual(two.threadCount, 2)
        let mismatches = Counter()
        DispatchQueue.concurrentPerform(iterations: 2) { m in
            let model = m == 0 ? one : two
            for _ in 0..<4 {
                let bits = (try? model.run(feeds)[output])?.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
                if bits != expected { mismatches.add() }
            }
        }
        XCTAssertEqual(mismatches.value, 0, "runs that differ from the single-threaded run")
        // Each kept its own: the 1-thread model's convolutions use one worker slot, the 2-thread model's two.
        XCTAssertEqual(one.threadCount, 1)
        XCTAssertEqual(two.threadCount, 2)
        XCTAssertEqual(try convolutionWorkers(one, feeds), 1)
        XCTAssertEqual(try convolutionWorkers(two, feeds), 2)
    }

    /// Thread counts are clamped to at least 1; nil means the active processor count.
    func testThreadCountIsClampedAndDefaultsToTheProcessorCount() throws {
        let url = directory.appendingPathComponent("graph.pb")
        XCTAssertEqual(try Model(contentsOf: url, options: Model.Options(threads: 0)).threadCount, 1)
        XCTAssertEqual(try Model(contentsOf: url, options: Model.Options(threads: -3)).threadCount, 1)
        XCTAssertEqual(try Model(contentsOf: url).threadCount, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
}

/// A count several threads add to.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
