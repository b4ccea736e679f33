import Foundation

/// A first-in first-out queue of at most `capacity` elements between two threads: `put` waits while it is full,
/// `take` while it is empty; `close` wakes both for good.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many elements of `bytes` bytes fit a budget of `budget` bytes, between 1 and `most`.
    static func capacity(elementBytes bytes: Int, budget: Int = 32 << 20, most: Int = 8) -> Int {
        max(1, min(most, budget / max(1, bytes)))
    }

    /// Appends `element`, waiting for room; false (and nothing appended) once the queue is closed.
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one; nil once the queue is closed and empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        // removeFirst moves at most `capacity` (a few) elements, and drops the queue's reference at once.
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// Refuses further elements and wakes every waiting thread.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
