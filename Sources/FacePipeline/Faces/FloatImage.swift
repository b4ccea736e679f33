import Images

/// A float image in memory: rows top to bottom, pixels left to right, channels interleaved (HWC), as the
/// networks take it.
struct FloatImage: Sendable, Equatable {
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// Values per pixel.
    let channels: Int
    /// `height * width * channels` values.
    var values: [Float]

    /// Wraps values whose count the caller guarantees to be `height * width * channels`.
    init(width: Int, height: Int, channels: Int, values: [Float]) {
        precondition(values.count == width * height * channels, "FloatImage: value count does not match")
        self.width = width
        self.height = height
        self.channels = channels
        self.values = values
    }

    /// The 256 values MTCNN maps the 8-bit values v to: (v - 127.5) / 128 in float arithmetic (exact), like
    /// `mtcnn.utils.images.normalize_images`.
    static let normalizedValues: [Float] = (0..<256).map { (Float($0) - 127.5) / 128 }

    /// The image as MTCNN takes it: three channels, each pixel value normalized (``normalizedValues``). Gray is
    /// replicated into R, G and B; an alpha channel is dropped.
    init(normalizing image: Image) throws(FaceDetectionError) {
        try Self.checkPixels(image)
        try self.init(normalizing: image, region: PixelRegion(x: 0, y: 0, width: image.width, height: image.height))
    }

    /// Throws ``FaceDetectionError/Kind/invalidImage`` unless the image has 1, 3 or 4 channels and a pixel
    /// buffer of exactly its size.
    static func checkPixels(_ image: Image) throws(FaceDetectionError) {
        let channels = image.channels
        guard image.width > 0, image.height > 0, [1, 3, 4].contains(channels) else {
            throw FaceDetectionError(.invalidImage, "image \(image.width)x\(image.height) with \(channels) channels is not supported")
        }
        let (area, o1) = image.width.multipliedReportingOverflow(by: image.height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: channels)
        let (_, o3) = area.multipliedReportingOverflow(by: 12)
        guard !o1, !o2, !o3, bytes == image.pixels.count else {
            throw FaceDetectionError(.invalidImage,
                "image \(image.width)x\(image.height)x\(channels) holds \(image.pixels.count) bytes")
        }
    }

    /// A rectangle of an 8-bit gray, RGB or RGBA image (which must lie inside it), normalized like
    /// ``init(normalizing:)``: three channels, gray replicated, alpha dropped.
    init(normalizing image: Image, region: PixelRegion) throws(FaceDetectionError) {
        let channels = image.channels
        guard [1, 3, 4].contains(channels), region.x >= 0, region.y >= 0, region.width > 0, region.height > 0,
              region.x + region.width <= image.width, region.y + region.height <= image.height,
              image.pixels.count == image.width * image.height * channels else {
            throw FaceDetectionError(.invalidImage,
                "region \(region.x),\(region.y) \(region.width)x\(region.height) of a \(image.width)x\(image.height)x\(channels) image")
        }
        let count = region.width * region.height * 3
        let values = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            image.pixels.withUnsafeBufferPointer { input in
            Self.normalizedValues.withUnsafeBufferPointer { table in
                guard let src = input.baseAddress, let dst = output.baseAddress, let lut = table.baseAddress else { return }
                for row in 0..<region.height {
                    let from = src + ((region.y + row) * image.width + region.x) * channels
                    let to = dst + row * region.width * 3
                    switch channels {
                    case 3:
                        for i in 0..<(region.width * 3) { to[i] = lut[Int(from[i])] }
                    case 1:
                        for i in 0..<region.width {
                            let v = lut[Int(from[i])]
                            to[3 * i] = v
                            to[3 * i + 1] = v
                            to[3 * i + 2] = v
                        }
                    default:
                        for i in 0..<region.width {
                            to[3 * i] = lut[Int(from[4 * i])]
                            to[3 * i + 1] = lut[Int(from[4 * i + 1])]
                            to[3 * i + 2] = lut[Int(from[4 * i + 2])]
                        }
                    }
                }
            }
            }
            initialized = count
        }
        self.init(width: region.width, height: region.height, channels: 3, values: values)
    }

    /// This image at half its size (sides rounded down, at least 1): each value the mean of a 2x2 block (a last
    /// odd row or column is left out). The mean is exact for images made of normalized 8-bit values and their
    /// means (the sums need few mantissa bits), so a halving of a halving is the exact mean of a 4x4 block.
    func halved() -> FloatImage {
        let outWidth = max(1, width / 2), outHeight = max(1, height / 2)
        let dx = width > 1 ? 1 : 0, dy = height > 1 ? 1 : 0
        let channels = channels, width = width
        let count = outWidth * outHeight * channels
        let result = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            values.withUnsafeBufferPointer { input in
                guard let src = input.baseAddress, let dst = output.baseAddress else { return }
                var out = dst
                for y in 0..<outHeight {
                    let top = src + 2 * y * width * channels, bottom = src + (2 * y + dy) * width * channels
                    for x in 0..<outWidth {
                        let left = 2 * x * channels, right = (2 * x + dx) * channels
                        for c in 0..<channels {
                            out[c] = ((top[left + c] + top[right + c]) + (bottom[left + c] + bottom[right + c])) * 0.25
                        }
                        out += channels
                    }
                }
            }
            initialized = count
        }
        return FloatImage(width: outWidth, height: outHeight, channels: channels, values: result)
    }
}
