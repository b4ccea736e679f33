import Foundation
import Tensor

/// The arenas of one model's runs, shared by all its plans: a run borrows the smallest idle arena that holds its
/// plan's ``ExecutionPlan/arenaBytes`` and gives it back when done, so runs of a model on inputs of many shapes
/// (pyramid levels, batch sizes) reuse the same memory instead of each shape's plan keeping arenas of its own.
///
/// A run never reads arena bytes it has not written (an arena comes back holding what the last run left), so
/// which arena a run gets does not change its results. The pool holds at most as many arenas as runs were ever
/// in flight at once; an arena too small for a run is released and a larger one made in its place.
final class ArenaPool: @unchecked Sendable {
    /// Idle arenas (guarded by `lock`).
    private var idle: [TensorStorage] = []
    private let lock = NSLock()

    /// Fills every arena made from now on with this byte instead of zeros (tests: a run that reads bytes it did
    /// not write then gives other results).
    nonisolated(unsafe) static var fillByteForTesting: UInt8?

    /// An empty pool.
    init() {}

    /// An arena of at least `byteCount` bytes for one run; give it back with ``give(_:)``.
    func take(byteCount: Int) -> TensorStorage {
        let reused: TensorStorage? = lock.withLock {
            var best: Int?
            for i in idle.indices where idle[i].byteCount >= byteCount {
                if let known = best, idle[known].byteCount <= idle[i].byteCount { continue }
                best = i
            }
            if let best { return idle.remove(at: best) }
            // None is large enough: the largest idle one is released, and a larger one made below.
            if let largest = idle.indices.max(by: { idle[$0].byteCount < idle[$1].byteCount }) {
                idle.remove(at: largest)
            }
            return nil
        }
        if let reused { return reused }
        let arena = TensorStorage(byteCount: byteCount)
        if let fill = Self.fillByteForTesting { arena.base.initializeMemory(as: UInt8.self, repeating: fill, count: byteCount) }
        return arena
    }

    /// Returns an arena taken with ``take(byteCount:)``.
    func give(_ arena: TensorStorage) {
        lock.withLock { idle.append(arena) }
    }
}
