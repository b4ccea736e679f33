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

    /// Runs of one fully convolutional model (MTCNN's P-Net) on images of 64x48, 20x30, 100x90 and 64x48 pixels
    /// (four plans, one arena pool, each run after runs of other shapes) give the bits of models that ran only
    /// that image.
    func testRunsOfManyShapesGiveTheBitsOfLoneRuns() throws {
        let url = TestPaths.repository.appendingPathComponent("Sources/FacePipeline/Resources/mtcnn/pnet.pb")
        func image(_ width: Int, _ height: Int) throws -> Tensor {
            var state: UInt32 = UInt32(width * 1000 + height)
            let values: [Float] = (0..<(width * height * 3)).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Float(state >> 8) / Float(1 << 24) * 2 - 1
            }
            return try Tensor(shape: [1, height, width, 3], scalars: values)
        }
        let outputs = ["box_regression", "face_probability"]
        for threads in [1, 2] {
            ArenaPool.fillByteForTesting = 0xFF
            let shared = try Model(contentsOf: url, options: Model.Options(threads: threads))
            for (width, height) in [(64, 48), (20, 30), (100, 90), (64, 64), (65, 64), (13, 64), (64, 48)] {
                let input = try image(width, height)
                let ours = try shared.run(["input": input], outputs: outputs)
                ArenaPool.fillByteForTesting = nil
                let lone = try Model(contentsOf: url, options: Model.Options(threads: threads)).run(["input": input], outputs: outputs)
                ArenaPool.fillByteForTesting = 0xFF
                for name in outputs {
                    let a = try XCTUnwrap(ours[name]), b = try XCTUnwrap(lone[name])
                    XCTAssertTrue(a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } },
                                  "\(width)x\(height) \(name), \(threads) threads")
                }
            }
        }
    }

    func testBatchesOfRNetAndONet() throws {
        for (net, side, outputs) in [("rnet", 24, ["box_regression", "face_probability"]),
                                     ("onet", 48, ["box_regression", "landmarks", "face_probability"])] {
            let url = TestPaths.repository.appendingPathComponent("Sources/FacePipeline/Resources/mtcnn/\(net).pb")
            func batch(_ count: Int) throws -> Tensor {
                var state: UInt32 = UInt32(count * 77 + side)
                let values: [Float] = (0..<(count * side * side * 3)).map { _ in
                    state = state &* 1_664_525 &+ 1_013_904_223
                    return Float(state >> 8) / Float(1 << 24) * 2 - 1
                }
                return try Tensor(shape: [count, side, side, 3], scalars: values)
            }
            for threads in [1, 2] {
                ArenaPool.fillByteForTesting = 0xFF
                let shared = try Model(contentsOf: url, options: Model.Options(threads: threads))
                for count in [64, 8, 2, 1, 32, 16, 4, 64] {
                    let input = try batch(count)
                    let ours = try shared.run(["input": input], outputs: outputs)
                    ArenaPool.fillByteForTesting = nil
                    let lone = try Model(contentsOf: url, options: Model.Options(threads: threads)).run(["input": input], outputs: outputs)
                    ArenaPool.fillByteForTesting = 0xFF
                    for name in outputs {
                        let a = try XCTUnwrap(ours[name]), b = try XCTUnwrap(lone[name])
                        XCTAssertTrue(a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } },
                                      "\(net) batch \(count) \(name), \(threads) threads")
                    }
                }
            }
        }
    }
}
