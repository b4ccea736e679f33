extension Pool2D {
    /// Max pooling over each window; padding cells are skipped (a window lying entirely in the padding
    /// yields `-Float.greatestFiniteMagnitude`, TensorFlow's initial value).
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C]`; must not overlap `input`.
    ///   - geometry: must have passed `validate()`.
    public static func max(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry) {
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
                    destination.update(repeating: -Float.greatestFiniteMagnitude, count: c)
                    var ih = rows.start
                    while ih < rows.end {
                        var iw = columns.start
                        while iw < columns.end {
                            let source = image + ih * inputRowStride + iw * c
                            for channel in 0..<c {
                                let x = source[channel]
                                let current = destination[channel]
                                destination[channel] = x > current ? x : current
                            }
                            iw += 1
                        }
                        ih += 1
                    }
                    destination += c
                }
            }
        }
    }
}
