import ArgumentParser
import Foundation
import LandmarkNet
import Tensor

/// `landmark inspect`: what a graph holds and what it costs.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a frozen GraphDef's inputs, outputs, ops, parameters, unsupported ops and FLOPs per node.")

    @Argument(help: "The frozen GraphDef (.pb).")
    var model: String

    @Option(name: .customLong("shape"), help: "NAME=1x128x128x3: the input shape to cost the graph for (repeatable).")
    var shapes: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup(title: "Limits for untrusted models")
    var limits: LimitOptions

    func run() throws {
        var inputShapes: [String: [Int]] = [:]
        for assignment in shapes {
            let (name, text) = try splitAssignment(assignment, option: "--shape")
            inputShapes[name] = try parseShape(text)
        }
        let inspection: ModelInspection
        do {
            inspection = try ModelInspection(contentsOf: URL(fileURLWithPath: model), inputShapes: inputShapes, limits: limits.limits)
        } catch {
            fail("\(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(inspection)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(render(inspection))
        }
        if !inspection.unsupported.isEmpty { Foundation.exit(2) }
    }

    private func describe(_ value: ModelInspection.Value) -> String {
        "\(value.name): \(value.dtype ?? "?")\(value.shape.map(ShapeMath.describe) ?? "[<unknown rank>]")"
    }

    private func render(_ i: ModelInspection) -> String {
        var lines: [String] = []
        lines.append("model: \(i.model)")
        lines.append("nodes: \(i.nodeCount)")
        lines.append("inputs:")
        lines += i.inputs.map { "  " + describe($0) }
        lines.append("outputs:")
        lines += i.outputs.map { "  " + describe($0) }
        lines.append(String(format: "parameters: %d (%.2f MB of constants)", i.parameterCount, Double(i.parameterBytes) / 1e6))
        lines.append("ops:")
        for (op, count) in i.opCounts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("  \(op.padding(toLength: 24, withPad: " ", startingAt: 0)) \(count)")
        }
        if i.unsupported.isEmpty {
            lines.append("unsupported ops: none")
        } else {
            lines.append("unsupported ops:")
            for u in i.unsupported { lines.append("  \(u.op): \(u.nodes.joined(separator: ", "))") }
        }
        if let error = i.planError {
            lines.append("cost: not available (\(error))")
        } else {
            let shapes = i.plannedInputShapes.sorted { $0.key < $1.key }.map { "\($0.key)=\(ShapeMath.describe($0.value))" }
            lines.append("cost for \(shapes.joined(separator: ", ")) after folding and fusion:")
            let width = min(max(i.nodes.map(\.name.count).max() ?? 4, 4), 48)
            lines.append("  " + "node".padding(toLength: width, withPad: " ", startingAt: 0) + "  op                          shape              MFLOP")
            for node in i.nodes {
                let op = ([node.op] + node.fused).joined(separator: "+")
                lines.append("  " + node.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + op.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + ShapeMath.describe(node.shape).padding(toLength: 19, withPad: " ", startingAt: 0)
                    + String(format: "%8.2f", Double(node.flops) / 1e6))
            }
            lines.append(String(format: "total: %.1f MFLOP", Double(i.totalFlops) / 1e6))
        }
        return lines.joined(separator: "\n")
    }
}
