import Foundation
import LandmarkNet
import TestSupport

/// The committed hostile inputs: `Tests/Fixtures/hostile/`, one file per crasher found by the fuzzers or by hand.
enum HostileFixtures {
    static let directory = TestPaths.fixture("hostile")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}

/// The error of `body`, or nil when it succeeds.
func thrownError(_ body: () throws -> Void) -> Error? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// Zero-filled feeds for every input of `model` (unknown dimensions as 1).
func zeroFeeds(_ model: Model) throws -> [String: Tensor] {
    var feeds: [String: Tensor] = [:]
    for input in model.inputs {
        feeds[input.name] = try Tensor(zeros: input.dtype ?? .float32, shape: (input.shape ?? []).map { max($0, 1) })
    }
    return feeds
}
