import CImageCodecs

/// PNG decoding and encoding through the setjmp-safe libpng glue in `CImageCodecs`.
enum PNGCodec {
    /// Upper bound on decoded bytes per encoded byte: deflate expands at most 1032:1, and expanding 1-bit palette
    /// indices to RGBA multiplies by 32. A header promising more than this is rejected before allocation.
    static let maxExpansion = 1032 * 32

    /// Decodes PNG bytes of any color type, bit depth and interlacing to 8-bit gray (1), RGB (3) or RGBA (4)
    /// channels; gray+alpha is composited on black into gray, or with `keepingGrayAlpha` becomes RGBA with the
    /// gray in R, G and B. The header is checked against `limits` before any pixel memory is allocated.
    static func decode(_ bytes: [UInt8], limits: ImageLimits, keepingGrayAlpha: Bool = false) throws(ImageError) -> Image {
        var info = ic_image_info()
        var message = [CChar](repeating: 0, count: codecMessageCapacity)
        let headerStatus = bytes.withUnsafeBufferPointer { data in
            ic_png_decode(data.baseAddress, data.count, &info, nil, 0, &message, message.count)
        }
        guard headerStatus == 1 else { throw ImageError("PNG: \(codecMessage(message))") }
        let width = Int(info.width), height = Int(info.height), channels = Int(info.channels)
        let byteCount = try limits.check(width: width, height: height, channels: channels)
        let (plausibleBytes, overflow) = bytes.count.multipliedReportingOverflow(by: maxExpansion)
        guard overflow || byteCount <= plausibleBytes else {
            throw ImageError("PNG: \(bytes.count) bytes cannot hold a \(width)x\(height) image (truncated or forged header)")
        }
        var status: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initializedCount in
            status = bytes.withUnsafeBufferPointer { data in
                ic_png_decode(data.baseAddress, data.count, &info, buffer.baseAddress, byteCount, &message,
                              message.count)
            }
            initializedCount = status == 1 ? byteCount : 0
        }
        guard status == 1 else { throw ImageError("PNG: \(codecMessage(message))") }
        if channels == 2 && keepingGrayAlpha {
            return try Image(width: width, height: height, channels: 4,
                             pixels: grayAlphaToRGBA(pixels, pixelCount: width * height))
        }
        if channels == 2 {
            return try Image(width: width, height: height, channels: 1,
                             pixels: compositeGrayAlphaOnBlack(pixels, pixelCount: width * height))
        }
        return try Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Encodes an image as a non-interlaced 8-bit PNG with its own channel count (gray, RGB or RGBA).
    static func encode(_ image: Image) throws(ImageError) -> [UInt8] {
        guard let width = UInt32(exactly: image.width), let height = UInt32(exactly: image.height) else {
            throw ImageError("PNG: image \(image.width)x\(image.height) is too large to encode")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize = 0
        var message = [CChar](repeating: 0, count: codecMessageCapacity)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            ic_png_encode(pixels.baseAddress, width, height, UInt32(image.channels), &output, &outputSize,
                          &message, message.count)
        }
        guard status == 1, let output else { throw ImageError("PNG: \(codecMessage(message))") }
        defer { ic_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: outputSize))
    }

    /// Gray+alpha pairs to RGBA: the gray in R, G and B, the alpha kept.
    static func grayAlphaToRGBA(_ pairs: [UInt8], pixelCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixelCount * 4) { rgba, initializedCount in
            pairs.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let output = rgba.baseAddress else { return }
                for index in 0..<pixelCount {
                    let gray = input[2 * index]
                    output[4 * index] = gray
                    output[4 * index + 1] = gray
                    output[4 * index + 2] = gray
                    output[4 * index + 3] = input[2 * index + 1]
                }
            }
            initializedCount = pixelCount * 4
        }
    }

    /// Gray+alpha pairs to gray composited on black: `gray * alpha / 255`, rounded.
    static func compositeGrayAlphaOnBlack(_ pairs: [UInt8], pixelCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixelCount) { gray, initializedCount in
            pairs.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let output = gray.baseAddress else { return }
                for index in 0..<pixelCount {
                    output[index] = blendOnBlack(input[2 * index], alpha: input[2 * index + 1])
                }
            }
            initializedCount = pixelCount
        }
    }
}

/// `value * alpha / 255`, rounded to nearest.
@inline(__always)
func blendOnBlack(_ value: UInt8, alpha: UInt8) -> UInt8 {
    UInt8(truncatingIfNeeded: (UInt32(value) * UInt32(alpha) + 127) / 255)
}
