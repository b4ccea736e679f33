import Foundation
import GraphDefReader
import LandmarkNet
import Tensor
import TestSupport
import XCTest

/// A model learns on its first run which convolution inputs hold channels that are zero at every pixel, replans
/// once with those channels moved to the end, and its Winograd kernels leave them out (see `IdleChannelOrdering`).
final class IdleChannelOrderingTests: XCTestCase {
    private func floats(_ tensor: Tensor?) throws -> [Float] {
        try XCTUnwrap(tensor).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// The layers a benchmark report shows leaving idle channels out.
    private func idleLayers(_ report: BenchmarkReport) -> [String] {
        report.nodes.filter { $0.algorithm?.contains("idle inputs") ?? false }.map(\.name)
    }

    /// The seed graph: the first run observes, later runs leave the idle channels of three or more convolutions out and
    /// give the first run's bits, within 1e-5 of TensorFlow, the same at 1 and 2 threads.
    func testSeedModelLeavesOutIdleChannelsWithTheSameBits() throws {
        let directory = TestPaths.fixtures.appendingPathComponent("seed_tf1")
        let image = try NPY.read(contentsOf: directory.appendingPathComponent("input_image_tensor.npy"))
        let expected = try floats(try NPY.read(contentsOf: directory.appendingPathComponent("logits_BiasAdd.npy")))
        let feeds = ["input_image_tensor": image]
        var settled: [[UInt32]] = []
        for threads in [1, 2] {
            let model = try Model(contentsOf: directory.appendingPathComponent("graph.pb"),
                                  options: Model.Options(threads: threads))
            let first = try floats(try model.run(feeds)["logits/BiasAdd"])
            try model.warmUp(feeds)
            let report = try model.benchmark(feeds, iterations: 1, warmup: 0)
            // Their inputs have 16, 17 and 23 of 64 channels zero on this image.
            XCTAssertEqual(Set(idleLayers(report)).intersection(["conv2d_2/Conv2D", "conv2d_3/Conv2D", "conv2d_4/Conv2D"]).count, 3,
                           "\(report.nodes.map { "\($0.name) \($0.algorithm ?? "-")" })")
            for _ in 0..<2 {
                let later = try floats(try model.run(feeds)["logits/BiasAdd"])
                XCTAssertEqual(later.map(\.bitPattern), first.map(\.bitPattern), "\(threads) threads")
                settled.append(later.map(\.bitPattern))
            }
            let scale = expected.map(abs).max() ?? 1
            let difference = zip(first, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(difference, 1e-5 * scale, "\(threads) threads")
        }
        XCTAssertEqual(settled.first, settled.last, "1 and 2 threads")
    }

    /// Two 32-channel convolutions (with and without a max pool between them), the first with eight units that
    /// small inputs leave dead: after runs on small inputs the second skips those eight; a large input that wakes
    /// them still gets the full result.
    func testChannelsThatComeAliveAreStillComputed() throws {
        for pooled in [false, true] {
            try checkChannelsComingAlive(pooled: pooled)
        }
    }

    private func checkChannelsComingAlive(pooled: Bool) throws {
        let side = pooled ? 32 : 16
        var g = GraphBuilder()
        g.placeholder("x", shape: [1, Int64(side), Int64(side), 32])
        /// Weights in [-0.25, 0.25], spread by a multiplier.
        func weights(_ multiplier: Int) -> [Float] {
            (0..<(9 * 32 * 32)).map { (i: Int) -> Float in Float((i * multiplier) % 201 - 100) / 400 }
        }
        let first = weights(7919), second = weights(104_729)
        // Channels 3, 7, ..., 31 get a bias of -1000: dead unless the inputs are in the thousands.
        let bias = (0..<32).map { (c: Int) -> Float in c % 4 == 3 ? -1000 : Float(c) / 32 }
        g.const("w1", first, shape: [3, 3, 32, 32])
        g.const("b1", bias, shape: [32])
        g.const("w2", second, shape: [3, 3, 32, 32])
        let conv: [String: AttrValue] = ["strides": .list(AttrList(ints: [1, 1, 1, 1])), "padding": .bytes(Array("SAME".utf8))]
        g.op("conv1", "Conv2D", ["x", "w1"], conv)
        g.op("bias1", "BiasAdd", ["conv1", "b1"])
        g.op("relu1", "Relu", ["bias1"])
        var valid = conv
        valid["padding"] = .bytes(Array("VALID".utf8))
        if pooled {
            g.op("pool1", "MaxPool", ["relu1"], ["ksize": .list(AttrList(ints: [1, 2, 2, 1])),
                                                "strides": .list(AttrList(ints: [1, 2, 2, 1])),
                                                "padding": .bytes(Array("VALID".utf8))])
        }
        g.op("conv2", "Conv2D", [pooled ? "pool1" : "relu1", "w2"], valid)
        let model = try g.model()
        let fresh = try g.model()
        func input(_ scale: Float) throws -> [String: Tensor] {
            let values = (0..<(side * side * 32)).map { (i: Int) -> Float in Float((i * 31) % 17 - 8) / 17 * scale }
            return ["x": try Tensor(shape: [1, side, side, 32], scalars: values)]
        }
        let small = try input(1), large = try input(10_000)
        let before = try floats(try model.run(small)["conv2"])
        // Ordinary runs replan once they have taken 10 times as long as planning did.
        var runs = 1
        while runs < 1000, try model.benchmark(small, iterations: 1, warmup: 0).nodes.last?.algorithm == "Winograd F(2x2)" {
            _ = try model.run(small)
            runs += 1
        }
        XCTAssertLessThan(runs, 1000, "pooled \(pooled): never replanned")
        let report = try model.benchmark(small, iterations: 1, warmup: 0)
        XCTAssertEqual(report.nodes.last?.name, "conv2")
        XCTAssertEqual(report.nodes.last?.algorithm, "Winograd F(2x2), 8 idle inputs", "pooled \(pooled)")
        XCTAssertEqual(try floats(try model.run(small)["conv2"]).map(\.bitPattern), before.map(\.bitPattern),
                       "pooled \(pooled)")
        // The dead units wake up (they are nonzero somewhere), and the kernel must not leave them out.
        let units = try floats(try fresh.run(large, outputs: ["relu1"])["relu1"])
        XCTAssertEqual(Set(units.indices.filter { units[$0] != 0 }.map { $0 % 32 }.filter { $0 % 4 == 3 }).count, 8)
        let woken = try floats(try model.run(large)["conv2"])
        let reference = try floats(try fresh.run(large)["conv2"])
        let scale = reference.map(abs).max() ?? 1
        XCTAssertGreaterThan(scale, 0)
        let difference = zip(woken, reference).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertLessThan(difference, 1e-5 * scale, "pooled \(pooled)")
    }
}
