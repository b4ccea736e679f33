/// Netpbm PGM/PPM decoding (P2/P3 ASCII, P5/P6 binary, maxval 1...65535) and binary PGM/PPM encoding.
enum PNMCodec {
    /// Decodes PGM to gray (1 channel) or PPM to RGB (3 channels), scaling samples to 0...255 (rounded). The header
    /// is checked against `limits` before pixel memory is allocated; samples above maxval and short data are errors.
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(ImageError) -> Image {
        var reader = PNMTokenReader(bytes: bytes)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else { throw ImageError("PNM: missing P magic") }
        let kind = bytes[1]
        let channels: Int, isBinary: Bool
        switch kind {
        case UInt8(ascii: "2"): (channels, isBinary) = (1, false)
        case UInt8(ascii: "3"): (channels, isBinary) = (3, false)
        case UInt8(ascii: "5"): (channels, isBinary) = (1, true)
        case UInt8(ascii: "6"): (channels, isBinary) = (3, true)
        default: throw ImageError("PNM: unsupported magic P\(Character(Unicode.Scalar(kind)))")
        }
        let name = "P\(Character(Unicode.Scalar(kind)))"
        reader.position = 2
        let width = try reader.headerNumber("width", format: name)
        let height = try reader.headerNumber("height", format: name)
        let maxval = try reader.headerNumber("maxval", format: name)
        guard (1...65535).contains(maxval) else {
            throw ImageError("\(name): maxval \(maxval) is outside 1...65535")
        }
        let sampleCount = try limits.check(width: width, height: height, channels: channels)
        let samples: [UInt8]
        if isBinary {
            guard reader.position < bytes.count, isNetpbmWhitespace(bytes[reader.position]) else {
                throw ImageError("\(name): missing whitespace after maxval at byte \(reader.position)")
            }
            samples = try decodeBinary(bytes, from: reader.position + 1, sampleCount: sampleCount, maxval: maxval,
                                       format: name)
        } else {
            samples = try decodeASCII(bytes, from: reader.position, sampleCount: sampleCount, maxval: maxval,
                                      format: name)
        }
        return try Image(width: width, height: height, channels: channels, pixels: samples)
    }

    /// Binary samples: one byte each for maxval < 256, else two bytes big-endian.
    static func decodeBinary(_ bytes: [UInt8], from start: Int, sampleCount: Int, maxval: Int,
                             format: String) throws(ImageError) -> [UInt8] {
        let bytesPerSample = maxval < 256 ? 1 : 2
        let available = bytes.count - start
        let (needed, overflow) = sampleCount.multipliedReportingOverflow(by: bytesPerSample)
        guard !overflow, available >= needed else {
            throw ImageError("\(format): pixel data too short: need \(needed) bytes, found \(max(available, 0))")
        }
        var badSample: (offset: Int, value: Int)?
        let scaled = [UInt8](unsafeUninitializedCapacity: sampleCount) { output, initializedCount in
            bytes.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress.map({ $0 + start }), let out = output.baseAddress else { return }
                if maxval == 255 {
                    out.update(from: input, count: sampleCount)
                    return
                }
                for index in 0..<sampleCount {
                    let value = bytesPerSample == 1
                        ? Int(input[index]) : Int(input[2 * index]) << 8 | Int(input[2 * index + 1])
                    if value > maxval {
                        badSample = (start + index * bytesPerSample, value)
                        return
                    }
                    out[index] = UInt8(truncatingIfNeeded: (value * 255 + maxval / 2) / maxval)
                }
            }
            initializedCount = sampleCount
        }
        if let badSample {
            throw ImageError("\(format): sample \(badSample.value) at byte \(badSample.offset) exceeds maxval \(maxval)")
        }
        return scaled
    }

    /// ASCII samples: decimal numbers separated by whitespace ('#' comments allowed between them).
    static func decodeASCII(_ bytes: [UInt8], from start: Int, sampleCount: Int, maxval: Int,
                            format: String) throws(ImageError) -> [UInt8] {
        var failure: ImageError?
        let scaled = [UInt8](unsafeUninitializedCapacity: sampleCount) { output, initializedCount in
            bytes.withUnsafeBufferPointer { source in
                guard let out = output.baseAddress else { return }
                var reader = PNMTokenReader(bytes: source, position: start)
                for index in 0..<sampleCount {
                    switch reader.nextNumber(limit: maxval) {
                    case .number(let value):
                        out[index] = UInt8(truncatingIfNeeded: (value * 255 + maxval / 2) / maxval)
                    case .tooLarge(let offset):
                        failure = ImageError("\(format): sample at byte \(offset) exceeds maxval \(maxval)")
                        return
                    case .notANumber(let offset):
                        failure = ImageError("\(format): expected a decimal sample at byte \(offset)")
                        return
                    case .end:
                        failure = ImageError("\(format): pixel data too short: found \(index) of \(sampleCount) samples")
                        return
                    }
                }
            }
            initializedCount = sampleCount
        }
        if let failure { throw failure }
        return scaled
    }

    /// Binary PGM (gray) or PPM (RGB; RGBA is composited on black) with maxval 255.
    static func encode(_ image: Image) -> [UInt8] {
        let source = image.channels == 4 ? image.rgb() : image
        let magic = source.channels == 1 ? "P5" : "P6"
        return Array("\(magic)\n\(source.width) \(source.height)\n255\n".utf8) + source.pixels
    }
}

/// A cursor over Netpbm text: whitespace, '#' comments to end of line, unsigned decimal numbers.
struct PNMTokenReader<Bytes: RandomAccessCollection> where Bytes.Element == UInt8, Bytes.Index == Int {
    /// The whole file.
    let bytes: Bytes
    /// Offset of the next unread byte.
    var position: Int

    init(bytes: Bytes, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Outcome of reading one number.
    enum Token {
        case number(Int)
        case tooLarge(offset: Int)
        case notANumber(offset: Int)
        case end
    }

    /// Skips whitespace and comments, then reads a decimal number no larger than `limit`.
    mutating func nextNumber(limit: Int) -> Token {
        while position < bytes.endIndex {
            let byte = bytes[position]
            if isNetpbmWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "#") {
                while position < bytes.endIndex, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                break
            }
        }
        guard position < bytes.endIndex else { return .end }
        let start = position
        var value = 0
        while position < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            if value > limit { return .tooLarge(offset: start) }
            position += 1
        }
        guard position > start else { return .notANumber(offset: start) }
        if position < bytes.endIndex, !isNetpbmWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "#") {
            return .notANumber(offset: start)
        }
        return .number(value)
    }

    /// Reads a positive header field (width, height, maxval), naming it in errors.
    mutating func headerNumber(_ field: String, format: String) throws(ImageError) -> Int {
        switch nextNumber(limit: Int(Int32.max)) {
        case .number(let value): return value
        case .tooLarge(let offset): throw ImageError("\(format): \(field) at byte \(offset) is too large")
        case .notANumber(let offset): throw ImageError("\(format): expected \(field) as a decimal number at byte \(offset)")
        case .end: throw ImageError("\(format): header ends before \(field)")
        }
    }
}

/// Netpbm whitespace: space, tab, LF, VT, FF, CR.
func isNetpbmWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
}
