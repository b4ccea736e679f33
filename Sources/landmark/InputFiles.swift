import FilePaths
import Foundation
import Images

#if canImport(Glibc)
import Glibc
#endif

/// An error of the command line about the user's files, with a one-line message naming the file.
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A file's identity: its device and inode, the same whatever path, symbolic link or hard link names it.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identity of the file `path` names (symbolic links followed), nil when nothing is there.
    init?(path: String) {
        guard let status = FileStatus.of(path) else { return nil }
        self.init(status)
    }
}

/// `stat(2)` of paths, and what kind of file a status describes, in words.
enum FileStatus {
    /// The status of the file `path` names (symbolic links followed), nil when it cannot be had.
    static func of(_ path: String) -> stat? {
        var status = stat()
        return FileSystemPath.withRawPath(path) { stat($0, &status) } == 0 ? status : nil
    }

    static func isRegular(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }
    static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }

    /// "a FIFO", "a directory", ... for messages.
    static func kind(_ status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// The text of the current `errno`.
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// Checks of the files a command reads: each must be a regular file (a FIFO, device or socket would block the
/// command or never end), checked with `stat` before anything opens it.
enum InputFile {
    /// The identity of the regular file at `path`; throws a one-line error naming `path` (and `role`, e.g.
    /// "--model") when it is missing or not a regular file. A directory passes with `allowDirectory` (a model
    /// path: the reader then says what kind of model directory it is and how to freeze it).
    @discardableResult
    static func requireRegular(_ path: String, role: String? = nil, allowDirectory: Bool = false) throws(CommandError) -> FileIdentity {
        let label = role.map { "\($0) \(path)" } ?? path
        guard let status = FileStatus.of(path) else {
            throw CommandError("\(label): cannot read: \(FileStatus.errorText())")
        }
        guard FileStatus.isRegular(status) || (allowDirectory && FileStatus.isDirectory(status)) else {
            throw CommandError("\(label): is \(FileStatus.kind(status)), not a file that can be read")
        }
        return FileIdentity(status)
    }
}

/// The image files a `detect` run reads, found from its arguments: files as given, directories replaced by the
/// images they hold (sorted; sub-folders too with `recursive`), and `-` by the paths standard input lists, one per
/// line. Each image keeps the name its drawing gets under a `--draw` directory: its file name, or its path
/// below the directory argument it was found in.
struct ImageInputs {
    /// An image to read.
    struct Entry {
        var path: String
        /// The path below `--draw`'s directory for its drawing (without the drawing's extension change).
        var drawName: String
    }

    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "ppm", "pgm", "pnm"]

    private(set) var entries: [Entry] = []
    /// Messages about what was skipped (non-regular files, sub-folders without `recursive`).
    private(set) var warnings: [String] = []
    /// Whether a directory or `-` was among the arguments (then `--draw` names a directory).
    private(set) var hasDirectoryOrList = false

    /// Expands `arguments`; throws for an argument that is a FIFO, device or socket, and for an unreadable
    /// directory.
    init(_ arguments: [String], recursive: Bool, standardInput: () -> [UInt8]) throws(CommandError) {
        for argument in arguments {
            if argument == "-" {
                hasDirectoryOrList = true
                let bytes = standardInput()
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    var line = Array(line)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    guard !line.isEmpty else { continue }
                    let path = line.withUnsafeBufferPointer { FileSystemPath.string(fromRaw: $0) }
                    try addArgument(path, recursive: recursive)
                }
            } else {
                try addArgument(argument, recursive: recursive)
            }
        }
    }

    private mutating func addArgument(_ path: String, recursive: Bool) throws(CommandError) {
        if let status = FileStatus.of(path) {
            if FileStatus.isDirectory(status) {
                hasDirectoryOrList = true
                try scan(path, below: "", recursive: recursive)
                return
            }
            guard FileStatus.isRegular(status) else {
                throw CommandError("\(path): is \(FileStatus.kind(status)), not an image file")
            }
        }
        // A missing file is reported when it is read, with the other images still processed.
        entries.append(Entry(path: path, drawName: (path as NSString).lastPathComponent))
    }

    private mutating func scan(_ directory: String, below prefix: String, recursive: Bool) throws(CommandError) {
        let names = try Self.list(directory)
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let status = FileStatus.of(path) else { continue }
            if FileStatus.isDirectory(status) {
                if recursive {
                    try scan(path, below: prefix + name + "/", recursive: true)
                } else if !name.hasPrefix(".") {
                    warnings.append("\(path): sub-folder skipped (--recursive searches sub-folders)")
                }
                continue
            }
            guard Self.imageExtensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            guard FileStatus.isRegular(status) else {
                warnings.append("\(path): skipped: \(FileStatus.kind(status)), not an image file")
                continue
            }
            entries.append(Entry(path: path, drawName: prefix + name))
        }
    }

    /// The names in `directory` (without `.` and `..`), read with `readdir` so that names that are not UTF-8
    /// survive (see ``FileSystemPath``).
    static func list(_ directory: String) throws(CommandError) -> [String] {
        guard let stream = FileSystemPath.withRawPath(directory, { opendir($0) }) else {
            throw CommandError("\(directory): cannot list the directory: \(FileStatus.errorText())")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { FileSystemPath.string(fromRaw: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
