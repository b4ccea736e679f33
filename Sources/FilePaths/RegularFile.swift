#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read whole; each reader words it in its own error type.
package enum FileReadFailure: Error, Sendable {
    /// `open` failed (`notFound` when the path does not exist); the system's text.
    case cannotOpen(notFound: Bool, String)
    /// `fstat` failed; the system's text.
    case cannotStat(String)
    /// The path names a directory.
    case directory
    /// A FIFO, device or socket: refused without waiting for a writer.
    case notRegular
    /// The file is larger than the caller allows (or than an `Int` holds).
    case tooLarge(size: Int64, limit: Int)
    /// `read` failed after `offset` bytes; the system's text.
    case cannotRead(String, offset: Int)
}

/// Reading a regular file whole by its path's raw bytes (``FileSystemPath``).
package enum RegularFile {
    /// The file's bytes, read with one allocation. The file is opened without waiting (`O_NONBLOCK`), so that a
    /// FIFO is refused as not a regular file instead of blocking until a writer comes; its size is checked against
    /// `maxBytes` before anything is allocated. A file that shrinks while it is read gives the bytes that were there.
    package static func read(atPath path: String, maxBytes: Int = Int.max) throws(FileReadFailure) -> [UInt8] {
        let descriptor = FileSystemPath.withRawPath(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .cannotOpen(notFound: errno == ENOENT, systemErrorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotStat(systemErrorText()) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .directory }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notRegular }
        // Back to blocking reads for the regular file.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        guard let size = Int(exactly: status.st_size), size >= 0, size <= maxBytes else {
            throw .tooLarge(size: Int64(status.st_size), limit: maxBytes)
        }
        var failure: FileReadFailure?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
            var filled = 0
            while filled < size, let base = buffer.baseAddress {
                let count = readBytes(descriptor, base + filled, size - filled)
                if count > 0 {
                    filled += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    failure = .cannotRead(systemErrorText(), offset: filled)
                    break
                }
            }
            initializedCount = filled
        }
        if let failure { throw failure }
        return bytes
    }

    private static func systemErrorText() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, named apart from ``RegularFile/read(atPath:maxBytes:)``.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
