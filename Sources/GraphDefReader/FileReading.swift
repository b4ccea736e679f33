#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FilePaths

/// Reads a whole regular file into one array with a single allocation, or returns nil for a directory. `path` may
/// carry bytes that are not UTF-8 (``FileSystemPath``); the file is opened by its raw bytes.
func readWholeFile(atPath path: String) throws(GraphDefError) -> [UInt8]? {
    // Opened without waiting, so that a FIFO is refused below instead of blocking until a writer comes.
    let descriptor = FileSystemPath.withRawPath(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard descriptor >= 0 else {
        throw GraphDefError(.io, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
        throw GraphDefError(.io, "cannot stat: \(String(cString: strerror(errno)))")
    }
    if (status.st_mode & S_IFMT) == S_IFDIR { return nil }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
        throw GraphDefError(.io, "not a regular file (a FIFO, device or socket cannot be read as a model)")
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    guard let size = Int(exactly: status.st_size), size >= 0 else {
        throw GraphDefError(.io, "file size \(status.st_size) is not representable")
    }
    var failure: GraphDefError?
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
        var filled = 0
        while filled < size, let base = buffer.baseAddress {
            let count = read(descriptor, base + filled, size - filled)
            if count > 0 {
                filled += count
            } else if count == 0 {
                break  // the file shrank while reading: keep what is there
            } else if errno != EINTR {
                failure = GraphDefError(.io, "read failed: \(String(cString: strerror(errno)))", offset: filled)
                break
            }
        }
        initializedCount = filled
    }
    if let failure { throw failure }
    return bytes
}
