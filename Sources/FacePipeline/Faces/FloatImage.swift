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

    /// The image as MTCNN takes it: three channels, each pixel value v mapped to (v - 127.5) / 128 in float
    /// arithmetic (exact), like `mtcnn.utils.images.normalize_images`. Gray is replicated into R, G and B;
    /// an alpha channel is dropped.
    init(normalizing image: Image) throws(FaceDetectionError) {
        let channels = image.channels
        guard image.width > 0, image.height > 0, [1, 3, 4].contains(channels) else {
            throw FaceDetectionError(.invalidImage, "image \(image.width)x\(image.height) with \(channels) channels is not supported")
        }
        let (area, o1) = image.width.multipliedReportingOverflow(by: image.height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: channels)
        let (floats, o3) = area.multipliedReportingOverflow(by: 3)
        guard !o1, !o2, !o3, bytes == image.pixels.count else {
            throw FaceDetectionError(.invalidImage,
                "image \(image.width)x\(image.height)x\(channels) holds \(image.pixels.count) bytes")
        }
        // One table lookup per byte: the 256 possible normalized values.
        var table = [Float](repeating: 0, count: 256)
        for v in 0..<256 { table[v] = (Float(v) - 127.5) / 128 }
        let values = [Float](unsafeUninitializedCapacity: floats) { output, count in
            image.pixels.withUnsafeBufferPointer { input in
                table.withUnsafeBufferPointer { table in
                    guard let src = input.baseAddress, let dst = output.baseAddress, let lut = table.baseAddress else { return }
                    switch channels {
                    case 3:
                        for i in 0..<floats { dst[i] = lut[Int(src[i])] }
                    case 1:
                        for i in 0..<area {
                            let v = lut[Int(src[i])]
                            dst[3 * i] = v
                            dst[3 * i + 1] = v
                            dst[3 * i + 2] = v
                        }
                    default:
                        for i in 0..<area {
                            dst[3 * i] = lut[Int(src[4 * i])]
                            dst[3 * i + 1] = lut[Int(src[4 * i + 1])]
                            dst[3 * i + 2] = lut[Int(src[4 * i + 2])]
                        }
                    }
                }
            }
            count = floats
        }
        self.init(width: image.width, height: image.height, channels: 3, values: values)
    }

    /// A rectangle of an 8-bit RGB image (which must lie inside it), normalized like ``init(normalizing:)``.
    init(normalizing image: Image, region: PixelRegion) throws(FaceDetectionError) {
        guard image.channels == 3, region.x >= 0, region.y >= 0, region.width > 0, region.height > 0,
              region.x + region.width <= image.width, region.y + region.height <= image.height,
              image.pixels.count == image.width * image.height * 3 else {
            throw FaceDetectionError(.invalidImage,
                "region \(region.x),\(region.y) \(region.width)x\(region.height) of a \(image.width)x\(image.height)x\(image.channels) image")
        }
        let count = region.width * region.height * 3
        let values = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            image.pixels.withUnsafeBufferPointer { input in
                guard let src = input.baseAddress, let dst = output.baseAddress else { return }
                for row in 0..<region.height {
                    let from = src + ((region.y + row) * image.width + region.x) * 3
                    let to = dst + row * region.width * 3
                    for i in 0..<(region.width * 3) { to[i] = (Float(from[i]) - 127.5) / 128 }
                }
            }
            initialized = count
        }
        self.init(width: region.width, height: region.height, channels: 3, values: values)
    }
}
