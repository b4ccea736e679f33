#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File names that are not UTF-8 (a Latin-1 `caf\xe9.png`) carried in a `String`: each byte that is not part of
/// valid UTF-8 becomes the private-use character U+F700 + byte (U+F780...U+F7FF), and becomes that byte again
/// when the path is opened. Valid UTF-8 is kept as it is.
package enum FileSystemPath {
    private static let base: UInt32 = 0xF700

    /// The path of the C string `bytes`, with the bytes that are not valid UTF-8 escaped.
    package static func string(fromRaw bytes: UnsafePointer<CChar>) -> String {
        let count = strlen(bytes)
        return bytes.withMemoryRebound(to: UInt8.self, capacity: count) { string(fromRaw: UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// The path of `bytes`, with the bytes that are not valid UTF-8 escaped.
    package static func string(fromRaw bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let scalar = String(validating: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)?
                .unicodeScalars.first {
                result.append(scalar)
                index += length
            } else {
                result.append(Unicode.Scalar(base + UInt32(lead))!)
                index += 1
            }
        }
        return String(result)
    }

    /// The bytes of `path` for the system: escaped bytes turned back into themselves.
    package static func raw(_ path: String) -> [CChar] {
        var bytes: [CChar] = []
        bytes.reserveCapacity(path.utf8.count + 1)
        for scalar in path.unicodeScalars {
            if scalar.value >= base + 0x80, scalar.value <= base + 0xFF {
                bytes.append(CChar(bitPattern: UInt8(scalar.value - base)))
            } else {
                for unit in String(scalar).utf8 { bytes.append(CChar(bitPattern: unit)) }
            }
        }
        bytes.append(0)
        return bytes
    }

    /// Whether `path` holds escaped bytes (its system bytes are not its UTF-8).
    package static func needsRawBytes(_ path: String) -> Bool {
        path.unicodeScalars.contains { $0.value >= base + 0x80 && $0.value <= base + 0xFF }
    }

    /// Calls `body` with the system's bytes of `path`.
    package static func withRawPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        let bytes = raw(path)
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `path` for messages and JSON: escaped bytes shown as the Latin-1 characters they are in a Latin-1 name.
    package static func display(_ path: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in path.unicodeScalars {
            if scalar.value >= base + 0x80, scalar.value <= base + 0xFF {
                result.append(Unicode.Scalar(scalar.value - base)!)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
