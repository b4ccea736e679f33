import ArgumentParser
import Foundation
import LandmarkNet

#if canImport(Glibc)
import Glibc
#endif

/// `landmark bench`: times a graph node by node.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time a frozen GraphDef: per-node table, totals by op, latency and peak memory.")

    @Argument(help: "The frozen GraphDef (.pb).")
    var model: String

    @Option(name: .customLong("input"), help: "NAME=FILE.npy (repeatable); inputs not given get random values.")
    var inputs: [String] = []

    @Option(name: .customLong("shape"), help: "NAME=1x128x128x3: shape of a random input (repeatable).")
    var shapes: [String] = []

    @Option(name: .customLong("output"), help: "A tensor to compute (repeatable; default: the graph's sinks).")
    var outputs: [String] = []


    @Option(help: "Batch size: the leading dimension of inputs whose first dimension is unknown (or of a fed batch-1 file).")
    var batch: Int?

    @Option(help: "Timed iterations.")
    var iterations: Int = 50

    @Option(help: "Untimed warm-up iterations (the first also settles the plan a long-running process ends up with; 0 times the first plan).")
    var warmup: Int = 5


    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: "Also draw the per-node times as an SVG bar chart.")
    var plot: String?

    @OptionGroup(title: "Engine")
    var engine: EngineOptions

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func validate() throws {
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
        if warmup < 0 { throw ValidationError("--warmup must not be negative") }
    }

    func run() throws {
        do throws(CommandError) {
            var plan = try OutputPlan.graphInputs(model: model, inputs: inputs)
            if let plot { try plan.claimOutput(plot, option: "--plot") }
        } catch {
            fail(error.description)
        }
        let threadCount = engine.threadCount
        var modelOptions = engine.modelOptions(limits: limits)
        modelOptions.threads = threadCount
        let loaded: Model
        do {
            loaded = try Model(contentsOf: URL(fileURLWithPath: model), options: modelOptions)
        } catch {
            fail("\(error)")
        }
        var shapeOverrides: [String: [Int]] = [:]
        for assignment in shapes {
            let (name, text) = try splitAssignment(assignment, option: "--shape")
            shapeOverrides[name] = try parseShape(text)
        }
        var feeds: [String: Tensor] = [:]
        for assignment in inputs {
            let (name, path) = try splitAssignment(assignment, option: "--input")
            do {
                var tensor = try NPY.read(contentsOf: URL(fileURLWithPath: path))
                if let batch, batch > 1 {
                    guard tensor.shape.first == 1 else { fail("--batch needs input '\(name)' to have a leading dimension of 1") }
                    tensor = try repeatBatch(tensor, batch)
                }
                feeds[name] = tensor
            } catch {
                fail("input '\(name)': \(error)")
            }
        }
        for input in loaded.inputs where feeds[input.name] == nil {
            guard let dtype = input.dtype else { fail("input '\(input.name)' has no declared dtype; feed it with --input") }
            var shape: [Int]
            if let override = shapeOverrides[input.name] {
                shape = override
            } else if let declared = input.shape {
                shape = declared
                if let first = shape.first, first < 0 { shape[0] = batch ?? 1 } else if let batch, batch > 1 {
                    fail("input '\(input.name)' has no batch dimension (shape \(ShapeMath.describe(declared))); --batch cannot apply")
                }
                guard shape.allSatisfy({ $0 >= 0 }) else {
                    fail("input '\(input.name)' has unknown dimensions \(ShapeMath.describe(declared)); give --shape \(input.name)=...")
                }
            } else {
                fail("input '\(input.name)' has an unknown rank; give --shape \(input.name)=...")
            }
            do {
                feeds[input.name] = try randomTensor(dtype, shape)
            } catch {
                fail("input '\(input.name)': \(error)")
            }
        }
        let showProgress = !json && isatty(2) != 0
        let report: BenchmarkReport
        do {
            report = try loaded.benchmark(feeds, outputs: outputs.isEmpty ? nil : outputs, iterations: iterations, warmup: warmup) { done, total in
                if showProgress {
                    FileHandle.standardError.write(Data("\r\u{1B}[Kbench: iteration \(done)/\(total)".utf8))
                    if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                }
            }
        } catch {
            fail("\(error)")
        }
        var final = report
        final.threads = threadCount
        // Without --batch, the batch is the leading dimension fed to the inputs declared with an unknown one
        // (e.g. --shape image=16x128x128x3 for [?,128,128,3]), when they agree; 1 otherwise.
        let fedBatches = Set(loaded.inputs.filter { ($0.shape?.first ?? 0) < 0 }.compactMap { feeds[$0.name]?.shape.first })
        if let batch {
            final.batch = batch
        } else if fedBatches.count == 1, let fed = fedBatches.first {
            final.batch = Swift.max(1, fed)
        } else {
            final.batch = 1
        }
        if let plot {
            let svg = BenchmarkPlot.svg(final, gemmPeak: measureGEMMPeakGFLOPS())
            do throws(CommandError) { try OutputFile.write(svg, to: plot) } catch { fail(error.description) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            StandardOutput.writeLine(String(decoding: try encoder.encode(final), as: UTF8.self))
        } else {
            StandardOutput.writeLine(render(final))
        }
    }

    private func repeatBatch(_ tensor: Tensor, _ batch: Int) throws -> Tensor {
        var shape = tensor.shape
        shape[0] = batch
        var result = try Tensor(zeros: tensor.dtype, shape: shape)
        let bytes = tensor.byteCount
        tensor.withUnsafeBytes { source in
            result.withUnsafeMutableBytes { destination in
                for b in 0..<batch { (destination.baseAddress! + b * bytes).copyMemory(from: source.baseAddress!, byteCount: bytes) }
            }
        }
        return result
    }

    private func randomTensor(_ dtype: DType, _ shape: [Int]) throws -> Tensor {
        var tensor = try Tensor(zeros: dtype, shape: shape)
        var generator = SystemRandomNumberGenerator()
        let count = tensor.elementCount
        tensor.withUnsafeMutableBytes { raw in
            switch dtype {
            case .float32:
                let p = raw.bindMemory(to: Float.self)
                for i in 0..<count { p[i] = Float.random(in: 0..<1, using: &generator) }
            case .uint8:
                for i in 0..<count { raw[i] = UInt8.random(in: 0...255, using: &generator) }
            case .int32:
                let p = raw.bindMemory(to: Int32.self)
                for i in 0..<count { p[i] = Int32.random(in: 0..<10, using: &generator) }
            default:
                break  // zeros
            }
        }
        return tensor
    }

    private func render(_ r: BenchmarkReport) -> String {
        var lines: [String] = []
        let nameWidth = min(max(r.nodes.map(\.name.count).max() ?? 4, 4), 40)
        /// `Conv2D+BiasAdd+Relu [Winograd F(4x4)]`: the op, what was fused into it, and its algorithm if it has several.
        func opLabel(_ n: BenchmarkReport.Node) -> String {
            ([n.op] + n.fused).joined(separator: "+") + (n.algorithm.map { " [\($0)]" } ?? "")
        }
        let opWidth = min(max(r.nodes.map { opLabel($0).count }.max() ?? 2, 2), 48)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        lines.append("model: \(r.model)   threads: \(r.threads)   batch: \(r.batch)   iterations: \(r.iterations)")
        lines.append(pad("node", nameWidth) + "  " + pad("op", opWidth) + "  " + pad("shape", 18)
            + lpad("ms", 9) + lpad("%", 7) + lpad("MFLOP", 10) + lpad("GFLOP/s", 9) + lpad("weights", 10))
        for n in r.nodes {
            lines.append(pad(n.name, nameWidth) + "  " + pad(opLabel(n), opWidth) + "  "
                + pad(ShapeMath.describe(n.shape), 18) + lpad(String(format: "%.3f", n.ms), 9)
                + lpad(String(format: "%.1f", n.percent), 7) + lpad(String(format: "%.2f", Double(n.flops) / 1e6), 10)
                + lpad(String(format: "%.1f", n.gflops), 9) + lpad(formatBytes(n.weightBytes), 10))
        }
        lines.append("")
        lines.append("by op:")
        for t in r.byOp {
            lines.append("  " + pad(t.op, 16) + lpad("\(t.count)", 4) + lpad(String(format: "%.3f ms", t.ms), 12)
                + lpad(String(format: "%.1f%%", t.percent), 8))
        }
        lines.append(String(format: "not in any node: %.3f ms", r.unaccountedMs))
        lines.append(String(format: "latency: median %.3f ms, min %.3f ms, p90 %.3f ms", r.latency.median, r.latency.min, r.latency.p90))
        if r.batch > 1 {
            lines.append(String(format: "per item: %.3f ms (%.1f items/s)", r.latency.median / Double(r.batch),
                                1000 * Double(r.batch) / r.latency.median))
        }
        lines.append(String(format: "peak resident memory: %.1f MB", r.peakRSSMB))
        return lines.joined(separator: "\n")
    }

    private func formatBytes(_ bytes: Int) -> String {
        if bytes == 0 { return "-" }
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / 1048576) }
        return String(format: "%.1f KB", Double(bytes) / 1024)
    }
}
