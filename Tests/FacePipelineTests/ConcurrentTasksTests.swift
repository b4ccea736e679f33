@testable import FacePipeline
import Foundation
import XCTest

/// The detector's task runner: results in task order at any thread count, the lowest failing task's error.
final class ConcurrentTasksTests: XCTestCase {
    func testResultsComeInTaskOrderAtAnyThreadCount() throws {
        for threads in [1, 2, 3, 8] {
            let results = try ConcurrentTasks.map(count: 100, threads: threads) { task throws(FaceDetectionError) -> Int in
                // Uneven task lengths, so that threads finish out of order.
                if task % 7 == 0 { Thread.sleep(forTimeInterval: 0.001) }
                return task * task
            }
            XCTAssertEqual(results, (0..<100).map { $0 * $0 }, "\(threads) threads")
        }
        XCTAssertEqual(try ConcurrentTasks.map(count: 0, threads: 2) { (task) throws(FaceDetectionError) -> Int in task }, [])
    }

    func testTheLowestFailingTasksErrorIsThrown() {
        for threads in [1, 2, 4] {
            XCTAssertThrowsError(try ConcurrentTasks.map(count: 40, threads: threads) { task throws(FaceDetectionError) -> Int in
                if task == 5 || task == 30 { throw FaceDetectionError(.invalidModel, "task \(task)") }
                return task
            }) { error in
                XCTAssertEqual((error as? FaceDetectionError)?.message, "task 5", "\(threads) threads")
            }
        }
    }
}
