import Dispatch
import Foundation
@testable import Kernels
import XCTest

/// `ParallelWork.run` on the worker pool: every task exactly once, worker indices unique and in range, and the
/// fallbacks (a parallel region inside a task, several callers at once, sleeping helpers) still run everything.
final class ParallelWorkTests: XCTestCase {
    /// Counts, per task, how often it ran, and checks that no two running bodies share a worker index.
    private final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var runs: [Int]
        private var activeWorkers = Set<Int>()
        private(set) var problems: [String] = []

        init(tasks: Int) { runs = [Int](repeating: 0, count: tasks) }

        func begin(task: Int, worker: Int, workers: Int) {
            lock.lock()
            defer { lock.unlock() }
            runs[task] += 1
            if worker < 0 || worker >= workers { problems.append("worker \(worker) out of 0..<\(workers)") }
            if !activeWorkers.insert(worker).inserted { problems.append("worker \(worker) ran two tasks at once") }
        }

        func end(worker: Int) {
            lock.lock()
            activeWorkers.remove(worker)
            lock.unlock()
        }
    }

    private final class FailureCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    private static func spin(_ iterations: Int) -> Int {
        var x = 0
        for i in 0..<iterations { x = x &* 31 &+ i }
        return x
    }

    func testEveryTaskRunsOnceWithUniqueWorkers() {
        for workers in [2, 3, 4] {
            for tasks in [1, 2, 3, 7, 64] {
                for _ in 0..<20 {
                    let ledger = Ledger(tasks: tasks)
                    ParallelWork.run(taskCount: tasks, workers: workers) { task, worker in
                        ledger.begin(task: task, worker: worker, workers: min(workers, tasks))
                        _ = Self.spin(2_000)
                        ledger.end(worker: worker)
                    }
                    XCTAssertEqual(ledger.runs, [Int](repeating: 1, count: tasks), "workers \(workers) tasks \(tasks)")
                    XCTAssertEqual(ledger.problems, [], "workers \(workers) tasks \(tasks)")
                }
            }
        }
    }

    /// A parallel region inside a task finds the pool owned and runs on Dispatch instead.
    func testNestedRegionRunsEverything() {
        let outer = Ledger(tasks: 4)
        let inner = NSLock()
        var innerRuns = [Int](repeating: 0, count: 4 * 8)
        ParallelWork.run(taskCount: 4, workers: 2) { task, worker in
            outer.begin(task: task, worker: worker, workers: 2)
            ParallelWork.run(taskCount: 8, workers: 2) { subtask, _ in
                inner.lock()
                innerRuns[task * 8 + subtask] += 1
                inner.unlock()
            }
            outer.end(worker: worker)
        }
        XCTAssertEqual(outer.runs, [1, 1, 1, 1])
        XCTAssertEqual(outer.problems, [])
        XCTAssertEqual(innerRuns, [Int](repeating: 1, count: 32))
    }

    /// Several threads calling at once: one owns the pool, the others fall back; nothing is lost or doubled.
    func testConcurrentCallers() {
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: 16) { caller in
            for round in 0..<10 {
                let tasks = 1 + (caller + round) % 9
                let ledger = Ledger(tasks: tasks)
                ParallelWork.run(taskCount: tasks, workers: 2) { task, worker in
                    ledger.begin(task: task, worker: worker, workers: 2)
                    _ = Self.spin(500)
                    ledger.end(worker: worker)
                }
                if ledger.runs != [Int](repeating: 1, count: tasks) || !ledger.problems.isEmpty { failures.add() }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    /// After the helpers have gone to sleep (100 µs without work), the next region wakes them.
    func testHelpersWakeAfterSleeping() {
        for _ in 0..<5 {
            usleep(2_000)
            let ledger = Ledger(tasks: 6)
            ParallelWork.run(taskCount: 6, workers: 2) { task, worker in
                ledger.begin(task: task, worker: worker, workers: 2)
                _ = Self.spin(20_000)
                ledger.end(worker: worker)
            }
            XCTAssertEqual(ledger.runs, [Int](repeating: 1, count: 6))
            XCTAssertEqual(ledger.problems, [])
        }
    }
}
