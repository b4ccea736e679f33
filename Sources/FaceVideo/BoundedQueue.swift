import Foundation

/// A first-in first-out queue of at most `capacity` elements between two threads: `put` waits while it is full,
/// `take` while it is empty; `close` wakes both for good. A queue of capacity 0 holds nothing: `put` returns
/// once a `take` has received its element (a hand-over, for elements so large that even one queued is too many).
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false
    /// Elements taken so far (a capacity-0 `put` waits for its element's turn).
    private var takenCount = 0
    /// Elements put so far.
    private var putCount = 0
    /// Threads waiting in `take`.
    private var waitingTakers = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// How many elements of `bytes` bytes fit a budget of `budget` bytes, at most `most`; 0 (hand each over)
    /// when not even one does.
    static func capacity(elementBytes bytes: Int, budget: Int = 16 << 20, most: Int = 8) -> Int {
        max(0, min(most, budget / max(1, bytes)))
    }

    /// Appends `element`, waiting for room (with capacity 0: until it is taken); false (and nothing appended)
    /// once the queue is closed.
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= max(1, capacity) && !closed { condition.wait() }
        if closed { return false }
        items.append(element)
        let ticket = putCount
        putCount += 1
        condition.broadcast()
        if capacity == 0 {
            while takenCount <= ticket && !closed { condition.wait() }
        }
        return true
    }

    /// Waits until an element would be taken without delay: until there is room (with capacity 0: until a
    /// `take` waits and none is queued). A producer calls it before making an element, so that with capacity 0
    /// it makes each only when the consumer wants it. False once the queue is closed.
    func waitUntilWanted() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if capacity == 0 {
            while (waitingTakers == 0 || !items.isEmpty) && !closed { condition.wait() }
        } else {
            while items.count >= capacity && !closed { condition.wait() }
        }
        return !closed
    }

    /// The oldest element, waiting for one; nil once the queue is closed and empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if items.isEmpty && !closed {
            waitingTakers += 1
            condition.broadcast()
            while items.isEmpty && !closed { condition.wait() }
            waitingTakers -= 1
        }
        if items.isEmpty { return nil }
        // removeFirst moves at most `capacity` (a few) elements, and drops the queue's reference at once.
        let element = items.removeFirst()
        takenCount += 1
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
