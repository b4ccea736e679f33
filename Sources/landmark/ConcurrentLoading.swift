import Foundation

/// Two independent jobs run at once, the second on a thread started for the call: a command loads its
/// networks this way, each load independent of the others.
enum ConcurrentLoading {
    /// `first()` on the calling thread and `second()` on a new one; returns both results once both have
    /// finished, or throws the first job's error (else the second's).
    static func run<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        try withoutActuallyEscaping(second) { second in
            let job = Job(second)
            let finished = DispatchSemaphore(value: 0)
            let thread = Thread {
                job.run()
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            let firstResult = Result { try first() }
            finished.wait()
            let secondResult = job.take()
            return (try firstResult.get(), try secondResult.get())
        }
    }

    /// The second job and its result, handed between the two threads (the semaphore orders the accesses).
    private final class Job<Value>: @unchecked Sendable {
        private var body: (() throws -> Value)?
        private var result: Result<Value, any Error>?

        init(_ body: @escaping () throws -> Value) { self.body = body }

        func run() {
            guard let body else { return }
            result = Result { try body() }
            self.body = nil
        }

        func take() -> Result<Value, any Error> {
            body = nil
            return result ?? .failure(CancellationError())
        }
    }
}
