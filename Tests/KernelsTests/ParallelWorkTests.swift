import Dispatch
import Foundation
@testable import Kernels
import XCTest

/// `ParallelWork.run` on a worker pool: every task exactly once, worker indices unique and in range, and the
/// fallbacks (a parallel region inside a task, several callers at once, sleeping helpers) still run everything;
/// a context's worker count bounds the workers, and its helpers end with it.
final class ParallelWorkTests: XCTestCase {
    private let pool = WorkerPool()

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
                    ParallelWork.run(taskCount: tasks, workers: workers, pool: pool) { task, worker in
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
        ParallelWork.run(taskCount: 4, workers: 2, pool: pool) { task, worker in
            outer.begin(task: task, worker: worker, workers: 2)
            ParallelWork.run(taskCount: 8, workers: 2, pool: pool) { subtask, _ in
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
        let pool = self.pool
        DispatchQueue.concurrentPerform(iterations: 16) { caller in
            for round in 0..<10 {
                let tasks = 1 + (caller + round) % 9
                let ledger = Ledger(tasks: tasks)
                ParallelWork.run(taskCount: tasks, workers: 2, pool: pool) { task, worker in
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
            ParallelWork.run(taskCount: 6, workers: 2, pool: pool) { task, worker in
                ledger.begin(task: task, worker: worker, workers: 2)
                _ = Self.spin(20_000)
                ledger.end(worker: worker)
            }
            XCTAssertEqual(ledger.runs, [Int](repeating: 1, count: 6))
            XCTAssertEqual(ledger.problems, [])
        }
    }

    /// More threads than cores: four contexts of three workers, each driven by its own thread through many small
    /// jobs, so that helpers are often descheduled while their owner finishes. Every job still runs each task
    /// once, on unique worker indices below its thread count, and returns only when all its tasks are done.
    func testOversubscribedPoolsRunEveryTaskOnce() {
        let failures = FailureCount()
        let contexts = (0..<4).map { _ in ComputeContext(workerCount: 3) }
        DispatchQueue.concurrentPerform(iterations: contexts.count) { c in
            for round in 0..<150 {
                let tasks = 1 + (round * 7 + c) % 12
                let ledger = Ledger(tasks: tasks)
                let finished = FailureCount()
                contexts[c].forEachTask(tasks) { task, worker in
                    ledger.begin(task: task, worker: worker, workers: 3)
                    _ = Self.spin(200 * (1 + task % 3))
                    ledger.end(worker: worker)
                    finished.add()
                }
                if finished.value != tasks || ledger.runs != [Int](repeating: 1, count: tasks) || !ledger.problems.isEmpty {
                    failures.add()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    /// A context's parallel regions use at most its worker count of distinct worker indices, whatever the task count.
    func testContextBoundsTheWorkers() {
        for workers in [1, 2, 3] {
            let context = ComputeContext(workerCount: workers)
            XCTAssertEqual(context.workerCount, workers)
            let ledger = Ledger(tasks: 32)
            let seen = WorkerSet()
            context.forEachTask(32) { task, worker in
                ledger.begin(task: task, worker: worker, workers: workers)
                seen.insert(worker)
                _ = Self.spin(20_000)
                ledger.end(worker: worker)
            }
            XCTAssertEqual(ledger.runs, [Int](repeating: 1, count: 32))
            XCTAssertEqual(ledger.problems, [])
            XCTAssertLessThanOrEqual(seen.count, workers)
        }
        XCTAssertEqual(ComputeContext(workerCount: 0).workerCount, 1)
        XCTAssertEqual(ComputeContext(workerCount: -5).workerCount, 1)
        XCTAssertEqual(ComputeContext(workerCount: 100_000).workerCount, ComputeContext.maximumWorkerCount)
    }

    /// The helper threads of a context's pool end once the context is gone: making, using and dropping many
    /// contexts leaves no threads behind.
    func testHelpersEndWithTheirContext() throws {
        #if os(Linux)
        func threadCount() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count }
        // One round first, so that Dispatch's own threads exist before the count.
        for _ in 0..<2 { ComputeContext(workerCount: 3).forEachTask(8) { _, _ in _ = Self.spin(1_000) } }
        usleep(50_000)
        let before = try threadCount()
        for _ in 0..<40 {
            ComputeContext(workerCount: 3).forEachTask(8) { _, _ in _ = Self.spin(1_000) }
        }
        var after = try threadCount()
        for _ in 0..<100 where after > before + 2 {
            usleep(10_000)
            after = try threadCount()
        }
        XCTAssertLessThanOrEqual(after, before + 2, "helper threads left running")
        #else
        throw XCTSkip("counts threads through /proc")
        #endif
    }
}

/// The distinct worker indices seen by concurrent bodies.
private final class WorkerSet: @unchecked Sendable {
    private let lock = NSLock()
    private var workers = Set<Int>()
    func insert(_ worker: Int) { lock.withLock { _ = workers.insert(worker) } }
    var count: Int { lock.withLock { workers.count } }
}
