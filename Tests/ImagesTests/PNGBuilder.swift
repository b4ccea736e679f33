/// A deliberately simple PNG encoder for tests, independent of libpng: stored (uncompressed) deflate blocks, filter
/// type 0, any bit depth and color type, optional palette, tRNS and Adam7 interlacing. It also exposes the chunk
/// layout so tests can corrupt specific chunks.
struct PNGBuilder {
    /// PNG color types.
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6

        /// Samples per pixel.
        var samplesPerPixel: Int {
            switch self {
            case .gray, .palette: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    var width: Int
    var height: Int
    var colorType: ColorType
    var bitDepth: Int = 8
    var interlaced = false
    /// PLTE entries (r, g, b) for palette images.
    var palette: [(UInt8, UInt8, UInt8)] = []
    /// Raw tRNS payload, if any.
    var transparency: [UInt8]?

    /// The PNG file for `samples` (row-major, samplesPerPixel values per pixel, each < 2^bitDepth).
    func encode(samples: [Int]) -> [UInt8] {
        precondition(samples.count == width * height * colorType.samplesPerPixel)
        var ihdr = bigEndian32(width) + bigEndian32(height)
        ihdr += [UInt8(bitDepth), colorType.rawValue, 0, 0, interlaced ? 1 : 0]
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += PNGBuilder.chunk("IHDR", ihdr)
        if colorType == .palette {
            file += PNGBuilder.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] })
        }
        if let transparency { file += PNGBuilder.chunk("tRNS", transparency) }
        file += PNGBuilder.chunk("IDAT", PNGBuilder.zlibStored(rawScanlines(samples)))
        file += PNGBuilder.chunk("IEND", [])
        return file
    }

    /// Filter-0 scanlines, one pass after another for Adam7.
    func rawScanlines(_ samples: [Int]) -> [UInt8] {
        let passes: [(x0: Int, y0: Int, dx: Int, dy: Int)] = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var out: [UInt8] = []
        let spp = colorType.samplesPerPixel
        for pass in passes {
            let columns = stride(from: pass.x0, to: width, by: pass.dx).map { $0 }
            guard !columns.isEmpty else { continue }
            for y in stride(from: pass.y0, to: height, by: pass.dy) {
                out.append(0)
                var rowSamples: [Int] = []
                for x in columns {
                    for s in 0..<spp { rowSamples.append(samples[(y * width + x) * spp + s]) }
                }
                out += packSamples(rowSamples)
            }
        }
        return out
    }

    /// Packs samples MSB-first at the bit depth (16-bit big-endian).
    func packSamples(_ values: [Int]) -> [UInt8] {
        if bitDepth == 16 { return values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        if bitDepth == 8 { return values.map { UInt8($0) } }
        var out: [UInt8] = []
        var current = 0, used = 0
        for value in values {
            current = current << bitDepth | value
            used += bitDepth
            if used == 8 {
                out.append(UInt8(current))
                current = 0
                used = 0
            }
        }
        if used > 0 { out.append(UInt8(current << (8 - used))) }
        return out
    }

    /// A chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian32(data.count) + typeBytes + data + bigEndian32(Int(crc32(typeBytes + data)))
    }

    /// A zlib stream of stored deflate blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast = offset + count == data.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        return out + bigEndian32(Int(adler32(data)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// Byte ranges of each chunk in a PNG file: (type, start of length field, end after CRC).
    static func chunks(in file: [UInt8]) -> [(type: String, start: Int, end: Int)] {
        var result: [(String, Int, Int)] = []
        var position = 8
        while position + 12 <= file.count {
            let length = Int(file[position]) << 24 | Int(file[position + 1]) << 16 | Int(file[position + 2]) << 8
                | Int(file[position + 3])
            let type = String(decoding: file[(position + 4)..<(position + 8)], as: UTF8.self)
            let end = position + 12 + length
            guard end <= file.count else { break }
            result.append((type, position, end))
            position = end
        }
        return result
    }
}

func bigEndian32(_ value: Int) -> [UInt8] {
    [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}
