import Foundation
@testable import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// A model's runs share its arenas across plans: no run may read arena bytes it did not write, so a run's bits do
/// not depend on what an arena held before.
final class ArenaPoolTests: XCTestCase {
    override func tearDown() {
        ArenaPool.fillByteForTesting = nil
        super.tearDown()
    }

    /// Every fixture's outputs, bit for bit, with arenas made zeroed and with arenas made full of 0xFF bytes
    /// (NaN as float32, -1 as integers), at 1 and 2 threads.
    func testEveryFixtureGivesTheSameBitsInArenasFullOfGarbage() throws {
        let directories = try FixtureTests.caseDirectories()
        XCTAssertGreaterThan(directories.count, 10, "fixtures missing")
        for directory in directories {
            let name = directory.lastPathComponent
            let spec = try JSONDecoder().decode(FixtureTests.Case.self,
                                                from: Data(contentsOf: directory.appendingPathComponent("case.json")))
            var feeds: [String: Tensor] = [:]
            for input in spec.inputs {
                feeds[input.name] = try NPY.read(contentsOf: directory.appendingPathComponent(input.file))
            }
            let outputs = spec.outputs.map(\.name)
            for threads in [1, 2] {
                var runs: [[String: [UInt8]]] = []
                for fill: UInt8? in [nil, 0xFF] {
                    ArenaPool.fillByteForTesting = fill
                    let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"),
                                          options: Model.Options(threads: threads))
                    let results = try model.run(feeds, outputs: outputs)
                    runs.append(results.mapValues { tensor in tensor.withUnsafeBytes { Array($0) } })
                }
                ArenaPool.fillByteForTesting = nil
                for output in outputs {
                    XCTAssertNotNil(runs[0][output], "\(name) \(output)")
                    XCTAssertEqual(runs[0][output], runs[1][output], "\(name) \(output), \(threads) threads: arena bytes were read")
                }
            }
        }
    }

    /// Runs of the network at `url` on `inputs` in turn, one model at `threads` threads whose arenas are made full
    /// of 0xFF (each run after runs of other shapes), against models that ran only that input in zeroed arenas.
    private func assertSharedRunsGiveLoneBits(_ url: URL, outputs: [String], inputs: [(label: String, tensor: Tensor)],
                                              file: StaticString = #filePath, line: UInt = #line) throws {
        for threads in [1, 2] {
            ArenaPool.fillByteForTesting = 0xFF
            let shared = try Model(contentsOf: url, options: Model.Options(threads: threads))
            for (label, input) in inputs {
                ArenaPool.fillByteForTesting = 0xFF
                let ours = try shared.run(["input": input], outputs: outputs)
                ArenaPool.fillByteForTesting = nil
                let lone = try Model(contentsOf: url, options: Model.Options(threads: threads)).run(["input": input], outputs: outputs)
                for name in outputs {
                    let a = try XCTUnwrap(ours[name]), b = try XCTUnwrap(lone[name])
                    XCTAssertTrue(a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } },
                                  "\(url.lastPathComponent) \(label) \(name), \(threads) threads", file: file, line: line)
                }
            }
        }
    }

    /// `count` images of `height` x `width` pixels of values in [-1, 1) made from a seed.
    private func images(_ count: Int, _ height: Int, _ width: Int, seed: Int) throws -> Tensor {
        var state = UInt32(truncatingIfNeeded: seed)
        let values: [Float] = (0..<(count * height * width * 3)).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 2 - 1
        }
        return try Tensor(shape: [count, height, width, 3], scalars: values)
    }

    private func mtcnnNetwork(_ name: String) -> URL {
        TestPaths.repository.appendingPathComponent("Sources/FacePipeline/Resources/mtcnn/\(name).pb")
    }

    /// A fully convolutional network (MTCNN's P-Net) on images of seven sizes in turn.
    func testRunsOfManyShapesGiveTheBitsOfLoneRuns() throws {
        let sizes = [(64, 48), (20, 30), (100, 90), (64, 64), (65, 64), (13, 64), (64, 48)]
        try assertSharedRunsGiveLoneBits(mtcnnNetwork("pnet"), outputs: ["box_regression", "face_probability"],
                                         inputs: sizes.map { ("\($0.0)x\($0.1)", try images(1, $0.1, $0.0, seed: $0.0 * 1000 + $0.1)) })
    }

    /// R-Net and O-Net on batches of eight sizes in turn.
    func testBatchesOfRNetAndONet() throws {
        for (net, side, outputs) in [("rnet", 24, ["box_regression", "face_probability"]),
                                     ("onet", 48, ["box_regression", "landmarks", "face_probability"])] {
            let counts = [64, 8, 2, 1, 32, 16, 4, 64]
            try assertSharedRunsGiveLoneBits(mtcnnNetwork(net), outputs: outputs,
                                             inputs: counts.map { ("batch \($0)", try images($0, side, side, seed: $0 * 77 + side)) })
        }
    }
}
