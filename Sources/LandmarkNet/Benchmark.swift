#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Kernels
import Tensor

/// Timing of a model's planned graph, node by node: what `landmark bench` prints.
public struct BenchmarkReport: Sendable, Codable {
    /// Latency statistics over the timed iterations, in milliseconds.
    public struct Latency: Sendable, Codable {
        /// Median.
        public var median: Double
        /// Fastest.
        public var min: Double
        /// 90th percentile.
        public var p90: Double
    }

    /// One executed (possibly fused) node.
    public struct Node: Sendable, Codable {
        /// Node name.
        public var name: String
        /// Op type.
        public var op: String
        /// Ops fused into it.
        public var fused: [String]
        /// The algorithm its kernel runs, for ops that have several (Conv2D: `im2col`, `Winograd F(2x2)`,
        /// `Winograd F(3x3)`, `Winograd F(4x4)`); nil (and absent from the JSON) otherwise.
        public var algorithm: String?
        /// Output shape.
        public var shape: [Int]
        /// Median milliseconds.
        public var ms: Double
        /// Share of the summed node medians, in percent.
        public var percent: Double
        /// Floating-point operations.
        public var flops: Int
        /// Achieved GFLOP/s at the median.
        public var gflops: Double
        /// Bytes of weights read per run (a Winograd convolution reads its transformed filter).
        public var weightBytes: Int

        enum CodingKeys: String, CodingKey {
            case name, op, fused, algorithm, shape, ms, percent, flops, gflops
            case weightBytes = "weight_bytes"
        }
    }

    /// Time by op type.
    public struct OpTotal: Sendable, Codable {
        /// Op type.
        public var op: String
        /// Nodes of this type.
        public var count: Int
        /// Summed median milliseconds.
        public var ms: Double
        /// Share of the summed node medians, in percent.
        public var percent: Double
    }

    /// The model path.
    public var model: String
    /// Threads each run used (see ``Model/threadCount``).
    public var threads: Int
    /// Leading dimension of the fed inputs (1 when they have none).
    public var batch: Int
    /// Timed iterations.
    public var iterations: Int
    /// End-to-end latency of `run`.
    public var latency: Latency
    /// Peak resident memory of the process, in MB.
    public var peakRSSMB: Double
    /// Executed nodes in order.
    public var nodes: [Node]
    /// Totals by op type, largest first.
    public var byOp: [OpTotal]
    /// Median latency minus the summed node medians: output copies, dispatch.
    public var unaccountedMs: Double

    enum CodingKeys: String, CodingKey {
        case model, threads, batch, iterations, nodes
        case latency = "latency_ms"
        case peakRSSMB = "peak_rss_mb"
        case byOp = "by_op"
        case unaccountedMs = "unaccounted_ms"
    }
}

/// Peak resident set size of this process in bytes (getrusage).
public func peakResidentBytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
    #endif
}

extension Model {
    /// Runs the graph `warmup + iterations` times on `feeds` and times every executed node.
    /// `progress` is told how many iterations (warm-up included) are done. With a warm-up, the first warm-up run
    /// is ``warmUp(_:outputs:)``.
    public func benchmark(
        _ feeds: [String: Tensor], outputs requested: [String]? = nil, iterations: Int = 50, warmup: Int = 5,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(LandmarkError) -> BenchmarkReport {
        let names = requested ?? outputs.map(\.name)
        let total = max(iterations, 1) + max(warmup, 0)
        // The first warm-up run is `warmUp`, which makes the plan timed below.
        var done = 0
        if warmup > 0 {
            try warmUp(feeds, outputs: names)
            done = 1
            progress?(1, total)
        }
        let (executor, ordered) = try prepare(feeds, outputs: names)
        let plan = executor.plan
        var stepTimes = [[UInt64]](repeating: [], count: plan.steps.count)
        var latencies: [Double] = []
        for iteration in done..<total {
            let timed = iteration >= warmup
            let start = DispatchTime.now().uptimeNanoseconds
            if timed {
                _ = try executor.run(ordered) { step, nanoseconds in stepTimes[step].append(nanoseconds) }
            } else {
                _ = try executor.run(ordered)
            }
            if timed { latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
            progress?(iteration + 1, total)
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let stepMedians = stepTimes.map { median($0.map { Double($0) / 1e6 }) }
        let sum = stepMedians.reduce(0, +)
        var nodes: [BenchmarkReport.Node] = []
        for (step, ms) in zip(plan.steps, stepMedians) {
            nodes.append(BenchmarkReport.Node(
                name: step.name, op: step.typeName, fused: step.fused, algorithm: step.reportedAlgorithm,
                shape: step.outputTypes.first?.shape ?? [],
                ms: ms, percent: sum > 0 ? 100 * ms / sum : 0, flops: step.flops,
                gflops: ms > 0 ? Double(step.flops) / (ms * 1e6) : 0, weightBytes: step.weightBytes))
        }
        var byOp: [String: (Int, Double)] = [:]
        for node in nodes { byOp[node.op, default: (0, 0)].0 += 1; byOp[node.op, default: (0, 0)].1 += node.ms }
        let sorted = latencies.sorted()
        // The 90th percentile: the value at rank ceil(0.9 n) (1-based).
        let p90Rank: Int = Int((Double(sorted.count) * 0.9).rounded(.up))
        let p90: Double = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, p90Rank - 1))]
        let latency = BenchmarkReport.Latency(median: median(latencies), min: sorted.first ?? 0, p90: p90)
        return BenchmarkReport(
            model: source, threads: threadCount, batch: ordered.first?.shape.first ?? 1, iterations: latencies.count,
            latency: latency, peakRSSMB: Double(peakResidentBytes()) / 1e6, nodes: nodes,
            byOp: byOp.map { BenchmarkReport.OpTotal(op: $0.key, count: $0.value.0, ms: $0.value.1, percent: sum > 0 ? 100 * $0.value.1 / sum : 0) }
                .sorted { $0.ms > $1.ms },
            unaccountedMs: max(latency.median - sum, 0))
    }
}

/// The machine's single-precision GEMM speed on `threads` threads (nil: the active processor count), in GFLOP/s:
/// the best of a few 512x512x512 products. The ceiling against which a layer's speed is judged.
public func measureGEMMPeakGFLOPS(threads: Int? = nil) -> Double {
    let context = ComputeContext(workerCount: threads ?? ComputeContext.activeProcessorCount)
    let n = 512
    let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    MatMul.run(a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!, m: n, n: n, k: n,
                               transposeA: false, transposeB: false, context: context)
                }
            }
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start))
    }
    return 2 * Double(n * n * n) / best
}

extension ExecutionPlan.Step {
    /// The algorithm a report shows: the kernel's, plus `per item` when a batch runs through the step item by item.
    var reportedAlgorithm: String? {
        guard itemStrides != nil else { return kernel.algorithm }
        return [kernel.algorithm, "per item"].compactMap { $0 }.joined(separator: ", ")
    }
}
