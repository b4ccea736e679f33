import FilePaths
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing NumPy `.npy` files (format versions 1.0, 2.0 and 3.0, C order, little-endian).
public enum NPY {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    /// Reads a tensor from a `.npy` file. The path may carry bytes that are not UTF-8 (``FileSystemPath``); the
    /// file is opened by its raw bytes, and refused if it is not a regular file (a directory, a FIFO).
    public static func read(contentsOf url: URL) throws(TensorError) -> Tensor {
        let path = url.path
        let bytes: [UInt8]
        do {
            bytes = try readRegularFile(atPath: path)
        } catch {
            throw TensorError("\(path): \(error.message)")
        }
        do {
            return try decode(bytes)
        } catch {
            throw TensorError("\(path): \(error.message)")
        }
    }

    /// Decodes the bytes of a `.npy` file.
    public static func decode(_ bytes: [UInt8]) throws(TensorError) -> Tensor {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw TensorError("not a .npy file (bad magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw TensorError("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw TensorError("unsupported .npy format version \(major)")
        }
        guard headerLength <= bytes.count - headerStart else { throw TensorError("truncated .npy header") }
        guard let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw TensorError("the .npy header is not text")
        }
        let (dtype, fortranOrder, shape) = try parseHeader(header)
        guard !fortranOrder else {
            throw TensorError("Fortran-order .npy arrays are not supported; save with np.ascontiguousarray")
        }
        guard let needed = ShapeMath.byteCount(shape, dtype: dtype) else {
            throw TensorError("the .npy shape \(ShapeMath.describe(shape)) is too large")
        }
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        guard available == needed else {
            throw TensorError(
                "the .npy header declares \(dtype) \(ShapeMath.describe(shape)) (\(needed) bytes) but the file holds \(available) data bytes")
        }
        var tensor = try Tensor(zeros: dtype, shape: shape)
        tensor.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { raw in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[dataStart...]))
            }
        }
        return tensor
    }

    private static func parseHeader(_ header: String) throws(TensorError) -> (DType, Bool, [Int]) {
        func value(of key: String) -> Substring? {
            guard let keyRange = header.range(of: "'\(key)'") else { return nil }
            var rest = header[keyRange.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        guard let descrRest = value(of: "descr"), descrRest.first == "'",
              let descrEnd = descrRest.dropFirst().firstIndex(of: "'")
        else { throw TensorError("the .npy header has no 'descr'") }
        let descr = String(descrRest[descrRest.index(after: descrRest.startIndex)..<descrEnd])
        let dtype = try dtypeForDescr(descr)

        guard let fortranRest = value(of: "fortran_order") else { throw TensorError("the .npy header has no 'fortran_order'") }
        let fortran = fortranRest.hasPrefix("True")

        guard let shapeRest = value(of: "shape"), shapeRest.first == "(",
              let close = shapeRest.firstIndex(of: ")")
        else { throw TensorError("the .npy header has no 'shape'") }
        let inner = shapeRest[shapeRest.index(after: shapeRest.startIndex)..<close]
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if trimmed.isEmpty { continue }
            guard let dim = Int(trimmed), dim >= 0 else { throw TensorError("bad .npy shape '\(inner)'") }
            shape.append(dim)
        }
        return (dtype, fortran, shape)
    }

    private static func dtypeForDescr(_ descr: String) throws(TensorError) -> DType {
        guard let order = descr.first, descr.count >= 2 else { throw TensorError("bad .npy dtype '\(descr)'") }
        let code = descr.dropFirst()
        if order == ">" && !(code == "u1" || code == "i1" || code == "b1") {
            throw TensorError("big-endian .npy dtype '\(descr)' is not supported")
        }
        switch code {
        case "f4": return .float32
        case "f8": return .float64
        case "f2": return .float16
        case "i4": return .int32
        case "i8": return .int64
        case "i2": return .int16
        case "i1": return .int8
        case "u1": return .uint8
        case "u2": return .uint16
        case "b1": return .bool
        default: throw TensorError("unsupported .npy dtype '\(descr)'")
        }
    }

    private static func descr(for dtype: DType) throws(TensorError) -> String {
        switch dtype {
        case .float32: return "<f4"
        case .float64: return "<f8"
        case .float16: return "<f2"
        case .int32: return "<i4"
        case .int64: return "<i8"
        case .int16: return "<i2"
        case .int8: return "|i1"
        case .uint8: return "|u1"
        case .uint16: return "<u2"
        case .bool: return "|b1"
        case .bfloat16: throw TensorError("bfloat16 has no .npy dtype")
        }
    }

    /// Encodes a tensor as the bytes of a version 1.0 `.npy` file.
    public static func encode(_ tensor: Tensor) throws(TensorError) -> [UInt8] {
        let shapeText: String
        switch tensor.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(tensor.shape[0]),)"
        default: shapeText = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(try descr(for: tensor.dtype))', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad so that the data starts on a 64-byte boundary; the header ends with a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let headerBytes = Array(header.utf8)
        var bytes = magic + [1, 0, UInt8(headerBytes.count & 0xff), UInt8(headerBytes.count >> 8)]
        bytes += headerBytes
        tensor.withUnsafeBytes { bytes += $0 }
        return bytes
    }

    /// Writes a tensor to a `.npy` file, created or truncated. The path may carry bytes that are not UTF-8
    /// (``FileSystemPath``); the file is named by its raw bytes.
    public static func write(_ tensor: Tensor, to url: URL) throws(TensorError) {
        let bytes = try encode(tensor)
        let path = url.path
        do {
            try writeFile(bytes, atPath: path)
        } catch {
            throw TensorError("\(path): cannot write: \(error.message)")
        }
    }
}

/// The whole content of the regular file at `path`, opened without waiting so that a FIFO is refused instead
/// of blocking until a writer comes.
private func readRegularFile(atPath path: String) throws(TensorError) -> [UInt8] {
    do {
        return try RegularFile.read(atPath: path)
    } catch {
        switch error {
        case .cannotOpen(let notFound, let text): throw TensorError(notFound ? "no such file" : "cannot open: \(text)")
        case .cannotStat(let text): throw TensorError("cannot stat: \(text)")
        case .directory: throw TensorError("is a directory, not a .npy file")
        case .notRegular: throw TensorError("not a regular file")
        case .tooLarge(let size, _): throw TensorError("file size \(size) is not representable")
        case .cannotRead(let text, _): throw TensorError("cannot read: \(text)")
        }
    }
}

/// The text for the current `errno`.
private func systemErrorText() -> String {
    String(cString: strerror(errno))
}

/// Writes `bytes` to the file at `path`, created or truncated.
private func writeFile(_ bytes: [UInt8], atPath path: String) throws(TensorError) {
    let descriptor = FileSystemPath.withRawPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
    guard descriptor >= 0 else { throw TensorError(systemErrorText()) }
    var failure: String?
    bytes.withUnsafeBytes { buffer in
        var written = 0
        while written < buffer.count, let base = buffer.baseAddress {
            let count = write(descriptor, base + written, buffer.count - written)
            if count >= 0 {
                written += count
            } else if errno != EINTR {
                failure = systemErrorText()
                break
            }
        }
    }
    if close(descriptor) != 0, failure == nil { failure = systemErrorText() }
    if let failure { throw TensorError(failure) }
}
