#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FilePaths

/// Reads a whole regular file into one array with a single allocation, or returns nil for a directory. `path` may
/// carry bytes that are not UTF-8 (``FileSystemPath``); the file is opened by its raw bytes, without waiting, so a
/// FIFO is refused rather than blocking.
func readWholeFile(atPath path: String) throws(GraphDefError) -> [UInt8]? {
    do {
        return try RegularFile.read(atPath: path)
    } catch {
        switch error {
        case .directory: return nil
        case .cannotOpen(_, let text): throw GraphDefError(.io, "cannot open: \(text)")
        case .cannotStat(let text): throw GraphDefError(.io, "cannot stat: \(text)")
        case .notRegular: throw GraphDefError(.io, "not a regular file (a FIFO, device or socket cannot be read as a model)")
        case .tooLarge(let size, _): throw GraphDefError(.io, "file size \(size) is not representable")
        case .cannotRead(let text, let offset): throw GraphDefError(.io, "read failed: \(text)", offset: offset)
        }
    }
}
