@testable import LandmarkNet
import Foundation
import Tensor
import TestSupport
import XCTest

/// The parts of execution: arena placement by liveness, the plan cache's bound, and pooled run states.
final class ExecutionPartsTests: XCTestCase {
    /// Buffers living at the same time never share bytes; one whose lifetime ends before another's starts may.
    func testArenaLayoutSeparatesOnlyBuffersAliveTogether() {
        let buffers: [ArenaLayout.Buffer] = [
            .init(size: 256, first: 0, last: 1), .init(size: 128, first: 1, last: 2), .init(size: 256, first: 2, last: 3),
            .init(size: 64, first: 3, last: 5), .init(size: 0, first: 0, last: 5), .init(size: 512, first: 4, last: 5),
        ]
        let layout = ArenaLayout(buffers)
        XCTAssertEqual(layout.offsets.count, buffers.count)
        for i in buffers.indices {
            XCTAssertLessThanOrEqual(layout.offsets[i] + buffers[i].size, layout.byteCount)
            for j in buffers.indices where j > i && buffers[i].size > 0 && buffers[j].size > 0 {
                let together = buffers[i].first <= buffers[j].last && buffers[j].first <= buffers[i].last
                let overlap = layout.offsets[i] < layout.offsets[j] + buffers[j].size
                    && layout.offsets[j] < layout.offsets[i] + buffers[i].size
                XCTAssertFalse(together && overlap, "buffers \(i) and \(j)")
            }
        }
        // Buffer 0 (steps 0-1) and buffer 2 (steps 2-3) share their bytes; the arena is smaller than the sum.
        XCTAssertEqual(layout.offsets[0], layout.offsets[2])
        XCTAssertLessThan(layout.byteCount, buffers.reduce(0) { $0 + $1.size })
    }

    /// The cache keeps its most recent plans only, and hands out the same executor for the same key.
    func testPlanCacheKeepsTheMostRecentPlans() throws {
        let url = TestPaths.fixtures.appendingPathComponent("seed_tf1/graph.pb")
        let model = try Model(contentsOf: url)
        let cache = PlanCache(capacity: 2)
        var made = 0
        func executor(_ name: String) throws -> PlanExecutor {
            try cache.executor(for: PlanCache.Key(feeds: [name], types: [], outputs: [])) { () throws(LandmarkError) in
                made += 1
                return try model.executor(feedNames: [model.inputs[0].name], types: [TensorType(.uint8, [128, 128, 3])],
                                          outputs: [model.outputs[0].name])
            }
        }
        let a = try executor("a")
        XCTAssertTrue(try executor("a") === a)
        _ = try executor("b")
        _ = try executor("c")  // evicts "a"
        XCTAssertEqual(made, 3)
        _ = try executor("a")
        XCTAssertEqual(made, 4)
        _ = try executor("c")
        XCTAssertEqual(made, 4)
    }

    /// Runs of one plan from several threads at once each get their own state and the bits of a lone run.
    func testConcurrentRunsOfOnePlanGiveTheBitsOfALoneRun() throws {
        let directory = TestPaths.fixtures.appendingPathComponent("seed_tf1")
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let input = try NPY.read(contentsOf: directory.appendingPathComponent("input_image_tensor.npy"))
        let feeds = [model.inputs[0].name: input]
        @Sendable func bits() throws -> [UInt32] {
            let output = try XCTUnwrap(try model.run(feeds)[model.outputs[0].name])
            return output.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
        }
        let alone = try bits()
        let results = UnsafeSendableBox([[UInt32]](repeating: [], count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let result = (try? bits()) ?? []
            results.lock.withLock { results.value[i] = result }
        }
        for (i, result) in results.value.enumerated() { XCTAssertEqual(result, alone, "thread \(i)") }
    }
}

/// A value several threads write under its lock.
private final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
