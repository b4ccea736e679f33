import ArgumentParser
import Foundation
import LandmarkNet
import Tensor

/// The `landmark` command line tool.
@main
struct Landmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landmark",
        abstract: "Run frozen TensorFlow GraphDef models (facial-landmark CNNs first) without TensorFlow.",
        subcommands: [DetectCommand.self, RunCommand.self, InspectCommand.self, BenchCommand.self])
}

/// Prints a one-line error to stderr and exits non-zero.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    Foundation.exit(1)
}

/// Parses `NAME=VALUE`.
func splitAssignment(_ text: String, option: String) throws -> (String, String) {
    guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
        throw ValidationError("\(option) expects NAME=VALUE, got '\(text)'")
    }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
}

/// Parses `1x128x128x3` into dimensions.
func parseShape(_ text: String) throws -> [Int] {
    if text.isEmpty || text == "scalar" { return [] }
    let parts = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
        throw ValidationError("bad shape '\(text)': expected dimensions joined by 'x', e.g. 1x128x128x3")
    }
    return parts.map { $0! }
}
