/// Where the detector takes the pixels of its pyramid levels from, and which levels it resizes from a
/// smaller working copy instead of the image.
///
/// An image of at most ``FaceDetector/Options/maxExactPyramidPixels`` is normalized to floats once and every
/// level is area-resized from that copy, as the `mtcnn` package does. A larger image is never copied whole to
/// floats: a level at scale above 1/2 is area-resized piece by piece from normalized windows of the 8-bit image
/// (bit for bit what the whole resize gives), and a level at scale `s <= 1/2` from a working copy halved `k`
/// times, `2^k <= 1/s` (the exact mean of `2^k x 2^k` blocks, made by halving the previous copy, which is then
/// dropped). Resizing from the copy moves the level's footprint edges to the copy's pixel grid, a blur of under
/// `2^k` image pixels on a level whose pixels span more than `2^k`; it makes each level cost about its own size
/// instead of the image's.
struct PyramidSource {
    /// The image.
    let image: NormalizedImageView
    /// The whole image normalized, for an image small enough to be resized exactly like the package.
    private let whole: FloatImage?
    /// The current working copy and how many image pixels each of its pixels spans per side.
    private var copy: FloatImage?
    private var copyFactor = 1

    /// Prepares the levels of `image`; a normalized copy is made only for an image of at most `exactPixels`.
    init(_ image: NormalizedImageView, exactPixels: Int) throws(FaceDetectionError) {
        self.image = image
        whole = image.width * image.height <= exactPixels ? try FloatImage(normalizing: image.image) : nil
    }

    /// Whether levels are resized from a float copy of the whole image (the package's way).
    var isExact: Bool { whole != nil }

    /// Makes the working copy the level at `scale` is resized from (halving the current one as often as
    /// needed). Levels must be prepared in order of decreasing scale (the working copies only get smaller), each
    /// before its tiles are asked for.
    mutating func prepare(scale: Double) throws(FaceDetectionError) {
        guard whole == nil else { return }
        var factor = 1
        while Double(factor * 2) * scale <= 1, factor * 2 <= min(image.width, image.height) { factor *= 2 }
        while copyFactor < factor {
            if let copy { self.copy = copy.halved() } else { copy = try image.halved() }
            copyFactor *= 2
        }
    }

    /// The rectangle `columns` x `rows` of the level of `width` x `height` pixels at `scale`, which
    /// ``prepare(scale:)`` was called for last. Reads only, so tiles of one level may be made concurrently.
    func tile(scale: Double, width: Int, height: Int, columns: Range<Int>,
              rows: Range<Int>) throws(FaceDetectionError) -> FloatImage {
        if let whole {
            return AreaResize.resize(whole, origin: (0, 0), inputWidth: whole.width, inputHeight: whole.height,
                                     height: height, width: width, rows: rows, columns: columns)
        }
        if let copy, copyFactor > 1 {
            return AreaResize.resize(copy, origin: (0, 0), inputWidth: copy.width, inputHeight: copy.height,
                                     height: height, width: width, rows: rows, columns: columns)
        }
        let neededColumns = AreaResize.inputRange(input: image.width, output: width, outputs: columns)
        let neededRows = AreaResize.inputRange(input: image.height, output: height, outputs: rows)
        let window = try image.window(columns: neededColumns, rows: neededRows)
        return AreaResize.resize(window, origin: (neededColumns.lowerBound, neededRows.lowerBound),
                                 inputWidth: image.width, inputHeight: image.height, height: height, width: width,
                                 rows: rows, columns: columns)
    }
}
