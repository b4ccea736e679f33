#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a regular file whole, refusing files larger than `maxBytes` before reading them.
func readFile(atPath path: String, maxBytes: Int) throws(ImageError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw ImageError("cannot open: \(systemErrorText())") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw ImageError("cannot stat: \(systemErrorText())") }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw ImageError("not a regular file") }
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
