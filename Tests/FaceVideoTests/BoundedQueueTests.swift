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
        XCTAssertEqual(BoundedQueue<Int>.capacity(elementBytes: 3840 * 2160 * 3), 1)
    }
}
