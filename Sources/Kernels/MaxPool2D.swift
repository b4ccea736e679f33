extension Pool2D {
    /// Max pooling over each window; padding cells are skipped (a window lying entirely in the padding
    /// yields `-Float.greatestFiniteMagnitude`, TensorFlow's initial value).
    ///
    /// - Parameters:
    ///   - input: NHWC `[N, IH, IW, C]`.
    ///   - output: NHWC `[N, OH, OW, C]`; must not overlap `input`.
    ///   - geometry: must have passed `validate()`.
    public static func max(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry) {
        if g.padTop == 0 && g.padLeft == 0 && g.channels >= 8
            && (g.outputHeight - 1) * g.strideHeight + g.windowHeight <= g.inputHeight
            && (g.outputWidth - 1) * g.strideWidth + g.windowWidth <= g.inputWidth {
            maxInsideInput(input: input, output: output, geometry: g)
            return
        }
        reduceWindows(input: input, output: output, geometry: g, initial: -Float.greatestFiniteMagnitude,
                      combine: { current, x in x > current ? x : current }, finish: { _, _ in })
    }
}

extension Pool2D {
    /// Max pooling when every window lies inside the input (no padding cells): 8 channels at a time, windows
    /// folded in the same order and from the same initial value as the general loop, so the bits are the same.
    static func maxInsideInput(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, geometry g: Pool2DGeometry) {
        let c = g.channels
        let inputRowStride = g.inputWidth &* c
        let imageStride = g.inputHeight &* inputRowStride
        let lowest = SIMD8<Float>(repeating: -Float.greatestFiniteMagnitude)
        var destination = output
        for n in 0..<g.batch {
            let image = input + n &* imageStride
            for oh in 0..<g.outputHeight {
                let top = image + oh &* g.strideHeight &* inputRowStride
                for ow in 0..<g.outputWidth {
                    let corner = top + ow &* g.strideWidth &* c
                    var channel = 0
                    while channel &+ 8 <= c {
                        var best = lowest
                        for dy in 0..<g.windowHeight {
                            let row = corner + (dy &* inputRowStride &+ channel)
                            for dx in 0..<g.windowWidth {
                                let x = UnsafeRawPointer(row + dx &* c).loadUnaligned(as: SIMD8<Float>.self)
                                best.replace(with: x, where: x .> best)
                            }
                        }
                        UnsafeMutableRawPointer(destination + channel).storeBytes(of: best, as: SIMD8<Float>.self)
                        channel &+= 8
                    }
                    while channel < c {
                        var best = -Float.greatestFiniteMagnitude
                        for dy in 0..<g.windowHeight {
                            for dx in 0..<g.windowWidth {
                                let x = corner[dy &* inputRowStride &+ dx &* c &+ channel]
                                if x > best { best = x }
                            }
                        }
                        destination[channel] = best
                        channel &+= 1
                    }
                    destination += c
                }
            }
        }
    }
}
