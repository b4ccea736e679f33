import Images

/// Pixels read as the normalized float values MTCNN's networks take, whether held as floats (``FloatImage``) or
/// as the 8-bit image they come from (``NormalizedImageView``, which needs no float copy of a large image).
protocol NormalizedPixels {
    /// Width in pixels.
    var width: Int { get }
    /// Height in pixels.
    var height: Int { get }
    /// Values per pixel.
    var channels: Int { get }
    /// Calls `body` with a function giving channel `c` of pixel `index` (`row * width + column`); the function
    /// must not escape `body`, and the caller keeps `index` and `c` in range.
    func withValueReader<R>(_ body: ((_ index: Int, _ c: Int) -> Float) -> R) -> R
}

extension FloatImage: NormalizedPixels {
    func withValueReader<R>(_ body: ((_ index: Int, _ c: Int) -> Float) -> R) -> R {
        let channels = channels
        return values.withUnsafeBufferPointer { values in
            body { index, c in values[index * channels + c] }
        }
    }
}

/// An 8-bit gray, RGB or RGBA image read as three normalized channels (``FloatImage/normalizedValues``): gray
/// is replicated into R, G and B and alpha is dropped, exactly as ``FloatImage/init(normalizing:)`` converts it.
struct NormalizedImageView: NormalizedPixels {
    /// The 8-bit image (its buffer checked by ``FloatImage/checkPixels(_:)``).
    let image: Image

    /// Wraps an image after checking its channel count and buffer size.
    init(_ image: Image) throws(FaceDetectionError) {
        try FloatImage.checkPixels(image)
        self.image = image
    }

    var width: Int { image.width }
    var height: Int { image.height }
    var channels: Int { 3 }

    func withValueReader<R>(_ body: ((_ index: Int, _ c: Int) -> Float) -> R) -> R {
        let stride = image.channels
        // Gray reads its one channel three times; RGB and RGBA read the first three.
        let step = stride == 1 ? 0 : 1
        return image.pixels.withUnsafeBufferPointer { pixels in
            FloatImage.normalizedValues.withUnsafeBufferPointer { table in
                body { index, c in table[Int(pixels[index * stride + c * step])] }
            }
        }
    }

    /// The rectangle `columns` x `rows` normalized into a float image.
    func window(columns: Range<Int>, rows: Range<Int>) throws(FaceDetectionError) -> FloatImage {
        try FloatImage(normalizing: image, region: PixelRegion(x: columns.lowerBound, y: rows.lowerBound,
                                                               width: columns.count, height: rows.count))
    }

    /// The image at half its size, each value the mean of a 2x2 block of normalized values (see
    /// ``FloatImage/halved()``), made a band of rows at a time so that no float copy of the whole image exists.
    func halved() throws(FaceDetectionError) -> FloatImage {
        let outWidth = max(1, image.width / 2), outHeight = max(1, image.height / 2)
        let bandRows = 32
        var values: [Float] = []
        values.reserveCapacity(outWidth * outHeight * 3)
        var row = 0
        while row < outHeight {
            let rows = min(bandRows, outHeight - row)
            let sourceRows = image.height == 1 ? 0..<1 : (2 * row)..<(2 * (row + rows))
            let band = try window(columns: 0..<image.width, rows: sourceRows).halved()
            values += band.values
            row += rows
        }
        return FloatImage(width: outWidth, height: outHeight, channels: 3, values: values)
    }
}
