import Benchmark

/// package-benchmark's entry point: every benchmark of this target.
///
/// Thread count: `LANDMARK_BENCH_THREADS` (default 1) sets the `ComputeContext` worker count of the kernel
/// benchmarks and `Model.Options.threads` of the model benchmarks; it is part of every benchmark's name so
/// baselines taken at different thread counts are never compared with each other.
let benchmarks: @Sendable () -> Void = {
    let threads = BenchmarkSettings.threads
    registerConvolutionBenchmarks(threads: threads)
    registerPoolBenchmarks(threads: threads)
    registerDenseBenchmarks(threads: threads)
    registerModelBenchmarks(threads: threads)
}
