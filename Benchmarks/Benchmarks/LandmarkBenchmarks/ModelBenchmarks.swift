import Benchmark
import Foundation
import LandmarkNet

/// A loaded model with its feeds.
struct ModelFixture {
    let model: Model
    let feeds: [String: Tensor]
}

/// The seed graph's input and output names.
enum SeedGraph {
    static let input = "input_image_tensor"
    static let output = "logits/BiasAdd"
    static let batchSize = 16

    /// The committed seed graph and its fixture image `[128, 128, 3]` uint8.
    static func load(threads: Int) throws -> (model: Model, image: Tensor, bytes: [UInt8]) {
        let directory = BenchmarkSettings.seedDirectory
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("graph.pb")))
        let model = try Model(data: Data(bytes), options: Model.Options(threads: threads))
        let image = try NPY.read(contentsOf: directory.appendingPathComponent("input_image_tensor.npy"))
        return (model, image, bytes)
    }

    /// `count` copies of `image` stacked into `[count, H, W, C]`, each copy's pixels shifted by its index (so the
    /// items differ) -- item 0 is `image` itself.
    static func batch(of image: Tensor, count: Int) throws -> Tensor {
        let pixels: [UInt8] = try image.scalars()
        var stacked: [UInt8] = []
        stacked.reserveCapacity(pixels.count * count)
        for item in 0..<count { stacked += pixels.map { $0 &+ UInt8(truncatingIfNeeded: item * 3) } }
        return try Tensor(shape: [count] + image.shape, scalars: stacked)
    }
}

/// The whole seed graph through `Model.run`, at batch 1 (the committed graph) and batch 16 (the same graph made
/// batchable by `BatchedGraph`; per-face time is the wall clock / 16, faces per second 16 x throughput), after
/// `Model.warmUp`.
func registerModelBenchmarks(threads: Int) {
    let single = BenchmarkState<ModelFixture>()
    let singleName = "Model seed graph batch 1 (threads \(threads))"
    Benchmark(singleName, configuration: BenchmarkSettings.modelConfiguration) { benchmark in
        guard let fixture = single.value else { return benchmark.error("\(singleName): setup did not run") }
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.model.run(fixture.feeds, outputs: [SeedGraph.output]))
        }
    } setup: {
        let seed = try SeedGraph.load(threads: threads)
        let feeds = [SeedGraph.input: seed.image]
        // The plan made and its memory and threads ready before timing.
        try seed.model.warmUp(feeds, outputs: [SeedGraph.output])
        single.value = ModelFixture(model: seed.model, feeds: feeds)
    } teardown: {
        single.value = nil
    }

    let batched = BenchmarkState<ModelFixture>()
    let batchedName = "Model seed graph batch \(SeedGraph.batchSize) (threads \(threads))"
    Benchmark(batchedName, configuration: BenchmarkSettings.modelConfiguration) { benchmark in
        guard let fixture = batched.value else { return benchmark.error("\(batchedName): setup did not run") }
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.model.run(fixture.feeds, outputs: [SeedGraph.output]))
        }
    } setup: {
        let seed = try SeedGraph.load(threads: threads)
        let rewritten = try BatchedGraph.rewrite(seed.bytes, placeholder: SeedGraph.input)
        let model = try Model(data: Data(rewritten), options: Model.Options(threads: threads))
        let feeds = [SeedGraph.input: try SeedGraph.batch(of: seed.image, count: SeedGraph.batchSize)]
        // The rewrite must not change what the graph computes: item 0 of the batch is the fixture image.
        let reference: [Float] = try seed.model.run([SeedGraph.input: seed.image], outputs: [SeedGraph.output])[SeedGraph.output]?.scalars() ?? []
        let items: [Float] = try model.run(feeds, outputs: [SeedGraph.output])[SeedGraph.output]?.scalars() ?? []
        guard !reference.isEmpty, items.count == reference.count * SeedGraph.batchSize,
              zip(reference, items).allSatisfy({ abs($0 - $1) <= 1e-4 * max(1, abs($0)) }) else {
            throw BatchedGraph.RewriteError(description: "batched graph disagrees with the seed graph on item 0")
        }
        try model.warmUp(feeds, outputs: [SeedGraph.output])
        batched.value = ModelFixture(model: model, feeds: feeds)
    } teardown: {
        batched.value = nil
    }
}
