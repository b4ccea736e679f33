import CKernelsAVX2
import Foundation
import Synchronization

/// Helper threads that stay ready between parallel regions, so that a layer's other workers start within a few
/// hundred nanoseconds of the job being published instead of after a thread wake-up (~10 µs with Dispatch),
/// which every parallel layer of an inference would otherwise pay.
///
/// One job runs at a time. The owner writes the job's body, then publishes the job in one atomic word (a job
/// number, the thread count and the range of unclaimed tasks); the owner (worker 0) claims tasks from the front
/// of that range and the helpers whose worker index is below the thread count from its back, until none is left.
/// The owner then waits only for the tasks that were claimed to finish, not for every helper: a helper the OS has
/// not scheduled in time finds the job's tasks all claimed when it runs, and touches nothing of it. While it waits
/// the owner yields its core after a short spin, so that a descheduled helper holding a task can run on it.
///
/// Idle helpers spin for about 100 µs (yielding the core now and then to any other runnable thread), then sleep
/// on a condition variable until the next job.
///
/// A caller that finds the pool busy (another thread's job, or a parallel region inside a task) gets `false`
/// and runs the job some other way; the task list, and therefore the result, is the same either way: each task
/// computes the same bits on whichever thread runs it.
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

    /// Runs `body(task, worker)` for every task in `0 ..< taskCount` on up to `threads` threads (the caller and
    /// helpers; `worker` is below `threads` and unique among concurrent calls), or returns false without running
    /// anything when the pool is owned by another job (or the job is larger than one word can describe).
    func run(taskCount: Int, threads: Int, _ body: (_ task: Int, _ worker: Int) -> Void) -> Bool {
        core.run(taskCount: taskCount, threads: threads, body)
    }
}

/// The state of a ``WorkerPool`` shared with its helper threads.
@available(macOS 15.0, *)
private final class WorkerPoolCore: @unchecked Sendable {
    /// The current job: bits 0-19 the first unclaimed task, 20-39 one past the last unclaimed task (tasks are
    /// claimed from both ends), 40-47 the thread count minus 1, 48-63 the job number (wrapping). Claiming a task
    /// is a compare-and-swap on the whole word, so a claim is always of the job the word describes, with that
    /// job's thread count checked.
    private let job = Atomic<UInt64>(0)
    /// Tasks of the current job finished by helpers (reset by the owner before it publishes a job).
    private let completed = Atomic<Int>(0)
    /// Set while a caller owns the pool.
    private let busy = Atomic<Bool>(false)
    /// Set once the pool is gone: helpers end at their next wake-up.
    private let stopping = Atomic<Bool>(false)
    /// Helpers blocked in `wakeUp.wait()`.
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()

    /// Helpers started so far (changed only by the owner of the pool).
    private var helperCount = 0
    /// The number of the last job published (changed only by the owner).
    private var jobNumber: UInt64 = 0
    /// The current job's body: written by the owner before it publishes the job, read by a helper only after it
    /// has claimed one of the job's tasks (the owner waits for that task before it changes the body).
    private var body: ((_ task: Int, _ worker: Int) -> Void)?

    /// Field widths of `job`.
    private static let taskBits: UInt64 = 20
    private static let taskMask: UInt64 = (1 << taskBits) - 1
    /// The most tasks and threads a job can have.
    static let maximumTasks = Int(taskMask)
    static let maximumThreads = 256

    /// How long an idle helper spins before it sleeps, and how long the owner spins for the last tasks before it
    /// yields its core between checks.
    static let idleSpinNanoseconds: UInt64 = 100_000
    static let finishSpinNanoseconds: UInt64 = 5_000

    private static func number(_ word: UInt64) -> UInt64 { word >> 48 }
    private static func threads(_ word: UInt64) -> Int { Int((word >> 40) & 0xFF) + 1 }

    /// Ends the helpers: each wakes to a new job number with `stopping` set and returns.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        jobNumber &+= 1
        job.store((jobNumber & 0xFFFF) << 48, ordering: .sequentiallyConsistent)
        wakeUp.lock()
        wakeUp.broadcast()
        wakeUp.unlock()
    }

    func run(taskCount: Int, threads: Int, _ body: (_ task: Int, _ worker: Int) -> Void) -> Bool {
        guard threads > 1, threads <= Self.maximumThreads, taskCount > 0, taskCount <= Self.maximumTasks,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while helperCount < threads - 1 { startHelper(worker: helperCount + 1) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            completed.store(0, ordering: .relaxed)
            jobNumber &+= 1
            let word = ((jobNumber & 0xFFFF) << 48) | (UInt64(threads - 1) << 40) | (UInt64(taskCount) << Self.taskBits)
            // Publishes the body and the reset count with the job (sequentially consistent with the `sleepers`
            // check, see `waitForJob`).
            job.store(word, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            var done = 0
            while let task = claim(as: 0) {
                body(task, 0)
                done += 1
            }
            // Every task is claimed: wait for those the helpers hold.
            waitForCompletion(of: taskCount - done)
            self.body = nil
        }
        return true
    }

    /// A task of the current job for `worker`, or nil when none is left or the job's thread count leaves
    /// `worker` out. The owner (worker 0) takes tasks from the front of the list, the helpers from the back, so
    /// that on two threads each takes the same end of every layer: task lists follow the output's rows, and the
    /// rows a thread writes in one layer are then mostly those it reads in the next, from its own core's caches.
    @inline(__always)
    private func claim(as worker: Int) -> Int? {
        var word = job.load(ordering: .acquiring)
        while true {
            let front = word & Self.taskMask, back = (word >> Self.taskBits) & Self.taskMask
            guard front < back, worker < Self.threads(word) else { return nil }
            let fromFront = worker == 0
            let desired = fromFront ? word + 1 : word - (1 << Self.taskBits)
            let (exchanged, original) = job.compareExchange(expected: word, desired: desired,
                                                            successOrdering: .acquiringAndReleasing,
                                                            failureOrdering: .acquiring)
            if exchanged { return Int(fromFront ? front : back - 1) }
            word = original
        }
    }

    /// Returns once the helpers have finished `count` tasks of the current job: spins for a few microseconds (the
    /// usual case: the helpers are running their last tasks), then yields the core between checks.
    private func waitForCompletion(of count: Int) {
        guard completed.load(ordering: .acquiring) < count else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while completed.load(ordering: .acquiring) < count {
            if spins < 64 || DispatchTime.now().uptimeNanoseconds &- start < Self.finishSpinNanoseconds {
                landmark_spin_pause()
                spins += 1
            } else {
                sched_yield()
            }
        }
    }

    private func startHelper(worker: Int) {
        let seen = Self.number(job.load(ordering: .acquiring))
        helperCount += 1
        let thread = Thread { [self] in helperLoop(worker: worker, seen: seen) }
        thread.name = "landmark-worker-\(worker)"
        thread.start()
    }

    private func helperLoop(worker: Int, seen start: UInt64) {
        var seen = start
        while true {
            seen = Self.number(waitForJob(after: seen))
            if stopping.load(ordering: .sequentiallyConsistent) { return }
            while let task = claim(as: worker) {
                runTask(task, as: worker)
                completed.add(1, ordering: .releasing)
            }
        }
    }

    /// Runs one claimed task. A function of its own so that its reference to `body` is released before the
    /// task is counted as completed (the owner checks that the closure did not escape).
    @inline(never)
    private func runTask(_ task: Int, as worker: Int) {
        body?(task, worker)
    }

    /// Spins for up to ``idleSpinNanoseconds`` (yielding the core to other runnable threads now and then), then
    /// sleeps, until the job number differs from `seen`; returns the job word.
    private func waitForJob(after seen: UInt64) -> UInt64 {
        let start = DispatchTime.now().uptimeNanoseconds
        var spins = 0
        while true {
            let word = job.load(ordering: .acquiring)
            if Self.number(word) != seen { return word }
            landmark_spin_pause()
            spins &+= 1
            if spins & 63 == 0 {
                if DispatchTime.now().uptimeNanoseconds &- start > Self.idleSpinNanoseconds { break }
                sched_yield()
            }
        }
        wakeUp.lock()
        sleepers.add(1, ordering: .sequentiallyConsistent)
        var word = job.load(ordering: .sequentiallyConsistent)
        while Self.number(word) == seen {
            wakeUp.wait()
            word = job.load(ordering: .sequentiallyConsistent)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        wakeUp.unlock()
        return word
    }
}
