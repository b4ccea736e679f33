extension Pool2D {
    /// Walks every output cell of a pool: starts it at `initial`, folds the window's input cells into it with
    /// `combine` (padding cells are skipped), then calls `finish` with the cell's channels and how many input
    /// cells the window covered. The one loop behind ``max(input:output:geometry:)`` and
    /// ``average(input:output:geometry:)``.
    @inline(__always)
    static func reduceWindows(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry, initial: Float,
        combine: (Float, Float) -> Float, finish: (UnsafeMutablePointer<Float>, Int) -> Void
    ) {
        let c = g.channels
        guard c > 0 else { return }
        let inputRowStride = g.inputWidth * c
        let imageStride = g.inputHeight * inputRowStride
        var destination = output
        for n in 0..<g.batch {
            let image = input + n * imageStride
            for oh in 0..<g.outputHeight {
                let rows = Pool2DGeometry.windowRange(index: oh, stride: g.strideHeight, pad: g.padTop,
                                                      window: g.windowHeight, input: g.inputHeight)
                for ow in 0..<g.outputWidth {
                    let columns = Pool2DGeometry.windowRange(index: ow, stride: g.strideWidth, pad: g.padLeft,
                                                             window: g.windowWidth, input: g.inputWidth)
                    destination.update(repeating: initial, count: c)
                    var ih = rows.start
                    while ih < rows.end {
                        var iw = columns.start
                        while iw < columns.end {
                            let source = image + ih * inputRowStride + iw * c
                            for channel in 0..<c { destination[channel] = combine(destination[channel], source[channel]) }
                            iw += 1
                        }
                        ih += 1
                    }
                    finish(destination, Swift.max(0, rows.end - rows.start) * Swift.max(0, columns.end - columns.start))
                    destination += c
                }
            }
        }
    }
}
