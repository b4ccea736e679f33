import ArgumentParser
import Foundation
import LandmarkNet
import Tensor

/// `landmark run`: feeds .npy files to a graph and writes the requested outputs as .npy files.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a frozen GraphDef on .npy inputs and save its outputs as .npy files.")

    @Argument(help: "The frozen GraphDef (.pb).")
    var model: String

    @Option(name: .customLong("input"), help: "NAME=FILE.npy for a placeholder (repeatable).")
    var inputs: [String] = []

    @Option(name: .customLong("output"), help: "A tensor to compute, 'node' or 'node:k' (repeatable; default: the graph's sinks).")
    var outputs: [String] = []

    @Option(name: .customLong("save-dir"), help: "Where to write <output name>.npy ('/' and ':' become '_').")
    var saveDirectory: String = "."

    @Option(help: "BLAS threads.")
    var threads: Int?

    @Flag(name: .customLong("no-winograd"), help: "Run every convolution as im2col + GEMM (no Winograd).")
    var noWinograd = false

    @Flag(help: "Also print each output's values as (x, y) pairs, one per line (landmark outputs).")
    var printPoints = false

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func run() throws {
        if let threads, threads < 1 { fail("--threads must be at least 1") }
        let start = DispatchTime.now().uptimeNanoseconds
        var feeds: [String: Tensor] = [:]
        for assignment in inputs {
            let (name, path) = try splitAssignment(assignment, option: "--input")
            do {
                feeds[name] = try NPY.read(contentsOf: URL(fileURLWithPath: path))
            } catch {
                fail("input '\(name)': \(error)")
            }
        }
        do {
            let loaded = try Model(contentsOf: URL(fileURLWithPath: model), options: Model.Options(limits: limits.limits, threads: threads, winograd: !noWinograd))
            let names = outputs.isEmpty ? loaded.outputs.map(\.name) : outputs
            let results = try loaded.run(feeds, outputs: names)
            let directory = URL(fileURLWithPath: saveDirectory, isDirectory: true)
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for name in names {
                guard let tensor = results[name] else { continue }
                let file = name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_") + ".npy"
                let url = directory.appendingPathComponent(file)
                do {
                    try NPY.write(tensor, to: url)
                } catch {
                    fail("\(error)")
                }
                print("\(name): \(tensor.dtype) \(ShapeMath.describe(tensor.shape)) -> \(url.path)")
                if printPoints {
                    let values = tensor.doubleValues()
                    for i in stride(from: 0, to: values.count - 1, by: 2) {
                        print(String(format: "  %3d  %.6f  %.6f", i / 2, values[i], values[i + 1]))
                    }
                }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            print(String(format: "wall time: %.1f ms (load + run)", elapsed))
        } catch {
            fail("\(error)")
        }
    }
}
