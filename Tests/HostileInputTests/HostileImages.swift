import Images

/// Hand-made hostile image files.
enum HostileImages {
    /// A small RGB image with some structure (so that JPEG has real entropy-coded data).
    static func sample() throws -> Image {
        let width = 32, height = 24
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8(x * 8), UInt8(y * 10), UInt8((x * y) % 256)] }
        }
        return try Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    /// A PNG chunk with a correct CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// A PNG whose IHDR declares `width` x `height` RGB (with valid CRCs) followed by a tiny IDAT: it must be refused
    /// from the header, before any pixel memory exists.
    static func absurdPNG(width: UInt32, height: UInt32) -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        return signature + chunk("IHDR", header) + chunk("IDAT", [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
            + chunk("IEND", [])
    }

    /// A baseline JPEG whose SOF declares `width` x `height`, made by patching a real one.
    static func absurdJPEG(width: UInt16, height: UInt16) throws -> [UInt8] {
        var jpeg = try sample().jpegData(quality: 80)
        guard let sof = (0..<(jpeg.count - 9)).first(where: { jpeg[$0] == 0xff && jpeg[$0 + 1] == 0xc0 }) else { return jpeg }
        jpeg[sof + 5] = UInt8(height >> 8)
        jpeg[sof + 6] = UInt8(height & 0xff)
        jpeg[sof + 7] = UInt8(width >> 8)
        jpeg[sof + 8] = UInt8(width & 0xff)
        return jpeg
    }

    /// A JPEG whose entropy-coded data after the start of scan is overwritten with garbage (corrupt Huffman codes).
    static func corruptHuffmanJPEG() throws -> [UInt8] {
        var jpeg = try sample().jpegData(quality: 80)
        guard let sos = (0..<(jpeg.count - 1)).first(where: { jpeg[$0] == 0xff && jpeg[$0 + 1] == 0xda }) else { return jpeg }
        let length = Int(jpeg[sos + 2]) << 8 | Int(jpeg[sos + 3])
        let start = sos + 2 + length
        for index in start..<(jpeg.count - 2) { jpeg[index] = UInt8(truncatingIfNeeded: index &* 37) | 0x01 & 0xfe }
        return jpeg
    }

    /// A PNG with one CRC byte flipped.
    static func badCRCPNG() throws -> [UInt8] {
        var png = try sample().pngData()
        // The IHDR chunk's CRC: signature (8) + length (4) + type (4) + data (13).
        png[8 + 4 + 4 + 13] ^= 0xff
        return png
    }
}
