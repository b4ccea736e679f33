import Foundation
import GraphDefReader
import LandmarkNet
import XCTest

/// Long chains of nodes and wide fan-outs must load and run in time linear in their length (no pass that rescans the whole graph
/// per node), and deep graphs must not recurse: planning, pruning and sorting are iterative.
final class DeepGraphTests: XCTestCase {
    /// Three chains of `length` nodes each from one placeholder `x`: Identity (ends at `i<length-1>`), Relu
    /// (`r...`) and AddV2 of the previous node and `x` (`a...`).
    static func chains(length: Int) -> [UInt8] {
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        for (prefix, op) in [("i", "Identity"), ("r", "Relu"), ("a", "AddV2")] {
            var last = "x"
            for index in 0..<length {
                let name = prefix + String(index, radix: 36)
                g.op(name, op, op == "AddV2" ? [last, "x"] : [last])
                last = name
            }
        }
        return g.bytes
    }

    /// `count` Relu nodes that all read the placeholder `x` and are all sinks (`f0`, `f1`, ... in base 36): every
    /// output lives until the end of the run, so every buffer overlaps every other.
    static func fanOut(count: Int) -> [UInt8] {
        var g = HostileGraph()
        g.placeholder("x", shape: [2])
        for index in 0..<count { g.op("f" + String(index, radix: 36), "Relu", ["x"]) }
        return g.bytes
    }

    private func checkFanOut(_ bytes: Data, count: Int, seconds: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let start = Date()
        let model = try Model(data: bytes)
        XCTAssertEqual(model.outputs.count, count, file: file, line: line)
        let results = try model.run(["x": try Tensor(shape: [2], scalars: [Float(-3), 4])])
        XCTAssertEqual(results.count, count, file: file, line: line)
        for (name, tensor) in results {
            XCTAssertEqual(try tensor.scalars(as: Float.self), [0, 4], name, file: file, line: line)
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, seconds, "\(count) sinks took \(elapsed) s to load and run", file: file, line: line)
    }

    /// The committed regression file: 2000 sinks of one input took over two minutes to plan (memory placement
    /// cubic in the number of overlapping buffers).
    func testCommittedFanOutLoadsQuickly() throws {
        let bytes = try HostileFixtures.bytes("fanout_2000.pb")
        XCTAssertEqual(bytes, Data(Self.fanOut(count: 2000)), "the fixture is what fanOut(count:) builds")
        try checkFanOut(bytes, count: 2000, seconds: 10)
    }

    func testTwentyThousandSinks() throws {
        try checkFanOut(Data(Self.fanOut(count: 20_000)), count: 20_000, seconds: 60)
    }

    private func checkChains(_ bytes: Data, length: Int, seconds: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let start = Date()
        let model = try Model(data: bytes)
        let last = String(length - 1, radix: 36)
        XCTAssertEqual(Set(model.outputs.map(\.name)), ["i" + last, "r" + last, "a" + last], file: file, line: line)
        let x = try Tensor(shape: [2], scalars: [Float(-1.5), 2])
        let results = try model.run(["x": x])
        XCTAssertEqual(try results["i" + last]?.scalars(as: Float.self), [-1.5, 2], file: file, line: line)
        XCTAssertEqual(try results["r" + last]?.scalars(as: Float.self), [0, 2], file: file, line: line)
        XCTAssertEqual(try results["a" + last]?.scalars(as: Float.self), [-1.5 * Float(length + 1), 2 * Float(length + 1)],
                       file: file, line: line)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, seconds, "\(3 * length) chained nodes took \(elapsed) s to load and run", file: file, line: line)
    }

    /// The committed regression file: 3 x 1500 nodes took a minute to plan (per-node rescans of the graph).
    func testCommittedChainsLoadQuickly() throws {
        let bytes = try HostileFixtures.bytes("chains_3x1500.pb")
        XCTAssertEqual(bytes, Data(Self.chains(length: 1500)), "the fixture is what chains(length:) builds")
        try checkChains(bytes, length: 1500, seconds: 10)
    }

    func testTwentyThousandNodeChains() throws {
        try checkChains(Data(Self.chains(length: 20_000)), length: 20_000, seconds: 60)
    }
}
