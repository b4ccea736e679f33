import Benchmark
import Foundation

/// Settings shared by every benchmark of this target.
enum BenchmarkSettings {
    /// Threads of the kernels' `ComputeContext` and of `Model`: `LANDMARK_BENCH_THREADS`, default 1 (the steadiest
    /// number on a shared machine).
    static var threads: Int {
        guard let text = ProcessInfo.processInfo.environment["LANDMARK_BENCH_THREADS"], let value = Int(text), value >= 1 else {
            return 1
        }
        return value
    }

    /// The seed fixture directory: `LANDMARK_SEED_DIR`, or `Tests/Fixtures/seed_tf1` of the landmark checkout
    /// that holds this package.
    static var seedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["LANDMARK_SEED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        // <repo>/Benchmarks/Benchmarks/LandmarkBenchmarks/BenchmarkSettings.swift -> <repo>
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("Tests/Fixtures/seed_tf1", isDirectory: true)
    }

    /// Kernels: microseconds to a few milliseconds per call.
    static var kernelConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .throughput, .mallocCountTotal],
            timeUnits: .microseconds,
            warmupIterations: 5,
            maxDuration: .seconds(2),
            maxIterations: 2_000)
    }

    /// Whole-graph runs: tens to hundreds of milliseconds per call.
    static var modelConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
            timeUnits: .milliseconds,
            warmupIterations: 2,
            maxDuration: .seconds(4),
            maxIterations: 200)
    }
}

/// A heap buffer of floats that lives as long as the benchmark state holding it, filled with a fixed
/// pseudo-random pattern (normal numbers in [-scale, scale], never denormals, same every run).
final class FloatBuffer: @unchecked Sendable {
    /// The storage.
    let pointer: UnsafeMutablePointer<Float>
    /// Element count.
    let count: Int

    /// Allocates `count` floats filled from `seed`.
    init(count: Int, seed: UInt64, scale: Float = 1) {
        self.count = count
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)  // [0, 1)
            pointer[index] = (unit * 2 - 1) * scale
        }
    }

    deinit { pointer.deallocate() }
}

/// State made by a benchmark's `setup` hook and read by its closure (the hook itself cannot return it).
final class BenchmarkState<Value>: @unchecked Sendable {
    /// Set by setup, cleared by teardown.
    var value: Value?
}
