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
        if g.padTop == 0 && g.padLeft == 0 && g.channels >= 8
            && (g.outputHeight - 1) * g.strideHeight + g.windowHeight <= g.inputHeight
            && (g.outputWidth - 1) * g.strideWidth + g.windowWidth <= g.inputWidth {
            maxInsideInput(input: input, output: output, geometry: g, context: context)
            return
        }
        reduceWindows(input: input, output: output, geometry: g, initial: -Float.greatestFiniteMagnitude,
                      combine: { current, x in x > current ? x : current }, finish: { _, _ in })
    }
}

extension Pool2D {
    /// Max pooling when every window lies inside the input (no padding cells): 8 channels at a time, windows
    /// folded in the same order and from the same initial value as the general loop, so the bits are the same;
    /// large pools are split over the context's workers by output rows.
    static func maxInsideInput(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry,
                               context: ComputeContext) {
        // Output rows in a fixed number of chunks (independent of the worker count, like every parallel kernel).
        let rows = g.batch &* g.outputHeight
        let chunks = Swift.max(1, Swift.min(4, rows &* g.outputWidth &* g.channels / (1 << 14)))
        let perChunk = (rows + chunks - 1) / chunks
        let pointers = UncheckedSendable((input: input, output: output))
        context.forEachTask(chunks) { chunk, _ in
            let first = Swift.min(rows, chunk * perChunk)  // the last chunks may be empty (5 rows in 4 chunks of 2)
            maxInsideInput(input: pointers.value.input, output: pointers.value.output, geometry: g,
                           rows: first..<Swift.min(rows, first + perChunk))
        }
    }

    /// Output rows `rows` (counted over the batch: row `n * OH + oh`) of ``maxInsideInput(input:output:geometry:)``.
    private static func maxInsideInput(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                       geometry g: Pool2DGeometry, rows: Range<Int>) {
        let c = g.channels
        let inputRowStride = g.inputWidth &* c
        let imageStride = g.inputHeight &* inputRowStride
        for row in rows {
            let n = row / g.outputHeight
            let oh = row &- n &* g.outputHeight
            maxPoolRow(input + (n &* imageStride &+ oh &* g.strideHeight &* inputRowStride),
                       pixelStride: c, rowStride: inputRowStride, channels: c,
                       windowHeight: g.windowHeight, windowWidth: g.windowWidth, strideWidth: g.strideWidth,
                       outputWidth: g.outputWidth, into: output + row &* g.outputWidth &* c, outputPixelStride: c)
        }
    }

    /// One row of max pooling whose windows all lie inside the input: output pixel `ow` is the maximum over the
    /// `windowHeight x windowWidth` pixels from `top + ow * strideWidth * pixelStride`, 8 channels at a time,
    /// folded in window order from `-Float.greatestFiniteMagnitude` (NaN never wins). Shared by the `MaxPool` op
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
