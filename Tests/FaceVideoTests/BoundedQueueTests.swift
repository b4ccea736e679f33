@testable import FaceVideo
import Foundation
@testable import LandmarkNet
import XCTest

/// The queue between the decoding/encoding threads and the caller.
final class BoundedQueueTests: XCTestCase {
    func testOrderCapacityAndClose() {
        let queue = BoundedQueue<Int>(capacity: 3)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for i in 0..<1000 { queue.put(i) }
            queue.close()
            done.signal()
        }.start()
        var received: [Int] = []
        while let value = queue.take() { received.append(value) }
        done.wait()
        XCTAssertEqual(received, Array(0..<1000))
        XCTAssertFalse(queue.put(1), "a closed queue takes nothing")
        XCTAssertNil(queue.take())
        // Closing wakes a producer blocked on a full queue.
        let full = BoundedQueue<Int>(capacity: 1)
        full.put(0)
        let woken = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var accepted = true
        Thread {
            accepted = full.put(1)
            woken.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        full.close()
        XCTAssertEqual(woken.wait(timeout: .now() + 5), .success)
        XCTAssertFalse(accepted)
        XCTAssertEqual(BoundedQueue<Int>.capacity(elementBytes: 640 * 480 * 3), 8)
        // A taken element is no longer referenced by the queue (frames must not pile up in memory).
        final class Token {}
        let tokens = BoundedQueue<Token>(capacity: 2)
        weak var weakToken: Token?
        do {
            let token = Token()
            weakToken = token
            tokens.put(token)
        }
        XCTAssertNotNil(weakToken)
        _ = tokens.take()
        XCTAssertNil(weakToken)
        XCTAssertEqual(BoundedQueue<Int>.capacity(elementBytes: 1920 * 1080 * 3), 2)
        // A 4K frame is handed over: the producer holds at most one frame beside the consumer's.
        XCTAssertEqual(BoundedQueue<Int>.capacity(elementBytes: 3840 * 2160 * 3), 0)
    }

    /// A queue of capacity 0 holds nothing: `put` returns once a `take` has received the element, so a producer
    /// never runs more than one element ahead of the consumer.
    func testZeroCapacityHandsEachElementOver() {
        let queue = BoundedQueue<Int>(capacity: 0)
        let progress = NSLock()
        nonisolated(unsafe) var putsReturned = 0
        let done = DispatchSemaphore(value: 0)
        Thread {
            for i in 0..<50 {
                queue.put(i)
                progress.withLock { putsReturned += 1 }
            }
            queue.close()
            done.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(progress.withLock { putsReturned }, 0, "the first put waits for its take")
        var received: [Int] = []
        while let value = queue.take() {
            received.append(value)
            // At most the element just taken has been handed over; the producer is not further ahead.
            XCTAssertLessThanOrEqual(progress.withLock { putsReturned }, received.count)
        }
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(received, Array(0..<50))
        // A producer that makes an element only when it is wanted waits for a consumer to wait for one.
        let demand = BoundedQueue<Int>(capacity: 0)
        let wanted = DispatchSemaphore(value: 0)
        Thread {
            if demand.waitUntilWanted() { wanted.signal() }
        }.start()
        XCTAssertEqual(wanted.wait(timeout: .now() + 0.1), .timedOut, "no consumer waits yet")
        let consumer = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var got: Int?
        Thread {
            got = demand.take()
            consumer.signal()
        }.start()
        XCTAssertEqual(wanted.wait(timeout: .now() + 5), .success)
        demand.put(7)
        XCTAssertEqual(consumer.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(got, 7)
        demand.close()
        XCTAssertFalse(demand.waitUntilWanted(), "a closed queue wants nothing")
        XCTAssertTrue(BoundedQueue<Int>(capacity: 2).waitUntilWanted(), "a queue with room wants an element at once")
        // Closing wakes a producer waiting for its element to be taken.
        let idle = BoundedQueue<Int>(capacity: 0)
        let woken = DispatchSemaphore(value: 0)
        Thread {
            idle.put(1)
            woken.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        idle.close()
        XCTAssertEqual(woken.wait(timeout: .now() + 5), .success)
    }
}
