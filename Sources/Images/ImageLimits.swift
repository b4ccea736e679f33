/// Bounds a decoder checks against the header before it allocates any pixel memory.
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted `width * height`.
    public var maxPixels: Int
    /// Largest accepted width and largest accepted height.
    public var maxDimension: Int
    /// Largest accepted encoded size in bytes (checked before a file is read into memory).
    public var maxEncodedBytes: Int

    /// Creates limits; the defaults accept 100 megapixels, 65535 per side and 1 GiB of encoded data.
    public init(maxPixels: Int = 100_000_000, maxDimension: Int = 65_535, maxEncodedBytes: Int = 1 << 30) {
        self.maxPixels = maxPixels
        self.maxDimension = maxDimension
        self.maxEncodedBytes = maxEncodedBytes
    }

    /// Throws when a `width x height` image with `channels` bytes per pixel exceeds these limits; otherwise returns
    /// the byte count `width * height * channels` (computed without overflow).
    @discardableResult
    public func check(width: Int, height: Int, channels: Int) throws(ImageError) -> Int {
        guard width > 0, height > 0 else {
            throw ImageError("image has zero size (\(width)x\(height))")
        }
        guard width <= maxDimension, height <= maxDimension else {
            throw ImageError("image \(width)x\(height) exceeds the \(maxDimension)-pixel side limit")
        }
        let (area, areaOverflow) = width.multipliedReportingOverflow(by: height)
        guard !areaOverflow, area <= maxPixels else {
            throw ImageError("image \(width)x\(height) exceeds the \(maxPixels)-pixel limit")
        }
        let (bytes, bytesOverflow) = area.multipliedReportingOverflow(by: max(channels, 1))
        guard !bytesOverflow else {
            throw ImageError("image \(width)x\(height)x\(channels) is too large to address")
        }
        return bytes
    }
}
