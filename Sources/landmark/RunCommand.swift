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

    @OptionGroup(title: "Engine")
    var engine: EngineOptions

    @Flag(help: "Also print each output's values as (x, y) pairs, one per line (landmark outputs).")
    var printPoints = false

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        var plan = OutputPlan()
        var feeds: [String: Tensor] = [:]
        do throws(CommandError) {
            plan = try OutputPlan.graphInputs(model: model, inputs: inputs)
            try OutputPlan.prepareDirectory(saveDirectory, for: "--save-dir")
        } catch {
            fail(error.description)
        }
        for assignment in inputs {
            let (name, path) = try splitAssignment(assignment, option: "--input")
            do {
                feeds[name] = try NPY.read(contentsOf: URL(fileURLWithPath: path))
            } catch {
                fail("input '\(name)': \(error)")
            }
        }
        do {
            let loaded = try Model(contentsOf: URL(fileURLWithPath: model), options: engine.modelOptions(limits: limits))
            let names = outputs.isEmpty ? loaded.outputs.map(\.name) : outputs
            // Each output's file, checked before the run: none is an input, no two outputs share one.
            var files: [String: String] = [:]
            for name in names {
                let file = name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_") + ".npy"
                let path = (saveDirectory as NSString).appendingPathComponent(file)
                try plan.claimOutput(path, option: "--save-dir", claimant: "output '\(name)'")
                files[name] = path
            }
            let results = try loaded.run(feeds, outputs: names)
            for name in names {
                guard let tensor = results[name], let path = files[name] else { continue }
                try OutputFile.write(NPY.encode(tensor), to: path)
                StandardOutput.writeLine("\(name): \(tensor.dtype) \(ShapeMath.describe(tensor.shape)) -> \(path)")
                if printPoints {
                    let values = tensor.doubleValues()
                    for i in stride(from: 0, to: values.count - 1, by: 2) {
                        StandardOutput.writeLine(String(format: "  %3d  %.6f  %.6f", i / 2, values[i], values[i + 1]))
                    }
                }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            StandardOutput.writeLine(String(format: "wall time: %.1f ms (load + run)", elapsed))
        } catch {
            fail("\(error)")
        }
    }
}
