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

    /// The spans of the rows (or columns) `outputs` of `output` ones over an axis of `input` cells.
    static func spans(input: Int, output: Int, outputs: Range<Int>? = nil) -> [Span] {
        let scale = scale(input: input, output: output)
        let range = outputs ?? 0..<output
        var spans: [Span] = []
        spans.reserveCapacity(range.count)
        for i in range {
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

    /// The input cells that the outputs `outputs` (of `output`, non-empty) of an axis of `input` cells read:
    /// a window of the input holding these cells is all that ``resize(_:origin:inputWidth:inputHeight:height:width:rows:columns:)``
    /// needs for those outputs.
    static func inputRange(input: Int, output: Int, outputs: Range<Int>) -> Range<Int> {
        let scale = scale(input: input, output: output)
        let first = Int((Float(outputs.lowerBound) * scale).rounded(.down))
        let stop = Int((Float(outputs.upperBound) * scale).rounded(.up))
        let lower = min(input - 1, max(0, first)), upper = min(input - 1, max(0, stop - 1))
        return lower..<(upper + 1)
    }

    /// Resizes `image` to `height` x `width` (both >= 1).
    ///
    /// Per output pixel and channel: for each covered input row, the row's covered cells are summed left to
    /// right (first and last weighted, those between with weight 1), the row sums are added top to bottom
    /// each times its row weight, and the total is multiplied by `1 / (heightScale * widthScale)` -- the
    /// order TensorFlow uses, so the results agree to the last bit barring fused multiply-adds.
    static func resize(_ image: FloatImage, height: Int, width: Int) -> FloatImage {
        resize(image, origin: (0, 0), inputWidth: image.width, inputHeight: image.height, height: height, width: width,
               rows: 0..<height, columns: 0..<width)
    }

    /// The rectangle `rows` x `columns` of the `height` x `width` resize of an `inputWidth` x `inputHeight`
    /// input, of which `window` holds the part whose top-left pixel is `origin`; the window must hold the
    /// ``inputRange(input:output:outputs:)`` of the rows and of the columns. Every value is the one the whole
    /// resize computes, bit for bit (same spans, weights and summation order), so a large result can be made
    /// piece by piece from pieces of its input.
    static func resize(_ window: FloatImage, origin: (x: Int, y: Int), inputWidth: Int, inputHeight: Int,
                       height: Int, width: Int, rows: Range<Int>, columns outputColumns: Range<Int>) -> FloatImage {
        precondition(height > 0 && width > 0 && inputWidth > 0 && inputHeight > 0 && !rows.isEmpty && !outputColumns.isEmpty
                     && rows.lowerBound >= 0 && rows.upperBound <= height
                     && outputColumns.lowerBound >= 0 && outputColumns.upperBound <= width)
        let channels = window.channels
        let inHeight = inputHeight, inWidth = inputWidth
        let heightScale = scale(input: inHeight, output: height)
        let widthScale = scale(input: inWidth, output: width)
        let norm = Float(1.0 / Double(heightScale * widthScale))
        let neededRows = inputRange(input: inHeight, output: height, outputs: rows)
        let neededColumns = inputRange(input: inWidth, output: width, outputs: outputColumns)
        precondition(origin.x <= neededColumns.lowerBound && neededColumns.upperBound <= origin.x + window.width
                     && origin.y <= neededRows.lowerBound && neededRows.upperBound <= origin.y + window.height,
                     "AreaResize: the window does not hold the input the rectangle reads")
        // Per output column: the clamped first and last cell offsets; the cells between need no clamping
        // (only the last cell can pass the edge, through float rounding of the footprint's end).
        let columns = spans(input: inWidth, output: width, outputs: outputColumns)
        let firstOffsets = columns.map { (min(inWidth - 1, max(0, $0.start)) - origin.x) * channels }
        let lastOffsets = columns.map { (min(inWidth - 1, max(0, $0.end - 1)) - origin.x) * channels }
        let rowStride = window.width * channels
        let outWidth = outputColumns.count
        var rowWeights: [Float] = []
        var rowOffsets: [Int] = []
        let count = rows.count * outWidth * channels
        let values = [Float](unsafeUninitializedCapacity: count) { output, initialized in
            window.values.withUnsafeBufferPointer { input in
            columns.withUnsafeBufferPointer { columns in
            firstOffsets.withUnsafeBufferPointer { firstOffsets in
            lastOffsets.withUnsafeBufferPointer { lastOffsets in
                guard let src = input.baseAddress, var out = output.baseAddress else { return }
                // A vector load at `offset` reads 4 values: allowed while `offset < vectorLimit`.
                let vectorLimit = input.count - 3
                @inline(__always) func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
                    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
                }
                for y in rows {
                    let begin = Float(y) * heightScale, end = Float(y + 1) * heightScale
                    let firstRow = Int(begin.rounded(.down)), endRow = Int(end.rounded(.up))
                    rowWeights.removeAll(keepingCapacity: true)
                    rowOffsets.removeAll(keepingCapacity: true)
                    for i in firstRow..<endRow {
                        rowWeights.append(weight(cell: i, begin: begin, end: end, scale: heightScale))
                        rowOffsets.append((min(inHeight - 1, max(0, i)) - origin.y) * rowStride)
                    }
                    rowWeights.withUnsafeBufferPointer { rowWeights in
                    rowOffsets.withUnsafeBufferPointer { rowOffsets in
                        for x in 0..<outWidth {
                            let span = columns[x]
                            let first = firstOffsets[x], last = lastOffsets[x]
                            let middle = (span.start + 1 - origin.x) * channels, middleEnd = (span.end - 1 - origin.x) * channels
                            let single = span.start + 1 == span.end
                            if channels == 3 {
                                // The three channels as lanes 0-2 of one vector (lane 3 reads the next value and
                                // is discarded), two rows at a time: each lane is the scalar sum below, in the
                                // same order. Row offsets grow with the row, so the second row bounds both.
                                var sum = SIMD4<Float>()
                                let rowCount = rowOffsets.count
                                var r = 0
                                while r + 1 < rowCount, rowOffsets[r + 1] + last < vectorLimit {
                                    let rowA = src + rowOffsets[r], rowB = src + rowOffsets[r + 1]
                                    var a = load(rowA + first) * span.startWeight
                                    var b = load(rowB + first) * span.startWeight
                                    if !single {
                                        var offset = middle
                                        while offset < middleEnd {
                                            a += load(rowA + offset)
                                            b += load(rowB + offset)
                                            offset += 3
                                        }
                                        a += load(rowA + last) * span.lastWeight
                                        b += load(rowB + last) * span.lastWeight
                                    }
                                    sum += a * rowWeights[r]
                                    sum += b * rowWeights[r + 1]
                                    r += 2
                                }
                                var sum0 = sum[0], sum1 = sum[1], sum2 = sum[2]
                                while r < rowCount {
                                    let row = src + rowOffsets[r]
                                    var row0 = row[first] * span.startWeight
                                    var row1 = row[first + 1] * span.startWeight
                                    var row2 = row[first + 2] * span.startWeight
                                    if !single {
                                        var offset = middle
                                        while offset < middleEnd {
                                            row0 += row[offset]
                                            row1 += row[offset + 1]
                                            row2 += row[offset + 2]
                                            offset += 3
                                        }
                                        row0 += row[last] * span.lastWeight
                                        row1 += row[last + 1] * span.lastWeight
                                        row2 += row[last + 2] * span.lastWeight
                                    }
                                    let w = rowWeights[r]
                                    sum0 += row0 * w
                                    sum1 += row1 * w
                                    sum2 += row2 * w
                                    r += 1
                                }
                                out[0] = sum0 * norm
                                out[1] = sum1 * norm
                                out[2] = sum2 * norm
                            } else {
                                for c in 0..<channels {
                                    var sum: Float = 0
                                    for r in 0..<rowOffsets.count {
                                        let row = src + rowOffsets[r] + c
                                        var rowSum = row[first] * span.startWeight
                                        if !single {
                                            var offset = middle
                                            while offset < middleEnd {
                                                rowSum += row[offset]
                                                offset += channels
                                            }
                                            rowSum += row[last] * span.lastWeight
                                        }
                                        sum += rowSum * rowWeights[r]
                                    }
                                    out[c] = sum * norm
                                }
                            }
                            out += channels
                        }
                    }
                    }
                }
            }
            }
            }
            }
            initialized = count
        }
        return FloatImage(width: outWidth, height: rows.count, channels: channels, values: values)
    }
}
