/// Area-averaging resize exactly as TensorFlow's `ResizeArea` kernel computes it (what `tf.image.resize(...,
/// method=AREA)` and so the `mtcnn` package's image pyramid use; close to OpenCV's `INTER_AREA`): every output
/// pixel is the average of the input cells its footprint covers, each weighted by the covered fraction, in
/// float arithmetic and summation order of that kernel. Works for downscaling and upscaling.
enum AreaResize {
    /// The input cells one output row or column covers: `start..<end`, full weight in between.
    struct Span: Equatable {
        var start: Int
        var end: Int
        var startWeight: Float
        var lastWeight: Float
    }

    /// TensorFlow's `CalculateResizeScale` without corner alignment: input size / output size in float.
    static func scale(input: Int, output: Int) -> Float { Float(input) / Float(output) }

    /// The covered fraction of input cell `cell` by the output footprint `[begin, end)` (TF's expression).
    @inline(__always)
    static func weight(cell: Int, begin: Float, end: Float, scale: Float) -> Float {
        let lower = Float(cell), upper = Float(cell + 1)
        if lower < begin {
            return upper > end ? scale : upper - begin
        }
        return upper > end ? end - lower : 1
    }

    /// The spans of all `output` rows (or columns) of an axis of `input` cells.
    static func spans(input: Int, output: Int) -> [Span] {
        let scale = scale(input: input, output: output)
        var spans: [Span] = []
        spans.reserveCapacity(output)
        for i in 0..<output {
            let begin = Float(i) * scale
            let end = Float(i + 1) * scale
            let start = Int(begin.rounded(.down))
            let stop = Int(end.rounded(.up))
            spans.append(Span(start: start, end: stop,
                              startWeight: weight(cell: start, begin: begin, end: end, scale: scale),
                              lastWeight: weight(cell: stop - 1, begin: begin, end: end, scale: scale)))
        }
        return spans
    }

    /// Resizes `image` to `height` x `width` (both >= 1).
    static func resize(_ image: FloatImage, height: Int, width: Int) -> FloatImage {
        precondition(height > 0 && width > 0 && image.width > 0 && image.height > 0)
        let channels = image.channels
        let rowSpans = spans(input: image.height, output: height)
        let columnSpans = spans(input: image.width, output: width)
        let heightScale = scale(input: image.height, output: height)
        let widthScale = scale(input: image.width, output: width)
        let norm = Float(1.0 / Double(heightScale * widthScale))
        let inHeight = image.height, inWidth = image.width
        let rowStride = inWidth * channels
        var rowWeights: [Float] = []
        var rowIndices: [Int] = []
        let count = height * width * channels
        let values = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            image.values.withUnsafeBufferPointer { input in
                guard let src = input.baseAddress, let dst = output.baseAddress else { return }
                var out = dst
                for y in 0..<height {
                    let span = rowSpans[y]
                    let begin = Float(y) * heightScale, end = Float(y + 1) * heightScale
                    rowWeights.removeAll(keepingCapacity: true)
                    rowIndices.removeAll(keepingCapacity: true)
                    for i in span.start..<span.end {
                        rowWeights.append(weight(cell: i, begin: begin, end: end, scale: heightScale))
                        rowIndices.append(min(inHeight - 1, max(0, i)) * rowStride)
                    }
                    for x in 0..<width {
                        let columns = columnSpans[x]
                        let first = min(inWidth - 1, max(0, columns.start)) * channels
                        let last = min(inWidth - 1, max(0, columns.end - 1)) * channels
                        for c in 0..<channels {
                            var sum: Float = 0
                            for r in 0..<rowIndices.count {
                                let row = src + rowIndices[r] + c
                                var rowSum = row[first] * columns.startWeight
                                if columns.start + 1 != columns.end {
                                    var column = columns.start + 1
                                    while column < columns.end - 1 {
                                        rowSum += row[min(inWidth - 1, max(0, column)) * channels]
                                        column += 1
                                    }
                                    rowSum += row[last] * columns.lastWeight
                                }
                                sum += rowSum * rowWeights[r]
                            }
                            out[c] = sum * norm
                        }
                        out += channels
                    }
                }
            }
            initialized = count
        }
        return FloatImage(width: width, height: height, channels: channels, values: values)
    }
}
