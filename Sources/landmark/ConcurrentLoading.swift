import Foundation

/// Independent jobs run two at a time, on the calling thread and a thread started for the call: a command
/// loads its networks (and decodes its first image) this way, each job independent of the others.
enum ConcurrentLoading {
    /// Runs every job once, claimed in order by the two threads as they free up (so list the longest first);
    /// returns when all have finished, or throws the error of the first job in the list that threw.
    static func run(_ jobs: [() throws -> Void]) throws {
        let shared = Jobs(jobs)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            shared.work()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        shared.work()
        finished.wait()
        try shared.firstError()
    }

    /// The jobs, the next one to claim and the errors, shared by the two threads.
    private final class Jobs: @unchecked Sendable {
        private var jobs: [(() throws -> Void)?]
        private var errors: [(any Error)?]
        private var next = 0
        private let lock = NSLock()

        init(_ jobs: [() throws -> Void]) {
            self.jobs = jobs
            errors = Array(repeating: nil, count: jobs.count)
        }

        func work() {
            while let (index, job) = claim() {
                do {
                    try job()
                } catch {
                    lock.withLock { errors[index] = error }
                }
            }
        }

        private func claim() -> (Int, () throws -> Void)? {
            lock.withLock {
                guard next < jobs.count, let job = jobs[next] else { return nil }
                jobs[next] = nil
                next += 1
                return (next - 1, job)
            }
        }

        func firstError() throws {
            if let error = lock.withLock({ errors.compactMap { $0 }.first }) { throw error }
        }
    }
}
