/// Capacity of the message buffers handed to the C codec glue.
let codecMessageCapacity = 256

/// The NUL-terminated text in a C message buffer, decoded as UTF-8 (invalid bytes repaired).
func codecMessage(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.isEmpty ? "unknown error" : text
}
