#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FilePaths

/// Reads a regular file whole, refusing files larger than `maxBytes` before reading them. The file is opened
/// without waiting, so that a FIFO is refused as not a regular file instead of blocking until a writer comes.
func readFile(atPath path: String, maxBytes: Int) throws(ImageError) -> [UInt8] {
    do {
        return try RegularFile.read(atPath: path, maxBytes: maxBytes)
    } catch {
        switch error {
        case .cannotOpen(_, let text): throw ImageError("cannot open: \(text)")
        case .cannotStat(let text): throw ImageError("cannot stat: \(text)")
        case .directory, .notRegular: throw ImageError("not a regular file")
        case .tooLarge(let size, let limit): throw ImageError("file of \(size) bytes exceeds the \(limit)-byte limit")
        case .cannotRead(let text, _): throw ImageError("cannot read: \(text)")
        }
    }
}
