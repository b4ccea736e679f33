import ArgumentParser
import FilePaths
import Foundation
import Images
import Kernels
import LandmarkNet
import Tensor

/// The `landmark` command line tool.
@main
struct Landmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landmark",
        abstract: "Run frozen TensorFlow GraphDef models (facial-landmark CNNs first) without TensorFlow.",
        subcommands: [DetectCommand.self, MeshCommand.self, VideoCommand.self, RunCommand.self, InspectCommand.self,
                      OpsCommand.self, BenchCommand.self])

    /// Stops OpenBLAS' start-up worker threads before anything else (they would spin on a core otherwise),
    /// makes standard output's writes checked (``StandardOutput``), and parses the arguments from their bytes, so
    /// that a file name that is not UTF-8 reaches the commands intact (``FileSystemPath``). A bad argument
    /// (an unknown option, a value that does not parse or fails a command's validation) ends in one
    /// `error: ...` line like every other failure; `--help` and `--version` print as usual.
    static func main() {
        BLAS.prepare()
        StandardOutput.prepare()
        let arguments = (1..<Int(CommandLine.argc)).map { index in
            CommandLine.unsafeArgv[index].map { FileSystemPath.string(fromRaw: $0) } ?? ""
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
            fail(message(for: error))
        }
    }
}

/// Prints a one-line error to stderr and exits non-zero.
func fail(_ message: String) -> Never {
    StandardOutput.errorReported = true
    FileHandle.standardError.write(Data("error: \(oneLine(message))\n".utf8))
    Foundation.exit(1)
}

/// `text` with its control characters escaped (`\n`, `\u{1B}`, ...): node names from a model and file names are
/// any UTF-8, and must neither break a one-line error nor reach the terminal raw. Bytes of a file name that are
/// not UTF-8 are shown as Latin-1 (``FileSystemPath/display(_:)``).
func oneLine(_ text: String) -> String {
    var escaped = ""
    for scalar in FileSystemPath.display(text).unicodeScalars {
        switch scalar.value {
        case 0x0A: escaped += "\\n"
        case 0x0D: escaped += "\\r"
        case 0x09: escaped += "\\t"
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
            escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
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
