#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FilePaths

/// Reads a regular file whole, refusing files larger than `maxBytes` before reading them. The file is opened
/// without waiting (`O_NONBLOCK`), so that a FIFO is refused as not a regular file instead of blocking until a
/// writer comes.
func readFile(atPath path: String, maxBytes: Int) throws(ImageError) -> [UInt8] {
    let descriptor = FileSystemPath.withRawPath(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard descriptor >= 0 else { throw ImageError("cannot open: \(systemErrorText())") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw ImageError("cannot stat: \(systemErrorText())") }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw ImageError("not a regular file") }
    // Back to blocking reads for the regular file.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    let size = Int(status.st_size)
    guard size <= maxBytes else { throw ImageError("file of \(size) bytes exceeds the \(maxBytes)-byte limit") }
    var readError: String?
    var total = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
        while total < size, let base = buffer.baseAddress {
            let count = read(descriptor, base + total, size - total)
            if count < 0 {
                if errno == EINTR { continue }
                readError = systemErrorText()
                break
            }
            if count == 0 { break }
            total += count
        }
        initializedCount = total
    }
    if let readError { throw ImageError("cannot read: \(readError)") }
    return bytes
}

/// The text for the current `errno`.
private func systemErrorText() -> String {
    String(cString: strerror(errno))
}
