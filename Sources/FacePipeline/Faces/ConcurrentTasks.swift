import Foundation

/// Runs a fixed list of independent tasks on a few threads and returns their results in task order, so the
/// outcome never depends on how many threads ran them or which finished first.
enum ConcurrentTasks {
    /// `body(task)` for every task in `0 ..< count`, on at most `threads` threads (the caller's and threads
    /// started for this call); tasks are claimed one at a time from a shared counter. When some tasks throw, the error of the lowest
    /// such task is thrown (tasks not yet started when a task fails are skipped).
    static func map<Result>(count: Int, threads: Int,
                            _ body: (Int) throws(FaceDetectionError) -> Result) throws(FaceDetectionError) -> [Result] {
        let workers = min(threads, count)
        if workers <= 1 {
            var results: [Result] = []
            results.reserveCapacity(count)
            for task in 0..<count { results.append(try body(task)) }
            return results
        }
        let slots = Slots<Result>(count: count)
        // Threads of our own: Dispatch runs a concurrentPerform nested in another one (BlazeFace beside MTCNN,
        // whose P-Net tiles run concurrently too) on the calling thread alone.
        withoutActuallyEscaping(body) { body in
            // The threads keep their closure a little after they signal, so it holds the body only through a
            // box that is emptied before `body` stops being valid.
            let box = BodyBox(body)
            let finished = DispatchSemaphore(value: 0)
            for _ in 1..<workers {
                let thread = Thread {
                    Self.work(box, slots)
                    finished.signal()
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            Self.work(box, slots)
            for _ in 1..<workers { finished.wait() }
            box.body = nil
        }
        return try slots.results()
    }

    /// Runs claimed tasks until none is left.
    private static func work<Result>(_ box: BodyBox<Result>, _ slots: Slots<Result>) {
        guard let body = box.body else { return }
        while let task = slots.claim() {
            do throws(FaceDetectionError) {
                slots.store(.success(try body(task)), at: task)
            } catch {
                slots.store(.failure(error), at: task)
                slots.stop()
            }
        }
    }

    /// The tasks' body while a call runs.
    private final class BodyBox<Result>: @unchecked Sendable {
        var body: ((Int) throws(FaceDetectionError) -> Result)?
        init(_ body: @escaping (Int) throws(FaceDetectionError) -> Result) { self.body = body }
    }

    /// The task counter and the results, shared by the worker threads.
    private final class Slots<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var limit: Int
        private var stored: [Swift.Result<Result, FaceDetectionError>?]

        init(count: Int) {
            limit = count
            stored = Array(repeating: nil, count: count)
        }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: Swift.Result<Result, FaceDetectionError>, at task: Int) {
            lock.lock()
            stored[task] = result
            lock.unlock()
        }

        /// No task is claimed after this one.
        func stop() {
            lock.lock()
            limit = next
            lock.unlock()
        }

        /// The results in task order, or the first failure in task order.
        func results() throws(FaceDetectionError) -> [Result] {
            // Every task claimed before a failure stopped the counter has a result, so the lowest failure comes
            // before any task left without one.
            var values: [Result] = []
            values.reserveCapacity(stored.count)
            for slot in stored {
                switch slot {
                case .success(let value)?: values.append(value)
                case .failure(let error)?: throw error
                case nil: continue
                }
            }
            return values
        }
    }
}
