import Foundation

/// A model's plans, one per distinct fed names and types and requested outputs, made on first use; the most
/// recently made ``capacity`` are kept (a fully convolutional graph fed images of many sizes gets a plan for each).
final class PlanCache: @unchecked Sendable {
    /// What a plan is made for.
    struct Key: Hashable {
        var feeds: [String]
        var types: [TensorType]
        var outputs: [String]
    }

    /// How many plans the cache keeps.
    let capacity: Int
    /// Guarded by `lock`.
    private var executors: [Key: PlanExecutor] = [:]
    /// Keys from the least to the most recently made (guarded by `lock`).
    private var order: [Key] = []
    private let lock = NSLock()

    /// An empty cache keeping at most `capacity` (at least 1) plans.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The executor cached for `key`, or the one `make` returns, cached. Two threads missing the same key at once
    /// may both make one: the later replaces the earlier in the cache, and both run correctly.
    func executor(for key: Key, orMake make: () throws(LandmarkError) -> PlanExecutor) throws(LandmarkError) -> PlanExecutor {
        if let cached = lock.withLock({ executors[key] }) { return cached }
        let made = try make()
        lock.withLock {
            if executors[key] == nil {
                order.append(key)
                if order.count > capacity { executors[order.removeFirst()] = nil }
            }
            executors[key] = made
        }
        return made
    }
}
