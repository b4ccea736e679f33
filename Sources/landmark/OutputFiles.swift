import FilePaths
import Foundation
import Images

#if canImport(Glibc)
import Glibc
#endif

/// The files a command will write, checked before it does any work: no output is (by device and inode, through
/// any link) one of the inputs or standard output's file, no two outputs are the same file, and each output's
/// directory exists (made with its parents when missing) and is writable.
struct OutputPlan {
    /// The inputs by identity, with the path the user gave.
    private var inputs: [FileIdentity: String] = [:]
    /// The outputs claimed so far: directory identity and name, with who claimed it.
    private var claimed: [String: String] = [:]

    /// Records an input file (nothing when it does not exist: reading it will fail with its own message).
    /// A plan whose inputs are a graph (`model`, a file or a SavedModel directory, refused later with advice) and
    /// the `.npy` files of `--input NAME=FILE` assignments, each checked to be a regular file; standard output must
    /// not be one of them.
    static func graphInputs(model: String, inputs: [String]) throws(CommandError) -> OutputPlan {
        var plan = OutputPlan()
        try InputFile.requireRegular(model, allowDirectory: true)
        plan.addInput(model)
        for assignment in inputs {
            guard let (_, path) = try? splitAssignment(assignment, option: "--input") else { continue }
            try InputFile.requireRegular(path, role: "--input")
            plan.addInput(path)
        }
        try plan.checkStandardOutput()
        return plan
    }

    mutating func addInput(_ path: String) {
        if let identity = FileIdentity(path: path), inputs[identity] == nil { inputs[identity] = path }
    }

    /// Makes `directory` (and its parents) when missing; throws when it cannot, or when it is not a writable
    /// directory.
    static func prepareDirectory(_ directory: String, for option: String) throws(CommandError) {
        let path = directory.isEmpty ? "." : directory
        if let status = FileStatus.of(path) {
            guard FileStatus.isDirectory(status) else {
                throw CommandError("\(option): \(path) is \(FileStatus.kind(status)), not a directory")
            }
        } else {
            var missing: [String] = []
            var current = path
            while FileStatus.of(current) == nil, !current.isEmpty, current != "/" {
                missing.append(current)
                current = (current as NSString).deletingLastPathComponent
            }
            for made in missing.reversed() {
                let result = FileSystemPath.withRawPath(made) { mkdir($0, 0o777) }
                if result != 0 && errno != EEXIST {
                    throw CommandError("\(option): cannot create the directory \(made): \(FileStatus.errorText())")
                }
            }
        }
        guard FileSystemPath.withRawPath(path, { access($0, W_OK) }) == 0 else {
            throw CommandError("\(option): cannot write in the directory \(path): \(FileStatus.errorText())")
        }
    }

    /// Checks an output file before any work: it is not an input nor already claimed by another output, it is
    /// not a directory, and its directory exists (made when missing) and is writable. `claimant` names what
    /// writes it (an option, or the input whose drawing it is) for the message about a clash.
    mutating func claimOutput(_ path: String, option: String, claimant: String? = nil) throws(CommandError) {
        let claimant = claimant ?? option
        if let status = FileStatus.of(path) {
            if let input = inputs[FileIdentity(status)] {
                throw CommandError("\(option) \(path) is the input \(input): refusing to write over an input")
            }
            if FileStatus.isDirectory(status) {
                throw CommandError("\(option) \(path) is a directory, not a file")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        try Self.prepareDirectory(directory, for: option)
        let key = Self.key(path)
        if let previous = claimed[key] {
            throw CommandError("\(path) would be written for both \(previous) and \(claimant)")
        }
        claimed[key] = claimant
    }

    /// A key naming one output file: its directory's identity and its name (the file may not exist yet).
    private static func key(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if let identity = FileIdentity(path: directory.isEmpty ? "." : directory) {
            return "\(identity.device):\(identity.inode)/\(name)"
        }
        return (path as NSString).standardizingPath
    }

    /// Refuses to run when standard output is a regular file that is one of the inputs (`detect p.jpg >> p.jpg`).
    func checkStandardOutput() throws(CommandError) {
        var status = stat()
        guard fstat(1, &status) == 0, FileStatus.isRegular(status), let input = inputs[FileIdentity(status)] else { return }
        throw CommandError("standard output is the input \(input): refusing to write over an input")
    }
}

/// Writing whole files: into a temporary file next to the target, renamed over it once complete, so that a failed
/// write leaves neither a partial file nor a damaged previous one. Errors say what failed in words.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws(CommandError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).partial"
        let descriptor = FileSystemPath.withRawPath(temporary) { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else { throw CommandError("\(path): cannot write: \(FileStatus.errorText())") }
        var failure = writeAll(descriptor, bytes)
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, FileSystemPath.withRawPath(temporary, { from in FileSystemPath.withRawPath(path) { rename(from, $0) } }) != 0 {
            failure = errno
        }
        if let failure {
            _ = FileSystemPath.withRawPath(temporary) { unlink($0) }
            throw CommandError("\(path): cannot write: \(FileStatus.errorText(failure))")
        }
    }

    static func write(_ text: String, to path: String) throws(CommandError) {
        try write(Array(text.utf8), to: path)
    }
}

/// Standard output, written line by line and checked: each line goes out with `write(2)` as soon as it is made
/// (so that a reader such as `head -1` gets it, and stops the command, at once), and a failed write (a full disk,
/// `/dev/full`, a closed descriptor) ends the command with an error instead of a cut output and exit status 0.
/// What other code prints with `print` is flushed and checked at exit.
enum StandardOutput {
    /// Writes `line` and a newline; exits with an error when the write fails.
    static func writeLine(_ line: String) {
        if let code = writeAll(1, Array((line + "\n").utf8)) { failed(code) }
    }

    /// Ends the command after a failed write: quietly for a reader that went away (`| head -1`), the way a
    /// default `SIGPIPE` would, with a one-line error otherwise.
    private static func failed(_ code: Int32) -> Never {
        if code == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        if errorReported { _exit(1) }
        let reason = code == EBADF || closedAtStart ? "it is closed" : FileStatus.errorText(code)
        FileHandle.standardError.write(Data("error: standard output: cannot write: \(reason)\n".utf8))
        _exit(1)
    }

    /// Set when an error was already printed: a failed write then only keeps the exit status non-zero.
    nonisolated(unsafe) static var errorReported = false
    nonisolated(unsafe) private static var closedAtStart = false

    /// Called first thing: a closed standard output (`>&-`) gets /dev/null opened read-only in its place, so that
    /// no file opened later takes descriptor 1 (and receives the output) while writes still fail; standard input
    /// and error get /dev/null when closed. At exit, what `print` buffered is flushed and checked.
    static func prepare() {
        if fcntl(1, F_GETFD) < 0 {
            closedAtStart = true
            let descriptor = open("/dev/null", O_RDONLY)
            if descriptor >= 0, descriptor != 1 {
                dup2(descriptor, 1)
                close(descriptor)
            }
        }
        for descriptor: Int32 in [0, 2] where fcntl(descriptor, F_GETFD) < 0 {
            let opened = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
        atexit {
            // fflush(NULL): every stream; standard output is the only buffered one written.
            if fflush(nil) != 0 { StandardOutput.failed(errno) }
        }
    }
}

/// Writes all of `bytes` to `descriptor` (retrying short writes and interruptions); the `errno` of a failure, or nil.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        done += n
    }
    return nil
}
