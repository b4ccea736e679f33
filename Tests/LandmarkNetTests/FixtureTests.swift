import Foundation
import Kernels
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// The committed TensorFlow fixtures (made by scripts/make_fixtures.py): every case must match TensorFlow within
/// 1e-5 of the largest expected magnitude, with identical results for models of 1 and 2 threads.
final class FixtureTests: XCTestCase {
    struct Case: Decodable {
        struct Entry: Decodable {
            var name: String
            var file: String
        }
        var inputs: [Entry]
        var outputs: [Entry]
        var description: String?
    }

    static let fixtures = TestPaths.fixtures

    static func caseDirectories() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("case.json").path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// max |ours - expected| / max |expected| (absolute when the expected values are all zero).
    static func relativeError(_ ours: Tensor, _ expected: Tensor) -> Double {
        let a = ours.doubleValues(), b = expected.doubleValues()
        var diff = 0.0, scale = 0.0
        for (x, y) in zip(a, b) {
            if x.isNaN && y.isNaN { continue }
            if x == y { scale = max(scale, abs(y)); continue }  // equal infinities
            diff = max(diff, abs(x - y))
            scale = max(scale, abs(y))
        }
        return scale > 0 ? diff / scale : diff
    }

    func testEveryFixtureMatchesTensorFlow() throws {
        let directories = try Self.caseDirectories()
        XCTAssertGreaterThan(directories.count, 10, "fixtures missing: run scripts/make_fixtures.py")
        var worst = (0.0, "")
        for directory in directories {
            let name = directory.lastPathComponent
            let spec = try JSONDecoder().decode(Case.self, from: Data(contentsOf: directory.appendingPathComponent("case.json")))
            var feeds: [String: Tensor] = [:]
            for input in spec.inputs {
                feeds[input.name] = try NPY.read(contentsOf: directory.appendingPathComponent(input.file))
            }
            var firstRun: [String: Tensor] = [:]
            for threads in [1, 2] {
                let results: [String: Tensor]
                do {
                    let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"),
                                          options: Model.Options(threads: threads))
                    results = try model.run(feeds, outputs: spec.outputs.map(\.name))
                } catch {
                    XCTFail("\(name): \(error)")
                    break
                }
                for output in spec.outputs {
                    let expected = try NPY.read(contentsOf: directory.appendingPathComponent(output.file))
                    guard let ours = results[output.name] else {
                        XCTFail("\(name): no output \(output.name)")
                        continue
                    }
                    XCTAssertEqual(ours.dtype, expected.dtype, "\(name) \(output.name) dtype")
                    XCTAssertEqual(ours.shape, expected.shape, "\(name) \(output.name) shape")
                    guard ours.shape == expected.shape else { continue }
                    let error = Self.relativeError(ours, expected)
                    XCTAssertLessThanOrEqual(error, 1e-5, "\(name) \(output.name) (\(threads) threads)")
                    if error > worst.0 { worst = (error, "\(name) \(output.name)") }
                    if threads == 1 {
                        firstRun[output.name] = ours
                    } else if let first = firstRun[output.name] {
                        XCTAssertTrue(first.withUnsafeBytes { a in ours.withUnsafeBytes { b in a.elementsEqual(b) } },
                                      "\(name) \(output.name): 1 and 2 threads differ")
                    }
                }
            }
        }
        print("fixtures: \(directories.count), worst relative error \(worst.0) (\(worst.1))")
    }
}

extension XCTestCase {
    /// The executed nodes (op, fused ops) of a fixture's plan for `outputs` (default: its outputs).
    func plannedNodes(_ fixture: String, outputs: [String]? = nil) throws -> [(op: String, fused: [String])] {
        let directory = TestPaths.fixtures.appendingPathComponent(fixture)
        let spec = try JSONDecoder().decode(FixtureTests.Case.self, from: Data(contentsOf: directory.appendingPathComponent("case.json")))
        var feeds: [String: Tensor] = [:]
        for input in spec.inputs { feeds[input.name] = try NPY.read(contentsOf: directory.appendingPathComponent(input.file)) }
        let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"))
        let report = try model.benchmark(feeds, outputs: outputs ?? spec.outputs.map(\.name), iterations: 1, warmup: 0)
        return report.nodes.map { ($0.op, $0.fused) }
    }
}
