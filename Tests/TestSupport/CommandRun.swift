import Foundation

/// The outcome of running a program to its end: how it ended and everything it printed.
public struct CommandOutcome: Sendable {
    /// The exit status, or the signal number when ``exited`` is false.
    public var status: Int32
    /// Whether the program exited (rather than being killed by a signal).
    public var exited: Bool
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
}

/// Runs programs under test with their output captured.
public enum CommandRun {
    /// Runs `executable` with `arguments` (and `environment`, else the tests' own) to its end. Both pipes are read
    /// to the end before waiting, so a chatty program cannot block on a full pipe. `stdin` is written to its
    /// standard input and then closed; without it the program reads an empty standard input.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           stdin: Data? = nil) throws -> CommandOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandOutcome(status: process.terminationStatus, exited: process.terminationReason == .exit,
                              stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self))
    }
}
