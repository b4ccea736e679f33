import Dispatch
import Foundation

/// Runs a fixed list of independent tasks on a few threads.
///
/// The task list never depends on the thread count, so results are identical however many workers run;
/// tasks are claimed dynamically (a shared counter), which keeps both cores busy even when one is loaded.
/// The helpers are a ``WorkerPool``'s (a ``ComputeContext``'s), which stay ready between parallel regions.
enum ParallelWork {
    /// Calls `body(task, worker)` once for every `task` in `0 ..< taskCount`, on at most `workers` threads
    /// (the caller's thread is one of them): `pool`'s helpers, or Dispatch's when there is no pool or another job
    /// owns it. `worker` is in `0 ..< workers` and unique among bodies running at the same time, so it can index
    /// per-worker scratch. Returns when all tasks are done.
    @available(macOS 15.0, *)
    static func run(taskCount: Int, workers: Int, pool: WorkerPool?, _ body: (_ task: Int, _ worker: Int) -> Void) {
        if let pool, Swift.min(workers, taskCount) > 1,
           pool.run(taskCount: taskCount, threads: Swift.min(workers, taskCount), body) { return }
        run(taskCount: taskCount, workers: workers, body)
    }

    /// Calls `body(task, worker)` as ``run(taskCount:workers:pool:_:)`` does, on Dispatch's threads.
    static func run(taskCount: Int, workers: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        let threads = Swift.min(workers, taskCount)
        if threads <= 1 {
            for task in 0..<taskCount { body(task, 0) }
            return
        }
        // No pool, or it is busy (another thread's run of the same model, or a parallel region inside a task):
        // Dispatch's workers.
        let counter = TaskCounter(limit: taskCount)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                while let task = counter.claim() { shared.value(task, worker) }
            }
        }
    }
}

/// Hands out task numbers `0 ..< limit`, each exactly once.
private final class TaskCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}

/// Carries a value the caller guarantees is safe to use from the worker threads (raw pointers into disjoint
/// regions, a closure that only touches such regions).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
