import FilePaths
import Foundation
import Images

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the `ffmpeg` and `ffprobe` programs are.
public enum FFmpeg {
    /// The path of a program named `name` on `PATH` (the environment variable `LANDMARK_FFMPEG_DIR`, when set,
    /// is searched first), or nil.
    public static func executable(_ name: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        var directories: [String] = []
        if let override = environment["LANDMARK_FFMPEG_DIR"], !override.isEmpty { directories.append(override) }
        directories += (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for directory in directories where !directory.isEmpty {
            let path = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The path of `name`, or a ``VideoError/Kind/ffmpegMissing`` error saying how to install it.
    static func require(_ name: String) throws(VideoError) -> String {
        guard let path = executable(name) else {
            throw VideoError(.ffmpegMissing,
                "\(name) is not installed (not found on PATH): install Debian's ffmpeg package (apt-get install ffmpeg)")
        }
        return path
    }
}

/// A running `ffmpeg`/`ffprobe` child with raw pipe descriptors for its standard input and output, and its
/// standard error drained by a thread (so that a chatty child never blocks on a full pipe) into lines kept for
/// error messages and handed out as warnings.
final class FFmpegProcess: @unchecked Sendable {
    private let process = Process()
    private let label: String
    /// Our end of the child's standard input (write), or -1.
    private(set) var inputDescriptor: Int32 = -1
    /// Our end of the child's standard output (read), or -1.
    private(set) var outputDescriptor: Int32 = -1
    private let errorDescriptor: Int32
    private let lock = NSLock()
    private var errorLines: [String] = []
    private var pendingWarnings: [String] = []
    private var errorDone = false
    private let errorFinished = DispatchSemaphore(value: 0)
    private var waited = false

    /// Starts `executable` with `arguments`; `input`/`output` say whether its standard input and output are pipes
    /// to us (otherwise /dev/null); `environment` is added to ours.
    init(executable: String, arguments: [String], input: Bool, output: Bool, label: String,
         environment: [String: String] = [:]) throws(VideoError) {
        self.label = label
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        var childEnds: [Int32] = []
        func makePipe() throws(VideoError) -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw VideoError(.ffmpegFailed, "\(label): cannot create a pipe (errno \(errno))") }
            // Neither end may leak into another child (a second ffmpeg holding our write end would never see EOF).
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            #if os(Linux)
            // Room for about one 640x480 RGB frame in flight, so the child and we overlap (best effort).
            _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, 1 << 20)
            #endif
            return (fds[0], fds[1])
        }
        let errorPipe = try makePipe()
        errorDescriptor = errorPipe.read
        childEnds.append(errorPipe.write)
        process.standardError = FileHandle(fileDescriptor: errorPipe.write, closeOnDealloc: false)
        if input {
            let p = try makePipe()
            inputDescriptor = p.write
            childEnds.append(p.read)
            process.standardInput = FileHandle(fileDescriptor: p.read, closeOnDealloc: false)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        if output {
            let p = try makePipe()
            outputDescriptor = p.read
            childEnds.append(p.write)
            process.standardOutput = FileHandle(fileDescriptor: p.write, closeOnDealloc: false)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            for fd in childEnds + [errorDescriptor, inputDescriptor, outputDescriptor] where fd >= 0 { close(fd) }
            throw VideoError(.ffmpegFailed, "\(label): cannot start \(executable): \(error)")
        }
        for fd in childEnds { close(fd) }
        let thread = Thread { [self] in drainErrors() }
        thread.stackSize = 1 << 18
        thread.start()
    }

    deinit {
        if !waited {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        for fd in [inputDescriptor, outputDescriptor] where fd >= 0 { close(fd) }
    }

    /// Reads the child's standard error line by line until it closes.
    private func drainErrors() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var line: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(errorDescriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            for byte in buffer[0..<n] {
                if byte == 0x0A || byte == 0x0D {
                    if !line.isEmpty { record(String(decoding: line, as: UTF8.self)) }
                    line.removeAll(keepingCapacity: true)
                } else if line.count < 1000 {
                    line.append(byte)
                }
            }
        }
        if !line.isEmpty { record(String(decoding: line, as: UTF8.self)) }
        close(errorDescriptor)
        lock.lock()
        errorDone = true
        lock.unlock()
        errorFinished.signal()
    }

    private func record(_ line: String) {
        lock.lock()
        errorLines.append(line)
        if errorLines.count > 40 { errorLines.removeFirst(errorLines.count - 40) }
        if pendingWarnings.count < 1000 { pendingWarnings.append(line) }
        lock.unlock()
    }

    /// The child's standard error lines not yet taken (at most 1000 are kept between calls).
    func takeMessages() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let lines = pendingWarnings
        pendingWarnings.removeAll()
        return lines
    }

    /// The child's last standard error lines, joined with "; ", "" when it printed nothing.
    func errorSummary(lines count: Int = 3) -> String {
        lock.lock()
        defer { lock.unlock() }
        return errorLines.suffix(count).joined(separator: "; ")
    }

    /// Closes our end of the child's standard input (the child sees end of file).
    func closeInput() {
        if inputDescriptor >= 0 {
            close(inputDescriptor)
            inputDescriptor = -1
        }
    }

    /// Closes our end of the child's standard output (a child still writing gets EPIPE and stops).
    func closeOutput() {
        if outputDescriptor >= 0 {
            close(outputDescriptor)
            outputDescriptor = -1
        }
    }

    /// Stops the child (SIGTERM) if it still runs.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits for the child to exit and for its standard error to be read to the end; returns its exit status
    /// (128 + signal number when a signal ended it).
    @discardableResult
    func wait() -> Int32 {
        if !waited {
            process.waitUntilExit()
            waited = true
        }
        errorFinished.wait()
        errorFinished.signal()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Reads exactly `count` bytes into `buffer` unless the output ends first; returns how many were read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(VideoError) -> Int {
        guard let base = buffer.baseAddress, outputDescriptor >= 0 else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = read(outputDescriptor, base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw VideoError(.ffmpegFailed, "\(label): reading from ffmpeg failed (errno \(errno))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Writes all of `bytes` to the child's standard input; throws when the child no longer reads (it exited).
    func writeFully(_ bytes: UnsafeRawBufferPointer) throws(VideoError) {
        guard let base = bytes.baseAddress else { return }
        guard inputDescriptor >= 0 else { throw VideoError(.ffmpegFailed, "\(label): ffmpeg's input is closed") }
        var done = 0
        while done < bytes.count {
            let n = write(inputDescriptor, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                closeInput()
                let status = wait()
                let detail = errorSummary()
                throw VideoError(.ffmpegFailed, "\(label): ffmpeg stopped reading frames (\(code == EPIPE ? "exited" : "errno \(code)"), status \(status))"
                    + (detail.isEmpty ? "" : ": \(detail)"))
            }
            done += n
        }
    }
}

/// Makes writing to a pipe whose reader has exited an `EPIPE` error instead of a fatal `SIGPIPE` (process-wide,
/// once).
enum BrokenPipe {
    static let ignored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
}

/// A name `ffmpeg` can open for a file to read. A path that is valid UTF-8 is passed as it is; one holding bytes
/// that are not (a Latin-1 `caf\xe9.mp4`, carried as ``FileSystemPath`` escapes) cannot go through a child's
/// arguments, so on Linux the file is opened here and `ffmpeg` gets `/proc/<our pid>/fd/<n>`, valid while this
/// value lives.
final class FFmpegInputPath {
    /// The argument for `ffmpeg -i`.
    let argument: String
    private var descriptor: Int32 = -1

    init(_ path: String) throws(VideoError) {
        guard FileSystemPath.needsRawBytes(path) else {
            argument = path
            return
        }
        #if os(Linux)
        descriptor = FileSystemPath.withRawPath(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw VideoError(.unreadable, "\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        argument = "/proc/\(getpid())/fd/\(descriptor)"
        #else
        argument = path
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
