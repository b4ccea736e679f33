import CKernelsAVX2
import Foundation
import Synchronization

/// Helper threads that stay ready between parallel regions, so that a layer's second worker starts within a
/// few hundred nanoseconds instead of the ~10 µs a Dispatch wake-up takes (traced on the seed model: ten
/// parallel layers per inference, each paying it).
///
/// One job runs at a time: the caller publishes the job (body, task count, thread count) and bumps
/// `generation`; every helper sees the new generation, claims tasks from a shared counter if its worker index
/// is below the job's thread count, then acknowledges; the caller works as worker 0 and returns once every
/// helper has acknowledged, so the job's fields never change under a helper. After about 100 µs without a job
/// a helper sleeps on a condition variable and is woken by the next one.
///
/// A caller that finds the pool busy (another thread's job, or a parallel region inside a task) gets `false`
/// and runs the job some other way; the task list, and therefore the result, is the same either way.
///
/// Each ``ComputeContext`` with more than one worker has a pool of its own; its helpers end when the pool is
/// released.
@available(macOS 15.0, *)
final class WorkerPool: @unchecked Sendable {
    /// What the helpers share with the owner; they hold it, not the pool, so that the pool can go away.
    private let core = WorkerPoolCore()

    /// A pool with no helpers yet: they start with the first job that needs them.
    init() {}

    deinit { core.stop() }

    /// Runs `body(task, worker)` for every task in `0 ..< taskCount` on `threads` threads (the caller and
    /// `threads - 1` helpers; `worker` is unique among concurrent calls), or returns false without running
    /// anything when the pool is owned by another job.
    func run(taskCount: Int, threads: Int, _ body: (_ task: Int, _ worker: Int) -> Void) -> Bool {
        core.run(taskCount: taskCount, threads: threads, body)
    }
}

/// The state of a ``WorkerPool`` shared with its helper threads.
@available(macOS 15.0, *)
private final class WorkerPoolCore: @unchecked Sendable {
    /// Set once the pool is gone: helpers end at their next wake-up.
    private let stopping = Atomic<Bool>(false)

    /// Set while a caller owns the pool.
    private let busy = Atomic<Bool>(false)
    /// Incremented once per job, after the job's fields are written.
    private let generation = Atomic<Int>(0)
    /// The next unclaimed task of the current job.
    private let nextTask = Atomic<Int>(0)
    /// Helpers done with the current job.
    private let acknowledged = Atomic<Int>(0)
    /// Helpers blocked in `wakeUp.wait()`.
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()

    /// Helpers started so far (changed only by the owner of the pool).
    private var helperCount = 0
    /// The current job; written by the owner before it bumps `generation`, read by helpers after they see it.
    private var body: ((_ task: Int, _ worker: Int) -> Void)?
    private var taskCount = 0
    private var threadCount = 0

    /// How long an idle helper spins before it sleeps.
    static let spinNanoseconds: UInt64 = 100_000

    /// Ends the helpers: each sees a new generation with `stopping` set and returns.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        wakeUp.lock()
        wakeUp.broadcast()
        wakeUp.unlock()
    }

    /// Runs `body(task, worker)` for every task in `0 ..< taskCount` on `threads` threads (the caller and
    /// `threads - 1` helpers; `worker` is unique among concurrent calls), or returns false without running
    /// anything when the pool is owned by another job.
    func run(taskCount: Int, threads: Int, _ body: (_ task: Int, _ worker: Int) -> Void) -> Bool {
        guard threads > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while helperCount < threads - 1 { startHelper(index: helperCount) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.taskCount = taskCount
            self.threadCount = threads
            nextTask.store(0, ordering: .relaxed)
            acknowledged.store(0, ordering: .relaxed)
            // Publish (sequentially consistent with the `sleepers` check, see `waitForJob`).
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            work(as: 0, body)
            while acknowledged.load(ordering: .acquiring) < helperCount { landmark_spin_pause() }
            self.body = nil
        }
        return true
    }

    /// Claims and runs tasks until none are left.
    @inline(__always)
    private func work(as worker: Int, _ body: (Int, Int) -> Void) {
        while true {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if task >= taskCount { return }
            body(task, worker)
        }
    }

    private func startHelper(index: Int) {
        let seen = generation.load(ordering: .acquiring)
        helperCount += 1
        let thread = Thread { [self] in helperLoop(worker: index + 1, seen: seen) }
        thread.name = "landmark-worker-\(index + 1)"
        thread.start()
    }

    private func helperLoop(worker: Int, seen start: Int) {
        var seen = start
        while true {
            seen = waitForJob(after: seen)
            if stopping.load(ordering: .sequentiallyConsistent) { return }
            runCurrentJob(as: worker)
            acknowledged.add(1, ordering: .releasing)
        }
    }

    /// This helper's share of the current job. A function of its own so that its reference to `body` is
    /// released before the helper acknowledges (the owner checks that the closure did not escape).
    @inline(never)
    private func runCurrentJob(as worker: Int) {
        guard worker < threadCount, let body else { return }
        work(as: worker, body)
    }

    /// Spins for up to `spinNanoseconds`, then sleeps, until `generation` differs from `seen`; returns it.
    private func waitForJob(after seen: Int) -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            landmark_spin_pause()
            spins &+= 1
            if spins & 255 == 0 && DispatchTime.now().uptimeNanoseconds &- start > Self.spinNanoseconds { break }
        }
        wakeUp.lock()
        sleepers.add(1, ordering: .sequentiallyConsistent)
        var current = generation.load(ordering: .sequentiallyConsistent)
        while current == seen {
            wakeUp.wait()
            current = generation.load(ordering: .sequentiallyConsistent)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        wakeUp.unlock()
        return current
    }
}
