import ArgumentParser
import Foundation
import LandmarkNet

/// `landmark ops`: the TensorFlow ops the engine runs, by family.
struct OpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "List the TensorFlow ops the engine runs, by family, with what of each is supported.")

    /// How the list is printed.
    enum Format: String, EnumerableFlag {
        /// One line per op under a heading per family.
        case text
        /// A JSON array of `{name, family, note}`.
        case json
        /// The README's table: one row per family.
        case markdown

        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .text: "Print one line per op, grouped by family."
            case .json: "Print JSON."
            case .markdown: "Print a markdown table with one row per family (the README's)."
            }
        }
    }

    @Flag var format: Format = .text

    func run() throws {
        let ops = OpTable.supported
        switch format {
        case .text:
            print(Self.text(ops))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(ops), as: UTF8.self))
        case .markdown:
            print(Self.markdown(ops))
        }
    }

    /// The families that have ops, in listing order, each with its ops.
    static func families(_ ops: [SupportedOp]) -> [(family: OpFamily, ops: [SupportedOp])] {
        OpFamily.allCases.compactMap { family in
            let members = ops.filter { $0.family == family }
            return members.isEmpty ? nil : (family, members)
        }
    }

    /// A heading per family, then `  Name   note` per op.
    static func text(_ ops: [SupportedOp]) -> String {
        let width = max(ops.map(\.name.count).max() ?? 0, 22) + 2
        var lines: [String] = []
        for (family, members) in families(ops) {
            lines.append("\(family.rawValue):")
            for op in members {
                lines.append(op.note.isEmpty ? "  \(op.name)"
                    : "  " + op.name.padding(toLength: width, withPad: " ", startingAt: 0) + op.note)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `| family | TensorFlow ops | notes |` with one row per family: the op names in backticks, and the notes
    /// of runs of ops that share one (named unless one note covers the whole family).
    static func markdown(_ ops: [SupportedOp]) -> String {
        var lines = ["| family | TensorFlow ops | notes |", "|---|---|---|"]
        for (family, members) in families(ops) {
            var runs: [(names: [String], note: String)] = []
            for op in members {
                if let last = runs.last, last.note == op.note {
                    runs[runs.count - 1].names.append(op.name)
                } else {
                    runs.append(([op.name], op.note))
                }
            }
            let notes = runs.count == 1
                ? runs[0].note
                : runs.filter { !$0.note.isEmpty }.map { "\($0.names.joined(separator: ", ")): \($0.note)" }
                    .joined(separator: ". ")
            let names = members.map { "`\($0.name)`" }.joined(separator: ", ")
            lines.append("| \(family.rawValue) | \(names) | \(notes) |")
        }
        return lines.joined(separator: "\n")
    }
}
