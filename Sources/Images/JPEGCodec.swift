import CImageCodecs

/// JPEG decoding and encoding through the setjmp-safe libjpeg glue in `CImageCodecs`.
enum JPEGCodec {
    /// Progressive files with more scans than this are rejected (each scan costs a pass over the image).
    static let maxScans: UInt32 = 1000

    /// Decodes JPEG bytes to gray (1 channel) or RGB (3 channels) without applying EXIF orientation. The header is
    /// checked against `limits` before any pixel memory is allocated.
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(ImageError) -> Image {
        var info = ic_image_info()
        var message = [CChar](repeating: 0, count: codecMessageCapacity)
        let headerStatus = bytes.withUnsafeBufferPointer { data in
            ic_jpeg_decode(data.baseAddress, data.count, maxScans, &info, nil, 0, &message, message.count)
        }
        guard headerStatus == 1 else { throw ImageError("JPEG: \(codecMessage(message))") }
        let width = Int(info.width), height = Int(info.height), channels = Int(info.channels)
        let byteCount = try limits.check(width: width, height: height, channels: channels)
        var status: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initializedCount in
            status = bytes.withUnsafeBufferPointer { data in
                ic_jpeg_decode(data.baseAddress, data.count, maxScans, &info, buffer.baseAddress, byteCount,
                               &message, message.count)
            }
            initializedCount = status == 1 ? byteCount : 0
        }
        guard status == 1 else { throw ImageError("JPEG: \(codecMessage(message))") }
        return try Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Encodes a gray or RGB image (RGBA is composited on black first) as baseline JPEG, quality 1...100.
    static func encode(_ image: Image, quality: Int) throws(ImageError) -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw ImageError("JPEG quality \(quality) is outside 1...100")
        }
        let source = image.channels == 4 ? image.rgb() : image
        guard let width = UInt32(exactly: source.width), let height = UInt32(exactly: source.height) else {
            throw ImageError("JPEG: image \(source.width)x\(source.height) is too large to encode")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize = 0
        var message = [CChar](repeating: 0, count: codecMessageCapacity)
        let status = source.pixels.withUnsafeBufferPointer { pixels in
            ic_jpeg_encode(pixels.baseAddress, width, height, UInt32(source.channels), Int32(quality), &output,
                           &outputSize, &message, message.count)
        }
        guard status == 1, let output else { throw ImageError("JPEG: \(codecMessage(message))") }
        defer { ic_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: outputSize))
    }
}
