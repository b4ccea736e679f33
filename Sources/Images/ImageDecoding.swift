import Foundation

extension Image {
    /// Decodes JPEG, PNG (1/2/4/8/16-bit; gray, gray+alpha, RGB, RGBA, palette; interlaced) or binary/ASCII
    /// PGM/PPM (P5/P6/P2/P3, maxval up to 65535), chosen by sniffing the leading bytes, never by a name.
    ///
    /// The result is always RGB (3 channels): gray is replicated, and alpha is composited on black
    /// (`channel * alpha / 255`), so transparent areas come out black. JPEG EXIF orientation (all 8 values) is
    /// applied to the pixels. 16-bit samples are scaled to 8 bits with rounding; no gamma or ICC correction is done.
    /// Header sizes are checked against `limits` before any pixel memory is allocated. Corrupt or truncated data
    /// (including JPEG entropy data that libjpeg only warns about, PNG CRC errors and a missing PNG IEND) throws.
    public init(data: [UInt8], limits: ImageLimits = .init()) throws(ImageError) {
        self = try Image.decodeKeepingChannels(data, limits: limits).rgb()
    }

    /// Decodes the file at `url` like `init(data:limits:)`. Every error message starts with the file's path.
    public init(contentsOf url: URL, limits: ImageLimits = .init()) throws(ImageError) {
        let path = url.path
        do throws(ImageError) {
            let bytes = try readFile(atPath: path, maxBytes: limits.maxEncodedBytes)
            self = try Image(data: bytes, limits: limits)
        } catch {
            throw ImageError("\(path): \(error.message)")
        }
    }

    /// Decodes the file at `url` like `decodeKeepingChannels(_:limits:keepingGrayAlpha:)`. Every error message
    /// starts with the file's path.
    public static func decodeKeepingChannels(contentsOf url: URL, limits: ImageLimits = .init(),
                                             keepingGrayAlpha: Bool = false) throws(ImageError) -> Image {
        let path = url.path
        do throws(ImageError) {
            return try decodeKeepingChannels(readFile(atPath: path, maxBytes: limits.maxEncodedBytes), limits: limits,
                                             keepingGrayAlpha: keepingGrayAlpha)
        } catch {
            throw ImageError("\(path): \(error.message)")
        }
    }

    /// Decodes like `init(data:limits:)` but keeps the decoded channel layout: gray (1), RGB (3) or RGBA (4).
    /// PNG gray+alpha (also gray with a transparent colour) is composited on black into gray, or with
    /// `keepingGrayAlpha` becomes RGBA with the gray in R, G and B. EXIF orientation is applied.
    public static func decodeKeepingChannels(_ data: [UInt8], limits: ImageLimits = .init(),
                                             keepingGrayAlpha: Bool = false) throws(ImageError) -> Image {
        guard !data.isEmpty else { throw ImageError("empty data (0 bytes)") }
        guard data.count <= limits.maxEncodedBytes else {
            throw ImageError("\(data.count) bytes exceed the \(limits.maxEncodedBytes)-byte limit")
        }
        guard let format = ImageFormat(sniffing: data) else {
            let head = data.prefix(8).map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
            throw ImageError("unrecognized image format (not JPEG, PNG, PGM or PPM; first bytes: \(head))")
        }
        switch format {
        case .jpeg:
            let decoded = try JPEGCodec.decode(data, limits: limits)
            guard let orientation = ExifOrientation(jpeg: data) else { return decoded }
            return decoded.applying(orientation)
        case .png:
            return try PNGCodec.decode(data, limits: limits, keepingGrayAlpha: keepingGrayAlpha)
        case .pnm:
            return try PNMCodec.decode(data, limits: limits)
        }
    }
}

extension String {
    /// The string with leading zeros up to `length` characters.
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
