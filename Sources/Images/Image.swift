/// An 8-bit image in memory: rows top to bottom, pixels left to right, channels interleaved (RGB or gray).
public struct Image: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Channels per pixel: 1 (gray), 3 (RGB) or 4 (RGBA).
    public let channels: Int
    /// `height * width * channels` bytes.
    public var pixels: [UInt8]

    /// Wraps pixel bytes; throws when their count does not match the dimensions.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ImageError) {
        guard width > 0, height > 0, [1, 3, 4].contains(channels) else {
            throw ImageError("invalid image dimensions \(width)x\(height)x\(channels)")
        }
        let (area, o1) = width.multipliedReportingOverflow(by: height)
        let (count, o2) = area.multipliedReportingOverflow(by: channels)
        guard !o1, !o2, count == pixels.count else {
            throw ImageError("\(pixels.count) bytes do not fill a \(width)x\(height)x\(channels) image")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

/// An error decoding, encoding or handling an image; its description is one line.
public struct ImageError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The one-line message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The one-line message.
    public var description: String { message }
}
