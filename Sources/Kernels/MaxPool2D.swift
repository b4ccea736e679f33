import CKernelsAVX2

extension Pool2D {
    /// Max pooling over each window; padding cells are skipped (a window lying entirely in the padding
    /// yields `-Float.greatestFiniteMagnitude`, TensorFlow's initial value).
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C]`; must not overlap `input`.
    ///   - geometry: must have passed `validate()`.
    ///   - context: the threads a large pool is split over.
    public static func max(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry,
                           context: ComputeContext = .singleThreaded) {
        if g.channels >= 8 {
            maxVectorized(input: input, output: output, geometry: g, context: context)
            return
        }
        reduceWindows(input: input, output: output, geometry: g, initial: -Float.greatestFiniteMagnitude,
                      combine: { current, x in x > current ? x : current }, finish: { _, _ in })
    }
}

extension Pool2D {
    /// Max pooling of 8 channels or more, 8 at a time (the last 8 overlapping the previous ones when the count is
    /// not a multiple of 8): each window clipped to the input (padding cells skipped; a window entirely in the
    /// padding gives `-Float.greatestFiniteMagnitude`), runs of whole windows along a row at once. The same maximum
    /// as the general loop (NaN never wins, from the same initial value), so the same bits; large pools are split
    /// over the context's workers by output rows.
    static func maxVectorized(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry,
                              context: ComputeContext) {
        // Output rows in a fixed number of chunks (independent of the worker count, like every parallel kernel).
        let rows = g.batch &* g.outputHeight
        let chunks = Swift.max(1, Swift.min(4, rows &* g.outputWidth &* g.channels / (1 << 12)))
        let perChunk = (rows + chunks - 1) / chunks
        let pointers = UncheckedSendable((input: input, output: output))
        let avx2 = context.usesAVX2
        context.forEachTask(chunks) { chunk, _ in
            let first = Swift.min(rows, chunk * perChunk)  // the last chunks may be empty (5 rows in 4 chunks of 2)
            maxRows(input: pointers.value.input, output: pointers.value.output, geometry: g,
                    rows: first..<Swift.min(rows, first + perChunk), avx2: avx2)
        }
    }

    /// Output rows `rows` (counted over the batch: row `n * OH + oh`) of ``maxVectorized(input:output:geometry:context:)``;
    /// with `avx2`, the runs of windows on `landmark_max_pool_row` (the same maxima).
    private static func maxRows(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                geometry g: Pool2DGeometry, rows: Range<Int>, avx2: Bool) {
        let c = g.channels
        let inputRowStride = g.inputWidth &* c
        let imageStride = g.inputHeight &* inputRowStride
        for row in rows {
            let n = row / g.outputHeight
            let oh = row &- n &* g.outputHeight
            let out = output + row &* g.outputWidth &* c
            let window = Pool2DGeometry.windowRange(index: oh, stride: g.strideHeight, pad: g.padTop,
                                                    window: g.windowHeight, input: g.inputHeight)
            guard window.end > window.start else {
                out.update(repeating: -Float.greatestFiniteMagnitude, count: g.outputWidth &* c)
                continue
            }
            let top = input + (n &* imageStride &+ window.start &* inputRowStride)
            let height = window.end &- window.start
            var ow = 0
            while ow < g.outputWidth {
                let columns = Pool2DGeometry.windowRange(index: ow, stride: g.strideWidth, pad: g.padLeft,
                                                         window: g.windowWidth, input: g.inputWidth)
                let width = columns.end &- columns.start
                var run = 1
                if width == g.windowWidth {
                    // Whole windows from here: as many as stay inside the row.
                    let last = (g.inputWidth &- g.windowWidth &+ g.padLeft) / g.strideWidth
                    run = Swift.max(1, Swift.min(g.outputWidth, last &+ 1) &- ow)
                } else if width <= 0 {
                    (out + ow &* c).update(repeating: -Float.greatestFiniteMagnitude, count: c)
                    ow &+= 1
                    continue
                }
                if avx2 {
                    landmark_max_pool_row(top + columns.start &* c, c, inputRowStride, c, height, width, g.strideWidth, run,
                                          out + ow &* c, c)
                } else {
                    maxPoolRow(top + columns.start &* c, pixelStride: c, rowStride: inputRowStride, channels: c,
                               windowHeight: height, windowWidth: width, strideWidth: g.strideWidth, outputWidth: run,
                               into: out + ow &* c, outputPixelStride: c)
                }
                ow &+= run
            }
        }
    }

    /// One row of max pooling whose windows all lie inside the input: output pixel `ow` is the maximum over the
    /// `windowHeight x windowWidth` pixels from `top + ow * strideWidth * pixelStride`, 8 channels at a time (the last
    /// 8 overlapping the previous ones when there are 8 or more and the count is not a multiple of 8), folded in
    /// window order from `-Float.greatestFiniteMagnitude` (NaN never wins). Shared by the `MaxPool` op
    /// and the max pool fused into a convolution (``FusedMaxPool``).
    @inline(__always)
    static func maxPoolRow(_ top: UnsafePointer<Float>, pixelStride: Int, rowStride: Int, channels c: Int,
                           windowHeight: Int, windowWidth: Int, strideWidth: Int, outputWidth: Int,
                           into output: UnsafeMutablePointer<Float>, outputPixelStride: Int) {
        let lowest = SIMD8<Float>(repeating: -Float.greatestFiniteMagnitude)
        for ow in 0..<outputWidth {
            let corner = top + ow &* strideWidth &* pixelStride
            let destination = output + ow &* outputPixelStride
            var channel = 0
            while channel &+ 8 <= c {
                var best = lowest
                for dy in 0..<windowHeight {
                    let rowStart = corner + (dy &* rowStride &+ channel)
                    for dx in 0..<windowWidth {
                        let x = UnsafeRawPointer(rowStart + dx &* pixelStride).loadUnaligned(as: SIMD8<Float>.self)
                        best.replace(with: x, where: x .> best)
                    }
                }
                UnsafeMutableRawPointer(destination + channel).storeBytes(of: best, as: SIMD8<Float>.self)
                channel &+= 8
            }
            if channel < c && c >= 8 {
                // The last channels as one vector overlapping the previous one (the same maxima again).
                var best = lowest
                for dy in 0..<windowHeight {
                    let rowStart = corner + (dy &* rowStride &+ c &- 8)
                    for dx in 0..<windowWidth {
                        let x = UnsafeRawPointer(rowStart + dx &* pixelStride).loadUnaligned(as: SIMD8<Float>.self)
                        best.replace(with: x, where: x .> best)
                    }
                }
                UnsafeMutableRawPointer(destination + (c &- 8)).storeBytes(of: best, as: SIMD8<Float>.self)
                channel = c
            }
            while channel < c {
                var best = -Float.greatestFiniteMagnitude
                for dy in 0..<windowHeight {
                    for dx in 0..<windowWidth {
                        let x = corner[dy &* rowStride &+ dx &* pixelStride &+ channel]
                        if x > best { best = x }
                    }
                }
                destination[channel] = best
                channel &+= 1
            }
        }
    }
}
