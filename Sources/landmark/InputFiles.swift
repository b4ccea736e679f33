import Foundation

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

    /// The identity of the file open as `descriptor`, nil when it is not open.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }
}

/// `stat(2)` of paths, and what kind of file a status describes, in words.
enum FileStatus {
    /// The status of the file `path` names (symbolic links followed), nil when it cannot be had.
    static func of(_ path: String) -> stat? {
        var status = stat()
        return FilePath.withCString(path) { stat($0, &status) } == 0 ? status : nil
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
    /// "--model") when it is missing, a directory or not a regular file.
    @discardableResult
    static func requireRegular(_ path: String, role: String? = nil) throws(CommandError) -> FileIdentity {
        let label = role.map { "\($0) \(path)" } ?? path
        guard let status = FileStatus.of(path) else {
            throw CommandError("\(label): cannot read: \(FileStatus.errorText())")
        }
        guard FileStatus.isRegular(status) else {
            throw CommandError("\(label): is \(FileStatus.kind(status)), not a file that can be read")
        }
        return FileIdentity(status)
    }
}
